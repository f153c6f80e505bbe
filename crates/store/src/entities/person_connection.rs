use crate::{ConnectionId, PersonId, ServiceId};
use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "person_connection")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: ConnectionId,
    pub person_id: PersonId,
    pub name: String,
    pub service_id: Option<ServiceId>,
    pub what_for: Option<String>,
    pub created_at: DateTimeUtc,
    pub ended_on: Option<Date>,
}

impl ActiveModelBehavior for ActiveModel {}
