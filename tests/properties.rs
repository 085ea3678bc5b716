//! Properties that hold for every input, checked on generated ones: arbitrary strings and
//! bytes, and plan-like texts made of the pieces real plans are made of (header fields, section
//! and area headings, numbered outcomes, pipe tables, `Need 1:` fields, suppression comments)
//! mixed with arbitrary Unicode, CRLF line ends and control characters.
//!
//! For each: linting never panics; every span (primary and secondary) lies inside the text on
//! character boundaries; findings come sorted; the line and column the JSON report gives agree
//! with the span; the JSON report parses and has every field of the v1 contract; linting the
//! same bytes twice gives the same report; and a redacted report names none of the names in
//! the plan's header. Case counts are modest so `cargo test` stays quick; a failure prints the
//! input proptest shrank it to.

use std::sync::OnceLock;

use codespan_reporting::term::termcolor::NoColor;
use proptest::prelude::*;

use outcome_lint::document::Part;
use outcome_lint::input::{self, Mode};
use outcome_lint::redact;
use outcome_lint::render::{self, Format};
use outcome_lint::report::FileReport;
use outcome_lint::rules::{Context, RuleSet};

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| RuleSet::builtin().expect("built-in rules"))
}

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        // Shrinking a failing plan-like text is slow in a debug build; a few hundred steps find
        // a small enough example.
        max_shrink_iters: 400,
        ..ProptestConfig::default()
    }
}

/// Invented children only.
const FIRST_NAMES: &[&str] = &[
    "Zainab",
    "Teodor",
    "Keziah",
    "Marek",
    "Ifeoma",
    "Rafferty",
    "Thandiwe",
    "Bartek",
    "Niamh",
    "Oluwaseun",
    "Aoife",
    "Émile",
];
const SURNAMES: &[&str] = &[
    "Okonkwo",
    "Achterberg",
    "Quennell",
    "Dunleavy",
    "Wiśniewski",
    "Marchetti",
    "Oyelaran",
];

#[derive(Clone, Debug)]
struct Child {
    first: &'static str,
    last: &'static str,
    preferred: Option<&'static str>,
}

fn child() -> impl Strategy<Value = Child> {
    (
        prop::sample::select(FIRST_NAMES),
        prop::sample::select(SURNAMES),
        prop::option::of(prop::sample::select(FIRST_NAMES)),
    )
        .prop_map(|(first, last, preferred)| Child {
            first,
            last,
            preferred,
        })
}

/// One line of a plan, as councils write them, about `child`.
fn plan_line(child: Child) -> impl Strategy<Value = String> {
    let c = child.clone();
    let name = prop::sample::select(vec![
        child.first.to_string(),
        format!("{}'s", child.first),
        format!("{} {}", child.first, child.last),
        child.preferred.unwrap_or(child.first).to_string(),
        format!("{}-Rose", child.first),
        child.first.to_uppercase(),
    ]);
    let statement = (
        name.clone(),
        prop::sample::select(vec![
            "will try to read a short book",
            "will begin to use full stops",
            "will receive weekly speech therapy",
            "will be more confident",
            "will swim 10 metres without a float",
            "will have regular check-ins",
            "will not hit other children",
            "will be supported by staff",
        ]),
        prop::sample::select(vec![
            "",
            "By the end of Year 5, ",
            "By July 2027, ",
            "Over time, ",
            "Within 12 months, ",
        ]),
    )
        .prop_map(|(name, verb, when)| format!("{when}{name} {verb}."));
    prop_oneof![
        Just(format!("Name: {} {}", c.first, c.last)),
        Just(format!(
            "Preferred name: {}",
            c.preferred.unwrap_or(c.first)
        )),
        Just("Year group: 4".to_string()),
        Just("Date of plan: 2026-09-01".to_string()),
        Just("Status: DRAFT".to_string()),
        prop::sample::select(vec![
            "# Section A: Views, interests and aspirations",
            "## Section B: Special educational needs",
            "## Section E: Outcomes",
            "### Communication and interaction",
            "Section F – Special educational provision",
            "| Outcome | Provision | Who | How often |",
            "| --- | --- | --- | --- |",
            "<!-- outcome-lint-disable-next-line hedged-outcome -->",
            "",
        ])
        .prop_map(str::to_string),
        statement.clone(),
        (1..12u8, statement.clone()).prop_map(|(n, s)| format!("E{n}. {s}")),
        (1..12u8, statement.clone()).prop_map(|(n, s)| format!("Outcome {n}: {s}")),
        (statement.clone(), name).prop_map(|(s, name)| format!(
            "| {s} | {name}'s TA, weekly | Teaching assistant | 3 times a week |"
        )),
        "\\PC{0,60}",
        "[ -~]{0,40}",
        Just("\r".to_string()),
        Just("\u{feff}\t\u{0}\u{200b}".to_string()),
    ]
}

/// A plan-like text: a header about one child, in one of the ways templates write it, then
/// lines in any order.
fn plan() -> impl Strategy<Value = (Child, String)> {
    child().prop_flat_map(|child| {
        let lines = prop::collection::vec(plan_line(child.clone()), 0..40);
        let crlf = any::<bool>();
        let header = prop::sample::select(vec![
            format!("Name: {} {}", child.first, child.last),
            format!("**Child's name:** {} {}", child.first, child.last),
            format!("| Name: {} {} | Year group: 4 |", child.first, child.last),
            format!(
                "NAME: {} {}",
                child.first.to_uppercase(),
                child.last.to_uppercase()
            ),
        ]);
        (Just(child), header, lines, crlf).prop_map(|(child, header, lines, crlf)| {
            let mut header = format!("{header}\n");
            if let Some(p) = child.preferred {
                header.push_str(&format!("Preferred name: {p}\n"));
            }
            let body = lines.join(if crlf { "\r\n" } else { "\n" });
            (child, format!("{header}{body}\n"))
        })
    })
}

/// Any text: plan-like, or arbitrary.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => plan().prop_map(|(_, t)| t),
        1 => any::<String>(),
        1 => "(\\PC|\n|\r\n){0,400}",
    ]
}

fn mode() -> impl Strategy<Value = (&'static str, Mode)> {
    prop_oneof![
        4 => Just(("plan.md", Mode::Plan)),
        1 => Just(("plan.yaml", Mode::Plan)),
        1 => Just(("-", Mode::Plan)),
        1 => Just(("steps.txt", Mode::Statements(Part::Outcome))),
        1 => Just(("provision.txt", Mode::Statements(Part::Provision))),
    ]
}

fn lint(path: &str, bytes: &[u8], mode: Mode) -> Option<FileReport> {
    outcome_lint::lint_bytes(path, bytes, mode, rules(), &Context::default()).ok()
}

fn json(reports: &[FileReport]) -> serde_json::Value {
    let mut out = NoColor::new(Vec::new());
    let docs: Vec<_> = rules().docs().collect();
    render::render(Format::Json, reports, &docs, &mut out).expect("render");
    serde_json::from_slice(out.get_ref()).expect("the JSON report parses")
}

/// Line and column (1-based, columns in characters) of a byte offset, worked out afresh.
fn line_column(text: &str, offset: usize) -> (u64, u64) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line as u64, before[line_start..].chars().count() as u64 + 1)
}

fn check_spans(report: &FileReport) -> Result<(), TestCaseError> {
    let text = &report.text;
    let spans = report
        .diagnostics
        .iter()
        .flat_map(|d| std::iter::once(&d.span).chain(d.secondary.iter().map(|l| &l.span)));
    for span in spans {
        prop_assert!(span.start <= span.end && span.end <= text.len(), "{span:?}");
        prop_assert!(
            text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
            "{span:?} splits a character"
        );
    }
    let keys: Vec<_> = report
        .diagnostics
        .iter()
        .map(|d| (d.span.start, d.span.end, d.rule.clone()))
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    prop_assert_eq!(keys, sorted, "findings are sorted by place, then rule");
    Ok(())
}

fn check_json(report: &FileReport) -> Result<(), TestCaseError> {
    let v = json(std::slice::from_ref(report));
    prop_assert_eq!(&v["version"], 1);
    let diagnostics = v["diagnostics"].as_array().expect("diagnostics");
    prop_assert_eq!(diagnostics.len(), report.diagnostics.len());
    for (d, original) in diagnostics.iter().zip(&report.diagnostics) {
        for key in ["rule", "severity", "message", "path", "help", "reference"] {
            prop_assert!(d[key].is_string(), "{key} in {d}");
        }
        for key in ["line", "column", "end_line", "end_column"] {
            prop_assert!(d[key].as_u64().is_some_and(|n| n >= 1), "{key} in {d}");
        }
        for key in ["part", "item", "location"] {
            prop_assert!(d.get(key).is_some(), "{key} missing in {d}");
        }
        prop_assert!(["error", "warning", "note"].contains(&d["severity"].as_str().unwrap_or("")));
        let (start, end) = (original.span.start, original.span.end);
        prop_assert_eq!(d["span"]["start"].as_u64(), Some(start as u64));
        prop_assert_eq!(d["span"]["end"].as_u64(), Some(end as u64));
        let (line, column) = line_column(&report.text, start);
        let (end_line, end_column) = line_column(&report.text, end);
        prop_assert_eq!(
            (d["line"].as_u64(), d["column"].as_u64()),
            (Some(line), Some(column))
        );
        prop_assert_eq!(
            (d["end_line"].as_u64(), d["end_column"].as_u64()),
            (Some(end_line), Some(end_column))
        );
    }
    let summary = &v["summary"];
    prop_assert_eq!(&summary["files"], 1);
    let count = |s: &str| {
        report
            .diagnostics
            .iter()
            .filter(|d| d.severity.name() == s)
            .count() as u64
    };
    prop_assert_eq!(summary["errors"].as_u64(), Some(count("error")));
    prop_assert_eq!(summary["warnings"].as_u64(), Some(count("warning")));
    prop_assert_eq!(summary["notes"].as_u64(), Some(count("note")));
    Ok(())
}

proptest! {
    #![proptest_config(config(128))]

    /// Texts in every mode: no panic, spans inside the text, sorted, JSON that keeps the
    /// contract, and the same report the second time.
    #[test]
    fn any_text_lints_within_its_contract((path, mode) in mode(), text in text()) {
        let first = lint(path, text.as_bytes(), mode);
        let second = lint(path, text.as_bytes(), mode);
        prop_assert_eq!(first.is_some(), second.is_some());
        if let (Some(first), Some(second)) = (first, second) {
            check_spans(&first)?;
            check_json(&first)?;
            prop_assert_eq!(json(&[first]), json(&[second]), "the same report twice");
        }
    }

    /// Arbitrary bytes under every name a reader goes by: an error or a report, never a panic.
    #[test]
    fn any_bytes_are_read_or_refused_without_a_panic(
        name in prop::sample::select(vec!["plan.md", "plan.yaml", "plan.docx", "plan.pdf", "steps.txt"]),
        head in prop::sample::select(vec![&b""[..], b"PK\x03\x04", b"%PDF-1.4\n", b"\xEF\xBB\xBF", b"\xFF\xFE", b"outcome-lint-plan: 1\nkind: ehc-plan\n"]),
        bytes in prop::collection::vec(any::<u8>(), 0..600),
    ) {
        let mut all = head.to_vec();
        all.extend(bytes);
        if let Some(report) = lint(name, &all, Mode::Plan) {
            check_spans(&report)?;
        }
    }
}

proptest! {
    #![proptest_config(config(96))]

    /// A redacted report names no part of the child's name or preferred name from the header,
    /// in any form the plan writes them.
    #[test]
    fn redacted_reports_name_no_one_from_the_header((child, text) in plan()) {
        let path = format!("plans/{}-{}.md", child.first, child.last).to_lowercase();
        let Some(mut report) = lint(&path, text.as_bytes(), Mode::Plan) else {
            return Ok(());
        };
        let document = input::read_document(&path, report.text.clone(), Mode::Plan)
            .expect("a text plan always reads");
        let names = redact::child_names(&document);
        redact::redact_report(&mut report, &names);
        check_spans(&report)?;
        let out = serde_json::to_string(&json(std::slice::from_ref(&report))).expect("JSON");
        let mut human = NoColor::new(Vec::new());
        render::render(Format::Human, std::slice::from_ref(&report), &[], &mut human).expect("render");
        let human = String::from_utf8_lossy(human.get_ref()).into_owned();
        for name in [Some(child.first), Some(child.last), child.preferred].into_iter().flatten() {
            for shown in [&out, &human] {
                prop_assert!(
                    !contains_word(shown, name),
                    "'{}' is still in the redacted report:\n{}",
                    name,
                    shown
                );
            }
        }
    }
}

/// Whether `name` occurs in `text` as a word, in any case (JSON escapes non-ASCII letters, so
/// both the plain and the escaped form are looked for).
fn contains_word(text: &str, name: &str) -> bool {
    let escaped = serde_json::to_string(name).expect("JSON string");
    let escaped = escaped.trim_matches('"');
    [name, escaped].iter().any(|needle| {
        let haystack = text.to_lowercase();
        let needle = needle.to_lowercase();
        haystack.match_indices(&needle).any(|(at, _)| {
            let before = haystack[..at].chars().next_back();
            let after = haystack[at + needle.len()..].chars().next();
            let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
            boundary(before) && boundary(after)
        })
    })
}
