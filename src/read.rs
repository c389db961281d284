//! The streaming reader: every JSON document of a stream, parsed, with where it starts.
//!
//! A stream is NDJSON (one document per line), concatenated documents, pretty-printed
//! documents spanning many lines, or any mix of them, over any [`BufRead`]. The reader
//! parses each document in place, straight from its buffer, so that a good document costs
//! what [`crate::parse`] costs on it and nothing is read twice. Memory is bounded by the
//! largest document (and [`Reader::max_document_bytes`]); time is linear in the input.
//!
//! A bad document costs one error, and reading goes on at the next document:
//! - a document that is JSON but no event (an unknown schema, an array) ends where its JSON
//!   value ends;
//! - a document that is not JSON (cut short, a stray byte) ends where the next document
//!   begins: the next line that starts with `{`. NDJSON lines and the documents that
//!   pretty-printers write (`serde_json`, `jq`, Python's `json`) begin that way, and nested
//!   lines of a pretty-printed document are indented, so the one document is all that is lost.
//!
//! ```
//! use cc_events::read::Reader;
//!
//! let stream = b"{\"eventName\":\"held\",\"eventType\":\"csta\",\"callId\":\"1\"}\n\
//!                {\"eventName\":\n\
//!                {\n  \"pushType\": \"login\",\n  \"agentNumber\": \"8000\"\n}\n";
//! let found: Vec<_> = Reader::new(&stream[..]).collect::<Result<_, _>>()?;
//! assert_eq!(found.len(), 3);
//! assert!(found[0].result.is_ok());
//! assert!(found[1].result.is_err()); // cut short: one error, then the next document
//! assert_eq!((found[2].position.line, found[2].position.byte_offset), (3, 67));
//! assert!(found[2].result.is_ok());
//! # Ok::<(), std::io::Error>(())
//! ```

use crate::common::{CommonEvent, ConvertOptions};
use crate::{AnyEvent, Error, Schema};
use serde::de::IgnoredAny;
use std::io::{self, BufRead};

/// Where a document starts in its stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Position {
    /// The line of its first byte, from 1.
    pub line: u64,
    /// The offset of its first byte, from 0 (a byte-order mark before it is its first byte).
    pub byte_offset: u64,
}

/// One document of a stream, borrowed from the reader (see [`Reader::next_document`]).
#[derive(Debug)]
pub struct Document<'r> {
    /// Where it starts.
    pub position: Position,
    /// Its bytes, as they are in the stream (trailing white space of a bad document left out;
    /// empty for a document too large to keep).
    pub bytes: &'r [u8],
    /// What [`crate::parse`] gives for those bytes.
    pub result: Result<AnyEvent, Error>,
}

/// One document of a stream straight into the common vocabulary, borrowed from the reader
/// (see [`Reader::next_common`]).
#[derive(Debug)]
pub struct CommonDocument<'r> {
    /// Where it starts.
    pub position: Position,
    /// Its bytes, as [`Document::bytes`].
    pub bytes: &'r [u8],
    /// The schema of the event, when it parsed.
    pub schema: Option<Schema>,
    /// What [`crate::parse_common`] gives for those bytes.
    pub result: Result<CommonEvent, Error>,
}

/// One document of a stream, as the [`Reader`]'s iterator yields it.
#[derive(Debug)]
pub struct ParsedDocument {
    /// Where it starts.
    pub position: Position,
    /// What [`crate::parse`] gives for its bytes.
    pub result: Result<AnyEvent, Error>,
}

/// Reads the documents of a stream one by one (see the [module](self) documentation).
///
/// As an [`Iterator`] it yields each document's position and parse result, and ends after an
/// I/O error; [`Reader::next_document`] lends the document's bytes too.
#[derive(Debug)]
pub struct Reader<R> {
    source: R,
    /// `buf[..end]` holds what was read; what is not consumed yet starts at `start`. The
    /// vector only grows (it is zeroed once, not at every read).
    buf: Vec<u8>,
    end: usize,
    start: usize,
    /// The stream's offset of `buf[0]`, and the line of `buf[start]`.
    base_offset: u64,
    line: u64,
    eof: bool,
    failed: bool,
    /// An I/O error met after some bytes of a read: given at the next read, so that the
    /// documents those bytes complete come first.
    deferred: Option<io::Error>,
    max_document_bytes: usize,
    read_size: usize,
    /// The length of the last document that spanned lines, to size the next one's window.
    last_len: usize,
}

/// What the in-place parse of the document at `start` came to.
enum Attempt {
    /// The event, the document's length, and whether it is known to hold no newline.
    Parsed(AnyEvent, usize, bool),
    NeedMore,
    Bad,
}

impl<R: BufRead> Reader<R> {
    /// The default for [`Reader::max_document_bytes`]: 64 MiB.
    pub const DEFAULT_MAX_DOCUMENT_BYTES: usize = 64 << 20;

    /// A reader over `source`.
    pub fn new(source: R) -> Self {
        Reader {
            source,
            buf: Vec::new(),
            end: 0,
            start: 0,
            base_offset: 0,
            line: 1,
            eof: false,
            failed: false,
            deferred: None,
            max_document_bytes: Self::DEFAULT_MAX_DOCUMENT_BYTES,
            read_size: Self::DEFAULT_READ_SIZE,
            last_len: 0,
        }
    }

    /// The default for [`Reader::read_size`]: 64 KiB.
    pub const DEFAULT_READ_SIZE: usize = 64 << 10;

    /// Sets how much is read from the source at a time, at the least (a document that does
    /// not fit is read on, doubling, so that time stays linear).
    pub fn read_size(mut self, bytes: usize) -> Self {
        self.read_size = bytes.max(1);
        self
    }

    /// Sets the size above which a document is reported as too large and skipped, unread,
    /// rather than buffered: what bounds the reader's memory on hostile input.
    pub fn max_document_bytes(mut self, limit: usize) -> Self {
        self.max_document_bytes = limit.max(1);
        self
    }

    /// The position the next document would start at (after any white space already read).
    pub fn next_position(&self) -> Position {
        Position {
            line: self.line,
            byte_offset: self.base_offset + self.start as u64,
        }
    }

    /// The next document, with its bytes; `None` at the end of the stream.
    pub fn next_document(&mut self) -> Option<io::Result<Document<'_>>> {
        if self.failed {
            return None;
        }
        match self.advance() {
            Ok(Some((position, range, result))) => Some(Ok(Document {
                position,
                bytes: self.filled().get(range).unwrap_or_default(),
                result,
            })),
            Ok(None) => None,
            Err(error) => {
                self.failed = true;
                Some(Err(error))
            }
        }
    }

    /// The next document, with its bytes, converted to the common vocabulary as
    /// [`crate::parse_common`] converts it: the same documents, positions, bytes and errors as
    /// [`Reader::next_document`], and for each event what `to_common(options)` gives, but
    /// faster, as the values no conversion reads are skipped rather than built. `None` at the
    /// end of the stream.
    ///
    /// ```
    /// use cc_events::common::{ConvertOptions, EventKind};
    /// use cc_events::read::Reader;
    ///
    /// let stream = b"{\"eventName\":\"held\",\"eventType\":\"csta\",\"callId\":\"1\"}\n[1]\n";
    /// let mut reader = Reader::new(&stream[..]);
    /// let options = ConvertOptions::default();
    /// let first = reader.next_common(&options).transpose()?;
    /// let kind = first.and_then(|document| document.result.ok()).map(|common| common.kind);
    /// assert_eq!(kind, Some(EventKind::Held));
    /// let second = reader.next_common(&options).transpose()?;
    /// assert!(second.is_some_and(|document| document.result.is_err()));
    /// assert!(reader.next_common(&options).is_none());
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn next_common(&mut self, options: &ConvertOptions) -> Option<io::Result<CommonDocument<'_>>> {
        let found = {
            let _projection = crate::wire::projection::Projection::start();
            self.next_document()
        };
        found.map(|found| {
            found.map(|document| CommonDocument {
                position: document.position,
                bytes: document.bytes,
                schema: document.result.as_ref().ok().map(AnyEvent::schema),
                result: document.result.map(|event| event.to_common(options)),
            })
        })
    }

    /// Finds, parses and consumes the next document; gives its position, the range of its
    /// bytes in `buf` (valid until the next read) and its result.
    #[allow(clippy::type_complexity)]
    fn advance(&mut self) -> io::Result<Option<(Position, std::ops::Range<usize>, Result<AnyEvent, Error>)>> {
        if !self.skip_white_space()? {
            return Ok(None);
        }
        let position = self.next_position();
        loop {
            match self.attempt() {
                Attempt::Parsed(_, len, _) if len > self.max_document_bytes => {
                    self.consume(len);
                    return Ok(Some((
                        position,
                        self.start..self.start,
                        Err(Error::too_large(self.max_document_bytes)),
                    )));
                }
                Attempt::Parsed(event, len, one_line) => {
                    let range = self.start..self.start + len;
                    if one_line {
                        self.start += len;
                    } else {
                        self.consume(len);
                    }
                    return Ok(Some((position, range, Ok(event))));
                }
                Attempt::NeedMore if self.pending() < self.max_document_bytes => {
                    let more = self.pending().max(self.read_size);
                    self.fill(more)?;
                }
                Attempt::NeedMore => return self.too_large(position).map(Some),
                Attempt::Bad => break,
            }
        }
        let len = match self.bad_extent()? {
            Some(len) if len <= self.max_document_bytes => len,
            Some(len) => {
                self.consume(len);
                return Ok(Some((
                    position,
                    self.start..self.start,
                    Err(Error::too_large(self.max_document_bytes)),
                )));
            }
            None => return self.too_large(position).map(Some),
        };
        let whole = self.filled().get(self.start..self.start + len).unwrap_or_default();
        let trimmed = whole.len() - whole.iter().rev().take_while(|b| b.is_ascii_whitespace()).count();
        let range = self.start..self.start + trimmed;
        let result = crate::parse(self.filled().get(range.clone()).unwrap_or_default());
        self.consume(len);
        Ok(Some((position, range, result)))
    }

    /// What was read.
    fn filled(&self) -> &[u8] {
        self.buf.get(..self.end).unwrap_or_default()
    }

    fn pending(&self) -> usize {
        self.end - self.start
    }

    /// Parses the document at `start` in place. The text handed to the parser is a window
    /// of whole lines (one, for NDJSON), widened (doubling) while the document goes on past
    /// it, so that each byte is validated as UTF-8 about once, as `parse` validates it.
    fn attempt(&mut self) -> Attempt {
        // The first window is one line: an NDJSON document is validated and parsed once.
        // A document that goes on past it (pretty-printed) gets a window sized after the last
        // such document, then doubling, so that it too is parsed about once.
        let mut end = line_end(self.filled(), self.start);
        let mut widened = false;
        loop {
            let window = self.filled().get(self.start..end).unwrap_or_default();
            let (text, complete) = match std::str::from_utf8(window) {
                Ok(text) => (text, true),
                // An incomplete character at the end of what was read may be completed by
                // more; a byte that is not UTF-8 makes the document bad.
                Err(error) => (
                    window
                        .get(..error.valid_up_to())
                        .and_then(|valid| std::str::from_utf8(valid).ok())
                        .unwrap_or_default(),
                    error.error_len().is_none(),
                ),
            };
            // One byte-order mark may begin a document, as it may begin what `parse` reads
            // (files concatenated into one stream keep theirs).
            let (mark, text) = match text.strip_prefix('\u{feff}') {
                Some(rest) => (3, rest),
                None => (0, text),
            };
            // The fast reader first (the window's first document, whatever follows it: an
            // NDJSON line, a pretty-printed document, one of several on a line), as `parse`
            // does; the serde reader for the rest, with its errors.
            let next = match AnyEvent::fast_leading_document(text) {
                Some(found) => Some(Ok(found)),
                None => {
                    let mut stream = serde_json::Deserializer::from_str(text).into_iter::<AnyEvent>();
                    stream
                        .next()
                        .map(|result| result.map(|event| (event, stream.byte_offset())))
                }
            };
            let cut_short = match next {
                Some(Ok((event, end))) => {
                    let len = mark + end;
                    if widened {
                        self.last_len = len;
                    }
                    // Within the first line, before its newline: no line to count.
                    let one_line = !widened && self.start + len < end;
                    return Attempt::Parsed(event, len, one_line);
                }
                Some(Err(error)) => error.is_eof(),
                None => true,
            };
            if !cut_short || !complete {
                return Attempt::Bad;
            }
            if end < self.end {
                let size = if widened {
                    2 * (end - self.start)
                } else {
                    self.last_len.max(2 * (end - self.start))
                };
                widened = true;
                end = line_end(self.filled(), (self.start + size).min(self.end));
            } else if self.eof {
                return Attempt::Bad;
            } else {
                return Attempt::NeedMore;
            }
        }
    }

    /// The length of the bad document at `start`: its JSON value if it is one, else up to
    /// the next line that starts with `{`. `None` when that is beyond the size limit.
    fn bad_extent(&mut self) -> io::Result<Option<usize>> {
        loop {
            let rest = self.filled().get(self.start..).unwrap_or_default();
            let mut values = serde_json::Deserializer::from_slice(rest).into_iter::<IgnoredAny>();
            match values.next() {
                // A JSON value alone on its line (or before the next document) is the
                // document; one followed by more text on its line is the start of a broken
                // one (an object missing its opening brace starts with a string).
                Some(Ok(_)) if ends_document(rest, values.byte_offset(), self.eof) => {
                    return Ok(Some(values.byte_offset()));
                }
                Some(Ok(_)) if !self.eof && !rest.get(values.byte_offset()..).unwrap_or_default().contains(&b'\n') => {}
                Some(Err(error)) if error.is_eof() && !self.eof => {}
                _ => {
                    if let Some(at) = next_document_start(rest) {
                        return Ok(Some(at));
                    }
                    if self.eof {
                        return Ok(Some(rest.len()));
                    }
                }
            }
            if self.pending() >= self.max_document_bytes {
                return Ok(None);
            }
            let more = self.pending().max(self.read_size);
            self.fill(more)?;
        }
    }

    /// Reports the document at `start` as too large and skips it, unbuffered, up to the next
    /// line that starts with `{`.
    fn too_large(
        &mut self,
        position: Position,
    ) -> io::Result<(Position, std::ops::Range<usize>, Result<AnyEvent, Error>)> {
        loop {
            if let Some(at) = next_document_start(self.filled().get(self.start..).unwrap_or_default()) {
                self.consume(at);
                break;
            }
            // Keep the last byte: a newline there may begin the next document.
            let keep = usize::from(self.pending() > 0);
            self.consume(self.pending() - keep);
            if self.eof {
                self.consume(self.pending());
                break;
            }
            self.fill(self.read_size)?;
        }
        let error = Error::too_large(self.max_document_bytes);
        Ok((position, self.start..self.start, Err(error)))
    }

    /// Skips white space; `false` at the end of the stream.
    fn skip_white_space(&mut self) -> io::Result<bool> {
        loop {
            let rest = self.filled().get(self.start..).unwrap_or_default();
            let white = rest
                .iter()
                .take_while(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
                .count();
            self.consume(white);
            if self.pending() > 0 {
                return Ok(true);
            }
            if self.eof {
                return Ok(false);
            }
            self.fill(self.read_size)?;
        }
    }

    /// Moves `start` past `len` bytes, counting their lines.
    fn consume(&mut self, len: usize) {
        let end = (self.start + len).min(self.end);
        let consumed = self.filled().get(self.start..end).unwrap_or_default();
        // A plain count: most calls count one or two bytes of white space, where memchr's
        // set-up costs more than the bytes (it was 1.7% of `normalize`).
        self.line += consumed.iter().filter(|&&byte| byte == b'\n').count() as u64;
        self.start = end;
    }

    /// Reads at least `at_least` more bytes (fewer at the end of the stream), first dropping
    /// what was consumed.
    fn fill(&mut self, at_least: usize) -> io::Result<()> {
        if let Some(error) = self.deferred.take() {
            return Err(error);
        }
        if self.start > 0 {
            self.buf.copy_within(self.start..self.end, 0);
            self.end -= self.start;
            self.base_offset += self.start as u64;
            self.start = 0;
        }
        // Read straight into the buffer (`BufReader` passes a read at least its own size
        // through, so each byte is copied once), and no more than asked for: what bounds
        // memory is the reader's requests, not the source's buffer.
        let filled = self.end;
        if self.buf.len() < filled + at_least {
            self.buf.resize(filled + at_least, 0);
        }
        let mut added = 0;
        while added < at_least {
            let target = self.buf.get_mut(filled + added..filled + at_least).unwrap_or_default();
            match self.source.read(target) {
                Ok(0) => {
                    self.eof = true;
                    break;
                }
                Ok(len) => added += len,
                Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
                Err(error) if added > 0 => {
                    self.deferred = Some(error);
                    break;
                }
                Err(error) => return Err(error),
            }
        }
        self.end = filled + added;
        Ok(())
    }
}

/// Whether the JSON value that ends at `end` of `bytes` is followed, on its line, only by
/// white space, the next document, or the end of the stream.
fn ends_document(bytes: &[u8], end: usize, eof: bool) -> bool {
    let after = bytes.get(end..).unwrap_or_default();
    match after.iter().find(|b| !matches!(b, b' ' | b'\t' | b'\r')) {
        Some(b'\n' | b'{') => true,
        Some(_) => false,
        None => eof,
    }
}

/// The index just after the first newline at or after `from` (the end of `bytes` if none).
fn line_end(bytes: &[u8], from: usize) -> usize {
    bytes
        .get(from..)
        .and_then(|rest| memchr::memchr(b'\n', rest))
        .map_or(bytes.len(), |at| from + at + 1)
}

/// Where the next document begins in `bytes` (which hold a bad one first): after the first
/// newline that a `{` follows.
fn next_document_start(bytes: &[u8]) -> Option<usize> {
    bytes.windows(2).position(|pair| pair == b"\n{").map(|at| at + 1)
}

impl<R: BufRead> Iterator for Reader<R> {
    type Item = io::Result<ParsedDocument>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_document().map(|found| {
            found.map(|document| ParsedDocument {
                position: document.position,
                result: document.result,
            })
        })
    }
}

impl<R: BufRead> std::iter::FusedIterator for Reader<R> {}
