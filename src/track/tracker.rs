//! [`Tracker`]: the state machine that turns a stream of events into call records and agent
//! state intervals.

use super::board::{AgentStatus, Board, OpenCall};
use super::call::{Call, Closing, is_supervisor};
use super::interval::{AgentInterval, IntervalEnd};
use super::knowledge::{CallMoment, ReadContext, Reading, VendorKnowledge};
use super::record::{CallRecord, Outcome, non_negative};
use super::scoped::Scoped;
use crate::AnyEvent;
use crate::common::{AgentState, CommonEvent, ConvertOptions, EventKind, NotReadyReason, PartyRole, Vendor};
use chrono::{DateTime, TimeDelta, Utc};
use serde::Serialize;
use std::collections::VecDeque;

/// How a [`Tracker`] behaves.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct TrackerConfig {
    /// A call with no event for this long (in event time) is closed as
    /// [`Outcome::Incomplete`]. Default: 2 hours, longer than any ordinary call.
    pub idle_timeout: TimeDelta,
    /// How many closed calls are remembered, to recognise a late or repeated event for one,
    /// to add its agents' after-call work and to reconcile the vendor's record with it.
    /// Beyond it, the oldest is forgotten and an event for it opens a new call. Default 4096.
    pub closed_capacity: usize,
    /// The conversion options (local offset, default tenant). The receive time given with each
    /// event replaces `received_at`.
    pub convert: ConvertOptions,
}

impl Default for TrackerConfig {
    fn default() -> Self {
        TrackerConfig {
            idle_timeout: TimeDelta::hours(2),
            closed_capacity: 4096,
            convert: ConvertOptions::default(),
        }
    }
}

impl TrackerConfig {
    /// Sets the idle time after which a call is closed as incomplete.
    pub fn with_idle_timeout(mut self, idle_timeout: TimeDelta) -> Self {
        self.idle_timeout = idle_timeout;
        self
    }

    /// Sets how many closed calls are remembered.
    pub fn with_closed_capacity(mut self, closed_capacity: usize) -> Self {
        self.closed_capacity = closed_capacity;
        self
    }

    /// Sets the conversion options.
    pub fn with_convert(mut self, convert: ConvertOptions) -> Self {
        self.convert = convert;
        self
    }
}

/// What became of one input event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Disposition {
    /// It moved a call or an agent (or both).
    Applied,
    /// It repeated a moment already seen, and moved no agent.
    Duplicate,
    /// It came for a call already closed, which it does not reopen.
    Late,
    /// It has no time and none was seen before it, so it cannot be placed.
    Unplaced,
    /// It names no call or agent the tracker can follow (a vendor record for an unknown call,
    /// an event that names neither).
    Unattributed,
}

impl Disposition {
    /// The value as written in JSON (`snake_case`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Disposition::Applied => "applied",
            Disposition::Duplicate => "duplicate",
            Disposition::Late => "late",
            Disposition::Unplaced => "unplaced",
            Disposition::Unattributed => "unattributed",
        }
    }
}

impl std::fmt::Display for Disposition {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Something the tracker wants its user to know about an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Notice {
    /// What happened.
    pub kind: Disposition,
    /// The vendor.
    pub vendor: Vendor,
    /// The tenant.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tenant: Option<String>,
    /// The call.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub call_id: Option<String>,
    /// The vendor's event type.
    pub vendor_event_type: String,
    /// The event's time.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at: Option<DateTime<Utc>>,
}

/// An event as the tracker passes it on: as sent, completed, or derived.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct TrackedEvent {
    /// The event.
    #[serde(flatten)]
    pub event: CommonEvent,
    /// Whether the tracker derived it (no payload said it).
    pub derived: bool,
    /// The fields the tracker filled in (`agent_id`, `party.role`), empty for an event as sent.
    pub inferred: Vec<&'static str>,
}

/// What the tracker learnt from one event (or from [`Tracker::finish`]).
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct Update {
    /// What became of the input event (`None` from [`Tracker::finish`]).
    pub disposition: Option<Disposition>,
    /// The input event (completed with what the tracker knows) followed by the events derived
    /// from it (a call cleared, a CCAI hold).
    pub events: Vec<TrackedEvent>,
    /// Call records closed or amended.
    pub calls: Vec<CallRecord>,
    /// Agent state intervals that ended.
    pub intervals: Vec<AgentInterval>,
    /// Duplicates dropped, late events, events that could not be placed or attributed.
    pub notices: Vec<Notice>,
}

/// A closed call, remembered for a while.
#[derive(Debug, Clone, PartialEq)]
struct Closed {
    record: CallRecord,
    dedup: VecDeque<u64>,
    /// Agents still wrapping up this call.
    pending_acw: Vec<String>,
}

/// One agent's current state.
#[derive(Debug, Clone, PartialEq)]
struct Agent {
    tenant: Option<String>,
    state: AgentState,
    reason: Option<NotReadyReason>,
    since: DateTime<Utc>,
    call_id: Option<String>,
    inferred: bool,
    last_call: Option<String>,
    /// The state to return to when a call the tracker put the agent on ends (the feed's
    /// agent mode, which its calls do not change).
    resume: Option<(AgentState, Option<NotReadyReason>)>,
}

/// A state an event puts an agent in.
struct AgentMove {
    agent_id: String,
    state: AgentState,
    inferred: bool,
}

/// Follows calls and agents across events of any vendors and tenants at once, and emits call
/// records and agent state intervals.
///
/// Feed it every event, in arrival order, with [`Tracker::track`]; call [`Tracker::finish`]
/// when the input ends. It reads no clock and does no I/O: time comes from each event, or from
/// the receive time given with it (Google CCAI payloads carry none), or, for an event with
/// neither, the latest time seen. The same input always gives the same output.
///
/// State is kept for open calls and known agents only (plus the bounded memory of recently
/// closed calls, [`TrackerConfig::closed_capacity`], and each tenant's device → agent map), so
/// memory stays flat on an endless stream: calls idle for [`TrackerConfig::idle_timeout`]
/// are closed as incomplete, and an agent that logs off is forgotten.
///
/// ```
/// use cc_events::track::{Outcome, Tracker};
///
/// let mut tracker = Tracker::default();
/// let mut records = Vec::new();
/// for line in [
///     r#"{"eventTime":"2021-04-14T03:25:00Z","eventType":"Route2IVR","instanceId":"i-1","contactId":"c-1","channelId":"ch-customer-1","callType":"INBOUND","caller":"13888888888","callee":"01112345678"}"#,
///     r#"{"eventTime":"2021-04-14T03:25:09.877Z","eventType":"Abandoned","instanceId":"i-1","contactId":"c-1","channelId":"ch-customer-1","callType":"INBOUND","caller":"13888888888","callee":"01112345678","abandonPhase":"IVR"}"#,
/// ] {
///     let event = cc_events::parse(line.as_bytes())?;
///     records.extend(tracker.track(&event, None).calls);
/// }
/// records.extend(tracker.finish().calls);
/// assert_eq!(records.len(), 1);
/// assert_eq!(records[0].outcome, Outcome::Abandoned);
/// assert_eq!(records[0].ivr_ms, Some(9877));
/// # Ok::<(), cc_events::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Tracker {
    config: TrackerConfig,
    calls: Scoped<Call>,
    closed: Scoped<Closed>,
    closed_order: VecDeque<(Vendor, String, String)>,
    agents: Scoped<Agent>,
    devices: Scoped<String>,
    /// Each vendor and tenant's clock (keyed with id `""`): feeds' clocks differ, and one
    /// feed's time never closes another's calls.
    clocks: Scoped<Clock>,
    /// The latest time of any event.
    watermark: Option<DateTime<Utc>>,
}

/// The time of one vendor and tenant: its latest event, and its last idle sweep.
#[derive(Debug, Clone, PartialEq)]
struct Clock {
    latest: DateTime<Utc>,
    last_sweep: DateTime<Utc>,
}

impl Default for Tracker {
    fn default() -> Self {
        Tracker::new(TrackerConfig::default())
    }
}

/// No vendor knowledge: the event's kinds alone (Google CCAI's chat sessions, whose events
/// say what happened to the session themselves).
struct Plain;

impl VendorKnowledge for Plain {
    fn read(&self, common: &CommonEvent, _context: &ReadContext<'_>) -> Reading {
        Reading::plain(common)
    }
}

/// The schema's knowledge of an event.
fn knowledge_of(event: &AnyEvent) -> &dyn VendorKnowledge {
    match event {
        #[cfg(feature = "aliyun_v2")]
        AnyEvent::AliyunV2(event) => event,
        #[cfg(feature = "push_v7")]
        AnyEvent::PushV7(event) => event,
        #[cfg(feature = "csta")]
        AnyEvent::Csta(event) => event,
        #[cfg(feature = "ccai_qm")]
        AnyEvent::CcaiQm(event) => event,
        #[allow(unreachable_patterns)]
        _ => &Plain,
    }
}

fn is_busy(state: &AgentState) -> bool {
    matches!(
        state,
        AgentState::Reserved | AgentState::Dialing | AgentState::Ringing | AgentState::Talking | AgentState::OnHold
    )
}

impl Tracker {
    /// A tracker with `config`.
    pub fn new(config: TrackerConfig) -> Self {
        Tracker {
            config,
            calls: Scoped::default(),
            closed: Scoped::default(),
            closed_order: VecDeque::new(),
            agents: Scoped::default(),
            devices: Scoped::default(),
            clocks: Scoped::default(),
            watermark: None,
        }
    }

    /// Tracks one event. `received_at` is when it was received: the time of an event whose
    /// payload carries none.
    pub fn track(&mut self, event: &AnyEvent, received_at: Option<DateTime<Utc>>) -> Update {
        self.config.convert.received_at = received_at;
        let common = event.to_common(&self.config.convert);
        self.config.convert.received_at = None;
        self.track_common(knowledge_of(event), common)
    }

    fn track_common(&mut self, knowledge: &dyn VendorKnowledge, mut common: CommonEvent) -> Update {
        let mut update = Update::default();
        let vendor = &common.vendor.clone();
        let tenant = common.tenant.clone().unwrap_or_default();
        let time = common.time.as_ref().map(|time| time.utc);
        let clock = || self.clocks.get(vendor, &tenant, "").map(|clock| clock.latest);
        let time = match time.or_else(clock).or(self.watermark) {
            Some(time) => time,
            None => {
                update.disposition = Some(Disposition::Unplaced);
                update.notices.push(notice(Disposition::Unplaced, &common, None));
                update.events.push(TrackedEvent {
                    event: common,
                    derived: false,
                    inferred: Vec::new(),
                });
                return update;
            }
        };
        let mut inferred: Vec<&'static str> = Vec::new();
        if common.time.is_none() {
            inferred.push("time");
        }
        if self.watermark.is_none_or(|watermark| time > watermark) {
            self.watermark = Some(time);
        }
        self.sweep(vendor, &tenant, time, &mut update);

        let previous = common
            .call_id
            .as_deref()
            .filter(|_| knowledge.sends_snapshots())
            .and_then(|call| self.calls.get(vendor, &tenant, call))
            .and_then(|call| call.snapshot.as_ref());
        let context = ReadContext::new(self.config.convert.local_offset).with_previous(previous);
        let reading = knowledge.read(&common, &context);

        if let Some(binding) = &reading.binds_device {
            match &binding.agent_id {
                Some(agent) => self.devices.insert(vendor, &tenant, &binding.device, agent.clone()),
                None => {
                    self.devices.remove(vendor, &tenant, &binding.device);
                }
            }
        }
        if common.agent_id.is_none() {
            if let Some(agent) = reading
                .device
                .as_deref()
                .and_then(|device| self.devices.get(vendor, &tenant, device))
            {
                common.agent_id = Some(agent.as_str().into());
                if let Some(party) = common.party.as_mut().filter(|party| party.role == PartyRole::Agent) {
                    party.agent_id = Some(agent.as_str().into());
                }
                inferred.push("agent_id");
            }
        }

        let agent_used = self.apply_agents(&common, &reading, time, &tenant, &mut update);
        let call_result = self.apply_call(&mut common, &reading, time, &tenant, &mut inferred, &mut update);
        let disposition = match call_result {
            None if agent_used => Disposition::Applied,
            None => {
                update
                    .notices
                    .push(notice(Disposition::Unattributed, &common, Some(time)));
                Disposition::Unattributed
            }
            Some(Disposition::Applied) => Disposition::Applied,
            Some(_) if agent_used => Disposition::Applied,
            Some(other) => other,
        };
        update.disposition = Some(disposition);
        update.events.reserve_exact(1);
        update.events.insert(
            0,
            TrackedEvent {
                event: common,
                derived: false,
                inferred,
            },
        );
        update
    }

    /// Moves the agents the event names; gives whether it named one.
    fn apply_agents(
        &mut self,
        common: &CommonEvent,
        reading: &Reading,
        time: DateTime<Utc>,
        tenant: &str,
        update: &mut Update,
    ) -> bool {
        let mut moves: Vec<AgentMove> = Vec::new();
        let logged_off = matches!(common.kind, EventKind::AgentLoggedOff);
        if let Some(agent) = &common.agent_id {
            let state = match (&common.kind, &common.agent_state) {
                (EventKind::AgentLoggedOff, _) => Some(AgentState::LoggedOff),
                (_, Some(state)) => Some(state.clone()),
                // Logged on, state not said (Google CCAI's login).
                (EventKind::AgentLoggedOn, None) => Some(AgentState::Unknown),
                _ => None,
            };
            if let Some(state) = state {
                moves.push(AgentMove {
                    agent_id: agent.to_string(),
                    state,
                    inferred: false,
                });
            }
        }
        if common.agent_state.is_none() {
            for (device, state) in &reading.device_states {
                if let Some(agent) = self.devices.get(&common.vendor, tenant, device) {
                    if !moves.iter().any(|m| &m.agent_id == agent) {
                        moves.push(AgentMove {
                            agent_id: agent.clone(),
                            state: state.clone(),
                            inferred: true,
                        });
                    }
                }
            }
        }
        for device in &reading.devices_released {
            let Some(agent) = self.devices.get(&common.vendor, tenant, device) else {
                continue;
            };
            let known = self.agents.get(&common.vendor, tenant, agent);
            let back = known
                .filter(|known| {
                    known.inferred && is_busy(&known.state) && known.call_id.as_deref() == common.call_id.as_deref()
                })
                .and_then(|known| known.resume.clone());
            if let (Some((state, _)), false) = (back, moves.iter().any(|m| &m.agent_id == agent)) {
                moves.push(AgentMove {
                    agent_id: agent.clone(),
                    state,
                    inferred: true,
                });
            }
        }
        for agent in &reading.agents_gone {
            let on_call = self.agents.get(&common.vendor, tenant, agent).is_some_and(|known| {
                is_busy(&known.state)
                    && known.call_id.is_some()
                    && known.call_id.as_deref() == common.call_id.as_deref()
            });
            if on_call && !moves.iter().any(|m| &m.agent_id == agent) {
                moves.push(AgentMove {
                    agent_id: agent.clone(),
                    state: AgentState::Unknown,
                    inferred: true,
                });
            }
        }
        let used = !moves.is_empty();
        let supervisor = is_supervisor(common, reading.leg.as_ref());
        for agent_move in moves {
            self.move_agent(common, agent_move, logged_off, supervisor, time, tenant, update);
        }
        used
    }

    #[allow(clippy::too_many_arguments)]
    fn move_agent(
        &mut self,
        common: &CommonEvent,
        agent_move: AgentMove,
        logged_off: bool,
        supervisor: bool,
        time: DateTime<Utc>,
        tenant: &str,
        update: &mut Update,
    ) {
        let vendor = &common.vendor.clone();
        let AgentMove {
            agent_id,
            state,
            inferred,
        } = agent_move;
        if state == AgentState::Talking && !supervisor {
            if let Some(call) = common
                .call_id
                .as_deref()
                .and_then(|call| self.calls.get_mut(vendor, tenant, call))
            {
                call.agent_talked(&agent_id, false);
            }
        }
        let previous = self.agents.get(vendor, tenant, &agent_id);
        // A call event's agent state does not pull an agent out of the wrap-up of that very
        // call (Alibaba Cloud's StopConsultant after the agent released, a late copy).
        let stale = !common.kind.is_agent_kind()
            && previous.is_some_and(|agent| {
                agent.state == AgentState::WorkingAfterCall
                    && agent.call_id.is_some()
                    && agent.call_id.as_deref() == common.call_id.as_deref()
            });
        if stale {
            return;
        }
        let resumed = previous
            .filter(|agent| inferred && agent.inferred && is_busy(&agent.state) && !is_busy(&state))
            .and_then(|agent| agent.resume.as_ref());
        let reason: Option<&NotReadyReason> = match resumed {
            Some((_, reason)) => reason.as_ref(),
            None if state == AgentState::NotReady => common.not_ready_reason.as_ref(),
            None => None,
        };
        let call_id: Option<&str> = match state {
            _ if is_busy(&state) => common.call_id.as_deref(),
            AgentState::WorkingAfterCall => common
                .call_id
                .as_deref()
                .or_else(|| previous.and_then(|agent| agent.call_id.as_deref().or(agent.last_call.as_deref()))),
            _ => None,
        };
        // Most events repeat the agent's state: compared by reference, nothing copied.
        let unchanged = previous.is_some_and(|agent| {
            agent.state == state && agent.reason.as_ref() == reason && agent.call_id.as_deref() == call_id
        });
        if unchanged {
            return;
        }
        let reason = reason.cloned();
        let call_id = call_id.map(str::to_owned);
        if state == AgentState::WorkingAfterCall {
            self.await_acw(vendor, tenant, &agent_id, call_id.as_deref());
        }
        let closed_by = if logged_off {
            IntervalEnd::LoggedOff
        } else {
            IntervalEnd::NextState
        };
        let leaving = logged_off || state == AgentState::LoggedOff;
        let Some(agent) = self.agents.get_mut(vendor, tenant, &agent_id) else {
            if !leaving {
                let agent = Agent {
                    tenant: (!tenant.is_empty()).then(|| tenant.to_owned()),
                    state,
                    reason,
                    since: time,
                    call_id,
                    inferred,
                    last_call: None,
                    resume: None,
                };
                self.agents.insert(vendor, tenant, &agent_id, agent);
            }
            return;
        };
        // Entering a call the tracker inferred, keep the state to come back to.
        let resume = if inferred && is_busy(&state) {
            if is_busy(&agent.state) {
                agent.resume.clone()
            } else {
                Some((agent.state.clone(), agent.reason.clone()))
            }
        } else {
            None
        };
        let last_call = agent.call_id.clone().or_else(|| agent.last_call.clone());
        let next = Agent {
            tenant: agent.tenant.clone(),
            state,
            reason,
            since: time,
            call_id,
            inferred,
            last_call,
            resume,
        };
        let previous = std::mem::replace(agent, next);
        if leaving {
            self.agents.remove(vendor, tenant, &agent_id);
        }
        self.end_interval(vendor, &agent_id, previous, time, closed_by, update);
    }

    /// A wrap-up that starts after its call closed: the record waits for it.
    fn await_acw(&mut self, vendor: &Vendor, tenant: &str, agent_id: &str, call_id: Option<&str>) {
        if let Some(closed) = call_id.and_then(|call| self.closed.get_mut(vendor, tenant, call)) {
            if !closed.pending_acw.iter().any(|agent| agent == agent_id)
                && closed.record.agents.iter().any(|a| a == agent_id)
            {
                closed.pending_acw.push(agent_id.to_owned());
            }
        }
    }

    /// Emits the interval an agent's state ends with, and gives a wrap-up's time to its call.
    fn end_interval(
        &mut self,
        vendor: &Vendor,
        agent_id: &str,
        agent: Agent,
        time: DateTime<Utc>,
        closed_by: IntervalEnd,
        update: &mut Update,
    ) {
        let end = time.max(agent.since);
        let duration_ms = non_negative(end - agent.since);
        let tenant = agent.tenant.clone().unwrap_or_default();
        if agent.state == AgentState::WorkingAfterCall {
            if let Some(call_id) = agent.call_id.as_deref() {
                self.add_acw(vendor, &tenant, call_id, agent_id, duration_ms, closed_by, update);
            }
        }
        let (reason_code, reason_label) = match agent.reason {
            Some(reason) => (reason.code.map(String::from), reason.label.map(String::from)),
            None => (None, None),
        };
        update.intervals.push(AgentInterval {
            vendor: vendor.clone(),
            tenant: agent.tenant,
            agent_id: agent_id.to_owned(),
            state: agent.state,
            reason_code,
            reason_label,
            start: agent.since,
            end,
            duration_ms,
            call_id: agent.call_id,
            closed_by,
            inferred: agent.inferred,
        });
    }

    #[allow(clippy::too_many_arguments)]
    fn add_acw(
        &mut self,
        vendor: &Vendor,
        tenant: &str,
        call_id: &str,
        agent_id: &str,
        ms: i64,
        closed_by: IntervalEnd,
        update: &mut Update,
    ) {
        if let Some(call) = self.calls.get_mut(vendor, tenant, call_id) {
            // A supervisor's wrap-up is not the call's after-call work.
            if call.is_handled_by(agent_id) {
                call.acw_done = Some(call.acw_done.unwrap_or(0) + ms);
            }
            return;
        }
        let Some(closed) = self.closed.get_mut(vendor, tenant, call_id) else {
            return;
        };
        let Some(position) = closed.pending_acw.iter().position(|agent| agent == agent_id) else {
            return;
        };
        closed.pending_acw.remove(position);
        let record = &mut closed.record;
        record.acw_ms = Some(record.acw_ms.unwrap_or(0) + ms);
        if closed_by == IntervalEnd::EndOfStream && !record.inferred.iter().any(|field| field == "acw_ms") {
            record.inferred.push("acw_ms".to_owned());
        }
        if closed.pending_acw.is_empty() {
            if let (Some(talk), Outcome::Answered | Outcome::Incomplete) = (record.talk_ms, record.outcome) {
                if record.handle_ms.is_some() {
                    record.handle_ms = Some(talk + record.hold_ms + record.acw_ms.unwrap_or(0));
                }
            }
            record.revision += 1;
            update.calls.push(record.clone());
        }
    }

    /// Applies the event to its call; `None` when it names none.
    fn apply_call(
        &mut self,
        common: &mut CommonEvent,
        reading: &Reading,
        time: DateTime<Utc>,
        tenant: &str,
        inferred: &mut Vec<&'static str>,
        update: &mut Update,
    ) -> Option<Disposition> {
        let vendor = &common.vendor.clone();
        let call_id = common.call_id.clone()?;
        let moment = reading.moment;
        // Most events are for an open call: looked up first.
        let open = self.calls.contains(vendor, tenant, &call_id);
        if let Some(closed) = self.closed.get_mut(vendor, tenant, &call_id).filter(|_| !open) {
            if reading.dedup_key.is_some_and(|key| closed.dedup.contains(&key)) {
                closed.record.duplicates += 1;
                update.notices.push(notice(Disposition::Duplicate, common, Some(time)));
                return Some(Disposition::Duplicate);
            }
            if let Some(vendor_record) = &reading.vendor_record {
                let record = &mut closed.record;
                record.reconciliation = Some(record.reconcile(vendor_record));
                record.revision += 1;
                update.calls.push(record.clone());
                return Some(Disposition::Applied);
            }
            if common.kind.is_agent_kind() {
                // An agent's own event after its call closed (wrap-up, ready): the agent's.
                return None;
            }
            closed.record.late_events += 1;
            update.notices.push(notice(Disposition::Late, common, Some(time)));
            return Some(Disposition::Late);
        }
        if reading.vendor_record.is_some() && !open {
            update
                .notices
                .push(notice(Disposition::Unattributed, common, Some(time)));
            return Some(Disposition::Unattributed);
        }
        let moment = moment.or(reading.vendor_record.as_ref().map(|_| CallMoment::Touched))?;
        if !open {
            // An agent's post-call event opens no call: its call is over, or was never seen.
            if common.kind.is_agent_kind() && !common.agent_state.as_ref().is_some_and(is_busy) {
                return None;
            }
            let supervisor = is_supervisor(common, reading.leg.as_ref());
            let call = Call::open(common, &call_id, time, Some(moment), supervisor);
            self.calls.insert(vendor, tenant, &call_id, call);
        }
        let call = self.calls.get_mut(vendor, tenant, &call_id)?;
        if let Some(key) = reading.dedup_key {
            if Call::seen(&mut call.dedup, key) {
                call.duplicates += 1;
                update.notices.push(notice(Disposition::Duplicate, common, Some(time)));
                return Some(Disposition::Duplicate);
            }
        }
        call.events += 1;
        if let Some(key) = reading.marks {
            Call::seen(&mut call.dedup, key);
        }
        if let Some(snapshot) = &reading.snapshot {
            call.snapshot = Some(snapshot.clone());
        }
        let mut ended = call.apply(common, reading, moment, time);
        // The leg's role, learnt from earlier events, completes a party the payload left unknown.
        if let Some(party) = common.party.as_mut().filter(|party| party.role == PartyRole::Unknown) {
            if let Some(role) = party.id.as_deref().and_then(|id| call.leg_role(id)) {
                if role != PartyRole::Unknown {
                    party.role = role;
                    inferred.push("party.role");
                }
            }
        }
        for derived in &reading.derived {
            // What a call's last snapshot says of its parties is passed on, not applied.
            let derived_reading = Reading::plain(derived);
            if let (false, Some(derived_moment)) = (ended, derived_reading.moment) {
                ended = call.apply(derived, &derived_reading, derived_moment, time);
            }
            update.events.push(TrackedEvent {
                event: derived.clone(),
                derived: true,
                inferred: Vec::new(),
            });
        }
        let mut end = time;
        if let Some(vendor_record) = &reading.vendor_record {
            // The vendor's record comes after the call's end: its end was missed, and the
            // vendor's end time stands in for it.
            call.vendor_record = Some(vendor_record.clone());
            if let Some(vendor_end) = vendor_record.ended_at {
                end = vendor_end;
                call.ended_by_vendor = true;
            }
            ended = true;
        }
        if ended {
            if moment != CallMoment::Ended && reading.vendor_record.is_none() {
                let mut cleared =
                    CommonEvent::new(vendor.clone(), EventKind::CallCleared, common.vendor_event_type.clone())
                        .with_tenant(common.tenant.as_deref())
                        .with_call_id(Some(&call_id));
                cleared.time = common.time.clone();
                cleared.cause = common.cause.clone();
                update.events.push(TrackedEvent {
                    event: cleared,
                    derived: true,
                    inferred: Vec::new(),
                });
            }
            self.close_call(vendor, tenant, &call_id, Closing::Ended, end, update);
        }
        Some(Disposition::Applied)
    }

    fn close_call(
        &mut self,
        vendor: &Vendor,
        tenant: &str,
        call_id: &str,
        closing: Closing,
        time: DateTime<Utc>,
        update: &mut Update,
    ) {
        let Some(mut call) = self.calls.remove(vendor, tenant, call_id) else {
            return;
        };
        let end = match closing {
            Closing::Ended => time,
            Closing::Incomplete => call.last_seen,
        };
        call.close(end);
        let dedup = std::mem::take(&mut call.dedup);
        let record = call.into_record(closing);
        let pending_acw: Vec<String> = record
            .agents
            .iter()
            .filter(|agent| {
                self.agents.get(vendor, tenant, agent).is_some_and(|known| {
                    known.state == AgentState::WorkingAfterCall && known.call_id.as_deref() == Some(call_id)
                })
            })
            .cloned()
            .collect();
        update.calls.push(record.clone());
        self.closed.insert(
            vendor,
            tenant,
            call_id,
            Closed {
                record,
                dedup,
                pending_acw,
            },
        );
        self.closed_order
            .push_back((vendor.clone(), tenant.to_owned(), call_id.to_owned()));
        while self.closed_order.len() > self.config.closed_capacity {
            if let Some((vendor, tenant, call_id)) = self.closed_order.pop_front() {
                self.closed.remove(&vendor, &tenant, &call_id);
            }
        }
    }

    /// Advances the clock of `vendor` and `tenant` to `now`, and closes their calls idle for
    /// longer than the idle time (looked for at most once per tenth of it).
    fn sweep(&mut self, vendor: &Vendor, tenant: &str, now: DateTime<Utc>, update: &mut Update) {
        let step = self.config.idle_timeout / 10;
        let Some(clock) = self.clocks.get_mut(vendor, tenant, "") else {
            self.clocks.insert(
                vendor,
                tenant,
                "",
                Clock {
                    latest: now,
                    last_sweep: now,
                },
            );
            return;
        };
        clock.latest = clock.latest.max(now);
        let now = clock.latest;
        if now - clock.last_sweep < step {
            return;
        }
        clock.last_sweep = now;
        let idle = self.config.idle_timeout;
        let stale: Vec<String> = self
            .calls
            .ids_sorted(vendor, tenant)
            .into_iter()
            .filter(|id| {
                self.calls
                    .get(vendor, tenant, id)
                    .is_some_and(|call| now - call.last_seen > idle)
            })
            .collect();
        for id in stale {
            self.close_call(vendor, tenant, &id, Closing::Incomplete, now, update);
        }
    }

    /// Ends the input: every open agent interval ends at the latest time of its vendor and
    /// tenant ([`IntervalEnd::EndOfStream`]), then every open call closes as
    /// [`Outcome::Incomplete`] at its last event. Agents are forgotten; the memory of closed
    /// calls stays, so that a tracker may go on.
    pub fn finish(&mut self) -> Update {
        let mut update = Update::default();
        if let Some(watermark) = self.watermark {
            let now = |clocks: &Scoped<Clock>, vendor: &Vendor, tenant: &str| {
                clocks.get(vendor, tenant, "").map_or(watermark, |clock| clock.latest)
            };
            for (vendor, tenant, agent_id) in self.agents.keys_sorted() {
                if let Some(agent) = self.agents.remove(&vendor, &tenant, &agent_id) {
                    let at = now(&self.clocks, &vendor, &tenant);
                    self.end_interval(&vendor, &agent_id, agent, at, IntervalEnd::EndOfStream, &mut update);
                }
            }
            for (vendor, tenant, call_id) in self.calls.keys_sorted() {
                let at = now(&self.clocks, &vendor, &tenant);
                self.close_call(&vendor, &tenant, &call_id, Closing::Incomplete, at, &mut update);
            }
        }
        update
    }

    /// Every known agent's current state and the open calls, sorted by vendor, tenant, id.
    pub fn board(&self) -> Board {
        let agents = self
            .agents
            .keys_sorted()
            .into_iter()
            .filter_map(|(vendor, tenant, agent_id)| {
                let agent = self.agents.get(&vendor, &tenant, &agent_id)?;
                let (reason_code, reason_label) = match &agent.reason {
                    Some(reason) => (
                        reason.code.as_deref().map(str::to_owned),
                        reason.label.as_deref().map(str::to_owned),
                    ),
                    None => (None, None),
                };
                Some(AgentStatus {
                    vendor,
                    tenant: agent.tenant.clone(),
                    agent_id,
                    state: agent.state.clone(),
                    reason_code,
                    reason_label,
                    since: agent.since,
                    call_id: agent.call_id.clone(),
                })
            })
            .collect();
        let calls = self
            .calls
            .keys_sorted()
            .into_iter()
            .filter_map(|(vendor, tenant, call_id)| {
                let call = self.calls.get(&vendor, &tenant, &call_id)?;
                Some(OpenCall {
                    vendor,
                    tenant: call.tenant.clone(),
                    call_id,
                    direction: call.direction(),
                    since: call.first_seen,
                    last_event_at: call.last_seen,
                    events: call.events,
                })
            })
            .collect();
        Board { agents, calls }
    }

    /// How many calls are open.
    pub fn open_calls(&self) -> usize {
        self.calls.len()
    }

    /// How many closed calls are remembered (at most [`TrackerConfig::closed_capacity`]).
    pub fn remembered_calls(&self) -> usize {
        self.closed.len()
    }

    /// How many agents are known.
    pub fn known_agents(&self) -> usize {
        self.agents.len()
    }
}

fn notice(kind: Disposition, common: &CommonEvent, at: Option<DateTime<Utc>>) -> Notice {
    Notice {
        kind,
        vendor: common.vendor.clone(),
        tenant: common.tenant.as_deref().map(str::to_owned),
        call_id: common.call_id.as_deref().map(str::to_owned),
        vendor_event_type: common.vendor_event_type.to_string(),
        at,
    }
}
