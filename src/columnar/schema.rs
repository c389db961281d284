//! The Arrow schema of a common event.

use arrow_schema::{DataType, Field, Fields, Schema, TimeUnit};
use std::sync::Arc;

/// A dictionary-encoded text column: the value sets repeat a handful of values.
pub(crate) fn dictionary() -> DataType {
    DataType::Dictionary(Box::new(DataType::Int16), Box::new(DataType::Utf8))
}

/// A UTC timestamp in microseconds.
pub(crate) fn timestamp() -> DataType {
    DataType::Timestamp(TimeUnit::Microsecond, Some("UTC".into()))
}

pub(crate) fn party_fields() -> Fields {
    Fields::from(vec![
        Field::new("role", dictionary(), false),
        Field::new("id", DataType::Utf8, true),
        Field::new("number", DataType::Utf8, true),
        Field::new("agent_id", DataType::Utf8, true),
        Field::new("state", dictionary(), true),
    ])
}

pub(crate) fn cause_fields() -> Fields {
    Fields::from(vec![
        Field::new("code", dictionary(), false),
        Field::new("sip_code", DataType::UInt16, true),
        Field::new("vendor_text", DataType::Utf8, true),
    ])
}

pub(crate) fn reason_fields() -> Fields {
    Fields::from(vec![
        Field::new("code", DataType::Utf8, true),
        Field::new("label", DataType::Utf8, true),
    ])
}

/// The Arrow schema of [`crate::common::CommonEvent`], one column per key of its JSON form
/// (`time` split into `time`, `time_source`, `time_offset_seconds` and `time_original`; the
/// members of a newer format version, if any, kept as JSON text in `extra`).
pub fn schema() -> Arc<Schema> {
    let text = |name: &str| Field::new(name, DataType::Utf8, true);
    let dict = |name: &str| Field::new(name, dictionary(), true);
    Arc::new(Schema::new(vec![
        Field::new("format", dictionary(), false),
        Field::new("vendor", dictionary(), false),
        Field::new("vendor_event_type", DataType::Utf8, false),
        Field::new("kind", dictionary(), false),
        text("event_id"),
        text("tenant"),
        Field::new("time", timestamp(), true),
        dict("time_source"),
        Field::new("time_offset_seconds", DataType::Int32, true),
        text("time_original"),
        Field::new("sequence", DataType::UInt64, true),
        text("call_id"),
        text("leg_id"),
        Field::new(
            "related_call_ids",
            DataType::List(Arc::new(Field::new("item", DataType::Utf8, true))),
            false,
        ),
        text("agent_id"),
        Field::new("party", DataType::Struct(party_fields()), true),
        Field::new("counterparty", DataType::Struct(party_fields()), true),
        dict("direction"),
        text("caller"),
        text("callee"),
        text("queue"),
        dict("agent_state"),
        Field::new("not_ready_reason", DataType::Struct(reason_fields()), true),
        Field::new("cause", DataType::Struct(cause_fields()), true),
        dict("transfer_mode"),
        dict("divert_mode"),
        dict("abandon_phase"),
        dict("media"),
        // Members of a newer format version, as a JSON object's text (`None` when there are none).
        text("extra"),
    ]))
}
