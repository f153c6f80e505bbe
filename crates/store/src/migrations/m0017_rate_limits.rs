//! Limits on how often the public forms can be used, counted in the database so that they hold
//! across web nodes and cannot be beaten by sending many requests at once: one row per limit
//! and key (a client address, an email address), counting uses in a window.

use super::index;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("rate_limit")
                .col(string("bucket"))
                .col(string("key"))
                .col(timestamp_with_time_zone("window_start"))
                .col(big_integer("used"))
                .primary_key(Index::create().col("bucket").col("key"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("rate_limit_window", "rate_limit", &["window_start"])).await
    }
}
