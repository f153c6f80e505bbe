//! A plan: what it says (carried over from the assessment), its services and personal budget,
//! the direct payment, sign-off, agreement with the person (the crisis rule applies), and its
//! reviews.

use crate::AppState;
use crate::chrome::{Chrome, render};
use crate::done::{self, Done};
use crate::errors::{AppError, AppResult};
use crate::forms::{Fields, Problems, TypedForm, parse_uk_date};
use crate::pages::people::{Choice, Opened, RecordHeader, choices, long_date, practice_settings, today};
use crate::records::Record;
use crate::session::Viewer;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use hearth_domain::access::Permission;
use hearth_domain::assessments::approval::no_choice_made;
use hearth_domain::assessments::codes::{DeliveryMechanism, ReviewDecision, ServiceComponent, ServiceType};
use hearth_domain::assessments::lifecycle::PlanStatus;
use hearth_domain::assessments::outcomes::{AdultOutcome, CarerOutcome};
use hearth_domain::assessments::plans::{Basis, DirectPayment, NeedMet, PlanKind, ServiceLine};
use hearth_domain::charging::money::{Pence, Period};
use hearth_store::assessments::plans::{Plan, PlanUpdate};
use hearth_store::{PlanId, ReviewId, ServiceLineId, UserId};
use serde::Deserialize;

/// A service line as the form sends it.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct LineForm {
    service_type: String,
    component: String,
    delivery: String,
    provider: String,
    starts_on: String,
    ends_on: String,
    units: String,
    unit_cost: String,
    /// The needs this service meets (checkboxes).
    meets: Vec<String>,
}

/// A manager's (or panel's) decision on a plan sent for approval.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct DecisionForm {
    /// "approve" or "return"; anything else is no choice made.
    decision: String,
    comment: String,
}

/// Agreeing an approved plan with the person.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct AgreeForm {
    agreed_on: String,
    starts_on: String,
    /// Why long-term support is agreed while a crisis conversation is open (a manager's).
    override_reason: String,
}

pub struct NeedView {
    pub key: String,
    pub label: String,
    pub eligible: bool,
    pub how: String,
    pub by_services: Vec<String>,
    pub in_direct_payment: bool,
}

pub struct LineView {
    pub id: ServiceLineId,
    pub what: String,
    pub provider: String,
    pub when: String,
    pub units: String,
    pub unit_cost: String,
    pub weekly: String,
    pub delivery: String,
}

pub struct ReviewView {
    pub what: String,
    pub due: String,
    pub done: String,
    pub summary: String,
    pub id: ReviewId,
    pub open: bool,
}

#[derive(Default)]
pub struct PlanForm {
    /// What the page started from (`crate::edits`).
    pub edit_token: String,
    pub outcomes: String,
    pub advice: String,
    pub contingency: String,
    pub dp_amount: String,
    pub dp_period: String,
    pub dp_first_payment: String,
    pub dp_recipient: String,
}

#[derive(Template)]
#[template(path = "assessments/plan.html")]
struct PlanPage {
    chrome: Chrome,
    header: RecordHeader,
    p: Plan,
    f: PlanForm,
    editable: bool,
    needs: Vec<NeedView>,
    lines: Vec<LineView>,
    total: String,
    person: String,
    council: String,
    has_direct_payment: bool,
    service_types: Vec<Choice>,
    components: Vec<Choice>,
    deliveries: Vec<Choice>,
    periods: Vec<Choice>,
    decisions: Vec<Choice>,
    decision_choices: Vec<(&'static str, &'static str)>,
    reviews: Vec<ReviewView>,
    next_review: String,
    dp_review: String,
    manages: bool,
    own_work: bool,
    today: String,
    crisis_open: Option<String>,
    power_reason: String,
    errors: Problems,
}

/// An outcome as the person reads it in their letter ("Getting and eating the food and drink
/// you need"), rather than the regulation's words the worker sees.
pub(super) fn outcome_plain(kind: PlanKind, key: &str) -> String {
    match kind {
        PlanKind::CareAndSupport => AdultOutcome::from_key(key).map(|o| o.plain().to_owned()),
        PlanKind::CarerSupport => CarerOutcome::from_key(key).map(|o| o.plain().to_owned()),
    }
    .map(|p| {
        let mut c = p.chars();
        c.next().map_or_else(String::new, |first| first.to_uppercase().collect::<String>() + c.as_str())
    })
    .unwrap_or_else(|| key.to_owned())
}

fn outcome_label(kind: PlanKind, key: &str) -> String {
    match kind {
        PlanKind::CareAndSupport => AdultOutcome::from_key(key).map(|o| o.label().to_owned()),
        PlanKind::CarerSupport => CarerOutcome::from_key(key).map(|o| o.label().to_owned()),
    }
    .unwrap_or_else(|| key.to_owned())
}

fn hundredths(n: i64) -> String {
    if n % 100 == 0 { (n / 100).to_string() } else { format!("{}.{:02}", n / 100, n % 100) }
}

async fn plan_page(
    state: &AppState,
    viewer: &Viewer,
    header: RecordHeader,
    p: Plan,
    f: Option<PlanForm>,
    errors: Problems,
) -> AppResult<PlanPage> {
    let kind = p.contents.kind;
    let dp = p.contents.direct_payment.clone();
    let reviews = state
        .store
        .assessments()
        .reviews_of(&p.id)
        .await?
        .into_iter()
        .map(|r| ReviewView {
            what: r.reason.label().to_owned(),
            due: long_date(r.due_on),
            done: r
                .completed_on
                .map(|d| format!("{}: {}", long_date(d), r.decision.map(|x| x.label()).unwrap_or_default()))
                .unwrap_or_default(),
            summary: r.summary.unwrap_or_default(),
            open: r.completed_on.is_none(),
            id: r.id,
        })
        .collect();
    let crisis_open = state
        .store
        .people()
        .conversations(&p.person_id)
        .await?
        .into_iter()
        .find(|c| c.open && c.kind == hearth_domain::people::conversations::ConversationKind::Crisis)
        .map(|c| c.review_by.map(long_date).unwrap_or_default());
    let f = f.unwrap_or_else(|| PlanForm::of(&p));
    let carer = kind == PlanKind::CarerSupport;
    Ok(PlanPage {
        chrome: Chrome::build(state, viewer, "/people").await,
        header,
        editable: p.status.editable(),
        needs: need_views(&p),
        lines: line_views(&p),
        total: p.budget.total.to_string(),
        person: p.budget.person.to_string(),
        council: p.budget.council.to_string(),
        has_direct_payment: dp.is_some()
            || p.contents.lines.iter().any(|l| l.delivery == DeliveryMechanism::DirectPayment),
        service_types: service_type_choices(carer),
        components: choices::<ServiceComponent>(None, Some("Choose the service")),
        deliveries: choices(Some(DeliveryMechanism::Commissioned), None),
        periods: Period::ALL
            .iter()
            .map(|x| Choice {
                value: x.key().to_owned(),
                label: x.label().to_owned(),
                selected: x.key() == f.dp_period,
            })
            .collect(),
        decisions: choices::<ReviewDecision>(None, Some("Choose")),
        decision_choices: vec![("approve", "Approve"), ("return", "Return it with a comment")],
        reviews,
        next_review: p
            .next_review
            .map(|(_, opens, due)| format!("between {} and {}", long_date(opens), long_date(due)))
            .unwrap_or_default(),
        dp_review: p.direct_payment_review_due.map(long_date).unwrap_or_default(),
        manages: viewer.can(Permission::ManageTeamWork),
        own_work: p.submitted_by.as_deref() == viewer.user_id().map(UserId::as_str),
        today: today(state).format("%d/%m/%Y").to_string(),
        crisis_open,
        power_reason: match &p.contents.basis {
            Basis::Power(reason) => reason.clone(),
            Basis::Duty => String::new(),
        },
        f,
        p,
        errors,
    })
}

/// Each need the plan is for, with how it will be met.
pub(super) fn need_views(p: &Plan) -> Vec<NeedView> {
    let kind = p.contents.kind;
    let dp = p.contents.direct_payment.as_ref();
    p.contents
        .needs
        .iter()
        .map(|key| NeedView {
            label: outcome_label(kind, key),
            eligible: p.contents.eligible.contains(key),
            how: p.contents.needs_met.iter().find(|n| &n.outcome == key).map(|n| n.how.clone()).unwrap_or_default(),
            by_services: p
                .contents
                .lines
                .iter()
                .filter(|l| l.meets.contains(key))
                .map(|l| format!("{} ({})", l.component.label(), l.provider))
                .collect(),
            in_direct_payment: dp.is_some_and(|d| d.needs.contains(key)),
            key: key.clone(),
        })
        .collect()
}

/// Each service line, in words and figures.
pub(super) fn line_views(p: &Plan) -> Vec<LineView> {
    p.contents
        .lines
        .iter()
        .zip(&p.line_ids)
        .map(|(l, id)| LineView {
            id: id.clone(),
            what: format!("{}: {}", l.service_type.label(), l.component.label()),
            provider: l.provider.clone(),
            when: match l.ends_on {
                Some(end) => format!("{} to {}", long_date(l.starts_on), long_date(end)),
                None => format!("From {}", long_date(l.starts_on)),
            },
            units: hundredths(l.units_per_week_hundredths),
            unit_cost: l.unit_cost.to_string(),
            weekly: l.weekly_cost().to_string(),
            delivery: l.delivery.label().to_owned(),
        })
        .collect()
}

impl PlanForm {
    /// The form as the plan now stands.
    fn of(p: &Plan) -> PlanForm {
        let dp = p.contents.direct_payment.as_ref();
        PlanForm {
            edit_token: p.edit_token().to_string(),
            outcomes: p.contents.outcomes.clone(),
            advice: p.contents.advice.clone(),
            contingency: p.contents.contingency.clone(),
            dp_amount: dp.map(|d| d.amount.plain()).unwrap_or_default(),
            dp_period: dp.map(|d| d.period.key().to_owned()).unwrap_or_else(|| "weekly".into()),
            dp_first_payment: dp
                .as_ref()
                .and_then(|d| d.first_payment_on)
                .map(|d| d.format("%d/%m/%Y").to_string())
                .unwrap_or_default(),
            dp_recipient: dp.map(|d| d.recipient.clone()).unwrap_or_default(),
        }
    }
}

/// The kinds of support a plan of this kind can have.
fn service_type_choices(carer: bool) -> Vec<Choice> {
    std::iter::once(Choice { value: String::new(), label: "Choose the kind of support".into(), selected: true })
        .chain(ServiceType::ALL.iter().filter(|t| t.for_carers() == carer).map(|t| Choice {
            value: t.key().to_owned(),
            label: t.label().to_owned(),
            selected: false,
        }))
        .collect()
}

pub(super) async fn load_plan(state: &AppState, pid: &PlanId) -> AppResult<Plan> {
    match state.store.assessments().plan(pid).await {
        Ok(p) => Ok(p),
        Err(hearth_store::StoreError::NotFound) => Err(AppError::NotFound),
        Err(e) => Err(e.into()),
    }
}

pub async fn show(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    record: Record,
    Path(pid): Path<PlanId>,
) -> AppResult<Response> {
    let p = load_plan(&state, &pid).await?;
    let Opened { header, .. } = record.open(&state, &viewer, "plan", "/care").await?;
    render(&plan_page(&state, &viewer, header, p, None, Problems::default()).await?)
}

pub(super) async fn back_with(
    state: &AppState,
    viewer: &Viewer,
    record: &Record,
    pid: &PlanId,
    f: Option<PlanForm>,
    errors: Problems,
) -> AppResult<Response> {
    let p = load_plan(state, pid).await?;
    let Opened { header, .. } = record.open(state, viewer, "plan", "/care").await?;
    let status = if errors.is_empty() { StatusCode::UNPROCESSABLE_ENTITY } else { crate::forms::status(&errors) };
    let page = plan_page(state, viewer, header, p, f, errors).await?;
    Ok((status, render(&page)?).into_response())
}

/// Saves the plan's words and the direct payment; "submit" also sends it for approval.
pub async fn save(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    record: Record,
    Path(pid): Path<PlanId>,
    Form(fields): Form<Fields>,
) -> AppResult<Response> {
    let p = load_plan(&state, &pid).await?;
    let mut f = PlanForm {
        edit_token: fields.get("edit_token").to_owned(),
        outcomes: fields.get("outcomes").to_owned(),
        advice: fields.get("advice").to_owned(),
        contingency: fields.get("contingency").to_owned(),
        dp_amount: fields.get("dp_amount").to_owned(),
        dp_period: fields.get("dp_period").to_owned(),
        dp_first_payment: fields.get("dp_first_payment").to_owned(),
        dp_recipient: fields.get("dp_recipient").to_owned(),
    };
    let mut errors = Problems::default();
    let dp_needs = fields.all("dp_needs");
    let direct_payment = if dp_needs.is_empty() && f.dp_amount.trim().is_empty() {
        None
    } else {
        let amount = match Pence::parse(&f.dp_amount) {
            Ok(a) => a,
            Err(_) => {
                errors.add("dp_amount", "Enter the amount of each payment, like 350.00");
                Pence(0)
            }
        };
        let first = parse_uk_date(&f.dp_first_payment);
        if first.is_none() && !f.dp_first_payment.trim().is_empty() {
            errors.add("dp_first_payment", "Enter a date like 01/12/2026");
        }
        Some(DirectPayment {
            needs: dp_needs,
            amount,
            period: Period::from_key(&f.dp_period).unwrap_or(Period::Weekly),
            first_payment_on: first,
            recipient: f.dp_recipient.trim().to_owned(),
        })
    };
    let update = PlanUpdate {
        needs_met: Some(
            p.contents
                .needs
                .iter()
                .map(|k| NeedMet { outcome: k.clone(), how: fields.get(&format!("how-{k}")).to_owned() })
                .collect(),
        ),
        outcomes: Some(f.outcomes.clone()),
        advice: Some(f.advice.clone()),
        contingency: Some(f.contingency.clone()),
        direct_payment: Some(direct_payment),
    };
    if errors.is_empty() {
        let ctx = viewer.audit(&state);
        let expected = crate::edits::sent(&f.edit_token);
        let sending = fields.get("action") == "submit";
        let result = match state.store.assessments().save_plan(&ctx, &pid, &update, Some(&expected)).await {
            Ok(()) if sending => state.store.assessments().submit_plan(&ctx, &pid).await,
            other => other,
        };
        match result {
            Ok(()) => {
                let did = if sending { Done::PlanSent } else { Done::PlanSaved };
                return Ok(Redirect::to(&done::to(&format!("/plans/{pid}"), did)).into_response());
            }
            Err(hearth_store::StoreError::Stale) => {
                let message =
                    crate::edits::changed_meanwhile(&state, &viewer, "care_plan", &[pid.as_str()], "this plan").await?;
                errors.add(crate::edits::CHANGED, message);
            }
            Err(e) => errors = crate::forms::refusal(e)?,
        }
        // The page comes back from the plan as it is now: saved even when sending it on was
        // refused, or changed by someone else (then saving again is deliberate, as it says).
        f.edit_token = load_plan(&state, &pid).await?.edit_token().to_string();
    }
    back_with(&state, &viewer, &record, &pid, Some(f), errors).await
}

/// Adds a service line.
pub async fn add_line(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    record: Record,
    Path(pid): Path<PlanId>,
    TypedForm(f): TypedForm<LineForm>,
) -> AppResult<Response> {
    let mut errors = Problems::default();
    let service_type = ServiceType::from_key(&f.service_type);
    let component = ServiceComponent::from_key(&f.component);
    if service_type.is_none() {
        errors.add("service_type", "Choose the kind of support");
    }
    if component.is_none() {
        errors.add("component", "Choose the service");
    }
    let starts_on = parse_uk_date(&f.starts_on);
    if starts_on.is_none() {
        errors.add("starts_on", "Enter the day it starts, like 04/01/2027");
    }
    let ends_on = parse_uk_date(&f.ends_on);
    if ends_on.is_none() && !f.ends_on.trim().is_empty() {
        errors.add("ends_on", "Enter a date like 04/01/2027, or leave it empty if it carries on");
    }
    let units = Pence::parse(&f.units).map(|p| p.pence());
    if units.is_err() {
        errors.add("units", "Enter how many hours, visits or days a week, like 14 or 1.5");
    }
    let unit_cost = Pence::parse(&f.unit_cost);
    if unit_cost.is_err() {
        errors.add("unit_cost", "Enter the cost of each hour, visit or day, like 25.00");
    }
    if let (true, Some(service_type), Some(component), Some(starts_on), Ok(units), Ok(unit_cost)) =
        (errors.is_empty(), service_type, component, starts_on, units, unit_cost)
    {
        let line = ServiceLine {
            service_type,
            component,
            delivery: DeliveryMechanism::from_key(&f.delivery).unwrap_or(DeliveryMechanism::Commissioned),
            provider: f.provider,
            starts_on,
            ends_on,
            units_per_week_hundredths: units,
            unit_cost,
            meets: f.meets,
        };
        match state.store.assessments().add_service_line(&viewer.audit(&state), &pid, &line).await {
            Ok(_) => return Ok(Redirect::to(&format!("/plans/{pid}#services")).into_response()),
            Err(e) => errors = crate::forms::refusal(e)?,
        }
    }
    back_with(&state, &viewer, &record, &pid, None, errors).await
}

pub async fn remove_line(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    record: Record,
    Path((pid, lid)): Path<(PlanId, ServiceLineId)>,
) -> AppResult<Response> {
    match state.store.assessments().remove_service_line(&viewer.audit(&state), &pid, &lid).await {
        Ok(()) => Ok(Redirect::to(&format!("/plans/{pid}#services")).into_response()),
        Err(e) => back_with(&state, &viewer, &record, &pid, None, crate::forms::refusal(e)?).await,
    }
}

/// Approve (the manager, then the panel when policy asks) or return with a comment.
pub async fn decision(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    record: Record,
    Path(pid): Path<PlanId>,
    TypedForm(f): TypedForm<DecisionForm>,
) -> AppResult<Response> {
    let manages = viewer.can(Permission::ManageTeamWork);
    let ctx = viewer.audit(&state);
    let result = match f.decision.as_str() {
        "approve" => state
            .store
            .assessments()
            .approve_plan(&ctx, &pid, manages, practice_settings(&state).await?.panel_from)
            .await
            .map(|status| if status == PlanStatus::Panel { Done::PlanToPanel } else { Done::PlanApproved }),
        "return" => {
            state.store.assessments().return_plan(&ctx, &pid, manages, &f.comment).await.map(|()| Done::PlanReturned)
        }
        _ => {
            let plan = state.store.assessments().plan(&pid).await?;
            let me = viewer.user_id().ok_or(AppError::Forbidden)?;
            let errors =
                no_choice_made(plan.submitted_by.as_deref().unwrap_or(""), me.as_str(), manages, plan.status.waiting());
            return back_with(&state, &viewer, &record, &pid, None, errors).await;
        }
    };
    match result {
        Ok(did) => Ok(Redirect::to(&done::to(&format!("/plans/{pid}"), did)).into_response()),
        Err(e) => back_with(&state, &viewer, &record, &pid, None, crate::forms::refusal(e)?).await,
    }
}

/// Agrees the approved plan with the person and puts it in place.
pub async fn agree(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    record: Record,
    Path(pid): Path<PlanId>,
    TypedForm(f): TypedForm<AgreeForm>,
) -> AppResult<Response> {
    // The agreement form is only offered once the plan is approved: before that, that is the
    // one thing to say.
    if let Err(errors) = state.store.assessments().plan(&pid).await?.status.agree() {
        return back_with(&state, &viewer, &record, &pid, None, errors).await;
    }
    let mut errors = Problems::default();
    let agreed_on = parse_uk_date(&f.agreed_on);
    let starts_on = parse_uk_date(&f.starts_on);
    if agreed_on.is_none() {
        errors.add("agreed_on", "Enter the day the person agreed the plan, like 01/12/2026");
    }
    if starts_on.is_none() {
        errors.add("starts_on", "Enter the day the plan starts, like 04/01/2027");
    }
    if let (Some(agreed_on), Some(starts_on)) = (agreed_on, starts_on) {
        let settings = practice_settings(&state).await?;
        let reason = Some(f.override_reason.as_str()).filter(|r| !r.trim().is_empty());
        match state
            .store
            .assessments()
            .agree_plan(
                &viewer.audit(&state),
                &pid,
                agreed_on,
                starts_on,
                reason,
                viewer.can(Permission::ManageTeamWork),
                settings.reviews,
            )
            .await
        {
            Ok(()) => return Ok(Redirect::to(&done::to(&format!("/plans/{pid}"), Done::PlanAgreed)).into_response()),
            Err(e) => {
                let crisis = settings.labels.of(hearth_domain::people::conversations::ConversationKind::Crisis);
                errors.extend(crate::forms::refusal(e)?.reworded(|m| m.replace("a crisis conversation", crisis)));
            }
        }
    }
    back_with(&state, &viewer, &record, &pid, None, errors).await
}
