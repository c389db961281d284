//! The small conveniences: chrono re-exported, `Display`/`FromStr`/`as_str` on the
//! vocabulary and `Schema`, a per-event receive time, and cheap `AnyEvent` accessors that
//! agree with the full conversion.
#![cfg(all(feature = "aliyun_v2", feature = "push_v7", feature = "csta", feature = "ccai_qm"))]

mod support;

use cc_events::chrono::{DateTime, FixedOffset, Utc};
use cc_events::common::{
    AbandonPhase, AgentState, ConnectionState, ConvertOptions, Direction, DivertMode, PartyRole, TimeSource,
    TransferMode, Vendor,
};
use cc_events::{AnyEvent, Schema};
use support::*;

/// Every fixture of every schema, parsed.
fn every_fixture() -> Vec<(String, AnyEvent)> {
    Schema::ALL
        .into_iter()
        .flat_map(|schema| fixtures(schema.as_str()))
        .map(|path| {
            let event = cc_events::parse(&std::fs::read(&path).unwrap()).unwrap();
            (path.display().to_string(), event)
        })
        .collect()
}

fn received() -> DateTime<Utc> {
    "2024-05-06T07:08:09.010Z".parse().unwrap()
}

/// `Display` and `as_str` write what the JSON has, and `FromStr` reads it back, for every
/// value this version knows; any other text is `Unrecognized`.
macro_rules! assert_text_forms {
    ($($set:ty),* $(,)?) => {$(
        for value in <$set>::KNOWN {
            let json = serde_json::to_value(value).unwrap();
            assert_eq!(json.as_str(), Some(value.as_str()), "{}", stringify!($set));
            assert_eq!(value.to_string(), value.as_str());
            assert_eq!(value.as_str().parse::<$set>(), Ok(value.clone()));
        }
        assert_eq!("newer".parse::<$set>(), Ok(<$set>::Unrecognized("newer".into())));
        assert_eq!(<$set>::from_known("newer"), None);
    )*};
}

#[test]
fn vocabulary_enums_display_and_parse_their_json_text() {
    assert_text_forms!(
        TransferMode,
        DivertMode,
        AbandonPhase,
        ConnectionState,
        AgentState,
        Direction,
        PartyRole,
        Vendor
    );
    assert_eq!(TransferMode::Attended.to_string(), "attended");
    assert_eq!("on_hold".parse::<AgentState>(), Ok(AgentState::OnHold));
    assert_eq!("third_party".parse::<PartyRole>(), Ok(PartyRole::ThirdParty));
    assert_eq!("google_ccai".parse::<Vendor>(), Ok(Vendor::GoogleCcai));
}

#[test]
fn schemas_parse_their_module_names_and_nothing_else() {
    for schema in Schema::ALL {
        assert_eq!(schema.as_str().parse::<Schema>(), Ok(schema));
        assert_eq!(schema.to_string(), schema.as_str());
    }
    let error = "aliyun".parse::<Schema>().unwrap_err();
    assert_eq!(error.name(), "aliyun");
    assert_eq!(
        error.to_string(),
        r#"no schema is named "aliyun" (the schemas: aliyun_v2, push_v7, csta, ccai_qm)"#
    );
}

/// Names line up in tables: `Display` honours width, fill and alignment, as `str`'s does.
#[test]
fn names_display_with_width_and_alignment() {
    use cc_events::aliyun_v2::CallType;
    use cc_events::track::{Disposition, IntervalEnd, Outcome};
    assert_eq!(format!("{:<8}|", Vendor::Csta), "csta    |");
    assert_eq!(format!("{:>8}|", AgentState::Ready), "   ready|");
    assert_eq!(format!("{:^9}|", Schema::Csta), "  csta   |");
    assert_eq!(format!("{:.<10}|", Outcome::Answered), "answered..|");
    assert_eq!(
        format!("{:<9}|", Disposition::Applied),
        format!("{:<9}|", Disposition::Applied.as_str())
    );
    assert_eq!(
        format!("{:<16}|", IntervalEnd::EndOfStream),
        format!("{:<16}|", IntervalEnd::EndOfStream.as_str())
    );
    assert_eq!(format!("{:<9}|", CallType::Inbound), "INBOUND  |");
    assert_eq!(format!("{:<8}|", CallType::from("NEWER")), "NEWER   |");
    // Without a width they write the bare text.
    assert_eq!(Outcome::NotAnswered.to_string(), "not_answered");
}

#[test]
fn chrono_is_reexported_for_the_types_the_api_takes() {
    let offset = FixedOffset::east_opt(3600).unwrap();
    let options = ConvertOptions::default()
        .with_local_offset(offset)
        .with_received_at(received());
    assert_eq!(options.received_at, Some(received()));
}

#[test]
fn a_per_event_receive_time_is_the_conversion_with_that_receive_time() {
    let shared = ConvertOptions::default().with_tenant("t-1");
    let earlier = shared.clone().with_received_at("2000-01-01T00:00:00Z".parse().unwrap());
    let mut received_only = 0;
    for (path, event) in every_fixture() {
        let expected = event.to_common(&shared.clone().with_received_at(received()));
        assert_eq!(event.to_common_at(&shared, received()), expected, "{path}");
        // The per-event time wins over one in the options.
        assert_eq!(event.to_common_at(&earlier, received()), expected, "{path}");
        if expected
            .time
            .as_ref()
            .is_some_and(|time| time.source == TimeSource::Received)
        {
            received_only += 1;
        }
    }
    assert!(
        received_only >= 30,
        "only {received_only} fixtures use the receive time"
    );
}

#[test]
fn the_cheap_accessors_agree_with_the_conversion() {
    let options = ConvertOptions::default().with_received_at(received());
    let mut agreeing_agents = 0;
    for (path, event) in every_fixture() {
        let common = event.to_common(&options);
        assert_eq!(event.call_id().as_deref(), common.call_id.as_deref(), "{path}: call id");
        assert_eq!(event.tenant(), common.tenant.as_deref(), "{path}: tenant");
        assert_eq!(event.time(&options), common.time, "{path}: time");
        if event.agent_id() == common.agent_id.as_deref() {
            agreeing_agents += 1;
            continue;
        }
        // Where they differ, it is the payload's field against the conversion's choice, as
        // documented: the supervisor of an Aliyun supervision event, the CCAI agent a
        // participant change is about (or one whose id was sent as a number).
        let supervision = matches!(&event, AnyEvent::AliyunV2(_))
            && common
                .party
                .as_ref()
                .is_some_and(|party| party.role == PartyRole::Supervisor);
        let ccai_call = event.schema() == Schema::CcaiQm && event.event_type() == Some("CallState");
        assert!(
            supervision || ccai_call,
            "{path}: agent {:?} vs {:?}",
            event.agent_id(),
            common.agent_id
        );
    }
    assert!(
        agreeing_agents > 150,
        "only {agreeing_agents} fixtures agree on the agent"
    );
}
