//! Agent events (座席相关事件, `eventType` `agent`): log on, log off, ready, not ready, after-call
//! work, allocated.

use super::fields::{AgentFields, CommonFields};
use crate::wire::Text;
use crate::wire::wire_object;

wire_object! {
    /// An agent event with no fields of its own: `agentReady` (座席就绪),
    /// `agentWorkingAfterCall` (座席话后处理) and `agentAllocated` (座席预占). agentAllocated has no
    /// data model; its sample carries exactly these fields.
    pub struct AgentEvent {
        groups {
            /// eventName, eventSrc, eventTime, eventType, serial, namespace, srcDeviceId,
            /// propertyNames, eventTopics.
            common: CommonFields,
            /// deviceId, agentId, agentMode, devices.
            agent: AgentFields,
        }
    }
}

wire_object! {
    /// `agentLoggedOn` (座席登录) and `agentLoggedOff` (座席登出): their data models add the queue.
    pub struct AgentLogEvent {
        groups {
            /// eventName, eventSrc, eventTime, eventType, serial, namespace, srcDeviceId,
            /// propertyNames, eventTopics.
            common: CommonFields,
            /// deviceId, agentId, agentMode, devices.
            agent: AgentFields,
        }
        fields {
            /// Queue id (队列ID); never in a sample.
            queue_id: Text = "queueId",
        }
    }
}

wire_object! {
    /// `agentNotReady` (座席离席): the agent left; the data model adds the reason.
    pub struct AgentNotReady {
        groups {
            /// eventName, eventSrc, eventTime, eventType, serial, namespace, srcDeviceId,
            /// propertyNames, eventTopics.
            common: CommonFields,
            /// deviceId, agentId, agentMode, devices.
            agent: AgentFields,
        }
        fields {
            /// Why the agent left (离席原因); in the data model, absent from the sample.
            reason: Text = "reason",
        }
    }
}
