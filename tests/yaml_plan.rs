//! Structured YAML plans: the same plan in Markdown and YAML gives the same findings; every
//! YAML plan in the repository keeps to `schema/plan.schema.json`; and the command line tells
//! YAML plans from rule files and other YAML.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use outcome_lint::diagnostic::Diagnostic;
use outcome_lint::document::Document;
use outcome_lint::input::{self, yaml_plan, Mode};
use outcome_lint::rules::{Context, RuleSet};
use serde_json::Value;

fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A finding without its place: rule, severity, the item's text and the flagged words (for a
/// finding about no item, its message).
type Finding = (String, String, String, String);

fn findings(path: &str, rules: &RuleSet) -> BTreeSet<Finding> {
    let text = fs::read_to_string(path).expect("example is UTF-8");
    let document: Document =
        input::read_document(path, text, Mode::Plan).unwrap_or_else(|e| panic!("{e}"));
    let diagnostics: Vec<Diagnostic> = rules.lint(&document, &Context::default());
    assert!(!diagnostics.is_empty(), "{path}: the example has findings");
    diagnostics
        .iter()
        .map(|d| {
            let at = d.span.start;
            let item = document
                .items
                .iter()
                .find(|i| i.span.contains(&at) || i.cells.iter().any(|c| c.span.contains(&at)));
            let (item_text, what) = match item {
                Some(i) => (
                    squash(document.item_text(i)),
                    squash(&document.text[d.span.clone()]),
                ),
                None => (String::new(), d.message.clone()),
            };
            (
                d.rule.clone(),
                d.severity.name().to_string(),
                item_text,
                what,
            )
        })
        .collect()
}

#[test]
fn markdown_and_yaml_give_the_same_findings() {
    let rules = RuleSet::builtin().expect("built-in rules load");
    let markdown = findings("examples/amira-year4.md", &rules);
    let yaml = findings("examples/amira-year4.yaml", &rules);
    let only = |a: &BTreeSet<Finding>, b: &BTreeSet<Finding>| {
        a.difference(b)
            .map(|f| format!("  {f:?}"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert!(
        markdown == yaml,
        "only in Markdown:\n{}\nonly in YAML:\n{}",
        only(&markdown, &yaml),
        only(&yaml, &markdown)
    );
}

/// The same plan read both ways has the same items, in the same order, with the same ids,
/// areas, links and cells.
#[test]
fn markdown_and_yaml_read_to_the_same_items() {
    let read = |path: &str| {
        let text = fs::read_to_string(path).expect("UTF-8");
        input::read_document(path, text, Mode::Plan).unwrap_or_else(|e| panic!("{e}"))
    };
    let md = read("examples/amira-year4.md");
    let yaml = read("examples/amira-year4.yaml");
    let shape = |d: &Document| -> Vec<String> {
        d.items
            .iter()
            .map(|i| {
                let mut links: Vec<&str> = i.links.iter().map(|l| l.target.as_str()).collect();
                links.sort();
                format!(
                    "{:?} {:?} {:?} {:?} {} links {:?} cells {}",
                    i.kind,
                    i.section,
                    i.area,
                    i.timeframe.as_ref().map(|t| t.timeframe.school_year),
                    squash(d.item_text(i)),
                    links,
                    i.cells.len()
                )
            })
            .collect()
    };
    assert_eq!(shape(&md), shape(&yaml));
    let ids = |d: &Document| -> Vec<Option<String>> {
        d.items
            .iter()
            .filter(|i| i.kind != outcome_lint::document::ItemKind::Aspiration)
            .map(|i| i.id.clone())
            .collect()
    };
    assert_eq!(ids(&md), ids(&yaml));
    let letters = |d: &Document| -> BTreeSet<String> {
        d.sections.iter().map(|s| s.letter.clone()).collect()
    };
    assert_eq!(letters(&md), letters(&yaml));
}

// ----- the schema -----

fn schema() -> Value {
    serde_json::from_str(&fs::read_to_string("schema/plan.schema.json").expect("schema"))
        .expect("the schema is JSON")
}

/// Every YAML plan in the repository's examples, corpus and tests.
fn yaml_plans() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if input::is_yaml_file(&path)
                && fs::read_to_string(&path).is_ok_and(|t| yaml_plan::is_yaml_plan(&t))
            {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    for dir in ["examples", "corpus", "tests"] {
        walk(Path::new(dir), &mut out);
    }
    out.sort();
    assert!(out.len() >= 2, "the example and the corpus plan: {out:?}");
    out
}

fn resolve<'a>(root: &'a Value, node: &'a Value) -> &'a Value {
    match node.get("$ref").and_then(Value::as_str) {
        Some(r) => {
            let name = r.strip_prefix("#/$defs/").expect("local $ref");
            resolve(root, &root["$defs"][name])
        }
        None => node,
    }
}

fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// A small validator for the keywords the schema uses: `type`, `const`, `enum`, `required`,
/// `properties`, `additionalProperties: false`, `items`, `minimum`, `maximum`, `pattern` and
/// local `$ref`s. It fails on a keyword it does not know, so the schema cannot outgrow it
/// silently.
fn validate(root: &Value, node: &Value, value: &Value, at: &str, problems: &mut Vec<String>) {
    const KNOWN: &[&str] = &[
        "$schema",
        "$ref",
        "$defs",
        "title",
        "description",
        "type",
        "const",
        "enum",
        "required",
        "properties",
        "additionalProperties",
        "items",
        "minimum",
        "maximum",
        "pattern",
    ];
    if let Some(keys) = node.as_object() {
        for key in keys.keys() {
            assert!(
                KNOWN.contains(&key.as_str()),
                "schema keyword {key} at {at}"
            );
        }
    }
    let node = resolve(root, node);
    if let Some(types) = node.get("type") {
        let allowed: Vec<&str> = match types {
            Value::String(t) => vec![t.as_str()],
            Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
            _ => panic!("bad type at {at}"),
        };
        let actual = type_name(value);
        let fits =
            allowed.contains(&actual) || (actual == "integer" && allowed.contains(&"number"));
        if !fits {
            problems.push(format!(
                "{at}: {actual} where the schema allows {allowed:?}"
            ));
            return;
        }
    }
    if let Some(c) = node.get("const") {
        if c != value {
            problems.push(format!("{at}: must be {c}"));
        }
    }
    if let Some(Value::Array(options)) = node.get("enum") {
        if !options.contains(value) {
            problems.push(format!("{at}: {value} is not one of {options:?}"));
        }
    }
    if let (Some(n), Some(min)) = (value.as_f64(), node.get("minimum").and_then(Value::as_f64)) {
        if n < min {
            problems.push(format!("{at}: {n} is below {min}"));
        }
    }
    if let (Some(n), Some(max)) = (value.as_f64(), node.get("maximum").and_then(Value::as_f64)) {
        if n > max {
            problems.push(format!("{at}: {n} is above {max}"));
        }
    }
    if let (Some(s), Some(p)) = (value.as_str(), node.get("pattern").and_then(Value::as_str)) {
        if !regex::Regex::new(p).expect("schema pattern").is_match(s) {
            problems.push(format!("{at}: '{s}' does not match {p}"));
        }
    }
    if let Value::Object(map) = value {
        let properties = node.get("properties").and_then(Value::as_object);
        for required in node
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let key = required.as_str().expect("required names");
            if !map.contains_key(key) {
                problems.push(format!("{at}: missing required key '{key}'"));
            }
        }
        for (key, child) in map {
            match properties.and_then(|p| p.get(key)) {
                Some(schema) => validate(root, schema, child, &format!("{at}.{key}"), problems),
                None if node.get("additionalProperties") == Some(&Value::Bool(false)) => {
                    problems.push(format!("{at}: key '{key}' is not in the schema"))
                }
                None => {}
            }
        }
    }
    if let (Value::Array(items), Some(schema)) = (value, node.get("items")) {
        for (i, item) in items.iter().enumerate() {
            validate(root, schema, item, &format!("{at}[{i}]"), problems);
        }
    }
}

fn problems_of(yaml: &str) -> Vec<String> {
    let value: Value = serde_saphyr::from_str(yaml).expect("YAML");
    let root = schema();
    let mut problems = Vec::new();
    validate(&root, &root, &value, "plan", &mut problems);
    problems
}

#[test]
fn every_yaml_plan_keeps_to_the_schema_and_reads() {
    for path in yaml_plans() {
        let text = fs::read_to_string(&path).expect("UTF-8");
        let problems = problems_of(&text);
        assert!(
            problems.is_empty(),
            "{}:\n{}",
            path.display(),
            problems.join("\n")
        );
        let shown = path.display().to_string();
        input::read_document(&shown, text, Mode::Plan).unwrap_or_else(|e| panic!("{e}"));
    }
}

#[test]
fn the_example_plans_use_every_key_the_schema_has() {
    fn keys(root: &Value, node: &Value, at: &str, out: &mut BTreeSet<String>) {
        let node = resolve(root, node);
        if let Some(props) = node.get("properties").and_then(Value::as_object) {
            for (key, child) in props {
                let path = format!("{at}.{key}");
                out.insert(path.clone());
                keys(root, child, &path, out);
            }
        }
        if let Some(items) = node.get("items") {
            keys(root, items, &format!("{at}[]"), out);
        }
    }
    fn used(value: &Value, at: &str, out: &mut BTreeSet<String>) {
        match value {
            Value::Object(map) => {
                for (key, child) in map {
                    let path = format!("{at}.{key}");
                    out.insert(path.clone());
                    used(child, &path, out);
                }
            }
            Value::Array(items) => {
                for item in items {
                    used(item, &format!("{at}[]"), out);
                }
            }
            _ => {}
        }
    }
    let root = schema();
    let mut defined = BTreeSet::new();
    keys(&root, &root, "plan", &mut defined);
    let mut seen = BTreeSet::new();
    for path in yaml_plans() {
        let value: Value =
            serde_saphyr::from_str(&fs::read_to_string(&path).expect("UTF-8")).expect("YAML");
        used(&value, "plan", &mut seen);
    }
    let unused: Vec<&String> = defined.difference(&seen).collect();
    assert!(
        unused.is_empty(),
        "no example plan uses these keys, so nothing shows the reader accepts them: {unused:?}"
    );
}

#[test]
fn the_schema_and_the_reader_refuse_the_same_mistakes() {
    let good = "outcome-lint-plan: 1\nkind: ehc-plan\nprovision:\n  - id: F1\n    text: Lego club\n    who: Teaching assistant\n";
    assert!(problems_of(good).is_empty(), "{:?}", problems_of(good));
    input::read_document("good.yaml", good.into(), Mode::Plan).expect("reads");
    for bad in [
        good.replace("who:", "whom:"),
        good.replace("kind: ehc-plan", "kind: plan"),
        good.replace("kind: ehc-plan\n", ""),
        good.replace("outcome-lint-plan: 1", "outcome-lint-plan: 2"),
        format!("{good}child:\n  year-group: 15\n"),
        format!("{good}sections:\n  L: text\n"),
        good.replace("    text: Lego club\n", ""),
    ] {
        assert!(!problems_of(&bad).is_empty(), "the schema allows:\n{bad}");
        assert!(
            input::read_document("bad.yaml", bad.clone(), Mode::Plan).is_err(),
            "the reader allows:\n{bad}"
        );
    }
}

// ----- the command line -----

fn run(args: &[&str], stdin: Option<&str>) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_outcome-lint"))
        .args(args)
        .env_remove("NO_COLOR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs");
    let mut input = child.stdin.take().expect("stdin");
    input
        .write_all(stdin.unwrap_or("").as_bytes())
        .expect("write stdin");
    drop(input);
    child.wait_with_output().expect("binary finishes")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const SMALL_PLAN: &str = "outcome-lint-plan: 1\nkind: com-record\noutcomes:\n  - id: E1\n    text: By July 2027, Sam will begin to use full stops.\n";

#[test]
fn a_folder_walk_checks_yaml_plans_and_skips_other_yaml() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("rules/outcome")).unwrap();
    fs::copy(
        "rules/outcome/hedged-outcome.yaml",
        dir.path().join("rules/outcome/hedged-outcome.yaml"),
    )
    .unwrap();
    fs::write(dir.path().join("config.yml"), "").unwrap();
    fs::write(dir.path().join("plan.yml"), SMALL_PLAN).unwrap();
    let o = run(&["--format", "concise", dir.path().to_str().unwrap()], None);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
    assert!(
        out.contains("plan.yml:5:34: warning[hedged-outcome]"),
        "{out}"
    );
    assert!(
        out.lines().all(|l| l.contains("plan.yml:")),
        "only the plan is checked: {out}"
    );

    fs::remove_file(dir.path().join("plan.yml")).unwrap();
    let o = run(&[dir.path().to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no plan files"), "{}", stderr(&o));
}

#[test]
fn a_named_yaml_file_that_is_not_a_plan_is_an_error() {
    let o = run(
        &[
            "rules/outcome/hedged-outcome.yaml",
            "examples/amira-year4.yaml",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains(
            "rules/outcome/hedged-outcome.yaml: this YAML file is not an outcome-lint plan"
        ),
        "{err}"
    );
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("amira-year4.yaml"),
        "the other file was still checked"
    );
}

#[test]
fn a_malformed_yaml_plan_names_the_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.yaml");
    fs::write(&bad, SMALL_PLAN.replace("    text:", "    txt:")).unwrap();
    let o = run(&[bad.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("bad.yaml: line 5, column 5: unknown field `txt`"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn standard_input_that_declares_itself_a_yaml_plan_is_read_as_one() {
    let o = run(&["--format", "json", "-"], Some(SMALL_PLAN));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let d = v["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|d| d["rule"] == "hedged-outcome")
        .expect("hedged-outcome found");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(5), Some(34))
    );
    assert_eq!(d["item"], "E1");
}

#[test]
fn the_readme_example_is_a_plan_that_keeps_to_the_schema() {
    let readme = fs::read_to_string("README.md").expect("README");
    let section = readme
        .split("### Structured YAML plans")
        .nth(1)
        .expect("the README has the section");
    let example = section
        .split("```yaml\n")
        .nth(1)
        .and_then(|s| s.split("```").next())
        .expect("a yaml block");
    assert!(
        problems_of(example).is_empty(),
        "{:?}",
        problems_of(example)
    );
    let document = input::read_document("README.yaml", example.to_string(), Mode::Plan)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(document.items.len(), 5);
}
