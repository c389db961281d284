//! The projection: reading an event only as far as its common conversion needs.
//!
//! While a [`Projection`] is alive on a thread, objects read there skip the values of fields
//! declared `unmapped` (no conversion reads them) and of keys the documentation does not
//! name. The JSON is still checked whole, so a
//! payload is accepted or refused exactly as by a full parse, and the common event built from
//! the projected value is the one built from the full value; the projected value itself is
//! incomplete and never leaves the crate (see [`crate::parse_common`]).
//!
//! A thread-local flag rather than a parameter: the objects are read through serde's traits,
//! which carry no context, and one flag read per skipped key costs less than threading a mode
//! through every generated visitor.

use std::cell::Cell;

thread_local! {
    static PROJECTING: Cell<bool> = const { Cell::new(false) };
}

/// Whether values no conversion reads may be skipped on this thread now.
#[inline]
pub(crate) fn projecting() -> bool {
    PROJECTING.with(Cell::get)
}

/// Skips unmapped values on this thread until dropped (then restores what was before, so that
/// it nests and survives an unwinding panic).
pub(crate) struct Projection {
    before: bool,
}

impl Projection {
    /// Starts skipping.
    pub(crate) fn start() -> Self {
        Projection {
            before: PROJECTING.with(|flag| flag.replace(true)),
        }
    }
}

impl Drop for Projection {
    fn drop(&mut self) {
        PROJECTING.with(|flag| flag.set(self.before));
    }
}

/// Reads the value of a key nobody will look at: checked as JSON, not built.
#[inline(never)]
pub(crate) fn skip_value<'de, D: Deserializer<'de>>(value: D) -> Result<(), D::Error> {
    Skipped::deserialize(value).map(|_| ())
}

/// A value read and dropped. Not `serde::de::IgnoredAny`: serde_json skips that with its own
/// scanner, which reports some malformed strings one column off from the scanner a full parse
/// uses, and the projection must refuse a payload with the very error the full parse gives.
struct Skipped;

impl<'de> Deserialize<'de> for Skipped {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(SkipVisitor)
    }
}

struct SkipVisitor;

impl<'de> Visitor<'de> for SkipVisitor {
    type Value = Skipped;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, _: bool) -> Result<Skipped, E> {
        Ok(Skipped)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Skipped, E> {
        Ok(Skipped)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Skipped, E> {
        Ok(Skipped)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Skipped, E> {
        Ok(Skipped)
    }
    fn visit_str<E>(self, _: &str) -> Result<Skipped, E> {
        Ok(Skipped)
    }
    fn visit_unit<E>(self) -> Result<Skipped, E> {
        Ok(Skipped)
    }
    fn visit_none<E>(self) -> Result<Skipped, E> {
        Ok(Skipped)
    }
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Skipped, D::Error> {
        Skipped::deserialize(deserializer)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Skipped, A::Error> {
        while seq.next_element::<Skipped>()?.is_some() {}
        Ok(Skipped)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Skipped, A::Error> {
        while map.next_entry::<Skipped, Skipped>()?.is_some() {}
        Ok(Skipped)
    }
}

use serde::Deserialize;
use serde::de::{Deserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;

#[cfg(all(test, feature = "push_v7"))]
mod tests {
    use super::*;
    use crate::push_v7::Event;

    const CDR: &str = r#"{"pushType":"cdr","accountId":"N1","callUniqueId":"c-1","actionId":"a-1","customerCity":"Beijing","notInTheDocs":{"deep":[1,2]}}"#;

    type Outcome = Result<(), Box<dyn std::error::Error>>;

    fn cdr(event: &Event) -> Result<&crate::push_v7::Cdr, String> {
        match event {
            Event::Cdr(cdr) => Ok(cdr),
            other => Err(format!("not a cdr: {other:?}")),
        }
    }

    #[test]
    fn a_projection_skips_unmapped_fields_and_undocumented_keys_only() -> Outcome {
        let full = Event::from_str(CDR)?;
        assert_eq!(cdr(&full)?.action_id.as_str(), Some("a-1"));
        assert!(cdr(&full)?.extra.contains_key("notInTheDocs"));

        let projected = {
            let _projection = Projection::start();
            Event::from_str(CDR)?
        };
        let projected = cdr(&projected)?;
        assert!(projected.action_id.is_absent(), "an unmapped field is skipped");
        assert!(projected.customer_city.is_absent());
        assert!(projected.extra.is_empty(), "an undocumented key is skipped");
        assert_eq!(
            projected.call.call_unique_id.as_str(),
            Some("c-1"),
            "a mapped field is kept"
        );
        assert!(!projecting(), "the flag ends with the projection");
        Ok(())
    }

    #[test]
    fn the_flag_is_restored_after_an_error_and_when_nested() {
        {
            let _outer = Projection::start();
            {
                let _inner = Projection::start();
                assert!(Event::from_str(r#"{"pushType":"cdr","actionId":}"#).is_err());
            }
            assert!(projecting(), "the inner projection restores the outer one");
        }
        assert!(!projecting());
    }
}
