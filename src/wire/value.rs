//! [`WireValue`]: how a typed value is read from whatever JSON a vendor sends, without failing.

use super::fast::{Bail, Fast, Lexer};
use super::{Deviation, DeviationKind, Field, JsonPath};
use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{MapAccess, SeqAccess};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Number, Value};

/// A value type that can sit in a [`Field`]: it says which JSON forms it takes, and anything
/// else is kept whole as [`Field::Unexpected`] instead of failing the event.
///
/// Each `from_wire_*` method is handed one JSON form straight from the token stream (no
/// buffering) and either builds the typed value or declines. The defaults decline every form,
/// so an implementation names only the forms it accepts. `null` never reaches these methods:
/// the [`Field`] keeps it as [`Field::Null`].
pub trait WireValue: Serialize + Sized {
    /// What the documentation promises, for deviations: `"a string"`, `"an object"`, ...
    const EXPECTED: &'static str;

    /// Whether `null` is a documented value of this type (it is never an error, only a
    /// deviation when this is `false` and the field is not marked nullable).
    const NULL_IS_DOCUMENTED: bool = false;

    /// Builds the value from a JSON string, or declines.
    fn from_wire_str(text: &str) -> Option<Self> {
        let _ = text;
        None
    }

    /// Builds the value from an owned JSON string (saves a copy when the text had escapes),
    /// or gives the string back.
    fn from_wire_string(text: String) -> Result<Self, String> {
        match Self::from_wire_str(&text) {
            Some(value) => Ok(value),
            None => Err(text),
        }
    }

    /// Builds the value from a JSON number, or gives the number back.
    fn from_wire_number(number: Number) -> Result<Self, Number> {
        Err(number)
    }

    /// Builds the value from a JSON boolean, or declines.
    fn from_wire_bool(value: bool) -> Option<Self> {
        let _ = value;
        None
    }

    /// Builds the value from a JSON object, or gives back the object as a [`Value`].
    fn from_wire_map<'de, A: MapAccess<'de>>(map: A) -> Result<Result<Self, Value>, A::Error> {
        collect_map(map).map(Err)
    }

    /// Builds the value from a JSON array, or gives back the array as a [`Value`].
    fn from_wire_seq<'de, A: SeqAccess<'de>>(seq: A) -> Result<Result<Self, Value>, A::Error> {
        collect_seq(seq).map(Err)
    }

    /// [`WireValue::from_wire_map`] for the fast reader (see `super::fast`). Without an
    /// implementation the fast reader gives up and the serde reader reads: a type that
    /// overrides `from_wire_map` must override this too, alike.
    #[doc(hidden)]
    fn fast_map(lex: &mut Lexer<'_>) -> Fast<Result<Self, Value>> {
        let _ = lex;
        Err(Bail)
    }

    /// [`WireValue::from_wire_seq`] for the fast reader (see [`WireValue::fast_map`]).
    #[doc(hidden)]
    fn fast_seq(lex: &mut Lexer<'_>) -> Fast<Result<Self, Value>> {
        let _ = lex;
        Err(Bail)
    }

    /// [`WireValue::fast_map`] into `field` (objects fill themselves in place there, rather
    /// than being built and then moved, which for a big object costs more than reading it).
    #[doc(hidden)]
    fn fast_map_into(field: &mut Field<Self>, lex: &mut Lexer<'_>) -> Fast<()> {
        *field = Field::of_compound(Self::fast_map(lex)?);
        Ok(())
    }

    /// Appends the deviations from the documentation found inside this value (an undocumented
    /// enum value, a text of the wrong form, undocumented keys of a nested object). `path` is
    /// where the value sits; implementations may push and pop segments but leave it as found.
    fn check(&self, path: &mut JsonPath, out: &mut Vec<Deviation>) {
        let _ = (path, out);
    }
}

/// Reads the rest of a JSON object into a [`Value`].
pub fn collect_map<'de, A: MapAccess<'de>>(map: A) -> Result<Value, A::Error> {
    Value::deserialize(MapAccessDeserializer::new(map))
}

/// Reads the rest of a JSON array into a [`Value`].
pub fn collect_seq<'de, A: SeqAccess<'de>>(seq: A) -> Result<Value, A::Error> {
    Value::deserialize(SeqAccessDeserializer::new(seq))
}

impl WireValue for String {
    const EXPECTED: &'static str = "a string";

    fn from_wire_str(text: &str) -> Option<Self> {
        Some(text.to_owned())
    }

    fn from_wire_string(text: String) -> Result<Self, String> {
        Ok(text)
    }
}

impl WireValue for compact_str::CompactString {
    const EXPECTED: &'static str = "a string";

    fn from_wire_str(text: &str) -> Option<Self> {
        Some(compact_str::CompactString::new(text))
    }

    fn from_wire_string(text: String) -> Result<Self, String> {
        Ok(compact_str::CompactString::from(text))
    }
}

impl WireValue for bool {
    const EXPECTED: &'static str = "a boolean";

    fn from_wire_bool(value: bool) -> Option<Self> {
        Some(value)
    }
}

/// A field documented as a JSON number, kept exactly (integer or float, sign and size as sent).
/// A number sent as a string is an [`Field::Unexpected`]; use [`super::Numeric`] where the
/// vendor sends either form.
impl WireValue for Number {
    const EXPECTED: &'static str = "a number";

    fn from_wire_number(number: Number) -> Result<Self, Number> {
        Ok(number)
    }
}

/// Free-form JSON: every value is accepted as it came.
impl WireValue for Value {
    const EXPECTED: &'static str = "any JSON value";
    const NULL_IS_DOCUMENTED: bool = true;

    fn from_wire_str(text: &str) -> Option<Self> {
        Some(Value::String(text.to_owned()))
    }

    fn from_wire_string(text: String) -> Result<Self, String> {
        Ok(Value::String(text))
    }

    fn from_wire_number(number: Number) -> Result<Self, Number> {
        Ok(Value::Number(number))
    }

    fn from_wire_bool(value: bool) -> Option<Self> {
        Some(Value::Bool(value))
    }

    fn from_wire_map<'de, A: MapAccess<'de>>(map: A) -> Result<Result<Self, Value>, A::Error> {
        collect_map(map).map(Ok)
    }

    fn from_wire_seq<'de, A: SeqAccess<'de>>(seq: A) -> Result<Result<Self, Value>, A::Error> {
        collect_seq(seq).map(Ok)
    }

    fn fast_map(lex: &mut Lexer<'_>) -> Fast<Result<Self, Value>> {
        lex.value().map(Ok)
    }

    fn fast_seq(lex: &mut Lexer<'_>) -> Fast<Result<Self, Value>> {
        lex.value().map(Ok)
    }
}

/// A free-form JSON object (keys and values of any kind).
impl WireValue for Map<String, Value> {
    const EXPECTED: &'static str = "an object";

    fn from_wire_map<'de, A: MapAccess<'de>>(map: A) -> Result<Result<Self, Value>, A::Error> {
        Ok(Ok(Map::deserialize(MapAccessDeserializer::new(map))?))
    }

    fn fast_map(lex: &mut Lexer<'_>) -> Fast<Result<Self, Value>> {
        lex.object().map(Ok)
    }
}

/// A boxed value reads and writes as the value.
impl<T: WireValue> WireValue for Box<T> {
    const EXPECTED: &'static str = T::EXPECTED;
    const NULL_IS_DOCUMENTED: bool = T::NULL_IS_DOCUMENTED;

    fn from_wire_str(text: &str) -> Option<Self> {
        T::from_wire_str(text).map(Box::new)
    }
    fn from_wire_string(text: String) -> Result<Self, String> {
        T::from_wire_string(text).map(Box::new)
    }
    fn from_wire_number(number: Number) -> Result<Self, Number> {
        T::from_wire_number(number).map(Box::new)
    }
    fn from_wire_bool(value: bool) -> Option<Self> {
        T::from_wire_bool(value).map(Box::new)
    }
    fn from_wire_map<'de, A: MapAccess<'de>>(map: A) -> Result<Result<Self, Value>, A::Error> {
        Ok(T::from_wire_map(map)?.map(Box::new))
    }
    fn from_wire_seq<'de, A: SeqAccess<'de>>(seq: A) -> Result<Result<Self, Value>, A::Error> {
        Ok(T::from_wire_seq(seq)?.map(Box::new))
    }
    fn fast_map(lex: &mut Lexer<'_>) -> Fast<Result<Self, Value>> {
        Ok(T::fast_map(lex)?.map(Box::new))
    }
    fn fast_seq(lex: &mut Lexer<'_>) -> Fast<Result<Self, Value>> {
        Ok(T::fast_seq(lex)?.map(Box::new))
    }
    fn check(&self, path: &mut JsonPath, out: &mut Vec<Deviation>) {
        (**self).check(path, out)
    }
}

/// A JSON array whose elements are read one by one: an element of an unexpected type (or
/// `null`) is kept in its own [`Field`], so one odd element does not hide the others.
impl<T: WireValue> WireValue for Vec<Field<T>> {
    const EXPECTED: &'static str = "an array";

    fn from_wire_seq<'de, A: SeqAccess<'de>>(mut seq: A) -> Result<Result<Self, Value>, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
        while let Some(item) = seq.next_element::<Field<T>>()? {
            items.push(item);
        }
        Ok(Ok(items))
    }

    fn fast_seq(lex: &mut Lexer<'_>) -> Fast<Result<Self, Value>> {
        let mut items: Vec<Field<T>> = Vec::new();
        lex.elements(|lex| {
            // Read in place: an element may be a big object.
            items.push(Field::Absent);
            match items.last_mut() {
                Some(item) => item.fast_take(lex).map(drop),
                None => Err(Bail),
            }
        })?;
        Ok(Ok(items))
    }

    fn check(&self, path: &mut JsonPath, out: &mut Vec<Deviation>) {
        for (index, item) in self.iter().enumerate() {
            path.push_index(index);
            item.check_here(false, path, out);
            path.pop();
        }
    }
}

/// A JSON array of values of one type, each element in its own [`Field`].
pub type List<T> = Vec<Field<T>>;

pub(crate) fn unexpected(path: &JsonPath, expected: &'static str, value: &Value) -> Deviation {
    Deviation::new(
        path.clone(),
        DeviationKind::UnexpectedType {
            expected,
            found: super::JsonType::of(value),
        },
    )
}
