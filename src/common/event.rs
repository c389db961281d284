//! [`CommonEvent`]: one thing that happened to one subject, whichever vendor said it.

use super::{
    AbandonPhase, AgentState, Cause, Direction, DivertMode, EventKind, EventTime, Media, NotReadyReason, Party,
};
use super::{TransferMode, party::non_empty};
use serde::{Deserialize, Serialize};

/// The vendor whose payload an event came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, strum::Display)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
#[non_exhaustive]
pub enum Vendor {
    /// Alibaba Cloud Call Center 2.0 ([`crate::aliyun_v2`]).
    AlibabaCloud,
    /// 7moor V7 ([`crate::push_v7`]).
    SevenMoor,
    /// A CSTA JSON feed ([`crate::csta`]).
    Csta,
    /// Google CCAI Platform ([`crate::ccai_qm`]).
    GoogleCcai,
}

impl Vendor {
    /// The schema this vendor's payloads are read with.
    pub fn schema(self) -> crate::Schema {
        match self {
            Vendor::AlibabaCloud => crate::Schema::AliyunV2,
            Vendor::SevenMoor => crate::Schema::PushV7,
            Vendor::Csta => crate::Schema::Csta,
            Vendor::GoogleCcai => crate::Schema::CcaiQm,
        }
    }
}

/// One thing that happened to one subject (an agent, a call, or one party of a call), in the
/// vendor-neutral vocabulary. Its JSON form is stable: `snake_case` keys, absent values left
/// out, kinds and states as `snake_case` strings, causes in ECMA `camelCase`.
///
/// Conversions are stateless: one payload, one event. What needs earlier events (a call
/// cleared when its last leg leaves, the difference between two CCAI snapshots) is not
/// guessed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CommonEvent {
    /// The vendor.
    pub vendor: Vendor,
    /// The vendor's own event type, verbatim: the schema's discriminator as sent
    /// (`"Established"`, `"dialoutRing"`, `"delivered"`, `"CallState"`); for a push_v7 payload
    /// recognised by its shape, the name of the kind it was read as (`"incomingHangup"`).
    pub vendor_event_type: String,
    /// What happened.
    pub kind: EventKind,
    /// The vendor's own id of this event, where it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_id: Option<String>,
    /// The tenant: Aliyun instance, 7moor account, CSTA namespace, or the configured one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant: Option<String>,
    /// When it happened, in UTC, with the time's source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<EventTime>,
    /// The vendor's sequence number, where it has one (CSTA `serial`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sequence: Option<u64>,
    /// The call (contact) the event is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub call_id: Option<String>,
    /// The leg (channel, connection) the event is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub leg_id: Option<String>,
    /// Other calls the event names (the calls a transfer or conference joined).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related_call_ids: Vec<String>,
    /// The agent the event is about, or the agent acting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent_id: Option<String>,
    /// The party the event happened to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party: Option<Party>,
    /// The other party: the transfer target, the consulted agent, the supervised agent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counterparty: Option<Party>,
    /// The call's direction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<Direction>,
    /// The calling number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caller: Option<String>,
    /// The called number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub callee: Option<String>,
    /// The queue or skill group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queue: Option<String>,
    /// The agent's state after the event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent_state: Option<AgentState>,
    /// Why the agent is not ready.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_ready_reason: Option<NotReadyReason>,
    /// Why it happened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cause: Option<Cause>,
    /// For [`EventKind::Transferred`]: blind or attended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transfer_mode: Option<TransferMode>,
    /// For [`EventKind::Diverted`]: how.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub divert_mode: Option<DivertMode>,
    /// For [`EventKind::Abandoned`]: where the caller hung up.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub abandon_phase: Option<AbandonPhase>,
    /// The session's medium: absent for a voice call, [`Media::Chat`] for a chat (see [`Media`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media: Option<Media>,
}

impl CommonEvent {
    /// An event of `kind` from `vendor` with its verbatim type and nothing else known yet.
    pub fn new(vendor: Vendor, kind: EventKind, vendor_event_type: impl Into<String>) -> Self {
        CommonEvent {
            vendor,
            vendor_event_type: vendor_event_type.into(),
            kind,
            event_id: None,
            tenant: None,
            time: None,
            sequence: None,
            call_id: None,
            leg_id: None,
            related_call_ids: Vec::new(),
            agent_id: None,
            party: None,
            counterparty: None,
            direction: None,
            caller: None,
            callee: None,
            queue: None,
            agent_state: None,
            not_ready_reason: None,
            cause: None,
            transfer_mode: None,
            divert_mode: None,
            abandon_phase: None,
            media: None,
        }
    }

    /// Sets the kind (conversions refine it as they read the payload).
    pub fn with_kind(mut self, kind: EventKind) -> Self {
        self.kind = kind;
        self
    }

    /// Sets the tenant (an empty text counts as none).
    pub fn with_tenant(mut self, tenant: Option<&str>) -> Self {
        self.tenant = non_empty(tenant);
        self
    }

    /// Sets the call id (an empty text counts as none).
    pub fn with_call_id(mut self, call_id: Option<&str>) -> Self {
        self.call_id = non_empty(call_id);
        self
    }

    /// Sets the leg id (an empty text counts as none).
    pub fn with_leg_id(mut self, leg_id: Option<&str>) -> Self {
        self.leg_id = non_empty(leg_id);
        self
    }

    /// Sets the agent id (an empty text counts as none).
    pub fn with_agent_id(mut self, agent_id: Option<&str>) -> Self {
        self.agent_id = non_empty(agent_id);
        self
    }

    /// Sets caller and callee (empty texts count as none).
    pub fn with_numbers(mut self, caller: Option<&str>, callee: Option<&str>) -> Self {
        self.caller = non_empty(caller);
        self.callee = non_empty(callee);
        self
    }

    /// Sets the queue (an empty text counts as none).
    pub fn with_queue(mut self, queue: Option<&str>) -> Self {
        self.queue = non_empty(queue);
        self
    }
}
