use crate::ServiceId;
use hearth_domain::ids::TaxonomyTermId;
use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "directory_service_term")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub service_id: ServiceId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub term_id: TaxonomyTermId,
}

impl ActiveModelBehavior for ActiveModel {}
