//! `parse_common` is `parse` then `to_common`, whatever the input: the same common event or
//! the same error, for every fixture, every stream line, every malformed sample, the generated
//! corpus, and every fixture with each of its values replaced by values of other JSON types
//! (so that a skipped field sent in an unexpected form is covered too).
#![cfg(all(feature = "aliyun_v2", feature = "push_v7", feature = "csta", feature = "ccai_qm"))]

#[path = "../benches/corpus.rs"]
mod corpus;

use cc_events::common::ConvertOptions;
use chrono::{TimeZone, Utc};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

/// Asserts that the projection agrees with the full path on `bytes`; `true` when it parsed.
fn agrees(bytes: &[u8], options: &ConvertOptions, context: &str) -> bool {
    match (cc_events::parse(bytes), cc_events::parse_common(bytes, options)) {
        (Ok(event), Ok(common)) => {
            assert_eq!(common, event.to_common(options), "{context}: the common events differ");
            true
        }
        (Err(full), Err(projected)) => {
            assert_eq!(projected.to_string(), full.to_string(), "{context}: the errors differ");
            assert_eq!(projected.path(), full.path(), "{context}: the error paths differ");
            false
        }
        (full, projected) => panic!(
            "{context}: parse gave {:?}, parse_common gave {:?}",
            full.err(),
            projected.err()
        ),
    }
}

fn options() -> ConvertOptions {
    let received = Utc.with_ymd_and_hms(2026, 12, 2, 8, 0, 0).unwrap();
    ConvertOptions::default().with_received_at(received)
}

/// Every `.json` and `.ndjson` file under `fixtures/`.
fn fixture_files() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("a fixtures folder") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|ext| ext == "json" || ext == "ndjson") {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures"), &mut out);
    out.sort();
    out
}

/// Each payload of a fixture file: the file, or each line of a stream.
fn payloads(path: &Path) -> Vec<Vec<u8>> {
    let bytes = std::fs::read(path).expect("a readable fixture");
    if path.extension().is_some_and(|ext| ext == "ndjson") {
        bytes
            .split(|&b| b == b'\n')
            .filter(|line| !line.is_empty())
            .map(<[u8]>::to_vec)
            .collect()
    } else {
        vec![bytes]
    }
}

#[test]
fn every_fixture_and_stream_line_converts_the_same() {
    let options = options();
    let (mut parsed, mut refused) = (0, 0);
    for path in fixture_files() {
        for (line, bytes) in payloads(&path).iter().enumerate() {
            let context = format!("{} #{}", path.display(), line + 1);
            if agrees(bytes, &options, &context) {
                parsed += 1;
            } else {
                refused += 1;
            }
        }
    }
    // Both sides are exercised: the fixtures hold hundreds of events and the malformed samples.
    assert!(parsed > 300, "only {parsed} fixture payloads parsed");
    assert!(refused > 5, "only {refused} fixture payloads were refused");
}

#[test]
fn the_generated_corpus_converts_the_same() {
    let sources = corpus::Sources::load();
    let options = ConvertOptions::default();
    for (i, payload) in corpus::generate(&sources, 4_000, 7, None).iter().enumerate() {
        assert!(
            agrees(&payload.bytes, &options, &format!("corpus #{i} ({})", payload.schema)),
            "corpus #{i} does not parse"
        );
    }
}

/// Every value of every valid fixture, at any depth, replaced in turn by values of the other
/// JSON types: a skipped field is checked as JSON only, so its form must never matter.
#[test]
fn a_value_of_any_type_in_any_field_converts_the_same() {
    fn replace_each(root: &Value, at: &mut Vec<PathStep>, node: &Value, out: &mut Vec<Value>) {
        let odd = [
            json!(null),
            json!(-1.5),
            json!({"x": [1, "y"]}),
            json!(["a", {}]),
            json!("\u{e9}\"\\"),
        ];
        match node {
            Value::Object(map) => {
                for (key, child) in map {
                    at.push(PathStep::Key(key.clone()));
                    for replacement in &odd {
                        out.push(with_replaced(root, at, replacement.clone()));
                    }
                    replace_each(root, at, child, out);
                    at.pop();
                }
            }
            Value::Array(items) => {
                for (index, child) in items.iter().enumerate() {
                    at.push(PathStep::Index(index));
                    replace_each(root, at, child, out);
                    at.pop();
                }
            }
            _ => {}
        }
    }
    let options = options();
    let mut checked = 0;
    for path in fixture_files() {
        if path.components().any(|part| part.as_os_str() == "invalid") {
            continue;
        }
        for bytes in payloads(&path) {
            let Ok(root) = serde_json::from_slice::<Value>(&bytes) else {
                continue;
            };
            let mut variants = Vec::new();
            replace_each(&root, &mut Vec::new(), &root, &mut variants);
            for variant in variants {
                let bytes = serde_json::to_vec(&variant).expect("serialises");
                agrees(&bytes, &options, &format!("{} with {variant}", path.display()));
                checked += 1;
            }
        }
    }
    assert!(checked > 10_000, "only {checked} variants checked");
}

#[derive(Clone)]
enum PathStep {
    Key(String),
    Index(usize),
}

fn with_replaced(root: &Value, at: &[PathStep], replacement: Value) -> Value {
    let mut copy = root.clone();
    let mut node = &mut copy;
    for step in at {
        node = match step {
            PathStep::Key(key) => &mut node[key.as_str()],
            PathStep::Index(index) => &mut node[*index],
        };
    }
    *node = replacement;
    copy
}
