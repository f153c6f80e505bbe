//! The background worker that runs on every node. Jobs come from the database (see
//! `hearth_store::jobs`), so each runs once, whichever node claims it.

use crate::AppState;
use chrono::Duration;
use hearth_store::{ClaimedJob, JobOutcome};

/// Removes expired sessions, sign-in attempts and pending single sign-on logins.
pub const PURGE_EXPIRED: &str = "purge-expired";

/// Runs one job. New kinds of job (reminders, exports) are added here.
async fn run(state: &AppState, job: &ClaimedJob) -> JobOutcome {
    match job.kind.as_str() {
        PURGE_EXPIRED => match state.store.purge_expired(state.clock.now()).await {
            Ok(removed) => {
                tracing::info!(removed, "purged expired sessions and sign-in attempts");
                JobOutcome::Done
            }
            Err(e) => JobOutcome::Failed(e.to_string()),
        },
        other => JobOutcome::Failed(format!("no handler for job kind {other}")),
    }
}

/// Queues this hour's housekeeping. Every node does this; the unique key means it is queued once.
pub async fn schedule_housekeeping(state: &AppState) -> hearth_store::Result<()> {
    let now = state.clock.now();
    let key = format!("{PURGE_EXPIRED}:{}", now.format("%Y-%m-%dT%H"));
    state.store.enqueue_job(PURGE_EXPIRED, serde_json::json!({}), now, Some(key), now).await?;
    Ok(())
}

/// Claims and runs jobs until there are none, returning how many ran.
pub async fn run_due_jobs(state: &AppState, node: &str) -> hearth_store::Result<usize> {
    let mut ran = 0;
    while let Some(job) = state.store.claim_job(node, state.clock.now(), Duration::minutes(10)).await? {
        let outcome = run(state, &job).await;
        if let JobOutcome::Failed(e) = &outcome {
            tracing::warn!(job = job.id, kind = %job.kind, error = %e, "job failed");
        }
        state.store.finish_job(&job, node, outcome, state.clock.now()).await?;
        ran += 1;
    }
    Ok(ran)
}

/// The worker loop: looks for work every few seconds, for as long as the server runs. A database
/// outage is logged and retried, never fatal.
pub async fn worker(state: AppState, node: String) {
    loop {
        if let Err(e) = schedule_housekeeping(&state).await {
            tracing::warn!(error = %e, "could not schedule housekeeping");
        }
        if let Err(e) = run_due_jobs(&state, &node).await {
            tracing::warn!(error = %e, "could not run jobs");
        }
        tokio::time::sleep(std::time::Duration::from_secs(5)).await;
    }
}
