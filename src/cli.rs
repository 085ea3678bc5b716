//! Command-line parsing and the commands: `check` (the default), `explain`, `rules`, `eval`.

mod files;

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use clap::{Args, Parser, Subcommand, ValueEnum};
use codespan_reporting::term::termcolor::{ColorChoice, NoColor, StandardStream};
use rayon::prelude::*;

use outcome_lint::baseline::Baseline;
use outcome_lint::config::{self, Config, Effective};
use outcome_lint::document::{Part, PlanDate};
use outcome_lint::eval;
use outcome_lint::input::{self, source, InputError, Mode};
use outcome_lint::limits::{Limit, Limits};
use outcome_lint::redact;
use outcome_lint::render::{self, Format};
use outcome_lint::report::{FileReport, Summary};
use outcome_lint::rules::{Context, RuleDoc, RuleSet, RuleSource};

use files::{describe_io_error, read_bounded, write_atomically, write_atomically_with};

/// The largest config, rule, baseline or labels file read: each is far smaller.
const MAX_SETTINGS_FILE_BYTES: u64 = 16 * 1024 * 1024;

#[derive(Parser)]
#[command(
    name = "outcome-lint",
    version,
    about = "Checks EHC plans: outcomes, provision, aspirations and needs, against the SEND Code of Practice and tribunal case law",
    after_help = "Run 'outcome-lint PLAN.md' to check a plan, or 'outcome-lint explain RULE' to read about a rule."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check plans, COM records or statement lists (the default command).
    Check(CheckArgs),
    /// Explain a rule: what it flags, why, the guidance, an example and the fix.
    Explain {
        /// The rule id, e.g. no-timeframe.
        rule: String,
    },
    /// List the rules.
    Rules {
        #[arg(long, value_enum, default_value = "text")]
        format: ListFormat,
        /// Print every phrase and pattern of the rules as a ripgrep pattern file.
        #[arg(long)]
        export_patterns: bool,
    },
    /// Show how a plan was read: its header, sections and items (to check a template's layout
    /// is understood).
    Outline {
        /// The plan file.
        path: PathBuf,
    },
    /// Write a commented starter .outcome-lint.yaml in the current folder.
    Init,
    /// Measure each rule's precision and recall on a labelled file of statements.
    Eval {
        /// A tab-separated file with the columns id, part, year_group, text, expected.
        labels: PathBuf,
        #[arg(long, value_enum, default_value = "text")]
        format: ListFormat,
        /// Fail (exit 1) when a rule falls below the floor recorded in this file.
        #[arg(long)]
        floors: Option<PathBuf>,
        /// List every row where a rule and the labels disagree.
        #[arg(long)]
        misses: bool,
        /// Score only these rules (comma-separated ids); other labels are ignored.
        #[arg(long, value_delimiter = ',')]
        only: Vec<String>,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ListFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Args)]
struct CheckArgs {
    /// Files or folders to check; '-' reads standard input.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
    /// Statement mode: each non-empty line is one statement of this part.
    #[arg(long, value_parser = parse_part)]
    part: Option<Part>,
    /// The child's year group (0 = Reception, 1 to 14), where the plan does not say.
    #[arg(long, value_parser = clap::value_parser!(u8).range(0..=14))]
    year_group: Option<u8>,
    /// The plan's date (YYYY-MM-DD), where the plan does not say.
    #[arg(long, value_parser = parse_date)]
    plan_date: Option<PlanDate>,
    /// When to use colour in the human format.
    #[arg(long, value_enum, default_value = "auto")]
    color: ColorWhen,
    /// Fail (exit 1) when more than N warnings are found.
    #[arg(long, value_name = "N")]
    max_warnings: Option<usize>,
    /// Treat these findings as errors for the exit status: '--deny warnings'.
    #[arg(long, value_enum, value_name = "WHAT")]
    deny: Vec<Deny>,
    /// After the report, print how many findings each rule made (to standard error).
    #[arg(long)]
    statistics: bool,
    /// Write the report to FILE instead of standard output (written whole, or not at all).
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
    /// Use this config file instead of the nearest .outcome-lint.yaml above each plan.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Use no config file at all.
    #[arg(long, conflicts_with = "config")]
    no_config: bool,
    /// Report only findings that this baseline file does not record.
    #[arg(long, value_name = "FILE", conflicts_with = "write_baseline")]
    baseline: Option<PathBuf>,
    /// Replace the child's names with initials in the report (to share it safely).
    #[arg(long)]
    redact: bool,
    /// Write a copy of the Word document being checked to OUT.docx, with one Word comment on the
    /// flagged words for each finding. Needs exactly one .docx file; never changes the input.
    #[arg(long, value_name = "OUT.docx")]
    annotate: Option<PathBuf>,
    /// Record today's findings in FILE, for later runs with --baseline.
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
    /// Check files on N threads at once; 0, or leaving it out, means one per CPU core. The
    /// report is the same, in the same order, whatever N is.
    #[arg(long, value_name = "N", default_value_t = 0)]
    threads: usize,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Deny {
    /// Warnings count as errors for the exit status.
    Warnings,
}

fn parse_part(s: &str) -> Result<Part, String> {
    Part::from_name(s)
        .ok_or_else(|| format!("'{s}' is not a part: use aspiration, need, outcome or provision"))
}

fn parse_date(s: &str) -> Result<PlanDate, String> {
    PlanDate::parse(s).ok_or_else(|| format!("'{s}' is not a date: write it as YYYY-MM-DD"))
}

const SUBCOMMANDS: &[&str] = &[
    "check",
    "explain",
    "rules",
    "outline",
    "eval",
    "init",
    "help",
    "-h",
    "--help",
    "-V",
    "--version",
];

pub fn run() -> i32 {
    let mut args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // `outcome-lint plan.md` means `outcome-lint check plan.md`.
    let first = args.get(1).and_then(|a| a.to_str()).unwrap_or("");
    if args.len() == 1 || !SUBCOMMANDS.contains(&first) {
        args.insert(1, "check".into());
    }
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    if matches!(cli.command, Command::Check(_) | Command::Eval { .. }) {
        outcome_lint::language::warm_up();
    }
    let rules = match RuleSet::builtin() {
        Ok(r) => r,
        Err(errors) => {
            for e in errors {
                eprintln!("error: {e}");
            }
            return 2;
        }
    };
    match cli.command {
        Command::Check(args) => check(args, &rules),
        Command::Explain { rule } => explain(&rule, &rules),
        Command::Outline { path } => outline(&path),
        Command::Init => init(),
        Command::Rules {
            format,
            export_patterns,
        } => list_rules(format, export_patterns, &rules),
        Command::Eval {
            labels,
            format,
            floors,
            misses,
            only,
        } => {
            let only: std::collections::BTreeSet<String> = only.into_iter().collect();
            let only = (!only.is_empty()).then_some(&only);
            run_eval(&labels, format, floors.as_deref(), misses, only, &rules)
        }
    }
}

/// One thing to lint: a file or standard input.
enum Target {
    File(PathBuf),
    Stdin,
}

fn collect_targets(paths: &[PathBuf], errors: &mut Vec<InputError>) -> Vec<Target> {
    let mut targets = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            targets.push(Target::Stdin);
            continue;
        }
        let shown = path.display().to_string();
        match std::fs::metadata(path) {
            Err(e) => errors.push(InputError {
                path: shown,
                message: describe_io_error(&e, "read"),
            }),
            Ok(meta) if meta.is_dir() => {
                let mut found: Vec<PathBuf> = Vec::new();
                for entry in ignore::WalkBuilder::new(path).build() {
                    match entry {
                        Ok(entry) => {
                            if entry.file_type().is_some_and(|t| t.is_file())
                                && input::is_plan_file(entry.path())
                                && walked_file_is_plan(entry.path())
                            {
                                found.push(entry.into_path());
                            }
                        }
                        Err(e) => errors.push(InputError {
                            path: shown.clone(),
                            message: format!("could not read part of this folder: {e}"),
                        }),
                    }
                }
                if found.is_empty() {
                    errors.push(InputError {
                        path: shown,
                        message: format!(
                            "this folder has no plan files to check (looked for .{} files, and .yaml or .yml files with the line '{}: 1')",
                            text_extensions().join(", ."),
                            input::yaml_plan::MARKER_KEY,
                        ),
                    });
                }
                found.sort();
                targets.extend(found.into_iter().map(Target::File));
            }
            Ok(_) => targets.push(Target::File(path.clone())),
        }
    }
    targets
}

/// The extensions of text and Markdown plans, for messages.
fn text_extensions() -> Vec<&'static str> {
    input::PLAN_EXTENSIONS
        .iter()
        .copied()
        .filter(|e| !input::YAML_EXTENSIONS.contains(e))
        .collect()
}

/// Whether a file a folder walk found should be checked. A YAML file is checked only when it
/// is a plan: rule files and other YAML files are skipped without a word. A file that cannot be
/// read is kept when it may be a plan, so that its problem is reported.
fn walked_file_is_plan(path: &Path) -> bool {
    if !input::is_yaml_file(path) {
        return true;
    }
    let Ok(bytes) = read_bounded(path, Limits::default().max_file_bytes) else {
        return true;
    };
    match source::decode(&path.display().to_string(), &bytes) {
        Ok(text) => input::yaml_plan::is_yaml_plan(&text),
        Err(_) => {
            let marker = input::yaml_plan::MARKER_KEY.as_bytes();
            bytes.windows(marker.len()).any(|w| w == marker)
        }
    }
}

/// Reads a file or standard input whole, within the size limit: the name to show and the bytes.
fn read_target(target: &Target, limits: &Limits) -> Result<(String, Vec<u8>), InputError> {
    match target {
        Target::Stdin => {
            let mut bytes = Vec::new();
            io::stdin()
                .take(limits.max_file_bytes.saturating_add(1))
                .read_to_end(&mut bytes)
                .map_err(|e| InputError {
                    path: "-".into(),
                    message: format!("cannot read standard input: {e}"),
                })?;
            if bytes.len() as u64 > limits.max_file_bytes {
                return Err(limits.file_too_large("-"));
            }
            Ok(("-".into(), bytes))
        }
        Target::File(path) => {
            let shown = path.display().to_string();
            let bytes = read_bounded(path, limits.max_file_bytes).map_err(|e| InputError {
                path: shown.clone(),
                message: e.message(|| limits.file_too_large(&shown).message),
            })?;
            Ok((shown, bytes))
        }
    }
}

/// Reads a config, rule, baseline or labels file as text, within a size limit.
fn read_settings_file(path: &Path) -> Result<String, String> {
    let shown = path.display().to_string();
    let bytes = read_bounded(path, MAX_SETTINGS_FILE_BYTES).map_err(|e| {
        e.message(|| {
            format!(
                "this file is larger than {} MB, far larger than any settings file",
                MAX_SETTINGS_FILE_BYTES / (1024 * 1024)
            )
        })
    })?;
    source::decode(&shown, &bytes).map_err(|e| e.message)
}

/// `check`, on a thread pool of its own with `--threads` threads (rayon's default, one per
/// core, when 0).
fn check(args: CheckArgs, rules: &RuleSet) -> i32 {
    let pool = match rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads)
        .build()
    {
        Ok(pool) => pool,
        Err(e) => {
            eprintln!("error: could not start {} threads: {e}", args.threads);
            return 2;
        }
    };
    pool.install(|| check_in_pool(args, rules))
}

fn check_in_pool(args: CheckArgs, rules: &RuleSet) -> i32 {
    if args.paths.is_empty() {
        eprintln!("error: name a plan file or folder to check, or '-' to read standard input");
        eprintln!("       for example: outcome-lint examples/");
        return 2;
    }
    let mode = match args.part {
        Some(part) => Mode::Statements(part),
        None => Mode::Plan,
    };
    if let Some(out) = &args.annotate {
        let context = Context {
            year_group: args.year_group,
            plan_date: args.plan_date,
        };
        return check_and_annotate(&args, out, mode, &context, rules);
    }
    let mut errors = Vec::new();
    let targets = collect_targets(&args.paths, &mut errors);
    for output in [&args.output, &args.write_baseline].into_iter().flatten() {
        if let Some(clash) = output_clashes_with_input(output, &targets) {
            eprintln!(
                "error: {}: this is one of the files being checked; outcome-lint never writes to its inputs",
                clash
            );
            return 2;
        }
    }
    let baseline = match &args.baseline {
        None => None,
        Some(path) => {
            let shown = path.display().to_string();
            match read_settings_file(path).and_then(|t| Baseline::parse(&t)) {
                Ok(b) => Some(b),
                Err(message) => {
                    eprintln!("error: {shown}: {message}");
                    return 2;
                }
            }
        }
    };
    let jobs = match configure(&args, targets, rules) {
        Ok(jobs) => jobs,
        Err(config_errors) => {
            for e in config_errors {
                eprintln!("error: {e}");
            }
            return 2;
        }
    };
    let mut docs: Vec<&RuleDoc> = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for job in &jobs {
        for d in job.rules.as_deref().unwrap_or(rules).docs() {
            if seen.insert(d.id.as_str()) {
                docs.push(d);
            }
        }
    }
    docs.sort_by(|a, b| a.id.cmp(&b.id));
    let progress = Progress::new(jobs.len());
    // Reads and lints files in parallel; a report comes back with the limits it was read under.
    let lint_all = |jobs: &[Job], errors: &mut Vec<InputError>| -> Vec<(FileReport, Limits)> {
        let results: Vec<Result<(FileReport, Limits), InputError>> = jobs
            .par_iter()
            .map(|job| {
                let result = lint_job(job, &args, mode, rules);
                progress.tick();
                result
            })
            .collect();
        let mut reports = Vec::new();
        for r in results {
            match r {
                Ok(linted) => reports.push(linted),
                Err(e) => errors.push(e),
            }
        }
        reports
    };
    // Last, after any baseline has seen the whole findings: the findings limit, then --redact.
    let settle = |linted: Vec<(FileReport, Limits)>, errors: &mut Vec<InputError>| {
        let mut linted = linted;
        for (report, limits) in linted.iter_mut() {
            errors.extend(limit_findings(report, limits));
        }
        if args.redact {
            let unredacted: Vec<InputError> = linted
                .par_iter_mut()
                .filter_map(|(report, limits)| redact_or_withhold(report, mode, limits))
                .collect();
            errors.extend(unredacted);
        }
        linted
            .into_iter()
            .map(|(report, _)| report)
            .collect::<Vec<_>>()
    };
    if render::streams(args.format)
        && args.output.is_none()
        && args.baseline.is_none()
        && args.write_baseline.is_none()
    {
        let lint_batch = |batch: &[Job], errors: &mut Vec<InputError>| {
            let linted = lint_all(batch, errors);
            settle(linted, errors)
        };
        return check_streaming(&args, &jobs, lint_batch, errors, &progress);
    }
    let (mut reports, limits): (Vec<FileReport>, Vec<Limits>) =
        lint_all(&jobs, &mut errors).into_iter().unzip();
    progress.finish();
    if let Some(baseline) = &baseline {
        baseline.remove_known(&mut reports);
    }
    if let Some(path) = &args.write_baseline {
        let recorded = Baseline::record(&reports);
        if let Err(message) = write_atomically(path, recorded.to_json().as_bytes()) {
            eprintln!("error: {message}");
            return 2;
        }
    }
    let reports = settle(reports.into_iter().zip(limits).collect(), &mut errors);
    report_and_exit_status(&args, &reports, &errors, &docs)
}

/// How many files a streaming run lints before it writes their part of the report: enough to
/// keep every thread busy, few enough that memory stays flat however many files there are.
const STREAM_BATCH: usize = 256;

/// Lints and reports batch by batch, in path order, for the formats that stream (see
/// [`render::streams`]): the report is written as the run goes, and only the counts are kept.
fn check_streaming(
    args: &CheckArgs,
    jobs: &[Job],
    lint_all: impl Fn(&[Job], &mut Vec<InputError>) -> Vec<FileReport>,
    mut errors: Vec<InputError>,
    progress: &Progress,
) -> i32 {
    let mut out = stdout_stream(args.color);
    let mut summary = Summary::default();
    let mut statistics = Statistics::default();
    let mut written = Ok(());
    for batch in jobs.chunks(STREAM_BATCH) {
        let reports = lint_all(batch, &mut errors);
        summary.add(&reports);
        statistics.add(&reports);
        if written.is_ok() {
            written = render::render_files(args.format, &reports, &mut out);
        }
    }
    progress.finish();
    if written.is_ok() {
        written = render::render_end(args.format, &summary, &mut out);
    }
    let _ = out.flush();
    if let Err(e) = written {
        if e.kind() != io::ErrorKind::BrokenPipe {
            eprintln!("error: could not write the report: {e}");
            return 2;
        }
    }
    if args.statistics {
        eprint!("{statistics}");
    }
    for e in &errors {
        eprintln!("error: {e}");
    }
    exit_status(args, &summary, &errors)
}

/// Reads and lints one file with its settings and limits.
fn lint_job(
    job: &Job,
    args: &CheckArgs,
    mode: Mode,
    rules: &RuleSet,
) -> Result<(FileReport, Limits), InputError> {
    let context = Context {
        year_group: args.year_group.or(job.settings.year_group),
        plan_date: args.plan_date.or(job.settings.plan_date),
    };
    let limits = &job.settings.limits;
    let (path, bytes) = read_target(&job.target, limits)?;
    let mut report = outcome_lint::lint_bytes_within(
        &path,
        &bytes,
        mode,
        job.rules.as_deref().unwrap_or(rules),
        &context,
        limits,
    )?;
    job.settings.filter(&mut report.diagnostics);
    Ok((report, *limits))
}

/// Keeps the first findings of a report, up to the limit, and says how many more there were.
fn limit_findings(report: &mut FileReport, limits: &Limits) -> Option<InputError> {
    let total = report.diagnostics.len();
    let shown = limits.max_findings_per_file;
    if total <= shown {
        return None;
    }
    report.diagnostics.truncate(shown);
    Some(InputError {
        path: report.path.clone(),
        message: format!(
            "this file has {total} findings, more than the limit of {shown}: the first {shown} are shown and {} are not; fix those first, or {}",
            total - shown,
            Limit::FindingsPerFile.how_to_raise(limits)
        ),
    })
}

/// Replaces the child's names in a report with initials. A report whose names cannot be found
/// again keeps none of its findings, rather than show a name that was asked to be hidden.
fn redact_or_withhold(report: &mut FileReport, mode: Mode, limits: &Limits) -> Option<InputError> {
    match input::read_document_within(&report.path, report.text.clone(), mode, limits) {
        Ok(document) => {
            let names = redact::child_names(&document);
            redact::redact_report(report, &names);
            None
        }
        Err(e) => {
            report.diagnostics.clear();
            report.text.clear();
            Some(InputError {
                path: e.path,
                message: format!(
                    "the child's names in this file could not be found to hide them, so its findings are not shown ({})",
                    e.message
                ),
            })
        }
    }
}

/// Writes the reports (to standard output or --output), the statistics and the input errors;
/// returns the exit status they call for.
fn report_and_exit_status(
    args: &CheckArgs,
    reports: &[FileReport],
    errors: &[InputError],
    docs: &[&RuleDoc],
) -> i32 {
    let written = match &args.output {
        Some(path) => write_report_file(path, args.format, reports, docs),
        None => write_report_stdout(args.format, args.color, reports, docs),
    };
    if let Err(message) = written {
        eprintln!("error: {message}");
        return 2;
    }
    if args.statistics {
        let mut statistics = Statistics::default();
        statistics.add(reports);
        eprint!("{statistics}");
    }
    for e in errors {
        eprintln!("error: {e}");
    }
    exit_status(args, &Summary::of(reports), errors)
}

/// 2 when a file could not be checked; 1 when the findings break the run's thresholds.
fn exit_status(args: &CheckArgs, summary: &Summary, errors: &[InputError]) -> i32 {
    let deny_warnings = args.deny.contains(&Deny::Warnings);
    if !errors.is_empty() {
        2
    } else if summary.errors > 0
        || (deny_warnings && summary.warnings > 0)
        || args.max_warnings.is_some_and(|n| summary.warnings > n)
    {
        1
    } else {
        0
    }
}

/// `check --annotate OUT.docx`: checks one Word document, reports as usual, and writes a copy
/// with a comment per finding. The input is only read; the copy is written to a temporary file
/// beside OUT and renamed over it, so OUT is never left half written.
fn check_and_annotate(
    args: &CheckArgs,
    out: &Path,
    mode: Mode,
    context: &Context,
    rules: &RuleSet,
) -> i32 {
    let fail = |message: String| {
        eprintln!("error: {message}");
        2
    };
    let [input] = args.paths.as_slice() else {
        return fail(
            "--annotate writes a copy of one Word document: name exactly one .docx file to check"
                .into(),
        );
    };
    let shown = input.display().to_string();
    if input.as_os_str() == "-" || !input::docx::is_docx_name(&shown) {
        return fail(format!(
            "{shown}: --annotate needs a Word document (.docx) to copy"
        ));
    }
    let out_shown = out.display().to_string();
    if !input::docx::is_docx_name(&out_shown) {
        return fail(format!(
            "{out_shown}: the copy with comments must be a .docx file (name it e.g. reviewed.docx)"
        ));
    }
    let (shown, bytes) = match read_target(&Target::File(input.clone()), &Limits::default()) {
        Ok(read) => read,
        Err(e) => return fail(e.to_string()),
    };
    if is_same_file(input, out) {
        return fail(format!(
            "{out_shown}: this is the document being checked; outcome-lint never writes to its input, so name a new file for the copy"
        ));
    }
    let word = match input::docx::read(&shown, &bytes, mode) {
        Ok(word) => word,
        Err(e) => {
            return report_and_exit_status(args, &[], &[e], &rules.docs().collect::<Vec<_>>())
        }
    };
    let layout = word.layout;
    let report = outcome_lint::lint_document(&shown, word.document, rules, context);
    let written = write_atomically_with(out, |file| {
        render::word::annotate(
            &shown,
            &bytes,
            &layout,
            &report.text,
            &report.diagnostics,
            file,
        )
        .map_err(|e| e.message)
    });
    let status = report_and_exit_status(
        args,
        std::slice::from_ref(&report),
        &[],
        &rules.docs().collect::<Vec<_>>(),
    );
    match written {
        Ok(count) => {
            eprintln!(
                "wrote {out_shown}: a copy of {shown} with {count} comment{}",
                if count == 1 { "" } else { "s" }
            );
            status
        }
        Err(message) => fail(message),
    }
}

/// True when two paths name the same file (the second may not exist yet).
fn is_same_file(a: &Path, b: &Path) -> bool {
    let canonical = |p: &Path| -> Option<PathBuf> {
        if let Ok(c) = std::fs::canonicalize(p) {
            return Some(c);
        }
        let parent = match p.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        };
        Some(std::fs::canonicalize(parent).ok()?.join(p.file_name()?))
    };
    if let (Some(x), Some(y)) = (canonical(a), canonical(b)) {
        if x == y {
            return true;
        }
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(x), Ok(y)) = (std::fs::metadata(a), std::fs::metadata(b)) {
            return x.dev() == y.dev() && x.ino() == y.ino();
        }
    }
    false
}

fn write_report_stdout(
    format: Format,
    color: ColorWhen,
    reports: &[FileReport],
    rules: &[&RuleDoc],
) -> Result<(), String> {
    let mut out = stdout_stream(color);
    match render::render(format, reports, rules, &mut out) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            return Err(format!("could not write the report: {e}"))
        }
        _ => {}
    }
    let _ = out.flush();
    Ok(())
}

/// Standard output, in colour when asked, or when it is a terminal and NO_COLOR is not set.
fn stdout_stream(color: ColorWhen) -> StandardStream {
    let color = match color {
        ColorWhen::Always => ColorChoice::Always,
        ColorWhen::Never => ColorChoice::Never,
        ColorWhen::Auto => {
            if io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none() {
                ColorChoice::Auto
            } else {
                ColorChoice::Never
            }
        }
    };
    StandardStream::stdout(color)
}

/// Renders the whole report, then writes it beside its destination and renames it into place,
/// so a reader never sees half a report and a failed run leaves any old report intact.
fn write_report_file(
    path: &Path,
    format: Format,
    reports: &[FileReport],
    rules: &[&RuleDoc],
) -> Result<(), String> {
    let mut buffer = NoColor::new(Vec::new());
    render::render(format, reports, rules, &mut buffer)
        .map_err(|e| format!("could not write the report: {e}"))?;
    write_atomically(path, buffer.get_ref())
}

/// The input file that `output` would overwrite, if any.
fn output_clashes_with_input(output: &Path, targets: &[Target]) -> Option<String> {
    let output = std::fs::canonicalize(output).ok()?;
    targets.iter().find_map(|t| match t {
        Target::File(p) if std::fs::canonicalize(p).ok().as_ref() == Some(&output) => {
            Some(p.display().to_string())
        }
        _ => None,
    })
}

/// Findings per rule, most frequent first.
/// `--statistics`: findings counted by rule and severity.
#[derive(Default)]
struct Statistics {
    counts: std::collections::BTreeMap<(String, &'static str), usize>,
}

impl Statistics {
    fn add(&mut self, reports: &[FileReport]) {
        for d in reports.iter().flat_map(|r| &r.diagnostics) {
            *self
                .counts
                .entry((d.rule.clone(), d.severity.name()))
                .or_default() += 1;
        }
    }
}

impl std::fmt::Display for Statistics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut rows: Vec<(&(String, &str), &usize)> = self.counts.iter().collect();
        rows.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        writeln!(f, "findings by rule:")?;
        for ((rule, severity), n) in &rows {
            writeln!(f, "{n:>6}  {severity:<7}  {rule}")?;
        }
        let total: usize = rows.iter().map(|r| *r.1).sum();
        writeln!(f, "{total:>6}  total")
    }
}

/// A count of checked files on standard error, shown only to a person watching a terminal
/// while many files are checked: never in pipes or CI logs.
struct Progress {
    total: usize,
    done: std::sync::atomic::AtomicUsize,
    shown: bool,
}

impl Progress {
    const MIN_FILES: usize = 50;

    fn new(total: usize) -> Progress {
        let shown = total > Self::MIN_FILES
            && io::stderr().is_terminal()
            && std::env::var_os("CI").is_none();
        Progress {
            total,
            done: std::sync::atomic::AtomicUsize::new(0),
            shown,
        }
    }

    fn tick(&self) {
        let done = self.done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        if self.shown && (done.is_multiple_of(25) || done == self.total) {
            eprint!("\rchecked {done} of {} files", self.total);
        }
    }

    fn finish(&self) {
        if self.shown {
            // Clear the line so the report starts on a clean one.
            eprint!("\r\x1b[2K");
        }
    }
}

/// One file to lint, with the settings and rules that apply to it.
struct Job {
    target: Target,
    settings: Effective,
    /// The rules for this file, when its config changes them; otherwise the built-in set.
    rules: Option<Arc<RuleSet>>,
}

/// A config file in use, with the rule set its rule folders give.
struct LoadedConfig {
    config: Config,
    sources: Vec<RuleSource>,
}

/// Finds, loads and checks the config for every target, and builds (once each) the rule sets
/// their settings need. Any problem in a config file stops the run: linting with half a
/// configuration would report the wrong things.
fn configure(
    args: &CheckArgs,
    targets: Vec<Target>,
    builtin: &RuleSet,
) -> Result<Vec<Job>, Vec<String>> {
    let mut errors: Vec<String> = Vec::new();
    let mut loaded: Vec<LoadedConfig> = Vec::new();
    let mut by_path: HashMap<PathBuf, Option<usize>> = HashMap::new();
    let mut found_in: HashMap<PathBuf, Option<PathBuf>> = HashMap::new();
    let mut rule_sets: HashMap<(Option<usize>, String), Arc<RuleSet>> = HashMap::new();
    let mut jobs = Vec::new();
    for target in targets {
        let config_path = if args.no_config {
            None
        } else if let Some(explicit) = &args.config {
            Some(explicit.clone())
        } else {
            let start = match &target {
                Target::File(p) => p.parent().map(Path::to_path_buf).unwrap_or_default(),
                Target::Stdin => PathBuf::from("."),
            };
            find_config(&start, &mut found_in)
        };
        let index = match config_path {
            None => None,
            Some(path) => match by_path.get(&path) {
                Some(i) => *i,
                None => {
                    let i = match load_config(&path, builtin) {
                        Ok(l) => {
                            loaded.push(l);
                            Some(loaded.len() - 1)
                        }
                        Err(e) => {
                            errors.extend(e);
                            None
                        }
                    };
                    by_path.insert(path, i);
                    i
                }
            },
        };
        let settings = match (index, &target) {
            (Some(i), Target::File(p)) => loaded[i].config.effective(p),
            (Some(i), Target::Stdin) => loaded[i].config.effective(Path::new("-")),
            (None, _) => Effective::default(),
        };
        let key = (
            index,
            serde_json::to_string(&settings.extra_phrases).unwrap_or_default(),
        );
        let rules = match rule_sets.get(&key) {
            Some(r) => Some(r.clone()),
            None if index.is_none() => None,
            None => {
                let sources = index.map(|i| loaded[i].sources.as_slice()).unwrap_or(&[]);
                match RuleSet::from_sources_with_phrases(sources, &settings.extra_phrases) {
                    Ok(r) => {
                        let r = Arc::new(r);
                        rule_sets.insert(key, r.clone());
                        Some(r)
                    }
                    Err(e) => {
                        errors.extend(e.iter().map(ToString::to_string));
                        None
                    }
                }
            }
        };
        jobs.push(Job {
            target,
            settings,
            rules,
        });
    }
    if errors.is_empty() {
        Ok(jobs)
    } else {
        errors.dedup();
        Err(errors)
    }
}

/// The nearest .outcome-lint.yaml in `start` or a folder above it.
fn find_config(start: &Path, cache: &mut HashMap<PathBuf, Option<PathBuf>>) -> Option<PathBuf> {
    let start = std::path::absolute(if start.as_os_str().is_empty() {
        Path::new(".")
    } else {
        start
    })
    .ok()?;
    let mut visited = Vec::new();
    let mut dir = Some(start.as_path());
    let mut found = None;
    while let Some(d) = dir {
        if let Some(hit) = cache.get(d) {
            found = hit.clone();
            break;
        }
        visited.push(d.to_path_buf());
        let candidate = d.join(config::FILE_NAME);
        if candidate.is_file() {
            found = Some(candidate);
            break;
        }
        dir = d.parent();
    }
    for v in visited {
        cache.insert(v, found.clone());
    }
    found
}

/// Reads a config file and its rule folders, and checks its rule ids.
fn load_config(path: &Path, builtin: &RuleSet) -> Result<LoadedConfig, Vec<String>> {
    let shown = path.display().to_string();
    let text = read_settings_file(path).map_err(|m| vec![format!("{shown}: {m}")])?;
    let strings = |e: Vec<outcome_lint::rules::FileError>| {
        e.iter().map(ToString::to_string).collect::<Vec<_>>()
    };
    let config = Config::parse(path, &text).map_err(strings)?;
    let mut sources = RuleSource::builtin();
    for dir in &config.rules_dirs {
        let mut files = Vec::new();
        if !dir.is_dir() {
            return Err(vec![format!(
                "{}: rules-dirs names '{}', which is not a folder",
                config.path,
                dir.display()
            )]);
        }
        for entry in ignore::WalkBuilder::new(dir).build().flatten() {
            let p = entry.path();
            if p.is_file() && p.extension().is_some_and(|e| e == "yaml" || e == "yml") {
                files.push(p.to_path_buf());
            }
        }
        files.sort();
        for f in files {
            let origin = f.display().to_string();
            let text = read_settings_file(&f).map_err(|m| vec![format!("{origin}: {m}")])?;
            sources.push(RuleSource {
                origin,
                text,
                built_in: false,
            });
        }
    }
    let rules = if config.rules_dirs.is_empty() {
        None
    } else {
        Some(RuleSet::from_sources(&sources).map_err(strings)?)
    };
    config
        .validate(rules.as_ref().unwrap_or(builtin))
        .map_err(strings)?;
    Ok(LoadedConfig { config, sources })
}

/// `outcome-lint init`: a commented starter config in the current folder, written whole or not
/// at all, and never over one that exists.
fn init() -> i32 {
    match files::write_new_atomically(Path::new(config::FILE_NAME), config::STARTER.as_bytes()) {
        Ok(true) => print_out(
            &format!(
                "wrote {}: every setting in it is commented out; edit it to suit\n",
                config::FILE_NAME
            ),
            0,
        ),
        Ok(false) => {
            eprintln!(
                "error: {} already exists; outcome-lint init will not overwrite it",
                config::FILE_NAME
            );
            2
        }
        Err(message) => {
            eprintln!("error: {message}");
            2
        }
    }
}

fn outline(path: &Path) -> i32 {
    let read = read_target(&Target::File(path.to_path_buf()), &Limits::default())
        .and_then(|(shown, bytes)| Ok((input::read_bytes(&shown, &bytes, Mode::Plan)?, shown)));
    let (document, shown) = match read {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    let mut out = String::new();
    let index = outcome_lint::diagnostic::LineIndex::new(&document.text);
    let m = &document.metadata;
    let _ = writeln!(out, "{shown}");
    let _ =
        writeln!(out,
        "  kind: {:?}, status: {:?}, child: {}, preferred name: {}, year group: {}, plan date: {}",
        m.kind,
        m.status,
        m.child_name.as_deref().unwrap_or("-"),
        m.preferred_name.as_deref().unwrap_or("-"),
        m.year_group
            .map(|y| y.to_string())
            .unwrap_or_else(|| "-".into()),
        m.plan_date
            .map(|d| d.to_string())
            .unwrap_or_else(|| "-".into()),
    );
    let letters: Vec<&str> = document
        .sections
        .iter()
        .map(|s| s.letter.as_str())
        .collect();
    let _ = writeln!(out, "  sections: {}", letters.join(" "));
    for item in &document.items {
        let at = index.line_column(item.span.start);
        let mut extras = Vec::new();
        if let Some(area) = &item.area {
            extras.push(format!("area: {area}"));
        }
        if let Some(t) = &item.timeframe {
            extras.push(format!(
                "timeframe: {:?}",
                document.text.get(t.span.clone()).unwrap_or("")
            ));
        }
        if !item.cells.is_empty() {
            extras.push(format!("cells: {}", item.cells.len()));
        }
        if !item.links.is_empty() {
            let targets: Vec<&str> = item.links.iter().map(|l| l.target.as_str()).collect();
            extras.push(format!("links: {}", targets.join(",")));
        }
        let text: String = document.item_text(item).chars().take(70).collect();
        let _ = writeln!(
            out,
            "  {:>4}  {:<10} {:<14} {}{}",
            at.line,
            item.kind.noun(),
            item.location().split(", ").last().unwrap_or(""),
            text.replace('\n', " "),
            if extras.is_empty() {
                String::new()
            } else {
                format!("  [{}]", extras.join("; "))
            }
        );
    }
    print_out(&out, 0)
}

/// Writes a command's output to standard output and returns `status`, or 2 when it cannot be
/// written. A reader that has gone away (`outcome-lint rules | head -1`) wanted no more, and is
/// not an error.
fn print_out(text: &str, status: i32) -> i32 {
    let mut stdout = io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => status,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => status,
        Err(e) => {
            eprintln!("error: could not write to standard output: {e}");
            2
        }
    }
}

fn explain(id: &str, rules: &RuleSet) -> i32 {
    let Some(doc) = rules.doc(id) else {
        eprintln!("error: there is no rule called '{id}'");
        if let Some(near) = closest(id, rules.docs().map(|d| d.id.as_str())) {
            eprintln!("       did you mean '{near}'?");
        }
        eprintln!("       'outcome-lint rules' lists them all");
        return 2;
    };
    print_out(&explanation(doc), 0)
}

/// The text of `explain`: written once in the rule file, shown here.
fn explanation(doc: &RuleDoc) -> String {
    let mut s = String::new();
    let parts: Vec<&str> = doc.parts.iter().map(|p| p.name()).collect();
    s.push_str(&format!(
        "{} ({}; checks: {})\n\n{}\n\n",
        doc.id,
        doc.severity.name(),
        parts.join(", "),
        doc.summary
    ));
    s.push_str(&format!("What it does\n  {}\n\n", wrap(&doc.doc.what)));
    s.push_str(&format!("Why it matters\n  {}\n\n", wrap(&doc.doc.why)));
    s.push_str(&format!("Guidance\n  {}\n", doc.reference));
    for also in &doc.see_also {
        s.push_str(&format!("  {also}\n"));
    }
    s.push('\n');
    let bad = doc.examples.iter().find_map(|e| e.bad.as_ref());
    let good = doc.examples.iter().find_map(|e| e.good.as_ref());
    if bad.is_some() || good.is_some() {
        s.push_str("Example\n");
        if let Some(b) = bad {
            s.push_str(&format!("  Instead of: {b}\n"));
        }
        if let Some(g) = good {
            s.push_str(&format!("  Write:      {g}\n"));
        }
        s.push('\n');
    }
    s.push_str(&format!("How to fix it\n  {}\n", wrap(&doc.doc.fix)));
    s
}

fn wrap(text: &str) -> String {
    let mut out = String::new();
    let mut width = 0;
    for word in text.split_whitespace() {
        if width > 0 && width + word.len() > 90 {
            out.push_str("\n  ");
            width = 0;
        } else if width > 0 {
            out.push(' ');
            width += 1;
        }
        out.push_str(word);
        width += word.len();
    }
    out
}

/// The rule id nearest to a mistyped one, if any is close.
fn closest<'a>(id: &str, ids: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    ids.map(|c| (edit_distance(id, c), c))
        .filter(|(d, c)| *d <= 3.max(c.len() / 4))
        .min()
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

fn list_rules(format: ListFormat, export: bool, rules: &RuleSet) -> i32 {
    let mut out = String::new();
    if export {
        for p in rules.export_patterns() {
            let _ = writeln!(out, "{p}");
        }
        return print_out(&out, 0);
    }
    match format {
        ListFormat::Json => {
            let list: Vec<serde_json::Value> = rules
                .docs()
                .map(|d| {
                    serde_json::json!({
                        "id": d.id,
                        "parts": d.parts,
                        "severity": d.severity,
                        "summary": d.summary,
                        "reference": d.reference.to_string(),
                    })
                })
                .collect();
            let _ = writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&list).unwrap_or_else(|_| "[]".into())
            );
        }
        ListFormat::Text => {
            let width = rules.docs().map(|d| d.id.len()).max().unwrap_or(0);
            for d in rules.docs() {
                let parts: Vec<&str> = d.parts.iter().map(|p| p.name()).collect();
                let _ = writeln!(
                    out,
                    "{:width$}  {:7}  {:24}  {}",
                    d.id,
                    d.severity.name(),
                    parts.join(","),
                    d.summary
                );
            }
        }
    }
    print_out(&out, 0)
}

fn run_eval(
    labels: &Path,
    format: ListFormat,
    floors: Option<&Path>,
    show_misses: bool,
    only: Option<&std::collections::BTreeSet<String>>,
    rules: &RuleSet,
) -> i32 {
    let shown = labels.display().to_string();
    let text = match read_settings_file(labels) {
        Ok(t) => t,
        Err(message) => {
            eprintln!("error: {shown}: {message}");
            return 2;
        }
    };
    let report_errors = |errors: Vec<eval::EvalError>| {
        for e in errors {
            eprintln!("error: {shown}:{}: {}", e.line, e.message);
        }
        2
    };
    let rows = match eval::parse(&text) {
        Ok(rows) => rows,
        Err(errors) => return report_errors(errors),
    };
    let evaluation = match eval::evaluate(&rows, rules, only) {
        Ok(e) => e,
        Err(errors) => return report_errors(errors),
    };
    let table = match format {
        ListFormat::Json => format!(
            "{}\n",
            serde_json::to_string_pretty(&eval_json(&evaluation)).unwrap_or_default()
        ),
        ListFormat::Text => eval_table(&evaluation, show_misses),
    };
    if print_out(&table, 0) != 0 {
        return 2;
    }
    let Some(floors_path) = floors else {
        return 0;
    };
    let floors_shown = floors_path.display().to_string();
    let floors = match read_settings_file(floors_path) {
        Ok(t) => match eval::parse_floors(&t) {
            Ok(f) => f,
            Err(e) => {
                eprintln!("error: {floors_shown}:{}: {}", e.line, e.message);
                return 2;
            }
        },
        Err(message) => {
            eprintln!("error: {floors_shown}: {message}");
            return 2;
        }
    };
    let below = eval::below_floors(&evaluation, &floors);
    for b in &below {
        eprintln!("below floor: {b}");
    }
    i32::from(!below.is_empty())
}

fn eval_json(e: &eval::Evaluation) -> serde_json::Value {
    let rules: Vec<serde_json::Value> = e
        .rules
        .iter()
        .map(|(id, s)| {
            serde_json::json!({
                "rule": id,
                "true_positives": s.true_positives,
                "false_positives": s.false_positives,
                "false_negatives": s.false_negatives,
                "precision": s.precision(),
                "recall": s.recall(),
            })
        })
        .collect();
    serde_json::json!({
        "rows": e.rows,
        "rules": rules,
        "total": {
            "true_positives": e.total.true_positives,
            "false_positives": e.total.false_positives,
            "false_negatives": e.total.false_negatives,
            "precision": e.total.precision(),
            "recall": e.total.recall(),
        },
        "misses": e.misses,
    })
}

fn eval_table(e: &eval::Evaluation, show_misses: bool) -> String {
    let width = e.rules.keys().map(String::len).max().unwrap_or(4).max(5);
    let mut s = format!(
        "{:width$}  {:>4}  {:>4}  {:>4}  {:>9}  {:>6}\n",
        "rule", "TP", "FP", "FN", "precision", "recall"
    );
    let row = |name: &str, sc: &eval::Score| {
        format!(
            "{:width$}  {:>4}  {:>4}  {:>4}  {:>9.3}  {:>6.3}\n",
            name,
            sc.true_positives,
            sc.false_positives,
            sc.false_negatives,
            sc.precision(),
            sc.recall()
        )
    };
    for (id, score) in &e.rules {
        s.push_str(&row(id, score));
    }
    s.push_str(&row("total", &e.total));
    s.push_str(&format!("{} rows\n", e.rows));
    if show_misses {
        for m in &e.misses {
            s.push_str(&format!(
                "line {} ({}): {} {}: {}\n",
                m.line, m.id, m.kind, m.rule, m.text
            ));
        }
    }
    s
}
