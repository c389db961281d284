//! The command line.

use chrono::{DateTime, FixedOffset, Utc};
use std::ffi::OsString;

pub const HELP: &str = "\
normalize: print contact-center payloads as common events, one JSON object per line

usage: normalize [OPTIONS] [PATH ...]

PATH   a file of JSON documents (NDJSON, concatenated or pretty-printed), a directory (its
       .json, .ndjson and .jsonl files, recursively, each directory once), or - for
       standard input. With no PATH: standard input. Folders named invalid/ hold payloads
       that must fail; they are skipped unless named on the command line. In a directory,
       entries that are not regular files (FIFOs, sockets, devices) and entries that cannot
       be read are reported and skipped; a file named on the command line is read whatever
       it is.

--check               also verify that each payload round-trips losslessly
--strict              also count deviations from the vendor documentation as failures
--received-at TIME    the receive time (RFC 3339) of payloads that carry no time (Google
                      CCAI); by default the clock at the moment each one is read
--offset +HH:MM       the offset of vendors' local times (7moor, CSTA); default +08:00
--tenant NAME         the tenant of payloads that carry none (Google CCAI)
--max-document-bytes N  skip (and report) a document larger than N bytes; default 64 MiB
--format FORMAT       common (default): common events as JSON lines; cloudevents: each as a
                      CloudEvents 1.0 JSON line (needs the cloudevents feature); parquet:
                      Parquet files under --out, date=YYYY-MM-DD/vendor=X/part-N.parquet
                      (needs the parquet feature)
--out DIR             the folder of --format parquet (existing files are never overwritten)
--calls               print call records (one JSON object per line, each revision as it
                      comes: keep the highest `revision` per call) instead of events
--agents              print agent state intervals (one JSON object per line) instead of
                      events; with --calls too, both (records have `outcome`, intervals
                      `state`)
--summary             print a table of the calls (each row once the call is final) and
                      their KPIs at the end (--calls, --agents and --summary take no
                      --format)
--help                print this help

Common events go to standard output; failures (with file, line and byte offset) and a
summary go to standard error. A bad document costs one failure and the run goes on.
Exit status: 0 all converted, 1 some documents failed or inputs were skipped (an input or
a Parquet file that could not be read or written counts so), 2 usage error, 3 output was cut
(standard output or standard error closed).";

/// What standard output carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Common events, one JSON object per line.
    Common,
    /// Each common event as a CloudEvents 1.0 JSON line.
    #[cfg(feature = "cloudevents")]
    CloudEvents,
    /// Parquet files partitioned by date and vendor, under `--out`.
    #[cfg(feature = "parquet")]
    Parquet,
}

/// What the command line asks for.
pub struct Args {
    pub format: Format,
    pub out: Option<std::path::PathBuf>,
    pub check: bool,
    pub strict: bool,
    pub received_at: Option<DateTime<Utc>>,
    pub offset: Option<FixedOffset>,
    pub tenant: Option<String>,
    pub max_document_bytes: Option<usize>,
    pub calls: bool,
    pub agents: bool,
    pub summary: bool,
    pub paths: Vec<OsString>,
    pub help: bool,
}

/// Reads the arguments; `Err` is the message for a usage error.
pub fn parse(args: impl IntoIterator<Item = OsString>) -> Result<Args, String> {
    let mut parsed = Args {
        format: Format::Common,
        out: None,
        check: false,
        strict: false,
        received_at: None,
        offset: None,
        tenant: None,
        max_document_bytes: None,
        calls: false,
        agents: false,
        summary: false,
        paths: Vec::new(),
        help: false,
    };
    let mut args = args.into_iter();
    let mut only_paths = false;
    while let Some(arg) = args.next() {
        let Some(text) = arg.to_str().filter(|text| !only_paths && text.starts_with("--")) else {
            parsed.paths.push(arg);
            continue;
        };
        let mut value = |name: &str| -> Result<String, String> {
            args.next()
                .and_then(|value| value.into_string().ok())
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match text {
            "--" => only_paths = true,
            "--help" => parsed.help = true,
            "--check" => parsed.check = true,
            "--strict" => parsed.strict = true,
            "--calls" => parsed.calls = true,
            "--agents" => parsed.agents = true,
            "--summary" => parsed.summary = true,
            "--received-at" => {
                let text = value("--received-at")?;
                let time = DateTime::parse_from_rfc3339(&text)
                    .map_err(|error| format!("--received-at {text:?}: expected an RFC 3339 time ({error})"))?;
                parsed.received_at = Some(time.with_timezone(&Utc));
            }
            "--offset" => {
                let text = value("--offset")?;
                let offset = text
                    .parse::<FixedOffset>()
                    .map_err(|_| format!("--offset {text:?}: expected an offset such as +08:00"))?;
                parsed.offset = Some(offset);
            }
            "--tenant" => parsed.tenant = Some(value("--tenant")?),
            "--format" => {
                parsed.format = match value("--format")?.as_str() {
                    "common" => Format::Common,
                    #[cfg(feature = "cloudevents")]
                    "cloudevents" => Format::CloudEvents,
                    #[cfg(not(feature = "cloudevents"))]
                    "cloudevents" => {
                        return Err("--format cloudevents: built without the cloudevents feature".to_owned());
                    }
                    #[cfg(feature = "parquet")]
                    "parquet" => Format::Parquet,
                    #[cfg(not(feature = "parquet"))]
                    "parquet" => return Err("--format parquet: built without the parquet feature".to_owned()),
                    other => return Err(format!("--format {other:?}: expected common, cloudevents or parquet")),
                };
            }
            "--out" => {
                parsed.out = Some(std::path::PathBuf::from(
                    args.next().ok_or_else(|| "--out needs a value".to_owned())?,
                ));
            }
            "--max-document-bytes" => {
                let text = value("--max-document-bytes")?;
                let limit = text
                    .parse::<usize>()
                    .ok()
                    .filter(|&limit| limit > 0)
                    .ok_or_else(|| format!("--max-document-bytes {text:?}: expected a whole number above 0"))?;
                parsed.max_document_bytes = Some(limit);
            }
            other => return Err(format!("unknown option {other}")),
        }
    }
    // The tracker's lines are not events: a format of events would be silently ignored.
    if (parsed.calls || parsed.agents || parsed.summary) && parsed.format != Format::Common {
        return Err("--calls, --agents and --summary print the tracker's lines: they take no --format".to_owned());
    }
    #[cfg(feature = "parquet")]
    if (parsed.format == Format::Parquet) != parsed.out.is_some() {
        return Err("--format parquet and --out DIR go together".to_owned());
    }
    #[cfg(not(feature = "parquet"))]
    if parsed.out.is_some() {
        return Err("--out is for --format parquet".to_owned());
    }
    Ok(parsed)
}
