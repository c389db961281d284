//! Helpers for the tracker's tests: run an NDJSON stream through a tracker, collect what it
//! emits. `#[path]`-included by each tracker test (`tests/track_*.rs`).
#![allow(dead_code)]

use cc_events::common::{AgentState, EventKind};
use cc_events::track::{AgentInterval, CallRecord, Disposition, Notice, TrackedEvent, Tracker, TrackerConfig, Update};
use chrono::{DateTime, TimeDelta, Utc};
use std::path::Path;

/// One interval of a timeline: state, start, end, call.
pub type Step<'a> = (AgentState, DateTime<Utc>, DateTime<Utc>, Option<&'a str>);

/// Everything a tracker emitted over a stream, `finish()` included.
#[derive(Debug, Default)]
pub struct Run {
    pub records: Vec<CallRecord>,
    pub intervals: Vec<AgentInterval>,
    pub notices: Vec<Notice>,
    pub events: Vec<TrackedEvent>,
    pub dispositions: Vec<Disposition>,
}

impl Run {
    pub fn take(&mut self, update: Update) {
        if let Some(disposition) = update.disposition {
            self.dispositions.push(disposition);
        }
        self.records.extend(update.calls);
        self.intervals.extend(update.intervals);
        self.notices.extend(update.notices);
        self.events.extend(update.events);
    }

    /// The highest revision of each call (vendor, tenant, id), in the order calls first closed.
    pub fn finals(&self) -> Vec<&CallRecord> {
        let key = |record: &CallRecord| (record.vendor.clone(), record.tenant.clone(), record.call_id.clone());
        let mut keys = Vec::new();
        for record in &self.records {
            if !keys.contains(&key(record)) {
                keys.push(key(record));
            }
        }
        keys.into_iter()
            .filter_map(|wanted| {
                self.records
                    .iter()
                    .filter(|record| key(record) == wanted)
                    .max_by_key(|record| record.revision)
            })
            .collect()
    }

    /// The one call's final record.
    pub fn only_call(&self) -> &CallRecord {
        match self.finals().as_slice() {
            [record] => record,
            other => panic!("{} calls: {other:#?}", other.len()),
        }
    }

    /// Every revision of one call, in order.
    pub fn revisions(&self, call_id: &str) -> Vec<&CallRecord> {
        self.records.iter().filter(|record| record.call_id == call_id).collect()
    }

    /// An agent's intervals as (state, start, end, call), in the order they ended.
    pub fn timeline(&self, agent: &str) -> Vec<Step<'_>> {
        self.intervals
            .iter()
            .filter(|interval| interval.agent_id == agent)
            .map(|interval| {
                (
                    interval.state.clone(),
                    interval.start,
                    interval.end,
                    interval.call_id.as_deref(),
                )
            })
            .collect()
    }

    /// The derived events of a kind.
    pub fn derived(&self, kind: EventKind) -> Vec<&TrackedEvent> {
        self.events
            .iter()
            .filter(|event| event.derived && event.event.kind == kind)
            .collect()
    }
}

/// Runs the lines of `text` through `tracker`; each line gets a receive time one second
/// after the previous one (from `2024-01-01T00:00:00Z`), for payloads that carry none.
pub fn run_text(tracker: &mut Tracker, text: &str) -> Run {
    let mut run = Run::default();
    let base = utc("2024-01-01T00:00:00Z");
    for (index, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let event = cc_events::parse(line.as_bytes()).unwrap_or_else(|e| panic!("line {}: {e}", index + 1));
        let received = base + TimeDelta::seconds(index as i64 + 1);
        run.take(tracker.track(&event, Some(received)));
    }
    run.take(tracker.finish());
    run
}

/// Runs a fixture stream (a path under `fixtures/`) through a default tracker.
pub fn run_stream(relative: &str) -> Run {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures").join(relative);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    run_text(&mut Tracker::new(TrackerConfig::default()), &text)
}

pub fn utc(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap_or_else(|e| panic!("{text}: {e}"))
        .with_timezone(&Utc)
}

/// Milliseconds from `from` to `to`.
pub fn ms(from: DateTime<Utc>, to: DateTime<Utc>) -> i64 {
    (to - from).num_milliseconds()
}
