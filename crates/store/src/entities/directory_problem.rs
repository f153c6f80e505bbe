use crate::{ProblemId, ServiceId};
use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "directory_problem")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: ProblemId,
    pub service_id: ServiceId,
    pub problem: String,
    pub reply_to: Option<String>,
    pub reported_at: DateTimeUtc,
    pub resolved_at: Option<DateTimeUtc>,
    pub resolved_by: Option<String>,
    pub resolution: Option<String>,
}

impl ActiveModelBehavior for ActiveModel {}
