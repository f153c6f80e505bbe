use crate::{CapacityId, PersonId};
use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "capacity_assessment")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: CapacityId,
    pub person_id: PersonId,
    pub decision: String,
    pub findings: String,
    pub result: String,
    pub assessed_on: Date,
    pub assessed_by: Option<String>,
    pub best_interests_decision: Option<String>,
    pub best_interests_options: Option<String>,
    pub best_interests_consultees: Option<String>,
    pub best_interests_by: Option<String>,
    pub best_interests_on: Option<Date>,
    pub created_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
