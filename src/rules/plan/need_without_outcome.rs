//! `need-without-outcome`: a Section B need with no outcome in Section E (there should normally
//! be an outcome for each area of identified need).

use super::unlinked::report_unlinked;
use super::{section_heading, PlanFinding, PlanRule};
use crate::diagnostic::Label;
use crate::document::thread::{Pair, Thread};
use crate::document::{Document, ItemKind};

pub struct NeedWithoutOutcome;

impl PlanRule for NeedWithoutOutcome {
    fn check(&self, document: &Document, thread: &Thread, out: &mut Vec<PlanFinding>) {
        report_unlinked(
            document,
            thread,
            &[ItemKind::Need],
            ItemKind::Outcome,
            Pair::NeedOutcome,
            |d| {
                section_heading(d, "E").map(|span| Label {
                    span,
                    message: "Section E has no outcome for this need".into(),
                })
            },
            out,
        );
    }
}
