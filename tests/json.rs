//! `cc_events::json` writes exactly what `serde_json` writes, for every vendor event and
//! common event of the fixtures and for any JSON in a catch-all: sonic-rs against serde_json,
//! byte for byte. Only with the `sonic` feature (on in CI's all-features run): without it
//! `cc_events::json` is serde_json, and the comparison could not fail.
#![cfg(all(
    feature = "sonic",
    feature = "aliyun_v2",
    feature = "push_v7",
    feature = "csta",
    feature = "ccai_qm"
))]

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
