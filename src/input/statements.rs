//! Statement mode (`--part`): one statement per non-empty line, with no plan around them.

use crate::document::{Document, DocumentKind, Item, ItemKind, Part};

/// List markers a statement list may carry ("- ", "* ", "• ", "1. ").
fn strip_marker(line: &str) -> usize {
    let trimmed = line.trim_start();
    let lead = line.len() - trimmed.len();
    for marker in ["- ", "* ", "• ", "· "] {
        if let Some(rest) = trimmed.strip_prefix(marker) {
            return lead + marker.len() + (rest.len() - rest.trim_start().len());
        }
    }
    lead
}

pub fn read_statements(text: String, part: Part) -> Document {
    let mut items = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let start = offset + strip_marker(content);
        let end = offset + content.trim_end().len();
        if start < end {
            let mut item = Item::new(ItemKind::from(part), start..end);
            item.ordinal = items.len() + 1;
            items.push(item);
        }
        offset += line.len();
    }
    let mut document = Document {
        text,
        items,
        ..Document::default()
    };
    document.metadata.kind = DocumentKind::Statements;
    document
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_item_per_non_empty_line() {
        let d = read_statements(
            "- Sam will swim.\r\n\n  Ria will read.  \n".into(),
            Part::Outcome,
        );
        let texts: Vec<&str> = d.items.iter().map(|i| d.item_text(i)).collect();
        assert_eq!(texts, ["Sam will swim.", "Ria will read."]);
        assert_eq!(d.items[1].location(), "outcome 2");
    }
}
