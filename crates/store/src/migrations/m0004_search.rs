//! Search that finds what people mean: the vocabulary of stems (for forgiving typing mistakes)
//! and the council's synonyms.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(Table::create().table("directory_vocabulary").col(string("token").primary_key()).to_owned())
            .await?;
        m.create_table(
            Table::create()
                .table("directory_synonym")
                .col(string("phrase").primary_key())
                .col(text("means"))
                .col(timestamp_with_time_zone("updated_at"))
                .to_owned(),
        )
        .await?;
        Ok(())
    }
}
