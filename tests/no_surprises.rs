//! No surprises: the tool never writes to its inputs, writes each output whole or not at all,
//! and leaves nothing behind that the user did not ask for.
//!
//! One test runs every command (check in every format, with -o, --write-baseline, --baseline,
//! --redact, --annotate and statement mode; explain, rules, outline, eval and init) over a
//! folder of plans in every format with a config file, and then checks each input's bytes and
//! modification time and that the folder holds nothing new. Others make writes fail (an output
//! named like an existing folder, a folder that is not there, a config error before anything is
//! written) and check that the old output is untouched and no temporary file is left; and kill
//! runs part-way through writing a report, which must leave the old report or the new one
//! whole, never a part of one. (That the dependency tree has no networking crate is checked by
//! `.ci/no-network`.)

#[path = "support/run.rs"]
mod support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use support::{assert_no_panic, bin, error_for, finish, run_in, stderr, GUARD};

/// Every file under `dir` with its bytes and modification time.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, (Vec<u8>, SystemTime)> {
    let mut files = BTreeMap::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("read folder") {
            let path = entry.expect("entry").path();
            let meta = std::fs::symlink_metadata(&path).expect("metadata");
            if meta.is_dir() {
                folders.push(path);
            } else {
                let bytes = std::fs::read(&path).expect("read");
                files.insert(path, (bytes, meta.modified().expect("mtime")));
            }
        }
    }
    files
}

/// The names of the files in a folder.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn copy_example(name: &str, to: &Path) {
    std::fs::copy(Path::new("examples").join(name), to.join(name)).expect("copy example");
}

#[test]
fn every_command_leaves_its_inputs_as_they_were() {
    let root = tempfile::tempdir().expect("tempdir");
    let plans = root.path().join("plans");
    let out = root.path().join("out");
    std::fs::create_dir_all(&plans).expect("mkdir");
    std::fs::create_dir_all(&out).expect("mkdir");
    for example in [
        "amira-year4.md",
        "amira-year4.docx",
        "amira-year4.yaml",
        "com-record-leo.txt",
    ] {
        copy_example(example, &plans);
    }
    std::fs::write(
        plans.join(".outcome-lint.yaml"),
        "ignore: [outcome-count]\nlimits:\n  max-findings-per-file: 500\n",
    )
    .expect("write");
    std::fs::write(
        plans.join("statements.txt"),
        "Sam will receive weekly speech therapy.\nBy July 2027, Ola will swim 10 metres.\n",
    )
    .expect("write");
    std::fs::write(
        plans.join("labels.tsv"),
        "id\tpart\tyear_group\ttext\texpected\n1\toutcome\t5\tSam will receive weekly speech therapy.\tprovision-as-outcome\n",
    )
    .expect("write");
    // The times are set in the past, so a write in the same second as the copy would show.
    let past = SystemTime::now() - Duration::from_secs(3600);
    for path in snapshot(&plans).keys() {
        std::fs::File::options()
            .write(true)
            .open(path)
            .and_then(|f| f.set_modified(past))
            .expect("set mtime");
    }
    let before = snapshot(&plans);
    let p = |name: &str| plans.join(name).display().to_string();
    let o = |name: &str| out.join(name).display().to_string();
    let folder = plans.display().to_string();

    let mut runs: Vec<Vec<String>> = [
        "human", "concise", "json", "sarif", "github", "junit", "html",
    ]
    .iter()
    .map(|format| {
        vec![
            "check".into(),
            "--format".into(),
            format.to_string(),
            folder.clone(),
        ]
    })
    .collect();
    for args in [
        vec![
            "check",
            "-o",
            &o("report.json"),
            "--format",
            "json",
            "--redact",
            &folder,
        ],
        vec!["check", "--write-baseline", &o("baseline.json"), &folder],
        vec![
            "check",
            "--annotate",
            &o("annotated.docx"),
            &p("amira-year4.docx"),
        ],
        vec!["check", "--part", "outcome", &p("statements.txt")],
        vec!["explain", "no-timeframe"],
        vec!["rules"],
        vec!["outline", &p("amira-year4.md")],
        vec!["eval", &p("labels.tsv")],
    ] {
        runs.push(args.into_iter().map(String::from).collect());
    }
    let check = |args: &[String]| {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let o = run_in(&out, &args);
        assert_no_panic(&o);
        assert!(
            matches!(o.status.code(), Some(0 | 1)),
            "{args:?}: {}",
            stderr(&o)
        );
    };
    std::thread::scope(|scope| {
        for args in &runs {
            scope.spawn(|| check(args));
        }
    });
    // These need the baseline, and a folder of their own.
    check(&[
        "check".into(),
        "--baseline".into(),
        o("baseline.json"),
        folder.clone(),
    ]);
    check(&["init".into()]);

    let after = snapshot(&plans);
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>(),
        "no file appeared in or vanished from the input folder"
    );
    for (path, (bytes, modified)) in &before {
        let (bytes_after, modified_after) = &after[path];
        assert!(bytes == bytes_after, "{} changed", path.display());
        assert_eq!(modified, modified_after, "{} was written", path.display());
    }
    assert_eq!(
        names(&out),
        [
            ".outcome-lint.yaml",
            "annotated.docx",
            "baseline.json",
            "report.json"
        ],
        "only the named outputs, and no temporary file, are left"
    );
}

/// A write that fails leaves the old output as it was and no temporary file beside it.
#[test]
fn a_failed_write_leaves_the_old_output_and_no_temporary_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    std::fs::write(
        d.join("plan.md"),
        "## Section E: Outcomes\nE1. Sam will try to read.\n",
    )
    .expect("write");
    std::fs::copy("examples/amira-year4.docx", d.join("amira.docx")).expect("copy");
    std::fs::write(d.join("old.json"), "{\"old\": true}\n").expect("write");
    // Outputs named like a folder that exists: the new file cannot replace it.
    std::fs::create_dir(d.join("taken.json")).expect("mkdir");
    std::fs::write(d.join("taken.json/keep.txt"), "kept").expect("write");
    std::fs::create_dir(d.join("taken.docx")).expect("mkdir");
    let before = snapshot(d);

    for (args, names) in [
        (vec!["-o", "taken.json", "plan.md"], "taken.json"),
        (
            vec!["--write-baseline", "taken.json", "plan.md"],
            "taken.json",
        ),
        (
            vec![
                "--write-baseline",
                "no-such-folder/baseline.json",
                "plan.md",
            ],
            "no-such-folder/baseline.json",
        ),
        (vec!["--annotate", "taken.docx", "amira.docx"], "taken.docx"),
        // A config error stops the run before anything is written.
        (
            vec![
                "--config",
                "no-such-config.yaml",
                "-o",
                "old.json",
                "plan.md",
            ],
            "no-such-config.yaml",
        ),
    ] {
        let o = run_in(d, &args);
        assert_no_panic(&o);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        error_for(&o, names);
    }
    assert_eq!(
        snapshot(d),
        before,
        "the old outputs are untouched and nothing was left behind"
    );
}

/// A run killed at any moment leaves the old report or the whole new one, never part of one.
#[test]
fn a_run_killed_while_writing_leaves_a_whole_report() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let old = "{\"old\": true}\n";
    std::fs::write(d.join("report.json"), old).expect("write");
    let examples = std::fs::canonicalize("examples").expect("examples");
    for delay_ms in [100, 250, 500] {
        let mut child = bin()
            .current_dir(d)
            .args(["--format", "json", "-o", "report.json"])
            .arg(&examples)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawn");
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        let text = std::fs::read_to_string(d.join("report.json")).expect("read report");
        if text != old {
            let report: serde_json::Value =
                serde_json::from_str(&text).expect("a new report is whole JSON");
            assert_eq!(report["version"], 1);
        }
    }
    // And a run left to finish writes the whole report.
    let o = finish(
        bin()
            .current_dir(d)
            .args(["--format", "json", "-o", "report.json"])
            .arg(&examples),
        None,
        GUARD,
    );
    assert!(matches!(o.status.code(), Some(0 | 1)), "{}", stderr(&o));
    let text = std::fs::read_to_string(d.join("report.json")).expect("read report");
    let report: serde_json::Value = serde_json::from_str(&text).expect("whole JSON");
    assert!(report["summary"]["files"].as_u64().unwrap_or(0) >= 3);
}
