//! Warnings about risks to staff (a dog at the house, aggression, do not visit alone). They show
//! on every page of the person's record while active, and are reviewed at least every 12 months
//! so that nobody carries a label longer than it is true.

use super::codes::code_list;
use crate::Problems;
use chrono::NaiveDate;

code_list! {
    WarningKind {
        Aggression => ("aggression", "Risk of aggression or violence"),
        Animals => ("animals", "Animals at the home"),
        Hazards => ("hazards", "Hazards in or around the home"),
        LoneWorking => ("lone-working", "Do not visit alone"),
        Infection => ("infection", "Infection risk"),
        Other => ("other", "Other risk to staff"),
    }
}

/// The longest a warning goes without review.
pub const MONTHS_TO_REVIEW: u32 = 12;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NewWarning {
    pub kind: Option<WarningKind>,
    /// What staff need to know, and what to do.
    pub details: String,
    pub starts_on: Option<NaiveDate>,
    pub review_by: Option<NaiveDate>,
}

impl NewWarning {
    /// The warning's kind and dates once it is complete, or every problem with it.
    pub fn accept(&self) -> Result<(WarningKind, NaiveDate, NaiveDate), Problems> {
        let problems = self.check();
        match (self.kind, self.starts_on, self.review_by) {
            (Some(kind), Some(starts_on), Some(review_by)) if problems.is_empty() => Ok((kind, starts_on, review_by)),
            _ => Err(problems),
        }
    }

    pub fn check(&self) -> Problems {
        let mut p = Problems::default();
        if self.kind.is_none() {
            p.add("kind", "Choose what kind of risk this is");
        }
        if self.details.trim().is_empty() {
            p.add("details", "Say what staff need to know and what to do");
        }
        let Some(start) = self.starts_on else {
            p.add("starts_on", "Enter the day the warning starts");
            return p;
        };
        let latest = start.checked_add_months(chrono::Months::new(MONTHS_TO_REVIEW)).unwrap_or(start);
        match self.review_by {
            None => p.add("review_by", "Enter the day the warning will be reviewed"),
            Some(r) if r <= start => p.add("review_by", "The review must be after the warning starts"),
            Some(r) if r > latest => p.add(
                "review_by",
                format!(
                    "Warnings are reviewed within 12 months: choose a day no later than {}",
                    latest.format("%-d %B %Y")
                ),
            ),
            _ => {}
        }
        p
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warnings_are_reviewed_within_a_year() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd);
        let mut w = NewWarning {
            kind: Some(WarningKind::Animals),
            details: "Large dog: ask for it to be shut away before going in".into(),
            starts_on: d(2026, 12, 1),
            review_by: d(2027, 12, 2),
        };
        assert_eq!(
            w.check().get("review_by"),
            Some("Warnings are reviewed within 12 months: choose a day no later than 1 December 2027")
        );
        w.review_by = d(2027, 12, 1);
        assert!(w.check().is_empty());
    }
}
