//! GitHub Actions workflow commands: one `::error`, `::warning` or `::notice` line per finding,
//! which GitHub shows as an annotation on the pull request's changed lines.
//!
//! Values are escaped as the runner expects: in the message `%`, CR and LF; in properties also
//! `:` and `,`, which would otherwise end the property.

use std::io::{self, Write};

use crate::diagnostic::{LineIndex, Severity};
use crate::report::FileReport;

pub fn render(reports: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    for report in reports {
        let index = LineIndex::new(&report.text);
        for d in &report.diagnostics {
            let start = index.line_column(d.span.start);
            let end = index.line_column(d.span.end);
            let command = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Note => "notice",
            };
            let mut message = d.message.clone();
            if !d.help.is_empty() {
                message.push_str(&format!("\nhelp: {}", d.help));
            }
            super::line(
                out,
                &format!(
                    "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                    escape_property(&report.path),
                    start.line,
                    start.column,
                    end.line,
                    end.column,
                    escape_property(&d.rule),
                    escape_data(&message),
                ),
            )?;
        }
    }
    Ok(())
}

/// Escapes a command's message.
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value (`file=`, `title=`).
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_would_break_the_command() {
        assert_eq!(escape_data("50% of\r\nlessons"), "50%25 of%0D%0Alessons");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
