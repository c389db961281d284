//! The vendor-neutral vocabulary: one way to reason about agents and calls, whichever vendor
//! sent the payload.
//!
//! Every schema's `Event` (and [`crate::AnyEvent`]) has `to_common(&ConvertOptions) ->
//! CommonEvent`. A conversion never fails and never panics: what does not map is
//! [`EventKind::Other`] with the vendor's type kept in [`CommonEvent::vendor_event_type`].
//!
//! Names follow ECMA-269 (CSTA) wherever ECMA has one: call-control kinds (Delivered,
//! Established, Held, Retrieved, Transferred, Conferenced, ConnectionCleared, CallCleared,
//! Diverted, Failed, Queued, Originated, ServiceInitiated), agent states (logged on/off, ready,
//! not ready, busy, working after call) and causes ([`CauseCode`]). The kinds ECMA lacks
//! (reserved, muted, abandoned, queue timeout, supervision, IVR nodes, transcripts,
//! recordings, call records, surveys) are named after what the big platforms call them.
//!
//! # The common JSON
//!
//! A [`CommonEvent`] serialises to one JSON object whose `format` member names its version
//! ([`FormatVersion`], `"cc-events/1"`). The format is forward-compatible: every enum of the
//! vocabulary reads a value it does not know (from a newer version) as `Unrecognized(text)`,
//! unknown members are kept in [`CommonEvent::extra`], and both are written back unchanged.
//! Times are always written to the millisecond, in UTC (`"2017-03-18T06:13:37.000Z"`).
//!
//! Its JSON Schema (draft 2020-12) is [`JSON_SCHEMA`], committed as
//! `src/common/common-event.schema.json` and generated from these types with the `schemars`
//! feature (`schemars::schema_for!(CommonEvent)`); a test fails when the two differ.

mod agent_state;
mod cause;
mod event;
mod format;
mod kind;
mod media;
mod options;
mod party;
mod time;
pub(crate) mod vocabulary;

pub use agent_state::{AgentState, EcmaAgentState, NotReadyReason};
pub use cause::{Cause, CauseCode};
pub use event::{CommonEvent, Vendor};
pub use format::FormatVersion;
pub use kind::{AbandonPhase, DivertMode, EventKind, TransferMode};
pub use media::Media;
pub use options::ConvertOptions;
pub use party::{ConnectionState, Direction, Party, PartyRole};
pub use time::{EventTime, TimeSource};

/// The JSON Schema (draft 2020-12) of one [`CommonEvent`]: of every line `normalize` prints.
/// Generated from the types with the `schemars` feature; the crate's tests check that it is
/// up to date and that every event converted from the bundled fixtures validates against it.
pub const JSON_SCHEMA: &str = include_str!("common-event.schema.json");
