//! The chat session object (QM chat session event data): a snapshot of the chat after each
//! change, with snake_case keys.

use crate::ccai_qm::{CallState, Direction, ParticipantState, ParticipantType, QueuePath};
use crate::wire::Text;
use crate::wire::{List, Numeric, wire_object};

wire_object! {
    /// One QM chat session event: the state of a chat session after a change (chat started,
    /// waiting for assignment, accepted, ...). Like a `CallState` item it is a snapshot, not a
    /// delta, and carries no time, event id or sequence number.
    ///
    /// Every field may be absent (the "Chat waiting for assignment" sample has no
    /// `support_number`, the "Chat started" one sends it `null`, which is documented).
    pub struct ChatSession {
        fields {
            /// Queue id path: the ids of the queues the chat went through, `/`-separated, e.g. `"7/26"`.
            queue_path_ids: QueuePath = "queue_path_ids",
            /// Queue name path: the names of those queues, e.g. `"Test/calls"`.
            queue_path_names: QueuePath = "queue_path_names",
            /// Language code, e.g. `"en"`.
            language: Text = "language" unmapped,
            /// The support number, `null` in the samples (a web chat has none).
            support_number: Text = "support_number" nullable unmapped,
            /// The session type, e.g. `"In-web"` (the page names no value set, so any text is kept
            /// without deviation).
            session_type_v2: Text = "session_type_v2" unmapped,
            /// The chat's id, a JSON number in the samples (`138`); a numeric string is read too.
            chat_id: Numeric = "chat_id",
            /// The chat's state: `"waiting"` and `"connected"` in the samples. Read with the call
            /// session's value set ([`CallState`]), the same product's session states.
            state: CallState = "state",
            /// The chat's direction, `"incoming"` in the samples.
            direction: Direction = "direction",
            /// Who initiated the state: the end user (`"end_user_5"`) or an agent (`"agent_1"`).
            initiator: Text = "initiator",
            /// The chat's participants, each with its `state`, `type` and `dn`.
            participants: List<ChatParticipant> = "participants",
        }
    }
}

wire_object! {
    /// One participant of a chat session.
    pub struct ChatParticipant {
        fields {
            /// The participant's state, e.g. `"connected"` (the call participants' value set).
            state: ParticipantState = "state",
            /// `"external"` (the end user) or `"agent"` (the call participants' value set).
            participant_type: ParticipantType = "type",
            /// The participant's directory name: the end user's id (`"end_user_5"`) or the agent's.
            dn: Text = "dn",
            /// The participant's media id, e.g. `"MB0d0540e6383..."` on the external participant of
            /// the "Chat accepted" sample.
            media_id: Text = "media_id",
        }
    }
}

impl ChatSession {
    /// The participants that are objects, in order.
    pub fn participants(&self) -> impl Iterator<Item = &ChatParticipant> + '_ {
        self.participants.get().into_iter().flatten().filter_map(|p| p.get())
    }

    /// The agent participants, in order.
    pub fn agents(&self) -> impl Iterator<Item = &ChatParticipant> + '_ {
        self.participants().filter(|p| p.is(&ParticipantType::Agent))
    }

    /// The external participants (the end user), in order.
    pub fn externals(&self) -> impl Iterator<Item = &ChatParticipant> + '_ {
        self.participants().filter(|p| p.is(&ParticipantType::External))
    }

    /// The chat id as text (`"138"`), whichever JSON form it came in.
    pub fn chat_id_text(&self) -> Option<String> {
        match self.chat_id.get()? {
            Numeric::Number(number) => Some(number.to_string()),
            Numeric::Text(text) if !text.is_empty() => Some(text.clone()),
            Numeric::Text(_) => None,
        }
    }
}

impl ChatParticipant {
    /// Whether the participant is of type `kind`.
    pub fn is(&self, kind: &ParticipantType) -> bool {
        self.participant_type.get() == Some(kind)
    }
}
