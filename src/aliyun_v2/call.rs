//! Call events (话务类事件): dialing, ringing, answer, release, hold, mute, transfer,
//! consultation, conference, IVR and queue stages. All carry the eight call fields.

use super::enums::{AbandonPhase, QueueType, Scenario};
use super::fields::{CallAgentFields, CallFields, CommonFields};
use super::forms::ReleaseReason;
use crate::wire::Text;
use crate::wire::wire_object;

wire_object! {
    /// A call event with no fields of its own beyond the common and call fields: `Route2IVR`,
    /// `RingingTimeout`, `Threeway`, `StartConference`, `StopConference`,
    /// `DualTrackRecordingReady` (the last four are "in development" in the documentation).
    pub struct CallEvent {
        groups {
            /// eventTime, eventType, instanceId.
            common: CommonFields,
            /// The eight call fields.
            call: CallFields,
        }
    }
}

wire_object! {
    /// `Dialing` (拨号) and `Established` (通话建立): a leg dialed out, or was answered.
    pub struct CallScenarioEvent {
        groups {
            /// eventTime, eventType, instanceId.
            common: CommonFields,
            /// The eight call fields.
            call: CallFields,
            /// agentId, skillGroupId.
            agent: CallAgentFields,
        }
        fields {
            /// Dial scenario (拨号场景); absent on a plain call.
            scenario: Scenario = "scenario",
        }
    }
}

wire_object! {
    /// `Ringing` (呼叫振铃): a leg is ringing.
    pub struct Ringing {
        groups {
            /// eventTime, eventType, instanceId.
            common: CommonFields,
            /// The eight call fields.
            call: CallFields,
            /// agentId, skillGroupId.
            agent: CallAgentFields,
        }
        fields {
            /// The party being rung (目的方), e.g. an extension `80002301`.
            destination: Text = "destination",
            /// Dial scenario (拨号场景).
            scenario: Scenario = "scenario",
        }
    }
}

wire_object! {
    /// `Released` (通话挂机): a leg hung up.
    pub struct Released {
        groups {
            /// eventTime, eventType, instanceId.
            common: CommonFields,
            /// The eight call fields.
            call: CallFields,
            /// agentId, skillGroupId.
            agent: CallAgentFields,
        }
        fields {
            /// Why (挂断原因), from SIP: `"200 - Okay"`.
            release_reason: ReleaseReason = "releaseReason",
            /// Dial scenario (拨号场景).
            scenario: Scenario = "scenario",
        }
    }
}

wire_object! {
    /// `Held` (通话保持): a channel was put on hold.
    pub struct Held {
        groups {
            /// eventTime, eventType, instanceId.
            common: CommonFields,
            /// The eight call fields.
            call: CallFields,
            /// agentId, skillGroupId.
            agent: CallAgentFields,
        }
        fields {
            /// The channel put on hold (被保持的通道ID).
            held_channel_id: Text = "heldChannelId",
        }
    }
}

wire_object! {
    /// `Retrieved` (通话取回): a held channel was taken back.
    pub struct Retrieved {
        groups {
            /// eventTime, eventType, instanceId.
            common: CommonFields,
            /// The eight call fields.
            call: CallFields,
            /// agentId, skillGroupId.
            agent: CallAgentFields,
        }
        fields {
            /// The channel taken back (被取回的通道ID).
            retrieved_channel_id: Text = "retrievedChannelId",
        }
    }
}

wire_object! {
    /// `Muted` (通话静音): a channel was muted.
    pub struct Muted {
        groups {
            /// eventTime, eventType, instanceId.
            common: CommonFields,
            /// The eight call fields.
            call: CallFields,
            /// agentId, skillGroupId.
            agent: CallAgentFields,
        }
        fields {
            /// The channel muted (被静音的通道ID).
            muted_channel_id: Text = "mutedChannelId",
        }
    }
}

wire_object! {
    /// `Unmuted` (取消静音): a channel was unmuted.
    pub struct Unmuted {
        groups {
            /// eventTime, eventType, instanceId.
            common: CommonFields,
            /// The eight call fields.
            call: CallFields,
            /// agentId, skillGroupId.
            agent: CallAgentFields,
        }
        fields {
            /// The channel unmuted (被取消静音的通道ID).
            unmuted_channel_id: Text = "unmutedChannelId",
        }
    }
}

wire_object! {
    /// `BlindTransfer` (直接转接) and `AttendedTransfer` (咨询转接).
    pub struct Transfer {
        groups {
            /// eventTime, eventType, instanceId.
            common: CommonFields,
            /// The eight call fields.
            call: CallFields,
            /// agentId, skillGroupId.
            agent: CallAgentFields,
        }
        fields {
            /// Who transferred (转接发起方), e.g. `80001878`.
            originator: Text = "originator",
            /// Where to (转接目的方), e.g. `80002301`.
            destination: Text = "destination",
        }
    }
}

wire_object! {
    /// `InitiateConsultant` (发起咨询), `StartConsultant` (开始咨询), `StopConsultant` (结束咨询).
    /// `agentId` is the agent who consults; `counterparty` the one consulted.
    pub struct Consultation {
        groups {
            /// eventTime, eventType, instanceId.
            common: CommonFields,
            /// The eight call fields.
            call: CallFields,
            /// agentId (the consulting agent), skillGroupId.
            agent: CallAgentFields,
        }
        fields {
            /// The agent consulted (被咨询方), `name@instanceId`.
            counterparty: Text = "counterparty",
        }
    }
}

wire_object! {
    /// `Abandoned` (放弃): the caller hung up before reaching an agent.
    pub struct Abandoned {
        groups {
            /// eventTime, eventType, instanceId.
            common: CommonFields,
            /// The eight call fields.
            call: CallFields,
            /// agentId, skillGroupId.
            agent: CallAgentFields,
        }
        fields {
            /// Where the caller hung up (放弃阶段): IVR, Queuing or Ringing.
            abandon_phase: AbandonPhase = "abandonPhase",
        }
    }
}

wire_object! {
    /// `Enqueue` (IVR转人工), `QueueingTimeout` (排队超时), `AssignAgent` (分配坐席).
    pub struct QueueEvent {
        groups {
            /// eventTime, eventType, instanceId.
            common: CommonFields,
            /// The eight call fields.
            call: CallFields,
            /// agentId, skillGroupId.
            agent: CallAgentFields,
        }
        fields {
            /// Queue type (队列类型): a skill group or one agent.
            queue_type: QueueType = "queueType",
        }
    }
}
