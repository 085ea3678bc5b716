//! What one run found: a report per file, and the totals.

use crate::diagnostic::{Diagnostic, Severity};

/// The findings for one file, with the text they point into.
#[derive(Clone, Debug)]
pub struct FileReport {
    /// The path as the user gave it (or `-` for standard input).
    pub path: String,
    /// The text the diagnostics' spans index (for Word, the extracted text).
    pub text: String,
    pub diagnostics: Vec<Diagnostic>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
}

impl Summary {
    pub fn of(reports: &[FileReport]) -> Summary {
        let mut s = Summary {
            files: reports.len(),
            ..Summary::default()
        };
        for d in reports.iter().flat_map(|r| &r.diagnostics) {
            match d.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Note => s.notes += 1,
            }
        }
        s
    }
}
