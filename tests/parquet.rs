//! Parquet: every bundled fixture written as partitioned Parquet files and read back with the
//! parquet crate's own reader gives the same rows with the same values.
#![cfg(all(feature = "aliyun_v2", feature = "push_v7", feature = "csta", feature = "ccai_qm"))]
#![cfg(feature = "parquet")]

mod support;

use cc_events::Schema;
use cc_events::columnar::arrow_array::types::Int16Type;
use cc_events::columnar::arrow_array::{
    Array, ArrayAccessor, DictionaryArray, RecordBatch, StringArray, StructArray, TimestampMicrosecondArray,
};
use cc_events::columnar::arrow_schema::{DataType, TimeUnit};
use cc_events::columnar::parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use cc_events::columnar::{PartitionedWriter, WriterOptions, from_batch, partition_of, schema, to_batch};
use cc_events::common::{CommonEvent, ConvertOptions};
use chrono::{DateTime, Utc};
use std::path::Path;
use support::*;

fn options() -> ConvertOptions {
    let received: DateTime<Utc> = "2021-01-01T00:00:00Z".parse().unwrap();
    ConvertOptions::default().with_received_at(received)
}

/// The common event of every bundled payload: fixtures and scenario streams.
fn every_bundled_event() -> Vec<CommonEvent> {
    let mut out = Vec::new();
    for schema in Schema::ALL {
        for path in fixtures(schema.as_str()) {
            let event = cc_events::parse(&std::fs::read(&path).unwrap()).unwrap();
            out.push(event.to_common(&options()));
        }
    }
    let scenarios = fixture_dir("aliyun_v2").join("scenarios");
    for entry in std::fs::read_dir(&scenarios).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|ext| ext == "ndjson") {
            for line in std::fs::read_to_string(&path)
                .unwrap()
                .lines()
                .filter(|l| !l.trim().is_empty())
            {
                out.push(cc_events::parse(line.as_bytes()).unwrap().to_common(&options()));
            }
        }
    }
    out
}

fn read(path: &Path) -> Vec<RecordBatch> {
    let file = std::fs::File::open(path).unwrap();
    let reader = ParquetRecordBatchReaderBuilder::try_new(file)
        .unwrap()
        .with_batch_size(5)
        .build()
        .unwrap();
    reader.map(|batch| batch.unwrap()).collect()
}

fn sorted(mut events: Vec<CommonEvent>) -> Vec<String> {
    let mut json: Vec<String> = events.drain(..).map(|e| serde_json::to_string(&e).unwrap()).collect();
    json.sort();
    json
}

#[test]
fn the_schema_is_dictionary_encoded_utc_and_nested() {
    let schema = schema();
    let dictionary = DataType::Dictionary(Box::new(DataType::Int16), Box::new(DataType::Utf8));
    for name in ["vendor", "kind", "direction", "agent_state", "media", "time_source"] {
        assert_eq!(schema.field_with_name(name).unwrap().data_type(), &dictionary, "{name}");
    }
    assert_eq!(
        schema.field_with_name("time").unwrap().data_type(),
        &DataType::Timestamp(TimeUnit::Microsecond, Some("UTC".into()))
    );
    let DataType::Struct(party) = schema.field_with_name("party").unwrap().data_type() else {
        panic!("party is a struct")
    };
    let names: Vec<&str> = party.iter().map(|f| f.name().as_str()).collect();
    assert_eq!(names, ["role", "id", "number", "agent_id", "state"]);
}

#[test]
fn a_batch_round_trips_every_bundled_event() {
    let events = every_bundled_event();
    assert!(events.len() > 300);
    let batch = to_batch(&events).unwrap();
    assert_eq!(batch.num_rows(), events.len());
    assert_eq!(from_batch(&batch).unwrap(), events);
}

#[test]
fn parquet_files_partitioned_by_date_and_vendor_read_back_the_same_rows() {
    let events = every_bundled_event();
    let scratch = support::scratch::Scratch::new("parquet");
    let dir = scratch.path();
    let mut writer = PartitionedWriter::new(dir, WriterOptions::default().with_batch_size(7).with_max_open_files(3));
    for event in &events {
        writer.write(event.clone()).unwrap();
    }
    let files = writer.finish().unwrap();
    assert!(files.len() > 3, "{files:?}");
    let mut back = Vec::new();
    for file in &files {
        let relative = file.strip_prefix(dir).unwrap();
        let parts: Vec<String> = relative.iter().map(|p| p.to_string_lossy().into_owned()).collect();
        assert_eq!(parts.len(), 3, "{relative:?}");
        let date = parts[0].strip_prefix("date=").expect("date=");
        assert!(
            date.len() == 10 && date.chars().filter(|c| *c == '-').count() == 2,
            "{date}"
        );
        assert!(parts[1].starts_with("vendor="), "{relative:?}");
        assert!(
            parts[2].starts_with("part-") && parts[2].ends_with(".parquet"),
            "{relative:?}"
        );
        for batch in read(file) {
            assert!(batch.num_rows() <= 5, "the reader's batch size");
            // The columns as the parquet crate reads them: dictionaries, UTC microseconds.
            let kinds = batch.column_by_name("kind").unwrap();
            let kinds = kinds
                .as_any()
                .downcast_ref::<DictionaryArray<Int16Type>>()
                .expect("kind is a dictionary");
            let kinds = kinds.downcast_dict::<StringArray>().unwrap();
            let times = batch.column_by_name("time").unwrap();
            let times = times
                .as_any()
                .downcast_ref::<TimestampMicrosecondArray>()
                .expect("UTC micros");
            assert_eq!(times.timezone(), Some("UTC"));
            let parties = batch.column_by_name("party").unwrap();
            let parties = parties
                .as_any()
                .downcast_ref::<StructArray>()
                .expect("party is a struct");
            let rows = from_batch(&batch).unwrap();
            for (i, row) in rows.iter().enumerate() {
                assert_eq!(kinds.value(i), row.kind.as_str());
                assert_eq!(times.value(i), row.time.as_ref().unwrap().utc.timestamp_micros());
                assert_eq!(parties.is_valid(i), row.party.is_some());
                // Every row is in the folder of its own partition.
                assert_eq!(relative.parent().unwrap(), partition_of(row), "{relative:?}");
            }
            back.extend(rows);
        }
    }
    assert_eq!(back.len(), events.len());
    assert_eq!(sorted(back), sorted(events));
    // Another run into the same folder adds files, never overwrites.
    let mut again = PartitionedWriter::new(dir, WriterOptions::default());
    again.write(every_bundled_event().remove(0)).unwrap();
    let added = again.finish().unwrap();
    assert!(!files.contains(&added[0]), "{added:?}");
}
