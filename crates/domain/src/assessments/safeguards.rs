//! The safeguards around an assessment: refusing one (Care Act 2014 s11), independent advocacy
//! (s67 and s68) and mental capacity (Mental Capacity Act 2005 ss1 to 4).

use crate::Problems;
use serde::{Deserialize, Serialize};

/// What a refusal of a needs assessment means (s11). An adult may refuse, and then no
/// assessment is required, except where (a) they lack capacity to refuse and the assessment is
/// in their best interests, or (b) they are experiencing, or at risk of, abuse or neglect
/// (s11(2)). A carer may refuse outright (s11(3)), and a later request revives the duty (s11(4)).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Refusal {
    /// The refusal stands: the assessment ends, with information and advice.
    Stands,
    /// s11(2)(a): the assessment goes ahead in the person's best interests.
    OverriddenBestInterests,
    /// s11(2)(b): the assessment goes ahead because of a risk of abuse or neglect.
    OverriddenAbuseOrNeglect,
}

impl Refusal {
    pub const ALL: [Refusal; 3] =
        [Refusal::Stands, Refusal::OverriddenBestInterests, Refusal::OverriddenAbuseOrNeglect];

    /// The name kept in the database.
    pub fn key(self) -> &'static str {
        match self {
            Refusal::Stands => "stands",
            Refusal::OverriddenBestInterests => "overridden-best-interests",
            Refusal::OverriddenAbuseOrNeglect => "overridden-abuse-or-neglect",
        }
    }

    pub fn from_key(key: &str) -> Option<Refusal> {
        Refusal::ALL.into_iter().find(|r| r.key() == key)
    }

    pub fn citation(self) -> &'static str {
        match self {
            Refusal::Stands => "Care Act 2014 s11(1)",
            Refusal::OverriddenBestInterests => "Care Act 2014 s11(2)(a)",
            Refusal::OverriddenAbuseOrNeglect => "Care Act 2014 s11(2)(b)",
        }
    }

    pub fn plain(self) -> &'static str {
        match self {
            Refusal::Stands => "The person said no to an assessment, so it has stopped",
            Refusal::OverriddenBestInterests => {
                "The person cannot decide about the assessment, and it is in their best interests, so it goes ahead"
            }
            Refusal::OverriddenAbuseOrNeglect => {
                "The person said no, but they may be at risk of abuse or neglect, so the assessment goes ahead"
            }
        }
    }

    pub fn goes_ahead(self) -> bool {
        self != Refusal::Stands
    }
}

/// Section 11: what happens when someone refuses an assessment. `lacks_capacity_best_interests`
/// needs a capacity assessment for the decision to refuse; `abuse_or_neglect` is true when a
/// safeguarding concern is open or the practitioner records the risk.
pub fn refusal(carer: bool, lacks_capacity_best_interests: bool, abuse_or_neglect: bool) -> Refusal {
    if carer {
        // s11(3): a carer's refusal stands; s11(2) is about adults needing care.
        return Refusal::Stands;
    }
    if abuse_or_neglect {
        Refusal::OverriddenAbuseOrNeglect
    } else if lacks_capacity_best_interests {
        Refusal::OverriddenBestInterests
    } else {
        Refusal::Stands
    }
}

/// Section 67(4): the four things a person may have substantial difficulty with in being
/// involved.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Difficulty {
    pub understanding: bool,
    pub retaining: bool,
    pub using_or_weighing: bool,
    pub communicating: bool,
}

impl Difficulty {
    pub fn any(self) -> bool {
        self.understanding || self.retaining || self.using_or_weighing || self.communicating
    }
}

/// Who could support the person instead of an advocate (s67(5)): someone appropriate, available
/// and willing, who is not paid or acting professionally.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppropriatePerson {
    pub name: String,
    /// Paid or professional: then they cannot be the appropriate individual.
    pub paid_or_professional: bool,
    pub willing: bool,
    /// The person, if they have capacity, agrees to be supported by them (s67(6)).
    pub person_agrees: bool,
}

impl AppropriatePerson {
    pub fn is_appropriate(&self) -> bool {
        !self.name.trim().is_empty() && !self.paid_or_professional && self.willing && self.person_agrees
    }
}

/// Section 67(2) to (5): an independent advocate must be arranged when the person would have
/// substantial difficulty in being involved and nobody appropriate can support them.
pub fn advocate_required(difficulty: Difficulty, supporter: Option<&AppropriatePerson>) -> bool {
    difficulty.any() && !supporter.is_some_and(AppropriatePerson::is_appropriate)
}

/// Where an advocacy need stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "status")]
pub enum Advocacy {
    NotNeeded,
    Appointed {
        advocate: String,
    },
    /// A team manager recorded why the work goes ahead without one.
    ManagerException {
        reason: String,
    },
    Waiting,
}

/// Why an assessment (or plan or review) cannot be submitted yet.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AdvocacyBlocked {
    #[error(
        "an independent advocate is needed (Care Act 2014 s67): appoint one, or ask a team manager to record why the work goes ahead without one"
    )]
    AdvocateNeeded,
}

/// The gate on submission: when an advocate is required, one is appointed or a manager has
/// recorded the exception.
pub fn may_submit(required: bool, advocacy: &Advocacy) -> Result<(), AdvocacyBlocked> {
    match advocacy {
        _ if !required => Ok(()),
        Advocacy::Appointed { advocate } if !advocate.trim().is_empty() => Ok(()),
        Advocacy::ManagerException { reason } if !reason.trim().is_empty() => Ok(()),
        _ => Err(AdvocacyBlocked::AdvocateNeeded),
    }
}

/// A decision-specific capacity assessment (Mental Capacity Act 2005 ss2 and 3). Capacity is
/// assumed unless established otherwise (s1(2)); a person lacks it only if, because of an
/// impairment of or disturbance in the functioning of the mind or brain (s2(1)), they cannot
/// understand, retain, use or weigh the information, or communicate the decision (s3(1)), after
/// all practicable steps to help them have been taken (s1(3)).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CapacityFindings {
    /// The decision, named: "where to live", never "capacity" in general.
    pub decision: String,
    /// s2(1): the impairment or disturbance, if any.
    pub impairment: String,
    pub can_understand: Option<bool>,
    pub can_retain: Option<bool>,
    pub can_use_or_weigh: Option<bool>,
    pub can_communicate: Option<bool>,
    /// s1(3): what was done to help the person decide.
    pub steps_taken: String,
    #[serde(default)]
    pub evidence: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Capacity {
    Has,
    Lacks,
}

impl Capacity {
    pub fn plain(self) -> &'static str {
        match self {
            Capacity::Has => "Has capacity to make this decision",
            Capacity::Lacks => "Lacks capacity to make this decision",
        }
    }
}

/// Decision words too vague to be a specific decision.
const NOT_A_DECISION: &[&str] = &["capacity", "general", "everything", "all decisions", "all", "mca", "n/a"];

impl CapacityFindings {
    /// The finding, or the problems that stop one. A lack of capacity needs the impairment, at
    /// least one functional test failed, and the steps taken to help.
    pub fn conclude(&self) -> Result<Capacity, Problems> {
        let mut p = Problems::default();
        let decision = self.decision.trim().to_lowercase();
        if decision.is_empty() || NOT_A_DECISION.contains(&decision.as_str()) {
            p.add(
                "decision",
                "Name the decision, for example \"moving to a care home\": capacity is about one decision at a time (Mental Capacity Act 2005 s2(1))",
            );
        }
        let tests = [
            ("can_understand", self.can_understand, "understand the information"),
            ("can_retain", self.can_retain, "keep the information in mind"),
            ("can_use_or_weigh", self.can_use_or_weigh, "use or weigh the information"),
            ("can_communicate", self.can_communicate, "communicate the decision"),
        ];
        for (field, answer, words) in tests {
            if answer.is_none() {
                p.add(field, format!("Say whether the person can {words} (s3(1))"));
            }
        }
        let fails = tests.iter().any(|(_, a, _)| *a == Some(false));
        if fails {
            if self.impairment.trim().is_empty() {
                p.add(
                    "impairment",
                    "Describe the impairment of, or disturbance in, the mind or brain that causes this (s2(1)); without one, the person has capacity",
                );
            }
            if self.steps_taken.trim().is_empty() {
                p.add("steps_taken", "Say what was done to help the person make the decision themselves (s1(3))");
            }
        }
        if !p.is_empty() {
            return Err(p);
        }
        Ok(if fails { Capacity::Lacks } else { Capacity::Has })
    }
}

/// What a best-interests decision must say (Mental Capacity Act 2005 s1(6), s4(7)), every
/// missing answer at once, each keyed to the form's field.
pub fn best_interests_answers(consultees: &str, decision: &str, options_considered: &str) -> Problems {
    let mut p = Problems::default();
    if options_considered.trim().is_empty() {
        p.add("options", "List the options considered, including the least restrictive (s1(6))");
    }
    if consultees.trim().is_empty() {
        p.add(
            "consultees",
            "List who was consulted: the person's carers, anyone they named, and any attorney or deputy (s4(7))",
        );
    }
    if decision.trim().is_empty() {
        p.add("decision", "Record the decision made");
    }
    p
}

/// Section 4: a best-interests decision follows only a finding that the person lacks capacity
/// for that same decision, and says what [`best_interests_answers`] asks for.
pub fn may_decide_best_interests(
    capacity_for_decision: Option<Capacity>,
    consultees: &str,
    decision: &str,
    options_considered: &str,
) -> Result<(), Problems> {
    let mut p = Problems::default();
    if capacity_for_decision != Some(Capacity::Lacks) {
        p.add(
            "decision",
            "A best-interests decision follows only a finding that the person lacks capacity for that decision (Mental Capacity Act 2005 s4)",
        );
    }
    p.extend(best_interests_answers(consultees, decision, options_considered));
    if p.is_empty() { Ok(()) } else { Err(p) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn section_11_refusal_stands_unless_abuse_or_best_interests() {
        // Scenario 7: Frank refuses; a concern about financial abuse by a lodger is open.
        assert_eq!(refusal(false, false, true), Refusal::OverriddenAbuseOrNeglect);
        assert_eq!(Refusal::OverriddenAbuseOrNeglect.citation(), "Care Act 2014 s11(2)(b)");
        assert!(Refusal::OverriddenAbuseOrNeglect.goes_ahead());
        // Without the concern, the refusal stands.
        assert_eq!(refusal(false, false, false), Refusal::Stands);
        assert!(!Refusal::Stands.goes_ahead());
        assert_eq!(refusal(false, true, false), Refusal::OverriddenBestInterests);
        // s11(3): carers may refuse.
        assert_eq!(refusal(true, false, true), Refusal::Stands);
    }

    #[test]
    fn section_67_advocacy_when_substantial_difficulty_and_nobody_appropriate() {
        // Scenario 8: Grace cannot retain or weigh information; her brother is her paid carer.
        let grace = Difficulty { retaining: true, using_or_weighing: true, ..Difficulty::default() };
        let brother =
            AppropriatePerson { name: "Tom".into(), paid_or_professional: true, willing: true, person_agrees: true };
        assert!(advocate_required(grace, Some(&brother)), "paid, so not appropriate (s67(5))");
        assert!(advocate_required(grace, None));
        let friend = AppropriatePerson { paid_or_professional: false, ..brother.clone() };
        assert!(!advocate_required(grace, Some(&friend)));
        let unwilling = AppropriatePerson { willing: false, ..friend.clone() };
        assert!(advocate_required(grace, Some(&unwilling)));
        assert!(!advocate_required(Difficulty::default(), None), "no difficulty, no duty");
    }

    #[test]
    fn section_67_no_submission_until_an_advocate_or_a_managers_reason() {
        assert_eq!(may_submit(true, &Advocacy::Waiting), Err(AdvocacyBlocked::AdvocateNeeded));
        assert_eq!(
            may_submit(true, &Advocacy::Appointed { advocate: " ".into() }),
            Err(AdvocacyBlocked::AdvocateNeeded)
        );
        assert_eq!(may_submit(true, &Advocacy::Appointed { advocate: "Voiceability".into() }), Ok(()));
        assert_eq!(
            may_submit(true, &Advocacy::ManagerException { reason: "".into() }),
            Err(AdvocacyBlocked::AdvocateNeeded)
        );
        assert_eq!(
            may_submit(true, &Advocacy::ManagerException { reason: "Her sister has come back from abroad".into() }),
            Ok(())
        );
        assert_eq!(may_submit(false, &Advocacy::Waiting), Ok(()));
    }

    fn leo() -> CapacityFindings {
        CapacityFindings {
            decision: "Moving to a care home".into(),
            impairment: "Vascular dementia".into(),
            can_understand: Some(true),
            can_retain: Some(true),
            can_use_or_weigh: Some(false),
            can_communicate: Some(true),
            steps_taken: "Visited twice, at his best time of day, with pictures of the home".into(),
            evidence: String::new(),
        }
    }

    #[test]
    fn mca_capacity_is_decision_specific() {
        // Scenario 15: no decision, no assessment.
        let vague = CapacityFindings { decision: "capacity".into(), ..leo() };
        assert!(vague.conclude().unwrap_err().get("decision").unwrap().contains("one decision at a time"));
        let blank = CapacityFindings { decision: "  ".into(), ..leo() };
        assert!(blank.conclude().is_err());
    }

    #[test]
    fn mca_s2_s3_lacking_capacity_needs_the_impairment_a_failed_test_and_steps() {
        assert_eq!(leo().conclude(), Ok(Capacity::Lacks));
        let no_impairment = CapacityFindings { impairment: "".into(), ..leo() };
        assert!(no_impairment.conclude().unwrap_err().get("impairment").is_some());
        let no_steps = CapacityFindings { steps_taken: "".into(), ..leo() };
        assert!(no_steps.conclude().unwrap_err().get("steps_taken").is_some());
        // Every test passed: capacity, whatever the diagnosis (s1(2), s1(4)).
        let passes = CapacityFindings { can_use_or_weigh: Some(true), steps_taken: "".into(), ..leo() };
        assert_eq!(passes.conclude(), Ok(Capacity::Has));
        let unanswered = CapacityFindings { can_retain: None, ..leo() };
        assert!(unanswered.conclude().unwrap_err().get("can_retain").is_some());
    }

    #[test]
    fn mca_s4_best_interests_only_after_a_lack_of_capacity_for_that_decision() {
        let not_found_lacking =
            may_decide_best_interests(None, "His daughter", "Move to Elm House", "Home care four times a day")
                .unwrap_err();
        assert!(not_found_lacking.get("decision").unwrap().contains("s4"));
        assert!(may_decide_best_interests(Some(Capacity::Has), "His daughter", "Move", "Stay").is_err());
        assert_eq!(may_decide_best_interests(Some(Capacity::Lacks), "His daughter", "Move", "Stay"), Ok(()));
    }

    #[test]
    fn mca_s4_7_and_s1_6_every_missing_answer_is_named_at_its_field() {
        let all_missing = may_decide_best_interests(Some(Capacity::Lacks), " ", "", "").unwrap_err();
        assert_eq!(all_missing.len(), 3);
        assert!(all_missing.get("consultees").unwrap().contains("s4(7)"));
        assert!(all_missing.get("options").unwrap().contains("s1(6)"));
        assert!(all_missing.get("decision").is_some());
        let only_consultees = may_decide_best_interests(Some(Capacity::Lacks), "", "Move", "Stay").unwrap_err();
        assert_eq!(only_consultees.len(), 1);
        assert!(only_consultees.get("consultees").is_some());
    }
}
