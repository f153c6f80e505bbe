//! Server-side sessions, kept in the database so that any web node can serve any request.

use crate::audit::{AuditContext, AuditEntry, append};
use crate::entities::{app_user, login_attempt, session};
use crate::users::{User, load_user};
use crate::{Accounts, Result, StoreError, UserId};
use chrono::{DateTime, Duration, Utc};
use hearth_domain::sign_in::{SessionPolicy, SessionState};
use rand::RngCore;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use sha2::{Digest, Sha256};

/// A fresh session: the token for the cookie (never stored) and the form token for its pages.
#[derive(Clone, Debug)]
pub struct NewSession {
    pub token: String,
    pub form_token: String,
}

/// The signed-in person behind a session cookie.
#[derive(Clone, Debug)]
pub struct SessionUser {
    pub user: User,
    pub form_token: String,
    pub auth_method: String,
    pub created_at: DateTime<Utc>,
}

/// Why a session cookie no longer signs anyone in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignedOutBecause {
    /// No such session (signed out, or never existed).
    Unknown,
    /// No activity for longer than the idle timeout.
    Idle,
    /// Signed in for longer than the absolute timeout.
    TooLong,
    /// The account was deactivated.
    Inactive,
}

/// A hard-to-guess random token (256 bits), as hex.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Last-seen times are written at most this often, so that reading pages does not mean a write
/// on every request.
const TOUCH_EVERY: Duration = Duration::seconds(60);

impl Accounts<'_> {
    /// Records a successful sign-in and starts a new session, all in one transaction: the old
    /// session id (if any) is never reused.
    pub async fn start_session(
        &self,
        ctx: &AuditContext,
        user_id: &UserId,
        auth_method: &'static str,
        policy: &SessionPolicy,
    ) -> Result<NewSession> {
        let txn = self.store.write().await?;
        let model = app_user::Entity::find_by_id(user_id.to_owned()).one(&txn).await?.ok_or(StoreError::NotFound)?;
        let email = model.email.clone();
        let mut row: app_user::ActiveModel = model.into();
        row.failed_attempts = Set(0);
        row.locked_until = Set(None);
        row.last_sign_in_at = Set(Some(ctx.now));
        row.update(&txn).await?;
        login_attempt::ActiveModel {
            email: Set(email),
            client_addr: Set(ctx.client_addr.clone().unwrap_or_default()),
            succeeded: Set(true),
            attempted_at: Set(ctx.now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        let new = NewSession { token: random_token(), form_token: random_token() };
        session::ActiveModel {
            id_hash: Set(token_hash(&new.token)),
            user_id: Set(user_id.to_owned()),
            form_token: Set(new.form_token.clone()),
            auth_method: Set(auth_method.to_owned()),
            created_at: Set(ctx.now),
            last_seen_at: Set(ctx.now),
            expires_at: Set(policy.expires_at(ctx.now, ctx.now)),
        }
        .insert(&txn)
        .await?;
        append(
            &txn,
            ctx,
            AuditEntry::new("sign-in").record("user", user_id).details(serde_json::json!({"method": auth_method})),
        )
        .await?;
        txn.commit().await?;
        Ok(new)
    }

    /// Finds the person signed in with `token`, ending the session if it has timed out.
    pub async fn session(
        &self,
        token: &str,
        now: DateTime<Utc>,
        policy: &SessionPolicy,
    ) -> Result<std::result::Result<SessionUser, SignedOutBecause>> {
        Ok(self.session_or_owner(token, now, policy).await?.map_err(|(why, _)| why))
    }

    /// As [`Accounts::session`], but a session found ended also says whose it was, so that a form
    /// sent just after a timeout can be kept for its author (the session itself is gone).
    pub async fn session_or_owner(
        &self,
        token: &str,
        now: DateTime<Utc>,
        policy: &SessionPolicy,
    ) -> Result<std::result::Result<SessionUser, (SignedOutBecause, Option<UserId>)>> {
        let hash = token_hash(token);
        let Some(found) = session::Entity::find_by_id(hash.clone()).one(&self.store.db).await? else {
            return Ok(Err((SignedOutBecause::Unknown, None)));
        };
        let why = match policy.state(found.created_at, found.last_seen_at, now) {
            SessionState::Active => None,
            SessionState::IdleExpired => Some(SignedOutBecause::Idle),
            SessionState::AbsoluteExpired => Some(SignedOutBecause::TooLong),
        };
        let user = load_user(&self.store.db, &found.user_id).await?.map(|u| u.user).filter(|u| u.active);
        // A timed-out session says so; an account no longer active ends it too.
        let (None, Some(user)) = (why, user) else {
            let why = why.unwrap_or(SignedOutBecause::Inactive);
            let ctx = AuditContext::system(now);
            let txn = self.store.write().await?;
            let removed = session::Entity::delete_by_id(hash).exec(&txn).await?;
            if removed.rows_affected > 0 {
                let reason = match why {
                    SignedOutBecause::Idle => "idle-timeout",
                    SignedOutBecause::TooLong => "absolute-timeout",
                    _ => "account-inactive",
                };
                append(
                    &txn,
                    &ctx,
                    AuditEntry::new("session-ended")
                        .record("user", &found.user_id)
                        .details(serde_json::json!({"why": reason})),
                )
                .await?;
            }
            txn.commit().await?;
            let owner =
                matches!(why, SignedOutBecause::Idle | SignedOutBecause::TooLong).then(|| found.user_id.clone());
            return Ok(Err((why, owner)));
        };
        if now - found.last_seen_at >= TOUCH_EVERY {
            let created_at = found.created_at;
            let mut row: session::ActiveModel = found.clone().into();
            row.last_seen_at = Set(now);
            row.expires_at = Set(policy.expires_at(created_at, now));
            row.update(&self.store.db).await?;
        }
        Ok(Ok(SessionUser {
            user,
            form_token: found.form_token,
            auth_method: found.auth_method,
            created_at: found.created_at,
        }))
    }

    /// Signs out: the server forgets the session, so the cookie is worthless even if copied.
    pub async fn end_session(&self, ctx: &AuditContext, token: &str) -> Result<()> {
        let hash = token_hash(token);
        let txn = self.store.write().await?;
        if let Some(found) = session::Entity::find_by_id(hash.clone()).one(&txn).await? {
            session::Entity::delete_by_id(hash).exec(&txn).await?;
            append(&txn, ctx, AuditEntry::new("sign-out").record("user", &found.user_id)).await?;
        }
        txn.commit().await?;
        Ok(())
    }

    /// Removes sessions past their expiry, and sign-in attempts older than a day. Run by a job.
    pub async fn purge_expired(&self, now: DateTime<Utc>) -> Result<u64> {
        let sessions =
            session::Entity::delete_many().filter(session::Column::ExpiresAt.lt(now)).exec(&self.store.db).await?;
        let attempts = login_attempt::Entity::delete_many()
            .filter(login_attempt::Column::AttemptedAt.lt(now - Duration::days(1)))
            .exec(&self.store.db)
            .await?;
        Ok(sessions.rows_affected + attempts.rows_affected)
    }

    /// How many sessions are open: shown to administrators.
    pub async fn session_count(&self, user_id: &UserId) -> Result<u64> {
        use sea_orm::PaginatorTrait;
        Ok(session::Entity::find().filter(session::Column::UserId.eq(user_id)).count(&self.store.db).await?)
    }
}
