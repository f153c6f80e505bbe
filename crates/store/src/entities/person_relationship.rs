use crate::{PersonId, RelationId};
use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "person_relationship")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: RelationId,
    pub person_id: PersonId,
    pub kind: String,
    pub other_person_id: Option<PersonId>,
    pub name: String,
    pub phone: Option<String>,
    pub notes: Option<String>,
    pub main_carer: bool,
    pub lives_with: bool,
    pub next_of_kin: bool,
    pub created_at: DateTimeUtc,
    pub ended_on: Option<Date>,
    /// The family's own word for it ("wife", "stepson"), when they gave one.
    pub called: Option<String>,
}

impl ActiveModelBehavior for ActiveModel {}
