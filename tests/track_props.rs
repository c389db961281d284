//! Properties of the tracker: any interleaving of streams for different calls, any
//! duplication and any truncation of them never panic, never give a negative duration, and
//! never lose an event silently (each gets a disposition, and each one not applied a notice).
#![cfg(all(feature = "aliyun_v2", feature = "push_v7", feature = "csta", feature = "ccai_qm"))]

mod support;
#[path = "track/support.rs"]
mod track_support;

use cc_events::track::{CallRecord, Disposition, Tracker, TrackerConfig};
use chrono::{DateTime, TimeDelta, Utc};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use std::collections::BTreeSet;
use std::sync::OnceLock;

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases: support::cases(cases),
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "tests/regressions/track_props.txt",
        ))),
        ..ProptestConfig::default()
    }
}

/// Every tracker stream of the fixtures, with the one call id it uses.
fn streams() -> &'static [(&'static str, Vec<String>)] {
    static ALL: OnceLock<Vec<(&'static str, Vec<String>)>> = OnceLock::new();
    ALL.get_or_init(|| {
        let aliyun = "job-f8e9639a-81b8-4740-8af7-c13cc1553919";
        let mut all = Vec::new();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let mut add = |relative: &str, call: &'static str| {
            let text = std::fs::read_to_string(root.join(relative)).expect("a stream");
            all.push((call, text.lines().map(str::to_owned).collect()));
        };
        for name in support::ALIYUN_SCENARIOS {
            add(&format!("aliyun_v2/scenarios/{name}.ndjson"), aliyun);
        }
        add("push_v7/streams/outbound-call.ndjson", "403344537650466816");
        add("push_v7/streams/inbound-call.ndjson", "403344537650466816");
        add("csta/streams/agent-call.ndjson", "37db6efe-57cc-4053-b0ce-24c96eba66b0");
        add("ccai_qm/streams/inbound-call.ndjson", "846802bf90d1");
        all
    })
}

/// One copy of a stream: which, cut after how many lines, which lines sent twice.
#[derive(Debug, Clone)]
struct Copy {
    stream: usize,
    keep: usize,
    doubled: Vec<bool>,
}

fn copy_strategy() -> impl Strategy<Value = Copy> {
    (
        0..streams().len(),
        0usize..20,
        prop::collection::vec(any::<bool>(), 0..20),
    )
        .prop_map(|(stream, keep, doubled)| Copy { stream, keep, doubled })
}

/// The lines of a copy: its call id made unique, truncated, some lines doubled.
fn lines_of(index: usize, copy: &Copy) -> Vec<String> {
    let (call, lines) = &streams()[copy.stream];
    let unique = format!("{call}-{index}");
    let mut out = Vec::new();
    for (n, line) in lines.iter().take(copy.keep.max(1)).enumerate() {
        let line = line.replace(call, &unique);
        if copy.doubled.get(n).copied().unwrap_or(false) {
            out.push(line.clone());
        }
        out.push(line);
    }
    out
}

/// Feeds `lines` in order (receive times a second apart) and checks what must always hold.
fn check(lines: &[String], config: TrackerConfig) -> Result<(), TestCaseError> {
    let mut tracker = Tracker::new(config);
    let mut run = track_support::Run::default();
    let base: DateTime<Utc> = track_support::utc("2024-01-01T00:00:00Z");
    let mut named = BTreeSet::new();
    for (n, line) in lines.iter().enumerate() {
        let event = cc_events::parse(line.as_bytes()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let update = tracker.track(&event, Some(base + TimeDelta::seconds(n as i64)));
        prop_assert!(update.disposition.is_some());
        prop_assert!(!update.events.is_empty(), "the event is always passed on");
        if let Some(call) = update.events[0].event.call_id.as_deref() {
            named.insert(call.to_owned());
        }
        run.take(update);
    }
    run.take(tracker.finish());
    prop_assert_eq!(tracker.open_calls(), 0);
    prop_assert_eq!(tracker.known_agents(), 0);
    prop_assert_eq!(run.dispositions.len(), lines.len());
    // Every event not applied has its notice.
    for kind in [
        Disposition::Duplicate,
        Disposition::Late,
        Disposition::Unplaced,
        Disposition::Unattributed,
    ] {
        let events = run.dispositions.iter().filter(|d| **d == kind).count();
        let notices = run.notices.iter().filter(|n| n.kind == kind).count();
        prop_assert!(notices >= events, "{kind}: {events} events, {notices} notices");
    }
    for record in &run.records {
        assert_non_negative(record)?;
    }
    for interval in &run.intervals {
        prop_assert!(interval.duration_ms >= 0);
        prop_assert!(interval.end >= interval.start);
    }
    // Every call an event named shows up in a record or a notice.
    let recorded: BTreeSet<String> = run
        .records
        .iter()
        .map(|r| r.call_id.to_string())
        .chain(
            run.notices
                .iter()
                .filter_map(|n| n.call_id.as_deref().map(str::to_owned)),
        )
        .collect();
    let agent_only: BTreeSet<String> = run
        .events
        .iter()
        .filter(|e| !e.derived && e.event.kind.is_agent_kind())
        .filter_map(|e| e.event.call_id.as_deref().map(str::to_owned))
        .collect();
    for call in named.difference(&recorded) {
        // An agent's own post-call event opens no call: it is the agent's (an interval).
        prop_assert!(agent_only.contains(call), "{call}: named, never recorded nor reported");
    }
    Ok(())
}

fn assert_non_negative(record: &CallRecord) -> Result<(), TestCaseError> {
    for (name, value) in [
        ("ivr_ms", record.ivr_ms),
        ("queue_ms", record.queue_ms),
        ("ring_ms", record.ring_ms),
        ("talk_ms", record.talk_ms),
        ("acw_ms", record.acw_ms),
        ("handle_ms", record.handle_ms),
        ("longest_hold_ms", record.longest_hold_ms),
        ("hold_ms", Some(record.hold_ms)),
    ] {
        prop_assert!(value.is_none_or(|v| v >= 0), "{name} = {value:?} in {record:#?}");
    }
    for hold in &record.holds {
        prop_assert!(hold.end >= hold.start);
    }
    prop_assert!(record.revision >= 1);
    Ok(())
}

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn interleaved_duplicated_truncated_streams(
        copies in prop::collection::vec(copy_strategy(), 1..6),
        choices in prop::collection::vec(any::<u8>(), 0..400),
    ) {
        let mut pending: Vec<std::collections::VecDeque<String>> =
            copies.iter().enumerate().map(|(i, c)| lines_of(i, c).into()).collect();
        let mut lines = Vec::new();
        let mut choice = choices.iter().cycle();
        while pending.iter().any(|p| !p.is_empty()) {
            let open: Vec<usize> = (0..pending.len()).filter(|i| !pending[*i].is_empty()).collect();
            let pick = open[usize::from(*choice.next().unwrap_or(&0)) % open.len()];
            if let Some(line) = pending[pick].pop_front() {
                lines.push(line);
            }
        }
        check(&lines, TrackerConfig::default())?;
    }

    #[test]
    fn any_order_at_all(
        copies in prop::collection::vec(copy_strategy(), 1..4),
        order in prop::collection::vec(any::<u16>(), 0..200),
        idle_minutes in 1i64..180,
        capacity in 0usize..4,
    ) {
        let mut lines: Vec<String> = copies.iter().enumerate().flat_map(|(i, c)| lines_of(i, c)).collect();
        // A permutation from the random keys: events of one call out of order, too.
        let mut keyed: Vec<(u16, String)> = lines
            .drain(..)
            .enumerate()
            .map(|(n, line)| (order.get(n).copied().unwrap_or(0), line))
            .collect();
        keyed.sort_by_key(|(key, _)| *key);
        let lines: Vec<String> = keyed.into_iter().map(|(_, line)| line).collect();
        let config = TrackerConfig::default()
            .with_idle_timeout(TimeDelta::minutes(idle_minutes))
            .with_closed_capacity(capacity);
        check(&lines, config)?;
    }
}
