//! Parses every push_v7 fixture and prints what it found.
//!
//! `cargo run --example push_v7 [DIR]` (default: the bundled `fixtures/push_v7`).

use cc_events::push_v7::Event;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/push_v7"));
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    paths.sort();
    for path in paths {
        let name = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
        match Event::from_slice(&std::fs::read(&path)?) {
            Ok(event) => {
                let time = event.status_time().map(|time| format!("{time:?}")).unwrap_or_default();
                let detail = match &event {
                    Event::CallStatus(_) => event
                        .agent_status()
                        .map(|status| format!("status={status:?}"))
                        .unwrap_or_default(),
                    Event::Cdr(cdr) => format!(
                        "total={}s legs={}",
                        cdr.total_seconds().map(|s| s.to_string()).unwrap_or_else(|| "-".into()),
                        cdr.bill_legs().len()
                    ),
                    _ => event.call_event().map(|e| format!("callEvent={e}")).unwrap_or_default(),
                };
                println!(
                    "{name:<38} {:<18} call={} agent={} {detail} {time} deviations={}",
                    event.event_type().as_str(),
                    event.call_unique_id().unwrap_or("-"),
                    event.agent_number().unwrap_or("-"),
                    event.deviations().len()
                );
            }
            Err(error) => println!("{name:<38} error: {error}"),
        }
    }
    Ok(())
}
