//! What each fuzz target does with its bytes, and the properties it checks.
//!
//! Every function here takes arbitrary bytes, runs them through one reader (or the whole
//! pipeline) the way the command line does, and panics only when outcome-lint misbehaves: a
//! panic inside the library, or a result that breaks a promise the rest of the pipeline relies
//! on (every span lies inside the text on character boundaries; JSON and SARIF output parse;
//! an error names its file and says something). A reader refusing bad input with an
//! [`InputError`] is the right answer, not a failure.
//!
//! The fuzz targets in `fuzz_targets/` are one line each, calling these. The main crate's
//! `tests/fuzz_regressions.rs` includes this file and runs every saved crashing input in
//! `tests/fuzz-regressions/<target>/` through the same function, on stable `cargo test`.

use std::io::Cursor;
use std::ops::Range;
use std::path::Path;
use std::sync::OnceLock;

use codespan_reporting::term::termcolor::{Ansi, NoColor};
use outcome_lint::baseline::Baseline;
use outcome_lint::config::Config;
use outcome_lint::diagnostic::Diagnostic;
use outcome_lint::document::{Document, Part, PlanDate};
use outcome_lint::input::{self, docx, pdf, source, yaml_plan, InputError, Mode};
use outcome_lint::render::{self, Format};
use outcome_lint::report::FileReport;
use outcome_lint::rules::{Context, FileError, RuleDoc, RuleSet, RuleSource};

/// What a fuzz target runs on one input.
pub type Target = fn(&[u8]);

/// The fuzz targets, by name, with the function each runs. `fuzz/run.sh`, the seed folders and
/// the regression folders use these names.
pub const TARGETS: &[(&str, Target)] = &[
    ("text", text),
    ("yaml_plan", yaml_plan),
    ("config", config),
    ("rule_file", rule_file),
    ("docx", docx),
    ("pdf", pdf),
    ("pipeline", pipeline),
];

/// A small invented plan that rule files and configs are tried against.
const SAMPLE_PLAN: &str = "\
# Section E: Outcomes

## Communication and interaction

Outcome 1: By the end of Year 5, Sam will ask for help in class using a full sentence in 4 out of 5 lessons.

Outcome 2: Sam will hopefully make progress with reading.

# Section F: Provision

- Speech and language therapy, up to 6 sessions a term, delivered by a speech and language therapist.
- Access to small group work as appropriate.
";

fn builtin_rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| RuleSet::builtin().expect("the built-in rules compile"))
}

fn sample_document() -> &'static Document {
    static DOCUMENT: OnceLock<Document> = OnceLock::new();
    DOCUMENT.get_or_init(|| input::text::read_plan(SAMPLE_PLAN.to_string()))
}

fn sample_report() -> &'static FileReport {
    static REPORT: OnceLock<FileReport> = OnceLock::new();
    REPORT.get_or_init(|| {
        outcome_lint::lint_document(
            "plans/sample.md",
            sample_document().clone(),
            builtin_rules(),
            &Context::default(),
        )
    })
}

/// Builds what every input shares (the built-in rules, the sample plan and its report) before
/// the fuzzer starts timing inputs. Each target's `init`.
pub fn warm_up() {
    let _ = sample_report();
}

/// The text and Markdown plan reader, as a plan and as a statement list.
pub fn text(data: &[u8]) {
    let Ok(decoded) = source::decode("plan.md", data) else {
        return;
    };
    for mode in [Mode::Plan, Mode::Statements(Part::Outcome)] {
        let document = input::read_document("plan.md", decoded.clone(), mode)
            .expect("a text plan always reads");
        check_document(&document);
    }
}

/// The YAML plan reader, by file name and as standard input that says it is a YAML plan.
pub fn yaml_plan(data: &[u8]) {
    let Ok(decoded) = source::decode("plan.yaml", data) else {
        return;
    };
    match input::read_document("plan.yaml", decoded.clone(), Mode::Plan) {
        Ok(document) => check_document(&document),
        Err(e) => check_error(&e, "plan.yaml"),
    }
    if yaml_plan::is_yaml_plan(&decoded) {
        match input::read_document("-", decoded, Mode::Plan) {
            Ok(document) => check_document(&document),
            Err(e) => check_error(&e, "-"),
        }
    }
}

/// The config file: parse it, check its rule ids, work out the settings for a file and apply
/// them to findings, and compile the built-in rules with its extra phrases.
pub fn config(data: &[u8]) {
    let path = Path::new("plans/.outcome-lint.yaml");
    let Ok(text) = source::decode("plans/.outcome-lint.yaml", data) else {
        return;
    };
    let config = match Config::parse(path, &text) {
        Ok(config) => config,
        Err(errors) => return check_file_errors(&errors),
    };
    if let Err(errors) = config.validate(builtin_rules()) {
        return check_file_errors(&errors);
    }
    for file in ["plans/year4/sam.md", "elsewhere/plan.docx", "-"] {
        let mut diagnostics = sample_report().diagnostics.clone();
        config.effective(Path::new(file)).filter(&mut diagnostics);
        assert!(diagnostics.len() <= sample_report().diagnostics.len());
    }
    let settings = config.effective(Path::new("plans/year4/sam.md"));
    if settings.extra_phrases.is_empty() {
        return;
    }
    // Only the rules given extra phrases: compiling all of them for every input is too slow.
    let sources: Vec<RuleSource> = RuleSource::builtin()
        .into_iter()
        .filter(|s| {
            settings
                .extra_phrases
                .keys()
                .any(|id| s.origin.ends_with(&format!("/{id}.yaml")))
        })
        .collect();
    match RuleSet::from_sources_with_phrases(&sources, &settings.extra_phrases) {
        Ok(rules) => {
            let context = Context {
                year_group: settings.year_group,
                plan_date: settings.plan_date,
            };
            let found = rules.lint(sample_document(), &context);
            check_diagnostics(&sample_document().text, &found);
        }
        Err(errors) => check_file_errors(&errors),
    }
}

/// A rule file: compile it on its own; when it compiles, run it over a sample plan and write
/// its documentation and a SARIF report that lists it.
pub fn rule_file(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let source = RuleSource {
        origin: "rules/outcome/fuzzed-rule.yaml".to_string(),
        text: text.to_string(),
        built_in: false,
    };
    let rules = match RuleSet::from_sources(&[source]) {
        Ok(rules) => rules,
        Err(errors) => return check_file_errors(&errors),
    };
    let found = rules.lint(sample_document(), &Context::default());
    check_diagnostics(&sample_document().text, &found);
    let _ = render::rule_docs::rules_markdown(rules.docs());
    let report = FileReport {
        diagnostics: found,
        ..sample_report().clone()
    };
    let docs: Vec<&RuleDoc> = rules.docs().collect();
    render_all(&[report], &docs);
}

/// The Word reader, as a plan and as a statement list. Bytes that start like a zip are the
/// .docx file itself. Anything else is the XML of its parts, `word/document.xml`, then
/// `word/styles.xml` and `word/numbering.xml`, separated by NUL bytes, packed here into a zip:
/// a changed byte inside a real package almost always breaks its checksum, so the fuzzer would
/// hardly ever reach the XML readers through the zip alone.
pub fn docx(data: &[u8]) {
    let packed;
    let bytes = if data.starts_with(b"PK") {
        data
    } else {
        packed = package_of_parts(data);
        &packed
    };
    for mode in [Mode::Plan, Mode::Statements(Part::Provision)] {
        match docx::read("plan.docx", bytes, mode) {
            Ok(word) => check_document(&word.document),
            Err(e) => check_error(&e, "plan.docx"),
        }
    }
}

/// A Word package holding the NUL-separated parts of `data` (see [`docx`]), stored unzipped.
pub fn package_of_parts(data: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let names = [docx::DOCUMENT_PART, docx::STYLES_PART, docx::NUMBERING_PART];
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, part) in names.into_iter().zip(data.split(|&b| b == 0)) {
        zip.start_file(name, stored)
            .expect("writing to memory succeeds");
        zip.write_all(part).expect("writing to memory succeeds");
    }
    zip.finish()
        .expect("writing to memory succeeds")
        .into_inner()
}

/// The PDF reader.
pub fn pdf(data: &[u8]) {
    match pdf::read("plan.pdf", data, Mode::Plan) {
        Ok(document) => check_document(&document),
        Err(e) => check_error(&e, "plan.pdf"),
    }
}

/// The whole pipeline: the first byte picks the file name (and so the reader), the mode and
/// the context; the rest is the file. The report is written in every format, redacted, recorded
/// as a baseline, and for a Word document written as a reviewed copy with comments.
pub fn pipeline(data: &[u8]) {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    const NAMES: [&str; 6] = [
        "plan.md",
        "plan.txt",
        "plan.yaml",
        "plan.docx",
        "plan.pdf",
        "-",
    ];
    let name = NAMES[usize::from(selector & 7) % NAMES.len()];
    let mode = match (selector >> 3) & 7 {
        4 => Mode::Statements(Part::Aspiration),
        5 => Mode::Statements(Part::Need),
        6 => Mode::Statements(Part::Outcome),
        7 => Mode::Statements(Part::Provision),
        _ => Mode::Plan,
    };
    let context = if selector & 0x40 != 0 {
        Context {
            year_group: Some(4),
            plan_date: PlanDate::parse("2026-09-01"),
        }
    } else {
        Context::default()
    };
    let rules = builtin_rules();
    let report = match outcome_lint::lint_bytes(name, bytes, mode, rules, &context) {
        Ok(report) => report,
        Err(e) => return check_error(&e, name),
    };
    check_diagnostics(&report.text, &report.diagnostics);
    let docs: Vec<&RuleDoc> = rules.docs().collect();
    render_all(std::slice::from_ref(&report), &docs);

    // `--redact`, as the command line does it: read the report's text again for the names.
    let mut redacted = report.clone();
    if let Ok(document) = input::read_document(&redacted.path, redacted.text.clone(), mode) {
        let names = outcome_lint::redact::child_names(&document);
        outcome_lint::redact::redact_report(&mut redacted, &names);
        check_diagnostics(&redacted.text, &redacted.diagnostics);
        render_all(std::slice::from_ref(&redacted), &docs);
    }

    // A baseline of this report, read back, knows every finding in it.
    let baseline = Baseline::parse(&Baseline::record(std::slice::from_ref(&report)).to_json())
        .expect("a written baseline reads back");
    let mut again = [report.clone()];
    baseline.remove_known(&mut again);
    assert!(
        again[0].diagnostics.is_empty(),
        "the baseline of a report does not cover its findings: {:?}",
        again[0].diagnostics
    );

    if docx::is_docx_name(name) {
        annotate(name, bytes, mode, &context);
    }
}

/// `check --annotate`: the reviewed copy of a Word document reads back with the same text.
fn annotate(name: &str, bytes: &[u8], mode: Mode, context: &Context) {
    let word = docx::read(name, bytes, mode).expect("the document read once already");
    let layout = word.layout;
    let report = outcome_lint::lint_document(name, word.document, builtin_rules(), context);
    let mut copy = Cursor::new(Vec::new());
    match render::word::annotate(
        name,
        bytes,
        &layout,
        &report.text,
        &report.diagnostics,
        &mut copy,
    ) {
        Ok(_) => {
            let reread = docx::read(name, copy.get_ref(), mode)
                .unwrap_or_else(|e| panic!("the reviewed copy does not read back: {e}"));
            assert_eq!(
                reread.document.text, report.text,
                "the reviewed copy reads back with different text"
            );
        }
        Err(e) => check_error(&e, name),
    }
}

/// Writes `reports` in every format; JSON and SARIF must parse.
fn render_all(reports: &[FileReport], docs: &[&RuleDoc]) {
    for format in [
        Format::Human,
        Format::Concise,
        Format::Json,
        Format::Sarif,
        Format::Github,
        Format::Junit,
        Format::Html,
    ] {
        let mut out = NoColor::new(Vec::new());
        render::render(format, reports, docs, &mut out).expect("writing to memory succeeds");
        let out = out.into_inner();
        if matches!(format, Format::Json | Format::Sarif) {
            serde_json::from_slice::<serde_json::Value>(&out)
                .unwrap_or_else(|e| panic!("{format:?} output is not JSON: {e}"));
        }
    }
    let mut coloured = Ansi::new(Vec::new());
    render::render(Format::Human, reports, docs, &mut coloured)
        .expect("writing to memory succeeds");
}

/// A span that can be sliced out of `text`.
fn check_span(text: &str, span: &Range<usize>, what: &str) {
    assert!(
        span.start <= span.end && text.get(span.clone()).is_some(),
        "{what} span {span:?} is not a slice of the {}-byte text",
        text.len()
    );
}

/// Every span a reader made lies inside the document's text, on character boundaries.
fn check_document(document: &Document) {
    let text = &document.text;
    if let Some(span) = &document.metadata.header_span {
        check_span(text, span, "header");
    }
    for section in &document.sections {
        check_span(text, &section.heading, "section heading");
        check_span(text, &section.span, "section");
    }
    for item in &document.items {
        check_span(text, &item.span, "item");
        for cell in &item.cells {
            check_span(text, &cell.span, "cell");
        }
        for link in &item.links {
            check_span(text, &link.span, "link");
        }
        if let Some(timeframe) = &item.timeframe {
            check_span(text, &timeframe.span, "inherited timeframe");
        }
        let _ = item.location();
    }
    for span in &document.repeated {
        check_span(text, span, "repeated");
    }
}

/// Every finding points into the text it is shown against.
fn check_diagnostics(text: &str, diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        check_span(text, &d.span, &d.rule);
        for label in &d.secondary {
            check_span(text, &label.span, &d.rule);
        }
        assert!(!d.message.is_empty(), "{} has no message", d.rule);
    }
}

/// An input error names its file and says what is wrong.
fn check_error(error: &InputError, path: &str) {
    assert_eq!(error.path, path);
    assert!(
        !error.message.trim().is_empty(),
        "an input error says nothing"
    );
}

/// A bad config or rule file gets at least one message, and each says something.
fn check_file_errors(errors: &[FileError]) {
    assert!(!errors.is_empty(), "a refused file gets no message");
    for e in errors {
        assert!(
            !e.to_string().trim().is_empty(),
            "a file error says nothing"
        );
    }
}

/// The target of that name (for the regression test).
pub fn target(name: &str) -> Option<Target> {
    TARGETS.iter().find(|(n, _)| *n == name).map(|(_, f)| *f)
}
