//! Robustness: no input panics the crate, nothing it accepts loses data, and every error says
//! where. Properties run thousands of cases (more with `PROPTEST_CASES`).
#![cfg(all(feature = "aliyun_v2", feature = "push_v7", feature = "csta", feature = "ccai_qm"))]

#[path = "../benches/corpus.rs"]
mod corpus;
mod support;

use cc_events::common::ConvertOptions;
use cc_events::wire::{Deviation, DeviationKind, JsonPath, PathSegment};
use cc_events::{AnyEvent, ErrorKind, Schema, aliyun_v2, ccai_qm, csta, push_v7};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use serde_json::{Map, Value, json};
use std::sync::OnceLock;
use support::json_strategy::any_json;

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases: support::cases(cases),
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "tests/regressions/robustness.txt",
        ))),
        ..ProptestConfig::default()
    }
}

/// Every parser of the crate on `bytes`: never a panic, and the round trip for what parses.
fn every_parser(bytes: &[u8]) -> Result<(), TestCaseError> {
    let expected = serde_json::from_slice::<Value>(bytes).ok();
    let check = |name: &str, value: Option<Value>| -> Result<(), TestCaseError> {
        if let Some(value) = value {
            prop_assert_eq!(
                Some(&value),
                expected.as_ref(),
                "{} accepted what serde_json rejects, or changed it",
                name
            );
        }
        Ok(())
    };
    // The fast reader reads nothing the serde reader would not read alike.
    if let Ok(text) = std::str::from_utf8(bytes) {
        if let Some(fast) = AnyEvent::from_str_fast(text) {
            let serde = AnyEvent::from_str_serde(text).map_err(|error| error.to_string());
            prop_assert_eq!(Ok(fast), serde);
        }
    }
    let any = cc_events::parse(bytes).ok();
    if let Some(event) = &any {
        let common = event.to_common(&ConvertOptions::default());
        // `""`: a push_v7 payload recognised by its shape, of no known kind, sent no type.
        prop_assert_eq!(common.vendor_event_type.as_str(), event.event_type().unwrap_or(""));
        let _ = event.deviations();
    }
    // The projection is the full path's conversion, for every input: same event, same error.
    let options = ConvertOptions::default();
    match (cc_events::parse(bytes), cc_events::parse_common(bytes, &options)) {
        (Ok(event), Ok(common)) => prop_assert_eq!(common, event.to_common(&options)),
        (Err(full), Err(projected)) => prop_assert_eq!(full.to_string(), projected.to_string()),
        (full, projected) => prop_assert!(false, "parse: {:?}, parse_common: {:?}", full.err(), projected.err()),
    }
    check("parse", any.map(|e| serde_json::to_value(e).unwrap()))?;
    check(
        "aliyun_v2",
        aliyun_v2::Event::from_slice(bytes)
            .ok()
            .map(|e| serde_json::to_value(e).unwrap()),
    )?;
    check(
        "push_v7",
        push_v7::Event::from_slice(bytes)
            .ok()
            .map(|e| serde_json::to_value(e).unwrap()),
    )?;
    check(
        "csta",
        csta::Event::from_slice(bytes)
            .ok()
            .map(|e| serde_json::to_value(e).unwrap()),
    )?;
    check(
        "ccai_qm",
        ccai_qm::Event::from_slice(bytes)
            .ok()
            .map(|e| serde_json::to_value(e).unwrap()),
    )?;
    let _ = cc_events::detect_schema(bytes);
    Ok(())
}

/// A valid fixture: its schema, its path, its object.
type Fixture = (Schema, String, Map<String, Value>);

/// Every valid fixture of every schema.
fn all_fixtures() -> &'static [Fixture] {
    static FIXTURES: OnceLock<Vec<Fixture>> = OnceLock::new();
    FIXTURES.get_or_init(|| {
        Schema::ALL
            .iter()
            .flat_map(|schema| {
                support::fixtures(schema.as_str()).into_iter().map(move |path| {
                    let value: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
                    let Value::Object(map) = value else {
                        panic!("{}: not an object", path.display())
                    };
                    (*schema, path.display().to_string(), map)
                })
            })
            .collect()
    })
}

#[derive(Debug, Clone)]
enum Mutation {
    AddTopLevel(String, Value),
    AddNested(Value),
    SetNull,
    Remove,
    OtherString(String),
    NumberToString,
    StringToNumber(u64),
    OtherType(Value),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        ("x_[a-z]{1,6}", any_json()).prop_map(|(key, value)| Mutation::AddTopLevel(key, value)),
        any_json().prop_map(Mutation::AddNested),
        Just(Mutation::SetNull),
        Just(Mutation::Remove),
        "[A-Za-z_]{1,12}".prop_map(Mutation::OtherString),
        Just(Mutation::NumberToString),
        any::<u64>().prop_map(Mutation::StringToNumber),
        any_json().prop_map(Mutation::OtherType),
    ]
}

/// Applies `mutation` to the key chosen by `pick`; gives the path it touched.
fn mutate(
    schema: Schema,
    map: &mut Map<String, Value>,
    mutation: &Mutation,
    pick: prop::sample::Index,
) -> Option<JsonPath> {
    if let Mutation::AddTopLevel(key, value) = mutation {
        if map.contains_key(key) {
            return None;
        }
        map.insert(key.clone(), value.clone());
        return Some(JsonPath::key(key));
    }
    let keys: Vec<String> = map
        .keys()
        .filter(|key| !corpus::is_structural(schema, key))
        .cloned()
        .collect();
    if keys.is_empty() {
        return None;
    }
    let key = keys[pick.index(keys.len())].clone();
    let path = JsonPath::key(&key);
    let slot = map.get_mut(&key)?;
    match mutation {
        Mutation::AddTopLevel(..) => unreachable!("handled above"),
        Mutation::AddNested(value) => match slot {
            Value::Object(inner) => {
                inner.insert("x_nested".to_owned(), value.clone());
            }
            _ => return None,
        },
        Mutation::SetNull => *slot = Value::Null,
        Mutation::Remove => {
            map.remove(&key);
        }
        Mutation::OtherString(text) => match slot {
            Value::String(old) if old != text => *slot = Value::String(text.clone()),
            _ => return None,
        },
        Mutation::NumberToString => match slot {
            Value::Number(number) => *slot = Value::String(number.to_string()),
            _ => return None,
        },
        Mutation::StringToNumber(n) => match slot {
            Value::String(_) => *slot = json!(n),
            _ => return None,
        },
        Mutation::OtherType(value) => *slot = value.clone(),
    }
    Some(path)
}

fn key_of(path: &JsonPath) -> &str {
    match path.segments().first() {
        Some(PathSegment::Key(key)) => key,
        _ => "",
    }
}

fn starts_with(path: &JsonPath, prefix: &JsonPath) -> bool {
    path.segments().starts_with(prefix.segments())
}

fn paths(deviations: &[Deviation]) -> Vec<JsonPath> {
    deviations.iter().map(|d| d.path.clone()).collect()
}

/// How a payload is written: compact, pretty, or with every non-ASCII character escaped.
#[derive(Debug, Clone, Copy)]
enum Form {
    Compact,
    Pretty,
    Escaped,
}

fn write(value: &Value, form: Form, reverse_keys: bool) -> Vec<u8> {
    let text = match (value, reverse_keys) {
        (Value::Object(map), true) => {
            let entries: Vec<String> = map
                .iter()
                .rev()
                .map(|(key, value)| format!("{}:{}", serde_json::to_string(key).unwrap(), value))
                .collect();
            format!("{{{}}}", entries.join(","))
        }
        _ => match form {
            Form::Pretty => serde_json::to_string_pretty(value).unwrap(),
            _ => serde_json::to_string(value).unwrap(),
        },
    };
    match form {
        Form::Escaped => text
            .chars()
            .map(|c| {
                if c.is_ascii() {
                    c.to_string()
                } else {
                    c.encode_utf16(&mut [0; 2])
                        .iter()
                        .map(|unit| format!("\\u{unit:04x}"))
                        .collect()
                }
            })
            .collect::<String>()
            .into_bytes(),
        _ => text.into_bytes(),
    }
}

fn parse_as(schema: Schema, bytes: &[u8]) -> Result<AnyEvent, cc_events::Error> {
    match schema {
        Schema::AliyunV2 => aliyun_v2::Event::from_slice(bytes).map(AnyEvent::AliyunV2),
        Schema::PushV7 => push_v7::Event::from_slice(bytes).map(AnyEvent::PushV7),
        Schema::Csta => csta::Event::from_slice(bytes).map(AnyEvent::Csta),
        Schema::CcaiQm => ccai_qm::Event::from_slice(bytes).map(AnyEvent::CcaiQm),
        Schema::CcaiChat => ccai_qm::chat::ChatEvent::from_slice(bytes).map(AnyEvent::CcaiChat),
        _ => unreachable!("five schemas"),
    }
}

fn strict_as(schema: Schema, bytes: &[u8]) -> Result<(), cc_events::Error> {
    match schema {
        Schema::AliyunV2 => aliyun_v2::Event::from_slice_strict(bytes).map(drop),
        Schema::PushV7 => push_v7::Event::from_slice_strict(bytes).map(drop),
        Schema::Csta => csta::Event::from_slice_strict(bytes).map(drop),
        Schema::CcaiQm => ccai_qm::Event::from_slice_strict(bytes).map(drop),
        Schema::CcaiChat => ccai_qm::chat::ChatEvent::from_slice_strict(bytes).map(drop),
        _ => unreachable!("five schemas"),
    }
}

proptest! {
    #![proptest_config(config(2048))]

    /// 1. Any bytes: `Ok` or `Err`, never a panic; what parses round-trips.
    #[test]
    fn any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        every_parser(&bytes)?;
    }

    /// 1b. Bytes close to a payload: a fixture cut, or with one byte changed.
    #[test]
    fn damaged_fixtures(index in any::<prop::sample::Index>(), cut in any::<prop::sample::Index>(), byte in any::<u8>(), replace in any::<bool>()) {
        let (_, _, map) = &all_fixtures()[index.index(all_fixtures().len())];
        let mut bytes = serde_json::to_vec(map).unwrap();
        let at = cut.index(bytes.len());
        if replace { bytes[at] = byte } else { bytes.truncate(at) }
        every_parser(&bytes)?;
    }

    /// 2. Any JSON value, and any JSON object carrying any discriminator.
    #[test]
    fn any_json_value(value in any_json(), tag in prop::sample::select(vec!["eventType", "pushType", "eventName", "type", "callEvent"]), name in "[A-Za-z]{0,16}") {
        every_parser(&serde_json::to_vec(&value).unwrap())?;
        let mut object = match value { Value::Object(map) => map, other => Map::from_iter([("v".to_owned(), other)]) };
        object.insert(tag.to_owned(), Value::String(name));
        every_parser(&serde_json::to_vec(&object).unwrap())?;
    }

    /// 3 and 4. Mutations of every fixture, alone and combined, in every written form: each
    /// mutant parses, round-trips, reports its deviations at the mutated paths only, is
    /// rejected by the strict parser at the first one, and converts without losing its type.
    #[test]
    fn mutated_fixtures(
        index in any::<prop::sample::Index>(),
        mutations in prop::collection::vec((mutation(), any::<prop::sample::Index>()), 1..4),
        form in prop::sample::select(vec![Form::Compact, Form::Pretty, Form::Escaped]),
        reverse_keys in any::<bool>(),
    ) {
        let (schema, name, original) = &all_fixtures()[index.index(all_fixtures().len())];
        let before = parse_as(*schema, &serde_json::to_vec(original).unwrap()).unwrap().deviations();
        let mut map = original.clone();
        let mut touched = Vec::new();
        for (mutation, pick) in &mutations {
            if let Some(path) = mutate(*schema, &mut map, mutation, *pick) {
                touched.push((mutation.clone(), path));
            }
        }
        let bytes = write(&Value::Object(map.clone()), form, reverse_keys);
        let event = parse_as(*schema, &bytes).map_err(|e| TestCaseError::fail(format!("{name}: {e}")))?;
        prop_assert_eq!(serde_json::to_value(&event).unwrap(), Value::Object(map.clone()), "{}", name);
        let same = cc_events::parse(&bytes).map_err(|e| TestCaseError::fail(format!("{name}: {e}")))?;
        prop_assert_eq!(&same, &event);

        let after = event.deviations();
        let before_paths = paths(&before);
        for deviation in &after {
            let local = before_paths.contains(&deviation.path) || touched.iter().any(|(_, path)| starts_with(&deviation.path, path));
            prop_assert!(local, "{}: a deviation away from every mutation: {} (mutations {:?})", name, deviation, touched);
        }
        // An event of an unknown type reports its type, not each of its keys.
        let known_type = !matches!(
            &event,
            AnyEvent::AliyunV2(aliyun_v2::Event::Unknown(_))
                | AnyEvent::PushV7(push_v7::Event::Unknown(_))
                | AnyEvent::Csta(csta::Event::Unknown(_))
                | AnyEvent::CcaiQm(ccai_qm::Event::Unknown(_))
        );
        for (mutation, path) in touched.iter().filter(|_| known_type) {
            // (a later mutation may have removed the key again)
            if matches!(mutation, Mutation::AddTopLevel(..)) && map.contains_key(key_of(path)) {
                let undocumented = after.iter().any(|d| &d.path == path && d.kind == DeviationKind::UndocumentedField);
                prop_assert!(undocumented, "{}: the added key {} is not reported", name, path);
            }
        }
        match strict_as(*schema, &bytes) {
            Ok(()) => prop_assert!(after.is_empty(), "{}: strict accepted {:?}", name, after),
            Err(error) => {
                prop_assert_eq!(error.deviations(), after.as_slice());
                prop_assert_eq!(Some(error.path()), after.first().map(|d| &d.path));
            }
        }
        let common = event.to_common(&ConvertOptions::default());
        prop_assert_eq!(common.vendor_event_type.as_str(), event.event_type().unwrap_or(""), "{}", name);
    }
}

#[test]
fn the_generated_corpus_round_trips() {
    let sources = corpus::Sources::load();
    for payload in corpus::generate(&sources, 3_000, 7, None) {
        let event = cc_events::parse(&payload.bytes)
            .unwrap_or_else(|e| panic!("{e}\n{}", String::from_utf8_lossy(&payload.bytes)));
        assert_eq!(event.schema(), payload.schema);
        support::assert_round_trip(&payload.bytes, &event, "corpus payload");
    }
}

fn error_of(bytes: &[u8]) -> cc_events::Error {
    cc_events::parse(bytes).expect_err("must fail")
}

#[test]
fn deep_nesting_is_a_clear_error_not_a_stack_overflow() {
    for depth in [200, 100_000] {
        let text = format!(
            r#"{{"eventType":"Held","x":{}{}}}"#,
            "[".repeat(depth),
            "]".repeat(depth)
        );
        let error = error_of(text.as_bytes());
        assert!(error.to_string().contains("recursion limit exceeded"), "{error}");
        let error = aliyun_v2::Event::from_slice(text.as_bytes()).expect_err("must fail");
        assert_eq!(error.event_type(), Some("Held"));
    }
    insta::assert_snapshot!(
        "edge-deep-nesting",
        error_of(format!(r#"{{"eventType":"Held","x":{}}}"#, "[".repeat(200)).as_bytes()).to_string()
    );
}

#[test]
fn a_ten_megabyte_string_round_trips() {
    let big = "字".repeat(10 << 20 >> 2);
    let text = serde_json::to_vec(&json!({"eventType": "TextStream", "instanceId": "i", "text": big})).unwrap();
    let event = cc_events::parse(&text).expect("parses");
    support::assert_round_trip(&text, &event, "10 MB text");
}

#[test]
fn invalid_utf8_names_the_offset() {
    let error = error_of(b"{\"eventType\":\"Held\",\"callee\":\"\xff\"}");
    assert!(matches!(error.kind(), ErrorKind::Utf8(_)), "{error}");
    insta::assert_snapshot!("edge-invalid-utf8", error.to_string());
}

#[test]
fn a_payload_that_is_not_utf8_is_named_after_the_schema_its_keys_show() {
    // The payload, then the schema, event type and path its error names.
    type Case<'a> = (&'a [u8], Option<Schema>, Option<&'a str>, &'a str);
    let cases: [Case; 6] = [
        (
            b"{\"eventType\":\"Held\",\"callee\":\"\xff\"}",
            Some(Schema::AliyunV2),
            Some("Held"),
            "$.callee",
        ),
        (
            b"{\"pushType\":\"login\",\"agent\":\"\xfe\xff\"}",
            Some(Schema::PushV7),
            Some("login"),
            "$.agent",
        ),
        (
            b"{\"eventType\":\"csta\",\"eventName\":\"delivered\",\"callId\":\"\xc3\"}",
            Some(Schema::Csta),
            Some("delivered"),
            "$.callId",
        ),
        (
            b"{\"type\":\"CallState\",\"item\":{\"CallID\":\"\xff\"}}",
            Some(Schema::CcaiQm),
            Some("CallState"),
            "$.item.CallID",
        ),
        // Invalid once decoded too (not an object): no schema, as for valid text.
        (b"[\"\xff\"]", None, None, "$[0]"),
        (b"{\"hello\":\"\xff\"}", None, None, "$.hello"),
    ];
    for (bytes, schema, event_type, path) in cases {
        let error = error_of(bytes);
        assert!(matches!(error.kind(), ErrorKind::Utf8(_)), "{error}");
        assert_eq!(error.schema(), schema, "{error}");
        assert_eq!(error.event_type(), event_type, "{error}");
        assert_eq!(error.path().to_string(), path, "{error}");
    }
}

#[test]
fn a_leading_byte_order_mark_is_skipped() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(br#"{"eventType":"Held","instanceId":"i"}"#);
    let event = cc_events::parse(&bytes).expect("a BOM is skipped, as RFC 8259 allows");
    assert_eq!(
        serde_json::to_value(&event).unwrap(),
        json!({"eventType": "Held", "instanceId": "i"})
    );
    assert!(aliyun_v2::Event::from_slice(&bytes).is_ok());
}

#[test]
fn trailing_garbage_is_an_error() {
    let error = error_of(br#"{"eventType":"Held","instanceId":"i"} {"#);
    assert!(error.to_string().contains("trailing characters"), "{error}");
    insta::assert_snapshot!("edge-trailing-garbage", error.to_string());
}

#[test]
fn duplicate_keys_keep_the_last_like_value() {
    let text = br#"{"eventType":"Released","releaseReason":"200 - Okay","instanceId":"a","releaseReason":"486 - Busy Here","x":1,"x":2}"#;
    let event = cc_events::parse(text).expect("parses");
    support::assert_round_trip(text, &event, "duplicates");
}

#[test]
fn an_empty_body_is_an_error() {
    for body in [&b""[..], b"   \n"] {
        let error = error_of(body);
        assert!(matches!(error.kind(), ErrorKind::Syntax(_)), "{error}");
    }
    insta::assert_snapshot!("edge-empty-body", error_of(b"").to_string());
}

#[test]
fn an_array_of_events_is_an_error_that_says_so() {
    let error = error_of(br#"[{"eventType":"Held","instanceId":"i"}]"#);
    assert!(matches!(error.kind(), ErrorKind::NotAnObject { .. }));
    assert!(error.to_string().contains("an array"), "{error}");
    insta::assert_snapshot!("edge-array-of-events", error.to_string());
}

#[test]
fn numbers_at_the_edges() {
    for text in [
        r#"{"eventType":"Held","instanceId":"i","n":18446744073709551615,"m":-9223372036854775808}"#,
        r#"{"eventType":"Held","instanceId":"i","n":-0,"f":-0.0,"g":1e-320,"h":1.7976931348623157e308}"#,
        r#"{"eventType":"TextStream","instanceId":"i","beginOffsetMS":18446744073709551615,"endOffsetMS":-0}"#,
    ] {
        let event = cc_events::parse(text.as_bytes()).unwrap_or_else(|e| panic!("{text}: {e}"));
        support::assert_round_trip(text.as_bytes(), &event, text);
    }
    let error = error_of(br#"{"eventType":"Held","n":1e400}"#);
    assert!(error.to_string().contains("number out of range"), "{error}");
    insta::assert_snapshot!("edge-number-out-of-range", error.to_string());
}

#[test]
fn public_types_are_send_sync_clone_debug_partial_eq() {
    fn event_type<T: Send + Sync + Clone + std::fmt::Debug + PartialEq + 'static>() {}
    fn error_type<T: Send + Sync + std::fmt::Debug + std::error::Error + 'static>() {}
    // An event enum derives Clone, Debug and PartialEq only if every variant's type has them,
    // and is Send + Sync only if they are: asserting the enums asserts every event type.
    event_type::<aliyun_v2::Event>();
    event_type::<push_v7::Event>();
    event_type::<csta::Event>();
    event_type::<ccai_qm::Event>();
    event_type::<AnyEvent>();
    event_type::<cc_events::common::CommonEvent>();
    event_type::<Deviation>();
    event_type::<JsonPath>();
    event_type::<PathSegment>();
    error_type::<cc_events::Error>();
}

/// Minimal payloads the properties found, kept so they stay fixed.
#[test]
fn regressions_found_by_the_properties() {
    // A push_v7 shape with no pushType and no known kind: Unknown, its type "" (none sent).
    let text = br#"{"v":null,"callEvent":""}"#;
    let event = cc_events::parse(text).expect("push_v7, by its callEvent");
    assert_eq!(event.event_type(), None);
    assert_eq!(event.to_common(&ConvertOptions::default()).vendor_event_type, "");
    support::assert_round_trip(text, &event, "untagged push");
    // A CCAI payload whose item is null: a documented `type` with an `item` is ccai_qm in
    // either key order (it once depended on the order), and reads as its own parser reads it.
    for text in [
        &br#"{"item":null,"type":"CallState"}"#[..],
        br#"{"type":"CallState","item":null}"#,
    ] {
        let event = cc_events::parse(text).expect("ccai_qm, whatever the order");
        let own = ccai_qm::Event::from_slice(text).expect("ccai_qm reads it");
        assert_eq!(event, AnyEvent::CcaiQm(own));
        support::assert_round_trip(text, &event, "null item");
    }
}
