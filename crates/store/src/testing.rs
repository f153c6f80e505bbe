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
