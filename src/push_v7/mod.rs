//! 7moor V7 event pushes (七陌 V7 事件推送).
//!
//! Specification: the vendor's event-push page (seed 001): outbound ringing and hang-up,
//! inbound ringing and hang-up, the call record, customer connected, agent status change,
//! media-detected failure reason, softphone login and logout. Field tables and JSON samples.
//!
//! ```
//! use cc_events::push_v7::{CallEvent, Event, EventType};
//! let bytes = br#"{"eventUniqueId":"8757e994f19040749c5b194faaf21c78","accountId":"20000153",
//!     "callUniqueId":"403344537650466816","pushType":"dialoutRing","customerNumber":"17319132391",
//!     "statusTime":"1620455977","callEvent":"ring","callType":"dialout","agentNumber":"20001",
//!     "extras":"","vendorNew":1}"#;
//! let event = Event::from_slice(bytes)?;
//! assert_eq!(event.event_type(), EventType::DialoutRing);
//! assert_eq!(event.call_event(), Some(&CallEvent::Ring));
//! assert_eq!(event.call_unique_id(), Some("403344537650466816"));
//! let time = event.status_time().and_then(|t| t.to_utc(chrono::FixedOffset::east_opt(0)?));
//! assert_eq!(time.map(|t| t.to_rfc3339()).as_deref(), Some("2021-05-08T06:39:37+00:00"));
//! // Lossless: the undocumented key is kept, and reported.
//! assert_eq!(serde_json::to_value(&event)?, serde_json::from_slice::<serde_json::Value>(bytes)?);
//! assert_eq!(event.deviations()[0].to_string(), "$.vendorNew: undocumented field");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Dispatch
//!
//! The discriminator is `pushType`, although no call-event table lists it. When a payload has
//! one, it decides: `dialoutRing`, `dialoutHangup`, `callStatus`, `cdr`, `mediaFailreason`,
//! `login`, `logout` (the document's values), and any other text is [`Event::Unknown`], whole.
//! Two samples carry no `pushType`, and the inbound-ringing section shows none (its sample is a
//! `callStatus`); those pushes are recognised by their shape, in this order:
//!
//! 1. a `content` key holding an object: customer connected ([`Event::CustomerConnected`]);
//! 2. `callEvent` `ring` with `callType` `incoming`: inbound ringing ([`Event::IncomingRing`]);
//! 3. `callEvent` `hangup` with `callType` `incoming`: inbound hang-up ([`Event::IncomingHangup`]);
//! 4. any other object with a `callEvent` key: [`Event::Unknown`], whole (a call event of a
//!    kind the document does not publish without `pushType`);
//! 5. anything else is an error (no usable discriminator).
//!
//! The names `incomingRing`, `incomingHangup` and `customerConnected` are the crate's, not the
//! vendor's ([`EventType`] needs one per variant). A payload that sends one of them as its
//! `pushType` is read as that variant, with its `pushType` kept.
//!
//! # Decisions on the document's inconsistencies
//!
//! * Types: the tables say "string" for durations and `sipCode`, the samples send numbers:
//!   both are accepted and kept ([`crate::wire::Numeric`]). Where table and samples agree (a
//!   string `statusTime`, `statusNumber`; a number `preMediaCode`), another JSON type is kept
//!   whole and reported as a deviation, and the accessor gives `None`.
//! * `""` means "none" for every value: enum fields are [`OrEmpty`], times and durations read
//!   `""` as no value; `""` is never a deviation and always round-trips as `""`.
//! * `statusTime` is unix seconds in a string for call events, a local `YYYY-MM-DD HH:MM:SS`
//!   for login and logout; the CDR's times are local. The seed's call (calling ...972,
//!   ring ...977, link ...982, hangup ...987) lines up with its CDR's local times read at
//!   +08:00.
//! * `extras` (documented object, sent `""`), `satisfyKeys` (documented string, sent `[]`),
//!   `groupIdList`/`groupNameList` (sent `[""]`): see [`CallFields`], [`SatisfyKeys`],
//!   [`DisplayGroupFields`].
//! * The status codes are documented on `statusName`, but the samples send the code in
//!   `statusNumber` and the label in `statusName`: see [`CallStatus::status`].
//! * Spellings are the vendor's: `mediaFailreason`, `unknow`, `agentAreacode` and
//!   `agentAreaCode` (both known; see [`Cdr`]).
//! * The inbound hang-up sample is not valid JSON as published (a comma is missing after
//!   `agentName`); the crate does not repair JSON, so that text is an error.

mod agent;
mod call;
mod cdr;
mod enums;
mod fields;
mod forms;
mod media;
pub mod to_common;
mod track;

pub use agent::SoftphoneStatus;
pub use call::{CallPush, CallStatus, ConnectedContent, CustomerConnected, DialoutHangup};
pub use cdr::Cdr;
pub use enums::{
    AgentStatus, CallEvent, CallType, CdrStatus, CdrType, FailureReason, HangUpSide, LegRole, LegType, LoginType,
    LogoutType, NumberType, OfflineType, PreMediaFailureReason, RecordType,
};
pub use fields::{AgentFields, CallEventFields, CallFields, CommonFields, DisplayGroupFields};
pub use forms::{BILL_LEG_PARTS, BillCall, BillLeg, Location, OrEmpty, SatisfyKeys, StatusNumber};
pub use media::{MediaContent, MediaFailure, Segment};

use crate::wire::{Buffered, Fields, Pending, WallTime, wire_events};
use serde_json::Value;
use std::any::{Any, TypeId};

wire_events! {
    schema: PushV7,
    tag: "pushType",
    untagged: by_shape,
    shape_keys: &["content", "callEvent", "callType"],
    /// The push_v7 event types (`pushType`): the document's seven values, and the crate's names
    /// for the three pushes the document shows without one.
    pub enum EventType;
    /// One 7moor V7 push, typed by its `pushType` (or, without one, by its shape).
    pub enum Event {
        /// Outbound ringing (外呼振铃事件), for outbound screen-pop.
        DialoutRing(CallPush) = "dialoutRing",
        /// Outbound hang-up (外呼挂机事件).
        DialoutHangup(DialoutHangup) = "dialoutHangup",
        /// Inbound ringing (来电振铃事件). No `pushType` is documented; recognised by `callEvent`
        /// `ring` with `callType` `incoming`.
        IncomingRing(CallPush) = "incomingRing",
        /// Inbound hang-up (来电挂机事件). Its sample has no `pushType`; recognised by `callEvent`
        /// `hangup` with `callType` `incoming`.
        IncomingHangup(CallPush) = "incomingHangup",
        /// Agent status change (坐席状态变化事件), with or without a call event.
        CallStatus(CallStatus) = "callStatus",
        /// Call record (通话记录推送事件), boxed (it has some eighty fields).
        Cdr(Cdr) = "cdr",
        /// Customer connected (用户接通事件): the `{"content": {...}, "uniqueId": ...}` envelope.
        CustomerConnected(CustomerConnected) = "customerConnected",
        /// Media-detected failure reason (媒体识别挂机原因事件).
        MediaFailreason(MediaFailure) = "mediaFailreason",
        /// Softphone login (电话条登陆).
        Login(SoftphoneStatus) = "login",
        /// Softphone logout (电话条登出).
        Logout(SoftphoneStatus) = "logout",
    }
}

/// The value of `key` among the entries read (each key the shape rule reads came once: a
/// repeat is refused before the rule runs, see `shape_keys`).
fn entry<'a>(entries: &'a Buffered, key: &str) -> Option<&'a Pending> {
    entries
        .iter()
        .rev()
        .find(|(name, _)| name == key)
        .map(|(_, value)| value)
}

/// The event type of a payload without `pushType` (see the module's "Dispatch").
fn by_shape(entries: &Buffered) -> Option<&'static str> {
    if entry(entries, "content").is_some_and(Pending::is_object) {
        return Some("customerConnected");
    }
    let call_event = entry(entries, "callEvent")?;
    let incoming = entry(entries, "callType").and_then(Pending::as_str) == Some("incoming");
    Some(match call_event.as_str() {
        Some("ring") if incoming => "incomingRing",
        Some("hangup") if incoming => "incomingHangup",
        // No variant has this name: the payload becomes `Event::Unknown`, whole.
        _ => "",
    })
}

impl Event {
    /// The field group `G`, at the top level or inside the customer-connected `content`.
    fn part<G: Any>(&self) -> Option<&G> {
        if let Some(group) = self.group::<G>() {
            return Some(group);
        }
        match self {
            Event::CustomerConnected(event) => event.content()?.group_any(TypeId::of::<G>())?.downcast_ref(),
            _ => None,
        }
    }

    fn unknown_str(&self, key: &str) -> Option<&str> {
        match self {
            Event::Unknown(object) => object.get(key).and_then(Value::as_str).filter(|text| !text.is_empty()),
            _ => None,
        }
    }

    /// The account (`accountId`). Like every accessor here, `None` when absent or `""`.
    pub fn account_id(&self) -> Option<&str> {
        match self.part::<CommonFields>() {
            Some(common) => common.account_id.non_empty(),
            None => self.unknown_str("accountId"),
        }
    }

    /// The event id (`eventUniqueId`). The customer-connected envelope has none; its
    /// `uniqueId` (same form) is given instead.
    pub fn event_unique_id(&self) -> Option<&str> {
        if let Some(id) = self
            .part::<CommonFields>()
            .and_then(|common| common.event_unique_id.non_empty())
        {
            return Some(id);
        }
        match self {
            Event::CustomerConnected(event) => event.unique_id.non_empty(),
            _ => self.unknown_str("eventUniqueId"),
        }
    }

    /// The call (`callUniqueId`), for every push that names one. The customer-connected sample
    /// names none: see [`CallEventFields::super_unique_id`].
    pub fn call_unique_id(&self) -> Option<&str> {
        if let Some(call) = self.part::<CallFields>() {
            return call.call_unique_id.non_empty();
        }
        match self {
            Event::MediaFailreason(event) => event.call_unique_id.non_empty(),
            _ => self.unknown_str("callUniqueId"),
        }
    }

    /// The parent call (`superUniqueId`) of a call-event push, `None` when empty: the call id
    /// of the pushes that send no `callUniqueId`.
    pub fn super_unique_id(&self) -> Option<&str> {
        self.part::<CallEventFields>()?.super_unique_id.non_empty()
    }

    /// The agent's number (`agentNumber`, 工号).
    pub fn agent_number(&self) -> Option<&str> {
        match self.part::<AgentFields>() {
            Some(agent) => agent.agent_number.non_empty(),
            None => self.unknown_str("agentNumber"),
        }
    }

    /// The customer's number (`customerNumber`), `None` when empty.
    pub fn customer_number(&self) -> Option<&str> {
        self.part::<CallFields>()?.customer_number.non_empty()
    }

    /// The call event (`callEvent`) of a call-event push, `None` for `""`.
    pub fn call_event(&self) -> Option<&CallEvent> {
        self.part::<CallEventFields>()?.call_event()
    }

    /// The call type (`callType`) of a call-event push or call record, `None` for `""`.
    pub fn call_type(&self) -> Option<&CallType> {
        self.part::<CallFields>()?.call_type()
    }

    /// When the state began (`statusTime`): unix seconds for call events (an explicit UTC
    /// instant), a local time for login and logout. `None` for other pushes (the call record
    /// has its own times, the media failure none), for `""`, or a text of another form.
    pub fn status_time(&self) -> Option<WallTime> {
        match self {
            Event::Login(event) | Event::Logout(event) => event.time(),
            _ => self.part::<CallEventFields>()?.time(),
        }
    }

    /// The agent's status, for an agent status change.
    pub fn agent_status(&self) -> Option<AgentStatus> {
        match self {
            Event::CallStatus(event) => event.status(),
            _ => None,
        }
    }
}
