//! Google CCAI Platform QM chat session events: the chat counterpart of the call-session
//! events, exported to the same quality-management application.
//!
//! Specification: Google's "QM chat session event data"
//! (<https://cloud.google.com/contact-center/ccai-platform/docs/qm-chat-session-data>). Each
//! payload is one flat object with snake_case keys (`chat_id`, `state`, `participants` with
//! `dn`, `session_type_v2`, ...), unlike the call events' `{"type", "item"}` envelope. There
//! is no event-type key: the page's event types (chat started, waiting for assignment,
//! accepted, ...) show only as the chat's `state`, which is therefore the discriminator
//! ([`ChatEvent::event_type_text`]); a payload without `state` but with `chat_id` is a chat
//! too. Every `state` is read into the one typed [`ChatSession`] (an undocumented state is
//! kept and reported, never a reason to lose the typing).
//!
//! ```
//! use cc_events::ccai_qm::chat::ChatEvent;
//! use cc_events::ccai_qm::CallState;
//! let bytes = br#"{"queue_path_ids":"7/23","queue_path_names":"Test/virtual","language":"en",
//!     "session_type_v2":"In-web","chat_id":196,"state":"waiting","direction":"incoming",
//!     "initiator":"end_user_5","participants":[{"state":"connected","type":"external","dn":"end_user_5"}]}"#;
//! let chat = ChatEvent::from_slice(bytes)?;
//! assert_eq!(chat.session.state.get(), Some(&CallState::Waiting));
//! assert_eq!(chat.session.chat_id_text().as_deref(), Some("196"));
//! let back: serde_json::Value = serde_json::to_value(&chat)?;
//! assert_eq!(back, serde_json::from_slice::<serde_json::Value>(bytes)?);
//! assert!(chat.deviations().is_empty());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Decisions where the page is silent:
//! * The chat `state` and the participants' `state` and `type` are read with the call
//!   events' value sets ([`crate::ccai_qm::CallState`], [`crate::ccai_qm::ParticipantState`],
//!   [`crate::ccai_qm::ParticipantType`]): the samples' values (`waiting`, `connected`,
//!   `external`) are members, and the product is the same.
//! * `session_type_v2` is free text: the page shows `"In-web"` and lists no set.
//! * `chat_id` is a number in the samples; a numeric string is accepted too.
//! * Their schema is `ccai_chat` ([`crate::Schema::CcaiChat`]; auto-detected by `chat_id`),
//!   with fixtures in `fixtures/ccai_chat/`. The module lives in `ccai_qm` because it shares
//!   that schema's value sets (the same QM export of the same product).

mod session;
pub mod to_common;

pub use session::{ChatParticipant, ChatSession};

use crate::Schema;
use crate::wire::{Buffered, Context, Deviation, EventSchema, ObjectDyn, Prefix, finish_object};
use serde::de::MapAccess;

/// One QM chat session event.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ChatEvent {
    /// The chat session, every field typed (boxed: an event stays a few words).
    pub session: Box<ChatSession>,
}

impl EventSchema for ChatEvent {
    const SCHEMA: Schema = Schema::CcaiChat;
    const TAG: &'static str = "state";

    fn dispatch<'de, A: MapAccess<'de>>(
        tag: crate::wire::Text,
        tag_sent: bool,
        prefix: Prefix,
        map: A,
        cx: &mut Context<'_>,
    ) -> Result<Self, A::Error> {
        // Every state, documented or not, is the same typed object.
        let session =
            finish_object::<Box<ChatSession>, A>(Self::TAG, Self::SCHEMA, tag_sent.then_some(tag), prefix, map, cx)?;
        Ok(ChatEvent { session })
    }

    fn fast_event<'a>(
        tag: &str,
        read: &mut crate::wire::fast::Read<'a, '_>,
        lex: &mut crate::wire::fast::Lexer<'a>,
    ) -> crate::wire::fast::Fast<Self> {
        // Every state is the same typed object, as in `dispatch`.
        let _ = tag;
        let session = crate::wire::fast::finish::<Box<ChatSession>>(read, lex)?;
        Ok(ChatEvent { session })
    }

    fn untagged(entries: &Buffered) -> Option<&'static str> {
        entries.iter().any(|(key, _)| key == "chat_id").then_some("")
    }

    fn object(&self) -> Option<&dyn ObjectDyn> {
        Some(&self.session)
    }

    fn event_type_text(&self) -> Option<&str> {
        self.session.state.get().map(|state| state.as_str())
    }
}

impl ChatEvent {
    /// Parses one chat event from UTF-8 bytes. Fails only when the bytes are not one JSON
    /// object, or an object with neither `state` nor `chat_id`, or `state` is not a string.
    pub fn from_slice(bytes: &[u8]) -> Result<Self, crate::Error> {
        crate::wire::parse_slice(bytes)
    }

    /// Parses one chat event from text (see [`ChatEvent::from_slice`]).
    #[allow(clippy::should_implement_trait)]
    pub fn from_str(text: &str) -> Result<Self, crate::Error> {
        crate::wire::parse_str(text)
    }

    /// Parses one chat event and fails on any deviation from the documentation.
    pub fn from_slice_strict(bytes: &[u8]) -> Result<Self, crate::Error> {
        crate::wire::strict(Self::from_slice(bytes)?)
    }

    /// The `state` text as sent, which stands for the event type.
    pub fn event_type_text(&self) -> Option<&str> {
        EventSchema::event_type_text(self)
    }

    /// How this event departs from the documentation (empty when it does not).
    pub fn deviations(&self) -> Vec<Deviation> {
        crate::wire::deviations(self)
    }
}

impl serde::Serialize for ChatEvent {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serde::Serialize::serialize(&self.session, serializer)
    }
}

impl<'de> serde::Deserialize<'de> for ChatEvent {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        crate::wire::deserialize_event(deserializer)
    }
}

impl std::str::FromStr for ChatEvent {
    type Err = crate::Error;
    fn from_str(text: &str) -> Result<Self, crate::Error> {
        crate::wire::parse_str(text)
    }
}
