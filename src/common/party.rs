//! Parties of a call: [`Party`], [`PartyRole`], [`ConnectionState`], and the call's [`Direction`].

use serde::{Deserialize, Serialize};

/// Which way a call goes, from the contact center's point of view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, strum::Display)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
#[non_exhaustive]
pub enum Direction {
    /// A customer called in.
    Inbound,
    /// The center called out.
    Outbound,
    /// Between agents or extensions.
    Internal,
}

/// What a party of a call is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, strum::Display)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
#[non_exhaustive]
pub enum PartyRole {
    /// An agent.
    Agent,
    /// The customer.
    Customer,
    /// A supervisor (monitoring, coaching, barging, intercepting).
    Supervisor,
    /// Another party (a transfer target outside the center, a conference guest).
    ThirdParty,
    /// The platform itself: IVR, queue, virtual agent, a platform leg.
    System,
    /// The feed does not say.
    Unknown,
}

/// ECMA-269 LocalConnectionState: a party's relation to the call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ConnectionState {
    /// No relation (null).
    Null,
    /// Dialing (initiated).
    Initiated,
    /// Ringing (alerting).
    Alerting,
    /// Taking part (connected).
    Connected,
    /// On hold (hold).
    Hold,
    /// Waiting in a queue (queued).
    Queued,
    /// Failed (fail).
    Fail,
}

/// One party (leg) of a call.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Party {
    /// What the party is.
    pub role: PartyRole,
    /// The leg's id: a channel, connection, device or participant id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Its phone number or extension.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// The agent, when the party is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent_id: Option<String>,
    /// Its connection state after the event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<ConnectionState>,
}

impl Party {
    /// A party of `role` with nothing else known.
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
    pub fn agent(agent_id: Option<&str>) -> Self {
        Party::new(PartyRole::Agent).with_agent_id(agent_id)
    }

    /// Sets the leg id (an empty text counts as none).
    pub fn with_id(mut self, id: Option<&str>) -> Self {
        self.id = non_empty(id);
        self
    }

    /// Sets the number (an empty text counts as none).
    pub fn with_number(mut self, number: Option<&str>) -> Self {
        self.number = non_empty(number);
        self
    }

    /// Sets the agent id (an empty text counts as none).
    pub fn with_agent_id(mut self, agent_id: Option<&str>) -> Self {
        self.agent_id = non_empty(agent_id);
        self
    }

    /// Sets the connection state.
    pub fn with_state(mut self, state: Option<ConnectionState>) -> Self {
        self.state = state;
        self
    }
}

pub(crate) fn non_empty(text: Option<&str>) -> Option<String> {
    text.filter(|text| !text.is_empty()).map(str::to_owned)
}
