//! Google Contact Center AI Platform call-session events for quality management
//! (QM 通話工作階段事件資料).
//!
//! Specification: Google's "QM call session event data" (seed 004, a zh-TW machine
//! translation): the payloads the CCAI Platform exports to a QM application. Every payload is
//! `{"type": ..., "item": {...}}`; the discriminator is `type`, and its two documented values
//! are the variants of [`Event`]: `AgentState` (an agent logged in or out, [`AgentStateEvent`])
//! and `CallState` (a snapshot of a call session, [`CallStateEvent`] with typed
//! [`Participant`]s). Any other `type` is [`Event::Unknown`], kept whole.
//!
//! ```
//! use cc_events::ccai_qm::{Event, EventType, ParticipantState};
//! let bytes = br#"{"type":"CallState","item":{"CallID":"846802bf90d1","State":"ringing",
//!     "Direction":"incoming","Queue_uuid":3,"Participants":[
//!     {"ParticipantID":"+123456789","Type":"external","State":"connected"},
//!     {"ParticipantID":"1234","Type":"agent","State":"ringing"}],
//!     "MediaID":"208188811_124248155@67.231.1.110","Site":"eu"}}"#;
//! let event = Event::from_slice(bytes)?;
//! assert_eq!(event.event_type(), EventType::CallState);
//! let call = event.call().expect("a CallState item");
//! assert_eq!(call.participant_in(&ParticipantState::Ringing).and_then(|p| p.id()), Some("1234"));
//! assert_eq!(call.externals().count(), 1);
//! assert_eq!(call.queue_id().and_then(|queue| queue.as_u64()), Some(3));
//! // Lossless: the undocumented key is kept, and reported.
//! let back: serde_json::Value = serde_json::to_value(&event)?;
//! assert_eq!(back, serde_json::from_slice::<serde_json::Value>(bytes)?);
//! assert_eq!(event.deviations()[0].to_string(), "$.item.Site: undocumented field");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! There is no time, event id, sequence number or tenant in any payload: the caller supplies
//! the receive time, and orders events by arrival.
//!
//! Decisions on the document's inconsistencies:
//! * Call `State`: the table lists nine values, the samples also use `held` and
//!   `participantDisconnect`; all eleven are variants of [`CallState`] (no deviation).
//!   `deflected` (call) and `callback`, `deflected`, `transferred` (participant) are listed
//!   without a description: they are variants, documented as such.
//! * Two samples are not JSON as published (the held one lacks its opening `{`, the muted one
//!   has a stray `\` after `"Recording_permitted" : true,`). They fail to parse with an error
//!   that says where; the crate does not repair JSON.
//! * `Queue_uuid` is documented as a UUID and sent as the number `3`: both forms are accepted
//!   without deviation, any other form is kept and reported ([`QueueId`]).
//! * `MediaID` is documented on participants and sent on the item: it is a known field in both
//!   places ([`MediaFields`]).
//! * `Participants` is documented as "an object" and sent as an array: the array is followed, a
//!   lone object is read but reported ([`Participants`]).
//! * `ParticipantID` may be `null` on a participant (a third party without a number), which is
//!   no deviation; on an `AgentState` item it is.
//! * `Custom_headers` has no documented shape and no sample: any JSON is kept.
//! * The queue fields and `Language` are "inbound only" per the table but sent on outbound
//!   calls by the samples, and the outbound disconnected sample has none of them: every item
//!   field may be absent, on either direction.
//! * The outbound dialing sample has both participants `connected` although the participant
//!   state `dialing` exists; the outbound samples disagree on `Initiator` (the user's number,
//!   then the agent's id). Payloads are modelled as sent; nothing is inferred from them here.
//! * Participants can vanish rather than change state (agent 1234 in the cold-transfer sample),
//!   and unhold, mute, unmute, redact and unredact all come as call state `connected`: telling
//!   what happened needs the previous snapshot of the same call, which is the caller's job, not
//!   this typed model's.
//!
//! [`Event::to_common`] reads each payload alone into the common vocabulary: the kind from
//! `item.State`, and for a `connected` call from its participants' states, held first, then
//! muted, redacted, unmuted, unredacted, else established. The README has the mapping table;
//! every decision is documented with the conversion's source (`to_common.rs`).

mod agent;
mod call;
pub mod chat;
mod enums;
mod fields;
mod forms;
pub mod to_common;
mod track;

pub use agent::{AgentItem, AgentStateEvent};
pub use call::{CallItem, CallStateEvent, Participant};
pub use enums::{AgentState, CallState, Direction, ParticipantState, ParticipantType};
pub use fields::{CommonFields, MediaFields};
pub use forms::{Participants, QueueId, QueuePath};

use crate::wire::wire_events;

wire_events! {
    schema: CcaiQm,
    tag: "type",
    /// The ccai_qm event types (`type`): `AgentState` and `CallState`.
    pub enum EventType;
    /// One CCAI Platform QM call-session event, typed by its `type`.
    pub enum Event {
        /// An agent logged in or out (代理程式相關事件).
        AgentState(AgentStateEvent) = "AgentState",
        /// A call session changed state (與通話相關事件).
        CallState(CallStateEvent) = "CallState",
    }
}

impl Event {
    /// The `item` of an `AgentState` event, when it is an object.
    pub fn agent(&self) -> Option<&AgentItem> {
        match self {
            Event::AgentState(event) => event.item.get(),
            _ => None,
        }
    }

    /// The `item` of a `CallState` event, when it is an object.
    pub fn call(&self) -> Option<&CallItem> {
        match self {
            Event::CallState(event) => event.item.get(),
            _ => None,
        }
    }

    /// The call id (`item.CallID`) of a `CallState` event.
    pub fn call_id(&self) -> Option<&str> {
        self.call().and_then(|call| call.call_id.as_str())
    }

    /// The `item.State` text as sent, whatever the event type (also for `Unknown`): `"login"`,
    /// `"connected"`, ...
    pub fn state_text(&self) -> Option<&str> {
        match self {
            Event::AgentState(_) => self.agent().and_then(|agent| agent.state.get()).map(AgentState::as_str),
            Event::CallState(_) => self.call().and_then(|call| call.state.get()).map(CallState::as_str),
            Event::Unknown(object) => object
                .get("item")
                .and_then(|item| item.get("State"))
                .and_then(serde_json::Value::as_str),
        }
    }
}
