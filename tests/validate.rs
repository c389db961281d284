//! The fixture-validation API (`cc_events::validate`, `cc_events::parse_strict`), and the
//! README recipe that uses it.
#![cfg(all(feature = "aliyun_v2", feature = "push_v7", feature = "csta", feature = "ccai_qm"))]

mod support;

use cc_events::common::{ConvertOptions, EventKind};
use cc_events::validate::{Outcome, Report, validate, validate_dir};
use cc_events::{ErrorKind, Schema};
use support::*;

#[test]
fn a_report_says_schema_type_losslessness_deviations_and_the_common_event() {
    let bytes = std::fs::read(fixture_dir("aliyun_v2").join("Enqueue-unknown-enum.json")).unwrap();
    let report = validate(&bytes, &ConvertOptions::default()).unwrap();
    assert_eq!(report.schema, Schema::AliyunV2);
    assert_eq!(report.event_type.as_deref(), Some("Enqueue"));
    assert!(report.lossless);
    assert!(!report.deviations.is_empty());
    let event = cc_events::parse(&bytes).unwrap();
    let expected: Vec<String> = event.deviations().iter().map(ToString::to_string).collect();
    let reported: Vec<String> = report.deviations.iter().map(ToString::to_string).collect();
    assert_eq!(reported, expected);
    assert_eq!(report.common, event.to_common(&ConvertOptions::default()));
    assert_eq!(report.common.kind, EventKind::Queued);
    assert!(!report.is_clean());
    // Serialisable, and it reads back.
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["schema"], "aliyun_v2");
    assert_eq!(serde_json::from_value::<Report>(json).unwrap(), report);
}

#[test]
fn a_byte_order_mark_does_not_make_a_payload_lossy() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(std::fs::read(fixture_dir("csta").join("held.json")).unwrap());
    assert!(validate(&bytes, &ConvertOptions::default()).unwrap().is_clean());
}

#[test]
fn a_folder_gives_one_report_per_json_file_and_skips_subfolders() {
    for schema in Schema::ALL {
        let dir = fixture_dir(schema.as_str());
        let reports = validate_dir(&dir, &ConvertOptions::default()).unwrap();
        let names: Vec<String> = fixtures(schema.as_str())
            .iter()
            .map(|path| stem(path) + ".json")
            .collect();
        let reported: Vec<&str> = reports.iter().map(|report| report.file.as_str()).collect();
        assert_eq!(reported, names, "{schema}: invalid/ is a subfolder, left out");
        for file in &reports {
            let report = file
                .outcome
                .report()
                .unwrap_or_else(|| panic!("{}: {:?}", file.file, file.outcome));
            assert_eq!(report.schema, schema);
            assert!(report.lossless, "{}", file.file);
        }
    }
}

#[test]
fn a_payload_that_does_not_parse_is_an_error_outcome_not_a_failed_folder() {
    let reports = validate_dir(fixture_dir("csta").join("invalid"), &ConvertOptions::default()).unwrap();
    assert_eq!(reports.len(), invalid_fixtures("csta").len());
    for file in &reports {
        let Outcome::Error(message) = &file.outcome else {
            panic!("{}: parsed", file.file);
        };
        assert!(!message.is_empty());
    }
    let json = serde_json::to_value(&reports[0]).unwrap();
    assert!(json["outcome"]["error"].is_string(), "{json}");
    assert!(validate_dir(fixture_dir("no-such-folder"), &ConvertOptions::default()).is_err());
}

#[test]
fn strict_parsing_of_an_unknown_vendor_rejects_any_deviation() {
    let clean = std::fs::read(fixture_dir("csta").join("held.json")).unwrap();
    assert_eq!(
        cc_events::parse_strict(&clean).unwrap(),
        cc_events::parse(&clean).unwrap()
    );
    let deviating = br#"{"eventName":"held","callId":"c-1","mood":"calm","serial":"7"}"#;
    let error = cc_events::parse_strict(deviating).unwrap_err();
    assert_eq!(error.schema(), Some(Schema::Csta));
    assert_eq!(error.event_type(), Some("held"));
    assert!(matches!(error.kind(), ErrorKind::Deviations(found) if found.len() == 2));
    assert_eq!(error.deviations().len(), 2);
    assert_eq!(error.path().to_string(), error.deviations()[0].path.to_string());
    // What does not parse fails as with `parse`.
    assert_eq!(
        cc_events::parse_strict(b"[]").unwrap_err().to_string(),
        cc_events::parse(b"[]").unwrap_err().to_string()
    );
}

/// The README's recipe is `tests/validate_recipe.rs`, verbatim: it is compiled and run there.
#[test]
fn the_readme_recipe_is_the_test_that_runs() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let recipe = std::fs::read_to_string(root.join("tests/validate_recipe.rs")).unwrap();
    let section = readme
        .split("## Validate your vendor's fixtures")
        .nth(1)
        .expect("the README has the section");
    let block = section
        .split("```rust,ignore\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("the section has the recipe");
    assert_eq!(block, recipe, "README recipe and tests/validate_recipe.rs differ");
}
