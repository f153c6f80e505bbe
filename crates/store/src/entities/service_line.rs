use crate::{PersonId, PlanId, ServiceId, ServiceLineId};
use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "service_line")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: ServiceLineId,
    pub plan_id: PlanId,
    pub person_id: PersonId,
    pub position: i64,
    pub service_type: String,
    pub component: String,
    pub delivery: String,
    pub provider: String,
    pub directory_service_id: Option<ServiceId>,
    pub starts_on: Date,
    pub ends_on: Option<Date>,
    pub units_hundredths: i64,
    pub unit_cost_pence: i64,
    pub meets: String,
    pub created_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
