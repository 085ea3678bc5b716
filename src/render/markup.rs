//! Escaping text for the XML-based outputs (HTML, JUnit, Word). One place knows the markup
//! characters; each format says how it spells an apostrophe and what to do with control
//! characters, which XML 1.0 restricts differently for element text and attributes.

/// Escapes `&`, `<`, `>`, `"` and `'` (spelt `apostrophe`), and hands control characters (and
/// the non-characters U+FFFE, U+FFFF) to `control`.
pub fn escape_markup(text: &str, apostrophe: &str, control: impl Fn(char, &mut String)) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str(apostrophe),
            c if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' => control(c, &mut out),
            c => out.push(c),
        }
    }
    out
}
