//! Open string enums: every documented value a variant, any other text kept in `Unknown`.

use std::fmt;
use std::marker::PhantomData;

/// Declares an open string enum: one variant per documented value, plus `Unknown(String)`
/// holding any other text exactly as sent (never a documented value: `From<&str>` matches the
/// documented values first). Generates `as_str`, `from_known`, `is_known`, `KNOWN`,
/// `KNOWN_VALUES`, an infallible `FromStr`, `Display`, `From<&str>`/`From<String>`,
/// `Serialize`/`Deserialize` as a plain string, and [`crate::wire::WireValue`] (an `Unknown`
/// value is reported as a deviation).
///
/// After the values, `; Family("Prefix-")` declares an open-ended documented family: any text
/// `Prefix-X` (X not empty) is the variant `Family(text)`, holding the whole text.
///
/// (Written as a `macro_rules!` rather than with strum's and serde_with's derives so that a
/// documented value is read from a borrowed `&str` without allocating and written with
/// `serialize_str`, not through `Display`: this is the hot path of every event.)
macro_rules! open_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $text:literal ),* $(,)?
            $( ; $( $(#[$fmeta:meta])* $family:ident($prefix:literal) ),* $(,)? )?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        $vis enum $name {
            $( $(#[$vmeta])* $variant, )*
            $($( $(#[$fmeta])* $family(String), )*)?
            /// A value the documentation does not list, kept exactly as sent.
            Unknown(String),
        }

        #[allow(dead_code)]
        impl $name {
            /// Every documented value, in the documentation's order.
            pub const KNOWN: &'static [$name] = &[$($name::$variant),*];
            /// The wire text of every documented value, in the documentation's order.
            pub const KNOWN_VALUES: &'static [&'static str] = &[$($text),*];
            /// The name of this value set, as deviations report it.
            pub const SET_NAME: &'static str = stringify!($name);

            /// The value as written on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $text, )*
                    $($( $name::$family(text) => text, )*)?
                    $name::Unknown(text) => text,
                }
            }

            /// The documented value written exactly `text`, if there is one.
            pub fn from_known(text: &str) -> Option<Self> {
                match text {
                    $( $text => Some($name::$variant), )*
                    _ => {
                        $($(
                            if text.len() > $prefix.len() && text.starts_with($prefix) {
                                return Some($name::$family(text.to_owned()));
                            }
                        )*)?
                        None
                    }
                }
            }

            /// Whether this is a documented value.
            pub fn is_known(&self) -> bool {
                !matches!(self, $name::Unknown(_))
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;
            /// Never fails: any text that is no documented value becomes `Unknown`.
            fn from_str(text: &str) -> Result<Self, Self::Err> {
                Ok(Self::from(text))
            }
        }

        impl From<&str> for $name {
            fn from(text: &str) -> Self {
                match Self::from_known(text) {
                    Some(value) => value,
                    None => $name::Unknown(text.to_owned()),
                }
            }
        }

        impl From<String> for $name {
            fn from(text: String) -> Self {
                match Self::from_known(&text) {
                    Some(value) => value,
                    None => $name::Unknown(text),
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.pad(self.as_str())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_str($crate::wire::OpenEnumVisitor::<Self>::new())
            }
        }

        impl $crate::wire::WireValue for $name {
            const EXPECTED: &'static str = "a string";

            fn from_wire_str(text: &str) -> Option<Self> {
                Some(Self::from(text))
            }

            fn from_wire_string(text: String) -> Result<Self, String> {
                Ok(Self::from(text))
            }

            fn check(&self, path: &mut $crate::wire::JsonPath, out: &mut Vec<$crate::wire::Deviation>) {
                if let $name::Unknown(value) = self {
                    out.push($crate::wire::Deviation::new(
                        path.clone(),
                        $crate::wire::DeviationKind::UndocumentedValue {
                            set: Self::SET_NAME,
                            value: value.clone(),
                        },
                    ));
                }
            }
        }
    };
}
pub(crate) use open_enum;

/// Whether `a` and `b` are the same value written in other casings or with separators
/// (`newCall`, `NEWCALL`, `NEW_CALL`, `new-call`): ASCII case, `_`, `-` and spaces are ignored.
/// Allocates nothing: it runs on every cause of every converted event.
pub fn loosely_equal(a: &str, b: &str) -> bool {
    let significant = |byte: &u8| !is_separator(*byte);
    let mut a = a.bytes().filter(significant);
    let mut b = b.bytes().filter(significant);
    loop {
        match (a.next(), b.next()) {
            (None, None) => return true,
            (Some(x), Some(y)) if x.eq_ignore_ascii_case(&y) => {}
            _ => return false,
        }
    }
}

/// The bytes [`loosely_equal`] ignores.
fn is_separator(byte: u8) -> bool {
    matches!(byte, b'_' | b'-' | b' ')
}

/// The place in `values` of the value `text` is loosely equal to (see [`loosely_equal`]).
/// Only the values as long as `text` without its separators are compared, so `values` must
/// be written without any (`_`, `-`, space): the known values of every set it serves are
/// checked for that by a test. The fold then runs on the few values of that length, not on
/// each of a list of 120.
pub(crate) fn loosely_find(text: &str, values: &[&str]) -> Option<usize> {
    let significant = text.bytes().filter(|byte| !is_separator(*byte)).count();
    values
        .iter()
        .position(|value| value.len() == significant && loosely_equal(value, text))
}

/// Whether `value` holds a byte [`loosely_equal`] ignores: none of the values given to
/// [`loosely_find`] may.
#[cfg(test)]
pub(crate) fn has_separator(value: &str) -> bool {
    value.bytes().any(is_separator)
}

/// The serde visitor behind every open enum's `Deserialize`: a string, borrowed when it can be.
pub struct OpenEnumVisitor<T>(PhantomData<fn() -> T>);

impl<T> OpenEnumVisitor<T> {
    /// A visitor for `T`.
    pub fn new() -> Self {
        OpenEnumVisitor(PhantomData)
    }
}

impl<T> Default for OpenEnumVisitor<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T: for<'a> From<&'a str> + From<String>> serde::de::Visitor<'_> for OpenEnumVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E>(self, text: &str) -> Result<T, E> {
        Ok(T::from(text))
    }

    fn visit_string<E>(self, text: String) -> Result<T, E> {
        Ok(T::from(text))
    }
}

#[cfg(test)]
mod tests {
    use crate::wire::{Field, JsonPath, WireValue};
    use proptest::prelude::*;
    use serde_json::json;

    open_enum! {
        /// A test set.
        pub enum Colour {
            /// red
            Red = "red",
            /// dark blue
            DarkBlue = "DARK_BLUE";
            /// any shade
            Shade("Shade-"),
        }
    }

    #[test]
    fn families_take_any_suffix_but_not_the_bare_prefix() {
        assert_eq!(Colour::from("Shade-A"), Colour::Shade("Shade-A".into()));
        assert!(!Colour::from("Shade-").is_known());
        assert_eq!(Colour::Shade("Shade-Q".into()).as_str(), "Shade-Q");
    }

    #[test]
    fn documented_values_are_variants_and_others_are_kept() {
        assert_eq!(Colour::from("red"), Colour::Red);
        assert_eq!(Colour::from("DARK_BLUE"), Colour::DarkBlue);
        assert_eq!(Colour::from("Red"), Colour::Unknown("Red".into()));
        assert_eq!("x".parse::<Colour>(), Ok(Colour::Unknown("x".into())));
        assert_eq!(Colour::KNOWN_VALUES, ["red", "DARK_BLUE"]);
        assert_eq!(Colour::KNOWN, [Colour::Red, Colour::DarkBlue]);
        assert_eq!(Colour::DarkBlue.to_string(), "DARK_BLUE");
        assert!(!Colour::Unknown("x".into()).is_known());
        let parsed: Colour = serde_json::from_value(json!("green")).unwrap();
        assert_eq!(serde_json::to_value(&parsed).unwrap(), json!("green"));
    }

    #[test]
    fn loose_equality_ignores_case_and_separators_only() {
        use super::loosely_equal;
        assert!(loosely_equal("newCall", "NEW_CALL"));
        assert!(loosely_equal("normalClearing", "normal-clearing"));
        assert!(loosely_equal("", "_ -"));
        assert!(!loosely_equal("newCall", "newCalls"));
        assert_eq!(super::loosely_find("NEW_CALL", &["newCalls", "newCall"]), Some(1));
        assert_eq!(super::loosely_find("new call", &["newCall"]), Some(0));
        assert_eq!(super::loosely_find("newCal", &["newCall"]), None);
        assert_eq!(super::loosely_find("", &["a", ""]), Some(1));
        assert!(!loosely_equal("新", "新x"));
        assert!(loosely_equal("新_A", "新a"));
    }

    #[test]
    fn unknown_values_are_deviations() {
        let mut out = Vec::new();
        Colour::Unknown("green".into()).check(&mut JsonPath::key("colour"), &mut out);
        assert_eq!(out[0].to_string(), "$.colour: undocumented Colour value \"green\"");
        let number: Field<Colour> = serde_json::from_value(json!(1)).unwrap();
        assert_eq!(number.unexpected(), Some(&json!(1)));
    }

    proptest! {
        #[test]
        fn any_string_round_trips_and_unknown_never_holds_a_known_value(text in ".*") {
            let value = Colour::from(text.as_str());
            prop_assert_eq!(value.as_str(), text.as_str());
            if let Colour::Unknown(inner) = &value {
                prop_assert!(Colour::from_known(inner).is_none());
            }
            let json = serde_json::to_value(&value).unwrap();
            prop_assert_eq!(json, json!(text));
        }
    }
}
