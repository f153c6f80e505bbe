//! Problem reports from the public, queued for directory editors.

use crate::audit::{AuditContext, AuditEntry, append};
use crate::entities::directory_problem;
use crate::{Directory, ProblemId, Result, ServiceId, StoreError};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};

pub type ProblemReport = directory_problem::Model;

impl Directory<'_> {
    /// Records a report. The service must exist; the report is audited (without its text, which
    /// may hold someone's contact details).
    pub async fn report_problem(
        &self,
        ctx: &AuditContext,
        service_id: &ServiceId,
        problem: &str,
        reply_to: Option<&str>,
    ) -> Result<ProblemId> {
        let id = ProblemId::generate();
        let txn = self.store.write().await?;
        directory_problem::ActiveModel {
            id: Set(id.clone()),
            service_id: Set(service_id.clone()),
            problem: Set(problem.trim().to_owned()),
            reply_to: Set(reply_to.map(|r| r.trim().to_owned()).filter(|r| !r.is_empty())),
            reported_at: Set(ctx.now),
            resolved_at: Set(None),
            resolved_by: Set(None),
            resolution: Set(None),
        }
        .insert(&txn)
        .await?;
        append(
            &txn,
            ctx,
            AuditEntry::new("directory-problem-reported")
                .record("directory-service", service_id)
                .details(serde_json::json!({"report": id})),
        )
        .await?;
        txn.commit().await?;
        Ok(id)
    }

    /// Reports not yet dealt with, oldest first.
    pub async fn open_problems(&self) -> Result<Vec<ProblemReport>> {
        Ok(directory_problem::Entity::find()
            .filter(directory_problem::Column::ResolvedAt.is_null())
            .order_by_asc(directory_problem::Column::ReportedAt)
            .all(&self.store.db)
            .await?)
    }

    /// Marks a report dealt with, saying what was done.
    pub async fn resolve_problem(&self, ctx: &AuditContext, id: &ProblemId, resolution: &str) -> Result<()> {
        let txn = self.store.write().await?;
        let report =
            directory_problem::Entity::find_by_id(id.to_owned()).one(&txn).await?.ok_or(StoreError::NotFound)?;
        let service_id = report.service_id.clone();
        let mut row: directory_problem::ActiveModel = report.into();
        row.resolved_at = Set(Some(ctx.now));
        row.resolved_by = Set(crate::people::records::ctx_user(ctx));
        row.resolution = Set(Some(resolution.trim().to_owned()));
        row.update(&txn).await?;
        append(
            &txn,
            ctx,
            AuditEntry::new("directory-problem-resolved")
                .record("directory-service", &service_id)
                .reason(resolution.trim())
                .details(serde_json::json!({"report": id})),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }
}
