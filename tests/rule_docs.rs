//! Every rule is documented, named and worded the house way, and its own examples hold: each
//! `bad` example flags exactly its `flags`, each `good` example flags nothing.

use outcome_lint::diagnostic::Diagnostic;
use outcome_lint::document::PlanDate;
use outcome_lint::input::Mode;
use outcome_lint::rules::{Context, RuleDoc, RuleKind, RuleSet};

fn rules() -> RuleSet {
    RuleSet::builtin().unwrap_or_else(|errors| {
        panic!(
            "built-in rules do not load:\n{}",
            errors
                .iter()
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        )
    })
}

#[test]
fn every_rule_is_documented_in_the_house_style() {
    let rules = rules();
    let mut problems = Vec::new();
    for doc in rules.docs() {
        let id = &doc.id;
        for (field, text) in [
            ("summary", &doc.summary),
            ("message", &doc.message),
            ("help", &doc.help),
            ("doc.what", &doc.doc.what),
            ("doc.why", &doc.doc.why),
            ("doc.fix", &doc.doc.fix),
            ("reference.source", &doc.reference.source),
        ] {
            if text.trim().is_empty() {
                problems.push(format!("{id}: {field} is empty"));
            }
        }
        for (field, text) in [
            ("summary", &doc.summary),
            ("message", &doc.message),
            ("help", &doc.help),
        ] {
            let first = text.trim_start_matches(['\'', '"']).chars().next();
            if first.is_some_and(|c| c.is_uppercase()) && !text.starts_with("'{match}'") {
                problems.push(format!("{id}: {field} should start in lower case"));
            }
            if text.trim_end().ends_with('.') {
                problems.push(format!("{id}: {field} should not end with a full stop"));
            }
        }
        if !doc.examples.iter().any(|e| e.bad.is_some()) {
            problems.push(format!("{id}: needs at least one bad example"));
        }
        if !doc.examples.iter().any(|e| e.good.is_some()) {
            problems.push(format!("{id}: needs at least one good example"));
        }
        let folder_ok = doc.origin.ends_with(&format!("/{id}.yaml"));
        if !folder_ok {
            problems.push(format!(
                "{id}: file {} should be named after the rule",
                doc.origin
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn rule_examples_flag_exactly_what_they_say() {
    let rules = rules();
    let mut problems = Vec::new();
    for doc in rules.docs() {
        for example in &doc.examples {
            let context = Context {
                year_group: example.year_group,
                plan_date: example.plan_date.as_deref().and_then(PlanDate::parse),
            };
            match (&example.bad, &example.good) {
                (Some(bad), None) => {
                    let found: Vec<String> = lint_example(bad, doc, &rules, &context)
                        .into_iter()
                        .filter(|d| d.rule == doc.id)
                        .map(|d| bad[d.span].to_string())
                        .collect();
                    if found != example.flags {
                        problems.push(format!(
                            "{}: bad example {bad:?} flags {found:?}, expected {:?}",
                            doc.id, example.flags
                        ));
                    }
                }
                (None, Some(good)) => {
                    let found: Vec<String> = lint_example(good, doc, &rules, &context)
                        .into_iter()
                        .filter(|d| d.rule == doc.id)
                        .map(|d| good[d.span].to_string())
                        .collect();
                    if !found.is_empty() {
                        problems.push(format!("{}: good example {good:?} flags {found:?}", doc.id));
                    }
                }
                _ => problems.push(format!(
                    "{}: each example needs exactly one of 'bad' or 'good'",
                    doc.id
                )),
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Statement rules' examples are single statements of the rule's first part; plan rules'
/// examples are small plans.
fn lint_example(text: &str, doc: &RuleDoc, rules: &RuleSet, context: &Context) -> Vec<Diagnostic> {
    if matches!(doc.kind, RuleKind::Plan | RuleKind::Suppression) {
        outcome_lint::lint_text("example", text.to_string(), Mode::Plan, rules, context)
            .expect("a text plan always reads")
            .diagnostics
    } else {
        outcome_lint::lint_statement(text, doc.parts[0], rules, context)
    }
}

/// Statement rules have a fixture under tests/fixtures; plan rules have expected findings in
/// the plan corpus (corpus/plans/*.expected.tsv); suppression rules are tested in
/// tests/suppressions.rs.
#[test]
fn every_rule_has_a_fixture() {
    let rules = rules();
    let mut plan_expectations = String::new();
    for entry in std::fs::read_dir("corpus/plans")
        .expect("corpus/plans")
        .flatten()
    {
        if entry.path().to_string_lossy().ends_with(".expected.tsv") {
            plan_expectations.push_str(&std::fs::read_to_string(entry.path()).unwrap_or_default());
        }
    }
    let suppression_fixtures = std::fs::read_to_string("tests/suppressions.rs").unwrap_or_default();
    let missing: Vec<String> = rules
        .docs()
        .filter(|d| {
            if d.kind == RuleKind::Plan {
                !plan_expectations.contains(&format!("\t{}\t", d.id))
            } else if d.kind == RuleKind::Suppression {
                !suppression_fixtures.contains(&format!("\"{}\"", d.id))
            } else {
                !std::path::Path::new(&format!("tests/fixtures/{}.txt", d.id)).exists()
            }
        })
        .map(|d| d.id.clone())
        .collect();
    assert!(missing.is_empty(), "rules without a fixture: {missing:?}");
}
