//! Word documents (.docx): the body of `word/document.xml` written out as the plain-text layout
//! the text reader understands, with a map back to Word's paragraphs, tables, rows and columns.
//!
//! Why text: the same plan saved as Markdown and as .docx must give the same findings, so a Word
//! document is written the way a plan writer would type it in Markdown (a paragraph per line,
//! Heading 1–3 and Title paragraphs as `#` headings, list paragraphs as `- ` items, tables as pipe
//! tables whose first row is the header, two-column forms such as the child's details or a COM
//! proforma as `Label: value` fields) and handed to [`text::read_plan`]. The map then gives
//! every item its Word place ("table 2, row 3, column 'Who'", "paragraph 4"), and a [`Layout`]
//! records where each extracted character sits in the XML, so that `render::word` can anchor a
//! comment on the flagged words.
//!
//! What Word shows is what is read: tracked changes as if accepted (`w:ins` kept, `w:del`
//! dropped), content controls read through, hyperlinks and fields as their displayed text, breaks
//! and tabs as spaces. Headers, footers, footnotes, comments, text boxes and drawings are not plan
//! content. A merged cell (`gridSpan`) leaves the cells it covers empty (in the header row it
//! names each column it covers); a cell merged down (`vMerge`) repeats the text of the cell
//! above, so that each row is whole, and that copy is marked in [`Document::repeated`] so that
//! its findings are not reported twice. A header row written again below a heading row inside a
//! table is the header's own Word text, so findings in it point at the header in Word.
//!
//! This module never writes and never judges the text. A package that is not a Word document,
//! is encrypted, unpacks to too much, or has malformed XML gets one clear [`InputError`]; no
//! declared size in the zip is trusted.

use std::collections::HashMap;
use std::io::{Cursor, Read};
use std::ops::Range;

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;
use zip::result::ZipError;
use zip::ZipArchive;

use super::{statements, text, InputError, Mode};
use crate::document::{Document, Place, Span};
use crate::limits::{Limit, Limits};

/// The most a .docx may unpack to by default, counting only the parts read. Plans are tens of
/// kilobytes of XML; anything this size is not one, and may be a zip bomb. The limit in force is
/// [`Limits::max_docx_unpacked_bytes`].
pub const MAX_UNZIPPED_BYTES: u64 = 64 * 1024 * 1024;

/// The most parts (zip entries) a .docx may have by default. Word writes a dozen or two. The
/// limit in force is [`Limits::max_docx_parts`].
pub const MAX_ENTRIES: usize = 10_000;

/// The main document part, where Word and LibreOffice put it.
pub const DOCUMENT_PART: &str = "word/document.xml";
pub const STYLES_PART: &str = "word/styles.xml";
pub const NUMBERING_PART: &str = "word/numbering.xml";

/// WordprocessingML, in its Transitional (what Word writes) and Strict namespaces.
const W_NAMESPACES: [&str; 2] = [
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
];
const MC_NAMESPACE: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";

/// A Word document read for linting: the plan model, and where its text sits in the XML.
#[derive(Clone, Debug)]
pub struct WordDocument {
    pub document: Document,
    pub layout: Layout,
}

/// Where the extracted text came from in `word/document.xml`, for writing comments into a copy.
#[derive(Clone, Debug, Default)]
pub struct Layout {
    /// Stretches of the extracted text that are Word text, in text order.
    pub(crate) pieces: Vec<Piece>,
    /// The `w:t` elements the pieces come from.
    pub(crate) nodes: Vec<TextNode>,
    /// The runs (`w:r`) those elements sit in.
    pub(crate) runs: Vec<RunTags>,
}

/// A stretch of the extracted text copied from one `w:t` element.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Piece {
    /// Byte range in the extracted text.
    pub text: Range<usize>,
    pub node: usize,
    /// Byte offset of `text.start` in the element's decoded text.
    pub offset: usize,
}

/// One `w:t` element: its run, its tag name as written and how its decoded text maps onto the
/// raw XML (entities such as `&amp;` are longer in the XML than in the text).
#[derive(Clone, Debug, Default)]
pub(crate) struct TextNode {
    pub run: usize,
    pub qname: String,
    pub segments: Vec<Segment>,
}

#[derive(Clone, Debug)]
pub(crate) struct Segment {
    /// Start in the element's decoded text, and length there.
    pub decoded: usize,
    pub decoded_len: usize,
    /// Byte range in the XML.
    pub raw: Range<usize>,
    /// An entity or character reference: cannot be split.
    pub atomic: bool,
}

impl TextNode {
    /// The byte position in the XML of a position in the element's decoded text.
    pub(crate) fn raw_position(&self, decoded: usize) -> Option<usize> {
        let segment = self
            .segments
            .iter()
            .find(|s| decoded >= s.decoded && decoded <= s.decoded + s.decoded_len)?;
        Some(if segment.atomic {
            if decoded == segment.decoded {
                segment.raw.start
            } else {
                segment.raw.end
            }
        } else {
            segment.raw.start + (decoded - segment.decoded)
        })
    }
}

/// A run's start tag and properties as written, to open a copy of the run after a split.
#[derive(Clone, Debug)]
pub(crate) struct RunTags {
    /// The run's qualified name as written (`w:r`).
    pub qname: String,
    /// The whole start tag, `<w:r …>`, as a byte range in the XML.
    pub open: Range<usize>,
    /// The run's `w:rPr` element, if it has one.
    pub properties: Option<Range<usize>>,
}

/// Where a line or cell of the extracted text sits in Word.
#[derive(Clone, Debug, PartialEq, Eq)]
enum WordPlace {
    Paragraph(usize),
    Table {
        table: usize,
        row: usize,
        column: Option<String>,
    },
}

/// Whether a file name says it is a Word document this reader reads.
pub fn is_docx_name(path: &str) -> bool {
    super::has_extension(std::path::Path::new(path), &["docx"])
}

/// Reads a .docx file's bytes into a document (a plan, or a statement list in statement mode).
pub fn read(path: &str, bytes: &[u8], mode: Mode) -> Result<WordDocument, InputError> {
    read_within(path, bytes, mode, &Limits::default())
}

/// [`read`] within `limits`: the package's parts, its unpacked size and its longest line.
pub fn read_within(
    path: &str,
    bytes: &[u8],
    mode: Mode,
    limits: &Limits,
) -> Result<WordDocument, InputError> {
    let mut package = Package::open(path, bytes, limits)?;
    let Some(xml) = package.read_part(DOCUMENT_PART)? else {
        return Err(package.not_a_word_document());
    };
    let xml = xml_text(path, DOCUMENT_PART, xml)?;
    // Styles only say which paragraphs are headings and lists: a broken styles part costs the
    // headings, not the document.
    let styles = match package.read_part(STYLES_PART)? {
        Some(bytes) => xml_text(path, STYLES_PART, bytes)
            .ok()
            .map(|x| Styles::read(&x))
            .unwrap_or_default(),
        None => Styles::default(),
    };
    let numbering = match package.read_part(NUMBERING_PART)? {
        Some(bytes) => xml_text(path, NUMBERING_PART, bytes)
            .ok()
            .map(|x| Numbering::read(&x))
            .unwrap_or_default(),
        None => Numbering::default(),
    };
    let extraction = Extractor::run(&xml, &styles, &numbering).map_err(|e| InputError {
        path: path.to_string(),
        message: e.describe(DOCUMENT_PART, &xml),
    })?;
    if extraction.text.trim().is_empty() {
        return Err(InputError {
            path: path.to_string(),
            message: "this Word document has no text to check".into(),
        });
    }
    let Extraction {
        text,
        places,
        repeated,
        layout,
    } = extraction;
    limits.check_lines(path, &text)?;
    let mut document = match mode {
        Mode::Plan => text::read_plan(text),
        Mode::Statements(part) => statements::read_statements(text, part),
    };
    for item in &mut document.items {
        if let Some(place) = place_at(&places, item.span.start) {
            item.place = match place {
                WordPlace::Paragraph(n) => Place {
                    table: None,
                    column: None,
                    paragraph: Some(*n),
                    page: None,
                },
                WordPlace::Table { table, row, column } => Place {
                    table: Some((*table, *row)),
                    column: column.clone(),
                    paragraph: None,
                    page: None,
                },
            };
        }
    }
    document.repeated = repeated;
    Ok(WordDocument { document, layout })
}

fn place_at(places: &[(usize, WordPlace)], offset: usize) -> Option<&WordPlace> {
    let i = places.partition_point(|(start, _)| *start <= offset);
    places.get(i.checked_sub(1)?).map(|(_, p)| p)
}

/// The text of an XML part: UTF-8, with or without a byte-order mark.
pub(crate) fn xml_text(path: &str, part: &str, bytes: Vec<u8>) -> Result<String, InputError> {
    let bytes = match bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    String::from_utf8(bytes).map_err(|e| InputError {
        path: path.to_string(),
        message: format!(
            "{part} inside this Word document is not UTF-8 text (bad byte at offset {}); open it in Word and save it again",
            e.utf8_error().valid_up_to()
        ),
    })
}

/// A .docx package opened for reading, with a budget on how much it may unpack to.
pub(crate) struct Package<'b> {
    path: String,
    pub(crate) archive: ZipArchive<Cursor<&'b [u8]>>,
    budget: u64,
    limits: Limits,
}

impl<'b> Package<'b> {
    pub(crate) fn open(
        path: &str,
        bytes: &'b [u8],
        limits: &Limits,
    ) -> Result<Package<'b>, InputError> {
        let err = |message: String| InputError {
            path: path.to_string(),
            message,
        };
        if bytes.is_empty() {
            return Err(err("the file is empty: there is nothing to check".into()));
        }
        if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            return Err(err(
                "this is a password-protected Office file or an old Word (.doc) document, which outcome-lint cannot read; in Word, remove the password or use File > Save As > Word Document (.docx), then check the new file".into(),
            ));
        }
        if bytes.starts_with(b"%PDF") {
            return Err(err(
                "this is a PDF file named .docx, not a Word document".into()
            ));
        }
        if !bytes.starts_with(b"PK\x03\x04") && !bytes.starts_with(b"PK\x05\x06") {
            return Err(err(
                "this is not a Word document: a .docx file is a zip package, and this file is not a zip (was another kind of file renamed to .docx?)".into(),
            ));
        }
        let archive = ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
            err(format!(
                "this Word document is damaged: its zip package cannot be read ({e}); open it in Word and save it again"
            ))
        })?;
        if archive.len() > limits.max_docx_parts {
            return Err(limits.exceeded(
                path,
                Limit::DocxParts,
                &format!(
                    "this Word document has more than {} parts (Word writes a few dozen), so it may be a zip bomb",
                    limits.max_docx_parts
                ),
            ));
        }
        Ok(Package {
            path: path.to_string(),
            archive,
            budget: limits.max_docx_unpacked_bytes,
            limits: *limits,
        })
    }

    fn error(&self, message: String) -> InputError {
        InputError {
            path: self.path.clone(),
            message,
        }
    }

    /// Unpacks one part, if the package has it. Reads at most the remaining budget, whatever
    /// size the zip declares.
    pub(crate) fn read_part(&mut self, name: &str) -> Result<Option<Vec<u8>>, InputError> {
        let Some(index) = self.archive.index_for_name(name) else {
            return Ok(None);
        };
        let budget = self.budget;
        let result = match self.archive.by_index(index) {
            Ok(file) => {
                let mut bytes = Vec::new();
                file.take(budget + 1)
                    .read_to_end(&mut bytes)
                    .map(|_| bytes)
                    .map_err(ZipError::Io)
            }
            Err(e) => Err(e),
        };
        let bytes = result.map_err(|e| self.error(describe_zip_error(name, &e)))?;
        if bytes.len() as u64 > budget {
            return Err(self.limits.exceeded(
                &self.path,
                Limit::DocxUnpacked,
                &format!(
                    "this Word document unpacks to more than {} MB, far more than any plan, so it may be a zip bomb",
                    Limit::DocxUnpacked.value(&self.limits)
                ),
            ));
        }
        self.budget -= bytes.len() as u64;
        Ok(Some(bytes))
    }

    /// The message for a zip without `word/document.xml`: say what it seems to be instead.
    fn not_a_word_document(&self) -> InputError {
        let names: Vec<String> = self
            .archive
            .file_names()
            .flatten()
            .map(|n| n.into_owned())
            .collect();
        let has = |prefix: &str| names.iter().any(|n| n.starts_with(prefix));
        let what = if has("xl/") {
            " (it looks like an Excel spreadsheet)"
        } else if has("ppt/") {
            " (it looks like a PowerPoint presentation)"
        } else if names.iter().any(|n| n == "mimetype") {
            " (it looks like an OpenDocument file: save it from LibreOffice as Word .docx)"
        } else {
            ""
        };
        self.error(format!(
            "this zip file is not a Word document: it has no {DOCUMENT_PART}{what}"
        ))
    }
}

fn describe_zip_error(part: &str, e: &ZipError) -> String {
    match e {
        ZipError::UnsupportedArchive(m) if *m == ZipError::PASSWORD_REQUIRED => {
            "this Word document is encrypted; remove the password in Word and save it again"
                .into()
        }
        ZipError::UnsupportedArchive(m) => format!(
            "this Word document uses a zip feature outcome-lint cannot read ({m}); open it in Word and save it again"
        ),
        ZipError::CompressionMethodNotSupported(_) => format!(
            "{part} inside this Word document is compressed in a way outcome-lint cannot read; open it in Word and save it again"
        ),
        _ => format!(
            "this Word document is damaged: {part} cannot be unpacked ({e}); open it in Word and save it again"
        ),
    }
}

/// A problem in the XML, at a byte offset.
#[derive(Debug)]
struct XmlError {
    position: usize,
    message: String,
}

impl XmlError {
    fn describe(&self, part: &str, xml: &str) -> String {
        let at = self.position.min(xml.len());
        let before = xml.get(..at).unwrap_or(xml);
        let line = before.matches('\n').count() + 1;
        let column = before
            .rsplit('\n')
            .next()
            .map(|l| l.chars().count())
            .unwrap_or(0)
            + 1;
        format!(
            "{part} inside this Word document is not well-formed XML: {} at line {line}, column {column} (byte offset {at}); open it in Word and save it again",
            self.message
        )
    }
}

/// Which namespace an element is in, as far as this reader cares.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Ns {
    Word,
    MarkupCompatibility,
    Other,
}

impl Ns {
    fn of(resolved: &ResolveResult<'_>) -> Ns {
        match resolved {
            ResolveResult::Bound(ns) if W_NAMESPACES.contains(&ns.0) => Ns::Word,
            ResolveResult::Bound(ns) if ns.0 == MC_NAMESPACE => Ns::MarkupCompatibility,
            _ => Ns::Other,
        }
    }
}

/// The value of the attribute with this local name (`w:val` → "val").
fn attribute(e: &BytesStart<'_>, local: &str) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (a.key.local_name().as_ref() == local).then(|| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| a.value.to_string())
        })
    })
}

/// What the paragraph styles say: which are headings (and of what level) and which are lists.
#[derive(Clone, Debug, Default)]
struct Styles {
    styles: HashMap<String, StyleInfo>,
}

#[derive(Clone, Debug, Default)]
struct StyleInfo {
    name: String,
    based_on: Option<String>,
    /// 0-based outline level, where the style sets one.
    outline: Option<u8>,
    /// The list the style numbers its paragraphs in ("0" turns numbering off), and at what level.
    num_id: Option<String>,
    level: Option<u8>,
}

impl Styles {
    fn read(xml: &str) -> Styles {
        let mut styles = HashMap::new();
        let mut reader = NsReader::from_str(xml);
        let mut depth = 0usize;
        // The paragraph style being read, with the depth of its element.
        let mut current: Option<(usize, String, StyleInfo)> = None;
        while let Ok((ns, event)) = reader.read_resolved_event() {
            let ns = Ns::of(&ns);
            let (e, is_start) = match &event {
                Event::Start(e) => {
                    depth += 1;
                    (e, true)
                }
                Event::Empty(e) => (e, false),
                Event::End(_) => {
                    if current.as_ref().is_some_and(|(d, _, _)| *d == depth) {
                        if let Some((_, id, info)) = current.take() {
                            styles.insert(id, info);
                        }
                    }
                    depth = depth.saturating_sub(1);
                    continue;
                }
                Event::Eof => break,
                _ => continue,
            };
            if ns != Ns::Word {
                continue;
            }
            let local = e.local_name();
            match (local.as_ref(), &mut current) {
                ("style", None)
                    if is_start && attribute(e, "type").as_deref() == Some("paragraph") =>
                {
                    let id = attribute(e, "styleId").unwrap_or_default();
                    current = Some((depth, id, StyleInfo::default()));
                }
                ("name", Some((_, _, info))) => {
                    info.name = attribute(e, "val").unwrap_or_default().to_lowercase()
                }
                ("basedOn", Some((_, _, info))) => info.based_on = attribute(e, "val"),
                ("outlineLvl", Some((_, _, info))) => {
                    info.outline = attribute(e, "val").and_then(|v| v.parse().ok())
                }
                ("numId", Some((_, _, info))) => info.num_id = attribute(e, "val"),
                ("ilvl", Some((_, _, info))) => {
                    info.level = attribute(e, "val").and_then(|v| v.parse().ok())
                }
                _ => {}
            }
        }
        Styles { styles }
    }

    /// Follows a style and the styles it is based on (a few steps, guarding against loops).
    fn chain<'s>(&'s self, id: &str) -> impl Iterator<Item = &'s StyleInfo> + 's {
        let mut next = self.styles.get(id);
        let mut steps = 0;
        std::iter::from_fn(move || {
            let style = next?;
            steps += 1;
            next = if steps < 12 {
                style.based_on.as_deref().and_then(|b| self.styles.get(b))
            } else {
                None
            };
            Some(style)
        })
    }

    /// The heading level (1–3) a paragraph style gives, if any. Built-in style names are stored
    /// in English whatever the language of Word, so "heading 2" works for every user.
    fn heading_level(&self, id: &str) -> Option<u8> {
        for style in self.chain(id) {
            if style.name == "title" {
                return Some(1);
            }
            if let Some(n) = style.name.strip_prefix("heading ") {
                return n.trim().parse::<u8>().ok().filter(|n| (1..=3).contains(n));
            }
            if let Some(level) = style.outline {
                return (level < 3).then_some(level + 1);
            }
        }
        // Documents without a styles part still name their styles by id.
        let lower = id.to_lowercase();
        if lower == "title" {
            return Some(1);
        }
        lower
            .strip_prefix("heading")
            .and_then(|n| n.parse::<u8>().ok())
            .filter(|n| (1..=3).contains(n))
    }

    /// The list a paragraph style puts its paragraphs in, and the level.
    fn numbering(&self, id: &str) -> Option<(String, Option<u8>)> {
        self.chain(id)
            .find_map(|s| s.num_id.clone().map(|n| (n, s.level)))
    }
}

/// How numbered lists number their paragraphs (`word/numbering.xml`), so that a list whose
/// numbers carry words ("E1.", "Outcome 2:") gives the reader those ids. Plain numbers and
/// bullets are presentation: those paragraphs are read as `- ` items.
#[derive(Clone, Debug, Default)]
struct Numbering {
    /// numId → the abstract list it uses, and start values it overrides by level.
    lists: HashMap<String, (String, HashMap<u8, u32>)>,
    /// abstractNumId → level → how that level is numbered.
    levels: HashMap<String, HashMap<u8, NumberLevel>>,
}

#[derive(Clone, Debug, Default)]
struct NumberLevel {
    start: u32,
    format: String,
    text: String,
}

impl Numbering {
    fn read(xml: &str) -> Numbering {
        let mut numbering = Numbering::default();
        let mut reader = NsReader::from_str(xml);
        let mut abstract_id: Option<String> = None;
        let mut level: Option<u8> = None;
        let mut list: Option<String> = None;
        let mut override_level: Option<u8> = None;
        while let Ok((ns, event)) = reader.read_resolved_event() {
            let ns = Ns::of(&ns);
            let e = match &event {
                Event::Start(e) | Event::Empty(e) => e,
                Event::End(e) => {
                    match e.local_name().as_ref() {
                        "abstractNum" => abstract_id = None,
                        "lvl" => level = None,
                        "num" => list = None,
                        "lvlOverride" => override_level = None,
                        _ => {}
                    }
                    continue;
                }
                Event::Eof => break,
                _ => continue,
            };
            if ns != Ns::Word {
                continue;
            }
            let val = || attribute(e, "val");
            let number = |v: Option<String>| v.and_then(|v| v.parse::<u32>().ok());
            match e.local_name().as_ref() {
                "abstractNum" => abstract_id = attribute(e, "abstractNumId"),
                "num" => list = attribute(e, "numId"),
                "lvlOverride" => override_level = attribute(e, "ilvl").and_then(|v| v.parse().ok()),
                "lvl" if list.is_none() => {
                    level = attribute(e, "ilvl").and_then(|v| v.parse().ok())
                }
                "abstractNumId" => {
                    if let (Some(id), Some(a)) = (&list, val()) {
                        numbering
                            .lists
                            .entry(id.clone())
                            .or_default()
                            .0
                            .clone_from(&a);
                    }
                }
                "startOverride" => {
                    if let (Some(id), Some(l), Some(n)) = (&list, override_level, number(val())) {
                        numbering
                            .lists
                            .entry(id.clone())
                            .or_default()
                            .1
                            .insert(l, n);
                    }
                }
                name @ ("start" | "numFmt" | "lvlText") => {
                    if let (Some(a), Some(l)) = (&abstract_id, level) {
                        let entry = numbering
                            .levels
                            .entry(a.clone())
                            .or_default()
                            .entry(l)
                            .or_insert(NumberLevel {
                                start: 1,
                                ..NumberLevel::default()
                            });
                        match name {
                            "start" => entry.start = number(val()).unwrap_or(1),
                            "numFmt" => entry.format = val().unwrap_or_default(),
                            _ => entry.text = val().unwrap_or_default(),
                        }
                    }
                }
                _ => {}
            }
        }
        numbering
    }

    fn level(&self, list: &str, level: u8) -> Option<&NumberLevel> {
        let (abstract_id, _) = self.lists.get(list)?;
        self.levels.get(abstract_id)?.get(&level)
    }

    fn start(&self, list: &str, level: u8) -> u32 {
        self.lists
            .get(list)
            .and_then(|(_, overrides)| overrides.get(&level).copied())
            .or_else(|| self.level(list, level).map(|l| l.start))
            .unwrap_or(1)
    }
}

/// A number in a list format: 3 → "3", "c", "C", "iii", "III", "03".
fn format_number(n: u32, format: &str) -> String {
    let letters = |upper: bool| {
        // a … z, then aa … zz, as Word counts.
        let n = n.max(1) - 1;
        let letter = (b'a' + (n % 26) as u8) as char;
        let letter = if upper {
            letter.to_ascii_uppercase()
        } else {
            letter
        };
        letter.to_string().repeat((n / 26 + 1) as usize)
    };
    let roman = |upper: bool| {
        let mut n = n.min(3999);
        let mut out = String::new();
        for (value, digits) in [
            (1000, "m"),
            (900, "cm"),
            (500, "d"),
            (400, "cd"),
            (100, "c"),
            (90, "xc"),
            (50, "l"),
            (40, "xl"),
            (10, "x"),
            (9, "ix"),
            (5, "v"),
            (4, "iv"),
            (1, "i"),
        ] {
            while n >= value {
                out.push_str(digits);
                n -= value;
            }
        }
        if upper {
            out.to_uppercase()
        } else {
            out
        }
    };
    match format {
        "lowerLetter" => letters(false),
        "upperLetter" => letters(true),
        "lowerRoman" => roman(false),
        "upperRoman" => roman(true),
        "decimalZero" => format!("{n:02}"),
        _ => n.to_string(),
    }
}

/// Text with the pieces of it that are Word text (the rest is layout the reader added).
#[derive(Clone, Debug, Default)]
struct Fragment {
    text: String,
    pieces: Vec<Piece>,
}

impl Fragment {
    fn push_synthetic(&mut self, s: &str) {
        self.text.push_str(s);
    }

    fn push_word(&mut self, s: &str, node: usize, offset: usize) {
        if s.is_empty() {
            return;
        }
        let start = self.text.len();
        self.text.push_str(s);
        // Join with the previous piece when it continues the same element.
        if let Some(last) = self.pieces.last_mut() {
            if last.node == node
                && last.text.end == start
                && last.offset + last.text.len() == offset
            {
                last.text.end = self.text.len();
                return;
            }
        }
        self.pieces.push(Piece {
            text: start..self.text.len(),
            node,
            offset,
        });
    }

    fn append(&mut self, other: &Fragment) {
        let shift = self.text.len();
        self.text.push_str(&other.text);
        self.pieces.extend(other.pieces.iter().map(|p| Piece {
            text: p.text.start + shift..p.text.end + shift,
            node: p.node,
            offset: p.offset,
        }));
    }

    /// The same text without leading and trailing white space.
    fn trimmed(&self) -> Fragment {
        let start = self.text.len() - self.text.trim_start().len();
        let end = start + self.text.trim().len();
        let pieces = self
            .pieces
            .iter()
            .filter_map(|p| {
                let s = p.text.start.max(start);
                let e = p.text.end.min(end);
                (s < e).then(|| Piece {
                    text: s - start..e - start,
                    node: p.node,
                    offset: p.offset + (s - p.text.start),
                })
            })
            .collect();
        Fragment {
            text: self.text[start..end].to_string(),
            pieces,
        }
    }

    /// Replaces '|' (at the start only, or everywhere) with '¦', so that Word text is never read
    /// as a table cell boundary.
    fn without_pipes(self, everywhere: bool) -> Fragment {
        let positions: Vec<usize> = if everywhere {
            self.text.match_indices('|').map(|(i, _)| i).collect()
        } else if self.text.starts_with('|') {
            vec![0]
        } else {
            Vec::new()
        };
        if positions.is_empty() {
            return self;
        }
        let mut out = Fragment::default();
        let mut from = 0;
        for &at in positions.iter().chain(std::iter::once(&self.text.len())) {
            out.append(&self.slice(from..at));
            if at < self.text.len() {
                out.push_synthetic("¦");
            }
            from = at + 1;
        }
        out
    }

    fn slice(&self, range: Range<usize>) -> Fragment {
        let pieces = self
            .pieces
            .iter()
            .filter_map(|p| {
                let s = p.text.start.max(range.start);
                let e = p.text.end.min(range.end);
                (s < e).then(|| Piece {
                    text: s - range.start..e - range.start,
                    node: p.node,
                    offset: p.offset + (s - p.text.start),
                })
            })
            .collect();
        Fragment {
            text: self.text[range].to_string(),
            pieces,
        }
    }
}

/// A paragraph as Word shows it, with what its style says it is.
#[derive(Clone, Debug, Default)]
struct Paragraph {
    text: Fragment,
    heading: Option<u8>,
    /// The list level, for numbered and bulleted paragraphs.
    list: Option<u8>,
    /// The number Word shows, where it carries words ("E1.", "Outcome 2:").
    label: Option<String>,
}

impl Paragraph {
    /// The line the text reader reads: `## Heading`, `  - item`, or the text.
    fn line(&self) -> Fragment {
        let body = self.text.trimmed().without_pipes(false);
        if body.text.is_empty() {
            return body;
        }
        let mut line = Fragment::default();
        if let Some(level) = self.heading {
            line.push_synthetic(&"#".repeat(level as usize));
            line.push_synthetic(" ");
        } else if let Some(level) = self.list {
            line.push_synthetic(&"  ".repeat(level.min(8) as usize));
            line.push_synthetic("- ");
            if let Some(label) = &self.label {
                line.push_synthetic(label);
                line.push_synthetic(" ");
            }
        }
        line.append(&body);
        line
    }
}

/// A paragraph being read: its properties and text so far.
#[derive(Default)]
struct OpenParagraph {
    text: Fragment,
    style: Option<String>,
    outline: Option<u8>,
    num_id: Option<String>,
    level: Option<u8>,
}

#[derive(Clone, Debug, Default)]
struct CellContent {
    paragraphs: Vec<Paragraph>,
    span: usize,
    /// `Some(true)` starts a vertical merge, `Some(false)` continues the one above.
    merge: Option<bool>,
}

impl CellContent {
    fn text(&self) -> Fragment {
        let mut out = Fragment::default();
        for paragraph in &self.paragraphs {
            let p = paragraph.text.trimmed();
            if p.text.is_empty() {
                continue;
            }
            if !out.text.is_empty() {
                out.push_synthetic(" ");
            }
            if let Some(label) = &paragraph.label {
                out.push_synthetic(label);
                out.push_synthetic(" ");
            }
            out.append(&p);
        }
        out.without_pipes(true)
    }
}

#[derive(Clone, Debug, Default)]
struct RowContent {
    cells: Vec<CellContent>,
    before: usize,
    deleted: bool,
}

/// A table with more than one column, read whole before it is written out.
#[derive(Debug, Default)]
struct GridTable {
    number: usize,
    columns: usize,
    rows: Vec<RowContent>,
}

/// The tables the reader is inside, outermost first.
#[derive(Debug)]
enum TableFrame {
    /// A table with columns: written as a pipe table.
    Grid(GridTable),
    /// A one-column table used as a box around ordinary text: its paragraphs are read as if
    /// the box were not there.
    Box,
    /// A table inside a cell of a grid table: flattened into that cell's text.
    Nested,
}

/// What each open element is, so that its end can be handled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tag {
    Other,
    Skipped,
    Paragraph,
    ParagraphProperties,
    NumberingProperties,
    Run,
    RunProperties,
    Text,
    Deleted,
    Table,
    TableGrid,
    Row,
    RowProperties,
    Cell,
    CellProperties,
}

#[derive(Debug)]
struct Extraction {
    text: String,
    places: Vec<(usize, WordPlace)>,
    repeated: Vec<Span>,
    layout: Layout,
}

struct Extractor<'s> {
    styles: &'s Styles,
    numbering: &'s Numbering,
    /// The count at each level of each numbered list so far.
    counters: HashMap<String, [u32; 9]>,
    stack: Vec<Tag>,
    skipped: usize,
    deleted: usize,
    /// Open complex fields: false while in the field's instructions, true in its result.
    fields: Vec<bool>,
    paragraph: Option<OpenParagraph>,
    tables: Vec<TableFrame>,
    tables_seen: usize,
    paragraphs_seen: usize,
    /// The run being read: its index in `layout.runs` once one of its texts is kept.
    run: Option<(RunTags, Option<usize>)>,
    run_properties_start: usize,
    /// The `w:t` element being read, as an index into `layout.nodes`, and its text so far.
    node: Option<(usize, usize)>,
    out: Extraction,
}

impl<'s> Extractor<'s> {
    fn run(
        xml: &str,
        styles: &'s Styles,
        numbering: &'s Numbering,
    ) -> Result<Extraction, XmlError> {
        let mut x = Extractor {
            styles,
            numbering,
            counters: HashMap::new(),
            stack: Vec::new(),
            skipped: 0,
            deleted: 0,
            fields: Vec::new(),
            paragraph: None,
            tables: Vec::new(),
            tables_seen: 0,
            paragraphs_seen: 0,
            run: None,
            run_properties_start: 0,
            node: None,
            out: Extraction {
                text: String::new(),
                places: Vec::new(),
                repeated: Vec::new(),
                layout: Layout::default(),
            },
        };
        let mut reader = NsReader::from_str(xml);
        let mut seen_root = false;
        loop {
            let before = reader.buffer_position() as usize;
            let (ns, event) = match reader.read_resolved_event() {
                Ok((ns, event)) => (Ns::of(&ns), event),
                Err(e) => {
                    return Err(XmlError {
                        position: reader.error_position() as usize,
                        message: e.to_string(),
                    })
                }
            };
            let after = reader.buffer_position() as usize;
            match event {
                Event::Start(e) => {
                    seen_root = true;
                    let tag = x.start(ns, &e, before..after);
                    x.stack.push(tag);
                    if tag == Tag::Skipped {
                        x.skipped += 1;
                    }
                }
                Event::Empty(e) => {
                    seen_root = true;
                    let tag = x.start(ns, &e, before..after);
                    if tag == Tag::Skipped {
                        x.skipped += 1;
                    }
                    x.end(tag, after);
                }
                Event::End(_) => {
                    let Some(tag) = x.stack.pop() else {
                        return Err(XmlError {
                            position: before,
                            message: "an end tag with no start tag".into(),
                        });
                    };
                    x.end(tag, after);
                }
                Event::Text(t) => x.text(&t, before),
                Event::CData(t) => x.text(&t, before + "<![CDATA[".len()),
                Event::GeneralRef(r) => {
                    let decoded = if r.is_char_ref() {
                        r.resolve_char_ref().ok().flatten()
                    } else {
                        match &*r {
                            "amp" => Some('&'),
                            "lt" => Some('<'),
                            "gt" => Some('>'),
                            "apos" => Some('\''),
                            "quot" => Some('"'),
                            _ => None,
                        }
                    };
                    let Some(c) = decoded else {
                        return Err(XmlError {
                            position: before,
                            message: format!("unknown entity '&{};'", &*r),
                        });
                    };
                    x.reference(c, before..after);
                }
                Event::Eof => break,
                _ => {}
            }
        }
        if !x.stack.is_empty() || !seen_root {
            return Err(XmlError {
                position: xml.len(),
                message: if seen_root {
                    "the XML ends before all its elements are closed".into()
                } else {
                    "there is no XML element at all".into()
                },
            });
        }
        Ok(x.out)
    }

    fn parent(&self) -> Tag {
        self.stack.last().copied().unwrap_or(Tag::Other)
    }

    /// True while text is not shown: deleted, in a field's instructions, or in a skipped part.
    fn hidden(&self) -> bool {
        self.skipped > 0 || self.deleted > 0 || self.fields.iter().any(|in_result| !in_result)
    }

    fn grid(&mut self) -> Option<&mut GridTable> {
        self.tables.iter_mut().find_map(|t| match t {
            TableFrame::Grid(g) => Some(g),
            _ => None,
        })
    }

    fn start(&mut self, ns: Ns, e: &BytesStart<'_>, raw: Range<usize>) -> Tag {
        if self.skipped > 0 {
            return Tag::Other;
        }
        if ns == Ns::MarkupCompatibility && e.local_name().as_ref() == "Fallback" {
            return Tag::Skipped;
        }
        if ns != Ns::Word {
            return Tag::Other;
        }
        let parent = self.parent();
        match e.local_name().as_ref() {
            // Not plan content, or content the main text already shows.
            "sdtPr" | "sdtEndPr" | "txbxContent" | "drawing" | "pict" | "object" | "delText"
            | "instrText" | "tblPr" | "tblPrEx" | "sectPr" => Tag::Skipped,
            "p" => {
                self.finish_paragraph();
                self.paragraph = Some(OpenParagraph::default());
                Tag::Paragraph
            }
            "pPr" if parent == Tag::Paragraph => Tag::ParagraphProperties,
            "pStyle" if parent == Tag::ParagraphProperties => {
                if let Some(p) = &mut self.paragraph {
                    p.style = attribute(e, "val");
                }
                Tag::Other
            }
            "outlineLvl" if parent == Tag::ParagraphProperties => {
                if let Some(p) = &mut self.paragraph {
                    p.outline = attribute(e, "val").and_then(|v| v.parse().ok());
                }
                Tag::Other
            }
            "numPr" if parent == Tag::ParagraphProperties => Tag::NumberingProperties,
            "numId" if parent == Tag::NumberingProperties => {
                if let Some(p) = &mut self.paragraph {
                    p.num_id = attribute(e, "val");
                }
                Tag::Other
            }
            "ilvl" if parent == Tag::NumberingProperties => {
                if let Some(p) = &mut self.paragraph {
                    p.level = attribute(e, "val").and_then(|v| v.parse().ok());
                }
                Tag::Other
            }
            "r" => {
                self.run = Some((
                    RunTags {
                        qname: e.name().as_ref().to_string(),
                        open: raw,
                        properties: None,
                    },
                    None,
                ));
                Tag::Run
            }
            "rPr" if parent == Tag::Run => {
                self.run_properties_start = raw.start;
                Tag::RunProperties
            }
            "t" if parent == Tag::Run && !self.hidden() => {
                let run = self.kept_run();
                let node = self.out.layout.nodes.len();
                self.out.layout.nodes.push(TextNode {
                    run,
                    qname: e.name().as_ref().to_string(),
                    segments: Vec::new(),
                });
                self.node = Some((node, 0));
                Tag::Text
            }
            "tab" | "ptab" | "br" | "cr" if parent == Tag::Run && !self.hidden() => {
                if let Some(p) = &mut self.paragraph {
                    p.text.push_synthetic(" ");
                }
                Tag::Other
            }
            "noBreakHyphen" if parent == Tag::Run && !self.hidden() => {
                if let Some(p) = &mut self.paragraph {
                    p.text.push_synthetic("-");
                }
                Tag::Other
            }
            "fldChar" => {
                match attribute(e, "fldCharType").as_deref() {
                    Some("begin") => self.fields.push(false),
                    Some("separate") => {
                        if let Some(last) = self.fields.last_mut() {
                            *last = true;
                        }
                    }
                    Some("end") => {
                        self.fields.pop();
                    }
                    _ => {}
                }
                Tag::Other
            }
            "del" if parent == Tag::RowProperties => {
                // A row deleted with tracked changes on: gone once the changes are accepted.
                if let Some(TableFrame::Grid(g)) = self.tables.last_mut() {
                    if let Some(row) = g.rows.last_mut() {
                        row.deleted = true;
                    }
                }
                Tag::Other
            }
            "del" | "moveFrom" => {
                self.deleted += 1;
                Tag::Deleted
            }
            "tbl" => {
                self.finish_paragraph();
                if self.grid().is_some() {
                    self.tables.push(TableFrame::Nested);
                } else {
                    self.tables_seen += 1;
                    self.tables.push(TableFrame::Grid(GridTable {
                        number: self.tables_seen,
                        ..GridTable::default()
                    }));
                }
                Tag::Table
            }
            "tblGrid" => Tag::TableGrid,
            "gridCol" if parent == Tag::TableGrid => {
                if let Some(TableFrame::Grid(g)) = self.tables.last_mut() {
                    g.columns += 1;
                }
                Tag::Other
            }
            "tr" => {
                if let Some(TableFrame::Grid(g)) = self.tables.last_mut() {
                    g.rows.push(RowContent::default());
                }
                Tag::Row
            }
            "trPr" if parent == Tag::Row => Tag::RowProperties,
            "gridBefore" if parent == Tag::RowProperties => {
                let n = attribute(e, "val")
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(0);
                if let Some(TableFrame::Grid(g)) = self.tables.last_mut() {
                    if let Some(row) = g.rows.last_mut() {
                        row.before = n;
                    }
                }
                Tag::Other
            }
            "tc" => {
                if let Some(TableFrame::Grid(g)) = self.tables.last_mut() {
                    if let Some(row) = g.rows.last_mut() {
                        row.cells.push(CellContent {
                            span: 1,
                            ..CellContent::default()
                        });
                    }
                }
                Tag::Cell
            }
            "tcPr" if parent == Tag::Cell => Tag::CellProperties,
            "gridSpan" | "vMerge" if parent == Tag::CellProperties => {
                let value = attribute(e, "val");
                let horizontal = e.local_name().as_ref() == "gridSpan";
                if let Some(TableFrame::Grid(g)) = self.tables.last_mut() {
                    if let Some(cell) = g.rows.last_mut().and_then(|r| r.cells.last_mut()) {
                        if horizontal {
                            cell.span = value
                                .and_then(|v| v.parse::<usize>().ok())
                                .unwrap_or(1)
                                .clamp(1, 64);
                        } else {
                            cell.merge = Some(value.as_deref() == Some("restart"));
                        }
                    }
                }
                Tag::Other
            }
            _ => Tag::Other,
        }
    }

    /// The index in `layout.runs` of the run being read, adding it when its first text is kept.
    fn kept_run(&mut self) -> usize {
        match &mut self.run {
            Some((_, Some(index))) => *index,
            Some((tags, index)) => {
                let i = self.out.layout.runs.len();
                self.out.layout.runs.push(tags.clone());
                *index = Some(i);
                i
            }
            None => {
                // A `w:t` outside a run is not valid Word; keep its text, without a run to split.
                let i = self.out.layout.runs.len();
                self.out.layout.runs.push(RunTags {
                    qname: String::new(),
                    open: 0..0,
                    properties: None,
                });
                i
            }
        }
    }

    fn end(&mut self, tag: Tag, after: usize) {
        match tag {
            Tag::Skipped => self.skipped = self.skipped.saturating_sub(1),
            Tag::Paragraph => self.finish_paragraph(),
            Tag::Run => self.run = None,
            Tag::RunProperties => {
                let start = self.run_properties_start;
                if let Some((tags, index)) = &mut self.run {
                    tags.properties = Some(start..after);
                    if let Some(i) = index {
                        self.out.layout.runs[*i].properties = Some(start..after);
                    }
                }
            }
            Tag::Text => self.node = None,
            Tag::Deleted => self.deleted = self.deleted.saturating_sub(1),
            Tag::TableGrid => {
                if let Some(TableFrame::Grid(g)) = self.tables.last() {
                    if g.columns == 1 {
                        self.tables.pop();
                        self.tables.push(TableFrame::Box);
                    }
                }
            }
            Tag::Table => {
                self.finish_paragraph();
                if let Some(TableFrame::Grid(g)) = self.tables.pop() {
                    self.write_table(g);
                }
            }
            _ => {}
        }
    }

    fn text(&mut self, raw_text: &str, raw_start: usize) {
        let Some((node, decoded)) = self.node else {
            return;
        };
        if raw_text.is_empty() {
            return;
        }
        // Line ends and other ASCII control characters inside Word text would break the line
        // layout: they become spaces, one byte for one byte, so that offsets in the text are
        // offsets in the XML.
        let clean: String = raw_text
            .chars()
            .map(|c| if c.is_ascii_control() { ' ' } else { c })
            .collect();
        self.out.layout.nodes[node].segments.push(Segment {
            decoded,
            decoded_len: clean.len(),
            raw: raw_start..raw_start + raw_text.len(),
            atomic: false,
        });
        if let Some(p) = &mut self.paragraph {
            p.text.push_word(&clean, node, decoded);
        }
        self.node = Some((node, decoded + clean.len()));
    }

    fn reference(&mut self, c: char, raw: Range<usize>) {
        let Some((node, decoded)) = self.node else {
            return;
        };
        let c = if c.is_ascii_control() { ' ' } else { c };
        let mut buf = [0u8; 4];
        let s = c.encode_utf8(&mut buf);
        self.out.layout.nodes[node].segments.push(Segment {
            decoded,
            decoded_len: s.len(),
            raw,
            atomic: true,
        });
        if let Some(p) = &mut self.paragraph {
            p.text.push_word(s, node, decoded);
        }
        self.node = Some((node, decoded + s.len()));
    }

    fn finish_paragraph(&mut self) {
        let Some(open) = self.paragraph.take() else {
            return;
        };
        let style = open.style.as_deref().unwrap_or("");
        let heading = open
            .outline
            .map(|l| l + 1)
            .filter(|l| *l <= 3)
            .or_else(|| self.styles.heading_level(style));
        let list = match open.num_id {
            Some(id) => Some((id, open.level)),
            None => self
                .styles
                .numbering(style)
                .map(|(id, level)| (id, open.level.or(level))),
        }
        .filter(|(id, _)| id != "0" && heading.is_none())
        .map(|(id, level)| (id, level.unwrap_or(0).min(8)));
        let label = list
            .as_ref()
            .and_then(|(id, level)| self.number_label(id, *level));
        let paragraph = Paragraph {
            text: open.text,
            heading,
            list: list.map(|(_, level)| level),
            label,
        };
        if let Some(grid) = self.grid() {
            if let Some(cell) = grid.rows.last_mut().and_then(|r| r.cells.last_mut()) {
                cell.paragraphs.push(paragraph);
            }
            return;
        }
        let line = paragraph.line();
        if line.text.is_empty() {
            self.push_line(&line, None);
        } else {
            self.paragraphs_seen += 1;
            let place = WordPlace::Paragraph(self.paragraphs_seen);
            self.push_line(&line, Some(place));
        }
    }

    /// Counts a numbered paragraph, and returns the number Word shows for it when that number
    /// carries words ("E3.", "Outcome 2:"); a plain "3." or a bullet gives none.
    fn number_label(&mut self, list: &str, level: u8) -> Option<String> {
        let level = level as usize;
        let counters = self.counters.entry(list.to_string()).or_insert([0; 9]);
        counters[level] = if counters[level] == 0 {
            self.numbering.start(list, level as u8)
        } else {
            counters[level] + 1
        };
        for deeper in counters.iter_mut().skip(level + 1) {
            *deeper = 0;
        }
        let counters = *counters;
        let format = self.numbering.level(list, level as u8)?;
        if format.format == "bullet" || format.format == "none" {
            return None;
        }
        let mut label = format.text.clone();
        for k in (1..=9usize).rev() {
            let placeholder = format!("%{k}");
            if label.contains(&placeholder) {
                let l = k - 1;
                let n = if counters[l] == 0 {
                    self.numbering.start(list, l as u8)
                } else {
                    counters[l]
                };
                let f = self
                    .numbering
                    .level(list, l as u8)
                    .map_or("decimal", |f| f.format.as_str());
                label = label.replace(&placeholder, &format_number(n, f));
            }
        }
        let words = format.text.chars().filter(|c| c.is_alphabetic()).count();
        (words > 0).then(|| label.trim().to_string())
    }

    fn push_line(&mut self, line: &Fragment, place: Option<WordPlace>) {
        let start = self.out.text.len();
        if let Some(place) = place {
            self.out.places.push((start, place));
        }
        self.append(line);
        self.out.text.push('\n');
    }

    fn append(&mut self, f: &Fragment) {
        let shift = self.out.text.len();
        self.out.text.push_str(&f.text);
        self.out
            .layout
            .pieces
            .extend(f.pieces.iter().map(|p| Piece {
                text: p.text.start + shift..p.text.end + shift,
                node: p.node,
                offset: p.offset,
            }));
    }

    fn blank_line(&mut self) {
        if !self.out.text.is_empty() && !self.out.text.ends_with("\n\n") {
            self.out.text.push('\n');
        }
    }

    /// Writes a grid table as a pipe table: title rows (one cell across the whole table) before
    /// the header as lines of their own, the first other row as the header, and a title row
    /// after the header (an area-of-need heading across the table) as a line between two copies
    /// of the table, so that the text reader sees the heading and then the same columns.
    fn write_table(&mut self, table: GridTable) {
        let widest = table
            .rows
            .iter()
            .map(|r| r.before + r.cells.iter().map(|c| c.span).sum::<usize>())
            .max()
            .unwrap_or(0);
        let columns = table.columns.max(widest);
        if columns <= 1 {
            // A one-column table without a grid: a box around text.
            for row in &table.rows {
                for cell in &row.cells {
                    for p in &cell.paragraphs {
                        self.body_line(p);
                    }
                }
            }
            return;
        }
        if is_form(&table, columns) {
            self.write_form(&table);
            return;
        }
        self.blank_line();
        // The header row's cells and its row number, once read.
        let mut header: Option<(Vec<Fragment>, usize)> = None;
        let mut header_pending = false;
        let mut above: Vec<Option<Fragment>> = vec![None; columns];
        for (r, row) in table.rows.iter().filter(|r| !r.deleted).enumerate() {
            let number = r + 1;
            let real: Vec<&CellContent> = row.cells.iter().collect();
            let full_width = real.len() == 1 && real[0].span + row.before >= columns;
            if full_width || real.is_empty() {
                let text = real.first().map(|c| c.text()).unwrap_or_default();
                if text.text.is_empty() {
                    continue;
                }
                self.blank_line();
                let place = WordPlace::Table {
                    table: table.number,
                    row: number,
                    column: None,
                };
                self.push_line(&text, Some(place));
                self.blank_line();
                header_pending = header.is_some();
                above = vec![None; columns];
                continue;
            }
            if header_pending {
                if let Some((cells, row)) = &header {
                    let cells = cells.clone();
                    self.header_copy(&cells, table.number, *row);
                }
                header_pending = false;
            }
            // The row's text per grid column.
            let mut cells: Vec<(Fragment, bool)> = vec![(Fragment::default(), false); columns];
            let mut col = row.before.min(columns);
            for cell in &row.cells {
                if col >= columns {
                    break;
                }
                if cell.merge == Some(false) {
                    if let Some(text) = &above[col] {
                        cells[col] = (
                            Fragment {
                                text: text.text.clone(),
                                pieces: Vec::new(),
                            },
                            true,
                        );
                    }
                } else {
                    let text = cell.text();
                    above[col] = Some(text.clone());
                    cells[col] = (text, false);
                }
                for covered in col + 1..(col + cell.span).min(columns) {
                    above[covered] = None;
                    if header.is_none() {
                        // A header spread over several columns names each of them; findings
                        // in either copy point at the same words in Word.
                        cells[covered] = (cells[col].0.clone(), false);
                    }
                }
                col += cell.span;
            }
            let names: Vec<String> = match &header {
                Some((h, _)) => h.iter().map(|f| f.text.clone()).collect(),
                None => cells.iter().map(|(f, _)| f.text.clone()).collect(),
            };
            self.table_line(&cells, table.number, number, &names);
            if header.is_none() {
                let separator = format!("|{}\n", "---|".repeat(columns));
                self.out.text.push_str(&separator);
                header = Some((cells.into_iter().map(|(f, _)| f).collect(), number));
            }
        }
        self.blank_line();
    }

    /// The header row again (after a heading row inside the table), so that the rows below
    /// keep their columns. It is the same Word text: findings in it point at the header in Word.
    fn header_copy(&mut self, header: &[Fragment], table: usize, row: usize) {
        let cells: Vec<(Fragment, bool)> = header.iter().map(|h| (h.clone(), false)).collect();
        let names: Vec<String> = header.iter().map(|h| h.text.clone()).collect();
        self.table_line(&cells, table, row, &names);
        let separator = format!("|{}\n", "---|".repeat(header.len()));
        self.out.text.push_str(&separator);
    }

    fn table_line(
        &mut self,
        cells: &[(Fragment, bool)],
        table: usize,
        row: usize,
        header: &[String],
    ) {
        self.out.text.push('|');
        for (i, (cell, copied)) in cells.iter().enumerate() {
            self.out.text.push(' ');
            let start = self.out.text.len();
            self.out.places.push((
                start,
                WordPlace::Table {
                    table,
                    row,
                    column: header
                        .get(i)
                        .map(|h| h.trim().to_string())
                        .filter(|h| !h.is_empty()),
                },
            ));
            self.append(cell);
            if *copied && !cell.text.is_empty() {
                self.out.repeated.push(start..self.out.text.len());
            }
            self.out.text.push_str(" |");
        }
        self.out.text.push('\n');
    }

    /// Writes a form (labels in the first column, what they label in the second) as the
    /// `Label: value` lines a text plan has, a value of several paragraphs or a list under its
    /// label, and a row across the table as a line of its own.
    fn write_form(&mut self, table: &GridTable) {
        self.blank_line();
        for (r, row) in table.rows.iter().filter(|r| !r.deleted).enumerate() {
            let place = WordPlace::Table {
                table: table.number,
                row: r + 1,
                column: None,
            };
            let [label, value] = row.cells.as_slice() else {
                for p in row.cells.iter().flat_map(|c| &c.paragraphs) {
                    let line = p.line();
                    if !line.text.is_empty() {
                        self.push_line(&line, Some(place.clone()));
                    }
                }
                continue;
            };
            let label = label.text();
            let label = label.slice(0..label.text.trim_end_matches([':', ' ']).len());
            let values: Vec<&Paragraph> = value
                .paragraphs
                .iter()
                .filter(|p| !p.text.text.trim().is_empty())
                .collect();
            let mut line = label;
            if !line.text.is_empty() {
                line.push_synthetic(":");
            }
            match values.as_slice() {
                [only] if only.list.is_none() => {
                    if !line.text.is_empty() {
                        line.push_synthetic(" ");
                    }
                    line.append(&only.text.trimmed().without_pipes(false));
                    self.push_line(&line, Some(place));
                }
                _ => {
                    if !line.text.is_empty() {
                        self.push_line(&line, Some(place.clone()));
                    }
                    for p in values {
                        self.push_line(&p.line(), Some(place.clone()));
                    }
                }
            }
        }
        self.blank_line();
    }

    fn body_line(&mut self, paragraph: &Paragraph) {
        let line = paragraph.line();
        if line.text.is_empty() {
            return;
        }
        self.paragraphs_seen += 1;
        let place = WordPlace::Paragraph(self.paragraphs_seen);
        self.push_line(&line, Some(place));
    }
}

/// Labels that open a field in plan headers and COM proformas: the first words of the label
/// cells of a form.
const FORM_LABELS: &[&str] = &[
    "name",
    "child's name",
    "child’s name",
    "young person's name",
    "young person’s name",
    "full name",
    "preferred name",
    "known as",
    "date of birth",
    "year group",
    "nc year",
    "national curriculum year",
    "school year",
    "date of plan",
    "plan date",
    "date of this plan",
    "date issued",
    "date of meeting",
    "status",
    "strengths",
    "needs",
    "identified need",
    "long-term outcome",
    "long term outcome",
    "short-term",
    "short term",
    "steps",
    "targets",
    "aspirations",
    "hopes",
];

/// A two-column table whose first column labels its second (the child's details at the top of a
/// plan, a COM proforma): at least two different known labels, and no label that reads as a
/// sentence. A table whose first row names columns ("Provision | Who") is not one.
fn is_form(table: &GridTable, columns: usize) -> bool {
    if columns != 2 {
        return false;
    }
    let mut known: Vec<String> = Vec::new();
    for row in &table.rows {
        match row.cells.as_slice() {
            [label, _] if row.before == 0 => {
                let text = label.text().text;
                let label = text.trim().trim_end_matches(':').trim().to_lowercase();
                if label.chars().count() > 60 || label.ends_with(['.', '?', '!']) {
                    return false;
                }
                let is_known = FORM_LABELS.iter().any(|k| {
                    label
                        .strip_prefix(k)
                        .is_some_and(|rest| !rest.starts_with(char::is_alphanumeric))
                });
                if is_known && !known.contains(&label) {
                    known.push(label);
                }
            }
            [_] => {}
            _ => return false,
        }
    }
    known.len() >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    fn extract(body: &str) -> Extraction {
        let xml = format!(
            r#"<?xml version="1.0"?><w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>"#
        );
        Extractor::run(&xml, &Styles::default(), &Numbering::default()).expect("well-formed")
    }

    fn p(text: &str) -> String {
        format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")
    }

    #[test]
    fn paragraphs_headings_and_lists() {
        let body = format!(
            r#"<w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr><w:r><w:t>Section E</w:t></w:r></w:p>{}<w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="3"/></w:numPr></w:pPr><w:r><w:t xml:space="preserve">Sam will </w:t></w:r><w:r><w:t>swim.</w:t></w:r></w:p>"#,
            p("Tom &amp; Jerry")
        );
        let x = extract(&body);
        assert_eq!(x.text, "## Section E\nTom & Jerry\n  - Sam will swim.\n");
        assert_eq!(x.places.len(), 3);
        assert_eq!(x.places[2], (25, WordPlace::Paragraph(3)));
        // "Tom & Jerry" is one piece of one element whose '&' is five bytes in the XML.
        let piece = &x.layout.pieces[1];
        assert_eq!(&x.text[piece.text.clone()], "Tom & Jerry");
        let node = &x.layout.nodes[piece.node];
        let after_amp = node.raw_position(5).unwrap();
        let before_amp = node.raw_position(4).unwrap();
        assert_eq!(after_amp - before_amp, "&amp;".len());
    }

    #[test]
    fn deleted_table_rows_are_gone() {
        let row = |a: &str, b: &str, props: &str| {
            format!(
                "<w:tr><w:trPr>{props}</w:trPr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr>",
                p(a),
                p(b)
            )
        };
        let body = format!(
            "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>{}{}{}</w:tbl>",
            row("Provision", "Who", ""),
            row("Old", "Gone", r#"<w:del w:id="1" w:author="x"/>"#),
            row("New", "Here", ""),
        );
        let x = extract(&body);
        assert_eq!(x.text, "| Provision | Who |\n|---|---|\n| New | Here |\n\n");
        let new = x.text.find("New").unwrap();
        assert!(matches!(
            place_at(&x.places, new),
            Some(WordPlace::Table { row: 2, .. })
        ));
    }

    #[test]
    fn tracked_changes_fields_and_controls() {
        let body = r#"<w:p><w:r><w:t xml:space="preserve">Sam will </w:t></w:r><w:del w:id="1"><w:r><w:delText>try to </w:delText></w:r></w:del><w:ins w:id="2"><w:r><w:t>swim</w:t></w:r></w:ins><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>HYPERLINK "x"</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t xml:space="preserve"> well</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:sdt><w:sdtPr><w:alias w:val="x"/><w:r><w:t>hidden</w:t></w:r></w:sdtPr><w:sdtContent><w:r><w:t>.</w:t></w:r></w:sdtContent></w:sdt></w:p>"#;
        assert_eq!(extract(body).text, "Sam will swim well.\n");
    }

    #[test]
    fn tables_merges_and_nesting() {
        let cell = |t: &str, props: &str| format!("<w:tc><w:tcPr>{props}</w:tcPr>{}</w:tc>", p(t));
        let row = |cells: &[String]| format!("<w:tr>{}</w:tr>", cells.concat());
        let nested = format!(
            "<w:tc><w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>{}</w:tbl></w:tc>",
            row(&[cell("a", ""), cell("b", "")])
        );
        let rows = [
            row(&[
                cell("Need", ""),
                cell("Provision", r#"<w:gridSpan w:val="2"/>"#),
            ]),
            row(&[
                cell("B1 x|y", r#"<w:vMerge w:val="restart"/>"#),
                cell("F1", ""),
                nested,
            ]),
            row(&[cell("", "<w:vMerge/>"), cell("F2", ""), cell("", "")]),
            row(&[cell(
                "Communication and interaction",
                r#"<w:gridSpan w:val="3"/>"#,
            )]),
            row(&[cell("B2", ""), cell("F3", ""), cell("", "")]),
        ];
        let body = format!(
            "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>{}</w:tbl>",
            rows.concat()
        );
        let x = extract(&body);
        assert_eq!(
            x.text,
            "| Need | Provision | Provision |\n|---|---|---|\n| B1 x¦y | F1 | a b |\n| B1 x¦y | F2 |  |\n\nCommunication and interaction\n\n| Need | Provision | Provision |\n|---|---|---|\n| B2 | F3 |  |\n\n"
        );
        // The header written again is the header's Word text, so it maps back to the XML.
        let again = x.text.rfind("| Need").unwrap() + 2;
        assert!(x.layout.pieces.iter().any(|p| p.text.start == again));
        assert!(!x.repeated.iter().any(|r| r.contains(&again)));
        let copy = x.text.rfind("B1 x¦y").unwrap();
        assert!(x.repeated.iter().any(|r| r.contains(&copy)));
        let f2 = x.text.find("F2").unwrap();
        assert_eq!(
            place_at(&x.places, f2),
            Some(&WordPlace::Table {
                table: 1,
                row: 3,
                column: Some("Provision".into())
            })
        );
    }

    #[test]
    fn one_column_tables_are_boxes() {
        let body = format!(
            "<w:tbl><w:tblGrid><w:gridCol/></w:tblGrid><w:tr><w:tc>{}{}</w:tc></w:tr></w:tbl>",
            p("Section E: Outcomes"),
            p("E1. Sam will swim.")
        );
        assert_eq!(
            extract(&body).text,
            "Section E: Outcomes\nE1. Sam will swim.\n"
        );
    }

    #[test]
    fn text_offsets_are_xml_offsets() {
        let x = extract(&p("a\u{85}b\r\nc&#10;d"));
        assert_eq!(x.text, "a\u{85}b  c d\n");
        let node = &x.layout.nodes[0];
        let raw = |d: usize| node.raw_position(d).unwrap();
        assert_eq!(
            raw(3) - raw(0),
            3,
            "a two-byte character is two bytes in both"
        );
        assert_eq!(raw(8) - raw(7), "&#10;".len());
    }

    #[test]
    fn malformed_xml_says_where() {
        let xml = format!("<w:document xmlns:w=\"{W}\">\n<w:body><w:p></w:body></w:document>");
        let e = Extractor::run(&xml, &Styles::default(), &Numbering::default()).unwrap_err();
        let message = e.describe(DOCUMENT_PART, &xml);
        assert!(message.contains("line 2"), "{message}");
    }
}
