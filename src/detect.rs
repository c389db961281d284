//! Which schema a payload belongs to, from its top-level entries.
//!
//! Each top-level entry may be a *signal* naming one schema:
//!
//! | entry | signals |
//! |---|---|
//! | `eventName` | csta (its discriminator) |
//! | `pushType`, `callUniqueId`, `eventUniqueId`, `accountId`, `agentNumber` or `callEvent` | push_v7 |
//! | `content`, an object holding `callEvent` | push_v7 (the "customer connected" envelope) |
//! | `eventType` = `"agent"` or `"csta"` | csta (its event stream names) |
//! | `eventType`, any other string | aliyun_v2 (its discriminator) |
//! | `instanceId` | aliyun_v2 |
//! | `type` = `"AgentState"` or `"CallState"` together with an `item` key | ccai_qm |
//! | (no other signal) a string `type` together with an `item` object | ccai_qm |
//! | `chat_id` | ccai_chat (the QM chat session events; no other schema has it) |
//!
//! The schema is the one the signals name. Signals naming two schemas are
//! [`ErrorKind::AmbiguousSchema`](crate::ErrorKind::AmbiguousSchema), listing every signal;
//! no signal at all is [`ErrorKind::UnknownSchema`](crate::ErrorKind::UnknownSchema), listing
//! the keys. So the outcome is a function of the JSON value, never of the order of its keys.
//!
//! It stays one pass: parsing dispatches to the schema at the first signal (usually the first
//! key), and the schema's reader goes on watching the keys that could signal another schema.
//!
//! aliyun_v2 and csta both have `eventType`: csta's values are only `agent` and `csta`, which
//! no aliyun_v2 event type is, and a csta payload has `eventName`, which aliyun_v2 never sends.

use crate::Schema;
use crate::wire::JsonType;
use serde_json::Value;

/// One signal: the key (or pair of keys) and the schema it names.
pub(crate) type Signal = (&'static str, Schema);

/// The key that stands for the ccai_qm pair `type` + `item`.
const CCAI_PAIR: &str = "type+item";

/// Applies the detection rules to the top-level entries of one object, as they are read.
#[derive(Debug, Default, Clone)]
pub(crate) struct Detector {
    /// For each schema (in [`Schema::ALL`]'s order), its signal key that sorts first: bounded,
    /// allocation-free, and the same whatever the order of the keys.
    signals: [Option<&'static str>; 5],
    /// The schema of the first signal, which parsing dispatches to.
    first: Option<Schema>,
    /// `Some(documented)` once a string `type` was seen.
    ccai_type: Option<bool>,
    /// The JSON type of `item`, once seen.
    item: Option<JsonType>,
}

/// What the reader must do with a key's value for detection after the schema is chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Watch {
    /// The key cannot signal another schema than the one chosen: read it as usual.
    Nothing,
    /// The key signals whatever its value is: [`Detector::observe`] with no value.
    Key,
    /// The signal depends on the value: read it as a [`Value`] first.
    Value,
}

impl Detector {
    /// Whether the rules look at the value of `key` (other values may be skipped).
    pub(crate) fn needs_value(key: &str) -> bool {
        matches!(key, "eventType" | "type" | "content")
    }

    /// Whether the rules look at the JSON type of the value of `key` (not its content).
    pub(crate) fn needs_type(key: &str) -> bool {
        key == "item"
    }

    /// The schemas `key` can ever signal (empty for a key that is no signal).
    fn possible(key: &str) -> &'static [Schema] {
        const PUSH: &[Schema] = &[Schema::PushV7];
        // By length first: this runs for every top-level key of every payload parsed.
        match (key.len(), key) {
            (4, "type" | "item") => &[Schema::CcaiQm],
            (7, "content") | (8, "pushType") | (11, "agentNumber") | (12, "callUniqueId") | (13, "eventUniqueId") => {
                PUSH
            }
            (9, "accountId" | "callEvent") => PUSH,
            (7, "chat_id") => &[Schema::CcaiChat],
            (9, "eventName") => &[Schema::Csta],
            (9, "eventType") => &[Schema::Csta, Schema::AliyunV2],
            (10, "instanceId") => &[Schema::AliyunV2],
            _ => &[],
        }
    }

    /// What the reader of `schema` must do for detection with the entry of `key`.
    pub(crate) fn watch(key: &str, schema: Schema) -> Watch {
        let possible = Self::possible(key);
        if possible.iter().all(|&s| s == schema) {
            Watch::Nothing
        } else if Self::needs_value(key) {
            Watch::Value
        } else {
            // `item` only matters for its JSON type, which the schema's own reader keeps: the
            // key is enough once it is known whether `type` is one of ccai_qm's.
            Watch::Key
        }
    }

    /// Decides on a key before its value is read, when the key alone is enough: an `item`
    /// after a documented CCAI `type` (so that the item, the bulk of the payload, is read
    /// once, straight into its typed form).
    pub(crate) fn decide_on_key(&mut self, key: &str) -> Option<Schema> {
        if key == "item" && self.ccai_type == Some(true) {
            self.item.get_or_insert(JsonType::Object);
            self.add((CCAI_PAIR, Schema::CcaiQm));
            return Some(Schema::CcaiQm);
        }
        None
    }

    /// Takes one entry; `value` is given for the keys of [`Detector::needs_value`] and
    /// [`Detector::needs_type`]. Returns the first schema signalled, once there is one.
    pub(crate) fn observe(&mut self, key: &str, value: Option<&Value>) -> Option<Schema> {
        self.observe_seen(key, value.and_then(Value::as_str), value)
    }

    /// [`Detector::observe`] for an entry whose value is the string `text`, read without a
    /// `Value` (the discriminators, which the readers take as text).
    pub(crate) fn observe_text(&mut self, key: &str, text: &str) -> Option<Schema> {
        match key {
            // Their rules look at the value's JSON type, which a `Value` carries.
            "content" | "item" => self.observe(key, Some(&Value::String(text.to_owned()))),
            _ => self.observe_seen(key, Some(text), None),
        }
    }

    /// The rules, given the value's text when it is a string and the value itself when read.
    fn observe_seen(&mut self, key: &str, text: Option<&str>, value: Option<&Value>) -> Option<Schema> {
        let found = match key {
            "eventName" => Some(("eventName", Schema::Csta)),
            "pushType" => Some(("pushType", Schema::PushV7)),
            "callUniqueId" => Some(("callUniqueId", Schema::PushV7)),
            "eventUniqueId" => Some(("eventUniqueId", Schema::PushV7)),
            "accountId" => Some(("accountId", Schema::PushV7)),
            "agentNumber" => Some(("agentNumber", Schema::PushV7)),
            "callEvent" => Some(("callEvent", Schema::PushV7)),
            "content" => match value {
                Some(Value::Object(content)) if content.contains_key("callEvent") => Some(("content", Schema::PushV7)),
                _ => None,
            },
            "eventType" => match text {
                Some("agent" | "csta") => Some(("eventType", Schema::Csta)),
                Some(_) => Some(("eventType", Schema::AliyunV2)),
                None => None,
            },
            "instanceId" => Some(("instanceId", Schema::AliyunV2)),
            "chat_id" => Some(("chat_id", Schema::CcaiChat)),
            "type" => {
                if let Some(kind) = text {
                    let documented = kind == "AgentState" || kind == "CallState";
                    // A repeated `type` is an error of its own; any documented one counts.
                    self.ccai_type = Some(documented || self.ccai_type == Some(true));
                }
                self.ccai_pair()
            }
            "item" => {
                self.item = Some(value.map_or(JsonType::Object, JsonType::of));
                self.ccai_pair()
            }
            _ => None,
        };
        if let Some(signal) = found {
            self.add(signal);
        }
        self.decided()
    }

    /// The same as [`Detector::observe`] for an `item` whose JSON type is known without its value.
    pub(crate) fn observe_item_type(&mut self, found: JsonType) -> Option<Schema> {
        self.item = Some(found);
        if let Some(signal) = self.ccai_pair() {
            self.add(signal);
        }
        self.decided()
    }

    fn ccai_pair(&self) -> Option<Signal> {
        (self.ccai_type == Some(true) && self.item.is_some()).then_some((CCAI_PAIR, Schema::CcaiQm))
    }

    fn add(&mut self, signal: Signal) {
        let (key, schema) = signal;
        let slot = &mut self.signals[index(schema)];
        if slot.is_none_or(|kept| key < kept) {
            *slot = Some(key);
        }
        self.first.get_or_insert(schema);
    }

    /// The schema of the first signal.
    pub(crate) fn decided(&self) -> Option<Schema> {
        self.first
    }

    /// Whether the signals name more than one schema.
    pub(crate) fn is_ambiguous(&self) -> bool {
        self.signals.iter().flatten().count() > 1
    }

    /// One signal per schema named (its key that sorts first), in schema order: the same
    /// whatever the key order.
    pub(crate) fn sorted_signals(&self) -> Vec<Signal> {
        Schema::ALL
            .into_iter()
            .zip(self.signals)
            .filter_map(|(schema, key)| key.map(|key| (key, schema)))
            .collect()
    }

    /// The schema once the whole object was read: the signals' (`None` if ambiguous), or
    /// else the ccai_qm shape rule.
    pub(crate) fn finish(&self) -> Option<Schema> {
        if self.is_ambiguous() {
            return None;
        }
        self.decided()
            .or_else(|| (self.ccai_type.is_some() && self.item == Some(JsonType::Object)).then_some(Schema::CcaiQm))
    }
}

/// The position of `schema` in [`Schema::ALL`].
const fn index(schema: Schema) -> usize {
    match schema {
        Schema::AliyunV2 => 0,
        Schema::PushV7 => 1,
        Schema::Csta => 2,
        Schema::CcaiQm => 3,
        Schema::CcaiChat => 4,
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
            let seen = (Detector::needs_value(key) || Detector::needs_type(key)).then_some(value);
            detector.observe(key, seen);
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
        assert_eq!(detect(json!({"type": "CallState", "item": null})), Some(Schema::CcaiQm));
        assert_eq!(detect(json!({"type": "Other", "item": {}})), Some(Schema::CcaiQm));
        assert_eq!(detect(json!({"type": "Other", "item": "x"})), None);
        assert_eq!(detect(json!({"eventType": 3})), None);
        assert_eq!(detect(json!({"hello": 1})), None);
        // Signals of two schemas decide nothing, whatever their order.
        assert_eq!(detect(json!({"pushType": "cdr", "instanceId": "x"})), None);
        assert_eq!(detect(json!({"instanceId": "x", "pushType": "cdr"})), None);
    }

    #[test]
    fn indices_follow_schema_all() {
        for (at, schema) in Schema::ALL.into_iter().enumerate() {
            assert_eq!(index(schema), at);
        }
    }

    #[test]
    fn watch_reads_values_only_where_they_can_name_another_schema() {
        assert_eq!(Detector::watch("eventType", Schema::Csta), Watch::Value);
        assert_eq!(Detector::watch("item", Schema::CcaiQm), Watch::Nothing);
        assert_eq!(Detector::watch("item", Schema::AliyunV2), Watch::Key);
        assert_eq!(Detector::watch("callee", Schema::AliyunV2), Watch::Nothing);
        assert_eq!(Detector::watch("accountId", Schema::PushV7), Watch::Nothing);
        assert_eq!(Detector::watch("accountId", Schema::Csta), Watch::Key);
    }
}
