//! A deterministic corpus of events of all four schemas, built from the fixtures, for the
//! benches and the robustness tests (`#[path]`-included by both; not a data file).
//!
//! Each event is a fixture of its schema (in the lab's proportions: aliyun_v2 28%, push_v7
//! small 25%, push_v7 CDR 3.5%, csta 25%, ccai_qm 18%) with varied ids, numbers and texts, and
//! the variations a lossless parser must survive: unknown fields of every JSON type (20% of
//! events), undocumented enum-like values (3%), nulls (5%), numbers sent as strings (10%),
//! pretty-printed (10%) and `\uXXXX`-escaped (5%) text, and the discriminator last (5%).
#![allow(dead_code)]

use cc_events::Schema;
use serde_json::{Map, Number, Value};
use std::path::Path;

/// SplitMix64: small, fast, and the same sequence everywhere.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 1000 < percent * 10
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// The valid fixtures of a schema, as JSON values (case fixtures included).
pub fn fixture_values(schema: Schema) -> Vec<Value> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(schema.as_str());
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("the fixtures folder")
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|path| serde_json::from_slice(&std::fs::read(path).expect("readable")).expect("a valid fixture"))
        .collect()
}

/// The key each schema dispatches on.
pub fn tag_key(schema: Schema) -> &'static str {
    match schema {
        Schema::AliyunV2 => "eventType",
        Schema::PushV7 => "pushType",
        Schema::Csta => "eventName",
        _ => "type",
    }
}

/// The schemas a corpus draws from (generating for another one would never end).
pub const SCHEMAS: [Schema; 4] = [Schema::AliyunV2, Schema::PushV7, Schema::Csta, Schema::CcaiQm];

/// The sources of a corpus: the fixtures of every schema, the 7moor CDRs apart.
pub struct Sources {
    pub aliyun: Vec<Value>,
    pub push_small: Vec<Value>,
    pub push_cdr: Vec<Value>,
    pub csta: Vec<Value>,
    pub ccai: Vec<Value>,
}

impl Sources {
    pub fn load() -> Self {
        let (push_cdr, push_small) = fixture_values(Schema::PushV7)
            .into_iter()
            .partition(|value| value.get("pushType").and_then(Value::as_str) == Some("cdr"));
        Sources {
            aliyun: fixture_values(Schema::AliyunV2),
            push_small,
            push_cdr,
            csta: fixture_values(Schema::Csta),
            ccai: fixture_values(Schema::CcaiQm),
        }
    }

    fn pick(&self, rng: &mut Rng) -> (Schema, &Value) {
        let roll = rng.below(1000);
        let (schema, set) = match roll {
            0..280 => (Schema::AliyunV2, &self.aliyun),
            280..530 => (Schema::PushV7, &self.push_small),
            530..565 => (Schema::PushV7, &self.push_cdr),
            565..815 => (Schema::Csta, &self.csta),
            _ => (Schema::CcaiQm, &self.ccai),
        };
        (schema, rng.pick(set))
    }
}

/// One generated payload.
pub struct Payload {
    pub schema: Schema,
    pub bytes: Vec<u8>,
}

/// `count` payloads from `seed`, mixed across schemas (or of one schema only).
pub fn generate(sources: &Sources, count: usize, seed: u64, only: Option<Schema>) -> Vec<Payload> {
    let mut rng = Rng::new(seed);
    let mut out = Vec::with_capacity(count);
    while out.len() < count {
        let (schema, base) = sources.pick(&mut rng);
        if only.is_some_and(|only| only != schema) {
            continue;
        }
        let mut value = base.clone();
        vary(&mut value, schema, &mut rng, 0);
        let Value::Object(map) = &mut value else { continue };
        if rng.chance(20) {
            for _ in 0..1 + rng.below(3) {
                let key = format!("x_{}", rng.next_u64() % 10_000);
                map.insert(key, any_value(&mut rng, 2));
            }
        }
        if rng.chance(5) {
            if let Some(key) = optional_key(map, schema, &mut rng) {
                map.insert(key, Value::Null);
            }
        }
        if rng.chance(10) {
            numbers_to_strings(map);
        }
        let late_tag = rng.chance(5);
        let pretty = rng.chance(10);
        let escape = rng.chance(5);
        let mut text = write_object(map, tag_key(schema), late_tag, pretty);
        if escape {
            text = escape_non_ascii(&text);
        }
        out.push(Payload {
            schema,
            bytes: text.into_bytes(),
        });
    }
    out
}

/// Varies ids, numbers and texts; now and then replaces a value-set string by another.
fn vary(value: &mut Value, schema: Schema, rng: &mut Rng, depth: usize) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map.iter_mut() {
                if depth == 0 && is_structural(schema, key) && !inner.is_object() {
                    continue;
                }
                vary(inner, schema, rng, depth + 1);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|item| vary(item, schema, rng, depth + 1)),
        Value::String(text) => {
            let is_enum_like =
                !text.is_empty() && text.len() < 24 && text.chars().all(|c| c.is_ascii_alphabetic() || c == '_');
            if is_enum_like && rng.chance(3) {
                *text = format!("UNDOCUMENTED_{}", rng.next_u64() % 100);
            } else if text.bytes().any(|b| b.is_ascii_digit()) && rng.chance(50) {
                // Vary the digits of ids and numbers written as text, keeping their shape.
                let digit = (b'0' + (rng.next_u64() % 10) as u8) as char;
                *text = text
                    .chars()
                    .map(|c| if c.is_ascii_digit() && c != '0' { digit } else { c })
                    .collect();
            }
        }
        Value::Number(number) => {
            if let Some(n) = number.as_u64() {
                *number = Number::from(n.wrapping_add(rng.next_u64() % 100));
            }
        }
        _ => {}
    }
}

/// The keys that tell a payload's schema and type (its discriminator, and the keys detection
/// and push_v7's shape rules read): variations leave them as they are.
pub fn is_structural(schema: Schema, key: &str) -> bool {
    match schema {
        Schema::AliyunV2 => key == "eventType",
        Schema::PushV7 => matches!(key, "pushType" | "content" | "callEvent" | "callType"),
        Schema::Csta => matches!(key, "eventName" | "eventType"),
        Schema::CcaiChat => matches!(key, "state" | "chat_id"),
        _ => matches!(key, "type" | "item"),
    }
}

fn optional_key(map: &Map<String, Value>, schema: Schema, rng: &mut Rng) -> Option<String> {
    let keys: Vec<&String> = map.keys().filter(|key| !is_structural(schema, key)).collect();
    (!keys.is_empty()).then(|| rng.pick(&keys).to_string())
}

fn numbers_to_strings(map: &mut Map<String, Value>) {
    for value in map.values_mut() {
        if let Value::Number(number) = value {
            *value = Value::String(number.to_string());
        }
    }
}

/// Any JSON value: numbers beyond i64, negatives, floats, escapes, nesting, null.
pub fn any_value(rng: &mut Rng, depth: usize) -> Value {
    match rng.below(if depth == 0 { 6 } else { 8 }) {
        0 => Value::Null,
        1 => Value::Bool(rng.chance(50)),
        2 => Value::Number(Number::from(u64::MAX - rng.next_u64() % 1000)),
        3 => Value::Number(Number::from(-((rng.next_u64() % 100_000) as i64))),
        4 => Value::from(0.0625 * (rng.next_u64() % 1000) as f64),
        5 => Value::String(format!("te\"xt\\ {} \u{4f60}\u{597d} \n", rng.next_u64() % 1000)),
        6 => Value::Array((0..rng.below(3)).map(|_| any_value(rng, depth - 1)).collect()),
        _ => Value::Object(
            (0..rng.below(3))
                .map(|i| (format!("k{i}"), any_value(rng, depth - 1)))
                .collect(),
        ),
    }
}

/// Writes a top-level object with the discriminator first (as vendors do) or last.
fn write_object(map: &Map<String, Value>, tag: &str, late_tag: bool, pretty: bool) -> String {
    let mut entries: Vec<(&String, &Value)> = map.iter().collect();
    // `false` sorts first: the tag leads unless it is to come late.
    entries.sort_by_key(|(key, _)| (key.as_str() == tag) == late_tag);
    let mut out = String::from("{");
    for (index, (key, value)) in entries.iter().enumerate() {
        if index > 0 {
            out.push(',');
        }
        if pretty {
            out.push_str("\n  ");
        }
        out.push_str(&serde_json::to_string(key).expect("a string"));
        out.push_str(if pretty { ": " } else { ":" });
        let value = if pretty {
            serde_json::to_string_pretty(value).expect("JSON").replace('\n', "\n  ")
        } else {
            serde_json::to_string(value).expect("JSON")
        };
        out.push_str(&value);
    }
    out.push_str(if pretty { "\n}" } else { "}" });
    out
}

/// Writes every non-ASCII character as `\uXXXX` (inside strings, the only place JSON has them).
fn escape_non_ascii(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        }
    }
    out
}
