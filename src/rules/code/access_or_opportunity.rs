//! `access-or-opportunity`: Section F that offers access to something, or an opportunity,
//! instead of the provision itself (RULES.md 3.12).
//!
//! The rule file's phrases find "access to", "opportunities for", "made available"; its guards
//! drop exam access arrangements and wheelchair access. This code drops access that is itself
//! quantified ("access to the sensory room for 10 minutes after lunch each day"): that is the
//! specific version guidance asks for. Quantities come from `language::quantity`.

use std::ops::Range;

use super::{CodeRule, Finding};
use crate::language::quantity::amount_of;
use crate::rules::Statement;

pub struct AccessOrOpportunity;

impl CodeRule for AccessOrOpportunity {
    fn check(&self, statement: &Statement, triggers: &[Range<usize>], out: &mut Vec<Finding>) {
        if triggers.is_empty() || amount_of(statement.text).is_quantified() {
            return;
        }
        out.extend(triggers.iter().cloned().map(Finding::at));
    }
}
