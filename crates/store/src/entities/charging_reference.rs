use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "charging_reference")]
pub struct Model {
    /// `national:2024/25` or `interest`.
    #[sea_orm(primary_key, auto_increment = false)]
    pub key: String,
    /// The TOML as loaded.
    pub document: String,
    /// `shipped` or `imported`.
    pub origin: String,
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
