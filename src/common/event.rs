//! [`CommonEvent`]: one thing that happened to one subject, whichever vendor said it.

use super::vocabulary::vocabulary;
use super::{
    AbandonPhase, AgentState, Cause, Direction, DivertMode, EventKind, EventTime, Media, NotReadyReason, Party,
};
use super::{FormatVersion, TransferMode, party::non_empty};
use crate::wire::Text;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

vocabulary! {
    /// The vendor whose payload an event came from.
    pub enum Vendor {
        /// Alibaba Cloud Call Center 2.0 ([`crate::aliyun_v2`]).
        AlibabaCloud = "alibaba_cloud",
        /// 7moor V7 ([`crate::push_v7`]).
        SevenMoor = "seven_moor",
        /// A CSTA JSON feed ([`crate::csta`]).
        Csta = "csta",
        /// Google CCAI Platform ([`crate::ccai_qm`]).
        GoogleCcai = "google_ccai",
    }
}

impl Vendor {
    /// The schema this vendor's payloads are read with (`None` for a vendor of a newer
    /// version).
    pub fn schema(&self) -> Option<crate::Schema> {
        Some(match self {
            Vendor::AlibabaCloud => crate::Schema::AliyunV2,
            Vendor::SevenMoor => crate::Schema::PushV7,
            Vendor::Csta => crate::Schema::Csta,
            Vendor::GoogleCcai => crate::Schema::CcaiQm,
            Vendor::Unrecognized(_) => return None,
        })
    }
}

/// One thing that happened to one subject (an agent, a call, or one party of a call), in the
/// vendor-neutral vocabulary. Its JSON form is versioned ([`FormatVersion`], the `format`
/// member of every event) and stable: `snake_case` keys, absent values left out, kinds and
/// states as `snake_case` strings, causes in ECMA `camelCase`, times to the millisecond. It is
/// forward-compatible: a value a newer version added (a kind, a vendor, a state, a cause) is
/// read as `Unrecognized(text)`, a member it added is kept in [`CommonEvent::extra`], and both
/// are written back unchanged. Its JSON Schema is [`super::JSON_SCHEMA`].
///
/// Conversions are stateless: one payload, one event. What needs earlier events (a call
/// cleared when its last leg leaves, the difference between two CCAI snapshots) is not
/// guessed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct CommonEvent {
    /// The version of the common JSON this event is written in (`"cc-events/1"`).
    pub format: FormatVersion,
    /// The vendor.
    pub vendor: Vendor,
    /// The vendor's own event type, verbatim: the schema's discriminator as sent
    /// (`"Established"`, `"dialoutRing"`, `"delivered"`, `"CallState"`); for a push_v7 payload
    /// recognised by its shape, the name of the kind it was read as (`"incomingHangup"`).
    #[cfg_attr(feature = "schemars", schemars(with = "String"))]
    pub vendor_event_type: Text,
    /// What happened.
    pub kind: EventKind,
    /// The vendor's own id of this event, where it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schemars", schemars(with = "Option<String>"))]
    pub event_id: Option<Text>,
    /// The tenant: Aliyun instance, 7moor account, CSTA namespace, or the configured one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schemars", schemars(with = "Option<String>"))]
    pub tenant: Option<Text>,
    /// When it happened, in UTC, with the time's source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<EventTime>,
    /// The vendor's sequence number, where it has one (CSTA `serial`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sequence: Option<u64>,
    /// The call (contact) the event is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schemars", schemars(with = "Option<String>"))]
    pub call_id: Option<Text>,
    /// The leg (channel, connection) the event is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schemars", schemars(with = "Option<String>"))]
    pub leg_id: Option<Text>,
    /// Other calls the event names (the calls a transfer or conference joined).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "schemars", schemars(with = "Vec<String>"))]
    pub related_call_ids: Vec<Text>,
    /// The agent the event is about, or the agent acting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schemars", schemars(with = "Option<String>"))]
    pub agent_id: Option<Text>,
    /// The party the event happened to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party: Option<Party>,
    /// The other party: the transfer target, the consulted agent, the supervised agent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counterparty: Option<Party>,
    /// The direction of the leg the event is about (a consultation leg of an inbound call
    /// is internal), as the vendor reports it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<Direction>,
    /// The calling number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schemars", schemars(with = "Option<String>"))]
    pub caller: Option<Text>,
    /// The called number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schemars", schemars(with = "Option<String>"))]
    pub callee: Option<Text>,
    /// The queue or skill group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schemars", schemars(with = "Option<String>"))]
    pub queue: Option<Text>,
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
    /// Members a newer version of the format added, kept as read and written back unchanged.
    /// Always empty in an event this version converted.
    #[serde(flatten)]
    #[cfg_attr(feature = "schemars", schemars(skip))]
    pub extra: Map<String, Value>,
}

impl CommonEvent {
    /// An event of `kind` from `vendor` with its verbatim type and nothing else known yet.
    #[inline]
    pub fn new(vendor: Vendor, kind: EventKind, vendor_event_type: impl Into<Text>) -> Self {
        CommonEvent {
            format: FormatVersion::CURRENT,
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
            extra: Map::new(),
        }
    }

    /// Gives the event this receive time where the conversion would: when it has no time,
    /// or only a receive time (its payload has no usable time of its own). An explicit or
    /// local payload time is kept. `event.to_common(&options).with_received_at(at)` is the
    /// conversion with `options.with_received_at(at)`, without rebuilding the options.
    #[inline]
    pub fn with_received_at(mut self, received_at: chrono::DateTime<chrono::Utc>) -> Self {
        let payload_time = self
            .time
            .as_ref()
            .is_some_and(|time| time.source != super::TimeSource::Received);
        if !payload_time {
            self.time = Some(EventTime::received(received_at));
        }
        self
    }

    /// Sets the kind (conversions refine it as they read the payload).
    #[inline]
    pub fn with_kind(mut self, kind: EventKind) -> Self {
        self.kind = kind;
        self
    }

    /// Sets the tenant (an empty text counts as none).
    #[inline]
    pub fn with_tenant(mut self, tenant: Option<&str>) -> Self {
        self.set_tenant(tenant);
        self
    }

    /// Sets the call id (an empty text counts as none).
    #[inline]
    pub fn with_call_id(mut self, call_id: Option<&str>) -> Self {
        self.set_call_id(call_id);
        self
    }

    /// Sets the leg id (an empty text counts as none).
    #[inline]
    pub fn with_leg_id(mut self, leg_id: Option<&str>) -> Self {
        self.set_leg_id(leg_id);
        self
    }

    /// Sets the agent id (an empty text counts as none).
    #[inline]
    pub fn with_agent_id(mut self, agent_id: Option<&str>) -> Self {
        self.set_agent_id(agent_id);
        self
    }

    /// Sets caller and callee (empty texts count as none).
    #[inline]
    pub fn with_numbers(mut self, caller: Option<&str>, callee: Option<&str>) -> Self {
        self.set_numbers(caller, callee);
        self
    }

    /// Sets the queue (an empty text counts as none).
    #[inline]
    pub fn with_queue(mut self, queue: Option<&str>) -> Self {
        self.set_queue(queue);
        self
    }

    // In-place setters for the conversions (a `CommonEvent` is large, and a by-value builder
    // chain moves all of it at every step); the `with_*` builders are these, by value.
    pub(crate) fn set_tenant(&mut self, tenant: Option<&str>) {
        self.tenant = non_empty(tenant);
    }
    pub(crate) fn set_call_id(&mut self, call_id: Option<&str>) {
        self.call_id = non_empty(call_id);
    }
    pub(crate) fn set_leg_id(&mut self, leg_id: Option<&str>) {
        self.leg_id = non_empty(leg_id);
    }
    pub(crate) fn set_agent_id(&mut self, agent_id: Option<&str>) {
        self.agent_id = non_empty(agent_id);
    }
    pub(crate) fn set_numbers(&mut self, caller: Option<&str>, callee: Option<&str>) {
        self.caller = non_empty(caller);
        self.callee = non_empty(callee);
    }
    pub(crate) fn set_queue(&mut self, queue: Option<&str>) {
        self.queue = non_empty(queue);
    }
}
