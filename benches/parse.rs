//! Parse, detect, convert and serialise, against `serde_json::Value` on the same bytes.
//!
//! `cargo bench --bench parse`. Each group is one corpus (the mixed corpus, then each
//! schema); every function in a group parses the whole corpus once per iteration, so the
//! ratios of their medians are read off one run. Throughput is in bytes (MB/s).

mod corpus;

use cc_events::common::ConvertOptions;
use cc_events::{Schema, aliyun_v2, ccai_qm, csta, push_v7};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use serde::de::IgnoredAny;
use serde_json::Value;
use std::hint::black_box;
use std::time::Duration;

const EVENTS: usize = 2_000;

fn typed(schema: Schema, bytes: &[u8]) -> cc_events::AnyEvent {
    let result = match schema {
        Schema::AliyunV2 => aliyun_v2::Event::from_slice(bytes).map(cc_events::AnyEvent::AliyunV2),
        Schema::PushV7 => push_v7::Event::from_slice(bytes).map(cc_events::AnyEvent::PushV7),
        Schema::Csta => csta::Event::from_slice(bytes).map(cc_events::AnyEvent::Csta),
        Schema::CcaiQm => ccai_qm::Event::from_slice(bytes).map(cc_events::AnyEvent::CcaiQm),
        _ => unreachable!("the corpus has four schemas"),
    };
    result.expect("every corpus payload parses")
}

fn group(c: &mut Criterion, name: &str, payloads: &[corpus::Payload]) {
    let bytes: u64 = payloads.iter().map(|p| p.bytes.len() as u64).sum();
    let mut group = c.benchmark_group(name);
    group.throughput(Throughput::Bytes(bytes));
    group.sample_size(30);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(3));
    let options = ConvertOptions::default();

    group.bench_function(BenchmarkId::new("value_from_slice", EVENTS), |b| {
        b.iter(|| {
            for p in payloads {
                black_box(serde_json::from_slice::<Value>(&p.bytes).expect("JSON"));
            }
        })
    });
    group.bench_function(BenchmarkId::new("value_from_str", EVENTS), |b| {
        b.iter(|| {
            for p in payloads {
                let text = std::str::from_utf8(&p.bytes).expect("UTF-8");
                black_box(serde_json::from_str::<Value>(text).expect("JSON"));
            }
        })
    });
    group.bench_function(BenchmarkId::new("ignored_any_floor", EVENTS), |b| {
        b.iter(|| {
            for p in payloads {
                black_box(serde_json::from_slice::<IgnoredAny>(&p.bytes).expect("JSON"));
            }
        })
    });
    group.bench_function(BenchmarkId::new("typed_schema_parse", EVENTS), |b| {
        b.iter(|| {
            for p in payloads {
                black_box(typed(p.schema, &p.bytes));
            }
        })
    });
    group.bench_function(BenchmarkId::new("detect_and_parse", EVENTS), |b| {
        b.iter(|| {
            for p in payloads {
                black_box(cc_events::parse(&p.bytes).expect("parses"));
            }
        })
    });
    group.bench_function(BenchmarkId::new("parse_and_to_common", EVENTS), |b| {
        b.iter(|| {
            for p in payloads {
                let event = cc_events::parse(&p.bytes).expect("parses");
                black_box(event.to_common(&options));
            }
        })
    });

    let events: Vec<cc_events::AnyEvent> = payloads.iter().map(|p| typed(p.schema, &p.bytes)).collect();
    let values: Vec<Value> = payloads
        .iter()
        .map(|p| serde_json::from_slice(&p.bytes).expect("JSON"))
        .collect();
    let mut buffer = Vec::with_capacity(1 << 16);
    group.bench_function(BenchmarkId::new("serialize_value", EVENTS), |b| {
        b.iter(|| {
            for value in &values {
                buffer.clear();
                serde_json::to_writer(&mut buffer, value).expect("writes");
                black_box(&buffer);
            }
        })
    });
    group.bench_function(BenchmarkId::new("serialize_typed", EVENTS), |b| {
        b.iter(|| {
            for event in &events {
                buffer.clear();
                serde_json::to_writer(&mut buffer, event).expect("writes");
                black_box(&buffer);
            }
        })
    });
    group.finish();
}

fn benches(c: &mut Criterion) {
    let sources = corpus::Sources::load();
    group(c, "mixed", &corpus::generate(&sources, EVENTS, 42, None));
    for schema in corpus::SCHEMAS {
        group(
            c,
            schema.as_str(),
            &corpus::generate(&sources, EVENTS, 42, Some(schema)),
        );
    }
    let cdr: Vec<corpus::Payload> = corpus::generate(&sources, EVENTS * 10, 7, Some(Schema::PushV7))
        .into_iter()
        .filter(|p| p.bytes.len() > 2500)
        .take(EVENTS / 4)
        .collect();
    group(c, "push_v7_cdr", &cdr);
}

criterion_group!(parse, benches);
criterion_main!(parse);
