//! The field groups that many aliyun_v2 events share, declared once.

use super::EventType;
use super::enums::{CallType, Scenario};
use crate::wire::Text;
use crate::wire::{CommaList, Rfc3339Time, wire_group};

wire_group! {
    /// The three fields every event carries (所有事件公共字段).
    pub struct CommonFields {
        /// Event time (事件时间), RFC 3339 UTC, milliseconds optional: `2021-04-14T02:34:00.447Z`.
        event_time: Rfc3339Time = "eventTime",
        /// Event type (事件类型), the discriminator.
        event_type: EventType = "eventType",
        /// Call-center instance id (呼叫中心实例ID), e.g. `report-test-2`.
        instance_id: Text = "instanceId",
    }
}

wire_group! {
    /// The fields every agent event carries (坐席类事件公共字段).
    pub struct AgentFields {
        /// Ids of the skill groups the agent is signed into (签入技能组ID列表), comma-separated:
        /// `skg-default@report-test-2,skillgroup@report-test-2`.
        skill_group_ids: CommaList = "skillGroupIds" unmapped,
        /// Agent id (坐席ID), `name@instanceId`.
        agent_id: Text = "agentId",
    }
}

wire_group! {
    /// The eight fields every call event carries (话务类事件公共字段).
    pub struct CallFields {
        /// Contact id (话务ID), one per call: `job-f8e9639a-...`.
        contact_id: Text = "contactId",
        /// Channel id (通话通道ID), one per leg.
        channel_id: Text = "channelId",
        /// Call type (呼叫类型).
        call_type: CallType = "callType",
        /// Calling number (主叫号码).
        caller: Text = "caller",
        /// Called number (被叫号码).
        callee: Text = "callee",
        /// Broker number (中间号码), the number the platform shows.
        broker: Text = "broker" unmapped,
        /// Additional broker number (附加中间号码): when present, the number used to call the callee.
        additional_broker: Text = "additionalBroker" unmapped,
        /// Contact flow id (联系流ID).
        contact_flow_id: Text = "contactFlowId" unmapped,
    }
}

wire_group! {
    /// The agent and skill group that call events name (most call events carry both).
    ///
    /// What the agent is depends on the event: the talking agent for call control, the
    /// consult initiator for consultations, the monitored agent for `StartMonitor`/`StopMonitor`
    /// but the supervisor for `StartCoach`/`StopCoach`/`BargeIn`/`Intercept` (see those types).
    pub struct CallAgentFields {
        /// Agent id (坐席ID), `name@instanceId`.
        agent_id: Text = "agentId",
        /// Skill group id (技能组ID).
        skill_group_id: Text = "skillGroupId",
    }
}

wire_group! {
    /// The call an agent event is about (`AgentDialing`, `AgentRinging`, `AgentTalk`,
    /// `AgentRelease`): these agent events carry their own copy of the call's ids.
    pub struct AgentCallFields {
        /// Contact id (话务ID).
        contact_id: Text = "contactId",
        /// Channel id (通话通道ID).
        channel_id: Text = "channelId",
        /// Call type (呼叫类型).
        call_type: CallType = "callType",
        /// Skill group id (技能组ID) the call came through.
        skill_group_id: Text = "skillGroupId",
        /// Dial scenario (拨号场景); absent on a plain call.
        scenario: Scenario = "scenario",
    }
}
