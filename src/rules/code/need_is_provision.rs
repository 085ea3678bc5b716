//! `need-is-provision`: a Section B entry that names a resource instead of a difficulty
//! (RULES.md section 4).
//!
//! The rule file's pattern finds "needs", "requires" and "would benefit from", and its guards
//! drop "needs" used as a noun ("SEMH needs") and things other than the child that need
//! something ("tasks that require …"). This code reads what follows the verb: "needs to <verb>"
//! says what must change and is a need ("needs to learn to wait"), unless the verb only
//! receives a resource ("needs to have a laptop", "needs to be given a scribe"); anything else
//! after the verb is the thing needed ("needs a TA", "requires 1:1 support"), which is
//! provision.

use std::ops::Range;

use super::{CodeRule, Finding};
use crate::rules::Statement;

pub struct NeedIsProvision;

/// "to <verb>" forms that receive a resource rather than describe a change in the child.
const RECEIVING: &[&[&str]] = &[
    &["have"],
    &["receive"],
    &["access"],
    &["attend"],
    &["get"],
    &["be", "given"],
    &["be", "provided"],
    &["be", "offered"],
    &["be", "allocated"],
    &["be", "supported"],
    &["be", "supervised"],
    &["be", "accompanied"],
    &["be", "taught"],
    &["be", "seen"],
    &["be", "placed"],
    &["be", "prompted"],
    &["be", "reminded"],
    &["be", "helped"],
];

/// Words after the verb that show it is not a verb taking an object ("needs are", "needs and").
const NOT_AN_OBJECT: &[&str] = &[
    "are",
    "is",
    "was",
    "were",
    "and",
    "or",
    "in",
    "of",
    "which",
    "that",
    "include",
    "including",
    "but",
    "so",
    "because",
    "when",
    "if",
    "here",
    "there",
    "below",
    "above",
    "listed",
    "identified",
    "outlined",
    "described",
    "set",
    "should",
    "will",
    "must",
    "can",
    "may",
];

/// Words that end the resource phrase: what follows says what it is for, or when.
const PHRASE_END: &[&str] = &[
    "to",
    "so",
    "for",
    "in",
    "at",
    "during",
    "when",
    "while",
    "because",
    "which",
    "who",
    "that",
    "with",
    "from",
    "on",
    "if",
    "until",
    "throughout",
    "across",
    "as",
    "by",
    "due",
];

/// Words of the statement with their byte ranges; punctuation other than an apostrophe or the
/// colon of a ratio ("1:1") is returned as a one-character token so that clauses can be seen.
pub(super) fn tokens(text: &str) -> Vec<(Range<usize>, String)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let next_is_digit = chars.get(k + 1).is_some_and(|&(_, n)| n.is_ascii_digit());
        let prev_is_digit = k > 0 && chars[k - 1].1.is_ascii_digit();
        let inner = matches!(c, '\'' | '\u{2019}') || (c == ':' && prev_is_digit && next_is_digit);
        if c.is_alphanumeric() || (inner && start.is_some()) {
            if start.is_none() {
                start = Some(i);
            }
            continue;
        }
        if let Some(s) = start.take() {
            out.push((s..i, text[s..i].to_lowercase()));
        }
        if !c.is_whitespace() {
            out.push((i..i + c.len_utf8(), c.to_string()));
        }
    }
    if let Some(s) = start {
        out.push((s..text.len(), text[s..].to_lowercase()));
    }
    out
}

pub(super) fn is_word(token: &str) -> bool {
    token.chars().next().is_some_and(char::is_alphanumeric)
}

impl CodeRule for NeedIsProvision {
    fn check(&self, statement: &Statement, triggers: &[Range<usize>], out: &mut Vec<Finding>) {
        let own = statement.text.get(..statement.own_len).unwrap_or("");
        let toks = tokens(own);
        for trigger in triggers {
            if trigger.end > own.len() {
                continue;
            }
            // The first token after the verb.
            let Some(mut k) = toks.iter().position(|(r, _)| r.start >= trigger.end) else {
                continue;
            };
            let word = |k: usize| toks.get(k).map(|(_, w)| w.as_str()).unwrap_or("");
            if word(k) == "for" {
                // "a need for 1:1 support"
                k += 1;
            }
            if !is_word(word(k)) || NOT_AN_OBJECT.contains(&word(k)) {
                continue;
            }
            if word(k) == "to" {
                let receives = RECEIVING
                    .iter()
                    .find(|form| form.iter().enumerate().all(|(j, w)| word(k + 1 + j) == *w));
                match receives {
                    Some(form) => k += 1 + form.len(),
                    None => continue,
                }
            }
            // The resource phrase: up to eight words, ending at punctuation or a word that says
            // what the resource is for.
            let mut end = trigger.end;
            let mut taken = 0;
            while taken < 8 {
                let w = word(k);
                if !is_word(w) {
                    break;
                }
                let after_access = k > 0 && word(k - 1) == "access" && w == "to";
                if taken > 0 && PHRASE_END.contains(&w) && !after_access {
                    break;
                }
                end = toks[k].0.end;
                taken += 1;
                k += 1;
            }
            if taken > 0 {
                out.push(Finding::at(trigger.start..end));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::tokens;
    use crate::document::Part;
    use crate::rules::{Context, RuleSet};

    #[test]
    fn tokens_keep_ratios_and_apostrophes() {
        let words: Vec<String> = tokens("Requires 1:1 support; Tourette\u{2019}s - ok")
            .into_iter()
            .map(|(_, w)| w)
            .collect();
        assert_eq!(
            words,
            [
                "requires",
                "1:1",
                "support",
                ";",
                "tourette\u{2019}s",
                "-",
                "ok"
            ]
        );
    }

    #[test]
    fn aspiration_and_need_rules_never_panic() {
        let rules = RuleSet::builtin().expect("built-in rules load");
        let odd = [
            "",
            " ",
            "needs",
            "needs to",
            "needs to be",
            "requires:",
            "Needs a",
            "- needs 1:",
            "autism",
            "Autism -",
            "By",
            "by July",
            "I want a",
            "Staff",
            "need for",
            "’s needs",
            "needs é ﬁ İ",
            "1:1:1 needs 1:",
            "((((needs))))",
            "By the end of Year 6, I",
        ];
        for text in odd {
            for part in [Part::Aspiration, Part::Need] {
                let found = crate::lint_statement(text, part, &rules, &Context::default());
                for d in found {
                    assert!(
                        d.span.end <= text.len() && text.get(d.span).is_some(),
                        "{text:?}"
                    );
                }
            }
        }
    }
}
