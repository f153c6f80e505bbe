//! The answer of an estimate in a few plain sentences: the main reason for the amount, before
//! any workings. A resident reads this first; the lines and the law behind them come after.
//! The sentences say only what the assessment's own figures show, so they cannot disagree
//! with the workings.

use super::engine::{Assessment, Outcome, Setting};
use super::figures::NationalFigures;
use super::money::Pence;

/// Why the estimate comes out as it does, in short sentences a resident can read.
pub fn why(a: &Assessment, figures: &NationalFigures) -> Vec<String> {
    let upper = figures.capital.upper_limit.amount;
    let lower = figures.capital.lower_limit.amount;
    let mut out = Vec::new();
    if a.outcome == Outcome::FullCost {
        out.push(format!(
            "You have {} in savings and property. This is more than {upper}, so you pay the full cost of your care.",
            a.capital
        ));
        out.push(format!(
            "When your savings go below {upper}, ask us to look again. The council will then help with the cost."
        ));
        return out;
    }
    let charge = a.weekly_charge.unwrap_or(Pence::ZERO);
    let in_care_home = a.setting != Setting::AtHome;
    if a.tariff_income > Pence::ZERO {
        out.push(format!(
            "You have {} in savings. As this is more than {lower}, we count {} a week from your savings as income.",
            a.capital, a.tariff_income
        ));
    }
    if charge == Pence::ZERO {
        out.push(if in_care_home {
            format!("You keep {} a week for your own things. Your income is not more than that, so there is nothing left to pay.", a.protected_income)
        } else {
            format!(
                "By law, you keep at least {} a week to live on. You also keep what you pay for your home, and the extra costs of being ill or disabled. Your income is not more than this, so there is nothing left to pay.",
                a.protected_income
            )
        });
        return out;
    }
    out.push(format!("We count {} a week of your income.", a.weekly_income_counted + a.tariff_income));
    out.push(if in_care_home {
        format!("You keep {} a week for your own things. The rest goes towards the care home's fees.", a.protected_income)
    } else {
        format!(
            "You keep at least {} a week to live on. You also keep what you pay for your home, and the extra costs of being ill or disabled. The rest can go towards your care.",
            a.protected_income
        )
    });
    match a.maximum_weekly_charge {
        Some(most) if most > charge => out.push(format!(
            "Your care costs {charge} a week. This is less than the {most} you could pay, so you pay only what it costs."
        )),
        _ if a.weekly_charge.is_some() && a.left_after_charge.is_some() => {
            out.push("If your care costs less than this, you pay only what it costs.".to_owned())
        }
        _ => {}
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessments::letters::reading_age;
    use crate::charging::assess;
    use crate::charging::estimate::{Answers, to_input};
    use crate::charging::figures::shipped;
    use crate::charging::policy::LocalPolicy;

    fn day() -> chrono::NaiveDate {
        chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
    }

    fn estimate(a: &Answers) -> (Assessment, NationalFigures) {
        let book = shipped();
        let figures = book.on(day()).expect("figures for 2026/27").clone();
        let policy = LocalPolicy::default();
        (assess(&to_input(a, &policy, day()), &figures, &policy).expect("assessed"), figures)
    }

    fn pensioner_at_home(savings: &str, pension: &str) -> Answers {
        Answers {
            setting: "home".into(),
            age: "pension-age".into(),
            partner: "no".into(),
            has_children: "no".into(),
            savings: savings.into(),
            benefits: vec!["none".into()],
            state_pension: pension.into(),
            state_pension_period: "weekly".into(),
            ..Default::default()
        }
    }

    #[test]
    fn savings_over_the_upper_limit_are_the_reason_for_the_full_cost() {
        let (a, f) = estimate(&pensioner_at_home("30000", "230.25"));
        let why = why(&a, &f);
        assert!(why[0].contains("£30,000.00") && why[0].contains(&f.capital.upper_limit.amount.to_string()), "{why:?}");
        assert!(why[0].contains("full cost"));
    }

    #[test]
    fn a_charge_names_the_income_counted_and_what_is_kept() {
        let (a, f) = estimate(&pensioner_at_home("20000", "400"));
        assert_eq!(a.outcome, Outcome::Charge);
        let why = why(&a, &f);
        // £20,000 is £5,750 over £14,250: 23 steps of £250, so £23 a week from savings.
        assert!(why[0].contains("£23.00 a week"), "{why:?}");
        assert!(why.iter().any(|s| s.contains(&a.protected_income.to_string())), "{why:?}");
        assert!(why.iter().any(|s| s.contains(&(a.weekly_income_counted + a.tariff_income).to_string())), "{why:?}");
    }

    #[test]
    fn a_low_income_is_told_there_is_nothing_to_pay_and_why() {
        let (a, f) = estimate(&pensioner_at_home("0", "150"));
        assert_eq!(a.weekly_charge, Some(Pence::ZERO));
        let why = why(&a, &f);
        assert_eq!(why.len(), 1, "no savings, so no sentence about them: {why:?}");
        assert!(why[0].contains("nothing left to pay"));
    }

    #[test]
    fn care_that_costs_less_than_the_most_is_charged_at_its_cost() {
        let mut answers = pensioner_at_home("0", "400");
        answers.care_cost = "40".into();
        let (a, f) = estimate(&answers);
        assert_eq!(a.weekly_charge, Some(Pence::pounds(40)));
        assert!(why(&a, &f).last().unwrap().contains("you pay only what it costs"));
    }

    /// Issue 16: the estimate's answer is read first, so it is written for a reading age of 9
    /// (Flesch-Kincaid grade plus 5) or under, whatever the answers.
    #[test]
    fn every_kind_of_answer_reads_at_a_reading_age_of_nine_or_under() {
        let mut care_home = pensioner_at_home("16000", "300");
        care_home.setting = "care-home".into();
        care_home.stay = "temporary".into();
        for answers in [
            pensioner_at_home("30000", "230.25"),
            pensioner_at_home("20000", "400"),
            pensioner_at_home("0", "150"),
            care_home,
        ] {
            let (a, f) = estimate(&answers);
            let text = why(&a, &f).join(" ");
            let age = reading_age(&text);
            println!("estimate answer: reading age {age:.1}");
            assert!(age <= 9.0, "reading age {age:.1}: {text}");
        }
    }
}
