use crate::NoteId;
use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "case_note")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: NoteId,
    pub kind: String,
    pub happened_at: DateTimeUtc,
    pub significant: bool,
    pub body: String,
    pub version: i32,
    pub status: String,
    pub error_reason: Option<String>,
    pub author_id: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
