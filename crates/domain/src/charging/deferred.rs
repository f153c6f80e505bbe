//! Deferred payment agreements (Care Act 2014 s34, the Care and Support (Deferred Payment)
//! Regulations 2014, statutory guidance chapter 9): a person whose home counts can put off paying
//! part of their care home fees until later (usually when the home is sold), against a charge on
//! the home.
//!
//! - The equity limit: the home's value less 10%, less the lower capital limit, less debts
//!   secured on it. Deferral stops when the amount owed (with interest and fees) reaches it.
//! - The person pays from their income what their assessment says, but may keep up to the
//!   disposable income allowance (£144 a week) of it; the rest of the fee is deferred.
//! - Interest is charged at no more than the national maximum, reset each 1 January and 1 July
//!   (guidance 9.67); the council chooses how it compounds.

use super::figures::{InterestRates, NationalFigures};
use super::money::{Favour, Pence};
use super::policy::{Compounding, LocalPolicy};
use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DeferredPaymentInput {
    pub start: NaiveDate,
    pub property_value: Pence,
    #[serde(default)]
    pub secured_debts: Pence,
    /// The weekly fee the agreement helps pay (the council's rate and any agreed top-up).
    pub weekly_fee: Pence,
    /// The person's income counted in their assessment, with tariff income from other capital.
    pub weekly_income: Pence,
    /// How much of the disposable income allowance the person keeps (all of it if left out).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keep_weekly: Option<Pence>,
    /// How many years to project (at most 30; 20 if left out).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub years: Option<u8>,
}

/// The position at the end of one year of the agreement.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct YearEnd {
    pub date: NaiveDate,
    pub deferred: Pence,
    pub interest: Pence,
    pub fees: Pence,
    pub owed: Pence,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct DeferredPaymentProjection {
    pub equity_limit: Pence,
    pub equity_limit_working: String,
    pub disposable_income_allowance: Pence,
    pub weekly_contribution: Pence,
    pub weekly_deferred: Pence,
    /// The rate charged at the start, in hundredths of a percent a year.
    pub starting_rate_basis_points: u32,
    pub years: Vec<YearEnd>,
    /// The day the amount owed reaches the council's warning share of the equity limit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub warning_on: Option<NaiveDate>,
    /// The day the amount owed reaches the equity limit, when deferring must stop.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit_reached_on: Option<NaiveDate>,
    /// Half-years for which no national rate was known, where the last known rate was assumed.
    pub assumed_rate_periods: Vec<NaiveDate>,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DeferredPaymentError {
    #[error("{0}")]
    Invalid(&'static str),
    #[error("no national interest rate is known on or before {0}")]
    NoRate(NaiveDate),
}

/// Fixed point for interest: millionths of a penny, so daily compounding over decades loses
/// nothing that shows.
const SCALE: i128 = 1_000_000;

/// The start of the half-year (1 January or 1 July) a day falls in.
fn half_year_start(day: NaiveDate) -> NaiveDate {
    let month = if day.month() < 7 { 1 } else { 7 };
    NaiveDate::from_ymd_opt(day.year(), month, 1).expect("a real date")
}

pub fn equity_limit(value: Pence, secured_debts: Pence, figures: &NationalFigures) -> (Pence, String) {
    let less_ten = value.percent(9_000, Favour::Down);
    let lower = figures.capital.lower_limit.amount;
    let limit = (less_ten - lower - secured_debts).at_least_zero();
    (
        limit,
        format!(
            "{value} less 10% = {less_ten}; less the lower capital limit {lower} and debts secured on it {secured_debts} = {limit}"
        ),
    )
}

/// Projects an agreement week by week, with interest added day by day.
pub fn project(
    input: &DeferredPaymentInput,
    figures: &NationalFigures,
    policy: &LocalPolicy,
    rates: &InterestRates,
) -> Result<DeferredPaymentProjection, DeferredPaymentError> {
    if input.property_value <= Pence::ZERO {
        return Err(DeferredPaymentError::Invalid("property_value: must be more than zero"));
    }
    if input.weekly_fee < Pence::ZERO || input.weekly_income < Pence::ZERO || input.secured_debts < Pence::ZERO {
        return Err(DeferredPaymentError::Invalid("amounts cannot be negative"));
    }
    let allowance = figures.deferred_payments.disposable_income_allowance.amount;
    let keep = input.keep_weekly.unwrap_or(allowance);
    if keep < Pence::ZERO || keep > allowance {
        return Err(DeferredPaymentError::Invalid(
            "keep_weekly: must be from nothing up to the disposable income allowance",
        ));
    }
    let years = input.years.unwrap_or(20);
    if years == 0 || years > 30 {
        return Err(DeferredPaymentError::Invalid("years: must be from 1 to 30"));
    }
    let (limit, working) = equity_limit(input.property_value, input.secured_debts, figures);
    let contribution = (input.weekly_income - keep).at_least_zero();
    let deferred_weekly = (input.weekly_fee - contribution).at_least_zero();
    let dp = &policy.deferred_payments;

    let rate_on = |day: NaiveDate| -> Result<(u32, bool), DeferredPaymentError> {
        let known = rates.on(day).ok_or(DeferredPaymentError::NoRate(day))?;
        let bp =
            known.basis_points().map_err(|_| DeferredPaymentError::Invalid("an interest rate could not be read"))?;
        // A rate is known for the half-year it starts; after that it is an assumption.
        let assumed = half_year_start(known.from) != half_year_start(day);
        Ok((bp.saturating_sub(dp.below_national_rate_basis_points), assumed))
    };
    let (starting_rate, _) = rate_on(input.start)?;

    let end = input.start.checked_add_months(Months::new(u32::from(years) * 12)).expect("a real date");
    let mut owed: i128 = i128::from(dp.setup_fee.pence()) * SCALE;
    let mut accrued: i128 = 0;
    let (mut deferred_total, mut interest_total, mut fees_total) = (Pence::ZERO, 0_i128, dp.setup_fee);
    let mut out_years = Vec::new();
    let mut assumed = Vec::new();
    let (mut warning_on, mut limit_reached_on) = (None, None);
    let warn_at = i128::from(limit.pence()) * SCALE * i128::from(dp.warn_at_percent) / 100;
    let mut next_anniversary = input.start.checked_add_months(Months::new(12)).expect("a real date");
    let mut day = input.start;
    let mut days = 0_i64;
    while day < end {
        // Each week's deferred amount is added on the weekday the agreement began, while
        // deferring is still allowed.
        if days % 7 == 0 && limit_reached_on.is_none() {
            owed += i128::from(deferred_weekly.pence()) * SCALE;
            deferred_total += deferred_weekly;
        }
        let (bp, is_assumed) = rate_on(day)?;
        if is_assumed {
            let period = half_year_start(day);
            if !assumed.contains(&period) {
                assumed.push(period);
            }
        }
        // A day's interest, rounded down (in the person's favour).
        let days_in_year =
            if NaiveDate::from_ymd_opt(day.year(), 12, 31).expect("a real date").ordinal() == 366 { 366 } else { 365 };
        let daily = owed * i128::from(bp) / (10_000 * days_in_year);
        match dp.compounding {
            Compounding::Daily => owed += daily,
            Compounding::Monthly => accrued += daily,
        }
        interest_total += daily;
        let tomorrow = day.succ_opt().expect("a real date");
        if dp.compounding == Compounding::Monthly && tomorrow.day() == 1 {
            owed += accrued;
            accrued = 0;
        }
        if tomorrow == next_anniversary {
            owed += i128::from(dp.annual_fee.pence()) * SCALE;
            fees_total += dp.annual_fee;
            out_years.push(YearEnd {
                date: day,
                deferred: deferred_total,
                interest: Pence((interest_total / SCALE) as i64),
                fees: fees_total,
                owed: Pence(((owed + accrued) / SCALE) as i64),
            });
            next_anniversary = next_anniversary.checked_add_months(Months::new(12)).expect("a real date");
        }
        let now_owed = owed + accrued;
        if warning_on.is_none() && now_owed >= warn_at {
            warning_on = Some(day);
        }
        if limit_reached_on.is_none() && now_owed >= i128::from(limit.pence()) * SCALE {
            limit_reached_on = Some(day);
        }
        day = tomorrow;
        days += 1;
    }
    Ok(DeferredPaymentProjection {
        equity_limit: limit,
        equity_limit_working: working,
        disposable_income_allowance: allowance,
        weekly_contribution: contribution,
        weekly_deferred: deferred_weekly,
        starting_rate_basis_points: starting_rate,
        years: out_years,
        warning_on,
        limit_reached_on,
        assumed_rate_periods: assumed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charging::figures::{shipped, shipped_interest};

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn the_equity_limit_is_the_value_less_ten_percent_the_lower_limit_and_debts() {
        // North Northamptonshire's published figure: a £165,000 home gives £134,250.
        // 165,000 × 90% = 148,500; − 14,250 = 134,250.
        let figures = shipped();
        let y = figures.year("2024/25").unwrap();
        assert_eq!(equity_limit(Pence::pounds(165_000), Pence::ZERO, y).0, Pence::pounds(134_250));
        // With a £20,000 mortgage: 134,250 − 20,000 = 114,250.
        assert_eq!(equity_limit(Pence::pounds(165_000), Pence::pounds(20_000), y).0, Pence::pounds(114_250));
        // A home worth less than the lower limit after 10% gives nothing to defer against.
        assert_eq!(equity_limit(Pence::pounds(15_000), Pence::ZERO, y).0, Pence::ZERO);
    }

    fn input() -> DeferredPaymentInput {
        DeferredPaymentInput {
            start: day(2024, 1, 1),
            property_value: Pence::pounds(165_000),
            secured_debts: Pence::ZERO,
            weekly_fee: Pence::pounds(900),
            weekly_income: Pence::pounds(300),
            keep_weekly: None,
            years: Some(1),
        }
    }

    #[test]
    fn the_person_keeps_up_to_144_a_week_and_the_rest_of_the_fee_is_deferred() {
        let figures = shipped();
        let y = figures.year("2023/24").unwrap();
        let p = project(&input(), y, &LocalPolicy::default(), &shipped_interest()).unwrap();
        // Income £300 less the £144 allowance: £156 paid; £900 − £156 = £744 deferred a week.
        assert_eq!(p.weekly_contribution, Pence::pounds(156));
        assert_eq!(p.weekly_deferred, Pence::pounds(744));
        assert_eq!(p.starting_rate_basis_points, 465);
        let keep_less = DeferredPaymentInput { keep_weekly: Some(Pence::pounds(50)), ..input() };
        let p = project(&keep_less, y, &LocalPolicy::default(), &shipped_interest()).unwrap();
        assert_eq!(p.weekly_contribution, Pence::pounds(250));
        let too_much = DeferredPaymentInput { keep_weekly: Some(Pence::pounds(145)), ..input() };
        assert!(project(&too_much, y, &LocalPolicy::default(), &shipped_interest()).is_err());
    }

    #[test]
    fn interest_compounds_daily_at_the_rate_for_each_half_year() {
        let figures = shipped();
        let y = figures.year("2023/24").unwrap();
        // £10,000 deferred each week of 2024 (53 Mondays from 1 January), against a home worth
        // enough never to reach the limit. Interest is added daily: 4.65% a year from January
        // to June, 4.05% from July, over 366 days (2024 is a leap year). Checked against the
        // same sum done in floating point, to within a pound.
        let weekly = DeferredPaymentInput {
            property_value: Pence::pounds(10_000_000),
            weekly_fee: Pence::pounds(10_000),
            weekly_income: Pence::ZERO,
            ..input()
        };
        let p = project(&weekly, y, &LocalPolicy::default(), &shipped_interest()).unwrap();
        let mut expected = 0.0_f64;
        for week in 0..53_i64 {
            let mut value = 10_000.0_f64;
            let mut d = day(2024, 1, 1) + chrono::Duration::days(week * 7);
            while d < day(2025, 1, 1) {
                let rate = if d < day(2024, 7, 1) { 0.0465 } else { 0.0405 };
                value *= 1.0 + rate / 366.0;
                d = d.succ_opt().unwrap();
            }
            expected += value;
        }
        assert_eq!(p.years.len(), 1);
        assert_eq!(p.years[0].deferred, Pence::pounds(530_000));
        let owed = p.years[0].owed.pence() as f64 / 100.0;
        assert!((owed - expected).abs() < 1.0, "owed £{owed}, expected about £{expected:.2}");
        assert_eq!(p.years[0].owed, p.years[0].deferred + p.years[0].interest + p.years[0].fees);
        assert!(p.limit_reached_on.is_none());

        // Against a £165,000 home (limit £134,250) the 14th week's £10,000 takes the amount owed
        // past the limit (13 weeks: £130,000 and a little interest): deferring stops that day.
        let capped = DeferredPaymentInput { property_value: Pence::pounds(165_000), ..weekly };
        let p = project(&capped, y, &LocalPolicy::default(), &shipped_interest()).unwrap();
        assert_eq!(p.limit_reached_on, Some(day(2024, 1, 1) + chrono::Duration::days(13 * 7)));
        assert_eq!(p.years[0].deferred, Pence::pounds(140_000));
        // The council's 70% warning came first: 70% of £134,250 is £93,975, passed in week 10.
        assert_eq!(p.warning_on, Some(day(2024, 1, 1) + chrono::Duration::days(9 * 7)));
    }

    #[test]
    fn rates_after_the_last_known_one_are_flagged_as_assumed() {
        let figures = shipped();
        let y = figures.year("2025/26").unwrap();
        let later = DeferredPaymentInput { start: day(2025, 5, 1), years: Some(2), ..input() };
        let p = project(&later, y, &LocalPolicy::default(), &shipped_interest()).unwrap();
        assert_eq!(p.assumed_rate_periods.first(), Some(&day(2025, 7, 1)));
        assert!(p.assumed_rate_periods.contains(&day(2026, 1, 1)));
        let too_early = DeferredPaymentInput { start: day(2017, 1, 1), ..input() };
        assert!(matches!(
            project(&too_early, y, &LocalPolicy::default(), &shipped_interest()),
            Err(DeferredPaymentError::NoRate(_))
        ));
    }

    #[test]
    fn monthly_compounding_adds_less_than_daily() {
        let figures = shipped();
        let y = figures.year("2023/24").unwrap();
        let daily = project(&input(), y, &LocalPolicy::default(), &shipped_interest()).unwrap();
        let mut policy = LocalPolicy::default();
        policy.deferred_payments.compounding = Compounding::Monthly;
        policy.deferred_payments.setup_fee = Pence::pounds(500);
        policy.deferred_payments.annual_fee = Pence::pounds(100);
        let monthly = project(&input(), y, &policy, &shipped_interest()).unwrap();
        assert_eq!(monthly.years[0].fees, Pence::pounds(600));
        assert!(monthly.years[0].interest > Pence::ZERO);
        let daily_interest = daily.years[0].interest;
        let monthly_no_fees = {
            let mut p = policy.clone();
            p.deferred_payments.setup_fee = Pence::ZERO;
            p.deferred_payments.annual_fee = Pence::ZERO;
            project(&input(), y, &p, &shipped_interest()).unwrap().years[0].interest
        };
        assert!(monthly_no_fees < daily_interest, "{monthly_no_fees} < {daily_interest}");
    }
}
