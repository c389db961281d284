//! push_v7 into the common vocabulary.
//!
//! | push (`pushType`) | kind | notes |
//! |---|---|---|
//! | dialoutRing (外呼振铃, `callEvent` ring) | Delivered | party = the customer (alerting), counterparty = the agent; see Decisions |
//! | dialoutHangup (外呼挂机, hangup) | CallCleared | no cause: the call record brings it |
//! | incomingRing (来电振铃, no `pushType`: `callEvent` ring + `callType` incoming) | Delivered | party = the agent (alerting), counterparty = the customer |
//! | incomingHangup (来电挂机, no `pushType`: hangup + incoming) | CallCleared | no cause: the call record brings it |
//! | customerConnected (用户接通, the `content` envelope) | Established | party = the customer (connected); another `callEvent` in the content gives its kind (calling Originated, ring Delivered, hangup ConnectionCleared) |
//! | callStatus (坐席状态变化), by `statusNumber` (else `statusName`): | | party = the agent, counterparty = the customer when a call is named |
//! | · 0 空闲 idle | AgentReady | state Ready |
//! | · 1 忙碌 busy | AgentNotReady | state NotReady, reason code `1`, label `statusName` (忙碌); not ECMA busy |
//! | · 2 呼叫中 calling / 3 振铃 ringing / 4 通话中 talking | AgentBusy | state Dialing / Ringing / Talking |
//! | · 5 整理 wrap-up | AgentWorkingAfterCall | state WorkingAfterCall |
//! | · 6 保持 hold | Held | state OnHold; party = the agent's leg, connection Hold |
//! | · 7 静音 mute | Muted | state Talking |
//! | · 8 未连接 not connected | AgentNotReady | state NotReady, reason code `8`, label `statusName` (未连接) |
//! | · 9 失效 invalid | AgentStateChanged | state Unknown |
//! | · 100 and above (custom) | AgentNotReady | state NotReady, reason code = the number, label = `statusName` |
//! | · 10 to 99 (undocumented) | AgentStateChanged | state Unknown |
//! | · no readable status | by `callEvent`: calling Originated, ring Delivered, link Established, hangup ConnectionCleared; none: AgentStateChanged | party = the agent's leg |
//! | cdr (通话记录) | CallRecord | cause from `failureReason`, `status`, `sipCode`; `status` IVR / QUEUE_ABANDON also set `abandon_phase` Ivr / Queue, CALL_TRANSFER `transfer_mode` Unknown |
//! | mediaFailreason (媒体识别挂机原因) | Failed | party = the callee (customer, connection Fail); cause from `preMediaFailureReason`: onThePhone busy, others Other |
//! | login (电话条登陆) | AgentLoggedOn | `loginType` stays in the payload |
//! | logout (电话条登出) | AgentLoggedOff | state LoggedOff; `logoutType` offline: no state (still reachable), see Decisions |
//! | any other `pushType`, or a `callEvent` push of no documented shape | Other | `vendor_event_type` is the `pushType` as sent (`""` when there is none) |
//!
//! | value | common |
//! |---|---|
//! | `callEvent` calling / ring / link / hangup | connection state Initiated / Alerting / Connected / Null of the event's party |
//! | `callType` incoming | direction Inbound: caller `customerNumber`, callee `trunkNumber` (CDR: else `hotLineNumber`) |
//! | `callType` dialout, previewDialout, autoDialout, webcall | direction Outbound: caller `displayNumber` (CDR: else `virtualNumber`), callee `customerNumber` |
//! | `callType` other or `""` | no direction, no caller/callee |
//! | CDR `failureReason` forbidden / serviceUnavailable / cancel / requestTimeout / decline / unknow | cause blocked / resourcesNotAvailable / callCancelled / timeout / callNotAnswered / other |
//! | CDR `status` ANSWER / IVR / QUEUE_ABANDON / AGENT_NO_ANSWER / CUSTOMER_NO_ANSWER / CALL_TRANSFER | cause normalClearing / other / callCancelled / callNotAnswered / callNotAnswered / transfer |
//! | CDR `sipCode` | `cause.sip_code` (and the cause code when neither `failureReason` nor `status` is given) |
//!
//! Common fields: `event_id` = `eventUniqueId` (the customer-connected envelope's `uniqueId`);
//! `tenant` = `accountId`, else the options' tenant; `call_id` = `callUniqueId`, else the
//! undocumented `superUniqueId`; `related_call_ids` = `superUniqueId` (when it is not the call
//! id) and the CDR's `relativeCallUniqueId` (the call before a transfer); `agent_id` =
//! `agentNumber` (工号, the id every push carries; the CDR's `agentId` is an internal object id
//! and stays in the payload); `leg_id` = the CDR's `callId` (the initiating channel, the only
//! leg id any push carries); `queue` = the CDR's `queueNumber`, else `queueName`. push_v7 has
//! no sequence number.
//!
//! Time: `statusTime` is read as unix seconds (an explicit UTC instant) or as a
//! `YYYY-MM-DD HH:MM:SS` local time at the options' offset, whichever form it has (login and
//! logout send the local form; a `statusTime` sent as a JSON number is read as unix seconds).
//! The call record's time is when the record was written: `createTime`, else `saveTime`,
//! `hangupTime`, `startTime`, all local. The media failure has no time. Without a readable
//! time, the options' receive time.
//!
//! Decisions:
//! * One payload, one event, no state. Call control comes from the dedicated pushes
//!   (dialoutRing, dialoutHangup, the inbound ring and hang-up, customer connected); a
//!   `callStatus` is the agent's state, as its name says, and its `callEvent` (which repeats
//!   those pushes) only sets the connection state of the agent's leg. Its kind comes from the
//!   `callEvent` only when no status can be read at all. So an outbound call reads AgentBusy
//!   (Dialing), Delivered, AgentBusy (Talking), CallCleared, AgentWorkingAfterCall, and no
//!   call event is counted twice.
//! * A `callStatus` is pushed when the status changes, so status 6 is the moment the agent
//!   held the call (Held) and 7 the moment the agent muted (Muted). The way back (Retrieved,
//!   Unmuted) needs the previous status: a later status 4 reads as AgentBusy (Talking), nothing
//!   more is guessed. The vocabulary has no mute flag: a muted agent's state is Talking, and
//!   the Muted kind is the only trace.
//! * Status 8 (未连接, the phone is not connected) is AgentNotReady: the agent is logged on
//!   and cannot take calls. Status 9 (失效) says neither logged off nor not ready: its state is
//!   Unknown, kind AgentStateChanged, as for the undocumented codes 10 to 99.
//! * dialoutRing: documented as "the agent side rings", but in the seed its `statusTime`
//!   equals the CDR's `agentAnswerTime` and `customerStartTime`: it is the customer's phone
//!   starting to ring once the agent has answered. Its party is the customer.
//! * The hang-up pushes are CallCleared with no cause: 7moor sends the cause in the call
//!   record. A `callStatus` with `callEvent` hangup ends the agent's leg only (connection Null).
//! * `webcall` (the platform calls a web visitor) is Outbound: the center places the call.
//! * `failureReason` decline is glossed "被叫未接听" (callee did not answer): callNotAnswered,
//!   not SIP 603's blocked; the vendor's text is kept in `cause.vendor_text`. The cause code
//!   comes from `failureReason` when given, else from `status`, else from `sipCode`;
//!   `vendor_text` is the text that decided it.
//! * The call record is one CallRecord: its recordings and survey keys are not turned into
//!   RecordingReady or SurveyResponded events (see [`super::Cdr::recordings`] and
//!   [`super::Cdr::satisfy_keys`]). Its party is the agent (`agentNumber`, `agentTelNumber`),
//!   its counterparty the customer.
//! * mediaFailreason: early-media detection listens to the called number's announcement
//!   (正在通话 "on the phone"), so the failed party is the callee, taken to be the customer;
//!   its direction is not given.
//! * logout with `logoutType` offline: the agent left the phone bar but still takes calls on a
//!   phone or SIP number ([`super::SoftphoneStatus::still_reachable`]). It is AgentLoggedOff
//!   (that is what happened to the bar) with no `agent_state`: LoggedOff would tell a router
//!   the agent is unreachable. login sets no state either: 7moor pushes the status after it.
//! * The customer-connected envelope has no `callUniqueId`: its `call_id` is its
//!   `superUniqueId`, the id the push gives to correlate it.
//! * An unknown push is Other, with what the common fields can still read from it (account,
//!   event id, call, agent, `statusTime`).

use super::enums::{AgentStatus, CallEvent, CallType, CdrStatus, FailureReason, LogoutType, PreMediaFailureReason};
use super::fields::{CallEventFields, CallFields};
use super::{Cdr, Event, MediaFailure};
use crate::common::{
    AbandonPhase, AgentState, Cause, CauseCode, CommonEvent, ConnectionState, ConvertOptions, Direction, EventKind,
    EventTime, NotReadyReason, Party, PartyRole, TransferMode, Vendor,
};
use crate::wire::Text;
use crate::wire::{Field, LocalDateTime, TimeFormat, TimeText, UnixSeconds};
use serde_json::Value;
use std::borrow::Cow;

impl Event {
    /// This push in the common vocabulary (see the module table for every mapping). Never
    /// fails: an unknown push is [`EventKind::Other`] with its `pushType` kept.
    pub fn to_common(&self, options: &ConvertOptions) -> CommonEvent {
        let event_type = self.event_type();
        let super_id = self.super_unique_id();
        let mut out = CommonEvent::new(Vendor::SevenMoor, EventKind::Other, event_type.as_str());
        self.fill_common(&mut out, super_id, options);
        out
    }

    /// Fills `out` in place (a by-value chain would move the whole event at every step).
    fn fill_common(&self, out: &mut CommonEvent, super_id: Option<&str>, options: &ConvertOptions) {
        // Looked up once each: every accessor finds its field group through the event's type.
        let agent_number = self.agent_number();
        let call_event = self.call_event();
        out.set_tenant(self.account_id().or(options.tenant.as_deref()));
        out.set_call_id(self.call_unique_id().or(super_id));
        out.set_agent_id(agent_number);
        out.event_id = self.event_unique_id().map(Text::new);
        out.time = self.common_time(options);
        if let Some(id) = super_id.filter(|id| out.call_id.as_deref() != Some(*id)) {
            out.related_call_ids.push(Text::new(id));
        }
        if let Some(call) = self.part::<CallFields>() {
            out.direction = direction(call.call_type());
            let (caller, callee) = numbers(out.direction.clone(), call, None, None);
            out.set_numbers(caller, callee);
        }

        let agent = Party::agent(agent_number);
        let customer = Party::new(PartyRole::Customer).with_number(self.customer_number());
        let call_state = call_event.and_then(connection_state);
        match self {
            Event::DialoutRing(_) | Event::IncomingRing(_) => {
                out.kind = EventKind::Delivered;
                let (party, other) = if matches!(self, Event::DialoutRing(_)) {
                    (customer, agent)
                } else {
                    (agent, customer)
                };
                out.party = Some(party.with_state(Some(ConnectionState::Alerting)));
                out.counterparty = Some(other);
            }
            Event::DialoutHangup(_) | Event::IncomingHangup(_) => out.kind = EventKind::CallCleared,
            Event::CustomerConnected(_) => {
                let kind = match call_event {
                    Some(CallEvent::Calling) => EventKind::Originated,
                    Some(CallEvent::Ring) => EventKind::Delivered,
                    Some(CallEvent::Hangup) => EventKind::ConnectionCleared,
                    _ => EventKind::Established,
                };
                out.kind = kind;
                out.party = Some(customer.with_state(call_state.or(Some(ConnectionState::Connected))));
                out.counterparty = Some(agent);
            }
            Event::CallStatus(event) => {
                let status = event.status();
                match status {
                    Some(status) => agent_status(out, status, event.status_label()),
                    None => {
                        let kind = match call_event {
                            Some(CallEvent::Calling) => EventKind::Originated,
                            Some(CallEvent::Ring) => EventKind::Delivered,
                            Some(CallEvent::Link) => EventKind::Established,
                            Some(CallEvent::Hangup) => EventKind::ConnectionCleared,
                            _ => EventKind::AgentStateChanged,
                        };
                        let is_originated = kind == EventKind::Originated;
                        out.kind = kind;
                        if is_originated {
                            out.cause = placed_by(self.call_type()).map(Cause::new);
                        }
                    }
                }
                let state = status.and_then(status_connection).or(call_state);
                out.party = Some(agent.with_state(state));
                if out.call_id.is_some() || customer.number.is_some() {
                    out.counterparty = Some(customer);
                }
            }
            Event::Cdr(cdr) => call_record(out, cdr, agent, customer),
            Event::MediaFailreason(event) => {
                out.kind = EventKind::Failed;
                out.party = Some(customer.with_state(Some(ConnectionState::Fail)));
                if agent.agent_id.is_some() {
                    out.counterparty = Some(agent);
                }
                out.cause = media_cause(event);
            }
            Event::Login(_) => {
                out.kind = EventKind::AgentLoggedOn;
                out.party = Some(agent);
            }
            Event::Logout(event) => {
                out.kind = EventKind::AgentLoggedOff;
                if event.logout() != Some(&LogoutType::Offline) {
                    out.agent_state = Some(AgentState::LoggedOff);
                }
                out.party = Some(agent);
            }
            Event::Unknown(_) => {}
        }
    }

    /// The event's time as its common event has it (see the module's "Time"), without the
    /// rest of the conversion.
    pub fn common_time(&self, options: &ConvertOptions) -> Option<EventTime> {
        // The candidates in order of preference (an array: no allocation per event).
        let texts: [Option<Cow<'_, str>>; 4] = match self {
            Event::Login(event) | Event::Logout(event) => [time_text(&event.status_time), None, None, None],
            Event::Cdr(cdr) => [&cdr.create_time, &cdr.save_time, &cdr.hangup_time, &cdr.start_time].map(time_text),
            Event::MediaFailreason(_) => [None, None, None, None],
            Event::Unknown(object) => [object.get("statusTime").and_then(value_text), None, None, None],
            _ => [
                self.part::<CallEventFields>()
                    .and_then(|event| time_text(&event.status_time)),
                None,
                None,
                None,
            ],
        };
        texts
            .into_iter()
            .flatten()
            .find_map(|text| {
                let wall = UnixSeconds::parse(&text).or_else(|| LocalDateTime::parse(&text))?;
                EventTime::from_wall(wall, &text, options.local_offset)
            })
            .or_else(|| options.received_at.map(EventTime::received))
    }
}

/// The text of a time field as sent, or the digits of a JSON number sent in its place.
fn time_text<F: TimeFormat>(field: &Field<TimeText<F>>) -> Option<Cow<'_, str>> {
    match field {
        Field::Value(text) => Some(Cow::Borrowed(text.as_str())),
        Field::Unexpected(value) => value_text(value),
        _ => None,
    }
}

fn value_text(value: &Value) -> Option<Cow<'_, str>> {
    match value {
        Value::String(text) => Some(Cow::Borrowed(text.as_str())),
        Value::Number(number) => Some(Cow::Owned(number.to_string())),
        _ => None,
    }
}

fn direction(call_type: Option<&CallType>) -> Option<Direction> {
    match call_type? {
        CallType::Incoming => Some(Direction::Inbound),
        CallType::Dialout | CallType::PreviewDialout | CallType::AutoDialout | CallType::Webcall => {
            Some(Direction::Outbound)
        }
        CallType::Unknown(_) => None,
    }
}

/// Caller and callee by direction; `display_fallback` (the CDR's `virtualNumber`) and
/// `trunk_fallback` (its `hotLineNumber`) stand in for an empty display or trunk number.
fn numbers<'a>(
    direction: Option<Direction>,
    call: &'a CallFields,
    display_fallback: Option<&'a str>,
    trunk_fallback: Option<&'a str>,
) -> (Option<&'a str>, Option<&'a str>) {
    let customer = call.customer_number.non_empty();
    match direction {
        Some(Direction::Inbound) => (customer, call.trunk_number.non_empty().or(trunk_fallback)),
        Some(Direction::Outbound) => (call.display_number.non_empty().or(display_fallback), customer),
        _ => (None, None),
    }
}

/// The cause a call type gives the placing of a call.
fn placed_by(call_type: Option<&CallType>) -> Option<CauseCode> {
    match call_type? {
        CallType::Dialout | CallType::PreviewDialout => Some(CauseCode::MakeCall),
        CallType::AutoDialout => Some(CauseCode::MakePredictiveCall),
        _ => None,
    }
}

fn connection_state(call_event: &CallEvent) -> Option<ConnectionState> {
    match call_event {
        CallEvent::Calling => Some(ConnectionState::Initiated),
        CallEvent::Ring => Some(ConnectionState::Alerting),
        CallEvent::Link => Some(ConnectionState::Connected),
        CallEvent::Hangup => Some(ConnectionState::Null),
        CallEvent::Unknown(_) => None,
    }
}

/// The agent leg's connection state an agent status implies, for the statuses on a call.
fn status_connection(status: AgentStatus) -> Option<ConnectionState> {
    match status {
        AgentStatus::Calling => Some(ConnectionState::Initiated),
        AgentStatus::Ringing => Some(ConnectionState::Alerting),
        AgentStatus::Talking | AgentStatus::Mute => Some(ConnectionState::Connected),
        AgentStatus::Hold => Some(ConnectionState::Hold),
        _ => None,
    }
}

/// An agent status change: its kind, state and not-ready reason (see the module table).
fn agent_status(out: &mut CommonEvent, status: AgentStatus, label: Option<&str>) {
    let (kind, state) = match status {
        AgentStatus::Idle => (EventKind::AgentReady, AgentState::Ready),
        AgentStatus::Busy | AgentStatus::NotConnected | AgentStatus::Custom(_) => {
            (EventKind::AgentNotReady, AgentState::NotReady)
        }
        AgentStatus::Calling => (EventKind::AgentBusy, AgentState::Dialing),
        AgentStatus::Ringing => (EventKind::AgentBusy, AgentState::Ringing),
        AgentStatus::Talking => (EventKind::AgentBusy, AgentState::Talking),
        AgentStatus::WrapUp => (EventKind::AgentWorkingAfterCall, AgentState::WorkingAfterCall),
        AgentStatus::Hold => (EventKind::Held, AgentState::OnHold),
        AgentStatus::Mute => (EventKind::Muted, AgentState::Talking),
        AgentStatus::Invalid | AgentStatus::Unknown(_) => (EventKind::AgentStateChanged, AgentState::Unknown),
    };
    out.kind = kind;
    let not_ready = state == AgentState::NotReady;
    out.agent_state = Some(state);
    if not_ready {
        let code = status.code().to_string();
        // `statusName` is the label (every sample); a code there (the document's form) is not.
        let label = label.filter(|label| label.trim().parse::<u64>().is_err());
        out.not_ready_reason = Some(NotReadyReason::new(Some(&code), label.or(status.label())));
    }
}

/// The call record (see the module table and Decisions).
fn call_record(out: &mut CommonEvent, cdr: &Cdr, agent: Party, customer: Party) {
    out.kind = EventKind::CallRecord;
    out.set_leg_id(cdr.call_id.non_empty());
    out.set_queue(cdr.queue_number.non_empty().or(cdr.queue_name.non_empty()));
    let (caller, callee) = numbers(
        out.direction.clone(),
        &cdr.call,
        cdr.virtual_number.non_empty(),
        cdr.hot_line_number.non_empty(),
    );
    out.set_numbers(caller, callee);
    if let Some(id) = cdr
        .relative_call_unique_id
        .non_empty()
        .filter(|id| out.call_id.as_deref() != Some(*id) && !out.related_call_ids.iter().any(|known| known == id))
    {
        out.related_call_ids.push(Text::new(id));
    }
    match cdr.answer_status() {
        Some(CdrStatus::Ivr) => out.abandon_phase = Some(AbandonPhase::Ivr),
        Some(CdrStatus::QueueAbandon) => out.abandon_phase = Some(AbandonPhase::Queue),
        Some(CdrStatus::CallTransfer) => out.transfer_mode = Some(TransferMode::Unknown),
        _ => {}
    }
    out.cause = cdr_cause(cdr);
    out.party = Some(agent.with_number(cdr.agent_tel_number.non_empty()));
    out.counterparty = Some(customer);
}

fn cdr_cause(cdr: &Cdr) -> Option<Cause> {
    let sip_code = cdr.sip_code();
    let (code, text) = if let Some(reason) = cdr.failure() {
        let code = match reason {
            FailureReason::Forbidden => CauseCode::Blocked,
            FailureReason::ServiceUnavailable => CauseCode::ResourcesNotAvailable,
            FailureReason::Cancel => CauseCode::CallCancelled,
            FailureReason::RequestTimeout => CauseCode::Timeout,
            FailureReason::Decline => CauseCode::CallNotAnswered,
            FailureReason::Unknow | FailureReason::Unknown(_) => CauseCode::Other,
        };
        (code, Some(reason.as_str()))
    } else if let Some(status) = cdr.answer_status() {
        let code = match status {
            CdrStatus::Answer => CauseCode::NormalClearing,
            CdrStatus::QueueAbandon => CauseCode::CallCancelled,
            CdrStatus::AgentNoAnswer | CdrStatus::CustomerNoAnswer => CauseCode::CallNotAnswered,
            CdrStatus::CallTransfer => CauseCode::Transfer,
            CdrStatus::Ivr | CdrStatus::Unknown(_) => CauseCode::Other,
        };
        (code, Some(status.as_str()))
    } else {
        (CauseCode::from_sip(sip_code?), None)
    };
    let mut cause = Cause::new(code).with_vendor_text(text);
    cause.sip_code = sip_code;
    Some(cause)
}

fn media_cause(event: &MediaFailure) -> Option<Cause> {
    let keyword = event.pre_media_key_word.non_empty();
    match event.reason() {
        Some(reason) => {
            let code = match reason {
                PreMediaFailureReason::OnThePhone => CauseCode::Busy,
                PreMediaFailureReason::Unknown(_) => CauseCode::Other,
            };
            Some(Cause::new(code).with_vendor_text(Some(reason.as_str())))
        }
        None => keyword.map(|keyword| Cause::new(CauseCode::Other).with_vendor_text(Some(keyword))),
    }
}
