//! JUnit XML, for CI systems that show test reports (GitLab, Jenkins, Azure DevOps): one
//! `testsuite` per file, one failing `testcase` per finding, and one passing `testcase` for a
//! file with no findings so a clean plan still shows up as checked.

use std::io::{self, Write};

use crate::diagnostic::LineIndex;
use crate::report::FileReport;

pub fn render(reports: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    let total: usize = reports.iter().map(|r| r.diagnostics.len().max(1)).sum();
    let failures: usize = reports.iter().map(|r| r.diagnostics.len()).sum();
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    xml.push_str(&format!(
        "<testsuites name=\"outcome-lint\" tests=\"{total}\" failures=\"{failures}\" errors=\"0\">\n"
    ));
    for report in reports {
        let path = escape(&report.path);
        let index = LineIndex::new(&report.text);
        xml.push_str(&format!(
            "  <testsuite name=\"{path}\" tests=\"{}\" failures=\"{}\" errors=\"0\">\n",
            report.diagnostics.len().max(1),
            report.diagnostics.len()
        ));
        if report.diagnostics.is_empty() {
            xml.push_str(&format!(
                "    <testcase name=\"no findings\" classname=\"{path}\"/>\n"
            ));
        }
        for d in &report.diagnostics {
            let at = index.line_column(d.span.start);
            let mut body = format!("{}:{}:{}: {}", report.path, at.line, at.column, d.message);
            if !d.location.is_empty() {
                body.push_str(&format!("\nin {}", d.location));
            }
            body.push_str(&format!("\nwhy: {}\nhelp: {}", d.reference, d.help));
            xml.push_str(&format!(
                "    <testcase name=\"{} at line {}, column {}\" classname=\"{path}\" file=\"{path}\" line=\"{}\">\n",
                escape(&d.rule),
                at.line,
                at.column,
                at.line
            ));
            xml.push_str(&format!(
                "      <failure message=\"{}\" type=\"{}\">{}</failure>\n",
                escape(&d.message),
                d.severity.name(),
                escape(&body)
            ));
            xml.push_str("    </testcase>\n");
        }
        xml.push_str("  </testsuite>\n");
    }
    xml.push_str("</testsuites>\n");
    out.write_all(xml.as_bytes())
}

/// Escapes text for an XML attribute or element, dropping characters XML 1.0 cannot hold.
pub fn escape(text: &str) -> String {
    super::markup::escape_markup(text, "&apos;", |c, out| match c {
        '\n' => out.push_str("&#10;"),
        '\t' | '\r' => out.push(' '),
        c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
        c => out.push(c),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_control_characters() {
        assert_eq!(escape("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot;");
    }
}
