//! Care and support plans and carers' support plans (s25), built from an issued determination
//! without retyping; their service lines and personal budgets (s26); sign-off by someone other
//! than the author (and a panel when local policy asks); agreement, with the crisis rule; and
//! reviews (s27): the first at six to eight weeks, then at least yearly, and whenever the person
//! asks, which never moves the planned date.

use super::AssessmentKind;
use crate::audit::{AuditContext, AuditEntry, append};
use crate::charging::requests::reference;
use crate::entities::{care_plan, eligibility_determination, financial_assessment, plan_review, service_line};
use crate::people::records::ctx_user;
use crate::refused;
use crate::stored;
use crate::{
    AssessmentId, Assessments, DeterminationId, PersonId, PlanId, Result, ReviewId, ServiceLineId, StoreError, TeamId,
};
use chrono::{DateTime, NaiveDate, Utc};
use hearth_domain::Problems;
use hearth_domain::assessments::approval::{may_approve, may_return, needs_panel};
use hearth_domain::assessments::codes::{
    DeliveryMechanism, ReviewDecision, ReviewReason, ServiceComponent, ServiceType,
};
use hearth_domain::assessments::eligibility::Determination;
use hearth_domain::assessments::plans::{
    Basis, DirectPayment, NeedMet, PersonalBudget, PlanContents, PlanKind, ServiceLine, direct_payment_review_due,
};
use hearth_domain::assessments::reviews::{PlannedKind, ReviewTimings, next_planned_review};
use hearth_domain::charging::money::Pence;
use hearth_domain::edits::EditToken;
use hearth_domain::people::conversations::may_agree_long_term_support;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};

pub use hearth_domain::assessments::lifecycle::PlanStatus;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    pub id: PlanId,
    pub reference: String,
    pub person_id: PersonId,
    pub version: i64,
    pub supersedes_id: Option<PlanId>,
    pub assessment_id: AssessmentId,
    pub determination_id: Option<DeterminationId>,
    pub contents: PlanContents,
    pub contribution: Pence,
    /// Where the contribution came from ("financial assessment FA-...", or "none yet").
    pub contribution_source: String,
    pub budget: PersonalBudget,
    pub status: PlanStatus,
    pub submitted_by: Option<String>,
    pub approved_by: Option<String>,
    pub panel_needed: bool,
    pub return_comment: Option<String>,
    pub agreed_on: Option<NaiveDate>,
    pub starts_on: Option<NaiveDate>,
    pub ended_on: Option<NaiveDate>,
    pub crisis_override: Option<String>,
    pub next_review: Option<(PlannedKind, NaiveDate, NaiveDate)>,
    pub direct_payment_review_due: Option<NaiveDate>,
    pub line_ids: Vec<ServiceLineId>,
    pub created_at: DateTime<Utc>,
}

impl Plan {
    /// The token of what the plan's own form shows and saves (`hearth_domain::edits`).
    pub fn edit_token(&self) -> EditToken {
        let c = &self.contents;
        EditToken::of(&(self.status.key(), &c.needs_met, &c.outcomes, &c.advice, &c.contingency, &c.direct_payment))
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Review {
    pub id: ReviewId,
    pub plan_id: PlanId,
    pub person_id: PersonId,
    pub reason: ReviewReason,
    pub requested_on: Option<NaiveDate>,
    pub requested_by: Option<String>,
    pub due_on: NaiveDate,
    pub completed_on: Option<NaiveDate>,
    pub decision: Option<ReviewDecision>,
    pub summary: Option<String>,
    pub new_plan_id: Option<PlanId>,
}

/// What the plan form saves.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PlanUpdate {
    pub needs_met: Option<Vec<NeedMet>>,
    pub outcomes: Option<String>,
    pub advice: Option<String>,
    pub contingency: Option<String>,
    pub direct_payment: Option<Option<DirectPayment>>,
}

/// A review due, for "my work" and the team's page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReviewDue {
    pub plan_id: PlanId,
    pub person_id: PersonId,
    pub what: String,
    pub opens: NaiveDate,
    pub due: NaiveDate,
}

fn keys(text: &str) -> Vec<String> {
    text.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect()
}

fn line_from(r: &service_line::Model) -> Result<ServiceLine> {
    Ok(ServiceLine {
        service_type: stored("service line type", &r.id, &r.service_type, ServiceType::from_key)?,
        component: stored("service line component", &r.id, &r.component, ServiceComponent::from_key)?,
        delivery: stored("service line delivery", &r.id, &r.delivery, DeliveryMechanism::from_key)?,
        provider: r.provider.clone(),
        starts_on: r.starts_on,
        ends_on: r.ends_on,
        units_per_week_hundredths: r.units_hundredths,
        unit_cost: Pence(r.unit_cost_pence),
        meets: keys(&r.meets),
    })
}

async fn plan_in<C: ConnectionTrait>(conn: &C, id: &PlanId) -> Result<(care_plan::Model, Plan)> {
    let r = care_plan::Entity::find_by_id(id.to_owned()).one(conn).await?.ok_or(StoreError::NotFound)?;
    let plan = plan_from(conn, &r).await?;
    Ok((r, plan))
}

/// A plan row with its service lines.
async fn plan_from<C: ConnectionTrait>(conn: &C, r: &care_plan::Model) -> Result<Plan> {
    let mut lines = lines_of(conn, std::slice::from_ref(&r.id)).await?;
    plan_with(r, &lines.remove(&r.id).unwrap_or_default())
}

/// The service lines of these plans, by plan, in one query (a list of plans is never a query
/// per plan).
async fn lines_of<C: ConnectionTrait>(
    conn: &C,
    plans: &[PlanId],
) -> Result<std::collections::HashMap<PlanId, Vec<service_line::Model>>> {
    let mut lines: std::collections::HashMap<PlanId, Vec<service_line::Model>> = std::collections::HashMap::new();
    for l in service_line::Entity::find()
        .filter(service_line::Column::PlanId.is_in(plans.to_vec()))
        .order_by_asc(service_line::Column::Position)
        .all(conn)
        .await?
    {
        lines.entry(l.plan_id.clone()).or_default().push(l);
    }
    Ok(lines)
}

/// A plan row with the rows of its service lines.
fn plan_with(r: &care_plan::Model, rows: &[service_line::Model]) -> Result<Plan> {
    let lines: Vec<ServiceLine> = rows.iter().map(line_from).collect::<Result<_>>()?;
    let broken = || StoreError::Unreadable(format!("plan {} could not be read", r.reference));
    let kind = if r.kind == "carer-support" { PlanKind::CarerSupport } else { PlanKind::CareAndSupport };
    let basis = if r.basis == "power" { Basis::Power(r.basis_reason.clone().unwrap_or_default()) } else { Basis::Duty };
    let contents = PlanContents {
        kind,
        basis,
        needs: keys(&r.needs),
        eligible: keys(&r.eligible),
        needs_met: serde_json::from_str(&r.needs_met).map_err(|_| broken())?,
        outcomes: r.outcomes.clone(),
        lines: lines.clone(),
        advice: r.advice.clone(),
        contingency: r.contingency.clone(),
        direct_payment: r.direct_payment.as_deref().map(serde_json::from_str).transpose().map_err(|_| broken())?,
        approved_total: r.approved_total_pence.map(Pence),
    };
    let contribution = Pence(r.contribution_pence);
    let plan = Plan {
        id: r.id.clone(),
        reference: r.reference.clone(),
        person_id: r.person_id.clone(),
        version: r.version,
        supersedes_id: r.supersedes_id.clone(),
        assessment_id: r.assessment_id.clone(),
        determination_id: r.determination_id.clone(),
        budget: PersonalBudget::of(&lines, contribution),
        contents,
        contribution,
        contribution_source: r.contribution_source.clone(),
        status: PlanStatus::from_key(&r.status)
            .ok_or_else(|| StoreError::Unreadable(format!("plan {}: stage {:?}", r.id, r.status)))?,
        submitted_by: r.submitted_by.clone(),
        approved_by: r.approved_by.clone(),
        panel_needed: r.panel_needed,
        return_comment: r.return_comment.clone(),
        agreed_on: r.agreed_on,
        starts_on: r.starts_on,
        ended_on: r.ended_on,
        crisis_override: r.crisis_override.clone(),
        next_review: match (r.next_review_kind.as_deref(), r.next_review_opens, r.next_review_due) {
            (Some(kind), Some(opens), Some(due)) => {
                Some((if kind == "first" { PlannedKind::First } else { PlannedKind::Annual }, opens, due))
            }
            _ => None,
        },
        direct_payment_review_due: r.dp_review_due,
        line_ids: rows.iter().map(|l| l.id.clone()).collect(),
        created_at: r.created_at,
    };
    Ok(plan)
}

/// The person's latest completed financial assessment's weekly charge, if any (s17).
async fn contribution_of<C: ConnectionTrait>(conn: &C, person_id: &PersonId) -> Result<(Pence, String)> {
    let fa = financial_assessment::Entity::find()
        .filter(financial_assessment::Column::PersonId.eq(person_id))
        .filter(financial_assessment::Column::Status.eq("complete"))
        .order_by_desc(financial_assessment::Column::CompletedAt)
        .one(conn)
        .await?;
    Ok(match fa {
        Some(fa) => (Pence(fa.weekly_charge_pence.unwrap_or(0)), format!("financial assessment {}", fa.reference)),
        None => (Pence(0), "none yet".to_owned()),
    })
}

async fn audit_plan<C: ConnectionTrait>(
    conn: &C,
    ctx: &AuditContext,
    action: &'static str,
    plan: &Plan,
    details: serde_json::Value,
) -> Result<()> {
    append(conn, ctx, AuditEntry::new(action).record("care_plan", &plan.id).person(&plan.person_id).details(details))
        .await?;
    Ok(())
}

impl Assessments<'_> {
    /// Starts a plan from a completed assessment's determination: the needs, the eligible
    /// ones, what the person wants to achieve and the advice are carried over, and the
    /// person's contribution comes from their financial assessment. Needs that are not eligible
    /// can be met only under the power in s19(1) (s20(6) for carers), with a reason. Audited.
    pub async fn start_plan(
        &self,
        ctx: &AuditContext,
        assessment_id: &AssessmentId,
        power_reason: Option<&str>,
    ) -> Result<PlanId> {
        let txn = self.store.write().await?;
        let (_, a) = super::load_assessment(&txn, assessment_id).await?;
        let issued = eligibility_determination::Entity::find()
            .filter(eligibility_determination::Column::AssessmentId.eq(assessment_id))
            .one(&txn)
            .await?
            .ok_or_else(|| {
                refused(Problems::FORM, "The assessment needs an issued eligibility decision before a plan")
            })?;
        if issued.superseded_by.is_some() {
            return Err(refused(
                "assessment",
                "This decision has been replaced by a newer assessment: plan from that one",
            ));
        }
        let determination: Determination = serde_json::from_str(&issued.determination)
            .map_err(|e| StoreError::Unreadable(format!("determination {}: {e}", issued.id)))?;
        let basis = match power_reason.map(str::trim) {
            _ if determination.eligible => Basis::Duty,
            Some(reason) if !reason.is_empty() => Basis::Power(reason.to_owned()),
            _ => {
                return Err(refused(
                    "power_reason",
                    "No needs are eligible, so there is no duty to meet them: give the reason the council will meet them anyway (Care Act 2014 s19(1))",
                ));
            }
        };
        let needs: Vec<String> = determination.unable.iter().map(|u| u.key.clone()).collect();
        let (contribution, source) = contribution_of(&txn, &a.person_id).await?;
        let id = PlanId::generate();
        let kind = if a.kind == AssessmentKind::Carer { "carer-support" } else { "care-and-support" };
        care_plan::ActiveModel {
            id: Set(id.clone()),
            reference: Set(reference("CP")),
            person_id: Set(a.person_id.clone()),
            kind: Set(kind.to_owned()),
            version: Set(1),
            supersedes_id: Set(None),
            assessment_id: Set(assessment_id.to_owned()),
            determination_id: Set(Some(issued.id.clone())),
            basis: Set(if matches!(basis, Basis::Duty) { "duty" } else { "power" }.to_owned()),
            basis_reason: Set(match &basis {
                Basis::Power(r) => Some(r.clone()),
                Basis::Duty => None,
            }),
            needs: Set(needs.join(",")),
            eligible: Set(determination.eligible_outcomes().join(",")),
            needs_met: Set("[]".to_owned()),
            outcomes: Set(a.persons_view.clone()),
            advice: Set(a.advice.clone()),
            contingency: Set(String::new()),
            direct_payment: Set(None),
            contribution_pence: Set(contribution.pence()),
            contribution_source: Set(source),
            approved_total_pence: Set(None),
            status: Set(PlanStatus::Draft.key().to_owned()),
            submitted_by: Set(None),
            submitted_at: Set(None),
            approved_by: Set(None),
            approved_at: Set(None),
            panel_needed: Set(false),
            panel_by: Set(None),
            panel_at: Set(None),
            return_comment: Set(None),
            agreed_on: Set(None),
            starts_on: Set(None),
            ended_on: Set(None),
            end_reason: Set(None),
            crisis_override: Set(None),
            next_review_kind: Set(None),
            next_review_opens: Set(None),
            next_review_due: Set(None),
            dp_review_due: Set(None),
            created_by: Set(ctx_user(ctx)),
            created_at: Set(ctx.now),
            updated_at: Set(ctx.now),
        }
        .insert(&txn)
        .await?;
        append(
            &txn,
            ctx,
            AuditEntry::new("plan-started")
                .record("care_plan", &id)
                .person(&a.person_id)
                .details(serde_json::json!({"assessment_id": assessment_id, "basis": if matches!(basis, Basis::Duty) { "duty" } else { "power" }})),
        )
        .await?;
        txn.commit().await?;
        Ok(id)
    }

    pub async fn plan(&self, id: &PlanId) -> Result<Plan> {
        Ok(plan_in(&self.store.db, id).await?.1)
    }

    /// A person's plans, the newest first.
    pub async fn plans_for(&self, person_id: &PersonId) -> Result<Vec<Plan>> {
        self.plans_matching(
            care_plan::Entity::find()
                .filter(care_plan::Column::PersonId.eq(person_id))
                .order_by_desc(care_plan::Column::CreatedAt),
        )
        .await
    }

    /// Plans waiting for a manager or the panel, the longest waiting first.
    pub async fn plans_awaiting_approval(&self) -> Result<Vec<Plan>> {
        self.plans_matching(
            care_plan::Entity::find()
                .filter(care_plan::Column::Status.is_in([PlanStatus::Submitted.key(), PlanStatus::Panel.key()]))
                .order_by_asc(care_plan::Column::SubmittedAt),
        )
        .await
    }

    async fn plans_matching(&self, query: sea_orm::Select<care_plan::Entity>) -> Result<Vec<Plan>> {
        let rows = query.all(&self.store.db).await?;
        let ids: Vec<PlanId> = rows.iter().map(|r| r.id.clone()).collect();
        let mut lines = lines_of(&self.store.db, &ids).await?;
        rows.iter().map(|r| plan_with(r, &lines.remove(&r.id).unwrap_or_default())).collect()
    }

    async fn editable_plan<C: ConnectionTrait>(&self, conn: &C, id: &PlanId) -> Result<(care_plan::Model, Plan)> {
        let (row, plan) = plan_in(conn, id).await?;
        plan.status.may_change()?;
        Ok((row, plan))
    }

    /// Saves the plan's own words and choices. Audited with the parts changed.
    /// With `expected` (the plan's edit token as its page showed it), refused as stale when
    /// someone changed those parts meanwhile.
    pub async fn save_plan(
        &self,
        ctx: &AuditContext,
        id: &PlanId,
        update: &PlanUpdate,
        expected: Option<&EditToken>,
    ) -> Result<()> {
        let txn = self.store.write().await?;
        let (row, plan) = self.editable_plan(&txn, id).await?;
        if expected.is_some_and(|e| *e != plan.edit_token()) {
            return Err(StoreError::Stale);
        }
        let mut m: care_plan::ActiveModel = row.into();
        let mut changed = Vec::new();
        if let Some(needs_met) = &update.needs_met {
            let cleaned: Vec<NeedMet> = needs_met
                .iter()
                .filter(|n| !n.how.trim().is_empty())
                .map(|n| NeedMet { outcome: n.outcome.clone(), how: n.how.trim().to_owned() })
                .collect();
            if cleaned != plan.contents.needs_met {
                m.needs_met = Set(serde_json::to_string(&cleaned).expect("serialises"));
                changed.push("needs_met");
            }
        }
        for (field, new, old, column) in [
            ("outcomes", &update.outcomes, &plan.contents.outcomes, care_plan::Column::Outcomes),
            ("advice", &update.advice, &plan.contents.advice, care_plan::Column::Advice),
            ("contingency", &update.contingency, &plan.contents.contingency, care_plan::Column::Contingency),
        ] {
            if let Some(v) = new.as_ref().map(|s| s.trim().to_owned()).filter(|v| v != old) {
                m.set(column, v.into());
                changed.push(field);
            }
        }
        if let Some(dp) = &update.direct_payment
            && *dp != plan.contents.direct_payment
        {
            m.direct_payment = Set(dp.as_ref().map(|d| serde_json::to_string(d).expect("serialises")));
            changed.push("direct_payment");
        }
        if changed.is_empty() {
            return Ok(());
        }
        m.updated_at = Set(ctx.now);
        m.update(&txn).await?;
        audit_plan(&txn, ctx, "plan-updated", &plan, serde_json::json!({"changed": changed})).await?;
        txn.commit().await?;
        Ok(())
    }

    /// Adds a service line. Audited.
    pub async fn add_service_line(
        &self,
        ctx: &AuditContext,
        plan_id: &PlanId,
        line: &ServiceLine,
    ) -> Result<ServiceLineId> {
        line.check().into_result()?;
        let txn = self.store.write().await?;
        let (_, plan) = self.editable_plan(&txn, plan_id).await?;
        if plan.contents.kind == PlanKind::CarerSupport && !line.service_type.for_carers() {
            return Err(refused("service_type", "A carer's support plan has carers' support types"));
        }
        if plan.contents.kind == PlanKind::CareAndSupport && line.service_type.for_carers() {
            return Err(refused("service_type", "Carers' support belongs in the carer's own support plan"));
        }
        let id = ServiceLineId::generate();
        service_line::ActiveModel {
            id: Set(id.clone()),
            plan_id: Set(plan_id.to_owned()),
            person_id: Set(plan.person_id.clone()),
            position: Set(plan.line_ids.len() as i64),
            service_type: Set(line.service_type.key().to_owned()),
            component: Set(line.component.key().to_owned()),
            delivery: Set(line.delivery.key().to_owned()),
            provider: Set(line.provider.trim().to_owned()),
            directory_service_id: Set(None),
            starts_on: Set(line.starts_on),
            ends_on: Set(line.ends_on),
            units_hundredths: Set(line.units_per_week_hundredths),
            unit_cost_pence: Set(line.unit_cost.pence()),
            meets: Set(line.meets.join(",")),
            created_at: Set(ctx.now),
        }
        .insert(&txn)
        .await?;
        audit_plan(
            &txn,
            ctx,
            "service-line-added",
            &plan,
            serde_json::json!({"line_id": id, "service_type": line.service_type.key(), "weekly_pence": line.weekly_cost().pence()}),
        )
        .await?;
        txn.commit().await?;
        Ok(id)
    }

    pub async fn remove_service_line(
        &self,
        ctx: &AuditContext,
        plan_id: &PlanId,
        line_id: &ServiceLineId,
    ) -> Result<()> {
        let txn = self.store.write().await?;
        let (_, plan) = self.editable_plan(&txn, plan_id).await?;
        if !plan.line_ids.iter().any(|l| l == line_id) {
            return Err(StoreError::NotFound);
        }
        service_line::Entity::delete_by_id(line_id.to_owned()).exec(&txn).await?;
        audit_plan(&txn, ctx, "service-line-removed", &plan, serde_json::json!({"line_id": line_id})).await?;
        txn.commit().await?;
        Ok(())
    }

    /// Submits the plan once it has what s25 requires. Audited.
    pub async fn submit_plan(&self, ctx: &AuditContext, id: &PlanId) -> Result<()> {
        let txn = self.store.write().await?;
        let (row, plan) = self.editable_plan(&txn, id).await?;
        plan.contents.check().into_result()?;
        let mut m: care_plan::ActiveModel = row.into();
        m.status = Set(plan.status.submit()?.key().to_owned());
        m.submitted_by = Set(ctx_user(ctx));
        m.submitted_at = Set(Some(ctx.now));
        m.return_comment = Set(None);
        m.approved_total_pence = Set(None);
        m.updated_at = Set(ctx.now);
        m.update(&txn).await?;
        audit_plan(
            &txn,
            ctx,
            "plan-submitted",
            &plan,
            serde_json::json!({"weekly_total_pence": plan.budget.total.pence()}),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// A manager's approval (then the panel's, when the budget reaches `panel_from`), never by
    /// the plan's author. Approval fixes the budget total the services must add up to. Audited.
    pub async fn approve_plan(
        &self,
        ctx: &AuditContext,
        id: &PlanId,
        is_manager: bool,
        panel_from: Option<Pence>,
    ) -> Result<PlanStatus> {
        let txn = self.store.write().await?;
        let (row, plan) = plan_in(&txn, id).await?;
        let me = ctx_user(ctx).unwrap_or_default();
        may_approve(plan.submitted_by.as_deref().unwrap_or(""), &me, is_manager, plan.status.waiting())
            .map_err(|e| e.problems())?;
        let status = plan.status.approve(needs_panel(plan.budget.total, panel_from))?;
        let mut m: care_plan::ActiveModel = row.into();
        if status == PlanStatus::Panel {
            m.approved_by = Set(Some(me.clone()));
            m.approved_at = Set(Some(ctx.now));
            m.panel_needed = Set(true);
        } else {
            if plan.status == PlanStatus::Panel {
                if plan.approved_by.as_deref() == Some(me.as_str()) {
                    return Err(refused(
                        Problems::FORM,
                        "The panel's approval must come from someone other than the manager who approved it",
                    ));
                }
                m.panel_by = Set(Some(me.clone()));
                m.panel_at = Set(Some(ctx.now));
            } else {
                m.approved_by = Set(Some(me.clone()));
                m.approved_at = Set(Some(ctx.now));
            }
            m.approved_total_pence = Set(Some(plan.budget.total.pence()));
        }
        m.status = Set(status.key().to_owned());
        m.updated_at = Set(ctx.now);
        m.update(&txn).await?;
        audit_plan(
            &txn,
            ctx,
            if status == PlanStatus::Panel { "plan-approved-for-panel" } else { "plan-approved" },
            &plan,
            serde_json::json!({"weekly_total_pence": plan.budget.total.pence()}),
        )
        .await?;
        txn.commit().await?;
        Ok(status)
    }

    pub async fn return_plan(&self, ctx: &AuditContext, id: &PlanId, is_manager: bool, comment: &str) -> Result<()> {
        let txn = self.store.write().await?;
        let (row, plan) = plan_in(&txn, id).await?;
        let next = plan.status.send_back()?;
        let me = ctx_user(ctx).unwrap_or_default();
        may_return(plan.submitted_by.as_deref().unwrap_or(""), &me, is_manager, comment).map_err(|e| e.problems())?;
        let mut m: care_plan::ActiveModel = row.into();
        m.status = Set(next.key().to_owned());
        m.return_comment = Set(Some(comment.trim().to_owned()));
        m.updated_at = Set(ctx.now);
        m.update(&txn).await?;
        append(
            &txn,
            ctx,
            AuditEntry::new("plan-returned").record("care_plan", id).person(&plan.person_id).reason(comment.trim()),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// Agrees an approved plan with the person and puts it in place from `starts_on`. A care and
    /// support plan is long-term support, so while a crisis conversation is open it needs a
    /// team manager's override with a reason (audited). The first review is scheduled (six to
    /// eight weeks), and a direct payment's first review (regulation 7). Audited.
    #[allow(clippy::too_many_arguments)]
    pub async fn agree_plan(
        &self,
        ctx: &AuditContext,
        id: &PlanId,
        agreed_on: NaiveDate,
        starts_on: NaiveDate,
        override_reason: Option<&str>,
        by_team_manager: bool,
        timings: ReviewTimings,
    ) -> Result<()> {
        let txn = self.store.write().await?;
        let (row, plan) = plan_in(&txn, id).await?;
        let in_place = plan.status.agree()?;
        if agreed_on > ctx.now.date_naive() {
            return Err(refused("agreed_on", "The day it was agreed must be today or in the past"));
        }
        if let Some(approved) = plan.contents.approved_total
            && approved != plan.budget.total
        {
            return Err(refused("lines", "The services no longer add up to the approved personal budget (s26)"));
        }
        let mut overridden = false;
        if plan.contents.kind == PlanKind::CareAndSupport {
            let crisis = crate::people::work::open_crisis(&txn, &plan.person_id).await?;
            overridden = may_agree_long_term_support(crisis, override_reason, by_team_manager)
                .map_err(|e| refused("override_reason", e.to_string()))?;
        }
        let next = next_planned_review(starts_on, &[], timings);
        let dp_review = plan
            .contents
            .direct_payment
            .as_ref()
            .and_then(|dp| dp.first_payment_on)
            .map(|first| direct_payment_review_due(first, None));
        // The version this one replaces ends as this starts.
        if let Some(old) = &plan.supersedes_id {
            let (old_row, old_plan) = plan_in(&txn, old).await?;
            let replaced = old_plan.status.replace()?;
            let mut o: care_plan::ActiveModel = old_row.into();
            o.status = Set(replaced.key().to_owned());
            o.ended_on = Set(Some(starts_on));
            o.next_review_due = Set(None);
            o.updated_at = Set(ctx.now);
            o.update(&txn).await?;
        }
        let mut m: care_plan::ActiveModel = row.into();
        m.status = Set(in_place.key().to_owned());
        m.agreed_on = Set(Some(agreed_on));
        m.starts_on = Set(Some(starts_on));
        if plan.supersedes_id.is_none() {
            m.next_review_kind = Set(Some("first".into()));
            m.next_review_opens = Set(Some(next.opens));
            m.next_review_due = Set(Some(next.due));
        }
        m.dp_review_due = Set(dp_review);
        m.crisis_override = Set(override_reason.filter(|_| overridden).map(|r| r.trim().to_owned()));
        m.updated_at = Set(ctx.now);
        m.update(&txn).await?;
        if overridden {
            append(
                &txn,
                ctx,
                AuditEntry::new("crisis-override")
                    .record("care_plan", id)
                    .person(&plan.person_id)
                    .reason(override_reason.unwrap_or_default().trim()),
            )
            .await?;
        }
        audit_plan(
            &txn,
            ctx,
            "plan-agreed",
            &plan,
            serde_json::json!({"starts_on": starts_on, "first_review_due": next.due}),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// A review the person (or someone for them) asked for (s27(1)(b)), due within
    /// `within_days`. It does not move the planned review date. Audited.
    pub async fn request_review(
        &self,
        ctx: &AuditContext,
        plan_id: &PlanId,
        requested_on: NaiveDate,
        requested_by: &str,
        within_days: u32,
    ) -> Result<ReviewId> {
        let mut problems = Problems::default();
        problems.check(requested_by.trim().is_empty(), "requested_by", "Say who asked for the review");
        problems.check(
            requested_on > ctx.now.date_naive(),
            "requested_on",
            "The day of the request must be today or in the past",
        );
        problems.into_result()?;
        let txn = self.store.write().await?;
        let (_, plan) = plan_in(&txn, plan_id).await?;
        plan.status.may_review()?;
        let id = ReviewId::generate();
        plan_review::ActiveModel {
            id: Set(id.clone()),
            plan_id: Set(plan_id.to_owned()),
            person_id: Set(plan.person_id.clone()),
            reason: Set(ReviewReason::OnRequest.key().to_owned()),
            requested_on: Set(Some(requested_on)),
            requested_by: Set(Some(requested_by.trim().to_owned())),
            due_on: Set(requested_on + chrono::Days::new(u64::from(within_days))),
            completed_on: Set(None),
            decision: Set(None),
            summary: Set(None),
            completed_by: Set(None),
            new_plan_id: Set(None),
            created_by: Set(ctx_user(ctx)),
            created_at: Set(ctx.now),
        }
        .insert(&txn)
        .await?;
        audit_plan(
            &txn,
            ctx,
            "review-requested",
            &plan,
            serde_json::json!({"review_id": id, "requested_by": requested_by.trim()}),
        )
        .await?;
        txn.commit().await?;
        Ok(id)
    }

    /// Completes a review: the requested one `review_id`, or the plan's next planned review.
    /// A planned review sets the next one (at most 12 months on); a requested one leaves the
    /// planned date alone. The decision keeps the plan, revises it (a new draft version with
    /// the same services, replacing this one once agreed), or ends it. Audited.
    #[allow(clippy::too_many_arguments)]
    pub async fn complete_review(
        &self,
        ctx: &AuditContext,
        plan_id: &PlanId,
        review_id: Option<&ReviewId>,
        completed_on: NaiveDate,
        decision: ReviewDecision,
        summary: &str,
        timings: ReviewTimings,
    ) -> Result<Option<PlanId>> {
        let mut problems = Problems::default();
        problems.check(
            summary.trim().is_empty(),
            "summary",
            "Write what the review found, in the person's words where you can",
        );
        problems.check(
            completed_on > ctx.now.date_naive(),
            "completed_on",
            "The review day must be today or in the past",
        );
        problems.into_result()?;
        let txn = self.store.write().await?;
        let (row, plan) = plan_in(&txn, plan_id).await?;
        plan.status.may_review()?;
        let review_id = match review_id {
            Some(rid) => {
                let r = plan_review::Entity::find_by_id(rid.to_owned()).one(&txn).await?.ok_or(StoreError::NotFound)?;
                if r.plan_id != plan_id || r.completed_on.is_some() {
                    return Err(StoreError::NotFound);
                }
                rid.to_owned()
            }
            None => {
                let (kind, _, due) =
                    plan.next_review.ok_or_else(|| refused(Problems::FORM, "No planned review is due"))?;
                let id = ReviewId::generate();
                plan_review::ActiveModel {
                    id: Set(id.clone()),
                    plan_id: Set(plan_id.to_owned()),
                    person_id: Set(plan.person_id.clone()),
                    reason: Set(match kind {
                        PlannedKind::First => ReviewReason::Initial,
                        PlannedKind::Annual => ReviewReason::Annual,
                    }
                    .key()
                    .to_owned()),
                    requested_on: Set(None),
                    requested_by: Set(None),
                    due_on: Set(due),
                    completed_on: Set(None),
                    decision: Set(None),
                    summary: Set(None),
                    completed_by: Set(None),
                    new_plan_id: Set(None),
                    created_by: Set(ctx_user(ctx)),
                    created_at: Set(ctx.now),
                }
                .insert(&txn)
                .await?;
                id
            }
        };
        let new_plan_id = if decision.revises() { Some(self.copy_plan_in(&txn, ctx, &plan).await?) } else { None };
        let r = plan_review::Entity::find_by_id(review_id.clone()).one(&txn).await?.expect("just found");
        let planned = ReviewReason::from_key(&r.reason).is_some_and(ReviewReason::planned);
        let mut rm: plan_review::ActiveModel = r.into();
        rm.completed_on = Set(Some(completed_on));
        rm.decision = Set(Some(decision.key().to_owned()));
        rm.summary = Set(Some(summary.trim().to_owned()));
        rm.completed_by = Set(ctx_user(ctx));
        rm.new_plan_id = Set(new_plan_id.clone());
        rm.update(&txn).await?;
        // The next planned review, from the planned reviews completed (requested ones left out).
        let completed_planned: Vec<NaiveDate> = plan_review::Entity::find()
            .filter(plan_review::Column::PlanId.eq(plan_id))
            .filter(plan_review::Column::Reason.is_in([ReviewReason::Initial.key(), ReviewReason::Annual.key()]))
            .all(&txn)
            .await?
            .into_iter()
            .filter_map(|r| r.completed_on)
            .collect();
        let mut m: care_plan::ActiveModel = row.into();
        if decision.ends() {
            m.status = Set(plan.status.end()?.key().to_owned());
            m.ended_on = Set(Some(completed_on));
            m.end_reason = Set(Some(summary.trim().to_owned()));
            m.next_review_kind = Set(None);
            m.next_review_opens = Set(None);
            m.next_review_due = Set(None);
        } else if planned {
            let next = next_planned_review(plan.starts_on.unwrap_or(completed_on), &completed_planned, timings);
            m.next_review_kind = Set(Some("annual".into()));
            m.next_review_opens = Set(Some(next.opens));
            m.next_review_due = Set(Some(next.due));
        }
        m.updated_at = Set(ctx.now);
        m.update(&txn).await?;
        audit_plan(
            &txn,
            ctx,
            "review-completed",
            &plan,
            serde_json::json!({"review_id": review_id, "decision": decision.key(), "planned": planned, "new_plan_id": new_plan_id}),
        )
        .await?;
        txn.commit().await?;
        Ok(new_plan_id)
    }

    /// A new draft version of a plan, with its services, for revising after a review. The
    /// planned review dates carry over, since a revision is not a new plan.
    async fn copy_plan_in<C: ConnectionTrait>(&self, conn: &C, ctx: &AuditContext, plan: &Plan) -> Result<PlanId> {
        let (row, _) = plan_in(conn, &plan.id).await?;
        let id = PlanId::generate();
        let mut copy: care_plan::ActiveModel = row.into();
        copy.id = Set(id.clone());
        copy.version = Set(plan.version + 1);
        copy.supersedes_id = Set(Some(plan.id.clone()));
        copy.status = Set(PlanStatus::Draft.key().to_owned());
        for c in [
            care_plan::Column::SubmittedBy,
            care_plan::Column::ApprovedBy,
            care_plan::Column::PanelBy,
            care_plan::Column::ReturnComment,
            care_plan::Column::CrisisOverride,
        ] {
            copy.set(c, sea_orm::Value::String(None));
        }
        copy.submitted_at = Set(None);
        copy.approved_at = Set(None);
        copy.panel_at = Set(None);
        copy.approved_total_pence = Set(None);
        copy.agreed_on = Set(None);
        copy.panel_needed = Set(false);
        let (contribution, source) = contribution_of(conn, &plan.person_id).await?;
        copy.contribution_pence = Set(contribution.pence());
        copy.contribution_source = Set(source);
        copy.created_by = Set(ctx_user(ctx));
        copy.created_at = Set(ctx.now);
        copy.updated_at = Set(ctx.now);
        copy.insert(conn).await?;
        for l in service_line::Entity::find().filter(service_line::Column::PlanId.eq(&plan.id)).all(conn).await? {
            let mut nl: service_line::ActiveModel = l.into();
            nl.id = Set(ServiceLineId::generate());
            nl.plan_id = Set(id.clone());
            nl.created_at = Set(ctx.now);
            nl.insert(conn).await?;
        }
        Ok(id)
    }

    pub async fn reviews_of(&self, plan_id: &PlanId) -> Result<Vec<Review>> {
        self.reviews_where(plan_review::Column::PlanId.eq(plan_id)).await
    }

    /// Every review of every plan of a person's.
    pub async fn reviews_for(&self, person_id: &PersonId) -> Result<Vec<Review>> {
        self.reviews_where(plan_review::Column::PersonId.eq(person_id)).await
    }

    async fn reviews_where(&self, condition: sea_orm::sea_query::SimpleExpr) -> Result<Vec<Review>> {
        plan_review::Entity::find()
            .filter(condition)
            .order_by_desc(plan_review::Column::DueOn)
            .all(&self.store.db)
            .await?
            .into_iter()
            .map(|r| -> Result<Review> {
                Ok(Review {
                    reason: stored("review reason", &r.id, &r.reason, ReviewReason::from_key)?,
                    decision: r.decision.as_deref().and_then(ReviewDecision::from_key),
                    id: r.id,
                    plan_id: r.plan_id,
                    person_id: r.person_id,
                    requested_on: r.requested_on,
                    requested_by: r.requested_by,
                    due_on: r.due_on,
                    completed_on: r.completed_on,
                    summary: r.summary,
                    new_plan_id: r.new_plan_id,
                })
            })
            .collect()
    }

    /// Reviews due by `by` for the people given (a worker's caseload): planned reviews of plans
    /// in place, requested reviews not yet done, and direct payment reviews.
    pub async fn reviews_due(&self, people: &[PersonId], by: NaiveDate) -> Result<Vec<ReviewDue>> {
        let mut out = Vec::new();
        for chunk in people.chunks(500) {
            let plans = care_plan::Column::PersonId.is_in(chunk.to_vec());
            let asked = plan_review::Column::PersonId.is_in(chunk.to_vec());
            out.extend(self.reviews_due_where(plans, asked, by).await?);
        }
        out.sort_by_key(|r| r.due);
        Ok(out)
    }

    /// Reviews due by `by` for everyone allocated to a team now, in two queries however large
    /// the team.
    pub async fn team_reviews_due(&self, team_id: &TeamId, by: NaiveDate) -> Result<Vec<ReviewDue>> {
        use crate::entities::allocation;
        use sea_orm::sea_query::Query;
        let allocated = Query::select()
            .column(allocation::Column::PersonId)
            .from(allocation::Entity)
            .and_where(allocation::Column::TeamId.eq(team_id))
            .and_where(allocation::Column::EndedAt.is_null())
            .to_owned();
        let plans = care_plan::Column::PersonId.in_subquery(allocated.clone());
        let asked = plan_review::Column::PersonId.in_subquery(allocated);
        let mut out = self.reviews_due_where(plans, asked, by).await?;
        out.sort_by_key(|r| r.due);
        Ok(out)
    }

    async fn reviews_due_where(
        &self,
        plans: sea_orm::sea_query::SimpleExpr,
        asked: sea_orm::sea_query::SimpleExpr,
        by: NaiveDate,
    ) -> Result<Vec<ReviewDue>> {
        let mut out = Vec::new();
        for p in care_plan::Entity::find()
            .filter(care_plan::Column::Status.eq(PlanStatus::Active.key()))
            .filter(plans)
            .all(&self.store.db)
            .await?
        {
            if let (Some(kind), Some(opens), Some(due)) = (&p.next_review_kind, p.next_review_opens, p.next_review_due)
                && opens.min(due) <= by
            {
                let what = if kind == "first" { "First review of the plan" } else { "Yearly review of the plan" };
                out.push(ReviewDue {
                    plan_id: p.id.clone(),
                    person_id: p.person_id.clone(),
                    what: what.into(),
                    opens,
                    due,
                });
            }
            if let Some(due) = p.dp_review_due
                && due <= by
            {
                out.push(ReviewDue {
                    plan_id: p.id.clone(),
                    person_id: p.person_id.clone(),
                    what: "Direct payment review".into(),
                    opens: due,
                    due,
                });
            }
        }
        for r in plan_review::Entity::find()
            .filter(plan_review::Column::CompletedOn.is_null())
            .filter(plan_review::Column::DueOn.lte(by))
            .filter(asked)
            .all(&self.store.db)
            .await?
        {
            out.push(ReviewDue {
                plan_id: r.plan_id,
                person_id: r.person_id,
                what: "Review asked for by the person".into(),
                opens: r.requested_on.unwrap_or(r.due_on),
                due: r.due_on,
            });
        }
        Ok(out)
    }

    /// Direct payment reviewed (regulation 7): the next is due within 12 months. Audited.
    pub async fn complete_direct_payment_review(
        &self,
        ctx: &AuditContext,
        plan_id: &PlanId,
        on: NaiveDate,
        summary: &str,
    ) -> Result<()> {
        if summary.trim().is_empty() {
            return Err(refused("dp_summary", "Write what the direct payment review found"));
        }
        let txn = self.store.write().await?;
        let (row, plan) = plan_in(&txn, plan_id).await?;
        let first = plan
            .contents
            .direct_payment
            .as_ref()
            .and_then(|d| d.first_payment_on)
            .ok_or_else(|| refused(Problems::FORM, "This plan has no direct payment"))?;
        let mut m: care_plan::ActiveModel = row.into();
        m.dp_review_due = Set(Some(direct_payment_review_due(first, Some(on))));
        m.updated_at = Set(ctx.now);
        m.update(&txn).await?;
        audit_plan(
            &txn,
            ctx,
            "direct-payment-reviewed",
            &plan,
            serde_json::json!({"on": on, "summary": summary.trim()}),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }
}
