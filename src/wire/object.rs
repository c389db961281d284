//! JSON objects with typed fields and one catch-all: the [`Fields`] and [`WireObject`] traits
//! and the `wire_group!` / `wire_object!` macros that implement them.
//!
//! An object is read in one pass with no buffering: each key is offered to the object's own
//! fields, then to each of its groups (sets of fields shared by many events, declared once),
//! and a key nobody takes goes to the object's `extra` map. That is how several field groups
//! share one JSON level without `#[serde(flatten)]` and with exactly one catch-all.

use super::fast::{Bail, Fast, Lexer};
use super::{Deviation, DeviationKind, JsonPath};
use serde::Deserialize;
use serde::de::{DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde_json::{Map, Value};
use std::any::{Any, TypeId};
use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

/// A set of typed fields at one JSON level (a group, or an object's own fields).
pub trait Fields: Default {
    /// Takes the value of `key` if it is one of these fields, or gives the deserializer back.
    /// Sets `replaced` when the field already had a value (the key came twice).
    fn accept<'de, D: Deserializer<'de>>(
        &mut self,
        key: &str,
        value: D,
        replaced: &mut bool,
    ) -> Result<Option<D>, D::Error>;
    /// Writes the fields that are present (absent ones are skipped, `null` is written).
    fn serialize_fields<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error>;
    /// How many fields are present.
    fn present_len(&self) -> usize;
    /// Appends the deviations of these fields; `path` is the object's.
    fn check_fields(&self, path: &mut JsonPath, out: &mut Vec<Deviation>);
    /// The group of type `id` inside this value, if it has one.
    fn group_any(&self, id: TypeId) -> Option<&dyn Any> {
        let _ = id;
        None
    }
    /// [`Fields::accept`] for the fast reader (see `super::fast`): reads the value of `key`
    /// from `lex` when it is one of these fields (`Ok(true)`), or leaves it (`Ok(false)`).
    /// Without an implementation the fast reader gives up and the serde reader reads.
    #[doc(hidden)]
    fn fast_accept(&mut self, key: &str, lex: &mut Lexer<'_>, replaced: &mut bool) -> Fast<bool> {
        let _ = (key, lex, replaced);
        Err(Bail)
    }
}

/// A JSON object: [`Fields`] plus the catch-all for keys the documentation does not name.
pub trait WireObject: Fields {
    /// The keys the documentation does not name, with their values as sent.
    fn extra(&self) -> &Map<String, Value>;
    /// Mutable access to [`WireObject::extra`].
    fn extra_mut(&mut self) -> &mut Map<String, Value>;

    /// The keys that came more than once in this object (each once, in the order found).
    fn duplicate_keys(&self) -> &DuplicateKeys;
    /// Mutable access to [`WireObject::duplicate_keys`].
    fn duplicate_keys_mut(&mut self) -> &mut DuplicateKeys;

    /// Takes one entry: a known field, or else into `extra`. A repeated key replaces the
    /// earlier value (last wins, as in `serde_json::Value`) and is remembered, so that it is
    /// reported as a deviation.
    fn take_entry<'de, D: Deserializer<'de>>(&mut self, key: &str, value: D) -> Result<(), D::Error> {
        let mut replaced = false;
        if let Some(value) = self.accept(key, value, &mut replaced)? {
            if super::projection::projecting() {
                return super::projection::skip_value(value);
            }
            let value = Value::deserialize(value)?;
            replaced = self.extra_mut().insert(key.to_owned(), value).is_some();
        }
        if replaced {
            self.duplicate_keys_mut().note(key);
        }
        Ok(())
    }

    /// [`WireObject::take_entry`] for the fast reader: the same field, or `extra`, gets the
    /// same value.
    #[doc(hidden)]
    fn fast_take_entry(&mut self, key: Cow<'_, str>, lex: &mut Lexer<'_>) -> Fast<()> {
        let mut replaced = false;
        if !self.fast_accept(&key, lex, &mut replaced)? {
            replaced = fast_take_extra(self.extra_mut(), &key, lex)?;
        }
        if replaced {
            self.duplicate_keys_mut().note(&key);
        }
        Ok(())
    }

    /// Appends the deviations of this object at `path`: its fields', one per extra key, and
    /// one per key that came more than once.
    fn check_object(&self, path: &mut JsonPath, out: &mut Vec<Deviation>) {
        self.check_fields(path, out);
        for key in self.extra().keys() {
            out.push(Deviation::new(path.join_key(key), DeviationKind::UndocumentedField));
        }
        for key in self.duplicate_keys().iter() {
            out.push(Deviation::new(path.join_key(key), DeviationKind::DuplicateKey));
        }
    }
}

/// A key no field takes, into `extra` (skipped under a projection): `true` when the key was
/// there already. Not inlined: one copy serves every object, and undocumented keys are rare.
#[inline(never)]
fn fast_take_extra(extra: &mut Map<String, Value>, key: &str, lex: &mut Lexer<'_>) -> Fast<bool> {
    if super::projection::projecting() {
        lex.skip_value()?;
        return Ok(false);
    }
    let value = lex.value()?;
    Ok(extra.insert(key.to_owned(), value).is_some())
}

/// The keys that came more than once in one JSON object. Empty (and free) for almost every
/// payload; kept beside the fields because the JSON value itself cannot show a repeat.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct DuplicateKeys(Vec<String>);

impl DuplicateKeys {
    /// Remembers that `key` came again.
    pub fn note(&mut self, key: &str) {
        if !self.0.iter().any(|seen| seen == key) {
            self.0.push(key.to_owned());
        }
    }

    /// The repeated keys, each once.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(String::as_str)
    }

    /// Whether no key came twice.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for DuplicateKeys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(&self.0).finish()
    }
}

/// A [`WireObject`] seen through a trait object (what an event enum hands out).
pub trait ObjectDyn {
    /// See [`Fields::group_any`].
    fn group_dyn(&self, id: TypeId) -> Option<&dyn Any>;
    /// See [`WireObject::extra`].
    fn extra_dyn(&self) -> &Map<String, Value>;
    /// See [`WireObject::check_object`].
    fn check_dyn(&self, path: &mut JsonPath, out: &mut Vec<Deviation>);
}

impl<T: WireObject> ObjectDyn for T {
    fn group_dyn(&self, id: TypeId) -> Option<&dyn Any> {
        self.group_any(id)
    }
    fn extra_dyn(&self) -> &Map<String, Value> {
        self.extra()
    }
    fn check_dyn(&self, path: &mut JsonPath, out: &mut Vec<Deviation>) {
        self.check_object(path, out)
    }
}

/// A boxed object is read and written as the object (events box their big bodies so that an
/// event enum stays small).
impl<T: Fields> Fields for Box<T> {
    fn accept<'de, D: Deserializer<'de>>(
        &mut self,
        key: &str,
        value: D,
        replaced: &mut bool,
    ) -> Result<Option<D>, D::Error> {
        (**self).accept(key, value, replaced)
    }
    fn serialize_fields<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        (**self).serialize_fields(map)
    }
    fn present_len(&self) -> usize {
        (**self).present_len()
    }
    fn check_fields(&self, path: &mut JsonPath, out: &mut Vec<Deviation>) {
        (**self).check_fields(path, out)
    }
    fn group_any(&self, id: TypeId) -> Option<&dyn Any> {
        (**self).group_any(id)
    }
    fn fast_accept(&mut self, key: &str, lex: &mut Lexer<'_>, replaced: &mut bool) -> Fast<bool> {
        (**self).fast_accept(key, lex, replaced)
    }
}

impl<T: WireObject> WireObject for Box<T> {
    fn extra(&self) -> &Map<String, Value> {
        (**self).extra()
    }
    fn extra_mut(&mut self) -> &mut Map<String, Value> {
        (**self).extra_mut()
    }
    fn duplicate_keys(&self) -> &DuplicateKeys {
        (**self).duplicate_keys()
    }
    fn duplicate_keys_mut(&mut self) -> &mut DuplicateKeys {
        (**self).duplicate_keys_mut()
    }
}

/// Serialises an object: its present fields (groups first), then its extra keys.
pub fn serialize_object<O: WireObject, S: Serializer>(object: &O, serializer: S) -> Result<S::Ok, S::Error> {
    let mut map = serializer.serialize_map(Some(object.present_len() + object.extra().len()))?;
    object.serialize_fields(&mut map)?;
    for (key, value) in object.extra() {
        map.serialize_entry(key, value)?;
    }
    map.end()
}

/// Reads the rest of a JSON object into `object`.
pub fn read_entries<'de, O: WireObject, A: MapAccess<'de>>(object: &mut O, map: &mut A) -> Result<(), A::Error> {
    while let Some(key) = map.next_key_seed(KeySeed)? {
        map.next_value_seed(EntrySeed {
            object: &mut *object,
            key: &key,
        })?;
    }
    Ok(())
}

/// Reads a whole JSON object as `O`.
pub fn read_object<'de, O: WireObject, A: MapAccess<'de>>(mut map: A) -> Result<O, A::Error> {
    let mut object = O::default();
    read_entries(&mut object, &mut map)?;
    Ok(object)
}

/// Reads an object key, borrowing it from the input when it has no escapes.
pub struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Cow<'de, str>;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(KeyVisitor)
    }
}

struct KeyVisitor;

impl<'de> Visitor<'de> for KeyVisitor {
    type Value = Cow<'de, str>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object key")
    }
    fn visit_borrowed_str<E>(self, key: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(key))
    }
    fn visit_str<E>(self, key: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(key.to_owned()))
    }
    fn visit_string<E>(self, key: String) -> Result<Self::Value, E> {
        Ok(Cow::Owned(key))
    }
}

/// Reads the value of `key` into `object` (see [`WireObject::take_entry`]).
pub struct EntrySeed<'a, 'k, O> {
    /// The object being filled.
    pub object: &'a mut O,
    /// The key whose value comes next.
    pub key: &'k str,
}

impl<'de, O: WireObject> DeserializeSeed<'de> for EntrySeed<'_, '_, O> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        self.object.take_entry(self.key, deserializer)
    }
}

/// The serde visitor behind every object's `Deserialize`.
pub struct ObjectVisitor<O>(PhantomData<fn() -> O>);

impl<O> ObjectVisitor<O> {
    /// A visitor for `O`.
    pub fn new() -> Self {
        ObjectVisitor(PhantomData)
    }
}

impl<O> Default for ObjectVisitor<O> {
    fn default() -> Self {
        Self::new()
    }
}

impl<'de, O: WireObject> Visitor<'de> for ObjectVisitor<O> {
    type Value = O;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<O, A::Error> {
        read_object(map)
    }
}

/// [`super::WireValue::from_wire_map`] for objects: any JSON object is one.
pub fn object_from_wire_map<'de, O: WireObject, A: MapAccess<'de>>(map: A) -> Result<Result<O, Value>, A::Error> {
    read_object(map).map(Ok)
}

/// Whether a field's flags include `nullable` (its `null` is documented) or `unmapped` (no
/// common conversion reads it, so a projection skips it: see [`super::projection`]).
macro_rules! has_flag {
    ($want:ident;) => {
        false
    };
    (nullable; nullable $($rest:ident)*) => {
        true
    };
    (unmapped; unmapped $($rest:ident)*) => {
        true
    };
    ($want:ident; $other:ident $($rest:ident)*) => {
        $crate::wire::has_flag!($want; $($rest)*)
    };
}
pub(crate) use has_flag;

/// The fast reader's match of the keys an object or a group declares itself (for
/// `wire_group!` and `wire_object!`): `true` when `$key` is one of them, its value read into
/// its field and `$replaced` set when the key had come before.
macro_rules! fast_accept_fields {
    ($this:ident, $key:ident, $lex:ident, $replaced:ident; $( $field:ident = $wire:literal [$($flag:ident)*] ),*) => {{
        let _ = (&$replaced, &$lex);
        #[allow(clippy::match_single_binding)]
        let taken = match $key {
            $( $wire => {
                *$replaced = $this.$field.fast_take_or_skip($lex, $crate::wire::has_flag!(unmapped; $($flag)*))?;
                true
            } )*
            _ => false,
        };
        taken
    }};
}
pub(crate) use fast_accept_fields;

/// Declares a group of fields that many objects share (declared once, embedded in each).
///
/// ```ignore
/// wire_group! {
///     /// The fields every event carries.
///     pub struct CommonFields {
///         /// Event time (事件时间).
///         event_time: Rfc3339Time = "eventTime",
///         /// A field whose `null` is documented.
///         participant_id: String = "ParticipantID" nullable,
///     }
/// }
/// ```
/// Each `name: T = "wireName"` becomes `pub name: Field<T>`. Flags may follow the key:
/// `nullable` (its `null` is documented) and `unmapped` (no common conversion reads it, so
/// [`crate::parse_common`] skips its value; the tests comparing `parse_common` with `parse` +
/// `to_common` on every fixture catch a flag left on a field a conversion starts to read).
macro_rules! wire_group {
    (
        $(#[$meta:meta])*
        $vis:vis struct $name:ident {
            $( $(#[$fmeta:meta])* $field:ident : $ty:ty = $key:literal $($flag:ident)* ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Default)]
        $vis struct $name {
            $( $(#[$fmeta])* pub $field: $crate::wire::Field<$ty>, )*
        }

        impl $crate::wire::Fields for $name {
            #[allow(clippy::match_single_binding)]
            fn accept<'de, D: ::serde::Deserializer<'de>>(
                &mut self,
                key: &str,
                value: D,
                replaced: &mut bool,
            ) -> Result<Option<D>, D::Error> {
                let _ = &replaced;
                match key {
                    $( $key => {
                        *replaced = self.$field.take_or_skip(value, $crate::wire::has_flag!(unmapped; $($flag)*))?;
                        Ok(None)
                    } )*
                    _ => Ok(Some(value)),
                }
            }

            fn fast_accept(
                &mut self,
                key: &str,
                lex: &mut $crate::wire::fast::Lexer<'_>,
                replaced: &mut bool,
            ) -> $crate::wire::fast::Fast<bool> {
                Ok($crate::wire::fast_accept_fields!(self, key, lex, replaced; $( $field = $key [$($flag)*] ),*))
            }

            fn serialize_fields<M: ::serde::ser::SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
                $( if !self.$field.is_absent() { map.serialize_entry(&const { $crate::wire::CleanKey::new($key) }, &self.$field)?; } )*
                let _ = map;
                Ok(())
            }

            fn present_len(&self) -> usize {
                0 $( + usize::from(!self.$field.is_absent()) )*
            }

            fn check_fields(&self, path: &mut $crate::wire::JsonPath, out: &mut Vec<$crate::wire::Deviation>) {
                $( self.$field.check_key($key, $crate::wire::has_flag!(nullable; $($flag)*), path, out); )*
                let _ = (path, out);
            }
        }
    };
}
pub(crate) use wire_group;

/// Declares a JSON object: its groups (see `wire_group!`), its own fields, and `extra`, the
/// catch-all for undocumented keys. Implements [`Fields`], [`WireObject`], `WireValue`
/// (see [`super::WireValue`]: so it can be a field or an array element), `Serialize` and `Deserialize`.
///
/// ```ignore
/// wire_object! {
///     /// A call was answered.
///     pub struct Established {
///         groups {
///             /// The fields every event carries.
///             common: CommonFields,
///         }
///         fields {
///             /// Release reason (挂断原因).
///             release_reason: ReleaseReason = "releaseReason",
///         }
///     }
/// }
/// ```
macro_rules! wire_object {
    (
        $(#[$meta:meta])*
        $vis:vis struct $name:ident {
            $( groups { $( $(#[$gmeta:meta])* $group:ident : $gty:ty ),* $(,)? } )?
            $( fields { $( $(#[$fmeta:meta])* $field:ident : $ty:ty = $key:literal $($flag:ident)* ),* $(,)? } )?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, PartialEq, Default)]
        $vis struct $name {
            $($( $(#[$gmeta])* pub $group: $gty, )*)?
            $($( $(#[$fmeta])* pub $field: $crate::wire::Field<$ty>, )*)?
            /// Keys the documentation does not name, with their values as sent.
            pub extra: ::serde_json::Map<String, ::serde_json::Value>,
            /// Keys that came more than once (the last value is the one kept, as in
            /// `serde_json::Value`); each is reported as a deviation.
            pub duplicate_keys: $crate::wire::DuplicateKeys,
        }

        // By hand, so that `duplicate_keys` shows only when a key did come twice.
        impl ::std::fmt::Debug for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                let mut out = f.debug_struct(stringify!($name));
                $($( out.field(stringify!($group), &self.$group); )*)?
                $($( out.field(stringify!($field), &self.$field); )*)?
                out.field("extra", &self.extra);
                if !self.duplicate_keys.is_empty() {
                    out.field("duplicate_keys", &self.duplicate_keys);
                }
                out.finish()
            }
        }

        impl $crate::wire::Fields for $name {
            #[allow(clippy::match_single_binding)]
            fn accept<'de, D: ::serde::Deserializer<'de>>(
                &mut self,
                key: &str,
                value: D,
                replaced: &mut bool,
            ) -> Result<Option<D>, D::Error> {
                let _ = &replaced;
                let value = match key {
                    $($( $key => {
                        *replaced = self.$field.take_or_skip(value, $crate::wire::has_flag!(unmapped; $($flag)*))?;
                        return Ok(None);
                    } )*)?
                    _ => value,
                };
                $($(
                    let value = match $crate::wire::Fields::accept(&mut self.$group, key, value, replaced)? {
                        Some(value) => value,
                        None => return Ok(None),
                    };
                )*)?
                Ok(Some(value))
            }

            fn fast_accept(
                &mut self,
                key: &str,
                lex: &mut $crate::wire::fast::Lexer<'_>,
                replaced: &mut bool,
            ) -> $crate::wire::fast::Fast<bool> {
                if $crate::wire::fast_accept_fields!(self, key, lex, replaced; $($( $field = $key [$($flag)*] ),*)?) {
                    return Ok(true);
                }
                $($(
                    if $crate::wire::Fields::fast_accept(&mut self.$group, key, lex, replaced)? {
                        return Ok(true);
                    }
                )*)?
                Ok(false)
            }

            fn serialize_fields<M: ::serde::ser::SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
                $($( $crate::wire::Fields::serialize_fields(&self.$group, map)?; )*)?
                $($( if !self.$field.is_absent() { map.serialize_entry(&const { $crate::wire::CleanKey::new($key) }, &self.$field)?; } )*)?
                let _ = map;
                Ok(())
            }

            fn present_len(&self) -> usize {
                0 $($( + usize::from(!self.$field.is_absent()) )*)?
                  $($( + $crate::wire::Fields::present_len(&self.$group) )*)?
            }

            fn check_fields(&self, path: &mut $crate::wire::JsonPath, out: &mut Vec<$crate::wire::Deviation>) {
                $($( $crate::wire::Fields::check_fields(&self.$group, path, out); )*)?
                $($( self.$field.check_key($key, $crate::wire::has_flag!(nullable; $($flag)*), path, out); )*)?
                let _ = (path, out);
            }

            fn group_any(&self, id: ::std::any::TypeId) -> Option<&dyn ::std::any::Any> {
                $($(
                    if id == ::std::any::TypeId::of::<$gty>() {
                        return Some(&self.$group);
                    }
                )*)?
                let _ = id;
                None
            }
        }

        impl $crate::wire::WireObject for $name {
            fn extra(&self) -> &::serde_json::Map<String, ::serde_json::Value> {
                &self.extra
            }
            fn extra_mut(&mut self) -> &mut ::serde_json::Map<String, ::serde_json::Value> {
                &mut self.extra
            }
            fn duplicate_keys(&self) -> &$crate::wire::DuplicateKeys {
                &self.duplicate_keys
            }
            fn duplicate_keys_mut(&mut self) -> &mut $crate::wire::DuplicateKeys {
                &mut self.duplicate_keys
            }
        }

        impl $crate::wire::WireValue for $name {
            const EXPECTED: &'static str = "an object";

            fn from_wire_map<'de, A: ::serde::de::MapAccess<'de>>(map: A) -> Result<Result<Self, ::serde_json::Value>, A::Error> {
                $crate::wire::object_from_wire_map(map)
            }

            fn fast_map(lex: &mut $crate::wire::fast::Lexer<'_>) -> $crate::wire::fast::Fast<Result<Self, ::serde_json::Value>> {
                lex.read_object().map(Ok)
            }

            fn fast_map_into(
                field: &mut $crate::wire::Field<Self>,
                lex: &mut $crate::wire::fast::Lexer<'_>,
            ) -> $crate::wire::fast::Fast<()> {
                *field = $crate::wire::Field::Value(Self::default());
                match field {
                    $crate::wire::Field::Value(object) => lex.fill(object),
                    _ => Err($crate::wire::fast::Bail),
                }
            }

            fn check(&self, path: &mut $crate::wire::JsonPath, out: &mut Vec<$crate::wire::Deviation>) {
                $crate::wire::WireObject::check_object(self, path, out)
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                $crate::wire::serialize_object(self, serializer)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_map($crate::wire::ObjectVisitor::<Self>::new())
            }
        }
    };
}
pub(crate) use wire_object;
