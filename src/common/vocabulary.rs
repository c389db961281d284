//! The open enums of the common vocabulary: every value this version knows a variant, any
//! other text `Unrecognized(String)`, read and written back unchanged.
//!
//! The common JSON is read by programs built on other versions of this crate: a reader must
//! meet a kind, a vendor or a cause that a newer writer added and keep it, not reject the
//! whole event (see [`super::FormatVersion`] for what does change the format's version).

/// Declares an open vocabulary enum. Generates `KNOWN`, `KNOWN_VALUES`, `as_str`,
/// `from_known`, `is_known`, an infallible `FromStr`, `From<&str>`/`From<String>`, `Display`,
/// `Serialize`/`Deserialize` as a plain string, and, behind the `schemars` feature, a JSON
/// Schema listing the known values and admitting any other string.
macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $text:literal ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )*
            /// A value this version of the crate does not know (written by a newer version),
            /// kept exactly as read and written back unchanged. Never holds a known value when
            /// read: [`Self::from_known`] is tried first.
            Unrecognized(String),
        }

        impl $name {
            /// Every value this version knows, in declaration order.
            pub const KNOWN: &'static [$name] = &[$($name::$variant),*];
            /// The JSON text of every value this version knows, in declaration order.
            pub const KNOWN_VALUES: &'static [&'static str] = &[$($text),*];

            /// The value as written in the common JSON.
            pub fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $text, )*
                    $name::Unrecognized(text) => text,
                }
            }

            /// The known value written exactly `text`, if there is one.
            pub fn from_known(text: &str) -> Option<Self> {
                match text {
                    $( $text => Some($name::$variant), )*
                    _ => None,
                }
            }

            /// Whether this version of the crate knows the value (it is not `Unrecognized`).
            pub fn is_known(&self) -> bool {
                !matches!(self, $name::Unrecognized(_))
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;
            /// Never fails: a text that is no known value is `Unrecognized`, as when reading
            /// JSON. Use `from_known` to accept known values only.
            fn from_str(text: &str) -> Result<Self, Self::Err> {
                Ok(Self::from(text))
            }
        }

        impl From<&str> for $name {
            fn from(text: &str) -> Self {
                Self::from_known(text).unwrap_or_else(|| $name::Unrecognized(text.to_owned()))
            }
        }

        impl From<String> for $name {
            fn from(text: String) -> Self {
                Self::from_known(&text).unwrap_or($name::Unrecognized(text))
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

        #[cfg(feature = "schemars")]
        impl ::schemars::JsonSchema for $name {
            fn schema_name() -> ::std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }

            fn json_schema(_: &mut ::schemars::SchemaGenerator) -> ::schemars::Schema {
                $crate::common::vocabulary::open_string_schema(Self::KNOWN_VALUES)
            }
        }
    };
}
pub(crate) use vocabulary;

/// The JSON Schema of an open vocabulary enum: a string, one of `known` in this version, any
/// other string from a newer one.
#[cfg(feature = "schemars")]
pub(crate) fn open_string_schema(known: &[&str]) -> schemars::Schema {
    schemars::json_schema!({
        "type": "string",
        "anyOf": [
            { "description": "A value of this version of the format.", "enum": known },
            { "description": "A value added by a newer version: keep it as read." }
        ]
    })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    vocabulary! {
        /// A test set.
        pub enum Colour {
            /// red
            Red = "red",
            /// dark blue
            DarkBlue = "dark_blue",
        }
    }

    #[test]
    fn known_values_are_variants_and_others_are_kept() {
        assert_eq!(Colour::from("dark_blue"), Colour::DarkBlue);
        assert_eq!(Colour::from("Red"), Colour::Unrecognized("Red".into()));
        assert_eq!("x".parse::<Colour>(), Ok(Colour::Unrecognized("x".into())));
        assert_eq!(Colour::from_known("x"), None);
        assert_eq!(Colour::KNOWN, [Colour::Red, Colour::DarkBlue]);
        assert_eq!(Colour::DarkBlue.to_string(), "dark_blue");
        assert!(!Colour::Unrecognized("x".into()).is_known());
        let read: Vec<Colour> = serde_json::from_str(r#"["red","green"]"#).unwrap();
        assert_eq!(read, [Colour::Red, Colour::Unrecognized("green".into())]);
        assert_eq!(serde_json::to_string(&read).unwrap(), r#"["red","green"]"#);
        assert!(serde_json::from_str::<Colour>("1").is_err());
    }

    proptest! {
        #[test]
        fn any_string_reads_and_writes_back_unchanged(text in ".*") {
            let json = serde_json::to_string(&text).unwrap();
            let value: Colour = serde_json::from_str(&json).unwrap();
            prop_assert_eq!(serde_json::to_string(&value).unwrap(), json);
            prop_assert_eq!(value.is_known(), Colour::KNOWN_VALUES.contains(&text.as_str()));
        }
    }
}
