//! Which services are due to be checked, and reminding their providers (see
//! `hearth_domain::directory::review` for the rules and `hearth_web::jobs` for the daily job).

use crate::audit::{AuditContext, AuditEntry, append};
use crate::entities::directory_service;
use crate::{Directory, Result, ServiceId};
use chrono::{DateTime, Utc};
use hearth_domain::directory::hsds::Service;
use hearth_domain::directory::review::{ReviewPolicy, ReviewState};
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

const DUE_MONTHS: &str = "directory_review_due_months";
const FLAG_MONTHS: &str = "directory_review_flag_months";
const REMIND_DAYS: &str = "directory_reminder_interval_days";

/// The settings the review periods are kept in.
pub const REVIEW_POLICY_KEYS: [&str; 3] = [DUE_MONTHS, FLAG_MONTHS, REMIND_DAYS];

/// A service due to be checked.
#[derive(Clone, Debug)]
pub struct DueService {
    pub id: ServiceId,
    pub name: String,
    pub assured_at: Option<DateTime<Utc>>,
    pub reminded_at: Option<DateTime<Utc>>,
    pub state: ReviewState,
    /// Where a reminder goes: the service's email, its first contact's, or its organisation's.
    pub reminder_to: Option<String>,
}

/// Where a reminder about `service` should go, if anywhere.
pub fn reminder_address(service: &Service) -> Option<String> {
    service
        .email
        .clone()
        .or_else(|| service.contacts.iter().find_map(|c| c.email.clone()))
        .or_else(|| service.organization.as_ref().and_then(|o| o.email.clone()))
        .filter(|e| e.contains('@'))
}

impl Directory<'_> {
    /// The council's review periods (defaults where not set).
    pub async fn review_policy(&self) -> Result<ReviewPolicy> {
        let default = ReviewPolicy::default();
        let get = |key: &'static str, fallback: u32| async move {
            Ok::<u32, crate::StoreError>(
                self.store
                    .settings()
                    .setting(key)
                    .await?
                    .and_then(|v| v.parse().ok())
                    .filter(|v| *v > 0)
                    .unwrap_or(fallback),
            )
        };
        Ok(ReviewPolicy {
            due_after_months: get(DUE_MONTHS, default.due_after_months).await?,
            flag_after_months: get(FLAG_MONTHS, default.flag_after_months).await?,
            remind_every_days: get(REMIND_DAYS, default.remind_every_days).await?,
        })
    }

    /// Sets the review periods, all at once. With `expected` (`review_policy_token` when the
    /// form was shown), refused as stale when someone changed them meanwhile.
    pub async fn set_review_policy(
        &self,
        ctx: &AuditContext,
        policy: ReviewPolicy,
        expected: Option<&hearth_domain::edits::EditToken>,
    ) -> Result<()> {
        let pairs = [
            (DUE_MONTHS, policy.due_after_months.to_string()),
            (FLAG_MONTHS, policy.flag_after_months.to_string()),
            (REMIND_DAYS, policy.remind_every_days.to_string()),
        ];
        self.store.settings().set_settings(ctx, &pairs, expected).await
    }

    /// The token of the review periods as the form shows them.
    pub async fn review_policy_token(&self) -> Result<hearth_domain::edits::EditToken> {
        self.store.settings().settings_token(&REVIEW_POLICY_KEYS).await
    }

    /// Services not checked within the policy's period (never-checked ones first), up to `limit`.
    pub async fn services_due_review(&self, now: DateTime<Utc>, limit: u64) -> Result<Vec<DueService>> {
        let policy = self.review_policy().await?;
        let rows = directory_service::Entity::find()
            .filter(
                Condition::any()
                    .add(directory_service::Column::AssuredAt.is_null())
                    .add(directory_service::Column::AssuredAt.lte(policy.due_if_checked_by(now))),
            )
            .filter(directory_service::Column::Status.ne("defunct"))
            .order_by_asc(directory_service::Column::AssuredAt)
            .order_by_asc(directory_service::Column::Name)
            .limit(limit)
            .all(&self.store.db)
            .await?;
        let ids: Vec<ServiceId> = rows.iter().map(|r| r.id.clone()).collect();
        let mut docs: std::collections::HashMap<ServiceId, Service> =
            super::services::documents(&self.store.db, &ids).await?.into_iter().collect();
        rows.into_iter()
            .map(|row| {
                let service = docs.remove(&row.id).unwrap_or_default();
                Ok(DueService {
                    state: policy.state(row.assured_at, now),
                    id: row.id,
                    name: row.name,
                    assured_at: row.assured_at,
                    reminded_at: row.reminded_at,
                    reminder_to: reminder_address(&service),
                })
            })
            .collect()
    }

    /// Due services whose provider may be reminded now (has an address, not reminded within the
    /// interval).
    pub async fn reminders_due(&self, now: DateTime<Utc>, limit: u64) -> Result<Vec<DueService>> {
        let policy = self.review_policy().await?;
        Ok(self
            .services_due_review(now, limit)
            .await?
            .into_iter()
            .filter(|s| s.reminder_to.is_some() && policy.may_remind(s.reminded_at, now))
            .collect())
    }

    /// Records that a reminder went. Audited (the record, not the address).
    pub async fn mark_reminded(&self, ctx: &AuditContext, service_id: &ServiceId) -> Result<()> {
        let txn = self.store.write().await?;
        directory_service::Entity::update_many()
            .col_expr(directory_service::Column::RemindedAt, sea_orm::sea_query::Expr::value(ctx.now))
            .filter(directory_service::Column::Id.eq(service_id))
            .exec(&txn)
            .await?;
        append(&txn, ctx, AuditEntry::new("directory-review-reminder-sent").record("directory-service", service_id))
            .await?;
        txn.commit().await?;
        Ok(())
    }
}
