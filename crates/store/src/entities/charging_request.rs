use crate::{ChargingRequestId, PersonId};
use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "charging_request")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: ChargingRequestId,
    pub reference: String,
    pub received_at: DateTimeUtc,
    pub source: String,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub preferred_contact: Option<String>,
    pub message: Option<String>,
    pub answers: Option<String>,
    pub estimate_pence: Option<i64>,
    pub status: String,
    pub assigned_to: Option<String>,
    pub person_id: Option<PersonId>,
    pub closed_reason: Option<String>,
}

impl ActiveModelBehavior for ActiveModel {}
