//! Field forms particular to push_v7: values that may be `""`, the agent status code, the
//! satisfaction keys, and the `|`-separated legs of `billCalls`.

use super::enums::{AgentStatus, LegRole, LegType, LoginType, NumberType};
use crate::wire::Text;
use crate::wire::fast::{Fast, Lexer};
use crate::wire::{Deviation, DeviationKind, Field, JsonPath, LocalDateTime, TimeFormat, WallTime, WireValue};
use serde::de::{MapAccess, SeqAccess};
use serde::{Serialize, Serializer};
use serde_json::{Number, Value};

/// A value that 7moor may send as `""` for "none" (`"hangUpSide": ""`, `"callEvent": ""`).
///
/// `""` is [`OrEmpty::Empty`]: no deviation, [`OrEmpty::value`] gives `None`, and it is written
/// back as `""`. Anything else is read as `T` (so an undocumented enum value is still `T`'s
/// `Unknown` and still reported).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum OrEmpty<T> {
    /// Sent as `""`.
    Empty,
    /// Sent as a value of `T`.
    Value(T),
}

impl<T> OrEmpty<T> {
    /// The value, `None` for `""`.
    pub fn value(&self) -> Option<&T> {
        match self {
            OrEmpty::Empty => None,
            OrEmpty::Value(value) => Some(value),
        }
    }

    /// Whether it was sent as `""`.
    pub fn is_empty(&self) -> bool {
        matches!(self, OrEmpty::Empty)
    }
}

/// The value of a field that may hold `""`: `None` when absent, `null`, `""` or of another type.
pub(crate) fn present<T>(field: &Field<OrEmpty<T>>) -> Option<&T> {
    field.get().and_then(OrEmpty::value)
}

impl<T: Serialize> Serialize for OrEmpty<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            OrEmpty::Empty => serializer.serialize_str(""),
            OrEmpty::Value(value) => value.serialize(serializer),
        }
    }
}

impl<T: WireValue> WireValue for OrEmpty<T> {
    const EXPECTED: &'static str = T::EXPECTED;
    const NULL_IS_DOCUMENTED: bool = T::NULL_IS_DOCUMENTED;

    fn from_wire_str(text: &str) -> Option<Self> {
        if text.is_empty() {
            Some(OrEmpty::Empty)
        } else {
            T::from_wire_str(text).map(OrEmpty::Value)
        }
    }

    fn from_wire_string(text: String) -> Result<Self, String> {
        if text.is_empty() {
            Ok(OrEmpty::Empty)
        } else {
            T::from_wire_string(text).map(OrEmpty::Value)
        }
    }

    fn from_wire_number(number: Number) -> Result<Self, Number> {
        T::from_wire_number(number).map(OrEmpty::Value)
    }

    fn from_wire_bool(value: bool) -> Option<Self> {
        T::from_wire_bool(value).map(OrEmpty::Value)
    }

    fn from_wire_map<'de, A: MapAccess<'de>>(map: A) -> Result<Result<Self, Value>, A::Error> {
        Ok(T::from_wire_map(map)?.map(OrEmpty::Value))
    }

    fn from_wire_seq<'de, A: SeqAccess<'de>>(seq: A) -> Result<Result<Self, Value>, A::Error> {
        Ok(T::from_wire_seq(seq)?.map(OrEmpty::Value))
    }

    fn fast_map(lex: &mut Lexer<'_>) -> Fast<Result<Self, Value>> {
        Ok(T::fast_map(lex)?.map(OrEmpty::Value))
    }

    fn fast_seq(lex: &mut Lexer<'_>) -> Fast<Result<Self, Value>> {
        Ok(T::fast_seq(lex)?.map(OrEmpty::Value))
    }

    fn check(&self, path: &mut JsonPath, out: &mut Vec<Deviation>) {
        if let OrEmpty::Value(value) = self {
            value.check(path, out);
        }
    }
}

/// An agent status code (座席状态编号, `statusNumber`), a string holding a number: `"5"`.
///
/// Kept as sent. [`StatusNumber::status`] reads it ([`AgentStatus`]); `""` means none. A text
/// that is no number is reported as a deviation of format, and a code the document does not
/// define (10 to 99) as an undocumented value. A JSON number (`5`) is not the documented
/// form (the table and every sample send a string): it is kept whole as an unexpected type.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct StatusNumber(pub Text);

impl StatusNumber {
    /// The text as sent.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The code, if the text is a number.
    pub fn code(&self) -> Option<u64> {
        self.0.trim().parse().ok()
    }

    /// The status the code names (`None` for `""` or a text that is no number).
    pub fn status(&self) -> Option<AgentStatus> {
        self.code().map(AgentStatus::from_code)
    }
}

impl Serialize for StatusNumber {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl WireValue for StatusNumber {
    const EXPECTED: &'static str = "a string holding a status code such as \"5\"";

    fn from_wire_str(text: &str) -> Option<Self> {
        Some(StatusNumber(Text::new(text)))
    }

    fn from_wire_string(text: String) -> Result<Self, String> {
        Ok(StatusNumber(Text::from(text)))
    }

    fn check(&self, path: &mut JsonPath, out: &mut Vec<Deviation>) {
        if self.0.is_empty() {
            return;
        }
        match self.status() {
            None => out.push(Deviation::new(
                path.clone(),
                DeviationKind::UnexpectedFormat {
                    expected: Self::EXPECTED,
                    found: self.0.to_string(),
                },
            )),
            Some(status) if !status.is_known() => out.push(Deviation::new(
                path.clone(),
                DeviationKind::UndocumentedValue {
                    set: "AgentStatus",
                    value: self.0.to_string(),
                },
            )),
            Some(_) => {}
        }
    }
}

/// The satisfaction-survey keys the customer pressed (满意度按键值记录, CDR `satisfyKeys`).
///
/// The table documents a string; the sample sends an array (`[]`). Both forms are documented
/// forms here and each is kept as sent. [`SatisfyKeys::keys`] gives the keys either way: the
/// array's string elements, or the string's comma-separated items (the document does not say
/// how several keys are written in the string; a comma is assumed, one key has no separator).
#[derive(Debug, Clone, PartialEq)]
pub enum SatisfyKeys {
    /// Sent as a string (the table's form).
    Text(String),
    /// Sent as an array (the sample's form); each element in its own field.
    List(Vec<Field<Text>>),
}

impl SatisfyKeys {
    /// The keys pressed, in order, empty ones skipped.
    pub fn keys(&self) -> Vec<&str> {
        match self {
            SatisfyKeys::Text(text) => text.split(',').map(str::trim).filter(|key| !key.is_empty()).collect(),
            SatisfyKeys::List(items) => items
                .iter()
                .filter_map(Field::non_empty)
                .map(str::trim)
                .filter(|key| !key.is_empty())
                .collect(),
        }
    }
}

impl Serialize for SatisfyKeys {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            SatisfyKeys::Text(text) => serializer.serialize_str(text),
            SatisfyKeys::List(items) => items.serialize(serializer),
        }
    }
}

impl WireValue for SatisfyKeys {
    const EXPECTED: &'static str = "a string or an array of strings";

    fn from_wire_str(text: &str) -> Option<Self> {
        Some(SatisfyKeys::Text(text.to_owned()))
    }

    fn from_wire_string(text: String) -> Result<Self, String> {
        Ok(SatisfyKeys::Text(text))
    }

    fn from_wire_seq<'de, A: SeqAccess<'de>>(seq: A) -> Result<Result<Self, Value>, A::Error> {
        Ok(Vec::<Field<Text>>::from_wire_seq(seq)?.map(SatisfyKeys::List))
    }

    fn fast_seq(lex: &mut Lexer<'_>) -> Fast<Result<Self, Value>> {
        Ok(Vec::<Field<Text>>::fast_seq(lex)?.map(SatisfyKeys::List))
    }

    fn check(&self, path: &mut JsonPath, out: &mut Vec<Deviation>) {
        if let SatisfyKeys::List(items) = self {
            items.check(path, out);
        }
    }
}

/// The number of `|`-separated parts of a `billCalls` entry.
pub const BILL_LEG_PARTS: usize = 16;

/// One entry of `billCalls` (undocumented; only in the CDR sample): one leg of the bill, its
/// [`BILL_LEG_PARTS`] parts separated by `|`, kept as sent. [`BillCall::leg`] reads it.
///
/// ```text
/// 2021-05-08 14:39:32|2021-05-08 14:39:37|2021-05-08 14:39:47|agent|01081400192|18519117865|20001|mobileInternal|86|010|北京|86|010|北京|out-bound-call-agent|PSTN
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct BillCall(pub Text);

impl BillCall {
    /// The text as sent.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The parts, as sent (no trimming).
    pub fn parts(&self) -> impl Iterator<Item = &str> + '_ {
        self.0.split('|')
    }

    /// The leg, if the text has exactly [`BILL_LEG_PARTS`] parts.
    pub fn leg(&self) -> Option<BillLeg<'_>> {
        let mut parts = self.parts();
        let mut next = || parts.next();
        let leg = BillLeg {
            start: next()?,
            answer: next()?,
            end: next()?,
            role: next()?,
            display_number: next()?,
            number: next()?,
            agent_number: next()?,
            number_type: next()?,
            first_location: Location {
                country_code: next()?,
                area_code: next()?,
                city: next()?,
            },
            second_location: Location {
                country_code: next()?,
                area_code: next()?,
                city: next()?,
            },
            leg_type: next()?,
            login_type: next()?,
        };
        match next() {
            None => Some(leg),
            Some(_) => None,
        }
    }
}

impl Serialize for BillCall {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl WireValue for BillCall {
    const EXPECTED: &'static str = "16 parts separated by |";

    fn from_wire_str(text: &str) -> Option<Self> {
        Some(BillCall(Text::new(text)))
    }

    fn from_wire_string(text: String) -> Result<Self, String> {
        Ok(BillCall(Text::from(text)))
    }

    fn check(&self, path: &mut JsonPath, out: &mut Vec<Deviation>) {
        if self.leg().is_none() {
            out.push(Deviation::new(
                path.clone(),
                DeviationKind::UnexpectedFormat {
                    expected: Self::EXPECTED,
                    found: self.0.to_string(),
                },
            ));
        }
    }
}

/// Country code, area code and city of one number of a bill leg.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Location<'a> {
    /// Country calling code, e.g. `86`.
    pub country_code: &'a str,
    /// Area code, e.g. `010`.
    pub area_code: &'a str,
    /// City, e.g. `北京`.
    pub city: &'a str,
}

/// One leg of a bill ([`BillCall`]), its parts borrowed from the text. The part names follow
/// the values of the only sample, checked against the same CDR's fields: the three times are
/// the leg's start, answer and end (the agent leg's are `agentStartTime`, `agentAnswerTime`,
/// `hangupTime`); `display_number` is `displayNumber`; `number` is the number rung
/// (`agentTelNumber` on the agent leg, `customerNumber` on the customer leg).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct BillLeg<'a> {
    /// When the leg started ringing, `YYYY-MM-DD HH:MM:SS` local time.
    pub start: &'a str,
    /// When the leg was answered (may be empty).
    pub answer: &'a str,
    /// When the leg ended.
    pub end: &'a str,
    /// Whose leg: `agent` or `customer`.
    pub role: &'a str,
    /// The number shown to the called party.
    pub display_number: &'a str,
    /// The number rung on this leg.
    pub number: &'a str,
    /// The agent's number (工号), empty on the customer leg.
    pub agent_number: &'a str,
    /// The number's kind, e.g. `mobileInternal`.
    pub number_type: &'a str,
    /// The first location triple. The two triples are not documented and equal in the sample;
    /// by their order they likely describe `display_number` and then `number`.
    pub first_location: Location<'a>,
    /// The second location triple (see `first_location`).
    pub second_location: Location<'a>,
    /// The leg's kind, e.g. `out-bound-call-agent`.
    pub leg_type: &'a str,
    /// How the agent was reached, e.g. `PSTN`; the customer leg writes the text `null`.
    pub login_type: &'a str,
}

fn local_time(text: &str) -> Option<WallTime> {
    if text.is_empty() {
        None
    } else {
        LocalDateTime::parse(text)
    }
}

impl BillLeg<'_> {
    /// The start time, read as a local time.
    pub fn start_time(&self) -> Option<WallTime> {
        local_time(self.start)
    }

    /// The answer time, read as a local time (`None` when empty).
    pub fn answer_time(&self) -> Option<WallTime> {
        local_time(self.answer)
    }

    /// The end time, read as a local time.
    pub fn end_time(&self) -> Option<WallTime> {
        local_time(self.end)
    }

    /// Whose leg it is.
    pub fn role(&self) -> LegRole {
        LegRole::from(self.role)
    }

    /// The number's kind.
    pub fn number_type(&self) -> NumberType {
        NumberType::from(self.number_type)
    }

    /// The leg's kind.
    pub fn leg_type(&self) -> LegType {
        LegType::from(self.leg_type)
    }

    /// How the agent was reached; `None` for `""` and for the text `null` the customer leg carries.
    pub fn login_type(&self) -> Option<LoginType> {
        match self.login_type {
            "" | "null" => None,
            text => Some(LoginType::from(text)),
        }
    }

    /// The agent's number, `None` when empty.
    pub fn agent(&self) -> Option<&str> {
        Some(self.agent_number).filter(|number| !number.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn or_empty_keeps_empty_text_apart() {
        let empty: Field<OrEmpty<LoginType>> = serde_json::from_value(json!("")).unwrap();
        assert_eq!(empty, Field::Value(OrEmpty::Empty));
        assert_eq!(present(&empty), None);
        assert_eq!(serde_json::to_value(&empty).unwrap(), json!(""));
        let mut out = Vec::new();
        empty.check_here(false, &mut JsonPath::root(), &mut out);
        assert!(out.is_empty());
        let odd: Field<OrEmpty<LoginType>> = serde_json::from_value(json!("PHONE")).unwrap();
        odd.check_here(false, &mut JsonPath::key("loginType"), &mut out);
        assert_eq!(out.len(), 1);
        let number: Field<OrEmpty<LoginType>> = serde_json::from_value(json!(1)).unwrap();
        assert_eq!(number.unexpected(), Some(&json!(1)));
    }

    #[test]
    fn status_number_reads_codes() {
        assert_eq!(StatusNumber("5".into()).status(), Some(AgentStatus::WrapUp));
        assert_eq!(StatusNumber("101".into()).status(), Some(AgentStatus::Custom(101)));
        assert_eq!(StatusNumber("".into()).status(), None);
        let mut out = Vec::new();
        for text in ["", "0", "9", "100"] {
            StatusNumber(text.into()).check(&mut JsonPath::root(), &mut out);
        }
        assert!(out.is_empty());
        StatusNumber("10".into()).check(&mut JsonPath::root(), &mut out);
        StatusNumber("idle".into()).check(&mut JsonPath::root(), &mut out);
        assert_eq!(out.len(), 2);
    }

    #[test]
    fn bill_leg_needs_sixteen_parts() {
        let call = BillCall("a|b|c|agent|d|n|7|mobile|86|010|x|86|021|y|t|null".into());
        let leg = call.leg().expect("16 parts");
        assert_eq!(leg.second_location.area_code, "021");
        assert_eq!(leg.login_type(), None);
        assert_eq!(leg.start_time(), None);
        assert!(BillCall("a|b".into()).leg().is_none());
        assert!(BillCall(format!("{}|extra", call.0).into()).leg().is_none());
    }
}
