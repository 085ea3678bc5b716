//! Word documents: every .docx here is built by the test from XML written in the test (see
//! `support/word_package.rs`), so nothing binary is checked in. Covers headings by style, lists,
//! tables (golden thread, merged cells, nested), tracked changes, content controls, the same plan
//! as Markdown and as Word giving the same findings, and each kind of bad document.

#[path = "support/word_package.rs"]
mod word_package;

use std::collections::BTreeMap;
use std::io::{Cursor, Write};
use std::sync::OnceLock;

use outcome_lint::document::{Document, ItemKind};
use outcome_lint::input::{self, docx, InputError, Mode};
use outcome_lint::report::FileReport;
use outcome_lint::rules::{Context, RuleSet};
use word_package::*;

fn read(body: &str) -> Document {
    input::read_bytes("plan.docx", &package(body), Mode::Plan).expect("a readable document")
}

fn read_error(bytes: &[u8]) -> InputError {
    input::read_bytes("bad.docx", bytes, Mode::Plan).expect_err("the document is refused")
}

fn items(d: &Document, kind: ItemKind) -> Vec<String> {
    d.items
        .iter()
        .filter(|i| i.kind == kind)
        .map(|i| d.item_text(i).to_string())
        .collect()
}

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| RuleSet::builtin().expect("built-in rules"))
}

fn lint(path: &str, bytes: &[u8]) -> FileReport {
    outcome_lint::lint_bytes(path, bytes, Mode::Plan, rules(), &Context::default())
        .expect("a readable plan")
}

fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Each finding as (rule, the words it flags), white space squashed, counted.
fn findings(report: &FileReport) -> BTreeMap<(String, String), usize> {
    let mut out = BTreeMap::new();
    for d in &report.diagnostics {
        let words = squash(report.text.get(d.span.clone()).unwrap_or(""));
        *out.entry((d.rule.clone(), words)).or_default() += 1;
    }
    out
}

#[test]
fn headings_by_style_open_sections_and_areas() {
    let body = [
        heading(0, "Education, Health and Care Plan"),
        para("Name: Leila Osei"),
        para("Year group: 3"),
        heading(1, "Section E: Outcomes"),
        heading(3, "Communication and interaction"),
        para("E1. By the end of Key Stage 2, Leila will ask a friend to play, at 4 out of 5 playtimes."),
        heading(2, "Section F: Provision"),
    ]
    .concat();
    let d = read(&body);
    assert!(
        d.text.starts_with("# Education, Health and Care Plan\n"),
        "{}",
        d.text
    );
    assert!(d.text.contains("\n### Communication and interaction\n"));
    let letters: Vec<&str> = d.sections.iter().map(|s| s.letter.as_str()).collect();
    assert_eq!(letters, ["E", "F"]);
    assert_eq!(d.metadata.year_group, Some(3));
    let outcome = d
        .items
        .iter()
        .find(|i| i.kind == ItemKind::Outcome)
        .unwrap();
    assert_eq!(outcome.id.as_deref(), Some("E1"));
    assert_eq!(
        outcome.area.as_deref(),
        Some("Communication and interaction")
    );
    assert_eq!(outcome.location(), "Section E, paragraph 6, outcome E1");
}

#[test]
fn bulleted_paragraphs_are_items_and_indented_ones_are_steps() {
    let body = [
        heading(2, "Section A: All about me"),
        heading(3, "My aspirations"),
        bullet(0, "I want to be a zookeeper."),
        styled("ListBullet", "I want to learn to swim."),
        heading(2, "Section E: Outcomes"),
        bullet(
            0,
            "By the end of Year 6, Malik will read a chapter book on his own.",
        ),
        bullet(
            1,
            "Malik will read 50 words a minute by the next annual review.",
        ),
    ]
    .concat();
    let d = read(&body);
    assert_eq!(
        items(&d, ItemKind::Aspiration),
        ["I want to be a zookeeper.", "I want to learn to swim."]
    );
    assert_eq!(items(&d, ItemKind::Outcome).len(), 1);
    assert_eq!(
        items(&d, ItemKind::Step),
        ["Malik will read 50 words a minute by the next annual review."]
    );
}

#[test]
fn golden_thread_table_gives_word_places() {
    let body = [
        heading(2, "Sections B, E and F"),
        table(&[
            &[
                "Need (B)",
                "Outcome (E)",
                "Provision (F)",
                "Who",
                "How often",
            ],
            &[
                "B1 Ines finds it hard to plan her writing.",
                "E1 By July 2027 Ines will plan a story using a story map.",
                "F1 Story-planning sessions using a story map",
                "Class teacher",
                "Twice a week for 20 minutes",
            ],
            &[
                "B2 Ines finds it hard to wait for her turn.",
                "E2 By July 2027 Ines will begin to wait for her turn in a group game.",
                "F2 Small-group turn-taking games",
                "Teaching assistant",
                "Three times a week for 15 minutes",
            ],
        ]),
    ]
    .concat();
    let bytes = package(&body);
    let d = input::read_bytes("plan.docx", &bytes, Mode::Plan).unwrap();
    let provision: Vec<_> = d
        .items
        .iter()
        .filter(|i| i.kind == ItemKind::Provision)
        .collect();
    assert_eq!(provision.len(), 2);
    assert_eq!(provision[1].id.as_deref(), Some("F2"));
    assert_eq!(provision[1].cells.len(), 2);
    assert_eq!(
        provision[1].location(),
        "Section F, table 1, row 3, column 'Provision (F)'"
    );
    assert!(provision[1].links.iter().any(|l| l.target == "E2"));
    // The hedge in the outcome cell is found, and located in Word.
    let report = lint("plan.docx", &bytes);
    let hedge = report
        .diagnostics
        .iter()
        .find(|d| d.rule == "hedged-outcome")
        .expect("'begin to' is flagged");
    assert_eq!(&report.text[hedge.span.clone()], "begin to");
    assert_eq!(
        hedge.location,
        "Section E, table 1, row 3, column 'Outcome (E)'"
    );
}

#[test]
fn merged_cells_repeat_down_and_are_reported_once() {
    let cell = |props: &str, text: &str| cell_xml(props, &para(text));
    let body = [
        heading(2, "Sections E and F"),
        table_xml(
            3,
            &[
                vec![
                    cell("", "Outcome (E)"),
                    cell("", "Provision (F)"),
                    cell("", "Who"),
                ],
                vec![
                    cell(
                        r#"<w:vMerge w:val="restart"/>"#,
                        "By July 2027 Jonah will try to join a game at playtime.",
                    ),
                    cell("", "Lego therapy, 30 minutes weekly"),
                    cell("", "Teaching assistant"),
                ],
                vec![
                    cell("<w:vMerge/>", ""),
                    cell("", "Playground buddy every lunchtime"),
                    cell("", "Midday supervisor"),
                ],
                vec![cell(
                    r#"<w:gridSpan w:val="3"/>"#,
                    "Social, emotional and mental health",
                )],
                vec![
                    cell("", "By July 2027 Jonah will name three feelings."),
                    cell(
                        r#"<w:gridSpan w:val="2"/>"#,
                        "Feelings fan with his key adult, 10 minutes every morning",
                    ),
                ],
            ],
        ),
    ]
    .concat();
    let bytes = package(&body);
    let d = input::read_bytes("plan.docx", &bytes, Mode::Plan).unwrap();
    assert_eq!(
        items(&d, ItemKind::Outcome),
        [
            "By July 2027 Jonah will try to join a game at playtime.",
            "By July 2027 Jonah will try to join a game at playtime.",
            "By July 2027 Jonah will name three feelings."
        ]
    );
    // Each provision row keeps its outcome: the copy links the second row to it.
    let buddy = d
        .items
        .iter()
        .find(|i| d.item_text(i).starts_with("Playground buddy"))
        .unwrap();
    assert_eq!(buddy.place.table, Some((1, 3)));
    // The row under the heading row keeps the table's columns, and the heading is an area.
    let feelings = d
        .items
        .iter()
        .find(|i| d.item_text(i).starts_with("By July 2027 Jonah will name"))
        .unwrap();
    assert_eq!(
        feelings.area.as_deref(),
        Some("Social, emotional and mental health")
    );
    assert_eq!(feelings.place.table, Some((1, 5)));
    // 'try to' is flagged once, on the cell as written, not again on its copy in row 3.
    let report = lint("plan.docx", &bytes);
    let hedges: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|x| x.rule == "hedged-outcome")
        .collect();
    assert_eq!(hedges.len(), 1, "{hedges:?}");
    assert_eq!(
        hedges[0].location,
        "Section E, table 1, row 2, column 'Outcome (E)'"
    );
}

#[test]
fn tracked_changes_are_read_as_accepted() {
    let body = [
        heading(2, "Section E: Outcomes"),
        r#"<w:p><w:r><w:t xml:space="preserve">E1. By the end of Year 4, Omar will </w:t></w:r><w:del w:id="1" w:author="SENCo"><w:r><w:delText xml:space="preserve">begin to </w:delText></w:r></w:del><w:ins w:id="2" w:author="SENCo"><w:r><w:t xml:space="preserve">independently </w:t></w:r></w:ins><w:r><w:t>write three sentences about a picture.</w:t></w:r></w:p>"#
            .to_string(),
        format!(
            r#"<w:del w:id="3" w:author="SENCo"><w:p>{}</w:p></w:del>"#,
            run("E2. Omar will try harder.")
        ),
    ]
    .concat();
    let d = read(&body);
    assert_eq!(
        items(&d, ItemKind::Outcome),
        ["By the end of Year 4, Omar will independently write three sentences about a picture."]
    );
    assert!(!d.text.contains("begin to") && !d.text.contains("try harder"));
}

#[test]
fn content_controls_hyperlinks_and_fields_are_read_as_shown() {
    let body = [
        heading(2, "Section E: Outcomes"),
        format!(
            r#"<w:sdt><w:sdtPr><w:alias w:val="Outcome 1"/><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:p>{}<w:hyperlink r:id="rId9"><w:r><w:t>Priya</w:t></w:r></w:hyperlink>{}<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> DOCPROPERTY Deadline </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>July 2027</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:tab/><w:t>.</w:t></w:r></w:p></w:sdtContent></w:sdt>"#,
            run("E1. "),
            run(" will cross the road safely with an adult by "),
        ),
    ]
    .concat();
    let d = read(&body);
    assert_eq!(
        items(&d, ItemKind::Outcome),
        ["Priya will cross the road safely with an adult by July 2027 ."]
    );
    assert!(!d.text.contains("DOCPROPERTY"));
}

#[test]
fn headers_footers_footnotes_and_comments_are_not_read() {
    let footer = format!(
        r#"<?xml version="1.0"?><w:ftr xmlns:w="{W_NS}"><w:p><w:r><w:t>Page footer with Sam will try to behave.</w:t></w:r></w:p></w:ftr>"#
    );
    let bytes = package_with(
        &para("Amira will read a chapter book."),
        &[("word/footer1.xml", footer.into_bytes())],
    );
    let d = input::read_bytes("plan.docx", &bytes, Mode::Plan).unwrap();
    assert_eq!(d.text.trim_end(), "Amira will read a chapter book.");
}

/// The same plan written as Markdown and built as Word gives the same findings: same rules on
/// the same words. Run over every plan layout in the corpus and the example plans.
#[test]
fn markdown_and_word_give_the_same_findings() {
    let mut plans: Vec<String> = std::fs::read_dir("corpus/plans")
        .expect("corpus/plans")
        .chain(std::fs::read_dir("examples").expect("examples"))
        .flatten()
        .map(|e| e.path().to_string_lossy().into_owned())
        .filter(|p| p.ends_with(".md") || p.ends_with(".txt"))
        .collect();
    plans.sort();
    assert!(plans.len() >= 6);
    let mut failures = Vec::new();
    for path in &plans {
        let markdown = std::fs::read_to_string(path).unwrap();
        let from_text = lint(path, markdown.as_bytes());
        let word = package(&body_from_markdown(&markdown));
        let from_word = lint("plan.docx", &word);
        let (a, b) = (findings(&from_text), findings(&from_word));
        if a != b {
            let only_text: Vec<_> = a.iter().filter(|(k, n)| b.get(*k) != Some(n)).collect();
            let only_word: Vec<_> = b.iter().filter(|(k, n)| a.get(*k) != Some(n)).collect();
            failures.push(format!(
                "{path}:\n  as text only: {only_text:?}\n  as Word only: {only_word:?}"
            ));
        }
        assert!(
            !from_text.diagnostics.is_empty(),
            "{path} has findings to compare"
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn bad_documents_get_one_clear_message() {
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("not a zip", b"Name: Sam\nThis is text.".to_vec(), "not a zip"),
        ("empty", Vec::new(), "empty"),
        (
            "OLE compound file (old .doc or password-protected)",
            [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0].to_vec(),
            "Save As > Word Document (.docx)",
        ),
        (
            "truncated zip",
            package(&para("Sam will swim."))[..200].to_vec(),
            "damaged",
        ),
        (
            "no word/document.xml",
            zip_parts(&[("xl/workbook.xml", b"<workbook/>".to_vec())]),
            "no word/document.xml (it looks like an Excel spreadsheet)",
        ),
        (
            "malformed XML",
            zip_parts(&[(
                "word/document.xml",
                format!("<w:document xmlns:w=\"{W_NS}\">\n<w:body><w:p><w:r><w:t>Sam</w:r></w:p></w:body></w:document>")
                    .into_bytes(),
            )]),
            "not well-formed XML",
        ),
        (
            "unclosed XML",
            zip_parts(&[(
                "word/document.xml",
                format!("<w:document xmlns:w=\"{W_NS}\"><w:body><w:p>").into_bytes(),
            )]),
            "ends before all its elements are closed",
        ),
        ("no text", package(&para("   ")), "no text to check"),
        (
            "too many parts",
            zip_parts(
                &(0..=docx::MAX_ENTRIES)
                    .map(|i| (Box::leak(format!("p{i}").into_boxed_str()) as &str, Vec::new()))
                    .collect::<Vec<_>>(),
            ),
            "zip bomb",
        ),
    ];
    for (what, bytes, expected) in cases {
        let e = read_error(&bytes);
        assert_eq!(e.path, "bad.docx", "{what}");
        assert!(
            e.message.contains(expected),
            "{what}: expected '{expected}' in: {}",
            e.message
        );
    }
    let e = read_error(&zip_parts(&[(
        "word/document.xml",
        format!("<w:document xmlns:w=\"{W_NS}\">\n<w:body><w:p><w:r><w:t>Sam</w:r></w:p></w:body></w:document>").into_bytes(),
    )]));
    assert!(e.message.contains("line 2, column"), "{}", e.message);
}

/// A document part that unpacks far beyond the limit is refused after reading no more than the
/// limit, whatever size the zip says it has.
#[test]
fn a_zip_bomb_is_refused() {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    writer
        .start_file(
            "word/document.xml",
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
    let zeros = vec![b' '; 1024 * 1024];
    for _ in 0..=docx::MAX_UNZIPPED_BYTES / (1024 * 1024) {
        writer.write_all(&zeros).unwrap();
    }
    let bytes = writer.finish().unwrap().into_inner();
    assert!(bytes.len() < 1024 * 1024, "the bomb is small when packed");
    let e = read_error(&bytes);
    assert!(e.message.contains("zip bomb"), "{}", e.message);
}

/// The command as a user runs it on a folder: Word documents are picked up, a bad one gets one
/// message naming it and exit status 2, and the other files are still checked.
#[test]
fn a_folder_with_a_bad_word_document_still_checks_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let plan = [
        heading(2, "Section E: Outcomes"),
        para("E1. By the end of Year 5, Nia will begin to use full stops."),
    ]
    .concat();
    std::fs::write(dir.path().join("good.docx"), package(&plan)).unwrap();
    std::fs::write(dir.path().join("renamed.docx"), b"Just text, renamed.").unwrap();
    std::fs::write(
        dir.path().join("notes.md"),
        "## Section E: Outcomes\nE1. By the end of Year 5, Nia will try to read.\n",
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_outcome-lint"))
        .args(["--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("renamed.docx") && stderr.contains("not a zip"),
        "{stderr}"
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["summary"]["files"], 2);
    let word: Vec<&serde_json::Value> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["path"].as_str().unwrap().ends_with("good.docx"))
        .collect();
    let hedge = word
        .iter()
        .find(|d| d["rule"] == "hedged-outcome")
        .expect("the Word plan is checked");
    assert_eq!(hedge["location"], "Section E, paragraph 2, outcome E1");
    assert_eq!(hedge["line"], 2);
}
