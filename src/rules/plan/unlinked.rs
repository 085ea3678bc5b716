//! The shared shape of the "X without Y" golden-thread rules: every item of one kind must be
//! linked to at least one item of another kind, judged by the plan's own linking system.

use crate::diagnostic::Label;
use crate::document::thread::{says_no_need, Pair, Strength, Thread};
use crate::document::{Document, ItemKind};

use super::{judged_by, PlanFinding};

/// Reports each `from` item with no link to any `to` item. Only runs when the plan has at least
/// one `to` item (a plan with no provision at all is `missing-section`'s business).
pub fn report_unlinked(
    document: &Document,
    thread: &Thread,
    from: &[ItemKind],
    to: ItemKind,
    pair: Pair,
    secondary: impl Fn(&Document) -> Option<Label>,
    out: &mut Vec<PlanFinding>,
) {
    let norm = |k: ItemKind| {
        if k == ItemKind::Step {
            ItemKind::Outcome
        } else {
            k
        }
    };
    if !document.items.iter().any(|i| norm(i.kind) == to) {
        return;
    }
    let tier = thread.tier(pair);
    for (index, item) in document.items.iter().enumerate() {
        if !from.contains(&item.kind)
            || thread.linked_to(document, index, to)
            || says_no_need(document.item_text(item))
        {
            continue;
        }
        out.push(PlanFinding {
            item: Some(index),
            span: item.span.clone(),
            label: Some(format!(
                "no {} is linked to this{}",
                to.noun(),
                judged_by(tier)
            )),
            secondary: secondary(document).into_iter().collect(),
            inferred: !matches!(tier, Some(Strength::Stated) | Some(Strength::Row)),
            ..PlanFinding::default()
        });
    }
}
