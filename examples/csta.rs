//! Parses every csta fixture and prints what it found.
//!
//! `cargo run --example csta [DIR]` (default: the bundled `fixtures/csta`, then its `invalid/`
//! payloads, which print their errors). Times are read as local time at +08:00, the vendors'
//! home zone.

use cc_events::csta::Event;
use chrono::FixedOffset;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/csta"));
    let east8 = FixedOffset::east_opt(8 * 3600).ok_or("invalid offset")?;
    let mut paths = json_files(&dir)?;
    let invalid = dir.join("invalid");
    if invalid.is_dir() {
        paths.extend(json_files(&invalid)?);
    }
    for path in paths {
        let name = path.strip_prefix(&dir).unwrap_or(&path).to_string_lossy().into_owned();
        match Event::from_slice(&std::fs::read(&path)?) {
            Ok(event) => {
                let utc = event
                    .utc_time(east8)
                    .map(|time| time.format("%Y-%m-%dT%H:%M:%SZ").to_string())
                    .unwrap_or_else(|| "-".to_owned());
                let state = event
                    .local_state()
                    .map(|state| state.as_str().to_owned())
                    .or_else(|| event.agent_mode().map(|mode| mode.as_str().to_owned()))
                    .unwrap_or_else(|| "-".to_owned());
                let mine = match event.is_subscriber_subject() {
                    Some(true) => "own",
                    Some(false) => "other",
                    None => "-",
                };
                println!(
                    "{name:<42} {:<22} {utc:<21} serial={:<9} call={} device={} agent={} state={state} cause={} subject={} ({mine}) deviations={}",
                    event.event_type().as_str(),
                    event
                        .serial()
                        .map(|serial| serial.to_string())
                        .unwrap_or_else(|| "-".to_owned()),
                    event.call_id().unwrap_or("-"),
                    event.device_id().unwrap_or("-"),
                    event.agent_id().unwrap_or("-"),
                    event.cause().map(|cause| cause.as_str()).unwrap_or("-"),
                    event.subject_device().unwrap_or("-"),
                    event.deviations().len()
                );
            }
            Err(error) => println!("{name:<42} error: {error}"),
        }
    }
    Ok(())
}

/// The `.json` files of `dir`, sorted.
fn json_files(dir: &std::path::Path) -> std::io::Result<Vec<PathBuf>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    paths.sort();
    Ok(paths)
}
