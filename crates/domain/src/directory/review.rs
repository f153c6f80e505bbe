//! Keeping the directory true: when a service is due to be checked again, when it is long
//! overdue, and when its provider may be reminded. The periods are the council's settings; the
//! defaults follow the issue brief (3 months, flagged at 12) and `../shared/reference/directory.md`.

use chrono::{DateTime, Months, Utc};

/// The council's review periods.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReviewPolicy {
    /// A service not checked for this many months is due a review.
    pub due_after_months: u32,
    /// ... and after this many it is flagged to the editors as long overdue.
    pub flag_after_months: u32,
    /// A provider is reminded at most once in this many days.
    pub remind_every_days: u32,
}

impl Default for ReviewPolicy {
    fn default() -> Self {
        ReviewPolicy { due_after_months: 3, flag_after_months: 12, remind_every_days: 30 }
    }
}

/// Where a service stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ReviewState {
    Checked,
    Due,
    /// Not checked for `flag_after_months`: shown to editors as a warning.
    LongOverdue,
}

impl ReviewPolicy {
    /// The state of a service last checked at `checked` (never checked counts as long overdue).
    pub fn state(&self, checked: Option<DateTime<Utc>>, now: DateTime<Utc>) -> ReviewState {
        let Some(checked) = checked else { return ReviewState::LongOverdue };
        if checked <= months_before(now, self.flag_after_months) {
            ReviewState::LongOverdue
        } else if checked <= months_before(now, self.due_after_months) {
            ReviewState::Due
        } else {
            ReviewState::Checked
        }
    }

    /// Services checked at or before this moment are due.
    pub fn due_if_checked_by(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        months_before(now, self.due_after_months)
    }

    /// Whether a reminder may go now, given when the last one went.
    pub fn may_remind(&self, last_sent: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
        last_sent.is_none_or(|sent| now - sent >= chrono::Duration::days(i64::from(self.remind_every_days)))
    }
}

/// Calendar months back (the 31st falls back to the month's last day).
fn months_before(now: DateTime<Utc>, months: u32) -> DateTime<Utc> {
    now.checked_sub_months(Months::new(months)).unwrap_or(DateTime::<Utc>::MIN_UTC)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(y: i32, m: u32, d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, 12, 0, 0).unwrap()
    }

    #[test]
    fn due_after_three_calendar_months_and_flagged_after_twelve() {
        let policy = ReviewPolicy::default();
        let now = at(2026, 11, 22);
        assert_eq!(policy.state(Some(at(2026, 8, 23)), now), ReviewState::Checked);
        assert_eq!(policy.state(Some(at(2026, 8, 22)), now), ReviewState::Due);
        assert_eq!(policy.state(Some(at(2025, 11, 23)), now), ReviewState::Due);
        assert_eq!(policy.state(Some(at(2025, 11, 22)), now), ReviewState::LongOverdue);
        assert_eq!(policy.state(None, now), ReviewState::LongOverdue);
    }

    #[test]
    fn the_periods_are_the_councils_choice() {
        let policy = ReviewPolicy { due_after_months: 6, flag_after_months: 18, remind_every_days: 14 };
        let now = at(2026, 11, 22);
        assert_eq!(policy.state(Some(at(2026, 6, 1)), now), ReviewState::Checked);
        assert_eq!(policy.state(Some(at(2025, 6, 1)), now), ReviewState::Due);
        assert_eq!(policy.state(Some(at(2025, 5, 1)), now), ReviewState::LongOverdue);
    }

    #[test]
    fn reminders_go_at_most_once_per_interval() {
        let policy = ReviewPolicy::default();
        let now = at(2026, 11, 22);
        assert!(policy.may_remind(None, now));
        assert!(!policy.may_remind(Some(at(2026, 11, 1)), now));
        assert!(policy.may_remind(Some(at(2026, 10, 23)), now));
    }
}
