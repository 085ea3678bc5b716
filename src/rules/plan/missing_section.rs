//! `missing-section`: an EHC plan without one of the lettered sections A–K (CoP 9.62: sections
//! must be separately labelled). COM records and statement lists are exempt.

use super::{first_line, PlanFinding, PlanRule};
use crate::document::thread::Thread;
use crate::document::{Document, DocumentKind};

pub struct MissingSection;

const REQUIRED: &[&str] = &["A", "B", "C", "D", "E", "F", "G", "H1", "H2", "I", "J", "K"];

impl PlanRule for MissingSection {
    fn check(&self, document: &Document, _thread: &Thread, out: &mut Vec<PlanFinding>) {
        if document.metadata.kind != DocumentKind::EhcPlan {
            return;
        }
        let has = |letter: &str| {
            document.section(letter).is_some()
                // A single "Section H: Social care" heading covers H1 and H2.
                || (letter.starts_with('H') && document.section("H").is_some())
        };
        for letter in REQUIRED {
            if has(letter) {
                continue;
            }
            out.push(PlanFinding {
                span: first_line(document),
                label: Some(format!("no Section {letter} in this plan")),
                vars: vec![("section", (*letter).to_string())],
                location: Some("whole plan".into()),
                ..PlanFinding::default()
            });
        }
    }
}
