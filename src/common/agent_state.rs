//! [`AgentState`]: ECMA-269 agent states, with ECMA's "busy" refined.

use super::vocabulary::vocabulary;
use crate::wire::Text;
use serde::{Deserialize, Serialize};

vocabulary! {
    /// An agent's state after an event. ECMA-269's agent states, with `agentBusy` refined into
    /// Dialing / Ringing / Talking / OnHold, and Reserved (which ECMA lacks).
    pub enum AgentState {
        /// Not logged on (ECMA agentNull).
        LoggedOff = "logged_off",
        /// Logged on and taking calls (ECMA agentReady).
        Ready = "ready",
        /// Logged on, not taking calls (ECMA agentNotReady); see the event's reason.
        NotReady = "not_ready",
        /// Reserved for a call, not yet ringing.
        Reserved = "reserved",
        /// Placing a call (ECMA agentBusy).
        Dialing = "dialing",
        /// Being rung (ECMA agentBusy).
        Ringing = "ringing",
        /// On a call (ECMA agentBusy).
        Talking = "talking",
        /// With a call on hold (ECMA agentBusy).
        OnHold = "on_hold",
        /// In wrap-up (ECMA agentWorkingAfterCall).
        WorkingAfterCall = "working_after_call",
        /// The feed's state has no equivalent.
        Unknown = "unknown",
    }
}

/// ECMA-269's five agent states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub enum EcmaAgentState {
    /// agentNull
    AgentNull,
    /// agentReady
    AgentReady,
    /// agentNotReady
    AgentNotReady,
    /// agentBusy
    AgentBusy,
    /// agentWorkingAfterCall
    AgentWorkingAfterCall,
}

impl AgentState {
    /// The ECMA-269 state: Dialing, Ringing, Talking and OnHold collapse to agentBusy,
    /// Reserved counts as agentBusy (the agent is taken for a call); `None` for Unknown and
    /// for a state of a newer version.
    pub fn ecma(&self) -> Option<EcmaAgentState> {
        Some(match self {
            AgentState::LoggedOff => EcmaAgentState::AgentNull,
            AgentState::Ready => EcmaAgentState::AgentReady,
            AgentState::NotReady => EcmaAgentState::AgentNotReady,
            AgentState::Reserved
            | AgentState::Dialing
            | AgentState::Ringing
            | AgentState::Talking
            | AgentState::OnHold => EcmaAgentState::AgentBusy,
            AgentState::WorkingAfterCall => EcmaAgentState::AgentWorkingAfterCall,
            AgentState::Unknown | AgentState::Unrecognized(_) => return None,
        })
    }
}

/// Why an agent is not ready: the vendor's code and label, as sent.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct NotReadyReason {
    /// The vendor's code (Aliyun `breakCode`, 7moor status number, CSTA `reason`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schemars", schemars(with = "Option<String>"))]
    pub code: Option<Text>,
    /// The vendor's label (7moor `statusName`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schemars", schemars(with = "Option<String>"))]
    pub label: Option<Text>,
}

impl NotReadyReason {
    /// A reason with a code and an optional label (empty texts count as none).
    pub fn new(code: Option<&str>, label: Option<&str>) -> Self {
        let keep = |text: Option<&str>| text.filter(|text| !text.is_empty()).map(Text::new);
        NotReadyReason {
            code: keep(code),
            label: keep(label),
        }
    }
}
