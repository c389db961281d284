//! Lossless, typed models of the events that contact-center platforms push, and one
//! vendor-neutral vocabulary to reason about agents and calls.
//!
//! | module | source | discriminator |
//! |---|---|---|
//! | [`aliyun_v2`] | Alibaba Cloud Call Center 2.0 events | `eventType` |
//! | [`push_v7`] | 7moor V7 event push | `pushType`, or the payload's shape |
//! | [`csta`] | a CSTA-style (ECMA-269) JSON event feed | `eventName` |
//! | [`ccai_qm`] | Google CCAI Platform call-session events for QM | `type` |
//! | [`ccai_qm::chat`] | Google CCAI Platform chat-session events for QM (schema `ccai_chat`) | `state` |
//!
//! Optional features: `cloudevents` (module `cloudevents`: common events as CloudEvents 1.0
//! JSON), `parquet` (module `columnar`: the Arrow schema of common events and Parquet files
//! partitioned by date and vendor), `schemars` (`JsonSchema` on the common vocabulary) and
//! `sonic` ([`json`] writes with sonic-rs: the same bytes, faster). One feature per schema,
//! all on by default, lets a service compile only the schemas it receives.
//!
//! [`parse`] finds the schema of a payload and parses it; each schema's `Event::from_slice`
//! parses one schema; `to_common` turns any event into a [`common::CommonEvent`].
//!
//! ```
//! use cc_events::common::{ConvertOptions, EventKind, TimeSource};
//! use cc_events::AnyEvent;
//!
//! // A CSTA feed event: local time, an undocumented field.
//! let bytes = br#"{"eventName":"delivered","eventType":"csta","eventTime":"2017.03.18 14:13:37",
//!     "namespace":"zhen04.cc","callId":"37db6efe","alertingDevice":"8002@zhen04.cc",
//!     "callingDevice":"13800000000","vendorExtra":{"a":1}}"#;
//! let event = cc_events::parse(bytes)?;
//! assert!(matches!(event, AnyEvent::Csta(_)));
//!
//! // One vocabulary, whichever vendor sent it.
//! let common = event.to_common(&ConvertOptions::default());
//! assert_eq!(common.kind, EventKind::Delivered);
//! assert_eq!(common.call_id.as_deref(), Some("37db6efe"));
//! let time = common.time.ok_or("the payload has a time")?;
//! assert_eq!(time.utc.to_rfc3339(), "2017-03-18T06:13:37+00:00"); // +08:00 assumed
//! assert_eq!(time.source, TimeSource::AssumedOffset { offset_seconds: 8 * 3600 });
//!
//! // Lossless: the undocumented field is kept, and reported.
//! let back = serde_json::to_value(&event)?;
//! assert_eq!(back, serde_json::from_slice::<serde_json::Value>(bytes)?);
//! assert_eq!(event.deviations()[0].to_string(), "$.vendorExtra: undocumented field");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The contracts are in the README: lossless round trips and errors under "Guarantees",
//! detection under "Schemas and auto-detection", time with each schema and under "The common
//! vocabulary"; [`wire`] holds the building blocks that keep them. Calls and agents across
//! events are [`track`]'s.
#![cfg_attr(docsrs, feature(doc_cfg))]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

#[cfg(feature = "aliyun_v2")]
#[cfg_attr(docsrs, doc(cfg(feature = "aliyun_v2")))]
pub mod aliyun_v2;
#[cfg(not(any(feature = "aliyun_v2", feature = "push_v7", feature = "csta", feature = "ccai_qm")))]
compile_error!("cc-events needs at least one schema feature: aliyun_v2, push_v7, csta or ccai_qm");

mod any_event;
mod any_event_accessors;
#[cfg(feature = "ccai_qm")]
#[cfg_attr(docsrs, doc(cfg(feature = "ccai_qm")))]
pub mod ccai_qm;
#[cfg(feature = "cloudevents")]
pub mod cloudevents;
#[cfg(feature = "parquet")]
pub mod columnar;
pub mod common;
#[cfg(feature = "csta")]
#[cfg_attr(docsrs, doc(cfg(feature = "csta")))]
pub mod csta;
mod detect;
mod error;
pub mod json;
#[cfg(feature = "push_v7")]
#[cfg_attr(docsrs, doc(cfg(feature = "push_v7")))]
pub mod push_v7;
pub mod read;
mod schema;
pub mod track;
pub mod validate;
pub mod wire;

pub use any_event::AnyEvent;
/// The `chrono` this crate's public API uses (`DateTime<Utc>`, `FixedOffset`), re-exported so
/// that a dependent needs no version of its own in step with this crate's.
pub use chrono;
pub use error::{Error, ErrorKind};
pub use schema::{ParseSchemaError, Schema};

/// Detects the schema of one payload and parses it.
///
/// Detection reads the top-level keys in the same pass that parses the payload: entries are
/// buffered only until a rule decides (usually at the first or second key), then the
/// schema's own parser takes over. The rules:
///
/// | the payload has | schema |
/// |---|---|
/// | `eventName` | csta |
/// | `pushType`, `callUniqueId`, `eventUniqueId`, `accountId`, `agentNumber` or `callEvent` | push_v7 |
/// | a `content` object holding `callEvent` | push_v7 |
/// | `eventType` = `"agent"` or `"csta"` | csta |
/// | `eventType` (any other string) or `instanceId` | aliyun_v2 |
/// | `type` = `"AgentState"`/`"CallState"` and an `item` key | ccai_qm |
/// | (at the end) any string `type` and an `item` object | ccai_qm |
/// | `chat_id` | ccai_chat |
///
/// A payload matching none gives [`ErrorKind::UnknownSchema`] with the keys it has; one with
/// signals of two schemas, [`ErrorKind::AmbiguousSchema`]; a discriminator sent twice,
/// [`ErrorKind::DuplicateDiscriminator`]. A leading byte-order mark is skipped.
pub fn parse(bytes: &[u8]) -> Result<AnyEvent, Error> {
    AnyEvent::from_slice(bytes)
}

/// A payload straight into the common vocabulary: the same result as
/// `parse(bytes)?.to_common(options)`, the same event or the same error, for any input, but
/// faster, because the values no conversion reads (fields the documentation names that have
/// no place in the vocabulary, and keys it does not name) are checked as JSON and skipped
/// rather than built.
///
/// Use it where only the common event is wanted; keep [`parse`] where the vendor's event is
/// stored, forwarded, validated or tracked.
///
/// ```
/// use cc_events::common::{ConvertOptions, EventKind};
/// let payload = br#"{"pushType":"callStatus","accountId":"N00000000001","agentNumber":"8001","status":"1","statusTime":"2024-03-01 10:00:00","callEvent":"","callUniqueId":"","eventUniqueId":"e-1"}"#;
/// let options = ConvertOptions::default();
/// let common = cc_events::parse_common(payload, &options)?;
/// assert_eq!(common, cc_events::parse(payload)?.to_common(&options));
/// # Ok::<(), cc_events::Error>(())
/// ```
pub fn parse_common(bytes: &[u8], options: &common::ConvertOptions) -> Result<common::CommonEvent, Error> {
    let event = {
        let _projection = wire::projection::Projection::start();
        AnyEvent::from_slice(bytes)?
    };
    Ok(event.to_common(options))
}

/// [`parse`], then a payload that departs from its vendor's documentation in any way is an
/// error: [`ErrorKind::Deviations`] with every deviation, located at the first. For a payload
/// of unknown vendor; each schema's `Event::from_slice_strict` does the same for one schema.
pub fn parse_strict(bytes: &[u8]) -> Result<AnyEvent, Error> {
    let event = parse(bytes)?;
    let found = event.deviations();
    match found.first() {
        None => Ok(event),
        Some(first) => Err(Error::new(
            Some(event.schema()),
            event.event_type().map(str::to_owned),
            first.path.clone(),
            ErrorKind::Deviations(found),
        )),
    }
}

/// The schema of one payload, without parsing it: one pass over the top-level keys, the values
/// the rules do not look at skipped (the rules are those of [`parse`]).
pub fn detect_schema(bytes: &[u8]) -> Result<Schema, Error> {
    any_event::detect_schema(bytes)
}

/// The README's examples, compiled and run as doctests.
#[doc = include_str!("../README.md")]
#[cfg(all(
    doctest,
    feature = "aliyun_v2",
    feature = "push_v7",
    feature = "csta",
    feature = "ccai_qm"
))]
pub struct ReadmeDoctests;
