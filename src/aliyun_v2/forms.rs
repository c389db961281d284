//! Field forms particular to aliyun_v2: the release reason and the skill levels.

use crate::wire::Text;
use crate::wire::{Deviation, DeviationKind, JsonPath, Numeric, WireValue, wire_object};
use serde::{Serialize, Serializer};

/// Why a call leg was released (挂断原因, `releaseReason`), from the SIP signalling, written
/// `"<SIP code> - <reason phrase>"`: `"200 - Okay"`, `"486 - Busy Here"`. Kept as sent.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ReleaseReason(pub Text);

impl ReleaseReason {
    /// The text as sent.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    fn split(&self) -> Option<(u16, &str)> {
        let (code, text) = match self.0.split_once('-') {
            Some((code, text)) => (code, text),
            None => (self.0.as_str(), ""),
        };
        let code = code.trim();
        if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        Some((code.parse().ok()?, text.trim()))
    }

    /// The SIP status code, e.g. `200`.
    pub fn sip_code(&self) -> Option<u16> {
        self.split().map(|(code, _)| code)
    }

    /// The reason phrase, e.g. `"Okay"` (empty when the text has none).
    pub fn phrase(&self) -> Option<&str> {
        self.split().map(|(_, phrase)| phrase)
    }
}

impl Serialize for ReleaseReason {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl WireValue for ReleaseReason {
    const EXPECTED: &'static str = "a release reason such as \"200 - Okay\"";

    fn from_wire_str(text: &str) -> Option<Self> {
        Some(ReleaseReason(Text::new(text)))
    }

    fn from_wire_string(text: String) -> Result<Self, String> {
        Ok(ReleaseReason(Text::from(text)))
    }

    fn check(&self, path: &mut JsonPath, out: &mut Vec<Deviation>) {
        if !self.0.is_empty() && self.split().is_none() {
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

wire_object! {
    /// One entry of `skillLevels`: the agent's level in one skill group.
    pub struct SkillLevel {
        fields {
            /// Skill level (技能等级), a number such as `5`.
            skill_level: Numeric = "skillLevel" unmapped,
            /// Skill group id (技能组ID).
            skill_group_id: Text = "skillGroupId",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn release_reason_parts() {
        let ok = ReleaseReason("200 - Okay".into());
        assert_eq!((ok.sip_code(), ok.phrase()), (Some(200), Some("Okay")));
        let busy = ReleaseReason("486 - Busy Here".into());
        assert_eq!((busy.sip_code(), busy.phrase()), (Some(486), Some("Busy Here")));
        let bare = ReleaseReason("487".into());
        assert_eq!((bare.sip_code(), bare.phrase()), (Some(487), Some("")));
        let odd = ReleaseReason("hangup by user".into());
        assert_eq!(odd.sip_code(), None);
        let mut out = Vec::new();
        odd.check(&mut JsonPath::key("releaseReason"), &mut out);
        assert_eq!(out.len(), 1);
    }
}
