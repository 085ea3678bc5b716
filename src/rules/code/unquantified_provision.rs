//! `unquantified-provision`: provision delivered by people that does not say how much the child
//! will get (RULES.md 3.14).
//!
//! The rule file's patterns catch an amount left open ("TBC", "How often: -"). This code asks the
//! shared parsers the rest: whether people deliver the provision (equipment and adjustments need
//! no amount), and whether the text, with its `Who` / `How often` cells, gives a frequency and a
//! duration, a total, or a continuous scope.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::{own_text_span, CodeRule, Finding};
use crate::language::provider::{find_deliverers, is_equipment_or_adjustment, is_person_delivered};
use crate::language::quantity::{amount_of, find_quantities, Quantity, QuantityKind};
use crate::language::timeframe::{find_timeframes, Context};
use crate::rules::Statement;

pub struct UnquantifiedProvision;

/// Help that comes in separate visits rather than continuously.
static DISCRETE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:check[- ]?ins?|sessions|visits|meetings|interventions|prompts|reminders)\b",
    )
    .expect("static regex")
});

/// "Check-ins throughout the week": a span of time is the amount of continuous help, but says
/// nothing about how often separate sessions or check-ins happen within it.
fn only_loose_scope(text: &str) -> bool {
    if !DISCRETE.is_match(text) {
        return false;
    }
    let quantities = find_quantities(text);
    let loose = |q: &&Quantity| {
        let words = text.get(q.span.clone()).unwrap_or("").to_lowercase();
        q.kind == QuantityKind::Scope
            && (words.starts_with("throughout") || words.starts_with("across"))
            && !words.contains("lesson")
            && !words.contains("session")
    };
    let scopes: Vec<&Quantity> = quantities
        .iter()
        .filter(|q| q.kind == QuantityKind::Scope)
        .collect();
    let timed = quantities.iter().any(|q| {
        matches!(q.kind, QuantityKind::Total)
            || (q.kind == QuantityKind::Frequency
                && quantities.iter().any(|d| d.kind == QuantityKind::Duration))
    });
    !timed && !scopes.is_empty() && scopes.iter().all(loose)
}

/// Work done once per occasion, whose length nobody specifies.
static ONE_OFF_WORK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:(?:write|writes|written|draw up|draws up|drawn up|update|updates|set|sets) (?:(?:a|an|the|his|her|their|new) )?(?:[\w-]+ ){0,2}?(?:programmes?|plans?|reports?|targets|profiles?)|assessments?|assess(?:es|ed|ing)?|re-?assess(?:es|ed|ment)?|reviews?|review(?:ed|ing)?|observations?|observe[sd]?|reports?|write|writes|written|update[sd]?)\b",
    )
    .expect("static regex")
});

/// True when, with the one-off words blanked out, nothing in the text is person-delivered.
fn is_one_off_work(text: &str) -> bool {
    if !ONE_OFF_WORK.is_match(text) {
        return false;
    }
    let blanked = ONE_OFF_WORK.replace_all(text, |caps: &regex::Captures| {
        " ".repeat(caps.get(0).map_or(0, |m| m.len()))
    });
    !is_person_delivered(&blanked)
}

/// Use of a room or space set aside for the child ("access to the calm room", "a quiet space"):
/// it recurs, so it needs an amount even when nobody is named to deliver it.
static ROOM_USE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:quiet|calm|calming|sensory|nurture|chill[- ]out|time[- ]out|low[- ]stimulus|low[- ]arousal|safe|break[- ]?out|learning support|sen|send|inclusion|wellbeing|well-being|pastoral|support|relaxation|soft play|hygiene) (?:room|rooms|space|spaces|area|areas|base|corner|den|hub|tent|zone|station)\b",
    )
    .expect("static regex")
});

impl CodeRule for UnquantifiedProvision {
    fn check(&self, statement: &Statement, triggers: &[Range<usize>], out: &mut Vec<Finding>) {
        if !triggers.is_empty() {
            for trigger in triggers {
                let mut finding = Finding::at(trigger.clone());
                finding.vars.push((
                    "missing",
                    "how much: the amount is still to be decided".into(),
                ));
                out.push(finding);
            }
            return;
        }
        let text = statement.text;
        // The amount first: it is far cheaper than asking who delivers the provision, and a
        // quantified provision passes whoever delivers it.
        let amount = amount_of(text);
        if amount.is_quantified() && !only_loose_scope(text) {
            return;
        }
        if !ROOM_USE.is_match(text)
            && (is_equipment_or_adjustment(text)
                || (!is_person_delivered(text) && find_deliverers(text).is_empty()))
        {
            return;
        }
        // A one-off piece of work (an assessment, a review of the plan or equipment, a report)
        // is specified by when it happens: "an assessment in the autumn term", "a termly review".
        let occasion = amount.frequency || !find_timeframes(text, Context::Statement).is_empty();
        if occasion && is_one_off_work(text) {
            return;
        }
        let missing = match (amount.frequency, amount.duration) {
            (true, false) => "how long each time",
            (false, true) => "how often",
            _ => "how often or for how long",
        };
        let span = own_text_span(statement);
        if span.is_empty() {
            return;
        }
        let mut finding = Finding::at(span);
        finding.vars.push(("missing", missing.into()));
        out.push(finding);
    }
}
