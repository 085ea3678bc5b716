//! `no-provider`: provision delivered by people that does not say who delivers it (RULES.md
//! 3.16).
//!
//! It needs the shared provider parser. A role, profession or service that delivers the provision
//! (its `Who` cell included) answers the question; one named only as the decider ("as decided by
//! the class teacher") does not. "An adult" or "staff" never answer it and are what the finding
//! points at, even on equipment ("sensory breaks with an adult"); otherwise the finding is a
//! non-provider such as "the school", or the item's own text. Equipment and adjustments with no
//! person in them need no deliverer.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::{own_text_span, CodeRule, Finding};
use crate::language::provider::{
    find_deliverers, find_non_providers, find_providers, is_equipment_or_adjustment,
    is_person_delivered,
};
use crate::rules::Statement;

pub struct NoProvider;

/// The family as the deliverer ("Zainab's mum will practise her spellings at home"): it says
/// who, though it is not provision the authority secures.
static FAMILY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:^(?:[\p{L}'’-]+(?:'s|’s) )?|\b(?:by|with|from) (?:his|her|their|my) )(?:mum|mother|dad|father|parents?|carers?|foster carers?|family|grandparents?|grandma|grandad)\b",
    )
    .expect("static regex")
});

impl CodeRule for NoProvider {
    fn check(&self, statement: &Statement, _triggers: &[Range<usize>], out: &mut Vec<Finding>) {
        let text = statement.text;
        if !find_deliverers(text).is_empty() || FAMILY.is_match(text) {
            return;
        }
        let non_providers = find_non_providers(text);
        let person = non_providers.iter().find(|span| {
            let words = text.get((*span).clone()).unwrap_or("").to_lowercase();
            words.contains("adult") || words.contains("staff")
        });
        if let Some(person) = person {
            out.push(Finding::at(person.clone()));
            return;
        }
        // A role that only decides, with no one else named, is left to delegated-discretion.
        if !find_providers(text).is_empty() {
            return;
        }
        if is_equipment_or_adjustment(text) || !is_person_delivered(text) {
            return;
        }
        let span = match non_providers.first() {
            Some(first) => first.clone(),
            None => own_text_span(statement),
        };
        if !span.is_empty() {
            out.push(Finding::at(span));
        }
    }
}
