//! `--redact`: no name from a plan's header, and no child's name used as a subject, survives in
//! any output format.

use std::process::Command;

use regex::RegexBuilder;

const FORMATS: &[&str] = &[
    "human", "concise", "json", "sarif", "github", "junit", "html",
];

fn run(args: &[&str]) -> (Option<i32>, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_outcome-lint"))
        .args(args)
        .output()
        .expect("binary runs");
    (
        o.status.code(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        ),
    )
}

/// The names in a plan's `Name:` and `Preferred name:` header lines.
fn header_names(plan: &str) -> Vec<String> {
    let mut names = Vec::new();
    for line in plan.lines() {
        let lower = line.to_lowercase();
        for key in [
            "name:",
            "preferred name:",
            "child's name:",
            "name of child:",
        ] {
            if let Some(rest) = lower.strip_prefix(key) {
                let start = line.len() - rest.len();
                names.extend(line[start..].split_whitespace().map(str::to_string));
            }
        }
    }
    names
}

fn assert_no_name(output: &str, names: &[String], context: &str) {
    for name in names {
        let pattern = RegexBuilder::new(&format!(r"\b{}\b", regex::escape(name)))
            .case_insensitive(true)
            .build()
            .expect("regex");
        assert!(
            !pattern.is_match(output),
            "{context}: '{name}' survives:\n{output}"
        );
    }
}

#[test]
fn no_header_name_survives_in_any_format() {
    for plan in [
        "examples/amira-year4.md",
        "examples/kofi-year10.txt",
        "examples/com-record-leo.txt",
    ] {
        let text = std::fs::read_to_string(plan).expect("example plan");
        let names = header_names(&text);
        assert!(!names.is_empty(), "{plan} has a Name: header");
        let (plain_status, plain) = run(&["--no-config", "--format", "human", plan]);
        assert!(
            names.iter().any(|n| plain.contains(n.as_str())),
            "{plan}: the unredacted report shows the name, so this test can fail"
        );
        for format in FORMATS {
            let (status, redacted) = run(&["--no-config", "--redact", "--format", format, plan]);
            assert_eq!(status, plain_status, "{plan} {format}: same exit status");
            assert_no_name(&redacted, &names, &format!("{plan} --format {format}"));
        }
    }
}

#[test]
fn names_used_as_subjects_are_redacted_too() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("steps.txt");
    std::fs::write(
        &file,
        "Kemi will begin to read 50 common words.\nBy July 2027, Tomasz might swim 10 metres.\n",
    )
    .expect("write");
    let path = file.to_str().expect("utf-8 path");
    for format in FORMATS {
        let (_, out) = run(&[
            "--no-config",
            "--redact",
            "--part",
            "outcome",
            "--format",
            format,
            path,
        ]);
        assert_no_name(&out, &["Kemi".into(), "Tomasz".into()], format);
        if *format == "human" {
            assert!(out.contains("K. will begin to read"), "{out}");
        }
    }
}

#[test]
fn redacted_json_still_points_at_the_flagged_words() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("steps.txt");
    std::fs::write(&file, "Oluwaseun will begin to read by July 2027.\n").expect("write");
    let (_, out) = run(&[
        "--no-config",
        "--redact",
        "--part",
        "outcome",
        "--format",
        "json",
        file.to_str().expect("utf-8 path"),
    ]);
    let json_end = out.rfind('}').map(|i| i + 1).unwrap_or(out.len());
    let v: serde_json::Value = serde_json::from_str(&out[..json_end]).expect("JSON");
    let d = &v["diagnostics"][0];
    assert_eq!(d["rule"], "hedged-outcome");
    // "O. will begin to read": 'begin to' starts at column 9.
    assert_eq!(d["column"], 9);
    assert_eq!(d["span"]["start"], 8);
    assert_eq!(d["span"]["end"], 16);
}

#[test]
fn names_in_quoted_words_are_redacted_in_every_format() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("plan.md");
    std::fs::write(
        &file,
        concat!(
            "Name: Jaylen Okafor\n",
            "Preferred name: Jay\n\n",
            "## Section A: Aspirations\n\n",
            "Jay: \u{201C}I want to be a vet like Auntie Funmi.\u{201D}\n\n",
            "## Section E: Outcomes\n\n",
            "E1. By July 2027, Jay will understand \"taking turns with Marcus and Priya\".\n",
            "E2. Jay will begin to say \"hello Marcus\" at the gate.\n",
        ),
    )
    .expect("write");
    let path = file.to_str().expect("utf-8 path");
    let quoted: Vec<String> = ["Funmi", "Marcus", "Priya"].map(String::from).to_vec();
    let (_, plain) = run(&["--no-config", "--format", "html", path]);
    for name in &quoted {
        assert!(
            plain.contains(name.as_str()),
            "the unredacted report shows {name}, so this test can fail"
        );
    }
    let mut all: Vec<String> = quoted.clone();
    all.extend(["Jaylen", "Okafor", "Jay"].map(String::from));
    for format in FORMATS {
        let (_, out) = run(&["--no-config", "--redact", "--format", format, path]);
        assert_no_name(&out, &all, &format!("--format {format}"));
    }
}
