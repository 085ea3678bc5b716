//! `outcome-without-provision`: a Section E outcome that no provision in Section F works
//! towards.

use super::unlinked::report_unlinked;
use super::{section_heading, PlanFinding, PlanRule};
use crate::diagnostic::Label;
use crate::document::thread::{Pair, Thread};
use crate::document::{Document, ItemKind};

pub struct OutcomeWithoutProvision;

impl PlanRule for OutcomeWithoutProvision {
    fn check(&self, document: &Document, thread: &Thread, out: &mut Vec<PlanFinding>) {
        report_unlinked(
            document,
            thread,
            &[ItemKind::Outcome],
            ItemKind::Provision,
            Pair::OutcomeProvision,
            |d| {
                section_heading(d, "F").map(|span| Label {
                    span,
                    message: "no provision here works towards this outcome".into(),
                })
            },
            out,
        );
    }
}
