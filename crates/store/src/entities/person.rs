use crate::PersonId;
use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "person")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: PersonId,
    pub reference: String,
    pub given_name: String,
    pub family_name: String,
    pub other_names: Option<String>,
    pub preferred_name: Option<String>,
    pub date_of_birth: Option<Date>,
    pub date_of_death: Option<Date>,
    pub nhs_number: Option<String>,
    pub postcode: Option<String>,
    pub family_key: String,
    pub family_sound: String,
    pub given_key: String,
    pub given_sound: String,
    pub details: String,
    pub what_matters: Option<String>,
    pub strengths: Option<String>,
    pub restricted: bool,
    pub restricted_reason: Option<String>,
    pub merged_into: Option<PersonId>,
    pub version: i32,
    pub created_by: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_by: Option<String>,
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
