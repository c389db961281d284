//! The lossless building blocks every schema module is made of.
//!
//! * [`Field`]: a documented field that may be absent, `null`, a value of the documented
//!   form, or a value of another JSON type (kept whole, reported as a [`Deviation`]).
//! * [`WireValue`]: how a type is read from the JSON forms it accepts, without ever failing.
//! * Open string enums (every documented value a variant, any other text `Unknown(String)`).
//! * [`Numeric`] and [`Flag`]: numbers and 0/1 flags sent as numbers or strings, kept in
//!   their form.
//! * [`TimeText`]: timestamps that keep their text and parse on request.
//! * [`Separated`], [`KeyValuePairs`], [`Embedded`]: texts whose content is interpreted on
//!   request (lists, `k=v;k=v`, JSON inside a string).
//! * Objects ([`WireObject`]): typed fields, shared field groups, and exactly one catch-all
//!   per JSON object, read in one pass with no `#[serde(flatten)]`.
//! * Event enums ([`EventSchema`]): the discriminator matched inside that single pass.
//!
//! Everything here keeps the lossless contract: for any payload `p` a parser accepts,
//! `serde_json::to_value(parse(p)?) == serde_json::from_slice::<Value>(p)?`.

mod clean_key;
mod deviation;
pub(crate) mod dispatch;
#[doc(hidden)]
pub mod fast;
mod field;
mod json_type;
pub(crate) mod locate;
mod numeric;
mod object;
mod open_enum;
pub(crate) mod path;
pub(crate) mod projection;
mod same_text;
mod text;
mod time;
mod value;

pub(crate) use clean_key::{CLEAN_KEY_TOKEN, CleanKey};
pub use deviation::{Deviation, DeviationKind};
pub(crate) use dispatch::wire_events;
pub use dispatch::{EventSchema, deviations};
pub(crate) use same_text::same_text;
// The serde plumbing the schema modules are built with: public for the macros' expansions
// and the crate's own tests, not for users (each schema's `Event` has the entry points).
#[doc(hidden)]
pub use dispatch::{
    Buffered, Context, EventSeed, Pending, Prefix, deserialize_event, finish_object, finish_unknown, parse_slice,
    parse_str, parse_text_serde, peek, strict,
};
pub use field::Field;
pub use json_type::JsonType;
pub use numeric::{Flag, Numeric};
#[doc(hidden)]
pub use object::{
    DuplicateKeys, EntrySeed, Fields, KeySeed, ObjectVisitor, object_from_wire_map, read_entries, read_object,
    serialize_object,
};
pub use object::{ObjectDyn, WireObject};
pub(crate) use object::{fast_accept_fields, has_flag, wire_group, wire_object};
#[doc(hidden)]
pub use open_enum::OpenEnumVisitor;
#[cfg(test)]
pub(crate) use open_enum::has_separator;
pub use open_enum::loosely_equal;
pub(crate) use open_enum::loosely_find;
pub(crate) use open_enum::open_enum;
pub use path::{JsonPath, PathSegment};
pub use text::{CommaList, Embedded, KeyValuePairs, Separated};
pub use time::{
    DottedLocalDateTime, DottedLocalTime, LocalDateTime, LocalTime, Rfc3339, Rfc3339Time, TimeFormat, TimeText,
    UnixSeconds, UnixSecondsTime, WallTime,
};
pub use value::{List, WireValue};

/// The value of a text field: a string stored inline up to 24 bytes (ids, codes, numbers and
/// times, most of a payload's fields), so that reading one allocates nothing. It derefs to
/// `str` and compares with `&str` and `String`.
pub type Text = compact_str::CompactString;
#[doc(hidden)]
pub use value::{collect_map, collect_seq};
