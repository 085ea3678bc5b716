//! `docs/rules.md` is generated from the rule files; this test fails when it is out of date.
//! Run `UPDATE_DOCS=1 cargo test --test generated_docs` to rewrite it.

use outcome_lint::render::rule_docs::rules_markdown;
use outcome_lint::rules::RuleSet;

#[test]
fn docs_rules_md_is_up_to_date() {
    let rules = RuleSet::builtin().expect("built-in rules load");
    let expected = rules_markdown(rules.docs());
    let path = "docs/rules.md";
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(path, &expected).expect("write docs/rules.md");
        return;
    }
    let actual = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        actual == expected,
        "docs/rules.md is out of date: run `UPDATE_DOCS=1 cargo test --test generated_docs`"
    );
}

#[test]
fn every_rule_has_an_anchor_in_the_docs() {
    let rules = RuleSet::builtin().expect("built-in rules load");
    let text = rules_markdown(rules.docs());
    for doc in rules.docs() {
        assert!(
            text.contains(&format!("<a id=\"{}\"></a>", doc.id)),
            "{} has no anchor",
            doc.id
        );
    }
}
