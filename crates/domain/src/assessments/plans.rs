//! Care and support plans and carers' support plans (Care Act 2014 s24 and s25), personal
//! budgets (s26) and direct payments (s31 to s33 and the Care and Support (Direct Payments)
//! Regulations 2014, SI 2014/2871).

use super::codes::{DeliveryMechanism, ServiceComponent, ServiceType};
use crate::Problems;
use crate::charging::money::Pence;
use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// One service in a plan, with the national codes the Client Level Data return needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceLine {
    pub service_type: ServiceType,
    pub component: ServiceComponent,
    pub delivery: DeliveryMechanism,
    /// A directory service or a provider's name.
    pub provider: String,
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
    /// Units a week in hundredths (14 hours: 1400).
    pub units_per_week_hundredths: i64,
    pub unit_cost: Pence,
    /// Which of the eligible needs (outcome keys) this meets.
    pub meets: Vec<String>,
}

impl ServiceLine {
    /// Units times unit cost, to the nearest penny (half a penny rounds up).
    pub fn weekly_cost(&self) -> Pence {
        let hundredths = self.unit_cost.pence() * self.units_per_week_hundredths;
        Pence((hundredths + 50).div_euclid(100))
    }

    pub fn check(&self) -> Problems {
        let mut p = Problems::default();
        if self.provider.trim().is_empty() {
            p.add("provider", "Enter who provides the service");
        }
        if self.units_per_week_hundredths <= 0 {
            p.add("units", "Enter how many hours, visits or days a week");
        }
        if self.unit_cost.pence() < 0 {
            p.add("unit_cost", "The cost cannot be below zero");
        }
        if self.ends_on.is_some_and(|end| end < self.starts_on) {
            p.add("ends_on", "The service must end on or after the day it starts");
        }
        if !self.service_type.allows(self.component) {
            p.add("component", "This kind of service does not fit the support type chosen");
        }
        p
    }
}

/// The personal budget statement (s26(1)): (a) the cost to the council of meeting the needs it
/// will meet, (b) the amount the person pays (from their financial assessment, s17), and (c)
/// the amount the council pays. Weekly.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonalBudget {
    pub total: Pence,
    pub person: Pence,
    pub council: Pence,
}

impl PersonalBudget {
    /// The budget of these service lines, with the person's weekly contribution. The person
    /// never pays more than the cost of their care (Care and Support (Charging and Assessment
    /// of Resources) Regulations 2014, reg 7 read with s14(7)).
    pub fn of(lines: &[ServiceLine], contribution: Pence) -> PersonalBudget {
        let total = lines.iter().fold(Pence(0), |sum, l| sum + l.weekly_cost());
        let person = contribution.at_least_zero().min(total);
        PersonalBudget { total, person, council: total - person }
    }
}

/// A direct payment (s31): which needs it meets, how much and how often (s25(2)).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectPayment {
    pub needs: Vec<String>,
    pub amount: Pence,
    pub period: crate::charging::money::Period,
    pub first_payment_on: Option<NaiveDate>,
    /// s32: for a person lacking capacity, the authorised person who receives it.
    pub recipient: String,
}

/// Regulation 7 of the Direct Payments Regulations: review within the first 6 months of the
/// first payment, then at intervals of no more than 12 months.
pub fn direct_payment_review_due(first_payment_on: NaiveDate, last_review: Option<NaiveDate>) -> NaiveDate {
    match last_review {
        Some(last) => last.checked_add_months(Months::new(12)).expect("in range"),
        None => first_payment_on.checked_add_months(Months::new(6)).expect("in range"),
    }
}

/// What the plan is under.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PlanKind {
    /// s24 and s25: meeting an adult's needs.
    CareAndSupport,
    /// s25: meeting a carer's needs.
    CarerSupport,
}

impl PlanKind {
    pub fn label(self) -> &'static str {
        match self {
            PlanKind::CareAndSupport => "Care and support plan",
            PlanKind::CarerSupport => "Carer's support plan",
        }
    }
}

/// The basis on which the council meets the needs in a plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "basis", content = "reason")]
pub enum Basis {
    /// s18 (adults) or s20 (carers): the duty to meet eligible needs.
    Duty,
    /// s19(1) or s20(6): the power to meet needs that are not eligible, with the reason.
    Power(String),
}

/// A need in the plan and how it will be met: by the person, family, community, equipment or
/// a service line (s25(1)(c)).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NeedMet {
    pub outcome: String,
    pub how: String,
}

/// The contents s25 requires, checked before a plan can be submitted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanContents {
    pub kind: PlanKind,
    pub basis: Basis,
    /// (a) and (b): the needs found and the eligible ones, from the determination.
    pub needs: Vec<String>,
    pub eligible: Vec<String>,
    /// (c): how each need the council will meet is met.
    pub needs_met: Vec<NeedMet>,
    /// (d): what the person wants to achieve, in their words.
    pub outcomes: String,
    /// (e): the personal budget's service lines.
    pub lines: Vec<ServiceLine>,
    /// (f): information and advice on reducing needs and preventing or delaying others.
    pub advice: String,
    pub contingency: String,
    /// s25(2).
    pub direct_payment: Option<DirectPayment>,
    /// The budget a manager or panel approved, if any: the lines must still add up to it.
    pub approved_total: Option<Pence>,
}

impl PlanContents {
    /// The problems that stop the plan going for approval or being agreed.
    pub fn check(&self) -> Problems {
        let mut p = Problems::default();
        if let Basis::Power(reason) = &self.basis
            && reason.trim().is_empty()
        {
            p.add("basis", "Give the reason for meeting needs that are not eligible (Care Act 2014 s19(1))");
        }
        if self.basis == Basis::Duty && self.eligible.is_empty() {
            p.add(
                "basis",
                "No needs are eligible, so there is no duty to meet them: record why the council will meet them anyway (s19(1)), or do not make a plan",
            );
        }
        let to_meet: &[String] = if self.basis == Basis::Duty { &self.eligible } else { &self.needs };
        for need in to_meet {
            let covered = self.needs_met.iter().any(|n| &n.outcome == need && !n.how.trim().is_empty())
                || self.lines.iter().any(|l| l.meets.contains(need));
            if !covered {
                p.add("needs_met", "Say how each need will be met: by a service, equipment, family, community or the person (s25(1)(c))");
            }
        }
        p.check(
            self.lines.is_empty() && self.needs_met.is_empty(),
            "needs_met",
            "Say how the needs will be met (s25(1)(c))",
        );
        if self.outcomes.trim().is_empty() {
            p.add("outcomes", "Write what the person wants to achieve, in their words (s25(1)(d))");
        }
        if self.advice.trim().is_empty() {
            p.add(
                "advice",
                "Give information and advice on reducing needs and preventing or delaying others (s25(1)(f))",
            );
        }
        for line in &self.lines {
            p.extend(line.check());
        }
        let total = PersonalBudget::of(&self.lines, Pence(0)).total;
        if let Some(approved) = self.approved_total
            && approved != total
        {
            p.add(
                "lines",
                format!(
                    "The services add up to {} a week but the approved personal budget is {}: change the services or ask for the budget to be approved again (s26)",
                    total, approved
                ),
            );
        }
        let dp_lines: Vec<&ServiceLine> =
            self.lines.iter().filter(|l| l.delivery == DeliveryMechanism::DirectPayment).collect();
        match (&self.direct_payment, dp_lines.is_empty()) {
            (None, false) => p.add(
                "direct_payment",
                "Some services are paid by direct payment: say which needs, how much and how often (s25(2))",
            ),
            (Some(dp), _) => {
                if dp.needs.is_empty() {
                    p.add("direct_payment", "Say which needs the direct payment meets (s25(2))");
                }
                if dp.amount.pence() <= 0 {
                    p.add("direct_payment_amount", "Enter the amount of each direct payment (s25(2))");
                }
            }
            (None, true) => {}
        }
        p
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charging::money::Period;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn home_support(delivery: DeliveryMechanism) -> ServiceLine {
        ServiceLine {
            service_type: ServiceType::LongTermCommunity,
            component: ServiceComponent::HomeSupport,
            delivery,
            provider: "Brightwell Home Care".into(),
            starts_on: day(2025, 4, 1),
            ends_on: None,
            units_per_week_hundredths: 1400,
            unit_cost: Pence(2500),
            meets: vec!["personal-hygiene".into()],
        }
    }

    fn day_service() -> ServiceLine {
        ServiceLine {
            service_type: ServiceType::LongTermCommunity,
            component: ServiceComponent::DaySupport,
            delivery: DeliveryMechanism::Commissioned,
            provider: "Riverside Day Centre".into(),
            starts_on: day(2025, 4, 1),
            ends_on: None,
            units_per_week_hundredths: 100,
            unit_cost: Pence(7000),
            meets: vec!["relationships".into()],
        }
    }

    #[test]
    fn section_26_personal_budget_arithmetic() {
        // Scenario 13: 14 hours a week at £25.00 and a day service at £70.00; contribution £95.50.
        let lines = [home_support(DeliveryMechanism::DirectPayment), day_service()];
        let b = PersonalBudget::of(&lines, Pence(9550));
        assert_eq!(b, PersonalBudget { total: Pence(42000), person: Pence(9550), council: Pence(32450) });
        // The person never pays more than the cost.
        assert_eq!(
            PersonalBudget::of(&lines[1..], Pence(9550)),
            PersonalBudget { total: Pence(7000), person: Pence(7000), council: Pence(0) }
        );
        // Part units round to the nearest penny.
        let half_hour = ServiceLine { units_per_week_hundredths: 50, unit_cost: Pence(2333), ..day_service() };
        assert_eq!(half_hour.weekly_cost(), Pence(1167));
    }

    fn plan() -> PlanContents {
        PlanContents {
            kind: PlanKind::CareAndSupport,
            basis: Basis::Duty,
            needs: vec!["personal-hygiene".into(), "relationships".into()],
            eligible: vec!["personal-hygiene".into(), "relationships".into()],
            needs_met: vec![],
            outcomes: "I want to stay at home and see my friends at the centre".into(),
            lines: vec![home_support(DeliveryMechanism::DirectPayment), day_service()],
            advice: "A falls-prevention class at the library on Tuesdays".into(),
            contingency: "Her daughter calls the agency if a carer does not come".into(),
            direct_payment: Some(DirectPayment {
                needs: vec!["personal-hygiene".into()],
                amount: Pence(35000),
                period: Period::Weekly,
                first_payment_on: Some(day(2025, 4, 1)),
                recipient: "Ada Kilbride".into(),
            }),
            approved_total: Some(Pence(42000)),
        }
    }

    #[test]
    fn section_25_a_complete_plan_has_no_problems() {
        assert!(plan().check().is_empty(), "{:?}", plan().check());
    }

    #[test]
    fn section_26_the_lines_must_add_up_to_the_approved_budget() {
        let mut p = plan();
        p.approved_total = Some(Pence(40000));
        let problems = p.check();
        assert!(problems.get("lines").unwrap().contains("£420.00 a week"), "{problems:?}");
    }

    #[test]
    fn section_25_1_c_every_eligible_need_is_met_somehow() {
        let mut p = plan();
        p.lines.pop();
        assert!(p.check().get("needs_met").is_some());
        p.needs_met.push(NeedMet { outcome: "relationships".into(), how: "Her neighbour takes her to church".into() });
        p.approved_total = None;
        assert!(p.check().is_empty());
    }

    #[test]
    fn section_25_1_f_and_25_2_advice_and_direct_payment_details() {
        let mut p = plan();
        p.advice = " ".into();
        assert!(p.check().get("advice").is_some());
        let mut p = plan();
        p.direct_payment = None;
        assert!(p.check().get("direct_payment").unwrap().contains("s25(2)"));
    }

    #[test]
    fn section_19_needs_that_are_not_eligible_need_a_reason() {
        // Scenario 2: no eligible needs, so no plan under the duty; the power needs a reason.
        let mut p = plan();
        p.eligible.clear();
        assert!(p.check().get("basis").unwrap().contains("s19(1)"));
        p.basis = Basis::Power("".into());
        assert!(p.check().get("basis").is_some());
        p.basis = Basis::Power("Short help while her husband is in hospital prevents a crisis".into());
        assert!(p.check().get("basis").is_none());
    }

    #[test]
    fn direct_payments_regulation_7_review_dates() {
        // Scenario 13: first payment 1 April 2025, review by 1 October 2025, then within 12 months.
        assert_eq!(direct_payment_review_due(day(2025, 4, 1), None), day(2025, 10, 1));
        assert_eq!(direct_payment_review_due(day(2025, 4, 1), Some(day(2025, 9, 20))), day(2026, 9, 20));
        // Month ends: 31 August plus 6 months is the last day of February.
        assert_eq!(direct_payment_review_due(day(2025, 8, 31), None), day(2026, 2, 28));
    }

    #[test]
    fn service_lines_are_checked() {
        let mut l = day_service();
        l.ends_on = Some(day(2025, 3, 1));
        l.units_per_week_hundredths = 0;
        let p = l.check();
        assert!(p.get("ends_on").is_some());
        assert!(p.get("units").is_some());
        let mismatched = ServiceLine { service_type: ServiceType::LongTermNursing, ..day_service() };
        assert!(mismatched.check().get("component").is_some());
    }
}
