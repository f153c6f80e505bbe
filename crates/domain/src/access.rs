//! Roles and permissions.
//!
//! Deny by default: a role can do only what [`Role::permissions`] lists, and every route names
//! the one permission it needs (see `hearth_web::routes`). Public pages need none.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A job that someone does at the council. A person may hold several.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    Practitioner,
    TeamManager,
    SafeguardingAdultsManager,
    FinanceOfficer,
    DirectoryEditor,
    ProviderEditor,
    PerformanceAnalyst,
    InformationGovernanceLead,
    Administrator,
}

impl Role {
    pub const ALL: [Role; 9] = [
        Role::Practitioner,
        Role::TeamManager,
        Role::SafeguardingAdultsManager,
        Role::FinanceOfficer,
        Role::DirectoryEditor,
        Role::ProviderEditor,
        Role::PerformanceAnalyst,
        Role::InformationGovernanceLead,
        Role::Administrator,
    ];

    /// The name used on the command line and stored in the database.
    pub fn key(self) -> &'static str {
        match self {
            Role::Practitioner => "practitioner",
            Role::TeamManager => "team-manager",
            Role::SafeguardingAdultsManager => "safeguarding-adults-manager",
            Role::FinanceOfficer => "finance-officer",
            Role::DirectoryEditor => "directory-editor",
            Role::ProviderEditor => "provider-editor",
            Role::PerformanceAnalyst => "performance-analyst",
            Role::InformationGovernanceLead => "information-governance-lead",
            Role::Administrator => "administrator",
        }
    }

    /// The name people read.
    pub fn label(self) -> &'static str {
        match self {
            Role::Practitioner => "Practitioner",
            Role::TeamManager => "Team manager",
            Role::SafeguardingAdultsManager => "Safeguarding adults manager",
            Role::FinanceOfficer => "Finance officer",
            Role::DirectoryEditor => "Directory editor",
            Role::ProviderEditor => "Provider editor",
            Role::PerformanceAnalyst => "Performance analyst",
            Role::InformationGovernanceLead => "Information governance lead",
            Role::Administrator => "Administrator",
        }
    }

    /// What the role is for, in plain words.
    pub fn description(self) -> &'static str {
        match self {
            Role::Practitioner => "Social workers, occupational therapists and others who work with people and carers.",
            Role::TeamManager => "Leads a team: allocates work, approves plans and budgets, sees the team's caseload.",
            Role::SafeguardingAdultsManager => "Decides on safeguarding concerns and oversees section 42 enquiries.",
            Role::FinanceOfficer => "Carries out financial assessments and sees the charging figures in use.",
            Role::DirectoryEditor => "Keeps the public directory of local services accurate and up to date.",
            Role::ProviderEditor => {
                "Works for a provider organisation and updates that organisation's own directory entries."
            }
            Role::PerformanceAnalyst => "Prepares statutory returns and reports. Sees figures, not individual records.",
            Role::InformationGovernanceLead => {
                "Oversees who looks at people's records: reviews broken-glass access, grants access to restricted records and answers subject access requests."
            }
            Role::Administrator => {
                "Manages staff accounts and roles, reads the audit log and sets the charging policy."
            }
        }
    }

    /// What this role may do. Anything not listed is refused.
    pub fn permissions(self) -> &'static [Permission] {
        use Permission::*;
        match self {
            Role::Practitioner => &[UseStaffPages, WorkWithPeople],
            Role::TeamManager => &[UseStaffPages, WorkWithPeople, ManageTeamWork],
            Role::SafeguardingAdultsManager => &[UseStaffPages, WorkWithPeople],
            Role::FinanceOfficer => &[UseStaffPages, AssessFinances],
            Role::DirectoryEditor => &[UseStaffPages, EditDirectory, UpdateServices],
            Role::ProviderEditor => &[UseStaffPages, UpdateServices],
            Role::PerformanceAnalyst => &[UseStaffPages],
            Role::InformationGovernanceLead => &[UseStaffPages, GovernInformation],
            Role::Administrator => {
                &[UseStaffPages, ManageUsers, ManageTeams, ReadAuditLog, SetChargingPolicy, SetCouncilDetails]
            }
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "'{0}' is not a role. Roles are: practitioner, team-manager, safeguarding-adults-manager, finance-officer, directory-editor, provider-editor, performance-analyst, information-governance-lead, administrator"
)]
pub struct UnknownRole(pub String);

impl FromStr for Role {
    type Err = UnknownRole;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase().replace(['_', ' '], "-");
        Role::ALL.into_iter().find(|role| role.key() == wanted).ok_or_else(|| UnknownRole(s.to_owned()))
    }
}

/// Something a signed-in member of staff may be allowed to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Permission {
    /// The staff home page and the other pages every member of staff uses.
    UseStaffPages,
    /// Add staff accounts, change their roles, unlock and deactivate them.
    ManageUsers,
    /// Search, read and export the audit log.
    ReadAuditLog,
    /// Keep the public directory true: problem reports, synonyms, approving providers' changes,
    /// and publishing edits to any service straight away.
    EditDirectory,
    /// Update directory entries: a provider editor only their own organisations' (and their
    /// changes wait for approval); a directory editor any.
    UpdateServices,
    /// Financial assessments: requests from residents, assessments and their written records,
    /// and the charging figures in use.
    AssessFinances,
    /// Change the council's charging policy.
    SetChargingPolicy,
    /// Find people, record contacts and work with people's records, where there is a
    /// legitimate relationship with the person (or the glass is broken).
    WorkWithPeople,
    /// A team's work: allocating people, the team's caseload, merging duplicate records, and
    /// agreeing long-term support during a crisis, with a reason.
    ManageTeamWork,
    /// Information governance: broken-glass reviews, access to restricted records, who looked
    /// at a record, and subject access requests.
    GovernInformation,
    /// Set up teams and who is in them.
    ManageTeams,
    /// The council's name and the contact details residents see: phone numbers (including
    /// the out-of-hours line for worries about abuse or neglect) and the privacy contact.
    SetCouncilDetails,
}

impl Permission {
    pub fn label(self) -> &'static str {
        match self {
            Permission::UseStaffPages => "Use the staff pages",
            Permission::ManageUsers => "Manage staff accounts and roles",
            Permission::ReadAuditLog => "Search and export the audit log",
            Permission::EditDirectory => "Keep the public directory up to date",
            Permission::UpdateServices => "Update directory entries",
            Permission::AssessFinances => "Carry out financial assessments",
            Permission::SetChargingPolicy => "Change the council's charging policy",
            Permission::WorkWithPeople => "Work with people's records",
            Permission::ManageTeamWork => "Manage a team's work",
            Permission::GovernInformation => "Oversee access to records and subject access",
            Permission::ManageTeams => "Set up teams",
            Permission::SetCouncilDetails => "Set the council's public contact details",
        }
    }
}

/// Who may use a route.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Anyone, signed in or not.
    Public,
    /// Only people not signed in (the sign-in form itself).
    Anyone,
    /// Signed-in staff holding this permission.
    Staff(Permission),
}

/// True when any of `roles` grants `permission`.
pub fn roles_grant(roles: &[Role], permission: Permission) -> bool {
    roles.iter().any(|role| role.permissions().contains(&permission))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_keys_round_trip() {
        for role in Role::ALL {
            assert_eq!(role.key().parse::<Role>(), Ok(role));
        }
        assert_eq!("Team Manager".parse::<Role>(), Ok(Role::TeamManager));
        assert_eq!("team_manager".parse::<Role>(), Ok(Role::TeamManager));
        assert!("superuser".parse::<Role>().is_err());
    }

    #[test]
    fn only_administrators_manage_users_and_read_the_audit_log() {
        for role in Role::ALL {
            let admin = role == Role::Administrator;
            assert_eq!(roles_grant(&[role], Permission::ManageUsers), admin, "{role}");
            assert_eq!(roles_grant(&[role], Permission::ReadAuditLog), admin, "{role}");
            assert!(roles_grant(&[role], Permission::UseStaffPages), "{role}");
        }
    }

    #[test]
    fn only_directory_editors_edit_the_directory() {
        for role in Role::ALL {
            assert_eq!(roles_grant(&[role], Permission::EditDirectory), role == Role::DirectoryEditor, "{role}");
        }
    }

    #[test]
    fn providers_and_directory_editors_update_entries() {
        for role in Role::ALL {
            let expected = matches!(role, Role::DirectoryEditor | Role::ProviderEditor);
            assert_eq!(roles_grant(&[role], Permission::UpdateServices), expected, "{role}");
        }
    }

    #[test]
    fn finance_officers_assess_and_administrators_set_the_charging_policy() {
        for role in Role::ALL {
            assert_eq!(roles_grant(&[role], Permission::AssessFinances), role == Role::FinanceOfficer, "{role}");
            assert_eq!(roles_grant(&[role], Permission::SetChargingPolicy), role == Role::Administrator, "{role}");
        }
    }

    #[test]
    fn only_practice_roles_work_with_peoples_records() {
        for role in Role::ALL {
            let practice = matches!(role, Role::Practitioner | Role::TeamManager | Role::SafeguardingAdultsManager);
            assert_eq!(roles_grant(&[role], Permission::WorkWithPeople), practice, "{role}");
            assert_eq!(roles_grant(&[role], Permission::ManageTeamWork), role == Role::TeamManager, "{role}");
            assert_eq!(
                roles_grant(&[role], Permission::GovernInformation),
                role == Role::InformationGovernanceLead,
                "{role}"
            );
        }
    }

    #[test]
    fn no_roles_grant_nothing() {
        assert!(!roles_grant(&[], Permission::UseStaffPages));
    }
}
