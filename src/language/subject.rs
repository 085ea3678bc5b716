//! The grammatical subject of an outcome statement: who the outcome is about or written by.
//!
//! Outcome rules need to know whether a statement is about the child or young person ("Sam
//! will…", "I will…", "Sam's reading will…"), about an adult or service ("Staff will ensure…",
//! "School to provide…"), an aim infinitive ("To develop…") or a fragment with no clause at all
//! ("5 hours of TA support"). This module finds the first main clause of the form
//! `<subject> will/shall/can/is able to/to <verb>`, skipping leading timeframe and condition
//! clauses, and classifies its subject with small word lists. It only describes the text: it
//! never decides whether a statement breaks a rule, it never panics on any input, and it does not
//! try to be a general parser (present-tense statements such as "Sam reads…" yield `None`).

use std::ops::Range;

/// Who an outcome statement is about or written by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubjectKind {
    /// The child or young person: a capitalised first name ("Sam", "Amira-Rose"), "I", "he",
    /// "she", "they", "X", "[Name]" placeholders, "Sam and his family", "the child", "the young
    /// person", "the pupil", "the learner", "the student", or a child's skill or behaviour
    /// ("Sam's reading", "his attendance").
    Child,
    /// An adult or service: staff, the school, the setting, teachers, the TA, SENCo, therapists,
    /// parents, mum, dad, the family, professionals, the local authority, CAMHS, the team, the
    /// service, "we" (a service voice), "Sam's key worker"; also a provision noun as subject
    /// ("Support will be provided", "Speech and language therapy will…").
    Adult,
    /// The statement opens with an aim infinitive: "To develop …", "To ensure …" (after an
    /// optional leading timeframe clause).
    AimInfinitive,
    /// No clause with a usable subject was found (a noun fragment such as "5 hours of TA
    /// support"), or the subject is neither the child nor an adult or service ("Sam's friends
    /// will…", "The target will be reviewed").
    None,
}

/// The subject of the main clause and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
    pub kind: SubjectKind,
    /// The subject words and the verb that follows, e.g. "Staff will ensure", "To develop",
    /// "Sam will read", "School to provide"; the verb is left out when it is an auxiliary or an
    /// adverb ("Sam will be supported" gives "Sam will"). Empty range for `None`.
    pub span: Range<usize>,
}

/// The grammatical subject of the main clause of an outcome statement.
pub fn subject_of(text: &str) -> Subject {
    let tokens = tokenize(text);
    find_subject(&tokens).unwrap_or(Subject {
        kind: SubjectKind::None,
        span: 0..0,
    })
}

// ---------------------------------------------------------------------------------------------
// Tokens

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TokKind {
    Word,
    /// "[Name]", "<child's name>", "{name}".
    Placeholder,
    /// A clause boundary: , ; : . ! ? ( ) dashes, bullets, slashes.
    Punct,
}

#[derive(Debug, Clone)]
struct Token {
    kind: TokKind,
    span: Range<usize>,
    /// Lower case, curly apostrophes made straight; the character itself for punctuation.
    norm: String,
    /// The first character is upper case.
    capital: bool,
    /// Every letter is upper case and there are at least two ("SENCo" is not, "CAMHS" is).
    all_caps: bool,
}

impl Token {
    fn is(&self, word: &str) -> bool {
        self.kind != TokKind::Punct && self.norm == word
    }

    fn is_punct(&self) -> bool {
        self.kind == TokKind::Punct
    }

    fn possessive(&self) -> bool {
        self.kind != TokKind::Punct
            && (self.norm.ends_with("'s") || self.norm.ends_with("s'"))
            && !is_contraction(&self.norm)
    }

    /// The word without a possessive ending.
    fn stem(&self) -> &str {
        if let Some(s) = self.norm.strip_suffix("'s") {
            s
        } else if let Some(s) = self.norm.strip_suffix('\'') {
            s
        } else {
            &self.norm
        }
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2018}' | '\u{2019}' | '\u{02BC}' | '\u{2032}')
}

fn push_norm(out: &mut String, c: char) {
    if is_apostrophe(c) {
        out.push('\'');
    } else {
        out.extend(c.to_lowercase());
    }
}

fn word_token(text: &str, span: Range<usize>, kind: TokKind) -> Token {
    let raw = text.get(span.clone()).unwrap_or("");
    let mut norm = String::with_capacity(raw.len());
    if raw.bytes().all(|b| b.is_ascii_alphanumeric()) {
        // Most words: nothing to straighten, and ASCII lower-casing is a byte at a time.
        norm.push_str(raw);
        norm.make_ascii_lowercase();
    } else {
        for c in raw.chars() {
            push_norm(&mut norm, c);
        }
    }
    let mut letters = 0;
    let mut all_upper = true;
    for c in raw.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        all_upper &= c.is_uppercase();
    }
    let capital = raw
        .chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(char::is_uppercase);
    let all_caps = letters >= 2 && all_upper;
    Token {
        kind,
        span,
        norm,
        capital,
        all_caps,
    }
}

fn tokenize(text: &str) -> Vec<Token> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let end_of = |k: usize| chars.get(k).map_or(text.len(), |&(i, _)| i);
    let mut tokens = Vec::new();
    let mut k = 0;
    while let Some(&(start, c)) = chars.get(k) {
        if c.is_whitespace() {
            k += 1;
            continue;
        }
        if matches!(c, '[' | '<' | '{') {
            let close = match c {
                '[' => ']',
                '<' => '>',
                _ => '}',
            };
            let limit = (k + 40).min(chars.len());
            let found = (k + 1..limit).find(|&j| chars.get(j).is_some_and(|&(_, d)| d == close));
            if let Some(j) = found {
                let has_letter =
                    (k + 1..j).any(|m| chars.get(m).is_some_and(|&(_, d)| d.is_alphabetic()));
                if has_letter {
                    let mut next = j + 1;
                    // "[Name]'s TA": keep the possessive with the placeholder.
                    if chars.get(next).is_some_and(|&(_, d)| is_apostrophe(d))
                        && chars
                            .get(next + 1)
                            .is_some_and(|&(_, d)| d == 's' || d == 'S')
                        && !chars
                            .get(next + 2)
                            .is_some_and(|&(_, d)| d.is_alphanumeric())
                    {
                        next += 2;
                    }
                    tokens.push(word_token(text, start..end_of(next), TokKind::Placeholder));
                    k = next;
                    continue;
                }
            }
        }
        if c == '&' {
            tokens.push(word_token(text, start..end_of(k + 1), TokKind::Word));
            k += 1;
            continue;
        }
        if c.is_alphanumeric() {
            let mut j = k + 1;
            while let Some(&(_, d)) = chars.get(j) {
                let next_alnum = chars.get(j + 1).is_some_and(|&(_, n)| n.is_alphanumeric());
                let prev_digit = chars
                    .get(j.wrapping_sub(1))
                    .is_some_and(|&(_, p)| p.is_ascii_digit());
                let next_digit = chars.get(j + 1).is_some_and(|&(_, n)| n.is_ascii_digit());
                if d.is_alphanumeric()
                    || ((is_apostrophe(d) || d == '-' || d == '\u{2010}' || d == '\u{2011}')
                        && next_alnum)
                    || ((d == '.' || d == ',') && prev_digit && next_digit)
                {
                    j += 1;
                } else {
                    break;
                }
            }
            // "parents' evening", "months' time": a plural possessive keeps its apostrophe.
            if chars.get(j).is_some_and(|&(_, d)| is_apostrophe(d))
                && chars
                    .get(j.wrapping_sub(1))
                    .is_some_and(|&(_, p)| p == 's' || p == 'S')
            {
                j += 1;
            }
            tokens.push(word_token(text, start..end_of(j), TokKind::Word));
            k = j;
            continue;
        }
        if matches!(
            c,
            ',' | ';'
                | ':'
                | '.'
                | '!'
                | '?'
                | '('
                | ')'
                | '-'
                | '\u{2013}'
                | '\u{2014}'
                | '\u{2022}'
                | '/'
                | '|'
                | '['
                | ']'
        ) {
            let mut norm = String::new();
            norm.push(c);
            tokens.push(Token {
                kind: TokKind::Punct,
                span: start..end_of(k + 1),
                norm,
                capital: false,
                all_caps: false,
            });
        }
        // Quotes, stray apostrophes and other symbols neither join nor split clauses.
        k += 1;
    }
    tokens
}

// ---------------------------------------------------------------------------------------------
// Word lists

fn is_contraction(w: &str) -> bool {
    matches!(
        w,
        "he's" | "she's" | "it's" | "there's" | "that's" | "what's" | "who's" | "let's" | "here's"
    )
}

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
            | "won't"
            | "can't"
            | "shan't"
            | "couldn't"
            | "wouldn't"
            | "shouldn't"
            | "mustn't"
    )
}

/// Words that end a noun phrase when walking backwards from the verb.
fn is_function_word(w: &str) -> bool {
    matches!(
        w,
        "by" | "in"
            | "on"
            | "at"
            | "with"
            | "without"
            | "within"
            | "for"
            | "from"
            | "to"
            | "of"
            | "over"
            | "under"
            | "after"
            | "before"
            | "during"
            | "until"
            | "till"
            | "through"
            | "throughout"
            | "across"
            | "into"
            | "onto"
            | "towards"
            | "toward"
            | "about"
            | "around"
            | "between"
            | "using"
            | "following"
            | "via"
            | "per"
            | "than"
            | "as"
            | "like"
            | "since"
            | "upon"
            | "when"
            | "whenever"
            | "if"
            | "once"
            | "while"
            | "whilst"
            | "because"
            | "although"
            | "though"
            | "unless"
            | "which"
            | "who"
            | "whom"
            | "whose"
            | "where"
            | "wherever"
            | "whether"
            | "that"
            | "so"
            | "but"
            | "or"
            | "nor"
            | "yet"
            | "then"
            | "and"
            | "&"
            | "is"
            | "are"
            | "am"
            | "was"
            | "were"
            | "be"
            | "been"
            | "being"
            | "has"
            | "have"
            | "had"
            | "do"
            | "does"
            | "did"
            | "not"
            | "how"
            | "what"
            | "why"
            | "also"
            | "now"
            | "still"
            | "always"
            | "currently"
            | "eventually"
            | "hopefully"
            | "ideally"
    ) || is_modal(w)
        || is_contraction(w)
}

/// Words that, right before a noun phrase, make its clause subordinate ("when staff can see…",
/// "which staff will support").
fn is_subordinator(w: &str) -> bool {
    matches!(
        w,
        "when"
            | "whenever"
            | "if"
            | "once"
            | "while"
            | "whilst"
            | "because"
            | "although"
            | "though"
            | "unless"
            | "until"
            | "till"
            | "which"
            | "who"
            | "whom"
            | "whose"
            | "where"
            | "wherever"
            | "whether"
            | "so"
            | "as"
            | "since"
            | "after"
            | "before"
            | "than"
            | "how"
            | "what"
            | "why"
            | "whatever"
    )
}

/// Verbs after which "that" introduces the outcome itself ("It is hoped that Sam will…").
fn that_introduces_outcome(w: &str) -> bool {
    matches!(
        w,
        "hoped"
            | "expected"
            | "intended"
            | "anticipated"
            | "agreed"
            | "planned"
            | "likely"
            | "is"
            | "means"
            | "important"
            | "essential"
            | "vital"
            | "necessary"
            | "crucial"
            | "hoping"
            | "expect"
            | "ensure"
            | "ensures"
            | "aim"
            | "hope"
    )
}

fn is_determiner(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "a"
            | "an"
            | "all"
            | "any"
            | "each"
            | "every"
            | "this"
            | "these"
            | "those"
            | "some"
            | "both"
            | "either"
            | "neither"
            | "other"
            | "another"
            | "no"
            | "relevant"
    )
}

/// "his", "her" … and whether the possessor is the child (as opposed to a service: "our").
fn possessive_determiner(w: &str) -> Option<bool> {
    match w {
        "his" | "her" | "their" | "my" | "your" | "its" | "hers" | "theirs" => Some(true),
        "our" => Some(false),
        _ => None,
    }
}

/// Capitalised words that are never a child's name: months, days, school years, terms, subjects.
fn never_a_name(w: &str) -> bool {
    matches!(
        w,
        "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
            | "jan"
            | "feb"
            | "mar"
            | "apr"
            | "jun"
            | "jul"
            | "aug"
            | "sep"
            | "sept"
            | "oct"
            | "nov"
            | "dec"
            | "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "year"
            | "years"
            | "yr"
            | "reception"
            | "easter"
            | "christmas"
            | "whitsun"
            | "summer"
            | "autumn"
            | "spring"
            | "winter"
            | "term"
            | "half"
            | "key"
            | "stage"
            | "ks"
            | "gcse"
            | "gcses"
            | "sats"
            | "english"
            | "maths"
            | "math"
            | "science"
            | "pe"
            | "ict"
            | "phonics"
            | "outcome"
            | "outcomes"
            | "step"
            | "steps"
            | "target"
            | "targets"
            | "section"
            | "area"
            | "next"
            | "morning"
            | "afternoon"
            | "lunchtime"
            | "break"
            | "day"
            | "week"
            | "month"
            | "time"
            | "school"
            | "college"
    )
}

/// Time nouns that end a subject phrase ("Each morning staff will…" gives "staff").
fn is_time_noun(w: &str) -> bool {
    matches!(
        w,
        "year"
            | "years"
            | "term"
            | "terms"
            | "week"
            | "weeks"
            | "month"
            | "months"
            | "day"
            | "days"
            | "morning"
            | "mornings"
            | "afternoon"
            | "afternoons"
            | "lunchtime"
            | "lunchtimes"
            | "break"
            | "breaktime"
            | "time"
            | "today"
            | "tomorrow"
            | "review"
    ) || (never_a_name(w) && !matches!(w, "school" | "college" | "key" | "half"))
}

/// The child or young person, as a noun.
fn is_child_noun(w: &str) -> bool {
    matches!(
        w,
        "child"
            | "children"
            | "person"
            | "people"
            | "pupil"
            | "learner"
            | "student"
            | "cyp"
            | "yp"
            | "x"
            | "xx"
            | "xxx"
            | "name"
            | "boy"
            | "girl"
            | "son"
            | "daughter"
            | "youngster"
            | "toddler"
    )
}

/// People and bodies that deliver support.
fn is_adult_noun(w: &str) -> bool {
    matches!(
        w,
        "staff"
            | "school"
            | "setting"
            | "college"
            | "nursery"
            | "academy"
            | "preschool"
            | "pre-school"
            | "teacher"
            | "ta"
            | "lsa"
            | "hlta"
            | "sna"
            | "elsa"
            | "assistant"
            | "adult"
            | "senco"
            | "sendco"
            | "inco"
            | "salt"
            | "slt"
            | "ot"
            | "ep"
            | "pt"
            | "physio"
            | "tod"
            | "qtod"
            | "qtvi"
            | "dsl"
            | "gp"
            | "nhs"
            | "camhs"
            | "la"
            | "sw"
            | "nurse"
            | "doctor"
            | "clinician"
            | "paediatrician"
            | "pediatrician"
            | "specialist"
            | "practitioner"
            | "worker"
            | "keyworker"
            | "mentor"
            | "tutor"
            | "coach"
            | "instructor"
            | "trainer"
            | "coordinator"
            | "co-ordinator"
            | "manager"
            | "head"
            | "headteacher"
            | "deputy"
            | "leader"
            | "leadership"
            | "governor"
            | "governors"
            | "parent"
            | "mum"
            | "mummy"
            | "mom"
            | "dad"
            | "daddy"
            | "mother"
            | "father"
            | "carer"
            | "guardian"
            | "grandparent"
            | "grandma"
            | "grandad"
            | "grandmother"
            | "grandfather"
            | "nan"
            | "family"
            | "families"
            | "professional"
            | "authority"
            | "council"
            | "team"
            | "service"
            | "provider"
            | "agency"
            | "department"
            | "officer"
            | "caseworker"
            | "adviser"
            | "advisor"
            | "counsellor"
            | "counselor"
            | "supervisor"
            | "interpreter"
            | "facilitator"
            | "educator"
            | "volunteer"
            | "careers"
            | "outreach"
            | "trust"
            | "panel"
            | "board"
            | "we"
            | "everyone"
    ) || (w.len() >= 6 && (w.ends_with("ist") || w.ends_with("ician")))
}

/// Provision nouns: as a subject they make the statement about a service.
fn is_service_noun(w: &str) -> bool {
    matches!(
        w,
        "support"
            | "provision"
            | "therapy"
            | "therapies"
            | "intervention"
            | "session"
            | "programme"
            | "program"
            | "funding"
            | "transport"
            | "equipment"
            | "resource"
            | "resources"
            | "input"
            | "referral"
            | "assessment"
            | "training"
            | "advice"
            | "teaching"
            | "tuition"
            | "package"
            | "placement"
            | "plan"
            | "timetable"
            | "prompting"
            | "prompt"
            | "modelling"
            | "supervision"
            | "scaffolding"
            | "help"
            | "assistance"
            | "mentoring"
            | "breaks"
    )
}

/// Other children: the statement is not about this child.
fn is_peer_noun(w: &str) -> bool {
    matches!(
        w,
        "peer"
            | "friend"
            | "classmate"
            | "sibling"
            | "brother"
            | "sister"
            | "others"
            | "class"
            | "group"
            | "buddy"
    )
}

/// Endings that mark a capitalised word as a common noun, not a name ("Opportunities",
/// "Attendance", "Communication").
fn looks_like_common_noun(w: &str) -> bool {
    w.chars().count() > 5
        && [
            "ies", "tion", "tions", "ment", "ments", "ness", "ity", "ance", "ence", "ship", "ing",
            "ics", "ism", "ings",
        ]
        .iter()
        .any(|end| w.ends_with(end))
}

/// Roles written as acronyms that are also first names when title-cased: "ELSA" is a support
/// assistant, "Elsa" is a child.
fn is_title_case_acronym_role(t: &Token) -> bool {
    t.capital && !t.all_caps && matches!(t.norm.as_str(), "elsa" | "la" | "ot" | "ep" | "pt" | "ta")
}

/// "young person" is the child, "key person" is staff; a bare "person" is neither.
fn person_class(tokens: &[Token], head_idx: usize) -> Option<Lex> {
    let head = tokens.get(head_idx)?;
    if !matches!(head.norm.as_str(), "person" | "people" | "persons") {
        return None;
    }
    let modifier = head_idx
        .checked_sub(1)
        .and_then(|p| tokens.get(p))
        .map_or("", |t| t.norm.as_str());
    Some(match modifier {
        "young" => Lex::Child,
        "key" | "contact" | "lead" | "named" | "designated" | "link" | "trusted" | "support" => {
            Lex::Adult
        }
        _ => Lex::Other,
    })
}

/// Looks a word up as given and with a plural "s" taken off ("TAs", "parents", "peers").
fn in_list(w: &str, list: fn(&str) -> bool) -> bool {
    list(w) || (w.len() > 3 && !w.ends_with("ss") && w.strip_suffix('s').is_some_and(list))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lex {
    Child,
    Adult,
    Service,
    Peer,
    Other,
}

fn lexical_class(w: &str) -> Lex {
    if in_list(w, is_child_noun) {
        Lex::Child
    } else if in_list(w, is_adult_noun) {
        Lex::Adult
    } else if in_list(w, is_service_noun) {
        Lex::Service
    } else if in_list(w, is_peer_noun) {
        Lex::Peer
    } else {
        Lex::Other
    }
}

/// Base forms of verbs that open an outcome or a provision after "to".
fn is_common_verb(w: &str) -> bool {
    matches!(
        w,
        "develop"
            | "improve"
            | "ensure"
            | "provide"
            | "support"
            | "increase"
            | "build"
            | "enable"
            | "be"
            | "have"
            | "make"
            | "read"
            | "write"
            | "attend"
            | "access"
            | "use"
            | "help"
            | "become"
            | "gain"
            | "learn"
            | "continue"
            | "reduce"
            | "engage"
            | "manage"
            | "communicate"
            | "participate"
            | "take"
            | "travel"
            | "complete"
            | "achieve"
            | "reach"
            | "work"
            | "maintain"
            | "promote"
            | "encourage"
            | "deliver"
            | "offer"
            | "give"
            | "receive"
            | "extend"
            | "understand"
            | "know"
            | "feel"
            | "show"
            | "demonstrate"
            | "follow"
            | "join"
            | "play"
            | "speak"
            | "say"
            | "ask"
            | "answer"
            | "count"
            | "move"
            | "transition"
            | "prepare"
            | "practise"
            | "practice"
            | "identify"
            | "recognise"
            | "recognize"
            | "express"
            | "regulate"
            | "cope"
            | "establish"
            | "explore"
            | "sustain"
            | "strengthen"
            | "consolidate"
            | "enhance"
            | "apply"
            | "get"
            | "go"
            | "stay"
            | "remain"
            | "keep"
            | "start"
            | "begin"
            | "try"
            | "listen"
            | "respond"
            | "interact"
            | "initiate"
            | "request"
            | "choose"
            | "dress"
            | "eat"
            | "swim"
            | "walk"
            | "ride"
            | "cook"
            | "pay"
            | "buy"
            | "tell"
            | "explain"
            | "describe"
            | "spell"
            | "sit"
            | "wait"
            | "share"
            | "monitor"
            | "review"
            | "assess"
            | "liaise"
            | "meet"
            | "train"
            | "check"
            | "plan"
            | "teach"
            | "model"
            | "prompt"
            | "implement"
            | "facilitate"
            | "create"
            | "set"
            | "agree"
            | "arrange"
            | "refer"
            | "form"
            | "name"
            | "sign"
            | "type"
            | "draw"
            | "greet"
            | "recall"
            | "retell"
            | "seek"
            | "find"
            | "solve"
            | "calculate"
            | "measure"
            | "add"
            | "tolerate"
            | "accept"
            | "self-regulate"
            | "wash"
            | "dry"
            | "put"
            | "fasten"
            | "live"
            | "hang"
            | "tidy"
            | "brush"
            | "tie"
            | "button"
            | "zip"
            | "catch"
            | "kick"
            | "throw"
            | "cut"
            | "copy"
            | "sort"
            | "match"
            | "order"
            | "label"
            | "shade"
            | "list"
            | "drink"
            | "pour"
            | "stand"
            | "line"
            | "hop"
            | "jump"
            | "run"
            | "climb"
            | "reply"
            | "arrive"
            | "phone"
            | "call"
            | "text"
            | "email"
            | "open"
            | "carry"
            | "pack"
            | "subtract"
            | "multiply"
            | "divide"
            | "estimate"
            | "punctuate"
            | "underline"
            | "record"
            | "present"
            | "perform"
            | "sing"
            | "pass"
            | "select"
            | "press"
            | "search"
            | "feed"
            | "shower"
            | "fold"
            | "wipe"
            | "clean"
            | "post"
            | "send"
            | "recite"
            | "repeat"
            | "blend"
            | "segment"
            | "sound"
            | "pronounce"
            | "cross"
            | "introduce"
            | "wear"
            | "summarise"
            | "visit"
            | "wave"
            | "book"
            | "toilet"
            | "register"
            | "score"
            | "finish"
            | "hold"
            | "point"
    )
}

/// Words after "to" that show it is a preposition, not an infinitive marker.
fn blocks_infinitive(t: &Token) -> bool {
    let w = t.norm.as_str();
    t.kind != TokKind::Word
        || is_determiner(w)
        || possessive_determiner(w).is_some()
        || w.chars().next().is_some_and(|c| c.is_ascii_digit())
        || matches!(
            w,
            "him" | "me" | "them" | "us" | "it" | "you" | "one" | "work"
        )
        || (is_function_word(w) && !is_common_verb(w))
        || (w.ends_with("ing") && w.len() > 4)
        || (lexical_class(w) != Lex::Other && !is_common_verb(w))
        || never_a_name(w)
}

fn is_adverb(w: &str) -> bool {
    matches!(
        w,
        "also" | "then" | "now" | "still" | "always" | "usually" | "not" | "never" | "be" | "have"
    ) || (w.len() > 4 && w.ends_with("ly") && !matches!(w, "family" | "assembly"))
}

// ---------------------------------------------------------------------------------------------
// The search

/// A noun phrase found before a verb, as token indices `start..end`.
#[derive(Debug, Clone, Copy)]
struct Phrase {
    start: usize,
    end: usize,
    class: PhraseClass,
    /// The head is a known word (a list word, pronoun, name or placeholder), not a guess.
    known: bool,
    /// The head is a capitalised name.
    name: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PhraseClass {
    Child,
    Adult,
    /// Other children, or a thing with a determiner ("the target"): a clause, but not about
    /// the child or a service.
    Neither,
    /// "It", "there", "this": look further.
    Empty,
}

fn is_boundary(t: &Token) -> bool {
    t.is_punct()
}

/// The index of the first token of the clause segment that holds `i`.
fn segment_start(tokens: &[Token], i: usize) -> usize {
    let mut s = i;
    // Real clauses are short; the cap keeps absurd inputs linear.
    while s > 0 && i - s < 64 && tokens.get(s - 1).is_some_and(|t| !is_boundary(t)) {
        s -= 1;
    }
    s
}

fn find_subject(tokens: &[Token]) -> Option<Subject> {
    for i in 0..tokens.len() {
        let Some(tok) = tokens.get(i) else { break };
        if tok.is_punct() {
            continue;
        }
        let w = tok.norm.as_str();
        // "I'll", "she'll", "Sam'll": the subject sits inside the token.
        if let Some(stem) = w.strip_suffix("'ll") {
            let class = match stem {
                "i" | "he" | "she" | "they" | "you" => Some(PhraseClass::Child),
                "we" => Some(PhraseClass::Adult),
                "it" | "there" | "that" | "this" => Some(PhraseClass::Empty),
                _ if tok.capital && !never_a_name(stem) => Some(match lexical_class(stem) {
                    Lex::Adult | Lex::Service => PhraseClass::Adult,
                    Lex::Peer => PhraseClass::Neither,
                    _ => PhraseClass::Child,
                }),
                _ => None,
            };
            match class {
                Some(PhraseClass::Empty) | None => continue,
                Some(class) => return Some(make_subject(tokens, class, i, i + 1)),
            }
        }
        let marker_len = if is_modal(w) {
            1
        } else if matches!(w, "is" | "are" | "am")
            && tokens.get(i + 1).is_some_and(|t| t.is("able"))
            && tokens.get(i + 2).is_some_and(|t| t.is("to"))
        {
            3
        } else if let Some(len) = semi_modal_len(tokens, i) {
            len
        } else if w == "to" {
            if let Some(subject) = infinitive_subject(tokens, i) {
                return Some(subject);
            }
            continue;
        } else {
            continue;
        };
        let Some(np) = phrase_before(tokens, i) else {
            continue;
        };
        if subordinate(tokens, np.start) {
            continue;
        }
        match np.class {
            PhraseClass::Empty => continue,
            class => return Some(make_subject(tokens, class, np.start, i + marker_len)),
        }
    }
    None
}

/// "needs to", "is going to", "has to", "wants to": verbs that work like a modal.
fn semi_modal_len(tokens: &[Token], i: usize) -> Option<usize> {
    let w = tokens.get(i)?.norm.as_str();
    let next = |k: usize, word: &str| tokens.get(i + k).is_some_and(|t| t.is(word));
    match w {
        "need" | "needs" | "has" | "have" | "want" | "wants" if next(1, "to") => Some(2),
        "is" | "are" | "am" if next(1, "going") && next(2, "to") => Some(3),
        _ => None,
    }
}

fn make_subject(
    tokens: &[Token],
    class: PhraseClass,
    start: usize,
    after_marker: usize,
) -> Subject {
    let kind = match class {
        PhraseClass::Child => SubjectKind::Child,
        PhraseClass::Adult => SubjectKind::Adult,
        PhraseClass::Neither | PhraseClass::Empty => SubjectKind::None,
    };
    if kind == SubjectKind::None {
        return Subject { kind, span: 0..0 };
    }
    let mut end = after_marker;
    if let Some(next) = tokens.get(after_marker) {
        if next.kind == TokKind::Word
            && (!next.capital || next.all_caps)
            && !is_adverb(&next.norm)
            && !is_function_word(&next.norm)
            && !next.norm.chars().next().is_some_and(|c| c.is_ascii_digit())
        {
            end = after_marker + 1;
        }
    }
    let from = tokens.get(start).map_or(0, |t| t.span.start);
    let to = tokens
        .get(end.saturating_sub(1))
        .map_or(from, |t| t.span.end)
        .max(from);
    Subject {
        kind,
        span: from..to,
    }
}

/// True when the word right before the phrase makes its clause subordinate.
fn subordinate(tokens: &[Token], np_start: usize) -> bool {
    let Some(prev) = np_start.checked_sub(1).and_then(|p| tokens.get(p)) else {
        return false;
    };
    if prev.is_punct() {
        return false;
    }
    let w = prev.norm.as_str();
    if w == "that" {
        let before = np_start
            .checked_sub(2)
            .and_then(|p| tokens.get(p))
            .map_or("", |t| t.norm.as_str());
        return !that_introduces_outcome(before);
    }
    if w == "time"
        && np_start
            .checked_sub(2)
            .and_then(|p| tokens.get(p))
            .is_some_and(|t| t.is("the"))
    {
        // "By the time he can …, …"
        return true;
    }
    is_subordinator(w)
}

/// "To develop …" (an aim), or "School to provide …" / "Sam to read …" (subject + infinitive).
fn infinitive_subject(tokens: &[Token], i: usize) -> Option<Subject> {
    let to = tokens.get(i)?;
    let verb = tokens.get(i + 1)?;
    let seg = segment_start(tokens, i);
    if seg == i || after_timeframe_words(tokens, seg, i) {
        if blocks_infinitive(verb) || (verb.capital && !is_common_verb(&verb.norm)) {
            return None;
        }
        if !earlier_segments_lead_in(tokens, seg) {
            return None;
        }
        return Some(Subject {
            kind: SubjectKind::AimInfinitive,
            span: to.span.start..verb.span.end,
        });
    }
    let np = phrase_before(tokens, i)?;
    // "School to provide", "For Sam to read", "by July 2027 Olu to recognise".
    let starts_clause = np.start == seg
        || (np.start == seg + 1 && tokens.get(seg).is_some_and(|t| t.is("for")))
        || after_timeframe_words(tokens, seg, np.start);
    if !starts_clause || !np.known || blocks_infinitive(verb) {
        return None;
    }
    if np.name && !is_common_verb(&verb.norm) {
        return None;
    }
    match np.class {
        PhraseClass::Child | PhraseClass::Adult => {
            Some(make_subject(tokens, np.class, np.start, i + 1))
        }
        _ => None,
    }
}

/// "By July 2027 to develop …": the words before "to" are a timeframe ending in a date or year.
fn after_timeframe_words(tokens: &[Token], seg: usize, i: usize) -> bool {
    let Some(first) = tokens.get(seg) else {
        return false;
    };
    let Some(prev) = i.checked_sub(1).and_then(|p| tokens.get(p)) else {
        return false;
    };
    matches!(
        first.norm.as_str(),
        "by" | "within" | "in" | "before" | "at" | "during" | "over"
    ) && (prev.norm.chars().any(|c| c.is_ascii_digit())
        || never_a_name(&prev.norm)
        || matches!(prev.norm.as_str(), "term" | "review" | "school" | "college"))
}

/// The clause segments before `seg` are all lead-ins (timeframes, conditions, labels).
fn earlier_segments_lead_in(tokens: &[Token], seg: usize) -> bool {
    if seg > 64 {
        // An aim infinitive opens the statement; it is never this far in.
        return false;
    }
    let mut k = 0;
    while k < seg {
        let Some(t) = tokens.get(k) else { break };
        if t.is_punct() {
            k += 1;
            continue;
        }
        let mut end = k;
        while tokens.get(end).is_some_and(|t| !t.is_punct()) {
            end += 1;
        }
        let lead = matches!(
            t.norm.as_str(),
            "by" | "within"
                | "in"
                | "over"
                | "at"
                | "before"
                | "during"
                | "when"
                | "with"
                | "using"
                | "after"
                | "following"
                | "once"
                | "if"
                | "as"
                | "until"
                | "from"
                | "throughout"
                | "for"
                | "on"
                | "through"
                | "across"
                | "whilst"
                | "while"
                | "each"
                | "every"
                | "this"
                | "next"
                | "between"
                | "without"
                | "where"
                | "whenever"
                | "outcome"
                | "step"
                | "target"
        );
        if !lead && end - k > 3 {
            return false;
        }
        k = end;
    }
    true
}

/// The subject noun phrase that ends right before token `i`, if there is one.
fn phrase_before(tokens: &[Token], i: usize) -> Option<Phrase> {
    let mut end = i;
    // "Sam (Year 4) will", "Sam, with adult support, will": step over the aside.
    let before = end.checked_sub(1).and_then(|p| tokens.get(p))?;
    if before.is_punct() && before.norm == ")" {
        let mut k = end - 1;
        while k > 0 && tokens.get(k).is_some_and(|t| t.norm != "(") {
            k -= 1;
        }
        if tokens.get(k).is_some_and(|t| t.norm == "(") {
            end = k;
        } else {
            return None;
        }
    } else if before.is_punct() && before.norm == "," {
        let mut k = end - 1;
        let mut steps = 0;
        while k > 0 && steps < 10 {
            k -= 1;
            steps += 1;
            let t = tokens.get(k)?;
            if t.is_punct() {
                break;
            }
        }
        if tokens.get(k).is_some_and(|t| t.norm == ",") && k > 0 {
            end = k;
        } else {
            return None;
        }
    }
    let np = role_of(tokens, noun_phrase_ending(tokens, end, 0)?);
    if end != i {
        // After an aside the phrase must begin its clause.
        if np.start != segment_start(tokens, np.start) {
            return None;
        }
    }
    Some(np)
}

/// "A Teacher of the Deaf", "the head of year": the role is the phrase before "of".
fn role_of(tokens: &[Token], np: Phrase) -> Phrase {
    let mut k = np.start;
    let at = |k: usize| k.checked_sub(1).and_then(|p| tokens.get(p));
    if np.name && at(k).is_some_and(|t| t.is("the")) {
        k -= 1;
    }
    if !at(k).is_some_and(|t| t.is("of")) {
        return np;
    }
    match noun_phrase_ending(tokens, k - 1, 1) {
        Some(role) if role.known && role.class == PhraseClass::Adult => Phrase {
            end: np.end,
            ..role
        },
        _ => np,
    }
}

/// A noun phrase whose last token is `end - 1`; `depth` counts the conjuncts already taken.
fn noun_phrase_ending(tokens: &[Token], end: usize, depth: usize) -> Option<Phrase> {
    let head_idx = end.checked_sub(1)?;
    let head = tokens.get(head_idx)?;
    if head.is_punct() {
        return None;
    }
    let w = head.norm.as_str();
    // "the head of year": a time word after "of" may be the end of a role.
    let after_of = head_idx
        .checked_sub(1)
        .and_then(|p| tokens.get(p))
        .is_some_and(|t| t.is("of"));
    // Pronouns stand alone, apart from coordination ("Sam and I").
    let pronoun = match w {
        "i" | "he" | "she" | "they" | "you" => Some(PhraseClass::Child),
        "we" => Some(PhraseClass::Adult),
        "it" | "there" | "this" | "that" => Some(PhraseClass::Empty),
        _ => None,
    };
    if let Some(class) = pronoun {
        let phrase = Phrase {
            start: head_idx,
            end,
            class,
            known: true,
            name: false,
        };
        return Some(coordinate(tokens, phrase, depth));
    }
    if head.kind == TokKind::Placeholder {
        if head.possessive() {
            return None;
        }
        let phrase = Phrase {
            start: head_idx,
            end,
            class: PhraseClass::Child,
            known: true,
            name: true,
        };
        return Some(coordinate(tokens, phrase, depth));
    }
    if head.possessive()
        || is_function_word(w)
        || is_determiner(w)
        || possessive_determiner(w).is_some()
        || w.chars().next().is_some_and(|c| c.is_ascii_digit())
        || (is_time_noun(w) && !head.capital && !after_of)
    {
        return None;
    }
    let lex = person_class(tokens, head_idx).unwrap_or_else(|| lexical_class(w));
    let lex = if is_title_case_acronym_role(head) {
        Lex::Other
    } else {
        lex
    };
    let is_name = head.capital
        && !head.all_caps
        && lex == Lex::Other
        && !never_a_name(w)
        && !looks_like_common_noun(w);
    let placeholder_caps = head.all_caps && matches!(w, "x" | "xx" | "xxx" | "name" | "cyp" | "yp");
    if is_name || placeholder_caps {
        let mut start = head_idx;
        // Compound names: "Amira Rose", "Kofi Mensah".
        while start > 0 && head_idx - start < 3 {
            let Some(t) = tokens.get(start - 1) else {
                break;
            };
            if t.kind == TokKind::Word
                && t.capital
                && !t.all_caps
                && !t.possessive()
                && lexical_class(&t.norm) == Lex::Other
                && !never_a_name(&t.norm)
                && !is_function_word(&t.norm)
                && !is_determiner(&t.norm)
                && possessive_determiner(&t.norm).is_none()
                && t.norm != "i"
            {
                start -= 1;
            } else {
                break;
            }
        }
        let phrase = Phrase {
            start,
            end,
            class: PhraseClass::Child,
            known: true,
            name: true,
        };
        return Some(coordinate(tokens, phrase, depth));
    }
    if never_a_name(w) && lex == Lex::Other && !after_of {
        return None;
    }
    // A noun head: walk back over modifiers, possessors and one determiner.
    let lex_of_head = lex;
    let mut start = head_idx;
    let mut possessor: Option<PhraseClass> = None;
    let mut determiner = false;
    while start > 0 && head_idx - start < 5 {
        let Some(t) = tokens.get(start - 1) else {
            break;
        };
        if t.kind == TokKind::Placeholder {
            if t.possessive() {
                possessor = Some(PhraseClass::Child);
                start -= 1;
            }
            break;
        }
        if t.is_punct() {
            break;
        }
        let tw = t.norm.as_str();
        if let Some(child) = possessive_determiner(tw) {
            possessor = Some(if child {
                PhraseClass::Child
            } else {
                PhraseClass::Adult
            });
            start -= 1;
            break;
        }
        if is_determiner(tw) {
            determiner = true;
            start -= 1;
            // "all the staff", "both the parents".
            if let Some(t2) = start.checked_sub(1).and_then(|p| tokens.get(p)) {
                if t2.is("all") || t2.is("both") {
                    start -= 1;
                }
            }
            break;
        }
        if t.possessive() {
            let stem = t.stem();
            possessor = Some(match lexical_class(stem) {
                Lex::Adult | Lex::Service => PhraseClass::Adult,
                Lex::Peer => PhraseClass::Neither,
                _ => PhraseClass::Child,
            });
            start -= 1;
            // "the child's", "Amira Rose's".
            if let Some(t2) = start.checked_sub(1).and_then(|p| tokens.get(p)) {
                if is_determiner(&t2.norm) || possessive_determiner(&t2.norm).is_some() {
                    start -= 1;
                    determiner = true;
                } else if t2.capital
                    && t.capital
                    && t2.kind == TokKind::Word
                    && lexical_class(&t2.norm) == Lex::Other
                    && !never_a_name(&t2.norm)
                    && !is_function_word(&t2.norm)
                {
                    start -= 1;
                }
            }
            break;
        }
        // "The Speech and Language Therapist", "a speech and language therapist": one role
        // whose modifier is coordinated, not two people.
        if matches!(tw, "and" | "&") && start != head_idx {
            let before = start.checked_sub(2).and_then(|p| tokens.get(p));
            let title_case = head.capital
                && !head.all_caps
                && tokens.get(start).is_some_and(|n| n.capital)
                && before.is_some_and(|p| p.capital && p.kind == TokKind::Word);
            let role_modifier = matches!(lex_of_head, Lex::Adult | Lex::Service)
                && before.is_some_and(|p| {
                    p.kind == TokKind::Word
                        && !p.capital
                        && !is_function_word(&p.norm)
                        && !is_determiner(&p.norm)
                        && possessive_determiner(&p.norm).is_none()
                        && lexical_class(&p.norm) == Lex::Other
                });
            if title_case || role_modifier {
                start -= 1;
                continue;
            }
        }
        if is_function_word(tw)
            || tw.chars().any(|c| c.is_ascii_digit())
            || is_time_noun(tw)
            || (tw.ends_with("ing")
                && lexical_class(tw) == Lex::Other
                && !t.capital
                && tw.len() > 5
                && !matches!(lex_of_head, Lex::Adult | Lex::Service))
        {
            break;
        }
        start -= 1;
    }
    let class = match lex {
        Lex::Child => PhraseClass::Child,
        Lex::Adult | Lex::Service => PhraseClass::Adult,
        Lex::Peer => PhraseClass::Neither,
        Lex::Other => match possessor {
            Some(PhraseClass::Adult) => PhraseClass::Adult,
            Some(PhraseClass::Neither) => PhraseClass::Neither,
            Some(_) => PhraseClass::Child,
            None if determiner || head.all_caps => PhraseClass::Neither,
            None => PhraseClass::Child,
        },
    };
    let phrase = Phrase {
        start,
        end,
        class,
        known: lex != Lex::Other,
        name: false,
    };
    let coordinated = coordinate(tokens, phrase, depth);
    // "Sam and his family", "Sam and Mum": a child among people makes it about the child;
    // "Speech and language therapy" stays a service.
    if lex == Lex::Service {
        return Some(Phrase {
            class: PhraseClass::Adult,
            ..coordinated
        });
    }
    Some(coordinated)
}

/// Extends a phrase leftwards over "X and" / "X &" when X is a person (at most four people).
fn coordinate(tokens: &[Token], phrase: Phrase, depth: usize) -> Phrase {
    if depth >= 3 {
        return phrase;
    }
    let Some(conj) = phrase.start.checked_sub(1).and_then(|p| tokens.get(p)) else {
        return phrase;
    };
    if !(conj.is("and") || conj.is("&")) {
        return phrase;
    }
    let Some(left) = noun_phrase_ending_person(tokens, phrase.start - 1, depth + 1) else {
        return phrase;
    };
    let class = match (left.class, phrase.class) {
        (PhraseClass::Child, _) | (_, PhraseClass::Child) => PhraseClass::Child,
        (PhraseClass::Adult, PhraseClass::Adult) => PhraseClass::Adult,
        (_, other) => other,
    };
    Phrase {
        start: left.start,
        end: phrase.end,
        class,
        known: left.known || phrase.known,
        name: phrase.name && left.name,
    }
}

/// A person phrase (name, pronoun, placeholder, child or adult noun) ending before `end`.
fn noun_phrase_ending_person(tokens: &[Token], end: usize, depth: usize) -> Option<Phrase> {
    let head = tokens.get(end.checked_sub(1)?)?;
    let person = match head.norm.as_str() {
        "i" | "he" | "she" | "they" | "you" | "we" => true,
        w => {
            head.kind == TokKind::Placeholder
                || (head.capital
                    && !head.all_caps
                    && lexical_class(w) == Lex::Other
                    && !never_a_name(w))
                || matches!(lexical_class(w), Lex::Child | Lex::Adult)
        }
    };
    if !person || head.possessive() {
        return None;
    }
    noun_phrase_ending(tokens, end, depth)
        .filter(|p| matches!(p.class, PhraseClass::Child | PhraseClass::Adult))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(text: &str) -> SubjectKind {
        subject_of(text).kind
    }

    fn span(text: &str) -> &str {
        let s = subject_of(text);
        text.get(s.span).unwrap_or("<bad span>")
    }

    #[test]
    fn child_names_and_pronouns() {
        assert_eq!(kind("Sam will read 10 words."), SubjectKind::Child);
        assert_eq!(span("Sam will read 10 words."), "Sam will read");
        assert_eq!(kind("Amira-Rose will count to 20."), SubjectKind::Child);
        assert_eq!(
            kind("I will travel to college on the bus."),
            SubjectKind::Child
        );
        assert_eq!(kind("He will ask for help."), SubjectKind::Child);
        assert_eq!(kind("She can tie her shoelaces."), SubjectKind::Child);
        assert_eq!(
            kind("They will use their communication book."),
            SubjectKind::Child
        );
        assert_eq!(kind("X will write a sentence."), SubjectKind::Child);
        assert_eq!(kind("XXX will write a sentence."), SubjectKind::Child);
        assert_eq!(kind("[Name] will write a sentence."), SubjectKind::Child);
        assert_eq!(
            kind("[child's name] will write a sentence."),
            SubjectKind::Child
        );
        assert_eq!(kind("The child will name 5 colours."), SubjectKind::Child);
        assert_eq!(
            kind("The young person will cook a meal."),
            SubjectKind::Child
        );
        assert_eq!(kind("The pupil will line up."), SubjectKind::Child);
        assert_eq!(
            kind("The learner will complete the course."),
            SubjectKind::Child
        );
        assert_eq!(kind("The student will attend college."), SubjectKind::Child);
        assert_eq!(kind("Kofi Mensah will attend school."), SubjectKind::Child);
        assert_eq!(
            span("Kofi Mensah will attend school."),
            "Kofi Mensah will attend"
        );
    }

    #[test]
    fn child_with_family_or_skill() {
        assert_eq!(
            kind("Sam and his family will visit the new school."),
            SubjectKind::Child
        );
        assert_eq!(
            span("Sam and his family will visit the new school."),
            "Sam and his family will visit"
        );
        assert_eq!(kind("Sam's reading will improve."), SubjectKind::Child);
        assert_eq!(
            span("Sam's reading will improve."),
            "Sam's reading will improve"
        );
        assert_eq!(
            kind("His attendance will be above 95%."),
            SubjectKind::Child
        );
        assert_eq!(kind("Sam and I will make a plan."), SubjectKind::Child);
        assert_eq!(kind("Attendance will improve to 95%."), SubjectKind::Child);
    }

    #[test]
    fn adults_and_services() {
        assert_eq!(kind("Sam's TA will model the task."), SubjectKind::Adult);
        assert_eq!(span("Sam's TA will model the task."), "Sam's TA will model");
        assert_eq!(
            kind("Sam\u{2019}s TA will model the task."),
            SubjectKind::Adult
        );
        assert_eq!(
            kind("Staff will ensure Sam has a quiet space."),
            SubjectKind::Adult
        );
        assert_eq!(
            span("Staff will ensure Sam has a quiet space."),
            "Staff will ensure"
        );
        assert_eq!(kind("Staff will help Sam to read."), SubjectKind::Adult);
        assert_eq!(kind("School staff will meet weekly."), SubjectKind::Adult);
        assert_eq!(
            kind("The school will provide a laptop."),
            SubjectKind::Adult
        );
        assert_eq!(
            kind("The setting will share a photo book."),
            SubjectKind::Adult
        );
        assert_eq!(kind("The college will offer a mentor."), SubjectKind::Adult);
        assert_eq!(kind("Teachers will use visuals."), SubjectKind::Adult);
        assert_eq!(
            kind("The class teacher will check in daily."),
            SubjectKind::Adult
        );
        assert_eq!(kind("His TA will sit with him."), SubjectKind::Adult);
        assert_eq!(kind("The TA will sit with him."), SubjectKind::Adult);
        assert_eq!(
            kind("A teaching assistant will support him."),
            SubjectKind::Adult
        );
        assert_eq!(kind("All adults will use his name."), SubjectKind::Adult);
        assert_eq!(kind("An adult will greet him."), SubjectKind::Adult);
        assert_eq!(kind("A key adult will greet him."), SubjectKind::Adult);
        assert_eq!(kind("The SENCo will review the plan."), SubjectKind::Adult);
        assert_eq!(kind("The SALT will visit termly."), SubjectKind::Adult);
        assert_eq!(kind("The OT will assess his grip."), SubjectKind::Adult);
        assert_eq!(kind("The EP will observe."), SubjectKind::Adult);
        assert_eq!(
            kind("A physiotherapist will set exercises."),
            SubjectKind::Adult
        );
        assert_eq!(
            kind("Parents will practise reading with Sam."),
            SubjectKind::Adult
        );
        assert_eq!(kind("Mum and Dad will read with him."), SubjectKind::Adult);
        assert_eq!(kind("His mum will collect him."), SubjectKind::Adult);
        assert_eq!(
            kind("The family will attend a workshop."),
            SubjectKind::Adult
        );
        assert_eq!(kind("Professionals will meet termly."), SubjectKind::Adult);
        assert_eq!(
            kind("The local authority will fund transport."),
            SubjectKind::Adult
        );
        assert_eq!(kind("The LA will fund transport."), SubjectKind::Adult);
        assert_eq!(kind("CAMHS will offer an assessment."), SubjectKind::Adult);
        assert_eq!(kind("The team will meet weekly."), SubjectKind::Adult);
        assert_eq!(kind("We will support Sam."), SubjectKind::Adult);
        assert_eq!(kind("Sam's key worker will call home."), SubjectKind::Adult);
        assert_eq!(kind("Support will be provided daily."), SubjectKind::Adult);
        assert_eq!(
            kind("Speech and language therapy will be delivered weekly."),
            SubjectKind::Adult
        );
    }

    #[test]
    fn subject_plus_infinitive() {
        assert_eq!(kind("School to provide a laptop."), SubjectKind::Adult);
        assert_eq!(span("School to provide a laptop."), "School to provide");
        assert_eq!(
            kind("Staff to ensure Sam has a quiet space."),
            SubjectKind::Adult
        );
        assert_eq!(kind("Sam to read 10 words."), SubjectKind::Child);
        assert_eq!(kind("Access to a laptop."), SubjectKind::None);
        assert_eq!(kind("Travel to college independently."), SubjectKind::None);
    }

    #[test]
    fn aim_infinitives() {
        for text in [
            "To develop his reading.",
            "To improve her handwriting.",
            "To ensure Sam is safe.",
            "To provide a quiet space.",
            "To support his transition.",
            "To increase his vocabulary.",
            "To build confidence.",
            "To enable Sam to travel.",
            "By July 2027, to develop his reading.",
            "By the end of Year 6 to read 50 words.",
            "Outcome 2: To develop his reading.",
        ] {
            assert_eq!(kind(text), SubjectKind::AimInfinitive, "{text}");
        }
        assert_eq!(span("To develop his reading."), "To develop");
        assert_eq!(kind("To school on time."), SubjectKind::None);
    }

    #[test]
    fn leading_clauses_are_skipped() {
        for text in [
            "By July 2027, Sam will read 10 words.",
            "By the end of Year 6 Sam will read 10 words.",
            "By the end of KS2 Sam will read 10 words.",
            "By July Sam will read 10 words.",
            "With adult support, Sam will read 10 words.",
            "With adult support Sam will read 10 words.",
            "When he arrives in the morning, Sam will hang up his coat.",
            "Using his visual timetable, Sam will move between activities.",
            "Following adult modelling Sam will build a tower.",
            "In order to settle, Sam will use his calm box.",
            "Sam, with adult support, will read 10 words.",
            "Sam (Year 4) will read 10 words.",
            "In 12 months' time Sam will read 10 words.",
            "In 12 months\u{2019} time Sam will read 10 words.",
            "By the end of Reception Sam will say his name.",
        ] {
            assert_eq!(kind(text), SubjectKind::Child, "{text}");
            assert!(span(text).starts_with("Sam"), "{text}: {}", span(text));
        }
        assert_eq!(
            kind("In 12 months' time I will travel alone."),
            SubjectKind::Child
        );
        assert_eq!(
            span("In 12 months' time I will travel alone."),
            "I will travel"
        );
        assert_eq!(
            kind("By July 2027, staff will train Sam."),
            SubjectKind::Adult
        );
        assert_eq!(
            kind("When staff can see he is upset, Sam will go to the calm corner."),
            SubjectKind::Child
        );
        assert_eq!(kind("If he can, Sam will walk."), SubjectKind::Child);
        assert_eq!(
            kind("By the time he can read, Sam will join the book club."),
            SubjectKind::Child
        );
    }

    #[test]
    fn supported_child_is_still_the_child() {
        assert_eq!(
            kind("Sam will be supported by staff to read."),
            SubjectKind::Child
        );
        assert_eq!(span("Sam will be supported by staff to read."), "Sam will");
        assert_eq!(
            kind("Sam will receive weekly speech therapy."),
            SubjectKind::Child
        );
        assert_eq!(kind("It is hoped that Sam will read."), SubjectKind::Child);
        assert_eq!(kind("Sam is able to read 10 words."), SubjectKind::Child);
        assert_eq!(span("Sam is able to read 10 words."), "Sam is able to read");
        assert_eq!(kind("I'll travel to college."), SubjectKind::Child);
        assert_eq!(kind("I\u{2019}ll travel to college."), SubjectKind::Child);
        assert_eq!(kind("Kit won't hit peers."), SubjectKind::Child);
        assert_eq!(kind("Sam may begin to read."), SubjectKind::Child);
    }

    #[test]
    fn fragments_and_others() {
        assert_eq!(kind("5 hours of TA support"), SubjectKind::None);
        assert_eq!(
            kind("independent travel to college by Year 12"),
            SubjectKind::None
        );
        assert_eq!(
            kind("Independent travel to college, which staff will support"),
            SubjectKind::None
        );
        assert_eq!(kind("Short breaks"), SubjectKind::None);
        assert_eq!(kind(""), SubjectKind::None);
        assert_eq!(subject_of("").span, 0..0);
        assert_eq!(kind("Sam's friends will play with him."), SubjectKind::None);
        assert_eq!(kind("The target will be reviewed."), SubjectKind::None);
        assert_eq!(kind("This will help Sam to read."), SubjectKind::None);
        assert_eq!(
            kind("Opportunities for Sam to develop his reading."),
            SubjectKind::None
        );
    }

    #[test]
    fn case_and_apostrophes() {
        assert_eq!(kind("STAFF WILL ENSURE SAM IS SAFE."), SubjectKind::Adult);
        assert_eq!(kind("sam's ta will help."), SubjectKind::Adult);
        assert_eq!(kind("[Name]\u{2019}s TA will help."), SubjectKind::Adult);
    }

    #[test]
    fn roles_that_look_like_other_things() {
        assert_eq!(kind("Her key person will help Mila."), SubjectKind::Adult);
        assert_eq!(
            kind("A key person will stay with Lenny."),
            SubjectKind::Adult
        );
        assert_eq!(
            span("A Teacher of the Deaf will visit Kwame."),
            "A Teacher of the Deaf will visit"
        );
        assert_eq!(
            kind("A Teacher of the Deaf will visit Kwame."),
            SubjectKind::Adult
        );
        assert_eq!(kind("The head of year will meet Sam."), SubjectKind::Adult);
        assert_eq!(
            kind("A careers adviser will meet Priya."),
            SubjectKind::Adult
        );
        assert_eq!(
            kind("The school counsellor will see Dev."),
            SubjectKind::Adult
        );
        assert_eq!(
            span("A speech and language therapist will assess Cerys."),
            "A speech and language therapist will assess"
        );
        assert_eq!(
            kind("The Speech and Language Therapist will set targets."),
            SubjectKind::Adult
        );
        assert_eq!(
            span("A learning mentor will meet Kofi."),
            "A learning mentor will meet"
        );
        assert_eq!(kind("Adult prompting will be faded."), SubjectKind::Adult);
        assert_eq!(kind("The ELSA will meet Sam."), SubjectKind::Adult);
        // A title-case "Elsa" is a child's name, not the support assistant.
        assert_eq!(
            kind("Over time, Elsa will begin to write."),
            SubjectKind::Child
        );
        assert_eq!(kind("Sam & staff will make a plan."), SubjectKind::Child);
        assert_eq!(kind("Opportunities to play with peers"), SubjectKind::None);
    }

    #[test]
    fn infinitive_after_timeframe_and_semi_modals() {
        assert_eq!(
            span("by July 2027 Olu to recognise numbers to 20"),
            "Olu to recognise"
        );
        assert_eq!(
            kind("by end of Reception, Mia to wash her hands"),
            SubjectKind::Child
        );
        assert_eq!(
            kind("by end of Reception - Lena to put her shoes on"),
            SubjectKind::Child
        );
        assert_eq!(
            kind("Sam needs to learn his number bonds."),
            SubjectKind::Child
        );
        assert_eq!(kind("Sam is going to join the choir."), SubjectKind::Child);
        assert_eq!(
            kind("It is important that staff will check in."),
            SubjectKind::Adult
        );
        assert_eq!(
            kind("Mum would like Leo to have 1:1 support."),
            SubjectKind::Adult
        );
    }

    #[test]
    fn never_panics() {
        let odd = [
            "",
            " ",
            ",",
            "to",
            "To",
            "will",
            "Will will read.",
            "(",
            ")",
            ") will",
            ", will",
            "[",
            "[]",
            "[Name",
            "'s will",
            "\u{2019}",
            "é will",
            "İ will",
            "ﬁ will",
            "Σ will",
            "to to to",
            "is able to",
            "is able",
            "🙂 will read",
            "1. 2. 3.",
            "Sam will",
            "((((",
            "a, b, c, d, e, f, g, h, i, j, k, will",
            "\u{0}will\u{0}",
        ];
        for text in odd {
            let s = subject_of(text);
            assert!(
                s.span.start <= s.span.end && s.span.end <= text.len(),
                "{text:?}"
            );
            assert!(text.get(s.span.clone()).is_some(), "{text:?}");
        }
    }
}
