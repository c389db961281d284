//! The fast reader: the common payload read straight from its text, without serde's layers.
//!
//! The serde reader (the rest of [`crate::wire`]) is the definition of what a payload means
//! and what its errors say. This reader is an accelerator beside it: a hand-written JSON lexer
//! that fills the very same types through the same [`super::WireValue`] conversions, and that
//! gives up ([`Bail`]) on anything it does not handle the way the serde reader would: any
//! malformed text, a discriminator sent twice, a key of another schema, an escaped key before
//! the discriminator, an object or array where a field documents a scalar, integers beyond 64
//! bits, nesting deeper than 100 levels. The caller then reads the payload again with the
//! serde reader, which gives the event or the error. So for any input the result is the serde
//! reader's; the tests compare the two on every fixture, on the generated corpus and on
//! damaged and mutated payloads.
//!
//! Why it is faster: serde_json's map access, key seeds and one visitor per field type are
//! layers of generic code around every entry. Here an entry is a key compared by the object's
//! own `match` and a value read by one small loop: on the mixed corpus 14% fewer instructions
//! and 30% fewer instruction-cache misses (callgrind), 25-50% faster by the clock.

use super::dispatch::repeated_shape_key;
use super::{Buffered, EventSchema, Pending, Text, WireObject};
use crate::Schema;
use crate::detect::{Detector, Watch};
use serde_json::{Map, Number, Value};
use std::borrow::Cow;

/// The fast reader cannot read this input as the serde reader would: the caller falls back
/// to the serde reader, which decides (with its own error, if the input is one).
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bail;

/// What the fast reader returns.
#[doc(hidden)]
pub type Fast<T> = Result<T, Bail>;

/// Nesting the fast reader gives up at (serde_json refuses from 128 on; below that the two
/// readers must agree, and no payload of the four schemas comes near).
const MAX_DEPTH: u32 = 100;

/// A cursor over a JSON text, reading the tokens the fast reader needs.
#[doc(hidden)]
#[derive(Debug, Clone)]
pub struct Lexer<'a> {
    text: &'a str,
    pos: usize,
    depth: u32,
}

impl<'a> Lexer<'a> {
    /// A lexer at the start of `text`.
    pub(crate) fn new(text: &'a str) -> Self {
        Lexer { text, pos: 0, depth: 0 }
    }

    /// A lexer over the same text at `pos`, as deep as this one (to read a value again).
    fn at(&self, pos: usize) -> Self {
        Lexer {
            text: self.text,
            pos,
            depth: self.depth,
        }
    }

    #[inline]
    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    /// The next byte that is not white space (the lexer stays on it).
    #[inline]
    pub(crate) fn peek(&mut self) -> Fast<u8> {
        let bytes = self.bytes();
        while let Some(&byte) = bytes.get(self.pos) {
            if !is_white_space(byte) {
                return Ok(byte);
            }
            self.pos += 1;
        }
        Err(Bail)
    }

    /// Where the next token starts, after white space (the lexer stays there).
    #[inline]
    fn value_start(&mut self) -> Fast<usize> {
        self.peek().map(|_| self.pos)
    }

    /// Consumes `byte`, the next one after white space.
    #[inline]
    fn eat(&mut self, byte: u8) -> Fast<()> {
        if self.peek()? == byte {
            self.pos += 1;
            Ok(())
        } else {
            Err(Bail)
        }
    }

    /// Opens an object or array (`{` or `[`), one level deeper.
    #[inline]
    fn open(&mut self, bracket: u8) -> Fast<()> {
        self.eat(bracket)?;
        self.depth += 1;
        if self.depth > MAX_DEPTH { Err(Bail) } else { Ok(()) }
    }

    /// After an entry or element: `true` when another follows (`,`), `false` at `close`.
    #[inline]
    fn next_or_close(&mut self, close: u8) -> Fast<bool> {
        match self.peek()? {
            b',' => {
                self.pos += 1;
                Ok(true)
            }
            byte if byte == close => {
                self.pos += 1;
                self.depth = self.depth.saturating_sub(1);
                Ok(false)
            }
            _ => Err(Bail),
        }
    }

    /// Right after `open`: `true` when the object or array has a first entry, `false` when
    /// it closes at once.
    #[inline]
    fn first_or_close(&mut self, close: u8) -> Fast<bool> {
        if self.peek()? == close {
            self.pos += 1;
            self.depth = self.depth.saturating_sub(1);
            Ok(false)
        } else {
            Ok(true)
        }
    }

    /// An object key and its colon.
    #[inline]
    fn key(&mut self) -> Fast<Cow<'a, str>> {
        let key = self.string()?;
        self.eat(b':')?;
        Ok(key)
    }

    /// A string token: borrowed from the text when it has no escape.
    #[inline]
    pub(crate) fn string(&mut self) -> Fast<Cow<'a, str>> {
        if self.peek()? != b'"' {
            return Err(Bail);
        }
        let start = self.pos + 1;
        let end = special_at(self.bytes(), start)?;
        match self.bytes().get(end) {
            Some(b'"') => {
                self.pos = end + 1;
                // On character boundaries: both ends are ASCII bytes of the text.
                self.text.get(start..end).map(Cow::Borrowed).ok_or(Bail)
            }
            Some(b'\\') => self.unescape(start, end).map(Cow::Owned),
            _ => Err(Bail), // a control character, which JSON refuses in a string
        }
    }

    /// The rest of a string with escapes, from its start; `first` is the first backslash.
    #[cold]
    fn unescape(&mut self, start: usize, first: usize) -> Fast<String> {
        let bytes = self.bytes();
        let mut out = String::with_capacity(first - start + 8);
        out.push_str(self.text.get(start..first).ok_or(Bail)?);
        let mut at = first;
        loop {
            match *bytes.get(at).ok_or(Bail)? {
                b'"' => {
                    self.pos = at + 1;
                    return Ok(out);
                }
                b'\\' => {
                    let escape = *bytes.get(at + 1).ok_or(Bail)?;
                    at += 2;
                    let decoded = match escape {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => {
                            let code = hex4(bytes, at)?;
                            at += 4;
                            match code {
                                0xD800..=0xDBFF => {
                                    // Only a whole surrogate pair; serde_json decides the rest.
                                    if bytes.get(at..at + 2) != Some(b"\\u") {
                                        return Err(Bail);
                                    }
                                    let low = hex4(bytes, at + 2)?;
                                    if !(0xDC00..=0xDFFF).contains(&low) {
                                        return Err(Bail);
                                    }
                                    at += 6;
                                    char::from_u32(0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)).ok_or(Bail)?
                                }
                                0xDC00..=0xDFFF => return Err(Bail),
                                _ => char::from_u32(code).ok_or(Bail)?,
                            }
                        }
                        _ => return Err(Bail),
                    };
                    out.push(decoded);
                }
                0..=0x1F => return Err(Bail),
                _ => {
                    let end = special_at(bytes, at)?;
                    out.push_str(self.text.get(at..end).ok_or(Bail)?);
                    at = end;
                }
            }
        }
    }

    /// Skips a string token, checking it as [`Lexer::string`] would read it.
    fn skip_string(&mut self) -> Fast<()> {
        let start = self.pos + 1;
        let end = special_at(self.bytes(), start)?;
        if self.bytes().get(end) == Some(&b'"') {
            self.pos = end + 1;
            Ok(())
        } else {
            self.string().map(drop)
        }
    }

    /// The entries of an object, each key given to `each`, which reads its value (the next
    /// token must open the object).
    fn entries(&mut self, mut each: impl FnMut(&mut Self, Cow<'a, str>) -> Fast<()>) -> Fast<()> {
        self.open(b'{')?;
        if self.first_or_close(b'}')? {
            loop {
                let key = self.key()?;
                each(self, key)?;
                if !self.next_or_close(b'}')? {
                    break;
                }
            }
        }
        Ok(())
    }

    /// The elements of an array, each read by `each` (the next token must open it).
    pub(crate) fn elements(&mut self, mut each: impl FnMut(&mut Self) -> Fast<()>) -> Fast<()> {
        self.open(b'[')?;
        if self.first_or_close(b']')? {
            loop {
                each(self)?;
                if !self.next_or_close(b']')? {
                    break;
                }
            }
        }
        Ok(())
    }

    /// A literal (`true`, `false`, `null`), whose first byte is next.
    #[inline]
    pub(crate) fn literal(&mut self, word: &[u8]) -> Fast<()> {
        if self.bytes().get(self.pos..self.pos + word.len()) == Some(word) {
            self.pos += word.len();
            Ok(())
        } else {
            Err(Bail)
        }
    }

    /// A number, as serde_json reads it (integers as `u64` or `i64`, else `f64`).
    pub(crate) fn number(&mut self) -> Fast<Number> {
        let bytes = self.bytes();
        let start = self.pos;
        let mut at = start;
        let negative = bytes.get(at) == Some(&b'-');
        if negative {
            at += 1;
        }
        let digits = at;
        match bytes.get(at) {
            Some(b'0') => at += 1,
            Some(b'1'..=b'9') => {
                while matches!(bytes.get(at), Some(b'0'..=b'9')) {
                    at += 1;
                }
            }
            _ => return Err(Bail),
        }
        let integer_end = at;
        let mut float = false;
        if bytes.get(at) == Some(&b'.') {
            at = digits_after(bytes, at + 1)?;
            float = true;
        }
        if matches!(bytes.get(at), Some(b'e' | b'E')) {
            at += 1;
            if matches!(bytes.get(at), Some(b'+' | b'-')) {
                at += 1;
            }
            at = digits_after(bytes, at)?;
            float = true;
        }
        self.pos = at;
        if float {
            // Correctly rounded, as serde_json's `float_roundtrip` reading is.
            let value: f64 = self.text.get(start..at).ok_or(Bail)?.parse().map_err(|_| Bail)?;
            return if value.is_finite() {
                Number::from_f64(value).ok_or(Bail)
            } else {
                Err(Bail)
            };
        }
        let digits = bytes.get(digits..integer_end).ok_or(Bail)?;
        // Beyond u64, serde_json reads a float: left to it.
        let significand = digits.iter().try_fold(0u64, |sum, digit| {
            sum.checked_mul(10)
                .and_then(|sum| sum.checked_add(u64::from(digit - b'0')))
                .ok_or(Bail)
        })?;
        if !negative {
            return Ok(Number::from(significand));
        }
        // serde_json's rule: `-0` and negatives below i64::MIN are floats.
        let negated = (significand as i64).wrapping_neg();
        if negated >= 0 {
            Number::from_f64(-(significand as f64)).ok_or(Bail)
        } else {
            Ok(Number::from(negated))
        }
    }

    /// Any JSON value, as serde_json's `Value` reads it.
    pub(crate) fn value(&mut self) -> Fast<Value> {
        Ok(match self.peek()? {
            b'"' => Value::String(self.string()?.into_owned()),
            b'{' => Value::Object(self.object()?),
            b'[' => {
                let mut items = Vec::new();
                self.elements(|lex| {
                    items.push(lex.value()?);
                    Ok(())
                })?;
                Value::Array(items)
            }
            b't' => {
                self.literal(b"true")?;
                Value::Bool(true)
            }
            b'f' => {
                self.literal(b"false")?;
                Value::Bool(false)
            }
            b'n' => {
                self.literal(b"null")?;
                Value::Null
            }
            _ => Value::Number(self.number()?),
        })
    }

    /// A JSON object as a `Map` (a repeated key keeps its last value, as in `Value`).
    pub(crate) fn object(&mut self) -> Fast<Map<String, Value>> {
        let mut map = Map::new();
        self.entries(|lex, key| {
            map.insert(key.into_owned(), lex.value()?);
            Ok(())
        })?;
        Ok(map)
    }

    /// Skips any value, checking it as [`Lexer::value`] would read it.
    pub(crate) fn skip_value(&mut self) -> Fast<()> {
        match self.peek()? {
            b'"' => self.skip_string(),
            b'{' => self.entries(|lex, _| lex.skip_value()),
            b'[' => self.elements(Self::skip_value),
            b't' => self.literal(b"true"),
            b'f' => self.literal(b"false"),
            b'n' => self.literal(b"null"),
            _ => self.number().map(drop),
        }
    }

    /// Reads the entries of an object into `object` (the next token must open it).
    pub(crate) fn fill<O: WireObject>(&mut self, object: &mut O) -> Fast<()> {
        self.entries(|lex, key| object.fast_take_entry(key, lex))
    }

    /// Reads a whole object as `O`.
    pub(crate) fn read_object<O: WireObject>(&mut self) -> Fast<O> {
        let mut object = O::default();
        self.fill(&mut object)?;
        Ok(object)
    }
}

/// The index of the first byte at or after `from` that ends a run of plain string bytes: a
/// quote, a backslash or a control character. Eight bytes at a time.
#[inline]
fn special_at(bytes: &[u8], from: usize) -> Fast<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut at = from;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let word = u64::from_le_bytes(chunk.try_into().map_err(|_| Bail)?);
        let quote = word ^ (ONES * u64::from(b'"'));
        let backslash = word ^ (ONES * u64::from(b'\\'));
        // A byte is flagged when it is zero (in `quote`, `backslash`) or below 0x20 (in
        // `word`); the lowest flag is exact, which is the one used.
        let found = ((quote.wrapping_sub(ONES) & !quote)
            | (backslash.wrapping_sub(ONES) & !backslash)
            | (word.wrapping_sub(ONES * 0x20) & !word))
            & HIGH;
        if found != 0 {
            return Ok(at + (found.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    while let Some(&byte) = bytes.get(at) {
        if ends_run(byte) {
            return Ok(at);
        }
        at += 1;
    }
    Err(Bail)
}

/// Whether a byte ends a run of plain string bytes (what [`special_at`] finds, byte by byte).
#[inline]
fn ends_run(byte: u8) -> bool {
    byte == b'"' || byte == b'\\' || byte < 0x20
}

/// The end of a run of at least one digit starting at `from`.
fn digits_after(bytes: &[u8], from: usize) -> Fast<usize> {
    let mut at = from;
    while matches!(bytes.get(at), Some(b'0'..=b'9')) {
        at += 1;
    }
    if at == from { Err(Bail) } else { Ok(at) }
}

/// Four hex digits at `at`.
fn hex4(bytes: &[u8], at: usize) -> Fast<u32> {
    let digits = bytes.get(at..at + 4).ok_or(Bail)?;
    digits.iter().try_fold(0u32, |code, &digit| {
        let value = (digit as char).to_digit(16).ok_or(Bail)?;
        Ok(code * 16 + value)
    })
}

/// One top-level entry read before the event type was known: its key and where its value
/// lies in the text (it is read again, straight into the event's type).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Entry<'a> {
    key: &'a str,
    start: usize,
}

/// The top-level entries read before the event type was known: usually a few, on the stack;
/// past sixteen (a discriminator sent last in a big record), in a vector.
#[derive(Debug, Default)]
pub(crate) struct Entries<'a> {
    items: [Option<Entry<'a>>; 16],
    len: usize,
    more: Vec<Entry<'a>>,
}

impl<'a> Entries<'a> {
    fn push(&mut self, entry: Entry<'a>) {
        match self.items.get_mut(self.len) {
            Some(slot) => {
                *slot = Some(entry);
                self.len += 1;
            }
            None => self.more.push(entry),
        }
    }

    fn iter(&self) -> impl Iterator<Item = &Entry<'a>> {
        self.items.iter().take(self.len).flatten().chain(&self.more)
    }
}

/// The top-level state when the event type is known: the entries read so far, the key
/// whose value is next (if detection decided on a key alone), whether the object is already
/// closed (no discriminator was found before its end), and under auto-detection the detector,
/// which goes on watching for keys of another schema.
#[doc(hidden)]
#[derive(Debug)]
pub struct Read<'a, 'e> {
    entries: &'e Entries<'a>,
    pending: Option<&'a str>,
    closed: bool,
    schema: Schema,
    tag_key: &'static str,
    detector: Option<&'e mut Detector>,
}

/// Builds an event of type `T`: the entries read so far, then the rest of the top-level object.
pub fn finish<'a, T: WireObject>(read: &mut Read<'a, '_>, lex: &mut Lexer<'a>) -> Fast<T> {
    let mut object = T::default();
    replay(read, lex, |key, lex| object.fast_take_entry(key, lex))?;
    Ok(object)
}

/// Builds an event of a type the schema does not document: the whole object, as sent.
pub fn finish_unknown<'a>(read: &mut Read<'a, '_>, lex: &mut Lexer<'a>) -> Fast<Map<String, Value>> {
    let mut object = Map::new();
    replay(read, lex, |key, lex| {
        object.insert(key.into_owned(), lex.value()?);
        Ok(())
    })?;
    Ok(object)
}

/// Every top-level entry to `take`, in the order sent: those read before the event type was
/// known (each value read again from where it lies), the pending one, then the rest.
fn replay<'a>(
    read: &mut Read<'a, '_>,
    lex: &mut Lexer<'a>,
    mut take: impl FnMut(Cow<'a, str>, &mut Lexer<'a>) -> Fast<()>,
) -> Fast<()> {
    for entry in read.entries.iter() {
        take(Cow::Borrowed(entry.key), &mut lex.at(entry.start))?;
    }
    if let Some(key) = read.pending {
        take(Cow::Borrowed(key), lex)?;
    }
    read_rest(read, lex, take)
}

/// The rest of the top-level object, each entry to `take`, with the serde reader's checks:
/// a second discriminator, or a key that signals another schema, is left to it.
fn read_rest<'a>(
    read: &mut Read<'a, '_>,
    lex: &mut Lexer<'a>,
    mut take: impl FnMut(Cow<'a, str>, &mut Lexer<'a>) -> Fast<()>,
) -> Fast<()> {
    if read.closed {
        return Ok(());
    }
    while lex.next_or_close(b'}')? {
        let key = lex.key()?;
        if key == read.tag_key {
            return Err(Bail);
        }
        if let Some(detector) = read.detector.as_deref_mut() {
            match Detector::watch(&key, read.schema) {
                Watch::Nothing => {}
                Watch::Key => {
                    detector.observe(&key, None);
                    if detector.is_ambiguous() {
                        return Err(Bail);
                    }
                }
                Watch::Value => {
                    let from = lex.value_start()?;
                    let text = lex.string()?;
                    detector.observe_text(&key, &text);
                    if detector.is_ambiguous() {
                        return Err(Bail);
                    }
                    take(key, &mut lex.at(from))?;
                    continue;
                }
            }
        }
        take(key, lex)?;
    }
    Ok(())
}

/// The event of schema `E`: of type `tag`, or, when no discriminator was sent, of the type its
/// shape shows (the schema's `untagged` rule, on the same entries the serde reader gives it).
pub(crate) fn event<'a, E: EventSchema>(tag: Option<&str>, read: &mut Read<'a, '_>, lex: &mut Lexer<'a>) -> Fast<E> {
    if let Some(tag) = tag {
        return E::fast_event(tag, read, lex);
    }
    let mut buffered = Buffered::new();
    for entry in read.entries.iter() {
        let mut value = lex.at(entry.start);
        let pending = match value.peek()? {
            b'"' => Pending::Text(Text::from(value.string()?)),
            _ => Pending::Other(value.value()?),
        };
        buffered.push((Text::from(entry.key), pending));
    }
    if repeated_shape_key(&buffered, E::SHAPE_KEYS).is_some() {
        return Err(Bail);
    }
    let kind = E::untagged(&buffered).ok_or(Bail)?;
    E::fast_event(kind, read, lex)
}

/// An event of a known schema from its text (byte-order mark already gone), or [`Bail`].
pub(crate) fn parse_known<E: EventSchema>(text: &str) -> Fast<E> {
    let mut lex = Lexer::new(text);
    open_top(&mut lex)?;
    let mut entries = Entries::default();
    let (tag, closed) = find_tag(&mut lex, &mut entries, E::TAG, None)?;
    let mut read = Read {
        entries: &entries,
        pending: None,
        closed,
        schema: E::SCHEMA,
        tag_key: E::TAG,
        detector: None,
    };
    let event = event::<E>(tag.as_deref(), &mut read, &mut lex)?;
    if white_space_from(text, lex.pos) {
        Ok(event)
    } else {
        Err(Bail)
    }
}

/// Opens the top-level object, which must have an entry (`{}` names no event: serde's error).
fn open_top(lex: &mut Lexer<'_>) -> Fast<()> {
    lex.open(b'{')?;
    if lex.first_or_close(b'}')? { Ok(()) } else { Err(Bail) }
}

/// Reads top-level entries, from the key the lexer is at, until the discriminator `tag_key`:
/// its text and `false`, or `None` and `true` when the object ends without one. Each entry is
/// kept; under auto-detection each is observed.
fn find_tag<'a>(
    lex: &mut Lexer<'a>,
    entries: &mut Entries<'a>,
    tag_key: &str,
    mut detector: Option<&mut Detector>,
) -> Fast<(Option<Cow<'a, str>>, bool)> {
    loop {
        let key = borrowed(lex.key()?)?;
        let from = lex.value_start()?;
        if key == tag_key {
            let tag = lex.string()?;
            entries.push(Entry { key, start: from });
            return Ok((Some(tag), false));
        }
        match detector.as_deref_mut() {
            Some(detector) => {
                observe(detector, key, lex)?;
                if detector.is_ambiguous() {
                    return Err(Bail);
                }
            }
            None => lex.skip_value()?,
        }
        entries.push(Entry { key, start: from });
        if !lex.next_or_close(b'}')? {
            return Ok((None, true));
        }
    }
}

/// A top-level key as sent: an escaped one is left to the serde reader.
fn borrowed(key: Cow<'_, str>) -> Fast<&str> {
    match key {
        Cow::Borrowed(key) => Ok(key),
        Cow::Owned(_) => Err(Bail),
    }
}

/// Auto-detection over the top-level entries until the schema and its discriminator are
/// known, then `build` with the schema, the discriminator's text (`None`: none was sent) and
/// the state (the schema's [`EventSchema::fast_event`] reads the rest of the object). Gives
/// the event and where its object ends in `text`; what follows is the caller's to judge.
pub(crate) fn parse_detected<'a, T>(
    text: &'a str,
    tag_of: fn(Schema) -> &'static str,
    build: impl FnOnce(Schema, Option<&str>, &mut Read<'a, '_>, &mut Lexer<'a>) -> Fast<T>,
) -> Fast<(T, usize)> {
    let mut lex = Lexer::new(text);
    open_top(&mut lex)?;
    let mut entries = Entries::default();
    let mut detector = Detector::default();
    // Until a rule decides: every entry's value checked and skipped (its key observed).
    let mut closed_early = false;
    let (schema, pending) = loop {
        let key = borrowed(lex.key()?)?;
        if let Some(schema) = detector.decide_on_key(key) {
            break (schema, Some(key));
        }
        let from = lex.value_start()?;
        observe(&mut detector, key, &mut lex)?;
        entries.push(Entry { key, start: from });
        if let Some(schema) = detector.decided() {
            break (schema, None);
        }
        if !lex.next_or_close(b'}')? {
            // No signal: the shape rule on the whole object, or no schema (serde's error).
            match detector.finish() {
                Some(schema) => {
                    closed_early = true;
                    break (schema, None);
                }
                None => return Err(Bail),
            }
        }
    };
    let tag_key = tag_of(schema);
    let (mut sent, mut found) = (0, 0);
    for entry in entries.iter().filter(|entry| entry.key == tag_key) {
        sent += 1;
        found = entry.start;
    }
    let (tag, closed) = match sent {
        1 => (Some(lex.at(found).string()?), closed_early),
        0 if closed_early => (None, true),
        // The discriminator comes later, or the object ends without one.
        0 if pending.is_none() => match lex.next_or_close(b'}')? {
            true => find_tag(&mut lex, &mut entries, tag_key, Some(&mut detector))?,
            false => (None, true),
        },
        _ => return Err(Bail),
    };
    if detector.is_ambiguous() {
        return Err(Bail);
    }
    let mut read = Read {
        entries: &entries,
        pending,
        closed,
        schema,
        tag_key,
        detector: Some(&mut detector),
    };
    let event = build(schema, tag.as_deref(), &mut read, &mut lex)?;
    Ok((event, lex.pos))
}

/// Whether `text` holds only JSON white space from `at` on.
pub(crate) fn white_space_from(text: &str, at: usize) -> bool {
    text.as_bytes()
        .get(at..)
        .is_some_and(|rest| rest.iter().all(|&byte| is_white_space(byte)))
}

/// JSON's white space.
#[inline]
fn is_white_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\n' | b'\r' | b'\t')
}

/// Offers one top-level entry to `detector` as the serde reader does, and moves past its value.
fn observe(detector: &mut Detector, key: &str, lex: &mut Lexer<'_>) -> Fast<()> {
    if Detector::needs_value(key) {
        match lex.peek()? {
            b'"' => {
                let text = lex.string()?;
                detector.observe_text(key, &text);
            }
            _ => {
                let value = lex.value()?;
                detector.observe(key, Some(&value));
            }
        }
    } else if Detector::needs_type(key) {
        let at = lex.value_start()?;
        let found = super::JsonType::of_text(lex.bytes().get(at..).unwrap_or_default()).ok_or(Bail)?;
        detector.observe_item_type(found);
        lex.skip_value()?;
    } else {
        detector.observe(key, None);
        lex.skip_value()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The scan against a byte-by-byte one, from every start, over texts that put a special
    /// byte (or none) at every distance, beside bytes that look like one to a word-wise test
    /// (0x21, 0x5D, 0x1F + 0x80, multi-byte UTF-8).
    #[test]
    fn special_at_finds_the_first_special_byte_as_a_byte_scan_does() {
        let fillers: [u8; 6] = [b'a', 0x21, 0x5D, 0x9F, 0xE4, 0xFF];
        let enders: [u8; 5] = [b'"', b'\\', 0x00, 0x1F, b'\n'];
        for len in 0..40 {
            for &filler in &fillers {
                for special in enders.iter().map(Some).chain([None]) {
                    for place in 0..=len {
                        let mut bytes = vec![filler; len];
                        if let (Some(&special), true) = (special, place < len) {
                            bytes[place] = special;
                        }
                        for from in 0..=len {
                            let expected = (from..len).find(|&at| ends_run(bytes[at])).ok_or(Bail);
                            assert_eq!(special_at(&bytes, from), expected, "{bytes:?} from {from}");
                        }
                    }
                }
            }
        }
    }
}
