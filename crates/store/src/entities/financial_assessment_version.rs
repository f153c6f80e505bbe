use crate::FinancialAssessmentId;
use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "financial_assessment_version")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub assessment_id: FinancialAssessmentId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub version: i32,
    pub status: String,
    pub saved_at: DateTimeUtc,
    pub saved_by: Option<String>,
    pub reason: String,
    pub draft: String,
    pub input: Option<String>,
    pub result: Option<String>,
    pub weekly_charge_pence: Option<i64>,
    pub figures_year: Option<String>,
    pub effective_from: Option<Date>,
}

impl ActiveModelBehavior for ActiveModel {}
