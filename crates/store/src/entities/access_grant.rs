use crate::{GrantId, PersonId, UserId};
use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "access_grant")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: GrantId,
    pub person_id: PersonId,
    pub user_id: UserId,
    pub break_glass: bool,
    pub reason: String,
    pub granted_by: Option<String>,
    pub granted_at: DateTimeUtc,
    pub until: Option<DateTimeUtc>,
    pub revoked_at: Option<DateTimeUtc>,
    pub reviewed_by: Option<String>,
    pub reviewed_at: Option<DateTimeUtc>,
    pub review_outcome: Option<String>,
    pub review_note: Option<String>,
}

impl ActiveModelBehavior for ActiveModel {}
