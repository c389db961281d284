//! The crate's main job: read contact-center payloads of any of the four schemas and print
//! each as one common event per line.
//!
//! ```text
//! cargo run --example normalize -- [--check] [--strict] [PATH ...]
//! ```
//! Run with `--help` for the details.

use cc_events::common::{CommonEvent, ConvertOptions, EventKind};
use cc_events::{AnyEvent, ErrorKind, Schema};
use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const HELP: &str = "\
normalize: print contact-center payloads as common events, one JSON object per line

usage: cargo run --example normalize -- [--check] [--strict] [PATH ...]

PATH   a file holding one JSON document or NDJSON (one document per line), a directory
       (its .json, .ndjson and .jsonl files, recursively), or - for standard input.
       With no PATH: the bundled fixtures/ folder. Folders named invalid/ hold payloads
       that must fail; they are skipped unless named on the command line.

--check   also verify that each payload round-trips losslessly through its typed model
--strict  also count deviations from the vendor documentation as failures
--help    print this help

Each payload's schema is detected from its top-level keys. Common events go to standard
output; a summary (events per schema and per kind, failures) goes to standard error. A
payload that fails is reported with its file and line, the run goes on, and the exit code
is 1 at the end. Input is streamed: memory stays constant whatever the size of an NDJSON file.";

/// A pretty-printed document may span lines; one larger than this is reported, not buffered.
const MAX_DOCUMENT_BYTES: usize = 64 << 20;

#[derive(Default)]
struct Summary {
    per_schema: BTreeMap<Schema, u64>,
    per_kind: BTreeMap<EventKind, u64>,
    failures: u64,
}

struct Run<W: Write> {
    check: bool,
    strict: bool,
    out: W,
    summary: Summary,
}

impl<W: Write> Run<W> {
    fn fail(&mut self, source: &str, line: usize, message: impl std::fmt::Display) {
        self.summary.failures += 1;
        eprintln!("{source}:{line}: {message}");
    }

    /// Handles one document; with `more_may_follow`, a document cut short by the end of the
    /// text is left for the next lines to complete (`Ok(false)`).
    fn document(&mut self, source: &str, line: usize, bytes: &[u8], more_may_follow: bool) -> io::Result<bool> {
        let event = match cc_events::parse(bytes) {
            Ok(event) => event,
            Err(error) => {
                let cut_short = matches!(error.kind(), ErrorKind::Syntax(json) if json.is_eof());
                if cut_short && more_may_follow {
                    return Ok(false);
                }
                self.fail(source, line, error);
                return Ok(true);
            }
        };
        if self.check {
            if let Err(message) = round_trip(bytes, &event) {
                self.fail(source, line, message);
                return Ok(true);
            }
        }
        if self.strict {
            let deviations = event.deviations();
            if let Some(first) = deviations.first() {
                let more = deviations.len() - 1;
                self.fail(
                    source,
                    line,
                    format!(
                        "{}: deviates from the documentation: {first} (+{more} more)",
                        event.schema()
                    ),
                );
                return Ok(true);
            }
        }
        let options = ConvertOptions::default().with_received_at(std::time::SystemTime::now().into());
        let common: CommonEvent = event.to_common(&options);
        *self.summary.per_schema.entry(event.schema()).or_default() += 1;
        *self.summary.per_kind.entry(common.kind).or_default() += 1;
        serde_json::to_writer(&mut self.out, &common)?;
        self.out.write_all(b"\n")?;
        Ok(true)
    }

    /// Reads one stream: NDJSON, or documents that span several lines (pretty-printed).
    fn stream(&mut self, source: &str, reader: impl BufRead) -> io::Result<()> {
        let mut pending = Pending::default();
        for (index, line) in reader.split(b'\n').enumerate() {
            self.line(source, &mut pending, index + 1, line?)?;
        }
        // What is left at the end is judged as it is: no later line can complete it. Text of
        // several lines that does not parse is split as in `line`.
        while !pending.lines.is_empty() {
            let (first, lines) = pending.take();
            let text = lines
                .iter()
                .map(|(_, line)| line.as_slice())
                .collect::<Vec<_>>()
                .join(&b'\n');
            if lines.len() == 1 || cc_events::parse(&text).is_ok() {
                self.document(source, first, &text, false)?;
            } else {
                self.refeed(source, &mut pending, lines)?;
            }
        }
        Ok(())
    }

    fn line(&mut self, source: &str, pending: &mut Pending, number: usize, line: Vec<u8>) -> io::Result<()> {
        if pending.lines.is_empty() && line.iter().all(u8::is_ascii_whitespace) {
            return Ok(());
        }
        pending.size += line.len() + 1;
        pending.lines.push((number, line));
        let text = pending
            .lines
            .iter()
            .map(|(_, line)| line.as_slice())
            .collect::<Vec<_>>()
            .join(&b'\n');
        let first = pending.lines.first().map_or(number, |(first, _)| *first);
        let more_may_follow = pending.size < MAX_DOCUMENT_BYTES;
        let multi_line = pending.lines.len() > 1;
        let outcome = self.try_document(source, first, &text, more_may_follow, multi_line)?;
        match outcome {
            Outcome::Done => {
                pending.take();
            }
            Outcome::Incomplete => {}
            Outcome::FailedAcrossLines => {
                // A truncated NDJSON line must not swallow the lines after it: judge the
                // first line alone, then read the others again as new documents.
                let (_, lines) = pending.take();
                self.refeed(source, pending, lines)?;
            }
        }
        Ok(())
    }

    fn refeed(&mut self, source: &str, pending: &mut Pending, lines: Vec<(usize, Vec<u8>)>) -> io::Result<()> {
        let mut lines = lines.into_iter();
        if let Some((number, first)) = lines.next() {
            self.document(source, number, &first, false)?;
        }
        for (number, line) in lines {
            self.line(source, pending, number, line)?;
        }
        Ok(())
    }

    /// Like `document`, but a failure of a text of several lines is left to the caller.
    fn try_document(
        &mut self,
        source: &str,
        line: usize,
        bytes: &[u8],
        more_may_follow: bool,
        multi_line: bool,
    ) -> io::Result<Outcome> {
        if multi_line {
            if let Err(error) = cc_events::parse(bytes) {
                let cut_short = matches!(error.kind(), ErrorKind::Syntax(json) if json.is_eof());
                return Ok(if cut_short && more_may_follow {
                    Outcome::Incomplete
                } else {
                    Outcome::FailedAcrossLines
                });
            }
        }
        Ok(if self.document(source, line, bytes, more_may_follow)? {
            Outcome::Done
        } else {
            Outcome::Incomplete
        })
    }
}

/// The lines of a document not yet complete.
#[derive(Default)]
struct Pending {
    lines: Vec<(usize, Vec<u8>)>,
    size: usize,
}

impl Pending {
    fn take(&mut self) -> (usize, Vec<(usize, Vec<u8>)>) {
        self.size = 0;
        let lines = std::mem::take(&mut self.lines);
        (lines.first().map_or(0, |(first, _)| *first), lines)
    }
}

enum Outcome {
    Done,
    Incomplete,
    FailedAcrossLines,
}

fn round_trip(bytes: &[u8], event: &AnyEvent) -> Result<(), String> {
    let original: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
    let back = serde_json::to_value(event).map_err(|e| e.to_string())?;
    if back == original {
        Ok(())
    } else {
        Err(format!("{}: the round trip changed the payload", event.schema()))
    }
}

/// The files under `dir` to read, sorted; `invalid/` folders are skipped unless `with_invalid`.
fn walk(dir: &Path, with_invalid: bool, out: &mut Vec<PathBuf>) -> io::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    entries.sort();
    for path in entries {
        if path.is_dir() {
            if with_invalid || path.file_name().is_some_and(|name| name != "invalid") {
                walk(&path, with_invalid, out)?;
            }
        } else if path
            .extension()
            .is_some_and(|ext| ext == "json" || ext == "ndjson" || ext == "jsonl")
        {
            out.push(path);
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    let mut run = Run {
        check: false,
        strict: false,
        out: BufWriter::new(io::stdout().lock()),
        summary: Summary::default(),
    };
    let mut paths = Vec::new();
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--help" | "-h" => {
                println!("{HELP}");
                return ExitCode::SUCCESS;
            }
            "--check" => run.check = true,
            "--strict" => run.strict = true,
            flag if flag.starts_with("--") => {
                eprintln!("unknown option {flag}\n\n{HELP}");
                return ExitCode::from(2);
            }
            path => paths.push(path.to_owned()),
        }
    }
    if paths.is_empty() {
        paths.push(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures").to_owned());
    }
    let result = (|| -> io::Result<()> {
        for path in &paths {
            if path == "-" {
                run.stream("<stdin>", io::stdin().lock())?;
                continue;
            }
            let path = Path::new(path);
            let mut files = Vec::new();
            if path.is_dir() {
                // A folder named on the command line is read even if it is an invalid/ folder.
                let named_invalid = path.file_name().is_some_and(|name| name == "invalid");
                walk(path, named_invalid, &mut files)?;
            } else {
                files.push(path.to_path_buf());
            }
            for file in files {
                let name = file.display().to_string();
                match File::open(&file) {
                    Ok(handle) => run.stream(&name, BufReader::with_capacity(1 << 16, handle))?,
                    Err(error) => run.fail(&name, 0, error),
                }
            }
        }
        run.out.flush()
    })();
    if let Err(error) = result {
        if error.kind() != io::ErrorKind::BrokenPipe {
            eprintln!("normalize: {error}");
            return ExitCode::from(2);
        }
    }
    let summary = &run.summary;
    let total: u64 = summary.per_schema.values().sum();
    eprintln!("{total} events, {} failures", summary.failures);
    for (schema, count) in &summary.per_schema {
        eprintln!("  schema {schema:<10} {count}");
    }
    for (kind, count) in &summary.per_kind {
        eprintln!("  kind   {:<24} {count}", kind.as_str());
    }
    if summary.failures > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
