//! `past-deadline`: an outcome whose calendar deadline is before the plan's own date, usually an
//! outcome copied forward from an earlier plan. Needs the plan's date (its header, or
//! `--plan-date`); says nothing without one.

use std::ops::Range;

use super::{CodeRule, Finding};
use crate::rules::Statement;

pub struct PastDeadline;

impl CodeRule for PastDeadline {
    fn check(&self, statement: &Statement, _triggers: &[Range<usize>], out: &mut Vec<Finding>) {
        let Some(plan_date) = statement.plan_date else {
            return;
        };
        for t in statement.own_timeframes() {
            let Some(date) = t.date else { continue };
            // A deadline without a day runs to the end of its month.
            let day = date.day.unwrap_or(31);
            if (date.year, date.month, day) < (plan_date.year, plan_date.month, plan_date.day) {
                let mut f = Finding::at(t.span.clone());
                f.vars.push(("plan_date", plan_date.to_string()));
                out.push(f);
            }
        }
    }
}
