//! Cheap accessors on [`AnyEvent`]: the ids and time a router or a tracker keys on, read from
//! the typed payload without building a [`CommonEvent`].

use crate::AnyEvent;
use crate::common::{CommonEvent, ConvertOptions, EventTime};
use chrono::{DateTime, Utc};
use std::borrow::Cow;

impl AnyEvent {
    /// The call (contact) the payload names: Aliyun `contactId`, 7moor `callUniqueId` (else
    /// `superUniqueId`), CSTA `callId`, CCAI `item.CallID`, a CCAI chat's `chat_id` (a number
    /// in the samples, hence the `Cow`). `None` when absent or empty. The same as the common
    /// event's `call_id`.
    pub fn call_id(&self) -> Option<Cow<'_, str>> {
        let id = match self {
            #[cfg(feature = "aliyun_v2")]
            AnyEvent::AliyunV2(event) => event.contact_id(),
            #[cfg(feature = "push_v7")]
            AnyEvent::PushV7(event) => event.call_unique_id().or_else(|| event.super_unique_id()),
            #[cfg(feature = "csta")]
            AnyEvent::Csta(event) => event.call_id(),
            #[cfg(feature = "ccai_qm")]
            AnyEvent::CcaiQm(event) => event.call_id(),
            #[cfg(feature = "ccai_qm")]
            AnyEvent::CcaiChat(event) => return event.session.chat_id_text().map(Cow::Owned),
        };
        id.filter(|id| !id.is_empty()).map(Cow::Borrowed)
    }

    /// The agent the payload names: Aliyun `agentId`, 7moor `agentNumber`, CSTA `agentId`,
    /// CCAI the `AgentState` item's `ParticipantID`, or a `CallState`'s first agent
    /// participant, a chat's first agent participant's `dn`. `None` when absent, empty or not a string.
    ///
    /// This is the payload's own field: where the conversion names another agent (the
    /// supervisor of an Aliyun supervision event, the CCAI agent a participant change is
    /// about), the common event's `agent_id` is the conversion's.
    pub fn agent_id(&self) -> Option<&str> {
        let id = match self {
            #[cfg(feature = "aliyun_v2")]
            AnyEvent::AliyunV2(event) => event.agent_id(),
            #[cfg(feature = "push_v7")]
            AnyEvent::PushV7(event) => event.agent_number(),
            #[cfg(feature = "csta")]
            AnyEvent::Csta(event) => event.agent_id(),
            #[cfg(feature = "ccai_qm")]
            AnyEvent::CcaiQm(event) => match (event.agent(), event.call()) {
                (Some(agent), _) => agent.agent_id(),
                (_, Some(call)) => call.agents().find_map(|agent| agent.participant_id.as_str()),
                _ => None,
            },
            #[cfg(feature = "ccai_qm")]
            AnyEvent::CcaiChat(event) => event.session.agents().find_map(|agent| agent.dn.as_str()),
        };
        id.filter(|id| !id.is_empty())
    }

    /// The tenant the payload names: Aliyun `instanceId`, 7moor `accountId`, CSTA
    /// `namespace`; CCAI payloads name none. `None` when absent or empty (the common event
    /// then has the configured tenant, if any).
    pub fn tenant(&self) -> Option<&str> {
        let tenant = match self {
            #[cfg(feature = "aliyun_v2")]
            AnyEvent::AliyunV2(event) => event.instance_id(),
            #[cfg(feature = "push_v7")]
            AnyEvent::PushV7(event) => event.account_id(),
            #[cfg(feature = "csta")]
            AnyEvent::Csta(event) => event.namespace(),
            #[cfg(feature = "ccai_qm")]
            AnyEvent::CcaiQm(_) => None,
            #[cfg(feature = "ccai_qm")]
            AnyEvent::CcaiChat(_) => None,
        };
        tenant.filter(|tenant: &&str| !tenant.is_empty())
    }

    /// The event's time, exactly as its common event has it (the payload's time, local times
    /// read at the options' offset; else the options' receive time), without the rest of the
    /// conversion.
    pub fn time(&self, options: &ConvertOptions) -> Option<EventTime> {
        match self {
            #[cfg(feature = "aliyun_v2")]
            AnyEvent::AliyunV2(event) => event.common_time(options),
            #[cfg(feature = "push_v7")]
            AnyEvent::PushV7(event) => event.common_time(options),
            #[cfg(feature = "csta")]
            AnyEvent::Csta(event) => event.common_time(options),
            #[cfg(feature = "ccai_qm")]
            AnyEvent::CcaiQm(event) => event.common_time(options),
            // Chats carry no time: the receive time, as in their conversion.
            #[cfg(feature = "ccai_qm")]
            AnyEvent::CcaiChat(_) => options.received_at.map(EventTime::received),
        }
    }

    /// [`AnyEvent::to_common`] with this payload's own receive time, so that one
    /// `ConvertOptions` serves a whole stream: the same as converting with
    /// `options.clone().with_received_at(received_at)`, without the clone.
    pub fn to_common_at(&self, options: &ConvertOptions, received_at: DateTime<Utc>) -> CommonEvent {
        self.to_common(options).with_received_at(received_at)
    }
}
