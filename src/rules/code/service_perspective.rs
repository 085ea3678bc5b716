//! `service-perspective`: an outcome written from the service's side (an adult or service as
//! its subject, or an aim infinitive such as "To develop").
//!
//! It flags the voice, not the content, so it may fire with `provision-as-outcome`.

use std::ops::Range;

use super::{CodeRule, Finding};
use crate::language::subject::SubjectKind;
use crate::rules::Statement;

pub struct ServicePerspective;

impl CodeRule for ServicePerspective {
    fn check(&self, statement: &Statement, _triggers: &[Range<usize>], out: &mut Vec<Finding>) {
        let subject = statement.own_subject();
        let label = match subject.kind {
            SubjectKind::Adult => "written about what adults will do",
            SubjectKind::AimInfinitive => "an aim for the service, not a change for the child",
            SubjectKind::Child | SubjectKind::None => return,
        };
        if subject.span.is_empty() {
            return;
        }
        let mut finding = Finding::at(subject.span.clone());
        finding.label = Some(label.to_string());
        out.push(finding);
    }
}
