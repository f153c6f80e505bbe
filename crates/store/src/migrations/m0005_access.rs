//! Accessibility features per service, for "step-free", "hearing loop" and the like.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("directory_access")
                .col(string("service_id"))
                .col(string("feature"))
                .primary_key(Index::create().col("service_id").col("feature"))
                .foreign_key(
                    ForeignKey::create()
                        .from("directory_access", "service_id")
                        .to("directory_service", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create().name("directory_access_feature").table("directory_access").col("feature").to_owned(),
        )
        .await?;
        Ok(())
    }
}
