//! csta into the common vocabulary.
//!
//! | eventName | kind | notes |
//! |---|---|---|
//! | agentLoggedOn | AgentLoggedOn | agent state from `agentMode`; queue = `queueId` |
//! | agentLoggedOff | AgentLoggedOff | state LoggedOff; queue = `queueId` |
//! | agentReady | AgentReady | state Ready |
//! | agentNotReady | AgentNotReady | state NotReady; reason code = `reason` |
//! | agentWorkingAfterCall | AgentWorkingAfterCall | state WorkingAfterCall |
//! | agentAllocated | AgentReserved | state Reserved |
//! | serviceInitiated | ServiceInitiated | party `initiatedDevice`, initiated |
//! | originated | Originated | party `callingDevice`, connected; counterparty `calledDevice` |
//! | delivered | Delivered | party `alertingDevice`, alerting; counterparty the other end; queue `split` |
//! | established | Established | party `answeringDevice`, connected; counterparty the other end; queue `split` |
//! | connectionCleared | ConnectionCleared | party `releasingDevice`, null |
//! | transferred | Transferred | party `transferringDevice`, null; counterparty `transferredToDevice`; mode from `primaryOldCall` |
//! | conferenced | Conferenced | party `addedParty`, connected; counterparty `conferencingDevice` |
//! | retrieved | Retrieved | party `retrievingDevice`, connected |
//! | held | Held | party `holdingDevice`, hold |
//! | recordStarted | RecordingStarted | party `deviceId`; `isSuccess` false: Other |
//! | recordStopped | RecordingStopped | no call, no device; `isSuccess` false: Other |
//! | failed | Failed | party `failingDevice`, fail; counterparty the other end |
//! | diverted | Diverted | party `divertingDevice`, null; counterparty `newDestination`; mode from the cause |
//! | queued | Queued | party the `queue` (system), queued; counterparty `callingDevice`; queue `queue` |
//! | callCleared | CallCleared | the whole call; no party |
//! | networkReached | NetworkReached | party the trunk (system); counterparty `calledDevice`; direction outbound |
//! | offered | Offered | party `offeredDevice`, alerting; counterparty the other end |
//! | bridged | Bridged | party `bridgedAppearance`, state from `localState` |
//! | digitsDialed | DigitsDialed | party `dialingDevice`, initiated |
//! | any other (`agentBusy`, ...) | Other | tenant, time, serial, call and agent read from the object |
//!
//! | `agentMode` | AgentState |
//! |---|---|
//! | Ready / NotReady / WorkNotReady / Logout | Ready / NotReady / WorkingAfterCall / LoggedOff |
//! | Allocated (agentAllocated sample only) | Reserved |
//! | Unknown (documented), any other text | Unknown |
//!
//! | `agentStatus` | AgentState | direction |
//! |---|---|---|
//! | NotReady / WorkNotReady / Logout | NotReady / WorkingAfterCall / LoggedOff | |
//! | Idle | Ready | |
//! | OnCallIn / OnCallOut / CallInternal | Talking | Inbound / Outbound / Internal |
//! | Conference | Talking | |
//! | Ringing | Ringing | |
//! | OffHook, Dailing (and `Dialing`), Ringback | Dialing | |
//! | OnHold | OnHold | |
//! | Other, any other text | Unknown | |
//!
//! | `localState` | ConnectionState |
//! |---|---|
//! | Connect / Initiate / Alerting / Hold / Queued / Fail | Connected / Initiated / Alerting / Hold / Queued / Fail |
//! | None, Idle | Null |
//!
//! `cause` (or delivered's `callCause`): the ECMA-269 EventCause read with
//! [`CauseCode::from_ecma`] (any casing: `NORMAL_CLEARING` is normalClearing); callForward,
//! callForwardImmediate/Busy/NoAnswer are CallForward; a cause the common set lacks is Other.
//! The vendor's text is kept in the cause. The feed gives no SIP code.
//!
//! Decisions:
//! * The event name decides the kind and the subject's connection state; `localState` loses
//!   to it (the samples send `Queued` on connectionCleared and transferred). `localState` is
//!   read only for bridged and networkReached, whose names fix no state, and only when its
//!   `deviceId` is the subject device.
//! * Each call event is the copy for one subscribed device (`srcDeviceId`). The party is the
//!   event's subject device (`id` the device id as sent, `number` its extension), and its role
//!   says whether it is the subscriber: Agent when the subject is `srcDeviceId` (the feed's
//!   subscribers are agents' extensions), Unknown when it is another device of the call
//!   (whose agent, if any, needs the device→agent map of earlier agentLoggedOn events), System
//!   for a queue (`split`, queued's `queue`) or a trunk, Customer for the external end of a
//!   call whose direction is known. A copy whose party role is Agent is about the subscriber's
//!   own device: act on those, as the document advises, to see each change once. (The common
//!   [`Party`] has no subscriber flag; the role is the nearest fit.)
//! * Agent events: the kind and the state come from the event name (agentReady is Ready
//!   whatever `agentMode` says); `agentMode` gives the state only for agentLoggedOn, whose name
//!   implies none. Call events carry no agent id: `agent_id` is set on agent events only, and
//!   a call event's `agent_state` comes from `agentStatus` when sent (the state of the agent at
//!   `deviceId`). `agentStatus` Idle is Ready (the agent is free for calls).
//! * Direction is never guessed from numbers (every device, external numbers included, is
//!   written `<number>@<namespace>`): it is `agentStatus` OnCallIn/OnCallOut/CallInternal
//!   when sent, else outbound for networkReached, else (delivered, established) the trunk:
//!   with `trunkGroup` or `trunkMember`, inbound when the subscriber is the called side,
//!   outbound when it is the calling device. Otherwise none (serviceInitiated and originated
//!   do not say whether the called device is internal: the samples call 8001→8002).
//! * Caller is `callingDevice` (else `originCallInfo.callingDevice`, else `userData`'s
//!   `originalANI`); callee is the number the caller dialed: delivered's `origin_dnis` (top
//!   level or in `userData.data`), else `originCallInfo.calledDevice`, else `calledDevice`,
//!   else `userData`'s `originalDNIS`. Both are extensions (the part before `@`).
//! * `leg_id` is `connectionId` as sent; `related_call_ids` are `primaryOldCall`,
//!   `secondaryOldCall`, `newCall` (not `"0"`), delivered's `originalCallId` and
//!   `originCallInfo.callId`, each once and never the event's own `callId`.
//! * transferred: Blind when `primaryOldCall` is `"0"` (or `""`: no held call, single step),
//!   Attended when it names a call (the consultation call that was held); when it is absent,
//!   the cause decides (singleStepTransfer Blind; transfer, consultation Attended), else
//!   Unknown.
//! * diverted: Forwarded for the callForward causes and aCDForward, Redirected for
//!   redirected, else Unknown.
//! * recordStarted / recordStopped with `isSuccess` false are Other: the recording did not
//!   start (stop), and the vocabulary has no kind for a failed recording action. The
//!   `recordId` that pairs the two has no place in the common event.
//! * The feed has no event id: `event_id` is none; `sequence` is `serial` (agent and call
//!   events count separately).
//! * The conversion is stateless. No CallCleared is inferred from the last connectionCleared
//!   (the document's feed never sends callCleared), no Abandoned from a caller leaving before
//!   an answer, no agent from a device: each needs earlier events.

use super::enums::{AgentMode, AgentStatus, EventCause, LocalState};
use super::fields::{CallFields, PartyFields, RouteFields};
use super::forms::{DeviceId, UserData};
use super::{Event, EventType};
use crate::common::{
    AgentState, Cause, CauseCode, CommonEvent, ConnectionState, ConvertOptions, Direction, DivertMode, EventKind,
    EventTime, NotReadyReason, Party, PartyRole, TransferMode, Vendor,
};
use crate::wire::Text;
use crate::wire::{DottedLocalTime, Field};
use serde_json::Value;

/// The kind an event name means (the event name alone decides it).
fn kind(event_type: &EventType) -> EventKind {
    match event_type {
        EventType::AgentLoggedOn => EventKind::AgentLoggedOn,
        EventType::AgentLoggedOff => EventKind::AgentLoggedOff,
        EventType::AgentReady => EventKind::AgentReady,
        EventType::AgentNotReady => EventKind::AgentNotReady,
        EventType::AgentWorkingAfterCall => EventKind::AgentWorkingAfterCall,
        EventType::AgentAllocated => EventKind::AgentReserved,
        EventType::ServiceInitiated => EventKind::ServiceInitiated,
        EventType::Originated => EventKind::Originated,
        EventType::Delivered => EventKind::Delivered,
        EventType::Established => EventKind::Established,
        EventType::ConnectionCleared => EventKind::ConnectionCleared,
        EventType::Transferred => EventKind::Transferred,
        EventType::Conferenced => EventKind::Conferenced,
        EventType::Retrieved => EventKind::Retrieved,
        EventType::Held => EventKind::Held,
        EventType::RecordStarted => EventKind::RecordingStarted,
        EventType::RecordStopped => EventKind::RecordingStopped,
        EventType::Failed => EventKind::Failed,
        EventType::Diverted => EventKind::Diverted,
        EventType::Queued => EventKind::Queued,
        EventType::CallCleared => EventKind::CallCleared,
        EventType::NetworkReached => EventKind::NetworkReached,
        EventType::Offered => EventKind::Offered,
        EventType::Bridged => EventKind::Bridged,
        EventType::DigitsDialed => EventKind::DigitsDialed,
        _ => EventKind::Other,
    }
}

/// The agent state an `agentMode` means (other casings read as the documented value).
fn agent_mode_state(mode: &AgentMode) -> AgentState {
    match mode.standard() {
        Some(AgentMode::Ready) => AgentState::Ready,
        Some(AgentMode::NotReady) => AgentState::NotReady,
        Some(AgentMode::WorkNotReady) => AgentState::WorkingAfterCall,
        Some(AgentMode::Logout) => AgentState::LoggedOff,
        Some(AgentMode::Allocated) => AgentState::Reserved,
        _ => AgentState::Unknown,
    }
}

/// The agent state an `agentStatus` means (`Dailing`, as documented, and `Dialing` alike).
fn agent_status_state(status: &AgentStatus) -> AgentState {
    match status.standard() {
        Some(AgentStatus::NotReady) => AgentState::NotReady,
        Some(AgentStatus::WorkNotReady) => AgentState::WorkingAfterCall,
        Some(AgentStatus::Idle) => AgentState::Ready,
        Some(AgentStatus::OnCallIn | AgentStatus::OnCallOut | AgentStatus::CallInternal | AgentStatus::Conference) => {
            AgentState::Talking
        }
        Some(AgentStatus::Logout) => AgentState::LoggedOff,
        Some(AgentStatus::Ringing) => AgentState::Ringing,
        Some(AgentStatus::OffHook | AgentStatus::Dialing | AgentStatus::Ringback) => AgentState::Dialing,
        Some(AgentStatus::OnHold) => AgentState::OnHold,
        _ => AgentState::Unknown,
    }
}

/// The direction an `agentStatus` states, if it states one.
fn agent_status_direction(status: &AgentStatus) -> Option<Direction> {
    match status.standard()? {
        AgentStatus::OnCallIn => Some(Direction::Inbound),
        AgentStatus::OnCallOut => Some(Direction::Outbound),
        AgentStatus::CallInternal => Some(Direction::Internal),
        _ => None,
    }
}

/// The ECMA connection state a `localState` means (`Idle`, not an ECMA state, is null).
fn local_state(state: &LocalState) -> Option<ConnectionState> {
    Some(match state.standard()? {
        LocalState::Connect => ConnectionState::Connected,
        LocalState::Initiate => ConnectionState::Initiated,
        LocalState::Alerting => ConnectionState::Alerting,
        LocalState::Hold => ConnectionState::Hold,
        LocalState::NoConnection | LocalState::Idle => ConnectionState::Null,
        LocalState::Queued => ConnectionState::Queued,
        LocalState::Fail => ConnectionState::Fail,
        LocalState::Unknown(_) => return None,
    })
}

/// The subject's connection state after an event, as its name fixes it (ECMA-269 clause 17);
/// `None` for the events whose name fixes none.
fn named_state(event_type: &EventType) -> Option<ConnectionState> {
    Some(match event_type {
        EventType::ServiceInitiated | EventType::DigitsDialed => ConnectionState::Initiated,
        EventType::Originated | EventType::Established | EventType::Conferenced | EventType::Retrieved => {
            ConnectionState::Connected
        }
        EventType::Delivered | EventType::Offered => ConnectionState::Alerting,
        EventType::ConnectionCleared | EventType::Transferred | EventType::Diverted => ConnectionState::Null,
        EventType::Held => ConnectionState::Hold,
        EventType::Failed => ConnectionState::Fail,
        EventType::Queued => ConnectionState::Queued,
        _ => return None,
    })
}

/// The common cause of an ECMA-269 EventCause, with the vendor's text.
fn cause(cause: &EventCause) -> Cause {
    let code = match cause.standard() {
        Some(
            EventCause::CallForward
            | EventCause::CallForwardImmediate
            | EventCause::CallForwardBusy
            | EventCause::CallForwardNoAnswer,
        ) => CauseCode::CallForward,
        _ => CauseCode::from_ecma(cause.as_str()),
    };
    Cause::new(code).with_vendor_text(Some(cause.as_str()))
}

/// How a call was diverted, as its cause says.
fn divert_mode(cause: Option<&EventCause>) -> DivertMode {
    match cause.and_then(EventCause::standard) {
        Some(
            EventCause::CallForward
            | EventCause::CallForwardImmediate
            | EventCause::CallForwardBusy
            | EventCause::CallForwardNoAnswer
            | EventCause::AcdForward,
        ) => DivertMode::Forwarded,
        Some(EventCause::Redirected) => DivertMode::Redirected,
        _ => DivertMode::Unknown,
    }
}

/// The part of a device id before the last `@` (`8002@zhen04.cc` → `8002`).
fn extension(device: &str) -> Option<&str> {
    let number = device.rsplit_once('@').map_or(device, |(number, _)| number);
    Some(number).filter(|number| !number.is_empty())
}

/// A device field's id, when it holds a non-empty one.
fn device(field: &Field<DeviceId>) -> Option<&str> {
    field.get().map(DeviceId::as_str).filter(|device| !device.is_empty())
}

/// Whether a field holds something other than `""` (any JSON type: a trunk sent as a number
/// is a trunk).
fn sent(field: &Field<Text>) -> bool {
    field.non_empty().is_some() || field.unexpected().is_some()
}

/// What an event says about the devices of its call, to give each party its role.
struct Devices<'a> {
    /// The subscriber (`srcDeviceId`).
    subscriber: Option<&'a str>,
    /// The calling device.
    calling: Option<&'a str>,
    /// The called device.
    called: Option<&'a str>,
    /// Platform devices: the queue (`split`, queued's `queue`) and the trunk.
    system: [Option<&'a str>; 2],
    /// The call's direction, when known.
    direction: Option<Direction>,
}

impl Devices<'_> {
    fn role(&self, device: &str) -> PartyRole {
        let is = |other: Option<&str>| other == Some(device);
        if self.system.iter().any(|system| is(*system)) {
            PartyRole::System
        } else if is(self.subscriber) {
            PartyRole::Agent
        } else if (self.direction == Some(Direction::Inbound) && is(self.calling))
            || (self.direction == Some(Direction::Outbound) && is(self.called))
        {
            PartyRole::Customer
        } else {
            PartyRole::Unknown
        }
    }

    /// The party a device is: its id as sent, its extension, its role.
    fn party(&self, device: &str) -> Party {
        Party::new(self.role(device))
            .with_id(Some(device))
            .with_number(extension(device))
    }

    /// The other end of a call from `subject`: the called device when the subject called,
    /// else the calling device.
    fn other_end(&self, subject: Option<&str>) -> Option<&str> {
        match subject {
            Some(subject) if self.calling == Some(subject) => self.called,
            _ => self.calling,
        }
        .filter(|other| Some(*other) != subject)
    }
}

impl Event {
    /// The event's time as its common event has it (`eventTime` read at the options' offset;
    /// else the receive time), without the rest of the conversion.
    pub fn common_time(&self, options: &ConvertOptions) -> Option<EventTime> {
        match self {
            Event::Unknown(object) => {
                let text = object
                    .get("eventTime")
                    .and_then(Value::as_str)
                    .map(DottedLocalTime::new);
                EventTime::resolve(text.as_ref(), options)
            }
            _ => EventTime::resolve(self.event_time(), options),
        }
    }

    /// This event in the common vocabulary (see the module tables for every mapping). Never
    /// fails: an unknown event name is [`EventKind::Other`].
    pub fn to_common(&self, options: &ConvertOptions) -> CommonEvent {
        let event_type = self.event_type();
        let mut out = CommonEvent::new(Vendor::Csta, kind(&event_type), event_type.as_str());
        self.fill_common(&mut out, options);
        out
    }

    /// Fills `out` in place (a by-value chain would move the whole event at every step).
    fn fill_common(&self, out: &mut CommonEvent, options: &ConvertOptions) {
        out.set_tenant(
            self.namespace()
                .filter(|namespace| !namespace.is_empty())
                .or(options.tenant.as_deref()),
        );
        out.set_call_id(self.call_id());
        out.set_agent_id(self.agent_id());
        out.sequence = self.serial();
        out.time = self.common_time(options);

        if self.group::<super::AgentFields>().is_some() {
            return self.agent_event(out);
        }
        match self {
            Event::RecordStarted(event) => {
                if event.record.is_success.get() == Some(&false) {
                    out.kind = EventKind::Other;
                }
                if let Some(recorded) = device(&event.device_id) {
                    out.party = Some(self.devices(None).party(recorded));
                }
                return;
            }
            Event::RecordStopped(event) => {
                if event.record.is_success.get() == Some(&false) {
                    out.kind = EventKind::Other;
                }
                return;
            }
            _ => {}
        }
        if let Some(call) = self.group::<CallFields>() {
            self.call_event(out, call);
        }
    }

    /// Agent events: the agent is the party; the state comes from the event name.
    fn agent_event(&self, out: &mut CommonEvent) {
        let device = self.device_id().filter(|device| !device.is_empty());
        out.party = Some(
            Party::agent(self.agent_id())
                .with_id(device)
                .with_number(device.and_then(extension)),
        );
        out.agent_state = match self {
            Event::AgentLoggedOn(_) => self.agent_mode().map(agent_mode_state),
            Event::AgentLoggedOff(_) => Some(AgentState::LoggedOff),
            Event::AgentReady(_) => Some(AgentState::Ready),
            Event::AgentNotReady(_) => Some(AgentState::NotReady),
            Event::AgentWorkingAfterCall(_) => Some(AgentState::WorkingAfterCall),
            Event::AgentAllocated(_) => Some(AgentState::Reserved),
            _ => None,
        };
        match self {
            Event::AgentLoggedOn(event) | Event::AgentLoggedOff(event) => out.set_queue(event.queue_id.as_str()),
            Event::AgentNotReady(event) => {
                let reason = NotReadyReason::new(event.reason.as_str(), None);
                out.not_ready_reason = Some(reason).filter(|reason| reason.code.is_some());
            }
            _ => {}
        }
    }

    /// The queue the event names: `split` (delivered, established) or queued's `queue`.
    fn queue(&self) -> Option<&str> {
        match self {
            Event::Queued(event) => device(&event.queue),
            _ => self.group::<RouteFields>().and_then(|route| device(&route.split)),
        }
    }

    /// The trunk the event names (networkReached).
    fn trunk(&self) -> Option<&str> {
        match self {
            Event::NetworkReached(event) => event.trunk().map(DeviceId::as_str).filter(|trunk| !trunk.is_empty()),
            _ => None,
        }
    }

    /// The devices of the event's call, with the direction they show.
    fn devices(&self, direction: Option<Direction>) -> Devices<'_> {
        let parties = self.group::<PartyFields>();
        Devices {
            subscriber: self.src_device_id().filter(|device| !device.is_empty()),
            calling: parties.and_then(|parties| device(&parties.calling_device)),
            called: parties.and_then(|parties| device(&parties.called_device)),
            system: [self.queue(), self.trunk()],
            direction,
        }
    }

    /// The call's direction, from what the payload states (see the module decisions).
    fn direction(&self, call: &CallFields) -> Option<Direction> {
        if let Some(direction) = call.agent_status.get().and_then(agent_status_direction) {
            return Some(direction);
        }
        if let Event::NetworkReached(_) = self {
            return Some(Direction::Outbound);
        }
        let route = self.group::<RouteFields>()?;
        if !(sent(&route.trunk_group) || sent(&route.trunk_member)) {
            return None;
        }
        let devices = self.devices(None);
        let subscriber = devices.subscriber?;
        if devices.calling == Some(subscriber) {
            Some(Direction::Outbound)
        } else if devices.called == Some(subscriber) || self.subject_device() == Some(subscriber) {
            Some(Direction::Inbound)
        } else {
            None
        }
    }

    /// Call events: the subject device is the party, with its state after the event.
    fn call_event(&self, out: &mut CommonEvent, call: &CallFields) {
        let event_type = self.event_type();
        out.set_leg_id(call.connection_id.get().map(|connection| connection.as_str()));
        out.direction = self.direction(call);
        out.agent_state = call.agent_status.get().map(agent_status_state);
        out.cause = self.cause().map(cause);
        out.set_queue(self.queue());
        let (caller, callee) = self.numbers(call);
        out.set_numbers(caller.and_then(extension), callee.and_then(extension));
        out.related_call_ids = self.related_calls(call, out.call_id.as_deref());

        let devices = self.devices(out.direction.clone());
        let subject = self.subject_device();
        let state = named_state(&event_type).or_else(|| {
            let about_subject = subject.is_some() && device(&call.device_id) == subject;
            call.local_state.get().filter(|_| about_subject).and_then(local_state)
        });
        out.party = subject.map(|subject| devices.party(subject).with_state(state));
        let counterparty = match self {
            Event::Originated(_) | Event::NetworkReached(_) => devices.called,
            Event::Delivered(_) | Event::Established(_) | Event::Offered(_) | Event::Failed(_) => {
                devices.other_end(subject)
            }
            Event::Queued(_) => devices.calling,
            Event::Transferred(event) => device(&event.transferred_to_device),
            Event::Conferenced(event) => device(&event.conferencing_device),
            Event::Diverted(event) => device(&event.new_destination),
            _ => None,
        };
        out.counterparty = counterparty.map(|other| devices.party(other));

        match self {
            Event::Transferred(event) => {
                out.transfer_mode = Some(match event.calls.after_consultation() {
                    Some(true) => TransferMode::Attended,
                    Some(false) => TransferMode::Blind,
                    None => match self.cause().and_then(EventCause::standard) {
                        Some(EventCause::SingleStepTransfer) => TransferMode::Blind,
                        Some(EventCause::Transfer | EventCause::Consultation) => TransferMode::Attended,
                        _ => TransferMode::Unknown,
                    },
                });
            }
            Event::Diverted(_) => out.divert_mode = Some(divert_mode(self.cause())),
            _ => {}
        }
    }

    /// Caller and callee, as device ids or numbers (see the module decisions).
    fn numbers<'a>(&'a self, call: &'a CallFields) -> (Option<&'a str>, Option<&'a str>) {
        let parties = self.group::<PartyFields>();
        let origin = call.origin_call_info.get();
        let user_data = match self {
            Event::Delivered(event) => event.route.user_data.get(),
            Event::Established(event) => event.route.user_data.get(),
            _ => None,
        };
        let caller = parties
            .and_then(|parties| device(&parties.calling_device))
            .or_else(|| origin.and_then(|origin| device(&origin.calling_device)))
            .or_else(|| user_data.and_then(UserData::original_ani));
        let dialed = match self {
            Event::Delivered(event) => event.origin_dnis(),
            _ => None,
        };
        let callee = dialed
            .filter(|dialed| !dialed.is_empty())
            .or_else(|| origin.and_then(|origin| device(&origin.called_device)))
            .or_else(|| parties.and_then(|parties| device(&parties.called_device)))
            .or_else(|| user_data.and_then(UserData::original_dnis));
        (caller, callee)
    }

    /// The other calls the event names, each once, never the event's own call.
    fn related_calls(&self, call: &CallFields, call_id: Option<&str>) -> Vec<Text> {
        let merge = match self {
            Event::Transferred(event) => Some(&event.calls),
            Event::Conferenced(event) => Some(&event.calls),
            _ => None,
        };
        let original = match self {
            Event::Delivered(event) => event.original_call_id(),
            _ => None,
        };
        let candidates = [
            merge.and_then(|calls| calls.held_call()),
            merge.and_then(|calls| calls.active_call()),
            merge.and_then(|calls| calls.resulting_call()),
            original,
            call.origin_call_info.get().and_then(|origin| origin.call_id.as_str()),
        ];
        let mut related: Vec<Text> = Vec::new();
        for id in candidates.into_iter().flatten() {
            if !id.is_empty() && Some(id) != call_id && !related.iter().any(|known| known == id) {
                related.push(Text::new(id));
            }
        }
        related
    }
}
