use crate::PersonId;
use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "person_address")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub person_id: PersonId,
    pub line_1: String,
    pub line_2: Option<String>,
    pub town: Option<String>,
    pub postcode: Option<String>,
    pub uprn: Option<String>,
    pub from_date: Option<Date>,
    pub to_date: Option<Date>,
    pub created_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
