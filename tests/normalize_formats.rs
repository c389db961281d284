//! The main job's output formats: `--format common` (the default) and `--format cloudevents`.
#![cfg(all(feature = "aliyun_v2", feature = "push_v7", feature = "csta", feature = "ccai_qm"))]

mod support;

use std::process::{Command, Output};

fn normalize(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_normalize"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("normalize runs")
}

fn lines(output: &Output) -> Vec<serde_json::Value> {
    String::from_utf8(output.stdout.clone())
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

#[test]
fn an_unknown_format_is_a_usage_error() {
    let output = normalize(&["--format", "xml", "fixtures/aliyun_v2/Released.json"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--format \"xml\""));
}

#[test]
fn common_is_the_default_format() {
    let plain = normalize(&["fixtures/aliyun_v2/Released.json"]);
    let common = normalize(&["--format", "common", "fixtures/aliyun_v2/Released.json"]);
    assert!(plain.status.success());
    assert_eq!(plain.stdout, common.stdout);
    assert_eq!(lines(&plain)[0]["kind"], "connection_cleared");
}

#[cfg(feature = "cloudevents")]
#[test]
fn cloudevents_lines_wrap_the_common_events_with_stable_ids() {
    let args = [
        "--format",
        "cloudevents",
        "--received-at",
        "2021-01-01T00:00:00Z",
        "fixtures",
    ];
    let first = normalize(&args);
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    let events = lines(&first);
    let common = lines(&normalize(&["--received-at", "2021-01-01T00:00:00Z", "fixtures"]));
    assert_eq!(events.len(), common.len());
    assert!(events.len() > 300);
    for (cloud, common) in events.iter().zip(&common) {
        assert_eq!(cloud["specversion"], "1.0");
        assert_eq!(&cloud["data"], common, "data is the common event");
        let kind = common["kind"].as_str().unwrap();
        assert_eq!(cloud["type"], format!("dev.cc-events.{kind}.v1"));
    }
    // A replay with the same receive time gives the same lines, ids included.
    assert_eq!(normalize(&args).stdout, first.stdout);
}

/// The tracker's lines are not events: asking for them in an event format is a usage error,
/// not a format silently ignored.
#[cfg(feature = "cloudevents")]
#[test]
fn tracker_lines_take_no_event_format() {
    for flag in ["--calls", "--agents", "--summary"] {
        let output = normalize(&[flag, "--format", "cloudevents", "fixtures/aliyun_v2/scenarios"]);
        assert_eq!(output.status.code(), Some(2), "{flag}");
        assert!(output.stdout.is_empty(), "{flag}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("take no --format"), "{flag}: {stderr}");
        let common = normalize(&[flag, "--format", "common", "fixtures/aliyun_v2/scenarios"]);
        assert!(common.status.success(), "{flag}: the default format is fine");
    }
}

#[cfg(not(feature = "cloudevents"))]
#[test]
fn cloudevents_needs_its_feature() {
    let output = normalize(&["--format", "cloudevents", "fixtures/aliyun_v2/Released.json"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("cloudevents feature"));
}

#[cfg(feature = "parquet")]
#[test]
fn parquet_files_land_partitioned_under_out() {
    use cc_events::columnar::from_batch;
    use cc_events::columnar::parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
    let scratch = support::scratch::Scratch::new("cli-parquet");
    let dir = scratch.path().join("out");
    let out = dir.to_str().unwrap();
    let run = normalize(&[
        "--format",
        "parquet",
        "--out",
        out,
        "--received-at",
        "2021-01-01T00:00:00Z",
        "fixtures",
    ]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    assert!(run.stdout.is_empty(), "the events go to files");
    assert!(String::from_utf8_lossy(&run.stderr).contains("Parquet files written"));
    let common = lines(&normalize(&["--received-at", "2021-01-01T00:00:00Z", "fixtures"]));
    let mut rows = Vec::new();
    let mut stack = vec![dir.clone()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let relative = path.strip_prefix(&dir).unwrap().to_string_lossy().into_owned();
                assert!(
                    relative.starts_with("date=") && relative.contains("/vendor="),
                    "{relative}"
                );
                let reader = ParquetRecordBatchReaderBuilder::try_new(std::fs::File::open(&path).unwrap())
                    .unwrap()
                    .build()
                    .unwrap();
                for batch in reader {
                    for event in from_batch(&batch.unwrap()).unwrap() {
                        rows.push(serde_json::to_value(event).unwrap());
                    }
                }
            }
        }
    }
    let key = |value: &serde_json::Value| value.to_string();
    let mut expected = common.clone();
    expected.sort_by_key(key);
    rows.sort_by_key(key);
    assert_eq!(rows, expected, "the files hold exactly the common events");
}

#[test]
fn out_without_parquet_is_a_usage_error() {
    let output = normalize(&["--out", "somewhere", "fixtures/aliyun_v2/Released.json"]);
    assert_eq!(output.status.code(), Some(2));
}
