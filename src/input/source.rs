//! Turning bytes into text, with a clear message for everything that is not a readable plan.
//!
//! Handles a UTF-8 byte-order mark, UTF-16 (with a BOM, or without one when the pattern of zero
//! bytes makes it plain), and reports invalid UTF-8 with its line, column and byte offset, binary
//! files, Word documents and empty files. Never panics on any bytes. How much is read is the
//! caller's business ([`crate::limits::Limits::max_file_bytes`]).

use super::InputError;

pub fn decode(path: &str, bytes: &[u8]) -> Result<String, InputError> {
    let err = |message: String| InputError {
        path: path.to_string(),
        message,
    };
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return check_text(path, utf8(path, rest)?);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return check_text(path, utf16(path, rest, u16::from_le_bytes)?);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return check_text(path, utf16(path, rest, u16::from_be_bytes)?);
    }
    if let Some(order) = bomless_utf16(bytes) {
        return check_text(path, utf16(path, bytes, order)?);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return Err(err(
            "this is a zip file (such as a Word .docx document), not a text or Markdown plan"
                .into(),
        ));
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Err(err(
            "this is an old Word (.doc) file or a password-protected Office file; save it as .docx or plain text and try again".into(),
        ));
    }
    if bytes.starts_with(b"%PDF") {
        // Only for names that do not say PDF: a `.pdf` file goes to the PDF reader instead.
        return Err(err("this is a PDF file, not a text or Markdown plan".into()));
    }
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return Err(err(
            "this looks like a binary file, not a text or Markdown plan".into(),
        ));
    }
    check_text(path, utf8(path, bytes)?)
}

fn check_text(path: &str, text: String) -> Result<String, InputError> {
    if text.trim().is_empty() {
        return Err(InputError {
            path: path.to_string(),
            message: "the file is empty: there is nothing to check".into(),
        });
    }
    Ok(text)
}

fn utf8(path: &str, bytes: &[u8]) -> Result<String, InputError> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => {
            let offset = e.valid_up_to();
            let before = &bytes[..offset];
            let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
            let line_start = before
                .iter()
                .rposition(|&b| b == b'\n')
                .map(|i| i + 1)
                .unwrap_or(0);
            let column = String::from_utf8_lossy(&before[line_start..])
                .chars()
                .count()
                + 1;
            Err(InputError {
                path: path.to_string(),
                message: format!(
                    "this file is not valid UTF-8 text: invalid byte 0x{:02X} at line {line}, column {column} (byte offset {offset}); save it as UTF-8 and try again",
                    bytes.get(offset).copied().unwrap_or(0)
                ),
            })
        }
    }
}

/// Guesses UTF-16 without a BOM: ASCII text in UTF-16 has a zero in every other byte.
fn bomless_utf16(bytes: &[u8]) -> Option<fn([u8; 2]) -> u16> {
    let sample = &bytes[..bytes.len().min(512) & !1];
    if sample.len() < 8 {
        return None;
    }
    let pairs = sample.len() / 2;
    let even_zero = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_zero = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    if odd_zero * 10 >= pairs * 9 && even_zero == 0 {
        Some(u16::from_le_bytes)
    } else if even_zero * 10 >= pairs * 9 && odd_zero == 0 {
        Some(u16::from_be_bytes)
    } else {
        None
    }
}

fn utf16(path: &str, bytes: &[u8], order: fn([u8; 2]) -> u16) -> Result<String, InputError> {
    let units = bytes.chunks_exact(2).map(|c| order([c[0], c[1]]));
    let mut out = String::with_capacity(bytes.len() / 2);
    for (i, unit) in char::decode_utf16(units).enumerate() {
        match unit {
            Ok(c) => out.push(c),
            Err(_) => {
                return Err(InputError {
                    path: path.to_string(),
                    message: format!(
                        "this UTF-16 file has a broken character at byte offset {}",
                        i * 2
                    ),
                })
            }
        }
    }
    if bytes.len() % 2 == 1 {
        return Err(InputError {
            path: path.to_string(),
            message: "this UTF-16 file ends in the middle of a character".into(),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_bom_and_utf16() {
        assert_eq!(decode("p", b"\xEF\xBB\xBFhello").unwrap(), "hello");
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Hi £".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        assert_eq!(decode("p", &le).unwrap(), "Hi £");
        let be: Vec<u8> = "Plan for Sam"
            .encode_utf16()
            .flat_map(|u| u.to_be_bytes())
            .collect();
        assert_eq!(decode("p", &be).unwrap(), "Plan for Sam");
    }

    #[test]
    fn says_where_utf8_breaks() {
        let e = decode("plan.md", b"line one\nab\xFFc").unwrap_err();
        assert!(e.message.contains("line 2, column 3"), "{}", e.message);
        assert!(e.message.contains("byte offset 11"), "{}", e.message);
    }

    #[test]
    fn refuses_empty_binary_and_office_files() {
        assert!(decode("p", b"  \n").unwrap_err().message.contains("empty"));
        assert!(decode("p", b"ab\0\x01\x02cd")
            .unwrap_err()
            .message
            .contains("binary"));
        assert!(decode("p", b"PK\x03\x04rest")
            .unwrap_err()
            .message
            .contains(".docx"));
        let _ = decode("p", &[0xFF, 0xFE, 0x00]);
    }
}
