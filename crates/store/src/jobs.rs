//! Background jobs, claimed from the database so that each runs once whichever node picks it up.
//!
//! A claim is one atomic statement. On PostgreSQL, `FOR UPDATE SKIP LOCKED` lets nodes claim
//! different jobs at the same moment; SQLite has one writer at a time, so the statement alone is
//! enough. A job whose node died is claimed again once its lease runs out.

use crate::entities::job;
use crate::{Engine, Jobs, Result};
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{OnConflict, Query};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, Statement};

/// A job this node now holds.
#[derive(Clone, Debug)]
pub struct ClaimedJob {
    pub id: i64,
    pub kind: String,
    pub payload: serde_json::Value,
    pub attempts: i32,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JobOutcome {
    Done,
    Failed(String),
}

impl Jobs<'_> {
    /// Queues a job. With a `unique_key`, a second job with the same key is quietly not added,
    /// so several nodes can all schedule "tonight's clean-up" and it still runs once.
    pub async fn enqueue_job(
        &self,
        kind: &str,
        payload: serde_json::Value,
        run_at: DateTime<Utc>,
        unique_key: Option<String>,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let row = job::ActiveModel {
            kind: Set(kind.to_owned()),
            payload: Set(payload.to_string()),
            unique_key: Set(unique_key),
            status: Set("queued".to_owned()),
            run_at: Set(run_at),
            attempts: Set(0),
            max_attempts: Set(5),
            locked_by: Set(None),
            locked_until: Set(None),
            last_error: Set(None),
            created_at: Set(now),
            finished_at: Set(None),
            ..Default::default()
        };
        let inserted = job::Entity::insert(row)
            .on_conflict(OnConflict::column(job::Column::UniqueKey).do_nothing().to_owned())
            .exec_without_returning(&self.store.db)
            .await?;
        Ok(inserted > 0)
    }

    /// Claims the next job that is due, for `lease`. Returns `None` when there is nothing to do.
    pub async fn claim_job(&self, node: &str, now: DateTime<Utc>, lease: Duration) -> Result<Option<ClaimedJob>> {
        let skip_locked = match self.store.engine {
            Engine::Postgres => "FOR UPDATE SKIP LOCKED",
            Engine::Sqlite => "",
        };
        let (p1, p2, p3) = match self.store.engine {
            Engine::Postgres => ("$1", "$2", "$3"),
            Engine::Sqlite => ("?1", "?2", "?3"),
        };
        let sql = format!(
            "UPDATE job SET status = 'running', attempts = attempts + 1, locked_by = {p1}, locked_until = {p2} \
             WHERE id = (SELECT id FROM job \
                 WHERE (status = 'queued' AND run_at <= {p3}) OR (status = 'running' AND locked_until < {p3}) \
                 ORDER BY run_at, id LIMIT 1 {skip_locked}) \
             RETURNING id, kind, payload, attempts"
        );
        let backend = self.store.db.get_database_backend();
        let stmt = Statement::from_sql_and_values(backend, sql, [node.into(), (now + lease).into(), now.into()]);
        let txn = self.store.write().await?;
        let row = txn.query_one_raw(stmt).await?;
        txn.commit().await?;
        let Some(row) = row else { return Ok(None) };
        let payload: String = row.try_get("", "payload")?;
        Ok(Some(ClaimedJob {
            id: row.try_get("", "id")?,
            kind: row.try_get("", "kind")?,
            payload: serde_json::from_str(&payload).unwrap_or(serde_json::Value::Null),
            attempts: row.try_get("", "attempts")?,
        }))
    }

    /// Records how a claimed job went. A failure is retried later with a growing delay, until
    /// its attempts run out.
    pub async fn finish_job(
        &self,
        job: &ClaimedJob,
        node: &str,
        outcome: JobOutcome,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let Some(model) =
            job::Entity::find_by_id(job.id).filter(job::Column::LockedBy.eq(node)).one(&self.store.db).await?
        else {
            // Our lease ran out and another node took the job over; its result stands.
            return Ok(());
        };
        let max_attempts = model.max_attempts;
        let mut row: job::ActiveModel = model.into();
        row.locked_by = Set(None);
        row.locked_until = Set(None);
        match outcome {
            JobOutcome::Done => {
                row.status = Set("done".to_owned());
                row.finished_at = Set(Some(now));
            }
            JobOutcome::Failed(error) => {
                row.last_error = Set(Some(error));
                if job.attempts >= max_attempts {
                    row.status = Set("failed".to_owned());
                    row.finished_at = Set(Some(now));
                } else {
                    row.status = Set("queued".to_owned());
                    row.run_at = Set(now + Duration::seconds(30 * i64::from(job.attempts).pow(2)));
                }
            }
        }
        row.update(&self.store.db).await?;
        Ok(())
    }

    /// Counts jobs by status, for health and tests.
    pub async fn job_counts(&self) -> Result<Vec<(String, i64)>> {
        let q = Query::select()
            .column(job::Column::Status)
            .expr(sea_orm::sea_query::Func::count(sea_orm::sea_query::Expr::col(job::Column::Id)))
            .from(job::Entity)
            .group_by_col(job::Column::Status)
            .to_owned();
        let rows = self.store.db.query_all(&q).await?;
        rows.into_iter().map(|r| Ok((r.try_get_by_index::<String>(0)?, r.try_get_by_index::<i64>(1)?))).collect()
    }
}
