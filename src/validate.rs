//! Fixture validation for downstream tests: what the crate makes of a vendor payload, as one
//! serialisable [`Report`] to pin in a snapshot.
//!
//! A service that receives a vendor's pushes keeps real payloads as fixtures and pins, in a
//! test, how each one departs from the vendor's documentation and what it means in the common
//! vocabulary. When the vendor changes a payload, or this crate reads it differently, the
//! snapshot shows exactly what changed. The README's "Validate your vendor's fixtures" has a
//! complete test to copy.
//!
//! ```
//! use cc_events::common::{ConvertOptions, EventKind};
//!
//! let payload = br#"{"eventName":"held","eventTime":"2017.03.18 14:37:57","callId":"c-1","mood":"calm"}"#;
//! let report = cc_events::validate::validate(payload, &ConvertOptions::default())?;
//! assert_eq!(report.schema, cc_events::Schema::Csta);
//! assert_eq!(report.event_type.as_deref(), Some("held"));
//! assert!(report.lossless);
//! assert_eq!(report.deviations[0].to_string(), "$.mood: undocumented field");
//! assert_eq!(report.common.kind, EventKind::Held);
//! assert!(!report.is_clean());
//! # Ok::<(), cc_events::Error>(())
//! ```

use crate::common::{CommonEvent, ConvertOptions};
use crate::wire::Deviation;
use crate::{AnyEvent, Error, Schema};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::fmt;
use std::path::Path;

/// What the crate makes of one payload: its schema and event type, whether it round-trips
/// losslessly, how it departs from the vendor documentation, and its common event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Report {
    /// The schema detected.
    pub schema: Schema,
    /// The vendor's event type as sent (the schema's discriminator), when there is one.
    pub event_type: Option<String>,
    /// Whether serialising the typed event gives back the payload's JSON value (the
    /// lossless contract; `false` would be a bug of this crate, worth reporting).
    pub lossless: bool,
    /// How the payload departs from the vendor documentation, in document order.
    pub deviations: Vec<ReportedDeviation>,
    /// The event in the common vocabulary.
    pub common: CommonEvent,
}

impl Report {
    /// Lossless and without deviation: what the strict entry points accept.
    pub fn is_clean(&self) -> bool {
        self.lossless && self.deviations.is_empty()
    }
}

/// One [`Deviation`], in a serialisable form: where, and what. Displays as the deviation
/// does (`$.vendorExtra: undocumented field`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ReportedDeviation {
    /// The JSON path, e.g. `$.item.Participants[1].State`.
    pub path: String,
    /// What departs from the documentation, e.g. `undocumented CallType value "VIP"`.
    pub what: String,
}

impl From<&Deviation> for ReportedDeviation {
    fn from(deviation: &Deviation) -> Self {
        ReportedDeviation {
            path: deviation.path.to_string(),
            what: deviation.kind.to_string(),
        }
    }
}

impl fmt::Display for ReportedDeviation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.what)
    }
}

/// The report on one payload of any schema: detected, parsed, checked for the round trip and
/// the deviations, converted with `options`. An `Err` only when the payload does not parse
/// (the same errors as [`crate::parse`]).
pub fn validate(bytes: &[u8], options: &ConvertOptions) -> Result<Report, Error> {
    let event = crate::parse(bytes)?;
    Ok(report(bytes, &event, options))
}

/// The report on an event already parsed from `bytes`.
pub fn report(bytes: &[u8], event: &AnyEvent, options: &ConvertOptions) -> Report {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let original = serde_json::from_slice::<Value>(bytes).ok();
    let back = serde_json::to_value(event).ok();
    Report {
        schema: event.schema(),
        event_type: event.event_type().map(str::to_owned),
        lossless: original.is_some() && original == back,
        deviations: event.deviations().iter().map(ReportedDeviation::from).collect(),
        common: event.to_common(options),
    }
}

/// The report on one file of a folder (see [`validate_dir`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FileReport {
    /// The file's name within the folder.
    pub file: String,
    /// Its report, or why it does not parse.
    pub outcome: Outcome,
}

/// What became of one file: a report, or the parse error's message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Outcome {
    /// The payload parsed.
    Report(Box<Report>),
    /// The payload does not parse: the error's message (schema, event type, JSON path,
    /// what was expected and found).
    Error(String),
}

impl Outcome {
    /// The report, when the payload parsed.
    pub fn report(&self) -> Option<&Report> {
        match self {
            Outcome::Report(report) => Some(report),
            Outcome::Error(_) => None,
        }
    }
}

/// The reports on every `.json` file directly in `dir` (not in its subfolders, so an
/// `invalid/` folder beside valid payloads is left out), sorted by file name. An `Err` only
/// when the folder or a file cannot be read.
pub fn validate_dir(dir: impl AsRef<Path>, options: &ConvertOptions) -> std::io::Result<Vec<FileReport>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_file() && path.extension().is_some_and(|ext| ext == "json") {
            files.push(path);
        }
    }
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let bytes = std::fs::read(&path)?;
            let outcome = match validate(&bytes, options) {
                Ok(report) => Outcome::Report(Box::new(report)),
                Err(error) => Outcome::Error(error.to_string()),
            };
            let file = path
                .file_name()
                .map(|name| name.to_string_lossy().into_owned())
                .unwrap_or_default();
            Ok(FileReport { file, outcome })
        })
        .collect()
}
