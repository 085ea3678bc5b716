//! Structured YAML plans: the format for plan template repositories.
//!
//! A template repository keeps its plans as data, so a plan can say outright what the text
//! reader has to guess from layout: which items are aspirations, needs, outcomes, steps and
//! provision, their ids, their areas of need, the timeframe they run to, who delivers each
//! provision and how often, and which ids each item links to. The format is described for
//! authors in `schema/plan.schema.json` and the README ("Structured YAML plans").
//!
//! The reader builds the same [`Document`] as the text reader, with the YAML file's own text as
//! `Document::text`, so every finding points at the line and column of the YAML file. Each
//! item's span is the bytes of its scalar: for a plain or folded scalar that reads as the
//! statement (line breaks and indentation count as spaces for the rules); for a quoted scalar
//! the span is inside the quotes. Where a scalar's source differs from its value (escapes such
//! as `\"` or `''` in quoted scalars) the rules see the source as written: plain scalars and
//! `>-` blocks avoid that. Like every reader it records structure only and never judges the
//! text; a file that is not valid YAML, or has a key the format does not have, is an
//! [`InputError`] that names the line and column.

use std::borrow::Cow;

use serde::{Deserialize, Deserializer};
use serde_saphyr::{Location, Spanned};

use super::text::{is_blank_cell, normalise_id, number_items};
use super::InputError;
use crate::document::{
    Cell, CellRole, Document, DocumentKind, InheritedTimeframe, Item, ItemKind, Link, Metadata,
    PlanDate, PlanStatus, Section, Span,
};
use crate::language::timeframe::{find_timeframes, Context};
use crate::limits::{Limit, Limits};

/// The key that makes a YAML file a plan, and the format version this reader reads.
pub const MARKER_KEY: &str = "outcome-lint-plan";
pub const FORMAT_VERSION: u32 = 1;

/// True when a YAML text declares itself an outcome-lint plan: a top-level line
/// `outcome-lint-plan: …`. Rule files and other YAML files do not have it, so a folder walk
/// can tell plans from them without parsing.
pub fn is_yaml_plan(text: &str) -> bool {
    text.lines().any(|line| {
        let line = line.strip_prefix(['"', '\'']).unwrap_or(line);
        line.strip_prefix(MARKER_KEY).is_some_and(|rest| {
            rest.trim_start_matches(['"', '\'', ' ', '\t'])
                .starts_with(':')
        })
    })
}

/// A key that may be written with nothing after it (`needs:` in a template): present, empty.
type Written<T> = Option<Spanned<Option<T>>>;

fn written<'de, D, T>(deserializer: D) -> Result<Written<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Spanned::<Option<T>>::deserialize(deserializer).map(Some)
}

/// A list that may be written with nothing after it (`steps:`): empty.
fn list<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<Vec<T>>::deserialize(deserializer).map(Option::unwrap_or_default)
}

#[derive(Clone, Copy, Debug, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum KindName {
    EhcPlan,
    ComRecord,
}

#[derive(Clone, Copy, Debug, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum StatusName {
    Draft,
    Final,
}

/// A plan file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct PlanFile {
    outcome_lint_plan: Spanned<u32>,
    kind: Spanned<KindName>,
    #[serde(default)]
    status: Option<Spanned<StatusName>>,
    #[serde(default)]
    plan_date: Option<Spanned<String>>,
    #[serde(default)]
    child: Option<Child>,
    #[serde(default)]
    timeframes: Option<Timeframes>,
    #[serde(default, deserialize_with = "written")]
    aspirations: Written<Vec<AspirationEntry>>,
    #[serde(default, deserialize_with = "written")]
    needs: Written<Vec<NeedEntry>>,
    #[serde(default, deserialize_with = "written")]
    outcomes: Written<Vec<OutcomeEntry>>,
    #[serde(default, deserialize_with = "written")]
    provision: Written<Vec<ProvisionEntry>>,
    #[serde(default)]
    sections: Option<Sections>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Child {
    #[serde(default)]
    name: Option<Spanned<String>>,
    #[serde(default)]
    preferred_name: Option<Spanned<String>>,
    #[serde(default)]
    year_group: Option<Spanned<u8>>,
}

/// Timeframes stated once for every outcome and every step, as a heading would.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Timeframes {
    #[serde(default)]
    outcomes: Option<Spanned<String>>,
    #[serde(default)]
    steps: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct AspirationEntry {
    #[serde(default)]
    id: Option<Spanned<String>>,
    text: Spanned<Option<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct NeedEntry {
    #[serde(default)]
    id: Option<Spanned<String>>,
    #[serde(default)]
    area: Option<Spanned<String>>,
    text: Spanned<Option<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct OutcomeEntry {
    #[serde(default)]
    id: Option<Spanned<String>>,
    #[serde(default)]
    area: Option<Spanned<String>>,
    text: Spanned<Option<String>>,
    #[serde(default)]
    timeframe: Option<Spanned<String>>,
    #[serde(default)]
    steps_timeframe: Option<Spanned<String>>,
    #[serde(default, deserialize_with = "list")]
    aspirations: Vec<Spanned<String>>,
    #[serde(default, deserialize_with = "list")]
    needs: Vec<Spanned<String>>,
    #[serde(default, deserialize_with = "list")]
    steps: Vec<Spanned<Option<String>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ProvisionEntry {
    #[serde(default)]
    id: Option<Spanned<String>>,
    #[serde(default)]
    area: Option<Spanned<String>>,
    text: Spanned<Option<String>>,
    #[serde(default)]
    who: Option<Spanned<String>>,
    #[serde(default)]
    how_often: Option<Spanned<String>>,
    #[serde(default)]
    frequency: Option<Spanned<String>>,
    #[serde(default)]
    duration: Option<Spanned<String>>,
    #[serde(default)]
    group_size: Option<Spanned<String>>,
    #[serde(default, deserialize_with = "list")]
    outcomes: Vec<Spanned<String>>,
    #[serde(default, deserialize_with = "list")]
    needs: Vec<Spanned<String>>,
}

/// The free text of the other lettered sections (and of A, B, E and F beyond their items). A
/// letter written here counts as a section the plan has, even with nothing after it.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Sections {
    #[serde(rename = "A", default, deserialize_with = "written")]
    a: Written<String>,
    #[serde(rename = "B", default, deserialize_with = "written")]
    b: Written<String>,
    #[serde(rename = "C", default, deserialize_with = "written")]
    c: Written<String>,
    #[serde(rename = "D", default, deserialize_with = "written")]
    d: Written<String>,
    #[serde(rename = "E", default, deserialize_with = "written")]
    e: Written<String>,
    #[serde(rename = "F", default, deserialize_with = "written")]
    f: Written<String>,
    #[serde(rename = "G", default, deserialize_with = "written")]
    g: Written<String>,
    #[serde(rename = "H", default, deserialize_with = "written")]
    h: Written<String>,
    #[serde(rename = "H1", default, deserialize_with = "written")]
    h1: Written<String>,
    #[serde(rename = "H2", default, deserialize_with = "written")]
    h2: Written<String>,
    #[serde(rename = "I", default, deserialize_with = "written")]
    i: Written<String>,
    #[serde(rename = "J", default, deserialize_with = "written")]
    j: Written<String>,
    #[serde(rename = "K", default, deserialize_with = "written")]
    k: Written<String>,
}

impl Sections {
    fn letters(&self) -> [(&'static str, &Written<String>); 13] {
        [
            ("A", &self.a),
            ("B", &self.b),
            ("C", &self.c),
            ("D", &self.d),
            ("E", &self.e),
            ("F", &self.f),
            ("G", &self.g),
            ("H", &self.h),
            ("H1", &self.h1),
            ("H2", &self.h2),
            ("I", &self.i),
            ("J", &self.j),
            ("K", &self.k),
        ]
    }
}

/// Reads a YAML plan within the default limits. `path` is used in error messages only.
pub fn read_yaml_plan(path: &str, text: String) -> Result<Document, InputError> {
    read_yaml_plan_within(path, text, &Limits::default())
}

/// Reads a YAML plan with its nesting and aliases within `limits`.
pub fn read_yaml_plan_within(
    path: &str,
    text: String,
    limits: &Limits,
) -> Result<Document, InputError> {
    if !is_yaml_plan(&text) {
        return Err(InputError {
            path: path.to_string(),
            message: format!(
                "this YAML file is not an outcome-lint plan: a plan has the line '{MARKER_KEY}: {FORMAT_VERSION}' at the top (rule files and other YAML files are not plans)"
            ),
        });
    }
    let file: PlanFile = crate::rules::file::parse_yaml_with(path, &text, limits.yaml_options())
        .map_err(|e| InputError {
            path: path.to_string(),
            message: if e.line > 0 {
                format!(
                    "line {}, column {}: {}",
                    e.line,
                    e.column,
                    parser_sentence(&e.message, limits)
                )
            } else {
                parser_sentence(&e.message, limits).into_owned()
            },
        })?;
    Builder {
        path,
        text: &text,
        items: Vec::new(),
        sections: Vec::new(),
    }
    .build(file)
    .map(|(metadata, sections, items)| Document {
        text,
        metadata,
        sections,
        items,
        repeated: Vec::new(),
    })
}

struct Builder<'t> {
    path: &'t str,
    text: &'t str,
    items: Vec<Item>,
    sections: Vec<Section>,
}

type Built = (Metadata, Vec<Section>, Vec<Item>);

impl Builder<'_> {
    fn build(mut self, file: PlanFile) -> Result<Built, InputError> {
        let metadata = self.metadata(&file)?;
        // A COM record has no lettered sections: its items sit under area headings only.
        let lettered = metadata.kind == DocumentKind::EhcPlan;
        let letter = |l: &str| lettered.then(|| l.to_string());
        let (outcome_default, step_default) = match &file.timeframes {
            Some(t) => (
                t.outcomes.as_ref().and_then(|s| self.timeframe(s)),
                t.steps.as_ref().and_then(|s| self.timeframe(s)),
            ),
            None => (None, None),
        };

        if let Some(list) = &file.aspirations {
            let start = self.items.len();
            for entry in list.value.iter().flatten() {
                self.push(
                    ItemKind::Aspiration,
                    &entry.text,
                    &entry.id,
                    &None,
                    letter("A"),
                );
            }
            self.list_section(lettered, "A", "aspirations", list, start);
        }
        if let Some(list) = &file.needs {
            let start = self.items.len();
            for entry in list.value.iter().flatten() {
                self.push(
                    ItemKind::Need,
                    &entry.text,
                    &entry.id,
                    &entry.area,
                    letter("B"),
                );
            }
            self.list_section(lettered, "B", "needs", list, start);
        }
        if let Some(list) = &file.outcomes {
            let start = self.items.len();
            for entry in list.value.iter().flatten() {
                let own = entry
                    .timeframe
                    .as_ref()
                    .and_then(|s| self.timeframe(s))
                    .or_else(|| outcome_default.clone());
                let steps = entry
                    .steps_timeframe
                    .as_ref()
                    .and_then(|s| self.timeframe(s))
                    .or_else(|| step_default.clone())
                    .or_else(|| own.clone());
                if let Some(index) = self.push(
                    ItemKind::Outcome,
                    &entry.text,
                    &entry.id,
                    &entry.area,
                    letter("E"),
                ) {
                    let links = self.links(&entry.aspirations, &entry.needs);
                    let item = &mut self.items[index];
                    item.timeframe = own;
                    item.links = links;
                }
                for step in &entry.steps {
                    if let Some(index) =
                        self.push(ItemKind::Step, step, &None, &entry.area, letter("E"))
                    {
                        self.items[index].timeframe = steps.clone();
                    }
                }
            }
            self.list_section(lettered, "E", "outcomes", list, start);
        }
        if let Some(list) = &file.provision {
            let start = self.items.len();
            for entry in list.value.iter().flatten() {
                let Some(index) = self.push(
                    ItemKind::Provision,
                    &entry.text,
                    &entry.id,
                    &entry.area,
                    letter("F"),
                ) else {
                    continue;
                };
                let mut cells: Vec<Cell> = [
                    ("who", CellRole::Provider, &entry.who),
                    ("how-often", CellRole::Amount, &entry.how_often),
                    ("frequency", CellRole::Amount, &entry.frequency),
                    ("duration", CellRole::Amount, &entry.duration),
                    ("group-size", CellRole::Amount, &entry.group_size),
                ]
                .into_iter()
                .filter_map(|(header, role, value)| {
                    let value = value.as_ref()?;
                    if is_blank_cell(&value.value) {
                        // A blank or '-' cell says nothing, as in a table.
                        return None;
                    }
                    Some(Cell {
                        role,
                        header: header.to_string(),
                        span: self.scalar_span(&value.referenced),
                    })
                })
                .collect();
                // In the order the author wrote them, as a table's columns would be.
                cells.sort_by_key(|c| c.span.start);
                let links = self.links(&entry.outcomes, &entry.needs);
                let item = &mut self.items[index];
                item.cells = cells;
                item.links = links;
            }
            self.list_section(lettered, "F", "provision", list, start);
        }
        if let Some(sections) = &file.sections {
            for (letter, body) in sections.letters() {
                let Some(body) = body else { continue };
                let value_start = self.offset(&body.referenced);
                let value_end = match &body.value {
                    Some(_) => self.scalar_span(&body.referenced).end,
                    None => value_start,
                };
                let heading = self
                    .key_span(letter, value_start)
                    .unwrap_or(value_start..value_start);
                self.sections.push(Section {
                    letter: letter.to_string(),
                    span: heading.start..value_end.max(heading.end),
                    heading,
                });
            }
        }

        let Builder {
            mut items,
            mut sections,
            ..
        } = self;
        // In file order, whatever order the author gave the lists in; one section per letter.
        items.sort_by_key(|i| i.span.start);
        number_items(&mut items);
        sections.sort_by_key(|s| s.heading.start);
        let mut seen = std::collections::HashSet::new();
        sections.retain(|s| seen.insert(s.letter.clone()));
        Ok((metadata, sections, items))
    }

    fn metadata(&self, file: &PlanFile) -> Result<Metadata, InputError> {
        let version = &file.outcome_lint_plan;
        if version.value != FORMAT_VERSION {
            return Err(self.error(
                &version.referenced,
                format!(
                    "this plan is written in version {} of the YAML plan format; this outcome-lint reads version {FORMAT_VERSION}",
                    version.value
                ),
            ));
        }
        let mut metadata = Metadata {
            kind: match file.kind.value {
                KindName::EhcPlan => DocumentKind::EhcPlan,
                KindName::ComRecord => DocumentKind::ComRecord,
            },
            status: match file.status.as_ref().map(|s| s.value) {
                Some(StatusName::Draft) => PlanStatus::Draft,
                Some(StatusName::Final) => PlanStatus::Final,
                None => PlanStatus::Unknown,
            },
            ..Metadata::default()
        };
        let mut header: Vec<Span> = vec![self.scalar_span(&file.kind.referenced)];
        if let Some(status) = &file.status {
            header.push(self.scalar_span(&status.referenced));
        }
        if let Some(date) = &file.plan_date {
            metadata.plan_date = Some(PlanDate::parse(&date.value).ok_or_else(|| {
                self.error(
                    &date.referenced,
                    format!(
                        "'{}' is not a date: write the plan date as YYYY-MM-DD",
                        date.value
                    ),
                )
            })?);
            header.push(self.scalar_span(&date.referenced));
        }
        if let Some(child) = &file.child {
            if let Some(name) = &child.name {
                metadata.child_name = non_blank(&name.value);
                header.push(self.scalar_span(&name.referenced));
            }
            if let Some(name) = &child.preferred_name {
                metadata.preferred_name = non_blank(&name.value);
                header.push(self.scalar_span(&name.referenced));
            }
            if let Some(year) = &child.year_group {
                if year.value > 14 {
                    return Err(self.error(
                        &year.referenced,
                        format!(
                            "year group {} is not a school year: use 0 for Reception and 1 to 14 for Year 1 to Year 14",
                            year.value
                        ),
                    ));
                }
                metadata.year_group = Some(year.value);
                header.push(self.scalar_span(&year.referenced));
            }
        }
        metadata.header_span = header
            .iter()
            .map(|s| s.start)
            .min()
            .zip(header.iter().map(|s| s.end).max())
            .map(|(start, end)| start..end);
        Ok(metadata)
    }

    /// Adds an item for a statement scalar; a blank statement (a template's empty slot) is no
    /// item.
    fn push(
        &mut self,
        kind: ItemKind,
        text: &Spanned<Option<String>>,
        id: &Option<Spanned<String>>,
        area: &Option<Spanned<String>>,
        section: Option<String>,
    ) -> Option<usize> {
        let value = text.value.as_deref()?;
        if value.trim().is_empty() {
            return None;
        }
        let span = self.scalar_span(&text.referenced);
        if span.is_empty() {
            return None;
        }
        let mut item = Item::new(kind, span);
        item.id = id
            .as_ref()
            .and_then(|i| non_blank(&i.value))
            .map(|i| normalise_id(&i));
        item.area = area.as_ref().and_then(|a| non_blank(&a.value));
        item.section = section;
        self.items.push(item);
        Some(self.items.len() - 1)
    }

    /// The ids an item names, as stated links pointing at the ids in the YAML.
    fn links(&self, first: &[Spanned<String>], second: &[Spanned<String>]) -> Vec<Link> {
        first
            .iter()
            .chain(second)
            .filter(|id| !id.value.trim().is_empty())
            .map(|id| Link {
                target: normalise_id(&id.value),
                span: self.scalar_span(&id.referenced),
                inferred: false,
            })
            .collect()
    }

    /// Records the section a list stands for (A, B, E, F), from its key to its last item.
    fn list_section<T>(
        &mut self,
        lettered: bool,
        letter: &str,
        key: &str,
        list: &Spanned<Option<Vec<T>>>,
        first_item: usize,
    ) {
        if !lettered {
            return;
        }
        let value_start = self.offset(&list.referenced);
        let heading = self
            .key_span(key, value_start)
            .unwrap_or(value_start..value_start);
        let end = self.items[first_item..]
            .iter()
            .flat_map(|i| {
                std::iter::once(i.span.end)
                    .chain(i.cells.iter().map(|c| c.span.end))
                    .chain(i.links.iter().map(|l| l.span.end))
            })
            .max()
            .unwrap_or(heading.end)
            .max(heading.end);
        self.sections.push(Section {
            letter: letter.to_string(),
            span: heading.start..end,
            heading,
        });
    }

    /// A timeframe written as a value (`timeframe: by the end of Key Stage 2`), read as a
    /// heading's timeframe is. A value that states no timeframe gives none, so the outcomes
    /// under it are judged on their own words.
    fn timeframe(&self, value: &Spanned<String>) -> Option<InheritedTimeframe> {
        let span = self.scalar_span(&value.referenced);
        let source = self.text.get(span.clone())?;
        let timeframe = find_timeframes(source, Context::Heading)
            .into_iter()
            .next()?;
        Some(InheritedTimeframe {
            span: span.start + timeframe.span.start..span.start + timeframe.span.end,
            timeframe,
        })
    }

    /// The byte offset where the parser saw a value start.
    fn offset(&self, location: &Location) -> usize {
        let offset = location
            .span()
            .byte_offset()
            .map(|o| o as usize)
            .unwrap_or_else(|| offset_of(self.text, location.line(), location.column()));
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }

    /// The bytes of a scalar in the file: inside the quotes of a quoted scalar, without the
    /// line break and indentation that end a block scalar.
    fn scalar_span(&self, location: &Location) -> Span {
        let start = self.offset(location);
        let len = location.span().byte_len().unwrap_or(0) as usize;
        let mut end = (start + len).min(self.text.len());
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let raw = &self.text[start..end];
        let quoted = raw.len() >= 2
            && ((raw.starts_with('"') && raw.ends_with('"'))
                || (raw.starts_with('\'') && raw.ends_with('\'')));
        let (start, end) = if quoted {
            (start + 1, end - 1)
        } else {
            (start, end)
        };
        let inner = &self.text[start..end];
        let lead = inner.len() - inner.trim_start().len();
        let start = start + lead;
        start..(start + inner.trim().len())
    }

    /// Where `key` is written before the value that starts at `value_start`: the nearest
    /// `key:` (the key perhaps quoted) before it, not counting words in comments.
    fn key_span(&self, key: &str, value_start: usize) -> Option<Span> {
        let before = &self.text[..value_start];
        let mut search_end = before.len();
        while let Some(at) = before[..search_end].rfind(key) {
            let left_ok = before[..at]
                .chars()
                .next_back()
                .is_none_or(|c| c.is_whitespace() || matches!(c, '{' | ',' | '"' | '\''));
            let after = &self.text[at + key.len()..];
            let after = after.strip_prefix(['"', '\'']).unwrap_or(after);
            if left_ok && after.trim_start_matches([' ', '\t']).starts_with(':') {
                return Some(at..at + key.len());
            }
            search_end = at;
        }
        None
    }

    fn error(&self, location: &Location, message: String) -> InputError {
        InputError {
            path: self.path.to_string(),
            message: format!(
                "line {}, column {}: {message}",
                location.line(),
                location.column()
            ),
        }
    }
}

/// The parser's own words without the "error: line 5 column 5:" it puts before them (the
/// message gives the place itself).
fn parser_sentence<'m>(message: &'m str, limits: &Limits) -> Cow<'m, str> {
    let message = message.trim();
    let message = message
        .strip_prefix("error:")
        .unwrap_or(message)
        .trim_start();
    let message = match message.strip_prefix("line ") {
        Some(rest) => match rest.find(": ") {
            Some(i)
                if rest[..i]
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == ' ' || c.is_ascii_alphabetic()) =>
            {
                &rest[i + 2..]
            }
            _ => message,
        },
        None => message,
    };
    let limit = if message.starts_with("budget breached: Depth") {
        Some(Limit::YamlDepth)
    } else if message.starts_with("budget breached: Aliases") || message.starts_with("alias ") {
        Some(Limit::YamlAliases)
    } else {
        None
    };
    if let Some(limit) = limit {
        let what = if limit == Limit::YamlDepth {
            format!(
                "nests lists and mappings more than {} deep",
                limits.max_yaml_depth
            )
        } else {
            format!(
                "uses more than {} YAML aliases (*name), or aliases that repeat too much",
                limits.max_yaml_aliases
            )
        };
        return Cow::Owned(format!(
            "this file {what}, far more than any plan needs, so it was not read (if it really is a plan, {})",
            limit.how_to_raise(limits)
        ));
    }
    if message.starts_with("budget breached") {
        return Cow::Owned(format!(
            "this file has more YAML aliases, nesting or text than any plan needs, so it was not read ({message})"
        ));
    }
    Cow::Borrowed(message)
}

fn non_blank(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_string())
}

/// The byte offset of a 1-based line and column (counted in characters).
fn offset_of(text: &str, line: u64, column: u64) -> usize {
    let mut offset = 0;
    for (n, l) in text.split_inclusive('\n').enumerate() {
        if n as u64 + 1 == line {
            return offset
                + l.char_indices()
                    .nth(column.saturating_sub(1) as usize)
                    .map(|(i, _)| i)
                    .unwrap_or(l.len());
        }
        offset += l.len();
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLAN: &str = "# A plan\noutcome-lint-plan: 1\nkind: ehc-plan\nstatus: draft\nplan-date: 2026-10-12\nchild:\n  name: Zainab Okoro\n  preferred-name: Zee\n  year-group: 4\ntimeframes:\n  outcomes: by the end of Key Stage 2\n  steps: by the next annual review\naspirations:\n  - id: A1\n    text: \"I want to be a nurse: like my aunt.\"\nneeds:\n  - id: b1\n    area: Communication and interaction\n    text: >-\n      Zee finds it hard to\n      follow instructions.\noutcomes:\n  - id: E1\n    area: Communication and interaction\n    text: Zee will follow a two-part instruction in 4 of 5 lessons.\n    timeframe: by July 2027\n    aspirations: [A1]\n    needs: [B1]\n    steps:\n      - Zee will point to the right picture card.\n      - \n  - id: E2\n    text: Zee will read 50 words on sight.\n    steps-timeframe: by Christmas 2026\n    steps: [Zee will read 20 words on sight.]\n  - id: E3\n    text:\nprovision:\n  - id: F1\n    text: Visual prompt cards in every lesson\n    who: Class teacher (£ none)\n    how-often: '-'\n    duration: 5 minutes\n    outcomes: [E1, \"e2\"]\n    needs: [B1]\nsections:\n  C: None.\n  I:\n";

    fn read(text: &str) -> Document {
        read_yaml_plan("plan.yaml", text.to_string()).unwrap_or_else(|e| panic!("{e}"))
    }

    fn texts(d: &Document, kind: ItemKind) -> Vec<&str> {
        d.items
            .iter()
            .filter(|i| i.kind == kind)
            .map(|i| d.item_text(i))
            .collect()
    }

    #[test]
    fn metadata_and_sections() {
        let d = read(PLAN);
        let m = &d.metadata;
        assert_eq!(m.kind, DocumentKind::EhcPlan);
        assert_eq!(m.status, PlanStatus::Draft);
        assert_eq!(m.child_name.as_deref(), Some("Zainab Okoro"));
        assert_eq!(m.preferred_name.as_deref(), Some("Zee"));
        assert_eq!(m.year_group, Some(4));
        assert_eq!(m.plan_date, PlanDate::parse("2026-10-12"));
        let letters: Vec<&str> = d.sections.iter().map(|s| s.letter.as_str()).collect();
        assert_eq!(letters, ["A", "B", "E", "F", "C", "I"]);
        let heading = |l: &str| &d.text[d.section(l).unwrap().heading.clone()];
        assert_eq!(heading("A"), "aspirations");
        assert_eq!(heading("F"), "provision");
        assert_eq!(
            heading("I"),
            "I",
            "a letter with nothing after it is still a section"
        );
        let c = d.section("C").unwrap();
        assert_eq!(&d.text[c.span.clone()], "C: None.");
    }

    #[test]
    fn items_point_at_their_scalars() {
        let d = read(PLAN);
        assert_eq!(
            texts(&d, ItemKind::Aspiration),
            ["I want to be a nurse: like my aunt."],
            "inside the quotes"
        );
        assert_eq!(
            texts(&d, ItemKind::Need),
            ["Zee finds it hard to\n      follow instructions."],
            "a folded scalar's lines, without its indicator or the line break after it"
        );
        assert_eq!(
            texts(&d, ItemKind::Outcome),
            [
                "Zee will follow a two-part instruction in 4 of 5 lessons.",
                "Zee will read 50 words on sight."
            ],
            "E3 has no text: a template's empty slot"
        );
        assert_eq!(
            texts(&d, ItemKind::Step),
            [
                "Zee will point to the right picture card.",
                "Zee will read 20 words on sight."
            ]
        );
        let need = d.items.iter().find(|i| i.kind == ItemKind::Need).unwrap();
        assert_eq!(need.id.as_deref(), Some("B1"), "ids are normalised");
        assert_eq!(need.area.as_deref(), Some("Communication and interaction"));
        assert_eq!(need.section.as_deref(), Some("B"));
        let step = d.items.iter().find(|i| i.kind == ItemKind::Step).unwrap();
        assert_eq!(step.area.as_deref(), Some("Communication and interaction"));
        assert_eq!(step.location(), "Section E, step 1");
    }

    #[test]
    fn timeframes_are_inherited_nearest_first() {
        let d = read(PLAN);
        let tf = |kind: ItemKind, n: usize| {
            let item = d.items.iter().filter(|i| i.kind == kind).nth(n).unwrap();
            d.text[item.timeframe.as_ref().unwrap().span.clone()].to_string()
        };
        assert_eq!(tf(ItemKind::Outcome, 0), "by July 2027");
        assert_eq!(tf(ItemKind::Outcome, 1), "by the end of Key Stage 2");
        assert_eq!(tf(ItemKind::Step, 0), "by the next annual review");
        assert_eq!(tf(ItemKind::Step, 1), "by Christmas 2026");
    }

    #[test]
    fn provision_cells_and_links() {
        let d = read(PLAN);
        let f1 = d
            .items
            .iter()
            .find(|i| i.kind == ItemKind::Provision)
            .unwrap();
        let cells: Vec<(CellRole, &str, &str)> = f1
            .cells
            .iter()
            .map(|c| (c.role, c.header.as_str(), &d.text[c.span.clone()]))
            .collect();
        assert_eq!(
            cells,
            [
                (CellRole::Provider, "who", "Class teacher (£ none)"),
                (CellRole::Amount, "duration", "5 minutes"),
            ],
            "a '-' cell says nothing"
        );
        let links: Vec<(&str, &str, bool)> = f1
            .links
            .iter()
            .map(|l| (l.target.as_str(), &d.text[l.span.clone()], l.inferred))
            .collect();
        assert_eq!(
            links,
            [
                ("E1", "E1", false),
                ("E2", "e2", false),
                ("B1", "B1", false)
            ]
        );
        let e1 = d
            .items
            .iter()
            .find(|i| i.kind == ItemKind::Outcome)
            .unwrap();
        let targets: Vec<&str> = e1.links.iter().map(|l| l.target.as_str()).collect();
        assert_eq!(targets, ["A1", "B1"]);
    }

    #[test]
    fn a_com_record_has_no_lettered_sections() {
        let d = read("outcome-lint-plan: 1\nkind: com-record\nneeds:\n  - text: Leo finds it hard to join in.\n");
        assert_eq!(d.metadata.kind, DocumentKind::ComRecord);
        assert!(d.sections.is_empty());
        assert_eq!(d.items[0].section, None);
        assert_eq!(d.items[0].location(), "need 1");
    }

    #[test]
    fn a_written_key_with_nothing_after_it_is_a_section() {
        let d =
            read("outcome-lint-plan: 1\nkind: ehc-plan\nneeds:\n  # B1 to come\noutcomes: []\n");
        let letters: Vec<&str> = d.sections.iter().map(|s| s.letter.as_str()).collect();
        assert_eq!(letters, ["B", "E"]);
        assert!(d.items.is_empty());
    }

    #[test]
    fn recognises_plans_by_their_marker() {
        assert!(is_yaml_plan("# plan\noutcome-lint-plan: 1\n"));
        assert!(is_yaml_plan("\"outcome-lint-plan\" : 1\n"));
        assert!(!is_yaml_plan(
            "id: no-timeframe\nsummary: outcome-lint-plan: 1\n"
        ));
        assert!(
            !is_yaml_plan("  outcome-lint-plan: 1\n"),
            "not a top-level key"
        );
    }

    fn error(text: &str) -> String {
        read_yaml_plan("plan.yaml", text.to_string())
            .map(|_| ())
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn malformed_plans_name_the_line_and_column() {
        let head = "outcome-lint-plan: 1\nkind: ehc-plan\n";
        let e = error(&format!("{head}needs:\n  - id: B1\n    txt: hi\n"));
        assert!(
            e.starts_with("plan.yaml: line 5, column 5: unknown field `txt`"),
            "{e}"
        );
        let e = error(&format!("{head}needs: [\n"));
        assert!(e.starts_with("plan.yaml: line 3, column 8: "), "{e}");
        let e = error(&format!("{head}child:\n  year-group: 15\n"));
        assert!(e.contains("line 4, column 15: year group 15"), "{e}");
        let e = error(&format!("{head}plan-date: next June\n"));
        assert!(
            e.contains("line 3, column 12: 'next June' is not a date"),
            "{e}"
        );
        let e = error("outcome-lint-plan: 2\nkind: ehc-plan\n");
        assert!(
            e.contains("line 1, column 20: this plan is written in version 2"),
            "{e}"
        );
        let e = error("outcome-lint-plan: 1\nkind: plan\n");
        assert!(
            e.contains("line 2, column 7: unknown variant `plan`"),
            "{e}"
        );
        let e = error("outcome-lint-plan: 1\n");
        assert!(e.contains("missing field `kind`"), "{e}");
        let e = error("id: no-timeframe\nsummary: a rule file\n");
        assert!(e.contains("not an outcome-lint plan"), "{e}");
    }

    #[test]
    fn alias_floods_and_deep_nesting_are_refused() {
        // Within the format's own shape: one anchored step repeated past the alias budget.
        let mut flood = String::from(
            "outcome-lint-plan: 1\nkind: ehc-plan\noutcomes:\n  - text: &s Zee will swim.\n    steps: [",
        );
        flood.push_str(&vec!["*s"; 1500].join(", "));
        flood.push_str("]\n");
        let e = read_yaml_plan("flood.yaml", flood).map(|_| ()).unwrap_err();
        assert!(e.message.contains("line 5"), "{e}");
        assert!(e.message.contains("more than 1000 YAML aliases"), "{e}");
        let deep = format!(
            "outcome-lint-plan: 1\nkind: ehc-plan\nsections: {}{}\n",
            "[".repeat(500),
            "]".repeat(500)
        );
        let e = read_yaml_plan("deep.yaml", deep).map(|_| ()).unwrap_err();
        assert!(e.message.contains("line 3"), "{e}");
    }
}
