//! Findings: what a rule reports about a place in a document.
//!
//! A [`Diagnostic`] is plain data: renderers in `render/` turn it into text, JSON or SARIF.
//! Nothing here prints.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::document::Part;

/// How serious a finding is (DESIGN.md: error = unlawful, unenforceable or plainly wrong;
/// warning = a quality problem guidance names; note = advice).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    Note,
    Warning,
    Error,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A secondary place shown with a finding ("the aspiration this outcome should lead to").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub span: Range<usize>,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub rule: String,
    pub severity: Severity,
    pub message: String,
    /// Byte range into the document text.
    pub span: Range<usize>,
    /// A short label for the underline.
    pub label: String,
    pub secondary: Vec<Label>,
    pub help: String,
    /// "SEND Code of Practice 2015, 9.66" or a case name.
    pub reference: String,
    pub part: Option<Part>,
    /// The item's id in the plan, where it has one ("E2").
    pub item: Option<String>,
    /// The human place of the item ("Section E, outcome E2").
    pub location: String,
}

/// Line and column (1-based; columns count Unicode scalar values) of a byte offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineColumn {
    pub line: usize,
    pub column: usize,
}

/// Maps byte offsets of one text to lines and columns.
pub struct LineIndex<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, line_starts }
    }

    pub fn line_column(&self, offset: usize) -> LineColumn {
        let offset = offset.min(self.text.len());
        let line = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.line_starts[line];
        let column = self
            .text
            .get(start..offset)
            .map(|s| s.chars().count())
            .unwrap_or(0);
        LineColumn {
            line: line + 1,
            column: column + 1,
        }
    }
}
