//! Calls and agents across events: a [`Tracker`] fed events one at a time, of any vendors and
//! tenants at once, that emits [`CallRecord`]s and [`AgentInterval`]s, shows the [`Board`],
//! and computes [`KpiReport`]s.
//!
//! The conversions to the common vocabulary are stateless: one payload, one event. What needs
//! earlier events is here:
//!
//! * **derived events**, marked as such ([`TrackedEvent::derived`], [`TrackedEvent::inferred`]):
//!   the call cleared when the last leg of an Alibaba Cloud contact or a CSTA call leaves; each
//!   Google CCAI participant's held, retrieved, muted, unmuted, redacted, unredacted and
//!   connection-cleared, from the difference between two snapshots of one call; the agent of a
//!   CSTA call event, from the device → agent map its agent events teach; the role of an
//!   Alibaba Cloud channel, from the agent events on it;
//! * **duplicates dropped** ([`Disposition::Duplicate`]): the CSTA feed's copy of each call
//!   event per monitored device, 7moor's `callStatus` repeating its dedicated call push;
//! * **call records** when a call ends, amended with a higher [`CallRecord::revision`] when
//!   an agent's after-call work ends or the vendor's own record (7moor `cdr`, Alibaba Cloud
//!   `CDRReady`) arrives, reconciled with it ([`Reconciliation`]);
//! * **agent state intervals** when an agent's state changes.
//!
//! Vendor knowledge lives with each schema (`<schema>/track.rs`, implementing
//! [`VendorKnowledge`]); this module knows no vendor. The tracker asks the event's schema for a
//! [`Reading`] and applies it.
//!
//! # Decisions where the vendors' documents are silent
//!
//! * A call met mid-stream (its first event is not one that starts a call: dialing, IVR,
//!   queue, assignment, ringing) is taken as already answered unless an abandon, failure or
//!   queue timeout says otherwise; its `answered_at` and earlier times stay unknown
//!   ([`CallRecord::unknown`]) and its talk time counts from its first event.
//! * An inbound call that ends unanswered is abandoned, with the phase it was in (ringing,
//!   queue, IVR), marked as inferred: only Alibaba Cloud and 7moor's CDR say so themselves.
//! * Alibaba Cloud's customer-leg events name the agent the customer is with: that agent has a
//!   leg in the call, and the contact does not end before it leaves. The contact of an inbound
//!   or outbound call ends when no leg but the platform's is left and the customer's has left.
//! * An agent's own event that names a call (wrap-up, ready) never opens a call; it is the
//!   agent's, and counts toward the call's after-call work.
//! * Google CCAI sends no agent state after a call: an agent who leaves a call's snapshot goes
//!   to [`AgentState::Unknown`](crate::common::AgentState::Unknown), inferred; a login with no
//!   state is `unknown` too.
//! * The vendor's record of a call that is still open ends it (its end was missed); one for a
//!   call never seen is reported, not turned into a record.
//! * An event with no time takes the latest time seen (`inferred: ["time"]`); before any time
//!   is seen it is [`Disposition::Unplaced`].

mod board;
mod call;
mod interval;
mod knowledge;
mod kpi;
mod record;
mod scoped;
mod tracker;

pub use board::{AgentStatus, Board, OpenCall};
pub use interval::{AgentInterval, IntervalEnd};
pub use knowledge::{
    CallEnd, CallMoment, DeviceBinding, LegReading, ReadContext, Reading, Snapshot, SnapshotParty, VendorKnowledge,
    moment_key,
};
pub use kpi::{AgentKpis, KpiAccumulator, KpiReport, Kpis, QueueKpis};
pub use record::{CallRecord, Disagreement, Hold, Outcome, Reconciliation, VendorRecord};
pub use tracker::{Disposition, Notice, TrackedEvent, Tracker, TrackerConfig, Update};

/// The JSON Schema (draft 2020-12) of a [`CallRecord`] line (`normalize --calls`), committed
/// as `src/track/call-record.schema.json` and generated from the types with the `schemars`
/// feature; the crate's tests check that it is current and that every record the main job
/// prints for the bundled fixtures validates against it.
pub const CALL_RECORD_SCHEMA: &str = include_str!("call-record.schema.json");

/// The JSON Schema (draft 2020-12) of an [`AgentInterval`] line (`normalize --agents`),
/// committed as `src/track/agent-interval.schema.json`, like [`CALL_RECORD_SCHEMA`].
pub const AGENT_INTERVAL_SCHEMA: &str = include_str!("agent-interval.schema.json");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_types_are_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<Tracker>();
        check::<Update>();
        check::<CallRecord>();
        check::<AgentInterval>();
        check::<Board>();
        check::<KpiReport>();
        check::<KpiAccumulator>();
    }

    /// `Display` (written by hand, without strum) says what the JSON says.
    #[test]
    fn display_is_the_json_name() {
        fn same<T: serde::Serialize + std::fmt::Display>(values: &[T]) {
            for value in values {
                assert_eq!(serde_json::to_value(value).unwrap(), value.to_string());
            }
        }
        same(&[
            Outcome::Answered,
            Outcome::Abandoned,
            Outcome::NotAnswered,
            Outcome::Failed,
            Outcome::Incomplete,
        ]);
        same(&[IntervalEnd::NextState, IntervalEnd::LoggedOff, IntervalEnd::EndOfStream]);
        same(&[
            Disposition::Applied,
            Disposition::Duplicate,
            Disposition::Late,
            Disposition::Unplaced,
            Disposition::Unattributed,
        ]);
    }
}
