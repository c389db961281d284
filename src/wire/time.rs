//! Timestamps that keep their text and parse on request: [`TimeText`] and its formats.

use super::{Deviation, DeviationKind, JsonPath, WireValue};
use chrono::{DateTime, FixedOffset, NaiveDateTime, TimeZone, Utc};
use serde::{Serialize, Serializer};
use std::fmt;
use std::hash::{Hash, Hasher};
use std::marker::PhantomData;

/// A point in time as a vendor wrote it: either with its zone (UTC) or as a wall-clock time
/// whose zone the payload does not say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WallTime {
    /// The text carried its zone.
    Utc(DateTime<Utc>),
    /// A local wall-clock time; its offset must come from elsewhere.
    Local(NaiveDateTime),
}

impl WallTime {
    /// The instant in UTC, taking a local time to be at `local_offset`.
    pub fn to_utc(self, local_offset: FixedOffset) -> Option<DateTime<Utc>> {
        match self {
            WallTime::Utc(time) => Some(time),
            WallTime::Local(naive) => local_offset
                .from_local_datetime(&naive)
                .single()
                .map(|time| time.with_timezone(&Utc)),
        }
    }

    /// Whether the text carried its zone.
    pub fn is_explicit(self) -> bool {
        matches!(self, WallTime::Utc(_))
    }
}

/// A way of writing time in text. Implement it to add a vendor's form.
pub trait TimeFormat {
    /// The form, for deviations, e.g. `"an RFC 3339 UTC time"`.
    const EXPECTED: &'static str;
    /// Reads `text` (never empty), or `None` if it is not of this form.
    fn parse(text: &str) -> Option<WallTime>;
}

/// A timestamp kept as the text that came (so it round-trips byte for byte), read by
/// [`TimeText::parse`] in the form `F`. An empty string means "no time": `parse` gives `None`
/// and it is no deviation. A text of another form is kept and reported as a deviation.
pub struct TimeText<F> {
    text: super::Text,
    format: PhantomData<fn() -> F>,
}

impl<F: TimeFormat> TimeText<F> {
    /// Wraps a text as sent.
    pub fn new(text: impl Into<super::Text>) -> Self {
        TimeText {
            text: text.into(),
            format: PhantomData,
        }
    }

    /// The text as sent.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether the text is empty ("no time").
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The time the text names, if it is of the form `F`.
    pub fn parse(&self) -> Option<WallTime> {
        if self.text.is_empty() {
            None
        } else {
            F::parse(&self.text)
        }
    }
}

impl<F> Clone for TimeText<F> {
    fn clone(&self) -> Self {
        TimeText {
            text: self.text.clone(),
            format: PhantomData,
        }
    }
}

impl<F> PartialEq for TimeText<F> {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl<F> Eq for TimeText<F> {}

impl<F> Hash for TimeText<F> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.text.hash(state);
    }
}

impl<F> fmt::Debug for TimeText<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("TimeText").field(&self.text).finish()
    }
}

impl<F> fmt::Display for TimeText<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl<F> Serialize for TimeText<F> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

impl<F: TimeFormat> WireValue for TimeText<F> {
    const EXPECTED: &'static str = F::EXPECTED;

    fn from_wire_str(text: &str) -> Option<Self> {
        Some(TimeText::new(text))
    }

    fn from_wire_string(text: String) -> Result<Self, String> {
        Ok(TimeText::new(text))
    }

    fn check(&self, path: &mut JsonPath, out: &mut Vec<Deviation>) {
        if !self.text.is_empty() && self.parse().is_none() {
            out.push(Deviation::new(
                path.clone(),
                DeviationKind::UnexpectedFormat {
                    expected: F::EXPECTED,
                    found: self.text.to_string(),
                },
            ));
        }
    }
}

/// RFC 3339 with its zone, fraction optional: `2021-04-14T02:34:00.447Z` (aliyun_v2 `eventTime`).
#[derive(Debug)]
pub enum Rfc3339 {}

impl TimeFormat for Rfc3339 {
    const EXPECTED: &'static str = "an RFC 3339 time such as 2021-04-14T02:34:00.447Z";
    fn parse(text: &str) -> Option<WallTime> {
        DateTime::parse_from_rfc3339(text)
            .ok()
            .map(|time| WallTime::Utc(time.with_timezone(&Utc)))
    }
}

/// Unix time in seconds, written as decimal digits: `1602063365`. Thirteen digits or more are
/// read as milliseconds, which some senders use in the same field.
#[derive(Debug)]
pub enum UnixSeconds {}

impl TimeFormat for UnixSeconds {
    const EXPECTED: &'static str = "unix seconds such as 1602063365";
    fn parse(text: &str) -> Option<WallTime> {
        let text = text.trim();
        if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let value: i64 = text.parse().ok()?;
        let time = if text.len() >= 13 {
            DateTime::from_timestamp_millis(value)
        } else {
            DateTime::from_timestamp(value, 0)
        };
        time.map(WallTime::Utc)
    }
}

/// Reads the fixed-width `YYYY?MM?DD HH:MM:SS` (`?` being `date_separator`) without going
/// through chrono's general format parser, which costs more than parsing the whole event.
fn fixed_local(text: &str, date_separator: u8) -> Option<NaiveDateTime> {
    let bytes = text.as_bytes();
    // Every index below is under 19, the length checked here.
    if bytes.len() != 19
        || bytes[4] != date_separator
        || bytes[7] != date_separator
        || bytes[10] != b' '
        || bytes[13] != b':'
        || bytes[16] != b':'
    {
        return None;
    }
    let number = |from: usize, to: usize| -> Option<u32> {
        bytes[from..to].iter().try_fold(0u32, |acc, byte| {
            byte.is_ascii_digit().then(|| acc * 10 + u32::from(byte - b'0'))
        })
    };
    let date = chrono::NaiveDate::from_ymd_opt(i32::try_from(number(0, 4)?).ok()?, number(5, 7)?, number(8, 10)?)?;
    date.and_hms_opt(number(11, 13)?, number(14, 16)?, number(17, 19)?)
}

/// Local wall-clock time `YYYY-MM-DD HH:MM:SS` (7moor CDR times, login/logout `statusTime`).
#[derive(Debug)]
pub enum LocalDateTime {}

impl TimeFormat for LocalDateTime {
    const EXPECTED: &'static str = "a local time such as 2020-10-07 17:36:05";
    fn parse(text: &str) -> Option<WallTime> {
        fixed_local(text, b'-').map(WallTime::Local)
    }
}

/// Local wall-clock time `YYYY.MM.DD HH:MM:SS` (the CSTA feed's `eventTime`).
#[derive(Debug)]
pub enum DottedLocalDateTime {}

impl TimeFormat for DottedLocalDateTime {
    const EXPECTED: &'static str = "a local time such as 2021.01.08 11:27:42";
    fn parse(text: &str) -> Option<WallTime> {
        fixed_local(text, b'.').map(WallTime::Local)
    }
}

/// An RFC 3339 timestamp ([`Rfc3339`]).
pub type Rfc3339Time = TimeText<Rfc3339>;
/// A unix-seconds timestamp in a string ([`UnixSeconds`]).
pub type UnixSecondsTime = TimeText<UnixSeconds>;
/// A `YYYY-MM-DD HH:MM:SS` local time ([`LocalDateTime`]).
pub type LocalTime = TimeText<LocalDateTime>;
/// A `YYYY.MM.DD HH:MM:SS` local time ([`DottedLocalDateTime`]).
pub type DottedLocalTime = TimeText<DottedLocalDateTime>;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::Field;
    use chrono::NaiveDate;
    use serde_json::json;

    fn utc(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn rfc3339_with_and_without_millis() {
        assert_eq!(
            Rfc3339Time::new("2021-04-14T02:34:00.447Z").parse(),
            Some(WallTime::Utc(utc("2021-04-14T02:34:00.447Z")))
        );
        assert_eq!(
            Rfc3339Time::new("2021-04-14T02:34:00Z").parse(),
            Some(WallTime::Utc(utc("2021-04-14T02:34:00Z")))
        );
        assert_eq!(Rfc3339Time::new("2021-04-14 02:34:00").parse(), None);
        assert_eq!(Rfc3339Time::new("").parse(), None);
    }

    #[test]
    fn unix_seconds_and_millis() {
        let expected = WallTime::Utc(utc("2020-10-07T09:36:05Z"));
        assert_eq!(UnixSecondsTime::new("1602063365").parse(), Some(expected));
        assert_eq!(UnixSecondsTime::new("1602063365000").parse(), Some(expected));
        assert_eq!(UnixSecondsTime::new("-5").parse(), None);
        assert_eq!(UnixSecondsTime::new("16e8").parse(), None);
    }

    #[test]
    fn local_forms_resolve_with_an_offset() {
        let naive = NaiveDate::from_ymd_opt(2020, 10, 7)
            .unwrap()
            .and_hms_opt(17, 36, 5)
            .unwrap();
        let local = LocalTime::new("2020-10-07 17:36:05").parse();
        assert_eq!(local, Some(WallTime::Local(naive)));
        assert_eq!(
            DottedLocalTime::new("2020.10.07 17:36:05").parse(),
            Some(WallTime::Local(naive))
        );
        let east8 = FixedOffset::east_opt(8 * 3600).unwrap();
        assert_eq!(
            local.and_then(|time| time.to_utc(east8)),
            Some(utc("2020-10-07T09:36:05Z"))
        );
        assert!(!local.unwrap().is_explicit());
    }

    #[test]
    fn keeps_text_reports_bad_form_not_empty() {
        let field: Field<LocalTime> = serde_json::from_value(json!("07/10/2020")).unwrap();
        assert_eq!(serde_json::to_value(&field).unwrap(), json!("07/10/2020"));
        let mut out = Vec::new();
        field.check_here(false, &mut JsonPath::key("statusTime"), &mut out);
        assert_eq!(
            out[0].to_string(),
            "$.statusTime: expected a local time such as 2020-10-07 17:36:05, found \"07/10/2020\""
        );
        for odd in [
            "2020-10-07 17:36:5",
            "2020-13-07 17:36:05",
            "2020-10-07T17:36:05",
            "2020-10-07 25:00:00",
            "２０20-10-07 17:36:05",
        ] {
            assert_eq!(LocalTime::new(odd).parse(), None, "{odd}");
        }
        assert_eq!(DottedLocalTime::new("2020-10-07 17:36:05").parse(), None);
        let empty: Field<LocalTime> = serde_json::from_value(json!("")).unwrap();
        out.clear();
        empty.check_here(false, &mut JsonPath::root(), &mut out);
        assert!(out.is_empty());
        let number: Field<LocalTime> = serde_json::from_value(json!(1602063365)).unwrap();
        assert_eq!(number.unexpected(), Some(&json!(1602063365)));
    }
}
