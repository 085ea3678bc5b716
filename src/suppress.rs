//! Inline suppressions: a reviewer's written decision that a finding does not apply here.
//!
//! `<!-- outcome-lint: allow(rule-id, other-id) -- reason -->` in text and Markdown, and
//! `# outcome-lint: allow(rule-id) -- reason` in YAML plans. Alone on a line, a suppression
//! covers the next non-blank line and the item that starts there; at the end of a line, it
//! covers that line and the item it belongs to. A suppression with no reason is reported
//! (`suppression-without-reason`), and so is one that suppresses nothing (`unused-suppression`),
//! so they cannot quietly pile up. Suppression comments are not plan text: findings inside them
//! are dropped. This module works on a document and its findings; it reads and prints nothing.

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::rules::RuleSet;

/// One suppression comment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suppression {
    /// The comment itself.
    pub span: Range<usize>,
    pub rules: Vec<String>,
    pub reason: Option<String>,
    /// The text it covers.
    pub covers: Range<usize>,
}

fn comment_pattern() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(
            r"(?x)
            <!--\s*outcome-lint:\s*allow\(\s*(?P<html_rules>[^)]*)\)\s*(?:--\s*(?P<html_reason>.*?))?\s*-->
            |
            (?m:(?:^|[\ \t])\#[\ \t]*outcome-lint:[\ \t]*allow\([\ \t]*(?P<yaml_rules>[^)\n]*)\)[\ \t]*(?:--[\ \t]*(?P<yaml_reason>[^\n]*?))?[\ \t]*$)",
        )
        .expect("the suppression pattern is valid")
    })
}

/// The text with every suppression comment blanked out (same length, so spans still hold),
/// or `None` when it has none. Readers and rules see this, so a comment's words can neither
/// trigger a rule nor change how the plan is read.
pub fn mask(text: &str) -> Option<String> {
    let comments = comment_spans(text);
    if comments.is_empty() {
        return None;
    }
    let mut masked = String::with_capacity(text.len());
    let mut at = 0;
    for span in comments {
        masked.push_str(&text[at..span.start]);
        masked.extend(std::iter::repeat_n(' ', span.len()));
        at = span.end;
    }
    masked.push_str(&text[at..]);
    Some(masked)
}

fn comment_spans(text: &str) -> Vec<Range<usize>> {
    comment_pattern()
        .find_iter(text)
        .map(|m| {
            let lead = m.as_str().len() - m.as_str().trim_start_matches([' ', '\t']).len();
            m.start() + lead..m.end()
        })
        .collect()
}

/// Finds every suppression comment in `text` (the original text of `document`, whose own text
/// may be masked) and what each covers.
pub fn find(text: &str, document: &Document) -> Vec<Suppression> {
    let mut found: Vec<(Range<usize>, Vec<String>, Option<String>)> = Vec::new();
    for caps in comment_pattern().captures_iter(text) {
        let whole = caps.get(0).expect("group 0 always matches");
        let mut start = whole.start();
        // The YAML form may have matched the blank before '#'.
        if text[start..].starts_with([' ', '\t']) {
            start += text[start..].len() - text[start..].trim_start_matches([' ', '\t']).len();
        }
        let rules = caps
            .name("html_rules")
            .or_else(|| caps.name("yaml_rules"))
            .map(|m| m.as_str())
            .unwrap_or("");
        let reason = caps
            .name("html_reason")
            .or_else(|| caps.name("yaml_reason"))
            .map(|m| m.as_str().trim().to_string())
            .filter(|r| !r.is_empty());
        let rules = rules
            .split(',')
            .map(|r| r.trim().to_string())
            .filter(|r| !r.is_empty())
            .collect();
        found.push((start..whole.end(), rules, reason));
    }
    let comments: Vec<Range<usize>> = found.iter().map(|f| f.0.clone()).collect();
    found
        .into_iter()
        .map(|(span, rules, reason)| {
            let line = line_at(text, span.start);
            let before = &text[line.start..span.start];
            let after = &text[span.end..line.end];
            let alone = is_blank_outside(before, &comments, line.start)
                && is_blank_outside(after, &comments, span.end);
            let target = if alone {
                next_content_line(text, line.end, &comments)
            } else {
                line
            };
            let covers = widen_to_items(document, target);
            Suppression {
                span,
                rules,
                reason,
                covers,
            }
        })
        .collect()
}

/// The line (without its newline) that contains `offset`.
fn line_at(text: &str, offset: usize) -> Range<usize> {
    let start = text[..offset].rfind('\n').map(|i| i + 1).unwrap_or(0);
    let end = text[offset..]
        .find('\n')
        .map(|i| offset + i)
        .unwrap_or(text.len());
    start..end
}

/// True when `piece` (starting at `at`) holds nothing but blanks and suppression comments.
fn is_blank_outside(piece: &str, comments: &[Range<usize>], at: usize) -> bool {
    piece
        .char_indices()
        .all(|(i, c)| c.is_whitespace() || comments.iter().any(|r| r.contains(&(at + i))))
}

/// The first line after `from` with something other than blanks and suppression comments.
fn next_content_line(text: &str, from: usize, comments: &[Range<usize>]) -> Range<usize> {
    let mut at = (from + 1).min(text.len());
    while at < text.len() {
        let line = line_at(text, at);
        if !is_blank_outside(&text[line.clone()], comments, line.start) {
            return line;
        }
        at = line.end + 1;
    }
    text.len()..text.len()
}

/// A covered line plus the whole of every item it touches (an item may run over lines).
fn widen_to_items(document: &Document, line: Range<usize>) -> Range<usize> {
    let mut covers = line.clone();
    for item in &document.items {
        let touches = item.span.start <= line.end && line.start <= item.span.end;
        if touches && !(line.is_empty() && item.span.end == line.start) {
            covers.start = covers.start.min(item.span.start);
            covers.end = covers.end.max(item.span.end);
        }
    }
    covers
}

/// Applies the document's suppressions to its findings, and adds findings about the
/// suppressions themselves.
pub fn apply(text: &str, document: &Document, rules: &RuleSet, diagnostics: &mut Vec<Diagnostic>) {
    let suppressions = find(text, document);
    if suppressions.is_empty() {
        return;
    }
    diagnostics.retain(|d| !suppressions.iter().any(|s| s.span.contains(&d.span.start)));
    let mut used = vec![vec![false; 0]; suppressions.len()];
    for (i, s) in suppressions.iter().enumerate() {
        used[i] = vec![false; s.rules.len()];
    }
    diagnostics.retain(|d| {
        let mut suppressed = false;
        for (i, s) in suppressions.iter().enumerate() {
            if !s.covers.contains(&d.span.start) && s.covers.start != d.span.start {
                continue;
            }
            if let Some(j) = s.rules.iter().position(|r| *r == d.rule) {
                used[i][j] = true;
                suppressed = true;
            }
        }
        !suppressed
    });
    for (i, s) in suppressions.iter().enumerate() {
        if s.reason.is_none() {
            if let Some(d) = finding(rules, "suppression-without-reason", s, "") {
                diagnostics.push(d);
            }
        }
        for (j, rule) in s.rules.iter().enumerate() {
            if !used[i][j] {
                if let Some(d) = finding(rules, "unused-suppression", s, rule) {
                    diagnostics.push(d);
                }
            }
        }
        if s.rules.is_empty() {
            if let Some(d) = finding(rules, "unused-suppression", s, "") {
                diagnostics.push(d);
            }
        }
    }
    diagnostics.sort_by(|a, b| {
        (a.span.start, a.span.end, &a.rule).cmp(&(b.span.start, b.span.end, &b.rule))
    });
}

fn finding(rules: &RuleSet, id: &str, s: &Suppression, rule: &str) -> Option<Diagnostic> {
    let doc = rules.doc(id)?;
    let fill = |t: &str| t.replace("{rule}", if rule.is_empty() { "no rule" } else { rule });
    Some(Diagnostic {
        rule: doc.id.clone(),
        severity: doc.severity,
        message: fill(&doc.message),
        span: s.span.clone(),
        label: doc.summary.clone(),
        secondary: Vec::new(),
        help: fill(&doc.help),
        reference: doc.reference.to_string(),
        part: None,
        item: None,
        location: "suppression comment".into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Document {
        Document {
            text: text.to_string(),
            ..Document::default()
        }
    }

    #[test]
    fn reads_both_comment_forms() {
        let text =
            "<!-- outcome-lint: allow(hedged-outcome, no-timeframe) -- agreed at the COM -->\n\
                    Sam will begin to read.\n\
                    Ali will swim. # outcome-lint: allow(no-timeframe)\n";
        let found = find(text, &doc(text));
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].rules, ["hedged-outcome", "no-timeframe"]);
        assert_eq!(found[0].reason.as_deref(), Some("agreed at the COM"));
        assert_eq!(&text[found[0].covers.clone()], "Sam will begin to read.");
        assert_eq!(found[1].reason, None);
        assert_eq!(
            &text[found[1].covers.clone()],
            "Ali will swim. # outcome-lint: allow(no-timeframe)"
        );
    }

    #[test]
    fn masking_keeps_every_offset() {
        let text = "Zoë will swim. <!-- outcome-lint: allow(x) -- é -->\nNext";
        let masked = mask(text).expect("has a comment");
        assert_eq!(masked.len(), text.len());
        assert_eq!(
            masked.trim_end_matches(|c| c != '\n').len(),
            text.find('\n').unwrap_or(0) + 1
        );
        assert!(masked.starts_with("Zoë will swim. ") && masked.ends_with("\nNext"));
        assert!(!masked.contains("outcome-lint"));
    }

    #[test]
    fn a_heading_hash_is_not_a_suppression() {
        assert!(mask("# Section E: outcomes\n").is_none());
    }
}
