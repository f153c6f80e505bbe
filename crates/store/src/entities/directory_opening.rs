use crate::ServiceId;
use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "directory_opening")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub service_id: ServiceId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub day: i16,
    #[sea_orm(primary_key, auto_increment = false)]
    pub opens: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub closes: i32,
}

impl ActiveModelBehavior for ActiveModel {}
