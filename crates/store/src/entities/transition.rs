use crate::PersonId;
use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "transition")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub person_id: PersonId,
    pub ehc_plan: bool,
    pub likely_needs: String,
    pub significant_benefit: String,
    pub indicative_outcomes: String,
    pub assessed_on: Option<Date>,
    pub childrens_services: String,
    pub childrens_worker: Option<String>,
    pub adult_decision: String,
    pub closed_on: Option<Date>,
    pub created_by: Option<String>,
    pub created_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
