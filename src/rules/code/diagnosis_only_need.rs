//! `diagnosis-only-need`: a Section B entry that is only a diagnosis or label (RULES.md
//! section 4).
//!
//! The rule file lists the diagnoses and labels (its phrases and patterns arrive here as
//! triggers). A need fires when it has a label and nothing else of substance: once the labels,
//! the diagnosis frame ("has a diagnosis of", "diagnosed by the paediatrician in 2021"), the
//! child's name or pronoun and any resource clause ("- needs a radio aid", which is
//! `need-is-provision`'s business) are set aside, no word is left to say what the child finds
//! hard. Any other word keeps the rule quiet: a missed label costs less than a false alarm on a
//! need that does describe the child.

use std::ops::Range;

use super::need_is_provision::{is_word, tokens};
use super::{CodeRule, Finding};
use crate::rules::Statement;

pub struct DiagnosisOnlyNeed;

/// Words that frame a diagnosis without describing the child: who has it, who diagnosed it,
/// when, and qualifiers of the label itself.
const FRAME: &[&str] = &[
    "he",
    "she",
    "they",
    "i",
    "his",
    "her",
    "their",
    "my",
    "him",
    "them",
    "has",
    "have",
    "had",
    "having",
    "a",
    "an",
    "the",
    "of",
    "with",
    "diagnosis",
    "diagnoses",
    "diagnosed",
    "been",
    "is",
    "was",
    "are",
    "were",
    "and",
    "or",
    "also",
    "by",
    "in",
    "at",
    "from",
    "age",
    "aged",
    "recently",
    "formal",
    "formally",
    "confirmed",
    "suspected",
    "possible",
    "query",
    "queried",
    "traits",
    "features",
    "type",
    "combined",
    "predominantly",
    "inattentive",
    "hyperactive",
    "impulsive",
    "mild",
    "moderate",
    "severe",
    "profound",
    "significant",
    "complex",
    "bilateral",
    "unilateral",
    "left",
    "right",
    "sided",
    "sensorineural",
    "conductive",
    "permanent",
    "registered",
    "identified",
    "known",
    "lives",
    "paediatrician",
    "paediatric",
    "camhs",
    "consultant",
    "clinic",
    "hospital",
    "nhs",
    "team",
    "service",
    "neurologist",
    "audiologist",
    "gp",
    "doctor",
    "psychiatrist",
    "psychologist",
    "educational",
    "ep",
    "neurodevelopmental",
    "pathway",
    "years",
    "year",
    "old",
    "months",
    "specialist",
    "clinical",
    "medical",
    "condition",
    "conditions",
    "difficulties",
    "difficulty",
    "profile",
    "awaiting",
    "assessment",
    "for",
    "referral",
    "under",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "this",
    "ear",
    "ears",
    "eye",
    "eyes",
    "both",
    "rare",
    "tendencies",
];

/// Verbs after which a capitalised word before them is the child's name.
const AFTER_NAME: &[&str] = &["has", "is", "was", "had", "have", "lives"];

impl CodeRule for DiagnosisOnlyNeed {
    fn check(&self, statement: &Statement, triggers: &[Range<usize>], out: &mut Vec<Finding>) {
        let own = statement.text.get(..statement.own_len).unwrap_or("");
        let labels: Vec<&Range<usize>> = triggers.iter().filter(|t| t.end <= own.len()).collect();
        if labels.is_empty() {
            return;
        }
        let toks = tokens(own);
        let in_label =
            |r: &Range<usize>| labels.iter().any(|l| l.start <= r.start && r.end <= l.end);
        let mut in_resource_clause = false;
        let mut label_span: Option<Range<usize>> = None;
        for (k, (range, word)) in toks.iter().enumerate() {
            if !is_word(word) {
                if matches!(word.as_str(), "." | ";" | "!" | "?") {
                    in_resource_clause = false;
                }
                continue;
            }
            if in_resource_clause {
                continue;
            }
            let frame = FRAME.contains(&word.as_str())
                || word.chars().all(|c| c.is_ascii_digit())
                || word.ends_with("'s")
                || word.ends_with("\u{2019}s");
            if in_label(range) {
                // The underline starts at the first label word that is not frame ("with
                // Tourette's syndrome" shows "Tourette's syndrome").
                label_span = match label_span {
                    Some(s) => Some(s.start..range.end),
                    None if frame => None,
                    None => Some(range.clone()),
                };
                continue;
            }
            let next = toks.get(k + 1).map(|(_, w)| w.as_str()).unwrap_or("");
            if matches!(word.as_str(), "needs" | "need" | "requires" | "require")
                && is_word(next)
                && next != "to"
            {
                // A resource clause: the rest of this sentence names what the child should get.
                in_resource_clause = true;
                continue;
            }
            if frame {
                continue;
            }
            let capitalised = own
                .get(range.clone())
                .and_then(|w| w.chars().next())
                .is_some_and(char::is_uppercase);
            if capitalised && AFTER_NAME.contains(&next) {
                continue;
            }
            // A word that may describe the child: not a bare label.
            return;
        }
        if let Some(span) = label_span {
            out.push(Finding::at(span));
        }
    }
}
