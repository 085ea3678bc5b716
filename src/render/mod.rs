//! Renderers: turn reports into text for people (`human`, `concise`) or for other tools
//! (`json`), or into a reviewed copy of a Word document (`word`). Each writes to any `Write`;
//! none prints by itself.

pub mod concise;
pub mod human;
pub mod json;
pub mod word;

use std::io::{self, Write};

use crate::report::FileReport;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Compiler-style report with the text underlined (the default).
    Human,
    /// One line per finding: path:line:column: severity[rule]: message.
    Concise,
    /// Machine-readable, version 1 (see the README).
    Json,
}

pub fn render(
    format: Format,
    reports: &[FileReport],
    out: &mut dyn codespan_reporting::term::termcolor::WriteColor,
) -> io::Result<()> {
    match format {
        Format::Human => human::render(reports, out),
        Format::Concise => concise::render(reports, out),
        Format::Json => json::render(reports, out),
    }
}

/// Writes `text` followed by a newline, for renderers that only need plain writes.
pub(crate) fn line(out: &mut dyn Write, text: &str) -> io::Result<()> {
    out.write_all(text.as_bytes())?;
    out.write_all(b"\n")
}
