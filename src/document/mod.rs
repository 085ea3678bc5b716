//! The plan model: what every reader produces and every rule reads.
//!
//! A [`Document`] holds the text the diagnostics are shown against, the plan's metadata, its
//! lettered sections and its items (aspirations, needs, outcomes, steps, provision). Readers in
//! `input/` build it; rules in `rules/` only read it. Nothing here judges the text.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::language::timeframe::Timeframe;

pub mod thread;

/// A byte range into [`Document::text`].
pub type Span = Range<usize>;

/// The part of a plan a statement belongs to. Rules say which parts they apply to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Part {
    Aspiration,
    Need,
    Outcome,
    Provision,
}

impl Part {
    pub const ALL: [Part; 4] = [Part::Aspiration, Part::Need, Part::Outcome, Part::Provision];

    pub fn name(self) -> &'static str {
        match self {
            Part::Aspiration => "aspiration",
            Part::Need => "need",
            Part::Outcome => "outcome",
            Part::Provision => "provision",
        }
    }

    pub fn from_name(name: &str) -> Option<Part> {
        Part::ALL.into_iter().find(|p| p.name() == name)
    }
}

/// What an item is. A step is a short-term target under an outcome: rules treat it as an
/// outcome, plan counts do not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ItemKind {
    Aspiration,
    Need,
    Outcome,
    Step,
    Provision,
}

impl ItemKind {
    pub fn part(self) -> Part {
        match self {
            ItemKind::Aspiration => Part::Aspiration,
            ItemKind::Need => Part::Need,
            ItemKind::Outcome | ItemKind::Step => Part::Outcome,
            ItemKind::Provision => Part::Provision,
        }
    }

    pub fn noun(self) -> &'static str {
        match self {
            ItemKind::Aspiration => "aspiration",
            ItemKind::Need => "need",
            ItemKind::Outcome => "outcome",
            ItemKind::Step => "step",
            ItemKind::Provision => "provision",
        }
    }
}

impl From<Part> for ItemKind {
    fn from(part: Part) -> Self {
        match part {
            Part::Aspiration => ItemKind::Aspiration,
            Part::Need => ItemKind::Need,
            Part::Outcome => ItemKind::Outcome,
            Part::Provision => ItemKind::Provision,
        }
    }
}

/// What kind of document the text says it is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DocumentKind {
    EhcPlan,
    ComRecord,
    /// A list of single statements (`--part`), with no plan around them.
    Statements,
    #[default]
    Unknown,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PlanStatus {
    Draft,
    Final,
    #[default]
    Unknown,
}

/// A calendar date as plans write it (the day may be missing).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct PlanDate {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl PlanDate {
    /// Parses `YYYY-MM-DD` (the command line) or `DD/MM/YYYY` (plan headers).
    pub fn parse(text: &str) -> Option<PlanDate> {
        let text = text.trim();
        let parts: Vec<&str> = text.split(['-', '/', '.']).map(str::trim).collect();
        if parts.len() != 3 {
            return None;
        }
        let nums: Option<Vec<i32>> = parts.iter().map(|p| p.parse::<i32>().ok()).collect();
        let nums = nums?;
        let (year, month, day) = if parts[0].len() == 4 {
            (nums[0], nums[1], nums[2])
        } else if parts[2].len() == 4 {
            (nums[2], nums[1], nums[0])
        } else if parts[2].len() == 2 {
            (2000 + nums[2], nums[1], nums[0])
        } else {
            return None;
        };
        if !(1..=12).contains(&month) || !(1..=31).contains(&day) || !(1900..=2200).contains(&year)
        {
            return None;
        }
        Some(PlanDate {
            year,
            month: month as u8,
            day: day as u8,
        })
    }

    /// The school year (1 September to 31 August) this date falls in, named by its first year.
    pub fn academic_year(self) -> i32 {
        if self.month >= 9 {
            self.year
        } else {
            self.year - 1
        }
    }
}

impl std::fmt::Display for PlanDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// What the plan says about itself and the child.
#[derive(Clone, Debug, Default)]
pub struct Metadata {
    pub kind: DocumentKind,
    pub status: PlanStatus,
    /// The child's full name as the header gives it.
    pub child_name: Option<String>,
    /// The name the child is known by, where the header gives one.
    pub preferred_name: Option<String>,
    /// 0 = Reception, 1..=14 = Year 1..14.
    pub year_group: Option<u8>,
    pub plan_date: Option<PlanDate>,
    /// Where each field was found, for diagnostics that point at the header.
    pub header_span: Option<Span>,
}

impl Metadata {
    /// The first names the plan may use for the child: first name and preferred name.
    pub fn child_first_names(&self) -> Vec<&str> {
        let mut names = Vec::new();
        if let Some(first) = self
            .child_name
            .as_deref()
            .and_then(|n| n.split_whitespace().next())
        {
            names.push(first);
        }
        if let Some(preferred) = self.preferred_name.as_deref() {
            names.extend(preferred.split_whitespace().next());
        }
        names
    }
}

/// A lettered section of an EHC plan (CoP 9.62).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    /// "A" … "K", "H1", "H2".
    pub letter: String,
    /// The heading line as written.
    pub heading: Span,
    /// From the heading to the start of the next section (or the end of the text).
    pub span: Span,
}

/// Where an item sits, in words a plan writer uses ("table 2, row 3, column 'Who'").
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Place {
    /// 1-based table number within the document and row number within the table: for text
    /// tables the header row is 0; for Word tables rows are counted from the top as Word shows
    /// them (the first row is 1).
    pub table: Option<(usize, usize)>,
    /// The column's header text.
    pub column: Option<String>,
    /// 1-based paragraph number, for readers of formats with paragraphs (Word).
    pub paragraph: Option<usize>,
    /// 1-based page number, for readers of formats with pages (PDF).
    pub page: Option<usize>,
}

/// A cell of a table row that belongs to an item: a provision's `Who` or `How often` cell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell {
    pub role: CellRole,
    /// The column header as written.
    pub header: String,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CellRole {
    /// Who delivers the provision.
    Provider,
    /// How often, how long, group size, ratio.
    Amount,
    /// Other columns the reader keeps for context (e.g. "Strategies").
    Other,
}

/// A reference from one item to another, by id ("E3", "Outcome 2", "B1").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    /// The id referred to, normalised (e.g. "E3").
    pub target: String,
    /// Where the reference is written.
    pub span: Span,
    /// True for links the reader inferred from layout (same table row), false for ids the text
    /// names.
    pub inferred: bool,
}

/// A timeframe stated once in a heading or column header and inherited by the items below it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InheritedTimeframe {
    /// Where the heading states it.
    pub span: Span,
    pub timeframe: Timeframe,
}

/// One aspiration, need, outcome, step or provision.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    pub kind: ItemKind,
    /// The id the plan gives it ("E3"), normalised to upper case without spaces.
    pub id: Option<String>,
    /// The section letter it sits in, where the document has sections.
    pub section: Option<String>,
    /// The area-of-need heading it sits under.
    pub area: Option<String>,
    /// The statement itself (without list markers or field labels).
    pub span: Span,
    pub timeframe: Option<InheritedTimeframe>,
    pub place: Place,
    pub cells: Vec<Cell>,
    pub links: Vec<Link>,
    /// 1-based number of this item among the items of its kind in its section, for locations.
    pub ordinal: usize,
}

impl Item {
    pub fn new(kind: ItemKind, span: Span) -> Item {
        Item {
            kind,
            id: None,
            section: None,
            area: None,
            span,
            timeframe: None,
            place: Place::default(),
            cells: Vec::new(),
            links: Vec::new(),
            ordinal: 0,
        }
    }

    pub fn part(&self) -> Part {
        self.kind.part()
    }

    /// The place of the item in words: "Section E, outcome E2", "Section F, table 2, row 3".
    pub fn location(&self) -> String {
        let mut out = String::new();
        if let Some(letter) = &self.section {
            out.push_str("Section ");
            out.push_str(letter);
            out.push_str(", ");
        }
        if let Some((table, row)) = self.place.table {
            out.push_str(&format!("table {table}, row {row}"));
            if let Some(column) = &self.place.column {
                out.push_str(&format!(", column '{column}'"));
            }
            return out;
        }
        if let Some(page) = self.place.page {
            out.push_str(&format!("page {page}, "));
        }
        if let Some(paragraph) = self.place.paragraph {
            out.push_str(&format!("paragraph {paragraph}, "));
        }
        out.push_str(self.kind.noun());
        match &self.id {
            Some(id) => {
                out.push(' ');
                out.push_str(id);
            }
            None if self.ordinal > 0 => out.push_str(&format!(" {}", self.ordinal)),
            None => {}
        }
        out
    }
}

/// A plan, COM record or statement list, ready for the rules.
#[derive(Clone, Debug, Default)]
pub struct Document {
    /// The text diagnostics are shown against (for Word, the extracted text).
    pub text: String,
    pub metadata: Metadata,
    pub sections: Vec<Section>,
    pub items: Vec<Item>,
    /// Text the reader copied from elsewhere so that the rules see a whole row: a Word cell
    /// merged down from the row above repeats that cell's text. Findings inside these spans
    /// repeat findings at the original and are not reported.
    pub repeated: Vec<Span>,
}

impl Document {
    pub fn item_text(&self, item: &Item) -> &str {
        self.text.get(item.span.clone()).unwrap_or("")
    }

    pub fn section(&self, letter: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.letter == letter)
    }

    /// True when a byte offset lies in text copied from elsewhere (see [`Document::repeated`]).
    pub fn is_repeated(&self, offset: usize) -> bool {
        self.repeated.iter().any(|r| r.contains(&offset))
    }
}
