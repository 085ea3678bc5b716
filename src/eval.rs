//! `outcome-lint eval`: precision and recall of each rule on a labelled file of statements.
//!
//! The file is tab-separated with a header row naming at least `id`, `part`, `year_group`,
//! `text` and `expected` (comma-separated rule ids, or `clean`). Each row is linted as one
//! statement of its part; a rule's finding on a row counts once however many words it flags.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::document::Part;
use crate::rules::{Context, RuleKind, RuleSet};

/// One labelled row.
#[derive(Clone, Debug)]
pub struct Row {
    pub id: String,
    pub line: usize,
    pub part: Part,
    pub year_group: Option<u8>,
    pub text: String,
    pub expected: BTreeSet<String>,
}

/// A problem with the labelled file, with its line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EvalError {
    pub line: usize,
    pub message: String,
}

/// Counts for one rule.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Score {
    pub true_positives: usize,
    pub false_positives: usize,
    pub false_negatives: usize,
}

impl Score {
    pub fn precision(&self) -> f64 {
        let fired = self.true_positives + self.false_positives;
        if fired == 0 {
            1.0
        } else {
            self.true_positives as f64 / fired as f64
        }
    }

    pub fn recall(&self) -> f64 {
        let expected = self.true_positives + self.false_negatives;
        if expected == 0 {
            1.0
        } else {
            self.true_positives as f64 / expected as f64
        }
    }
}

/// A row where the rules disagreed with the labels.
#[derive(Clone, Debug, Serialize)]
pub struct Miss {
    pub id: String,
    pub line: usize,
    pub rule: String,
    /// "false positive" or "false negative".
    pub kind: &'static str,
    pub text: String,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Evaluation {
    pub rows: usize,
    pub rules: BTreeMap<String, Score>,
    pub total: Score,
    pub misses: Vec<Miss>,
}

pub fn parse(text: &str) -> Result<Vec<Row>, Vec<EvalError>> {
    let mut lines = text.lines().enumerate();
    let Some((_, header)) = lines.next() else {
        return Err(vec![EvalError {
            line: 1,
            message: "the file is empty: it needs a header row".into(),
        }]);
    };
    let names: Vec<&str> = header.split('\t').map(str::trim).collect();
    let column = |name: &str| names.iter().position(|n| n.eq_ignore_ascii_case(name));
    let mut errors = Vec::new();
    let mut need = |name: &str| {
        let c = column(name);
        if c.is_none() {
            errors.push(EvalError {
                line: 1,
                message: format!("the header row has no '{name}' column"),
            });
        }
        c.unwrap_or(0)
    };
    let (id_c, part_c, year_c, text_c, expected_c) = (
        need("id"),
        need("part"),
        need("year_group"),
        need("text"),
        need("expected"),
    );
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut rows = Vec::new();
    for (i, line) in lines {
        let line_no = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        let cells: Vec<&str> = line.split('\t').collect();
        let get = |c: usize| cells.get(c).map(|s| s.trim()).unwrap_or("");
        let mut fail = |message: String| {
            errors.push(EvalError {
                line: line_no,
                message,
            })
        };
        let Some(part) = Part::from_name(get(part_c)) else {
            fail(format!(
                "'{}' is not a part (aspiration, need, outcome or provision)",
                get(part_c)
            ));
            continue;
        };
        let year = get(year_c);
        let year_group = if year.is_empty() {
            None
        } else {
            match year.parse::<u8>() {
                Ok(n) if n <= 14 => Some(n),
                _ => {
                    fail(format!(
                        "'{year}' is not a year group (0 for Reception, 1 to 14, or empty)"
                    ));
                    continue;
                }
            }
        };
        let expected_text = get(expected_c);
        let expected: BTreeSet<String> = if expected_text.eq_ignore_ascii_case("clean") {
            BTreeSet::new()
        } else {
            expected_text
                .split(',')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect()
        };
        if expected.is_empty() && !expected_text.eq_ignore_ascii_case("clean") {
            fail("'expected' is empty: write rule ids or 'clean'".into());
            continue;
        }
        rows.push(Row {
            id: get(id_c).to_string(),
            line: line_no,
            part,
            year_group,
            text: get(text_c).to_string(),
            expected,
        });
    }
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(errors)
    }
}

/// Lints every row and scores each rule that applies to the rows' parts. With `only`, just
/// those rules are scored and other labels are ignored.
pub fn evaluate(
    rows: &[Row],
    rules: &RuleSet,
    only: Option<&BTreeSet<String>>,
) -> Result<Evaluation, Vec<EvalError>> {
    let known: BTreeSet<&str> = rules.docs().map(|d| d.id.as_str()).collect();
    let scored = |rule: &str| only.is_none_or(|o| o.contains(rule));
    let unknown: Vec<EvalError> = rows
        .iter()
        .flat_map(|r| {
            r.expected
                .iter()
                .filter(|e| scored(e) && !known.contains(e.as_str()))
                .map(|e| EvalError {
                    line: r.line,
                    message: format!("'{e}' is not a rule id"),
                })
        })
        .collect();
    if !unknown.is_empty() {
        return Err(unknown);
    }
    let mut evaluation = Evaluation {
        rows: rows.len(),
        ..Evaluation::default()
    };
    for row in rows {
        let mut fired = fired_rules(row, rules);
        fired.retain(|r| scored(r));
        let expected: BTreeSet<String> =
            row.expected.iter().filter(|r| scored(r)).cloned().collect();
        let mut touch = |rule: &str, f: &dyn Fn(&mut Score)| {
            f(evaluation.rules.entry(rule.to_string()).or_default());
            f(&mut evaluation.total);
        };
        for rule in fired.union(&expected) {
            let (got, want) = (fired.contains(rule), expected.contains(rule));
            match (got, want) {
                (true, true) => touch(rule, &|s| s.true_positives += 1),
                (true, false) => touch(rule, &|s| s.false_positives += 1),
                (false, true) => touch(rule, &|s| s.false_negatives += 1),
                (false, false) => {}
            }
            if got != want {
                evaluation.misses.push(Miss {
                    id: row.id.clone(),
                    line: row.line,
                    rule: rule.clone(),
                    kind: if got {
                        "false positive"
                    } else {
                        "false negative"
                    },
                    text: row.text.clone(),
                });
            }
        }
        // Rules that apply to the row's part and stayed quiet as expected still get a row in
        // the table, so a rule with no positives is visible.
        for doc in rules.docs().filter(|d| {
            !matches!(d.kind, RuleKind::Plan | RuleKind::Suppression)
                && d.parts.contains(&row.part)
                && scored(&d.id)
        }) {
            evaluation.rules.entry(doc.id.clone()).or_default();
        }
    }
    Ok(evaluation)
}

/// The set of rule ids that fire on one row.
pub fn fired_rules(row: &Row, rules: &RuleSet) -> BTreeSet<String> {
    let context = Context {
        year_group: row.year_group,
        plan_date: None,
    };
    crate::lint_statement(&row.text, row.part, rules, &context)
        .into_iter()
        .map(|d| d.rule)
        .collect()
}

/// Floors recorded for each rule: `rule<TAB>precision<TAB>recall`, `#` comments allowed.
pub fn parse_floors(text: &str) -> Result<BTreeMap<String, (f64, f64)>, EvalError> {
    let mut floors = BTreeMap::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with("rule\t") {
            continue;
        }
        let cells: Vec<&str> = line.split('\t').map(str::trim).collect();
        let parse = |s: Option<&&str>| s.and_then(|s| s.parse::<f64>().ok());
        match (cells.first(), parse(cells.get(1)), parse(cells.get(2))) {
            (Some(rule), Some(p), Some(r)) => {
                floors.insert(rule.to_string(), (p, r));
            }
            _ => {
                return Err(EvalError {
                    line: i + 1,
                    message: "expected: rule, precision, recall (tab-separated)".into(),
                })
            }
        }
    }
    Ok(floors)
}

/// Rules below their floors, as messages.
pub fn below_floors(evaluation: &Evaluation, floors: &BTreeMap<String, (f64, f64)>) -> Vec<String> {
    let mut out = Vec::new();
    for (rule, &(p_floor, r_floor)) in floors {
        let Some(score) = evaluation.rules.get(rule) else {
            out.push(format!(
                "{rule}: has a floor but no rows in the labelled file"
            ));
            continue;
        };
        if score.precision() + 1e-9 < p_floor {
            out.push(format!(
                "{rule}: precision {:.3} is below its floor {p_floor:.3}",
                score.precision()
            ));
        }
        if score.recall() + 1e-9 < r_floor {
            out.push(format!(
                "{rule}: recall {:.3} is below its floor {r_floor:.3}",
                score.recall()
            ));
        }
    }
    out
}
