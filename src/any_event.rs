//! [`AnyEvent`]: an event of any schema, found by auto-detection ([`crate::parse`]).

#[cfg(feature = "aliyun_v2")]
use crate::aliyun_v2;
#[cfg(feature = "ccai_qm")]
use crate::ccai_qm;
use crate::common::{CommonEvent, ConvertOptions};
#[cfg(feature = "csta")]
use crate::csta;
use crate::detect::Detector;
#[cfg(feature = "push_v7")]
use crate::push_v7;
use crate::wire::dispatch::{Context, Failure, TypeOnly, fail, resume, strip_bom};
use crate::wire::fast;
use crate::wire::{Buffered, Deviation, EventSchema, KeySeed, Pending, Prefix, Text};
use crate::{Error, Schema};
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use serde_json::Value;
use std::cell::Cell;
use std::fmt;

/// An event of any of the crate's schemas. Serialises to the original payload alone (no
/// wrapper), so `serde_json::to_value(&cc_events::parse(p)?)` equals the payload's value.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum AnyEvent {
    /// An Alibaba Cloud Call Center 2.0 event.
    #[cfg(feature = "aliyun_v2")]
    AliyunV2(aliyun_v2::Event),
    /// A 7moor V7 push.
    #[cfg(feature = "push_v7")]
    PushV7(push_v7::Event),
    /// A CSTA JSON feed event.
    #[cfg(feature = "csta")]
    Csta(csta::Event),
    /// A Google CCAI Platform QM call-session event.
    #[cfg(feature = "ccai_qm")]
    CcaiQm(ccai_qm::Event),
    /// A Google CCAI Platform QM chat-session event.
    #[cfg(feature = "ccai_qm")]
    CcaiChat(ccai_qm::chat::ChatEvent),
}

impl AnyEvent {
    /// Detects the schema and parses (see [`crate::parse`]). One leading byte-order mark is
    /// skipped.
    pub fn from_slice(bytes: &[u8]) -> Result<Self, Error> {
        let bytes = strip_bom(bytes);
        match std::str::from_utf8(bytes) {
            Ok(text) => Self::from_text(text),
            Err(error) => Err(Self::not_utf8(bytes, error)),
        }
    }

    /// The error of a payload that is not UTF-8, naming the schema its keys show. Detection
    /// never ran on it, so it runs here, on a copy with each bad sequence replaced by U+FFFD
    /// (the error path only): the error names the schema and event type a valid payload's
    /// error would, not the crate.
    #[cold]
    fn not_utf8(bytes: &[u8], error: std::str::Utf8Error) -> Error {
        let lossy = String::from_utf8_lossy(bytes);
        let schema = match Self::from_str_serde(&lossy) {
            Ok(event) => Some(event.schema()),
            Err(other) => other.schema(),
        };
        match schema {
            Some(schema) => Error::from_utf8(Some(schema), &[tag_of(schema)], bytes, error),
            None => Error::from_utf8(None, &parse_error_tags(), bytes, error),
        }
    }

    /// Detects the schema and parses text (see [`crate::parse`]). One leading byte-order
    /// mark is skipped.
    #[allow(clippy::should_implement_trait)]
    pub fn from_str(text: &str) -> Result<Self, Error> {
        Self::from_text(text.strip_prefix('\u{feff}').unwrap_or(text))
    }

    fn from_text(text: &str) -> Result<Self, Error> {
        // The common payload is read by the fast reader; anything else, and every error, by serde.
        if let Some(event) = Self::from_str_fast(text) {
            return Ok(event);
        }
        Self::from_str_serde(text)
    }

    /// The event at the start of `text` (after white space) by the fast reader, and where its
    /// object ends, when only white space follows it; `None` where the serde reader must read.
    pub(crate) fn fast_document(text: &str) -> Option<(Self, usize)> {
        Self::fast_leading_document(text).filter(|&(_, end)| fast::white_space_from(text, end))
    }

    /// The event at the start of `text` (after white space) by the fast reader, and where its
    /// object ends, whatever follows it: the streaming reader's first document of a window
    /// (serde's stream reader takes an object without looking past its closing brace, so
    /// both give the same event and end). `None` where the serde reader must read.
    pub(crate) fn fast_leading_document(text: &str) -> Option<(Self, usize)> {
        fast::parse_detected(text, tag_of, fast_event).ok()
    }

    /// [`AnyEvent::from_str`] with the fast reader alone, no byte-order mark skipped: `None`
    /// where it leaves the payload to the serde reader (for the tests that compare the two).
    #[doc(hidden)]
    pub fn from_str_fast(text: &str) -> Option<Self> {
        Self::fast_document(text).map(|(event, _)| event)
    }

    /// [`AnyEvent::from_str`] with the serde reader alone, no byte-order mark skipped: the
    /// definition the fast reader is tested against (not for use: it is slower).
    #[doc(hidden)]
    pub fn from_str_serde(text: &str) -> Result<Self, Error> {
        let failure = Cell::new(None);
        let detected = Cell::new(None);
        let mut deserializer = serde_json::Deserializer::from_str(text);
        let seed = AnySeed {
            failure: Some(&failure),
            detected: &detected,
        };
        let result = seed
            .deserialize(&mut deserializer)
            .and_then(|event| deserializer.end().map(|()| event));
        result.map_err(|error| match (failure.take(), detected.get()) {
            (Some(Failure::UnknownSchema(keys)), _) => Error::unknown_schema(keys),
            (Some(failure @ Failure::AmbiguousSchema(_)), _) => Error::from_failure(None, "", failure),
            (Some(failure), schema) => Error::from_failure(schema, schema.map_or("", tag_of), failure),
            // Once the schema is known, only its discriminator names the event type.
            (None, Some(schema)) => Error::from_json(Some(schema), &[tag_of(schema)], text.as_bytes(), error),
            (None, None) => Error::from_json(None, &parse_error_tags(), text.as_bytes(), error),
        })
    }

    /// The schema of the event.
    pub fn schema(&self) -> Schema {
        match self {
            #[cfg(feature = "aliyun_v2")]
            AnyEvent::AliyunV2(_) => Schema::AliyunV2,
            #[cfg(feature = "push_v7")]
            AnyEvent::PushV7(_) => Schema::PushV7,
            #[cfg(feature = "csta")]
            AnyEvent::Csta(_) => Schema::Csta,
            #[cfg(feature = "ccai_qm")]
            AnyEvent::CcaiQm(_) => Schema::CcaiQm,
            #[cfg(feature = "ccai_qm")]
            AnyEvent::CcaiChat(_) => Schema::CcaiChat,
        }
    }

    /// The vendor's event type, as sent (the schema's discriminator; for a push_v7 payload
    /// recognised by its shape, the name of the kind it was read as).
    pub fn event_type(&self) -> Option<&str> {
        match self {
            #[cfg(feature = "aliyun_v2")]
            AnyEvent::AliyunV2(event) => event.event_type_text(),
            #[cfg(feature = "push_v7")]
            AnyEvent::PushV7(event) => event.event_type_text(),
            #[cfg(feature = "csta")]
            AnyEvent::Csta(event) => event.event_type_text(),
            #[cfg(feature = "ccai_qm")]
            AnyEvent::CcaiQm(event) => event.event_type_text(),
            #[cfg(feature = "ccai_qm")]
            AnyEvent::CcaiChat(event) => event.event_type_text(),
        }
    }

    /// How the event departs from its vendor's documentation.
    pub fn deviations(&self) -> Vec<Deviation> {
        match self {
            #[cfg(feature = "aliyun_v2")]
            AnyEvent::AliyunV2(event) => event.deviations(),
            #[cfg(feature = "push_v7")]
            AnyEvent::PushV7(event) => event.deviations(),
            #[cfg(feature = "csta")]
            AnyEvent::Csta(event) => event.deviations(),
            #[cfg(feature = "ccai_qm")]
            AnyEvent::CcaiQm(event) => event.deviations(),
            #[cfg(feature = "ccai_qm")]
            AnyEvent::CcaiChat(event) => event.deviations(),
        }
    }

    /// The event in the common vocabulary. Never fails.
    pub fn to_common(&self, options: &ConvertOptions) -> CommonEvent {
        match self {
            #[cfg(feature = "aliyun_v2")]
            AnyEvent::AliyunV2(event) => event.to_common(options),
            #[cfg(feature = "push_v7")]
            AnyEvent::PushV7(event) => event.to_common(options),
            #[cfg(feature = "csta")]
            AnyEvent::Csta(event) => event.to_common(options),
            #[cfg(feature = "ccai_qm")]
            AnyEvent::CcaiQm(event) => event.to_common(options),
            #[cfg(feature = "ccai_qm")]
            AnyEvent::CcaiChat(event) => event.to_common(options),
        }
    }
}

impl Serialize for AnyEvent {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            #[cfg(feature = "aliyun_v2")]
            AnyEvent::AliyunV2(event) => event.serialize(serializer),
            #[cfg(feature = "push_v7")]
            AnyEvent::PushV7(event) => event.serialize(serializer),
            #[cfg(feature = "csta")]
            AnyEvent::Csta(event) => event.serialize(serializer),
            #[cfg(feature = "ccai_qm")]
            AnyEvent::CcaiQm(event) => event.serialize(serializer),
            #[cfg(feature = "ccai_qm")]
            AnyEvent::CcaiChat(event) => event.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for AnyEvent {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let detected = Cell::new(None);
        AnySeed {
            failure: None,
            detected: &detected,
        }
        .deserialize(deserializer)
    }
}

impl std::str::FromStr for AnyEvent {
    type Err = Error;
    fn from_str(text: &str) -> Result<Self, Error> {
        AnyEvent::from_str(text)
    }
}

/// The discriminator keys of every schema, for locating errors.
fn parse_error_tags() -> [&'static str; 5] {
    Schema::ALL.map(tag_of)
}

/// The schema-wide discriminator key `key` is, if it is one (`eventType`, `pushType`, ...).
fn discriminator(key: &str) -> Option<&'static str> {
    Schema::ALL.into_iter().map(tag_of).find(|tag| *tag == key)
}

/// The discriminator key of `schema`, whether or not its feature is enabled (a test checks
/// these against each schema's own `TAG`).
pub(crate) fn tag_of(schema: Schema) -> &'static str {
    match schema {
        Schema::AliyunV2 => "eventType",
        Schema::PushV7 => "pushType",
        Schema::Csta => "eventName",
        Schema::CcaiQm => "type",
        Schema::CcaiChat => "state",
    }
}

/// The fast reader's dispatch to the detected schema (see `crate::wire::fast`).
fn fast_event<'a>(
    schema: Schema,
    tag: Option<&str>,
    read: &mut fast::Read<'a, '_>,
    lex: &mut fast::Lexer<'a>,
) -> fast::Fast<AnyEvent> {
    let _ = (tag, &read, &lex);
    Ok(match schema {
        #[cfg(feature = "aliyun_v2")]
        Schema::AliyunV2 => AnyEvent::AliyunV2(fast::event(tag, read, lex)?),
        #[cfg(feature = "push_v7")]
        Schema::PushV7 => AnyEvent::PushV7(fast::event(tag, read, lex)?),
        #[cfg(feature = "csta")]
        Schema::Csta => AnyEvent::Csta(fast::event(tag, read, lex)?),
        #[cfg(feature = "ccai_qm")]
        Schema::CcaiQm => AnyEvent::CcaiQm(fast::event(tag, read, lex)?),
        #[cfg(feature = "ccai_qm")]
        Schema::CcaiChat => AnyEvent::CcaiChat(fast::event(tag, read, lex)?),
        // The schemas this build does not read: the serde reader's (its error).
        #[allow(unreachable_patterns)]
        _ => return Err(fast::Bail),
    })
}

struct AnySeed<'f> {
    failure: Option<&'f Cell<Option<Failure>>>,
    detected: &'f Cell<Option<Schema>>,
}

impl AnySeed<'_> {
    fn dispatch<'de, A: MapAccess<'de>>(
        &self,
        schema: Schema,
        detector: Detector,
        prefix: Prefix,
        map: A,
    ) -> Result<AnyEvent, A::Error> {
        self.detected.set(Some(schema));
        let cx = &mut Context {
            failure: self.failure,
            detector: Some(detector),
        };
        Ok(match schema {
            #[cfg(feature = "aliyun_v2")]
            Schema::AliyunV2 => AnyEvent::AliyunV2(resume(prefix, map, cx)?),
            #[cfg(feature = "push_v7")]
            Schema::PushV7 => AnyEvent::PushV7(resume(prefix, map, cx)?),
            #[cfg(feature = "csta")]
            Schema::Csta => AnyEvent::Csta(resume(prefix, map, cx)?),
            #[cfg(feature = "ccai_qm")]
            Schema::CcaiQm => AnyEvent::CcaiQm(resume(prefix, map, cx)?),
            #[cfg(feature = "ccai_qm")]
            Schema::CcaiChat => AnyEvent::CcaiChat(resume(prefix, map, cx)?),
            // Detection names it, but this build does not read it.
            #[allow(unreachable_patterns)]
            schema => return fail(self.failure, "", Failure::SchemaNotEnabled(schema)),
        })
    }

    fn not_an_object<T, E: de::Error>(&self, found: crate::wire::JsonType) -> Result<T, E> {
        fail(self.failure, "", Failure::NotAnObject(found))
    }
}

impl<'de> DeserializeSeed<'de> for AnySeed<'_> {
    type Value = AnyEvent;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<AnyEvent, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for AnySeed<'_> {
    type Value = AnyEvent;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a contact-center event object")
    }

    // One pass: entries are buffered only until a detection rule decides (usually at the
    // first or second key), then the schema's own visitor takes over the same map.
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<AnyEvent, A::Error> {
        let mut detector = Detector::default();
        let mut buffered = Buffered::new();
        while let Some(key) = map.next_key_seed(KeySeed)? {
            if let Some(schema) = detector.decide_on_key(&key) {
                let prefix = Prefix {
                    buffered,
                    pending_key: Some(key.into_owned()),
                    tag: None,
                };
                return self.dispatch(schema, detector, prefix, map);
            }
            let value = map.next_value::<Pending>()?;
            let decided = value.observe(&mut detector, &key);
            match (decided, value) {
                // A discriminator that decides its own schema (vendors put it first): handed
                // over as the tag, with nothing buffered.
                (Some(schema), Pending::Text(tag)) if tag_of(schema) == key => {
                    let prefix = Prefix {
                        buffered,
                        pending_key: None,
                        tag: Some(tag),
                    };
                    return self.dispatch(schema, detector, prefix, map);
                }
                (decided, value) => {
                    buffered.push((Text::from(key), value));
                    if let Some(schema) = decided {
                        return self.dispatch(schema, detector, buffered.into(), map);
                    }
                }
            }
        }
        match detector.finish() {
            Some(schema) => self.dispatch(schema, detector, buffered.into(), map),
            None => {
                let keys = buffered.into_iter().map(|(key, _)| key.into_string()).collect();
                fail(self.failure, "", Failure::UnknownSchema(keys))
            }
        }
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, _: A) -> Result<AnyEvent, A::Error> {
        self.not_an_object(crate::wire::JsonType::Array)
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<AnyEvent, E> {
        self.not_an_object(crate::wire::JsonType::String)
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<AnyEvent, E> {
        self.not_an_object(crate::wire::JsonType::Bool)
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<AnyEvent, E> {
        self.not_an_object(crate::wire::JsonType::Number)
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<AnyEvent, E> {
        self.not_an_object(crate::wire::JsonType::Number)
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<AnyEvent, E> {
        self.not_an_object(crate::wire::JsonType::Number)
    }
    fn visit_unit<E: de::Error>(self) -> Result<AnyEvent, E> {
        self.not_an_object(crate::wire::JsonType::Null)
    }
}

/// Which schema a payload belongs to, without parsing it: one pass over the top-level keys,
/// skipping the values the rules do not look at (see [`crate::detect_schema`]). Gives the
/// same errors as [`crate::parse`] for what detection decides: no schema, signals of two
/// schemas, a repeated discriminator.
pub(crate) fn detect_schema(bytes: &[u8]) -> Result<Schema, Error> {
    let bytes = strip_bom(bytes);
    let failure = Cell::new(None);
    let detected = Cell::new(None);
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let result = DetectOnly {
        failure: &failure,
        detected: &detected,
    }
    .deserialize(&mut deserializer)
    .and_then(|schema| deserializer.end().map(|()| schema));
    result.map_err(|error| match (failure.take(), detected.get()) {
        (Some(Failure::UnknownSchema(keys)), _) => Error::unknown_schema(keys),
        (Some(failure @ Failure::DuplicateTag { .. }), Some(schema)) => {
            Error::from_failure(Some(schema), tag_of(schema), failure)
        }
        (Some(failure), _) => Error::from_failure(None, "", failure),
        (None, _) => Error::from_json(None, &parse_error_tags(), bytes, error),
    })
}

struct DetectOnly<'f> {
    failure: &'f Cell<Option<Failure>>,
    detected: &'f Cell<Option<Schema>>,
}

impl<'de> DeserializeSeed<'de> for DetectOnly<'_> {
    type Value = Schema;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Schema, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for DetectOnly<'_> {
    type Value = Schema;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a contact-center event object")
    }

    // Every key is read (values skipped unless a rule looks at them): what detection
    // decides depends on all of them, never on their order.
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Schema, A::Error> {
        let mut detector = Detector::default();
        let mut keys = Vec::new();
        // The values of every schema's discriminator, to find a repeated one.
        let mut tags: Vec<(&'static str, Value)> = Vec::new();
        while let Some(key) = map.next_key_seed(KeySeed)? {
            let tag = discriminator(&key);
            if Detector::needs_value(&key) || tag.is_some() {
                let value: Value = map.next_value()?;
                detector.observe(&key, Some(&value));
                if let Some(tag) = tag {
                    tags.push((tag, value));
                }
            } else if Detector::needs_type(&key) {
                let found = map.next_value_seed(TypeOnly)?;
                detector.observe_item_type(found);
            } else {
                map.next_value::<IgnoredAny>()?;
                detector.observe(&key, None);
            }
            keys.push(key.into_owned());
        }
        if detector.is_ambiguous() {
            return fail(
                Some(self.failure),
                "",
                Failure::AmbiguousSchema(detector.sorted_signals()),
            );
        }
        let Some(schema) = detector.finish() else {
            return fail(Some(self.failure), "", Failure::UnknownSchema(keys));
        };
        self.detected.set(Some(schema));
        let tag = tag_of(schema);
        let values: Vec<Value> = tags
            .into_iter()
            .filter(|(key, _)| *key == tag)
            .map(|(_, value)| value)
            .collect();
        if values.len() > 1 {
            return fail(Some(self.failure), tag, Failure::DuplicateTag { key: tag, values });
        }
        Ok(schema)
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, _: A) -> Result<Schema, A::Error> {
        fail(
            Some(self.failure),
            "",
            Failure::NotAnObject(crate::wire::JsonType::Array),
        )
    }
}

#[cfg(test)]
mod tests {
    #[allow(unused_imports)]
    use super::*;

    #[test]
    fn the_tags_are_the_schemas_own() {
        #[cfg(feature = "aliyun_v2")]
        assert_eq!(tag_of(Schema::AliyunV2), <aliyun_v2::Event as EventSchema>::TAG);
        #[cfg(feature = "push_v7")]
        assert_eq!(tag_of(Schema::PushV7), <push_v7::Event as EventSchema>::TAG);
        #[cfg(feature = "csta")]
        assert_eq!(tag_of(Schema::Csta), <csta::Event as EventSchema>::TAG);
        #[cfg(feature = "ccai_qm")]
        assert_eq!(tag_of(Schema::CcaiQm), <ccai_qm::Event as EventSchema>::TAG);
        #[cfg(feature = "ccai_qm")]
        assert_eq!(tag_of(Schema::CcaiChat), <ccai_qm::chat::ChatEvent as EventSchema>::TAG);
    }

    /// Detection is the same in every build; a schema whose feature is off is named, not read.
    #[test]
    fn a_schema_left_out_of_the_build_is_named_in_the_error() {
        let payloads = [
            (Schema::AliyunV2, &br#"{"eventType":"Held","instanceId":"i"}"#[..]),
            (Schema::PushV7, br#"{"pushType":"login","agentNumber":"8000"}"#),
            (Schema::Csta, br#"{"eventName":"held","eventType":"csta"}"#),
            (Schema::CcaiQm, br#"{"type":"CallState","item":{}}"#),
            (Schema::CcaiChat, br#"{"chat_id":1,"state":"waiting"}"#),
        ];
        for (schema, bytes) in payloads {
            assert_eq!(detect_schema(bytes).ok(), Some(schema));
            match AnyEvent::from_slice(bytes) {
                Ok(event) => assert!(schema.is_enabled() && event.schema() == schema),
                Err(error) => {
                    assert!(!schema.is_enabled(), "{error}");
                    assert!(matches!(error.kind(), crate::ErrorKind::SchemaNotEnabled { schema: s } if *s == schema));
                    assert_eq!(error.schema(), Some(schema));
                }
            }
        }
    }
}
