//! Parsers several rules share. They describe text (where a timeframe is, who the subject is,
//! what quantities a provision states, who provides it); they never decide whether the text is
//! a problem.
//!
//! Their patterns write digits as `[0-9]`, not `\d`: the numbers are read with Rust's own
//! parsers, which know only ASCII digits, and Unicode's `\d` (sixty-odd digit sets) made the
//! patterns a quarter slower to compile.

/// The days of the week and the months, capitalised as English writes them: words a name
/// check must not take for a child's name.
const DAYS_AND_MONTHS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Whether `word` is a day of the week or a month, as written ("May", not "may").
pub fn is_day_or_month(word: &str) -> bool {
    DAYS_AND_MONTHS.contains(&word)
}

/// regex-automata's settings for a pattern, equal to those the regex crate gives a `Regex`
/// (leftmost-first, no empty match inside a character, a 2 MB lazy DFA cache, a limit on the
/// compiled size), with one the regex crate does not offer: whether to build a literal
/// prefilter. A pattern that only runs where a literal search has already found one of its
/// words, or whose words are too common to skip anything, is cheaper to build without one.
pub(crate) fn regex_config(prefilter: bool, size_limit: usize) -> regex_automata::meta::Config {
    regex_automata::meta::Config::new()
        .match_kind(regex_automata::MatchKind::LeftmostFirst)
        .utf8_empty(true)
        .nfa_size_limit(Some(size_limit))
        .hybrid_cache_capacity(2 << 20)
        .auto_prefilter(prefilter)
}

/// Characters that the case-insensitive patterns treat as ASCII letters (KELVIN SIGN is `k`,
/// LATIN SMALL LETTER LONG S is `s`) but an ASCII case-insensitive literal search does not.
pub(crate) const FOLDS_TO_ASCII: [char; 2] = ['\u{212A}', '\u{17F}'];

/// `pattern` with its letters lower-cased, when that pattern, run case-sensitively on a text
/// whose ASCII letters are lower-cased, finds exactly what `pattern` finds case-insensitively
/// on the text (as long as the text has no character of [`FOLDS_TO_ASCII`]); `None` when that
/// cannot be told from the pattern's spelling. It can for a pattern whose capitals are only
/// ASCII letters to match and whose other characters beyond ASCII have no case (dashes,
/// curly quotes): not one that switches case-insensitivity off or on
/// (`(?-i)`, `(?i:`), names a Unicode or POSIX class (`\p{Lu}`, `[[:upper:]]`), writes a
/// character by its code (`\x41`), uses a flag in capitals (`(?U)`), or has a range from a
/// capital to a small letter (`[A-z]` also holds `[`, `_` and others). Group names are kept.
pub(crate) fn lower_case_form(pattern: &str) -> Option<String> {
    // Any character beyond ASCII must be one without case (a dash, a curly quote).
    let uncased =
        |c: char| !c.is_alphabetic() && c.to_lowercase().eq([c]) && c.to_uppercase().eq([c]);
    // A POSIX class (`[[:upper:]]`, `[[:^alpha:]]`) names letters by case; a class that only
    // starts with a colon (`[:/]`) does not.
    let posix_class = pattern.match_indices("[:").any(|(at, _)| {
        let rest = pattern.get(at + 2..).unwrap_or("");
        let rest = rest.strip_prefix('^').unwrap_or(rest);
        let name = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
        name > 0
            && rest
                .get(name..)
                .is_some_and(|after| after.starts_with(":]"))
    });
    if !pattern.chars().all(|c| c.is_ascii() || uncased(c)) || posix_class {
        return None;
    }
    let bytes = pattern.as_bytes();
    let mut out = String::with_capacity(pattern.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\\' => {
                // An escape keeps its letter: `\B` is not `\b`, `\D` is not `\d`.
                let next = pattern.get(i + 1..)?.chars().next()?;
                if matches!(next, 'p' | 'P' | 'x' | 'u' | 'U') {
                    return None;
                }
                out.push('\\');
                out.push(next);
                i += 1 + next.len_utf8();
                continue;
            }
            b'(' if bytes.get(i + 1) == Some(&b'?') => {
                // A group's name is kept as written: `(?P<intro>`, `(?<intro>`.
                let name_start = match bytes.get(i + 2..i + 4) {
                    Some([b'P', b'<', ..]) => Some(i + 4),
                    Some([b'<', _]) => Some(i + 3),
                    _ => None,
                };
                if let Some(start) = name_start {
                    let end = start + bytes.get(start..)?.iter().position(|&c| c == b'>')? + 1;
                    out.push_str(pattern.get(i..end)?);
                    i = end;
                    continue;
                }
                // Flags: only lower-case ones that leave case-insensitivity alone.
                let flags: Vec<u8> = bytes
                    .get(i + 2..)?
                    .iter()
                    .copied()
                    .take_while(|c| !matches!(c, b':' | b')' | b'<'))
                    .collect();
                if flags.iter().any(|c| c.is_ascii_uppercase() || *c == b'i') {
                    return None;
                }
            }
            b'-' if i > 0
                && bytes.get(i - 1).is_some_and(u8::is_ascii_uppercase)
                && bytes.get(i + 1).is_some_and(|c| !c.is_ascii_uppercase()) =>
            {
                return None;
            }
            _ if !b.is_ascii() => {
                let c = pattern.get(i..)?.chars().next()?;
                out.push(c);
                i += c.len_utf8();
                continue;
            }
            _ => {}
        }
        out.push(char::from(b.to_ascii_lowercase()));
        i += 1;
    }
    Some(out)
}

/// The answers a parser gave for the last few texts, kept per thread. The rules ask the same
/// question of the same statement one after another (who delivers this provision, is it
/// equipment, what quantities it states), and each answer costs several searches of the text,
/// so asking again is a comparison of strings. Only pure functions of the text are kept here.
/// `N` is how many texts are kept; the oldest answer makes way for a new one.
pub(crate) struct Recent<T, const N: usize> {
    entries: Vec<(String, T)>,
    next: usize,
}

/// A thread's recent answers to one question.
pub(crate) type RecentCell<T, const N: usize> =
    std::thread::LocalKey<std::cell::RefCell<Recent<T, N>>>;

impl<T, const N: usize> Recent<T, N> {
    pub(crate) const fn new() -> Recent<T, N> {
        Recent {
            entries: Vec::new(),
            next: 0,
        }
    }

    /// Calls `f` with the answer for `text` in `cell`, computing it with `answer` when this
    /// thread has not just done so. The cell is not borrowed while `answer` runs, so `answer`
    /// may ask other questions, or this one of another text.
    pub(crate) fn with<R>(
        cell: &'static RecentCell<T, N>,
        text: &str,
        answer: impl FnOnce(&str) -> T,
        f: impl FnOnce(&T) -> R,
    ) -> R {
        let known = cell.with_borrow(|recent| recent.entries.iter().position(|(t, _)| t == text));
        let index = match known {
            Some(index) => index,
            None => {
                let value = answer(text);
                cell.with_borrow_mut(|recent| recent.insert(text, value))
            }
        };
        cell.with_borrow(|recent| f(&recent.entries[index].1))
    }

    /// Stores an answer in the oldest slot, reusing its string, and returns the slot.
    fn insert(&mut self, text: &str, value: T) -> usize {
        let slot = self.next;
        self.next = (slot + 1) % N;
        match self.entries.get_mut(slot) {
            Some((seen, kept)) => {
                seen.clear();
                seen.push_str(text);
                *kept = value;
            }
            None => self.entries.push((text.to_string(), value)),
        }
        slot
    }
}

impl<T: Clone, const N: usize> Recent<T, N> {
    /// The answer for `text` in `cell`, as [`Recent::with`] finds it.
    pub(crate) fn answer(
        cell: &'static RecentCell<T, N>,
        text: &str,
        answer: impl FnOnce(&str) -> T,
    ) -> T {
        Self::with(cell, text, answer, T::clone)
    }
}

pub mod criterion;
pub mod normalize;
pub mod provider;
pub mod quantity;
pub mod subject;
pub mod timeframe;

/// Starts compiling the parsers' patterns that every plan needs on two other threads, so that
/// a run spends the time the rule pack takes to load, and the first file takes to read,
/// compiling them too. The patterns are compiled once either way: whoever needs one first
/// waits for it. The criterion patterns are left to compile on first use: only outcomes written
/// with a vague verb and aspirations that state a deadline need them, and a one-plan run often
/// has neither. The quantity patterns also compile on first use, each once a text has the
/// words it needs; the automaton that finds those words is built on a warm-up thread.
pub fn warm_up() {
    // The file reader needs the heading timeframes first, the rules the statement ones; the
    // two sets take about as long to build (callgrind: 227 M instructions for both), and the
    // providers about 100 M. Built one after the other on one thread, the timeframes kept the
    // first files waiting.
    let _ = std::thread::Builder::new()
        .name("warm-up-headings".into())
        .spawn(|| {
            timeframe::warm_up_headings();
            provider::warm_up();
        });
    let _ = std::thread::Builder::new()
        .name("warm-up-statements".into())
        .spawn(|| {
            timeframe::warm_up_statements();
            quantity::warm_up();
        });
}
