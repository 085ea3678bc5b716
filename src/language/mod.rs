//! Parsers several rules share. They describe text (where a timeframe is, who the subject is,
//! what quantities a provision states, who provides it); they never decide whether the text is
//! a problem.

pub mod criterion;
pub mod normalize;
pub mod provider;
pub mod quantity;
pub mod subject;
pub mod timeframe;
