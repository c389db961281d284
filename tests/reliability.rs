//! One JSON value, one reading: repeated discriminators, key order, byte-order marks,
//! deviation paths, syntax errors and bounded messages, through every entry point.
#![cfg(all(feature = "aliyun_v2", feature = "push_v7", feature = "csta", feature = "ccai_qm"))]

mod support;

use cc_events::{AnyEvent, Error, ErrorKind, Schema, aliyun_v2, ccai_qm, csta, push_v7};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use serde_json::{Map, Value};
use std::path::PathBuf;
use std::sync::OnceLock;

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases: support::cases(cases),
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "tests/regressions/reliability.txt",
        ))),
        ..ProptestConfig::default()
    }
}

/// The error of every entry point that reads `schema` (auto-detection, the schema's own
/// `from_slice` / `from_str` and their strict forms), as text; all must fail.
fn errors_of(schema: Schema, text: &str) -> Vec<(String, String)> {
    fn own<T>(result: Result<T, Error>) -> Result<(), Error> {
        result.map(|_| ())
    }
    let bytes = text.as_bytes();
    let results: Vec<(&str, Result<(), Error>)> = match schema {
        Schema::AliyunV2 => vec![
            ("from_slice", own(aliyun_v2::Event::from_slice(bytes))),
            ("from_str", own(aliyun_v2::Event::from_str(text))),
            ("from_slice_strict", own(aliyun_v2::Event::from_slice_strict(bytes))),
            ("from_str_strict", own(aliyun_v2::Event::from_str_strict(text))),
        ],
        Schema::PushV7 => vec![
            ("from_slice", own(push_v7::Event::from_slice(bytes))),
            ("from_str", own(push_v7::Event::from_str(text))),
            ("from_slice_strict", own(push_v7::Event::from_slice_strict(bytes))),
            ("from_str_strict", own(push_v7::Event::from_str_strict(text))),
        ],
        Schema::Csta => vec![
            ("from_slice", own(csta::Event::from_slice(bytes))),
            ("from_str", own(csta::Event::from_str(text))),
            ("from_slice_strict", own(csta::Event::from_slice_strict(bytes))),
            ("from_str_strict", own(csta::Event::from_str_strict(text))),
        ],
        _ => vec![
            ("from_slice", own(ccai_qm::Event::from_slice(bytes))),
            ("from_str", own(ccai_qm::Event::from_str(text))),
            ("from_slice_strict", own(ccai_qm::Event::from_slice_strict(bytes))),
            ("from_str_strict", own(ccai_qm::Event::from_str_strict(text))),
        ],
    };
    let mut out: Vec<(String, String)> = results
        .into_iter()
        .map(|(name, result)| {
            let error = result.expect_err(&format!("{schema} {name} must reject {text}"));
            (name.to_owned(), error.to_string())
        })
        .collect();
    out.push((
        "parse".into(),
        cc_events::parse(bytes).map(|_| ()).unwrap_err().to_string(),
    ));
    out.push((
        "AnyEvent::from_str".into(),
        AnyEvent::from_str(text).map(|_| ()).unwrap_err().to_string(),
    ));
    out.push((
        "detect_schema".into(),
        cc_events::detect_schema(bytes).unwrap_err().to_string(),
    ));
    out
}

#[test]
fn a_repeated_discriminator_is_one_error_from_every_entry_point_in_either_order() {
    let cases = [
        (
            Schema::AliyunV2,
            "eventType",
            r#""instanceId":"i","contactId":"c""#,
            ["Held", "Released"],
        ),
        (
            Schema::PushV7,
            "pushType",
            r#""accountId":"a","agentNumber":"8000""#,
            ["login", "logout"],
        ),
        (
            Schema::Csta,
            "eventName",
            r#""eventType":"csta","callId":"1""#,
            ["held", "retrieved"],
        ),
        (
            Schema::CcaiQm,
            "type",
            r#""item":{"CallID":1}"#,
            ["CallState", "AgentState"],
        ),
    ];
    for (schema, tag, rest, [a, b]) in cases {
        let forward = format!(r#"{{"{tag}":"{a}",{rest},"{tag}":"{b}"}}"#);
        let backward = format!(r#"{{"{tag}":"{b}",{rest},"{tag}":"{a}"}}"#);
        let adjacent = format!(r#"{{{rest},"{tag}":"{a}","{tag}":"{b}"}}"#);
        let expected = errors_of(schema, &forward);
        assert_eq!(errors_of(schema, &backward), expected, "{backward}");
        assert_eq!(errors_of(schema, &adjacent), expected, "{adjacent}");
        let mut values = [format!("{a:?}"), format!("{b:?}")];
        values.sort();
        let message = format!(
            "{schema} at $.{tag}: the key `{tag}` naming the event type comes 2 times: {}, {}",
            values[0], values[1]
        );
        for (entry, error) in &expected {
            assert_eq!(error, &message, "{entry}: {forward}");
        }
        let error = cc_events::parse(forward.as_bytes()).unwrap_err();
        let ErrorKind::DuplicateDiscriminator { key, values } = error.kind() else {
            panic!("{error}")
        };
        assert_eq!((*key, values.len()), (tag, 2));
        assert_eq!(error.schema(), Some(schema));
    }
}

/// 7moor's inbound pushes carry no `pushType`: `callEvent`, `callType` and `content` name
/// the event type, so one of them twice is refused like a repeated discriminator (a reader
/// keeping the first `callEvent` would see a ring where one keeping the last sees a hang-up).
/// With `pushType` sent, they are ordinary fields and a repeat is only a deviation.
#[test]
fn a_repeated_key_that_names_the_event_type_by_shape_is_an_error() {
    let cases = [
        (
            "callEvent",
            r#"{"callEvent":"ring","callType":"incoming","callUniqueId":"1","callEvent":"hangup"}"#,
        ),
        (
            "callType",
            r#"{"callType":"dialout","callEvent":"ring","callType":"incoming"}"#,
        ),
        (
            "content",
            r#"{"content":{"callEvent":"ring"},"uniqueId":"u","content":"gone"}"#,
        ),
    ];
    for (key, text) in cases {
        let errors = [
            push_v7::Event::from_str(text).map(|_| ()).unwrap_err(),
            push_v7::Event::from_slice(text.as_bytes()).map(|_| ()).unwrap_err(),
            cc_events::parse(text.as_bytes()).map(|_| ()).unwrap_err(),
            AnyEvent::from_str(text).map(|_| ()).unwrap_err(),
        ];
        for error in &errors {
            let ErrorKind::DuplicateDiscriminator { key: found, values } = error.kind() else {
                panic!("{text}: {error}")
            };
            assert_eq!((*found, values.len()), (key, 2), "{text}");
            assert_eq!(error.schema(), Some(Schema::PushV7));
            assert_eq!(error.path().to_string(), format!("$.{key}"));
            assert_eq!(
                error.to_string(),
                errors[0].to_string(),
                "one error from every entry point"
            );
        }
        // Detection only decides the schema, which is not in doubt.
        assert_eq!(cc_events::detect_schema(text.as_bytes()).ok(), Some(Schema::PushV7));
    }
    let tagged = r#"{"pushType":"dialoutRing","callEvent":"ring","callEvent":"hangup"}"#;
    let event = push_v7::Event::from_str(tagged).unwrap();
    assert_eq!(event.event_type(), push_v7::EventType::DialoutRing);
    assert!(
        event
            .deviations()
            .iter()
            .any(|d| d.kind == cc_events::wire::DeviationKind::DuplicateKey),
        "{:?}",
        event.deviations()
    );
}

#[test]
fn the_same_discriminator_value_twice_and_a_number_are_still_two_readings() {
    let error = cc_events::parse(br#"{"eventName":"held","eventType":"csta","eventName":"held"}"#).unwrap_err();
    assert!(
        matches!(error.kind(), ErrorKind::DuplicateDiscriminator { .. }),
        "{error}"
    );
    let error = cc_events::parse(br#"{"eventType":"Held","instanceId":"i","eventType":7}"#).unwrap_err();
    assert_eq!(
        error.to_string(),
        r#"aliyun_v2 at $.eventType: the key `eventType` naming the event type comes 2 times: "Held", 7"#
    );
    let error = aliyun_v2::Event::from_slice(br#"{"eventType":"Mystery","eventType":"Other"}"#).unwrap_err();
    assert!(
        matches!(error.kind(), ErrorKind::DuplicateDiscriminator { .. }),
        "an unknown type too: {error}"
    );
}

#[test]
fn any_other_repeated_key_keeps_the_last_value_and_is_a_deviation() {
    let text = br#"{"eventType":"Held","instanceId":"i","callee":"1","callee":"2","x":1,"x":2}"#;
    let event = cc_events::parse(text).expect("parses");
    let value: Value = serde_json::from_slice(text).expect("JSON");
    assert_eq!(
        serde_json::to_value(&event).expect("serialises"),
        value,
        "the last value, as serde_json"
    );
    let found: Vec<String> = event.deviations().iter().map(ToString::to_string).collect();
    assert_eq!(
        found,
        [
            "$.x: undocumented field",
            "$.callee: the key comes more than once (the last value is kept)",
            "$.x: the key comes more than once (the last value is kept)",
        ]
    );
    let strict = aliyun_v2::Event::from_slice_strict(text).unwrap_err();
    assert!(matches!(strict.kind(), ErrorKind::Deviations(_)), "{strict}");
    // Nested objects too, in every schema.
    let nested = br#"{"type":"CallState","item":{"Participants":[{"State":"held","State":"connected"}]}}"#;
    let event = cc_events::parse(nested).expect("parses");
    let found: Vec<String> = event.deviations().iter().map(ToString::to_string).collect();
    assert_eq!(
        found,
        ["$.item.Participants[0].State: the key comes more than once (the last value is kept)"]
    );
}

#[test]
fn keys_of_two_schemas_are_ambiguous_in_either_order() {
    for (a, b) in [
        (r#""pushType":"cdr""#, r#""instanceId":"i""#),
        (r#""eventName":"held""#, r#""eventType":"Held""#),
        (r#""eventType":"Held""#, r#""accountId":"a""#),
        (r#""type":"CallState","item":{}"#, r#""callUniqueId":"u""#),
        (r#""eventName":"held""#, r#""type":"CallState","item":null"#),
    ] {
        let one = format!("{{{a},{b}}}");
        let other = format!("{{{b},{a}}}");
        let first = cc_events::parse(one.as_bytes()).unwrap_err();
        assert!(
            matches!(first.kind(), ErrorKind::AmbiguousSchema { .. }),
            "{one}: {first}"
        );
        for text in [&one, &other] {
            assert_eq!(
                cc_events::parse(text.as_bytes()).unwrap_err().to_string(),
                first.to_string()
            );
            assert_eq!(
                cc_events::detect_schema(text.as_bytes()).unwrap_err().to_string(),
                first.to_string()
            );
        }
    }
    let error = cc_events::parse(br#"{"instanceId":"i","eventName":"held","pushType":"login"}"#).unwrap_err();
    assert_eq!(
        error.to_string(),
        "cc_events at $: the payload has keys of more than one schema: `instanceId` (aliyun_v2), \
         `pushType` (push_v7), `eventName` (csta)"
    );
}

/// Every valid fixture of every schema, as JSON objects.
fn fixture_objects() -> &'static [(PathBuf, Map<String, Value>)] {
    static ALL: OnceLock<Vec<(PathBuf, Map<String, Value>)>> = OnceLock::new();
    ALL.get_or_init(|| {
        Schema::ALL
            .iter()
            .flat_map(|schema| support::fixtures(schema.as_str()))
            .map(|path| {
                let bytes = std::fs::read(&path).expect("readable");
                let Ok(Value::Object(object)) = serde_json::from_slice(&bytes) else {
                    panic!("{}: a fixture is an object", path.display())
                };
                (path, object)
            })
            .collect()
    })
}

fn shuffled(object: &Map<String, Value>, seed: u64) -> String {
    let mut entries: Vec<(&String, &Value)> = object.iter().collect();
    // A small deterministic shuffle (Fisher-Yates on a linear congruential sequence).
    let mut state = seed | 1;
    for i in (1..entries.len()).rev() {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        entries.swap(i, (state >> 33) as usize % (i + 1));
    }
    let body: Vec<String> = entries
        .iter()
        .map(|(key, value)| format!("{}:{}", Value::String((*key).clone()), value))
        .collect();
    format!("{{{}}}", body.join(","))
}

proptest! {
    #![proptest_config(config(256))]

    /// The same JSON value in any key order: the same detection, the same event, the same
    /// deviations.
    #[test]
    fn key_order_changes_nothing(index in 0usize..10_000, seed in any::<u64>()) {
        let all = fixture_objects();
        let (path, object) = &all[index % all.len()];
        let text = shuffled(object, seed);
        let sent = serde_json::to_string(object).expect("serialises");
        let expected = cc_events::parse(sent.as_bytes()).expect("a fixture parses");
        let event = cc_events::parse(text.as_bytes())
            .map_err(|e| TestCaseError::fail(format!("{}: {e}\n{text}", path.display())))?;
        prop_assert_eq!(&event, &expected, "{}", path.display());
        prop_assert_eq!(cc_events::detect_schema(text.as_bytes()).ok(), Some(expected.schema()));
        let mut found: Vec<String> = event.deviations().iter().map(ToString::to_string).collect();
        let mut wanted: Vec<String> = expected.deviations().iter().map(ToString::to_string).collect();
        found.sort();
        wanted.sort();
        prop_assert_eq!(found, wanted);
    }

    /// Every deviation of every fixture, in any key order, points at a key the payload has.
    #[test]
    fn deviation_paths_name_what_exists(index in 0usize..10_000, seed in any::<u64>()) {
        let all = fixture_objects();
        let (path, object) = &all[index % all.len()];
        let text = shuffled(object, seed);
        let value = Value::Object(object.clone());
        for deviation in cc_events::parse(text.as_bytes()).expect("parses").deviations() {
            let mut at = &value;
            for segment in deviation.path.segments() {
                let next = match segment {
                    cc_events::wire::PathSegment::Key(key) => at.get(key.as_str()),
                    cc_events::wire::PathSegment::Index(index) => at.get(*index),
                    _ => None,
                };
                prop_assert!(next.is_some(), "{}: {deviation} names nothing", path.display());
                at = next.unwrap_or(at);
            }
        }
    }
}

#[test]
fn a_push_without_push_type_reports_its_deviation_at_the_root() {
    let event = cc_events::parse(br#"{"callEvent":"","v":null}"#).expect("push_v7 by its shape");
    let found: Vec<String> = event.deviations().iter().map(ToString::to_string).collect();
    assert_eq!(found, [r#"$: undocumented event type value """#]);
}

#[test]
fn one_byte_order_mark_is_skipped_by_every_entry_point_and_two_are_not() {
    let body = r#"{"eventName":"held","eventType":"csta","callId":"1"}"#;
    let one = format!("\u{feff}{body}");
    let two = format!("\u{feff}\u{feff}{body}");
    assert!(cc_events::parse(one.as_bytes()).is_ok());
    assert!(AnyEvent::from_str(&one).is_ok());
    assert_eq!(cc_events::detect_schema(one.as_bytes()).ok(), Some(Schema::Csta));
    assert!(csta::Event::from_slice(one.as_bytes()).is_ok());
    assert!(csta::Event::from_str(&one).is_ok());
    let errors = errors_of(Schema::Csta, &two);
    for (entry, error) in &errors {
        assert!(
            error.contains("invalid JSON") && error.contains("line 1 column 1"),
            "{entry}: {error}"
        );
    }
}

#[test]
fn a_syntax_error_is_invalid_json_with_line_and_column_from_every_entry_point() {
    for (schema, text) in [
        (
            Schema::AliyunV2,
            "{\"callee\":tru,\"eventType\":\"Held\",\"instanceId\":\"i\"}",
        ),
        (
            Schema::AliyunV2,
            "{\"eventType\":\"Held\",\n\"instanceId\":\"i\",\"callee\":[1,}",
        ),
        (Schema::PushV7, "{\"x\":1 \"pushType\":\"cdr\"}"),
        (Schema::Csta, "{\"a\":{\"b\":nul},\"eventName\":\"held\"}"),
        (Schema::CcaiQm, "{\"type\":\"CallState\",\"item\":{\"CallID\":1,}}"),
        (Schema::CcaiQm, "{\"type\":\"CallState\",\"item\":{\"CallID\":1}"),
    ] {
        for (entry, error) in errors_of(schema, text) {
            assert!(
                error.contains("invalid JSON") && error.contains(" at line ") && error.contains(" column "),
                "{entry} on {text}: {error}"
            );
        }
    }
}

#[test]
fn error_messages_stay_short_whatever_the_payload() {
    let keys: Vec<String> = (0..1_000_000).map(|i| format!("\"k{i}\":0")).collect();
    let huge = format!("{{{}}}", keys.join(","));
    let error = cc_events::parse(huge.as_bytes()).unwrap_err();
    let message = error.to_string();
    assert!(message.len() < 400, "{} bytes", message.len());
    assert!(message.ends_with("and 999992 more"), "{message}");
    let error = csta::Event::from_slice(huge.as_bytes()).unwrap_err();
    assert!(error.to_string().len() < 400);
    let ErrorKind::MissingDiscriminator { keys, key_count, .. } = error.kind() else {
        panic!("{error}")
    };
    assert_eq!((keys.len(), *key_count), (ErrorKind::MAX_KEYS, 1_000_000));

    let long_key = format!("{{\"{}\":1}}", "k".repeat(100_000));
    assert!(cc_events::parse(long_key.as_bytes()).unwrap_err().to_string().len() < 300);
    let long_values = format!(
        r#"{{"eventType":"{}","eventType":"{}"}}"#,
        "a".repeat(50_000),
        "b".repeat(50_000)
    );
    assert!(cc_events::parse(long_values.as_bytes()).unwrap_err().to_string().len() < 400);
    let deep = format!(r#"{{"eventType":"Held","x":{}}}"#, "[".repeat(200));
    assert!(cc_events::parse(deep.as_bytes()).unwrap_err().to_string().len() < 200);
}
