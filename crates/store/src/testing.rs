//! A fresh, migrated database for each test: an SQLite file by default, or a new PostgreSQL
//! database when `TEST_DATABASE_URL` points at a server. Used by the test suites of this crate
//! and of `web`, so one suite runs on both engines.

use crate::{DatabaseUrl, Engine, Store};
use sea_orm::sqlx::{self, Connection};
use std::str::FromStr;

pub struct TestDatabase {
    pub url: DatabaseUrl,
    pub store: Store,
    cleanup: Cleanup,
}

enum Cleanup {
    File(std::path::PathBuf),
    Postgres { admin_url: String, name: String },
}

impl TestDatabase {
    pub async fn new() -> TestDatabase {
        let id = uuid::Uuid::new_v4().simple().to_string();
        match std::env::var("TEST_DATABASE_URL").ok().filter(|u| !u.is_empty()) {
            Some(admin_url) => {
                let name = format!("hearth_test_{id}");
                let options = sqlx::postgres::PgConnectOptions::from_str(&admin_url)
                    .expect("TEST_DATABASE_URL is a PostgreSQL URL");
                let mut admin = sqlx::PgConnection::connect_with(&options).await.expect("connect to TEST_DATABASE_URL");
                sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                    .execute(&mut admin)
                    .await
                    .expect("create test database");
                let _ = admin.close().await;
                let mut url = url::Url::parse(&admin_url).expect("TEST_DATABASE_URL parses");
                url.set_path(&name);
                let url = DatabaseUrl::parse(url.as_str()).expect("postgres url");
                let store = Store::open(&url).await.expect("migrate test database");
                TestDatabase { url, store, cleanup: Cleanup::Postgres { admin_url, name } }
            }
            None => {
                let path = std::env::temp_dir().join(format!("hearth-test-{id}.db"));
                let url = DatabaseUrl::parse(&format!("sqlite://{}", path.display())).expect("sqlite url");
                let store = Store::open(&url).await.expect("migrate test database");
                TestDatabase { url, store, cleanup: Cleanup::File(path) }
            }
        }
    }

    pub fn engine(&self) -> Engine {
        self.store.engine()
    }

    /// Runs raw SQL as someone with direct database access would (to tamper, in tests).
    pub async fn execute_as_dba(&self, sql: &str) {
        use sea_orm::ConnectionTrait;
        self.store.connection().execute_unprepared(sql).await.expect("dba statement");
    }

    /// Drops the database. Call at the end of a test; a failed test leaves its database behind
    /// for inspection.
    pub async fn cleanup(self) {
        let _ = self.store.close().await;
        match self.cleanup {
            Cleanup::File(path) => {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
                }
            }
            Cleanup::Postgres { admin_url, name } => {
                let options = sqlx::postgres::PgConnectOptions::from_str(&admin_url).expect("admin url");
                if let Ok(mut admin) = sqlx::PgConnection::connect_with(&options).await {
                    let _ = sqlx::query(sqlx::AssertSqlSafe(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")))
                        .execute(&mut admin)
                        .await;
                    let _ = admin.close().await;
                }
            }
        }
    }
}

/// A digest of each table's rows, to tell whether anything changed. Tables that change on every
/// request whatever it does (the audit log, which records refusals too, and sessions, which
/// record activity) are left out.
pub type Fingerprint = std::collections::BTreeMap<String, String>;

const CHANGES_ON_EVERY_REQUEST: [&str; 4] = ["audit_event", "audit_head", "session", "login_attempt"];

impl TestDatabase {
    async fn table_names(&self) -> Vec<String> {
        use sea_orm::{ConnectionTrait, Statement};
        let sql = match self.engine() {
            Engine::Sqlite => {
                "SELECT name AS t FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
                               AND name NOT LIKE '%_fts%' ORDER BY 1"
            }
            Engine::Postgres => {
                "SELECT tablename::text AS t FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1"
            }
        };
        let conn = self.store.connection();
        let rows = conn.query_all_raw(Statement::from_string(conn.get_database_backend(), sql)).await.expect("tables");
        rows.into_iter()
            .filter_map(|r| r.try_get::<String>("", "t").ok())
            .filter(|t| !CHANGES_ON_EVERY_REQUEST.contains(&t.as_str()))
            .collect()
    }

    async fn digest(&self, table: &str, condition: Option<(&str, &[String])>) -> String {
        use sea_orm::sea_query::{Alias, Asterisk, Expr, ExprTrait, Query};
        use sea_orm::{FromQueryResult, JsonValue};
        use sha2::{Digest, Sha256};
        let mut query = Query::select();
        query.column(Asterisk).from(Alias::new(table));
        if let Some((column, values)) = condition {
            query.and_where(Expr::col(Alias::new(column)).is_in(values.iter().cloned()));
        }
        let conn = self.store.connection();
        let statement = conn.get_database_backend().build(&query);
        let rows = JsonValue::find_by_statement(statement).all(conn).await.expect("rows of a table");
        let mut lines: Vec<String> = rows.iter().map(|r| r.to_string()).collect();
        lines.sort();
        let mut hash = Sha256::new();
        for line in &lines {
            hash.update(line.as_bytes());
            hash.update(b"\n");
        }
        format!("{} rows, {}", lines.len(), hex::encode(hash.finalize()))
    }

    /// Every value of a text column, for tests that check what is (and is not) kept.
    pub async fn texts_in(&self, table: &str, column: &str) -> Vec<String> {
        use sea_orm::ConnectionTrait;
        use sea_orm::sea_query::{Alias, Query};
        let mut query = Query::select();
        query.expr_as(sea_orm::sea_query::Expr::col(Alias::new(column)), Alias::new("v")).from(Alias::new(table));
        let conn = self.store.connection();
        conn.query_all(&query)
            .await
            .expect("a column")
            .iter()
            .filter_map(|r| r.try_get::<String>("", "v").ok())
            .collect()
    }

    /// Every table's rows (but those that change on every request), digested.
    pub async fn fingerprint(&self) -> Fingerprint {
        let mut out = Fingerprint::new();
        for table in self.table_names().await {
            let digest = self.digest(&table, None).await;
            out.insert(table, digest);
        }
        out
    }

    /// The rows of these people's records (their own row and every table `PersonTable`
    /// declares), digested: cheap enough to take after every request.
    pub async fn fingerprint_of(&self, people: &[crate::PersonId]) -> Fingerprint {
        use crate::people::belongs::PersonTable;
        let mut out = Fingerprint::new();
        let people: Vec<String> = people.iter().map(String::from).collect();
        let people = people.as_slice();
        out.insert("person".into(), self.digest("person", Some(("id", people))).await);
        for table in PersonTable::ALL {
            for column in table.columns() {
                let digest = self.digest(table.table(), Some((column.column, people))).await;
                out.insert(format!("{}.{}", table.table(), column.column), digest);
            }
        }
        out
    }
}

/// The tables whose digests differ, for a failure message.
pub fn changed(before: &Fingerprint, after: &Fingerprint) -> Vec<String> {
    let mut keys: Vec<&String> = before.keys().chain(after.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|k| before.get(*k) != after.get(*k))
        .map(|k| format!("{k}: {} -> {}", before.get(k).map_or("none", |s| s), after.get(k).map_or("none", |s| s)))
        .collect()
}
