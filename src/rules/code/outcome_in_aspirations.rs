//! `outcome-in-aspirations`: a dated target in Section A (RULES.md 3.24).
//!
//! An aspiration may name a horizon ("when I'm 18", "when I leave school", "one day"); what
//! turns it into a Section E outcome is a checkable deadline. The timeframe parser finds the
//! deadlines; this rule grades how firm each one is and fires when the grade and the rest of
//! the statement make it a target:
//! - a firm deadline (a date with a month, a term, a school year or key stage, a span of time,
//!   the next review, a birthday) introduced as a deadline ("by", "within", "before", "at the
//!   end of") makes a target on its own, unless the child is voicing their own wish with no
//!   number or level of independence in it ("By the end of Year 11 I want to know what job I
//!   want");
//! - a middling one (a bare year, an event such as a move to secondary school) needs a
//!   "<child> will …" target or a measure beside it;
//! - a loose horizon (an age, "when …", "until …", "in Year 11") needs a "<child> will …"
//!   target with something observable in it.

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

use super::{CodeRule, Finding};
use crate::language::criterion::{find_criteria, CriterionKind};
use crate::language::subject::{Subject, SubjectKind};
use crate::language::timeframe::{Timeframe, TimeframeKind};
use crate::rules::Statement;

pub struct OutcomeInAspirations;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Firmness {
    Loose,
    Middling,
    Firm,
}

/// An age used as a horizon: "by the age of 25", "when I'm 18", "until he is 18".
fn age_horizon() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?i)\b(?:age|aged|years?\s+old|i'?m|i\s+am|(?:he|she|they|you|we)(?:'s|'re|\s+is|\s+are)|turns?|turning|reach(?:es|ing)?\s+[0-9]+)\b",
        )
        .expect("static regex")
    })
}

/// Words that introduce a deadline rather than a horizon.
fn deadline_intro() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?i)^(?:by|within|before|no\s+later\s+than|not\s+later\s+than|over\s+the\s+(?:next|coming)|in\s+(?:the\s+next\s+)?(?:[0-9]+|a|an|one|two|three|four|five|six|nine|twelve|eighteen)\b.*\btime\b|in\s+time\s+for|(?:at|for|towards)\s+the\s+end|end\s+of|target\s+date|completion\s+date|achievement\s+date|date\s+to\s+be|deadline|timescale|timeframe)",
        )
        .expect("static regex")
    })
}

fn month_or_school_year() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?i)\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|(?:school|academic)\s+year|(?:this|the|next)\s+year|[0-9]{1,2}[/.\-][0-9]{1,2}[/.\-][0-9]{2,4})\b",
        )
        .expect("static regex")
    })
}

fn review_or_birthday() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"(?i)\b(?:review|birthday)\b").expect("static regex"))
}

fn firmness(timeframe: &Timeframe, text: &str) -> Firmness {
    let words = text
        .get(timeframe.span.clone())
        .unwrap_or("")
        .replace(['\u{2019}', '\u{2018}'], "'");
    if age_horizon().is_match(&words) || !deadline_intro().is_match(words.trim_start()) {
        return Firmness::Loose;
    }
    match timeframe.kind {
        TimeframeKind::Term
        | TimeframeKind::SchoolYear
        | TimeframeKind::KeyStage
        | TimeframeKind::Duration => Firmness::Firm,
        TimeframeKind::Date if month_or_school_year().is_match(&words) => Firmness::Firm,
        TimeframeKind::Event if review_or_birthday().is_match(&words) => Firmness::Firm,
        TimeframeKind::Date | TimeframeKind::Event => Firmness::Middling,
    }
}

/// How the statement is voiced.
struct Voice {
    /// "Noor will count …", "I will be able to …": written as a target for the child.
    target: bool,
    /// "I want to …", "I'd like to …": the child's own wish, in the first person.
    own_wish: bool,
}

fn voice_of(own: &str, subject: &Subject) -> Voice {
    if subject.kind != SubjectKind::Child {
        return Voice {
            target: false,
            own_wish: false,
        };
    }
    let words = own
        .get(subject.span.clone())
        .unwrap_or("")
        .to_lowercase()
        .replace('\u{2019}', "'");
    let words: Vec<&str> = words
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .collect();
    let target = words
        .iter()
        .any(|w| matches!(*w, "will" | "shall") || w.ends_with("'ll"));
    let own_wish = !target
        && words
            .first()
            .is_some_and(|w| *w == "i" || w.starts_with("i'"));
    Voice { target, own_wish }
}

impl CodeRule for OutcomeInAspirations {
    fn check(&self, statement: &Statement, _triggers: &[Range<usize>], out: &mut Vec<Finding>) {
        let own = statement.text.get(..statement.own_len).unwrap_or("");
        let timeframes = statement.own_timeframes();
        // `max_by_key` keeps the last of equals; reversed, the first deadline in the text wins.
        let Some(strongest) = timeframes.iter().rev().max_by_key(|t| firmness(t, own)) else {
            return;
        };
        let voice = voice_of(own, statement.own_subject());
        let criteria = find_criteria(own);
        let observable = !criteria.is_empty();
        // A number, a proportion, a duration or a level of independence, not just an act.
        let measured = criteria
            .iter()
            .any(|c| c.kind != CriterionKind::ObservableAction);
        let fires = match firmness(strongest, own) {
            // A deadline by itself, unless it is the child's own wish with no measure in it
            // ("By the end of Year 11 I want to know what job I want").
            Firmness::Firm => voice.target || measured || !voice.own_wish,
            Firmness::Middling => voice.target || measured || (observable && !voice.own_wish),
            Firmness::Loose => voice.target && observable,
        };
        if fires && !strongest.span.is_empty() {
            out.push(Finding::at(strongest.span.clone()));
        }
    }
}
