//! Eligibility, computed from what the assessment found (Care Act 2014 s13 and the Care and
//! Support (Eligibility Criteria) Regulations 2015, SI 2015/313). Nobody ticks "eligible": the
//! practitioner records, outcome by outcome, whether the person can achieve it and if not which
//! way, and these functions decide, with a reason for each condition citing the regulation.
//!
//! - Adults, regulation 2(1): needs are eligible when (a) they arise from or relate to a
//!   physical or mental impairment or illness, (b) as a result the adult is unable to achieve
//!   two or more of the outcomes in regulation 2(2), and (c) as a consequence there is, or is
//!   likely to be, a significant impact on their wellbeing. All three must hold.
//! - Carers, regulation 3(1): (a) the needs arise from providing necessary care for an adult,
//!   (b) as a result the carer's physical or mental health is, or is at risk of, deteriorating,
//!   or they are unable to achieve any one of the outcomes in regulation 3(2)(b), and (c) there
//!   is, or is likely to be, a significant impact on their wellbeing. One outcome is enough, and
//!   the cared-for person's own eligibility plays no part.
//! - Fluctuating needs, regulation 2(4): the assessment must say over what period the person's
//!   circumstances were considered, and what their good and bad days are like.

use super::outcomes::{AdultOutcome, CarerOutcome, Way};
use crate::Problems;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What was found about one outcome: the ways the person is unable to achieve it (none: they
/// can achieve it), and what shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding<O> {
    pub outcome: O,
    pub ways: Vec<Way>,
    #[serde(default)]
    pub evidence: String,
}

impl<O> Finding<O> {
    pub fn achieved(outcome: O) -> Self {
        Finding { outcome, ways: Vec::new(), evidence: String::new() }
    }

    pub fn unable(outcome: O, ways: &[Way], evidence: &str) -> Self {
        Finding { outcome, ways: ways.to_vec(), evidence: evidence.to_owned() }
    }
}

/// Needs that come and go (regulation 2(4)): the period considered, and what good and bad days
/// are like.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fluctuation {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub description: String,
}

/// The findings of a needs assessment (s9) on which an adult's eligibility turns.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdultFindings {
    /// Condition (a): the needs arise from or relate to a physical or mental impairment or illness.
    pub impairment: Option<bool>,
    /// Which impairment or illness, or why the needs arise from other circumstances.
    #[serde(default)]
    pub impairment_note: String,
    pub outcomes: Vec<Finding<AdultOutcome>>,
    /// Condition (c): a significant impact on wellbeing, now or likely.
    pub significant_impact: Option<bool>,
    #[serde(default)]
    pub impact_note: String,
    /// Set when the needs fluctuate.
    pub fluctuation: Option<Fluctuation>,
}

/// The findings of a carer's assessment (s10).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CarerFindings {
    /// Condition (a): the needs arise from providing necessary care for an adult.
    pub necessary_care: Option<bool>,
    #[serde(default)]
    pub care_note: String,
    /// Regulation 3(2)(a): the carer's physical or mental health is, or is at risk of, deteriorating.
    pub health_deteriorating: Option<bool>,
    #[serde(default)]
    pub health_note: String,
    pub outcomes: Vec<Finding<CarerOutcome>>,
    pub significant_impact: Option<bool>,
    #[serde(default)]
    pub impact_note: String,
    pub fluctuation: Option<Fluctuation>,
}

/// One step of the reasoning, as the written record gives it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reason {
    pub met: bool,
    /// The regulation it applies, for example "regulation 2(1)(b)".
    pub citation: String,
    /// In plain words, to the person ("you ...").
    pub text: String,
}

impl Reason {
    /// The reason as a worker reads it on their own form: about the person ("Their needs come
    /// from…"), not to them. The letter keeps `text`.
    pub fn about_them(&self) -> String {
        const SWAPS: [(&str, &str); 9] = [
            ("Your needs", "Their needs"),
            ("Your health", "Their health"),
            ("your health", "their health"),
            ("your wellbeing", "their wellbeing"),
            ("You cannot", "They cannot"),
            ("you can achieve", "they can achieve"),
            ("you give", "they give"),
            ("from you", "from them"),
            ("You also cannot", "They also cannot"),
        ];
        SWAPS.iter().fold(self.text.clone(), |text, (to_them, about_them)| text.replace(to_them, about_them))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Regime {
    /// Regulation 2: an adult who may need care and support.
    Adult,
    /// Regulation 3: a carer.
    Carer,
}

/// An outcome the person is unable to achieve, and how.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnableOutcome {
    pub key: String,
    pub label: String,
    pub plain: String,
    pub citation: String,
    pub ways: Vec<Way>,
}

/// The decision under s13(1), with its reasons (s13(2)).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Determination {
    pub regime: Regime,
    pub eligible: bool,
    /// The outcomes the person is unable to achieve, in the regulation's order. When eligible,
    /// these are the eligible needs the council must meet (s18, s20).
    pub unable: Vec<UnableOutcome>,
    /// For a carer eligible because their health is deteriorating.
    pub health_deteriorating: bool,
    pub reasons: Vec<Reason>,
    /// The period considered for fluctuating needs (regulation 2(4)).
    pub period: Option<(NaiveDate, NaiveDate)>,
}

impl Determination {
    /// The keys of the eligible outcomes (empty when not eligible).
    pub fn eligible_outcomes(&self) -> Vec<&str> {
        if self.eligible { self.unable.iter().map(|u| u.key.as_str()).collect() } else { Vec::new() }
    }
}

fn check_fluctuation(p: &mut Problems, fluctuation: &Option<Fluctuation>, today: NaiveDate) {
    let Some(f) = fluctuation else { return };
    match (f.from, f.to) {
        (None, _) => {
            p.add("fluctuation_from", "Enter the first day of the period you looked at (needs that come and go)")
        }
        (_, None) => p.add("fluctuation_to", "Enter the last day of the period you looked at"),
        (Some(from), Some(to)) if to < from => p.add("fluctuation_to", "The period must end after it starts"),
        (Some(from), _) if from > today => p.add("fluctuation_from", "The period must start today or in the past"),
        _ => {}
    }
    if f.description.trim().is_empty() {
        p.add("fluctuation_description", "Describe what good days and bad days are like");
    }
}

fn check_outcomes<O: Copy + PartialEq>(
    p: &mut Problems,
    findings: &[Finding<O>],
    all: &[O],
    label: fn(O) -> &'static str,
    carer: bool,
) {
    for outcome in all {
        let matching: Vec<&Finding<O>> = findings.iter().filter(|f| f.outcome == *outcome).collect();
        if matching.len() > 1 {
            p.add("outcomes", format!("\"{}\" is answered twice", label(*outcome)));
        }
        if matching.is_empty() {
            p.add("outcomes", "Answer every outcome: say whether the person can achieve it");
        }
        if carer {
            check_carer_ways(p, &matching);
        }
    }
}

/// Regulation 3(3) has no "significantly longer" limb for carers: the one place this is said,
/// for the check before a decision and for every save.
fn check_carer_ways<O>(p: &mut Problems, findings: &[&Finding<O>]) {
    if findings.iter().any(|f| f.ways.contains(&Way::TakesLonger)) {
        p.add(
            "outcomes",
            "For carers, taking significantly longer is not one of the ways in the regulations (regulation 3(3))",
        );
    }
}

impl AdultFindings {
    /// Whether the findings are complete enough to decide on.
    pub fn check(&self, today: NaiveDate) -> Problems {
        let mut p = Problems::default();
        if self.impairment.is_none() {
            p.add("impairment", "Say whether the needs arise from a physical or mental impairment or illness");
        }
        check_outcomes(&mut p, &self.outcomes, AdultOutcome::ALL, AdultOutcome::label, false);
        if self.significant_impact.is_none() {
            p.add("significant_impact", "Say whether there is, or is likely to be, a significant impact on wellbeing");
        }
        check_fluctuation(&mut p, &self.fluctuation, today);
        p
    }
}

impl CarerFindings {
    /// Ways of being unable recorded that the carers' regulations do not have (refused on any
    /// save, not only when the findings are checked before a decision).
    pub fn ways_outside_regulations(&self) -> Problems {
        let mut p = Problems::default();
        check_carer_ways(&mut p, &self.outcomes.iter().collect::<Vec<_>>());
        p
    }

    pub fn check(&self, today: NaiveDate) -> Problems {
        let mut p = Problems::default();
        if self.necessary_care.is_none() {
            p.add("necessary_care", "Say whether the needs arise from providing necessary care for an adult");
        }
        if self.health_deteriorating.is_none() {
            p.add("health_deteriorating", "Say whether the carer's health is, or is at risk of, getting worse");
        }
        check_outcomes(&mut p, &self.outcomes, CarerOutcome::ALL, CarerOutcome::label, true);
        if self.significant_impact.is_none() {
            p.add("significant_impact", "Say whether there is, or is likely to be, a significant impact on wellbeing");
        }
        check_fluctuation(&mut p, &self.fluctuation, today);
        p
    }
}

fn period(f: &Option<Fluctuation>) -> Option<(NaiveDate, NaiveDate)> {
    f.as_ref().and_then(|f| Some((f.from?, f.to?)))
}

fn outcomes_word(n: usize) -> String {
    if n == 1 { "1 of the outcomes".to_owned() } else { format!("{n} of the outcomes") }
}

/// Condition (c) of regulations 2(1) and 3(1): the significant impact on wellbeing.
fn impact_reason(impact: bool, citation: &str) -> Reason {
    Reason {
        met: impact,
        citation: citation.into(),
        text: if impact {
            "This has, or is likely to have, a big effect on your wellbeing.".into()
        } else {
            "This is not likely to have a big effect on your wellbeing.".into()
        },
    }
}

/// Regulation 2: an adult's eligibility. Unanswered conditions count as not met, so call
/// [`AdultFindings::check`] first.
pub fn determine_adult(findings: &AdultFindings) -> Determination {
    let impairment = findings.impairment == Some(true);
    let impact = findings.significant_impact == Some(true);
    let unable: Vec<UnableOutcome> = AdultOutcome::ALL
        .iter()
        .filter_map(|o| {
            let f = findings.outcomes.iter().find(|f| f.outcome == *o)?;
            (!f.ways.is_empty()).then(|| UnableOutcome {
                key: o.key().to_owned(),
                label: o.label().to_owned(),
                plain: o.plain().to_owned(),
                citation: o.regulation().to_owned(),
                ways: Way::ALL.iter().copied().filter(|w| f.ways.contains(w)).collect(),
            })
        })
        .collect();
    let two_or_more = unable.len() >= 2;
    let reasons = vec![
        Reason {
            met: impairment,
            citation: "regulation 2(1)(a)".into(),
            text: if impairment {
                "Your needs come from a physical or mental health condition or illness.".into()
            } else {
                "Your needs do not come from a physical or mental health condition or illness.".into()
            },
        },
        Reason {
            met: two_or_more,
            citation: "regulation 2(1)(b)".into(),
            text: format!(
                "You cannot achieve {} in the rules. The rules need 2 or more.",
                if unable.is_empty() { "any".to_owned() } else { outcomes_word(unable.len()) }
            ),
        },
        impact_reason(impact, "regulation 2(1)(c)"),
    ];
    Determination {
        regime: Regime::Adult,
        eligible: impairment && two_or_more && impact,
        unable,
        health_deteriorating: false,
        reasons,
        period: period(&findings.fluctuation),
    }
}

/// Regulation 3: a carer's eligibility. A "significantly longer" way never counts (regulation
/// 3(3)), even if one slipped past [`CarerFindings::check`].
pub fn determine_carer(findings: &CarerFindings) -> Determination {
    let necessary = findings.necessary_care == Some(true);
    let health = findings.health_deteriorating == Some(true);
    let impact = findings.significant_impact == Some(true);
    let unable: Vec<UnableOutcome> = CarerOutcome::ALL
        .iter()
        .filter_map(|o| {
            let f = findings.outcomes.iter().find(|f| f.outcome == *o)?;
            let ways: Vec<Way> = Way::FOR_CARERS.iter().copied().filter(|w| f.ways.contains(w)).collect();
            (!ways.is_empty()).then(|| UnableOutcome {
                key: o.key().to_owned(),
                label: o.label().to_owned(),
                plain: o.plain().to_owned(),
                citation: o.regulation().to_owned(),
                ways,
            })
        })
        .collect();
    let circumstance = health || !unable.is_empty();
    let reasons = vec![
        Reason {
            met: necessary,
            citation: "regulation 3(1)(a)".into(),
            text: if necessary {
                "Your needs come from the care you give to another adult.".into()
            } else {
                "Your needs do not come from care another adult needs from you.".into()
            },
        },
        Reason {
            met: circumstance,
            citation: "regulation 3(1)(b)".into(),
            text: match (health, unable.len()) {
                (true, 0) => "Caring is harming your health, or is likely to.".into(),
                (true, n) => format!("Caring is harming your health, or is likely to. You also cannot achieve {}.", outcomes_word(n)),
                (false, 0) => "Your health is not at risk from caring, and you can achieve each outcome in the rules. The rules need 1 or more.".into(),
                (false, n) => format!("You cannot achieve {} in the rules. For carers, 1 is enough.", outcomes_word(n)),
            },
        },
        impact_reason(impact, "regulation 3(1)(c)"),
    ];
    Determination {
        regime: Regime::Carer,
        eligible: necessary && circumstance && impact,
        unable,
        health_deteriorating: health,
        reasons,
        period: period(&findings.fluctuation),
    }
}

/// Why a determination cannot be issued yet.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum IssueBlocked {
    #[error(
        "no needs are eligible, so the record must give information and advice on what could meet, reduce, prevent or delay them (Care Act 2014 s13(5))"
    )]
    AdviceNeeded,
}

/// Section 13(5): when none of the needs is eligible, the written record includes information
/// and advice on what can be done to meet or reduce them and to prevent or delay needs.
pub fn may_issue(determination: &Determination, advice: &str) -> Result<(), IssueBlocked> {
    if !determination.eligible && advice.trim().is_empty() {
        return Err(IssueBlocked::AdviceNeeded);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn adult(impairment: bool, unable: &[(AdultOutcome, &[Way])], impact: bool) -> AdultFindings {
        AdultFindings {
            impairment: Some(impairment),
            outcomes: AdultOutcome::ALL
                .iter()
                .map(|o| match unable.iter().find(|(u, _)| u == o) {
                    Some((_, ways)) => Finding::unable(*o, ways, "seen at the visit"),
                    None => Finding::achieved(*o),
                })
                .collect(),
            significant_impact: Some(impact),
            ..AdultFindings::default()
        }
    }

    fn carer(necessary: bool, health: bool, unable: &[(CarerOutcome, &[Way])], impact: bool) -> CarerFindings {
        CarerFindings {
            necessary_care: Some(necessary),
            health_deteriorating: Some(health),
            outcomes: CarerOutcome::ALL
                .iter()
                .map(|o| match unable.iter().find(|(u, _)| u == o) {
                    Some((_, ways)) => Finding::unable(*o, ways, ""),
                    None => Finding::achieved(*o),
                })
                .collect(),
            significant_impact: Some(impact),
            ..CarerFindings::default()
        }
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()
    }

    #[test]
    fn regulation_2_eligible_adult_with_two_outcomes() {
        // Acceptance scenario 1: Ada cooks only in pain and needs prompting to wash.
        let f = adult(
            true,
            &[
                (AdultOutcome::Nutrition, &[Way::PainDistressAnxiety]),
                (AdultOutcome::PersonalHygiene, &[Way::WithoutHelp]),
            ],
            true,
        );
        assert!(f.check(today()).is_empty());
        let d = determine_adult(&f);
        assert!(d.eligible);
        assert_eq!(d.eligible_outcomes(), vec!["nutrition", "personal-hygiene"]);
        assert_eq!(d.unable[0].ways, vec![Way::PainDistressAnxiety]);
        assert_eq!(d.unable[0].citation, "regulation 2(2)(a)");
        let cited: Vec<&str> = d.reasons.iter().map(|r| r.citation.as_str()).collect();
        assert_eq!(cited, ["regulation 2(1)(a)", "regulation 2(1)(b)", "regulation 2(1)(c)"]);
        assert!(d.reasons.iter().all(|r| r.met));
    }

    #[test]
    fn regulation_2_1_b_one_outcome_is_not_enough_for_an_adult() {
        // Scenario 2: Ben cannot keep his home habitable, and nothing else.
        let d = determine_adult(&adult(true, &[(AdultOutcome::HabitableHome, &[Way::WithoutHelp])], true));
        assert!(!d.eligible);
        assert!(d.eligible_outcomes().is_empty());
        let b = &d.reasons[1];
        assert!(!b.met);
        assert_eq!(b.citation, "regulation 2(1)(b)");
        assert!(b.text.contains("1 of the outcomes"), "{}", b.text);
        assert!(b.text.contains("2 or more"));
        // Section 13(5): no advice, no issue.
        assert_eq!(may_issue(&d, "  "), Err(IssueBlocked::AdviceNeeded));
        assert_eq!(may_issue(&d, "Leicester Ageing Together runs a befriending group."), Ok(()));
    }

    #[test]
    fn regulation_2_1_a_no_impairment_means_not_eligible_whatever_the_count() {
        // Scenario 3: Cara's needs come from being evicted, not from an impairment or illness.
        let d = determine_adult(&adult(
            false,
            &[
                (AdultOutcome::Nutrition, &[Way::WithoutHelp]),
                (AdultOutcome::HabitableHome, &[Way::WithoutHelp]),
                (AdultOutcome::Relationships, &[Way::PainDistressAnxiety]),
            ],
            true,
        ));
        assert!(!d.eligible);
        assert!(!d.reasons[0].met);
        assert!(d.reasons[0].text.contains("do not come from"));
        assert!(d.reasons[1].met, "three outcomes, but condition (a) fails");
    }

    #[test]
    fn regulation_2_1_c_no_significant_impact_means_not_eligible() {
        let d = determine_adult(&adult(
            true,
            &[(AdultOutcome::Nutrition, &[Way::WithoutHelp]), (AdultOutcome::Clothed, &[Way::TakesLonger])],
            false,
        ));
        assert!(!d.eligible);
        assert!(!d.reasons[2].met);
    }

    #[test]
    fn regulation_2_3_d_taking_longer_counts_for_adults() {
        let d = determine_adult(&adult(
            true,
            &[(AdultOutcome::Nutrition, &[Way::TakesLonger]), (AdultOutcome::Clothed, &[Way::TakesLonger])],
            true,
        ));
        assert!(d.eligible);
    }

    #[test]
    fn regulation_3_a_carer_is_eligible_on_one_outcome() {
        // Scenario 4: Dev cannot work as he wishes; his health is fine. One outcome is enough.
        let f = carer(true, false, &[(CarerOutcome::WorkAndLearning, &[Way::WithoutHelp])], true);
        assert!(f.check(today()).is_empty());
        let d = determine_carer(&f);
        assert!(d.eligible);
        assert_eq!(d.eligible_outcomes(), vec!["work-learning"]);
        assert_eq!(d.reasons[1].citation, "regulation 3(1)(b)");
        assert!(d.reasons[1].text.contains("1 is enough"));
    }

    #[test]
    fn regulation_3_3_carers_cannot_use_taking_longer() {
        // Scenario 5: housework only takes Dev longer; that way does not exist for carers.
        let f = carer(true, false, &[(CarerOutcome::HabitableHome, &[Way::TakesLonger])], true);
        let problems = f.check(today());
        assert!(problems.get("outcomes").unwrap().contains("regulation 3(3)"));
        let d = determine_carer(&f);
        assert!(!d.eligible, "a longer-only row must not count");
        assert!(d.unable.is_empty());
    }

    #[test]
    fn regulation_3_2_a_deteriorating_health_alone_makes_a_carer_eligible() {
        let d = determine_carer(&carer(true, true, &[], true));
        assert!(d.eligible);
        assert!(d.health_deteriorating);
        assert!(d.unable.is_empty());
        assert!(d.reasons[1].text.contains("harming your health"));
    }

    #[test]
    fn regulation_3_1_a_needs_not_from_necessary_care_are_not_eligible() {
        let d = determine_carer(&carer(false, true, &[(CarerOutcome::Recreation, &[Way::WithoutHelp])], true));
        assert!(!d.eligible);
    }

    #[test]
    fn regulation_2_4_fluctuating_needs_need_a_period_and_a_description() {
        // Scenario 6: Eve's needs come and go; the period and her good and bad days are required.
        let mut f = adult(
            true,
            &[(AdultOutcome::Nutrition, &[Way::WithoutHelp]), (AdultOutcome::HomeSafely, &[Way::Endangers])],
            true,
        );
        f.fluctuation = Some(Fluctuation::default());
        let p = f.check(today());
        assert!(p.get("fluctuation_from").is_some());
        assert!(p.get("fluctuation_description").is_some());
        let from = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
        let to = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        f.fluctuation = Some(Fluctuation { from: Some(to), to: Some(from), description: "x".into() });
        assert!(f.check(today()).get("fluctuation_to").is_some());
        f.fluctuation =
            Some(Fluctuation { from: Some(from), to: Some(to), description: "Bad weeks after a relapse".into() });
        assert!(f.check(today()).is_empty());
        assert_eq!(determine_adult(&f).period, Some((from, to)));
    }

    #[test]
    fn every_outcome_must_be_answered_once() {
        let mut f = adult(true, &[], true);
        f.outcomes.pop();
        assert!(f.check(today()).get("outcomes").is_some());
        let mut f = adult(true, &[], true);
        f.outcomes.push(Finding::achieved(AdultOutcome::Nutrition));
        assert!(f.check(today()).get("outcomes").unwrap().contains("twice"));
        assert!(AdultFindings::default().check(today()).get("impairment").is_some());
    }

    fn any_ways() -> impl Strategy<Value = Vec<Way>> {
        proptest::sample::subsequence(Way::ALL.to_vec(), 0..=4)
    }

    proptest! {
        /// Regulation 2(1): eligible exactly when all three conditions hold, and the unable
        /// outcomes are exactly the rows with a way.
        #[test]
        fn adult_eligibility_is_the_three_conditions(
            impairment in any::<bool>(),
            impact in any::<bool>(),
            ways in proptest::collection::vec(any_ways(), 10),
        ) {
            let f = AdultFindings {
                impairment: Some(impairment),
                significant_impact: Some(impact),
                outcomes: AdultOutcome::ALL.iter().zip(&ways).map(|(o, w)| Finding { outcome: *o, ways: w.clone(), evidence: String::new() }).collect(),
                ..AdultFindings::default()
            };
            let d = determine_adult(&f);
            let unable = ways.iter().filter(|w| !w.is_empty()).count();
            prop_assert_eq!(d.unable.len(), unable);
            prop_assert_eq!(d.eligible, impairment && impact && unable >= 2);
            prop_assert_eq!(d.eligible, d.reasons.iter().all(|r| r.met));
            prop_assert!(!d.eligible || d.eligible_outcomes().len() >= 2);
        }

        /// Regulation 3(1): eligible exactly when care is necessary, health deteriorates or any
        /// outcome is unachievable in one of the three carer ways, and the impact is significant.
        #[test]
        fn carer_eligibility_is_any_one_outcome_or_health(
            necessary in any::<bool>(),
            health in any::<bool>(),
            impact in any::<bool>(),
            ways in proptest::collection::vec(any_ways(), 8),
        ) {
            let f = CarerFindings {
                necessary_care: Some(necessary),
                health_deteriorating: Some(health),
                significant_impact: Some(impact),
                outcomes: CarerOutcome::ALL.iter().zip(&ways).map(|(o, w)| Finding { outcome: *o, ways: w.clone(), evidence: String::new() }).collect(),
                ..CarerFindings::default()
            };
            let d = determine_carer(&f);
            let counting = ways.iter().filter(|w| w.iter().any(|w| *w != Way::TakesLonger)).count();
            prop_assert_eq!(d.unable.len(), counting);
            prop_assert_eq!(d.eligible, necessary && impact && (health || counting >= 1));
            prop_assert!(d.unable.iter().all(|u| !u.ways.contains(&Way::TakesLonger)));
            // Only an ineligible determination needs the s13(5) advice.
            prop_assert_eq!(may_issue(&d, "").is_ok(), d.eligible);
        }
    }

    /// The first `unable` outcomes not achieved (without help), the rest achieved.
    fn first_unable<O: Copy>(all: &[O], unable: usize) -> Vec<Finding<O>> {
        all.iter()
            .enumerate()
            .map(|(i, o)| if i < unable { Finding::unable(*o, &[Way::WithoutHelp], "") } else { Finding::achieved(*o) })
            .collect()
    }

    #[test]
    fn every_reason_reads_about_the_person_on_the_workers_form() {
        let mut reasons = Vec::new();
        for impairment in [true, false] {
            for unable in [0usize, 1, 3] {
                for impact in [true, false] {
                    let findings = AdultFindings {
                        impairment: Some(impairment),
                        outcomes: first_unable(AdultOutcome::ALL, unable),
                        significant_impact: Some(impact),
                        ..AdultFindings::default()
                    };
                    reasons.extend(determine_adult(&findings).reasons);
                    for (necessary, health) in [(true, true), (false, false)] {
                        let carer = CarerFindings {
                            necessary_care: Some(necessary),
                            health_deteriorating: Some(health),
                            outcomes: first_unable(CarerOutcome::ALL, unable),
                            significant_impact: Some(impact),
                            ..CarerFindings::default()
                        };
                        reasons.extend(determine_carer(&carer).reasons);
                    }
                }
            }
        }
        for reason in &reasons {
            let about = reason.about_them();
            let words: Vec<String> = about.split(|c: char| !c.is_alphabetic()).map(str::to_lowercase).collect();
            assert!(!words.iter().any(|w| w == "you" || w == "your"), "{} -> {about}", reason.text);
        }
        let first = &determine_adult(&AdultFindings { impairment: Some(false), ..AdultFindings::default() }).reasons[0];
        assert_eq!(
            first.about_them(),
            "Their needs do not come from a physical or mental health condition or illness."
        );
    }
}
