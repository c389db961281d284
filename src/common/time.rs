//! [`EventTime`]: the normalized UTC time of an event, and where it came from.

use super::ConvertOptions;
use crate::wire::{Text, TimeFormat, TimeText, WallTime};
use chrono::{DateTime, FixedOffset, Utc};
use chrono::{Datelike, SecondsFormat, SubsecRound, Timelike};
use serde::de::{self, Deserializer};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// When an event happened, in UTC, with where that time came from.
///
/// In the common JSON the instant is always written with millisecond precision and `Z`
/// (`"2021-04-14T02:35:25.266Z"`, `"2017-03-18T06:13:37.000Z"`), whatever the vendor sent:
/// every vendor time has at most milliseconds, and the constructors truncate finer instants
/// (a receive time) so that a value and its JSON are the same instant. Reading accepts any
/// RFC 3339 time.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct EventTime {
    /// The instant, in UTC.
    #[serde(serialize_with = "write_millis")]
    #[cfg_attr(feature = "schemars", schemars(schema_with = "millis_schema"))]
    pub utc: DateTime<Utc>,
    /// Where it came from.
    pub source: TimeSource,
    /// The vendor's text, as sent (absent for the receive time).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schemars", schemars(with = "Option<String>"))]
    pub original: Option<Text>,
}

/// `YYYY-MM-DDTHH:MM:SS.mmmZ`, written digit by digit: this runs for every event `normalize`
/// prints, and chrono's `format` parses its pattern on each call.
fn write_millis<S: Serializer>(utc: &DateTime<Utc>, serializer: S) -> Result<S::Ok, S::Error> {
    let year = utc.year();
    if !(0..=9999).contains(&year) {
        // Outside four digits RFC 3339 has no form; chrono's extended year still reads back.
        return serializer.serialize_str(&utc.to_rfc3339_opts(SecondsFormat::Millis, true));
    }
    // chrono keeps a leap second as second 59 with nanoseconds past 10^9: written as .999.
    let millis = (utc.nanosecond() / 1_000_000).min(999);
    let mut text = *b"0000-00-00T00:00:00.000Z";
    let mut put = |at: usize, width: usize, mut value: u32| {
        for index in (at..at + width).rev() {
            if let Some(byte) = text.get_mut(index) {
                *byte = b'0' + (value % 10) as u8;
            }
            value /= 10;
        }
    };
    put(0, 4, year.unsigned_abs());
    put(5, 2, utc.month());
    put(8, 2, utc.day());
    put(11, 2, utc.hour());
    put(14, 2, utc.minute());
    put(17, 2, utc.second());
    put(20, 3, millis);
    // Only ASCII digits were written into an ASCII template.
    serializer.serialize_str(std::str::from_utf8(&text).unwrap_or_default())
}

#[cfg(feature = "schemars")]
fn millis_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({
        "type": "string",
        "format": "date-time",
        "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}Z$"
    })
}

/// Where an [`EventTime`] came from. In JSON an object with a `type`
/// (`{"type":"explicit"}`, `{"type":"assumed_offset","offset_seconds":28800}`,
/// `{"type":"received"}`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TimeSource {
    /// The payload's time carried its zone.
    Explicit,
    /// The payload's time was local; it was read at the configured offset.
    AssumedOffset {
        /// The offset, in seconds east of UTC.
        offset_seconds: i32,
    },
    /// The payload has no usable time; this is when it was received.
    Received,
    /// A source this version does not know (a newer `type`, or a known `type` with other
    /// members): the whole object, kept as read and written back unchanged.
    Unrecognized(Map<String, Value>),
}

impl TimeSource {
    /// The source's `type` (`"explicit"`, `"assumed_offset"`, `"received"`, or the
    /// unrecognized one's).
    pub fn type_name(&self) -> &str {
        match self {
            TimeSource::Explicit => "explicit",
            TimeSource::AssumedOffset { .. } => "assumed_offset",
            TimeSource::Received => "received",
            TimeSource::Unrecognized(object) => object.get("type").and_then(Value::as_str).unwrap_or_default(),
        }
    }
}

impl Serialize for TimeSource {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        match self {
            TimeSource::Unrecognized(object) => {
                for (key, value) in object {
                    map.serialize_entry(key, value)?;
                }
            }
            TimeSource::AssumedOffset { offset_seconds } => {
                map.serialize_entry("type", self.type_name())?;
                map.serialize_entry("offset_seconds", offset_seconds)?;
            }
            TimeSource::Explicit | TimeSource::Received => map.serialize_entry("type", self.type_name())?,
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for TimeSource {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let object = Map::<String, Value>::deserialize(deserializer)?;
        let Some(kind) = object.get("type").and_then(Value::as_str) else {
            return Err(de::Error::custom("a time source needs a string `type`"));
        };
        let offset = || object.get("offset_seconds")?.as_i64()?.try_into().ok();
        // Only the exact form this version writes is a known variant: anything more or
        // different is a newer writer's, kept whole.
        let known = match (kind, object.len()) {
            ("explicit", 1) => Some(TimeSource::Explicit),
            ("received", 1) => Some(TimeSource::Received),
            ("assumed_offset", 2) => offset().map(|offset_seconds| TimeSource::AssumedOffset { offset_seconds }),
            _ => None,
        };
        Ok(known.unwrap_or(TimeSource::Unrecognized(object)))
    }
}

#[cfg(feature = "schemars")]
impl schemars::JsonSchema for TimeSource {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "TimeSource".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "Where the time came from.",
            "type": "object",
            "required": ["type"],
            "properties": { "type": { "type": "string" } },
            "anyOf": [
                {
                    "description": "The payload's time carried its zone.",
                    "properties": { "type": { "const": "explicit" } },
                    "additionalProperties": false
                },
                {
                    "description": "The payload's time was local; it was read at the configured offset.",
                    "properties": {
                        "type": { "const": "assumed_offset" },
                        "offset_seconds": { "type": "integer", "description": "seconds east of UTC" }
                    },
                    "required": ["offset_seconds"],
                    "additionalProperties": false
                },
                {
                    "description": "The payload has no usable time; this is when it was received.",
                    "properties": { "type": { "const": "received" } },
                    "additionalProperties": false
                },
                {
                    "description": "A source a newer version added (or a known one with members it added): keep it as read."
                }
            ]
        })
    }
}

impl EventTime {
    /// The time of a payload's text, resolving a local time at `local_offset`.
    pub fn from_wall(wall: WallTime, original: &str, local_offset: FixedOffset) -> Option<Self> {
        let utc = wall.to_utc(local_offset)?.trunc_subsecs(3);
        let source = if wall.is_explicit() {
            TimeSource::Explicit
        } else {
            TimeSource::AssumedOffset {
                offset_seconds: local_offset.local_minus_utc(),
            }
        };
        Some(EventTime {
            utc,
            source,
            original: Some(Text::from(original)),
        })
    }

    /// The time of a payload's timestamp field: its text read in its form (a local time at
    /// the options' offset); when it is missing or unreadable, the receive time from the
    /// options, if one was given.
    pub fn resolve<F: TimeFormat>(text: Option<&TimeText<F>>, options: &ConvertOptions) -> Option<Self> {
        text.and_then(|text| Some((text.parse()?, text.as_str())))
            .and_then(|(wall, original)| EventTime::from_wall(wall, original, options.local_offset))
            .or_else(|| options.received_at.map(EventTime::received))
    }

    /// The receive time (truncated to the millisecond, the common JSON's precision).
    pub fn received(utc: DateTime<Utc>) -> Self {
        EventTime {
            utc: utc.trunc_subsecs(3),
            source: TimeSource::Received,
            original: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn times_are_written_as_chrono_writes_them_to_the_millisecond(
            seconds in -62_167_219_200i64..253_402_300_799,
            nanos in 0u32..1_000_000_000,
        ) {
            let utc = DateTime::from_timestamp(seconds, nanos).unwrap();
            let time = EventTime::received(utc);
            let json = serde_json::to_value(&time).unwrap();
            prop_assert_eq!(json["utc"].as_str().unwrap(), utc.to_rfc3339_opts(SecondsFormat::Millis, true));
            let back: EventTime = serde_json::from_value(json).unwrap();
            prop_assert_eq!(back, time);
        }
    }

    #[test]
    fn years_beyond_four_digits_still_read_back() {
        let utc = DateTime::from_timestamp(300_000_000_000, 5_000_000).unwrap();
        let time = EventTime::received(utc);
        let back: EventTime = serde_json::from_value(serde_json::to_value(&time).unwrap()).unwrap();
        assert_eq!(back, time);
    }
}
