//! Parquet files partitioned by date and vendor, the layout Spark, DataFusion, Trino and
//! DuckDB read as one table: `date=YYYY-MM-DD/vendor=X/part-N.parquet`.

use super::{schema, to_batch};
use crate::common::CommonEvent;
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use std::collections::BTreeMap;
use std::fmt;
use std::fs::File;
use std::path::{Path, PathBuf};

/// How [`PartitionedWriter`] writes.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct WriterOptions {
    /// Events per record batch (and at most per write to a file): default 8192.
    pub batch_size: usize,
    /// Files open at once (one per partition being written): default 64. Past it, the least
    /// recently written file is finished; a later event of its partition starts the next
    /// `part-N`. This is what bounds memory on an endless stream that spans many days.
    pub max_open_files: usize,
}

impl Default for WriterOptions {
    fn default() -> Self {
        WriterOptions {
            batch_size: 8192,
            max_open_files: 64,
        }
    }
}

impl WriterOptions {
    /// Sets the batch size (at least 1).
    pub fn with_batch_size(mut self, batch_size: usize) -> Self {
        self.batch_size = batch_size.max(1);
        self
    }

    /// Sets how many files may be open at once (at least 1).
    pub fn with_max_open_files(mut self, max_open_files: usize) -> Self {
        self.max_open_files = max_open_files.max(1);
        self
    }
}

/// Writing a Parquet file failed: the file, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct WriteError {
    /// The file or folder being written.
    pub path: PathBuf,
    /// What went wrong (an I/O, Arrow or Parquet error's text).
    pub message: String,
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

impl std::error::Error for WriteError {}

fn failed(path: &Path, error: impl fmt::Display) -> WriteError {
    WriteError {
        path: path.to_owned(),
        message: error.to_string(),
    }
}

/// The partition folder of an event, relative to the output folder:
/// `date=2021-04-14/vendor=alibaba_cloud`. An event without a time goes to Hive's null
/// partition, `date=__HIVE_DEFAULT_PARTITION__`.
pub fn partition_of(event: &CommonEvent) -> PathBuf {
    let date = match &event.time {
        Some(time) => time.utc.format("%Y-%m-%d").to_string(),
        None => "__HIVE_DEFAULT_PARTITION__".to_owned(),
    };
    Path::new(&format!("date={date}")).join(format!("vendor={}", escape(&event.vendor.to_string())))
}

/// Hive's escaping of a partition value: anything but letters, digits, `-`, `_` and `.` as `%XX`.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

struct Open {
    path: PathBuf,
    writer: Option<ArrowWriter<File>>,
    pending: Vec<CommonEvent>,
    last_used: u64,
}

/// Writes common events as Parquet files partitioned by date and vendor, in batches.
/// [`PartitionedWriter::finish`] must be called: it writes what is pending and each file's
/// footer, and gives every file written.
pub struct PartitionedWriter {
    dir: PathBuf,
    options: WriterOptions,
    open: BTreeMap<PathBuf, Open>,
    written: Vec<PathBuf>,
    clock: u64,
}

impl PartitionedWriter {
    /// A writer into `dir` (created as needed). Existing `part-N` files are never overwritten:
    /// a new file takes the first free `N`.
    pub fn new(dir: impl Into<PathBuf>, options: WriterOptions) -> Self {
        PartitionedWriter {
            dir: dir.into(),
            options,
            open: BTreeMap::new(),
            written: Vec::new(),
            clock: 0,
        }
    }

    /// Adds one event; a partition's batch is written once it is full.
    pub fn write(&mut self, event: CommonEvent) -> Result<(), WriteError> {
        self.clock += 1;
        let partition = partition_of(&event);
        if !self.open.contains_key(&partition) {
            if self.open.len() >= self.options.max_open_files {
                self.close_least_recent()?;
            }
            let folder = self.dir.join(&partition);
            let path = next_free(&folder)?;
            self.open.insert(
                partition.clone(),
                Open {
                    path,
                    writer: None,
                    pending: Vec::new(),
                    last_used: 0,
                },
            );
        }
        let batch_size = self.options.batch_size;
        if let Some(open) = self.open.get_mut(&partition) {
            open.last_used = self.clock;
            open.pending.push(event);
            if open.pending.len() >= batch_size {
                flush(open)?;
            }
        }
        Ok(())
    }

    fn close_least_recent(&mut self) -> Result<(), WriteError> {
        let oldest = self
            .open
            .iter()
            .min_by_key(|(_, open)| open.last_used)
            .map(|(partition, _)| partition.clone());
        if let Some(open) = oldest.and_then(|partition| self.open.remove(&partition)) {
            self.written.push(close(open)?);
        }
        Ok(())
    }

    /// Writes what is pending, finishes every file, and gives the files written, sorted.
    pub fn finish(mut self) -> Result<Vec<PathBuf>, WriteError> {
        for (_, open) in std::mem::take(&mut self.open) {
            self.written.push(close(open)?);
        }
        self.written.sort();
        Ok(self.written)
    }
}

/// The first `part-N.parquet` of `folder` that does not exist yet.
fn next_free(folder: &Path) -> Result<PathBuf, WriteError> {
    std::fs::create_dir_all(folder).map_err(|error| failed(folder, error))?;
    let mut n = 0u64;
    loop {
        let path = folder.join(format!("part-{n}.parquet"));
        if !path.exists() {
            return Ok(path);
        }
        n += 1;
    }
}

fn flush(open: &mut Open) -> Result<(), WriteError> {
    if open.pending.is_empty() {
        return Ok(());
    }
    let batch = to_batch(&open.pending).map_err(|error| failed(&open.path, error))?;
    open.pending.clear();
    if open.writer.is_none() {
        let file = File::create_new(&open.path).map_err(|error| failed(&open.path, error))?;
        let properties = WriterProperties::builder().set_compression(Compression::SNAPPY).build();
        let writer =
            ArrowWriter::try_new(file, schema(), Some(properties)).map_err(|error| failed(&open.path, error))?;
        open.writer = Some(writer);
    }
    if let Some(writer) = open.writer.as_mut() {
        writer.write(&batch).map_err(|error| failed(&open.path, error))?;
    }
    Ok(())
}

fn close(mut open: Open) -> Result<PathBuf, WriteError> {
    flush(&mut open)?;
    if let Some(writer) = open.writer.take() {
        writer.close().map_err(|error| failed(&open.path, error))?;
    }
    Ok(open.path)
}
