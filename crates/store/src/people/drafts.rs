//! Keeping what people type. A draft is a form's fields saved as they go (by the form's "save
//! as draft" button, or every few seconds from the page where JavaScript runs); a held form is
//! one sent after its session ended, kept (only as a hash of its key in the author's cookie)
//! until they sign in again, so a timeout never loses what was typed.

use crate::entities::{form_draft, held_submission};
use crate::{People, Result, UserId};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use sha2::{Digest, Sha256};

/// A saved draft: the form's fields as sent, and when.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Draft {
    pub fields: Vec<(String, String)>,
    pub saved_at: DateTime<Utc>,
}

/// How long a held form waits for its author.
pub const HOLD_FOR_HOURS: i64 = 12;

fn hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

impl People<'_> {
    /// Saves (or replaces) a draft of one form for one member of staff.
    pub async fn save_draft(
        &self,
        user_id: &UserId,
        form_key: &str,
        fields: &[(String, String)],
        now: DateTime<Utc>,
    ) -> Result<()> {
        let txn = self.store.write().await?;
        form_draft::Entity::delete_by_id((user_id.to_owned(), form_key.to_owned())).exec(&txn).await?;
        form_draft::ActiveModel {
            user_id: Set(user_id.to_owned()),
            form_key: Set(form_key.to_owned()),
            fields: Set(serde_json::to_string(fields).expect("fields serialise")),
            saved_at: Set(now),
        }
        .insert(&txn)
        .await?;
        txn.commit().await?;
        Ok(())
    }

    pub async fn draft(&self, user_id: &UserId, form_key: &str) -> Result<Option<Draft>> {
        Ok(form_draft::Entity::find_by_id((user_id.to_owned(), form_key.to_owned()))
            .one(&self.store.db)
            .await?
            .map(|d| Draft { fields: serde_json::from_str(&d.fields).unwrap_or_default(), saved_at: d.saved_at }))
    }

    /// Forgets a draft (the form was saved, or its author chose to start again).
    pub async fn discard_draft(&self, user_id: &UserId, form_key: &str) -> Result<()> {
        form_draft::Entity::delete_by_id((user_id.to_owned(), form_key.to_owned())).exec(&self.store.db).await?;
        Ok(())
    }

    /// Holds a form sent after its session ended. `user_id` is whoever the ended session was
    /// for, when known: only they may take it back.
    pub async fn hold_submission(
        &self,
        token: &str,
        user_id: Option<&UserId>,
        path: &str,
        body: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        held_submission::ActiveModel {
            id_hash: Set(hash(token)),
            user_id: Set(user_id.cloned()),
            path: Set(path.to_owned()),
            body: Set(body.to_owned()),
            created_at: Set(now),
            expires_at: Set(now + Duration::hours(HOLD_FOR_HOURS)),
        }
        .insert(&self.store.db)
        .await?;
        Ok(())
    }

    /// Gives back a held form to the member of staff who sent it (and forgets it): its path and
    /// fields. Someone else, or an expired hold, gets nothing.
    pub async fn take_held_submission(
        &self,
        token: &str,
        user_id: &UserId,
        now: DateTime<Utc>,
    ) -> Result<Option<(String, String)>> {
        let Some(held) = held_submission::Entity::find_by_id(hash(token)).one(&self.store.db).await? else {
            return Ok(None);
        };
        if held.expires_at <= now || held.user_id.as_ref().is_some_and(|u| u != user_id) {
            return Ok(None);
        }
        held_submission::Entity::delete_by_id(held.id_hash.clone()).exec(&self.store.db).await?;
        Ok(Some((held.path, held.body)))
    }

    /// Removes held forms nobody came back for.
    pub async fn purge_held_submissions(&self, now: DateTime<Utc>) -> Result<u64> {
        Ok(held_submission::Entity::delete_many()
            .filter(held_submission::Column::ExpiresAt.lte(now))
            .exec(&self.store.db)
            .await?
            .rows_affected)
    }
}
