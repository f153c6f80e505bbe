//! Council settings kept in the database (the council's name, for example), changed with audit.

use crate::audit::{AuditContext, AuditEntry, append};
use crate::entities::setting;
use crate::{Result, Store};
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

impl Store {
    pub async fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(setting::Entity::find_by_id(key.to_owned()).one(&self.db).await?.map(|s| s.value))
    }

    pub async fn set_setting(&self, ctx: &AuditContext, key: &str, value: &str) -> Result<()> {
        let txn = self.write().await?;
        put(&txn, ctx, key, value).await?;
        txn.commit().await?;
        Ok(())
    }
}
