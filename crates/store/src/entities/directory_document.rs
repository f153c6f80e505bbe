use crate::ServiceId;
use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "directory_document")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub service_id: ServiceId,
    /// The service as HSDS JSON: what the API publishes and the pages show.
    pub document: String,
}

impl ActiveModelBehavior for ActiveModel {}
