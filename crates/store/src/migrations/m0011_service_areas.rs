//! The ONS areas each service covers (from its HSDS service areas), for "services that cover
//! this postcode" searches. A service with no rows here states no area and so is not restricted.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("directory_service_area")
                .col(string("service_id"))
                .col(string("area_code"))
                .primary_key(Index::create().col("service_id").col("area_code"))
                .foreign_key(
                    ForeignKey::create()
                        .from("directory_service_area", "service_id")
                        .to("directory_service", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(super::index("directory_service_area_code", "directory_service_area", &["area_code"])).await?;
        Ok(())
    }
}
