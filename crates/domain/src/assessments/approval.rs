//! Sign-off of assessments and plans: submitted, approved by a team manager (and a panel when
//! the council's policy asks), or returned with a comment. The person who submitted the work
//! can never approve it: four eyes on every decision that spends public money or refuses help.

use crate::Problems;
use crate::charging::money::Pence;

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ApprovalBlocked {
    #[error("You submitted this, so someone else must approve it")]
    OwnWork,
    #[error("Only a team manager can approve this")]
    NotAnApprover,
    #[error("Write a comment saying what needs to change")]
    NoComment,
    #[error("This has not been submitted for approval")]
    NotSubmitted,
}

impl ApprovalBlocked {
    /// As a problem with the decision form: a missing comment is the comment's to put right;
    /// the rest are about who is deciding and when, which no answer on the form can change.
    pub fn problems(&self) -> Problems {
        let field = if *self == ApprovalBlocked::NoComment { "comment" } else { Problems::FORM };
        Problems::one(field, self.to_string())
    }
}

/// Whether `approver` may approve work submitted by `submitter`.
pub fn may_approve(submitter: &str, approver: &str, is_approver: bool, submitted: bool) -> Result<(), ApprovalBlocked> {
    if !submitted {
        return Err(ApprovalBlocked::NotSubmitted);
    }
    if !is_approver {
        return Err(ApprovalBlocked::NotAnApprover);
    }
    if submitter == approver {
        return Err(ApprovalBlocked::OwnWork);
    }
    Ok(())
}

/// A decision sent without choosing approve or return: if this person could have decided (the
/// same rule as deciding), the choice is what is missing; otherwise why there was none to make.
pub fn no_choice_made(submitter: &str, decider: &str, is_approver: bool, waiting: bool) -> Problems {
    match may_approve(submitter, decider, is_approver, waiting) {
        Ok(()) => Problems::one("decision", "Choose whether to approve it or return it"),
        Err(blocked) => blocked.problems(),
    }
}

/// Returning work needs a comment for the worker.
pub fn may_return(submitter: &str, approver: &str, is_approver: bool, comment: &str) -> Result<(), ApprovalBlocked> {
    may_approve(submitter, approver, is_approver, true)?;
    if comment.trim().is_empty() {
        return Err(ApprovalBlocked::NoComment);
    }
    Ok(())
}

/// Local policy: plans whose weekly personal budget is at or above this go to a panel after the
/// manager (`None`: no panel).
pub fn needs_panel(weekly_total: Pence, panel_from: Option<Pence>) -> bool {
    panel_from.is_some_and(|from| weekly_total >= from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_decision_without_a_choice_says_what_is_missing_or_why_there_was_no_choice() {
        // Offered the choice: the choice is the answer to fix.
        assert!(no_choice_made("ana", "ben", true, true).get("decision").is_some());
        // Not offered it: the reason, about the whole form (four eyes; managers only; not waiting).
        for (by, approver, waiting) in [("ben", true, true), ("ana", false, true), ("ana", true, false)] {
            let p = no_choice_made("ben", by, approver, waiting);
            assert!(p.get("decision").is_none() && p.get(Problems::FORM).is_some(), "{p}");
        }
    }

    #[test]
    fn the_approver_is_never_the_submitter() {
        assert_eq!(may_approve("u1", "u1", true, true), Err(ApprovalBlocked::OwnWork));
        assert_eq!(may_approve("u1", "u2", false, true), Err(ApprovalBlocked::NotAnApprover));
        assert_eq!(may_approve("u1", "u2", true, false), Err(ApprovalBlocked::NotSubmitted));
        assert_eq!(may_approve("u1", "u2", true, true), Ok(()));
        assert_eq!(may_return("u1", "u2", true, " "), Err(ApprovalBlocked::NoComment));
        assert_eq!(may_return("u1", "u1", true, "Add the carer's view"), Err(ApprovalBlocked::OwnWork));
    }

    #[test]
    fn a_panel_only_when_the_policy_sets_one() {
        assert!(!needs_panel(Pence(100_000), None));
        assert!(needs_panel(Pence(100_000), Some(Pence(100_000))));
        assert!(!needs_panel(Pence(99_999), Some(Pence(100_000))));
    }
}
