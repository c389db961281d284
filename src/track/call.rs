//! The state of one open call, and the record it becomes.

use super::knowledge::{CallEnd, CallMoment, LegReading, Reading, Snapshot};
use super::record::{CallRecord, Hold, Outcome, VendorRecord, non_negative};
use crate::common::{AbandonPhase, CauseCode, CommonEvent, Direction, Media, PartyRole, Vendor};
use crate::wire::Text;
use chrono::{DateTime, Utc};

/// How many moment keys a call remembers to drop repeats (vendors repeat a moment within
/// seconds, not dozens of events later).
pub(crate) const DEDUP_MEMORY: usize = 32;

/// The latest [`DEDUP_MEMORY`] moment keys of a call, oldest overwritten first. Allocated with
/// the first key and growing to at most [`DEDUP_MEMORY`]: most calls see a few moments, and a
/// call's state moves (open, closed, remembered) without carrying a full table inline.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Dedup {
    keys: Vec<u64>,
    /// The slot the next key takes once full (the oldest).
    next: usize,
}

impl Dedup {
    /// Whether `key` was seen.
    pub(crate) fn contains(&self, key: u64) -> bool {
        self.keys.contains(&key)
    }

    /// Whether `key` was seen (and remembers it if not, forgetting the oldest when full).
    pub(crate) fn seen(&mut self, key: u64) -> bool {
        if self.contains(key) {
            return true;
        }
        if self.keys.len() < DEDUP_MEMORY {
            if self.keys.is_empty() {
                // Room for the moments of most calls at once: growing from four (to eight,
                // then sixteen) cost two more allocations and copies per call.
                self.keys.reserve_exact(DEDUP_MEMORY / 2);
            }
            self.keys.push(key);
        } else if let Some(slot) = self.keys.get_mut(self.next) {
            *slot = key;
            self.next = (self.next + 1) % DEDUP_MEMORY;
        }
        false
    }
}

/// One leg of a call: a channel, connection or participant.
#[derive(Debug, Clone, PartialEq)]
struct Leg {
    /// `None` for an agent the customer's leg named before any event of the agent's own leg.
    id: Option<Text>,
    role: Option<PartyRole>,
    agent_id: Option<Text>,
    active: bool,
}

/// An agent of the call and how the tracker knows it.
#[derive(Debug, Clone, PartialEq)]
struct CallAgent {
    id: Text,
    /// Seen talking on the call (rather than only named on one of its legs).
    talked: bool,
}

/// How a call was closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Closing {
    /// Its end was seen.
    Ended,
    /// Idle too long, or the input ended.
    Incomplete,
}

/// One open call.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Call {
    pub(crate) vendor: Vendor,
    pub(crate) tenant: Option<Text>,
    pub(crate) call_id: Text,
    pub(crate) first_seen: DateTime<Utc>,
    pub(crate) last_seen: DateTime<Utc>,
    mid_stream: bool,
    /// Met mid-stream at a moment that means it was already connected.
    connected_before: bool,
    legs: Vec<Leg>,
    pub(crate) snapshot: Option<Snapshot>,
    pub(crate) dedup: Dedup,
    related: Vec<Text>,
    direction: Option<Direction>,
    media: Option<Media>,
    caller: Option<Text>,
    callee: Option<Text>,
    queue: Option<Text>,
    agents: Vec<CallAgent>,
    supervisors: Vec<Text>,
    initiated_at: Option<DateTime<Utc>>,
    ivr_entered_at: Option<DateTime<Utc>>,
    enqueued_at: Option<DateTime<Utc>>,
    dequeued_at: Option<DateTime<Utc>>,
    alerted_at: Option<DateTime<Utc>>,
    answered_at: Option<DateTime<Utc>>,
    holds: Vec<Hold>,
    hold_open: Option<DateTime<Utc>>,
    ended_at: Option<DateTime<Utc>>,
    abandoned: Option<AbandonPhase>,
    failed: Option<CauseCode>,
    transfer_count: u32,
    first_leaver: Option<(PartyRole, Option<CauseCode>)>,
    last_leaver: Option<(PartyRole, Option<CauseCode>)>,
    end_cause: Option<CauseCode>,
    customer_left: bool,
    pub(crate) events: u32,
    pub(crate) duplicates: u32,
    pub(crate) call_end: Option<CallEnd>,
    pub(crate) vendor_record: Option<Box<VendorRecord>>,
    /// Wrap-up time of the call's agents already ended, ms.
    pub(crate) acw_done: Option<i64>,
    /// Its end is the vendor record's (the end itself was not seen).
    pub(crate) ended_by_vendor: bool,
}

impl Call {
    /// A call first seen with an event at `time` whose moment is `moment`.
    #[inline(never)]
    pub(crate) fn open(
        common: &CommonEvent,
        call_id: &str,
        time: DateTime<Utc>,
        first: Option<CallMoment>,
        from_supervisor: bool,
    ) -> Self {
        let starts = first.is_some_and(CallMoment::starts_a_call) && !from_supervisor;
        let connected_before = !starts
            && !matches!(
                first,
                Some(CallMoment::Abandoned | CallMoment::Failed | CallMoment::QueueTimeout)
            );
        Call {
            vendor: common.vendor.clone(),
            tenant: common.tenant.clone(),
            call_id: call_id.into(),
            first_seen: time,
            last_seen: time,
            mid_stream: !starts,
            connected_before,
            legs: Vec::new(),
            snapshot: None,
            dedup: Dedup::default(),
            related: Vec::new(),
            direction: None,
            media: None,
            caller: None,
            callee: None,
            queue: None,
            agents: Vec::new(),
            supervisors: Vec::new(),
            initiated_at: None,
            ivr_entered_at: None,
            enqueued_at: None,
            dequeued_at: None,
            alerted_at: None,
            answered_at: None,
            holds: Vec::new(),
            hold_open: None,
            ended_at: None,
            abandoned: None,
            failed: None,
            transfer_count: 0,
            first_leaver: None,
            last_leaver: None,
            end_cause: None,
            customer_left: false,
            events: 0,
            duplicates: 0,
            call_end: None,
            vendor_record: None,
            acw_done: None,
            ended_by_vendor: false,
        }
    }

    /// The call's direction so far.
    pub(crate) fn direction(&self) -> Option<Direction> {
        self.direction.clone()
    }

    /// The role of the leg with this id, when known.
    pub(crate) fn leg_role(&self, id: &str) -> Option<PartyRole> {
        self.legs
            .iter()
            .find(|leg| leg.id.as_deref() == Some(id))
            .and_then(|leg| leg.role.clone())
    }

    /// Records an agent seen talking on the call (`supervisor`: on a supervision leg).
    pub(crate) fn agent_talked(&mut self, agent_id: &str, supervisor: bool) {
        if supervisor {
            push_unique(&mut self.supervisors, agent_id);
            return;
        }
        match self.agents.iter_mut().find(|agent| agent.id == agent_id) {
            Some(agent) => agent.talked = true,
            None => self.agents.push(CallAgent {
                id: agent_id.into(),
                talked: true,
            }),
        }
    }

    /// Whether the agent handles the call (not only supervises it).
    pub(crate) fn is_handled_by(&self, agent_id: &str) -> bool {
        self.agents.iter().any(|agent| agent.id == agent_id) && !self.supervisors.iter().any(|s| s == agent_id)
    }

    fn agent_named(&mut self, agent_id: &str) {
        if !self.agents.iter().any(|agent| agent.id == agent_id) && !self.supervisors.iter().any(|s| s == agent_id) {
            self.agents.push(CallAgent {
                id: agent_id.into(),
                talked: false,
            });
        }
    }

    /// Applies one event's details and its reading's leg; returns whether the call ended.
    pub(crate) fn apply(
        &mut self,
        common: &CommonEvent,
        reading: &Reading,
        moment: CallMoment,
        time: DateTime<Utc>,
    ) -> bool {
        self.last_seen = self.last_seen.max(time);
        self.take_details(common);
        if reading.call_end.is_some() {
            self.call_end = reading.call_end;
        }
        let from_supervisor = is_supervisor(common, reading.leg.as_ref());
        let leaving = reading.leg.as_ref().is_some_and(|leg| leg.leaves);
        let cause = common.cause.as_ref().map(|cause| cause.code.clone());
        if let Some(leg) = &reading.leg {
            let role = self.apply_leg(leg, moment);
            if leg.leaves {
                self.note_leaver(role.unwrap_or(PartyRole::Unknown), cause.clone());
            }
        }
        if let Some(agent) = &reading.agent_with_customer {
            if !self.legs.iter().any(|leg| leg.agent_id.as_deref() == Some(agent)) {
                self.legs.push(Leg {
                    id: None,
                    role: Some(PartyRole::Agent),
                    agent_id: Some(Text::from(agent.as_ref())),
                    active: true,
                });
            }
            self.agent_named(agent);
        }
        match moment {
            CallMoment::Initiated if !from_supervisor => set_once(&mut self.initiated_at, time),
            CallMoment::IvrEntered => set_once(&mut self.ivr_entered_at, time),
            CallMoment::Enqueued => set_once(&mut self.enqueued_at, time),
            CallMoment::Alerted if !from_supervisor => {
                if self.answered_at.is_none() && !self.connected_before {
                    set_once(&mut self.alerted_at, time);
                }
                if self.enqueued_at.is_some() {
                    set_once(&mut self.dequeued_at, time);
                }
            }
            CallMoment::Answered | CallMoment::Conferenced if !from_supervisor && !self.connected_before => {
                set_once(&mut self.answered_at, time);
            }
            CallMoment::HoldStarted => set_once(&mut self.hold_open, time),
            CallMoment::HoldEnded => self.end_hold(time),
            CallMoment::Transferred => self.transfer_count += 1,
            CallMoment::Abandoned => {
                self.abandoned = Some(common.abandon_phase.clone().unwrap_or(AbandonPhase::Unknown));
                self.customer_left = true;
                self.note_leaver(PartyRole::Customer, cause.clone());
            }
            CallMoment::Failed => self.failed = Some(cause.unwrap_or(CauseCode::Other)),
            CallMoment::Ended => {
                self.end_cause = self.end_cause.take().or(cause);
                self.ended_at = Some(time);
                return true;
            }
            _ => {}
        }
        if leaving || moment == CallMoment::Abandoned {
            return self.last_leg_left();
        }
        false
    }

    fn take_details(&mut self, common: &CommonEvent) {
        // A leg's direction may be internal (a consultation); the customer's side wins.
        match (self.direction.clone(), common.direction.clone()) {
            (None, Some(direction)) => self.direction = Some(direction),
            (Some(Direction::Internal), Some(direction @ (Direction::Inbound | Direction::Outbound))) => {
                self.direction = Some(direction)
            }
            _ => {}
        }
        if self.media.is_none() {
            self.media.clone_from(&common.media);
        }
        fill(&mut self.caller, common.caller.as_deref());
        fill(&mut self.callee, common.callee.as_deref());
        fill(&mut self.queue, common.queue.as_deref());
        for related in &common.related_call_ids {
            if related.as_str() != self.call_id {
                push_unique(&mut self.related, related);
            }
        }
    }

    /// Applies what an event says about its leg; gives the leg's role.
    fn apply_leg(&mut self, reading: &LegReading, moment: CallMoment) -> Option<PartyRole> {
        let index = self
            .legs
            .iter()
            .position(|leg| leg.id.as_deref() == Some(&*reading.id))
            .or_else(|| {
                // The agent's own leg, named before by the customer's.
                let agent = reading.agent_id.as_deref()?;
                self.legs
                    .iter()
                    .position(|leg| leg.id.is_none() && leg.agent_id.as_deref() == Some(agent))
            });
        let index = match index {
            Some(index) => index,
            None => {
                self.legs.push(Leg {
                    id: Some(Text::from(reading.id.as_ref())),
                    role: None,
                    agent_id: None,
                    active: !reading.leaves,
                });
                self.legs.len() - 1
            }
        };
        let connected_before = self.connected_before;
        let leg = self.legs.get_mut(index)?;
        if leg.id.is_none() {
            leg.id = Some(Text::from(reading.id.as_ref()));
        }
        // A role once known stays: later events may name the leg less precisely.
        if leg.role.as_ref().is_none_or(|role| *role == PartyRole::Unknown) {
            leg.role = reading.role.clone().or(leg.role.take());
        }
        if leg.agent_id.is_none() {
            leg.agent_id = reading.agent_id.as_deref().map(Text::from);
        }
        let (role, agent) = (leg.role.clone(), leg.agent_id.clone());
        if reading.leaves {
            leg.active = false;
            if role == Some(PartyRole::Customer) {
                self.customer_left = true;
            }
        } else if !leg.active {
            // A leg that left comes back only by ringing or answering again.
            leg.active = matches!(
                moment,
                CallMoment::Alerted | CallMoment::Answered | CallMoment::Initiated
            );
        }
        if let (Some(agent), Some(PartyRole::Agent)) = (agent.as_deref(), role.as_ref()) {
            if connected_before {
                self.agent_named(agent);
            }
        }
        if let (Some(agent), Some(PartyRole::Supervisor)) = (agent.as_deref(), role.as_ref()) {
            push_unique(&mut self.supervisors, agent);
        }
        role
    }

    /// Notes who left, for `disconnected_by`: the first to leave an answered call, else the
    /// last to leave.
    fn note_leaver(&mut self, role: PartyRole, cause: Option<CauseCode>) {
        // A supervisor's or the platform's leg leaving disconnects nobody.
        if matches!(role, PartyRole::Supervisor | PartyRole::System) {
            return;
        }
        if (self.answered_at.is_some() || self.connected_before) && self.first_leaver.is_none() {
            self.first_leaver = Some((role.clone(), cause.clone()));
        }
        self.last_leaver = Some((role, cause));
    }

    fn last_leg_left(&mut self) -> bool {
        let Some(CallEnd::LastLeg { needs_customer }) = self.call_end else {
            return false;
        };
        let active = self
            .legs
            .iter()
            .any(|leg| leg.active && leg.role != Some(PartyRole::System));
        if active || (self.legs.is_empty() && !self.customer_left) {
            return false;
        }
        if needs_customer && self.direction != Some(Direction::Internal) && !self.customer_left {
            return false;
        }
        true
    }

    fn end_hold(&mut self, time: DateTime<Utc>) {
        if let Some(start) = self.hold_open.take() {
            self.holds.push(Hold {
                start,
                end: time.max(start),
            });
        }
    }

    /// Ends the call at `time` (for an incomplete one: its last event).
    pub(crate) fn close(&mut self, time: DateTime<Utc>) {
        if self.ended_at.is_none() {
            self.ended_at = Some(time);
        }
        let end = self.ended_at.unwrap_or(time);
        self.end_hold(end);
    }

    /// The call's record at revision 1 (the call's texts moved into it, not copied).
    #[inline(never)]
    pub(crate) fn into_record(self, closing: Closing) -> CallRecord {
        let mut inferred: Vec<Text> = Vec::new();
        let mut unknown: Vec<Text> = Vec::new();
        let ended = self.ended_at.unwrap_or(self.last_seen);
        if closing == Closing::Incomplete || self.ended_by_vendor {
            inferred.push("ended_at".into());
        }
        let answered = self.answered_at.is_some() || self.connected_before;
        let (outcome, abandon_phase) = match (closing, self.abandoned) {
            (Closing::Incomplete, _) => (Outcome::Incomplete, None),
            (_, Some(phase)) => (Outcome::Abandoned, Some(phase)),
            _ if answered => {
                if self.answered_at.is_none() {
                    inferred.push("outcome".into());
                }
                (Outcome::Answered, None)
            }
            _ if self.failed.is_some() => (Outcome::Failed, None),
            _ if self.direction == Some(Direction::Inbound) || self.enqueued_at.is_some() => {
                // Only some vendors say "abandoned": an inbound call that ends unanswered is one.
                inferred.push("outcome".into());
                let phase = if self.alerted_at.is_some() {
                    AbandonPhase::Ringing
                } else if self.enqueued_at.is_some() {
                    AbandonPhase::Queue
                } else if self.ivr_entered_at.is_some() {
                    AbandonPhase::Ivr
                } else {
                    AbandonPhase::Unknown
                };
                (Outcome::Abandoned, Some(phase))
            }
            _ => (Outcome::NotAnswered, None),
        };
        if self.mid_stream {
            unknown.push("initiated_at".into());
            if self.connected_before {
                unknown.push("alerted_at".into());
                unknown.push("answered_at".into());
            }
        }
        let span = |from: Option<DateTime<Utc>>, to: Option<DateTime<Utc>>| match (from, to) {
            (Some(from), Some(to)) => Some(non_negative(to - from)),
            _ => None,
        };
        let hold_ms: i64 = self.holds.iter().map(|hold| non_negative(hold.end - hold.start)).sum();
        let talk_from = if self.connected_before {
            inferred.push("talk_ms".into());
            Some(self.first_seen)
        } else {
            self.answered_at
        };
        let talk_ms = span(talk_from, Some(ended)).map(|talk| (talk - hold_ms).max(0));
        let acw_ms = self.acw_done;
        let handle_ms = if answered {
            talk_ms.map(|talk| talk + hold_ms + acw_ms.unwrap_or(0))
        } else {
            None
        };
        let connected_before = self.connected_before;
        let agents: Vec<Text> = self
            .agents
            .into_iter()
            .filter(|agent| agent.talked || connected_before)
            .map(|agent| agent.id)
            .collect();
        let longest_hold_ms = self.holds.iter().map(|hold| non_negative(hold.end - hold.start)).max();
        let hold_count = u32::try_from(self.holds.len()).unwrap_or(u32::MAX);
        // An incomplete call was disconnected by nobody the tracker saw.
        let leaver = match closing {
            Closing::Ended => self.first_leaver.or(self.last_leaver),
            Closing::Incomplete => None,
        };
        let mut record = CallRecord {
            vendor: self.vendor,
            tenant: self.tenant,
            call_id: self.call_id,
            related_call_ids: self.related,
            direction: self.direction,
            media: self.media,
            caller: self.caller,
            callee: self.callee,
            queue: self.queue,
            agents,
            supervisors: self.supervisors,
            initiated_at: self.initiated_at,
            ivr_entered_at: self.ivr_entered_at,
            enqueued_at: self.enqueued_at,
            alerted_at: self.alerted_at,
            answered_at: self.answered_at,
            holds: self.holds,
            ended_at: Some(ended),
            ivr_ms: span(
                self.ivr_entered_at,
                self.enqueued_at.or(self.answered_at).or(Some(ended)),
            ),
            queue_ms: span(self.enqueued_at, self.dequeued_at.or(self.answered_at).or(Some(ended))),
            ring_ms: span(self.alerted_at, self.answered_at.or(Some(ended))),
            talk_ms,
            hold_ms,
            hold_count,
            longest_hold_ms,
            acw_ms,
            handle_ms,
            outcome,
            abandon_phase,
            transfer_count: self.transfer_count,
            disconnected_by: leaver
                .clone()
                .map(|(role, _)| role)
                .filter(|role| *role != PartyRole::Unknown),
            disconnect_cause: match closing {
                Closing::Ended => self
                    .end_cause
                    .or(leaver.and_then(|(_, cause)| cause))
                    .or(self.failed.clone()),
                Closing::Incomplete => None,
            },
            started_mid_stream: self.mid_stream,
            unknown,
            inferred,
            events: self.events,
            duplicates: self.duplicates,
            late_events: 0,
            revision: 1,
            reconciliation: None,
        };
        if let Some(vendor) = &self.vendor_record {
            record.reconciliation = Some(record.reconcile(vendor));
        }
        record
    }
}

/// Whether the event comes from a supervisor's leg.
pub(crate) fn is_supervisor(common: &CommonEvent, leg: Option<&LegReading>) -> bool {
    leg.and_then(|leg| leg.role.as_ref()) == Some(&PartyRole::Supervisor)
        || common
            .party
            .as_ref()
            .is_some_and(|party| party.role == PartyRole::Supervisor)
}

fn set_once(slot: &mut Option<DateTime<Utc>>, time: DateTime<Utc>) {
    if slot.is_none() {
        *slot = Some(time);
    }
}

fn fill(slot: &mut Option<Text>, value: Option<&str>) {
    if slot.is_none() {
        *slot = value.map(Text::from);
    }
}

fn push_unique(list: &mut Vec<Text>, value: &str) {
    if !list.iter().any(|item| item == value) {
        list.push(value.into());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dedup_remembers_the_latest_keys() {
        let mut dedup = Dedup::default();
        assert!(!dedup.seen(7));
        assert!(dedup.seen(7));
        for key in 100..100 + DEDUP_MEMORY as u64 {
            assert!(!dedup.seen(key));
        }
        assert!(!dedup.contains(7), "the oldest is forgotten");
        assert!(dedup.contains(100 + DEDUP_MEMORY as u64 - 1));
        assert!(!dedup.contains(0), "an empty slot is no key");
    }
}
