//! The common JSON is forward-compatible: a line written by a newer version, with values or
//! members this version does not know, is read (not rejected) and written back unchanged.
#![cfg(all(feature = "aliyun_v2", feature = "push_v7", feature = "csta", feature = "ccai_qm"))]

use cc_events::common::{
    AgentState, CauseCode, CommonEvent, ConnectionState, Direction, EventKind, FormatVersion, PartyRole, TimeSource,
    Vendor,
};
use serde_json::{Value, json};

/// A line as this version writes it (an aliyun_v2 release, every nested object present).
fn line() -> Value {
    json!({
        "format": "cc-events/1",
        "vendor": "alibaba_cloud",
        "vendor_event_type": "Released",
        "kind": "connection_cleared",
        "tenant": "report-test-2",
        "time": {"utc": "2021-04-14T02:35:25.266Z", "source": {"type": "explicit"}, "original": "2021-04-14T02:35:25.266Z"},
        "call_id": "job-1",
        "agent_id": "agent@report-test-2",
        "party": {"role": "agent", "id": "ch-1", "state": "null"},
        "direction": "inbound",
        "agent_state": "talking",
        "cause": {"code": "normalClearing", "sip_code": 200}
    })
}

/// `line()` with `value` at `pointer`, read as a `CommonEvent`; asserts it writes back the
/// same JSON value and the same text.
fn read_with(pointer: &str, value: Value) -> CommonEvent {
    let mut newer = line();
    *newer.pointer_mut(pointer).unwrap_or_else(|| panic!("{pointer}")) = value;
    let text = serde_json::to_string(&newer).unwrap();
    let event: CommonEvent = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{pointer}: rejected: {e}"));
    assert_eq!(serde_json::to_value(&event).unwrap(), newer, "{pointer}");
    event
}

#[test]
fn this_versions_line_reads_and_writes_back_unchanged() {
    let event: CommonEvent = serde_json::from_value(line()).unwrap();
    assert_eq!(event.format, FormatVersion::V1);
    assert_eq!(event.kind, EventKind::ConnectionCleared);
    assert_eq!(serde_json::to_value(&event).unwrap(), line());
}

#[test]
fn an_unknown_kind_is_read_and_written_back() {
    let event = read_with("/kind", json!("call_parked"));
    assert_eq!(event.kind, EventKind::Unrecognized("call_parked".into()));
    assert!(!event.kind.is_known() && !event.kind.is_agent_kind());
    assert_eq!(event.kind.as_str(), "call_parked");
}

#[test]
fn an_unknown_vendor_is_read_and_written_back() {
    let event = read_with("/vendor", json!("amazon_connect"));
    assert_eq!(event.vendor, Vendor::Unrecognized("amazon_connect".into()));
    assert_eq!(event.vendor.schema(), None);
}

#[test]
fn an_unknown_agent_state_is_read_and_written_back() {
    let event = read_with("/agent_state", json!("in_training"));
    let state = event.agent_state.unwrap();
    assert_eq!(state, AgentState::Unrecognized("in_training".into()));
    assert_eq!(state.ecma(), None);
}

#[test]
fn an_unknown_cause_is_read_and_written_back() {
    let event = read_with("/cause/code", json!("parkTimeout"));
    assert_eq!(event.cause.unwrap().code, CauseCode::Unrecognized("parkTimeout".into()));
}

#[test]
fn unknown_values_of_every_other_enum_are_read_and_written_back() {
    let event = read_with("/direction", json!("sideways"));
    assert_eq!(event.direction, Some(Direction::Unrecognized("sideways".into())));
    let event = read_with("/party/role", json!("bot"));
    assert_eq!(event.party.unwrap().role, PartyRole::Unrecognized("bot".into()));
    let event = read_with("/party/state", json!("parked"));
    assert_eq!(
        event.party.unwrap().state,
        Some(ConnectionState::Unrecognized("parked".into()))
    );
    for (pointer, value) in [
        ("/abandon_phase", json!("callback")),
        ("/transfer_mode", json!("consultative")),
        ("/divert_mode", json!("pickup")),
    ] {
        let mut newer = line();
        newer
            .as_object_mut()
            .unwrap()
            .insert(pointer[1..].to_owned(), value.clone());
        let event: CommonEvent = serde_json::from_value(newer.clone()).unwrap();
        assert_eq!(serde_json::to_value(&event).unwrap(), newer, "{pointer}");
    }
}

#[test]
fn an_unknown_time_source_is_kept_whole() {
    let source = json!({"type": "ntp_corrected", "drift_ms": 12});
    let event = read_with("/time/source", source.clone());
    let time = event.time.unwrap();
    assert_eq!(time.source.type_name(), "ntp_corrected");
    assert!(matches!(time.source, TimeSource::Unrecognized(ref object) if Value::Object(object.clone()) == source));
    // A known type with members a newer version added is kept whole too.
    let event = read_with("/time/source", json!({"type": "explicit", "zone": "Asia/Shanghai"}));
    assert!(matches!(event.time.unwrap().source, TimeSource::Unrecognized(_)));
}

#[test]
fn a_newer_format_version_and_new_members_are_kept() {
    let event = read_with("/format", json!("cc-events/2"));
    assert_eq!(event.format, FormatVersion::Unrecognized("cc-events/2".into()));
    let mut newer = line();
    let object = newer.as_object_mut().unwrap();
    object.insert("conversation_id".into(), json!("conv-9"));
    object.insert("sentiment".into(), json!({"score": -0.5}));
    let event: CommonEvent = serde_json::from_value(newer.clone()).unwrap();
    assert_eq!(event.extra.get("conversation_id"), Some(&json!("conv-9")));
    assert_eq!(serde_json::to_value(&event).unwrap(), newer);
}

#[test]
fn what_no_version_writes_is_still_rejected() {
    for (pointer, value) in [
        ("/kind", json!(7)),
        ("/vendor", json!(null)),
        ("/time/source", json!("explicit")),
        ("/time/source", json!({"offset_seconds": 3600})),
    ] {
        let mut broken = line();
        *broken.pointer_mut(pointer).unwrap() = value.clone();
        assert!(
            serde_json::from_value::<CommonEvent>(broken).is_err(),
            "{pointer} = {value}"
        );
    }
    let mut without_format = line();
    without_format.as_object_mut().unwrap().remove("format");
    assert!(serde_json::from_value::<CommonEvent>(without_format).is_err());
}

#[test]
fn times_are_written_to_the_millisecond() {
    let mut whole_second = line();
    whole_second["time"]["utc"] = json!("2021-04-14T02:35:25Z");
    let event: CommonEvent = serde_json::from_value(whole_second).unwrap();
    assert_eq!(
        serde_json::to_value(&event).unwrap()["time"]["utc"],
        "2021-04-14T02:35:25.000Z"
    );
    let received = "2026-01-02T03:04:05.987654321+02:00".parse().unwrap();
    let time = cc_events::common::EventTime::received(received);
    assert_eq!(serde_json::to_value(&time).unwrap()["utc"], "2026-01-02T01:04:05.987Z");
}
