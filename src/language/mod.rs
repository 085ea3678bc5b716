//! Parsers several rules share. They describe text (where a timeframe is, who the subject is,
//! what quantities a provision states, who provides it); they never decide whether the text is
//! a problem.
//!
//! Their patterns write digits as `[0-9]`, not `\d`: the numbers are read with Rust's own
//! parsers, which know only ASCII digits, and Unicode's `\d` (sixty-odd digit sets) made the
//! patterns a quarter slower to compile.

/// The days of the week and the months, capitalised as English writes them: words a name
/// check must not take for a child's name.
const DAYS_AND_MONTHS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Whether `word` is a day of the week or a month, as written ("May", not "may").
pub fn is_day_or_month(word: &str) -> bool {
    DAYS_AND_MONTHS.contains(&word)
}

pub mod criterion;
pub mod normalize;
pub mod provider;
pub mod quantity;
pub mod subject;
pub mod timeframe;

/// Starts compiling the parsers' patterns on two other threads, so that a run spends the time
/// the rule pack takes to load, and the first file takes to read, compiling them too. The
/// patterns are compiled once either way: whoever needs one first waits for it.
pub fn warm_up() {
    // Split so the two take about as long (by callgrind: timeframes 350 M instructions and
    // providers 90 M; quantities 395 M and criteria less); the file reader needs the
    // timeframes first.
    let _ = std::thread::Builder::new()
        .name("warm-up-timeframes".into())
        .spawn(|| {
            timeframe::warm_up();
            provider::warm_up();
        });
    let _ = std::thread::Builder::new()
        .name("warm-up-quantities".into())
        .spawn(|| {
            quantity::warm_up();
            criterion::warm_up();
        });
}
