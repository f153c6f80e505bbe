use crate::{PersonId, SubjectAccessId};
use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "subject_access_request")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: SubjectAccessId,
    pub reference: String,
    pub person_id: PersonId,
    pub received_on: Date,
    pub identity_confirmed_on: Option<Date>,
    pub due_on: Date,
    pub extended: bool,
    pub extension_reason: Option<String>,
    pub status: String,
    pub completed_on: Option<Date>,
    pub notes: Option<String>,
    pub created_by: Option<String>,
    pub created_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
