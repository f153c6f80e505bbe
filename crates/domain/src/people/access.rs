//! Who may open a person's record. A role lets someone use the people pages at all; opening one
//! person's record needs a legitimate relationship with them (the NHS "legitimate relationship"
//! pattern, and the Caldicott principle that access is on a strict need-to-know basis):
//!
//! - the person is allocated to them, or to a team they belong to;
//! - they own an open task for the person;
//! - or someone has granted them access, for a time.
//!
//! An open contact at the front door is not one of them: anyone at the front door can match a
//! contact to a record, so a match shows only what matching and triage need (who the person is,
//! who works with them, warnings for staff), and the record itself opens once the person is
//! allocated (or by breaking the glass).
//!
//! Restricted records (a member of staff who is also someone the council supports, say) need an
//! explicit grant whatever else is true. Without any of these, a member of staff may still "break
//! the glass": give a reason, get access for a few hours, and the information governance lead is
//! told. Every view is audited with the basis that allowed it.

use crate::ids::{TeamId, UserId};
use chrono::{DateTime, Utc};

use super::codes::code_list;

code_list! {
    /// Why someone was allowed to open a record, as the audit log keeps it.
    Basis {
        Allocated => ("allocated", "The person is allocated to them"),
        Team => ("team", "The person is allocated to their team"),
        Task => ("task", "They have an open task for the person"),
        /// No longer allows anything: kept so that older audit entries still read.
        FrontDoor => ("front-door", "Front door work on an open contact"),
        Granted => ("granted", "Access granted to them"),
        BrokeGlass => ("break-glass", "They broke the glass, giving a reason"),
    }
}

/// A time-limited permission for one member of staff to open one record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Grant {
    pub user_id: UserId,
    /// Made by breaking the glass (otherwise given by someone with authority).
    pub break_glass: bool,
    pub until: Option<DateTime<Utc>>,
}

impl Grant {
    fn live(&self, now: DateTime<Utc>) -> bool {
        self.until.is_none_or(|u| now < u)
    }
}

/// What the store knows about one person's record, for the decision.
#[derive(Clone, Debug, Default)]
pub struct RecordFacts {
    pub restricted: bool,
    /// The workers the person is allocated to now.
    pub allocated_workers: Vec<UserId>,
    /// The teams the person is allocated to now.
    pub allocated_teams: Vec<TeamId>,
    /// Owners of the person's open tasks.
    pub task_owners: Vec<UserId>,
    pub grants: Vec<Grant>,
}

/// What is known about the member of staff asking.
#[derive(Clone, Debug)]
pub struct Asker {
    pub user_id: UserId,
    pub teams: Vec<TeamId>,
    /// Whether they belong to a front-door team.
    pub front_door: bool,
}

/// The answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    Allowed(Basis),
    /// No legitimate relationship: they may break the glass, with a reason.
    BreakGlassNeeded,
}

/// Decides whether `asker` may open the record now. (Whether their role may use people's records
/// at all is the route's permission, checked before this.)
pub fn decide(asker: &Asker, record: &RecordFacts, now: DateTime<Utc>) -> Decision {
    let mine = |g: &&Grant| g.user_id == asker.user_id && g.live(now);
    // An explicit grant is the strongest basis, and the only one a restricted record accepts
    // besides breaking the glass.
    if record.grants.iter().filter(mine).any(|g| !g.break_glass) {
        return Decision::Allowed(Basis::Granted);
    }
    if !record.restricted {
        if record.allocated_workers.contains(&asker.user_id) {
            return Decision::Allowed(Basis::Allocated);
        }
        if record.allocated_teams.iter().any(|t| asker.teams.contains(t)) {
            return Decision::Allowed(Basis::Team);
        }
        if record.task_owners.contains(&asker.user_id) {
            return Decision::Allowed(Basis::Task);
        }
    }
    if record.grants.iter().filter(mine).any(|g| g.break_glass) {
        return Decision::Allowed(Basis::BrokeGlass);
    }
    Decision::BreakGlassNeeded
}

/// How long breaking the glass gives access for, unless the council sets another.
pub const DEFAULT_BREAK_GLASS_HOURS: i64 = 24;

/// The shortest reason Hearth accepts for breaking the glass: enough to be reviewed.
pub const SHORTEST_REASON: usize = 10;

/// Checks a reason for breaking the glass.
pub fn check_break_glass_reason(reason: &str) -> Result<(), &'static str> {
    if reason.trim().chars().count() < SHORTEST_REASON {
        Err("Say why you need to open this record now, in a sentence: it is sent to the information governance lead")
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn asker(teams: &[&str], front_door: bool) -> Asker {
        Asker { user_id: "m".into(), teams: teams.iter().map(|t| TeamId::from(*t)).collect(), front_door }
    }

    #[test]
    fn a_legitimate_relationship_opens_an_ordinary_record() {
        let now = Utc::now();
        let mut record = RecordFacts::default();
        assert_eq!(decide(&asker(&[], false), &record, now), Decision::BreakGlassNeeded);
        // Working at the front door opens nobody's record: matching a contact shows only what
        // matching needs.
        assert_eq!(decide(&asker(&[], true), &record, now), Decision::BreakGlassNeeded);
        record.task_owners = vec!["m".into()];
        assert_eq!(decide(&asker(&[], false), &record, now), Decision::Allowed(Basis::Task));
        record.allocated_teams = vec!["north".into()];
        assert_eq!(decide(&asker(&["north"], false), &record, now), Decision::Allowed(Basis::Team));
        record.allocated_workers = vec!["m".into()];
        assert_eq!(decide(&asker(&[], false), &record, now), Decision::Allowed(Basis::Allocated));
    }

    #[test]
    fn a_restricted_record_needs_a_grant_or_broken_glass_even_when_allocated() {
        // Scenario 16 of the notes: worker M is not allocated, has no task and is in another team.
        let now = Utc::now();
        let mut hilda = RecordFacts {
            restricted: true,
            allocated_workers: vec!["m".into()],
            allocated_teams: vec!["north".into()],
            ..Default::default()
        };
        assert_eq!(decide(&asker(&["north"], true), &hilda, now), Decision::BreakGlassNeeded);
        hilda.grants.push(Grant {
            user_id: "m".into(),
            break_glass: true,
            until: Some(now + chrono::Duration::hours(24)),
        });
        assert_eq!(decide(&asker(&[], false), &hilda, now), Decision::Allowed(Basis::BrokeGlass));
        // Broken glass runs out.
        assert_eq!(decide(&asker(&[], false), &hilda, now + chrono::Duration::hours(25)), Decision::BreakGlassNeeded);
        // Someone else's grant is not yours.
        hilda.grants = vec![Grant { user_id: "other".into(), break_glass: false, until: None }];
        assert_eq!(decide(&asker(&[], false), &hilda, now), Decision::BreakGlassNeeded);
        hilda.grants.push(Grant { user_id: "m".into(), break_glass: false, until: None });
        assert_eq!(decide(&asker(&[], false), &hilda, now), Decision::Allowed(Basis::Granted));
    }

    #[test]
    fn breaking_the_glass_needs_a_real_reason() {
        assert!(check_break_glass_reason("need it").is_err());
        assert!(check_break_glass_reason("Hospital asked about her care at 2am").is_ok());
    }
}
