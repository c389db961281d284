//! The value sets of the csta feed: the document's `agentMode`, `localState`, `agentStatus`
//! and `eventType`, and ECMA-269's `EventCause` for `cause`. Every documented value is a
//! variant; any other text is kept in `Unknown` and reported as a deviation.
//!
//! Senders write the same value in other casings (`newCall`, `NEWCALL`, `NEW_CALL`): the text
//! is kept as sent (`Unknown("NEW_CALL")`), and each set's `standard()` matches it to the
//! documented value, ignoring case, `_`, `-` and spaces.

use crate::wire::{loosely_equal, loosely_find, open_enum};

/// The documented value `text` stands for, matched loosely (`KNOWN_VALUES[i]` is `KNOWN[i]`).
fn loose_match<T: Clone>(text: &str, values: &[&str], known: &[T]) -> Option<T> {
    loosely_find(text, values).and_then(|index| known.get(index)).cloned()
}

/// `standard()` for an open enum: the variant itself when documented, else the documented value
/// the text matches loosely.
macro_rules! standard {
    ($name:ident) => {
        impl $name {
            /// The documented value this one stands for: itself when documented, else the
            /// documented value its text matches ignoring case, `_`, `-` and spaces
            /// (`NORMAL_CLEARING` → `normalClearing`). `None` when nothing matches.
            pub fn standard(&self) -> Option<$name> {
                match self {
                    $name::Unknown(text) => loose_match(text, $name::KNOWN_VALUES, $name::KNOWN),
                    known => Some(known.clone()),
                }
            }
        }
    };
}

open_enum! {
    /// Event category (事件类型, `eventType`): `agent` (座席相关事件) or `csta` (呼叫相关事件).
    /// The event itself is named by `eventName` (see [`super::EventType`]).
    pub enum EventCategory {
        /// An agent event (座席相关事件).
        Agent = "agent",
        /// A call event (呼叫相关事件).
        Csta = "csta",
    }
}
standard!(EventCategory);

open_enum! {
    /// Agent mode (座席状态, `agentMode`) on agent events: the five documented values, and
    /// `Allocated`, which the agentAllocated sample uses though the list lacks it (accepted as
    /// documented: a sample of the document is documentation too).
    pub enum AgentMode {
        /// Ready for calls (就绪).
        Ready = "Ready",
        /// Not ready (离席).
        NotReady = "NotReady",
        /// After-call work (话后处理).
        WorkNotReady = "WorkNotReady",
        /// Logged out (登出).
        Logout = "Logout",
        /// The documented value `Unknown` (状态未知). Not the catch-all `AgentMode::Unknown(text)`,
        /// which holds values the documentation does not list.
        UnknownMode = "Unknown",
        /// Reserved for a call about to be offered (预占); only in the agentAllocated sample.
        Allocated = "Allocated",
    }
}
standard!(AgentMode);

open_enum! {
    /// The state of `deviceId` after the event (事件发生后设备的状态, `localState`), the
    /// feed's rendering of ECMA-269 LocalConnectionState. The samples are not always
    /// consistent with the event (`Queued` on connectionCleared and transferred): the event
    /// type says what happened, this says what the sender wrote.
    pub enum LocalState {
        /// Connected (ECMA `connected`).
        Connect = "Connect",
        /// Dialing or about to (ECMA `initiated`).
        Initiate = "Initiate",
        /// Ringing (ECMA `alerting`).
        Alerting = "Alerting",
        /// On hold (ECMA `hold`).
        Hold = "Hold",
        /// `None`: no relation between the call and the device (ECMA `null`).
        NoConnection = "None",
        /// Queued (ECMA `queued`).
        Queued = "Queued",
        /// Failed (ECMA `fail`).
        Fail = "Fail",
        /// Idle: not an ECMA-269 state; the feed's word for a device with no call.
        Idle = "Idle",
    }
}
standard!(LocalState);

open_enum! {
    /// Agent status (座席状态, `agentStatus`) on call events: 14 documented values, never seen in
    /// a sample.
    pub enum AgentStatus {
        /// Not ready (离席).
        NotReady = "NotReady",
        /// After-call work (话后处理).
        WorkNotReady = "WorkNotReady",
        /// Idle, ready for calls (空闲).
        Idle = "Idle",
        /// On an inbound call (呼入通话).
        OnCallIn = "OnCallIn",
        /// On an outbound call (呼出通话).
        OnCallOut = "OnCallOut",
        /// Logged out (登出).
        Logout = "Logout",
        /// Ringing (振铃).
        Ringing = "Ringing",
        /// Off hook (摘机).
        OffHook = "OffHook",
        /// On an internal call (内部通话).
        CallInternal = "CallInternal",
        /// Dialing (拨号). The documentation spells it `Dailing`, the text this variant
        /// matches; a sender writing `Dialing` gets `Unknown("Dialing")` (kept as sent, reported),
        /// which [`AgentStatus::standard`] resolves to this variant.
        Dialing = "Dailing",
        /// The far end is ringing (回铃).
        Ringback = "Ringback",
        /// In a conference (会议).
        Conference = "Conference",
        /// On hold (保持).
        OnHold = "OnHold",
        /// Any other status (其他).
        Other = "Other",
    }
}

impl AgentStatus {
    /// The documented value this one stands for: itself when documented, else the value its
    /// text matches ignoring case, `_`, `-` and spaces; the correct spelling `Dialing` (and its
    /// casings) gives [`AgentStatus::Dialing`], documented as `Dailing`.
    pub fn standard(&self) -> Option<AgentStatus> {
        match self {
            AgentStatus::Unknown(text) if loosely_equal(text, "Dialing") => Some(AgentStatus::Dialing),
            AgentStatus::Unknown(text) => loose_match(text, AgentStatus::KNOWN_VALUES, AgentStatus::KNOWN),
            known => Some(known.clone()),
        }
    }
}

open_enum! {
    /// Why an event happened (`cause`, and delivered's `callCause`): the 120 values of ECMA-269
    /// EventCause (12.2.15; ECMA-285 9.18), written as ECMA-323 writes them (`newCall`). The
    /// document shows only `newCall`; a feed that renders CSTA sends the others.
    pub enum EventCause {
        /// `activeParticipation` (1).
        ActiveParticipation = "activeParticipation",
        /// `alternate` (2).
        Alternate = "alternate",
        /// `busy` (3).
        Busy = "busy",
        /// `callBack` (4).
        CallBack = "callBack",
        /// `callCancelled` (5).
        CallCancelled = "callCancelled",
        /// `callForwardImmediate` (6).
        CallForwardImmediate = "callForwardImmediate",
        /// `callForwardBusy` (7).
        CallForwardBusy = "callForwardBusy",
        /// `callForwardNoAnswer` (8).
        CallForwardNoAnswer = "callForwardNoAnswer",
        /// `callForward` (9).
        CallForward = "callForward",
        /// `callNotAnswered` (10).
        CallNotAnswered = "callNotAnswered",
        /// `callPickup` (11).
        CallPickup = "callPickup",
        /// `campOn` (12).
        CampOn = "campOn",
        /// `destNotObtainable` (13).
        DestNotObtainable = "destNotObtainable",
        /// `doNotDisturb` (14).
        DoNotDisturb = "doNotDisturb",
        /// `incompatibleDestination` (15).
        IncompatibleDestination = "incompatibleDestination",
        /// `invalidAccountCode` (16).
        InvalidAccountCode = "invalidAccountCode",
        /// `keyOperation` (17).
        KeyOperation = "keyOperation",
        /// `lockout` (18).
        Lockout = "lockout",
        /// `maintenance` (19).
        Maintenance = "maintenance",
        /// `networkCongestion` (20).
        NetworkCongestion = "networkCongestion",
        /// `networkNotObtainable` (21).
        NetworkNotObtainable = "networkNotObtainable",
        /// `newCall` (22).
        NewCall = "newCall",
        /// `noAvailableAgents` (23).
        NoAvailableAgents = "noAvailableAgents",
        /// `override` (24).
        Override = "override",
        /// `park` (25).
        Park = "park",
        /// `overflow` (26).
        Overflow = "overflow",
        /// `recall` (27).
        Recall = "recall",
        /// `redirected` (28).
        Redirected = "redirected",
        /// `reorderTone` (29).
        ReorderTone = "reorderTone",
        /// `resourcesNotAvailable` (30).
        ResourcesNotAvailable = "resourcesNotAvailable",
        /// `silentParticipation` (31).
        SilentParticipation = "silentParticipation",
        /// `transfer` (32).
        Transfer = "transfer",
        /// `trunksBusy` (33).
        TrunksBusy = "trunksBusy",
        /// `blocked` (35).
        Blocked = "blocked",
        /// `characterCountReached` (36).
        CharacterCountReached = "characterCountReached",
        /// `consultation` (37).
        Consultation = "consultation",
        /// `distributed` (38).
        Distributed = "distributed",
        /// `dTMFDigitDetected` (39).
        DtmfDigitDetected = "dTMFDigitDetected",
        /// `durationExceeded` (40).
        DurationExceeded = "durationExceeded",
        /// `endOfMessageDetected` (41).
        EndOfMessageDetected = "endOfMessageDetected",
        /// `enteringDistribution` (42).
        EnteringDistribution = "enteringDistribution",
        /// `forcedPause` (43).
        ForcedPause = "forcedPause",
        /// `makeCall` (44).
        MakeCall = "makeCall",
        /// `messageSizeExceeded` (45).
        MessageSizeExceeded = "messageSizeExceeded",
        /// `networkSignal` (46).
        NetworkSignal = "networkSignal",
        /// `nextMessage` (47).
        NextMessage = "nextMessage",
        /// `normalClearing` (48).
        NormalClearing = "normalClearing",
        /// `noSpeechDetected` (49).
        NoSpeechDetected = "noSpeechDetected",
        /// `numberChanged` (50).
        NumberChanged = "numberChanged",
        /// `singleStepConference` (51).
        SingleStepConference = "singleStepConference",
        /// `singleStepTransfer` (52).
        SingleStepTransfer = "singleStepTransfer",
        /// `speechDetected` (53).
        SpeechDetected = "speechDetected",
        /// `switchingFunctionTerminated` (54).
        SwitchingFunctionTerminated = "switchingFunctionTerminated",
        /// `terminationCharacterReceived` (55).
        TerminationCharacterReceived = "terminationCharacterReceived",
        /// `timeout` (56).
        Timeout = "timeout",
        /// `aCDBusy` (57).
        AcdBusy = "aCDBusy",
        /// `aCDForward` (58).
        AcdForward = "aCDForward",
        /// `aCDSaturated` (59).
        AcdSaturated = "aCDSaturated",
        /// `alertTimeExpired` (60).
        AlertTimeExpired = "alertTimeExpired",
        /// `autoWork` (61).
        AutoWork = "autoWork",
        /// `campOnTrunks` (62).
        CampOnTrunks = "campOnTrunks",
        /// `conference` (63).
        Conference = "conference",
        /// `destDetected` (64).
        DestDetected = "destDetected",
        /// `destOutOfOrder` (65).
        DestOutOfOrder = "destOutOfOrder",
        /// `distributionDelay` (66).
        DistributionDelay = "distributionDelay",
        /// `forcedTransition` (67).
        ForcedTransition = "forcedTransition",
        /// `intrude` (68).
        Intrude = "intrude",
        /// `invalidNumberFormat` (69).
        InvalidNumberFormat = "invalidNumberFormat",
        /// `joinCall` (70).
        JoinCall = "joinCall",
        /// `keyOperationInUse` (71).
        KeyOperationInUse = "keyOperationInUse",
        /// `makePredictiveCall` (72).
        MakePredictiveCall = "makePredictiveCall",
        /// `messageDurationExceeded` (73).
        MessageDurationExceeded = "messageDurationExceeded",
        /// `multipleAlerting` (74).
        MultipleAlerting = "multipleAlerting",
        /// `multipleQueuing` (75).
        MultipleQueuing = "multipleQueuing",
        /// `networkDialling` (76).
        NetworkDialling = "networkDialling",
        /// `networkOutOfOrder` (77).
        NetworkOutOfOrder = "networkOutOfOrder",
        /// `normal` (78).
        Normal = "normal",
        /// `notAvaliableBearerService` (79; spelled so, sic, in the standard's ASN.1).
        NotAvaliableBearerService = "notAvaliableBearerService",
        /// `notSupportedBearerService` (80).
        NotSupportedBearerService = "notSupportedBearerService",
        /// `numberUnallocated` (81).
        NumberUnallocated = "numberUnallocated",
        /// `queueCleared` (82).
        QueueCleared = "queueCleared",
        /// `remainsInQueue` (83).
        RemainsInQueue = "remainsInQueue",
        /// `reserved` (84).
        Reserved = "reserved",
        /// `selectedTrunkBusy` (85).
        SelectedTrunkBusy = "selectedTrunkBusy",
        /// `suspend` (86).
        Suspend = "suspend",
        /// `unauthorisedBearerService` (87).
        UnauthorisedBearerService = "unauthorisedBearerService",
        /// `activation` (88).
        Activation = "activation",
        /// `babble` (89).
        Babble = "babble",
        /// `badAttribute` (90).
        BadAttribute = "badAttribute",
        /// `badGrammar` (91).
        BadGrammar = "badGrammar",
        /// `badVoice` (92).
        BadVoice = "badVoice",
        /// `badUri` (93).
        BadUri = "badUri",
        /// `busyOverflow` (94).
        BusyOverflow = "busyOverflow",
        /// `calendarOverflow` (95).
        CalendarOverflow = "calendarOverflow",
        /// `capacityOverflow` (96).
        CapacityOverflow = "capacityOverflow",
        /// `duplicateDTMF` (97).
        DuplicateDtmf = "duplicateDTMF",
        /// `earlyStop` (98).
        EarlyStop = "earlyStop",
        /// `emptyQueue` (99).
        EmptyQueue = "emptyQueue",
        /// `interDigitTimeout` (100).
        InterDigitTimeout = "interDigitTimeout",
        /// `invalidConnection` (101).
        InvalidConnection = "invalidConnection",
        /// `invalidConnectionState` (102).
        InvalidConnectionState = "invalidConnectionState",
        /// `makeConnection` (103).
        MakeConnection = "makeConnection",
        /// `maxTimeout` (104).
        MaxTimeout = "maxTimeout",
        /// `noAudioSaved` (105).
        NoAudioSaved = "noAudioSaved",
        /// `noQueue` (106).
        NoQueue = "noQueue",
        /// `noRule` (107).
        NoRule = "noRule",
        /// `outOfGrammar` (108).
        OutOfGrammar = "outOfGrammar",
        /// `pathReplacement` (109).
        PathReplacement = "pathReplacement",
        /// `queueTimeOverflow` (110).
        QueueTimeOverflow = "queueTimeOverflow",
        /// `recallBusy` (111).
        RecallBusy = "recallBusy",
        /// `recallForwarded` (112).
        RecallForwarded = "recallForwarded",
        /// `recallNoAnswer` (113).
        RecallNoAnswer = "recallNoAnswer",
        /// `recallResourcesNotAvailable` (114).
        RecallResourcesNotAvailable = "recallResourcesNotAvailable",
        /// `unknownOverflow` (115).
        UnknownOverflow = "unknownOverflow",
        /// `callInterception` (116).
        CallInterception = "callInterception",
        /// `callInterceptionBusy` (117).
        CallInterceptionBusy = "callInterceptionBusy",
        /// `callInterceptionForwarded` (118).
        CallInterceptionForwarded = "callInterceptionForwarded",
        /// `callInterceptionNoAnswer` (119).
        CallInterceptionNoAnswer = "callInterceptionNoAnswer",
        /// `callInterceptionResourcesNotAvailable` (120).
        CallInterceptionResourcesNotAvailable = "callInterceptionResourcesNotAvailable",
        /// `lawfulInterception` (121).
        LawfulInterception = "lawfulInterception",
    }
}
standard!(EventCause);

impl EventCause {
    /// The value's number in ECMA-285's ASN.1 (`newCall` is 22); `None` for `Unknown` (use
    /// [`EventCause::standard`] first to read other casings).
    pub fn ecma_code(&self) -> Option<u8> {
        Some(match self {
            EventCause::ActiveParticipation => 1,
            EventCause::Alternate => 2,
            EventCause::Busy => 3,
            EventCause::CallBack => 4,
            EventCause::CallCancelled => 5,
            EventCause::CallForwardImmediate => 6,
            EventCause::CallForwardBusy => 7,
            EventCause::CallForwardNoAnswer => 8,
            EventCause::CallForward => 9,
            EventCause::CallNotAnswered => 10,
            EventCause::CallPickup => 11,
            EventCause::CampOn => 12,
            EventCause::DestNotObtainable => 13,
            EventCause::DoNotDisturb => 14,
            EventCause::IncompatibleDestination => 15,
            EventCause::InvalidAccountCode => 16,
            EventCause::KeyOperation => 17,
            EventCause::Lockout => 18,
            EventCause::Maintenance => 19,
            EventCause::NetworkCongestion => 20,
            EventCause::NetworkNotObtainable => 21,
            EventCause::NewCall => 22,
            EventCause::NoAvailableAgents => 23,
            EventCause::Override => 24,
            EventCause::Park => 25,
            EventCause::Overflow => 26,
            EventCause::Recall => 27,
            EventCause::Redirected => 28,
            EventCause::ReorderTone => 29,
            EventCause::ResourcesNotAvailable => 30,
            EventCause::SilentParticipation => 31,
            EventCause::Transfer => 32,
            EventCause::TrunksBusy => 33,
            EventCause::Blocked => 35,
            EventCause::CharacterCountReached => 36,
            EventCause::Consultation => 37,
            EventCause::Distributed => 38,
            EventCause::DtmfDigitDetected => 39,
            EventCause::DurationExceeded => 40,
            EventCause::EndOfMessageDetected => 41,
            EventCause::EnteringDistribution => 42,
            EventCause::ForcedPause => 43,
            EventCause::MakeCall => 44,
            EventCause::MessageSizeExceeded => 45,
            EventCause::NetworkSignal => 46,
            EventCause::NextMessage => 47,
            EventCause::NormalClearing => 48,
            EventCause::NoSpeechDetected => 49,
            EventCause::NumberChanged => 50,
            EventCause::SingleStepConference => 51,
            EventCause::SingleStepTransfer => 52,
            EventCause::SpeechDetected => 53,
            EventCause::SwitchingFunctionTerminated => 54,
            EventCause::TerminationCharacterReceived => 55,
            EventCause::Timeout => 56,
            EventCause::AcdBusy => 57,
            EventCause::AcdForward => 58,
            EventCause::AcdSaturated => 59,
            EventCause::AlertTimeExpired => 60,
            EventCause::AutoWork => 61,
            EventCause::CampOnTrunks => 62,
            EventCause::Conference => 63,
            EventCause::DestDetected => 64,
            EventCause::DestOutOfOrder => 65,
            EventCause::DistributionDelay => 66,
            EventCause::ForcedTransition => 67,
            EventCause::Intrude => 68,
            EventCause::InvalidNumberFormat => 69,
            EventCause::JoinCall => 70,
            EventCause::KeyOperationInUse => 71,
            EventCause::MakePredictiveCall => 72,
            EventCause::MessageDurationExceeded => 73,
            EventCause::MultipleAlerting => 74,
            EventCause::MultipleQueuing => 75,
            EventCause::NetworkDialling => 76,
            EventCause::NetworkOutOfOrder => 77,
            EventCause::Normal => 78,
            EventCause::NotAvaliableBearerService => 79,
            EventCause::NotSupportedBearerService => 80,
            EventCause::NumberUnallocated => 81,
            EventCause::QueueCleared => 82,
            EventCause::RemainsInQueue => 83,
            EventCause::Reserved => 84,
            EventCause::SelectedTrunkBusy => 85,
            EventCause::Suspend => 86,
            EventCause::UnauthorisedBearerService => 87,
            EventCause::Activation => 88,
            EventCause::Babble => 89,
            EventCause::BadAttribute => 90,
            EventCause::BadGrammar => 91,
            EventCause::BadVoice => 92,
            EventCause::BadUri => 93,
            EventCause::BusyOverflow => 94,
            EventCause::CalendarOverflow => 95,
            EventCause::CapacityOverflow => 96,
            EventCause::DuplicateDtmf => 97,
            EventCause::EarlyStop => 98,
            EventCause::EmptyQueue => 99,
            EventCause::InterDigitTimeout => 100,
            EventCause::InvalidConnection => 101,
            EventCause::InvalidConnectionState => 102,
            EventCause::MakeConnection => 103,
            EventCause::MaxTimeout => 104,
            EventCause::NoAudioSaved => 105,
            EventCause::NoQueue => 106,
            EventCause::NoRule => 107,
            EventCause::OutOfGrammar => 108,
            EventCause::PathReplacement => 109,
            EventCause::QueueTimeOverflow => 110,
            EventCause::RecallBusy => 111,
            EventCause::RecallForwarded => 112,
            EventCause::RecallNoAnswer => 113,
            EventCause::RecallResourcesNotAvailable => 114,
            EventCause::UnknownOverflow => 115,
            EventCause::CallInterception => 116,
            EventCause::CallInterceptionBusy => 117,
            EventCause::CallInterceptionForwarded => 118,
            EventCause::CallInterceptionNoAnswer => 119,
            EventCause::CallInterceptionResourcesNotAvailable => 120,
            EventCause::LawfulInterception => 121,
            EventCause::Unknown(_) => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn causes_are_the_whole_ecma_list_and_no_two_collide_loosely() {
        assert_eq!(EventCause::KNOWN.len(), 120);
        for (index, value) in EventCause::KNOWN_VALUES.iter().enumerate() {
            for other in EventCause::KNOWN_VALUES.iter().skip(index + 1) {
                assert!(!loosely_equal(value, other), "{value} and {other}");
            }
        }
        let mut codes: Vec<u8> = EventCause::KNOWN.iter().filter_map(EventCause::ecma_code).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), 120);
        assert_eq!(EventCause::NewCall.ecma_code(), Some(22));
        assert_eq!(EventCause::LawfulInterception.ecma_code(), Some(121));
    }

    #[test]
    fn values_matched_loosely_are_written_without_separators() {
        // `loosely_find` compares only values as long as the text without its separators.
        let sets: [&[&str]; 5] = [
            EventCategory::KNOWN_VALUES,
            AgentMode::KNOWN_VALUES,
            AgentStatus::KNOWN_VALUES,
            LocalState::KNOWN_VALUES,
            EventCause::KNOWN_VALUES,
        ];
        for value in sets.iter().flat_map(|set| set.iter()) {
            assert!(!crate::wire::has_separator(value), "{value}");
        }
    }

    #[test]
    fn other_casings_resolve_to_the_standard_value() {
        for text in ["newCall", "NEWCALL", "NEW_CALL", "new-call", "NewCall"] {
            assert_eq!(EventCause::from(text).standard(), Some(EventCause::NewCall), "{text}");
        }
        assert_eq!(EventCause::from("NEW_CALL"), EventCause::Unknown("NEW_CALL".into()));
        assert_eq!(
            EventCause::from("DTMF_DIGIT_DETECTED").standard(),
            Some(EventCause::DtmfDigitDetected)
        );
        assert_eq!(EventCause::from("no such cause").standard(), None);
        assert_eq!(LocalState::from("ALERTING").standard(), Some(LocalState::Alerting));
        assert_eq!(
            AgentMode::from("work_not_ready").standard(),
            Some(AgentMode::WorkNotReady)
        );
        assert_eq!(EventCategory::from("CSTA").standard(), Some(EventCategory::Csta));
    }

    #[test]
    fn dialing_is_documented_as_dailing() {
        assert_eq!(AgentStatus::from("Dailing"), AgentStatus::Dialing);
        assert_eq!(AgentStatus::Dialing.as_str(), "Dailing");
        let corrected = AgentStatus::from("Dialing");
        assert_eq!(corrected, AgentStatus::Unknown("Dialing".into()));
        assert_eq!(corrected.standard(), Some(AgentStatus::Dialing));
        assert_eq!(AgentStatus::from("ON_HOLD").standard(), Some(AgentStatus::OnHold));
        assert_eq!(AgentStatus::KNOWN.len(), 14);
    }

    #[test]
    fn the_documented_unknown_mode_is_not_the_catch_all() {
        assert_eq!(AgentMode::from("Unknown"), AgentMode::UnknownMode);
        assert!(AgentMode::UnknownMode.is_known());
        assert!(!AgentMode::from("Busy").is_known());
        assert_eq!(LocalState::from("None"), LocalState::NoConnection);
    }
}
