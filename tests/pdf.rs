//! PDF files with a text layer: every PDF here is written by the test itself (a tiny writer
//! below: one Helvetica font, a `BT … Tj ET` block per line), so nothing binary is checked in.
//! Covers a COM record as PDF giving the expected findings with page locations, a scan (no
//! text layer), a damaged PDF, a password-protected one, and the command on a folder where one
//! PDF is bad and the other files are still checked.

use std::sync::OnceLock;

#[path = "support/pdf_file.rs"]
mod pdf_file;
use pdf_file::pdf_with;

use outcome_lint::document::{Document, ItemKind};
use outcome_lint::input::{self, InputError, Mode};
use outcome_lint::report::FileReport;
use outcome_lint::rules::{Context, RuleSet};

/// What goes on a page: a line of text, a table row (cells side by side on one baseline), or a
/// gap as wide as a blank line.
enum Line<'a> {
    Text(&'a str),
    Row(&'a [&'a str]),
    Gap,
}

use Line::{Gap, Row, Text};

/// A string as a PDF literal string.
fn literal(text: &str) -> String {
    let mut out = String::from("(");
    for c in text.chars() {
        match c {
            '(' | ')' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_ascii() => out.push(c),
            _ => out.push('?'),
        }
    }
    out.push(')');
    out
}

/// The content stream of a page: 11-point Helvetica, 14 points between lines.
fn content(lines: &[Line]) -> String {
    let mut out = String::new();
    let mut y = 780;
    for line in lines {
        match line {
            Text(text) => {
                out.push_str(&format!("BT /F1 11 Tf 72 {y} Td {} Tj ET\n", literal(text)));
            }
            Row(cells) => {
                for (i, cell) in cells.iter().enumerate() {
                    let x = 72 + 170 * i;
                    out.push_str(&format!(
                        "BT /F1 11 Tf {x} {y} Td {} Tj ET\n",
                        literal(cell)
                    ));
                }
            }
            Gap => {}
        }
        y -= 14;
    }
    out
}

fn pdf(pages: &[&[Line]]) -> Vec<u8> {
    let streams: Vec<String> = pages.iter().map(|p| content(p)).collect();
    pdf_with(&streams, &[], "")
}

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| RuleSet::builtin().expect("built-in rules"))
}

fn read(bytes: &[u8]) -> Document {
    input::read_bytes("com.pdf", bytes, Mode::Plan).expect("a readable PDF")
}

fn read_error(bytes: &[u8]) -> InputError {
    input::read_bytes("bad.pdf", bytes, Mode::Plan).expect_err("the PDF is refused")
}

fn lint(path: &str, bytes: &[u8]) -> FileReport {
    outcome_lint::lint_bytes(path, bytes, Mode::Plan, rules(), &Context::default())
        .expect("a readable plan")
}

/// A COM record over two pages: the child's details, an area with its needs and outcome on
/// page 1, and the provision, as a table whose rows sit on one line each, on page 2.
fn com_record() -> Vec<u8> {
    let page1: &[Line] = &[
        Text("Collaborative Outcomes Meeting record"),
        Text("Name: Amara Okafor"),
        Text("Year group: 3"),
        Text("Date of plan: 10/03/2026"),
        Gap,
        Text("COMMUNICATION AND INTERACTION"),
        Gap,
        Text("Needs:"),
        Text("- Amara finds it hard to follow instructions with more than two parts."),
        Gap,
        Text("Long-term outcome (end of Key Stage 2):"),
        Text("Amara will try to follow a three-part instruction in class."),
        Gap,
        Text("Steps (by next annual review):"),
        Text("- Amara will follow a two-part instruction in a small group on 4 out of 5 days."),
    ];
    let page2: &[Line] = &[
        Text("Provision:"),
        Text("- Support with listening from a teaching assistant as needed."),
        Row(&["Reviewed by", "Class teacher", "Each term"]),
    ];
    pdf(&[page1, page2])
}

#[test]
fn a_com_record_as_pdf_gives_its_findings_with_pages() {
    let bytes = com_record();
    let d = read(&bytes);
    assert_eq!(d.metadata.year_group, Some(3));
    assert!(
        d.text
            .contains("Amara will try to follow a three-part instruction in class."),
        "{}",
        d.text
    );
    let report = lint("com.pdf", &bytes);
    let find = |rule: &str| {
        report
            .diagnostics
            .iter()
            .find(|x| x.rule == rule)
            .unwrap_or_else(|| panic!("{rule} is found"))
    };
    let hedge = find("hedged-outcome");
    assert_eq!(&report.text[hedge.span.clone()], "try to");
    assert_eq!(hedge.location, "page 1, outcome 1");
    let vague = find("hedged-provision");
    assert_eq!(&report.text[vague.span.clone()], "as needed");
    assert_eq!(vague.location, "page 2, provision 1");
    let provision: Vec<&str> = d
        .items
        .iter()
        .filter(|i| i.kind == ItemKind::Provision)
        .map(|i| d.item_text(i))
        .collect();
    assert_eq!(
        provision,
        ["Support with listening from a teaching assistant as needed."]
    );
    // A table row whose cells share a baseline comes out as one line.
    assert!(
        d.text.contains("\nReviewed by Class teacher Each term\n"),
        "{}",
        d.text
    );
}

#[test]
fn a_text_plan_keeps_its_locations() {
    let d = input::read_bytes(
        "plan.md",
        b"## Section E: Outcomes\nE1. By the end of Year 5, Nia will try to read.\n",
        Mode::Plan,
    )
    .unwrap();
    let outcome = d
        .items
        .iter()
        .find(|i| i.kind == ItemKind::Outcome)
        .unwrap();
    assert_eq!(outcome.place.page, None);
    assert!(
        !outcome.location().contains("page"),
        "{}",
        outcome.location()
    );
}

#[test]
fn a_pdf_without_text_is_a_scan() {
    // An empty content stream, and a page that only paints an image.
    let image = "<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 1 >>\nstream\n\u{0}\nendstream";
    let empty = pdf_with(&[String::new()], &[], "");
    let scanned = pdf_with(
        &["q 612 0 0 792 0 0 cm /Im1 Do Q".to_string()],
        &[image],
        "",
    );
    for bytes in [empty, scanned] {
        let e = read_error(&bytes);
        assert_eq!(e.path, "bad.pdf");
        assert!(
            e.message.contains("has no text layer: it looks like a scan; ask for the original document or run it through text recognition first"),
            "{}",
            e.message
        );
    }
}

#[test]
fn a_damaged_pdf_is_refused_without_a_panic() {
    let good = com_record();
    let mut cases: Vec<Vec<u8>> = vec![
        b"Just some text, renamed to .pdf".to_vec(),
        b"%PDF-1.7\n".to_vec(),
        b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n".to_vec(),
        b"PK\x03\x04 a zip named .pdf".to_vec(),
    ];
    // Cut short, and with bytes overwritten here and there.
    for cut in [20, good.len() / 3, good.len() / 2, good.len() - 40] {
        cases.push(good[..cut].to_vec());
    }
    for step in [7, 13, 31, 97] {
        let mut bent = good.clone();
        for i in (15..bent.len()).step_by(step) {
            bent[i] = b'#';
        }
        cases.push(bent);
    }
    for bytes in &cases {
        // Some damage leaves a readable PDF; what matters is a clear answer and no panic.
        match input::read_bytes("bad.pdf", bytes, Mode::Plan) {
            Ok(_) => {}
            Err(e) => {
                assert_eq!(e.path, "bad.pdf");
                assert!(
                    e.message.contains("cannot be read as a PDF")
                        || e.message.contains("has no text layer"),
                    "{}",
                    e.message
                );
            }
        }
    }
    for bytes in &cases[..4] {
        let e = read_error(bytes);
        assert!(
            e.message.contains("cannot be read as a PDF"),
            "{}",
            e.message
        );
    }
}

#[test]
fn a_password_protected_pdf_says_so() {
    // The standard security handler with a user password: the empty password does not open it.
    let encrypt = "<< /Filter /Standard /V 1 /R 2 /Length 40 /P -4 /O <0000000000000000000000000000000000000000000000000000000000000000> /U <1111111111111111111111111111111111111111111111111111111111111111> >>";
    let streams = [content(&[Text("Name: Amara Okafor")])];
    let bytes = pdf_with(
        &streams,
        &[encrypt],
        " /Encrypt 6 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>]",
    );
    let e = read_error(&bytes);
    assert!(e.message.contains("password-protected"), "{}", e.message);
}

#[test]
fn a_pdf_named_otherwise_is_still_refused_as_text() {
    let e = input::read_bytes("plan.txt", &com_record(), Mode::Plan).unwrap_err();
    assert_eq!(e.message, "this is a PDF file, not a text or Markdown plan");
}

/// The command on a folder: PDFs are picked up, a bad one gets one message naming it and exit
/// status 2, and the other files are still checked.
#[test]
fn a_folder_with_a_bad_pdf_still_checks_the_others() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("com.pdf"), com_record()).unwrap();
    std::fs::write(
        dir.path().join("scan.pdf"),
        pdf_with(&[String::new()], &[], ""),
    )
    .unwrap();
    std::fs::write(dir.path().join("broken.pdf"), b"%PDF-1.4\nnothing more").unwrap();
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
    assert_eq!(stderr.lines().count(), 2, "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        stderr
            .lines()
            .any(|l| l.contains("broken.pdf") && l.contains("cannot be read as a PDF")),
        "{stderr}"
    );
    assert!(
        stderr
            .lines()
            .any(|l| l.contains("scan.pdf") && l.contains("has no text layer")),
        "{stderr}"
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["summary"]["files"], 2);
    let pdf: Vec<&serde_json::Value> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["path"].as_str().unwrap().ends_with("com.pdf"))
        .collect();
    let hedge = pdf
        .iter()
        .find(|d| d["rule"] == "hedged-outcome")
        .expect("the PDF is checked");
    assert_eq!(hedge["location"], "page 1, outcome 1");
    assert!(json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["path"].as_str().unwrap().ends_with("notes.md")));
}
