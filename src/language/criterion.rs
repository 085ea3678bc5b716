//! Evidence that an outcome can be measured: counts, proportions, percentages, durations,
//! levels of independence and named observable acts (RULES.md 2.1 and the "Rescue" clause of
//! 3.4 `unmeasurable-outcome`).
//!
//! The outcome rules ask one question of a statement: does anything in it let a parent or a
//! teacher tell, next year, whether it happened? This module answers by listing the criteria it
//! finds. It must not count what only looks like a measure: school years ("Year 6"), key stages,
//! dates, ages, times of day, staffing ratios, outcome numbers and timeframe durations ("within
//! 12 months") are never criteria, and an action word counts only when it is used as a verb
//! ("will read", "to read", "by reading 10 words"), never as a noun ("his reading", "her writing
//! skills"). Vague aims (understand, know, feel, develop, improve) are not on the list of acts.
//! It describes the text and never judges it; it never panics on any input.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

/// What sort of measure a criterion is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CriterionKind {
    /// A count of things: "10 new words", "25 metres", "3 lessons", "two friends", "twice a
    /// week", "numbers to 20". Never school years, key stages, dates, ages or times of day.
    Count,
    /// "on 4 out of 5 occasions", "8 of 10 sentences", "4 days out of 5", "in 3 of 4 lessons",
    /// "4/5".
    Proportion,
    /// "90%", "90 per cent", "with 80% accuracy".
    Percentage,
    /// "for 20 minutes", "a 10-minute task", "for half an hour", "for 6 weeks", "words per
    /// minute".
    Duration,
    /// Independence and prompting: "independently", "on his own", "by herself", "without adult
    /// prompting", "with one verbal prompt", "with no more than two prompts", "with minimal
    /// prompting", "unaided".
    Independence,
    /// A named observable act used as a verb: "will read", "to answer", "by shading", "put his
    /// hand up", "take turns".
    ObservableAction,
}

/// One criterion and where it is in the text (byte offsets).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Criterion {
    pub kind: CriterionKind,
    pub span: Range<usize>,
}

/// Every criterion in the text, in order.
pub fn find_criteria(text: &str) -> Vec<Criterion> {
    // The numeric patterns are written in lower case and run on a copy of the text with its
    // ASCII letters lower-cased: the same matches as case-insensitive patterns on the text, at
    // the same byte offsets, for about half the time it takes to build them.
    let lowered = text.to_ascii_lowercase();
    let text_for_patterns = lowered.as_str();
    let excluded = excluded_zones(text_for_patterns);
    let mut taken: Vec<Range<usize>> = excluded;
    let mut out = Vec::new();
    let passes: [(&[Regex], CriterionKind); 4] = [
        (&PERCENTAGE, CriterionKind::Percentage),
        (&PROPORTION, CriterionKind::Proportion),
        (&DURATION, CriterionKind::Duration),
        (&INDEPENDENCE, CriterionKind::Independence),
    ];
    for (patterns, kind) in passes {
        for re in patterns {
            for m in re.find_iter(text_for_patterns) {
                let span = m.range();
                if span.is_empty() || overlaps(&taken, &span) {
                    continue;
                }
                taken.push(span.clone());
                out.push(Criterion { kind, span });
            }
        }
    }
    for span in counts(text_for_patterns, &taken) {
        out.push(Criterion {
            kind: CriterionKind::Count,
            span,
        });
    }
    for span in observable_actions(text) {
        out.push(Criterion {
            kind: CriterionKind::ObservableAction,
            span,
        });
    }
    out.sort_by_key(|c| (c.span.start, c.span.end));
    out
}

/// True when the text has any criterion that could make a vague aim measurable. The vague verbs
/// themselves (understand, know, feel, develop, improve …) are never criteria, so this is the
/// same as `find_criteria` finding something.
pub fn has_criterion(text: &str) -> bool {
    !find_criteria(text).is_empty()
}

fn overlaps(spans: &[Range<usize>], span: &Range<usize>) -> bool {
    spans
        .iter()
        .any(|s| s.start < span.end && span.start < s.end)
}

// ---------------------------------------------------------------------------------------------
// Numeric patterns

const NUM_WORD: &str = r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|one|two|three|four|five|six|seven|eight|nine|ten|a\s+hundred|hundred)";

const MONTH: &str = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";

/// A number as digits or words.
fn num() -> String {
    format!(r"(?:[0-9]+(?:\.[0-9]+)?|{NUM_WORD})")
}

fn compile(patterns: &[String]) -> Vec<Regex> {
    patterns
        .iter()
        .map(|p| Regex::new(p).expect("built-in criterion pattern"))
        .collect()
}

/// Numbers that look like measures but are not: years, dates, ages, times, ratios, labels.
static EXCLUDED: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    let n = num();
    let w = NUM_WORD;
    compile(&[
        // School years: "Year 6", "Years 5 and 6", "Years 7-9", "Y6", "Year R".
        format!(
            r"\b(?:school\s+)?(?:years?|yrs?)\s*(?:[0-9]{{1,2}}\b|r\b|reception\b|{w}\b)(?:\s*(?:-|–|/|to|and|&|or)\s*(?:[0-9]{{1,2}}|{w})\b)*"
        ),
        r"\by[0-9]{1,2}\b".to_string(),
        // Key stages: "KS2", "Key Stage 2", "KS3/4", "Stage 2".
        r"\b(?:key\s*-?\s*stages?|ks|stages?)\s*-?\s*[0-9](?:\s*(?:-|–|/|to|and|&|or)\s*(?:ks\s*)?[0-9])*\b"
            .to_string(),
        // Labels: "Outcome 2", "Step 1", "Section 4", "page 3".
        r"\b(?:outcomes?|steps?|targets?|objectives?|aims?|sections?|parts?|items?|pages?|paragraphs?|para|appendix|version|question|rule|ref|no\.)\s*[0-9]+(?:\.[0-9]+)*[a-z]?\b"
            .to_string(),
        // Dates: "31 March 2026", "31st of March", "July 2027", "July 16", "1/9/2026", years.
        format!(r"\b[0-9]{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH}\b\.?(?:,?\s+[0-9]{{2,4}}\b)?"),
        format!(r"\b{MONTH}\.?\s+[0-9]{{1,4}}(?:st|nd|rd|th)?\b(?:,?\s+[0-9]{{4}}\b)?"),
        r"\b[0-9]{1,2}[/.\-][0-9]{1,2}[/.\-][0-9]{2,4}\b".to_string(),
        r"\b[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}\b".to_string(),
        r"\b(?:19[5-9][0-9]|20[0-9][0-9])(?:\s*[/\-–]\s*(?:20)?[0-9][0-9])?\b".to_string(),
        r"\b(?:autumn|spring|summer)\s*(?:term\s*)?[12]\b".to_string(),
        // Ages: "by the age of 18", "aged 16", "16 years old", "post-16", "over 16s", "19-25".
        format!(r"\b(?:age[sd]?|aged)\s+(?:of\s+)?{n}\b(?:\s*(?:-|–|to|and)\s*{n}\b)?"),
        format!(r"\b{n}\s*[-–]?\s*(?:years?|yrs?)\s*[-–]?\s*olds?\b"),
        r"\bpost\s*-?\s*(?:16|18|19)\b".to_string(),
        r"\b(?:pre|under|over)\s*-?\s*(?:5|11|16|18|19|25)s\b".to_string(),
        r"\b(?:16|18|19|25)\s*\+".to_string(),
        r"\b(?:0|5|11|14|16|18|19)\s*(?:-|–|to)\s*(?:16|18|19|25)\b".to_string(),
        format!(r"\b(?:turns?|turned|turning)\s+{n}\b"),
        format!(r"\bwhen\s+[a-z]+\s+(?:is|are|am|turns|reaches)\s+{n}\b"),
        r"\b(?:by|at)\s+(?:16|17|18|19|25)\b".to_string(),
        // Timeframe durations: "within 12 months", "in two terms", "in 12 months' time".
        format!(
            r"\b(?:within|in|over|after|during|throughout|before|by|next|following|past|last|every|each)\s+(?:the\s+)?(?:next\s+|coming\s+|following\s+|first\s+|last\s+|past\s+)?(?:{n}|a|an)\s*[-–]?\s*(?:half[\s-]?terms?|terms?|months?|years?|weeks?|school\s+years?|academic\s+years?|days?)\b(?:['’]\s*s?\s*time\b)?"
        ),
        format!(
            r"\b{n}\s*[-–]?\s*(?:half[\s-]?terms?|terms?|months?|years?|academic\s+years?)\b(?:['’]\s*s?\s*time\b)?"
        ),
        format!(r"\b{n}\s+weeks?['’]\s*time\b"),
        // Times of day and ratios: "10:30", "9am", "3.15 pm", "three o'clock", "1:1", "2:1".
        r"\b[0-9]{1,2}\s*:\s*[0-9]{1,2}\b".to_string(),
        r"\b[0-9]{1,2}(?:[.:][0-9]{2})?\s*(?:am\b|pm\b|a\.m\.?|p\.m\.?|o['’]clock\b)".to_string(),
        format!(r"\b{w}\s+o['’]clock\b"),
        r"\b(?:at|by|from|until|till|before|after)\s+[0-9]{1,2}\.[0-9]{2}\b".to_string(),
        r"\b(?:one|two|three|1|2|3)\s*[-–]?\s*to\s*[-–]?\s*(?:one|1)\b".to_string(),
        r"\b1\s*-\s*1\b".to_string(),
        // List numbering at the start: "1.", "2)", "(3)".
        r"\A\s*(?:[-•*]\s*)?\(?[0-9]{1,2}(?:\.[0-9]{1,2})*[.):](?:\s|\z)".to_string(),
        // "one" that is not a count.
        r"\b(?:no|any|every|each|some|the|this|that|which)\s+one\b".to_string(),
        r"\bone[\s-]+(?:day|another|of|off|page|way|or\s+two|more\s+time)\b".to_string(),
    ])
});

/// Spans that no numeric criterion may overlap, in `text` with its ASCII letters lower-cased.
fn excluded_zones(text: &str) -> Vec<Range<usize>> {
    let mut zones = Vec::new();
    for re in EXCLUDED.iter() {
        for m in re.find_iter(text) {
            let before = text
                .get(..m.start())
                .unwrap_or("")
                .trim_end()
                .to_lowercase();
            // "a reading age of 9" is a measure, not the child's age.
            if m.as_str().to_lowercase().starts_with("age")
                && (before.ends_with("reading") || before.ends_with("spelling"))
            {
                continue;
            }
            zones.push(m.range());
        }
    }
    zones
}

static PERCENTAGE: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    compile(&[format!(
        r"(?:\bwith\s+)?(?:\b[0-9]+(?:\.[0-9]+)?|\b{NUM_WORD})\s*(?:%|per\s*cent\b|percent\b)(?:\s+accuracy\b)?"
    )])
});

static PROPORTION: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    let n = num();
    let tail = r"(?:\s+(?:occasions?|opportunities|attempts|trials|times|days|lessons|sessions|sentences|words|questions|tasks|activities|weeks|turns|games|spellings|problems|sums|school\s+days|mornings|afternoons|lunchtimes|breaktimes|observations))?";
    compile(&[
        format!(r"(?:\b(?:on|in)\s+)?\b{n}(?:\s+[a-z]+)?\s+out\s+of\s+(?:every\s+)?{n}\b{tail}"),
        format!(r"(?:\b(?:on|in)\s+)?\b{n}\s+(?:of|in)\s+(?:every\s+)?{n}\b{tail}"),
        format!(r"\b[0-9]{{1,3}}\s*/\s*[0-9]{{1,3}}\b{tail}"),
    ])
});

static DURATION: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    let n = num();
    compile(&[
        format!(
            r"(?:\bfor\s+)?(?:\b(?:about|around|approximately|at\s+least|up\s+to|over|a\s+minimum\s+of|a\s+maximum\s+of|a\s+full)\s+)?\b{n}(?:\s*(?:-|–|to)\s*{n})?\s*[-–]?\s*(?:seconds?|secs?|minutes?|mins?|hours?|hrs?)\b"
        ),
        r"(?:\bfor\s+)?\b(?:half\s+an|an|a\s+quarter\s+of\s+an|a\s+full|a\s+whole)\s+hour\b"
            .to_string(),
        r"\bfor\s+(?:a|one)\s+(?:full\s+|whole\s+)?minute\b".to_string(),
        format!(
            r"\bfor\s+(?:at\s+least\s+)?{n}\s+(?:consecutive\s+|school\s+|whole\s+|full\s+)?(?:days?|weeks?)\b"
        ),
        format!(
            r"(?:\b{n}\s+)?(?:correct\s+)?\b(?:words?|wpm)\s+(?:per|a|each)\s+minute\b|\b[0-9]+\s*wpm\b|\bper\s+minute\b"
        ),
    ])
});

static INDEPENDENCE: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    let n = num();
    compile(&[
        r"\bindependently\b".to_string(),
        r"\bon\s+(?:his|her|their|my|your|its)\s+own\b".to_string(),
        r"\bby\s+(?:himself|herself|themselves|themself|myself|yourself|itself)\b".to_string(),
        r"\bwithout(?:\s+[a-z'’]+){0,3}?\s+(?:prompt\w*|support|help|assistance|remind\w*|intervention|supervision|guidance|modelling|scaffold\w*|cues?|cueing|asked|told|shown|helped)\b"
            .to_string(),
        format!(
            r"\bwith\s+(?:only\s+|just\s+)?(?:a\s+single|a|no\s+more\s+than\s+{n}|fewer\s+than\s+{n}|less\s+than\s+{n}|up\s+to\s+{n}|a\s+maximum\s+of\s+{n}|{n})\s+(?:adult\s+|staff\s+)?(?:verbal\s+|visual\s+|physical\s+|gestural\s+|non-verbal\s+)?(?:prompts?|prompting|reminders?|cues?)\b"
        ),
        r"\bwith\s+(?:minimal|minimum|limited|reduced|little|no|decreasing|fading|light[\s-]touch)\s+(?:adult\s+|staff\s+)?(?:verbal\s+|visual\s+|physical\s+)?(?:prompts?|prompting|reminders?|cues?|help|support|assistance|intervention)\b"
            .to_string(),
        r"\b(?:unaided|unprompted|unassisted|spontaneously|self[\s-]initiated)\b".to_string(),
        r"\bof\s+(?:his|her|their|my)\s+own\s+accord\b".to_string(),
        // Emphatic reflexives: "pay for it herself", "a CV she has written herself".
        r"\b(?:it|them|this|these|that|those)\s+(?:himself|herself|themselves|themself|myself|yourself)\b"
            .to_string(),
        r"\b(?:has|have|had)\s+[a-z]+(?:ed|en)\s+(?:himself|herself|themselves|themself|myself|yourself)\b"
            .to_string(),
        r"\bindependent\s+of\s+(?:adult\s+|staff\s+)?(?:support|help|prompt\w*)\b".to_string(),
    ])
});

static DIGITS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"£?[0-9]+(?:[.,][0-9]+)*").expect("built-in criterion pattern"));

static NUMBER_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b{NUM_WORD}\b|\b(?:twice|thrice)\b|\bonce\s+(?:a|per|each|every)\s+(?:day|week|fortnight|term|half[\s-]term|month|lesson|session|morning|afternoon)\b"
    ))
    .expect("built-in criterion pattern")
});

/// Letters that may follow a count without making it a label: "3x", "25m", "50p", "2kg".
fn is_unit_suffix(s: &str) -> bool {
    matches!(
        s.to_ascii_lowercase().as_str(),
        "x" | "m" | "km" | "cm" | "mm" | "kg" | "g" | "ml" | "l" | "p" | "k"
    )
}

/// Counts: numbers outside the excluded zones and the spans already taken, in `text` with its
/// ASCII letters lower-cased.
fn counts(text: &str, taken: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for m in DIGITS.find_iter(text) {
        let span = m.range();
        // "KS2", "E3", "Y6": a number glued to letters is a label.
        if text
            .get(..span.start)
            .and_then(|b| b.chars().next_back())
            .is_some_and(|c| c.is_alphabetic() || c == '_')
        {
            continue;
        }
        let after = text.get(span.end..).unwrap_or("");
        let suffix: String = after.chars().take_while(|c| c.is_alphabetic()).collect();
        if !suffix.is_empty() && !is_unit_suffix(&suffix) {
            continue;
        }
        if overlaps(taken, &span) {
            continue;
        }
        out.push(span);
    }
    for m in NUMBER_WORDS.find_iter(text) {
        let span = m.range();
        if overlaps(taken, &span) {
            continue;
        }
        if m.as_str().eq_ignore_ascii_case("one") {
            // "one" counts only when a noun follows: "one question", not "the one".
            let next = text.get(span.end..).unwrap_or("").trim_start();
            if !next.chars().next().is_some_and(char::is_alphabetic) {
                continue;
            }
        }
        out.push(span);
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Observable acts

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    Base,
    Third,
    Ing,
}

/// What must follow an act for it to count.
#[derive(Debug, Clone, Copy)]
enum Need {
    Any,
    /// One of these words within the next few tokens ("take … turns", "put … up").
    Near(&'static [&'static str], usize),
    /// None of these words within the next few tokens ("use strategies" is vague).
    NotNear(&'static [&'static str], usize),
}

const FOOD_AND_THINGS: &[&str] = &[
    "drink",
    "drinks",
    "cup",
    "sandwich",
    "sandwiches",
    "snack",
    "snacks",
    "meal",
    "meals",
    "toast",
    "tea",
    "coffee",
    "cake",
    "bed",
    "call",
    "calls",
    "request",
    "requests",
    "purchase",
    "payment",
    "journey",
    "list",
    "appointment",
    "lunch",
    "breakfast",
    "dinner",
    "food",
    "bag",
    "trip",
    "trips",
];

const PLANNED_THINGS: &[&str] = &[
    "journey",
    "journeys",
    "route",
    "trip",
    "timetable",
    "meal",
    "meals",
    "menu",
    "budget",
    "week",
    "day",
    "essay",
    "story",
    "homework",
    "task",
    "tasks",
    "answer",
    "piece",
];

const INSTRUCTIONS: &[&str] = &[
    "instruction",
    "instructions",
    "direction",
    "directions",
    "timetable",
    "schedule",
    "routine",
    "recipe",
    "route",
    "step",
    "steps",
    "map",
];

/// Named observable acts: base, third person, -ing, and what must follow.
const ACTIONS: &[(&str, &str, &str, Need)] = &[
    ("read", "reads", "reading", Need::Any),
    ("write", "writes", "writing", Need::Any),
    ("say", "says", "saying", Need::Any),
    ("count", "counts", "counting", Need::Any),
    ("ask", "asks", "asking", Need::Any),
    ("answer", "answers", "answering", Need::Any),
    ("travel", "travels", "travelling", Need::Any),
    ("travel", "travels", "traveling", Need::Any),
    ("pay", "pays", "paying", Need::Any),
    ("dress", "dresses", "dressing", Need::Any),
    ("undress", "undresses", "undressing", Need::Any),
    ("swim", "swims", "swimming", Need::Any),
    ("type", "types", "typing", Need::Any),
    ("initiate", "initiates", "initiating", Need::Any),
    ("attend", "attends", "attending", Need::Any),
    ("explain", "explains", "explaining", Need::Any),
    ("name", "names", "naming", Need::Any),
    ("choose", "chooses", "choosing", Need::Any),
    ("point", "points", "pointing", Need::Any),
    ("sign", "signs", "signing", Need::Any),
    (
        "use",
        "uses",
        "using",
        Need::NotNear(
            &[
                "strategies",
                "strategy",
                "skills",
                "skill",
                "knowledge",
                "understanding",
            ],
            3,
        ),
    ),
    ("tell", "tells", "telling", Need::Any),
    ("label", "labels", "labelling", Need::Any),
    ("label", "labels", "labeling", Need::Any),
    ("spell", "spells", "spelling", Need::Any),
    ("catch", "catches", "catching", Need::Any),
    ("kick", "kicks", "kicking", Need::Any),
    ("throw", "throws", "throwing", Need::Any),
    ("cut", "cuts", "cutting", Need::Any),
    ("copy", "copies", "copying", Need::Any),
    ("sort", "sorts", "sorting", Need::Any),
    ("match", "matches", "matching", Need::Any),
    ("order", "orders", "ordering", Need::Any),
    ("complete", "completes", "completing", Need::Any),
    ("finish", "finishes", "finishing", Need::Any),
    (
        "follow",
        "follows",
        "following",
        Need::Near(INSTRUCTIONS, 4),
    ),
    ("greet", "greets", "greeting", Need::Any),
    ("share", "shares", "sharing", Need::Any),
    ("take", "takes", "taking", Need::Near(&["turn", "turns"], 3)),
    ("wait", "waits", "waiting", Need::Any),
    ("request", "requests", "requesting", Need::Any),
    (
        "put",
        "puts",
        "putting",
        Need::Near(&["up", "away", "on"], 4),
    ),
    ("walk", "walks", "walking", Need::Any),
    ("ride", "rides", "riding", Need::Any),
    ("cook", "cooks", "cooking", Need::Any),
    ("make", "makes", "making", Need::Near(FOOD_AND_THINGS, 4)),
    ("plan", "plans", "planning", Need::Near(PLANNED_THINGS, 4)),
    ("go", "goes", "going", Need::Near(&["to"], 1)),
    ("register", "registers", "registering", Need::Any),
    ("score", "scores", "scoring", Need::Any),
    (
        "prepare",
        "prepares",
        "preparing",
        Need::Near(FOOD_AND_THINGS, 4),
    ),
    ("buy", "buys", "buying", Need::Any),
    ("shop", "shops", "shopping", Need::Any),
    ("shade", "shades", "shading", Need::Any),
    ("list", "lists", "listing", Need::Any),
    ("identify", "identifies", "identifying", Need::Any),
    ("recall", "recalls", "recalling", Need::Any),
    ("retell", "retells", "retelling", Need::Any),
    ("describe", "describes", "describing", Need::Any),
    ("join", "joins", "joining", Need::Any),
    ("play", "plays", "playing", Need::Any),
    (
        "start",
        "starts",
        "starting",
        Need::Near(&["conversation", "conversations"], 3),
    ),
    ("hold", "holds", "holding", Need::Any),
    ("draw", "draws", "drawing", Need::Any),
    ("trace", "traces", "tracing", Need::Any),
    ("button", "buttons", "buttoning", Need::Any),
    ("zip", "zips", "zipping", Need::Any),
    ("fasten", "fastens", "fastening", Need::Any),
    ("tie", "ties", "tying", Need::Any),
    ("brush", "brushes", "brushing", Need::Any),
    ("wash", "washes", "washing", Need::Any),
    ("eat", "eats", "eating", Need::Any),
    ("drink", "drinks", "drinking", Need::Any),
    ("pour", "pours", "pouring", Need::Any),
    ("sit", "sits", "sitting", Need::Any),
    ("stand", "stands", "standing", Need::Any),
    ("line", "lines", "lining", Need::Near(&["up"], 1)),
    ("queue", "queues", "queueing", Need::Any),
    ("hop", "hops", "hopping", Need::Any),
    ("jump", "jumps", "jumping", Need::Any),
    ("run", "runs", "running", Need::Any),
    ("climb", "climbs", "climbing", Need::Any),
    ("pedal", "pedals", "pedalling", Need::Any),
    ("respond", "responds", "responding", Need::Any),
    ("reply", "replies", "replying", Need::Any),
    ("arrive", "arrives", "arriving", Need::Any),
    ("phone", "phones", "phoning", Need::Any),
    ("call", "calls", "calling", Need::Any),
    ("text", "texts", "texting", Need::Any),
    ("email", "emails", "emailing", Need::Any),
    ("log", "logs", "logging", Need::Near(&["in", "on"], 1)),
    ("open", "opens", "opening", Need::Any),
    ("carry", "carries", "carrying", Need::Any),
    ("tidy", "tidies", "tidying", Need::Any),
    ("pack", "packs", "packing", Need::Any),
    ("measure", "measures", "measuring", Need::Any),
    ("add", "adds", "adding", Need::Any),
    ("subtract", "subtracts", "subtracting", Need::Any),
    ("multiply", "multiplies", "multiplying", Need::Any),
    ("divide", "divides", "dividing", Need::Any),
    ("calculate", "calculates", "calculating", Need::Any),
    ("solve", "solves", "solving", Need::Any),
    ("estimate", "estimates", "estimating", Need::Any),
    ("punctuate", "punctuates", "punctuating", Need::Any),
    ("underline", "underlines", "underlining", Need::Any),
    ("highlight", "highlights", "highlighting", Need::Any),
    ("record", "records", "recording", Need::Any),
    ("present", "presents", "presenting", Need::Any),
    ("perform", "performs", "performing", Need::Any),
    ("sing", "sings", "singing", Need::Any),
    ("pass", "passes", "passing", Need::Any),
    ("apply", "applies", "applying", Need::Near(&["for"], 1)),
    ("find", "finds", "finding", Need::Any),
    ("locate", "locates", "locating", Need::Any),
    ("select", "selects", "selecting", Need::Any),
    ("press", "presses", "pressing", Need::Any),
    ("search", "searches", "searching", Need::Any),
    ("feed", "feeds", "feeding", Need::Any),
    ("shower", "showers", "showering", Need::Any),
    ("hang", "hangs", "hanging", Need::Any),
    ("fold", "folds", "folding", Need::Any),
    ("wipe", "wipes", "wiping", Need::Any),
    ("clean", "cleans", "cleaning", Need::Any),
    ("post", "posts", "posting", Need::Any),
    ("send", "sends", "sending", Need::Any),
    ("recite", "recites", "reciting", Need::Any),
    ("repeat", "repeats", "repeating", Need::Any),
    ("blend", "blends", "blending", Need::Any),
    ("segment", "segments", "segmenting", Need::Any),
    ("sound", "sounds", "sounding", Need::Near(&["out"], 1)),
    ("pronounce", "pronounces", "pronouncing", Need::Any),
    (
        "cross",
        "crosses",
        "crossing",
        Need::Near(&["road", "roads", "street", "crossing"], 3),
    ),
    ("introduce", "introduces", "introducing", Need::Any),
    ("seek", "seeks", "seeking", Need::Any),
    ("wear", "wears", "wearing", Need::Any),
    ("summarise", "summarises", "summarising", Need::Any),
    ("visit", "visits", "visiting", Need::Any),
    ("wave", "waves", "waving", Need::Any),
    ("check", "checks", "checking", Need::Any),
    ("book", "books", "booking", Need::Any),
    ("toilet", "toilets", "toileting", Need::Any),
];

/// Each spelling of each act, pointing back to its row in `ACTIONS`.
static ACTION_FORMS: LazyLock<HashMap<&'static str, (usize, Form)>> = LazyLock::new(|| {
    let mut map = HashMap::new();
    for (i, (base, third, ing, _)) in ACTIONS.iter().enumerate() {
        map.entry(*base).or_insert((i, Form::Base));
        map.entry(*third).or_insert((i, Form::Third));
        map.entry(*ing).or_insert((i, Form::Ing));
    }
    map
});

#[derive(Debug, Clone)]
struct Token {
    span: Range<usize>,
    /// Lower case, curly apostrophes made straight.
    norm: String,
    word: bool,
    capital: bool,
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2018}' | '\u{2019}' | '\u{02BC}' | '\u{2032}')
}

/// Words (letters, digits, inner apostrophes and hyphens) and single punctuation marks.
fn tokenize(text: &str) -> Vec<Token> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let end_of = |k: usize| chars.get(k).map_or(text.len(), |&(i, _)| i);
    let mut tokens = Vec::new();
    let mut k = 0;
    while let Some(&(start, c)) = chars.get(k) {
        if c.is_alphanumeric() {
            let mut j = k + 1;
            while let Some(&(_, d)) = chars.get(j) {
                let next_alnum = chars.get(j + 1).is_some_and(|&(_, n)| n.is_alphanumeric());
                if d.is_alphanumeric() || ((is_apostrophe(d) || d == '-') && next_alnum) {
                    j += 1;
                } else {
                    break;
                }
            }
            let raw = text.get(start..end_of(j)).unwrap_or("");
            let mut norm = String::with_capacity(raw.len());
            for ch in raw.chars() {
                if is_apostrophe(ch) {
                    norm.push('\'');
                } else {
                    norm.extend(ch.to_lowercase());
                }
            }
            tokens.push(Token {
                span: start..end_of(j),
                norm,
                word: true,
                capital: c.is_uppercase(),
            });
            k = j;
        } else {
            if !c.is_whitespace()
                && !matches!(c, '"' | '\u{201C}' | '\u{201D}')
                && !is_apostrophe(c)
            {
                tokens.push(Token {
                    span: start..end_of(k + 1),
                    norm: c.to_string(),
                    word: false,
                    capital: false,
                });
            }
            k += 1;
        }
    }
    tokens
}

/// Modals and the "do" auxiliary: the next verb is in its base form ("will read", "does read").
fn is_modal(w: &str) -> bool {
    matches!(
        w,
        "will"
            | "shall"
            | "can"
            | "could"
            | "may"
            | "might"
            | "must"
            | "should"
            | "would"
            | "cannot"
            | "do"
            | "does"
            | "did"
    ) || w.ends_with("'ll")
}

/// Adverbs that may sit between a verb and what makes it a verb ("will independently read").
fn is_skippable_adverb(w: &str) -> bool {
    matches!(
        w,
        "also"
            | "then"
            | "now"
            | "still"
            | "always"
            | "usually"
            | "often"
            | "sometimes"
            | "only"
            | "consistently"
            | "reliably"
    ) || (w.len() > 4 && w.ends_with("ly") && !matches!(w, "family" | "assembly" | "daily"))
}

fn ends_clause(t: &Token) -> bool {
    !t.word
        && matches!(
            t.norm.as_str(),
            "." | ";" | ":" | "!" | "?" | "•" | "(" | ")"
        )
}

/// Words that, right after a sentence-initial verb, show it is a noun: "Play therapy",
/// "Sign language", "Travel training", "Use of …".
fn noun_compound_follower(w: &str) -> bool {
    matches!(
        w,
        "therapy"
            | "therapist"
            | "language"
            | "training"
            | "trainer"
            | "session"
            | "sessions"
            | "group"
            | "groups"
            | "club"
            | "clubs"
            | "time"
            | "skills"
            | "skill"
            | "support"
            | "programme"
            | "lesson"
            | "lessons"
            | "activities"
            | "activity"
            | "equipment"
            | "of"
            | "and"
            | "aid"
            | "aids"
            | "assessment"
            | "package"
            | "worker"
            | "partner"
            | "scheme"
            | "board"
            | "resources"
            | "provision"
            | "area"
            | "corner"
            | "based"
            | "sheet"
            | "chart"
            | "plan"
            | "strategies"
            | "intervention"
            | "book"
            | "books"
            | "card"
            | "cards"
    )
}

/// Spans of named observable acts used as verbs.
fn observable_actions(text: &str) -> Vec<Range<usize>> {
    let tokens = tokenize(text);
    let mut out = Vec::new();
    // Whether an act has been accepted in the current clause, so "and write" can follow it.
    let mut act_in_clause = false;
    for (i, tok) in tokens.iter().enumerate() {
        if ends_clause(tok) {
            act_in_clause = false;
            continue;
        }
        if !tok.word {
            continue;
        }
        let Some(&(row, form)) = ACTION_FORMS.get(tok.norm.as_str()) else {
            continue;
        };
        let Some(&(_, _, _, need)) = ACTIONS.get(row) else {
            continue;
        };
        if !verb_context(&tokens, i, form, act_in_clause) || in_condition_clause(&tokens, i) {
            continue;
        }
        let Some(end) = requirement_end(&tokens, i, need) else {
            continue;
        };
        act_in_clause = true;
        let from = tok.span.start;
        let to = tokens
            .get(end)
            .map_or(tok.span.end, |t| t.span.end)
            .max(from);
        out.push(from..to);
    }
    out
}

/// The last token of the act (the verb, or the word its requirement needed), if it counts.
fn requirement_end(tokens: &[Token], i: usize, need: Need) -> Option<usize> {
    let window = |n: usize| {
        (i + 1..=i + n).map_while(move |k| tokens.get(k).filter(|t| t.word).map(|t| (k, t)))
    };
    match need {
        Need::Any => Some(i),
        Need::Near(words, n) => window(n)
            .find(|(_, t)| words.contains(&t.norm.as_str()) || t.norm.ends_with("-step"))
            .map(|(k, _)| k),
        Need::NotNear(words, n) => {
            if window(n).any(|(_, t)| words.contains(&t.norm.as_str())) {
                None
            } else {
                Some(i)
            }
        }
    }
}

/// True when the act sits in a timeframe or condition clause ("by the time she sits her GCSEs",
/// "when he arrives", "before he finishes Year 13"): that act is when, not what.
fn in_condition_clause(tokens: &[Token], i: usize) -> bool {
    let mut k = i;
    while let Some(p) = k.checked_sub(1) {
        k = p;
        let Some(t) = tokens.get(p) else { break };
        if !t.word {
            if t.norm == "," || ends_clause(t) {
                break;
            }
            continue;
        }
        let w = t.norm.as_str();
        // The main clause's own verb: what comes before it is another clause.
        if matches!(w, "will" | "shall" | "won't") || w.ends_with("'ll") {
            break;
        }
        if matches!(
            w,
            "when"
                | "whenever"
                | "before"
                | "after"
                | "until"
                | "till"
                | "once"
                | "if"
                | "unless"
                | "while"
                | "whilst"
                | "because"
                | "since"
        ) {
            return true;
        }
        if w == "time"
            && p.checked_sub(1)
                .and_then(|q| tokens.get(q))
                .is_some_and(|q| q.norm == "the")
        {
            return true;
        }
    }
    false
}

/// True when the act at `i` is used as a verb.
fn verb_context(tokens: &[Token], i: usize, form: Form, act_in_clause: bool) -> bool {
    // Step back over adverbs: "will independently read", "by carefully shading".
    let mut j = i;
    let prev = loop {
        let Some(p) = j.checked_sub(1).and_then(|p| tokens.get(p)) else {
            break None;
        };
        j -= 1;
        if p.word && is_skippable_adverb(&p.norm) {
            continue;
        }
        break Some(p);
    };
    let Some(prev) = prev else {
        return form == Form::Base && imperative(tokens, i);
    };
    let w = prev.norm.as_str();
    if matches!(w, "and" | "or" | "," | "then") {
        // "will read, write and spell", "by reading and writing".
        if act_in_clause {
            return true;
        }
        // "will, where possible, travel": the aside hides the modal.
        if w == "," && form == Form::Base && modal_before_aside(tokens, j) {
            return true;
        }
        // "will go to Scouts and complete his badge", "will manage money, paying my bill":
        // a verb of the same clause, taking an object.
        let object_next = tokens.get(i + 1).is_some_and(starts_object);
        if form != Form::Third && object_next && verb_marker_earlier(tokens, j) {
            return true;
        }
    }
    match form {
        Form::Base => {
            // "access to play equipment", "to sign language classes": nouns after "to".
            let noun_next = tokens
                .get(i + 1)
                .is_some_and(|t| t.word && noun_compound_follower(&t.norm) && t.norm != "and");
            (prev.word
                && (is_modal(w) || matches!(w, "to" | "i" | "we" | "they" | "you" | "please"))
                && !(w == "to" && noun_next))
                || (ends_clause(prev) && imperative(tokens, i))
        }
        Form::Third => {
            prev.word
                && (matches!(w, "he" | "she" | "it" | "who")
                    || (prev.capital && !w.chars().any(|c| c.is_ascii_digit())))
        }
        Form::Ing => {
            prev.word
                && matches!(
                    w,
                    "by" | "be" | "been" | "is" | "are" | "am" | "was" | "were"
                )
        }
    }
}

/// Words that open a verb's object: "complete his badge", "paying for it".
fn starts_object(t: &Token) -> bool {
    t.word
        && (matches!(
            t.norm.as_str(),
            "a" | "an"
                | "the"
                | "his"
                | "her"
                | "their"
                | "my"
                | "your"
                | "its"
                | "our"
                | "this"
                | "that"
                | "these"
                | "those"
                | "some"
                | "each"
                | "every"
                | "all"
                | "both"
                | "for"
        ) || t.norm.chars().next().is_some_and(|c| c.is_ascii_digit())
            || NUMBER_WORD_ONLY.is_match(&t.norm))
}

static NUMBER_WORD_ONLY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"\A{NUM_WORD}\z")).expect("built-in criterion pattern"));

/// A modal or "to" earlier in the same sentence, before token `j`.
fn verb_marker_earlier(tokens: &[Token], j: usize) -> bool {
    let from = j.saturating_sub(40);
    for k in (from..j).rev() {
        let Some(t) = tokens.get(k) else { break };
        if ends_clause(t) {
            return false;
        }
        if t.word && (is_modal(&t.norm) || t.norm == "to") {
            return true;
        }
    }
    false
}

/// ", where possible," with a modal right before the first comma; `comma` is the second.
fn modal_before_aside(tokens: &[Token], comma: usize) -> bool {
    let from = comma.saturating_sub(7);
    for k in (from..comma).rev() {
        let Some(t) = tokens.get(k) else { break };
        if t.word {
            continue;
        }
        if t.norm != "," {
            return false;
        }
        return k
            .checked_sub(1)
            .and_then(|p| tokens.get(p))
            .is_some_and(|t| t.word && is_modal(&t.norm));
    }
    false
}

/// A capitalised base form opening a sentence, as in a step: "Read 10 CVC words".
fn imperative(tokens: &[Token], i: usize) -> bool {
    let Some(tok) = tokens.get(i) else {
        return false;
    };
    let Some(next) = tokens.get(i + 1) else {
        return false;
    };
    let number_next = next.norm.chars().next().is_some_and(|c| c.is_ascii_digit());
    tok.capital
        && next.word
        && !next.capital
        && !noun_compound_follower(&next.norm)
        // "Type 1 diabetes" is a diagnosis, not an instruction to type.
        && !(number_next && tok.norm == "type")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<CriterionKind> {
        find_criteria(text).into_iter().map(|c| c.kind).collect()
    }

    fn found(text: &str) -> Vec<(CriterionKind, &str)> {
        find_criteria(text)
            .into_iter()
            .map(|c| (c.kind, text.get(c.span).unwrap_or("<bad span>")))
            .collect()
    }

    use CriterionKind::*;

    #[test]
    fn brief_examples() {
        assert!(!has_criterion("By July 2027, Kofi will be more confident."));
        assert!(has_criterion(
            "By July 2027, Kofi will put his hand up to answer a question in at least 3 lessons each week."
        ));
        assert_eq!(
            found("By July 2027, Kofi will put his hand up to answer a question in at least 3 lessons each week."),
            vec![
                (ObservableAction, "put his hand up"),
                (ObservableAction, "answer"),
                (Count, "3"),
            ]
        );
        assert!(!has_criterion(
            "Ella will develop her understanding of money."
        ));
        assert_eq!(
            found("Ella will count out coins to pay for a snack independently."),
            vec![
                (ObservableAction, "count"),
                (ObservableAction, "pay"),
                (Independence, "independently"),
            ]
        );
        assert!(!has_criterion("Amir will improve his social skills."));
        assert_eq!(
            found("Amir will start a conversation with a peer at lunchtime on 3 days out of 5"),
            vec![
                (ObservableAction, "start a conversation"),
                (Proportion, "on 3 days out of 5"),
            ]
        );
    }

    #[test]
    fn nouns_are_not_acts() {
        for text in [
            "Sam will improve his reading.",
            "Sam will improve his reading and writing.",
            "Priya will develop her writing skills.",
            "Priya will improve her communication.",
            "Jonah will make good progress in reading.",
            "Jonah will make friends.",
            "Jonah will reach his full potential.",
            "Zainab will be happier at school.",
            "Zainab will feel safe.",
            "Zainab will know her number bonds.",
            "Leon will understand fractions.",
            "Leon will engage more in learning.",
            "Leon will access the curriculum.",
            "Leon will use strategies to manage his emotions.",
            "Leon will be more independent.",
            "In order to settle, Leon will manage transitions.",
            "Her reading age will improve.",
            "Mo will follow the rules.",
            "Mo will take part in group work.",
            "Mo will apply his skills.",
            "Play therapy sessions.",
            "Sign language support.",
            "Travel training.",
            "Use of a laptop.",
        ] {
            assert!(!has_criterion(text), "{text}: {:?}", found(text));
        }
    }

    #[test]
    fn verbs_are_acts() {
        assert_eq!(
            found("Sam will improve his reading by reading 20 tricky words aloud."),
            vec![(ObservableAction, "reading"), (Count, "20")]
        );
        assert_eq!(found("Sam will read."), vec![(ObservableAction, "read")]);
        assert_eq!(
            found("Sam will be able to read."),
            vec![(ObservableAction, "read")]
        );
        assert_eq!(
            found("Sam will independently read."),
            vec![(Independence, "independently"), (ObservableAction, "read")]
        );
        assert_eq!(
            found("Sam will read, write and spell his name."),
            vec![
                (ObservableAction, "read"),
                (ObservableAction, "write"),
                (ObservableAction, "spell")
            ]
        );
        assert_eq!(
            found("Sam reads a page."),
            vec![(ObservableAction, "reads")]
        );
        assert_eq!(
            found("I will travel to college."),
            vec![(ObservableAction, "travel")]
        );
        assert_eq!(
            found("Cleo will show she understands fractions by shading a half."),
            vec![(ObservableAction, "shading")]
        );
        assert_eq!(
            found("Read 10 CVC words."),
            vec![(ObservableAction, "Read"), (Count, "10")]
        );
        assert_eq!(
            found("Nia will take turns in a game."),
            vec![(ObservableAction, "take turns")]
        );
        assert_eq!(
            found("Nia will line up."),
            vec![(ObservableAction, "line up")]
        );
        assert_eq!(
            found("Nia will make a drink."),
            vec![(ObservableAction, "make a drink")]
        );
        assert_eq!(
            found("Nia will follow a 3-step instruction."),
            vec![(ObservableAction, "follow a 3-step"), (Count, "3")]
        );
        assert_eq!(
            found("Nia will use her visual timetable."),
            vec![(ObservableAction, "use")]
        );
        assert_eq!(found("Nia will join in."), vec![(ObservableAction, "join")]);
        assert_eq!(
            found("Nia will write down her homework."),
            vec![(ObservableAction, "write")]
        );
        assert!(has_criterion("Nia will greet an adult."));
        assert!(has_criterion("Nia will dress for PE."));
        assert!(has_criterion("Nia will swim."));
        assert!(has_criterion("Nia will catch a ball."));
        assert!(has_criterion("To read simple sentences."));
        assert!(has_criterion("Nia will ask for help."));
        assert!(has_criterion("Nia\u{2019}ll ask for help."));
    }

    #[test]
    fn numbers_that_are_not_counts() {
        for text in [
            "By the end of Year 6, Sam will be confident.",
            "By the end of Years 5 and 6 Sam will be confident.",
            "By the end of KS2 Sam will be confident.",
            "By the end of Key Stage 2 Sam will be confident.",
            "By July 2027 Sam will be confident.",
            "By 31 March 2026 Sam will be confident.",
            "By 31st March Sam will be confident.",
            "By July 16 Sam will be confident.",
            "By 1/9/2026 Sam will be confident.",
            "By 2027 Sam will be confident.",
            "By the summer 2 half term Sam will be confident.",
            "By the age of 18 Sam will be confident.",
            "By the age of eighteen Sam will be confident.",
            "When he is 16 Sam will be confident.",
            "Post-16, Sam will be confident.",
            "Within 12 months Sam will be confident.",
            "Within two terms Sam will be confident.",
            "In 12 months' time Sam will be confident.",
            "In 12 months\u{2019} time Sam will be confident.",
            "Over the next 2 years Sam will be confident.",
            "At 9am Sam will be calm.",
            "At 10:30 Sam will be calm.",
            "Sam will have 1:1 support.",
            "Sam will have one-to-one support.",
            "Outcome 2: Sam will be confident.",
            "1. Sam will be confident.",
            "E3 Sam will be confident.",
            "Sam will be confident in Y6.",
            "One day Sam will be a vet.",
            "No one will be unkind.",
            "Sam will develop his one-page profile.",
            "Sam is 16 years old and will be confident.",
        ] {
            assert!(!has_criterion(text), "{text}: {:?}", found(text));
        }
    }

    #[test]
    fn counts() {
        assert_eq!(kinds("Sam will learn 10 new words."), vec![Count]);
        assert_eq!(
            found("Sam will swim 25 metres."),
            vec![(ObservableAction, "swim"), (Count, "25")]
        );
        assert_eq!(
            found("Sam will swim 25m."),
            vec![(ObservableAction, "swim"), (Count, "25")]
        );
        assert_eq!(kinds("Sam will settle in 3 lessons."), vec![Count]);
        assert_eq!(found("Sam will have two friends."), vec![(Count, "two")]);
        assert_eq!(
            found("Sam will learn 20 high-frequency words."),
            vec![(Count, "20")]
        );
        assert_eq!(found("Sam will know numbers to 20."), vec![(Count, "20")]);
        assert_eq!(
            found("Sam will go to a club twice a month."),
            vec![(ObservableAction, "go to"), (Count, "twice")]
        );
        assert_eq!(
            found("Sam will swim at a club once a week."),
            vec![(ObservableAction, "swim"), (Count, "once a week")]
        );
        assert_eq!(
            found("Sam will visit a club 3x per week."),
            vec![(ObservableAction, "visit"), (Count, "3")]
        );
        assert_eq!(found("Sam will save £5."), vec![(Count, "£5")]);
        assert_eq!(
            found("Sam will ask at least one question."),
            vec![(ObservableAction, "ask"), (Count, "one")]
        );
        assert_eq!(found("Sam will gain Entry Level 3."), vec![(Count, "3")]);
        assert_eq!(
            found("Sam will achieve a reading age of 9."),
            vec![(Count, "9")]
        );
        assert_eq!(
            found("By Year 3, Sam will know 10 words."),
            vec![(Count, "10")]
        );
    }

    #[test]
    fn proportions_percentages_durations() {
        assert_eq!(
            found("Sam will settle on 4 out of 5 occasions."),
            vec![(Proportion, "on 4 out of 5 occasions")]
        );
        assert_eq!(
            found("Sam will end 8 of 10 sentences with a full stop."),
            vec![(Proportion, "8 of 10 sentences")]
        );
        assert_eq!(
            found("Sam will settle on 4 days out of 5."),
            vec![(Proportion, "on 4 days out of 5")]
        );
        assert_eq!(
            found("Sam will settle in 3 of 4 lessons."),
            vec![(Proportion, "in 3 of 4 lessons")]
        );
        assert_eq!(
            found("Sam will settle on three out of four occasions."),
            vec![(Proportion, "on three out of four occasions")]
        );
        assert_eq!(
            found("Sam will settle on 4/5 occasions."),
            vec![(Proportion, "4/5 occasions")]
        );
        assert_eq!(
            found("Sam will spell words with 90% accuracy."),
            vec![
                (ObservableAction, "spell"),
                (Percentage, "with 90% accuracy")
            ]
        );
        assert_eq!(
            found("Sam will attend on 90 per cent of days."),
            vec![(ObservableAction, "attend"), (Percentage, "90 per cent")]
        );
        assert_eq!(
            found("Sam will settle for 20 minutes."),
            vec![(Duration, "for 20 minutes")]
        );
        assert_eq!(
            found("Sam will settle for 10 mins."),
            vec![(Duration, "for 10 mins")]
        );
        assert_eq!(
            found("Sam will settle for half an hour."),
            vec![(Duration, "for half an hour")]
        );
        assert_eq!(
            found("Sam will settle for an hour."),
            vec![(Duration, "for an hour")]
        );
        assert_eq!(
            found("Sam will settle in a 10-minute task."),
            vec![(Duration, "10-minute")]
        );
        assert_eq!(
            found("Sam will settle every day for 6 weeks."),
            vec![(Duration, "for 6 weeks")]
        );
        assert_eq!(
            found("Sam will improve her typing speed from 10 to 25 words per minute."),
            vec![(Count, "10"), (Duration, "25 words per minute")]
        );
        assert!(!has_criterion("Sam will settle for a whole lesson."));
    }

    #[test]
    fn independence() {
        for (text, want) in [
            ("Sam will settle independently.", "independently"),
            ("Sam will settle on his own.", "on his own"),
            ("Sam will settle by herself.", "by herself"),
            (
                "Sam will settle without adult prompting.",
                "without adult prompting",
            ),
            (
                "Sam will settle without adult support.",
                "without adult support",
            ),
            ("Sam will settle without help.", "without help"),
            (
                "Sam will settle without being reminded.",
                "without being reminded",
            ),
            (
                "Sam will settle with one verbal prompt.",
                "with one verbal prompt",
            ),
            (
                "Sam will settle with no more than two prompts.",
                "with no more than two prompts",
            ),
            (
                "Sam will settle with minimal prompting.",
                "with minimal prompting",
            ),
            ("Sam will settle unaided.", "unaided"),
            (
                "Sam will settle with a visual prompt.",
                "with a visual prompt",
            ),
        ] {
            assert_eq!(found(text), vec![(Independence, want)], "{text}");
        }
        assert!(!has_criterion("Sam will settle with adult support."));
        assert!(!has_criterion("Sam will settle with a support worker."));
        assert!(!has_criterion(
            "Sam will settle without leaving the carpet."
        ));
        assert!(!has_criterion("Sam will become more independent."));
    }

    #[test]
    fn case_and_curly_apostrophes() {
        assert!(has_criterion("SAM WILL READ 10 WORDS."));
        assert!(!has_criterion("SAM WILL IMPROVE HIS READING BY YEAR 6."));
        assert!(!has_criterion(
            "Within 12 months\u{2019} time Sam will be settled."
        ));
    }

    #[test]
    fn acts_in_longer_sentences() {
        // The act after "and" belongs to the same clause when it takes an object.
        assert_eq!(
            found("Nathan will go to Scouts every Tuesday and complete his first aid badge."),
            vec![(ObservableAction, "go to"), (ObservableAction, "complete")]
        );
        assert!(!has_criterion("Priya will improve her speech and sign."));
        // An aside between the modal and the verb.
        assert_eq!(
            found("Callum will, where possible, travel to his placement by train."),
            vec![(ObservableAction, "travel")]
        );
        assert_eq!(
            found("I will manage my own money, paying my phone bill each month."),
            vec![(ObservableAction, "paying")]
        );
        assert_eq!(
            found("Oluwaseun will plan a bus journey to town."),
            vec![(ObservableAction, "plan a bus journey")]
        );
        assert!(!has_criterion("Tom will plan ahead."));
        assert_eq!(
            found("Sasha will take part in a sports session, paying for it herself."),
            vec![(ObservableAction, "paying"), (Independence, "it herself")]
        );
        assert_eq!(
            found("Blessing will have a CV she has written herself."),
            vec![(Independence, "has written herself")]
        );
        assert!(has_criterion("Leyla will score within the average range."));
    }

    #[test]
    fn acts_in_timeframe_or_condition_clauses_do_not_count() {
        for text in [
            "By the time she sits her GCSEs, Maya will be confident.",
            "When she leaves school Maya will be confident.",
            "By the time he can read, Maya will be happier.",
            "Before he finishes Year 13, Sam will be happy.",
            "Maya will move on to college at 16.",
            "Maya will have access to play equipment.",
            "Maya will go on to develop her confidence.",
        ] {
            assert!(!has_criterion(text), "{text}: {:?}", found(text));
        }
        assert_eq!(
            found("When he arrives Maya will hang up her coat."),
            vec![(ObservableAction, "hang")]
        );
        assert_eq!(
            found("Maya will say hello when she arrives at school."),
            vec![(ObservableAction, "say")]
        );
    }

    #[test]
    fn never_panics_and_spans_are_valid() {
        let odd = [
            "",
            " ",
            "1",
            "£",
            "£.",
            "1.",
            "(1)",
            "%",
            "1%",
            "one",
            "by",
            "will",
            "to",
            "İ will read 10 wörds",
            "ﬁ 5 ﬁsh",
            "Σ 3 of 4",
            "🙂 will read 2 books 🙂",
            "\u{2019}\u{2019}",
            "—",
            "12:",
            ":12",
            "9am",
            "a.m.",
            "0-25",
            "1/",
            "/1",
            "99999999999999999999999999 words",
            "will read, , and , write",
        ];
        for text in odd {
            for c in find_criteria(text) {
                assert!(text.get(c.span.clone()).is_some(), "{text:?} {c:?}");
            }
        }
    }
}
