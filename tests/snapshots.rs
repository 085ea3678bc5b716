//! Snapshots of the human report, so any change to what an officer sees is reviewed.
//! Update with `INSTA_UPDATE=always cargo test --test snapshots` and read the diff.

use std::process::Command;

fn human(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_outcome-lint"))
        .args(["--color", "never"])
        .args(args)
        .output()
        .expect("binary runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn human_report_on_an_example_plan() {
    insta::assert_snapshot!(human(&["examples/com-record-leo.txt"]));
}

#[test]
fn golden_thread_finding_shows_both_ends() {
    let report = human(&["corpus/plans/layout1-separate-sections.md"]);
    let finding: String = report
        .split("\n\n")
        .filter(|block| block.contains("[outcome-without-aspiration]"))
        .collect::<Vec<_>>()
        .join("\n\n");
    assert!(
        finding.contains("the nearest aspiration") || finding.contains("Section A"),
        "{finding}"
    );
    insta::assert_snapshot!(finding);
}
