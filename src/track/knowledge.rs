//! [`VendorKnowledge`]: what a schema knows about its own events that no single payload says,
//! given to the tracker as a [`Reading`] of each event.
//!
//! Each schema implements the trait for its `Event` in its own `track.rs`; the tracker's state
//! machine stays vendor-neutral and only applies readings.

use super::record::VendorRecord;
use super::scoped::hash_text;
use crate::common::{AgentState, CommonEvent, ConnectionState, PartyRole};
use crate::wire::{Text, same_text};
use chrono::FixedOffset;
use std::borrow::Cow;

/// What a schema's knowledge says about one of its events.
pub trait VendorKnowledge {
    /// Reads one event, whose common form is `common`, with what the tracker remembers of its
    /// call in `context`. The reading may borrow the event's texts.
    fn read<'a>(&'a self, common: &'a CommonEvent, context: &ReadContext<'_>) -> Reading<'a>;

    /// Whether the vendor sends snapshots of whole calls, so that [`ReadContext::previous`]
    /// is worth looking up.
    fn sends_snapshots(&self) -> bool {
        false
    }
}

/// What the tracker gives a schema's knowledge along with an event.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct ReadContext<'a> {
    /// The previous snapshot of the event's call, when the vendor sends snapshots.
    pub previous: Option<&'a Snapshot>,
    /// The offset of the vendor's local times.
    pub local_offset: FixedOffset,
}

impl<'a> ReadContext<'a> {
    /// A context with no previous snapshot.
    pub fn new(local_offset: FixedOffset) -> Self {
        ReadContext {
            previous: None,
            local_offset,
        }
    }

    /// Sets the previous snapshot.
    pub fn with_previous(mut self, previous: Option<&'a Snapshot>) -> Self {
        self.previous = previous;
        self
    }
}

/// What one moment means for the call, whatever the vendor calls it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CallMoment {
    /// The call was started (dialed out, or off-hook).
    Initiated,
    /// The call entered the IVR.
    IvrEntered,
    /// The call entered a queue.
    Enqueued,
    /// An agent was chosen for the call.
    Assigned,
    /// A party was alerted (rang).
    Alerted,
    /// A party answered.
    Answered,
    /// A party was put on hold.
    HoldStarted,
    /// A party was taken off hold.
    HoldEnded,
    /// The call was transferred.
    Transferred,
    /// A party joined a conference.
    Conferenced,
    /// A leg left the call.
    LegLeft,
    /// The whole call ended.
    Ended,
    /// The caller hung up before an agent answered.
    Abandoned,
    /// The call could not be completed.
    Failed,
    /// The call waited too long in a queue.
    QueueTimeout,
    /// Something else that names the call (an agent's state on it, a recording, mute).
    Touched,
}

impl CallMoment {
    /// The vendor-neutral reading of a common event: its kind's meaning for the call, or
    /// `None` when the event names no call.
    pub fn of(common: &CommonEvent) -> Option<CallMoment> {
        use crate::common::EventKind as K;
        common.call_id.as_ref()?;
        Some(match common.kind {
            K::ServiceInitiated | K::Originated => CallMoment::Initiated,
            // An agent starting to dial starts the call (7moor `calling`, Alibaba Cloud
            // AgentDialing); its other states only touch it.
            K::AgentBusy if common.agent_state == Some(AgentState::Dialing) => CallMoment::Initiated,
            K::AgentReserved => CallMoment::Assigned,
            K::IvrEntered => CallMoment::IvrEntered,
            K::Queued => CallMoment::Enqueued,
            K::Assigned => CallMoment::Assigned,
            K::Offered | K::Delivered => CallMoment::Alerted,
            K::Established => CallMoment::Answered,
            K::Held => CallMoment::HoldStarted,
            K::Retrieved => CallMoment::HoldEnded,
            K::Transferred => CallMoment::Transferred,
            K::Conferenced => CallMoment::Conferenced,
            K::ConnectionCleared => CallMoment::LegLeft,
            K::CallCleared => CallMoment::Ended,
            K::Abandoned => CallMoment::Abandoned,
            K::Failed => CallMoment::Failed,
            K::QueueTimeout => CallMoment::QueueTimeout,
            _ => CallMoment::Touched,
        })
    }

    /// Whether a call first seen at this moment was seen from its start.
    pub fn starts_a_call(self) -> bool {
        matches!(
            self,
            CallMoment::Initiated
                | CallMoment::IvrEntered
                | CallMoment::Enqueued
                | CallMoment::Assigned
                | CallMoment::Alerted
        )
    }
}

/// How a vendor's call ends when it sends no call-cleared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CallEnd {
    /// The vendor says when the call ends ([`CallMoment::Ended`]).
    Explicit,
    /// The call ends when its last leg leaves (Alibaba Cloud, the CSTA feed).
    LastLeg {
        /// Whether a customer's leg must have left too, in calls that are not internal: the
        /// legs a feed names may not be all of the call's (a tracker started mid-stream).
        needs_customer: bool,
    },
}

/// What an event says about the leg (channel, connection, participant) it happened on.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct LegReading<'a> {
    /// The leg's id.
    pub id: Cow<'a, str>,
    /// Its role, when the vendor's knowledge can tell.
    pub role: Option<PartyRole>,
    /// The agent on the leg.
    pub agent_id: Option<Cow<'a, str>>,
    /// Whether the leg left the call with this event.
    pub leaves: bool,
}

impl<'a> LegReading<'a> {
    /// A leg with only its id known.
    pub fn new(id: impl Into<Cow<'a, str>>) -> Self {
        LegReading {
            id: id.into(),
            role: None,
            agent_id: None,
            leaves: false,
        }
    }

    /// Sets the role.
    pub fn with_role(mut self, role: Option<PartyRole>) -> Self {
        self.role = role;
        self
    }

    /// Sets the agent.
    pub fn with_agent(mut self, agent_id: Option<&'a str>) -> Self {
        self.agent_id = agent_id.filter(|id| !id.is_empty()).map(Cow::Borrowed);
        self
    }

    /// Sets whether the leg leaves.
    pub fn leaving(mut self, leaves: bool) -> Self {
        self.leaves = leaves;
        self
    }
}

/// A device → agent binding learnt from an agent event (CSTA `deviceId` + `agentId`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct DeviceBinding<'a> {
    /// The device.
    pub device: Cow<'a, str>,
    /// The agent now at the device; `None` when the agent left it (logged off).
    pub agent_id: Option<Cow<'a, str>>,
}

/// A participant of a call snapshot (Google CCAI's `Participants`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct SnapshotParty {
    /// The participant's id.
    pub id: Text,
    /// Agent or customer (or third party).
    pub role: PartyRole,
    /// Its connection state.
    pub state: ConnectionState,
    /// Whether it is muted.
    pub muted: bool,
    /// Whether redaction is on for it.
    pub redacted: bool,
}

impl SnapshotParty {
    /// A participant in `state`, not muted, not redacted.
    pub fn new(id: impl Into<Text>, role: PartyRole, state: ConnectionState) -> Self {
        SnapshotParty {
            id: id.into(),
            role,
            state,
            muted: false,
            redacted: false,
        }
    }
}

/// The participants of a call at one moment, as a vendor that sends snapshots gave them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct Snapshot {
    /// The participants, in the order sent.
    pub parties: Vec<SnapshotParty>,
}

impl Snapshot {
    /// The participant with this id.
    pub fn party(&self, id: &str) -> Option<&SnapshotParty> {
        self.parties.iter().find(|party| same_text(&party.id, id))
    }
}

/// What a schema's knowledge says about one event: the call moment it stands for, how to tell
/// a repeat of it, its leg, and what it implies beyond itself. Its texts are borrowed from the
/// event where they can be: a reading lives only while its event is applied.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct Reading<'a> {
    /// The event's meaning for its call; `None` when it has none (an agent event that names no
    /// call, a repeat of a moment another push already reported).
    pub moment: Option<CallMoment>,
    /// The identity of the moment: two events of one call with the same key are one moment
    /// reported twice, and the second is dropped (see [`moment_key`]).
    pub dedup_key: Option<u64>,
    /// A key this event marks as seen without being checked against it: a push whose moment
    /// another push may repeat later (7moor's dedicated call push, repeated by `callStatus`).
    pub marks: Option<u64>,
    /// How the vendor's calls end.
    pub call_end: Option<CallEnd>,
    /// The leg the event is about.
    pub leg: Option<LegReading<'a>>,
    /// An agent the event says is with the customer (Alibaba Cloud's customer-leg events):
    /// the agent has a leg in the call even if none of its events was seen yet.
    pub agent_with_customer: Option<Cow<'a, str>>,
    /// A device → agent binding the event teaches.
    pub binds_device: Option<DeviceBinding<'a>>,
    /// The device whose agent the event is about, when it names no agent (CSTA call events).
    pub device: Option<Cow<'a, str>>,
    /// The states the event puts the agents at these devices in (CSTA, where call events name
    /// devices and agent events carry no busy states); applied as inferred states.
    pub device_states: Vec<(Cow<'a, str>, AgentState)>,
    /// Devices whose connection to the call ended: their agent, put on the call by
    /// `device_states`, goes back to the state it was in before.
    pub devices_released: Vec<Cow<'a, str>>,
    /// The participants after the event, for vendors that send snapshots.
    pub snapshot: Option<Snapshot>,
    /// Events the knowledge derives from this one (the differences between two snapshots),
    /// each to be applied as if sent, and marked as inferred.
    pub derived: Vec<CommonEvent>,
    /// Agents that left the call without the vendor ever saying their state afterwards.
    pub agents_gone: Vec<Text>,
    /// The vendor's own record of the call (7moor `cdr`, Alibaba Cloud `CDRReady`), boxed: one
    /// event in many has one.
    pub vendor_record: Option<Box<VendorRecord>>,
}

impl Reading<'_> {
    /// The vendor-neutral reading: the event kind's moment and no vendor knowledge.
    pub fn plain(common: &CommonEvent) -> Self {
        Reading {
            moment: CallMoment::of(common),
            ..Reading::default()
        }
    }
}

/// A 64-bit key of a moment's parts, for [`Reading::dedup_key`]: the same parts give the same
/// key (keys are compared within one run only, never stored). Each part's bytes and length
/// are mixed in (a multiply-rotate, then a final avalanche), so parts never run into each
/// other.
pub fn moment_key(parts: &[&str]) -> u64 {
    let mut hash = 0x6d6f_6d65_6e74_u64;
    for part in parts {
        hash = hash_text(hash, part.as_bytes());
    }
    // MurmurHash3's finaliser: every input bit reaches every key bit.
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xff51_afd7_ed55_8ccd);
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    hash ^ (hash >> 33)
}
