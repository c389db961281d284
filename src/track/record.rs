//! [`CallRecord`]: one call from its first event to its end, modelled on Amazon Connect's
//! contact trace record; [`VendorRecord`] and [`Reconciliation`]: the vendor's own figures.

use crate::common::{AbandonPhase, CauseCode, Direction, Media, PartyRole, Vendor};
use crate::wire::Text;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// How a call ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Outcome {
    /// A party (an agent, or the customer of an outbound call) answered. A transferred call is
    /// answered with a `transfer_count` above zero.
    Answered,
    /// The caller hung up before an agent answered; see `abandon_phase`.
    Abandoned,
    /// Nobody answered (an outbound call the customer did not pick up, an inbound call that
    /// ended unanswered without the caller hanging up).
    NotAnswered,
    /// The call could not be completed; see `disconnect_cause`.
    Failed,
    /// The call's end was never seen: closed after the idle time, or when the input ended.
    Incomplete,
}

impl Outcome {
    /// The value as written in JSON (`snake_case`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Outcome::Answered => "answered",
            Outcome::Abandoned => "abandoned",
            Outcome::NotAnswered => "not_answered",
            Outcome::Failed => "failed",
            Outcome::Incomplete => "incomplete",
        }
    }
}

impl std::fmt::Display for Outcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.as_str())
    }
}

/// One hold: when it started and ended (a hold still open when the call ends ends with the
/// call).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Hold {
    /// When the hold started.
    pub start: DateTime<Utc>,
    /// When it ended.
    pub end: DateTime<Utc>,
}

/// One call, as the tracker saw it, with the vendor's own record beside it when there is one.
///
/// Times are RFC 3339 UTC, durations integer milliseconds, never negative; a time or duration
/// the events did not give is absent (JSON: left out). Durations:
///
/// | field | from |
/// |---|---|
/// | `ivr_ms` | `ivr_entered_at` to `enqueued_at` (or to the end when never enqueued) |
/// | `queue_ms` | `enqueued_at` to the first alerting after it (or the answer, or the end) |
/// | `ring_ms` | `alerted_at` to `answered_at` (or to the end when never answered) |
/// | `talk_ms` | `answered_at` to `ended_at`, less the holds |
/// | `hold_ms`, `hold_count`, `longest_hold_ms` | the holds |
/// | `acw_ms` | the handling agents' wrap-up intervals on this call |
/// | `handle_ms` | `talk_ms + hold_ms + acw_ms`, for answered calls |
///
/// A call first seen mid-stream (its first event is not one that starts a call) has
/// `started_mid_stream` and lists in `unknown` the times it cannot know; its `talk_ms` is
/// counted from its first event (a lower bound, listed in `inferred`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct CallRecord {
    /// The vendor.
    pub vendor: Vendor,
    /// The tenant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schemars", schemars(with = "Option<String>"))]
    pub tenant: Option<Text>,
    /// The vendor's call id.
    #[cfg_attr(feature = "schemars", schemars(with = "String"))]
    pub call_id: Text,
    /// Linked calls (transfer, consultation), as the events named them.
    #[serde(default)]
    #[cfg_attr(feature = "schemars", schemars(with = "Vec<String>"))]
    pub related_call_ids: Vec<Text>,
    /// The call's direction (the first one an event gave for the customer's side).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<Direction>,
    /// The session's medium, as its events gave it: absent for a voice call, `chat` for a
    /// chat session (so that counting calls never counts a chat).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media: Option<Media>,
    /// The calling number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schemars", schemars(with = "Option<String>"))]
    pub caller: Option<Text>,
    /// The called number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schemars", schemars(with = "Option<String>"))]
    pub callee: Option<Text>,
    /// The queue (skill group), the first one named.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schemars", schemars(with = "Option<String>"))]
    pub queue: Option<Text>,
    /// The agents who handled the call, in the order they first did.
    #[serde(default)]
    #[cfg_attr(feature = "schemars", schemars(with = "Vec<String>"))]
    pub agents: Vec<Text>,
    /// Supervisors who joined (monitoring, coaching, barging in).
    #[serde(default)]
    #[cfg_attr(feature = "schemars", schemars(with = "Vec<String>"))]
    pub supervisors: Vec<Text>,
    /// When the call started.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initiated_at: Option<DateTime<Utc>>,
    /// When it entered the IVR.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ivr_entered_at: Option<DateTime<Utc>>,
    /// When it entered a queue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enqueued_at: Option<DateTime<Utc>>,
    /// When a party was first alerted (the agent of an inbound call, the customer of an
    /// outbound one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alerted_at: Option<DateTime<Utc>>,
    /// When it was first answered (not by a supervisor).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answered_at: Option<DateTime<Utc>>,
    /// Every hold, in order.
    #[serde(default)]
    pub holds: Vec<Hold>,
    /// When it ended (for an incomplete call: its last event).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended_at: Option<DateTime<Utc>>,
    /// Time in the IVR, ms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ivr_ms: Option<i64>,
    /// Time in the queue, ms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queue_ms: Option<i64>,
    /// Ringing time, ms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ring_ms: Option<i64>,
    /// Talk time without holds, ms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub talk_ms: Option<i64>,
    /// Total hold time, ms.
    pub hold_ms: i64,
    /// Number of holds.
    pub hold_count: u32,
    /// The longest hold, ms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub longest_hold_ms: Option<i64>,
    /// After-call work, ms: absent while an agent's wrap-up is still open (a later revision
    /// gives it) or when no agent wrapped up.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acw_ms: Option<i64>,
    /// Handle time, ms: talk + hold + after-call work, for answered calls.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handle_ms: Option<i64>,
    /// How it ended.
    pub outcome: Outcome,
    /// For an abandoned call: where the caller hung up.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub abandon_phase: Option<AbandonPhase>,
    /// Transfers.
    pub transfer_count: u32,
    /// Who left first: agent, customer, supervisor, system (the first leg to leave whose role
    /// is known).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disconnected_by: Option<PartyRole>,
    /// The cause of the end (the first leg's, or the call-cleared's), ECMA-269 `camelCase`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disconnect_cause: Option<CauseCode>,
    /// Whether the tracker met the call already in progress.
    pub started_mid_stream: bool,
    /// The times a call met mid-stream cannot know (absent from this record for that reason).
    #[serde(default)]
    #[cfg_attr(feature = "schemars", schemars(with = "Vec<String>"))]
    pub unknown: Vec<Text>,
    /// The fields the tracker inferred rather than read from an event.
    #[serde(default)]
    #[cfg_attr(feature = "schemars", schemars(with = "Vec<String>"))]
    pub inferred: Vec<Text>,
    /// The source events applied to the call (duplicates not counted).
    pub events: u32,
    /// Duplicates dropped.
    pub duplicates: u32,
    /// Events that arrived after the call was closed (reported, not applied).
    pub late_events: u32,
    /// 1 when the call closes; each amendment (after-call work, the vendor's record, a late
    /// event) re-emits the record with the next revision. Keep the highest per call.
    pub revision: u32,
    /// The vendor's own record, and where it disagrees with this one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reconciliation: Option<Reconciliation>,
}

/// The figures a vendor's own call record gives (7moor `cdr`, Alibaba Cloud `CDRReady`), in
/// the tracker's terms. Times and durations in whole seconds where the vendor sends those.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct VendorRecord {
    /// The vendor's record type, as sent (`cdr`, `CDRReady`).
    #[cfg_attr(feature = "schemars", schemars(with = "String"))]
    pub source: Text,
    /// When the call started.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initiated_at: Option<DateTime<Utc>>,
    /// When the call entered the IVR (an inbound call's start).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ivr_entered_at: Option<DateTime<Utc>>,
    /// When the call was answered (bridged).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answered_at: Option<DateTime<Utc>>,
    /// When the call ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended_at: Option<DateTime<Utc>>,
    /// Ringing time, ms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ring_ms: Option<i64>,
    /// Queue time, ms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queue_ms: Option<i64>,
    /// Talk (bridge) time, holds included, ms (compared with the record's `talk_ms + hold_ms`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub talk_ms: Option<i64>,
    /// From start to end, ms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_ms: Option<i64>,
    /// The outcome the vendor gives.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<Outcome>,
    /// Who hung up.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disconnected_by: Option<PartyRole>,
    /// The agents the vendor names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "schemars", schemars(with = "Vec<String>"))]
    pub agents: Vec<Text>,
}

impl VendorRecord {
    /// A record of `source` with no figures yet.
    pub fn new(source: impl Into<Text>) -> Self {
        VendorRecord {
            source: source.into(),
            ..VendorRecord::default()
        }
    }
}

/// The vendor's record beside the tracker's, and every field where they differ.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Reconciliation {
    /// The vendor's figures.
    pub vendor: VendorRecord,
    /// Where they disagree (empty when they agree).
    pub disagreements: Vec<Disagreement>,
}

/// One field where the tracker and the vendor's record differ.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Disagreement {
    /// The field (`ring_ms`, `ended_at`, `outcome`).
    #[cfg_attr(feature = "schemars", schemars(with = "String"))]
    pub field: Text,
    /// The tracker's value, as JSON text (`null` when it has none).
    #[cfg_attr(feature = "schemars", schemars(with = "String"))]
    pub tracker: Text,
    /// The vendor's value, as JSON text.
    #[cfg_attr(feature = "schemars", schemars(with = "String"))]
    pub vendor: Text,
}

/// How far apart two figures may be and still agree: vendors' records count whole seconds.
const TOLERANCE_MS: i64 = 999;

impl CallRecord {
    /// Compares the vendor's record with this one, field by field: times and durations agree
    /// within a second (vendors count whole seconds), everything else exactly. Fields the
    /// vendor does not give are not compared.
    pub fn reconcile(&self, vendor: &VendorRecord) -> Reconciliation {
        let mut disagreements = Vec::new();
        let mut time = |field: &str, ours: Option<DateTime<Utc>>, theirs: Option<DateTime<Utc>>| {
            if let Some(theirs) = theirs {
                let agree = ours.is_some_and(|ours| (ours - theirs).num_milliseconds().abs() <= TOLERANCE_MS);
                if !agree {
                    disagreements.push(Disagreement::of(field, &ours, &theirs));
                }
            }
        };
        time("initiated_at", self.initiated_at, vendor.initiated_at);
        time("ivr_entered_at", self.ivr_entered_at, vendor.ivr_entered_at);
        time("answered_at", self.answered_at, vendor.answered_at);
        time("ended_at", self.ended_at, vendor.ended_at);
        // From the call's first known start: dialing, else the IVR, else the queue.
        let start = self.initiated_at.or(self.ivr_entered_at).or(self.enqueued_at);
        let total = match (start, self.ended_at) {
            (Some(start), Some(end)) => Some(non_negative(end - start)),
            _ => None,
        };
        let mut duration = |field: &str, ours: Option<i64>, theirs: Option<i64>| {
            if let Some(theirs) = theirs {
                if ours.is_none_or(|ours| (ours - theirs).abs() > TOLERANCE_MS) {
                    disagreements.push(Disagreement::of(field, &ours, &theirs));
                }
            }
        };
        duration("ring_ms", self.ring_ms, vendor.ring_ms);
        duration("queue_ms", self.queue_ms, vendor.queue_ms);
        duration("talk_ms", self.talk_ms.map(|talk| talk + self.hold_ms), vendor.talk_ms);
        duration("total_ms", total, vendor.total_ms);
        if let Some(outcome) = vendor.outcome {
            if outcome != self.outcome {
                disagreements.push(Disagreement::of("outcome", &self.outcome, &outcome));
            }
        }
        // Who hung up is compared only when the tracker could tell (7moor's pushes never say).
        if let (Some(side), Some(ours)) = (&vendor.disconnected_by, &self.disconnected_by) {
            if side != ours {
                disagreements.push(Disagreement::of("disconnected_by", &self.disconnected_by, &side));
            }
        }
        if !vendor.agents.is_empty() && vendor.agents != self.agents {
            disagreements.push(Disagreement::of("agents", &self.agents, &vendor.agents));
        }
        Reconciliation {
            vendor: vendor.clone(),
            disagreements,
        }
    }
}

impl Disagreement {
    fn of<A: Serialize + ?Sized, B: Serialize + ?Sized>(field: &str, tracker: &A, vendor: &B) -> Self {
        let text =
            |value: Result<String, serde_json::Error>| value.map_or_else(|_| Text::const_new("null"), Text::from);
        Disagreement {
            field: field.into(),
            tracker: text(serde_json::to_string(tracker)),
            vendor: text(serde_json::to_string(vendor)),
        }
    }
}

/// A time span in ms, never negative (events out of order give zero, not a negative figure).
pub(crate) fn non_negative(delta: chrono::TimeDelta) -> i64 {
    delta.num_milliseconds().max(0)
}
