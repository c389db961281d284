//! Common events as Arrow record batches and Parquet files (feature `parquet`), for the
//! engines users run at scale: Spark, DataFusion, Trino, DuckDB.
//!
//! * [`schema`]: the Arrow schema of a common event: every `snake_case` value set (vendor,
//!   kind, states, roles, causes, modes) dictionary-encoded, `time` a UTC timestamp
//!   (microseconds), the parties, the cause and the not-ready reason nested structs,
//!   `related_call_ids` a list.
//! * [`to_batch`] / [`from_batch`]: events to one record batch and back, losslessly (a test
//!   writes every bundled fixture and reads it back with the parquet crate's own reader).
//! * [`PartitionedWriter`]: Parquet files partitioned by date and vendor,
//!   `date=YYYY-MM-DD/vendor=X/part-N.parquet`, written in batches of a configurable size.
//!
//! The columns follow the common JSON (one column per key, nested objects as structs), and
//! values are taken from and given back as that JSON: a value set gaining a variant needs no
//! change here. `time` keeps microseconds (a finer receive time is truncated).
//!
//! ```
//! use cc_events::columnar::{PartitionedWriter, WriterOptions};
//! use cc_events::common::ConvertOptions;
//! let bytes = br#"{"eventTime":"2021-04-14T02:34:00.447Z","eventType":"AgentCheckIn",
//!     "instanceId":"report-test-2","agentId":"test@report-test-2"}"#;
//! let common = cc_events::parse(bytes)?.to_common(&ConvertOptions::default());
//! let dir = std::env::temp_dir().join(format!("cc-events-doc-{}", std::process::id()));
//! let mut writer = PartitionedWriter::new(&dir, WriterOptions::default());
//! writer.write(common)?;
//! let files = writer.finish()?;
//! assert!(files[0].ends_with("date=2021-04-14/vendor=alibaba_cloud/part-0.parquet"));
//! # std::fs::remove_dir_all(&dir)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod batch;
mod schema;
mod write;

/// The Arrow and Parquet crates this module writes with, re-exported so that a reader uses
/// the same versions (`cc_events::columnar::parquet::arrow::arrow_reader` reads the files).
pub use {arrow_array, arrow_schema, parquet};

pub use batch::{from_batch, to_batch};
pub use schema::schema;
pub use write::{PartitionedWriter, WriteError, WriterOptions, partition_of};
