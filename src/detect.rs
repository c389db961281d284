//! Which schema a payload belongs to, from its top-level keys.
//!
//! The rules, applied to the top-level entries in order; the first that decides wins:
//!
//! | the payload has | schema |
//! |---|---|
//! | `eventName` | csta (its discriminator) |
//! | `pushType`, `callUniqueId`, `eventUniqueId`, `accountId`, `agentNumber` or `callEvent` | push_v7 |
//! | `content`, an object holding `callEvent` | push_v7 (the "customer connected" envelope) |
//! | `eventType` = `"agent"` or `"csta"` | csta (its event stream names) |
//! | `eventType`, any other string | aliyun_v2 (its discriminator) |
//! | `instanceId` | aliyun_v2 |
//! | `type` = `"AgentState"` or `"CallState"`, and an `item` object (an `item` after such a `type` decides at once) | ccai_qm |
//!
//! When the object ends with no rule decided, a string `type` beside an `item` object is
//! ccai_qm (an event type it does not know); anything else is
//! [`ErrorKind::UnknownSchema`](crate::ErrorKind::UnknownSchema), listing the keys seen.
//!
//! aliyun_v2 and csta both have `eventType`: csta's values are only `agent` and `csta`, which
//! no aliyun_v2 event type is, and a csta payload has `eventName`, which aliyun_v2 never sends.

use crate::Schema;
use serde_json::Value;

/// Applies the detection rules to the top-level entries of one object, as they are read.
#[derive(Debug, Default)]
pub(crate) struct Detector {
    ccai_type: bool,
    ccai_item: bool,
    any_type: bool,
}

impl Detector {
    /// Whether the rules look at the value of `key` (other values may be skipped).
    pub(crate) fn needs_value(key: &str) -> bool {
        matches!(key, "eventType" | "type" | "item" | "content")
    }

    /// Decides on a key before its value is read, when the key alone is enough: an `item`
    /// after a CCAI `type` (so that the item, the bulk of the payload, is read once, straight
    /// into its typed form).
    pub(crate) fn decide_on_key(&self, key: &str) -> Option<Schema> {
        (key == "item" && self.ccai_type).then_some(Schema::CcaiQm)
    }

    /// Takes one entry; `value` is given for the keys of [`Detector::needs_value`].
    pub(crate) fn observe(&mut self, key: &str, value: Option<&Value>) -> Option<Schema> {
        match key {
            "eventName" => Some(Schema::Csta),
            "pushType" | "callUniqueId" | "eventUniqueId" | "accountId" | "agentNumber" | "callEvent" => {
                Some(Schema::PushV7)
            }
            "content" => match value {
                Some(Value::Object(content)) if content.contains_key("callEvent") => Some(Schema::PushV7),
                _ => None,
            },
            "eventType" => match value {
                Some(Value::String(stream)) if stream == "agent" || stream == "csta" => Some(Schema::Csta),
                Some(Value::String(_)) => Some(Schema::AliyunV2),
                _ => None,
            },
            "instanceId" => Some(Schema::AliyunV2),
            "type" => {
                self.any_type = matches!(value, Some(Value::String(_)));
                self.ccai_type =
                    matches!(value, Some(Value::String(kind)) if kind == "AgentState" || kind == "CallState");
                (self.ccai_type && self.ccai_item).then_some(Schema::CcaiQm)
            }
            "item" => {
                self.ccai_item = matches!(value, Some(Value::Object(_)));
                (self.ccai_type && self.ccai_item).then_some(Schema::CcaiQm)
            }
            _ => None,
        }
    }

    /// The schema once the whole object was read without a rule deciding.
    pub(crate) fn finish(&self) -> Option<Schema> {
        (self.any_type && self.ccai_item).then_some(Schema::CcaiQm)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn detect(value: Value) -> Option<Schema> {
        let mut detector = Detector::default();
        let Value::Object(map) = value else { return None };
        for (key, value) in &map {
            let seen = Detector::needs_value(key).then_some(value);
            if let Some(schema) = detector.observe(key, seen) {
                return Some(schema);
            }
        }
        detector.finish()
    }

    #[test]
    fn rules() {
        assert_eq!(
            detect(json!({"eventType": "Established", "instanceId": "x"})),
            Some(Schema::AliyunV2)
        );
        assert_eq!(
            detect(json!({"eventType": "csta", "eventName": "delivered"})),
            Some(Schema::Csta)
        );
        assert_eq!(detect(json!({"eventType": "agent"})), Some(Schema::Csta));
        assert_eq!(detect(json!({"pushType": "cdr"})), Some(Schema::PushV7));
        assert_eq!(
            detect(json!({"content": {"callEvent": "link"}, "uniqueId": "1"})),
            Some(Schema::PushV7)
        );
        assert_eq!(detect(json!({"content": "x"})), None);
        assert_eq!(detect(json!({"type": "CallState", "item": {}})), Some(Schema::CcaiQm));
        assert_eq!(detect(json!({"type": "Other", "item": {}})), Some(Schema::CcaiQm));
        assert_eq!(detect(json!({"type": "CallState", "item": "x"})), None);
        assert_eq!(detect(json!({"eventType": 3})), None);
        assert_eq!(detect(json!({"hello": 1})), None);
    }
}
