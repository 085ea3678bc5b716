#![no_main]

libfuzzer_sys::fuzz_target!(init: outcome_lint_fuzz::warm_up(), |data: &[u8]| {
    outcome_lint_fuzz::yaml_plan(data)
});
