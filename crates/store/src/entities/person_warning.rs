use crate::{PersonId, WarningId};
use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "person_warning")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: WarningId,
    pub person_id: PersonId,
    pub kind: String,
    pub details: String,
    pub starts_on: Date,
    pub review_by: Date,
    pub ended_on: Option<Date>,
    pub ended_reason: Option<String>,
    pub created_by: Option<String>,
    pub created_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
