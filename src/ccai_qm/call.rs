//! Call events (通話狀態): a snapshot of the whole call session after each change.

use super::enums::{CallState, Direction, ParticipantState, ParticipantType};
use super::fields::{CommonFields, MediaFields};
use super::forms::{Participants, QueueId, QueuePath};
use crate::wire::Text;
use crate::wire::wire_object;
use serde_json::Value;

wire_object! {
    /// `CallState`: the state of a call session after a change (通話工作階段事件): projected,
    /// answered, dialing, connected, held, unheld, transferred, conferenced, a participant
    /// leaving, muted, unmuted, redacted, unredacted, ended.
    ///
    /// Each payload is a snapshot, not a delta: what changed is found by comparing it with the
    /// previous snapshot of the same `CallID` (the answered and unheld samples are byte for
    /// byte the same payload). There is no time, event id or sequence number: order by arrival.
    pub struct CallStateEvent {
        groups {
            /// `type`.
            common: CommonFields,
        }
        fields {
            /// The object with the event's information (含有活動資訊的物件).
            item: CallItem = "item",
        }
    }
}

wire_object! {
    /// The `item` of a `CallState` event (通話狀態欄位).
    ///
    /// The field table says the queue fields and `Language` are sent "only for inbound calls";
    /// the outbound samples carry them too (except the outbound disconnected one, which also
    /// lacks `Recording_permitted`). Every field may therefore be absent, on either direction,
    /// and an absent field is no deviation.
    pub struct CallItem {
        groups {
            /// `MediaID`, sent here by every sample although the table documents it on participants.
            media: MediaFields,
        }
        fields {
            /// Call id (通話 ID): the call session's id in the CCAI Platform, e.g. `"846802bf90d1"`.
            call_id: Text = "CallID",
            /// The call session's current state (通話工作階段的目前狀態).
            state: CallState = "State",
            /// The call's direction from the contact center's side (通話工作階段的方向).
            direction: Direction = "Direction",
            /// Who initiated the call state (初始化通話狀態的當事人 ID): an agent id, a virtual
            /// agent id, or the user's phone number (else the user's `end_user` id). The samples
            /// disagree on outbound calls: `"+123456789"` (the user) while dialing and connected,
            /// `"1234"` (the agent) when disconnected. Kept as sent; no role is inferred.
            initiator: Text = "Initiator",
            /// Queue id path (佇列 ID 路徑): the ids of the queues the user went through before the
            /// first agent, e.g. `"1/2/3"`.
            queue_path_ids: QueuePath = "Queue_path_ids",
            /// Queue name path (佇列名稱路徑): the names of those queues, e.g. `"support/orders/status"`.
            queue_path_names: QueuePath = "Queue_path_names",
            /// Language code (語言代碼) the user chose, e.g. `"en"`.
            language: Text = "Language" unmapped,
            /// Queue id (佇列 ID), the UUID of the queue the call reached: documented as a UUID,
            /// sent as a number (see [`QueueId`]).
            queue_uuid: QueueId = "Queue_uuid",
            /// Whether the call may be recorded (一個布林值, 指出是否允許錄製特定通話): `true` or `false`.
            /// A string `"true"` is kept but is no boolean: [`CallItem::recording_permitted`] gives `None`.
            recording_permitted: bool = "Recording_permitted",
            /// Custom headers (自訂標頭): custom data such as SIP headers. The documentation gives no
            /// shape and no sample, so any JSON (and `null`) is kept as it came.
            custom_headers: Value = "Custom_headers",
            /// The call's participants (包含通話參與者資訊的物件), see [`Participants`].
            participants: Participants = "Participants",
        }
    }
}

wire_object! {
    /// One participant of the call (Participants 物件).
    pub struct Participant {
        groups {
            /// `MediaID`, where the field table documents it (no sample sends it here).
            media: MediaFields,
        }
        fields {
            /// The participant's id (通話參與者的 ID): an agent id (agent_id), a virtual agent id
            /// (virtual_agent_id), the user's phone number or `end_user` id
            /// (consumer_phoneNumber), or a third party's phone number (thirdParty_phoneNumber).
            /// `null` is documented: a third party without a number.
            participant_id: Text = "ParticipantID" nullable,
            /// The kind of participant (通話參與者類型): agent or external.
            participant_type: ParticipantType = "Type",
            /// The participant's current state in the call (參與者在電話會議中的目前狀態).
            state: ParticipantState = "State",
        }
    }
}

impl Participant {
    /// The participant's id, when it is a string (`None` for a third party without a number).
    pub fn id(&self) -> Option<&str> {
        self.participant_id.as_str()
    }

    /// Whether the participant is an agent (a human or a virtual one).
    pub fn is_agent(&self) -> bool {
        self.participant_type.get() == Some(&ParticipantType::Agent)
    }

    /// Whether the participant is external (the user or a third party).
    pub fn is_external(&self) -> bool {
        self.participant_type.get() == Some(&ParticipantType::External)
    }

    /// Whether the participant's state is `state`.
    pub fn is_in(&self, state: &ParticipantState) -> bool {
        self.state.get() == Some(state)
    }
}

impl CallItem {
    /// The participants that are objects, in the order sent (whether `Participants` came as the
    /// samples' array or as one object).
    pub fn participants(&self) -> impl Iterator<Item = &Participant> + '_ {
        self.participants.get().into_iter().flat_map(Participants::iter)
    }

    /// The agent participants (`Type` `agent`), human or virtual.
    pub fn agents(&self) -> impl Iterator<Item = &Participant> + '_ {
        self.participants().filter(|participant| participant.is_agent())
    }

    /// The external participants (`Type` `external`): the user and any third party.
    pub fn externals(&self) -> impl Iterator<Item = &Participant> + '_ {
        self.participants().filter(|participant| participant.is_external())
    }

    /// The first participant in `state` (the agent being rung in a `ringing` call, the party
    /// held in a `held` one).
    pub fn participant_in(&self, state: &ParticipantState) -> Option<&Participant> {
        self.participants().find(|participant| participant.is_in(state))
    }

    /// Every participant in `state` (both agents in the muted sample).
    pub fn participants_in<'a>(&'a self, state: &'a ParticipantState) -> impl Iterator<Item = &'a Participant> + 'a {
        self.participants().filter(move |participant| participant.is_in(state))
    }

    /// The participant whose id is `id`.
    pub fn participant(&self, id: &str) -> Option<&Participant> {
        self.participants().find(|participant| participant.id() == Some(id))
    }

    /// The ids of the queues the user went through, in order (`["1", "2", "3"]`); empty when
    /// the field is absent or not a string.
    pub fn queue_path_ids(&self) -> impl Iterator<Item = &str> + '_ {
        self.queue_path_ids.get().into_iter().flat_map(QueuePath::items)
    }

    /// The names of the queues the user went through, in order (`["support", "orders", "status"]`).
    pub fn queue_path_names(&self) -> impl Iterator<Item = &str> + '_ {
        self.queue_path_names.get().into_iter().flat_map(QueuePath::items)
    }

    /// The queue the call reached, in the form it came (see [`QueueId`]).
    pub fn queue_id(&self) -> Option<&QueueId> {
        self.queue_uuid.get()
    }

    /// Whether the call may be recorded, when `Recording_permitted` is a boolean.
    pub fn recording_permitted(&self) -> Option<bool> {
        self.recording_permitted.get().copied()
    }

    /// The carrier's media id: the item's `MediaID` (where the samples put it), else the first
    /// participant's (where the field table documents it).
    pub fn media_id(&self) -> Option<&str> {
        self.media.media_id.as_str().or_else(|| {
            self.participants()
                .find_map(|participant| participant.media.media_id.as_str())
        })
    }

    /// The custom header `name`, when `Custom_headers` is an object; header names are matched
    /// without regard to ASCII case, as SIP header names are.
    pub fn custom_header(&self, name: &str) -> Option<&Value> {
        let headers = self.custom_headers.get()?.as_object()?;
        headers.get(name).or_else(|| {
            headers
                .iter()
                .find(|(key, _)| key.eq_ignore_ascii_case(name))
                .map(|(_, value)| value)
        })
    }
}
