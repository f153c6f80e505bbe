use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "charging_policy")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub effective_from: Date,
    /// The policy as JSON.
    pub document: String,
    pub set_by: Option<String>,
    pub set_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
