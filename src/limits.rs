//! The limits that keep one run bounded in time and memory, whatever the input: one place for
//! their defaults, their names in `.outcome-lint.yaml`, and the plain-English message a file
//! gets when it goes past one.
//!
//! A plan is tens of kilobytes. Each default is far above any real plan and far below what
//! would make the tool hang or run out of memory, so a file past a limit is not a plan (or is a
//! hostile one) and gets one clear error naming the file, the limit and how to raise it; the
//! other files of the run are still checked. The readers apply them: `cli` the file size,
//! [`crate::input::docx`] the unpacked size and part count, [`crate::input::yaml_plan`] the
//! YAML nesting and aliases, [`crate::input::pdf`] the file size, and every text (typed, read
//! from Word or from a PDF) the line length. SECURITY.md lists them with what each guards.
//! This module does no I/O.

use crate::input::InputError;

const MB: u64 = 1024 * 1024;

/// How far one file may go. `Limits::default()` is what applies without a config file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// The largest file read, in bytes (`max-file-size-mb`).
    pub max_file_bytes: u64,
    /// The longest line, in characters (`max-line-length`). In a Word document a line is a
    /// paragraph or a table row.
    pub max_line_chars: usize,
    /// The most a Word document may unpack to, in bytes, counting only the parts read
    /// (`max-docx-unpacked-mb`).
    pub max_docx_unpacked_bytes: u64,
    /// The most parts (zip entries) a Word document may have (`max-docx-parts`).
    pub max_docx_parts: usize,
    /// The deepest nesting of lists and mappings in a YAML plan (`max-yaml-depth`).
    pub max_yaml_depth: usize,
    /// The most YAML aliases (`*name`) in a YAML plan (`max-yaml-aliases`); an alias that
    /// repeats a large anchored block counts once for each node it repeats.
    pub max_yaml_aliases: usize,
    /// The most findings reported for one file (`max-findings-per-file`); the rest are counted
    /// in a message, not dropped silently.
    pub max_findings_per_file: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_file_bytes: 64 * MB,
            max_line_chars: 100_000,
            max_docx_unpacked_bytes: 64 * MB,
            max_docx_parts: 10_000,
            max_yaml_depth: 64,
            max_yaml_aliases: 1_000,
            max_findings_per_file: 1_000,
        }
    }
}

/// One limit: its key in the config file and what it counts, for messages and docs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Limit {
    FileSize,
    LineLength,
    DocxUnpacked,
    DocxParts,
    YamlDepth,
    YamlAliases,
    FindingsPerFile,
}

impl Limit {
    pub const ALL: [Limit; 7] = [
        Limit::FileSize,
        Limit::LineLength,
        Limit::DocxUnpacked,
        Limit::DocxParts,
        Limit::YamlDepth,
        Limit::YamlAliases,
        Limit::FindingsPerFile,
    ];

    /// The key under `limits:` in `.outcome-lint.yaml`.
    pub fn key(self) -> &'static str {
        match self {
            Limit::FileSize => "max-file-size-mb",
            Limit::LineLength => "max-line-length",
            Limit::DocxUnpacked => "max-docx-unpacked-mb",
            Limit::DocxParts => "max-docx-parts",
            Limit::YamlDepth => "max-yaml-depth",
            Limit::YamlAliases => "max-yaml-aliases",
            Limit::FindingsPerFile => "max-findings-per-file",
        }
    }

    /// The limit's value in `limits`, in the unit its key is written in.
    pub fn value(self, limits: &Limits) -> u64 {
        match self {
            Limit::FileSize => limits.max_file_bytes / MB,
            Limit::LineLength => limits.max_line_chars as u64,
            Limit::DocxUnpacked => limits.max_docx_unpacked_bytes / MB,
            Limit::DocxParts => limits.max_docx_parts as u64,
            Limit::YamlDepth => limits.max_yaml_depth as u64,
            Limit::YamlAliases => limits.max_yaml_aliases as u64,
            Limit::FindingsPerFile => limits.max_findings_per_file as u64,
        }
    }

    /// Sets the limit in `limits` from a value in the unit its key is written in.
    pub fn set(self, limits: &mut Limits, value: u64) {
        let count = usize::try_from(value).unwrap_or(usize::MAX);
        match self {
            Limit::FileSize => limits.max_file_bytes = value.saturating_mul(MB),
            Limit::LineLength => limits.max_line_chars = count,
            Limit::DocxUnpacked => limits.max_docx_unpacked_bytes = value.saturating_mul(MB),
            Limit::DocxParts => limits.max_docx_parts = count,
            Limit::YamlDepth => limits.max_yaml_depth = count,
            Limit::YamlAliases => limits.max_yaml_aliases = count,
            Limit::FindingsPerFile => limits.max_findings_per_file = count,
        }
    }

    /// The largest value the config file may set: beyond it the limit would no longer protect
    /// the machine (memory for sizes, the stack for YAML nesting).
    pub fn ceiling(self) -> u64 {
        match self {
            Limit::FileSize | Limit::DocxUnpacked => 1024,
            Limit::LineLength => 100_000_000,
            Limit::DocxParts => 1_000_000,
            Limit::YamlDepth => 1_000,
            Limit::YamlAliases => 1_000_000,
            Limit::FindingsPerFile => 10_000_000,
        }
    }

    /// The sentence that ends every message about this limit: how to raise it.
    pub fn how_to_raise(self, limits: &Limits) -> String {
        format!(
            "raise the limit with '{}: {}' under 'limits:' in .outcome-lint.yaml",
            self.key(),
            self.value(limits)
                .saturating_mul(4)
                .min(self.ceiling())
                .max(1)
        )
    }
}

impl Limits {
    /// An error for a file that goes past `limit`: what happened, then how to raise it.
    pub fn exceeded(&self, path: &str, limit: Limit, what: &str) -> InputError {
        InputError {
            path: path.to_string(),
            message: format!(
                "{what}; it was not checked (if it really is a plan, {})",
                limit.how_to_raise(self)
            ),
        }
    }

    /// The error for a file larger than the file-size limit.
    pub fn file_too_large(&self, path: &str) -> InputError {
        self.exceeded(
            path,
            Limit::FileSize,
            &format!(
                "this file is larger than {} MB, far larger than any plan",
                Limit::FileSize.value(self)
            ),
        )
    }

    /// Checks that no line of `text` is longer than the line-length limit. Says which line.
    pub fn check_lines(&self, path: &str, text: &str) -> Result<(), InputError> {
        if text.len() <= self.max_line_chars {
            return Ok(());
        }
        for (n, line) in text.split('\n').enumerate() {
            // A line within the limit in bytes is within it in characters: count only long ones.
            if line.len() > self.max_line_chars && line.chars().count() > self.max_line_chars {
                return Err(self.exceeded(
                    path,
                    Limit::LineLength,
                    &format!(
                        "line {} is longer than {} characters, far longer than any line of a plan",
                        n + 1,
                        self.max_line_chars
                    ),
                ));
            }
        }
        Ok(())
    }

    /// The YAML parser's options for a YAML plan: nesting and aliases within these limits.
    pub fn yaml_options(&self) -> serde_saphyr::Options {
        let mut options = crate::rules::file::yaml_options();
        if let Some(budget) = options.budget.as_mut() {
            budget.max_depth = self.max_yaml_depth;
            budget.max_aliases = self.max_yaml_aliases;
        }
        options.alias_limits.max_total_replayed_events = self.max_yaml_aliases.saturating_mul(100);
        options
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_limit_reads_back_what_was_set() {
        for limit in Limit::ALL {
            let mut limits = Limits::default();
            limit.set(&mut limits, 7);
            assert_eq!(limit.value(&limits), 7, "{}", limit.key());
            assert!(limit.value(&Limits::default()) <= limit.ceiling());
        }
    }

    #[test]
    fn long_lines_are_refused_with_their_number_and_how_to_raise_the_limit() {
        let limits = Limits {
            max_line_chars: 10,
            ..Limits::default()
        };
        assert!(limits.check_lines("p.md", "short\nlines\nonly").is_ok());
        // Ten characters, more than ten bytes: within the limit.
        assert!(limits.check_lines("p.md", "éééééééééé\nok").is_ok());
        let e = limits
            .check_lines("p.md", "ok\nthis line is too long\n")
            .unwrap_err();
        assert_eq!(e.path, "p.md");
        assert!(e.message.contains("line 2 is longer than 10"), "{e}");
        assert!(e.message.contains("max-line-length: 40"), "{e}");
    }
}
