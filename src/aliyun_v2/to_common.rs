//! aliyun_v2 into the common vocabulary.
//!
//! | eventType | kind | notes |
//! |---|---|---|
//! | AgentCheckIn / AgentCheckOut | AgentLoggedOn / AgentLoggedOff | |
//! | AgentReady | AgentReady | also ends wrap-up |
//! | AgentDialing / AgentRinging / AgentTalk | AgentBusy | state Dialing / Ringing / Talking |
//! | AgentRelease | AgentWorkingAfterCall | inferred (2.0 has no ACW event); a supervisor leaving a monitoring leg goes to AgentReady |
//! | AgentBreak | AgentNotReady | reason = `breakCode` |
//! | SatisfactionSurveySent / Offer | SurveyOffered | |
//! | SatisfactionSurveyRespond / Response | SurveyResponded | |
//! | Dialing / Ringing / Established | Originated / Delivered / Established | party = the channel |
//! | Released | ConnectionCleared | cause from `releaseReason` (SIP code) |
//! | Held / Retrieved / Muted / Unmuted | same names | party = the held/retrieved/muted channel |
//! | BlindTransfer / AttendedTransfer | Transferred | mode Blind / Attended |
//! | InitiateConsultant / StartConsultant / StopConsultant | Originated / Established / ConnectionCleared | cause consultation; agent state dialing / talking / talking (they replace the consulting agent's AgentDialing and AgentTalk) |
//! | Threeway, StartConference | Conferenced | |
//! | StopConference | ConnectionCleared | cause conference |
//! | Route2IVR | IvrEntered | |
//! | Abandoned | Abandoned | phase from `abandonPhase` |
//! | Enqueue / QueueingTimeout / AssignAgent | Queued / QueueTimeout / Assigned | AssignAgent: agent state Reserved |
//! | RingingTimeout | ConnectionCleared | cause alertTimeExpired, party the agent |
//! | StartMonitor / StopMonitor / StartCoach / StopCoach / BargeIn / Intercept | MonitorStarted / MonitorStopped / CoachStarted / CoachStopped / BargedIn / Intercepted | agent and party = the supervisor |
//! | TextStream | TranscriptSegment | party role from `channelType` |
//! | RecordingReady, DualTrackRecordingReady | RecordingReady | |
//! | CDRReady | CallRecord | |
//! | IvrTracking | IvrNodeEntered / IvrNodeLeft | by `nodeAction`; another action is Other |
//! | CallEstablished / CallReleased / CallHeld / CallRetrieved / CallAbandoned | as Established / Released / Held / Retrieved / Abandoned | 1.0 names: converted as their 2.0 event, `vendor_event_type` as sent |
//! | AgentACW | AgentWorkingAfterCall | 1.0's wrap-up event, dropped by 2.0; state WorkingAfterCall |
//! | any other | Other | |
//!
//! Decisions:
//! * Direction from `callType`: INBOUND inbound; OUTBOUND, PREDICTIVE, BACK2BACK outbound;
//!   INTERNAL, CONSULTANT internal. CONFERENCE and the supervision types describe a leg an
//!   agent opened inside another call, whose direction the payload does not give: none.
//! * The role of a channel is not in the payload. It is Supervisor on supervision legs
//!   (`callType` MONITOR/COACH/BARGE/INTERCEPT or `scenario` MONITORING/COACHING/BARGING/
//!   INTERCEPTING; not INTERCEPTED, "intercept done", which by analogy with CONSULTED marks the
//!   leg acted on, the intercepted agent's), System for the
//!   platform's first leg of a BACK2BACK call, and otherwise Unknown: which channel of the call
//!   it is needs earlier events, and this conversion is stateless.
//! * Supervision events: the common `agent_id` and `party` are always the supervisor, and the
//!   `counterparty` the supervised agent, although the payload's `agentId` is the monitored
//!   agent for StartMonitor/StopMonitor and the supervisor for the other four.
//! * `CallCleared` is never produced: it needs to know the last channel of the contact left.

use super::enums::{AbandonPhase as AliyunAbandon, CallType, ChannelType, NodeAction, QueueType, Scenario};
use super::fields::{AgentCallFields, AgentFields, CallAgentFields, CallFields, CommonFields};
use super::{Event, EventType};
use crate::common::{
    AbandonPhase, AgentState, Cause, CauseCode, CommonEvent, ConvertOptions, Direction, EventKind, EventTime,
    NotReadyReason, Party, PartyRole, TransferMode, Vendor,
};
use crate::wire::Rfc3339Time;

fn direction(call_type: Option<&CallType>) -> Option<Direction> {
    match call_type? {
        CallType::Inbound => Some(Direction::Inbound),
        CallType::Outbound | CallType::Predictive | CallType::Back2Back => Some(Direction::Outbound),
        CallType::Internal | CallType::Consultant => Some(Direction::Internal),
        _ => None,
    }
}

fn is_supervision(call_type: Option<&CallType>, scenario: Option<&Scenario>) -> bool {
    matches!(
        call_type,
        Some(CallType::Monitor | CallType::Coach | CallType::Barge | CallType::Intercept)
    ) || matches!(
        scenario,
        Some(Scenario::Monitoring | Scenario::Coaching | Scenario::Barging | Scenario::Intercepting)
    )
}

/// A silent-monitoring leg: the only supervision after which 002 says the supervisor has no
/// wrap-up (after coaching, barging in and intercepting the supervisor clicks "start answering",
/// which is how wrap-up ends).
fn is_monitoring(call_type: Option<&CallType>, scenario: Option<&Scenario>) -> bool {
    matches!(call_type, Some(CallType::Monitor)) || matches!(scenario, Some(Scenario::Monitoring))
}

fn leg_role(call_type: Option<&CallType>, scenario: Option<&Scenario>) -> PartyRole {
    if is_supervision(call_type, scenario) {
        PartyRole::Supervisor
    } else {
        PartyRole::Unknown
    }
}

impl Event {
    /// The event's time as its common event has it (`eventTime`, explicit UTC; else the
    /// receive time from the options), without the rest of the conversion.
    pub fn common_time(&self, options: &ConvertOptions) -> Option<EventTime> {
        match (self, self.group::<CommonFields>()) {
            (_, Some(common)) => EventTime::resolve(common.event_time.get(), options),
            // An unknown event type still has the common fields, as raw JSON.
            (Event::Unknown(object), None) => {
                let text = object.get("eventTime").and_then(serde_json::Value::as_str);
                EventTime::resolve(text.map(Rfc3339Time::new).as_ref(), options)
            }
            (_, None) => EventTime::resolve::<crate::wire::Rfc3339>(None, options),
        }
    }

    /// This event in the common vocabulary (see the module table for every mapping). Never
    /// fails: an unknown event type is [`EventKind::Other`].
    pub fn to_common(&self, options: &ConvertOptions) -> CommonEvent {
        let vendor_type = self.event_type();
        if let Some(current) = self.to_2_0() {
            // A 1.0 name: the same fields as its 2.0 event, so the same conversion; only the
            // vendor's type stays the one sent.
            let mut converted = current.to_common(options);
            converted.vendor_event_type = vendor_type.as_str().into();
            return converted;
        }
        let mut out = CommonEvent::new(Vendor::AlibabaCloud, EventKind::Other, vendor_type.as_str());
        self.fill_common(&mut out, &vendor_type, options);
        out
    }

    /// Fills `out` in place (a by-value chain would move the whole event at every step).
    fn fill_common(&self, out: &mut CommonEvent, vendor_type: &EventType, options: &ConvertOptions) {
        // Looked up once: the accessor searches two field groups.
        let agent_id = self.agent_id();
        out.set_tenant(self.instance_id().or(options.tenant.as_deref()));
        out.set_call_id(self.contact_id());
        out.set_agent_id(agent_id);
        out.time = self.common_time(options);

        if let Some(call) = self.group::<CallFields>() {
            out.set_leg_id(call.channel_id.as_str());
            out.set_numbers(call.caller.as_str(), call.callee.as_str());
            out.direction = direction(call.call_type.get());
        }
        if let Some(agent) = self.group::<AgentFields>() {
            out.party = Some(Party::agent(agent.agent_id.as_str()));
        }
        if let Some(call) = self.group::<AgentCallFields>() {
            out.set_leg_id(call.channel_id.as_str());
            out.set_queue(call.skill_group_id.as_str());
            out.direction = direction(call.call_type.get());
            let role = if is_supervision(call.call_type.get(), call.scenario.get()) {
                PartyRole::Supervisor
            } else {
                PartyRole::Agent
            };
            out.party = Some(
                Party::new(role)
                    .with_agent_id(agent_id)
                    .with_id(call.channel_id.as_str()),
            );
        }
        if let Some(agent) = self.group::<CallAgentFields>() {
            out.set_queue(agent.skill_group_id.as_str());
        }
        let leg = |role: PartyRole| Party::new(role).with_id(out_leg(self)).with_agent_id(agent_id);

        let agent_state = |out: &mut CommonEvent, kind: EventKind, state: AgentState| {
            out.kind = kind;
            out.agent_state = Some(state);
        };

        match self {
            Event::AgentCheckIn(_) => out.kind = EventKind::AgentLoggedOn,
            Event::AgentCheckOut(_) => agent_state(out, EventKind::AgentLoggedOff, AgentState::LoggedOff),
            Event::AgentReady(_) => agent_state(out, EventKind::AgentReady, AgentState::Ready),
            Event::AgentDialing(_) => agent_state(out, EventKind::AgentBusy, AgentState::Dialing),
            Event::AgentRinging(_) => agent_state(out, EventKind::AgentBusy, AgentState::Ringing),
            Event::AgentTalk(_) => agent_state(out, EventKind::AgentBusy, AgentState::Talking),
            Event::AgentRelease(event) => {
                if is_monitoring(event.call.call_type.get(), event.call.scenario.get()) {
                    agent_state(out, EventKind::AgentReady, AgentState::Ready)
                } else {
                    agent_state(out, EventKind::AgentWorkingAfterCall, AgentState::WorkingAfterCall)
                }
            }
            Event::AgentBreak(event) => {
                agent_state(out, EventKind::AgentNotReady, AgentState::NotReady);
                out.not_ready_reason = Some(NotReadyReason::new(event.break_code.as_str(), None));
            }
            Event::SatisfactionSurveySent(event) | Event::SatisfactionSurveyOffer(event) => {
                out.kind = EventKind::SurveyOffered;
                out.set_queue(event.skill_group_id.as_str());
                out.set_numbers(event.caller.as_str(), event.callee.as_str());
                out.direction = direction(event.call_type.get());
            }
            Event::SatisfactionSurveyRespond(event) | Event::SatisfactionSurveyResponse(event) => {
                out.kind = EventKind::SurveyResponded;
                out.set_queue(event.skill_group_id.as_str());
            }
            Event::Dialing(event) => {
                let role = match event.call.call_type.get() {
                    Some(CallType::Back2Back) if event.agent.agent_id.non_empty().is_none() => PartyRole::System,
                    call_type => leg_role(call_type, event.scenario.get()),
                };
                out.kind = EventKind::Originated;
                out.party = Some(leg(role));
            }
            Event::Ringing(event) => {
                out.kind = EventKind::Delivered;
                let role = leg_role(event.call.call_type.get(), event.scenario.get());
                out.party = Some(leg(role).with_number(event.destination.as_str()));
            }
            Event::Established(event) => {
                out.kind = EventKind::Established;
                out.party = Some(leg(leg_role(event.call.call_type.get(), event.scenario.get())));
            }
            Event::Released(event) => {
                out.kind = EventKind::ConnectionCleared;
                out.party = Some(leg(leg_role(event.call.call_type.get(), event.scenario.get())));
                out.cause = event.release_reason.get().map(|reason| match reason.sip_code() {
                    Some(code) => Cause::from_sip(code, Some(reason.as_str())),
                    None => Cause::new(CauseCode::Other).with_vendor_text(Some(reason.as_str())),
                });
            }
            Event::Held(event) => channel_event(out, EventKind::Held, event.held_channel_id.as_str()),
            Event::Retrieved(event) => channel_event(out, EventKind::Retrieved, event.retrieved_channel_id.as_str()),
            Event::Muted(event) => channel_event(out, EventKind::Muted, event.muted_channel_id.as_str()),
            Event::Unmuted(event) => channel_event(out, EventKind::Unmuted, event.unmuted_channel_id.as_str()),
            Event::BlindTransfer(event) | Event::AttendedTransfer(event) => {
                out.kind = EventKind::Transferred;
                out.transfer_mode = Some(if matches!(self, Event::BlindTransfer(_)) {
                    TransferMode::Blind
                } else {
                    TransferMode::Attended
                });
                out.party = Some(
                    Party::new(PartyRole::Agent)
                        .with_number(event.originator.as_str())
                        .with_agent_id(agent_id),
                );
                out.counterparty = Some(Party::new(PartyRole::Unknown).with_number(event.destination.as_str()));
            }
            Event::InitiateConsultant(event) | Event::StartConsultant(event) | Event::StopConsultant(event) => {
                let kind = match self {
                    Event::InitiateConsultant(_) => EventKind::Originated,
                    Event::StartConsultant(_) => EventKind::Established,
                    _ => EventKind::ConnectionCleared,
                };
                out.kind = kind;
                // These replace the consulting agent's AgentDialing and AgentTalk (002), so they
                // carry that agent's state; after StopConsultant it is back on its first call.
                out.agent_state = Some(match self {
                    Event::InitiateConsultant(_) => AgentState::Dialing,
                    _ => AgentState::Talking,
                });
                out.cause = Some(Cause::new(CauseCode::Consultation));
                out.party = Some(leg(PartyRole::Agent));
                out.counterparty = Some(Party::agent(event.counterparty.as_str()));
            }
            Event::Threeway(_) | Event::StartConference(_) => out.kind = EventKind::Conferenced,
            Event::StopConference(_) => {
                out.kind = EventKind::ConnectionCleared;
                out.cause = Some(Cause::new(CauseCode::Conference));
            }
            Event::Route2IVR(_) => out.kind = EventKind::IvrEntered,
            Event::Abandoned(event) => {
                out.kind = EventKind::Abandoned;
                out.abandon_phase = Some(match event.abandon_phase.get() {
                    Some(AliyunAbandon::Ivr) => AbandonPhase::Ivr,
                    Some(AliyunAbandon::Queuing) => AbandonPhase::Queue,
                    Some(AliyunAbandon::Ringing) => AbandonPhase::Ringing,
                    _ => AbandonPhase::Unknown,
                });
                out.party = Some(Party::new(PartyRole::Customer).with_number(out.caller.as_deref()));
            }
            Event::Enqueue(event) | Event::QueueingTimeout(event) | Event::AssignAgent(event) => {
                match self {
                    Event::Enqueue(_) => out.kind = EventKind::Queued,
                    Event::QueueingTimeout(_) => {
                        out.kind = EventKind::QueueTimeout;
                        out.cause = Some(Cause::new(CauseCode::QueueTimeOverflow));
                    }
                    _ => agent_state(out, EventKind::Assigned, AgentState::Reserved),
                }
                if let Some(QueueType::Agent) = event.queue_type.get() {
                    out.set_queue(event.agent.agent_id.as_str());
                }
            }
            Event::RingingTimeout(_) => {
                out.kind = EventKind::ConnectionCleared;
                out.cause = Some(Cause::new(CauseCode::AlertTimeExpired));
                out.party = Some(leg(PartyRole::Agent));
            }
            Event::StartMonitor(event)
            | Event::StopMonitor(event)
            | Event::StartCoach(event)
            | Event::StopCoach(event)
            | Event::BargeIn(event)
            | Event::Intercept(event) => {
                let kind = match vendor_type {
                    EventType::StartMonitor => EventKind::MonitorStarted,
                    EventType::StopMonitor => EventKind::MonitorStopped,
                    EventType::StartCoach => EventKind::CoachStarted,
                    EventType::StopCoach => EventKind::CoachStopped,
                    EventType::BargeIn => EventKind::BargedIn,
                    _ => EventKind::Intercepted,
                };
                let supervisor = event.supervisor(vendor_type);
                out.kind = kind;
                out.set_agent_id(supervisor);
                out.party = Some(Party::new(PartyRole::Supervisor).with_agent_id(supervisor));
                out.counterparty = Some(Party::agent(event.supervised(vendor_type)));
            }
            Event::TextStream(event) => {
                let role = match event.channel_type.get() {
                    Some(ChannelType::Agent) => PartyRole::Agent,
                    Some(ChannelType::Customer) => PartyRole::Customer,
                    _ => PartyRole::Unknown,
                };
                out.kind = EventKind::TranscriptSegment;
                out.party = Some(
                    Party::new(role.clone())
                        .with_id(event.channel_name.as_str())
                        .with_agent_id(if role == PartyRole::Agent { agent_id } else { None }),
                );
            }
            Event::RecordingReady(_) | Event::DualTrackRecordingReady(_) => out.kind = EventKind::RecordingReady,
            Event::CDRReady(_) => out.kind = EventKind::CallRecord,
            Event::IvrTracking(event) => {
                let kind = match event.node_action.get() {
                    Some(NodeAction::Enter) => EventKind::IvrNodeEntered,
                    Some(NodeAction::Leave) => EventKind::IvrNodeLeft,
                    _ => EventKind::Other,
                };
                out.kind = kind;
                out.set_leg_id(event.channel_id.as_str());
                out.set_numbers(event.caller.as_str(), event.callee.as_str());
            }
            Event::CallEstablished(_)
            | Event::CallReleased(_)
            | Event::CallHeld(_)
            | Event::CallRetrieved(_)
            | Event::CallAbandoned(_) => {} // converted as their 2.0 event (`to_common`)
            Event::AgentACW(_) => agent_state(out, EventKind::AgentWorkingAfterCall, AgentState::WorkingAfterCall),
            Event::Unknown(_) => {}
        }
    }
}

/// The leg an event names: the call's channel.
fn out_leg(event: &Event) -> Option<&str> {
    event
        .group::<CallFields>()
        .and_then(|call| call.channel_id.as_str())
        .or_else(|| {
            event
                .group::<AgentCallFields>()
                .and_then(|call| call.channel_id.as_str())
        })
}

/// Hold/mute events: the party is the channel acted on, the agent the one acting.
fn channel_event(out: &mut CommonEvent, kind: EventKind, channel: Option<&str>) {
    out.kind = kind;
    out.party = Some(Party::new(PartyRole::Unknown).with_id(channel));
}
