//! JSON output, version 1: a stable contract (DESIGN.md). Change it only by adding fields or by
//! a new version.

use std::io::{self, Write};

use serde::Serialize;

use crate::diagnostic::{LineIndex, Severity};
use crate::document::Part;
use crate::report::{FileReport, Summary};

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    summary: JsonSummary,
}

#[derive(Serialize)]
struct JsonSpan {
    start: usize,
    end: usize,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    rule: &'a str,
    severity: Severity,
    message: &'a str,
    path: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    span: JsonSpan,
    part: Option<Part>,
    item: Option<&'a str>,
    location: &'a str,
    help: &'a str,
    reference: &'a str,
}

#[derive(Serialize)]
struct JsonSummary {
    files: usize,
    errors: usize,
    warnings: usize,
    notes: usize,
}

pub fn render(reports: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    let mut diagnostics = Vec::new();
    for report in reports {
        let index = LineIndex::new(&report.text);
        for d in &report.diagnostics {
            let start = index.line_column(d.span.start);
            let end = index.line_column(d.span.end);
            diagnostics.push(JsonDiagnostic {
                rule: &d.rule,
                severity: d.severity,
                message: &d.message,
                path: &report.path,
                line: start.line,
                column: start.column,
                end_line: end.line,
                end_column: end.column,
                span: JsonSpan {
                    start: d.span.start,
                    end: d.span.end,
                },
                part: d.part,
                item: d.item.as_deref(),
                location: &d.location,
                help: &d.help,
                reference: &d.reference,
            });
        }
    }
    let s = Summary::of(reports);
    let output = Output {
        version: 1,
        diagnostics,
        summary: JsonSummary {
            files: s.files,
            errors: s.errors,
            warnings: s.warnings,
            notes: s.notes,
        },
    };
    serde_json::to_writer_pretty(&mut *out, &output).map_err(io::Error::other)?;
    out.write_all(b"\n")
}
