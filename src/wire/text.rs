//! Texts whose content the crate interprets but keeps as sent: separated lists, `k=v;k=v`
//! pairs, and JSON that may arrive embedded in a string.

use super::fast::{Fast, Lexer};
use super::{Deviation, DeviationKind, Field, JsonPath, WireValue};
use serde::de::{MapAccess, SeqAccess};
use serde::{Serialize, Serializer};
use serde_json::Value;
use std::borrow::Cow;

/// A list written as one string with `SEP` between items (`"a@x,b@x"`), kept as sent.
/// [`Separated::items`] gives the items, trimmed, without empty ones.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Separated<const SEP: char>(pub String);

impl<const SEP: char> Separated<SEP> {
    /// The text as sent.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The items, trimmed, empty ones skipped.
    pub fn items(&self) -> impl Iterator<Item = &str> + '_ {
        self.0.split(SEP).map(str::trim).filter(|item| !item.is_empty())
    }
}

impl<const SEP: char> Serialize for Separated<SEP> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<const SEP: char> WireValue for Separated<SEP> {
    const EXPECTED: &'static str = "a string holding a separated list";

    fn from_wire_str(text: &str) -> Option<Self> {
        Some(Separated(text.to_owned()))
    }

    fn from_wire_string(text: String) -> Result<Self, String> {
        Ok(Separated(text))
    }
}

/// A comma-separated list (`"skg-a@inst,skg-b@inst"`).
pub type CommaList = Separated<','>;

/// Pairs written `key=value;key=value` in one string (`"speechRate=89;emotionIndex=0"`),
/// kept as sent.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct KeyValuePairs(pub String);

impl KeyValuePairs {
    /// The text as sent.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The pairs, trimmed; an item without `=` gives an empty value, empty items are skipped.
    pub fn pairs(&self) -> impl Iterator<Item = (&str, &str)> + '_ {
        self.0
            .split(';')
            .map(str::trim)
            .filter(|item| !item.is_empty())
            .map(|item| match item.split_once('=') {
                Some((key, value)) => (key.trim(), value.trim()),
                None => (item, ""),
            })
    }

    /// The value of the first pair named `key`.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.pairs().find(|(name, _)| *name == key).map(|(_, value)| value)
    }
}

impl Serialize for KeyValuePairs {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl WireValue for KeyValuePairs {
    const EXPECTED: &'static str = "a string of key=value pairs";

    fn from_wire_str(text: &str) -> Option<Self> {
        Some(KeyValuePairs(text.to_owned()))
    }

    fn from_wire_string(text: String) -> Result<Self, String> {
        Ok(KeyValuePairs(text))
    }
}

/// A JSON value that senders put inline (`{"a":1}`) or as a string holding its JSON text
/// (`"{\"a\":1}"`). Each form is kept as it came; [`Embedded::decode`] gives the value either way.
#[derive(Debug, Clone, PartialEq)]
pub enum Embedded<T> {
    /// Sent as JSON.
    Inline(T),
    /// Sent as a string holding JSON text (or, when it does not decode, any text).
    Text(String),
}

impl<T: WireValue + Clone> Embedded<T> {
    /// The value, decoding the text form; `None` when the text is not JSON of the expected form.
    pub fn decode(&self) -> Option<Cow<'_, T>> {
        match self {
            Embedded::Inline(value) => Some(Cow::Borrowed(value)),
            Embedded::Text(text) => match serde_json::from_str::<Field<T>>(text) {
                Ok(Field::Value(value)) => Some(Cow::Owned(value)),
                _ => None,
            },
        }
    }
}

impl<T: Serialize> Serialize for Embedded<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Embedded::Inline(value) => value.serialize(serializer),
            Embedded::Text(text) => serializer.serialize_str(text),
        }
    }
}

impl<T: WireValue + Clone> WireValue for Embedded<T> {
    const EXPECTED: &'static str = T::EXPECTED;

    fn from_wire_str(text: &str) -> Option<Self> {
        Some(Embedded::Text(text.to_owned()))
    }

    fn from_wire_string(text: String) -> Result<Self, String> {
        Ok(Embedded::Text(text))
    }

    fn from_wire_map<'de, A: MapAccess<'de>>(map: A) -> Result<Result<Self, Value>, A::Error> {
        Ok(T::from_wire_map(map)?.map(Embedded::Inline))
    }

    fn from_wire_seq<'de, A: SeqAccess<'de>>(seq: A) -> Result<Result<Self, Value>, A::Error> {
        Ok(T::from_wire_seq(seq)?.map(Embedded::Inline))
    }

    fn fast_map(lex: &mut Lexer<'_>) -> Fast<Result<Self, Value>> {
        Ok(T::fast_map(lex)?.map(Embedded::Inline))
    }

    fn fast_seq(lex: &mut Lexer<'_>) -> Fast<Result<Self, Value>> {
        Ok(T::fast_seq(lex)?.map(Embedded::Inline))
    }

    fn check(&self, path: &mut JsonPath, out: &mut Vec<Deviation>) {
        match self {
            Embedded::Inline(value) => value.check(path, out),
            Embedded::Text(text) => match self.decode() {
                Some(value) => value.check(path, out),
                None if text.is_empty() => {}
                None => out.push(Deviation::new(
                    path.clone(),
                    DeviationKind::UnexpectedFormat {
                        expected: T::EXPECTED,
                        found: text.clone(),
                    },
                )),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Map, json};

    #[test]
    fn separated_items() {
        let list = CommaList::from_wire_str("skg-a@x, skg-b@x,,").unwrap();
        assert_eq!(list.items().collect::<Vec<_>>(), ["skg-a@x", "skg-b@x"]);
        assert_eq!(Separated::<'/'>("a/b".into()).items().count(), 2);
        assert_eq!(CommaList::default().items().count(), 0);
    }

    #[test]
    fn key_value_pairs() {
        let pairs = KeyValuePairs("speechRate=89;emotionIndex=0;flag;".into());
        assert_eq!(
            pairs.pairs().collect::<Vec<_>>(),
            [("speechRate", "89"), ("emotionIndex", "0"), ("flag", "")]
        );
        assert_eq!(pairs.get("emotionIndex"), Some("0"));
        assert_eq!(pairs.get("missing"), None);
    }

    #[test]
    fn embedded_inline_and_text_decode_alike() {
        let inline: Field<Embedded<Map<String, Value>>> = serde_json::from_value(json!({"a": 1})).unwrap();
        let text: Field<Embedded<Map<String, Value>>> = serde_json::from_value(json!("{\"a\":1}")).unwrap();
        let decoded = |f: &Field<Embedded<Map<String, Value>>>| f.get().and_then(Embedded::decode).map(Cow::into_owned);
        assert_eq!(decoded(&inline), decoded(&text));
        assert_eq!(serde_json::to_value(&text).unwrap(), json!("{\"a\":1}"));
        assert_eq!(serde_json::to_value(&inline).unwrap(), json!({"a": 1}));

        let broken: Field<Embedded<Map<String, Value>>> = serde_json::from_value(json!("{not json")).unwrap();
        assert_eq!(decoded(&broken), None);
        let mut out = Vec::new();
        broken.check_here(false, &mut JsonPath::key("nodeProperties"), &mut out);
        assert_eq!(out.len(), 1);
        let number: Field<Embedded<Map<String, Value>>> = serde_json::from_value(json!(3)).unwrap();
        assert_eq!(number.unexpected(), Some(&json!(3)));
    }
}
