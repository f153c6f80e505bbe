use crate::{ProposalId, ServiceId};
use hearth_domain::ids::OrganizationId;
use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "directory_change")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: ProposalId,
    pub service_id: ServiceId,
    pub organization_id: Option<OrganizationId>,
    /// The approved version the change started from (none for a new service).
    pub base_document: Option<String>,
    pub proposed_document: String,
    /// `pending`, `approved`, `rejected` or `superseded`.
    pub status: String,
    pub proposed_by: String,
    pub proposed_at: DateTimeUtc,
    pub decided_by: Option<String>,
    pub decided_at: Option<DateTimeUtc>,
    pub decision_reason: Option<String>,
}

impl ActiveModelBehavior for ActiveModel {}
