use crate::{ContactId, PersonId, TeamId, UserId};
use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "allocation")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub person_id: PersonId,
    pub team_id: TeamId,
    pub worker_id: Option<UserId>,
    pub started_at: DateTimeUtc,
    pub ended_at: Option<DateTimeUtc>,
    pub reason: Option<String>,
    pub contact_id: Option<ContactId>,
    pub allocated_by: Option<String>,
}

impl ActiveModelBehavior for ActiveModel {}
