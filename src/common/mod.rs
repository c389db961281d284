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

mod agent_state;
mod cause;
mod event;
mod kind;
mod media;
mod options;
mod party;
mod time;

pub use agent_state::{AgentState, EcmaAgentState, NotReadyReason};
pub use cause::{Cause, CauseCode};
pub use event::{CommonEvent, Vendor};
pub use kind::{AbandonPhase, DivertMode, EventKind, TransferMode};
pub use media::Media;
pub use options::ConvertOptions;
pub use party::{ConnectionState, Direction, Party, PartyRole};
pub use time::{EventTime, TimeSource};
