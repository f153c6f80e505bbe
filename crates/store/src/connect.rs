//! Opening the database and migrating it.

use crate::migrations::Migrator;
use crate::{Result, Store, StoreError};
use sea_orm::sqlx::{
    self, Connection,
    postgres::{PgConnectOptions, PgPoolOptions},
    sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous},
};
use sea_orm::{SqlxPostgresConnector, SqlxSqliteConnector};
use sea_orm_migration::MigratorTrait;
use std::fmt;
use std::str::FromStr;
use std::time::Duration;

/// Which database engine a store runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

impl Engine {
    pub fn name(self) -> &'static str {
        match self {
            Engine::Sqlite => "sqlite",
            Engine::Postgres => "postgres",
        }
    }
}

/// A database URL whose password never appears in logs or `Debug` output.
#[derive(Clone, PartialEq, Eq)]
pub struct DatabaseUrl(String);

impl DatabaseUrl {
    pub fn parse(url: &str) -> Result<Self> {
        let engine_ok =
            url.starts_with("sqlite:") || url.starts_with("postgres://") || url.starts_with("postgresql://");
        if engine_ok { Ok(Self(url.to_owned())) } else { Err(StoreError::BadUrl(Self(url.to_owned()).redacted())) }
    }

    pub fn engine(&self) -> Engine {
        if self.0.starts_with("sqlite:") { Engine::Sqlite } else { Engine::Postgres }
    }

    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The URL with any password replaced by `***`.
    pub fn redacted(&self) -> String {
        match url::Url::parse(&self.0) {
            Ok(mut parsed) if parsed.password().is_some() => {
                let _ = parsed.set_password(Some("***"));
                parsed.to_string()
            }
            _ => self.0.clone(),
        }
    }
}

impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DatabaseUrl({})", self.redacted())
    }
}

impl fmt::Display for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.redacted())
    }
}

fn conn_err(err: sqlx::Error) -> StoreError {
    StoreError::Db(sea_orm::DbErr::Conn(sea_orm::RuntimeErr::SqlxError(err.into())))
}

/// An arbitrary constant: the PostgreSQL advisory lock that lets one node migrate at a time.
const MIGRATION_LOCK: i64 = 0x4845_4152_5448; // "HEARTH"

impl Store {
    /// After a large import: folds SQLite's write-ahead log back into the database file and
    /// refreshes both engines' statistics, so the next searches are planned and read well.
    pub async fn optimize(&self) -> Result<()> {
        use sea_orm::ConnectionTrait;
        match self.engine {
            Engine::Sqlite => {
                self.db.execute_unprepared("PRAGMA wal_checkpoint(TRUNCATE)").await?;
                self.db.execute_unprepared("ANALYZE").await?;
            }
            Engine::Postgres => {
                self.db.execute_unprepared("ANALYZE").await?;
            }
        }
        Ok(())
    }

    /// Opens the database, creating an SQLite file (and its folder) if it is not there yet.
    pub async fn connect(url: &DatabaseUrl) -> Result<Store> {
        match url.engine() {
            Engine::Sqlite => {
                let options = SqliteConnectOptions::from_str(url.expose())
                    .map_err(|_| StoreError::BadUrl(url.redacted()))?
                    .create_if_missing(true)
                    .journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Normal)
                    .foreign_keys(true)
                    .busy_timeout(Duration::from_secs(10))
                    // Reads through memory-mapped pages rather than a system call per page, and a
                    // 32 MB page cache per connection: a broad search touches thousands of rows.
                    .pragma("mmap_size", "268435456")
                    .pragma("cache_size", "-32000");
                let in_memory = url.expose().contains(":memory:") || url.expose().contains("mode=memory");
                if !in_memory {
                    let parent = options.get_filename().parent().map(ToOwned::to_owned);
                    if let Some(dir) = parent.filter(|d| !d.as_os_str().is_empty()) {
                        std::fs::create_dir_all(dir)?;
                    }
                }
                if !in_memory {
                    // Turning a new file into WAL needs an exclusive lock that busy_timeout cannot
                    // wait for, so one connection does it before the pool opens several at once
                    // (which, on a fresh file, could otherwise fail as "database is locked").
                    use sqlx::{ConnectOptions, Connection};
                    options.connect().await.map_err(conn_err)?.close().await.map_err(conn_err)?;
                }
                // An in-memory database exists once per connection, so it must have exactly one.
                let pool = SqlitePoolOptions::new()
                    .max_connections(if in_memory { 1 } else { 4 })
                    .min_connections(1)
                    .idle_timeout(None)
                    .max_lifetime(None)
                    .connect_with(options)
                    .await
                    .map_err(conn_err)?;
                Ok(Store {
                    db: SqlxSqliteConnector::from_sqlx_sqlite_pool(pool),
                    engine: Engine::Sqlite,
                    search_cache: Some(Default::default()),
                })
            }
            Engine::Postgres => {
                let options =
                    PgConnectOptions::from_str(url.expose()).map_err(|_| StoreError::BadUrl(url.redacted()))?;
                // Connections are checked before use, so a restarted PostgreSQL is picked up again
                // without restarting Hearth.
                // A connection is given up on within a second: a database that cannot give one by
                // then is overloaded or out of reach, and a page saying so at once is better
                // than one that hangs (the web layer then answers at once for a moment).
                let pool = PgPoolOptions::new()
                    .max_connections(16)
                    .acquire_timeout(Duration::from_millis(900))
                    .test_before_acquire(true)
                    .connect_lazy_with(options);
                Ok(Store {
                    db: SqlxPostgresConnector::from_sqlx_postgres_pool(pool),
                    engine: Engine::Postgres,
                    search_cache: Some(Default::default()),
                })
            }
        }
    }

    /// Brings the schema up to date. Safe to run from several nodes at once: on PostgreSQL the
    /// nodes take turns through an advisory lock.
    pub async fn migrate(&self, url: &DatabaseUrl) -> Result<()> {
        use sea_orm::ConnectionTrait;
        match self.engine {
            Engine::Sqlite => {
                // Changing a table's keys means making it again, which SQLite allows only with
                // foreign keys off (or dropping a table would cascade); the pragma is per
                // connection, so migrations run on a connection of their own, then every key is
                // checked.
                let in_memory = url.expose().contains(":memory:") || url.expose().contains("mode=memory");
                let conn = if in_memory {
                    self.db.execute_unprepared("PRAGMA foreign_keys = OFF").await?;
                    self.db.clone()
                } else {
                    let options = SqliteConnectOptions::from_str(url.expose())
                        .map_err(|_| StoreError::BadUrl(url.redacted()))?
                        .foreign_keys(false)
                        .busy_timeout(Duration::from_secs(10));
                    let pool =
                        SqlitePoolOptions::new().max_connections(1).connect_with(options).await.map_err(conn_err)?;
                    SqlxSqliteConnector::from_sqlx_sqlite_pool(pool)
                };
                let result = Migrator::up(&conn, None).await;
                let broken = conn
                    .query_all_raw(sea_orm::Statement::from_string(
                        sea_orm::DbBackend::Sqlite,
                        "PRAGMA foreign_key_check",
                    ))
                    .await;
                if in_memory {
                    self.db.execute_unprepared("PRAGMA foreign_keys = ON").await?;
                } else {
                    conn.close().await?;
                }
                result?;
                if !broken?.is_empty() {
                    return Err(StoreError::Db(sea_orm::DbErr::Migration(
                        "after migrating, some rows point at records that do not exist (PRAGMA foreign_key_check)"
                            .into(),
                    )));
                }
            }
            Engine::Postgres => {
                let options =
                    PgConnectOptions::from_str(url.expose()).map_err(|_| StoreError::BadUrl(url.redacted()))?;
                let mut lock_conn = sqlx::PgConnection::connect_with(&options).await.map_err(conn_err)?;
                let lock = sqlx::query("SELECT pg_advisory_lock($1)").bind(MIGRATION_LOCK);
                lock.execute(&mut lock_conn).await.map_err(conn_err)?;
                let result = Migrator::up(&self.db, None).await;
                let unlock = sqlx::query("SELECT pg_advisory_unlock($1)").bind(MIGRATION_LOCK);
                let _ = unlock.execute(&mut lock_conn).await;
                let _ = lock_conn.close().await;
                result?;
            }
        }
        Ok(())
    }

    /// Connects and migrates: what `serve` and every command does first.
    pub async fn open(url: &DatabaseUrl) -> Result<Store> {
        let store = Store::connect(url).await?;
        store.migrate(url).await?;
        store.directory().ensure_search_index().await?;
        Ok(store)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Fresh files opened side by side each come up in WAL mode, with nothing refused as locked
    /// (a new file is switched to WAL by one connection before the pool opens more).
    #[tokio::test]
    async fn new_sqlite_files_open_in_wal_mode() {
        use sea_orm::ConnectionTrait;
        let dir = std::env::temp_dir().join(format!("hearth-open-{}", uuid::Uuid::new_v4()));
        let mut opens = tokio::task::JoinSet::new();
        for n in 0..8 {
            let url = DatabaseUrl::parse(&format!("sqlite://{}/h{n}.db", dir.display())).unwrap();
            opens.spawn(async move { Store::connect(&url).await });
        }
        while let Some(store) = opens.join_next().await {
            let store = store.unwrap().expect("a new file opens");
            let mode = store
                .db
                .query_one_raw(sea_orm::Statement::from_string(sea_orm::DbBackend::Sqlite, "PRAGMA journal_mode"))
                .await
                .unwrap()
                .unwrap();
            assert_eq!(mode.try_get_by_index::<String>(0).unwrap(), "wal");
        }
        std::fs::remove_dir_all(dir).ok();
    }

    #[test]
    fn passwords_never_show() {
        let url = DatabaseUrl::parse("postgres://hearth:s3cret@db.example:5432/hearth").unwrap();
        assert!(!format!("{url:?} {url}").contains("s3cret"));
        assert_eq!(url.engine(), Engine::Postgres);
        assert!(DatabaseUrl::parse("mysql://x").is_err());
        assert_eq!(DatabaseUrl::parse("sqlite://data/hearth.db").unwrap().engine(), Engine::Sqlite);
    }
}
