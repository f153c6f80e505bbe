//! The background worker that runs on every node. Jobs come from the database (see
//! `hearth_store::jobs`), so each runs once, whichever node claims it.

use crate::AppState;
use chrono::Duration;
use hearth_store::{ClaimedJob, JobOutcome};

/// Removes expired sessions, sign-in attempts and pending single sign-on logins.
pub const PURGE_EXPIRED: &str = "purge-expired";

/// Emails the providers of services due a review (at most once per the council's interval).
pub const REVIEW_REMINDERS: &str = "directory-review-reminders";

/// Runs one job. New kinds of job are added here.
async fn run(state: &AppState, job: &ClaimedJob) -> JobOutcome {
    match job.kind.as_str() {
        REVIEW_REMINDERS => match send_review_reminders(state).await {
            Ok(report) => {
                tracing::info!(sent = report.sent, failed = report.failed, "directory review reminders");
                if report.failed > 0 {
                    JobOutcome::Failed(format!(
                        "{} reminders could not be sent; they will be tried again",
                        report.failed
                    ))
                } else {
                    JobOutcome::Done
                }
            }
            Err(e) => JobOutcome::Failed(e.to_string()),
        },
        PURGE_EXPIRED => match purge_expired(state).await {
            Ok(removed) => {
                tracing::info!(removed, "purged expired sessions, sign-in attempts and held forms");
                JobOutcome::Done
            }
            Err(e) => JobOutcome::Failed(e.to_string()),
        },
        other => JobOutcome::Failed(format!("no handler for job kind {other}")),
    }
}

/// Ended sessions, old sign-in attempts, and forms held past their time (nobody signed in again
/// to collect them, so what they hold is not kept longer than promised).
async fn purge_expired(state: &AppState) -> hearth_store::Result<u64> {
    let now = state.clock.now();
    Ok(state.store.accounts().purge_expired(now).await?
        + state.store.people().purge_held_submissions(now).await?
        + state.store.accounts().purge_rate_limits(now - chrono::Duration::days(2)).await?)
}

/// Queues this hour's housekeeping and today's reminders. Every node does this; the unique keys
/// mean each is queued once.
pub async fn schedule_housekeeping(state: &AppState) -> hearth_store::Result<()> {
    let now = state.clock.now();
    let key = format!("{PURGE_EXPIRED}:{}", now.format("%Y-%m-%dT%H"));
    state.store.jobs().enqueue_job(PURGE_EXPIRED, serde_json::json!({}), now, Some(key), now).await?;
    let key = format!("{REVIEW_REMINDERS}:{}", now.format("%Y-%m-%d"));
    state.store.jobs().enqueue_job(REVIEW_REMINDERS, serde_json::json!({}), now, Some(key), now).await?;
    Ok(())
}

#[derive(Debug, Default, PartialEq, Eq)]
pub struct ReminderReport {
    pub sent: usize,
    pub failed: usize,
}

/// One reminder per due service with an address, unless one went within the interval. Each is
/// recorded as it goes, so a failure part-way never sends the same reminder twice.
pub async fn send_review_reminders(state: &AppState) -> hearth_store::Result<ReminderReport> {
    let mut report = ReminderReport::default();
    if !state.mailer.is_configured() {
        tracing::info!("email is not set up (HEARTH_SMTP_URL), so no review reminders were sent");
        return Ok(report);
    }
    let now = state.clock.now();
    let council = state.council_name().await.unwrap_or_else(|| "the council".to_owned());
    let base = state.public_base();
    for due in state.store.directory().reminders_due(now, 500).await? {
        let Some(to) = &due.reminder_to else { continue };
        let checked = due.assured_at.map_or_else(|| "never".to_owned(), |d| d.format("%-d %B %Y").to_string());
        let body = format!(
            "Hello,\n\n\
             \"{name}\" is listed in {council}'s directory of local support. It was last checked on {checked}.\n\n\
             Please look at the entry and tell us if anything has changed, so that people can rely on it:\n\
             {base}/find-support/services/{id}\n\n\
             If you have a provider editor account, sign in to update it. Otherwise reply to this email \
             with what has changed, or use \"Report a problem with this page\" on the entry.\n\n\
             Thank you,\n{council} directory team\n",
            name = due.name,
            id = due.id,
        );
        let subject = format!("Please check your entry in the {council} directory: {}", due.name);
        match state.mailer.send(to, &subject, body).await {
            Ok(()) => {
                state.store.directory().mark_reminded(&hearth_store::AuditContext::system(now), &due.id).await?;
                report.sent += 1;
            }
            Err(e) => {
                tracing::warn!(service = %due.id, error = %e, "review reminder not sent");
                report.failed += 1;
            }
        }
    }
    Ok(report)
}

/// Claims and runs jobs until there are none, returning how many ran.
pub async fn run_due_jobs(state: &AppState, node: &str) -> hearth_store::Result<usize> {
    let mut ran = 0;
    while let Some(job) = state.store.jobs().claim_job(node, state.clock.now(), Duration::minutes(10)).await? {
        let outcome = run(state, &job).await;
        if let JobOutcome::Failed(e) = &outcome {
            tracing::warn!(job = job.id, kind = %job.kind, error = %e, "job failed");
        }
        state.store.jobs().finish_job(&job, node, outcome, state.clock.now()).await?;
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
