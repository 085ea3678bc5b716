//! `pfa-missing`: from Year 9, a plan with no Preparing for Adulthood outcome (employment or a
//! post-16 pathway, independent living, friends and community, or health). Outcomes about
//! qualifications or attainment alone do not count.

use std::sync::OnceLock;

use regex::Regex;

use super::{section_heading, PlanFinding, PlanRule};
use crate::document::thread::Thread;
use crate::document::{Document, DocumentKind, ItemKind};

pub struct PfaMissing;

/// Words of the four Preparing for Adulthood areas (CoP 8, 1.39).
fn pfa_words() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?i)\b(?:jobs?|work experience|work placement|paid work|employ\w*|careers?|apprentice\w*|internship|volunteer\w*|traineeship|college|sixth form|university|post[- ]16|interview|cv|travel\w*|bus|train|trains|journey|live (?:independently|in)|flat|money|budget\w*|shopping|cook\w*|meals?|laundry|friends?|friendships?|community|club|youth|relationships?|leisure|health\w*|doctor|gp|medication|medicine|dentist|exercise|fitness|gym|sleep|personal care|appointments?)\b",
        )
        .expect("static regex")
    })
}

/// Area headings that are Preparing for Adulthood areas.
fn pfa_area() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?i)^\W*(?:employment|higher education|education and employment|education and training|learning and work|independen|living independently|friends|community|relationships|participating in society|being healthy|good health|staying healthy|health and wellbeing|preparing for adulthood)",
        )
        .expect("static regex")
    })
}

impl PlanRule for PfaMissing {
    fn check(&self, document: &Document, _thread: &Thread, out: &mut Vec<PlanFinding>) {
        if document.metadata.kind == DocumentKind::Statements {
            return;
        }
        let Some(year) = document.metadata.year_group else {
            return;
        };
        if year < 9 {
            return;
        }
        let outcomes: Vec<_> = document
            .items
            .iter()
            .filter(|i| matches!(i.kind, ItemKind::Outcome | ItemKind::Step))
            .collect();
        if outcomes.is_empty() {
            return;
        }
        let has_pfa = outcomes.iter().any(|i| {
            i.area.as_deref().is_some_and(|a| pfa_area().is_match(a))
                || pfa_words().is_match(document.item_text(i))
        });
        if has_pfa {
            return;
        }
        let Some(span) =
            section_heading(document, "E").or_else(|| outcomes.first().map(|i| i.span.clone()))
        else {
            return;
        };
        out.push(PlanFinding {
            span,
            label: Some(format!("Year {year}: no Preparing for Adulthood outcome")),
            vars: vec![("year_group", year.to_string())],
            location: Some("Section E".into()),
            ..PlanFinding::default()
        });
    }
}
