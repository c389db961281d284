//! Parses every aliyun_v2 fixture and prints what it found.
//!
//! `cargo run --example aliyun_v2 [DIR]` (default: the bundled `fixtures/aliyun_v2`).

use cc_events::aliyun_v2::Event;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/aliyun_v2"));
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    paths.sort();
    for path in paths {
        let name = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
        match Event::from_slice(&std::fs::read(&path)?) {
            Ok(event) => {
                let time = event
                    .event_time()
                    .map(|time| time.as_str().to_owned())
                    .unwrap_or_default();
                println!(
                    "{name:<45} {:<28} {time:<26} contact={} agent={} deviations={}",
                    event.event_type().as_str(),
                    event.contact_id().unwrap_or("-"),
                    event.agent_id().unwrap_or("-"),
                    event.deviations().len()
                );
            }
            Err(error) => println!("{name:<45} error: {error}"),
        }
    }
    Ok(())
}
