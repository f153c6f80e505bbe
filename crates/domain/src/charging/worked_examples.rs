//! Worked examples, each done by hand first with the arithmetic written out, then checked
//! against the engine line by line. Figures are the shipped ones for the year named.

use super::figures::shipped;
use super::input::*;
use super::money::{Pence, Period};
use super::policy::{DreMethod, LocalPolicy, NightCare};
use super::rules::Rule;
use super::*;
use chrono::NaiveDate;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn p(text: &str) -> Pence {
    Pence::parse(text).unwrap()
}

fn at_home(cost: Option<&str>, night_care: bool) -> Care {
    Care::AtHome { weekly_cost: cost.map(p), night_care, council_arranges: true }
}

fn saving(amount: &str) -> CapitalItem {
    CapitalItem {
        kind: CapitalKind::Savings,
        description: None,
        value: p(amount),
        owners: 1,
        sale_costs: false,
        secured_debt: Pence::ZERO,
        occupied_by: None,
        occupant_there_before_admission: true,
        discretionary_disregard: None,
        selling_to_buy_another: false,
        evidence: None,
    }
}

fn home(value: &str) -> CapitalItem {
    CapitalItem { kind: CapitalKind::MainHome, sale_costs: true, ..saving(value) }
}

fn income(kind: IncomeKind, amount: &str, period: Period) -> IncomeItem {
    IncomeItem {
        kind,
        description: None,
        amount: p(amount),
        period,
        joint: false,
        rate: None,
        half_paid_to_spouse: false,
        notional: false,
        evidence: None,
    }
}

fn pensioner() -> Person {
    Person { date_of_birth: Some(day(1950, 6, 1)), ..Default::default() }
}

fn input(date: NaiveDate, person: Person, care: Care) -> AssessmentInput {
    AssessmentInput {
        date,
        person,
        care,
        capital: vec![],
        income: vec![],
        housing: vec![],
        disability_related_expenditure: vec![],
        notional_capital: None,
        light_touch: None,
    }
}

fn run(input: &AssessmentInput, policy: &LocalPolicy) -> Assessment {
    let book = shipped();
    let figures = book.on(input.date).unwrap();
    assess(input, figures, policy).unwrap()
}

fn line<'a>(a: &'a Assessment, starts: &str) -> &'a Line {
    a.lines.iter().find(|l| l.label.starts_with(starts)).unwrap_or_else(|| {
        panic!("no line starting {starts:?} in {:#?}", a.lines.iter().map(|l| &l.label).collect::<Vec<_>>())
    })
}

/// A backdated assessment (issue 16): care at home for a single pensioner in June 2019, with the
/// 2019/20 figures. Savings £16,000: £1,750 over £14,250 is 7 steps of £250, so £7.00 a week.
/// Income: State Pension £168.60 and a work pension of £120.00 a week: £288.60; with the tariff
/// £295.60. Allowed: the Minimum Income Guarantee at State Pension age, frozen at £189.00 from
/// 2015 to 2022 (reg 7, SI 2015/644), and Council Tax £20.00 a week: £209.00. Charge: £295.60 −
/// £209.00 = £86.60.
#[test]
fn a_backdated_assessment_in_2019_20_uses_that_years_figures() {
    let mut i = input(day(2019, 6, 3), pensioner(), at_home(None, false));
    i.capital.push(saving("16000.00"));
    i.income.push(income(IncomeKind::StatePension, "168.60", Period::Weekly));
    i.income.push(income(IncomeKind::OccupationalPension, "120.00", Period::Weekly));
    i.housing.push(HousingCost {
        kind: HousingKind::CouncilTax,
        amount: p("20.00"),
        period: Period::Weekly,
        paid_by_benefits: Pence::ZERO,
        shared_with_partner: false,
        evidence: None,
    });
    let a = run(&i, &LocalPolicy::default());
    assert_eq!(a.figures_year, "2019/20");
    assert_eq!(a.tariff_income, p("7.00"));
    assert_eq!(a.protected_income, p("189.00"));
    assert_eq!(a.weekly_charge, Some(p("86.60")));
}

/// Care at home, a single pensioner, 2024/25, with the night-care element not counted.
///
/// Capital: savings £18,000. Tariff (reg 25): £18,000 − £14,250 = £3,750; £3,750 ÷ £250 = 15
/// steps exactly, so £15.00 a week.
/// Income: State Pension £221.20 a week; a work pension of £400 a month = £400 × 12 ÷ 52 =
/// £92.3077, so £92.30 (a fraction of a penny of income is dropped, reg 11); Attendance Allowance
/// at the higher rate £108.55, of which the night-care part £108.55 − £72.65 = £35.90 is not
/// counted (no night care; the council's policy), leaving £72.65. Counted: £221.20 + £92.30 +
/// £72.65 = £386.15; with the tariff, £401.15.
/// Allowed: Minimum Income Guarantee for a single person at State Pension age £228.70 (no
/// disability premium at that age); Council Tax £1,800 a year = £34.6154, so £34.62 (a cost: the
/// fraction counts as a penny); disability-related expenditure £5.00 a week laundry and £20 a
/// month heating = £4.6154, so £4.62: £9.62. Total £228.70 + £34.62 + £9.62 = £272.94.
/// Disposable: £401.15 − £272.94 = £128.21, all of it charged (100%), under the £150 the care
/// costs. Left to live on after housing and disability costs: £401.15 − £128.21 − £34.62 −
/// £9.62 = £228.70, the Minimum Income Guarantee exactly.
#[test]
fn care_at_home_single_pensioner_2024_25() {
    let mut i = input(day(2024, 9, 2), pensioner(), at_home(Some("150.00"), false));
    i.capital.push(saving("18000.00"));
    i.income.push(income(IncomeKind::StatePension, "221.20", Period::Weekly));
    i.income.push(income(IncomeKind::OccupationalPension, "400.00", Period::Monthly));
    i.income.push(IncomeItem {
        rate: Some(BenefitRate::Higher),
        ..income(IncomeKind::AttendanceAllowance, "108.55", Period::Weekly)
    });
    i.housing.push(HousingCost {
        kind: HousingKind::CouncilTax,
        amount: p("1800.00"),
        period: Period::Yearly,
        paid_by_benefits: Pence::ZERO,
        shared_with_partner: false,
        evidence: None,
    });
    i.disability_related_expenditure.push(Expense {
        description: "Extra laundry".into(),
        amount: p("5.00"),
        period: Period::Weekly,
        evidence: None,
    });
    i.disability_related_expenditure.push(Expense {
        description: "Extra heating".into(),
        amount: p("20.00"),
        period: Period::Monthly,
        evidence: None,
    });
    let policy = LocalPolicy { night_care: NightCare::DisregardWithoutNightCare, ..Default::default() };
    let a = run(&i, &policy);
    assert_eq!(a.figures_year, "2024/25");
    assert_eq!(a.tariff_income, p("15.00"));
    assert_eq!(line(&a, "Pension from a job").amount, Some(p("92.30")));
    assert_eq!(line(&a, "Attendance Allowance: the night-care part").amount, Some(p("35.90")));
    assert_eq!(line(&a, "Attendance Allowance: the night-care part").rule, Rule::NightCareElement);
    assert_eq!(a.weekly_income_counted, p("386.15"));
    assert_eq!(line(&a, "Minimum Income Guarantee: the amount").amount, Some(p("228.70")));
    assert_eq!(line(&a, "Council Tax").amount, Some(p("34.62")));
    assert_eq!(line(&a, "Disability-related expenditure: the items").amount, Some(p("9.62")));
    assert_eq!(line(&a, "Disposable income").amount, Some(p("128.21")));
    assert_eq!(a.weekly_charge, Some(p("128.21")));
    assert_eq!(a.left_after_charge, Some(p("228.70")));
    assert_eq!(a.protected_income, p("228.70"));
    assert!(a.lines.iter().all(|l| !l.source.is_empty()), "every line names its rule");
    assert_eq!(line(&a, "Tariff income").source, Rule::TariffIncome.cite());
}

/// The same person with care that costs only £95 a week pays £95 (Care Act s14: never more
/// than the cost); and a council that counts the night-care element charges £35.90 more.
#[test]
fn the_charge_is_never_more_than_the_care_costs() {
    let mut i = input(day(2024, 9, 2), pensioner(), at_home(Some("95.00"), false));
    i.income.push(income(IncomeKind::StatePension, "400.00", Period::Weekly));
    let a = run(&i, &LocalPolicy::default());
    // £400.00 − £228.70 = £171.30 disposable, more than the £95.00 care.
    assert_eq!(a.maximum_weekly_charge, Some(p("171.30")));
    assert_eq!(a.weekly_charge, Some(p("95.00")));
    assert_eq!(line(&a, "The care costs less").rule, Rule::CostOfCare);
}

/// A permanent care home, 2025/26, in the first 12 weeks and after.
///
/// Savings £20,000: £5,750 over the lower limit ÷ £250 = 23 steps, £23.00. The home, worth
/// £200,000, is not counted for 12 weeks from 1 May 2025 (Schedule 2 para 2), until 24 July 2025
/// (1 May + 84 days), since the other capital (£20,000) is under £23,250.
/// Income: State Pension £230.25 and a work pension £60.00: £290.25; with the tariff £313.25.
/// Less the Personal Expenses Allowance £30.65: £282.60 a week, under the council's £850 rate.
/// From 24 July the home counts: £200,000 less 10% for selling = £180,000, with the savings
/// £200,000, over the upper limit: the full cost, and a deferred payment can be offered.
#[test]
fn permanent_care_home_with_the_twelve_week_property_disregard_2025_26() {
    let care = Care::CareHome {
        weekly_fee: Some(p("850.00")),
        stay: Stay::Permanent { first_day: day(2025, 5, 1), disregard_days_used: 0 },
        top_up: None,
        extra_personal_allowance: None,
    };
    let mut i = input(day(2025, 6, 2), pensioner(), care);
    i.capital.push(saving("20000.00"));
    i.capital.push(home("200000.00"));
    i.income.push(income(IncomeKind::StatePension, "230.25", Period::Weekly));
    i.income.push(income(IncomeKind::OccupationalPension, "60.00", Period::Weekly));
    let a = run(&i, &LocalPolicy::default());
    assert_eq!(a.setting, Setting::PermanentCareHome);
    assert_eq!(a.property_disregard_ends, Some(day(2025, 7, 24)));
    assert_eq!(line(&a, "Their home: not counted for the first 12 weeks").rule, Rule::TwelveWeekPropertyDisregard);
    assert_eq!(a.capital, p("20000.00"));
    assert_eq!(a.tariff_income, p("23.00"));
    assert_eq!(line(&a, "Personal Expenses Allowance").amount, Some(p("30.65")));
    assert_eq!(a.weekly_charge, Some(p("282.60")));
    assert_eq!(a.left_after_charge, Some(p("30.65")));

    i.date = day(2025, 7, 24);
    let after = run(&i, &LocalPolicy::default());
    assert_eq!(after.outcome, Outcome::FullCost);
    assert_eq!(after.capital, p("200000.00"));
    assert_eq!(line(&after, "Their home").amount, Some(p("180000.00")));
    assert_eq!(after.weekly_charge, Some(p("850.00")));
    assert!(after.home_counted);
    assert!(line(&after, "Your home counts").label.contains("deferred payment"));

    // Coming back within 52 weeks having used 80 days: 4 days are left.
    let mut again = i.clone();
    again.date = day(2025, 6, 2);
    again.care = Care::CareHome {
        weekly_fee: Some(p("850.00")),
        stay: Stay::Permanent { first_day: day(2025, 6, 1), disregard_days_used: 80 },
        top_up: None,
        extra_personal_allowance: None,
    };
    assert_eq!(run(&again, &LocalPolicy::default()).property_disregard_ends, Some(day(2025, 6, 5)));
}

/// The home is not counted while a qualifying relative who lived there before still does
/// (Schedule 2 para 4), or by the council's decision; and the 12-week disregard does not apply
/// when the other capital is over the upper limit.
#[test]
fn property_disregards_for_relatives_and_discretion() {
    let care = Care::CareHome {
        weekly_fee: None,
        stay: Stay::Permanent { first_day: day(2024, 1, 8), disregard_days_used: 0 },
        top_up: None,
        extra_personal_allowance: None,
    };
    let mut i = input(day(2024, 10, 1), pensioner(), care);
    let mut house = home("150000.00");
    house.occupied_by = Some(Occupant::RelativeOver60);
    i.capital.push(house.clone());
    let a = run(&i, &LocalPolicy::default());
    assert_eq!(line(&a, "Their home").rule, Rule::QualifyingRelative);
    assert_eq!(a.capital, Pence::ZERO);
    // A relative who moved in afterwards does not qualify.
    house.occupant_there_before_admission = false;
    i.capital[0] = house.clone();
    assert_eq!(run(&i, &LocalPolicy::default()).outcome, Outcome::FullCost);
    // The council may still disregard it, if its policy allows.
    house.discretionary_disregard = Some("Her carer gave up his own home to live there".into());
    i.capital[0] = house;
    assert_eq!(line(&run(&i, &LocalPolicy::default()), "Their home").rule, Rule::DiscretionaryPropertyDisregard);
    let strict = LocalPolicy { discretionary_property_disregard: false, ..Default::default() };
    assert_eq!(run(&i, &strict).outcome, Outcome::FullCost);

    // In the first weeks, but with £30,000 of savings: the home counts at once.
    let mut rich = input(day(2024, 1, 15), pensioner(), i.care.clone());
    rich.capital = vec![saving("30000.00"), home("150000.00")];
    let a = run(&rich, &LocalPolicy::default());
    assert!(a.property_disregard_ends.is_none());
    assert_eq!(a.outcome, Outcome::FullCost);
}

/// Tariff income is £1 for every £250 or part of £250 over the lower limit, and the upper limit
/// itself is not over it (reg 12 and 25).
#[test]
fn tariff_income_counts_part_of_250_as_a_whole_step() {
    let cases = [
        ("14250.00", "0.00", Outcome::Charge),
        ("14250.01", "1.00", Outcome::Charge),
        ("14500.00", "1.00", Outcome::Charge),
        ("14500.01", "2.00", Outcome::Charge),
        // £23,250 − £14,250 = £9,000 ÷ £250 = 36.
        ("23250.00", "36.00", Outcome::Charge),
        ("23250.01", "0.00", Outcome::FullCost),
    ];
    for (capital, tariff, outcome) in cases {
        let mut i = input(day(2025, 5, 1), pensioner(), at_home(None, false));
        i.capital.push(saving(capital));
        let a = run(&i, &LocalPolicy::default());
        assert_eq!((a.tariff_income, a.outcome), (p(tariff), outcome), "{capital}");
    }
}

/// A couple at home below pension age, 2025/26, with joint savings and a shared rent, and a
/// council that charges 90% with a standard disability-related expenditure allowance.
///
/// Joint savings £40,000: half each (reg 24), £20,000: tariff £5,750 ÷ £250 = 23, £23.00.
/// Income: Employment and Support Allowance £138.20; Personal Independence Payment daily living
/// at the standard rate £73.90 (counted; so the disability premium applies and disability-
/// related expenditure must be allowed); the mobility part £29.20 is not counted (Sch 1 para 8).
/// Counted £212.10; with the tariff £235.10.
/// Allowed: Minimum Income Guarantee for a member of a couple £88.50, with the disability
/// premium for a member of a couple £35.45: £123.95. Rent £600 a month = £138.4615, so £138.47;
/// half of it counts for a couple (the council's policy): £69.235, so £69.24. Disability-related
/// expenditure: the standard £10.85 is more than the £3.00 shown. Total £123.95 + £69.24 +
/// £10.85 = £204.04. Disposable £235.10 − £204.04 = £31.06; 90% of it is £27.954, so £27.95.
#[test]
fn a_couple_at_home_with_joint_savings_shared_rent_and_a_90_percent_policy_2025_26() {
    let person = Person {
        date_of_birth: Some(day(1980, 3, 1)),
        partner: Some(Partner {
            date_of_birth: Some(day(1978, 11, 20)),
            pension_age: false,
            spouse_or_civil_partner: true,
        }),
        ..Default::default()
    };
    let mut i = input(day(2025, 10, 6), person, at_home(None, false));
    i.capital.push(CapitalItem { owners: 2, ..saving("40000.00") });
    i.income.push(income(IncomeKind::EmploymentAndSupportAllowance, "138.20", Period::Weekly));
    i.income.push(IncomeItem {
        rate: Some(BenefitRate::Lower),
        ..income(IncomeKind::PipDailyLiving, "73.90", Period::Weekly)
    });
    i.income.push(income(IncomeKind::PipMobility, "29.20", Period::Weekly));
    i.housing.push(HousingCost {
        kind: HousingKind::Rent,
        amount: p("600.00"),
        period: Period::Monthly,
        paid_by_benefits: Pence::ZERO,
        shared_with_partner: true,
        evidence: None,
    });
    i.disability_related_expenditure.push(Expense {
        description: "Taxis to the clinic".into(),
        amount: p("3.00"),
        period: Period::Weekly,
        evidence: None,
    });
    let policy = LocalPolicy {
        percentage_charged_basis_points: 9_000,
        disability_related_expenditure: DreMethod::HigherOfBoth,
        standard_disability_related_expenditure: p("10.85"),
        minimum_charge: p("1.25"),
        ..Default::default()
    };
    let a = run(&i, &policy);
    assert_eq!(line(&a, "Savings and bank accounts").amount, Some(p("20000.00")));
    assert_eq!(line(&a, "Savings and bank accounts").rule, Rule::JointCapital);
    assert_eq!(a.tariff_income, p("23.00"));
    assert_eq!(line(&a, "Personal Independence Payment (mobility part)").effect, Effect::Disregarded);
    assert_eq!(a.weekly_income_counted, p("212.10"));
    assert_eq!(line(&a, "Minimum Income Guarantee: the amount for a couple").amount, Some(p("88.50")));
    assert_eq!(line(&a, "Disability premium").amount, Some(p("35.45")));
    assert_eq!(line(&a, "Rent").amount, Some(p("69.24")));
    assert_eq!(line(&a, "Disability-related expenditure: the council's standard").amount, Some(p("10.85")));
    assert_eq!(line(&a, "Disposable income").amount, Some(p("31.06")));
    assert_eq!(line(&a, "The council charges 90%").amount, Some(p("27.95")));
    assert_eq!(a.weekly_charge, Some(p("27.95")));
    assert!(a.unconfirmed_figures.iter().any(|f| f.contains("couple")), "the couple rate is derived and says so");
}

/// A lone parent aged 30 with two children (one disabled), 2024/25: the lone parent amount, the
/// children's amounts and the carer premium. Minimum Income Guarantee: £110.60 + 2 × £101.25 +
/// the carer premium £52.35 = £365.45. The disabled child premium is not in the 2024/25 figures,
/// so the assessment says so rather than guess.
#[test]
fn a_lone_parent_with_children_and_a_missing_figure() {
    let person = Person { date_of_birth: Some(day(1994, 2, 14)), dependent_children: 2, ..Default::default() };
    let mut i = input(day(2024, 6, 3), person, at_home(None, false));
    i.income.push(income(IncomeKind::UniversalCredit, "1600.00", Period::Monthly));
    i.income.push(income(IncomeKind::CarersAllowance, "81.90", Period::Weekly));
    i.income.push(income(IncomeKind::ChildBenefit, "43.05", Period::Weekly));
    let a = run(&i, &LocalPolicy::default());
    assert_eq!(line(&a, "Minimum Income Guarantee: the amount for a lone parent").amount, Some(p("110.60")));
    assert_eq!(line(&a, "Minimum Income Guarantee: £101.25 for each of 2 children").amount, Some(p("202.50")));
    assert_eq!(line(&a, "Carer premium").amount, Some(p("52.35")));
    // Universal Credit £1,600 a month = £369.2307, so £369.23; Carer's Allowance £81.90: £451.13.
    // £451.13 − £365.45 = £85.68.
    assert_eq!(a.weekly_income_counted, p("451.13"));
    assert_eq!(a.weekly_charge, Some(p("85.68")));

    let mut disabled = i.clone();
    disabled.person.disabled_children = 1;
    let book = shipped();
    let err = assess(&disabled, book.year("2024/25").unwrap(), &LocalPolicy::default()).unwrap_err();
    assert_eq!(err, AssessError::MissingFigure { year: "2024/25".into(), figure: "disabled child premium" });
}

/// Pension-age income in a care home: £10 of a war widow's pension, the savings credit disregard
/// (2024/25: £6.95 single) and half of a pension paid to a wife at home are not counted.
///
/// War widow's pension £150: £140 counted. Savings credit £15: £6.95 not counted, £8.05 counted.
/// Occupational pension £100 a week, half to his wife at home: £50 counted. State Pension £169.50.
/// Counted: £140 + £8.05 + £50 + £169.50 = £367.55; less the allowance £30.15 = £337.40.
#[test]
fn care_home_income_disregards_2024_25() {
    let care = Care::CareHome {
        weekly_fee: None,
        stay: Stay::Permanent { first_day: day(2024, 5, 1), disregard_days_used: 0 },
        top_up: None,
        extra_personal_allowance: None,
    };
    let person = Person {
        partner: Some(Partner { pension_age: true, spouse_or_civil_partner: true, date_of_birth: None }),
        ..pensioner()
    };
    let mut i = input(day(2024, 11, 4), person, care);
    i.income.push(income(IncomeKind::WarWidowsPension, "150.00", Period::Weekly));
    // A couple's savings credit disregard is £10.40; this one is assessed as a member of a couple.
    i.income.push(income(IncomeKind::PensionCreditSavings, "15.00", Period::Weekly));
    i.income.push(IncomeItem {
        half_paid_to_spouse: true,
        ..income(IncomeKind::OccupationalPension, "100.00", Period::Weekly)
    });
    i.income.push(income(IncomeKind::StatePension, "169.50", Period::Weekly));
    let a = run(&i, &LocalPolicy::default());
    assert_eq!(line(&a, "War widow's or widower's pension").amount, Some(p("140.00")));
    // £15 − £10.40 (couple) = £4.60.
    assert_eq!(line(&a, "Pension Credit (savings credit)").amount, Some(p("4.60")));
    assert_eq!(line(&a, "Pension from a job (occupational pension)").amount, Some(p("50.00")));
    assert_eq!(a.weekly_income_counted, p("364.10"));
    assert_eq!(a.weekly_charge, Some(p("333.95")));

    // At home, savings credit counts unless the council's policy says otherwise.
    let mut home_care = i.clone();
    home_care.care = at_home(None, false);
    let counted = run(&home_care, &LocalPolicy::default());
    assert_eq!(line(&counted, "Pension Credit (savings credit)").amount, Some(p("15.00")));
    let kind = LocalPolicy { savings_credit_disregard_at_home: true, ..Default::default() };
    assert_eq!(line(&run(&home_care, &kind), "Pension Credit (savings credit)").amount, Some(p("4.60")));
}

/// A four-week respite stay is charged as care at home (reg 8), with the Minimum Income
/// Guarantee; a council that does not use reg 8 charges it as a temporary stay, with the
/// Personal Expenses Allowance and the home's housing costs allowed.
#[test]
fn short_and_temporary_stays() {
    let care = Care::CareHome {
        weekly_fee: None,
        stay: Stay::Short { weeks: 4 },
        top_up: None,
        extra_personal_allowance: None,
    };
    let mut i = input(day(2025, 9, 1), pensioner(), care);
    i.income.push(income(IncomeKind::StatePension, "300.00", Period::Weekly));
    i.capital.push(home("250000.00"));
    i.housing.push(HousingCost {
        kind: HousingKind::CouncilTax,
        amount: p("30.00"),
        period: Period::Weekly,
        paid_by_benefits: Pence::ZERO,
        shared_with_partner: false,
        evidence: None,
    });
    let a = run(&i, &LocalPolicy::default());
    assert_eq!(a.setting, Setting::AtHome);
    assert_eq!(line(&a, "A short stay of 4 weeks").rule, Rule::ShortStay);
    // £300 − (£232.60 + £30) = £37.40.
    assert_eq!(a.weekly_charge, Some(p("37.40")));
    let no_reg_8 = LocalPolicy { short_stays_as_care_at_home: false, ..Default::default() };
    let b = run(&i, &no_reg_8);
    assert_eq!(b.setting, Setting::TemporaryCareHome);
    assert_eq!(line(&b, "Their home: not counted during a temporary stay").rule, Rule::HomeTemporaryResident);
    // £300 − (£30.65 + £30) = £239.35.
    assert_eq!(b.weekly_charge, Some(p("239.35")));
}

/// Capital over the upper limit at home: the full cost, and the council's arrangement fee; a
/// council with a higher limit for care at home charges by the sums instead.
#[test]
fn over_the_upper_limit_pays_the_full_cost_with_an_arrangement_fee() {
    let mut i = input(day(2026, 5, 4), pensioner(), at_home(Some("320.00"), false));
    i.capital.push(saving("40000.00"));
    let policy = LocalPolicy { arrangement_fee_yearly: Some(p("250.00")), ..Default::default() };
    let a = run(&i, &policy);
    assert_eq!(a.figures_year, "2026/27");
    assert_eq!(
        (a.outcome, a.weekly_charge, a.yearly_arrangement_fee),
        (Outcome::FullCost, Some(p("320.00")), Some(p("250.00")))
    );
    let generous = LocalPolicy { home_care_upper_capital_limit: Some(p("50000.00")), ..Default::default() };
    let b = run(&i, &generous);
    assert_eq!(b.outcome, Outcome::Charge);
    // £40,000 − £14,250 = £25,750 ÷ £250 = 103.
    assert_eq!(b.tariff_income, p("103.00"));
}

/// Notional capital (reg 22) is counted, and goes down each week by what it adds (reg 23).
/// £14,250 of savings and £5,000 notional: tariff £5,000 ÷ £250 = 20, so £20.00 a week more.
#[test]
fn notional_capital_is_counted_and_diminishes_by_what_it_adds() {
    let mut i = input(day(2025, 5, 5), pensioner(), at_home(None, false));
    i.capital.push(saving("14250.00"));
    i.income.push(income(IncomeKind::StatePension, "400.00", Period::Weekly));
    i.notional_capital = Some(p("5000.00"));
    let a = run(&i, &LocalPolicy::default());
    assert_eq!(a.capital, p("19250.00"));
    assert_eq!(a.tariff_income, p("20.00"));
    assert_eq!(a.notional_capital_weekly_reduction, Some(p("20.00")));
    assert_eq!(line(&a, "Each week the notional capital goes down").rule, Rule::DiminishingNotionalCapital);
}

/// Light-touch assessments (reg 10).
#[test]
fn light_touch_assessments() {
    let mut i = input(day(2025, 5, 5), pensioner(), at_home(Some("200.00"), false));
    i.light_touch = Some(LightTouch::AboveUpperLimit { evidence: "Bank statement showing £300,000".into() });
    let a = run(&i, &LocalPolicy::default());
    assert_eq!((a.outcome, a.weekly_charge), (Outcome::FullCost, Some(p("200.00"))));
    i.light_touch =
        Some(LightTouch::CannotContribute { evidence: "Receives Pension Credit guarantee credit only".into() });
    assert_eq!(run(&i, &LocalPolicy::default()).weekly_charge, Some(Pence::ZERO));
    i.light_touch = Some(LightTouch::SmallFlatCharge { weekly: p("5.00"), evidence: "Day centre lunches only".into() });
    let c = run(&i, &LocalPolicy::default());
    assert_eq!(c.weekly_charge, Some(p("5.00")));
    assert!(c.lines.iter().any(|l| l.label.contains("full financial assessment at any time")));
}

/// A top-up is shown but is not part of the charge (Choice of Accommodation Regulations).
#[test]
fn a_top_up_is_shown_apart_from_the_charge() {
    let care = Care::CareHome {
        weekly_fee: Some(p("800.00")),
        stay: Stay::Permanent { first_day: day(2025, 1, 6), disregard_days_used: 0 },
        top_up: Some(TopUp { weekly: p("75.00"), paid_by: TopUpPayer::ThirdParty }),
        extra_personal_allowance: Some(ExtraAllowance {
            weekly: p("10.00"),
            reason: "Supports his wife at home".into(),
        }),
    };
    let mut i = input(day(2025, 6, 2), pensioner(), care);
    i.income.push(income(IncomeKind::StatePension, "230.25", Period::Weekly));
    let a = run(&i, &LocalPolicy::default());
    // £230.25 − (£30.65 + £10.00) = £189.60.
    assert_eq!(a.weekly_charge, Some(p("189.60")));
    let top = line(&a, "Top-up");
    assert_eq!((top.amount, top.effect, top.rule), (Some(p("75.00")), Effect::Note, Rule::TopUp));
}

/// Bad input is refused by the field, never answered wrongly.
#[test]
fn bad_input_names_the_field() {
    let mut i = input(day(2025, 5, 5), Person::default(), at_home(None, false));
    let book = shipped();
    let y = book.on(i.date).unwrap();
    assert_eq!(
        assess(&i, y, &LocalPolicy::default()).unwrap_err(),
        AssessError::Invalid { field: "person".into(), problem: "give a date of birth or an age band".into() }
    );
    i.person = Person { date_of_birth: Some(day(2010, 1, 1)), ..Default::default() };
    assert!(
        matches!(assess(&i, y, &LocalPolicy::default()), Err(AssessError::Invalid { field, .. }) if field == "person.date_of_birth")
    );
    i.person = pensioner();
    i.capital.push(CapitalItem { owners: 0, ..saving("10.00") });
    assert!(
        matches!(assess(&i, y, &LocalPolicy::default()), Err(AssessError::Invalid { field, .. }) if field == "capital[0].owners")
    );
    let early = AssessmentInput { date: day(2015, 1, 1), ..input(day(2015, 1, 1), pensioner(), at_home(None, false)) };
    assert_eq!(
        assess_on(&early, &book, &PolicyHistory::default()).unwrap_err(),
        AssessError::NoFigures(day(2015, 1, 1))
    );
}

/// The input reads from JSON as the interface documents it, and refuses unknown fields and
/// floating-point money.
#[test]
fn the_json_shape() {
    let json = r#"{
        "date": "2025-06-02",
        "person": {"age_band": "pension-age"},
        "care": {"setting": "at-home", "weekly_cost": "150.00"},
        "capital": [{"kind": "savings", "value": "18000.00"}],
        "income": [{"kind": "state-pension", "amount": "230.25", "period": "weekly"}]
    }"#;
    let i: AssessmentInput = serde_json::from_str(json).unwrap();
    let a = run(&i, &LocalPolicy::default());
    // £230.25 + £15 tariff − £232.60 = £12.65.
    assert_eq!(a.weekly_charge, Some(p("12.65")));
    let typo = json.replace("\"weekly_cost\"", "\"weekly_costs\"");
    assert!(serde_json::from_str::<AssessmentInput>(&typo).unwrap_err().to_string().contains("unknown field"));
    let float = json.replace("\"18000.00\"", "18000.5");
    assert!(serde_json::from_str::<AssessmentInput>(&float).unwrap_err().to_string().contains("as strings"));
}

/// Issue 16: three local choices some councils publish. A pensioner at home with no disability
/// benefit: State Pension £300.00, Council Tax £20.00, contents insurance £3.00 and £10.00 a week
/// of extra costs from a disability. With Hearth's defaults, only the Minimum Income Guarantee
/// (£241.45 in 2026/27) and Council Tax are allowed: £300.00 − £261.45 = £38.55. With contents
/// insurance counted, a £15.00 household bills allowance and the costs allowed without a
/// disability benefit: £300.00 − (£241.45 + £15.00 + £20.00 + £3.00 + £10.00) = £10.55.
#[test]
fn a_councils_own_allowances_contents_insurance_household_bills_and_costs_without_a_benefit() {
    let mut i = input(day(2026, 6, 1), pensioner(), at_home(None, false));
    i.income.push(income(IncomeKind::StatePension, "300.00", Period::Weekly));
    for (kind, amount) in [(HousingKind::CouncilTax, "20.00"), (HousingKind::ContentsInsurance, "3.00")] {
        i.housing.push(HousingCost {
            kind,
            amount: p(amount),
            period: Period::Weekly,
            paid_by_benefits: Pence::ZERO,
            shared_with_partner: false,
            evidence: None,
        });
    }
    i.disability_related_expenditure.push(Expense {
        description: "Extra heating".into(),
        amount: p("10.00"),
        period: Period::Weekly,
        evidence: None,
    });
    let national = run(&i, &LocalPolicy::default());
    assert_eq!(national.weekly_charge, Some(p("38.55")));
    let local = LocalPolicy {
        contents_insurance_counts: true,
        household_bills_allowance: p("15.00"),
        dre_without_disability_benefit: true,
        ..LocalPolicy::default()
    };
    let a = run(&i, &local);
    assert_eq!(a.weekly_charge, Some(p("10.55")));
    assert_eq!(line(&a, "Contents insurance").amount, Some(p("3.00")));
    assert_eq!(line(&a, "The council's allowance for household bills").amount, Some(p("15.00")));
    assert_eq!(line(&a, "Disability-related expenditure: the items shown").amount, Some(p("10.00")));
}

/// Issue 16: a council's own Minimum Income Guarantee replaces the national base amount where it
/// is higher, and never takes anyone below it. A pensioner at home in 2026/27 with £300.00 State
/// Pension: the national £241.45 leaves £58.55 to charge; the council's own £260.00 leaves
/// £40.00; an own amount of £200.00 (lower than the law's) changes nothing.
#[test]
fn a_councils_own_minimum_income_guarantee_replaces_the_national_amount_only_upwards() {
    use super::policy::OwnMinimumIncomeGuarantee;
    let mut i = input(day(2026, 6, 1), pensioner(), at_home(None, false));
    i.income.push(income(IncomeKind::StatePension, "300.00", Period::Weekly));
    let own = |pension_age: &str| LocalPolicy {
        own_minimum_income_guarantee: Some(OwnMinimumIncomeGuarantee {
            under_pension_age: p("150.00"),
            pension_age: p(pension_age),
            couple_each_basis_points: 7_500,
        }),
        ..LocalPolicy::default()
    };
    assert_eq!(run(&i, &LocalPolicy::default()).weekly_charge, Some(p("58.55")));
    let higher = run(&i, &own("260.00"));
    assert_eq!(higher.weekly_charge, Some(p("40.00")));
    assert_eq!(line(&higher, "Minimum Income Guarantee: the council's own amount").amount, Some(p("260.00")));
    let lower = run(&i, &own("200.00"));
    assert_eq!(lower.weekly_charge, Some(p("58.55")), "the law's amount is the least");
    assert!(own("260.00").problems().is_empty());
    let bad = LocalPolicy {
        own_minimum_income_guarantee: Some(OwnMinimumIncomeGuarantee {
            under_pension_age: Pence::ZERO,
            pension_age: p("260.00"),
            couple_each_basis_points: 12_000,
        }),
        ..LocalPolicy::default()
    };
    assert_eq!(bad.problems().len(), 2, "{:?}", bad.problems());
}
