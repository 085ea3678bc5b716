//! Readers: turn one input format into one [`Document`].
//!
//! `source` decodes bytes into text (BOMs, UTF-16, invalid UTF-8, binary files, limits);
//! `statements` reads a list of single statements (`--part`); `text` reads plans written as
//! plain text or Markdown in the layouts councils use; `docx` reads Word documents by writing
//! their body in the text reader's layout. Readers never judge the text: finding problems is
//! the rules' job.

pub mod docx;
pub mod source;
pub mod statements;
pub mod text;

use std::fmt;
use std::path::Path;

use crate::document::{Document, Part};

/// A file (or standard input) that could not be read as a plan, and why, in plain words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError {
    pub path: String,
    pub message: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

impl std::error::Error for InputError {}

/// How to read a text: as a plan, or as a list of statements of one part.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Plan,
    Statements(Part),
}

/// File extensions a folder walk picks up as plans.
pub const PLAN_EXTENSIONS: &[&str] = &["md", "markdown", "txt", "text", "docx"];

pub fn is_plan_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| PLAN_EXTENSIONS.iter().any(|p| p.eq_ignore_ascii_case(e)))
}

/// Reads a file's bytes into a document: a Word document by its `.docx` name, anything else as
/// text. `path` is the name shown in messages.
pub fn read_bytes(path: &str, bytes: &[u8], mode: Mode) -> Result<Document, InputError> {
    if docx::is_docx_name(path) {
        return docx::read(path, bytes, mode).map(|word| word.document);
    }
    let text = source::decode(path, bytes)?;
    Ok(read_document(text, mode))
}

/// Reads decoded text into a document.
pub fn read_document(text: String, mode: Mode) -> Document {
    match mode {
        Mode::Plan => text::read_plan(text),
        Mode::Statements(part) => statements::read_statements(text, part),
    }
}
