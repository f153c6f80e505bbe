use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "postcode")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub postcode: String,
    pub outward: String,
    pub easting: i32,
    pub northing: i32,
    pub latitude: f64,
    pub longitude: f64,
    pub lad_code: Option<String>,
    pub lsoa: Option<String>,
    pub terminated: bool,
}

impl ActiveModelBehavior for ActiveModel {}
