//! `funding-not-provision`: Section F names a funding band or a sum of money instead of the help
//! itself (RULES.md 3.21; R v Cumbria CC ex p P [1994]).
//!
//! The rule file's phrases and patterns find the funding words ("Band 3", "top-up funding",
//! "£4,500"). This code does two things a phrase list cannot: it stays quiet in Section J, where a
//! personal budget amount is lawful, and it joins funding words that belong together ("Top-up
//! funding at Band 3") into one finding.

use std::ops::Range;

use super::{CodeRule, Finding};
use crate::rules::Statement;

pub struct FundingNotProvision;

/// Words that may sit between two funding words of one phrase: "Top-up funding at Band 3",
/// "Element 3: £6,200", "Inclusion funding of £2,000".
const JOINING_WORDS: &[&str] = &["at", "of", "on", "from", "the", "a", "rate", "level"];

fn joins(gap: &str) -> bool {
    gap.split(|c: char| c.is_whitespace() || matches!(c, ':' | '-' | '–' | '—' | '(' | ')' | ','))
        .filter(|w| !w.is_empty())
        .all(|w| JOINING_WORDS.contains(&w.to_lowercase().as_str()))
        && gap.split_whitespace().count() <= 3
}

impl CodeRule for FundingNotProvision {
    fn check(&self, statement: &Statement, triggers: &[Range<usize>], out: &mut Vec<Finding>) {
        // A personal budget (Section J) is money by design.
        if statement
            .section
            .is_some_and(|s| s.eq_ignore_ascii_case("J"))
        {
            return;
        }
        let mut merged: Vec<Range<usize>> = Vec::new();
        for trigger in triggers {
            if let Some(last) = merged.last_mut() {
                let gap = statement.text.get(last.end..trigger.start).unwrap_or("");
                if trigger.start >= last.end && joins(gap) {
                    last.end = last.end.max(trigger.end);
                    continue;
                }
            }
            merged.push(trigger.clone());
        }
        out.extend(merged.into_iter().map(Finding::at));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{ItemKind, Part};

    fn findings(text: &str, section: Option<&str>, triggers: &[Range<usize>]) -> Vec<String> {
        let statement = Statement {
            text,
            own_len: text.len(),
            part: Part::Provision,
            kind: ItemKind::Provision,
            section,
            year_group: None,
            plan_date: None,
            inherited_timeframe: None,
            analysis: Default::default(),
        };
        let mut out = Vec::new();
        FundingNotProvision.check(&statement, triggers, &mut out);
        out.into_iter()
            .map(|f| text.get(f.span).unwrap_or("<bad span>").to_string())
            .collect()
    }

    #[test]
    fn a_personal_budget_in_section_j_is_not_flagged() {
        let text = "A personal budget of £1,200 a year for short breaks";
        let start = text.find('£').unwrap_or(0);
        let sum = start..start + "£1,200".len();
        assert!(findings(text, Some("J"), std::slice::from_ref(&sum)).is_empty());
        assert_eq!(
            findings(text, Some("F"), std::slice::from_ref(&sum)),
            vec!["£1,200"]
        );
        assert_eq!(findings(text, None, &[sum]), vec!["£1,200"]);
    }

    #[test]
    fn funding_words_of_one_phrase_are_one_finding() {
        let text = "Band 3 top-up funding and Element 3 for a TA";
        assert_eq!(
            findings(text, None, &[0..6, 7..21, 26..35]),
            vec!["Band 3 top-up funding", "Element 3"]
        );
    }
}
