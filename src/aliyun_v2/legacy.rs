//! The Alibaba Cloud 1.0 event names (1.0 事件名), read as aliases of their 2.0 events.
//!
//! Seed 002 ("与1.0事件的对比") lists what 2.0 changed: five events renamed (`CallEstablished`
//! → `Established`, `CallReleased` → `Released`, `CallHeld` → `Held`, `CallRetrieved` →
//! `Retrieved`, `CallAbandoned` → `Abandoned`) and `AgentACW` removed ("该事件没有实际意义").
//! An instance that still sends a 1.0 name is read with the fields of the 2.0 event (the
//! documents give no 1.0 field table, so the 2.0 fields are the best documented reading;
//! anything else lands in `extra`, as for any event) and reported as a deviation
//! [`DeviationKind::OldName`] `"1.0 event name"` at `$.eventType`, so that strict mode still
//! rejects it. `AgentACW` is read as an agent call event (the fields of `AgentRelease`, the
//! 2.0 event after which the agent enters wrap-up).

use super::fields::CommonFields;
use super::{Event, EventType};
use crate::wire::fast::{Fast, Lexer};
use crate::wire::{Deviation, DeviationKind, DuplicateKeys, Fields, JsonPath, WireObject, serialize_object};
use serde::Deserializer;
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Map, Value};
use std::any::{Any, TypeId};
use std::ops::{Deref, DerefMut};

/// How a deviation names a 1.0 event name.
pub const OLD_NAME: &str = "1.0 event name";

/// Every 1.0 event name seed 002 lists, with the 2.0 event type that replaced it (`None` for
/// `AgentACW`, which 2.0 dropped).
pub const RENAMED_IN_2_0: [(&str, Option<&str>); 6] = [
    ("CallEstablished", Some("Established")),
    ("CallReleased", Some("Released")),
    ("CallHeld", Some("Held")),
    ("CallRetrieved", Some("Retrieved")),
    ("CallAbandoned", Some("Abandoned")),
    ("AgentACW", None),
];

impl EventType {
    /// Whether this is an Alibaba Cloud 1.0 event name (see [`RENAMED_IN_2_0`]).
    pub fn is_1_0_name(&self) -> bool {
        RENAMED_IN_2_0.iter().any(|(old, _)| *old == self.as_str())
    }

    /// For a 1.0 event name, the 2.0 event type that replaced it (`None` for a 2.0 type, and
    /// for `AgentACW`, which has no 2.0 successor).
    pub fn renamed_to(&self) -> Option<EventType> {
        RENAMED_IN_2_0
            .iter()
            .find(|(old, _)| *old == self.as_str())
            .and_then(|(_, new)| new.map(EventType::from))
    }
}

/// An event sent under its 1.0 name: the 2.0 event `T`, read and written exactly alike (it
/// dereferences to `T`), whose deviations start with the 1.0 name.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Legacy<T> {
    /// The event, with the fields of its 2.0 type.
    pub event: T,
}

impl<T> Deref for Legacy<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.event
    }
}

impl<T> DerefMut for Legacy<T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.event
    }
}

impl<T: Fields> Fields for Legacy<T> {
    fn accept<'de, D: Deserializer<'de>>(
        &mut self,
        key: &str,
        value: D,
        replaced: &mut bool,
    ) -> Result<Option<D>, D::Error> {
        self.event.accept(key, value, replaced)
    }
    fn serialize_fields<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        self.event.serialize_fields(map)
    }
    fn present_len(&self) -> usize {
        self.event.present_len()
    }
    // The deviation is raised here rather than in `check_object` because a boxed object (as
    // event enums hold them) delegates its fields, not its whole check.
    fn check_fields(&self, path: &mut JsonPath, out: &mut Vec<Deviation>) {
        let sent = self
            .event
            .group_any(TypeId::of::<CommonFields>())
            .and_then(|group| group.downcast_ref::<CommonFields>())
            .and_then(|common| common.event_type.get());
        let current = sent.and_then(|sent| {
            RENAMED_IN_2_0
                .iter()
                .find(|(old, _)| *old == sent.as_str())
                .and_then(|(_, new)| *new)
        });
        out.push(Deviation::new(
            path.join_key("eventType"),
            DeviationKind::OldName {
                what: OLD_NAME,
                current,
            },
        ));
        self.event.check_fields(path, out);
    }
    fn group_any(&self, id: TypeId) -> Option<&dyn Any> {
        self.event.group_any(id)
    }
    fn fast_accept(&mut self, key: &str, lex: &mut Lexer<'_>, replaced: &mut bool) -> Fast<bool> {
        self.event.fast_accept(key, lex, replaced)
    }
}

impl<T: WireObject> WireObject for Legacy<T> {
    fn extra(&self) -> &Map<String, Value> {
        self.event.extra()
    }
    fn extra_mut(&mut self) -> &mut Map<String, Value> {
        self.event.extra_mut()
    }
    fn duplicate_keys(&self) -> &DuplicateKeys {
        self.event.duplicate_keys()
    }
    fn duplicate_keys_mut(&mut self) -> &mut DuplicateKeys {
        self.event.duplicate_keys_mut()
    }
}

impl<T: WireObject> Serialize for Legacy<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_object(self, serializer)
    }
}

impl Event {
    /// A 1.0-named event as its 2.0 event: the same fields, as sent (its `eventType` still
    /// reads the 1.0 name). `None` for a 2.0 event and for `AgentACW`, which 2.0 dropped.
    pub fn to_2_0(&self) -> Option<Event> {
        Some(match self {
            Event::CallEstablished(old) => Event::Established(Box::new(old.event.clone())),
            Event::CallReleased(old) => Event::Released(Box::new(old.event.clone())),
            Event::CallHeld(old) => Event::Held(Box::new(old.event.clone())),
            Event::CallRetrieved(old) => Event::Retrieved(Box::new(old.event.clone())),
            Event::CallAbandoned(old) => Event::Abandoned(Box::new(old.event.clone())),
            _ => return None,
        })
    }
}
