//! Inputs the fuzzer found that once crashed, hung or broke a promise, kept so that the bug
//! stays fixed. Each file in `tests/fuzz-regressions/<target>/` runs through the same function
//! as the fuzz target of that name (`fuzz/src/lib.rs`, included here), which panics when
//! outcome-lint misbehaves; each must also finish in good time. Also runs every target over a
//! few of the examples, so that the targets' own checks are known to pass on good plans.
//! See fuzz/README.md for running the fuzzer itself.

#[path = "../fuzz/src/lib.rs"]
mod targets;

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

/// The longest one input may take in a debug build before it counts as a hang (the fuzzer's own
/// limit, on an optimised build, is 10 seconds).
const LIMIT: Duration = Duration::from_secs(60);

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Runs `input` through the target `name` on its own thread; the error says what went wrong.
fn run(name: &str, input: Vec<u8>) -> Result<Duration, String> {
    let target = targets::target(name).ok_or_else(|| format!("no fuzz target is called {name}"))?;
    targets::warm_up();
    let (done, finished) = mpsc::channel();
    let start = Instant::now();
    thread::Builder::new()
        .name(format!("fuzz-{name}"))
        .spawn(move || {
            let outcome = std::panic::catch_unwind(|| target(&input));
            let _ = done.send(outcome.is_ok());
        })
        .map_err(|e| e.to_string())?;
    match finished.recv_timeout(LIMIT) {
        Ok(true) => Ok(start.elapsed()),
        Ok(false) => Err("panicked (message above)".into()),
        Err(_) => Err(format!("still running after {} s", LIMIT.as_secs())),
    }
}

/// The files (or the folders) in `dir`, sorted.
fn entries(dir: &Path, folders: bool) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| entries.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    found.retain(|p| if folders { p.is_dir() } else { p.is_file() });
    found.sort();
    found
}

#[test]
fn saved_fuzz_inputs_stay_fixed() {
    let root = Path::new(ROOT).join("tests/fuzz-regressions");
    let mut failures = Vec::new();
    for dir in entries(&root, true) {
        let name = dir.file_name().unwrap().to_string_lossy().to_string();
        if targets::target(&name).is_none() {
            failures.push(format!(
                "{}: no fuzz target is called {name}",
                dir.display()
            ));
            continue;
        }
        for file in entries(&dir, false) {
            let bytes = std::fs::read(&file).unwrap();
            if let Err(e) = run(&name, bytes) {
                failures.push(format!("{}: {e}", file.display()));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The docx target's other input: the XML of `word/document.xml` alone.
const WORD_XML: &str = r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Outcome 1: By July 2027 Sam will read a page aloud.</w:t></w:r></w:p></w:body></w:document>"#;

#[test]
fn every_target_passes_on_the_examples() {
    let read = |path: &str| std::fs::read(Path::new(ROOT).join(path)).unwrap();
    let with_selector = |selector: u8, path: &str| {
        let mut bytes = vec![selector];
        bytes.extend(read(path));
        bytes
    };
    let cases = [
        ("text", read("examples/amira-year4.md")),
        ("text", read("tests/fixtures/hedged-outcome.txt")),
        ("yaml_plan", read("examples/amira-year4.yaml")),
        ("config", read("fuzz/seeds/config.yaml")),
        ("rule_file", read("rules/outcome/hedged-outcome.yaml")),
        ("docx", read("examples/amira-year4.docx")),
        ("docx", WORD_XML.as_bytes().to_vec()),
        ("pipeline", with_selector(0x40, "examples/amira-year4.md")),
        ("pipeline", with_selector(0x42, "examples/amira-year4.yaml")),
        ("pipeline", with_selector(0x03, "examples/amira-year4.docx")),
        (
            "pipeline",
            with_selector(0x31, "tests/fixtures/hedged-outcome.txt"),
        ),
    ];
    let mut failures = Vec::new();
    for (name, bytes) in cases {
        if let Err(e) = run(name, bytes) {
            failures.push(format!("{name}: {e}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_targets_are_the_fuzz_crates_binaries() {
    let manifest = std::fs::read_to_string(Path::new(ROOT).join("fuzz/Cargo.toml")).unwrap();
    for (name, _) in targets::TARGETS {
        assert!(
            manifest.contains(&format!("name = \"{name}\"")),
            "fuzz/Cargo.toml has no binary for the target {name}"
        );
        let file = Path::new(ROOT).join(format!("fuzz/fuzz_targets/{name}.rs"));
        let source = std::fs::read_to_string(&file).unwrap();
        assert!(
            source.contains(&format!("outcome_lint_fuzz::{name}(data)")),
            "{} does not call outcome_lint_fuzz::{name}",
            file.display()
        );
    }
}
