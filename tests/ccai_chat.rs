//! ccai_qm chat session events: every fixture round-trips and is snapshotted (typed and in the
//! common vocabulary); the chat is told from a call by `media`.
#![cfg(feature = "ccai_qm")]

mod support;

use cc_events::ccai_qm::chat::ChatEvent;
use cc_events::ccai_qm::{CallState, ParticipantType};
use cc_events::common::{AgentState, ConvertOptions, EventKind, Media, PartyRole};
use cc_events::wire::DeviationKind;
use chrono::{DateTime, Utc};
use support::*;

const SCHEMA: &str = "ccai_chat";

fn fixture(name: &str) -> ChatEvent {
    fixture_event(SCHEMA, name)
}

fn options() -> ConvertOptions {
    let received: DateTime<Utc> = "2021-01-01T00:00:00Z".parse().unwrap();
    ConvertOptions::default().with_received_at(received)
}

#[test]
fn every_fixture_round_trips_and_matches_its_snapshots() {
    insta::glob!("../fixtures/ccai_chat", "*.json", |path| {
        insta::assert_snapshot!(typed_snapshot::<ChatEvent>(path));
        let (_, event) = parse_fixture::<ChatEvent>(path);
        let common = event.to_common(&options());
        assert_eq!(common.media, Some(Media::Chat), "{}", path.display());
        let json = serde_json::to_value(&common).unwrap();
        assert_eq!(
            serde_json::from_value::<cc_events::common::CommonEvent>(json.clone()).unwrap(),
            common
        );
        insta::assert_json_snapshot!("common", json);
    });
}

#[test]
fn every_fixture_is_named_after_its_state() {
    let paths = fixtures(SCHEMA);
    assert_eq!(paths.len(), 5);
    for path in paths {
        let (_, event) = parse_fixture::<ChatEvent>(&path);
        assert_eq!(
            event.event_type_text(),
            Some(named_type(&path).as_str()),
            "{}",
            path.display()
        );
    }
}

#[test]
fn the_documented_samples_parse_without_deviation() {
    for name in [
        "waiting-chat-started",
        "waiting-for-assignment",
        "connected-accepted-human-agent",
    ] {
        let event = fixture(name);
        assert!(event.deviations().is_empty(), "{name}: {:?}", event.deviations());
        let bytes = std::fs::read(fixture_dir(SCHEMA).join(format!("{name}.json"))).unwrap();
        assert!(ChatEvent::from_slice_strict(&bytes).is_ok(), "{name}");
    }
    let started = fixture("waiting-chat-started");
    assert!(started.session.support_number.is_null(), "a documented null is kept");
    assert_eq!(started.session.chat_id_text().as_deref(), Some("138"));
    assert_eq!(
        started
            .session
            .queue_path_names
            .get()
            .map(|path| path.items().collect::<Vec<_>>()),
        Some(vec!["Test", "calls"])
    );
    let accepted = fixture("connected-accepted-human-agent");
    assert_eq!(accepted.session.state.get(), Some(&CallState::Connected));
    let external = accepted.session.externals().next().expect("an external participant");
    assert_eq!(external.media_id.as_str(), Some("MB0d0540e6383"));
    assert_eq!(accepted.session.agents().count(), 1);
    assert!(
        accepted
            .session
            .participants()
            .all(|p| !p.is(&ParticipantType::Unknown("x".into())))
    );
}

#[test]
fn undocumented_keys_and_states_are_kept_and_reported() {
    let ended = fixture("disconnected-unknown-field");
    let found: Vec<String> = ended.deviations().iter().map(ToString::to_string).collect();
    assert_eq!(
        found,
        [
            "$.participants[1].name: undocumented field",
            "$.ends_at: undocumented field"
        ]
    );
    assert_eq!(
        ended.session.chat_id_text().as_deref(),
        Some("167"),
        "a numeric string is read"
    );
    let finished = fixture("finished-undocumented-state");
    assert_eq!(finished.event_type_text(), Some("finished"));
    let deviations = finished.deviations();
    assert_eq!(deviations.len(), 1);
    assert_eq!(deviations[0].path.to_string(), "$.state");
    assert!(matches!(&deviations[0].kind, DeviationKind::UndocumentedValue { value, .. } if value == "finished"));
    let error = ChatEvent::from_slice_strict(br#"{"chat_id":1,"state":"finished"}"#).unwrap_err();
    assert_eq!(error.path().to_string(), "$.state");
    // Still typed, and still converted with what it says.
    let common = finished.to_common(&options());
    assert_eq!(common.kind, EventKind::Other);
    assert_eq!(common.call_id.as_deref(), Some("138"));
}

#[test]
fn a_chat_without_state_is_still_a_chat_and_key_order_does_not_matter() {
    let event = ChatEvent::from_slice(br#"{"chat_id":5,"language":"en"}"#).unwrap();
    assert_eq!(event.event_type_text(), None);
    assert_eq!(event.to_common(&options()).vendor_event_type, "");
    assert_eq!(event.to_common(&options()).media, Some(Media::Chat));
    let forward = ChatEvent::from_slice(br#"{"state":"waiting","chat_id":5}"#).unwrap();
    let backward = ChatEvent::from_slice(br#"{"chat_id":5,"state":"waiting"}"#).unwrap();
    assert_eq!(forward.session, backward.session);
}

#[test]
fn invalid_payloads_give_errors_that_say_where() {
    for path in invalid_fixtures(SCHEMA) {
        let bytes = std::fs::read(&path).unwrap();
        let error = ChatEvent::from_slice(&bytes).expect_err("an invalid fixture must fail");
        assert_eq!(error.schema(), Some(cc_events::Schema::CcaiChat));
        insta::assert_snapshot!(format!("chat-invalid-{}", stem(&path)), error.to_string());
    }
}

#[test]
fn chats_convert_to_the_call_kinds_with_media_chat() {
    let waiting = fixture("waiting-for-assignment").to_common(&options());
    assert_eq!(waiting.kind, EventKind::Queued);
    assert_eq!(waiting.vendor_event_type, "waiting");
    assert_eq!(waiting.call_id.as_deref(), Some("196"));
    assert_eq!(waiting.queue.as_deref(), Some("23"));
    assert_eq!(
        waiting.party.as_ref().map(|p| p.role.clone()),
        Some(PartyRole::Customer)
    );
    assert_eq!(waiting.party.as_ref().and_then(|p| p.id.as_deref()), Some("end_user_5"));
    assert_eq!(waiting.caller, None, "a dn is no phone number");

    let accepted = fixture("connected-accepted-human-agent").to_common(&options());
    assert_eq!(accepted.kind, EventKind::Established);
    assert_eq!(accepted.agent_id.as_deref(), Some("agent_1"));
    assert_eq!(accepted.agent_state, Some(AgentState::Talking));
    assert_eq!(
        accepted.counterparty.as_ref().map(|p| p.role.clone()),
        Some(PartyRole::Customer)
    );

    let ended = fixture("disconnected-unknown-field").to_common(&options());
    assert_eq!(ended.kind, EventKind::CallCleared);
    assert_eq!(ended.media, Some(Media::Chat));

    // A voice event leaves `media` out, so its JSON is what it was.
    let call = cc_events::ccai_qm::Event::from_slice(
        br#"{"type":"CallState","item":{"CallID":"c","State":"waiting","Direction":"incoming"}}"#,
    )
    .unwrap()
    .to_common(&options());
    assert_eq!(call.kind, EventKind::Queued);
    assert_eq!(call.media, None);
    assert!(serde_json::to_value(&call).unwrap().get("media").is_none());
    assert_eq!(serde_json::to_value(&waiting).unwrap()["media"], "chat");
}
