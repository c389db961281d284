//! Allocations per event: the typed parse against `serde_json::Value`, on the same corpus.
//!
//! `cargo bench --bench alloc` prints, per corpus, the allocations and bytes allocated per
//! event: parsing, parsing and converting, parsing and tracking (one tracker over the corpus,
//! one reused `Update`, `finish` counted), and serialising the typed and the common event. A
//! counting global allocator needs an `unsafe impl GlobalAlloc`: it lives in this
//! bench binary only, never in the library (which is `#![forbid(unsafe_code)]`).

mod corpus;

use cc_events::common::ConvertOptions;
use cc_events::track::{Tracker, Update};
use chrono::{DateTime, TimeDelta};
use serde_json::Value;
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::RefCell;
use std::hint::black_box;
use std::sync::atomic::{AtomicU64, Ordering};

struct Counting;

static ALLOCATIONS: AtomicU64 = AtomicU64::new(0);
static BYTES: AtomicU64 = AtomicU64::new(0);

// SAFETY: every call is forwarded unchanged to the system allocator; the counters are atomics.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        BYTES.fetch_add(layout.size() as u64, Ordering::Relaxed);
        // SAFETY: forwarded with the caller's layout.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` was allocated by `System` with this layout (see `alloc`).
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        BYTES.fetch_add(new_size as u64, Ordering::Relaxed);
        // SAFETY: forwarded unchanged.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Allocations and bytes allocated per item while `step` runs over every item.
fn per_item<T>(items: &[T], step: impl Fn(&T)) -> (f64, f64) {
    let (count0, bytes0) = (ALLOCATIONS.load(Ordering::Relaxed), BYTES.load(Ordering::Relaxed));
    for item in items {
        step(item);
    }
    let n = items.len() as f64;
    (
        (ALLOCATIONS.load(Ordering::Relaxed) - count0) as f64 / n,
        (BYTES.load(Ordering::Relaxed) - bytes0) as f64 / n,
    )
}

/// [`per_item`] over the payloads' bytes.
fn measure(payloads: &[corpus::Payload], parse: impl Fn(&[u8])) -> (f64, f64) {
    per_item(payloads, |payload| parse(&payload.bytes))
}

/// [`per_item`] for a step over values built beforehand (their building is not counted).
fn measure_prepared<T>(payloads: &[corpus::Payload], prepare: impl Fn(&[u8]) -> T, step: impl Fn(&T)) -> (f64, f64) {
    let values: Vec<T> = payloads.iter().map(|p| prepare(&p.bytes)).collect();
    per_item(&values, step)
}

fn main() {
    let sources = corpus::Sources::load();
    let mut sets = vec![("mixed", corpus::generate(&sources, 2_000, 42, None))];
    for schema in corpus::SCHEMAS {
        sets.push((schema.as_str(), corpus::generate(&sources, 2_000, 42, Some(schema))));
    }
    let options = ConvertOptions::default().with_received_at(DateTime::UNIX_EPOCH + TimeDelta::days(19_723));
    println!("allocations per event (bytes allocated per event)");
    println!(
        "{:<10} {:>16} {:>16} {:>16} {:>16} {:>16} {:>16} {:>16}",
        "corpus",
        "Value parse",
        "typed parse",
        "parse+convert",
        "parse_common",
        "parse+track",
        "ser typed",
        "ser common"
    );
    for (name, payloads) in &sets {
        let value = measure(payloads, |bytes| {
            black_box(serde_json::from_slice::<Value>(bytes).expect("JSON"));
        });
        let typed = measure(payloads, |bytes| {
            black_box(cc_events::parse(bytes).expect("parses"));
        });
        let converted = measure(payloads, |bytes| {
            let event = cc_events::parse(bytes).expect("parses");
            black_box(event.to_common(&options));
        });
        let projected = measure(payloads, |bytes| {
            black_box(cc_events::parse_common(bytes, &options).expect("parses"));
        });
        let tracked = {
            let received = options.received_at;
            let tracker = RefCell::new((Tracker::default(), Update::default()));
            let (count, bytes) = measure(payloads, |bytes| {
                let event = cc_events::parse(bytes).expect("parses");
                let (tracker, update) = &mut *tracker.borrow_mut();
                tracker.track_into(&event, received, update);
                black_box(&*update);
            });
            // What `finish` allocates (the records of calls still open) is the stream's too.
            let (finish_count, finish_bytes) = per_item(&[()], |()| {
                black_box(tracker.borrow_mut().0.finish());
            });
            let n = payloads.len() as f64;
            (count + finish_count / n, bytes + finish_bytes / n)
        };
        // Serialising into a buffer that is already large enough: what is left is the
        // serialiser's own allocations.
        let buffer = RefCell::new(Vec::with_capacity(1 << 16));
        let serialize_typed = measure_prepared(
            payloads,
            |bytes| cc_events::parse(bytes).expect("parses"),
            |event| {
                let mut buffer = buffer.borrow_mut();
                buffer.clear();
                serde_json::to_writer(&mut *buffer, event).expect("writes");
            },
        );
        let serialize_common = measure_prepared(
            payloads,
            |bytes| cc_events::parse(bytes).expect("parses").to_common(&options),
            |event| {
                let mut buffer = buffer.borrow_mut();
                buffer.clear();
                serde_json::to_writer(&mut *buffer, event).expect("writes");
            },
        );
        let cell = |(count, bytes): (f64, f64)| format!("{count:.1} ({bytes:.0})");
        println!(
            "{name:<10} {:>16} {:>16} {:>16} {:>16} {:>16} {:>16} {:>16}",
            cell(value),
            cell(typed),
            cell(converted),
            cell(projected),
            cell(tracked),
            cell(serialize_typed),
            cell(serialize_common)
        );
    }
}
