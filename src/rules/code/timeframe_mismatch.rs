//! `timeframe-mismatch`: an outcome whose deadline has already passed for the child's year
//! group (RULES.md 3.3).
//!
//! The deadline is the outcome's own timeframe, or failing that the one inherited from a
//! heading or column header, resolved to a school year by the timeframe parser. The rule
//! fires only when that school year is earlier than the year group; it never guesses a year
//! group, and calendar dates ("by July 2019"), which need the plan date, are not its business.

use std::ops::Range;

use super::{own_text_span, CodeRule, Finding};
use crate::language::timeframe::Timeframe;
use crate::rules::Statement;

pub struct TimeframeMismatch;

/// "Reception" or "Year 6".
fn year_name(year: u8) -> String {
    if year == 0 {
        "Reception".to_string()
    } else {
        format!("Year {year}")
    }
}

/// The latest school year among the timeframes that resolve to one: an outcome with two
/// deadlines is out of date only when both have passed.
fn latest(timeframes: &[Timeframe]) -> Option<&Timeframe> {
    timeframes
        .iter()
        .filter(|t| t.school_year.is_some())
        .max_by_key(|t| t.school_year)
}

impl CodeRule for TimeframeMismatch {
    fn check(&self, statement: &Statement, _triggers: &[Range<usize>], out: &mut Vec<Finding>) {
        let Some(year_group) = statement.year_group else {
            return;
        };
        let own = statement.text.get(..statement.own_len).unwrap_or("");
        let found = statement.own_timeframes();
        let (span, deadline, school_year) = if let Some(t) = latest(found) {
            let words = own.get(t.span.clone()).unwrap_or("").trim();
            (t.span.clone(), format!("'{words}'"), t.school_year)
        } else if !found.is_empty() {
            // The outcome names its own deadline (a date, a duration): the heading's does not
            // apply, and a calendar date is not judged here.
            return;
        } else if let Some(t) = statement.inherited_timeframe {
            (
                own_text_span(statement),
                "in the heading above".to_string(),
                t.school_year,
            )
        } else {
            return;
        };
        let Some(school_year) = school_year else {
            return;
        };
        if school_year >= year_group || span.is_empty() {
            return;
        }
        let mut finding = Finding::at(span);
        finding.vars = vec![
            ("deadline", deadline),
            ("deadline_year", year_name(school_year)),
            ("year_group", year_name(year_group)),
        ];
        out.push(finding);
    }
}
