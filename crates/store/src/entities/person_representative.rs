use crate::{PersonId, RepresentativeId};
use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "person_representative")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: RepresentativeId,
    pub person_id: PersonId,
    pub name: String,
    pub authority: String,
    pub phone: Option<String>,
    pub document_seen_on: Option<Date>,
    pub document_seen_by: Option<String>,
    pub document_reference: Option<String>,
    pub from_date: Option<Date>,
    pub to_date: Option<Date>,
    pub created_at: DateTimeUtc,
    pub address_line_1: Option<String>,
    pub address_line_2: Option<String>,
    pub address_town: Option<String>,
    pub address_postcode: Option<String>,
    pub letters_to_them: bool,
}

impl ActiveModelBehavior for ActiveModel {}
