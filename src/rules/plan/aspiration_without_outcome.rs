//! `aspiration-without-outcome`: an aspiration in Section A that no outcome in Section E works
//! towards.

use super::unlinked::report_unlinked;
use super::{section_heading, PlanFinding, PlanRule};
use crate::diagnostic::Label;
use crate::document::thread::{Pair, Strength, Thread};
use crate::document::{Document, ItemKind};

pub struct AspirationWithoutOutcome;

impl PlanRule for AspirationWithoutOutcome {
    fn check(&self, document: &Document, thread: &Thread, out: &mut Vec<PlanFinding>) {
        // Content alone cannot say which aspiration an outcome serves precisely enough to report
        // on (measured on corpus/plans: mostly false alarms), so this rule speaks only where the
        // plan links outcomes to aspirations by id.
        if thread.tier(Pair::AspirationOutcome) != Some(Strength::Stated) {
            return;
        }
        report_unlinked(
            document,
            thread,
            &[ItemKind::Aspiration],
            ItemKind::Outcome,
            Pair::AspirationOutcome,
            |d| {
                section_heading(d, "E").map(|span| Label {
                    span,
                    message: "no outcome in Section E leads towards this aspiration".into(),
                })
            },
            out,
        );
    }
}
