//! Values that vendors send as a number or as a string: [`Numeric`] and [`Flag`].

use super::{Deviation, DeviationKind, JsonPath, WireValue};
use serde::{Serialize, Serializer};
use serde_json::Number;

/// A number that may arrive as a JSON number or as a string holding one (`30` or `"30"`):
/// durations, codes, counts. The accessors give the number; serialisation gives back the form
/// that came. An empty string means "none": the accessors give `None` and it is no deviation.
#[derive(Debug, Clone, PartialEq)]
pub enum Numeric {
    /// Sent as a JSON number.
    Number(Number),
    /// Sent as a JSON string.
    Text(String),
}

impl Numeric {
    fn text_number<T: std::str::FromStr>(text: &str) -> Option<T> {
        text.trim().parse().ok()
    }

    /// The value as an unsigned integer, if it is one.
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Numeric::Number(number) => number.as_u64(),
            Numeric::Text(text) => Self::text_number(text),
        }
    }

    /// The value as a signed integer, if it is one.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Numeric::Number(number) => number.as_i64(),
            Numeric::Text(text) => Self::text_number(text),
        }
    }

    /// The value as a float, if it is a finite number.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Numeric::Number(number) => number.as_f64(),
            Numeric::Text(text) => Self::text_number::<f64>(text).filter(|value| value.is_finite()),
        }
    }

    /// Whether it was sent as a string.
    pub fn is_text(&self) -> bool {
        matches!(self, Numeric::Text(_))
    }

    /// Whether it is the empty string, which vendors send for "none".
    pub fn is_empty_text(&self) -> bool {
        matches!(self, Numeric::Text(text) if text.is_empty())
    }
}

impl From<u64> for Numeric {
    fn from(value: u64) -> Self {
        Numeric::Number(value.into())
    }
}

impl Serialize for Numeric {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Numeric::Number(number) => number.serialize(serializer),
            Numeric::Text(text) => serializer.serialize_str(text),
        }
    }
}

impl WireValue for Numeric {
    const EXPECTED: &'static str = "a number or a string holding one";

    fn from_wire_str(text: &str) -> Option<Self> {
        Some(Numeric::Text(text.to_owned()))
    }

    fn from_wire_string(text: String) -> Result<Self, String> {
        Ok(Numeric::Text(text))
    }

    fn from_wire_number(number: Number) -> Result<Self, Number> {
        Ok(Numeric::Number(number))
    }

    fn check(&self, path: &mut JsonPath, out: &mut Vec<Deviation>) {
        if let Numeric::Text(text) = self {
            if !text.is_empty() && self.as_f64().is_none() {
                out.push(Deviation::new(
                    path.clone(),
                    DeviationKind::UnexpectedFormat {
                        expected: "a number",
                        found: text.clone(),
                    },
                ));
            }
        }
    }
}

/// A yes/no flag that vendors write `0`/`1`, `"0"`/`"1"`, or `false`/`true`. The accessor
/// gives a `bool`; serialisation gives back the form that came.
#[derive(Debug, Clone, PartialEq)]
pub enum Flag {
    /// Sent as a JSON number.
    Number(Number),
    /// Sent as a JSON string.
    Text(String),
    /// Sent as a JSON boolean.
    Bool(bool),
}

impl Flag {
    /// `Some(true)` for 1, `"1"`, `"true"` and `true`; `Some(false)` for 0, `"0"`, `"false"`
    /// and `false`; `None` otherwise.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Flag::Bool(value) => Some(*value),
            Flag::Number(number) => match number.as_u64() {
                Some(0) => Some(false),
                Some(1) => Some(true),
                _ => None,
            },
            Flag::Text(text) => match text.trim() {
                "0" | "false" => Some(false),
                "1" | "true" => Some(true),
                _ => None,
            },
        }
    }
}

impl Serialize for Flag {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Flag::Number(number) => number.serialize(serializer),
            Flag::Text(text) => serializer.serialize_str(text),
            Flag::Bool(value) => serializer.serialize_bool(*value),
        }
    }
}

impl WireValue for Flag {
    const EXPECTED: &'static str = "0 or 1";

    fn from_wire_str(text: &str) -> Option<Self> {
        Some(Flag::Text(text.to_owned()))
    }

    fn from_wire_number(number: Number) -> Result<Self, Number> {
        Ok(Flag::Number(number))
    }

    fn from_wire_bool(value: bool) -> Option<Self> {
        Some(Flag::Bool(value))
    }

    fn check(&self, path: &mut JsonPath, out: &mut Vec<Deviation>) {
        let empty = matches!(self, Flag::Text(text) if text.is_empty());
        if !empty && self.as_bool().is_none() {
            let found = match self {
                Flag::Number(number) => number.to_string(),
                Flag::Text(text) => text.clone(),
                Flag::Bool(value) => value.to_string(),
            };
            out.push(Deviation::new(
                path.clone(),
                DeviationKind::UnexpectedFormat {
                    expected: Self::EXPECTED,
                    found,
                },
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::Field;
    use serde_json::json;

    fn field<T: WireValue>(value: serde_json::Value) -> Field<T> {
        serde_json::from_value(value).expect("a Field accepts any JSON")
    }

    #[test]
    fn numeric_keeps_its_form_and_gives_the_number() {
        for (raw, expected) in [(json!(30), Some(30)), (json!("30"), Some(30)), (json!(" 7 "), Some(7))] {
            let value: Field<Numeric> = field(raw.clone());
            assert_eq!(value.get().and_then(Numeric::as_u64), expected);
            assert_eq!(serde_json::to_value(&value).unwrap(), raw);
        }
        let float: Field<Numeric> = field(json!(2.5));
        assert_eq!(float.get().and_then(Numeric::as_f64), Some(2.5));
        assert_eq!(float.get().and_then(Numeric::as_u64), None);
        let negative: Field<Numeric> = field(json!(-3));
        assert_eq!(negative.get().and_then(Numeric::as_i64), Some(-3));
        let huge: Field<Numeric> = field(json!(u64::MAX));
        assert_eq!(huge.get().and_then(Numeric::as_u64), Some(u64::MAX));
    }

    #[test]
    fn numeric_reports_text_that_is_no_number_but_not_empty_text() {
        let mut out = Vec::new();
        Numeric::Text("abc".into()).check(&mut JsonPath::key("billsec"), &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].to_string(), "$.billsec: expected a number, found \"abc\"");
        out.clear();
        Numeric::Text(String::new()).check(&mut JsonPath::root(), &mut out);
        Numeric::Text("1e400".into()).check(&mut JsonPath::root(), &mut out);
        assert_eq!(out.len(), 1, "1e400 is not a finite number");
        let boolean: Field<Numeric> = field(json!(true));
        assert_eq!(boolean.unexpected(), Some(&json!(true)));
    }

    #[test]
    fn flag_reads_every_form() {
        for (raw, expected) in [
            (json!(0), Some(false)),
            (json!(1), Some(true)),
            (json!("0"), Some(false)),
            (json!("1"), Some(true)),
            (json!(true), Some(true)),
            (json!(false), Some(false)),
            (json!(2), None),
            (json!("yes"), None),
        ] {
            let flag: Field<Flag> = field(raw.clone());
            assert_eq!(flag.get().and_then(Flag::as_bool), expected, "{raw}");
            assert_eq!(serde_json::to_value(&flag).unwrap(), raw);
            let mut out = Vec::new();
            flag.check_here(false, &mut JsonPath::root(), &mut out);
            assert_eq!(out.is_empty(), expected.is_some(), "{raw}");
        }
    }
}
