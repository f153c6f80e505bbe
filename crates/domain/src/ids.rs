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
}
