//! `outcome-as-provision`: a Section F entry written as a target for the child ("Ruby will be
//! able to sit on the carpet for 10 minutes", "To develop Jayden's social skills", "By July 2026,
//! Sofia will count to 20") with nothing about what will be provided (RULES.md 3.19).
//!
//! It reads the statement's main clause with the shared subject parser. A child subject fires
//! when its verb is an achievement ("will be able to", "will learn to", "will read") rather than
//! receiving help ("will have", "will be taught", "will attend"), unless the text also says who
//! provides what or is equipment the child uses; "may"/"can" grant a permission ("Lily may take
//! her comfort toy into class") unless the verb is an achievement marker such as "be able to". An
//! aim infinitive ("To improve …") or a bare deadline fires when no service, provider or
//! equipment is named.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::{own_text_span, CodeRule, Finding};
use crate::language::provider::{
    find_non_providers, find_providers, is_equipment_or_adjustment, is_person_delivered,
};
use crate::language::quantity::amount_of;
use crate::language::subject::SubjectKind;
use crate::rules::Statement;

pub struct OutcomeAsProvision;

/// The modal after the subject and any adverbs after it; the predicate starts at the match end.
static MODAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^.*?\b(will|shall|should|would|must|may|might|could|can|to|needs? to|(?:is|are|am) able to)\s+(?:(?:also|then|now|still|soon|\w+ly)\s+)*",
    )
    .expect("static regex")
});

/// Achievement verbs: the child doing better, which is an outcome whatever the modal.
static ACHIEVEMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:be able to|be more \w+|be (?:confident|independent|happy|happier|calm|calmer|ready)|become|learn to|learn|improve|develop|make (?:\w+ )?progress|progress|manage|achieve|reach|gain|increase|reduce|understand|know|recognise|recognize|regulate|demonstrate|show|master|acquire|cope|build|read at|be reading at|be working at|work at|work towards)\b",
    )
    .expect("static regex")
});

/// Verbs that receive or describe help: the entry says what is provided, not what will change.
static RECEIVING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:have|has|receive|get|be (?:taught|given|provided|offered|supported|seen|met|collected|accompanied|placed|withdrawn|included|shown|helped|prompted|reminded|allowed|permitted|enabled|encouraged|assessed|supervised|escorted|transported|read to|supplied|issued|allocated|assigned|entitled|eligible|registered|referred|invited|coached|mentored|trained|observed|monitored|checked|guided|greeted|funded|educated|placed|in|with|part of|able to access)|attend|join|take part|participate|access|stay|remain|continue|work with|work alongside|meet|see|spend|start|begin|benefit from|go|goes)\b",
    )
    .expect("static regex")
});

/// The head of the predicate, for the finding: "be able to", "learn to", "make good progress",
/// or the verb.
static HEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:be able to|be more \w+|learn to|make (?:\w+ )?progress|take turns|make friends|[\p{L}'’-]+)")
        .expect("static regex")
});

/// Passives that are achievements, not help received: "will be understood by unfamiliar adults".
const ACHIEVED_PASSIVES: &[&str] = &["understood", "toilet", "dry", "heard"];

/// "be seated", "be collected", "be taught": something done for the child.
fn is_passive(predicate: &str) -> bool {
    let mut words = predicate.split_whitespace();
    if !words.next().is_some_and(|w| w.eq_ignore_ascii_case("be")) {
        return false;
    }
    let Some(next) = words.next() else {
        return false;
    };
    let next = next
        .trim_end_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    (next.ends_with("ed") || next.ends_with("en") || next == "taught" || next == "met")
        && !ACHIEVED_PASSIVES.contains(&next.as_str())
}

/// How well or how independently: a criterion turns "will follow a visual timetable" into a
/// target.
static CRITERION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:independently|without (?:adult |any )?(?:help|support|prompting|prompts|reminders)|by (?:himself|herself|themselves|myself)|on (?:his|her|their|my) own|accurately|[0-9]+ out of [0-9]+|[0-9]+ ?%)",
    )
    .expect("static regex")
});

/// The text names who provides it or equipment the child uses, so it describes provision.
fn names_provision(own: &str) -> bool {
    !find_providers(own).is_empty() || is_equipment_or_adjustment(own)
}

impl CodeRule for OutcomeAsProvision {
    fn check(&self, statement: &Statement, _triggers: &[Range<usize>], out: &mut Vec<Finding>) {
        let own = statement.own();
        // The `Who` and `How often` cells say what is provided as much as the item does.
        let whole = statement.text;
        let subject = statement.own_subject();
        match subject.kind {
            SubjectKind::Child => {
                // Equipment the child uses is provision, unless the entry measures how well
                // he uses it ("Jess will follow a visual timetable independently").
                let provided = !find_providers(whole).is_empty()
                    || (is_equipment_or_adjustment(whole) && !CRITERION.is_match(own));
                if provided {
                    return;
                }
                if let Some(span) = child_target(own, whole, subject.span.start) {
                    out.push(Finding::at(span));
                }
            }
            SubjectKind::AimInfinitive => {
                let verb = own.get(subject.span.clone()).unwrap_or("");
                // "to be used flexibly", "to have a TA": not an aim for the child.
                let receiving = verb
                    .split_whitespace()
                    .nth(1)
                    .is_some_and(|v| v.eq_ignore_ascii_case("be") || RECEIVING.is_match(v));
                if !receiving
                    && !names_provision(whole)
                    && !is_person_delivered(whole)
                    && !subject.span.is_empty()
                {
                    out.push(Finding::at(subject.span.clone()));
                }
            }
            SubjectKind::None => {
                if names_provision(whole) || is_person_delivered(whole) {
                    return;
                }
                let span = own_text_span(statement);
                if !statement.own_timeframes().is_empty() && !span.is_empty() {
                    out.push(Finding::at(span));
                }
            }
            SubjectKind::Adult => {}
        }
    }
}

/// The span from the child subject to the head of an achievement predicate, if the clause is a
/// target rather than a description of help.
fn child_target(own: &str, whole_text: &str, start: usize) -> Option<Range<usize>> {
    let rest = own.get(start..)?;
    let modal = MODAL.captures(rest)?;
    let whole = modal.get(0)?;
    // A service noun read as a name: "Check-in to go through the day", "Mentoring to build …".
    let subject_words = rest.get(..modal.get(1)?.start()).unwrap_or("");
    if is_person_delivered(subject_words) {
        return None;
    }
    let word = modal.get(1)?.as_str().to_lowercase();
    let predicate = rest.get(whole.end()..)?;
    let achievement = ACHIEVEMENT.is_match(predicate);
    let permission = matches!(word.as_str(), "may" | "might" | "could" | "can");
    if RECEIVING.is_match(predicate) || is_passive(predicate) || (permission && !achievement) {
        return None;
    }
    // An everyday verb with a schedule or a person beside it is an arrangement, not a target:
    // "Omar will read to an adult for 10 minutes every day".
    if !achievement {
        let amount = amount_of(whole_text);
        let person = find_non_providers(whole_text).iter().any(|span| {
            let words = whole_text.get(span.clone()).unwrap_or("").to_lowercase();
            words.contains("adult") || words.contains("staff")
        });
        if amount.frequency || amount.scope || person {
            return None;
        }
    }
    let head = HEAD.find(predicate)?;
    let end = start + whole.end() + head.end();
    Some(start..end)
}
