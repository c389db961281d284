//! The field groups that several ccai_qm objects share, declared once.

use super::EventType;
use crate::wire::Text;
use crate::wire::wire_group;

wire_group! {
    /// The field both event types carry beside their `item` (一般欄位).
    pub struct CommonFields {
        /// Event type of the whole JSON payload (整體 JSON 酬載的事件類型), the discriminator:
        /// `AgentState` or `CallState`.
        event_type: EventType = "type",
    }
}

wire_group! {
    /// The carrier's media id, which the documentation and its samples put in two places.
    ///
    /// The field table documents `MediaID` inside each `Participants` object; every sample
    /// sends it on the call `item` instead. Both places are known fields (this group sits in
    /// [`super::CallItem`] and in [`super::Participant`]); [`super::CallItem::media_id`] reads
    /// the item's and falls back to the first participant's.
    pub struct MediaFields {
        /// The call session's media id given by the carrier (電信業者提供的通話工作階段媒體 ID):
        /// a Twilio media id (twilio_mediaID) or a Nexmo one (nexmo_mediaID), e.g.
        /// `208188811_124248155@67.231.1.110`.
        media_id: Text = "MediaID",
    }
}
