//! Interleaved ratios: every strategy in every round, in a shuffled order, and the median of
//! the per-round ratios to `serde_json::from_slice::<Value>` on the same bytes.
//!
//! `cargo bench --bench ratios` (`-- --rounds N --events N` to change the defaults;
//! `-- --only serialize,lines` runs only the strategies whose names hold one of the words, with
//! their baselines; `-- --by-type` runs, instead of the usual corpora, sets of one event type
//! each, the most common ten of the mixed corpus, beside a mixed set of the same size: what
//! mixing event types costs, as their readers and conversions share the instruction cache).
//! `-- --help` lists the flags; an argument the harness does not know is said to be ignored.
//! Criterion's groups run one after the other, so on a shared machine a ratio read off two of
//! its medians mixes two moments of the machine; here each ratio is taken within one round,
//! where every strategy ran moments apart, and the median over rounds drops the noisy ones.
//! A ratio above 1 means faster than `Value`.

mod corpus;
mod interleave;

use cc_events::common::ConvertOptions;
use cc_events::{AnyEvent, Schema, aliyun_v2, ccai_qm, csta, push_v7};
use chrono::{DateTime, TimeDelta, Utc};
use serde::de::IgnoredAny;
use serde_json::Value;
use std::hint::black_box;
use std::io::Write;

fn typed(schema: Schema, bytes: &[u8]) -> AnyEvent {
    let result = match schema {
        Schema::AliyunV2 => aliyun_v2::Event::from_slice(bytes).map(AnyEvent::AliyunV2),
        Schema::PushV7 => push_v7::Event::from_slice(bytes).map(AnyEvent::PushV7),
        Schema::Csta => csta::Event::from_slice(bytes).map(AnyEvent::Csta),
        Schema::CcaiQm => ccai_qm::Event::from_slice(bytes).map(AnyEvent::CcaiQm),
        _ => unreachable!("the corpus has four schemas"),
    };
    result.expect("every corpus payload parses")
}

/// One corpus and what every strategy needs of it, built once.
struct Set {
    name: String,
    payloads: Vec<corpus::Payload>,
    values: Vec<Value>,
    events: Vec<AnyEvent>,
    /// The payloads as one NDJSON text (pretty ones made compact), for the `normalize` pair.
    ndjson: Vec<u8>,
}

impl Set {
    fn new(name: &str, payloads: Vec<corpus::Payload>) -> Self {
        let values: Vec<Value> = payloads
            .iter()
            .map(|p| serde_json::from_slice(&p.bytes).expect("JSON"))
            .collect();
        let events: Vec<AnyEvent> = payloads.iter().map(|p| typed(p.schema, &p.bytes)).collect();
        // The sonic strategies must do the same work: the same events from the same bytes.
        #[cfg(feature = "sonic")]
        for (payload, event) in payloads.iter().zip(&events) {
            let sonic = sonic_rs::from_slice::<AnyEvent>(&payload.bytes).expect("sonic-rs parses");
            assert_eq!(&sonic, event, "sonic-rs read another event");
        }
        // The payloads' own bytes, compacted: written back from `Value` they would have their
        // keys sorted (a discriminator behind the keys before it) and their escapes decoded,
        // which is not what a vendor's file holds.
        let mut ndjson = Vec::new();
        for (payload, value) in payloads.iter().zip(&values) {
            let start = ndjson.len();
            compact_into(&payload.bytes, &mut ndjson);
            let compacted: Value = serde_json::from_slice(&ndjson[start..]).expect("a compacted payload is JSON");
            assert_eq!(&compacted, value, "compacting changed a payload");
            assert!(!ndjson[start..].contains(&b'\n'), "a compacted payload is one line");
            ndjson.push(b'\n');
        }
        Set {
            name: name.to_owned(),
            payloads,
            values,
            events,
            ndjson,
        }
    }
}

/// Appends `json` with the whitespace between its tokens left out: the same keys in the same
/// order, the same texts with the same escapes.
fn compact_into(json: &[u8], out: &mut Vec<u8>) {
    let (mut in_text, mut escaped) = (false, false);
    for &byte in json {
        if in_text {
            out.push(byte);
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_text = false,
                _ => {}
            }
        } else if !byte.is_ascii_whitespace() {
            in_text = byte == b'"';
            out.push(byte);
        }
    }
}

type Run = fn(&Set, &mut Vec<u8>, &ConvertOptions);

/// The strategies, each over the whole set once. The first is the baseline.
static STRATEGIES: &[(&str, Run)] = &[
    ("value_from_slice", |set, _, _| {
        for p in &set.payloads {
            black_box(serde_json::from_slice::<Value>(&p.bytes).expect("JSON"));
        }
    }),
    ("ignored_any_floor", |set, _, _| {
        for p in &set.payloads {
            black_box(serde_json::from_slice::<IgnoredAny>(&p.bytes).expect("JSON"));
        }
    }),
    ("typed_schema_parse", |set, _, _| {
        for p in &set.payloads {
            black_box(typed(p.schema, &p.bytes));
        }
    }),
    ("detect_and_parse", |set, _, _| {
        for p in &set.payloads {
            black_box(cc_events::parse(&p.bytes).expect("parses"));
        }
    }),
    // The serde reader alone (what `cc_events::parse` falls back to), to weigh the fast reader.
    ("detect_and_parse_serde", |set, _, _| {
        for p in &set.payloads {
            let text = std::str::from_utf8(&p.bytes).expect("UTF-8");
            black_box(AnyEvent::from_str_serde(text).expect("parses"));
        }
    }),
    ("parse_and_to_common", |set, _, options| {
        for p in &set.payloads {
            let event = cc_events::parse(&p.bytes).expect("parses");
            black_box(event.to_common(options));
        }
    }),
    // What the conversion costs, in two settings the README's Performance compares with
    // parse + `to_common`: the set's events parsed beforehand (the conversion alone, reading
    // events that are no longer in the cache), and beside each parse the conversion of one
    // and the same event (its code and branches always warm).
    ("to_common_of_parsed", |set, _, options| {
        for event in &set.events {
            black_box(event.to_common(options));
        }
    }),
    ("parse_and_to_common_of_one", |set, _, options| {
        let one = set.events.first().expect("a set has events");
        for p in &set.payloads {
            black_box(cc_events::parse(&p.bytes).expect("parses"));
            black_box(one.to_common(options));
        }
    }),
    ("parse_common", |set, _, options| {
        for p in &set.payloads {
            black_box(cc_events::parse_common(&p.bytes, options).expect("parses"));
        }
    }),
    ("serialize_value", |set, buffer, _| {
        for value in &set.values {
            buffer.clear();
            serde_json::to_writer(&mut *buffer, value).expect("writes");
            black_box(&buffer);
        }
    }),
    ("serialize_typed", |set, buffer, _| {
        for event in &set.events {
            buffer.clear();
            serde_json::to_writer(&mut *buffer, event).expect("writes");
            black_box(&buffer);
        }
    }),
    // `cc_events::json`: its own writer, or sonic-rs with `--features sonic`.
    ("serialize_json_module", |set, buffer, _| {
        for event in &set.events {
            buffer.clear();
            cc_events::json::append(buffer, event).expect("writes");
            black_box(&buffer);
        }
    }),
    // What `normalize` does per line (read, parse, convert, write a line), against the
    // minimal program that keeps `Value`: `from_str` and `to_writer` per line.
    ("lines_value_copy", |set, buffer, _| {
        buffer.clear();
        for line in set.ndjson.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
            let text = std::str::from_utf8(line).expect("UTF-8");
            let value: Value = serde_json::from_str(text).expect("JSON");
            serde_json::to_writer(&mut *buffer, &value).expect("writes");
            buffer.push(b'\n');
        }
        black_box(&buffer);
    }),
    // As `normalize` writes common events: `Reader::next_common`.
    ("lines_normalize", |set, buffer, options| {
        buffer.clear();
        let mut reader = cc_events::read::Reader::new(set.ndjson.as_slice());
        while let Some(document) = reader.next_common(options) {
            let common = document.expect("reads").result.expect("parses");
            cc_events::json::append(buffer, &common).expect("writes");
            buffer.push(b'\n');
        }
        black_box(&buffer);
    }),
    // The same through the vendor's event: `next_document`, then `to_common`.
    ("lines_normalize_parse", |set, buffer, options| {
        buffer.clear();
        let mut reader = cc_events::read::Reader::new(set.ndjson.as_slice());
        while let Some(document) = reader.next_document() {
            let event = document.expect("reads").result.expect("parses");
            let common = event.to_common(options);
            cc_events::json::append(buffer, &common).expect("writes");
            buffer.push(b'\n');
        }
        black_box(&buffer);
    }),
    // sonic-rs as the tokenizer under the same serde visitors (`--features sonic`): weighed
    // against serde_json's, not used by the crate (see the README's Performance section).
    #[cfg(feature = "sonic")]
    ("detect_and_parse_sonic", |set, _, _| {
        for p in &set.payloads {
            black_box(sonic_rs::from_slice::<AnyEvent>(&p.bytes).expect("parses"));
        }
    }),
    #[cfg(feature = "sonic")]
    ("parse_sonic_to_common", |set, _, options| {
        for p in &set.payloads {
            let event = sonic_rs::from_slice::<AnyEvent>(&p.bytes).expect("parses");
            black_box(event.to_common(options));
        }
    }),
];

/// The ratio reported for a strategy: its baseline's time over its time. Serialisers are
/// compared with `serialize_value`, the `normalize` pair with the `Value` copy program.
fn baseline_of(name: &str) -> &'static str {
    match name {
        "serialize_typed" | "serialize_json_module" => "serialize_value",
        "lines_normalize" | "lines_normalize_parse" => "lines_value_copy",
        _ => "value_from_slice",
    }
}

const USAGE: &str = "usage: cargo bench --bench ratios -- [--rounds N] [--events N] [--only WORD,WORD] [--by-type]\n(see the module's documentation in benches/ratios.rs)";

fn main() {
    let mut rounds = 15;
    let mut events = 20_000;
    let mut only: Vec<String> = Vec::new();
    let mut by_type = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--rounds" => rounds = args.next().and_then(|n| n.parse().ok()).expect("--rounds N"),
            "--events" => events = args.next().and_then(|n| n.parse().ok()).expect("--events N"),
            "--only" => {
                only = args
                    .next()
                    .expect("--only WORD,WORD")
                    .split(',')
                    .map(str::to_owned)
                    .collect()
            }
            "--by-type" => by_type = true,
            other => {
                if interleave::other_argument(other, USAGE) {
                    return;
                }
            }
        }
    }
    let sources = corpus::Sources::load();
    let sets = if by_type {
        sets_by_type(&sources, events)
    } else {
        usual_sets(&sources, events)
    };
    run_sets(&sets, &only, rounds);
}

/// The sets of one event type each (the ten most common of a mixed corpus three times
/// `events` long, `events / 10` of each), after a mixed set of the same size.
fn sets_by_type(sources: &corpus::Sources, events: usize) -> Vec<Set> {
    let size = (events / 10).max(1);
    let payloads = corpus::generate(sources, events * 3, 42, None);
    let mut by_type: std::collections::BTreeMap<String, Vec<corpus::Payload>> = Default::default();
    let mut mixed = Vec::with_capacity(size);
    for payload in payloads {
        let event = typed(payload.schema, &payload.bytes);
        let name = format!("{}:{}", payload.schema, event.event_type().unwrap_or("-"));
        if mixed.len() < size {
            mixed.push(corpus::Payload {
                schema: payload.schema,
                bytes: payload.bytes.clone(),
            });
        }
        by_type.entry(name).or_default().push(payload);
    }
    let mut types: Vec<(String, Vec<corpus::Payload>)> = by_type.into_iter().collect();
    types.sort_by_key(|(name, set)| (std::cmp::Reverse(set.len()), name.clone()));
    let mut sets = vec![Set::new("mixed", mixed)];
    for (name, mut set) in types.into_iter().take(10) {
        set.truncate(size);
        sets.push(Set::new(&name, set));
    }
    sets
}

/// The mixed corpus, each schema's, and the 7moor CDRs'.
fn usual_sets(sources: &corpus::Sources, events: usize) -> Vec<Set> {
    let mut sets = vec![Set::new("mixed", corpus::generate(sources, events, 42, None))];
    for schema in corpus::SCHEMAS {
        sets.push(Set::new(
            schema.as_str(),
            corpus::generate(sources, events / 4, 42, Some(schema)),
        ));
    }
    let cdr: Vec<corpus::Payload> = corpus::generate(sources, events * 2, 7, Some(Schema::PushV7))
        .into_iter()
        .filter(|p| p.bytes.len() > 2500)
        .take(events / 8)
        .collect();
    sets.push(Set::new("push_v7_cdr", cdr));
    sets
}

/// Runs the strategies `only` asks for (every one when empty) over every set, interleaved.
fn run_sets(sets: &[Set], only: &[String], rounds: usize) {
    // The strategies asked for, and the baselines their ratios need.
    let wanted = |name: &str| only.is_empty() || only.iter().any(|word| name.contains(word.as_str()));
    let mut chosen: Vec<usize> = (0..STRATEGIES.len()).filter(|&s| wanted(STRATEGIES[s].0)).collect();
    while let Some(missing) = chosen.iter().find_map(|&s| {
        let base = baseline_of(STRATEGIES[s].0);
        let b = STRATEGIES
            .iter()
            .position(|(name, _)| *name == base)
            .expect("a baseline");
        (!chosen.contains(&b)).then_some(b)
    }) {
        chosen.push(missing);
    }
    chosen.sort_unstable();

    let received: DateTime<Utc> = DateTime::UNIX_EPOCH + TimeDelta::days(19_723);
    let options = ConvertOptions::default().with_received_at(received);
    let mut buffer = Vec::with_capacity(1 << 20);
    let mut rng = corpus::Rng::new(1);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    writeln!(
        out,
        "{rounds} rounds, medians of per-round ratios (above 1: faster than the baseline)"
    )
    .ok();
    for set in sets {
        let bytes: usize = set.payloads.iter().map(|p| p.bytes.len()).sum();
        let seconds = interleave::time_rounds(chosen.len(), rounds, &mut rng, |c| {
            (STRATEGIES[chosen[c]].1)(set, &mut buffer, &options)
        });
        writeln!(out, "\n{} ({} events, {} bytes)", set.name, set.payloads.len(), bytes).ok();
        writeln!(out, "{:<24} {:>10} {:>9}  against", "strategy", "MB/s", "ratio").ok();
        for (s, &strategy) in chosen.iter().enumerate() {
            let name = STRATEGIES[strategy].0;
            let base = baseline_of(name);
            let b = chosen
                .iter()
                .position(|&c| STRATEGIES[c].0 == base)
                .expect("the baseline is chosen with its strategies");
            let size = if name.starts_with("lines_") {
                set.ndjson.len()
            } else {
                bytes
            };
            let mbps = size as f64 / interleave::median_seconds(&seconds, s) / 1e6;
            let ratio = interleave::median_ratio(&seconds, b, s);
            writeln!(out, "{name:<24} {mbps:>10.1} {ratio:>8.2}x  {base}").ok();
        }
    }
}
