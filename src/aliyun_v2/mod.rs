//! Alibaba Cloud Call Center 2.0 events (阿里云云呼叫中心 2.0 事件).
//!
//! Specification: the vendor's event format (every event's fields) and event catalogue (event
//! groups, typical sequences, changes from 1.0). The discriminator is `eventType`; all 45 event
//! types of the two documents are variants of [`Event`], and so are the six 1.0 names that
//! 002 lists (`CallEstablished`, ..., `AgentACW`): read with their 2.0 event's fields, wrapped
//! in [`Legacy`], converted like it, and reported as a deviation `1.0 event name` (see
//! [`RENAMED_IN_2_0`]). Any other type is [`Event::Unknown`], kept whole.
//!
//! ```
//! use cc_events::aliyun_v2::{Event, EventType};
//! let bytes = br#"{"eventTime":"2021-04-14T02:34:00.447Z","eventType":"Released",
//!     "instanceId":"report-test-2","contactId":"job-1","releaseReason":"486 - Busy Here",
//!     "vendorNew":true}"#;
//! let event = Event::from_slice(bytes)?;
//! assert_eq!(event.event_type(), EventType::Released);
//! let Event::Released(released) = &event else {
//!     return Err("not a Released event".into());
//! };
//! assert_eq!(released.release_reason.get().and_then(|r| r.sip_code()), Some(486));
//! assert_eq!(event.contact_id(), Some("job-1"));
//! // Lossless: the undocumented key is kept, and reported.
//! let back: serde_json::Value = serde_json::to_value(&event)?;
//! assert_eq!(back, serde_json::from_slice::<serde_json::Value>(bytes)?);
//! assert_eq!(event.deviations()[0].to_string(), "$.vendorNew: undocumented field");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Decisions on the documents' inconsistencies:
//! * Survey events: 000 says `SatisfactionSurveySent`/`SatisfactionSurveyRespond`, 002 says
//!   `SatisfactionSurveyOffer`/`SatisfactionSurveyResponse`; all four are event types, the 002
//!   names with the fields 000 documents ([`SurveySent`], [`SurveyResponse`]).
//! * `RingingTimeout` (002 only) and `Threeway` (000 only) document no fields: they carry the
//!   common and call fields ([`CallEvent`]), anything else lands in `extra`.
//! * `IvrTracking` has its own section in 000 and carries only the common fields plus its own.
//! * Types are never stated; phone numbers are strings (they have leading zeros), numbers
//!   (`skillLevel`, offsets, `rating`) accept a number or a numeric string, flags accept
//!   `0`/`1` in either form.

mod agent;
mod call;
mod enums;
mod fields;
mod forms;
mod ivr;
mod legacy;
mod media;
mod supervision;
mod survey;
pub mod to_common;
mod track;

pub use agent::{AgentBreak, AgentCallEvent, AgentCheckIn, AgentEvent, AgentReady};
pub use call::{
    Abandoned, CallEvent, CallScenarioEvent, Consultation, Held, Muted, QueueEvent, Released, Retrieved, Ringing,
    Transfer, Unmuted,
};
pub use enums::{
    AbandonPhase, CallType, ChannelType, FlowType, NodeAction, NodeExitCode, NodeType, QueueType, Scenario,
};
pub use fields::{AgentCallFields, AgentFields, CallAgentFields, CallFields, CommonFields};
pub use forms::{ReleaseReason, SkillLevel};
pub use ivr::{EmbeddedObject, IvrTracking};
pub use legacy::{Legacy, OLD_NAME, RENAMED_IN_2_0};
pub use media::{CallSummaryFields, CdrReady, RecordingReady, TextStream};
pub use supervision::Supervision;
pub use survey::{SurveyResponse, SurveySent};

use crate::wire::{Rfc3339Time, wire_events};

wire_events! {
    schema: AliyunV2,
    tag: "eventType",
    /// The aliyun_v2 event types (`eventType`): the 45 of the two documents, then the six
    /// 1.0 names of 002 ([`EventType::is_1_0_name`]).
    pub enum EventType;
    /// One Alibaba Cloud Call Center 2.0 event, typed by its `eventType`.
    pub enum Event {
        /// The agent signed in (坐席签入).
        AgentCheckIn(AgentCheckIn) = "AgentCheckIn",
        /// The agent became ready (坐席就绪).
        AgentReady(AgentReady) = "AgentReady",
        /// The agent is dialing (坐席拨号).
        AgentDialing(AgentCallEvent) = "AgentDialing",
        /// The agent's phone is ringing (坐席振铃).
        AgentRinging(AgentCallEvent) = "AgentRinging",
        /// The agent is talking (坐席通话).
        AgentTalk(AgentCallEvent) = "AgentTalk",
        /// The agent hung up (坐席挂机).
        AgentRelease(AgentCallEvent) = "AgentRelease",
        /// The agent went on a break (坐席小休).
        AgentBreak(AgentBreak) = "AgentBreak",
        /// The agent signed out (坐席签出).
        AgentCheckOut(AgentEvent) = "AgentCheckOut",
        /// A satisfaction survey was sent (000's name).
        SatisfactionSurveySent(SurveySent) = "SatisfactionSurveySent",
        /// A satisfaction survey was answered (000's name).
        SatisfactionSurveyRespond(SurveyResponse) = "SatisfactionSurveyRespond",
        /// A satisfaction survey was offered (满意度评价发送, 002's name).
        SatisfactionSurveyOffer(SurveySent) = "SatisfactionSurveyOffer",
        /// A satisfaction survey was answered (满意度评价回复, 002's name).
        SatisfactionSurveyResponse(SurveyResponse) = "SatisfactionSurveyResponse",
        /// A leg is dialing (拨号).
        Dialing(CallScenarioEvent) = "Dialing",
        /// A leg is ringing (呼叫振铃).
        Ringing(Ringing) = "Ringing",
        /// A leg was answered (通话建立; 1.0's `CallEstablished`).
        Established(CallScenarioEvent) = "Established",
        /// A leg hung up (通话挂机; 1.0's `CallReleased`).
        Released(Released) = "Released",
        /// A channel was put on hold (通话保持).
        Held(Held) = "Held",
        /// A held channel was taken back (通话取回).
        Retrieved(Retrieved) = "Retrieved",
        /// A channel was muted (通话静音).
        Muted(Muted) = "Muted",
        /// A channel was unmuted (取消静音).
        Unmuted(Unmuted) = "Unmuted",
        /// Blind transfer (直接转接).
        BlindTransfer(Transfer) = "BlindTransfer",
        /// Attended transfer (咨询转接).
        AttendedTransfer(Transfer) = "AttendedTransfer",
        /// A consultation was initiated (发起咨询).
        InitiateConsultant(Consultation) = "InitiateConsultant",
        /// A consultation started (开始咨询).
        StartConsultant(Consultation) = "StartConsultant",
        /// A consultation ended (结束咨询).
        StopConsultant(Consultation) = "StopConsultant",
        /// Three-way call (seed 000 only, no fields documented).
        Threeway(CallEvent) = "Threeway",
        /// A conference started (开始会议).
        StartConference(CallEvent) = "StartConference",
        /// A conference ended (结束会议).
        StopConference(CallEvent) = "StopConference",
        /// The call entered the IVR (进入IVR).
        Route2IVR(CallEvent) = "Route2IVR",
        /// The caller hung up before an agent answered (放弃).
        Abandoned(Abandoned) = "Abandoned",
        /// The call was queued for an agent (IVR转人工).
        Enqueue(QueueEvent) = "Enqueue",
        /// Queuing timed out (排队超时).
        QueueingTimeout(QueueEvent) = "QueueingTimeout",
        /// An agent was assigned (分配坐席).
        AssignAgent(QueueEvent) = "AssignAgent",
        /// The agent did not answer in time (坐席振铃超时; seed 002 only).
        RingingTimeout(CallEvent) = "RingingTimeout",
        /// Monitoring started (开始监听).
        StartMonitor(Supervision) = "StartMonitor",
        /// Monitoring ended (结束监听).
        StopMonitor(Supervision) = "StopMonitor",
        /// Coaching started (开始辅导).
        StartCoach(Supervision) = "StartCoach",
        /// Coaching ended (结束辅导).
        StopCoach(Supervision) = "StopCoach",
        /// A supervisor barged in (强插).
        BargeIn(Supervision) = "BargeIn",
        /// A supervisor intercepted the call (强拆).
        Intercept(Supervision) = "Intercept",
        /// Live speech recognition (实时文本流).
        TextStream(TextStream) = "TextStream",
        /// A recording is ready (录音生成).
        RecordingReady(RecordingReady) = "RecordingReady",
        /// A raw two-track recording is ready (原始双轨录音生成; no fields documented).
        DualTrackRecordingReady(CallEvent) = "DualTrackRecordingReady",
        /// A call record is ready (通话详单生成).
        CDRReady(CdrReady) = "CDRReady",
        /// An IVR node was entered or left (IVR轨迹事件).
        IvrTracking(IvrTracking) = "IvrTracking",
        /// 1.0's name of `Established` (a leg was answered); reported as a deviation.
        CallEstablished(Legacy<CallScenarioEvent>) = "CallEstablished",
        /// 1.0's name of `Released` (a leg hung up); reported as a deviation.
        CallReleased(Legacy<Released>) = "CallReleased",
        /// 1.0's name of `Held` (a channel was put on hold); reported as a deviation.
        CallHeld(Legacy<Held>) = "CallHeld",
        /// 1.0's name of `Retrieved` (a held channel was taken back); reported as a deviation.
        CallRetrieved(Legacy<Retrieved>) = "CallRetrieved",
        /// 1.0's name of `Abandoned` (the caller hung up first); reported as a deviation.
        CallAbandoned(Legacy<Abandoned>) = "CallAbandoned",
        /// 1.0's wrap-up event (话后处理), dropped by 2.0; read with the fields of an agent call
        /// event and reported as a deviation.
        AgentACW(Legacy<AgentCallEvent>) = "AgentACW",
    }
}

impl Event {
    fn common(&self) -> Option<&CommonFields> {
        self.group()
    }

    fn unknown_str(&self, key: &str) -> Option<&str> {
        match self {
            Event::Unknown(object) => object.get(key).and_then(serde_json::Value::as_str),
            _ => None,
        }
    }

    /// The event time as sent (`eventTime`); `.parse()` reads it.
    pub fn event_time(&self) -> Option<&Rfc3339Time> {
        self.common().and_then(|common| common.event_time.get())
    }

    /// The call-center instance (`instanceId`).
    pub fn instance_id(&self) -> Option<&str> {
        match self.common() {
            Some(common) => common.instance_id.as_str(),
            None => self.unknown_str("instanceId"),
        }
    }

    /// The call (`contactId`), for every event that names one.
    pub fn contact_id(&self) -> Option<&str> {
        if let Some(call) = self.group::<CallFields>() {
            return call.contact_id.as_str();
        }
        if let Some(call) = self.group::<AgentCallFields>() {
            return call.contact_id.as_str();
        }
        match self {
            Event::SatisfactionSurveySent(event) | Event::SatisfactionSurveyOffer(event) => event.contact_id.as_str(),
            Event::SatisfactionSurveyRespond(event) | Event::SatisfactionSurveyResponse(event) => {
                event.contact_id.as_str()
            }
            Event::IvrTracking(event) => event.contact_id.as_str(),
            _ => self.unknown_str("contactId"),
        }
    }

    /// The agent (`agentId`), for every event that names one. For supervision events this is
    /// the `agentId` as sent, whose role depends on the event type (see [`Supervision`]).
    pub fn agent_id(&self) -> Option<&str> {
        if let Some(agent) = self.group::<AgentFields>() {
            return agent.agent_id.as_str();
        }
        if let Some(agent) = self.group::<CallAgentFields>() {
            return agent.agent_id.as_str();
        }
        self.unknown_str("agentId")
    }
}
