//! A CSTA-style JSON event feed (seed 003, "事件及其数据结构"): agent events and call events, each
//! the JSON rendering of an ECMA-269 (CSTA) event.
//!
//! The discriminator is `eventName` (the ECMA name in lowerCamelCase); `eventType` says `agent`
//! or `csta` and is a field like any other. The 17 event types of the document are variants of
//! [`Event`], and so are the other ECMA-269 call-control events a CSTA feed sends (failed,
//! diverted, queued, callCleared, networkReached, offered, bridged, digitsDialed; see the
//! `ecma` types). Any other name (`agentBusy`, ...) is [`Event::Unknown`], kept whole.
//!
//! ```
//! use cc_events::csta::{Event, EventType, LocalState};
//! let bytes = br#"{"eventName":"delivered","eventSrc":"8100@welljoint.cc",
//!     "eventTime":"2018.04.10 15:39:56","eventType":"csta","serial":15296,
//!     "srcDeviceId":"8100@welljoint.cc","callId":"5d0727a2","deviceId":"8100@welljoint.cc",
//!     "localState":"Alerting","connectionId":"8100@welljoint.cc|5d0727a2","cause":"newCall",
//!     "alertingDevice":"8100@welljoint.cc","userData":{"data":{"origin_dnis":"5484"}},
//!     "vendorNew":1}"#;
//! let event = Event::from_slice(bytes)?;
//! assert_eq!(event.event_type(), EventType::Delivered);
//! assert_eq!(event.local_state(), Some(&LocalState::Alerting));
//! assert_eq!(event.call_id(), Some("5d0727a2"));
//! assert_eq!(event.is_subscriber_subject(), Some(true)); // this device is ringing
//! let Event::Delivered(delivered) = &event else {
//!     return Err("not a Delivered event".into());
//! };
//! assert_eq!(delivered.origin_dnis(), Some("5484")); // read from userData.data
//! // Lossless: the undocumented key is kept, and reported.
//! let back: serde_json::Value = serde_json::to_value(&event)?;
//! assert_eq!(back, serde_json::from_slice::<serde_json::Value>(bytes)?);
//! assert_eq!(event.deviations()[0].to_string(), "$.vendorNew: undocumented field");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Decisions on the document's inconsistencies:
//! * Every field is optional: the document calls eight fields "stable", yet its samples omit
//!   `agentId` on call events and `callId`/`callingDevice`/`calledDevice` on most events.
//! * `eventSrc` is an object in the data models and a device id string in the samples: both
//!   are typed ([`EventSource`]), neither is a deviation.
//! * `agentMode` `Allocated` (the agentAllocated sample) is not in the documented list: it is a
//!   variant ([`AgentMode::Allocated`]), since the sample documents it. The documented value
//!   `Unknown` is [`AgentMode::UnknownMode`].
//! * `agentStatus` `Dailing` (sic) is the documented text of [`AgentStatus::Dialing`]; a sender
//!   writing `Dialing` is kept as sent and reported, and [`AgentStatus::standard`] resolves it.
//! * `cause` (delivered sample) versus `callCause` (delivered model): both are typed, `cause`
//!   for every call event (ECMA-269 gives every call event a cause), `callCause` on
//!   [`Delivered`]; [`Event::cause`] reads `cause`, then `callCause`. Values are ECMA-269
//!   EventCause ([`EventCause`]); other casings (`NEW_CALL`) are kept as sent, reported, and
//!   resolved by `standard()`.
//! * delivered's `origin_dnis` and `originalCallId`: top level in the model, inside
//!   `userData.data` in the sample; both places are read (see [`Delivered`]).
//! * connectionCleared, agentAllocated, recordStarted and recordStopped have no data model: their
//!   fields are their samples' (and the common groups).
//! * The recordStarted sample is not valid JSON (never closed): such a payload is an error
//!   naming the place; the fixtures keep it verbatim and a corrected copy.
//! * `localState` `Queued` on the connectionCleared and transferred samples contradicts the
//!   event: it is kept as sent ([`LocalState`]); the event type says what happened.
//! * `primaryOldCall` `"0"` means "no call" ([`CallRef`]); `originCallInfo` `{}` is an empty
//!   [`OriginCallInfo`].
//! * `serial` is documented as an integer: a string holding one is read by [`Event::serial`]
//!   but reported ([`Integer`]).
//! * `eventTime` is local time with no zone, `YYYY.MM.DD HH:MM:SS`: kept as text;
//!   [`Event::utc_time`] takes the offset (the vendors' home zone is +08:00).
//! * The document's "serviceInited" means serviceInitiated; its delivered sample titles do not
//!   match their content (direction is not stated by any event).

mod agent;
mod call;
mod ecma;
mod enums;
mod fields;
mod forms;
mod record;
pub mod to_common;
mod track;

pub use agent::{AgentEvent, AgentLogEvent, AgentNotReady};
pub use call::{
    Conferenced, ConnectionCleared, Delivered, Established, Held, Originated, Retrieved, ServiceInitiated, Transferred,
};
pub use ecma::{Bridged, CallCleared, DigitsDialed, Diverted, Failed, NetworkReached, Offered, Queued};
pub use enums::{AgentMode, AgentStatus, EventCategory, EventCause, LocalState};
pub use fields::{AgentFields, CallFields, CommonFields, MergeFields, PartyFields, RecordFields, RouteFields};
pub use forms::{CallRef, ConnectionId, DeviceId, Devices, EventSource, Integer, OriginCallInfo, UserData};
pub use record::{RecordStarted, RecordStopped};

use crate::wire::{DottedLocalTime, wire_events};
use chrono::{DateTime, FixedOffset, Utc};
use serde_json::Value;

wire_events! {
    schema: Csta,
    tag: "eventName",
    /// The csta event names (`eventName`): the 17 of the document and 8 more ECMA-269
    /// call-control events.
    pub enum EventType;
    /// One event of a CSTA JSON feed, typed by its `eventName`.
    pub enum Event {
        /// The agent logged on (座席登录).
        AgentLoggedOn(AgentLogEvent) = "agentLoggedOn",
        /// The agent logged off (座席登出).
        AgentLoggedOff(AgentLogEvent) = "agentLoggedOff",
        /// The agent is ready (座席就绪).
        AgentReady(AgentEvent) = "agentReady",
        /// The agent is not ready (座席离席).
        AgentNotReady(AgentNotReady) = "agentNotReady",
        /// The device went off hook to call (摘机).
        ServiceInitiated(ServiceInitiated) = "serviceInitiated",
        /// A call is being made (呼出).
        Originated(Originated) = "originated",
        /// A device is ringing (振铃).
        Delivered(Delivered) = "delivered",
        /// A device answered (接通).
        Established(Established) = "established",
        /// A device left the call (呼叫挂断).
        ConnectionCleared(ConnectionCleared) = "connectionCleared",
        /// The call was transferred (转移).
        Transferred(Transferred) = "transferred",
        /// A conference formed or grew (会议).
        Conferenced(Conferenced) = "conferenced",
        /// A held call is active again (取回).
        Retrieved(Retrieved) = "retrieved",
        /// A call was put on hold (保持).
        Held(Held) = "held",
        /// The agent is in after-call work (座席话后处理).
        AgentWorkingAfterCall(AgentEvent) = "agentWorkingAfterCall",
        /// The agent was reserved for a call (座席预占).
        AgentAllocated(AgentEvent) = "agentAllocated",
        /// A recording started (录音开始).
        RecordStarted(RecordStarted) = "recordStarted",
        /// A recording stopped (录音停止).
        RecordStopped(RecordStopped) = "recordStopped",
        /// The call failed at a device (ECMA-269 Failed; not in the document).
        Failed(Failed) = "failed",
        /// The call was diverted before answer (ECMA-269 Diverted; not in the document).
        Diverted(Diverted) = "diverted",
        /// The call was queued (ECMA-269 Queued; not in the document).
        Queued(Queued) = "queued",
        /// The whole call ended (ECMA-269 CallCleared; not in the document).
        CallCleared(CallCleared) = "callCleared",
        /// The call left the switch on a trunk (ECMA-269 NetworkReached; not in the document).
        NetworkReached(NetworkReached) = "networkReached",
        /// The call was offered to a device (ECMA-269 Offered; not in the document).
        Offered(Offered) = "offered",
        /// A device bridged onto the call (ECMA-269 Bridged; not in the document).
        Bridged(Bridged) = "bridged",
        /// Digits were dialed (ECMA-269 DigitsDialed; not in the document).
        DigitsDialed(DigitsDialed) = "digitsDialed",
    }
}

impl EventType {
    /// Whether the document (seed 003) describes this event type; `false` for the ECMA-269
    /// events added beside it and for unknown names.
    pub fn is_documented(&self) -> bool {
        self.is_known() && !self.is_ecma_addition()
    }

    /// Whether this is one of the ECMA-269 call-control events the document does not describe.
    pub fn is_ecma_addition(&self) -> bool {
        matches!(
            self,
            EventType::Failed
                | EventType::Diverted
                | EventType::Queued
                | EventType::CallCleared
                | EventType::NetworkReached
                | EventType::Offered
                | EventType::Bridged
                | EventType::DigitsDialed
        )
    }
}

impl Event {
    fn common(&self) -> Option<&CommonFields> {
        self.group()
    }

    fn unknown_value(&self, key: &str) -> Option<&Value> {
        match self {
            Event::Unknown(object) => object.get(key),
            _ => None,
        }
    }

    fn unknown_str(&self, key: &str) -> Option<&str> {
        self.unknown_value(key).and_then(Value::as_str)
    }

    /// The event time as sent (`eventTime`, local `YYYY.MM.DD HH:MM:SS`); `.parse()` reads it.
    pub fn event_time(&self) -> Option<&DottedLocalTime> {
        self.common().and_then(|common| common.event_time.get())
    }

    /// The event time in UTC, the local time being at `local_offset` (the feed sends no zone;
    /// its vendors' home zone is +08:00). `None` when absent or not of the documented form.
    pub fn utc_time(&self, local_offset: FixedOffset) -> Option<DateTime<Utc>> {
        self.event_time()?.parse()?.to_utc(local_offset)
    }

    /// The event category (`eventType`: `agent` or `csta`), as sent; for an unknown event
    /// type, read from its object.
    pub fn category(&self) -> Option<EventCategory> {
        match self.common() {
            Some(common) => common.event_type.get().cloned(),
            None => self.unknown_str("eventType").map(EventCategory::from),
        }
    }

    /// The sequence number (`serial`), whether sent as a number or as a string holding one.
    pub fn serial(&self) -> Option<u64> {
        match self.common() {
            Some(common) => common.serial.get().and_then(Integer::as_u64),
            None => match self.unknown_value("serial")? {
                Value::Number(number) => number.as_u64(),
                Value::String(text) => text.trim().parse().ok(),
                _ => None,
            },
        }
    }

    /// The tenant's namespace (`namespace`), e.g. `zhen04.cc`.
    pub fn namespace(&self) -> Option<&str> {
        match self.common() {
            Some(common) => common.namespace.as_str(),
            None => self.unknown_str("namespace"),
        }
    }

    /// The subscriber: the device whose subscription delivered this copy (`srcDeviceId`).
    pub fn src_device_id(&self) -> Option<&str> {
        match self.common() {
            Some(common) => common.src_device_id.get().map(DeviceId::as_str),
            None => self.unknown_str("srcDeviceId"),
        }
    }

    /// The call (`callId`), for every event that names one.
    pub fn call_id(&self) -> Option<&str> {
        if let Some(call) = self.group::<CallFields>() {
            return call.call_id.as_str();
        }
        match self {
            Event::RecordStarted(event) => event.call_id.as_str(),
            _ => self.unknown_str("callId"),
        }
    }

    /// The device the event changed (`deviceId`): the agent's extension on agent events, the
    /// device whose state changed on call events.
    pub fn device_id(&self) -> Option<&str> {
        let device = if let Some(agent) = self.group::<AgentFields>() {
            agent.device_id.get()
        } else if let Some(call) = self.group::<CallFields>() {
            call.device_id.get()
        } else {
            match self {
                Event::RecordStarted(event) => event.device_id.get(),
                _ => return self.unknown_str("deviceId"),
            }
        };
        device.map(DeviceId::as_str)
    }

    /// The agent (`agentId`); only agent events carry it (map a device to its agent with
    /// agentLoggedOn's `deviceId` and `agentId`).
    pub fn agent_id(&self) -> Option<&str> {
        match self.group::<AgentFields>() {
            Some(agent) => agent.agent_id.get().map(DeviceId::as_str),
            None => self.unknown_str("agentId"),
        }
    }

    /// The agent mode (`agentMode`) of an agent event.
    pub fn agent_mode(&self) -> Option<&AgentMode> {
        self.group::<AgentFields>().and_then(|agent| agent.agent_mode.get())
    }

    /// The state of `deviceId` after a call event (`localState`).
    pub fn local_state(&self) -> Option<&LocalState> {
        self.group::<CallFields>().and_then(|call| call.local_state.get())
    }

    /// The connection (`connectionId`) of a call event.
    pub fn connection_id(&self) -> Option<&ConnectionId> {
        self.group::<CallFields>().and_then(|call| call.connection_id.get())
    }

    /// Why the event happened: `cause`, or delivered's `callCause` when `cause` is absent.
    pub fn cause(&self) -> Option<&EventCause> {
        match self {
            Event::Delivered(delivered) => delivered.event_cause(),
            _ => self.group::<CallFields>().and_then(|call| call.cause.get()),
        }
    }

    /// The device the event is about: `alertingDevice` (delivered), `answeringDevice`
    /// (established), `releasingDevice` (connectionCleared), `holdingDevice`, `retrievingDevice`,
    /// `initiatedDevice`, `callingDevice` (originated), `transferringDevice`, `addedParty`
    /// (conferenced), the ECMA events' failing, diverting, offered, dialing device, `queue`,
    /// the trunk (networkReached), `bridgedAppearance`, and `deviceId` on agent events and
    /// recordStarted. `None` for callCleared, recordStopped and unknown events.
    pub fn subject_device(&self) -> Option<&str> {
        let device = match self {
            Event::AgentLoggedOn(event) | Event::AgentLoggedOff(event) => event.agent.device_id.get(),
            Event::AgentReady(event) | Event::AgentWorkingAfterCall(event) | Event::AgentAllocated(event) => {
                event.agent.device_id.get()
            }
            Event::AgentNotReady(event) => event.agent.device_id.get(),
            Event::ServiceInitiated(event) => event.initiated_device.get(),
            Event::Originated(event) => event.parties.calling_device.get(),
            Event::Delivered(event) => event.alerting_device.get(),
            Event::Established(event) => event.answering_device.get(),
            Event::ConnectionCleared(event) => event.releasing_device.get(),
            Event::Transferred(event) => event.transferring_device.get(),
            Event::Conferenced(event) => event.added_party.get(),
            Event::Retrieved(event) => event.retrieving_device.get(),
            Event::Held(event) => event.holding_device.get(),
            Event::RecordStarted(event) => event.device_id.get(),
            Event::Failed(event) => event.failing_device.get(),
            Event::Diverted(event) => event.diverting_device.get(),
            Event::Queued(event) => event.queue.get(),
            Event::NetworkReached(event) => event.trunk(),
            Event::Offered(event) => event.offered_device.get(),
            Event::Bridged(event) => event.bridged_appearance.get(),
            Event::DigitsDialed(event) => event.dialing_device.get(),
            Event::RecordStopped(_) | Event::CallCleared(_) | Event::Unknown(_) => None,
        };
        device.map(DeviceId::as_str).filter(|device| !device.is_empty())
    }

    /// Whether this copy of the event is about the subscriber's own device: the subject device
    /// ([`Event::subject_device`]) is `srcDeviceId`. The document's rule for delivered,
    /// established and connectionCleared (every device of a call receives a copy; an outbound
    /// call gives two connectionCleared). `None` when either is missing.
    pub fn is_subscriber_subject(&self) -> Option<bool> {
        Some(self.subject_device()? == self.src_device_id()?)
    }
}
