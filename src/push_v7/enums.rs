//! The value sets of push_v7 (seed 001), every documented value a variant.
//!
//! Values are kept exactly as the vendor spells them (`unknow`, `mediaFailreason`). Where the
//! document lists no values but its samples show some (`hangUpSide`, `cdrType`, the number
//! types, `preMediaFailureReason`, the `billCalls` leg parts), the sample values are the
//! variants and any other text is `Unknown`, reported as a deviation.

use crate::wire::open_enum;

open_enum! {
    /// Call event (事件类型, `callEvent`): 呼叫:calling, 振铃:ring, 接通:link, 挂机:hangup.
    pub enum CallEvent {
        /// A call is being placed (呼叫).
        Calling = "calling",
        /// A phone is ringing (振铃).
        Ring = "ring",
        /// The call was connected (接通).
        Link = "link",
        /// The call was hung up (挂机).
        Hangup = "hangup",
    }
}

open_enum! {
    /// Call type (通话类型, `callType`): the call's direction and how it was placed. The CDR
    /// table calls the same field "Cdr类型" but its sample carries these values (`dialout`); the
    /// record's own type is the undocumented `cdrType` ([`CdrType`]).
    pub enum CallType {
        /// Inbound (呼入).
        Incoming = "incoming",
        /// Outbound (外呼).
        Dialout = "dialout",
        /// Web call, placed by the platform for a web visitor (webcall).
        Webcall = "webcall",
        /// Preview outbound (预览外呼).
        PreviewDialout = "previewDialout",
        /// Automatic outbound (自动外呼).
        AutoDialout = "autoDialout",
    }
}

open_enum! {
    /// Why a call failed (失败原因, CDR `failureReason`). `unknow` is the vendor's spelling, kept.
    pub enum FailureReason {
        /// Calling forbidden (禁止呼叫).
        Forbidden = "forbidden",
        /// Service unavailable (服务不可用).
        ServiceUnavailable = "serviceUnavailable",
        /// Request cancelled (请求中止).
        Cancel = "cancel",
        /// The call timed out (呼叫超时).
        RequestTimeout = "requestTimeout",
        /// Not recognised (未识别); spelled `unknow` by the vendor.
        Unknow = "unknow",
        /// The callee did not answer (被叫未接听). The document glosses it so, although the name
        /// (and SIP 603) say "declined"; the crate keeps the vendor's text and gloss.
        Decline = "decline",
    }
}

open_enum! {
    /// Recording file type (录音文件类型, CDR `recordType`).
    pub enum RecordType {
        /// Ordinary recording (普通).
        Normal = "normal",
        /// Two-track recording (双轨).
        DoubleTrack = "doubleTrack",
        /// Voice mail (留言).
        VoiceMail = "voiceMail",
    }
}

open_enum! {
    /// Answer status of a call record (接听状态, CDR `status`).
    pub enum CdrStatus {
        /// Ended in the IVR, never reached a skill group or agent (IVR节点 没有进技能组或座席接听).
        Ivr = "IVR",
        /// Abandoned while queuing: entered a skill group, no agent assigned (排队放弃).
        QueueAbandon = "QUEUE_ABANDON",
        /// Answered (已接听).
        Answer = "ANSWER",
        /// The agent did not answer (座席未接听).
        AgentNoAnswer = "AGENT_NO_ANSWER",
        /// Outbound: the customer did not answer (外呼型用户未接听).
        CustomerNoAnswer = "CUSTOMER_NO_ANSWER",
        /// The call was transferred (通话被转接).
        CallTransfer = "CALL_TRANSFER",
    }
}

open_enum! {
    /// Who hung up (挂机方, CDR `hangUpSide`). The document lists no values; its sample shows
    /// `AGENT`, the only variant. Any other text is kept as `Unknown`.
    pub enum HangUpSide {
        /// The agent hung up (sample value).
        Agent = "AGENT",
    }
}

open_enum! {
    /// Record type (CDR `cdrType`, undocumented: only in the sample). The sample shows `callRecord`.
    pub enum CdrType {
        /// A call record (sample value).
        CallRecord = "callRecord",
    }
}

open_enum! {
    /// Kind of phone number (座席电话号码类型 `agentTelType`, 用户号码类型 `customerNumberType`,
    /// and the number type of a `billCalls` leg). The document lists no values; the samples show
    /// `mobile` (both CDR fields) and `mobileInternal` (both bill legs).
    pub enum NumberType {
        /// A mobile number (sample value).
        Mobile = "mobile",
        /// A domestic mobile number, as the bill legs write it (sample value).
        MobileInternal = "mobileInternal",
    }
}

open_enum! {
    /// How the agent's phone bar is logged in (座席登陆方式 `loginType`; also the CDR's
    /// 登录类型 and the last part of a `billCalls` leg).
    pub enum LoginType {
        /// On a mobile phone (手机).
        Pstn = "PSTN",
        /// On the web softphone (软电话).
        Webrtc = "WEBRTC",
        /// On a SIP number (sip号码).
        Sip = "SIP",
    }
}

open_enum! {
    /// How the agent logged out (登出方式, `logoutType`; only on logout).
    pub enum LogoutType {
        /// An ordinary logout (普通方式).
        Normal = "normal",
        /// Logged out of the phone bar into offline answering (离线接听方式): the agent keeps
        /// taking calls on a phone or SIP number ([`OfflineType`]).
        Offline = "offline",
    }
}

open_enum! {
    /// Where an agent in offline answering takes calls (离线接听方式, `offlineType`).
    pub enum OfflineType {
        /// On a mobile phone (手机).
        Pstn = "PSTN",
        /// On a SIP number (sip号码).
        Sip = "SIP",
    }
}

open_enum! {
    /// The reason early-media detection found (失败原因, `preMediaFailureReason`). The document
    /// lists no values; its sample shows `onThePhone` (keyword 正在通话, code 15).
    pub enum PreMediaFailureReason {
        /// The callee is on another call (正在通话; sample value).
        OnThePhone = "onThePhone",
    }
}

open_enum! {
    /// Whose leg a `billCalls` entry is (its fourth part; undocumented, sample values).
    pub enum LegRole {
        /// The agent's leg.
        Agent = "agent",
        /// The customer's leg.
        Customer = "customer",
    }
}

open_enum! {
    /// The kind of a `billCalls` leg (its fifteenth part; undocumented, sample values).
    pub enum LegType {
        /// Outbound call, the leg to the agent.
        OutBoundCallAgent = "out-bound-call-agent",
        /// Outbound call, the leg to the customer.
        OutBoundCustomer = "out-bound-customer",
    }
}

/// An agent status (坐席状态), from its code (`statusNumber`, 座席状态编号). The document lists
/// the codes on `statusName`: 0 空闲 idle, 1 忙碌 busy, 2 呼叫中 calling, 3 振铃 ringing,
/// 4 通话中 talking, 5 整理 wrap-up, 6 保持 hold, 7 静音 mute, 8 未连接 not connected,
/// 9 失效 invalid, and from 100 up custom statuses (100之后为自定义) whose label is `statusName`.
///
/// 忙碌 (1) is a manual "not ready" state, not CSTA's agent-busy (on a call).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AgentStatus {
    /// 0 空闲: idle, ready for calls.
    Idle,
    /// 1 忙碌: busy, i.e. not ready (set by the agent; not "on a call").
    Busy,
    /// 2 呼叫中: placing a call.
    Calling,
    /// 3 振铃: ringing.
    Ringing,
    /// 4 通话中: talking.
    Talking,
    /// 5 整理: wrap-up after a call.
    WrapUp,
    /// 6 保持: holding a call.
    Hold,
    /// 7 静音: muted.
    Mute,
    /// 8 未连接: the phone is not connected.
    NotConnected,
    /// 9 失效: invalid.
    Invalid,
    /// A custom status, code 100 or above (自定义); its label is in `statusName`.
    Custom(u64),
    /// A code the document does not define (10 to 99).
    Unknown(u64),
}

impl AgentStatus {
    /// The ten fixed statuses, codes 0 to 9.
    pub const KNOWN: [AgentStatus; 10] = [
        AgentStatus::Idle,
        AgentStatus::Busy,
        AgentStatus::Calling,
        AgentStatus::Ringing,
        AgentStatus::Talking,
        AgentStatus::WrapUp,
        AgentStatus::Hold,
        AgentStatus::Mute,
        AgentStatus::NotConnected,
        AgentStatus::Invalid,
    ];

    /// The first code of the custom range.
    pub const FIRST_CUSTOM_CODE: u64 = 100;

    /// The status of `code`.
    pub fn from_code(code: u64) -> Self {
        match code {
            0 => AgentStatus::Idle,
            1 => AgentStatus::Busy,
            2 => AgentStatus::Calling,
            3 => AgentStatus::Ringing,
            4 => AgentStatus::Talking,
            5 => AgentStatus::WrapUp,
            6 => AgentStatus::Hold,
            7 => AgentStatus::Mute,
            8 => AgentStatus::NotConnected,
            9 => AgentStatus::Invalid,
            code if code >= Self::FIRST_CUSTOM_CODE => AgentStatus::Custom(code),
            code => AgentStatus::Unknown(code),
        }
    }

    /// The status whose documented Chinese label is `label` (`"整理"` is wrap-up), for the
    /// fixed statuses 0 to 9.
    pub fn from_label(label: &str) -> Option<Self> {
        Self::KNOWN
            .into_iter()
            .find(|status| status.label() == Some(label.trim()))
    }

    /// The code.
    pub fn code(self) -> u64 {
        match self {
            AgentStatus::Idle => 0,
            AgentStatus::Busy => 1,
            AgentStatus::Calling => 2,
            AgentStatus::Ringing => 3,
            AgentStatus::Talking => 4,
            AgentStatus::WrapUp => 5,
            AgentStatus::Hold => 6,
            AgentStatus::Mute => 7,
            AgentStatus::NotConnected => 8,
            AgentStatus::Invalid => 9,
            AgentStatus::Custom(code) | AgentStatus::Unknown(code) => code,
        }
    }

    /// The documented Chinese label of a fixed status (`None` for custom and unknown codes).
    pub fn label(self) -> Option<&'static str> {
        Some(match self {
            AgentStatus::Idle => "空闲",
            AgentStatus::Busy => "忙碌",
            AgentStatus::Calling => "呼叫中",
            AgentStatus::Ringing => "振铃",
            AgentStatus::Talking => "通话中",
            AgentStatus::WrapUp => "整理",
            AgentStatus::Hold => "保持",
            AgentStatus::Mute => "静音",
            AgentStatus::NotConnected => "未连接",
            AgentStatus::Invalid => "失效",
            AgentStatus::Custom(_) | AgentStatus::Unknown(_) => return None,
        })
    }

    /// Whether the document defines this code (0 to 9, or 100 and above).
    pub fn is_known(self) -> bool {
        !matches!(self, AgentStatus::Unknown(_))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_labels_agree() {
        for (code, status) in AgentStatus::KNOWN.into_iter().enumerate() {
            let code = code as u64;
            assert_eq!(status.code(), code);
            assert_eq!(AgentStatus::from_code(code), status);
            assert_eq!(status.label().and_then(AgentStatus::from_label), Some(status));
        }
        assert_eq!(AgentStatus::from_code(100), AgentStatus::Custom(100));
        assert_eq!(AgentStatus::from_code(10), AgentStatus::Unknown(10));
        assert!(!AgentStatus::from_code(99).is_known());
        assert!(AgentStatus::from_code(4711).is_known());
        assert_eq!(AgentStatus::from_label("培训"), None);
    }
}
