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

use crate::{AnyEvent, Error};
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
    /// Bytes read and not yet consumed start at `start`.
    buf: Vec<u8>,
    start: usize,
    /// `buf[start..valid]` is known to be UTF-8; `not_utf8` when a byte that is not (rather
    /// than an incomplete character at the end) stops it there.
    valid: usize,
    not_utf8: bool,
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
}

/// What the in-place parse of the document at `start` came to.
enum Attempt {
    Parsed(AnyEvent, usize),
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
            start: 0,
            valid: 0,
            not_utf8: false,
            base_offset: 0,
            line: 1,
            eof: false,
            failed: false,
            deferred: None,
            max_document_bytes: Self::DEFAULT_MAX_DOCUMENT_BYTES,
            read_size: Self::DEFAULT_READ_SIZE,
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
                bytes: self.buf.get(range).unwrap_or_default(),
                result,
            })),
            Ok(None) => None,
            Err(error) => {
                self.failed = true;
                Some(Err(error))
            }
        }
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
                Attempt::Parsed(_, len) if len > self.max_document_bytes => {
                    self.consume(len);
                    return Ok(Some((
                        position,
                        self.start..self.start,
                        Err(Error::too_large(self.max_document_bytes)),
                    )));
                }
                Attempt::Parsed(event, len) => {
                    let range = self.start..self.start + len;
                    self.consume(len);
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
        let whole = self.buf.get(self.start..self.start + len).unwrap_or_default();
        let trimmed = whole.len() - whole.iter().rev().take_while(|b| b.is_ascii_whitespace()).count();
        let range = self.start..self.start + trimmed;
        let result = crate::parse(self.buf.get(range.clone()).unwrap_or_default());
        self.consume(len);
        Ok(Some((position, range, result)))
    }

    fn pending(&self) -> usize {
        self.buf.len() - self.start
    }

    /// Parses the document at `start` in place, from the UTF-8 text read so far.
    fn attempt(&mut self) -> Attempt {
        self.extend_valid();
        let text = self
            .buf
            .get(self.start..self.valid)
            .and_then(|bytes| std::str::from_utf8(bytes).ok())
            .unwrap_or_default();
        // One byte-order mark may begin a document, as it may begin what `parse` reads (files
        // concatenated into one stream keep theirs).
        let (mark, text) = match text.strip_prefix('\u{feff}') {
            Some(rest) => (3, rest),
            None => (0, text),
        };
        let mut stream = serde_json::Deserializer::from_str(text).into_iter::<AnyEvent>();
        match stream.next() {
            Some(Ok(event)) => Attempt::Parsed(event, mark + stream.byte_offset()),
            // Cut short by the end of what was read (not by bytes that are not UTF-8): more
            // may complete it.
            Some(Err(error)) if error.is_eof() && !self.eof && !self.not_utf8 => Attempt::NeedMore,
            None if !self.eof && !self.not_utf8 => Attempt::NeedMore,
            _ => Attempt::Bad,
        }
    }

    /// The length of the bad document at `start`: its JSON value if it is one, else up to
    /// the next line that starts with `{`. `None` when that is beyond the size limit.
    fn bad_extent(&mut self) -> io::Result<Option<usize>> {
        loop {
            let rest = self.buf.get(self.start..).unwrap_or_default();
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
            if let Some(at) = next_document_start(self.buf.get(self.start..).unwrap_or_default()) {
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
            let rest = self.buf.get(self.start..).unwrap_or_default();
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
        let end = (self.start + len).min(self.buf.len());
        let consumed = self.buf.get(self.start..end).unwrap_or_default();
        self.line += consumed.iter().filter(|&&b| b == b'\n').count() as u64;
        self.start = end;
    }

    /// Reads at least `at_least` more bytes (fewer at the end of the stream), first dropping
    /// what was consumed.
    fn fill(&mut self, at_least: usize) -> io::Result<()> {
        if let Some(error) = self.deferred.take() {
            return Err(error);
        }
        if self.start > 0 {
            self.buf.drain(..self.start);
            self.valid = self.valid.saturating_sub(self.start);
            self.base_offset += self.start as u64;
            self.start = 0;
        }
        let mut added = 0;
        while added < at_least {
            let chunk = match self.source.fill_buf() {
                Ok(chunk) => chunk,
                Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
                Err(error) if added > 0 => {
                    self.deferred = Some(error);
                    break;
                }
                Err(error) => return Err(error),
            };
            if chunk.is_empty() {
                self.eof = true;
                break;
            }
            // No more than asked for: what bounds memory is the reader's requests, not the
            // source's buffer (a slice source hands over all it has at once).
            let len = chunk.len().min(at_least - added);
            self.buf.extend_from_slice(chunk.get(..len).unwrap_or_default());
            self.source.consume(len);
            added += len;
        }
        Ok(())
    }

    /// Validates the UTF-8 of what was read since the last call (each byte once), up to the
    /// first byte that is not UTF-8 or an incomplete character at the end.
    fn extend_valid(&mut self) {
        if self.valid < self.start {
            self.valid = self.start;
        }
        let unchecked = self.buf.get(self.valid..).unwrap_or_default();
        let (len, not_utf8) = match std::str::from_utf8(unchecked) {
            Ok(_) => (unchecked.len(), false),
            Err(error) => (error.valid_up_to(), error.error_len().is_some()),
        };
        self.valid += len;
        self.not_utf8 = not_utf8;
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
