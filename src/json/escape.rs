//! JSON string escaping, byte for byte as `serde_json` escapes: `"` and `\` with a backslash,
//! the control characters as `\b \t \n \f \r` or `\u00XX`, everything else (`/`, DEL,
//! non-ASCII) as it is.

/// What byte `b` becomes inside a JSON string: 0 for itself, else the letter after the
/// backslash (`u` for `\u00XX`). serde_json's table.
static ESCAPE: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut byte = 0;
    while byte < 0x20 {
        table[byte] = b'u';
        byte += 1;
    }
    table[0x08] = b'b';
    table[0x09] = b't';
    table[0x0A] = b'n';
    table[0x0C] = b'f';
    table[0x0D] = b'r';
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table
};

/// Whether JSON writes `byte` escaped inside a string. A `const fn`, so that
/// [`crate::wire::CleanKey`] checks its keys against the very table the writer uses.
pub(crate) const fn is_escaped(byte: u8) -> bool {
    ESCAPE[byte as usize] != 0
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// Whether any of the eight bytes of `word` needs escaping: below 0x20, `"` or `\`. Exact as a
/// yes or no (the bit tricks may mark the wrong byte, never a clean word).
#[inline(always)]
fn word_needs_escape(word: u64) -> bool {
    let below_space = word.wrapping_sub(ONES * 0x20) & !word;
    let quote = word ^ (ONES * u64::from(b'"'));
    let backslash = word ^ (ONES * u64::from(b'\\'));
    let zero_in = |v: u64| v.wrapping_sub(ONES) & !v;
    (below_space | zero_in(quote) | zero_in(backslash)) & HIGHS != 0
}

/// Appends `text` to `out` as a JSON string, quotes included.
///
/// Most texts of the corpus are ids, codes and times of a few to a few dozen bytes with
/// nothing to escape, so the text is read and copied a word (8 bytes) at a time, each word
/// checked as it is copied: fixed-size copies, no call to `memcpy`. The last, partial word is
/// read overlapping the one before and written over its overlap; a text shorter than a word
/// as two overlapping halves, or byte by byte under 4. At the first word that needs escaping,
/// what was copied is taken back and the whole text goes the slow way.
#[inline]
pub(super) fn write_str(out: &mut Vec<u8>, text: &str) {
    out.reserve(text.len() + 2);
    out.push(b'"');
    write_contents(out, text.as_bytes());
    out.push(b'"');
}

/// Appends `text`, known to need no escaping (a [`crate::wire::CleanKey`]), as a JSON string:
/// the same word copies as [`write_str`], without the checks.
#[inline]
pub(super) fn write_clean_str(out: &mut Vec<u8>, text: &str) {
    out.reserve(text.len() + 2);
    out.push(b'"');
    copy_if_clean::<false>(out, text.as_bytes());
    out.push(b'"');
}

/// Appends `bytes` (UTF-8) escaped, without quotes (see [`write_str`]).
#[inline]
pub(super) fn write_contents(out: &mut Vec<u8>, bytes: &[u8]) {
    let start = out.len();
    if !copy_if_clean::<true>(out, bytes) {
        out.truncate(start);
        write_escaped(out, bytes);
    }
}

/// Copies `bytes` onto `out` word by word while no byte needs escaping; gives whether all were
/// clean (if not, `out` holds a partial copy for the caller to take back). Without `CHECK`,
/// copies all of `bytes` and gives true: the caller knows them clean.
#[inline]
fn copy_if_clean<const CHECK: bool>(out: &mut Vec<u8>, bytes: &[u8]) -> bool {
    let n = bytes.len();
    if n >= 8 {
        let mut words = bytes.chunks_exact(8);
        for chunk in &mut words {
            let Some(chunk) = chunk.first_chunk::<8>() else {
                return false; // cannot happen: `chunks_exact(8)` gives 8 bytes
            };
            if CHECK && word_needs_escape(u64::from_le_bytes(*chunk)) {
                return false;
            }
            out.extend_from_slice(chunk);
        }
        let rest = words.remainder().len();
        if rest > 0 {
            let Some(last) = bytes[n - 8..].first_chunk::<8>() else {
                return false; // cannot happen: `n >= 8`
            };
            if CHECK && word_needs_escape(u64::from_le_bytes(*last)) {
                return false;
            }
            out.truncate(out.len() - (8 - rest));
            out.extend_from_slice(last);
        }
        true
    } else if n >= 4 {
        let (Some(low), Some(high)) = (bytes.first_chunk::<4>(), bytes.last_chunk::<4>()) else {
            return false; // cannot happen: `n >= 4`
        };
        let word = u64::from(u32::from_le_bytes(*low)) | (u64::from(u32::from_le_bytes(*high)) << 32);
        if CHECK && word_needs_escape(word) {
            return false;
        }
        out.extend_from_slice(low);
        out.truncate(out.len() - (8 - n));
        out.extend_from_slice(high);
        true
    } else {
        for &byte in bytes {
            if CHECK && is_escaped(byte) {
                return false;
            }
            out.push(byte);
        }
        true
    }
}

/// The slow path: a text with something to escape.
#[cold]
#[inline(never)]
fn write_escaped(out: &mut Vec<u8>, bytes: &[u8]) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut start = 0;
    for (at, &byte) in bytes.iter().enumerate() {
        let escape = ESCAPE[usize::from(byte)];
        if escape == 0 {
            continue;
        }
        out.extend_from_slice(&bytes[start..at]);
        match escape {
            b'u' => out.extend_from_slice(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(byte >> 4)],
                HEX[usize::from(byte & 0xF)],
            ]),
            letter => out.extend_from_slice(&[b'\\', letter]),
        }
        start = at + 1;
    }
    out.extend_from_slice(&bytes[start..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped(text: &str) -> String {
        let mut out = Vec::new();
        write_str(&mut out, text);
        String::from_utf8(out).expect("UTF-8 in, UTF-8 out")
    }

    #[test]
    fn every_byte_is_escaped_as_serde_json_escapes_it() {
        for byte in 0u8..=0x7F {
            let text = char::from(byte).to_string();
            for padded in [
                text.clone(),
                format!("abcdefgh{text}ijklmnop"),
                format!("{text}1234567"),
            ] {
                assert_eq!(
                    escaped(&padded),
                    serde_json::to_string(&padded).expect("serialises"),
                    "byte {byte:#04x}"
                );
            }
        }
    }

    #[test]
    fn non_ascii_and_long_texts_are_kept() {
        for text in [
            "",
            "呼入电话 — 已接通 /path\u{7f}",
            "0123456789abcdef0123456789abcdef\"",
            "tab\tin the middle of a long clean run of text",
        ] {
            assert_eq!(escaped(text), serde_json::to_string(text).expect("serialises"));
        }
    }

    #[test]
    fn texts_of_every_length_are_copied_or_escaped_by_every_byte() {
        for length in 0..=40 {
            let clean: String = (0..length).map(|i| char::from(b'a' + (i % 26) as u8)).collect();
            assert_eq!(escaped(&clean), format!("\"{clean}\""), "{length}");
            for place in 0..length {
                for dirty in ['"', '\\', '\n', '\u{1f}'] {
                    let mut text = clean.clone().into_bytes();
                    text[place] = dirty as u8;
                    let text = String::from_utf8(text).expect("ASCII");
                    assert_eq!(escaped(&text), serde_json::to_string(&text).expect("serialises"));
                }
            }
        }
    }

    #[test]
    fn clean_texts_of_every_length_are_copied_unchecked() {
        for length in 0..=40 {
            let clean: String = (0..length).map(|i| char::from(b'a' + (i % 26) as u8)).collect();
            let mut out = b"{".to_vec();
            write_clean_str(&mut out, &clean);
            assert_eq!(out, format!("{{\"{clean}\"").into_bytes(), "{length}");
        }
    }

    #[test]
    fn a_clean_word_is_never_flagged_and_a_dirty_one_always() {
        let clean: Vec<u8> = (0x20u8..=0xFF).filter(|b| *b != b'"' && *b != b'\\').collect();
        for window in clean.windows(8) {
            let word = u64::from_le_bytes(window.try_into().expect("eight bytes"));
            assert!(!word_needs_escape(word), "{window:?}");
        }
        for dirty in (0u8..0x20).chain([b'"', b'\\']) {
            for place in 0..8 {
                for filler in [b'a', 0xFF, 0x21, 0x5D] {
                    let mut bytes = [filler; 8];
                    bytes[place] = dirty;
                    assert!(word_needs_escape(u64::from_le_bytes(bytes)), "{bytes:?}");
                }
            }
        }
    }
}
