//! What tracking adds to parse + `to_common`, on the mixed corpus and on call streams.
//!
//! `cargo bench --bench track` (`-- --rounds N --events N` to change the defaults): interleaved
//! rounds, as in `benches/ratios.rs`. Each round runs every strategy once, in a shuffled order;
//! the ratio of a strategy to `parse_and_to_common` is taken within each round, and the
//! median over rounds (the first, a warm-up, dropped) is printed. `parse_and_track` is
//! [`Tracker::track`] (which converts each event itself) and `finish`, `parse_and_track_into`
//! the same with one reused [`Update`] (`Tracker::track_into`). The target is at most 1.3.
//! `parse_and_least_state` is the least any tracker does (each event's call and agent looked
//! up and updated in a `HashMap`), for scale.
//!
//! `cargo bench --bench track -- --criterion` runs criterion groups of the same pairs instead
//! (one after the other, so their ratio mixes two moments of a shared machine).
//!
//! `-- --profile STRATEGY [--set SET] [--repeat N]` runs one strategy N times over one
//! set, untimed: for `valgrind --tool=callgrind` or `perf record`, one strategy at a time.
//! `-- --dump [--set SET]` prints the set as NDJSON (for `normalize --calls`).
//! `-- --help` lists the flags; an argument the harness does not know is said to be ignored.
//!
//! The sets: `mixed` (the generated corpus of `benches/corpus.rs`), `calls` (the fixture call
//! streams of the four vendors, a new call id per repetition) and `calls_<schema>` (one
//! vendor's streams alone, as a service taking one vendor's feed runs them).
//!
//! Before the timings, each set's line says what tracking it means: how many call records
//! it closes and what became of its events.

mod corpus;
mod interleave;

use cc_events::common::{AgentState, ConvertOptions, EventKind, Vendor};
use cc_events::track::{Disposition, Tracker, Update};
use cc_events::wire::Text;
use chrono::{DateTime, TimeDelta, Utc};
use criterion::{BenchmarkId, Criterion, Throughput};
use std::collections::HashMap;
use std::hint::black_box;
use std::io::Write;
use std::time::Duration;

const EVENTS: usize = 2_000;

fn received() -> DateTime<Utc> {
    DateTime::UNIX_EPOCH + TimeDelta::days(19_723)
}

fn compare(c: &mut Criterion, name: &str, payloads: &[Vec<u8>]) {
    let bytes: u64 = payloads.iter().map(|p| p.len() as u64).sum();
    let mut group = c.benchmark_group(name);
    group.throughput(Throughput::Bytes(bytes));
    group.sample_size(30);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(3));
    let received = received();
    let options = ConvertOptions::default().with_received_at(received);
    group.bench_function(BenchmarkId::new("parse_and_to_common", payloads.len()), |b| {
        b.iter(|| {
            for p in payloads {
                let event = cc_events::parse(p).expect("parses");
                black_box(event.to_common(&options));
            }
        })
    });
    group.bench_function(BenchmarkId::new("parse_and_track", payloads.len()), |b| {
        b.iter(|| {
            let mut tracker = Tracker::default();
            for p in payloads {
                let event = cc_events::parse(p).expect("parses");
                black_box(tracker.track(&event, Some(received)));
            }
            black_box(tracker.finish());
        })
    });
    group.bench_function(BenchmarkId::new("parse_and_track_into", payloads.len()), |b| {
        b.iter(|| run_track_into(payloads, received))
    });
    group.finish();
}

fn run_to_common(payloads: &[Vec<u8>], options: &ConvertOptions) {
    for p in payloads {
        let event = cc_events::parse(p).expect("parses");
        black_box(event.to_common(options));
    }
}

fn run_track(payloads: &[Vec<u8>], received: DateTime<Utc>) {
    let mut tracker = Tracker::default();
    for p in payloads {
        let event = cc_events::parse(p).expect("parses");
        black_box(tracker.track(&event, Some(received)));
    }
    black_box(tracker.finish());
}

fn run_track_into(payloads: &[Vec<u8>], received: DateTime<Utc>) {
    let mut tracker = Tracker::default();
    let mut update = Update::default();
    for p in payloads {
        let event = cc_events::parse(p).expect("parses");
        tracker.track_into(&event, Some(received), &mut update);
        black_box(&update);
    }
    black_box(tracker.finish());
}

/// The least any tracker does, for scale: parse + `to_common`, then each event's call and
/// agent looked up in a `HashMap` (standard hasher) and their latest time and state kept, a
/// call forgotten when it clears. No records, intervals, vendor knowledge or duplicates.
fn run_least_state(payloads: &[Vec<u8>], options: &ConvertOptions) {
    // Vendor, tenant, id.
    type Key = (Vendor, Option<Text>, Text);
    let mut calls: HashMap<Key, DateTime<Utc>> = HashMap::new();
    let mut agents: HashMap<Key, (AgentState, DateTime<Utc>)> = HashMap::new();
    for p in payloads {
        let event = cc_events::parse(p).expect("parses");
        let common = event.to_common(options);
        let time = common.time.as_ref().map_or(DateTime::UNIX_EPOCH, |time| time.utc);
        if let Some(call) = &common.call_id {
            let key = (common.vendor.clone(), common.tenant.clone(), call.clone());
            if common.kind == EventKind::CallCleared {
                calls.remove(&key);
            } else {
                calls.insert(key, time);
            }
        }
        if let (Some(agent), Some(state)) = (&common.agent_id, &common.agent_state) {
            let key = (common.vendor.clone(), common.tenant.clone(), agent.clone());
            agents.insert(key, (state.clone(), time));
        }
        black_box(common);
    }
    black_box((calls.len(), agents.len()));
}

fn parse_only(payloads: &[Vec<u8>]) {
    for p in payloads {
        black_box(cc_events::parse(p).expect("parses"));
    }
}

type Run = fn(&[Vec<u8>], &ConvertOptions, DateTime<Utc>);

/// The strategies, each over the whole set once. The first is the baseline.
const STRATEGIES: [(&str, Run); 5] = [
    ("parse_and_to_common", |p, options, _| run_to_common(p, options)),
    ("parse", |p, _, _| parse_only(p)),
    ("parse_and_least_state", |p, options, _| run_least_state(p, options)),
    ("parse_and_track", |p, _, received| run_track(p, received)),
    ("parse_and_track_into", |p, _, received| run_track_into(p, received)),
];

/// Every strategy in every round, shuffled; the medians of the per-round ratios.
fn interleaved(sets: &[(&str, Vec<Vec<u8>>)], rounds: usize) {
    let received = received();
    let options = ConvertOptions::default().with_received_at(received);
    let mut rng = corpus::Rng::new(1);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    writeln!(
        out,
        "{rounds} rounds, medians of per-round ratios to parse_and_to_common (below 1.3: the target)"
    )
    .ok();
    for (name, payloads) in sets {
        let bytes: usize = payloads.iter().map(Vec::len).sum();
        let seconds = interleave::time_rounds(STRATEGIES.len(), rounds, &mut rng, |s| {
            (STRATEGIES[s].1)(payloads, &options, received)
        });
        writeln!(out, "\n{name} ({} events, {bytes} bytes)", payloads.len()).ok();
        writeln!(out, "{}", what_tracking_sees(payloads, received)).ok();
        writeln!(
            out,
            "{:<24} {:>10} {:>10} {:>9}",
            "strategy", "median ms", "MB/s", "ratio"
        )
        .ok();
        for (s, (strategy, _)) in STRATEGIES.iter().enumerate() {
            // Time over the baseline's: the tracker's cost, so below 1.3 is the target.
            let ratio = interleave::median_ratio(&seconds, s, 0);
            let time = interleave::median_seconds(&seconds, s);
            let mbps = bytes as f64 / time / 1e6;
            writeln!(out, "{strategy:<24} {:>10.3} {mbps:>10.1} {:>8.3}x", time * 1e3, ratio).ok();
        }
    }
}

/// What the tracker makes of a set: records closed (first revisions) and amended, and each
/// disposition's count.
fn what_tracking_sees(payloads: &[Vec<u8>], received: DateTime<Utc>) -> String {
    let mut tracker = Tracker::default();
    let mut update = Update::default();
    let (mut closed, mut amended, mut derived) = (0, 0, 0);
    let mut counts = [0usize; 5];
    let kinds = [
        Disposition::Applied,
        Disposition::Duplicate,
        Disposition::Late,
        Disposition::Unplaced,
        Disposition::Unattributed,
    ];
    let mut count = |update: &Update, counts: &mut [usize; 5]| {
        for record in &update.calls {
            if record.revision == 1 {
                closed += 1;
            } else {
                amended += 1;
            }
        }
        derived += update.events.iter().filter(|event| event.derived).count();
        if let Some(at) = update.disposition.and_then(|d| kinds.iter().position(|k| *k == d)) {
            counts[at] += 1;
        }
    };
    for p in payloads {
        let event = cc_events::parse(p).expect("parses");
        tracker.track_into(&event, Some(received), &mut update);
        count(&update, &mut counts);
    }
    count(&tracker.finish(), &mut counts);
    let dispositions: Vec<String> = kinds
        .iter()
        .zip(counts)
        .map(|(kind, n)| format!("{kind} {n}"))
        .collect();
    format!(
        "tracking: {closed} calls closed, {amended} amendments, {derived} derived events; events {}",
        dispositions.join(", ")
    )
}

/// The fixture call streams of every vendor (or of the schema `only`), repeated with a new call
/// id each time, until `count` events.
fn call_streams(count: usize, only: Option<&str>) -> Vec<Vec<u8>> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let streams = [
        (
            "aliyun_v2/scenarios/inbound-via-ivr.ndjson",
            "job-f8e9639a-81b8-4740-8af7-c13cc1553919",
        ),
        (
            "aliyun_v2/scenarios/outbound-call.ndjson",
            "job-f8e9639a-81b8-4740-8af7-c13cc1553919",
        ),
        (
            "aliyun_v2/scenarios/attended-transfer.ndjson",
            "job-f8e9639a-81b8-4740-8af7-c13cc1553919",
        ),
        ("push_v7/streams/outbound-call.ndjson", "403344537650466816"),
        ("csta/streams/agent-call.ndjson", "37db6efe-57cc-4053-b0ce-24c96eba66b0"),
        ("ccai_qm/streams/inbound-call.ndjson", "846802bf90d1"),
    ];
    let texts: Vec<(String, &str)> = streams
        .iter()
        .filter(|(path, _)| only.is_none_or(|schema| path.starts_with(&format!("{schema}/"))))
        .map(|(path, call)| (std::fs::read_to_string(root.join(path)).expect("a stream"), *call))
        .collect();
    let mut out = Vec::with_capacity(count);
    let mut n = 0;
    while out.len() < count {
        for (text, call) in &texts {
            let unique = format!("{call}-{n}");
            out.extend(text.lines().map(|line| line.replace(call, &unique).into_bytes()));
            n += 1;
        }
    }
    out.truncate(count);
    out
}

const USAGE: &str = "usage: cargo bench --bench track -- [--rounds N] [--events N] [--criterion]\n       [--profile STRATEGY [--set SET] [--repeat N]] [--dump [--set SET]]\n(see the module's documentation in benches/track.rs)";

fn main() {
    let mut rounds = 31;
    let mut events = EVENTS;
    let mut criterion = false;
    let mut profile: Option<String> = None;
    let mut set = "mixed".to_owned();
    let mut repeat = 10;
    let mut dump = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--rounds" => rounds = args.next().and_then(|n| n.parse().ok()).expect("--rounds N"),
            "--events" => events = args.next().and_then(|n| n.parse().ok()).expect("--events N"),
            "--criterion" => criterion = true,
            "--dump" => dump = true,
            "--profile" => profile = args.next(),
            "--set" => set = args.next().expect("--set mixed|calls|calls_<schema>"),
            "--repeat" => repeat = args.next().and_then(|n| n.parse().ok()).expect("--repeat N"),
            other => {
                if interleave::other_argument(other, USAGE) {
                    return;
                }
            }
        }
    }
    let sources = corpus::Sources::load();
    let mixed: Vec<Vec<u8>> = corpus::generate(&sources, events, 42, None)
        .into_iter()
        .map(|p| p.bytes)
        .collect();
    // One vendor's streams alone as well: most services take one vendor's feed, whose code
    // (one schema's reader and conversion beside the tracker) is a smaller working set.
    let mut sets = vec![("mixed", mixed), ("calls", call_streams(events, None))];
    for (schema, name) in [
        ("aliyun_v2", "calls_aliyun_v2"),
        ("push_v7", "calls_push_v7"),
        ("csta", "calls_csta"),
        ("ccai_qm", "calls_ccai_qm"),
    ] {
        sets.push((name, call_streams(events, Some(schema))));
    }
    if dump {
        let (_, payloads) = sets
            .iter()
            .find(|(name, _)| *name == set)
            .expect("--set mixed|calls|calls_<schema>");
        let stdout = std::io::stdout();
        let mut out = stdout.lock();
        for p in payloads {
            // Pretty-printed payloads stay as they are: normalize reads concatenated JSON.
            out.write_all(p).and_then(|()| out.write_all(b"\n")).expect("stdout");
        }
        return;
    }
    if let Some(strategy) = profile {
        let (_, payloads) = sets
            .iter()
            .find(|(name, _)| *name == set)
            .expect("--set mixed|calls|calls_<schema>");
        let (_, run) = STRATEGIES
            .iter()
            .find(|(name, _)| *name == strategy)
            .expect("--profile: one of the strategies");
        let received = received();
        let options = ConvertOptions::default().with_received_at(received);
        for _ in 0..repeat {
            run(payloads, &options, received);
        }
        return;
    }
    if criterion {
        // Configured here, not from the arguments (criterion would refuse `--criterion`).
        let mut c = Criterion::default();
        compare(&mut c, "track_mixed", &sets[0].1);
        compare(&mut c, "track_calls", &sets[1].1);
        c.final_summary();
        return;
    }
    interleaved(&sets, rounds);
}
