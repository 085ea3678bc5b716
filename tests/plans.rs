//! The plan corpus: whole invented plans under `corpus/plans/`, one per layout, each with a
//! `<plan>.expected.tsv` listing every finding a careful officer would agree with (line, rule).
//! Each rule's precision and recall over all the plans must stay at or above its floor in
//! `corpus/plans/floors.tsv`. Raise floors as rules improve; never lower one to pass.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;

use outcome_lint::diagnostic::LineIndex;
use outcome_lint::eval;
use outcome_lint::input::Mode;
use outcome_lint::rules::{Context, RuleSet};

type Finding = (String, usize, String);

fn expected() -> BTreeSet<Finding> {
    let mut out = BTreeSet::new();
    for path in plan_files() {
        let tsv = fs::read_to_string(format!("{path}.expected.tsv"))
            .unwrap_or_else(|_| panic!("{path} has no .expected.tsv beside it"));
        for (i, line) in tsv.lines().enumerate().skip(1) {
            let cells: Vec<&str> = line.split('\t').collect();
            let line_no = cells
                .first()
                .and_then(|c| c.parse::<usize>().ok())
                .unwrap_or_else(|| panic!("{path}.expected.tsv:{}: bad line number", i + 1));
            let rule = cells.get(1).expect("a rule column").to_string();
            out.insert((path.clone(), line_no, rule));
        }
    }
    out
}

fn plan_files() -> Vec<String> {
    let mut files: Vec<String> = fs::read_dir("corpus/plans")
        .expect("corpus/plans")
        .flatten()
        .map(|e| e.path().to_string_lossy().into_owned())
        .filter(|p| p.ends_with(".md") || p.ends_with(".txt") || p.ends_with(".yaml"))
        .collect();
    files.sort();
    files
}

fn found(rules: &RuleSet) -> BTreeSet<Finding> {
    let mut out = BTreeSet::new();
    for path in plan_files() {
        let text = fs::read_to_string(&path).expect("plan is UTF-8");
        let report = outcome_lint::lint_text(&path, text, Mode::Plan, rules, &Context::default())
            .unwrap_or_else(|e| panic!("{e}"));
        let index = LineIndex::new(&report.text);
        for d in report.diagnostics {
            out.insert((path.clone(), index.line_column(d.span.start).line, d.rule));
        }
    }
    out
}

#[test]
fn plan_rules_meet_their_floors_on_the_plan_corpus() {
    let rules = RuleSet::builtin().expect("built-in rules load");
    let floors = eval::parse_floors(
        &fs::read_to_string("corpus/plans/floors.tsv").expect("corpus/plans/floors.tsv"),
    )
    .expect("floors parse");
    let expected = expected();
    let found = found(&rules);
    let mut scores: BTreeMap<String, eval::Score> = BTreeMap::new();
    let mut misses = Vec::new();
    for f in found.union(&expected) {
        if !floors.contains_key(&f.2) {
            continue;
        }
        let s = scores.entry(f.2.clone()).or_default();
        match (found.contains(f), expected.contains(f)) {
            (true, true) => s.true_positives += 1,
            (true, false) => {
                s.false_positives += 1;
                misses.push(format!("false positive {} at {}:{}", f.2, f.0, f.1));
            }
            (false, true) => {
                s.false_negatives += 1;
                misses.push(format!("false negative {} at {}:{}", f.2, f.0, f.1));
            }
            (false, false) => {}
        }
    }
    let evaluation = eval::Evaluation {
        rules: scores,
        ..eval::Evaluation::default()
    };
    let below = eval::below_floors(&evaluation, &floors);
    assert!(
        below.is_empty(),
        "{}\n{}",
        below.join("\n"),
        misses.join("\n")
    );
}

#[test]
fn every_plan_rule_is_in_the_plan_corpus_with_a_floor() {
    let rules = RuleSet::builtin().expect("built-in rules load");
    let floors = eval::parse_floors(
        &fs::read_to_string("corpus/plans/floors.tsv").expect("corpus/plans/floors.tsv"),
    )
    .expect("floors parse");
    let expected: BTreeSet<String> = expected().into_iter().map(|f| f.2).collect();
    for doc in rules
        .docs()
        .filter(|d| d.kind == outcome_lint::rules::RuleKind::Plan)
    {
        assert!(
            expected.contains(&doc.id),
            "{} has no expected finding",
            doc.id
        );
        assert!(floors.contains_key(&doc.id), "{} has no floor", doc.id);
    }
}
