//! Paying for care: the public estimate and the finance officer's financial assessments,
//! charging requests and deferred payments.

pub mod finance;
pub mod paying_for_care;
