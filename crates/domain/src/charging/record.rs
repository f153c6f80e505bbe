//! The written record of a financial assessment that the person receives: what they will pay,
//! from when, how it was worked out, and what they can do next, in plain words. Built once, when
//! the assessment is completed (or uprated), and kept as sent.

use super::engine::{Assessment, Effect, Outcome, Section, Setting};
use super::money::Pence;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordRow {
    pub label: String,
    /// "£12.50", or empty.
    pub amount: String,
    /// "counted", "not counted", "taken off", "total" or "" (for the screen reader and print).
    pub effect: String,
    pub working: Option<String>,
    pub rule: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordSection {
    pub heading: String,
    pub rows: Vec<RecordRow>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WrittenRecord {
    /// To whom and where, from whom: filled in when the assessment is completed. Records written
    /// before it was kept have none.
    #[serde(default)]
    pub head: crate::letters::LetterHead,
    pub council: String,
    pub title: String,
    pub reference: String,
    pub person: String,
    pub written_on: NaiveDate,
    pub applies_from: NaiveDate,
    pub figures_year: String,
    /// The answer, first: "From 2 September 2024 you will pay £128.21 a week towards your care."
    pub summary: String,
    pub introduction: Vec<String>,
    pub sections: Vec<RecordSection>,
    pub next_steps: Vec<String>,
}

impl WrittenRecord {
    /// Greets whoever the head now says the record goes to (the person, or someone who acts for
    /// them, as the person asked).
    pub fn greet_addressee(&mut self) {
        if let Some(greeting) = self.introduction.first_mut() {
            *greeting = self.head.greeting();
        }
    }

    /// The law behind the record, each rule once, in the order the workings use it: gathered at
    /// the end of the letter rather than under each line.
    pub fn law(&self) -> Vec<String> {
        let mut law: Vec<String> = Vec::new();
        for row in self.sections.iter().flat_map(|s| &s.rows) {
            if !row.rule.is_empty() && !law.contains(&row.rule) {
                law.push(row.rule.clone());
            }
        }
        law
    }
}

fn date(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

fn effect_words(e: Effect) -> &'static str {
    match e {
        Effect::Counted => "counted",
        Effect::Disregarded => "not counted",
        Effect::Deducted => "taken off",
        Effect::Total => "total",
        Effect::Result => "you pay",
        Effect::Note => "",
    }
}

/// Writes the record for `person` of an `assessment` that applies from `applies_from`.
pub fn written_record(
    council: &str,
    reference: &str,
    person: &str,
    written_on: NaiveDate,
    applies_from: NaiveDate,
    assessment: &Assessment,
) -> WrittenRecord {
    let when = date(applies_from);
    let summary = match (assessment.outcome, assessment.weekly_charge) {
        (Outcome::FullCost, Some(cost)) => {
            format!("From {when} you will pay the full cost of your care, {cost} a week.")
        }
        (Outcome::FullCost, None) => format!("From {when} you will pay the full cost of your care."),
        (Outcome::Charge, Some(c)) if c == Pence::ZERO => {
            format!("From {when} you will not have to pay anything towards your care.")
        }
        (Outcome::Charge, Some(c)) => format!("From {when} you will pay {c} a week towards your care."),
        (Outcome::Charge, None) => format!("From {when} you will pay towards your care as set out below."),
    };
    let mut introduction = vec![
        format!("Dear {person},"),
        "We have looked at your money: your savings and other capital, and your income. This letter tells you what you will pay towards the care and support the council arranges for you, and shows how we worked it out.".to_owned(),
    ];
    match assessment.setting {
        Setting::AtHome => introduction.push(
            "By law you must be left with at least the Minimum Income Guarantee to live on each week, after your housing costs and the extra costs of your disability or illness. We have allowed for these below.".to_owned(),
        ),
        _ => introduction.push(
            "In a care home, by law you keep at least the Personal Expenses Allowance each week for your own things, such as clothes, toiletries and presents.".to_owned(),
        ),
    }
    if assessment.outcome == Outcome::FullCost {
        introduction.push(format!(
            "This is because your capital ({}) is more than the upper limit set by law. If your capital goes down to the limit, tell us and we will look again.",
            assessment.capital
        ));
    }
    let mut sections = Vec::new();
    for section in [Section::Capital, Section::Income, Section::Allowances, Section::Charge] {
        let rows: Vec<RecordRow> = assessment
            .lines
            .iter()
            .filter(|l| l.section == section)
            .map(|l| RecordRow {
                label: l.label.clone(),
                amount: l.amount.map(|a| a.to_string()).unwrap_or_default(),
                effect: effect_words(l.effect).to_owned(),
                working: l.working.clone(),
                rule: l.source.clone(),
            })
            .collect();
        if !rows.is_empty() {
            sections.push(RecordSection { heading: section.heading().to_owned(), rows });
        }
    }
    let mut next_steps = vec![
        "If anything here is wrong, or your money or circumstances change, please tell us straight away. We will look at it again.".to_owned(),
        "If you think the amount is not right, you can ask us to review it. You can also make a complaint, and if you are still unhappy, contact the Local Government and Social Care Ombudsman.".to_owned(),
        "We will look at your assessment again at least once a year, and when the national figures change each April.".to_owned(),
    ];
    if let Some(ends) = assessment.property_disregard_ends {
        next_steps.push(format!(
            "We are not counting your home until {}. After that it may count. Please talk to us before then about your choices, which can include a deferred payment agreement so that you do not have to sell your home now.",
            date(ends)
        ));
    } else if assessment.home_counted && assessment.setting == Setting::PermanentCareHome {
        next_steps.push("Your home counts, so you may be able to put off paying part of your fees until later, with a deferred payment agreement. Please ask us about it.".to_owned());
    }
    if let Some(fee) = assessment.yearly_arrangement_fee {
        next_steps.push(format!("As the council arranges your care, there is also a yearly arrangement fee of {fee}."));
    }
    WrittenRecord {
        // Where it goes and who signs it are the caller's to add: the page knows the officer.
        head: crate::letters::LetterHead {
            to: person.to_owned(),
            date: Some(written_on),
            reference: reference.to_owned(),
            council: council.to_owned(),
            ..Default::default()
        },
        council: council.to_owned(),
        title: "Your financial assessment".to_owned(),
        reference: reference.to_owned(),
        person: person.to_owned(),
        written_on,
        applies_from,
        figures_year: assessment.figures_year.clone(),
        summary,
        introduction,
        sections,
        next_steps,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charging::figures::shipped;
    use crate::charging::input::*;
    use crate::charging::money::Period;
    use crate::charging::policy::LocalPolicy;

    #[test]
    fn the_record_says_what_to_pay_first_and_keeps_every_line() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let input = AssessmentInput {
            date: day(2025, 6, 2),
            person: Person { age_band: Some(AgeBand::PensionAge), ..Default::default() },
            care: Care::AtHome { weekly_cost: None, night_care: false, council_arranges: true },
            capital: vec![],
            income: vec![IncomeItem {
                kind: IncomeKind::StatePension,
                description: None,
                amount: Pence::parse("250.00").unwrap(),
                period: Period::Weekly,
                joint: false,
                rate: None,
                half_paid_to_spouse: false,
                notional: false,
                evidence: None,
            }],
            housing: vec![],
            disability_related_expenditure: vec![],
            notional_capital: None,
            light_touch: None,
        };
        let book = shipped();
        let a = crate::charging::assess(&input, book.on(input.date).unwrap(), &LocalPolicy::default()).unwrap();
        let r = written_record(
            "Wrenfield Borough Council (demo)",
            "AS-ABCD-2345",
            "Ada Example",
            day(2025, 6, 3),
            input.date,
            &a,
        );
        // £250.00 − £232.60 = £17.40.
        assert_eq!(r.summary, "From 2 June 2025 you will pay £17.40 a week towards your care.");
        assert_eq!(r.introduction[0], "Dear Ada Example,");
        let rows: usize = r.sections.iter().map(|s| s.rows.len()).sum();
        assert_eq!(rows, a.lines.len());
        assert!(r.sections.iter().flat_map(|s| &s.rows).all(|row| !row.rule.is_empty()));
        assert!(r.next_steps.iter().any(|s| s.contains("Ombudsman")));
        // Sent to the deputy the person asked for: greeted, addressed, and said who it is about.
        let mut to_deputy = r.clone();
        to_deputy.head.address_to(crate::letters::Addressee {
            to: "Ruth Example".into(),
            address: vec!["2 Low Road".into()],
            on_behalf_of: Some("Ada Example".into()),
        });
        to_deputy.greet_addressee();
        assert_eq!(to_deputy.introduction[0], "Dear Ruth Example,");
        assert_eq!(to_deputy.head.lines()[..2], ["Ruth Example", "2 Low Road"]);
        assert_eq!(to_deputy.summary, r.summary);
    }
}
