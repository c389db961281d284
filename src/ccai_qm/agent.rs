//! Agent events (代理程式狀態): the agent logged in or out.

use super::enums::AgentState;
use super::fields::CommonFields;
use crate::wire::Text;
use crate::wire::wire_object;

wire_object! {
    /// `AgentState`: an agent logged in to or out of the agent adapter (代理程式登入 / 服務專員登出),
    /// from the CCAI Platform portal or a CRM.
    pub struct AgentStateEvent {
        groups {
            /// `type`.
            common: CommonFields,
        }
        fields {
            /// The object with the event's information (含有活動資訊的物件).
            item: AgentItem = "item",
        }
    }
}

wire_object! {
    /// The `item` of an `AgentState` event (代理程式狀態欄位).
    pub struct AgentItem {
        fields {
            /// Agent id (服務專員 ID) in the CCAI Platform, the `id` of `agent_info` in the
            /// session metadata, e.g. `"1234"`. A `null` here is a deviation: the documentation
            /// allows `null` only for a participant who is a third party without a number.
            participant_id: Text = "ParticipantID",
            /// The agent's e-mail address (電子郵件地址), the `email` of `agent_info`, e.g.
            /// `some.email@domain.com`.
            email: Text = "Email" unmapped,
            /// The agent's state when the event happened (事件發生時代理程式的狀態): login or logout.
            state: AgentState = "State",
        }
    }
}

impl AgentItem {
    /// The agent id, when it is a string.
    pub fn agent_id(&self) -> Option<&str> {
        self.participant_id.as_str()
    }

    /// Whether the agent logged in (`Some(false)` for logout, `None` for an undocumented or
    /// missing state).
    pub fn is_login(&self) -> Option<bool> {
        match self.state.get()? {
            AgentState::Login => Some(true),
            AgentState::Logout => Some(false),
            _ => None,
        }
    }
}
