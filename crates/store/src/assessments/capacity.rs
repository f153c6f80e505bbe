//! Mental capacity assessments, one decision at a time (Mental Capacity Act 2005 ss1 to 3),
//! best-interests decisions that follow a lack of capacity for the same decision (s4), and
//! transitions from children's services (Care Act 2014 ss58 to 66).

use crate::audit::{AuditContext, AuditEntry, append};
use crate::entities::{capacity_assessment, eligibility_determination, transition};
use crate::people::records::{ctx_user, load};
use crate::refused;
use crate::{Assessments, CapacityId, PersonId, Result, StoreError};
use chrono::NaiveDate;
use hearth_domain::Problems;
use hearth_domain::assessments::outcomes::AdultOutcome;
use hearth_domain::assessments::safeguards::{Capacity, CapacityFindings, may_decide_best_interests};
use hearth_domain::assessments::transition::{AdultDecision, may_close_childrens_services, turns_18};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CapacityRecord {
    pub id: CapacityId,
    pub person_id: PersonId,
    pub findings: CapacityFindings,
    pub result: Capacity,
    pub assessed_on: NaiveDate,
    pub best_interests: Option<BestInterests>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BestInterests {
    pub decision: String,
    pub options: String,
    pub consultees: String,
    pub decided_on: NaiveDate,
}

fn capacity_from(r: capacity_assessment::Model) -> Result<CapacityRecord> {
    Ok(CapacityRecord {
        findings: serde_json::from_str(&r.findings)
            .map_err(|_| StoreError::Unreadable(format!("capacity assessment {} could not be read", r.id)))?,
        result: if r.result == "lacks" { Capacity::Lacks } else { Capacity::Has },
        best_interests: match (r.best_interests_decision, r.best_interests_on) {
            (Some(decision), Some(decided_on)) => Some(BestInterests {
                decision,
                options: r.best_interests_options.unwrap_or_default(),
                consultees: r.best_interests_consultees.unwrap_or_default(),
                decided_on,
            }),
            _ => None,
        },
        id: r.id,
        person_id: r.person_id,
        assessed_on: r.assessed_on,
    })
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Transition {
    pub id: String,
    pub person_id: PersonId,
    pub ehc_plan: bool,
    pub likely_needs: String,
    pub significant_benefit: String,
    /// The outcomes likely to be eligible after 18: an indication, not a s13 determination.
    pub indicative_outcomes: Vec<AdultOutcome>,
    pub assessed_on: Option<NaiveDate>,
    pub turns_18_on: NaiveDate,
    pub childrens_worker: Option<String>,
    pub adult_decision: AdultDecision,
    pub childrens_services_closed_on: Option<NaiveDate>,
}

/// A transition as recorded, without what is worked out from the rest of the record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TransitionRecord {
    pub ehc_plan: bool,
    pub likely_needs: String,
    pub significant_benefit: String,
    pub indicative_outcomes: Vec<AdultOutcome>,
    pub assessed_on: Option<NaiveDate>,
    pub childrens_worker: Option<String>,
    pub closed_on: Option<NaiveDate>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NewTransition {
    pub ehc_plan: bool,
    pub likely_needs: String,
    pub significant_benefit: String,
    pub indicative_outcomes: Vec<AdultOutcome>,
    pub assessed_on: Option<NaiveDate>,
    pub childrens_worker: Option<String>,
}

impl Assessments<'_> {
    /// Records a capacity assessment for one named decision. Audited.
    pub async fn record_capacity(
        &self,
        ctx: &AuditContext,
        person_id: &PersonId,
        findings: &CapacityFindings,
        assessed_on: NaiveDate,
    ) -> Result<(CapacityId, Capacity)> {
        let in_future = assessed_on > ctx.now.date_naive();
        let result = match findings.conclude() {
            Ok(result) if !in_future => result,
            concluded => {
                let mut problems = concluded.err().unwrap_or_default();
                problems.check(in_future, "assessed_on", "The day must be today or in the past");
                return Err(problems.into());
            }
        };
        let txn = self.store.write().await?;
        load(&txn, person_id).await?;
        let id = CapacityId::generate();
        capacity_assessment::ActiveModel {
            id: Set(id.clone()),
            person_id: Set(person_id.to_owned()),
            decision: Set(findings.decision.trim().to_owned()),
            findings: Set(serde_json::to_string(findings).expect("serialises")),
            result: Set(if result == Capacity::Lacks { "lacks" } else { "has" }.to_owned()),
            assessed_on: Set(assessed_on),
            assessed_by: Set(ctx_user(ctx)),
            best_interests_decision: Set(None),
            best_interests_options: Set(None),
            best_interests_consultees: Set(None),
            best_interests_by: Set(None),
            best_interests_on: Set(None),
            created_at: Set(ctx.now),
        }
        .insert(&txn)
        .await?;
        append(
            &txn,
            ctx,
            AuditEntry::new("capacity-assessed")
                .record("capacity_assessment", &id)
                .person(person_id)
                .details(serde_json::json!({"decision": findings.decision.trim(), "result": if result == Capacity::Lacks { "lacks" } else { "has" }})),
        )
        .await?;
        txn.commit().await?;
        Ok((id, result))
    }

    pub async fn capacity_assessments(&self, person_id: &PersonId) -> Result<Vec<CapacityRecord>> {
        capacity_assessment::Entity::find()
            .filter(capacity_assessment::Column::PersonId.eq(person_id))
            .order_by_desc(capacity_assessment::Column::AssessedOn)
            .all(&self.store.db)
            .await?
            .into_iter()
            .map(capacity_from)
            .collect()
    }

    /// A best-interests decision (s4), only on a capacity assessment that found the person
    /// lacks capacity for that same decision. Audited.
    pub async fn record_best_interests(
        &self,
        ctx: &AuditContext,
        capacity_id: &CapacityId,
        decision: &str,
        options: &str,
        consultees: &str,
        decided_on: NaiveDate,
    ) -> Result<()> {
        let txn = self.store.write().await?;
        let row = capacity_assessment::Entity::find_by_id(capacity_id.to_owned())
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound)?;
        let record = capacity_from(row.clone())?;
        if record.best_interests.is_some() {
            return Err(refused(
                "decision",
                "A best-interests decision is already recorded for this: assess again if things have changed",
            ));
        }
        may_decide_best_interests(Some(record.result), consultees, decision, options).map_err(StoreError::Refused)?;
        let mut m: capacity_assessment::ActiveModel = row.into();
        m.best_interests_decision = Set(Some(decision.trim().to_owned()));
        m.best_interests_options = Set(Some(options.trim().to_owned()));
        m.best_interests_consultees = Set(Some(consultees.trim().to_owned()));
        m.best_interests_by = Set(ctx_user(ctx));
        m.best_interests_on = Set(Some(decided_on));
        m.update(&txn).await?;
        append(
            &txn,
            ctx,
            AuditEntry::new("best-interests-decided")
                .record("capacity_assessment", capacity_id)
                .person(&record.person_id)
                .details(serde_json::json!({"for_decision": record.findings.decision})),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// Starts planning a young person's move to adult services (s58). Audited.
    pub async fn start_transition(
        &self,
        ctx: &AuditContext,
        person_id: &PersonId,
        new: &NewTransition,
    ) -> Result<String> {
        let mut missing = Problems::default();
        if new.likely_needs.trim().is_empty() {
            missing.add("likely_needs", "Describe the needs they are likely to have after they turn 18 (s58(1))");
        }
        if new.significant_benefit.trim().is_empty() {
            missing.add("significant_benefit", "Say why assessing now would be of significant benefit (s58(1)(b))");
        }
        if !missing.is_empty() {
            return Err(missing.into());
        }
        let txn = self.store.write().await?;
        let person = load(&txn, person_id).await?;
        let born =
            person.details.date_of_birth.ok_or_else(|| refused("date_of_birth", "Record their date of birth first"))?;
        if !hearth_domain::assessments::transition::is_child(born, ctx.now.date_naive()) {
            return Err(refused("date_of_birth", "They are 18 or over: assess them as an adult (s9)"));
        }
        if transition::Entity::find().filter(transition::Column::PersonId.eq(person_id)).one(&txn).await?.is_some() {
            return Err(refused("person", "Their move to adult services is already being planned"));
        }
        let id = uuid::Uuid::new_v4().to_string();
        transition::ActiveModel {
            id: Set(id.clone()),
            person_id: Set(person_id.to_owned()),
            ehc_plan: Set(new.ehc_plan),
            likely_needs: Set(new.likely_needs.trim().to_owned()),
            significant_benefit: Set(new.significant_benefit.trim().to_owned()),
            indicative_outcomes: Set(new.indicative_outcomes.iter().map(|o| o.key()).collect::<Vec<_>>().join(",")),
            assessed_on: Set(new.assessed_on),
            childrens_services: Set("open".to_owned()),
            childrens_worker: Set(new.childrens_worker.clone().filter(|w| !w.trim().is_empty())),
            adult_decision: Set("pending".to_owned()),
            closed_on: Set(None),
            created_by: Set(ctx_user(ctx)),
            created_at: Set(ctx.now),
        }
        .insert(&txn)
        .await?;
        append(&txn, ctx, AuditEntry::new("transition-started").record("transition", &id).person(person_id)).await?;
        txn.commit().await?;
        Ok(id)
    }

    /// The young person's transition, with the adult decision read from their determinations:
    /// settled once an adult determination is issued (s66 continuity ends then), unless a
    /// worker recorded that no duty was found.
    /// Every transition record of a person's, as recorded (for subject access).
    pub async fn transition_history(&self, person_id: &PersonId) -> Result<Vec<TransitionRecord>> {
        Ok(transition::Entity::find()
            .filter(transition::Column::PersonId.eq(person_id))
            .order_by_asc(transition::Column::CreatedAt)
            .all(&self.store.db)
            .await?
            .into_iter()
            .map(|t| TransitionRecord {
                ehc_plan: t.ehc_plan,
                likely_needs: t.likely_needs,
                significant_benefit: t.significant_benefit,
                indicative_outcomes: t.indicative_outcomes.split(',').filter_map(AdultOutcome::from_key).collect(),
                assessed_on: t.assessed_on,
                childrens_worker: t.childrens_worker,
                closed_on: t.closed_on,
            })
            .collect())
    }

    pub async fn transition_for(&self, person_id: &PersonId) -> Result<Option<Transition>> {
        let Some(t) =
            transition::Entity::find().filter(transition::Column::PersonId.eq(person_id)).one(&self.store.db).await?
        else {
            return Ok(None);
        };
        let person = load(&self.store.db, person_id).await?;
        let born = person.details.date_of_birth.ok_or_else(|| refused("date_of_birth", "no date of birth"))?;
        let adult = eligibility_determination::Entity::find()
            .filter(eligibility_determination::Column::PersonId.eq(person_id))
            .filter(eligibility_determination::Column::Regime.eq("needs"))
            .one(&self.store.db)
            .await?;
        let adult_decision = match (t.adult_decision.as_str(), adult) {
            ("no-duty", _) => AdultDecision::NoDuty,
            (_, Some(_)) => AdultDecision::Settled,
            _ => AdultDecision::Pending,
        };
        Ok(Some(Transition {
            id: t.id,
            person_id: t.person_id,
            ehc_plan: t.ehc_plan,
            likely_needs: t.likely_needs,
            significant_benefit: t.significant_benefit,
            indicative_outcomes: t.indicative_outcomes.split(',').filter_map(AdultOutcome::from_key).collect(),
            assessed_on: t.assessed_on,
            turns_18_on: turns_18(born),
            childrens_worker: t.childrens_worker,
            adult_decision,
            childrens_services_closed_on: t.closed_on,
        }))
    }

    /// Records that children's services have ended: refused while the adult decision is
    /// pending (s66). Audited.
    pub async fn close_childrens_services(
        &self,
        ctx: &AuditContext,
        person_id: &PersonId,
        no_duty_reason: Option<&str>,
    ) -> Result<()> {
        let t = self.transition_for(person_id).await?.ok_or(StoreError::NotFound)?;
        let txn = self.store.write().await?;
        let row = transition::Entity::find_by_id(t.id.clone()).one(&txn).await?.ok_or(StoreError::NotFound)?;
        let mut m: transition::ActiveModel = row.into();
        let mut decision = t.adult_decision;
        if let Some(reason) = no_duty_reason.map(str::trim).filter(|r| !r.is_empty())
            && decision == AdultDecision::Pending
        {
            decision = AdultDecision::NoDuty;
            m.adult_decision = Set("no-duty".to_owned());
            m.likely_needs = Set(format!("{}\n\nNo duty found: {reason}", t.likely_needs));
        }
        may_close_childrens_services(decision).map_err(|e| refused("close", e.to_string()))?;
        m.childrens_services = Set("closed".to_owned());
        m.closed_on = Set(Some(ctx.now.date_naive()));
        m.update(&txn).await?;
        append(&txn, ctx, AuditEntry::new("childrens-services-closed").record("transition", &t.id).person(person_id))
            .await?;
        txn.commit().await?;
        Ok(())
    }
}
