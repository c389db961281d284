//! Agent events (坐席类事件): sign-in, ready, break, the agent's side of a call, sign-out.

use super::fields::{AgentCallFields, AgentFields, CommonFields};
use super::forms::SkillLevel;
use crate::wire::Text;
use crate::wire::{Embedded, Flag, List, wire_object};

wire_object! {
    /// An agent event with no fields of its own (`AgentCheckOut`).
    pub struct AgentEvent {
        groups {
            /// eventTime, eventType, instanceId.
            common: CommonFields,
            /// skillGroupIds, agentId.
            agent: AgentFields,
        }
    }
}

wire_object! {
    /// `AgentCheckIn`: the agent signed in (坐席签入).
    pub struct AgentCheckIn {
        groups {
            /// eventTime, eventType, instanceId.
            common: CommonFields,
            /// skillGroupIds, agentId.
            agent: AgentFields,
        }
        fields {
            /// The agent's level in each skill group (技能组等级列表): a JSON array of
            /// `{"skillLevel":5,"skillGroupId":"..."}`, which some senders put in a string;
            /// both forms are kept as sent, [`AgentCheckIn::skill_levels`] reads either.
            skill_levels: Embedded<List<SkillLevel>> = "skillLevels",
        }
    }
}

impl AgentCheckIn {
    /// The skill levels, whether sent as an array or as a string holding one (entries of an
    /// unexpected type are skipped).
    pub fn skill_levels(&self) -> Vec<SkillLevel> {
        self.skill_levels
            .get()
            .and_then(Embedded::decode)
            .map(|levels| levels.iter().filter_map(|level| level.get().cloned()).collect())
            .unwrap_or_default()
    }
}

wire_object! {
    /// `AgentReady`: the agent became ready (坐席就绪); also ends after-call work.
    pub struct AgentReady {
        groups {
            /// eventTime, eventType, instanceId.
            common: CommonFields,
            /// skillGroupIds, agentId.
            agent: AgentFields,
        }
        fields {
            /// Whether the agent is in outbound-only mode (是否为仅外呼模式), `0` or `1`.
            outbound_scenario: Flag = "outboundScenario",
        }
    }
}

impl AgentReady {
    /// Whether the agent is in outbound-only mode.
    pub fn is_outbound_only(&self) -> Option<bool> {
        self.outbound_scenario.get().and_then(Flag::as_bool)
    }
}

wire_object! {
    /// The agent's side of a call: `AgentDialing` (坐席拨号), `AgentRinging` (坐席振铃),
    /// `AgentTalk` (坐席通话), `AgentRelease` (坐席挂机).
    pub struct AgentCallEvent {
        groups {
            /// eventTime, eventType, instanceId.
            common: CommonFields,
            /// skillGroupIds, agentId.
            agent: AgentFields,
            /// contactId, channelId, callType, skillGroupId, scenario.
            call: AgentCallFields,
        }
    }
}

wire_object! {
    /// `AgentBreak`: the agent went on a break (坐席小休).
    pub struct AgentBreak {
        groups {
            /// eventTime, eventType, instanceId.
            common: CommonFields,
            /// skillGroupIds, agentId.
            agent: AgentFields,
        }
        fields {
            /// Break code (小休事件代码), the reason the agent chose. (The documentation gives no
            /// example: "feature in development".)
            break_code: Text = "breakCode",
        }
    }
}
