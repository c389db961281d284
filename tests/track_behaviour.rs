//! The tracker's contract beyond single streams: idle calls closed as incomplete, late and
//! repeated events reported and never reopening a call, bounded memory, the board, KPIs by
//! the reference's formulas, and the JSON keys consumers rely on.
#![cfg(all(feature = "aliyun_v2", feature = "push_v7", feature = "csta", feature = "ccai_qm"))]

#[path = "track/support.rs"]
mod support;

use cc_events::common::AgentState;
use cc_events::track::{Disposition, KpiAccumulator, KpiReport, Outcome, Tracker, TrackerConfig};
use chrono::TimeDelta;
use support::{ms, run_stream, run_text, utc};

const CONTACT: &str = "job-f8e9639a-81b8-4740-8af7-c13cc1553919";

fn stream(relative: &str) -> String {
    std::fs::read_to_string(format!("{}/fixtures/{relative}", env!("CARGO_MANIFEST_DIR"))).expect("the stream")
}

fn track_line(tracker: &mut Tracker, line: &str) -> cc_events::track::Update {
    let event = cc_events::parse(line.as_bytes()).expect("a payload");
    tracker.track(&event, None)
}

#[test]
fn an_idle_call_closes_incomplete_and_a_late_event_does_not_reopen_it() {
    let text = stream("aliyun_v2/scenarios/inbound-via-ivr.ndjson");
    let lines: Vec<&str> = text.lines().collect();
    let mut tracker = Tracker::new(TrackerConfig::default().with_idle_timeout(TimeDelta::minutes(1)));
    // The call up to its answer, then nothing for it.
    for line in &lines[..8] {
        track_line(&mut tracker, line);
    }
    assert_eq!(tracker.open_calls(), 1);
    // Another call of the same tenant, two minutes later, moves the tenant's clock.
    let other = lines[1]
        .replace(CONTACT, "job-other")
        .replace("03:20:14.250", "03:22:35.000");
    let update = track_line(&mut tracker, &other);
    let [record] = update.calls.as_slice() else {
        panic!("{:#?}", update.calls)
    };
    assert_eq!(record.call_id, CONTACT);
    assert_eq!(record.outcome, Outcome::Incomplete);
    assert_eq!(record.ended_at, Some(utc("2021-04-14T03:20:34.613Z")), "its last event");
    assert_eq!(record.inferred, ["ended_at"]);
    assert_eq!(tracker.open_calls(), 1, "only the new call");
    // The first call's Released comes late: reported, not applied, the call stays closed.
    let update = track_line(&mut tracker, lines[10]);
    assert_eq!(update.disposition, Some(Disposition::Late));
    assert_eq!(update.notices.len(), 1);
    assert_eq!(update.notices[0].kind, Disposition::Late);
    assert_eq!(update.notices[0].call_id.as_deref(), Some(CONTACT));
    assert!(update.calls.is_empty());
    assert_eq!(tracker.open_calls(), 1);
}

#[test]
fn a_repeated_payload_is_dropped_once_seen() {
    let text = stream("aliyun_v2/scenarios/outbound-call.ndjson");
    let doubled: String = text.lines().flat_map(|line| [line, "\n", line, "\n"]).collect();
    let run = run_text(&mut Tracker::default(), &doubled);
    let record = run.only_call();
    assert_eq!(record.events, 9);
    assert_eq!(record.duplicates, 9, "every call event, once");
    let alone = run_stream("aliyun_v2/scenarios/outbound-call.ndjson");
    let alone = alone.only_call();
    assert_eq!(
        (record.talk_ms, record.ring_ms, record.acw_ms),
        (alone.talk_ms, alone.ring_ms, alone.acw_ms)
    );
    let dropped = run
        .dispositions
        .iter()
        .filter(|d| **d == Disposition::Duplicate)
        .count();
    // An agent event repeated changes nothing and is still the agent's (applied).
    assert_eq!(dropped, 6, "the repeated Dialing, Ringing, Established x2, Released x2");
}

#[test]
fn memory_stays_bounded_on_a_long_stream() {
    let text = stream("aliyun_v2/scenarios/ivr-abandoned.ndjson");
    let mut tracker = Tracker::new(TrackerConfig::default().with_closed_capacity(64));
    for n in 0..5_000 {
        for line in text.lines() {
            track_line(&mut tracker, &line.replace(CONTACT, &format!("job-{n}")));
        }
        assert_eq!(tracker.open_calls(), 0);
        assert!(tracker.remembered_calls() <= 64);
    }
    assert_eq!(tracker.remembered_calls(), 64);
    // A forgotten call's event opens a new one: its id is no longer known as closed.
    let update = track_line(
        &mut tracker,
        &text.lines().next().unwrap_or_default().replace(CONTACT, "job-0"),
    );
    assert_eq!(update.disposition, Some(Disposition::Applied));
    assert_eq!(tracker.open_calls(), 1);
}

#[test]
fn the_board_shows_agents_and_open_calls() {
    let text = stream("aliyun_v2/scenarios/inbound-via-ivr.ndjson");
    let mut tracker = Tracker::default();
    for line in text.lines().take(7) {
        track_line(&mut tracker, line);
    }
    let board = tracker.board();
    assert_eq!(board.agents.len(), 1);
    let agent = &board.agents[0];
    assert_eq!(agent.agent_id, "agent@report-test-2");
    assert_eq!(agent.state, AgentState::Talking);
    assert_eq!(agent.since, utc("2021-04-14T03:20:34.561Z"));
    assert_eq!(agent.call_id.as_deref(), Some(CONTACT));
    assert_eq!(board.calls.len(), 1);
    assert_eq!(board.calls[0].call_id, CONTACT);
    assert_eq!(board.calls[0].since, utc("2021-04-14T03:20:14.250Z"));
    assert_eq!(board.calls[0].events, 6);
    let json = serde_json::to_value(&board).expect("JSON");
    assert_eq!(json["agents"][0]["state"], "talking");
}

#[test]
fn an_event_without_any_time_cannot_be_placed() {
    let held = std::fs::read_to_string(format!(
        "{}/fixtures/ccai_qm/CallState-held.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("fixture");
    let event = cc_events::parse(held.as_bytes()).expect("a payload");
    let mut tracker = Tracker::default();
    let update = tracker.track(&event, None);
    assert_eq!(update.disposition, Some(Disposition::Unplaced));
    assert_eq!(update.notices[0].kind, Disposition::Unplaced);
    assert_eq!(update.events.len(), 1, "the event is passed on, not lost");
    // With a receive time it is placed (and the call met mid-stream, on hold).
    let update = tracker.track(&event, Some(utc("2024-01-01T00:00:00Z")));
    assert_eq!(update.disposition, Some(Disposition::Applied));
    assert_eq!(tracker.board().calls.len(), 1);
}

#[test]
fn kpis_follow_the_reference_formulas() {
    // Calls of separate streams (they share one contact id: one tracker each).
    let mut records = Vec::new();
    let mut intervals = Vec::new();
    for name in [
        "inbound-via-ivr",
        "ivr-abandoned",
        "queueing-timeout",
        "ringing-timeout",
        "outbound-call",
    ] {
        let run = run_stream(&format!("aliyun_v2/scenarios/{name}.ndjson"));
        records.extend(run.records.iter().cloned());
        intervals.extend(run.intervals.iter().cloned());
    }
    let report = KpiReport::compute(&records, &intervals, TimeDelta::seconds(20));
    let overall = &report.overall;
    assert_eq!(
        overall.calls, 1,
        "one contact id, one call: the highest revision counts"
    );
    // So per stream:
    let kpis = |name: &str| {
        let run = run_stream(&format!("aliyun_v2/scenarios/{name}.ndjson"));
        KpiReport::compute(&run.records, &run.intervals, TimeDelta::seconds(20))
    };
    let inbound = kpis("inbound-via-ivr");
    let o = &inbound.overall;
    let handle = ms(utc("2021-04-14T03:20:34.613Z"), utc("2021-04-14T03:22:45.502Z"))
        + ms(utc("2021-04-14T03:22:45.387Z"), utc("2021-04-14T03:23:01.404Z"));
    assert_eq!((o.calls, o.answered, o.enqueued), (1, 1, 1));
    assert_eq!(o.aht_ms, Some(handle as f64), "talk + hold + after-call work");
    let asa = ms(utc("2021-04-14T03:20:26.854Z"), utc("2021-04-14T03:20:34.613Z"));
    assert_eq!(o.asa_ms, Some(asa as f64), "answered - enqueued");
    assert_eq!(o.service_level, Some(1.0), "answered within 20 s of enqueue");
    assert_eq!(o.abandonment_rate, Some(0.0));
    assert_eq!(inbound.queues.len(), 1);
    assert_eq!(inbound.queues[0].queue, "skg-default@report-test-2");
    let agent = &inbound.agents[0];
    assert_eq!(agent.handled, 1);
    // Occupancy: on contact (reserved, ringing, talking, wrap-up) / (that + ready).
    let on_contact = ms(utc("2021-04-14T03:20:29.972Z"), utc("2021-04-14T03:23:01.404Z"));
    let ready = ms(utc("2021-04-14T03:20:00Z"), utc("2021-04-14T03:20:29.972Z"));
    assert_eq!((agent.on_contact_ms, agent.ready_ms), (on_contact, ready));
    assert_eq!(agent.occupancy, Some(on_contact as f64 / (on_contact + ready) as f64));

    let timeout = kpis("queueing-timeout");
    assert_eq!(timeout.overall.enqueued, 1);
    assert_eq!(timeout.overall.service_level, Some(0.0));
    assert_eq!(timeout.overall.aht_ms, None, "nothing answered: no figure, not zero");
    assert_eq!(timeout.overall.asa_ms, None);
    let abandoned = kpis("ivr-abandoned");
    assert_eq!(abandoned.overall.abandoned, 1);
    assert_eq!(
        abandoned.overall.abandonment_rate, None,
        "abandoned in the IVR, never enqueued"
    );
}

#[test]
fn json_keys_are_the_documented_ones() {
    let run = run_stream("aliyun_v2/scenarios/inbound-via-ivr.ndjson");
    let record = serde_json::to_value(run.only_call()).expect("JSON");
    for key in [
        "vendor",
        "tenant",
        "call_id",
        "related_call_ids",
        "direction",
        "caller",
        "callee",
        "queue",
        "agents",
        "enqueued_at",
        "alerted_at",
        "answered_at",
        "ended_at",
        "ring_ms",
        "queue_ms",
        "talk_ms",
        "hold_ms",
        "hold_count",
        "acw_ms",
        "handle_ms",
        "outcome",
        "transfer_count",
        "disconnect_cause",
        "inferred",
        "revision",
        "events",
    ] {
        assert!(record.get(key).is_some(), "{key} missing from {record:#}");
    }
    assert_eq!(record["answered_at"], "2021-04-14T03:20:34.613Z", "RFC 3339 UTC");
    assert!(record["talk_ms"].is_i64(), "integer milliseconds");
    assert_eq!(record["outcome"], "answered");
    assert_eq!(record["disconnect_cause"], "normalClearing");
    let outbound = run_stream("aliyun_v2/scenarios/outbound-call.ndjson");
    let outbound = serde_json::to_value(outbound.only_call()).expect("JSON");
    assert_eq!(outbound["initiated_at"], "2021-04-14T03:10:05.214Z");
    let abandoned = run_stream("aliyun_v2/scenarios/ivr-abandoned.ndjson");
    let abandoned = serde_json::to_value(abandoned.only_call()).expect("JSON");
    assert_eq!(abandoned["abandon_phase"], "ivr");
    assert_eq!(abandoned["outcome"], "abandoned");

    let interval = serde_json::to_value(&run.intervals[1]).expect("JSON");
    for key in ["agent_id", "state", "start", "end", "duration_ms", "call_id"] {
        assert!(interval.get(key).is_some(), "{key} missing from {interval:#}");
    }
    let brk = run_stream("aliyun_v2/scenarios/agent-login-and-break.ndjson");
    let brk = serde_json::to_value(&brk.intervals[2]).expect("JSON");
    assert_eq!(brk["reason_code"], "Lunch");
    assert_eq!(brk["state"], "not_ready");
    // And back: a record read from its JSON is the same record.
    let back: cc_events::track::CallRecord = serde_json::from_value(record).expect("a record");
    assert_eq!(&back, run.only_call());
}

#[test]
fn an_inbound_call_that_ends_unanswered_is_abandoned_inferred() {
    // 7moor's inbound call without its link: it rang, then the caller hung up.
    let text = stream("push_v7/streams/inbound-call.ndjson");
    let unanswered: Vec<&str> = text
        .lines()
        .filter(|line| !line.contains("\"callEvent\":\"link\""))
        .collect();
    let run = run_text(&mut Tracker::default(), &unanswered.join("\n"));
    let record = run.only_call();
    assert_eq!(record.outcome, Outcome::Abandoned);
    assert_eq!(record.abandon_phase, Some(cc_events::common::AbandonPhase::Ringing));
    assert_eq!(record.inferred, ["outcome"], "7moor's pushes do not say abandoned");
    assert_eq!(record.answered_at, None);
    assert_eq!(record.handle_ms, None);
    assert!(record.agents.is_empty(), "the agent only rang");
}

#[test]
fn a_vendor_record_ends_a_call_whose_end_was_missed_and_is_reported_for_an_unknown_one() {
    let text = stream("push_v7/streams/outbound-call.ndjson");
    // No dialoutHangup: the cdr closes the call, reconciled.
    let without_hangup: Vec<&str> = text.lines().filter(|line| !line.contains("dialoutHangup")).collect();
    let run = run_text(&mut Tracker::default(), &without_hangup.join("\n"));
    let record = run.only_call();
    assert_eq!(record.outcome, Outcome::Answered);
    assert_eq!(
        record.ended_at,
        Some(utc("2021-05-08T06:39:47Z")),
        "the cdr's hangupTime"
    );
    assert!(record.inferred.iter().any(|field| field == "ended_at"));
    let reconciled = record.reconciliation.as_ref().expect("the cdr");
    assert_eq!(reconciled.disagreements, []);
    // Only the cdr: nothing to reconcile with, reported.
    let cdr = text.lines().last().unwrap_or_default();
    let run = run_text(&mut Tracker::default(), cdr);
    assert!(run.records.is_empty());
    assert_eq!(run.dispositions, [Disposition::Unattributed]);
    assert_eq!(run.notices[0].vendor_event_type, "cdr");
}

#[test]
fn alibaba_clouds_cdr_ready_is_reconciled() {
    // Seed 002's inbound call, then a CDRReady for it (seed 000's fields, this call's times
    // in whole seconds, as the record gives them).
    let mut text = stream("aliyun_v2/scenarios/inbound-via-ivr.ndjson");
    let cdr = std::fs::read_to_string(format!(
        "{}/fixtures/aliyun_v2/CDRReady.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("fixture");
    let mut cdr: serde_json::Value = serde_json::from_str(&cdr).expect("JSON");
    cdr["eventTime"] = "2021-04-14T03:23:05.000Z".into();
    cdr["startTime"] = "2021-04-14T03:20:14Z".into();
    cdr["establishedTime"] = "2021-04-14T03:20:34Z".into();
    cdr["endTime"] = "2021-04-14T03:22:45Z".into();
    cdr["agentIds"] = "agent@report-test-2".into();
    text.push_str(&serde_json::to_string(&cdr).expect("JSON"));
    let run = run_text(&mut Tracker::default(), &text);
    let record = run.only_call();
    assert_eq!(record.revision, 3, "closed, after-call work, CDRReady");
    let reconciled = record.reconciliation.as_ref().expect("the CDRReady");
    assert_eq!(reconciled.vendor.source, "CDRReady");
    assert_eq!(
        reconciled.vendor.ivr_entered_at,
        Some(utc("2021-04-14T03:20:14Z")),
        "an inbound call's start"
    );
    assert_eq!(reconciled.disagreements, [], "{:#?}", reconciled);
    // Another agent in the vendor's list is a disagreement.
    cdr["agentIds"] = "agent@report-test-2,zhangli@report-test-2".into();
    let mut text = stream("aliyun_v2/scenarios/inbound-via-ivr.ndjson");
    text.push_str(&serde_json::to_string(&cdr).expect("JSON"));
    let run = run_text(&mut Tracker::default(), &text);
    let reconciled = run.only_call().reconciliation.clone().expect("the CDRReady");
    let fields: Vec<&str> = reconciled.disagreements.iter().map(|d| d.field.as_str()).collect();
    assert_eq!(fields, ["agents"]);
}

/// The accumulator a long stream's summary keeps gives what `compute` gives for the final
/// records, whatever order the calls and intervals come in.
#[test]
fn the_kpi_accumulator_agrees_with_compute() {
    let mut records = Vec::new();
    let mut intervals = Vec::new();
    for name in [
        "inbound-via-ivr",
        "queueing-timeout",
        "attended-transfer",
        "outbound-call",
    ] {
        let run = run_stream(&format!("aliyun_v2/scenarios/{name}.ndjson"));
        // A contact id per stream, so that each is a call of its own.
        for mut record in run.records.iter().cloned() {
            record.call_id = cc_events::wire::Text::from(format!("{name}-{}", record.call_id));
            records.push(record);
        }
        intervals.extend(run.intervals.iter().cloned());
    }
    let threshold = TimeDelta::seconds(20);
    let computed = KpiReport::compute(&records, &intervals, threshold);
    let mut newest: Vec<&cc_events::track::CallRecord> = Vec::new();
    for record in &records {
        match newest.iter_mut().find(|kept| kept.call_id == record.call_id) {
            Some(kept) if kept.revision < record.revision => *kept = record,
            Some(_) => {}
            None => newest.push(record),
        }
    }
    let mut accumulator = KpiAccumulator::new(threshold);
    for interval in intervals.iter().rev() {
        accumulator.add_interval(interval);
    }
    for record in newest.iter().rev() {
        accumulator.add_call(record);
    }
    assert_eq!(accumulator.report(), computed);
    assert_eq!(computed.overall.calls, 4);
    assert!(computed.overall.answered >= 2);
}
