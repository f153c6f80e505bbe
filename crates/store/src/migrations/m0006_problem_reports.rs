//! "Report a problem with this page": what residents tell us is wrong with a directory entry.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("directory_problem")
                .col(string("id").primary_key())
                .col(string("service_id"))
                .col(text("problem"))
                .col(string_null("reply_to"))
                .col(timestamp_with_time_zone("reported_at"))
                .col(timestamp_with_time_zone_null("resolved_at"))
                .col(string_null("resolved_by"))
                .col(text_null("resolution"))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("directory_problem_open")
                .table("directory_problem")
                .col("resolved_at")
                .col("reported_at")
                .to_owned(),
        )
        .await?;
        Ok(())
    }
}
