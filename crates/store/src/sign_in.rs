//! Failed sign-ins, lockout and per-address rate limiting, all in the database so that they hold
//! across web nodes.

use crate::audit::{AuditContext, AuditEntry, append};
use crate::entities::{app_user, login_attempt};
use crate::{Accounts, Result, UserId};
use chrono::{DateTime, Utc};
use hearth_domain::email::EmailAddress;
use hearth_domain::sign_in::{AccountLock, LockoutPolicy};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};

impl Accounts<'_> {
    /// Records a failed sign-in. For a known account, counts it towards lockout and returns true
    /// when this failure locked the account.
    pub async fn record_failed_sign_in(
        &self,
        ctx: &AuditContext,
        email: &str,
        user_id: Option<&UserId>,
        why: &'static str,
        policy: &LockoutPolicy,
    ) -> Result<bool> {
        let txn = self.store.write().await?;
        login_attempt::ActiveModel {
            email: Set(email.to_owned()),
            client_addr: Set(ctx.client_addr.clone().unwrap_or_default()),
            succeeded: Set(false),
            attempted_at: Set(ctx.now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        let mut entry = AuditEntry::new("sign-in-failed").details(serde_json::json!({"email": email, "why": why}));
        let mut locked_now = false;
        if let Some(id) = user_id {
            entry = entry.record("user", id);
            if let Some(model) = app_user::Entity::find_by_id(id.to_owned()).one(&txn).await? {
                let before = AccountLock {
                    failed_attempts: u32::try_from(model.failed_attempts).unwrap_or(0),
                    locked_until: model.locked_until,
                };
                if !before.is_locked(ctx.now) {
                    let (after, locked) = before.after_failure(ctx.now, policy);
                    let mut row: app_user::ActiveModel = model.into();
                    row.failed_attempts = Set(i32::try_from(after.failed_attempts).unwrap_or(i32::MAX));
                    row.locked_until = Set(after.locked_until);
                    row.update(&txn).await?;
                    locked_now = locked;
                }
            }
        }
        append(&txn, ctx, entry).await?;
        if locked_now {
            let until = ctx.now + policy.lock_for;
            append(
                &txn,
                ctx,
                AuditEntry::new("account-locked")
                    .record("user", user_id.map(String::from).unwrap_or_default())
                    .details(serde_json::json!({"until": until.to_rfc3339(), "failures": policy.max_failures})),
            )
            .await?;
        }
        txn.commit().await?;
        Ok(locked_now)
    }

    /// Failed attempts for an email address since `since`, whether or not it has an account, so
    /// that a made-up address "locks" just as a real one does and reveals nothing.
    pub async fn failed_sign_ins_for(&self, email: &EmailAddress, since: DateTime<Utc>) -> Result<u64> {
        Ok(login_attempt::Entity::find()
            .filter(login_attempt::Column::Email.eq(email.as_str()))
            .filter(login_attempt::Column::Succeeded.eq(false))
            .filter(login_attempt::Column::AttemptedAt.gte(since))
            .count(&self.store.db)
            .await?)
    }

    /// Sign-in attempts from one client address since `since`.
    pub async fn sign_ins_from(&self, client_addr: &str, since: DateTime<Utc>) -> Result<u64> {
        Ok(login_attempt::Entity::find()
            .filter(login_attempt::Column::ClientAddr.eq(client_addr))
            .filter(login_attempt::Column::AttemptedAt.gte(since))
            .count(&self.store.db)
            .await?)
    }
}
