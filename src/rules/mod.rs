//! The rule engine: loads rule files, compiles every rule's phrases and patterns once, and runs
//! them over each statement of a document.
//!
//! Data rules live wholly in their YAML file (`rules/<part>/<id>.yaml`); code rules keep their
//! logic in `code/` and their words in the same kind of file. All phrases of all rules (and of
//! their guards) compile into one Aho-Corasick automaton, scanned once per statement; each
//! pattern is compiled once and skips statements through its own literal prefilter. The engine
//! never prints and never reads files itself: callers hand it text.

pub mod code;
pub mod file;
pub mod patterns;
pub mod plan;

use std::cell::OnceCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::thread::Thread;
use crate::document::{Document, DocumentKind, Item, ItemKind, Part, PlanDate};
use crate::language::normalize::{is_whole_word, Normalized};
use crate::language::subject::{subject_of, Subject};
use crate::language::timeframe::{find_timeframes, Context as TimeframeContext, Timeframe};
use code::{CodeRule, Finding};
pub use file::{Example, FileError, Reference, RuleDocText, RuleFile, RuleKind};
use patterns::{PatternSet, PatternSource};
use plan::PlanRule;

/// The built-in rule files, embedded at build time (see `build.rs`).
mod builtin {
    include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));
}

/// Everything a person reads about a rule: `explain`, `rules`, generated docs and SARIF all
/// read this one record.
#[derive(Clone, Debug)]
pub struct RuleDoc {
    pub id: String,
    pub summary: String,
    pub parts: Vec<Part>,
    pub severity: Severity,
    pub kind: RuleKind,
    pub message: String,
    pub help: String,
    pub reference: Reference,
    pub see_also: Vec<String>,
    pub doc: RuleDocText,
    pub examples: Vec<Example>,
    /// Where the rule came from ("rules/outcome/hedged-outcome.yaml").
    pub origin: String,
}

/// A compiled rule.
struct Rule {
    doc: RuleDoc,
    defers_to: Vec<usize>,
    code: Option<Box<dyn CodeRule>>,
    plan: Option<Box<dyn PlanRule>>,
    has_statement_guard: bool,
}

/// What a phrase or pattern in the shared matchers is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Trigger,
    /// Cancels a trigger of the same rule that it overlaps.
    Guard,
    /// Cancels every trigger of the same rule in the statement.
    StatementGuard,
}

#[derive(Clone, Copy, Debug)]
struct Owner {
    rule: usize,
    role: Role,
}

/// The compiled rule pack. Build it once per run and share it between threads.
pub struct RuleSet {
    rules: Vec<Rule>,
    phrases: Option<AhoCorasick>,
    phrase_list: Vec<String>,
    phrase_owners: Vec<Owner>,
    patterns: PatternSet,
    pattern_owners: Vec<Owner>,
}

/// One rule file's text and where it came from.
pub struct RuleSource {
    pub origin: String,
    pub text: String,
    /// Built into the binary: its patterns are compiled on first use, because the tests
    /// compile every one of them. A user's rule is compiled when it loads, so that every
    /// problem with it is reported then.
    pub built_in: bool,
}

impl RuleSource {
    /// The rule files built into the binary.
    pub fn builtin() -> Vec<RuleSource> {
        builtin::BUILTIN_RULES
            .iter()
            .map(|(origin, text)| RuleSource {
                origin: (*origin).to_string(),
                text: (*text).to_string(),
                built_in: true,
            })
            .collect()
    }
}

/// The context a statement is linted in.
#[derive(Clone, Debug, Default)]
pub struct Context {
    pub year_group: Option<u8>,
    pub plan_date: Option<PlanDate>,
}

/// One statement as the rules see it: an item's text, joined with the table cells that belong
/// to it, and what the plan around it says.
pub struct Statement<'a> {
    /// The statement text; for a provision with `Who` / `How often` cells, the cells follow
    /// the item's own text, separated by "; ".
    pub text: &'a str,
    /// Length of the item's own text at the start of `text`.
    pub own_len: usize,
    pub part: Part,
    pub kind: ItemKind,
    pub section: Option<&'a str>,
    pub year_group: Option<u8>,
    pub plan_date: Option<PlanDate>,
    /// A timeframe stated in a heading or column header above the item.
    pub inherited_timeframe: Option<&'a Timeframe>,
    /// What the parsers found in the text, worked out once for all the rules that ask.
    pub analysis: Analysis,
}

/// The parsers' readings of a statement, each computed the first time a rule asks for it.
/// Several rules read the same timeframes and subject; before this cache each worked them out
/// again, and the timeframe parser was the engine's largest single cost.
#[derive(Default)]
pub struct Analysis {
    own_timeframes: OnceCell<Vec<Timeframe>>,
    timeframes: OnceCell<Vec<Timeframe>>,
    own_subject: OnceCell<Subject>,
}

impl<'a> Statement<'a> {
    /// The item's own text, without the table cells joined after it.
    pub fn own(&self) -> &'a str {
        self.text.get(..self.own_len).unwrap_or("")
    }

    /// The timeframes in the item's own text.
    pub fn own_timeframes(&self) -> &[Timeframe] {
        self.analysis
            .own_timeframes
            .get_or_init(|| find_timeframes(self.own(), TimeframeContext::Statement))
    }

    /// The timeframes in the whole statement, cells included.
    pub fn timeframes(&self) -> &[Timeframe] {
        if self.own_len >= self.text.len() {
            return self.own_timeframes();
        }
        self.analysis
            .timeframes
            .get_or_init(|| find_timeframes(self.text, TimeframeContext::Statement))
    }

    /// The grammatical subject of the item's own text.
    pub fn own_subject(&self) -> &Subject {
        self.analysis
            .own_subject
            .get_or_init(|| subject_of(self.own()))
    }
}

/// Phrase/pattern matches per rule, in statement coordinates.
#[derive(Default)]
struct Hits {
    triggers: Vec<Range<usize>>,
    guards: Vec<Range<usize>>,
    statement_guard: bool,
}

impl RuleSet {
    /// The built-in rules.
    pub fn builtin() -> Result<RuleSet, Vec<FileError>> {
        RuleSet::from_sources(&RuleSource::builtin())
    }

    /// Compiles rule files. Every problem in every file is reported, not just the first.
    pub fn from_sources(sources: &[RuleSource]) -> Result<RuleSet, Vec<FileError>> {
        RuleSet::from_sources_with_phrases(sources, &BTreeMap::new())
    }

    /// Compiles rule files, adding `extra_phrases[rule id]` to that rule's trigger phrases (a
    /// council's own vague words, from the config file). The caller checks that the ids exist.
    pub fn from_sources_with_phrases(
        sources: &[RuleSource],
        extra_phrases: &BTreeMap<String, Vec<String>>,
    ) -> Result<RuleSet, Vec<FileError>> {
        let mut errors = Vec::new();
        let mut files: Vec<(RuleFile, String, bool)> = Vec::new();
        for source in sources {
            match file::parse_yaml::<RuleFile>(&source.origin, &source.text) {
                Ok(rule) => files.push((rule, source.origin.clone(), source.built_in)),
                Err(e) => errors.push(e),
            }
        }
        files.sort_by(|a, b| a.0.id.value.cmp(&b.0.id.value));

        let index: HashMap<String, usize> = files
            .iter()
            .enumerate()
            .map(|(i, (f, _, _))| (f.id.value.clone(), i))
            .collect();
        let mut seen = BTreeSet::new();
        let mut rules = Vec::new();
        let mut phrase_list: Vec<String> = Vec::new();
        let mut phrase_owners = Vec::new();
        // (pattern, compile now, owner, where it is written)
        let mut pattern_list = Vec::new();
        let mut code_rules = code::registry();
        let mut plan_rules = plan::registry();

        for (i, (f, origin, built_in)) in files.into_iter().enumerate() {
            let id = f.id.value.clone();
            let at =
                |loc: &serde_saphyr::Location, msg: String| FileError::at(&origin, Some(loc), msg);
            if !file::is_kebab_case(&id) {
                errors.push(at(
                    &f.id.referenced,
                    format!("rule id '{id}' must be kebab-case (lower-case words joined by '-')"),
                ));
            }
            if !seen.insert(id.clone()) {
                errors.push(at(
                    &f.id.referenced,
                    format!("rule id '{id}' is defined twice"),
                ));
            }
            if f.parts.is_empty() {
                errors.push(FileError::at(
                    &origin,
                    None,
                    "'parts' must name at least one part",
                ));
            }
            let code = code_rules.remove(id.as_str());
            let plan_rule = plan_rules.remove(id.as_str());
            match f.kind {
                RuleKind::Code if code.is_none() => errors.push(at(
                    &f.id.referenced,
                    format!("rule '{id}' says kind: code, but no code rule has that id"),
                )),
                RuleKind::Plan if plan_rule.is_none() => errors.push(at(
                    &f.id.referenced,
                    format!("rule '{id}' says kind: plan, but no plan rule has that id"),
                )),
                RuleKind::Phrases | RuleKind::Patterns
                    if f.phrases.is_empty() && f.patterns.is_empty() =>
                {
                    errors.push(at(
                        &f.id.referenced,
                        format!("rule '{id}' has no phrases or patterns to match"),
                    ))
                }
                _ => {}
            }
            let mut defers_to = Vec::new();
            for d in &f.defers_to {
                match index.get(&d.value) {
                    Some(&j) => defers_to.push(j),
                    None => errors.push(at(
                        &d.referenced,
                        format!("'defers-to' names '{}', which is not a rule", d.value),
                    )),
                }
            }
            let mut add_phrases = |list: &[String], role: Role| {
                for p in list {
                    let p = Normalized::new(p.trim()).text;
                    if !p.is_empty() {
                        phrase_list.push(p);
                        phrase_owners.push(Owner { rule: i, role });
                    }
                }
            };
            add_phrases(&f.phrases, Role::Trigger);
            if let Some(extra) = extra_phrases.get(&id) {
                add_phrases(extra, Role::Trigger);
            }
            add_phrases(&f.unless.phrases, Role::Guard);
            add_phrases(&f.unless_statement.phrases, Role::StatementGuard);
            for (list, role) in [
                (&f.patterns, Role::Trigger),
                (&f.unless.patterns, Role::Guard),
                (&f.unless_statement.patterns, Role::StatementGuard),
            ] {
                for p in list {
                    pattern_list.push((
                        p.value.clone(),
                        !built_in,
                        Owner { rule: i, role },
                        FileError::at(&origin, Some(&p.referenced), String::new()),
                    ));
                }
            }
            let has_statement_guard = !f.unless_statement.is_empty();
            rules.push(Rule {
                doc: RuleDoc {
                    id,
                    summary: f.summary,
                    parts: f.parts,
                    severity: f.severity,
                    kind: f.kind,
                    message: f.message,
                    help: f.help,
                    reference: f.reference,
                    see_also: f.see_also,
                    doc: f.doc,
                    examples: f.examples,
                    origin,
                },
                defers_to,
                code: if f.kind == RuleKind::Code { code } else { None },
                plan: if f.kind == RuleKind::Plan {
                    plan_rule
                } else {
                    None
                },
                has_statement_guard,
            });
        }
        let sources: Vec<PatternSource> = pattern_list
            .iter()
            .map(|(text, compile_now, _, _)| PatternSource {
                text,
                compile_now: *compile_now,
            })
            .collect();
        let patterns = PatternSet::new(&sources).map_err(|bad| {
            bad.into_iter()
                .map(|(p, message)| FileError {
                    message,
                    ..pattern_list[p].3.clone()
                })
                .collect::<Vec<_>>()
        });
        let patterns = match patterns {
            Ok(patterns) if errors.is_empty() => patterns,
            Ok(_) => return Err(errors),
            Err(bad) => {
                errors.extend(bad);
                return Err(errors);
            }
        };
        let pattern_owners = pattern_list.iter().map(|(_, _, o, _)| *o).collect();
        let phrases = if phrase_list.is_empty() {
            None
        } else {
            Some(
                AhoCorasickBuilder::new()
                    .ascii_case_insensitive(true)
                    .match_kind(MatchKind::Standard)
                    .build(&phrase_list)
                    .map_err(|e| vec![FileError::at("rules", None, e.to_string())])?,
            )
        };
        Ok(RuleSet {
            rules,
            phrases,
            phrase_list,
            phrase_owners,
            patterns,
            pattern_owners,
        })
    }

    /// The documentation of every rule, by id.
    pub fn docs(&self) -> impl Iterator<Item = &RuleDoc> {
        self.rules.iter().map(|r| &r.doc)
    }

    pub fn doc(&self, id: &str) -> Option<&RuleDoc> {
        self.docs().find(|d| d.id == id)
    }

    /// Lints every item of a document.
    pub fn lint(&self, document: &Document, context: &Context) -> Vec<Diagnostic> {
        self.lint_with_thread(document, context, None)
    }

    /// Lints every item of a document whose golden thread the caller has already built (it
    /// is built from the document alone, so building it twice gives the same thread).
    pub fn lint_with_thread(
        &self,
        document: &Document,
        context: &Context,
        thread: Option<&Thread>,
    ) -> Vec<Diagnostic> {
        let year_group = document.metadata.year_group.or(context.year_group);
        let plan_date = document.metadata.plan_date.or(context.plan_date);
        let mut out = Vec::new();
        for item in &document.items {
            self.lint_item(document, item, year_group, plan_date, &mut out);
        }
        if document.metadata.kind != DocumentKind::Statements {
            self.lint_plan(document, thread, &mut out);
        }
        out.sort_by(|a, b| {
            (a.span.start, a.span.end, &a.rule).cmp(&(b.span.start, b.span.end, &b.rule))
        });
        out
    }

    fn lint_item(
        &self,
        document: &Document,
        item: &Item,
        year_group: Option<u8>,
        plan_date: Option<PlanDate>,
        out: &mut Vec<Diagnostic>,
    ) {
        let joined = JoinedText::of(document, item);
        let statement = Statement {
            text: &joined.text,
            own_len: joined.own_len,
            part: item.part(),
            kind: item.kind,
            section: item.section.as_deref(),
            year_group,
            plan_date,
            inherited_timeframe: item.timeframe.as_ref().map(|t| &t.timeframe),
            analysis: Analysis::default(),
        };
        let findings = self.check_statement(&statement);
        for (rule, finding) in findings {
            let doc = &self.rules[rule].doc;
            let span = joined.to_document(finding.span.clone());
            let matched = statement.text.get(finding.span.clone()).unwrap_or("");
            out.push(Diagnostic {
                rule: doc.id.clone(),
                severity: doc.severity,
                message: fill(&doc.message, matched, &finding.vars),
                span,
                label: finding.label.unwrap_or_else(|| doc.summary.clone()),
                secondary: Vec::new(),
                help: fill(&doc.help, matched, &finding.vars),
                reference: doc.reference.to_string(),
                part: Some(item.part()),
                item: item.id.clone(),
                location: item.location(),
            });
        }
    }

    /// Runs the plan rules over the whole document.
    fn lint_plan(&self, document: &Document, thread: Option<&Thread>, out: &mut Vec<Diagnostic>) {
        if !self.rules.iter().any(|r| r.plan.is_some()) {
            return;
        }
        let built;
        let thread = match thread {
            Some(thread) => thread,
            None => {
                built = Thread::build(document);
                &built
            }
        };
        for rule in &self.rules {
            let Some(plan_rule) = &rule.plan else {
                continue;
            };
            let doc = &rule.doc;
            let mut findings = Vec::new();
            plan_rule.check(document, thread, &mut findings);
            for f in findings {
                let item = f.item.and_then(|i| document.items.get(i));
                let matched = document.text.get(f.span.clone()).unwrap_or("");
                let mut severity = f.severity.unwrap_or(doc.severity);
                if f.inferred {
                    severity = plan::weaker(severity);
                }
                out.push(Diagnostic {
                    rule: doc.id.clone(),
                    severity,
                    message: fill(&doc.message, matched, &f.vars),
                    span: f.span,
                    label: f.label.unwrap_or_else(|| doc.summary.clone()),
                    secondary: f.secondary,
                    help: fill(&doc.help, matched, &f.vars),
                    reference: doc.reference.to_string(),
                    part: item.map(|i| i.part()).or(doc.parts.first().copied()),
                    item: item.and_then(|i| i.id.clone()),
                    location: f
                        .location
                        .or_else(|| item.map(|i| i.location()))
                        .unwrap_or_default(),
                });
            }
        }
    }

    /// Runs every rule for the statement's part; returns (rule index, finding) pairs with spans
    /// in statement coordinates.
    pub(crate) fn check_statement(&self, statement: &Statement) -> Vec<(usize, Finding)> {
        let hits = self.scan(statement.text);
        let mut fired: Vec<(usize, Finding)> = Vec::new();
        for (i, rule) in self.rules.iter().enumerate() {
            if rule.plan.is_some()
                || rule.doc.kind == RuleKind::Suppression
                || !rule.doc.parts.contains(&statement.part)
            {
                continue;
            }
            let h = hits.get(&i);
            if rule.has_statement_guard && h.is_some_and(|h| h.statement_guard) {
                continue;
            }
            let triggers = h
                .map(|h| keep_unguarded(&h.triggers, &h.guards))
                .unwrap_or_default();
            match &rule.code {
                Some(code) => {
                    let mut found = Vec::new();
                    code.check(statement, &triggers, &mut found);
                    fired.extend(found.into_iter().map(|f| (i, f)));
                }
                None => fired.extend(triggers.into_iter().map(|span| (i, Finding::at(span)))),
            }
        }
        let rules_fired: BTreeSet<usize> = fired.iter().map(|(i, _)| *i).collect();
        fired.retain(|(i, _)| {
            !self.rules[*i]
                .defers_to
                .iter()
                .any(|d| rules_fired.contains(d))
        });
        fired
    }

    /// Runs the shared automaton and pattern set once over a statement.
    fn scan(&self, text: &str) -> HashMap<usize, Hits> {
        let normalized = Normalized::new(text);
        let norm = normalized.text.as_str();
        let mut hits: HashMap<usize, Hits> = HashMap::new();
        let mut record = |owner: Owner, range: Range<usize>| {
            let h = hits.entry(owner.rule).or_default();
            let original = normalized.original(range);
            match owner.role {
                Role::Trigger => h.triggers.push(original),
                Role::Guard => h.guards.push(original),
                Role::StatementGuard => h.statement_guard = true,
            }
        };
        if let Some(ac) = &self.phrases {
            for m in ac.find_overlapping_iter(norm) {
                let range = m.start()..m.end();
                if is_whole_word(norm, &range) {
                    record(self.phrase_owners[m.pattern().as_usize()], range);
                }
            }
        }
        // Each pattern runs on its own (a shared RegexSet was measured 4x slower: its
        // overlapping search falls back to the NFA on these patterns), and only where one of
        // its literals occurs (see `patterns`).
        self.patterns
            .for_each_match(norm, |p, range| record(self.pattern_owners[p], range));
        hits
    }

    /// Every phrase and pattern of the rule pack, for `rules --export-patterns`.
    pub fn export_patterns(&self) -> Vec<String> {
        let phrases = self
            .phrase_list
            .iter()
            .zip(&self.phrase_owners)
            .filter(|(_, o)| o.role == Role::Trigger)
            .map(|(p, _)| format!(r"\b{}\b", regex::escape(p)));
        let patterns = self
            .patterns
            .sources()
            .zip(&self.pattern_owners)
            .filter(|(_, o)| o.role == Role::Trigger)
            .map(|(r, _)| r.to_string());
        phrases.chain(patterns).collect()
    }
}

/// Leftmost-longest triggers not cancelled by an overlapping guard.
fn keep_unguarded(triggers: &[Range<usize>], guards: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut sorted: Vec<Range<usize>> = triggers
        .iter()
        .filter(|t| !guards.iter().any(|g| g.start < t.end && t.start < g.end))
        .cloned()
        .collect();
    sorted.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut out: Vec<Range<usize>> = Vec::new();
    for t in sorted {
        match out.last() {
            Some(last) if t.start < last.end => {}
            _ => out.push(t),
        }
    }
    out
}

/// Replaces `{match}` and the code rule's named values in a message.
fn fill(template: &str, matched: &str, vars: &[(&'static str, String)]) -> String {
    let mut out = template.replace("{match}", matched.trim());
    for (name, value) in vars {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// An item's text joined with its table cells, with a map back to document offsets.
struct JoinedText {
    text: String,
    own_len: usize,
    /// (start in `text`, start in document, length)
    segments: Vec<(usize, usize, usize)>,
}

impl JoinedText {
    fn of(document: &Document, item: &Item) -> JoinedText {
        let own = document.item_text(item);
        let mut joined = JoinedText {
            text: own.to_string(),
            own_len: own.len(),
            segments: vec![(0, item.span.start, own.len())],
        };
        for cell in &item.cells {
            let Some(cell_text) = document.text.get(cell.span.clone()) else {
                continue;
            };
            joined.text.push_str("; ");
            joined
                .segments
                .push((joined.text.len(), cell.span.start, cell_text.len()));
            joined.text.push_str(cell_text);
        }
        joined
    }

    fn to_document(&self, range: Range<usize>) -> Range<usize> {
        for &(start, doc_start, len) in self.segments.iter().rev() {
            if range.start >= start {
                let s = doc_start + (range.start - start).min(len);
                let e = doc_start + (range.end.saturating_sub(start)).min(len);
                return s..e.max(s);
            }
        }
        let first = self.segments.first().map(|s| s.1).unwrap_or(0);
        first..first
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_trigger_wins_and_guards_cancel_overlaps() {
        let guards = vec![18..30, 40..41];
        let kept = keep_unguarded(&[0..3, 0..15, 20..27], &guards);
        assert_eq!(kept, vec![0..15]);
    }

    #[test]
    fn every_built_in_pattern_compiles() {
        // Built-in patterns are compiled on first use, so this is where a bad one is caught.
        let rules = RuleSet::builtin().unwrap_or_else(|e| panic!("{e:?}"));
        rules.patterns.compile_all().unwrap();
    }

    #[test]
    fn built_in_patterns_find_the_same_in_lower_case() {
        // The pattern set runs most patterns in lower case on a lower-cased copy of the text
        // (patterns::lower_case_form). Check that against each pattern run case-insensitively,
        // as written, on the labelled statements in three spellings.
        let rules = RuleSet::builtin().unwrap_or_else(|e| panic!("{e:?}"));
        let regexes: Vec<regex::Regex> = rules
            .patterns
            .sources()
            .map(|p| {
                regex::RegexBuilder::new(p)
                    .case_insensitive(true)
                    .build()
                    .unwrap()
            })
            .collect();
        let statements = include_str!("../../corpus/statements.tsv");
        let mut checked = 0;
        for line in statements.lines().skip(1).step_by(4) {
            let Some(text) = line.split('\t').nth(3) else {
                continue;
            };
            for text in [text.to_string(), text.to_uppercase(), text.to_lowercase()] {
                let norm = Normalized::new(&text).text;
                let mut expected: Vec<(usize, Range<usize>)> = Vec::new();
                for (p, regex) in regexes.iter().enumerate() {
                    expected.extend(
                        regex
                            .find_iter(&norm)
                            .filter(|m| !m.is_empty())
                            .map(|m| (p, m.range())),
                    );
                }
                let mut found = Vec::new();
                rules
                    .patterns
                    .for_each_match(&norm, |p, range| found.push((p, range)));
                assert_eq!(found, expected, "{norm}");
                checked += expected.len();
            }
        }
        assert!(checked > 300, "only {checked} matches checked");
    }

    #[test]
    fn message_placeholders() {
        assert_eq!(
            fill(
                "'{match}' is {what}",
                " regular ",
                &[("what", "vague".into())]
            ),
            "'regular' is vague"
        );
    }
}
