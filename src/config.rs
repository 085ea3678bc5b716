//! The config file, `.outcome-lint.yaml`: which rules run, at what severity, a council's own
//! rule folders and vague words, per-path overrides, and the year group and plan date to assume.
//!
//! It is read as strictly as a rule file: an unknown key, an unknown rule id or a bad value is
//! an error naming the file, line and column, never a silent no-op. This module parses and
//! resolves settings; it reads no files itself (the caller hands it text and rule sources) and
//! never prints.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::PlanDate;
use crate::limits::{Limit, Limits};
use crate::rules::file::{parse_yaml, FileError};
use crate::rules::{RuleKind, RuleSet};

/// The name looked for in each folder from a linted file up to the root.
pub const FILE_NAME: &str = ".outcome-lint.yaml";

/// The settings that may appear at the top of the file and in each override. Written once as a
/// macro because serde cannot combine `flatten` with `deny_unknown_fields`.
macro_rules! with_settings {
    ($(#[$meta:meta])* struct $name:ident { $($extra:tt)* }) => {
        $(#[$meta])*
        #[derive(Clone, Debug, Default, Deserialize)]
        #[serde(deny_unknown_fields, rename_all = "kebab-case")]
        struct $name {
            $($extra)*
            /// Only these rules run.
            #[serde(default)]
            select: Option<Vec<Spanned<String>>>,
            /// These rules do not run.
            #[serde(default)]
            ignore: Vec<Spanned<String>>,
            /// Severity per rule id.
            #[serde(default)]
            severity: BTreeMap<String, Spanned<Severity>>,
            /// More trigger phrases per phrase rule.
            #[serde(default)]
            extra_phrases: BTreeMap<String, Spanned<Vec<String>>>,
            #[serde(default)]
            year_group: Option<Spanned<u8>>,
            #[serde(default)]
            plan_date: Option<Spanned<String>>,
        }

        impl $name {
            fn settings(&self, path: &str, errors: &mut Vec<FileError>) -> Settings {
                let plan_date = self.plan_date.as_ref().and_then(|d| {
                    let date = PlanDate::parse(&d.value);
                    if date.is_none() {
                        errors.push(FileError::at(
                            path,
                            Some(&d.referenced),
                            format!("'{}' is not a date: write it as YYYY-MM-DD", d.value),
                        ));
                    }
                    date
                });
                if let Some(y) = &self.year_group {
                    if y.value > 14 {
                        errors.push(FileError::at(
                            path,
                            Some(&y.referenced),
                            "year-group must be 0 (Reception) to 14",
                        ));
                    }
                }
                Settings {
                    select: self.select.clone(),
                    ignore: self.ignore.clone(),
                    severity: self.severity.clone(),
                    extra_phrases: self.extra_phrases.clone(),
                    year_group: self.year_group.as_ref().map(|y| y.value),
                    plan_date,
                }
            }
        }
    };
}

with_settings! {
    /// The file as written.
    struct ConfigFile {
        /// Folders of extra rule files, relative to the config file.
        #[serde(default)]
        rules_dirs: Vec<Spanned<String>>,
        #[serde(default)]
        overrides: Vec<OverrideFile>,
        /// Limits that keep a run bounded, by their keys in [`Limit::key`].
        #[serde(default)]
        limits: BTreeMap<String, Spanned<u64>>,
    }
}

with_settings! {
    /// Settings for the files matching some globs (relative to the config file's folder).
    struct OverrideFile {
        files: Vec<Spanned<String>>,
    }
}

/// One block of settings (the top of the file, or one override), parsed but not yet checked
/// against the rules.
#[derive(Clone, Debug, Default)]
struct Settings {
    select: Option<Vec<Spanned<String>>>,
    ignore: Vec<Spanned<String>>,
    severity: BTreeMap<String, Spanned<Severity>>,
    extra_phrases: BTreeMap<String, Spanned<Vec<String>>>,
    year_group: Option<u8>,
    plan_date: Option<PlanDate>,
}

/// A loaded config file.
#[derive(Debug)]
pub struct Config {
    /// The config file, as shown in messages.
    pub path: String,
    /// The folder it sits in: rule folders and override globs are relative to it.
    pub root: PathBuf,
    /// Rule folders, resolved against `root`.
    pub rules_dirs: Vec<PathBuf>,
    /// The limits for every file this config applies to.
    pub limits: Limits,
    base: Settings,
    overrides: Vec<(GlobSet, Settings)>,
}

/// What applies to one file: the top settings with every matching override laid over them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Effective {
    pub select: Option<BTreeSet<String>>,
    pub ignore: BTreeSet<String>,
    pub severity: BTreeMap<String, Severity>,
    pub extra_phrases: BTreeMap<String, Vec<String>>,
    pub year_group: Option<u8>,
    pub plan_date: Option<PlanDate>,
    pub limits: Limits,
}

impl Config {
    /// Parses a config file. `path` is where it was read from.
    pub fn parse(path: &Path, text: &str) -> Result<Config, Vec<FileError>> {
        let shown = path.display().to_string();
        let file: ConfigFile = parse_yaml(&shown, text).map_err(|e| vec![e])?;
        let mut errors = Vec::new();
        let root = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let base = file.settings(&shown, &mut errors);
        let mut overrides = Vec::new();
        for o in &file.overrides {
            let mut builder = GlobSetBuilder::new();
            if o.files.is_empty() {
                errors.push(FileError::at(
                    &shown,
                    None,
                    "each override needs 'files': the globs it applies to",
                ));
            }
            for g in &o.files {
                match Glob::new(&g.value) {
                    Ok(glob) => {
                        builder.add(glob);
                    }
                    Err(e) => errors.push(FileError::at(
                        &shown,
                        Some(&g.referenced),
                        format!("'{}' is not a valid glob: {}", g.value, e.kind()),
                    )),
                }
            }
            let set = builder.build().unwrap_or_else(|_| GlobSet::empty());
            overrides.push((set, o.settings(&shown, &mut errors)));
        }
        let limits = read_limits(&shown, &file.limits, &mut errors);
        let rules_dirs = file
            .rules_dirs
            .iter()
            .map(|d| root.join(&d.value))
            .collect();
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Config {
            path: shown,
            root,
            rules_dirs,
            limits,
            base,
            overrides,
        })
    }

    /// Checks every rule id the file names against the rules it will run with (built-in plus
    /// its rule folders).
    pub fn validate(&self, rules: &RuleSet) -> Result<(), Vec<FileError>> {
        let mut errors = Vec::new();
        for settings in std::iter::once(&self.base).chain(self.overrides.iter().map(|o| &o.1)) {
            let check = |id: &str, at: &serde_saphyr::Location, errors: &mut Vec<FileError>| {
                if rules.doc(id).is_none() {
                    errors.push(FileError::at(
                        &self.path,
                        Some(at),
                        format!("there is no rule called '{id}' ('outcome-lint rules' lists them)"),
                    ));
                    false
                } else {
                    true
                }
            };
            for id in settings.select.iter().flatten().chain(&settings.ignore) {
                check(&id.value, &id.referenced, &mut errors);
            }
            for (id, level) in &settings.severity {
                check(id, &level.referenced, &mut errors);
            }
            for (id, phrases) in &settings.extra_phrases {
                if check(id, &phrases.referenced, &mut errors) {
                    let kind = rules.doc(id).map(|d| d.kind);
                    if !matches!(kind, Some(RuleKind::Phrases | RuleKind::Patterns)) {
                        errors.push(FileError::at(
                            &self.path,
                            Some(&phrases.referenced),
                            format!(
                                "'{id}' is not a phrase rule, so extra-phrases cannot add to it"
                            ),
                        ));
                    }
                }
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// The settings for one file (`file` as given on the command line or found in a folder).
    pub fn effective(&self, file: &Path) -> Effective {
        let mut out = Effective {
            limits: self.limits,
            ..Effective::default()
        };
        out.apply(&self.base);
        let relative = relative_to(file, &self.root);
        for (globs, settings) in &self.overrides {
            if globs.is_match(&relative) {
                out.apply(settings);
            }
        }
        out
    }
}

/// The `limits:` section: each key one of [`Limit::ALL`], each value a whole number from 1 to
/// the limit's ceiling.
fn read_limits(
    path: &str,
    written: &BTreeMap<String, Spanned<u64>>,
    errors: &mut Vec<FileError>,
) -> Limits {
    let mut limits = Limits::default();
    for (key, value) in written {
        let Some(limit) = Limit::ALL.into_iter().find(|l| l.key() == key) else {
            let keys: Vec<&str> = Limit::ALL.iter().map(|l| l.key()).collect();
            errors.push(FileError::at(
                path,
                Some(&value.referenced),
                format!(
                    "'{key}' is not a limit outcome-lint has; the limits are {}",
                    keys.join(", ")
                ),
            ));
            continue;
        };
        if value.value == 0 || value.value > limit.ceiling() {
            errors.push(FileError::at(
                path,
                Some(&value.referenced),
                format!(
                    "{key} must be a whole number from 1 to {} (the default is {})",
                    limit.ceiling(),
                    limit.value(&Limits::default())
                ),
            ));
            continue;
        }
        limit.set(&mut limits, value.value);
    }
    limits
}

/// `file` relative to `root` where it lies under it (both made absolute first).
fn relative_to(file: &Path, root: &Path) -> PathBuf {
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let file = absolute(file);
    let root = absolute(root);
    file.strip_prefix(&root)
        .map(Path::to_path_buf)
        .unwrap_or(file)
}

impl Effective {
    fn apply(&mut self, s: &Settings) {
        if let Some(select) = &s.select {
            self.select = Some(select.iter().map(|i| i.value.clone()).collect());
        }
        self.ignore.extend(s.ignore.iter().map(|i| i.value.clone()));
        for (id, level) in &s.severity {
            self.severity.insert(id.clone(), level.value);
        }
        for (id, phrases) in &s.extra_phrases {
            self.extra_phrases
                .entry(id.clone())
                .or_default()
                .extend(phrases.value.iter().cloned());
        }
        if s.year_group.is_some() {
            self.year_group = s.year_group;
        }
        if s.plan_date.is_some() {
            self.plan_date = s.plan_date;
        }
    }

    /// Drops findings of rules that are not selected or are ignored, and applies severity
    /// overrides.
    pub fn filter(&self, diagnostics: &mut Vec<Diagnostic>) {
        diagnostics.retain(|d| {
            self.select.as_ref().is_none_or(|s| s.contains(&d.rule))
                && !self.ignore.contains(&d.rule)
        });
        for d in diagnostics.iter_mut() {
            if let Some(level) = self.severity.get(&d.rule) {
                d.severity = *level;
            }
        }
    }
}

/// The commented starter file `outcome-lint init` writes.
pub const STARTER: &str = r#"# outcome-lint configuration. Every key is optional; remove the '#' to use one.
# The JSON Schema for this file is schema/config.schema.json in the outcome-lint repository.
# outcome-lint uses the first .outcome-lint.yaml it finds in a plan's folder or above it.

# Run only these rules (by default every rule runs):
# select: [provision-as-outcome, hedged-outcome, no-timeframe]

# Never run these rules:
# ignore: [outcome-count]

# Change a rule's severity (error, warning or note):
# severity:
#   vague-timeframe: error

# Folders of your own rule files (a council's house style), relative to this file. They use
# the same format as the built-in rules in rules/ and are checked just as strictly:
# rules-dirs: [house-rules]

# Your own words for an existing phrase rule, e.g. a council's vague phrases:
# extra-phrases:
#   hedged-outcome: [make strides towards]

# The year group (0 = Reception, 1 to 14) and plan date to assume when a plan does not say:
# year-group: 4
# plan-date: 2026-09-01

# Limits that keep a run bounded: a file past one is not checked and gets an error that says
# which limit it passed (the defaults are shown; SECURITY.md says what each one guards):
# limits:
#   max-file-size-mb: 64          # the largest file read
#   max-line-length: 100000       # the longest line, in characters (a Word paragraph or row)
#   max-docx-unpacked-mb: 64      # how much a Word document may unpack to
#   max-docx-parts: 10000         # how many parts a Word document may have
#   max-yaml-depth: 64            # how deeply a YAML plan's lists and mappings may nest
#   max-yaml-aliases: 1000        # how many YAML aliases (*name) a YAML plan may use
#   max-findings-per-file: 1000   # the most findings shown for one file (the rest are counted)

# Settings for some files only (globs relative to this file):
# overrides:
#   - files: ["com-records/**"]
#     ignore: [missing-section]
"#;

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> RuleSet {
        RuleSet::builtin().expect("built-in rules")
    }

    #[test]
    fn the_starter_file_parses_and_is_valid() {
        let config = Config::parse(Path::new(FILE_NAME), STARTER).expect("parses");
        config.validate(&rules()).expect("valid");
        assert_eq!(config.effective(Path::new("plan.md")), Effective::default());
    }

    #[test]
    fn unknown_keys_name_the_line_and_column() {
        let errors = Config::parse(Path::new("c.yaml"), "ignore: []\nignor: [x]\n")
            .expect_err("unknown key");
        assert_eq!(errors[0].line, 2, "{}", errors[0]);
        assert_eq!(errors[0].column, 1);
        assert!(errors[0].message.contains("ignor"), "{}", errors[0]);
    }

    #[test]
    fn unknown_rule_ids_are_errors_with_their_place() {
        let config = Config::parse(
            Path::new("c.yaml"),
            "ignore: [hedged-outcome]\nseverity:\n  no-such-rule: error\n",
        )
        .expect("parses");
        let errors = config.validate(&rules()).expect_err("unknown id");
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, 3, "{}", errors[0]);
        assert!(errors[0].message.contains("no-such-rule"));
    }

    #[test]
    fn bad_values_are_errors() {
        for text in [
            "severity:\n  hedged-outcome: fatal\n",
            "year-group: 15\n",
            "plan-date: next week\n",
            "overrides:\n  - files: ['[']\n",
            "overrides:\n  - ignore: [hedged-outcome]\n",
        ] {
            assert!(
                Config::parse(Path::new("c.yaml"), text).is_err(),
                "{text:?} should be rejected"
            );
        }
    }

    #[test]
    fn limits_are_read_and_bad_ones_named_with_their_place() {
        let config = Config::parse(
            Path::new("c.yaml"),
            "limits:\n  max-file-size-mb: 2\n  max-findings-per-file: 5\n",
        )
        .expect("parses");
        let limits = config.effective(Path::new("a.md")).limits;
        assert_eq!(limits.max_file_bytes, 2 * 1024 * 1024);
        assert_eq!(limits.max_findings_per_file, 5);
        assert_eq!(limits.max_yaml_depth, Limits::default().max_yaml_depth);
        for (text, says) in [
            ("limits:\n  max-file-size: 2\n", "not a limit"),
            ("limits:\n  max-yaml-depth: 0\n", "from 1 to 1000"),
            ("limits:\n  max-file-size-mb: 5000\n", "from 1 to 1024"),
            ("limits:\n  max-line-length: lots\n", ""),
        ] {
            let errors = Config::parse(Path::new("c.yaml"), text).expect_err(text);
            assert_eq!(errors[0].line, 2, "{text}: {}", errors[0]);
            assert!(errors[0].message.contains(says), "{}", errors[0]);
        }
    }

    #[test]
    fn extra_phrases_only_add_to_phrase_rules() {
        let config = Config::parse(
            Path::new("c.yaml"),
            "extra-phrases:\n  outcome-count: [lots]\n",
        )
        .expect("parses");
        let errors = config.validate(&rules()).expect_err("plan rule");
        assert!(errors[0].message.contains("not a phrase rule"));
    }

    #[test]
    fn overrides_lay_over_the_top_settings() {
        let config = Config::parse(
            Path::new("repo/.outcome-lint.yaml"),
            "ignore: [outcome-count]\nyear-group: 4\nseverity: {hedged-outcome: error}\n\
             overrides:\n  - files: ['com/**']\n    ignore: [missing-section]\n    year-group: 2\n",
        )
        .expect("parses");
        let plan = config.effective(Path::new("repo/plans/a.md"));
        assert_eq!(plan.year_group, Some(4));
        assert_eq!(plan.ignore.len(), 1);
        let com = config.effective(Path::new("repo/com/b.txt"));
        assert_eq!(com.year_group, Some(2));
        assert!(com.ignore.contains("missing-section") && com.ignore.contains("outcome-count"));
        assert_eq!(com.severity.get("hedged-outcome"), Some(&Severity::Error));
    }
}
