//! `no-timeframe`: an outcome with no deadline (RULES.md 3.1).
//!
//! Fires when the outcome states no timeframe of any form the timeframe parser knows and none is
//! inherited from a heading or column header. A vague timeframe is `vague-timeframe`'s
//! business (the rule file defers to it).

use std::ops::Range;

use super::{own_text_span, CodeRule, Finding};
use crate::rules::Statement;

pub struct NoTimeframe;

impl CodeRule for NoTimeframe {
    fn check(&self, statement: &Statement, _triggers: &[Range<usize>], out: &mut Vec<Finding>) {
        if statement.inherited_timeframe.is_some() {
            return;
        }
        if !statement.timeframes().is_empty() {
            return;
        }
        let span = own_text_span(statement);
        if span.is_empty() {
            return;
        }
        out.push(Finding::at(span));
    }
}
