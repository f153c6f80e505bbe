//! A council's own charging choices, within what the law allows. Kept with the date they apply
//! from, so an assessment uses the policy in force on its date. Administrators change it in a
//! page (audited); the defaults charge the most the rules allow, with nothing extra.

use super::money::Pence;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// How disability-related expenditure is allowed (Charging Regulations Schedule 1 para 4 says it
/// must be, where disability benefits are counted; how is the council's choice).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DreMethod {
    /// Only the items the person shows they spend on.
    Itemised,
    /// A standard weekly allowance, whatever is spent.
    Standard,
    /// The standard allowance, or the items shown if they come to more.
    HigherOfBoth,
}

/// Whether the "night-care element" of disability benefits is counted: the difference between
/// the higher and lower rates of Attendance Allowance (and the matching rates of Disability
/// Living Allowance care and Personal Independence Payment daily living).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NightCare {
    /// Counted in full.
    Count,
    /// Not counted when the person receives no care at night.
    DisregardWithoutNightCare,
    /// Never counted.
    AlwaysDisregard,
}

/// How interest on a deferred payment is added.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Compounding {
    Daily,
    Monthly,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DeferredPaymentPolicy {
    /// How far below the national maximum rate the council charges, in hundredths of a percent
    /// (0: the national maximum).
    pub below_national_rate_basis_points: u32,
    pub compounding: Compounding,
    pub setup_fee: Pence,
    pub annual_fee: Pence,
    /// The share of the equity limit at which the person is told the limit is getting close, in
    /// percent.
    pub warn_at_percent: u8,
}

impl Default for DeferredPaymentPolicy {
    fn default() -> Self {
        DeferredPaymentPolicy {
            below_national_rate_basis_points: 0,
            compounding: Compounding::Daily,
            setup_fee: Pence::ZERO,
            annual_fee: Pence::ZERO,
            warn_at_percent: 70,
        }
    }
}

/// A council's own weekly Minimum Income Guarantee, for a single person; a member of a couple
/// gets the given share of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OwnMinimumIncomeGuarantee {
    pub under_pension_age: Pence,
    pub pension_age: Pence,
    /// The share for each member of a couple, in hundredths of a percent (the national rates
    /// give about 75%).
    pub couple_each_basis_points: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LocalPolicy {
    /// The first day this policy applies.
    pub effective_from: NaiveDate,
    /// The share of disposable income charged for care at home, in hundredths of a percent
    /// (10,000 is 100%).
    pub percentage_charged_basis_points: u32,
    /// The most anyone is charged a week for care at home, if the council sets a limit.
    pub weekly_maximum: Option<Pence>,
    /// Charges below this are not collected.
    pub minimum_charge: Pence,
    pub disability_related_expenditure: DreMethod,
    /// The standard weekly allowance for disability-related expenditure.
    pub standard_disability_related_expenditure: Pence,
    pub night_care: NightCare,
    /// Whether the savings credit disregard (the law's rule for care home residents) is given to
    /// people at home too.
    pub savings_credit_disregard_at_home: bool,
    /// Housing costs beyond those the law names (mortgage, rent, ground rent, council tax and
    /// service charges): water rates and buildings insurance.
    pub water_rates_count: bool,
    pub buildings_insurance_counts: bool,
    /// Contents insurance as a housing cost too (some councils allow it).
    pub contents_insurance_counts: bool,
    /// A council's own weekly allowance for household bills (fuel, phone, and the like) for
    /// care at home, taken off alongside the Minimum Income Guarantee.
    pub household_bills_allowance: Pence,
    /// Whether disability-related expenditure the person shows is taken off even when no
    /// disability benefit is counted (the law requires it only when one is; some councils allow
    /// it anyway).
    pub dre_without_disability_benefit: bool,
    /// A council's own Minimum Income Guarantee that replaces the national base amount (not
    /// added to it), where it is higher. Children's amounts and premiums still follow the law.
    pub own_minimum_income_guarantee: Option<OwnMinimumIncomeGuarantee>,
    /// Where a couple share a housing cost, the share counted for the person assessed, in
    /// hundredths of a percent.
    pub couple_housing_share_basis_points: u32,
    /// A weekly amount added to everyone's Minimum Income Guarantee.
    pub minimum_income_guarantee_uplift: Pence,
    /// A higher upper capital limit for care other than in a care home (the law allows it).
    pub home_care_upper_capital_limit: Option<Pence>,
    /// A yearly fee for arranging care at home for people who pay the full cost.
    pub arrangement_fee_yearly: Option<Pence>,
    /// Whether short stays in a care home are charged as care at home (reg 8), and up to how
    /// many weeks.
    pub short_stays_as_care_at_home: bool,
    pub short_stay_weeks: u8,
    /// Whether officers may disregard a home in other cases (a carer living there, say).
    pub discretionary_property_disregard: bool,
    pub deferred_payments: DeferredPaymentPolicy,
}

impl Default for LocalPolicy {
    fn default() -> Self {
        LocalPolicy {
            effective_from: NaiveDate::from_ymd_opt(2015, 4, 1).expect("a real date"),
            percentage_charged_basis_points: 10_000,
            weekly_maximum: None,
            minimum_charge: Pence::ZERO,
            disability_related_expenditure: DreMethod::Itemised,
            standard_disability_related_expenditure: Pence::ZERO,
            night_care: NightCare::Count,
            savings_credit_disregard_at_home: false,
            water_rates_count: false,
            buildings_insurance_counts: false,
            contents_insurance_counts: false,
            household_bills_allowance: Pence::ZERO,
            dre_without_disability_benefit: false,
            own_minimum_income_guarantee: None,
            couple_housing_share_basis_points: 5_000,
            minimum_income_guarantee_uplift: Pence::ZERO,
            home_care_upper_capital_limit: None,
            arrangement_fee_yearly: None,
            short_stays_as_care_at_home: true,
            short_stay_weeks: 8,
            discretionary_property_disregard: true,
            deferred_payments: DeferredPaymentPolicy::default(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {problem}")]
pub struct PolicyProblem {
    pub field: &'static str,
    pub problem: &'static str,
}

impl LocalPolicy {
    /// Checks the choices are within what the law allows. Returns every problem.
    pub fn problems(&self) -> Vec<PolicyProblem> {
        let mut out = Vec::new();
        let mut bad = |field, problem| out.push(PolicyProblem { field, problem });
        if self.percentage_charged_basis_points > 10_000 {
            bad("percentage_charged_basis_points", "a council cannot charge more than 100% of disposable income");
        }
        if self.couple_housing_share_basis_points > 10_000 {
            bad("couple_housing_share_basis_points", "a share cannot be more than 100%");
        }
        if self.weekly_maximum.is_some_and(|m| m <= Pence::ZERO) {
            bad("weekly_maximum", "a weekly maximum must be more than zero");
        }
        for (field, amount) in [
            ("minimum_charge", Some(self.minimum_charge)),
            ("standard_disability_related_expenditure", Some(self.standard_disability_related_expenditure)),
            ("minimum_income_guarantee_uplift", Some(self.minimum_income_guarantee_uplift)),
            ("household_bills_allowance", Some(self.household_bills_allowance)),
            ("arrangement_fee_yearly", self.arrangement_fee_yearly),
            ("deferred_payments.setup_fee", Some(self.deferred_payments.setup_fee)),
            ("deferred_payments.annual_fee", Some(self.deferred_payments.annual_fee)),
        ] {
            if amount.is_some_and(|a| a < Pence::ZERO) {
                bad(field, "cannot be negative");
            }
        }
        if let Some(own) = self.own_minimum_income_guarantee {
            if own.under_pension_age <= Pence::ZERO || own.pension_age <= Pence::ZERO {
                bad("own_minimum_income_guarantee", "give the council's own amounts for both ages, more than zero");
            }
            if !(1..=10_000).contains(&own.couple_each_basis_points) {
                bad("own_minimum_income_guarantee.couple_each_basis_points", "a share must be from 1% to 100%");
            }
        }
        if self.short_stays_as_care_at_home && !(1..=8).contains(&self.short_stay_weeks) {
            bad("short_stay_weeks", "regulation 8 covers stays of up to 8 weeks");
        }
        if self.deferred_payments.warn_at_percent == 0 || self.deferred_payments.warn_at_percent > 100 {
            bad("deferred_payments.warn_at_percent", "must be from 1 to 100");
        }
        out
    }
}

/// The policies a council has had, to choose from by date.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PolicyHistory {
    policies: Vec<LocalPolicy>,
}

impl PolicyHistory {
    pub fn new(mut policies: Vec<LocalPolicy>) -> PolicyHistory {
        policies.sort_by_key(|p| p.effective_from);
        PolicyHistory { policies }
    }

    /// The policy in force on a day; the defaults before the first one.
    pub fn on(&self, day: NaiveDate) -> LocalPolicy {
        self.policies.iter().rev().find(|p| p.effective_from <= day).cloned().unwrap_or_default()
    }

    pub fn all(&self) -> &[LocalPolicy] {
        &self.policies
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_are_within_the_law_and_bad_choices_are_named() {
        assert!(LocalPolicy::default().problems().is_empty());
        let bad = LocalPolicy {
            percentage_charged_basis_points: 12_000,
            short_stay_weeks: 10,
            minimum_charge: Pence(-1),
            ..Default::default()
        };
        let fields: Vec<_> = bad.problems().into_iter().map(|p| p.field).collect();
        assert_eq!(fields, ["percentage_charged_basis_points", "minimum_charge", "short_stay_weeks"]);
    }

    #[test]
    fn the_date_chooses_the_policy() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let first = LocalPolicy { effective_from: day(2024, 4, 1), ..Default::default() };
        let second = LocalPolicy {
            effective_from: day(2025, 4, 1),
            percentage_charged_basis_points: 9_000,
            ..Default::default()
        };
        let history = PolicyHistory::new(vec![second, first]);
        assert_eq!(history.on(day(2024, 12, 1)).percentage_charged_basis_points, 10_000);
        assert_eq!(history.on(day(2025, 4, 1)).percentage_charged_basis_points, 9_000);
        assert_eq!(history.on(day(2020, 1, 1)), LocalPolicy::default());
    }
}
