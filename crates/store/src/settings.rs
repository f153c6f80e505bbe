//! Council settings kept in the database (the council's name, for example), changed with audit.

use crate::audit::{AuditContext, AuditEntry, append};
use crate::entities::setting;
use crate::{Result, Settings, StoreError};
use hearth_domain::edits::EditToken;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ConnectionTrait, EntityTrait, Set};

pub(crate) async fn put<C: ConnectionTrait>(conn: &C, ctx: &AuditContext, key: &str, value: &str) -> Result<()> {
    setting::Entity::insert(setting::ActiveModel {
        key: Set(key.to_owned()),
        value: Set(value.to_owned()),
        updated_at: Set(ctx.now),
    })
    .on_conflict(
        OnConflict::column(setting::Column::Key)
            .update_columns([setting::Column::Value, setting::Column::UpdatedAt])
            .to_owned(),
    )
    .exec_without_returning(conn)
    .await?;
    append(
        conn,
        ctx,
        AuditEntry::new("setting-changed").record("setting", key).details(serde_json::json!({"value": value})),
    )
    .await?;
    Ok(())
}

impl Settings<'_> {
    pub async fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(setting::Entity::find_by_id(key.to_owned()).one(&self.store.db).await?.map(|s| s.value))
    }

    /// Several settings in one query: those that are set and not blank, by key.
    pub async fn settings_of(&self, keys: &[&str]) -> Result<std::collections::HashMap<String, String>> {
        use sea_orm::{ColumnTrait, QueryFilter};
        Ok(setting::Entity::find()
            .filter(setting::Column::Key.is_in(keys.iter().copied()))
            .all(&self.store.db)
            .await?
            .into_iter()
            .filter(|s| !s.value.trim().is_empty())
            .map(|s| (s.key, s.value))
            .collect())
    }

    /// The token of some settings as a form shows them (`hearth_domain::edits`).
    pub async fn settings_token(&self, keys: &[&str]) -> Result<EditToken> {
        let mut values = Vec::new();
        for key in keys {
            values.push(self.setting(key).await?);
        }
        Ok(EditToken::of(&values))
    }

    /// Sets several settings at once, in one transaction. With `expected` (the token of the same
    /// keys as the form showed them), refused as stale when any changed meanwhile.
    pub async fn set_settings(
        &self,
        ctx: &AuditContext,
        pairs: &[(&str, String)],
        expected: Option<&EditToken>,
    ) -> Result<()> {
        let txn = self.store.write().await?;
        if let Some(expected) = expected {
            let mut values = Vec::new();
            for (key, _) in pairs {
                values.push(setting::Entity::find_by_id((*key).to_owned()).one(&txn).await?.map(|s| s.value));
            }
            if *expected != EditToken::of(&values) {
                return Err(StoreError::Stale);
            }
        }
        for (key, value) in pairs {
            put(&txn, ctx, key, value).await?;
        }
        txn.commit().await?;
        Ok(())
    }

    pub async fn set_setting(&self, ctx: &AuditContext, key: &str, value: &str) -> Result<()> {
        let txn = self.store.write().await?;
        put(&txn, ctx, key, value).await?;
        txn.commit().await?;
        Ok(())
    }
}
