//! Deciding what a concern needs (Care Act 2014 s42(1)): the duty to enquire arises where the
//! council has reasonable cause to suspect that an adult in its area (a) has needs for care and
//! support, (b) is experiencing, or is at risk of, abuse or neglect, and (c) as a result of those
//! needs is unable to protect themselves. Each test is answered with its reason, so the decision
//! can always be explained; an enquiry the council judges proportionate when the tests are not all
//! met is an "other enquiry" (SAC definitions; statutory guidance 14.44).

use crate::Problems;
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

/// One of the three tests: met or not, and why.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Test {
    pub met: Option<bool>,
    pub reason: String,
}

/// The three tests of s42(1).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tests {
    /// s42(1)(a): needs for care and support, whether or not the council meets any of them.
    pub needs: Test,
    /// s42(1)(b): experiencing, or at risk of, abuse or neglect.
    pub at_risk: Test,
    /// s42(1)(c): as a result of those needs, unable to protect themselves.
    pub unable_to_protect: Test,
}

impl Tests {
    /// Whether all three are met: the s42(2) duty to enquire.
    pub fn all_met(&self) -> bool {
        [&self.needs, &self.at_risk, &self.unable_to_protect].iter().all(|t| t.met == Some(true))
    }

    fn named(&self) -> [(&'static str, &'static str, &Test); 3] {
        [
            ("needs", "whether they have needs for care and support (section 42(1)(a))", &self.needs),
            (
                "at_risk",
                "whether they are experiencing, or at risk of, abuse or neglect (section 42(1)(b))",
                &self.at_risk,
            ),
            (
                "unable_to_protect",
                "whether, because of those needs, they cannot protect themselves (section 42(1)(c))",
                &self.unable_to_protect,
            ),
        ]
    }
}

/// What was decided about a concern.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "outcome")]
pub enum Outcome {
    /// All three tests met: the council must make enquiries (s42(2)).
    SectionFortyTwo,
    /// Not all met, but an enquiry is proportionate (an "other enquiry" in the SAC).
    OtherEnquiry { why: String },
    /// No safeguarding enquiry; the advice or other support given instead.
    NoEnquiry { support_given: String },
    /// The abuse happened in another council's area: that council leads (SAC counting rule).
    PassedOn { council: String },
    /// The same worry as a concern already recorded.
    Duplicate { of: String },
}

impl Outcome {
    pub fn key(&self) -> &'static str {
        match self {
            Outcome::SectionFortyTwo => "section-42",
            Outcome::OtherEnquiry { .. } => "other-enquiry",
            Outcome::NoEnquiry { .. } => "no-enquiry",
            Outcome::PassedOn { .. } => "passed-on",
            Outcome::Duplicate { .. } => "duplicate",
        }
    }

    pub fn label(&self) -> &'static str {
        match self {
            Outcome::SectionFortyTwo => "Section 42 enquiry",
            Outcome::OtherEnquiry { .. } => "Other safeguarding enquiry",
            Outcome::NoEnquiry { .. } => "No safeguarding enquiry",
            Outcome::PassedOn { .. } => "Passed to another council",
            Outcome::Duplicate { .. } => "Already reported",
        }
    }

    /// Whether an enquiry follows.
    pub fn enquiry(&self) -> bool {
        matches!(self, Outcome::SectionFortyTwo | Outcome::OtherEnquiry { .. })
    }
}

/// Checks a decision: each test answered with its reason, and the outcome the tests allow.
/// A duplicate or a concern passed on needs no tests; every other outcome does.
pub fn check(tests: &Tests, outcome: &Outcome) -> Problems {
    let mut problems = Problems::default();
    if let Outcome::Duplicate { of } = outcome {
        problems.check(of.trim().is_empty(), "duplicate_of", "Say which concern this repeats");
        return problems;
    }
    if let Outcome::PassedOn { council } = outcome {
        problems.check(council.trim().is_empty(), "council", "Say which council it was passed to");
        return problems;
    }
    for (field, what, test) in tests.named() {
        match test.met {
            None => problems.add(field, format!("Decide {what}")),
            Some(_) if test.reason.trim().is_empty() => {
                problems.add(format!("{field}_reason"), format!("Give the reason for {what}"))
            }
            Some(_) => {}
        }
    }
    let answered = [&tests.needs, &tests.at_risk, &tests.unable_to_protect].iter().all(|t| t.met.is_some());
    match outcome {
        Outcome::SectionFortyTwo if answered && !tests.all_met() => problems.add(
            "outcome",
            "A section 42 enquiry needs all three tests met. Choose another safeguarding enquiry if one is still proportionate",
        ),
        Outcome::OtherEnquiry { .. } if answered && tests.all_met() => problems.add(
            "outcome",
            "All three tests are met, so the council must make a section 42 enquiry (section 42(2))",
        ),
        Outcome::OtherEnquiry { why } => {
            problems.check(why.trim().is_empty(), "why", "Say why an enquiry is proportionate")
        }
        Outcome::NoEnquiry { .. } if answered && tests.all_met() => problems.add(
            "outcome",
            "All three tests are met, so the council must make a section 42 enquiry (section 42(2))",
        ),
        Outcome::NoEnquiry { support_given } => problems.check(
            support_given.trim().is_empty(),
            "support_given",
            "Say what advice or other support was given instead",
        ),
        _ => {}
    }
    problems
}

/// The day a decision is due: `working_days` working days (Monday to Friday) after the concern
/// arrived. The target is the council's setting; bank holidays are not counted out here.
pub fn due_by(received: NaiveDate, working_days: u32) -> NaiveDate {
    let mut day = received;
    let mut left = working_days;
    while left > 0 {
        day += Duration::days(1);
        if !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
            left -= 1;
        }
    }
    day
}

#[cfg(test)]
mod tests {
    use super::*;

    fn test(met: bool) -> Test {
        Test { met: Some(met), reason: "Seen at the visit".to_owned() }
    }

    fn tests(a: bool, b: bool, c: bool) -> Tests {
        Tests { needs: test(a), at_risk: test(b), unable_to_protect: test(c) }
    }

    #[test]
    fn section_42_needs_all_three_tests_met_s42_1() {
        assert!(check(&tests(true, true, true), &Outcome::SectionFortyTwo).is_empty());
        let refused = check(&tests(true, true, false), &Outcome::SectionFortyTwo);
        assert!(refused.get("outcome").unwrap().contains("all three tests"));
    }

    #[test]
    fn when_all_three_are_met_the_enquiry_is_a_duty_s42_2() {
        let other = Outcome::OtherEnquiry { why: "Proportionate".into() };
        assert!(check(&tests(true, true, true), &other).get("outcome").unwrap().contains("must make"));
        let none = Outcome::NoEnquiry { support_given: "Advice".into() };
        assert!(check(&tests(true, true, true), &none).get("outcome").is_some());
        // Not all met: another enquiry is allowed, with its reason; no enquiry, with the support.
        assert!(check(&tests(true, true, false), &other).is_empty());
        assert!(check(&tests(false, true, false), &none).is_empty());
        let bare = check(&tests(false, true, false), &Outcome::NoEnquiry { support_given: " ".into() });
        assert!(bare.get("support_given").is_some());
    }

    #[test]
    fn every_test_is_answered_with_its_reason() {
        let mut t = tests(true, true, true);
        t.at_risk.reason.clear();
        t.unable_to_protect.met = None;
        let problems = check(&t, &Outcome::SectionFortyTwo);
        assert!(problems.get("at_risk_reason").unwrap().contains("42(1)(b)"));
        assert!(problems.get("unable_to_protect").unwrap().contains("42(1)(c)"));
        assert!(problems.get("needs").is_none());
    }

    #[test]
    fn a_duplicate_or_a_concern_passed_on_says_which() {
        assert!(check(&Tests::default(), &Outcome::Duplicate { of: "SG-1".into() }).is_empty());
        assert!(check(&Tests::default(), &Outcome::Duplicate { of: "".into() }).get("duplicate_of").is_some());
        assert!(check(&Tests::default(), &Outcome::PassedOn { council: "".into() }).get("council").is_some());
    }

    #[test]
    fn the_decision_is_due_in_working_days() {
        let friday = NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();
        assert_eq!(due_by(friday, 2), NaiveDate::from_ymd_opt(2026, 12, 8).unwrap());
        let monday = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
        assert_eq!(due_by(monday, 2), NaiveDate::from_ymd_opt(2026, 12, 9).unwrap());
    }
}
