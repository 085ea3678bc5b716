//! `access-or-opportunity`: Section F that offers access to something, or an opportunity,
//! instead of the provision itself (RULES.md 3.12).
//!
//! The rule file's phrases find "access to", "opportunities for", "made available"; its guards
//! drop exam access arrangements and wheelchair access. This code drops access that is itself
//! quantified ("access to the sensory room for 10 minutes after lunch each day"): that is the
//! specific version guidance asks for. Quantities come from `language::quantity`; two readings
//! are added here for access in particular: an interval ("every 30 minutes") is a frequency,
//! and access at every one of a bounded part of the day ("at every break and lunchtime", "in
//! each lesson") lasts as long as that part of the day, so it needs no separate duration.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::{CodeRule, Finding};
use crate::language::quantity::amount_of;
use crate::rules::Statement;

pub struct AccessOrOpportunity;

/// "every 30 minutes", "every 2 hours": an interval, so a frequency.
static INTERVAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bevery\s+[0-9]+(?:\.[0-9]+)?\s*(?:minutes?|mins?|hours?|hrs?)\b")
        .expect("static regex")
});

/// Every one of a bounded part of the school day.
static EVERY_BOUNDED_PERIOD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:every|each|all)\s+(?:[a-z]+\s+){0,2}?(?:breaks?|break times?|breaktimes?|lunchtimes?|lunch times?|lunch breaks?|playtimes?|lessons?|registrations?|assembl(?:y|ies)|tutor times?|unstructured times?)\b",
    )
    .expect("static regex")
});

/// True when the access itself says how much: a frequency and a duration, a total, a scope,
/// or every one of a bounded part of the day.
fn access_is_quantified(text: &str) -> bool {
    let amount = amount_of(text);
    if amount.is_quantified() {
        return true;
    }
    let frequency = amount.frequency || INTERVAL.is_match(text);
    (frequency && amount.duration) || EVERY_BOUNDED_PERIOD.is_match(text)
}

impl CodeRule for AccessOrOpportunity {
    fn check(&self, statement: &Statement, triggers: &[Range<usize>], out: &mut Vec<Finding>) {
        if triggers.is_empty() || access_is_quantified(statement.text) {
            return;
        }
        out.extend(triggers.iter().cloned().map(Finding::at));
    }
}

#[cfg(test)]
mod tests {
    use super::access_is_quantified;

    #[test]
    fn access_with_its_own_amount_is_quantified() {
        for text in [
            "Access to the sensory room for 10 minutes after lunch each day with his key adult.",
            "Access to a movement break of 5 minutes every 30 minutes.",
            "Access to the library with his key adult at every break and lunchtime.",
            "Access to a laptop for all written work.",
        ] {
            assert!(access_is_quantified(text), "{text}");
        }
    }

    #[test]
    fn bare_or_partly_quantified_access_is_not() {
        for text in [
            "Access to a quiet room.",
            "Access to the nurture room each morning with the HLTA.",
            "Access to the sensory room for a maximum of 3 times per day",
            "Access to the nurture room at break times.",
        ] {
            assert!(!access_is_quantified(text), "{text}");
        }
    }
}
