//! A deferred payment agreement worked out for a finance officer: the equity limit, what the
//! person pays from their income and what is deferred each week, and how the amount owed grows
//! with interest and fees until it reaches the limit, when deferring must stop.

use crate::AppState;
use crate::chrome::{Chrome, render};
use crate::errors::AppResult;
use crate::forms::{Problems, TypedForm, parse_uk_date};
use crate::session::Viewer;
use askama::Template;
use axum::Extension;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use hearth_domain::charging::deferred::{DeferredPaymentInput, project};

/// The figures for a deferred payment agreement, as typed (each trimmed: an empty one is missing).
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct DeferredForm {
    #[serde(deserialize_with = "crate::forms::trimmed")]
    pub start: String,
    #[serde(deserialize_with = "crate::forms::trimmed")]
    pub property_value: String,
    #[serde(deserialize_with = "crate::forms::trimmed")]
    pub secured_debts: String,
    #[serde(deserialize_with = "crate::forms::trimmed")]
    pub weekly_fee: String,
    #[serde(deserialize_with = "crate::forms::trimmed")]
    pub weekly_income: String,
    #[serde(deserialize_with = "crate::forms::trimmed")]
    pub keep_weekly: String,
    #[serde(deserialize_with = "crate::forms::trimmed")]
    pub years: String,
}

pub struct YearRow {
    pub date: String,
    pub deferred: String,
    pub interest: String,
    pub fees: String,
    pub owed: String,
}

pub struct Projection {
    pub equity_limit: String,
    pub equity_limit_working: String,
    pub allowance: String,
    pub contribution: String,
    pub deferred: String,
    pub rate: String,
    pub years: Vec<YearRow>,
    pub warning: Option<String>,
    pub limit_reached: Option<String>,
    pub assumed: Vec<String>,
    pub compounding: &'static str,
}

#[derive(Template)]
#[template(path = "charging/finance_deferred.html")]
struct DeferredPage {
    chrome: Chrome,
    f: DeferredForm,
    errors: Problems,
    projection: Option<Projection>,
}

pub async fn form(State(state): State<AppState>, Extension(viewer): Extension<Viewer>) -> AppResult<Response> {
    let today = state.clock.now().with_timezone(&chrono_tz::Europe::London).date_naive();
    let f = DeferredForm { start: today.format("%d/%m/%Y").to_string(), years: "10".into(), ..Default::default() };
    render(&DeferredPage {
        chrome: Chrome::build(&state, &viewer, "/finance").await,
        f,
        errors: Problems::default(),
        projection: None,
    })
}

fn date(d: chrono::NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

pub async fn submit(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    TypedForm(f): TypedForm<DeferredForm>,
) -> AppResult<Response> {
    let mut errors = Problems::default();
    let money = |name: &'static str, text: &str, required: bool, errors: &mut Problems| {
        crate::forms::amount(name, text, required.then_some("Enter an amount"), "165,000", errors)
    };
    let start = parse_uk_date(&f.start);
    if start.is_none() {
        errors.add("start", "Enter the day the agreement would start, like 06/04/2026");
    }
    let value = money("property_value", &f.property_value, true, &mut errors);
    let debts = money("secured_debts", &f.secured_debts, false, &mut errors).unwrap_or_default();
    let fee = money("weekly_fee", &f.weekly_fee, true, &mut errors);
    let income = money("weekly_income", &f.weekly_income, true, &mut errors);
    let keep = money("keep_weekly", &f.keep_weekly, false, &mut errors);
    let years = match f.years.parse::<u8>() {
        Ok(y) if (1..=30).contains(&y) => y,
        _ => {
            errors.add("years", "Enter how many years to look ahead, from 1 to 30");
            10
        }
    };
    let mut projection = None;
    if let (true, Some(start), Some(property_value), Some(weekly_fee), Some(weekly_income)) =
        (errors.is_empty(), start, value, fee, income)
    {
        let book = state.store.charging().charging_figures().await?;
        let policy = state.store.charging().charging_policies().await?.on(start);
        let rates = state.store.charging().interest_rates().await?;
        match book.on(start) {
            None => errors.add("start", "Hearth has no national figures for that day"),
            Some(figures) => {
                let input = DeferredPaymentInput {
                    start,
                    property_value,
                    secured_debts: debts,
                    weekly_fee,
                    weekly_income,
                    keep_weekly: keep,
                    years: Some(years),
                };
                match project(&input, figures, &policy, &rates) {
                    Err(e) => {
                        let field: &'static str =
                            if e.to_string().starts_with("keep_weekly") { "keep_weekly" } else { "start" };
                        errors.add(field, e.to_string().split_once(": ").map_or(e.to_string(), |(_, m)| m.to_owned()));
                    }
                    Ok(p) => {
                        projection = Some(Projection {
                            equity_limit: p.equity_limit.to_string(),
                            equity_limit_working: p.equity_limit_working.clone(),
                            allowance: p.disposable_income_allowance.to_string(),
                            contribution: p.weekly_contribution.to_string(),
                            deferred: p.weekly_deferred.to_string(),
                            rate: format!(
                                "{}.{:02}%",
                                p.starting_rate_basis_points / 100,
                                p.starting_rate_basis_points % 100
                            ),
                            years: p
                                .years
                                .iter()
                                .map(|y| YearRow {
                                    date: date(y.date),
                                    deferred: y.deferred.to_string(),
                                    interest: y.interest.to_string(),
                                    fees: y.fees.to_string(),
                                    owed: y.owed.to_string(),
                                })
                                .collect(),
                            warning: p.warning_on.map(date),
                            limit_reached: p.limit_reached_on.map(date),
                            assumed: p.assumed_rate_periods.iter().map(|d| date(*d)).collect(),
                            compounding: if policy.deferred_payments.compounding
                                == hearth_domain::charging::policy::Compounding::Daily
                            {
                                "daily"
                            } else {
                                "monthly"
                            },
                        });
                    }
                }
            }
        }
    }
    let status = crate::forms::status(&errors);
    let page = DeferredPage { chrome: Chrome::build(&state, &viewer, "/finance").await, f, errors, projection };
    Ok((status, render(&page)?).into_response())
}
