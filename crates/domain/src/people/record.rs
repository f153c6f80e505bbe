//! The person: who they are, how to reach them and how they like to be reached, and the facts
//! the national returns need, in the Client Level Data lists ([`super::codes`]).

use super::codes::*;
use super::nhs_number::NhsNumber;
use crate::Problems;
use crate::directory::postcode::Postcode;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// Everything on the "about the person" page.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonDetails {
    pub given_name: String,
    pub family_name: String,
    /// Middle names, or other names they have been known by.
    #[serde(default)]
    pub other_names: Option<String>,
    /// What they like to be called.
    #[serde(default)]
    pub preferred_name: Option<String>,
    #[serde(default)]
    pub date_of_birth: Option<NaiveDate>,
    #[serde(default)]
    pub date_of_death: Option<NaiveDate>,
    #[serde(default)]
    pub nhs_number: Option<String>,
    #[serde(default)]
    pub gender: Option<Gender>,
    /// In their own words, when they describe their gender in another way.
    #[serde(default)]
    pub gender_own_words: Option<String>,
    #[serde(default)]
    pub pronouns: Option<String>,
    #[serde(default)]
    pub ethnicity: Option<Ethnicity>,
    /// An ISO 639-1 code from the directory's list, or the language's name.
    #[serde(default)]
    pub first_language: Option<String>,
    #[serde(default)]
    pub interpreter_needed: bool,
    /// How to communicate well with them: British Sign Language, large print, easy read, a
    /// hearing loop, time to answer.
    #[serde(default)]
    pub communication_needs: Option<String>,
    #[serde(default)]
    pub contact_preference: Option<ContactPreference>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub gp_practice: Option<String>,
    /// The practice's Organisation Data Service code (a letter and five characters, A81001).
    #[serde(default)]
    pub gp_practice_code: Option<String>,
    #[serde(default)]
    pub primary_support_reason: Option<PrimarySupportReason>,
    #[serde(default)]
    pub accommodation_status: Option<AccommodationStatus>,
    #[serde(default)]
    pub employment_status: Option<EmploymentStatus>,
    #[serde(default)]
    pub visual_impairment: Option<VisualImpairment>,
    #[serde(default)]
    pub hearing_impairment: Option<HearingImpairment>,
    #[serde(default)]
    pub autism: Option<YesNoUnknown>,
    #[serde(default)]
    pub dementia: Option<YesNoUnknown>,
}

/// The oldest age Hearth accepts as real (anything older is a typing slip).
const OLDEST: i32 = 120;

/// The longest name Hearth keeps (the NHS Personal Demographics Service allows 35 characters
/// for each name; longer names exist, so this allows for them with room to spare).
pub const LONGEST_NAME: usize = 100;

impl PersonDetails {
    /// The name to use when talking to or about them: their preferred name and family name.
    pub fn display_name(&self) -> String {
        let given = self.preferred_name.as_deref().filter(|p| !p.trim().is_empty()).unwrap_or(&self.given_name);
        format!("{} {}", given.trim(), self.family_name.trim()).trim().to_owned()
    }

    /// Their full name as it would be written on a letter.
    pub fn full_name(&self) -> String {
        [Some(self.given_name.as_str()), self.other_names.as_deref(), Some(self.family_name.as_str())]
            .into_iter()
            .flatten()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }

    pub fn nhs(&self) -> Option<NhsNumber> {
        self.nhs_number.as_deref().and_then(|n| NhsNumber::parse(n).ok())
    }

    /// Checks what was entered makes sense on `today`. Returns every problem, by field.
    pub fn check(&self, today: NaiveDate) -> Problems {
        let mut p = Problems::default();
        if self.given_name.trim().is_empty() {
            p.add("given_name", "Enter their first name");
        }
        if self.family_name.trim().is_empty() {
            p.add("family_name", "Enter their last name");
        }
        let opt = |v: &Option<String>| v.clone().unwrap_or_default();
        for (field, value) in [
            ("given_name", self.given_name.clone()),
            ("family_name", self.family_name.clone()),
            ("other_names", opt(&self.other_names)),
            ("preferred_name", opt(&self.preferred_name)),
        ] {
            if value.chars().count() > LONGEST_NAME {
                p.add(field, format!("Names must be {LONGEST_NAME} characters or fewer"));
            }
        }
        for (field, value, longest) in [
            ("gender_own_words", opt(&self.gender_own_words), 100),
            ("pronouns", opt(&self.pronouns), 50),
            ("phone", opt(&self.phone), 50),
            ("gp_practice", opt(&self.gp_practice), 200),
            ("communication_needs", opt(&self.communication_needs), 2_000),
        ] {
            if value.chars().count() > longest {
                p.add(field, format!("This must be {longest} characters or fewer"));
            }
        }
        if let Some(dob) = self.date_of_birth {
            if dob > today {
                p.add("date_of_birth", "Date of birth must be today or in the past");
            } else if today.year() - dob.year() > OLDEST {
                p.add("date_of_birth", "Check the year of birth: that would make them older than 120");
            }
        }
        if let Some(dod) = self.date_of_death {
            if dod > today {
                p.add("date_of_death", "Date of death must be today or in the past");
            } else if self.date_of_birth.is_some_and(|dob| dod < dob) {
                p.add("date_of_death", "Date of death must be the same as or after their date of birth");
            }
        }
        if let Some(n) = &self.nhs_number
            && let Err(e) = NhsNumber::parse(n)
        {
            p.add("nhs_number", e.to_string());
        }
        if let Some(code) = &self.gp_practice_code
            && !valid_ods_practice_code(code)
        {
            p.add("gp_practice_code", "A practice code is a letter and five letters or numbers, like A81001");
        }
        if let Some(email) = &self.email
            && crate::email::EmailAddress::parse(email).is_err()
        {
            p.add("email", "Enter an email address in the correct format, like name@example.com");
        }
        if let Some(phone) = &self.phone
            && !plausible_phone(phone)
        {
            p.add("phone", "Enter a phone number, like 01632 960 001 or 07700 900 982");
        }
        if self.gender == Some(Gender::InAnotherWay)
            && self.gender_own_words.as_deref().is_none_or(|w| w.trim().is_empty())
        {
            p.add("gender_own_words", "Enter how they describe their gender, in their words");
        }
        p
    }

    /// Their age in whole years on `day`, if their date of birth is known.
    pub fn age_on(&self, day: NaiveDate) -> Option<u32> {
        self.date_of_birth.map(|dob| age_on(dob, day))
    }
}

/// Whole years from `born` to `day` (0 before the first birthday). Someone born on 29 February
/// has their birthday on 1 March in other years, as the law counts it (Family Law Reform Act
/// 1969 s9 counts from the start of the anniversary).
pub fn age_on(born: NaiveDate, day: NaiveDate) -> u32 {
    let mut years = day.year() - born.year();
    let birthday_this_year = born
        .with_year(day.year())
        .unwrap_or_else(|| NaiveDate::from_ymd_opt(day.year(), 3, 1).expect("1 March exists"));
    if day < birthday_this_year {
        years -= 1;
    }
    years.max(0) as u32
}

/// GP practice codes: one letter and five letters or digits (NHS ODS).
pub fn valid_ods_practice_code(code: &str) -> bool {
    let b = code.trim().as_bytes();
    b.len() == 6 && b[0].is_ascii_uppercase() && b[1..].iter().all(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
}

/// A UK phone number: 10 or 11 digits after taking out spaces, or +44 and 9 or 10.
pub fn plausible_phone(phone: &str) -> bool {
    let digits: String = phone.chars().filter(|c| !c.is_whitespace() && !matches!(c, '-' | '(' | ')')).collect();
    if let Some(rest) = digits.strip_prefix("+44") {
        return (9..=10).contains(&rest.len()) && rest.bytes().all(|b| b.is_ascii_digit());
    }
    digits.starts_with('0') && (10..=11).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit())
}

/// Unique Property Reference Numbers: up to 12 digits (GeoPlace).
pub fn valid_uprn(uprn: &str) -> bool {
    let t = uprn.trim();
    (1..=12).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit())
}

/// One address the person has lived at, from and to.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    pub line_1: String,
    #[serde(default)]
    pub line_2: Option<String>,
    #[serde(default)]
    pub town: Option<String>,
    #[serde(default)]
    pub postcode: Option<String>,
    #[serde(default)]
    pub uprn: Option<String>,
    #[serde(default)]
    pub from: Option<NaiveDate>,
    #[serde(default)]
    pub to: Option<NaiveDate>,
}

impl Address {
    pub fn check(&self) -> Problems {
        let mut p = Problems::default();
        if self.line_1.trim().is_empty() {
            p.add("line_1", "Enter the first line of the address");
        }
        if let Some(pc) = &self.postcode
            && Postcode::parse(pc).is_err()
        {
            p.add("postcode", "Enter a real postcode, like QW1 1AA");
        }
        if let Some(u) = &self.uprn
            && !valid_uprn(u)
        {
            p.add("uprn", "A property reference number (UPRN) is up to 12 numbers");
        }
        if let (Some(from), Some(to)) = (self.from, self.to)
            && to < from
        {
            p.add("to", "The date they left must be after the date they moved in");
        }
        p
    }

    /// The address on one line.
    pub fn one_line(&self) -> String {
        self.lines().join(", ")
    }

    /// The address a line each, as a letter shows it: empty parts left out.
    pub fn lines(&self) -> Vec<String> {
        [Some(self.line_1.as_str()), self.line_2.as_deref(), self.town.as_deref(), self.postcode.as_deref()]
            .into_iter()
            .flatten()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn ada() -> PersonDetails {
        PersonDetails {
            given_name: "Ada".into(),
            family_name: "Kettlewell".into(),
            preferred_name: Some("Addie".into()),
            date_of_birth: Some(day(1941, 3, 14)),
            ..Default::default()
        }
    }

    #[test]
    fn names_for_talking_and_for_letters() {
        let mut p = ada();
        p.other_names = Some("May".into());
        assert_eq!(p.display_name(), "Addie Kettlewell");
        assert_eq!(p.full_name(), "Ada May Kettlewell");
    }

    #[test]
    fn ages_count_whole_years_and_leap_day_birthdays_fall_on_1_march() {
        assert_eq!(age_on(day(1941, 3, 14), day(2026, 3, 13)), 84);
        assert_eq!(age_on(day(1941, 3, 14), day(2026, 3, 14)), 85);
        assert_eq!(age_on(day(2008, 2, 29), day(2026, 2, 28)), 17);
        assert_eq!(age_on(day(2008, 2, 29), day(2026, 3, 1)), 18);
        assert_eq!(age_on(day(2026, 12, 1), day(2026, 11, 1)), 0);
    }

    #[test]
    fn every_name_and_short_detail_has_a_sensible_length() {
        let today = day(2026, 12, 1);
        let mut p = ada();
        p.preferred_name = Some("x".repeat(100_000));
        p.phone = Some("1".repeat(51));
        let problems = p.check(today);
        assert_eq!(problems.get("preferred_name"), Some("Names must be 100 characters or fewer"));
        assert_eq!(problems.get("phone"), Some("This must be 50 characters or fewer"));
        p.preferred_name = Some("Ñ".repeat(LONGEST_NAME));
        p.phone = None;
        assert!(p.check(today).is_empty(), "a long name in letters, not bytes, is kept");
    }

    #[test]
    fn a_record_that_cannot_be_true_is_refused_field_by_field() {
        let today = day(2026, 12, 1);
        assert!(ada().check(today).is_empty());
        let mut p = ada();
        p.given_name = " ".into();
        p.date_of_birth = Some(day(2027, 1, 1));
        p.date_of_death = Some(day(2026, 1, 1));
        p.nhs_number = Some("943 476 5918".into());
        p.gp_practice_code = Some("81001".into());
        p.phone = Some("12345".into());
        p.gender = Some(Gender::InAnotherWay);
        let problems = p.check(today);
        for field in ["given_name", "date_of_birth", "nhs_number", "gp_practice_code", "phone", "gender_own_words"] {
            assert!(problems.get(field).is_some(), "{field}: {problems:?}");
        }
        let mut dead_before_born = ada();
        dead_before_born.date_of_death = Some(day(1940, 1, 1));
        assert_eq!(
            dead_before_born.check(today).get("date_of_death"),
            Some("Date of death must be the same as or after their date of birth")
        );
        let mut too_old = ada();
        too_old.date_of_birth = Some(day(1890, 1, 1));
        assert!(too_old.check(today).get("date_of_birth").unwrap().contains("older than 120"));
    }

    #[test]
    fn phone_numbers_practice_codes_and_property_references() {
        assert!(plausible_phone("01632 960 001"));
        assert!(plausible_phone("07700 900982"));
        assert!(plausible_phone("+44 7700 900982"));
        assert!(!plausible_phone("999"));
        assert!(valid_ods_practice_code("A81001"));
        assert!(!valid_ods_practice_code("a81001"));
        assert!(valid_uprn("100023336956"));
        assert!(!valid_uprn("1000233369561"));
    }

    #[test]
    fn addresses_check_their_postcode_and_dates() {
        let a = Address {
            line_1: "4 Lantern Row".into(),
            town: Some("Wrenfield".into()),
            postcode: Some("QW1 1AA".into()),
            from: Some(day(2020, 1, 1)),
            to: Some(day(2019, 1, 1)),
            ..Default::default()
        };
        let p = a.check();
        assert!(p.get("to").is_some());
        assert!(p.get("postcode").is_none());
        assert_eq!(a.one_line(), "4 Lantern Row, Wrenfield, QW1 1AA");
    }
}
