//! The streaming reader: any split of a stream into lines or pretty documents gives the same
//! events, a corrupted document costs exactly one error, positions are exact.
#![cfg(all(feature = "aliyun_v2", feature = "push_v7", feature = "csta", feature = "ccai_qm"))]

mod support;

use cc_events::common::{CommonEvent, ConvertOptions};
use cc_events::read::{ParsedDocument, Position, Reader};
use cc_events::{AnyEvent, ErrorKind, Schema};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use serde_json::Value;
use std::io::{self, BufRead, BufReader, Read};
use std::sync::OnceLock;

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases: support::cases(cases),
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct("tests/regressions/read.txt"))),
        ..ProptestConfig::default()
    }
}

/// Every valid fixture of every schema, as a JSON value.
fn fixture_values() -> &'static [Value] {
    static ALL: OnceLock<Vec<Value>> = OnceLock::new();
    ALL.get_or_init(|| {
        Schema::ALL
            .iter()
            .flat_map(|schema| support::fixtures(schema.as_str()))
            .map(|path| serde_json::from_slice(&std::fs::read(&path).expect("readable")).expect("JSON"))
            .collect()
    })
}

/// One document of a generated stream: which fixture, pretty or not, what follows it.
#[derive(Debug, Clone)]
struct Part {
    fixture: usize,
    pretty: bool,
    separator: &'static str,
}

fn render(part: &Part) -> String {
    let values = fixture_values();
    let value = &values[part.fixture % values.len()];
    if part.pretty {
        serde_json::to_string_pretty(value).expect("serialises")
    } else {
        serde_json::to_string(value).expect("serialises")
    }
}

fn parts(separators: &'static [&'static str]) -> impl Strategy<Value = Vec<Part>> {
    prop::collection::vec(
        (0usize..10_000, any::<bool>(), prop::sample::select(separators)).prop_map(|(fixture, pretty, separator)| {
            Part {
                fixture,
                pretty,
                separator,
            }
        }),
        1..12,
    )
}

/// Reads `stream` through a `BufReader` of `capacity` bytes and a reader that reads
/// `read_size` at a time, so that documents straddle every kind of boundary.
fn read_all(stream: &[u8], capacity: usize, read_size: usize) -> Vec<ParsedDocument> {
    Reader::new(BufReader::with_capacity(capacity, stream))
        .read_size(read_size)
        .collect::<io::Result<_>>()
        .expect("no I/O error from memory")
}

/// The documents of `parts`, each followed by its separator; with `corrupted`, the document
/// at that index is cut short (`true`) or given a control character (`false`) at `cut` of its
/// length.
fn stream_of(parts: &[Part], corrupted: Option<(usize, f64, bool)>) -> String {
    let mut stream = String::new();
    for (index, part) in parts.iter().enumerate() {
        let mut text = render(part);
        if let Some((_, cut, truncate)) = corrupted.filter(|(bad, _, _)| *bad == index) {
            let at = ((text.len() as f64 * cut) as usize).min(text.len() - 1);
            let at = (0..=at).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
            if truncate {
                // Cut short, as a crashed writer leaves it (at least the opening brace).
                text.truncate(at.max(1));
            } else {
                // A control character is invalid anywhere in JSON, in a string or not.
                text.insert(at, '\u{1}');
            }
        }
        stream.push_str(&text);
        stream.push_str(part.separator);
    }
    stream
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn any_split_into_lines_or_pretty_documents_gives_the_same_events(
        parts in parts(&["\n", "\n\n", " ", "\r\n", "", "\n  \t\n"]),
        capacity in 1usize..300,
        read_size in 1usize..2_000,
    ) {
        let mut stream = String::new();
        let mut starts = Vec::new();
        for part in &parts {
            starts.push(stream.len());
            stream.push_str(&render(part));
            stream.push_str(part.separator);
        }
        let found = read_all(stream.as_bytes(), capacity, read_size);
        prop_assert_eq!(found.len(), parts.len());
        for ((document, part), start) in found.iter().zip(&parts).zip(&starts) {
            let expected = cc_events::parse(render(part).as_bytes()).expect("a fixture parses");
            prop_assert_eq!(document.result.as_ref().ok(), Some(&expected));
            prop_assert_eq!(document.position.byte_offset, *start as u64);
            let line = 1 + stream.as_bytes()[..*start].iter().filter(|&&b| b == b'\n').count() as u64;
            prop_assert_eq!(document.position.line, line);
        }
    }

    #[test]
    fn a_corrupted_document_costs_exactly_one_error(
        parts in parts(&["\n", "\n\n", "\r\n"]),
        bad in 0usize..100,
        cut in 0.0f64..1.0,
        truncate in any::<bool>(),
        capacity in 1usize..300,
        read_size in 1usize..2_000,
    ) {
        let bad = bad % parts.len();
        let stream = stream_of(&parts, Some((bad, cut, truncate)));
        let found = read_all(stream.as_bytes(), capacity, read_size);
        prop_assert_eq!(found.len(), parts.len(), "{}", stream);
        for (index, (document, part)) in found.iter().zip(&parts).enumerate() {
            if index == bad {
                prop_assert!(document.result.is_err(), "document {} should fail", index);
            } else {
                let expected = cc_events::parse(render(part).as_bytes()).expect("a fixture parses");
                prop_assert_eq!(document.result.as_ref().ok(), Some(&expected), "document {}", index);
            }
        }
    }
}

/// What `next_document` and then `to_common` give for each document of `stream`, beside what
/// `next_common` gives, read the same way.
#[allow(clippy::type_complexity)]
fn full_and_common(
    stream: &[u8],
    capacity: usize,
    read_size: usize,
    options: &ConvertOptions,
) -> (Vec<DocumentSummary>, Vec<DocumentSummary>) {
    let mut full = Vec::new();
    let mut reader = Reader::new(BufReader::with_capacity(capacity, stream)).read_size(read_size);
    while let Some(document) = reader.next_document() {
        let document = document.expect("no I/O error from memory");
        full.push((
            document.position,
            document.bytes.to_vec(),
            document.result.as_ref().ok().map(AnyEvent::schema),
            document
                .result
                .map(|event| event.to_common(options))
                .map_err(|e| e.to_string()),
        ));
    }
    let mut common = Vec::new();
    let mut reader = Reader::new(BufReader::with_capacity(capacity, stream)).read_size(read_size);
    while let Some(document) = reader.next_common(options) {
        let document = document.expect("no I/O error from memory");
        common.push((
            document.position,
            document.bytes.to_vec(),
            document.schema,
            document.result.map_err(|e| e.to_string()),
        ));
    }
    (full, common)
}

type DocumentSummary = (Position, Vec<u8>, Option<Schema>, Result<CommonEvent, String>);

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn next_common_reads_what_next_document_and_to_common_read(
        parts in parts(&["\n", "\n\n", " ", "\r\n", ""]),
        bad in 0usize..100,
        cut in 0.0f64..1.0,
        corrupt in 0u8..3,
        capacity in 1usize..300,
        read_size in 1usize..2_000,
    ) {
        let corrupted = (corrupt > 0).then_some((bad % parts.len(), cut, corrupt == 1));
        let stream = stream_of(&parts, corrupted);
        let options = ConvertOptions::default();
        let (full, common) = full_and_common(stream.as_bytes(), capacity, read_size, &options);
        prop_assert_eq!(full, common);
    }
}

#[test]
fn next_common_agrees_on_bad_documents_and_stops_after_an_io_error() {
    let stream = concat!(
        "{\"eventName\":\"held\",\"eventType\":\"csta\",\"callId\":\"1\"}\n",
        "[1,2]\n",
        "{\"hello\":1}\n",
        "\"type\": \"CallState\", \"item\": {\n  \"State\": \"held\"\n}\n",
        "{\"eventType\":\"Held\",\"callee\":\n",
        "garbage that is not json\n",
        "{\"pushType\":\"login\",\"agentNumber\":\"8000\"}{\"pushType\":\"logout\",\"agentNumber\":\"8000\"}\n",
    );
    let options = ConvertOptions::default();
    let (full, common) = full_and_common(stream.as_bytes(), 64, 16, &options);
    assert_eq!(full.len(), 7);
    assert_eq!(full, common);
    assert_eq!(common.iter().filter(|d| d.3.is_ok()).count(), 3);

    let mut reader = Reader::new(BufReader::new(FailsAfter {
        data: b"{\"pushType\":\"login\",\"agentNumber\":\"8000\"}\n{\"push",
        served: false,
    }));
    let first = reader.next_common(&options).expect("a document").expect("no error yet");
    assert_eq!(first.schema, Some(Schema::PushV7));
    assert!(reader.next_common(&options).expect("the error").is_err());
    assert!(
        reader.next_common(&options).is_none(),
        "the stream ends after an I/O error"
    );
}

/// Serves `data` once, then fails.
struct FailsAfter {
    data: &'static [u8],
    served: bool,
}

impl Read for FailsAfter {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.served {
            return Err(io::Error::other("the disk went away"));
        }
        self.served = true;
        let n = self.data.len().min(buf.len());
        buf[..n].copy_from_slice(&self.data[..n]);
        self.data = &self.data[n..];
        self.served = self.data.is_empty();
        Ok(n)
    }
}

#[test]
fn bad_documents_of_every_kind_cost_one_error_each() {
    let stream = concat!(
        "{\"eventName\":\"held\",\"eventType\":\"csta\",\"callId\":\"1\"}\n",
        "[1,2]\n",                                                          // JSON, not an event
        "{\"hello\":1}\n",                                                  // no schema
        "\"type\": \"CallState\", \"item\": {\n  \"State\": \"held\"\n}\n", // no opening brace
        "{\"eventType\":\"Held\",\"callee\":\n",                            // cut short
        "garbage that is not json\n",
        "{\"pushType\":\"login\",\"agentNumber\":\"8000\"}{\"pushType\":\"logout\",\"agentNumber\":\"8000\"}\n",
    );
    let found = read_all(stream.as_bytes(), 64, 16);
    let verdicts: Vec<(u64, bool)> = found.iter().map(|d| (d.position.line, d.result.is_ok())).collect();
    assert_eq!(
        verdicts,
        [
            (1, true),
            (2, false),
            (3, false),
            (4, false),
            (7, false),
            (9, true),
            (9, true)
        ]
    );
    let kinds: Vec<String> = found
        .iter()
        .filter_map(|d| d.result.as_ref().err())
        .map(ToString::to_string)
        .collect();
    insta::assert_snapshot!(kinds.join("\n"));
}

#[test]
fn one_byte_order_mark_may_begin_each_document_as_it_may_begin_a_payload() {
    let stream =
        b"\xEF\xBB\xBF{\"pushType\":\"login\",\"agentNumber\":\"8000\"}\n\xEF\xBB\xBF{\"pushType\":\"login\"}\n\
                   \xEF\xBB\xBF\xEF\xBB\xBF{\"pushType\":\"login\"}\n";
    let found = read_all(stream, 8, 4);
    let verdicts: Vec<(u64, bool)> = found
        .iter()
        .map(|d| (d.position.byte_offset, d.result.is_ok()))
        .collect();
    assert_eq!(
        verdicts,
        [(0, true), (45, true), (69, false)],
        "two marks are one too many, as for parse"
    );
}

#[test]
fn an_oversized_document_is_reported_and_skipped_unbuffered() {
    let big = format!(
        "{{\"eventName\":\"held\",\"eventType\":\"csta\",\"x\":\"{}\"}}\n",
        "a".repeat(100_000)
    );
    let stream = format!("{big}{{\"pushType\":\"login\",\"agentNumber\":\"8000\"}}\n{big}");
    let found: Vec<ParsedDocument> = Reader::new(stream.as_bytes())
        .max_document_bytes(10_000)
        .read_size(1_000)
        .collect::<io::Result<_>>()
        .expect("no I/O error");
    assert_eq!(found.len(), 3);
    for document in [&found[0], &found[2]] {
        let error = document.result.as_ref().unwrap_err();
        assert!(
            matches!(error.kind(), ErrorKind::DocumentTooLarge { limit: 10_000 }),
            "{error}"
        );
    }
    assert!(matches!(found[1].result, Ok(AnyEvent::PushV7(_))));
    assert_eq!(found[1].position.line, 2);
}

#[test]
fn next_document_lends_the_bytes_as_they_are_in_the_stream() {
    let stream = b"  {\"pushType\":\"login\",\n \"agentNumber\":\"8000\"}  \n{\"bad\":\n";
    let mut reader = Reader::new(&stream[..]);
    let first = reader.next_document().expect("one").expect("no I/O error");
    assert_eq!(first.bytes, b"{\"pushType\":\"login\",\n \"agentNumber\":\"8000\"}");
    assert_eq!((first.position.line, first.position.byte_offset), (1, 2));
    let second = reader.next_document().expect("two").expect("no I/O error");
    assert_eq!(second.bytes, b"{\"bad\":");
    assert!(second.result.is_err());
    assert!(reader.next_document().is_none());
    assert!(
        Reader::new(&b" \n\t\r\n"[..]).next().is_none(),
        "white space holds no document"
    );
}

/// A source that fails after some bytes.
struct Failing<'a>(&'a [u8]);

impl Read for Failing<'_> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let len = self.fill_buf()?.len().min(out.len());
        out[..len].copy_from_slice(&self.0[..len]);
        self.consume(len);
        Ok(len)
    }
}

impl BufRead for Failing<'_> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.0.is_empty() {
            Err(io::Error::other("disk on fire"))
        } else {
            Ok(self.0)
        }
    }
    fn consume(&mut self, amount: usize) {
        self.0 = &self.0[amount..];
    }
}

#[test]
fn an_io_error_is_yielded_once_and_ends_the_stream() {
    let mut reader = Reader::new(Failing(
        b"{\"pushType\":\"login\",\"agentNumber\":\"8000\"}\n{\"pushType\"",
    ))
    .read_size(8);
    let first = reader.next().expect("one").expect("parsed before the error");
    assert!(first.result.is_ok());
    let error = reader.next().expect("the error").expect_err("an I/O error");
    assert_eq!(error.to_string(), "disk on fire");
    assert!(reader.next().is_none());
}
