//! The typical event sequences of seed 002 (典型场景事件分析) as NDJSON streams under
//! `fixtures/aliyun_v2/scenarios/`: every line parses without deviation, and the kinds a stream
//! converts to read as the document describes, step by step. The streams, the sections they
//! come from and the choices made are listed in that folder's README.
//!
//! Step names in the comments are 002's (事件序列 and 说明 columns). The expected kinds follow
//! the mapping of `cc_events::aliyun_v2::to_common`; where that mapping and 002 read
//! differently, the comment says so.
#![cfg(feature = "aliyun_v2")]

mod support;

use cc_events::AnyEvent;
use cc_events::aliyun_v2::Event;
use cc_events::common::EventKind::{self, *};
use cc_events::common::{
    AbandonPhase, AgentState, CauseCode, CommonEvent, ConvertOptions, Direction, PartyRole, TimeSource, TransferMode,
};
use std::path::PathBuf;

/// Every stream of the folder; `every_stream_is_checked` keeps this list and the folder equal.
const STREAMS: &[&str] = support::ALIYUN_SCENARIOS;

const TENANT: &str = "report-test-2";
const CONTACT: &str = "job-f8e9639a-81b8-4740-8af7-c13cc1553919";
/// Agent A: 000's call-table agent.
const AGENT_A: &str = "agent@report-test-2";
/// Agent B in calls between agents and transfers, the supervisor in supervision streams.
const AGENT_B: &str = "zhangli@report-test-2";
const SUPERVISOR: &str = AGENT_B;
const EXT_A: &str = "80001878";
const EXT_B: &str = "80002301";
const CALLER: &str = "13888888888";
const CALLEE: &str = "01112345678";
const SKILL_GROUP: &str = "skg-default@report-test-2";
/// Agent A's channel.
const CH_A: &str = "19aafd79-ba0c-4102-8e58-9a699d4e5811";
/// Agent B's channel.
const CH_B: &str = "2b7c4e1a-93d0-4f58-a6e2-7d1c0b9f3e45";
/// The supervisor's monitoring channel.
const CH_S: &str = "8d0e5f3c-1a27-4b9e-b4c6-3f2a1e0d9c87";
/// The channel the supervisor dials again to barge in, intercept or coach.
const CH_S2: &str = "e41f7a2b-5c8d-4e03-9b16-0a2d3c4e5f60";
/// The customer's channel in outbound calls (the callee's).
const CH_CUSTOMER_OUT: &str = "ch-customer-01112345678-1010-1618315850388-job-103826849851777024";
/// The customer's channel in inbound calls (the caller's).
const CH_CUSTOMER_IN: &str = "ch-customer-13888888888-1010-1618315850388-job-103826849851777024";

/// Agent events that name no call.
const NO_CALL: &[&str] = &["AgentCheckIn", "AgentReady", "AgentBreak", "AgentCheckOut"];

fn stream_path(name: &str) -> PathBuf {
    support::fixture_dir("aliyun_v2")
        .join("scenarios")
        .join(format!("{name}.ndjson"))
}

/// Parses and converts every line of a stream, checking what holds for all of them: each line
/// is one documented event without deviation, detected as aliyun_v2 and kept losslessly; times
/// are explicit and strictly increase; one tenant; every event that names a call names the
/// stream's one call.
fn convert(name: &str) -> Vec<CommonEvent> {
    let path = stream_path(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut events: Vec<CommonEvent> = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let at = format!("{name}.ndjson:{}", index + 1);
        let typed = Event::from_slice(line.as_bytes()).unwrap_or_else(|e| panic!("{at}: {e}"));
        assert!(!matches!(typed, Event::Unknown(_)), "{at}: not a documented event type");
        let deviations: Vec<String> = typed.deviations().iter().map(ToString::to_string).collect();
        assert!(deviations.is_empty(), "{at}: {deviations:?}");

        let any = cc_events::parse(line.as_bytes()).unwrap_or_else(|e| panic!("{at}: {e}"));
        assert!(
            matches!(any, AnyEvent::AliyunV2(_)),
            "{at}: detected as {}",
            any.schema()
        );
        support::assert_round_trip(line.as_bytes(), &any, &at);
        let common = any.to_common(&ConvertOptions::default());

        assert_eq!(common.tenant.as_deref(), Some(TENANT), "{at}");
        let time = common.time.as_ref().unwrap_or_else(|| panic!("{at}: no time"));
        assert_eq!(time.source, TimeSource::Explicit, "{at}");
        if let Some(previous) = events.last().and_then(|event| event.time.as_ref()) {
            assert!(previous.utc < time.utc, "{at}: time does not increase");
        }
        if NO_CALL.contains(&common.vendor_event_type.as_str()) {
            assert_eq!(common.call_id, None, "{at}");
        } else {
            assert_eq!(common.call_id.as_deref(), Some(CONTACT), "{at}: another call");
        }
        events.push(common);
    }
    assert!(!events.is_empty(), "{name}: empty stream");
    events
}

/// Asserts the stream's kinds, showing the vendor types beside them when they differ.
fn assert_kinds(name: &str, events: &[CommonEvent], expected: &[EventKind]) {
    let kinds: Vec<EventKind> = events.iter().map(|event| event.kind.clone()).collect();
    let types: Vec<&str> = events.iter().map(|event| event.vendor_event_type.as_str()).collect();
    assert_eq!(kinds, expected, "{name}: the vendor types were {types:?}");
}

/// The events of one vendor type, in stream order.
fn of_type<'a>(events: &'a [CommonEvent], vendor_type: &str) -> Vec<&'a CommonEvent> {
    events
        .iter()
        .filter(|event| event.vendor_event_type == vendor_type)
        .collect()
}

/// The one event of a vendor type.
fn only<'a>(events: &'a [CommonEvent], vendor_type: &str) -> &'a CommonEvent {
    match of_type(events, vendor_type).as_slice() {
        [event] => event,
        found => panic!("{} events of type {vendor_type}", found.len()),
    }
}

/// The agent states an agent's own events (AgentXxx) leave it in, in order.
fn agent_states(events: &[CommonEvent], agent: &str) -> Vec<AgentState> {
    events
        .iter()
        .filter(|event| event.vendor_event_type.starts_with("Agent") && event.agent_id.as_deref() == Some(agent))
        .filter_map(|event| event.agent_state.clone())
        .collect()
}

/// The legs of the ConnectionCleared events of `Released` payloads, in order.
fn released_legs(events: &[CommonEvent]) -> Vec<&str> {
    of_type(events, "Released")
        .iter()
        .map(|event| {
            assert_eq!(event.kind, ConnectionCleared);
            let cause = event.cause.as_ref().expect("a release reason");
            assert_eq!(
                (cause.code.clone(), cause.sip_code),
                (CauseCode::NormalClearing, Some(200))
            );
            event.leg_id.as_deref().expect("a leg")
        })
        .collect()
}

/// Every event on `leg` (by its party's channel) acts for `agent`. On a supervision leg every
/// party is the supervisor; on another, the agent's own events (AgentXxx) name an agent party
/// and the channel events an unknown one (the payload does not say which party a channel is).
fn assert_leg(events: &[CommonEvent], leg: &str, agent: &str, supervision: bool) {
    let on_leg: Vec<&CommonEvent> = events
        .iter()
        .filter(|event| event.party.as_ref().and_then(|party| party.id.as_deref()) == Some(leg))
        .collect();
    assert!(!on_leg.is_empty(), "no event on {leg}");
    for event in on_leg {
        let party = event.party.as_ref().unwrap();
        let role = match (supervision, event.vendor_event_type.starts_with("Agent")) {
            (true, _) => PartyRole::Supervisor,
            (false, true) => PartyRole::Agent,
            (false, false) => PartyRole::Unknown,
        };
        assert_eq!(party.role, role, "{} on {leg}", event.vendor_event_type);
        assert_eq!(
            party.agent_id.as_deref(),
            Some(agent),
            "{} on {leg}",
            event.vendor_event_type
        );
        assert_eq!(
            event.agent_id.as_deref(),
            Some(agent),
            "{} on {leg}",
            event.vendor_event_type
        );
    }
}

/// The direction of every event that names a call type.
fn assert_direction(events: &[CommonEvent], direction: Direction) {
    for event in events.iter().filter(|event| event.direction.is_some()) {
        assert_eq!(event.direction, Some(direction.clone()), "{}", event.vendor_event_type);
    }
}

/// A supervision event: the common agent and party are the supervisor, the counterparty agent A,
/// whichever way round the payload's `agentId` and `counterparty` are.
/// A transfer from agent A to agent B: the transfer event (its mode, A as the transferring
/// party, B's extension as the target), then B's leg, B's states and the order legs end in.
fn assert_transferred_to_b(events: &[CommonEvent], vendor_type: &str, mode: TransferMode) {
    let transfer = only(events, vendor_type);
    assert_eq!(transfer.transfer_mode, Some(mode));
    assert_eq!(transfer.agent_id.as_deref(), Some(AGENT_A));
    let from = transfer.party.as_ref().unwrap();
    assert_eq!(
        (from.agent_id.as_deref(), from.number.as_deref()),
        (Some(AGENT_A), Some(EXT_A))
    );
    assert_eq!(transfer.counterparty.as_ref().unwrap().number.as_deref(), Some(EXT_B));
    assert_leg(events, CH_B, AGENT_B, false);
    assert_eq!(
        agent_states(events, AGENT_B),
        [
            AgentState::Ringing,
            AgentState::Talking,
            AgentState::WorkingAfterCall,
            AgentState::Ready
        ]
    );
    assert_eq!(released_legs(events), [CH_A, CH_CUSTOMER_IN, CH_B]);
}

fn assert_supervision(event: &CommonEvent, kind: EventKind) {
    assert_eq!(event.kind, kind);
    assert_eq!(
        event.agent_id.as_deref(),
        Some(SUPERVISOR),
        "{}",
        event.vendor_event_type
    );
    let party = event.party.as_ref().expect("the supervisor");
    assert_eq!(party.role, PartyRole::Supervisor);
    assert_eq!(party.agent_id.as_deref(), Some(SUPERVISOR));
    let counterparty = event.counterparty.as_ref().expect("the supervised agent");
    assert_eq!(counterparty.role, PartyRole::Agent);
    assert_eq!(counterparty.agent_id.as_deref(), Some(AGENT_A));
}

#[test]
fn every_stream_is_checked() {
    let dir = stream_path("x").parent().unwrap().to_owned();
    let mut found: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "ndjson"))
        .map(|path| support::stem(&path))
        .collect();
    found.sort();
    let mut listed: Vec<String> = STREAMS.iter().map(|name| name.to_string()).collect();
    listed.sort();
    assert_eq!(found, listed);
    for name in STREAMS {
        convert(name);
    }
}

#[test]
fn agent_login_and_break() {
    let name = "agent-login-and-break";
    let events = convert(name);
    // 坐席上下线及小休: AgentCheckIn 坐席签入, AgentReady 坐席就绪 (no fault found after
    // login), AgentBreak 坐席小休, AgentReady 坐席就绪 (after 结束小休), AgentCheckOut 坐席签出.
    assert_kinds(
        name,
        &events,
        &[AgentLoggedOn, AgentReady, AgentNotReady, AgentReady, AgentLoggedOff],
    );
    assert!(
        events
            .iter()
            .all(|event| event.agent_id.as_deref() == Some("test@report-test-2"))
    );
    assert_eq!(
        agent_states(&events, "test@report-test-2"),
        [
            AgentState::Ready,
            AgentState::NotReady,
            AgentState::Ready,
            AgentState::LoggedOff
        ]
    );
    let reason = only(&events, "AgentBreak").not_ready_reason.as_ref().unwrap();
    assert_eq!(reason.code.as_deref(), Some("Lunch"));
}

#[test]
fn outbound_call() {
    let name = "outbound-call";
    let events = convert(name);
    // 坐席呼出: AgentReady 坐席就绪, AgentDialing 坐席拨号, Dialing 坐席通话通道拨号, Ringing
    // 客户通话通道振铃, AgentTalk 坐席通话, Established 坐席通话通道建立 (the agent's leg first),
    // Established 客户通话通道建立, Released 客户通话通道挂机 (the customer hung up first),
    // AgentRelease 坐席挂机 (wrap-up follows: inferred, 2.0 has no ACW event), Released
    // 坐席通话通道挂机, AgentReady 坐席就绪 (after 开始接听 ends wrap-up).
    assert_kinds(
        name,
        &events,
        &[
            AgentReady,
            AgentBusy,
            Originated,
            Delivered,
            AgentBusy,
            Established,
            Established,
            ConnectionCleared,
            AgentWorkingAfterCall,
            ConnectionCleared,
            AgentReady,
        ],
    );
    assert_direction(&events, Direction::Outbound);
    assert_eq!(
        agent_states(&events, AGENT_A),
        [
            AgentState::Ready,
            AgentState::Dialing,
            AgentState::Talking,
            AgentState::WorkingAfterCall,
            AgentState::Ready
        ]
    );
    assert_eq!(only(&events, "Dialing").leg_id.as_deref(), Some(CH_A));
    let ringing = only(&events, "Ringing");
    assert_eq!(ringing.leg_id.as_deref(), Some(CH_CUSTOMER_OUT));
    assert_eq!(ringing.party.as_ref().unwrap().number.as_deref(), Some(CALLEE));
    let established: Vec<_> = of_type(&events, "Established")
        .iter()
        .map(|e| e.leg_id.clone())
        .collect();
    assert_eq!(established, [Some(CH_A.into()), Some(CH_CUSTOMER_OUT.into())]);
    assert_eq!(released_legs(&events), [CH_CUSTOMER_OUT, CH_A]);
}

#[test]
fn inbound_via_ivr() {
    let name = "inbound-via-ivr";
    let events = convert(name);
    // 客户通过IVR呼入: AgentReady 坐席就绪, Route2IVR 进入IVR, Enqueue 进入IVR转人工队列,
    // AssignAgent 分配到坐席, Ringing 坐席通话通道振铃, AgentRinging 坐席振铃, AgentTalk 坐席通话,
    // Established 坐席通话通道建立 (no customer Established: that leg was up before the IVR),
    // AgentRelease 坐席挂机, Released 坐席通话通道挂机, Released 客户通话通道挂机, AgentReady 坐席就绪.
    assert_kinds(
        name,
        &events,
        &[
            AgentReady,
            IvrEntered,
            Queued,
            Assigned,
            Delivered,
            AgentBusy,
            AgentBusy,
            Established,
            AgentWorkingAfterCall,
            ConnectionCleared,
            ConnectionCleared,
            AgentReady,
        ],
    );
    assert_direction(&events, Direction::Inbound);
    for vendor_type in ["Route2IVR", "Enqueue", "AssignAgent"] {
        assert_eq!(only(&events, vendor_type).leg_id.as_deref(), Some(CH_CUSTOMER_IN));
    }
    let queued = only(&events, "Enqueue");
    assert_eq!(queued.queue.as_deref(), Some(SKILL_GROUP));
    assert_eq!(queued.agent_id, None, "no agent is known while queued");
    let assigned = only(&events, "AssignAgent");
    assert_eq!(assigned.agent_id.as_deref(), Some(AGENT_A));
    assert_eq!(assigned.agent_state, Some(AgentState::Reserved));
    let ringing = only(&events, "Ringing");
    assert_eq!(ringing.leg_id.as_deref(), Some(CH_A));
    assert_eq!(ringing.party.as_ref().unwrap().number.as_deref(), Some(EXT_A));
    assert_eq!(
        agent_states(&events, AGENT_A),
        [
            AgentState::Ready,
            AgentState::Ringing,
            AgentState::Talking,
            AgentState::WorkingAfterCall,
            AgentState::Ready
        ]
    );
    assert_eq!(released_legs(&events), [CH_A, CH_CUSTOMER_IN]);
}

#[test]
fn ivr_abandoned() {
    let name = "ivr-abandoned";
    let events = convert(name);
    // IVR相关事件补充, Abandoned: the customer hangs up during the IVR (Route2IVR, then Abandoned).
    assert_kinds(name, &events, &[IvrEntered, Abandoned]);
    let abandoned = only(&events, "Abandoned");
    assert_eq!(abandoned.abandon_phase, Some(AbandonPhase::Ivr));
    let party = abandoned.party.as_ref().unwrap();
    assert_eq!(
        (party.role.clone(), party.number.as_deref()),
        (PartyRole::Customer, Some(CALLER))
    );
    assert!(events.iter().all(|event| event.agent_id.is_none()));
}

#[test]
fn queueing_timeout() {
    let name = "queueing-timeout";
    let events = convert(name);
    // IVR相关事件补充, QueueingTimeout: after Enqueue, all agents busy, the wait exceeds the
    // transfer-to-agent module's timeout.
    assert_kinds(name, &events, &[IvrEntered, Queued, QueueTimeout]);
    let timeout = only(&events, "QueueingTimeout");
    assert_eq!(timeout.cause.as_ref().unwrap().code, CauseCode::QueueTimeOverflow);
    assert_eq!(timeout.queue.as_deref(), Some(SKILL_GROUP));
}

#[test]
fn ringing_timeout() {
    let name = "ringing-timeout";
    let events = convert(name);
    // IVR相关事件补充, RingingTimeout: after AgentRinging, unanswered past the timeout (30 s by
    // default); the agent goes to break (小休) by itself. The call up to the ringing as in
    // 客户通过IVR呼入.
    assert_kinds(
        name,
        &events,
        &[
            AgentReady,
            IvrEntered,
            Queued,
            Assigned,
            Delivered,
            AgentBusy,
            ConnectionCleared,
            AgentNotReady,
        ],
    );
    let timeout = only(&events, "RingingTimeout");
    assert_eq!(timeout.cause.as_ref().unwrap().code, CauseCode::AlertTimeExpired);
    assert_eq!(timeout.leg_id.as_deref(), Some(CH_A));
    let ringing_at = only(&events, "AgentRinging").time.as_ref().unwrap().utc;
    let timeout_at = timeout.time.as_ref().unwrap().utc;
    assert!((timeout_at - ringing_at).num_seconds() >= 30);
    assert_eq!(agent_states(&events, AGENT_A).last(), Some(&AgentState::NotReady));
}

#[test]
fn agent_to_agent() {
    let name = "agent-to-agent";
    let events = convert(name);
    // 坐席间通话: AgentDialing 坐席A拨号, Dialing 坐席A通话通道拨号, AgentRinging 坐席B振铃, Ringing
    // 坐席B通话通道振铃, AgentTalk 坐席A通话, Established 坐席A通话通道建立, AgentTalk 坐席B通话,
    // Established 坐席B通话通道建立 (the order of these four is not fixed: the one shown),
    // AgentRelease 坐席B挂机, Released 坐席B通话通道挂机, AgentRelease 坐席A挂机 (被动), Released
    // 坐席A通话通道挂机, AgentReady 坐席B就绪, AgentReady 坐席A就绪.
    assert_kinds(
        name,
        &events,
        &[
            AgentBusy,
            Originated,
            AgentBusy,
            Delivered,
            AgentBusy,
            Established,
            AgentBusy,
            Established,
            AgentWorkingAfterCall,
            ConnectionCleared,
            AgentWorkingAfterCall,
            ConnectionCleared,
            AgentReady,
            AgentReady,
        ],
    );
    assert_direction(&events, Direction::Internal);
    assert_leg(&events, CH_A, AGENT_A, false);
    assert_leg(&events, CH_B, AGENT_B, false);
    let dialing_and_ringing = [AgentState::Dialing, AgentState::Ringing];
    for (agent, first) in [AGENT_A, AGENT_B].into_iter().zip(dialing_and_ringing) {
        let states = agent_states(&events, agent);
        assert_eq!(
            states,
            [
                first,
                AgentState::Talking,
                AgentState::WorkingAfterCall,
                AgentState::Ready
            ],
            "{agent}"
        );
    }
    // Agent B hung up first.
    assert_eq!(released_legs(&events), [CH_B, CH_A]);
    assert_eq!(
        only(&events, "Ringing").party.as_ref().unwrap().number.as_deref(),
        Some(EXT_B)
    );
}

#[test]
fn sip_phone_to_agent() {
    let name = "sip-phone-to-agent";
    let events = convert(name);
    // SIP话机外呼坐席: AgentDialing SIP话机（坐席A）拨号, Ringing 坐席B通话通道振铃, AgentRinging
    // 坐席B振铃, Dialing SIP话机（坐席A）通话通道拨号 (these four "look out of order": normal; the
    // order shown), AgentTalk 坐席B通话, Established 坐席B通话通道建立, AgentTalk SIP话机（坐席A）通话,
    // Established SIP话机（坐席A）通话通道建立, Released 坐席B通话通道挂机, AgentRelease 坐席B挂机,
    // AgentRelease SIP话机（坐席A）挂机, Released SIP话机（坐席A）通话通道挂机, AgentReady 坐席B就绪,
    // AgentReady 坐席A就绪.
    assert_kinds(
        name,
        &events,
        &[
            AgentBusy,
            Delivered,
            AgentBusy,
            Originated,
            AgentBusy,
            Established,
            AgentBusy,
            Established,
            ConnectionCleared,
            AgentWorkingAfterCall,
            AgentWorkingAfterCall,
            ConnectionCleared,
            AgentReady,
            AgentReady,
        ],
    );
    assert_direction(&events, Direction::Internal);
    assert_leg(&events, CH_A, AGENT_A, false);
    assert_leg(&events, CH_B, AGENT_B, false);
    // Agent B's leg rings before agent A's leg is seen dialing.
    let position = |vendor_type: &str| events.iter().position(|e| e.vendor_event_type == vendor_type);
    assert!(position("Ringing") < position("Dialing"));
    assert_eq!(released_legs(&events), [CH_B, CH_A]);
}

#[test]
fn sip_phone_to_customer() {
    let name = "sip-phone-to-customer";
    let events = convert(name);
    // SIP话机外呼客户: Ringing 客户通话通道振铃, AgentDialing SIP话机（坐席A）拨号, Dialing
    // SIP话机（坐席A）通话通道拨号, Established 客户通话通道建立, AgentTalk SIP话机（坐席A）通话,
    // Established SIP话机（坐席A）通话通道建立, Released 客户通话通道挂机, Released
    // SIP话机（坐席A）通话通道挂机, AgentRelease SIP话机（坐席A）挂机, AgentReady SIP话机（坐席A）就绪.
    assert_kinds(
        name,
        &events,
        &[
            Delivered,
            AgentBusy,
            Originated,
            Established,
            AgentBusy,
            Established,
            ConnectionCleared,
            ConnectionCleared,
            AgentWorkingAfterCall,
            AgentReady,
        ],
    );
    assert_direction(&events, Direction::Outbound);
    assert_eq!(events[0].leg_id.as_deref(), Some(CH_CUSTOMER_OUT));
    assert_eq!(
        agent_states(&events, AGENT_A),
        [
            AgentState::Dialing,
            AgentState::Talking,
            AgentState::WorkingAfterCall,
            AgentState::Ready
        ]
    );
    assert_eq!(released_legs(&events), [CH_CUSTOMER_OUT, CH_A]);
}

#[test]
fn two_leg_call() {
    let name = "two-leg-call";
    let events = convert(name);
    // 双呼: Dialing 呼叫中心通话通道拨号 (the platform starts the call), Ringing 客户A通话通道振铃,
    // Ringing 客户B通话通道振铃 (A has answered), Established 客户A通话通道建立, Established
    // 客户B通话通道建立, Released 客户B通话通道挂机 (B hangs up), Released 客户A通话通道挂机.
    assert_kinds(
        name,
        &events,
        &[
            Originated,
            Delivered,
            Delivered,
            Established,
            Established,
            ConnectionCleared,
            ConnectionCleared,
        ],
    );
    assert_direction(&events, Direction::Outbound);
    assert!(events.iter().all(|event| event.direction.is_some()));
    assert!(
        events.iter().all(|event| event.agent_id.is_none()),
        "no agent in a two-leg call"
    );
    assert_eq!(only(&events, "Dialing").party.as_ref().unwrap().role, PartyRole::System);
    let rung: Vec<_> = of_type(&events, "Ringing")
        .iter()
        .map(|event| (event.leg_id.clone(), event.party.as_ref().unwrap().number.clone()))
        .collect();
    assert_eq!(
        rung,
        [
            (Some(CH_CUSTOMER_IN.into()), Some(CALLER.into())),
            (Some(CH_CUSTOMER_OUT.into()), Some(CALLEE.into()))
        ]
    );
    assert_eq!(released_legs(&events), [CH_CUSTOMER_OUT, CH_CUSTOMER_IN]);
}

#[test]
fn hold_and_mute() {
    let name = "hold-and-mute";
    let events = convert(name);
    // 通话保持与静音 (agent A and the customer already talking): Held 坐席A通话保持, Retrieved
    // 坐席A通话取回, Muted 坐席A静音, Unmuted 坐席A取消静音, Released 客户通话通道挂机, Released
    // 坐席A通话通道挂机 (被动), AgentRelease 坐席A挂机, AgentReady 坐席A就绪.
    assert_kinds(
        name,
        &events,
        &[
            Held,
            Retrieved,
            Muted,
            Unmuted,
            ConnectionCleared,
            ConnectionCleared,
            AgentWorkingAfterCall,
            AgentReady,
        ],
    );
    assert_direction(&events, Direction::Outbound);
    for (vendor_type, channel) in [
        ("Held", CH_CUSTOMER_OUT),
        ("Retrieved", CH_CUSTOMER_OUT),
        ("Muted", CH_A),
        ("Unmuted", CH_A),
    ] {
        let event = only(&events, vendor_type);
        assert_eq!(
            event.agent_id.as_deref(),
            Some(AGENT_A),
            "{vendor_type}: the agent acting"
        );
        assert_eq!(
            event.party.as_ref().unwrap().id.as_deref(),
            Some(channel),
            "{vendor_type}: the channel acted on"
        );
    }
    assert_eq!(released_legs(&events), [CH_CUSTOMER_OUT, CH_A]);
}

#[test]
fn blind_transfer() {
    let name = "blind-transfer";
    let events = convert(name);
    // 直接转接 (agent A and the customer talking; A transfers to B): Released 坐席A通话通道挂机
    // (the transfer ends A's leg first), AgentRelease 坐席A挂机, BlindTransfer 直接转接, AgentRinging
    // 坐席B振铃, Ringing 坐席B通话通道振铃, AgentReady 坐席A就绪, AgentTalk 坐席B通话, Established
    // 坐席B通话通道建立, Released 客户通话通道挂机, AgentRelease 坐席B挂机 (被动), Released
    // 坐席B通话通道挂机, AgentReady 坐席B就绪.
    assert_kinds(
        name,
        &events,
        &[
            ConnectionCleared,
            AgentWorkingAfterCall,
            Transferred,
            AgentBusy,
            Delivered,
            AgentReady,
            AgentBusy,
            Established,
            ConnectionCleared,
            AgentWorkingAfterCall,
            ConnectionCleared,
            AgentReady,
        ],
    );
    assert_direction(&events, Direction::Inbound);
    assert_transferred_to_b(&events, "BlindTransfer", TransferMode::Blind);
    assert_eq!(
        agent_states(&events, AGENT_A),
        [AgentState::WorkingAfterCall, AgentState::Ready]
    );
}

#[test]
fn attended_transfer() {
    let name = "attended-transfer";
    let events = convert(name);
    // 咨询转接 (agent A and the customer talking; A consults B, then transfers): InitiateConsultant
    // 坐席A拨号 (as AgentDialing), Ringing 坐席B通话通道振铃, AgentRinging 坐席B振铃, AgentTalk
    // 坐席B通话, Established 坐席B通话通道建立, StartConsultant 坐席A通话 (as AgentTalking),
    // AgentRelease 坐席A挂机, Released 坐席A通话通道挂机, AttendedTransfer 咨询转接, StopConsultant
    // 坐席A挂机 (as AgentReleased), AgentReady 坐席A就绪, Released 客户通话通道挂机, AgentRelease
    // 坐席B挂机 (被动), Released 坐席B通话通道挂机, AgentReady 坐席B就绪.
    // 002 says the three consultation events stand in for agent A's AgentDialing / AgentTalking /
    // AgentReleased; the mapping reads them as call control of the consultation (Originated /
    // Established / ConnectionCleared) that carries agent A's state (dialing, then talking).
    assert_kinds(
        name,
        &events,
        &[
            Originated,
            Delivered,
            AgentBusy,
            AgentBusy,
            Established,
            Established,
            AgentWorkingAfterCall,
            ConnectionCleared,
            Transferred,
            ConnectionCleared,
            AgentReady,
            ConnectionCleared,
            AgentWorkingAfterCall,
            ConnectionCleared,
            AgentReady,
        ],
    );
    assert_transferred_to_b(&events, "AttendedTransfer", TransferMode::Attended);
    assert_eq!(only(&events, "AttendedTransfer").direction, Some(Direction::Inbound));
    for (vendor_type, state) in [
        ("InitiateConsultant", AgentState::Dialing),
        ("StartConsultant", AgentState::Talking),
        ("StopConsultant", AgentState::Talking),
    ] {
        let event = only(&events, vendor_type);
        assert_eq!(event.agent_state, Some(state), "{vendor_type}: agent A's state");
        assert_eq!(
            event.cause.as_ref().unwrap().code,
            CauseCode::Consultation,
            "{vendor_type}"
        );
        assert_eq!(
            event.agent_id.as_deref(),
            Some(AGENT_A),
            "{vendor_type}: the consulting agent"
        );
        let consulted = event.counterparty.as_ref().unwrap();
        assert_eq!(
            consulted.agent_id.as_deref(),
            Some(AGENT_B),
            "{vendor_type}: the consulted agent"
        );
        assert_eq!(event.direction, Some(Direction::Internal), "{vendor_type}");
    }
}

#[test]
fn monitor() {
    let name = "monitor";
    let events = convert(name);
    // 监听 (agent A and the customer talking; the supervisor monitors A): AgentDialing 督导拨号,
    // Dialing 督导通话通道拨号, AgentTalk 督导通话, Established 督导通话通道建立, StartMonitor
    // 督导开始监听通话, AgentRelease 督导挂机 (ends the monitoring), Released 督导通话通道挂机,
    // StopMonitor 督导结束监听通话, AgentReady 督导就绪 (straight to ready, no wrap-up: the mapping
    // gives the supervisor's AgentRelease as AgentReady already), Released 客户通话通道挂机,
    // AgentRelease 坐席A挂机, Released 坐席A通话通道挂机, AgentReady 坐席A就绪.
    assert_kinds(
        name,
        &events,
        &[
            AgentBusy,
            Originated,
            AgentBusy,
            Established,
            MonitorStarted,
            AgentReady,
            ConnectionCleared,
            MonitorStopped,
            AgentReady,
            ConnectionCleared,
            AgentWorkingAfterCall,
            ConnectionCleared,
            AgentReady,
        ],
    );
    // The payload's agentId is the monitored agent A here, its counterparty the supervisor.
    assert_supervision(only(&events, "StartMonitor"), MonitorStarted);
    assert_supervision(only(&events, "StopMonitor"), MonitorStopped);
    assert_leg(&events, CH_S, SUPERVISOR, true);
    assert_eq!(
        agent_states(&events, SUPERVISOR),
        [
            AgentState::Dialing,
            AgentState::Talking,
            AgentState::Ready,
            AgentState::Ready
        ]
    );
    assert_eq!(
        agent_states(&events, AGENT_A),
        [AgentState::WorkingAfterCall, AgentState::Ready]
    );
    assert_eq!(released_legs(&events), [CH_S, CH_CUSTOMER_IN, CH_A]);
}

#[test]
fn barge_in() {
    let name = "barge-in";
    let events = convert(name);
    // 强插 (the supervisor monitoring A's call): Released 督导通话通道挂机 (monitoring ends first),
    // AgentRelease 督导挂机, StopMonitor 督导结束监听通话, AgentReady 督导就绪, AgentDialing 督导拨号
    // (dials again), Dialing 督导通话通道拨号, AgentTalk 督导通话, Established 督导通话通道建立,
    // BargeIn 强插 (three-way), AgentRelease 督导挂机 (退出通话), Released 督导通话通道挂机, AgentReady
    // 督导就绪, Released 客户通话通道挂机, Released 坐席A通话通道挂机 (被动), AgentRelease 坐席A挂机,
    // AgentReady 坐席A就绪.
    // 002's steps have the supervisor click 开始接听 after 退出通话, which is how wrap-up ends: the
    // supervisor's AgentRelease on the barge-in leg is wrap-up (only monitoring has none).
    assert_kinds(
        name,
        &events,
        &[
            ConnectionCleared,
            AgentReady,
            MonitorStopped,
            AgentReady,
            AgentBusy,
            Originated,
            AgentBusy,
            Established,
            BargedIn,
            AgentWorkingAfterCall,
            ConnectionCleared,
            AgentReady,
            ConnectionCleared,
            ConnectionCleared,
            AgentWorkingAfterCall,
            AgentReady,
        ],
    );
    // BargeIn's payload agentId is the supervisor (强插方), its counterparty agent A.
    assert_supervision(only(&events, "BargeIn"), BargedIn);
    assert_supervision(only(&events, "StopMonitor"), MonitorStopped);
    assert_leg(&events, CH_S, SUPERVISOR, true);
    assert_leg(&events, CH_S2, SUPERVISOR, true);
    assert_eq!(
        agent_states(&events, SUPERVISOR),
        [
            AgentState::Ready,
            AgentState::Ready,
            AgentState::Dialing,
            AgentState::Talking,
            AgentState::WorkingAfterCall,
            AgentState::Ready
        ],
        "the supervisor leaves monitoring without wrap-up, the barge-in with it"
    );
    assert_eq!(
        agent_states(&events, AGENT_A),
        [AgentState::WorkingAfterCall, AgentState::Ready]
    );
    assert_eq!(released_legs(&events), [CH_S, CH_S2, CH_CUSTOMER_IN, CH_A]);
}

#[test]
fn intercept() {
    let name = "intercept";
    let events = convert(name);
    // 强拆 (the supervisor monitoring A's call): AgentRelease 督导挂机, Released 督导通话通道挂机,
    // StopMonitor 督导结束监听通话, AgentReady 督导就绪, AgentRelease 坐席A挂机 (被动: the supervisor
    // took the call), Released 坐席A通话通道挂机, Intercept 强拆, AgentDialing 督导拨号 (dials again),
    // Dialing 督导通话通道拨号, AgentTalk 督导通话, Established 督导通话通道建立 (now talking with the
    // customer), AgentReady 坐席A就绪 (A was in wrap-up), Released 客户挂机, AgentRelease 督导挂机,
    // Released 督导通话通道挂机, AgentReady 督导就绪 (after 开始接听).
    // 002 has the supervisor click 开始接听 at the end, which is how wrap-up ends: the supervisor
    // owns the call after the intercept, and its AgentRelease is wrap-up.
    assert_kinds(
        name,
        &events,
        &[
            AgentReady,
            ConnectionCleared,
            MonitorStopped,
            AgentReady,
            AgentWorkingAfterCall,
            ConnectionCleared,
            Intercepted,
            AgentBusy,
            Originated,
            AgentBusy,
            Established,
            AgentReady,
            ConnectionCleared,
            AgentWorkingAfterCall,
            ConnectionCleared,
            AgentReady,
        ],
    );
    // Intercept's payload agentId is the supervisor (强拆方), its counterparty agent A.
    assert_supervision(only(&events, "Intercept"), Intercepted);
    assert_supervision(only(&events, "StopMonitor"), MonitorStopped);
    assert_leg(&events, CH_S, SUPERVISOR, true);
    assert_leg(&events, CH_S2, SUPERVISOR, true);
    // 坐席A由于被强拆，进入话后处理状态.
    assert_eq!(
        agent_states(&events, AGENT_A),
        [AgentState::WorkingAfterCall, AgentState::Ready]
    );
    let position = |vendor_type: &str| events.iter().position(|e| e.vendor_event_type == vendor_type);
    assert!(
        position("Intercept") < position("Dialing"),
        "the supervisor dials after the intercept"
    );
    assert_eq!(released_legs(&events), [CH_S, CH_A, CH_CUSTOMER_IN, CH_S2]);
}

#[test]
fn coach() {
    let name = "coach";
    let events = convert(name);
    // 辅导 (the supervisor monitoring A's call): AgentRelease 督导挂机, Released 督导通话通道挂机,
    // StopMonitor 督导结束监听通话, AgentReady 督导就绪, AgentDialing 督导拨号 (dials again), Dialing
    // 督导通话通道拨号, AgentTalk 督导通话, Established 督导通话通道建立, StartCoach 督导开始辅导坐席A,
    // StopCoach 督导结束辅导坐席A (退出通话), AgentRelease 督导挂机, Released 督导通话通道挂机,
    // AgentReady 督导就绪, Released 客户通话通道挂机, Released 坐席A通话通道挂机 (被动), AgentRelease
    // 坐席A挂机, AgentReady 坐席A就绪.
    // As in 强插, 002's steps have the supervisor click 开始接听 (the end of wrap-up): the
    // supervisor's AgentRelease on the coaching leg is wrap-up.
    assert_kinds(
        name,
        &events,
        &[
            AgentReady,
            ConnectionCleared,
            MonitorStopped,
            AgentReady,
            AgentBusy,
            Originated,
            AgentBusy,
            Established,
            CoachStarted,
            CoachStopped,
            AgentWorkingAfterCall,
            ConnectionCleared,
            AgentReady,
            ConnectionCleared,
            ConnectionCleared,
            AgentWorkingAfterCall,
            AgentReady,
        ],
    );
    // StartCoach/StopCoach's payload agentId is the supervisor (辅导方), its counterparty agent A.
    assert_supervision(only(&events, "StartCoach"), CoachStarted);
    assert_supervision(only(&events, "StopCoach"), CoachStopped);
    assert_supervision(only(&events, "StopMonitor"), MonitorStopped);
    assert_leg(&events, CH_S, SUPERVISOR, true);
    assert_leg(&events, CH_S2, SUPERVISOR, true);
    assert_eq!(
        agent_states(&events, AGENT_A),
        [AgentState::WorkingAfterCall, AgentState::Ready]
    );
    assert_eq!(released_legs(&events), [CH_S, CH_S2, CH_CUSTOMER_IN, CH_A]);
}
