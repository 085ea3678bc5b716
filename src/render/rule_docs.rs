//! The rule reference, `docs/rules.md`, written from the rule files: the same words `explain`
//! and SARIF show. A test keeps the committed file up to date (`UPDATE_DOCS=1 cargo test`
//! rewrites it).

use crate::rules::RuleDoc;

/// The whole of `docs/rules.md`.
pub fn rules_markdown<'a>(docs: impl Iterator<Item = &'a RuleDoc>) -> String {
    let docs: Vec<&RuleDoc> = docs.collect();
    let mut s = String::from(
        "# outcome-lint rules\n\n\
         Generated from the rule files in `rules/` (`UPDATE_DOCS=1 cargo test --test generated_docs`); \
         do not edit by hand.\n\n\
         | Rule | Severity | Checks | What it flags |\n|---|---|---|---|\n",
    );
    for d in &docs {
        let parts: Vec<&str> = d.parts.iter().map(|p| p.name()).collect();
        s.push_str(&format!(
            "| [`{}`](#{}) | {} | {} | {} |\n",
            d.id,
            d.id,
            d.severity.name(),
            parts.join(", "),
            d.summary.replace('|', "\\|")
        ));
    }
    for d in &docs {
        let parts: Vec<&str> = d.parts.iter().map(|p| p.name()).collect();
        s.push_str(&format!("\n<a id=\"{}\"></a>\n\n## {}\n\n", d.id, d.id));
        s.push_str(&format!(
            "{} (default severity: **{}**; checks: {})\n\n",
            capitalise(&d.summary),
            d.severity.name(),
            parts.join(", ")
        ));
        s.push_str(&format!("### What it does\n\n{}\n\n", d.doc.what.trim()));
        s.push_str(&format!("### Why it matters\n\n{}\n\n", d.doc.why.trim()));
        s.push_str(&format!("### How to fix it\n\n{}\n\n", d.doc.fix.trim()));
        let bad: Vec<&String> = d.examples.iter().filter_map(|e| e.bad.as_ref()).collect();
        let good: Vec<&String> = d.examples.iter().filter_map(|e| e.good.as_ref()).collect();
        if !bad.is_empty() || !good.is_empty() {
            s.push_str("### Example\n\n");
            for b in bad {
                s.push_str(&format!("Flagged:\n\n```text\n{}\n```\n\n", b.trim_end()));
            }
            for g in good {
                s.push_str(&format!("Better:\n\n```text\n{}\n```\n\n", g.trim_end()));
            }
        }
        s.push_str(&format!("### Guidance\n\n- {}\n", d.reference));
        for also in &d.see_also {
            s.push_str(&format!("- {also}\n"));
        }
    }
    s
}

fn capitalise(text: &str) -> String {
    let mut c = text.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
