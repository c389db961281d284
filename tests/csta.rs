//! csta: every fixture round-trips and is snapshotted; every documented value parses; the case
//! fixtures report exactly their deviations; the accessors read the odd forms.
#![cfg(feature = "csta")]

mod support;

use cc_events::ErrorKind;
use cc_events::common::{
    AgentState, CauseCode, CommonEvent, ConnectionState, ConvertOptions, Direction, DivertMode, EventKind, PartyRole,
    TimeSource, TransferMode, Vendor,
};
use cc_events::csta::{
    AgentMode, AgentStatus, CallRef, Event, EventCategory, EventCause, EventSource, EventType, LocalState,
};
use cc_events::wire::{DeviationKind, Field, WallTime};
use chrono::{FixedOffset, TimeZone, Utc};
use serde_json::{Value, json};
use support::*;

const SCHEMA: &str = "csta";

fn parse(path: &std::path::Path) -> (Vec<u8>, Event) {
    parse_fixture(path)
}

fn fixture(name: &str) -> Event {
    fixture_event(SCHEMA, name)
}

fn fixture_json(name: &str) -> Value {
    fixture_json_of(SCHEMA, name)
}

fn deviations(name: &str) -> Vec<String> {
    fixture(name).deviations().iter().map(ToString::to_string).collect()
}

fn east8() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("a valid offset")
}

#[test]
fn every_fixture_round_trips_and_matches_its_snapshot() {
    insta::glob!("../fixtures/csta", "*.json", |path| {
        insta::assert_snapshot!(typed_snapshot::<Event>(path));
    });
}

#[test]
fn every_fixture_parses_as_the_type_it_is_named_after() {
    assert_eq!(fixtures(SCHEMA).len(), 42, "fixtures of fixtures/csta");
    assert_fixtures_are_of_the_type_they_are_named_after::<Event>(SCHEMA, EventType::KNOWN_VALUES);
}

#[test]
fn every_event_type_has_a_clean_fixture_and_a_variant() {
    assert_eq!(EventType::KNOWN.len(), 25);
    assert_eq!(EventType::KNOWN.iter().filter(|t| t.is_documented()).count(), 17);
    assert_eq!(EventType::KNOWN.iter().filter(|t| t.is_ecma_addition()).count(), 8);
    for event_type in EventType::KNOWN {
        let event = fixture(event_type.as_str());
        assert_eq!(&event.event_type(), event_type);
        assert!(!matches!(event, Event::Unknown(_)), "{event_type} parsed as Unknown");
        assert!(event.deviations().is_empty(), "{event_type}: {:?}", event.deviations());
        let expected = if event_type.as_str().starts_with("agent") {
            EventCategory::Agent
        } else {
            EventCategory::Csta
        };
        assert_eq!(event.category(), Some(expected), "{event_type}");
    }
}

/// Parses `base` with `key` set to each of `values`, through the real parser, and hands back
/// the events.
fn with_each_value(base: &str, key: &str, values: &[&str]) -> Vec<Event> {
    let mut payload = fixture_json(base);
    values
        .iter()
        .map(|value| {
            payload[key] = json!(value);
            let bytes = serde_json::to_vec(&payload).expect("serialisable");
            let event = Event::from_slice(&bytes).expect("parses");
            assert_round_trip(&bytes, &event, &format!("{base} with {key} {value}"));
            assert!(event.deviations().is_empty(), "{key} {value}: {:?}", event.deviations());
            event
        })
        .collect()
}

#[test]
fn every_documented_enum_value_parses_as_a_known_variant() {
    assert_eq!(AgentMode::KNOWN.len(), 6);
    assert_eq!(LocalState::KNOWN.len(), 8);
    assert_eq!(AgentStatus::KNOWN.len(), 14);
    assert_eq!(EventCause::KNOWN.len(), 120);
    assert_eq!(EventCategory::KNOWN.len(), 2);

    let modes = with_each_value("agentReady", "agentMode", AgentMode::KNOWN_VALUES);
    for (event, value) in modes.iter().zip(AgentMode::KNOWN_VALUES) {
        let mode = event.agent_mode().expect("an agent mode");
        assert!(mode.is_known(), "{value}");
        assert_eq!(mode.as_str(), *value);
    }
    let states = with_each_value("held", "localState", LocalState::KNOWN_VALUES);
    for (event, value) in states.iter().zip(LocalState::KNOWN_VALUES) {
        let state = event.local_state().expect("a local state");
        assert!(state.is_known(), "{value}");
        assert_eq!(state.as_str(), *value);
    }
    let statuses = with_each_value("established", "agentStatus", AgentStatus::KNOWN_VALUES);
    for (event, value) in statuses.iter().zip(AgentStatus::KNOWN_VALUES) {
        let Event::Established(established) = event else {
            panic!("not established")
        };
        let status = established.call.agent_status.get().expect("an agent status");
        assert!(status.is_known(), "{value}");
        assert_eq!(status.as_str(), *value);
    }
    let causes = with_each_value("connectionCleared", "cause", EventCause::KNOWN_VALUES);
    for (event, value) in causes.iter().zip(EventCause::KNOWN_VALUES) {
        let cause = event.cause().expect("a cause");
        assert!(cause.is_known(), "{value}");
        assert_eq!(cause.as_str(), *value);
    }
    let categories = with_each_value("agentReady", "eventType", EventCategory::KNOWN_VALUES);
    for (event, value) in categories.iter().zip(EventCategory::KNOWN_VALUES) {
        assert_eq!(event.category().map(|c| c.as_str().to_owned()).as_deref(), Some(*value));
    }
}

#[test]
fn the_values_the_samples_use_are_variants_in_the_fixtures() {
    let paths = fixtures(SCHEMA);
    assert_every_value_in_fixtures(
        &paths,
        "agentMode",
        &["Ready", "NotReady", "WorkNotReady", "Logout", "Allocated"],
    );
    assert_every_value_in_fixtures(
        &paths,
        "localState",
        &["Connect", "Initiate", "Alerting", "Hold", "None", "Queued", "Fail"],
    );
    assert_every_value_in_fixtures(&paths, "eventType", EventCategory::KNOWN_VALUES);
    assert_eq!(fixture("agentAllocated").agent_mode(), Some(&AgentMode::Allocated));
    assert_eq!(fixture("diverted").local_state(), Some(&LocalState::NoConnection));
    // Outside the case fixtures, no fixture carries an undocumented value.
    for path in &paths {
        let (_, event) = parse(path);
        for deviation in event.deviations() {
            if let DeviationKind::UndocumentedValue { .. } = &deviation.kind {
                let name = stem(path);
                assert!(
                    ["-undocumented-enum", "-casing", "-dialing", "-unknown-event"]
                        .iter()
                        .any(|case| name.contains(case)),
                    "{name}: {deviation}"
                );
            }
        }
    }
}

#[test]
fn case_fixtures_report_exactly_their_deviations() {
    assert_eq!(
        deviations("delivered-unknown-field"),
        ["$.vipLevel: undocumented field"]
    );
    assert_eq!(
        deviations("agentReady-undocumented-enum"),
        ["$.agentMode: undocumented AgentMode value \"Busy\""]
    );
    assert_eq!(
        deviations("established-null"),
        [
            "$.userData: expected an object, found null",
            "$.sipCallId: expected a string, found null"
        ]
    );
    assert_eq!(
        deviations("held-number-as-string"),
        ["$.serial: expected an integer, found a string"]
    );
    assert_eq!(
        deviations("delivered-string-as-number"),
        ["$.trunkGroup: expected a string, found a number"]
    );
    assert_eq!(
        deviations("connectionCleared-cause-casing"),
        ["$.cause: undocumented EventCause value \"NORMAL_CLEARING\""]
    );
    assert_eq!(
        deviations("delivered-cause-casing"),
        ["$.cause: undocumented EventCause value \"NEWCALL\""]
    );
    assert_eq!(
        deviations("originated-agentStatus-dialing"),
        ["$.agentStatus: undocumented AgentStatus value \"Dialing\""]
    );
    assert_eq!(
        deviations("held-time-format"),
        ["$.eventTime: expected a local time such as 2021.01.08 11:27:42, found \"2017-03-18 14:37:57\""]
    );
    assert_eq!(
        deviations("agentBusy-unknown-event"),
        ["$.eventName: undocumented event type value \"agentBusy\""]
    );
}

#[test]
fn case_fixtures_keep_their_values_in_typed_form() {
    let Event::Delivered(delivered) = fixture("delivered-unknown-field") else {
        panic!("not delivered")
    };
    assert_eq!(delivered.extra.get("vipLevel"), Some(&json!("gold")));

    let Event::Established(established) = fixture("established-null") else {
        panic!("not established")
    };
    assert!(established.route.user_data.is_null());
    assert!(established.sip_call_id.is_null());
    assert!(established.route.split.is_absent());

    let Event::Delivered(delivered) = fixture("delivered-string-as-number") else {
        panic!("not delivered")
    };
    assert_eq!(delivered.route.trunk_group, Field::Unexpected(json!(1)));

    let held = fixture("held-number-as-string");
    assert_eq!(held.serial(), Some(121511));
    assert_eq!(fixture("held").serial(), Some(121511));

    let mode = fixture("agentReady-undocumented-enum");
    assert_eq!(mode.agent_mode(), Some(&AgentMode::Unknown("Busy".into())));
    assert_eq!(mode.agent_mode().and_then(AgentMode::standard), None);

    let unknown = fixture("agentBusy-unknown-event");
    assert_eq!(unknown.event_type(), EventType::Unknown("agentBusy".into()));
    assert!(matches!(unknown, Event::Unknown(_)));
    assert!(unknown.extra().is_none());
    assert_eq!(unknown.namespace(), Some("zhen04.cc"));
    assert_eq!(unknown.agent_id(), Some("5002@zhen04.cc"));
    assert_eq!(unknown.device_id(), Some("8002@zhen04.cc"));
    assert_eq!(unknown.serial(), Some(11050830));
    assert_eq!(unknown.category(), Some(EventCategory::Agent));
    assert_eq!(unknown.agent_mode(), None);
}

#[test]
fn other_casings_are_kept_and_resolve_to_the_standard_value() {
    let cleared = fixture("connectionCleared-cause-casing");
    let cause = cleared.cause().expect("a cause");
    assert_eq!(cause, &EventCause::Unknown("NORMAL_CLEARING".into()));
    assert_eq!(cause.standard(), Some(EventCause::NormalClearing));
    assert_eq!(cause.standard().and_then(|c| c.ecma_code()), Some(48));
    let delivered = fixture("delivered-cause-casing");
    assert_eq!(
        delivered.cause().and_then(EventCause::standard),
        Some(EventCause::NewCall)
    );
    let Event::Originated(originated) = fixture("originated-agentStatus-dialing") else {
        panic!("not originated")
    };
    let status = originated.call.agent_status.get().expect("a status");
    assert_eq!(status, &AgentStatus::Unknown("Dialing".into()));
    assert_eq!(status.standard(), Some(AgentStatus::Dialing));
    assert_eq!(AgentStatus::Dialing.as_str(), "Dailing");
}

#[test]
fn strict_parsing_rejects_any_deviation_and_accepts_the_samples() {
    let read = |name: &str| std::fs::read(fixture_dir(SCHEMA).join(format!("{name}.json"))).expect("readable");
    for name in ["delivered", "transferred", "agentAllocated", "recordStarted", "queued"] {
        assert!(Event::from_slice_strict(&read(name)).is_ok(), "{name}");
    }
    let error = Event::from_slice_strict(&read("held-number-as-string")).expect_err("a string serial deviates");
    assert_eq!(error.event_type(), Some("held"));
    assert_eq!(error.path().to_string(), "$.serial");
    assert_eq!(error.deviations().len(), 1);
    assert_eq!(
        error.to_string(),
        "csta event held at $.serial: deviates from the documentation: expected an integer, found a string"
    );
    let error = Event::from_slice_strict(&read("agentBusy-unknown-event")).expect_err("an unknown event type");
    assert_eq!(error.path().to_string(), "$.eventName");
}

#[test]
fn time_is_local_text_resolved_with_an_offset() {
    let event = fixture("established");
    assert_eq!(event.event_time().map(|t| t.as_str()), Some("2017.03.18 14:13:36"));
    assert!(matches!(
        event.event_time().and_then(|t| t.parse()),
        Some(WallTime::Local(_))
    ));
    let expected = Utc.with_ymd_and_hms(2017, 3, 18, 6, 13, 36).single();
    assert_eq!(event.utc_time(east8()), expected);
    let odd = fixture("held-time-format");
    assert_eq!(odd.event_time().map(|t| t.as_str()), Some("2017-03-18 14:37:57"));
    assert_eq!(odd.utc_time(east8()), None);
}

#[test]
fn ids_and_devices_split_into_their_parts() {
    let event = fixture("serviceInitiated");
    assert_eq!(event.call_id(), Some("37db6efe-57cc-4053-b0ce-24c96eba66b0"));
    assert_eq!(event.device_id(), Some("8001@zhen04.cc"));
    assert_eq!(event.src_device_id(), Some("8001@zhen04.cc"));
    assert_eq!(event.namespace(), Some("zhen04.cc"));
    assert_eq!(event.serial(), Some(121019));
    let connection = event.connection_id().expect("a connection id");
    assert_eq!(connection.device(), Some("8001@zhen04.cc"));
    assert_eq!(connection.call_id(), event.call_id());
    let Event::ServiceInitiated(initiated) = &event else {
        panic!("not serviceInitiated")
    };
    let device = initiated.initiated_device.get().expect("a device");
    assert_eq!(
        (device.extension(), device.namespace()),
        (Some("8001"), Some("zhen04.cc"))
    );

    let logged_on = fixture("agentLoggedOn");
    assert_eq!(logged_on.agent_id(), Some("5002@zhen04.cc"));
    assert_eq!(logged_on.device_id(), Some("8002@zhen04.cc"));
    assert_eq!(logged_on.call_id(), None);
    let Event::AgentLoggedOn(agent) = &logged_on else {
        panic!("not agentLoggedOn")
    };
    let voice = agent.agent.devices.get().and_then(|devices| devices.voice.get());
    assert_eq!(voice.and_then(|voice| voice.extension()), Some("8002"));
    let Event::AgentLoggedOn(model) = fixture("agentLoggedOn-model") else {
        panic!("not agentLoggedOn")
    };
    assert_eq!(model.queue_id.as_str(), Some("7000@zhen04.cc"));

    let started = fixture("recordStarted");
    assert_eq!(started.call_id(), Some("7829daaf-9694-4566-be58-1ac1b02f9a19"));
    assert_eq!(started.device_id(), Some("8009@bzkun.cc"));
    assert_eq!(started.src_device_id(), None);
    let stopped = fixture("recordStopped");
    assert_eq!((stopped.call_id(), stopped.device_id()), (None, None));
    let Event::RecordStopped(stop) = &stopped else {
        panic!("not recordStopped")
    };
    assert_eq!(stop.record.is_success.get(), Some(&true));
    assert_eq!(
        stop.record.record_id.as_str(),
        Some("c0c27573-2908-4597-82d9-ea224804c1ae")
    );
}

#[test]
fn event_source_is_a_string_in_samples_and_an_object_in_models() {
    let Event::Delivered(sample) = fixture("delivered") else {
        panic!("not delivered")
    };
    let source = sample.common.event_src.get().expect("an event source");
    assert_eq!(source.device().map(|d| d.as_str()), Some("8100@welljoint.cc"));
    let Event::Delivered(model) = fixture("delivered-model") else {
        panic!("not delivered")
    };
    let source = model.common.event_src.get().expect("an event source");
    assert!(matches!(source, EventSource::Object(_)));
    assert_eq!(
        source.object().and_then(|o| o.get("deviceId")),
        Some(&json!("8100@welljoint.cc"))
    );
    assert!(
        fixture("agentReady")
            .group::<cc_events::csta::CommonFields>()
            .is_some_and(|c| c.event_src.is_absent())
    );
}

#[test]
fn delivered_reads_cause_and_original_numbers_from_either_place() {
    let sample = fixture("delivered");
    assert_eq!(sample.cause(), Some(&EventCause::NewCall));
    let Event::Delivered(delivered) = &sample else {
        panic!("not delivered")
    };
    assert!(delivered.call_cause.is_absent());
    assert!(delivered.origin_dnis.is_absent());
    assert_eq!(delivered.origin_dnis(), Some("5484"));
    assert_eq!(
        delivered.original_call_id(),
        Some("5d0727a2-3c92-11e8-bbcd-33878bfda0e8")
    );
    let user_data = delivered.route.user_data.get().expect("user data");
    assert_eq!(user_data.original_ani(), Some("33255500@welljoint.cc"));
    assert_eq!(user_data.original_dnis(), Some("8100@welljoint.cc"));
    assert_eq!(
        delivered.route.split.get().map(|s| s.as_str()),
        Some("7000@welljoint.cc")
    );
    assert_eq!(delivered.route.trunk_group.as_str(), Some("1"));

    let model = fixture("delivered-model");
    assert_eq!(
        model.cause(),
        Some(&EventCause::NewCall),
        "callCause when cause is absent"
    );
    let Event::Delivered(delivered) = &model else {
        panic!("not delivered")
    };
    assert!(delivered.call.cause.is_absent());
    assert_eq!(delivered.origin_dnis.as_str(), Some("5484"));
    assert_eq!(
        delivered.last_redirection_device.get().map(|d| d.as_str()),
        Some("7000@welljoint.cc")
    );
    assert_eq!(delivered.call.agent_status.get(), Some(&AgentStatus::OnCallIn));
    let origin = delivered.call.origin_call_info.get().expect("origin call info");
    assert!(!origin.is_empty());
    assert_eq!(
        origin.calling_device.get().map(|d| d.as_str()),
        Some("33255500@welljoint.cc")
    );
    assert_eq!(delivered.common.property_names.get().map(Vec::len), Some(2));
    assert_eq!(
        delivered
            .common
            .event_topics
            .get()
            .and_then(|topics| topics.first())
            .and_then(Field::as_str),
        Some("csta")
    );

    let internal = fixture("delivered-sample2");
    assert_eq!(internal.cause(), None);
    let Event::Delivered(delivered) = &internal else {
        panic!("not delivered")
    };
    assert_eq!((delivered.origin_dnis(), delivered.original_call_id()), (None, None));
}

#[test]
fn old_calls_of_zero_mean_none() {
    let Event::Transferred(single) = fixture("transferred") else {
        panic!("not transferred")
    };
    assert_eq!(single.calls.primary_old_call.get(), Some(&CallRef("0".into())));
    assert_eq!(single.calls.held_call(), None);
    assert_eq!(single.calls.after_consultation(), Some(false));
    assert_eq!(
        single.calls.resulting_call(),
        Some("10549a5f-41c8-4309-a1ad-faa61c8f3777")
    );
    assert!(single.call.origin_call_info.get().is_some_and(|info| info.is_empty()));
    assert_eq!(single.call.local_state.get(), Some(&LocalState::Queued));

    let Event::Transferred(consulted) = fixture("transferred-consultation") else {
        panic!("not transferred")
    };
    assert_eq!(
        consulted.calls.held_call(),
        Some("10549a5f-41c8-4309-a1ad-faa61c8f3777")
    );
    assert_eq!(
        consulted.calls.active_call(),
        Some("6a1f2b3c-4d5e-4f60-8172-93a4b5c6d7e8")
    );
    assert_eq!(consulted.calls.after_consultation(), Some(true));

    let Event::Conferenced(conference) = fixture("conferenced") else {
        panic!("not conferenced")
    };
    assert_eq!(conference.calls.after_consultation(), Some(false));
    assert_eq!(
        conference.conferencing_device.get().map(|d| d.as_str()),
        Some("8001@zhen04.cc")
    );
}

#[test]
fn subject_device_says_whether_this_copy_is_about_the_subscriber() {
    let cases = [
        ("delivered", Some(true)),
        ("delivered-sample2", Some(true)),
        ("established", Some(true)),
        ("connectionCleared", Some(true)),
        ("held", Some(true)),
        ("retrieved", Some(true)),
        ("serviceInitiated", Some(true)),
        ("originated", Some(true)),
        ("transferred", Some(true)),
        ("conferenced", Some(false)),
        ("agentReady", Some(true)),
        ("recordStarted", None),
        ("recordStopped", None),
        ("callCleared", None),
        ("queued", Some(true)),
        ("failed", Some(false)),
        ("offered", Some(true)),
        ("agentBusy-unknown-event", None),
    ];
    for (name, expected) in cases {
        assert_eq!(fixture(name).is_subscriber_subject(), expected, "{name}");
    }
    assert_eq!(fixture("conferenced").subject_device(), Some("8003@zhen04.cc"));
    assert_eq!(fixture("networkReached").subject_device(), Some("trunk1@zhen04.cc"));
    assert_eq!(fixture("digitsDialed").subject_device(), Some("8001@zhen04.cc"));
}

#[test]
fn ecma_events_carry_the_standard_fields() {
    let Event::Queued(queued) = fixture("queued") else {
        panic!("not queued")
    };
    assert_eq!(queued.number_queued.get().and_then(|n| n.as_u64()), Some(3));
    assert_eq!(queued.calls_in_front.get().and_then(|n| n.as_u64()), Some(2));
    assert_eq!(queued.queue.get().map(|q| q.as_str()), Some("7000@zhen04.cc"));
    assert_eq!(fixture("failed").cause(), Some(&EventCause::Busy));
    assert_eq!(fixture("failed").local_state(), Some(&LocalState::Fail));
    let Event::Diverted(diverted) = fixture("diverted") else {
        panic!("not diverted")
    };
    assert_eq!(
        diverted.new_destination.get().map(|d| d.as_str()),
        Some("8003@zhen04.cc")
    );
    let cleared = fixture("callCleared");
    assert_eq!(cleared.call_id(), Some("4b0d5e2a-8f3c-4d7e-9a61-2c5f7b9e1d03"));
    assert_eq!((cleared.device_id(), cleared.connection_id()), (None, None));
    assert_eq!(cleared.cause(), Some(&EventCause::NormalClearing));
    let Event::DigitsDialed(dialed) = fixture("digitsDialed") else {
        panic!("not digitsDialed")
    };
    assert_eq!(dialed.dialing_sequence.as_str(), Some("8002"));
    let old_name = br#"{"eventName":"networkReached","trunkUsed":"trunk2@zhen04.cc"}"#;
    let Event::NetworkReached(reached) = Event::from_slice(old_name).expect("parses") else {
        panic!("not networkReached")
    };
    assert_eq!(reached.trunk().map(|t| t.as_str()), Some("trunk2@zhen04.cc"));
}

#[test]
fn a_field_of_an_unexpected_type_is_kept_and_reported() {
    let bytes = br#"{"eventName":"established","serial":1.5,"answeringDevice":8002,"devices":"x",
        "connectionId":"8002@zhen04.cc","eventSrc":[1],"propertyNames":["a",2],"isSuccess":true}"#;
    let event = Event::from_slice(bytes).expect("unexpected types do not fail the event");
    assert_round_trip(bytes, &event, "mixed types");
    let Event::Established(established) = &event else {
        panic!("not established")
    };
    assert_eq!(established.answering_device, Field::Unexpected(json!(8002)));
    assert_eq!(event.serial(), None);
    assert_eq!(event.connection_id().and_then(|c| c.call_id()), None);
    let found: Vec<String> = event.deviations().iter().map(ToString::to_string).collect();
    assert_eq!(
        found,
        [
            "$.eventSrc: expected a device id or an object, found an array",
            "$.serial: expected an integer, found \"1.5\"",
            "$.propertyNames[1]: expected a string, found a number",
            "$.connectionId: expected a connection id such as 8001@zhen04.cc|37db6efe, found \"8002@zhen04.cc\"",
            "$.answeringDevice: expected a string, found a number",
            "$.devices: undocumented field",
            "$.isSuccess: undocumented field",
        ]
    );
}

#[test]
fn keys_before_the_discriminator_and_nested_unknown_keys_are_kept() {
    let bytes = br#"{"serial":1,"devices":{"Voice":"8002@zhen04.cc","Chat":"c1"},"eventName":"agentReady",
        "agentMode":"Ready","agentMode":"NotReady"}"#;
    let event = Event::from_slice(bytes).expect("parses");
    let value: Value = serde_json::from_slice(bytes).expect("JSON");
    assert_eq!(serde_json::to_value(&event).expect("serialises"), value);
    assert_eq!(
        event.agent_mode(),
        Some(&AgentMode::NotReady),
        "last wins, as in serde_json::Value"
    );
    let found: Vec<String> = event.deviations().iter().map(ToString::to_string).collect();
    assert_eq!(
        found,
        [
            "$.devices.Chat: undocumented field",
            "$.agentMode: the key comes more than once (the last value is kept)"
        ]
    );
}

#[test]
fn invalid_payloads_give_errors_that_say_where() {
    let invalid = invalid_fixtures(SCHEMA);
    assert_eq!(invalid.len(), 5);
    for path in invalid {
        let bytes = std::fs::read(&path).expect("readable");
        let error = Event::from_slice(&bytes).expect_err("an invalid fixture must fail");
        assert_eq!(error.schema(), Some(cc_events::Schema::Csta));
        insta::assert_snapshot!(format!("invalid-{}", stem(&path)), error.to_string());
    }
    let published = std::fs::read(fixture_dir(SCHEMA).join("invalid/recordStarted.json")).expect("readable");
    let error = Event::from_slice(&published).expect_err("the published recordStarted is not JSON");
    assert!(matches!(error.kind(), ErrorKind::Syntax(_)));
    assert_eq!(error.event_type(), Some("recordStarted"));
    let error = Event::from_slice(br#"{"eventName": 7}"#).expect_err("not a string");
    assert!(matches!(error.kind(), ErrorKind::InvalidDiscriminator { .. }));
    assert_eq!(error.path().to_string(), "$.eventName");
    let error = Event::from_slice(b"[]").expect_err("not an object");
    assert!(matches!(error.kind(), ErrorKind::NotAnObject { .. }));
    let error = Event::from_slice(br#"{"eventType":"csta"}"#).expect_err("no eventName");
    assert!(matches!(
        error.kind(),
        ErrorKind::MissingDiscriminator { key: "eventName", .. }
    ));
}

// ---- conversion into the common vocabulary ----

fn convert(name: &str) -> CommonEvent {
    fixture(name).to_common(&ConvertOptions::default())
}

/// Parses `base` with `key` set to `value` and converts it.
fn convert_with(base: &str, key: &str, value: Value) -> CommonEvent {
    let mut payload = fixture_json(base);
    payload[key] = value;
    let bytes = serde_json::to_vec(&payload).expect("serialisable");
    Event::from_slice(&bytes)
        .expect("parses")
        .to_common(&ConvertOptions::default())
}

#[test]
fn every_fixture_converts_with_its_event_name_kept() {
    let received = Utc
        .with_ymd_and_hms(2024, 1, 2, 3, 4, 5)
        .single()
        .expect("a valid time");
    let options = ConvertOptions::default().with_received_at(received);
    let paths = fixtures(SCHEMA);
    assert_eq!(paths.len(), 42);
    for path in paths {
        let (_, event) = parse(&path);
        let common = event.to_common(&options);
        let name = path.display().to_string();
        assert_eq!(common.vendor, Vendor::Csta, "{name}");
        assert_eq!(common.vendor_event_type, event.event_type().as_str(), "{name}");
        assert_eq!(common.vendor_event_type, named_type(&path), "{name}");
        assert_eq!(
            common.kind == EventKind::Other,
            matches!(event, Event::Unknown(_)),
            "{name}: {:?}",
            common.kind
        );
        assert_eq!(common.sequence, event.serial(), "{name}");
        assert_eq!(common.tenant.as_deref(), event.namespace(), "{name}");
        assert!(common.time.is_some(), "{name}: the receive time is the fallback");
        assert_eq!(
            common.agent_id.is_some(),
            common.kind.is_agent_kind() || event.agent_id().is_some()
        );
        // The stable JSON form reads back.
        let json = serde_json::to_value(&common).expect("serialises");
        assert_eq!(serde_json::from_value::<CommonEvent>(json).expect("reads back"), common);
    }
}

#[test]
fn the_event_name_decides_the_kind_and_the_subject_state() {
    let cases = [
        ("agentLoggedOn", EventKind::AgentLoggedOn),
        ("agentLoggedOff", EventKind::AgentLoggedOff),
        ("agentReady", EventKind::AgentReady),
        ("agentNotReady", EventKind::AgentNotReady),
        ("agentWorkingAfterCall", EventKind::AgentWorkingAfterCall),
        ("agentAllocated", EventKind::AgentReserved),
        ("serviceInitiated", EventKind::ServiceInitiated),
        ("originated", EventKind::Originated),
        ("delivered", EventKind::Delivered),
        ("established", EventKind::Established),
        ("connectionCleared", EventKind::ConnectionCleared),
        ("transferred", EventKind::Transferred),
        ("conferenced", EventKind::Conferenced),
        ("retrieved", EventKind::Retrieved),
        ("held", EventKind::Held),
        ("recordStarted", EventKind::RecordingStarted),
        ("recordStopped", EventKind::RecordingStopped),
        ("failed", EventKind::Failed),
        ("diverted", EventKind::Diverted),
        ("queued", EventKind::Queued),
        ("callCleared", EventKind::CallCleared),
        ("networkReached", EventKind::NetworkReached),
        ("offered", EventKind::Offered),
        ("bridged", EventKind::Bridged),
        ("digitsDialed", EventKind::DigitsDialed),
        ("agentBusy-unknown-event", EventKind::Other),
    ];
    for (name, kind) in cases {
        assert_eq!(convert(name).kind, kind, "{name}");
    }
    // The samples send localState Queued on a cleared and a transferred device: the name wins.
    for name in ["connectionCleared", "transferred"] {
        assert_eq!(fixture(name).local_state(), Some(&LocalState::Queued));
        let party = convert(name).party.expect("a party");
        assert_eq!(party.state, Some(ConnectionState::Null), "{name}");
    }
    let state = |name: &str| convert(name).party.and_then(|party| party.state);
    assert_eq!(
        state("originated"),
        Some(ConnectionState::Connected),
        "localState Initiate loses"
    );
    assert_eq!(state("delivered"), Some(ConnectionState::Alerting));
    assert_eq!(state("held"), Some(ConnectionState::Hold));
    assert_eq!(state("failed"), Some(ConnectionState::Fail));
    assert_eq!(state("queued"), Some(ConnectionState::Queued));
    assert_eq!(
        state("bridged"),
        Some(ConnectionState::Connected),
        "bridged reads localState"
    );
    assert_eq!(convert("callCleared").party, None);
    // Where the name fixes no state (bridged), localState is read, every value of it.
    let local = [
        ("Connect", Some(ConnectionState::Connected)),
        ("Initiate", Some(ConnectionState::Initiated)),
        ("Alerting", Some(ConnectionState::Alerting)),
        ("Hold", Some(ConnectionState::Hold)),
        ("None", Some(ConnectionState::Null)),
        ("Idle", Some(ConnectionState::Null)),
        ("Queued", Some(ConnectionState::Queued)),
        ("Fail", Some(ConnectionState::Fail)),
        ("HOLD", Some(ConnectionState::Hold)),
        ("Parked", None),
    ];
    assert_eq!(LocalState::KNOWN.len() + 2, local.len());
    for (value, expected) in local {
        let party = convert_with("bridged", "localState", json!(value)).party;
        assert_eq!(party.and_then(|party| party.state), expected, "localState {value}");
    }
    // ...but only when it is about the subject device.
    let other = convert_with("bridged", "deviceId", json!("8009@zhen04.cc")).party;
    assert_eq!(other.and_then(|party| party.state), None);
    // A recording action that did not succeed is no recording event.
    assert_eq!(
        convert_with("recordStarted", "isSuccess", json!(false)).kind,
        EventKind::Other
    );
    assert_eq!(
        convert_with("recordStopped", "isSuccess", json!(false)).kind,
        EventKind::Other
    );
}

#[test]
fn the_party_says_whether_the_subject_device_is_the_subscriber() {
    // This device (the subscriber) rings; the caller came in over a trunk: a customer.
    let delivered = convert("delivered");
    let party = delivered.party.expect("a party");
    assert_eq!(party.role, PartyRole::Agent);
    assert_eq!(party.id.as_deref(), Some("8100@welljoint.cc"));
    assert_eq!(party.number.as_deref(), Some("8100"));
    let caller = delivered.counterparty.expect("a counterparty");
    assert_eq!(caller.role, PartyRole::Customer);
    assert_eq!(caller.number.as_deref(), Some("33255500"));
    assert_eq!(delivered.queue.as_deref(), Some("7000@welljoint.cc"));
    assert_eq!(
        delivered.leg_id.as_deref(),
        Some("8100@welljoint.cc|5d0727a2-3c92-11e8-bbcd-33878bfda0e8")
    );
    assert_eq!(
        (delivered.caller.as_deref(), delivered.callee.as_deref()),
        (Some("33255500"), Some("5484")),
        "the callee is the number dialed (origin_dnis), not the agent it reached"
    );

    // The subscriber 8001 receives the copy about 8003 joining its conference.
    let conferenced = convert("conferenced");
    let added = conferenced.party.expect("a party");
    assert_eq!(
        (added.role, added.id.as_deref()),
        (PartyRole::Unknown, Some("8003@zhen04.cc"))
    );
    let host = conferenced.counterparty.expect("a counterparty");
    assert_eq!(
        (host.role, host.id.as_deref()),
        (PartyRole::Agent, Some("8001@zhen04.cc"))
    );

    // The call failed at another device (8002, busy) than the subscriber (8001).
    let failed = convert("failed");
    assert_eq!(failed.party.map(|party| party.role), Some(PartyRole::Unknown));
    assert_eq!(failed.counterparty.map(|party| party.role), Some(PartyRole::Agent));

    let queued = convert("queued").party.expect("a party");
    assert_eq!(
        (queued.role, queued.number.as_deref()),
        (PartyRole::System, Some("7000"))
    );

    let transferred = convert("transferred");
    assert_eq!(transferred.party.map(|party| party.role), Some(PartyRole::Agent));
    assert_eq!(
        transferred.counterparty.and_then(|party| party.id),
        Some("8003@zhen04.cc".into())
    );

    // Agent events: the agent and its extension; call events carry no agent.
    let agent = convert("agentReady");
    assert_eq!(agent.agent_id.as_deref(), Some("5002@zhen04.cc"));
    let party = agent.party.expect("a party");
    assert_eq!(party.role, PartyRole::Agent);
    assert_eq!(party.agent_id.as_deref(), Some("5002@zhen04.cc"));
    assert_eq!(party.id.as_deref(), Some("8002@zhen04.cc"));
    assert_eq!(convert("established").agent_id, None);
}

#[test]
fn direction_is_read_from_status_trunk_or_network_never_guessed() {
    let direction = |name: &str| convert(name).direction;
    assert_eq!(
        direction("delivered"),
        Some(Direction::Inbound),
        "trunk, alerting at the subscriber"
    );
    assert_eq!(
        direction("delivered-string-as-number"),
        Some(Direction::Inbound),
        "a trunk group sent as a number is still a trunk"
    );
    assert_eq!(
        direction("established-model"),
        Some(Direction::Outbound),
        "agentStatus OnCallOut"
    );
    assert_eq!(direction("networkReached"), Some(Direction::Outbound));
    for name in [
        "originated",
        "serviceInitiated",
        "delivered-sample2",
        "established",
        "held",
    ] {
        assert_eq!(direction(name), None, "{name}");
    }
    let reached = convert("networkReached");
    assert_eq!(reached.party.map(|party| party.role), Some(PartyRole::System));
    assert_eq!(
        reached.counterparty.map(|party| (party.role, party.number)),
        Some((PartyRole::Customer, Some("13800138000".into())))
    );
    let internal = convert_with("established", "agentStatus", json!("CallInternal"));
    assert_eq!(internal.direction, Some(Direction::Internal));
    assert_eq!(internal.agent_state, Some(AgentState::Talking));
}

#[test]
fn time_is_the_local_event_time_at_the_configured_offset() {
    let time = convert("established").time.expect("a time");
    assert_eq!(
        time.utc,
        Utc.with_ymd_and_hms(2017, 3, 18, 6, 13, 36).single().expect("valid")
    );
    assert_eq!(
        time.source,
        TimeSource::AssumedOffset {
            offset_seconds: 8 * 3600
        }
    );
    assert_eq!(time.original.as_deref(), Some("2017.03.18 14:13:36"));

    let utc_options = ConvertOptions::default().with_local_offset(FixedOffset::east_opt(0).expect("valid"));
    let time = fixture("established").to_common(&utc_options).time.expect("a time");
    assert_eq!(
        time.utc,
        Utc.with_ymd_and_hms(2017, 3, 18, 14, 13, 36).single().expect("valid")
    );
    assert_eq!(time.source, TimeSource::AssumedOffset { offset_seconds: 0 });

    // An unreadable time: the receive time when given, else none.
    assert_eq!(convert("held-time-format").time, None);
    let received = Utc.with_ymd_and_hms(2024, 1, 2, 3, 4, 5).single().expect("valid");
    let options = ConvertOptions::default().with_received_at(received);
    let time = fixture("held-time-format")
        .to_common(&options)
        .time
        .expect("the receive time");
    assert_eq!(
        (time.utc, time.source, time.original),
        (received, TimeSource::Received, None)
    );

    // An unknown event keeps its time, tenant, serial and agent.
    let unknown = convert("agentBusy-unknown-event");
    let time = unknown.time.expect("read from the object");
    assert_eq!(
        time.utc,
        Utc.with_ymd_and_hms(2017, 3, 18, 6, 13, 24).single().expect("valid")
    );
    assert_eq!(unknown.tenant.as_deref(), Some("zhen04.cc"));
    assert_eq!(unknown.sequence, Some(11050830));
    assert_eq!(unknown.agent_id.as_deref(), Some("5002@zhen04.cc"));

    assert_eq!(convert("held-number-as-string").sequence, Some(121511));
    let no_namespace = {
        let mut payload = fixture_json("held");
        payload.as_object_mut().expect("an object").remove("namespace");
        let bytes = serde_json::to_vec(&payload).expect("serialisable");
        Event::from_slice(&bytes).expect("parses")
    };
    let options = ConvertOptions::default().with_tenant("configured");
    assert_eq!(no_namespace.to_common(&options).tenant.as_deref(), Some("configured"));
    assert_eq!(fixture("held").to_common(&options).tenant.as_deref(), Some("zhen04.cc"));
}

#[test]
fn causes_are_ecma_causes_in_any_casing_with_the_vendor_text() {
    let cause = |name: &str| convert(name).cause.expect("a cause");
    let delivered = cause("delivered");
    assert_eq!(
        (delivered.code, delivered.vendor_text.as_deref()),
        (CauseCode::NewCall, Some("newCall"))
    );
    assert_eq!(
        cause("delivered-model").code,
        CauseCode::NewCall,
        "callCause when cause is absent"
    );
    let casing = cause("connectionCleared-cause-casing");
    assert_eq!(
        (casing.code, casing.vendor_text.as_deref()),
        (CauseCode::NormalClearing, Some("NORMAL_CLEARING"))
    );
    assert_eq!(cause("delivered-cause-casing").code, CauseCode::NewCall);
    assert_eq!(cause("failed").code, CauseCode::Busy);
    assert_eq!(cause("queued").code, CauseCode::NoAvailableAgents);
    assert_eq!(cause("callCleared").code, CauseCode::NormalClearing);
    let other = cause("networkReached");
    assert_eq!(
        (other.code, other.vendor_text.as_deref()),
        (CauseCode::Other, Some("networkSignal"))
    );
    assert_eq!(other.sip_code, None);
    assert_eq!(convert("connectionCleared").cause, None);

    let diverted = convert("diverted");
    assert_eq!(diverted.cause.map(|cause| cause.code), Some(CauseCode::CallForward));
    assert_eq!(diverted.divert_mode, Some(DivertMode::Forwarded));
    let redirected = convert_with("diverted", "cause", json!("redirected"));
    assert_eq!(redirected.divert_mode, Some(DivertMode::Redirected));
    assert_eq!(
        convert_with("diverted", "cause", json!("callPickup")).divert_mode,
        Some(DivertMode::Unknown)
    );
}

#[test]
fn transfers_are_blind_without_a_held_call_and_attended_with_one() {
    let blind = convert("transferred");
    assert_eq!(blind.transfer_mode, Some(TransferMode::Blind));
    assert!(blind.related_call_ids.is_empty(), "old and new calls are this call");
    let attended = convert("transferred-consultation");
    assert_eq!(attended.transfer_mode, Some(TransferMode::Attended));
    assert_eq!(attended.related_call_ids, ["6a1f2b3c-4d5e-4f60-8172-93a4b5c6d7e8"]);
    assert_eq!(
        (attended.caller.as_deref(), attended.callee.as_deref()),
        (Some("33255500"), Some("8002")),
        "from originCallInfo"
    );
    let without = |cause: Value| {
        let mut payload = fixture_json("transferred");
        let object = payload.as_object_mut().expect("an object");
        object.remove("primaryOldCall");
        object.insert("cause".into(), cause);
        let bytes = serde_json::to_vec(&payload).expect("serialisable");
        Event::from_slice(&bytes)
            .expect("parses")
            .to_common(&ConvertOptions::default())
            .transfer_mode
    };
    assert_eq!(without(json!("singleStepTransfer")), Some(TransferMode::Blind));
    assert_eq!(without(json!("transfer")), Some(TransferMode::Attended));
    assert_eq!(without(json!("normal")), Some(TransferMode::Unknown));
}

#[test]
fn agent_mode_and_agent_status_map_to_agent_states() {
    let state = |name: &str| convert(name).agent_state;
    assert_eq!(state("agentLoggedOn"), Some(AgentState::Ready), "from agentMode");
    assert_eq!(state("agentLoggedOff"), Some(AgentState::LoggedOff));
    assert_eq!(state("agentNotReady"), Some(AgentState::NotReady));
    assert_eq!(state("agentWorkingAfterCall"), Some(AgentState::WorkingAfterCall));
    assert_eq!(state("agentAllocated"), Some(AgentState::Reserved));
    assert_eq!(
        state("agentReady-undocumented-enum"),
        Some(AgentState::Ready),
        "the name wins"
    );
    assert_eq!(state("established"), None, "no agentStatus, no agent state");
    assert_eq!(convert("agentLoggedOn-model").queue.as_deref(), Some("7000@zhen04.cc"));
    let reason = convert("agentNotReady-model").not_ready_reason.expect("a reason");
    assert_eq!(reason.code.as_deref(), Some("休息"));
    assert_eq!(convert("agentNotReady").not_ready_reason, None);

    let modes = [
        ("Ready", AgentState::Ready),
        ("NotReady", AgentState::NotReady),
        ("WorkNotReady", AgentState::WorkingAfterCall),
        ("Logout", AgentState::LoggedOff),
        ("Unknown", AgentState::Unknown),
        ("Allocated", AgentState::Reserved),
        ("NOT_READY", AgentState::NotReady),
        ("Busy", AgentState::Unknown),
    ];
    for (mode, expected) in modes {
        let common = convert_with("agentLoggedOn", "agentMode", json!(mode));
        assert_eq!(common.agent_state, Some(expected), "agentMode {mode}");
    }
    let statuses = [
        ("NotReady", AgentState::NotReady),
        ("WorkNotReady", AgentState::WorkingAfterCall),
        ("Idle", AgentState::Ready),
        ("OnCallIn", AgentState::Talking),
        ("OnCallOut", AgentState::Talking),
        ("Logout", AgentState::LoggedOff),
        ("Ringing", AgentState::Ringing),
        ("OffHook", AgentState::Dialing),
        ("CallInternal", AgentState::Talking),
        ("Dailing", AgentState::Dialing),
        ("Dialing", AgentState::Dialing),
        ("Ringback", AgentState::Dialing),
        ("Conference", AgentState::Talking),
        ("OnHold", AgentState::OnHold),
        ("Other", AgentState::Unknown),
        ("Napping", AgentState::Unknown),
    ];
    assert_eq!(AgentStatus::KNOWN.len() + 2, statuses.len());
    for (status, expected) in statuses {
        let common = convert_with("established", "agentStatus", json!(status));
        assert_eq!(common.agent_state, Some(expected), "agentStatus {status}");
        assert_eq!(common.kind, EventKind::Established, "agentStatus {status}");
    }
    assert_eq!(state("originated-agentStatus-dialing"), Some(AgentState::Dialing));
}
