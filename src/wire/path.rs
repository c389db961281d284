//! JSON paths such as `$.item.Participants[1].State`, used by errors and deviations.

use std::fmt;

/// One step of a [`JsonPath`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
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
            write_segment(f, segment, usize::MAX)?;
        }
        Ok(())
    }
}

fn write_segment(f: &mut fmt::Formatter<'_>, segment: &PathSegment, max_key: usize) -> fmt::Result {
    match segment {
        PathSegment::Key(key) if key.chars().count() > max_key => {
            let head: String = key.chars().take(max_key).collect();
            write!(f, "['{}…']", head.replace('\\', "\\\\").replace('\'', "\\'"))
        }
        PathSegment::Key(key) if is_plain_key(key) => write!(f, ".{key}"),
        PathSegment::Key(key) => write!(f, "['{}']", key.replace('\\', "\\\\").replace('\'', "\\'")),
        PathSegment::Index(index) => write!(f, "[{index}]"),
    }
}

/// A path shortened for an error message: at most [`Shortened::HEAD`] + [`Shortened::TAIL`]
/// segments (the ones between are counted) and keys of at most [`Shortened::KEY`] characters.
pub(crate) struct Shortened<'p>(pub(crate) &'p JsonPath);

impl Shortened<'_> {
    const HEAD: usize = 6;
    const TAIL: usize = 4;
    const KEY: usize = 64;
}

impl fmt::Display for Shortened<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let segments = &self.0.0;
        f.write_str("$")?;
        if segments.len() <= Self::HEAD + Self::TAIL {
            for segment in segments {
                write_segment(f, segment, Self::KEY)?;
            }
            return Ok(());
        }
        let (head, rest) = segments.split_at(Self::HEAD);
        let (middle, tail) = rest.split_at(rest.len() - Self::TAIL);
        for segment in head {
            write_segment(f, segment, Self::KEY)?;
        }
        write!(f, "…({} more)…", middle.len())?;
        for segment in tail {
            write_segment(f, segment, Self::KEY)?;
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

    #[test]
    fn a_shortened_path_keeps_its_ends() {
        let mut path = JsonPath::root();
        for index in 0..100 {
            path.push_index(index);
        }
        assert_eq!(
            Shortened(&path).to_string(),
            "$[0][1][2][3][4][5]…(90 more)…[96][97][98][99]"
        );
        let long = JsonPath::key(&"k".repeat(1000));
        assert_eq!(Shortened(&long).to_string(), format!("$['{}…']", "k".repeat(64)));
    }
}
