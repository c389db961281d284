//! Pins what cc-events makes of every 7moor payload in `fixtures/push_v7/`: its schema and
//! event type, that it round-trips losslessly, how it departs from the vendor's
//! documentation, and its common event. One snapshot per payload; a vendor change, or a new
//! reading by cc-events, shows up as a snapshot diff.

use cc_events::common::ConvertOptions;

#[test]
fn vendor_fixtures_are_read_as_pinned() {
    let options = ConvertOptions::default();
    insta::glob!("../fixtures/push_v7", "*.json", |path| {
        let bytes = std::fs::read(path).unwrap();
        let report = cc_events::validate::validate(&bytes, &options).unwrap();
        assert!(report.lossless, "{}: not lossless", path.display());
        insta::assert_json_snapshot!(report);
    });
}

#[test]
fn the_documented_payloads_parse_strictly() {
    for case in ["callStatus", "cdr", "dialoutRing", "login", "logout"] {
        let bytes = std::fs::read(format!("fixtures/push_v7/{case}.json")).unwrap();
        if let Err(error) = cc_events::parse_strict(&bytes) {
            panic!("{case}: {error}");
        }
    }
}
