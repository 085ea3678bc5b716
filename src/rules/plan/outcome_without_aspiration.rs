//! `outcome-without-aspiration`: a long-term outcome that leads to none of the child's
//! aspirations in Section A (the golden thread starts there). The secondary label shows the
//! nearest aspiration, or the Section A heading.

use super::{section_heading, PlanFinding, PlanRule};
use crate::diagnostic::Label;
use crate::document::thread::{topics, Pair, Strength, Thread};
use crate::document::{Document, ItemKind};

pub struct OutcomeWithoutAspiration;

impl PlanRule for OutcomeWithoutAspiration {
    fn check(&self, document: &Document, thread: &Thread, out: &mut Vec<PlanFinding>) {
        let aspirations: Vec<usize> = document
            .items
            .iter()
            .enumerate()
            .filter(|(_, i)| i.kind == ItemKind::Aspiration)
            .map(|(i, _)| i)
            .collect();
        if aspirations.is_empty() {
            return;
        }
        let tier = thread.tier(Pair::AspirationOutcome);
        // As for aspiration-without-outcome: only where the plan links them by id.
        if tier != Some(Strength::Stated) {
            return;
        }
        for (index, item) in document.items.iter().enumerate() {
            if item.kind != ItemKind::Outcome
                || thread.linked_to(document, index, ItemKind::Aspiration)
            {
                continue;
            }
            let secondary = nearest_aspiration(document, index, &aspirations)
                .map(|a| Label {
                    span: document.items[a].span.clone(),
                    message: "the nearest aspiration: should this outcome lead to it?".into(),
                })
                .or_else(|| {
                    section_heading(document, "A").map(|span| Label {
                        span,
                        message: "the aspirations this outcome should lead to".into(),
                    })
                });
            out.push(PlanFinding {
                item: Some(index),
                span: item.span.clone(),
                label: Some("leads to no aspiration in Section A".into()),
                secondary: secondary.into_iter().collect(),
                ..PlanFinding::default()
            });
        }
    }
}

/// The aspiration sharing most words with the outcome, if any shares one.
fn nearest_aspiration(document: &Document, outcome: usize, aspirations: &[usize]) -> Option<usize> {
    let words = |t: &str| -> std::collections::BTreeSet<String> {
        t.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.len() > 3)
            .map(|w| w.to_lowercase())
            .collect()
    };
    let text = document.item_text(&document.items[outcome]);
    let mine = words(text);
    let my_topics = topics(text);
    aspirations
        .iter()
        .map(|&a| {
            let t = document.item_text(&document.items[a]);
            let score = words(t).intersection(&mine).count()
                + 2 * topics(t).intersection(&my_topics).count();
            (score, a)
        })
        .filter(|(score, _)| *score > 0)
        .max_by_key(|(score, a)| (*score, usize::MAX - a))
        .map(|(_, a)| a)
}
