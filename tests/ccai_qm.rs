//! ccai_qm: every fixture round-trips and is snapshotted; every documented value parses.

mod support;

use cc_events::ErrorKind;
use cc_events::ccai_qm::{
    AgentState, CallState, Direction, Event, EventType, Participant, ParticipantState, ParticipantType, Participants,
    QueueId,
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
    let bytes = std::fs::read(path).expect("a readable fixture");
    let event = Event::from_slice(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    (bytes, event)
}

fn fixture(name: &str) -> Event {
    parse(&fixture_dir(SCHEMA).join(format!("{name}.json"))).1
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
        let (bytes, event) = parse(path);
        assert_round_trip(&bytes, &event, &path.display().to_string());
        let deviations = deviations(&event);
        insta::assert_snapshot!(format!("{event:#?}\n\ndeviations: {deviations:#?}"));
    });
}

#[test]
fn every_fixture_parses_as_the_type_it_is_named_after() {
    for path in fixtures(SCHEMA) {
        let (_, event) = parse(&path);
        let named = named_type(&path);
        assert_eq!(event.event_type().as_str(), named, "{}", path.display());
        let documented = EventType::from(named.as_str()).is_known();
        assert_eq!(!matches!(event, Event::Unknown(_)), documented, "{}", path.display());
    }
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
    let bytes = br#"{"type":"CallState","item":{"State":"held","State":"connected"},"type":"CallState"}"#;
    let event = Event::from_slice(bytes).expect("duplicates parse");
    assert_round_trip(bytes, &event, "duplicate keys");
    assert_eq!(
        event.state_text(),
        Some("connected"),
        "last wins, as in serde_json::Value"
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
