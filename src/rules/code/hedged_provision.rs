//! `hedged-provision`: Section F wording that makes the provision optional or advisory
//! (RULES.md 3.11).
//!
//! The rule file's phrases find the hedges ("may", "should", "as required"). This code keeps
//! the two uses that commit to something: a permission given to the child ("Ali may wear ear
//! defenders in assembly") and a contingency with a defined response ("Should Maya become
//! distressed, her key adult will take her to the calm room for 10 minutes"), which names who
//! responds and for how long.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::{CodeRule, Finding};
use crate::language::provider::find_providers;
use crate::language::quantity::find_quantities;
use crate::rules::Statement;

pub struct HedgedProvision;

/// What a child may be allowed to do: "may wear", "may leave", "may also use".
static PERMISSION_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\s+(?:also\s+|still\s+|always\s+|choose\s+to\s+)?(?:wear|leave|use|go|take|bring|keep|sit|stand|move|eat|drink|chew|fiddle|listen|stay|return|carry|record|type|choose|request|ask|step|walk|arrive|finish|start|hold|doodle|rest|come|have\s+(?:a|her|his|their|my)\s+(?:snack|drink|water|comfort|fidget|toy|break|rest)|opt)\b",
    )
    .expect("static regex")
});

/// The word before "may" when it is the child: a capitalised name or a pronoun.
static CHILD_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\w'])((?-i:[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?)|(?i:he|she|they|i|you))\s*$")
        .expect("static regex")
});

/// Capitalised words that are not a child's name: the adults and services a hedge speaks of.
const NOT_A_CHILD: &[&str] = &[
    "staff",
    "adults",
    "adult",
    "teachers",
    "teacher",
    "parents",
    "school",
    "college",
    "setting",
    "nursery",
    "support",
    "provision",
    "sessions",
    "session",
    "therapy",
    "it",
    "this",
    "that",
    "these",
    "interventions",
    "intervention",
    "funding",
    "equipment",
    "mum",
    "dad",
    "mentor",
    "therapist",
    "counsellor",
    "tutor",
    "assistant",
    "adviser",
    "advisor",
    "coach",
    "trainer",
    "service",
    "team",
    "person",
];

/// "Should Maya become distressed, …": a conditional opening, up to the comma that ends it.
static CONDITIONAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*should\s+([^,;.]{3,120}?),\s*(.+)$").expect("static regex")
});

/// A condition that only restates need ("should he require it", "should she need support"):
/// the same as "as required".
static NEED_CONDITION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:require|requires|need|needs|want|wants|ask for|request)\b")
        .expect("static regex")
});

impl CodeRule for HedgedProvision {
    fn check(&self, statement: &Statement, triggers: &[Range<usize>], out: &mut Vec<Finding>) {
        let text = statement.text;
        for trigger in triggers {
            let word = text.get(trigger.clone()).unwrap_or("").to_ascii_lowercase();
            let kept = match word.as_str() {
                "may" => is_permission(text, trigger),
                "should" => is_defined_contingency(text, trigger),
                _ => false,
            };
            if !kept {
                out.push(Finding::at(trigger.clone()));
            }
        }
    }
}

/// "Ali may wear ear defenders": the child as the subject of "may", followed by something the
/// child is allowed to do.
fn is_permission(text: &str, may: &Range<usize>) -> bool {
    let before = text.get(..may.start).unwrap_or("");
    let after = text.get(may.end..).unwrap_or("");
    let Some(subject) = CHILD_BEFORE.captures(before).and_then(|c| c.get(1)) else {
        return false;
    };
    // "The Headteacher may", "His Mum may": a noun phrase, not a name.
    let determiner = before
        .get(..subject.start())
        .unwrap_or("")
        .split_whitespace()
        .next_back()
        .is_some_and(|w| {
            [
                "the", "a", "an", "his", "her", "their", "my", "your", "our", "any", "all",
            ]
            .contains(&w.to_ascii_lowercase().as_str())
        });
    let subject = subject.as_str().to_ascii_lowercase();
    let singular = subject.strip_suffix('s').unwrap_or(&subject);
    if determiner || NOT_A_CHILD.contains(&subject.as_str()) || NOT_A_CHILD.contains(&singular) {
        return false;
    }
    PERMISSION_AFTER.is_match(after)
}

/// "Should Maya become distressed, her key adult will take her to the calm room for 10
/// minutes": a condition at the start of the statement, then a response that names who
/// responds and gives an amount.
fn is_defined_contingency(text: &str, should: &Range<usize>) -> bool {
    let before = text.get(..should.start).unwrap_or("");
    if !before.trim().is_empty() {
        return false;
    }
    let Some(caps) = CONDITIONAL.captures(text) else {
        return false;
    };
    let (Some(condition), Some(response)) = (caps.get(1), caps.get(2)) else {
        return false;
    };
    if NEED_CONDITION.is_match(condition.as_str()) {
        return false;
    }
    let response = response.as_str();
    !find_providers(response).is_empty() && !find_quantities(response).is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn may_at(text: &str) -> Range<usize> {
        let start = text.find("may").expect("has may");
        start..start + 3
    }

    #[test]
    fn a_childs_permission_is_not_a_hedge() {
        for text in [
            "Ali may wear ear defenders in assembly.",
            "Yusuf may leave lessons 5 minutes early.",
            "She may also use the lift.",
            "Amira-Rose may take her comfort toy into class.",
        ] {
            assert!(is_permission(text, &may_at(text)), "{text}");
        }
    }

    #[test]
    fn adults_and_services_that_may_act_are_hedges() {
        for text in [
            "Staff may use visual prompts.",
            "The TA may use a timer.",
            "Support may leave gaps.",
            "Maria may need up to 3 hours a week of 1:1 support.",
            "may use a laptop",
        ] {
            assert!(!is_permission(text, &may_at(text)), "{text}");
        }
    }

    #[test]
    fn only_a_defined_response_keeps_should() {
        let defined = "Should Maya become distressed, her key adult will take her to the calm room for 10 minutes.";
        assert!(is_defined_contingency(defined, &(0..6)));
        let need = "Should Ayaan require it, a TA will scribe for him for 10 minutes.";
        assert!(!is_defined_contingency(need, &(0..6)));
        let vague = "Should Bea become upset, an adult will help her.";
        assert!(!is_defined_contingency(vague, &(0..6)));
        let inside = "Support should be given daily.";
        let at = inside.find("should").unwrap_or(0);
        assert!(!is_defined_contingency(inside, &(at..at + 6)));
    }
}
