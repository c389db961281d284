//! Supervision events (督导): monitor, coach, barge-in, intercept.
//!
//! The documentation gives `agentId` and `counterparty` opposite roles across these events:
//! in `StartMonitor`/`StopMonitor` `agentId` is the monitored agent (被监听方) and
//! `counterparty` the supervisor (监听方); in `StartCoach`/`StopCoach`/`BargeIn`/`Intercept`
//! `agentId` is the supervisor (辅导方/强插方/强拆方) and `counterparty` the agent acted on.
//! [`Supervision::supervisor`] and [`Supervision::supervised`] need the event type to say which.

use super::EventType;
use super::fields::{CallAgentFields, CallFields, CommonFields};
use crate::wire::Text;
use crate::wire::wire_object;

wire_object! {
    /// `StartMonitor`, `StopMonitor`, `StartCoach`, `StopCoach`, `BargeIn`, `Intercept`.
    pub struct Supervision {
        groups {
            /// eventTime, eventType, instanceId.
            common: CommonFields,
            /// The eight call fields.
            call: CallFields,
            /// agentId (see the module docs for its role), skillGroupId.
            agent: CallAgentFields,
        }
        fields {
            /// The other agent of the pair (监听方 / 被辅导方 / 被强插方 / 被强拆方).
            counterparty: Text = "counterparty",
        }
    }
}

impl Supervision {
    fn is_monitor(event_type: &EventType) -> bool {
        matches!(event_type, EventType::StartMonitor | EventType::StopMonitor)
    }

    /// The supervising agent, given the event type this payload came as.
    pub fn supervisor(&self, event_type: &EventType) -> Option<&str> {
        if Self::is_monitor(event_type) {
            self.counterparty.as_str()
        } else {
            self.agent.agent_id.as_str()
        }
    }

    /// The agent being supervised, given the event type this payload came as.
    pub fn supervised(&self, event_type: &EventType) -> Option<&str> {
        if Self::is_monitor(event_type) {
            self.agent.agent_id.as_str()
        } else {
            self.counterparty.as_str()
        }
    }
}
