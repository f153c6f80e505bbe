use crate::{ChargingRequestId, FinancialAssessmentId, PersonId};
use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "financial_assessment")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: FinancialAssessmentId,
    pub reference: String,
    pub request_id: Option<ChargingRequestId>,
    pub person_id: Option<PersonId>,
    pub person_name: String,
    pub person_reference: Option<String>,
    /// `draft` or `complete`.
    pub status: String,
    pub version: i32,
    pub draft: String,
    pub input: Option<String>,
    pub result: Option<String>,
    pub weekly_charge_pence: Option<i64>,
    pub outcome: Option<String>,
    pub figures_year: Option<String>,
    pub effective_from: Option<Date>,
    pub record: Option<String>,
    pub created_by: String,
    pub created_at: DateTimeUtc,
    pub updated_by: Option<String>,
    pub updated_at: DateTimeUtc,
    pub completed_by: Option<String>,
    pub completed_at: Option<DateTimeUtc>,
}

impl ActiveModelBehavior for ActiveModel {}
