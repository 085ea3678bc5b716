//! The rule pack's regex patterns, run so that a statement only pays for the patterns that can
//! match it.
//!
//! Running a few hundred patterns one after another over every statement was the engine's
//! biggest cost, and compiling them all at start-up made a one-file run take a third of a
//! second. So each pattern keeps a short list of literals, one of which every match must
//! contain (taken from the pattern's own syntax tree: its possible beginnings or endings,
//! whichever are longer). All these literals go into one Aho-Corasick automaton; a statement
//! is scanned once, and only the patterns whose literals it contains are run. A pattern is
//! compiled the first time it is needed. Patterns from a council's own rule folders are
//! compiled at once, so that a pattern too big to compile is reported when the rules load.

use std::ops::Range;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use regex_automata::meta::{self, Regex};
use regex_automata::util::syntax;
use regex_automata::Input;

use crate::language::{lower_case_form, FOLDS_TO_ASCII};
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::Hir;

/// Compiled-size limit for one pattern, so that a hostile rule pack cannot exhaust memory. The
/// regex crate never backtracks, so no pattern can take exponential time.
const SIZE_LIMIT: usize = 8 << 20;

/// At most this many literals stand for one pattern. More would be more precise, but would
/// make the shared automaton slower to build than the patterns it saves running.
const MAX_LITERALS: usize = 48;

/// One pattern of the set.
struct Pattern {
    source: String,
    /// The pattern in lower case, when running it case-sensitively on the text with its ASCII
    /// letters lower-cased finds what the pattern finds case-insensitively on the text (see
    /// [`lower_case_form`]). Case-insensitive patterns are about twice as slow to build, and
    /// their automata larger.
    lower: Option<String>,
    /// Whether the pattern runs on every statement (it has no literals): only then is the
    /// regex's own literal prefilter worth building.
    always: bool,
    /// `lower` compiled case-sensitively.
    lower_regex: OnceLock<Option<Regex>>,
    /// `source` compiled case-insensitively: for a pattern without a lower-case form, and for
    /// every pattern on a text with a character that folds to an ASCII letter.
    regex: OnceLock<Option<Regex>>,
}

impl Pattern {
    fn new(source: &str, always: bool) -> Pattern {
        Pattern {
            source: source.to_string(),
            lower: lower_case_form(source),
            always,
            lower_regex: OnceLock::new(),
            regex: OnceLock::new(),
        }
    }

    /// The regex to run, and whether it runs on the lower-cased text.
    fn regex(&self, folds_to_ascii: bool) -> Option<(&Regex, bool)> {
        match &self.lower {
            Some(lower) if !folds_to_ascii => Some((
                Self::compiled(&self.lower_regex, lower, false, self.always)?,
                true,
            )),
            _ => Some((
                Self::compiled(&self.regex, &self.source, true, self.always)?,
                false,
            )),
        }
    }

    fn compiled<'a>(
        cell: &'a OnceLock<Option<Regex>>,
        pattern: &str,
        case_insensitive: bool,
        always: bool,
    ) -> Option<&'a Regex> {
        cell.get_or_init(|| {
            // Only built-in patterns are compiled here, and a test compiles every one of them,
            // so this fails only if that test does.
            let compiled = compile(pattern, case_insensitive, always).ok();
            debug_assert!(compiled.is_some(), "pattern must compile: {pattern}");
            compiled
        })
        .as_ref()
    }

    /// Compiles the pattern now, in every form it may run in.
    fn compile_now(&self) -> Result<(), String> {
        let whole = compile(&self.source, true, self.always)?;
        let _ = self.regex.set(Some(whole));
        if let Some(lower) = &self.lower {
            let lower = compile(lower, false, self.always)?;
            let _ = self.lower_regex.set(Some(lower));
        }
        Ok(())
    }
}

/// A set of case-insensitive patterns with a shared literal prefilter.
pub(crate) struct PatternSet {
    patterns: Vec<Pattern>,
    literals: Option<AhoCorasick>,
    /// For each literal of the automaton, the patterns it stands for.
    literal_owners: Vec<Vec<usize>>,
    /// Patterns without usable literals: run on every statement.
    always: Vec<usize>,
}

/// A pattern to add: its text and whether to compile it now (rules a user supplied) or on
/// first use (the built-in rules, which the tests compile).
pub(crate) struct PatternSource<'a> {
    pub text: &'a str,
    pub compile_now: bool,
}

impl PatternSet {
    /// Builds the set. On failure, returns each bad pattern's index and a message for the
    /// person who wrote it.
    pub fn new(sources: &[PatternSource]) -> Result<PatternSet, Vec<(usize, String)>> {
        let mut errors = Vec::new();
        let mut patterns = Vec::with_capacity(sources.len());
        let mut literal_index: std::collections::HashMap<Vec<u8>, usize> = Default::default();
        let mut literal_list: Vec<Vec<u8>> = Vec::new();
        let mut literal_owners: Vec<Vec<usize>> = Vec::new();
        let mut always = Vec::new();
        for (i, source) in sources.iter().enumerate() {
            let literals = match necessary_literals(source.text) {
                Ok(literals) => literals,
                Err(e) => {
                    errors.push((i, e));
                    continue;
                }
            };
            let pattern = Pattern::new(source.text, literals.is_none());
            if source.compile_now {
                if let Err(e) = pattern.compile_now() {
                    errors.push((i, e));
                    continue;
                }
            }
            match literals {
                Some(literals) => {
                    for literal in literals {
                        let next = literal_list.len();
                        let at = *literal_index.entry(literal.clone()).or_insert(next);
                        if at == next {
                            literal_list.push(literal);
                            literal_owners.push(Vec::new());
                        }
                        literal_owners[at].push(i);
                    }
                }
                None => always.push(i),
            }
            patterns.push(pattern);
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let literals = if literal_list.is_empty() {
            None
        } else {
            Some(
                AhoCorasickBuilder::new()
                    .ascii_case_insensitive(true)
                    .match_kind(MatchKind::Standard)
                    // Quick to build, and fast enough to search: the set is built on every run.
                    .kind(Some(AhoCorasickKind::ContiguousNFA))
                    .build(&literal_list)
                    .map_err(|e| vec![(0, e.to_string())])?,
            )
        };
        Ok(PatternSet {
            patterns,
            literals,
            literal_owners,
            always,
        })
    }

    /// Each pattern's text, in the order given.
    pub fn sources(&self) -> impl Iterator<Item = &str> {
        self.patterns.iter().map(|p| p.source.as_str())
    }

    /// Calls `found(pattern, range)` for every non-empty match of every pattern in `text`,
    /// pattern by pattern in the order given.
    pub fn for_each_match(&self, text: &str, mut found: impl FnMut(usize, Range<usize>)) {
        let mut candidates = vec![false; self.patterns.len()];
        let folds_to_ascii = text.contains(FOLDS_TO_ASCII);
        if folds_to_ascii {
            candidates.iter_mut().for_each(|c| *c = true);
        } else {
            for &p in &self.always {
                candidates[p] = true;
            }
            if let Some(ac) = &self.literals {
                for m in ac.find_overlapping_iter(text) {
                    for &p in &self.literal_owners[m.pattern().as_usize()] {
                        candidates[p] = true;
                    }
                }
            }
        }
        // Lower-casing ASCII letters keeps every byte where it was, so a match in the copy is
        // at the same place in the text. Made only when a lower-case pattern is to run.
        let lowered = std::cell::OnceCell::new();
        for (p, pattern) in self.patterns.iter().enumerate() {
            if !candidates[p] {
                continue;
            }
            let Some((regex, on_lowered)) = pattern.regex(folds_to_ascii) else {
                continue;
            };
            let haystack = if on_lowered {
                lowered.get_or_init(|| text.to_ascii_lowercase()).as_str()
            } else {
                text
            };
            for m in regex.find_iter(Input::new(haystack)) {
                if m.start() < m.end() {
                    found(p, m.start()..m.end());
                }
            }
        }
    }

    /// Compiles every pattern now; for tests of the built-in rules.
    #[cfg(test)]
    pub fn compile_all(&self) -> Result<(), String> {
        for p in &self.patterns {
            p.compile_now().map_err(|e| format!("{}: {e}", p.source))?;
        }
        Ok(())
    }
}

/// A rule's regex, with a size limit. `prefilter` is off for a pattern that runs only where
/// the set's literal search found one of its literals: there the regex's own literal search
/// would repeat that work, and building it took about a quarter of the pattern's compile time
/// (callgrind).
fn compile(pattern: &str, case_insensitive: bool, prefilter: bool) -> Result<Regex, String> {
    meta::Builder::new()
        .configure(crate::language::regex_config(prefilter, SIZE_LIMIT))
        .syntax(
            syntax::Config::new()
                .utf8(true)
                .case_insensitive(case_insensitive),
        )
        .build(pattern)
        .map_err(|e| {
            if let Some(limit) = e.size_limit() {
                format!(
                    "this pattern is too large to use (it would take more than {} MB of memory); repeat counts such as {{100}} multiply, so use smaller ones or split the pattern in two",
                    limit >> 20
                )
            } else if let Some(syntax) = e.syntax_error() {
                format!("this pattern is not a valid regex:\n{syntax}")
            } else {
                format!("this pattern cannot be used: {e}")
            }
        })
}

/// Literals (lower-cased) one of which every match of `pattern` contains, or `None` when the
/// pattern has no such short list. An error is a syntax error, worded as `compile` words it.
fn necessary_literals(pattern: &str) -> Result<Option<Vec<Vec<u8>>>, String> {
    // Parsed case-sensitively: the literal search is case-insensitive itself, and parsing with
    // case folding would multiply every literal into its upper- and lower-case spellings.
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(pattern)
        .map_err(|e| format!("this pattern is not a valid regex:\n{e}"))?;
    // A class intersection can match more letters case-insensitively than case-sensitively
    // (`[Ch&&a-z]` is only `h`, but case-insensitively also `c` and `C`), so its literals
    // would hide matches: such a pattern runs on every statement.
    if pattern.contains("&&") {
        return Ok(None);
    }
    let best = [ExtractKind::Prefix, ExtractKind::Suffix]
        .into_iter()
        .filter_map(|kind| literals_of(&hir, kind))
        .max_by_key(|literals| literals.iter().map(Vec::len).min().unwrap_or(0));
    Ok(best)
}

fn literals_of(hir: &Hir, kind: ExtractKind) -> Option<Vec<Vec<u8>>> {
    let mut extractor = Extractor::new();
    extractor
        .kind(kind)
        .limit_class(16)
        .limit_repeat(8)
        .limit_literal_len(32)
        .limit_total(MAX_LITERALS);
    let mut seq = extractor.extract(hir);
    seq.dedup();
    let literals = seq.literals()?;
    let mut out: Vec<Vec<u8>> = Vec::with_capacity(literals.len());
    for literal in literals {
        let bytes = literal.as_bytes();
        // An empty literal is in every text; a non-ASCII one may be written in another case
        // that an ASCII case-insensitive search would miss.
        if bytes.is_empty() || !bytes.is_ascii() {
            return None;
        }
        out.push(bytes.to_ascii_lowercase());
    }
    out.sort();
    out.dedup();
    (!out.is_empty()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(patterns: &[&str]) -> PatternSet {
        let sources: Vec<PatternSource> = patterns
            .iter()
            .map(|text| PatternSource {
                text,
                compile_now: false,
            })
            .collect();
        PatternSet::new(&sources).unwrap_or_else(|e| panic!("{e:?}"))
    }

    fn matches(set: &PatternSet, text: &str) -> Vec<(usize, String)> {
        let mut out = Vec::new();
        set.for_each_match(text, |p, r| out.push((p, text[r].to_string())));
        out
    }

    #[test]
    fn literals_come_from_the_more_selective_end() {
        let literals = necessary_literals(r"\b(?:will|to)\s+(?:improve|develop)\b")
            .unwrap()
            .unwrap();
        assert_eq!(literals, vec![b"develop".to_vec(), b"improve".to_vec()]);
    }

    #[test]
    fn patterns_without_literals_always_run() {
        assert_eq!(necessary_literals(r"[a-z]+\s*$").unwrap(), None);
        let s = set(&[r"\w+ly\b"]);
        assert_eq!(matches(&s, "quickly"), vec![(0, "quickly".into())]);
    }

    #[test]
    fn the_prefilter_never_hides_a_match() {
        let s = set(&[
            r"\bvestibular\b",
            r"\b(?:will|to)\s+(?:improve|develop)\b",
            r"\bup\s+to\s+\d+\s+hours\b",
        ]);
        assert_eq!(
            matches(&s, "Sam WILL Improve; Vestibular input up to 3 hours"),
            vec![
                (0, "Vestibular".into()),
                (1, "WILL Improve".into()),
                (2, "up to 3 hours".into())
            ]
        );
        assert!(matches(&s, "nothing here").is_empty());
    }

    #[test]
    fn lower_case_forms() {
        let cases: &[(&str, Option<&str>)] = &[
            (r"\bASD\b", Some(r"\basd\b")),
            (
                r"\bwhen (?:he|[A-Z][a-z]+) is\b",
                Some(r"\bwhen (?:he|[a-z][a-z]+) is\b"),
            ),
            (r"\B\D\S\W\A", Some(r"\B\D\S\W\A")),
            (r"(?x) SEN \s", Some(r"(?x) sen \s")),
            (r"(?-i)\bP[1-8]\b", None),
            (r"\bB\s+(?i:squared)\b", None),
            (r"\p{Lu}\w+", None),
            (r"[[:upper:]]", None),
            (r"[[:^alpha:]]", None),
            (r"[:/]Term", Some(r"[:/]term")),
            (r"\x41", None),
            (r"(?U)a+", None),
            (r"(?P<Name>A)", Some(r"(?P<Name>a)")),
            (r"(?<Name>A)", Some(r"(?<Name>a)")),
            (r"[A-z]", None),
            (r"café", None),
            (r"[–—] O’Clock", Some(r"[–—] o’clock")),
        ];
        for (pattern, lower) in cases {
            assert_eq!(lower_case_form(pattern).as_deref(), *lower, "{pattern}");
        }
    }

    #[test]
    fn lower_case_forms_match_as_the_pattern_does() {
        let patterns = [
            r"\bASD\b",
            r"\bwhen (?:he|she|[A-Z][a-z]+) (?:is|feels) ready\b",
            r"\b[^0-9 ,;]+LY\b",
            r"\bTA\b|\bSENCo\b",
        ];
        let s = set(&patterns);
        let text =
            "When Sam is ready, when SAM feels READY; the ta, Senco and SENCO; quickLY ASD asd";
        let expected: Vec<(usize, String)> = patterns
            .iter()
            .enumerate()
            .flat_map(|(p, pattern)| {
                let regex = regex::RegexBuilder::new(pattern)
                    .case_insensitive(true)
                    .build()
                    .unwrap();
                regex
                    .find_iter(text)
                    .map(move |m| (p, m.as_str().to_string()))
                    .collect::<Vec<_>>()
            })
            .collect();
        assert!(patterns.iter().all(|p| lower_case_form(p).is_some()));
        assert_eq!(matches(&s, text), expected);
        assert_eq!(expected.len(), 8);
    }

    #[test]
    fn unicode_case_folds_of_ascii_letters_still_match() {
        // "\u{212A}" (KELVIN SIGN) folds to "k" in a case-insensitive regex.
        let s = set(&[r"\bkeep\b"]);
        assert_eq!(matches(&s, "\u{212A}eep"), vec![(0, "\u{212A}eep".into())]);
    }

    #[test]
    fn class_intersections_are_not_prefiltered() {
        // Found by comparing the prefilter with the plain regex: case-sensitively the class
        // is only `h`, so 'cats' would never reach the regex.
        let s = set(&[r"\b[Ch&&a-z]ats\b"]);
        assert_eq!(
            matches(&s, "three cats and three HATS"),
            vec![(0, "cats".into()), (0, "HATS".into())]
        );
    }

    #[test]
    fn bad_patterns_are_reported_by_index() {
        let sources = [
            PatternSource {
                text: "fine",
                compile_now: true,
            },
            PatternSource {
                text: "(unclosed",
                compile_now: false,
            },
        ];
        let errors = PatternSet::new(&sources).err().unwrap();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].0, 1);
        assert!(errors[0].1.contains("not a valid regex"), "{}", errors[0].1);
    }
}
