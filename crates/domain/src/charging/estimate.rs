//! The public estimate's answers ("Check what you might pay for care"): what each question
//! means, which questions apply to whom, and how the answers become the charging calculation's
//! input. The same mapping serves the public calculator and the finance officer who starts a
//! financial assessment from a resident's estimate, so it lives here, not in a page.

use super::input::*;
use super::money::{Pence, Period};
use super::policy::{LocalPolicy, NightCare};
use serde::{Deserialize, Serialize};

/// What the person has answered so far, as they typed it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Answers {
    pub setting: String,
    pub stay: String,
    pub age: String,
    pub partner: String,
    pub partner_pension_age: String,
    /// Whether children who depend on the person live with them: "yes" or "no".
    pub has_children: String,
    pub children: String,
    pub savings: String,
    pub owns_home: String,
    pub home_value: String,
    pub home_occupant: String,
    pub benefits: Vec<String>,
    pub aa_amount: String,
    pub aa_period: String,
    pub aa_higher: String,
    pub pip_amount: String,
    pub pip_period: String,
    pub pip_higher: String,
    pub dla_amount: String,
    pub dla_period: String,
    pub dla_higher: String,
    pub carers_amount: String,
    pub carers_period: String,
    pub state_pension: String,
    pub state_pension_period: String,
    pub other_pensions: String,
    pub other_pensions_period: String,
    pub pension_credit: String,
    pub pension_credit_period: String,
    pub savings_credit: String,
    pub savings_credit_period: String,
    pub other_benefits: String,
    pub other_benefits_period: String,
    pub other_income: String,
    pub other_income_period: String,
    pub rent: String,
    pub rent_period: String,
    pub mortgage: String,
    pub mortgage_period: String,
    pub council_tax: String,
    pub council_tax_period: String,
    pub disability_costs: String,
    pub disability_costs_period: String,
    pub night_care: String,
    pub care_cost: String,
}

/// The most a cookie may hold: browsers keep about 4,000 bytes.
impl Answers {
    pub fn at_home(&self) -> bool {
        self.setting == "home" || (self.setting == "care-home" && self.stay == "short")
    }

    pub fn care_home(&self) -> bool {
        self.setting == "care-home"
    }

    pub fn gets(&self, benefit: &str) -> bool {
        self.benefits.iter().any(|b| b == benefit)
    }

    pub fn disability_benefit(&self) -> bool {
        ["aa", "pip", "dla"].iter().any(|b| self.gets(b))
    }

    pub fn any_higher_rate(&self) -> bool {
        (self.gets("aa") && self.aa_higher == "yes")
            || (self.gets("pip") && self.pip_higher == "yes")
            || (self.gets("dla") && self.dla_higher == "yes")
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Where,
    Stay,
    Age,
    Partner,
    Children,
    Savings,
    Home,
    Benefits,
    BenefitAmounts,
    Pensions,
    OtherIncome,
    Housing,
    DisabilityCosts,
    NightCare,
    Cost,
}

impl Step {
    pub const ALL: [Step; 15] = [
        Step::Where,
        Step::Stay,
        Step::Age,
        Step::Partner,
        Step::Children,
        Step::Savings,
        Step::Home,
        Step::Benefits,
        Step::BenefitAmounts,
        Step::Pensions,
        Step::OtherIncome,
        Step::Housing,
        Step::DisabilityCosts,
        Step::NightCare,
        Step::Cost,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Step::Where => "where",
            Step::Stay => "stay",
            Step::Age => "age",
            Step::Partner => "partner",
            Step::Children => "children",
            Step::Savings => "savings",
            Step::Home => "home",
            Step::Benefits => "benefits",
            Step::BenefitAmounts => "benefit-amounts",
            Step::Pensions => "pensions",
            Step::OtherIncome => "other-income",
            Step::Housing => "housing",
            Step::DisabilityCosts => "disability-costs",
            Step::NightCare => "night-care",
            Step::Cost => "cost",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Step> {
        Step::ALL.into_iter().find(|s| s.slug() == slug)
    }

    /// Whether this question is asked, given the answers so far and the council's policy.
    pub fn applies(self, a: &Answers, policy: &LocalPolicy) -> bool {
        match self {
            Step::Stay => a.care_home(),
            Step::Children => a.at_home(),
            Step::Home => a.care_home() && a.stay == "permanent",
            Step::BenefitAmounts => !a.benefits.is_empty() && !a.gets("none"),
            Step::Housing => a.at_home(),
            Step::DisabilityCosts => a.at_home() && a.disability_benefit(),
            Step::NightCare => {
                a.at_home() && a.any_higher_rate() && policy.night_care == NightCare::DisregardWithoutNightCare
            }
            _ => true,
        }
    }
}

/// An amount typed in pounds, if it is one (never negative).
pub fn pounds(text: &str) -> Option<Pence> {
    Pence::parse(text).ok().filter(|p| *p >= Pence::ZERO)
}

/// The answers as an assessment input, dated today. Only questions that apply are used.
pub fn to_input(a: &Answers, policy: &LocalPolicy, today: chrono::NaiveDate) -> AssessmentInput {
    let applies = |s: Step| s.applies(a, policy);
    let item = |kind: IncomeKind, amount: &str, period: &str| -> Option<IncomeItem> {
        let amount = pounds(amount).filter(|p| *p > Pence::ZERO)?;
        Some(IncomeItem {
            kind,
            description: None,
            amount,
            period: Period::from_key(period).unwrap_or_default(),
            joint: false,
            rate: None,
            half_paid_to_spouse: false,
            notional: false,
            evidence: None,
        })
    };
    let care = if a.care_home() {
        let stay = match a.stay.as_str() {
            "short" => Stay::Short { weeks: 8 },
            "temporary" => Stay::Temporary { intends_to_return: true },
            _ => Stay::Permanent { first_day: today, disregard_days_used: 0 },
        };
        Care::CareHome { weekly_fee: pounds(&a.care_cost), stay, top_up: None, extra_personal_allowance: None }
    } else {
        Care::AtHome { weekly_cost: pounds(&a.care_cost), night_care: a.night_care == "yes", council_arranges: true }
    };
    let mut capital = Vec::new();
    if let Some(savings) = pounds(&a.savings).filter(|p| *p > Pence::ZERO) {
        capital.push(CapitalItem {
            kind: CapitalKind::Savings,
            description: None,
            value: savings,
            owners: 1,
            sale_costs: false,
            secured_debt: Pence::ZERO,
            occupied_by: None,
            occupant_there_before_admission: true,
            discretionary_disregard: None,
            selling_to_buy_another: false,
            evidence: None,
        });
    }
    if applies(Step::Home)
        && a.owns_home == "yes"
        && let Some(value) = pounds(&a.home_value).filter(|p| *p > Pence::ZERO)
    {
        capital.push(CapitalItem {
            kind: CapitalKind::MainHome,
            description: None,
            value,
            owners: 1,
            sale_costs: true,
            secured_debt: Pence::ZERO,
            occupied_by: match a.home_occupant.as_str() {
                "partner" => Some(Occupant::Partner),
                "relative" => Some(Occupant::RelativeOver60),
                "child" => Some(Occupant::ChildUnder18),
                _ => None,
            },
            occupant_there_before_admission: true,
            discretionary_disregard: None,
            selling_to_buy_another: false,
            evidence: None,
        });
    }
    let mut income = Vec::new();
    if applies(Step::BenefitAmounts) {
        for (b, kind, amount, period, higher) in [
            ("aa", IncomeKind::AttendanceAllowance, &a.aa_amount, &a.aa_period, &a.aa_higher),
            ("pip", IncomeKind::PipDailyLiving, &a.pip_amount, &a.pip_period, &a.pip_higher),
            ("dla", IncomeKind::DlaCare, &a.dla_amount, &a.dla_period, &a.dla_higher),
        ] {
            if a.gets(b)
                && let Some(mut i) = item(kind, amount, period)
            {
                i.rate = Some(if higher == "yes" { BenefitRate::Higher } else { BenefitRate::Lower });
                income.push(i);
            }
        }
        if a.gets("carers") {
            income.extend(item(IncomeKind::CarersAllowance, &a.carers_amount, &a.carers_period));
        }
    }
    income.extend(item(IncomeKind::StatePension, &a.state_pension, &a.state_pension_period));
    income.extend(item(IncomeKind::OccupationalPension, &a.other_pensions, &a.other_pensions_period));
    income.extend(item(IncomeKind::PensionCreditGuarantee, &a.pension_credit, &a.pension_credit_period));
    income.extend(item(IncomeKind::PensionCreditSavings, &a.savings_credit, &a.savings_credit_period));
    income.extend(item(IncomeKind::UniversalCredit, &a.other_benefits, &a.other_benefits_period).map(|mut i| {
        i.kind = IncomeKind::Other;
        i.description = Some("Other benefits".into());
        i
    }));
    income.extend(item(IncomeKind::Other, &a.other_income, &a.other_income_period));
    let mut housing = Vec::new();
    if applies(Step::Housing) {
        for (kind, amount, period) in [
            (HousingKind::Rent, &a.rent, &a.rent_period),
            (HousingKind::Mortgage, &a.mortgage, &a.mortgage_period),
            (HousingKind::CouncilTax, &a.council_tax, &a.council_tax_period),
        ] {
            if let Some(amount) = pounds(amount).filter(|p| *p > Pence::ZERO) {
                housing.push(HousingCost {
                    kind,
                    amount,
                    period: Period::from_key(period).unwrap_or_default(),
                    paid_by_benefits: Pence::ZERO,
                    shared_with_partner: a.partner == "yes",
                    evidence: None,
                });
            }
        }
    }
    let mut dre = Vec::new();
    if applies(Step::DisabilityCosts)
        && let Some(amount) = pounds(&a.disability_costs).filter(|p| *p > Pence::ZERO)
    {
        dre.push(Expense {
            description: "Extra costs of illness or disability".into(),
            amount,
            period: Period::from_key(&a.disability_costs_period).unwrap_or_default(),
            evidence: None,
        });
    }
    AssessmentInput {
        date: today,
        person: Person {
            date_of_birth: None,
            age_band: Some(match a.age.as_str() {
                "under-25" => AgeBand::Under25,
                "pension-age" => AgeBand::PensionAge,
                _ => AgeBand::Over25,
            }),
            partner: (a.partner == "yes").then(|| Partner {
                date_of_birth: None,
                pension_age: a.partner_pension_age == "yes",
                spouse_or_civil_partner: false,
            }),
            dependent_children: if applies(Step::Children) && a.has_children == "yes" {
                a.children.parse().unwrap_or(0)
            } else {
                0
            },
            ..Default::default()
        },
        care,
        capital,
        income,
        housing,
        disability_related_expenditure: dre,
        notional_capital: None,
        light_touch: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day() -> chrono::NaiveDate {
        chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
    }

    #[test]
    fn the_questions_asked_follow_from_where_care_is_given() {
        let policy = LocalPolicy::default();
        let home = Answers { setting: "home".into(), ..Default::default() };
        let care_home = Answers { setting: "care-home".into(), stay: "permanent".into(), ..Default::default() };
        // The home is asked about only for a permanent care home stay: while someone lives there
        // it is not counted, and a temporary stay has its own disregard (Care and Support
        // (Charging and Assessment of Resources) Regulations 2014, Schedule 2).
        assert!(Step::Home.applies(&care_home, &policy) && !Step::Home.applies(&home, &policy));
        // Housing costs and disability-related costs are asked only for care at home.
        assert!(Step::Housing.applies(&home, &policy) && !Step::Housing.applies(&care_home, &policy));
        let short = Answers { stay: "short".into(), ..care_home };
        assert!(short.at_home(), "a short stay is charged as care at home (regulation 8)");
    }

    #[test]
    fn answers_become_the_calculations_input() {
        let policy = LocalPolicy::default();
        let owner = Answers {
            setting: "care-home".into(),
            stay: "permanent".into(),
            owns_home: "yes".into(),
            home_value: "180,000".into(),
            home_occupant: "partner".into(),
            savings: "12,000".into(),
            care_cost: "900".into(),
            ..Default::default()
        };
        let input = to_input(&owner, &policy, day());
        assert!(
            matches!(input.care, Care::CareHome { weekly_fee: Some(fee), .. } if fee == Pence::parse("900").unwrap())
        );
        let home = input.capital.iter().find(|c| c.kind == CapitalKind::MainHome).expect("the home is capital");
        assert_eq!(home.occupied_by, Some(Occupant::Partner), "a partner living there means it is disregarded");
        assert!(
            input.capital.iter().any(|c| c.kind == CapitalKind::Savings && c.value == Pence::parse("12000").unwrap())
        );
        // At home, the home is never asked about and never counted.
        let at_home = Answers { setting: "home".into(), ..owner };
        assert!(to_input(&at_home, &policy, day()).capital.iter().all(|c| c.kind != CapitalKind::MainHome));
    }
}
