//! The directory: services kept as their HSDS documents, with index tables derived from them for
//! search and filters, plus organisations and taxonomies.

use super::index;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn cascade(from_table: &'static str, col: &'static str, to_table: &'static str) -> ForeignKeyCreateStatement {
    ForeignKey::create().from(from_table, col).to(to_table, "id").on_delete(ForeignKeyAction::Cascade).to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("directory_organization")
                .col(string("id").primary_key())
                .col(string("name"))
                .col(text("document"))
                .col(timestamp_with_time_zone("updated_at"))
                .to_owned(),
        )
        .await?;
        // `document` is the approved HSDS service, as published.
        m.create_table(
            Table::create()
                .table("directory_service")
                .col(string("id").primary_key())
                .col(string_null("organization_id"))
                .col(string("name"))
                .col(text("description"))
                .col(string("status"))
                .col(double_null("minimum_age"))
                .col(double_null("maximum_age"))
                .col(boolean("free"))
                .col(text("search_text"))
                .col(text("document"))
                .col(timestamp_with_time_zone("last_modified"))
                .foreign_key(
                    ForeignKey::create()
                        .from("directory_service", "organization_id")
                        .to("directory_organization", "id")
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(index("directory_service_organization", "directory_service", &["organization_id"])).await?;
        m.create_index(index("directory_service_modified", "directory_service", &["last_modified"])).await?;
        m.create_table(
            Table::create()
                .table("directory_location")
                .col(string("service_at_location_id").primary_key())
                .col(string("service_id"))
                .col(string("location_id"))
                .col(double("latitude"))
                .col(double("longitude"))
                .col(string_null("postcode"))
                .foreign_key(&mut cascade("directory_location", "service_id", "directory_service"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("directory_location_service", "directory_location", &["service_id"])).await?;
        m.create_index(index("directory_location_position", "directory_location", &["latitude", "longitude"])).await?;
        m.create_table(
            Table::create()
                .table("directory_opening")
                .col(string("service_id"))
                .col(small_integer("day"))
                .col(integer("opens"))
                .col(integer("closes"))
                .primary_key(Index::create().col("service_id").col("day").col("opens").col("closes"))
                .foreign_key(&mut cascade("directory_opening", "service_id", "directory_service"))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("directory_service_term")
                .col(string("service_id"))
                .col(string("term_id"))
                .primary_key(Index::create().col("service_id").col("term_id"))
                .foreign_key(&mut cascade("directory_service_term", "service_id", "directory_service"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("directory_service_term_term", "directory_service_term", &["term_id"])).await?;
        m.create_table(
            Table::create()
                .table("taxonomy")
                .col(string("id").primary_key())
                .col(string("name"))
                .col(text("description"))
                .col(string_null("uri"))
                .col(string_null("version"))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("taxonomy_term")
                .col(string("id").primary_key())
                .col(string_null("taxonomy_id"))
                .col(string_null("parent_id"))
                .col(string_null("code"))
                .col(string("name"))
                .col(text("description"))
                .col(string_null("term_uri"))
                .foreign_key(
                    ForeignKey::create()
                        .from("taxonomy_term", "taxonomy_id")
                        .to("taxonomy", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(index("taxonomy_term_parent", "taxonomy_term", &["parent_id"])).await?;
        Ok(())
    }
}
