//! Subject access requests (UK GDPR Article 15): a person's right to a copy of their record.
//!
//! The answer is due one calendar month after the request is received (Article 12(3)), or after
//! the council receives what it needs to confirm who is asking; it may be extended by two further
//! months for complex or numerous requests, if the person is told within the first month. The
//! Information Commissioner's guidance counts to the corresponding date of the next month (the
//! month's last day if it has none), and where that day is a weekend or bank holiday, to the next
//! working day.

use chrono::{Datelike, Months, NaiveDate, Weekday};
use serde::Deserialize;

/// The corresponding day `months` calendar months on, or the last day of that month when it has
/// no such day (31 January plus one month is 28 or 29 February).
pub fn calendar_months_after(day: NaiveDate, months: u32) -> NaiveDate {
    // chrono already clamps to the month's last day.
    day.checked_add_months(Months::new(months)).expect("dates stay in range")
}

/// The first working day on or after `day`.
pub fn working_day_on_or_after(mut day: NaiveDate, bank_holidays: &[NaiveDate]) -> NaiveDate {
    while matches!(day.weekday(), Weekday::Sat | Weekday::Sun) || bank_holidays.contains(&day) {
        day = day.succ_opt().expect("dates stay in range");
    }
    day
}

/// A request's dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RequestDates {
    /// When the month starts to run: the later of receipt and confirmation of identity.
    pub clock_from: NaiveDate,
    /// One calendar month on, moved to a working day.
    pub due: NaiveDate,
    /// The latest it can be, if extended by two months.
    pub extended_due: NaiveDate,
}

pub fn request_dates(
    received: NaiveDate,
    identity_confirmed: Option<NaiveDate>,
    bank_holidays: &[NaiveDate],
) -> RequestDates {
    let clock_from = identity_confirmed.map_or(received, |d| d.max(received));
    RequestDates {
        clock_from,
        due: working_day_on_or_after(calendar_months_after(clock_from, 1), bank_holidays),
        extended_due: working_day_on_or_after(calendar_months_after(clock_from, 3), bank_holidays),
    }
}

#[derive(Deserialize)]
struct BankHolidayFile {
    days: Vec<NaiveDate>,
}

/// England and Wales bank holidays from `config/bank-holidays.toml`.
pub fn bank_holidays() -> Vec<NaiveDate> {
    basic_toml::from_str::<BankHolidayFile>(include_str!("../../../../config/bank-holidays.toml"))
        .expect("the shipped bank holidays file is sound")
        .days
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_month_runs_to_the_corresponding_day_or_the_end_of_a_shorter_month() {
        assert_eq!(calendar_months_after(day(2025, 5, 10), 1), day(2025, 6, 10));
        assert_eq!(calendar_months_after(day(2025, 1, 31), 1), day(2025, 2, 28));
        assert_eq!(calendar_months_after(day(2024, 1, 31), 1), day(2024, 2, 29));
        assert_eq!(calendar_months_after(day(2025, 3, 31), 3), day(2025, 6, 30));
    }

    #[test]
    fn hildas_request_is_due_on_10_june_and_at_the_latest_11_august() {
        // Scenario 16 of the notes: received 10 May 2025 with identity confirmed that day. Due
        // 10 June (a Tuesday). Extended by two months, 10 August is a Sunday, so 11 August.
        let holidays = bank_holidays();
        let dates = request_dates(day(2025, 5, 10), Some(day(2025, 5, 10)), &holidays);
        assert_eq!(dates.due, day(2025, 6, 10));
        assert_eq!(dates.extended_due, day(2025, 8, 11));
    }

    #[test]
    fn the_clock_waits_for_identity_and_skips_bank_holidays() {
        let holidays = bank_holidays();
        // Received 20 November 2026, identity confirmed 25 November: due 25 December, Christmas
        // Day; 26th and 27th are the weekend, 28th the Boxing Day holiday: 29 December.
        let dates = request_dates(day(2026, 11, 20), Some(day(2026, 11, 25)), &holidays);
        assert_eq!(dates.clock_from, day(2026, 11, 25));
        assert_eq!(dates.due, day(2026, 12, 29));
    }
}
