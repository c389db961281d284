//! Satisfaction-survey events. Seed 000 names them `SatisfactionSurveySent` /
//! `SatisfactionSurveyRespond` and files them under agent events; seed 002 names them
//! `SatisfactionSurveyOffer` / `SatisfactionSurveyResponse` with no field table. Both spellings
//! are event types here; the 002 names take the fields 000 documents for the same event.

use super::enums::CallType;
use super::fields::{AgentFields, CommonFields};
use crate::wire::Text;
use crate::wire::{Numeric, wire_object};

wire_object! {
    /// A survey was sent (`SatisfactionSurveySent`, 000) or offered (`SatisfactionSurveyOffer`, 002).
    pub struct SurveySent {
        groups {
            /// eventTime, eventType, instanceId.
            common: CommonFields,
            /// skillGroupIds, agentId.
            agent: AgentFields,
        }
        fields {
            /// Contact id (话务ID) of the surveyed call.
            contact_id: Text = "contactId",
            /// Skill group of the call (通话相关的技能组ID).
            skill_group_id: Text = "skillGroupId",
            /// How the survey is sent (调查发送方式); no example documented.
            survey_channel: Text = "surveyChannel" unmapped,
            /// Call type (呼叫类型).
            call_type: CallType = "callType",
            /// Calling number (主叫号码).
            caller: Text = "caller",
            /// Called number (被叫号码).
            callee: Text = "callee",
        }
    }
}

wire_object! {
    /// A survey was answered (`SatisfactionSurveyRespond`, 000; `SatisfactionSurveyResponse`, 002).
    pub struct SurveyResponse {
        groups {
            /// eventTime, eventType, instanceId.
            common: CommonFields,
            /// skillGroupIds, agentId.
            agent: AgentFields,
        }
        fields {
            /// Contact id (话务ID) of the surveyed call.
            contact_id: Text = "contactId",
            /// Skill group of the call (通话相关的技能组ID).
            skill_group_id: Text = "skillGroupId",
            /// How the survey was sent (调查发送方式).
            survey_channel: Text = "surveyChannel" unmapped,
            /// Satisfaction rating (满意度评级), a number or a string holding one.
            rating: Numeric = "rating" unmapped,
            /// The keys pressed (按键记录). The table lists `userInput` twice, the second time as
            /// "meaning of the keys" (按键含义): one wire key can hold only one value, taken here
            /// as the keys pressed.
            user_input: Text = "userInput" unmapped,
        }
    }
}
