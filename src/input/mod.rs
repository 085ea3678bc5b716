//! Readers: turn one input format into one [`Document`].
//!
//! `source` decodes bytes into text (BOMs, UTF-16, invalid UTF-8, binary files); every reader
//! keeps within the [`Limits`] it is given;
//! `statements` reads a list of single statements (`--part`); `text` reads plans written as
//! plain text or Markdown in the layouts councils use; `yaml_plan` reads the structured YAML
//! plans of template repositories; `docx` reads Word documents by writing their body in the text
//! reader's layout; `pdf` reads the text layer of PDF files into the same layout. Readers never judge the text: finding problems is the rules' job.

pub mod docx;
pub mod pdf;
pub mod source;
pub mod statements;
pub mod text;
pub mod yaml_plan;

use std::fmt;
use std::path::Path;

use crate::document::{Document, Part};
use crate::limits::Limits;

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

/// File extensions a folder walk picks up as plans. A YAML file is a plan only when it says so
/// (see [`yaml_plan::is_yaml_plan`]): a folder walk skips other YAML files, such as rule files.
pub const PLAN_EXTENSIONS: &[&str] = &[
    "md", "markdown", "txt", "text", "yaml", "yml", "docx", "pdf",
];

/// File extensions of YAML plans.
pub const YAML_EXTENSIONS: &[&str] = &["yaml", "yml"];

pub(crate) fn has_extension(path: &Path, extensions: &[&str]) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| extensions.iter().any(|p| p.eq_ignore_ascii_case(e)))
}

pub fn is_plan_file(path: &Path) -> bool {
    has_extension(path, PLAN_EXTENSIONS)
}

pub fn is_yaml_file(path: &Path) -> bool {
    has_extension(path, YAML_EXTENSIONS)
}

/// Reads a file's bytes into a document: a Word document by its `.docx` name, a PDF by its
/// `.pdf` name, anything else as text. `path` is the name shown in messages.
pub fn read_bytes(path: &str, bytes: &[u8], mode: Mode) -> Result<Document, InputError> {
    read_bytes_within(path, bytes, mode, &Limits::default())
}

/// [`read_bytes`] within `limits`.
pub fn read_bytes_within(
    path: &str,
    bytes: &[u8],
    mode: Mode,
    limits: &Limits,
) -> Result<Document, InputError> {
    if docx::is_docx_name(path) {
        return docx::read_within(path, bytes, mode, limits).map(|word| word.document);
    }
    if pdf::is_pdf_name(path) {
        return pdf::read_within(path, bytes, mode, limits);
    }
    let text = source::decode(path, bytes)?;
    read_document_within(path, text, mode, limits)
}

/// Reads decoded text into a document. `path` names the input (`-` for standard input): a
/// `.yaml` or `.yml` file is read as a YAML plan, and so is standard input that declares itself
/// one; anything else as a text or Markdown plan. Only a YAML plan can fail to read.
pub fn read_document(path: &str, text: String, mode: Mode) -> Result<Document, InputError> {
    read_document_within(path, text, mode, &Limits::default())
}

/// [`read_document`] within `limits`: a line longer than the limit fails any format.
pub fn read_document_within(
    path: &str,
    text: String,
    mode: Mode,
    limits: &Limits,
) -> Result<Document, InputError> {
    limits.check_lines(path, &text)?;
    match mode {
        Mode::Plan => {
            let yaml = if path == "-" {
                yaml_plan::is_yaml_plan(&text)
            } else {
                is_yaml_file(Path::new(path))
            };
            if yaml {
                yaml_plan::read_yaml_plan_within(path, text, limits)
            } else {
                Ok(text::read_plan(text))
            }
        }
        Mode::Statements(part) => Ok(statements::read_statements(text, part)),
    }
}
