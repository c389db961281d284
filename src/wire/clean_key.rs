//! [`CleanKey`]: a key of the crate's own objects, known at compile time to need no escaping.

use serde::{Serialize, Serializer};

/// The newtype-struct name a [`CleanKey`] serialises under. Every serializer but the crate's
/// own writer sees a newtype around a string and writes the string, as for any map key; the
/// crate's writer (`crate::json`), meeting this very name (compared by address), copies the
/// key without looking for bytes to escape.
pub(crate) static CLEAN_KEY_TOKEN: &str = "$cc_events::private::CleanKey";

/// An object key with no byte that JSON escapes (no control character, `"` or `\`), checked
/// when the crate is compiled: the objects' declarations make theirs with
/// `const { CleanKey::new("key") }`, where a key that fails the check is a compile error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct CleanKey(&'static str);

impl CleanKey {
    /// The key `key`; panics (at compile time, in a `const` block) if JSON would escape a
    /// byte of it.
    pub(crate) const fn new(key: &'static str) -> Self {
        let bytes = key.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            assert!(!crate::json::is_escaped(bytes[at]), "a key JSON escapes");
            at += 1;
        }
        CleanKey(key)
    }
}

impl Serialize for CleanKey {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_newtype_struct(CLEAN_KEY_TOKEN, self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn other_serializers_write_the_plain_key() {
        let mut map = BTreeMap::new();
        map.insert(CleanKey::new("callId"), 1);
        assert_eq!(serde_json::to_string(&map).expect("serialises"), r#"{"callId":1}"#);
        assert_eq!(
            serde_json::to_value(&map).expect("serialises"),
            serde_json::json!({"callId": 1})
        );
    }

    #[test]
    #[cfg(not(feature = "sonic"))]
    fn the_crates_writer_copies_the_key_unchecked() {
        // Built past `new`'s check, to see which way the writer went: unchecked, the quote
        // stays bare (a look-alike newtype is escaped: `tests/json.rs`).
        let map = BTreeMap::from([(CleanKey("a\"b"), 1)]);
        assert_eq!(crate::json::to_vec(&map).expect("writes"), br#"{"a"b":1}"#);
    }

    #[test]
    #[should_panic(expected = "a key JSON escapes")]
    fn a_key_that_needs_escaping_is_refused() {
        // At run time here, to see the check fail; in a `const` block it fails the build.
        let _ = CleanKey::new("say \"hi\"");
    }
}
