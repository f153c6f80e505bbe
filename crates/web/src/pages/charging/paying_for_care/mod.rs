//! "Check what you might pay for care": the public calculator. One question a page, a page to
//! check the answers, and an estimate explained line by line, all without an account or
//! JavaScript. The answers are kept only in a cookie on the person's own device (gone when the
//! browser closes, or at once with "Start again"); Hearth stores nothing unless the person asks
//! for a financial assessment and chooses to send them.

use crate::AppState;
use crate::chrome::{Chrome, render};
use crate::errors::{AppError, AppResult};
use crate::forms::{Fields, Problems};
use crate::session::Viewer;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use base64::Engine as _;

use hearth_domain::charging::estimate::{Answers, Step, pounds, to_input};
use hearth_domain::charging::money::{Pence, Period};
use hearth_domain::charging::policy::{DreMethod, LocalPolicy};
use hearth_domain::charging::{Assessment, Effect, NationalFigures, Outcome, Section, assess};
use serde::Deserialize;

mod result;
pub use result::{email, result, resume};

const COOKIE_MAX: usize = 3_800;

/// The answers kept in the estimate's cookie, or none.
fn answers_from_headers(headers: &HeaderMap, name: &str) -> Answers {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .and_then(|(_, v)| base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(v).ok())
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default()
}

/// The answers as the cookie (and an emailed link) keeps them: questions not answered are left
/// out, so both stay short.
fn cookie_value(a: &Answers) -> String {
    let mut value = serde_json::to_value(a).expect("answers serialise");
    if let Some(fields) = value.as_object_mut() {
        fields.retain(|_, v| !matches!(v, serde_json::Value::String(s) if s.is_empty()) && v != &serde_json::json!([]));
    }
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(serde_json::to_vec(&value).expect("answers serialise"))
}

/// Where each question is asked, and the way forward and back through those that apply.
trait StepPages {
    fn path(self) -> String;
    fn next(self, a: &Answers, policy: &LocalPolicy) -> String;
    fn back(self, a: &Answers, policy: &LocalPolicy) -> String;
}

impl StepPages for Step {
    fn path(self) -> String {
        format!("/paying-for-care/{}", self.slug())
    }

    fn next(self, a: &Answers, policy: &LocalPolicy) -> String {
        Step::ALL
            .into_iter()
            .skip_while(|s| *s != self)
            .skip(1)
            .find(|s| s.applies(a, policy))
            .map_or_else(|| "/paying-for-care/check".to_owned(), Step::path)
    }

    fn back(self, a: &Answers, policy: &LocalPolicy) -> String {
        Step::ALL
            .into_iter()
            .take_while(|s| *s != self)
            .filter(|s| s.applies(a, policy))
            .last()
            .map_or_else(|| "/paying-for-care".to_owned(), Step::path)
    }
}

pub enum Field {
    Radios {
        name: &'static str,
        legend: String,
        hint: String,
        heading: bool,
        choices: Vec<Choice>,
        error: Option<String>,
    },
    Checkboxes {
        name: &'static str,
        legend: String,
        hint: String,
        choices: Vec<Choice>,
        error: Option<String>,
    },
    Money {
        name: &'static str,
        label: String,
        hint: String,
        value: String,
        period: Option<(&'static str, Vec<Choice>)>,
        error: Option<String>,
    },
    Number {
        name: &'static str,
        label: String,
        hint: String,
        /// Whether the label is the page's heading (the only question on it).
        heading: bool,
        value: String,
        error: Option<String>,
    },
    Details {
        summary: &'static str,
        paragraphs: Vec<String>,
    },
    Text {
        paragraphs: Vec<String>,
    },
}

impl Field {
    /// Whether the field's own legend or label is the page's one heading, so the page adds none.
    fn is_page_heading(&self) -> bool {
        match self {
            Field::Radios { heading, .. } | Field::Number { heading, .. } => *heading,
            Field::Checkboxes { .. } => true,
            Field::Money { .. } | Field::Details { .. } | Field::Text { .. } => false,
        }
    }
}

pub struct Choice {
    pub value: String,
    pub label: String,
    pub hint: String,
    pub checked: bool,
}

fn choices(options: &[(&str, &str, &str)], current: &str) -> Vec<Choice> {
    options
        .iter()
        .map(|(value, label, hint)| Choice {
            value: (*value).to_owned(),
            label: (*label).to_owned(),
            hint: (*hint).to_owned(),
            checked: *value == current,
        })
        .collect()
}

fn periods(current: &str) -> Vec<Choice> {
    let current = if current.is_empty() { "weekly" } else { current };
    Period::ALL
        .iter()
        .map(|p| Choice {
            value: p.key().to_owned(),
            label: p.label().to_owned(),
            hint: String::new(),
            checked: p.key() == current,
        })
        .collect()
}

fn money(
    name: &'static str,
    label: &str,
    hint: &str,
    value: &str,
    period: Option<(&'static str, &str)>,
    errors: &Problems,
) -> Field {
    Field::Money {
        name,
        label: label.to_owned(),
        hint: hint.to_owned(),
        value: value.to_owned(),
        period: period.map(|(n, v)| (n, periods(v))),
        error: errors.get(name).map(str::to_owned),
    }
}

const YES_NO: [(&str, &str, &str); 2] = [("yes", "Yes", ""), ("no", "No", "")];

/// The question's title (the page's `h1`) and its fields.
fn question(step: Step, a: &Answers, policy: &LocalPolicy, errors: &Problems) -> (String, Vec<Field>) {
    let err = |name: &str| errors.get(name).map(str::to_owned);
    match step {
        Step::Where => (
            "Where will you get care and support?".into(),
            vec![Field::Radios {
                name: "setting",
                legend: "Where will you get care and support?".into(),
                hint: "If you are helping someone else, answer for them.".into(),
                heading: true,
                choices: choices(
                    &[
                        ("home", "At home, or out and about", "For example, help at home, a day centre or a personal assistant"),
                        ("care-home", "In a care home", "Including a short stay, such as a break for your carer"),
                    ],
                    &a.setting,
                ),
                error: err("setting"),
            }],
        ),
        Step::Stay => (
            "How long will you stay in the care home?".into(),
            vec![Field::Radios {
                name: "stay",
                legend: "How long will you stay in the care home?".into(),
                hint: String::new(),
                heading: true,
                choices: choices(
                    &[
                        ("permanent", "To live there", "The care home will be your home"),
                        ("short", "A short stay of up to 8 weeks", "For example, a break for your carer, or after a stay in hospital"),
                        ("temporary", "A longer stay, and then back home", "Up to a year, meaning to go home afterwards"),
                    ],
                    &a.stay,
                ),
                error: err("stay"),
            }],
        ),
        Step::Age => (
            "How old are you?".into(),
            vec![Field::Radios {
                name: "age",
                legend: "How old are you?".into(),
                hint: "State Pension age is 66, rising to 67 for people born after 5 April 1960.".into(),
                heading: true,
                choices: choices(
                    &[
                        ("under-25", "18 to 24", ""),
                        ("over-25", "25 or over, but not yet State Pension age", ""),
                        ("pension-age", "State Pension age or over", ""),
                    ],
                    &a.age,
                ),
                error: err("age"),
            }],
        ),
        Step::Partner => (
            "Do you live with a partner?".into(),
            vec![
                Field::Radios {
                    name: "partner",
                    legend: "Do you live with a partner?".into(),
                    hint: "A husband, wife, civil partner, or someone you live with as a couple. We look at your own money, not theirs, but having a partner changes what you are left to live on.".into(),
                    heading: true,
                    choices: choices(&YES_NO, &a.partner),
                    error: err("partner"),
                },
                Field::Radios {
                    name: "partner_pension_age",
                    legend: "If you do, has your partner reached State Pension age?".into(),
                    hint: String::new(),
                    heading: false,
                    choices: choices(&YES_NO, &a.partner_pension_age),
                    error: err("partner_pension_age"),
                },
            ],
        ),
        Step::Children => (
            "Do any children who depend on you live with you?".into(),
            vec![
                Field::Radios {
                    name: "has_children",
                    legend: "Do any children who depend on you live with you?".into(),
                    hint: "Children under 16, or under 20 and in school or college, who you look after. They may be your grandchildren or other children in your family.".into(),
                    heading: true,
                    choices: choices(&YES_NO, &a.has_children),
                    error: err("has_children"),
                },
                Field::Number {
                    name: "children",
                    label: "If they do, how many?".into(),
                    hint: String::new(),
                    heading: false,
                    value: a.children.clone(),
                    error: err("children"),
                },
            ],
        ),
        Step::Savings => (
            "How much do you have in savings and investments?".into(),
            vec![
                Field::Text {
                    paragraphs: vec![
                        "We call savings, investments and property \u{201c}capital\u{201d}. Capital counts towards what you pay. Below £14,250 it does not count; over £23,250 you pay the full cost of your care.".into(),
                    ],
                },
                money(
                    "savings",
                    "Your savings and investments added together",
                    "Include your share of any savings you have with someone else: usually half. Do not include the home you live in.",
                    &a.savings,
                    None,
                    errors,
                ),
                Field::Details {
                    summary: "What counts as capital",
                    paragraphs: vec![
                        "Counted: money in bank and building society accounts, ISAs, Premium Bonds, shares, cash, and property or land other than your home.".into(),
                        "Not counted: your home while you live in it, personal belongings, the surrender value of life insurance, and money in a personal injury trust.".into(),
                    ],
                },
            ],
        ),
        Step::Home => (
            "Do you own your home?".into(),
            vec![
                Field::Radios {
                    name: "owns_home",
                    legend: "Do you own your home?".into(),
                    hint: "On your own or with someone else.".into(),
                    heading: true,
                    choices: choices(&YES_NO, &a.owns_home),
                    error: err("owns_home"),
                },
                money("home_value", "If you do, about how much is your share of it worth?", "Leave out any mortgage: enter what it would sell for, less what you still owe.", &a.home_value, None, errors),
                Field::Radios {
                    name: "home_occupant",
                    legend: "Will anyone still live there?".into(),
                    hint: "If they lived there before you moved, your home does not count.".into(),
                    heading: false,
                    choices: choices(
                        &[
                            ("partner", "My partner", ""),
                            ("relative", "A relative aged 60 or over, or who is disabled", ""),
                            ("child", "My child under 18", ""),
                            ("no-one", "No one, or someone else", ""),
                        ],
                        &a.home_occupant,
                    ),
                    error: err("home_occupant"),
                },
            ],
        ),
        Step::Benefits => (
            "Do you get any of these benefits?".into(),
            vec![Field::Checkboxes {
                name: "benefits",
                legend: "Do you get any of these benefits?".into(),
                hint: "Select all that apply.".into(),
                choices: {
                    let current = |v: &str| a.benefits.iter().any(|b| b == v);
                    [
                        ("aa", "Attendance Allowance", ""),
                        ("pip", "Personal Independence Payment (the daily living part)", ""),
                        ("dla", "Disability Living Allowance (the care part)", ""),
                        ("carers", "Carer's Allowance", "For looking after someone else"),
                        ("none", "None of these", ""),
                    ]
                    .iter()
                    .map(|(v, l, h)| Choice { value: (*v).into(), label: (*l).into(), hint: (*h).into(), checked: current(v) })
                    .collect()
                },
                error: err("benefits"),
            }],
        ),
        Step::BenefitAmounts => {
            let mut fields = Vec::new();
            if a.gets("aa") {
                fields.push(money("aa_amount", "How much Attendance Allowance do you get?", "", &a.aa_amount, Some(("aa_period", &a.aa_period)), errors));
                fields.push(Field::Radios { name: "aa_higher", legend: "Is it the higher rate?".into(), hint: "For help by day and night.".into(), heading: false, choices: choices(&YES_NO, &a.aa_higher), error: err("aa_higher") });
            }
            if a.gets("pip") {
                fields.push(money("pip_amount", "How much of the daily living part of Personal Independence Payment do you get?", "Not the mobility part: it is not counted.", &a.pip_amount, Some(("pip_period", &a.pip_period)), errors));
                fields.push(Field::Radios { name: "pip_higher", legend: "Is it the enhanced rate?".into(), hint: String::new(), heading: false, choices: choices(&YES_NO, &a.pip_higher), error: err("pip_higher") });
            }
            if a.gets("dla") {
                fields.push(money("dla_amount", "How much of the care part of Disability Living Allowance do you get?", "Not the mobility part: it is not counted.", &a.dla_amount, Some(("dla_period", &a.dla_period)), errors));
                fields.push(Field::Radios { name: "dla_higher", legend: "Is it the highest rate?".into(), hint: String::new(), heading: false, choices: choices(&YES_NO, &a.dla_higher), error: err("dla_higher") });
            }
            if a.gets("carers") {
                fields.push(money("carers_amount", "How much Carer's Allowance do you get?", "", &a.carers_amount, Some(("carers_period", &a.carers_period)), errors));
            }
            ("How much do you get?".into(), fields)
        }
        Step::Pensions => (
            "How much do you get from pensions?".into(),
            vec![
                Field::Text { paragraphs: vec!["Leave a box empty if you do not get it.".into()] },
                money("state_pension", "State Pension", "", &a.state_pension, Some(("state_pension_period", &a.state_pension_period)), errors),
                money("other_pensions", "Pensions from work, and private pensions", "Before tax is taken off is fine: we take off any tax.", &a.other_pensions, Some(("other_pensions_period", &a.other_pensions_period)), errors),
                money("pension_credit", "Pension Credit: the guarantee part", "Your award letter shows the guarantee credit and the savings credit apart.", &a.pension_credit, Some(("pension_credit_period", &a.pension_credit_period)), errors),
                money("savings_credit", "Pension Credit: the savings credit part", "", &a.savings_credit, Some(("savings_credit_period", &a.savings_credit_period)), errors),
            ],
        ),
        Step::OtherIncome => (
            "Do you get any other income?".into(),
            vec![
                Field::Text {
                    paragraphs: vec!["Do not include earnings from work, Child Benefit, Housing Benefit, Council Tax Reduction, the Winter Fuel Payment or the mobility part of disability benefits: they are not counted.".into()],
                },
                money("other_benefits", "Other benefits", "For example, Universal Credit, Employment and Support Allowance, Income Support or Jobseeker's Allowance.", &a.other_benefits, Some(("other_benefits_period", &a.other_benefits_period)), errors),
                money("other_income", "Any other income", "For example, rent from a lodger, or money from an annuity.", &a.other_income, Some(("other_income_period", &a.other_income_period)), errors),
            ],
        ),
        Step::Housing => (
            "How much do you pay for your home?".into(),
            vec![
                Field::Text {
                    paragraphs: vec![
                        "Enter what you pay after any Housing Benefit or Council Tax Reduction. Leave a box empty if you do not pay it.".into(),
                        if a.partner == "yes" { "If you share these costs with your partner, enter the whole amount: we count your share.".into() } else { String::new() },
                    ],
                },
                money("rent", "Rent", "", &a.rent, Some(("rent_period", &a.rent_period)), errors),
                money("mortgage", "Mortgage", "", &a.mortgage, Some(("mortgage_period", &a.mortgage_period)), errors),
                money("council_tax", "Council Tax", "", &a.council_tax, Some(("council_tax_period", &a.council_tax_period)), errors),
            ],
        ),
        Step::DisabilityCosts => {
            let mut text = vec![
                "If your illness or disability means you spend more on some things, that money is taken off before we work out what you pay. We call this \u{201c}disability-related expenditure\u{201d}.".to_owned(),
                "For example: extra heating or washing, a special diet, a community alarm, a cleaner or gardener you need because of your disability, or taxis you take instead of buses.".to_owned(),
            ];
            match policy.disability_related_expenditure {
                DreMethod::Standard => text.push(format!(
                    "The council allows {} a week for this for everyone who gets a disability benefit, whatever you spend, so you do not need to answer.",
                    policy.standard_disability_related_expenditure
                )),
                DreMethod::HigherOfBoth => text.push(format!(
                    "The council allows {} a week without you needing to show what you spend. If you spend more, tell us how much.",
                    policy.standard_disability_related_expenditure
                )),
                DreMethod::Itemised => {}
            }
            (
                "Do you have extra costs because of your illness or disability?".into(),
                vec![Field::Text { paragraphs: text }, money("disability_costs", "About how much extra do you spend?", "Leave it empty if you do not know. An officer will go through it with you.", &a.disability_costs, Some(("disability_costs_period", &a.disability_costs_period)), errors)],
            )
        }
        Step::NightCare => (
            "Do you get care or help during the night?".into(),
            vec![Field::Radios {
                name: "night_care",
                legend: "Do you get care or help during the night?".into(),
                hint: "If you get the higher rate of a disability benefit but no care at night, part of it is not counted.".into(),
                heading: true,
                choices: choices(&YES_NO, &a.night_care),
                error: err("night_care"),
            }],
        ),
        Step::Cost => {
            let (title, hint) = if a.care_home() && a.stay != "short" {
                ("How much does the care home cost each week?", "If you do not know yet, leave it empty: we will tell you the most you might pay.")
            } else {
                ("Do you know how much your care will cost each week?", "If you do not know yet, leave it empty: we will tell you the most you might pay. You never pay more than your care costs.")
            };
            (title.into(), vec![money("care_cost", "The cost each week, if you know it", hint, &a.care_cost, None, errors)])
        }
    }
}

/// Checks a page's answers and takes them into `a`. Returns what is wrong with each field.
fn take(step: Step, f: &Fields, a: &mut Answers) -> Problems {
    let mut errors = Problems::default();
    let pick = |name: &str, allowed: &[&str], message: &str, errors: &mut Problems| -> String {
        let v = f.get(name).to_owned();
        if !allowed.contains(&v.as_str()) {
            errors.add(name.to_owned(), message.to_owned());
        }
        v
    };
    let amount = |name: &'static str, required: bool, errors: &mut Problems| -> String {
        let v = f.get(name).trim().to_owned();
        if v.is_empty() {
            if required {
                errors.add(name, "Enter an amount, or 0 if none");
            }
        } else if pounds(&v).is_none() {
            errors.add(name, "Enter an amount in pounds, like 2,500 or 12.50");
        }
        v
    };
    let period = |name: &str| -> String {
        let v = f.get(name);
        if Period::from_key(v).is_some() { v.to_owned() } else { "weekly".to_owned() }
    };
    match step {
        Step::Where => {
            a.setting =
                pick("setting", &["home", "care-home"], "Select where you will get care and support", &mut errors)
        }
        Step::Stay => {
            a.stay = pick("stay", &["permanent", "short", "temporary"], "Select how long you will stay", &mut errors)
        }
        Step::Age => {
            a.age = pick("age", &["under-25", "over-25", "pension-age"], "Select how old you are", &mut errors)
        }
        Step::Partner => {
            a.partner = pick("partner", &["yes", "no"], "Select yes if you live with a partner", &mut errors);
            a.partner_pension_age = f.get("partner_pension_age").to_owned();
            if a.partner == "yes" && !["yes", "no"].contains(&a.partner_pension_age.as_str()) {
                errors.add("partner_pension_age", "Select yes if your partner has reached State Pension age");
            }
        }
        Step::Children => {
            a.has_children = pick(
                "has_children",
                &["yes", "no"],
                "Select yes if children who depend on you live with you",
                &mut errors,
            );
            a.children = f.get("children").trim().to_owned();
            if a.has_children != "yes" {
                a.children.clear();
            } else if !a.children.parse::<u8>().is_ok_and(|n| (1..=20).contains(&n)) {
                errors.add("children", "Enter how many children, like 1 or 2");
            }
        }
        Step::Savings => a.savings = amount("savings", true, &mut errors),
        Step::Home => {
            a.owns_home = pick("owns_home", &["yes", "no"], "Select yes if you own your home", &mut errors);
            a.home_value = amount("home_value", a.owns_home == "yes", &mut errors);
            a.home_occupant = f.get("home_occupant").to_owned();
            if a.owns_home == "yes" && !["partner", "relative", "child", "no-one"].contains(&a.home_occupant.as_str()) {
                errors.add("home_occupant", "Select who will still live in your home");
            }
        }
        Step::Benefits => {
            a.benefits = f
                .all("benefits")
                .into_iter()
                .filter(|b| ["aa", "pip", "dla", "carers", "none"].contains(&b.as_str()))
                .collect();
            if a.benefits.is_empty() {
                errors.add("benefits", "Select the benefits you get, or none of these");
            } else if a.gets("none") && a.benefits.len() > 1 {
                errors.add("benefits", "Select the benefits you get, or none of these, but not both");
            }
        }
        Step::BenefitAmounts => {
            for (b, amt, per, higher, word) in [
                ("aa", "aa_amount", "aa_period", Some("aa_higher"), "the higher rate"),
                ("pip", "pip_amount", "pip_period", Some("pip_higher"), "the enhanced rate"),
                ("dla", "dla_amount", "dla_period", Some("dla_higher"), "the highest rate"),
                ("carers", "carers_amount", "carers_period", None, ""),
            ] {
                if !a.gets(b) {
                    continue;
                }
                let v = amount(amt, true, &mut errors);
                let p = period(per);
                let h = higher.map(|h| {
                    let v = f.get(h).to_owned();
                    if !["yes", "no"].contains(&v.as_str()) {
                        errors.add(h, format!("Select yes if you get {word}"));
                    }
                    v
                });
                match b {
                    "aa" => (a.aa_amount, a.aa_period, a.aa_higher) = (v, p, h.unwrap_or_default()),
                    "pip" => (a.pip_amount, a.pip_period, a.pip_higher) = (v, p, h.unwrap_or_default()),
                    "dla" => (a.dla_amount, a.dla_period, a.dla_higher) = (v, p, h.unwrap_or_default()),
                    _ => (a.carers_amount, a.carers_period) = (v, p),
                }
            }
        }
        Step::Pensions => {
            a.state_pension = amount("state_pension", false, &mut errors);
            a.state_pension_period = period("state_pension_period");
            a.other_pensions = amount("other_pensions", false, &mut errors);
            a.other_pensions_period = period("other_pensions_period");
            a.pension_credit = amount("pension_credit", false, &mut errors);
            a.pension_credit_period = period("pension_credit_period");
            a.savings_credit = amount("savings_credit", false, &mut errors);
            a.savings_credit_period = period("savings_credit_period");
        }
        Step::OtherIncome => {
            a.other_benefits = amount("other_benefits", false, &mut errors);
            a.other_benefits_period = period("other_benefits_period");
            a.other_income = amount("other_income", false, &mut errors);
            a.other_income_period = period("other_income_period");
        }
        Step::Housing => {
            a.rent = amount("rent", false, &mut errors);
            a.rent_period = period("rent_period");
            a.mortgage = amount("mortgage", false, &mut errors);
            a.mortgage_period = period("mortgage_period");
            a.council_tax = amount("council_tax", false, &mut errors);
            a.council_tax_period = period("council_tax_period");
        }
        Step::DisabilityCosts => {
            a.disability_costs = amount("disability_costs", false, &mut errors);
            a.disability_costs_period = period("disability_costs_period");
        }
        Step::NightCare => {
            a.night_care =
                pick("night_care", &["yes", "no"], "Select yes if you get care during the night", &mut errors)
        }
        Step::Cost => a.care_cost = amount("care_cost", false, &mut errors),
    }
    errors
}

/// The first question that applies and is not yet answered well, if any (so the estimate can
/// be given only when there is none).
fn complete(a: &Answers, policy: &LocalPolicy) -> Option<Step> {
    Step::ALL.into_iter().filter(|s| s.applies(a, policy)).find(|s| {
        let mut probe = a.clone();
        !take(*s, &answered_fields(*s, a), &mut probe).is_empty()
    })
}

/// A step's stored answers as the form would send them.
fn answered_fields(step: Step, a: &Answers) -> Fields {
    let v = serde_json::to_value(a).expect("answers serialise");
    let mut pairs = Vec::new();
    let names: &[&str] = match step {
        Step::Where => &["setting"],
        Step::Stay => &["stay"],
        Step::Age => &["age"],
        Step::Partner => &["partner", "partner_pension_age"],
        Step::Children => &["has_children", "children"],
        Step::Savings => &["savings"],
        Step::Home => &["owns_home", "home_value", "home_occupant"],
        Step::Benefits => &[],
        Step::BenefitAmounts => &[
            "aa_amount",
            "aa_period",
            "aa_higher",
            "pip_amount",
            "pip_period",
            "pip_higher",
            "dla_amount",
            "dla_period",
            "dla_higher",
            "carers_amount",
            "carers_period",
        ],
        Step::Pensions => &[
            "state_pension",
            "state_pension_period",
            "other_pensions",
            "other_pensions_period",
            "pension_credit",
            "pension_credit_period",
            "savings_credit",
            "savings_credit_period",
        ],
        Step::OtherIncome => &["other_benefits", "other_benefits_period", "other_income", "other_income_period"],
        Step::Housing => &["rent", "rent_period", "mortgage", "mortgage_period", "council_tax", "council_tax_period"],
        Step::DisabilityCosts => &["disability_costs", "disability_costs_period"],
        Step::NightCare => &["night_care"],
        Step::Cost => &["care_cost"],
    };
    for n in names {
        if let Some(s) = v.get(*n).and_then(|x| x.as_str()) {
            pairs.push(((*n).to_owned(), s.to_owned()));
        }
    }
    if step == Step::Benefits {
        pairs.extend(a.benefits.iter().map(|b| ("benefits".to_owned(), b.clone())));
    }
    Fields(pairs)
}

fn set_answers(state: &AppState, a: &Answers) -> String {
    let value = cookie_value(a);
    crate::session::set_cookie(state.config.estimate_cookie(), &value, state.config.production, "Lax", None)
}

async fn policy_today(state: &AppState) -> AppResult<(LocalPolicy, chrono::NaiveDate)> {
    let today = state.clock.now().with_timezone(&chrono_tz::Europe::London).date_naive();
    Ok((state.store.charging().charging_policies().await?.on(today), today))
}

#[derive(Template)]
#[template(path = "charging/paying_for_care_start.html")]
struct StartPage {
    chrome: Chrome,
    started: bool,
    /// An emailed link to the answers could not be read.
    resume_failed: bool,
}

#[derive(Deserialize)]
pub struct StartQuery {
    resume: Option<String>,
}

pub async fn start(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Query(q): Query<StartQuery>,
    headers: HeaderMap,
) -> AppResult<Response> {
    let started = answers_from_headers(&headers, state.config.estimate_cookie()) != Answers::default();
    render(&StartPage {
        chrome: Chrome::build(&state, &viewer, "/paying-for-care").await,
        started,
        resume_failed: q.resume.as_deref() == Some("failed"),
    })
}

#[derive(Template)]
#[template(path = "charging/paying_for_care_question.html")]
struct QuestionPage {
    chrome: Chrome,
    title: String,
    back: String,
    action: String,
    fields: Vec<Field>,
    errors: Problems,
    /// The first field is a fieldset whose legend is the page heading.
    legend_is_heading: bool,
}

#[derive(Deserialize)]
pub struct ChangeQuery {
    change: Option<String>,
}

async fn question_page(
    state: &AppState,
    viewer: &Viewer,
    step: Step,
    a: &Answers,
    errors: Problems,
    change: bool,
) -> AppResult<Response> {
    let (policy, _) = policy_today(state).await?;
    let (title, fields) = question(step, a, &policy, &errors);
    let legend_is_heading = fields.iter().any(Field::is_page_heading);
    let page = QuestionPage {
        chrome: Chrome::build(state, viewer, "/paying-for-care").await,
        title,
        back: if change { "/paying-for-care/check".into() } else { step.back(a, &policy) },
        action: format!("{}{}", step.path(), if change { "?change=1" } else { "" }),
        legend_is_heading,
        fields,
        errors: errors.clone(),
    };
    Ok((crate::forms::status(&errors), render(&page)?).into_response())
}

pub async fn show_step(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    headers: HeaderMap,
    Path(slug): Path<String>,
    Query(q): Query<ChangeQuery>,
) -> AppResult<Response> {
    let step = Step::from_slug(&slug).ok_or(AppError::NotFound)?;
    let a = answers_from_headers(&headers, state.config.estimate_cookie());
    question_page(&state, &viewer, step, &a, Problems::default(), q.change.is_some()).await
}

pub async fn answer_step(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    headers: HeaderMap,
    Path(slug): Path<String>,
    Query(q): Query<ChangeQuery>,
    Form(fields): Form<Fields>,
) -> AppResult<Response> {
    let step = Step::from_slug(&slug).ok_or(AppError::NotFound)?;
    let mut a = answers_from_headers(&headers, state.config.estimate_cookie());
    let errors = take(step, &fields, &mut a);
    if !errors.is_empty() {
        return question_page(&state, &viewer, step, &a, errors, q.change.is_some()).await;
    }
    if cookie_value(&a).len() > COOKIE_MAX {
        let mut errors = Problems::default();
        errors.add("_", "Your answers are too long to keep. Please shorten them");
        return question_page(&state, &viewer, step, &a, errors, q.change.is_some()).await;
    }
    let (policy, _) = policy_today(&state).await?;
    // After a change, go back to the check page unless the change brings a new question.
    let next = match (q.change.is_some(), complete(&a, &policy)) {
        (true, None) => "/paying-for-care/check".to_owned(),
        (true, Some(missing)) => format!("{}?change=1", missing.path()),
        (false, _) => step.next(&a, &policy),
    };
    Ok(([(header::SET_COOKIE, set_answers(&state, &a))], Redirect::to(&next)).into_response())
}

pub struct AnswerRow {
    pub question: String,
    pub answer: String,
    pub change: String,
}

fn money_words(amount: &str, period: Option<&str>) -> String {
    match (pounds(amount), period) {
        (Some(p), Some(period)) if p > Pence::ZERO => {
            format!("{p} {}", Period::from_key(period).unwrap_or_default().label())
        }
        (Some(p), None) if p > Pence::ZERO => p.to_string(),
        _ => "None".to_owned(),
    }
}

pub fn answer_rows(a: &Answers, policy: &LocalPolicy) -> Vec<AnswerRow> {
    let mut rows = Vec::new();
    for step in Step::ALL.into_iter().filter(|s| s.applies(a, policy)) {
        let (title, fields) = question(step, a, policy, &Problems::default());
        let mut parts = Vec::new();
        let inputs = fields.iter().filter(|f| !matches!(f, Field::Details { .. } | Field::Text { .. })).count();
        for f in &fields {
            match f {
                Field::Radios { choices, legend, heading, .. } => {
                    if let Some(c) = choices.iter().find(|c| c.checked) {
                        parts.push(if *heading { c.label.clone() } else { format!("{legend} {}", c.label) });
                    }
                }
                Field::Checkboxes { choices, .. } => {
                    parts.push(
                        choices.iter().filter(|c| c.checked).map(|c| c.label.clone()).collect::<Vec<_>>().join(", "),
                    );
                }
                Field::Money { label, value, period, .. } => {
                    let per = period
                        .as_ref()
                        .map(|(_, ch)| ch.iter().find(|c| c.checked).map_or("weekly", |c| c.value.as_str()));
                    let words = money_words(value, per);
                    parts.push(if inputs > 1 { format!("{label}: {words}") } else { words });
                }
                Field::Number { value, .. } if value.is_empty() => {}
                Field::Number { value, heading: true, .. } => parts.push(value.clone()),
                Field::Number { value, label, .. } => parts.push(format!("{label} {value}")),
                Field::Details { .. } | Field::Text { .. } => {}
            }
        }
        rows.push(AnswerRow { question: title, answer: parts.join("\n"), change: format!("{}?change=1", step.path()) });
    }
    rows
}

#[derive(Template)]
#[template(path = "charging/paying_for_care_check.html")]
struct CheckPage {
    chrome: Chrome,
    rows: Vec<AnswerRow>,
    back: String,
}

pub async fn check(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    headers: HeaderMap,
) -> AppResult<Response> {
    let a = answers_from_headers(&headers, state.config.estimate_cookie());
    let (policy, _) = policy_today(&state).await?;
    if let Some(missing) = complete(&a, &policy) {
        return Ok(Redirect::to(&missing.path()).into_response());
    }
    let back = Step::Cost.path();
    render(&CheckPage {
        chrome: Chrome::build(&state, &viewer, "/paying-for-care").await,
        rows: answer_rows(&a, &policy),
        back,
    })
}

pub struct ResultSection {
    pub heading: &'static str,
    pub rows: Vec<ResultRow>,
}

pub struct ResultRow {
    pub label: String,
    pub amount: String,
    pub effect: &'static str,
    pub working: Option<String>,
    pub rule: String,
    pub strong: bool,
}

/// Works out the estimate from the answers with the council's figures and policy for today,
/// with the figures used (the plain answer quotes their limits).
pub async fn estimate(state: &AppState, a: &Answers) -> AppResult<Result<(Assessment, NationalFigures), String>> {
    let (policy, today) = policy_today(state).await?;
    let book = state.store.charging().charging_figures().await?;
    let Some(figures) = book.on(today) else {
        return Ok(Err(format!("There are no charging figures for {today} yet")));
    };
    Ok(assess(&to_input(a, &policy, today), figures, &policy).map(|a| (a, figures.clone())).map_err(|e| e.to_string()))
}

fn effect_label(e: Effect) -> &'static str {
    match e {
        Effect::Counted => "Counted",
        Effect::Disregarded => "Not counted",
        Effect::Deducted => "Taken off",
        Effect::Total => "Total",
        Effect::Result => "You pay",
        Effect::Note => "",
    }
}

pub fn result_sections(a: &Assessment) -> Vec<ResultSection> {
    [Section::Capital, Section::Income, Section::Allowances, Section::Charge]
        .into_iter()
        .map(|s| ResultSection {
            heading: s.heading(),
            rows: a
                .lines
                .iter()
                .filter(|l| l.section == s)
                .map(|l| ResultRow {
                    label: l.label.clone(),
                    amount: l.amount.map(|x| x.to_string()).unwrap_or_default(),
                    effect: effect_label(l.effect),
                    working: l.working.clone(),
                    rule: l.source.clone(),
                    strong: matches!(l.effect, Effect::Total | Effect::Result),
                })
                .collect(),
        })
        .filter(|s| !s.rows.is_empty())
        .collect()
}

/// The charge of a completed or draft assessment, for officers: what is charged, not "up to".
pub fn charge_summary(a: &Assessment) -> String {
    match (a.outcome, a.weekly_charge) {
        (Outcome::FullCost, Some(c)) => format!("The full cost of the care: {c} a week"),
        (Outcome::FullCost, None) => "The full cost of the care".to_owned(),
        (Outcome::Charge, Some(c)) if c == Pence::ZERO => "Nothing to pay".to_owned(),
        (Outcome::Charge, Some(c)) => format!("{c} a week"),
        (Outcome::Charge, None) => "Not worked out".to_owned(),
    }
}

/// Forgets the answers: the cookie is cleared.
pub async fn clear(State(state): State<AppState>) -> AppResult<Response> {
    let cookie =
        crate::session::set_cookie(state.config.estimate_cookie(), "", state.config.production, "Lax", Some(0));
    Ok(([(header::SET_COOKIE, cookie)], Redirect::to("/paying-for-care")).into_response())
}

#[derive(Template)]
#[template(path = "charging/paying_for_care_ask.html")]
struct AskPage {
    chrome: Chrome,
    form: AskForm,
    errors: Problems,
    has_answers: bool,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct AskForm {
    name: String,
    email: String,
    phone: String,
    contact: String,
    message: String,
    send_answers: String,
}

pub async fn ask_form(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    headers: HeaderMap,
) -> AppResult<Response> {
    let has_answers = answers_from_headers(&headers, state.config.estimate_cookie()) != Answers::default();
    let page = AskPage {
        chrome: Chrome::build(&state, &viewer, "/paying-for-care").await,
        form: AskForm::default(),
        errors: Problems::default(),
        has_answers,
    };
    render(&page)
}

#[derive(Template)]
#[template(path = "charging/paying_for_care_asked.html")]
struct AskedPage {
    chrome: Chrome,
    reference: String,
}

pub async fn ask_submit(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    headers: HeaderMap,
    Form(form): Form<AskForm>,
) -> AppResult<Response> {
    let answers = answers_from_headers(&headers, state.config.estimate_cookie());
    let has_answers = answers != Answers::default();
    let mut errors = Problems::default();
    if form.name.trim().is_empty() {
        errors.add("name", "Enter your name");
    } else if form.name.chars().count() > 200 {
        errors.add("name", "Your name must be 200 characters or fewer");
    }
    let email = Some(form.email.trim().to_owned()).filter(|e| !e.is_empty());
    let phone = Some(form.phone.trim().to_owned()).filter(|p| !p.is_empty());
    if email.as_deref().is_some_and(|e| hearth_domain::email::EmailAddress::parse(e).is_err()) {
        errors.add("email", "Enter an email address in the right form, like name@example.com");
    }
    if phone.as_deref().is_some_and(|p| {
        !p.chars().all(|c| c.is_ascii_digit() || " +()-".contains(c))
            || p.chars().filter(char::is_ascii_digit).count() < 10
    }) {
        errors.add("phone", "Enter a phone number, like 01632 960 000 or 07700 900 000");
    }
    if email.is_none() && phone.is_none() {
        errors.add("email", "Enter an email address or a phone number, so we can get in touch");
    }
    if form.message.chars().count() > 2_000 {
        errors.add("message", "Your message must be 2,000 characters or fewer");
    }
    if errors.is_empty()
        && !state
            .store
            .accounts()
            .take(crate::limits::ASK_FOR_FINANCIAL_ASSESSMENT, &viewer.client_addr, state.clock.now())
            .await?
    {
        errors.add(
            "name",
            "We have had several requests from here today. Please phone us instead, or try again tomorrow",
        );
    }
    if !errors.is_empty() {
        let page = AskPage {
            chrome: Chrome::build(&state, &viewer, "/paying-for-care").await,
            form,
            errors: errors.clone(),
            has_answers,
        };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response());
    }
    let send = has_answers && form.send_answers == "yes";
    let estimate_charge =
        if send { estimate(&state, &answers).await?.ok().and_then(|(a, _)| a.weekly_charge) } else { None };
    let request = state
        .store
        .charging()
        .record_charging_request(
            &viewer.audit(&state),
            &hearth_store::charging::NewRequest {
                source: "calculator".into(),
                name: form.name.trim().to_owned(),
                email,
                phone,
                preferred_contact: Some(form.contact.clone())
                    .filter(|c| ["email", "phone", "letter"].contains(&c.as_str())),
                message: Some(form.message.trim().to_owned()).filter(|m| !m.is_empty()),
                answers: send.then(|| serde_json::to_string(&answers).expect("answers serialise")),
                estimate: estimate_charge,
            },
        )
        .await?;
    let page =
        AskedPage { chrome: Chrome::build(&state, &viewer, "/paying-for-care").await, reference: request.reference };
    render(&page)
}

#[cfg(test)]
mod tests {
    use super::*;
    use hearth_domain::charging::policy::NightCare;

    #[test]
    fn questions_follow_from_the_answers() {
        let policy = LocalPolicy::default();
        let home = Answers { setting: "home".into(), ..Default::default() };
        assert_eq!(Step::Where.next(&home, &policy), "/paying-for-care/age");
        assert_eq!(Step::Age.back(&home, &policy), "/paying-for-care/where");
        let care_home = Answers { setting: "care-home".into(), stay: "permanent".into(), ..Default::default() };
        assert_eq!(Step::Where.next(&care_home, &policy), "/paying-for-care/stay");
        assert_eq!(Step::Savings.next(&care_home, &policy), "/paying-for-care/home");
        assert!(!Step::Housing.applies(&care_home, &policy));
        let short = Answers { stay: "short".into(), ..care_home.clone() };
        assert!(Step::Housing.applies(&short, &policy), "short stays are charged as care at home");
        let night = Answers { benefits: vec!["aa".into()], aa_higher: "yes".into(), ..home.clone() };
        assert!(!Step::NightCare.applies(&night, &policy));
        let local = LocalPolicy { night_care: NightCare::DisregardWithoutNightCare, ..Default::default() };
        assert!(Step::NightCare.applies(&night, &local));
        assert_eq!(Step::Cost.next(&home, &policy), "/paying-for-care/check");
    }

    #[test]
    fn answers_survive_the_cookie() {
        let a = Answers {
            setting: "home".into(),
            savings: "12,000".into(),
            benefits: vec!["aa".into()],
            ..Default::default()
        };
        let mut headers = HeaderMap::new();
        headers.insert(header::COOKIE, format!("other=1; est={}", cookie_value(&a)).parse().unwrap());
        assert_eq!(answers_from_headers(&headers, "est"), a);
        headers.insert(header::COOKIE, "est=not-base64!".parse().unwrap());
        assert_eq!(answers_from_headers(&headers, "est"), Answers::default());
    }
}
