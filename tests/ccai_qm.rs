//! ccai_qm: every fixture round-trips and is snapshotted; every documented value parses.
#![cfg(feature = "ccai_qm")]

mod support;

use cc_events::ErrorKind;
use cc_events::ccai_qm::{
    AgentState, CallState, Direction, Event, EventType, Participant, ParticipantState, ParticipantType, Participants,
    QueueId,
};
use cc_events::common::{
    self as c, Cause, CauseCode, CommonEvent, ConnectionState, ConvertOptions, DivertMode, EventKind, Party, PartyRole,
    TimeSource, TransferMode, Vendor,
};
use cc_events::wire::{DeviationKind, Field};
use serde_json::json;
use std::collections::HashSet;
use support::*;

const SCHEMA: &str = "ccai_qm";

/// The fixtures that show a deviation from the documentation on purpose.
const CASE_FIXTURES: [&str; 9] = [
    "AgentState-undocumented-enum",
    "AgentState-unknown-field",
    "CallState-null",
    "CallState-number-as-string",
    "CallState-participants-object",
    "CallState-string-as-number",
    "CallState-undocumented-enum",
    "CallState-unknown-field",
    "ChatState-unknown-type",
];

fn parse(path: &std::path::Path) -> (Vec<u8>, Event) {
    parse_fixture(path)
}

fn fixture(name: &str) -> Event {
    fixture_event(SCHEMA, name)
}

fn deviations(event: &Event) -> Vec<String> {
    event.deviations().iter().map(ToString::to_string).collect()
}

fn ids<'a>(participants: impl Iterator<Item = &'a Participant>) -> Vec<Option<&'a str>> {
    participants.map(Participant::id).collect()
}

#[test]
fn every_fixture_round_trips_and_matches_its_snapshot() {
    insta::glob!("../fixtures/ccai_qm", "*.json", |path| {
        insta::assert_snapshot!(typed_snapshot::<Event>(path));
    });
}

#[test]
fn every_fixture_parses_as_the_type_it_is_named_after() {
    assert_fixtures_are_of_the_type_they_are_named_after::<Event>(SCHEMA, EventType::KNOWN_VALUES);
}

#[test]
fn every_documented_event_type_has_a_variant_and_a_fixture() {
    assert_eq!(EventType::KNOWN_VALUES, ["AgentState", "CallState"]);
    let types: HashSet<EventType> = fixtures(SCHEMA).iter().map(|path| parse(path).1.event_type()).collect();
    for event_type in EventType::KNOWN {
        assert!(types.contains(event_type), "no fixture of {event_type}");
    }
}

#[test]
fn samples_and_table_built_fixtures_have_no_deviation_and_case_fixtures_do() {
    let paths = fixtures(SCHEMA);
    assert_eq!(paths.len(), 31, "17 samples, 5 built from the tables, 9 cases");
    for path in &paths {
        let (bytes, event) = parse(path);
        let case = CASE_FIXTURES.contains(&stem(path).as_str());
        assert_eq!(
            !event.deviations().is_empty(),
            case,
            "{}: {:?}",
            path.display(),
            deviations(&event)
        );
        let strict = Event::from_slice_strict(&bytes);
        assert_eq!(strict.is_err(), case, "{}", path.display());
    }
}

#[test]
fn every_documented_enum_value_is_parsed_from_a_fixture() {
    assert_eq!(AgentState::KNOWN.len(), 2);
    assert_eq!(
        CallState::KNOWN.len(),
        11,
        "9 in the table, held and participantDisconnect from the samples"
    );
    assert_eq!(Direction::KNOWN.len(), 2);
    assert_eq!(ParticipantType::KNOWN.len(), 2);
    assert_eq!(ParticipantState::KNOWN.len(), 12);
    let (mut agent, mut call, mut direction, mut kind, mut state) = (vec![], vec![], vec![], vec![], vec![]);
    for path in fixtures(SCHEMA) {
        let (_, event) = parse(&path);
        if let Some(item) = event.agent() {
            agent.extend(item.state.get().cloned());
        }
        if let Some(item) = event.call() {
            call.extend(item.state.get().cloned());
            direction.extend(item.direction.get().cloned());
            for participant in item.participants() {
                kind.extend(participant.participant_type.get().cloned());
                state.extend(participant.state.get().cloned());
            }
        }
    }
    fn all_seen<T: PartialEq + std::fmt::Debug>(known: &[T], seen: &[T]) {
        for value in known {
            assert!(seen.contains(value), "no fixture parses to {value:?}");
        }
    }
    all_seen(AgentState::KNOWN, &agent);
    all_seen(CallState::KNOWN, &call);
    all_seen(Direction::KNOWN, &direction);
    all_seen(ParticipantType::KNOWN, &kind);
    all_seen(ParticipantState::KNOWN, &state);
    // And each text maps to its own variant, not to Unknown.
    assert_eq!(CallState::from("held"), CallState::Held);
    assert_eq!(
        CallState::from("participantDisconnect"),
        CallState::ParticipantDisconnect
    );
    assert_eq!(
        CallState::from("ParticipantDisconnect"),
        CallState::Unknown("ParticipantDisconnect".into())
    );
    assert!(!ParticipantState::from("whispering").is_known());
}

#[test]
fn agent_state_items() {
    let login = fixture("AgentState-login");
    let agent = login.agent().expect("an agent item");
    assert_eq!(agent.agent_id(), Some("1234"));
    assert_eq!(agent.email.as_str(), Some("some.email@domain.com"));
    assert_eq!(agent.is_login(), Some(true));
    assert_eq!(login.state_text(), Some("login"));
    assert_eq!(login.call(), None);
    assert_eq!(login.call_id(), None);
    assert_eq!(
        fixture("AgentState-logout").agent().and_then(|a| a.is_login()),
        Some(false)
    );
    let odd = fixture("AgentState-undocumented-enum");
    assert_eq!(odd.agent().and_then(|a| a.is_login()), None);
    assert_eq!(odd.state_text(), Some("break"));
}

#[test]
fn participants_by_type_and_state() {
    let ringing = fixture("CallState-inbound-ringing");
    let call = ringing.call().expect("a call item");
    assert_eq!(ringing.call_id(), Some("846802bf90d1"));
    assert_eq!(call.state.get(), Some(&CallState::Ringing));
    assert_eq!(call.direction.get(), Some(&Direction::Incoming));
    assert_eq!(ids(call.agents()), [Some("1234")]);
    assert_eq!(ids(call.externals()), [Some("+123456789")]);
    assert_eq!(
        call.participant_in(&ParticipantState::Ringing)
            .and_then(Participant::id),
        Some("1234")
    );
    assert_eq!(call.participant_in(&ParticipantState::Held), None);

    let warm = fixture("CallState-warm-transfer");
    let call = warm.call().expect("a call item");
    assert_eq!(ids(call.agents()), [Some("1234"), Some("4321")]);
    assert_eq!(ids(call.participants_in(&ParticipantState::Connected)).len(), 3);

    let left = fixture("CallState-agent-leaves-conference");
    let call = left.call().expect("a call item");
    assert_eq!(call.state.get(), Some(&CallState::ParticipantDisconnect));
    assert_eq!(
        ids(call.participants_in(&ParticipantState::Disconnected)),
        [Some("1234")]
    );
    assert_eq!(
        call.participant("4321").and_then(|p| p.state.get()),
        Some(&ParticipantState::Connected)
    );
    assert_eq!(call.participant("9999"), None);

    let held = fixture("CallState-held");
    let call = held.call().expect("a call item");
    assert_eq!(call.state.get(), Some(&CallState::Held));
    assert_eq!(
        call.participant_in(&ParticipantState::Held).and_then(Participant::id),
        Some("+123456789")
    );

    let muted = fixture("CallState-muted");
    let call = muted.call().expect("a call item");
    assert_eq!(
        ids(call.participants_in(&ParticipantState::Muted)),
        [Some("1234"), Some("4321")]
    );
    assert!(
        call.participants_in(&ParticipantState::Muted)
            .all(Participant::is_agent)
    );
}

#[test]
fn a_third_party_without_a_number_is_a_documented_null() {
    let event = fixture("CallState-add-participant-dialing");
    let call = event.call().expect("a call item");
    let dialing = call
        .participant_in(&ParticipantState::Dialing)
        .expect("the third party");
    assert!(dialing.participant_id.is_null());
    assert_eq!(dialing.id(), None);
    assert!(dialing.is_external());
    assert_eq!(call.externals().count(), 2);
    assert!(event.deviations().is_empty());
    // On an AgentState item, the same null is a deviation.
    let agent = Event::from_slice(br#"{"type":"AgentState","item":{"ParticipantID":null,"State":"login"}}"#).unwrap();
    assert_eq!(
        deviations(&agent),
        ["$.item.ParticipantID: expected a string, found null"]
    );
}

#[test]
fn answered_and_unheld_are_the_same_snapshot() {
    let answered = fixture("CallState-inbound-answered");
    assert_eq!(answered, fixture("CallState-unheld"));
    assert_eq!(answered.state_text(), Some("connected"));
    assert_ne!(answered, fixture("CallState-unmuted"), "the participants differ");
}

#[test]
fn queue_paths_split_on_slashes() {
    let event = fixture("CallState-inbound-answered");
    let call = event.call().expect("a call item");
    assert_eq!(call.queue_path_ids().collect::<Vec<_>>(), ["1", "2", "3"]);
    assert_eq!(
        call.queue_path_names().collect::<Vec<_>>(),
        ["support", "orders", "status"]
    );
    assert_eq!(call.queue_path_ids.get().map(|path| path.as_str()), Some("1/2/3"));
    let outbound = fixture("CallState-outbound-disconnected");
    let call = outbound.call().expect("a call item");
    assert_eq!(call.queue_path_ids().count(), 0);
    assert!(call.queue_path_ids.is_absent());
    assert_eq!(call.recording_permitted(), None);
    assert!(outbound.deviations().is_empty(), "absent fields are no deviation");
    let odd =
        Event::from_slice(br#"{"type":"CallState","item":{"Queue_path_ids":"/1//2/","Queue_path_names":7}}"#).unwrap();
    let call = odd.call().expect("a call item");
    assert_eq!(call.queue_path_ids().collect::<Vec<_>>(), ["1", "2"]);
    assert_eq!(call.queue_path_names().count(), 0);
    assert_eq!(
        deviations(&odd),
        ["$.item.Queue_path_names: expected a string holding a separated list, found a number"]
    );
}

#[test]
fn queue_uuid_in_each_form() {
    let queue = |name: &str| {
        fixture(name)
            .call()
            .and_then(|call| call.queue_uuid.clone().into_value())
    };
    assert_eq!(queue("CallState-inbound-ringing"), Some(QueueId::Number(3u64.into())));
    let uuid = queue("CallState-waiting").expect("a UUID");
    assert_eq!(uuid.as_uuid(), Some("6f1c2a9e-3b7d-4e2a-9c55-0d4b8e1f7a23"));
    assert_eq!(uuid.as_u64(), None);
    let text = queue("CallState-number-as-string").expect("a text");
    assert_eq!(
        (text.as_u64(), text.is_number(), text.to_text()),
        (Some(3), false, "3".to_owned())
    );
    assert!(
        fixture("CallState-null")
            .call()
            .is_some_and(|call| call.queue_uuid.is_null())
    );
    for (raw, number, deviation) in [
        (
            "-3",
            None,
            Some("expected a queue UUID or a non-negative integer, found \"-3\""),
        ),
        (
            "2.5",
            None,
            Some("expected a queue UUID or a non-negative integer, found \"2.5\""),
        ),
        (
            "\"queue-7\"",
            None,
            Some("expected a queue UUID or a non-negative integer, found \"queue-7\""),
        ),
        (
            "true",
            None,
            Some("expected a queue UUID or a non-negative integer, found a boolean"),
        ),
        ("\"\"", None, None),
        ("18446744073709551615", Some(u64::MAX), None),
    ] {
        let bytes = format!(r#"{{"type":"CallState","item":{{"Queue_uuid":{raw}}}}}"#);
        let event = Event::from_str(&bytes).unwrap();
        assert_round_trip(bytes.as_bytes(), &event, raw);
        let call = event.call().expect("a call item");
        assert_eq!(call.queue_id().and_then(QueueId::as_u64), number, "{raw}");
        let found: Vec<String> = event.deviations().iter().map(|d| d.kind.to_string()).collect();
        assert_eq!(found, deviation.into_iter().collect::<Vec<_>>(), "{raw}");
    }
}

#[test]
fn media_id_on_the_item_or_on_a_participant() {
    let sample = fixture("CallState-inbound-ringing");
    assert_eq!(
        sample.call().and_then(|call| call.media_id()),
        Some("208188811_124248155@67.231.1.110")
    );
    let waiting = fixture("CallState-waiting");
    let call = waiting.call().expect("a call item");
    let first = call.participants().next().expect("a participant");
    assert_eq!(first.media.media_id.as_str(), Some("208188811_124248155@67.231.1.110"));
    let bytes = br#"{"type":"CallState","item":{"Participants":[{"Type":"agent"},{"MediaID":"m-2"}]}}"#;
    let only_participant = Event::from_slice(bytes).unwrap();
    assert_eq!(only_participant.call().and_then(|call| call.media_id()), Some("m-2"));
    assert!(only_participant.deviations().is_empty());
    let none = Event::from_slice(br#"{"type":"CallState","item":{"MediaID":null}}"#).unwrap();
    assert_eq!(none.call().and_then(|call| call.media_id()), None);
    assert_eq!(deviations(&none), ["$.item.MediaID: expected a string, found null"]);
}

#[test]
fn custom_headers_keep_any_json() {
    let waiting = fixture("CallState-waiting");
    let call = waiting.call().expect("a call item");
    assert_eq!(call.custom_header("X-Account-Id"), Some(&json!("A-1001")));
    assert_eq!(
        call.custom_header("x-priority"),
        Some(&json!("high")),
        "case-insensitive"
    );
    assert_eq!(call.custom_header("X-Missing"), None);
    for raw in [r#""X-A: 1""#, "[1,2]", "null", "4"] {
        let bytes = format!(r#"{{"type":"CallState","item":{{"Custom_headers":{raw}}}}}"#);
        let event = Event::from_str(&bytes).unwrap();
        assert_round_trip(bytes.as_bytes(), &event, raw);
        let call = event.call().expect("a call item");
        assert_eq!(call.custom_header("X-A"), None, "{raw}");
        assert!(event.deviations().is_empty(), "{raw}: any JSON is documented");
    }
}

#[test]
fn recording_permitted_is_a_boolean() {
    let sample = fixture("CallState-inbound-ringing");
    assert_eq!(sample.call().and_then(|call| call.recording_permitted()), Some(true));
    let text = fixture("CallState-number-as-string");
    let call = text.call().expect("a call item");
    assert_eq!(call.recording_permitted(), None);
    assert_eq!(call.recording_permitted.unexpected(), Some(&json!("true")));
}

#[test]
fn participants_as_one_object_are_read_and_reported() {
    let event = fixture("CallState-participants-object");
    let call = event.call().expect("a call item");
    assert!(matches!(call.participants.get(), Some(Participants::One(_))));
    assert_eq!(ids(call.externals()), [Some("+123456789")]);
    assert_eq!(call.participants.get().map(Participants::len), Some(1));
    let list = Event::from_slice(br#"{"type":"CallState","item":{"Participants":[]}}"#).unwrap();
    assert_eq!(
        list.call()
            .and_then(|call| call.participants.get())
            .map(Participants::is_empty),
        Some(true)
    );
    // An element that is not an object is kept in place and does not hide the others.
    let bytes = br#"{"type":"CallState","item":{"Participants":[null,"x",{"ParticipantID":"1234","Type":"agent"}]}}"#;
    let mixed = Event::from_slice(bytes).unwrap();
    assert_round_trip(bytes, &mixed, "mixed participants");
    assert_eq!(ids(mixed.call().expect("a call item").agents()), [Some("1234")]);
    assert_eq!(
        deviations(&mixed),
        [
            "$.item.Participants[0]: expected an object, found null",
            "$.item.Participants[1]: expected an object, found a string"
        ]
    );
}

#[test]
fn case_fixtures_report_their_deviations_at_the_right_path() {
    let expected: [(&str, &[&str]); 9] = [
        (
            "AgentState-unknown-field",
            &[
                "$.item.DisplayName: undocumented field",
                "$.version: undocumented field",
            ],
        ),
        (
            "AgentState-undocumented-enum",
            &["$.item.State: undocumented AgentState value \"break\""],
        ),
        (
            "CallState-unknown-field",
            &[
                "$.item.Participants[0].Role: undocumented field",
                "$.item.Queue_name: undocumented field",
            ],
        ),
        (
            "CallState-undocumented-enum",
            &[
                "$.item.State: undocumented CallState value \"parked\"",
                "$.item.Direction: undocumented Direction value \"internal\"",
                "$.item.Participants[1].Type: undocumented ParticipantType value \"virtual_agent\"",
                "$.item.Participants[1].State: undocumented ParticipantState value \"whispering\"",
            ],
        ),
        (
            "CallState-null",
            &[
                "$.item.Language: expected a string, found null",
                "$.item.Queue_uuid: expected a queue UUID or a non-negative integer, found null",
                "$.item.Participants[1].State: expected a string, found null",
            ],
        ),
        (
            "CallState-number-as-string",
            &[
                "$.item.Queue_uuid: expected a queue UUID or a non-negative integer, found \"3\"",
                "$.item.Recording_permitted: expected a boolean, found a string",
            ],
        ),
        (
            "CallState-string-as-number",
            &[
                "$.item.Initiator: expected a string, found a number",
                "$.item.Participants[1].ParticipantID: expected a string, found a number",
            ],
        ),
        (
            "CallState-participants-object",
            &["$.item.Participants: expected an array of participants, found an object"],
        ),
        (
            "ChatState-unknown-type",
            &["$.type: undocumented event type value \"ChatState\""],
        ),
    ];
    for (name, found) in expected {
        assert_eq!(deviations(&fixture(name)), found, "{name}");
    }
    let undocumented = fixture("CallState-undocumented-enum");
    let call = undocumented.call().expect("a call item");
    assert_eq!(call.state.get(), Some(&CallState::Unknown("parked".into())));
    assert_eq!(call.agents().count(), 0, "virtual_agent is not a documented type");
    let numbers = fixture("CallState-string-as-number");
    let call = numbers.call().expect("a call item");
    assert_eq!(call.initiator, Field::Unexpected(json!(123456789)));
    assert_eq!(ids(call.agents()), [None], "the agent is there, its id is not a string");
    let strict = Event::from_slice_strict(&std::fs::read(fixture_dir(SCHEMA).join("CallState-null.json")).unwrap());
    let error = strict.expect_err("strict parsing rejects a null");
    assert_eq!(error.event_type(), Some("CallState"));
    assert_eq!(error.path().to_string(), "$.item.Language");
    assert_eq!(error.deviations().len(), 3);
    assert!(matches!(error.deviations()[0].kind, DeviationKind::Null { .. }));
}

#[test]
fn an_unknown_type_is_kept_whole() {
    let event = fixture("ChatState-unknown-type");
    let Event::Unknown(object) = &event else {
        panic!("not Unknown: {event:?}")
    };
    assert_eq!(object.get("item"), Some(&json!({"ChatID": "c-42", "State": "active"})));
    assert_eq!(event.event_type(), EventType::Unknown("ChatState".into()));
    assert_eq!(event.state_text(), Some("active"));
    assert_eq!((event.agent(), event.call(), event.extra()), (None, None, None));
}

#[test]
fn odd_shapes_are_kept_and_reported() {
    let bytes = br#"{"item":"none","type":"AgentState","type2":1}"#;
    let event = Event::from_slice(bytes).expect("an item of another type does not fail the event");
    assert_round_trip(bytes, &event, "item as a string");
    assert_eq!(event.agent(), None);
    assert_eq!(event.state_text(), None);
    assert_eq!(
        deviations(&event),
        [
            "$.item: expected an object, found a string",
            "$.type2: undocumented field"
        ]
    );
    let bytes = br#"{"type":"CallState","item":{"State":"held","State":"connected"}}"#;
    let event = Event::from_slice(bytes).expect("a repeated key below the discriminator parses");
    assert_round_trip(bytes, &event, "duplicate keys");
    assert_eq!(
        event.state_text(),
        Some("connected"),
        "last wins, as in serde_json::Value"
    );
    assert_eq!(
        deviations(&event),
        ["$.item.State: the key comes more than once (the last value is kept)"]
    );
    let twice = br#"{"type":"CallState","item":{},"type":"CallState"}"#;
    let error = Event::from_slice(twice).expect_err("a repeated discriminator has no one reading");
    assert_eq!(
        error.to_string(),
        r#"ccai_qm at $.type: the key `type` naming the event type comes 2 times: "CallState", "CallState""#
    );
    let empty = Event::from_slice(br#"{"type":"CallState"}"#).expect("no item");
    assert_eq!(empty.call(), None);
    assert!(empty.deviations().is_empty());
}

#[test]
fn invalid_payloads_give_errors_that_say_where() {
    let invalid = invalid_fixtures(SCHEMA);
    assert_eq!(invalid.len(), 2);
    for path in invalid {
        let bytes = std::fs::read(&path).unwrap();
        let error = Event::from_slice(&bytes).expect_err("an invalid fixture must fail");
        assert_eq!(error.schema(), Some(cc_events::Schema::CcaiQm));
        insta::assert_snapshot!(format!("invalid-{}", stem(&path)), error.to_string());
        // Its corrected copy parses.
        let corrected = fixture_dir(SCHEMA).join(path.file_name().unwrap());
        parse(&corrected);
    }
    let error = Event::from_slice(br#"{"type": ["CallState"], "item": {}}"#).unwrap_err();
    assert!(matches!(error.kind(), ErrorKind::InvalidDiscriminator { .. }));
    assert_eq!(error.path().to_string(), "$.type");
    let error = Event::from_slice(b"\"CallState\"").unwrap_err();
    assert!(matches!(error.kind(), ErrorKind::NotAnObject { .. }));
    let error = Event::from_slice(br#"{"item":{"CallID":"1"}}"#).unwrap_err();
    assert!(matches!(error.kind(), ErrorKind::MissingDiscriminator { .. }));
    assert_eq!(
        error.to_string(),
        "ccai_qm at $: expected the key `type` naming the event type; keys seen: \"item\""
    );
    let error = Event::from_slice(b"{\"type\":\"CallState\",\"item\":{\"CallID\":\"\xff\"}}").unwrap_err();
    assert!(matches!(error.kind(), ErrorKind::Utf8(_)));
}

// ---- conversion into the common vocabulary ----

fn common(name: &str) -> CommonEvent {
    fixture(name).to_common(&ConvertOptions::default())
}

fn party_of(party: &Option<Party>) -> Option<(PartyRole, Option<&str>, Option<ConnectionState>)> {
    party
        .as_ref()
        .map(|party| (party.role.clone(), party.id.as_deref(), party.state.clone()))
}

/// A CallState payload of `state` with the given participants `(id, type, state)`.
fn call_payload(state: &str, direction: &str, participants: &[(Option<&str>, &str, &str)]) -> Event {
    let participants: Vec<serde_json::Value> = participants
        .iter()
        .map(|(id, kind, state)| json!({"ParticipantID": id, "Type": kind, "State": state}))
        .collect();
    let payload = json!({"type": "CallState", "item": {
        "CallID": "c1", "State": state, "Direction": direction, "Initiator": "+123456789",
        "Participants": participants}});
    Event::from_slice(payload.to_string().as_bytes()).expect("a built payload")
}

#[test]
fn every_fixture_converts_with_its_type_kept_and_the_receive_time() {
    let received = chrono::DateTime::parse_from_rfc3339("2024-05-01T08:00:00.250Z")
        .unwrap()
        .with_timezone(&chrono::Utc);
    let options = ConvertOptions::default()
        .with_received_at(received)
        .with_tenant("tenant-1");
    let others = [
        "AgentState-undocumented-enum",
        "CallState-undocumented-enum",
        "ChatState-unknown-type",
    ];
    let paths = fixtures(SCHEMA);
    assert_eq!(paths.len(), 31);
    for path in paths {
        let (bytes, event) = parse(&path);
        let name = stem(&path);
        let raw: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        let converted = event.to_common(&options);
        assert_eq!(converted.vendor, Vendor::GoogleCcai, "{name}");
        assert_eq!(
            Some(converted.vendor_event_type.as_str()),
            raw["type"].as_str(),
            "{name}"
        );
        assert_eq!(converted.tenant.as_deref(), Some("tenant-1"), "{name}");
        let time = converted.time.as_ref().expect("the receive time");
        assert_eq!(
            (time.utc, time.source.clone(), time.original.as_deref()),
            (received, TimeSource::Received, None)
        );
        assert_eq!(
            (converted.event_id.as_deref(), converted.sequence),
            (None, None),
            "{name}"
        );
        assert_eq!(
            converted.kind == EventKind::Other,
            others.contains(&name.as_str()),
            "{name}"
        );
        assert_eq!(converted.call_id.as_deref(), raw["item"]["CallID"].as_str(), "{name}");
        // The common event's JSON form reads back as the same event.
        let json = serde_json::to_value(&converted).unwrap();
        assert_eq!(
            serde_json::from_value::<CommonEvent>(json).unwrap(),
            converted,
            "{name}"
        );
        // Without options: no time, no tenant.
        let bare = event.to_common(&ConvertOptions::default());
        assert_eq!((bare.time, bare.tenant), (None, None), "{name}");
    }
}

#[test]
fn every_call_state_converts_to_the_kind_of_the_mapping_table() {
    let table: [(CallState, EventKind, &str); 11] = [
        (CallState::Dialing, EventKind::Originated, "CallState-outbound-dialing"),
        (CallState::Waiting, EventKind::Queued, "CallState-waiting"),
        (CallState::Ringing, EventKind::Delivered, "CallState-inbound-ringing"),
        (
            CallState::Connected,
            EventKind::Established,
            "CallState-inbound-answered",
        ),
        (CallState::Redirected, EventKind::Diverted, "CallState-redirected"),
        (CallState::Deflected, EventKind::Diverted, "CallState-deflected"),
        (
            CallState::Transferred,
            EventKind::Transferred,
            "CallState-cold-transfer",
        ),
        (
            CallState::Conferenced,
            EventKind::Conferenced,
            "CallState-warm-transfer",
        ),
        (
            CallState::Disconnected,
            EventKind::CallCleared,
            "CallState-inbound-disconnected",
        ),
        (CallState::Held, EventKind::Held, "CallState-held"),
        (
            CallState::ParticipantDisconnect,
            EventKind::ConnectionCleared,
            "CallState-agent-leaves-conference",
        ),
    ];
    let states: Vec<&CallState> = table.iter().map(|(state, ..)| state).collect();
    assert_eq!(
        states,
        CallState::KNOWN.iter().collect::<Vec<_>>(),
        "every documented state, in order"
    );
    for (state, kind, name) in &table {
        let event = fixture(name);
        assert_eq!(event.call().and_then(|call| call.state.get()), Some(state), "{name}");
        assert_eq!(event.to_common(&ConvertOptions::default()).kind, *kind, "{name}");
    }
    let agent = |name: &str| common(name).kind;
    assert_eq!(agent("AgentState-login"), EventKind::AgentLoggedOn);
    assert_eq!(agent("AgentState-logout"), EventKind::AgentLoggedOff);
    assert_eq!(agent("AgentState-undocumented-enum"), EventKind::Other);
    assert_eq!(agent("ChatState-unknown-type"), EventKind::Other);
}

#[test]
fn agent_events_name_the_agent() {
    let login = common("AgentState-login");
    assert_eq!(login.agent_id.as_deref(), Some("1234"));
    assert_eq!(login.party, Some(Party::agent(Some("1234"))));
    assert_eq!(
        login.agent_state, None,
        "the feed does not say whether the agent is ready"
    );
    let logout = common("AgentState-logout");
    assert_eq!(
        (logout.kind, logout.agent_state),
        (EventKind::AgentLoggedOff, Some(c::AgentState::LoggedOff))
    );
    let other = common("AgentState-undocumented-enum");
    assert_eq!(
        (other.kind, other.agent_id.as_deref()),
        (EventKind::Other, Some("1234"))
    );
    assert_eq!(other.vendor_event_type, "AgentState");
}

#[test]
fn an_inbound_call_is_delivered_to_the_ringing_agent_then_established() {
    let ringing = common("CallState-inbound-ringing");
    assert_eq!(ringing.kind, EventKind::Delivered);
    assert_eq!(
        party_of(&ringing.party),
        Some((PartyRole::Agent, Some("1234"), Some(ConnectionState::Alerting)))
    );
    assert_eq!(
        party_of(&ringing.counterparty),
        Some((
            PartyRole::Customer,
            Some("+123456789"),
            Some(ConnectionState::Connected)
        ))
    );
    assert_eq!(ringing.direction, Some(c::Direction::Inbound));
    assert_eq!(
        (ringing.caller.as_deref(), ringing.callee.as_deref()),
        (Some("+123456789"), None)
    );
    assert_eq!(
        (ringing.call_id.as_deref(), ringing.leg_id.as_deref()),
        (Some("846802bf90d1"), Some("1234"))
    );
    assert_eq!(
        (ringing.queue.as_deref(), ringing.agent_id.as_deref()),
        (Some("3"), Some("1234"))
    );
    assert_eq!(ringing.agent_state, Some(c::AgentState::Ringing));
    assert_eq!(ringing.cause, None);

    let answered = common("CallState-inbound-answered");
    assert_eq!(answered.kind, EventKind::Established);
    assert_eq!(
        party_of(&answered.party).map(|(role, id, _)| (role, id)),
        Some((PartyRole::Agent, Some("1234")))
    );
    assert_eq!(answered.agent_state, Some(c::AgentState::Talking));
    // Stateless: the unheld snapshot is the answered one, and reads the same.
    assert_eq!(common("CallState-unheld"), answered);

    let waiting = common("CallState-waiting");
    assert_eq!(waiting.kind, EventKind::Queued);
    assert_eq!(
        party_of(&waiting.party).map(|(role, ..)| role),
        Some(PartyRole::Customer)
    );
    assert_eq!(waiting.queue.as_deref(), Some("6f1c2a9e-3b7d-4e2a-9c55-0d4b8e1f7a23"));
    assert_eq!(waiting.agent_id, None);
}

#[test]
fn an_outbound_call_is_originated_by_the_agent_and_established_by_the_user() {
    let dialing = common("CallState-outbound-dialing");
    assert_eq!(dialing.kind, EventKind::Originated);
    assert_eq!(
        party_of(&dialing.party).map(|(role, id, _)| (role, id)),
        Some((PartyRole::Agent, Some("1234")))
    );
    assert_eq!(
        party_of(&dialing.counterparty).map(|(role, id, _)| (role, id)),
        Some((PartyRole::Customer, Some("+123456789")))
    );
    assert_eq!(
        (dialing.direction, dialing.agent_state),
        (Some(c::Direction::Outbound), Some(c::AgentState::Dialing))
    );
    assert_eq!(
        (dialing.caller.as_deref(), dialing.callee.as_deref()),
        (None, Some("+123456789"))
    );

    let connected = common("CallState-outbound-connected");
    assert_eq!(connected.kind, EventKind::Established);
    assert_eq!(
        party_of(&connected.party).map(|(role, ..)| role),
        Some(PartyRole::Customer)
    );
    assert_eq!(
        connected.party.as_ref().and_then(|party| party.number.as_deref()),
        Some("+123456789")
    );
    assert_eq!(
        connected.agent_id.as_deref(),
        Some("1234"),
        "the agent is the counterparty"
    );

    // The outbound disconnected sample names the agent as Initiator: the user is still found.
    let ended = common("CallState-outbound-disconnected");
    assert_eq!(
        (ended.kind, ended.callee.as_deref()),
        (EventKind::CallCleared, Some("+123456789"))
    );
    assert_eq!((ended.party, ended.cause, ended.queue), (None, None, None));

    // An added participant being rung: the counterparty is that third party, without a number.
    let added = common("CallState-add-participant-dialing");
    assert_eq!(added.kind, EventKind::Originated);
    assert_eq!(party_of(&added.party).map(|(_, id, _)| id), Some(Some("1234")));
    assert_eq!(
        party_of(&added.counterparty),
        Some((PartyRole::ThirdParty, None, Some(ConnectionState::Alerting)))
    );
}

#[test]
fn connected_snapshots_are_read_from_the_participants_by_precedence() {
    let held = common("CallState-held");
    assert_eq!(held.kind, EventKind::Held);
    assert_eq!(
        party_of(&held.party),
        Some((PartyRole::Customer, Some("+123456789"), Some(ConnectionState::Hold)))
    );
    assert_eq!(
        party_of(&held.counterparty).map(|(_, id, _)| id),
        Some(Some("1234")),
        "the agent holding"
    );
    assert_eq!(
        (held.agent_id.as_deref(), held.agent_state),
        (Some("1234"), Some(c::AgentState::OnHold))
    );
    for (name, kind, first) in [
        ("CallState-muted", EventKind::Muted, "1234"),
        ("CallState-unmuted", EventKind::Unmuted, "1234"),
        ("CallState-redacted", EventKind::Redacted, "+123456789"),
        ("CallState-unredacted", EventKind::Unredacted, "+123456789"),
    ] {
        let converted = common(name);
        assert_eq!(converted.kind, kind, "{name}");
        assert_eq!(
            party_of(&converted.party).map(|(_, id, state)| (id, state)),
            Some((Some(first), Some(ConnectionState::Connected))),
            "{name}: the first participant in that state"
        );
    }
    // Held, then muted, redacted, unmuted, unredacted: each wins over the ones after it.
    let order = ["held", "muted", "redacted", "unmuted", "unredacted"];
    let kinds = [
        EventKind::Held,
        EventKind::Muted,
        EventKind::Redacted,
        EventKind::Unmuted,
        EventKind::Unredacted,
    ];
    for (i, kind) in kinds.iter().enumerate() {
        let mut participants = vec![(Some("+1"), "external", order[i])];
        for later in order.iter().skip(i + 1) {
            participants.insert(0, (Some("9"), "agent", *later));
        }
        participants.push((Some("8"), "agent", "ringing"));
        let event = call_payload("connected", "incoming", &participants);
        let converted = event.to_common(&ConvertOptions::default());
        assert_eq!(converted.kind, *kind, "{participants:?}");
        assert_eq!(party_of(&converted.party).map(|(_, id, _)| id), Some(Some("+1")));
    }
    let plain = call_payload("connected", "incoming", &[(Some("+1"), "external", "connected")]);
    assert_eq!(plain.to_common(&ConvertOptions::default()).kind, EventKind::Established);
}

#[test]
fn transfers_conferences_and_leaving() {
    let cold = common("CallState-cold-transfer");
    assert_eq!(
        (cold.kind, cold.transfer_mode),
        (EventKind::Transferred, Some(TransferMode::Blind))
    );
    assert_eq!(cold.cause, Some(Cause::new(CauseCode::SingleStepTransfer)));
    assert_eq!(cold.party, None, "agent 1234 vanished from the snapshot: not guessed");
    assert_eq!(party_of(&cold.counterparty).map(|(_, id, _)| id), Some(Some("4321")));
    assert_eq!(cold.agent_id.as_deref(), Some("4321"));

    let named = common("CallState-participant-transferred");
    assert_eq!(
        party_of(&named.party),
        Some((PartyRole::Agent, Some("1234"), Some(ConnectionState::Null)))
    );
    assert_eq!(party_of(&named.counterparty).map(|(_, id, _)| id), Some(Some("4321")));
    assert_eq!((named.agent_id.as_deref(), named.agent_state), (Some("1234"), None));
    // The target is the last live agent listed (participants come in joining order).
    let three = call_payload(
        "transferred",
        "incoming",
        &[
            (Some("+1"), "external", "connected"),
            (Some("1111"), "agent", "connected"),
            (Some("1234"), "agent", "transferred"),
            (Some("4321"), "agent", "connected"),
        ],
    );
    let three = three.to_common(&ConvertOptions::default());
    assert_eq!(party_of(&three.counterparty).map(|(_, id, _)| id), Some(Some("4321")));

    let warm = common("CallState-warm-transfer");
    assert_eq!((warm.kind, warm.transfer_mode), (EventKind::Conferenced, None));
    assert_eq!(
        party_of(&warm.party).map(|(_, id, _)| id),
        Some(Some("4321")),
        "the last to join"
    );
    assert_eq!(party_of(&warm.counterparty).map(|(_, id, _)| id), Some(Some("1234")));

    let left = common("CallState-agent-leaves-conference");
    assert_eq!(left.kind, EventKind::ConnectionCleared);
    assert_eq!(
        party_of(&left.party),
        Some((PartyRole::Agent, Some("1234"), Some(ConnectionState::Null)))
    );
    assert_eq!(left.cause, None);
}

#[test]
fn call_end_and_diversions() {
    let ended = common("CallState-inbound-disconnected");
    assert_eq!(ended.kind, EventKind::CallCleared);
    assert_eq!((ended.party, ended.counterparty, ended.cause), (None, None, None));
    assert_eq!((ended.agent_id.as_deref(), ended.agent_state), (Some("1234"), None));

    let redirected = common("CallState-redirected");
    assert_eq!(
        (redirected.kind, redirected.divert_mode),
        (EventKind::Diverted, Some(DivertMode::Redirected))
    );
    assert_eq!(redirected.cause.map(|cause| cause.code), Some(CauseCode::Redirected));
    assert_eq!(
        party_of(&redirected.party),
        Some((PartyRole::Customer, Some("+123456789"), None)),
        "callback has no connection state"
    );

    let deflected = common("CallState-deflected");
    assert_eq!(
        (deflected.kind, deflected.divert_mode),
        (EventKind::Diverted, Some(DivertMode::Deflected))
    );
    assert_eq!(
        party_of(&deflected.party).map(|(role, id, _)| (role, id)),
        Some((PartyRole::Agent, Some("1234")))
    );
}

#[test]
fn odd_forms_convert_without_guessing() {
    // Ids sent as numbers are read as their text.
    let numbers = common("CallState-string-as-number");
    assert_eq!(
        (numbers.kind, numbers.agent_id.as_deref()),
        (EventKind::Established, Some("1234"))
    );
    assert_eq!(
        numbers.caller.as_deref(),
        Some("+123456789"),
        "the only external is the user"
    );
    // A null participant state: no party for Established, but the call's agent is named.
    let nulls = common("CallState-null");
    assert_eq!((nulls.kind, nulls.party.as_ref()), (EventKind::Established, None));
    assert_eq!(
        (nulls.agent_id.as_deref(), nulls.agent_state, nulls.queue.as_deref()),
        (Some("1234"), None, Some("3"))
    );
    // Queue_uuid as a string is still the queue.
    assert_eq!(common("CallState-number-as-string").queue.as_deref(), Some("3"));
    // Undocumented state, direction and participant type: Other, with the call's fields.
    let undocumented = common("CallState-undocumented-enum");
    assert_eq!(
        (undocumented.kind, undocumented.direction, undocumented.party),
        (EventKind::Other, None, None)
    );
    assert_eq!(
        (undocumented.call_id.as_deref(), undocumented.agent_id),
        (Some("846802bf90d1"), None)
    );
    // Participants as one object are read.
    let one = common("CallState-participants-object");
    assert_eq!(
        party_of(&one.counterparty).map(|(role, ..)| role),
        Some(PartyRole::Customer)
    );
    // An unknown type keeps only its type; an item that is no object gives Other.
    let chat = common("ChatState-unknown-type");
    assert_eq!(
        (chat.kind, chat.vendor_event_type.as_str(), chat.call_id),
        (EventKind::Other, "ChatState", None)
    );
    for bytes in [
        &br#"{"type":"AgentState","item":"none"}"#[..],
        br#"{"type":"CallState"}"#,
        br#"{"type":"CallState","item":{}}"#,
    ] {
        let converted = Event::from_slice(bytes).unwrap().to_common(&ConvertOptions::default());
        assert_eq!(converted.kind, EventKind::Other);
        assert_eq!(
            (converted.party, converted.agent_id, converted.direction),
            (None, None, None)
        );
    }
    // Queue path as the fallback queue; an empty Queue_uuid text is none.
    let payload = br#"{"type":"CallState","item":{"State":"waiting","Queue_uuid":"","Queue_path_ids":"7/8"}}"#;
    assert_eq!(
        Event::from_slice(payload)
            .unwrap()
            .to_common(&ConvertOptions::default())
            .queue
            .as_deref(),
        Some("8")
    );
}
