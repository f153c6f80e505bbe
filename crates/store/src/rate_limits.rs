//! How often the public forms may be used: a fixed window per limit and key, counted by one
//! statement that both engines run atomically (an upsert that returns the new count), so that
//! many requests sent at once are counted one by one and the limit holds across web nodes.

use crate::{Accounts, Engine, Result};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ConnectionTrait, Statement, Value};

/// One limit: what it is for, how many uses, and over how long.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limit {
    pub bucket: &'static str,
    pub uses: i64,
    pub window: Duration,
}

impl Accounts<'_> {
    /// Counts one use of `limit` by `key` at `now`; false when that goes over the limit (the
    /// use is refused, and counts, so hammering does not help).
    pub async fn take(&self, limit: Limit, key: &str, now: DateTime<Utc>) -> Result<bool> {
        let expired = now - limit.window;
        let sql = match self.store.engine {
            Engine::Sqlite => {
                "INSERT INTO rate_limit (bucket, key, window_start, used) VALUES (?, ?, ?, 1) \
                 ON CONFLICT (bucket, key) DO UPDATE SET \
                   used = CASE WHEN rate_limit.window_start <= ? THEN 1 ELSE rate_limit.used + 1 END, \
                   window_start = CASE WHEN rate_limit.window_start <= ? THEN excluded.window_start \
                                  ELSE rate_limit.window_start END \
                 RETURNING used"
            }
            Engine::Postgres => {
                "INSERT INTO rate_limit (bucket, key, window_start, used) VALUES ($1, $2, $3, 1) \
                 ON CONFLICT (bucket, key) DO UPDATE SET \
                   used = CASE WHEN rate_limit.window_start <= $4 THEN 1 ELSE rate_limit.used + 1 END, \
                   window_start = CASE WHEN rate_limit.window_start <= $5 THEN excluded.window_start \
                                  ELSE rate_limit.window_start END \
                 RETURNING used"
            }
        };
        let values: Vec<Value> = vec![limit.bucket.into(), key.into(), now.into(), expired.into(), expired.into()];
        let statement = Statement::from_sql_and_values(self.store.db.get_database_backend(), sql, values);
        let row = self.store.db.query_one_raw(statement).await?;
        let used: i64 = row.map(|r| r.try_get("", "used")).transpose()?.unwrap_or(i64::MAX);
        Ok(used <= limit.uses)
    }

    /// Forgets windows that ended before `before` (housekeeping).
    pub async fn purge_rate_limits(&self, before: DateTime<Utc>) -> Result<u64> {
        let sql = match self.store.engine {
            Engine::Sqlite => "DELETE FROM rate_limit WHERE window_start < ?",
            Engine::Postgres => "DELETE FROM rate_limit WHERE window_start < $1",
        };
        let statement = Statement::from_sql_and_values(self.store.db.get_database_backend(), sql, vec![before.into()]);
        Ok(self.store.db.execute_raw(statement).await?.rows_affected())
    }
}
