//! The crate's main job: read contact-center payloads of any of the crate's schemas and print
//! each as one common event per line.
//!
//! ```text
//! cargo run --release --bin normalize -- [OPTIONS] [PATH ...]
//! ```
//! Run with `--help` for the details. Output goes through [`Out`], which turns a closed pipe
//! into a quiet stop with exit status 3, never a panic.

mod args;
mod out;
mod track;
mod walk;

use cc_events::common::{CommonEvent, ConvertOptions, EventKind};
use cc_events::read::{CommonDocument, Document, Position, Reader};
use cc_events::{AnyEvent, Schema};
use out::{Cut, Out};
use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::process::ExitCode;
use walk::{Found, Walk};

/// Where a document starts, as diagnostics say it (built only when one is written).
fn where_in(position: Position) -> String {
    format!(":{} (byte {})", position.line, position.byte_offset)
}

/// What a run counted.
#[derive(Default)]
struct Summary {
    read: u64,
    converted: u64,
    failed: u64,
    skipped: u64,
    per_schema: BTreeMap<Schema, u64>,
    per_kind: BTreeMap<EventKind, u64>,
}

struct Run {
    args: args::Args,
    options: ConvertOptions,
    out: Out,
    summary: Summary,
    /// The Parquet files being written, for `--format parquet`.
    #[cfg(feature = "parquet")]
    parquet: Option<cc_events::columnar::PartitionedWriter>,
    tracking: Option<track::Tracking>,
}

impl Run {
    fn fail(&mut self, source: &str, at: &str, message: impl std::fmt::Display) -> Result<(), Cut> {
        self.summary.failed += 1;
        self.out.diagnostic(format_args!("{source}{at}: {message}"))
    }

    fn skip(&mut self, source: &str, why: &str) -> Result<(), Cut> {
        self.summary.skipped += 1;
        self.out.diagnostic(format_args!("{source}: skipped: {why}"))
    }

    /// Reads one stream, document by document.
    fn stream(&mut self, source: &str, input: impl BufRead) -> Result<(), Cut> {
        let mut reader = Reader::new(input);
        if let Some(limit) = self.args.max_document_bytes {
            reader = reader.max_document_bytes(limit);
        }
        if self.common_only() {
            // Only common events are written: the reader skips what no conversion reads.
            let options = self.options.clone();
            while let Some(found) = reader.next_common(&options) {
                match found {
                    Ok(document) => self.common_document(source, document)?,
                    Err(error) => return self.read_error(source, reader.next_position(), error),
                }
            }
            return Ok(());
        }
        while let Some(found) = reader.next_document() {
            match found {
                Ok(document) => self.document(source, document)?,
                Err(error) => return self.read_error(source, reader.next_position(), error),
            }
        }
        Ok(())
    }

    fn read_error(&mut self, source: &str, at: Position, error: io::Error) -> Result<(), Cut> {
        self.fail(source, &format!(":{}", at.line), format_args!("read error: {error}"))
    }

    /// Whether each document is wanted as its common event alone: no round trip, no
    /// deviations, no tracking, and a format that writes nothing of the vendor's event.
    fn common_only(&self) -> bool {
        let format_common = match self.args.format {
            args::Format::Common => true,
            #[cfg(feature = "parquet")]
            args::Format::Parquet => true,
            #[cfg(feature = "cloudevents")]
            args::Format::CloudEvents => false,
        };
        format_common && !self.args.check && !self.args.strict && self.tracking.is_none()
    }

    /// A document read straight into the common vocabulary ([`Run::common_only`]).
    fn common_document(&mut self, source: &str, document: CommonDocument<'_>) -> Result<(), Cut> {
        self.summary.read += 1;
        let common = match document.result {
            Ok(common) => common,
            Err(error) => return self.fail(source, &where_in(document.position), error),
        };
        if let Some(schema) = document.schema {
            *self.summary.per_schema.entry(schema).or_default() += 1;
        }
        let common = self.received_now(common);
        self.write_common(source, document.position, common)
    }

    /// Without `--received-at`, the receive time of a payload that has none is the moment it
    /// is read (with it, the conversion's options already hold it).
    fn received_now(&self, common: CommonEvent) -> CommonEvent {
        match self.args.received_at {
            Some(_) => common,
            None => common.with_received_at(std::time::SystemTime::now().into()),
        }
    }

    /// Counts one converted document, of `kind` when it has one.
    fn count_converted(&mut self, kind: Option<EventKind>) {
        if let Some(kind) = kind {
            *self.summary.per_kind.entry(kind).or_default() += 1;
        }
        self.summary.converted += 1;
    }

    /// Counts and writes a common event, as `--format common` or `parquet` write it.
    #[cfg_attr(not(feature = "parquet"), allow(unused_variables))]
    fn write_common(&mut self, source: &str, position: Position, common: CommonEvent) -> Result<(), Cut> {
        self.count_converted(Some(common.kind.clone()));
        match self.args.format {
            #[cfg(feature = "parquet")]
            args::Format::Parquet => match self.parquet.as_mut().map(|writer| writer.write(common)) {
                Some(Err(error)) => self.fail(source, &where_in(position), error),
                _ => Ok(()),
            },
            _ => self.out.event(&common),
        }
    }

    fn document(&mut self, source: &str, document: Document<'_>) -> Result<(), Cut> {
        self.summary.read += 1;
        let event = match document.result {
            Ok(event) => event,
            Err(error) => return self.fail(source, &where_in(document.position), error),
        };
        if self.args.check {
            if let Err(message) = round_trip(document.bytes, &event) {
                return self.fail(source, &where_in(document.position), message);
            }
        }
        if self.args.strict {
            let deviations = event.deviations();
            if let Some(first) = deviations.first() {
                let more = match deviations.len() - 1 {
                    0 => String::new(),
                    n => format!(" (and {n} more)"),
                };
                let schema = event.schema();
                return self.fail(
                    source,
                    &where_in(document.position),
                    format_args!("{schema}: deviates from the documentation: {first}{more}"),
                );
            }
        }
        if let Some(tracking) = &mut self.tracking {
            let received = self
                .args
                .received_at
                .or_else(|| Some(std::time::SystemTime::now().into()));
            let kind = tracking.track(&event, received, &mut self.out)?;
            *self.summary.per_schema.entry(event.schema()).or_default() += 1;
            self.count_converted(kind);
            return Ok(());
        }
        let common = self.received_now(event.to_common(&self.options));
        *self.summary.per_schema.entry(event.schema()).or_default() += 1;
        match self.args.format {
            #[cfg(feature = "cloudevents")]
            args::Format::CloudEvents => {
                self.count_converted(Some(common.kind.clone()));
                let options = cc_events::cloudevents::CloudEventOptions::default();
                let cloud = cc_events::cloudevents::CloudEvent::from_event(&event, &common, &options);
                self.out.event(&cloud)
            }
            _ => self.write_common(source, document.position, common),
        }
    }

    /// Finishes the Parquet files, if any, and says how many were written.
    #[cfg(feature = "parquet")]
    fn finish_parquet(&mut self) -> Result<(), Cut> {
        match self.parquet.take().map(cc_events::columnar::PartitionedWriter::finish) {
            Some(Ok(files)) => self.out.diagnostic(format_args!(
                "{} written",
                count(files.len() as u64, "Parquet file", "Parquet files")
            )),
            Some(Err(error)) => self.fail("", "", error),
            None => Ok(()),
        }
    }

    fn all(&mut self) -> Result<(), Cut> {
        let mut walk = Walk::new();
        let mut found = Vec::new();
        let paths = std::mem::take(&mut self.args.paths);
        if paths.is_empty() {
            found.push(Found::Stdin);
        }
        for path in &paths {
            walk.named(std::path::Path::new(path), &mut found);
        }
        for item in found {
            match item {
                Found::Stdin => self.stream("<stdin>", io::stdin().lock())?,
                Found::Skipped { path, why } => self.skip(&path.display().to_string(), &why)?,
                Found::File(path) => {
                    let name = path.display().to_string();
                    match File::open(&path) {
                        Ok(file) => self.stream(&name, BufReader::with_capacity(1 << 16, file))?,
                        Err(error) => self.skip(&name, &error.to_string())?,
                    }
                }
            }
        }
        if let Some(tracking) = &mut self.tracking {
            tracking.finish(&mut self.out)?;
        }
        self.out.flush()
    }

    fn report(&mut self) -> Result<(), Cut> {
        let s = &self.summary;
        let line = if s.read == 0 && s.skipped == 0 {
            "no documents read: the input is empty".to_owned()
        } else {
            format!(
                "{} read, {} converted, {} failed, {} skipped",
                count(s.read, "document", "documents"),
                s.converted,
                s.failed,
                count(s.skipped, "input", "inputs"),
            )
        };
        let mut lines = vec![line];
        for (schema, n) in &s.per_schema {
            lines.push(format!("  schema {schema:<10} {n}"));
        }
        for (kind, n) in &s.per_kind {
            lines.push(format!("  kind   {:<24} {n}", kind.as_str()));
        }
        for line in lines {
            self.out.diagnostic(format_args!("{line}"))?;
        }
        Ok(())
    }
}

/// `1 document`, `2 documents`.
fn count(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn round_trip(bytes: &[u8], event: &AnyEvent) -> Result<(), String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let original: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
    let back = serde_json::to_value(event).map_err(|e| e.to_string())?;
    if back == original {
        Ok(())
    } else {
        Err(format!("{}: the round trip changed the payload", event.schema()))
    }
}

fn main() -> ExitCode {
    let mut out = Out::new();
    let args = match args::parse(std::env::args_os().skip(1)) {
        Ok(args) => args,
        Err(message) => {
            let _ = out.diagnostic(format_args!("normalize: {message}\n\n{}", args::HELP));
            return ExitCode::from(2);
        }
    };
    if args.help {
        return match out.text(args::HELP).and_then(|()| out.flush()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(Cut) => ExitCode::from(3),
        };
    }
    let mut options = ConvertOptions::default();
    if let Some(offset) = args.offset {
        options = options.with_local_offset(offset);
    }
    if let Some(received_at) = args.received_at {
        options = options.with_received_at(received_at);
    }
    if let Some(tenant) = &args.tenant {
        options = options.with_tenant(tenant.clone());
    }
    #[cfg(feature = "parquet")]
    let parquet = args
        .out
        .as_ref()
        .map(|dir| cc_events::columnar::PartitionedWriter::new(dir, cc_events::columnar::WriterOptions::default()));
    let tracking = track::Tracking::new(args.calls, args.agents, args.summary, &options);
    let mut run = Run {
        tracking,
        args,
        options,
        out,
        summary: Summary::default(),
        #[cfg(feature = "parquet")]
        parquet,
    };
    #[cfg(feature = "parquet")]
    let finished = run.all().and_then(|()| run.finish_parquet());
    #[cfg(not(feature = "parquet"))]
    let finished = run.all();
    if finished.and_then(|()| run.report()).is_err() {
        // Standard output or error is closed: nothing more can be said, and no panic.
        let _ = run.out.diagnostic(format_args!("normalize: output was cut"));
        return ExitCode::from(3);
    }
    let s = &run.summary;
    if s.failed > 0 || s.skipped > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
