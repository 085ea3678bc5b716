//! The labelled corpus: each rule's precision and recall on `corpus/statements.tsv` must stay at
//! or above the floor recorded for it in `corpus/floors.tsv`. Raise a floor when a rule gets
//! better; never lower one to make this test pass.

use std::fs;

use outcome_lint::eval;
use outcome_lint::rules::RuleSet;

#[test]
fn every_rule_meets_its_floor_on_the_labelled_corpus() {
    let rules = RuleSet::builtin().expect("built-in rules load");
    let text = fs::read_to_string("corpus/statements.tsv").expect("corpus/statements.tsv");
    let rows = eval::parse(&text).unwrap_or_else(|e| panic!("corpus does not parse: {e:?}"));
    let floors_text = fs::read_to_string("corpus/floors.tsv").expect("corpus/floors.tsv");
    let floors = eval::parse_floors(&floors_text).expect("floors parse");
    let only: std::collections::BTreeSet<String> = floors.keys().cloned().collect();
    let evaluation = eval::evaluate(&rows, &rules, Some(&only)).unwrap_or_else(|e| panic!("{e:?}"));

    let mut problems = eval::below_floors(&evaluation, &floors);
    for doc in rules.docs() {
        let statement_rule = evaluation.rules.contains_key(&doc.id);
        if statement_rule && !floors.contains_key(&doc.id) {
            problems.push(format!("{}: has no floor in corpus/floors.tsv", doc.id));
        }
        if let Some(&(p, r)) = floors.get(&doc.id) {
            if p < 0.9 || r < 0.85 {
                problems.push(format!(
                    "{}: floors start at precision 0.9 and recall 0.85 (found {p}, {r})",
                    doc.id
                ));
            }
        }
    }
    let mut misses = String::new();
    for m in evaluation.misses.iter().take(60) {
        misses.push_str(&format!(
            "\n  line {} {} {}: {}",
            m.line, m.kind, m.rule, m.text
        ));
    }
    assert!(
        problems.is_empty(),
        "{}\nfirst disagreements:{misses}",
        problems.join("\n")
    );
}

#[test]
fn every_label_names_a_rule() {
    let rules = RuleSet::builtin().expect("built-in rules load");
    let text = fs::read_to_string("corpus/statements.tsv").expect("corpus/statements.tsv");
    let rows = eval::parse(&text).expect("corpus parses");
    if let Err(errors) = eval::evaluate(&rows, &rules, None) {
        panic!("{errors:?}");
    }
}

#[test]
fn the_corpus_is_balanced() {
    let text = fs::read_to_string("corpus/statements.tsv").expect("corpus/statements.tsv");
    let rows = eval::parse(&text).expect("corpus parses");
    let clean = rows.iter().filter(|r| r.expected.is_empty()).count();
    assert!(
        clean * 100 >= rows.len() * 35,
        "only {clean} of {} rows are clean; keep at least 35%",
        rows.len()
    );
    let floors =
        eval::parse_floors(&fs::read_to_string("corpus/floors.tsv").expect("corpus/floors.tsv"))
            .expect("floors parse");
    for rule in floors.keys() {
        let positives = rows.iter().filter(|r| r.expected.contains(rule)).count();
        assert!(
            positives >= 30,
            "{rule} has only {positives} labelled rows; keep at least 30"
        );
    }
    let mut ids = std::collections::BTreeSet::new();
    for r in &rows {
        assert!(ids.insert(&r.id), "row id {} is used twice", r.id);
    }
}
