//! `--redact`: reports that can be shared without the child's name.
//!
//! The names come from the plan itself: the header's full name and preferred name (every part
//! of them), the capitalised first names its outcomes and aspirations use as their subject
//! ("Sam will…"), and the capitalised names inside quoted words (`Mum said: "Leo plays with
//! Sami."`), which is where a brother's or a friend's name usually appears. Each is replaced by its initial ("Amira Hassan" → "A. H.") everywhere a report
//! shows it: the plan text (with every finding's place moved to match), messages, labels, help,
//! locations and the file path. This module changes reports; it reads and prints nothing.

use std::collections::BTreeSet;
use std::ops::Range;

use crate::document::{Document, Part};
use crate::language::is_day_or_month;
use crate::language::subject::{subject_of, SubjectKind};
use crate::report::FileReport;

/// Words that start a child subject but are not names.
const NOT_NAMES: &[&str] = &[
    "I", "He", "She", "They", "The", "X", "His", "Her", "Their", "By", "When", "With", "In", "At",
];

/// Capitalised words in quoted text that are not names (besides days and months): the pronoun
/// "I", family words, titles, seasons, festivals and school subjects. A word not listed here, inside a
/// quotation and not at the start of a sentence, is taken for a name: a redacted report is
/// better with "M." for "Minecraft" than with a friend's name in it.
const NOT_NAMES_IN_QUOTES: &[&str] = &[
    "I",
    "I'm",
    "I'd",
    "I've",
    "I'll",
    "Mum",
    "Mummy",
    "Mom",
    "Dad",
    "Daddy",
    "Nan",
    "Nana",
    "Nanny",
    "Gran",
    "Granny",
    "Grandma",
    "Grandad",
    "Grandpa",
    "Auntie",
    "Aunty",
    "Uncle",
    "Mr",
    "Mrs",
    "Ms",
    "Miss",
    "Sir",
    "Dr",
    "Spring",
    "Summer",
    "Autumn",
    "Winter",
    "Christmas",
    "Easter",
    "Eid",
    "Diwali",
    "Halloween",
    "English",
    "Maths",
    "Science",
    "French",
    "Spanish",
    "German",
    "History",
    "Geography",
    "Art",
    "Music",
    "Drama",
    "PE",
    "Computing",
    "Year",
    "Reception",
    "Nursery",
    "School",
    "College",
    "God",
    "OK",
    "Okay",
];

/// The pairs of quotation marks read as quoting someone: straight and curly double quotes, and
/// curly single quotes. Straight single quotes are left out: they are also apostrophes.
const QUOTES: &[(char, char)] = &[
    ('"', '"'),
    ('\u{201C}', '\u{201D}'),
    ('\u{2018}', '\u{2019}'),
];

/// A quotation longer than this is more likely an unmatched mark than a quotation.
const MAX_QUOTE_CHARS: usize = 600;

/// Capitalised names inside quoted text: every capitalised word inside quotation marks that
/// is not in [`NOT_NAMES_IN_QUOTES`] and does not start a sentence. A word that starts a
/// sentence is taken for a name too when the text also writes it capitalised in the middle
/// of a sentence, or writes it with "'s".
pub fn quoted_names(text: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let mut sentence_starts = Vec::new();
    for quote in quotations(text) {
        let mut at_sentence_start = true;
        for word in quote.split_inclusive(|c: char| c.is_whitespace()) {
            let bare = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-');
            let bare = bare
                .trim_end_matches("'s")
                .trim_end_matches("\u{2019}s")
                .trim_end_matches('\'');
            let possessive = word.contains("'s") || word.contains("\u{2019}s");
            if is_capitalised_word(bare)
                && !NOT_NAMES_IN_QUOTES.contains(&bare)
                && !is_day_or_month(bare)
            {
                if !at_sentence_start || possessive {
                    names.insert(bare.to_string());
                } else {
                    sentence_starts.push(bare.to_string());
                }
            }
            let trimmed = word.trim_end();
            if !trimmed.is_empty() {
                at_sentence_start = trimmed.ends_with(['.', '!', '?', ':']);
            }
        }
    }
    for word in sentence_starts {
        if capitalised_mid_sentence(text, &word) {
            names.insert(word);
        }
    }
    names
}

/// The texts between matching quotation marks.
fn quotations(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    let mut offset = 0;
    while let Some((start, open)) = rest.char_indices().find(|(i, c)| {
        QUOTES.iter().any(|(o, _)| o == c)
            // An opening curly single quote follows a space or a bracket, not a letter.
            && (*c != '\u{2018}' || rest[..*i].chars().next_back().is_none_or(|p| !p.is_alphanumeric()))
    }) {
        let close = QUOTES
            .iter()
            .find(|(o, _)| *o == open)
            .map_or(open, |(_, c)| *c);
        let inner_start = start + open.len_utf8();
        let inner = &rest[inner_start..];
        let end = inner
            .char_indices()
            .take(MAX_QUOTE_CHARS)
            .find(|(i, c)| {
                *c == close
                    // A closing curly single quote is not followed by a letter ("Sam’s").
                    && (close != '\u{2019}'
                        || inner[i + c.len_utf8()..].chars().next().is_none_or(|n| !n.is_alphanumeric()))
            })
            .map(|(i, _)| i);
        match end {
            Some(end) => {
                let quoted = &inner[..end];
                if !quoted.contains("\n\n") {
                    out.push(&text[offset + inner_start..offset + inner_start + end]);
                }
                let next = inner_start + end + close.len_utf8();
                offset += next;
                rest = &rest[next..];
            }
            None => {
                offset += inner_start;
                rest = inner;
            }
        }
    }
    out
}

/// "Sami", "O'Neill", "Anne-Marie": a capital, then at least one lower-case letter.
fn is_capitalised_word(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase)
        && word.chars().any(char::is_lowercase)
        && word
            .chars()
            .all(|c| c.is_alphabetic() || c == '\'' || c == '-')
}

/// Whether `text` writes `word` capitalised somewhere other than at the start of a sentence.
fn capitalised_mid_sentence(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(at, _)| {
        let after = text[at + word.len()..].chars().next();
        let mut before = text[..at].chars().rev();
        let space = before.next();
        let previous = before.find(|c| !c.is_whitespace() && !QUOTES.iter().any(|(o, _)| o == c));
        after.is_none_or(|c| !c.is_alphanumeric())
            && space.is_some_and(char::is_whitespace)
            && previous.is_some_and(|p| p.is_alphanumeric() || p == ',')
    })
}

/// The names a plan uses for its child, and the names quoted in it.
pub fn child_names(document: &Document) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for quoted in quoted_names(&document.text) {
        add_name(&mut names, &quoted);
    }
    let m = &document.metadata;
    for full in [&m.child_name, &m.preferred_name].into_iter().flatten() {
        for word in full.split(|c: char| c.is_whitespace() || c == ',') {
            add_name(&mut names, word);
        }
    }
    for item in &document.items {
        if !matches!(item.part(), Part::Outcome | Part::Aspiration) {
            continue;
        }
        let text = document.item_text(item);
        let subject = subject_of(text);
        if subject.kind != SubjectKind::Child {
            continue;
        }
        if let Some(first) = text
            .get(subject.span)
            .and_then(|s| s.split_whitespace().next())
        {
            add_name(
                &mut names,
                first.trim_end_matches("'s").trim_end_matches("’s"),
            );
        }
    }
    names
}

fn add_name(names: &mut BTreeSet<String>, word: &str) {
    let word = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'');
    let mut chars = word.chars();
    let capitalised = chars.next().is_some_and(char::is_uppercase);
    if capitalised && word.chars().count() >= 2 && !NOT_NAMES.contains(&word) {
        names.insert(word.to_string());
        // Plans write names in capitals too ("ALL ABOUT ZAINAB"), and a header in capitals
        // names a child that the text writes in the usual way: match each form.
        let upper = word.to_uppercase();
        if upper == word {
            let mut title = String::new();
            for (i, c) in word.chars().enumerate() {
                if i == 0 {
                    title.push(c);
                } else {
                    title.extend(c.to_lowercase());
                }
            }
            names.insert(title);
        } else {
            names.insert(upper);
        }
    }
}

/// A name's replacement: its initial and a full stop.
fn initial(name: &str) -> String {
    let first: String = name.chars().take(1).collect();
    format!("{first}.")
}

/// Where `names` occur in `text` as whole words (case-sensitive, or not), longest first.
fn occurrences(
    text: &str,
    names: &BTreeSet<String>,
    any_case: bool,
) -> Vec<(Range<usize>, String)> {
    let mut found: Vec<(Range<usize>, String)> = Vec::new();
    let haystack = if any_case {
        text.to_lowercase()
    } else {
        text.to_string()
    };
    // Lower-casing can change byte lengths outside ASCII; fall back to exact matching then.
    let (haystack, any_case) = if haystack.len() == text.len() {
        (haystack, any_case)
    } else {
        (text.to_string(), false)
    };
    let mut sorted: Vec<&String> = names.iter().collect();
    sorted.sort_by_key(|n| std::cmp::Reverse(n.len()));
    for name in sorted {
        let needle = if any_case {
            name.to_lowercase()
        } else {
            name.clone()
        };
        for (at, _) in haystack.match_indices(&needle) {
            let end = at + needle.len();
            let before = haystack[..at].chars().next_back();
            let after = haystack[end..].chars().next();
            let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
            let overlaps = found.iter().any(|(r, _)| r.start < end && at < r.end);
            if boundary(before) && boundary(after) && !overlaps {
                let mut replacement = initial(&text[at..end]);
                // "Sam." at the end of a sentence would otherwise read "S..".
                if text[end..].starts_with('.') {
                    replacement.pop();
                }
                found.push((at..end, replacement));
            }
        }
    }
    found.sort_by_key(|(r, _)| r.start);
    found
}

/// Replaces the names in `text`; returns the new text and the replacements made.
fn replace(
    text: &str,
    names: &BTreeSet<String>,
    any_case: bool,
) -> (String, Vec<(Range<usize>, usize)>) {
    let found = occurrences(text, names, any_case);
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    let mut edits = Vec::new();
    for (range, replacement) in found {
        out.push_str(&text[at..range.start]);
        out.push_str(&replacement);
        edits.push((range.clone(), replacement.len()));
        at = range.end;
    }
    out.push_str(&text[at..]);
    (out, edits)
}

/// Moves a byte offset of the old text to the new text.
fn moved(offset: usize, edits: &[(Range<usize>, usize)], is_end: bool) -> usize {
    let mut shift: isize = 0;
    for (range, new_len) in edits {
        if offset >= range.end {
            shift += *new_len as isize - range.len() as isize;
        } else if offset > range.start {
            // Inside a replaced name: snap to the replacement's edge.
            let base = (range.start as isize + shift) as usize;
            return if is_end { base + new_len } else { base };
        } else {
            break;
        }
    }
    (offset as isize + shift) as usize
}

/// Redacts one report, given the names its plan uses.
pub fn redact_report(report: &mut FileReport, names: &BTreeSet<String>) {
    if names.is_empty() {
        return;
    }
    let (text, edits) = replace(&report.text, names, false);
    report.text = text;
    report.path = replace(&report.path, names, true).0;
    let fix = |s: &mut String| *s = replace(s, names, false).0;
    for d in &mut report.diagnostics {
        d.span = moved(d.span.start, &edits, false)..moved(d.span.end, &edits, true);
        fix(&mut d.message);
        fix(&mut d.label);
        fix(&mut d.help);
        fix(&mut d.location);
        if let Some(item) = &mut d.item {
            fix(item);
        }
        for l in &mut d.secondary {
            l.span = moved(l.span.start, &edits, false)..moved(l.span.end, &edits, true);
            fix(&mut l.message);
        }
    }
    if let Some(outline) = &mut report.outline {
        for item in &mut outline.items {
            item.span = moved(item.span.start, &edits, false)..moved(item.span.end, &edits, true);
            fix(&mut item.location);
            if let Some(id) = &mut item.id {
                fix(id);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> BTreeSet<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn names_become_initials_and_offsets_follow() {
        let text = "Amira Hassan will read. Amira's book. Samira stays.";
        let (out, edits) = replace(text, &names(&["Amira", "Hassan"]), false);
        assert_eq!(out, "A. H. will read. A.'s book. Samira stays.");
        let read = text.find("read").unwrap_or(0);
        assert_eq!(
            &out[moved(read, &edits, false)..moved(read + 4, &edits, true)],
            "read"
        );
    }

    #[test]
    fn capitalised_words_in_quotations_are_names() {
        let text = concat!(
            "Mum said: \"Leo plays football with Sami and Aisha on Saturday.\" ",
            "Leo: \u{201C}I like Minecraft. Aisha is kind.\u{201D} ",
            "Teacher: \u{2018}Football is fun for Kai\u{2019}s class\u{2019}. ",
            "Not quoted: Ravi and Ben.",
        );
        let found = quoted_names(text);
        let expected = names(&["Aisha", "Kai", "Minecraft", "Sami"]);
        assert_eq!(found, expected, "{found:?}");
    }

    #[test]
    fn a_sentence_start_is_a_name_only_with_other_evidence() {
        // "Football" starts the quotation and is never written capitalised elsewhere.
        assert!(quoted_names("She said \"Football is fun.\"").is_empty());
        // "Zara" starts it, but the text also names Zara mid-sentence.
        let found = quoted_names("\"Zara is my friend.\" I sit with Zara.");
        assert_eq!(found, names(&["Zara"]));
        // A possessive is a name wherever it stands.
        assert_eq!(quoted_names("\"Ola's dog is big.\""), names(&["Ola"]));
    }

    #[test]
    fn unmatched_quotes_do_not_swallow_the_plan() {
        let text = format!("He said \"oh. {} Ravi went home.", "word ".repeat(200));
        assert!(quoted_names(&text).is_empty());
    }

    #[test]
    fn names_in_capitals_are_the_same_names() {
        let mut found = BTreeSet::new();
        add_name(&mut found, "Zainab");
        add_name(&mut found, "OKONKWO");
        assert_eq!(found, names(&["OKONKWO", "Okonkwo", "ZAINAB", "Zainab"]));
        let (out, _) = replace(
            "ALL ABOUT ZAINAB OKONKWO. Zainab Okonkwo will read.",
            &found,
            false,
        );
        assert_eq!(out, "ALL ABOUT Z. O. Z. O. will read.");
    }

    #[test]
    fn paths_are_redacted_in_any_case() {
        let (out, _) = replace("plans/amira-year4.md", &names(&["Amira"]), true);
        assert_eq!(out, "plans/a.-year4.md");
    }
}
