use crate::UserId;
use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "form_draft")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: UserId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub form_key: String,
    pub fields: String,
    pub saved_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
