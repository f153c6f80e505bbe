use hearth_domain::ids::OrganizationId;
use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "directory_organization")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: OrganizationId,
    pub name: String,
    pub document: String,
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
