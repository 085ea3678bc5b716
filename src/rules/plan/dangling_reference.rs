//! `dangling-reference`: a reference to an item the plan does not have ("see E7" in a plan with
//! six outcomes, an `Outcome ref` cell naming `E9`), with the nearest real id as a suggestion.

use super::{PlanFinding, PlanRule};
use crate::document::thread::Thread;
use crate::document::Document;

pub struct DanglingReference;

impl PlanRule for DanglingReference {
    fn check(&self, document: &Document, thread: &Thread, out: &mut Vec<PlanFinding>) {
        for d in &thread.dangling {
            // Only ids of a kind the plan numbers: "E9" in a plan whose outcomes have no ids
            // could name anything.
            let letter = d.link.target.chars().next();
            let plan_numbers_it = document.items.iter().any(|i| {
                i.id.as_deref()
                    .is_some_and(|id| id.chars().next() == letter && id.len() <= 4)
            });
            if !plan_numbers_it {
                continue;
            }
            let suggestion = match &d.nearest {
                Some(n) => format!("did you mean {n}? "),
                None => String::new(),
            };
            out.push(PlanFinding {
                item: Some(d.item),
                span: d.link.span.clone(),
                label: Some(format!("there is no {} in this plan", d.link.target)),
                vars: vec![
                    ("target", d.link.target.clone()),
                    ("suggestion", suggestion),
                ],
                ..PlanFinding::default()
            });
        }
    }
}
