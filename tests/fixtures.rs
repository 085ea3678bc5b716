//! Per-rule fixtures: `tests/fixtures/<rule-id>.txt`.
//!
//! The first line names the part: `part: outcome`. Every other non-empty line is a statement,
//! followed by `#=>` and the rules that must fire on it (or `clean`), optionally with the year
//! group or the plan's date: `By the end of KS2, Sol will tell the time.  #=> timeframe-mismatch
//! @year=8`, `By July 2025, Ali will swim.  #=> past-deadline @date=2026-01-15`.
//! The fixture's own rule must fire exactly on the lines that name it; other rules named on a
//! line must fire too.

use std::collections::BTreeSet;
use std::fs;

use outcome_lint::document::Part;
use outcome_lint::rules::{Context, RuleSet};

#[test]
fn fixtures_mark_where_each_rule_fires() {
    let rules = RuleSet::builtin().expect("built-in rules load");
    let mut problems = Vec::new();
    let mut checked = 0;
    let mut entries: Vec<_> = fs::read_dir("tests/fixtures")
        .expect("tests/fixtures exists")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    entries.sort();
    for path in entries {
        let rule = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_string();
        let text = fs::read_to_string(&path).expect("fixture is UTF-8");
        let mut lines = text.lines().enumerate();
        let part = lines
            .next()
            .and_then(|(_, l)| l.strip_prefix("part:"))
            .and_then(|p| Part::from_name(p.trim()))
            .unwrap_or_else(|| panic!("{}: first line must be 'part: <part>'", path.display()));
        assert!(
            rules.doc(&rule).is_some(),
            "{}: no rule '{rule}'",
            path.display()
        );
        for (i, line) in lines {
            if line.trim().is_empty() || line.starts_with("//") {
                continue;
            }
            let Some((statement, marks)) = line.split_once("#=>") else {
                problems.push(format!("{}:{}: no '#=>' mark", path.display(), i + 1));
                continue;
            };
            let mut year_group = None;
            let mut plan_date = None;
            let mut expected = BTreeSet::new();
            for mark in marks
                .split([',', ' '])
                .map(str::trim)
                .filter(|m| !m.is_empty())
            {
                if let Some(y) = mark.strip_prefix("@year=") {
                    year_group = y.parse::<u8>().ok();
                } else if let Some(d) = mark.strip_prefix("@date=") {
                    plan_date = outcome_lint::document::PlanDate::parse(d);
                } else if mark != "clean" {
                    expected.insert(mark.to_string());
                }
            }
            let context = Context {
                year_group,
                plan_date,
            };
            let fired: BTreeSet<String> =
                outcome_lint::lint_statement(statement.trim(), part, &rules, &context)
                    .into_iter()
                    .map(|d| d.rule)
                    .collect();
            checked += 1;
            for want in &expected {
                if !fired.contains(want) {
                    problems.push(format!(
                        "{}:{}: expected {want} on {:?}; fired {fired:?}",
                        path.display(),
                        i + 1,
                        statement.trim()
                    ));
                }
            }
            if fired.contains(&rule) && !expected.contains(&rule) {
                problems.push(format!(
                    "{}:{}: {rule} fired on a line not marked for it: {:?}",
                    path.display(),
                    i + 1,
                    statement.trim()
                ));
            }
        }
    }
    assert!(checked > 0, "no fixture lines were checked");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
