//! Whole-command tests: the binary as a user runs it (exit codes, formats, standard input,
//! statement mode, folders, bad input).

#[path = "support/run.rs"]
mod support;

use std::path::Path;

use support::{assert_no_panic, run, run_stdin, stderr, stdout};

#[test]
fn statement_mode_json_matches_the_v1_contract() {
    let o = run_stdin(
        &["check", "--part", "outcome", "--format", "json", "-"],
        b"Sam will receive weekly speech therapy.\n",
    );
    assert_no_panic(&o);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
    assert_eq!(v["version"], 1);
    let diags = v["diagnostics"].as_array().expect("diagnostics array");
    let d = diags
        .iter()
        .find(|d| d["rule"] == "provision-as-outcome")
        .expect("provision-as-outcome reported");
    for key in [
        "rule",
        "severity",
        "message",
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "span",
        "part",
        "item",
        "location",
        "help",
        "reference",
    ] {
        assert!(d.get(key).is_some(), "missing key {key} in {d}");
    }
    assert_eq!(d["path"], "-");
    assert_eq!(d["line"], 1);
    assert_eq!(d["column"], 5);
    assert_eq!(d["span"]["start"], 4);
    assert_eq!(d["span"]["end"], 16);
    assert_eq!(d["part"], "outcome");
    assert!(d["reference"].as_str().unwrap().contains("9.66"));
    assert_eq!(v["summary"]["files"], 1);
}

#[test]
fn concise_format_and_exit_status() {
    let o = run_stdin(
        &["--part", "outcome", "--format", "concise", "-"],
        b"By July 2027, Cleo will be more confident.\nBy the end of Year 4, Kofi will swim a width of the pool without a float.\n",
    );
    assert_no_panic(&o);
    let out = stdout(&o);
    assert!(
        out.contains("-:1:20: warning[unmeasurable-outcome]: 'will be more confident'"),
        "{out}"
    );
    assert_eq!(out.lines().count(), 1, "{out}");
    assert_eq!(o.status.code(), Some(0), "warnings only: exit 0");
}

#[test]
fn the_default_command_is_check_and_examples_show_every_mission_rule() {
    let o = run(&["--format", "concise", "examples"]);
    assert_no_panic(&o);
    let out = stdout(&o);
    for rule in [
        "provision-as-outcome",
        "service-perspective",
        "no-timeframe",
        "vague-timeframe",
        "unmeasurable-outcome",
        "hedged-outcome",
    ] {
        assert!(
            out.contains(&format!("[{rule}]")),
            "{rule} missing from:\n{out}"
        );
    }
    assert!(matches!(o.status.code(), Some(0) | Some(1)));
}

#[test]
fn human_output_underlines_and_cites_the_guidance() {
    let o = run_stdin(
        &["--part", "outcome", "--color", "never", "-"],
        b"By Year 5, Ned will begin to use full stops.\n",
    );
    let out = stdout(&o);
    assert!(out.contains("warning[hedged-outcome]"), "{out}");
    assert!(out.contains("^^^^^^^^"), "{out}");
    assert!(
        out.contains("why: SEND Code of Practice 2015, 9.66"),
        "{out}"
    );
    assert!(out.contains("help:"), "{out}");
    assert!(!out.contains("\u{1b}["), "no colour when asked for none");
}

#[test]
fn explain_cites_the_guidance_and_unknown_rules_fail_cleanly() {
    let o = run(&["explain", "no-timeframe"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.contains("9.66"), "{out}");
    assert!(out.contains("How to fix it"), "{out}");

    let o = run(&["explain", "no-timeframes"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("did you mean 'no-timeframe'"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn rules_lists_ids_as_json() {
    let o = run(&["rules", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let ids: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    for id in ["no-timeframe", "service-perspective", "hedged-outcome"] {
        assert!(ids.contains(&id), "{id} missing from {ids:?}");
    }
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted, "rules are listed in id order");
}

#[test]
fn bad_inputs_fail_cleanly_and_the_other_files_are_still_checked() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.txt");
    std::fs::write(&good, "Sam will receive weekly speech therapy.\n").unwrap();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty.txt", b"".to_vec(), "empty"),
        ("binary.txt", b"\x00\x01\x02\x03binary".to_vec(), "binary"),
        ("latin1.txt", b"Caf\xe9 plan\n".to_vec(), "line 1, column 4"),
        ("plan.docx", b"PK\x03\x04....".to_vec(), "zip"),
    ];
    for (name, bytes, says) in cases {
        let bad = dir.path().join(name);
        std::fs::write(&bad, &bytes).unwrap();
        let o = run(&[
            "--part",
            "outcome",
            "--format",
            "concise",
            bad.to_str().unwrap(),
            good.to_str().unwrap(),
        ]);
        assert_no_panic(&o);
        assert_eq!(o.status.code(), Some(2), "{name}");
        let err = stderr(&o);
        assert!(err.contains(name), "{name}: message names the file: {err}");
        assert!(err.contains(says), "{name}: {err}");
        assert!(
            stdout(&o).contains("[provision-as-outcome]"),
            "{name}: the good file was still checked"
        );
    }
    let o = run(&["no/such/plan.md"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no/such/plan.md: no such file or folder"));

    let empty_dir = tempfile::tempdir().unwrap();
    let o = run(&[empty_dir.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no plan files"), "{}", stderr(&o));
}

#[test]
fn utf16_and_bom_files_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let text = "By Year 5, Ned will begin to use full stops.\n";
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend(text.as_bytes());
    for (name, bytes) in [("u16.txt", utf16), ("bom.txt", bom)] {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        let o = run(&[
            "--part",
            "outcome",
            "--format",
            "concise",
            p.to_str().unwrap(),
        ]);
        assert_eq!(o.status.code(), Some(0), "{name}: {}", stderr(&o));
        assert!(stdout(&o).contains("[hedged-outcome]"), "{name}");
    }
}

#[test]
fn folders_are_walked_respecting_gitignore() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    std::fs::write(dir.path().join(".gitignore"), "ignored.md\n").unwrap();
    let plan = "## Section E: Outcomes\nE1. Staff will ensure Sam has his timetable.\n";
    std::fs::write(dir.path().join("a.md"), plan).unwrap();
    std::fs::write(dir.path().join("ignored.md"), plan).unwrap();
    std::fs::write(dir.path().join("notes.pdf.bin"), [0u8, 1, 2]).unwrap();
    let o = run(&["--format", "json", dir.path().to_str().unwrap()]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(v["summary"]["files"], 1, "{v}");
    let item = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "service-perspective")
        .expect("service-perspective reported");
    assert_eq!(item["item"], "E1");
    assert_eq!(item["location"], "Section E, outcome E1");
    assert!(Path::new(item["path"].as_str().unwrap()).ends_with("a.md"));
}

#[test]
fn bad_arguments_exit_2() {
    let o = run(&["--part", "outcomes", "-"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("not a part"), "{}", stderr(&o));
    let o = run(&["--year-group", "15", "-"]);
    assert_eq!(o.status.code(), Some(2));
}

/// The report is the same, in the same order (files sorted by path), on one thread or several:
/// files of very different sizes finish out of order on a pool, so a report in finishing order
/// would differ between runs.
#[test]
fn the_report_is_the_same_and_in_path_order_whatever_the_number_of_threads() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let big = std::fs::read_to_string(root.join("examples/amira-year4.md")).unwrap();
    let small = "## Section E: Outcomes\n\nE1. Sam will be more confident.\n";
    // Written in reverse order, big and small files interleaved.
    for i in (0..24).rev() {
        let text = if i % 3 == 0 { big.as_str() } else { small };
        std::fs::write(dir.path().join(format!("plan-{i:02}.md")), text).unwrap();
    }
    let folder = dir.path().to_str().unwrap();
    let one = run(&["check", "--format", "concise", "--threads", "1", folder]);
    assert_no_panic(&one);
    assert_eq!(one.status.code(), Some(1), "{}", stderr(&one));
    let paths: Vec<String> = stdout(&one)
        .lines()
        .filter_map(|l| l.split(':').next().map(str::to_string))
        .collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted, "findings are not in path order");
    assert!(paths.iter().any(|p| p.ends_with("plan-23.md")));
    for threads in ["2", "4", "0"] {
        let many = run(&["check", "--format", "concise", "--threads", threads, folder]);
        assert_eq!(many.status.code(), one.status.code(), "--threads {threads}");
        assert_eq!(stdout(&many), stdout(&one), "--threads {threads}");
        assert_eq!(stderr(&many), stderr(&one), "--threads {threads}");
    }
    let default = run(&["check", "--format", "json", folder]);
    let single = run(&["check", "--format", "json", "--threads", "1", folder]);
    assert_eq!(stdout(&default), stdout(&single));
    let bad = run(&["check", "--threads", "many", folder]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn a_streamed_report_is_the_same_as_one_written_whole() {
    // More files than one streaming batch (256), so the report is written in several parts;
    // `--output` renders the whole report at once.
    let dir = tempfile::tempdir().expect("tempdir");
    let plans = dir.path().join("plans");
    std::fs::create_dir(&plans).expect("mkdir");
    for i in 0..300 {
        let text = if i % 3 == 0 {
            format!("Outcome {i}: Sam will begin to read {i} words.\n")
        } else {
            format!("Outcome {i}: By July 2027, Sam will read {i} words aloud.\n")
        };
        std::fs::write(plans.join(format!("plan-{i:03}.txt")), text).expect("write");
    }
    let plans = plans.to_str().expect("utf-8 path");
    for format in ["human", "concise", "github"] {
        let out_file = dir.path().join(format!("report-{format}.txt"));
        let out_path = out_file.to_str().expect("utf-8 path");
        let streamed = run(&["--no-config", "--format", format, "--color", "never", plans]);
        let whole = run(&[
            "--no-config",
            "--format",
            format,
            "--color",
            "never",
            "-o",
            out_path,
            plans,
        ]);
        assert_eq!(streamed.status.code(), whole.status.code(), "{format}");
        let written = std::fs::read_to_string(&out_file).expect("report file");
        assert!(written.contains("plan-299.txt"), "{format}: {written}");
        assert_eq!(
            String::from_utf8_lossy(&streamed.stdout),
            written,
            "{format}"
        );
    }
}
