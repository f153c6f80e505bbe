use crate::{AssessmentId, DeterminationId, PersonId};
use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "eligibility_determination")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: DeterminationId,
    pub assessment_id: AssessmentId,
    pub person_id: PersonId,
    pub regime: String,
    pub eligible: bool,
    pub eligible_outcomes: String,
    pub determination: String,
    pub advice: String,
    pub letter: String,
    pub reading_age: i64,
    pub issued_by: Option<String>,
    pub issued_at: DateTimeUtc,
    pub superseded_by: Option<DeterminationId>,
}

impl ActiveModelBehavior for ActiveModel {}
