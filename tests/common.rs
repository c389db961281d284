//! The common vocabulary: every fixture of every schema converts, and the conversion is
//! pinned by a snapshot (the mapping table made concrete).
#![cfg(all(feature = "aliyun_v2", feature = "push_v7", feature = "csta", feature = "ccai_qm"))]

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
        let folder = path
            .parent()
            .and_then(|dir| dir.file_name())
            .and_then(|name| name.to_str())
            .unwrap();
        let schema: Schema = folder.parse().unwrap();
        // Through the public validation API, as downstream fixture tests do.
        let common = validated(path, schema, &options()).common;
        // One vendor may have several schemas (Google: call and chat events).
        let vendor_schema = match schema {
            Schema::CcaiChat => Schema::CcaiQm,
            schema => schema,
        };
        assert_eq!(common.vendor.schema(), Some(vendor_schema));
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

/// The README's mapping table of `schema`: rows keyed by the backticked names before the
/// first `(` or `,` of their first cell, with the kind when the row gives exactly one.
fn readme_table(schema: Schema) -> Vec<(Vec<String>, Option<EventKind>)> {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let heading = format!("### {} → common kinds", schema.as_str());
    let start = readme
        .find(&heading)
        .unwrap_or_else(|| panic!("README has no section {heading:?}"));
    let ticked = |text: &str| -> Vec<String> { text.split('`').skip(1).step_by(2).map(str::to_owned).collect() };
    readme[start..]
        .lines()
        .skip(1)
        .take_while(|line| !line.starts_with('#'))
        .filter(|line| line.starts_with("| `"))
        .map(|line| {
            let cells: Vec<&str> = line.split('|').collect();
            let name_part = cells[1].split(['(', ',']).next().unwrap_or_default();
            let kinds = ticked(cells[2]);
            let kind = match kinds.as_slice() {
                [only] => EventKind::from_known(only),
                _ => None,
            };
            (ticked(name_part), kind)
        })
        .collect()
}

/// What a fixture's row is keyed by: its event type, and for CCAI its item's state.
fn row_key(schema: Schema, event: &cc_events::AnyEvent, json: &serde_json::Value) -> Vec<String> {
    let mut key = vec![event.event_type().unwrap_or_default().to_owned()];
    if schema == Schema::CcaiQm {
        if let Some(state) = json.pointer("/item/State").and_then(serde_json::Value::as_str) {
            key.push(state.to_owned());
        }
    }
    key
}

#[test]
fn every_event_type_converts_to_the_kind_the_readme_says() {
    let mut checked = 0;
    for schema in Schema::ALL {
        let table = readme_table(schema);
        assert!(!table.is_empty(), "{schema}: no rows");
        let unique = |key: &[String]| table.iter().filter(|(names, _)| names.as_slice() == key).count() == 1;
        for path in fixtures(schema.as_str()) {
            let bytes = std::fs::read(&path).unwrap();
            let event = cc_events::parse(&bytes).unwrap();
            let json: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
            let full = row_key(schema, &event, &json);
            let key = if unique(&full) { full } else { full[..1].to_vec() };
            let Some((_, Some(kind))) = table.iter().find(|(names, _)| *names == key).filter(|_| unique(&key)) else {
                continue;
            };
            let common = event.to_common(&options());
            assert_eq!(
                common.kind,
                *kind,
                "{}: the README maps {key:?} to {kind}",
                path.display()
            );
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} fixtures were checked against the README");
}

#[test]
fn every_documented_event_type_has_a_row_in_the_readme() {
    let known: [(Schema, &[&str]); 4] = [
        (Schema::AliyunV2, cc_events::aliyun_v2::EventType::KNOWN_VALUES),
        (Schema::PushV7, cc_events::push_v7::EventType::KNOWN_VALUES),
        (Schema::Csta, cc_events::csta::EventType::KNOWN_VALUES),
        (Schema::CcaiQm, cc_events::ccai_qm::EventType::KNOWN_VALUES),
    ];
    for (schema, values) in known {
        let table = readme_table(schema);
        for value in values {
            assert!(
                table
                    .iter()
                    .any(|(names, _)| names.first().map(String::as_str) == Some(value)),
                "{schema}: the README's mapping table has no row for {value}"
            );
        }
    }
}
