//! outcome-lint: a linter for Education, Health and Care (EHC) plans in England.
//!
//! The pipeline, one folder per stage:
//! `input/` reads a file into a [`document::Document`]; `rules/` runs the compiled
//! [`rules::RuleSet`] over its items and returns [`diagnostic::Diagnostic`]s; `render/` writes
//! them for people or tools. `language/` holds the parsers several rules share (timeframes,
//! quantities, subjects, criteria, providers). The library does no printing and no I/O beyond
//! what its caller asks for; the binary in `main.rs` is a thin command line around it.

pub mod baseline;
pub mod config;
pub mod diagnostic;
pub mod document;
pub mod eval;
pub mod input;
pub mod language;
pub mod redact;
pub mod render;
pub mod report;
pub mod rules;
pub mod suppress;

use document::Document;
use input::Mode;
use report::FileReport;
use rules::{Context, RuleSet};

/// Lints one decoded text: read it as a plan or statement list, run the rules.
pub fn lint_text(
    path: &str,
    text: String,
    mode: Mode,
    rules: &RuleSet,
    context: &Context,
) -> FileReport {
    // Suppression comments are blanked out before reading, so they are not plan text.
    let (document, original): (Document, Option<String>) = match suppress::mask(&text) {
        Some(masked) => (input::read_document(masked, mode), Some(text)),
        None => (input::read_document(text, mode), None),
    };
    let mut diagnostics = rules.lint(&document, context);
    if let Some(original) = &original {
        suppress::apply(original, &document, rules, &mut diagnostics);
    }
    let text = original.unwrap_or(document.text);
    FileReport {
        path: path.to_string(),
        text,
        diagnostics,
    }
}

/// Lints one statement of a part on its own (statement mode, examples, the corpus).
pub fn lint_statement(
    text: &str,
    part: document::Part,
    rules: &RuleSet,
    context: &Context,
) -> Vec<diagnostic::Diagnostic> {
    let mut document = Document {
        text: text.to_string(),
        ..Document::default()
    };
    document.metadata.kind = document::DocumentKind::Statements;
    document.items.push(document::Item::new(
        document::ItemKind::from(part),
        0..text.len(),
    ));
    rules.lint(&document, context)
}
