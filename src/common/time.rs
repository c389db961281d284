//! [`EventTime`]: the normalized UTC time of an event, and where it came from.

use super::ConvertOptions;
use crate::wire::{TimeFormat, TimeText, WallTime};
use chrono::{DateTime, FixedOffset, Utc};
use serde::{Deserialize, Serialize};

/// When an event happened, in UTC, with where that time came from.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EventTime {
    /// The instant, in UTC.
    pub utc: DateTime<Utc>,
    /// Where it came from.
    pub source: TimeSource,
    /// The vendor's text, as sent (absent for the receive time).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original: Option<String>,
}

/// Where an [`EventTime`] came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type")]
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
}

impl EventTime {
    /// The time of a payload's text, resolving a local time at `local_offset`.
    pub fn from_wall(wall: WallTime, original: &str, local_offset: FixedOffset) -> Option<Self> {
        let utc = wall.to_utc(local_offset)?;
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
            original: Some(original.to_owned()),
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

    /// The receive time.
    pub fn received(utc: DateTime<Utc>) -> Self {
        EventTime {
            utc,
            source: TimeSource::Received,
            original: None,
        }
    }
}
