//! Call-event pushes: outbound and inbound ringing and hang-up, agent status changes, and the
//! customer-connected envelope. All share the call-event table's fields.

use super::enums::AgentStatus;
use super::fields::{AgentFields, CallEventFields, CallFields, CommonFields, DisplayGroupFields};
use super::forms::StatusNumber;
use crate::wire::Text;
use crate::wire::wire_object;

wire_object! {
    /// A call-event push with no fields beyond the call-event table: outbound ringing
    /// (外呼振铃, `dialoutRing`), inbound ringing (来电振铃) and inbound hang-up (来电挂机).
    ///
    /// Outbound ringing is documented as "the agent side rings" (外呼座席侧振铃), but in the
    /// seed its `statusTime` equals the call record's `agentAnswerTime` and `customerStartTime`:
    /// it marks the customer's leg starting to ring after the agent answered.
    pub struct CallPush {
        groups {
            /// pushType, accountId, eventUniqueId.
            common: CommonFields,
            /// agentNumber, agentName.
            agent: AgentFields,
            /// customerNumber, trunkNumber, displayNumber, callType, extras, callUniqueId.
            call: CallFields,
            /// statusTime, callEvent, superUniqueId.
            event: CallEventFields,
        }
    }
}

wire_object! {
    /// Outbound hang-up (外呼挂机, `dialoutHangup`): the call-event fields plus the caller-id
    /// groups.
    pub struct DialoutHangup {
        groups {
            /// pushType, accountId, eventUniqueId.
            common: CommonFields,
            /// agentNumber, agentName.
            agent: AgentFields,
            /// customerNumber, trunkNumber, displayNumber, callType, extras, callUniqueId.
            call: CallFields,
            /// statusTime, callEvent, superUniqueId.
            event: CallEventFields,
            /// groupIdList, groupNameList.
            groups: DisplayGroupFields,
        }
    }
}

wire_object! {
    /// Agent status change (坐席状态变化, `callStatus`): the plain form (the agent's status) and
    /// the special form that also carries a call event (包含通话事件). Both have the same fields;
    /// the call part is empty (`""`) when no call is involved.
    ///
    /// The sample published under inbound ringing (来电振铃) is one of these: `callEvent`
    /// `calling`, `callType` `dialout`, status 2 (呼叫中); it parses as `callStatus`, which is
    /// what its `pushType` says.
    pub struct CallStatus {
        groups {
            /// pushType, accountId, eventUniqueId.
            common: CommonFields,
            /// agentNumber, agentName.
            agent: AgentFields,
            /// customerNumber, trunkNumber, displayNumber, callType, extras, callUniqueId.
            call: CallFields,
            /// statusTime, callEvent, superUniqueId.
            event: CallEventFields,
        }
        fields {
            /// Agent status label (坐席状态), e.g. `整理`. The document lists the status codes on
            /// this field (0:空闲 ... 9:失效, 100+ custom), but every sample sends the Chinese
            /// label here and the code in `statusNumber`; for a custom status it is the
            /// tenant's own label.
            status_name: Text = "statusName",
            /// Agent status code (座席状态编号), a string: `"5"`.
            status_number: StatusNumber = "statusNumber",
        }
    }
}

impl CallStatus {
    /// The agent's status: from `statusNumber` (the code, as in every sample); when that is
    /// absent, empty or not a string, from `statusName`, read as a code (the document's form
    /// for that field) or as one of the documented labels.
    pub fn status(&self) -> Option<AgentStatus> {
        if let Some(status) = self.status_number.get().and_then(StatusNumber::status) {
            return Some(status);
        }
        let name = self.status_name.non_empty()?.trim();
        match name.parse::<u64>() {
            Ok(code) => Some(AgentStatus::from_code(code)),
            Err(_) => AgentStatus::from_label(name),
        }
    }

    /// The status label as sent, `None` for `""`.
    pub fn status_label(&self) -> Option<&str> {
        self.status_name.non_empty()
    }
}

wire_object! {
    /// Customer connected (用户接通): the call was answered by the customer. Published as an
    /// envelope, `{"content": {...}, "uniqueId": "..."}`, with no `pushType` (the table lists
    /// `content` among the flat fields; the sample nests them).
    pub struct CustomerConnected {
        fields {
            /// The push content (发送内容): the call-event fields.
            content: ConnectedContent = "content",
            /// The envelope's id (undocumented; 32 hex digits like `eventUniqueId`, which the
            /// content lacks): `92fe6e957421411c9343fdef75411ca1`.
            unique_id: Text = "uniqueId",
        }
    }
}

wire_object! {
    /// The `content` of a customer-connected push: the call-event table. The sample carries
    /// neither `callUniqueId` nor `eventUniqueId`; correlate on `superUniqueId`.
    pub struct ConnectedContent {
        groups {
            /// pushType, accountId, eventUniqueId.
            common: CommonFields,
            /// agentNumber, agentName.
            agent: AgentFields,
            /// customerNumber, trunkNumber, displayNumber, callType, extras, callUniqueId.
            call: CallFields,
            /// statusTime, callEvent, superUniqueId.
            event: CallEventFields,
        }
    }
}

impl CustomerConnected {
    /// The content, if it is an object.
    pub fn content(&self) -> Option<&ConnectedContent> {
        self.content.get()
    }
}
