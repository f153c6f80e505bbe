//! Postcodes with their grid references and WGS84 positions, from the ONS Postcode Directory.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("postcode")
                .col(string("postcode").primary_key())
                .col(string("outward"))
                .col(integer("easting"))
                .col(integer("northing"))
                .col(double("latitude"))
                .col(double("longitude"))
                .col(string_null("lad_code"))
                .col(string_null("lsoa"))
                .col(boolean("terminated"))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("postcode_outward").table("postcode").col("outward").to_owned()).await?;
        Ok(())
    }
}
