//! Paying for care: the charging rules of the Care Act 2014 (sections 14 and 17), the Care and
//! Support (Charging and Assessment of Resources) Regulations 2014 and chapter 8 of the statutory
//! guidance with its Annexes A, B, C, E and F; and deferred payment agreements (chapter 9).
//!
//! Everything here is pure: money in whole pence ([`money::Pence`]), the year's national figures
//! from dated configuration ([`figures`]), the council's choices as a dated policy
//! ([`policy`]), and an engine ([`engine::assess`]) whose result lists every step with the rule
//! behind it.

pub mod deferred;
pub mod engine;
pub mod estimate;
pub mod figures;
pub mod input;
pub mod money;
pub mod pension_age;
pub mod plain;
pub mod policy;
pub mod record;
pub mod rules;
pub mod uprating;

pub use engine::{AssessError, Assessment, Effect, Line, Outcome, Section, Setting, assess};
pub use figures::{FiguresBook, NationalFigures};
pub use input::AssessmentInput;
pub use money::{Pence, Period};
pub use policy::{LocalPolicy, PolicyHistory};

/// Assesses with the figures and policy in force on the input's date.
pub fn assess_on(
    input: &AssessmentInput,
    book: &FiguresBook,
    policies: &PolicyHistory,
) -> Result<Assessment, AssessError> {
    let figures = book.on(input.date).ok_or(AssessError::NoFigures(input.date))?;
    assess(input, figures, &policies.on(input.date))
}

#[cfg(test)]
mod properties;
#[cfg(test)]
mod worked_examples;
