//! The officer's financial assessment form: everything the engine needs, with the evidence seen
//! against each item. Kept as typed (so a draft can be saved before it adds up), and turned into
//! an `AssessmentInput` with an error for each field that is not right.

use crate::forms::{Fields, Problems, parse_uk_date};
use hearth_domain::charging::input::*;
use hearth_domain::charging::money::{Pence, Period};
use serde::{Deserialize, Serialize};

/// Blank rows offered under each list, for adding items without JavaScript.
pub const SPARE_ROWS: usize = 2;
/// The most items a list may have.
pub const MAX_ROWS: usize = 40;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CapitalRow {
    pub kind: String,
    pub description: String,
    pub value: String,
    pub owners: String,
    pub sale_costs: bool,
    pub secured_debt: String,
    pub occupied_by: String,
    pub moved_in_after: bool,
    pub discretionary: String,
    pub evidence: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct IncomeRow {
    pub kind: String,
    pub description: String,
    pub amount: String,
    pub period: String,
    pub joint: bool,
    pub rate: String,
    pub half_to_spouse: bool,
    pub notional: bool,
    pub evidence: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct HousingRow {
    pub kind: String,
    pub amount: String,
    pub period: String,
    pub paid_by_benefits: String,
    pub shared: bool,
    pub evidence: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExpenseRow {
    pub description: String,
    pub amount: String,
    pub period: String,
    pub evidence: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AssessmentForm {
    pub person_name: String,
    pub person_reference: String,
    pub date: String,
    pub date_of_birth: String,
    pub partner: String,
    pub partner_date_of_birth: String,
    pub spouse: bool,
    pub children: String,
    pub disabled_children: String,
    pub severely_disabled_children: String,
    pub registered_blind: bool,
    /// "auto", "yes" or "no".
    pub disability_premium: String,
    pub enhanced_disability_premium: String,
    pub carer_premium: String,
    /// "home" or "care-home".
    pub setting: String,
    pub weekly_cost: String,
    pub night_care: bool,
    pub council_arranges: bool,
    /// "permanent", "temporary" or "short".
    pub stay: String,
    pub first_day: String,
    pub disregard_days_used: String,
    pub short_weeks: String,
    pub weekly_fee: String,
    pub top_up: String,
    pub top_up_payer: String,
    pub extra_allowance: String,
    pub extra_allowance_reason: String,
    pub capital: Vec<CapitalRow>,
    pub income: Vec<IncomeRow>,
    pub housing: Vec<HousingRow>,
    pub expenses: Vec<ExpenseRow>,
    pub notional_capital: String,
    /// "none", "above-upper-limit", "small-flat-charge" or "cannot-contribute".
    pub light_touch: String,
    pub light_touch_weekly: String,
    pub light_touch_evidence: String,
    pub notes: String,
}

fn money_text(p: Pence) -> String {
    p.plain()
}

fn date_text(d: chrono::NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

fn tri(v: Option<bool>) -> String {
    match v {
        None => "auto",
        Some(true) => "yes",
        Some(false) => "no",
    }
    .to_owned()
}

pub fn capital_key(k: CapitalKind) -> &'static str {
    match k {
        CapitalKind::Savings => "savings",
        CapitalKind::Investments => "investments",
        CapitalKind::Cash => "cash",
        CapitalKind::MainHome => "main-home",
        CapitalKind::OtherProperty => "other-property",
        CapitalKind::Land => "land",
        CapitalKind::LifeInsurance => "life-insurance",
        CapitalKind::PersonalPossessions => "personal-possessions",
        CapitalKind::BusinessAssets => "business-assets",
        CapitalKind::PersonalInjuryTrust => "personal-injury-trust",
        CapitalKind::InfectedBloodCompensation => "infected-blood-compensation",
        CapitalKind::BenefitArrears => "benefit-arrears",
        CapitalKind::OtherDisregarded => "other-disregarded",
        CapitalKind::Other => "other",
    }
}

pub fn income_key(k: IncomeKind) -> String {
    serde_json::to_value(k).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

pub fn housing_key(k: HousingKind) -> String {
    serde_json::to_value(k).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

fn occupant_key(o: Occupant) -> String {
    serde_json::to_value(o).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

fn from_key<T: serde::de::DeserializeOwned>(key: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(key.to_owned())).ok()
}

impl AssessmentForm {
    /// A new form for a person, dated today, with nothing entered.
    pub fn blank(person_name: &str, person_reference: &str, today: chrono::NaiveDate) -> AssessmentForm {
        AssessmentForm {
            person_name: person_name.to_owned(),
            person_reference: person_reference.to_owned(),
            date: date_text(today),
            partner: "no".into(),
            children: "0".into(),
            disabled_children: "0".into(),
            severely_disabled_children: "0".into(),
            disability_premium: "auto".into(),
            enhanced_disability_premium: "auto".into(),
            carer_premium: "auto".into(),
            setting: "home".into(),
            council_arranges: true,
            stay: "permanent".into(),
            light_touch: "none".into(),
            ..Default::default()
        }
    }

    /// The form for an input already worked out (a completed assessment, or calculator answers).
    pub fn from_input(
        input: &AssessmentInput,
        person_name: &str,
        person_reference: &str,
        notes: &str,
    ) -> AssessmentForm {
        let p = &input.person;
        let mut f = AssessmentForm::blank(person_name, person_reference, input.date);
        f.notes = notes.to_owned();
        f.date_of_birth = p.date_of_birth.map(date_text).unwrap_or_default();
        if let Some(partner) = &p.partner {
            f.partner = if partner.pension_age { "yes-pension-age".into() } else { "yes".into() };
            f.partner_date_of_birth = partner.date_of_birth.map(date_text).unwrap_or_default();
            f.spouse = partner.spouse_or_civil_partner;
        }
        f.children = p.dependent_children.to_string();
        f.disabled_children = p.disabled_children.to_string();
        f.severely_disabled_children = p.severely_disabled_children.to_string();
        f.registered_blind = p.registered_blind;
        f.disability_premium = tri(p.disability_premium);
        f.enhanced_disability_premium = tri(p.enhanced_disability_premium);
        f.carer_premium = tri(p.carer_premium);
        if let (None, Some(band)) = (p.date_of_birth, p.age_band) {
            let words = match band {
                AgeBand::Under25 => "18 to 24",
                AgeBand::Over25 => "25 or over, below State Pension age",
                AgeBand::PensionAge => "State Pension age or over",
            };
            let sep = if f.notes.is_empty() { "" } else { "\n" };
            f.notes = format!("{}{sep}The estimate gave the age as {words}: enter the date of birth.", f.notes);
        }
        match &input.care {
            Care::AtHome { weekly_cost, night_care, council_arranges } => {
                f.setting = "home".into();
                f.weekly_cost = weekly_cost.map(money_text).unwrap_or_default();
                f.night_care = *night_care;
                f.council_arranges = *council_arranges;
            }
            Care::CareHome { weekly_fee, stay, top_up, extra_personal_allowance } => {
                f.setting = "care-home".into();
                f.weekly_fee = weekly_fee.map(money_text).unwrap_or_default();
                match stay {
                    Stay::Permanent { first_day, disregard_days_used } => {
                        f.stay = "permanent".into();
                        f.first_day = date_text(*first_day);
                        f.disregard_days_used = disregard_days_used.to_string();
                    }
                    Stay::Temporary { .. } => f.stay = "temporary".into(),
                    Stay::Short { weeks } => {
                        f.stay = "short".into();
                        f.short_weeks = weeks.to_string();
                    }
                }
                if let Some(t) = top_up {
                    f.top_up = money_text(t.weekly);
                    f.top_up_payer =
                        if t.paid_by == TopUpPayer::Resident { "resident".into() } else { "third-party".into() };
                }
                if let Some(e) = extra_personal_allowance {
                    f.extra_allowance = money_text(e.weekly);
                    f.extra_allowance_reason = e.reason.clone();
                }
            }
        }
        f.capital = input
            .capital
            .iter()
            .map(|c| CapitalRow {
                kind: capital_key(c.kind).to_owned(),
                description: c.description.clone().unwrap_or_default(),
                value: money_text(c.value),
                owners: c.owners.to_string(),
                sale_costs: c.sale_costs,
                secured_debt: if c.secured_debt.is_zero() { String::new() } else { money_text(c.secured_debt) },
                occupied_by: c.occupied_by.map(occupant_key).unwrap_or_default(),
                moved_in_after: !c.occupant_there_before_admission,
                discretionary: c.discretionary_disregard.clone().unwrap_or_default(),
                evidence: c.evidence.clone().unwrap_or_default(),
            })
            .collect();
        f.income = input
            .income
            .iter()
            .map(|i| IncomeRow {
                kind: income_key(i.kind),
                description: i.description.clone().unwrap_or_default(),
                amount: money_text(i.amount),
                period: i.period.key().to_owned(),
                joint: i.joint,
                rate: match i.rate {
                    Some(BenefitRate::Higher) => "higher",
                    Some(BenefitRate::Lower) => "lower",
                    Some(BenefitRate::Lowest) => "lowest",
                    None => "",
                }
                .to_owned(),
                half_to_spouse: i.half_paid_to_spouse,
                notional: i.notional,
                evidence: i.evidence.clone().unwrap_or_default(),
            })
            .collect();
        f.housing = input
            .housing
            .iter()
            .map(|h| HousingRow {
                kind: housing_key(h.kind),
                amount: money_text(h.amount),
                period: h.period.key().to_owned(),
                paid_by_benefits: if h.paid_by_benefits.is_zero() {
                    String::new()
                } else {
                    money_text(h.paid_by_benefits)
                },
                shared: h.shared_with_partner,
                evidence: h.evidence.clone().unwrap_or_default(),
            })
            .collect();
        f.expenses = input
            .disability_related_expenditure
            .iter()
            .map(|e| ExpenseRow {
                description: e.description.clone(),
                amount: money_text(e.amount),
                period: e.period.key().to_owned(),
                evidence: e.evidence.clone().unwrap_or_default(),
            })
            .collect();
        f.notional_capital = input.notional_capital.map(money_text).unwrap_or_default();
        match &input.light_touch {
            None => f.light_touch = "none".into(),
            Some(LightTouch::AboveUpperLimit { evidence }) => {
                f.light_touch = "above-upper-limit".into();
                f.light_touch_evidence = evidence.clone();
            }
            Some(LightTouch::SmallFlatCharge { weekly, evidence }) => {
                f.light_touch = "small-flat-charge".into();
                f.light_touch_weekly = money_text(*weekly);
                f.light_touch_evidence = evidence.clone();
            }
            Some(LightTouch::CannotContribute { evidence }) => {
                f.light_touch = "cannot-contribute".into();
                f.light_touch_evidence = evidence.clone();
            }
        }
        f
    }

    /// The form as the browser sent it. Rows left entirely empty are dropped.
    pub fn from_fields(f: &Fields) -> AssessmentForm {
        let get = |k: &str| f.get(k).to_owned();
        let flag = |k: &str| f.get(k) == "yes";
        let rows = |prefix: &str| -> usize {
            (0..MAX_ROWS)
                .rev()
                .find(|i| f.0.iter().any(|(k, _)| k.starts_with(&format!("{prefix}-{i}-"))))
                .map_or(0, |i| i + 1)
        };
        let capital = (0..rows("capital"))
            .map(|i| {
                let g = |n: &str| f.get(&format!("capital-{i}-{n}")).to_owned();
                CapitalRow {
                    kind: g("kind"),
                    description: g("description"),
                    value: g("value"),
                    owners: g("owners"),
                    sale_costs: g("sale_costs") == "yes",
                    secured_debt: g("secured_debt"),
                    occupied_by: g("occupied_by"),
                    moved_in_after: g("moved_in_after") == "yes",
                    discretionary: g("discretionary"),
                    evidence: g("evidence"),
                }
            })
            .filter(|r| !(r.value.trim().is_empty() && r.description.trim().is_empty() && r.evidence.trim().is_empty()))
            .collect();
        let income = (0..rows("income"))
            .map(|i| {
                let g = |n: &str| f.get(&format!("income-{i}-{n}")).to_owned();
                IncomeRow {
                    kind: g("kind"),
                    description: g("description"),
                    amount: g("amount"),
                    period: g("period"),
                    joint: g("joint") == "yes",
                    rate: g("rate"),
                    half_to_spouse: g("half_to_spouse") == "yes",
                    notional: g("notional") == "yes",
                    evidence: g("evidence"),
                }
            })
            .filter(|r| {
                !(r.amount.trim().is_empty() && r.description.trim().is_empty() && r.evidence.trim().is_empty())
            })
            .collect();
        let housing = (0..rows("housing"))
            .map(|i| {
                let g = |n: &str| f.get(&format!("housing-{i}-{n}")).to_owned();
                HousingRow {
                    kind: g("kind"),
                    amount: g("amount"),
                    period: g("period"),
                    paid_by_benefits: g("paid_by_benefits"),
                    shared: g("shared") == "yes",
                    evidence: g("evidence"),
                }
            })
            .filter(|r| !(r.amount.trim().is_empty() && r.evidence.trim().is_empty()))
            .collect();
        let expenses = (0..rows("expense"))
            .map(|i| {
                let g = |n: &str| f.get(&format!("expense-{i}-{n}")).to_owned();
                ExpenseRow {
                    description: g("description"),
                    amount: g("amount"),
                    period: g("period"),
                    evidence: g("evidence"),
                }
            })
            .filter(|r| !(r.amount.trim().is_empty() && r.description.trim().is_empty()))
            .collect();
        AssessmentForm {
            person_name: get("person_name"),
            person_reference: get("person_reference"),
            date: get("date"),
            date_of_birth: get("date_of_birth"),
            partner: get("partner"),
            partner_date_of_birth: get("partner_date_of_birth"),
            spouse: flag("spouse"),
            children: get("children"),
            disabled_children: get("disabled_children"),
            severely_disabled_children: get("severely_disabled_children"),
            registered_blind: flag("registered_blind"),
            disability_premium: get("disability_premium"),
            enhanced_disability_premium: get("enhanced_disability_premium"),
            carer_premium: get("carer_premium"),
            setting: get("setting"),
            weekly_cost: get("weekly_cost"),
            night_care: flag("night_care"),
            council_arranges: flag("council_arranges"),
            stay: get("stay"),
            first_day: get("first_day"),
            disregard_days_used: get("disregard_days_used"),
            short_weeks: get("short_weeks"),
            weekly_fee: get("weekly_fee"),
            top_up: get("top_up"),
            top_up_payer: get("top_up_payer"),
            extra_allowance: get("extra_allowance"),
            extra_allowance_reason: get("extra_allowance_reason"),
            capital,
            income,
            housing,
            expenses,
            notional_capital: get("notional_capital"),
            light_touch: get("light_touch"),
            light_touch_weekly: get("light_touch_weekly"),
            light_touch_evidence: get("light_touch_evidence"),
            notes: get("notes"),
        }
    }

    /// The input the engine works from, or what is wrong, field by field.
    pub fn to_input(&self) -> Result<AssessmentInput, Problems> {
        let mut errors = Problems::default();
        let (on, person) = self.person(&mut errors);
        let care = self.care(&mut errors);
        let (capital, income) = (self.capital(&mut errors), self.income(&mut errors));
        let (housing, expenses) = (self.housing(&mut errors), self.expenses(&mut errors));
        let (notional, light_touch) = self.notional_and_light_touch(&mut errors);
        let input = AssessmentInput {
            date: on.unwrap_or_default(),
            person,
            care,
            capital,
            income,
            housing,
            disability_related_expenditure: expenses,
            notional_capital: notional,
            light_touch,
        };
        if errors.is_empty() { Ok(input) } else { Err(errors) }
    }

    /// Who the assessment is for, and the date it applies from.
    fn person(&self, errors: &mut Problems) -> (Option<chrono::NaiveDate>, Person) {
        if self.person_name.trim().is_empty() {
            errors.add("person_name", "Enter the person's name");
        }
        let on = date("date", &self.date, true, "the date the charge applies from", errors);
        let born = date("date_of_birth", &self.date_of_birth, true, "the person's date of birth", errors);
        let partner = match self.partner.as_str() {
            "no" | "" => None,
            "yes" | "yes-pension-age" => Some(Partner {
                date_of_birth: date(
                    "partner_date_of_birth",
                    &self.partner_date_of_birth,
                    false,
                    "the partner's date of birth",
                    errors,
                ),
                pension_age: self.partner == "yes-pension-age",
                spouse_or_civil_partner: self.spouse,
            }),
            _ => {
                errors.add("partner", "Choose whether the person lives with a partner");
                None
            }
        };
        let person = Person {
            date_of_birth: born,
            age_band: None,
            partner,
            dependent_children: count("children", &self.children, errors),
            disabled_children: count("disabled_children", &self.disabled_children, errors),
            severely_disabled_children: count("severely_disabled_children", &self.severely_disabled_children, errors),
            disability_premium: yes_no_or_auto("disability_premium", &self.disability_premium, errors),
            enhanced_disability_premium: yes_no_or_auto(
                "enhanced_disability_premium",
                &self.enhanced_disability_premium,
                errors,
            ),
            carer_premium: yes_no_or_auto("carer_premium", &self.carer_premium, errors),
            registered_blind: self.registered_blind,
        };
        (on, person)
    }

    /// Where the care is given, and what it costs.
    fn care(&self, errors: &mut Problems) -> Care {
        match self.setting.as_str() {
            "care-home" => {
                let stay = match self.stay.as_str() {
                    "temporary" => Stay::Temporary { intends_to_return: true },
                    "short" => Stay::Short {
                        weeks: self
                            .short_weeks
                            .trim()
                            .parse::<u8>()
                            .ok()
                            .filter(|w| (1..=52).contains(w))
                            .unwrap_or_else(|| {
                                errors.add("short_weeks", "Enter how many weeks the stay is, from 1 to 52");
                                1
                            }),
                    },
                    _ => Stay::Permanent {
                        first_day: date(
                            "first_day",
                            &self.first_day,
                            true,
                            "the first day of the permanent stay",
                            errors,
                        )
                        .unwrap_or_default(),
                        disregard_days_used: match self.disregard_days_used.trim() {
                            "" => 0,
                            t => t.parse::<u16>().ok().filter(|d| *d <= 84).unwrap_or_else(|| {
                                errors.add("disregard_days_used", "Enter the days already used, from 0 to 84");
                                0
                            }),
                        },
                    },
                };
                let top_up =
                    money("top_up".into(), &self.top_up, false, errors).filter(|t| *t > Pence::ZERO).map(|weekly| {
                        TopUp {
                            weekly,
                            paid_by: if self.top_up_payer == "resident" {
                                TopUpPayer::Resident
                            } else {
                                TopUpPayer::ThirdParty
                            },
                        }
                    });
                let extra =
                    money("extra_allowance".into(), &self.extra_allowance, false, errors).filter(|t| *t > Pence::ZERO);
                if extra.is_some() && self.extra_allowance_reason.trim().is_empty() {
                    errors.add("extra_allowance_reason", "Say why the council allows more");
                }
                Care::CareHome {
                    weekly_fee: money("weekly_fee".into(), &self.weekly_fee, false, errors),
                    stay,
                    top_up,
                    extra_personal_allowance: extra
                        .map(|weekly| ExtraAllowance { weekly, reason: self.extra_allowance_reason.trim().to_owned() }),
                }
            }
            _ => Care::AtHome {
                weekly_cost: money("weekly_cost".into(), &self.weekly_cost, false, errors),
                night_care: self.night_care,
                council_arranges: self.council_arranges,
            },
        }
    }

    fn capital(&self, errors: &mut Problems) -> Vec<CapitalItem> {
        let mut capital = Vec::new();
        for (i, r) in self.capital.iter().enumerate() {
            let kind: Option<CapitalKind> = from_key(&r.kind);
            if kind.is_none() {
                errors.add(format!("capital-{i}-kind"), format!("Capital item {}: choose what it is", i + 1));
            }
            let value = money(format!("capital-{i}-value"), &r.value, true, errors);
            let owners = match r.owners.trim() {
                "" => 1,
                t => t.parse::<u8>().ok().filter(|n| (1..=20).contains(n)).unwrap_or_else(|| {
                    errors.add(
                        format!("capital-{i}-owners"),
                        format!("Capital item {}: enter how many people own it, from 1", i + 1),
                    );
                    1
                }),
            };
            let debt = money(format!("capital-{i}-secured_debt"), &r.secured_debt, false, errors).unwrap_or_default();
            let occupied_by: Option<Occupant> = if r.occupied_by.is_empty() { None } else { from_key(&r.occupied_by) };
            if let (Some(kind), Some(value)) = (kind, value) {
                capital.push(CapitalItem {
                    kind,
                    description: optional(&r.description),
                    value,
                    owners,
                    sale_costs: r.sale_costs,
                    secured_debt: debt,
                    occupied_by,
                    occupant_there_before_admission: !r.moved_in_after,
                    discretionary_disregard: optional(&r.discretionary),
                    selling_to_buy_another: false,
                    evidence: optional(&r.evidence),
                });
            }
        }
        capital
    }

    fn income(&self, errors: &mut Problems) -> Vec<IncomeItem> {
        let mut income = Vec::new();
        for (i, r) in self.income.iter().enumerate() {
            let kind: Option<IncomeKind> = from_key(&r.kind);
            if kind.is_none() {
                errors.add(format!("income-{i}-kind"), format!("Income item {}: choose what it is", i + 1));
            }
            let amount = money(format!("income-{i}-amount"), &r.amount, true, errors);
            let per = period(format!("income-{i}-period"), &r.period, errors);
            let rate = match r.rate.as_str() {
                "higher" => Some(BenefitRate::Higher),
                "lower" => Some(BenefitRate::Lower),
                "lowest" => Some(BenefitRate::Lowest),
                _ => None,
            };
            if let (Some(kind), Some(amount)) = (kind, amount) {
                income.push(IncomeItem {
                    kind,
                    description: optional(&r.description),
                    amount,
                    period: per,
                    joint: r.joint,
                    rate,
                    half_paid_to_spouse: r.half_to_spouse,
                    notional: r.notional,
                    evidence: optional(&r.evidence),
                });
            }
        }
        income
    }

    fn housing(&self, errors: &mut Problems) -> Vec<HousingCost> {
        let mut housing = Vec::new();
        for (i, r) in self.housing.iter().enumerate() {
            let kind: Option<HousingKind> = from_key(&r.kind);
            if kind.is_none() {
                errors.add(format!("housing-{i}-kind"), format!("Housing cost {}: choose what it is", i + 1));
            }
            let amount = money(format!("housing-{i}-amount"), &r.amount, true, errors);
            let per = period(format!("housing-{i}-period"), &r.period, errors);
            let paid =
                money(format!("housing-{i}-paid_by_benefits"), &r.paid_by_benefits, false, errors).unwrap_or_default();
            if let (Some(kind), Some(amount)) = (kind, amount) {
                housing.push(HousingCost {
                    kind,
                    amount,
                    period: per,
                    paid_by_benefits: paid,
                    shared_with_partner: r.shared,
                    evidence: optional(&r.evidence),
                });
            }
        }
        housing
    }

    fn expenses(&self, errors: &mut Problems) -> Vec<Expense> {
        let mut expenses = Vec::new();
        for (i, r) in self.expenses.iter().enumerate() {
            if r.description.trim().is_empty() {
                errors.add(
                    format!("expense-{i}-description"),
                    format!("Disability-related expense {}: say what it is for", i + 1),
                );
            }
            let amount = money(format!("expense-{i}-amount"), &r.amount, true, errors);
            let per = period(format!("expense-{i}-period"), &r.period, errors);
            if let Some(amount) = amount {
                expenses.push(Expense {
                    description: r.description.trim().to_owned(),
                    amount,
                    period: per,
                    evidence: optional(&r.evidence),
                });
            }
        }
        expenses
    }

    /// Capital given away to avoid the charge, and a light-touch assessment if there is one.
    fn notional_and_light_touch(&self, errors: &mut Problems) -> (Option<Pence>, Option<LightTouch>) {
        let notional =
            money("notional_capital".into(), &self.notional_capital, false, errors).filter(|n| *n > Pence::ZERO);
        let evidence = self.light_touch_evidence.trim().to_owned();
        let light_touch = match self.light_touch.as_str() {
            "above-upper-limit" => Some(LightTouch::AboveUpperLimit { evidence: evidence.clone() }),
            "small-flat-charge" => Some(LightTouch::SmallFlatCharge {
                weekly: money("light_touch_weekly".into(), &self.light_touch_weekly, true, errors).unwrap_or_default(),
                evidence: evidence.clone(),
            }),
            "cannot-contribute" => Some(LightTouch::CannotContribute { evidence: evidence.clone() }),
            _ => None,
        };
        if light_touch.is_some() && evidence.is_empty() {
            errors.add("light_touch_evidence", "Say what evidence satisfies the council");
        }
        (notional, light_touch)
    }
}

// What every part of the form reads its answers with: each adds its problem, keyed by the
// field, and gives back what could be read.

fn money(field: String, text: &str, required: bool, errors: &mut Problems) -> Option<Pence> {
    crate::forms::amount(field, text, required.then_some("Enter an amount"), "1,250.00", errors)
}

fn date(
    field: &'static str,
    text: &str,
    required: bool,
    label: &str,
    errors: &mut Problems,
) -> Option<chrono::NaiveDate> {
    if text.trim().is_empty() {
        if required {
            errors.add(field, format!("Enter {label}"));
        }
        return None;
    }
    let d = parse_uk_date(text);
    if d.is_none() {
        errors.add(field, format!("Enter {label} as a real date, like 27/03/2026"));
    }
    d
}

fn count(field: &'static str, text: &str, errors: &mut Problems) -> u8 {
    match text.trim() {
        "" => 0,
        t => t.parse::<u8>().ok().filter(|n| *n <= 20).unwrap_or_else(|| {
            errors.add(field, "Enter a number from 0 to 20");
            0
        }),
    }
}

/// Yes, no, or left for the engine to work out.
fn yes_no_or_auto(field: &'static str, v: &str, errors: &mut Problems) -> Option<bool> {
    match v {
        "yes" => Some(true),
        "no" => Some(false),
        "auto" | "" => None,
        _ => {
            errors.add(field, "Choose yes, no, or work it out");
            None
        }
    }
}

fn optional(s: &str) -> Option<String> {
    Some(s.trim().to_owned()).filter(|s| !s.is_empty())
}

fn period(field: String, s: &str, errors: &mut Problems) -> Period {
    match s {
        "" => Period::Weekly,
        k => Period::from_key(k).unwrap_or_else(|| {
            errors.add(field, "Choose how often");
            Period::Weekly
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_round_trips_through_the_input() {
        let mut form =
            AssessmentForm::blank("Ada Example", "ASC-1", chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap());
        form.date_of_birth = "01/02/1950".into();
        form.capital.push(CapitalRow {
            kind: "savings".into(),
            value: "18,000".into(),
            owners: "2".into(),
            evidence: "Statement 1 May".into(),
            ..Default::default()
        });
        form.income.push(IncomeRow {
            kind: "attendance-allowance".into(),
            amount: "108.55".into(),
            period: "weekly".into(),
            rate: "higher".into(),
            ..Default::default()
        });
        form.housing.push(HousingRow {
            kind: "council-tax".into(),
            amount: "1800".into(),
            period: "yearly".into(),
            ..Default::default()
        });
        let input = form.to_input().unwrap();
        assert_eq!(input.capital[0].value, Pence::pounds(18_000));
        assert_eq!(input.capital[0].owners, 2);
        assert_eq!(input.capital[0].evidence.as_deref(), Some("Statement 1 May"));
        assert_eq!(input.income[0].rate, Some(BenefitRate::Higher));
        assert_eq!(input.housing[0].period, Period::Yearly);
        let again = AssessmentForm::from_input(&input, "Ada Example", "ASC-1", "");
        assert_eq!(again.to_input().unwrap(), input);
    }

    #[test]
    fn the_occupant_choices_are_the_engines_names() {
        for (key, _) in crate::pages::charging::finance::occupants().into_iter().filter(|(k, _)| !k.is_empty()) {
            assert!(from_key::<Occupant>(&key).is_some(), "{key}");
        }
    }

    #[test]
    fn every_bad_field_is_named() {
        let mut form = AssessmentForm::blank("", "", chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap());
        form.date = "31/02/2026".into();
        form.capital.push(CapitalRow { kind: "gold-bars".into(), value: "lots".into(), ..Default::default() });
        form.income.push(IncomeRow { kind: "state-pension".into(), amount: "".into(), ..Default::default() });
        let errors = form.to_input().unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_ref()).collect();
        assert_eq!(
            fields,
            ["person_name", "date", "date_of_birth", "capital-0-kind", "capital-0-value", "income-0-amount"]
        );
    }
}
