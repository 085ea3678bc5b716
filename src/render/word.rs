//! The reviewed copy of a Word document: the input package with one Word comment per finding,
//! anchored on the flagged words, so that an officer opens the copy in Word and reads the review
//! in the margin.
//!
//! The copy is the input byte for byte except for four parts: `word/document.xml` gets comment
//! anchors (the run holding each end of a flagged range is split there, and the split copies the
//! run's properties, so the text looks the same), the comments part is written (or added to),
//! and the document relationships and content types name it when they did not. Every other part
//! is copied still compressed. This module writes to any `Write + Seek` it is given; choosing the
//! file, refusing to overwrite the input and writing atomically are the caller's job.

use std::collections::BTreeMap;
use std::io::{Seek, Write};

use quick_xml::events::Event;
use quick_xml::NsReader;
use zip::write::SimpleFileOptions;
use zip::ZipWriter;

use crate::diagnostic::Diagnostic;
use crate::input::docx::{xml_text, Layout, Package, DOCUMENT_PART};
use crate::input::InputError;

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const COMMENTS_RELATIONSHIP: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments";
const COMMENTS_CONTENT_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml";
const DOCUMENT_RELS_PART: &str = "word/_rels/document.xml.rels";
const CONTENT_TYPES_PART: &str = "[Content_Types].xml";

/// The author Word shows on every comment.
pub const AUTHOR: &str = "outcome-lint";

/// Writes the reviewed copy of the Word document `source` (read as `layout` and `text`) to `out`,
/// with one comment per diagnostic. Returns how many comments it wrote.
pub fn annotate<W: Write + Seek>(
    path: &str,
    source: &[u8],
    layout: &Layout,
    text: &str,
    diagnostics: &[Diagnostic],
    out: W,
) -> Result<usize, InputError> {
    let fail = |message: String| InputError {
        path: path.to_string(),
        message,
    };
    let mut package = Package::open(path, source, &crate::limits::Limits::default())?;
    let document = match package.read_part(DOCUMENT_PART)? {
        Some(bytes) => xml_text(path, DOCUMENT_PART, bytes)?,
        None => return Err(fail(format!("this Word document has no {DOCUMENT_PART}"))),
    };
    let content_types = match package.read_part(CONTENT_TYPES_PART)? {
        Some(bytes) => xml_text(path, CONTENT_TYPES_PART, bytes)?,
        None => {
            return Err(fail(format!(
                "this Word document has no {CONTENT_TYPES_PART}, so a copy with comments cannot be written; open it in Word and save it again"
            )))
        }
    };
    let rels = match package.read_part(DOCUMENT_RELS_PART)? {
        Some(bytes) => Some(xml_text(path, DOCUMENT_RELS_PART, bytes)?),
        None => None,
    };
    let existing_target = rels.as_deref().and_then(comments_target);
    let comments_part = existing_target
        .clone()
        .unwrap_or_else(|| "word/comments.xml".to_string());
    let existing_comments = match package.read_part(&comments_part)? {
        Some(bytes) => Some(xml_text(path, &comments_part, bytes)?),
        None => None,
    };
    let first_id = existing_comments
        .as_deref()
        .map(|c| max_comment_id(c).map_or(0, |m| m + 1))
        .unwrap_or(0);

    // Where each comment starts and ends in the XML.
    let mut markers: BTreeMap<usize, Vec<Marker>> = BTreeMap::new();
    let mut comments = Vec::new();
    for diagnostic in diagnostics {
        let Some((start, end)) = anchor(layout, text, diagnostic.span.clone()) else {
            continue;
        };
        let id = first_id + comments.len();
        markers.entry(start.raw).or_default().push(Marker {
            id,
            start: true,
            node: start.node,
        });
        markers.entry(end.raw).or_default().push(Marker {
            id,
            start: false,
            node: end.node,
        });
        comments.push((id, diagnostic));
    }
    let new_document = insert_markers(&document, layout, &markers);
    let comments_xml = match &existing_comments {
        Some(existing) => append_comments(existing, &comments).ok_or_else(|| {
            fail(format!(
                "{comments_part} in this Word document is malformed"
            ))
        })?,
        None => new_comments_part(&comments),
    };

    let mut replaced: Vec<(String, String)> = vec![
        (DOCUMENT_PART.to_string(), new_document),
        (comments_part.clone(), comments_xml),
    ];
    if existing_target.is_none() {
        let rels = match &rels {
            Some(rels) => add_relationship(rels).ok_or_else(|| {
                fail(format!(
                    "{DOCUMENT_RELS_PART} in this Word document is malformed"
                ))
            })?,
            None => format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{COMMENTS_RELATIONSHIP}" Target="comments.xml"/></Relationships>"#
            ),
        };
        replaced.push((DOCUMENT_RELS_PART.to_string(), rels));
    }
    let part_name = format!("/{comments_part}");
    if !has_override(&content_types, &part_name) {
        let types = add_override(&content_types, &part_name).ok_or_else(|| {
            fail(format!(
                "{CONTENT_TYPES_PART} in this Word document is malformed"
            ))
        })?;
        replaced.push((CONTENT_TYPES_PART.to_string(), types));
    }

    write_package(&mut package, &replaced, out)
        .map_err(|e| fail(format!("could not write the copy with comments: {e}")))?;
    Ok(comments.len())
}

/// One end of a comment's range, at a byte position in the XML inside a `w:t` element.
#[derive(Clone, Copy, Debug)]
struct Marker {
    id: usize,
    start: bool,
    node: usize,
}

#[derive(Clone, Copy, Debug)]
struct Point {
    node: usize,
    raw: usize,
}

/// The XML positions of the start and end of a flagged range. A range with no Word text in it
/// (a heading marker the reader added) is widened to the Word text on its line.
fn anchor(layout: &Layout, text: &str, span: std::ops::Range<usize>) -> Option<(Point, Point)> {
    let overlapping = |range: &std::ops::Range<usize>| -> Vec<&crate::input::docx::Piece> {
        layout
            .pieces
            .iter()
            .filter(|p| p.text.start < range.end.max(range.start + 1) && p.text.end > range.start)
            .collect()
    };
    let mut range = span.clone();
    let mut pieces = overlapping(&range);
    if pieces.is_empty() {
        let start = text
            .get(..span.start.min(text.len()))
            .and_then(|t| t.rfind('\n'))
            .map_or(0, |i| i + 1);
        let end = text
            .get(start..)
            .and_then(|t| t.find('\n'))
            .map_or(text.len(), |i| start + i);
        range = start..end;
        pieces = overlapping(&range);
    }
    if pieces.is_empty() {
        // Nothing of the document on that line: anchor on the first words of the document.
        let first = layout.pieces.first()?;
        range = first.text.clone();
        pieces = vec![first];
    }
    let first = pieces.first()?;
    let last = pieces.last()?;
    let start_offset = first.offset + range.start.saturating_sub(first.text.start);
    let mut end_offset = last.offset + (range.end.min(last.text.end) - last.text.start);
    if std::ptr::eq(*first, *last) && end_offset <= start_offset {
        end_offset = (start_offset + 1).min(last.offset + last.text.len());
    }
    let start = Point {
        node: first.node,
        raw: layout.nodes.get(first.node)?.raw_position(start_offset)?,
    };
    let end = Point {
        node: last.node,
        raw: layout.nodes.get(last.node)?.raw_position(end_offset)?,
    };
    Some((start, end))
}

/// The document XML with each comment's range marked: at every marker position the run is
/// closed, the markers written, and a copy of the run (same properties) opened again.
fn insert_markers(xml: &str, layout: &Layout, markers: &BTreeMap<usize, Vec<Marker>>) -> String {
    let mut out = String::with_capacity(xml.len() + markers.len() * 200);
    let mut from = 0;
    for (&position, here) in markers {
        let Some(node) = here.first().and_then(|m| layout.nodes.get(m.node)) else {
            continue;
        };
        let Some(run) = layout.runs.get(node.run) else {
            continue;
        };
        if run.qname.is_empty() || position < from {
            continue;
        }
        out.push_str(&xml[from..position]);
        let prefix = run
            .qname
            .split_once(':')
            .map(|(p, _)| p.to_string())
            .unwrap_or_default();
        let (w, declare) = if prefix.is_empty() {
            ("w".to_string(), format!(r#" xmlns:w="{W_NS}""#))
        } else {
            (prefix, String::new())
        };
        out.push_str(&format!("</{}></{}>", node.qname, run.qname));
        let mut ordered = here.clone();
        // Ranges that end here close before ranges that start here open.
        ordered.sort_by_key(|m| (m.start, m.id));
        for m in ordered {
            if m.start {
                out.push_str(&format!(
                    r#"<{w}:commentRangeStart{declare} {w}:id="{}"/>"#,
                    m.id
                ));
            } else {
                out.push_str(&format!(
                    r#"<{w}:commentRangeEnd{declare} {w}:id="{id}"/><{w}:r{declare}><{w}:commentReference {w}:id="{id}"/></{w}:r>"#,
                    id = m.id
                ));
            }
        }
        out.push_str(&xml[run.open.clone()]);
        if let Some(properties) = &run.properties {
            out.push_str(&xml[properties.clone()]);
        }
        out.push_str(&format!(r#"<{} xml:space="preserve">"#, node.qname));
        from = position;
    }
    out.push_str(&xml[from..]);
    out
}

fn escape(text: &str) -> String {
    super::markup::escape_markup(text, "'", |c, out| {
        if c.is_control() {
            out.push(' ')
        } else {
            out.push(c)
        }
    })
}

/// One comment: the finding, what to do, and the guidance it rests on.
fn comment_xml(id: usize, d: &Diagnostic) -> String {
    let paragraph = |text: &str, first: bool| {
        format!(
            r#"<w:p><w:pPr><w:pStyle w:val="CommentText"/></w:pPr>{}<w:r><w:t xml:space="preserve">{}</w:t></w:r></w:p>"#,
            if first {
                "<w:r><w:annotationRef/></w:r>"
            } else {
                ""
            },
            escape(text)
        )
    };
    let mut body = paragraph(
        &format!("{} [{}]: {}", d.severity.name(), d.rule, d.message),
        true,
    );
    if !d.help.is_empty() {
        body.push_str(&paragraph(&format!("What to do: {}", d.help), false));
    }
    if !d.reference.is_empty() {
        body.push_str(&paragraph(&format!("Guidance: {}", d.reference), false));
    }
    format!(r#"<w:comment w:id="{id}" w:author="{AUTHOR}" w:initials="OL">{body}</w:comment>"#)
}

fn new_comments_part(comments: &[(usize, &Diagnostic)]) -> String {
    let body: String = comments.iter().map(|(id, d)| comment_xml(*id, d)).collect();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:comments xmlns:w="{W_NS}">{body}</w:comments>"#
    )
}

/// Adds comments to an existing comments part, declaring the `w` prefix on each in case the
/// part binds it to something else.
fn append_comments(existing: &str, comments: &[(usize, &Diagnostic)]) -> Option<String> {
    let close = existing.rfind("</")?;
    let mut out = existing[..close].to_string();
    for (id, d) in comments {
        out.push_str(&comment_xml(*id, d).replacen(
            "<w:comment ",
            &format!(r#"<w:comment xmlns:w="{W_NS}" "#),
            1,
        ));
    }
    out.push_str(&existing[close..]);
    Some(out)
}

/// The largest `w:id` of the comments already in a comments part.
fn max_comment_id(xml: &str) -> Option<usize> {
    let mut reader = NsReader::from_str(xml);
    let mut max = None;
    while let Ok(event) = reader.read_event() {
        match event {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "comment" => {
                let id = e
                    .attributes()
                    .flatten()
                    .find(|a| a.key.local_name().as_ref() == "id")
                    .and_then(|a| a.value.parse::<usize>().ok());
                max = max.max(id);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    max
}

/// The comments part a document's relationships name, as a path in the package.
fn comments_target(rels: &str) -> Option<String> {
    relationships(rels)
        .into_iter()
        .find(|(_, kind, _)| kind.ends_with("/comments"))
        .map(|(_, _, target)| match target.strip_prefix('/') {
            Some(absolute) => absolute.to_string(),
            None => format!("word/{target}"),
        })
}

/// (Id, Type, Target) of each relationship.
fn relationships(rels: &str) -> Vec<(String, String, String)> {
    let mut reader = NsReader::from_str(rels);
    let mut out = Vec::new();
    while let Ok(event) = reader.read_event() {
        match event {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "Relationship" => {
                let get = |name: &str| {
                    e.attributes()
                        .flatten()
                        .find(|a| a.key.local_name().as_ref() == name)
                        .map(|a| a.value.to_string())
                        .unwrap_or_default()
                };
                out.push((get("Id"), get("Type"), get("Target")));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

fn add_relationship(rels: &str) -> Option<String> {
    let ids: Vec<String> = relationships(rels)
        .into_iter()
        .map(|(id, _, _)| id)
        .collect();
    let id = (1..)
        .map(|n| format!("rId{n}"))
        .find(|candidate| !ids.contains(candidate))?;
    let close = rels.rfind("</")?;
    Some(format!(
        r#"{}<Relationship Id="{id}" Type="{COMMENTS_RELATIONSHIP}" Target="comments.xml"/>{}"#,
        &rels[..close],
        &rels[close..]
    ))
}

fn has_override(types: &str, part_name: &str) -> bool {
    let mut reader = NsReader::from_str(types);
    while let Ok(event) = reader.read_event() {
        match event {
            Event::Start(e) | Event::Empty(e)
                if e.local_name().as_ref() == "Override"
                    && e.attributes().flatten().any(|a| {
                        a.key.local_name().as_ref() == "PartName"
                            && a.value.eq_ignore_ascii_case(part_name)
                    }) =>
            {
                return true;
            }
            Event::Eof => break,
            _ => {}
        }
    }
    false
}

fn add_override(types: &str, part_name: &str) -> Option<String> {
    let close = types.rfind("</")?;
    Some(format!(
        r#"{}<Override PartName="{part_name}" ContentType="{COMMENTS_CONTENT_TYPE}"/>{}"#,
        &types[..close],
        &types[close..]
    ))
}

/// Writes the package: replaced parts in their place, new ones at the end, every other part
/// copied as it is, without unpacking it.
fn write_package<W: Write + Seek>(
    package: &mut Package<'_>,
    replaced: &[(String, String)],
    out: W,
) -> zip::result::ZipResult<()> {
    let mut writer = ZipWriter::new(out);
    let options = SimpleFileOptions::default();
    let mut written: Vec<String> = Vec::new();
    for index in 0..package.archive.len() {
        let file = package.archive.by_index_raw(index)?;
        let name = file.name()?.into_owned();
        if let Some((_, content)) = replaced.iter().find(|(n, _)| *n == name) {
            drop(file);
            writer.start_file(name.as_str(), options)?;
            writer.write_all(content.as_bytes())?;
            written.push(name);
        } else {
            writer.raw_copy_file(file)?;
        }
    }
    for (name, content) in replaced {
        if !written.contains(name) {
            writer.start_file(name.as_str(), options)?;
            writer.write_all(content.as_bytes())?;
        }
    }
    writer.finish()?;
    Ok(())
}
