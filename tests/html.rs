//! The HTML report, run as a user runs it: well-formed (checked as XML), self-contained,
//! every finding present, a SMART scorecard and a golden-thread diagram; and, where Chromium
//! is installed, rendered headless to a PNG to prove it displays.

use std::path::Path;
use std::process::{Command, Output};

use quick_xml::events::Event;
use quick_xml::Reader;

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_outcome-lint"))
        .args(args)
        .output()
        .expect("binary runs")
}

const PLAN: &str = "examples/amira-year4.md";

fn html_of(path: &str) -> String {
    let o = run(&["check", "--format", "html", path]);
    assert!(
        o.status.code().is_some_and(|c| c < 2),
        "outcome-lint failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).expect("UTF-8")
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// Parses `html` as XML: every element closed and properly nested, attributes quoted, only the
/// XML entities (and numeric ones). Returns the element names seen.
fn check_well_formed(html: &str) -> Vec<String> {
    let mut reader = Reader::from_str(html);
    reader.config_mut().check_end_names = true;
    let mut stack: Vec<String> = Vec::new();
    let mut seen = Vec::new();
    loop {
        let event = reader
            .read_event()
            .unwrap_or_else(|e| panic!("not well-formed at {}: {e}", reader.buffer_position()));
        match event {
            Event::Start(e) => {
                let name = AsRef::<str>::as_ref(&e.name()).to_string();
                for a in e.attributes() {
                    let a = a.unwrap_or_else(|err| panic!("bad attribute in <{name}>: {err}"));
                    let value = a.value.to_string();
                    quick_xml::escape::unescape(&value)
                        .unwrap_or_else(|err| panic!("bad entity in <{name}> attribute: {err}"));
                }
                seen.push(name.clone());
                stack.push(name);
            }
            Event::Empty(e) => {
                seen.push(AsRef::<str>::as_ref(&e.name()).to_string());
            }
            Event::End(e) => {
                let name = AsRef::<str>::as_ref(&e.name()).to_string();
                assert_eq!(
                    stack.pop().as_deref(),
                    Some(name.as_str()),
                    "mismatched </{name}>"
                );
            }
            Event::GeneralRef(r) => {
                let name = AsRef::<str>::as_ref(&r).to_string();
                assert!(
                    ["amp", "lt", "gt", "quot", "apos"].contains(&name.as_str())
                        || name.starts_with('#'),
                    "entity &{name}; is not an XML entity"
                );
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert!(stack.is_empty(), "elements left open: {stack:?}");
    seen
}

#[test]
fn the_report_is_well_formed_self_contained_and_complete() {
    let html = html_of(PLAN);
    let elements = check_well_formed(&html);
    for forbidden in ["http://", "https://", "src=", "<script", "<link", "url("] {
        assert!(
            !html.to_lowercase().contains(forbidden),
            "the report refers outside itself: {forbidden}"
        );
    }
    assert!(html.contains("<style>"), "styles are inline");

    let json = run(&["check", "--format", "json", PLAN]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    let diagnostics = v["diagnostics"].as_array().expect("array");
    assert!(!diagnostics.is_empty(), "the example plan has findings");
    for d in diagnostics {
        let message = d["message"].as_str().expect("message");
        assert!(
            html.contains(&escape(message)),
            "finding missing from the report: {message}"
        );
    }
    // Each finding is marked in the plan text and linked from the list.
    let marks = elements.iter().filter(|e| *e == "mark").count();
    assert!(marks >= diagnostics.len() / 2, "too few marks: {marks}");
    for k in 0..diagnostics.len() {
        assert!(
            html.contains(&format!("id=\"f1-{k}\"")),
            "no anchor for finding {k}"
        );
        assert!(
            html.contains(&format!("href=\"#f1-{k}\"")),
            "no link to finding {k}"
        );
    }

    // The scorecard: one row per outcome and step, the five criteria, a failure where a rule
    // fired (E2 says what Amira will receive, so it is not Specific).
    assert!(html.contains("class=\"smart scorecard\""), "no scorecard");
    for c in [
        "Specific",
        "Measurable",
        "Achievable",
        "Relevant",
        "Time-bound",
    ] {
        assert!(html.contains(&format!("<th>{c}</th>")), "no {c} column");
    }
    let e2 = html
        .find("<td><b>Section E, outcome E2</b>")
        .expect("a row for E2");
    let row = &html[e2..e2 + html[e2..].find("</tr>").expect("row ends")];
    assert!(
        row.contains("title=\"Specific: provision-as-outcome\""),
        "E2 fails Specific: {row}"
    );

    // The golden thread.
    assert!(elements.iter().any(|e| e == "svg"), "no <svg>");
    assert!(
        elements.iter().filter(|e| *e == "line").count() > 0,
        "no links drawn"
    );
    assert!(html.contains(">Provision</text>"), "no provision column");
}

#[test]
fn items_a_golden_thread_rule_flags_are_red() {
    let dir = tempfile::tempdir().expect("tempdir");
    let plan = dir.path().join("thread.md");
    std::fs::write(
        &plan,
        "# Education, Health and Care Plan\n\nName: Tomasz Nowak\nYear group: 5\n\
         Date of plan: 01/10/2026\n\n## Section A: All about me\n\n### My aspirations\n\n\
         - I want to be a train driver.\n\n## Section B: Special educational needs\n\n\
         B1. Tomasz finds it hard to understand long spoken instructions.\n\n\
         B2. Tomasz has weak fine motor skills and his handwriting is slow.\n\n\
         ## Section E: Outcomes\n\nE1. By the end of Year 6, Tomasz will follow a three-part \
         spoken instruction in class in 4 out of 5 lessons (need B1, B7).\n\n\
         ## Section F: Special educational provision\n\nF1. A speech and language therapist \
         will see Tomasz for 30 minutes every week (need B1, outcome E1).\n",
    )
    .expect("write plan");
    let html = html_of(plan.to_str().expect("path"));
    check_well_formed(&html);
    let box_of = |title: &str| {
        let at = html
            .find(&format!("<g><title>{title}"))
            .unwrap_or_else(|| panic!("no box for {title}"));
        html[at..at + html[at..].find("</g>").expect("box ends")].to_string()
    };
    // B2 has neither outcome nor provision; E1 names a need the plan does not have.
    assert!(box_of("Section B, need B2").contains("stroke=\"#c00\""));
    assert!(box_of("Section E, outcome E1").contains("stroke=\"#c00\""));
    assert!(!box_of("Section B, need B1").contains("stroke=\"#c00\""));
    assert!(!box_of("Section F, provision F1").contains("stroke=\"#c00\""));
}

#[test]
fn chromium_renders_the_report() {
    let Some(chromium) = ["chromium", "chromium-browser"].into_iter().find(|c| {
        Command::new(c)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    }) else {
        println!("note: chromium is not on PATH; skipping the render test");
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let html_path = dir.path().join("report.html");
    std::fs::write(&html_path, html_of(PLAN)).expect("write report");
    let png = dir.path().join("out.png");
    let profile = dir.path().join("profile");
    let o = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--screenshot={}", png.display()))
        .arg("--window-size=1200,2000")
        .arg(format!("file://{}", html_path.display()))
        .output()
        .expect("chromium runs");
    assert!(
        Path::new(&png).exists(),
        "chromium wrote no screenshot: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let bytes = std::fs::read(&png).expect("read png");
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    // A blank 1200x2000 page compresses to a few kilobytes; a page of text is far larger.
    assert!(
        bytes.len() > 30_000,
        "the screenshot looks blank ({} bytes)",
        bytes.len()
    );
}

#[test]
fn the_well_formedness_check_rejects_bad_markup() {
    for bad in ["<p><b>x</p>", "<p>x", "<p>&nbsp;</p>", "<p a=b></p>"] {
        let caught = std::panic::catch_unwind(|| check_well_formed(bad));
        assert!(caught.is_err(), "accepted {bad}");
    }
    check_well_formed("<!DOCTYPE html>\n<p a=\"&amp;\">&lt;<br/></p>");
}
