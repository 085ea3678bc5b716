//! `duplicate-outcome`: the same outcome written twice (usually a copy-paste between areas).

use std::collections::HashMap;

use super::{PlanFinding, PlanRule};
use crate::diagnostic::Label;
use crate::document::thread::Thread;
use crate::document::{Document, ItemKind};

pub struct DuplicateOutcome;

/// Lower case, letters and digits only, single spaces: "E2. Sam will swim." == "sam will swim".
fn normalised(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

impl PlanRule for DuplicateOutcome {
    fn check(&self, document: &Document, _thread: &Thread, out: &mut Vec<PlanFinding>) {
        let mut seen: HashMap<String, usize> = HashMap::new();
        for (index, item) in document.items.iter().enumerate() {
            if !matches!(item.kind, ItemKind::Outcome | ItemKind::Step) {
                continue;
            }
            let key = normalised(document.item_text(item));
            if key.split(' ').count() < 4 {
                continue;
            }
            match seen.get(&key) {
                Some(&first) => out.push(PlanFinding {
                    item: Some(index),
                    span: item.span.clone(),
                    label: Some("written twice".into()),
                    secondary: vec![Label {
                        span: document.items[first].span.clone(),
                        message: "the same outcome first appears here".into(),
                    }],
                    vars: vec![("first", document.items[first].location())],
                    ..PlanFinding::default()
                }),
                None => {
                    seen.insert(key, index);
                }
            }
        }
    }
}
