//! Event enums: the discriminator matched inside the single pass over the object, and the
//! `wire_events!` macro that declares a schema's `Event` and `EventType`.
//!
//! The entries before the discriminator are buffered (usually none: vendors put it first);
//! once it is read, the event's own type is built from the buffer and the rest of the object
//! is read straight into it. No entry is tokenized twice.

use super::object::{EntrySeed, KeySeed};
use super::{JsonType, ObjectDyn, Text, WireObject};
use crate::Schema;
use crate::detect::{Detector, Signal, Watch};
use crate::error::{Error, ErrorKind};
use crate::wire::{Deviation, DeviationKind, JsonPath};
use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::cell::Cell;
use std::fmt;
use std::marker::PhantomData;

/// The entries of an object read before its discriminator, in order.
pub type Buffered = Vec<(Text, Pending)>;

/// The value of a buffered entry: a string as [`Text`] (no allocation for a short one: what
/// comes before a discriminator is mostly ids and codes), anything else as its `Value`.
#[derive(Debug, Clone, PartialEq)]
pub enum Pending {
    /// A string.
    Text(Text),
    /// Any other JSON value.
    Other(Value),
}

impl Pending {
    /// The text, when the value is a string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Pending::Text(text) => Some(text),
            Pending::Other(_) => None,
        }
    }

    /// Whether the value is a JSON object.
    pub fn is_object(&self) -> bool {
        matches!(self, Pending::Other(Value::Object(_)))
    }

    /// The value as a `Value` (for errors and rare paths).
    pub fn to_value(&self) -> Value {
        self.clone().into_value()
    }

    /// The value as a `Value`.
    pub fn into_value(self) -> Value {
        match self {
            Pending::Text(text) => Value::String(text.into_string()),
            Pending::Other(value) => value,
        }
    }

    /// Offers the entry to auto-detection.
    pub(crate) fn observe(&self, detector: &mut Detector, key: &str) -> Option<Schema> {
        match self {
            Pending::Text(text) => detector.observe_text(key, text),
            Pending::Other(value) => detector.observe(key, Some(value)),
        }
    }

    /// Reads the entry into `object`, as if from the payload.
    fn take_into<O: WireObject, E: de::Error>(self, object: &mut O, key: &str) -> Result<(), E> {
        match self {
            Pending::Text(text) => object.take_entry(key, IntoDeserializer::<E>::into_deserializer(text.as_str())),
            Pending::Other(value) => object.take_entry(key, value).map_err(de::Error::custom),
        }
    }
}

impl<'de> Deserialize<'de> for Pending {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(PendingVisitor)
    }
}

struct PendingVisitor;

impl<'de> Visitor<'de> for PendingVisitor {
    type Value = Pending;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_str<E>(self, text: &str) -> Result<Pending, E> {
        Ok(Pending::Text(Text::new(text)))
    }
    fn visit_string<E>(self, text: String) -> Result<Pending, E> {
        Ok(Pending::Text(Text::from(text)))
    }
    fn visit_bool<E>(self, value: bool) -> Result<Pending, E> {
        Ok(Pending::Other(Value::Bool(value)))
    }
    fn visit_i64<E>(self, value: i64) -> Result<Pending, E> {
        Ok(Pending::Other(Value::from(value)))
    }
    fn visit_u64<E>(self, value: u64) -> Result<Pending, E> {
        Ok(Pending::Other(Value::from(value)))
    }
    fn visit_f64<E>(self, value: f64) -> Result<Pending, E> {
        // `Value`'s own rule: a number JSON cannot hold is `null`.
        Ok(Pending::Other(Value::from(value)))
    }
    fn visit_unit<E>(self) -> Result<Pending, E> {
        Ok(Pending::Other(Value::Null))
    }
    fn visit_none<E>(self) -> Result<Pending, E> {
        Ok(Pending::Other(Value::Null))
    }
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Pending, D::Error> {
        Pending::deserialize(deserializer)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Pending, A::Error> {
        Value::deserialize(de::value::SeqAccessDeserializer::new(seq)).map(Pending::Other)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Pending, A::Error> {
        Value::deserialize(de::value::MapAccessDeserializer::new(map)).map(Pending::Other)
    }
}

/// What was read of an object before its event type was known: the buffered entries and,
/// when auto-detection decided on a key alone, that key, whose value is still unread in the
/// map (so that a big value is read straight into its typed field, never buffered).
#[derive(Debug, Default)]
pub struct Prefix {
    /// The entries read, in order.
    pub buffered: Buffered,
    /// A key read whose value comes next in the map.
    pub pending_key: Option<String>,
    /// The discriminator, when it was read before the schema's reader took over (as a
    /// string, not buffered: the common case of a payload that starts with it).
    pub tag: Option<Text>,
}

impl From<Buffered> for Prefix {
    fn from(buffered: Buffered) -> Self {
        Prefix {
            buffered,
            pending_key: None,
            tag: None,
        }
    }
}

/// What `wire_events!` implements for a schema's `Event`.
pub trait EventSchema: Sized {
    /// The schema.
    const SCHEMA: Schema;
    /// The key that names the event type.
    const TAG: &'static str;

    /// Builds the event for the type named `tag` from what was read and the rest of the map.
    /// `tag_sent` says whether the tag was in the payload (it is put back if so).
    fn dispatch<'de, A: MapAccess<'de>>(
        tag: Text,
        tag_sent: bool,
        prefix: Prefix,
        map: A,
        cx: &mut Context<'_>,
    ) -> Result<Self, A::Error>;

    /// The keys whose values [`EventSchema::untagged`] reads: with no discriminator they name
    /// the event type, so one of them sent twice is an error, as a repeated discriminator is.
    const SHAPE_KEYS: &'static [&'static str] = &[];

    /// For an object with no discriminator: the event type its shape shows, if the schema
    /// recognises any (see `untagged:` in `wire_events!`). `None` makes the payload an error.
    fn untagged(entries: &Buffered) -> Option<&'static str> {
        let _ = entries;
        None
    }

    /// The fast reader's [`EventSchema::dispatch`] (see `super::fast`): the event of type
    /// `tag` from the top-level entries read so far and the rest of the object, or `Bail`
    /// (for an event type it does not build: the serde reader reads).
    #[doc(hidden)]
    fn fast_event<'a>(
        tag: &str,
        read: &mut super::fast::Read<'a, '_>,
        lex: &mut super::fast::Lexer<'a>,
    ) -> super::fast::Fast<Self> {
        let _ = (tag, read, lex);
        Err(super::fast::Bail)
    }

    /// The event's object, or `None` for an unknown event type.
    fn object(&self) -> Option<&dyn ObjectDyn>;

    /// The text of the discriminator, as sent.
    fn event_type_text(&self) -> Option<&str>;
}

/// What the reader of one event carries besides the map: where a failure is recorded, and,
/// under auto-detection, the detector that goes on watching for keys of another schema.
pub struct Context<'f> {
    pub(crate) failure: Option<&'f Cell<Option<Failure>>>,
    pub(crate) detector: Option<Detector>,
}

impl<'f> Context<'f> {
    /// A context for one schema's own parser (no auto-detection).
    pub(crate) fn new(failure: Option<&'f Cell<Option<Failure>>>) -> Self {
        Context {
            failure,
            detector: None,
        }
    }
}

/// The top-level keys after the discriminator: a second discriminator, or (under
/// auto-detection) a key of another schema, ends the read with an error; every other entry
/// goes to `take` (with its value when the watch had to read it).
fn read_top<'de, A: MapAccess<'de>>(
    map: &mut A,
    tag_key: &'static str,
    schema: Schema,
    first_tag: Option<&str>,
    cx: &mut Context<'_>,
    mut take: impl FnMut(&mut A, &str, Option<Pending>) -> Result<(), A::Error>,
) -> Result<(), A::Error> {
    while let Some(key) = map.next_key_seed(KeySeed)? {
        if key == tag_key {
            let again = map.next_value::<Value>()?;
            let mut values: Vec<Value> = first_tag.map(|tag| Value::String(tag.to_owned())).into_iter().collect();
            values.push(again);
            return Err(drain_and_judge(map, tag_key, values, cx));
        }
        if let Some(detector) = cx.detector.as_mut() {
            match Detector::watch(&key, schema) {
                Watch::Nothing => {}
                Watch::Key => {
                    detector.observe(&key, None);
                    if detector.is_ambiguous() {
                        map.next_value::<IgnoredAny>()?;
                        return Err(drain_and_judge(map, tag_key, tag_values(first_tag), cx));
                    }
                }
                Watch::Value => {
                    let value = map.next_value::<Pending>()?;
                    value.observe(detector, &key);
                    if detector.is_ambiguous() {
                        return Err(drain_and_judge(map, tag_key, tag_values(first_tag), cx));
                    }
                    take(map, &key, Some(value))?;
                    continue;
                }
            }
        }
        take(map, &key, None)?;
    }
    Ok(())
}

fn tag_values(first: Option<&str>) -> Vec<Value> {
    first.map(|tag| Value::String(tag.to_owned())).into_iter().collect()
}

/// After a repeated discriminator or signals of two schemas: reads the rest of the object
/// (its values skipped where the rules do not look at them) so that the error is the same
/// whatever the order of the keys, then records it. Signals of two schemas come first: the
/// discriminator is only a discriminator once the schema is known.
fn drain_and_judge<'de, A: MapAccess<'de>>(
    map: &mut A,
    tag_key: &'static str,
    mut values: Vec<Value>,
    cx: &mut Context<'_>,
) -> A::Error {
    let drained = (|| -> Result<(), A::Error> {
        while let Some(key) = map.next_key_seed(KeySeed)? {
            if key == tag_key || (cx.detector.is_some() && Detector::needs_value(&key)) {
                let value = map.next_value::<Value>()?;
                if let Some(detector) = cx.detector.as_mut() {
                    detector.observe(&key, Some(&value));
                }
                if key == tag_key {
                    values.push(value);
                }
            } else {
                map.next_value::<IgnoredAny>()?;
                if let Some(detector) = cx.detector.as_mut() {
                    detector.observe(&key, None);
                }
            }
        }
        Ok(())
    })();
    if let Err(error) = drained {
        // The rest is not JSON: that is the error to report.
        return error;
    }
    let failure = match cx.detector.as_ref() {
        Some(detector) if detector.is_ambiguous() => Failure::AmbiguousSchema(detector.sorted_signals()),
        _ => Failure::DuplicateTag { key: tag_key, values },
    };
    record(cx.failure, tag_key, failure)
}

/// Builds a known event type: replays the buffered entries, puts back the tag, reads the rest.
pub fn finish_object<'de, T: WireObject, A: MapAccess<'de>>(
    tag_key: &'static str,
    schema: Schema,
    tag: Option<Text>,
    prefix: Prefix,
    mut map: A,
    cx: &mut Context<'_>,
) -> Result<T, A::Error> {
    let mut object = T::default();
    for (key, value) in prefix.buffered {
        value.take_into::<T, A::Error>(&mut object, &key)?;
    }
    if let Some(tag) = &tag {
        object.take_entry(tag_key, IntoDeserializer::<A::Error>::into_deserializer(tag.as_str()))?;
    }
    if let Some(key) = prefix.pending_key {
        map.next_value_seed(EntrySeed {
            object: &mut object,
            key: &key,
        })?;
    }
    read_top(
        &mut map,
        tag_key,
        schema,
        tag.as_deref(),
        cx,
        |map, key, value| match value {
            Some(value) => value.take_into::<T, A::Error>(&mut object, key),
            None => map.next_value_seed(EntrySeed {
                object: &mut object,
                key,
            }),
        },
    )?;
    Ok(object)
}

/// Builds an unknown event type: the whole object, as sent.
pub fn finish_unknown<'de, A: MapAccess<'de>>(
    tag_key: &'static str,
    schema: Schema,
    tag: Option<Text>,
    prefix: Prefix,
    mut map: A,
    cx: &mut Context<'_>,
) -> Result<Map<String, Value>, A::Error> {
    let mut object: Map<String, Value> = prefix
        .buffered
        .into_iter()
        .map(|(key, value)| (key.into_string(), value.into_value()))
        .collect();
    if let Some(tag) = &tag {
        object.insert(tag_key.to_owned(), Value::String(tag.to_string()));
    }
    if let Some(key) = prefix.pending_key {
        let value = map.next_value::<Value>()?;
        object.insert(key, value);
    }
    read_top(&mut map, tag_key, schema, tag.as_deref(), cx, |map, key, value| {
        let value = match value {
            Some(value) => value.into_value(),
            None => map.next_value::<Value>()?,
        };
        object.insert(key.to_owned(), value);
        Ok(())
    })?;
    Ok(object)
}

/// Why a payload could not be dispatched, for [`ErrorKind`] (serde's own errors carry text only).
#[derive(Debug)]
pub(crate) enum Failure {
    NotAnObject(JsonType),
    MissingTag(Vec<String>),
    TagNotString(JsonType),
    /// A key that names the event type came more than once: the discriminator, or, when none
    /// was sent, a key the schema's shape rule reads.
    DuplicateTag {
        key: &'static str,
        values: Vec<Value>,
    },
    #[allow(dead_code)] // constructed by auto-detection (`AnyEvent`)
    UnknownSchema(Vec<String>),
    AmbiguousSchema(Vec<Signal>),
    #[allow(dead_code)] // constructed by auto-detection when a schema's feature is off
    SchemaNotEnabled(Schema),
}

/// Deserialises an event of schema `E`, recording why it failed in `failure`.
pub struct EventSeed<'f, E> {
    failure: Option<&'f Cell<Option<Failure>>>,
    event: PhantomData<fn() -> E>,
}

impl<E> EventSeed<'_, E> {
    /// A seed that does not record failures (for plain `Deserialize`).
    pub fn detached() -> Self {
        EventSeed {
            failure: None,
            event: PhantomData,
        }
    }
}

impl<'de, E: EventSchema> DeserializeSeed<'de> for EventSeed<'_, E> {
    type Value = E;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<E, D::Error> {
        deserializer.deserialize_any(self)
    }
}

/// Records `failure` (when a cell is given) and returns serde's text error for it.
pub(crate) fn fail<T, Er: de::Error>(
    cell: Option<&Cell<Option<Failure>>>,
    tag: &str,
    failure: Failure,
) -> Result<T, Er> {
    Err(record(cell, tag, failure))
}

/// Records `failure` (when a cell is given) and gives serde's text error for it.
pub(crate) fn record<Er: de::Error>(cell: Option<&Cell<Option<Failure>>>, tag: &str, failure: Failure) -> Er {
    let message = match &failure {
        Failure::NotAnObject(found) => format!("expected a JSON object, found {found}"),
        Failure::MissingTag(_) => format!("no `{tag}` key"),
        Failure::TagNotString(found) => format!("expected `{tag}` to be a string, found {found}"),
        Failure::DuplicateTag { key, .. } => format!("the key `{key}` comes more than once"),
        Failure::UnknownSchema(_) => "the payload matches no known schema".to_owned(),
        Failure::AmbiguousSchema(_) => "the payload has keys of more than one schema".to_owned(),
        Failure::SchemaNotEnabled(schema) => format!("schema {schema} is not enabled in this build"),
    };
    if let Some(cell) = cell {
        cell.set(Some(failure));
    }
    Er::custom(message)
}

/// Reads an event of schema `E` from an object of which the entries in `prefix` have
/// already been read (by auto-detection; empty otherwise): dispatches on the discriminator as
/// soon as it is seen, buffering only the entries before it.
pub(crate) fn resume<'de, E: EventSchema, A: MapAccess<'de>>(
    prefix: Prefix,
    mut map: A,
    cx: &mut Context<'_>,
) -> Result<E, A::Error> {
    let Prefix {
        mut buffered,
        pending_key,
        tag,
    } = prefix;
    let buffered_tags = buffered.iter().filter(|(key, _)| key == E::TAG).count();
    if buffered_tags + usize::from(tag.is_some()) >= 2 {
        let values = tag
            .iter()
            .map(|tag| Value::String(tag.to_string()))
            .chain(
                buffered
                    .iter()
                    .filter(|(key, _)| key == E::TAG)
                    .map(|(_, value)| value.to_value()),
            )
            .collect();
        if let Some(key) = pending_key {
            skip_pending(&key, &mut map, cx)?;
        }
        return Err(drain_and_judge(&mut map, E::TAG, values, cx));
    }
    if let Some(tag) = tag {
        let prefix = Prefix {
            buffered,
            pending_key,
            tag: None,
        };
        return E::dispatch(tag, true, prefix, map, cx);
    }
    if let Some(index) = buffered.iter().position(|(key, _)| key == E::TAG) {
        // In bounds: `position` found it in this very vector.
        let (_, tag) = buffered.remove(index);
        let prefix = Prefix {
            buffered,
            pending_key,
            tag: None,
        };
        return match tag {
            Pending::Text(tag) => E::dispatch(tag, true, prefix, map, cx),
            Pending::Other(other) => fail(cx.failure, E::TAG, Failure::TagNotString(JsonType::of(&other))),
        };
    }
    let mut next_key = match pending_key {
        Some(key) => Some(Cow::Owned(key)),
        None => map.next_key_seed(KeySeed)?,
    };
    while let Some(key) = next_key {
        if key == E::TAG {
            return match map.next_value::<Pending>()? {
                Pending::Text(tag) => E::dispatch(tag, true, buffered.into(), map, cx),
                Pending::Other(other) => fail(cx.failure, E::TAG, Failure::TagNotString(JsonType::of(&other))),
            };
        }
        let value = map.next_value::<Pending>()?;
        if let Some(detector) = cx.detector.as_mut() {
            value.observe(detector, &key);
            if detector.is_ambiguous() {
                return Err(drain_and_judge(&mut map, E::TAG, Vec::new(), cx));
            }
        }
        buffered.push((Text::from(key), value));
        next_key = map.next_key_seed(KeySeed)?;
    }
    if let Some((key, values)) = repeated_shape_key(&buffered, E::SHAPE_KEYS) {
        return fail(cx.failure, key, Failure::DuplicateTag { key, values });
    }
    match E::untagged(&buffered) {
        Some(kind) => E::dispatch(Text::from(kind), false, buffered.into(), map, cx),
        None => {
            let keys = buffered.into_iter().map(|(key, _)| key.into_string()).collect();
            fail(cx.failure, E::TAG, Failure::MissingTag(keys))
        }
    }
}

/// The first of `keys` that came more than once among `entries`, with its values.
pub(crate) fn repeated_shape_key(entries: &Buffered, keys: &[&'static str]) -> Option<(&'static str, Vec<Value>)> {
    keys.iter().find_map(|&key| {
        let sent = || entries.iter().filter(move |(name, _)| name == key);
        // Counted first: the values are copied only for the error.
        (sent().count() > 1).then(|| (key, sent().map(|(_, value)| value.to_value()).collect()))
    })
}

/// Reads the value of a key auto-detection decided on, when the event is an error anyway.
fn skip_pending<'de, A: MapAccess<'de>>(key: &str, map: &mut A, cx: &mut Context<'_>) -> Result<(), A::Error> {
    let found = map.next_value_seed(TypeOnly)?;
    if let Some(detector) = cx.detector.as_mut() {
        if Detector::needs_type(key) {
            detector.observe_item_type(found);
        }
    }
    Ok(())
}

/// Reads any JSON value, keeping only its type.
pub(crate) struct TypeOnly;

impl<'de> DeserializeSeed<'de> for TypeOnly {
    type Value = JsonType;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<JsonType, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for TypeOnly {
    type Value = JsonType;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<Er>(self, _: bool) -> Result<JsonType, Er> {
        Ok(JsonType::Bool)
    }
    fn visit_i64<Er>(self, _: i64) -> Result<JsonType, Er> {
        Ok(JsonType::Number)
    }
    fn visit_u64<Er>(self, _: u64) -> Result<JsonType, Er> {
        Ok(JsonType::Number)
    }
    fn visit_f64<Er>(self, _: f64) -> Result<JsonType, Er> {
        Ok(JsonType::Number)
    }
    fn visit_str<Er>(self, _: &str) -> Result<JsonType, Er> {
        Ok(JsonType::String)
    }
    fn visit_unit<Er>(self) -> Result<JsonType, Er> {
        Ok(JsonType::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<JsonType, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(JsonType::Array)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<JsonType, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(JsonType::Object)
    }
}

impl<E: EventSchema> EventSeed<'_, E> {
    fn fail<T, Er: de::Error>(&self, failure: Failure) -> Result<T, Er> {
        fail(self.failure, E::TAG, failure)
    }
}

impl<'de, E: EventSchema> Visitor<'de> for EventSeed<'_, E> {
    type Value = E;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a {} event object", E::SCHEMA)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<E, A::Error> {
        resume(Prefix::default(), map, &mut Context::new(self.failure))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, _seq: A) -> Result<E, A::Error> {
        self.fail(Failure::NotAnObject(JsonType::Array))
    }
    fn visit_str<Er: de::Error>(self, _: &str) -> Result<E, Er> {
        self.fail(Failure::NotAnObject(JsonType::String))
    }
    fn visit_bool<Er: de::Error>(self, _: bool) -> Result<E, Er> {
        self.fail(Failure::NotAnObject(JsonType::Bool))
    }
    fn visit_i64<Er: de::Error>(self, _: i64) -> Result<E, Er> {
        self.fail(Failure::NotAnObject(JsonType::Number))
    }
    fn visit_u64<Er: de::Error>(self, _: u64) -> Result<E, Er> {
        self.fail(Failure::NotAnObject(JsonType::Number))
    }
    fn visit_f64<Er: de::Error>(self, _: f64) -> Result<E, Er> {
        self.fail(Failure::NotAnObject(JsonType::Number))
    }
    fn visit_unit<Er: de::Error>(self) -> Result<E, Er> {
        self.fail(Failure::NotAnObject(JsonType::Null))
    }
}

/// Parses one event of schema `E` from UTF-8 bytes (validated once, then read as `&str`,
/// which is markedly faster than reading bytes). One leading byte-order mark is skipped.
pub fn parse_slice<E: EventSchema>(bytes: &[u8]) -> Result<E, Error> {
    let bytes = strip_bom(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => parse_text(text),
        Err(error) => Err(Error::from_utf8(Some(E::SCHEMA), &[E::TAG], bytes, error)),
    }
}

/// A leading UTF-8 byte-order mark, which RFC 8259 lets a parser ignore (some Windows tools
/// write one), is skipped.
pub(crate) fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// Parses one event of schema `E` from text. One leading byte-order mark is skipped.
pub fn parse_str<E: EventSchema>(text: &str) -> Result<E, Error> {
    parse_text(text.strip_prefix('\u{feff}').unwrap_or(text))
}

/// Parses one event of schema `E` from text whose byte-order mark, if any, is gone.
fn parse_text<E: EventSchema>(text: &str) -> Result<E, Error> {
    // The common payload is read by the fast reader; anything else, and every error, by serde.
    if let Ok(event) = super::fast::parse_known::<E>(text) {
        return Ok(event);
    }
    parse_text_serde(text)
}

/// Parses one event of schema `E` with the serde reader alone, the fast reader left out (the
/// definition the fast reader is tested against; slower).
pub fn parse_text_serde<E: EventSchema>(text: &str) -> Result<E, Error> {
    let failure = Cell::new(None);
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let seed = EventSeed::<E> {
        failure: Some(&failure),
        event: PhantomData,
    };
    let result = seed
        .deserialize(&mut deserializer)
        .and_then(|event| deserializer.end().map(|()| event));
    result.map_err(|error| match failure.take() {
        Some(failure) => Error::from_failure(Some(E::SCHEMA), E::TAG, failure),
        None => Error::from_json(Some(E::SCHEMA), &[E::TAG], text.as_bytes(), error),
    })
}

/// The deviations of an event from its documentation.
pub fn deviations<E: EventSchema>(event: &E) -> Vec<Deviation> {
    let mut out = Vec::new();
    match event.object() {
        Some(object) => object.check_dyn(&mut JsonPath::root(), &mut out),
        // A payload without the discriminator (recognised by its shape as no known type)
        // has no `$.tag` to point at: the deviation is the payload's own.
        None => out.push(Deviation::new(
            if event.event_type_text().is_some() {
                JsonPath::key(E::TAG)
            } else {
                JsonPath::root()
            },
            DeviationKind::UndocumentedValue {
                set: "event type",
                value: event.event_type_text().unwrap_or_default().to_owned(),
            },
        )),
    }
    out
}

/// `event` if it has no deviation, else an error naming the first.
pub fn strict<E: EventSchema>(event: E) -> Result<E, Error> {
    let found = deviations(&event);
    if found.is_empty() {
        Ok(event)
    } else {
        Err(Error::new(
            Some(E::SCHEMA),
            event.event_type_text().map(str::to_owned),
            found.first().map(|d| d.path.clone()).unwrap_or_default(),
            ErrorKind::Deviations(found),
        ))
    }
}

/// Plain `Deserialize` for an event enum (no structured failure, as serde gives only text).
pub fn deserialize_event<'de, E: EventSchema, D: Deserializer<'de>>(deserializer: D) -> Result<E, D::Error> {
    EventSeed::<E>::detached().deserialize(deserializer)
}

/// Reads a buffered value through [`Deserialize`], for `untagged` rules that look at values.
pub fn peek<'a, T: Deserialize<'a>>(entries: &'a Buffered, key: &str) -> Option<T> {
    entries
        .iter()
        .rev()
        .find(|(name, _)| name == key)
        .and_then(|(_, value)| match value {
            Pending::Text(text) => {
                T::deserialize(IntoDeserializer::<de::value::Error>::into_deserializer(text.as_str())).ok()
            }
            Pending::Other(value) => T::deserialize(value).ok(),
        })
}

/// Declares a schema's event enum and its event-type enum from one list, so the two can never
/// disagree. Each `Variant(Type) = "wireName"` is one event type. Generates:
/// `enum Event { Variant(Box<Type>), ..., Unknown(Map) }` (`#[non_exhaustive]`; the bodies are
/// boxed so that an event is a few words, whatever the size of its largest type), the open enum
/// `EventType`, and on `Event`: `from_slice`, `from_str`, `from_slice_strict`,
/// `from_str_strict`, `event_type`, `deviations`, `group`, `extra`, plus `Serialize`,
/// `Deserialize` and `FromStr`. An optional `untagged: path, shape_keys: &[..]` names a
/// `fn(&Buffered) -> Option<&'static str>` that picks an event type by shape when the
/// discriminator is absent, and the keys it reads (each refused when repeated).
macro_rules! wire_events {
    (
        schema: $schema:ident,
        tag: $tag:literal,
        $( untagged: $untagged:path, shape_keys: $shape_keys:expr, )?
        $(#[$tmeta:meta])*
        pub enum $tagenum:ident;
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident($ty:ty) = $tagtext:literal ),* $(,)?
        }
    ) => {
        $crate::wire::open_enum! {
            $(#[$tmeta])*
            pub enum $tagenum {
                $( $(#[$vmeta])* $variant = $tagtext, )*
            }
        }

        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$vmeta])* $variant(Box<$ty>), )*
            /// An event type the documentation does not list: the whole object, as sent.
            Unknown(::serde_json::Map<String, ::serde_json::Value>),
        }

        impl $crate::wire::EventSchema for $name {
            const SCHEMA: $crate::Schema = $crate::Schema::$schema;
            const TAG: &'static str = $tag;

            fn dispatch<'de, A: ::serde::de::MapAccess<'de>>(
                tag: $crate::wire::Text,
                tag_sent: bool,
                prefix: $crate::wire::Prefix,
                map: A,
                cx: &mut $crate::wire::Context<'_>,
            ) -> Result<Self, A::Error> {
                let tag_back = |tag: $crate::wire::Text| if tag_sent { Some(tag) } else { None };
                let schema = $crate::Schema::$schema;
                Ok(match tag.as_str() {
                    $( $tagtext => $name::$variant(
                        $crate::wire::finish_object::<Box<$ty>, A>($tag, schema, tag_back(tag), prefix, map, cx)?,
                    ), )*
                    _ => $name::Unknown($crate::wire::finish_unknown::<A>($tag, schema, tag_back(tag), prefix, map, cx)?),
                })
            }

            fn fast_event<'a>(
                tag: &str,
                read: &mut $crate::wire::fast::Read<'a, '_>,
                lex: &mut $crate::wire::fast::Lexer<'a>,
            ) -> $crate::wire::fast::Fast<Self> {
                match tag {
                    $( $tagtext => Ok($name::$variant($crate::wire::fast::finish::<Box<$ty>>(read, lex)?)), )*
                    _ => Ok($name::Unknown($crate::wire::fast::finish_unknown(read, lex)?)),
                }
            }

            $( const SHAPE_KEYS: &'static [&'static str] = $shape_keys; )?

            $(
                fn untagged(entries: &$crate::wire::Buffered) -> Option<&'static str> {
                    $untagged(entries)
                }
            )?

            fn object(&self) -> Option<&dyn $crate::wire::ObjectDyn> {
                match self {
                    $( $name::$variant(event) => Some(event), )*
                    $name::Unknown(_) => None,
                }
            }

            fn event_type_text(&self) -> Option<&str> {
                match self {
                    $( $name::$variant(_) => Some($tagtext), )*
                    $name::Unknown(object) => object.get($tag).and_then(::serde_json::Value::as_str),
                }
            }
        }

        impl $name {
            /// Parses one event from UTF-8 bytes. Fails only when the bytes are not one JSON
            /// object or name no event type; every other oddity is kept (see `deviations`).
            pub fn from_slice(bytes: &[u8]) -> Result<Self, $crate::Error> {
                $crate::wire::parse_slice(bytes)
            }

            /// Parses one event from text (see `from_slice`).
            #[allow(clippy::should_implement_trait)]
            pub fn from_str(text: &str) -> Result<Self, $crate::Error> {
                $crate::wire::parse_str(text)
            }

            /// Parses one event and fails on any deviation from the documentation.
            pub fn from_slice_strict(bytes: &[u8]) -> Result<Self, $crate::Error> {
                $crate::wire::strict(Self::from_slice(bytes)?)
            }

            /// Parses one event from text and fails on any deviation from the documentation.
            pub fn from_str_strict(text: &str) -> Result<Self, $crate::Error> {
                $crate::wire::strict(Self::from_str(text)?)
            }

            /// The event type (for `Unknown`, the text as sent).
            pub fn event_type(&self) -> $tagenum {
                match self {
                    $( $name::$variant(_) => $tagenum::$variant, )*
                    $name::Unknown(object) => $tagenum::from(
                        object.get($tag).and_then(::serde_json::Value::as_str).unwrap_or_default(),
                    ),
                }
            }

            /// How this event departs from the vendor documentation (empty when it does not).
            pub fn deviations(&self) -> Vec<$crate::wire::Deviation> {
                $crate::wire::deviations(self)
            }

            /// The field group `G` of this event, if its type has one.
            pub fn group<G: ::std::any::Any>(&self) -> Option<&G> {
                $crate::wire::EventSchema::object(self)?
                    .group_dyn(::std::any::TypeId::of::<G>())?
                    .downcast_ref()
            }

            /// The top-level keys the documentation does not name (`None` for `Unknown`, whose
            /// whole object is kept as sent).
            pub fn extra(&self) -> Option<&::serde_json::Map<String, ::serde_json::Value>> {
                $crate::wire::EventSchema::object(self).map(|object| object.extra_dyn())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    $( $name::$variant(event) => ::serde::Serialize::serialize(event, serializer), )*
                    $name::Unknown(object) => ::serde::Serialize::serialize(object, serializer),
                }
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $crate::wire::deserialize_event(deserializer)
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::Error;
            fn from_str(text: &str) -> Result<Self, $crate::Error> {
                $crate::wire::parse_str(text)
            }
        }
    };
}
pub(crate) use wire_events;
