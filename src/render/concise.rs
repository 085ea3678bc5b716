//! `path:line:column: severity[rule]: message`, one finding per line (for editors and grep).

use std::io::{self, Write};

use crate::diagnostic::LineIndex;
use crate::report::FileReport;

pub fn render(reports: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    for report in reports {
        let index = LineIndex::new(&report.text);
        for d in &report.diagnostics {
            let at = index.line_column(d.span.start);
            super::line(
                out,
                &format!(
                    "{}:{}:{}: {}[{}]: {}",
                    report.path,
                    at.line,
                    at.column,
                    d.severity.name(),
                    d.rule,
                    d.message
                ),
            )?;
        }
    }
    Ok(())
}
