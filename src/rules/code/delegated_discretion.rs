//! `delegated-discretion`: provision left for the school or a professional to decide later
//! (RULES.md 3.17).
//!
//! The rule file's patterns find the delegating words ("to be determined by", "at the
//! discretion of", "as the school sees fit"). This code keeps the one lawful shape that shares
//! those words: the content of a programme chosen by a named specialist and delivered in an
//! amount the plan states ("activities to be decided by the occupational therapist, delivered by
//! a TA for 15 minutes every morning"). The amount must be stated in full (no "up to"), and what
//! is left to the specialist must be the content, never the frequency, timing or amount.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::{CodeRule, Finding};
use crate::language::provider::find_providers;
use crate::language::quantity::amount_of;
use crate::rules::Statement;

pub struct DelegatedDiscretion;

/// "to be decided by …", "as chosen by …": the delegating words that can name a specialist.
static DECIDED_BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:determined|decided|chosen|set|devised|designed|selected)\s+by\s*$")
        .expect("static regex")
});

/// The words a specialist's decision must not cover: how much, how often, when, in what group.
static QUANTITY_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:frequency|timing|times?|amount|duration|length|number|hours?|minutes?|intensity|group size|how often|how long|how much|when|sessions?|level)\b",
    )
    .expect("static regex")
});

/// A ceiling or an open quantity: the amount is not fully stated.
static OPEN_AMOUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:up to|maximum|max|no more than|not exceeding|as required|as needed|tbc|tbd)\b",
    )
    .expect("static regex")
});

/// Roles whose expertise can design a programme: therapists, psychologists, specialist
/// teachers and services (not the school, the SENCo, a class teacher or a TA).
static SPECIALIST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:therapist|therapy|physio\w*|ot|salt|slt|sa?lt|psycholog\w*|ep|specialist|teacher of the deaf|tod|qtvi|camhs|nurse|paediatrician|audiologist|dietitian|service|outreach)\b",
    )
    .expect("static regex")
});

impl CodeRule for DelegatedDiscretion {
    fn check(&self, statement: &Statement, triggers: &[Range<usize>], out: &mut Vec<Finding>) {
        for trigger in triggers {
            if !is_specialist_content(statement.text, trigger) {
                out.push(Finding::at(trigger.clone()));
            }
        }
    }
}

/// True when the trigger leaves only a programme's content to a named specialist, and the
/// statement states the amount in full.
fn is_specialist_content(text: &str, trigger: &Range<usize>) -> bool {
    let words = text.get(trigger.clone()).unwrap_or("");
    if !DECIDED_BY.is_match(words) || QUANTITY_WORD.is_match(words) {
        return false;
    }
    // The agent: from the trigger to the end of its clause.
    let rest = text.get(trigger.end..).unwrap_or("");
    let agent_end = rest.find([',', ';', '.', '(']).unwrap_or(rest.len());
    let agent = rest.get(..agent_end).unwrap_or("");
    let specialist = find_providers(agent).into_iter().any(|span| {
        agent
            .get(span)
            .is_some_and(|role| SPECIALIST.is_match(role))
    });
    if !specialist {
        return false;
    }
    // What is decided: the words before the trigger in the same clause.
    let before = text.get(..trigger.start).unwrap_or("");
    let clause_start = before.rfind([',', ';', '.', ':']).map_or(0, |i| i + 1);
    let decided = before.get(clause_start..).unwrap_or("");
    if QUANTITY_WORD.is_match(decided) {
        return false;
    }
    !OPEN_AMOUNT.is_match(text) && amount_of(text).is_quantified()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, words: &str) -> Range<usize> {
        let start = text.find(words).unwrap_or(0);
        start..start + words.len()
    }

    #[test]
    fn a_specialist_choosing_content_within_a_stated_amount_is_specific() {
        let text = "Fine motor activities to be decided by the occupational therapist, delivered by a trained TA for 15 minutes every morning.";
        assert!(is_specialist_content(text, &at(text, "to be decided by")));
    }

    #[test]
    fn the_school_or_an_open_amount_is_still_delegation() {
        let school = "Interventions to be decided by the school, 20 minutes every morning.";
        assert!(!is_specialist_content(
            school,
            &at(school, "to be decided by")
        ));
        let ceiling = "Up to 6 sessions of counselling, to be decided by CAMHS";
        assert!(!is_specialist_content(
            ceiling,
            &at(ceiling, "to be decided by")
        ));
        let timing = "Speech and language therapy for 30 minutes weekly, timing to be decided by the therapist";
        assert!(!is_specialist_content(
            timing,
            &at(timing, "to be decided by")
        ));
    }
}
