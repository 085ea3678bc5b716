//! Baselines: record today's findings, then report only new ones, whatever moves around.

#[path = "support/run.rs"]
mod support;

use std::path::Path;
use std::process::Output;

use support::run_in;

fn rules_fired(o: &Output) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    v["diagnostics"]
        .as_array()
        .expect("array")
        .iter()
        .map(|d| format!("{}@{}", d["rule"].as_str().unwrap_or(""), d["line"]))
        .collect()
}

const CHECK: &[&str] = &["--no-config", "--part", "outcome", "--format", "json"];

fn check(dir: &Path, extra: &[&str]) -> Output {
    let mut args = CHECK.to_vec();
    args.extend_from_slice(extra);
    args.push("steps.txt");
    run_in(dir, &args)
}

#[test]
fn only_new_findings_are_reported_after_a_baseline() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    std::fs::write(
        d.join("steps.txt"),
        "By July 2027, Sam will begin to read.\nBy July 2027, Ola will swim 10 metres.\n",
    )
    .expect("write");
    let o = check(d, &["--write-baseline", "baseline.json"]);
    assert_eq!(
        rules_fired(&o),
        ["hedged-outcome@1"],
        "the report is still printed"
    );
    let baseline = std::fs::read_to_string(d.join("baseline.json")).expect("written");
    assert!(!baseline.contains("Sam"), "the baseline holds no plan text");

    // Same text, moved down a line and with a blank line added: nothing new.
    std::fs::write(
        d.join("steps.txt"),
        "By July 2027, Ola will swim 10 metres.\n\nBy July 2027, Sam will  begin to read.\n",
    )
    .expect("write");
    assert!(rules_fired(&check(d, &["--baseline", "baseline.json"])).is_empty());

    // A second copy of the same problem, and a new one, are reported.
    std::fs::write(
        d.join("steps.txt"),
        "By July 2027, Sam will begin to read.\nBy July 2027, Sam will begin to read.\n\
         By July 2027, Ola might swim 10 metres.\n",
    )
    .expect("write");
    let o = check(d, &["--baseline", "baseline.json"]);
    assert_eq!(rules_fired(&o), ["hedged-outcome@2", "hedged-outcome@3"]);
}

#[test]
fn a_missing_or_bad_baseline_is_an_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    std::fs::write(d.join("steps.txt"), "By July 2027, Sam will read.\n").expect("write");
    assert_eq!(
        check(d, &["--baseline", "none.json"]).status.code(),
        Some(2)
    );
    std::fs::write(d.join("bad.json"), "{\"version\": 1}").expect("write");
    let o = check(d, &["--baseline", "bad.json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("bad.json"));
}
