//! Quantities in Section F provision: how often (frequency), how long each time (duration), a
//! total over a period, a continuous scope ("in all lessons"), a group size and a staffing ratio
//! (RULES.md 2.3, 3.13, 3.14, 3.18). Rules ask [`amount_of`] whether a provision is quantified and
//! use [`find_quantities`] to point at the words. This module only describes the text: it never
//! decides that a provision is faulty, never treats vague words ("regular", "often") as amounts,
//! and never panics, whatever string it is given.

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use regex::Regex;
use std::cell::RefCell;

use super::Recent;
use std::ops::Range;
use std::sync::{LazyLock, OnceLock};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuantityKind {
    /// How often: "daily", "weekly", "fortnightly", "every two weeks", "twice weekly",
    /// "3 x per week", "3x weekly", "three times a week", "each morning", "every lesson",
    /// "each half term", "termly", "per term", "at every break and lunchtime", "once a fortnight",
    /// "every Monday", "on Tuesdays and Thursdays", "each day", "per week", "a week" when after a
    /// number ("2 sessions a week"), "6 sessions per term", "before every change of activity",
    /// and an event that sets the occasion ("Should Arlo become distressed, …", "when she shows
    /// her red card", "a time-out card that Freya can show").
    Frequency,
    /// How long/how much per occasion: "20 minutes", "30 mins", "1 hour", "1.5 hrs",
    /// "half an hour", "a 30-minute session", "an hour", "45-minute", "for 6 weeks",
    /// "for a 10-week block", "12 sessions".
    Duration,
    /// A total amount of time: "12 hours over the spring term", "four 40-minute visits a year",
    /// "a total of 20 hours". A count of occasions with no time in it is not a total: "6
    /// sessions per term" is a Frequency, "a block of 8 sessions" a Duration.
    Total,
    /// Continuous scope: "in all lessons", "throughout the school day", "full-time",
    /// "at all times", "32.5 hours per week", "for all written work", "all day", "every lesson",
    /// "across the curriculum", "during all unstructured times", "whole school day".
    Scope,
    /// Group size: "group of 4", "a group of up to 4 pupils", "groups of no more than 6",
    /// "small group of 5", "a class of 8", "pairs" / "in a pair".
    GroupSize,
    /// Ratio: "1:1", "1-1", "one-to-one", "one to one", "2:1", "1:6", "2:6",
    /// "1 adult to 3 pupils".
    Ratio,
}

impl QuantityKind {
    const ALL: [QuantityKind; 6] = [
        QuantityKind::Frequency,
        QuantityKind::Duration,
        QuantityKind::Total,
        QuantityKind::Scope,
        QuantityKind::GroupSize,
        QuantityKind::Ratio,
    ];

    fn order(self) -> usize {
        match self {
            QuantityKind::Frequency => 0,
            QuantityKind::Duration => 1,
            QuantityKind::Total => 2,
            QuantityKind::Scope => 3,
            QuantityKind::GroupSize => 4,
            QuantityKind::Ratio => 5,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quantity {
    pub kind: QuantityKind,
    /// Byte range into the text given to [`find_quantities`].
    pub span: Range<usize>,
}

/// All quantities in the text, in order (non-overlapping per kind; the same words may count for
/// two kinds, e.g. "every lesson" is Frequency and Scope).
pub fn find_quantities(text: &str) -> Vec<Quantity> {
    with_quantities(text, <[Quantity]>::to_vec)
}

/// How many recent answers each thread keeps (see [`with_quantities`]).
const RECENT_TEXTS: usize = 8;

thread_local! {
    static RECENT: RefCell<Recent<Vec<Quantity>, RECENT_TEXTS>> = const { RefCell::new(Recent::new()) };
}

/// Calls `f` with the quantities of `text`, parsing it only if this thread has not just done so.
/// The rules ask about the same statement several times over (the provider parser to mask its
/// scopes, then `amount_of` in two or three rules, then `only_loose_scope`), and parsing costs
/// far more than comparing the text with a few recent ones.
fn with_quantities<R>(text: &str, f: impl FnOnce(&[Quantity]) -> R) -> R {
    Recent::with(&RECENT, text, parse_quantities, |found| f(found))
}

fn parse_quantities(text: &str) -> Vec<Quantity> {
    let matched = MatchText::new(text);
    let present = words_in(matched.as_str());
    let mut found: Vec<Quantity> = Vec::new();
    for kind in QuantityKind::ALL {
        for span in spans_of_kind(&matched, present, kind) {
            let span = matched.original_span(span);
            if span.start < span.end {
                found.push(Quantity { kind, span });
            }
        }
    }
    found.sort_by(|a, b| {
        a.span
            .start
            .cmp(&b.span.start)
            .then(a.kind.order().cmp(&b.kind.order()))
            .then(a.span.end.cmp(&b.span.end))
    });
    found
}

/// A summary the rules use.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Amount {
    pub frequency: bool,
    pub duration: bool,
    pub total: bool,
    pub scope: bool,
    pub group_size: bool,
    pub ratio: bool,
}

impl Amount {
    /// RULES.md 3.14: quantified = (frequency and duration) or total or scope.
    pub fn is_quantified(&self) -> bool {
        (self.frequency && self.duration) || self.total || self.scope
    }
}

pub fn amount_of(text: &str) -> Amount {
    with_quantities(text, amount_in)
}

fn amount_in(quantities: &[Quantity]) -> Amount {
    let mut amount = Amount::default();
    for quantity in quantities {
        match quantity.kind {
            QuantityKind::Frequency => amount.frequency = true,
            QuantityKind::Duration => amount.duration = true,
            QuantityKind::Total => amount.total = true,
            QuantityKind::Scope => amount.scope = true,
            QuantityKind::GroupSize => amount.group_size = true,
            QuantityKind::Ratio => amount.ratio = true,
        }
    }
    amount
}

// ---------------------------------------------------------------------------------------------
// Matching text

/// A lower-cased copy of a text for matching, with a byte map back to the original.
///
/// Curly apostrophes become straight; hyphens and dashes become spaces ("one-to-one" reads as
/// "one to one", "30-minute" as "30 minute") except between two numbers, where they stay a hyphen
/// so that ranges ("20-30 minutes") and ratios ("1-1") keep their shape; runs of white space
/// become one space. This differs from `normalize::Normalized` on purpose: quantities need the
/// digit-hyphen-digit distinction and en dashes treated like hyphens.
#[derive(Debug, Clone, Default)]
pub(crate) struct MatchText {
    text: String,
    /// For each byte of `text`, the start of the original character it came from.
    starts: Vec<usize>,
    /// For each byte of `text`, the end of the original character it came from.
    ends: Vec<usize>,
    original_len: usize,
}

impl MatchText {
    pub(crate) fn new(original: &str) -> MatchText {
        let mut out = MatchText {
            text: String::with_capacity(original.len()),
            starts: Vec::with_capacity(original.len()),
            ends: Vec::with_capacity(original.len()),
            original_len: original.len(),
        };
        let mut at = 0;
        while let Some(rest) = original.get(at..) {
            let plain = plain_run(rest.as_bytes());
            if let Some(run) = rest.get(..plain).filter(|run| !run.is_empty()) {
                out.push_plain(run, at);
                at += plain;
                continue;
            }
            let Some(c) = rest.chars().next() else { break };
            let end = at + c.len_utf8();
            match c {
                // Invisible characters that split words in pasted text.
                '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => {}
                '\u{2018}' | '\u{2019}' | '\u{02BC}' | '\u{2032}' | '`' => out.push('\'', at, end),
                c if is_dash(c) => {
                    if digits_either_side(original, at, end) {
                        out.push('-', at, end);
                    } else {
                        out.push_space(end);
                    }
                }
                c if c.is_whitespace() => out.push_space(end),
                // "3x10 mins" reads as "3 x 10 mins" so that both numbers stand alone.
                'x' | 'X' | '×' if digits_touch(original, at, end) => {
                    out.push(' ', at, end);
                    out.push('x', at, end);
                    out.push(' ', at, end);
                }
                c => {
                    for lower in c.to_lowercase() {
                        out.push(lower, at, end);
                    }
                }
            }
            at = end;
        }
        out
    }

    pub(crate) fn as_str(&self) -> &str {
        &self.text
    }

    /// Appends a run of ASCII that starts at `at` in the original, lower-cased.
    fn push_plain(&mut self, run: &str, at: usize) {
        let before = self.text.len();
        self.text.push_str(run);
        if let Some(added) = self.text.get_mut(before..) {
            added.make_ascii_lowercase();
        }
        self.starts.extend(at..at + run.len());
        self.ends.extend(at + 1..=at + run.len());
    }

    fn push(&mut self, c: char, start: usize, end: usize) {
        let before = self.text.len();
        self.text.push(c);
        for _ in before..self.text.len() {
            self.starts.push(start);
            self.ends.push(end);
        }
    }

    fn push_space(&mut self, end: usize) {
        if self.text.is_empty() {
            return;
        }
        if self.text.ends_with(' ') {
            if let Some(last) = self.ends.last_mut() {
                *last = end;
            }
            return;
        }
        let start = self.ends.last().copied().unwrap_or(0);
        self.push(' ', start, end);
    }

    /// The byte range of the matching text that covers an original byte range, if any.
    pub(crate) fn match_span(&self, original: Range<usize>) -> Option<Range<usize>> {
        let start = self.starts.partition_point(|&s| s < original.start);
        let end = self.ends.partition_point(|&e| e <= original.end);
        (start < end).then_some(start..end)
    }

    /// The original byte range of a byte range of the matching text.
    pub(crate) fn original_span(&self, range: Range<usize>) -> Range<usize> {
        let start = self
            .starts
            .get(range.start)
            .copied()
            .unwrap_or(self.original_len);
        if range.start >= range.end {
            return start..start;
        }
        let end = range
            .end
            .checked_sub(1)
            .and_then(|last| self.ends.get(last))
            .copied()
            .unwrap_or(self.original_len);
        start..end.max(start)
    }
}

/// The length of the run at the start of `bytes` that [`MatchText::new`] can copy as it is,
/// lower-cased. Most of a text is visible ASCII that only needs lower-casing (no special case
/// there touches a visible ASCII character other than '-', '`', 'x' and 'X'), with single
/// spaces between words: a space between two such characters also stays as it is, where
/// `push_space` would have put it.
fn plain_run(bytes: &[u8]) -> usize {
    let visible = |b: u8| b.is_ascii_graphic() && !matches!(b, b'-' | b'`' | b'x' | b'X');
    let mut len = 0;
    while let Some(&b) = bytes.get(len) {
        let inner_space = b == b' ' && len > 0 && bytes.get(len + 1).is_some_and(|&n| visible(n));
        if !(visible(b) || inner_space) {
            break;
        }
        len += 1;
    }
    len
}

fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}'
            | '\u{2011}'
            | '\u{2012}'
            | '\u{2013}'
            | '\u{2014}'
            | '\u{2212}'
            | '\u{FE63}'
            | '\u{FF0D}'
    )
}

/// True when the characters right before and after the character at `at..end` are both digits.
fn digits_touch(original: &str, at: usize, end: usize) -> bool {
    let before = original.get(..at).and_then(|s| s.chars().next_back());
    let after = original.get(end..).and_then(|s| s.chars().next());
    before.is_some_and(|c| c.is_ascii_digit()) && after.is_some_and(|c| c.is_ascii_digit())
}

/// True when the nearest non-space characters either side of the character at `at..end` are
/// digits.
fn digits_either_side(original: &str, at: usize, end: usize) -> bool {
    let before = original
        .get(..at)
        .and_then(|s| s.chars().rev().find(|c| !c.is_whitespace()));
    let after = original
        .get(end..)
        .and_then(|s| s.chars().find(|c| !c.is_whitespace()));
    before.is_some_and(|c| c.is_ascii_digit()) && after.is_some_and(|c| c.is_ascii_digit())
}

// ---------------------------------------------------------------------------------------------
// Vocabulary (all lower case, as in `MatchText`)

const UNIT_WORDS: &[&str] = &[
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS_WORDS: &[&str] = &[
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];
const ADVERBS: &[&str] = &[
    "annual",
    "daily",
    "weekly",
    "fortnightly",
    "monthly",
    "termly",
    "half termly",
    "annually",
    "yearly",
    "hourly",
    "nightly",
    "bi weekly",
    "biweekly",
    "bi monthly",
    "bimonthly",
];
/// Periods after "per", "a", "times a", "x".
const PER_PERIODS: &[&str] = &[
    "day",
    "school day",
    "week",
    "school week",
    "fortnight",
    "month",
    "term",
    "half term",
    "year",
    "academic year",
    "school year",
    "lesson",
    "morning",
    "afternoon",
    "hour",
];
/// Words that may name the kind of occasion after "every" or "each": "each work placement day",
/// "every independent task", "each nursery session".
const OCCASION_MODIFIERS: &[&str] = &[
    "work placement",
    "placement",
    "work",
    "school",
    "college",
    "nursery",
    "preschool",
    "independent",
    "new",
    "written",
    "practical",
    "maths",
    "english",
    "science",
    "literacy",
    "numeracy",
    "phonics",
    "reading",
    "writing",
    "pe",
    "teaching",
    "class",
    "group",
    "tutor",
    "working",
    "planned",
    "unplanned",
];

/// Everyday occasions a provision can fill the whole of: "at snack time and lunchtime".
const OCCASIONS: &[&str] = &[
    "snack time",
    "snacktime",
    "lunchtime",
    "lunchtimes",
    "lunch time",
    "lunch",
    "break time",
    "break times",
    "breaktime",
    "breaktimes",
    "break",
    "breaks",
    "playtime",
    "playtimes",
    "play time",
    "registration",
    "assembly",
    "assemblies",
    "story time",
    "carpet time",
    "circle time",
    "tidy up time",
    "home time",
    "arrival",
    "arrivals",
    "departure",
    "drop off",
    "pick up",
    "mealtimes",
    "meal times",
    "unstructured times",
];

/// Periods after "every" and "each".
const EVERY_PERIODS: &[&str] = &[
    "day",
    "days",
    "school day",
    "school days",
    "week",
    "weeks",
    "school week",
    "fortnight",
    "month",
    "months",
    "term",
    "terms",
    "half term",
    "half terms",
    "year",
    "academic year",
    "school year",
    "weekday",
    "morning",
    "mornings",
    "afternoon",
    "afternoons",
    "evening",
    "lunchtime",
    "lunchtimes",
    "lunch time",
    "lunch",
    "break",
    "breaks",
    "break time",
    "breaktime",
    "playtime",
    "play time",
    "lesson",
    "lessons",
    "session",
    "hour",
    "hours",
    "minutes",
    "mins",
    "registration",
    "transition",
    "assembly",
    "change",
    "change of activity",
    "changeover",
    "task",
    "activity",
    "piece of work",
    "topic",
    "shift",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];
const DAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];
const PUPILS: &[&str] = &[
    "pupils",
    "pupil",
    "students",
    "student",
    "children",
    "child",
    "learners",
    "learner",
    "peers",
    "peer",
    "young people",
    "classmates",
    "others",
    "other",
    "cyp",
];
const ADULTS: &[&str] = &[
    "adults",
    "adult",
    "members of staff",
    "member of staff",
    "staff members",
    "staff member",
    "staff",
    "teaching assistants",
    "teaching assistant",
    "tas",
    "ta",
    "teachers",
    "teacher",
    "practitioners",
    "practitioner",
    "lsas",
    "lsa",
];
const SIZE_QUALIFIERS: &[&str] = &[
    "up to",
    "no more than",
    "not more than",
    "a maximum of",
    "maximum of",
    "maximum",
    "a max of",
    "max",
    "at most",
    "fewer than",
    "less than",
    "between",
    "around",
    "about",
    "approximately",
    "roughly",
    "typically",
    "usually",
    "not exceeding",
    "no larger than",
    "exactly",
    "just",
    "only",
];
const SCOPE_NOUNS: &[&str] = &[
    "lessons",
    "subjects",
    "classes",
    "curriculum areas",
    "areas of the curriculum",
    "areas of learning",
    "unstructured times",
    "unstructured time",
    "times",
    "work",
    "written work",
    "writing",
    "extended writing",
    "recording",
    "writing tasks",
    "written tasks",
    "recording tasks",
    "tasks",
    "settings",
    "environments",
    "contexts",
    "activities",
    "transitions",
    "breaks",
    "break times",
    "breaktimes",
    "lunchtimes",
    "playtimes",
    "parts of the day",
    "parts of the school day",
    "sessions",
    "practical sessions",
    "lectures",
    "seminars",
    "workshops",
    "assessments",
    "written assessments",
    "exams",
    "examinations",
    "mock exams",
    "tests",
    "trips",
    "school trips",
    "outings",
    "meetings",
    "appointments",
    "reviews",
    "consultations",
];

/// Alternation of literal phrases, longest first so the longest reading wins.
fn alt(words: &[&str]) -> String {
    let mut sorted: Vec<&str> = words.to_vec();
    sorted.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    sorted
        .iter()
        .map(|w| regex::escape(w))
        .collect::<Vec<_>>()
        .join("|")
}

fn number_pattern() -> String {
    let units = alt(UNIT_WORDS);
    let tens = alt(TENS_WORDS);
    let units_1_9 = alt(UNIT_WORDS.get(..9).unwrap_or(UNIT_WORDS));
    format!(
        r"(?:(?:[0-9]+(?:\.[0-9]+)?(?: ?½)?|½|(?:{tens})(?: (?:{units_1_9}))?|{units}|a hundred|hundred)(?: and a half| and a quarter)?)"
    )
}

/// Fills the placeholders of a pattern template and compiles it. Templates are constants of
/// this module, so a failure here is a programming error caught by the tests.
fn compile(template: &str) -> Regex {
    let pattern = PLACEHOLDERS
        .iter()
        .fold(template.to_string(), |pattern, (name, value)| {
            pattern.replace(name, value)
        });
    match Regex::new(&pattern) {
        Ok(regex) => regex,
        Err(error) => panic!("built-in quantity pattern does not compile: {error}"),
    }
}

/// The placeholders of the pattern templates and what they stand for, in the order they are
/// filled.
static PLACEHOLDERS: LazyLock<Vec<(&str, String)>> = LazyLock::new(|| {
    let number = number_pattern();
    let num = format!(r"(?:{number}(?: ?(?:-|to|or|and) ?{number})?)");
    vec![
        ("{num}", num),
        ("{number}", number),
        ("{w}", r"[\p{L}\p{N}][\p{L}\p{N}'½:/&\-]*".to_string()),
        ("{lw}", r"\p{L}[\p{L}\p{N}'&\-]*".to_string()),
        ("{adverb}", alt(ADVERBS)),
        ("{per}", alt(PER_PERIODS)),
        ("{every}", alt(EVERY_PERIODS)),
        ("{modifier}", alt(OCCASION_MODIFIERS)),
        ("{occasion}", alt(OCCASIONS)),
        ("{day}", alt(DAYS)),
        ("{pupils}", alt(PUPILS)),
        ("{adults}", alt(ADULTS)),
        ("{qual}", alt(SIZE_QUALIFIERS)),
        ("{scope}", alt(SCOPE_NOUNS)),
    ]
});

// ---------------------------------------------------------------------------------------------
// Gates: words a pattern cannot match without

/// A pattern template, compiled the first time a text could match it.
///
/// Most statements match few of the patterns, and a regex search costs hundreds of
/// instructions even when it finds nothing, so each pattern names the words it needs: its
/// `gate` is a list of word groups (below), and it is searched only in a text that has a word
/// of every group. [`words_in`] finds the groups present in one pass over the text. A gate
/// only ever has to hold of every text the pattern matches (a group may hold more words than
/// the pattern needs, never fewer), so it changes what is searched, not what is found. A
/// pattern no text has needed is never compiled, which keeps a one-file run from paying for
/// all of them.
pub(crate) struct Pattern {
    template: &'static str,
    gate: &'static [Words],
    regex: OnceLock<Regex>,
}

impl Pattern {
    const fn new(template: &'static str, gate: &'static [Words]) -> Pattern {
        Pattern {
            template,
            gate,
            regex: OnceLock::new(),
        }
    }

    /// Whether a text with the word groups `present` may match.
    fn may_match(&self, present: Words) -> bool {
        self.gate.iter().all(|&group| group & present != 0)
    }

    /// The matches in `text`, whose word groups are `present`.
    fn find_in<'t>(
        &self,
        present: Words,
        text: &'t str,
    ) -> impl Iterator<Item = regex::Match<'t>> + use<'_, 't> {
        self.may_match(present)
            .then(|| self.find_iter(text))
            .into_iter()
            .flatten()
    }
}

impl std::ops::Deref for Pattern {
    type Target = Regex;

    fn deref(&self) -> &Regex {
        self.regex.get_or_init(|| compile(self.template))
    }
}

/// A set of word groups, one bit each.
type Words = u64;

const NUMBER: Words = 1;
const ADVERB: Words = 1 << 1;
const PERIOD: Words = 1 << 2;
const MULTIPLIER: Words = 1 << 3;
const EVERY: Words = 1 << 4;
const PER: Words = 1 << 5;
const PW: Words = 1 << 6;
const SLASH: Words = 1 << 7;
const DAY_NAME: Words = 1 << 8;
const ALTERNATE: Words = 1 << 9;
const EVENT: Words = 1 << 10;
const AT: Words = 1 << 11;
const START_END: Words = 1 << 12;
const CARD: Words = 1 << 13;
const THAT: Words = 1 << 14;
const FOR_OVER: Words = 1 << 15;
const BLOCK: Words = 1 << 16;
const OCCASION: Words = 1 << 17;
const DAY_PART: Words = 1 << 18;
const TERM_YEAR: Words = 1 << 19;
const BLOCK_OF: Words = 1 << 20;
const TIME_UNIT_WORD: Words = 1 << 21;
const TOTAL_WORD: Words = 1 << 22;
const ALL: Words = 1 << 23;
const ACROSS: Words = 1 << 24;
const WHOLE_OF: Words = 1 << 25;
const WHOLE: Words = 1 << 26;
const THE_TIME: Words = 1 << 27;
const GROUP: Words = 1 << 28;
const WITH: Words = 1 << 29;
const PUPIL: Words = 1 << 30;
const PAIR: Words = 1 << 31;
const ADULT: Words = 1 << 32;
const RATIO_OF: Words = 1 << 33;
const ONE_TO_ONE: Words = 1 << 34;
const COLON: Words = 1 << 35;
const HYPHEN: Words = 1 << 36;
const HOURS_AFTER_DIGIT: Words = 1 << 37;

/// The words of each group, as they appear in the matching text (lower case). A group's words
/// need only be parts of the words the patterns name: "weekly" finds "fortnightly weekly" and
/// "bi weekly", "nightly" finds "fortnightly".
const GROUP_WORDS: &[(Words, &[&str])] = &[
    (
        NUMBER,
        &[
            "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "½", "hundred",
        ],
    ),
    (NUMBER, UNIT_WORDS),
    (NUMBER, TENS_WORDS),
    (
        ADVERB,
        &[
            "annual", "daily", "weekly", "monthly", "termly", "yearly", "hourly", "nightly",
        ],
    ),
    (
        PERIOD,
        &[
            "day",
            "week",
            "wk",
            "fortnight",
            "month",
            "term",
            "year",
            "lesson",
            "morning",
            "afternoon",
            "hour",
        ],
    ),
    (MULTIPLIER, &["once", "twice", "thrice", "times", "x", "×"]),
    (EVERY, &["every", "each"]),
    (PER, &["per "]),
    (PW, &["pw", "p/w"]),
    (SLASH, &["/"]),
    (DAY_NAME, DAYS),
    (ALTERNATE, &["alternate"]),
    (EVENT, &["should", "if", "when", "every time", "each time"]),
    (AT, &["at "]),
    (START_END, &["start", "beginning", "end"]),
    (CARD, &["card", "pass"]),
    (THAT, &["that", "which"]),
    (FOR_OVER, &["for", "over"]),
    (
        BLOCK,
        &[
            "block",
            "program",
            "course",
            "period",
            "intervention",
            "cycle",
            "package",
            "placement",
        ],
    ),
    (
        OCCASION,
        &[
            "session",
            "lesson",
            "visit",
            "appointment",
            "meeting",
            "interview",
        ],
    ),
    (
        DAY_PART,
        &["day", "morning", "afternoon", "evening", "lunchtime"],
    ),
    (TERM_YEAR, &["term", "year", "semester", "key stage"]),
    (
        BLOCK_OF,
        &[
            "block of",
            "course of",
            "programme of",
            "program of",
            "package of",
            "total of",
            "series of",
            "cycle of",
            "run of",
            "minimum of",
        ],
    ),
    (TIME_UNIT_WORD, &["min", "hour", "hr"]),
    // Right after a unit of time or a count of occasions, all of which end in "s" or "r".
    (
        TOTAL_WORD,
        &[
            "s in total",
            "r in total",
            "s in all",
            "r in all",
            "s altogether",
            "r altogether",
            "s overall",
            "r overall",
            "s total",
            "r total",
        ],
    ),
    (ALL, &["all "]),
    (ACROSS, &["throughout", "across"]),
    (WHOLE_OF, &["for the whole of"]),
    (WHOLE, &["whole", "entire", "full"]),
    (THE_TIME, &["the time"]),
    (GROUP, &["group", "class"]),
    (WITH, &["with", "alongside", "plus", "among"]),
    (
        PUPIL,
        &[
            "pupil",
            "student",
            "child",
            "learner",
            "peer",
            "young people",
            "classmate",
            "other",
            "cyp",
        ],
    ),
    (PAIR, &["pair"]),
    (
        ADULT,
        &["adult", "staff", "ta", "teacher", "practitioner", "lsa"],
    ),
    (RATIO_OF, &["ratio of"]),
    (ONE_TO_ONE, &["to one", "on one", "to 1", "on 1"]),
    (COLON, &[":"]),
    (HYPHEN, &["-"]),
    (
        HOURS_AFTER_DIGIT,
        &[
            "0h", "1h", "2h", "3h", "4h", "5h", "6h", "7h", "8h", "9h", "0 h", "1 h", "2 h", "3 h",
            "4 h", "5 h", "6 h", "7 h", "8 h", "9 h",
        ],
    ),
];

/// All the groups' words in one automaton, and the group of each.
static GATE_WORDS: LazyLock<(AhoCorasick, Vec<Words>)> = LazyLock::new(|| {
    let mut words: Vec<&str> = Vec::new();
    let mut groups: Vec<Words> = Vec::new();
    for &(group, list) in GROUP_WORDS {
        for &word in list {
            words.push(word);
            groups.push(group);
        }
    }
    let automaton = AhoCorasick::builder()
        .kind(Some(AhoCorasickKind::DFA))
        .build(&words)
        .unwrap_or_else(|error| panic!("quantity gate words do not build: {error}"));
    (automaton, groups)
});

/// The word groups present in a matching text.
fn words_in(text: &str) -> Words {
    let (automaton, groups) = &*GATE_WORDS;
    automaton.find_overlapping_iter(text).fold(0, |present, m| {
        present | groups.get(m.pattern().as_usize()).copied().unwrap_or(0)
    })
}

// ---------------------------------------------------------------------------------------------
// Patterns, one list per kind

static FREQUENCY: LazyLock<Vec<Pattern>> = LazyLock::new(|| {
    vec![
        // "daily", "twice weekly", "half-termly"
        Pattern::new(r"\b(?:(?:once|twice|thrice) )?(?:{adverb})\b", &[ADVERB]),
        // "three times a week", "3 x per week", "3x weekly", "once a fortnight", "2-3 times/week"
        Pattern::new(
            r"\b(?:once|twice|thrice|{num} ?(?:times|x|×))(?: ?/ ?| (?:a|per|each|every|in a|in each|in every) | )(?:{per}|{adverb}|wk)\b",
            &[MULTIPLIER, PERIOD | ADVERB],
        ),
        // "every two weeks", "each half term", "every Monday and Thursday",
        // "every break and lunchtime"
        // "each work placement day", "at the start of each independent task"
        Pattern::new(
            r"\b(?:every|each)(?: (?:other|alternate|second|third|{num}))?(?: (?:{modifier})){0,2}? (?:{every})\b(?:(?: ?,| and| or| &)+ (?:every |each )?(?:{every})\b)*",
            &[EVERY],
        ),
        // "per week", "per term"
        Pattern::new(r"\bper (?:{per})\b", &[PER, PERIOD]),
        // "2 sessions a week", "30 minutes a day", "5 hours of TA support per week"
        Pattern::new(
            r"\b{num}(?: {lw}){0,6}? (?:a|per|each|every|in a|in each|in every) (?:{per})\b",
            &[NUMBER, PERIOD],
        ),
        // "2 hrs pw", "3 hours/week"
        Pattern::new(r"\b(?:pw|p/w)\b", &[PW]),
        Pattern::new(
            r"/ ?(?:week|wk|day|term|month|year|fortnight)\b",
            &[SLASH, PERIOD],
        ),
        // "on Tuesdays and Thursdays", "Mondays"
        Pattern::new(
            r"\b(?:on )?(?:{day})s\b(?:(?: ?,| and| or| &)+ (?:{day})s?\b)*",
            &[DAY_NAME],
        ),
        // "Monday to Friday", "Monday-Friday"
        Pattern::new(
            r"\b(?:{day}) (?:(?:to|until|till|through) )?(?:{day})\b",
            &[DAY_NAME],
        ),
        // "Monday, Wednesday and Friday"
        Pattern::new(r"\b(?:{day})(?:(?: ?,| and| &)+ (?:{day})\b)+", &[DAY_NAME]),
        // "Monday mornings"
        Pattern::new(
            r"\b(?:{day}) (?:mornings|afternoons|evenings|lunchtimes)\b",
            &[DAY_NAME],
        ),
        // "on alternate days"
        Pattern::new(
            r"\b(?:on )?alternate (?:days|weeks|mornings|afternoons)\b",
            &[ALTERNATE],
        ),
        // An event that sets the occasion: "Should Arlo become distressed, ...", "whenever she
        // shows her red card", "each time he arrives late". Hedges are not events: "if
        // required", "when needed", "when he is ready" name no occasion anyone can see.
        Pattern::new(
            r"^(?:should|if|when|whenever) (?:{lw} ){1,2}?(?:(?:become|becomes|feel|feels|get|gets|seem|seems|appear|appears|is|are) (?:upset|distressed|anxious|overwhelmed|angry|dysregulated|unsettled|cross|frustrated|tired|unwell|late|absent|stuck)|refuse|refuses|show|shows|ask|asks|arrive|arrives|leave|leaves|hold up|holds up|run|runs)\b",
            &[EVENT],
        ),
        Pattern::new(
            r"\b(?:whenever|every time|each time|when) (?:{lw} ){1,2}?(?:(?:become|becomes|feel|feels|get|gets|seem|seems|appear|appears|is|are) (?:upset|distressed|anxious|overwhelmed|angry|dysregulated|unsettled|cross|frustrated|tired|unwell|late|absent|stuck)|refuses|shows (?:his|her|their|a|the)|asks for|arrives|holds up)\b",
            &[EVENT],
        ),
        // "at the start and end of the day", "at the end of each session"
        Pattern::new(
            r"\bat (?:the )?(?:start|beginning|end)(?: and (?:the )?(?:start|beginning|end))? of (?:the |each |every )?(?:school |working |nursery |college )?(?:day|session|lesson|week)\b",
            &[AT, START_END],
        ),
        // A timetable of clock times: "at 10am, 12pm and 2pm", "at 9:00 and 13:15"
        Pattern::new(
            r"\bat [0-9]{1,2}(?:[:.][0-9]{2})? ?(?:am|pm)?(?:(?: ?,| and| &) [0-9]{1,2}(?:[:.][0-9]{2})? ?(?:am|pm)?)+(?: ?(?:am|pm))?\b",
            &[AT, NUMBER],
        ),
        // A card or pass the child shows to leave: "a time-out card that Freya can show".
        Pattern::new(
            r"\b(?:card|cards|pass|passes) (?:that|which) (?:{lw} ){1,2}?(?:can|may|will) (?:show|use|hold up|hand)\b",
            &[CARD, THAT],
        ),
    ]
});

static DURATION: LazyLock<Vec<Pattern>> = LazyLock::new(|| {
    vec![
        // "20 minutes", "30-minute", "1.5 hrs", "20-30 mins", "2h"
        Pattern::new(
            r"\b{num}(?: ?(?:minutes|minute|mins|min|hours|hour|hrs|hr)\b|h\b)",
            &[NUMBER],
        ),
        Pattern::new(
            r"\b(?:an hour and a half|an hour and a quarter|half an hour|a half hour|half hour|a quarter of an hour|quarter of an hour|three quarters of an hour|an hour|half a day|a half day|half days|half day|a full day|full days|a whole day)\b",
            &[PERIOD],
        ),
        // "for 6 weeks", "for the spring term", "over a term"
        Pattern::new(
            r"\b(?:for|over) (?:a |an |the |the next |the first |the last |another |a further )?(?:{num} )?(?:(?:autumn|spring|summer) )?(?:weeks|week|half terms|half term|terms|term|months|month|academic years|academic year|school years|school year|years|year)\b",
            &[FOR_OVER, PERIOD],
        ),
        // "a 10-week block", "for a 6 week programme"
        Pattern::new(
            r"\b(?:(?:for|over) )?(?:a |an |the )?{num} (?:weeks|week|terms|term|months|month|days|day|sessions|session|lessons|lesson|hours|hour) (?:block|programme|program|course|period|intervention|cycle|package|placement)\b",
            &[NUMBER, BLOCK],
        ),
    ]
});

/// Counts that are a duration only when they are not followed by a period ("12 sessions" is an
/// amount; "2 sessions a week" is a frequency).
static DURATION_COUNT: Pattern = Pattern::new(
    r"\b{num}(?: {lw}){0,2}? (?:sessions|session|lessons|lesson|visits|visit|appointments|appointment)\b",
    &[NUMBER, OCCASION],
);

/// Days and part-days: a duration when a period follows ("3 days a week") or after "for".
static DURATION_DAYS: Pattern = Pattern::new(
    r"\b{num} (?:half |full |whole )?(?:days|day|mornings|morning|afternoons|afternoon|evenings|evening|lunchtimes|lunchtime)\b",
    &[NUMBER, DAY_PART],
);

/// "for ", "for the first ", "over the next " just before a count of days.
static FOR_BEFORE: Pattern = Pattern::new(
    r"\b(?:for|over)(?: the)?(?: (?:first|next|last|initial))? $",
    &[],
);

static FOLLOWED_BY_PERIOD: Pattern = Pattern::new(
    r"^(?: {lw}){0,6}? (?:(?:a|per|each|every|in a|in each|in every) (?:{per})|{adverb}|pw|p/w)\b|^ ?/ ?(?:week|wk|day|term|month|year|fortnight)\b",
    &[],
);

static TOTAL: LazyLock<Vec<Pattern>> = LazyLock::new(|| {
    vec![
        // "12 hours over the spring term", "four 40-minute visits a year", "6 sessions per term"
        Pattern::new(
            r"\b{num}(?: {w}){0,3}? (?:hours|hour|hrs|sessions|session|visits|visit|lessons|appointments|appointment|meetings|interviews|days|mornings|afternoons|evenings|events|open days|workshops|consultations|minutes|mins)(?: {w}){0,8}? (?:over|across|during|per|a|each|every|in|within|throughout|for) (?:the whole |the full |the |this |each |every |an |one |a )?(?:(?:autumn|spring|summer)(?:(?:,| and| &)+ (?:autumn|spring|summer))* |(?:academic|school|calendar) )?(?:half terms|half term|terms|term|years|year|semester|key stage)\b",
            &[NUMBER, TERM_YEAR],
        ),
        // "a block of 8 sessions", "a course of ten weekly sessions", "a total of 20 hours"
        Pattern::new(
            r"\b(?:a |one )?(?:block|course|programme|program|package|total|series|cycle|run|minimum) of (?:at least |up to )?{num}(?: {w}){0,2}? (?:sessions|session|hours|hour|hrs|lessons|visits|weeks|appointments|minutes|mins)\b",
            &[NUMBER, BLOCK_OF],
        ),
        // A count of timed sessions: "6 x 45 min sessions", "six 1-hour sessions", "four
        // 40-minute visits"
        Pattern::new(
            r"\b{num} (?:x )?{num} ?(?:minutes|minute|mins|min|hours|hour|hrs|hr)\b(?: {w}){0,2}? (?:sessions|session|visits|lessons|appointments|meetings|interviews)\b",
            &[NUMBER, TIME_UNIT_WORD, OCCASION],
        ),
        // "20 hours in total"
        Pattern::new(
            r"\b{num}(?: {w}){0,3}? (?:hours|hour|hrs|sessions|visits|lessons|minutes|mins|days) (?:in total|in all|altogether|overall|total)\b",
            &[NUMBER, TOTAL_WORD],
        ),
    ]
});

static SCOPE: LazyLock<Vec<Pattern>> = LazyLock::new(|| {
    vec![
        // "in all lessons", "for all written work", "during all unstructured times",
        // "at all times", "all of his lessons"
        Pattern::new(
            r"\b(?:(?:in|across|during|for|at|throughout|within) )?all (?:of )?(?:(?:the|his|her|their|my) )?(?:{lw} ){0,3}?(?:{scope})\b",
            &[ALL],
        ),
        // "every lesson", "in each English lesson", "in every science, DT and food technology
        // lesson"
        Pattern::new(
            r"\b(?:(?:in|during|for|at) )?(?:every|each)(?: (?:{lw}|and|&),?){0,6}? lessons?\b",
            &[EVERY, OCCASION],
        ),
        // "throughout the school day", "across the curriculum", "throughout each nursery
        // session"
        Pattern::new(
            r"\b(?:throughout|across) (?:the whole |the entire |the |each |every |his |her |their |all )?(?:{lw} )?(?:school day|day|school week|week|curriculum|timetable|school year|sessions|session|lessons|lesson)\b",
            &[ACROSS],
        ),
        // The whole of each occasion: "at every break, lunchtime and before each practical
        // session", "at every change time", "for the whole of every lunchtime"
        Pattern::new(
            r"\b(?:at|during|for|throughout) (?:the whole of )?(?:every|each) (?:{lw} )?(?:break|breaks|break time|breaktime|lunchtime|lunchtimes|lunch time|playtime|play time|change time|change|nappy change|toilet visit|session|practical session|trip|outing|transition)\b",
            &[EVERY],
        ),
        Pattern::new(
            r"\bfor the whole of (?:every|each|the|his|her|their) (?:{lw} ){0,2}?(?:lesson|lessons|session|sessions|lunchtime|lunchtimes|break|breaks|day|shift|shifts|journey|visit)\b",
            &[WHOLE_OF],
        ),
        // Named everyday occasions, every day: "at snack time and lunchtime every day"
        Pattern::new(
            r"\b(?:at|during|for|throughout) (?:the whole of )?(?:(?:the|his|her|their) )?(?:{occasion})(?:(?: ?,| and| &)+ (?:{occasion}))* (?:every day|each day|daily|every school day|each school day|every session|each session)\b",
            &[EVERY | ADVERB],
        ),
        // "the whole school day", "full day"
        Pattern::new(
            r"\b(?:the |a )?(?:whole|entire|full) (?:school )?(?:day|days|week|timetable|curriculum)\b",
            &[WHOLE],
        ),
        Pattern::new(r"\ball (?:the )?(?:school )?day\b", &[ALL]),
        Pattern::new(r"\ball (?:of )?the time\b", &[ALL, THE_TIME]),
        Pattern::new(r"\bfull time\b", &[WHOLE]),
    ]
});

/// "32.5 hours per week": at or above this many hours a week, support is full-time in scope.
const FULL_TIME_HOURS: f64 = 25.0;

static WEEKLY_HOURS: Pattern = Pattern::new(
    r"\b([0-9]+(?:\.[0-9]+)?) ?(?:hours|hour|hrs|hr)(?: {lw}){0,4}? (?:(?:per|a|each|every|in a) (?:school )?week|weekly|pw|p/w)\b",
    &[HOURS_AFTER_DIGIT, PERIOD | PW],
);

static GROUP_SIZE: LazyLock<Vec<Pattern>> = LazyLock::new(|| {
    vec![
        // "a group of up to 4 pupils", "groups of no more than 6", "a class of 8",
        // "group size: 6" ("a class with 2 TAs" is not a group size, so "with" is left to the
        // next pattern, which needs a word for children)
        Pattern::new(
            r"\b(?:(?:small|smaller|teaching|nurture|intervention|focus|targeted) )*(?:groups|group|classes|class)(?: sizes?)?(?: of|:| no larger than| no bigger than| not exceeding| capped at| sizes?) (?:(?:{qual}) )?{num}\b(?: (?:other |more )?(?:{pupils})\b)?",
            &[GROUP, NUMBER],
        ),
        // "with up to 3 other pupils", "alongside one other child"
        Pattern::new(
            r"\b(?:with|alongside|plus|among|amongst) (?:(?:{qual}) )?{num} (?:other |more |further )?(?:{pupils})\b",
            &[WITH, NUMBER, PUPIL],
        ),
        // "a 4-pupil group"
        Pattern::new(
            r"\b{num} (?:pupil|student|child|learner|person|people) (?:groups|group|classes|class)\b",
            &[NUMBER, GROUP],
        ),
        // "in pairs", "in a pair", "pair work"
        Pattern::new(
            r"\b(?:(?:in|as|with|within|working in) )?(?:a )?(?:pairs|pair)\b",
            &[PAIR],
        ),
    ]
});

static PAIR_OF_THINGS: Pattern = Pattern::new(r"^ of\b(?: (?:{pupils})\b)?", &[]);

static RATIO: LazyLock<Vec<Pattern>> = LazyLock::new(|| {
    vec![
        // "1 adult to 3 pupils", "an adult to every 4 children"
        Pattern::new(
            r"\b(?:{number}|a|an) (?:{adults}) (?:to every|for every|to|per|for|with|:) ?{number} (?:{pupils})\b",
            &[ADULT, NUMBER, PUPIL],
        ),
        // "a ratio of 1 to 4"
        Pattern::new(r"\bratio of {number} ?(?::|to) ?{number}\b", &[RATIO_OF]),
        // "one-to-one", "one on one", "2 to 1"
        Pattern::new(
            r"\b(?:one|two|three|1|2|3) (?:to|on) (?:one|1)\b",
            &[ONE_TO_ONE],
        ),
    ]
});

static RATIO_DIGITS: Pattern =
    Pattern::new(r"\b([0-9]{1,3})(?: : |:)([0-9]{1,3})\b", &[COLON, NUMBER]);

static RATIO_HYPHEN: Pattern = Pattern::new(r"\b(?:1 ?- ?2 ?- ?1|[12] ?- ?1)\b", &[HYPHEN, NUMBER]);

static CLOCK_AFTER: Pattern = Pattern::new(r"^ ?(?:am|pm|a\.m|p\.m|o'clock|hrs|h)\b", &[]);

static CLOCK_BEFORE: Pattern = Pattern::new(
    r"\b(?:at|until|till|til|by|before|after|around|starting at|starts at|from about) ?$",
    &[],
);

// ---------------------------------------------------------------------------------------------
// Finding spans

/// The spans of one kind in a matching text whose word groups are `present`.
fn spans_of_kind(matched: &MatchText, present: Words, kind: QuantityKind) -> Vec<Range<usize>> {
    let text = matched.as_str();
    let mut spans = Vec::new();
    match kind {
        QuantityKind::Frequency => {
            for pattern in FREQUENCY.iter() {
                for m in pattern.find_in(present, text) {
                    if !is_false_frequency(text, m.range()) {
                        spans.push(m.range());
                    }
                }
            }
            // "6 sessions per term" says how often, not how much: the length of each session is
            // still missing.
            if let Some(per_period) = TOTAL.first() {
                for m in per_period.find_in(present, text) {
                    if !ends_with_year_name(text, m.range()) && is_count_of_occasions(m.as_str()) {
                        spans.push(m.range());
                    }
                }
            }
        }
        QuantityKind::Duration => {
            for pattern in DURATION.iter() {
                for m in pattern.find_in(present, text) {
                    if !ends_with_year_name(text, m.range()) {
                        spans.push(m.range());
                    }
                }
            }
            for m in DURATION_COUNT.find_in(present, text) {
                // "2 hours per visit": the hours are the duration, found above.
                let per_occasion = [" per ", " each ", " every ", " a "]
                    .iter()
                    .any(|w| m.as_str().contains(w));
                // "in 4 out of 5 lessons" is a success rate, not an amount.
                let rate = text
                    .get(..m.start())
                    .is_some_and(|before| before.ends_with("out of "));
                // "2 x weekly sessions", "3 times weekly sessions": how often, not how many.
                let multiplied = m
                    .as_str()
                    .split(' ')
                    .any(|w| matches!(w, "x" | "times") || ADVERBS.contains(&w));
                if !per_occasion && !rate && !multiplied && !followed_by_period(text, m.end()) {
                    spans.push(m.range());
                }
            }
            for m in DURATION_DAYS.find_in(present, text) {
                let before = text.get(..m.start()).unwrap_or("");
                if followed_by_period(text, m.end()) || FOR_BEFORE.is_match(before) {
                    spans.push(m.range());
                }
            }
        }
        QuantityKind::Total => {
            for pattern in TOTAL.iter() {
                for m in pattern.find_in(present, text) {
                    if !ends_with_year_name(text, m.range()) && !is_count_of_occasions(m.as_str()) {
                        spans.push(m.range());
                    }
                }
            }
        }
        QuantityKind::Scope => {
            for pattern in SCOPE.iter() {
                for m in pattern.find_in(present, text) {
                    let after = text.get(m.end()..).unwrap_or("");
                    if !after.starts_with(" equivalent") {
                        spans.push(m.range());
                    }
                }
            }
            for m in WEEKLY_HOURS.find_in(present, text) {
                // The match starts with the hours (its first group), and a space or an "h"
                // follows them.
                let words = m.as_str();
                let number_end = words
                    .find(|c: char| !c.is_ascii_digit() && c != '.')
                    .unwrap_or(words.len());
                let hours = words
                    .get(..number_end)
                    .and_then(|h| h.parse::<f64>().ok())
                    .unwrap_or(0.0);
                if hours.is_finite() && hours >= FULL_TIME_HOURS {
                    spans.push(m.range());
                }
            }
        }
        QuantityKind::GroupSize => {
            for pattern in GROUP_SIZE.iter() {
                for m in pattern.find_in(present, text) {
                    if !is_pair_of_things(text, m.range()) {
                        spans.push(m.range());
                    }
                }
            }
        }
        QuantityKind::Ratio => {
            for pattern in RATIO.iter() {
                spans.extend(pattern.find_in(present, text).map(|m| m.range()));
            }
            for m in RATIO_DIGITS.find_in(present, text) {
                // "2:6" or "2 : 6": the two groups are the digits either side of the colon.
                if let Some((a, b)) = m.as_str().split_once(':') {
                    if is_ratio_not_clock(text, m.range(), a.trim(), b.trim()) {
                        spans.push(m.range());
                    }
                }
            }
            for m in RATIO_HYPHEN.find_in(present, text) {
                if !touches_number_punctuation(text, m.range()) {
                    spans.push(m.range());
                }
            }
        }
    }
    spans.retain(|span| !inside_a_number(text, span.start));
    keep_leftmost_longest(spans)
}

/// True when a span starts in the middle of a number or clock time ("30" in "1:30").
fn inside_a_number(text: &str, start: usize) -> bool {
    let first = text.get(start..).and_then(|t| t.chars().next());
    let before = text.get(..start).and_then(|t| t.chars().next_back());
    first.is_some_and(|c| c.is_ascii_digit())
        && before.is_some_and(|c| c.is_ascii_digit() || matches!(c, ':' | '.'))
}

/// Sorts spans and keeps the leftmost, then longest, of any that overlap.
fn keep_leftmost_longest(mut spans: Vec<Range<usize>>) -> Vec<Range<usize>> {
    spans.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut kept: Vec<Range<usize>> = Vec::with_capacity(spans.len());
    for span in spans {
        if span.start >= span.end {
            continue;
        }
        if kept.last().is_none_or(|last| span.start >= last.end) {
            kept.push(span);
        }
    }
    kept
}

fn followed_by_period(text: &str, end: usize) -> bool {
    text.get(end..)
        .is_some_and(|rest| FOLLOWED_BY_PERIOD.is_match(rest))
}

/// A "total" that only counts occasions ("6 sessions per term", "3 visits each academic year"):
/// with no time in it, it is a frequency.
fn is_count_of_occasions(total: &str) -> bool {
    !TIME_UNIT.is_match(total)
}

static TIME_UNIT: Pattern = Pattern::new(
    r"\b(?:hours|hour|hrs|hr|minutes|minute|mins|min|days|day|mornings|morning|afternoons|afternoon)\b|[0-9] ?h\b",
    &[],
);

/// "daily living skills", "his daily routine", "each year group": the word does not say how
/// often anything is provided.
fn is_false_frequency(text: &str, span: Range<usize>) -> bool {
    let matched = text.get(span.clone()).unwrap_or("");
    let after = text.get(span.end..).unwrap_or("");
    if matched == "daily"
        && [" living", " life", " routine", " tasks", " skills"]
            .iter()
            .any(|w| after.starts_with(w))
    {
        return true;
    }
    if matched.ends_with("year") && (after.starts_with(" group") || starts_with_year_name(after)) {
        return true;
    }
    false
}

/// "for Year 6", "over Year R": a school year, not a length of time.
fn ends_with_year_name(text: &str, span: Range<usize>) -> bool {
    let matched = text.get(span.clone()).unwrap_or("");
    let after = text.get(span.end..).unwrap_or("");
    matched.ends_with("year") && starts_with_year_name(after)
}

fn starts_with_year_name(after: &str) -> bool {
    let mut chars = after.chars();
    if chars.next() != Some(' ') {
        return false;
    }
    match chars.next() {
        Some(c) if c.is_ascii_digit() => true,
        Some('r') => !chars.next().is_some_and(char::is_alphanumeric),
        _ => false,
    }
}

/// "a pair of scissors" is not a group size; "a pair of pupils" is.
fn is_pair_of_things(text: &str, span: Range<usize>) -> bool {
    let matched = text.get(span.clone()).unwrap_or("");
    if !matched.ends_with("pair") && !matched.ends_with("pairs") {
        return false;
    }
    let after = text.get(span.end..).unwrap_or("");
    match PAIR_OF_THINGS.find(after) {
        // " of" alone: a pair of something other than children.
        Some(m) => m.as_str() == " of",
        None => false,
    }
}

/// Digits, colons, slashes or decimal points next to a span mean it is part of a longer number,
/// date or time ("2024-1-1", "10:30:1").
fn touches_number_punctuation(text: &str, span: Range<usize>) -> bool {
    let before = text.get(..span.start).unwrap_or("").chars().next_back();
    let mut after = text.get(span.end..).unwrap_or("").chars();
    let next = after.next();
    let next_next = after.next();
    let joined = |c: char| c.is_ascii_digit() || matches!(c, ':' | '/' | '-' | '.');
    before.is_some_and(joined)
        || next.is_some_and(|c| c.is_ascii_digit() || matches!(c, ':' | '/' | '-'))
        || (next == Some('.') && next_next.is_some_and(|c| c.is_ascii_digit()))
}

/// "1:1" and "2:6" are ratios; "9:00", "3:30pm" and "at 1:15" are clock times.
fn is_ratio_not_clock(text: &str, span: Range<usize>, a: &str, b: &str) -> bool {
    if touches_number_punctuation(text, span.clone()) {
        return false;
    }
    let (Ok(first), Ok(second)) = (a.parse::<u32>(), b.parse::<u32>()) else {
        return false;
    };
    if first == 0 || second == 0 {
        return false;
    }
    let before = text.get(..span.start).unwrap_or("");
    let after = text.get(span.end..).unwrap_or("");
    let near = |s: &str| s.contains("ratio") || s.contains("staffing");
    if near(tail(before, 30)) || near(head(after, 30)) {
        return true;
    }
    if CLOCK_AFTER.is_match(after) || CLOCK_BEFORE.is_match(before) {
        return false;
    }
    let clock_minutes = b.len() == 2 && (b.starts_with('0') || (second >= 15 && second % 5 == 0));
    !(clock_minutes || first > 12 || second > 30)
}

/// The last `n` bytes of `s`, moved forward to a character boundary.
fn tail(s: &str, n: usize) -> &str {
    let mut start = s.len().saturating_sub(n);
    while !s.is_char_boundary(start) {
        start += 1;
    }
    s.get(start..).unwrap_or("")
}

/// The first `n` bytes of `s`, moved back to a character boundary.
fn head(s: &str, n: usize) -> &str {
    let mut end = n.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s.get(..end).unwrap_or("")
}

/// Builds what every text needs (the gate words, the placeholders' values) now rather than on
/// first use (see `super::warm_up`). The patterns themselves compile when a text first passes
/// their gate, so a run compiles only those its files need.
pub(crate) fn warm_up() {
    LazyLock::force(&GATE_WORDS);
    LazyLock::force(&PLACEHOLDERS);
}

/// Every pattern of this module.
#[cfg(test)]
fn every_pattern() -> impl Iterator<Item = &'static Pattern> {
    let lists = [&FREQUENCY, &DURATION, &TOTAL, &SCOPE, &GROUP_SIZE, &RATIO];
    // The single patterns a kind searches, then those that look around a match.
    let searched = [
        &DURATION_COUNT,
        &DURATION_DAYS,
        &WEEKLY_HOURS,
        &RATIO_DIGITS,
        &RATIO_HYPHEN,
    ];
    let around_durations = [&FOR_BEFORE, &FOLLOWED_BY_PERIOD, &TIME_UNIT];
    let around_ratios = [&PAIR_OF_THINGS, &CLOCK_AFTER, &CLOCK_BEFORE];
    let single = searched
        .into_iter()
        .chain(around_durations)
        .chain(around_ratios);
    lists.into_iter().flat_map(|list| list.iter()).chain(single)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The (kind, words) pairs found in `text`.
    fn found(text: &str) -> Vec<(QuantityKind, &str)> {
        find_quantities(text)
            .into_iter()
            .map(|q| (q.kind, text.get(q.span).unwrap_or("<bad span>")))
            .collect()
    }

    fn has_kind(text: &str, kind: QuantityKind) -> bool {
        find_quantities(text).iter().any(|q| q.kind == kind)
    }

    fn assert_kind(kind: QuantityKind, texts: &[&str]) {
        for text in texts {
            assert!(
                has_kind(text, kind),
                "expected {kind:?} in {text:?}, found {:?}",
                found(text)
            );
        }
    }

    fn assert_not_kind(kind: QuantityKind, texts: &[&str]) {
        for text in texts {
            assert!(
                !has_kind(text, kind),
                "did not expect {kind:?} in {text:?}, found {:?}",
                found(text)
            );
        }
    }

    #[test]
    fn all_patterns_compile() {
        // Forces every lazily built pattern, so a bad built-in pattern fails here.
        let lists = [&FREQUENCY, &DURATION, &TOTAL, &SCOPE, &GROUP_SIZE, &RATIO];
        assert!(lists.iter().all(|list| !list.is_empty()));
        let single = [
            &DURATION_COUNT,
            &DURATION_DAYS,
            &FOR_BEFORE,
            &FOLLOWED_BY_PERIOD,
            &WEEKLY_HOURS,
            &PAIR_OF_THINGS,
            &RATIO_DIGITS,
            &RATIO_HYPHEN,
            &CLOCK_AFTER,
            &CLOCK_BEFORE,
        ];
        assert!(single.iter().all(|regex| !regex.as_str().is_empty()));
    }

    #[test]
    fn every_pattern_compiles() {
        // The patterns compile on first use; this forces them all, so a bad one fails here.
        assert!(every_pattern().all(|pattern| !pattern.as_str().is_empty()));
    }

    #[test]
    fn gates_hold_on_the_labelled_corpora() {
        // A gate that missed a word a pattern needs would silently lose its matches: check, on
        // every labelled statement, that no pattern matches a text its gate would skip.
        let root = env!("CARGO_MANIFEST_DIR");
        for file in ["corpus/statements.tsv", "corpus/holdout.tsv"] {
            let table = std::fs::read_to_string(format!("{root}/{file}")).unwrap_or_default();
            assert!(!table.is_empty(), "{file} is missing");
            for line in table.lines().skip(1) {
                let text = line.split('\t').nth(3).unwrap_or("");
                let matched = MatchText::new(text);
                let present = words_in(matched.as_str());
                for pattern in every_pattern() {
                    assert!(
                        pattern.may_match(present) || !pattern.is_match(matched.as_str()),
                        "the gate of {:?} skips {text:?}",
                        pattern.template
                    );
                }
            }
        }
    }

    #[test]
    fn frequencies() {
        assert_kind(
            QuantityKind::Frequency,
            &[
                "daily",
                "weekly",
                "fortnightly",
                "every two weeks",
                "every 2 weeks",
                "twice weekly",
                "twice-weekly",
                "3 x per week",
                "3x weekly",
                "1 x weekly",
                "three times a week",
                "2-3 times per week",
                "each morning",
                "every lesson",
                "each half term",
                "each half-term",
                "termly",
                "half-termly",
                "per term",
                "at every break and lunchtime",
                "once a fortnight",
                "every Monday",
                "on Tuesdays and Thursdays",
                "Monday to Friday",
                "Monday–Friday",
                "Monday, Wednesday and Friday",
                "each day",
                "per week",
                "2 sessions a week",
                "30 minutes a day",
                "every other day",
                "on alternate days",
                "2 hrs pw",
                "3 hours/week",
                "Frequency: Weekly",
                "every assembly",
                "EVERY MORNING",
            ],
        );
    }

    #[test]
    fn vague_words_are_not_frequencies() {
        assert_not_kind(
            QuantityKind::Frequency,
            &[
                "regular support from a TA",
                "regularly",
                "frequent check-ins",
                "frequently",
                "periodic reviews",
                "periodically",
                "occasional help",
                "occasionally",
                "ongoing support",
                "on-going",
                "routinely",
                "often",
                "from time to time",
                "Regular class teaching",
                "a regular class",
                "support with daily living skills",
                "his daily routine",
                "each year group",
                "a week",
                "for a week",
                "once",
                "on Monday",
                "several times",
            ],
        );
    }

    #[test]
    fn durations() {
        assert_kind(
            QuantityKind::Duration,
            &[
                "20 minutes",
                "30 mins",
                "1 hour",
                "1.5 hrs",
                "1.5hrs",
                "1½ hours",
                "one and a half hours",
                "half an hour",
                "a 30-minute session",
                "a 30‑minute session",
                "an hour",
                "45-minute",
                "forty-five minutes",
                "twenty minutes",
                "20-30 minutes",
                "20–30 minutes",
                "for 6 weeks",
                "for a 10-week block",
                "a 6 week programme",
                "for the spring term",
                "12 sessions",
                "up to 3 hours",
                "3 days a week",
                "for 2 days",
                "for the first 2 days",
                "half a day",
            ],
        );
    }

    #[test]
    fn not_durations() {
        assert_not_kind(
            QuantityKind::Duration,
            &[
                "Level 2 phonics",
                "in 4 out of 5 lessons",
                "Year 6",
                "in Year 6",
                "for Year 6 pupils",
                "for Year R",
                "Key Stage 2",
                "2 sessions a week",
                "6 sessions per term",
                "one day he hopes to",
                "a few minutes",
                "weekly",
                "ages 5 to 7",
            ],
        );
    }

    #[test]
    fn events_and_occasions_are_frequencies() {
        assert_kind(
            QuantityKind::Frequency,
            &[
                "after every 20 minutes of seated work",
                "Should Arlo become distressed, his TA will follow his calm-down plan",
                "If she refuses to come in, her key adult will wait with her",
                "when he shows his red card",
                "whenever she feels overwhelmed",
                "a time-out card that Freya can show to leave the lesson",
                "a 5-minute warning before every change of activity",
                "an annual assessment",
                "for the first 3 hours of each work placement day",
                "15 mins at start and end of day",
                "at 10am, 12pm and 2pm for 10 minutes each time",
                "at the start of each independent task",
                "two college open evenings in the autumn term",
            ],
        );
        assert_not_kind(
            QuantityKind::Frequency,
            &[
                "when he is ready",
                "if required",
                "Should Ayaan require it, a TA will scribe",
                "when needed",
                "when the school feels he is ready",
            ],
        );
        assert_not_kind(
            QuantityKind::Duration,
            &["up to 2 x weekly sessions with elsa"],
        );
        assert!(
            amount_of("two college open evenings in the autumn term (2 hours each)")
                .is_quantified()
        );
        assert!(!amount_of("up to 2 x weekly sessions with elsa").is_quantified());
    }

    #[test]
    fn scopes_of_whole_occasions() {
        assert_kind(
            QuantityKind::Scope,
            &[
                "throughout each nursery session",
                "in every science, DT and food technology lesson",
                "at every break, lunchtime and before each practical session",
                "at every change time during the session",
                "for the whole of every lunchtime",
                "in all lectures",
                "for all written assessments",
                "in all mock exams",
                "in all practical workshop sessions",
                "at snack time and lunchtime every day",
            ],
        );
        assert_not_kind(
            QuantityKind::Scope,
            &["at lunchtime", "at snack time on Mondays"],
        );
        assert_not_kind(
            QuantityKind::Total,
            &["45 min sessions", "30-minute sessions"],
        );
    }

    #[test]
    fn totals() {
        assert_kind(
            QuantityKind::Total,
            &[
                "12 hours over the spring term",
                "four 40-minute visits a year",
                "a total of 20 hours",
                "20 hours in total",
                "3 interviews of 45 minutes in the spring and summer terms",
                "OT - 6 x 45 min sessions, autumn term",
                "six 1-hour sessions with the travel trainer",
                "Up to 12 hours of travel training with the travel trainer over the autumn term",
            ],
        );
        // Counting occasions says how often or how many, not how much time.
        assert_kind(
            QuantityKind::Frequency,
            &[
                "6 sessions per term",
                "3 visits each academic year",
                "Up to 6 sessions of speech and language therapy per year",
            ],
        );
        assert_kind(QuantityKind::Duration, &["a block of 8 sessions"]);
        assert_not_kind(
            QuantityKind::Total,
            &[
                "6 sessions per term",
                "3 visits each academic year",
                "a block of 8 sessions",
                "a course of ten weekly sessions",
                "12 sessions",
                "per term",
                "termly",
                "2 hours per week",
                "2 sessions in Year 6",
            ],
        );
    }

    #[test]
    fn scopes() {
        assert_kind(
            QuantityKind::Scope,
            &[
                "in all lessons",
                "throughout the school day",
                "throughout the day",
                "full-time",
                "full time",
                "at all times",
                "32.5 hours per week",
                "27.5 hours a week",
                "for all written work",
                "a laptop for all extended writing",
                "all day",
                "every lesson",
                "in every maths lesson",
                "across the curriculum",
                "during all unstructured times",
                "whole school day",
                "the whole school day",
                "in all of her lessons",
                "in all English and maths lessons",
                "throughout each session",
                "at all breaks and lunchtimes",
            ],
        );
        assert_not_kind(
            QuantityKind::Scope,
            &[
                "15 hours per week",
                "each day",
                "every day",
                "0.5 full-time equivalent",
                "during the school day",
                "weekly",
                "at all",
            ],
        );
    }

    #[test]
    fn group_sizes() {
        assert_kind(
            QuantityKind::GroupSize,
            &[
                "group of 4",
                "a group of up to 4 pupils",
                "a group of up to 3 students",
                "groups of no more than 6",
                "small group of 5",
                "small-group of five",
                "a class of 8",
                "a class of no more than 8",
                "groups of 3-4",
                "group size: 6",
                "pairs",
                "in a pair",
                "work in pairs",
                "with one other pupil",
                "with up to 3 other children",
                "a 4-pupil group",
                "a pair of pupils",
            ],
        );
        assert_not_kind(
            QuantityKind::GroupSize,
            &[
                "small group",
                "small-group work",
                "a small class",
                "in Class 3",
                "Group 2 will",
                "a pair of scissors",
                "pairs of shoes",
                "paired reading",
                "repair",
                "Year 6 pupils",
                "a class with 2 TAs",
            ],
        );
    }

    #[test]
    fn ratios() {
        assert_kind(
            QuantityKind::Ratio,
            &[
                "1:1",
                "1 : 1",
                "1-1",
                "1–1 support",
                "1-2-1",
                "one-to-one",
                "one to one",
                "One-on-one",
                "on a 1 to 1 basis",
                "2:1",
                "1:6",
                "2:6",
                "1:10 ratio",
                "a staffing ratio of 1:15",
                "1 adult to 3 pupils",
                "one adult to every four children",
                "a ratio of 1 to 4",
                "reducing from 2:1 to 1:1",
            ],
        );
        assert_not_kind(
            QuantityKind::Ratio,
            &[
                "at 10:30",
                "9:00",
                "3:30pm",
                "at 1:15",
                "10:30:1",
                "2024-1-1",
                "20-30 minutes",
                "2-3 times a week",
                "0:0",
                "1:",
                ":1",
                "one to two sessions",
                "Outcome 1: 2 sessions",
                "KS2: 1 hour",
            ],
        );
    }

    #[test]
    fn brief_tricky_cases() {
        let amount = amount_of("5 hours of TA support per week");
        assert!(amount.duration && amount.frequency && amount.is_quantified());

        let amount = amount_of("15 hours per week");
        assert!(amount.duration && amount.frequency && !amount.scope);

        let amount = amount_of("32.5 hours per week");
        assert!(amount.duration && amount.frequency && amount.scope);

        assert!(amount_of("daily 20-minute sessions").is_quantified());
        assert!(amount_of("1 x weekly 30 mins").is_quantified());

        let weekly = amount_of("weekly");
        assert!(weekly.frequency && !weekly.duration && !weekly.is_quantified());

        assert_eq!(amount_of("Regular class teaching"), Amount::default());
        assert_eq!(amount_of("Year 6"), Amount::default());
        assert_eq!(amount_of("Level 2 reading book"), Amount::default());

        let group = amount_of("a group of up to 3 students");
        assert!(group.group_size && !group.duration && !group.is_quantified());
    }

    #[test]
    fn quantified_provision() {
        for text in [
            "A teaching assistant will deliver a 30-minute 1:1 session every week.",
            "A counsellor will meet Dev for 40 minutes every Monday for 12 weeks.",
            "A teaching assistant will take Ava to the library office for 10 minutes after lunch every day.",
            "12 hours of specialist teaching over the spring term",
            "Four 40-minute visits a year from the Sensory Support Service",
            "1:1 support from a TA in all lessons",
            "A key adult throughout the school day",
            "A laptop for all written work",
            "Full-time 1:1 support",
            "Precision teaching, 10 mins x 3 per week",
            "SaLT: 3 x 20 min sessions per half term",
        ] {
            assert!(
                amount_of(text).is_quantified(),
                "expected quantified: {text:?} {:?}",
                found(text)
            );
        }
        for text in [
            "Weekly counselling.",
            "Regular support from a TA",
            "Small group literacy intervention",
            "30-minute sessions",
            "Sam would benefit from SALT.",
            "Access to a quiet room.",
            "Up to 15 hours of TA support.",
            "Frequency: TBC",
            "",
        ] {
            assert!(
                !amount_of(text).is_quantified(),
                "expected unquantified: {text:?} {:?}",
                found(text)
            );
        }
    }

    #[test]
    fn clock_times_and_multiplied_sessions() {
        let got = found("Sessions at 9:15 and 1:30 each day");
        assert!(
            got.contains(&(QuantityKind::Frequency, "each day")),
            "{got:?}"
        );
        assert!(!has_kind(
            "Sessions at 9:15 and 1:30 each day",
            QuantityKind::Ratio
        ));
        let got = found("OT programme, 3x10 mins daily");
        assert!(
            got.contains(&(QuantityKind::Duration, "10 mins")),
            "{got:?}"
        );
        assert!(amount_of("OT programme, 3x10 mins daily").is_quantified());
        assert!(amount_of("2×20 minutes per week").is_quantified());
    }

    #[test]
    fn per_occasion_duration_span_is_the_time_only() {
        let got = found("Termly, 2 hours per visit");
        assert!(
            got.contains(&(QuantityKind::Duration, "2 hours")),
            "{got:?}"
        );
        assert!(
            got.contains(&(QuantityKind::Frequency, "Termly")),
            "{got:?}"
        );
    }

    #[test]
    fn every_lesson_counts_twice() {
        let kinds: Vec<QuantityKind> = find_quantities("every lesson")
            .into_iter()
            .map(|q| q.kind)
            .collect();
        assert_eq!(kinds, vec![QuantityKind::Frequency, QuantityKind::Scope]);
    }

    #[test]
    fn spans_point_at_the_original_words() {
        let text = "Kwame’s one‑to‑one session — 30‑minute, twice‑weekly";
        let got = found(text);
        assert!(
            got.contains(&(QuantityKind::Ratio, "one‑to‑one")),
            "{got:?}"
        );
        assert!(
            got.contains(&(QuantityKind::Duration, "30‑minute")),
            "{got:?}"
        );
        assert!(
            got.contains(&(QuantityKind::Frequency, "twice‑weekly")),
            "{got:?}"
        );
    }

    #[test]
    fn results_are_in_order_and_do_not_overlap_within_a_kind() {
        let text = "Daily 20-minute 1:1 sessions, 3 x per week, in a group of 4, in all lessons, \
                    12 hours over the spring term, every Monday and Thursday";
        let quantities = find_quantities(text);
        for pair in quantities.windows(2) {
            assert!(pair[0].span.start <= pair[1].span.start);
        }
        for kind in QuantityKind::ALL {
            let spans: Vec<&Range<usize>> = quantities
                .iter()
                .filter(|q| q.kind == kind)
                .map(|q| &q.span)
                .collect();
            for pair in spans.windows(2) {
                assert!(pair[0].end <= pair[1].start, "{kind:?} overlaps: {spans:?}");
            }
        }
    }

    #[test]
    fn hyphens_curly_quotes_and_case() {
        assert!(has_kind("ONE-TO-ONE", QuantityKind::Ratio));
        assert!(has_kind("Small-Group Of 5", QuantityKind::GroupSize));
        assert!(has_kind("a 30-MINUTE session", QuantityKind::Duration));
        assert!(has_kind("Full–time", QuantityKind::Scope));
        assert!(has_kind("every\u{a0}day", QuantityKind::Frequency));
        assert!(has_kind("every\n  day", QuantityKind::Frequency));
    }

    #[test]
    fn odd_strings_do_not_panic_and_spans_are_valid() {
        let huge = "9".repeat(400);
        let odd = [
            "",
            " ",
            "\n\t",
            "1:",
            ":1",
            "1::1",
            ":",
            "-",
            "--",
            "- 1 -",
            "1-",
            "-1",
            "½",
            "½½ hours",
            "🎉",
            "🎉 1:1 🎉 every day 🎉",
            "éé 20 minutes ü",
            "İstanbul 20 MINUTES",
            "ﬁve minutes",
            "\u{00AD}\u{200B}\u{FEFF}",
            "20\u{00AD} minutes",
            "’’’",
            "a\u{2014}b\u{2013}c",
            "1.5.5 hours",
            "99999999999999999999999999999999999999 hours per week",
            "1e308 hours per week",
            "999:999",
            "1:1:1:1:1",
            "per",
            "every",
            "group of",
            "ratio of",
            "a block of",
        ];
        for text in odd.iter().copied().chain([huge.as_str()]) {
            check_spans(text);
            let _ = amount_of(text);
        }
    }

    #[test]
    fn every_prefix_and_suffix_of_a_busy_text_is_safe() {
        let text =
            "Ayşe’s 1:1 TA — 30‑min sessions, 3×/week; group of 4–6; 32.5 hrs/wk 🎉 in all lessons";
        let boundaries: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain([text.len()])
            .collect();
        for &i in &boundaries {
            check_spans(&text[..i]);
            check_spans(&text[i..]);
        }
    }

    fn check_spans(text: &str) {
        for q in find_quantities(text) {
            assert!(q.span.start < q.span.end, "{text:?}: empty span {q:?}");
            assert!(q.span.end <= text.len(), "{text:?}: span past end {q:?}");
            assert!(
                text.get(q.span.clone()).is_some(),
                "{text:?}: span not on char boundaries {q:?}"
            );
        }
    }

    #[test]
    fn match_text_maps_back() {
        let original = "Zainab’s  Small-Group\n  20–30 MINS";
        let matched = MatchText::new(original);
        assert_eq!(matched.as_str(), "zainab's small group 20-30 mins");
        let at = matched.as_str().find("small group").unwrap_or(0);
        let span = matched.original_span(at..at + "small group".len());
        assert_eq!(&original[span.clone()], "Small-Group");
        assert_eq!(matched.match_span(span), Some(at..at + "small group".len()));
        assert_eq!(matched.original_span(Range { start: 5, end: 2 }), 5..5);
        assert_eq!(
            matched.original_span(500..900),
            original.len()..original.len()
        );
        assert_eq!(MatchText::new("").original_span(0..1), 0..0);
        assert_eq!(MatchText::new("").match_span(0..3), None);
    }

    #[test]
    fn match_text_runs_map_back_like_single_characters() {
        // A space after a skipped invisible character covers it, runs or no runs.
        let original = "Ab\u{200B} cD e";
        let matched = MatchText::new(original);
        assert_eq!(matched.as_str(), "ab cd e");
        assert_eq!(matched.original_span(2..3), 2..6);
        assert_eq!(matched.original_span(3..5), 6..8);
        assert_eq!(matched.original_span(5..7), 8..10);
    }

    #[test]
    fn is_quantified_truth_table() {
        let base = Amount::default();
        assert!(!base.is_quantified());
        assert!(!Amount {
            frequency: true,
            ..base
        }
        .is_quantified());
        assert!(!Amount {
            duration: true,
            ..base
        }
        .is_quantified());
        assert!(Amount {
            frequency: true,
            duration: true,
            ..base
        }
        .is_quantified());
        assert!(Amount {
            total: true,
            ..base
        }
        .is_quantified());
        assert!(Amount {
            scope: true,
            ..base
        }
        .is_quantified());
        assert!(!Amount {
            group_size: true,
            ratio: true,
            ..base
        }
        .is_quantified());
    }
}
