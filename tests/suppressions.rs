//! Inline suppressions in whole plans: what they cover, and the findings about the comments
//! themselves ("suppression-without-reason", "unused-suppression").

use outcome_lint::input::Mode;
use outcome_lint::rules::{Context, RuleSet};

/// (line, rule) of every finding in a small plan.
fn findings(plan: &str) -> Vec<(usize, String)> {
    let rules = RuleSet::builtin().expect("built-in rules");
    let report = outcome_lint::lint_text(
        "plan.md",
        plan.to_string(),
        Mode::Plan,
        &rules,
        &Context::default(),
    )
    .expect("a text plan always reads");
    let index = outcome_lint::diagnostic::LineIndex::new(&report.text);
    report
        .diagnostics
        .iter()
        .map(|d| (index.line_column(d.span.start).line, d.rule.clone()))
        .collect()
}

fn has(found: &[(usize, String)], line: usize, rule: &str) -> bool {
    found.iter().any(|(l, r)| *l == line && r == rule)
}

const HEAD: &str = "## Section E: Outcomes\n";

#[test]
fn without_a_suppression_the_finding_is_reported() {
    let found = findings(&format!(
        "{HEAD}E1. By July 2027, Mia will begin to read 50 common words.\n"
    ));
    assert!(has(&found, 2, "hedged-outcome"), "{found:?}");
}

#[test]
fn a_comment_on_the_line_before_covers_the_item() {
    let found = findings(&format!(
        "{HEAD}<!-- outcome-lint: allow(hedged-outcome) -- Mia's own words, agreed at the COM -->\n\
         E1. By July 2027, Mia will begin to read 50 common words.\n\
         E2. By July 2027, Mia will begin to write her name.\n"
    ));
    assert!(!has(&found, 3, "hedged-outcome"), "{found:?}");
    assert!(
        has(&found, 4, "hedged-outcome"),
        "only the next item is covered: {found:?}"
    );
    assert!(
        !found.iter().any(|(_, r)| r == "unused-suppression"),
        "{found:?}"
    );
    assert!(!found.iter().any(|(_, r)| r == "suppression-without-reason"));
}

#[test]
fn a_comment_at_the_end_of_the_line_covers_that_item() {
    let found = findings(&format!(
        "{HEAD}E1. By July 2027, Mia will begin to read 50 common words. <!-- outcome-lint: allow(hedged-outcome) -- agreed with her parents -->\n"
    ));
    assert!(
        !found.iter().any(|(_, r)| r == "hedged-outcome"),
        "{found:?}"
    );
    assert!(
        !found.iter().any(|(_, r)| r == "unused-suppression"),
        "{found:?}"
    );
}

#[test]
fn the_yaml_comment_form_works_too() {
    let found = findings(&format!(
        "{HEAD}E1. By July 2027, Mia will begin to read 50 common words. # outcome-lint: allow(hedged-outcome) -- agreed\n"
    ));
    assert!(
        !found.iter().any(|(_, r)| r == "hedged-outcome"),
        "{found:?}"
    );
}

#[test]
fn a_suppression_without_a_reason_still_works_but_is_reported() {
    let found = findings(&format!(
        "{HEAD}E1. By July 2027, Mia will begin to read 50 common words. <!-- outcome-lint: allow(hedged-outcome) -->\n"
    ));
    assert!(
        !found.iter().any(|(_, r)| r == "hedged-outcome"),
        "{found:?}"
    );
    assert!(has(&found, 2, "suppression-without-reason"), "{found:?}");
}

#[test]
fn a_suppression_that_suppresses_nothing_is_reported() {
    let found = findings(&format!(
        "{HEAD}<!-- outcome-lint: allow(hedged-outcome, no-timeframe) -- agreed at the COM -->\n\
         E1. By July 2027, Mia will begin to read 50 common words.\n"
    ));
    assert!(!has(&found, 3, "hedged-outcome"), "{found:?}");
    let unused: Vec<_> = found
        .iter()
        .filter(|(_, r)| r == "unused-suppression")
        .collect();
    assert_eq!(
        unused.len(),
        1,
        "no-timeframe did not fire, so its allow is unused: {found:?}"
    );
    assert_eq!(unused[0].0, 2);
}

#[test]
fn words_inside_a_suppression_comment_are_not_plan_text() {
    let found = findings(&format!(
        "{HEAD}<!-- outcome-lint: allow(hedged-outcome) -- she may begin to try, as appropriate -->\n\
         E1. By July 2027, Mia will begin to read 50 common words.\n"
    ));
    assert!(
        !found
            .iter()
            .any(|(l, r)| *l == 2 && r != "unused-suppression"),
        "{found:?}"
    );
}
