//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod json_strategy;
pub mod scratch;

use cc_events::common::ConvertOptions;
use serde::Serialize;
use serde_json::Value;
use std::fmt::Debug;
use std::path::{Path, PathBuf};

/// The fixtures folder of `schema`.
pub fn fixture_dir(schema: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures").join(schema)
}

/// The valid fixtures of `schema` (not those under `invalid/`), sorted.
pub fn fixtures(schema: &str) -> Vec<PathBuf> {
    list_json(&fixture_dir(schema))
}

/// The invalid fixtures of `schema`, sorted.
pub fn invalid_fixtures(schema: &str) -> Vec<PathBuf> {
    list_json(&fixture_dir(schema).join("invalid"))
}

fn list_json(dir: &Path) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|error| panic!("{}: {error}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    paths.sort();
    paths
}

/// The file name without `.json`.
pub fn stem(path: &Path) -> String {
    path.file_stem()
        .and_then(|stem| stem.to_str())
        .expect("a UTF-8 file name")
        .to_owned()
}

/// The event type a fixture is named after: the part before the first `-`.
pub fn named_type(path: &Path) -> String {
    let stem = stem(path);
    stem.split('-').next().unwrap_or_default().to_owned()
}

/// Asserts the lossless contract: `typed` serialises to the same JSON value as `bytes`.
pub fn assert_round_trip<T: Serialize + Debug>(bytes: &[u8], typed: &T, context: &str) {
    let original: Value = serde_json::from_slice(bytes).unwrap_or_else(|e| panic!("{context}: not JSON: {e}"));
    let back = serde_json::to_value(typed).unwrap_or_else(|e| panic!("{context}: does not serialise: {e}"));
    assert_eq!(
        back, original,
        "{context}: the round trip lost or changed data\n{typed:#?}"
    );
}

/// Every value the fixtures' JSON carries under `key`, at any depth.
pub fn values_under(paths: &[PathBuf], key: &str) -> Vec<Value> {
    fn walk(value: &Value, key: &str, out: &mut Vec<Value>) {
        match value {
            Value::Object(map) => {
                for (name, inner) in map {
                    if name == key {
                        out.push(inner.clone());
                    }
                    walk(inner, key, out);
                }
            }
            Value::Array(items) => items.iter().for_each(|item| walk(item, key, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for path in paths {
        let value: Value = serde_json::from_slice(&std::fs::read(path).expect("readable")).expect("JSON");
        walk(&value, key, &mut out);
    }
    out
}

/// Asserts that every documented value of a value set appears under `key` in some fixture.
pub fn assert_every_value_in_fixtures(paths: &[PathBuf], key: &str, known: &[&str]) {
    let seen = values_under(paths, key);
    for value in known {
        assert!(
            seen.iter().any(|seen| seen.as_str() == Some(value)),
            "no fixture carries {key} = {value:?}"
        );
    }
}

/// Property-test cases: `PROPTEST_CASES` when set, else `default`.
pub fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .unwrap_or(default)
}

/// Reads and parses one fixture as an event of schema `E`.
pub fn parse_fixture<E: cc_events::wire::EventSchema>(path: &Path) -> (Vec<u8>, E) {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let event = cc_events::wire::parse_slice::<E>(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    (bytes, event)
}

/// The fixture `fixtures/<schema>/<name>.json`, parsed.
pub fn fixture_event<E: cc_events::wire::EventSchema>(schema: &str, name: &str) -> E {
    parse_fixture(&fixture_dir(schema).join(format!("{name}.json"))).1
}

/// The fixture `fixtures/<schema>/<name>.json`, as a JSON value.
pub fn fixture_json_of(schema: &str, name: &str) -> Value {
    let path = fixture_dir(schema).join(format!("{name}.json"));
    serde_json::from_slice(&std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
        .expect("a valid fixture")
}

/// Every fixture of `schema` parses as the event type its file is named after, and is the
/// schema's `Unknown` exactly when that type is not one of `documented`.
pub fn assert_fixtures_are_of_the_type_they_are_named_after<E: cc_events::wire::EventSchema>(
    schema: &str,
    documented: &[&str],
) {
    for path in fixtures(schema) {
        let (_, event) = parse_fixture::<E>(&path);
        let named = named_type(&path);
        assert_eq!(event.event_type_text().unwrap_or_default(), named, "{}", path.display());
        let is_unknown = event.object().is_none();
        assert_eq!(is_unknown, !documented.contains(&named.as_str()), "{}", path.display());
    }
}

/// The public validation API's report on a fixture (`cc_events::validate`, what downstream
/// tests use), checked: detected as `schema`, lossless.
pub fn validated(path: &Path, schema: cc_events::Schema, options: &ConvertOptions) -> cc_events::validate::Report {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let report = cc_events::validate::validate(&bytes, options).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert_eq!(report.schema, schema, "{}: detected as another schema", path.display());
    assert!(
        report.lossless,
        "{}: the round trip lost or changed data",
        path.display()
    );
    report
}

/// Validates a fixture through the public API (lossless, detected as `E`'s schema) and gives
/// the text its snapshot pins: the typed value and the report's deviations.
pub fn typed_snapshot<E: cc_events::wire::EventSchema + Serialize + Debug>(path: &Path) -> String {
    let report = validated(path, E::SCHEMA, &ConvertOptions::default());
    let (bytes, event) = parse_fixture::<E>(path);
    assert_round_trip(&bytes, &event, &path.display().to_string());
    let deviations: Vec<String> = report.deviations.iter().map(ToString::to_string).collect();
    assert_eq!(
        report.deviations.len(),
        cc_events::wire::deviations(&event).len(),
        "{}: the schema's parser and detection disagree",
        path.display()
    );
    format!("{event:#?}\n\ndeviations: {deviations:#?}")
}

/// Seed 002's scenario streams in `fixtures/aliyun_v2/scenarios/`, in the document's order
/// (`tests/scenarios.rs` keeps this list and the folder equal).
pub const ALIYUN_SCENARIOS: &[&str] = &[
    "agent-login-and-break",
    "outbound-call",
    "inbound-via-ivr",
    "ivr-abandoned",
    "queueing-timeout",
    "ringing-timeout",
    "agent-to-agent",
    "sip-phone-to-agent",
    "sip-phone-to-customer",
    "two-leg-call",
    "hold-and-mute",
    "blind-transfer",
    "attended-transfer",
    "monitor",
    "barge-in",
    "intercept",
    "coach",
];
