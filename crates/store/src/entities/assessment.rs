use crate::{AssessmentId, ContactId, PersonId, TeamId, UserId};
use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "assessment")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: AssessmentId,
    pub reference: String,
    pub person_id: PersonId,
    pub kind: String,
    pub cared_for_id: Option<PersonId>,
    pub cared_for_name: Option<String>,
    pub assessment_type: String,
    pub method: String,
    pub status: String,
    pub started_on: Date,
    pub contact_id: Option<ContactId>,
    pub findings: String,
    pub persons_view: String,
    pub strengths: String,
    pub wellbeing: String,
    pub advice: String,
    pub carer_able_willing: Option<String>,
    pub carer_work_learning: Option<String>,
    pub refused: bool,
    pub refusal_outcome: Option<String>,
    pub refusal_note: Option<String>,
    pub advocacy: String,
    pub worker_id: Option<UserId>,
    pub team_id: Option<TeamId>,
    pub submitted_by: Option<String>,
    pub submitted_at: Option<DateTimeUtc>,
    pub decided_by: Option<String>,
    pub decided_at: Option<DateTimeUtc>,
    pub return_comment: Option<String>,
    pub completed_on: Option<Date>,
    pub supersedes_id: Option<AssessmentId>,
    pub created_by: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
