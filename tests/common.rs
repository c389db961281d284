//! The common vocabulary: every fixture of every schema converts, and the conversion is
//! pinned by a snapshot (the mapping table made concrete).

mod support;

use cc_events::Schema;
use cc_events::common::{ConvertOptions, EventKind};
use chrono::{DateTime, Utc};
use support::*;

fn options() -> ConvertOptions {
    let received: DateTime<Utc> = "2021-01-01T00:00:00Z".parse().unwrap();
    ConvertOptions::default().with_received_at(received)
}

#[test]
fn every_fixture_converts_and_matches_its_snapshot() {
    insta::glob!("../fixtures", "*/*.json", |path| {
        let bytes = std::fs::read(path).unwrap();
        let event = cc_events::parse(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let folder = path
            .parent()
            .and_then(|dir| dir.file_name())
            .and_then(|name| name.to_str())
            .unwrap();
        assert_eq!(event.schema().as_str(), folder);
        let common = event.to_common(&options());
        assert_eq!(common.vendor.schema(), event.schema());
        assert!(!common.vendor_event_type.is_empty(), "{}", path.display());
        assert!(
            common.time.is_some(),
            "{}: every event gets a time (explicit, assumed or received)",
            path.display()
        );
        // The JSON form is stable and reads back.
        let json = serde_json::to_value(&common).unwrap();
        assert_eq!(
            serde_json::from_value::<cc_events::common::CommonEvent>(json.clone()).unwrap(),
            common
        );
        insta::assert_json_snapshot!(json);
    });
}

#[test]
fn unknown_event_types_are_other_with_the_vendor_type_kept() {
    for schema in Schema::ALL {
        for path in fixtures(schema.as_str()) {
            let bytes = std::fs::read(&path).unwrap();
            let event = cc_events::parse(&bytes).unwrap();
            let common = event.to_common(&options());
            if event.deviations().iter().any(|d| matches!(&d.kind, cc_events::wire::DeviationKind::UndocumentedValue { set, .. } if *set == "event type")) {
                assert_eq!(common.kind, EventKind::Other, "{}", path.display());
                assert_eq!(Some(common.vendor_event_type.as_str()), event.event_type(), "{}", path.display());
            }
        }
    }
}
