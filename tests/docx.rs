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
fn the_example_word_plan_is_the_markdown_plan() {
    let markdown = std::fs::read_to_string("examples/amira-year4.md").unwrap();
    let committed = std::fs::read("examples/amira-year4.docx")
        .expect("examples/amira-year4.docx: run `cargo run --example make_docx`");
    let rebuilt = package(&body_from_markdown(&markdown));
    let text_of = |bytes: &[u8]| {
        docx::read("amira-year4.docx", bytes, Mode::Plan)
            .unwrap()
            .document
            .text
    };
    assert_eq!(
        text_of(&committed),
        text_of(&rebuilt),
        "examples/amira-year4.docx is out of date: run `cargo run --example make_docx`"
    );
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

fn run_cli(args: &[&std::ffi::OsStr]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_outcome-lint"))
        .args(args)
        .env_remove("NO_COLOR")
        .output()
        .unwrap()
}

/// A plan whose findings sit in a plain run, in a run with properties, across an entity, in a
/// table cell and inside a hyperlink.
fn plan_to_annotate() -> Vec<u8> {
    let body = [
        heading(0, "Education, Health and Care Plan"),
        para("Name: Tomasz Nowak"),
        para("Year group: 2"),
        heading(1, "Section E: Outcomes"),
        r#"<w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">E1. By the end of Year 3, Tomasz will </w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t>begin to read &amp; retell a short story.</w:t></w:r></w:p>"#.to_string(),
        format!(
            r#"<w:p>{}<w:hyperlink r:id="rId9"><w:r><w:t>will receive</w:t></w:r></w:hyperlink>{}</w:p>"#,
            run("E2. By the end of Year 3, Tomasz "),
            run(" speech therapy every week.")
        ),
        heading(1, "Sections E and F"),
        table(&[
            &["Outcome (E)", "Provision (F)", "Who"],
            &[
                "E3 By the end of Year 3, Tomasz will try to write his name.",
                "F1 Handwriting practice, 10 minutes daily",
                "Teaching assistant",
            ],
        ]),
    ]
    .concat();
    package(&body)
}

/// The text each comment is anchored on in a document part, by comment id.
fn anchored_text(document_xml: &str) -> BTreeMap<String, String> {
    let mut reader = quick_xml::Reader::from_str(document_xml);
    let mut open: Vec<String> = Vec::new();
    let mut in_text = false;
    let mut out: BTreeMap<String, String> = BTreeMap::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e) => {
                let id = || {
                    e.attributes()
                        .flatten()
                        .find(|a| a.key.local_name().as_ref() == "id")
                        .map(|a| a.value.to_string())
                        .unwrap_or_default()
                };
                match e.local_name().as_ref() {
                    "commentRangeStart" => {
                        open.push(id());
                        out.entry(id()).or_default();
                    }
                    "commentRangeEnd" => open.retain(|i| *i != id()),
                    "t" => in_text = !e.is_empty(),
                    _ => {}
                }
            }
            quick_xml::events::Event::End(e) if e.local_name().as_ref() == "t" => in_text = false,
            quick_xml::events::Event::Text(t) if in_text => {
                for id in &open {
                    out.entry(id.clone()).or_default().push_str(&t);
                }
            }
            quick_xml::events::Event::GeneralRef(r) if in_text => {
                let c = match &*r {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    _ => "'",
                };
                for id in &open {
                    out.entry(id.clone()).or_default().push_str(c);
                }
            }
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    out
}

fn part(package: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(Cursor::new(package)).unwrap();
    let mut text = String::new();
    std::io::Read::read_to_string(&mut archive.by_name(name).unwrap(), &mut text).unwrap();
    text
}

#[test]
fn annotate_writes_a_copy_with_comments_on_the_flagged_words() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("plan.docx");
    let output = dir.path().join("reviewed.docx");
    let original = plan_to_annotate();
    std::fs::write(&input, &original).unwrap();
    let out = run_cli(&[
        input.as_os_str(),
        "--annotate".as_ref(),
        output.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(matches!(out.status.code(), Some(0 | 1)), "{stderr}");
    assert!(stderr.contains("reviewed.docx"), "{stderr}");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let diagnostics = json["diagnostics"].as_array().unwrap();
    assert!(diagnostics.len() >= 3, "{diagnostics:?}");

    // The input is untouched; the copy reads as the same plan.
    assert_eq!(std::fs::read(&input).unwrap(), original);
    let copy = std::fs::read(&output).unwrap();
    let text = |bytes: &[u8]| {
        docx::read("x.docx", bytes, Mode::Plan)
            .unwrap()
            .document
            .text
    };
    assert_eq!(text(&copy), text(&original));

    // One comment per finding, each on exactly the flagged words.
    let comments = part(&copy, "word/comments.xml");
    assert_eq!(comments.matches("<w:comment ").count(), diagnostics.len());
    assert!(comments.contains(r#"w:author="outcome-lint""#));
    let original_text = text(&original);
    let anchored = anchored_text(&part(&copy, "word/document.xml"));
    assert_eq!(anchored.len(), diagnostics.len());
    for (i, d) in diagnostics.iter().enumerate() {
        let span = d["span"]["start"].as_u64().unwrap() as usize
            ..d["span"]["end"].as_u64().unwrap() as usize;
        // The words as Word has them: a heading's '#' is the reader's, not the document's.
        let flagged = original_text[span].trim_start_matches(['#', ' ']);
        assert_eq!(anchored[&i.to_string()], flagged, "comment {i}: {d}");
        let message = d["message"].as_str().unwrap().replace('\'', "&apos;");
        assert!(
            comments.contains(&message) || comments.contains(d["message"].as_str().unwrap()),
            "comment text has the message: {message}"
        );
    }
    assert!(anchored.values().any(|t| t == "begin to"));
    assert!(anchored.values().any(|t| t == "will receive"));
    assert!(anchored.values().any(|t| t == "try to"));

    // The package names the comments part.
    let rels = part(&copy, "word/_rels/document.xml.rels");
    assert!(
        rels.contains("relationships/comments\" Target=\"comments.xml\""),
        "{rels}"
    );
    let types = part(&copy, "[Content_Types].xml");
    assert!(types.contains(r#"<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>"#));
    // Parts that did not change are copied as they were.
    assert_eq!(
        part(&copy, "word/styles.xml"),
        part(&original, "word/styles.xml")
    );

    // Word's own check cannot run here; LibreOffice, where installed, must open the copy.
    match which_libreoffice() {
        Some(office) => {
            let converted = std::process::Command::new(office)
                .arg("--headless")
                .arg(format!(
                    "-env:UserInstallation=file://{}",
                    dir.path().join("office-profile").display()
                ))
                .args(["--convert-to", "pdf", "--outdir"])
                .arg(dir.path())
                .arg(&output)
                .output()
                .unwrap();
            assert!(
                dir.path().join("reviewed.pdf").exists(),
                "LibreOffice could not convert the copy: {}",
                String::from_utf8_lossy(&converted.stderr)
            );
        }
        None => {
            eprintln!("note: LibreOffice is not installed; the PDF conversion check was skipped")
        }
    }
}

fn which_libreoffice() -> Option<std::path::PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| ["soffice", "libreoffice"].map(|name| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

#[test]
fn annotate_adds_to_comments_already_in_the_document() {
    let existing = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:comments xmlns:w="{W_NS}"><w:comment w:id="4" w:author="SENCo"><w:p><w:r><w:t>Check with mum.</w:t></w:r></w:p></w:comment></w:comments>"#
    );
    let rels = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/></Relationships>"#;
    let body = [
        heading(1, "Section E: Outcomes"),
        format!(
            r#"<w:p><w:commentRangeStart w:id="4"/>{}<w:commentRangeEnd w:id="4"/><w:r><w:commentReference w:id="4"/></w:r></w:p>"#,
            run("E1. By the end of Year 3, Ada will try to swim.")
        ),
    ]
    .concat();
    let original = package_with(
        &body,
        &[
            ("word/comments.xml", existing.into_bytes()),
            ("word/_rels/document.xml.rels", rels.as_bytes().to_vec()),
        ],
    );
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("plan.docx");
    let output = dir.path().join("reviewed.docx");
    std::fs::write(&input, &original).unwrap();
    let out = run_cli(&[
        input.as_os_str(),
        "--annotate".as_ref(),
        output.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    assert!(matches!(out.status.code(), Some(0 | 1)));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let diagnostics = json["diagnostics"].as_array().unwrap();
    let copy = std::fs::read(&output).unwrap();
    let comments = part(&copy, "word/comments.xml");
    assert_eq!(
        comments.matches("<w:comment ").count(),
        1 + diagnostics.len(),
        "{comments}"
    );
    assert!(comments.contains("Check with mum."));
    // New ids follow the old ones.
    let hedge = diagnostics
        .iter()
        .position(|d| d["rule"] == "hedged-outcome")
        .unwrap();
    let anchored = anchored_text(&part(&copy, "word/document.xml"));
    assert_eq!(anchored[&(5 + hedge).to_string()], "try to");
    assert!(
        anchored["4"].starts_with("E1."),
        "the old comment keeps its range"
    );
    // The relationship was already there: it is not added twice.
    let rels = part(&copy, "word/_rels/document.xml.rels");
    assert_eq!(rels.matches("relationships/comments").count(), 1);
}

#[test]
fn annotate_refuses_to_write_over_its_input() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("plans");
    std::fs::create_dir(&sub).unwrap();
    let input = sub.join("plan.docx");
    let original = plan_to_annotate();
    std::fs::write(&input, &original).unwrap();
    // The same file, spelt another way.
    let same = dir.path().join("plans/../plans/plan.docx");
    let out = run_cli(&[input.as_os_str(), "--annotate".as_ref(), same.as_os_str()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("never writes to its input"), "{stderr}");
    assert_eq!(std::fs::read(&input).unwrap(), original);
    let left: Vec<_> = std::fs::read_dir(&sub).unwrap().flatten().collect();
    assert_eq!(left.len(), 1, "no temporary file is left behind");

    // Only one Word document, and only to a .docx name.
    let md = dir.path().join("plan.md");
    std::fs::write(&md, "E1. Sam will swim.\n").unwrap();
    for args in [
        vec![input.as_os_str(), md.as_os_str()],
        vec![md.as_os_str()],
    ] {
        let mut args = args;
        let target = dir.path().join("out.docx");
        args.extend(["--annotate".as_ref(), target.as_os_str()]);
        let out = run_cli(&args);
        assert_eq!(out.status.code(), Some(2));
        assert!(!target.exists());
    }
    let out = run_cli(&[
        input.as_os_str(),
        "--annotate".as_ref(),
        dir.path().join("out.txt").as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("must be a .docx file"));
}

/// Broken XML of every kind gives a result or a message, never a panic; and a document that
/// still reads can still be annotated.
#[test]
fn damaged_document_xml_never_panics() {
    let xml = document(
        &[
            heading(1, "Section E: Outcomes"),
            r#"<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>E1. Ana will try to &amp; swim.</w:t></w:r></w:p>"#
                .to_string(),
            table(&[&["Outcome (E)", "Who"], &["E2 Ana will begin to read.", "TA"]]),
        ]
        .concat(),
    );
    let rules = rules();
    let mut checked = 0;
    let damaged = (0..xml.len()).step_by(3).flat_map(|i| {
        let mut swapped = xml.as_bytes().to_vec();
        swapped[i] = b"<>&\"/"[i % 5];
        [xml.as_bytes()[..i].to_vec(), swapped]
    });
    for bytes in damaged {
        let package = zip_parts(&[("word/document.xml", bytes)]);
        let Ok(word) = docx::read("d.docx", &package, Mode::Plan) else {
            continue;
        };
        let layout = word.layout.clone();
        let report =
            outcome_lint::lint_document("d.docx", word.document, rules, &Context::default());
        let _ = outcome_lint::render::word::annotate(
            "d.docx",
            &package,
            &layout,
            &report.text,
            &report.diagnostics,
            Cursor::new(Vec::new()),
        );
        checked += 1;
    }
    assert!(checked > 0);
}

/// A COM record in Word: the child's details and each area's fields in two-column forms (label,
/// then what it labels), read as the same record typed as text.
#[test]
fn forms_read_as_labelled_fields() {
    let text = "Collaborative Outcomes Meeting record\nName: Leo Brennan\nYear group: 1\nDate of plan: 05/02/2026\nStatus: Draft\n\nCOMMUNICATION AND INTERACTION\n\nStrengths:\n- Leo follows familiar routines well and copies other children.\n\nNeeds:\n- Leo mostly uses single words.\n- Leo finds it hard to understand questions unless he can see a picture.\n\nLong-term outcome (end of Key Stage 1):\nLeo will try to use sentences of 4 or more words to tell an adult what he wants.\n\nSteps (by next annual review):\n- Leo will begin to use two-word phrases to ask for what he wants at snack time.\n- Adults will model short phrases for Leo throughout the day.\n";
    let cell = |content: String| cell_xml("", &content);
    let label = |t: &str| cell(para(t));
    let bullets = |items: &[&str]| cell(items.iter().map(|i| bullet(0, i)).collect());
    let body = [
        para("Collaborative Outcomes Meeting record"),
        table(&[
            &["Name:", "Leo Brennan"],
            &["Year group:", "1"],
            &["Date of plan:", "05/02/2026"],
            &["Status:", "Draft"],
        ]),
        table_xml(
            2,
            &[
                vec![cell_xml(
                    r#"<w:gridSpan w:val="2"/>"#,
                    &heading(3, "COMMUNICATION AND INTERACTION"),
                )],
                vec![
                    label("Strengths"),
                    bullets(&["Leo follows familiar routines well and copies other children."]),
                ],
                vec![
                    label("Needs"),
                    bullets(&[
                        "Leo mostly uses single words.",
                        "Leo finds it hard to understand questions unless he can see a picture.",
                    ]),
                ],
                vec![
                    label("Long-term outcome (end of Key Stage 1)"),
                    cell(para("Leo will try to use sentences of 4 or more words to tell an adult what he wants.")),
                ],
                vec![
                    label("Steps (by next annual review)"),
                    bullets(&[
                        "Leo will begin to use two-word phrases to ask for what he wants at snack time.",
                        "Adults will model short phrases for Leo throughout the day.",
                    ]),
                ],
            ],
        ),
    ]
    .concat();
    let bytes = package(&body);
    let d = input::read_bytes("com.docx", &bytes, Mode::Plan).unwrap();
    assert_eq!(d.metadata.year_group, Some(1));
    assert_eq!(d.metadata.child_name.as_deref(), Some("Leo Brennan"));
    assert_eq!(items(&d, ItemKind::Need).len(), 2);
    assert_eq!(items(&d, ItemKind::Step).len(), 2);
    let outcome = d
        .items
        .iter()
        .find(|i| i.kind == ItemKind::Outcome)
        .unwrap();
    assert!(
        outcome.timeframe.is_some(),
        "the label's timeframe is inherited"
    );
    assert_eq!(outcome.place.table, Some((2, 4)));
    let from_word = findings(&lint("com.docx", &bytes));
    assert!(from_word.contains_key(&("hedged-outcome".to_string(), "try to".to_string())));
    assert_eq!(from_word, findings(&lint("com.txt", text.as_bytes())));
    // A two-column table whose first row names its columns is still a table.
    let d = read(&table(&[
        &["Provision", "Who"],
        &["Lego therapy, 30 minutes weekly", "Teaching assistant"],
    ]));
    assert!(d.text.starts_with("| Provision | Who |"), "{}", d.text);
}

/// A list Word numbers with words ("Outcome 1:") gives the reader those ids, so references to
/// them join up; plain numbers and bullets are only list marks.
#[test]
fn numbered_lists_with_words_give_ids() {
    let numbering = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="{W_NS}"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="Outcome %1:"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl></w:abstractNum><w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num><w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="3"/></w:lvlOverride></w:num></w:numbering>"#
    );
    let numbered = |num: u8, level: u8, text: &str| {
        format!(
            r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num}"/></w:numPr></w:pPr>{}</w:p>"#,
            run(text)
        )
    };
    let body = [
        heading(1, "Section E: Outcomes"),
        numbered(
            1,
            0,
            "By the end of Year 6, Kemi will read a chapter book on her own.",
        ),
        numbered(
            1,
            1,
            "Kemi will read 60 words a minute by the next annual review.",
        ),
        numbered(
            1,
            0,
            "By the end of Year 6, Kemi will write a page about a trip.",
        ),
        numbered(
            3,
            0,
            "By the end of Year 6, Kemi will tell the time to five minutes.",
        ),
        heading(1, "Section F: Provision"),
        numbered(
            2,
            0,
            "Daily reading with a teaching assistant, 20 minutes, for outcome 2.",
        ),
    ]
    .concat();
    let bytes = package_with(&body, &[("word/numbering.xml", numbering.into_bytes())]);
    let d = input::read_bytes("plan.docx", &bytes, Mode::Plan).unwrap();
    assert!(
        d.text.contains("\n- Outcome 1: By the end of Year 6"),
        "{}",
        d.text
    );
    assert!(
        d.text.contains("\n  - Kemi will read 60 words"),
        "{}",
        d.text
    );
    assert!(
        d.text.contains("\n- 1. Daily") || d.text.contains("\n- Daily"),
        "{}",
        d.text
    );
    let ids: Vec<Option<&str>> = d
        .items
        .iter()
        .filter(|i| i.kind == ItemKind::Outcome)
        .map(|i| i.id.as_deref())
        .collect();
    assert_eq!(ids, [Some("E1"), Some("E2"), Some("E3")]);
    let provision = d
        .items
        .iter()
        .find(|i| i.kind == ItemKind::Provision)
        .unwrap();
    assert_eq!(
        d.item_text(provision),
        "Daily reading with a teaching assistant, 20 minutes, for outcome 2."
    );
    assert!(provision.links.iter().any(|l| l.target == "E2"));
}
