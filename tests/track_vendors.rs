//! The tracker over the streams of the other three vendors (`fixtures/<schema>/streams/`,
//! built from their seeds; each folder's README says from what): 7moor's outbound call
//! against its own CDR, 7moor's inbound call, a Google CCAI call told by snapshots, and CSTA
//! calls whose events name devices.
#![cfg(all(feature = "aliyun_v2", feature = "push_v7", feature = "csta", feature = "ccai_qm"))]

#[path = "track/support.rs"]
mod support;

use cc_events::common::AgentState::*;
use cc_events::common::{Direction, EventKind, PartyRole, Vendor};
use cc_events::track::{Disposition, IntervalEnd, Outcome, Tracker};
use support::{ms, run_stream, run_text, utc};

const MOOR_CALL: &str = "403344537650466816";

#[test]
fn seven_moor_outbound_call_agrees_with_the_vendors_cdr() {
    // calling, dialoutRing, link, dialoutHangup, callStatus hangup (wrap-up), cdr.
    let run = run_stream("push_v7/streams/outbound-call.ndjson");
    let record = run.only_call();
    assert_eq!(record.vendor, Vendor::SevenMoor);
    assert_eq!(record.tenant.as_deref(), Some("20000153"));
    assert_eq!(record.call_id, MOOR_CALL);
    assert_eq!(record.direction, Some(Direction::Outbound));
    assert_eq!(record.caller.as_deref(), Some("01081400192"));
    assert_eq!(record.callee.as_deref(), Some("17319132391"));
    assert_eq!(record.agents, ["20001"]);
    // statusTime 1620455972 .. 1620455987: 14:39:32 .. 14:39:47 at +08:00.
    assert_eq!(
        record.initiated_at,
        Some(utc("2021-05-08T06:39:32Z")),
        "callStatus calling"
    );
    assert_eq!(record.alerted_at, Some(utc("2021-05-08T06:39:37Z")), "dialoutRing");
    assert_eq!(record.answered_at, Some(utc("2021-05-08T06:39:42Z")), "callStatus link");
    assert_eq!(record.ended_at, Some(utc("2021-05-08T06:39:47Z")), "dialoutHangup");
    assert_eq!((record.ring_ms, record.talk_ms), (Some(5000), Some(5000)));
    assert_eq!(record.outcome, Outcome::Answered);
    assert_eq!(
        record.events, 4,
        "calling, ring, link, hang-up: the cdr is the vendor's record"
    );
    assert_eq!(record.duplicates, 1, "the callStatus hangup repeats dialoutHangup");

    // Revision 2 is the cdr, reconciled: the seed's own figures, and no disagreement.
    let revisions = run.revisions(MOOR_CALL);
    assert_eq!(revisions.iter().map(|r| r.revision).collect::<Vec<_>>(), [1, 2, 3]);
    assert_eq!(revisions[0].reconciliation, None);
    let reconciled = revisions[1].reconciliation.as_ref().expect("the cdr");
    assert_eq!(reconciled.disagreements, []);
    let vendor = &reconciled.vendor;
    assert_eq!(vendor.source, "cdr");
    assert_eq!(vendor.initiated_at, Some(utc("2021-05-08T06:39:32Z")), "startTime");
    assert_eq!(vendor.answered_at, Some(utc("2021-05-08T06:39:42Z")), "bridgeTime");
    assert_eq!(vendor.ended_at, Some(utc("2021-05-08T06:39:47Z")), "hangupTime");
    assert_eq!(vendor.ring_ms, Some(5000), "customerRingDuration");
    assert_eq!(vendor.talk_ms, Some(5000), "bridgeDuration");
    assert_eq!(vendor.total_ms, Some(15_000), "totalDuration");
    assert_eq!(vendor.outcome, Some(Outcome::Answered));
    assert_eq!(vendor.disconnected_by, Some(PartyRole::Agent), "hangUpSide");
    // Revision 3: the wrap-up, cut by the end of the input.
    assert_eq!(revisions[2].acw_ms, Some(1000));
    assert!(revisions[2].inferred.iter().any(|field| field == "acw_ms"));
    assert!(
        revisions[2].reconciliation.is_some(),
        "an amendment keeps the reconciliation"
    );

    assert_eq!(
        run.timeline("20001"),
        vec![
            (
                Dialing,
                utc("2021-05-08T06:39:32Z"),
                utc("2021-05-08T06:39:42Z"),
                Some(MOOR_CALL)
            ),
            (
                Talking,
                utc("2021-05-08T06:39:42Z"),
                utc("2021-05-08T06:39:47Z"),
                Some(MOOR_CALL)
            ),
            (
                WorkingAfterCall,
                utc("2021-05-08T06:39:47Z"),
                utc("2021-05-08T06:39:48Z"),
                Some(MOOR_CALL)
            ),
        ]
    );
    assert_eq!(run.intervals[2].closed_by, IntervalEnd::EndOfStream);
    let duplicates: Vec<_> = run
        .notices
        .iter()
        .filter(|n| n.kind == Disposition::Duplicate)
        .collect();
    assert_eq!(duplicates.len(), 1);
    assert_eq!(duplicates[0].vendor_event_type, "callStatus");
    assert!(
        run.dispositions.iter().all(|d| *d == Disposition::Applied),
        "the duplicate still moved the agent"
    );
}

#[test]
fn a_cdr_that_differs_is_listed_field_by_field() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/push_v7/streams/outbound-call.ndjson"
    );
    let text = std::fs::read_to_string(path).expect("the stream");
    let text = text.replace("\"bridgeDuration\":5,", "\"bridgeDuration\":9,");
    let run = run_text(&mut Tracker::default(), &text);
    let record = run.only_call();
    let reconciled = record.reconciliation.as_ref().expect("the cdr");
    let fields: Vec<&str> = reconciled.disagreements.iter().map(|d| d.field.as_str()).collect();
    assert_eq!(fields, ["talk_ms"]);
    assert_eq!(reconciled.disagreements[0].tracker, "5000");
    assert_eq!(reconciled.disagreements[0].vendor, "9000");
}

#[test]
fn seven_moor_inbound_call() {
    // idle, incomingRing + callStatus ring, link, incomingHangup + callStatus hangup, idle.
    let run = run_stream("push_v7/streams/inbound-call.ndjson");
    let record = run.only_call();
    assert_eq!(record.tenant.as_deref(), Some("2000100"));
    assert_eq!(record.direction, Some(Direction::Inbound));
    assert_eq!(record.caller.as_deref(), Some("17319132391"));
    assert_eq!(record.callee.as_deref(), Some("01080455499"));
    assert_eq!(record.related_call_ids, ["393928840994361344"], "superUniqueId");
    assert_eq!(record.agents, ["2000"]);
    let (ring, link, hangup) = (
        utc("2020-12-14T11:12:25Z"),
        utc("2020-12-14T11:12:28Z"),
        utc("2020-12-14T11:12:35Z"),
    );
    assert_eq!(
        (record.alerted_at, record.answered_at, record.ended_at),
        (Some(ring), Some(link), Some(hangup))
    );
    assert_eq!((record.ring_ms, record.talk_ms), (Some(3000), Some(7000)));
    assert_eq!(record.duplicates, 2, "ring and hang-up, each pushed twice");
    let acw = ms(hangup, utc("2020-12-14T11:12:50Z"));
    assert_eq!(record.acw_ms, Some(acw));
    assert_eq!(record.handle_ms, Some(7000 + acw));
    assert_eq!(record.revision, 2);
    assert_eq!(
        run.timeline("2000"),
        vec![
            (Ready, utc("2020-12-14T11:12:10Z"), ring, None),
            (Ringing, ring, link, Some(MOOR_CALL)),
            (Talking, link, hangup, Some(MOOR_CALL)),
            (WorkingAfterCall, hangup, utc("2020-12-14T11:12:50Z"), Some(MOOR_CALL)),
            (Ready, utc("2020-12-14T11:12:50Z"), utc("2020-12-14T11:12:50Z"), None),
        ]
    );
}

/// The receive time of line `n` (1-based) of a stream run by `support::run_text`.
fn line_time(n: u32) -> chrono::DateTime<chrono::Utc> {
    utc(&format!("2024-01-01T00:00:{n:02}Z"))
}

#[test]
fn ccai_snapshots_give_holds_mutes_and_leaving_participants() {
    // login x2, ringing, answered, held, unheld, warm transfer, muted, unmuted, cold transfer,
    // disconnected, logout x2: one line a second.
    let run = run_stream("ccai_qm/streams/inbound-call.ndjson");
    let record = run.only_call();
    assert_eq!(record.vendor, Vendor::GoogleCcai);
    assert_eq!(record.tenant, None, "CCAI payloads carry none");
    assert_eq!(record.call_id, "846802bf90d1");
    assert_eq!(record.direction, Some(Direction::Inbound));
    assert_eq!(record.queue.as_deref(), Some("3"));
    assert_eq!(record.agents, ["1234", "4321"]);
    assert_eq!(record.alerted_at, Some(line_time(3)));
    assert_eq!(record.answered_at, Some(line_time(4)));
    assert_eq!(record.ended_at, Some(line_time(11)));
    assert_eq!(record.hold_count, 1);
    assert_eq!(
        (record.holds[0].start, record.holds[0].end),
        (line_time(5), line_time(6))
    );
    assert_eq!(record.hold_ms, 1000);
    assert_eq!(record.talk_ms, Some(ms(line_time(4), line_time(11)) - 1000));
    assert_eq!(record.transfer_count, 1);
    assert_eq!(record.outcome, Outcome::Answered);

    // The unhold is a `connected` snapshot: only the difference says the user was retrieved.
    let derived: Vec<(EventKind, Option<&str>)> = run
        .events
        .iter()
        .filter(|event| event.derived)
        .map(|event| {
            (
                event.event.kind.clone(),
                event.event.party.as_ref().and_then(|p| p.id.as_deref()),
            )
        })
        .collect();
    assert_eq!(
        derived,
        [
            (EventKind::Retrieved, Some("+123456789")),
            // The muted snapshot's own kind names agent 1234; the other agent is derived.
            (EventKind::Muted, Some("4321")),
            (EventKind::Unmuted, Some("4321")),
            // The cold transfer's snapshot lists 1234 no more.
            (EventKind::ConnectionCleared, Some("1234")),
            (EventKind::ConnectionCleared, Some("+123456789")),
            (EventKind::ConnectionCleared, Some("4321")),
        ]
    );
    // CCAI says nothing of an agent after a call: unknown, inferred.
    assert_eq!(
        run.timeline("1234"),
        vec![
            (Unknown, line_time(1), line_time(3), None),
            (Ringing, line_time(3), line_time(4), Some("846802bf90d1")),
            (Talking, line_time(4), line_time(5), Some("846802bf90d1")),
            (OnHold, line_time(5), line_time(6), Some("846802bf90d1")),
            (Talking, line_time(6), line_time(10), Some("846802bf90d1")),
            (Unknown, line_time(10), line_time(12), None),
        ]
    );
    let last = run.intervals.iter().rfind(|i| i.agent_id == "1234").expect("intervals");
    assert!(last.inferred);
    assert_eq!(last.closed_by, IntervalEnd::LoggedOff);
}

#[test]
fn csta_call_events_resolve_to_agents_and_copies_are_dropped() {
    // Agents 5002 (device 8002) and 5006 (device 8001) log on; 8001 calls 8002; every call
    // event but the first two comes once per monitored device.
    let run = run_stream("csta/streams/agent-call.ndjson");
    let record = run.only_call();
    assert_eq!(record.vendor, Vendor::Csta);
    assert_eq!(record.tenant.as_deref(), Some("zhen04.cc"));
    assert_eq!(record.call_id, "37db6efe-57cc-4053-b0ce-24c96eba66b0");
    assert_eq!(record.agents, ["5002@zhen04.cc", "5006@zhen04.cc"]);
    let t = |time: &str| utc(&format!("2017-03-18T{time}Z"));
    assert_eq!(record.initiated_at, Some(t("06:13:33")));
    assert_eq!(record.alerted_at, Some(t("06:13:34")));
    assert_eq!(record.answered_at, Some(t("06:13:36")));
    assert_eq!(
        record.ended_at,
        Some(t("06:14:16")),
        "8001's connection, the last, cleared"
    );
    assert_eq!((record.ring_ms, record.talk_ms), (Some(2000), Some(40_000)));
    assert_eq!(record.events, 6);
    assert_eq!(record.duplicates, 4);
    assert_eq!(
        record.acw_ms,
        Some(30_000),
        "agentWorkingAfterCall names no call: the agent's last"
    );
    assert_eq!(record.disconnected_by, Some(PartyRole::Agent));
    assert_eq!(run.derived(EventKind::CallCleared).len(), 1);
    assert_eq!(
        run.notices.iter().filter(|n| n.kind == Disposition::Duplicate).count(),
        4
    );

    // Every call event (copies included) names its agent, learnt from the agent events.
    for event in run.events.iter().filter(|e| !e.derived && e.event.call_id.is_some()) {
        let device = event.event.party.as_ref().and_then(|party| party.id.as_deref());
        let expected = match device {
            Some("8001@zhen04.cc") => "5006@zhen04.cc",
            Some("8002@zhen04.cc") => "5002@zhen04.cc",
            other => panic!("device {other:?}"),
        };
        assert_eq!(event.event.agent_id.as_deref(), Some(expected));
        assert_eq!(event.inferred, ["agent_id"]);
    }
    // Busy states come from call events (inferred); when the connection clears the agent is
    // back in its agent mode.
    let call = Some("37db6efe-57cc-4053-b0ce-24c96eba66b0");
    assert_eq!(
        run.timeline("5006@zhen04.cc"),
        vec![
            (Ready, t("06:13:24"), t("06:13:33"), None),
            (Dialing, t("06:13:33"), t("06:13:36"), call),
            (Talking, t("06:13:36"), t("06:14:16"), call),
            (Ready, t("06:14:16"), t("06:14:45"), None),
        ]
    );
    assert_eq!(
        run.timeline("5002@zhen04.cc"),
        vec![
            (Ready, t("06:13:24"), t("06:13:34"), None),
            (Ringing, t("06:13:34"), t("06:13:36"), call),
            (Talking, t("06:13:36"), t("06:14:15"), call),
            (Ready, t("06:14:15"), t("06:14:15"), None),
            (WorkingAfterCall, t("06:14:15"), t("06:14:45"), call),
            (Ready, t("06:14:45"), t("06:14:45"), None),
        ]
    );
}

#[test]
fn a_logged_off_agent_leaves_its_device() {
    // After 5002 logs off, a call event on 8002 names no agent.
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/csta/");
    let logoff = std::fs::read_to_string(format!("{path}agentLoggedOff.json")).expect("fixture");
    let logon = std::fs::read_to_string(format!("{path}agentLoggedOn.json")).expect("fixture");
    let held = std::fs::read_to_string(format!("{path}held.json")).expect("fixture");
    let one_line = |text: &str| {
        serde_json::to_string(&serde_json::from_str::<serde_json::Value>(text).expect("JSON")).expect("JSON")
    };
    let text = [one_line(&logon), one_line(&logoff), one_line(&held)].join("\n");
    let run = run_text(&mut Tracker::default(), &text);
    let held = run
        .events
        .iter()
        .find(|e| e.event.kind == EventKind::Held)
        .expect("held");
    assert_eq!(held.event.agent_id, None);
    assert!(held.inferred.is_empty());
}

#[test]
fn a_mixed_stream_tracks_every_vendor_at_once() {
    // The four vendors' streams interleaved line by line give the same records as alone.
    let streams = [
        "push_v7/streams/outbound-call.ndjson",
        "csta/streams/agent-call.ndjson",
        "aliyun_v2/scenarios/inbound-via-ivr.ndjson",
        "push_v7/streams/inbound-call.ndjson",
    ];
    let texts: Vec<String> = streams
        .iter()
        .map(|s| std::fs::read_to_string(format!("{}/fixtures/{s}", env!("CARGO_MANIFEST_DIR"))).expect("stream"))
        .collect();
    let mut lines: Vec<&str> = Vec::new();
    let mut iters: Vec<_> = texts.iter().map(|t| t.lines()).collect();
    loop {
        let mut any = false;
        for lines_of in iters.iter_mut() {
            if let Some(line) = lines_of.next() {
                lines.push(line);
                any = true;
            }
        }
        if !any {
            break;
        }
    }
    let mixed = run_text(&mut Tracker::default(), &lines.join("\n"));
    let mut alone: Vec<_> = streams
        .iter()
        .flat_map(|s| run_stream(s).finals().into_iter().cloned().collect::<Vec<_>>())
        .collect();
    let mut together: Vec<_> = mixed.finals().into_iter().cloned().collect();
    let key = |r: &cc_events::track::CallRecord| (r.vendor.clone(), r.tenant.clone(), r.call_id.clone());
    alone.sort_by_key(key);
    together.sort_by_key(key);
    assert_eq!(together.len(), 4);
    for (a, b) in alone.iter().zip(&together) {
        // The two 7moor calls share an id but not a tenant.
        assert_eq!(key(a), key(b));
        assert_eq!(a.outcome, b.outcome);
        assert_eq!(a.talk_ms, b.talk_ms);
        assert_eq!(a.agents, b.agents);
    }
}

/// A chat session gets a record like a call, marked `media: chat`, so that counting calls
/// never counts a chat; a voice call's record has no `media`.
#[test]
fn chat_sessions_get_records_marked_as_chats() {
    use cc_events::common::Media;
    use cc_events::track::Tracker;
    let received = "2026-01-01T00:00:00Z".parse().expect("a time");
    let mut tracker = Tracker::default();
    let mut records = Vec::new();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/ccai_chat");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("the chat fixtures")
        .map(|entry| entry.expect("an entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    paths.sort();
    for path in &paths {
        let event = cc_events::parse(&std::fs::read(path).expect("readable")).expect("a chat event");
        records.extend(tracker.track(&event, Some(received)).calls);
    }
    records.extend(tracker.finish().calls);
    assert!(!records.is_empty());
    for record in &records {
        assert_eq!(record.media, Some(Media::Chat), "{}", record.call_id);
        let line = serde_json::to_value(record).expect("serialises");
        assert_eq!(line["media"], "chat");
    }
    let voice = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/ccai_qm/streams/inbound-call.ndjson"),
    )
    .expect("a stream");
    let mut tracker = Tracker::default();
    let mut calls = Vec::new();
    for line in voice.lines().filter(|line| !line.trim().is_empty()) {
        calls.extend(
            tracker
                .track(&cc_events::parse(line.as_bytes()).expect("parses"), Some(received))
                .calls,
        );
    }
    calls.extend(tracker.finish().calls);
    assert!(!calls.is_empty());
    assert!(calls.iter().all(|record| record.media.is_none()));
}
