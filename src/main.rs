//! The `outcome-lint` command: a thin layer over the library that reads arguments, files and
//! standard input, and writes reports. Exit status: 0 clean, 1 findings at error level, 2 the
//! tool could not do its job.

mod cli;

fn main() {
    std::process::exit(cli::run());
}
