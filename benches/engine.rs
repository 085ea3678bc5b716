//! Micro-benchmarks of the engine through the library API (issue #7): one statement of each
//! part, one whole 5 KB plan, and building the rule set (the start-up a single-file run pays).
//! The rule set is built once, outside the timed loops.
//!
//! cargo bench --bench engine            # all of them
//! cargo bench --bench engine -- plan    # those whose name contains "plan"
//!
//! Whole-command timings against other tools are bench/run.sh's; see docs/PERFORMANCE.md.

use std::sync::LazyLock;

use divan::Bencher;
use outcome_lint::document::Part;
use outcome_lint::input::Mode;
use outcome_lint::rules::{Context, RuleSet};

fn main() {
    divan::main();
}

static RULES: LazyLock<RuleSet> =
    LazyLock::new(|| RuleSet::builtin().expect("the built-in rules compile"));

/// A plan from the benchmark corpus (`gen-corpus 1 DIR`, seed 2026): 5,028 bytes.
const PLAN: &str = include_str!("plan-5kb.md");

fn statement(bencher: Bencher, part: Part, text: &'static str) {
    let rules = &*RULES;
    let context = Context {
        year_group: Some(5),
        ..Context::default()
    };
    bencher.bench(|| outcome_lint::lint_statement(divan::black_box(text), part, rules, &context));
}

#[divan::bench]
fn outcome(bencher: Bencher) {
    statement(
        bencher,
        Part::Outcome,
        "By the end of Key Stage 2, Amira will ask an adult for help using a help card in 4 out of 5 lessons.",
    );
}

#[divan::bench]
fn provision(bencher: Bencher) {
    statement(
        bencher,
        Part::Provision,
        "Regular TA support in class as required, and up to 15 hours of 1:1 support from school staff.",
    );
}

#[divan::bench]
fn need(bencher: Bencher) {
    statement(
        bencher,
        Part::Need,
        "Amira finds it hard to follow instructions with more than two steps and needs them shown with pictures.",
    );
}

#[divan::bench]
fn aspiration(bencher: Bencher) {
    statement(
        bencher,
        Part::Aspiration,
        "I want to work with animals when I am older.",
    );
}

/// One whole plan, read and linted: what each file of a folder costs, start-up aside.
#[divan::bench]
fn plan_5kb(bencher: Bencher) {
    let rules = &*RULES;
    let context = Context::default();
    bencher
        .with_inputs(|| PLAN.to_string())
        .bench_values(|text| {
            outcome_lint::lint_text("plan.md", text, Mode::Plan, rules, &context)
                .expect("the plan reads")
        });
}

/// Compiling the built-in rules: paid once by every run of the command.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn build_rule_set() -> RuleSet {
    RuleSet::builtin().expect("the built-in rules compile")
}
