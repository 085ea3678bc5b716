//! `jargon`: acronyms and technical terms a parent or young person may not know (RULES.md 3.9).
//!
//! The terms are the rule file's patterns. This code lets through a term that the statement
//! explains itself, wherever in the statement that happens: written out with the acronym in
//! brackets ("speech and language therapist (SALT)"), or followed by an explanation in
//! brackets ("working memory (holding things in mind)"). It also skips upper-case acronyms in
//! a statement typed in capitals, where "ARE" or "EP" are ordinary words.

use std::ops::Range;

use super::{CodeRule, Finding};
use crate::rules::Statement;

pub struct Jargon;

/// A term written with capitals inside it ("SALT", "SpLD", "C&I"), compared case-sensitively.
fn is_acronym(term: &str) -> bool {
    !term.contains(char::is_whitespace)
        && term.chars().filter(char::is_ascii_uppercase).count() >= 2
}

/// More than half of the statement's letters are capitals: a shouted heading or a form typed
/// in capitals.
fn is_shouting(text: &str) -> bool {
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    let upper = letters.iter().filter(|c| c.is_uppercase()).count();
    letters.len() >= 12 && upper * 2 > letters.len()
}

/// Every place the term occurs in the text, case-sensitively for acronyms, ignoring case
/// for words.
fn occurrences(text: &str, term: &str) -> Vec<Range<usize>> {
    let (hay, needle) = if is_acronym(term) {
        (text.to_string(), term.to_string())
    } else {
        (text.to_ascii_lowercase(), term.to_ascii_lowercase())
    };
    let mut out = Vec::new();
    if needle.is_empty() {
        return out;
    }
    let mut from = 0;
    while let Some(i) = hay.get(from..).and_then(|h| h.find(&needle)) {
        let start = from + i;
        let end = start + needle.len();
        let before = hay.get(..start).and_then(|b| b.chars().next_back());
        let after = hay.get(end..).and_then(|a| a.chars().next());
        if !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric) {
            out.push(start..end);
        }
        from = end;
    }
    out
}

/// The text in brackets right after `at` (skipping white space), if there is any.
fn bracket_after(text: &str, at: usize) -> Option<&str> {
    let rest = text.get(at..)?.trim_start();
    let inner = rest.strip_prefix('(')?;
    let close = inner.find(')')?;
    inner.get(..close)
}

/// The term is explained at this occurrence: it is the acronym in brackets after its long
/// form ("speech and language therapist (SALT)"), or an explanation in words follows it in
/// brackets ("SALT (speech and language therapist)").
fn explained_at(text: &str, at: &Range<usize>) -> bool {
    let before = text.get(..at.start).unwrap_or("");
    let after = text.get(at.end..).unwrap_or("");
    let opened = before.trim_end().strip_suffix('(');
    let closes = after.trim_start().starts_with(')');
    if let Some(lead) = opened {
        if closes
            && lead
                .trim_end()
                .chars()
                .next_back()
                .is_some_and(char::is_alphabetic)
        {
            return true;
        }
    }
    bracket_after(text, at.end).is_some_and(|inside| {
        let inside = inside.trim();
        inside.chars().next().is_some_and(char::is_alphabetic)
            && inside.split_whitespace().count() >= 2
    })
}

impl CodeRule for Jargon {
    fn check(&self, statement: &Statement, triggers: &[Range<usize>], out: &mut Vec<Finding>) {
        let text = statement.text;
        let shouting = is_shouting(text);
        for trigger in triggers {
            let Some(term) = text.get(trigger.clone()) else {
                continue;
            };
            if shouting && is_acronym(term) {
                continue;
            }
            if occurrences(text, term)
                .iter()
                .any(|at| explained_at(text, at))
            {
                continue;
            }
            out.push(Finding::at(trigger.clone()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_acronym_after_its_long_form_is_explained() {
        let text =
            "Ben will tell his speech and language therapist (SALT) about his day; the SALT will";
        let at = occurrences(text, "SALT");
        assert_eq!(at.len(), 2);
        assert!(explained_at(text, &at[0]));
        assert!(!explained_at(text, &at[1]));
    }

    #[test]
    fn a_term_followed_by_words_in_brackets_is_explained() {
        let text = "use her working memory (holding things in mind) to";
        let at = occurrences(text, "working memory");
        assert!(explained_at(text, &at[0]));
        assert!(!explained_at("score 90 on the BPVS (2)", &(17..21)));
    }

    #[test]
    fn acronyms_are_matched_whole_and_with_their_case() {
        let found = occurrences("Elsa met the ELSA", "ELSA");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0], 13..17);
        assert!(occurrences("NOTE", "OT").is_empty());
        assert!(is_shouting("WHAT ARE MY HOPES FOR THE FUTURE"));
        assert!(!is_shouting("Owen will use his AAC device."));
    }
}
