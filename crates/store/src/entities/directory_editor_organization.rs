use crate::UserId;
use hearth_domain::ids::OrganizationId;
use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "directory_editor_organization")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: UserId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub organization_id: OrganizationId,
}

impl ActiveModelBehavior for ActiveModel {}
