//! The source schemas the crate reads.

use std::fmt;
use std::str::FromStr;

/// One of the vendor event schemas this crate models.
///
/// `#[non_exhaustive]`: a fifth schema is one new module and one detection rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Schema {
    /// Alibaba Cloud Call Center 2.0 events ([`crate::aliyun_v2`]).
    AliyunV2,
    /// 7moor V7 event push ([`crate::push_v7`]).
    PushV7,
    /// A CSTA-style JSON event feed ([`crate::csta`]).
    Csta,
    /// Google CCAI Platform call-session events for QM ([`crate::ccai_qm`]).
    CcaiQm,
    /// Google CCAI Platform chat-session events for QM ([`crate::ccai_qm::chat`]).
    CcaiChat,
}

impl Schema {
    /// Every schema, in a stable order.
    pub const ALL: [Schema; 5] = [
        Schema::AliyunV2,
        Schema::PushV7,
        Schema::Csta,
        Schema::CcaiQm,
        Schema::CcaiChat,
    ];

    /// The cargo feature that builds the schema's module (`ccai_qm` for both Google schemas).
    pub const fn feature(self) -> &'static str {
        match self {
            Schema::AliyunV2 => "aliyun_v2",
            Schema::PushV7 => "push_v7",
            Schema::Csta => "csta",
            Schema::CcaiQm | Schema::CcaiChat => "ccai_qm",
        }
    }

    /// Whether this build reads the schema (its feature is on).
    pub const fn is_enabled(self) -> bool {
        match self {
            Schema::AliyunV2 => cfg!(feature = "aliyun_v2"),
            Schema::PushV7 => cfg!(feature = "push_v7"),
            Schema::Csta => cfg!(feature = "csta"),
            Schema::CcaiQm | Schema::CcaiChat => cfg!(feature = "ccai_qm"),
        }
    }

    /// The module name of the schema, e.g. `"aliyun_v2"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Schema::AliyunV2 => "aliyun_v2",
            Schema::PushV7 => "push_v7",
            Schema::Csta => "csta",
            Schema::CcaiQm => "ccai_qm",
            Schema::CcaiChat => "ccai_chat",
        }
    }
}

impl FromStr for Schema {
    type Err = ParseSchemaError;

    /// The schema of a module name, as [`Schema::as_str`] writes it (`"aliyun_v2"`, ...).
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Schema::ALL
            .into_iter()
            .find(|schema| schema.as_str() == text)
            .ok_or_else(|| ParseSchemaError { name: text.to_owned() })
    }
}

/// A text that names no [`Schema`] (from `str::parse::<Schema>`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("no schema is named {name:?} (the schemas: aliyun_v2, push_v7, csta, ccai_qm)")]
pub struct ParseSchemaError {
    name: String,
}

impl ParseSchemaError {
    /// The text that was given.
    pub fn name(&self) -> &str {
        &self.name
    }
}

impl fmt::Display for Schema {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}
