//! [`Cause`]: why something happened, in ECMA-269 EventCause terms, with the SIP code.

use super::vocabulary::vocabulary;
use crate::wire::Text;
use serde::{Deserialize, Serialize};

/// Why a call event happened: an ECMA-269 EventCause, the SIP status code where the vendor
/// gives one, and the vendor's own text verbatim.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Cause {
    /// The ECMA-269 cause.
    pub code: CauseCode,
    /// The SIP status code, when the vendor gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sip_code: Option<u16>,
    /// The vendor's own cause text, as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schemars", schemars(with = "Option<String>"))]
    pub vendor_text: Option<Text>,
}

impl Cause {
    /// A cause with only its code.
    pub fn new(code: CauseCode) -> Self {
        Cause {
            code,
            sip_code: None,
            vendor_text: None,
        }
    }

    /// A cause read from a SIP status code (see [`CauseCode::from_sip`]).
    pub fn from_sip(sip_code: u16, vendor_text: Option<&str>) -> Self {
        Cause {
            code: CauseCode::from_sip(sip_code),
            sip_code: Some(sip_code),
            vendor_text: vendor_text.map(Text::new),
        }
    }

    /// Sets the vendor's text (an empty text counts as none).
    pub fn with_vendor_text(mut self, text: Option<&str>) -> Self {
        self.vendor_text = text.filter(|text| !text.is_empty()).map(Text::new);
        self
    }
}

vocabulary! {
    /// The ECMA-269 EventCause values this crate's vendors use (ECMA spelling, `camelCase` on the
    /// wire: `"normalClearing"`), plus `Other`.
    pub enum CauseCode {
        /// activeParticipation (barge-in, coaching)
        ActiveParticipation = "activeParticipation",
        /// alertTimeExpired (rang too long)
        AlertTimeExpired = "alertTimeExpired",
        /// blocked
        Blocked = "blocked",
        /// busy
        Busy = "busy",
        /// callCancelled
        CallCancelled = "callCancelled",
        /// callForward
        CallForward = "callForward",
        /// callNotAnswered
        CallNotAnswered = "callNotAnswered",
        /// callPickup
        CallPickup = "callPickup",
        /// conference
        Conference = "conference",
        /// consultation
        Consultation = "consultation",
        /// destNotObtainable
        DestNotObtainable = "destNotObtainable",
        /// distributed
        Distributed = "distributed",
        /// enteringDistribution
        EnteringDistribution = "enteringDistribution",
        /// intrude
        Intrude = "intrude",
        /// keyOperation
        KeyOperation = "keyOperation",
        /// makeCall
        MakeCall = "makeCall",
        /// makePredictiveCall
        MakePredictiveCall = "makePredictiveCall",
        /// networkCongestion
        NetworkCongestion = "networkCongestion",
        /// newCall
        NewCall = "newCall",
        /// noAvailableAgents
        NoAvailableAgents = "noAvailableAgents",
        /// normal
        Normal = "normal",
        /// normalClearing
        NormalClearing = "normalClearing",
        /// numberUnallocated
        NumberUnallocated = "numberUnallocated",
        /// overflow
        Overflow = "overflow",
        /// override
        Override = "override",
        /// queueTimeOverflow
        QueueTimeOverflow = "queueTimeOverflow",
        /// redirected
        Redirected = "redirected",
        /// resourcesNotAvailable
        ResourcesNotAvailable = "resourcesNotAvailable",
        /// silentParticipation (monitoring)
        SilentParticipation = "silentParticipation",
        /// singleStepConference
        SingleStepConference = "singleStepConference",
        /// singleStepTransfer
        SingleStepTransfer = "singleStepTransfer",
        /// timeout
        Timeout = "timeout",
        /// transfer
        Transfer = "transfer",
        /// Anything else; the vendor's text is in [`Cause::vendor_text`].
        Other = "other",
    }
}

impl CauseCode {
    /// Reads an ECMA cause name written in any casing, with or without `_`/`-`/spaces:
    /// `newCall`, `NEWCALL`, `NEW_CALL` all give [`CauseCode::NewCall`]; anything else `Other`.
    pub fn from_ecma(text: &str) -> Self {
        // The exact ECMA spelling first (what feeds send), by the generated match; then any
        // casing, comparing only the names of the text's length.
        CauseCode::from_known(text)
            .or_else(|| {
                crate::wire::loosely_find(text, CauseCode::KNOWN_VALUES)
                    .and_then(|index| CauseCode::KNOWN.get(index))
                    .cloned()
            })
            .filter(|code| *code != CauseCode::Other)
            .unwrap_or(CauseCode::Other)
    }

    /// The cause a SIP final response means: 200 normalClearing; 486 and 600 busy; 480
    /// callNotAnswered; 408 timeout; 487 callCancelled; 404 and 484 numberUnallocated; 403 and
    /// 603 blocked; 503 resourcesNotAvailable; 502 and 504 networkCongestion; others `Other`.
    pub fn from_sip(code: u16) -> Self {
        match code {
            200..=299 => CauseCode::NormalClearing,
            486 | 600 => CauseCode::Busy,
            480 => CauseCode::CallNotAnswered,
            408 => CauseCode::Timeout,
            487 => CauseCode::CallCancelled,
            404 | 484 => CauseCode::NumberUnallocated,
            403 | 603 => CauseCode::Blocked,
            503 => CauseCode::ResourcesNotAvailable,
            502 | 504 => CauseCode::NetworkCongestion,
            _ => CauseCode::Other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ecma_names_in_any_casing() {
        for text in ["newCall", "NEWCALL", "NEW_CALL", "new-call"] {
            assert_eq!(CauseCode::from_ecma(text), CauseCode::NewCall, "{text}");
        }
        assert_eq!(
            CauseCode::from_ecma("singleStepTransfer"),
            CauseCode::SingleStepTransfer
        );
        assert_eq!(CauseCode::from_ecma("other"), CauseCode::Other);
        assert_eq!(CauseCode::from_ecma("nonsense"), CauseCode::Other);
        assert_eq!(CauseCode::from_ecma("NORMAL_CLEARING"), CauseCode::NormalClearing);
        for value in CauseCode::KNOWN_VALUES {
            // `loosely_find` compares only names as long as the text without separators.
            assert!(!crate::wire::has_separator(value), "{value}");
        }
        assert_eq!(
            serde_json::to_value(CauseCode::NormalClearing).unwrap(),
            "normalClearing"
        );
    }

    #[test]
    fn sip_codes() {
        assert_eq!(CauseCode::from_sip(200), CauseCode::NormalClearing);
        assert_eq!(CauseCode::from_sip(486), CauseCode::Busy);
        assert_eq!(CauseCode::from_sip(487), CauseCode::CallCancelled);
        assert_eq!(CauseCode::from_sip(299), CauseCode::NormalClearing);
        assert_eq!(CauseCode::from_sip(999), CauseCode::Other);
    }
}
