//! The documented value sets of ccai_qm (seed 004), every value a variant.

use crate::wire::open_enum;

open_enum! {
    /// The agent's state (事件發生時代理程式的狀態, AgentState `item.State`): 2 documented values.
    /// This feed has no ready, not-ready or after-call-work state.
    pub enum AgentState {
        /// The agent logged in (代理商登入時會傳遞 login): to the agent adapter from the portal or a CRM.
        Login = "login",
        /// The agent logged out (代理登出時會傳遞 logout).
        Logout = "logout",
    }
}

open_enum! {
    /// The current state of the call session (通話工作階段的目前狀態, CallState `item.State`).
    ///
    /// The field table lists nine values; the samples use two more, `held` (通話已保留) and
    /// `participantDisconnect` (服務專員退出電話會議). Both are variants here, not `Unknown`,
    /// because a sender really sends them: the documentation's own payloads do.
    ///
    /// The payload is a snapshot of the whole call: unhold, mute, unmute, redact and unredact
    /// all arrive as `connected`, and only a comparison with the previous snapshot of the same
    /// `CallID` tells them apart (the participants' states differ).
    pub enum CallState {
        /// An outbound call placed by an agent or a user is ringing (撥出電話處於鈴響狀態時, dialing);
        /// also an added participant being rung.
        Dialing = "dialing",
        /// The call is queued for an agent (通話排入佇列, waiting).
        Waiting = "waiting",
        /// An inbound or transferred call is projected to an agent (投影狀態, ringing).
        Ringing = "ringing",
        /// An agent or the user is connected to the call (連上電話會議, connected).
        Connected = "connected",
        /// The system redirected the call without reaching an agent (系統自動重新導向通話, redirected).
        Redirected = "redirected",
        /// Deflected (deflected): listed, but the documentation gives no description.
        Deflected = "deflected",
        /// A cold transfer to an agent or a queue was accepted (冷轉移, transferred); also a
        /// cold invitation to a conference accepted.
        Transferred = "transferred",
        /// A warm transfer or a conference invitation was accepted (通話從一位服務專員轉接給另一位, conferenced).
        Conferenced = "conferenced",
        /// An agent or the user left the call (離開電話會議, disconnected); in the samples, the
        /// end of the call.
        Disconnected = "disconnected",
        /// The call was put on hold (通話已保留). Not in the table: used by its sample.
        Held = "held",
        /// An agent left a conference without ending it (服務專員退出電話會議). Not in the table:
        /// used by its sample.
        ParticipantDisconnect = "participantDisconnect",
    }
}

open_enum! {
    /// The direction of the call session from the contact center's side (通話工作階段的方向, `Direction`).
    pub enum Direction {
        /// An inbound call (撥入, incoming).
        Incoming = "incoming",
        /// An outbound call (撥出, outgoing).
        Outgoing = "outgoing",
    }
}

open_enum! {
    /// The kind of call participant (通話參與者類型, participant `Type`).
    ///
    /// Only two values: a virtual agent is an `agent` too, and the user and a third party are
    /// both `external`; the documentation gives no way to tell them apart but the id.
    pub enum ParticipantType {
        /// A Contact Center AI Platform agent (服務專員, agent).
        Agent = "agent",
        /// A user or a third party (使用者或第三方, external).
        External = "external",
    }
}

open_enum! {
    /// A participant's current state in the call (參與者在電話會議中的目前狀態, participant `State`).
    ///
    /// One field carries both the connection state and the media flags: a redacted user shows
    /// `redacted` rather than `connected`, a muted agent `muted`.
    pub enum ParticipantState {
        /// An outbound leg is ringing at the agent, user or third party (鈴響狀態, dialing).
        Dialing = "dialing",
        /// An inbound or transferred leg is projected to an agent (投影狀態, ringing).
        Ringing = "ringing",
        /// Connected to the call (連線至電話會議, connected).
        Connected = "connected",
        /// Put on hold by an agent (暫停使用者或第三方, held).
        Held = "held",
        /// Left the call (離開電話會議, disconnected).
        Disconnected = "disconnected",
        /// Callback (callback): listed, but the documentation gives no description.
        Callback = "callback",
        /// Deflected (deflected): listed, but the documentation gives no description.
        Deflected = "deflected",
        /// Transferred (transferred): listed, but the documentation gives no description.
        Transferred = "transferred",
        /// Redaction of the call content is on for this leg (啟用通話內容編輯功能, redacted).
        Redacted = "redacted",
        /// Redaction of the call content is off for this leg (停用通話內容編輯功能, unredacted).
        Unredacted = "unredacted",
        /// Muted (設為靜音, muted).
        Muted = "muted",
        /// Unmuted (解除靜音, unmuted).
        Unmuted = "unmuted",
    }
}
