//! The law and guidance behind each line of an assessment.
//!
//! "The Charging Regulations" are the Care and Support (Charging and Assessment of Resources)
//! Regulations 2014 (SI 2014/2672); "the guidance" is the Care and Support Statutory Guidance
//! (Department of Health and Social Care), chapter 8 and its annexes. Where a paragraph number
//! could not be checked against the published text, the citation names the schedule or annex
//! only, rather than guess a paragraph.

use serde::{Deserialize, Serialize};

/// Where a line of an assessment comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    // Capital.
    CapitalCounted,
    JointCapital,
    SaleCostsAndDebts,
    HomeWhileLivingThere,
    HomeTemporaryResident,
    TwelveWeekPropertyDisregard,
    QualifyingRelative,
    DiscretionaryPropertyDisregard,
    OtherCapitalDisregard,
    NotionalCapital,
    DiminishingNotionalCapital,
    UpperCapitalLimit,
    TariffIncome,
    // Income.
    IncomeCounted,
    WeeklyAmounts,
    JointIncome,
    EarningsDisregarded,
    IncomeTaxDisregarded,
    HousingSupportDisregarded,
    MobilityDisregarded,
    OtherIncomeDisregard,
    WarPension,
    WarWidowsTenPounds,
    CharitablePayments,
    SavingsCreditDisregard,
    HalfPensionToSpouse,
    DisabilityBenefitsCounted,
    NightCareElement,
    NotionalIncome,
    // Allowances.
    MinimumIncomeGuarantee,
    PersonalExpensesAllowance,
    HousingCosts,
    DisabilityRelatedExpenditure,
    // The charge.
    ShortStay,
    TemporaryResident,
    PercentageCharged,
    WeeklyMaximum,
    MinimumCharge,
    CostOfCare,
    FullCost,
    ArrangementFee,
    LightTouch,
    TopUp,
    Rounding,
    // Deferred payments.
    DeferredPaymentEquityLimit,
    DisposableIncomeAllowance,
    DeferredPaymentInterest,
}

const REGS: &str = "Charging Regulations 2014";

impl Rule {
    /// The law (or the council's own policy) behind the rule.
    pub fn law(self) -> String {
        use Rule::*;
        let r = |n: &str| format!("{REGS}, regulation {n}");
        let sch1 = |p: Option<u8>| match p {
            Some(p) => format!("{REGS}, Schedule 1, paragraph {p}"),
            None => format!("{REGS}, Schedule 1"),
        };
        let sch2 = |p: Option<u8>| match p {
            Some(p) => format!("{REGS}, Schedule 2, paragraph {p}"),
            None => format!("{REGS}, Schedule 2"),
        };
        match self {
            CapitalCounted => r("18 (calculation of capital)"),
            JointCapital => r("24 (capital jointly held)"),
            SaleCostsAndDebts => r("20 (calculation of capital in the United Kingdom)"),
            HomeWhileLivingThere | OtherCapitalDisregard => sch2(None),
            HomeTemporaryResident => sch2(Some(1)),
            TwelveWeekPropertyDisregard => sch2(Some(2)),
            QualifyingRelative => sch2(Some(4)),
            DiscretionaryPropertyDisregard => format!("{}; the council's discretion", sch2(None)),
            NotionalCapital => r("22 (notional capital)"),
            DiminishingNotionalCapital => r("23 (diminishing notional capital rule)"),
            UpperCapitalLimit => format!("Care Act 2014, section 17; {}", r("12 (financial limit: capital)")),
            TariffIncome => r("25 (tariff income from capital)"),
            IncomeCounted => r("13 (calculation of income)"),
            WeeklyAmounts => r("11 (rounding of fractions)"),
            JointIncome => r("13 (calculation of income)"),
            EarningsDisregarded => r("14 (earnings to be disregarded)"),
            IncomeTaxDisregarded => sch1(Some(1)),
            HousingSupportDisregarded => sch1(Some(3)),
            MobilityDisregarded => sch1(Some(8)),
            OtherIncomeDisregard
            | WarPension
            | WarWidowsTenPounds
            | CharitablePayments
            | SavingsCreditDisregard
            | HalfPensionToSpouse => format!("{}; {}", r("15 (other sums to be disregarded)"), sch1(None)),
            DisabilityBenefitsCounted => format!("{}; {}", r("13 (calculation of income)"), sch1(Some(4))),
            NightCareElement => "The council's charging policy (a local choice the guidance allows)".to_owned(),
            NotionalIncome => r("17 (notional income)"),
            MinimumIncomeGuarantee => {
                format!("Care Act 2014, section 14(7); {}", r("7 (minimum income guaranteed amount)"))
            }
            PersonalExpensesAllowance => {
                format!("Care Act 2014, section 14(7); {}", r("6 (personal expenses allowance)"))
            }
            HousingCosts => sch1(Some(2)),
            DisabilityRelatedExpenditure => sch1(Some(4)),
            ShortStay => r("8 (short-term residents)"),
            TemporaryResident => format!("{}; {}", sch1(Some(2)), sch2(Some(1))),
            PercentageCharged | WeeklyMaximum | MinimumCharge => {
                "The council's charging policy (councils may charge less than the most the rules allow)".to_owned()
            }
            CostOfCare => {
                "Care Act 2014, section 14 (a charge may not be more than the cost of meeting the needs)".to_owned()
            }
            FullCost => format!("Care Act 2014, section 17; {}", r("12 (financial limit: capital)")),
            ArrangementFee => format!("Care Act 2014, section 14; {}", r("5 (costs of putting in place arrangements)")),
            LightTouch => r("10 (light-touch financial assessments)"),
            TopUp => "The Care and Support and Aftercare (Choice of Accommodation) Regulations 2014".to_owned(),
            Rounding => r("11 (rounding of fractions)"),
            DeferredPaymentEquityLimit | DisposableIncomeAllowance | DeferredPaymentInterest => {
                "The Care and Support (Deferred Payment) Regulations 2014".to_owned()
            }
        }
    }

    /// The statutory guidance behind the rule, where there is a part to point to.
    pub fn guidance(self) -> Option<&'static str> {
        use Rule::*;
        Some(match self {
            CapitalCounted
            | JointCapital
            | SaleCostsAndDebts
            | HomeWhileLivingThere
            | HomeTemporaryResident
            | TwelveWeekPropertyDisregard
            | QualifyingRelative
            | DiscretionaryPropertyDisregard
            | OtherCapitalDisregard
            | UpperCapitalLimit
            | TariffIncome => "Statutory guidance, Annex B (capital)",
            NotionalCapital | DiminishingNotionalCapital => "Statutory guidance, Annex E (deprivation of assets)",
            IncomeCounted
            | WeeklyAmounts
            | EarningsDisregarded
            | IncomeTaxDisregarded
            | HousingSupportDisregarded
            | MobilityDisregarded
            | OtherIncomeDisregard
            | WarPension
            | WarWidowsTenPounds
            | CharitablePayments
            | SavingsCreditDisregard
            | HalfPensionToSpouse
            | DisabilityBenefitsCounted
            | NightCareElement
            | NotionalIncome
            | HousingCosts
            | DisabilityRelatedExpenditure => "Statutory guidance, Annex C (income)",
            JointIncome => "Statutory guidance, Annex C, paragraph 5",
            ShortStay | TemporaryResident => "Statutory guidance, Annex F (temporary and short-term residents)",
            TopUp => "Statutory guidance, Annex A (choice of accommodation and top-ups)",
            LightTouch => "Statutory guidance, chapter 8, paragraphs 8.22 to 8.24",
            DeferredPaymentEquityLimit | DisposableIncomeAllowance => {
                "Statutory guidance, chapter 9 (deferred payment agreements)"
            }
            DeferredPaymentInterest => "Statutory guidance, chapter 9, paragraph 9.67",
            MinimumIncomeGuarantee
            | PersonalExpensesAllowance
            | PercentageCharged
            | WeeklyMaximum
            | MinimumCharge
            | CostOfCare
            | FullCost
            | ArrangementFee
            | Rounding => "Statutory guidance, chapter 8 (charging and financial assessment)",
        })
    }

    /// Both, for a line of text: "Charging Regulations 2014, regulation 25 (tariff income from
    /// capital). Statutory guidance, Annex B (capital)".
    pub fn cite(self) -> String {
        match self.guidance() {
            Some(g) => format!("{}. {g}", self.law()),
            None => self.law(),
        }
    }

    /// Whether the rule is the council's own choice rather than the law's.
    pub fn is_local_policy(self) -> bool {
        matches!(self, Rule::NightCareElement | Rule::PercentageCharged | Rule::WeeklyMaximum | Rule::MinimumCharge)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_names_its_source() {
        assert_eq!(
            Rule::TariffIncome.cite(),
            "Charging Regulations 2014, regulation 25 (tariff income from capital). Statutory guidance, Annex B (capital)"
        );
        assert_eq!(Rule::TwelveWeekPropertyDisregard.law(), "Charging Regulations 2014, Schedule 2, paragraph 2");
        assert!(Rule::MinimumIncomeGuarantee.law().starts_with("Care Act 2014, section 14(7)"));
        assert!(Rule::NightCareElement.is_local_policy());
        assert!(!Rule::TariffIncome.is_local_policy());
    }
}
