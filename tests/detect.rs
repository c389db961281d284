//! Auto-detection: every fixture lands in its own schema, near misses are told apart, and
//! `cc_events::parse` gives exactly what the schema's own parser gives.
#![cfg(all(feature = "aliyun_v2", feature = "push_v7", feature = "csta", feature = "ccai_qm"))]

mod support;

use cc_events::{AnyEvent, ErrorKind, Schema};
use serde_json::json;
use support::*;

fn folder_schema(schema: Schema) -> Vec<std::path::PathBuf> {
    fixtures(schema.as_str())
}

#[test]
fn every_fixture_is_detected_as_its_schema_and_parsed_as_the_schema_parses_it() {
    for schema in Schema::ALL {
        for path in folder_schema(schema) {
            let bytes = std::fs::read(&path).unwrap();
            let context = path.display().to_string();
            assert_eq!(cc_events::detect_schema(&bytes).expect(&context), schema, "{context}");
            let any = cc_events::parse(&bytes).unwrap_or_else(|e| panic!("{context}: {e}"));
            assert_eq!(any.schema(), schema, "{context}");
            assert_round_trip(&bytes, &any, &context);
            let direct = match schema {
                Schema::AliyunV2 => cc_events::aliyun_v2::Event::from_slice(&bytes).map(AnyEvent::AliyunV2),
                Schema::PushV7 => cc_events::push_v7::Event::from_slice(&bytes).map(AnyEvent::PushV7),
                Schema::Csta => cc_events::csta::Event::from_slice(&bytes).map(AnyEvent::Csta),
                Schema::CcaiQm => cc_events::ccai_qm::Event::from_slice(&bytes).map(AnyEvent::CcaiQm),
                Schema::CcaiChat => cc_events::ccai_qm::chat::ChatEvent::from_slice(&bytes).map(AnyEvent::CcaiChat),
                _ => unreachable!("a schema this test does not know"),
            };
            assert_eq!(any, direct.expect(&context), "{context}");
        }
    }
}

fn detected(value: serde_json::Value) -> Result<Schema, cc_events::Error> {
    let bytes = serde_json::to_vec(&value).unwrap();
    let by_keys = cc_events::detect_schema(&bytes);
    let by_parse = cc_events::parse(&bytes).map(|event| event.schema());
    assert_eq!(by_keys.as_ref().ok(), by_parse.as_ref().ok(), "{value}");
    by_parse
}

#[test]
fn near_misses_are_told_apart() {
    // aliyun_v2 and csta both have eventType; csta's only values are agent and csta.
    assert_eq!(
        detected(json!({"eventType": "Established", "instanceId": "i"})).unwrap(),
        Schema::AliyunV2
    );
    assert_eq!(
        detected(json!({"eventType": "agent", "eventName": "agentReady"})).unwrap(),
        Schema::Csta
    );
    assert_eq!(
        detected(json!({"eventName": "delivered", "eventType": "csta"})).unwrap(),
        Schema::Csta
    );
    // An aliyun event type that is not documented is still aliyun_v2 (as Unknown).
    assert_eq!(
        detected(json!({"instanceId": "i", "eventType": "CallEstablished"})).unwrap(),
        Schema::AliyunV2
    );
    // push_v7 without pushType, and its customer-connected envelope.
    assert_eq!(
        detected(json!({"callUniqueId": "c", "callEvent": "hangup"})).unwrap(),
        Schema::PushV7
    );
    assert_eq!(
        detected(json!({"content": {"callEvent": "link", "agentNumber": "8000"}, "uniqueId": "u"})).unwrap(),
        Schema::PushV7
    );
    assert_eq!(
        detected(json!({"type": "CallState", "item": {"CallID": 1}})).unwrap(),
        Schema::CcaiQm
    );
    assert_eq!(
        detected(json!({"item": {}, "type": "ChatState"})).unwrap(),
        Schema::CcaiQm
    );
}

#[test]
fn shapes_of_no_schema_are_errors_that_list_the_keys() {
    for value in [
        json!({"hello": 1, "world": [2]}),
        json!({"type": "CallState"}),
        json!({"type": "Other", "item": "not an object"}),
        json!({"content": {"no": "callEvent"}}),
        json!({}),
    ] {
        let error = detected(value.clone()).expect_err("no schema");
        let ErrorKind::UnknownSchema { keys, .. } = error.kind() else {
            panic!("{value}: {error}")
        };
        let expected: Vec<&String> = value.as_object().unwrap().keys().collect();
        assert_eq!(keys.iter().collect::<Vec<_>>(), expected);
        assert!(error.to_string().contains("matches no known schema"), "{error}");
    }
    let error = cc_events::parse(b"[{\"eventType\":\"Held\"}]").unwrap_err();
    assert!(matches!(error.kind(), ErrorKind::NotAnObject { .. }), "{error}");
    insta::assert_snapshot!(
        "unknown-schema",
        cc_events::parse(br#"{"hello":1,"world":[2]}"#).unwrap_err().to_string()
    );
    insta::assert_snapshot!("array", error.to_string());
}

#[test]
fn entries_before_the_deciding_key_are_kept() {
    for text in [
        r#"{"x":{"a":[1,{"b":null}]},"callee":"1","eventType":"Held","instanceId":"i"}"#,
        r#"{"item":{"CallID":7,"State":"ringing"},"z":1,"type":"CallState"}"#,
        r#"{"item":"not an object","type":"CallState"}"#,
        r#"{"eventTime":"2017.03.18 14:13:24","eventType":"csta","serial":1,"eventName":"held"}"#,
    ] {
        let event = cc_events::parse(text.as_bytes()).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_round_trip(text.as_bytes(), &event, text);
    }
}

#[test]
fn errors_of_detected_payloads_name_their_schema() {
    let error = cc_events::parse(br#"{"eventType":"Held","instanceId":"i","callee":"1"#).unwrap_err();
    assert_eq!(error.schema(), Some(Schema::AliyunV2));
    assert_eq!(error.event_type(), Some("Held"));
    assert_eq!(error.path().to_string(), "$.callee");
    let error = cc_events::parse(br#"{"eventName": 7, "eventType": "csta"}"#).unwrap_err();
    assert_eq!(error.schema(), Some(Schema::Csta));
    assert!(
        matches!(error.kind(), ErrorKind::InvalidDiscriminator { .. }),
        "{error}"
    );
}
