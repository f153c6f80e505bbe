//! For administrators: the council's charging policy, set from a day. Earlier policies are kept
//! (assessments use the one in force on their date), and every change is audited with the old and
//! new choices.

use crate::AppState;
use crate::chrome::{Chrome, render};
use crate::errors::AppResult;
use crate::forms::{Problems, TypedForm, parse_uk_date};
use crate::session::Viewer;
use askama::Template;
use axum::Extension;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use hearth_domain::charging::money::Pence;
use hearth_domain::charging::policy::{Compounding, DreMethod, LocalPolicy, NightCare};
use serde::Deserialize;

fn percent(bp: u32) -> String {
    if bp.is_multiple_of(100) { format!("{}", bp / 100) } else { format!("{}.{:02}", bp / 100, bp % 100) }
}

/// A percentage as typed ("90", "12.5") in hundredths of a percent.
fn parse_percent(text: &str) -> Option<u32> {
    let t = text.trim().trim_end_matches('%').trim();
    let (whole, frac) = t.split_once('.').unwrap_or((t, ""));
    if whole.is_empty() || frac.len() > 2 || !whole.chars().chain(frac.chars()).all(|c| c.is_ascii_digit()) {
        return None;
    }
    let w: u32 = whole.parse().ok()?;
    let f: u32 = format!("{frac:0<2}").parse().ok()?;
    w.checked_mul(100)?.checked_add(f)
}

/// The policy in words, for the officers' page and this one.
pub fn policy_summary(p: &LocalPolicy) -> Vec<(String, String)> {
    let money = |m: Option<Pence>| m.map_or_else(|| "None".to_owned(), |m| m.to_string());
    vec![
        (
            "Share of disposable income charged (care at home)".into(),
            format!("{}%", percent(p.percentage_charged_basis_points)),
        ),
        ("Weekly maximum charge".into(), money(p.weekly_maximum)),
        ("Charges below this are not collected".into(), p.minimum_charge.to_string()),
        (
            "Disability-related expenditure".into(),
            match p.disability_related_expenditure {
                DreMethod::Itemised => "The items each person shows".to_owned(),
                DreMethod::Standard => format!("A standard {} a week", p.standard_disability_related_expenditure),
                DreMethod::HigherOfBoth => format!(
                    "A standard {} a week, or the items shown if more",
                    p.standard_disability_related_expenditure
                ),
            },
        ),
        (
            "Night-care part of disability benefits".into(),
            match p.night_care {
                NightCare::Count => "Counted",
                NightCare::DisregardWithoutNightCare => "Not counted for people who get no care at night",
                NightCare::AlwaysDisregard => "Never counted",
            }
            .to_owned(),
        ),
        (
            "Savings credit disregard for care at home".into(),
            if p.savings_credit_disregard_at_home { "Yes" } else { "No" }.to_owned(),
        ),
        ("Water rates count as a housing cost".into(), if p.water_rates_count { "Yes" } else { "No" }.to_owned()),
        (
            "Buildings insurance counts as a housing cost".into(),
            if p.buildings_insurance_counts { "Yes" } else { "No" }.to_owned(),
        ),
        (
            "Contents insurance counts as a housing cost".into(),
            if p.contents_insurance_counts { "Yes" } else { "No" }.to_owned(),
        ),
        ("The council's allowance for household bills, a week".into(), p.household_bills_allowance.to_string()),
        (
            "The council's own Minimum Income Guarantee, in place of the national amount".into(),
            p.own_minimum_income_guarantee.map_or_else(
                || "None: the national amounts".to_owned(),
                |o| {
                    format!(
                        "{} a week below State Pension age, {} at it; {}% each for a couple",
                        o.under_pension_age,
                        o.pension_age,
                        percent(o.couple_each_basis_points)
                    )
                },
            ),
        ),
        (
            "Disability-related expenditure allowed without a disability benefit".into(),
            if p.dre_without_disability_benefit { "Yes, the items shown" } else { "No" }.to_owned(),
        ),
        (
            "Share of a housing cost counted for a member of a couple".into(),
            format!("{}%", percent(p.couple_housing_share_basis_points)),
        ),
        ("Addition to the Minimum Income Guarantee".into(), p.minimum_income_guarantee_uplift.to_string()),
        (
            "Upper capital limit for care at home".into(),
            p.home_care_upper_capital_limit.map_or_else(|| "The national limit".to_owned(), |m| m.to_string()),
        ),
        ("Yearly arrangement fee for people paying the full cost".into(), money(p.arrangement_fee_yearly)),
        (
            "Short stays charged as care at home (regulation 8)".into(),
            if p.short_stays_as_care_at_home {
                format!("Yes, up to {} weeks", p.short_stay_weeks)
            } else {
                "No".to_owned()
            },
        ),
        (
            "Discretionary property disregards allowed".into(),
            if p.discretionary_property_disregard { "Yes" } else { "No" }.to_owned(),
        ),
        (
            "Deferred payment interest".into(),
            format!(
                "{} the national maximum, added {}",
                if p.deferred_payments.below_national_rate_basis_points == 0 {
                    "At".to_owned()
                } else {
                    format!("{} percentage points below", percent(p.deferred_payments.below_national_rate_basis_points))
                },
                if p.deferred_payments.compounding == Compounding::Daily { "daily" } else { "monthly" }
            ),
        ),
        (
            "Deferred payment fees".into(),
            format!("{} to set up, {} a year", p.deferred_payments.setup_fee, p.deferred_payments.annual_fee),
        ),
        (
            "Warn when a deferred payment reaches".into(),
            format!("{}% of the equity limit", p.deferred_payments.warn_at_percent),
        ),
    ]
}

/// The form, as typed.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct PolicyForm {
    /// What the page started from (`crate::edits`).
    pub edit_token: String,
    pub effective_from: String,
    pub percentage: String,
    pub weekly_maximum: String,
    pub minimum_charge: String,
    pub dre: String,
    pub standard_dre: String,
    pub night_care: String,
    #[serde(deserialize_with = "crate::forms::ticked")]
    pub savings_credit_at_home: bool,
    #[serde(deserialize_with = "crate::forms::ticked")]
    pub water_rates: bool,
    #[serde(deserialize_with = "crate::forms::ticked")]
    pub buildings_insurance: bool,
    #[serde(deserialize_with = "crate::forms::ticked")]
    pub contents_insurance: bool,
    pub household_bills: String,
    pub own_mig_under: String,
    pub own_mig_pension: String,
    pub own_mig_couple: String,
    #[serde(deserialize_with = "crate::forms::ticked")]
    pub dre_without_benefit: bool,
    pub couple_share: String,
    pub mig_uplift: String,
    pub home_upper_limit: String,
    pub arrangement_fee: String,
    #[serde(deserialize_with = "crate::forms::ticked")]
    pub short_stays: bool,
    pub short_stay_weeks: String,
    #[serde(deserialize_with = "crate::forms::ticked")]
    pub discretionary_property: bool,
    pub dpa_below: String,
    pub dpa_compounding: String,
    pub dpa_setup_fee: String,
    pub dpa_annual_fee: String,
    pub dpa_warn: String,
}

fn key<T: serde::Serialize>(v: T) -> String {
    serde_json::to_value(v).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

impl PolicyForm {
    fn from_policy(p: &LocalPolicy, effective_from: chrono::NaiveDate) -> PolicyForm {
        let opt = |m: Option<Pence>| m.map(Pence::plain).unwrap_or_default();
        PolicyForm {
            edit_token: String::new(),
            effective_from: effective_from.format("%d/%m/%Y").to_string(),
            percentage: percent(p.percentage_charged_basis_points),
            weekly_maximum: opt(p.weekly_maximum),
            minimum_charge: p.minimum_charge.plain(),
            dre: key(p.disability_related_expenditure),
            standard_dre: p.standard_disability_related_expenditure.plain(),
            night_care: key(p.night_care),
            savings_credit_at_home: p.savings_credit_disregard_at_home,
            water_rates: p.water_rates_count,
            buildings_insurance: p.buildings_insurance_counts,
            contents_insurance: p.contents_insurance_counts,
            household_bills: p.household_bills_allowance.plain(),
            own_mig_under: p.own_minimum_income_guarantee.map(|o| o.under_pension_age.plain()).unwrap_or_default(),
            own_mig_pension: p.own_minimum_income_guarantee.map(|o| o.pension_age.plain()).unwrap_or_default(),
            own_mig_couple: p
                .own_minimum_income_guarantee
                .map(|o| percent(o.couple_each_basis_points))
                .unwrap_or_default(),
            dre_without_benefit: p.dre_without_disability_benefit,
            couple_share: percent(p.couple_housing_share_basis_points),
            mig_uplift: p.minimum_income_guarantee_uplift.plain(),
            home_upper_limit: opt(p.home_care_upper_capital_limit),
            arrangement_fee: opt(p.arrangement_fee_yearly),
            short_stays: p.short_stays_as_care_at_home,
            short_stay_weeks: p.short_stay_weeks.to_string(),
            discretionary_property: p.discretionary_property_disregard,
            dpa_below: percent(p.deferred_payments.below_national_rate_basis_points),
            dpa_compounding: key(p.deferred_payments.compounding),
            dpa_setup_fee: p.deferred_payments.setup_fee.plain(),
            dpa_annual_fee: p.deferred_payments.annual_fee.plain(),
            dpa_warn: p.deferred_payments.warn_at_percent.to_string(),
        }
    }

    fn to_policy(&self) -> Result<LocalPolicy, Problems> {
        let mut e = Problems::default();
        let money = |name: &'static str, text: &str, optional: bool, e: &mut Problems| {
            crate::forms::amount(name, text, (!optional).then_some("Enter an amount, or 0"), "10.85", e)
        };
        let pct = |name: &'static str, text: &str, e: &mut Problems| -> u32 {
            parse_percent(text).filter(|p| *p <= 10_000).unwrap_or_else(|| {
                e.add(name, "Enter a percentage from 0 to 100, like 90");
                0
            })
        };
        let effective_from = parse_uk_date(&self.effective_from).unwrap_or_else(|| {
            e.add("effective_from", "Enter the date the policy applies from, like 06/04/2027");
            chrono::NaiveDate::default()
        });
        let dre = match self.dre.as_str() {
            "itemised" => DreMethod::Itemised,
            "standard" => DreMethod::Standard,
            "higher-of-both" => DreMethod::HigherOfBoth,
            _ => {
                e.add("dre", "Choose how disability-related expenditure is allowed");
                DreMethod::Itemised
            }
        };
        let night_care = match self.night_care.as_str() {
            "count" => NightCare::Count,
            "disregard-without-night-care" => NightCare::DisregardWithoutNightCare,
            "always-disregard" => NightCare::AlwaysDisregard,
            _ => {
                e.add("night_care", "Choose how the night-care part is treated");
                NightCare::Count
            }
        };
        let weeks = self.short_stay_weeks.trim().parse::<u8>().unwrap_or(0);
        // The council's own guarantee: all three answers, or none.
        let own_mig =
            if [&self.own_mig_under, &self.own_mig_pension, &self.own_mig_couple].iter().all(|t| t.trim().is_empty()) {
                None
            } else {
                let under = money("own_mig_under", &self.own_mig_under, false, &mut e).unwrap_or_default();
                let pension = money("own_mig_pension", &self.own_mig_pension, false, &mut e).unwrap_or_default();
                let couple = pct("own_mig_couple", &self.own_mig_couple, &mut e);
                Some(hearth_domain::charging::policy::OwnMinimumIncomeGuarantee {
                    under_pension_age: under,
                    pension_age: pension,
                    couple_each_basis_points: couple,
                })
            };
        let warn = self.dpa_warn.trim().parse::<u8>().unwrap_or(0);
        let policy = LocalPolicy {
            effective_from,
            percentage_charged_basis_points: pct("percentage", &self.percentage, &mut e),
            weekly_maximum: money("weekly_maximum", &self.weekly_maximum, true, &mut e).filter(|m| *m > Pence::ZERO),
            minimum_charge: money("minimum_charge", &self.minimum_charge, false, &mut e).unwrap_or_default(),
            disability_related_expenditure: dre,
            standard_disability_related_expenditure: money("standard_dre", &self.standard_dre, false, &mut e)
                .unwrap_or_default(),
            night_care,
            savings_credit_disregard_at_home: self.savings_credit_at_home,
            water_rates_count: self.water_rates,
            buildings_insurance_counts: self.buildings_insurance,
            contents_insurance_counts: self.contents_insurance,
            household_bills_allowance: money("household_bills", &self.household_bills, true, &mut e)
                .unwrap_or_default(),
            dre_without_disability_benefit: self.dre_without_benefit,
            own_minimum_income_guarantee: own_mig,
            couple_housing_share_basis_points: pct("couple_share", &self.couple_share, &mut e),
            minimum_income_guarantee_uplift: money("mig_uplift", &self.mig_uplift, false, &mut e).unwrap_or_default(),
            home_care_upper_capital_limit: money("home_upper_limit", &self.home_upper_limit, true, &mut e),
            arrangement_fee_yearly: money("arrangement_fee", &self.arrangement_fee, true, &mut e)
                .filter(|m| *m > Pence::ZERO),
            short_stays_as_care_at_home: self.short_stays,
            short_stay_weeks: weeks,
            discretionary_property_disregard: self.discretionary_property,
            deferred_payments: hearth_domain::charging::policy::DeferredPaymentPolicy {
                below_national_rate_basis_points: pct("dpa_below", &self.dpa_below, &mut e),
                compounding: if self.dpa_compounding == "monthly" { Compounding::Monthly } else { Compounding::Daily },
                setup_fee: money("dpa_setup_fee", &self.dpa_setup_fee, false, &mut e).unwrap_or_default(),
                annual_fee: money("dpa_annual_fee", &self.dpa_annual_fee, false, &mut e).unwrap_or_default(),
                warn_at_percent: warn,
            },
        };
        for problem in policy.problems() {
            let field: &'static str = match problem.field {
                "short_stay_weeks" => "short_stay_weeks",
                "deferred_payments.warn_at_percent" => "dpa_warn",
                "percentage_charged_basis_points" => "percentage",
                "couple_housing_share_basis_points" => "couple_share",
                "own_minimum_income_guarantee" => "own_mig_pension",
                "own_minimum_income_guarantee.couple_each_basis_points" => "own_mig_couple",
                _ => "effective_from",
            };
            if e.get(field).is_none() {
                let message = match field {
                    "short_stay_weeks" => {
                        "Enter the weeks a short stay may last, from 1 to 8 (regulation 8)".to_owned()
                    }
                    "dpa_warn" => "Enter the warning point as a percentage from 1 to 100".to_owned(),
                    _ => problem.problem.to_string(),
                };
                e.add(field, message);
            }
        }
        if e.is_empty() { Ok(policy) } else { Err(e) }
    }
}

pub struct HistoryRow {
    pub from: String,
    pub in_force: bool,
    pub summary: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "admin/admin_charging_policy.html")]
struct PolicyPage {
    chrome: Chrome,
    f: PolicyForm,
    errors: Problems,
    history: Vec<HistoryRow>,
    saved: bool,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SavedQuery {
    saved: Option<String>,
}

async fn page(state: &AppState, viewer: &Viewer, f: PolicyForm, errors: Problems, saved: bool) -> AppResult<Response> {
    let today = state.clock.now().with_timezone(&chrono_tz::Europe::London).date_naive();
    let policies = state.store.charging().charging_policies().await?;
    let current = policies.on(today).effective_from;
    let history = policies
        .all()
        .iter()
        .rev()
        .map(|p| HistoryRow {
            from: p.effective_from.format("%-d %B %Y").to_string(),
            in_force: p.effective_from == current,
            summary: policy_summary(p),
        })
        .collect();
    let status = crate::forms::status(&errors);
    let page =
        PolicyPage { chrome: Chrome::build(state, viewer, "/admin/charging-policy").await, f, errors, history, saved };
    Ok((status, render(&page)?).into_response())
}

pub async fn show(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Query(q): Query<SavedQuery>,
) -> AppResult<Response> {
    let today = state.clock.now().with_timezone(&chrono_tz::Europe::London).date_naive();
    let current = state.store.charging().charging_policies().await?.on(today);
    let f = PolicyForm {
        edit_token: state.store.charging().charging_policy_token().await?.to_string(),
        ..PolicyForm::from_policy(&current, today)
    };
    page(&state, &viewer, f, Problems::default(), q.saved.is_some()).await
}

pub async fn submit(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    TypedForm(f): TypedForm<PolicyForm>,
) -> AppResult<Response> {
    match f.to_policy() {
        Err(errors) => page(&state, &viewer, f, errors, false).await,
        Ok(policy) => {
            let expected = crate::edits::sent(&f.edit_token);
            match state.store.charging().set_charging_policy(&viewer.audit(&state), &policy, Some(&expected)).await {
                Ok(()) => Ok(Redirect::to("/admin/charging-policy?saved=1").into_response()),
                Err(hearth_store::StoreError::Stale) => {
                    let mut errors = Problems::default();
                    // Whichever policy was set meanwhile, by whom.
                    let dates: Vec<String> = state
                        .store
                        .charging()
                        .charging_policies()
                        .await?
                        .all()
                        .iter()
                        .map(|p| p.effective_from.to_string())
                        .collect();
                    let dates: Vec<&str> = dates.iter().map(String::as_str).collect();
                    let message = crate::edits::changed_meanwhile(
                        &state,
                        &viewer,
                        "charging-policy",
                        &dates,
                        "the charging policy",
                    )
                    .await?;
                    errors.add(crate::edits::CHANGED, message);
                    let f = PolicyForm {
                        edit_token: state.store.charging().charging_policy_token().await?.to_string(),
                        ..f
                    };
                    page(&state, &viewer, f, errors, false).await
                }
                Err(e) => Err(e.into()),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_are_read_as_typed() {
        assert_eq!(parse_percent("90"), Some(9_000));
        assert_eq!(parse_percent("12.5%"), Some(1_250));
        assert_eq!(parse_percent("0.15"), Some(15));
        for bad in ["", "ninety", "1.234", "-5", "."] {
            assert_eq!(parse_percent(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_form_round_trips_the_policy() {
        let p = LocalPolicy {
            percentage_charged_basis_points: 9_000,
            weekly_maximum: Some(Pence::pounds(800)),
            night_care: NightCare::DisregardWithoutNightCare,
            ..Default::default()
        };
        let f = PolicyForm::from_policy(&p, p.effective_from);
        assert_eq!(f.to_policy().unwrap(), p);
    }
}
