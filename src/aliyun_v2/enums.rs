//! The documented value sets of aliyun_v2 (seed 000), every value a variant.

use crate::wire::open_enum;

open_enum! {
    /// Call type (呼叫类型, `callType`): 11 documented values.
    pub enum CallType {
        /// Internal call (内部通话).
        Internal = "INTERNAL",
        /// Inbound call (呼入).
        Inbound = "INBOUND",
        /// Outbound call (呼出).
        Outbound = "OUTBOUND",
        /// Conference (会议).
        Conference = "CONFERENCE",
        /// Two-leg "back to back" call (双呼).
        Back2Back = "BACK2BACK",
        /// Predictive outbound (预测式外呼).
        Predictive = "PREDICTIVE",
        /// Consultation (咨询).
        Consultant = "CONSULTANT",
        /// Monitoring (监听).
        Monitor = "MONITOR",
        /// Coaching (辅导).
        Coach = "COACH",
        /// Barge-in (强插).
        Barge = "BARGE",
        /// Intercept (强拆).
        Intercept = "INTERCEPT",
    }
}

open_enum! {
    /// Dial scenario (拨号场景, `scenario`): 9 documented values. A plain call has none.
    pub enum Scenario {
        /// Blind transfer (直接转接).
        BlindTransfer = "BLIND_TRANSFER",
        /// Attended transfer (咨询转接).
        AttendedTransfer = "ATTENDED_TRANSFER",
        /// Being consulted (咨询).
        Consulted = "CONSULTED",
        /// Monitoring (监听中).
        Monitoring = "MONITORING",
        /// Coaching (辅导中).
        Coaching = "COACHING",
        /// Intercepting (强拆中).
        Intercepting = "INTERCEPTING",
        /// Intercepted (强拆完成).
        Intercepted = "INTERCEPTED",
        /// Barging in (强插中).
        Barging = "BARGING",
        /// Conference (会议).
        Conference = "CONFERENCE",
    }
}

open_enum! {
    /// The phase in which a caller hung up (放弃阶段, `abandonPhase`). The casing differs between
    /// values (`IVR`, `Queuing`): each is kept as documented.
    pub enum AbandonPhase {
        /// In the IVR (IVR交互阶段).
        Ivr = "IVR",
        /// While queuing (排队阶段).
        Queuing = "Queuing",
        /// While an agent's phone was ringing (坐席振铃阶段).
        Ringing = "Ringing",
    }
}

open_enum! {
    /// Queue type (队列类型, `queueType`).
    pub enum QueueType {
        /// A skill-group queue (技能组).
        SkillGroup = "SkillGroup",
        /// A queue for one agent (坐席).
        Agent = "Agent",
    }
}

open_enum! {
    /// Audio channel of a transcript (声道类型, `channelType`).
    pub enum ChannelType {
        /// The agent's channel (坐席).
        Agent = "agent",
        /// The customer's channel (客户).
        Customer = "customer",
    }
}

open_enum! {
    /// IVR flow type (IVR流程类型, `flowType`).
    pub enum FlowType {
        /// Main flow (主流程).
        MainFlow = "MAIN_FLOW",
        /// Sub-flow (子流程).
        SubFlow = "SUB_FLOW",
        /// Satisfaction-survey flow (满意度流程).
        SurveyFlow = "SURVEY_FLOW",
    }
}

open_enum! {
    /// IVR node type (IVR节点类型, `nodeType`): 8 documented values.
    pub enum NodeType {
        /// Play a prompt (放音).
        PlaySay = "PLAY_SAY",
        /// Transfer to an agent (转人工).
        TransferToAgent = "TRANSFER_TO_AGENT",
        /// Forward to an outside number (转外部号码).
        ForwardToOutsideNumber = "FORWARD_TO_OUTSIDE_NUMBER",
        /// Collect digits (收号).
        GatherInput = "GATHER_INPUT",
        /// Branch (分支).
        Branch = "BRANCH",
        /// Hang up (结束).
        Hangup = "HANGUP",
        /// Function compute (函数计算).
        FunctionCompute = "FUNCTION_COMPUTE",
        /// Intelligent voice navigator (智能语音导航).
        VoiceNavigator = "VOICE_NAVIGATOR",
    }
}

open_enum! {
    /// The event that made an IVR node exit (IVR节点退出时触发的事件, `nodeExitCode`). The
    /// documentation lists `Branch-A/B/C` for "each branch exit": that is an open family,
    /// `Branch-<X>` for any X, kept in [`NodeExitCode::Branch`].
    pub enum NodeExitCode {
        /// Success (成功).
        Success = "Success",
        /// Failure (失败).
        Failure = "Failure",
        /// The customer hung up (客户挂机).
        Hangup = "Hangup",
        /// Queue, function or digit collection timed out (超时).
        Timeout = "Timeout",
        /// Queue overflow (队列溢出).
        Overflow = "Overflow",
        /// The default exit of a branch (逻辑判断缺省出口).
        Default = "Default";
        /// One exit of a branch (各个逻辑判断出口): `Branch-A`, `Branch-B`, ..., the whole text kept.
        Branch("Branch-"),
    }
}

impl NodeExitCode {
    /// For a `Branch-X` exit, the `X`.
    pub fn branch_label(&self) -> Option<&str> {
        match self {
            NodeExitCode::Branch(text) => text.strip_prefix("Branch-"),
            _ => None,
        }
    }
}

open_enum! {
    /// Whether an IVR tracking event marks entering or leaving a node (节点动作, `nodeAction`).
    pub enum NodeAction {
        /// Entering the node (进入).
        Enter = "ENTER",
        /// Leaving the node (离开).
        Leave = "LEAVE",
    }
}
