//! The charging engine: from what a person has and where their care is, the most they can be
//! asked to pay a week, with every step as a line that says what it is and which rule it follows.
//!
//! The steps (statutory guidance chapter 8):
//! 1. Capital: each item valued (own share, less 10% if selling would cost, less debts secured on
//!    it), disregards applied, notional capital added. Over the upper limit: the full cost.
//!    Otherwise tariff income of £1 a week for every £250, or part of £250, over the lower limit.
//! 2. Income: each item made weekly, disregards applied.
//! 3. Care at home: income and tariff, less the Minimum Income Guarantee, housing costs and
//!    disability-related expenditure, is the disposable income; the council charges its
//!    percentage of it, within its weekly maximum and minimum, and never more than the care costs.
//! 4. Care home: income and tariff less the Personal Expenses Allowance, never more than the
//!    council's rate for the placement.

use super::figures::{Figure, NationalFigures};
use super::input::*;
use super::money::{Favour, Pence};
use super::pension_age::has_reached_state_pension_age;
use super::policy::{DreMethod, LocalPolicy, NightCare};
use super::rules::Rule;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Which part of the assessment a line belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Section {
    Capital,
    Income,
    Allowances,
    Charge,
}

impl Section {
    pub fn heading(self) -> &'static str {
        match self {
            Section::Capital => "Capital: savings, investments and property",
            Section::Income => "Income",
            Section::Allowances => "What you are left to live on",
            Section::Charge => "What you pay",
        }
    }
}

/// What a line does to the sums.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Effect {
    /// Added to the total of its section.
    Counted,
    /// Left out of the total (the amount shows how much was left out).
    Disregarded,
    /// Taken off.
    Deducted,
    /// A total of the lines above it.
    Total,
    /// The charge itself.
    Result,
    /// Something to know; no amount.
    Note,
}

/// One step of an assessment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Line {
    pub section: Section,
    /// What it is, in plain words.
    pub label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<Pence>,
    pub effect: Effect,
    pub rule: Rule,
    /// The law (and guidance) behind it, in words.
    pub source: String,
    /// The working, where there is any: "£30,000.00 − £14,250.00 = £15,750.00 ÷ £250 = 63".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub working: Option<String>,
}

/// How the assessment comes out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    /// A weekly charge (which may be nothing).
    Charge,
    /// Capital over the upper limit (or a light-touch assessment saying so): the full cost.
    FullCost,
}

/// Where the care is, once the council's short-stay policy is applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Setting {
    AtHome,
    PermanentCareHome,
    TemporaryCareHome,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Assessment {
    /// The year of the figures used, such as "2026/27".
    pub figures_year: String,
    /// The policy used, by the day it took effect.
    pub policy_from: NaiveDate,
    pub setting: Setting,
    pub outcome: Outcome,
    /// The weekly charge. With the full cost and no cost given, `None` (it is whatever the care
    /// costs).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weekly_charge: Option<Pence>,
    /// The most the person could be charged before the cost of the care is known.
    pub maximum_weekly_charge: Option<Pence>,
    pub capital: Pence,
    pub tariff_income: Pence,
    pub weekly_income_counted: Pence,
    /// What the person is left with each week after the charge (before the full cost).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub left_after_charge: Option<Pence>,
    /// The Minimum Income Guarantee, or the Personal Expenses Allowance in a care home.
    pub protected_income: Pence,
    /// A yearly arrangement fee, for people paying the full cost of care the council arranges.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub yearly_arrangement_fee: Option<Pence>,
    /// How much the notional capital goes down each week (reg 23): the extra it adds to the charge.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notional_capital_weekly_reduction: Option<Pence>,
    /// The day the 12-week property disregard ends, when it applies.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub property_disregard_ends: Option<NaiveDate>,
    /// Whether the home counts, so the person may be offered a deferred payment agreement.
    pub home_counted: bool,
    /// Figures used that are not yet confirmed, by name.
    pub unconfirmed_figures: Vec<String>,
    pub lines: Vec<Line>,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AssessError {
    #[error("Hearth has no national figures for {0}: add that year's figures first")]
    NoFigures(NaiveDate),
    #[error(
        "the {year} figures do not yet include the {figure}, which this assessment needs: add it to the year's figures"
    )]
    MissingFigure { year: String, figure: &'static str },
    #[error("{field}: {problem}")]
    Invalid { field: String, problem: String },
}

fn invalid(field: impl Into<String>, problem: impl Into<String>) -> AssessError {
    AssessError::Invalid { field: field.into(), problem: problem.into() }
}

/// Builds the lines, noting which figures were used.
struct Lines {
    lines: Vec<Line>,
    unconfirmed: Vec<String>,
}

impl Lines {
    fn push(
        &mut self,
        section: Section,
        label: impl Into<String>,
        amount: Option<Pence>,
        effect: Effect,
        rule: Rule,
    ) -> &mut Line {
        self.lines.push(Line {
            section,
            label: label.into(),
            amount,
            effect,
            rule,
            source: rule.cite(),
            working: None,
        });
        self.lines.last_mut().expect("just pushed")
    }

    fn figure(&mut self, name: &str, f: &Figure) -> Pence {
        if !f.confidence.confirmed() && !self.unconfirmed.iter().any(|n| n == name) {
            self.unconfirmed.push(name.to_owned());
        }
        f.amount
    }
}

impl Line {
    fn working(&mut self, text: impl Into<String>) -> &mut Line {
        self.working = Some(text.into());
        self
    }
}

fn need<'a>(f: &'a Option<Figure>, figures: &NationalFigures, name: &'static str) -> Result<&'a Figure, AssessError> {
    f.as_ref().ok_or_else(|| AssessError::MissingFigure { year: figures.year.clone(), figure: name })
}

/// Checks what the types cannot.
fn check(input: &AssessmentInput) -> Result<(), AssessError> {
    let p = &input.person;
    if p.date_of_birth.is_none() && p.age_band.is_none() {
        return Err(invalid("person", "give a date of birth or an age band"));
    }
    if let Some(born) = p.date_of_birth {
        if born > input.date {
            return Err(invalid("person.date_of_birth", "is after the assessment date"));
        }
        if super::pension_age::age_on(born, input.date) < 18 {
            return Err(invalid("person.date_of_birth", "adult social care charging is for people aged 18 or over"));
        }
    }
    if p.disabled_children > p.dependent_children || p.severely_disabled_children > p.disabled_children {
        return Err(invalid(
            "person.disabled_children",
            "cannot be more than the dependent children (or the disabled children)",
        ));
    }
    for (i, c) in input.capital.iter().enumerate() {
        if c.value < Pence::ZERO {
            return Err(invalid(format!("capital[{i}].value"), "cannot be negative"));
        }
        if c.secured_debt < Pence::ZERO {
            return Err(invalid(format!("capital[{i}].secured_debt"), "cannot be negative"));
        }
        if c.owners == 0 {
            return Err(invalid(format!("capital[{i}].owners"), "must be at least 1"));
        }
    }
    for (i, c) in input.income.iter().enumerate() {
        if c.amount < Pence::ZERO {
            return Err(invalid(format!("income[{i}].amount"), "cannot be negative"));
        }
    }
    for (i, h) in input.housing.iter().enumerate() {
        if h.amount < Pence::ZERO || h.paid_by_benefits < Pence::ZERO {
            return Err(invalid(format!("housing[{i}]"), "amounts cannot be negative"));
        }
    }
    for (i, e) in input.disability_related_expenditure.iter().enumerate() {
        if e.amount < Pence::ZERO {
            return Err(invalid(format!("disability_related_expenditure[{i}].amount"), "cannot be negative"));
        }
    }
    if input.notional_capital.is_some_and(|n| n < Pence::ZERO) {
        return Err(invalid("notional_capital", "cannot be negative"));
    }
    match &input.care {
        Care::AtHome { weekly_cost, .. } => {
            if weekly_cost.is_some_and(|c| c < Pence::ZERO) {
                return Err(invalid("care.weekly_cost", "cannot be negative"));
            }
        }
        Care::CareHome { weekly_fee, stay, top_up, extra_personal_allowance } => {
            if weekly_fee.is_some_and(|c| c < Pence::ZERO) {
                return Err(invalid("care.weekly_fee", "cannot be negative"));
            }
            if let Stay::Permanent { first_day, .. } = stay
                && *first_day > input.date
            {
                return Err(invalid("care.stay.first_day", "is after the assessment date"));
            }
            if let Stay::Short { weeks } = stay
                && *weeks == 0
            {
                return Err(invalid("care.stay.weeks", "must be at least 1"));
            }
            if top_up.as_ref().is_some_and(|t| t.weekly < Pence::ZERO) {
                return Err(invalid("care.top_up.weekly", "cannot be negative"));
            }
            if extra_personal_allowance.as_ref().is_some_and(|e| e.weekly < Pence::ZERO || e.reason.trim().is_empty()) {
                return Err(invalid("care.extra_personal_allowance", "needs an amount of zero or more and a reason"));
            }
        }
    }
    Ok(())
}

/// Works out the charge. `figures` are the national figures in force on `input.date`, and
/// `policy` the council's policy in force then.
pub fn assess(
    input: &AssessmentInput,
    figures: &NationalFigures,
    policy: &LocalPolicy,
) -> Result<Assessment, AssessError> {
    check(input)?;
    if let Some(notional) = input.notional_capital.filter(|n| *n > Pence::ZERO) {
        // Reg 23: the notional capital goes down each week by what it adds to the charge.
        let mut without = input.clone();
        without.notional_capital = None;
        let with_it = assess_once(input, figures, policy)?;
        let base = assess_once(&without, figures, policy)?;
        let reduction = match (with_it.weekly_charge, base.weekly_charge) {
            (Some(a), Some(b)) => (a - b).at_least_zero(),
            _ => Pence::ZERO,
        };
        let mut out = with_it;
        out.notional_capital_weekly_reduction = Some(reduction);
        let mut lines = Lines { lines: std::mem::take(&mut out.lines), unconfirmed: Vec::new() };
        lines
            .push(
                Section::Capital,
                "Each week the notional capital goes down by what it adds to the charge",
                Some(reduction),
                Effect::Note,
                Rule::DiminishingNotionalCapital,
            )
            .working(format!("{} notional capital; the charge is {} with it", notional, with_it_charge(&out)));
        out.lines = lines.lines;
        return Ok(out);
    }
    assess_once(input, figures, policy)
}

fn with_it_charge(a: &Assessment) -> String {
    a.weekly_charge.map_or_else(|| "the full cost".to_owned(), |c| c.to_string())
}

fn pension_age(person: &Person, on: NaiveDate) -> bool {
    match (person.date_of_birth, person.age_band) {
        (Some(born), _) => has_reached_state_pension_age(born, on),
        (None, Some(band)) => band == AgeBand::PensionAge,
        (None, None) => false,
    }
}

fn under_25(person: &Person, on: NaiveDate) -> bool {
    match (person.date_of_birth, person.age_band) {
        (Some(born), _) => super::pension_age::age_on(born, on) < 25,
        (None, Some(band)) => band == AgeBand::Under25,
        (None, None) => false,
    }
}

fn assess_once(
    input: &AssessmentInput,
    figures: &NationalFigures,
    policy: &LocalPolicy,
) -> Result<Assessment, AssessError> {
    let mut l = Lines { lines: Vec::new(), unconfirmed: Vec::new() };

    // Where the care is, with short stays charged as care at home where the council says so.
    let setting = match &input.care {
        Care::AtHome { .. } => Setting::AtHome,
        Care::CareHome { stay: Stay::Permanent { .. }, .. } => Setting::PermanentCareHome,
        Care::CareHome { stay: Stay::Temporary { .. }, .. } => Setting::TemporaryCareHome,
        Care::CareHome { stay: Stay::Short { weeks }, .. } => {
            if policy.short_stays_as_care_at_home && *weeks <= policy.short_stay_weeks {
                l.push(
                    Section::Charge,
                    format!("A short stay of {weeks} weeks is charged as if the care were at home"),
                    None,
                    Effect::Note,
                    Rule::ShortStay,
                );
                Setting::AtHome
            } else {
                Setting::TemporaryCareHome
            }
        }
    };
    let at_home = setting == Setting::AtHome;

    // Light touch: the council is satisfied without the full sums (reg 10).
    if let Some(light) = &input.light_touch {
        return light_touch(input, figures, policy, setting, light, l);
    }

    // 1. Capital.
    let upper = l.figure("upper capital limit", &figures.capital.upper_limit);
    let upper = match (at_home, policy.home_care_upper_capital_limit) {
        (true, Some(local)) if local > upper => local,
        _ => upper,
    };
    let lower = l.figure("lower capital limit", &figures.capital.lower_limit);
    let (capital, property_disregard_ends, home_counted) = capital(input, setting, upper, policy, &mut l);
    let over_limit = capital > upper;

    // Tariff income: £1 for every £250, or part of £250, over the lower limit (reg 25).
    let step = l.figure("tariff step", &figures.capital.tariff_step);
    let per_step = l.figure("tariff amount", &figures.capital.tariff_per_step);
    let tariff = if over_limit || capital <= lower {
        Pence::ZERO
    } else {
        let excess = (capital - lower).pence();
        let steps = (excess + step.pence() - 1) / step.pence();
        Pence(steps * per_step.pence())
    };
    if over_limit {
        l.push(
            Section::Capital,
            format!("Capital is over the upper limit of {upper}"),
            Some(capital),
            Effect::Total,
            Rule::UpperCapitalLimit,
        );
    } else {
        l.push(Section::Capital, "Capital counted", Some(capital), Effect::Total, Rule::CapitalCounted);
        let line = l.push(
            Section::Capital,
            "Tariff income from capital, counted as income each week",
            Some(tariff),
            Effect::Total,
            Rule::TariffIncome,
        );
        if capital <= lower {
            line.working(format!("{capital} is not more than the lower limit of {lower}, so nothing is counted"));
        } else {
            let steps = tariff.pence() / per_step.pence().max(1);
            line.working(format!(
                "{capital} − {lower} = {}; {per_step} for every {step} or part of {step}: {steps} × {per_step} = {tariff}",
                capital - lower
            ));
        }
    }

    if over_limit {
        return full_cost(input, figures, policy, setting, capital, property_disregard_ends, home_counted, l, None);
    }

    // 2. Income.
    let income = income(input, figures, policy, setting, &mut l);
    let counted_total = income.counted;
    l.push(Section::Income, "Weekly income counted", Some(counted_total), Effect::Total, Rule::IncomeCounted);

    // 3 or 4.
    let (maximum, protected, left) = if at_home {
        at_home_charge(input, figures, policy, counted_total, tariff, &income, &mut l)?
    } else {
        care_home_charge(input, figures, policy, setting, counted_total, tariff, &mut l)?
    };
    let cost = match &input.care {
        Care::AtHome { weekly_cost, .. } => *weekly_cost,
        Care::CareHome { weekly_fee, .. } => *weekly_fee,
    };
    let weekly_charge = match cost {
        Some(cost) if cost < maximum => {
            l.push(
                Section::Charge,
                "The care costs less than that, so you pay the cost of the care",
                Some(cost),
                Effect::Result,
                Rule::CostOfCare,
            );
            cost
        }
        Some(_) => {
            l.push(Section::Charge, "You pay each week", Some(maximum), Effect::Result, Rule::CostOfCare);
            maximum
        }
        None => {
            l.push(
                Section::Charge,
                "The most you would pay each week (or the cost of the care, if that is less)",
                Some(maximum),
                Effect::Result,
                Rule::CostOfCare,
            );
            maximum
        }
    };
    if let Care::CareHome { top_up: Some(top_up), .. } = &input.care {
        top_up_line(top_up, property_disregard_ends.is_some(), &mut l);
    }
    Ok(Assessment {
        figures_year: figures.year.clone(),
        policy_from: policy.effective_from,
        setting,
        outcome: Outcome::Charge,
        weekly_charge: Some(weekly_charge),
        maximum_weekly_charge: Some(maximum),
        capital,
        tariff_income: tariff,
        weekly_income_counted: counted_total,
        left_after_charge: Some(left + maximum - weekly_charge),
        protected_income: protected,
        yearly_arrangement_fee: None,
        notional_capital_weekly_reduction: None,
        property_disregard_ends,
        home_counted,
        unconfirmed_figures: l.unconfirmed,
        lines: l.lines,
    })
}

/// Values every capital item, applies the disregards, and returns the capital counted, the day
/// a 12-week property disregard ends (if one applies) and whether a home is counted.
fn capital(
    input: &AssessmentInput,
    setting: Setting,
    upper: Pence,
    policy: &LocalPolicy,
    l: &mut Lines,
) -> (Pence, Option<NaiveDate>, bool) {
    let mut total = Pence::ZERO;
    let mut disregard_ends = None;
    let mut home_counted = false;
    // The 12-week disregard applies only when the rest of the capital is under the upper limit;
    // work that out first.
    let valued: Vec<(Pence, String)> = input.capital.iter().map(value).collect();
    let other_than_home: Pence = input
        .capital
        .iter()
        .zip(&valued)
        .filter(|(c, _)| c.kind != CapitalKind::MainHome && !always_disregarded(c.kind))
        .map(|(_, (v, _))| *v)
        .sum::<Pence>()
        + input.notional_capital.unwrap_or_default();
    for (item, (net, working)) in input.capital.iter().zip(valued) {
        let label = match &item.description {
            Some(d) if !d.trim().is_empty() => format!("{}: {}", item.kind.label(), d.trim()),
            _ => item.kind.label().to_owned(),
        };
        let joint_rule = if item.owners > 1 {
            Rule::JointCapital
        } else if item.sale_costs || item.secured_debt > Pence::ZERO {
            Rule::SaleCostsAndDebts
        } else {
            Rule::CapitalCounted
        };
        let disregard: Option<(Rule, String)> = match item.kind {
            kind if always_disregarded(kind) => Some((Rule::OtherCapitalDisregard, "not counted".to_owned())),
            CapitalKind::MainHome => match setting {
                Setting::AtHome => Some((Rule::HomeWhileLivingThere, "not counted while you live there".to_owned())),
                Setting::TemporaryCareHome => {
                    let returning = matches!(
                        &input.care,
                        Care::CareHome { stay: Stay::Temporary { intends_to_return: true }, .. }
                            | Care::CareHome { stay: Stay::Short { .. }, .. }
                    );
                    if returning || item.selling_to_buy_another {
                        Some((Rule::HomeTemporaryResident, "not counted during a temporary stay".to_owned()))
                    } else {
                        None
                    }
                }
                Setting::PermanentCareHome => {
                    if let Some(who) = item.occupied_by.filter(|_| item.occupant_there_before_admission) {
                        Some((Rule::QualifyingRelative, format!("not counted: {} lives there", occupant_words(who))))
                    } else if let (Some(reason), true) =
                        (&item.discretionary_disregard, policy.discretionary_property_disregard)
                    {
                        Some((
                            Rule::DiscretionaryPropertyDisregard,
                            format!("not counted, by the council's decision: {reason}"),
                        ))
                    } else if let Care::CareHome { stay: Stay::Permanent { first_day, disregard_days_used }, .. } =
                        &input.care
                    {
                        let remaining = 84_i64 - i64::from(*disregard_days_used);
                        let ends = *first_day + chrono::Duration::days(remaining.max(0));
                        if other_than_home <= upper && input.date < ends {
                            disregard_ends = Some(ends);
                            Some((
                                Rule::TwelveWeekPropertyDisregard,
                                format!("not counted for the first 12 weeks, until {}", ends.format("%-d %B %Y")),
                            ))
                        } else {
                            None
                        }
                    } else {
                        None
                    }
                }
            },
            _ => None,
        };
        match disregard {
            Some((rule, why)) => {
                l.push(Section::Capital, format!("{label}: {why}"), Some(net), Effect::Disregarded, rule)
                    .working(working.clone());
            }
            None => {
                if item.kind == CapitalKind::MainHome {
                    home_counted = true;
                }
                total += net;
                l.push(Section::Capital, label, Some(net), Effect::Counted, joint_rule).working(working.clone());
            }
        }
    }
    if let Some(notional) = input.notional_capital.filter(|n| *n > Pence::ZERO) {
        total += notional;
        l.push(
            Section::Capital,
            "Notional capital: money given away or spent to avoid charges, still counted",
            Some(notional),
            Effect::Counted,
            Rule::NotionalCapital,
        );
    }
    (total, disregard_ends, home_counted)
}

fn always_disregarded(kind: CapitalKind) -> bool {
    matches!(
        kind,
        CapitalKind::LifeInsurance
            | CapitalKind::PersonalPossessions
            | CapitalKind::BusinessAssets
            | CapitalKind::PersonalInjuryTrust
            | CapitalKind::InfectedBloodCompensation
            | CapitalKind::BenefitArrears
            | CapitalKind::OtherDisregarded
    )
}

fn occupant_words(o: Occupant) -> &'static str {
    match o {
        Occupant::Partner => "your partner",
        Occupant::RelativeOver60 => "a relative aged 60 or over",
        Occupant::IncapacitatedRelative => "a relative who is incapacitated",
        Occupant::ChildUnder18 => "your child under 18",
        Occupant::FormerPartnerLoneParent => "a former partner who is a lone parent",
    }
}

/// An item's value for the person: their equal share, less 10% if selling would cost, less their
/// share of debts secured on it; never below nothing. Fractions of a penny are dropped from the
/// share and counted in the person's favour in the deductions.
fn value(item: &CapitalItem) -> (Pence, String) {
    let share = item.value.share(item.owners, Favour::Down);
    let mut working = if item.owners > 1 {
        format!("{} shared equally by {}: {share}", item.value, item.owners)
    } else {
        format!("{share}")
    };
    let mut net = share;
    if item.sale_costs {
        let cost = share.percent(1_000, Favour::Up);
        net -= cost;
        working.push_str(&format!(", less 10% for the cost of selling ({cost})"));
    }
    if item.secured_debt > Pence::ZERO {
        let debt = item.secured_debt.share(item.owners, Favour::Up);
        net -= debt;
        working.push_str(&format!(", less debts secured on it ({debt})"));
    }
    let net = net.at_least_zero();
    if item.sale_costs || item.secured_debt > Pence::ZERO {
        working.push_str(&format!(" = {net}"));
    }
    (net, working)
}

struct IncomeSums {
    counted: Pence,
    /// Disability benefits counted (so disability-related expenditure must be allowed).
    disability_benefits_counted: Pence,
    carers_allowance: bool,
    disability_benefit_any: bool,
    enhanced_rate: bool,
}

fn income(
    input: &AssessmentInput,
    figures: &NationalFigures,
    policy: &LocalPolicy,
    setting: Setting,
    l: &mut Lines,
) -> IncomeSums {
    use IncomeKind::*;
    let mut sums = IncomeSums {
        counted: Pence::ZERO,
        disability_benefits_counted: Pence::ZERO,
        carers_allowance: false,
        disability_benefit_any: false,
        enhanced_rate: false,
    };
    let at_home = setting == Setting::AtHome;
    let couple = input.person.partner.is_some();
    let night_care = matches!(input.care, Care::AtHome { night_care: true, .. });
    // Partial disregards that apply once across all items of a kind.
    // (Each figure is noted as used only when an item of its kind is there.)
    let mut war_widow_left = figures.income.war_widows_pension_disregard.amount;
    let mut charitable_left = figures.income.charitable_payments_disregard.amount;
    let (savings_credit_name, savings_credit) = if couple {
        ("savings credit disregard (couple)", &figures.income.savings_credit_disregard_couple)
    } else {
        ("savings credit disregard (single)", &figures.income.savings_credit_disregard_single)
    };
    let savings_credit_figure = savings_credit.amount;
    let mut savings_credit_left = savings_credit_figure;

    for item in &input.income {
        let weekly_whole = item.period.weekly(item.amount, Favour::Down);
        let weekly = if item.joint { weekly_whole.share(2, Favour::Down) } else { weekly_whole };
        let mut label = match &item.description {
            Some(d) if !d.trim().is_empty() => format!("{}: {}", item.kind.label(), d.trim()),
            _ => item.kind.label().to_owned(),
        };
        if item.notional {
            label.push_str(" (notional: treated as received)");
        }
        let mut working = if item.period == super::money::Period::Weekly {
            None
        } else {
            Some(format!("{} {} is {} a week", item.amount, item.period.label(), weekly_whole))
        };
        if item.joint {
            let w = working.take().map(|w| format!("{w}; ")).unwrap_or_default();
            working = Some(format!("{w}paid jointly, so half: {weekly}"));
        }
        if item.kind.is_disability_benefit() && weekly > Pence::ZERO {
            sums.disability_benefit_any = true;
            if item.rate == Some(BenefitRate::Higher) && item.kind != AttendanceAllowance {
                sums.enhanced_rate = true;
            }
        }
        if item.kind == CarersAllowance && weekly > Pence::ZERO {
            sums.carers_allowance = true;
        }
        // (amount disregarded, rule, why)
        let disregard: Option<(Pence, Rule, String)> = match item.kind {
            Earnings => Some((weekly, Rule::EarningsDisregarded, "earnings are not counted".into())),
            DlaMobility | PipMobility => {
                Some((weekly, Rule::MobilityDisregarded, "mobility payments are not counted".into()))
            }
            HousingBenefit | CouncilTaxReduction => Some((
                weekly,
                Rule::HousingSupportDisregarded,
                "not counted (it is taken off your housing costs instead)".into(),
            )),
            ChildBenefit
            | ChildTaxCredit
            | WinterFuelPayment
            | ChristmasBonus
            | ArmedForcesGuaranteedIncome
            | WarDisablementPension => Some((weekly, Rule::OtherIncomeDisregard, "not counted".into())),
            InterestOnSavings => Some((
                weekly,
                Rule::OtherIncomeDisregard,
                "not counted: your savings count as tariff income instead".into(),
            )),
            WarWidowsPension => {
                l.figure("war widow's pension disregard", &figures.income.war_widows_pension_disregard);
                let d = war_widow_left.min(weekly);
                war_widow_left -= d;
                Some((
                    d,
                    Rule::WarWidowsTenPounds,
                    format!("the first {} a week is not counted", figures.income.war_widows_pension_disregard.amount),
                ))
            }
            CharitableOrVoluntary => {
                l.figure("charitable payments disregard", &figures.income.charitable_payments_disregard);
                let d = charitable_left.min(weekly);
                charitable_left -= d;
                Some((
                    d,
                    Rule::CharitablePayments,
                    format!("the first {} a week is not counted", figures.income.charitable_payments_disregard.amount),
                ))
            }
            PensionCreditSavings if !at_home || policy.savings_credit_disregard_at_home => {
                l.figure(savings_credit_name, savings_credit);
                let d = savings_credit_left.min(weekly);
                savings_credit_left -= d;
                Some((d, Rule::SavingsCreditDisregard, format!("up to {savings_credit_figure} a week is not counted")))
            }
            OccupationalPension | PersonalPension if !at_home && item.half_paid_to_spouse => Some((
                weekly.share(2, Favour::Up),
                Rule::HalfPensionToSpouse,
                "half is not counted: it goes to your spouse or civil partner at home".into(),
            )),
            AttendanceAllowance | DlaCare | PipDailyLiving if at_home && item.rate == Some(BenefitRate::Higher) => {
                let applies = match policy.night_care {
                    NightCare::Count => false,
                    NightCare::DisregardWithoutNightCare => !night_care,
                    NightCare::AlwaysDisregard => true,
                };
                if applies {
                    let (hi, lo, name_hi, name_lo) = match item.kind {
                        AttendanceAllowance => (
                            &figures.benefits.attendance_allowance_higher,
                            &figures.benefits.attendance_allowance_lower,
                            "Attendance Allowance higher rate",
                            "Attendance Allowance lower rate",
                        ),
                        DlaCare => (
                            &figures.benefits.dla_care_highest,
                            &figures.benefits.dla_care_middle,
                            "DLA care highest rate",
                            "DLA care middle rate",
                        ),
                        _ => (
                            &figures.benefits.pip_daily_living_enhanced,
                            &figures.benefits.pip_daily_living_standard,
                            "PIP daily living enhanced rate",
                            "PIP daily living standard rate",
                        ),
                    };
                    let hi = l.figure(name_hi, hi);
                    let lo = l.figure(name_lo, lo);
                    let element = (hi - lo).at_least_zero().min(weekly);
                    Some((
                        element,
                        Rule::NightCareElement,
                        format!("the night-care part ({hi} − {lo}) is not counted, as you get no care at night"),
                    ))
                } else {
                    None
                }
            }
            _ => None,
        };
        // A partial disregard already used up by an earlier item leaves this one counted in full.
        let disregard = disregard.filter(|(d, _, _)| *d > Pence::ZERO || weekly == Pence::ZERO);
        match disregard {
            Some((d, rule, why)) if d >= weekly => {
                let line = l.push(Section::Income, format!("{label}: {why}"), Some(weekly), Effect::Disregarded, rule);
                if let Some(w) = working {
                    line.working(w);
                }
            }
            Some((d, rule, why)) => {
                let counted = weekly - d;
                let line = l.push(
                    Section::Income,
                    label.clone(),
                    Some(counted),
                    Effect::Counted,
                    if item.joint { Rule::JointIncome } else { Rule::IncomeCounted },
                );
                line.working(format!(
                    "{}{weekly} less {d} not counted = {counted}",
                    working.map(|w| format!("{w}; ")).unwrap_or_default()
                ));
                l.push(Section::Income, format!("{label}: {why}"), Some(d), Effect::Disregarded, rule);
                sums.counted += counted;
                if item.kind.is_disability_benefit() {
                    sums.disability_benefits_counted += counted;
                }
            }
            None => {
                let rule = if item.notional {
                    Rule::NotionalIncome
                } else if item.kind.is_disability_benefit() {
                    Rule::DisabilityBenefitsCounted
                } else if item.joint {
                    Rule::JointIncome
                } else {
                    Rule::IncomeCounted
                };
                let line = l.push(Section::Income, label, Some(weekly), Effect::Counted, rule);
                if let Some(w) = working {
                    line.working(w);
                }
                sums.counted += weekly;
                if item.kind.is_disability_benefit() {
                    sums.disability_benefits_counted += weekly;
                }
            }
        }
    }
    sums
}

/// The Minimum Income Guarantee for the person (reg 7): the amount for their age and household,
/// the amounts for children, and the premiums.
fn minimum_income_guarantee(
    input: &AssessmentInput,
    figures: &NationalFigures,
    policy: &LocalPolicy,
    income: &IncomeSums,
    l: &mut Lines,
) -> Result<Pence, AssessError> {
    let m = &figures.minimum_income_guarantee;
    let p = &input.person;
    let date = input.date;
    let own_pension_age = pension_age(p, date);
    let partner_pension_age = p.partner.as_ref().is_some_and(|partner| match partner.date_of_birth {
        Some(born) => has_reached_state_pension_age(born, date),
        None => partner.pension_age,
    });
    let (name, figure): (&'static str, &Figure) = match (&p.partner, own_pension_age || partner_pension_age) {
        (Some(_), true) => (
            "couple at State Pension age (each)",
            need(&m.couple_pension_age_each, figures, "Minimum Income Guarantee for a couple at State Pension age")?,
        ),
        (Some(_), false) => ("couple (each)", need(&m.couple_each, figures, "Minimum Income Guarantee for a couple")?),
        (None, true) => ("single person at State Pension age", &m.single_pension_age),
        (None, false) if p.dependent_children > 0 => ("lone parent", &m.lone_parent),
        (None, false) if under_25(p, date) => ("single person aged 18 to 24", &m.single_18_to_24),
        (None, false) => ("single person aged 25 or over", &m.single_25_to_pension_age),
    };
    let national = l.figure(&format!("Minimum Income Guarantee: {name}"), figure);
    // A council's own guarantee replaces the national amount where it is higher; the law's
    // amount is the least anyone may be left with, so a lower one never applies.
    let own = policy.own_minimum_income_guarantee.map(|own| {
        let per_person = if own_pension_age || partner_pension_age { own.pension_age } else { own.under_pension_age };
        if p.partner.is_some() { per_person.percent(own.couple_each_basis_points, Favour::Up) } else { per_person }
    });
    let base = match own {
        Some(own) if own > national => {
            l.push(
                Section::Allowances,
                format!("Minimum Income Guarantee: the council's own amount for a {name}, in place of the national {national}"),
                Some(own),
                Effect::Deducted,
                Rule::MinimumIncomeGuarantee,
            );
            own
        }
        _ => {
            l.push(
                Section::Allowances,
                format!("Minimum Income Guarantee: the amount for a {name}"),
                Some(national),
                Effect::Deducted,
                Rule::MinimumIncomeGuarantee,
            );
            national
        }
    };
    let mut total = base;
    if p.dependent_children > 0 {
        let child = l.figure(
            "Minimum Income Guarantee: each dependent child",
            need(&m.dependent_child, figures, "amount for each dependent child")?,
        );
        let amount = Pence(child.pence() * i64::from(p.dependent_children));
        total += amount;
        l.push(
            Section::Allowances,
            format!("Minimum Income Guarantee: {} for each of {} children", child, p.dependent_children),
            Some(amount),
            Effect::Deducted,
            Rule::MinimumIncomeGuarantee,
        );
    }
    if p.disabled_children > 0 {
        let f = l.figure("disabled child premium", need(&m.disabled_child_premium, figures, "disabled child premium")?);
        let amount = Pence(f.pence() * i64::from(p.disabled_children));
        total += amount;
        l.push(
            Section::Allowances,
            format!("Disabled child premium for {} children", p.disabled_children),
            Some(amount),
            Effect::Deducted,
            Rule::MinimumIncomeGuarantee,
        );
    }
    if p.severely_disabled_children > 0 {
        let f = l.figure(
            "enhanced disabled child premium",
            need(&m.enhanced_disabled_child_premium, figures, "enhanced disabled child premium")?,
        );
        let amount = Pence(f.pence() * i64::from(p.severely_disabled_children));
        total += amount;
        l.push(
            Section::Allowances,
            format!("Enhanced disabled child premium for {} children", p.severely_disabled_children),
            Some(amount),
            Effect::Deducted,
            Rule::MinimumIncomeGuarantee,
        );
    }
    let couple = p.partner.is_some();
    // The disability premiums apply only below State Pension age.
    if !own_pension_age {
        let disability = p.disability_premium.unwrap_or(income.disability_benefit_any || p.registered_blind);
        if disability {
            let f = if couple {
                need(&m.disability_premium_couple_each, figures, "disability premium for a member of a couple")?
            } else {
                need(&m.disability_premium_single, figures, "disability premium")?
            };
            let amount = l.figure("disability premium", f);
            total += amount;
            l.push(
                Section::Allowances,
                "Disability premium",
                Some(amount),
                Effect::Deducted,
                Rule::MinimumIncomeGuarantee,
            );
        }
        let enhanced = p.enhanced_disability_premium.unwrap_or(income.enhanced_rate);
        if enhanced {
            let f = if couple {
                need(
                    &m.enhanced_disability_premium_couple_each,
                    figures,
                    "enhanced disability premium for a member of a couple",
                )?
            } else {
                need(&m.enhanced_disability_premium_single, figures, "enhanced disability premium")?
            };
            let amount = l.figure("enhanced disability premium", f);
            total += amount;
            l.push(
                Section::Allowances,
                "Enhanced disability premium",
                Some(amount),
                Effect::Deducted,
                Rule::MinimumIncomeGuarantee,
            );
        }
    }
    if p.carer_premium.unwrap_or(income.carers_allowance) {
        let amount = l.figure("carer premium", need(&m.carer_premium, figures, "carer premium")?);
        total += amount;
        l.push(Section::Allowances, "Carer premium", Some(amount), Effect::Deducted, Rule::MinimumIncomeGuarantee);
    }
    // The council's own additions, beyond what the law requires.
    for (label, amount) in [
        ("The council's addition to the Minimum Income Guarantee", policy.minimum_income_guarantee_uplift),
        ("The council's allowance for household bills", policy.household_bills_allowance),
    ] {
        if amount > Pence::ZERO {
            total += amount;
            l.push(Section::Allowances, label, Some(amount), Effect::Deducted, Rule::PercentageCharged);
        }
    }
    Ok(total)
}

/// Housing costs the person pays, net of benefits that pay towards them.
fn housing_costs(input: &AssessmentInput, policy: &LocalPolicy, l: &mut Lines) -> Pence {
    let mut total = Pence::ZERO;
    for h in &input.housing {
        let counts = match h.kind {
            HousingKind::WaterRates => policy.water_rates_count,
            HousingKind::BuildingsInsurance => policy.buildings_insurance_counts,
            HousingKind::ContentsInsurance => policy.contents_insurance_counts,
            _ => true,
        };
        let cost = h.period.weekly(h.amount, Favour::Up);
        let paid = h.period.weekly(h.paid_by_benefits, Favour::Down);
        let net = (cost - paid).at_least_zero();
        let share = if h.shared_with_partner && input.person.partner.is_some() {
            net.percent(policy.couple_housing_share_basis_points, Favour::Up)
        } else {
            net
        };
        let mut working = Vec::new();
        if h.period != super::money::Period::Weekly {
            working.push(format!("{} {} is {cost} a week", h.amount, h.period.label()));
        }
        if paid > Pence::ZERO {
            working.push(format!("less {paid} paid by benefits = {net}"));
        }
        if share != net {
            working.push(format!("your share: {share}"));
        }
        if counts {
            total += share;
            let line = l.push(Section::Allowances, h.kind.label(), Some(share), Effect::Deducted, Rule::HousingCosts);
            if !working.is_empty() {
                line.working(working.join("; "));
            }
        } else {
            l.push(
                Section::Allowances,
                format!("{}: the council's policy does not allow this cost", h.kind.label()),
                Some(share),
                Effect::Disregarded,
                Rule::PercentageCharged,
            );
        }
    }
    total
}

fn disability_related_expenditure(
    input: &AssessmentInput,
    policy: &LocalPolicy,
    income: &IncomeSums,
    l: &mut Lines,
) -> Pence {
    let itemised: Pence =
        input.disability_related_expenditure.iter().map(|e| e.period.weekly(e.amount, Favour::Up)).sum();
    if income.disability_benefits_counted <= Pence::ZERO && policy.dre_without_disability_benefit {
        // The council's choice: the items shown are allowed without a disability benefit (the
        // standard allowance is for people who get one).
        if itemised > Pence::ZERO {
            l.push(
                Section::Allowances,
                "Disability-related expenditure: the items shown (the council allows it without a disability benefit)",
                Some(itemised),
                Effect::Deducted,
                Rule::DisabilityRelatedExpenditure,
            );
        }
        return itemised;
    }
    if income.disability_benefits_counted <= Pence::ZERO {
        if itemised > Pence::ZERO {
            l.push(
                Section::Allowances,
                "Disability-related expenditure: not taken off, as no disability benefits are counted",
                Some(itemised),
                Effect::Disregarded,
                Rule::DisabilityRelatedExpenditure,
            );
        }
        return Pence::ZERO;
    }
    let standard = policy.standard_disability_related_expenditure;
    let (amount, how) = match policy.disability_related_expenditure {
        DreMethod::Itemised => (itemised, "the items shown".to_owned()),
        DreMethod::Standard => (standard, "the council's standard allowance".to_owned()),
        DreMethod::HigherOfBoth if itemised > standard => {
            (itemised, format!("the items shown, which come to more than the standard allowance of {standard}"))
        }
        DreMethod::HigherOfBoth => {
            (standard, format!("the council's standard allowance, which is more than the items shown ({itemised})"))
        }
    };
    if policy.disability_related_expenditure != DreMethod::Standard {
        for e in &input.disability_related_expenditure {
            let weekly = e.period.weekly(e.amount, Favour::Up);
            let line = l.push(
                Section::Allowances,
                format!("Disability-related expenditure item: {}", e.description),
                Some(weekly),
                Effect::Note,
                Rule::DisabilityRelatedExpenditure,
            );
            if e.period != super::money::Period::Weekly {
                line.working(format!("{} {} is {weekly} a week", e.amount, e.period.label()));
            }
        }
    }
    l.push(
        Section::Allowances,
        format!("Disability-related expenditure: {how}"),
        Some(amount),
        Effect::Deducted,
        Rule::DisabilityRelatedExpenditure,
    );
    amount
}

/// Care at home (and short stays charged like it): returns the most that can be charged, the
/// protected income (the Minimum Income Guarantee), and what is left after that charge.
fn at_home_charge(
    input: &AssessmentInput,
    figures: &NationalFigures,
    policy: &LocalPolicy,
    income_counted: Pence,
    tariff: Pence,
    income: &IncomeSums,
    l: &mut Lines,
) -> Result<(Pence, Pence, Pence), AssessError> {
    let assessable = income_counted + tariff;
    l.push(
        Section::Allowances,
        "Income and tariff income together",
        Some(assessable),
        Effect::Total,
        Rule::IncomeCounted,
    )
    .working(format!("{income_counted} + {tariff} = {assessable}"));
    let mig = minimum_income_guarantee(input, figures, policy, income, l)?;
    let housing = housing_costs(input, policy, l);
    let dre = disability_related_expenditure(input, policy, income, l);
    let allowances = mig + housing + dre;
    l.push(
        Section::Allowances,
        "Allowed to live on and for housing and disability costs",
        Some(allowances),
        Effect::Total,
        Rule::MinimumIncomeGuarantee,
    )
    .working(format!("{mig} + {housing} + {dre} = {allowances}"));
    let disposable = (assessable - allowances).at_least_zero();
    l.push(Section::Charge, "Disposable income", Some(disposable), Effect::Total, Rule::MinimumIncomeGuarantee)
        .working(if assessable > allowances {
            format!("{assessable} − {allowances} = {disposable}")
        } else {
            format!("{assessable} is not more than {allowances}, so nothing")
        });
    let mut charge = disposable;
    if policy.percentage_charged_basis_points < 10_000 {
        charge = disposable.percent(policy.percentage_charged_basis_points, Favour::Down);
        let pct = f_percent(policy.percentage_charged_basis_points);
        l.push(
            Section::Charge,
            format!("The council charges {pct} of disposable income"),
            Some(charge),
            Effect::Total,
            Rule::PercentageCharged,
        )
        .working(format!("{pct} of {disposable} = {charge}"));
    }
    if let Some(max) = policy.weekly_maximum
        && charge > max
    {
        charge = max;
        l.push(Section::Charge, "The council's weekly maximum charge", Some(max), Effect::Total, Rule::WeeklyMaximum);
    }
    if charge > Pence::ZERO && charge < policy.minimum_charge {
        l.push(
            Section::Charge,
            format!("Charges under {} are not collected", policy.minimum_charge),
            Some(Pence::ZERO),
            Effect::Total,
            Rule::MinimumCharge,
        )
        .working(format!("{charge} is less than {}", policy.minimum_charge));
        charge = Pence::ZERO;
    }
    Ok((charge, mig, assessable - charge - housing - dre))
}

fn f_percent(bp: u32) -> String {
    if bp.is_multiple_of(100) { format!("{}%", bp / 100) } else { format!("{}.{:02}%", bp / 100, bp % 100) }
}

/// A care home: income and tariff less the Personal Expenses Allowance (and, for temporary
/// residents, the housing costs of the home they are keeping).
fn care_home_charge(
    input: &AssessmentInput,
    figures: &NationalFigures,
    policy: &LocalPolicy,
    setting: Setting,
    income_counted: Pence,
    tariff: Pence,
    l: &mut Lines,
) -> Result<(Pence, Pence, Pence), AssessError> {
    let assessable = income_counted + tariff;
    l.push(
        Section::Allowances,
        "Income and tariff income together",
        Some(assessable),
        Effect::Total,
        Rule::IncomeCounted,
    )
    .working(format!("{income_counted} + {tariff} = {assessable}"));
    let pea = l.figure("Personal Expenses Allowance", &figures.personal_expenses_allowance);
    l.push(
        Section::Allowances,
        "Personal Expenses Allowance: yours to keep each week",
        Some(pea),
        Effect::Deducted,
        Rule::PersonalExpensesAllowance,
    );
    let mut protected = pea;
    if let Care::CareHome { extra_personal_allowance: Some(extra), .. } = &input.care
        && extra.weekly > Pence::ZERO
    {
        protected += extra.weekly;
        l.push(
            Section::Allowances,
            format!("A higher allowance agreed by the council: {}", extra.reason),
            Some(extra.weekly),
            Effect::Deducted,
            Rule::PersonalExpensesAllowance,
        );
    }
    // A temporary resident keeps paying for the home they mean to go back to (Schedule 1
    // paragraph 2 covers temporary residents too).
    let housing = if setting == Setting::TemporaryCareHome { housing_costs(input, policy, l) } else { Pence::ZERO };
    let allowances = protected + housing;
    let charge = (assessable - allowances).at_least_zero();
    l.push(
        Section::Charge,
        "Income left after your allowance",
        Some(charge),
        Effect::Total,
        Rule::PersonalExpensesAllowance,
    )
    .working(if assessable > allowances {
        format!("{assessable} − {allowances} = {charge}")
    } else {
        format!("{assessable} is not more than {allowances}, so nothing")
    });
    Ok((charge, protected, assessable - charge - housing))
}

fn top_up_line(top_up: &TopUp, in_disregard: bool, l: &mut Lines) {
    let who = match top_up.paid_by {
        TopUpPayer::ThirdParty => "paid by family or a friend who agrees to it",
        TopUpPayer::Resident if in_disregard => {
            "paid by you, which the rules allow during the 12-week property disregard"
        }
        TopUpPayer::Resident => {
            "paid by you, which the rules allow only under a deferred payment agreement or for after-care"
        }
    };
    l.push(
        Section::Charge,
        format!("Top-up for a home that costs more than the council's rate, {who}; not part of your charge"),
        Some(top_up.weekly),
        Effect::Note,
        Rule::TopUp,
    );
}

#[allow(clippy::too_many_arguments)]
fn full_cost(
    input: &AssessmentInput,
    figures: &NationalFigures,
    policy: &LocalPolicy,
    setting: Setting,
    capital: Pence,
    property_disregard_ends: Option<NaiveDate>,
    home_counted: bool,
    mut l: Lines,
    light: Option<&str>,
) -> Result<Assessment, AssessError> {
    let cost = match &input.care {
        Care::AtHome { weekly_cost, .. } => *weekly_cost,
        Care::CareHome { weekly_fee, .. } => *weekly_fee,
    };
    let label = match light {
        Some(_) => "You pay the full cost of your care (you chose not to have a full assessment)",
        None => "Your capital is over the upper limit, so you pay the full cost of your care",
    };
    l.push(Section::Charge, label, cost, Effect::Result, Rule::FullCost);
    let fee = match (&input.care, policy.arrangement_fee_yearly) {
        (Care::AtHome { council_arranges: true, .. }, Some(fee)) if setting == Setting::AtHome => {
            l.push(
                Section::Charge,
                "A yearly fee for the council arranging your care",
                Some(fee),
                Effect::Note,
                Rule::ArrangementFee,
            );
            Some(fee)
        }
        _ => None,
    };
    if home_counted && setting == Setting::PermanentCareHome {
        l.push(Section::Charge, "Your home counts, so you may be able to defer paying (a deferred payment agreement) rather than sell it now", None, Effect::Note, Rule::DeferredPaymentEquityLimit);
    }
    if let Care::CareHome { top_up: Some(t), .. } = &input.care {
        top_up_line(t, property_disregard_ends.is_some(), &mut l);
    }
    let protected = match setting {
        Setting::AtHome => Pence::ZERO,
        _ => figures.personal_expenses_allowance.amount,
    };
    Ok(Assessment {
        figures_year: figures.year.clone(),
        policy_from: policy.effective_from,
        setting,
        outcome: Outcome::FullCost,
        weekly_charge: cost,
        maximum_weekly_charge: None,
        capital,
        tariff_income: Pence::ZERO,
        weekly_income_counted: Pence::ZERO,
        left_after_charge: None,
        protected_income: protected,
        yearly_arrangement_fee: fee,
        notional_capital_weekly_reduction: None,
        property_disregard_ends,
        home_counted,
        unconfirmed_figures: l.unconfirmed,
        lines: l.lines,
    })
}

fn light_touch(
    input: &AssessmentInput,
    figures: &NationalFigures,
    policy: &LocalPolicy,
    setting: Setting,
    light: &LightTouch,
    mut l: Lines,
) -> Result<Assessment, AssessError> {
    let cost = match &input.care {
        Care::AtHome { weekly_cost, .. } => *weekly_cost,
        Care::CareHome { weekly_fee, .. } => *weekly_fee,
    };
    let (evidence, charge) = match light {
        LightTouch::AboveUpperLimit { evidence } => {
            l.push(
                Section::Capital,
                format!("Light-touch assessment: capital clearly over the upper limit ({evidence})"),
                None,
                Effect::Note,
                Rule::LightTouch,
            );
            return full_cost(input, figures, policy, setting, Pence::ZERO, None, false, l, Some(evidence));
        }
        LightTouch::SmallFlatCharge { weekly, evidence } => (evidence, *weekly),
        LightTouch::CannotContribute { evidence } => (evidence, Pence::ZERO),
    };
    if evidence.trim().is_empty() {
        return Err(invalid("light_touch.evidence", "say what evidence the council is satisfied by"));
    }
    if charge < Pence::ZERO {
        return Err(invalid("light_touch.weekly", "cannot be negative"));
    }
    l.push(
        Section::Charge,
        format!("Light-touch assessment, on this evidence: {evidence}"),
        None,
        Effect::Note,
        Rule::LightTouch,
    );
    let weekly = cost.map_or(charge, |c| c.min(charge));
    l.push(Section::Charge, "You pay each week", Some(weekly), Effect::Result, Rule::LightTouch);
    l.push(
        Section::Charge,
        "You can ask for a full financial assessment at any time",
        None,
        Effect::Note,
        Rule::LightTouch,
    );
    Ok(Assessment {
        figures_year: figures.year.clone(),
        policy_from: policy.effective_from,
        setting,
        outcome: Outcome::Charge,
        weekly_charge: Some(weekly),
        maximum_weekly_charge: Some(charge),
        capital: Pence::ZERO,
        tariff_income: Pence::ZERO,
        weekly_income_counted: Pence::ZERO,
        left_after_charge: None,
        protected_income: Pence::ZERO,
        yearly_arrangement_fee: None,
        notional_capital_weekly_reduction: None,
        property_disregard_ends: None,
        home_counted: false,
        unconfirmed_figures: l.unconfirmed,
        lines: l.lines,
    })
}
