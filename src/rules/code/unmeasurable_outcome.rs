//! `unmeasurable-outcome`: the outcome's aim is a vague verb ("will improve", "will understand")
//! and nothing in the statement says how anyone would see it achieved (RULES.md 3.4).
//!
//! The vague verbs are the rule file's phrases; this code only rescues statements that carry a
//! criterion (a count, a proportion, a percentage, a duration, an independence level or an
//! observable act).

use std::ops::Range;

use super::{CodeRule, Finding};
use crate::language::criterion::has_criterion;
use crate::rules::Statement;

pub struct UnmeasurableOutcome;

impl CodeRule for UnmeasurableOutcome {
    fn check(&self, statement: &Statement, triggers: &[Range<usize>], out: &mut Vec<Finding>) {
        let Some(first) = triggers.first() else {
            return;
        };
        let own = statement.text.get(..statement.own_len).unwrap_or("");
        if has_criterion(own) {
            return;
        }
        // A fragment's trigger may start at the dash or colon before the aim
        // ("by end KS1 - improved listening"): underline the words only.
        let matched = statement.text.get(first.clone()).unwrap_or("");
        let lead = matched.len()
            - matched
                .trim_start_matches(|c: char| !c.is_alphanumeric())
                .len();
        out.push(Finding::at(first.start + lead..first.end));
    }
}
