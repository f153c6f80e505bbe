//! Not making twins: how likely it is that a new record is someone Hearth already knows, and
//! why. Two records for one person split their history, so the front door warns before creating
//! one, and records that do turn out to be one person can be merged.

use super::names::{NameLikeness, likeness};
use chrono::{Datelike, NaiveDate};

/// The facts two records are compared on.
#[derive(Clone, Debug, Default)]
pub struct Identity<'a> {
    pub given_name: &'a str,
    pub family_name: &'a str,
    pub other_names: Option<&'a str>,
    pub date_of_birth: Option<NaiveDate>,
    /// Ten digits.
    pub nhs_number: Option<&'a str>,
    pub postcode: Option<&'a str>,
}

/// How alike two records are, with the reasons in words for the warning.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Likeness {
    pub score: i32,
    pub reasons: Vec<&'static str>,
}

/// The score from which Hearth warns that a record may already exist.
pub const LIKELY: i32 = 60;

impl Likeness {
    pub fn likely(&self) -> bool {
        self.score >= LIKELY
    }
}

/// Dates of birth one slip apart: day and month swapped, or one digit of the day, month or year
/// mistyped.
fn date_slip(a: NaiveDate, b: NaiveDate) -> bool {
    if a == b {
        return false;
    }
    let swapped = a.day() == b.month() && a.month() == b.day() && a.year() == b.year();
    let digits = |d: NaiveDate| format!("{:02}{:02}{:04}", d.day(), d.month(), d.year());
    let one_digit = digits(a).chars().zip(digits(b).chars()).filter(|(x, y)| x != y).count() == 1;
    swapped || one_digit
}

/// Compares two records. An NHS number in common settles it; different NHS numbers, or dates of
/// birth that are not one slip apart, count strongly against.
pub fn compare(new: &Identity, known: &Identity) -> Likeness {
    let mut score = 0;
    let mut reasons = Vec::new();
    match (new.nhs_number, known.nhs_number) {
        (Some(a), Some(b)) if a == b => {
            score += 100;
            reasons.push("the same NHS number");
        }
        (Some(_), Some(_)) => score -= 60,
        _ => {}
    }
    let family = likeness(new.family_name, known.family_name);
    match family {
        NameLikeness::Same => {
            score += 30;
            reasons.push("the same last name");
        }
        NameLikeness::SoundsAlike | NameLikeness::Typo => {
            score += 20;
            reasons.push("a last name spelt a little differently");
        }
        _ => {}
    }
    // Forenames: the given name against theirs and their other names.
    let known_forenames = format!("{} {}", known.given_name, known.other_names.unwrap_or(""));
    match likeness(new.given_name, &known_forenames).min(likeness(new.given_name, known.given_name)) {
        NameLikeness::Same => {
            score += 20;
            reasons.push("the same first name");
        }
        NameLikeness::OtherForm => {
            score += 15;
            reasons.push("another form of the first name");
        }
        NameLikeness::SoundsAlike | NameLikeness::Typo => {
            score += 12;
            reasons.push("a first name spelt a little differently");
        }
        NameLikeness::Initial => score += 5,
        NameLikeness::Different => {}
    }
    match (new.date_of_birth, known.date_of_birth) {
        (Some(a), Some(b)) if a == b => {
            score += 30;
            reasons.push("the same date of birth");
        }
        (Some(a), Some(b)) if date_slip(a, b) => {
            score += 15;
            reasons.push("a date of birth one slip different");
        }
        (Some(_), Some(_)) => score -= 40,
        _ => {}
    }
    if let (Some(a), Some(b)) = (new.postcode, known.postcode) {
        let squash = |p: &str| p.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_uppercase();
        if squash(a) == squash(b) {
            score += 10;
            reasons.push("the same postcode");
        }
    }
    Likeness { score, reasons }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    fn known() -> Identity<'static> {
        Identity {
            given_name: "Margaret",
            family_name: "Kettlewell",
            other_names: Some("Ann"),
            date_of_birth: day(1941, 3, 14),
            nhs_number: None,
            postcode: Some("QW1 1AA"),
        }
    }

    #[test]
    fn the_same_name_and_birthday_is_likely_the_same_person() {
        let new = Identity {
            given_name: "margaret",
            family_name: "KETTLEWELL",
            date_of_birth: day(1941, 3, 14),
            ..Default::default()
        };
        let l = compare(&new, &known());
        // 30 (last name) + 20 (first name) + 30 (date of birth).
        assert_eq!(l.score, 80);
        assert!(l.likely());
        assert_eq!(l.reasons, ["the same last name", "the same first name", "the same date of birth"]);
    }

    #[test]
    fn nicknames_spelling_and_date_slips_are_still_caught() {
        // Peggy for Margaret (15), Kettlewel mistyped (20), the 15th for the 14th (15), postcode (10).
        let new = Identity {
            given_name: "Peggy",
            family_name: "Kettlewel",
            date_of_birth: day(1941, 3, 15),
            postcode: Some("qw11aa"),
            ..Default::default()
        };
        let l = compare(&new, &known());
        assert_eq!(l.score, 20 + 15 + 15 + 10);
        assert!(l.likely());
        // Going by a middle name: Ann against Margaret Ann.
        let by_middle = Identity {
            given_name: "Ann",
            family_name: "Kettlewell",
            date_of_birth: day(1941, 3, 14),
            ..Default::default()
        };
        assert_eq!(compare(&by_middle, &known()).score, 80);
    }

    #[test]
    fn a_slip_is_a_swapped_day_and_month_or_one_wrong_digit() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        assert!(date_slip(d(1941, 3, 4), d(1941, 4, 3)));
        assert!(date_slip(d(1941, 3, 14), d(1947, 3, 14)));
        assert!(!date_slip(d(1941, 3, 14), d(1941, 3, 14)));
        assert!(!date_slip(d(1941, 3, 14), d(1968, 9, 2)));
    }

    #[test]
    fn a_different_birthday_or_nhs_number_means_someone_else() {
        // A daughter with the same name at the same address.
        let daughter = Identity {
            given_name: "Margaret",
            family_name: "Kettlewell",
            date_of_birth: day(1968, 9, 2),
            postcode: Some("QW1 1AA"),
            ..Default::default()
        };
        assert!(!compare(&daughter, &known()).likely());
        let mut a = known();
        a.nhs_number = Some("9434765919");
        let mut b = known();
        b.nhs_number = Some("9990000026");
        assert!(!compare(&a, &b).likely());
        b.nhs_number = Some("9434765919");
        assert!(compare(&Identity { given_name: "M", family_name: "K", ..a.clone() }, &b).likely());
    }
}
