use crate::{NoteId, PersonId};
use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "case_note_person")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub note_id: NoteId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub person_id: PersonId,
    pub happened_at: DateTimeUtc,
    pub significant: bool,
}

impl ActiveModelBehavior for ActiveModel {}
