//! Builds small Word (.docx) packages for the tests and for `examples/make_docx.rs`, so that
//! every Word fixture is made from text in the repository and can be read and rebuilt.
//!
//! The package is the minimum Word and LibreOffice open: content types, the package and
//! document relationships, the document, styles (Title, Heading 1–3, List Bullet, List Number)
//! and numbering (a bulleted and a numbered list). Body XML is written with the small helpers
//! below or by hand, for the layouts a test needs. It is test support: it panics on errors.

#![allow(dead_code)]

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::ZipWriter;

pub const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/></Types>"#;

const PACKAGE_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>"#;

fn styles() -> String {
    let heading = |level: u8, size: u8| {
        format!(
            r#"<w:style w:type="paragraph" w:styleId="Heading{level}"><w:name w:val="heading {level}"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/><w:outlineLvl w:val="{}"/></w:pPr><w:rPr><w:b/><w:sz w:val="{size}"/></w:rPr></w:style>"#,
            level - 1
        )
    };
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W_NS}"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:cs="Arial"/><w:sz w:val="22"/><w:lang w:val="en-GB"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style><w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:rPr><w:b/><w:sz w:val="36"/></w:rPr></w:style>{}{}{}<w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style><w:style w:type="paragraph" w:styleId="ListNumber"><w:name w:val="List Number"/><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style><w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tblBorders></w:tblPr></w:style></w:styles>"#,
        heading(1, 32),
        heading(2, 28),
        heading(3, 24)
    )
}

fn numbering() -> String {
    let levels = |format: &str, text: &dyn Fn(u8) -> String| {
        (0..3u8)
            .map(|l| {
                format!(
                    r#"<w:lvl w:ilvl="{l}"><w:start w:val="1"/><w:numFmt w:val="{format}"/><w:lvlText w:val="{}"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{}" w:hanging="360"/></w:pPr></w:lvl>"#,
                    text(l),
                    720 * (u32::from(l) + 1)
                )
            })
            .collect::<String>()
    };
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="{W_NS}"><w:abstractNum w:abstractNumId="0">{}</w:abstractNum><w:abstractNum w:abstractNumId="1">{}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num></w:numbering>"#,
        levels("bullet", &|_| "•".to_string()),
        levels("decimal", &|l| format!("%{}.", l + 1)),
    )
}

/// The document part around some body XML.
pub fn document(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>{body}<w:p/><w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr></w:body></w:document>"#
    )
}

/// Zips parts, in order, into a package.
pub fn zip_parts(parts: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default();
    for (name, bytes) in parts {
        writer.start_file(*name, options).expect("start part");
        writer.write_all(bytes).expect("write part");
    }
    writer.finish().expect("finish zip").into_inner()
}

/// A whole .docx whose body is `body`.
pub fn package(body: &str) -> Vec<u8> {
    package_with(body, &[])
}

/// A whole .docx whose body is `body`, with extra parts (or replacements for the standard ones,
/// by name).
pub fn package_with(body: &str, extra: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let standard: Vec<(&str, Vec<u8>)> = vec![
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes().to_vec()),
        ("_rels/.rels", PACKAGE_RELS.as_bytes().to_vec()),
        ("word/document.xml", document(body).into_bytes()),
        (
            "word/_rels/document.xml.rels",
            DOCUMENT_RELS.as_bytes().to_vec(),
        ),
        ("word/styles.xml", styles().into_bytes()),
        ("word/numbering.xml", numbering().into_bytes()),
    ];
    let mut parts: Vec<(&str, Vec<u8>)> = standard
        .into_iter()
        .map(
            |(name, bytes)| match extra.iter().find(|(n, _)| *n == name) {
                Some((_, replacement)) => (name, replacement.clone()),
                None => (name, bytes),
            },
        )
        .collect();
    for (name, bytes) in extra {
        if !parts.iter().any(|(n, _)| n == name) {
            parts.push((name, bytes.clone()));
        }
    }
    zip_parts(&parts)
}

pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A run of text.
pub fn run(text: &str) -> String {
    format!(
        r#"<w:r><w:t xml:space="preserve">{}</w:t></w:r>"#,
        escape(text)
    )
}

/// A paragraph of plain text.
pub fn para(text: &str) -> String {
    format!("<w:p>{}</w:p>", run(text))
}

/// A paragraph in a style (`Title`, `Heading1`, …).
pub fn styled(style: &str, text: &str) -> String {
    format!(
        r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{}</w:p>"#,
        run(text)
    )
}

/// A heading paragraph: level 0 is the Title style, 1–3 Heading 1–3.
pub fn heading(level: u8, text: &str) -> String {
    if level == 0 {
        styled("Title", text)
    } else {
        styled(&format!("Heading{level}"), text)
    }
}

/// A bulleted paragraph at a list level (numbering in the paragraph, as Word writes it).
pub fn bullet(level: u8, text: &str) -> String {
    format!(
        r#"<w:p><w:pPr><w:pStyle w:val="ListParagraph"/><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="1"/></w:numPr></w:pPr>{}</w:p>"#,
        run(text)
    )
}

/// A table cell with its properties and content XML (which must hold at least one paragraph).
pub fn cell_xml(properties: &str, content: &str) -> String {
    format!(r#"<w:tc><w:tcPr><w:tcW w:w="0" w:type="auto"/>{properties}</w:tcPr>{content}</w:tc>"#)
}

/// A table from rows of cell XML, with `columns` grid columns.
pub fn table_xml(columns: usize, rows: &[Vec<String>]) -> String {
    let grid: String = (0..columns)
        .map(|_| format!(r#"<w:gridCol w:w="{}"/>"#, 9000 / columns.max(1)))
        .collect();
    let rows: String = rows
        .iter()
        .map(|cells| format!("<w:tr>{}</w:tr>", cells.concat()))
        .collect();
    format!(
        r#"<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="5000" w:type="pct"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{rows}</w:tbl>"#
    )
}

/// A table of plain-text cells; the first row is the header.
pub fn table(rows: &[&[&str]]) -> String {
    let columns = rows.iter().map(|r| r.len()).max().unwrap_or(0);
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|t| cell_xml("", &para(t))).collect())
        .collect();
    table_xml(columns, &rows)
}

/// The body of a Word document made from a Markdown plan, as a writer would type it in Word:
/// `#` headings as Heading 1–3, `- ` items as bulleted paragraphs (indented ones one level
/// down), pipe tables as tables with a header row, and other lines as paragraphs, a line that
/// starts in lower case joining the paragraph before it (Markdown wraps long paragraphs).
pub fn body_from_markdown(markdown: &str) -> String {
    let mut body = String::new();
    // The paragraph being gathered: its list level (for a `- ` item) and its text.
    let mut paragraph: Option<(Option<u8>, String)> = None;
    let mut table_rows: Vec<Vec<String>> = Vec::new();
    let flush_paragraph =
        |body: &mut String, paragraph: &mut Option<(Option<u8>, String)>| match paragraph.take() {
            Some((Some(level), text)) => body.push_str(&bullet(level, &text)),
            Some((None, text)) => body.push_str(&para(&text)),
            None => {}
        };
    let flush_table = |body: &mut String, rows: &mut Vec<Vec<String>>| {
        if !rows.is_empty() {
            let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
            let xml_rows: Vec<Vec<String>> = rows
                .iter()
                .map(|r| r.iter().map(|t| cell_xml("", &para(t))).collect())
                .collect();
            body.push_str(&table_xml(columns, &xml_rows));
            rows.clear();
        }
    };
    for line in markdown.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with('|') {
            flush_paragraph(&mut body, &mut paragraph);
            let inner = trimmed.trim_matches('|');
            let cells: Vec<String> = inner.split('|').map(|c| c.trim().to_string()).collect();
            if cells
                .iter()
                .all(|c| !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':')))
            {
                continue;
            }
            table_rows.push(cells);
            continue;
        }
        flush_table(&mut body, &mut table_rows);
        if trimmed.is_empty() {
            flush_paragraph(&mut body, &mut paragraph);
            continue;
        }
        let hashes = trimmed.chars().take_while(|c| *c == '#').count();
        if (1..=3).contains(&hashes) && trimmed[hashes..].starts_with(' ') {
            flush_paragraph(&mut body, &mut paragraph);
            body.push_str(&heading(hashes as u8, trimmed[hashes..].trim()));
            continue;
        }
        if let Some(item) = trimmed.strip_prefix("- ") {
            flush_paragraph(&mut body, &mut paragraph);
            let level = u8::from(line.starts_with(' ') || line.starts_with('\t'));
            paragraph = Some((Some(level), item.trim().to_string()));
            continue;
        }
        let continues = trimmed.chars().next().is_some_and(char::is_lowercase);
        match &mut paragraph {
            Some((_, p)) if continues => {
                p.push(' ');
                p.push_str(trimmed);
            }
            _ => {
                flush_paragraph(&mut body, &mut paragraph);
                paragraph = Some((None, trimmed.to_string()));
            }
        }
    }
    flush_table(&mut body, &mut table_rows);
    flush_paragraph(&mut body, &mut paragraph);
    body
}
