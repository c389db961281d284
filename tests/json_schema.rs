//! The JSON Schema of the common JSON: the committed file is what the types generate, and
//! every event the main job prints for the bundled fixtures validates against it with an
//! independent validator (the `jsonschema` crate).
#![cfg(all(feature = "aliyun_v2", feature = "push_v7", feature = "csta", feature = "ccai_qm"))]

use cc_events::common::{CommonEvent, ConvertOptions, JSON_SCHEMA};
use serde_json::Value;
use std::path::Path;

#[cfg(feature = "schemars")]
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

/// Each line of `output` as JSON, asserted valid against `validator`.
fn valid_lines<'a>(
    validator: &'a jsonschema::Validator,
    output: &'a str,
) -> impl Iterator<Item = (&'a str, Value)> + 'a {
    output.lines().map(move |line| {
        let value: Value = serde_json::from_str(line).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{line}\n{errors:#?}");
        (line, value)
    })
}

fn validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(JSON_SCHEMA).expect("the schema is JSON");
    jsonschema::draft202012::new(&schema).expect("the schema is a valid draft 2020-12 schema")
}

/// What the main job (the `normalize` binary) prints for the bundled fixtures, as CI runs it.
fn main_job_output(extra_args: &[&str]) -> String {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_normalize"))
        .args(extra_args)
        .arg(&fixtures)
        .output()
        .expect("normalize runs");
    assert!(
        output.status.success(),
        "normalize failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

#[test]
fn every_line_the_main_job_prints_for_the_fixtures_validates() {
    let validator = validator();
    // With the clock as receive time (nanoseconds, written to the millisecond), and with one
    // given on the command line.
    for args in [&[][..], &["--received-at", "2026-01-02T03:04:05.123456789Z"][..]] {
        let output = main_job_output(args);
        let mut checked = 0;
        for (line, value) in valid_lines(&validator, &output) {
            assert_eq!(value["format"], "cc-events/1", "{line}");
            // Read back and written again, the line is unchanged.
            let back: CommonEvent = serde_json::from_str(line).unwrap();
            assert_eq!(serde_json::to_string(&back).unwrap(), line);
            checked += 1;
        }
        // Every fixture and every line of the scenario streams.
        assert!(checked > 250, "only {checked} lines were checked");
    }
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

/// The tracker's records and intervals: their committed schemas are what the types generate
/// (`CC_EVENTS_BLESS_SCHEMA=1` rewrites them), and every line of `normalize --calls` and
/// `--agents` over the bundled fixtures validates against them.
#[cfg(feature = "schemars")]
#[test]
fn the_committed_tracker_schemas_are_the_ones_the_types_generate() {
    use cc_events::track::{AGENT_INTERVAL_SCHEMA, AgentInterval, CALL_RECORD_SCHEMA, CallRecord};
    for (path, generated, committed) in [
        (
            "src/track/call-record.schema.json",
            schemars::schema_for!(CallRecord),
            CALL_RECORD_SCHEMA,
        ),
        (
            "src/track/agent-interval.schema.json",
            schemars::schema_for!(AgentInterval),
            AGENT_INTERVAL_SCHEMA,
        ),
    ] {
        let text = serde_json::to_string_pretty(&generated).unwrap() + "\n";
        if std::env::var_os("CC_EVENTS_BLESS_SCHEMA").is_some() {
            std::fs::write(Path::new(env!("CARGO_MANIFEST_DIR")).join(path), &text).unwrap();
            continue;
        }
        assert!(text == committed, "{path} is out of date: bless it and commit");
    }
}

#[test]
fn every_record_and_interval_the_main_job_prints_validates() {
    use cc_events::track::{AGENT_INTERVAL_SCHEMA, CALL_RECORD_SCHEMA};
    for (flag, schema, key) in [
        ("--calls", CALL_RECORD_SCHEMA, "call_id"),
        ("--agents", AGENT_INTERVAL_SCHEMA, "agent_id"),
    ] {
        let schema: Value = serde_json::from_str(schema).expect("the schema is JSON");
        let validator = jsonschema::draft202012::new(&schema).expect("a valid draft 2020-12 schema");
        let output = main_job_output(&[flag, "--received-at", "2026-01-02T03:04:05Z"]);
        let mut checked = 0;
        for (line, value) in valid_lines(&validator, &output) {
            assert!(value.get(key).is_some(), "{flag}: {line}");
            // And the schema is no rubber stamp: a record without its key fails.
            let mut broken = value.clone();
            broken.as_object_mut().unwrap().remove(key);
            assert!(!validator.is_valid(&broken), "{flag}: accepted without {key}: {broken}");
            checked += 1;
        }
        assert!(checked > 10, "{flag}: only {checked} lines were checked");
    }
}
