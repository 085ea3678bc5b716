//! The pre-commit hook, run through pre-commit itself: a temporary git repository that uses
//! this repository's `.pre-commit-hooks.yaml` refuses a commit of a plan with an error and
//! accepts a clean one.
//!
//! Needs `pre-commit` (`.ci/run` installs it from PyPI) and the hook file committed at HEAD
//! (pre-commit installs hooks from a commit). Elsewhere the test says why it was skipped; in CI
//! (`CI` set) a missing `pre-commit` is a failure. The first run builds outcome-lint inside
//! pre-commit's cache (under target/), so it takes minutes once.

use std::path::Path;
use std::process::{Command, Output};

fn git_isolated(cmd: &mut Command, home: &Path) {
    // Keep the machine's git settings (hooks paths, identities) out of the test repository.
    cmd.env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Test")
        .env("GIT_AUTHOR_EMAIL", "test@example.invalid")
        .env("GIT_COMMITTER_NAME", "Test")
        .env("GIT_COMMITTER_EMAIL", "test@example.invalid")
        .env("PRE_COMMIT_HOME", home);
}

fn run(dir: &Path, home: &Path, program: &str, args: &[&str]) -> Output {
    let mut cmd = Command::new(program);
    cmd.current_dir(dir).args(args);
    git_isolated(&mut cmd, home);
    cmd.output()
        .unwrap_or_else(|e| panic!("cannot run {program}: {e}"))
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

const HEADER: &str = "Name: Ali Demir\nDate of plan: 12/03/2026\n\n## Section E: Outcomes\n";

#[test]
fn the_hook_blocks_a_bad_plan_and_passes_a_clean_one() {
    let in_ci = std::env::var_os("CI").is_some();
    if Command::new("pre-commit")
        .arg("--version")
        .output()
        .is_err()
    {
        assert!(
            !in_ci,
            "pre-commit is not installed; .ci/run should install it"
        );
        eprintln!("skipped: pre-commit is not installed (pip install pre-commit)");
        return;
    }
    let this_repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let home = Path::new(env!("CARGO_TARGET_TMPDIR")).join("pre-commit-home");
    let head = run(this_repo, &home, "git", &["rev-parse", "HEAD"]);
    let has_hooks = run(
        this_repo,
        &home,
        "git",
        &["cat-file", "-e", "HEAD:.pre-commit-hooks.yaml"],
    );
    if !head.status.success() || !has_hooks.status.success() {
        assert!(
            !in_ci,
            "CI runs on a clone whose HEAD has .pre-commit-hooks.yaml"
        );
        eprintln!("skipped: .pre-commit-hooks.yaml is not committed at HEAD yet");
        return;
    }
    let rev = String::from_utf8_lossy(&head.stdout).trim().to_string();

    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    assert!(run(d, &home, "git", &["init", "-q"]).status.success());
    std::fs::write(
        d.join(".pre-commit-config.yaml"),
        format!(
            "repos:\n  - repo: {}\n    rev: {rev}\n    hooks:\n      - id: outcome-lint\n",
            this_repo.display()
        ),
    )
    .expect("write config");
    let install = run(d, &home, "pre-commit", &["install"]);
    assert!(install.status.success(), "{}", text(&install));

    // A deadline that has passed is an error: the commit is refused.
    std::fs::write(
        d.join("plan.md"),
        format!("{HEADER}E1. By July 2025, Ali will swim 10 metres.\n"),
    )
    .expect("write plan");
    run(d, &home, "git", &["add", "."]);
    let refused = run(d, &home, "git", &["commit", "-q", "-m", "bad plan"]);
    let out = text(&refused);
    assert!(
        !refused.status.success(),
        "the bad plan was committed:\n{out}"
    );
    assert!(out.contains("past-deadline"), "{out}");

    // Fixed, it goes in.
    std::fs::write(
        d.join("plan.md"),
        format!("{HEADER}E1. By July 2027, Ali will swim 10 metres.\n"),
    )
    .expect("write plan");
    run(d, &home, "git", &["add", "."]);
    let accepted = run(d, &home, "git", &["commit", "-q", "-m", "clean plan"]);
    assert!(accepted.status.success(), "{}", text(&accepted));
}
