use crate::NoteId;
use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "case_note_version")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub note_id: NoteId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub version: i32,
    pub body: String,
    pub reason: Option<String>,
    pub saved_by: Option<String>,
    pub saved_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
