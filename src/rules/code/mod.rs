//! Code rules: rules whose logic needs more than phrases and guards.
//!
//! Each code rule is one file named after its rule id, implementing [`CodeRule`]. Its words
//! (message, help, docs, examples) stay in its YAML file like any other rule; its phrases and
//! patterns, if the file has any, arrive as `triggers`. The registry below is kept in
//! alphabetical order.

use std::collections::HashMap;
use std::ops::Range;

use super::Statement;

mod access_or_opportunity;
mod delegated_discretion;
mod diagnosis_only_need;
mod funding_not_provision;
mod hedged_provision;
mod jargon;
mod need_is_provision;
mod no_provider;
mod no_timeframe;
mod outcome_as_provision;
mod outcome_in_aspirations;
mod past_deadline;
mod provision_as_outcome;
mod service_perspective;
mod timeframe_mismatch;
mod unmeasurable_outcome;
mod unquantified_provision;

/// A code rule's finding, in statement coordinates.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub span: Range<usize>,
    /// Values for `{name}` placeholders in the rule's message and help.
    pub vars: Vec<(&'static str, String)>,
    /// A label for the underline, where the rule's summary does not fit.
    pub label: Option<String>,
}

impl Finding {
    pub fn at(span: Range<usize>) -> Finding {
        Finding {
            span,
            vars: Vec::new(),
            label: None,
        }
    }
}

pub trait CodeRule: Send + Sync {
    /// Looks at one statement. `triggers` are the rule file's phrase and pattern matches that no
    /// guard cancelled.
    fn check(&self, statement: &Statement, triggers: &[Range<usize>], out: &mut Vec<Finding>);
}

/// Every code rule, by id.
pub fn registry() -> HashMap<&'static str, Box<dyn CodeRule>> {
    let rules: Vec<(&'static str, Box<dyn CodeRule>)> = vec![
        (
            "access-or-opportunity",
            Box::new(access_or_opportunity::AccessOrOpportunity),
        ),
        (
            "delegated-discretion",
            Box::new(delegated_discretion::DelegatedDiscretion),
        ),
        (
            "diagnosis-only-need",
            Box::new(diagnosis_only_need::DiagnosisOnlyNeed),
        ),
        (
            "funding-not-provision",
            Box::new(funding_not_provision::FundingNotProvision),
        ),
        (
            "hedged-provision",
            Box::new(hedged_provision::HedgedProvision),
        ),
        ("jargon", Box::new(jargon::Jargon)),
        (
            "need-is-provision",
            Box::new(need_is_provision::NeedIsProvision),
        ),
        ("no-provider", Box::new(no_provider::NoProvider)),
        ("no-timeframe", Box::new(no_timeframe::NoTimeframe)),
        (
            "outcome-as-provision",
            Box::new(outcome_as_provision::OutcomeAsProvision),
        ),
        (
            "outcome-in-aspirations",
            Box::new(outcome_in_aspirations::OutcomeInAspirations),
        ),
        ("past-deadline", Box::new(past_deadline::PastDeadline)),
        (
            "provision-as-outcome",
            Box::new(provision_as_outcome::ProvisionAsOutcome),
        ),
        (
            "service-perspective",
            Box::new(service_perspective::ServicePerspective),
        ),
        (
            "timeframe-mismatch",
            Box::new(timeframe_mismatch::TimeframeMismatch),
        ),
        (
            "unmeasurable-outcome",
            Box::new(unmeasurable_outcome::UnmeasurableOutcome),
        ),
        (
            "unquantified-provision",
            Box::new(unquantified_provision::UnquantifiedProvision),
        ),
    ];
    rules.into_iter().collect()
}

/// The statement's own text, trimmed of white space and a final full stop, as a span.
pub fn own_text_span(statement: &Statement) -> Range<usize> {
    let own = statement.text.get(..statement.own_len).unwrap_or("");
    let start = own.len() - own.trim_start().len();
    let trimmed = own.trim_end().trim_end_matches(['.', ';', ',']).trim_end();
    start..trimmed.len().max(start)
}
