//! Field forms particular to the csta feed: device ids, connection ids, old-call ids, the
//! event source, the serial number, user data, and the two small nested objects.

use crate::wire::Text;
use crate::wire::fast::{Fast, Lexer};
use crate::wire::{Deviation, DeviationKind, JsonPath, JsonType, Numeric, WireValue, collect_map, wire_object};
use serde::de::MapAccess;
use serde::{Serialize, Serializer};
use serde_json::{Map, Number, Value};

/// A device id as the feed writes it, `<extension>@<namespace>` (`8002@zhen04.cc`); agent ids
/// (`5002@zhen04.cc`) and external numbers (`33255500@welljoint.cc`) have the same form. Kept
/// as sent; an empty string means "no device".
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct DeviceId(pub Text);

impl DeviceId {
    /// The text as sent.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The part before the last `@` (`8002`), or the whole text when it has none; `None` when
    /// the text is empty.
    pub fn extension(&self) -> Option<&str> {
        let extension = match self.0.rsplit_once('@') {
            Some((extension, _)) => extension,
            None => self.0.as_str(),
        };
        Some(extension).filter(|extension| !extension.is_empty())
    }

    /// The part after the last `@` (`zhen04.cc`), if there is one.
    pub fn namespace(&self) -> Option<&str> {
        self.0
            .rsplit_once('@')
            .map(|(_, namespace)| namespace)
            .filter(|namespace| !namespace.is_empty())
    }

    /// Whether the text is empty ("no device").
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Serialize for DeviceId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl WireValue for DeviceId {
    const EXPECTED: &'static str = "a string";

    fn from_wire_str(text: &str) -> Option<Self> {
        Some(DeviceId(Text::new(text)))
    }

    fn from_wire_string(text: String) -> Result<Self, String> {
        Ok(DeviceId(Text::from(text)))
    }
}

/// A connection id (`connectionId`): the device and the call it joins, written
/// `<deviceId>|<callId>` (`8001@zhen04.cc|37db6efe-...`). Kept as sent; a non-empty text
/// without `|` is reported as a deviation of format.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct ConnectionId(pub Text);

impl ConnectionId {
    /// The text as sent.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The device part (`8001@zhen04.cc`), when the text has the documented form.
    pub fn device(&self) -> Option<&str> {
        self.0.split_once('|').map(|(device, _)| device)
    }

    /// The call part (`37db6efe-...`), when the text has the documented form.
    pub fn call_id(&self) -> Option<&str> {
        self.0.split_once('|').map(|(_, call)| call)
    }
}

impl Serialize for ConnectionId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl WireValue for ConnectionId {
    const EXPECTED: &'static str = "a connection id such as 8001@zhen04.cc|37db6efe";

    fn from_wire_str(text: &str) -> Option<Self> {
        Some(ConnectionId(Text::new(text)))
    }

    fn from_wire_string(text: String) -> Result<Self, String> {
        Ok(ConnectionId(Text::from(text)))
    }

    fn check(&self, path: &mut JsonPath, out: &mut Vec<Deviation>) {
        if !self.0.is_empty() && !self.0.contains('|') {
            out.push(Deviation::new(
                path.clone(),
                DeviationKind::UnexpectedFormat {
                    expected: Self::EXPECTED,
                    found: self.0.to_string(),
                },
            ));
        }
    }
}

/// A call id that may be "none": `primaryOldCall`, `secondaryOldCall`, `newCall` of
/// transferred and conferenced. The samples send `"0"` for "no such call" (a single-step
/// transfer has no held call); `"0"` and `""` are kept as sent and [`CallRef::call_id`] gives
/// `None` for them.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct CallRef(pub Text);

impl CallRef {
    /// The text as sent.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The call id, or `None` for `"0"` and `""`.
    pub fn call_id(&self) -> Option<&str> {
        match self.0.as_str() {
            "" | "0" => None,
            id => Some(id),
        }
    }
}

impl Serialize for CallRef {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl WireValue for CallRef {
    const EXPECTED: &'static str = "a string";

    fn from_wire_str(text: &str) -> Option<Self> {
        Some(CallRef(Text::new(text)))
    }

    fn from_wire_string(text: String) -> Result<Self, String> {
        Ok(CallRef(Text::from(text)))
    }
}

/// The event source (事件源, `eventSrc`). The data models type it as an object (with no
/// members named); every sample sends a device id string (`"8001@zhen04.cc"`). Both forms are
/// documented, so both are typed and neither is a deviation.
#[derive(Debug, Clone, PartialEq)]
pub enum EventSource {
    /// The samples' form: a device id.
    Device(DeviceId),
    /// The data models' form: an object, kept as sent.
    Object(Map<String, Value>),
}

impl EventSource {
    /// The device id, when sent as a string.
    pub fn device(&self) -> Option<&DeviceId> {
        match self {
            EventSource::Device(device) => Some(device),
            EventSource::Object(_) => None,
        }
    }

    /// The object, when sent as one.
    pub fn object(&self) -> Option<&Map<String, Value>> {
        match self {
            EventSource::Object(object) => Some(object),
            EventSource::Device(_) => None,
        }
    }
}

impl Serialize for EventSource {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            EventSource::Device(device) => device.serialize(serializer),
            EventSource::Object(object) => object.serialize(serializer),
        }
    }
}

impl WireValue for EventSource {
    const EXPECTED: &'static str = "a device id or an object";

    fn from_wire_str(text: &str) -> Option<Self> {
        Some(EventSource::Device(DeviceId(Text::new(text))))
    }

    fn from_wire_string(text: String) -> Result<Self, String> {
        Ok(EventSource::Device(DeviceId(Text::from(text))))
    }

    fn from_wire_map<'de, A: MapAccess<'de>>(map: A) -> Result<Result<Self, Value>, A::Error> {
        Ok(match collect_map(map)? {
            Value::Object(object) => Ok(EventSource::Object(object)),
            other => Err(other),
        })
    }

    fn fast_map(lex: &mut Lexer<'_>) -> Fast<Result<Self, Value>> {
        Ok(Ok(EventSource::Object(lex.object()?)))
    }
}

/// A number documented as a JSON integer (`serial` 序号; ECMA's `numberQueued`,
/// `callsInFront`). A string holding one (`"121511"`) is kept as a string and reported as a
/// deviation of type, but the accessors still read it; a number that is no integer is reported
/// as a deviation of format.
#[derive(Debug, Clone, PartialEq)]
pub struct Integer(pub Numeric);

impl Integer {
    /// The value, if it is a non-negative integer (in either form).
    pub fn as_u64(&self) -> Option<u64> {
        self.0.as_u64()
    }

    /// The value, if it is an integer (in either form).
    pub fn as_i64(&self) -> Option<i64> {
        self.0.as_i64()
    }

    /// Whether it came as a string.
    pub fn is_text(&self) -> bool {
        self.0.is_text()
    }
}

impl Serialize for Integer {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl WireValue for Integer {
    const EXPECTED: &'static str = "an integer";

    fn from_wire_str(text: &str) -> Option<Self> {
        Some(Integer(Numeric::Text(text.to_owned())))
    }

    fn from_wire_string(text: String) -> Result<Self, String> {
        Ok(Integer(Numeric::Text(text)))
    }

    fn from_wire_number(number: Number) -> Result<Self, Number> {
        Ok(Integer(Numeric::Number(number)))
    }

    fn check(&self, path: &mut JsonPath, out: &mut Vec<Deviation>) {
        let kind = match &self.0 {
            Numeric::Text(_) => DeviationKind::UnexpectedType {
                expected: Self::EXPECTED,
                found: JsonType::String,
            },
            Numeric::Number(number) if !(number.is_i64() || number.is_u64()) => DeviationKind::UnexpectedFormat {
                expected: Self::EXPECTED,
                found: number.to_string(),
            },
            Numeric::Number(_) => return,
        };
        out.push(Deviation::new(path.clone(), kind));
    }
}

/// Call-associated data (随路数据, `userData`): documented as a free-form object
/// (`UserData {}`); the samples put the original numbers and call id under `data`:
/// `{"data": {"origin_dnis": "5484", "originalANI": ..., "originalDNIS": ..., "originalCallId": ...}}`.
/// Kept whole; no key inside is a deviation.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct UserData(pub Map<String, Value>);

impl UserData {
    /// The object as sent.
    pub fn as_map(&self) -> &Map<String, Value> {
        &self.0
    }

    /// The `data` object, when there is one.
    pub fn data(&self) -> Option<&Map<String, Value>> {
        self.0.get("data").and_then(Value::as_object)
    }

    /// The string under `key`, looked up in `data` first, then at the top of the object.
    pub fn text(&self, key: &str) -> Option<&str> {
        self.data()
            .and_then(|data| data.get(key))
            .or_else(|| self.0.get(key))
            .and_then(Value::as_str)
    }

    /// The original called number (原始被叫, `origin_dnis`).
    pub fn origin_dnis(&self) -> Option<&str> {
        self.text("origin_dnis")
    }

    /// The original calling device (`originalANI`).
    pub fn original_ani(&self) -> Option<&str> {
        self.text("originalANI")
    }

    /// The original called device (`originalDNIS`).
    pub fn original_dnis(&self) -> Option<&str> {
        self.text("originalDNIS")
    }

    /// The original call id (`originalCallId`).
    pub fn original_call_id(&self) -> Option<&str> {
        self.text("originalCallId")
    }
}

impl Serialize for UserData {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl WireValue for UserData {
    const EXPECTED: &'static str = "an object";

    fn from_wire_map<'de, A: MapAccess<'de>>(map: A) -> Result<Result<Self, Value>, A::Error> {
        Ok(match collect_map(map)? {
            Value::Object(object) => Ok(UserData(object)),
            other => Err(other),
        })
    }

    fn fast_map(lex: &mut Lexer<'_>) -> Fast<Result<Self, Value>> {
        Ok(Ok(UserData(lex.object()?)))
    }
}

wire_object! {
    /// The devices an agent is logged on with (登录设备, `devices`): `{"Voice": "8002@zhen04.cc"}`.
    /// The document names no other medium; another key is kept in `extra` and reported.
    pub struct Devices {
        fields {
            /// The voice device (语音设备), e.g. `8002@zhen04.cc`.
            voice: DeviceId = "Voice",
        }
    }
}

wire_object! {
    /// The call this one came from (`originCallInfo`, type `OriginCallInfo`). The transferred
    /// sample sends it empty (`{}`).
    pub struct OriginCallInfo {
        fields {
            /// The original call id (`callId`).
            call_id: Text = "callId",
            /// The original calling device (`callingDevice`).
            calling_device: DeviceId = "callingDevice",
            /// The original called device (`calledDevice`).
            called_device: DeviceId = "calledDevice",
        }
    }
}

impl OriginCallInfo {
    /// Whether it names nothing (the `{}` the samples send).
    pub fn is_empty(&self) -> bool {
        self.call_id.is_absent()
            && self.calling_device.is_absent()
            && self.called_device.is_absent()
            && self.extra.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::Field;
    use serde_json::json;

    fn field<T: WireValue>(value: Value) -> Field<T> {
        serde_json::from_value(value).expect("a Field accepts any JSON")
    }

    fn deviations<T: WireValue>(value: &Field<T>) -> Vec<String> {
        let mut out = Vec::new();
        value.check_here(false, &mut JsonPath::key("x"), &mut out);
        out.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn device_ids_split_at_the_last_at() {
        let device = DeviceId("8002@zhen04.cc".into());
        assert_eq!(
            (device.extension(), device.namespace()),
            (Some("8002"), Some("zhen04.cc"))
        );
        let bare = DeviceId("13800138000".into());
        assert_eq!((bare.extension(), bare.namespace()), (Some("13800138000"), None));
        let empty = DeviceId::default();
        assert_eq!((empty.extension(), empty.namespace()), (None, None));
        let odd = DeviceId("a@b@c".into());
        assert_eq!((odd.extension(), odd.namespace()), (Some("a@b"), Some("c")));
    }

    #[test]
    fn connection_ids_split_and_report_other_forms() {
        let id: Field<ConnectionId> = field(json!("8001@zhen04.cc|37db6efe"));
        let id_value = id.get().expect("a string");
        assert_eq!(id_value.device(), Some("8001@zhen04.cc"));
        assert_eq!(id_value.call_id(), Some("37db6efe"));
        assert!(deviations(&id).is_empty());
        let odd: Field<ConnectionId> = field(json!("37db6efe"));
        assert_eq!(odd.get().and_then(ConnectionId::call_id), None);
        assert_eq!(
            deviations(&odd),
            ["$.x: expected a connection id such as 8001@zhen04.cc|37db6efe, found \"37db6efe\""]
        );
        let empty: Field<ConnectionId> = field(json!(""));
        assert!(deviations(&empty).is_empty());
    }

    #[test]
    fn zero_and_empty_call_refs_are_none() {
        assert_eq!(CallRef("0".into()).call_id(), None);
        assert_eq!(CallRef(Text::default()).call_id(), None);
        assert_eq!(CallRef("10549a5f".into()).call_id(), Some("10549a5f"));
    }

    #[test]
    fn event_source_in_both_forms() {
        let text: Field<EventSource> = field(json!("8001@zhen04.cc"));
        assert_eq!(
            text.get().and_then(EventSource::device).map(DeviceId::as_str),
            Some("8001@zhen04.cc")
        );
        let object: Field<EventSource> = field(json!({"deviceId": "8001@zhen04.cc"}));
        assert!(object.get().and_then(EventSource::object).is_some());
        assert!(deviations(&text).is_empty() && deviations(&object).is_empty());
        let number: Field<EventSource> = field(json!(8001));
        assert_eq!(
            deviations(&number),
            ["$.x: expected a device id or an object, found a number"]
        );
        assert_eq!(
            serde_json::to_value(&object).unwrap(),
            json!({"deviceId": "8001@zhen04.cc"})
        );
    }

    #[test]
    fn integers_read_strings_but_report_them() {
        let number: Field<Integer> = field(json!(121511));
        assert_eq!(number.get().and_then(Integer::as_u64), Some(121511));
        assert!(deviations(&number).is_empty());
        let text: Field<Integer> = field(json!("121511"));
        assert_eq!(text.get().and_then(Integer::as_u64), Some(121511));
        assert_eq!(deviations(&text), ["$.x: expected an integer, found a string"]);
        assert_eq!(serde_json::to_value(&text).unwrap(), json!("121511"));
        let float: Field<Integer> = field(json!(1.5));
        assert_eq!(deviations(&float), ["$.x: expected an integer, found \"1.5\""]);
        let boolean: Field<Integer> = field(json!(true));
        assert_eq!(boolean.unexpected(), Some(&json!(true)));
    }

    #[test]
    fn user_data_reads_data_first() {
        let data = UserData(
            json!({"data": {"origin_dnis": "5484", "originalCallId": "c1"}, "originalANI": "a"})
                .as_object()
                .cloned()
                .unwrap_or_default(),
        );
        assert_eq!(data.origin_dnis(), Some("5484"));
        assert_eq!(data.original_call_id(), Some("c1"));
        assert_eq!(data.original_ani(), Some("a"));
        assert_eq!(data.original_dnis(), None);
        let list: Field<UserData> = field(json!([1]));
        assert_eq!(deviations(&list), ["$.x: expected an object, found an array"]);
    }
}
