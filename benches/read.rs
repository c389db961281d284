//! The streaming reader against parsing the same documents from memory.
//!
//! `cargo bench --bench read`. Both read the mixed corpus (10% of it pretty-printed over
//! many lines): `from_memory` calls `cc_events::parse` on each document's bytes, already
//! split; `reader` hands the whole stream to `cc_events::read::Reader` over a `BufRead`, which
//! finds, parses and positions each document. The target: the reader at 90% or more of
//! `from_memory`'s throughput. `interleaved` runs both in alternating rounds and prints the
//! median of the per-round ratios, which the shared machine's noise cannot skew.

mod corpus;

use cc_events::read::Reader;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::{Duration, Instant};

const EVENTS: usize = 2_000;

fn from_memory(payloads: &[corpus::Payload]) -> usize {
    payloads
        .iter()
        .map(|p| usize::from(cc_events::parse(&p.bytes).is_ok()))
        .sum()
}

fn reader(stream: &[u8]) -> usize {
    Reader::new(std::io::BufReader::with_capacity(1 << 16, stream))
        .map(|document| usize::from(document.expect("no I/O error").result.is_ok()))
        .sum()
}

fn benches(c: &mut Criterion) {
    let sources = corpus::Sources::load();
    let payloads = corpus::generate(&sources, EVENTS, 42, None);
    let mut stream = Vec::new();
    for p in &payloads {
        stream.extend_from_slice(&p.bytes);
        stream.push(b'\n');
    }
    assert_eq!(reader(&stream), from_memory(&payloads), "both read every document");

    let mut group = c.benchmark_group("read");
    group.throughput(Throughput::Bytes(stream.len() as u64));
    group.sample_size(20);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(3));
    group.bench_function(BenchmarkId::new("from_memory", EVENTS), |b| {
        b.iter(|| black_box(from_memory(&payloads)))
    });
    group.bench_function(BenchmarkId::new("reader", EVENTS), |b| {
        b.iter(|| black_box(reader(&stream)))
    });
    group.finish();

    let mut ratios = Vec::new();
    for round in 0..31 {
        let time = |f: &dyn Fn() -> usize| {
            let start = Instant::now();
            black_box(f());
            start.elapsed().as_secs_f64()
        };
        let (memory, streamed) = if round % 2 == 0 {
            let m = time(&|| from_memory(&payloads));
            (m, time(&|| reader(&stream)))
        } else {
            let s = time(&|| reader(&stream));
            (time(&|| from_memory(&payloads)), s)
        };
        ratios.push(memory / streamed);
    }
    ratios.sort_by(f64::total_cmp);
    println!(
        "interleaved: reader throughput / from-memory throughput, median of 31 rounds: {:.3}",
        ratios[ratios.len() / 2]
    );
}

criterion_group!(read, benches);
criterion_main!(read);
