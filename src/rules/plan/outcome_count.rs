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
        out.push(PlanFinding {
            span,
            label: Some(format!("{count} long-term outcomes")),
            vars: vec![("count", count.to_string()), ("advice", advice.into())],
            // Outside 3-8 is advice; over 10 is the warning the rule file states.
            severity: (count <= 10).then_some(Severity::Note),
            location: Some("Section E".into()),
            ..PlanFinding::default()
        });
    }
}
