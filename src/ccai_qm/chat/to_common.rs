//! QM chat session events into the common vocabulary.
//!
//! A chat is a call-like session of another medium: it converts with the same kinds as a
//! `CallState` snapshot, and [`CommonEvent::media`] is [`Media::Chat`] (absent on every voice
//! event), so that a consumer counting calls never counts a chat.
//!
//! | state | kind | party / counterparty / notes |
//! |---|---|---|
//! | waiting | Queued | party = the end user; queue |
//! | dialing | Originated | party = the first agent; counterparty = the end user |
//! | ringing | Delivered | party = the agent in `ringing`; counterparty = the end user; agent state Ringing |
//! | connected | Established | party = the first connected agent (else the end user); counterparty = the end user; agent state Talking |
//! | transferred | Transferred | mode Blind; party = the last connected agent |
//! | conferenced | Conferenced | party = the last connected agent |
//! | participantDisconnect | ConnectionCleared | party = the participant in `disconnected` |
//! | disconnected | CallCleared | no party |
//! | any other, missing | Other | session fields filled, no party |
//!
//! Decisions:
//! * `vendor_event_type` is the `state` as sent (the payload's only discriminator), empty
//!   when it has none (as for every schema, it is what the payload names); `call_id` is `chat_id` as text; `leg_id` is not set (a chat
//!   participant has no id of its own but its `dn`, which is the party's `id`).
//! * The end user is the `external` participant whose `dn` is the `initiator`, else the first
//!   `external` one. `caller`/`callee` stay empty: a `dn` such as `end_user_5` is no number.
//! * Stateless, like the call snapshots: what changed between two snapshots of the same chat
//!   is not guessed. There is no time in the payload: `time` is the receive time.

use super::{ChatEvent, ChatParticipant, ChatSession};
use crate::ccai_qm::to_common::participant_connection;
use crate::ccai_qm::{CallState, Direction as ChatDirection, ParticipantState, ParticipantType};
use crate::common::{
    AgentState, CommonEvent, ConvertOptions, Direction, EventKind, EventTime, Media, Party, PartyRole, TransferMode,
    Vendor,
};
use crate::wire::Text;

impl ChatEvent {
    /// This chat event in the common vocabulary (see the module table). Never fails.
    pub fn to_common(&self, options: &ConvertOptions) -> CommonEvent {
        let session = &*self.session;
        let vendor_type = self.event_type_text().unwrap_or("");
        let chat_id = session.chat_id_text();
        let mut out = CommonEvent::new(Vendor::GoogleCcai, EventKind::Other, vendor_type);
        out.set_tenant(options.tenant.as_deref());
        out.set_call_id(chat_id.as_deref());
        out.set_queue(session.queue_path_ids.get().and_then(|path| path.items().last()));
        out.media = Some(Media::Chat);
        out.time = options.received_at.map(EventTime::received);
        out.direction = match session.direction.get() {
            Some(ChatDirection::Incoming) => Some(Direction::Inbound),
            Some(ChatDirection::Outgoing) => Some(Direction::Outbound),
            _ => None,
        };
        let user = end_user(session);
        let user_party = user.map(|user| party(user, PartyRole::Customer));
        let connected_agents = || {
            session
                .agents()
                .filter(|agent| agent.state.get() == Some(&ParticipantState::Connected))
        };
        let (kind, party, counterparty, agent_state) = match session.state.get() {
            Some(CallState::Waiting) => (EventKind::Queued, user_party, None, None),
            Some(CallState::Dialing) => (EventKind::Originated, first_agent(session), user_party, None),
            Some(CallState::Ringing) => {
                let agent = session
                    .agents()
                    .find(|agent| agent.state.get() == Some(&ParticipantState::Ringing))
                    .map(|agent| party(agent, PartyRole::Agent));
                (EventKind::Delivered, agent, user_party, Some(AgentState::Ringing))
            }
            Some(CallState::Connected) => {
                let agent = connected_agents().next().map(|agent| party(agent, PartyRole::Agent));
                let state = agent.as_ref().map(|_| AgentState::Talking);
                match agent {
                    Some(agent) => (EventKind::Established, Some(agent), user_party, state),
                    None => (EventKind::Established, user_party, None, None),
                }
            }
            Some(CallState::Transferred) => {
                out.transfer_mode = Some(TransferMode::Blind);
                let agent = connected_agents().last().map(|agent| party(agent, PartyRole::Agent));
                (EventKind::Transferred, agent, None, None)
            }
            Some(CallState::Conferenced) => {
                let agent = connected_agents().last().map(|agent| party(agent, PartyRole::Agent));
                (EventKind::Conferenced, agent, None, None)
            }
            Some(CallState::ParticipantDisconnect) => {
                let left = session
                    .participants()
                    .find(|p| p.state.get() == Some(&ParticipantState::Disconnected))
                    .map(|p| party(p, role(p, user)));
                (EventKind::ConnectionCleared, left, None, None)
            }
            Some(CallState::Disconnected) => (EventKind::CallCleared, None, None, None),
            _ => (EventKind::Other, None, None, None),
        };
        out.kind = kind;
        let agent_id = [party.as_ref(), counterparty.as_ref()]
            .into_iter()
            .flatten()
            .find_map(|p| p.agent_id.clone())
            .or_else(|| session.agents().find_map(|agent| agent.dn.non_empty().map(Text::new)));
        out.agent_id = agent_id.filter(|agent| !agent.is_empty());
        out.party = party;
        out.counterparty = counterparty;
        out.agent_state = agent_state;
        out
    }
}

fn end_user(session: &ChatSession) -> Option<&ChatParticipant> {
    let initiator = session.initiator.non_empty();
    session
        .externals()
        .find(|p| initiator.is_some() && p.dn.non_empty() == initiator)
        .or_else(|| session.externals().next())
}

fn first_agent(session: &ChatSession) -> Option<Party> {
    session.agents().next().map(|agent| party(agent, PartyRole::Agent))
}

fn role(participant: &ChatParticipant, user: Option<&ChatParticipant>) -> PartyRole {
    match participant.participant_type.get() {
        Some(ParticipantType::Agent) => PartyRole::Agent,
        Some(ParticipantType::External) if user.is_some_and(|user| std::ptr::eq(user, participant)) => {
            PartyRole::Customer
        }
        Some(ParticipantType::External) => PartyRole::ThirdParty,
        _ => PartyRole::Unknown,
    }
}

fn party(participant: &ChatParticipant, role: PartyRole) -> Party {
    let dn = participant.dn.non_empty();
    let agent = if role == PartyRole::Agent { dn } else { None };
    Party::new(role)
        .with_id(dn)
        .with_agent_id(agent)
        .with_state(participant.state.get().and_then(participant_connection))
}
