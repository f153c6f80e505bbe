use crate::{AssessmentId, DeterminationId, PersonId, PlanId};
use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "care_plan")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: PlanId,
    pub reference: String,
    pub person_id: PersonId,
    pub kind: String,
    pub version: i64,
    pub supersedes_id: Option<PlanId>,
    pub assessment_id: AssessmentId,
    pub determination_id: Option<DeterminationId>,
    pub basis: String,
    pub basis_reason: Option<String>,
    pub needs: String,
    pub eligible: String,
    pub needs_met: String,
    pub outcomes: String,
    pub advice: String,
    pub contingency: String,
    pub direct_payment: Option<String>,
    pub contribution_pence: i64,
    pub contribution_source: String,
    pub approved_total_pence: Option<i64>,
    pub status: String,
    pub submitted_by: Option<String>,
    pub submitted_at: Option<DateTimeUtc>,
    pub approved_by: Option<String>,
    pub approved_at: Option<DateTimeUtc>,
    pub panel_needed: bool,
    pub panel_by: Option<String>,
    pub panel_at: Option<DateTimeUtc>,
    pub return_comment: Option<String>,
    pub agreed_on: Option<Date>,
    pub starts_on: Option<Date>,
    pub ended_on: Option<Date>,
    pub end_reason: Option<String>,
    pub crisis_override: Option<String>,
    pub next_review_kind: Option<String>,
    pub next_review_opens: Option<Date>,
    pub next_review_due: Option<Date>,
    pub dp_review_due: Option<Date>,
    pub created_by: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
