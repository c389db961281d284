//! The tracker over every scenario stream of seed 002 (`fixtures/aliyun_v2/scenarios/`): the
//! call record and the agent intervals each stream gives, field by field, with figures worked
//! out from the stream's own timestamps. The streams and their choices are described in that
//! folder's README; 002's step names are in the comments.
#![cfg(feature = "aliyun_v2")]

#[path = "track/support.rs"]
mod support;

use cc_events::common::AgentState::*;
use cc_events::common::{AbandonPhase, CauseCode, Direction, EventKind, PartyRole};
use cc_events::track::{CallRecord, Disposition, IntervalEnd, Outcome};
use chrono::{DateTime, Utc};
use support::{ms, run_stream, utc};

const CONTACT: &str = "job-f8e9639a-81b8-4740-8af7-c13cc1553919";
const AGENT_A: &str = "agent@report-test-2";
const AGENT_B: &str = "zhangli@report-test-2";
const SUPERVISOR: &str = AGENT_B;
const SKILL_GROUP: &str = "skg-default@report-test-2";
const CALLER: &str = "13888888888";
const CALLEE: &str = "01112345678";

/// A time of 2021-04-14 (every stream's day), `HH:MM:SS.mmm` UTC.
fn at(time: &str) -> DateTime<Utc> {
    utc(&format!("2021-04-14T{time}Z"))
}

fn run(name: &str) -> support::Run {
    run_stream(&format!("aliyun_v2/scenarios/{name}.ndjson"))
}

/// What every record of these streams shares: one contact of one tenant, every event applied.
fn assert_common(record: &CallRecord, run: &support::Run) {
    assert_eq!(record.call_id, CONTACT);
    assert_eq!(record.tenant.as_deref(), Some("report-test-2"));
    assert_eq!(record.duplicates, 0);
    assert_eq!(record.late_events, 0);
    assert!(run.notices.is_empty(), "{:#?}", run.notices);
    assert!(
        run.dispositions.iter().all(|d| *d == Disposition::Applied),
        "{:?}",
        run.dispositions
    );
    assert!(record.related_call_ids.is_empty());
}

/// A finished call of these streams: ended when its last channel left (a derived call cleared),
/// amended once with the after-call work.
fn assert_closed_then_amended(run: &support::Run, acw_ms: i64) {
    let revisions = run.revisions(CONTACT);
    assert_eq!(revisions.len(), 2, "{revisions:#?}");
    assert_eq!(revisions[0].revision, 1);
    assert_eq!(revisions[0].acw_ms, None, "the wrap-up is still open at the end");
    assert_eq!(revisions[1].revision, 2);
    assert_eq!(revisions[1].acw_ms, Some(acw_ms));
    assert_eq!(run.derived(EventKind::CallCleared).len(), 1);
}

#[test]
fn agent_login_and_break() {
    // 坐席上下线及小休: AgentCheckIn, AgentReady, AgentBreak, AgentReady, AgentCheckOut.
    let run = run("agent-login-and-break");
    assert!(run.records.is_empty());
    let agent = "test@report-test-2";
    assert_eq!(
        run.timeline(agent),
        vec![
            // AgentCheckIn says logged on, not the state: unknown until AgentReady.
            (Unknown, at("02:34:00.447"), at("02:34:00.859"), None),
            (Ready, at("02:34:00.859"), at("02:35:36.169"), None),
            (NotReady, at("02:35:36.169"), at("03:05:36.296"), None),
            (Ready, at("03:05:36.296"), at("04:05:36.815"), None),
        ]
    );
    let brk = &run.intervals[2];
    assert_eq!(brk.reason_code.as_deref(), Some("Lunch"));
    assert_eq!(brk.duration_ms, 30 * 60 * 1000 + 127);
    assert_eq!(run.intervals[3].closed_by, IntervalEnd::LoggedOff);
    assert!(run.intervals.iter().all(|interval| !interval.inferred));
}

#[test]
fn outbound_call() {
    // 坐席呼出: AgentDialing, Dialing, Ringing (customer), AgentTalk, Established x2,
    // Released (customer), AgentRelease, Released (agent), AgentReady.
    let run = run("outbound-call");
    let record = run.only_call();
    assert_common(record, &run);
    assert_eq!(record.direction, Some(Direction::Outbound));
    assert_eq!(
        (record.caller.as_deref(), record.callee.as_deref()),
        (Some(CALLER), Some(CALLEE))
    );
    assert_eq!(record.queue.as_deref(), Some(SKILL_GROUP));
    assert_eq!(record.agents, [AGENT_A]);
    assert_eq!(record.initiated_at, Some(at("03:10:05.214")), "AgentDialing");
    assert_eq!(record.alerted_at, Some(at("03:10:07.732")), "the customer's Ringing");
    assert_eq!(record.answered_at, Some(at("03:10:16.678")), "the first Established");
    assert_eq!(
        record.ended_at,
        Some(at("03:11:52.223")),
        "the agent's Released, the last leg"
    );
    assert_eq!(record.ring_ms, Some(ms(at("03:10:07.732"), at("03:10:16.678"))));
    assert_eq!(record.talk_ms, Some(ms(at("03:10:16.678"), at("03:11:52.223"))));
    assert_eq!((record.hold_ms, record.hold_count), (0, 0));
    let acw = ms(at("03:11:52.187"), at("03:12:12.340"));
    assert_eq!(record.acw_ms, Some(acw));
    assert_eq!(record.handle_ms, Some(record.talk_ms.unwrap_or_default() + acw));
    assert_eq!(record.outcome, Outcome::Answered);
    assert_eq!(
        record.disconnected_by,
        Some(PartyRole::Customer),
        "the customer's channel left first"
    );
    assert_eq!(record.disconnect_cause, Some(CauseCode::NormalClearing));
    assert!(!record.started_mid_stream);
    assert_eq!(record.events, 9, "the 11 events less the two AgentReady");
    assert_closed_then_amended(&run, acw);
    assert_eq!(
        run.timeline(AGENT_A),
        vec![
            (Ready, at("03:10:00.000"), at("03:10:05.214"), None),
            (Dialing, at("03:10:05.214"), at("03:10:16.637"), Some(CONTACT)),
            (Talking, at("03:10:16.637"), at("03:11:52.187"), Some(CONTACT)),
            (WorkingAfterCall, at("03:11:52.187"), at("03:12:12.340"), Some(CONTACT)),
            (Ready, at("03:12:12.340"), at("03:12:12.340"), None),
        ]
    );
    // Channel roles learnt from the agent events complete the call events.
    let released: Vec<_> = run
        .events
        .iter()
        .filter(|event| !event.derived && event.event.vendor_event_type == "Released")
        .collect();
    let roles: Vec<_> = released
        .iter()
        .filter_map(|event| event.event.party.as_ref().map(|party| party.role.clone()))
        .collect();
    assert_eq!(roles, [PartyRole::Customer, PartyRole::Agent]);
    assert!(released.iter().all(|event| event.inferred == ["party.role"]));
}

#[test]
fn inbound_via_ivr() {
    // 客户通过IVR呼入: Route2IVR, Enqueue, AssignAgent, Ringing, AgentRinging, AgentTalk,
    // Established, AgentRelease, Released (agent), Released (customer), AgentReady.
    let run = run("inbound-via-ivr");
    let record = run.only_call();
    assert_common(record, &run);
    assert_eq!(record.direction, Some(Direction::Inbound));
    assert_eq!(record.agents, [AGENT_A]);
    assert_eq!(record.initiated_at, None, "an inbound call starts in the IVR");
    assert_eq!(record.ivr_entered_at, Some(at("03:20:14.250")));
    assert_eq!(record.enqueued_at, Some(at("03:20:26.854")));
    assert_eq!(record.alerted_at, Some(at("03:20:30.124")));
    assert_eq!(record.answered_at, Some(at("03:20:34.613")));
    assert_eq!(record.ended_at, Some(at("03:22:45.502")));
    assert_eq!(record.ivr_ms, Some(ms(at("03:20:14.250"), at("03:20:26.854"))));
    assert_eq!(record.queue_ms, Some(ms(at("03:20:26.854"), at("03:20:30.124"))));
    assert_eq!(record.ring_ms, Some(ms(at("03:20:30.124"), at("03:20:34.613"))));
    assert_eq!(record.talk_ms, Some(ms(at("03:20:34.613"), at("03:22:45.502"))));
    let acw = ms(at("03:22:45.387"), at("03:23:01.404"));
    assert_eq!(record.acw_ms, Some(acw));
    assert_eq!(record.handle_ms, Some(ms(at("03:20:34.613"), at("03:22:45.502")) + acw));
    assert_eq!(record.outcome, Outcome::Answered);
    assert_eq!(
        record.disconnected_by,
        Some(PartyRole::Agent),
        "the agent's channel left first"
    );
    assert_eq!(record.events, 10);
    assert_closed_then_amended(&run, acw);
    assert_eq!(
        run.timeline(AGENT_A),
        vec![
            (Ready, at("03:20:00.000"), at("03:20:29.972"), None),
            (Reserved, at("03:20:29.972"), at("03:20:30.171"), Some(CONTACT)),
            (Ringing, at("03:20:30.171"), at("03:20:34.561"), Some(CONTACT)),
            (Talking, at("03:20:34.561"), at("03:22:45.387"), Some(CONTACT)),
            (WorkingAfterCall, at("03:22:45.387"), at("03:23:01.404"), Some(CONTACT)),
            (Ready, at("03:23:01.404"), at("03:23:01.404"), None),
        ]
    );
}

#[test]
fn ivr_abandoned() {
    // Abandoned in the IVR: the customer's only channel leaves, the contact ends.
    let run = run("ivr-abandoned");
    let record = run.only_call();
    assert_common(record, &run);
    assert_eq!(record.outcome, Outcome::Abandoned);
    assert_eq!(record.abandon_phase, Some(AbandonPhase::Ivr));
    assert_eq!(record.ivr_entered_at, Some(at("03:25:00.000")));
    assert_eq!(record.ended_at, Some(at("03:25:09.877")));
    assert_eq!(record.ivr_ms, Some(9877));
    assert_eq!(
        (record.answered_at, record.talk_ms, record.handle_ms),
        (None, None, None)
    );
    assert!(record.agents.is_empty());
    assert_eq!(record.disconnected_by, Some(PartyRole::Customer));
    assert!(record.inferred.is_empty(), "Alibaba Cloud says abandoned itself");
    assert_eq!(run.revisions(CONTACT).len(), 1);
    assert!(run.intervals.is_empty());
}

#[test]
fn queueing_timeout() {
    // QueueingTimeout after Enqueue, then nothing: the call's end is never seen.
    let run = run("queueing-timeout");
    let record = run.only_call();
    assert_common(record, &run);
    assert_eq!(record.outcome, Outcome::Incomplete);
    assert_eq!(record.enqueued_at, Some(at("03:26:12.604")));
    assert_eq!(record.ended_at, Some(at("03:27:12.604")), "its last event");
    assert_eq!(record.queue_ms, Some(60_000));
    assert_eq!(record.inferred, ["ended_at"]);
    assert_eq!((&record.disconnected_by, &record.disconnect_cause), (&None, &None));
    assert_eq!(run.derived(EventKind::CallCleared).len(), 0);
}

#[test]
fn ringing_timeout() {
    // RingingTimeout 30 s after AgentRinging, then the automatic break: the agent's channel
    // leaves, the customer's stays, the call goes on unseen.
    let run = run("ringing-timeout");
    let record = run.only_call();
    assert_common(record, &run);
    assert_eq!(record.outcome, Outcome::Incomplete);
    assert_eq!(record.alerted_at, Some(at("03:28:30.124")));
    assert_eq!(record.ring_ms, Some(ms(at("03:28:30.124"), at("03:29:00.171"))));
    assert!(record.agents.is_empty(), "the agent only rang");
    assert_eq!(record.answered_at, None);
    assert_eq!(
        run.timeline(AGENT_A),
        vec![
            (Ready, at("03:28:00.000"), at("03:28:29.972"), None),
            (Reserved, at("03:28:29.972"), at("03:28:30.171"), Some(CONTACT)),
            (Ringing, at("03:28:30.171"), at("03:29:00.209"), Some(CONTACT)),
            (NotReady, at("03:29:00.209"), at("03:29:00.209"), None),
        ]
    );
    assert_eq!(run.intervals[3].reason_code, None, "the automatic break has no code");
}

#[test]
fn agent_to_agent() {
    let run = run("agent-to-agent");
    let record = run.only_call();
    assert_common(record, &run);
    assert_eq!(record.direction, Some(Direction::Internal));
    assert_eq!(record.agents, [AGENT_A, AGENT_B]);
    assert_eq!(record.initiated_at, Some(at("03:30:00.000")));
    assert_eq!(record.alerted_at, Some(at("03:30:00.720")), "B's Ringing");
    assert_eq!(record.answered_at, Some(at("03:30:06.950")));
    assert_eq!(
        record.ended_at,
        Some(at("03:30:55.853")),
        "A's Released, the last channel"
    );
    assert_eq!(record.ring_ms, Some(ms(at("03:30:00.720"), at("03:30:06.950"))));
    assert_eq!(record.talk_ms, Some(ms(at("03:30:06.950"), at("03:30:55.853"))));
    // Both agents wrap up this call; the record waits for the last.
    let acw = ms(at("03:30:55.727"), at("03:31:05.699")) + ms(at("03:30:55.822"), at("03:31:09.824"));
    assert_eq!(record.acw_ms, Some(acw));
    assert_eq!(record.disconnected_by, Some(PartyRole::Agent));
    assert_closed_then_amended(&run, acw);
    assert_eq!(
        run.timeline(AGENT_B)[0],
        (Ringing, at("03:30:00.685"), at("03:30:06.969"), Some(CONTACT))
    );
}

#[test]
fn sip_phone_to_agent() {
    // The first four events look out of order (002 says it is normal): B rings before A's
    // Dialing; B is seen talking first.
    let run = run("sip-phone-to-agent");
    let record = run.only_call();
    assert_common(record, &run);
    assert_eq!(record.direction, Some(Direction::Internal));
    assert_eq!(record.agents, [AGENT_B, AGENT_A], "in the order they were seen talking");
    assert_eq!(record.initiated_at, Some(at("03:35:00.000")));
    assert_eq!(record.alerted_at, Some(at("03:35:00.018")));
    assert_eq!(record.answered_at, Some(at("03:35:05.668")));
    assert_eq!(record.ended_at, Some(at("03:35:43.247")));
    assert_eq!(record.ring_ms, Some(5650));
    let acw = ms(at("03:35:43.163"), at("03:35:50.548")) + ms(at("03:35:43.209"), at("03:35:53.498"));
    assert_closed_then_amended(&run, acw);
}

#[test]
fn sip_phone_to_customer() {
    // The customer's Ringing comes first, then AgentDialing and Dialing.
    let run = run("sip-phone-to-customer");
    let record = run.only_call();
    assert_common(record, &run);
    assert_eq!(record.direction, Some(Direction::Outbound));
    assert_eq!(record.alerted_at, Some(at("03:40:00.000")));
    assert_eq!(record.initiated_at, Some(at("03:40:00.014")));
    assert_eq!(record.answered_at, Some(at("03:40:07.849")));
    assert_eq!(record.ended_at, Some(at("03:41:13.964")));
    assert_eq!(record.ring_ms, Some(7849));
    assert_eq!(record.talk_ms, Some(ms(at("03:40:07.849"), at("03:41:13.964"))));
    assert_eq!(record.disconnected_by, Some(PartyRole::Customer));
    assert_closed_then_amended(&run, ms(at("03:41:13.999"), at("03:41:25.639")));
}

#[test]
fn two_leg_call() {
    // 双呼: the platform's leg dials, both customers ring and answer, both leave. No agent;
    // the platform's leg never leaves and does not keep the call open.
    let run = run("two-leg-call");
    let record = run.only_call();
    assert_common(record, &run);
    assert_eq!(record.direction, Some(Direction::Outbound));
    assert!(record.agents.is_empty());
    assert_eq!(record.initiated_at, Some(at("03:45:00.000")));
    assert_eq!(record.alerted_at, Some(at("03:45:01.207")), "customer A's phone");
    assert_eq!(record.answered_at, Some(at("03:45:12.818")));
    assert_eq!(record.ended_at, Some(at("03:46:37.185")), "the second customer left");
    assert_eq!(record.talk_ms, Some(ms(at("03:45:12.818"), at("03:46:37.185"))));
    assert_eq!(record.acw_ms, None);
    assert_eq!(record.outcome, Outcome::Answered);
    assert_eq!(
        run.revisions(CONTACT).len(),
        1,
        "no agent, no after-call work to wait for"
    );
}

/// The record of a call the stream meets already connected.
fn assert_mid_stream(record: &CallRecord, first_event: &str, ended: &str) {
    assert!(record.started_mid_stream);
    assert_eq!(record.unknown, ["initiated_at", "alerted_at", "answered_at"]);
    assert_eq!(
        (record.initiated_at, record.alerted_at, record.answered_at),
        (None, None, None)
    );
    assert_eq!(record.outcome, Outcome::Answered);
    assert!(record.inferred.iter().any(|field| field == "outcome"));
    assert!(record.inferred.iter().any(|field| field == "talk_ms"));
    assert_eq!(record.ended_at, Some(at(ended)));
    assert_eq!(
        record.talk_ms,
        Some(ms(at(first_event), at(ended)) - record.hold_ms),
        "talk counted from the first event seen"
    );
}

#[test]
fn hold_and_mute() {
    // 通话保持与静音: Held, Retrieved, Muted, Unmuted on an established outbound call.
    let run = run("hold-and-mute");
    let record = run.only_call();
    assert_common(record, &run);
    assert_mid_stream(record, "03:50:00.000", "03:51:27.728");
    assert_eq!(record.direction, Some(Direction::Outbound));
    assert_eq!(record.agents, [AGENT_A]);
    assert_eq!(record.hold_count, 1);
    assert_eq!(record.holds[0].start, at("03:50:00.000"));
    assert_eq!(record.holds[0].end, at("03:50:21.530"));
    assert_eq!(record.hold_ms, 21_530);
    assert_eq!(record.longest_hold_ms, Some(21_530));
    assert_eq!(record.disconnected_by, Some(PartyRole::Customer));
    let acw = ms(at("03:51:27.755"), at("03:51:40.959"));
    assert_eq!(
        record.handle_ms,
        Some(record.talk_ms.unwrap_or_default() + 21_530 + acw)
    );
    assert_closed_then_amended(&run, acw);
}

#[test]
fn blind_transfer() {
    // 直接转接: A leaves and wraps up, BlindTransfer, B rings and talks, the customer leaves.
    let run = run("blind-transfer");
    let record = run.only_call();
    assert_common(record, &run);
    assert_mid_stream(record, "04:00:00.000", "04:01:24.613");
    assert_eq!(record.agents, [AGENT_A, AGENT_B]);
    assert_eq!(record.transfer_count, 1);
    assert_eq!(
        record.disconnected_by,
        Some(PartyRole::Agent),
        "A left first, to transfer"
    );
    // A's wrap-up ends while the call goes on (in revision 1); B's after it ends.
    let a = ms(at("04:00:00.033"), at("04:00:03.037"));
    let b = ms(at("04:01:24.576"), at("04:01:37.081"));
    let revisions = run.revisions(CONTACT);
    assert_eq!(
        revisions.iter().map(|r| r.acw_ms).collect::<Vec<_>>(),
        [Some(a), Some(a + b)]
    );
    assert_eq!(
        run.timeline(AGENT_B),
        vec![
            (Ringing, at("04:00:00.172"), at("04:00:06.598"), Some(CONTACT)),
            (Talking, at("04:00:06.598"), at("04:01:24.576"), Some(CONTACT)),
            (WorkingAfterCall, at("04:01:24.576"), at("04:01:37.081"), Some(CONTACT)),
            (Ready, at("04:01:37.081"), at("04:01:37.081"), None),
        ]
    );
}

#[test]
fn attended_transfer() {
    // 咨询转接: A consults B (InitiateConsultant, StartConsultant), releases, AttendedTransfer,
    // StopConsultant; B talks to the customer until the customer leaves.
    let run = run("attended-transfer");
    let record = run.only_call();
    assert_common(record, &run);
    assert_mid_stream(record, "04:10:00.000", "04:12:24.857");
    assert_eq!(record.agents, [AGENT_A, AGENT_B]);
    assert_eq!(record.transfer_count, 1);
    assert_eq!(
        record.direction,
        Some(Direction::Inbound),
        "the customer's side, not the consultation's"
    );
    // StopConsultant's talking state comes after A released: A stays in wrap-up.
    assert_eq!(
        run.timeline(AGENT_A),
        vec![
            (Dialing, at("04:10:00.000"), at("04:10:04.625"), Some(CONTACT)),
            (Talking, at("04:10:04.625"), at("04:10:45.833"), Some(CONTACT)),
            (WorkingAfterCall, at("04:10:45.833"), at("04:10:52.639"), Some(CONTACT)),
            (Ready, at("04:10:52.639"), at("04:12:35.479"), None),
        ]
    );
    let acw = ms(at("04:10:45.833"), at("04:10:52.639")) + ms(at("04:12:24.822"), at("04:12:35.479"));
    assert_eq!(record.acw_ms, Some(acw));
}

/// The supervision streams: the supervisor is listed, does not handle the call, and the
/// customer's leaving (not the supervisor's) disconnects it.
fn assert_supervised(record: &CallRecord, agents: &[&str]) {
    assert_eq!(record.supervisors, [SUPERVISOR]);
    assert_eq!(record.agents, agents);
    assert_eq!(record.direction, Some(Direction::Inbound));
}

#[test]
fn monitor() {
    let run = run("monitor");
    let record = run.only_call();
    assert_common(record, &run);
    // The customer's Released names agent A, whose channel is then still up: the call ends
    // with A's Released, not the customer's.
    assert_mid_stream(record, "04:20:00.000", "04:21:43.847");
    assert_supervised(record, &[AGENT_A]);
    assert_eq!(record.disconnected_by, Some(PartyRole::Customer));
    let acw = ms(at("04:21:43.817"), at("04:21:58.224"));
    assert_closed_then_amended(&run, acw);
    assert_eq!(
        run.timeline(SUPERVISOR)[..2],
        [
            (Dialing, at("04:20:00.000"), at("04:20:01.968"), Some(CONTACT)),
            (Talking, at("04:20:01.968"), at("04:21:05.462"), Some(CONTACT)),
        ]
    );
}

#[test]
fn barge_in() {
    let run = run("barge-in");
    let record = run.only_call();
    assert_common(record, &run);
    assert_mid_stream(record, "04:30:00.000", "04:31:46.038");
    assert_supervised(record, &[AGENT_A]);
    assert_eq!(record.disconnected_by, Some(PartyRole::Customer));
    // A's AgentRelease comes after the call closed: the record waits for A's wrap-up; the
    // supervisor's wrap-up is not the call's.
    assert_closed_then_amended(&run, ms(at("04:31:46.066"), at("04:31:58.151")));
}

#[test]
fn intercept() {
    let run = run("intercept");
    let record = run.only_call();
    assert_common(record, &run);
    assert_mid_stream(record, "04:40:00.036", "04:41:21.872");
    assert_supervised(record, &[AGENT_A]);
    assert_eq!(
        record.disconnected_by,
        Some(PartyRole::Agent),
        "A left when the supervisor took over"
    );
    // A's wrap-up ended during the call: one revision has it all.
    assert_eq!(run.revisions(CONTACT).len(), 1);
    assert_eq!(record.acw_ms, Some(ms(at("04:40:00.221"), at("04:40:10.757"))));
}

#[test]
fn coach() {
    let run = run("coach");
    let record = run.only_call();
    assert_common(record, &run);
    assert_mid_stream(record, "04:50:00.036", "04:51:34.377");
    assert_supervised(record, &[AGENT_A]);
    assert_eq!(record.disconnected_by, Some(PartyRole::Customer));
    assert_closed_then_amended(&run, ms(at("04:51:34.407"), at("04:51:44.763")));
}

#[test]
fn the_streams_one_after_another_in_one_tracker() {
    // Each stream reuses the contact id: run back to back, each one's events come after the
    // previous call closed. A closed call is not reopened: events of another stream for the
    // same id are reported late, never lost.
    let mut text = String::new();
    for name in ["outbound-call", "inbound-via-ivr"] {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures/aliyun_v2/scenarios")
            .join(format!("{name}.ndjson"));
        text.push_str(&std::fs::read_to_string(path).expect("the stream"));
    }
    let run = support::run_text(&mut cc_events::track::Tracker::default(), &text);
    assert_eq!(run.finals().len(), 1);
    let late = run.notices.iter().filter(|n| n.kind == Disposition::Late).count();
    assert!(late > 0);
    assert_eq!(
        run.dispositions.len(),
        text.lines().count(),
        "one disposition per event"
    );
}
