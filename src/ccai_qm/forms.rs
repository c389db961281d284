//! Field forms particular to ccai_qm: the queue id, the queue paths and the participants list.

use super::call::Participant;
use crate::wire::fast::{Fast, Lexer};
use crate::wire::{Deviation, DeviationKind, Field, JsonPath, JsonType, List, Separated, WireValue};
use serde::de::{MapAccess, SeqAccess};
use serde::{Serialize, Serializer};
use serde_json::{Number, Value};

/// A queue path (佇列 ID 路徑 / 佇列名稱路徑): the queues the user went through before the first
/// agent, `/`-separated (`"1/2/3"`, `"support/orders/status"`). Kept as sent;
/// [`Separated::items`] gives the steps.
pub type QueuePath = Separated<'/'>;

/// The queue the call reached (佇列 ID, `Queue_uuid`).
///
/// The field table calls it the queue's UUID; every sample sends the JSON number `3`. Both
/// forms are documented here and kept as they came: a text in the 8-4-4-4-12 hex UUID form
/// and a non-negative integer number are no deviation. Anything else (another text, such as
/// the number written as a string `"3"`, a negative or fractional number) is kept and
/// reported as [`DeviationKind::UnexpectedFormat`]; the accessors still read what they can.
/// An empty text means "none", as with every other text of the crate.
#[derive(Debug, Clone, PartialEq)]
pub enum QueueId {
    /// Sent as a JSON number (the samples' form).
    Number(Number),
    /// Sent as a JSON string (the table's form, a UUID).
    Text(String),
}

impl QueueId {
    /// The id as an integer: the number, or a text of decimal digits.
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            QueueId::Number(number) => number.as_u64(),
            QueueId::Text(text) if is_decimal(text) => text.parse().ok(),
            QueueId::Text(_) => None,
        }
    }

    /// The id as a UUID text, if it was sent as one.
    pub fn as_uuid(&self) -> Option<&str> {
        match self {
            QueueId::Text(text) if is_uuid(text) => Some(text),
            _ => None,
        }
    }

    /// The id as text, whichever form it came in (`"3"` for the number 3).
    pub fn to_text(&self) -> String {
        match self {
            QueueId::Number(number) => number.to_string(),
            QueueId::Text(text) => text.clone(),
        }
    }

    /// Whether it was sent as a JSON number.
    pub fn is_number(&self) -> bool {
        matches!(self, QueueId::Number(_))
    }

    fn is_documented(&self) -> bool {
        match self {
            QueueId::Number(number) => number.is_u64(),
            QueueId::Text(text) => text.is_empty() || is_uuid(text),
        }
    }
}

fn is_decimal(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

/// Whether `text` is a UUID written 8-4-4-4-12 hex digits (either case).
fn is_uuid(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(group, len)| group.len() == len && group.bytes().all(|b| b.is_ascii_hexdigit()))
}

impl Serialize for QueueId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            QueueId::Number(number) => number.serialize(serializer),
            QueueId::Text(text) => serializer.serialize_str(text),
        }
    }
}

impl WireValue for QueueId {
    const EXPECTED: &'static str = "a queue UUID or a non-negative integer";

    fn from_wire_str(text: &str) -> Option<Self> {
        Some(QueueId::Text(text.to_owned()))
    }

    fn from_wire_string(text: String) -> Result<Self, String> {
        Ok(QueueId::Text(text))
    }

    fn from_wire_number(number: Number) -> Result<Self, Number> {
        Ok(QueueId::Number(number))
    }

    fn check(&self, path: &mut JsonPath, out: &mut Vec<Deviation>) {
        if !self.is_documented() {
            out.push(Deviation::new(
                path.clone(),
                DeviationKind::UnexpectedFormat {
                    expected: Self::EXPECTED,
                    found: self.to_text(),
                },
            ));
        }
    }
}

/// The call's participants (通話參與者, `Participants`).
///
/// The field table calls `Participants` "an object nested in the item object" (這個物件會巢狀內嵌在
/// item 物件中); all seventeen samples send an array of participant objects. The array is
/// the form this crate follows: a lone participant object is read too ([`Participants::One`],
/// so [`Participants::iter`] gives it) but reported as a deviation
/// ([`DeviationKind::UnexpectedType`], expected an array), so a strict reader notices.
#[derive(Debug, Clone, PartialEq)]
pub enum Participants {
    /// An array of participants (the samples' form); an element that is not an object is
    /// kept in its own [`Field`].
    List(List<Participant>),
    /// One participant object, not in an array (the table's wording).
    One(Participant),
}

impl Participants {
    /// The participants that are objects, in order.
    pub fn iter(&self) -> impl Iterator<Item = &Participant> + '_ {
        let (list, one) = match self {
            Participants::List(list) => (list.as_slice(), None),
            Participants::One(participant) => (&[][..], Some(participant)),
        };
        list.iter().filter_map(Field::get).chain(one)
    }

    /// How many entries were sent (elements of any type, or 1 for a lone object).
    pub fn len(&self) -> usize {
        match self {
            Participants::List(list) => list.len(),
            Participants::One(_) => 1,
        }
    }

    /// Whether no entry was sent (an empty array).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Serialize for Participants {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Participants::List(list) => list.serialize(serializer),
            Participants::One(participant) => participant.serialize(serializer),
        }
    }
}

impl WireValue for Participants {
    const EXPECTED: &'static str = "an array of participants";

    fn from_wire_seq<'de, A: SeqAccess<'de>>(seq: A) -> Result<Result<Self, Value>, A::Error> {
        Ok(<List<Participant> as WireValue>::from_wire_seq(seq)?.map(Participants::List))
    }

    fn from_wire_map<'de, A: MapAccess<'de>>(map: A) -> Result<Result<Self, Value>, A::Error> {
        Ok(<Participant as WireValue>::from_wire_map(map)?.map(Participants::One))
    }

    fn fast_seq(lex: &mut Lexer<'_>) -> Fast<Result<Self, Value>> {
        Ok(<List<Participant> as WireValue>::fast_seq(lex)?.map(Participants::List))
    }

    fn fast_map(lex: &mut Lexer<'_>) -> Fast<Result<Self, Value>> {
        Ok(<Participant as WireValue>::fast_map(lex)?.map(Participants::One))
    }

    fn check(&self, path: &mut JsonPath, out: &mut Vec<Deviation>) {
        match self {
            Participants::List(list) => list.check(path, out),
            Participants::One(participant) => {
                out.push(Deviation::new(
                    path.clone(),
                    DeviationKind::UnexpectedType {
                        expected: Self::EXPECTED,
                        found: JsonType::Object,
                    },
                ));
                participant.check(path, out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuid_form() {
        assert!(is_uuid("6f1c2a9e-3b7d-4e2a-9c55-0d4b8e1f7a23"));
        assert!(is_uuid("6F1C2A9E-3B7D-4E2A-9C55-0D4B8E1F7A23"));
        assert!(!is_uuid("6f1c2a9e3b7d4e2a9c550d4b8e1f7a23"));
        assert!(!is_uuid("6f1c2a9e-3b7d-4e2a-9c55-0d4b8e1f7a2g"));
        assert!(!is_uuid("6f1c2a9e-3b7d-4e2a-9c55-0d4b8e1f7a23-"));
        assert!(!is_uuid(""));
        assert!(!is_uuid("é"));
    }

    #[test]
    fn queue_id_forms() {
        let number = QueueId::Number(3u64.into());
        assert_eq!(
            (number.as_u64(), number.as_uuid(), number.is_documented()),
            (Some(3), None, true)
        );
        let text = QueueId::Text("3".into());
        assert_eq!(
            (text.as_u64(), text.as_uuid(), text.is_documented()),
            (Some(3), None, false)
        );
        let negative = QueueId::Number((-3i64).into());
        assert_eq!((negative.as_u64(), negative.is_documented()), (None, false));
        let uuid = QueueId::Text("6f1c2a9e-3b7d-4e2a-9c55-0d4b8e1f7a23".into());
        assert_eq!(uuid.as_uuid(), Some("6f1c2a9e-3b7d-4e2a-9c55-0d4b8e1f7a23"));
        assert_eq!(uuid.as_u64(), None);
        assert!(QueueId::Text(String::new()).is_documented());
        assert_eq!(QueueId::Text("+3".into()).as_u64(), None);
    }
}
