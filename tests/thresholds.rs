//! Exit status thresholds, statistics, and `--output` (atomic, never over an input).

use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_outcome-lint"))
        .args(args)
        .output()
        .expect("binary runs")
}

/// A statement list with exactly two warnings (no-timeframe, hedged-outcome) and no errors.
fn two_warnings() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("steps.txt");
    std::fs::write(&file, "Sam will begin to use full stops.\n").expect("write");
    let path = file.to_str().expect("utf-8 path").to_string();
    (dir, path)
}

#[test]
fn warnings_alone_pass() {
    let (_dir, path) = two_warnings();
    let o = run(&["--part", "outcome", &path]);
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn max_warnings_fails_only_above_the_limit() {
    let (_dir, path) = two_warnings();
    let at = run(&["--part", "outcome", "--max-warnings", "2", &path]);
    assert_eq!(at.status.code(), Some(0));
    let above = run(&["--part", "outcome", "--max-warnings", "1", &path]);
    assert_eq!(above.status.code(), Some(1));
}

#[test]
fn deny_warnings_makes_warnings_fail() {
    let (_dir, path) = two_warnings();
    let o = run(&["--part", "outcome", "--deny", "warnings", &path]);
    assert_eq!(o.status.code(), Some(1));
    let bad = run(&["--part", "outcome", "--deny", "typos", &path]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn statistics_go_to_stderr_and_leave_json_alone() {
    let (_dir, path) = two_warnings();
    let o = run(&[
        "--part",
        "outcome",
        "--format",
        "json",
        "--statistics",
        &path,
    ]);
    serde_json::from_slice::<serde_json::Value>(&o.stdout).expect("stdout is still pure JSON");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("findings by rule"), "{err}");
    assert!(err.contains("1  warning  hedged-outcome"), "{err}");
    assert!(err.contains("2  total"), "{err}");
}

#[test]
fn output_writes_the_report_to_a_file() {
    let (dir, path) = two_warnings();
    let report = dir.path().join("report.sarif");
    let o = run(&[
        "--part",
        "outcome",
        "--format",
        "sarif",
        "--output",
        report.to_str().expect("utf-8"),
        &path,
    ]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        o.stdout.is_empty(),
        "nothing on stdout when --output is given"
    );
    let text = std::fs::read_to_string(&report).expect("report written");
    let v: serde_json::Value = serde_json::from_str(&text).expect("SARIF");
    assert_eq!(v["runs"][0]["results"].as_array().map(Vec::len), Some(2));
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary file left behind");
}

#[test]
fn output_refuses_to_overwrite_an_input() {
    let (_dir, path) = two_warnings();
    let before = std::fs::read(&path).expect("read");
    let o = run(&["--part", "outcome", "--output", &path, &path]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("never writes to its inputs"));
    assert_eq!(std::fs::read(&path).expect("read"), before);
}

#[test]
fn human_report_in_a_file_has_no_colour_codes() {
    let (dir, path) = two_warnings();
    let report = dir.path().join("report.txt");
    let o = run(&[
        "--part",
        "outcome",
        "--color",
        "always",
        "-o",
        report.to_str().expect("utf-8"),
        &path,
    ]);
    assert_eq!(o.status.code(), Some(0));
    let text = std::fs::read_to_string(&report).expect("report");
    assert!(text.contains("hedged-outcome") && !text.contains('\u{1b}'));
}
