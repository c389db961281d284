//! `normalize --calls`, `--agents`, `--summary`: the tracker from the command line.
#![cfg(all(feature = "aliyun_v2", feature = "push_v7", feature = "csta", feature = "ccai_qm"))]

mod support;

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn normalize(args: &[&str], paths: &[PathBuf]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_normalize"))
        .args(args)
        .args(paths)
        .output()
        .expect("runs")
}

fn stream(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures").join(relative)
}

fn json_lines(output: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{line}: {e}")))
        .collect()
}

#[test]
fn calls_prints_each_revision_of_each_record() {
    let output = normalize(&["--calls"], &[stream("push_v7/streams/outbound-call.ndjson")]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let records = json_lines(&output);
    let revisions: Vec<i64> = records.iter().map(|r| r["revision"].as_i64().unwrap_or(0)).collect();
    assert_eq!(revisions, [1, 2, 3]);
    let last = &records[2];
    assert_eq!(last["call_id"], "403344537650466816");
    assert_eq!(last["outcome"], "answered");
    assert_eq!(last["ring_ms"], 5000);
    assert_eq!(last["talk_ms"], 5000);
    assert_eq!(last["answered_at"], "2021-05-08T06:39:42Z");
    assert_eq!(last["reconciliation"]["disagreements"], Value::Array(Vec::new()));
    // The run's counts still go to standard error.
    assert!(String::from_utf8_lossy(&output.stderr).contains("6 documents read, 6 converted"));
}

#[test]
fn agents_prints_intervals() {
    let output = normalize(
        &["--agents"],
        &[stream("aliyun_v2/scenarios/agent-login-and-break.ndjson")],
    );
    assert!(output.status.success());
    let intervals = json_lines(&output);
    let states: Vec<&str> = intervals.iter().filter_map(|i| i["state"].as_str()).collect();
    assert_eq!(states, ["unknown", "ready", "not_ready", "ready"]);
    assert_eq!(intervals[2]["reason_code"], "Lunch");
    assert_eq!(intervals[3]["closed_by"], "logged_off");
    assert!(intervals.iter().all(|i| i.get("outcome").is_none()));
}

#[test]
fn calls_and_agents_together_and_pinned_receive_times() {
    let args = ["--calls", "--agents", "--received-at", "2024-01-01T00:00:00Z"];
    let path = [stream("ccai_qm/streams/inbound-call.ndjson")];
    let first = normalize(&args, &path);
    let lines = json_lines(&first);
    let records = lines.iter().filter(|l| l.get("outcome").is_some()).count();
    let intervals = lines.iter().filter(|l| l.get("state").is_some()).count();
    assert_eq!(records, 1);
    assert!(intervals >= 6);
    // The same input, the same output.
    assert_eq!(first.stdout, normalize(&args, &path).stdout);
}

#[test]
fn summary_prints_a_table_and_the_kpis() {
    let output = normalize(&["--summary"], &[stream("push_v7/streams"), stream("csta/streams")]);
    assert!(output.status.success());
    let text = String::from_utf8_lossy(&output.stdout);
    let mut lines = text.lines();
    assert!(
        lines
            .next()
            .is_some_and(|header| header.starts_with("vendor") && header.contains("talk_s"))
    );
    assert!(text.matches("answered").count() >= 3, "{text}");
    assert!(text.contains("KPIs (service level at 20 s)"));
    assert!(text.contains("all calls"));
    assert!(text.contains("agent 5002@zhen04.cc"));
    assert!(!text.contains('{'), "no JSON with --summary alone");
}

#[test]
fn without_a_tracking_flag_the_output_is_unchanged() {
    let output = normalize(&[], &[stream("aliyun_v2/scenarios/ivr-abandoned.ndjson")]);
    let events = json_lines(&output);
    assert_eq!(events.len(), 2);
    assert_eq!(events[1]["kind"], "abandoned");
}

/// More calls than the tracker remembers: the table's rows come as calls become final, none
/// is lost or repeated, and the KPIs count every call once.
#[test]
fn summary_of_more_calls_than_remembered_counts_each_once() {
    const CALLS: usize = 4_200;
    let text = std::fs::read_to_string(stream("aliyun_v2/scenarios/ivr-abandoned.ndjson")).expect("a stream");
    let mut lines = String::new();
    for n in 0..CALLS {
        lines.push_str(&text.replace("job-f8e9639a", &format!("job-{n:08}")));
    }
    let scratch = support::scratch::Scratch::new("summary");
    let path = scratch.join("calls.ndjson");
    std::fs::write(&path, lines).expect("writes");
    let output = normalize(&["--summary"], std::slice::from_ref(&path));
    assert!(output.status.success());
    let text = String::from_utf8_lossy(&output.stdout);
    let rows: Vec<&str> = text.lines().filter(|l| l.starts_with("alibaba_cloud")).collect();
    assert_eq!(rows.len(), CALLS);
    let unique: std::collections::HashSet<&str> = rows.iter().filter_map(|r| r.split_whitespace().nth(1)).collect();
    assert_eq!(unique.len(), CALLS, "no call twice");
    assert_eq!(
        text.lines().filter(|l| l.starts_with("vendor")).count(),
        1,
        "one header"
    );
    let all = text.lines().find(|l| l.contains("all calls")).expect("the KPIs");
    assert!(all.contains(&format!("calls  {CALLS}")), "{all}");
    assert!(all.contains(&format!("abandoned  {CALLS}")), "{all}");
}

/// Two calls of one id in two tenants that end at the same moment: their rows come in one
/// order, by tenant, whatever the order of the input and the hash seed of the run.
#[test]
fn summary_rows_of_calls_that_end_together_come_in_a_fixed_order() {
    let text = std::fs::read_to_string(stream("aliyun_v2/scenarios/two-leg-call.ndjson")).expect("a stream");
    // Tenant a's call rings a second later than tenant b's: a visible difference in its row.
    let a = text
        .replace("report-test-2", "tenant-a")
        .replacen("03:45:01.207Z", "03:45:02.207Z", 1);
    let b = text.replace("report-test-2", "tenant-b");
    let scratch = support::scratch::Scratch::new("ties");
    let path = scratch.join("calls.ndjson");
    std::fs::write(&path, format!("{b}{a}")).expect("writes");
    let rows = |output: Output| -> Vec<String> {
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8_lossy(&output.stdout)
            .lines()
            .filter(|line| line.starts_with("alibaba_cloud"))
            .map(str::to_owned)
            .collect()
    };
    for _ in 0..6 {
        let found = rows(normalize(&["--summary"], std::slice::from_ref(&path)));
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].contains(" 10.6 "), "tenant a first: {found:?}");
        assert!(found[1].contains(" 11.6 "), "tenant b second: {found:?}");
    }
}
