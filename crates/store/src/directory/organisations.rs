//! Organisations in the directory: adding and updating one (and the copy each of its services
//! publishes), and which organisations a provider editor may update.

use super::services::{decode, save_in};
use crate::audit::{AuditContext, AuditEntry, append};
use crate::entities::directory_editor_organization;
use crate::{Directory, OrganizationId, Result, ServiceId, StoreError, UserId};
use hearth_domain::directory::hsds::Organization;
use hearth_domain::edits::EditToken;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};

/// The token of the organisations a provider editor updates, as a form shows them.
pub fn organizations_token(ids: &[OrganizationId]) -> EditToken {
    let sorted: std::collections::BTreeSet<&OrganizationId> = ids.iter().collect();
    EditToken::of(&sorted)
}
impl Directory<'_> {
    /// Every organisation, by name: (id, name).
    pub async fn organizations(&self) -> Result<Vec<(OrganizationId, String)>> {
        use crate::entities::directory_organization;
        let rows = directory_organization::Entity::find()
            .order_by_asc(directory_organization::Column::Name)
            .all(&self.store.db)
            .await?;
        Ok(rows.into_iter().map(|o| (o.id, o.name)).collect())
    }

    /// The organisations a provider editor may update.
    pub async fn editor_organizations(&self, user_id: &UserId) -> Result<Vec<OrganizationId>> {
        let rows = directory_editor_organization::Entity::find()
            .filter(directory_editor_organization::Column::UserId.eq(user_id))
            .all(&self.store.db)
            .await?;
        Ok(rows.into_iter().map(|r| r.organization_id).collect())
    }

    /// Sets the organisations a provider editor may update. Audited.
    ///
    /// With `expected` (`organizations_token` of what the form showed), refused as stale when
    /// someone changed them meanwhile.
    pub async fn set_editor_organizations(
        &self,
        ctx: &AuditContext,
        user_id: &UserId,
        organization_ids: &[OrganizationId],
        expected: Option<&EditToken>,
    ) -> Result<()> {
        let txn = self.store.write().await?;
        if let Some(expected) = expected {
            let now: Vec<OrganizationId> = directory_editor_organization::Entity::find()
                .filter(directory_editor_organization::Column::UserId.eq(user_id))
                .all(&txn)
                .await?
                .into_iter()
                .map(|r| r.organization_id)
                .collect();
            if *expected != organizations_token(&now) {
                return Err(StoreError::Stale);
            }
        }
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

    /// Adds or updates an organisation, and the copy of it each of its services publishes, in
    /// one transaction. Audited with the fields that changed.
    ///
    /// With `expected` (the token of the organisation as the form showed it), refused as stale
    /// when someone changed it meanwhile.
    pub async fn save_organization(
        &self,
        ctx: &AuditContext,
        org: &Organization,
        expected: Option<&EditToken>,
    ) -> Result<()> {
        use crate::entities::{directory_organization, directory_service};
        let txn = self.store.write().await?;
        let before = directory_organization::Entity::find_by_id(org.id.clone()).one(&txn).await?;
        let before: Option<Organization> = match &before {
            Some(row) => Some(decode(&row.document)?),
            None => None,
        };
        if let Some(expected) = expected
            && !before.as_ref().is_some_and(|b| expected.still(b))
        {
            return Err(StoreError::Stale);
        }
        super::services::save_organization(&txn, ctx, org).await?;
        let service_ids: Vec<ServiceId> = directory_service::Entity::find()
            .filter(directory_service::Column::OrganizationId.eq(&org.id))
            .select_only()
            .column(directory_service::Column::Id)
            .into_tuple()
            .all(&txn)
            .await?;
        for (_, mut service) in super::services::documents(&txn, &service_ids).await? {
            if service.organization.is_some() {
                service.organization = Some(org.clone());
                save_in(&txn, ctx, &service).await?;
            }
        }
        let fields = organization_changes(before.as_ref(), org);
        append(
            &txn,
            ctx,
            AuditEntry::new(if before.is_some() {
                "directory-organisation-edited"
            } else {
                "directory-organisation-added"
            })
            .record("directory-organisation", &org.id)
            .details(serde_json::json!({"fields": fields, "services": service_ids.len()})),
        )
        .await?;
        crate::directory::directory_changed(&txn).await?;
        txn.commit().await?;
        Ok(())
    }

    /// Every organisation with how many services it has, by name.
    pub async fn organizations_with_counts(&self) -> Result<Vec<(Organization, u64)>> {
        use crate::entities::{directory_organization, directory_service};
        use std::collections::HashMap;
        let rows = directory_organization::Entity::find()
            .order_by_asc(directory_organization::Column::Name)
            .all(&self.store.db)
            .await?;
        let counts: Vec<(Option<OrganizationId>, i64)> = directory_service::Entity::find()
            .select_only()
            .column(directory_service::Column::OrganizationId)
            .column_as(directory_service::Column::Id.count(), "n")
            .group_by(directory_service::Column::OrganizationId)
            .into_tuple()
            .all(&self.store.db)
            .await?;
        let counts: HashMap<OrganizationId, u64> =
            counts.into_iter().filter_map(|(id, n)| Some((id?, u64::try_from(n).unwrap_or(0)))).collect();
        rows.into_iter()
            .map(|row| {
                let n = counts.get(&row.id).copied().unwrap_or(0);
                Ok((decode(&row.document)?, n))
            })
            .collect()
    }
}

/// The organisation fields an edit changed, by name.
fn organization_changes(before: Option<&Organization>, after: &Organization) -> Vec<&'static str> {
    let Some(b) = before else { return vec!["name", "description"] };
    let mut out = Vec::new();
    for (field, old, new) in [
        ("name", Some(&b.name), Some(&after.name)),
        ("description", Some(&b.description), Some(&after.description)),
        ("email", b.email.as_ref(), after.email.as_ref()),
        ("website", b.website.as_ref(), after.website.as_ref()),
    ] {
        if old != new {
            out.push(field);
        }
    }
    out
}
