//! The Client Level Data events a person's record makes, read off the record itself: requests
//! (contacts), assessments, services (plan lines) and reviews, each with its dates and national
//! codes (`../shared/reference/reporting.md` §a.3). The quarterly return is an export of these.

use crate::entities::{assessment, care_plan, contact, eligibility_determination, plan_review, service_line};
use crate::{AssessmentId, Assessments, PersonId, PlanId, Result};
use chrono::NaiveDate;
use hearth_domain::assessments::codes::{
    AssessmentType, DeliveryMechanism, EventType, ReviewDecision, ReviewReason, ServiceComponent, ServiceType,
};
use hearth_domain::front_door::ContactForm;
use hearth_domain::people::codes::{EventOutcome, RouteOfAccess};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

/// One row of the return: the fields that apply to its event type are filled.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct ClientEvent {
    /// None for a request (contact) not yet matched to a record.
    pub person_id: Option<PersonId>,
    pub event_type: &'static str,
    pub event_reference: String,
    pub start: NaiveDate,
    pub end: Option<NaiveDate>,
    pub outcome: Option<&'static str>,
    pub route_of_access: Option<&'static str>,
    pub assessment_type: Option<&'static str>,
    pub eligible_needs_identified: Option<&'static str>,
    pub service_type: Option<&'static str>,
    pub service_component: Option<&'static str>,
    pub delivery_mechanism: Option<&'static str>,
    pub unit_cost: Option<String>,
    pub planned_units_per_week: Option<String>,
    pub review_reason: Option<&'static str>,
}

fn blank(person_id: Option<PersonId>, event_type: EventType, reference: String, start: NaiveDate) -> ClientEvent {
    ClientEvent {
        person_id,
        event_type: event_type.label(),
        event_reference: reference,
        start,
        end: None,
        outcome: None,
        route_of_access: None,
        assessment_type: None,
        eligible_needs_identified: None,
        service_type: None,
        service_component: None,
        delivery_mechanism: None,
        unit_cost: None,
        planned_units_per_week: None,
        review_reason: None,
    }
}

fn hundredths(n: i64) -> String {
    format!("{}.{:02}", n / 100, n % 100)
}

impl Assessments<'_> {
    /// Every event touching `from..=to` (started by its end, and not ended before its start).
    pub async fn client_events(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<ClientEvent>> {
        let in_period = |start: NaiveDate, end: Option<NaiveDate>| start <= to && end.is_none_or(|e| e >= from);
        let mut out = Vec::new();
        for c in contact::Entity::find().filter(contact::Column::PersonId.is_not_null()).all(&self.store.db).await? {
            let start = c.received_at.date_naive();
            let end = c.closed_at.or(c.triaged_at).map(|t| t.date_naive());
            if !in_period(start, end) {
                continue;
            }
            let form: ContactForm = serde_json::from_str(&c.form).unwrap_or_default();
            let mut e = blank(c.person_id.clone(), EventType::Request, c.reference, start);
            e.end = end;
            e.outcome = c.outcome.as_deref().and_then(EventOutcome::from_key).map(EventOutcome::label);
            e.route_of_access = Some(form.route_of_access.unwrap_or(RouteOfAccess::Community).label());
            out.push(e);
        }
        let eligible: std::collections::HashMap<AssessmentId, bool> = eligibility_determination::Entity::find()
            .all(&self.store.db)
            .await?
            .into_iter()
            .map(|d| (d.assessment_id, d.eligible))
            .collect();
        for a in assessment::Entity::find().all(&self.store.db).await? {
            if !in_period(a.started_on, a.completed_on) {
                continue;
            }
            let determination = eligible.get(&a.id).copied();
            let mut e = blank(Some(a.person_id), EventType::Assessment, a.reference, a.started_on);
            e.end = a.completed_on;
            e.assessment_type = AssessmentType::from_key(&a.assessment_type).map(AssessmentType::label);
            e.eligible_needs_identified = determination.map(|eligible| if eligible { "Yes" } else { "No" });
            e.outcome = match (determination, a.status.as_str()) {
                (Some(true), _) => Some(EventOutcome::SupportPlanning.label()),
                (Some(_), _) => Some(EventOutcome::InformationAndAdvice.label()),
                (None, "refused") => Some(EventOutcome::SupportDeclined.label()),
                _ => None,
            };
            out.push(e);
        }
        let mut lines: std::collections::HashMap<PlanId, Vec<service_line::Model>> = std::collections::HashMap::new();
        for l in service_line::Entity::find().all(&self.store.db).await? {
            lines.entry(l.plan_id.clone()).or_default().push(l);
        }
        for p in care_plan::Entity::find()
            .filter(care_plan::Column::Status.is_in(["active", "replaced", "ended"]))
            .all(&self.store.db)
            .await?
        {
            for l in lines.remove(&p.id).unwrap_or_default() {
                let end = match (l.ends_on, p.ended_on) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (a, b) => a.or(b),
                };
                if !in_period(l.starts_on, end) {
                    continue;
                }
                let mut e = blank(
                    Some(p.person_id.clone()),
                    EventType::Service,
                    format!("{}-{}", p.reference, l.position + 1),
                    l.starts_on,
                );
                e.end = end;
                e.service_type = ServiceType::from_key(&l.service_type).map(ServiceType::label);
                e.service_component = ServiceComponent::from_key(&l.component).map(ServiceComponent::label);
                e.delivery_mechanism = DeliveryMechanism::from_key(&l.delivery).map(DeliveryMechanism::label);
                e.unit_cost = Some(hundredths(l.unit_cost_pence));
                e.planned_units_per_week = Some(hundredths(l.units_hundredths));
                out.push(e);
            }
        }
        for r in plan_review::Entity::find()
            .filter(plan_review::Column::CompletedOn.is_not_null())
            .all(&self.store.db)
            .await?
        {
            let start = r.requested_on.unwrap_or(r.completed_on.expect("filtered"));
            if !in_period(start, r.completed_on) {
                continue;
            }
            let mut e = blank(Some(r.person_id), EventType::Review, r.id.to_string(), start);
            e.end = r.completed_on;
            e.review_reason = ReviewReason::from_key(&r.reason).map(ReviewReason::label);
            e.outcome = r.decision.as_deref().and_then(ReviewDecision::from_key).map(|d| d.event_outcome().label());
            out.push(e);
        }
        // The same events in the same order on both engines, whatever order the rows come in.
        out.sort_by(|a, b| {
            (a.start, a.event_type, &a.event_reference).cmp(&(b.start, b.event_type, &b.event_reference))
        });
        Ok(out)
    }
}
