//! The crate's one error type.

use crate::Schema;
use crate::wire::dispatch::Failure;
use crate::wire::locate::locate;
use crate::wire::path::Shortened;
use crate::wire::{Deviation, JsonPath, JsonType};
use serde_json::Value;
use std::fmt;

/// Why a payload could not be read: which schema, which event type when known, where in the
/// JSON (`$.item.Participants[1].State`), and what was expected and found.
///
/// ```
/// let error = cc_events::aliyun_v2::Event::from_slice(br#"{"eventType":"Held","callee":"138"#).unwrap_err();
/// assert_eq!(error.to_string(),
///     "aliyun_v2 event Held at $.callee: invalid JSON: EOF while parsing a string at line 1 column 33");
/// ```
#[derive(Debug)]
pub struct Error {
    schema: Option<Schema>,
    event_type: Option<String>,
    path: JsonPath,
    kind: ErrorKind,
}

/// What went wrong, in [`Error::kind`].
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The payload is not JSON (or not one JSON value); serde_json's message with line and column.
    #[error("invalid JSON: {0}")]
    Syntax(#[source] serde_json::Error),
    /// The payload is not UTF-8.
    #[error("the payload is not UTF-8: {0}")]
    Utf8(#[source] std::str::Utf8Error),
    /// The payload is JSON but not an object.
    #[error("expected a JSON object, found {found}{}", array_hint(*.found))]
    NotAnObject {
        /// What it is.
        found: JsonType,
    },
    /// The object has no key naming its event type, and no shape the schema recognises.
    #[error("expected the key `{key}` naming the event type; keys seen: {}", list(.keys, *.key_count))]
    MissingDiscriminator {
        /// The key the schema dispatches on.
        key: &'static str,
        /// The first keys the object has (at most [`ErrorKind::MAX_KEYS`]).
        keys: Vec<String>,
        /// How many keys the object has in all.
        key_count: usize,
    },
    /// The key naming the event type comes more than once, so the payload has no one reading
    /// (parsers and stores that keep the first or the last value would disagree).
    #[error("the key `{key}` naming the event type comes {} times: {}", .values.len(), json_list(.values))]
    DuplicateDiscriminator {
        /// The key the schema dispatches on (or, when the discriminator is absent, a key the
        /// schema reads the event type from: 7moor's `callEvent`, `callType`, `content`).
        key: &'static str,
        /// Its values as JSON texts, sorted (so the error is the same whatever their order).
        values: Vec<String>,
    },
    /// The key naming the event type does not hold a string.
    #[error("expected `{key}` to be a string naming the event type, found {found}")]
    InvalidDiscriminator {
        /// The key the schema dispatches on.
        key: &'static str,
        /// What it holds.
        found: JsonType,
    },
    /// The payload's top-level keys match no schema (auto-detection).
    #[error("the payload matches no known schema; top-level keys seen: {}", list(.keys, *.key_count))]
    UnknownSchema {
        /// The first keys the object has (at most [`ErrorKind::MAX_KEYS`]).
        keys: Vec<String>,
        /// How many keys the object has in all.
        key_count: usize,
    },
    /// The payload's top-level keys name more than one schema (auto-detection), so that
    /// no schema can be chosen without depending on their order.
    #[error("the payload has keys of more than one schema: {}", list_signals(.signals))]
    AmbiguousSchema {
        /// Each key (`type+item` for ccai_qm's pair) and the schema it names, sorted.
        signals: Vec<(&'static str, Schema)>,
    },
    /// The payload belongs to a schema whose cargo feature is off in this build.
    #[error("the payload is of schema {schema}, whose cargo feature `{}` is not enabled", .schema.feature())]
    SchemaNotEnabled {
        /// The schema detection found.
        schema: Schema,
    },
    /// A document of a stream is larger than the reader's limit
    /// ([`crate::read::Reader::max_document_bytes`]); it was skipped unread.
    #[error("the document is larger than {limit} bytes; it was skipped")]
    DocumentTooLarge {
        /// The limit.
        limit: usize,
    },
    /// Strict parsing: the payload departs from the vendor documentation.
    #[error("{}", deviations(.0))]
    Deviations(Vec<Deviation>),
}

fn array_hint(found: JsonType) -> &'static str {
    if found == JsonType::Array {
        " (one payload holds one event: parse each element of an array on its own)"
    } else {
        ""
    }
}

impl ErrorKind {
    /// How many keys an error keeps and lists (a payload may have millions).
    pub const MAX_KEYS: usize = 8;
}

/// The longest text of a key or value an error message shows.
const MAX_TEXT: usize = 64;

fn short(text: &str) -> String {
    if text.chars().count() <= MAX_TEXT {
        format!("{text:?}")
    } else {
        let head: String = text.chars().take(MAX_TEXT).collect();
        format!("{head:?}…")
    }
}

/// The first few of `items` (of `count` in all), quoted and shortened.
fn list(items: &[String], count: usize) -> String {
    if items.is_empty() {
        return "none".to_owned();
    }
    let shown: Vec<String> = items.iter().take(ErrorKind::MAX_KEYS).map(|item| short(item)).collect();
    let more = count.saturating_sub(shown.len());
    let mut out = shown.join(", ");
    if more > 0 {
        out.push_str(&format!(" and {more} more"));
    }
    out
}

/// JSON texts, the first few, shortened.
fn json_list(values: &[String]) -> String {
    let shown: Vec<String> = values
        .iter()
        .take(ErrorKind::MAX_KEYS)
        .map(|value| match value.char_indices().nth(MAX_TEXT) {
            Some((end, _)) => format!("{}…", &value[..end]),
            None => value.clone(),
        })
        .collect();
    let more = values.len().saturating_sub(shown.len());
    let mut out = shown.join(", ");
    if more > 0 {
        out.push_str(&format!(" and {more} more"));
    }
    out
}

fn list_signals(found: &[(&'static str, Schema)]) -> String {
    found
        .iter()
        .map(|(key, schema)| format!("`{key}` ({schema})"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Keeps the first [`ErrorKind::MAX_KEYS`] keys and the count of all.
fn first_keys(keys: Vec<String>) -> (Vec<String>, usize) {
    let count = keys.len();
    let mut keys = keys;
    keys.truncate(ErrorKind::MAX_KEYS);
    (keys, count)
}

fn deviations(found: &[Deviation]) -> String {
    match found {
        [] => "no deviation".to_owned(),
        [only] => format!("deviates from the documentation: {}", only.kind),
        [first, rest @ ..] => format!(
            "deviates from the documentation: {} (and {} more)",
            first.kind,
            rest.len()
        ),
    }
}

impl Error {
    pub(crate) fn new(schema: Option<Schema>, event_type: Option<String>, path: JsonPath, kind: ErrorKind) -> Self {
        Error {
            schema,
            event_type,
            path,
            kind,
        }
    }

    /// A JSON error, located by re-reading the payload.
    pub(crate) fn from_json(schema: Option<Schema>, tags: &[&str], bytes: &[u8], error: serde_json::Error) -> Self {
        let at = locate(bytes, tags);
        let kind = match JsonType::of_text(bytes) {
            Some(found) if found != JsonType::Object && error.is_data() => ErrorKind::NotAnObject { found },
            _ => ErrorKind::Syntax(error),
        };
        Error::new(schema, at.event_type, at.path, kind)
    }

    /// Bytes that are not UTF-8, located by re-reading them.
    pub(crate) fn from_utf8(schema: Option<Schema>, tags: &[&str], bytes: &[u8], error: std::str::Utf8Error) -> Self {
        let at = locate(bytes, tags);
        Error::new(schema, at.event_type, at.path, ErrorKind::Utf8(error))
    }

    /// A document of a stream over the reader's size limit.
    pub(crate) fn too_large(limit: usize) -> Self {
        Error::new(None, None, JsonPath::root(), ErrorKind::DocumentTooLarge { limit })
    }

    /// The payload matched no schema.
    pub(crate) fn unknown_schema(keys: Vec<String>) -> Self {
        let (keys, key_count) = first_keys(keys);
        Error::new(
            None,
            None,
            JsonPath::root(),
            ErrorKind::UnknownSchema { keys, key_count },
        )
    }

    /// A failure the event visitors recorded (`schema` is `None` before detection chose one).
    pub(crate) fn from_failure(schema: Option<Schema>, tag: &'static str, failure: Failure) -> Self {
        let (path, kind) = match failure {
            Failure::NotAnObject(found) => (JsonPath::root(), ErrorKind::NotAnObject { found }),
            Failure::MissingTag(keys) => {
                let (keys, key_count) = first_keys(keys);
                (
                    JsonPath::root(),
                    ErrorKind::MissingDiscriminator {
                        key: tag,
                        keys,
                        key_count,
                    },
                )
            }
            Failure::TagNotString(found) => (JsonPath::key(tag), ErrorKind::InvalidDiscriminator { key: tag, found }),
            Failure::DuplicateTag { key, values } => {
                let mut values: Vec<String> = values.iter().map(Value::to_string).collect();
                values.sort();
                (JsonPath::key(key), ErrorKind::DuplicateDiscriminator { key, values })
            }
            Failure::UnknownSchema(keys) => return Error::unknown_schema(keys),
            Failure::SchemaNotEnabled(schema) => {
                return Error::new(
                    Some(schema),
                    None,
                    JsonPath::root(),
                    ErrorKind::SchemaNotEnabled { schema },
                );
            }
            Failure::AmbiguousSchema(signals) => {
                return Error::new(None, None, JsonPath::root(), ErrorKind::AmbiguousSchema { signals });
            }
        };
        Error::new(schema, None, path, kind)
    }

    /// The schema the payload was read as (`None` when auto-detection found none).
    pub fn schema(&self) -> Option<Schema> {
        self.schema
    }

    /// The event type, when it was read before the error.
    pub fn event_type(&self) -> Option<&str> {
        self.event_type.as_deref()
    }

    /// Where in the payload the error is (`$` for the payload as a whole).
    pub fn path(&self) -> &JsonPath {
        &self.path
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// The deviations, when strict parsing failed on them.
    pub fn deviations(&self) -> &[Deviation] {
        match &self.kind {
            ErrorKind::Deviations(found) => found,
            _ => &[],
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.schema {
            Some(schema) => write!(f, "{schema}")?,
            None => f.write_str("cc_events")?,
        }
        if let Some(event_type) = &self.event_type {
            write!(f, " event {event_type}")?;
        }
        write!(f, " at {}: {}", Shortened(&self.path), self.kind)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        std::error::Error::source(&self.kind)
    }
}
