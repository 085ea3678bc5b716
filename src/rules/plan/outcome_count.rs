//! `outcome-count`: a plan with fewer than 3 or more than 8 long-term outcomes (advice), or more
//! than 10 (a warning: targets written for every deficit). Steps are not counted.

use super::{section_heading, PlanFinding, PlanRule};
use crate::diagnostic::Severity;
use crate::document::thread::Thread;
use crate::document::{Document, DocumentKind, ItemKind};

pub struct OutcomeCount;

impl PlanRule for OutcomeCount {
    fn check(&self, document: &Document, _thread: &Thread, out: &mut Vec<PlanFinding>) {
        if document.metadata.kind == DocumentKind::Statements {
            return;
        }
        let outcomes: Vec<usize> = document
            .items
            .iter()
            .enumerate()
            .filter(|(_, i)| i.kind == ItemKind::Outcome)
            .map(|(i, _)| i)
            .collect();
        let count = outcomes.len();
        if count == 0 || (3..=8).contains(&count) {
            return;
        }
        let Some(span) = section_heading(document, "E")
            .or_else(|| outcomes.first().map(|&i| document.items[i].span.clone()))
        else {
            return;
        };
        let advice = if count < 3 {
            "fewer than the 3 to 8 that guidance suggests"
        } else if count <= 10 {
            "more than the 3 to 8 that guidance suggests"
        } else {
            "more than 10, a sign that targets have been written for every difficulty"
        };
        let outcomes = if count == 1 {
            "1 long-term outcome".to_string()
        } else {
            format!("{count} long-term outcomes")
        };
        out.push(PlanFinding {
            span,
            label: Some(outcomes.clone()),
            vars: vec![
                ("count", count.to_string()),
                ("outcomes", outcomes),
                ("advice", advice.into()),
            ],
            // Outside 3-8 is advice; over 10 is the warning the rule file states.
            severity: (count <= 10).then_some(Severity::Note),
            location: Some("Section E".into()),
            ..PlanFinding::default()
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::{Context, RuleSet};

    fn outcome_count_messages(plan: &str) -> Vec<String> {
        let rules = RuleSet::builtin().unwrap_or_else(|e| panic!("{e:?}"));
        let report = crate::lint_text(
            "plan.md",
            plan.to_string(),
            crate::input::Mode::Plan,
            &rules,
            &Context::default(),
        )
        .unwrap_or_else(|e| panic!("{e:?}"));
        report
            .diagnostics
            .into_iter()
            .filter(|d| d.rule == "outcome-count")
            .map(|d| d.message)
            .collect()
    }

    #[test]
    fn one_outcome_is_one_outcome() {
        let one = "## Section E: Outcomes\nE1. By July 2027, Mia will read 50 common words.\n";
        assert_eq!(
            outcome_count_messages(one),
            vec!["this plan has 1 long-term outcome, fewer than the 3 to 8 that guidance suggests"]
        );
        let two =
            format!("{one}E2. By July 2027, Mia will write her first name without a model.\n");
        assert_eq!(
            outcome_count_messages(&two),
            vec![
                "this plan has 2 long-term outcomes, fewer than the 3 to 8 that guidance suggests"
            ]
        );
    }
}
