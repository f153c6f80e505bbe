//! A safeguarding enquiry (Care Act 2014 s42(2)), led by the person it is about: Making
//! Safeguarding Personal asks them at the start what they want to happen, in their own words, and
//! at the end whether that was achieved and whether they feel safer (statutory guidance 14.15 and
//! 14.95). An independent advocate is arranged where s68 needs one, as s67 works for assessments.
//! The lead concludes it; a safeguarding adults manager, never the lead, signs the conclusion off.

use super::{Achieved, ActionAndResult, Asked, LackedCapacity, Risk, RiskOutcome};
use crate::Problems;
use crate::assessments::safeguards::{Advocacy, may_submit};
use serde::{Deserialize, Serialize};

/// Whether the enquiry is the s42(2) duty, or another the council judged proportionate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    SectionFortyTwo,
    Other,
}

/// Where an enquiry is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Open,
    /// Concluded by its lead, waiting for a manager to sign it off.
    AwaitingSignOff,
    Closed,
}

impl Status {
    pub fn key(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::AwaitingSignOff => "awaiting-sign-off",
            Status::Closed => "closed",
        }
    }

    pub fn from_key(key: &str) -> Option<Status> {
        [Status::Open, Status::AwaitingSignOff, Status::Closed].into_iter().find(|s| s.key() == key)
    }

    pub fn label(self) -> &'static str {
        match self {
            Status::Open => "Open",
            Status::AwaitingSignOff => "Waiting for a manager to sign it off",
            Status::Closed => "Closed",
        }
    }
}

/// How the adult feels at the end (Making Safeguarding Personal).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FeelsSafer {
    Yes,
    Partly,
    No,
    /// They could not say, or chose not to.
    CouldNotSay,
}

/// What the lead records to conclude an enquiry.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conclusion {
    pub risks: Vec<Risk>,
    pub result: Option<ActionAndResult>,
    pub risk_outcome: Option<RiskOutcome>,
    pub lacked_capacity: Option<LackedCapacity>,
    /// For an adult who lacked capacity: supported by an advocate, family or a friend (SG3a).
    pub supported: bool,
    pub asked: Option<Asked>,
    /// What they wanted to happen, in their own words, when they said.
    pub wanted: String,
    /// Why they were not asked, when they were not.
    pub not_asked_because: String,
    pub achieved: Option<Achieved>,
    pub feels_safer: Option<FeelsSafer>,
}

/// What must be in place before the lead concludes: each problem names its answer.
pub fn may_conclude(c: &Conclusion, advocate_required: bool, advocacy: &Advocacy) -> Problems {
    let mut problems = Problems::default();
    if let Err(blocked) = may_submit(advocate_required, advocacy) {
        problems.add("advocacy", format!("{}", blocked).replace("s67", "s68"));
    }
    problems.check(c.risks.is_empty(), "risks", "Record at least one type of risk, where it was and who it came from");
    match c.result {
        None => problems.add("result", "Say what the enquiry found about the risk, and whether action was taken"),
        Some(ActionAndResult::IdentifiedActionTaken) => problems.check(
            c.risk_outcome.is_none(),
            "risk_outcome",
            "Say whether the risk remained, was reduced or was removed",
        ),
        Some(_) => {}
    }
    match c.lacked_capacity {
        None | Some(LackedCapacity::NotRecorded) => {
            problems.add("lacked_capacity", "Say whether they lacked capacity to make decisions about the risk")
        }
        Some(_) => {}
    }
    // Making Safeguarding Personal: the enquiry cannot close without what they wanted and how far
    // it was achieved, and how safe they feel.
    match c.asked {
        None | Some(Asked::NotRecorded) | Some(Asked::DontKnow) => {
            problems.add("asked", "Say whether they were asked what they wanted to happen")
        }
        Some(Asked::YesExpressed) => {
            problems.check(c.wanted.trim().is_empty(), "wanted", "Write what they wanted to happen, in their words");
            problems.check(c.achieved.is_none(), "achieved", "Say whether what they wanted was achieved");
        }
        Some(Asked::No) => {
            problems.check(c.not_asked_because.trim().is_empty(), "not_asked_because", "Say why they were not asked")
        }
        Some(Asked::YesNoneExpressed) => {}
    }
    problems.check(c.feels_safer.is_none(), "feels_safer", "Say whether they feel safer");
    problems
}

/// A manager signs the conclusion off: never the person who led the enquiry (the same
/// separation of duties as an assessment's approval).
pub fn may_sign_off(status: Status, led_by: &str, manager: &str) -> Problems {
    let mut problems = Problems::default();
    problems.check(status != Status::AwaitingSignOff, "form", "Only a concluded enquiry can be signed off");
    problems.check(led_by == manager, "form", "Someone other than the lead signs the enquiry off");
    problems
}

#[cfg(test)]
mod tests {
    use super::super::{Location, RiskType, Source};
    use super::*;

    fn concluded() -> Conclusion {
        Conclusion {
            risks: vec![Risk { kind: RiskType::Financial, location: Location::OwnHome, source: Source::KnownToThem }],
            result: Some(ActionAndResult::IdentifiedActionTaken),
            risk_outcome: Some(RiskOutcome::Reduced),
            lacked_capacity: Some(LackedCapacity::No),
            supported: false,
            asked: Some(Asked::YesExpressed),
            wanted: "I want my nephew to stop taking my pension".to_owned(),
            not_asked_because: String::new(),
            achieved: Some(Achieved::Partly),
            feels_safer: Some(FeelsSafer::Yes),
        }
    }

    #[test]
    fn an_enquiry_concludes_with_what_the_adult_wanted_and_how_far_it_was_achieved() {
        assert!(may_conclude(&concluded(), false, &Advocacy::NotNeeded).is_empty());
        let mut c = concluded();
        c.wanted.clear();
        c.achieved = None;
        c.feels_safer = None;
        let problems = may_conclude(&c, false, &Advocacy::NotNeeded);
        for field in ["wanted", "achieved", "feels_safer"] {
            assert!(problems.get(field).is_some(), "{field}");
        }
        c.asked = Some(Asked::NotRecorded);
        assert!(may_conclude(&c, false, &Advocacy::NotNeeded).get("asked").is_some());
        c.asked = Some(Asked::No);
        assert!(may_conclude(&c, false, &Advocacy::NotNeeded).get("not_asked_because").is_some());
    }

    #[test]
    fn a_risk_acted_on_says_whether_it_remained_reduced_or_removed_sg2e() {
        let mut c = concluded();
        c.risk_outcome = None;
        assert!(may_conclude(&c, false, &Advocacy::NotNeeded).get("risk_outcome").is_some());
        c.result = Some(ActionAndResult::NoneNoAction);
        assert!(may_conclude(&c, false, &Advocacy::NotNeeded).is_empty());
    }

    #[test]
    fn without_the_advocate_s68_needs_the_enquiry_cannot_conclude() {
        let blocked = may_conclude(&concluded(), true, &Advocacy::Waiting);
        assert!(blocked.get("advocacy").unwrap().contains("s68"));
        assert!(may_conclude(&concluded(), true, &Advocacy::Appointed { advocate: "A. Advocate".into() }).is_empty());
        let exception = Advocacy::ManagerException { reason: "Urgent protection needed today".into() };
        assert!(may_conclude(&concluded(), true, &exception).is_empty());
    }

    #[test]
    fn the_lead_never_signs_off_their_own_enquiry() {
        assert!(may_sign_off(Status::AwaitingSignOff, "u1", "u2").is_empty());
        assert!(!may_sign_off(Status::AwaitingSignOff, "u1", "u1").is_empty());
        assert!(!may_sign_off(Status::Open, "u1", "u2").is_empty());
    }
}
