//! Text normalisation for matching, with a map back to the original bytes.
//!
//! Rules match against a normalised copy of each statement: curly quotes become straight,
//! a hyphen joining two words becomes a space ("small-group" reads as "small group"), and runs of
//! white space (including line breaks inside a table cell or a wrapped list item) become one
//! space. Every normalised byte remembers the original character it came from, so findings are
//! always reported against the text the user wrote. Case is left alone: the matchers ignore
//! ASCII case themselves.

use std::ops::Range;

/// A normalised copy of a text with a byte map back to the original.
#[derive(Debug, Clone, Default)]
pub struct Normalized {
    pub text: String,
    /// For each normalised byte, the start of the original character it came from.
    starts: Vec<u32>,
    /// For each normalised byte, the end of the original character it came from.
    ends: Vec<u32>,
}

impl Normalized {
    pub fn new(original: &str) -> Normalized {
        let mut out = Normalized {
            text: String::with_capacity(original.len()),
            starts: Vec::with_capacity(original.len()),
            ends: Vec::with_capacity(original.len()),
        };
        let bytes = original.as_bytes();
        let mut prev: Option<char> = None;
        let mut i = 0;
        while i < original.len() {
            // Most of a statement is ASCII that stays as it is: copy such a run whole, each byte
            // mapping to itself.
            let run = bytes[i..]
                .iter()
                .take_while(|&&b| b.is_ascii() && b != b'-' && !char::from(b).is_whitespace())
                .count();
            if run > 0 {
                let j = i + run;
                out.text.push_str(&original[i..j]);
                out.starts.extend(i as u32..j as u32);
                out.ends.extend(i as u32 + 1..j as u32 + 1);
                prev = Some(char::from(bytes[j - 1]));
                i = j;
                continue;
            }
            let Some(c) = original[i..].chars().next() else {
                break;
            };
            let end = i + c.len_utf8();
            let next = original[end..].chars().next();
            let mapped = match c {
                '\u{2018}' | '\u{2019}' | '\u{02BC}' | '\u{2032}' => '\'',
                '\u{201C}' | '\u{201D}' => '"',
                '-' | '\u{2010}' | '\u{2011}'
                    if prev.is_some_and(char::is_alphanumeric)
                        && next.is_some_and(char::is_alphanumeric) =>
                {
                    ' '
                }
                '\u{2010}' | '\u{2011}' => '-',
                c if c.is_whitespace() => ' ',
                c => c,
            };
            if mapped == ' ' && out.text.ends_with(' ') {
                // Extend the previous space over this one so spans stay contiguous.
                if let Some(last) = out.ends.last_mut() {
                    *last = end as u32;
                }
                prev = Some(c);
                i = end;
                continue;
            }
            let before = out.text.len();
            out.text.push(mapped);
            for _ in before..out.text.len() {
                out.starts.push(i as u32);
                out.ends.push(end as u32);
            }
            prev = Some(c);
            i = end;
        }
        out
    }

    /// The original byte range of a normalised byte range.
    pub fn original(&self, range: Range<usize>) -> Range<usize> {
        if range.start >= range.end || range.end > self.starts.len() {
            let at = self
                .starts
                .get(range.start)
                .map(|&s| s as usize)
                .unwrap_or(0);
            return at..at;
        }
        self.starts[range.start] as usize..self.ends[range.end - 1] as usize
    }
}

/// True for characters that belong to a word.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// True when `range` of `text` starts and ends on word boundaries. An apostrophe inside a word
/// ("don't") keeps it one word; a possessive "'s" after the match is a boundary ("Sam's").
pub fn is_whole_word(text: &str, range: &Range<usize>) -> bool {
    let Some(matched) = text.get(range.clone()) else {
        return false;
    };
    let first = matched.chars().next();
    let last = matched.chars().next_back();
    let before = text.get(..range.start).unwrap_or("");
    let after = text.get(range.end..).unwrap_or("");
    if first.is_some_and(is_word_char) {
        let mut back = before.chars().rev();
        match back.next() {
            Some(c) if is_word_char(c) => return false,
            Some('\'') if back.next().is_some_and(is_word_char) => return false,
            _ => {}
        }
    }
    if last.is_some_and(is_word_char) {
        let mut ahead = after.chars();
        match ahead.next() {
            Some(c) if is_word_char(c) => return false,
            Some('\'') => match (ahead.next(), ahead.next()) {
                (Some('s' | 'S'), next) if !next.is_some_and(is_word_char) => {}
                (Some(c), _) if is_word_char(c) => return false,
                _ => {}
            },
            _ => {}
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_back_through_curly_quotes_and_spaces() {
        let original = "Sam’s  small-group\n  work";
        let n = Normalized::new(original);
        assert_eq!(n.text, "Sam's small group work");
        let at = n.text.find("small group").unwrap();
        let r = n.original(at..at + "small group".len());
        assert_eq!(&original[r], "small-group");
        let r = n.original(0..5);
        assert_eq!(&original[r], "Sam’s");
    }

    #[test]
    fn hyphens_and_spaces_around_ascii_runs() {
        let original = "naïve-élan, a -b c- d\u{2011}e\u{2010} f\t\u{a0} g";
        let n = Normalized::new(original);
        assert_eq!(n.text, "naïve élan, a -b c- d e- f g");
        assert_eq!(n.text.len(), n.starts.len());
        let at = n.text.find("f g").unwrap();
        assert_eq!(&original[n.original(at..at + 3)], "f\t\u{a0} g");
    }

    #[test]
    fn whole_words() {
        let t = "don't stop; Sam's may-day mayhem";
        assert!(!is_whole_word(t, &(0..3)));
        assert!(is_whole_word(t, &(6..10)));
        assert!(is_whole_word(t, &(12..15)));
        assert!(!is_whole_word(t, &(26..29)));
    }

    #[test]
    fn empty_and_odd_ranges_do_not_panic() {
        let n = Normalized::new("");
        assert_eq!(n.original(0..0), 0..0);
        #[allow(clippy::reversed_empty_ranges)]
        let backwards = 3..1;
        assert_eq!(n.original(backwards), 0..0);
        assert!(!is_whole_word("é", &(0..1)));
    }
}
