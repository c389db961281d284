//! `cc_events::json` writes exactly what `serde_json` writes, byte for byte: for every vendor
//! event and common event of the fixtures, for any JSON in a catch-all, and for every shape of
//! serde's data model. Its own writer by default, sonic-rs with the `sonic` feature (on in
//! CI's all-features run): each run tests the one it was built with.
#![cfg(all(feature = "aliyun_v2", feature = "push_v7", feature = "csta", feature = "ccai_qm"))]

mod support;

use cc_events::common::ConvertOptions;
use proptest::prelude::*;
use serde_json::Value;
use support::json_strategy::any_json;

fn same_bytes<T: serde::Serialize>(value: &T, context: &str) {
    let expected = serde_json::to_vec(value).expect("serde_json writes it");
    let written = cc_events::json::to_vec(value).expect("json writes it");
    assert_eq!(
        String::from_utf8_lossy(&written),
        String::from_utf8_lossy(&expected),
        "{context}"
    );
    let mut appended = b"prefix ".to_vec();
    cc_events::json::append(&mut appended, value).expect("json appends it");
    assert_eq!(&appended[7..], &expected[..], "{context}: append");
}

#[test]
fn every_fixture_event_and_its_common_event_are_written_as_serde_json_writes_them() {
    let options = ConvertOptions::default();
    let mut count = 0;
    for schema in ["aliyun_v2", "push_v7", "csta", "ccai_qm", "ccai_chat"] {
        for path in support::fixtures(schema) {
            let bytes = std::fs::read(&path).expect("a fixture");
            let event = cc_events::parse(&bytes).expect("a valid fixture parses");
            let context = path.display().to_string();
            same_bytes(&event, &context);
            same_bytes(&event.to_common(&options), &context);
            count += 1;
        }
    }
    assert!(count > 150, "only {count} fixtures");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: support::cases(512), ..ProptestConfig::default() })]

    /// Any JSON (floats, big integers, escapes, nesting), on its own and kept in an event's
    /// catch-all.
    #[test]
    fn any_json_is_written_as_serde_json_writes_it(value in any_json()) {
        same_bytes(&value, "a value");
        let mut payload = serde_json::json!({"pushType": "callStatus", "accountId": "N1"});
        payload["notInTheDocs"] = value;
        let event = cc_events::parse(&serde_json::to_vec(&payload).unwrap()).expect("parses");
        prop_assert_eq!(serde_json::to_value(&event).unwrap(), payload);
        same_bytes(&event, "an event with the value in its catch-all");
    }
}

#[test]
fn numbers_at_the_edges_are_written_as_serde_json_writes_them() {
    let text = r#"[1.0,-0.0,1e21,1e-7,5e-324,1.7976931348623157e308,0.1,18446744073709551615,
        -9223372036854775808,3.0e10,"\u0000\u001f\u007f\u2028\ud83d\ude00/<>&'"]"#;
    let value: Value = serde_json::from_str(text).unwrap();
    same_bytes(&value, "edge values");
}

/// Every shape of serde's data model, as other types than the crate's would send them.
#[test]
fn the_whole_data_model_is_written_as_serde_json_writes_it() {
    use serde::Serialize;
    use std::collections::BTreeMap;

    #[derive(Serialize)]
    struct Unit;
    #[derive(Serialize)]
    struct Newtype(&'static str);
    #[derive(Serialize)]
    struct Tuple(u8, i128, f32);
    #[derive(Serialize)]
    enum Variants {
        Unit,
        Newtype(u16),
        Tuple(i8, char),
        Struct { a: Option<u32>, b: Option<bool> },
    }
    /// Map keys that are a unit variant or a newtype around a text (written as the text).
    #[derive(Serialize, PartialEq, Eq, PartialOrd, Ord)]
    enum VariantKey {
        Inbound,
        Outbound,
    }
    #[derive(Serialize, PartialEq, Eq, PartialOrd, Ord)]
    struct NewtypeKey(&'static str);
    #[derive(Serialize)]
    struct Everything {
        unit: Unit,
        newtype: Newtype,
        tuple: Tuple,
        variants: Vec<Variants>,
        #[serde(skip_serializing_if = "Option::is_none")]
        skipped: Option<u8>,
        #[serde(with = "serde_bytes_as_bytes")]
        bytes: Vec<u8>,
        chars: (char, char, char),
        floats: (f32, f64, f64, f64),
        big: (u128, i128, i64, u64),
        time: chrono::DateTime<chrono::Utc>,
        #[serde(serialize_with = "display_with_escapes")]
        displayed: (),
        int_keys: BTreeMap<i32, &'static str>,
        bool_keys: BTreeMap<bool, u8>,
        char_keys: BTreeMap<char, u8>,
        unit_variant_keys: BTreeMap<VariantKey, u8>,
        newtype_keys: BTreeMap<NewtypeKey, u8>,
        unit_variants_in_tuples: Vec<(Variants, u8)>,
        nested: Vec<Vec<BTreeMap<&'static str, Option<()>>>>,
        empty: (Vec<u8>, BTreeMap<String, u8>, [u8; 0]),
    }
    mod serde_bytes_as_bytes {
        pub fn serialize<S: serde::Serializer>(bytes: &[u8], serializer: S) -> Result<S::Ok, S::Error> {
            serializer.serialize_bytes(bytes)
        }
    }
    fn display_with_escapes<S: serde::Serializer>(_: &(), serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&format_args!("{}\t\"{}\"\n{}", "tab", "quoted", 'ü'))
    }

    let everything = Everything {
        unit: Unit,
        newtype: Newtype("new\u{1}type"),
        tuple: Tuple(255, i128::MIN, 1.5),
        variants: vec![
            Variants::Unit,
            Variants::Newtype(7),
            Variants::Tuple(-1, '"'),
            Variants::Struct { a: Some(1), b: None },
        ],
        skipped: None,
        bytes: vec![0, 1, 255],
        chars: ('a', '\n', '😀'),
        floats: (0.1, f64::NAN, f64::INFINITY, -1e300),
        big: (u128::MAX, i128::MAX, i64::MIN, u64::MAX),
        time: chrono::DateTime::from_timestamp(1_618_370_709, 877_000_000).expect("a time"),
        displayed: (),
        int_keys: BTreeMap::from([(-3, "minus three"), (12, "twelve")]),
        bool_keys: BTreeMap::from([(false, 0), (true, 1)]),
        char_keys: BTreeMap::from([('\\', 1)]),
        unit_variant_keys: BTreeMap::from([(VariantKey::Inbound, 1), (VariantKey::Outbound, 2)]),
        newtype_keys: BTreeMap::from([(NewtypeKey("tab\there"), 3)]),
        unit_variants_in_tuples: vec![(Variants::Unit, 1)],
        nested: vec![vec![BTreeMap::from([("k", None), ("l", Some(()))])], vec![]],
        empty: (Vec::new(), BTreeMap::new(), []),
    };
    same_bytes(&everything, "every shape");
}

/// A key serde_json refuses is refused here too, with its words.
#[test]
fn a_key_serde_json_refuses_is_refused() {
    use std::collections::BTreeMap;
    let map = BTreeMap::from([(vec![1u8], 1u8)]);
    let theirs = serde_json::to_vec(&map).expect_err("a sequence is no key").to_string();
    let ours = cc_events::json::to_vec(&map)
        .expect_err("a sequence is no key")
        .to_string();
    // sonic-rs refuses it in words of its own; the crate's writer must use serde_json's.
    #[cfg(not(feature = "sonic"))]
    assert_eq!(ours, theirs);
    #[cfg(feature = "sonic")]
    assert!(ours.contains("key") && !theirs.is_empty(), "{ours}");
}

/// The tracker's outputs, as `normalize --calls`, `--agents` and `--summary` write them.
#[test]
fn the_trackers_outputs_are_written_as_serde_json_writes_them() {
    let mut tracker = cc_events::track::Tracker::default();
    let mut written = 0;
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut streams: Vec<_> = [
        "aliyun_v2/scenarios",
        "ccai_qm/streams",
        "csta/streams",
        "push_v7/streams",
    ]
    .iter()
    .flat_map(|folder| std::fs::read_dir(root.join(folder)).expect("a stream folder"))
    .map(|entry| entry.expect("an entry").path())
    .filter(|path| path.extension().is_some_and(|ext| ext == "ndjson"))
    .collect();
    streams.sort();
    assert_eq!(streams.len(), 21);
    for path in streams {
        let text = std::fs::read_to_string(&path).expect("a stream");
        for line in text.lines().filter(|line| !line.trim().is_empty()) {
            let event = cc_events::parse(line.as_bytes()).expect("a stream's line parses");
            let update = tracker.track(&event, None);
            for event in &update.events {
                same_bytes(event, "a tracked event");
            }
            for record in &update.calls {
                same_bytes(record, "a call record");
                written += 1;
            }
            for interval in &update.intervals {
                same_bytes(interval, "an interval");
            }
            for notice in &update.notices {
                same_bytes(notice, "a notice");
            }
        }
    }
    let finish = tracker.finish();
    for record in &finish.calls {
        same_bytes(record, "a call record");
        written += 1;
    }
    same_bytes(&tracker.board(), "the board");
    assert!(written > 20, "only {written} call records");
}

/// serde_json's raw values (a `RawValue`, which another crate of a build may use) are written
/// as their text, as serde_json writes them. Not by sonic-rs, which knows no `RawValue` and
/// writes it as the struct serde_json uses to smuggle it (the crate's own types hold none).
#[cfg(not(feature = "sonic"))]
#[test]
fn raw_values_are_written_as_serde_json_writes_them() {
    use serde_json::value::RawValue;
    let raw = RawValue::from_string(r#"{"kept" : [1, 2.50, "as sent"]}"#.to_owned()).expect("JSON");
    same_bytes(&raw, "a raw value");
    same_bytes(&vec![raw.clone(), raw], "raw values in an array");
}
