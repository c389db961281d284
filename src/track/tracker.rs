//! [`Tracker`]: the state machine that turns a stream of events into call records and agent
//! state intervals.

use super::board::{AgentStatus, Board, OpenCall};
use super::call::{Call, Closing, Dedup, is_supervisor};
use super::interval::{AgentInterval, IntervalEnd};
use super::knowledge::{CallMoment, ReadContext, Reading, VendorKnowledge};
use super::record::{CallRecord, Outcome, non_negative};
use super::scoped::{Entry, Key, Scoped, Seed};
use crate::AnyEvent;
use crate::common::{AgentState, CommonEvent, ConvertOptions, EventKind, NotReadyReason, PartyRole, Vendor};
use crate::wire::Text;
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
        f.pad(self.as_str())
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
    pub tenant: Option<Text>,
    /// The call.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub call_id: Option<Text>,
    /// The vendor's event type.
    pub vendor_event_type: Text,
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

impl Update {
    /// Empties the update, keeping its buffers.
    fn clear(&mut self) {
        self.disposition = None;
        self.events.clear();
        self.calls.clear();
        self.intervals.clear();
        self.notices.clear();
    }
}

/// Where the tracker's steps put what they learn: an [`Update`]'s buffers but its input event,
/// which is completed in place meanwhile.
struct Sink<'u> {
    calls: &'u mut Vec<CallRecord>,
    intervals: &'u mut Vec<AgentInterval>,
    notices: &'u mut Vec<Notice>,
    /// The events derived from the input event, to follow it.
    derived: Vec<TrackedEvent>,
}

#[cold]
#[inline(never)]
fn append_derived(events: &mut Vec<TrackedEvent>, mut derived: Vec<TrackedEvent>) {
    events.append(&mut derived);
}

/// Applies the events derived from a snapshot (Google CCAI) to its call, unless it `ended`,
/// and passes them on after the input event; gives whether the call ended.
#[inline(never)]
fn apply_derived(
    call: &mut Call,
    derived: Vec<CommonEvent>,
    mut ended: bool,
    time: DateTime<Utc>,
    out: &mut Sink<'_>,
) -> bool {
    for derived in derived {
        // What a call's last snapshot says of its parties is passed on, not applied.
        let derived_reading = Reading::plain(&derived);
        if let (false, Some(derived_moment)) = (ended, derived_reading.moment) {
            ended = call.apply(&derived, &derived_reading, derived_moment, time);
        }
        drop(derived_reading);
        out.derived.push(TrackedEvent {
            event: derived,
            derived: true,
            inferred: Vec::new(),
        });
    }
    ended
}

/// A closed call, remembered for a while.
#[derive(Debug, Clone, PartialEq)]
struct Closed {
    /// Its place in the order of closing, to forget it when its turn comes.
    seq: u64,
    /// Boxed: the memory of closed calls grows and shifts by small entries.
    record: Box<CallRecord>,
    dedup: Dedup,
    /// Agents still wrapping up this call.
    pending_acw: Vec<Text>,
}

/// One agent's current state.
#[derive(Debug, Clone, PartialEq)]
struct Agent {
    state: AgentState,
    reason: Option<NotReadyReason>,
    since: DateTime<Utc>,
    call_id: Option<Text>,
    inferred: bool,
    last_call: Option<Text>,
    /// The state to return to when a call the tracker put the agent on ends (the feed's
    /// agent mode, which its calls do not change).
    resume: Option<(AgentState, Option<NotReadyReason>)>,
}

/// A state an event puts an agent in.
struct AgentMove<'a> {
    agent_id: AgentName<'a>,
    state: AgentState,
    inferred: bool,
}

/// The agent of an [`AgentMove`]: borrowed from the event or its reading, or copied out of
/// the tracker's maps (which the move then changes) as a `Text`, so that a short id is copied
/// inline instead of allocated (it was a `String`, made through `Display`).
enum AgentName<'a> {
    Borrowed(&'a str),
    Copied(Text),
}

impl std::ops::Deref for AgentName<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        match self {
            AgentName::Borrowed(agent) => agent,
            AgentName::Copied(agent) => agent,
        }
    }
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
#[derive(Debug, Clone)]
pub struct Tracker {
    config: TrackerConfig,
    /// The seed of every map's hashes.
    seed: Seed,
    /// Boxed: a call is written once where it stays, and the table moves small entries.
    calls: Scoped<Box<Call>>,
    closed: Scoped<Closed>,
    /// The closed calls in the order they closed: each one's key hash and `seq`.
    closed_order: VecDeque<(u64, u64)>,
    /// The `seq` of the next call to close.
    closed_seq: u64,
    agents: Scoped<Agent>,
    devices: Scoped<Text>,
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

/// Two trackers are equal when they know the same: the seed of their hashes does not count.
impl PartialEq for Tracker {
    fn eq(&self, other: &Self) -> bool {
        let Tracker {
            config,
            seed: _,
            calls,
            closed,
            closed_order,
            closed_seq: _,
            agents,
            devices,
            clocks,
            watermark,
        } = self;
        *config == other.config
            && *calls == other.calls
            && *closed == other.closed
            && *closed_order == other.closed_order
            && *agents == other.agents
            && *devices == other.devices
            && *clocks == other.clocks
            && *watermark == other.watermark
    }
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
    fn read<'a>(&'a self, common: &'a CommonEvent, _context: &ReadContext<'_>) -> Reading<'a> {
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
        // One seed for every map: a key hashed once serves them all.
        let seed = Seed::random();
        Tracker {
            config,
            seed,
            calls: Scoped::new(seed),
            closed: Scoped::new(seed),
            closed_order: VecDeque::new(),
            closed_seq: 0,
            agents: Scoped::new(seed),
            devices: Scoped::new(seed),
            clocks: Scoped::new(seed),
            watermark: None,
        }
    }

    /// Tracks one event. `received_at` is when it was received: the time of an event whose
    /// payload carries none.
    pub fn track(&mut self, event: &AnyEvent, received_at: Option<DateTime<Utc>>) -> Update {
        let mut update = Update::default();
        self.track_into(event, received_at, &mut update);
        update
    }

    /// Tracks one event like [`Tracker::track`], into `update`, which is cleared first: a
    /// caller that keeps one `Update` for a whole stream (and takes what it needs out of it
    /// each time) reuses its buffers instead of allocating new ones per event.
    ///
    /// ```
    /// use cc_events::track::{Tracker, Update};
    ///
    /// let mut tracker = Tracker::default();
    /// let mut update = Update::default();
    /// let line = r#"{"eventTime":"2021-04-14T03:25:00Z","eventType":"Route2IVR","instanceId":"i-1","contactId":"c-1","channelId":"ch-customer-1","callType":"INBOUND"}"#;
    /// let event = cc_events::parse(line.as_bytes())?;
    /// tracker.track_into(&event, None, &mut update);
    /// assert_eq!(update.events.len(), 1);
    /// assert_eq!(update.events[0].event.call_id.as_deref(), Some("c-1"));
    /// # Ok::<(), cc_events::Error>(())
    /// ```
    pub fn track_into(&mut self, event: &AnyEvent, received_at: Option<DateTime<Utc>>, update: &mut Update) {
        // The previous event's list of inferred fields serves again (one allocation a stream,
        // not one per event that infers something).
        let mut inferred = update
            .events
            .first_mut()
            .map(|first| std::mem::take(&mut first.inferred))
            .unwrap_or_default();
        inferred.clear();
        update.clear();
        self.config.convert.received_at = received_at;
        let common = event.to_common(&self.config.convert);
        self.config.convert.received_at = None;
        // The event goes to its place first and is completed there: it is not moved again.
        // Room for it alone: most events derive none, and a growing Vec would take four.
        update.events.reserve_exact(1);
        update.events.push(TrackedEvent {
            event: common,
            derived: false,
            inferred,
        });
        let Update {
            disposition,
            events,
            calls,
            intervals,
            notices,
        } = update;
        let mut out = Sink {
            calls,
            intervals,
            notices,
            derived: Vec::new(),
        };
        if let Some(first) = events.last_mut() {
            *disposition =
                Some(self.track_common(knowledge_of(event), &mut first.event, &mut first.inferred, &mut out));
        }
        if !out.derived.is_empty() {
            append_derived(events, out.derived);
        }
    }

    /// Tracks one event, completed in place (`common`, `inferred`); gives its disposition.
    // Not inlined, nor `apply_agents`, `apply_call` and `sweep`: inlined, they made
    // `track_into` 15 KB, of which an event runs scattered pieces (callgrind: 2-3% fewer L1i
    // misses and 0.4% fewer instructions apart; wall-clock ratios about 0.03 lower).
    #[inline(never)]
    fn track_common(
        &mut self,
        knowledge: &dyn VendorKnowledge,
        common: &mut CommonEvent,
        inferred: &mut Vec<&'static str>,
        out: &mut Sink<'_>,
    ) -> Disposition {
        let seed = self.seed;
        // Borrowed from the event, field by field: the fields the tracker completes
        // (`agent_id`, `party`) are not these.
        let vendor = &common.vendor;
        let tenant = common.tenant.as_deref().unwrap_or("");
        let clock_key = seed.key(vendor, tenant, "");
        let time = common.time.as_ref().map(|time| time.utc);
        let clock = || self.clocks.get(&clock_key).map(|clock| clock.latest);
        let Some(time) = time.or_else(clock).or(self.watermark) else {
            out.notices.push(notice(Disposition::Unplaced, common, None));
            return Disposition::Unplaced;
        };
        if common.time.is_none() {
            inferred.push("time");
        }
        if self.watermark.is_none_or(|watermark| time > watermark) {
            self.watermark = Some(time);
        }
        self.sweep(&clock_key, time, out);

        let call_key = common.call_id.as_deref().map(|call| clock_key.with_id(call));
        let previous = call_key
            .as_ref()
            .filter(|_| knowledge.sends_snapshots())
            .and_then(|key| self.calls.get(key))
            .and_then(|call| call.snapshot.as_ref());
        let context = ReadContext::new(self.config.convert.local_offset).with_previous(previous);
        let mut reading = knowledge.read(common, &context);

        if let Some(binding) = &reading.binds_device {
            let key = seed.key(vendor, tenant, &binding.device);
            match &binding.agent_id {
                Some(agent) => self.devices.insert(&key, Text::from(agent.as_ref())),
                None => {
                    self.devices.remove(&key);
                }
            }
        }
        // The agent at the event's device (CSTA), given to the event once its reading is done.
        let device_agent = match (&common.agent_id, reading.device.as_deref()) {
            (None, Some(device)) => self.devices.get(&seed.key(vendor, tenant, device)).cloned(),
            _ => None,
        };
        let agent_id = common.agent_id.as_deref().or(device_agent.as_deref());

        let agent_used = self.apply_agents(common, agent_id, call_key.as_ref(), &reading, time, tenant, out);
        let mut role = None;
        let call_result = match &call_key {
            Some(key) => self.apply_call(common, key, &mut reading, time, &mut role, out),
            None => None,
        };
        let disposition = match call_result {
            None if agent_used => Disposition::Applied,
            None => {
                out.notices.push(notice(Disposition::Unattributed, common, Some(time)));
                Disposition::Unattributed
            }
            Some(Disposition::Applied) => Disposition::Applied,
            Some(_) if agent_used => Disposition::Applied,
            Some(other) => other,
        };
        drop(reading);
        if let Some(agent) = device_agent {
            if let Some(party) = common.party.as_mut().filter(|party| party.role == PartyRole::Agent) {
                party.agent_id = Some(agent.as_str().into());
            }
            common.agent_id = Some(agent);
            inferred.push("agent_id");
        }
        // The leg's role, learnt from earlier events, completes a party the payload left unknown.
        if let (Some(role), Some(party)) = (role, common.party.as_mut()) {
            party.role = role;
            inferred.push("party.role");
        }
        disposition
    }

    /// Moves the agents the event names; gives whether it named one.
    #[allow(clippy::too_many_arguments)]
    #[inline(never)]
    fn apply_agents(
        &mut self,
        common: &CommonEvent,
        agent_id: Option<&str>,
        call_key: Option<&Key<'_>>,
        reading: &Reading,
        time: DateTime<Utc>,
        tenant: &str,
        out: &mut Sink<'_>,
    ) -> bool {
        // The event's own agent first; the agents at its devices (CSTA) after it.
        let mut first: Option<AgentMove<'_>> = None;
        let logged_off = matches!(common.kind, EventKind::AgentLoggedOff);
        if let Some(agent) = agent_id {
            let state = match (&common.kind, &common.agent_state) {
                (EventKind::AgentLoggedOff, _) => Some(AgentState::LoggedOff),
                (_, Some(state)) => Some(state.clone()),
                // Logged on, state not said (Google CCAI's login).
                (EventKind::AgentLoggedOn, None) => Some(AgentState::Unknown),
                _ => None,
            };
            if let Some(state) = state {
                first = Some(AgentMove {
                    agent_id: AgentName::Borrowed(agent),
                    state,
                    inferred: false,
                });
            }
        }
        // Every move is decided on the states before the event's: the moves are applied after.
        let more = if reading.device_states.is_empty()
            && reading.devices_released.is_empty()
            && reading.agents_gone.is_empty()
        {
            Vec::new()
        } else {
            self.device_moves(common, first.as_ref(), reading, tenant)
        };
        let used = first.is_some() || !more.is_empty();
        let supervisor = is_supervisor(common, reading.leg.as_ref());
        if let Some(agent_move) = first {
            self.move_agent(common, call_key, agent_move, logged_off, supervisor, time, tenant, out);
        }
        for agent_move in more {
            self.move_agent(common, call_key, agent_move, logged_off, supervisor, time, tenant, out);
        }
        used
    }

    /// The moves of the agents at the event's devices (CSTA) and of the agents it says left
    /// (Google CCAI), beside the event's own agent's (`first`).
    #[inline(never)]
    fn device_moves<'r>(
        &self,
        common: &CommonEvent,
        first: Option<&AgentMove<'_>>,
        reading: &'r Reading,
        tenant: &str,
    ) -> Vec<AgentMove<'r>> {
        let mut more: Vec<AgentMove<'r>> = Vec::new();
        let moved = |first: Option<&AgentMove<'_>>, more: &[AgentMove<'_>], agent: &str| {
            first.is_some_and(|m| *m.agent_id == *agent) || more.iter().any(|m| *m.agent_id == *agent)
        };
        let vendor = &common.vendor;
        if common.agent_state.is_none() {
            for (device, state) in &reading.device_states {
                if let Some(agent) = self.devices.get(&self.seed.key(vendor, tenant, device)) {
                    if !moved(first, &more, agent) {
                        more.push(AgentMove {
                            agent_id: AgentName::Copied(agent.clone()),
                            state: state.clone(),
                            inferred: true,
                        });
                    }
                }
            }
        }
        for device in &reading.devices_released {
            let Some(agent) = self.devices.get(&self.seed.key(vendor, tenant, device)) else {
                continue;
            };
            let known = self.agents.get(&self.seed.key(vendor, tenant, agent));
            let back = known
                .filter(|known| {
                    known.inferred && is_busy(&known.state) && known.call_id.as_deref() == common.call_id.as_deref()
                })
                .and_then(|known| known.resume.clone());
            if let (Some((state, _)), false) = (back, moved(first, &more, agent)) {
                more.push(AgentMove {
                    agent_id: AgentName::Copied(agent.clone()),
                    state,
                    inferred: true,
                });
            }
        }
        for agent in &reading.agents_gone {
            let on_call = self
                .agents
                .get(&self.seed.key(vendor, tenant, agent))
                .is_some_and(|known| {
                    is_busy(&known.state)
                        && known.call_id.is_some()
                        && known.call_id.as_deref() == common.call_id.as_deref()
                });
            if on_call && !moved(first, &more, agent) {
                more.push(AgentMove {
                    agent_id: AgentName::Borrowed(agent.as_str()),
                    state: AgentState::Unknown,
                    inferred: true,
                });
            }
        }
        more
    }

    #[allow(clippy::too_many_arguments)]
    #[inline(never)]
    fn move_agent(
        &mut self,
        common: &CommonEvent,
        call_key: Option<&Key<'_>>,
        agent_move: AgentMove<'_>,
        logged_off: bool,
        supervisor: bool,
        time: DateTime<Utc>,
        tenant: &str,
        out: &mut Sink<'_>,
    ) {
        let vendor = &common.vendor;
        let AgentMove {
            agent_id,
            state,
            inferred,
        } = agent_move;
        let agent_id: &str = &agent_id;
        if state == AgentState::Talking && !supervisor {
            if let Some(call) = call_key.and_then(|key| self.calls.get_mut(key)) {
                call.agent_talked(agent_id, false);
            }
        }
        let agent_key = self.seed.key(vendor, tenant, agent_id);
        // Looked up once: its place serves until the agent is inserted or removed.
        let found = self.agents.find(&agent_key);
        let previous = found.and_then(|at| self.agents.at(at));
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
        let call_id = call_id.map(Text::from);
        if state == AgentState::WorkingAfterCall {
            self.await_acw(vendor, tenant, agent_id, call_id.as_deref());
        }
        let closed_by = if logged_off {
            IntervalEnd::LoggedOff
        } else {
            IntervalEnd::NextState
        };
        let leaving = logged_off || state == AgentState::LoggedOff;
        let Some(agent) = found.and_then(|at| self.agents.at_mut(at)) else {
            if !leaving {
                let agent = Agent {
                    state,
                    reason,
                    since: time,
                    call_id,
                    inferred,
                    last_call: None,
                    resume: None,
                };
                self.agents.insert_new(&agent_key, agent);
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
            self.agents.remove(&agent_key);
        }
        self.end_interval(vendor, tenant, agent_id, previous, time, closed_by, out);
    }

    /// A wrap-up that starts after its call closed: the record waits for it.
    #[cold]
    fn await_acw(&mut self, vendor: &Vendor, tenant: &str, agent_id: &str, call_id: Option<&str>) {
        if let Some(closed) = call_id.and_then(|call| self.closed.get_mut(&self.seed.key(vendor, tenant, call))) {
            if !closed.pending_acw.iter().any(|agent| agent == agent_id)
                && closed.record.agents.iter().any(|a| a == agent_id)
            {
                closed.pending_acw.push(agent_id.into());
            }
        }
    }

    /// Emits the interval an agent's state ends with, and gives a wrap-up's time to its call.
    #[allow(clippy::too_many_arguments)]
    #[inline(never)]
    fn end_interval(
        &mut self,
        vendor: &Vendor,
        tenant: &str,
        agent_id: &str,
        agent: Agent,
        time: DateTime<Utc>,
        closed_by: IntervalEnd,
        out: &mut Sink<'_>,
    ) {
        let end = time.max(agent.since);
        let duration_ms = non_negative(end - agent.since);
        if agent.state == AgentState::WorkingAfterCall {
            if let Some(call_id) = agent.call_id.as_deref() {
                let key = self.seed.key(vendor, tenant, call_id);
                self.add_acw(&key, agent_id, duration_ms, closed_by, out);
            }
        }
        let (reason_code, reason_label) = match agent.reason {
            Some(reason) => (reason.code, reason.label),
            None => (None, None),
        };
        out.intervals.push(AgentInterval {
            vendor: vendor.clone(),
            tenant: (!tenant.is_empty()).then(|| tenant.into()),
            agent_id: agent_id.into(),
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

    #[inline(never)]
    fn add_acw(&mut self, call_key: &Key<'_>, agent_id: &str, ms: i64, closed_by: IntervalEnd, out: &mut Sink<'_>) {
        if let Some(call) = self.calls.get_mut(call_key) {
            // A supervisor's wrap-up is not the call's after-call work.
            if call.is_handled_by(agent_id) {
                call.acw_done = Some(call.acw_done.unwrap_or(0) + ms);
            }
            return;
        }
        let Some(closed) = self.closed.get_mut(call_key) else {
            return;
        };
        let Some(position) = closed.pending_acw.iter().position(|agent| agent == agent_id) else {
            return;
        };
        closed.pending_acw.remove(position);
        let record = &mut closed.record;
        record.acw_ms = Some(record.acw_ms.unwrap_or(0) + ms);
        if closed_by == IntervalEnd::EndOfStream && !record.inferred.iter().any(|field| field == "acw_ms") {
            record.inferred.push("acw_ms".into());
        }
        if closed.pending_acw.is_empty() {
            if let (Some(talk), Outcome::Answered | Outcome::Incomplete) = (record.talk_ms, record.outcome) {
                if record.handle_ms.is_some() {
                    record.handle_ms = Some(talk + record.hold_ms + record.acw_ms.unwrap_or(0));
                }
            }
            record.revision += 1;
            out.calls.push(CallRecord::clone(record));
        }
    }

    /// Applies the event to its call (`call_key`); `None` when it has no meaning for it. Sets
    /// `role` to the role of the event's party, when the payload left it unknown and the
    /// call's earlier events tell it.
    #[inline(never)]
    fn apply_call(
        &mut self,
        common: &CommonEvent,
        call_key: &Key<'_>,
        reading: &mut Reading,
        time: DateTime<Utc>,
        role: &mut Option<PartyRole>,
        out: &mut Sink<'_>,
    ) -> Option<Disposition> {
        let call_id = call_key.id;
        let moment = reading.moment;
        // Most events are for an open call: looked up first, and once.
        let open = self.calls.find(call_key);
        if open.is_none() {
            if let Some(result) = self.apply_closed(common, call_key, reading, time, out) {
                return result;
            }
        }
        let moment = moment.or(reading.vendor_record.as_ref().map(|_| CallMoment::Touched))?;
        let at = match open {
            Some(at) => at,
            None => {
                // An agent's post-call event opens no call: its call is over, or was never seen.
                if common.kind.is_agent_kind() && !common.agent_state.as_ref().is_some_and(is_busy) {
                    return None;
                }
                let supervisor = is_supervisor(common, reading.leg.as_ref());
                let call = Box::new(Call::open(common, call_id, time, Some(moment), supervisor));
                self.calls.insert_new(call_key, call)
            }
        };
        let call = self.calls.at_mut(at)?;
        if let Some(key) = reading.dedup_key {
            if call.dedup.seen(key) {
                call.duplicates += 1;
                out.notices.push(notice(Disposition::Duplicate, common, Some(time)));
                return Some(Disposition::Duplicate);
            }
        }
        call.events += 1;
        if let Some(key) = reading.marks {
            call.dedup.seen(key);
        }
        if let Some(snapshot) = reading.snapshot.take() {
            call.snapshot = Some(snapshot);
        }
        let mut ended = call.apply(common, reading, moment, time);
        if let Some(party) = common.party.as_ref().filter(|party| party.role == PartyRole::Unknown) {
            *role = party
                .id
                .as_deref()
                .and_then(|id| call.leg_role(id))
                .filter(|role| *role != PartyRole::Unknown);
        }
        if !reading.derived.is_empty() {
            ended = apply_derived(call, std::mem::take(&mut reading.derived), ended, time, out);
        }
        let mut end = time;
        let by_vendor = reading.vendor_record.is_some();
        if let Some(vendor_record) = reading.vendor_record.take() {
            // The vendor's record comes after the call's end: its end was missed, and the
            // vendor's end time stands in for it.
            if let Some(vendor_end) = vendor_record.ended_at {
                end = vendor_end;
                call.ended_by_vendor = true;
            }
            call.vendor_record = Some(vendor_record);
            ended = true;
        }
        if ended {
            self.end_call(common, call_key, moment != CallMoment::Ended && !by_vendor, end, out);
        }
        Some(Disposition::Applied)
    }

    /// Closes a call whose end the event (`common`) brought at `end`; `cleared`: with a call
    /// cleared derived from it (the vendor sent none). Once per call: kept off the event path.
    #[cold]
    #[inline(never)]
    fn end_call(
        &mut self,
        common: &CommonEvent,
        call_key: &Key<'_>,
        cleared: bool,
        end: DateTime<Utc>,
        out: &mut Sink<'_>,
    ) {
        if cleared {
            // Filled in place: each step of a by-value chain moved the whole 912-byte event.
            let mut cleared = CommonEvent::new(
                call_key.vendor.clone(),
                EventKind::CallCleared,
                common.vendor_event_type.clone(),
            );
            cleared.tenant = common.tenant.clone().filter(|tenant| !tenant.is_empty());
            cleared.set_call_id(Some(call_key.id));
            cleared.time = common.time.clone();
            cleared.cause = common.cause.clone();
            out.derived.push(TrackedEvent {
                event: cleared,
                derived: true,
                inferred: Vec::new(),
            });
        }
        self.close_call(call_key, Closing::Ended, end, out);
    }

    /// Applies an event for a call that is not open: to the closed call it names, or as an
    /// unattributed vendor record. `None` when neither (the event may open the call).
    #[inline(never)]
    fn apply_closed(
        &mut self,
        common: &CommonEvent,
        call_key: &Key<'_>,
        reading: &Reading,
        time: DateTime<Utc>,
        out: &mut Sink<'_>,
    ) -> Option<Option<Disposition>> {
        if let Some(closed) = self.closed.get_mut(call_key) {
            if reading.dedup_key.is_some_and(|key| closed.dedup.contains(key)) {
                closed.record.duplicates += 1;
                out.notices.push(notice(Disposition::Duplicate, common, Some(time)));
                return Some(Some(Disposition::Duplicate));
            }
            if let Some(vendor_record) = &reading.vendor_record {
                let record = &mut closed.record;
                record.reconciliation = Some(record.reconcile(vendor_record));
                record.revision += 1;
                out.calls.push(CallRecord::clone(record));
                return Some(Some(Disposition::Applied));
            }
            if common.kind.is_agent_kind() {
                // An agent's own event after its call closed (wrap-up, ready): the agent's.
                return Some(None);
            }
            closed.record.late_events += 1;
            out.notices.push(notice(Disposition::Late, common, Some(time)));
            return Some(Some(Disposition::Late));
        }
        if reading.vendor_record.is_some() {
            out.notices.push(notice(Disposition::Unattributed, common, Some(time)));
            return Some(Some(Disposition::Unattributed));
        }
        None
    }

    // Once per call: kept out of the per-event path.
    #[inline(never)]
    fn close_call(&mut self, call_key: &Key<'_>, closing: Closing, time: DateTime<Utc>, out: &mut Sink<'_>) {
        if let Some(entry) = self.calls.remove_entry(call_key) {
            self.close_entry(call_key.hash(), entry, closing, time, out);
        }
    }

    /// Closes a call taken out of the open calls (`hash`: its key's).
    #[inline(never)]
    fn close_entry(
        &mut self,
        hash: u64,
        entry: Entry<Box<Call>>,
        closing: Closing,
        time: DateTime<Utc>,
        out: &mut Sink<'_>,
    ) {
        // The entry's key texts move on to the memory of closed calls.
        let (mut call, entry) = entry.split();
        let end = match closing {
            Closing::Ended => time,
            Closing::Incomplete => call.last_seen,
        };
        call.close(end);
        let dedup = std::mem::take(&mut call.dedup);
        let record = call.into_record(closing);
        let (vendor, tenant, call_id) = entry.key_texts();
        let pending_acw: Vec<Text> = record
            .agents
            .iter()
            .filter(|agent| {
                self.agents
                    .get(&self.seed.key(vendor, tenant, agent))
                    .is_some_and(|known| {
                        known.state == AgentState::WorkingAfterCall && known.call_id.as_deref() == Some(call_id)
                    })
            })
            .cloned()
            .collect();
        out.calls.push(record.clone());
        let record = Box::new(record);
        let seq = self.closed_seq;
        self.closed_seq += 1;
        let closed = Closed {
            seq,
            record,
            dedup,
            pending_acw,
        };
        self.closed.insert_entry_hashed(hash, entry.with_value(closed));
        self.closed_order.push_back((hash, seq));
        while self.closed_order.len() > self.config.closed_capacity {
            if let Some((hash, seq)) = self.closed_order.pop_front() {
                self.closed.remove_hashed(hash, |closed| closed.seq == seq);
            }
        }
    }

    /// Advances the clock of a vendor and tenant (`clock_key`) to `now`, and closes their calls
    /// idle for longer than the idle time (looked for at most once per tenth of it).
    #[inline(never)]
    fn sweep(&mut self, clock_key: &Key<'_>, now: DateTime<Utc>, out: &mut Sink<'_>) {
        let (vendor, tenant) = (clock_key.vendor, clock_key.tenant);
        let step = self.config.idle_timeout / 10;
        let Some(clock) = self.clocks.get_mut(clock_key) else {
            self.clocks.insert(
                clock_key,
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
        self.close_idle(vendor, tenant, now, out);
    }

    /// Closes the calls of `vendor` and `tenant` idle at `now` for longer than the idle time.
    #[cold]
    fn close_idle(&mut self, vendor: &Vendor, tenant: &str, now: DateTime<Utc>, out: &mut Sink<'_>) {
        let idle = self.config.idle_timeout;
        let stale = self.calls.ids_where(vendor, tenant, |call| now - call.last_seen > idle);
        for id in stale {
            self.close_call(&self.seed.key(vendor, tenant, &id), Closing::Incomplete, now, out);
        }
    }

    /// Ends the input: every open agent interval ends at the latest time of its vendor and
    /// tenant ([`IntervalEnd::EndOfStream`]), then every open call closes as
    /// [`Outcome::Incomplete`] at its last event. Agents are forgotten; the memory of closed
    /// calls stays, so that a tracker may go on.
    pub fn finish(&mut self) -> Update {
        let mut update = Update::default();
        // One record per open call and at most one interval per agent: sized once, not
        // grown (each growth copied every record so far, 850 bytes each).
        update.calls.reserve(self.calls.len());
        update.intervals.reserve(self.agents.len());
        let mut out = Sink {
            calls: &mut update.calls,
            intervals: &mut update.intervals,
            notices: &mut update.notices,
            derived: Vec::new(),
        };
        if let Some(watermark) = self.watermark {
            let now = |clocks: &Scoped<Clock>, vendor: &Vendor, tenant: &str| {
                clocks
                    .get(&clocks.key(vendor, tenant, ""))
                    .map_or(watermark, |clock| clock.latest)
            };
            for (_, entry) in self.agents.drain_sorted() {
                let (agent, key) = entry.split();
                let (vendor, tenant, agent_id) = key.key_texts();
                let at = now(&self.clocks, vendor, tenant);
                self.end_interval(vendor, tenant, agent_id, agent, at, IntervalEnd::EndOfStream, &mut out);
            }
            for (hash, entry) in self.calls.drain_sorted() {
                let (vendor, tenant, _) = entry.key_texts();
                let at = now(&self.clocks, vendor, tenant);
                self.close_entry(hash, entry, Closing::Incomplete, at, &mut out);
            }
        }
        // Nothing is derived at the end of the input.
        debug_assert!(out.derived.is_empty());
        update
    }

    /// Every known agent's current state and the open calls, sorted by vendor, tenant, id.
    pub fn board(&self) -> Board {
        let agents = self
            .agents
            .keys_sorted()
            .into_iter()
            .filter_map(|(vendor, tenant, agent_id)| {
                let agent = self.agents.get(&self.seed.key(&vendor, &tenant, &agent_id))?;
                let (reason_code, reason_label) = match &agent.reason {
                    Some(reason) => (reason.code.clone(), reason.label.clone()),
                    None => (None, None),
                };
                Some(AgentStatus {
                    vendor,
                    tenant: (!tenant.is_empty()).then(|| tenant.clone()),
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
                let call = self.calls.get(&self.seed.key(&vendor, &tenant, &call_id))?;
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

#[cold]
fn notice(kind: Disposition, common: &CommonEvent, at: Option<DateTime<Utc>>) -> Notice {
    Notice {
        kind,
        vendor: common.vendor.clone(),
        tenant: common.tenant.clone(),
        call_id: common.call_id.clone(),
        vendor_event_type: common.vendor_event_type.clone(),
        at,
    }
}
