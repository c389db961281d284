//! push_v7: every fixture round-trips and is snapshotted; every documented value parses.
#![cfg(feature = "push_v7")]

mod support;

use cc_events::ErrorKind;
use cc_events::common::{
    AbandonPhase, AgentState, CauseCode, CommonEvent, ConnectionState, ConvertOptions, Direction, EventKind, PartyRole,
    TimeSource, TransferMode, Vendor,
};
use cc_events::push_v7::{
    AgentStatus, CallEvent, CallType, CdrStatus, CdrType, Event, EventType, FailureReason, HangUpSide, LegRole,
    LegType, LoginType, LogoutType, NumberType, OfflineType, OrEmpty, PreMediaFailureReason, RecordType,
};
use cc_events::wire::{DeviationKind, Field, WallTime};
use chrono::{FixedOffset, NaiveDate};
use proptest::prelude::*;
use serde_json::{Value, json};
use support::*;

const SCHEMA: &str = "push_v7";

fn parse(path: &std::path::Path) -> (Vec<u8>, Event) {
    parse_fixture(path)
}

fn fixture(name: &str) -> Event {
    fixture_event(SCHEMA, name)
}

fn fixture_value(name: &str) -> Value {
    fixture_json_of(SCHEMA, name)
}

/// The fixture `name` with `key` set to `value`, parsed (and checked to round-trip).
fn with(name: &str, key: &str, value: Value) -> Event {
    let mut object = fixture_value(name);
    object[key] = value;
    let bytes = serde_json::to_vec(&object).unwrap();
    let event = Event::from_slice(&bytes).unwrap_or_else(|e| panic!("{name} with {key}: {e}"));
    assert_round_trip(&bytes, &event, &format!("{name} with {key}"));
    event
}

fn paths_of(event: &Event) -> Vec<String> {
    event.deviations().iter().map(|d| d.path.to_string()).collect()
}

fn local(date: (i32, u32, u32), time: (u32, u32, u32)) -> WallTime {
    let day = NaiveDate::from_ymd_opt(date.0, date.1, date.2).unwrap();
    WallTime::Local(day.and_hms_opt(time.0, time.1, time.2).unwrap())
}

#[test]
fn every_fixture_round_trips_and_matches_its_snapshot() {
    insta::glob!("../fixtures/push_v7", "*.json", |path| {
        insta::assert_snapshot!(typed_snapshot::<Event>(path));
    });
}

#[test]
fn every_fixture_parses_as_the_type_it_is_named_after() {
    assert!(fixtures(SCHEMA).len() >= 23, "{} fixtures", fixtures(SCHEMA).len());
    assert_fixtures_are_of_the_type_they_are_named_after::<Event>(SCHEMA, EventType::KNOWN_VALUES);
}

#[test]
fn every_event_type_has_a_fixture_and_a_variant() {
    assert_eq!(EventType::KNOWN.len(), 10);
    for event_type in EventType::KNOWN {
        let event = fixture(event_type.as_str());
        assert_eq!(&event.event_type(), event_type);
        assert!(!matches!(event, Event::Unknown(_)), "{event_type} parsed as Unknown");
        assert!(event.deviations().is_empty(), "{event_type}: {:?}", event.deviations());
        assert!(event.account_id().is_some(), "{event_type}");
        assert!(event.event_unique_id().is_some(), "{event_type}");
    }
}

#[test]
fn every_sample_of_the_document_parses_without_deviation() {
    for name in [
        "dialoutRing",
        "dialoutHangup",
        "callStatus-calling",
        "incomingHangup",
        "cdr",
        "customerConnected",
        "callStatus",
        "callStatus-link",
        "mediaFailreason",
        "login",
        "logout",
    ] {
        let event = fixture(name);
        assert!(event.deviations().is_empty(), "{name}: {:?}", event.deviations());
        assert!(
            Event::from_slice_strict(&std::fs::read(fixture_dir(SCHEMA).join(format!("{name}.json"))).unwrap()).is_ok()
        );
    }
}

/// Parses `value` under `key` of fixture `name` and asserts the typed field is a documented
/// variant: `read` gives it back as a string only when it is a known variant.
fn assert_known(name: &str, key: &str, values: &[&str], read: impl Fn(&Event) -> Option<String>) {
    for value in values {
        let event = with(name, key, json!(value));
        assert_eq!(read(&event).as_deref(), Some(*value), "{name}.{key} = {value}");
        assert!(
            event.deviations().is_empty(),
            "{key} = {value}: {:?}",
            event.deviations()
        );
    }
}

fn known<T: ToString>(value: Option<&T>, is_known: impl Fn(&T) -> bool) -> Option<String> {
    value.filter(|v| is_known(v)).map(ToString::to_string)
}

#[test]
fn every_documented_enum_value_parses_as_a_known_variant() {
    assert_eq!(CallEvent::KNOWN_VALUES, ["calling", "ring", "link", "hangup"]);
    assert_eq!(
        CallType::KNOWN_VALUES,
        ["incoming", "dialout", "webcall", "previewDialout", "autoDialout"]
    );
    assert_eq!(
        FailureReason::KNOWN_VALUES,
        [
            "forbidden",
            "serviceUnavailable",
            "cancel",
            "requestTimeout",
            "unknow",
            "decline"
        ]
    );
    assert_eq!(RecordType::KNOWN_VALUES, ["normal", "doubleTrack", "voiceMail"]);
    assert_eq!(CdrStatus::KNOWN.len(), 6);
    assert_eq!(LoginType::KNOWN_VALUES, ["PSTN", "WEBRTC", "SIP"]);
    assert_eq!(LogoutType::KNOWN_VALUES, ["normal", "offline"]);
    assert_eq!(OfflineType::KNOWN_VALUES, ["PSTN", "SIP"]);

    assert_known("callStatus", "callEvent", CallEvent::KNOWN_VALUES, |e| {
        known(e.call_event(), CallEvent::is_known)
    });
    assert_known("callStatus", "callType", CallType::KNOWN_VALUES, |e| {
        known(e.call_type(), CallType::is_known)
    });
    let cdr = |e: &Event| match e {
        Event::Cdr(cdr) => cdr.clone(),
        other => panic!("not a cdr: {other:?}"),
    };
    assert_known("cdr", "callType", CallType::KNOWN_VALUES, |e| {
        known(e.call_type(), CallType::is_known)
    });
    assert_known("cdr", "failureReason", FailureReason::KNOWN_VALUES, |e| {
        known(cdr(e).failure(), FailureReason::is_known)
    });
    assert_known("cdr", "recordType", RecordType::KNOWN_VALUES, |e| {
        known(cdr(e).recording_type(), RecordType::is_known)
    });
    assert_known("cdr", "status", CdrStatus::KNOWN_VALUES, |e| {
        known(cdr(e).answer_status(), CdrStatus::is_known)
    });
    assert_known("cdr", "hangUpSide", HangUpSide::KNOWN_VALUES, |e| {
        known(cdr(e).hung_up_by(), HangUpSide::is_known)
    });
    assert_known("cdr", "loginType", LoginType::KNOWN_VALUES, |e| {
        let cdr = cdr(e);
        known(cdr.login_type.get().and_then(OrEmpty::value), LoginType::is_known)
    });
    assert_known("cdr", "cdrType", CdrType::KNOWN_VALUES, |e| {
        let cdr = cdr(e);
        known(cdr.cdr_type.get().and_then(OrEmpty::value), CdrType::is_known)
    });
    for key in ["agentTelType", "customerNumberType"] {
        assert_known("cdr", key, NumberType::KNOWN_VALUES, |e| {
            let cdr = cdr(e);
            let field = if key == "agentTelType" {
                &cdr.agent_tel_type
            } else {
                &cdr.customer_number_type
            };
            known(field.get().and_then(OrEmpty::value), NumberType::is_known)
        });
    }
    let softphone = |e: &Event| match e {
        Event::Login(s) | Event::Logout(s) => s.clone(),
        other => panic!("not a login/logout: {other:?}"),
    };
    assert_known("login", "loginType", LoginType::KNOWN_VALUES, |e| {
        known(softphone(e).login(), LoginType::is_known)
    });
    assert_known("logout", "logoutType", LogoutType::KNOWN_VALUES, |e| {
        known(softphone(e).logout(), LogoutType::is_known)
    });
    assert_known("logout", "offlineType", OfflineType::KNOWN_VALUES, |e| {
        known(softphone(e).offline(), OfflineType::is_known)
    });
    assert_known(
        "mediaFailreason",
        "preMediaFailureReason",
        PreMediaFailureReason::KNOWN_VALUES,
        |e| match e {
            Event::MediaFailreason(m) => known(m.reason(), PreMediaFailureReason::is_known),
            _ => None,
        },
    );
}

#[test]
fn every_agent_status_code_parses_as_a_known_status() {
    for status in AgentStatus::KNOWN {
        let code = status.code().to_string();
        let event = with("callStatus", "statusNumber", json!(code));
        assert_eq!(event.agent_status(), Some(status));
        assert!(status.is_known() && status.label().is_some());
        assert!(event.deviations().is_empty(), "{code}: {:?}", event.deviations());
    }
    for code in [100u64, 101, 4711] {
        let event = with("callStatus", "statusNumber", json!(code.to_string()));
        assert_eq!(event.agent_status(), Some(AgentStatus::Custom(code)));
        assert!(event.deviations().is_empty());
    }
    let custom = fixture("callStatus-custom-status");
    assert_eq!(custom.agent_status(), Some(AgentStatus::Custom(101)));
    let Event::CallStatus(status) = &custom else { panic!() };
    assert_eq!(status.status_label(), Some("培训"));
    assert_eq!(custom.call_event(), None, "callEvent \"\" means none");
    assert_eq!(custom.call_type(), None);
    assert_eq!(custom.customer_number(), None);
    assert!(custom.deviations().is_empty(), "empty strings are no deviation");
}

#[test]
fn values_the_samples_show_are_known_variants() {
    let Event::Cdr(cdr) = fixture("cdr") else { panic!() };
    assert_eq!(cdr.hung_up_by(), Some(&HangUpSide::Agent));
    assert_eq!(cdr.cdr_type.get().and_then(OrEmpty::value), Some(&CdrType::CallRecord));
    assert_eq!(
        cdr.agent_tel_type.get().and_then(OrEmpty::value),
        Some(&NumberType::Mobile)
    );
    assert_eq!(cdr.answer_status(), Some(&CdrStatus::Answer));
    assert_eq!(cdr.recording_type(), Some(&RecordType::DoubleTrack));
    let legs = cdr.bill_legs();
    assert_eq!(legs.len(), 2);
    assert_eq!(
        legs.iter().map(|leg| leg.role()).collect::<Vec<_>>(),
        [LegRole::Agent, LegRole::Customer]
    );
    assert_eq!(
        legs.iter().map(|leg| leg.leg_type()).collect::<Vec<_>>(),
        [LegType::OutBoundCallAgent, LegType::OutBoundCustomer]
    );
    assert!(legs.iter().all(|leg| leg.number_type() == NumberType::MobileInternal));
    // In fixtures, only files named for an unknown value carry one.
    for path in fixtures(SCHEMA) {
        let (_, event) = parse(&path);
        for deviation in event.deviations() {
            if let DeviationKind::UndocumentedValue { .. } = &deviation.kind {
                assert!(
                    path.to_string_lossy().contains("unknown"),
                    "{}: {deviation}",
                    path.display()
                );
            }
        }
    }
}

#[test]
fn pushes_without_push_type_are_told_apart_by_shape() {
    let hangup = fixture("incomingHangup");
    assert!(matches!(hangup, Event::IncomingHangup(_)));
    assert_eq!(hangup.call_event(), Some(&CallEvent::Hangup));
    let ring = fixture("incomingRing");
    assert!(matches!(ring, Event::IncomingRing(_)));
    let connected = fixture("customerConnected");
    let Event::CustomerConnected(envelope) = &connected else {
        panic!()
    };
    assert_eq!(connected.call_event(), Some(&CallEvent::Link));
    assert_eq!(connected.account_id(), Some("2100147"));
    assert_eq!(connected.agent_number(), Some("1121"));
    assert_eq!(connected.event_unique_id(), Some("92fe6e957421411c9343fdef75411ca1"));
    assert_eq!(connected.call_unique_id(), None, "the sample names no callUniqueId");
    let content = envelope.content().expect("content");
    assert_eq!(content.event.super_unique_id.as_str(), Some("393928840994361344"));

    // The inbound-ringing section's sample is a callStatus and parses as one.
    let sample = fixture("callStatus-calling");
    assert_eq!(sample.event_type(), EventType::CallStatus);
    assert_eq!(sample.agent_status(), Some(AgentStatus::Calling));

    // A call event of another kind without pushType is Unknown, kept whole.
    let mut link = fixture_value("incomingHangup");
    link["callEvent"] = json!("link");
    let bytes = serde_json::to_vec(&link).unwrap();
    let event = Event::from_slice(&bytes).unwrap();
    assert!(matches!(event, Event::Unknown(_)));
    assert_eq!(event.event_type(), EventType::Unknown(String::new()));
    assert_eq!(event.account_id(), Some("2000100"));
    assert_round_trip(&bytes, &event, "link without pushType");
    // The direction matters: an outbound hang-up without pushType is no inbound hang-up.
    let mut outbound = fixture_value("incomingHangup");
    outbound["callType"] = json!("dialout");
    let event = Event::from_slice(&serde_json::to_vec(&outbound).unwrap()).unwrap();
    assert!(matches!(event, Event::Unknown(_)));

    // pushType decides whenever it is sent, even against the shape.
    let mut tagged = fixture_value("incomingHangup");
    tagged["pushType"] = json!("dialoutHangup");
    let event = Event::from_slice(&serde_json::to_vec(&tagged).unwrap()).unwrap();
    assert!(matches!(event, Event::DialoutHangup(_)));
    assert!(event.deviations().is_empty());
}

#[test]
fn common_accessors() {
    let ring = fixture("dialoutRing");
    assert_eq!(ring.account_id(), Some("20000153"));
    assert_eq!(ring.event_unique_id(), Some("8757e994f19040749c5b194faaf21c78"));
    assert_eq!(ring.call_unique_id(), Some("403344537650466816"));
    assert_eq!(ring.agent_number(), Some("20001"));
    assert_eq!(ring.customer_number(), Some("17319132391"));
    assert_eq!(ring.call_type(), Some(&CallType::Dialout));
    assert_eq!(ring.agent_status(), None);
    let media = fixture("mediaFailreason");
    assert_eq!(media.call_unique_id(), Some("403381132931895296"));
    assert_eq!(media.agent_number(), Some("2001"));
    assert_eq!(media.status_time(), None, "the media failure has no time");
    let Event::MediaFailreason(failure) = &media else {
        panic!()
    };
    assert_eq!(failure.reason(), Some(&PreMediaFailureReason::OnThePhone));
    assert_eq!(failure.code(), Some(15));
    let login = fixture("login");
    assert_eq!(login.call_unique_id(), None);
    assert_eq!(login.call_event(), None);
    let unknown = fixture("agentTransfer-unknown-type");
    assert_eq!(unknown.event_type(), EventType::Unknown("agentTransfer".into()));
    assert_eq!(unknown.account_id(), Some("20000153"));
    assert_eq!(unknown.agent_number(), Some("20001"));
    assert_eq!(unknown.extra(), None);
    assert_eq!(
        unknown.deviations().iter().map(ToString::to_string).collect::<Vec<_>>(),
        ["$.pushType: undocumented event type value \"agentTransfer\""]
    );
}

#[test]
fn status_time_has_two_forms() {
    let utc = |event: &Event| {
        event
            .status_time()
            .and_then(|time| time.to_utc(FixedOffset::east_opt(8 * 3600).unwrap()))
            .map(|time| time.to_rfc3339())
    };
    // Call events: unix seconds, an explicit instant.
    let ring = fixture("dialoutRing");
    assert!(ring.status_time().is_some_and(WallTime::is_explicit));
    assert_eq!(utc(&ring).as_deref(), Some("2021-05-08T06:39:37+00:00"));
    // Login/logout: local time, resolved at the given offset.
    let login = fixture("login");
    assert_eq!(login.status_time(), Some(local((2021, 7, 22), (18, 6, 48))));
    assert_eq!(utc(&login).as_deref(), Some("2021-07-22T10:06:48+00:00"));
    // The seed's call lines up with its CDR read at +08:00 (ring = customerStartTime).
    let Event::Cdr(cdr) = fixture("cdr") else { panic!() };
    let ring_at = cdr.customer_start_time.get().and_then(|t| t.parse());
    assert_eq!(
        ring_at.and_then(|t| t.to_utc(FixedOffset::east_opt(8 * 3600).unwrap())),
        ring.status_time()
            .and_then(|t| t.to_utc(FixedOffset::east_opt(0).unwrap()))
    );
    // "" is no time and no deviation; another text is kept and reported.
    let empty = with("dialoutRing", "statusTime", json!(""));
    assert_eq!(empty.status_time(), None);
    assert!(empty.deviations().is_empty());
    let odd = with("dialoutRing", "statusTime", json!("2021-05-08 14:39:37"));
    assert_eq!(odd.status_time(), None);
    assert_eq!(paths_of(&odd), ["$.statusTime"]);
    let odd_login = with("login", "statusTime", json!("1626948408"));
    assert_eq!(odd_login.status_time(), None);
    assert_eq!(paths_of(&odd_login), ["$.statusTime"]);
}

#[test]
fn cdr_numbers_read_alike_as_numbers_or_strings() {
    let read = |name: &str| {
        let Event::Cdr(cdr) = fixture(name) else {
            panic!("{name}")
        };
        [
            cdr.agent_ring_seconds(),
            cdr.bridge_seconds(),
            cdr.customer_ring_seconds(),
            cdr.play_number_seconds(),
            cdr.recording_seconds(),
            cdr.satisfy_seconds(),
            cdr.total_seconds(),
            cdr.wait_seconds(),
            cdr.sip_code().map(u64::from),
        ]
    };
    let numbers = read("cdr");
    assert_eq!(
        numbers,
        [
            Some(5),
            Some(5),
            Some(5),
            Some(0),
            Some(5),
            Some(0),
            Some(15),
            Some(0),
            Some(200)
        ]
    );
    assert_eq!(read("cdr-number-as-string"), numbers);
    assert_eq!(read("cdr-table"), numbers);
    assert!(fixture("cdr-number-as-string").deviations().is_empty());
    // Kept in their form: the string form comes back as strings.
    let Event::Cdr(cdr) = fixture("cdr-number-as-string") else {
        panic!()
    };
    assert_eq!(serde_json::to_value(&cdr.sip_code).unwrap(), json!("200"));
    // "" is no number and no deviation; text that is no number is reported.
    let empty = with("cdr", "sipCode", json!(""));
    let Event::Cdr(cdr) = &empty else { panic!() };
    assert_eq!(cdr.sip_code(), None);
    assert!(empty.deviations().is_empty());
    let odd = with("cdr", "totalDuration", json!("15s"));
    assert_eq!(paths_of(&odd), ["$.totalDuration"]);
    let not_sip = with("cdr", "sipCode", json!(42));
    let Event::Cdr(cdr) = &not_sip else { panic!() };
    assert_eq!(cdr.sip_code(), None, "42 is no SIP code");
}

#[test]
fn cdr_times_spellings_and_lists() {
    let Event::Cdr(cdr) = fixture("cdr") else { panic!() };
    assert_eq!(cdr.start(), Some(local((2021, 5, 8), (14, 39, 32))));
    assert_eq!(cdr.bridged(), Some(local((2021, 5, 8), (14, 39, 42))));
    assert_eq!(cdr.hangup(), Some(local((2021, 5, 8), (14, 39, 47))));
    assert_eq!(cdr.ivr_time.get().and_then(|t| t.parse()), None, "\"\" is no time");
    assert_eq!(cdr.agent_area_code(), Some("010"));
    assert!(cdr.agent_areacode.is_absent());
    let Event::Cdr(table) = fixture("cdr-table") else {
        panic!()
    };
    assert_eq!(table.agent_area_code(), Some("010"));
    assert!(table.agent_area_code.is_absent() && table.agent_areacode.is_present());
    assert_eq!(table.primary_id.as_str(), Some("60963294a1b2c3d4e5f60718"));
    assert_eq!(table.failure(), None, "\"\" means none");

    assert_eq!(
        cdr.groups.group_ids(),
        ["60541bbf4aab2c0021278ad2", "605be962a342660011ecc5af"]
    );
    assert_eq!(cdr.groups.group_names(), ["分组1", "分组2"]);
    let Event::DialoutHangup(hangup) = fixture("dialoutHangup") else {
        panic!()
    };
    assert!(hangup.groups.group_ids().is_empty(), "[\"\"] means none");
    assert_eq!(hangup.groups.group_id_list.get().map(Vec::len), Some(1));

    assert!(cdr.satisfy_keys().is_empty());
    let keys = with("cdr", "satisfyKeys", json!(["1", "", "2"]));
    let Event::Cdr(with_keys) = &keys else { panic!() };
    assert_eq!(with_keys.satisfy_keys(), ["1", "2"]);
    let text = with("cdr", "satisfyKeys", json!("1,2"));
    let Event::Cdr(with_text) = &text else { panic!() };
    assert_eq!(with_text.satisfy_keys(), ["1", "2"]);
    assert!(text.deviations().is_empty(), "the table's string form is documented");
    let odd = with("cdr", "satisfyKeys", json!([1, "2"]));
    assert_eq!(paths_of(&odd), ["$.satisfyKeys[0]"]);

    let names: Vec<&str> = cdr.recordings().into_iter().map(|(name, _)| name).collect();
    assert_eq!(
        names,
        ["recordFileUrl", "agentFileUrl", "customerFileUrl", "voiceMailUrl"]
    );
}

#[test]
fn bill_legs_are_typed() {
    let Event::Cdr(cdr) = fixture("cdr") else { panic!() };
    let legs = cdr.bill_legs();
    let [agent, customer] = legs.as_slice() else {
        panic!("{legs:?}")
    };
    assert_eq!(agent.start_time(), cdr.agent_start_time.get().and_then(|t| t.parse()));
    assert_eq!(agent.answer_time(), cdr.agent_answer_time.get().and_then(|t| t.parse()));
    assert_eq!(agent.end_time(), cdr.hangup());
    assert_eq!(agent.number, "18519117865");
    assert_eq!(agent.display_number, "01081400192");
    assert_eq!(agent.agent(), Some("20001"));
    assert_eq!(agent.login_type(), Some(LoginType::Pstn));
    assert_eq!(agent.first_location.city, "北京");
    assert_eq!(customer.number, "17319132391");
    assert_eq!(customer.agent(), None);
    assert_eq!(customer.login_type(), None, "the text \"null\" means none");
    assert_eq!(
        customer.start_time(),
        cdr.customer_start_time.get().and_then(|t| t.parse())
    );

    let short = with("cdr", "billCalls", json!(["a|b|c", 7]));
    let Event::Cdr(odd) = &short else { panic!() };
    assert!(odd.bill_legs().is_empty());
    assert_eq!(paths_of(&short), ["$.billCalls[0]", "$.billCalls[1]"]);
}

#[test]
fn extras_read_alike_as_object_string_or_empty() {
    let extras = |event: &Event| {
        let Event::DialoutRing(ring) = event else { panic!() };
        ring.call.extras().map(|map| map.into_owned())
    };
    assert_eq!(extras(&fixture("dialoutRing")), None, "\"\" means none");
    let object = fixture("dialoutRing-extras-object");
    let map = extras(&object).expect("an object");
    assert_eq!(map.get("orderNo"), Some(&json!("A20210508001")));
    assert!(object.deviations().is_empty());
    let text = with(
        "dialoutRing",
        "extras",
        json!("{\"orderNo\":\"A20210508001\",\"source\":\"crm\"}"),
    );
    assert_eq!(extras(&text), Some(map));
    let odd = with("dialoutRing", "extras", json!("not json"));
    assert_eq!(extras(&odd), None);
    assert_eq!(paths_of(&odd), ["$.extras"]);
}

#[test]
fn agent_status_comes_from_the_code_then_the_label() {
    assert_eq!(fixture("callStatus").agent_status(), Some(AgentStatus::WrapUp));
    assert_eq!(fixture("callStatus-link").agent_status(), Some(AgentStatus::Talking));
    // statusNumber sent as a number: kept whole and reported; the label still tells.
    let numbers = fixture("callStatus-string-as-number");
    let Event::CallStatus(status) = &numbers else { panic!() };
    assert_eq!(status.status_number, Field::Unexpected(json!(5)));
    assert_eq!(numbers.agent_status(), Some(AgentStatus::WrapUp));
    assert_eq!(numbers.status_time(), None);
    let kinds: Vec<String> = numbers.deviations().iter().map(ToString::to_string).collect();
    assert_eq!(
        kinds,
        [
            "$.statusTime: expected unix seconds such as 1602063365, found a number",
            "$.statusNumber: expected a string holding a status code such as \"5\", found a number"
        ]
    );
    // statusName holding the code, as the document describes it.
    let mut by_name = fixture_value("callStatus");
    by_name.as_object_mut().unwrap().remove("statusNumber");
    by_name["statusName"] = json!("6");
    let event = Event::from_slice(&serde_json::to_vec(&by_name).unwrap()).unwrap();
    assert_eq!(event.agent_status(), Some(AgentStatus::Hold));
}

#[test]
fn softphone_logout_into_offline_answering() {
    let Event::Logout(offline) = fixture("logout-offline") else {
        panic!()
    };
    assert_eq!(offline.logout(), Some(&LogoutType::Offline));
    assert_eq!(offline.offline(), Some(&OfflineType::Sip));
    assert!(offline.still_reachable());
    let Event::Logout(normal) = fixture("logout") else {
        panic!()
    };
    assert!(!normal.still_reachable());
    assert_eq!(normal.login(), None);
    let Event::Login(login) = fixture("login") else {
        panic!()
    };
    assert_eq!(login.login(), Some(&LoginType::Pstn));
}

#[test]
fn media_segments_are_typed() {
    let Event::MediaFailreason(failure) = fixture("mediaFailreason-segments") else {
        panic!()
    };
    let segments = failure.content.get().and_then(|c| c.segments.get()).expect("segments");
    let first = segments[0].get().expect("a segment object");
    assert_eq!(first.end_time.get().and_then(|n| n.as_u64()), Some(1850));
    assert_eq!(first.text.as_str(), Some("您拨打的电话正在通话中"));
}

#[test]
fn case_fixtures_report_their_deviations_at_the_right_path() {
    assert_eq!(paths_of(&fixture("dialoutRing-unknown-field")), ["$.futureField"]);
    let unknown = fixture("callStatus-unknown-enum");
    assert_eq!(paths_of(&unknown), ["$.callType", "$.callEvent", "$.statusNumber"]);
    assert_eq!(unknown.call_event(), Some(&CallEvent::Unknown("hold".into())));
    assert_eq!(unknown.agent_status(), Some(AgentStatus::Unknown(10)));
    let nulls = fixture("dialoutHangup-null");
    let Event::DialoutHangup(hangup) = &nulls else { panic!() };
    assert!(hangup.call.extras.is_null() && hangup.agent.agent_name.is_null());
    assert_eq!(paths_of(&nulls), ["$.agentName", "$.extras", "$.groupIdList"]);
    assert!(
        nulls
            .deviations()
            .iter()
            .all(|d| matches!(d.kind, DeviationKind::Null { .. }))
    );
    for name in [
        "cdr-number-as-string",
        "cdr-table",
        "dialoutRing-extras-object",
        "logout-offline",
    ] {
        assert!(fixture(name).deviations().is_empty(), "{name}");
    }
    let strict =
        Event::from_slice_strict(&std::fs::read(fixture_dir(SCHEMA).join("callStatus-unknown-enum.json")).unwrap());
    let error = strict.expect_err("strict parsing rejects an undocumented value");
    assert_eq!(error.event_type(), Some("callStatus"));
    assert_eq!(error.path().to_string(), "$.callType");
    assert_eq!(error.deviations().len(), 3);
}

#[test]
fn a_field_of_an_unexpected_type_is_kept_and_reported() {
    let bytes = br#"{"pushType":"cdr","accountId":2100147,"sipCode":true,"groupIdList":"a,b","status":["ANSWER"]}"#;
    let event = Event::from_slice(bytes).expect("unexpected types do not fail the event");
    assert_round_trip(bytes, &event, "mixed types");
    let Event::Cdr(cdr) = &event else { panic!() };
    assert_eq!(cdr.common.account_id, Field::Unexpected(json!(2100147)));
    assert_eq!(event.account_id(), None);
    let found: Vec<String> = event.deviations().iter().map(ToString::to_string).collect();
    assert_eq!(
        found,
        [
            "$.accountId: expected a string, found a number",
            "$.groupIdList: expected an array, found a string",
            "$.sipCode: expected a number or a string holding one, found a boolean",
            "$.status: expected a string, found an array",
        ]
    );
}

#[test]
fn keys_before_the_discriminator_and_duplicates_are_kept() {
    let bytes = br#"{"callEvent":"ring","x":{"y":[1,2]},"pushType":"dialoutRing","agentNumber":"1","agentNumber":"2"}"#;
    let event = Event::from_slice(bytes).expect("parses");
    let value: Value = serde_json::from_slice(bytes).unwrap();
    assert_eq!(serde_json::to_value(&event).unwrap(), value);
    assert_eq!(event.agent_number(), Some("2"), "last wins, as in serde_json::Value");
    assert_eq!(event.call_event(), Some(&CallEvent::Ring));
}

#[test]
fn invalid_payloads_give_errors_that_say_where() {
    let invalid = invalid_fixtures(SCHEMA);
    assert!(!invalid.is_empty());
    for path in invalid {
        let bytes = std::fs::read(&path).unwrap();
        assert!(
            serde_json::from_slice::<Value>(&bytes).is_err(),
            "{} is valid JSON",
            path.display()
        );
        let error = Event::from_slice(&bytes).expect_err("an invalid fixture must fail");
        insta::assert_snapshot!(format!("invalid-{}", stem(&path)), error.to_string());
    }
    let error = Event::from_slice(b"{\"pushType\": 7}").unwrap_err();
    assert!(matches!(error.kind(), ErrorKind::InvalidDiscriminator { .. }));
    assert_eq!(error.path().to_string(), "$.pushType");
    let error = Event::from_slice(b"[]").unwrap_err();
    assert!(matches!(error.kind(), ErrorKind::NotAnObject { .. }));
    let error = Event::from_slice(b"{\"accountId\":\"1\",\"statusTime\":\"\"}").unwrap_err();
    assert!(matches!(error.kind(), ErrorKind::MissingDiscriminator { .. }));
    assert_eq!(error.schema(), Some(cc_events::Schema::PushV7));
    assert_eq!(
        error.to_string(),
        "push_v7 at $: expected the key `pushType` naming the event type; keys seen: \"accountId\", \"statusTime\""
    );
    assert!(
        Event::from_slice(b"{\"content\":\"x\"}").is_err(),
        "content must be an object"
    );
}

#[test]
fn public_types_are_send_sync_clone_eq_debug() {
    fn assert_traits<T: Send + Sync + Clone + PartialEq + std::fmt::Debug>() {}
    assert_traits::<Event>();
    assert_traits::<EventType>();
    assert_traits::<cc_events::push_v7::Cdr>();
    assert_traits::<cc_events::push_v7::BillLeg<'static>>();
    assert_traits::<AgentStatus>();
    assert_traits::<OrEmpty<CallType>>();
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| json!(f)),
        ".{0,12}".prop_map(Value::String),
        Just(json!("")),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(".{0,6}", inner, 0..4).prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(support::cases(256)))]

    /// Any value under any key of any fixture: the push still parses and comes back unchanged.
    #[test]
    fn any_value_in_any_field_is_kept(index in any::<prop::sample::Index>(), key in any::<prop::sample::Index>(), value in json_value()) {
        let paths = fixtures(SCHEMA);
        let path = index.get(&paths);
        let mut object: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
        let keys: Vec<String> = object.as_object().unwrap().keys().filter(|k| *k != "pushType").cloned().collect();
        if !keys.is_empty() {
            object[key.get(&keys).as_str()] = value;
        }
        let bytes = serde_json::to_vec(&object).unwrap();
        if let Ok(event) = Event::from_slice(&bytes) {
            // The contract compares with serde_json's own reading of the bytes.
            let original: Value = serde_json::from_slice(&bytes).unwrap();
            prop_assert_eq!(serde_json::to_value(&event).unwrap(), original);
            let _ = event.deviations();
            // The conversion never panics, whatever a field holds.
            let common = event.to_common(&ConvertOptions::default());
            let event_type = event.event_type();
            prop_assert_eq!(common.vendor_event_type.as_str(), event_type.as_str());
        } else {
            // Only a push recognised by its shape may lose its discriminator this way.
            prop_assert!(object.get("pushType").is_none());
        }
    }
}

// ---- conversion into the common vocabulary ----

fn common(event: &Event) -> CommonEvent {
    event.to_common(&ConvertOptions::default())
}

fn utc(text: &str) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&chrono::Utc)
}

#[test]
fn every_fixture_converts_and_keeps_its_push_type() {
    let paths = fixtures(SCHEMA);
    assert!(paths.len() >= 23, "{} fixtures", paths.len());
    let received = utc("2024-01-01T00:00:00Z");
    for path in paths {
        let (bytes, event) = parse(&path);
        let context = path.display().to_string();
        let out = event.to_common(&ConvertOptions::default().with_received_at(received));
        assert_eq!(out.vendor, Vendor::SevenMoor, "{context}");
        assert_eq!(out.vendor_event_type, event.event_type().as_str(), "{context}");
        assert_eq!(out.vendor_event_type, named_type(&path), "{context}");
        // Every fixture names its account and has a time (its own, or the receive time).
        assert!(out.tenant.is_some(), "{context}");
        assert!(out.time.is_some(), "{context}");
        assert_eq!(
            out.kind == EventKind::Other,
            matches!(event, Event::Unknown(_)),
            "{context}"
        );
        // The common form is serialisable and reads back the same.
        let json = serde_json::to_value(&out).unwrap();
        assert_eq!(serde_json::from_value::<CommonEvent>(json).unwrap(), out, "{context}");
        // The conversion does not touch the payload.
        assert_round_trip(&bytes, &event, &context);
    }
}

#[test]
fn the_seed_outbound_call_reads_in_order() {
    let kinds: Vec<(EventKind, Option<AgentState>)> = [
        "callStatus-calling",
        "dialoutRing",
        "callStatus-link",
        "dialoutHangup",
        "callStatus",
    ]
    .into_iter()
    .map(|name| common(&fixture(name)))
    .map(|out| (out.kind, out.agent_state))
    .collect();
    assert_eq!(
        kinds,
        [
            (EventKind::AgentBusy, Some(AgentState::Dialing)),
            (EventKind::Delivered, None),
            (EventKind::AgentBusy, Some(AgentState::Talking)),
            (EventKind::CallCleared, None),
            (EventKind::AgentWorkingAfterCall, Some(AgentState::WorkingAfterCall)),
        ]
    );

    // The outbound ring is the customer's phone (see the module's decisions).
    let ring = common(&fixture("dialoutRing"));
    assert_eq!(ring.event_id.as_deref(), Some("8757e994f19040749c5b194faaf21c78"));
    assert_eq!(ring.tenant.as_deref(), Some("20000153"));
    assert_eq!(ring.call_id.as_deref(), Some("403344537650466816"));
    assert_eq!(ring.agent_id.as_deref(), Some("20001"));
    assert_eq!(ring.direction, Some(Direction::Outbound));
    assert_eq!(ring.caller.as_deref(), Some("01081400192"));
    assert_eq!(ring.callee.as_deref(), Some("17319132391"));
    let party = ring.party.unwrap();
    assert_eq!(party.role, PartyRole::Customer);
    assert_eq!(party.number.as_deref(), Some("17319132391"));
    assert_eq!(party.state, Some(ConnectionState::Alerting));
    let agent = ring.counterparty.unwrap();
    assert_eq!(
        (agent.role, agent.agent_id.as_deref()),
        (PartyRole::Agent, Some("20001"))
    );
    // Unix seconds are an explicit instant.
    let time = ring.time.unwrap();
    assert_eq!(time.utc, utc("2021-05-08T06:39:37Z"));
    assert_eq!(time.source, TimeSource::Explicit);
    assert_eq!(time.original.as_deref(), Some("1620455977"));

    // The agent status pushes carry the agent leg's state; the hang-up has no cause yet.
    let calling = common(&fixture("callStatus-calling")).party.unwrap();
    assert_eq!(
        (calling.role, calling.state),
        (PartyRole::Agent, Some(ConnectionState::Initiated))
    );
    let wrap_up = common(&fixture("callStatus"));
    assert_eq!(wrap_up.party.unwrap().state, Some(ConnectionState::Null));
    assert_eq!(wrap_up.counterparty.unwrap().role, PartyRole::Customer);
    assert_eq!(common(&fixture("dialoutHangup")).cause, None);
}

#[test]
fn agent_statuses_map_to_agent_kinds() {
    let status = |code: &str, label: &str| {
        let mut object = fixture_value("callStatus-custom-status");
        object["statusNumber"] = json!(code);
        object["statusName"] = json!(label);
        common(&Event::from_slice(&serde_json::to_vec(&object).unwrap()).unwrap())
    };
    let cases = [
        ("0", "空闲", EventKind::AgentReady, AgentState::Ready),
        ("1", "忙碌", EventKind::AgentNotReady, AgentState::NotReady),
        ("2", "呼叫中", EventKind::AgentBusy, AgentState::Dialing),
        ("3", "振铃", EventKind::AgentBusy, AgentState::Ringing),
        ("4", "通话中", EventKind::AgentBusy, AgentState::Talking),
        (
            "5",
            "整理",
            EventKind::AgentWorkingAfterCall,
            AgentState::WorkingAfterCall,
        ),
        ("6", "保持", EventKind::Held, AgentState::OnHold),
        ("7", "静音", EventKind::Muted, AgentState::Talking),
        ("8", "未连接", EventKind::AgentNotReady, AgentState::NotReady),
        ("9", "失效", EventKind::AgentStateChanged, AgentState::Unknown),
        ("10", "等待", EventKind::AgentStateChanged, AgentState::Unknown),
        ("101", "培训", EventKind::AgentNotReady, AgentState::NotReady),
    ];
    for (code, label, kind, state) in cases {
        let out = status(code, label);
        assert_eq!(
            (out.kind, out.agent_state),
            (kind, Some(state.clone())),
            "status {code}"
        );
        assert_eq!(
            out.party.as_ref().map(|party| party.role.clone()),
            Some(PartyRole::Agent)
        );
        let reason = out.not_ready_reason.map(|reason| (reason.code, reason.label));
        if state == AgentState::NotReady {
            assert_eq!(reason, Some((Some(code.into()), Some(label.into()))), "status {code}");
        } else {
            assert_eq!(reason, None, "status {code}");
        }
    }
    // 7moor "busy" is a manual not-ready state, never ECMA agentBusy.
    assert_ne!(status("1", "忙碌").kind, EventKind::AgentBusy);
    // No call named: no counterparty, no direction.
    let custom = common(&fixture("callStatus-custom-status"));
    assert_eq!(
        (custom.counterparty, custom.direction, custom.call_id),
        (None, None, None)
    );
    // A status sent as a JSON number is read from its label; its time from the number.
    let numbers = common(&fixture("callStatus-string-as-number"));
    assert_eq!(numbers.kind, EventKind::AgentWorkingAfterCall);
    assert_eq!(numbers.time.unwrap().utc, utc("2021-05-08T06:39:47Z"));
}

#[test]
fn a_status_change_without_a_status_reads_its_call_event() {
    let mut object = fixture_value("callStatus-calling");
    object.as_object_mut().unwrap().remove("statusNumber");
    object.as_object_mut().unwrap().remove("statusName");
    let out = common(&Event::from_slice(&serde_json::to_vec(&object).unwrap()).unwrap());
    assert_eq!(out.kind, EventKind::Originated);
    assert_eq!(out.cause.map(|cause| cause.code), Some(CauseCode::MakeCall));
    assert_eq!(out.agent_state, None);
    object["callEvent"] = json!("hangup");
    let out = common(&Event::from_slice(&serde_json::to_vec(&object).unwrap()).unwrap());
    assert_eq!(out.kind, EventKind::ConnectionCleared);
    object["callEvent"] = json!("");
    let out = common(&Event::from_slice(&serde_json::to_vec(&object).unwrap()).unwrap());
    assert_eq!(out.kind, EventKind::AgentStateChanged);
}

#[test]
fn inbound_pushes_and_the_customer_connected_envelope() {
    let ring = common(&fixture("incomingRing"));
    assert_eq!(
        (ring.kind, ring.direction),
        (EventKind::Delivered, Some(Direction::Inbound))
    );
    assert_eq!(ring.vendor_event_type, "incomingRing");
    assert_eq!(ring.caller.as_deref(), Some("17319132391"));
    assert_eq!(ring.callee.as_deref(), Some("01080455499"));
    let party = ring.party.unwrap();
    assert_eq!(
        (party.role, party.state),
        (PartyRole::Agent, Some(ConnectionState::Alerting))
    );
    assert_eq!(party.agent_id.as_deref(), Some("2000"));
    assert_eq!(ring.counterparty.unwrap().role, PartyRole::Customer);

    let hangup = common(&fixture("incomingHangup"));
    assert_eq!(
        (hangup.kind, hangup.direction),
        (EventKind::CallCleared, Some(Direction::Inbound))
    );
    assert_eq!(hangup.call_id.as_deref(), Some("403344537650466816"));
    assert_eq!(hangup.related_call_ids, ["393928840994361344"]);

    let connected = common(&fixture("customerConnected"));
    assert_eq!(connected.kind, EventKind::Established);
    assert_eq!(connected.event_id.as_deref(), Some("92fe6e957421411c9343fdef75411ca1"));
    assert_eq!(connected.tenant.as_deref(), Some("2100147"));
    assert_eq!(connected.call_id.as_deref(), Some("393928840994361344"));
    assert!(connected.related_call_ids.is_empty());
    assert_eq!(connected.direction, Some(Direction::Outbound));
    assert_eq!(connected.caller.as_deref(), Some("02258834811"));
    let party = connected.party.unwrap();
    assert_eq!(
        (party.role, party.state),
        (PartyRole::Customer, Some(ConnectionState::Connected))
    );
    assert_eq!(party.number.as_deref(), Some("15201277786"));
    assert_eq!(connected.counterparty.unwrap().agent_id.as_deref(), Some("1121"));
}

#[test]
fn the_call_record_carries_its_cause_and_local_times() {
    let out = common(&fixture("cdr"));
    assert_eq!(out.kind, EventKind::CallRecord);
    assert_eq!(out.event_id.as_deref(), Some("0db0948a14ea4b7eaa719f1f2501d142"));
    assert_eq!(out.leg_id.as_deref(), Some("635be250-10e9-4c60-93f7-32479dfe85e1"));
    assert_eq!(out.agent_id.as_deref(), Some("20001"));
    assert_eq!(
        out.party.as_ref().and_then(|party| party.number.as_deref()),
        Some("18519117865")
    );
    let cause = out.cause.unwrap();
    assert_eq!(
        (cause.code, cause.sip_code, cause.vendor_text.as_deref()),
        (CauseCode::NormalClearing, Some(200), Some("ANSWER"))
    );
    // createTime, local, read at +08:00 by default...
    let time = out.time.unwrap();
    assert_eq!(time.utc, utc("2021-05-08T06:39:48Z"));
    assert_eq!(
        time.source,
        TimeSource::AssumedOffset {
            offset_seconds: 8 * 3600
        }
    );
    // ...or at the configured offset.
    let utc_options = ConvertOptions::default().with_local_offset(FixedOffset::east_opt(0).unwrap());
    assert_eq!(
        fixture("cdr").to_common(&utc_options).time.unwrap().utc,
        utc("2021-05-08T14:39:48Z")
    );
    // The table-built record (numbers as strings) reads the same.
    let table = common(&fixture("cdr-table"));
    assert_eq!(table.cause.and_then(|cause| cause.sip_code), Some(200));

    let cause_of = |key: &str, value: &str| with("cdr", key, json!(value)).to_common(&ConvertOptions::default());
    let failed = cause_of("failureReason", "decline").cause.unwrap();
    assert_eq!(
        (failed.code, failed.vendor_text.as_deref()),
        (CauseCode::CallNotAnswered, Some("decline"))
    );
    assert_eq!(
        cause_of("failureReason", "forbidden").cause.unwrap().code,
        CauseCode::Blocked
    );
    let abandoned = cause_of("status", "QUEUE_ABANDON");
    assert_eq!(abandoned.abandon_phase, Some(AbandonPhase::Queue));
    assert_eq!(abandoned.cause.unwrap().code, CauseCode::CallCancelled);
    assert_eq!(cause_of("status", "IVR").abandon_phase, Some(AbandonPhase::Ivr));
    let transferred = cause_of("relativeCallUniqueId", "403344537650400000");
    assert_eq!(transferred.related_call_ids, ["403344537650400000"]);
    let transferred = cause_of("status", "CALL_TRANSFER");
    assert_eq!(transferred.transfer_mode, Some(TransferMode::Unknown));
    assert_eq!(transferred.cause.unwrap().code, CauseCode::Transfer);
    let webcall = cause_of("callType", "webcall");
    assert_eq!(webcall.direction, Some(Direction::Outbound));
    // No createTime: the next time of the chain.
    assert_eq!(
        cause_of("createTime", "").time.unwrap().original.as_deref(),
        Some("2021-05-08 14:39:48")
    );
}

#[test]
fn media_failure_login_logout_and_unknown_pushes() {
    let received = utc("2021-05-08T06:40:00Z");
    let options = ConvertOptions::default().with_received_at(received);
    let failed = fixture("mediaFailreason").to_common(&options);
    assert_eq!(failed.kind, EventKind::Failed);
    let cause = failed.cause.unwrap();
    assert_eq!(
        (cause.code, cause.vendor_text.as_deref()),
        (CauseCode::Busy, Some("onThePhone"))
    );
    let party = failed.party.unwrap();
    assert_eq!(
        (party.role, party.state),
        (PartyRole::Customer, Some(ConnectionState::Fail))
    );
    assert_eq!(failed.call_id.as_deref(), Some("403381132931895296"));
    // It carries no time: the receive time, or none.
    let time = failed.time.unwrap();
    assert_eq!((time.utc, time.source), (received, TimeSource::Received));
    assert_eq!(common(&fixture("mediaFailreason")).time, None);

    let login = common(&fixture("login"));
    assert_eq!(
        (login.kind, login.agent_id.as_deref()),
        (EventKind::AgentLoggedOn, Some("9998"))
    );
    let time = login.time.unwrap();
    assert_eq!(time.utc, utc("2021-07-22T10:06:48Z"));
    assert_eq!(
        time.source,
        TimeSource::AssumedOffset {
            offset_seconds: 8 * 3600
        }
    );
    let logout = common(&fixture("logout"));
    assert_eq!(
        (logout.kind, logout.agent_state),
        (EventKind::AgentLoggedOff, Some(AgentState::LoggedOff))
    );
    // Offline answering: logged off the bar, still reachable, so no state is claimed.
    let offline = common(&fixture("logout-offline"));
    assert_eq!((offline.kind, offline.agent_state), (EventKind::AgentLoggedOff, None));

    let unknown = common(&fixture("agentTransfer-unknown-type"));
    assert_eq!(
        (unknown.kind, unknown.vendor_event_type.as_str()),
        (EventKind::Other, "agentTransfer")
    );
    assert_eq!(unknown.tenant.as_deref(), Some("20000153"));
    assert_eq!(unknown.agent_id.as_deref(), Some("20001"));
    assert_eq!(unknown.time.unwrap().utc, utc("2021-05-08T06:39:50Z"));

    // No account in the payload: the configured tenant.
    let anonymous = with("login", "accountId", json!("")).to_common(&ConvertOptions::default().with_tenant("t1"));
    assert_eq!(anonymous.tenant.as_deref(), Some("t1"));
}
