use crate::{PersonId, PlanId, ReviewId};
use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "plan_review")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: ReviewId,
    pub plan_id: PlanId,
    pub person_id: PersonId,
    pub reason: String,
    pub requested_on: Option<Date>,
    pub requested_by: Option<String>,
    pub due_on: Date,
    pub completed_on: Option<Date>,
    pub decision: Option<String>,
    pub summary: Option<String>,
    pub completed_by: Option<String>,
    pub new_plan_id: Option<PlanId>,
    pub created_by: Option<String>,
    pub created_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
