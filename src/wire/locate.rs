//! Finds where in a payload a JSON error happened, for error messages. Runs only after a
//! parse has failed, so the success path pays nothing for it.

use super::{JsonPath, PathSegment};
use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;
use std::cell::RefCell;
use std::fmt;

/// Where a failed parse stopped, and the event type if a top-level tag key was read first.
pub(crate) struct Location {
    pub path: JsonPath,
    pub event_type: Option<String>,
}

/// Re-reads `bytes`, tracking the path, until the error; `tags` are the top-level keys whose
/// string value names the event type.
pub(crate) fn locate(bytes: &[u8], tags: &[&str]) -> Location {
    let state = State {
        stack: RefCell::new(Vec::new()),
        event_type: RefCell::new(None),
        tags,
    };
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let outcome = Trace {
        state: &state,
        top: true,
    }
    .deserialize(&mut deserializer);
    if outcome.is_ok() {
        // The value itself was fine: the error is what follows it (trailing characters).
        state.stack.borrow_mut().clear();
    }
    Location {
        path: JsonPath::from(state.stack.into_inner()),
        event_type: state.event_type.into_inner(),
    }
}

struct State<'t> {
    stack: RefCell<Vec<PathSegment>>,
    event_type: RefCell<Option<String>>,
    tags: &'t [&'t str],
}

#[derive(Clone, Copy)]
struct Trace<'s, 't> {
    state: &'s State<'t>,
    top: bool,
}

impl<'de> DeserializeSeed<'de> for Trace<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Trace<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let inner = Trace {
            state: self.state,
            top: false,
        };
        while let Some(key) = map.next_key::<String>()? {
            let is_tag = self.top && self.state.tags.contains(&key.as_str());
            self.state.stack.borrow_mut().push(PathSegment::Key(key));
            if is_tag {
                if let Value::String(tag) = map.next_value::<Value>()? {
                    *self.state.event_type.borrow_mut() = Some(tag);
                }
            } else {
                map.next_value_seed(inner)?;
            }
            self.state.stack.borrow_mut().pop();
        }
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let inner = Trace {
            state: self.state,
            top: false,
        };
        for index in 0.. {
            self.state.stack.borrow_mut().push(PathSegment::Index(index));
            let more = seq.next_element_seed(inner)?.is_some();
            self.state.stack.borrow_mut().pop();
            if !more {
                break;
            }
        }
        Ok(())
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_path_of_the_error_and_the_tag() {
        let at = locate(
            br#"{"type":"CallState","item":{"Participants":[{"a":1},{"State":}]}}"#,
            &["type"],
        );
        assert_eq!(at.path.to_string(), "$.item.Participants[1].State");
        assert_eq!(at.event_type.as_deref(), Some("CallState"));
        let truncated = locate(br#"{"eventType":"Held","callee":"13"#, &["eventType"]);
        assert_eq!(truncated.path.to_string(), "$.callee");
        let trailing = locate(br#"{"a":1} x"#, &[]);
        assert!(trailing.path.is_root());
    }
}
