//! Editing the directory. Directory editors publish their edits at once; a provider editor's
//! edit waits as a proposed change until a directory editor approves it (or rejects it with a
//! reason the provider sees). Until then the public keeps seeing the last approved version.
//!
//! Every published edit records who assured it and when (HSDS `assured_date` and
//! `assurer_email`), adds HSDS `metadata` for each changed field, and is audited with the fields
//! it changed.

use super::services::{decode, save_in};
use crate::audit::{AuditContext, AuditEntry, append};
use crate::entities::{directory_change, directory_editor_organization};
use crate::{Result, Store, StoreError};
use hearth_domain::directory::changes::{ChangeRecord, FieldChange, METADATA_KEPT, field_changes, metadata};
use hearth_domain::directory::hsds::Service;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder, Set};

/// A change a provider proposed, with what it changes.
#[derive(Clone, Debug)]
pub struct ProposedChange {
    pub id: String,
    pub service_id: String,
    pub service_name: String,
    pub organization_id: Option<String>,
    pub status: String,
    pub proposed_by: String,
    pub proposed_at: chrono::DateTime<chrono::Utc>,
    pub decided_by: Option<String>,
    pub decided_at: Option<chrono::DateTime<chrono::Utc>>,
    pub decision_reason: Option<String>,
    pub proposed: Service,
    /// Against the version the public sees now.
    pub changes: Vec<FieldChange>,
}

async fn current(txn: &DatabaseTransaction, id: &str) -> Result<Option<Service>> {
    super::services::document(txn, id).await
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
    let changes = field_changes(before, edited);
    let mut service = edited.clone();
    // Metadata is history: it comes from the published version, never from what was submitted.
    service.metadata = before.map(|b| b.metadata.clone()).unwrap_or_default();
    let date = ctx.now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let record = ChangeRecord {
        resource_id: &service.id,
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

impl Store {
    /// A directory editor's edit (or new service): published at once, assured by them.
    pub async fn publish_edit(&self, ctx: &AuditContext, service: &Service, editor_email: &str) -> Result<usize> {
        let txn = self.write().await?;
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
        crate::directory::search::directory_changed(&txn).await?;
        txn.commit().await?;
        Ok(changes.len())
    }

    /// A directory editor confirms a service is still right without changing it.
    pub async fn mark_checked(&self, ctx: &AuditContext, service_id: &str, editor_email: &str) -> Result<()> {
        let txn = self.write().await?;
        let Some(mut service) = current(&txn, service_id).await? else { return Err(StoreError::NotFound) };
        service.assured_date = Some(ctx.now.format("%Y-%m-%d").to_string());
        service.assurer_email = Some(editor_email.to_owned());
        save_in(&txn, ctx, &service).await?;
        append(&txn, ctx, AuditEntry::new("directory-service-checked").record("directory-service", service_id)).await?;
        crate::directory::search::directory_changed(&txn).await?;
        txn.commit().await?;
        Ok(())
    }

    /// A provider editor's edit: kept as a proposed change until a directory editor decides. A
    /// newer proposal for the same service replaces a pending one.
    pub async fn propose_change(&self, ctx: &AuditContext, service: &Service, proposer_id: &str) -> Result<String> {
        let id = uuid::Uuid::new_v4().to_string();
        let txn = self.write().await?;
        let base = current(&txn, &service.id).await?;
        let superseded = directory_change::Entity::update_many()
            .col_expr(directory_change::Column::Status, sea_orm::sea_query::Expr::value("superseded"))
            .filter(directory_change::Column::ServiceId.eq(&service.id))
            .filter(directory_change::Column::Status.eq("pending"))
            .exec(&txn)
            .await?
            .rows_affected;
        directory_change::ActiveModel {
            id: Set(id.clone()),
            service_id: Set(service.id.clone()),
            organization_id: Set(service.organization_id.clone()),
            base_document: Set(base.as_ref().map(|b| serde_json::to_string(b).expect("services serialise"))),
            proposed_document: Set(serde_json::to_string(service).expect("services serialise")),
            status: Set("pending".to_owned()),
            proposed_by: Set(proposer_id.to_owned()),
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
        Ok(ProposedChange {
            id: row.id,
            service_id: row.service_id,
            service_name: proposed.name.clone(),
            organization_id: row.organization_id,
            status: row.status,
            proposed_by: row.proposed_by,
            proposed_at: row.proposed_at,
            decided_by: row.decided_by,
            decided_at: row.decided_at,
            decision_reason: row.decision_reason,
            proposed,
            changes,
        })
    }

    pub async fn proposed_change(&self, id: &str) -> Result<Option<ProposedChange>> {
        match directory_change::Entity::find_by_id(id.to_owned()).one(&self.db).await? {
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
            .filter(directory_change::Column::Status.eq("pending"))
            .order_by_asc(directory_change::Column::ProposedAt)
            .all(&self.db)
            .await?;
        self.all_proposed(rows).await
    }

    /// A provider's own proposals, newest first, with the decision on each.
    pub async fn changes_proposed_by(&self, user_id: &str) -> Result<Vec<ProposedChange>> {
        let rows = directory_change::Entity::find()
            .filter(directory_change::Column::ProposedBy.eq(user_id))
            .order_by_desc(directory_change::Column::ProposedAt)
            .all(&self.db)
            .await?;
        self.all_proposed(rows).await
    }

    async fn pending_row(txn: &DatabaseTransaction, id: &str) -> Result<directory_change::Model> {
        let row = directory_change::Entity::find_by_id(id.to_owned()).one(txn).await?.ok_or(StoreError::NotFound)?;
        if row.status != "pending" {
            return Err(StoreError::AlreadyDecided);
        }
        Ok(row)
    }

    /// Publishes a proposed change, assured by the approving editor.
    pub async fn approve_change(
        &self,
        ctx: &AuditContext,
        id: &str,
        editor_id: &str,
        editor_email: &str,
    ) -> Result<()> {
        let txn = self.write().await?;
        let row = Self::pending_row(&txn, id).await?;
        let proposed = decode(&row.proposed_document)?;
        let before = current(&txn, &row.service_id).await?;
        let changes = publish(&txn, ctx, before.as_ref(), &proposed, editor_email).await?;
        let service_id = row.service_id.clone();
        let mut row: directory_change::ActiveModel = row.into();
        row.status = Set("approved".to_owned());
        row.decided_by = Set(Some(editor_id.to_owned()));
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
        crate::directory::search::directory_changed(&txn).await?;
        txn.commit().await?;
        Ok(())
    }

    /// Turns a proposed change down, with a reason the provider will see. Nothing is published.
    pub async fn reject_change(&self, ctx: &AuditContext, id: &str, editor_id: &str, reason: &str) -> Result<()> {
        let txn = self.write().await?;
        let row = Self::pending_row(&txn, id).await?;
        let service_id = row.service_id.clone();
        let mut row: directory_change::ActiveModel = row.into();
        row.status = Set("rejected".to_owned());
        row.decided_by = Set(Some(editor_id.to_owned()));
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

    /// Every organisation, by name: (id, name).
    pub async fn organizations(&self) -> Result<Vec<(String, String)>> {
        use crate::entities::directory_organization;
        let rows = directory_organization::Entity::find()
            .order_by_asc(directory_organization::Column::Name)
            .all(&self.db)
            .await?;
        Ok(rows.into_iter().map(|o| (o.id, o.name)).collect())
    }

    /// The organisations a provider editor may update.
    pub async fn editor_organizations(&self, user_id: &str) -> Result<Vec<String>> {
        let rows = directory_editor_organization::Entity::find()
            .filter(directory_editor_organization::Column::UserId.eq(user_id))
            .all(&self.db)
            .await?;
        Ok(rows.into_iter().map(|r| r.organization_id).collect())
    }

    /// Sets the organisations a provider editor may update. Audited.
    pub async fn set_editor_organizations(
        &self,
        ctx: &AuditContext,
        user_id: &str,
        organization_ids: &[String],
    ) -> Result<()> {
        let txn = self.write().await?;
        directory_editor_organization::Entity::delete_many()
            .filter(directory_editor_organization::Column::UserId.eq(user_id))
            .exec(&txn)
            .await?;
        if !organization_ids.is_empty() {
            directory_editor_organization::Entity::insert_many(organization_ids.iter().map(|o| {
                directory_editor_organization::ActiveModel {
                    user_id: Set(user_id.to_owned()),
                    organization_id: Set(o.clone()),
                }
            }))
            .exec_without_returning(&txn)
            .await?;
        }
        append(
            &txn,
            ctx,
            AuditEntry::new("editor-organisations-changed")
                .record("user", user_id)
                .details(serde_json::json!({"organisations": organization_ids})),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }
}
