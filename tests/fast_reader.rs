//! The fast reader against the serde reader it accelerates: whatever the input, every entry
//! point gives the serde reader's event or error, and the fast reader reads the common
//! payloads (if it gave up on everything, the crate would be correct and slow, and only these
//! counts would show it).
#![cfg(all(feature = "aliyun_v2", feature = "push_v7", feature = "csta", feature = "ccai_qm"))]

#[path = "../benches/corpus.rs"]
mod corpus;
mod support;

use cc_events::wire::{EventSchema, parse_text_serde};
use cc_events::{AnyEvent, Error, aliyun_v2, ccai_qm, csta, push_v7};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use std::fmt::Debug;

/// The same result, events compared whole and errors by their message.
fn same<T: PartialEq + Debug>(what: &str, text: &str, got: Result<T, Error>, want: Result<T, Error>) {
    match (got, want) {
        (Ok(got), Ok(want)) => assert_eq!(got, want, "{what}: another event for {text}"),
        (Err(got), Err(want)) => assert_eq!(got.to_string(), want.to_string(), "{what}: another error for {text}"),
        (got, want) => panic!(
            "{what}: {:?} where the serde reader gives {:?}, for {text}",
            got.err(),
            want.err()
        ),
    }
}

fn schema_agrees<E: EventSchema + PartialEq + Debug>(what: &str, text: &str, parse: fn(&str) -> Result<E, Error>) {
    same(what, text, parse(text), parse_text_serde::<E>(text));
}

/// Checks every entry point on `text` against the serde reader; `true` when the fast reader
/// read it (with auto-detection) rather than giving up.
fn agrees(text: &str) -> bool {
    let serde = AnyEvent::from_str_serde(text);
    let fast = AnyEvent::from_str_fast(text);
    if let Some(event) = &fast {
        match &serde {
            Ok(want) => assert_eq!(event, want, "the fast reader read another event from {text}"),
            Err(error) => panic!("the fast reader accepted what the serde reader refuses ({error}): {text}"),
        }
    }
    same("cc_events::parse", text, cc_events::parse(text.as_bytes()), serde);
    schema_agrees("aliyun_v2", text, aliyun_v2::Event::from_str);
    schema_agrees("push_v7", text, push_v7::Event::from_str);
    schema_agrees("csta", text, csta::Event::from_str);
    schema_agrees("ccai_qm", text, ccai_qm::Event::from_str);
    fast.is_some()
}

fn read(path: &std::path::Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn every_fixture_reads_alike_and_most_read_fast() {
    let (mut valid, mut fast) = (0, 0);
    for schema in ["aliyun_v2", "push_v7", "csta", "ccai_qm", "ccai_chat"] {
        for path in support::fixtures(schema) {
            valid += 1;
            fast += usize::from(agrees(&read(&path)));
        }
        for path in support::invalid_fixtures(schema) {
            if let Ok(text) = std::fs::read_to_string(&path) {
                agrees(&text);
            }
        }
    }
    // All of them today; escaped keys before the discriminator and the like are left to serde.
    assert!(
        fast * 100 >= valid * 95,
        "the fast reader read {fast} of {valid} valid fixtures"
    );
}

#[test]
fn the_generated_corpus_reads_alike_and_fast() {
    let sources = corpus::Sources::load();
    let payloads = corpus::generate(&sources, 4_000, 11, None);
    let fast = payloads
        .iter()
        .filter(|payload| agrees(std::str::from_utf8(&payload.bytes).expect("UTF-8")))
        .count();
    // Measured 100%; what it leaves (escaped keys before the discriminator, and the like) is rare.
    assert!(
        fast * 100 >= payloads.len() * 98,
        "the fast reader read {fast} of {} corpus payloads",
        payloads.len()
    );
}

/// A CSTA event with `extra` spliced in after the discriminator.
fn csta_with(extra: &str) -> String {
    format!(
        r#"{{"eventName":"delivered","callId":"c-1","deviceId":"8001@x.cc","eventType":"csta","namespace":"x.cc"{extra}}}"#
    )
}

#[test]
fn tokens_read_as_serde_json_reads_them() {
    let read_fast = [
        r#","x":"tab\tquote\"slash\/back\\u\u00e9""#,
        r#","x":"pair \ud83d\ude00 end""#,
        r#","x":-0"#,
        r#","x":-0.0"#,
        r#","x":1.5e-3"#,
        r#","x":12345678901234567890123e-3"#,
        r#","x":18446744073709551615"#,
        r#","x":-9223372036854775808"#,
        r#","x":-9223372036854775809"#,
        r#","x":[1,[true,false,null],{"a":{"b":[]}}]"#,
        r#","x":1,"x":2"#,
        r#","callId":"again""#,
        r#","serial":"121511""#,
        r#","cause":null"#,
        " ,\n\t\"x\" :\r [ ] ",
        // An escaped key after the discriminator (one before it is left to serde, below).
        r#","\u0078":1"#,
    ];
    for extra in read_fast {
        assert!(agrees(&csta_with(extra)), "not read fast: {extra}");
    }
    let left_to_serde = [
        r#","x":"lone \ud83d end""#,
        r#","x":"low \ude00 first""#,
        ",\"x\":\"control \u{1} char\"",
        r#","x":1e400"#,
        r#","x":18446744073709551616"#,
        r#","x":01"#,
        r#","x":1."#,
        r#","x":.5"#,
        r#","x":-"#,
        r#","x":tru"#,
        r#","x":[1,]"#,
        r#","x":{"a":1,}"#,
        r#","#,
        r#","eventName":"failed""#,
        r#","pushType":"cdr""#,
        r#","eventType":"Established""#,
    ];
    for extra in left_to_serde {
        assert!(!agrees(&csta_with(extra)), "read fast: {extra}");
    }
    let deep = format!(r#","x":{}1{}"#, "[".repeat(120), "]".repeat(120));
    assert!(!agrees(&csta_with(&deep)));
    let shallow = format!(r#","x":{}1{}"#, "[".repeat(90), "]".repeat(90));
    assert!(agrees(&csta_with(&shallow)));
    for whole in [
        "",
        "{}",
        "[]",
        "null",
        r#"{"eventName":"delivered"} x"#,
        r#"{"eventName":"delivered"}{}"#,
        r#"{"eventName":7}"#,
        r#"{"eventName":"delivered","eventName":"delivered"}"#,
        r#"{"hello":"world"}"#,
        r#"{"\u0078":1,"eventName":"delivered"}"#,
    ] {
        assert!(!agrees(whole), "read fast: {whole}");
    }
}

#[test]
fn unknown_types_untagged_pushes_and_late_discriminators_are_read_fast() {
    for text in [
        // A type no schema documents: the whole object, as sent.
        r#"{"eventType":"AgentHeartbeat","agentId":"a@i","instanceId":"i","x":[1]}"#,
        r#"{"pushType":"agentTransfer","accountId":"N1","detail":{"targetAgent":"2"}}"#,
        // 7moor's pushes without `pushType`, recognised by their shape.
        r#"{"accountId":"N1","agentNumber":"2000","callEvent":"ring","callType":"incoming","callUniqueId":"1"}"#,
        r#"{"content":{"accountId":"N1","callEvent":"link","callType":"dialout"},"uniqueId":"u-1"}"#,
        // The discriminator behind other keys, and Google CCAI's `item` read straight in.
        r#"{"eventUniqueId":"e","accountId":"N1","callUniqueId":"1","pushType":"dialoutRing"}"#,
        r#"{"item":{"CallID":"1"},"type":"CallState"}"#,
        r#"{"type":"CallState","item":{"CallID":"1","Participants":[{"ParticipantID":"p"}]}}"#,
        // Google CCAI's shape rule, decided at the end of the object.
        r#"{"type":"Other","item":{}}"#,
        r#"{"item":{"CallID":"1"},"type":"ChatState"}"#,
        // Google CCAI chat events, with and without `state`.
        r#"{"chat_id":196,"state":"waiting","participants":[{"state":"connected","type":"external","dn":"u"}]}"#,
        r#"{"language":"en","chat_id":"7"}"#,
    ] {
        assert!(agrees(text), "not read fast: {text}");
    }
    // A shape key sent twice is the serde reader's error.
    assert!(!agrees(
        r#"{"accountId":"N1","callEvent":"ring","callEvent":"ring","callType":"incoming"}"#
    ));
}

/// Bytes that change what a JSON text means, for the mutations below.
const SIGNIFICANT: &[u8] = b"\"\\{}[],:-0123456789.eE+ utnfl\x01\xc3\xa9";

proptest! {
    #![proptest_config(ProptestConfig {
        cases: support::cases(512),
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct("tests/regressions/fast_reader.txt"))),
        ..ProptestConfig::default()
    })]

    /// A fixture with bytes inserted, removed or replaced: whatever it has become, the two
    /// readers agree.
    #[test]
    fn damaged_fixtures_read_alike(
        schema in prop::sample::select(vec!["aliyun_v2", "push_v7", "csta", "ccai_qm"]),
        pick in any::<prop::sample::Index>(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), 0..3u8, prop::sample::select(SIGNIFICANT.to_vec())), 1..4),
    ) {
        let paths = support::fixtures(schema);
        let mut bytes = std::fs::read(&paths[pick.index(paths.len())]).expect("a fixture");
        for (at, how, byte) in edits {
            let at = at.index(bytes.len() + 1);
            match how {
                0 => bytes.insert(at, byte),
                1 if at < bytes.len() => { bytes.remove(at); }
                _ if at < bytes.len() => bytes[at] = byte,
                _ => bytes.push(byte),
            }
        }
        if let Ok(text) = std::str::from_utf8(&bytes) {
            agrees(text);
        }
    }
}
