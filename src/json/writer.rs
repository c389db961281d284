//! A compact JSON `Serializer` into a `Vec<u8>` that writes what `serde_json::to_writer`
//! writes, byte for byte, with less work per value: texts are escaped eight bytes at a time
//! and written with one copy, and each token is pushed onto the buffer directly rather than
//! through `io::Write`. Numbers are formatted by `serde_json` itself (the same `itoa` and
//! `ryu` output), and so are map keys of a type other than text, the rare case.

use super::escape::{write_clean_str, write_contents, write_str};
use crate::wire::CLEAN_KEY_TOKEN;
use serde::ser::{self, Impossible, Serialize};
use serde_json::Error;
use std::fmt;

/// The struct names serde_json gives its raw values (`RawValue`, and `Number` with the
/// `arbitrary_precision` feature, which another crate of the build may turn on): their one
/// field is JSON text, written as it is.
const RAW_TOKENS: [&str; 2] = ["$serde_json::private::RawValue", "$serde_json::private::Number"];

/// Writes compact JSON onto the end of a buffer.
pub(super) struct Writer<'a> {
    pub(super) out: &'a mut Vec<u8>,
}

impl Writer<'_> {
    /// A number, as serde_json formats it.
    #[inline]
    fn number<T: Serialize>(&mut self, number: T) -> Result<(), Error> {
        serde_json::to_writer(&mut *self.out, &number)
    }
}

/// An open array or object: whether the next element is its first.
pub(super) struct Compound<'w, 'a> {
    writer: &'w mut Writer<'a>,
    first: bool,
    /// Written `}` after the closing of a variant's content (`{"variant":...}`).
    variant: bool,
}

impl<'w, 'a> Compound<'w, 'a> {
    /// A tuple or struct variant's content: `{"variant":` and `bracket`, closed with both.
    fn open_variant(writer: &'w mut Writer<'a>, variant: &str, bracket: u8) -> Self {
        write_variant_key(writer, variant);
        Compound {
            variant: true,
            ..Compound::open(writer, bracket)
        }
    }

    /// An array or object: `bracket`.
    fn open(writer: &'w mut Writer<'a>, bracket: u8) -> Self {
        writer.out.push(bracket);
        Compound {
            writer,
            first: true,
            variant: false,
        }
    }

    #[inline]
    fn comma(&mut self) {
        if !std::mem::take(&mut self.first) {
            self.writer.out.push(b',');
        }
    }

    fn close(self, bracket: u8) {
        self.writer.out.push(bracket);
        if self.variant {
            self.writer.out.push(b'}');
        }
    }

    #[inline]
    fn entry<V: Serialize + ?Sized>(&mut self, key: &str, value: &V) -> Result<(), Error> {
        self.comma();
        write_str(self.writer.out, key);
        self.writer.out.push(b':');
        value.serialize(&mut *self.writer)
    }
}

/// Writes `{"variant":`, the start of an externally tagged variant (closed with `}` after
/// its content).
fn write_variant_key(writer: &mut Writer<'_>, variant: &str) {
    writer.out.push(b'{');
    write_str(writer.out, variant);
    writer.out.push(b':');
}

impl<'w, 'a> ser::Serializer for &'w mut Writer<'a> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'w, 'a>;
    type SerializeTuple = Compound<'w, 'a>;
    type SerializeTupleStruct = Compound<'w, 'a>;
    type SerializeTupleVariant = Compound<'w, 'a>;
    type SerializeMap = Compound<'w, 'a>;
    type SerializeStruct = StructWriter<'w, 'a>;
    type SerializeStructVariant = Compound<'w, 'a>;

    fn serialize_bool(self, value: bool) -> Result<(), Error> {
        self.out.extend_from_slice(if value { b"true" } else { b"false" });
        Ok(())
    }
    fn serialize_i8(self, value: i8) -> Result<(), Error> {
        self.number(value)
    }
    fn serialize_i16(self, value: i16) -> Result<(), Error> {
        self.number(value)
    }
    fn serialize_i32(self, value: i32) -> Result<(), Error> {
        self.number(value)
    }
    fn serialize_i64(self, value: i64) -> Result<(), Error> {
        self.number(value)
    }
    fn serialize_i128(self, value: i128) -> Result<(), Error> {
        self.number(value)
    }
    fn serialize_u8(self, value: u8) -> Result<(), Error> {
        self.number(value)
    }
    fn serialize_u16(self, value: u16) -> Result<(), Error> {
        self.number(value)
    }
    fn serialize_u32(self, value: u32) -> Result<(), Error> {
        self.number(value)
    }
    fn serialize_u64(self, value: u64) -> Result<(), Error> {
        self.number(value)
    }
    fn serialize_u128(self, value: u128) -> Result<(), Error> {
        self.number(value)
    }
    fn serialize_f32(self, value: f32) -> Result<(), Error> {
        self.number(value)
    }
    fn serialize_f64(self, value: f64) -> Result<(), Error> {
        self.number(value)
    }
    fn serialize_char(self, value: char) -> Result<(), Error> {
        write_str(self.out, value.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    #[inline]
    fn serialize_str(self, value: &str) -> Result<(), Error> {
        write_str(self.out, value);
        Ok(())
    }
    fn serialize_bytes(self, value: &[u8]) -> Result<(), Error> {
        use ser::SerializeSeq;
        let mut seq = self.serialize_seq(Some(value.len()))?;
        for byte in value {
            seq.serialize_element(byte)?;
        }
        seq.end()
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.out.extend_from_slice(b"null");
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _name: &'static str, _index: u32, variant: &'static str) -> Result<(), Error> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _name: &'static str, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        write_variant_key(self, variant);
        value.serialize(&mut *self)?;
        self.out.push(b'}');
        Ok(())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'w, 'a>, Error> {
        Ok(Compound::open(self, b'['))
    }
    fn serialize_tuple(self, len: usize) -> Result<Compound<'w, 'a>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<Compound<'w, 'a>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'w, 'a>, Error> {
        Ok(Compound::open_variant(self, variant, b'['))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'w, 'a>, Error> {
        Ok(Compound::open(self, b'{'))
    }
    fn serialize_struct(self, name: &'static str, _len: usize) -> Result<StructWriter<'w, 'a>, Error> {
        if RAW_TOKENS.contains(&name) {
            return Ok(StructWriter::Raw(self));
        }
        Ok(StructWriter::Object(Compound::open(self, b'{')))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'w, 'a>, Error> {
        Ok(Compound::open_variant(self, variant, b'{'))
    }
    fn collect_str<T: fmt::Display + ?Sized>(self, value: &T) -> Result<(), Error> {
        // Formatted straight into the buffer, escaped piece by piece: no `String` in between.
        struct Escaping<'b>(&'b mut Vec<u8>);
        impl fmt::Write for Escaping<'_> {
            fn write_str(&mut self, piece: &str) -> fmt::Result {
                write_contents(self.0, piece.as_bytes());
                Ok(())
            }
        }
        self.out.push(b'"');
        fmt::write(&mut Escaping(self.out), format_args!("{value}"))
            .map_err(|_| ser::Error::custom("a Display implementation returned an error"))?;
        self.out.push(b'"');
        Ok(())
    }
}

impl ser::SerializeSeq for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.comma();
        value.serialize(&mut *self.writer)
    }
    fn end(self) -> Result<(), Error> {
        self.close(b']');
        Ok(())
    }
}

/// Tuples of every kind are written as arrays, element by element like a sequence.
macro_rules! as_sequence {
    ($($trait:ident::$method:ident),* $(,)?) => {
        $(
            impl ser::$trait for Compound<'_, '_> {
                type Ok = ();
                type Error = Error;
                fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
                    ser::SerializeSeq::serialize_element(self, value)
                }
                fn end(self) -> Result<(), Error> {
                    ser::SerializeSeq::end(self)
                }
            }
        )*
    };
}

as_sequence! {
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field,
}

impl ser::SerializeMap for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.comma();
        key.serialize(KeyWriter {
            writer: &mut *self.writer,
            clean: false,
        })
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.writer.out.push(b':');
        value.serialize(&mut *self.writer)
    }
    fn end(self) -> Result<(), Error> {
        self.close(b'}');
        Ok(())
    }
}

impl ser::SerializeStructVariant for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
        self.entry(key, value)
    }
    fn end(self) -> Result<(), Error> {
        self.close(b'}');
        Ok(())
    }
}

/// A struct: an object, or one of serde_json's raw values.
pub(super) enum StructWriter<'w, 'a> {
    Object(Compound<'w, 'a>),
    Raw(&'w mut Writer<'a>),
}

impl ser::SerializeStruct for StructWriter<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
        match self {
            StructWriter::Object(object) => object.entry(key, value),
            // The field is the JSON text itself (rare: only serde_json's own raw types).
            StructWriter::Raw(writer) => match serde_json::to_value(value)? {
                serde_json::Value::String(text) => {
                    writer.out.extend_from_slice(text.as_bytes());
                    Ok(())
                }
                _ => Err(<Error as ser::Error>::custom("a raw JSON value holds text")),
            },
        }
    }
    fn end(self) -> Result<(), Error> {
        if let StructWriter::Object(object) = self {
            object.close(b'}');
        }
        Ok(())
    }
}

/// A map key: a text is written here; a key of another type (a number, a bool) as serde_json
/// writes it, by having serde_json write a one-entry map and keeping its key.
struct KeyWriter<'w, 'a> {
    writer: &'w mut Writer<'a>,
    /// Inside a [`crate::wire::CleanKey`]: the text needs no escaping.
    clean: bool,
}

impl KeyWriter<'_, '_> {
    #[cold]
    fn through_serde_json<T: Serialize + ?Sized>(self, key: &T) -> Result<(), Error> {
        struct OneEntry<'k, K: ?Sized>(&'k K);
        impl<K: Serialize + ?Sized> Serialize for OneEntry<'_, K> {
            fn serialize<S: ser::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use ser::SerializeMap;
                let mut map = serializer.serialize_map(Some(1))?;
                map.serialize_entry(self.0, &())?;
                map.end()
            }
        }
        let text = serde_json::to_vec(&OneEntry(key))?;
        // `{` key `:null}`
        let key = text
            .get(1..text.len().saturating_sub(6))
            .ok_or_else(|| <Error as ser::Error>::custom("serde_json wrote no map"))?;
        self.writer.out.extend_from_slice(key);
        Ok(())
    }
}

/// The key types serde_json writes itself (`through_serde_json`).
macro_rules! keys_through_serde_json {
    ($($method:ident: $ty:ty),* $(,)?) => {
        $(
            fn $method(self, value: $ty) -> Result<(), Error> {
                self.through_serde_json(&value)
            }
        )*
    };
}

impl ser::Serializer for KeyWriter<'_, '_> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Impossible<(), Error>;
    type SerializeTuple = Impossible<(), Error>;
    type SerializeTupleStruct = Impossible<(), Error>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Impossible<(), Error>;
    type SerializeStruct = Impossible<(), Error>;
    type SerializeStructVariant = Impossible<(), Error>;

    #[inline]
    fn serialize_str(self, value: &str) -> Result<(), Error> {
        if self.clean {
            write_clean_str(self.writer.out, value);
        } else {
            write_str(self.writer.out, value);
        }
        Ok(())
    }
    fn serialize_char(self, value: char) -> Result<(), Error> {
        self.serialize_str(value.encode_utf8(&mut [0; 4]))
    }
    fn serialize_unit_variant(self, _name: &'static str, _index: u32, variant: &'static str) -> Result<(), Error> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, name: &'static str, value: &T) -> Result<(), Error> {
        // By address, the cheap test: only the crate's own declarations use the token.
        let clean = std::ptr::eq(name, CLEAN_KEY_TOKEN);
        value.serialize(KeyWriter { clean, ..self })
    }
    fn collect_str<T: fmt::Display + ?Sized>(self, value: &T) -> Result<(), Error> {
        ser::Serializer::collect_str(self.writer, value)
    }
    keys_through_serde_json! {
        serialize_bool: bool, serialize_i8: i8, serialize_i16: i16, serialize_i32: i32,
        serialize_i64: i64, serialize_i128: i128, serialize_u8: u8, serialize_u16: u16,
        serialize_u32: u32, serialize_u64: u64, serialize_u128: u128, serialize_f32: f32,
        serialize_f64: f64,
    }
    fn serialize_bytes(self, value: &[u8]) -> Result<(), Error> {
        self.through_serde_json(&serde_bytes_like(value))
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.through_serde_json(&Option::<()>::None)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        self.through_serde_json(&Some(value))
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.through_serde_json(&())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        self.through_serde_json(&())
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_tuple_struct(self, _name: &'static str, _len: usize) -> Result<Self::SerializeTupleStruct, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Self::SerializeStruct, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(key_must_be_a_string())
    }
}

/// serde_json's own words for a key it cannot write.
fn key_must_be_a_string() -> Error {
    <Error as ser::Error>::custom("key must be a string")
}

/// Bytes serialised as bytes (not as a sequence), for `through_serde_json`.
fn serde_bytes_like(value: &[u8]) -> impl Serialize + '_ {
    struct Bytes<'b>(&'b [u8]);
    impl Serialize for Bytes<'_> {
        fn serialize<S: ser::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.serialize_bytes(self.0)
        }
    }
    Bytes(value)
}
