//! The national figures, a financial year at a time, read from dated configuration files
//! (`config/charging/national-YYYY-YY.toml`), never written in code. Each figure carries its
//! source and how sure we are of it, so officers can see which ones still need checking against
//! the Department of Health and Social Care's circular.

use super::money::Pence;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// How sure we are of a figure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Confidence {
    /// Read in the regulations, the circular, or two or more independent published sources.
    Verified,
    /// Published by one secondary source (a council or charity page).
    Published,
    /// Worked out from the previous year's figure and the published rise, rounded to 5p, as the
    /// department does: must be checked before it is relied on.
    Derived,
}

impl Confidence {
    pub fn label(self) -> &'static str {
        match self {
            Confidence::Verified => "Confirmed",
            Confidence::Published => "Published by one source: check",
            Confidence::Derived => "Worked out, not yet confirmed: check",
        }
    }

    pub fn confirmed(self) -> bool {
        self == Confidence::Verified
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    pub amount: Pence,
    pub confidence: Confidence,
    pub source: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CapitalFigures {
    pub upper_limit: Figure,
    pub lower_limit: Figure,
    /// Tariff income: `per_step` a week for every `step`, or part of a `step`, over the lower limit.
    pub tariff_step: Figure,
    pub tariff_per_step: Figure,
}

/// The Minimum Income Guarantee's parts (Charging Regulations reg 7), a week each. Couple rates
/// are for each member of the couple. A part not yet known for a year is left out, and an
/// assessment that needs it says so rather than guess.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MigFigures {
    pub single_18_to_24: Figure,
    pub single_25_to_pension_age: Figure,
    pub single_pension_age: Figure,
    pub lone_parent: Figure,
    pub couple_each: Option<Figure>,
    pub couple_pension_age_each: Option<Figure>,
    pub disability_premium_single: Option<Figure>,
    pub disability_premium_couple_each: Option<Figure>,
    pub enhanced_disability_premium_single: Option<Figure>,
    pub enhanced_disability_premium_couple_each: Option<Figure>,
    pub carer_premium: Option<Figure>,
    pub dependent_child: Option<Figure>,
    pub disabled_child_premium: Option<Figure>,
    pub enhanced_disabled_child_premium: Option<Figure>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IncomeFigures {
    pub savings_credit_disregard_single: Figure,
    pub savings_credit_disregard_couple: Figure,
    pub war_widows_pension_disregard: Figure,
    pub charitable_payments_disregard: Figure,
}

/// Disability benefit rates (set by the Department for Work and Pensions), used to work out the
/// night-care element some councils do not count.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BenefitRates {
    pub attendance_allowance_higher: Figure,
    pub attendance_allowance_lower: Figure,
    pub dla_care_highest: Figure,
    pub dla_care_middle: Figure,
    pub pip_daily_living_enhanced: Figure,
    pub pip_daily_living_standard: Figure,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeferredPaymentFigures {
    /// What a person with a deferred payment agreement may keep each week.
    pub disposable_income_allowance: Figure,
}

/// One financial year's national figures.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NationalFigures {
    /// "2024/25".
    pub year: String,
    /// The first day the figures apply.
    pub valid_from: NaiveDate,
    /// The regulations and circular that set them.
    pub source: String,
    pub capital: CapitalFigures,
    pub personal_expenses_allowance: Figure,
    pub minimum_income_guarantee: MigFigures,
    pub income: IncomeFigures,
    pub benefits: BenefitRates,
    pub deferred_payments: DeferredPaymentFigures,
    /// The rises from the year before in state pensions and benefits, for the uprating. A
    /// council's own file may leave them out: then the uprating changes no incomes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub benefit_rises: Option<BenefitRises>,
}

/// One period's national maximum interest rate for deferred payments, set each 1 January and
/// 1 July (statutory guidance 9.67).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InterestRate {
    pub from: NaiveDate,
    /// A percentage a year, as written: "4.65".
    pub percent: String,
    pub confidence: Confidence,
    pub source: String,
}

impl InterestRate {
    /// The rate in hundredths of a percent (4.65% is 465).
    pub fn basis_points(&self) -> Result<u32, FiguresError> {
        basis_points("interest rate", &self.percent)
    }
}

/// A percentage written with at most two decimal places ("4.65"), in hundredths of a percent.
fn basis_points(what: &str, percent: &str) -> Result<u32, FiguresError> {
    let (whole, frac) = percent.trim().split_once('.').unwrap_or((percent.trim(), "0"));
    let frac = format!("{frac:0<2}");
    if frac.len() > 2 {
        return Err(FiguresError::Invalid(format!("{what} {percent:?} has more than two decimal places")));
    }
    let w: u32 = whole.parse().map_err(|_| FiguresError::Invalid(format!("{what} {percent:?}")))?;
    let f: u32 = frac.parse().map_err(|_| FiguresError::Invalid(format!("{what} {percent:?}")))?;
    Ok(w * 100 + f)
}

/// How much the Department for Work and Pensions raised a group of benefits from the year
/// before, as a percentage ("4.8").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rise {
    pub percent: String,
    pub confidence: Confidence,
    pub source: String,
}

impl Rise {
    pub fn basis_points(&self) -> Result<u32, FiguresError> {
        basis_points("rise", &self.percent)
    }
}

/// The year's rises in state pensions and benefits, which the April uprating of financial
/// assessments applies to the incomes it recorded (the benefit rates themselves are set by the
/// Social Security Administration Act 1992 s150 up-rating order, not by the charging rules).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BenefitRises {
    /// The basic and new State Pension (the "triple lock": the highest of earnings growth,
    /// prices and 2.5%).
    pub state_pension: Rise,
    /// The Pension Credit standard minimum guarantee (at least with earnings).
    pub pension_credit_guarantee: Rise,
    /// Disability, carers' and working-age benefits, war pensions and the additional State
    /// Pension: prices (the Consumer Prices Index of the September before).
    pub other_benefits: Rise,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InterestRates {
    #[serde(default, rename = "rate")]
    pub rates: Vec<InterestRate>,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FiguresError {
    #[error("the figures file could not be read: {0}")]
    Unreadable(String),
    #[error("the figures are not sound: {0}")]
    Invalid(String),
}

impl NationalFigures {
    /// Reads one year's figures from their TOML file, and checks they make sense.
    pub fn from_toml(text: &str) -> Result<NationalFigures, FiguresError> {
        let figures: NationalFigures =
            basic_toml::from_str(text).map_err(|e| FiguresError::Unreadable(e.to_string()))?;
        figures.check()?;
        Ok(figures)
    }

    fn check(&self) -> Result<(), FiguresError> {
        let bad = |what: &str| Err(FiguresError::Invalid(format!("{}: {what}", self.year)));
        let year_ok = self.year.len() == 7
            && self.year.as_bytes()[4] == b'/'
            && self.year[..4].parse::<u16>().is_ok()
            && self.year[5..]
                .parse::<u16>()
                .is_ok_and(|y| Some(y) == self.year[2..4].parse::<u16>().ok().map(|s| (s + 1) % 100));
        if !year_ok {
            return bad("the year must be written like 2024/25");
        }
        let c = &self.capital;
        if c.lower_limit.amount > c.upper_limit.amount {
            return bad("the lower capital limit is above the upper one");
        }
        if c.tariff_step.amount <= Pence::ZERO || c.tariff_per_step.amount <= Pence::ZERO {
            return bad("the tariff step and amount must be more than zero");
        }
        for (name, f) in self.all() {
            if f.amount < Pence::ZERO {
                return bad(&format!("{name} is negative"));
            }
        }
        for (name, rise) in self.rises() {
            rise.basis_points().map_err(|e| FiguresError::Invalid(format!("{}: {name}: {e}", self.year)))?;
        }
        Ok(())
    }

    /// Every figure with its name, for the officers' page.
    pub fn all(&self) -> Vec<(&'static str, &Figure)> {
        let m = &self.minimum_income_guarantee;
        let mut out = vec![
            ("Upper capital limit", &self.capital.upper_limit),
            ("Lower capital limit", &self.capital.lower_limit),
            ("Tariff income: for every", &self.capital.tariff_step),
            ("Tariff income: counted as a week", &self.capital.tariff_per_step),
            ("Personal Expenses Allowance (care home)", &self.personal_expenses_allowance),
            ("Minimum Income Guarantee: single, 18 to 24", &m.single_18_to_24),
            ("Minimum Income Guarantee: single, 25 to State Pension age", &m.single_25_to_pension_age),
            ("Minimum Income Guarantee: single, State Pension age or over", &m.single_pension_age),
            ("Minimum Income Guarantee: lone parent", &m.lone_parent),
        ];
        for (name, f) in [
            ("Minimum Income Guarantee: couple, each", &m.couple_each),
            ("Minimum Income Guarantee: couple at State Pension age, each", &m.couple_pension_age_each),
            ("Disability premium: single", &m.disability_premium_single),
            ("Disability premium: couple, each", &m.disability_premium_couple_each),
            ("Enhanced disability premium: single", &m.enhanced_disability_premium_single),
            ("Enhanced disability premium: couple, each", &m.enhanced_disability_premium_couple_each),
            ("Carer premium", &m.carer_premium),
            ("Each dependent child", &m.dependent_child),
            ("Disabled child premium", &m.disabled_child_premium),
            ("Enhanced disabled child premium", &m.enhanced_disabled_child_premium),
        ] {
            if let Some(f) = f {
                out.push((name, f));
            }
        }
        out.extend([
            ("Savings credit disregard: single", &self.income.savings_credit_disregard_single),
            ("Savings credit disregard: couple", &self.income.savings_credit_disregard_couple),
            ("War widow's or widower's pension disregard", &self.income.war_widows_pension_disregard),
            ("Charitable and voluntary payments disregard", &self.income.charitable_payments_disregard),
            ("Attendance Allowance: higher rate", &self.benefits.attendance_allowance_higher),
            ("Attendance Allowance: lower rate", &self.benefits.attendance_allowance_lower),
            ("Disability Living Allowance care: highest rate", &self.benefits.dla_care_highest),
            ("Disability Living Allowance care: middle rate", &self.benefits.dla_care_middle),
            ("Personal Independence Payment daily living: enhanced rate", &self.benefits.pip_daily_living_enhanced),
            ("Personal Independence Payment daily living: standard rate", &self.benefits.pip_daily_living_standard),
            ("Deferred payments: disposable income allowance", &self.deferred_payments.disposable_income_allowance),
        ]);
        out
    }

    /// The benefit rises with their names, for the officers' page.
    pub fn rises(&self) -> Vec<(&'static str, &Rise)> {
        match &self.benefit_rises {
            None => Vec::new(),
            Some(r) => vec![
                ("Rise from the year before: State Pension", &r.state_pension),
                ("Rise from the year before: Pension Credit guarantee", &r.pension_credit_guarantee),
                ("Rise from the year before: other benefits and war pensions", &r.other_benefits),
            ],
        }
    }

    /// Whether every figure is confirmed.
    pub fn all_confirmed(&self) -> bool {
        self.all().iter().all(|(_, f)| f.confidence.confirmed())
    }
}

impl InterestRates {
    pub fn from_toml(text: &str) -> Result<InterestRates, FiguresError> {
        let mut rates: InterestRates =
            basic_toml::from_str(text).map_err(|e| FiguresError::Unreadable(e.to_string()))?;
        for r in &rates.rates {
            r.basis_points()?;
        }
        rates.rates.sort_by_key(|r| r.from);
        Ok(rates)
    }

    /// The rate in force on a day, if one is known.
    pub fn on(&self, day: NaiveDate) -> Option<&InterestRate> {
        self.rates.iter().rev().find(|r| r.from <= day)
    }
}

/// Every year's figures, to choose from by date.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FiguresBook {
    years: Vec<NationalFigures>,
}

impl FiguresBook {
    pub fn new(mut years: Vec<NationalFigures>) -> FiguresBook {
        years.sort_by_key(|y| y.valid_from);
        FiguresBook { years }
    }

    /// The figures in force on a day: the latest year starting on or before it.
    pub fn on(&self, day: NaiveDate) -> Option<&NationalFigures> {
        self.years.iter().rev().find(|y| y.valid_from <= day)
    }

    pub fn year(&self, year: &str) -> Option<&NationalFigures> {
        self.years.iter().find(|y| y.year == year)
    }

    pub fn years(&self) -> &[NationalFigures] {
        &self.years
    }
}

/// The figures files Hearth ships with, for the years it knows.
pub const SHIPPED: [&str; 12] = [
    include_str!("../../../../config/charging/national-2015-16.toml"),
    include_str!("../../../../config/charging/national-2016-17.toml"),
    include_str!("../../../../config/charging/national-2017-18.toml"),
    include_str!("../../../../config/charging/national-2018-19.toml"),
    include_str!("../../../../config/charging/national-2019-20.toml"),
    include_str!("../../../../config/charging/national-2020-21.toml"),
    include_str!("../../../../config/charging/national-2021-22.toml"),
    include_str!("../../../../config/charging/national-2022-23.toml"),
    include_str!("../../../../config/charging/national-2023-24.toml"),
    include_str!("../../../../config/charging/national-2024-25.toml"),
    include_str!("../../../../config/charging/national-2025-26.toml"),
    include_str!("../../../../config/charging/national-2026-27.toml"),
];

/// The shipped deferred-payment interest rates.
pub const SHIPPED_INTEREST: &str = include_str!("../../../../config/charging/deferred-payment-interest.toml");

/// The shipped figures, read and checked.
pub fn shipped() -> FiguresBook {
    FiguresBook::new(
        SHIPPED.iter().map(|t| NationalFigures::from_toml(t).expect("the shipped figures files are sound")).collect(),
    )
}

pub fn shipped_interest() -> InterestRates {
    InterestRates::from_toml(SHIPPED_INTEREST).expect("the shipped interest rates are sound")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A shipped figures file by its year.
    pub(crate) fn shipped_year(year: &str) -> &'static str {
        SHIPPED.iter().find(|t| t.contains(&format!("year = \"{year}\""))).expect("shipped")
    }

    #[test]
    fn every_shipped_year_reads_and_the_date_chooses_the_year() {
        let book = shipped();
        let labels: Vec<&str> = book.years().iter().map(|y| y.year.as_str()).collect();
        // Every year from 2015/16, the first under the Care Act's charging regulations (issue 16).
        assert_eq!(
            labels,
            [
                "2015/16", "2016/17", "2017/18", "2018/19", "2019/20", "2020/21", "2021/22", "2022/23", "2023/24",
                "2024/25", "2025/26", "2026/27"
            ]
        );
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(book.on(day(2024, 12, 1)).unwrap().year, "2024/25");
        assert_eq!(book.on(day(2026, 12, 1)).unwrap().year, "2026/27");
        assert_eq!(book.on(day(2019, 6, 1)).unwrap().year, "2019/20");
        assert!(book.on(day(2015, 1, 1)).is_none(), "no figures before the Care Act's charging rules");
        // The frozen years, as regulation 7 and SI 2015/644 set them.
        for year in ["2015/16", "2018/19", "2021/22"] {
            let y = book.year(year).unwrap();
            assert_eq!(y.personal_expenses_allowance.amount, Pence(2_490), "{year}");
            assert_eq!(y.minimum_income_guarantee.single_pension_age.amount, Pence(18_900), "{year}");
            assert_eq!(y.minimum_income_guarantee.single_25_to_pension_age.amount, Pence(9_140), "{year}");
        }
        let y = book.year("2022/23").unwrap();
        assert_eq!(y.personal_expenses_allowance.amount, Pence(2_565));
        assert_eq!(y.minimum_income_guarantee.single_pension_age.amount, Pence(19_470));
        // The figures the research confirmed.
        let y = book.year("2024/25").unwrap();
        assert_eq!(y.capital.upper_limit.amount, Pence::pounds(23_250));
        assert_eq!(y.capital.lower_limit.amount, Pence::pounds(14_250));
        assert_eq!(y.personal_expenses_allowance.amount, Pence(3_015));
        assert_eq!(y.minimum_income_guarantee.single_pension_age.amount, Pence(22_870));
        assert_eq!(y.deferred_payments.disposable_income_allowance.amount, Pence::pounds(144));
        assert!(!y.all_confirmed(), "2024/25 still has derived figures to check");
    }

    #[test]
    fn interest_rates_are_found_by_day() {
        let rates = shipped_interest();
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(rates.on(day(2024, 3, 1)).unwrap().basis_points().unwrap(), 465);
        assert_eq!(rates.on(day(2024, 7, 1)).unwrap().basis_points().unwrap(), 405);
        assert!(rates.on(day(2017, 1, 1)).is_none());
    }

    #[test]
    fn unsound_figures_are_refused_by_name() {
        let text = shipped_year("2024/25").replace("year = \"2024/25\"", "year = \"2024-25\"");
        assert!(NationalFigures::from_toml(&text).unwrap_err().to_string().contains("written like 2024/25"));
        let text = shipped_year("2024/25").replacen("amount = \"14250.00\"", "amount = \"24250.00\"", 1);
        assert!(NationalFigures::from_toml(&text).unwrap_err().to_string().contains("lower capital limit"));
        let unknown = format!("{}\nsurprise = 1\n", shipped_year("2024/25"));
        assert!(matches!(NationalFigures::from_toml(&unknown), Err(FiguresError::Unreadable(_))));
        let rate = InterestRate {
            from: NaiveDate::MIN,
            percent: "4.655".into(),
            confidence: Confidence::Verified,
            source: String::new(),
        };
        assert!(rate.basis_points().is_err());
    }
}
