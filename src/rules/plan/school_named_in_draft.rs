//! `school-named-in-draft`: a draft plan that names a school or college in Section I. Only the
//! final plan names the placement; the draft leaves Section I blank so that the family can state
//! a preference (CoP 9.69, 9.77-9.79).

use std::sync::OnceLock;

use regex::Regex;

use super::{PlanFinding, PlanRule};
use crate::document::thread::Thread;
use crate::document::{Document, PlanStatus};

pub struct SchoolNamedInDraft;

/// A named institution: capitalised words ending in School, Academy, College … ("Riverside
/// Academy", "St Mary's C of E Primary School").
fn named_institution() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"\b(?:St\.? )?(?:[A-Z][\w'’&.-]*\s+){1,6}(?:(?i:Primary|Secondary|Infant|Junior|Special|High|Grammar|Community|Free|C of E|CE|RC|Catholic|Church of England))?\s*(?:School|Academy|College|Nursery|Pre-?school|Sixth Form|Centre|Free School|University Technical College)\b",
        )
        .expect("static regex")
    })
}

/// Generic names that are not an institution ("The School", "Special School", "Mainstream School").
fn generic(name: &str) -> bool {
    let lower = name.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    words.iter().all(|w| {
        [
            "the",
            "a",
            "school",
            "college",
            "academy",
            "nursery",
            "special",
            "mainstream",
            "secondary",
            "primary",
            "local",
            "maintained",
            "independent",
            "name",
            "of",
            "type",
            "and",
            "setting",
            "institution",
            "sixth",
            "form",
            "centre",
            "further",
            "education",
            "fe",
            "specialist",
            "resource",
            "base",
        ]
        .contains(w)
    })
}

impl PlanRule for SchoolNamedInDraft {
    fn check(&self, document: &Document, _thread: &Thread, out: &mut Vec<PlanFinding>) {
        if document.metadata.status != PlanStatus::Draft {
            return;
        }
        let Some(section) = document.section("I") else {
            return;
        };
        // The section body, after its heading line.
        let body_start = section.heading.end.min(section.span.end);
        let Some(body) = document.text.get(body_start..section.span.end) else {
            return;
        };
        for m in named_institution().find_iter(body) {
            let name = m.as_str().trim();
            if generic(name) {
                continue;
            }
            let start = body_start + m.start() + (m.as_str().len() - m.as_str().trim_start().len());
            out.push(PlanFinding {
                span: start..start + name.len(),
                label: Some("a draft plan should not name the school yet".into()),
                vars: vec![("school", name.to_string())],
                location: Some("Section I".into()),
                ..PlanFinding::default()
            });
            break;
        }
    }
}
