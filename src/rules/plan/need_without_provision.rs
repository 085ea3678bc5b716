//! `need-without-provision`: a Section B need that no provision meets (ex p E [1992]: every need
//! in the needs section must be met by provision in the provision section).

use super::unlinked::report_unlinked;
use super::{section_heading, PlanFinding, PlanRule};
use crate::diagnostic::Label;
use crate::document::thread::{Pair, Thread};
use crate::document::{Document, ItemKind};

pub struct NeedWithoutProvision;

impl PlanRule for NeedWithoutProvision {
    fn check(&self, document: &Document, thread: &Thread, out: &mut Vec<PlanFinding>) {
        report_unlinked(
            document,
            thread,
            &[ItemKind::Need],
            ItemKind::Provision,
            Pair::NeedProvision,
            |d| {
                section_heading(d, "F").map(|span| Label {
                    span,
                    message: "Section F should set out provision for this need".into(),
                })
            },
            out,
        );
    }
}
