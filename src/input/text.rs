//! Plans written as plain text or Markdown, in the layouts councils use (RULES.md 1.4).
//!
//! The reader walks the text line by line and keeps track of where it is: which lettered section,
//! which area-of-need heading, which field ("Steps (by next annual review):") and which
//! timeframe a heading or column header has stated for the items below it. It recognises
//! numbered and bulleted items, ids such as `E3` and `Outcome 2`, pipe tables whose header row
//! names the columns (each row becomes linked items, with `Who` and `How often` cells joined to
//! the provision), `C&I Need 1:` field layouts, and the plan header (name, year group, date,
//! draft or final). It records structure only; it never decides whether a statement is good.

use std::collections::HashMap;
use std::sync::OnceLock;

use regex::Regex;

use crate::document::{
    Cell, CellRole, Document, DocumentKind, InheritedTimeframe, Item, ItemKind, Link, Metadata,
    Place, PlanDate, PlanStatus, Section, Span,
};
use crate::language::timeframe::{find_timeframes, Context, Timeframe};

fn regex(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).expect("static regex"))
}

/// "SECTION E: OUTCOMES", "Section E – Outcomes", "## Section F", "Part B".
fn section_word_heading() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    regex(
        &RE,
        r"(?i)^(?:#{1,6}\s*)?(?:\*\*)?(?:sections?|part)\s+(H1|H2|[A-K])\b((?:\s*(?:,|and|&|/)\s*(?:H1|H2|[A-K])\b)*)\s*[:.)\-–—]?\s*(.*?)(?:\*\*)?\s*$",
    )
}

/// Further letters in a heading that opens several sections ("SECTION B … / SECTION E …",
/// "Sections B, E and F").
fn more_section_letters() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    regex(
        &RE,
        r"(?:\b(?i:section)\s+|[,&/]\s*|\b(?i:and)\s+)(H1|H2|[A-K])\b",
    )
}

/// "E. Outcomes", "F: Special educational provision", "## E – Outcomes": the letter (upper case)
/// and a title that names what the section holds.
fn letter_heading() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    regex(&RE, r"^(?:#{1,6}\s*)?(H1|H2|[A-K])\s*[:.)\-–—]\s*(.+?)\s*$")
}

fn section_title_words() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    regex(
        &RE,
        r"(?i)\b(views|interests|aspirations|all about me|special educational|needs|health|social care|outcomes|provision|placement|school|institution|personal budget|advice|information)\b",
    )
}

fn markdown_heading() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    regex(&RE, r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
}

/// List markers: "-", "*", "•", "1.", "1)", "(a)", "a)", "i.".
fn list_marker() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    regex(
        &RE,
        r"^(\s*)(?:[-*•·▪◦–]|\(?[0-9]{1,3}[.)]|\(?[a-z][.)]|\([ivx]{1,4}\)|[ivx]{1,4}\.)\s+",
    )
}

/// An item id at the start of an item: "E3.", "F2:", "B1 -", "Outcome 2:", "C&I Need 1:".
fn item_id() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    regex(
        &RE,
        r"(?i)^(?:\*\*)?((?:(?:c&i|c&l|semh|s&p|sp|pfa|p&s)\s+)?(?:need|outcome|provision|aspiration|step|target|long[- ]term outcome|short[- ]term (?:step|target))\s*[0-9]{1,3}[a-z]?|[A-K][0-9]{1,3}[a-z]?|H[12]\.[0-9]{1,3})(?:\*\*)?\s*(?:[.:)\-–—]\s*|\s+)",
    )
}

/// "Label: value" field lines (COM proformas, field-per-need templates).
fn field_line() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    regex(
        &RE,
        r"^\s*(?:[-*•]\s+)?(?:\*\*)?([^:|]{2,80}?)(?:\*\*)?\s*:(?:\*\*)?\s*(.*)$",
    )
}

/// One of the header fields of a plan.
fn header_field() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    regex(
        &RE,
        r"(?i)^\s*(?:\*\*)?(child's name|child’s name|young person's name|name of child|full name|name|preferred name|known as|year group|nc year|national curriculum year|school year|date of plan|plan date|date of this plan|date issued|status)(?:\*\*)?\s*:\s*(?:\*\*)?\s*(.*?)\s*$",
    )
}

/// The areas of need and their local variants (RULES.md 1.3), lower case.
const AREAS: &[&str] = &[
    "communication and interaction",
    "cognition and learning",
    "social, emotional and mental health",
    "social emotional and mental health",
    "social, emotional and wellbeing",
    "sensory and/or physical",
    "sensory and physical",
    "physical and/or sensory",
    "physical and sensory",
    "sensory and / or physical",
    "c&i",
    "c&l",
    "semh",
    "s&p",
    "self help and independence skills and keeping safe",
    "independence and self-help",
    "independence",
    "health and medical",
    "learning and work",
    "community and friends",
    "being healthy",
    "living independently",
    "employment, education and training",
    "employment and education",
    "employment/education",
    "higher education and/or employment",
    "education and employment",
    "independent living",
    "friends, relationships and community inclusion",
    "friends, relationships and community",
    "friends relationships and community",
    "community inclusion",
    "participating in society",
    "staying healthy",
    "good health",
    "health",
    "preparing for adulthood",
];

/// The area named by a heading-like line, if it is one.
fn area_of(line: &str) -> Option<String> {
    let t = line
        .trim()
        .trim_start_matches('#')
        .trim()
        .trim_matches('*')
        .trim_end_matches(':')
        .trim();
    if t.len() > 90 || t.is_empty() {
        return None;
    }
    let lower = t.to_lowercase();
    let lower = lower
        .strip_prefix("area of need")
        .map(|r| r.trim_start_matches([':', '-', '–', ' ']))
        .unwrap_or(&lower)
        .trim();
    AREAS.iter().find_map(|area| {
        let rest = lower.strip_prefix(area)?;
        // "Communication and interaction" or "Communication and interaction (C&I)".
        let rest = rest.trim();
        if rest.is_empty()
            || rest.starts_with('(')
            || rest.starts_with('-')
            || rest.starts_with('–')
        {
            Some(t.to_string())
        } else {
            None
        }
    })
}

/// What the items in the current block are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Block {
    None,
    Items(ItemKind),
}

/// What a table column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Column {
    Item(ItemKind),
    Cell(CellRole),
    Reference,
}

fn column_of(header: &str) -> Column {
    let h = header.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| h.contains(w));
    if has(&["ref", "link", " id", "no."]) || h == "id" || h == "#" {
        return Column::Reference;
    }
    if has(&[
        "who",
        "delivered by",
        "provider",
        "by whom",
        "responsible",
        "staff",
    ]) {
        return Column::Cell(CellRole::Provider);
    }
    if has(&[
        "how often",
        "frequency",
        "duration",
        "how long",
        "group size",
        "ratio",
        "when",
        "hours",
        "amount",
    ]) {
        return Column::Cell(CellRole::Amount);
    }
    if has(&["step", "short-term", "short term", "shorter-term", "target"]) {
        return Column::Item(ItemKind::Step);
    }
    if has(&["outcome", "(e)"]) {
        return Column::Item(ItemKind::Outcome);
    }
    if has(&[
        "provision",
        "(f)",
        "what",
        "support",
        "intervention",
        "strateg",
    ]) {
        return Column::Item(ItemKind::Provision);
    }
    if has(&["need", "(b)"]) {
        return Column::Item(ItemKind::Need);
    }
    if has(&["aspiration"]) {
        return Column::Item(ItemKind::Aspiration);
    }
    Column::Cell(CellRole::Other)
}

/// A table being read: its columns and any timeframe each column header states.
struct Table {
    number: usize,
    columns: Vec<(String, Column, Option<InheritedTimeframe>)>,
    rows: usize,
}

struct Reader<'t> {
    text: &'t str,
    items: Vec<Item>,
    sections: Vec<Section>,
    metadata: Metadata,
    section: Option<String>,
    area: Option<String>,
    block: Block,
    outcome_timeframe: Option<InheritedTimeframe>,
    step_timeframe: Option<InheritedTimeframe>,
    table: Option<Table>,
    tables_seen: usize,
    /// Every letter the current section heading names (more than one for a combined
    /// "Sections B, E and F" heading).
    section_letters: Vec<String>,
    combined: bool,
    /// Index of the item the previous line belonged to, for continuation lines.
    open_item: Option<usize>,
    in_header: bool,
    /// The timeframe each heading, label or column header text states (its span relative to
    /// that text), worked out once per plan: templates repeat the same labels ("Steps (by next
    /// annual review):") and column headers under every area, and the timeframe parser is the
    /// reader's largest cost.
    heading_timeframes: HashMap<&'t str, Option<Timeframe>>,
}

/// Splits a text into (offset, line without its line ending).
fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut offset = 0;
    text.split_inclusive('\n').map(move |l| {
        let start = offset;
        offset += l.len();
        (start, l.trim_end_matches(['\n', '\r']))
    })
}

pub fn read_plan(text: String) -> Document {
    let mut reader = Reader {
        text: &text,
        items: Vec::new(),
        sections: Vec::new(),
        metadata: Metadata::default(),
        section: None,
        area: None,
        block: Block::None,
        outcome_timeframe: None,
        step_timeframe: None,
        table: None,
        tables_seen: 0,
        section_letters: Vec::new(),
        combined: false,
        open_item: None,
        in_header: true,
        heading_timeframes: HashMap::new(),
    };
    reader.metadata.kind = document_kind(&text);
    for (offset, line) in lines(&text) {
        reader.line(offset, line);
    }
    reader.finish_sections();
    // References written in an item's text ("(aspiration A2)", "see F3"), read once the item
    // has all its lines.
    for item in &mut reader.items {
        let own = reader.text.get(item.span.clone()).unwrap_or("");
        let found = references_in(own, item.span.start, item.id.as_deref());
        item.links.extend(found);
    }
    let Reader {
        mut items,
        sections,
        metadata,
        ..
    } = reader;
    number_items(&mut items);
    Document {
        text,
        metadata,
        sections,
        items,
        repeated: Vec::new(),
    }
}

fn document_kind(text: &str) -> DocumentKind {
    let head: String = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(3)
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    if head.contains("collaborative outcomes meeting") || head.contains("com record") {
        DocumentKind::ComRecord
    } else if head.contains("education, health and care plan")
        || head.contains("education health and care plan")
        || head.contains("ehc plan")
        || head.contains("ehcp")
    {
        DocumentKind::EhcPlan
    } else {
        DocumentKind::Unknown
    }
}

pub(crate) fn number_items(items: &mut [Item]) {
    let mut counts: std::collections::HashMap<(Option<String>, &'static str), usize> =
        std::collections::HashMap::new();
    for item in items.iter_mut() {
        let n = counts
            .entry((item.section.clone(), item.kind.noun()))
            .or_default();
        *n += 1;
        item.ordinal = *n;
    }
}

fn parse_year_group(value: &str) -> Option<u8> {
    let v = value.trim().to_lowercase();
    if v.starts_with("reception") || v == "r" || v == "yr" || v == "year r" {
        return Some(0);
    }
    let digits: String = v
        .trim_start_matches("year")
        .trim_start_matches("yr")
        .trim_start_matches('y')
        .trim()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse::<u8>().ok().filter(|n| *n <= 14)
}

impl<'t> Reader<'t> {
    fn line(&mut self, offset: usize, line: &'t str) {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            self.open_item = None;
            self.table = None;
            return;
        }
        if trimmed.starts_with('|') {
            self.open_item = None;
            // A header laid out as a table row of fields ("| Name: Sam Hill | Year group: 4 |")
            // is the header, not the first row of a table.
            if self.in_header && self.table.is_none() && self.header_line(offset, line) {
                return;
            }
            self.table_row(offset, line);
            return;
        }
        self.table = None;
        if self.in_header && self.header_line(offset, line) {
            return;
        }
        if self.section_heading(offset, line) {
            self.in_header = false;
            return;
        }
        // The heading regex needs a '#' first: most lines are not headings, so test that before
        // running it.
        let markdown = if line.trim_start().starts_with('#') {
            markdown_heading().captures(line)
        } else {
            None
        };
        if let Some(caps) = markdown {
            let title = caps.get(2).map(|m| m.as_str()).unwrap_or("");
            let title_start = offset + caps.get(2).map(|m| m.start()).unwrap_or(0);
            self.sub_heading(title_start, title);
            return;
        }
        if self.field(offset, line) {
            return;
        }
        if self.open_item.is_none()
            && is_plain_heading(line)
            && block_named(line.trim(), self.section.as_deref()).is_some()
        {
            self.in_header = false;
            self.sub_heading(offset + (line.len() - line.trim_start().len()), line.trim());
            return;
        }
        if let Some(area) = area_of(line) {
            self.area = Some(area);
            self.block = self.section_block();
            self.open_item = None;
            return;
        }
        self.item_or_prose(offset, line);
    }

    /// Header fields before the first section: name, year group, plan date, status.
    fn header_line(&mut self, offset: usize, line: &str) -> bool {
        let trimmed = line.trim();
        if trimmed.contains("DRAFT") {
            self.metadata.status = PlanStatus::Draft;
        } else if trimmed.contains("FINAL") && self.metadata.status == PlanStatus::Unknown {
            self.metadata.status = PlanStatus::Final;
        }
        let mut found = false;
        for chunk in line.split(['|', '\t']) {
            for piece in split_fields(chunk) {
                let Some(caps) = header_field().captures(piece) else {
                    continue;
                };
                let key = caps[1].to_lowercase();
                let value = caps[2].trim().trim_matches('*').trim();
                if value.is_empty() {
                    continue;
                }
                found = true;
                match key.as_str() {
                    "preferred name" | "known as" => {
                        self.metadata.preferred_name = Some(value.to_string())
                    }
                    "year group" | "nc year" | "national curriculum year" | "school year" => {
                        self.metadata.year_group = parse_year_group(value)
                    }
                    "date of plan" | "plan date" | "date of this plan" | "date issued" => {
                        self.metadata.plan_date = PlanDate::parse(value)
                    }
                    "status" => {
                        let v = value.to_lowercase();
                        if v.contains("draft") {
                            self.metadata.status = PlanStatus::Draft;
                        } else if v.contains("final") {
                            self.metadata.status = PlanStatus::Final;
                        }
                    }
                    _ => {
                        if self.metadata.child_name.is_none() {
                            self.metadata.child_name = Some(value.to_string());
                        }
                    }
                }
            }
        }
        if found {
            let span = offset..offset + line.len();
            self.metadata.header_span = Some(match &self.metadata.header_span {
                Some(s) => s.start..span.end,
                None => span,
            });
        }
        found
    }

    fn section_heading(&mut self, offset: usize, line: &'t str) -> bool {
        // Both heading regexes are anchored at the start of the line, so the first byte after
        // any Markdown '#'s rules most lines out before either runs. Under `(?i)` a non-ASCII
        // letter can fold to an ASCII one ('ſ' to 's'), so a non-ASCII byte is left to the
        // regex.
        let after_hashes = line.trim_start_matches('#');
        let first = if after_hashes.len() < line.len() {
            after_hashes.trim_start()
        } else {
            line
        }
        .as_bytes()
        .first()
        .copied()
        .unwrap_or(b' ');
        let may_be_section_word =
            !first.is_ascii() || matches!(first, b'*' | b's' | b'S' | b'p' | b'P');
        let may_be_letter = first.is_ascii_uppercase() && first <= b'K';
        let mut letters = Vec::new();
        let section_word = if may_be_section_word {
            section_word_heading().captures(line)
        } else {
            None
        };
        let letter = if section_word.is_none() && may_be_letter {
            letter_heading().captures(line)
        } else {
            None
        };
        if let Some(c) = section_word {
            letters.push(c[1].to_uppercase());
            let after = c.get(1).map(|m| m.end()).unwrap_or(0);
            for m in more_section_letters().captures_iter(&line[after..]) {
                let l = m[1].to_uppercase();
                if !letters.contains(&l) {
                    letters.push(l);
                }
            }
        } else if let Some(c) = letter {
            if !section_title_words().is_match(&c[2]) || c[2].len() > 100 {
                return false;
            }
            letters.push(c[1].to_string());
        } else {
            return false;
        }
        let end = offset + line.len();
        for letter in &letters {
            self.finish_sections();
            self.sections.push(Section {
                letter: letter.clone(),
                heading: offset..end,
                span: offset..self.text.len(),
            });
        }
        self.combined = letters.len() > 1;
        self.section_letters = letters.clone();
        self.section = letters.first().cloned();
        self.area = None;
        self.outcome_timeframe = None;
        self.step_timeframe = None;
        self.open_item = None;
        self.block = self.section_block();
        if let Some(t) = self.heading_timeframe(offset, line) {
            self.outcome_timeframe = Some(t);
        }
        true
    }

    /// A timeframe stated in a heading, field label, column header or lead-in sentence, which
    /// starts at `offset` in the plan.
    fn heading_timeframe(&mut self, offset: usize, text: &'t str) -> Option<InheritedTimeframe> {
        let timeframe = self
            .heading_timeframes
            .entry(text)
            .or_insert_with(|| find_timeframes(text, Context::Heading).into_iter().next())
            .clone()?;
        let span = offset + timeframe.span.start..offset + timeframe.span.end;
        Some(InheritedTimeframe { span, timeframe })
    }

    fn finish_sections(&mut self) {
        let count = self.sections.len();
        if count >= 2 {
            let next_start = self.sections[count - 1].heading.start;
            self.sections[count - 2].span.end = next_start;
        }
    }

    /// The default block for the current section.
    fn section_block(&self) -> Block {
        if self.combined {
            // A combined section is read from its tables and fields; its prose is not items.
            return Block::None;
        }
        match self.section.as_deref() {
            Some("B") => Block::Items(ItemKind::Need),
            Some("E") => Block::Items(ItemKind::Outcome),
            Some("F") => Block::Items(ItemKind::Provision),
            None if self.metadata.kind == DocumentKind::ComRecord => self.block,
            _ => Block::None,
        }
    }

    /// A Markdown sub-heading inside a section: area of need, aspirations, steps, strengths.
    fn sub_heading(&mut self, offset: usize, title: &'t str) {
        self.open_item = None;
        if let Some(area) = area_of(title) {
            self.area = Some(area);
            self.block = self.section_block();
            return;
        }
        if let Some(block) = block_named(title, self.section.as_deref()) {
            self.block = block;
        }
        if let Some(t) = self.heading_timeframe(offset, title) {
            self.set_timeframe(t);
        }
    }

    fn set_timeframe(&mut self, t: InheritedTimeframe) {
        match self.block {
            Block::Items(ItemKind::Step) => self.step_timeframe = Some(t),
            _ => self.outcome_timeframe = Some(t),
        }
    }

    /// "Label: value" lines. Returns false when the label is not one the reader knows.
    fn field(&mut self, offset: usize, line: &'t str) -> bool {
        // Every field has a colon; most lines have none.
        if !line.contains(':') {
            return false;
        }
        if item_id().is_match(line.trim_start()) && !line.trim_start().contains(':') {
            return false;
        }
        let Some(caps) = field_line().captures(line) else {
            return false;
        };
        let label = caps.get(1).map(|m| m.as_str()).unwrap_or("");
        let value = caps
            .get(2)
            .map(|m| (m.start(), m.as_str()))
            .unwrap_or((0, ""));
        // A field-per-need label carries its own id ("C&I Need 1").
        let label_with_colon = format!("{}: ", label.trim());
        let id_caps = item_id().captures(&label_with_colon);
        // "B4. Ishaan needs a 1:1 TA" is an item whose text has a colon, not a field: a field
        // label that starts with an id is the id alone ("C&I Need 1:").
        if let Some(c) = &id_caps {
            if c.get(0).map(|m| m.end()) != Some(label_with_colon.len()) {
                return false;
            }
        } else if item_id().is_match(line.trim_start()) {
            return false;
        }
        let (block, id) = match (&id_caps, block_named(label, self.section.as_deref())) {
            (Some(c), _) => (
                block_of_id(&c[1], self.section.as_deref()),
                Some(c[1].trim().to_string()),
            ),
            (None, Some(block)) => (Some(block), None),
            (None, None) => return false,
        };
        let Some(block) = block else {
            return false;
        };
        self.block = block;
        self.open_item = None;
        let label_offset = offset + caps.get(1).map(|m| m.start()).unwrap_or(0);
        if let Some(t) = self.heading_timeframe(label_offset, label) {
            self.set_timeframe(t);
        }
        let (value_start, value_text) = value;
        if !value_text.trim().is_empty() {
            if let Block::Items(kind) = block {
                let start =
                    offset + value_start + (value_text.len() - value_text.trim_start().len());
                let end = offset + value_start + value_text.trim_end().len();
                let index = self.push_item(kind, start..end, id);
                self.open_item = Some(index);
            }
        }
        true
    }

    fn item_or_prose(&mut self, offset: usize, line: &'t str) {
        let marker_len = list_marker().find(line).map(|m| m.end()).unwrap_or(0);
        let rest = &line[marker_len..];
        let id_match = item_id().captures(rest);
        let is_listed = marker_len > 0 || id_match.is_some();
        let indented = line.starts_with(' ') || line.starts_with('\t');

        if !is_listed {
            // A line that continues the previous item (a wrapped sentence).
            if let Some(index) = self.open_item {
                if indented || !starts_like_new_statement(line.trim_start()) {
                    let end = offset + line.trim_end().len();
                    self.items[index].span.end = end;
                    return;
                }
            }
            // Prose in Section E that states the timeframe for the outcomes below it.
            if self.section.as_deref() == Some("E") || self.metadata.kind == DocumentKind::ComRecord
            {
                let lower = line.to_lowercase();
                if (lower.contains("outcome") || lower.contains("step") || lower.contains("target"))
                    && !lower.contains(" will ")
                {
                    if let Some(t) = self.heading_timeframe(offset, line) {
                        self.set_timeframe(t);
                        return;
                    }
                }
            }
            let Block::Items(kind) = self.block else {
                return;
            };
            // Plain paragraphs are items only where plans write them as items.
            let accept = match kind {
                ItemKind::Need => true,
                ItemKind::Aspiration => is_hope(line),
                ItemKind::Outcome | ItemKind::Step => {
                    let lower = line.to_lowercase();
                    lower.contains(" will ") || lower.trim_start().starts_with("by ")
                }
                ItemKind::Provision => false,
            };
            if !accept {
                return;
            }
        }
        let Block::Items(kind) = self.block else {
            self.open_item = None;
            return;
        };
        let (id, id_len) = match &id_match {
            Some(c) => (
                Some(c[1].trim().to_string()),
                c.get(0).map(|m| m.end()).unwrap_or(0),
            ),
            None => (None, 0),
        };
        let kind = id
            .as_deref()
            .and_then(|i| block_of_id(i, self.section.as_deref()))
            .and_then(|b| match b {
                Block::Items(k) => Some(k),
                Block::None => None,
            })
            .unwrap_or(kind);
        // A list item indented under an outcome in Section E is a step towards it.
        let kind = if kind == ItemKind::Outcome
            && marker_len > 0
            && indented
            && id.is_none()
            && self
                .items
                .last()
                .is_some_and(|i| i.kind == ItemKind::Outcome)
        {
            ItemKind::Step
        } else {
            kind
        };
        let body = &rest[id_len..];
        let start = offset + marker_len + id_len + (body.len() - body.trim_start().len());
        let end = offset + line.trim_end().len();
        if start >= end {
            return;
        }
        let index = self.push_item(kind, start..end, id);
        self.open_item = Some(index);
        self.in_header = false;
    }

    fn push_item(&mut self, kind: ItemKind, span: Span, id: Option<String>) -> usize {
        let mut item = Item::new(kind, span);
        item.id = id.map(|i| normalise_id(&i));
        item.section = match section_letter_of(kind) {
            Some(own) if self.combined && self.section_letters.contains(&own) => Some(own),
            _ => self.section.clone(),
        };
        item.area = self.area.clone();
        item.timeframe = match kind {
            ItemKind::Step => self
                .step_timeframe
                .clone()
                .or(self.outcome_timeframe.clone()),
            ItemKind::Outcome => self.outcome_timeframe.clone(),
            _ => None,
        };
        self.items.push(item);
        self.items.len() - 1
    }

    fn table_row(&mut self, offset: usize, line: &'t str) {
        let cells = split_cells(line);
        if cells.iter().all(|(_, c)| is_separator_cell(c)) {
            return;
        }
        let Some(table) = &mut self.table else {
            self.tables_seen += 1;
            let columns = cells
                .iter()
                .map(|&(start, c)| {
                    let column = column_of(c);
                    let timeframe = self.heading_timeframe(offset + start, c);
                    (c.to_string(), column, timeframe)
                })
                .collect();
            self.table = Some(Table {
                number: self.tables_seen,
                columns,
                rows: 0,
            });
            return;
        };
        table.rows += 1;
        let row = table.rows;
        let number = table.number;
        let mut columns = table.columns.clone();
        // A table whose header names no item column: in Section F the first column is the
        // provision, in Section E the outcome.
        if !columns.iter().any(|(_, c, _)| matches!(c, Column::Item(_))) {
            let fallback = match self.section.as_deref() {
                Some("F") => Some(ItemKind::Provision),
                Some("E") => Some(ItemKind::Outcome),
                Some("B") => Some(ItemKind::Need),
                _ => None,
            };
            if let (Some(kind), Some(first)) = (fallback, columns.first_mut()) {
                first.1 = Column::Item(kind);
            }
        }
        let mut row_items: Vec<usize> = Vec::new();
        let mut row_cells: Vec<Cell> = Vec::new();
        let mut references: Vec<Link> = Vec::new();
        for (i, &(start, content)) in cells.iter().enumerate() {
            let Some((header, column, timeframe)) = columns.get(i) else {
                continue;
            };
            let span = offset + start..offset + start + content.len();
            if is_blank_cell(content) {
                continue;
            }
            match column {
                Column::Item(kind) => {
                    let (id, body_offset) = match item_id().captures(content) {
                        Some(c) => (
                            Some(c[1].trim().to_string()),
                            c.get(0).map(|m| m.end()).unwrap_or(0),
                        ),
                        None => (None, 0),
                    };
                    if body_offset >= content.len() {
                        continue;
                    }
                    let index = self.push_item(*kind, span.start + body_offset..span.end, id);
                    let item = &mut self.items[index];
                    item.place = Place {
                        table: Some((number, row)),
                        column: Some(header.clone()),
                        paragraph: None,
                        page: None,
                    };
                    if let Some(t) = timeframe {
                        if matches!(kind, ItemKind::Outcome | ItemKind::Step) {
                            item.timeframe = Some(t.clone());
                        }
                    }
                    row_items.push(index);
                }
                Column::Cell(role) => row_cells.push(Cell {
                    role: *role,
                    header: header.clone(),
                    span,
                }),
                Column::Reference => {
                    for id in content.split([',', ';', '/', '&']) {
                        let id = id.trim();
                        if !id.is_empty() && id.len() < 20 {
                            let at = content.find(id).unwrap_or(0);
                            references.push(Link {
                                target: normalise_id(id),
                                span: span.start + at..span.start + at + id.len(),
                                inferred: false,
                            });
                        }
                    }
                }
            }
        }
        for &index in &row_items {
            let kind = self.items[index].kind;
            let others: Vec<Link> = row_items
                .iter()
                .filter(|&&j| j != index)
                .filter_map(|&j| {
                    let target = self.items[j].id.clone()?;
                    Some(Link {
                        target,
                        span: self.items[j].span.clone(),
                        inferred: true,
                    })
                })
                .collect();
            let item = &mut self.items[index];
            item.links.extend(others);
            if kind == ItemKind::Provision {
                item.cells.extend(row_cells.iter().cloned());
                // A reference column in a provision table: either the provision's own id or the
                // outcome it serves.
                for link in &references {
                    if item.id.is_none() && link.target.starts_with('F') {
                        item.id = Some(link.target.clone());
                    } else {
                        item.links.push(link.clone());
                    }
                }
            } else if item.id.is_none() {
                if let Some(own) = references.iter().find(|l| {
                    l.target
                        .starts_with(section_letter_of(kind).unwrap_or_default().as_str())
                }) {
                    item.id = Some(own.target.clone());
                }
            }
        }
    }
}

fn section_letter_of(kind: ItemKind) -> Option<String> {
    match kind {
        ItemKind::Aspiration => Some("A".into()),
        ItemKind::Need => Some("B".into()),
        ItemKind::Outcome | ItemKind::Step => Some("E".into()),
        ItemKind::Provision => Some("F".into()),
    }
}

/// References to other items written in an item's text: "(aspiration A2)", "see E7",
/// "Outcome 3", "links to need B1".
fn reference() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    regex(
        &RE,
        r"\b(?:([ABEF][0-9]{1,2})|(?i:(outcome|provision|need|aspiration)s?)\s+([0-9]{1,2}))\b(\s+(?i:paper|sheet|size|page|format|vitamin))?",
    )
}

pub fn references_in(text: &str, offset: usize, own_id: Option<&str>) -> Vec<Link> {
    let mut links = Vec::new();
    // Every reference has an ASCII digit ("E3", "outcome 2"); most item texts have none, and
    // the regex's Unicode word boundaries make it slow to run over them.
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return links;
    }
    for c in reference().captures_iter(text) {
        if c.get(4).is_some() {
            continue;
        }
        let Some(whole) = c.get(0) else { continue };
        let target = match (c.get(1), c.get(2), c.get(3)) {
            (Some(id), _, _) => id.as_str().to_string(),
            (None, Some(word), Some(n)) => {
                normalise_id(&format!("{} {}", word.as_str(), n.as_str()))
            }
            _ => continue,
        };
        if Some(target.as_str()) == own_id {
            continue;
        }
        // "aspirations A1 and A3": the word names the kind, the ids follow.
        let start = c
            .get(1)
            .or(c.get(2))
            .map(|m| m.start())
            .unwrap_or(whole.start());
        links.push(Link {
            target,
            span: offset + start..offset + whole.end(),
            inferred: false,
        });
    }
    links
}

/// "Outcome 2" -> "E2", "provision 3" -> "F3", "e3" -> "E3"; other ids are kept with single
/// spaces.
pub fn normalise_id(id: &str) -> String {
    let compact: String = id.split_whitespace().collect::<Vec<_>>().join(" ");
    let lower = compact.to_lowercase();
    for (word, letter) in [
        ("outcome ", "E"),
        ("long-term outcome ", "E"),
        ("provision ", "F"),
        ("need ", "B"),
        ("aspiration ", "A"),
    ] {
        if let Some(n) = lower.strip_prefix(word) {
            if n.chars().all(|c| c.is_ascii_alphanumeric()) {
                return format!("{letter}{}", n.to_uppercase());
            }
        }
    }
    if compact.len() <= 5
        && compact
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic())
        && compact
            .chars()
            .skip(1)
            .all(|c| c.is_ascii_alphanumeric() || c == '.')
    {
        return compact.to_uppercase();
    }
    compact
}

/// The kind of item an id names ("E3" is an outcome, "C&I Need 1" a need).
fn block_of_id(id: &str, section: Option<&str>) -> Option<Block> {
    let lower = id.to_lowercase();
    let kind = if lower.contains("need") {
        ItemKind::Need
    } else if lower.contains("short") || lower.contains("step") || lower.contains("target") {
        ItemKind::Step
    } else if lower.contains("outcome") {
        ItemKind::Outcome
    } else if lower.contains("provision") {
        ItemKind::Provision
    } else if lower.contains("aspiration") {
        ItemKind::Aspiration
    } else {
        match lower.chars().next() {
            Some('a') if section == Some("A") => ItemKind::Aspiration,
            Some('b') => ItemKind::Need,
            Some('e') => ItemKind::Outcome,
            Some('f') => ItemKind::Provision,
            _ => return None,
        }
    };
    Some(Block::Items(kind))
}

/// What a sub-heading or field label says the lines under it are.
fn block_named(title: &str, section: Option<&str>) -> Option<Block> {
    let t = title.to_lowercase();
    let t = t.trim();
    let has = |words: &[&str]| words.iter().any(|w| t.contains(w));
    // Meeting business in COM records: what people agreed to do next is not provision.
    if has(&[
        "actions agreed",
        "agreed actions",
        "action points",
        "next steps for the",
        "what happens next",
        "people at the meeting",
        "attendees",
        "present at",
    ]) || t == "actions"
    {
        return Some(Block::None);
    }
    if has(&[
        "strength",
        "what people like",
        "admire",
        "what's working",
        "what is working",
        "history",
        "how best to communicate",
        "communicate with me",
        "about me",
        "views",
        "background",
        "current",
    ]) && !has(&["aspiration", "future", "hope"])
    {
        return Some(Block::None);
    }
    if has(&[
        "aspiration",
        "hopes",
        "dreams",
        "in the future",
        "when i grow up",
        "when i am older",
        "when i'm older",
        "what i want to",
        "for the future",
    ]) {
        return Some(Block::Items(ItemKind::Aspiration));
    }
    if has(&[
        "step",
        "short-term",
        "short term",
        "shorter-term",
        "shorter term",
        "targets",
    ]) {
        return Some(Block::Items(ItemKind::Step));
    }
    if has(&["outcome"]) && !has(&["ref", "meeting"]) {
        return Some(Block::Items(ItemKind::Outcome));
    }
    if has(&["provision", "support to be provided", "what support"]) {
        return Some(Block::Items(ItemKind::Provision));
    }
    if t == "needs"
        || t.starts_with("needs ")
        || t.starts_with("special educational need")
        || t == "need"
        || t.starts_with("identified need")
    {
        return Some(Block::Items(ItemKind::Need));
    }
    let _ = section;
    None
}

/// Splits "Name: Sam Jones    Year group: 4" into its fields.
fn split_fields(chunk: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = chunk;
    while let Some(i) = rest.find("   ") {
        out.push(&rest[..i]);
        rest = rest[i..].trim_start();
    }
    out.push(rest);
    out
}

/// The cells of a pipe-table row, with their start offsets in the line, trimmed.
fn split_cells(line: &str) -> Vec<(usize, &str)> {
    let mut cells = Vec::new();
    let trimmed_start = line.len() - line.trim_start().len();
    let body = line.trim();
    let body_start = trimmed_start + usize::from(body.starts_with('|'));
    let inner = body.strip_prefix('|').unwrap_or(body);
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    let mut pos = body_start;
    for raw in inner.split('|') {
        let lead = raw.len() - raw.trim_start().len();
        cells.push((pos + lead, raw.trim()));
        pos += raw.len() + 1;
    }
    cells
}

fn is_separator_cell(cell: &str) -> bool {
    !cell.is_empty() && cell.chars().all(|c| matches!(c, '-' | ':' | ' ' | '='))
}

pub(crate) fn is_blank_cell(cell: &str) -> bool {
    let c = cell.trim();
    c.is_empty() || matches!(c, "-" | "–" | "—" | "n/a" | "N/A")
}

/// A short line with no list marker and no closing punctuation, such as "My aspirations for
/// the future" or "Hopes for the future", standing as a heading.
fn is_plain_heading(line: &str) -> bool {
    let t = line.trim();
    t.len() <= 80
        && t.chars().next().is_some_and(char::is_uppercase)
        && !line.starts_with([' ', '\t'])
        && !t.ends_with(['.', ',', ';', '!', '?'])
        && list_marker().find(line).is_none()
        && !t.to_lowercase().contains(" will ")
}

/// A plain line under an aspirations heading that states a hope (not an introduction such as
/// "These are Ishaan's own words").
fn is_hope(line: &str) -> bool {
    let lower = line.to_lowercase();
    [
        "want",
        "would like",
        "'d like",
        "’d like",
        "i hope",
        "we hope",
        "hope to",
        "hopes to",
        "hope that",
        "i wish",
        "my dream",
        "grow up",
        "aspire",
        "like to be",
        "going to be",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

/// True when a line reads as the start of a new statement rather than the rest of one.
fn starts_like_new_statement(line: &str) -> bool {
    line.chars().next().is_some_and(|c| c.is_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(d: &Document, kind: ItemKind) -> Vec<String> {
        d.items
            .iter()
            .filter(|i| i.kind == kind)
            .map(|i| d.item_text(i).to_string())
            .collect()
    }

    #[test]
    fn a_header_laid_out_as_a_table_row_is_the_header() {
        let d = read_plan(
            "| Name: Zainab Okonkwo | Year group: 4 |\n| Status: Draft | |\n## Section E: Outcomes\nE1. Zainab will read.\n"
                .to_string(),
        );
        assert_eq!(d.metadata.child_name.as_deref(), Some("Zainab Okonkwo"));
        assert_eq!(d.metadata.year_group, Some(4));
        assert_eq!(d.metadata.status, PlanStatus::Draft);
        assert_eq!(texts(&d, ItemKind::Outcome), ["Zainab will read."]);
    }

    #[test]
    fn sections_areas_ids_and_inherited_timeframes() {
        let plan = "Education, Health and Care Plan DRAFT\nName: Amira Khan\nYear group: 4\nDate of plan: 12/10/2026\n\n## Section E: Outcomes\nLong-term outcomes are for the end of Key Stage 2.\n### Communication and interaction\nE1. Amira will ask for help.\n  - Steps: Amira will point to a card.\n\nSECTION F – PROVISION\n| Provision | Who | How often |\n|---|---|---|\n| Lego therapy | TA | weekly |\n";
        let d = read_plan(plan.to_string());
        assert_eq!(d.metadata.year_group, Some(4));
        assert_eq!(d.metadata.status, PlanStatus::Draft);
        assert_eq!(d.metadata.child_name.as_deref(), Some("Amira Khan"));
        assert_eq!(
            d.metadata.plan_date,
            Some(PlanDate {
                year: 2026,
                month: 10,
                day: 12
            })
        );
        assert_eq!(
            d.sections
                .iter()
                .map(|s| s.letter.as_str())
                .collect::<Vec<_>>(),
            ["E", "F"]
        );
        let outcomes = texts(&d, ItemKind::Outcome);
        assert_eq!(outcomes, ["Amira will ask for help."]);
        let e1 = d
            .items
            .iter()
            .find(|i| i.kind == ItemKind::Outcome)
            .unwrap();
        assert_eq!(e1.id.as_deref(), Some("E1"));
        assert_eq!(e1.area.as_deref(), Some("Communication and interaction"));
        assert!(e1.timeframe.is_some());
        let provision = d
            .items
            .iter()
            .find(|i| i.kind == ItemKind::Provision)
            .unwrap();
        assert_eq!(d.item_text(provision), "Lego therapy");
        assert_eq!(provision.cells.len(), 2);
        assert_eq!(
            provision.location(),
            "Section F, table 1, row 1, column 'Provision'"
        );
    }

    #[test]
    fn golden_thread_rows_link_their_items() {
        let plan = "SECTION E AND F\n| Need (B) | Outcome (E) | Provision (F) | Who | How often |\n|---|---|---|---|---|\n| B1 Kofi finds it hard to plan. | E1 By July 2027 Kofi will plan an essay. | F1 Weekly study skills session | Learning mentor | 30 minutes weekly |\n";
        let d = read_plan(plan.to_string());
        assert_eq!(d.items.len(), 3);
        let provision = &d.items[2];
        assert_eq!(provision.id.as_deref(), Some("F1"));
        assert!(provision
            .links
            .iter()
            .any(|l| l.target == "E1" && l.inferred));
        assert_eq!(provision.cells.len(), 2);
    }

    #[test]
    fn field_per_need_layout() {
        let plan = "C&I Need 1: Leo finds it hard to join in.\nC&I Outcome 1: By the end of Year 2, Leo will join a game.\nC&I Provision 1: Lego therapy with a TA, 30 minutes weekly.\n";
        let d = read_plan(plan.to_string());
        let kinds: Vec<ItemKind> = d.items.iter().map(|i| i.kind).collect();
        assert_eq!(
            kinds,
            [ItemKind::Need, ItemKind::Outcome, ItemKind::Provision]
        );
        assert_eq!(d.items[1].id.as_deref(), Some("C&I Outcome 1"));
    }

    #[test]
    fn ids_normalise() {
        assert_eq!(normalise_id("Outcome 2"), "E2");
        assert_eq!(normalise_id("e3"), "E3");
        assert_eq!(normalise_id("C&I  Need 1"), "C&I Need 1");
    }
}
