use crate::ServiceId;
use hearth_domain::ids::ServiceAtLocationId;
use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "directory_location")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub service_at_location_id: ServiceAtLocationId,
    pub service_id: ServiceId,
    pub location_id: String,
    pub latitude: f64,
    pub longitude: f64,
    /// The grid cell, for searches near a point (migration m0010).
    pub cell: i64,
    pub postcode: Option<String>,
}

impl ActiveModelBehavior for ActiveModel {}
