//! SARIF 2.1.0 output, for code-scanning dashboards (GitHub code scanning, Azure DevOps, IDE
//! viewers). `tool.driver.rules` carries each rule's documentation from its rule file, so a
//! dashboard can explain a finding without the tool installed. Columns count Unicode scalar
//! values, as everywhere else in outcome-lint, and the run says so (`columnKind`).

use std::collections::HashMap;
use std::io::{self, Write};

use serde_json::{json, Value};

use crate::diagnostic::{LineIndex, Severity};
use crate::report::FileReport;
use crate::rules::RuleDoc;

/// Where the repository's files are read online: the `repository` address in Cargo.toml. The
/// rule documentation is `docs/rules.md` there, generated from the rule files (see
/// [`crate::render::rule_docs::rules_markdown`]). SARIF wants absolute URIs.
pub const DOCS_BASE: &str = concat!(env!("CARGO_PKG_REPOSITORY"), "/blob/main/");

/// The documentation address of one rule.
pub fn help_uri(id: &str) -> String {
    format!("{DOCS_BASE}docs/rules.md#{id}")
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

fn rule_descriptor(doc: &RuleDoc) -> Value {
    let parts: Vec<&str> = doc.parts.iter().map(|p| p.name()).collect();
    let markdown = format!(
        "**What it does.** {}\n\n**Why it matters.** {}\n\n**How to fix it.** {}\n\n**Guidance:** {}",
        doc.doc.what.trim(),
        doc.doc.why.trim(),
        doc.doc.fix.trim(),
        doc.reference
    );
    json!({
        "id": doc.id,
        "name": pascal_case(&doc.id),
        "shortDescription": {"text": doc.summary},
        "fullDescription": {"text": doc.doc.what.trim()},
        "help": {"text": doc.help, "markdown": markdown},
        "helpUri": help_uri(&doc.id),
        "defaultConfiguration": {"level": level(doc.severity)},
        "properties": {"tags": parts, "reference": doc.reference.to_string()},
    })
}

/// `hedged-outcome` → `HedgedOutcome` (SARIF's `name` is an identifier-like label).
fn pascal_case(id: &str) -> String {
    id.split('-')
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_uppercase().chain(c).collect::<String>(),
                None => String::new(),
            }
        })
        .collect()
}

/// A path as a SARIF URI reference: forward slashes, and characters outside the URI grammar
/// percent-encoded.
fn uri_reference(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        let safe = b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=:@".contains(&b);
        if safe {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

pub fn render<'a>(
    reports: &[FileReport],
    docs: impl Iterator<Item = &'a RuleDoc>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let docs: Vec<&RuleDoc> = docs.collect();
    let index_of: HashMap<&str, usize> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.as_str(), i))
        .collect();
    let mut results = Vec::new();
    for report in reports {
        let lines = LineIndex::new(&report.text);
        for d in &report.diagnostics {
            let start = lines.line_column(d.span.start);
            let end = lines.line_column(d.span.end);
            let mut region = json!({
                "startLine": start.line,
                "startColumn": start.column,
                "endLine": end.line,
                "endColumn": end.column,
            });
            if let Some(snippet) = report.text.get(d.span.clone()) {
                region["snippet"] = json!({"text": snippet});
            }
            let mut message = d.message.clone();
            if !d.help.is_empty() {
                message.push_str(&format!(". Help: {}", d.help));
            }
            let mut result = json!({
                "ruleId": d.rule,
                "level": level(d.severity),
                "message": {"text": message},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri_reference(&report.path)},
                        "region": region,
                    },
                }],
            });
            if let Some(&i) = index_of.get(d.rule.as_str()) {
                result["ruleIndex"] = json!(i);
            }
            if !d.location.is_empty() {
                result["locations"][0]["logicalLocations"] =
                    json!([{"name": d.location, "kind": "element"}]);
            }
            results.push(result);
        }
    }
    let sarif = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "outcome-lint",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": format!("{DOCS_BASE}README.md"),
                "rules": docs.iter().map(|d| rule_descriptor(d)).collect::<Vec<_>>(),
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    serde_json::to_writer_pretty(&mut *out, &sarif).map_err(io::Error::other)?;
    out.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_uris() {
        assert_eq!(pascal_case("hedged-outcome"), "HedgedOutcome");
        assert_eq!(
            uri_reference("plans\\Amira plan.md"),
            "plans/Amira%20plan.md"
        );
    }
}
