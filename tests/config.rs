//! The config file as a user meets it: found above the plan, strict about keys and rule ids,
//! with house rule folders, extra phrases, overrides and `init`.

#[path = "support/run.rs"]
mod support;

use std::process::Output;

use support::run_in;

fn rules_fired(o: &Output) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap_or_else(|_| {
        panic!(
            "not JSON: {}\n{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        )
    });
    v["diagnostics"]
        .as_array()
        .expect("array")
        .iter()
        .map(|d| {
            format!(
                "{}:{}",
                d["rule"].as_str().unwrap_or(""),
                d["severity"].as_str().unwrap_or("")
            )
        })
        .collect()
}

/// A folder with `plans/steps.txt` (a hedged outcome without a deadline) and the given config.
fn project(config: Option<&str>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join("plans")).expect("mkdir");
    std::fs::write(
        dir.path().join("plans/steps.txt"),
        "Sam will begin to use full stops.\n",
    )
    .expect("write");
    if let Some(c) = config {
        std::fs::write(dir.path().join(".outcome-lint.yaml"), c).expect("write config");
    }
    dir
}

const ARGS: &[&str] = &["--part", "outcome", "--format", "json", "plans/steps.txt"];

#[test]
fn without_a_config_every_rule_runs() {
    let dir = project(None);
    let fired = rules_fired(&run_in(dir.path(), ARGS));
    assert_eq!(fired, ["no-timeframe:warning", "hedged-outcome:warning"]);
}

#[test]
fn the_config_above_the_plan_is_found_and_applied() {
    let dir = project(Some(
        "ignore: [no-timeframe]\nseverity:\n  hedged-outcome: error\n",
    ));
    let o = run_in(dir.path(), ARGS);
    assert_eq!(rules_fired(&o), ["hedged-outcome:error"]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn select_runs_only_the_named_rules() {
    let dir = project(Some("select: [no-timeframe]\n"));
    assert_eq!(
        rules_fired(&run_in(dir.path(), ARGS)),
        ["no-timeframe:warning"]
    );
}

#[test]
fn an_explicit_config_and_no_config() {
    let dir = project(Some("ignore: [no-timeframe]\n"));
    std::fs::write(dir.path().join("other.yaml"), "ignore: [hedged-outcome]\n").expect("write");
    let mut args = vec!["--config", "other.yaml"];
    args.extend_from_slice(ARGS);
    assert_eq!(
        rules_fired(&run_in(dir.path(), &args)),
        ["no-timeframe:warning"]
    );
    let mut args = vec!["--no-config"];
    args.extend_from_slice(ARGS);
    assert_eq!(rules_fired(&run_in(dir.path(), &args)).len(), 2);
}

#[test]
fn a_bad_config_is_an_error_with_its_place() {
    for (config, expected) in [
        (
            "ignore: [no-timeframe]\nselekt: []\n",
            ".outcome-lint.yaml:2:1:",
        ),
        ("ignore:\n  - no-such-rule\n", ".outcome-lint.yaml:2:5:"),
        ("year-group: twelve\n", ".outcome-lint.yaml:1:"),
    ] {
        let dir = project(Some(config));
        let o = run_in(dir.path(), ARGS);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{config:?}: {err}");
        assert!(err.contains(expected), "{config:?}: {err}");
        assert!(!err.contains("panicked"));
    }
}

#[test]
fn extra_phrases_add_a_councils_own_words() {
    let dir = project(Some(
        "ignore: [no-timeframe]\nextra-phrases:\n  hedged-outcome: [make strides towards]\n",
    ));
    std::fs::write(
        dir.path().join("plans/steps.txt"),
        "By July 2027, Sam will make strides towards reading 50 common words.\n",
    )
    .expect("write");
    assert_eq!(
        rules_fired(&run_in(dir.path(), ARGS)),
        ["hedged-outcome:warning"]
    );
}

#[test]
fn rules_dirs_load_house_rules_with_the_same_checks() {
    let house = r#"id: jargon-in-outcome
summary: professional jargon a family may not understand
parts: [outcome]
severity: note
kind: phrases
message: "'{match}' is jargon"
phrases: [phonological awareness]
help: "say what the child will do in everyday words"
reference: {source: "Our council's plain English guide"}
doc: {what: Flags jargon., why: Families read the plan., fix: Use everyday words.}
examples:
  - bad: "Sam will show phonological awareness."
    flags: ["phonological awareness"]
"#;
    let dir = project(Some(
        "rules-dirs: [house]\nignore: [no-timeframe, hedged-outcome, jargon]\n",
    ));
    std::fs::create_dir(dir.path().join("house")).expect("mkdir");
    std::fs::write(dir.path().join("house/jargon-in-outcome.yaml"), house).expect("write");
    std::fs::write(
        dir.path().join("plans/steps.txt"),
        "Sam will show phonological awareness.\n",
    )
    .expect("write");
    let o = run_in(dir.path(), ARGS);
    assert_eq!(rules_fired(&o), ["jargon-in-outcome:note"]);

    // A house rule with an unknown key is rejected with its place, like a built-in one.
    std::fs::write(
        dir.path().join("house/jargon-in-outcome.yaml"),
        house.replace("severity: note", "severity: note\nlevel: high"),
    )
    .expect("write");
    let o = run_in(dir.path(), ARGS);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("jargon-in-outcome.yaml:5:1"), "{err}");
}

#[test]
fn overrides_apply_to_matching_paths_only() {
    let dir = project(Some(
        "overrides:\n  - files: ['com/**']\n    ignore: [no-timeframe, hedged-outcome]\n",
    ));
    std::fs::create_dir(dir.path().join("com")).expect("mkdir");
    std::fs::copy(
        dir.path().join("plans/steps.txt"),
        dir.path().join("com/steps.txt"),
    )
    .expect("copy");
    assert_eq!(rules_fired(&run_in(dir.path(), ARGS)).len(), 2);
    let o = run_in(
        dir.path(),
        &["--part", "outcome", "--format", "json", "com/steps.txt"],
    );
    assert!(rules_fired(&o).is_empty());
}

#[test]
fn init_writes_a_valid_starter_and_never_overwrites() {
    let dir = project(None);
    let o = run_in(dir.path(), &["init"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let written = std::fs::read_to_string(dir.path().join(".outcome-lint.yaml")).expect("written");
    assert!(written.starts_with("# outcome-lint configuration"));
    // The starter is in force and changes nothing.
    assert_eq!(rules_fired(&run_in(dir.path(), ARGS)).len(), 2);
    let again = run_in(dir.path(), &["init"]);
    assert_eq!(again.status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(dir.path().join(".outcome-lint.yaml")).expect("still there"),
        written
    );
}

#[test]
fn the_json_schema_accepts_good_configs_and_rejects_bad_ones() {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string("schema/config.schema.json").expect("schema"),
    )
    .expect("JSON");
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let good = "select: [hedged-outcome]\nignore: [outcome-count]\nseverity: {no-timeframe: error}\n\
                extra-phrases: {hedged-outcome: [make strides]}\nyear-group: 4\nplan-date: 2026-09-01\n\
                rules-dirs: [house]\noverrides:\n  - files: ['com/**']\n    year-group: 2\n\
                limits: {max-file-size-mb: 128, max-findings-per-file: 5000}\n";
    let value: serde_json::Value = serde_saphyr::from_str(good).expect("YAML");
    assert!(validator.is_valid(&value));
    for bad in [
        "selekt: []\n",
        "year-group: 15\n",
        "overrides:\n  - ignore: []\n",
        "limits: {max-file-size: 2}\n",
        "limits: {max-yaml-depth: 0}\n",
    ] {
        let value: serde_json::Value = serde_saphyr::from_str(bad).expect("YAML");
        assert!(!validator.is_valid(&value), "{bad:?} should be rejected");
    }
}

/// Each limit is written down with its default and ceiling where users look: the schema, the
/// starter file `init` writes, the README and SECURITY.md.
#[test]
fn every_limit_is_documented_with_its_default() {
    use outcome_lint::limits::{Limit, Limits};
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string("schema/config.schema.json").expect("schema"),
    )
    .expect("JSON");
    let in_schema = &schema["properties"]["limits"]["properties"];
    let readme = std::fs::read_to_string("README.md").expect("README");
    let security = std::fs::read_to_string("SECURITY.md").expect("SECURITY.md");
    let starter = outcome_lint::config::STARTER;
    assert_eq!(
        in_schema.as_object().expect("limits in the schema").len(),
        Limit::ALL.len()
    );
    for limit in Limit::ALL {
        let (key, default) = (limit.key(), limit.value(&Limits::default()));
        let property = &in_schema[key];
        assert_eq!(property["maximum"], limit.ceiling(), "{key} in the schema");
        let description = property["description"].as_str().unwrap_or("");
        assert!(
            description.contains(&format!("(default {default})")),
            "{key} in the schema: {description}"
        );
        assert!(
            starter.contains(&format!("#   {key}: {default} ")),
            "{key} in the starter"
        );
        for (name, doc) in [("README.md", &readme), ("SECURITY.md", &security)] {
            assert!(
                doc.contains(&format!("| `{key}` | {default} |")),
                "{key} with its default {default} in {name}"
            );
        }
    }
}
