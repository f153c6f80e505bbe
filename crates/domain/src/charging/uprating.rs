//! Raising the state pensions and benefits an assessment recorded to a new year's rates, for the
//! April uprating of every assessment (`hearth charging uprate`).
//!
//! Each April the Department for Work and Pensions raises state pensions and benefits (the
//! up-rating order under the Social Security Administration Act 1992 s150 and s150A) on the same
//! day the new charging figures begin. A council's uprating follows both: the allowances rise
//! and so does the income they are taken from. Raising only the allowances would lower almost
//! every charge, which is not what happens to anyone's money.
//!
//! What is raised, and how:
//! - Attendance Allowance, DLA care and PIP daily living at a stated rate are set to the new
//!   year's rate (the figures file);
//! - the State Pension and the Pension Credit guarantee by their rises, and other benefits and
//!   war pensions by the rise in prices, standard rates to the nearest 5p a week as the
//!   department's are, other amounts to the nearest penny;
//! - Universal Credit, savings credit, private and job pensions, earnings and other income are
//!   left as recorded and named, for the officer to check against the person's letters.

use super::figures::{NationalFigures, Rise};
use super::input::{AssessmentInput, BenefitRate, IncomeKind};
use super::money::{Pence, Period};

/// One income the uprating raised.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RaisedIncome {
    pub kind: IncomeKind,
    pub period: Period,
    pub before: Pence,
    pub after: Pence,
    /// How, in words: "raised by 4.8%" or "the new higher rate".
    pub how: String,
}

/// What raising the benefits did to one assessment's input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RaisedBenefits {
    pub input: AssessmentInput,
    pub raised: Vec<RaisedIncome>,
    /// Incomes left as they were recorded, which may have changed too.
    pub to_check: Vec<IncomeKind>,
}

enum Treatment<'a> {
    Rise(&'a Rise, u32),
    Rate(Pence),
    Check,
    Leave,
}

fn treatment<'a>(
    kind: IncomeKind,
    rate: Option<BenefitRate>,
    figures: &'a NationalFigures,
    rises: Option<&'a [(&'a Rise, u32); 3]>,
) -> Treatment<'a> {
    use IncomeKind::*;
    let b = &figures.benefits;
    let new_rate = match (kind, rate) {
        (AttendanceAllowance, Some(BenefitRate::Higher)) => Some(b.attendance_allowance_higher.amount),
        (AttendanceAllowance, Some(BenefitRate::Lower)) => Some(b.attendance_allowance_lower.amount),
        (DlaCare, Some(BenefitRate::Higher)) => Some(b.dla_care_highest.amount),
        (DlaCare, Some(BenefitRate::Lower)) => Some(b.dla_care_middle.amount),
        (PipDailyLiving, Some(BenefitRate::Higher)) => Some(b.pip_daily_living_enhanced.amount),
        (PipDailyLiving, Some(BenefitRate::Lower)) => Some(b.pip_daily_living_standard.amount),
        _ => None,
    };
    if let Some(amount) = new_rate {
        return Treatment::Rate(amount);
    }
    let Some([state_pension, guarantee, prices]) = rises else {
        return match kind {
            HousingBenefit | CouncilTaxReduction | WinterFuelPayment | ChristmasBonus | ChildTaxCredit => {
                Treatment::Leave
            }
            _ => Treatment::Check,
        };
    };
    match kind {
        StatePension => Treatment::Rise(state_pension.0, state_pension.1),
        PensionCreditGuarantee => Treatment::Rise(guarantee.0, guarantee.1),
        AttendanceAllowance
        | DlaCare
        | DlaMobility
        | PipDailyLiving
        | PipMobility
        | EmploymentAndSupportAllowance
        | IncomeSupport
        | JobseekersAllowance
        | CarersAllowance
        | WarDisablementPension
        | WarPensionConstantAttendance
        | WarWidowsPension
        | ArmedForcesGuaranteedIncome
        | ChildBenefit => Treatment::Rise(prices.0, prices.1),
        // Set locally, disregarded, paid once a year or ended (Child Tax Credit closed in April
        // 2025): nothing to raise and nothing the charge depends on.
        HousingBenefit | CouncilTaxReduction | WinterFuelPayment | ChristmasBonus | ChildTaxCredit => Treatment::Leave,
        UniversalCredit
        | PensionCreditSavings
        | OccupationalPension
        | PersonalPension
        | Earnings
        | CharitableOrVoluntary
        | InterestOnSavings
        | Other => Treatment::Check,
    }
}

/// Weeks in a period paid in whole weeks, for the periods benefits are paid in.
fn whole_weeks(period: Period) -> Option<i64> {
    match period {
        Period::Weekly => Some(1),
        Period::TwoWeekly => Some(2),
        Period::FourWeekly => Some(4),
        _ => None,
    }
}

/// `amount` raised by `basis_points`. A standard rate (whole weeks of whole 5p amounts) rises
/// to the nearest 5p a week, halves up, as the department's rates do; any other amount (a part
/// State Pension with its additional pension, say) to the nearest penny. Neither can go down.
pub fn raise(amount: Pence, period: Period, basis_points: u32) -> Pence {
    let raised = i128::from(amount.pence()) * (10_000 + i128::from(basis_points));
    let nearest = |value: i128, step: i128| (value + step / 2).div_euclid(step);
    let whole = |p: i128| Pence(i64::try_from(p).expect("amounts stay far below i64"));
    match whole_weeks(period) {
        Some(weeks) if amount.pence() % (weeks * 5) == 0 => {
            whole(nearest(raised, i128::from(weeks) * 10_000 * 5) * 5 * i128::from(weeks))
        }
        _ => whole(nearest(raised, 10_000)),
    }
}

/// Raises the state pensions and benefits in `input` to the rates of `figures`' year, and sets
/// its date to the first day of that year. Figures without rises change only the disability
/// benefits at a stated rate, and every other income is named to check.
pub fn raise_benefits(input: &AssessmentInput, figures: &NationalFigures) -> RaisedBenefits {
    let rises = figures.benefit_rises.as_ref().and_then(|r| {
        let bp = |rise: &Rise| rise.basis_points().ok();
        Some([
            (&r.state_pension, bp(&r.state_pension)?),
            (&r.pension_credit_guarantee, bp(&r.pension_credit_guarantee)?),
            (&r.other_benefits, bp(&r.other_benefits)?),
        ])
    });
    let mut out = input.clone();
    out.date = figures.valid_from;
    let (mut raised, mut to_check) = (Vec::new(), Vec::new());
    for item in &mut out.income {
        let (before, period_before) = (item.amount, item.period);
        let (after, how) = match treatment(item.kind, item.rate, figures, rises.as_ref()) {
            Treatment::Leave => continue,
            Treatment::Check => {
                if !to_check.contains(&item.kind) {
                    to_check.push(item.kind);
                }
                continue;
            }
            Treatment::Rise(rise, bp) => (raise(before, item.period, bp), format!("raised by {}%", rise.percent)),
            Treatment::Rate(weekly) => match whole_weeks(item.period) {
                Some(weeks) => (Pence(weekly.pence() * weeks), format!("the {} rate", figures.year)),
                None => {
                    // Benefits are paid weekly or four-weekly; a monthly figure becomes weekly.
                    item.period = Period::Weekly;
                    (weekly, format!("the {} rate, now written a week", figures.year))
                }
            },
        };
        if after == before && item.period == period_before {
            continue;
        }
        let was = format!("{before} {}", period_before.label());
        item.amount = after;
        item.evidence = Some(match item.evidence.take() {
            Some(seen) if !seen.trim().is_empty() => {
                format!("{} from {}: {how}, was {was}. {seen}", figures.year, figures.valid_from.format("%-d %B %Y"))
            }
            _ => format!("{} from {}: {how}, was {was}", figures.year, figures.valid_from.format("%-d %B %Y")),
        });
        raised.push(RaisedIncome { kind: item.kind, period: item.period, before, after, how });
    }
    RaisedBenefits { input: out, raised, to_check }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charging::figures::shipped;
    use crate::charging::input::IncomeItem;

    fn income(kind: IncomeKind, amount: &str, period: Period, rate: Option<BenefitRate>) -> IncomeItem {
        IncomeItem {
            kind,
            description: None,
            amount: Pence::parse(amount).unwrap(),
            period,
            joint: false,
            rate,
            half_paid_to_spouse: false,
            notional: false,
            evidence: Some("Letter seen".into()),
        }
    }

    fn input(income: Vec<IncomeItem>) -> AssessmentInput {
        let mut input: AssessmentInput = serde_json::from_value(serde_json::json!({
            "date": "2025-06-01",
            "person": {},
            "care": { "setting": "at-home" }
        }))
        .unwrap();
        input.income = income;
        input
    }

    #[test]
    fn amounts_paid_in_weeks_rise_to_the_nearest_5p_a_week() {
        // The full new State Pension, 2025/26 to 2026/27: £230.25 × 1.048 = £241.302, to the
        // nearest 5p £241.30, the published rate.
        assert_eq!(raise(Pence(23_025), Period::Weekly, 480), Pence(24_130));
        // The basic State Pension: £176.45 × 1.048 = £184.9196, to the nearest 5p £184.90.
        assert_eq!(raise(Pence(17_645), Period::Weekly, 480), Pence(18_490));
        // Paid every four weeks: £921.00 is £230.25 a week, so £241.30 × 4 = £965.20.
        assert_eq!(raise(Pence(92_100), Period::FourWeekly, 480), Pence(96_520));
        // A halfway amount goes up: £10.00 × 1.0025 = £10.025, to the nearest 5p £10.05
        // (10.025 is halfway between 10.00 and 10.05).
        assert_eq!(raise(Pence(1_000), Period::Weekly, 25), Pence(1_005));
        // A monthly amount to the nearest penny: £400.00 × 1.038 = £415.20.
        assert_eq!(raise(Pence(40_000), Period::Monthly, 380), Pence(41_520));
        // A part pension that is not a whole 5p: £187.63 × 1.048 = £196.63624, to the nearest
        // penny £196.64.
        assert_eq!(raise(Pence(18_763), Period::Weekly, 480), Pence(19_664));
        // A small odd amount never goes down: 26p × 1.038 = 26.988p, 27p.
        assert_eq!(raise(Pence(26), Period::Weekly, 380), Pence(27));
    }

    #[test]
    fn the_april_2026_uprating_raises_pensions_and_benefits_and_names_the_rest() {
        let book = shipped();
        let figures = book.year("2026/27").unwrap();
        let before = input(vec![
            income(IncomeKind::StatePension, "230.25", Period::Weekly, None),
            income(IncomeKind::AttendanceAllowance, "110.40", Period::Weekly, Some(BenefitRate::Higher)),
            // Carer's Allowance by prices: £83.30 × 1.038 = £86.4654, to the nearest 5p £86.45.
            income(IncomeKind::CarersAllowance, "83.30", Period::Weekly, None),
            income(IncomeKind::OccupationalPension, "400.00", Period::Monthly, None),
            income(IncomeKind::UniversalCredit, "600.00", Period::Monthly, None),
            income(IncomeKind::HousingBenefit, "90.00", Period::Weekly, None),
        ]);
        let after = raise_benefits(&before, figures);
        assert_eq!(after.input.date, figures.valid_from);
        let amounts: Vec<Pence> = after.input.income.iter().map(|i| i.amount).collect();
        assert_eq!(amounts, [Pence(24_130), Pence(11_460), Pence(8_645), Pence(40_000), Pence(60_000), Pence(9_000)]);
        assert_eq!(after.raised.len(), 3);
        assert_eq!(after.raised[0].how, "raised by 4.8%");
        assert_eq!(after.raised[1].how, "the 2026/27 rate");
        assert_eq!(after.raised[2].how, "raised by 3.8%");
        assert_eq!(after.to_check, [IncomeKind::OccupationalPension, IncomeKind::UniversalCredit]);
        // The evidence says what was done and keeps what was seen.
        assert_eq!(
            after.input.income[0].evidence.as_deref(),
            Some("2026/27 from 6 April 2026: raised by 4.8%, was £230.25 a week. Letter seen")
        );
    }

    #[test]
    fn a_monthly_disability_benefit_becomes_the_weekly_rate() {
        let book = shipped();
        let figures = book.year("2026/27").unwrap();
        let before =
            input(vec![income(IncomeKind::PipDailyLiving, "320.00", Period::Monthly, Some(BenefitRate::Lower))]);
        let after = raise_benefits(&before, figures);
        let item = &after.input.income[0];
        assert_eq!((item.amount, item.period), (Pence(7_670), Period::Weekly));
        assert_eq!(after.raised[0].how, "the 2026/27 rate, now written a week");
    }

    #[test]
    fn without_rises_only_stated_rates_change_and_everything_else_is_named() {
        let book = shipped();
        let mut figures = book.year("2026/27").unwrap().clone();
        figures.benefit_rises = None;
        let before = input(vec![
            income(IncomeKind::StatePension, "230.25", Period::Weekly, None),
            income(IncomeKind::AttendanceAllowance, "73.90", Period::Weekly, Some(BenefitRate::Lower)),
            income(IncomeKind::HousingBenefit, "90.00", Period::Weekly, None),
        ]);
        let after = raise_benefits(&before, &figures);
        assert_eq!(after.input.income[0].amount, Pence(23_025));
        assert_eq!(after.input.income[1].amount, Pence(7_670));
        assert_eq!(after.to_check, [IncomeKind::StatePension]);
    }

    #[test]
    fn every_shipped_year_from_2023_24_has_its_rises() {
        // Earlier years are for backdated assessments, not for raising incomes into.
        for year in shipped().years().iter().filter(|y| y.year.as_str() >= "2023/24") {
            assert_eq!(year.rises().len(), 3, "{}", year.year);
            for (_, rise) in year.rises() {
                assert!(rise.basis_points().unwrap() > 0, "{}", year.year);
            }
        }
    }
}
