//! NDJSON payloads on stdin, CloudEvents lines on stdout (one per payload), ready for a Kafka
//! topic: `cargo run --example cloudevents --features cloudevents < payloads.ndjson`.
//! A line that is not a payload of a known schema goes to stderr with its error.

use cc_events::cloudevents::{CloudEvent, CloudEventOptions};
use cc_events::common::ConvertOptions;
use std::io::{BufRead, Write};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let convert =
        ConvertOptions::default().with_received_at(chrono::DateTime::<chrono::Utc>::from(std::time::SystemTime::now()));
    let options = CloudEventOptions::default();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for (n, line) in std::io::stdin().lock().lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        match cc_events::parse(line.as_bytes()) {
            Ok(event) => {
                let common = event.to_common(&convert);
                serde_json::to_writer(&mut out, &CloudEvent::from_event(&event, &common, &options))?;
                out.write_all(b"\n")?;
            }
            Err(error) => eprintln!("line {}: {error}", n + 1),
        }
    }
    out.flush()?;
    Ok(())
}
