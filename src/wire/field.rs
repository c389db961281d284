//! [`Field`]: a documented field that may be absent, `null`, a value, or something unexpected.

use super::fast::{Fast, Lexer};
use super::value::unexpected;
use super::{Deviation, DeviationKind, JsonPath, WireValue};
use serde::de::{Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use serde_json::{Number, Value};
use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

/// A documented field, in the four states a sender can put it in. Each comes back on
/// serialisation exactly as it came: an absent field stays absent, `null` stays `null`.
///
/// ```
/// use cc_events::wire::Field;
/// let field: Field<String> = serde_json::from_str("42").unwrap();
/// assert_eq!(field.get(), None); // documented as a string, sent as a number...
/// assert_eq!(field.unexpected(), Some(&serde_json::json!(42))); // ...and kept whole
/// assert_eq!(serde_json::to_string(&field).unwrap(), "42");
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Field<T> {
    /// The key was not in the payload.
    #[default]
    Absent,
    /// The key was there with `null`.
    Null,
    /// The key was there with a value of the documented form.
    Value(T),
    /// The key was there with a value of another JSON type than documented, kept whole.
    Unexpected(Value),
}

impl<T> Field<T> {
    /// The typed value, if the field holds one.
    pub fn get(&self) -> Option<&T> {
        match self {
            Field::Value(value) => Some(value),
            _ => None,
        }
    }

    /// The typed value, by value.
    pub fn into_value(self) -> Option<T> {
        match self {
            Field::Value(value) => Some(value),
            _ => None,
        }
    }

    /// The raw JSON, when the field held a value of an unexpected type.
    pub fn unexpected(&self) -> Option<&Value> {
        match self {
            Field::Unexpected(value) => Some(value),
            _ => None,
        }
    }

    /// Whether the key was absent from the payload.
    pub fn is_absent(&self) -> bool {
        matches!(self, Field::Absent)
    }

    /// Whether the key was there with `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Field::Null)
    }

    /// Whether the key was in the payload (with any value, `null` included).
    pub fn is_present(&self) -> bool {
        !self.is_absent()
    }

    /// A field borrowing this one's value.
    pub fn as_ref(&self) -> Field<&T> {
        match self {
            Field::Absent => Field::Absent,
            Field::Null => Field::Null,
            Field::Value(value) => Field::Value(value),
            Field::Unexpected(value) => Field::Unexpected(value.clone()),
        }
    }
}

impl Field<super::Text> {
    /// The text, if the field holds a string.
    pub fn as_str(&self) -> Option<&str> {
        self.get().map(super::Text::as_str)
    }

    /// The text, if the field holds a string that is not empty (vendors send `""` for "none").
    pub fn non_empty(&self) -> Option<&str> {
        self.as_str().filter(|text| !text.is_empty())
    }
}

impl<T: WireValue> Field<T> {
    /// Reads the field's value from `value`, replacing what it held; `true` when it already
    /// held one (the key came twice: the caller records it, the last value wins).
    pub fn take<'de, D: Deserializer<'de>>(&mut self, value: D) -> Result<bool, D::Error> {
        let replaced = !self.is_absent();
        *self = Field::deserialize(value)?;
        Ok(replaced)
    }

    /// [`Field::take`], or, for an `unmapped` field while a projection is active (see
    /// `super::projection`), the value checked as JSON and dropped (the field stays as it was).
    pub(crate) fn take_or_skip<'de, D: Deserializer<'de>>(
        &mut self,
        value: D,
        unmapped: bool,
    ) -> Result<bool, D::Error> {
        if unmapped && super::projection::projecting() {
            super::projection::skip_value(value)?;
            return Ok(false);
        }
        self.take(value)
    }

    /// [`Field::take`] for the fast reader (see `super::fast`).
    #[inline]
    pub(crate) fn fast_take(&mut self, lex: &mut Lexer<'_>) -> Fast<bool> {
        let replaced = !self.is_absent();
        self.fast_read(lex)?;
        Ok(replaced)
    }

    /// [`Field::take_or_skip`] for the fast reader.
    #[inline]
    pub(crate) fn fast_take_or_skip(&mut self, lex: &mut Lexer<'_>, unmapped: bool) -> Fast<bool> {
        if unmapped && super::projection::projecting() {
            lex.skip_value()?;
            return Ok(false);
        }
        self.fast_take(lex)
    }

    /// Reads the field's value with the fast reader, through the conversions `Deserialize`
    /// uses (the `of_*` constructors below), so it is the same field. An object is filled in
    /// place ([`WireValue::fast_map_into`]).
    fn fast_read(&mut self, lex: &mut Lexer<'_>) -> Fast<()> {
        *self = match lex.peek()? {
            b'{' => return T::fast_map_into(self, lex),
            b'"' => match lex.string()? {
                Cow::Borrowed(text) => Self::of_str(text),
                Cow::Owned(text) => Self::of_string(text),
            },
            b'n' => {
                lex.literal(b"null")?;
                Field::Null
            }
            byte @ (b't' | b'f') => {
                let value = byte == b't';
                lex.literal(if value { b"true" } else { b"false" })?;
                Self::of_bool(value)
            }
            b'[' => Self::of_compound(T::fast_seq(lex)?),
            _ => Self::of_number(lex.number()?),
        };
        Ok(())
    }

    /// The field of a JSON string, by the type's conversion (shared by both readers).
    fn of_str(text: &str) -> Self {
        match T::from_wire_str(text) {
            Some(value) => Field::Value(value),
            None => Field::Unexpected(Value::String(text.to_owned())),
        }
    }

    /// [`Field::of_str`] for an owned string (no copy when the text had escapes).
    fn of_string(text: String) -> Self {
        match T::from_wire_string(text) {
            Ok(value) => Field::Value(value),
            Err(text) => Field::Unexpected(Value::String(text)),
        }
    }

    /// The field of a JSON number.
    fn of_number(number: Number) -> Self {
        match T::from_wire_number(number) {
            Ok(value) => Field::Value(value),
            Err(number) => Field::Unexpected(Value::Number(number)),
        }
    }

    /// The field of a JSON boolean.
    fn of_bool(value: bool) -> Self {
        match T::from_wire_bool(value) {
            Some(typed) => Field::Value(typed),
            None => Field::Unexpected(Value::Bool(value)),
        }
    }

    /// The field of a JSON object or array, as the type read it or kept it whole.
    pub(crate) fn of_compound(read: Result<T, Value>) -> Self {
        match read {
            Ok(value) => Field::Value(value),
            Err(raw) => Field::Unexpected(raw),
        }
    }

    /// Appends this field's deviations, the field sitting at `path` (already including its key).
    pub fn check_here(&self, nullable: bool, path: &mut JsonPath, out: &mut Vec<Deviation>) {
        match self {
            Field::Absent => {}
            Field::Null => {
                if !nullable && !T::NULL_IS_DOCUMENTED {
                    out.push(Deviation::new(
                        path.clone(),
                        DeviationKind::Null { expected: T::EXPECTED },
                    ));
                }
            }
            Field::Value(value) => value.check(path, out),
            Field::Unexpected(raw) => out.push(unexpected(path, T::EXPECTED, raw)),
        }
    }

    /// Appends this field's deviations, the field being the key `key` of the object at `path`.
    pub fn check_key(&self, key: &str, nullable: bool, path: &mut JsonPath, out: &mut Vec<Deviation>) {
        if self.is_absent() {
            return;
        }
        path.push_key(key);
        self.check_here(nullable, path, out);
        path.pop();
    }
}

impl<T: Serialize> Serialize for Field<T> {
    /// `Absent` serialises as `null` when a field is serialised on its own; the objects of this
    /// crate skip absent fields, so they never reach this.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Field::Absent | Field::Null => serializer.serialize_unit(),
            Field::Value(value) => value.serialize(serializer),
            Field::Unexpected(raw) => raw.serialize(serializer),
        }
    }
}

impl<'de, T: WireValue> Deserialize<'de> for Field<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(FieldVisitor(PhantomData))
    }
}

struct FieldVisitor<T>(PhantomData<T>);

impl<'de, T: WireValue> Visitor<'de> for FieldVisitor<T> {
    type Value = Field<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(Field::Null)
    }

    fn visit_none<E>(self) -> Result<Self::Value, E> {
        Ok(Field::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        Field::deserialize(deserializer)
    }

    fn visit_bool<E>(self, value: bool) -> Result<Self::Value, E> {
        Ok(Field::of_bool(value))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Self::Value, E> {
        Ok(Field::of_number(Number::from(value)))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Self::Value, E> {
        Ok(Field::of_number(Number::from(value)))
    }

    fn visit_f64<E>(self, value: f64) -> Result<Self::Value, E> {
        // JSON cannot carry a non-finite number, so `from_f64` only declines on input that
        // did not come from JSON text; keep it as `null`, as serde_json's `Value` does.
        Ok(match Number::from_f64(value) {
            Some(number) => Field::of_number(number),
            None => Field::Unexpected(Value::Null),
        })
    }

    fn visit_str<E>(self, text: &str) -> Result<Self::Value, E> {
        Ok(Field::of_str(text))
    }

    fn visit_string<E>(self, text: String) -> Result<Self::Value, E> {
        Ok(Field::of_string(text))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        Ok(Field::of_compound(T::from_wire_map(map)?))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        Ok(Field::of_compound(T::from_wire_seq(seq)?))
    }
}
