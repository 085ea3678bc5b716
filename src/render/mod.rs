//! Renderers: turn reports into text for people (`human`, `concise`) or for other tools
//! (`json`, `sarif`, `github`, `junit`), into a self-contained report to share (`html`), or into a reviewed copy of a Word document (`word`).
//! Each writes to any `Write`; none prints by itself.
//! `rule_docs` writes the rule reference (`docs/rules.md`) from the same rule docs.

pub mod concise;
pub mod github;
pub mod html;
pub mod human;
pub mod json;
pub mod junit;
pub mod markup;
pub mod rule_docs;
pub mod sarif;
pub mod word;

use std::io::{self, Write};

use crate::report::FileReport;
use crate::rules::RuleDoc;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Compiler-style report with the text underlined (the default).
    Human,
    /// One line per finding: path:line:column: severity[rule]: message.
    Concise,
    /// Machine-readable, version 1 (see the README).
    Json,
    /// SARIF 2.1.0, for code-scanning dashboards.
    Sarif,
    /// GitHub Actions annotations (workflow commands).
    Github,
    /// JUnit XML: one test suite per file, one failing test per finding.
    Junit,
    /// A self-contained HTML report: the plan with findings marked, a SMART scorecard per
    /// outcome and the golden thread drawn.
    Html,
}

/// Writes `reports` in `format`; `rules` are the rules of the run (SARIF lists them).
pub fn render(
    format: Format,
    reports: &[FileReport],
    rules: &[&RuleDoc],
    out: &mut dyn codespan_reporting::term::termcolor::WriteColor,
) -> io::Result<()> {
    match format {
        Format::Human => human::render(reports, out),
        Format::Concise => concise::render(reports, out),
        Format::Json => json::render(reports, out),
        Format::Sarif => sarif::render(reports, rules.iter().copied(), out),
        Format::Github => github::render(reports, out),
        Format::Junit => junit::render(reports, out),
        Format::Html => html::render(reports, out),
    }
}

/// Whether a format's report is one file's findings after another and at most a closing count,
/// so that a long run can write each file's part as soon as it and the files before it are
/// done, instead of holding every report until the end.
pub fn streams(format: Format) -> bool {
    matches!(format, Format::Human | Format::Concise | Format::Github)
}

/// The part of a streaming format's report that these files make.
pub fn render_files(
    format: Format,
    reports: &[FileReport],
    out: &mut dyn codespan_reporting::term::termcolor::WriteColor,
) -> io::Result<()> {
    match format {
        Format::Human => human::render_files(reports, out),
        _ => render(format, reports, &[], out),
    }
}

/// The end of a streaming format's report, once every file is written.
pub fn render_end(
    format: Format,
    summary: &crate::report::Summary,
    out: &mut dyn codespan_reporting::term::termcolor::WriteColor,
) -> io::Result<()> {
    match format {
        Format::Human => human::render_summary(summary, out),
        _ => Ok(()),
    }
}

/// Writes `text` followed by a newline, for renderers that only need plain writes.
pub(crate) fn line(out: &mut dyn Write, text: &str) -> io::Result<()> {
    out.write_all(text.as_bytes())?;
    out.write_all(b"\n")
}
