//! [`EventKind`]: what happened, named after ECMA-269 wherever ECMA has a name.

use super::vocabulary::vocabulary;

vocabulary! {
    /// What happened. ECMA-269 (CSTA) names for call control and agent state, plus the kinds ECMA
    /// lacks. Details that refine a kind (a transfer's mode, an abandon's phase, a not-ready
    /// reason) are fields of [`super::CommonEvent`], so that a kind is a plain, hashable code to
    /// match and count on. Serialised in `snake_case` (`"agent_ready"`, `"connection_cleared"`).
    pub enum EventKind {
        /// An agent logged on (ECMA AgentLoggedOn).
        AgentLoggedOn = "agent_logged_on",
        /// An agent logged off (ECMA AgentLoggedOff).
        AgentLoggedOff = "agent_logged_off",
        /// An agent became ready for calls (ECMA AgentReady).
        AgentReady = "agent_ready",
        /// An agent became not ready; the reason is in `not_ready_reason` (ECMA AgentNotReady).
        AgentNotReady = "agent_not_ready",
        /// An agent was reserved for a call, not yet ringing (not ECMA: CSTA-feed `agentAllocated`,
        /// Aliyun `AssignAgent`).
        AgentReserved = "agent_reserved",
        /// An agent is on a call; `agent_state` says dialing, ringing, talking or on hold (ECMA AgentBusy).
        AgentBusy = "agent_busy",
        /// An agent is in wrap-up (ECMA AgentWorkingAfterCall).
        AgentWorkingAfterCall = "agent_working_after_call",
        /// A feed reported an agent's new state with no more specific event (7moor `callStatus`);
        /// the state is in `agent_state`.
        AgentStateChanged = "agent_state_changed",

        /// A device went off-hook to make a call (ECMA ServiceInitiated).
        ServiceInitiated = "service_initiated",
        /// A call is being attempted from `party` (ECMA Originated).
        Originated = "originated",
        /// A call was offered to a device, before alerting (ECMA Offered).
        Offered = "offered",
        /// `party` is alerting / ringing (ECMA Delivered).
        Delivered = "delivered",
        /// `party` answered / connected (ECMA Established).
        Established = "established",
        /// `party` was put on hold (ECMA Held).
        Held = "held",
        /// `party` was taken off hold (ECMA Retrieved).
        Retrieved = "retrieved",
        /// `party` was muted (not call control in ECMA).
        Muted = "muted",
        /// `party` was unmuted.
        Unmuted = "unmuted",
        /// The call was transferred; the mode is in `transfer_mode` (ECMA Transferred).
        Transferred = "transferred",
        /// A party joined a conference (ECMA Conferenced).
        Conferenced = "conferenced",
        /// Two calls were bridged at a device (ECMA Bridged).
        Bridged = "bridged",
        /// `party` left the call (ECMA ConnectionCleared).
        ConnectionCleared = "connection_cleared",
        /// The whole call ended (ECMA CallCleared).
        CallCleared = "call_cleared",
        /// The call was diverted; the mode is in `divert_mode` (ECMA Diverted).
        Diverted = "diverted",
        /// The call could not be completed; the cause is in `cause` (ECMA Failed).
        Failed = "failed",
        /// The call entered a queue (ECMA Queued).
        Queued = "queued",
        /// The call was routed to an agent (not ECMA; close to routeing's RouteUsed).
        Assigned = "assigned",
        /// The caller hung up before an agent answered; the phase is in `abandon_phase`.
        Abandoned = "abandoned",
        /// The call waited too long in a queue (ECMA cause queueTimeOverflow).
        QueueTimeout = "queue_timeout",
        /// An outbound call reached the network (ECMA NetworkReached).
        NetworkReached = "network_reached",
        /// Digits were dialed on a call (ECMA DigitsDialed).
        DigitsDialed = "digits_dialed",

        /// A supervisor started silent monitoring.
        MonitorStarted = "monitor_started",
        /// A supervisor stopped silent monitoring.
        MonitorStopped = "monitor_stopped",
        /// A supervisor started coaching (whisper).
        CoachStarted = "coach_started",
        /// A supervisor stopped coaching.
        CoachStopped = "coach_stopped",
        /// A supervisor barged in.
        BargedIn = "barged_in",
        /// A supervisor took the call over from the agent.
        Intercepted = "intercepted",

        /// The call entered the IVR.
        IvrEntered = "ivr_entered",
        /// The call entered an IVR node.
        IvrNodeEntered = "ivr_node_entered",
        /// The call left an IVR node.
        IvrNodeLeft = "ivr_node_left",

        /// A piece of live transcript (speech recognition).
        TranscriptSegment = "transcript_segment",
        /// Recording started.
        RecordingStarted = "recording_started",
        /// Recording stopped.
        RecordingStopped = "recording_stopped",
        /// A recording file is ready.
        RecordingReady = "recording_ready",
        /// Recording or transcript was redacted from here on (Google CCAI `redacted`).
        Redacted = "redacted",
        /// Redaction ended (Google CCAI `unredacted`).
        Unredacted = "unredacted",
        /// A call record (CDR) is ready.
        CallRecord = "call_record",
        /// A satisfaction survey was offered.
        SurveyOffered = "survey_offered",
        /// A satisfaction survey was answered.
        SurveyResponded = "survey_responded",

        /// Anything the vocabulary has no kind for; the vendor's type is in `vendor_event_type`.
        Other = "other",
    }
}

impl EventKind {
    /// Whether this is an agent-state kind (the subject is an agent, not a call).
    pub fn is_agent_kind(&self) -> bool {
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

vocabulary! {
    /// How a call was transferred.
    pub enum TransferMode {
        /// Without consulting the target first (single-step, cold).
        Blind = "blind",
        /// After consulting the target (warm).
        Attended = "attended",
        /// The feed does not say.
        Unknown = "unknown",
    }
}

vocabulary! {
    /// How a call was diverted.
    pub enum DivertMode {
        /// Redirected by the system.
        Redirected = "redirected",
        /// Deflected by the called party.
        Deflected = "deflected",
        /// Forwarded.
        Forwarded = "forwarded",
        /// The feed does not say.
        Unknown = "unknown",
    }
}

vocabulary! {
    /// Where a caller hung up before reaching an agent.
    pub enum AbandonPhase {
        /// In the IVR.
        Ivr = "ivr",
        /// While queuing.
        Queue = "queue",
        /// While an agent's phone rang.
        Ringing = "ringing",
        /// The feed does not say.
        Unknown = "unknown",
    }
}
