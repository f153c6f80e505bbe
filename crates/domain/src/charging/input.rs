//! What a financial assessment is worked out from: the person, where their care is, their capital,
//! income, housing costs and disability-related spending. The same shape serves the public
//! calculator, the officer's assessment, the JSON interface and `hearth charging calculate`.
//! Unknown fields are refused, so a misspelt field is an error rather than a silent nothing.

use super::money::{Pence, Period};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AssessmentInput {
    /// The day the charge would apply from; it chooses the year's figures and the policy.
    pub date: NaiveDate,
    pub person: Person,
    pub care: Care,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub capital: Vec<CapitalItem>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub income: Vec<IncomeItem>,
    /// Housing costs (for care at home, and for temporary residents of a care home).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub housing: Vec<HousingCost>,
    /// Disability-related expenditure the person shows they have.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub disability_related_expenditure: Vec<Expense>,
    /// Capital the person is treated as still having after depriving themselves of it to avoid
    /// a charge (reg 22), as the officer has decided.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notional_capital: Option<Pence>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub light_touch: Option<LightTouch>,
}

/// The person's age: a date of birth when known (officers), or the band (the public calculator).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum AgeBand {
    /// 18 to 24.
    Under25,
    /// 25 or over, below State Pension age.
    Over25,
    /// State Pension age or over.
    PensionAge,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Person {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_of_birth: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age_band: Option<AgeBand>,
    /// A partner they live with (married, civil partners or living together as a couple).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partner: Option<Partner>,
    /// Children the person is responsible for who live with them.
    #[serde(default)]
    pub dependent_children: u8,
    /// Of those, children who get Disability Living Allowance (or are registered blind), and
    /// children who get its highest care rate or the enhanced rate of the daily living part.
    #[serde(default)]
    pub disabled_children: u8,
    #[serde(default)]
    pub severely_disabled_children: u8,
    /// Whether the disability premium applies (reg 7). Left out, Hearth works it out from the
    /// benefits entered: any Attendance Allowance, Disability Living Allowance care or Personal
    /// Independence Payment daily living, below State Pension age.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disability_premium: Option<bool>,
    /// Whether the enhanced disability premium applies. Left out: the highest care rate of
    /// Disability Living Allowance or the enhanced daily living rate of Personal Independence
    /// Payment, below State Pension age.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enhanced_disability_premium: Option<bool>,
    /// Whether the carer premium applies. Left out: when Carer's Allowance is among the income.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carer_premium: Option<bool>,
    /// Registered blind or severely sight impaired (a reason for the disability premium).
    #[serde(default)]
    pub registered_blind: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Partner {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_of_birth: Option<NaiveDate>,
    /// Whether the partner has reached State Pension age (when their date of birth is not given).
    #[serde(default)]
    pub pension_age: bool,
    /// Whether they are married or civil partners (for the half-pension disregard).
    #[serde(default)]
    pub spouse_or_civil_partner: bool,
}

/// Where the care is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "setting", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Care {
    /// Care and support at home (home care, day services, supported living, direct payments).
    AtHome {
        /// What the council's care would cost a week, if known: nobody pays more.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        weekly_cost: Option<Pence>,
        /// Whether the person gets care at night (for the night-care element).
        #[serde(default)]
        night_care: bool,
        /// Whether the council arranges the care (for the arrangement fee of people who pay the
        /// full cost).
        #[serde(default)]
        council_arranges: bool,
    },
    CareHome {
        /// The council's weekly rate for the placement, if known.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        weekly_fee: Option<Pence>,
        stay: Stay,
        /// What the home charges beyond the council's rate, and who pays it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        top_up: Option<TopUp>,
        /// A higher Personal Expenses Allowance the council has agreed, and why.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        extra_personal_allowance: Option<ExtraAllowance>,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Stay {
    /// Living there permanently, from this day.
    Permanent {
        first_day: NaiveDate,
        /// Days of the 12-week property disregard already used in an earlier permanent stay
        /// within the last 52 weeks (Schedule 2 paragraph 2(2)).
        #[serde(default)]
        disregard_days_used: u16,
    },
    /// A stay meant to be temporary (up to 52 weeks), intending to go home.
    Temporary {
        #[serde(default = "yes")]
        intends_to_return: bool,
    },
    /// A short stay (respite) of this many weeks.
    Short { weeks: u8 },
}

fn yes() -> bool {
    true
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TopUp {
    pub weekly: Pence,
    pub paid_by: TopUpPayer,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum TopUpPayer {
    /// Family or a friend (a third party).
    ThirdParty,
    /// The resident (only during the 12-week disregard, under a deferred payment agreement, or
    /// for after-care under section 117 of the Mental Health Act 1983).
    Resident,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExtraAllowance {
    pub weekly: Pence,
    pub reason: String,
}

/// Things of value: savings, investments and property.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum CapitalKind {
    Savings,
    Investments,
    Cash,
    /// The person's main or only home.
    MainHome,
    OtherProperty,
    Land,
    /// Disregarded: the surrender value of life insurance and annuities.
    LifeInsurance,
    /// Disregarded unless bought to reduce the charge.
    PersonalPossessions,
    /// Disregarded: the assets of a business the person works in.
    BusinessAssets,
    /// Disregarded: money held in a personal injury trust, or awarded by a court for it.
    PersonalInjuryTrust,
    /// Disregarded: payments from the infected blood support schemes and similar compensation.
    InfectedBloodCompensation,
    /// Disregarded for 52 weeks: arrears of certain benefits.
    BenefitArrears,
    /// Disregarded: Social Fund payments, and the other payments Schedule 2 names (the child
    /// migrants', victims' and survivors' payments, Energy Bills Support).
    OtherDisregarded,
    Other,
}

impl CapitalKind {
    pub const ALL: [CapitalKind; 14] = [
        CapitalKind::Savings,
        CapitalKind::Investments,
        CapitalKind::Cash,
        CapitalKind::MainHome,
        CapitalKind::OtherProperty,
        CapitalKind::Land,
        CapitalKind::LifeInsurance,
        CapitalKind::PersonalPossessions,
        CapitalKind::BusinessAssets,
        CapitalKind::PersonalInjuryTrust,
        CapitalKind::InfectedBloodCompensation,
        CapitalKind::BenefitArrears,
        CapitalKind::OtherDisregarded,
        CapitalKind::Other,
    ];

    pub fn label(self) -> &'static str {
        match self {
            CapitalKind::Savings => "Savings and bank accounts",
            CapitalKind::Investments => "Shares, bonds and investments",
            CapitalKind::Cash => "Cash",
            CapitalKind::MainHome => "Their home",
            CapitalKind::OtherProperty => "Other property",
            CapitalKind::Land => "Land",
            CapitalKind::LifeInsurance => "Life insurance or annuity (surrender value)",
            CapitalKind::PersonalPossessions => "Personal possessions",
            CapitalKind::BusinessAssets => "Business assets",
            CapitalKind::PersonalInjuryTrust => "Personal injury trust or award",
            CapitalKind::InfectedBloodCompensation => "Infected blood compensation or support",
            CapitalKind::BenefitArrears => "Arrears of benefits (paid in the last 52 weeks)",
            CapitalKind::OtherDisregarded => "Other payments the rules disregard",
            CapitalKind::Other => "Other capital",
        }
    }

    pub fn is_property(self) -> bool {
        matches!(self, CapitalKind::MainHome | CapitalKind::OtherProperty | CapitalKind::Land)
    }
}

/// Who lives in the home of someone who has moved into a care home (Schedule 2 paragraph 4).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Occupant {
    Partner,
    /// A relative or family member aged 60 or over.
    RelativeOver60,
    /// A relative or family member who is incapacitated.
    IncapacitatedRelative,
    /// The person's child under 18.
    ChildUnder18,
    /// A former partner who is a lone parent (estranged or divorced).
    FormerPartnerLoneParent,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CapitalItem {
    pub kind: CapitalKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The whole value (market or surrender value).
    pub value: Pence,
    /// How many people own it in equal shares (1: the person alone).
    #[serde(default = "one")]
    pub owners: u8,
    /// Whether selling it would cost something (10% is taken off).
    #[serde(default)]
    pub sale_costs: bool,
    /// Debts secured on it (a mortgage), in whole.
    #[serde(default)]
    pub secured_debt: Pence,
    /// For the home of someone in a care home: who still lives there, and whether they have
    /// lived there since before the person moved into the care home.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub occupied_by: Option<Occupant>,
    #[serde(default = "yes")]
    pub occupant_there_before_admission: bool,
    /// The council's decision to disregard the home in another case, and why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discretionary_disregard: Option<String>,
    /// For a temporary stay: the home is being sold to buy another.
    #[serde(default)]
    pub selling_to_buy_another: bool,
    /// What the officer saw (a statement, a valuation), for the record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
}

fn one() -> u8 {
    1
}

/// Kinds of income, each treated as the rules say.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum IncomeKind {
    StatePension,
    PensionCreditGuarantee,
    PensionCreditSavings,
    OccupationalPension,
    PersonalPension,
    AttendanceAllowance,
    DlaCare,
    DlaMobility,
    PipDailyLiving,
    PipMobility,
    EmploymentAndSupportAllowance,
    UniversalCredit,
    IncomeSupport,
    JobseekersAllowance,
    CarersAllowance,
    WarDisablementPension,
    WarPensionConstantAttendance,
    WarWidowsPension,
    ArmedForcesGuaranteedIncome,
    Earnings,
    ChildBenefit,
    ChildTaxCredit,
    HousingBenefit,
    CouncilTaxReduction,
    WinterFuelPayment,
    ChristmasBonus,
    CharitableOrVoluntary,
    InterestOnSavings,
    Other,
}

/// The rate a disability benefit is paid at, for the premiums and the night-care element.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum BenefitRate {
    /// Attendance Allowance higher, DLA care highest, PIP daily living enhanced.
    Higher,
    /// Attendance Allowance lower, DLA care middle, PIP daily living standard.
    Lower,
    /// DLA care lowest.
    Lowest,
}

impl IncomeKind {
    pub const ALL: [IncomeKind; 29] = [
        IncomeKind::StatePension,
        IncomeKind::PensionCreditGuarantee,
        IncomeKind::PensionCreditSavings,
        IncomeKind::OccupationalPension,
        IncomeKind::PersonalPension,
        IncomeKind::AttendanceAllowance,
        IncomeKind::DlaCare,
        IncomeKind::DlaMobility,
        IncomeKind::PipDailyLiving,
        IncomeKind::PipMobility,
        IncomeKind::EmploymentAndSupportAllowance,
        IncomeKind::UniversalCredit,
        IncomeKind::IncomeSupport,
        IncomeKind::JobseekersAllowance,
        IncomeKind::CarersAllowance,
        IncomeKind::WarDisablementPension,
        IncomeKind::WarPensionConstantAttendance,
        IncomeKind::WarWidowsPension,
        IncomeKind::ArmedForcesGuaranteedIncome,
        IncomeKind::Earnings,
        IncomeKind::ChildBenefit,
        IncomeKind::ChildTaxCredit,
        IncomeKind::HousingBenefit,
        IncomeKind::CouncilTaxReduction,
        IncomeKind::WinterFuelPayment,
        IncomeKind::ChristmasBonus,
        IncomeKind::CharitableOrVoluntary,
        IncomeKind::InterestOnSavings,
        IncomeKind::Other,
    ];

    pub fn label(self) -> &'static str {
        use IncomeKind::*;
        match self {
            StatePension => "State Pension",
            PensionCreditGuarantee => "Pension Credit (guarantee credit)",
            PensionCreditSavings => "Pension Credit (savings credit)",
            OccupationalPension => "Pension from a job (occupational pension)",
            PersonalPension => "Personal or private pension",
            AttendanceAllowance => "Attendance Allowance",
            DlaCare => "Disability Living Allowance (care part)",
            DlaMobility => "Disability Living Allowance (mobility part)",
            PipDailyLiving => "Personal Independence Payment (daily living part)",
            PipMobility => "Personal Independence Payment (mobility part)",
            EmploymentAndSupportAllowance => "Employment and Support Allowance",
            UniversalCredit => "Universal Credit",
            IncomeSupport => "Income Support",
            JobseekersAllowance => "Jobseeker's Allowance",
            CarersAllowance => "Carer's Allowance",
            WarDisablementPension => "War Disablement Pension",
            WarPensionConstantAttendance => "Constant Attendance Allowance (war pension)",
            WarWidowsPension => "War widow's or widower's pension",
            ArmedForcesGuaranteedIncome => "Armed Forces Compensation Scheme guaranteed income payment",
            Earnings => "Earnings from work",
            ChildBenefit => "Child Benefit",
            ChildTaxCredit => "Child Tax Credit",
            HousingBenefit => "Housing Benefit",
            CouncilTaxReduction => "Council Tax Reduction",
            WinterFuelPayment => "Winter Fuel Payment",
            ChristmasBonus => "Christmas Bonus",
            CharitableOrVoluntary => "Regular payments from a charity or a friend",
            InterestOnSavings => "Interest on savings",
            Other => "Other income",
        }
    }

    /// Attendance Allowance, Disability Living Allowance care and PIP daily living: counted as
    /// income, which is why disability-related expenditure must be allowed.
    pub fn is_disability_benefit(self) -> bool {
        matches!(self, IncomeKind::AttendanceAllowance | IncomeKind::DlaCare | IncomeKind::PipDailyLiving)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IncomeItem {
    pub kind: IncomeKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub amount: Pence,
    #[serde(default)]
    pub period: Period,
    /// Paid to the person and someone else together (counted as half each).
    #[serde(default)]
    pub joint: bool,
    /// For disability benefits: the rate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate: Option<BenefitRate>,
    /// For a pension of a care home resident: half of it is paid to their spouse or civil
    /// partner, who does not live in the same home.
    #[serde(default)]
    pub half_paid_to_spouse: bool,
    /// Income the person is treated as having but does not receive (reg 17).
    #[serde(default)]
    pub notional: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum HousingKind {
    Rent,
    Mortgage,
    GroundRent,
    CouncilTax,
    ServiceCharges,
    WaterRates,
    BuildingsInsurance,
    ContentsInsurance,
}

impl HousingKind {
    pub const ALL: [HousingKind; 8] = [
        HousingKind::Rent,
        HousingKind::Mortgage,
        HousingKind::GroundRent,
        HousingKind::CouncilTax,
        HousingKind::ServiceCharges,
        HousingKind::WaterRates,
        HousingKind::BuildingsInsurance,
        HousingKind::ContentsInsurance,
    ];

    pub fn label(self) -> &'static str {
        match self {
            HousingKind::Rent => "Rent",
            HousingKind::Mortgage => "Mortgage",
            HousingKind::GroundRent => "Ground rent",
            HousingKind::CouncilTax => "Council Tax",
            HousingKind::ServiceCharges => "Service charges",
            HousingKind::WaterRates => "Water rates",
            HousingKind::BuildingsInsurance => "Buildings insurance",
            HousingKind::ContentsInsurance => "Contents insurance",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HousingCost {
    pub kind: HousingKind,
    pub amount: Pence,
    #[serde(default)]
    pub period: Period,
    /// What Housing Benefit or Council Tax Reduction pays towards it, in the same period.
    #[serde(default)]
    pub paid_by_benefits: Pence,
    /// Shared with a partner (the council's policy says what share counts).
    #[serde(default)]
    pub shared_with_partner: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Expense {
    pub description: String,
    pub amount: Pence,
    #[serde(default)]
    pub period: Period,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
}

/// A light-touch assessment (reg 10): the council is satisfied, on evidence, without a full one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "reason", rename_all = "kebab-case", deny_unknown_fields)]
pub enum LightTouch {
    /// The person's capital is clearly over the upper limit and they choose not to have a full
    /// assessment: they pay the full cost.
    AboveUpperLimit { evidence: String },
    /// A small flat charge they can clearly afford.
    SmallFlatCharge { weekly: Pence, evidence: String },
    /// Benefits that show they cannot contribute: nothing to pay.
    CannotContribute { evidence: String },
}
