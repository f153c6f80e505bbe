use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_event")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub seq: i64,
    pub occurred_at: DateTimeUtc,
    pub actor_user_id: Option<String>,
    pub actor_kind: String,
    pub action: String,
    pub record_type: Option<String>,
    pub record_id: Option<String>,
    pub client_addr: Option<String>,
    pub reason: Option<String>,
    pub details: String,
    pub prev_hash: String,
    pub hash: String,
    pub person_id: Option<String>,
    pub basis: Option<String>,
}

impl ActiveModelBehavior for ActiveModel {}
