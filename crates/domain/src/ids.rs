//! Ids as types: a `PersonId` cannot be passed where an `AssessmentId` is wanted. With the
//! `sea-orm` feature (the store turns it on) the database reads and writes them directly
//! (SeaORM's `DeriveValueType`), as lldap's domain types are.
//!
//! An id is opaque text: Hearth makes new ones as random UUIDs, but records imported from a
//! council's old system keep the ids they came with, so no format is imposed beyond what the
//! edge already checks of any input.

use std::fmt;

macro_rules! ids {
    ($($(#[$doc:meta])* $name:ident,)+) => {
        $(
            $(#[$doc])*
            #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
            #[cfg_attr(feature = "sea-orm", derive(sea_orm::DeriveValueType))]
            #[serde(transparent)]
            pub struct $name(String);

            impl $name {
                /// A new random id, for a record being created.
                pub fn generate() -> Self {
                    Self(uuid::Uuid::new_v4().to_string())
                }

                pub fn as_str(&self) -> &str {
                    &self.0
                }

                pub fn into_string(self) -> String {
                    self.0
                }
            }

            impl From<String> for $name {
                fn from(id: String) -> Self {
                    Self(id)
                }
            }

            impl From<&str> for $name {
                fn from(id: &str) -> Self {
                    Self(id.to_owned())
                }
            }

            impl From<$name> for String {
                fn from(id: $name) -> Self {
                    id.0
                }
            }

            impl From<&$name> for String {
                fn from(id: &$name) -> Self {
                    id.0.clone()
                }
            }

            #[cfg(feature = "sea-orm")]
            impl From<&$name> for sea_orm::Value {
                fn from(id: &$name) -> Self {
                    id.0.clone().into()
                }
            }

            impl fmt::Display for $name {
                fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str(&self.0)
                }
            }

            impl PartialEq<str> for $name {
                fn eq(&self, other: &str) -> bool {
                    self.0 == other
                }
            }

            impl PartialEq<&str> for $name {
                fn eq(&self, other: &&str) -> bool {
                    self.0 == *other
                }
            }

            impl PartialEq<&$name> for $name {
                fn eq(&self, other: &&$name) -> bool {
                    self == *other
                }
            }

            impl PartialEq<$name> for String {
                fn eq(&self, other: &$name) -> bool {
                    *self == other.0
                }
            }

            impl PartialEq<String> for $name {
                fn eq(&self, other: &String) -> bool {
                    &self.0 == other
                }
            }

            // Text ids are never made by the database from a number.
            #[cfg(feature = "sea-orm")]
            impl sea_orm::TryFromU64 for $name {
                fn try_from_u64(_: u64) -> Result<Self, sea_orm::DbErr> {
                    Err(sea_orm::DbErr::ConvertFromU64(stringify!($name)))
                }
            }
        )+
    };
}

ids! {
    /// A person's record (`person.id`, and every `person_id` that points at one).
    PersonId,
    /// A Care Act assessment (`assessment.id`), of needs or a carer's.
    AssessmentId,
    /// An eligibility determination issued from an assessment.
    DeterminationId,
    /// A care and support plan (`care_plan.id`).
    PlanId,
    /// A member of staff's account (`app_user.id`), and every column that names one: a
    /// worker, an owner, a team member.
    UserId,
    /// A service in the directory (`directory_service.id`): the HSDS `service.id` that the
    /// Open Referral interface publishes, so it keeps whatever id a council's data came with.
    ServiceId,
    /// A case note (`case_note.id`).
    NoteId,
    /// A team of workers (`team.id`).
    TeamId,
    /// A contact at the front door (`contact.id`).
    ContactId,
    /// A provider's proposed change to a directory entry (`directory_change.id`).
    ProposalId,
    /// An officer's financial assessment (`financial_assessment.id`).
    FinancialAssessmentId,
    /// A request for a financial assessment (`charging_request.id`).
    ChargingRequestId,
    /// A subject access request (`subject_access_request.id`).
    SubjectAccessId,
    /// A grant of access to one record (`access_grant.id`).
    GrantId,
    /// A task for a worker or a team (`task.id`).
    TaskId,
    /// A Three Conversations conversation (`conversation.id`).
    ConversationId,
    /// A mental capacity assessment, and the best-interests decision that may follow it
    /// (`capacity_assessment.id`).
    CapacityId,
    /// Someone in a person's network (`person_relationship.id`).
    RelationId,
    /// A group, place or service a person is part of (`person_connection.id`).
    ConnectionId,
    /// Someone with authority to act for a person (`person_representative.id`).
    RepresentativeId,
    /// A warning for staff on a person's record (`person_warning.id`).
    WarningId,
    /// A service line in a plan (`service_line.id`).
    ServiceLineId,
    /// A review of a plan, planned or asked for (`plan_review.id`).
    ReviewId,
    /// A problem someone reported with a directory entry (`directory_problem.id`).
    ProblemId,
    /// An organisation in the directory (`directory_organization.id`): the HSDS
    /// `organization.id`, kept as a council's data gave it.
    OrganizationId,
    /// One service at one place (`directory_service_at_location.id`): HSDS `service_at_location.id`.
    ServiceAtLocationId,
    /// A list of categories (`taxonomy.id`): HSDS `taxonomy.id`.
    TaxonomyId,
    /// A category in a list (`taxonomy_term.id`): HSDS `taxonomy_term.id`.
    TaxonomyTermId,
}

/// Open Referral records being built field by field (the HSDS types derive `Default`); the
/// importer and the editor refuse a record without an id before it is saved.
macro_rules! empty_by_default {
    ($($name:ident),+) => {
        $(impl Default for $name {
            fn default() -> Self {
                Self(String::new())
            }
        })+
    };
}

empty_by_default!(ServiceId, OrganizationId, ServiceAtLocationId, TaxonomyId, TaxonomyTermId);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_travels_as_plain_text_in_forms_and_json() {
        let id = PersonId::from("3f2b");
        assert_eq!(serde_json::to_string(&id).unwrap(), "\"3f2b\"");
        let back: PersonId = serde_json::from_str("\"3f2b\"").unwrap();
        assert_eq!(back, id);
        assert_eq!(id.to_string(), "3f2b", "shown in a page or a link as the text it is");
    }

    #[test]
    fn new_ids_are_unique() {
        let made: std::collections::HashSet<UserId> = (0..1000).map(|_| UserId::generate()).collect();
        assert_eq!(made.len(), 1000);
        assert!(made.iter().all(|id| id.as_str().len() == 36), "random UUIDs in their usual text form");
    }

    #[test]
    fn an_id_compares_with_the_text_it_holds() {
        let id = PlanId::from("p-1".to_owned());
        let stored = String::from("p-1");
        assert_eq!(id, "p-1");
        assert_eq!(id, stored, "an id read back beside a text column");
        assert_eq!(stored, id);
        assert_ne!(id, PlanId::from("p-2"));
    }
}
