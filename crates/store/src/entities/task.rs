use crate::{PersonId, TaskId, TeamId, UserId};
use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "task")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: TaskId,
    pub person_id: PersonId,
    pub title: String,
    pub owner_id: UserId,
    pub team_id: Option<TeamId>,
    pub due_on: Date,
    pub status: String,
    pub created_by: Option<String>,
    pub created_at: DateTimeUtc,
    pub done_at: Option<DateTimeUtc>,
    pub done_by: Option<String>,
}

impl ActiveModelBehavior for ActiveModel {}
