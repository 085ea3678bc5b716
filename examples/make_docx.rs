//! Builds `examples/amira-year4.docx` from `examples/amira-year4.md`, the way a plan writer would
//! type the same plan in Word (headings in Heading styles, bulleted lists, tables with a header
//! row), so that the Word example is reproducible and says exactly what the Markdown one says.
//!
//! Run `cargo run --example make_docx` after changing the Markdown plan; a test fails while the
//! two disagree.

#[path = "../tests/support/word_package.rs"]
mod word_package;

use std::process::ExitCode;

const SOURCE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/amira-year4.md");
const TARGET: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/amira-year4.docx");

fn main() -> ExitCode {
    let markdown = match std::fs::read_to_string(SOURCE) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("error: {SOURCE}: {e}");
            return ExitCode::from(2);
        }
    };
    let bytes = word_package::package(&word_package::body_from_markdown(&markdown));
    if let Err(e) = std::fs::write(TARGET, &bytes) {
        eprintln!("error: {TARGET}: {e}");
        return ExitCode::from(2);
    }
    println!("wrote {TARGET} ({} bytes) from {SOURCE}", bytes.len());
    ExitCode::SUCCESS
}
