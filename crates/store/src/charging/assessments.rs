//! Financial assessments and their history. An officer saves drafts as they go (the form as
//! typed, even before it adds up), completes the assessment with its written record, and may
//! reopen it; every save is a new version, kept. Assessments are part of a person's record:
//! opening one is audited, as is every change.

use crate::audit::{AuditContext, AuditEntry, append};
use crate::entities::{charging_request, financial_assessment, financial_assessment_version};
use crate::people::records::ctx_user;
use crate::{Charging, ChargingRequestId, FinancialAssessmentId, PersonId, Result, StoreError};
use chrono::{DateTime, NaiveDate, Utc};
use hearth_domain::charging::money::Pence;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};

/// A worked-out assessment, ready to keep.
#[derive(Clone, Debug, PartialEq)]
pub struct Calculated {
    /// The `AssessmentInput`, as JSON.
    pub input: String,
    /// The `Assessment`, as JSON.
    pub result: String,
    pub weekly_charge: Option<Pence>,
    /// `charge` or `full-cost`.
    pub outcome: String,
    pub figures_year: String,
    pub effective_from: NaiveDate,
}

#[derive(Clone, Debug)]
pub struct AssessmentRow {
    pub id: FinancialAssessmentId,
    pub reference: String,
    pub request_id: Option<ChargingRequestId>,
    pub person_id: Option<PersonId>,
    pub person_name: String,
    pub person_reference: Option<String>,
    pub status: String,
    pub version: i32,
    pub draft: String,
    pub input: Option<String>,
    pub result: Option<String>,
    pub weekly_charge: Option<Pence>,
    pub outcome: Option<String>,
    pub figures_year: Option<String>,
    pub effective_from: Option<NaiveDate>,
    pub record: Option<String>,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub completed_by: Option<String>,
    pub completed_at: Option<DateTime<Utc>>,
}

fn from_row(r: financial_assessment::Model) -> AssessmentRow {
    AssessmentRow {
        id: r.id,
        reference: r.reference,
        request_id: r.request_id,
        person_id: r.person_id,
        person_name: r.person_name,
        person_reference: r.person_reference,
        status: r.status,
        version: r.version,
        draft: r.draft,
        input: r.input,
        result: r.result,
        weekly_charge: r.weekly_charge_pence.map(Pence),
        outcome: r.outcome,
        figures_year: r.figures_year,
        effective_from: r.effective_from,
        record: r.record,
        created_by: r.created_by,
        created_at: r.created_at,
        updated_at: r.updated_at,
        completed_by: r.completed_by,
        completed_at: r.completed_at,
    }
}

/// One line of the assessments list.
#[derive(Clone, Debug)]
pub struct AssessmentSummary {
    pub id: FinancialAssessmentId,
    pub reference: String,
    pub person_name: String,
    pub person_reference: Option<String>,
    pub status: String,
    pub weekly_charge: Option<Pence>,
    pub outcome: Option<String>,
    pub figures_year: Option<String>,
    pub updated_at: DateTime<Utc>,
}

/// One kept version.
#[derive(Clone, Debug)]
pub struct VersionRow {
    pub version: i32,
    pub status: String,
    pub saved_at: DateTime<Utc>,
    pub saved_by: Option<String>,
    pub reason: String,
    pub weekly_charge: Option<Pence>,
    pub figures_year: Option<String>,
    pub effective_from: Option<NaiveDate>,
    pub input: Option<String>,
    pub result: Option<String>,
}

/// A new assessment reference, like AS-K7QP-3MXD.
pub fn new_reference() -> String {
    super::requests::reference("AS")
}

pub(super) fn version_row(
    id: &FinancialAssessmentId,
    version: i32,
    status: &str,
    ctx: &AuditContext,
    reason: &str,
    draft: &str,
    calculated: Option<&Calculated>,
) -> financial_assessment_version::ActiveModel {
    financial_assessment_version::ActiveModel {
        assessment_id: Set(id.clone()),
        version: Set(version),
        status: Set(status.to_owned()),
        saved_at: Set(ctx.now),
        saved_by: Set(ctx_user(ctx)),
        reason: Set(reason.to_owned()),
        draft: Set(draft.to_owned()),
        input: Set(calculated.map(|c| c.input.clone())),
        result: Set(calculated.map(|c| c.result.clone())),
        weekly_charge_pence: Set(calculated.and_then(|c| c.weekly_charge).map(Pence::pence)),
        figures_year: Set(calculated.map(|c| c.figures_year.clone())),
        effective_from: Set(calculated.map(|c| c.effective_from)),
    }
}

impl Charging<'_> {
    /// Starts an assessment for a person (from a request, if there is one). Audited. With the
    /// person's record (`person_id`), the assessment and its request become part of it.
    pub async fn create_financial_assessment(
        &self,
        ctx: &AuditContext,
        person_name: &str,
        person_reference: Option<&str>,
        person_id: Option<&PersonId>,
        request_id: Option<&ChargingRequestId>,
        draft: &str,
    ) -> Result<AssessmentRow> {
        let id = FinancialAssessmentId::generate();
        let txn = self.store.write().await?;
        let row = financial_assessment::ActiveModel {
            id: Set(id.clone()),
            reference: Set(new_reference()),
            request_id: Set(request_id.cloned()),
            person_id: Set(person_id.cloned()),
            person_name: Set(person_name.trim().to_owned()),
            person_reference: Set(person_reference.map(str::to_owned)),
            status: Set("draft".to_owned()),
            version: Set(1),
            draft: Set(draft.to_owned()),
            input: Set(None),
            result: Set(None),
            weekly_charge_pence: Set(None),
            outcome: Set(None),
            figures_year: Set(None),
            effective_from: Set(None),
            record: Set(None),
            created_by: Set(ctx_user(ctx).unwrap_or_else(|| "system".to_owned())),
            created_at: Set(ctx.now),
            updated_by: Set(ctx_user(ctx)),
            updated_at: Set(ctx.now),
            completed_by: Set(None),
            completed_at: Set(None),
        }
        .insert(&txn)
        .await?;
        financial_assessment_version::Entity::insert(version_row(&id, 1, "draft", ctx, "started", draft, None))
            .exec_without_returning(&txn)
            .await?;
        if let Some(request) = request_id {
            charging_request::Entity::update_many()
                .col_expr(charging_request::Column::Status, Expr::value("in-progress"))
                .filter(charging_request::Column::Id.eq(request))
                .filter(charging_request::Column::Status.eq("new"))
                .exec(&txn)
                .await?;
            if let Some(person) = person_id {
                charging_request::Entity::update_many()
                    .col_expr(charging_request::Column::PersonId, Expr::value(person))
                    .filter(charging_request::Column::Id.eq(request))
                    .filter(charging_request::Column::PersonId.is_null())
                    .exec(&txn)
                    .await?;
            }
        }
        let mut entry = AuditEntry::new("financial-assessment-started")
            .record("financial-assessment", &id)
            .details(serde_json::json!({"request": request_id}));
        if let Some(person) = person_id {
            entry = entry.person(person);
        }
        append(&txn, ctx, entry).await?;
        txn.commit().await?;
        Ok(from_row(row))
    }

    /// Saves a draft: the form as typed and, when it adds up, the sums. A completed assessment
    /// saved again becomes a draft once more (reopened); its completed version stays in the
    /// history. `expected_version` guards against two people saving over each other.
    pub async fn save_financial_assessment(
        &self,
        ctx: &AuditContext,
        id: &FinancialAssessmentId,
        expected_version: i32,
        draft: &str,
        calculated: Option<&Calculated>,
    ) -> Result<AssessmentRow> {
        let txn = self.store.write().await?;
        let row =
            financial_assessment::Entity::find_by_id(id.to_owned()).one(&txn).await?.ok_or(StoreError::NotFound)?;
        if row.version != expected_version {
            return Err(StoreError::Stale);
        }
        let reopened = row.status == "complete";
        let version = row.version + 1;
        let mut active: financial_assessment::ActiveModel = row.into();
        active.status = Set("draft".to_owned());
        active.version = Set(version);
        active.draft = Set(draft.to_owned());
        active.input = Set(calculated.map(|c| c.input.clone()));
        active.result = Set(calculated.map(|c| c.result.clone()));
        active.weekly_charge_pence = Set(calculated.and_then(|c| c.weekly_charge).map(Pence::pence));
        active.outcome = Set(calculated.map(|c| c.outcome.clone()));
        active.figures_year = Set(calculated.map(|c| c.figures_year.clone()));
        active.effective_from = Set(calculated.map(|c| c.effective_from));
        active.updated_by = Set(ctx_user(ctx));
        active.updated_at = Set(ctx.now);
        let saved = active.update(&txn).await?;
        let reason = if reopened { "reopened to change" } else { "draft saved" };
        financial_assessment_version::Entity::insert(version_row(id, version, "draft", ctx, reason, draft, calculated))
            .exec_without_returning(&txn)
            .await?;
        append(
            &txn,
            ctx,
            AuditEntry::new(if reopened { "financial-assessment-reopened" } else { "financial-assessment-saved" })
                .record("financial-assessment", id)
                .details(serde_json::json!({"version": version})),
        )
        .await?;
        txn.commit().await?;
        Ok(from_row(saved))
    }

    /// Completes an assessment with its written record; a request it came from is closed.
    pub async fn complete_financial_assessment(
        &self,
        ctx: &AuditContext,
        id: &FinancialAssessmentId,
        expected_version: i32,
        draft: &str,
        calculated: &Calculated,
        record: &str,
    ) -> Result<AssessmentRow> {
        let txn = self.store.write().await?;
        let row =
            financial_assessment::Entity::find_by_id(id.to_owned()).one(&txn).await?.ok_or(StoreError::NotFound)?;
        if row.version != expected_version {
            return Err(StoreError::Stale);
        }
        let version = row.version + 1;
        let request = row.request_id.clone();
        let mut active: financial_assessment::ActiveModel = row.into();
        active.status = Set("complete".to_owned());
        active.version = Set(version);
        active.draft = Set(draft.to_owned());
        active.input = Set(Some(calculated.input.clone()));
        active.result = Set(Some(calculated.result.clone()));
        active.weekly_charge_pence = Set(calculated.weekly_charge.map(Pence::pence));
        active.outcome = Set(Some(calculated.outcome.clone()));
        active.figures_year = Set(Some(calculated.figures_year.clone()));
        active.effective_from = Set(Some(calculated.effective_from));
        active.record = Set(Some(record.to_owned()));
        active.updated_by = Set(ctx_user(ctx));
        active.updated_at = Set(ctx.now);
        active.completed_by = Set(ctx_user(ctx));
        active.completed_at = Set(Some(ctx.now));
        let saved = active.update(&txn).await?;
        financial_assessment_version::Entity::insert(version_row(
            id,
            version,
            "complete",
            ctx,
            "completed",
            draft,
            Some(calculated),
        ))
        .exec_without_returning(&txn)
        .await?;
        if let Some(request) = request {
            charging_request::Entity::update_many()
                .col_expr(charging_request::Column::Status, Expr::value("closed"))
                .col_expr(charging_request::Column::ClosedReason, Expr::value("Financial assessment completed"))
                .filter(charging_request::Column::Id.eq(request))
                .exec(&txn)
                .await?;
        }
        append(
            &txn,
            ctx,
            AuditEntry::new("financial-assessment-completed").record("financial-assessment", id).details(
                serde_json::json!({
                    "version": version,
                    "weekly_charge": calculated.weekly_charge.map(|c| c.plain()),
                    "figures_year": calculated.figures_year,
                }),
            ),
        )
        .await?;
        txn.commit().await?;
        Ok(from_row(saved))
    }

    /// Opens an assessment, recording who looked.
    pub async fn view_financial_assessment(
        &self,
        ctx: &AuditContext,
        id: &FinancialAssessmentId,
    ) -> Result<Option<AssessmentRow>> {
        let txn = self.store.write().await?;
        let Some(row) = financial_assessment::Entity::find_by_id(id.to_owned()).one(&txn).await? else {
            return Ok(None);
        };
        let mut entry = AuditEntry::new("financial-assessment-viewed").record("financial-assessment", id);
        if let Some(person) = &row.person_id {
            entry = entry.person(person);
        }
        append(&txn, ctx, entry).await?;
        txn.commit().await?;
        Ok(Some(from_row(row)))
    }

    /// The financial assessments that are part of a person's record, newest first.
    pub async fn financial_assessments_of(&self, person_id: &PersonId) -> Result<Vec<AssessmentRow>> {
        Ok(financial_assessment::Entity::find()
            .filter(financial_assessment::Column::PersonId.eq(person_id))
            .order_by_desc(financial_assessment::Column::CreatedAt)
            .all(&self.store.db)
            .await?
            .into_iter()
            .map(from_row)
            .collect())
    }

    pub async fn financial_assessment_versions(&self, id: &FinancialAssessmentId) -> Result<Vec<VersionRow>> {
        let rows = financial_assessment_version::Entity::find()
            .filter(financial_assessment_version::Column::AssessmentId.eq(id))
            .order_by_desc(financial_assessment_version::Column::Version)
            .all(&self.store.db)
            .await?;
        Ok(rows
            .into_iter()
            .map(|v| VersionRow {
                version: v.version,
                status: v.status,
                saved_at: v.saved_at,
                saved_by: v.saved_by,
                reason: v.reason,
                weekly_charge: v.weekly_charge_pence.map(Pence),
                figures_year: v.figures_year,
                effective_from: v.effective_from,
                input: v.input,
                result: v.result,
            })
            .collect())
    }

    /// Assessments, most recently changed first: by name or reference, and by status.
    pub async fn financial_assessments(
        &self,
        search: Option<&str>,
        status: Option<&str>,
        page: u64,
        per_page: u64,
    ) -> Result<(Vec<AssessmentSummary>, u64)> {
        let mut query = financial_assessment::Entity::find();
        if let Some(words) = search.map(str::trim).filter(|w| !w.is_empty()) {
            query = query.filter(
                Condition::any()
                    .add(crate::query::contains(financial_assessment::Column::PersonName, words))
                    .add(crate::query::contains(financial_assessment::Column::Reference, words))
                    .add(crate::query::contains(financial_assessment::Column::PersonReference, words)),
            );
        }
        if let Some(s) = status {
            query = query.filter(financial_assessment::Column::Status.eq(s));
        }
        let total = query.clone().count(&self.store.db).await?;
        let rows = query
            .order_by_desc(financial_assessment::Column::UpdatedAt)
            .order_by_asc(financial_assessment::Column::Id)
            .offset(page.saturating_sub(1) * per_page)
            .limit(per_page)
            .all(&self.store.db)
            .await?;
        Ok((
            rows.into_iter()
                .map(|r| AssessmentSummary {
                    id: r.id,
                    reference: r.reference,
                    person_name: r.person_name,
                    person_reference: r.person_reference,
                    status: r.status,
                    weekly_charge: r.weekly_charge_pence.map(Pence),
                    outcome: r.outcome,
                    figures_year: r.figures_year,
                    updated_at: r.updated_at,
                })
                .collect(),
            total,
        ))
    }
}
