//! The database keeps what belongs to a person pointing at a person: a foreign key on every
//! column `PersonTable` declares, and on the links inside assessments, plans and notes. Rows
//! that already point nowhere stop the migration with a message naming them, rather than being
//! dropped or left behind.
//!
//! PostgreSQL adds the keys in place. SQLite cannot add a key to a table, so each table is made
//! again with its keys, following SQLite's own procedure (sqlite.org/lang_altertable.html,
//! "Making Other Kinds Of Table Schema Changes"): the migration runs on one connection with
//! foreign keys off, in one transaction, and `Store::migrate` runs `PRAGMA foreign_key_check`
//! afterwards.

use crate::people::belongs::PersonTable;
use sea_orm::{ConnectionTrait, DbBackend, Statement};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Links inside the assessments and notes, besides the person columns.
const OTHER_KEYS: &[(&str, &str, &str)] = &[
    ("eligibility_determination", "assessment_id", "assessment"),
    ("care_plan", "assessment_id", "assessment"),
    ("care_plan", "determination_id", "eligibility_determination"),
    ("service_line", "plan_id", "care_plan"),
    ("plan_review", "plan_id", "care_plan"),
    ("case_note_person", "note_id", "case_note"),
    ("case_note_version", "note_id", "case_note"),
];

/// Every key this migration adds: (table, column, the table it points at).
fn keys() -> Vec<(&'static str, &'static str, &'static str)> {
    let mut keys: Vec<_> = PersonTable::ALL
        .iter()
        .flat_map(|t| t.columns().iter().map(move |c| (t.table(), c.column, "person")))
        .collect();
    keys.extend_from_slice(OTHER_KEYS);
    keys
}

async fn orphans(m: &SchemaManager<'_>, table: &str, column: &str, parent: &str) -> Result<i64, DbErr> {
    let sql = format!(
        "SELECT COUNT(*) AS n FROM \"{table}\" WHERE \"{column}\" IS NOT NULL \
         AND \"{column}\" NOT IN (SELECT \"id\" FROM \"{parent}\")"
    );
    let conn = m.get_connection();
    let row = conn.query_one_raw(Statement::from_string(conn.get_database_backend(), sql)).await?;
    Ok(row.map(|r| r.try_get::<i64>("", "n")).transpose()?.unwrap_or(0))
}

async fn sqlite_one(m: &SchemaManager<'_>, sql: String) -> Result<Vec<String>, DbErr> {
    let conn = m.get_connection();
    Ok(conn
        .query_all_raw(Statement::from_string(DbBackend::Sqlite, sql))
        .await?
        .into_iter()
        .filter_map(|r| r.try_get::<String>("", "sql").ok())
        .collect())
}

/// Makes `table` again with `keys` added, keeping its rows, indexes and triggers.
async fn sqlite_rebuild(m: &SchemaManager<'_>, table: &str, keys: &[(&str, &str)]) -> Result<(), DbErr> {
    let conn = m.get_connection();
    let created = sqlite_one(m, format!("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = '{table}'"))
        .await?
        .pop()
        .ok_or_else(|| DbErr::Migration(format!("no table {table}")))?;
    let (Some(open), Some(close)) = (created.find('('), created.rfind(')')) else {
        return Err(DbErr::Migration(format!("cannot read how {table} was made")));
    };
    let constraints: String = keys
        .iter()
        .map(|(column, parent)| format!(", FOREIGN KEY (\"{column}\") REFERENCES \"{parent}\" (\"id\")"))
        .collect();
    let rebuilt = format!("{table}__rebuild");
    let create = format!("CREATE TABLE \"{rebuilt}\" {}{constraints})", &created[open..close]);
    let others = sqlite_one(
        m,
        format!(
            "SELECT sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND tbl_name = '{table}' \
             AND sql IS NOT NULL"
        ),
    )
    .await?;
    for sql in [
        create,
        format!("INSERT INTO \"{rebuilt}\" SELECT * FROM \"{table}\""),
        format!("DROP TABLE \"{table}\""),
        format!("ALTER TABLE \"{rebuilt}\" RENAME TO \"{table}\""),
    ]
    .into_iter()
    .chain(others)
    {
        conn.execute_unprepared(&sql).await?;
    }
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let keys = keys();
        let mut problems = Vec::new();
        for (table, column, parent) in &keys {
            let n = orphans(m, table, column, parent).await?;
            if n > 0 {
                problems.push(format!("{n} rows of {table} have a {column} that is not in {parent}"));
            }
        }
        if !problems.is_empty() {
            return Err(DbErr::Migration(format!(
                "Some rows point at records that do not exist, so the database cannot be made to keep them \
                 linked. Correct or remove them, then start Hearth again: {}",
                problems.join("; ")
            )));
        }
        // Merge and subject access look these up by person.
        m.create_index(super::index("financial_assessment_person_id", "financial_assessment", &["person_id"])).await?;
        m.create_index(super::index("charging_request_person", "charging_request", &["person_id"])).await?;
        m.create_index(super::index("assessment_cared_for", "assessment", &["cared_for_id"])).await?;
        match m.get_database_backend() {
            DbBackend::Sqlite => {
                let mut tables: Vec<&str> = Vec::new();
                for (table, _, _) in &keys {
                    if !tables.contains(table) {
                        tables.push(table);
                    }
                }
                for table in tables {
                    let of_table: Vec<(&str, &str)> =
                        keys.iter().filter(|(t, _, _)| *t == table).map(|(_, c, p)| (*c, *p)).collect();
                    sqlite_rebuild(m, table, &of_table).await?;
                }
            }
            _ => {
                for (table, column, parent) in &keys {
                    m.create_foreign_key(
                        ForeignKey::create()
                            .name(format!("{table}_{column}_fkey"))
                            .from(*table, *column)
                            .to(*parent, "id")
                            .to_owned(),
                    )
                    .await?;
                }
            }
        }
        Ok(())
    }
}
