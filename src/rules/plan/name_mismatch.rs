//! `name-mismatch`: an outcome or provision in Sections E or F about a child with another first
//! name: the copy-paste error that sends one child's details to another family.
//!
//! Only names in subject position are checked ("Ellie will …", "Ellie's TA will …"), and only
//! when the plan's header gives the child's name.

use crate::language::is_day_or_month;
use std::collections::HashMap;
use std::sync::OnceLock;

use regex::Regex;

use super::{PlanFinding, PlanRule};
use crate::document::thread::Thread;
use crate::document::{Document, ItemKind};
use crate::language::subject::{subject_of, SubjectKind};

pub struct NameMismatch;

/// Capitalised words that start a subject but are not first names.
const NOT_NAMES: &[&str] = &[
    "I",
    "He",
    "She",
    "They",
    "We",
    "You",
    "The",
    "His",
    "Her",
    "Their",
    "My",
    "Our",
    "By",
    "In",
    "With",
    "When",
    "Using",
    "During",
    "Within",
    "Staff",
    "School",
    "Mum",
    "Dad",
    "Parents",
    "Child",
    "Pupil",
    "Student",
    "Learner",
    "Young",
    "All",
    "Each",
    "Every",
    "X",
    "Xxx",
    "Name",
    "This",
    "That",
    "It",
    "There",
    "Everyone",
    "Adults",
    "Adult",
    "Teacher",
    "Teachers",
    "Class",
    "Key",
    "Support",
    "Speech",
    "Occupational",
    "Provision",
    "Access",
    "Use",
    "Weekly",
    "Daily",
    "Sessions",
    "Session",
    "Group",
    "Mentoring",
    "Counselling",
    "Therapy",
    "Therapist",
    "College",
    "Nursery",
    "Setting",
    "Home",
    "Family",
    "Carers",
    "Grandad",
    "Grandma",
    "Nan",
    "Check",
    "Time",
    "Work",
    "Help",
    "Practice",
    "Programme",
    "Training",
    "Lunch",
];

/// A capitalised word used as a person: "Ellie will", "Ellie can", "Ellie's".
fn named_person() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?:^|[^\w'’-])(?:(Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+)?([A-Z][a-z]+(?:-[A-Z][a-z]+)?)(?:'s\b|’s\b|\s+(?:will|can|could|is|has|needs|finds|and (?:his|her|their))\b)",
        )
        .expect("static regex")
    })
}

impl PlanRule for NameMismatch {
    fn check(&self, document: &Document, _thread: &Thread, out: &mut Vec<PlanFinding>) {
        let names = document.metadata.child_first_names();
        if names.is_empty() {
            return;
        }
        // Steps and outcomes copied within a plan are read once: finding an outcome's subject is
        // the costly part, and the answer (an offset into the text) depends only on the text.
        let mut read: HashMap<(&str, bool), Option<(usize, &str)>> = HashMap::new();
        for (index, item) in document.items.iter().enumerate() {
            if !matches!(
                item.kind,
                ItemKind::Outcome | ItemKind::Step | ItemKind::Provision
            ) {
                continue;
            }
            let text = document.item_text(item);
            let outcome_like = item.kind != ItemKind::Provision;
            let found = *read
                .entry((text, outcome_like))
                .or_insert_with(|| other_child(text, &names, outcome_like));
            let Some((at, name)) = found else {
                continue;
            };
            let start = item.span.start + at;
            out.push(PlanFinding {
                item: Some(index),
                span: start..start + name.len(),
                label: Some(format!("this plan is about {}", names.join(" / "))),
                vars: vec![("name", name.to_string()), ("child", names.join(" or "))],
                ..PlanFinding::default()
            });
        }
    }
}

/// The first name in an item that is used as a person but is not the child's: the outcome's
/// subject, or any "Name will / Name can / Name's" (not after a title such as "Mrs").
fn other_child<'t>(text: &'t str, names: &[&str], outcome_like: bool) -> Option<(usize, &'t str)> {
    let known = |name: &str| {
        names.iter().any(|n| n.eq_ignore_ascii_case(name))
            || NOT_NAMES.contains(&name)
            || is_day_or_month(name)
    };
    // Only an outcome's subject is read: finding it is the costly part, so a provision skips it.
    if outcome_like {
        let subject = subject_of(text);
        if subject.kind == SubjectKind::Child {
            let words = text.get(subject.span.clone()).unwrap_or("");
            if let Some((offset, name)) = first_name_in(words) {
                if !known(name) {
                    return Some((subject.span.start + offset, name));
                }
            }
        }
    }
    for c in named_person().captures_iter(text) {
        let (Some(name), None) = (c.get(2), c.get(1)) else {
            continue;
        };
        // "Reviewing Officer will", "Speech Therapist will": part of a capitalised title.
        let before = text[..name.start()].trim_end();
        let after_capital = before
            .rsplit(|c: char| c.is_whitespace())
            .next()
            .and_then(|w| w.chars().next())
            .is_some_and(char::is_uppercase)
            && !before.ends_with(['.', ',', ':', ';', '(']);
        if !known(name.as_str()) && !after_capital {
            return Some((name.start(), name.as_str()));
        }
    }
    None
}

/// The first capitalised word of a subject that looks like a first name ("Ellie", "Ellie's").
fn first_name_in(subject: &str) -> Option<(usize, &str)> {
    let mut offset = 0;
    for word in subject.split(' ') {
        let bare = word
            .trim_end_matches("'s")
            .trim_end_matches("’s")
            .trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
        let mut chars = bare.chars();
        let looks_like_name = chars.next().is_some_and(char::is_uppercase)
            && bare.len() >= 2
            && chars.all(|c| c.is_lowercase() || c == '-')
            && bare
                .split('-')
                .all(|part| part.chars().next().is_some_and(char::is_uppercase));
        if looks_like_name {
            let at = offset + word.find(bare).unwrap_or(0);
            return Some((at, bare));
        }
        offset += word.len() + 1;
    }
    None
}
