//! CloudEvents: every line written for every bundled fixture is a valid CloudEvents 1.0 JSON
//! event (the specification's schema, formats checked), with stable ids.
#![cfg(all(feature = "aliyun_v2", feature = "push_v7", feature = "csta", feature = "ccai_qm"))]
#![cfg(feature = "cloudevents")]

mod support;

use cc_events::Schema;
use cc_events::ccai_qm::chat::ChatEvent;
use cc_events::cloudevents::{CloudEvent, CloudEventOptions};
use cc_events::common::{CommonEvent, ConvertOptions};
use chrono::{DateTime, Utc};
use serde_json::Value;
use std::collections::HashMap;
use support::*;

fn options() -> ConvertOptions {
    let received: DateTime<Utc> = "2021-01-01T00:00:00Z".parse().unwrap();
    ConvertOptions::default().with_received_at(received)
}

/// Every bundled payload (fixtures and scenario streams) with its common event and its
/// CloudEvent, with the payload carried and without.
fn every_bundled_event() -> Vec<(String, Value, CommonEvent, CloudEvent, CloudEvent)> {
    let with = CloudEventOptions::default().with_payload(true);
    let without = CloudEventOptions::default();
    let mut out = Vec::new();
    let mut push = |name: String, bytes: &[u8]| {
        let payload: Value = serde_json::from_slice(bytes).unwrap();
        let event = cc_events::parse(bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        let common = event.to_common(&options());
        let a = CloudEvent::from_event(&event, &common, &with);
        let b = CloudEvent::from_event(&event, &common, &without);
        out.push((name, payload, common, a, b));
    };
    for schema in Schema::ALL {
        for path in fixtures(schema.as_str()) {
            push(path.display().to_string(), &std::fs::read(&path).unwrap());
        }
    }
    let scenarios = fixture_dir("aliyun_v2").join("scenarios");
    for entry in std::fs::read_dir(&scenarios).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|ext| ext == "ndjson") {
            let text = std::fs::read_to_string(&path).unwrap();
            for (n, line) in text.lines().enumerate().filter(|(_, line)| !line.trim().is_empty()) {
                push(format!("{}:{}", path.display(), n + 1), line.as_bytes());
            }
        }
    }
    out
}

#[test]
fn every_cloudevents_line_validates_against_the_specification_schema() {
    let schema: Value = serde_json::from_str(include_str!("data/cloudevents-1.0.schema.json")).unwrap();
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap();
    // The validator has teeth: formats are checked.
    let bad = serde_json::json!({"specversion": "1.0", "id": "1", "type": "t", "source": "/s", "time": "yesterday"});
    assert!(!validator.is_valid(&bad));
    assert!(!validator.is_valid(&serde_json::json!({"specversion": "1.0", "id": "", "type": "t", "source": "/s"})));
    let events = every_bundled_event();
    assert!(events.len() > 250, "only {} events", events.len());
    for (name, payload, common, with, without) in &events {
        for cloud in [with, without] {
            let line = serde_json::to_string(cloud).unwrap();
            assert!(!line.contains('\n'), "{name}: one line per event");
            let value: Value = serde_json::from_str(&line).unwrap();
            let errors: Vec<String> = validator.iter_errors(&value).map(|e| e.to_string()).collect();
            assert!(errors.is_empty(), "{name}: {errors:?}\n{line}");
            // What the schema leaves open, the specification still requires.
            assert_eq!(value["specversion"], "1.0");
            assert_eq!(value["datacontenttype"], "application/json");
            let event_type = value["type"].as_str().unwrap();
            assert_eq!(
                event_type,
                format!("dev.cc-events.{}.v1", common.kind.as_str()),
                "{name}"
            );
            assert!(
                value["source"]
                    .as_str()
                    .unwrap()
                    .starts_with(&format!("/{}", common.vendor))
            );
            let time = value["time"].as_str().expect("every bundled event has a time");
            assert!(time.ends_with('Z'), "{name}: {time}");
            assert_eq!(serde_json::from_value::<CloudEvent>(value.clone()).unwrap(), *cloud);
        }
        // The data is the common event; the payload, when asked for, comes whole.
        let mut data = with.data.clone();
        let carried = data.as_object_mut().unwrap().remove("vendor_payload");
        assert_eq!(carried.as_ref(), Some(payload), "{name}");
        assert_eq!(data, serde_json::to_value(common).unwrap());
        assert_eq!(without.data, data);
        assert_eq!(with.id, without.id, "carrying the payload does not change the id");
    }
}

#[test]
fn ids_are_equal_exactly_when_the_input_is() {
    let events = every_bundled_event();
    let mut seen: HashMap<&str, (&str, String)> = HashMap::new();
    for (name, payload, common, with, _) in &events {
        // The input: the payload, and the receive time when the time is the receive time.
        let input = format!("{}{payload}{:?}", common.vendor, common.time);
        assert_eq!(with.id.len(), 32, "{name}");
        if let Some((other, other_input)) = seen.get(with.id.as_str()) {
            assert_eq!(*other_input, input, "{name} and {other} share an id");
        }
        seen.insert(with.id.as_str(), (name.as_str(), input));
    }
    assert!(seen.len() > 200);
}

#[test]
fn a_replay_gets_the_same_ids_and_key_order_does_not_matter() {
    let bytes =
        br#"{"eventTime":"2021-04-14T02:34:00.447Z","eventType":"AgentCheckIn","instanceId":"i","agentId":"a@i"}"#;
    let reordered =
        br#"{"agentId":"a@i","instanceId":"i","eventType":"AgentCheckIn","eventTime":"2021-04-14T02:34:00.447Z"}"#;
    let id = |bytes: &[u8], received: &str| {
        let event = cc_events::parse(bytes).unwrap();
        let received: DateTime<Utc> = received.parse().unwrap();
        let common = event.to_common(&ConvertOptions::default().with_received_at(received));
        CloudEvent::from_event(&event, &common, &CloudEventOptions::default()).id
    };
    let first = id(bytes, "2021-01-01T00:00:00Z");
    assert_eq!(first, id(bytes, "2021-01-01T00:00:00Z"));
    assert_eq!(first, id(reordered, "2021-01-01T00:00:00Z"));
    // The payload has its own time: when it was received does not make it another event.
    assert_eq!(first, id(bytes, "2022-02-02T00:00:00Z"));
    // A CCAI snapshot has no time: the same bytes received later are another event.
    let ccai = br#"{"type":"CallState","item":{"CallID":"c","State":"connected"}}"#;
    assert_ne!(id(ccai, "2021-01-01T00:00:00Z"), id(ccai, "2021-01-01T00:00:05Z"));
    assert_eq!(id(ccai, "2021-01-01T00:00:00Z"), id(ccai, "2021-01-01T00:00:00Z"));
    // The id is a fixed function of the input: pinned, so that it never changes silently.
    insta::assert_snapshot!(first);
}

#[test]
fn subject_source_and_type_follow_the_event() {
    let event = cc_events::parse(&std::fs::read(fixture_dir("aliyun_v2").join("Released.json")).unwrap()).unwrap();
    let common = event.to_common(&options());
    let options = CloudEventOptions::default().with_type_prefix("com.example.cc");
    let cloud = CloudEvent::from_event(&event, &common, &options);
    assert_eq!(cloud.event_type, "com.example.cc.connection_cleared.v1");
    assert_eq!(
        cloud.subject.as_deref(),
        Some("job-f8e9639a-81b8-4740-8af7-c13cc1553919")
    );
    assert_eq!(cloud.source, "/alibaba_cloud/report-test-2");
    let agent = cc_events::parse(&std::fs::read(fixture_dir("aliyun_v2").join("AgentBreak.json")).unwrap()).unwrap();
    let common = agent.to_common(&ConvertOptions::default());
    let cloud = CloudEvent::from_common(&common, &CloudEventOptions::default());
    assert_eq!(
        cloud.subject.as_deref(),
        Some("test@report-test-2"),
        "agent kinds name the agent"
    );
    let chat =
        ChatEvent::from_slice(&std::fs::read(fixture_dir("ccai_chat").join("waiting-for-assignment.json")).unwrap())
            .unwrap();
    let common = chat.to_common(&ConvertOptions::default().with_tenant("acme corp"));
    let cloud = CloudEvent::from_event(&chat, &common, &CloudEventOptions::default());
    assert_eq!(cloud.source, "/google_ccai/acme%20corp");
    assert_eq!(cloud.subject.as_deref(), Some("196"));
    assert_eq!(cloud.data["media"], "chat");
}

#[test]
fn the_readme_shows_the_line_the_crate_writes() {
    let bytes = br#"{"eventTime":"2021-04-14T02:34:00.447Z","eventType":"AgentCheckIn","instanceId":"report-test-2","agentId":"test@report-test-2"}"#;
    let event = cc_events::parse(bytes).unwrap();
    let common = event.to_common(&ConvertOptions::default());
    let line = serde_json::to_string(&CloudEvent::from_event(&event, &common, &CloudEventOptions::default())).unwrap();
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    assert!(
        readme.contains(&line),
        "README's CloudEvents example is stale; it should show:\n{line}"
    );
}
