//! Editing the directory. Directory editors publish their edits at once; a provider editor's
//! edit waits as a proposed change until a directory editor approves it (or rejects it with a
//! reason the provider sees). Until then the public keeps seeing the last approved version.
//!
//! Every published edit records who assured it and when (HSDS `assured_date` and
//! `assurer_email`), adds HSDS `metadata` for each changed field, and is audited with the fields
//! it changed.

use super::services::{decode, save_in};
use crate::audit::{AuditContext, AuditEntry, append};
use crate::entities::directory_change;
use crate::{Directory, OrganizationId, ProposalId, Result, ServiceId, StoreError, UserId, stored};
use hearth_domain::directory::changes::{ChangeRecord, FieldChange, METADATA_KEPT, field_changes, metadata};
use hearth_domain::directory::editing::{Part, part_token};
use hearth_domain::directory::hsds::Service;
use hearth_domain::directory::proposals::ProposalStatus;
use hearth_domain::edits::EditToken;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};

/// A change a provider proposed, with what it changes.
#[derive(Clone, Debug)]
pub struct ProposedChange {
    pub id: ProposalId,
    pub service_id: ServiceId,
    pub service_name: String,
    pub organization_id: Option<OrganizationId>,
    pub status: ProposalStatus,
    pub proposed_by: UserId,
    pub proposed_at: chrono::DateTime<chrono::Utc>,
    pub decided_by: Option<String>,
    pub decided_at: Option<chrono::DateTime<chrono::Utc>>,
    pub decision_reason: Option<String>,
    pub proposed: Service,
    /// Against the version the public sees now.
    pub changes: Vec<FieldChange>,
}

async fn current(txn: &DatabaseTransaction, id: &ServiceId) -> Result<Option<Service>> {
    super::services::document(txn, id).await
}

/// What an edit started from: the part of the entry its page changes, and that part's token
/// when the page was shown.
#[derive(Clone, Debug)]
pub struct EditBase {
    pub part: Part,
    pub token: EditToken,
}

/// Refuses (as stale) an edit whose part has changed since its page was shown. A directory
/// editor edits the published entry; a provider the newest pending proposal, or the published
/// entry when there is none: as `WorkingCopy` gives them.
async fn check_base(txn: &DatabaseTransaction, service_id: &ServiceId, base: &EditBase, provider: bool) -> Result<()> {
    let pending = if provider {
        directory_change::Entity::find()
            .filter(directory_change::Column::ServiceId.eq(service_id))
            .filter(directory_change::Column::Status.eq(ProposalStatus::Pending.key()))
            .order_by_desc(directory_change::Column::ProposedAt)
            .one(txn)
            .await?
            .map(|row| decode(&row.proposed_document))
            .transpose()?
    } else {
        None
    };
    let working = match pending {
        Some(p) => Some(p),
        None => current(txn, service_id).await?,
    };
    match working {
        Some(w) if part_token(&w, &base.part) == base.token => Ok(()),
        _ => Err(StoreError::Stale),
    }
}

/// Publishes `edited` in place of `before`: assured by `assurer` today, with HSDS metadata for
/// each changed field. Returns the fields that changed.
async fn publish(
    txn: &DatabaseTransaction,
    ctx: &AuditContext,
    before: Option<&Service>,
    edited: &Service,
    assurer: &str,
) -> Result<Vec<FieldChange>> {
    let mut service = edited.clone();
    // The organisation is published as the directory holds it now: a proposal made before an
    // editor changed the organisation must not bring back the old copy.
    let org_id = service.organization_id.clone().or_else(|| service.organization.as_ref().map(|o| o.id.clone()));
    if let Some(org_id) = org_id
        && let Some(row) = crate::entities::directory_organization::Entity::find_by_id(org_id).one(txn).await?
    {
        service.organization = Some(decode(&row.document)?);
    }
    let changes = field_changes(before, &service);
    // Metadata is history: it comes from the published version, never from what was submitted.
    service.metadata = before.map(|b| b.metadata.clone()).unwrap_or_default();
    let date = ctx.now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let record = ChangeRecord {
        resource_id: service.id.as_str(),
        action: if before.is_some() { "update" } else { "create" },
        date: &date,
        updated_by: assurer,
    };
    service.metadata.extend(metadata(&changes, &record, || uuid::Uuid::new_v4().to_string()));
    let excess = service.metadata.len().saturating_sub(METADATA_KEPT);
    service.metadata.drain(..excess);
    service.assured_date = Some(ctx.now.format("%Y-%m-%d").to_string());
    service.assurer_email = Some(assurer.to_owned());
    save_in(txn, ctx, &service).await?;
    Ok(changes)
}

fn changed_fields(changes: &[FieldChange]) -> serde_json::Value {
    serde_json::json!({"fields": changes.iter().map(|c| c.field.as_str()).collect::<Vec<_>>()})
}

impl Directory<'_> {
    /// A directory editor's edit (or new service): published at once, assured by them.
    /// With `base`, refused as stale when someone changed that part meanwhile.
    pub async fn publish_edit(
        &self,
        ctx: &AuditContext,
        service: &Service,
        editor_email: &str,
        base: Option<&EditBase>,
    ) -> Result<usize> {
        let txn = self.store.write().await?;
        if let Some(base) = base {
            check_base(&txn, &service.id, base, false).await?;
        }
        let before = current(&txn, &service.id).await?;
        let changes = publish(&txn, ctx, before.as_ref(), service, editor_email).await?;
        append(
            &txn,
            ctx,
            AuditEntry::new("directory-service-edited")
                .record("directory-service", &service.id)
                .details(changed_fields(&changes)),
        )
        .await?;
        crate::directory::directory_changed(&txn).await?;
        txn.commit().await?;
        Ok(changes.len())
    }

    /// A directory editor confirms a service is still right without changing it.
    pub async fn mark_checked(&self, ctx: &AuditContext, service_id: &ServiceId, editor_email: &str) -> Result<()> {
        let txn = self.store.write().await?;
        let Some(mut service) = current(&txn, service_id).await? else { return Err(StoreError::NotFound) };
        service.assured_date = Some(ctx.now.format("%Y-%m-%d").to_string());
        service.assurer_email = Some(editor_email.to_owned());
        save_in(&txn, ctx, &service).await?;
        append(&txn, ctx, AuditEntry::new("directory-service-checked").record("directory-service", service_id)).await?;
        crate::directory::directory_changed(&txn).await?;
        txn.commit().await?;
        Ok(())
    }

    /// A provider editor's edit: kept as a proposed change until a directory editor decides. A
    /// newer proposal for the same service replaces a pending one.
    /// With `base`, refused as stale when someone changed that part meanwhile.
    pub async fn propose_change(
        &self,
        ctx: &AuditContext,
        service: &Service,
        proposer_id: &UserId,
        base: Option<&EditBase>,
    ) -> Result<ProposalId> {
        let id = ProposalId::generate();
        let txn = self.store.write().await?;
        if let Some(base) = base {
            check_base(&txn, &service.id, base, true).await?;
        }
        let base = current(&txn, &service.id).await?;
        let superseded = directory_change::Entity::update_many()
            .col_expr(
                directory_change::Column::Status,
                sea_orm::sea_query::Expr::value(ProposalStatus::Superseded.key()),
            )
            .filter(directory_change::Column::ServiceId.eq(&service.id))
            .filter(directory_change::Column::Status.eq(ProposalStatus::Pending.key()))
            .exec(&txn)
            .await?
            .rows_affected;
        directory_change::ActiveModel {
            id: Set(id.clone()),
            service_id: Set(service.id.clone()),
            organization_id: Set(service.organization_id.clone()),
            base_document: Set(base.as_ref().map(|b| serde_json::to_string(b).expect("services serialise"))),
            proposed_document: Set(serde_json::to_string(service).expect("services serialise")),
            status: Set(ProposalStatus::Pending.key().to_owned()),
            proposed_by: Set(proposer_id.to_string()),
            proposed_at: Set(ctx.now),
            decided_by: Set(None),
            decided_at: Set(None),
            decision_reason: Set(None),
        }
        .insert(&txn)
        .await?;
        let changes = field_changes(base.as_ref(), service);
        append(
            &txn,
            ctx,
            AuditEntry::new("directory-change-proposed")
                .record("directory-service", &service.id)
                .details(serde_json::json!({"change": id, "fields": changed_fields(&changes)["fields"], "replaces_pending": superseded})),
        )
        .await?;
        txn.commit().await?;
        Ok(id)
    }

    async fn proposed(&self, row: directory_change::Model) -> Result<ProposedChange> {
        let proposed = decode(&row.proposed_document)?;
        let now_public = self.service(&row.service_id).await?;
        let changes = field_changes(now_public.as_ref(), &proposed);
        let status = stored("proposal stage", &row.id, &row.status, ProposalStatus::from_key)?;
        Ok(ProposedChange {
            id: row.id,
            service_id: row.service_id,
            service_name: proposed.name.clone(),
            organization_id: row.organization_id,
            status,
            proposed_by: UserId::from(row.proposed_by),
            proposed_at: row.proposed_at,
            decided_by: row.decided_by,
            decided_at: row.decided_at,
            decision_reason: row.decision_reason,
            proposed,
            changes,
        })
    }

    pub async fn proposed_change(&self, id: &ProposalId) -> Result<Option<ProposedChange>> {
        match directory_change::Entity::find_by_id(id.to_owned()).one(&self.store.db).await? {
            Some(row) => Ok(Some(self.proposed(row).await?)),
            None => Ok(None),
        }
    }

    async fn all_proposed(&self, rows: Vec<directory_change::Model>) -> Result<Vec<ProposedChange>> {
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            out.push(self.proposed(row).await?);
        }
        Ok(out)
    }

    /// Changes waiting for a decision, oldest first.
    pub async fn pending_changes(&self) -> Result<Vec<ProposedChange>> {
        let rows = directory_change::Entity::find()
            .filter(directory_change::Column::Status.eq(ProposalStatus::Pending.key()))
            .order_by_asc(directory_change::Column::ProposedAt)
            .all(&self.store.db)
            .await?;
        self.all_proposed(rows).await
    }

    /// A provider's own proposals, newest first, with the decision on each.
    pub async fn changes_proposed_by(&self, user_id: &UserId) -> Result<Vec<ProposedChange>> {
        let rows = directory_change::Entity::find()
            .filter(directory_change::Column::ProposedBy.eq(user_id))
            .order_by_desc(directory_change::Column::ProposedAt)
            .all(&self.store.db)
            .await?;
        self.all_proposed(rows).await
    }

    /// A proposal and the stage it is at, to decide (`hearth_domain::directory::proposals`).
    async fn proposal_row(
        txn: &DatabaseTransaction,
        id: &ProposalId,
    ) -> Result<(directory_change::Model, ProposalStatus)> {
        let row = directory_change::Entity::find_by_id(id.to_owned()).one(txn).await?.ok_or(StoreError::NotFound)?;
        let status = stored("proposal stage", &row.id, &row.status, ProposalStatus::from_key)?;
        Ok((row, status))
    }

    /// Publishes a proposed change, assured by the approving editor.
    pub async fn approve_change(
        &self,
        ctx: &AuditContext,
        id: &ProposalId,
        editor_id: &UserId,
        editor_email: &str,
    ) -> Result<()> {
        let txn = self.store.write().await?;
        let (row, status) = Self::proposal_row(&txn, id).await?;
        let approved = status.approve()?;
        let proposed = decode(&row.proposed_document)?;
        let before = current(&txn, &row.service_id).await?;
        let changes = publish(&txn, ctx, before.as_ref(), &proposed, editor_email).await?;
        let service_id = row.service_id.clone();
        let mut row: directory_change::ActiveModel = row.into();
        row.status = Set(approved.key().to_owned());
        row.decided_by = Set(Some(editor_id.to_string()));
        row.decided_at = Set(Some(ctx.now));
        row.update(&txn).await?;
        append(
            &txn,
            ctx,
            AuditEntry::new("directory-change-approved")
                .record("directory-service", &service_id)
                .details(serde_json::json!({"change": id, "fields": changed_fields(&changes)["fields"]})),
        )
        .await?;
        crate::directory::directory_changed(&txn).await?;
        txn.commit().await?;
        Ok(())
    }

    /// Turns a proposed change down, with a reason the provider will see. Nothing is published.
    pub async fn reject_change(
        &self,
        ctx: &AuditContext,
        id: &ProposalId,
        editor_id: &UserId,
        reason: &str,
    ) -> Result<()> {
        let txn = self.store.write().await?;
        let (row, status) = Self::proposal_row(&txn, id).await?;
        let rejected = status.reject()?;
        let service_id = row.service_id.clone();
        let mut row: directory_change::ActiveModel = row.into();
        row.status = Set(rejected.key().to_owned());
        row.decided_by = Set(Some(editor_id.to_string()));
        row.decided_at = Set(Some(ctx.now));
        row.decision_reason = Set(Some(reason.trim().to_owned()));
        row.update(&txn).await?;
        append(
            &txn,
            ctx,
            AuditEntry::new("directory-change-rejected")
                .record("directory-service", &service_id)
                .reason(reason.trim())
                .details(serde_json::json!({"change": id})),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }
}

/// What an editing page starts from: the version the public sees, and for a provider the change
/// they are building up on top of it, so that each part they save adds to one proposal.
#[derive(Clone, Debug)]
pub struct WorkingCopy {
    /// The pending proposal's version if there is one, otherwise the published one.
    pub service: Service,
    pub published: Option<Service>,
    /// The pending proposal, if any.
    pub pending: Option<ProposedChange>,
}

impl WorkingCopy {
    /// The fields the working copy changes against the published version.
    pub fn changes(&self) -> Vec<FieldChange> {
        field_changes(self.published.as_ref(), &self.service)
    }
}

impl Directory<'_> {
    /// The published version of a service and the newest pending proposal for it, or `None` if
    /// there is neither (a service proposed as new exists only as its proposal).
    pub async fn working_copy(&self, service_id: &ServiceId) -> Result<Option<WorkingCopy>> {
        let published = self.service(service_id).await?;
        let row = directory_change::Entity::find()
            .filter(directory_change::Column::ServiceId.eq(service_id))
            .filter(directory_change::Column::Status.eq(ProposalStatus::Pending.key()))
            .order_by_desc(directory_change::Column::ProposedAt)
            .one(&self.store.db)
            .await?;
        let pending = match row {
            Some(row) => Some(self.proposed(row).await?),
            None => None,
        };
        let service = match (&pending, &published) {
            (Some(p), _) => p.proposed.clone(),
            (None, Some(s)) => s.clone(),
            (None, None) => return Ok(None),
        };
        Ok(Some(WorkingCopy { service, published, pending }))
    }

    /// A provider takes back a change they sent, before it is decided. Only the person who sent
    /// it, or someone who may update the same organisation's entries, calls this (the web layer
    /// checks which).
    pub async fn withdraw_change(&self, ctx: &AuditContext, id: &ProposalId) -> Result<()> {
        let txn = self.store.write().await?;
        let (row, status) = Self::proposal_row(&txn, id).await?;
        let withdrawn = status.withdraw()?;
        let service_id = row.service_id.clone();
        let mut row: directory_change::ActiveModel = row.into();
        row.status = Set(withdrawn.key().to_owned());
        row.decided_at = Set(Some(ctx.now));
        row.update(&txn).await?;
        append(
            &txn,
            ctx,
            AuditEntry::new("directory-change-withdrawn")
                .record("directory-service", &service_id)
                .details(serde_json::json!({"change": id})),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// The local authority areas (ONS codes) the loaded postcodes fall in, for the editing
    /// pages' hints; at most 50.
    pub async fn postcode_area_codes(&self) -> Result<Vec<String>> {
        use crate::entities::postcode;
        Ok(postcode::Entity::find()
            .select_only()
            .column(postcode::Column::LadCode)
            .filter(postcode::Column::LadCode.is_not_null())
            .distinct()
            .order_by_asc(postcode::Column::LadCode)
            .limit(50)
            .into_tuple::<Option<String>>()
            .all(&self.store.db)
            .await?
            .into_iter()
            .flatten()
            .collect())
    }
}
