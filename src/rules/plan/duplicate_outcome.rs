//! `duplicate-outcome`: the same outcome written twice (usually a copy-paste between areas).

use std::collections::HashMap;

use super::{PlanFinding, PlanRule};
use crate::diagnostic::Label;
use crate::document::thread::Thread;
use crate::document::{Document, ItemKind};

pub struct DuplicateOutcome;

/// Lower case, letters and digits only, single spaces: "E2. Sam will swim." == "sam will swim".
/// Returns the text and its number of words.
fn normalised(text: &str) -> (String, usize) {
    let mut out = String::with_capacity(text.len());
    let mut words = 0;
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        if word.is_empty() {
            continue;
        }
        if words > 0 {
            out.push(' ');
        }
        words += 1;
        // Written into one string, without a lower-cased copy of each word. `str::to_lowercase`
        // reads a word as a whole (a final 'Σ' becomes 'ς'), so other words still go through it.
        if word.is_ascii() {
            out.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            out.push_str(&word.to_lowercase());
        }
    }
    (out, words)
}

impl PlanRule for DuplicateOutcome {
    fn check(&self, document: &Document, _thread: &Thread, out: &mut Vec<PlanFinding>) {
        let mut seen: HashMap<String, usize> = HashMap::new();
        for (index, item) in document.items.iter().enumerate() {
            if !matches!(item.kind, ItemKind::Outcome | ItemKind::Step) {
                continue;
            }
            let (key, words) = normalised(document.item_text(item));
            if words < 4 {
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
