//! Properties of the wire layer: any JSON value through every field type, and through every
//! key of every aliyun_v2 fixture, comes back unchanged.
#![cfg(all(feature = "aliyun_v2", feature = "push_v7", feature = "csta", feature = "ccai_qm"))]

mod support;

use cc_events::aliyun_v2::{CallType, Event, NodeExitCode, SkillLevel};
use cc_events::wire::{
    CommaList, Embedded, Field, Flag, KeyValuePairs, List, LocalTime, Numeric, Rfc3339Time, UnixSecondsTime, WireValue,
};
use proptest::prelude::*;
use serde_json::{Map, Value};
use support::json_strategy::any_json;

fn round_trips<T: WireValue + std::fmt::Debug>(value: &Value) -> Result<(), TestCaseError> {
    let field: Field<T> = serde_json::from_value(value.clone()).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(&serde_json::to_value(&field).unwrap(), value, "{:?}", field);
    // Through text too, as the parsers read it.
    let text = serde_json::to_string(value).unwrap();
    let field: Field<T> = serde_json::from_str(&text).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(&serde_json::to_value(&field).unwrap(), value);
    // Whatever came, the deviations can be listed without panicking.
    let mut out = Vec::new();
    field.check_here(false, &mut cc_events::wire::JsonPath::root(), &mut out);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(support::cases(512)))]

    #[test]
    fn any_json_through_every_field_type(value in any_json()) {
        round_trips::<String>(&value)?;
        round_trips::<bool>(&value)?;
        round_trips::<serde_json::Number>(&value)?;
        round_trips::<Value>(&value)?;
        round_trips::<Map<String, Value>>(&value)?;
        round_trips::<Numeric>(&value)?;
        round_trips::<Flag>(&value)?;
        round_trips::<Rfc3339Time>(&value)?;
        round_trips::<UnixSecondsTime>(&value)?;
        round_trips::<LocalTime>(&value)?;
        round_trips::<CommaList>(&value)?;
        round_trips::<KeyValuePairs>(&value)?;
        round_trips::<Embedded<Map<String, Value>>>(&value)?;
        round_trips::<Embedded<List<SkillLevel>>>(&value)?;
        round_trips::<List<String>>(&value)?;
        round_trips::<CallType>(&value)?;
        round_trips::<NodeExitCode>(&value)?;
        round_trips::<SkillLevel>(&value)?;
        round_trips::<Box<SkillLevel>>(&value)?;
    }

    #[test]
    fn any_json_at_any_key_of_any_aliyun_fixture(
        // Names, not paths, so that a regression record holds no path of the machine.
        fixture in prop::sample::select(support::fixtures("aliyun_v2").iter().map(|path| support::stem(path)).collect::<Vec<_>>()),
        key_choice in any::<prop::sample::Index>(),
        value in any_json(),
        extra_key in "[a-zA-Z]{1,8}",
        extra in any_json(),
    ) {
        let path = support::fixture_dir("aliyun_v2").join(format!("{fixture}.json"));
        let mut payload: Map<String, Value> = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
        let keys: Vec<String> = payload.keys().filter(|key| key.as_str() != "eventType").cloned().collect();
        if !keys.is_empty() {
            payload.insert(keys[key_choice.index(keys.len())].clone(), value);
        }
        payload.entry(extra_key).or_insert(extra);
        let bytes = serde_json::to_vec(&payload).unwrap();
        let event = Event::from_slice(&bytes).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(serde_json::to_value(&event).unwrap(), Value::Object(payload));
        let _ = event.deviations();
    }
}
