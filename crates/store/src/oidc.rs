//! Single sign-on logins in progress. Kept in the database so that the identity provider can
//! send the person back to any web node.

use crate::entities::oidc_login;
use crate::{Accounts, Result};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

#[derive(Clone, Debug)]
pub struct PendingOidcLogin {
    pub state: String,
    pub nonce: String,
    pub pkce_verifier: String,
    pub return_to: String,
}

/// How long someone has to finish signing in at the identity provider.
const PENDING_FOR: Duration = Duration::minutes(10);

impl Accounts<'_> {
    pub async fn save_oidc_login(&self, pending: &PendingOidcLogin, now: DateTime<Utc>) -> Result<()> {
        oidc_login::ActiveModel {
            state: Set(pending.state.clone()),
            nonce: Set(pending.nonce.clone()),
            pkce_verifier: Set(pending.pkce_verifier.clone()),
            return_to: Set(pending.return_to.clone()),
            created_at: Set(now),
        }
        .insert(&self.store.db)
        .await?;
        oidc_login::Entity::delete_many()
            .filter(oidc_login::Column::CreatedAt.lt(now - PENDING_FOR))
            .exec(&self.store.db)
            .await?;
        Ok(())
    }

    /// Takes (and removes) a pending login by its `state`, so each can be completed only once.
    pub async fn take_oidc_login(&self, state: &str, now: DateTime<Utc>) -> Result<Option<PendingOidcLogin>> {
        let Some(found) = oidc_login::Entity::find_by_id(state.to_owned()).one(&self.store.db).await? else {
            return Ok(None);
        };
        let removed = oidc_login::Entity::delete_by_id(state.to_owned()).exec(&self.store.db).await?;
        if removed.rows_affected == 0 || now - found.created_at > PENDING_FOR {
            return Ok(None);
        }
        Ok(Some(PendingOidcLogin {
            state: found.state,
            nonce: found.nonce,
            pkce_verifier: found.pkce_verifier,
            return_to: found.return_to,
        }))
    }
}
