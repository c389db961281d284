//! The JSON Schema of the common JSON: the committed file is what the types generate, and
//! every event the main job prints for the bundled fixtures validates against it with an
//! independent validator (the `jsonschema` crate).

mod support;

use cc_events::common::{CommonEvent, ConvertOptions, JSON_SCHEMA};
use chrono::{DateTime, Utc};
use serde_json::Value;
use std::path::{Path, PathBuf};

const SCHEMA_PATH: &str = "src/common/common-event.schema.json";

/// The committed schema is exactly what `schemars` generates from the types. With
/// `CC_EVENTS_BLESS_SCHEMA=1` the file is rewritten instead (then review the diff).
#[cfg(feature = "schemars")]
#[test]
fn the_committed_schema_is_the_one_the_types_generate() {
    let generated = schemars::schema_for!(CommonEvent);
    let text = serde_json::to_string_pretty(&generated).unwrap() + "\n";
    if std::env::var_os("CC_EVENTS_BLESS_SCHEMA").is_some() {
        std::fs::write(Path::new(env!("CARGO_MANIFEST_DIR")).join(SCHEMA_PATH), &text).unwrap();
        return;
    }
    assert!(
        text == JSON_SCHEMA,
        "{SCHEMA_PATH} is out of date: run `CC_EVENTS_BLESS_SCHEMA=1 cargo test --features schemars --test json_schema` and commit it"
    );
}

fn validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(JSON_SCHEMA).expect("the schema is JSON");
    jsonschema::draft202012::new(&schema).expect("the schema is a valid draft 2020-12 schema")
}

/// Every payload file the main job reads by default: the fixtures folder, recursively, its
/// `.json`, `.ndjson` and `.jsonl` files, `invalid/` folders left out.
fn main_job_inputs(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            if path.file_name().is_some_and(|name| name != "invalid") {
                main_job_inputs(&path, out);
            }
        } else if path
            .extension()
            .is_some_and(|ext| ext == "json" || ext == "ndjson" || ext == "jsonl")
        {
            out.push(path);
        }
    }
}

/// The lines the main job prints for one input file, as it prints them.
fn printed_lines(path: &Path, options: &ConvertOptions) -> Vec<String> {
    let bytes = std::fs::read(path).unwrap();
    let documents: Vec<&[u8]> = if path.extension().is_some_and(|ext| ext == "json") {
        vec![&bytes[..]]
    } else {
        bytes
            .split(|byte| *byte == b'\n')
            .filter(|line| !line.iter().all(u8::is_ascii_whitespace))
            .collect()
    };
    documents
        .into_iter()
        .map(|document| {
            let event = cc_events::parse(document).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            serde_json::to_string(&event.to_common(options)).unwrap()
        })
        .collect()
}

#[test]
fn every_line_the_main_job_prints_for_the_fixtures_validates() {
    let validator = validator();
    let mut inputs = Vec::new();
    main_job_inputs(&Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures"), &mut inputs);
    // As the main job does: a receive time for the payloads that carry none, here one with
    // nanoseconds, which the format writes to the millisecond.
    let received: DateTime<Utc> = "2026-01-02T03:04:05.123456789Z".parse().unwrap();
    let options = ConvertOptions::default().with_received_at(received);
    let mut checked = 0;
    for path in &inputs {
        for line in printed_lines(path, &options) {
            let value: Value = serde_json::from_str(&line).unwrap();
            let errors: Vec<String> = validator
                .iter_errors(&value)
                .map(|e| format!("{e} at {}", e.instance_path()))
                .collect();
            assert!(errors.is_empty(), "{}: {line}\n{errors:#?}", path.display());
            assert_eq!(value["format"], "cc-events/1", "{}", path.display());
            // Read back and written again, the line is unchanged.
            let back: CommonEvent = serde_json::from_str(&line).unwrap();
            assert_eq!(serde_json::to_string(&back).unwrap(), line, "{}", path.display());
            checked += 1;
        }
    }
    assert!(
        inputs
            .iter()
            .any(|path| path.extension().is_some_and(|ext| ext == "ndjson"))
    );
    assert!(checked > 250, "only {checked} lines were checked");
}

#[test]
fn the_schema_rejects_what_no_version_writes() {
    let validator = validator();
    let event = cc_events::parse(br#"{"eventName":"held","eventTime":"2017.03.18 14:37:57","serial":5,"callId":"c1"}"#)
        .unwrap();
    let good = serde_json::to_value(event.to_common(&ConvertOptions::default())).unwrap();
    assert!(validator.is_valid(&good), "{good}");
    let broken = |pointer: &str, value: Value| {
        let mut event = good.clone();
        *event.pointer_mut(pointer).unwrap() = value;
        event
    };
    for (pointer, value) in [
        ("/kind", Value::from(3)),
        ("/time/utc", Value::from("2017-03-18T06:37:57Z")),
        ("/time/utc", Value::from("2017-03-18 06:37:57.000")),
        ("/time/source", Value::from("explicit")),
        ("/sequence", Value::from(-1)),
    ] {
        assert!(
            !validator.is_valid(&broken(pointer, value.clone())),
            "{pointer} = {value}"
        );
    }
    let mut without_format = good.clone();
    without_format.as_object_mut().unwrap().remove("format");
    assert!(!validator.is_valid(&without_format));
}
