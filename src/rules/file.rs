//! The rule file format: one YAML file per rule, read strictly.
//!
//! A rule file carries everything a person reads about a rule (message, help, guidance
//! reference, documentation, examples) and, for data rules, everything the engine needs
//! (phrases, patterns, guards). Unknown keys, unknown parts, bad regexes and missing fields are
//! errors that name the file, line and column: a rule that silently matches nothing is worse
//! than no rule.

use std::fmt;

use serde::Deserialize;
use serde_saphyr::{Location, Spanned};

use crate::diagnostic::Severity;
use crate::document::Part;

/// How a rule finds its problems.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RuleKind {
    /// Every unguarded phrase or pattern match is a finding.
    Phrases,
    /// The same as `phrases`; named for files that only use regexes.
    Patterns,
    /// Rust code decides, with the rule's phrases and patterns (if any) as its triggers.
    Code,
    /// Rust code that looks at the whole plan (the golden thread, sections, counts, names).
    Plan,
    /// Findings about inline suppression comments, made by `src/suppress.rs` after the other
    /// rules have run.
    Suppression,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Guard {
    #[serde(default)]
    pub phrases: Vec<String>,
    #[serde(default)]
    pub patterns: Vec<Spanned<String>>,
}

impl Guard {
    pub fn is_empty(&self) -> bool {
        self.phrases.is_empty() && self.patterns.is_empty()
    }
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Reference {
    /// "SEND Code of Practice 2015", or a case citation.
    pub source: String,
    #[serde(default)]
    pub paragraph: Option<String>,
}

impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.paragraph {
            Some(p) => write!(f, "{}, {}", self.source, p),
            None => f.write_str(&self.source),
        }
    }
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RuleDocText {
    pub what: String,
    pub why: String,
    pub fix: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Example {
    #[serde(default)]
    pub bad: Option<String>,
    #[serde(default)]
    pub good: Option<String>,
    /// For a bad example: exactly the words the rule must flag, in order.
    #[serde(default)]
    pub flags: Vec<String>,
    /// Context some rules need (timeframe-mismatch).
    #[serde(default)]
    pub year_group: Option<u8>,
    /// The plan's date, YYYY-MM-DD (past-deadline).
    #[serde(default)]
    pub plan_date: Option<String>,
}

/// A rule file as written.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RuleFile {
    pub id: Spanned<String>,
    pub summary: String,
    pub parts: Vec<Part>,
    pub severity: Severity,
    pub kind: RuleKind,
    /// May use `{match}` for the flagged words, and names a code rule supplies.
    pub message: String,
    #[serde(default)]
    pub phrases: Vec<String>,
    #[serde(default)]
    pub patterns: Vec<Spanned<String>>,
    /// Guards that cancel a match they overlap ("regular class" cancels "regular").
    #[serde(default)]
    pub unless: Guard,
    /// Guards that cancel every match of the rule in a statement that contains them.
    #[serde(default)]
    pub unless_statement: Guard,
    /// Rules that take over: on an item where one of them fires, this rule is dropped.
    #[serde(default)]
    pub defers_to: Vec<Spanned<String>>,
    pub help: String,
    pub reference: Reference,
    /// Further authorities (case law, local guidance) shown by `explain`.
    #[serde(default)]
    pub see_also: Vec<String>,
    pub doc: RuleDocText,
    #[serde(default)]
    pub examples: Vec<Example>,
}

/// A problem in a rule or config file, with its place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileError {
    pub path: String,
    pub line: u64,
    pub column: u64,
    pub message: String,
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(
                f,
                "{}:{}:{}: {}",
                self.path, self.line, self.column, self.message
            )
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

impl FileError {
    pub fn at(path: &str, location: Option<&Location>, message: impl Into<String>) -> FileError {
        FileError {
            path: path.to_string(),
            line: location.map(|l| l.line()).unwrap_or(0),
            column: location.map(|l| l.column()).unwrap_or(0),
            message: message.into(),
        }
    }
}

/// Limits on YAML input that keep a hostile file from exhausting memory.
pub fn yaml_options() -> serde_saphyr::Options {
    serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_depth: 64,
            max_aliases: 1000,
            max_anchors: 1000,
            max_nodes: 200_000,
            max_total_scalar_bytes: 8 * 1024 * 1024,
        },
    }
}

/// Reads a YAML file into `T`, turning errors into a [`FileError`] with line and column.
pub fn parse_yaml<T: serde::de::DeserializeOwned>(path: &str, text: &str) -> Result<T, FileError> {
    parse_yaml_with(path, text, yaml_options())
}

/// [`parse_yaml`] with the parser's options (its budget) given.
pub fn parse_yaml_with<T: serde::de::DeserializeOwned>(
    path: &str,
    text: &str,
    options: serde_saphyr::Options,
) -> Result<T, FileError> {
    serde_saphyr::from_str_with_options::<T>(text, options).map_err(|e| {
        let location = e.location();
        let message = first_line(&e.to_string());
        FileError::at(path, location.as_ref(), message)
    })
}

fn first_line(message: &str) -> String {
    // serde-saphyr renders a snippet after the message; we print our own place, so keep the
    // sentence and drop its own "at line" suffix.
    let line = message.lines().next().unwrap_or(message).trim();
    match line.find(" at line ") {
        Some(i) => line[..i].to_string(),
        None => line.to_string(),
    }
}

pub fn is_kebab_case(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}
