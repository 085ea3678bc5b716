//! PDF files with a text layer (COM records are often circulated as PDF): the text of each page,
//! in reading order, written out as lines for the text reader, with each item's page number.
//!
//! Text comes from the `pdf-extract` crate, one page at a time. It starts a new line where the
//! text moves down the page and leaves a blank line where the gap is wider than a line, so a
//! paragraph's lines stay together, paragraphs are apart, and a table row whose cells sit on one
//! baseline comes out as one line. Those lines are handed to [`text::read_plan`] as they are:
//! a PDF has no headings or tables to read, only text placed on a page.
//!
//! A file that is not a PDF or is damaged, a password-protected PDF, and a PDF without text (a
//! scan) each get one clear [`InputError`]. `pdf-extract` panics on some damaged files, so it
//! runs inside [`std::panic::catch_unwind`], with the panic message kept off standard error.

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

use pdf_extract::{Error as PdfError, OutputError};

use super::{statements, text, InputError, Mode};
use crate::document::Document;
use crate::limits::Limits;

/// The most text read out of a PDF, in bytes. Plans are tens of kilobytes of text.
pub const MAX_TEXT_BYTES: usize = 16 * 1024 * 1024;

/// Whether a file name says it is a PDF.
pub fn is_pdf_name(path: &str) -> bool {
    super::has_extension(std::path::Path::new(path), &["pdf"])
}

/// Reads a PDF file's bytes into a document (a plan, or a statement list in statement mode).
/// Every item's [`Place::page`](crate::document::Place::page) is the page its text starts on.
pub fn read(path: &str, bytes: &[u8], mode: Mode) -> Result<Document, InputError> {
    read_within(path, bytes, mode, &Limits::default())
}

/// [`read`] within `limits`: the file's size and its longest line. A COM record is a few hundred
/// kilobytes even with a logo.
pub fn read_within(
    path: &str,
    bytes: &[u8],
    mode: Mode,
    limits: &Limits,
) -> Result<Document, InputError> {
    let err = |message: &str| InputError {
        path: path.to_string(),
        message: message.to_string(),
    };
    if bytes.trim_ascii().is_empty() {
        return Err(err("the file is empty: there is nothing to check"));
    }
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(limits.file_too_large(path));
    }
    // A PDF starts with `%PDF-`; the standard lets some bytes come before it.
    let head = &bytes[..bytes.len().min(1024)];
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(err(DAMAGED));
    }
    let pages = extract_pages(bytes).map_err(|e| err(e.message()))?;
    let (text, starts) = lay_out(&pages);
    if text.trim().is_empty() {
        return Err(err(NO_TEXT));
    }
    if text.len() > MAX_TEXT_BYTES {
        return Err(err(
            "this PDF holds too much text to be a plan (over 16 MB); check that it is the right file",
        ));
    }
    limits.check_lines(path, &text)?;
    let mut document = match mode {
        Mode::Plan => text::read_plan(text),
        Mode::Statements(part) => statements::read_statements(text, part),
    };
    for item in &mut document.items {
        let page = starts.partition_point(|&start| start <= item.span.start);
        item.place.page = Some(page.max(1));
    }
    Ok(document)
}

const DAMAGED: &str = "this file cannot be read as a PDF: it is not a PDF or it is damaged; open it and save or export it as PDF again, or ask for the original document";
const ENCRYPTED: &str = "this PDF is password-protected, so its text cannot be read; ask for a copy without a password, or open it and save it as a new PDF without one";
const NO_TEXT: &str = "this PDF has no text layer: it looks like a scan; ask for the original document or run it through text recognition first";

/// Why a PDF's text could not be read.
enum Failure {
    Damaged,
    Encrypted,
}

impl Failure {
    fn message(&self) -> &'static str {
        match self {
            Failure::Damaged => DAMAGED,
            Failure::Encrypted => ENCRYPTED,
        }
    }
}

thread_local! {
    /// Set while this thread extracts a PDF, so that a panic inside the crate is not printed.
    static EXTRACTING: Cell<bool> = const { Cell::new(false) };
}

/// Installs, once, a panic hook that stays quiet about panics inside PDF extraction (they are
/// caught and reported as a damaged file) and passes every other panic to the previous hook.
fn quiet_extraction_panics() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !EXTRACTING.with(Cell::get) {
                previous(info);
            }
        }));
    });
}

/// The text of each page, first page first. A PDF that opens but whose pages cannot be read
/// counts as damaged.
fn extract_pages(bytes: &[u8]) -> Result<Vec<String>, Failure> {
    quiet_extraction_panics();
    EXTRACTING.with(|f| f.set(true));
    let result = panic::catch_unwind(AssertUnwindSafe(|| pages_of(bytes)));
    EXTRACTING.with(|f| f.set(false));
    match result {
        Ok(Ok(pages)) => Ok(pages),
        Ok(Err(OutputError::PdfError(PdfError::Decryption(_)))) => Err(Failure::Encrypted),
        Ok(Err(OutputError::PdfError(PdfError::UnsupportedSecurityHandler(_)))) => {
            Err(Failure::Encrypted)
        }
        Ok(Err(_)) | Err(_) => Err(if looks_encrypted(bytes) {
            Failure::Encrypted
        } else {
            Failure::Damaged
        }),
    }
}

/// Opens the PDF (with the empty password if it is encrypted, as readers do for a file that has
/// only an owner password) and extracts every page. Unlike `pdf_extract`'s own page loop, a page
/// that cannot be read is an error, not the silent end of the document.
fn pages_of(bytes: &[u8]) -> Result<Vec<String>, OutputError> {
    let mut doc = pdf_extract::Document::load_mem(bytes)?;
    if doc.is_encrypted() {
        doc.decrypt("")?;
    }
    let numbers: Vec<u32> = doc.get_pages().into_keys().collect();
    let mut pages = Vec::with_capacity(numbers.len());
    let mut total = 0;
    for number in numbers {
        let mut page = String::new();
        pdf_extract::output_doc_page(
            &doc,
            &mut pdf_extract::PlainTextOutput::new(&mut page),
            number,
        )?;
        total += page.len();
        pages.push(page);
        if total > MAX_TEXT_BYTES {
            break;
        }
    }
    Ok(pages)
}

/// Whether a PDF's trailer names an encryption dictionary.
fn looks_encrypted(bytes: &[u8]) -> bool {
    bytes.windows(8).any(|w| w == b"/Encrypt")
}

/// Writes the pages as one text, a blank line between pages, and returns the byte offset at
/// which each page starts. Lines are trimmed at the end, runs of blank lines become one, and
/// characters that are not text (form feeds, other control characters) are dropped.
fn lay_out(pages: &[String]) -> (String, Vec<usize>) {
    let mut text = String::new();
    let mut starts = Vec::with_capacity(pages.len());
    for page in pages {
        if !text.is_empty() && !text.ends_with("\n\n") {
            text.push('\n');
        }
        starts.push(text.len());
        let mut blank = true;
        for line in page.lines() {
            let line: String = line
                .chars()
                .map(|c| if c == '\t' || c == '\u{a0}' { ' ' } else { c })
                .filter(|c| !c.is_control())
                .collect();
            let line = line.trim_end();
            if line.trim().is_empty() {
                if !blank {
                    text.push('\n');
                    blank = true;
                }
                continue;
            }
            text.push_str(line);
            text.push('\n');
            blank = false;
        }
        if text.len() > MAX_TEXT_BYTES {
            break;
        }
    }
    (text, starts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lays_out_pages_with_their_starts() {
        let pages = vec![
            "\n\nOutcome one\n\n\n\nSecond\x0c\n".to_string(),
            "Page two\tline\n".to_string(),
        ];
        let (text, starts) = lay_out(&pages);
        assert_eq!(text, "Outcome one\n\nSecond\n\nPage two line\n");
        assert_eq!(starts, vec![0, 21]);
        assert_eq!(&text[starts[1]..], "Page two line\n");
    }

    #[test]
    fn refuses_what_is_not_a_pdf() {
        let e = read("a.pdf", b"hello there", Mode::Plan).unwrap_err();
        assert!(
            e.message.contains("cannot be read as a PDF"),
            "{}",
            e.message
        );
        let e = read("a.pdf", b"%PDF-1.4\n garbage", Mode::Plan).unwrap_err();
        assert!(
            e.message.contains("cannot be read as a PDF"),
            "{}",
            e.message
        );
        let e = read("a.pdf", b"", Mode::Plan).unwrap_err();
        assert!(e.message.contains("empty"), "{}", e.message);
    }
}
