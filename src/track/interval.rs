//! [`AgentInterval`]: one stretch of time an agent spent in one state.

use crate::common::{AgentState, Vendor};
use crate::wire::Text;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// What ended an agent state interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum IntervalEnd {
    /// The agent's next state began.
    NextState,
    /// The agent logged off.
    LoggedOff,
    /// The input ended ([`super::Tracker::finish`]).
    EndOfStream,
}

impl IntervalEnd {
    /// The value as written in JSON (`snake_case`).
    pub const fn as_str(self) -> &'static str {
        match self {
            IntervalEnd::NextState => "next_state",
            IntervalEnd::LoggedOff => "logged_off",
            IntervalEnd::EndOfStream => "end_of_stream",
        }
    }
}

impl std::fmt::Display for IntervalEnd {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.as_str())
    }
}

/// One stretch of time an agent spent in one state, emitted when it ends (Twilio's and
/// Amazon Connect's agent events carry the same: the state left and since when).
///
/// The first interval of an agent met mid-stream starts at its first event: what it did
/// before is unknown, and no interval claims it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct AgentInterval {
    /// The vendor.
    pub vendor: Vendor,
    /// The tenant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schemars", schemars(with = "Option<String>"))]
    pub tenant: Option<Text>,
    /// The agent.
    #[cfg_attr(feature = "schemars", schemars(with = "String"))]
    pub agent_id: Text,
    /// The state.
    pub state: AgentState,
    /// The vendor's not-ready reason code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schemars", schemars(with = "Option<String>"))]
    pub reason_code: Option<Text>,
    /// The vendor's not-ready reason label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schemars", schemars(with = "Option<String>"))]
    pub reason_label: Option<Text>,
    /// When it began.
    pub start: DateTime<Utc>,
    /// When it ended.
    pub end: DateTime<Utc>,
    /// `end - start`, ms, never negative.
    pub duration_ms: i64,
    /// The call, while the agent was on one (reserved, dialing, ringing, talking, on hold,
    /// wrapping up).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schemars", schemars(with = "Option<String>"))]
    pub call_id: Option<Text>,
    /// What ended it.
    pub closed_by: IntervalEnd,
    /// Whether the state was inferred (from a call event, or a call's end) rather than sent.
    pub inferred: bool,
}
