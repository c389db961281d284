//! Common events as CloudEvents 1.0 in the JSON format (feature `cloudevents`), ready for a
//! Kafka topic, an HTTP sink or a streaming database that reads CloudEvents.
//!
//! | attribute | value |
//! |---|---|
//! | `specversion` | `"1.0"` |
//! | `id` | 32 hex digits, a hash of the vendor's payload (see below): the same input gives the same id, so a replay deduplicates |
//! | `source` | `/{vendor}/{tenant}` (percent-encoded), or `/{vendor}` without a tenant: `/alibaba_cloud/report-test-2` |
//! | `type` | `{prefix}.{kind}.v1`, reverse-DNS: `dev.cc-events.established.v1`; the suffix is the version of the common JSON in `data` |
//! | `subject` | the agent for the agent kinds (`agent_*`), else the call; the other when that is absent |
//! | `time` | the event's UTC time (`2021-04-14T02:34:00.447Z`), whatever its source |
//! | `datacontenttype` | `"application/json"` |
//! | `data` | the [`CommonEvent`] JSON; with [`CloudEventOptions::include_payload`], plus `vendor_payload`: the vendor's payload, whole |
//!
//! The envelope is written here rather than with the `cloudevents-sdk` crate: the SDK pulls
//! `url`, `idna`, `snafu`, `uuid`, `base64` and `delegate-attr` (and their dependencies) for
//! what is eight attributes of one JSON object; this module adds no dependency, and a test
//! validates every line it writes for the bundled fixtures against the specification's JSON
//! schema.
//!
//! The `id` is FNV-1a (128 bits, a fixed, documented function, so ids stay the same across
//! Rust and crate versions) over the vendor's name and the payload's JSON written compact
//! with every object's keys sorted (so key order does not matter, whatever serde_json's
//! features in the build), and, when the event's time is the receive time (CCAI
//! payloads carry none), that time too: two identical CCAI snapshots received at different
//! times are two events, and a replay that supplies the same receive times gets the same ids.
//! Without a payload ([`CloudEvent::from_common`]) the common event's own JSON is hashed.
//!
//! ```
//! use cc_events::cloudevents::{CloudEvent, CloudEventOptions};
//! use cc_events::common::ConvertOptions;
//! let bytes = br#"{"eventTime":"2021-04-14T02:34:00.447Z","eventType":"AgentCheckIn",
//!     "instanceId":"report-test-2","agentId":"test@report-test-2"}"#;
//! let event = cc_events::parse(bytes)?;
//! let common = event.to_common(&ConvertOptions::default());
//! let cloud = CloudEvent::from_event(&event, &common, &CloudEventOptions::default());
//! assert_eq!(cloud.event_type, "dev.cc-events.agent_logged_on.v1");
//! assert_eq!(cloud.source, "/alibaba_cloud/report-test-2");
//! assert_eq!(cloud.subject.as_deref(), Some("test@report-test-2"));
//! assert_eq!(cloud.time.as_deref(), Some("2021-04-14T02:34:00.447Z"));
//! // One JSON line per event.
//! let line = serde_json::to_string(&cloud)?;
//! assert!(line.starts_with(r#"{"specversion":"1.0","id":""#));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::common::{CommonEvent, TimeSource};
use chrono::SecondsFormat;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The CloudEvents version written.
pub const SPEC_VERSION: &str = "1.0";

/// The version suffix of every `type`: the version of the common JSON carried in `data`.
pub const TYPE_VERSION: &str = "v1";

/// The default reverse-DNS prefix of `type`.
pub const DEFAULT_TYPE_PREFIX: &str = "dev.cc-events";

/// How common events are written as CloudEvents.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct CloudEventOptions {
    /// The reverse-DNS prefix of `type` (default [`DEFAULT_TYPE_PREFIX`]): a service sets its
    /// own domain, e.g. `com.example.contact-center`.
    pub type_prefix: String,
    /// Whether `data` also carries the vendor's payload, whole, as `vendor_payload`.
    pub include_payload: bool,
}

impl Default for CloudEventOptions {
    fn default() -> Self {
        CloudEventOptions {
            type_prefix: DEFAULT_TYPE_PREFIX.to_owned(),
            include_payload: false,
        }
    }
}

impl CloudEventOptions {
    /// Sets the `type` prefix.
    pub fn with_type_prefix(mut self, prefix: impl Into<String>) -> Self {
        self.type_prefix = prefix.into();
        self
    }

    /// Sets whether the vendor's payload is carried in `data`.
    pub fn with_payload(mut self, include: bool) -> Self {
        self.include_payload = include;
        self
    }
}

/// One CloudEvent in the JSON format (structured mode): the context attributes, then `data`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CloudEvent {
    /// Always [`SPEC_VERSION`].
    pub specversion: String,
    /// Stable for the same input (see the module documentation).
    pub id: String,
    /// `/{vendor}/{tenant}`.
    pub source: String,
    /// `{prefix}.{kind}.v1`.
    #[serde(rename = "type")]
    pub event_type: String,
    /// The agent or the call the event is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// RFC 3339 UTC.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
    /// Always `application/json`.
    pub datacontenttype: String,
    /// The common event (and the vendor payload when asked for).
    pub data: Value,
}

impl CloudEvent {
    /// The CloudEvent of `common`, converted from `event` (any parsed event: its JSON is the
    /// vendor's payload, by the lossless contract). The id hashes that payload.
    pub fn from_event<E: Serialize>(event: &E, common: &CommonEvent, options: &CloudEventOptions) -> Self {
        // Serialising a parsed event gives back its payload; a failure (never seen: the types
        // are plain JSON) falls back to hashing the common event.
        match serde_json::to_value(event) {
            Ok(payload) => Self::build(common, Some(payload), options),
            Err(_) => Self::build(common, None, options),
        }
    }

    /// The CloudEvent of `common` alone; the id hashes the common event's JSON.
    pub fn from_common(common: &CommonEvent, options: &CloudEventOptions) -> Self {
        Self::build(common, None, options)
    }

    fn build(common: &CommonEvent, payload: Option<Value>, options: &CloudEventOptions) -> Self {
        let vendor = common.vendor.to_string();
        let mut hash = Fnv128::new();
        match &payload {
            Some(payload) => {
                hash.write(common.vendor.as_str().as_bytes());
                hash.write(b"\0");
                hash.write(canonical(payload).as_bytes());
                if let Some(time) = common.time.as_ref().filter(|time| time.source == TimeSource::Received) {
                    hash.write(b"\0");
                    hash.write(rfc3339(time.utc).as_bytes());
                }
            }
            None => hash.write(canonical(&serde_json::to_value(common).unwrap_or_default()).as_bytes()),
        }
        let source = match common.tenant.as_deref() {
            Some(tenant) => format!("/{}/{}", percent_encode(&vendor), percent_encode(tenant)),
            None => format!("/{}", percent_encode(&vendor)),
        };
        let kind = common.kind.as_str();
        let is_agent_kind = kind.starts_with("agent_");
        let (first, second) = if is_agent_kind {
            (&common.agent_id, &common.call_id)
        } else {
            (&common.call_id, &common.agent_id)
        };
        let mut data = serde_json::to_value(common).unwrap_or_default();
        if let (true, Some(payload), Value::Object(object)) = (options.include_payload, payload, &mut data) {
            object.insert("vendor_payload".to_owned(), payload);
        }
        CloudEvent {
            specversion: SPEC_VERSION.to_owned(),
            id: format!("{:032x}", hash.finish()),
            source,
            event_type: format!("{}.{}.{}", options.type_prefix, kind, TYPE_VERSION),
            subject: first.as_deref().or(second.as_deref()).map(str::to_owned),
            time: common.time.as_ref().map(|time| rfc3339(time.utc)),
            datacontenttype: "application/json".to_owned(),
            data,
        }
    }
}

fn rfc3339(time: chrono::DateTime<chrono::Utc>) -> String {
    time.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

/// Percent-encodes everything but RFC 3986's unreserved characters, so that any tenant text
/// makes a valid URI-reference path segment.
fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// `value` as compact JSON with every object's keys sorted. serde_json's own text follows its
/// map's order, which is insertion order when any crate in the build turns on its
/// `preserve_order` feature; ids must not change with that.
fn canonical(value: &Value) -> String {
    let mut out = String::new();
    write_canonical(value, &mut out);
    out
}

fn write_canonical(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => write_sorted_object(map.iter().collect(), out),
        Value::Array(items) => {
            out.push('[');
            for (n, item) in items.iter().enumerate() {
                if n > 0 {
                    out.push(',');
                }
                write_canonical(item, out);
            }
            out.push(']');
        }
        leaf => out.push_str(&leaf.to_string()),
    }
}

/// An object's entries, in whatever order its map keeps them, written sorted by key.
fn write_sorted_object(mut entries: Vec<(&String, &Value)>, out: &mut String) {
    entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
    out.push('{');
    for (n, (key, value)) in entries.into_iter().enumerate() {
        if n > 0 {
            out.push(',');
        }
        out.push_str(&Value::from(key.as_str()).to_string());
        out.push(':');
        write_canonical(value, out);
    }
    out.push('}');
}

/// FNV-1a, 128 bits: a fixed function, so ids do not change with the Rust version (std's
/// hasher makes no such promise).
struct Fnv128(u128);

impl Fnv128 {
    const OFFSET: u128 = 0x6c62272e07bb014262b821756295c58d;
    const PRIME: u128 = 0x0000000001000000000000000000013B;

    fn new() -> Self {
        Fnv128(Self::OFFSET)
    }

    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.0 ^= u128::from(*byte);
            self.0 = self.0.wrapping_mul(Self::PRIME);
        }
    }

    fn finish(&self) -> u128 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_1a_128_matches_the_published_vectors() {
        let hash = |text: &str| {
            let mut hash = Fnv128::new();
            hash.write(text.as_bytes());
            format!("{:032x}", hash.finish())
        };
        assert_eq!(hash(""), "6c62272e07bb014262b821756295c58d");
        assert_eq!(hash("a"), "d228cb696f1a8caf78912b704e4a8964");
    }

    #[test]
    fn the_hashed_text_sorts_keys_whatever_the_map_order() {
        // This build's map iterates sorted already; entries in another order (as with
        // serde_json's `preserve_order`) are handed to the writer directly.
        let (y, b, a) = ("y".to_owned(), "b".to_owned(), "a\"b".to_owned());
        let inner = serde_json::json!({"z": 1, "a": ["é\n", null]});
        let (one_half, null) = (Value::from(1.5), Value::Null);
        let mut out = String::new();
        write_sorted_object(vec![(&y, &inner), (&b, &one_half), (&a, &null)], &mut out);
        assert_eq!(out, r#"{"a\"b":null,"b":1.5,"y":{"a":["é\n",null],"z":1}}"#);
    }

    /// Without `preserve_order` (this crate's build) serde_json writes the same text, so the
    /// ids are the ones serde_json's text gave before the hash sorted keys itself.
    #[test]
    fn the_hashed_text_is_serde_jsons_for_every_bundled_payload() {
        let mut folders = vec![std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures")];
        let mut checked = 0;
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(folder).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    folders.push(path);
                } else if path.extension().is_some_and(|ext| ext == "json") {
                    let Ok(value) = serde_json::from_slice::<Value>(&std::fs::read(&path).unwrap()) else {
                        continue; // the malformed samples
                    };
                    assert_eq!(canonical(&value), value.to_string(), "{}", path.display());
                    checked += 1;
                }
            }
        }
        assert!(checked > 150, "{checked}");
    }

    #[test]
    fn tenants_are_percent_encoded() {
        assert_eq!(percent_encode("report-test-2"), "report-test-2");
        assert_eq!(percent_encode("a b/c@d"), "a%20b%2Fc%40d");
        assert_eq!(percent_encode("租户"), "%E7%A7%9F%E6%88%B7");
    }
}
