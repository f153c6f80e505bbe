use crate::{ContactId, PersonId, TeamId, UserId};
use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "contact")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: ContactId,
    pub reference: String,
    pub person_id: Option<PersonId>,
    pub received_at: DateTimeUtc,
    pub method: String,
    pub requester_type: Option<String>,
    pub urgency: String,
    pub status: String,
    pub display_name: String,
    pub form: String,
    pub outcome: Option<String>,
    pub information_given: Option<String>,
    pub services_offered: Option<String>,
    pub team_id: Option<TeamId>,
    pub worker_id: Option<UserId>,
    pub safeguarding_concern: bool,
    pub recorded_by: Option<String>,
    pub triaged_by: Option<String>,
    pub triaged_at: Option<DateTimeUtc>,
    pub closed_at: Option<DateTimeUtc>,
}

impl ActiveModelBehavior for ActiveModel {}
