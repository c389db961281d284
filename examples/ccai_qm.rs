//! Parses every ccai_qm fixture and prints what it found.
//!
//! `cargo run --example ccai_qm [DIR]` (default: the bundled `fixtures/ccai_qm`; its `invalid/`
//! folder is listed too, to show the errors).

use cc_events::ccai_qm::{Event, Participant};
use std::path::{Path, PathBuf};

fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    paths.sort();
    paths
}

fn participant(participant: &Participant) -> String {
    format!(
        "{}:{}:{}",
        participant.id().unwrap_or("-"),
        participant.participant_type.get().map_or("-", |kind| kind.as_str()),
        participant.state.get().map_or("-", |state| state.as_str()),
    )
}

fn describe(event: &Event) -> String {
    if let Some(agent) = event.agent() {
        return format!(
            "agent={} email={}",
            agent.agent_id().unwrap_or("-"),
            agent.email.as_str().unwrap_or("-")
        );
    }
    if let Some(call) = event.call() {
        let participants: Vec<String> = call.participants().map(participant).collect();
        return format!(
            "call={} {} queue=[{}] participants=[{}]",
            call.call_id.as_str().unwrap_or("-"),
            call.direction.get().map_or("-", |direction| direction.as_str()),
            call.queue_path_names().collect::<Vec<_>>().join("/"),
            participants.join(" ")
        );
    }
    String::new()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/ccai_qm"));
    for path in json_files(&dir).into_iter().chain(json_files(&dir.join("invalid"))) {
        let name = path.strip_prefix(&dir).unwrap_or(&path).display().to_string();
        match Event::from_slice(&std::fs::read(&path)?) {
            Ok(event) => println!(
                "{name:<42} {:<10} {:<22} {} deviations={}",
                event.event_type().as_str(),
                event.state_text().unwrap_or("-"),
                describe(&event),
                event.deviations().len()
            ),
            Err(error) => println!("{name:<42} error: {error}"),
        }
    }
    Ok(())
}
