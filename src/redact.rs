//! `--redact`: reports that can be shared without the child's name.
//!
//! The names come from the plan itself: the header's full name and preferred name (every part
//! of them), and the capitalised first names its outcomes and aspirations use as their subject
//! ("Sam will…"). Each is replaced by its initial ("Amira Hassan" → "A. H.") everywhere a report
//! shows it: the plan text (with every finding's place moved to match), messages, labels, help,
//! locations and the file path. This module changes reports; it reads and prints nothing.

use std::collections::BTreeSet;
use std::ops::Range;

use crate::document::{Document, Part};
use crate::language::subject::{subject_of, SubjectKind};
use crate::report::FileReport;

/// Words that start a child subject but are not names.
const NOT_NAMES: &[&str] = &[
    "I", "He", "She", "They", "The", "X", "His", "Her", "Their", "By", "When", "With", "In", "At",
];

/// The names a plan uses for its child.
pub fn child_names(document: &Document) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
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
