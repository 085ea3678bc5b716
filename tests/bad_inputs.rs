//! Bad and hostile input, as a user meets it: the command run over a mix of good files and
//! every class of DESIGN.md's "Inputs that go wrong" that tests/cli.rs, tests/docx.rs and
//! tests/pdf.rs do not already run through the command, and the hostile ones besides: a 200 MB
//! file, a 10 MB line, YAML alias bombs and 10,000-deep nesting, Word zip bombs, 100,000-part
//! and encrypted Word files, a PDF scan, a named pipe, link loops, a file that is gone, a rule
//! pack with patterns that would be catastrophic for a backtracking regex engine, and every
//! limit lowered in the config file.
//!
//! Each run asserts the exit status, one error line naming each bad file and what to do, no
//! panic or backtrace, that the good files of the same run were still checked, and a bounded
//! time: the guard in `support/run.rs` kills a run that hangs and fails the test. All inputs
//! are made here, in a temporary folder, and the big ones in a moment (a sparse file, a
//! repeated write, a few kilobytes of zip that unpack to megabytes); nothing is checked in.

#[path = "support/pdf_file.rs"]
mod pdf_file;
#[path = "support/run.rs"]
mod run;
#[path = "support/word_package.rs"]
mod word_package;

use std::fs::File;
use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};

use std::process::Output;

use run::{assert_no_panic, error_for, json, run, run_in, stderr};
use word_package::{package, para};

/// A plan with one hedged outcome (a warning), for the good files of each run.
const GOOD_PLAN: &str =
    "## Section E: Outcomes\nE1. By the end of Year 5, Nia will try to read a short book.\n";

const MB: u64 = 1024 * 1024;

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("mkdir");
    }
    std::fs::write(&path, bytes).expect("write test input");
    path
}

/// A file of `len` bytes that takes no time or disk to make: sparse, all zero bytes.
fn sparse(dir: &Path, name: &str, len: u64) -> PathBuf {
    let path = dir.join(name);
    File::create(&path)
        .and_then(|f| f.set_len(len))
        .expect("sparse file");
    path
}

/// A file that is one line of `len` bytes of ordinary plan words.
fn one_long_line(dir: &Path, name: &str, len: usize) -> PathBuf {
    let words = "Sam will receive regular support from staff. ".repeat(1 << 14);
    let mut file = File::create(dir.join(name)).expect("create");
    let mut left = len;
    while left > 0 {
        let n = left.min(words.len());
        file.write_all(&words.as_bytes()[..n]).expect("write");
        left -= n;
    }
    dir.join(name)
}

/// A YAML plan whose head is right, then "billion laughs": each list of steps is nine copies
/// of the list before it, nine levels deep (9^9 strings if it were expanded).
fn yaml_alias_bomb() -> String {
    let mut yaml = String::from(
        "outcome-lint-plan: 1\nkind: ehc-plan\noutcomes:\n  - text: &l0 \"lol\"\n    steps: &l1 [",
    );
    yaml.push_str(&["*l0"; 9].join(", "));
    yaml.push_str("]\n");
    for level in 2..=9 {
        let previous = format!("*l{}", level - 1);
        yaml.push_str(&format!(
            "  - text: Sam will read.\n    steps: &l{level} [{}]\n",
            [previous.as_str(); 9].join(", ")
        ));
    }
    yaml
}

/// A YAML plan in the format's own shape whose one step is repeated by `n` aliases.
fn yaml_alias_flood(n: usize) -> String {
    format!(
        "outcome-lint-plan: 1\nkind: ehc-plan\noutcomes:\n  - text: &s Zee will swim a width.\n    steps: [{}]\n",
        vec!["*s"; n].join(", ")
    )
}

/// A YAML plan with lists nested `depth` deep where the steps go, and mappings as deep.
fn yaml_nested(depth: usize) -> String {
    format!(
        "outcome-lint-plan: 1\nkind: ehc-plan\noutcomes:\n  - text: Sam will read.\n    steps: {}{}\n  - text: Sam will write.\n    steps: {}1{}\n",
        "[".repeat(depth),
        "]".repeat(depth),
        "{a: ".repeat(depth),
        "}".repeat(depth)
    )
}

/// A Word document whose main part unpacks to `unpacked` bytes of spaces: a zip bomb, a few
/// kilobytes packed per megabyte unpacked.
fn docx_zip_bomb(unpacked: u64) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    writer
        .start_file(
            "word/document.xml",
            zip::write::SimpleFileOptions::default(),
        )
        .expect("start part");
    let spaces = vec![b' '; MB as usize];
    for _ in 0..unpacked.div_ceil(MB) {
        writer.write_all(&spaces).expect("write part");
    }
    writer.finish().expect("zip").into_inner()
}

/// A zip of `parts` empty stored parts, the first of them `word/document.xml`, written by hand
/// (with the zip64 records a count over 65,535 needs) because a zip library takes seconds to
/// write so many in a debug build.
fn docx_with_parts(parts: usize) -> Vec<u8> {
    let names: Vec<String> = std::iter::once("word/document.xml".to_string())
        .chain((1..parts).map(|i| format!("customXml/item{i}.xml")))
        .collect();
    let mut zip = Vec::new();
    let mut central = Vec::new();
    for name in &names {
        let offset = zip.len() as u32;
        // Version 2.0, no flags, stored, no date; CRC and sizes of an empty part are zero.
        zip.extend_from_slice(b"PK\x03\x04\x14\x00\x00\x00\x00\x00\x00\x00\x00\x00");
        zip.extend_from_slice(&[0; 12]);
        zip.extend_from_slice(&(name.len() as u16).to_le_bytes());
        zip.extend_from_slice(&[0, 0]);
        zip.extend_from_slice(name.as_bytes());
        central.extend_from_slice(b"PK\x01\x02\x14\x00\x14\x00\x00\x00\x00\x00\x00\x00\x00\x00");
        central.extend_from_slice(&[0; 12]);
        central.extend_from_slice(&(name.len() as u16).to_le_bytes());
        central.extend_from_slice(&[0; 12]);
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name.as_bytes());
    }
    let central_offset = zip.len() as u64;
    let count = names.len() as u64;
    zip.extend_from_slice(&central);
    let zip64_end = zip.len() as u64;
    zip.extend_from_slice(b"PK\x06\x06");
    zip.extend_from_slice(&44u64.to_le_bytes());
    zip.extend_from_slice(&[45, 0, 45, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    for field in [count, count, central.len() as u64, central_offset] {
        zip.extend_from_slice(&field.to_le_bytes());
    }
    zip.extend_from_slice(b"PK\x06\x07\x00\x00\x00\x00");
    zip.extend_from_slice(&zip64_end.to_le_bytes());
    zip.extend_from_slice(&1u32.to_le_bytes());
    zip.extend_from_slice(b"PK\x05\x06\x00\x00\x00\x00\xff\xff\xff\xff");
    zip.extend_from_slice(&u32::MAX.to_le_bytes());
    zip.extend_from_slice(&u32::MAX.to_le_bytes());
    zip.extend_from_slice(&[0, 0]);
    zip
}

/// A Word document whose parts are marked encrypted with a zip password (flag bit 0 in every
/// local and central header), as some tools write a password-protected .docx.
fn docx_zip_encrypted() -> Vec<u8> {
    let mut bytes = package(&para("Sam will read."));
    let mut i = 0;
    while i + 10 < bytes.len() {
        match &bytes[i..i + 4] {
            b"PK\x03\x04" => bytes[i + 6] |= 1,
            b"PK\x01\x02" => bytes[i + 8] |= 1,
            _ => {}
        }
        i += 1;
    }
    bytes
}

/// The start of an OLE compound file: what Word saves a password-protected document as.
const OLE_HEADER: [u8; 16] = [
    0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0, 0, 0, 0, 0,
];

#[cfg(unix)]
fn make_fifo(path: &Path) {
    let made = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(made.success(), "mkfifo {}", path.display());
}

/// The paths that have findings in a JSON report.
fn paths_with_findings(run: &Output) -> Vec<String> {
    let mut paths: Vec<String> = json(run)["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| d["path"].as_str().expect("path").to_string())
        .collect();
    paths.dedup();
    paths
}

/// One run over every hostile file at once, with the default limits.
#[cfg(unix)]
#[test]
fn hostile_files_each_get_one_clear_error_and_the_others_are_still_checked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let good = write(d, "good.md", GOOD_PLAN);
    let other = write(d, "other.txt", GOOD_PLAN);
    std::os::unix::fs::symlink(d.join("loop.md"), d.join("loop.md")).unwrap();
    make_fifo(&d.join("pipe.md"));

    // (file, what its error must say)
    let cases: Vec<(PathBuf, &[&str])> = vec![
        (
            sparse(d, "huge.md", 200 * MB),
            &["larger than 64 MB", "max-file-size-mb"],
        ),
        (
            one_long_line(d, "one-line.txt", 10 * MB as usize),
            &["line 1 is longer than 100000 characters", "max-line-length"],
        ),
        (write(d, "bomb.yaml", yaml_alias_bomb()), &["line 7"]),
        (
            write(d, "flood.yaml", yaml_alias_flood(5_000)),
            &["more than 1000 YAML aliases", "max-yaml-aliases"],
        ),
        (write(d, "deep.yaml", yaml_nested(10_000)), &["line 5"]),
        (
            write(d, "bomb.docx", docx_zip_bomb(65 * MB)),
            &[
                "unpacks to more than 64 MB",
                "zip bomb",
                "max-docx-unpacked-mb",
            ],
        ),
        (
            write(d, "parts.docx", docx_with_parts(100_000)),
            &["more than 10000 parts", "max-docx-parts"],
        ),
        (
            write(d, "locked.docx", OLE_HEADER),
            &["password-protected Office file", "remove the password"],
        ),
        (
            write(d, "zip-locked.docx", docx_zip_encrypted()),
            &["encrypted", "remove the password"],
        ),
        (
            write(d, "scan.pdf", pdf_file::pdf_with(&[String::new()], &[], "")),
            &["no text layer"],
        ),
        (d.join("pipe.md"), &["named pipe", "standard input"]),
        (d.join("loop.md"), &["loop"]),
        (d.join("removed.md"), &["no such file"]),
    ];
    let mut args: Vec<String> = vec!["--format".into(), "json".into()];
    args.extend(cases.iter().map(|(p, _)| p.display().to_string()));
    args.push(good.display().to_string());
    args.push(other.display().to_string());
    let run = run(&args.iter().map(String::as_str).collect::<Vec<_>>());

    assert_no_panic(&run);
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    for (path, says) in &cases {
        let line = error_for(&run, &path.display().to_string());
        for phrase in *says {
            assert!(line.contains(phrase), "expected '{phrase}' in: {line}");
        }
    }
    assert_eq!(
        stderr(&run).lines().count(),
        cases.len(),
        "one line per bad file:\n{}",
        stderr(&run)
    );
    let checked = paths_with_findings(&run);
    assert_eq!(
        checked,
        [good.display().to_string(), other.display().to_string()],
        "the good files were checked"
    );
    assert_eq!(json(&run)["summary"]["files"], 2);
}

/// Inputs that are odd but harmless are checked as usual, with no error: a folder whose walk
/// meets a link to nowhere (a file removed since the link was made), a link to itself and a link
/// back up the tree (none is followed), an empty folder, a byte-order mark, CRLF line ends, and
/// a long line within the line-length limit.
#[cfg(unix)]
#[test]
fn unusual_but_harmless_inputs_are_checked_as_usual() {
    let dir = tempfile::tempdir().expect("tempdir");
    let walked = dir.path().join("plans");
    write(&walked, "plan.md", GOOD_PLAN);
    write(&walked, "bom.md", format!("\u{feff}{GOOD_PLAN}"));
    write(&walked, "crlf.txt", GOOD_PLAN.replace('\n', "\r\n"));
    one_long_line(&walked, "long-line.txt", 20_000);
    std::fs::create_dir(walked.join("empty")).expect("mkdir");
    std::os::unix::fs::symlink(walked.join("removed.md"), walked.join("dangling.md")).unwrap();
    std::os::unix::fs::symlink(walked.join("self.md"), walked.join("self.md")).unwrap();
    std::os::unix::fs::symlink(&walked, walked.join("up")).unwrap();
    let run = run(&["--format", "json", walked.to_str().expect("path")]);
    assert_no_panic(&run);
    assert!(matches!(run.status.code(), Some(0 | 1)), "{}", stderr(&run));
    assert_eq!(stderr(&run), "", "no errors");
    assert_eq!(json(&run)["summary"]["files"], 4);
    let checked = paths_with_findings(&run);
    for name in ["bom.md", "crlf.txt", "plan.md"] {
        let path = walked.join(name).display().to_string();
        assert!(checked.contains(&path), "{name} was checked: {checked:?}");
    }
}

/// Every limit lowered in the config file: each file past one gets an error naming the limit
/// and how to raise it, standard input too; a file with too many findings shows the first ones
/// and says how many more; files within the limits are checked as usual.
#[test]
fn limits_set_in_the_config_file_apply_to_each_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    write(
        d,
        ".outcome-lint.yaml",
        "limits:\n  max-file-size-mb: 1\n  max-line-length: 200\n  max-docx-unpacked-mb: 1\n  \
         max-docx-parts: 20\n  max-yaml-depth: 4\n  max-yaml-aliases: 2\n  max-findings-per-file: 2\n",
    );
    write(d, "good.md", GOOD_PLAN);
    let hedges: String = (1..=5)
        .map(|i| format!("E{i}. By the end of Year 5, Nia will try to read book {i}.\n"))
        .collect();
    write(d, "many.md", format!("## Section E: Outcomes\n{hedges}"));
    let plan_line = "Sam will read a short book to an adult every day.\n";
    write(
        d,
        "size.md",
        plan_line.repeat((MB as usize) / plan_line.len() + 1),
    );
    write(d, "line.md", format!("{GOOD_PLAN}{}\n", "word ".repeat(50)));
    write(d, "bomb.docx", docx_zip_bomb(2 * MB));
    write(d, "parts.docx", docx_with_parts(30));
    write(d, "deep.yaml", yaml_nested(2));
    write(d, "aliases.yaml", yaml_alias_flood(3));

    let stdin = plan_line.repeat((2 * MB) as usize / plan_line.len());
    let run = run::finish(
        run::bin().current_dir(d).args([
            "--format",
            "json",
            "good.md",
            "many.md",
            "size.md",
            "line.md",
            "bomb.docx",
            "parts.docx",
            "deep.yaml",
            "aliases.yaml",
            "-",
        ]),
        Some(stdin.as_bytes()),
        run::GUARD,
    );
    assert_no_panic(&run);
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    for (path, says) in [
        ("size.md", "max-file-size-mb: 4"),
        ("-", "max-file-size-mb: 4"),
        ("line.md", "line 3 is longer than 200 characters"),
        ("bomb.docx", "max-docx-unpacked-mb: 4"),
        ("parts.docx", "max-docx-parts: 80"),
        ("deep.yaml", "max-yaml-depth: 16"),
        ("aliases.yaml", "max-yaml-aliases: 8"),
        (
            "many.md",
            "findings, more than the limit of 2: the first 2 are shown and",
        ),
    ] {
        let line = error_for(&run, path);
        assert!(line.contains(says), "expected '{says}' in: {line}");
    }
    let report = json(&run);
    let shown = |path: &str| {
        report["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .filter(|d| d["path"] == path)
            .count()
    };
    assert_eq!(shown("many.md"), 2, "the first findings are still shown");
    assert!(shown("good.md") > 0, "the good file was checked");
}

/// A house rule pack whose patterns would take exponential time in a backtracking engine runs
/// in linear time over long runs of the letters they trip on; a pattern too large to compile
/// is refused with its file, line and column.
#[test]
fn a_rule_pack_with_catastrophic_patterns_stays_bounded() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let rule = |patterns: &str| {
        format!(
            "id: catastrophic-patterns\nsummary: patterns that backtracking engines choke on\nparts: [outcome]\n\
             severity: note\nkind: patterns\nmessage: \"'{{match}}' matched\"\npatterns: {patterns}\n\
             help: \"none\"\nreference: {{source: \"a test\"}}\ndoc: {{what: A test., why: A test., fix: A test.}}\n"
        )
    };
    write(d, ".outcome-lint.yaml", "rules-dirs: [house]\n");
    let rule_file = write(
        d,
        "house/catastrophic-patterns.yaml",
        rule(r#"['(x+x+)+y', '(a|aa)+$', '(\w+\s?)+z', '^(([a-z])+.)+[A-Z]([a-z])+$']"#),
    );
    let trap = format!(
        "Sam will read {} and {} and {}.\n",
        "x".repeat(500),
        "a".repeat(500),
        "word ".repeat(100)
    );
    write(d, "statements.txt", format!("{trap}{trap}"));
    let run_checks = || {
        run_in(
            d,
            &["--part", "outcome", "--format", "json", "statements.txt"],
        )
    };
    let checked = run_checks();
    assert_no_panic(&checked);
    assert_eq!(checked.status.code(), Some(0), "{}", stderr(&checked));
    assert!(
        !paths_with_findings(&checked).is_empty(),
        "the built-in rules still ran"
    );

    std::fs::write(&rule_file, rule(r#"['(?:\w{100}){100}{100}']"#)).expect("write");
    let refused = run_checks();
    assert_no_panic(&refused);
    assert_eq!(refused.status.code(), Some(2));
    let line = error_for(&refused, &format!("{}:7:", rule_file.display()));
    assert!(line.contains("too large to use"), "{line}");
}

/// Bad limits in the config file are errors with their line and column, like any bad setting.
#[test]
fn bad_limits_in_the_config_file_name_their_place() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "good.md", GOOD_PLAN);
    write(
        dir.path(),
        ".outcome-lint.yaml",
        "limits:\n  max-file-size-mb: 2\n  max-yaml-depth: 100000\n",
    );
    let run = run_in(dir.path(), &["good.md"]);
    assert_no_panic(&run);
    assert_eq!(run.status.code(), Some(2));
    let config = dir.path().join(".outcome-lint.yaml");
    let line = error_for(&run, &format!("{}:3:", config.display()));
    assert!(
        line.contains("max-yaml-depth must be a whole number from 1 to 1000"),
        "{line}"
    );
}

/// Output to a reader that has gone away (`outcome-lint rules | head -1`) ends quietly: no
/// panic, and the status the command would have had.
#[test]
fn a_closed_output_pipe_is_not_a_panic() {
    for args in [
        &["rules"][..],
        &["rules", "--export-patterns"],
        &["explain", "no-timeframe"],
        &["outline", "examples/amira-year4.md"],
        &["--format", "concise", "examples/amira-year4.md"],
    ] {
        let mut child = run::bin()
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("the binary starts");
        // Closed before the tool has written a byte: every write fails with a broken pipe.
        drop(child.stdout.take());
        let o = child.wait_with_output().expect("the binary finishes");
        assert_no_panic(&o);
        assert!(
            matches!(o.status.code(), Some(0 | 1)),
            "{args:?}: {:?} {}",
            o.status,
            stderr(&o)
        );
    }
}
