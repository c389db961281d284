//! Parties of a call: [`Party`], [`PartyRole`], [`ConnectionState`], and the call's [`Direction`].

use super::vocabulary::vocabulary;
use crate::wire::Text;
use serde::{Deserialize, Serialize};

vocabulary! {
    /// Which way a leg goes, from the contact center's point of view: the direction of the
    /// leg (channel, connection) the event is about, not always the whole call's (a
    /// consultation leg of an inbound call is `internal`).
    pub enum Direction {
        /// A customer called in.
        Inbound = "inbound",
        /// The center called out.
        Outbound = "outbound",
        /// Between agents or extensions.
        Internal = "internal",
    }
}

vocabulary! {
    /// What a party of a call is.
    pub enum PartyRole {
        /// An agent.
        Agent = "agent",
        /// The customer.
        Customer = "customer",
        /// A supervisor (monitoring, coaching, barging, intercepting).
        Supervisor = "supervisor",
        /// Another party (a transfer target outside the center, a conference guest).
        ThirdParty = "third_party",
        /// The platform itself: IVR, queue, virtual agent, a platform leg.
        System = "system",
        /// The feed does not say.
        Unknown = "unknown",
    }
}

vocabulary! {
    /// ECMA-269 LocalConnectionState: a party's relation to the call.
    pub enum ConnectionState {
        /// No relation (null).
        Null = "null",
        /// Dialing (initiated).
        Initiated = "initiated",
        /// Ringing (alerting).
        Alerting = "alerting",
        /// Taking part (connected).
        Connected = "connected",
        /// On hold (hold).
        Hold = "hold",
        /// Waiting in a queue (queued).
        Queued = "queued",
        /// Failed (fail).
        Fail = "fail",
    }
}

/// One party (leg) of a call.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Party {
    /// What the party is.
    pub role: PartyRole,
    /// The leg's id: a channel, connection, device or participant id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schemars", schemars(with = "Option<String>"))]
    pub id: Option<Text>,
    /// Its phone number or extension.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schemars", schemars(with = "Option<String>"))]
    pub number: Option<Text>,
    /// The agent this leg is reported with: the agent themself on an agent's or
    /// supervisor's leg, and on a customer's (or other party's) leg the agent whose event it
    /// is, when the vendor says (Aliyun's call events name the agent on every leg they
    /// report, the customer's included). Not a test of whether the party is an agent: that
    /// is [`Party::role`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schemars", schemars(with = "Option<String>"))]
    pub agent_id: Option<Text>,
    /// Its connection state after the event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<ConnectionState>,
}

impl Party {
    /// A party of `role` with nothing else known.
    #[inline]
    pub fn new(role: PartyRole) -> Self {
        Party {
            role,
            id: None,
            number: None,
            agent_id: None,
            state: None,
        }
    }

    /// An agent party.
    #[inline]
    pub fn agent(agent_id: Option<&str>) -> Self {
        Party::new(PartyRole::Agent).with_agent_id(agent_id)
    }

    /// Sets the leg id (an empty text counts as none).
    #[inline]
    pub fn with_id(mut self, id: Option<&str>) -> Self {
        self.id = non_empty(id);
        self
    }

    /// Sets the number (an empty text counts as none).
    #[inline]
    pub fn with_number(mut self, number: Option<&str>) -> Self {
        self.number = non_empty(number);
        self
    }

    /// Sets the agent id (an empty text counts as none).
    #[inline]
    pub fn with_agent_id(mut self, agent_id: Option<&str>) -> Self {
        self.agent_id = non_empty(agent_id);
        self
    }

    /// Sets the connection state.
    #[inline]
    pub fn with_state(mut self, state: Option<ConnectionState>) -> Self {
        self.state = state;
        self
    }
}

#[inline]
pub(crate) fn non_empty(text: Option<&str>) -> Option<Text> {
    text.filter(|text| !text.is_empty()).map(Text::new)
}
