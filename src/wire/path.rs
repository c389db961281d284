//! JSON paths such as `$.item.Participants[1].State`, used by errors and deviations.

use std::fmt;

/// One step of a [`JsonPath`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PathSegment {
    /// A key of an object.
    Key(String),
    /// An index into an array.
    Index(usize),
}

/// Where a value sits in a JSON document, written `$.key[0].other` (keys that are not plain
/// identifiers are quoted: `$['a key']`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct JsonPath(Vec<PathSegment>);

impl JsonPath {
    /// The root, `$`.
    pub const fn root() -> Self {
        JsonPath(Vec::new())
    }

    /// The path of the top-level key `key`.
    pub fn key(key: &str) -> Self {
        JsonPath(vec![PathSegment::Key(key.to_owned())])
    }

    /// The segments from the root.
    pub fn segments(&self) -> &[PathSegment] {
        &self.0
    }

    /// Whether this is the root.
    pub fn is_root(&self) -> bool {
        self.0.is_empty()
    }

    /// Appends a key.
    pub fn push_key(&mut self, key: &str) {
        self.0.push(PathSegment::Key(key.to_owned()));
    }

    /// Appends an index.
    pub fn push_index(&mut self, index: usize) {
        self.0.push(PathSegment::Index(index));
    }

    /// Removes the last segment.
    pub fn pop(&mut self) {
        self.0.pop();
    }

    /// A copy of this path with `key` appended.
    pub fn join_key(&self, key: &str) -> Self {
        let mut path = self.clone();
        path.push_key(key);
        path
    }
}

impl From<Vec<PathSegment>> for JsonPath {
    fn from(segments: Vec<PathSegment>) -> Self {
        JsonPath(segments)
    }
}

fn is_plain_key(key: &str) -> bool {
    let mut chars = key.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

impl fmt::Display for JsonPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("$")?;
        for segment in &self.0 {
            match segment {
                PathSegment::Key(key) if is_plain_key(key) => write!(f, ".{key}")?,
                PathSegment::Key(key) => write!(f, "['{}']", key.replace('\\', "\\\\").replace('\'', "\\'"))?,
                PathSegment::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_keys_indices_and_quoted_keys() {
        let mut path = JsonPath::root();
        assert_eq!(path.to_string(), "$");
        path.push_key("item");
        path.push_key("Participants");
        path.push_index(1);
        path.push_key("State");
        assert_eq!(path.to_string(), "$.item.Participants[1].State");
        path.pop();
        path.push_key("a key's");
        assert_eq!(path.to_string(), "$.item.Participants[1]['a key\\'s']");
        assert_eq!(JsonPath::key("").to_string(), "$['']");
        assert_eq!(JsonPath::key("1a").to_string(), "$['1a']");
    }
}
