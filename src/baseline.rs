//! Baselines: adopt outcome-lint on an archive of existing plans without fixing them all first.
//!
//! `--write-baseline FILE` records today's findings; `--baseline FILE` then reports only new
//! ones. A finding is recognised by its rule and the normalised text of the lines it is on (its
//! item, for the one-line items most plans use), never by line number, so moving or
//! renumbering text does not bring old findings back. Identical findings are counted, so a
//! second copy of a recorded problem is still reported. The file holds hashes, not plan text:
//! a baseline names no child.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;
use crate::report::FileReport;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    pub findings: Vec<Entry>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub path: String,
    pub rule: String,
    pub fingerprint: String,
    pub count: usize,
}

impl Baseline {
    /// Today's findings.
    pub fn record(reports: &[FileReport]) -> Baseline {
        let mut counts: BTreeMap<(String, String, String), usize> = BTreeMap::new();
        for report in reports {
            for d in &report.diagnostics {
                let key = (
                    report.path.clone(),
                    d.rule.clone(),
                    fingerprint(&report.text, d),
                );
                *counts.entry(key).or_default() += 1;
            }
        }
        Baseline {
            version: 1,
            findings: counts
                .into_iter()
                .map(|((path, rule, fingerprint), count)| Entry {
                    path,
                    rule,
                    fingerprint,
                    count,
                })
                .collect(),
        }
    }

    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    pub fn parse(text: &str) -> Result<Baseline, String> {
        let baseline: Baseline = serde_json::from_str(text)
            .map_err(|e| format!("not a baseline file written by outcome-lint: {e}"))?;
        if baseline.version != 1 {
            return Err(format!(
                "baseline version {} is not one this outcome-lint reads (1)",
                baseline.version
            ));
        }
        Ok(baseline)
    }

    /// Drops the findings the baseline records, each as many times as it was recorded.
    pub fn remove_known(&self, reports: &mut [FileReport]) {
        let mut left: BTreeMap<(String, String, String), usize> = BTreeMap::new();
        for e in &self.findings {
            *left
                .entry((e.path.clone(), e.rule.clone(), e.fingerprint.clone()))
                .or_default() += e.count;
        }
        for report in reports.iter_mut() {
            let text = &report.text;
            let path = &report.path;
            report.diagnostics.retain(|d| {
                let key = (path.clone(), d.rule.clone(), fingerprint(text, d));
                match left.get_mut(&key) {
                    Some(n) if *n > 0 => {
                        *n -= 1;
                        false
                    }
                    _ => true,
                }
            });
        }
    }
}

/// The rule and the normalised text of the whole lines a finding is on, hashed.
pub fn fingerprint(text: &str, d: &Diagnostic) -> String {
    let start = d.span.start.min(text.len());
    let end = d.span.end.clamp(start, text.len());
    let line_start = text[..start].rfind('\n').map(|i| i + 1).unwrap_or(0);
    let line_end = text[end..]
        .find('\n')
        .map(|i| end + i)
        .unwrap_or(text.len());
    let normalised = normalise(&text[line_start..line_end]);
    format!(
        "{:016x}",
        fnv1a(format!("{}\0{}", d.rule, normalised).as_bytes())
    )
}

/// Lower case, words only, without a leading item number or id ("E3.", "2)", "Outcome 4:"),
/// so renumbering and reflowing do not change it.
fn normalise(text: &str) -> String {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let mut rest: &[String] = &words;
    if rest
        .first()
        .is_some_and(|w| w == "outcome" || w == "step" || w == "need")
    {
        if rest
            .get(1)
            .is_some_and(|w| w.chars().any(|c| c.is_ascii_digit()))
        {
            rest = &rest[2..];
        }
    } else if rest
        .first()
        .is_some_and(|w| w.len() <= 4 && w.chars().any(|c| c.is_ascii_digit()))
    {
        rest = &rest[1..];
    }
    rest.join(" ")
}

/// FNV-1a, 64 bits: a stable hash, the same in every build and on every machine.
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        hash ^= u64::from(*b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_and_spacing_do_not_change_the_text() {
        assert_eq!(normalise("E3.  Sam will  Swim."), "sam will swim");
        assert_eq!(normalise("Outcome 4: Sam will swim"), "sam will swim");
        assert_eq!(normalise("2) Sam will swim"), "sam will swim");
    }
}
