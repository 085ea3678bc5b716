//! The compiler-style report: place, the words underlined, why (with the guidance), and what to
//! write instead. Built on codespan-reporting.

use std::io;

use codespan_reporting::diagnostic::{Diagnostic as Report, Label, Severity as Level};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, termcolor::WriteColor};

use crate::diagnostic::Severity;
use crate::report::{FileReport, Summary};

pub fn render(reports: &[FileReport], out: &mut dyn WriteColor) -> io::Result<()> {
    render_files(reports, out)?;
    render_summary(&Summary::of(reports), out)
}

/// Each file's findings, without the closing count.
pub fn render_files(reports: &[FileReport], out: &mut dyn WriteColor) -> io::Result<()> {
    let mut files = SimpleFiles::new();
    let config = term::Config::default();
    for report in reports {
        let id = files.add(report.path.as_str(), report.text.as_str());
        for d in &report.diagnostics {
            let level = match d.severity {
                Severity::Error => Level::Error,
                Severity::Warning => Level::Warning,
                Severity::Note => Level::Note,
            };
            let mut labels = vec![Label::primary(id, d.span.clone()).with_message(&d.label)];
            labels.extend(
                d.secondary
                    .iter()
                    .map(|l| Label::secondary(id, l.span.clone()).with_message(&l.message)),
            );
            let mut notes = Vec::new();
            if !d.location.is_empty() {
                notes.push(format!("in {}", d.location));
            }
            notes.push(format!("why: {}", d.reference));
            notes.push(format!("help: {}", d.help));
            let diagnostic = Report::new(level)
                .with_message(&d.message)
                .with_code(&d.rule)
                .with_labels(labels)
                .with_notes(notes);
            term::emit(out, &config, &files, &diagnostic).map_err(io::Error::other)?;
        }
    }
    Ok(())
}

/// The closing line: how many files were checked and what was found.
pub fn render_summary(s: &Summary, out: &mut dyn WriteColor) -> io::Result<()> {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let line = format!(
        "{} checked: {}, {}, {}",
        plural(s.files, "file"),
        plural(s.errors, "error"),
        plural(s.warnings, "warning"),
        plural(s.notes, "note"),
    );
    super::line(out, &line)
}
