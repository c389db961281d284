//! An agent board and call summaries from any vendor's stream: what every integrator used to
//! write as a state machine of their own, with the tracker.
//!
//! `cargo run --example track [FILE.ndjson ...]` (default: the bundled call streams of the
//! four vendors, read as one input: the tracker keeps each vendor's and tenant's calls apart).

use cc_events::chrono::{DateTime, TimeDelta, Utc};
use cc_events::track::{CallRecord, KpiReport, Tracker, Update};
use std::collections::BTreeMap;
use std::fs::File;
use std::io::BufReader;
use std::path::PathBuf;

const BUNDLED: [&str; 5] = [
    "fixtures/aliyun_v2/scenarios/inbound-via-ivr.ndjson",
    "fixtures/push_v7/streams/outbound-call.ndjson",
    "fixtures/push_v7/streams/inbound-call.ndjson",
    "fixtures/csta/streams/agent-call.ndjson",
    "fixtures/ccai_qm/streams/inbound-call.ndjson",
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut paths: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    if paths.is_empty() {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        paths = BUNDLED.iter().map(|path| root.join(path)).collect();
    }

    let mut tracker = Tracker::default();
    let mut update = Update::default();
    // A record is re-emitted with the next revision when it is amended: keep the newest.
    let mut calls: BTreeMap<(String, String, String), CallRecord> = BTreeMap::new();
    let mut intervals = Vec::new();
    let mut keep = |update: &Update, intervals: &mut Vec<_>| {
        for record in &update.calls {
            let key = (
                record.vendor.to_string(),
                record.tenant.as_deref().unwrap_or_default().to_owned(),
                record.call_id.to_string(),
            );
            calls.insert(key, record.clone());
        }
        intervals.extend(update.intervals.iter().cloned());
    };

    // The time an event's payload does not carry (Google CCAI's carry none) is its receive
    // time: a service passes the moment it got the payload; here each line is taken to arrive
    // a second after the one before it.
    let mut received = DateTime::<Utc>::from_timestamp(1_700_000_000, 0).unwrap_or_default();
    for path in &paths {
        let mut reader = cc_events::read::Reader::new(BufReader::new(File::open(path)?));
        while let Some(document) = reader.next_document() {
            let document = document?;
            match document.result {
                Ok(event) => {
                    received += TimeDelta::seconds(1);
                    tracker.track_into(&event, Some(received), &mut update);
                    keep(&update, &mut intervals);
                }
                Err(error) => eprintln!("{}:{}: {error}", path.display(), document.position.line),
            }
        }
    }

    println!("The board before the input ends:");
    for agent in tracker.board().agents {
        let call = agent.call_id.as_deref().unwrap_or("-");
        println!(
            "  {:<14} {:<28} {:<18} since {} on {call}",
            agent.vendor, agent.agent_id, agent.state, agent.since
        );
    }
    keep(&tracker.finish(), &mut intervals);

    println!("\nCalls ({}):", calls.len());
    for record in calls.values() {
        let ms = |value: Option<i64>| value.map_or_else(|| "-".to_owned(), |ms| format!("{:.1}s", ms as f64 / 1000.0));
        println!(
            "  {:<14} {:<40} {:<9} {:<12} agents {:<30} ring {:>6} talk {:>7} hold {:>6} acw {:>6}",
            record.vendor,
            record.call_id,
            record.direction.as_ref().map(ToString::to_string).unwrap_or_default(),
            record.outcome,
            record.agents.join(", "),
            ms(record.ring_ms),
            ms(record.talk_ms),
            ms(Some(record.hold_ms)),
            ms(record.acw_ms),
        );
    }

    let records: Vec<CallRecord> = calls.into_values().collect();
    let report = KpiReport::compute(&records, &intervals, TimeDelta::seconds(20));
    let overall = &report.overall;
    let percent = |ratio: Option<f64>| ratio.map_or_else(|| "-".to_owned(), |r| format!("{:.0}%", r * 100.0));
    println!(
        "\nKPIs: {} calls, {} answered, {} abandoned; AHT {}, ASA {}, abandonment {}, service level (20 s) {}",
        overall.calls,
        overall.answered,
        overall.abandoned,
        overall
            .aht_ms
            .map_or_else(|| "-".to_owned(), |ms| format!("{:.1}s", ms / 1000.0)),
        overall
            .asa_ms
            .map_or_else(|| "-".to_owned(), |ms| format!("{:.1}s", ms / 1000.0)),
        percent(overall.abandonment_rate),
        percent(overall.service_level),
    );
    println!("{} agent state intervals ended.", intervals.len());
    Ok(())
}
