//! State Pension age, which is also Pension Credit qualifying age: the Minimum Income Guarantee
//! and the disability premiums change when a person reaches it (Charging Regulations reg 7).
//!
//! Pensions Act 1995 Schedule 4, as amended by the Pensions Act 2014 section 26: 66 for people
//! born before 6 April 1960; rising a month at a time to 67 for people born from 6 March 1961.
//! (The rise to 68 in the Pensions Act 2007 reaches people born after 5 April 1977, who are far
//! from it; they are treated as 67, which gives the same answer for many years yet.)

use chrono::{Months, NaiveDate};

/// The day someone born on `born` reaches State Pension age.
pub fn state_pension_age_reached_on(born: NaiveDate) -> NaiveDate {
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("a real date");
    let months = if born < day(1960, 4, 6) {
        66 * 12
    } else if born < day(1961, 3, 6) {
        // Born 6 April to 5 May 1960: 66 years and 1 month; each later month adds one more.
        let mut extra = 1;
        let mut from = day(1960, 5, 6);
        while born >= from {
            extra += 1;
            from = from.checked_add_months(Months::new(1)).expect("a real date");
        }
        66 * 12 + extra
    } else {
        67 * 12
    };
    born.checked_add_months(Months::new(months)).expect("a real date")
}

/// Whether someone born on `born` has reached State Pension age by `on`.
pub fn has_reached_state_pension_age(born: NaiveDate, on: NaiveDate) -> bool {
    on >= state_pension_age_reached_on(born)
}

/// Age in whole years on a day.
pub fn age_on(born: NaiveDate, on: NaiveDate) -> u32 {
    on.years_since(born).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn state_pension_age_follows_the_pensions_act_2014_timetable() {
        // Born before 6 April 1960: 66.
        assert_eq!(state_pension_age_reached_on(day(1958, 7, 15)), day(2024, 7, 15));
        assert_eq!(state_pension_age_reached_on(day(1960, 4, 5)), day(2026, 4, 5));
        // 6 April to 5 May 1960: 66 years and 1 month.
        assert_eq!(state_pension_age_reached_on(day(1960, 4, 6)), day(2026, 5, 6));
        assert_eq!(state_pension_age_reached_on(day(1960, 5, 5)), day(2026, 6, 5));
        // 6 May to 5 June 1960: 66 years and 2 months.
        assert_eq!(state_pension_age_reached_on(day(1960, 5, 6)), day(2026, 7, 6));
        // 6 February to 5 March 1961: 66 years and 11 months.
        assert_eq!(state_pension_age_reached_on(day(1961, 2, 20)), day(2028, 1, 20));
        // From 6 March 1961: 67.
        assert_eq!(state_pension_age_reached_on(day(1961, 3, 6)), day(2028, 3, 6));
        assert_eq!(state_pension_age_reached_on(day(1970, 1, 1)), day(2037, 1, 1));
    }

    #[test]
    fn ages_are_whole_years() {
        assert_eq!(age_on(day(1960, 4, 6), day(2026, 4, 5)), 65);
        assert_eq!(age_on(day(1960, 4, 6), day(2026, 4, 6)), 66);
        assert!(!has_reached_state_pension_age(day(1960, 4, 6), day(2026, 5, 5)));
        assert!(has_reached_state_pension_age(day(1960, 4, 6), day(2026, 5, 6)));
    }
}
