//! The golden thread: which aspirations, needs, outcomes and provision a plan links together.
//!
//! Links come in three strengths. *Stated* links are ids the plan writes ("(aspiration A2)",
//! an `Outcome ref` cell naming `E3`, `C&L Need 2` beside `C&L Provision 2`). *Row* links join
//! the items of one table row. *Inferred* links come from sharing an area-of-need heading, or,
//! for outcomes and aspirations, from sharing what they are about (work, travel, friends …).
//! For each kind of pair the plan's own system decides: where it states links of that kind, only
//! stated links count; where it lays items out in rows, rows count; otherwise inference does.
//! Rules that rest on inferred links report at lower severity and say so.

use std::collections::{BTreeSet, HashMap};
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use super::{Document, ItemKind, Link};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Strength {
    Inferred,
    Row,
    Stated,
}

/// The kinds of pair the golden thread joins.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Pair {
    AspirationOutcome,
    NeedOutcome,
    NeedProvision,
    OutcomeProvision,
}

impl Pair {
    /// How many kinds of pair there are.
    const COUNT: usize = 4;

    fn of(a: ItemKind, b: ItemKind) -> Option<(Pair, bool)> {
        use ItemKind::*;
        let p = |x: ItemKind| match x {
            Step => Outcome,
            k => k,
        };
        match (p(a), p(b)) {
            (Aspiration, Outcome) => Some((Pair::AspirationOutcome, false)),
            (Outcome, Aspiration) => Some((Pair::AspirationOutcome, true)),
            (Need, Outcome) => Some((Pair::NeedOutcome, false)),
            (Outcome, Need) => Some((Pair::NeedOutcome, true)),
            (Need, Provision) => Some((Pair::NeedProvision, false)),
            (Provision, Need) => Some((Pair::NeedProvision, true)),
            (Outcome, Provision) => Some((Pair::OutcomeProvision, false)),
            (Provision, Outcome) => Some((Pair::OutcomeProvision, true)),
            _ => None,
        }
    }
}

const _: () = assert!(Pair::OutcomeProvision as usize + 1 == Pair::COUNT);

/// A reference to an id the plan does not have.
#[derive(Clone, Debug)]
pub struct Dangling {
    pub item: usize,
    pub link: Link,
    /// The nearest id the plan does have, if one is close.
    pub nearest: Option<String>,
}

#[derive(Clone, Debug, Default)]
pub struct Thread {
    /// Undirected links between item indices, with their strength.
    links: HashMap<(usize, usize), Strength>,
    /// The strength each kind of pair is judged by in this plan, indexed by `Pair as usize`
    /// (an array, not a map: it is updated for every link added).
    tiers: [Option<Strength>; Pair::COUNT],
    pub dangling: Vec<Dangling>,
}

impl Thread {
    pub fn build(document: &Document) -> Thread {
        let mut thread = Thread::default();
        let items = &document.items;
        let mut by_id: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, item) in items.iter().enumerate() {
            if let Some(id) = &item.id {
                by_id.entry(id.as_str()).or_default().push(i);
            }
        }
        // Stated links: ids written in the text or in reference cells.
        for (i, item) in items.iter().enumerate() {
            for link in &item.links {
                match by_id.get(link.target.as_str()) {
                    Some(targets) => {
                        let strength = if link.inferred {
                            Strength::Row
                        } else {
                            Strength::Stated
                        };
                        for &t in targets {
                            thread.add(document, i, t, strength);
                        }
                    }
                    None if !link.inferred => thread.dangling.push(Dangling {
                        item: i,
                        link: link.clone(),
                        nearest: nearest_id(&link.target, by_id.keys().copied()),
                    }),
                    None => {}
                }
            }
        }
        // Field-per-need layouts: "C&L Need 2", "C&L Outcome 2", "C&L Provision 2".
        let mut numbered: HashMap<(String, String), Vec<usize>> = HashMap::new();
        for (i, item) in items.iter().enumerate() {
            if let Some(key) = item.id.as_deref().and_then(field_key) {
                numbered.entry(key).or_default().push(i);
            }
        }
        for group in numbered.values() {
            for (x, &a) in group.iter().enumerate() {
                for &b in &group[x + 1..] {
                    thread.add(document, a, b, Strength::Stated);
                }
            }
        }
        // Rows of a table.
        let mut rows: HashMap<(usize, usize), Vec<usize>> = HashMap::new();
        for (i, item) in items.iter().enumerate() {
            if let Some(place) = item.place.table {
                rows.entry(place).or_default().push(i);
            }
        }
        for group in rows.values() {
            for (x, &a) in group.iter().enumerate() {
                for &b in &group[x + 1..] {
                    thread.add(document, a, b, Strength::Row);
                }
            }
        }
        // Area headings.
        let mut areas: HashMap<(Option<&str>, &str), Vec<usize>> = HashMap::new();
        for (i, item) in items.iter().enumerate() {
            if let Some(area) = &item.area {
                areas.entry((None, area_key(area))).or_default().push(i);
            }
        }
        for group in areas.values() {
            for (x, &a) in group.iter().enumerate() {
                for &b in &group[x + 1..] {
                    if Pair::of(items[a].kind, items[b].kind)
                        .is_some_and(|(p, _)| p != Pair::AspirationOutcome)
                    {
                        thread.add(document, a, b, Strength::Inferred);
                    }
                }
            }
        }
        // Needs and outcomes served by the same provision are linked through it.
        thread.link_through_provision(document);
        // Shared content between outcomes and aspirations.
        let aspirations: Vec<(usize, BTreeSet<String>)> = items
            .iter()
            .enumerate()
            .filter(|(_, it)| it.kind == ItemKind::Aspiration)
            .map(|(i, it)| (i, topics(document.item_text(it))))
            .collect();
        for (i, item) in items.iter().enumerate() {
            if item.kind != ItemKind::Outcome {
                continue;
            }
            let mine = topics(document.item_text(item));
            for (a, theirs) in &aspirations {
                if !mine.is_disjoint(theirs) {
                    thread.add(document, i, *a, Strength::Inferred);
                }
            }
        }
        thread
    }

    /// A provision row that names both a need and an outcome links the two.
    fn link_through_provision(&mut self, document: &Document) {
        let items = &document.items;
        let mut via: Vec<(usize, usize, Strength)> = Vec::new();
        for (p, item) in items.iter().enumerate() {
            if item.kind != ItemKind::Provision {
                continue;
            }
            let neighbours: Vec<(usize, Strength)> = self
                .links
                .iter()
                .filter_map(|(&(x, y), &s)| match (x == p, y == p) {
                    (true, _) => Some((y, s)),
                    (_, true) => Some((x, s)),
                    _ => None,
                })
                .filter(|&(_, s)| s >= Strength::Row)
                .collect();
            for &(n, sn) in &neighbours {
                if items[n].kind != ItemKind::Need {
                    continue;
                }
                for &(o, so) in &neighbours {
                    if matches!(items[o].kind, ItemKind::Outcome | ItemKind::Step) {
                        via.push((n, o, sn.min(so)));
                    }
                }
            }
        }
        for (n, o, s) in via {
            self.add(document, n, o, s);
        }
    }

    fn add(&mut self, document: &Document, a: usize, b: usize, strength: Strength) {
        if a == b {
            return;
        }
        let Some((pair, _)) = Pair::of(document.items[a].kind, document.items[b].kind) else {
            return;
        };
        let key = (a.min(b), a.max(b));
        let entry = self.links.entry(key).or_insert(strength);
        *entry = (*entry).max(strength);
        let tier = &mut self.tiers[pair as usize];
        *tier = Some(tier.map_or(strength, |t| t.max(strength)));
    }

    /// Every link, as item indices (smaller first) with its strength.
    pub fn links(&self) -> impl Iterator<Item = (usize, usize, Strength)> + '_ {
        self.links.iter().map(|(&(a, b), &s)| (a, b, s))
    }

    /// The strength a kind of pair is judged by in this plan (None: the plan links no such
    /// pair at all).
    pub fn tier(&self, pair: Pair) -> Option<Strength> {
        self.tiers[pair as usize]
    }

    /// Whether item `a` is linked to any item of `kind`, counting only links at least as
    /// strong as the plan's tier for that pair.
    pub fn linked_to(&self, document: &Document, a: usize, kind: ItemKind) -> bool {
        let Some((pair, _)) = Pair::of(document.items[a].kind, kind) else {
            return false;
        };
        let tier = self.tier(pair).unwrap_or(Strength::Inferred);
        self.links.iter().any(|(&(x, y), &s)| {
            let other = if x == a {
                y
            } else if y == a {
                x
            } else {
                return false;
            };
            s >= tier
                && Pair::of(document.items[a].kind, document.items[other].kind)
                    .is_some_and(|(p, _)| p == pair)
                && same_kind(document.items[other].kind, kind)
        })
    }
}

/// "Rhys has no identified special educational needs in this area": template boilerplate for
/// an empty area, not a need.
pub fn says_no_need(text: &str) -> bool {
    let lower = text.to_lowercase();
    lower.contains("no identified")
        || lower.contains("no special educational needs")
        || lower.contains("no additional needs")
        || lower.trim_end_matches('.').ends_with("none")
}

fn same_kind(a: ItemKind, b: ItemKind) -> bool {
    let norm = |k: ItemKind| {
        if k == ItemKind::Step {
            ItemKind::Outcome
        } else {
            k
        }
    };
    norm(a) == norm(b)
}

/// "C&L Need 2" -> ("c&l", "2").
fn field_key(id: &str) -> Option<(String, String)> {
    // Most ids are one word ("E3"): count the words before lower-casing a copy.
    id.split_whitespace().nth(2)?;
    let lower = id.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    if words.len() < 3 {
        return None;
    }
    let number = words.last()?.to_string();
    let kind = words.get(words.len() - 2)?;
    if !["need", "outcome", "provision", "aspiration"].contains(kind) {
        return None;
    }
    Some((words[..words.len() - 2].join(" "), number))
}

fn area_key(area: &str) -> &str {
    area.trim()
}

/// The id nearest to a missing one ("E9" -> "E8"), among ids of the same letter.
fn nearest_id<'a>(target: &str, ids: impl Iterator<Item = &'a str>) -> Option<String> {
    let letter = target.chars().next()?;
    let number: i64 = target[letter.len_utf8()..].parse().ok()?;
    ids.filter(|id| id.starts_with(letter))
        .filter_map(|id| Some((id, id[letter.len_utf8()..].parse::<i64>().ok()?)))
        .min_by_key(|(_, n)| (n - number).abs())
        .filter(|(_, n)| (n - number).abs() <= 2 || target.len() > 2)
        .map(|(id, _)| id.to_string())
}

/// Topics a statement is about, for matching outcomes to aspirations: stemmed content words
/// and a small map of the Preparing for Adulthood areas.
pub fn topics(text: &str) -> BTreeSet<String> {
    const GROUPS: &[(&str, &[&str])] = &[
        (
            "work",
            &[
                "work",
                "job",
                "employ",
                "career",
                "apprentice",
                "internship",
                "volunteer",
                "garage",
                "mechanic",
                "chef",
                "vet",
                "hairdress",
                "shop",
                "cafe",
                "office",
                "business",
                "earn",
                "wage",
                "interview",
                "cv",
            ],
        ),
        (
            "study",
            &[
                "college",
                "course",
                "university",
                "study",
                "qualification",
                "gcse",
                "exam",
                "sixth form",
                "a level",
                "btec",
                "diploma",
            ],
        ),
        (
            "travel",
            &[
                "bus",
                "train",
                "travel",
                "journey",
                "drive",
                "driving",
                "cycle",
                "bike",
                "route",
                "transport",
                "walk",
            ],
        ),
        (
            "friends",
            &[
                "friend",
                "social",
                "club",
                "team",
                "community",
                "relationship",
                "peer",
                "play",
                "party",
                "group",
                "youth",
            ],
        ),
        (
            "home",
            &[
                "home", "flat", "house", "live", "living", "cook", "meal", "money", "shopping",
                "budget", "laundry", "clean",
            ],
        ),
        (
            "health",
            &[
                "health",
                "healthy",
                "doctor",
                "gp",
                "medication",
                "medicine",
                "exercise",
                "fit",
                "sleep",
                "eat",
                "dentist",
                "swim",
                "sport",
                "gym",
            ],
        ),
        (
            "communication",
            &[
                "talk",
                "speak",
                "word",
                "sentence",
                "tell",
                "communicat",
                "sign",
                "conversation",
                "read",
                "write",
                "story",
            ],
        ),
    ];
    // One automaton over every stem, built once: a stem counts where it starts a word.
    static STEMS: LazyLock<(AhoCorasick, Vec<&'static str>)> = LazyLock::new(|| {
        let (stems, owners): (Vec<&str>, Vec<&str>) = GROUPS
            .iter()
            .flat_map(|(topic, stems)| stems.iter().map(move |s| (*s, *topic)))
            .unzip();
        let automaton = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(stems)
            .expect("topic stems are plain words");
        (automaton, owners)
    });
    let (automaton, owners) = &*STEMS;
    let mut out = BTreeSet::new();
    for m in automaton.find_overlapping_iter(text) {
        let starts_word = !text[..m.start()].ends_with(|c: char| c.is_alphanumeric());
        if starts_word {
            out.insert(owners[m.pattern().as_usize()].to_string());
        }
    }
    out
}
