//! A proptest strategy for any JSON value: nesting, numbers at the edges, escapes, unicode,
//! empty keys.

use proptest::prelude::*;
use serde_json::{Map, Number, Value};

fn number() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<u64>().prop_map(|n| Value::Number(n.into())),
        any::<i64>().prop_map(|n| Value::Number(n.into())),
        any::<f64>().prop_filter_map("finite", |f| Number::from_f64(f).map(Value::Number)),
        Just(Value::Number(u64::MAX.into())),
        Just(Value::Number(i64::MIN.into())),
        Just(Value::from(-0.0)),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        ".*",
        "[a-zA-Z_]{0,12}",
        Just(String::new()),
        Just("\"\\/\u{0}\u{1f}\u{7f}\u{fffd}\u{1F600}你好".to_owned()),
        "[0-9]{1,20}",
        Just("2021-04-14T02:34:00.447Z".to_owned()),
    ]
}

/// Any JSON value, up to a few levels deep.
pub fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        number(),
        text().prop_map(Value::String)
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((text(), inner), 0..6)
                .prop_map(|entries| Value::Object(entries.into_iter().collect::<Map<_, _>>())),
        ]
    })
}
