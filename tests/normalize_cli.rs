//! The main job as a hostile user would run it: closed pipes, symlink loops, unreadable and
//! non-regular files, pinned times, and the summary's words.
#![cfg(all(feature = "aliyun_v2", feature = "push_v7", feature = "csta", feature = "ccai_qm"))]

mod support;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};
use support::scratch::Scratch;

fn normalize() -> Command {
    Command::new(env!("CARGO_BIN_EXE_normalize"))
}

fn fixtures(schema: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures").join(schema)
}

/// Runs `command` to its end, killing it (and failing) after `limit`.
fn run_within(mut command: Command, limit: Duration) -> Output {
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starts");
    let started = Instant::now();
    loop {
        if child.try_wait().expect("waits").is_some() {
            return child.wait_with_output().expect("output");
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            panic!("normalize hung for {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn stderr_of(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A pipe whose reading end is already closed, as `| true` leaves it.
// The tests need a newer toolchain than the library's MSRV anyway (criterion: 1.86).
#[allow(clippy::incompatible_msrv)]
fn closed_pipe() -> Stdio {
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    Stdio::from(writer)
}

/// Runs normalize with `args` and its standard output closed; gives its status and stderr.
fn with_stdout_closed(args: &[&std::ffi::OsStr]) -> (Option<i32>, String) {
    let mut child = normalize()
        .args(args)
        .stdout(closed_pipe())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starts");
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .expect("piped")
        .read_to_string(&mut stderr)
        .expect("reads");
    (child.wait().expect("ends").code(), stderr)
}

#[test]
fn a_closed_stdout_ends_the_run_quietly_with_status_3() {
    let all = fixtures("");
    let (code, stderr) = with_stdout_closed(&[all.as_os_str()]);
    assert_eq!(code, Some(3), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stderr.contains("output was cut"), "{stderr}");
    // --help into a closed pipe, too.
    let (code, stderr) = with_stdout_closed(&["--help".as_ref()]);
    assert_eq!(code, Some(3), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn a_closed_stderr_ends_the_run_quietly_with_status_3() {
    let status = normalize()
        .arg(fixtures("aliyun_v2").join("invalid"))
        .stdout(Stdio::null())
        .stderr(closed_pipe())
        .status()
        .expect("runs");
    assert_eq!(status.code(), Some(3));
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_is_reported_and_every_file_is_read_once() {
    let dir = Scratch::new("loop");
    std::fs::create_dir(dir.join("a")).expect("mkdir");
    std::fs::copy(fixtures("csta").join("held.json"), dir.join("a").join("held.json")).expect("copy");
    std::os::unix::fs::symlink("..", dir.join("a").join("up")).expect("symlink");
    std::os::unix::fs::symlink(dir.join("a"), dir.join("again")).expect("symlink");
    let mut command = normalize();
    command.arg(&dir).args(["--received-at", "2026-12-01T00:00:00Z"]);
    let output = run_within(command, Duration::from_secs(20));
    let stderr = stderr_of(&output);
    assert_eq!(String::from_utf8_lossy(&output.stdout).lines().count(), 1, "{stderr}");
    assert!(stderr.contains("a directory already read"), "{stderr}");
    assert!(
        stderr.contains("1 document read, 1 converted, 0 failed, 2 inputs skipped"),
        "{stderr}"
    );
    assert_eq!(output.status.code(), Some(1));
}

#[cfg(unix)]
#[test]
fn fifos_and_unreadable_entries_are_reported_with_their_path_and_skipped() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    let dir = Scratch::new("odd");
    for name in ["a.json", "z.json"] {
        std::fs::copy(fixtures("csta").join("held.json"), dir.join(name)).expect("copy");
    }
    let fifo = dir.join("pipe.json");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo runs");
    assert!(made.success());
    std::fs::create_dir(dir.join("locked")).expect("mkdir");
    std::fs::copy(fixtures("csta").join("held.json"), dir.join("locked").join("x.json")).expect("copy");
    std::fs::copy(fixtures("csta").join("held.json"), dir.join("secret.json")).expect("copy");
    std::fs::set_permissions(dir.join("secret.json"), std::fs::Permissions::from_mode(0o000)).expect("chmod");
    std::fs::set_permissions(dir.join("locked"), std::fs::Permissions::from_mode(0o000)).expect("chmod");
    let mut command = normalize();
    command.arg(&dir);
    // Permissions do not stop root: run as nobody when the tests run as root.
    if std::fs::read(dir.join("secret.json")).is_ok() {
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        command.uid(65534).gid(65534);
    }
    let output = run_within(command, Duration::from_secs(20));
    let stderr = stderr_of(&output);
    std::fs::set_permissions(dir.join("locked"), std::fs::Permissions::from_mode(0o755)).expect("chmod");
    assert!(
        stderr.contains(&format!("{}: skipped: not a regular file", fifo.display())),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("{}: skipped: ", dir.join("secret.json").display())),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("{}: skipped: ", dir.join("locked").display())),
        "{stderr}"
    );
    assert!(
        stderr.contains("2 documents read, 2 converted, 0 failed, 3 inputs skipped"),
        "{stderr}"
    );
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn received_at_offset_and_tenant_pin_the_output() {
    let run = |extra: &[&str]| {
        let mut command = normalize();
        command.arg(fixtures("ccai_qm")).arg(fixtures("csta")).args(extra);
        let output = run_within(command, Duration::from_secs(20));
        assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
        String::from_utf8(output.stdout).expect("UTF-8")
    };
    let pinned = [
        "--received-at",
        "2026-12-01T08:00:00+08:00",
        "--offset",
        "+00:00",
        "--tenant",
        "t1",
    ];
    let first = run(&pinned);
    assert_eq!(run(&pinned), first, "the same input, the same output");
    assert!(
        first.contains(r#""utc":"2026-12-01T00:00:00.000Z""#),
        "receive time used"
    );
    assert!(first.contains(r#""tenant":"t1""#), "tenant used");
    // csta held.json's local 2017.03.18 14:37:57 read at +00:00 rather than the default +08:00.
    assert!(first.contains(r#""utc":"2017-03-18T14:37:57.000Z""#), "offset used");
}

#[test]
fn the_common_only_path_writes_what_the_full_path_writes() {
    // A plain run reads each document straight into the common vocabulary; `--check` (a round
    // trip of every vendor event) takes the full path: parse, then convert. Every fixture,
    // the malformed ones included, and a stream with a bad document between good ones.
    let dir = Scratch::new("paths");
    let good = std::fs::read_to_string(fixtures("push_v7").join("cdr.json")).expect("fixture");
    let mut file = std::fs::File::create(dir.join("stream.json")).expect("create");
    write!(file, "{good}\n{{\"pushType\": \n{{\"hello\": 1}}\n{good}\n").expect("write");
    drop(file);
    let run = |extra: &[&str]| {
        let mut command = normalize();
        command
            .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures"))
            .arg(dir.join("stream.json"))
            .args(["--received-at", "2026-12-01T00:00:00Z"])
            .args(extra);
        // Read as it runs: the output is larger than a pipe holds.
        let output = command.output().expect("runs");
        let stderr = stderr_of(&output);
        (
            output.status.code(),
            String::from_utf8(output.stdout).expect("UTF-8"),
            stderr,
        )
    };
    let (common_status, common_out, common_err) = run(&[]);
    let (full_status, full_out, full_err) = run(&["--check"]);
    assert_eq!(common_status, full_status);
    assert!(common_out.lines().count() > 100, "{common_err}");
    assert_eq!(common_out, full_out);
    assert_eq!(common_err, full_err);
    assert_eq!(common_err.matches("stream.json:").count(), 2, "{common_err}");
}

#[test]
fn a_truncated_pretty_document_costs_one_failure_and_the_summary_counts_in_words() {
    let dir = Scratch::new("pretty");
    let good = std::fs::read_to_string(fixtures("csta").join("held.json")).expect("fixture");
    let value: serde_json::Value = serde_json::from_str(&good).expect("JSON");
    let pretty = serde_json::to_string_pretty(&value).expect("pretty");
    let cut = &pretty[..pretty.len() / 2];
    let mut file = std::fs::File::create(dir.join("stream.json")).expect("create");
    write!(file, "{pretty}\n{cut}\n{pretty}\n").expect("write");
    drop(file);
    let mut command = normalize();
    command.arg(dir.join("stream.json"));
    let output = run_within(command, Duration::from_secs(20));
    let stderr = stderr_of(&output);
    assert_eq!(stderr.matches("stream.json:").count(), 1, "one failure: {stderr}");
    assert!(
        stderr.contains("3 documents read, 2 converted, 1 failed, 0 inputs skipped"),
        "{stderr}"
    );
    assert_eq!(output.status.code(), Some(1));

    let mut command = normalize();
    command.arg(fixtures("csta").join("held.json"));
    let output = run_within(command, Duration::from_secs(20));
    assert!(stderr_of(&output).contains("1 document read, 1 converted, 0 failed, 0 inputs skipped"));
    let mut command = normalize();
    command.arg(dir.join("empty.json"));
    std::fs::write(dir.join("empty.json"), " \n").expect("write");
    let output = run_within(command, Duration::from_secs(20));
    assert!(stderr_of(&output).contains("no documents read: the input is empty"));
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn usage_errors_say_what_is_wrong() {
    for (args, says) in [
        (&["--received-at", "yesterday"][..], "expected an RFC 3339 time"),
        (&["--offset", "8"][..], "expected an offset"),
        (&["--tenant"][..], "--tenant needs a value"),
        (&["--frobnicate"][..], "unknown option --frobnicate"),
    ] {
        let mut command = normalize();
        command.args(args);
        let output = run_within(command, Duration::from_secs(20));
        assert_eq!(output.status.code(), Some(2));
        assert!(stderr_of(&output).contains(says), "{args:?}: {}", stderr_of(&output));
    }
}
