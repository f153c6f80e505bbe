//! Indexed full-text search over the stems Hearth already computes (stemming and synonyms happen
//! in Rust, so both engines index the same words): an FTS5 table on SQLite and a weighted
//! `tsvector` with a GIN index on PostgreSQL. Names weigh more than the rest in both.

use sea_orm::{ConnectionTrait, DbBackend};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter().table("directory_service").add_column(string("search_name").default("")).to_owned(),
        )
        .await?;
        let conn = m.get_connection();
        match conn.get_database_backend() {
            DbBackend::Postgres => {
                conn.execute_unprepared(
                    "ALTER TABLE directory_service ADD COLUMN search_vector tsvector GENERATED ALWAYS AS \
                     (setweight(to_tsvector('simple', search_name), 'A') || \
                      setweight(to_tsvector('simple', search_text), 'B')) STORED",
                )
                .await?;
                conn.execute_unprepared(
                    "CREATE INDEX directory_service_search_vector ON directory_service USING gin (search_vector)",
                )
                .await?;
            }
            _ => {
                // The FTS row shares the service row's rowid; `service_id` lets a check at start-up
                // notice if a VACUUM renumbered the rowids (see `Directory::ensure_search_index`).
                for sql in [
                    "CREATE VIRTUAL TABLE directory_service_fts USING fts5(service_id UNINDEXED, name, body, \
                     tokenize = 'unicode61 remove_diacritics 2')",
                    // bm25 weights per column: the id counts for nothing, the name three times the rest.
                    "INSERT INTO directory_service_fts(directory_service_fts, rank) VALUES ('rank', 'bm25(0.0, 3.0, 1.0)')",
                    "INSERT INTO directory_service_fts(rowid, service_id, name, body) \
                     SELECT rowid, id, search_name, search_text FROM directory_service",
                    "CREATE TRIGGER directory_service_fts_insert AFTER INSERT ON directory_service BEGIN \
                     INSERT INTO directory_service_fts(rowid, service_id, name, body) \
                     VALUES (new.rowid, new.id, new.search_name, new.search_text); END",
                    "CREATE TRIGGER directory_service_fts_delete AFTER DELETE ON directory_service BEGIN \
                     DELETE FROM directory_service_fts WHERE rowid = old.rowid; END",
                    "CREATE TRIGGER directory_service_fts_update AFTER UPDATE OF search_name, search_text \
                     ON directory_service BEGIN \
                     UPDATE directory_service_fts SET name = new.search_name, body = new.search_text \
                     WHERE rowid = old.rowid; END",
                ] {
                    conn.execute_unprepared(sql).await?;
                }
            }
        }
        Ok(())
    }
}
