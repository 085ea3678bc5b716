//! Runs the `outcome-lint` binary as a user would, for the whole-command tests: arguments,
//! an optional folder to run in and standard input, with a wall-clock guard that kills a run
//! that hangs and fails the test, instead of letting the suite wait forever.

#![allow(dead_code)]

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Output, Stdio};
use std::time::{Duration, Instant};

/// How long any one run may take before it counts as a hang. Generous: a debug build on a
/// busy machine takes a few seconds just to start; a hang takes forever.
pub const GUARD: Duration = Duration::from_secs(120);

/// Standard output as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Standard error as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Standard output as JSON, or a failure that shows both streams.
pub fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| {
        panic!(
            "standard output is not JSON ({e}):\n{}\n{}",
            stdout(o),
            stderr(o)
        )
    })
}

/// Fails when the run panicked or printed a backtrace.
pub fn assert_no_panic(o: &Output) {
    let err = stderr(o);
    assert!(
        !err.contains("panicked")
            && !err.contains("RUST_BACKTRACE")
            && !err.contains("stack backtrace"),
        "the tool panicked: {err}"
    );
}

/// The error line that names `path` first, or a failure that shows all of standard error.
pub fn error_for(o: &Output, path: &str) -> String {
    let err = stderr(o);
    err.lines()
        .find(|l| l.starts_with(&format!("error: {path}")))
        .unwrap_or_else(|| panic!("no error line names {path}:\n{err}"))
        .to_string()
}

/// The binary, with colour left to the flags.
pub fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_outcome-lint"));
    c.env_remove("NO_COLOR");
    c
}

/// Runs the binary with `args` in the current folder.
pub fn run(args: &[&str]) -> Output {
    finish(bin().args(args), None, GUARD)
}

/// Runs the binary with `args`, writing `input` to its standard input.
pub fn run_stdin(args: &[&str], input: &[u8]) -> Output {
    finish(bin().args(args), Some(input), GUARD)
}

/// Runs the binary with `args` in the folder `dir`.
pub fn run_in(dir: &Path, args: &[&str]) -> Output {
    finish(bin().current_dir(dir).args(args), None, GUARD)
}

/// Runs a prepared command to the end, or kills it after `guard` and fails the test. Both
/// output streams are read as they come, so a run with a long report cannot block on a full pipe.
pub fn finish(command: &mut Command, input: Option<&[u8]>, guard: Duration) -> Output {
    let mut child = command
        .stdin(if input.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let writer = input.map(|bytes| {
        let mut stdin = child.stdin.take().expect("stdin");
        let bytes = bytes.to_vec();
        // The tool may stop reading early (past a limit): a broken pipe here is expected.
        std::thread::spawn(move || {
            let _ = stdin.write_all(&bytes);
        })
    });
    let stdout = drain(child.stdout.take().expect("stdout"));
    let stderr = drain(child.stderr.take().expect("stderr"));
    let status = wait_or_kill(&mut child, guard);
    if let Some(w) = writer {
        let _ = w.join();
    }
    Output {
        status,
        stdout: stdout.join().expect("stdout read"),
        stderr: stderr.join().expect("stderr read"),
    }
}

fn drain(mut stream: impl Read + Send + 'static) -> std::thread::JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = stream.read_to_end(&mut bytes);
        bytes
    })
}

fn wait_or_kill(child: &mut Child, guard: Duration) -> ExitStatus {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait for the binary") {
            return status;
        }
        if start.elapsed() > guard {
            let _ = child.kill();
            let _ = child.wait();
            panic!("the run did not finish within {guard:?}: it hangs");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}
