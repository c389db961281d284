//! Common events to one Arrow record batch, and back, through their JSON form (so that every
//! value set, present or future, is a dictionary of its `snake_case` texts).

use super::schema::{cause_fields, party_fields, reason_fields, schema};
use crate::common::CommonEvent;
use arrow_array::builder::{ListBuilder, StringBuilder, StringDictionaryBuilder};
use arrow_array::types::Int16Type;
use arrow_array::{
    Array, ArrayRef, DictionaryArray, Int32Array, ListArray, RecordBatch, StringArray, StructArray,
    TimestampMicrosecondArray, UInt16Array, UInt64Array,
};
use arrow_schema::{ArrowError, Fields};
use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{Map, Value};
use std::sync::Arc;

/// The value at `pointer`, `null` counting as absent.
fn at<'a>(row: &'a Value, pointer: &str) -> Option<&'a Value> {
    row.pointer(pointer).filter(|value| !value.is_null())
}

fn texts<'a>(rows: &'a [Value], pointer: &str) -> Vec<Option<&'a str>> {
    rows.iter()
        .map(|row| at(row, pointer).and_then(Value::as_str))
        .collect()
}

fn dictionary(rows: &[Value], pointer: &str) -> Result<ArrayRef, ArrowError> {
    let mut builder = StringDictionaryBuilder::<Int16Type>::new();
    for value in texts(rows, pointer) {
        match value {
            Some(value) => {
                builder.append(value)?;
            }
            None => builder.append_null(),
        }
    }
    Ok(Arc::new(builder.finish()))
}

fn text(rows: &[Value], pointer: &str) -> ArrayRef {
    Arc::new(StringArray::from(texts(rows, pointer)))
}

fn micros(text: &str) -> Result<i64, ArrowError> {
    text.parse::<DateTime<Utc>>()
        .map(|time| time.timestamp_micros())
        .map_err(|error| ArrowError::InvalidArgumentError(format!("time {text:?}: {error}")))
}

fn structure(rows: &[Value], pointer: &str, fields: Fields, children: Vec<ArrayRef>) -> Result<ArrayRef, ArrowError> {
    let present: Vec<bool> = rows.iter().map(|row| at(row, pointer).is_some()).collect();
    Ok(Arc::new(StructArray::try_new(fields, children, Some(present.into()))?))
}

fn party(rows: &[Value], pointer: &str) -> Result<ArrayRef, ArrowError> {
    let children = vec![
        dictionary(rows, &format!("{pointer}/role"))?,
        text(rows, &format!("{pointer}/id")),
        text(rows, &format!("{pointer}/number")),
        text(rows, &format!("{pointer}/agent_id")),
        dictionary(rows, &format!("{pointer}/state"))?,
    ];
    structure(rows, pointer, party_fields(), children)
}

/// The events as one record batch of [`schema`].
pub fn to_batch(events: &[CommonEvent]) -> Result<RecordBatch, ArrowError> {
    let rows: Vec<Value> = events
        .iter()
        .map(serde_json::to_value)
        .collect::<Result<_, _>>()
        .map_err(|error| ArrowError::ExternalError(Box::new(error)))?;
    let times: Vec<Option<i64>> = texts(&rows, "/time/utc")
        .into_iter()
        .map(|t| t.map(micros).transpose())
        .collect::<Result<_, _>>()?;
    let offsets: Vec<Option<i32>> = rows
        .iter()
        .map(|row| {
            at(row, "/time/source/offset_seconds")
                .and_then(Value::as_i64)
                .and_then(|n| i32::try_from(n).ok())
        })
        .collect();
    let sequences: Vec<Option<u64>> = rows
        .iter()
        .map(|row| at(row, "/sequence").and_then(Value::as_u64))
        .collect();
    let mut related = ListBuilder::new(StringBuilder::new());
    for row in &rows {
        for id in at(row, "/related_call_ids")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            related.values().append_option(id.as_str());
        }
        related.append(true);
    }
    let sip: Vec<Option<u16>> = rows
        .iter()
        .map(|row| {
            at(row, "/cause/sip_code")
                .and_then(Value::as_u64)
                .and_then(|n| u16::try_from(n).ok())
        })
        .collect();
    let extra: Vec<Option<String>> = events
        .iter()
        .map(|event| (!event.extra.is_empty()).then(|| Value::Object(event.extra.clone()).to_string()))
        .collect();
    let columns: Vec<ArrayRef> = vec![
        dictionary(&rows, "/format")?,
        dictionary(&rows, "/vendor")?,
        text(&rows, "/vendor_event_type"),
        dictionary(&rows, "/kind")?,
        text(&rows, "/event_id"),
        text(&rows, "/tenant"),
        Arc::new(TimestampMicrosecondArray::from(times).with_timezone("UTC")),
        dictionary(&rows, "/time/source/type")?,
        Arc::new(Int32Array::from(offsets)),
        text(&rows, "/time/original"),
        Arc::new(UInt64Array::from(sequences)),
        text(&rows, "/call_id"),
        text(&rows, "/leg_id"),
        Arc::new(related.finish()),
        text(&rows, "/agent_id"),
        party(&rows, "/party")?,
        party(&rows, "/counterparty")?,
        dictionary(&rows, "/direction")?,
        text(&rows, "/caller"),
        text(&rows, "/callee"),
        text(&rows, "/queue"),
        dictionary(&rows, "/agent_state")?,
        structure(
            &rows,
            "/not_ready_reason",
            reason_fields(),
            vec![
                text(&rows, "/not_ready_reason/code"),
                text(&rows, "/not_ready_reason/label"),
            ],
        )?,
        structure(
            &rows,
            "/cause",
            cause_fields(),
            vec![
                dictionary(&rows, "/cause/code")?,
                Arc::new(UInt16Array::from(sip)),
                text(&rows, "/cause/vendor_text"),
            ],
        )?,
        dictionary(&rows, "/transfer_mode")?,
        dictionary(&rows, "/divert_mode")?,
        dictionary(&rows, "/abandon_phase")?,
        dictionary(&rows, "/media")?,
        Arc::new(StringArray::from(extra)),
    ];
    RecordBatch::try_new(schema(), columns)
}

fn wrong(name: &str, expected: &str) -> ArrowError {
    ArrowError::SchemaError(format!("column {name}: expected {expected}"))
}

fn downcast<'a, T: 'static>(array: &'a ArrayRef, name: &str, expected: &str) -> Result<&'a T, ArrowError> {
    array.as_any().downcast_ref::<T>().ok_or_else(|| wrong(name, expected))
}

fn column<'a>(columns: &'a [(&str, &ArrayRef)], name: &str) -> Result<&'a ArrayRef, ArrowError> {
    columns
        .iter()
        .find(|(column, _)| *column == name)
        .map(|(_, array)| *array)
        .ok_or_else(|| wrong(name, "a column of the common event schema"))
}

/// The text values of a dictionary or plain text column.
fn strings(array: &ArrayRef, name: &str) -> Result<Vec<Option<String>>, ArrowError> {
    if let Some(dictionary) = array.as_any().downcast_ref::<DictionaryArray<Int16Type>>() {
        let typed = dictionary
            .downcast_dict::<StringArray>()
            .ok_or_else(|| wrong(name, "a dictionary of texts"))?;
        return Ok(typed.into_iter().map(|value| value.map(str::to_owned)).collect());
    }
    let texts = downcast::<StringArray>(array, name, "texts")?;
    Ok(texts.iter().map(|value| value.map(str::to_owned)).collect())
}

/// Puts `value` at `key` of `object` when there is one.
fn put(object: &mut Map<String, Value>, key: &str, value: Option<Value>) {
    if let Some(value) = value {
        object.insert(key.to_owned(), value);
    }
}

/// Reads the children `names` of a struct column into one JSON object per row (`None` where
/// the struct is null).
fn objects(array: &ArrayRef, name: &str, names: &[&str]) -> Result<Vec<Option<Map<String, Value>>>, ArrowError> {
    let structure = downcast::<StructArray>(array, name, "a struct")?;
    let mut out: Vec<Option<Map<String, Value>>> = (0..structure.len())
        .map(|i| structure.is_valid(i).then(Map::new))
        .collect();
    for child in names {
        let values = structure
            .column_by_name(child)
            .ok_or_else(|| wrong(name, "the common event's struct fields"))?;
        let json: Vec<Option<Value>> = if let Some(numbers) = values.as_any().downcast_ref::<UInt16Array>() {
            numbers.iter().map(|n| n.map(Value::from)).collect()
        } else {
            strings(values, name)?
                .into_iter()
                .map(|s| s.map(Value::String))
                .collect()
        };
        for (object, value) in out.iter_mut().zip(json) {
            if let Some(object) = object {
                put(object, child, value);
            }
        }
    }
    Ok(out)
}

/// The events of a record batch of [`schema`] (as written by [`to_batch`], or read back from
/// Parquet).
pub fn from_batch(batch: &RecordBatch) -> Result<Vec<CommonEvent>, ArrowError> {
    let schema = batch.schema();
    let columns: Vec<(&str, &ArrayRef)> = schema
        .fields()
        .iter()
        .map(|field| field.name().as_str())
        .zip(batch.columns())
        .collect();
    let mut rows: Vec<Map<String, Value>> = vec![Map::new(); batch.num_rows()];
    let set_texts = |rows: &mut Vec<Map<String, Value>>, name: &str| -> Result<(), ArrowError> {
        for (row, value) in rows.iter_mut().zip(strings(column(&columns, name)?, name)?) {
            put(row, name, value.map(Value::String));
        }
        Ok(())
    };
    for name in [
        "format",
        "vendor",
        "vendor_event_type",
        "kind",
        "event_id",
        "tenant",
        "call_id",
        "leg_id",
        "agent_id",
        "direction",
        "caller",
        "callee",
        "queue",
        "agent_state",
        "transfer_mode",
        "divert_mode",
        "abandon_phase",
        "media",
    ] {
        set_texts(&mut rows, name)?;
    }
    let times = downcast::<TimestampMicrosecondArray>(column(&columns, "time")?, "time", "UTC microseconds")?;
    let sources = strings(column(&columns, "time_source")?, "time_source")?;
    let offsets = downcast::<Int32Array>(column(&columns, "time_offset_seconds")?, "time_offset_seconds", "Int32")?;
    let originals = strings(column(&columns, "time_original")?, "time_original")?;
    let sequences = downcast::<UInt64Array>(column(&columns, "sequence")?, "sequence", "UInt64")?;
    let related = downcast::<ListArray>(column(&columns, "related_call_ids")?, "related_call_ids", "a list")?;
    for (i, row) in rows.iter_mut().enumerate() {
        if times.is_valid(i) {
            let utc = DateTime::<Utc>::from_timestamp_micros(times.value(i))
                .ok_or_else(|| wrong("time", "a time in chrono's range"))?;
            let mut source = Map::new();
            put(
                &mut source,
                "type",
                sources.get(i).cloned().flatten().map(Value::String),
            );
            put(
                &mut source,
                "offset_seconds",
                offsets.is_valid(i).then(|| Value::from(offsets.value(i))),
            );
            let mut time = Map::new();
            time.insert(
                "utc".to_owned(),
                Value::String(utc.to_rfc3339_opts(SecondsFormat::AutoSi, true)),
            );
            time.insert("source".to_owned(), Value::Object(source));
            put(
                &mut time,
                "original",
                originals.get(i).cloned().flatten().map(Value::String),
            );
            row.insert("time".to_owned(), Value::Object(time));
        }
        if sequences.is_valid(i) {
            row.insert("sequence".to_owned(), Value::from(sequences.value(i)));
        }
        if related.is_valid(i) {
            let ids = related.value(i);
            let ids = ids
                .as_any()
                .downcast_ref::<StringArray>()
                .ok_or_else(|| wrong("related_call_ids", "a list of texts"))?;
            let ids: Vec<Value> = ids.iter().flatten().map(|id| Value::String(id.to_owned())).collect();
            if !ids.is_empty() {
                row.insert("related_call_ids".to_owned(), Value::Array(ids));
            }
        }
    }
    for (name, children) in [
        ("party", &["role", "id", "number", "agent_id", "state"][..]),
        ("counterparty", &["role", "id", "number", "agent_id", "state"][..]),
        ("not_ready_reason", &["code", "label"][..]),
        ("cause", &["code", "sip_code", "vendor_text"][..]),
    ] {
        for (row, object) in rows.iter_mut().zip(objects(column(&columns, name)?, name, children)?) {
            put(row, name, object.map(Value::Object));
        }
    }
    let extras = strings(column(&columns, "extra")?, "extra")?;
    for (row, extra) in rows.iter_mut().zip(extras) {
        if let Some(text) = extra {
            let Ok(Value::Object(members)) = serde_json::from_str::<Value>(&text) else {
                return Err(wrong("extra", "a JSON object's text"));
            };
            row.extend(members);
        }
    }
    rows.into_iter()
        .map(|row| {
            serde_json::from_value(Value::Object(row)).map_err(|error| ArrowError::ExternalError(Box::new(error)))
        })
        .collect()
}
