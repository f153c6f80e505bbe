//! A provider's proposed change to their directory entry, and the only moves it makes: it waits
//! for a directory editor, who approves it (publishing it) or says why not; the provider may
//! withdraw it first; and a newer proposal for the same service replaces a waiting one, so an
//! editor never approves an out-of-date version.

use crate::AlreadyDecided;
use crate::people::codes::code_list;

code_list! {
    ProposalStatus {
        Pending => ("pending", "Waiting for approval"),
        Approved => ("approved", "Approved and published"),
        Rejected => ("rejected", "Not approved"),
        Superseded => ("superseded", "Replaced by a later change"),
        Withdrawn => ("withdrawn", "Withdrawn by you"),
    }
}

impl ProposalStatus {
    pub fn waiting(self) -> bool {
        self == ProposalStatus::Pending
    }

    fn decided_as(self, to: ProposalStatus) -> Result<ProposalStatus, AlreadyDecided> {
        if self.waiting() { Ok(to) } else { Err(AlreadyDecided) }
    }

    /// An editor publishes it.
    pub fn approve(self) -> Result<ProposalStatus, AlreadyDecided> {
        self.decided_as(ProposalStatus::Approved)
    }

    /// An editor turns it down, with a reason the provider reads.
    pub fn reject(self) -> Result<ProposalStatus, AlreadyDecided> {
        self.decided_as(ProposalStatus::Rejected)
    }

    /// The provider takes it back before it is decided.
    pub fn withdraw(self) -> Result<ProposalStatus, AlreadyDecided> {
        self.decided_as(ProposalStatus::Withdrawn)
    }

    /// A newer proposal for the same service takes its place.
    pub fn supersede(self) -> Result<ProposalStatus, AlreadyDecided> {
        self.decided_as(ProposalStatus::Superseded)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ProposalStatus::*;

    #[test]
    fn a_waiting_proposal_is_decided_once() {
        assert_eq!(Pending.approve(), Ok(Approved));
        assert_eq!(Pending.reject(), Ok(Rejected));
        assert_eq!(Pending.withdraw(), Ok(Withdrawn));
        assert_eq!(Pending.supersede(), Ok(Superseded));
        for decided in [Approved, Rejected, Withdrawn, Superseded] {
            assert!(!decided.waiting());
            assert_eq!(decided.approve(), Err(AlreadyDecided), "{decided:?} cannot be approved");
            assert_eq!(decided.reject(), Err(AlreadyDecided));
            assert_eq!(decided.withdraw(), Err(AlreadyDecided));
            assert_eq!(decided.supersede(), Err(AlreadyDecided));
        }
    }

    #[test]
    fn every_stage_has_its_stored_key() {
        for status in ProposalStatus::ALL {
            assert_eq!(ProposalStatus::from_key(status.key()), Some(*status));
        }
        assert_eq!(ProposalStatus::from_key("published"), None, "an unknown stage is not read as any stage");
    }
}
