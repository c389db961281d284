//! ccai_qm into the common vocabulary.
//!
//! CCAI payloads are snapshots of an agent or of a whole call, not deltas. The kind comes from
//! `item.State`; for a `connected` call (which also arrives on unhold, mute, unmute, redact and
//! unredact) it comes from the participants' states. The `vendor_event_type` is `type`
//! verbatim (`AgentState`, `CallState`, or the unknown type's text).
//!
//! | type | item.State | kind | party / counterparty / notes |
//! |---|---|---|---|
//! | AgentState | login | AgentLoggedOn | party and agent = `ParticipantID`; agent state not given (the feed has no ready state) |
//! | AgentState | logout | AgentLoggedOff | agent state LoggedOff |
//! | AgentState | any other, missing | Other | agent filled |
//! | CallState | dialing | Originated | party = the agent placing the call; counterparty = the participant in `dialing` (an added participant), else the user; agent state Dialing |
//! | CallState | waiting | Queued | party = the user; queue |
//! | CallState | ringing | Delivered | party = the participant in `ringing` (else in `dialing`): the agent offered the call; counterparty = the user; agent state Ringing |
//! | CallState | connected, a participant `held` | Held | party = the held participant; counterparty = the agent holding; agent state OnHold |
//! | CallState | connected, a participant `muted` | Muted | party = the first muted participant |
//! | CallState | connected, a participant `redacted` | Redacted | party = the first redacted participant |
//! | CallState | connected, a participant `unmuted` | Unmuted | party = the first unmuted participant |
//! | CallState | connected, a participant `unredacted` | Unredacted | party = the first unredacted participant |
//! | CallState | connected, none of these | Established | party = the answering side (inbound: the agent; outbound: the user); counterparty = the other side |
//! | CallState | held (samples only) | Held | as a connected call with a held participant |
//! | CallState | redirected | Diverted | mode Redirected, cause redirected; party = the user |
//! | CallState | deflected | Diverted | mode Deflected; party = the participant in `deflected` |
//! | CallState | transferred | Transferred | mode Blind, cause singleStepTransfer; party = the participant in `transferred` (if still listed); counterparty = the target agent |
//! | CallState | conferenced | Conferenced | party = the participant who joined (the last one listed); counterparty = the first agent |
//! | CallState | participantDisconnect (samples only) | ConnectionCleared | party = the participant in `disconnected` |
//! | CallState | disconnected | CallCleared | no party |
//! | CallState | any other, missing | Other | call fields filled, no party |
//! | any other type | | Other | only the vendor type, tenant and time |
//!
//! Participant `State` → the party's connection state: `dialing`, `ringing` alerting;
//! `connected`, `muted`, `unmuted`, `redacted`, `unredacted` connected; `held` hold;
//! `disconnected`, `transferred`, `deflected` null (the participant has left the call);
//! `callback` and any other value none. Participant `Type`: `agent` → Agent, `external` →
//! Customer for the user and ThirdParty for anyone else, any other value → Unknown.
//!
//! Decisions:
//! * Stateless: one payload, one event. Which participant changed, and so whether a
//!   `connected` snapshot is an answer, an unhold or a repeat, needs the previous snapshot of
//!   the same `CallID`, which this conversion does not have. So: Retrieved is never produced
//!   (the unheld sample is byte for byte the answered one, and both read as Established); a
//!   participant that vanished from the snapshot (agent 1234 in the cold-transfer sample) is not
//!   reported; a snapshot with several participants in the same state (both agents `muted`)
//!   gives one event about the first of them.
//! * `connected` precedence: Held, then Muted, Redacted, Unmuted, Unredacted, else Established.
//!   One `State` field carries both the connection state and the media flags, and a flag stays
//!   in later snapshots (an unmuted agent stays `unmuted`), so several can show at once. A flag
//!   that is on (held, muted, redacted) wins over one that is off, since it is the state a
//!   consumer must act on; call control (hold) wins over media (mute), and mute over redaction.
//!   Participants in other states (ringing, disconnected, ...) do not change a `connected`
//!   snapshot's kind: the call state says someone connected.
//! * The user is the `external` participant whose `ParticipantID` is the `Initiator`, else the
//!   first `external` participant with an id (the outbound disconnected sample names the agent
//!   as `Initiator`). A `null` id is a third party without a number (as documented). Virtual
//!   agents are `agent` participants and cannot be told apart: they are Agent.
//! * `Initiator` is not read as who made the change: the held sample names the user although
//!   an agent holds the call. It only finds the user, and names the agent placing a `dialing`
//!   call when it is an agent's id (else that agent is the first agent not being rung).
//! * `dialing` is Originated, not Delivered: the call state says an outbound call (or an added
//!   participant) is being attempted; the party being rung, when listed in `dialing`, is the
//!   counterparty. The outbound dialing sample lists both participants `connected`.
//! * `transferred` is Transferred{Blind}: a cold transfer to an agent or a queue, and also a
//!   cold conference invitation accepted, which the payload cannot tell apart. The target is
//!   the last live agent other than the transferring one (participants are listed in joining
//!   order in every sample); a transfer to a queue has no agent target, its queue is `queue`.
//! * `conferenced` is Conferenced, not Transferred{Attended}: a warm transfer completes only
//!   when the first agent leaves (a later `participantDisconnect`), and the same state means
//!   a conference invitation accepted.
//! * `disconnected` is CallCleared, as every sample of it ends the call (all participants
//!   `disconnected`); the documentation also words it "an agent or the user left", which the
//!   samples send as `participantDisconnect` (ConnectionCleared).
//! * `agent_id` is the party's agent, else the counterparty's, else the first agent
//!   participant. `agent_state` is that agent's state read from its participant: `dialing` or
//!   `ringing` Ringing (Dialing when it places the call), connected (or a media flag) Talking,
//!   or OnHold when a participant is held; after it left, none (ready or wrap-up is not in this
//!   feed).
//! * A participant is the call's leg (the documentation speaks of its states as the leg's):
//!   `leg_id` and the party's `id` are its `ParticipantID`, the only id it has. An external
//!   participant's id is also its `number` (the user's phone number, else the end-user id:
//!   the payload does not tell which). `MediaID`, `Email`, `Language`, the queue names,
//!   `Recording_permitted` and `Custom_headers` have no common field.
//! * Direction: `incoming` Inbound, `outgoing` Outbound, anything else none. Caller and callee:
//!   the user's id is the caller of an inbound call and the callee of an outbound one; the
//!   contact center's own number is not in the payload.
//! * Queue: `Queue_uuid` as text (the number `3` is `"3"`), else the last id of
//!   `Queue_path_ids` (the queue the call reached, same ids in the samples).
//! * Causes: singleStepTransfer for `transferred` and redirected for `redirected`; CCAI gives no
//!   clearing cause and no SIP code, so no other event has a cause.
//! * Time: there is none in the payload: the receive time from the options, else none. No event
//!   id, sequence number or tenant either (the tenant comes from the options).
//! * An id sent as a JSON number (`"Initiator": 123456789`) is read as its decimal text.

use super::{AgentItem, CallItem, CallState, Direction as CcaiDirection, Event, Participant};
use super::{ParticipantState, ParticipantType, QueueId};
use crate::common::{
    AgentState, Cause, CauseCode, CommonEvent, ConnectionState, ConvertOptions, Direction, DivertMode, EventKind,
    EventTime, Party, PartyRole, TransferMode, Vendor,
};
use crate::wire::Field;
use crate::wire::Text;
use std::borrow::Cow;

impl Event {
    /// The event's time as its common event has it: the receive time from the options (the
    /// payloads carry none).
    pub fn common_time(&self, options: &ConvertOptions) -> Option<EventTime> {
        options.received_at.map(EventTime::received)
    }

    /// This event in the common vocabulary (see the module table for every mapping). Never
    /// fails: an unknown type or state is [`EventKind::Other`].
    pub fn to_common(&self, options: &ConvertOptions) -> CommonEvent {
        let event_type = self.event_type();
        let mut out = CommonEvent::new(Vendor::GoogleCcai, EventKind::Other, event_type.as_str());
        out.set_tenant(options.tenant.as_deref());
        out.time = self.common_time(options);
        // Filled in place: a by-value chain would move the whole event at every step.
        match (self.agent(), self.call()) {
            (Some(agent), _) => agent_event(&mut out, agent),
            (_, Some(call)) => call_event(&mut out, call),
            _ => {}
        }
        out
    }
}

fn agent_event(out: &mut CommonEvent, agent: &AgentItem) {
    let id = text(&agent.participant_id);
    out.set_agent_id(id.as_deref());
    out.party = Some(Party::agent(id.as_deref()));
    match agent.is_login() {
        Some(true) => out.kind = EventKind::AgentLoggedOn,
        Some(false) => {
            out.kind = EventKind::AgentLoggedOff;
            out.agent_state = Some(AgentState::LoggedOff);
        }
        None => {}
    }
}

/// A call snapshot, with its user found once.
struct Snapshot<'a> {
    call: &'a CallItem,
    initiator: Option<Cow<'a, str>>,
    user: Option<&'a Participant>,
}

impl<'a> Snapshot<'a> {
    fn new(call: &'a CallItem) -> Self {
        let initiator = text(&call.initiator);
        let named =
            |participant: &&Participant| initiator.is_some() && id(participant).as_deref() == initiator.as_deref();
        let user = call
            .externals()
            .find(named)
            .or_else(|| call.externals().find(|participant| id(participant).is_some()));
        Snapshot { call, initiator, user }
    }

    fn is_user(&self, participant: &Participant) -> bool {
        self.user.is_some_and(|user| std::ptr::eq(user, participant))
    }

    fn in_state(&self, state: ParticipantState) -> Option<&'a Participant> {
        self.call.participant_in(&state)
    }

    /// The first agent still in the call other than `not`.
    fn live_agent(&self, not: Option<&Participant>) -> Option<&'a Participant> {
        self.call
            .agents()
            .find(|agent| is_live(agent) && !same(Some(agent), not))
    }

    /// The last agent still in the call other than `not` (the latest to join).
    fn last_live_agent(&self, not: Option<&Participant>) -> Option<&'a Participant> {
        self.call
            .agents()
            .filter(|agent| is_live(agent) && !same(Some(agent), not))
            .last()
    }

    /// The agent placing a `dialing` call: the `Initiator` when it is an agent, else the first
    /// agent not being rung.
    fn dialing_agent(&self) -> Option<&'a Participant> {
        let initiator = self.initiator.as_deref();
        self.call
            .agents()
            .find(|agent| initiator.is_some() && id(agent).as_deref() == initiator)
            .or_else(|| {
                self.call
                    .agents()
                    .find(|agent| !is_state(agent, &[ParticipantState::Dialing, ParticipantState::Ringing]))
            })
    }

    fn party(&self, participant: &Participant) -> Party {
        let participant_id = id(participant);
        let role = match participant.participant_type.get() {
            Some(ParticipantType::Agent) => PartyRole::Agent,
            Some(ParticipantType::External) if self.is_user(participant) => PartyRole::Customer,
            Some(ParticipantType::External) => PartyRole::ThirdParty,
            _ => PartyRole::Unknown,
        };
        let number = if role == PartyRole::Customer || role == PartyRole::ThirdParty {
            participant_id.as_deref()
        } else {
            None
        };
        let agent_id = if role == PartyRole::Agent {
            participant_id.as_deref()
        } else {
            None
        };
        Party::new(role)
            .with_id(participant_id.as_deref())
            .with_number(number)
            .with_agent_id(agent_id)
            .with_state(connection_state(participant))
    }

    /// The agent's state after the event, read from its participant.
    fn agent_state(&self, agent: &Participant, dialing: bool) -> Option<AgentState> {
        let held = self.in_state(ParticipantState::Held).is_some();
        match agent.state.get()? {
            ParticipantState::Dialing | ParticipantState::Ringing => Some(AgentState::Ringing),
            ParticipantState::Held => Some(AgentState::OnHold),
            ParticipantState::Connected
            | ParticipantState::Muted
            | ParticipantState::Unmuted
            | ParticipantState::Redacted
            | ParticipantState::Unredacted => Some(if dialing {
                AgentState::Dialing
            } else if held {
                AgentState::OnHold
            } else {
                AgentState::Talking
            }),
            _ => None,
        }
    }
}

fn call_event(out: &mut CommonEvent, call: &CallItem) {
    let snapshot = Snapshot::new(call);
    let direction = match call.direction.get() {
        Some(CcaiDirection::Incoming) => Some(Direction::Inbound),
        Some(CcaiDirection::Outgoing) => Some(Direction::Outbound),
        _ => None,
    };
    let user_id = snapshot.user.and_then(id);
    let (caller, callee) = match direction {
        Some(Direction::Inbound) => (user_id.as_deref(), None),
        Some(Direction::Outbound) => (None, user_id.as_deref()),
        _ => (None, None),
    };
    let queue = call
        .queue_id()
        .map(QueueId::to_text)
        .filter(|queue| !queue.is_empty())
        .or_else(|| call.queue_path_ids().last().map(str::to_owned));
    out.set_call_id(text(&call.call_id).as_deref());
    out.set_numbers(caller, callee);
    out.set_queue(queue.as_deref());
    out.direction = direction.clone();

    let user = snapshot.user;
    let (kind, party, counterparty) = match call.state.get() {
        Some(CallState::Dialing) => {
            let agent = snapshot.dialing_agent();
            let dialed = snapshot.in_state(ParticipantState::Dialing).or(user);
            (EventKind::Originated, agent, dialed)
        }
        Some(CallState::Waiting) => (EventKind::Queued, user, None),
        Some(CallState::Ringing) => {
            let rung = snapshot
                .in_state(ParticipantState::Ringing)
                .or_else(|| snapshot.in_state(ParticipantState::Dialing));
            (EventKind::Delivered, rung, user)
        }
        Some(CallState::Connected) => connected(&snapshot, direction),
        Some(CallState::Held) => {
            let held = snapshot.in_state(ParticipantState::Held);
            (EventKind::Held, held, snapshot.live_agent(held))
        }
        Some(CallState::Redirected) => {
            out.divert_mode = Some(DivertMode::Redirected);
            out.cause = Some(Cause::new(CauseCode::Redirected));
            (EventKind::Diverted, user, None)
        }
        Some(CallState::Deflected) => {
            out.divert_mode = Some(DivertMode::Deflected);
            (
                EventKind::Diverted,
                snapshot.in_state(ParticipantState::Deflected),
                None,
            )
        }
        Some(CallState::Transferred) => {
            out.transfer_mode = Some(TransferMode::Blind);
            out.cause = Some(Cause::new(CauseCode::SingleStepTransfer));
            let from = snapshot.in_state(ParticipantState::Transferred);
            (EventKind::Transferred, from, snapshot.last_live_agent(from))
        }
        Some(CallState::Conferenced) => {
            let joined = call
                .participants()
                .filter(|participant| is_live(participant) && !snapshot.is_user(participant))
                .last();
            (EventKind::Conferenced, joined, snapshot.live_agent(joined))
        }
        Some(CallState::ParticipantDisconnect) => (
            EventKind::ConnectionCleared,
            snapshot.in_state(ParticipantState::Disconnected),
            None,
        ),
        Some(CallState::Disconnected) => (EventKind::CallCleared, None, None),
        _ => (EventKind::Other, None, None),
    };

    let agent = [party, counterparty]
        .into_iter()
        .flatten()
        .find(|participant| participant.is_agent())
        .or_else(|| call.agents().next());
    out.kind = kind.clone();
    out.set_leg_id(party.and_then(id).as_deref());
    out.set_agent_id(agent.and_then(id).as_deref());
    out.party = party.map(|participant| snapshot.party(participant));
    out.counterparty = counterparty.map(|participant| snapshot.party(participant));
    if out.agent_id.is_some() {
        let dialing = kind == EventKind::Originated && same(agent, party);
        out.agent_state = agent.and_then(|agent| snapshot.agent_state(agent, dialing));
    }
}

/// A `connected` snapshot: the first flag in precedence order, else Established.
fn connected<'a>(
    snapshot: &Snapshot<'a>,
    direction: Option<Direction>,
) -> (EventKind, Option<&'a Participant>, Option<&'a Participant>) {
    if let Some(held) = snapshot.in_state(ParticipantState::Held) {
        return (EventKind::Held, Some(held), snapshot.live_agent(Some(held)));
    }
    let flags = [
        (ParticipantState::Muted, EventKind::Muted),
        (ParticipantState::Redacted, EventKind::Redacted),
        (ParticipantState::Unmuted, EventKind::Unmuted),
        (ParticipantState::Unredacted, EventKind::Unredacted),
    ];
    for (state, kind) in flags {
        if let Some(participant) = snapshot.in_state(state) {
            return (kind, Some(participant), None);
        }
    }
    let user = snapshot.user.filter(|user| is_live(user));
    let agent = snapshot.live_agent(None);
    match direction {
        Some(Direction::Outbound) => (EventKind::Established, user, agent),
        _ => (EventKind::Established, agent, user),
    }
}

/// A text field's text, or a JSON number's decimal text; an empty text is none.
fn text(field: &Field<Text>) -> Option<Cow<'_, str>> {
    match field {
        Field::Value(text) if !text.is_empty() => Some(Cow::Borrowed(text.as_str())),
        Field::Unexpected(serde_json::Value::Number(number)) => Some(Cow::Owned(number.to_string())),
        _ => None,
    }
}

fn id(participant: &Participant) -> Option<Cow<'_, str>> {
    text(&participant.participant_id)
}

fn same(a: Option<&Participant>, b: Option<&Participant>) -> bool {
    matches!((a, b), (Some(a), Some(b)) if std::ptr::eq(a, b))
}

fn is_state(participant: &Participant, states: &[ParticipantState]) -> bool {
    participant.state.get().is_some_and(|state| states.contains(state))
}

/// Whether the participant takes part in the call now (connected, held, or a media flag).
fn is_live(participant: &Participant) -> bool {
    connection_state(participant)
        .is_some_and(|state| matches!(state, ConnectionState::Connected | ConnectionState::Hold))
}

fn connection_state(participant: &Participant) -> Option<ConnectionState> {
    participant.state.get().and_then(participant_connection)
}

/// A participant's state as a connection state (shared with the chat events, whose
/// participants have the same states).
pub(crate) fn participant_connection(state: &ParticipantState) -> Option<ConnectionState> {
    Some(match state {
        ParticipantState::Dialing | ParticipantState::Ringing => ConnectionState::Alerting,
        ParticipantState::Connected
        | ParticipantState::Muted
        | ParticipantState::Unmuted
        | ParticipantState::Redacted
        | ParticipantState::Unredacted => ConnectionState::Connected,
        ParticipantState::Held => ConnectionState::Hold,
        ParticipantState::Disconnected | ParticipantState::Transferred | ParticipantState::Deflected => {
            ConnectionState::Null
        }
        _ => return None,
    })
}
