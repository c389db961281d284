//! aliyun_v2: every fixture round-trips and is snapshotted; every documented value parses.
#![cfg(feature = "aliyun_v2")]

mod support;

use cc_events::ErrorKind;
use cc_events::aliyun_v2::{
    AbandonPhase, CallType, ChannelType, Event, EventType, FlowType, NodeAction, NodeExitCode, NodeType, QueueType,
    Scenario,
};
use cc_events::wire::{DeviationKind, Field, WallTime};
use support::*;

const SCHEMA: &str = "aliyun_v2";

fn parse(path: &std::path::Path) -> (Vec<u8>, Event) {
    parse_fixture(path)
}

fn fixture(name: &str) -> Event {
    fixture_event(SCHEMA, name)
}

#[test]
fn every_fixture_round_trips_and_matches_its_snapshot() {
    insta::glob!("../fixtures/aliyun_v2", "*.json", |path| {
        insta::assert_snapshot!(typed_snapshot::<Event>(path));
    });
}

#[test]
fn every_fixture_parses_as_the_type_it_is_named_after() {
    assert_fixtures_are_of_the_type_they_are_named_after::<Event>(SCHEMA, EventType::KNOWN_VALUES);
}

#[test]
fn every_documented_event_type_has_a_fixture_and_a_variant() {
    assert_eq!(EventType::KNOWN.len(), 45 + 6);
    let current: Vec<_> = EventType::KNOWN.iter().filter(|t| !t.is_1_0_name()).collect();
    assert_eq!(current.len(), 45);
    for event_type in EventType::KNOWN {
        let event = fixture(event_type.as_str());
        assert_eq!(&event.event_type(), event_type);
        assert!(!matches!(event, Event::Unknown(_)), "{event_type} parsed as Unknown");
        if !event_type.is_1_0_name() {
            assert!(event.deviations().is_empty(), "{event_type}: {:?}", event.deviations());
        }
    }
}

#[test]
fn the_1_0_names_are_read_as_their_2_0_events_and_reported() {
    let renamed = [
        ("CallEstablished", Some(EventType::Established)),
        ("CallReleased", Some(EventType::Released)),
        ("CallHeld", Some(EventType::Held)),
        ("CallRetrieved", Some(EventType::Retrieved)),
        ("CallAbandoned", Some(EventType::Abandoned)),
        ("AgentACW", None),
    ];
    let names: Vec<&str> = EventType::KNOWN
        .iter()
        .filter(|t| t.is_1_0_name())
        .map(EventType::as_str)
        .collect();
    assert_eq!(names, renamed.iter().map(|(old, _)| *old).collect::<Vec<_>>());
    for (old, new) in renamed {
        let event = fixture(old);
        assert_eq!(event.event_type().renamed_to(), new, "{old}");
        // Exactly one deviation, the name, at the discriminator: the fields are the 2.0 ones.
        let deviations = event.deviations();
        assert_eq!(deviations.len(), 1, "{old}: {deviations:?}");
        assert_eq!(deviations[0].path.to_string(), "$.eventType");
        let DeviationKind::OldName { what, current } = &deviations[0].kind else {
            panic!("{old}: {:?}", deviations[0])
        };
        assert_eq!(*what, "1.0 event name");
        assert_eq!(*current, new.as_ref().map(EventType::as_str));
        let message = match &new {
            Some(new) => format!("$.eventType: 1.0 event name, now \"{new}\""),
            None => "$.eventType: 1.0 event name, with no current equivalent".to_owned(),
        };
        assert_eq!(deviations[0].to_string(), message);
        // Strict mode flags it.
        let bytes = std::fs::read(fixture_dir(SCHEMA).join(format!("{old}.json"))).unwrap();
        let error = Event::from_slice_strict(&bytes).expect_err("strict mode rejects a 1.0 name");
        assert_eq!(error.event_type(), Some(old));
        assert_eq!(error.path().to_string(), "$.eventType");
        // The same accessors as the 2.0 event.
        assert_eq!(event.instance_id(), Some("report-test-2"), "{old}");
        assert!(event.contact_id().is_some_and(|id| id.starts_with("job-")), "{old}");
        assert!(event.agent_id().is_some(), "{old}");
        // Read as the 2.0 event, the same bytes give the same fields and no deviation.
        if let Some(new) = &new {
            let current = event.to_2_0().expect("a renamed event has a 2.0 form");
            assert_eq!(&current.event_type(), new);
            assert_eq!(
                serde_json::to_value(&current).unwrap(),
                serde_json::to_value(&event).unwrap()
            );
            let as_2_0 = String::from_utf8(bytes).unwrap().replace(old, new.as_str());
            let parsed = Event::from_str(&as_2_0).unwrap();
            assert!(parsed.deviations().is_empty(), "{new}: {:?}", parsed.deviations());
        } else {
            assert!(event.to_2_0().is_none());
        }
    }
    let Event::CallReleased(released) = fixture("CallReleased") else {
        panic!("not CallReleased")
    };
    assert_eq!(released.release_reason.get().and_then(|r| r.sip_code()), Some(200));
    let Event::CallAbandoned(abandoned) = fixture("CallAbandoned") else {
        panic!("not CallAbandoned")
    };
    assert_eq!(abandoned.abandon_phase.get(), Some(&AbandonPhase::Ivr));
}

#[test]
fn the_1_0_names_convert_to_the_kinds_of_their_2_0_events() {
    use cc_events::common::{AgentState, ConvertOptions, EventKind};
    let options = ConvertOptions::default();
    for (old, new) in [
        ("CallEstablished", "Established-OUTBOUND"),
        ("CallReleased", "Released-busy"),
        ("CallHeld", "Held"),
        ("CallRetrieved", "Retrieved"),
        ("CallAbandoned", "Abandoned"),
    ] {
        let old_common = fixture(old).to_common(&options);
        let new_common = fixture(new).to_common(&options);
        assert_eq!(old_common.kind, new_common.kind, "{old}");
        assert_ne!(old_common.kind, EventKind::Other, "{old}");
        assert_eq!(old_common.vendor_event_type, old, "the vendor's type is kept as sent");
        assert_eq!(
            old_common.party.as_ref().map(|p| p.role.clone()),
            new_common.party.as_ref().map(|p| p.role.clone())
        );
        assert_eq!(old_common.call_id, new_common.call_id);
    }
    let acw = fixture("AgentACW").to_common(&options);
    assert_eq!(acw.kind, EventKind::AgentWorkingAfterCall);
    assert_eq!(acw.agent_state, Some(AgentState::WorkingAfterCall));
    assert_eq!(acw.agent_id.as_deref(), Some("test@report-test-2"));
    assert_eq!(acw.vendor_event_type, "AgentACW");
}

#[test]
fn every_documented_enum_value_is_parsed_from_a_fixture() {
    let paths = fixtures(SCHEMA);
    let sets: [(&str, &[&str]); 9] = [
        ("callType", CallType::KNOWN_VALUES),
        ("scenario", Scenario::KNOWN_VALUES),
        ("abandonPhase", AbandonPhase::KNOWN_VALUES),
        ("queueType", QueueType::KNOWN_VALUES),
        ("channelType", ChannelType::KNOWN_VALUES),
        ("flowType", FlowType::KNOWN_VALUES),
        ("nodeType", NodeType::KNOWN_VALUES),
        ("nodeExitCode", NodeExitCode::KNOWN_VALUES),
        ("nodeAction", NodeAction::KNOWN_VALUES),
    ];
    assert_eq!(CallType::KNOWN.len(), 11);
    assert_eq!(Scenario::KNOWN.len(), 9);
    assert_eq!(NodeType::KNOWN.len(), 8);
    for (key, known) in sets {
        assert_every_value_in_fixtures(&paths, key, known);
    }
    assert_every_value_in_fixtures(&paths, "nodeExitCode", &["Branch-A", "Branch-B", "Branch-C"]);
    // A fixture that carries a documented value reports no undocumented value there: the
    // typed parse took it as a variant.
    for path in &paths {
        let (_, event) = parse(path);
        for deviation in event.deviations() {
            if let DeviationKind::UndocumentedValue { value, .. } = &deviation.kind {
                assert!(
                    path.to_string_lossy().contains("unknown"),
                    "{}: {deviation}",
                    path.display()
                );
                assert!(!CallType::from(value.as_str()).is_known());
            }
        }
    }
}

#[test]
fn node_exit_code_branch_family_is_open_ended() {
    let Event::IvrTracking(ivr) = fixture("IvrTracking-BRANCH-Branch-D") else {
        panic!("not IvrTracking")
    };
    let code = ivr.node_exit_code.get().expect("a node exit code");
    assert_eq!(code, &NodeExitCode::Branch("Branch-D".into()));
    assert_eq!(code.branch_label(), Some("D"));
}

#[test]
fn common_accessors() {
    let event = fixture("Released");
    assert_eq!(event.instance_id(), Some("report-test-2"));
    assert!(event.contact_id().is_some_and(|id| id.starts_with("job-")));
    assert_eq!(event.agent_id(), Some("agent@report-test-2"));
    let time = event.event_time().and_then(|time| time.parse());
    assert!(matches!(time, Some(WallTime::Utc(_))));
    let checkin = fixture("AgentCheckIn");
    assert!(checkin.agent_id().is_some());
    assert_eq!(checkin.contact_id(), None);
    let ivr = fixture("IvrTracking");
    assert!(ivr.contact_id().is_some());
    let unknown = fixture("AgentHeartbeat-unknown-type");
    assert_eq!(unknown.event_type(), EventType::Unknown("AgentHeartbeat".into()));
    assert_eq!(unknown.instance_id(), Some("report-test-2"));
    assert_eq!(unknown.deviations().len(), 1);
}

#[test]
fn skill_levels_read_alike_as_array_or_string() {
    let levels = |name: &str| match fixture(name) {
        Event::AgentCheckIn(event) => event.skill_levels(),
        other => panic!("{name}: {other:?}"),
    };
    let array = levels("AgentCheckIn");
    assert_eq!(array.len(), 2);
    assert_eq!(array[0].skill_level.get().and_then(|level| level.as_u64()), Some(5));
    let text = levels("AgentCheckIn-skilllevels-string");
    assert_eq!(text.len(), array.len());
    assert!(text.iter().all(|level| level.skill_group_id.as_str().is_some()));
}

#[test]
fn embedded_objects_read_alike_as_object_or_string() {
    for name in [
        "IvrTracking",
        "IvrTracking-properties-string",
        "IvrTracking-variables-string",
    ] {
        let Event::IvrTracking(ivr) = fixture(name) else {
            panic!("{name}")
        };
        for field in [&ivr.node_properties, &ivr.node_variables, &ivr.channel_variables] {
            if field.is_present() {
                assert!(field.get().and_then(|f| f.decode()).is_some(), "{name}: {field:?}");
            }
        }
    }
}

#[test]
fn flags_and_offsets_accept_numbers_and_strings() {
    for name in ["TextStream", "TextStream-numbers-as-strings"] {
        let Event::TextStream(text) = fixture(name) else {
            panic!("{name}")
        };
        assert!(text.is_final().is_some(), "{name}");
        assert!(text.begin_offset_ms.get().and_then(|n| n.as_u64()).is_some(), "{name}");
        assert!(
            text.extra_info.get().and_then(|info| info.get("speechRate")).is_some(),
            "{name}"
        );
    }
    for name in [
        "AgentReady",
        "AgentReady-outboundscenario-string",
        "AgentReady-outbound-only",
    ] {
        let Event::AgentReady(ready) = fixture(name) else {
            panic!("{name}")
        };
        assert!(ready.is_outbound_only().is_some(), "{name}");
    }
}

#[test]
fn supervision_roles_depend_on_the_event_type() {
    let monitor = fixture("StartMonitor");
    let Event::StartMonitor(event) = &monitor else { panic!() };
    assert_eq!(event.supervised(&monitor.event_type()), event.agent.agent_id.as_str());
    assert_eq!(event.supervisor(&monitor.event_type()), event.counterparty.as_str());
    let coach = fixture("StartCoach");
    let Event::StartCoach(event) = &coach else { panic!() };
    assert_eq!(event.supervisor(&coach.event_type()), event.agent.agent_id.as_str());
}

#[test]
fn release_reason_gives_the_sip_code() {
    let Event::Released(released) = fixture("Released-busy") else {
        panic!()
    };
    assert_eq!(released.release_reason.get().and_then(|r| r.sip_code()), Some(486));
}

#[test]
fn case_fixtures_report_their_deviations_at_the_right_path() {
    let paths = |name: &str| -> Vec<String> { fixture(name).deviations().iter().map(|d| d.path.to_string()).collect() };
    let unknown_field = paths("Established-unknown-field");
    assert!(!unknown_field.is_empty());
    assert!(
        paths("AgentCheckIn-unknown-nested-field")
            .iter()
            .any(|p| p.starts_with("$.skillLevels["))
    );
    assert!(paths("Enqueue-unknown-enum").contains(&"$.queueType".to_owned()));
    let nulls = fixture("Released-null");
    let Event::Released(released) = &nulls else { panic!() };
    assert!(released.call.additional_broker.is_null());
    assert!(
        nulls
            .deviations()
            .iter()
            .all(|d| matches!(d.kind, DeviationKind::Null { .. }))
    );
    let strict =
        Event::from_slice_strict(&std::fs::read(fixture_dir(SCHEMA).join("Enqueue-unknown-enum.json")).unwrap());
    let error = strict.expect_err("strict parsing rejects an undocumented value");
    assert_eq!(error.event_type(), Some("Enqueue"));
    assert!(error.path().to_string().starts_with("$."));
}

#[test]
fn a_field_of_an_unexpected_type_is_kept_and_reported() {
    let bytes =
        br#"{"eventType":"Released","eventTime":"2021-04-14T02:34:00Z","callee":13888888888,"releaseReason":["x"]}"#;
    let event = Event::from_slice(bytes).expect("unexpected types do not fail the event");
    assert_round_trip(bytes, &event, "mixed types");
    let Event::Released(released) = &event else { panic!() };
    assert_eq!(
        released.call.callee,
        Field::Unexpected(serde_json::json!(13888888888u64))
    );
    let found: Vec<String> = event.deviations().iter().map(ToString::to_string).collect();
    assert_eq!(
        found,
        [
            "$.callee: expected a string, found a number",
            "$.releaseReason: expected a release reason such as \"200 - Okay\", found an array"
        ]
    );
}

#[test]
fn keys_before_the_discriminator_and_duplicates_are_kept() {
    let bytes = br#"{"callee":"1","x":{"y":[1,2]},"eventType":"Held","heldChannelId":"a","heldChannelId":"b"}"#;
    let event = Event::from_slice(bytes).expect("parses");
    let value: serde_json::Value = serde_json::from_slice(bytes).unwrap();
    assert_eq!(serde_json::to_value(&event).unwrap(), value);
    let Event::Held(held) = event else { panic!() };
    assert_eq!(
        held.held_channel_id.as_str(),
        Some("b"),
        "last wins, as in serde_json::Value"
    );
}

#[test]
fn invalid_payloads_give_errors_that_say_where() {
    for path in invalid_fixtures(SCHEMA) {
        let bytes = std::fs::read(&path).unwrap();
        let error = Event::from_slice(&bytes).expect_err("an invalid fixture must fail");
        insta::assert_snapshot!(format!("invalid-{}", stem(&path)), error.to_string());
    }
    let error = Event::from_slice(b"{\"eventType\": 7}").unwrap_err();
    assert!(matches!(error.kind(), ErrorKind::InvalidDiscriminator { .. }));
    assert_eq!(error.path().to_string(), "$.eventType");
    let error = Event::from_slice(b"[]").unwrap_err();
    assert!(matches!(error.kind(), ErrorKind::NotAnObject { .. }));
    let error = Event::from_slice(b"{\"a\":1}").unwrap_err();
    assert!(matches!(error.kind(), ErrorKind::MissingDiscriminator { .. }));
    assert_eq!(error.schema(), Some(cc_events::Schema::AliyunV2));
}
