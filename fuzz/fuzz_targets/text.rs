#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| outcome_lint_fuzz::text(data));
