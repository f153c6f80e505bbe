//! Services' full HSDS documents move to a table of their own, so the row every search filters
//! on stays narrow: a search that touches thousands of candidate rows reads a few pages instead
//! of a page or two per service. And a generation number that every change to the directory
//! raises, so each node can keep recent public search results until the directory changes.

use sea_orm::ConnectionTrait;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("directory_document")
                .col(string("service_id").primary_key())
                .col(text("document"))
                .foreign_key(
                    ForeignKey::create()
                        .from("directory_document", "service_id")
                        .to("directory_service", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.get_connection()
            .execute_unprepared(
                "INSERT INTO directory_document (service_id, document) SELECT id, document FROM directory_service",
            )
            .await?;
        m.alter_table(Table::alter().table("directory_service").drop_column("document").to_owned()).await?;
        m.create_table(
            Table::create()
                .table("directory_generation")
                .col(integer("id").primary_key())
                .col(big_integer("generation"))
                .to_owned(),
        )
        .await?;
        m.get_connection()
            .execute_unprepared("INSERT INTO directory_generation (id, generation) VALUES (1, 0)")
            .await?;
        Ok(())
    }
}
