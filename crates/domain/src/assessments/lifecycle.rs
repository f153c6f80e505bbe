//! Where an assessment and a plan are in their lives, and the only moves between stages.
//!
//! Each move is a function from the stage a record is at to the stage it goes to, or the
//! problem that stops it: the store asks here before it writes, and the pages ask the same
//! questions to decide which forms to offer. Who may make a move (four eyes, team managers) is
//! in [`super::approval`]; what a record must hold before it moves is checked beside its
//! contents ([`super::eligibility`], [`super::plans`]).
//!
//! - Assessment: in progress (s9, s10) → submitted → completed, when approved and the
//!   eligibility determination is issued (s13(1), (2)); or returned for changes and submitted
//!   again; or refused by the person, where the refusal stands (s11(1), (3)).
//! - Plan: being written (s24, s25) → submitted → (panel, where local policy asks) → approved
//!   → in place once agreed with the person (s25(3), (5)) → reviewed (s27) and then replaced
//!   by a revised version or ended.

use super::safeguards::Refusal;
use crate::Problems;

/// A move the stage does not allow: about the whole request, since no answer on a form changes
/// where the record is.
fn not_now(message: &'static str) -> Problems {
    Problems::one(Problems::FORM, message)
}

/// Where an assessment is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AssessmentStatus {
    InProgress,
    Submitted,
    Returned,
    /// Approved, and the eligibility determination issued.
    Completed,
    /// The person refused and the refusal stands (s11).
    Refused,
}

impl AssessmentStatus {
    pub const ALL: [AssessmentStatus; 5] = [
        AssessmentStatus::InProgress,
        AssessmentStatus::Submitted,
        AssessmentStatus::Returned,
        AssessmentStatus::Completed,
        AssessmentStatus::Refused,
    ];

    pub fn key(self) -> &'static str {
        match self {
            AssessmentStatus::InProgress => "in-progress",
            AssessmentStatus::Submitted => "submitted",
            AssessmentStatus::Returned => "returned",
            AssessmentStatus::Completed => "completed",
            AssessmentStatus::Refused => "refused",
        }
    }

    /// The stage a stored key names; `None` for a key Hearth never writes, which the store
    /// reports as unreadable rather than guessing an editable stage.
    pub fn from_key(key: &str) -> Option<AssessmentStatus> {
        AssessmentStatus::ALL.into_iter().find(|s| s.key() == key)
    }

    pub fn label(self) -> &'static str {
        match self {
            AssessmentStatus::InProgress => "In progress",
            AssessmentStatus::Submitted => "Waiting for approval",
            AssessmentStatus::Returned => "Returned for changes",
            AssessmentStatus::Completed => "Completed",
            AssessmentStatus::Refused => "Refused by the person",
        }
    }

    /// Whether the practitioner can still change it.
    pub fn editable(self) -> bool {
        matches!(self, AssessmentStatus::InProgress | AssessmentStatus::Returned)
    }

    /// Changing what it records: only while it is with the practitioner.
    pub fn may_change(self) -> Result<(), Problems> {
        if self.editable() {
            Ok(())
        } else {
            Err(not_now("This assessment is no longer with the practitioner, so it cannot be changed"))
        }
    }

    /// Sending it for a team manager's approval.
    pub fn submit(self) -> Result<AssessmentStatus, Problems> {
        if self.editable() {
            Ok(AssessmentStatus::Submitted)
        } else {
            Err(not_now("This assessment is not with the practitioner"))
        }
    }

    /// Whether it is waiting for a decision on approval.
    pub fn waiting(self) -> bool {
        self == AssessmentStatus::Submitted
    }

    /// Sending it back with a comment.
    pub fn send_back(self) -> Result<AssessmentStatus, Problems> {
        if self.waiting() {
            Ok(AssessmentStatus::Returned)
        } else {
            Err(not_now("This assessment is not waiting for approval"))
        }
    }

    /// Approving it, which issues the determination (s13(1), (2)).
    pub fn approve(self) -> Result<AssessmentStatus, Problems> {
        if self.waiting() {
            Ok(AssessmentStatus::Completed)
        } else {
            Err(not_now("This assessment is not waiting for approval"))
        }
    }

    /// Recording that the person refused: where the refusal stands the assessment ends (s11(1),
    /// (3)); where it is overridden (s11(2)) the assessment carries on where it was.
    pub fn refuse(self, outcome: Refusal) -> Result<AssessmentStatus, Problems> {
        if !self.editable() {
            return Err(not_now("This assessment can no longer be changed"));
        }
        Ok(if outcome == Refusal::Stands { AssessmentStatus::Refused } else { self })
    }
}

/// Where a care and support plan (or a carer's support plan) is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlanStatus {
    Draft,
    Submitted,
    /// Approved by a manager, waiting for the panel.
    Panel,
    Returned,
    /// Approved: ready to agree with the person.
    Approved,
    Active,
    /// Replaced by a newer version after a review.
    Replaced,
    Ended,
}

impl PlanStatus {
    pub const ALL: [PlanStatus; 8] = [
        PlanStatus::Draft,
        PlanStatus::Submitted,
        PlanStatus::Panel,
        PlanStatus::Returned,
        PlanStatus::Approved,
        PlanStatus::Active,
        PlanStatus::Replaced,
        PlanStatus::Ended,
    ];

    pub fn key(self) -> &'static str {
        match self {
            PlanStatus::Draft => "draft",
            PlanStatus::Submitted => "submitted",
            PlanStatus::Panel => "panel",
            PlanStatus::Returned => "returned",
            PlanStatus::Approved => "approved",
            PlanStatus::Active => "active",
            PlanStatus::Replaced => "replaced",
            PlanStatus::Ended => "ended",
        }
    }

    /// The stage a stored key names; `None` for a key Hearth never writes.
    pub fn from_key(key: &str) -> Option<PlanStatus> {
        PlanStatus::ALL.into_iter().find(|s| s.key() == key)
    }

    pub fn label(self) -> &'static str {
        match self {
            PlanStatus::Draft => "Being written",
            PlanStatus::Submitted => "Waiting for a manager's approval",
            PlanStatus::Panel => "Waiting for the panel",
            PlanStatus::Returned => "Returned for changes",
            PlanStatus::Approved => "Approved: to agree with the person",
            PlanStatus::Active => "In place",
            PlanStatus::Replaced => "Replaced by a newer version",
            PlanStatus::Ended => "Ended",
        }
    }

    pub fn editable(self) -> bool {
        matches!(self, PlanStatus::Draft | PlanStatus::Returned)
    }

    /// Changing the plan's words and services: only while it is being written.
    pub fn may_change(self) -> Result<(), Problems> {
        if self.editable() { Ok(()) } else { Err(not_now("This plan has been submitted and can no longer be changed")) }
    }

    pub fn submit(self) -> Result<PlanStatus, Problems> {
        self.may_change().map(|()| PlanStatus::Submitted)
    }

    /// Whether it is waiting for a manager's or the panel's decision.
    pub fn waiting(self) -> bool {
        matches!(self, PlanStatus::Submitted | PlanStatus::Panel)
    }

    /// Approving it: a manager's approval goes on to the panel when local policy asks
    /// (`needs_panel`); the panel's approval is the last.
    pub fn approve(self, needs_panel: bool) -> Result<PlanStatus, Problems> {
        match self {
            PlanStatus::Submitted if needs_panel => Ok(PlanStatus::Panel),
            PlanStatus::Submitted | PlanStatus::Panel => Ok(PlanStatus::Approved),
            _ => Err(not_now("This plan is not waiting for approval")),
        }
    }

    pub fn send_back(self) -> Result<PlanStatus, Problems> {
        if self.waiting() { Ok(PlanStatus::Returned) } else { Err(not_now("This plan is not waiting for approval")) }
    }

    /// Agreeing it with the person puts it in place (s25(3), (5)).
    pub fn agree(self) -> Result<PlanStatus, Problems> {
        if self == PlanStatus::Approved {
            Ok(PlanStatus::Active)
        } else {
            Err(not_now("The plan must be approved before it is agreed"))
        }
    }

    /// Reviewing it, or anything that follows from a review (s27): only a plan in place.
    pub fn may_review(self) -> Result<(), Problems> {
        if self == PlanStatus::Active { Ok(()) } else { Err(not_now("Only a plan in place can be reviewed")) }
    }

    /// A review that ends it.
    pub fn end(self) -> Result<PlanStatus, Problems> {
        self.may_review().map(|()| PlanStatus::Ended)
    }

    /// A revised version agreed in its place.
    pub fn replace(self) -> Result<PlanStatus, Problems> {
        if self == PlanStatus::Active {
            Ok(PlanStatus::Replaced)
        } else {
            Err(not_now("Only a plan in place can be replaced by a revised version"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use AssessmentStatus as A;
    use PlanStatus as P;

    #[test]
    fn every_stage_is_read_back_from_its_key_and_nothing_else_is_guessed() {
        for s in A::ALL {
            assert_eq!(A::from_key(s.key()), Some(s));
        }
        for s in P::ALL {
            assert_eq!(P::from_key(s.key()), Some(s));
        }
        // An unknown key is not taken as the editable stage.
        assert_eq!(A::from_key("in progress"), None);
        assert_eq!(P::from_key(""), None);
    }

    #[test]
    fn an_assessment_goes_from_the_practitioner_to_approval_and_back_only_by_its_moves() {
        // s9, s10: assessed and recorded by the practitioner, then sent for sign-off.
        assert_eq!(A::InProgress.submit(), Ok(A::Submitted));
        assert_eq!(A::Returned.submit(), Ok(A::Submitted));
        assert!(A::Submitted.submit().is_err());
        assert!(A::Completed.may_change().is_err());
        assert!(A::Submitted.may_change().is_err());
        // Sent back with a comment, or approved: the determination is issued (s13(1), (2)).
        assert_eq!(A::Submitted.send_back(), Ok(A::Returned));
        assert_eq!(A::Submitted.approve(), Ok(A::Completed));
        for s in [A::InProgress, A::Returned, A::Completed, A::Refused] {
            assert!(s.approve().is_err(), "{s:?}");
            assert!(s.send_back().is_err(), "{s:?}");
        }
        // A determination once issued is fixed: a completed assessment moves nowhere.
        let completed = A::Completed;
        assert!(completed.submit().is_err() && completed.refuse(Refusal::Stands).is_err());
    }

    #[test]
    fn a_refusal_that_stands_ends_the_assessment_and_one_overridden_does_not() {
        // s11(1), (3): the refusal stands and the assessment ends.
        assert_eq!(A::InProgress.refuse(Refusal::Stands), Ok(A::Refused));
        // s11(2): it goes ahead in the person's best interests or because of a risk of abuse.
        assert_eq!(A::InProgress.refuse(Refusal::OverriddenBestInterests), Ok(A::InProgress));
        assert_eq!(A::Returned.refuse(Refusal::OverriddenAbuseOrNeglect), Ok(A::Returned));
        assert!(A::Submitted.refuse(Refusal::Stands).is_err());
    }

    #[test]
    fn a_plan_is_written_approved_agreed_reviewed_and_then_replaced_or_ended() {
        // s24, s25: written, then submitted for approval.
        assert_eq!(P::Draft.submit(), Ok(P::Submitted));
        assert_eq!(P::Returned.submit(), Ok(P::Submitted));
        assert!(P::Approved.submit().is_err());
        // Local policy: above the panel threshold a manager's approval goes on to the panel.
        assert_eq!(P::Submitted.approve(true), Ok(P::Panel));
        assert_eq!(P::Submitted.approve(false), Ok(P::Approved));
        assert_eq!(P::Panel.approve(true), Ok(P::Approved), "the panel's approval is the last");
        assert_eq!(P::Panel.send_back(), Ok(P::Returned));
        assert!(P::Draft.approve(false).is_err());
        // s25(3), (5): agreed with the person, it is put in place.
        assert_eq!(P::Approved.agree(), Ok(P::Active));
        assert!(P::Submitted.agree().is_err());
        // s27: only a plan in place is reviewed, then ended or replaced by a revised version.
        assert!(P::Active.may_review().is_ok());
        assert!(P::Approved.may_review().is_err());
        assert_eq!(P::Active.end(), Ok(P::Ended));
        assert_eq!(P::Active.replace(), Ok(P::Replaced));
        assert!(P::Ended.replace().is_err());
    }

    #[test]
    fn a_move_the_stage_does_not_allow_is_about_the_whole_request() {
        let problems = P::Draft.agree().unwrap_err();
        assert_eq!(problems.get(Problems::FORM), Some("The plan must be approved before it is agreed"));
        assert_eq!(problems.len(), 1);
    }
}
