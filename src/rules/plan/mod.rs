//! Plan rules: rules that look at a whole plan rather than one statement (the golden thread,
//! missing sections, counts, names, dates).
//!
//! Each is one file named after its rule id, implementing [`PlanRule`]; its words stay in its
//! YAML file (`kind: plan`). They run only on documents that are plans or COM records, never on
//! statement lists. The registry is kept in alphabetical order.

use std::collections::HashMap;
use std::ops::Range;

use crate::diagnostic::{Label, Severity};
use crate::document::thread::{Strength, Thread};
use crate::document::Document;

mod aspiration_without_outcome;
mod dangling_reference;
mod duplicate_outcome;
mod missing_section;
mod name_mismatch;
mod need_without_outcome;
mod need_without_provision;
mod outcome_count;
mod outcome_without_aspiration;
mod outcome_without_provision;
mod pfa_missing;
mod school_named_in_draft;
mod unlinked;

/// A plan rule's finding, in document coordinates.
#[derive(Clone, Debug, Default)]
pub struct PlanFinding {
    /// The item it is about, if any (index into `document.items`).
    pub item: Option<usize>,
    pub span: Range<usize>,
    pub label: Option<String>,
    pub secondary: Vec<Label>,
    /// Values for `{name}` placeholders in the message and help.
    pub vars: Vec<(&'static str, String)>,
    /// True when the finding rests on inferred links: it is reported one severity lower.
    pub inferred: bool,
    /// A severity the rule chooses for this finding (e.g. advice below a warning threshold).
    pub severity: Option<Severity>,
    /// Where the finding is, when it is not an item ("Section E heading").
    pub location: Option<String>,
}

pub trait PlanRule: Send + Sync {
    fn check(&self, document: &Document, thread: &Thread, out: &mut Vec<PlanFinding>);
}

pub fn registry() -> HashMap<&'static str, Box<dyn PlanRule>> {
    let mut rules: HashMap<&'static str, Box<dyn PlanRule>> = HashMap::new();
    rules.insert(
        "aspiration-without-outcome",
        Box::new(aspiration_without_outcome::AspirationWithoutOutcome),
    );
    rules.insert(
        "dangling-reference",
        Box::new(dangling_reference::DanglingReference),
    );
    rules.insert(
        "duplicate-outcome",
        Box::new(duplicate_outcome::DuplicateOutcome),
    );
    rules.insert("missing-section", Box::new(missing_section::MissingSection));
    rules.insert("name-mismatch", Box::new(name_mismatch::NameMismatch));
    rules.insert(
        "need-without-outcome",
        Box::new(need_without_outcome::NeedWithoutOutcome),
    );
    rules.insert(
        "need-without-provision",
        Box::new(need_without_provision::NeedWithoutProvision),
    );
    rules.insert("outcome-count", Box::new(outcome_count::OutcomeCount));
    rules.insert(
        "outcome-without-aspiration",
        Box::new(outcome_without_aspiration::OutcomeWithoutAspiration),
    );
    rules.insert(
        "outcome-without-provision",
        Box::new(outcome_without_provision::OutcomeWithoutProvision),
    );
    rules.insert("pfa-missing", Box::new(pfa_missing::PfaMissing));
    rules.insert(
        "school-named-in-draft",
        Box::new(school_named_in_draft::SchoolNamedInDraft),
    );
    rules
}

/// Severity one step lower, for findings that rest on inferred links.
pub fn weaker(severity: Severity) -> Severity {
    match severity {
        Severity::Error => Severity::Warning,
        _ => Severity::Note,
    }
}

/// The words a finding that rests on a tier of links adds to its label.
pub fn judged_by(strength: Option<Strength>) -> &'static str {
    match strength {
        Some(Strength::Stated) | None => "",
        Some(Strength::Row) => " (judged from the table rows)",
        Some(Strength::Inferred) => {
            " (judged from headings and content: the plan does not link these by reference)"
        }
    }
}

/// The heading line of a section, as a span, if the plan has that section.
pub fn section_heading(document: &Document, letter: &str) -> Option<Range<usize>> {
    document.section(letter).map(|s| {
        let text = document.text.get(s.heading.clone()).unwrap_or("");
        s.heading.start..s.heading.start + text.trim_end().len()
    })
}

/// The first line of the document, trimmed, as a span.
pub fn first_line(document: &Document) -> Range<usize> {
    let start = document.text.len() - document.text.trim_start().len();
    let line = document.text[start..].lines().next().unwrap_or("");
    start..start + line.trim_end().len()
}
