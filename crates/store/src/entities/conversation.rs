use crate::{ContactId, ConversationId, PersonId, UserId};
use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "conversation")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: ConversationId,
    pub person_id: PersonId,
    pub kind: String,
    pub started_on: Date,
    pub review_by: Option<Date>,
    pub what_matters: String,
    pub urgent_help: Option<String>,
    pub status: String,
    pub outcome: Option<String>,
    pub closed_on: Option<Date>,
    pub closing_note: Option<String>,
    pub worker_id: Option<UserId>,
    pub override_reason: Option<String>,
    pub override_by: Option<String>,
    pub contact_id: Option<ContactId>,
    pub created_by: Option<String>,
    pub created_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
