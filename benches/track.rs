//! What tracking adds to parse + `to_common`, on the mixed corpus and on call streams.
//!
//! `cargo bench --bench track`. In each group, `parse_and_to_common` is the stateless path and
//! `parse_and_track` the same payloads through a [`Tracker`] (which converts each event
//! itself): the ratio of their medians is the tracker's cost. The target is at most 1.3.

mod corpus;

use cc_events::common::ConvertOptions;
use cc_events::track::Tracker;
use chrono::{DateTime, TimeDelta, Utc};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::Duration;

const EVENTS: usize = 2_000;

fn compare(c: &mut Criterion, name: &str, payloads: &[Vec<u8>]) {
    let bytes: u64 = payloads.iter().map(|p| p.len() as u64).sum();
    let mut group = c.benchmark_group(name);
    group.throughput(Throughput::Bytes(bytes));
    group.sample_size(30);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(3));
    let received: DateTime<Utc> = DateTime::UNIX_EPOCH + TimeDelta::days(19_723);
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
    group.finish();
}

/// The fixture call streams of every vendor, repeated with a new call id each time, until
/// `count` events.
fn call_streams(count: usize) -> Vec<Vec<u8>> {
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

fn benches(c: &mut Criterion) {
    let sources = corpus::Sources::load();
    let mixed: Vec<Vec<u8>> = corpus::generate(&sources, EVENTS, 42, None)
        .into_iter()
        .map(|p| p.bytes)
        .collect();
    compare(c, "track_mixed", &mixed);
    compare(c, "track_calls", &call_streams(EVENTS));
}

criterion_group!(track, benches);
criterion_main!(track);
