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
pub mod limits;
pub mod redact;
pub mod render;
pub mod report;
pub mod rules;
pub mod suppress;

use document::Document;
use input::{InputError, Mode};
use limits::Limits;
use report::FileReport;
use rules::{Context, RuleSet};

/// Lints one decoded text: read it as a plan or statement list, run the rules. `path` also
/// says the format (a `.yaml` file is a YAML plan); a YAML plan that cannot be read is an error.
/// Suppression comments are blanked out before reading, so they are not plan text, and then
/// applied to the findings.
pub fn lint_text(
    path: &str,
    text: String,
    mode: Mode,
    rules: &RuleSet,
    context: &Context,
) -> Result<FileReport, InputError> {
    lint_text_within(path, text, mode, rules, context, &Limits::default())
}

/// [`lint_text`] within `limits`.
pub fn lint_text_within(
    path: &str,
    text: String,
    mode: Mode,
    rules: &RuleSet,
    context: &Context,
    limits: &Limits,
) -> Result<FileReport, InputError> {
    let Some(masked) = suppress::mask(&text) else {
        let document = input::read_document_within(path, text, mode, limits)?;
        return Ok(lint_document(path, document, rules, context));
    };
    let document = input::read_document_within(path, masked, mode, limits)?;
    let mut report = lint_document(path, document.clone(), rules, context);
    suppress::apply(&text, &document, rules, &mut report.diagnostics);
    report.text = text;
    Ok(report)
}

/// Lints one file's bytes (a Word document by its `.docx` name, a PDF by its `.pdf` name,
/// otherwise text). Fails with one clear message when the bytes cannot be read as a plan.
pub fn lint_bytes(
    path: &str,
    bytes: &[u8],
    mode: Mode,
    rules: &RuleSet,
    context: &Context,
) -> Result<FileReport, InputError> {
    lint_bytes_within(path, bytes, mode, rules, context, &Limits::default())
}

/// [`lint_bytes`] within `limits`. The caller bounds how many bytes it read
/// ([`Limits::max_file_bytes`]); this bounds everything that follows.
pub fn lint_bytes_within(
    path: &str,
    bytes: &[u8],
    mode: Mode,
    rules: &RuleSet,
    context: &Context,
    limits: &Limits,
) -> Result<FileReport, InputError> {
    if input::docx::is_docx_name(path) || input::pdf::is_pdf_name(path) {
        let document = input::read_bytes_within(path, bytes, mode, limits)?;
        return Ok(lint_document(path, document, rules, context));
    }
    let text = input::source::decode(path, bytes)?;
    lint_text_within(path, text, mode, rules, context, limits)
}

/// Runs the rules over a document that has been read. Findings in text the reader copied (a
/// merged Word cell repeated on each row) are left out: they repeat findings at the original.
pub fn lint_document(
    path: &str,
    document: Document,
    rules: &RuleSet,
    context: &Context,
) -> FileReport {
    let thread = document::thread::Thread::build(&document);
    let mut diagnostics = rules.lint_with_thread(&document, context, Some(&thread));
    diagnostics.retain(|d| !document.is_repeated(d.span.start));
    let outline = outline(&document, &thread);
    FileReport {
        path: path.to_string(),
        text: document.text,
        diagnostics,
        outline: Some(outline),
    }
}

/// The items and golden-thread links of a document, for the HTML report.
fn outline(document: &Document, thread: &document::thread::Thread) -> report::Outline {
    let mut links: Vec<(usize, usize, bool)> = thread
        .links()
        .map(|(a, b, s)| (a, b, s == document::thread::Strength::Inferred))
        .collect();
    links.sort_unstable();
    report::Outline {
        items: document
            .items
            .iter()
            .map(|item| report::OutlineItem {
                kind: item.kind,
                id: item.id.clone(),
                span: item.span.clone(),
                location: item.location(),
            })
            .collect(),
        links,
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
