//! When a plan is reviewed (Care Act 2014 s27). Plans are kept under review generally
//! (s27(1)(a)) and on a reasonable request by the person or someone for them (s27(1)(b)).
//! Statutory guidance (chapter 13, para 13.32) expects a first, light-touch review six to
//! eight weeks after the plan starts, then a review at least every 12 months. A requested
//! review happens as well as, not instead of, the planned ones: it never moves the annual date.

use chrono::{Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// The council's review timings (statutory guidance 13.32 by default; local settings).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReviewTimings {
    pub first_from_weeks: u32,
    pub first_by_weeks: u32,
    pub then_every_months: u32,
    /// A review shows as due this many days before its date.
    pub due_soon_days: u32,
}

impl Default for ReviewTimings {
    fn default() -> Self {
        ReviewTimings { first_from_weeks: 6, first_by_weeks: 8, then_every_months: 12, due_soon_days: 14 }
    }
}

impl ReviewTimings {
    /// The guidance caps the gap at 12 months; a council may review more often, never less.
    pub fn check(&self) -> Result<(), &'static str> {
        if self.first_from_weeks > self.first_by_weeks {
            return Err("the first review cannot open after it is due");
        }
        if self.then_every_months == 0 || self.then_every_months > 12 {
            return Err("plans are reviewed at least every 12 months (statutory guidance 13.32)");
        }
        Ok(())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PlannedKind {
    First,
    Annual,
}

/// The next planned review: when it may start and when it is due.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedReview {
    pub kind: PlannedKind,
    pub opens: NaiveDate,
    pub due: NaiveDate,
}

/// The next planned review of a plan that started on `started`, given the days planned reviews
/// were completed (requested reviews are left out: they do not move the annual date).
pub fn next_planned_review(started: NaiveDate, completed_planned: &[NaiveDate], t: ReviewTimings) -> PlannedReview {
    match completed_planned.iter().filter(|d| **d >= started).max() {
        None => PlannedReview {
            kind: PlannedKind::First,
            opens: started + Days::new(u64::from(t.first_from_weeks) * 7),
            due: started + Days::new(u64::from(t.first_by_weeks) * 7),
        },
        Some(last) => {
            let due = last.checked_add_months(Months::new(t.then_every_months)).expect("in range");
            PlannedReview { kind: PlannedKind::Annual, opens: due - Days::new(u64::from(t.due_soon_days)), due }
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReviewStatus {
    Scheduled,
    /// Within the due-soon days, or inside the first review's window.
    Due,
    Overdue,
}

impl ReviewStatus {
    pub fn label(self) -> &'static str {
        match self {
            ReviewStatus::Scheduled => "Planned",
            ReviewStatus::Due => "Due",
            ReviewStatus::Overdue => "Overdue",
        }
    }
}

pub fn status(review: PlannedReview, today: NaiveDate, t: ReviewTimings) -> ReviewStatus {
    if today > review.due {
        ReviewStatus::Overdue
    } else if today >= review.opens || today + Days::new(u64::from(t.due_soon_days)) >= review.due {
        ReviewStatus::Due
    } else {
        ReviewStatus::Scheduled
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn section_27_first_review_six_to_eight_weeks_then_yearly() {
        // Scenario 12: a plan active from 10 January 2025.
        let t = ReviewTimings::default();
        let first = next_planned_review(day(2025, 1, 10), &[], t);
        assert_eq!(first, PlannedReview { kind: PlannedKind::First, opens: day(2025, 2, 21), due: day(2025, 3, 7) });
        // Completed on 3 March 2025: the next is due on 3 March 2026.
        let annual = next_planned_review(day(2025, 1, 10), &[day(2025, 3, 3)], t);
        assert_eq!(annual.kind, PlannedKind::Annual);
        assert_eq!(annual.due, day(2026, 3, 3));
        assert_eq!(status(annual, day(2026, 3, 3), t), ReviewStatus::Due);
        assert_eq!(status(annual, day(2026, 3, 4), t), ReviewStatus::Overdue);
        assert_eq!(status(annual, day(2025, 12, 1), t), ReviewStatus::Scheduled);
        assert_eq!(status(first, day(2025, 2, 21), t), ReviewStatus::Due);
        assert_eq!(status(first, day(2025, 2, 1), t), ReviewStatus::Scheduled);
    }

    #[test]
    fn section_27_1_b_a_requested_review_does_not_move_the_annual_date() {
        // Scenario 12: the person asks for a review on 1 June 2025. It is recorded as an
        // unplanned review, so only planned completions are passed in, and the date holds.
        let t = ReviewTimings::default();
        let planned = [day(2025, 3, 3)];
        assert_eq!(next_planned_review(day(2025, 1, 10), &planned, t).due, day(2026, 3, 3));
    }

    #[test]
    fn a_council_may_review_more_often_but_not_less() {
        assert!(ReviewTimings::default().check().is_ok());
        assert!(ReviewTimings { then_every_months: 13, ..ReviewTimings::default() }.check().is_err());
        assert!(ReviewTimings { then_every_months: 6, ..ReviewTimings::default() }.check().is_ok());
        assert!(ReviewTimings { first_from_weeks: 9, ..ReviewTimings::default() }.check().is_err());
    }

    proptest! {
        /// Whatever the history, the next planned review is after the plan started, no more
        /// than 12 months after the last planned review, and after it.
        #[test]
        fn the_scheduler_never_lets_a_plan_go_unreviewed_for_more_than_a_year(
            start in 0i64..20_000,
            gaps in proptest::collection::vec(1i64..500, 0..6),
            months in 1u32..=12,
        ) {
            let t = ReviewTimings { then_every_months: months, ..ReviewTimings::default() };
            let started = day(1990, 1, 1) + chrono::Duration::days(start);
            let mut done = Vec::new();
            let mut at = started;
            for g in gaps {
                at += chrono::Duration::days(g);
                done.push(at);
            }
            let next = next_planned_review(started, &done, t);
            prop_assert!(next.due > started);
            prop_assert!(next.opens <= next.due);
            match done.last() {
                None => {
                    prop_assert_eq!(next.kind, PlannedKind::First);
                    prop_assert_eq!((next.due - started).num_days(), 56);
                }
                Some(last) => {
                    prop_assert!(next.due > *last);
                    prop_assert!(next.due <= last.checked_add_months(Months::new(12)).unwrap());
                }
            }
            // The status follows the calendar: overdue only after the due day.
            prop_assert_eq!(status(next, next.due, t) == ReviewStatus::Overdue, false);
            prop_assert_eq!(status(next, next.due + Days::new(1), t), ReviewStatus::Overdue);
        }
    }
}
