//! The demo council's charging: its local policy, and made-up people whose finances have been
//! assessed, for the finance pages, the yearly uprating and the benchmarks. Every person and
//! amount is invented, from a seed.

use crate::charging::input::*;
use crate::charging::money::{Pence, Period};
use crate::charging::policy::{DreMethod, LocalPolicy, NightCare};
use crate::demo::{DemoRng, person_name};
use chrono::NaiveDate;

/// Wrenfield's charging choices: the sort a council makes, within the law.
pub fn demo_policy() -> LocalPolicy {
    LocalPolicy {
        effective_from: NaiveDate::from_ymd_opt(2023, 4, 6).expect("a real date"),
        minimum_charge: Pence(125),
        disability_related_expenditure: DreMethod::HigherOfBoth,
        standard_disability_related_expenditure: Pence(1_085),
        night_care: NightCare::DisregardWithoutNightCare,
        arrangement_fee_yearly: Some(Pence::pounds(250)),
        ..Default::default()
    }
}

fn income(kind: IncomeKind, pence: i64, period: Period, rate: Option<BenefitRate>) -> IncomeItem {
    IncomeItem {
        kind,
        description: None,
        amount: Pence(pence),
        period,
        joint: false,
        rate,
        half_paid_to_spouse: false,
        notional: false,
        evidence: Some("Award letter seen".into()),
    }
}

/// `count` made-up people assessed on `on`, the `start`th onwards (the same seed and index give
/// the same person). Most are pensioners with care at home; some are younger; some are in care
/// homes; a few have capital over the upper limit.
pub fn demo_assessments(seed: u64, start: usize, count: usize, on: NaiveDate) -> Vec<(String, AssessmentInput)> {
    (start..start + count)
        .map(|n| {
            let mut rng = DemoRng::new(seed ^ 0xC4A2_61E5 ^ (n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
            let name = person_name(&mut rng);
            let older = rng.below(10) < 7;
            let born = if older {
                NaiveDate::from_ymd_opt(1935 + rng.below(20) as i32, 1 + rng.below(12) as u32, 1 + rng.below(28) as u32)
            } else {
                NaiveDate::from_ymd_opt(1965 + rng.below(35) as i32, 1 + rng.below(12) as u32, 1 + rng.below(28) as u32)
            }
            .expect("a real date");
            let care_home = older && rng.below(10) < 3;
            let care = if care_home {
                Care::CareHome {
                    weekly_fee: Some(Pence::pounds(750 + rng.below(400) as i64)),
                    stay: Stay::Permanent {
                        first_day: on - chrono::Duration::days(100 + rng.below(900) as i64),
                        disregard_days_used: 0,
                    },
                    top_up: None,
                    extra_personal_allowance: None,
                }
            } else {
                Care::AtHome {
                    weekly_cost: Some(Pence::pounds(80 + rng.below(500) as i64)),
                    night_care: rng.below(4) == 0,
                    council_arranges: true,
                }
            };
            let savings = match rng.below(10) {
                0..=4 => rng.below(14_000) as i64,
                5..=8 => 14_250 + rng.below(9_000) as i64,
                _ => 23_251 + rng.below(60_000) as i64,
            };
            let mut inputs = vec![];
            if older {
                inputs.push(income(IncomeKind::StatePension, 16_000 + rng.below(8_000) as i64, Period::Weekly, None));
                if rng.below(2) == 0 {
                    inputs.push(income(
                        IncomeKind::OccupationalPension,
                        10_000 + rng.below(90_000) as i64,
                        Period::Monthly,
                        None,
                    ));
                }
                if rng.below(3) == 0 {
                    let higher = rng.below(2) == 0;
                    let amount = if higher { 11_040 } else { 7_390 };
                    inputs.push(income(
                        IncomeKind::AttendanceAllowance,
                        amount,
                        Period::Weekly,
                        Some(if higher { BenefitRate::Higher } else { BenefitRate::Lower }),
                    ));
                }
            } else {
                inputs.push(income(
                    IncomeKind::UniversalCredit,
                    60_000 + rng.below(80_000) as i64,
                    Period::Monthly,
                    None,
                ));
                let enhanced = rng.below(3) == 0;
                let amount = if enhanced { 11_040 } else { 7_390 };
                inputs.push(income(
                    IncomeKind::PipDailyLiving,
                    amount,
                    Period::Weekly,
                    Some(if enhanced { BenefitRate::Higher } else { BenefitRate::Lower }),
                ));
                inputs.push(income(IncomeKind::PipMobility, 2_920, Period::Weekly, None));
            }
            let housing = if care_home {
                vec![]
            } else {
                vec![HousingCost {
                    kind: HousingKind::CouncilTax,
                    amount: Pence(120_000 + rng.below(80_000) as i64),
                    period: Period::Yearly,
                    paid_by_benefits: Pence::ZERO,
                    shared_with_partner: false,
                    evidence: Some("Council Tax bill seen".into()),
                }]
            };
            let mut capital = vec![CapitalItem {
                kind: CapitalKind::Savings,
                description: Some("Current account and savings".into()),
                value: Pence::pounds(savings),
                owners: 1,
                sale_costs: false,
                secured_debt: Pence::ZERO,
                occupied_by: None,
                occupant_there_before_admission: true,
                discretionary_disregard: None,
                selling_to_buy_another: false,
                evidence: Some("Bank statements seen".into()),
            }];
            if care_home && rng.below(3) == 0 {
                capital.push(CapitalItem {
                    kind: CapitalKind::MainHome,
                    description: Some("Their house".into()),
                    value: Pence::pounds(150_000 + rng.below(200_000) as i64),
                    sale_costs: true,
                    occupied_by: Some(Occupant::Partner),
                    ..capital[0].clone()
                });
            }
            let input = AssessmentInput {
                date: on,
                person: Person { date_of_birth: Some(born), ..Default::default() },
                care,
                capital,
                income: inputs,
                housing,
                disability_related_expenditure: vec![],
                notional_capital: None,
                light_touch: None,
            };
            (name, input)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charging::figures::shipped;

    #[test]
    fn demo_assessments_are_repeatable_and_all_work_out() {
        let on = NaiveDate::from_ymd_opt(2025, 10, 6).unwrap();
        let a = demo_assessments(1, 0, 200, on);
        assert_eq!(a, demo_assessments(1, 0, 200, on));
        assert_eq!(a[50], demo_assessments(1, 50, 1, on)[0]);
        let book = shipped();
        let policy = demo_policy();
        assert!(policy.problems().is_empty());
        let mut full_cost = 0;
        for (_, input) in &a {
            let result = crate::charging::assess(input, book.on(on).unwrap(), &policy).unwrap();
            if result.outcome == crate::charging::Outcome::FullCost {
                full_cost += 1;
            }
        }
        assert!((5..60).contains(&full_cost), "a realistic few pay the full cost: {full_cost}");
    }
}
