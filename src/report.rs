//! What one run found: a report per file, and the totals.

use std::ops::Range;

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::ItemKind;

/// The findings for one file, with the text they point into.
#[derive(Clone, Debug)]
pub struct FileReport {
    /// The path as the user gave it (or `-` for standard input).
    pub path: String,
    /// The text the diagnostics' spans index (for Word, the extracted text).
    pub text: String,
    pub diagnostics: Vec<Diagnostic>,
    /// The plan's items and golden-thread links, for reports that draw the plan (`html`).
    /// Only the HTML renderer reads it.
    pub outline: Option<Outline>,
}

/// The items of a plan and the links between them, as the golden thread sees them.
#[derive(Clone, Debug, Default)]
pub struct Outline {
    pub items: Vec<OutlineItem>,
    /// Links between indices into `items`, with `true` where the link is only inferred (from an
    /// area heading or shared topic) rather than stated or laid out in a row.
    pub links: Vec<(usize, usize, bool)>,
}

#[derive(Clone, Debug)]
pub struct OutlineItem {
    pub kind: ItemKind,
    pub id: Option<String>,
    /// Byte range of the statement in [`FileReport::text`].
    pub span: Range<usize>,
    pub location: String,
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
        let mut s = Summary::default();
        s.add(reports);
        s
    }

    /// Counts more files in.
    pub fn add(&mut self, reports: &[FileReport]) {
        self.files += reports.len();
        for d in reports.iter().flat_map(|r| &r.diagnostics) {
            match d.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Note => self.notes += 1,
            }
        }
    }
}
