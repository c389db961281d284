//! [`Board`]: every known agent's current state and since when, and the open calls.

use crate::common::{AgentState, Direction, Vendor};
use crate::wire::Text;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// What the tracker knows now: agents and open calls, sorted by vendor, tenant and id.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Board {
    /// Every agent seen and not logged off.
    pub agents: Vec<AgentStatus>,
    /// Every open call.
    pub calls: Vec<OpenCall>,
}

/// One agent's current state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AgentStatus {
    /// The vendor.
    pub vendor: Vendor,
    /// The tenant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant: Option<Text>,
    /// The agent.
    pub agent_id: Text,
    /// Its state.
    pub state: AgentState,
    /// The not-ready reason code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason_code: Option<Text>,
    /// The not-ready reason label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason_label: Option<Text>,
    /// Since when (the first event seen, for an agent met mid-stream).
    pub since: DateTime<Utc>,
    /// The call it is on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub call_id: Option<Text>,
}

/// One open call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OpenCall {
    /// The vendor.
    pub vendor: Vendor,
    /// The tenant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant: Option<Text>,
    /// The call.
    pub call_id: Text,
    /// Its direction so far.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<Direction>,
    /// Its first event.
    pub since: DateTime<Utc>,
    /// Its last event.
    pub last_event_at: DateTime<Utc>,
    /// Source events so far.
    pub events: u32,
}
