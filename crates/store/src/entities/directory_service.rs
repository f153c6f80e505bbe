use crate::ServiceId;
use hearth_domain::ids::OrganizationId;
use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "directory_service")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: ServiceId,
    pub organization_id: Option<OrganizationId>,
    pub name: String,
    pub description: String,
    pub status: String,
    pub minimum_age: Option<f64>,
    pub maximum_age: Option<f64>,
    pub free: bool,
    pub search_text: String,
    /// The name's stems, weighted above the rest by the full-text index (migration m0007).
    pub search_name: String,
    pub last_modified: DateTimeUtc,
    /// When an editor last confirmed the entry was right (its HSDS `assured_date`).
    pub assured_at: Option<DateTimeUtc>,
    /// When its provider was last reminded to check it.
    pub reminded_at: Option<DateTimeUtc>,
}

impl ActiveModelBehavior for ActiveModel {}
