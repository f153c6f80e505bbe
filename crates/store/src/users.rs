//! Staff accounts and their roles.

use crate::audit::{AuditContext, AuditEntry, append};
use crate::entities::{app_user, session, user_role};
use crate::{Accounts, Result, StoreError, UserId};
use chrono::{DateTime, Utc};
use hearth_domain::access::Role;
use hearth_domain::edits::EditToken;
use hearth_domain::email::EmailAddress;
use hearth_domain::sign_in::AccountLock;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use std::collections::BTreeSet;

/// A staff account as pages and commands see it. No password hash here.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct User {
    pub id: UserId,
    pub email: String,
    pub name: String,
    pub roles: Vec<Role>,
    pub active: bool,
    pub has_password: bool,
    pub single_sign_on: bool,
    pub failed_attempts: u32,
    pub locked_until: Option<DateTime<Utc>>,
    pub last_sign_in_at: Option<DateTime<Utc>>,
    pub demo: bool,
    pub created_at: DateTime<Utc>,
}

impl User {
    pub fn lock(&self) -> AccountLock {
        AccountLock { failed_attempts: self.failed_attempts, locked_until: self.locked_until }
    }
}

/// What sign-in needs: the account and its password hash.
#[derive(Clone, Debug)]
pub struct UserForSignIn {
    pub user: User,
    pub password_hash: Option<String>,
}

#[derive(Debug)]
pub struct NewUser {
    pub email: EmailAddress,
    pub name: String,
    pub roles: Vec<Role>,
    pub password_hash: Option<String>,
    pub oidc_subject: Option<String>,
    pub demo: bool,
}

fn roles_of(rows: &[user_role::Model]) -> Vec<Role> {
    let set: BTreeSet<Role> = rows.iter().filter_map(|r| r.role.parse().ok()).collect();
    set.into_iter().collect()
}

fn to_user(model: app_user::Model, roles: Vec<Role>) -> User {
    User {
        id: model.id,
        email: model.email,
        name: model.name,
        roles,
        active: model.active,
        has_password: model.password_hash.is_some(),
        single_sign_on: model.oidc_subject.is_some(),
        failed_attempts: u32::try_from(model.failed_attempts).unwrap_or(0),
        locked_until: model.locked_until,
        last_sign_in_at: model.last_sign_in_at,
        demo: model.demo,
        created_at: model.created_at,
    }
}

pub(crate) async fn load_user<C: ConnectionTrait>(conn: &C, id: &UserId) -> Result<Option<UserForSignIn>> {
    let Some(model) = app_user::Entity::find_by_id(id.to_owned()).one(conn).await? else {
        return Ok(None);
    };
    let roles = user_role::Entity::find().filter(user_role::Column::UserId.eq(id)).all(conn).await?;
    let password_hash = model.password_hash.clone();
    Ok(Some(UserForSignIn { user: to_user(model, roles_of(&roles)), password_hash }))
}

async fn grant<C: ConnectionTrait>(conn: &C, ctx: &AuditContext, user_id: &UserId, role: Role) -> Result<()> {
    user_role::ActiveModel {
        user_id: Set(user_id.to_owned()),
        role: Set(role.key().to_owned()),
        granted_at: Set(ctx.now),
        granted_by: Set(crate::people::records::ctx_user(ctx)),
    }
    .insert(conn)
    .await?;
    append(
        conn,
        ctx,
        AuditEntry::new("role-granted").record("user", user_id).details(serde_json::json!({"role": role.key()})),
    )
    .await?;
    Ok(())
}

/// The token of an account's roles as a form shows them (`hearth_domain::edits`).
pub fn roles_token(roles: &[Role]) -> EditToken {
    let keys: BTreeSet<&str> = roles.iter().map(|r| r.key()).collect();
    EditToken::of(&keys)
}

impl Accounts<'_> {
    /// Adds a staff account with its roles, recording who added it.
    pub async fn create_user(&self, ctx: &AuditContext, new: NewUser) -> Result<User> {
        let id = UserId::generate();
        let txn = self.store.write().await?;
        let inserted = app_user::ActiveModel {
            id: Set(id.clone()),
            email: Set(new.email.as_str().to_owned()),
            name: Set(new.name.trim().to_owned()),
            password_hash: Set(new.password_hash),
            oidc_subject: Set(new.oidc_subject),
            active: Set(true),
            failed_attempts: Set(0),
            locked_until: Set(None),
            last_sign_in_at: Set(None),
            demo: Set(new.demo),
            created_at: Set(ctx.now),
            updated_at: Set(ctx.now),
        }
        .insert(&txn)
        .await;
        match inserted {
            Err(e) if StoreError::is_unique_violation(&e) => return Err(StoreError::EmailTaken),
            other => other?,
        };
        append(&txn, ctx, AuditEntry::new("user-created").record("user", &id)).await?;
        for role in BTreeSet::from_iter(new.roles) {
            grant(&txn, ctx, &id, role).await?;
        }
        let user = load_user(&txn, &id).await?.ok_or(StoreError::NotFound)?.user;
        txn.commit().await?;
        Ok(user)
    }

    pub async fn user(&self, id: &UserId) -> Result<Option<User>> {
        Ok(load_user(&self.store.db, id).await?.map(|u| u.user))
    }

    pub async fn user_for_sign_in(&self, email: &EmailAddress) -> Result<Option<UserForSignIn>> {
        let model =
            app_user::Entity::find().filter(app_user::Column::Email.eq(email.as_str())).one(&self.store.db).await?;
        match model {
            Some(m) => load_user(&self.store.db, &m.id).await,
            None => Ok(None),
        }
    }

    pub async fn user_by_oidc_subject(&self, subject: &str) -> Result<Option<User>> {
        let model =
            app_user::Entity::find().filter(app_user::Column::OidcSubject.eq(subject)).one(&self.store.db).await?;
        match model {
            Some(m) => Ok(load_user(&self.store.db, &m.id).await?.map(|u| u.user)),
            None => Ok(None),
        }
    }

    /// Every account, by name.
    pub async fn users(&self) -> Result<Vec<User>> {
        let models = app_user::Entity::find().order_by_asc(app_user::Column::Name).all(&self.store.db).await?;
        let roles = user_role::Entity::find().all(&self.store.db).await?;
        Ok(models
            .into_iter()
            .map(|m| {
                let mine: Vec<_> = roles.iter().filter(|r| r.user_id == m.id).cloned().collect();
                to_user(m, roles_of(&mine))
            })
            .collect())
    }

    /// Replaces an account's roles. Each role granted or removed is audited, and the person's
    /// sessions end so that the change takes effect at once.
    ///
    /// With `expected` (`roles_token` of the roles the form showed), refused as stale when
    /// someone changed them meanwhile.
    pub async fn set_roles(
        &self,
        ctx: &AuditContext,
        user_id: &UserId,
        roles: &[Role],
        expected: Option<&EditToken>,
    ) -> Result<User> {
        let txn = self.store.write().await?;
        let current = load_user(&txn, user_id).await?.ok_or(StoreError::NotFound)?.user;
        if expected.is_some_and(|e| *e != roles_token(&current.roles)) {
            return Err(StoreError::Stale);
        }
        let wanted: BTreeSet<Role> = roles.iter().copied().collect();
        let had: BTreeSet<Role> = current.roles.iter().copied().collect();
        for role in wanted.difference(&had) {
            grant(&txn, ctx, user_id, *role).await?;
        }
        for role in had.difference(&wanted) {
            user_role::Entity::delete_by_id((user_id.to_owned(), role.key().to_owned())).exec(&txn).await?;
            append(
                &txn,
                ctx,
                AuditEntry::new("role-removed")
                    .record("user", user_id)
                    .details(serde_json::json!({"role": role.key()})),
            )
            .await?;
        }
        if wanted != had {
            session::Entity::delete_many().filter(session::Column::UserId.eq(user_id)).exec(&txn).await?;
        }
        let user = load_user(&txn, user_id).await?.ok_or(StoreError::NotFound)?.user;
        txn.commit().await?;
        Ok(user)
    }

    /// Deactivates or reactivates an account. Deactivating ends its sessions.
    pub async fn set_active(&self, ctx: &AuditContext, user_id: &UserId, active: bool) -> Result<()> {
        let txn = self.store.write().await?;
        let model = app_user::Entity::find_by_id(user_id.to_owned()).one(&txn).await?.ok_or(StoreError::NotFound)?;
        if model.active != active {
            let mut row: app_user::ActiveModel = model.into();
            row.active = Set(active);
            row.updated_at = Set(ctx.now);
            row.update(&txn).await?;
            if !active {
                session::Entity::delete_many().filter(session::Column::UserId.eq(user_id)).exec(&txn).await?;
            }
            let action = if active { "user-reactivated" } else { "user-deactivated" };
            append(&txn, ctx, AuditEntry::new(action).record("user", user_id)).await?;
        }
        txn.commit().await?;
        Ok(())
    }

    /// Lifts a lockout before it runs out.
    pub async fn unlock_user(&self, ctx: &AuditContext, user_id: &UserId) -> Result<()> {
        let txn = self.store.write().await?;
        let model = app_user::Entity::find_by_id(user_id.to_owned()).one(&txn).await?.ok_or(StoreError::NotFound)?;
        let mut row: app_user::ActiveModel = model.into();
        row.failed_attempts = Set(0);
        row.locked_until = Set(None);
        row.updated_at = Set(ctx.now);
        row.update(&txn).await?;
        append(&txn, ctx, AuditEntry::new("user-unlocked").record("user", user_id)).await?;
        txn.commit().await?;
        Ok(())
    }

    /// Sets a new password (from the command line or an administrator's page).
    pub async fn set_password(&self, ctx: &AuditContext, user_id: &UserId, password_hash: String) -> Result<()> {
        let txn = self.store.write().await?;
        let model = app_user::Entity::find_by_id(user_id.to_owned()).one(&txn).await?.ok_or(StoreError::NotFound)?;
        let mut row: app_user::ActiveModel = model.into();
        row.password_hash = Set(Some(password_hash));
        row.failed_attempts = Set(0);
        row.locked_until = Set(None);
        row.updated_at = Set(ctx.now);
        row.update(&txn).await?;
        session::Entity::delete_many().filter(session::Column::UserId.eq(user_id)).exec(&txn).await?;
        append(&txn, ctx, AuditEntry::new("password-set").record("user", user_id)).await?;
        txn.commit().await?;
        Ok(())
    }

    /// Links an account to its single sign-on identity the first time the person signs in that way.
    pub async fn link_oidc_subject(&self, ctx: &AuditContext, user_id: &UserId, subject: &str) -> Result<()> {
        let txn = self.store.write().await?;
        let model = app_user::Entity::find_by_id(user_id.to_owned()).one(&txn).await?.ok_or(StoreError::NotFound)?;
        let mut row: app_user::ActiveModel = model.into();
        row.oidc_subject = Set(Some(subject.to_owned()));
        row.updated_at = Set(ctx.now);
        row.update(&txn).await?;
        append(&txn, ctx, AuditEntry::new("single-sign-on-linked").record("user", user_id)).await?;
        txn.commit().await?;
        Ok(())
    }
}
