//! Tasks: something to do for a person, with an owner and a day it is due. "My work" and the
//! team view sort them by how soon they are due.

use crate::Problems;
use crate::ids::UserId;
use chrono::NaiveDate;

/// How soon a task, review or conversation is due, seen from `today`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Due {
    /// Past its day, by this many days.
    Late(i64),
    Today,
    /// Within the next 7 days.
    Soon(i64),
    Later(i64),
    NoDate,
}

impl Due {
    pub fn of(due: Option<NaiveDate>, today: NaiveDate) -> Due {
        let Some(due) = due else { return Due::NoDate };
        let days = (due - today).num_days();
        match days {
            d if d < 0 => Due::Late(-d),
            0 => Due::Today,
            d if d <= 7 => Due::Soon(d),
            d => Due::Later(d),
        }
    }

    /// A short tag for lists.
    pub fn words(self) -> String {
        match self {
            Due::Late(1) => "1 day late".to_owned(),
            Due::Late(d) => format!("{d} days late"),
            Due::Today => "Due today".to_owned(),
            Due::Soon(1) => "Due tomorrow".to_owned(),
            Due::Soon(d) | Due::Later(d) => format!("Due in {d} days"),
            Due::NoDate => "No date".to_owned(),
        }
    }

    pub fn is_late(self) -> bool {
        matches!(self, Due::Late(_))
    }
}

/// A new task as entered.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NewTask {
    pub title: String,
    pub due_on: Option<NaiveDate>,
    pub owner: Option<UserId>,
}

impl NewTask {
    /// Who does it and by when, once it is complete, or every problem with it.
    pub fn accept(&self, today: NaiveDate) -> Result<(UserId, NaiveDate), Problems> {
        let problems = self.check(today);
        match (&self.owner, self.due_on) {
            (Some(owner), Some(due_on)) if problems.is_empty() => Ok((owner.clone(), due_on)),
            _ => Err(problems),
        }
    }

    pub fn check(&self, today: NaiveDate) -> Problems {
        let mut p = Problems::default();
        if self.title.trim().is_empty() {
            p.add("title", "Enter what needs doing");
        } else if self.title.chars().count() > 200 {
            p.add("title", "Keep it to 200 characters or fewer; put the detail in a note");
        }
        match self.due_on {
            None => p.add("due_on", "Enter the day it is due"),
            Some(d) if d < today => p.add("due_on", "The day it is due must be today or later"),
            _ => {}
        }
        if self.owner.is_none() {
            p.add("owner", "Choose who will do it");
        }
        p
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn due_dates_read_as_people_say_them() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let d = |n: i64| Some(today + chrono::Duration::days(n));
        assert_eq!(Due::of(d(-3), today), Due::Late(3));
        assert_eq!(Due::of(d(-1), today).words(), "1 day late");
        assert_eq!(Due::of(d(0), today), Due::Today);
        assert_eq!(Due::of(d(1), today).words(), "Due tomorrow");
        assert_eq!(Due::of(d(7), today), Due::Soon(7));
        assert_eq!(Due::of(d(8), today), Due::Later(8));
        assert!(Due::Late(2) < Due::Today && Due::Today < Due::Soon(1));
    }

    #[test]
    fn a_task_needs_words_a_day_and_an_owner() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let p = NewTask::default().check(today);
        assert!(p.get("title").is_some() && p.get("due_on").is_some() && p.get("owner").is_some());
        let past = NewTask { title: "Ring Ruth".into(), due_on: today.pred_opt(), owner: Some("u".into()) };
        assert!(past.check(today).get("due_on").is_some());
    }
}

/// Hearth's default for how long someone may wait for a worker before the team's page flags
/// them: 4 weeks. A local choice, set on the practice settings page.
pub const DEFAULT_ALLOCATION_WAIT_DAYS: i64 = 28;

/// How long someone allocated to a team has waited for a worker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Waiting {
    pub days: i64,
    /// Longer than the council's limit.
    pub too_long: bool,
}

impl Waiting {
    pub fn since(start: NaiveDate, today: NaiveDate, limit_days: i64) -> Waiting {
        let days = (today - start).num_days().max(0);
        Waiting { days, too_long: days > limit_days }
    }

    /// In the words a manager reads at a glance: days for the first two weeks, then weeks,
    /// then months to the nearest.
    pub fn words(self) -> String {
        match self.days {
            0 => "since today".to_owned(),
            1 => "1 day".to_owned(),
            d @ 2..=13 => format!("{d} days"),
            d @ 14..=59 => format!("{} weeks", d / 7),
            d => {
                let months = (d * 12 + 182) / 365;
                if months == 1 { "1 month".to_owned() } else { format!("{months} months") }
            }
        }
    }
}

#[cfg(test)]
mod waiting_tests {
    use super::*;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    #[test]
    fn a_wait_reads_in_days_then_weeks_then_months_and_is_flagged_past_the_limit() {
        let today = day(12, 7);
        let cases = [
            (day(12, 7), "since today", false),
            (day(12, 6), "1 day", false),
            (day(11, 30), "7 days", false),
            (day(11, 16), "3 weeks", false),
            (day(11, 9), "4 weeks", false),
            (day(11, 8), "4 weeks", true),
            (day(10, 8), "2 months", true),
            (day(5, 12), "7 months", true),
        ];
        for (start, words, too_long) in cases {
            let w = Waiting::since(start, today, DEFAULT_ALLOCATION_WAIT_DAYS);
            assert_eq!((w.words().as_str(), w.too_long), (words, too_long), "from {start}");
        }
    }
}
