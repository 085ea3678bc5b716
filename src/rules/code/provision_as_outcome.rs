//! `provision-as-outcome`: an outcome that describes the help the child gets instead of the
//! difference it makes (RULES.md 3.6).
//!
//! The rule file's phrases catch the service verbs ("will receive", "will have access to").
//! This code adds the two signals a phrase list cannot see: an adult or service as the subject
//! doing something for the child ("Staff will ensure …"), and an outcome that is only a service
//! noun ("5 hours of TA support").

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

use super::{CodeRule, Finding};
use crate::language::subject::SubjectKind;
use crate::rules::Statement;

pub struct ProvisionAsOutcome;

/// What an adult or service does when the statement is provision: providing, ensuring,
/// delivering, teaching, supporting.
fn service_verb() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?i)^(?:[\w'’ ]+?\s+)?(?:will|to|shall|should|must|are to|is to)\s+(?:continue to\s+|also\s+)?(?:provide|pre[- ]teach|meet with|meet|visit|observe and|deliver|liaise|ensure|offer|deliver|give|support|help|teach|run|model|arrange|put in place|implement|make sure|use|set up|plan|monitor|share|work with|encourage|prompt|check|review|liaise|refer|assess|facilitate|create|develop|allocate|timetable|build in|carry out|practise|practice|read|meet)\b",
        )
        .expect("static regex")
    })
}

/// An outcome that is only a service noun ("5 hours of TA support", "Short breaks.").
fn service_noun_only() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?i)^\s*(?:[0-9]+(?:\.[0-9]+)?\s+(?:hours?|hrs?|minutes?|mins?|sessions?)\s+(?:a week\s+|per week\s+|weekly\s+)?(?:of\s+)?[\w&' ]*?(?:support|therapy|input|teaching|tuition|intervention|sessions?)(?:\s+(?:a|per|each|every)\s+(?:week|day|term|month)|\s+weekly|\s+daily)?(?:\s+(?:during|in|across)\s+[\w ]+)?|(?:weekly|daily|regular|termly)?\s*(?:short breaks|respite|speech and language therapy|occupational therapy|physiotherapy|ta support|1:1 support|one[- ]to[- ]one support|counselling|mentoring|play therapy))\s*\.?\s*$",
        )
        .expect("static regex")
    })
}

impl CodeRule for ProvisionAsOutcome {
    fn check(&self, statement: &Statement, triggers: &[Range<usize>], out: &mut Vec<Finding>) {
        if let Some(first) = triggers.first() {
            out.push(Finding::at(first.clone()));
            return;
        }
        let own = statement.own();
        let subject = statement.own_subject();
        if matches!(
            subject.kind,
            SubjectKind::Adult | SubjectKind::AimInfinitive
        ) {
            let clause = own.get(subject.span.start..).unwrap_or("");
            let is_service = match subject.kind {
                SubjectKind::AimInfinitive => {
                    let verb = own.get(subject.span.clone()).unwrap_or("").to_lowercase();
                    ["provide", "ensure", "offer", "support", "give", "deliver"]
                        .iter()
                        .any(|v| verb.contains(v))
                }
                _ => service_verb().is_match(clause),
            };
            if is_service && !subject.span.is_empty() {
                out.push(Finding::at(subject.span.clone()));
                return;
            }
        }
        if service_noun_only().is_match(own) {
            let start = own.len() - own.trim_start().len();
            let end = own.trim_end().trim_end_matches('.').len();
            if start < end {
                out.push(Finding::at(start..end));
            }
        }
    }
}
