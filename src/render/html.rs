//! A self-contained HTML report an officer can attach to an email: inline CSS only, no scripts,
//! fonts, images or links to anything outside the file. The markup is also well-formed XML
//! (every element closed, only the five XML entities), so XML tools can read it.
//!
//! For each file it shows:
//! - the plan text with line numbers, each finding's words marked (`<mark>`, with the message
//!   as its title and an anchor the findings list links to);
//! - the findings: severity, rule, message, location, why (the reference) and help;
//! - a SMART scorecard for each outcome and short-term step;
//! - the golden thread as inline SVG: aspirations → needs → outcomes → provision, a line for
//!   each link (dashed where the link is only inferred), and in red each item a golden-thread
//!   rule flagged.
//!
//! The scorecard judges each outcome only from the rules that fired on it. A criterion fails
//! when any of these rules made a finding inside the outcome's text:
//!
//! | Criterion  | Fails on |
//! |------------|----------|
//! | Specific   | `provision-as-outcome`, `service-perspective`, `jargon`, `template-placeholder`, `duplicate-outcome` |
//! | Measurable | `unmeasurable-outcome`, `hedged-outcome` |
//! | Achievable | `negative-framing`, `hedged-outcome` |
//! | Relevant   | `outcome-without-aspiration`, `aspiration-as-outcome`, `outcome-in-aspirations`, `need-without-outcome`, `outcome-without-provision` |
//! | Time-bound | `no-timeframe`, `vague-timeframe`, `timeframe-mismatch`, `past-deadline` |
//!
//! A pass means only that no rule objected; the scorecard says so.

use std::collections::BTreeSet;
use std::io::{self, Write};

use crate::diagnostic::{Diagnostic, LineIndex};
use crate::document::ItemKind;
use crate::report::{FileReport, Outline, Summary};

/// The SMART criteria and the rules whose findings make an outcome fail each.
pub const SMART: [(&str, &[&str]); 5] = [
    (
        "Specific",
        &[
            "provision-as-outcome",
            "service-perspective",
            "jargon",
            "template-placeholder",
            "duplicate-outcome",
        ],
    ),
    ("Measurable", &["unmeasurable-outcome", "hedged-outcome"]),
    ("Achievable", &["negative-framing", "hedged-outcome"]),
    (
        "Relevant",
        &[
            "outcome-without-aspiration",
            "aspiration-as-outcome",
            "outcome-in-aspirations",
            "need-without-outcome",
            "outcome-without-provision",
        ],
    ),
    (
        "Time-bound",
        &[
            "no-timeframe",
            "vague-timeframe",
            "timeframe-mismatch",
            "past-deadline",
        ],
    ),
];

/// Rules about the golden thread: the items they flag are drawn in red.
pub const THREAD_RULES: [&str; 6] = [
    "need-without-provision",
    "need-without-outcome",
    "outcome-without-provision",
    "outcome-without-aspiration",
    "aspiration-without-outcome",
    "dangling-reference",
];

const STYLE: &str = "
body{font-family:system-ui,-apple-system,'Segoe UI',Arial,sans-serif;margin:1.5em;color:#1b1b1b;max-width:75em}
h1{font-size:1.5em}h2{font-size:1.25em;border-bottom:2px solid #ccc;padding-bottom:.2em;margin-top:2em}
h3{font-size:1.05em;margin-top:1.5em}
.summary{background:#f3f3f3;padding:.5em .8em;border-radius:4px}
pre.plan{background:#fafafa;border:1px solid #ddd;padding:.6em;white-space:pre-wrap;overflow-wrap:anywhere;word-wrap:break-word;font-size:.85em;line-height:1.45}
.l{display:block;padding-left:4.3em;text-indent:-4.3em;min-height:1.45em}
.ln{display:inline-block;width:3.5em;color:#888;text-align:right;padding-right:.8em;text-indent:0;user-select:none}
mark{background:#ffe58a;border-bottom:2px solid #c99a00;padding:0 1px}
mark.error{background:#ffc9c9;border-bottom-color:#c00}
mark.note{background:#d6ecff;border-bottom-color:#2a6ebb}
ol.findings li{margin-bottom:.8em}
.sev{font-weight:bold;text-transform:uppercase;font-size:.8em;padding:1px 5px;border-radius:3px;color:#fff}
.sev.error{background:#c00}.sev.warning{background:#a66b00}.sev.note{background:#2a6ebb}
.rule{font-family:monospace}
.detail{color:#444;font-size:.92em}
table.smart{border-collapse:collapse;font-size:.9em}
table.smart th,table.smart td{border:1px solid #ccc;padding:.3em .5em;vertical-align:top}
td.pass{background:#e3f5e1;text-align:center}td.fail{background:#ffd9d9;text-align:center}
svg text{font-family:system-ui,Arial,sans-serif;font-size:12px}
";

/// Writes one HTML document for all `reports`.
pub fn render(reports: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    let s = Summary::of(reports);
    let mut h = String::new();
    h.push_str("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\"/>\n");
    h.push_str("<title>outcome-lint report</title>\n<style>");
    h.push_str(STYLE);
    h.push_str("</style>\n</head>\n<body>\n<h1>outcome-lint report</h1>\n");
    h.push_str(&format!(
        "<p class=\"summary\">{} {} checked: {} {}, {} {}, {} {}.</p>\n",
        s.files,
        plural(s.files, "file", "files"),
        s.errors,
        plural(s.errors, "error", "errors"),
        s.warnings,
        plural(s.warnings, "warning", "warnings"),
        s.notes,
        plural(s.notes, "note", "notes"),
    ));
    for (n, report) in reports.iter().enumerate() {
        file(&mut h, n + 1, report);
    }
    h.push_str("</body>\n</html>\n");
    out.write_all(h.as_bytes())
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}

/// Escapes text for element content and attribute values.
pub fn escape(text: &str) -> String {
    super::markup::escape_markup(text, "&#39;", |c, out| match c {
        // Control characters other than tab and newline are not allowed in XML.
        '\n' | '\t' => out.push(c),
        c if c.is_control() => out.push('\u{FFFD}'),
        c => out.push(c),
    })
}

/// The byte range a finding marks, made safe for `text`: on character boundaries, and at least
/// one character wide where the text allows, so an empty span still shows.
fn mark_range(text: &str, d: &Diagnostic) -> (usize, usize) {
    let floor = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let start = floor(d.span.start);
    let mut end = floor(d.span.end.max(start));
    if end == start {
        if let Some(c) = text[start..].chars().next() {
            if c != '\n' {
                end = start + c.len_utf8();
            }
        }
    }
    (start, end)
}

fn file(h: &mut String, n: usize, report: &FileReport) {
    let text = &report.text;
    let index = LineIndex::new(text);
    h.push_str(&format!(
        "<section id=\"file-{n}\">\n<h2>{}</h2>\n",
        escape(&report.path)
    ));
    let s = Summary::of(std::slice::from_ref(report));
    h.push_str(&format!(
        "<p class=\"summary\">{} {}, {} {}, {} {}.</p>\n",
        s.errors,
        plural(s.errors, "error", "errors"),
        s.warnings,
        plural(s.warnings, "warning", "warnings"),
        s.notes,
        plural(s.notes, "note", "notes"),
    ));

    // Findings.
    h.push_str("<h3>Findings</h3>\n");
    if report.diagnostics.is_empty() {
        h.push_str("<p>No findings.</p>\n");
    } else {
        h.push_str("<ol class=\"findings\">\n");
        for (k, d) in report.diagnostics.iter().enumerate() {
            let at = index.line_column(d.span.start);
            let sev = d.severity.name();
            h.push_str(&format!(
                "<li id=\"f{n}-{k}-item\"><span class=\"sev {sev}\">{sev}</span> \
                 <span class=\"rule\">{}</span>: <a href=\"#f{n}-{k}\">{}</a>\
                 <div class=\"detail\">line {}, column {}",
                escape(&d.rule),
                escape(&d.message),
                at.line,
                at.column,
            ));
            if !d.location.is_empty() {
                h.push_str(&format!(" — {}", escape(&d.location)));
            }
            h.push_str("</div>");
            if !d.reference.is_empty() {
                h.push_str(&format!(
                    "<div class=\"detail\"><b>Why:</b> {}</div>",
                    escape(&d.reference)
                ));
            }
            if !d.help.is_empty() {
                h.push_str(&format!(
                    "<div class=\"detail\"><b>Help:</b> {}</div>",
                    escape(&d.help)
                ));
            }
            h.push_str("</li>\n");
        }
        h.push_str("</ol>\n");
    }

    if let Some(outline) = &report.outline {
        scorecard(h, report, outline);
        thread_svg(h, report, outline);
    }

    // The plan text.
    h.push_str("<h3>The plan</h3>\n<pre class=\"plan\">");
    plan_text(h, n, report);
    h.push_str("</pre>\n</section>\n");
}

/// The plan text, a line at a time, with each finding's words marked.
fn plan_text(h: &mut String, n: usize, report: &FileReport) {
    let text = &report.text;
    let ranges: Vec<(usize, usize)> = report
        .diagnostics
        .iter()
        .map(|d| mark_range(text, d))
        .collect();
    let mut anchored = vec![false; ranges.len()];
    let mut line_start = 0;
    let mut line_no = 1;
    loop {
        let line_end = text[line_start..]
            .find('\n')
            .map_or(text.len(), |i| line_start + i);
        h.push_str(&format!(
            "<span class=\"l\"><span class=\"ln\">{line_no}</span>"
        ));
        // Boundaries inside the line where the set of findings changes.
        let mut cuts: BTreeSet<usize> = BTreeSet::from([line_start, line_end]);
        for &(a, b) in &ranges {
            for x in [a, b] {
                if x > line_start && x < line_end {
                    cuts.insert(x);
                }
            }
        }
        let cuts: Vec<usize> = cuts.into_iter().collect();
        for w in cuts.windows(2) {
            let (a, b) = (w[0], w[1]);
            let covering: Vec<usize> = ranges
                .iter()
                .enumerate()
                .filter(|(_, &(s, e))| s < b && e > a)
                .map(|(k, _)| k)
                .collect();
            let piece = escape(&text[a..b]);
            if covering.is_empty() {
                h.push_str(&piece);
                continue;
            }
            for &k in &covering {
                if !anchored[k] {
                    anchored[k] = true;
                    h.push_str(&format!("<span id=\"f{n}-{k}\"></span>"));
                }
            }
            let worst = covering
                .iter()
                .map(|&k| report.diagnostics[k].severity)
                .max()
                .map_or("warning", |s| s.name());
            let title: Vec<String> = covering
                .iter()
                .map(|&k| {
                    let d = &report.diagnostics[k];
                    format!("{}[{}]: {}", d.severity.name(), d.rule, d.message)
                })
                .collect();
            h.push_str(&format!(
                "<a href=\"#f{n}-{}-item\"><mark class=\"{worst}\" title=\"{}\">{piece}</mark></a>",
                covering[0],
                escape(&title.join("\n")),
            ));
        }
        h.push_str("</span>");
        if line_end >= text.len() {
            break;
        }
        line_start = line_end + 1;
        line_no += 1;
    }
    // Findings whose place lies outside the text (none should): anchor them at the end.
    for (k, done) in anchored.iter().enumerate() {
        if !done {
            h.push_str(&format!("<span id=\"f{n}-{k}\"></span>"));
        }
    }
}

/// The findings of `rules` that fall on an item's text.
fn fired_on<'a>(
    report: &'a FileReport,
    span: &std::ops::Range<usize>,
) -> impl Iterator<Item = &'a Diagnostic> + 'a {
    let span = span.clone();
    report
        .diagnostics
        .iter()
        .filter(move |d| span.contains(&d.span.start) || d.span.start == span.start)
}

fn short(text: &str, max: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        return text;
    }
    let mut s: String = text.chars().take(max - 1).collect();
    s.push('…');
    s
}

fn label(report: &FileReport, item: &crate::report::OutlineItem) -> String {
    match &item.id {
        Some(id) => id.clone(),
        None => short(report.text.get(item.span.clone()).unwrap_or(""), 22),
    }
}

fn scorecard(h: &mut String, report: &FileReport, outline: &Outline) {
    let outcomes: Vec<_> = outline
        .items
        .iter()
        .filter(|i| matches!(i.kind, ItemKind::Outcome | ItemKind::Step))
        .collect();
    h.push_str("<h3>SMART scorecard</h3>\n");
    if outcomes.is_empty() {
        h.push_str("<p class=\"scorecard\">The plan has no outcomes to score.</p>\n");
        return;
    }
    h.push_str(
        "<p class=\"detail\">For each outcome, whether it is Specific, Measurable, Achievable, \
         Relevant and Time-bound, judged only from the rules that fired on it: a tick means no \
         rule objected.</p>\n<table class=\"smart scorecard\">\n<tr><th>Outcome</th>",
    );
    for (name, _) in SMART {
        h.push_str(&format!("<th>{name}</th>"));
    }
    h.push_str("</tr>\n");
    for item in outcomes {
        let fired: BTreeSet<&str> = fired_on(report, &item.span)
            .map(|d| d.rule.as_str())
            .collect();
        let text = report.text.get(item.span.clone()).unwrap_or("");
        h.push_str(&format!(
            "<tr><td><b>{}</b> {}</td>",
            escape(&item.location),
            escape(&short(text, 90))
        ));
        for (name, rules) in SMART {
            let failed: Vec<&str> = rules
                .iter()
                .copied()
                .filter(|r| fired.contains(r))
                .collect();
            if failed.is_empty() {
                h.push_str(&format!(
                    "<td class=\"pass\" title=\"{name}: no rule objected\">✓</td>"
                ));
            } else {
                h.push_str(&format!(
                    "<td class=\"fail\" title=\"{name}: {}\">✗ <span class=\"rule\">{}</span></td>",
                    escape(&failed.join(", ")),
                    escape(&failed.join(", "))
                ));
            }
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</table>\n");
}

fn thread_svg(h: &mut String, report: &FileReport, outline: &Outline) {
    const COLUMNS: [(&str, ItemKind); 4] = [
        ("Aspirations", ItemKind::Aspiration),
        ("Needs", ItemKind::Need),
        ("Outcomes", ItemKind::Outcome),
        ("Provision", ItemKind::Provision),
    ];
    const BOX_W: usize = 170;
    const BOX_H: usize = 26;
    const GAP_X: usize = 90;
    const GAP_Y: usize = 10;
    const TOP: usize = 36;
    h.push_str("<h3>Golden thread</h3>\n");
    // Where each drawn item sits: (column, row).
    let mut place: Vec<Option<(usize, usize)>> = vec![None; outline.items.len()];
    let mut rows = [0usize; 4];
    for (i, item) in outline.items.iter().enumerate() {
        if let Some(c) = COLUMNS.iter().position(|(_, k)| *k == item.kind) {
            place[i] = Some((c, rows[c]));
            rows[c] += 1;
        }
    }
    if rows.iter().filter(|&&r| r > 0).count() < 2 {
        h.push_str("<p>There is no thread to draw: the text has items of one part at most.</p>\n");
        return;
    }
    let flagged: Vec<bool> = outline
        .items
        .iter()
        .map(|item| fired_on(report, &item.span).any(|d| THREAD_RULES.contains(&d.rule.as_str())))
        .collect();
    let width = 4 * BOX_W + 3 * GAP_X + 20;
    let height = TOP + rows.iter().max().copied().unwrap_or(0) * (BOX_H + GAP_Y) + 10;
    let x_of = |c: usize| 10 + c * (BOX_W + GAP_X);
    let y_of = |r: usize| TOP + r * (BOX_H + GAP_Y);
    h.push_str(&format!(
        "<p class=\"detail\">Each line is a link between items (dashed: inferred from headings or \
         shared topics, not stated). Red: an item a golden-thread rule flagged.</p>\n\
         <svg class=\"thread\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" \
         role=\"img\" aria-label=\"Golden thread: aspirations, needs, outcomes and provision\">\n"
    ));
    for (c, (name, _)) in COLUMNS.iter().enumerate() {
        h.push_str(&format!(
            "<text x=\"{}\" y=\"18\" text-anchor=\"middle\" font-weight=\"bold\">{name}</text>\n",
            x_of(c) + BOX_W / 2
        ));
    }
    for &(a, b, inferred) in &outline.links {
        let (Some(Some((ca, ra))), Some(Some((cb, rb)))) = (place.get(a), place.get(b)) else {
            continue;
        };
        let ((c1, r1), (c2, r2)) = if ca <= cb {
            ((*ca, *ra), (*cb, *rb))
        } else {
            ((*cb, *rb), (*ca, *ra))
        };
        let (x1, x2) = if c1 == c2 {
            (x_of(c1), x_of(c2))
        } else {
            (x_of(c1) + BOX_W, x_of(c2))
        };
        let dash = if inferred {
            " stroke-dasharray=\"4 3\""
        } else {
            ""
        };
        h.push_str(&format!(
            "<line x1=\"{x1}\" y1=\"{}\" x2=\"{x2}\" y2=\"{}\" stroke=\"#777\" stroke-width=\"1.2\"{dash}/>\n",
            y_of(r1) + BOX_H / 2,
            y_of(r2) + BOX_H / 2,
        ));
    }
    for (i, item) in outline.items.iter().enumerate() {
        let Some((c, r)) = place[i] else { continue };
        let (fill, stroke, ink) = if flagged[i] {
            ("#ffe0e0", "#c00", "#a00")
        } else {
            ("#eef4fb", "#4a78a8", "#1b1b1b")
        };
        let full = report.text.get(item.span.clone()).unwrap_or("");
        h.push_str(&format!(
            "<g><title>{}: {}</title><rect x=\"{}\" y=\"{}\" width=\"{BOX_W}\" height=\"{BOX_H}\" rx=\"4\" \
             fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"{}\"/><text x=\"{}\" y=\"{}\" fill=\"{ink}\">{}</text></g>\n",
            escape(&item.location),
            escape(&short(full, 200)),
            x_of(c),
            y_of(r),
            if flagged[i] { 2 } else { 1 },
            x_of(c) + 6,
            y_of(r) + BOX_H / 2 + 4,
            escape(&short(&label(report, item), 24)),
        ));
    }
    h.push_str("</svg>\n");
}
