//! How a parsed payload departs from the vendor's documentation.

use super::{JsonPath, JsonType};
use std::fmt;

/// One way a payload departs from the vendor documentation, at one JSON path.
///
/// Parsing keeps every such value as it came (the lossless contract); `deviations()` on a
/// parsed event lists them, and the strict entry points turn the first into an error.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Deviation {
    /// Where the deviation is, e.g. `$.callType`.
    pub path: JsonPath,
    /// What it is.
    pub kind: DeviationKind,
}

/// What kind of departure from the documentation a [`Deviation`] is.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum DeviationKind {
    /// A key the documentation does not name (kept in the object's `extra`).
    UndocumentedField,
    /// A string outside a documented value set (kept as the enum's `Unknown`).
    UndocumentedValue {
        /// The name of the value set, e.g. `"CallType"`.
        set: &'static str,
        /// The value as sent.
        value: String,
    },
    /// A value of another JSON type than documented (kept whole, the typed accessor gives `None`).
    UnexpectedType {
        /// What the documentation promises, e.g. `"a string"`.
        expected: &'static str,
        /// What came.
        found: JsonType,
    },
    /// A value of the documented JSON type whose text does not have the documented form,
    /// e.g. a timestamp in another format.
    UnexpectedFormat {
        /// The documented form.
        expected: &'static str,
        /// The text as sent.
        found: String,
    },
    /// `null` where the documentation promises a value.
    Null {
        /// What the documentation promises.
        expected: &'static str,
    },
    /// A key that came more than once in its object; the last value is kept, as in
    /// `serde_json::Value`.
    DuplicateKey,
    /// A name from an older version of the vendor's format, read as its current equivalent
    /// (an Alibaba Cloud 1.0 event name such as `CallEstablished`).
    OldName {
        /// Which kind of old name, e.g. `"1.0 event name"`.
        what: &'static str,
        /// The current name, or `None` when the current version dropped the thing.
        current: Option<&'static str>,
    },
}

impl Deviation {
    /// A deviation of `kind` at `path`.
    pub fn new(path: JsonPath, kind: DeviationKind) -> Self {
        Deviation { path, kind }
    }
}

impl fmt::Display for DeviationKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DeviationKind::UndocumentedField => f.write_str("undocumented field"),
            DeviationKind::UndocumentedValue { set, value } => {
                write!(f, "undocumented {set} value {value:?}")
            }
            DeviationKind::UnexpectedType { expected, found } => {
                write!(f, "expected {expected}, found {found}")
            }
            DeviationKind::UnexpectedFormat { expected, found } => {
                write!(f, "expected {expected}, found {found:?}")
            }
            DeviationKind::Null { expected } => write!(f, "expected {expected}, found null"),
            DeviationKind::DuplicateKey => f.write_str("the key comes more than once (the last value is kept)"),
            DeviationKind::OldName {
                what,
                current: Some(current),
            } => write!(f, "{what}, now {current:?}"),
            DeviationKind::OldName { what, current: None } => write!(f, "{what}, with no current equivalent"),
        }
    }
}

impl fmt::Display for Deviation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.kind)
    }
}
