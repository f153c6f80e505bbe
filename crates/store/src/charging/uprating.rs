//! Whole batches of completed financial assessments: the yearly uprating, which works each one
//! out again with the new year's figures and keeps it as a new version, and the bulk load the
//! demo's scale option and the benchmarks use.

use super::assessments::{Calculated, version_row};
use crate::audit::{AuditContext, AuditEntry, append, append_many};
use crate::entities::{financial_assessment, financial_assessment_version};
use crate::people::records::ctx_user;
use crate::{Charging, FinancialAssessmentId, Result};
use hearth_domain::charging::money::Pence;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set};

/// A completed assessment to work out again with a new year's figures.
#[derive(Clone, Debug)]
pub struct UprateCandidate {
    pub id: FinancialAssessmentId,
    pub reference: String,
    pub person_name: String,
    pub version: i32,
    pub input: String,
    pub draft: String,
    pub weekly_charge: Option<Pence>,
    pub figures_year: Option<String>,
}

/// The new version an uprating writes.
#[derive(Clone, Debug)]
pub struct UprateWrite {
    pub id: FinancialAssessmentId,
    /// The version the new figures were worked out from: if it has changed since, nothing is
    /// written for this assessment.
    pub expected_version: i32,
    pub draft: String,
    pub calculated: Calculated,
    pub record: Option<String>,
    pub previous_charge: Option<Pence>,
}

/// A completed assessment to load in bulk.
#[derive(Clone, Debug)]
pub struct LoadedAssessment {
    pub person_name: String,
    /// See [`new_reference`].
    pub reference: String,
    pub calculated: Calculated,
    /// The written record, as JSON.
    pub record: Option<String>,
}

impl Charging<'_> {
    /// Completed assessments after `after` (by id), for uprating a batch at a time.
    pub async fn uprate_candidates(
        &self,
        after: Option<&FinancialAssessmentId>,
        limit: u64,
    ) -> Result<Vec<UprateCandidate>> {
        let mut query = financial_assessment::Entity::find()
            .filter(financial_assessment::Column::Status.eq("complete"))
            .filter(financial_assessment::Column::Input.is_not_null());
        if let Some(after) = after {
            query = query.filter(financial_assessment::Column::Id.gt(after));
        }
        let rows = query.order_by_asc(financial_assessment::Column::Id).limit(limit).all(&self.store.db).await?;
        Ok(rows
            .into_iter()
            .map(|r| UprateCandidate {
                id: r.id,
                reference: r.reference,
                person_name: r.person_name,
                version: r.version,
                input: r.input.unwrap_or_default(),
                draft: r.draft,
                weekly_charge: r.weekly_charge_pence.map(Pence),
                figures_year: r.figures_year,
            })
            .collect())
    }

    pub async fn completed_assessment_count(&self) -> Result<u64> {
        Ok(financial_assessment::Entity::find()
            .filter(financial_assessment::Column::Status.eq("complete"))
            .filter(financial_assessment::Column::Input.is_not_null())
            .count(&self.store.db)
            .await?)
    }

    /// Writes a batch of uprated assessments as new completed versions, in one transaction, each
    /// audited. An assessment changed since it was worked out is left alone and returned.
    pub async fn apply_uprating(
        &self,
        ctx: &AuditContext,
        year: &str,
        writes: &[UprateWrite],
    ) -> Result<Vec<FinancialAssessmentId>> {
        let txn = self.store.write().await?;
        let mut stale = Vec::new();
        let mut versions = Vec::with_capacity(writes.len());
        let mut audit = Vec::with_capacity(writes.len());
        let reason = format!("uprated to the {year} figures");
        for w in writes {
            let c = &w.calculated;
            let version = w.expected_version + 1;
            let mut update = financial_assessment::Entity::update_many()
                .col_expr(financial_assessment::Column::Version, Expr::value(version))
                .col_expr(financial_assessment::Column::Input, Expr::value(c.input.clone()))
                .col_expr(financial_assessment::Column::Result, Expr::value(c.result.clone()))
                .col_expr(
                    financial_assessment::Column::WeeklyChargePence,
                    Expr::value(c.weekly_charge.map(Pence::pence)),
                )
                .col_expr(financial_assessment::Column::Outcome, Expr::value(c.outcome.clone()))
                .col_expr(financial_assessment::Column::FiguresYear, Expr::value(c.figures_year.clone()))
                .col_expr(financial_assessment::Column::EffectiveFrom, Expr::value(c.effective_from))
                .col_expr(financial_assessment::Column::UpdatedBy, Expr::value(ctx_user(ctx)))
                .col_expr(financial_assessment::Column::UpdatedAt, Expr::value(ctx.now));
            if let Some(record) = &w.record {
                update = update.col_expr(financial_assessment::Column::Record, Expr::value(record.clone()));
            }
            let done = update
                .filter(financial_assessment::Column::Id.eq(&w.id))
                .filter(financial_assessment::Column::Version.eq(w.expected_version))
                .filter(financial_assessment::Column::Status.eq("complete"))
                .exec(&txn)
                .await?
                .rows_affected;
            if done == 0 {
                stale.push(w.id.clone());
                continue;
            }
            versions.push(version_row(&w.id, version, "complete", ctx, &reason, &w.draft, Some(c)));
            audit.push(AuditEntry::new("financial-assessment-uprated").record("financial-assessment", &w.id).details(
                serde_json::json!({
                    "version": version,
                    "year": year,
                    "weekly_charge_before": w.previous_charge.map(|c| c.plain()),
                    "weekly_charge_after": c.weekly_charge.map(|c| c.plain()),
                }),
            ));
        }
        for chunk in versions.chunks(200) {
            financial_assessment_version::Entity::insert_many(chunk.to_vec()).exec_without_returning(&txn).await?;
        }
        append_many(&txn, ctx, audit).await?;
        txn.commit().await?;
        Ok(stale)
    }

    /// Bulk-loads completed assessments (for the demo's scale option and benchmarks), in one
    /// transaction, with one audit event for the batch.
    pub async fn load_completed_assessments(&self, ctx: &AuditContext, rows: &[LoadedAssessment]) -> Result<()> {
        let txn = self.store.write().await?;
        for chunk in rows.chunks(200) {
            let models: Vec<financial_assessment::ActiveModel> = chunk
                .iter()
                .map(|LoadedAssessment { person_name: name, reference, calculated: c, record }| {
                    financial_assessment::ActiveModel {
                        id: Set(FinancialAssessmentId::generate()),
                        reference: Set(reference.clone()),
                        request_id: Set(None),
                        person_id: Set(None),
                        person_name: Set(name.clone()),
                        person_reference: Set(None),
                        status: Set("complete".to_owned()),
                        version: Set(1),
                        draft: Set("{}".to_owned()),
                        input: Set(Some(c.input.clone())),
                        result: Set(Some(c.result.clone())),
                        weekly_charge_pence: Set(c.weekly_charge.map(Pence::pence)),
                        outcome: Set(Some(c.outcome.clone())),
                        figures_year: Set(Some(c.figures_year.clone())),
                        effective_from: Set(Some(c.effective_from)),
                        record: Set(record.clone()),
                        created_by: Set("system".to_owned()),
                        created_at: Set(ctx.now),
                        updated_by: Set(None),
                        updated_at: Set(ctx.now),
                        completed_by: Set(None),
                        completed_at: Set(Some(ctx.now)),
                    }
                })
                .collect();
            let versions: Vec<financial_assessment_version::ActiveModel> = models
                .iter()
                .zip(chunk)
                .map(|(m, LoadedAssessment { calculated: c, .. })| {
                    version_row(m.id.as_ref(), 1, "complete", ctx, "loaded", "{}", Some(c))
                })
                .collect();
            financial_assessment::Entity::insert_many(models).exec_without_returning(&txn).await?;
            financial_assessment_version::Entity::insert_many(versions).exec_without_returning(&txn).await?;
        }
        append(
            &txn,
            ctx,
            AuditEntry::new("financial-assessments-loaded").details(serde_json::json!({"count": rows.len()})),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }
}
