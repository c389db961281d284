//! [`EventKind`]: what happened, named after ECMA-269 wherever ECMA has a name.

use serde::{Deserialize, Serialize};

/// What happened. ECMA-269 (CSTA) names for call control and agent state, plus the kinds ECMA
/// lacks. Details that refine a kind (a transfer's mode, an abandon's phase, a not-ready
/// reason) are fields of [`super::CommonEvent`], so that a kind is a plain, hashable code to
/// match and count on. Serialised in `snake_case` (`"agent_ready"`, `"connection_cleared"`).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    strum::Display,
    strum::EnumIter,
    strum::EnumString,
    strum::IntoStaticStr,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
#[non_exhaustive]
pub enum EventKind {
    /// An agent logged on (ECMA AgentLoggedOn).
    AgentLoggedOn,
    /// An agent logged off (ECMA AgentLoggedOff).
    AgentLoggedOff,
    /// An agent became ready for calls (ECMA AgentReady).
    AgentReady,
    /// An agent became not ready; the reason is in `not_ready_reason` (ECMA AgentNotReady).
    AgentNotReady,
    /// An agent was reserved for a call, not yet ringing (not ECMA: CSTA-feed `agentAllocated`,
    /// Aliyun `AssignAgent`).
    AgentReserved,
    /// An agent is on a call; `agent_state` says dialing, ringing, talking or on hold (ECMA AgentBusy).
    AgentBusy,
    /// An agent is in wrap-up (ECMA AgentWorkingAfterCall).
    AgentWorkingAfterCall,
    /// A feed reported an agent's new state with no more specific event (7moor `callStatus`);
    /// the state is in `agent_state`.
    AgentStateChanged,

    /// A device went off-hook to make a call (ECMA ServiceInitiated).
    ServiceInitiated,
    /// A call is being attempted from `party` (ECMA Originated).
    Originated,
    /// A call was offered to a device, before alerting (ECMA Offered).
    Offered,
    /// `party` is alerting / ringing (ECMA Delivered).
    Delivered,
    /// `party` answered / connected (ECMA Established).
    Established,
    /// `party` was put on hold (ECMA Held).
    Held,
    /// `party` was taken off hold (ECMA Retrieved).
    Retrieved,
    /// `party` was muted (not call control in ECMA).
    Muted,
    /// `party` was unmuted.
    Unmuted,
    /// The call was transferred; the mode is in `transfer_mode` (ECMA Transferred).
    Transferred,
    /// A party joined a conference (ECMA Conferenced).
    Conferenced,
    /// Two calls were bridged at a device (ECMA Bridged).
    Bridged,
    /// `party` left the call (ECMA ConnectionCleared).
    ConnectionCleared,
    /// The whole call ended (ECMA CallCleared).
    CallCleared,
    /// The call was diverted; the mode is in `divert_mode` (ECMA Diverted).
    Diverted,
    /// The call could not be completed; the cause is in `cause` (ECMA Failed).
    Failed,
    /// The call entered a queue (ECMA Queued).
    Queued,
    /// The call was routed to an agent (not ECMA; close to routeing's RouteUsed).
    Assigned,
    /// The caller hung up before an agent answered; the phase is in `abandon_phase`.
    Abandoned,
    /// The call waited too long in a queue (ECMA cause queueTimeOverflow).
    QueueTimeout,
    /// An outbound call reached the network (ECMA NetworkReached).
    NetworkReached,
    /// Digits were dialed on a call (ECMA DigitsDialed).
    DigitsDialed,

    /// A supervisor started silent monitoring.
    MonitorStarted,
    /// A supervisor stopped silent monitoring.
    MonitorStopped,
    /// A supervisor started coaching (whisper).
    CoachStarted,
    /// A supervisor stopped coaching.
    CoachStopped,
    /// A supervisor barged in.
    BargedIn,
    /// A supervisor took the call over from the agent.
    Intercepted,

    /// The call entered the IVR.
    IvrEntered,
    /// The call entered an IVR node.
    IvrNodeEntered,
    /// The call left an IVR node.
    IvrNodeLeft,

    /// A piece of live transcript (speech recognition).
    TranscriptSegment,
    /// Recording started.
    RecordingStarted,
    /// Recording stopped.
    RecordingStopped,
    /// A recording file is ready.
    RecordingReady,
    /// Recording or transcript was redacted from here on (Google CCAI `redacted`).
    Redacted,
    /// Redaction ended (Google CCAI `unredacted`).
    Unredacted,
    /// A call record (CDR) is ready.
    CallRecord,
    /// A satisfaction survey was offered.
    SurveyOffered,
    /// A satisfaction survey was answered.
    SurveyResponded,

    /// Anything the vocabulary has no kind for; the vendor's type is in `vendor_event_type`.
    Other,
}

impl EventKind {
    /// The kind's name, as serialised (`"agent_ready"`).
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// Whether this is an agent-state kind (the subject is an agent, not a call).
    pub fn is_agent_kind(self) -> bool {
        matches!(
            self,
            EventKind::AgentLoggedOn
                | EventKind::AgentLoggedOff
                | EventKind::AgentReady
                | EventKind::AgentNotReady
                | EventKind::AgentReserved
                | EventKind::AgentBusy
                | EventKind::AgentWorkingAfterCall
                | EventKind::AgentStateChanged
        )
    }
}

/// How a call was transferred.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum TransferMode {
    /// Without consulting the target first (single-step, cold).
    Blind,
    /// After consulting the target (warm).
    Attended,
    /// The feed does not say.
    Unknown,
}

/// How a call was diverted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DivertMode {
    /// Redirected by the system.
    Redirected,
    /// Deflected by the called party.
    Deflected,
    /// Forwarded.
    Forwarded,
    /// The feed does not say.
    Unknown,
}

/// Where a caller hung up before reaching an agent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum AbandonPhase {
    /// In the IVR.
    Ivr,
    /// While queuing.
    Queue,
    /// While an agent's phone rang.
    Ringing,
    /// The feed does not say.
    Unknown,
}
