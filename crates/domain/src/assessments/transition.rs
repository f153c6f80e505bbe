//! Moving from children's to adults' services (Care Act 2014 ss58 to 66). A child likely to
//! have needs for care and support after turning 18 can be assessed before then when that is
//! of significant benefit (s58). The result is an indication, not a determination under s13.
//! Children's services carry on past 18 until the adult assessment is done and either adult
//! support is in place or no duty is found (s66), so they cannot be closed before that.

use chrono::{Months, NaiveDate};

/// The day a person turns 18 (a 29 February birthday falls on 28 February in other years).
pub fn turns_18(born: NaiveDate) -> NaiveDate {
    born.checked_add_months(Months::new(18 * 12)).expect("in range")
}

/// Whether a child's needs assessment (s58) can be made: the person is under 18 today.
pub fn is_child(born: NaiveDate, today: NaiveDate) -> bool {
    today < turns_18(born)
}

/// What the adult side has decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AdultDecision {
    Pending,
    /// An adult eligibility determination has been issued and, where eligible, a plan agreed.
    Settled,
    /// No duty to meet needs was found.
    NoDuty,
}

/// Section 66: children's services continue until the adult decision.
pub fn childrens_services_continue(decision: AdultDecision) -> bool {
    decision == AdultDecision::Pending
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "children's services carry on until the adult assessment is finished and support is in place, or no duty is found (Care Act 2014 s66)"
)]
pub struct ClosureBlocked;

pub fn may_close_childrens_services(decision: AdultDecision) -> Result<(), ClosureBlocked> {
    if childrens_services_continue(decision) { Err(ClosureBlocked) } else { Ok(()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn section_58_and_66_kai_turns_18_and_childrens_services_continue() {
        // Scenario 14: Kai, born 1 February 2009.
        assert_eq!(turns_18(day(2009, 2, 1)), day(2027, 2, 1));
        assert!(is_child(day(2009, 2, 1), day(2025, 3, 1)));
        assert!(!is_child(day(2009, 2, 1), day(2027, 2, 1)));
        assert!(childrens_services_continue(AdultDecision::Pending));
        assert_eq!(may_close_childrens_services(AdultDecision::Pending), Err(ClosureBlocked));
        assert_eq!(may_close_childrens_services(AdultDecision::Settled), Ok(()));
        assert_eq!(may_close_childrens_services(AdultDecision::NoDuty), Ok(()));
        assert_eq!(turns_18(day(2008, 2, 29)), day(2026, 2, 28));
    }
}
