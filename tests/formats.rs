//! The machine formats, run as a user runs them: SARIF validates against the official 2.1.0
//! schema, GitHub annotations are well formed, JUnit has one failing test per finding.

use std::path::Path;
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_outcome-lint"))
        .args(args)
        .output()
        .expect("binary runs")
}

fn json_count(path: &str) -> usize {
    let o = run(&["check", "--format", "json", path]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    v["diagnostics"].as_array().expect("array").len()
}

const PLAN: &str = "examples/amira-year4.md";

#[test]
fn sarif_validates_against_the_official_schema() {
    let schema_path = Path::new("../shared/sarif-schema-2.1.0.json");
    let text = std::fs::read_to_string(schema_path)
        .expect("the SARIF schema sits at ../shared/sarif-schema-2.1.0.json");
    // The official schema's `run.language` pattern has a stray ']' that strict regex checkers
    // reject while checking the schema itself; outcome-lint never writes `language`, so the
    // typo is mended here rather than turning format checking off.
    let text = text.replace(
        r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#,
        r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}?$""#,
    );
    let mut schema: serde_json::Value = serde_json::from_str(&text).expect("schema is JSON");
    // The copy in ../shared keeps the log's own schema under `definitions/Root` with nothing at
    // the top, which would accept any JSON at all; point the top at it.
    if schema.get("properties").is_none() && schema["definitions"].get("Root").is_some() {
        schema = serde_json::json!({
            "$schema": schema["$schema"].clone(),
            "allOf": [{"$ref": "#/definitions/Root"}],
            "definitions": schema["definitions"].clone(),
        });
    }
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("schema compiles");
    assert!(
        !validator.is_valid(&serde_json::json!({"version": "2.1.0"})),
        "the validator must reject a log without runs"
    );
    assert!(
        !validator.is_valid(&serde_json::json!({"version": "2.1.0", "runs": [{"tool": {}}]})),
        "the validator must reject a run whose tool has no driver"
    );
    let o = run(&[
        "check",
        "--format",
        "sarif",
        PLAN,
        "examples/kofi-year10.txt",
    ]);
    let sarif: serde_json::Value = serde_json::from_slice(&o.stdout).expect("SARIF is JSON");
    let problems: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));

    let run0 = &sarif["runs"][0];
    assert_eq!(run0["columnKind"], "unicodeCodePoints");
    let rules = run0["tool"]["driver"]["rules"].as_array().expect("rules");
    assert!(rules.len() > 10);
    for r in rules {
        assert!(r["helpUri"].as_str().is_some_and(
            |u| u.ends_with(&format!("docs/rules.md#{}", r["id"].as_str().unwrap_or("")))
        ));
        assert!(["error", "warning", "note"]
            .contains(&r["defaultConfiguration"]["level"].as_str().unwrap_or("")));
    }
    let results = run0["results"].as_array().expect("results");
    assert_eq!(
        results.len(),
        json_count(PLAN) + json_count("examples/kofi-year10.txt")
    );
    for r in results {
        let i = r["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[i]["id"], r["ruleId"]);
        let region = &r["locations"][0]["physicalLocation"]["region"];
        for key in ["startLine", "startColumn", "endLine", "endColumn"] {
            assert!(region[key].as_u64().is_some_and(|n| n >= 1), "{key}");
        }
    }
}

#[test]
fn sarif_columns_count_characters_not_bytes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("plan.txt");
    // "Zoë" and the em dash are several bytes each but one column.
    std::fs::write(&file, "Zoë — will begin to use full stops by July 2027.\n").expect("write");
    let o = run(&[
        "check",
        "--part",
        "outcome",
        "--format",
        "sarif",
        file.to_str().expect("utf-8 path"),
    ]);
    let sarif: serde_json::Value = serde_json::from_slice(&o.stdout).expect("SARIF");
    let result = sarif["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .find(|r| r["ruleId"] == "hedged-outcome")
        .expect("hedged-outcome")
        .clone();
    let region = &result["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startColumn"], 12);
    assert_eq!(region["snippet"]["text"], "begin to");
    assert_eq!(region["endColumn"], 20);
}

#[test]
fn github_annotations_are_one_escaped_line_per_finding() {
    let o = run(&["check", "--format", "github", PLAN]);
    let text = String::from_utf8(o.stdout).expect("utf-8");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), json_count(PLAN));
    for line in &lines {
        assert!(
            line.starts_with("::error file=")
                || line.starts_with("::warning file=")
                || line.starts_with("::notice file="),
            "{line}"
        );
        let (props, message) = line[2..].split_once("::").expect("two parts");
        assert!(
            props.contains(",line=") && props.contains(",endColumn=") && props.contains(",title=")
        );
        assert!(!message.is_empty() && !message.contains('\n'));
    }
}

#[test]
fn junit_has_a_suite_per_file_and_a_failure_per_finding() {
    let o = run(&[
        "check",
        "--format",
        "junit",
        PLAN,
        "examples/kofi-year10.txt",
    ]);
    let xml = String::from_utf8(o.stdout).expect("utf-8");
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
    assert_eq!(xml.matches("<testsuite ").count(), 2);
    assert_eq!(
        xml.matches("<failure ").count(),
        json_count(PLAN) + json_count("examples/kofi-year10.txt")
    );
    assert_eq!(
        xml.matches("<testcase ").count(),
        xml.matches("</testcase>").count()
    );
    assert!(xml.trim_end().ends_with("</testsuites>"));
}

#[test]
fn junit_counts_a_clean_file_as_one_passing_test() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("clean.txt");
    std::fs::write(
        &file,
        "By July 2027, Sam will read 50 common words aloud.\n",
    )
    .expect("write");
    let o = run(&[
        "check",
        "--part",
        "outcome",
        "--format",
        "junit",
        file.to_str().expect("utf-8 path"),
    ]);
    let xml = String::from_utf8(o.stdout).expect("utf-8");
    assert!(xml.contains("tests=\"1\" failures=\"0\""), "{xml}");
    assert!(xml.contains("name=\"no findings\""));
}

#[test]
fn help_links_point_into_the_repository_and_at_real_anchors() {
    let repository = env!("CARGO_PKG_REPOSITORY");
    assert!(repository.starts_with("https://"), "{repository}");
    let o = run(&["check", "--format", "sarif", PLAN]);
    let sarif: serde_json::Value = serde_json::from_slice(&o.stdout).expect("SARIF is JSON");
    let driver = &sarif["runs"][0]["tool"]["driver"];
    assert_eq!(
        driver["informationUri"],
        format!("{repository}/blob/main/README.md")
    );
    let docs = std::fs::read_to_string("docs/rules.md").expect("docs/rules.md");
    for rule in driver["rules"].as_array().expect("rules") {
        let uri = rule["helpUri"].as_str().expect("helpUri");
        let anchor = uri
            .strip_prefix(&format!("{repository}/blob/main/docs/rules.md#"))
            .unwrap_or_else(|| panic!("{uri} is not in docs/rules.md of {repository}"));
        assert!(
            docs.contains(&format!("<a id=\"{anchor}\"></a>")),
            "docs/rules.md has no anchor #{anchor}"
        );
    }
    let schema = std::fs::read_to_string("schema/config.schema.json").expect("config schema");
    let schema: serde_json::Value = serde_json::from_str(&schema).expect("schema is JSON");
    assert_eq!(
        schema["$id"],
        format!("{repository}/blob/main/schema/config.schema.json")
    );
}
