//! Each place's grid cell (`hearth_domain::directory::geo::cell_of`), indexed, so a search near
//! a point reads the few cells around it rather than a band of latitude across the country.

use super::index;
use sea_orm::{ConnectionTrait, DbBackend};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table("directory_location").add_column(big_integer("cell").default(0)).to_owned())
            .await?;
        // The same sum as `cell_of`: floor(latitude x 100) x 100000 + floor(longitude x 100) + 50000.
        let floor = |x: &str| match m.get_database_backend() {
            DbBackend::Postgres => format!("CAST(floor({x}) AS BIGINT)"),
            // SQLite's CAST truncates towards zero; take one off for negatives with a fraction.
            _ => format!("(CAST({x} AS INTEGER) - (({x}) < CAST({x} AS INTEGER)))"),
        };
        let sql = format!(
            "UPDATE directory_location SET cell = {} * 100000 + {} + 50000",
            floor("latitude * 100"),
            floor("longitude * 100")
        );
        m.get_connection().execute_unprepared(&sql).await?;
        m.create_index(index("directory_location_cell", "directory_location", &["cell"])).await?;
        Ok(())
    }
}
