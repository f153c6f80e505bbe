//! The person's copy of their plan (Care Act 2014 section 25(9)): a letter to print or send, and
//! the copies given.

use super::letter::{CopyGivenForm, LetterPage, LetterPlace, record_copy};
use super::plans::{line_views, load_plan, need_views, outcome_plain};
use crate::AppState;
use crate::chrome::render;
use crate::done::{self, Done};
use crate::errors::AppResult;
use crate::forms::{Problems, TypedForm};
use crate::records::Record;
use crate::session::Viewer;
use axum::Extension;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use hearth_domain::assessments::plan_letter::{NeedInPlan, PlanFacts, ServiceInPlan, plan_letter};
use hearth_domain::assessments::plans::PlanKind;
use hearth_domain::letters::LetterHead;
use hearth_store::PlanId;
use hearth_store::assessments::WrittenRecord;

pub async fn letter(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    record: Record,
    Path(pid): Path<PlanId>,
) -> AppResult<Response> {
    render(&page(&state, &viewer, &record, &pid, Problems::default()).await?)
}

async fn page(
    state: &AppState,
    viewer: &Viewer,
    record: &Record,
    pid: &PlanId,
    errors: Problems,
) -> AppResult<LetterPage> {
    let p = load_plan(state, pid).await?;
    let header = record.open(state, viewer, "plan-letter", "/care").await?.header;
    let mut head = LetterHead {
        to: header.name.clone(),
        date: Some(crate::pages::people::today(state)),
        reference: p.reference.clone(),
        council: state.council_name().await.unwrap_or_else(|| "Adult social care".to_owned()),
        ..Default::default()
    };
    crate::letters::sign(state, viewer, Some(&p.person_id), &mut head).await?;
    let services = line_views(&p);
    let facts = PlanFacts {
        head,
        name: &header.name,
        carer: p.contents.kind == PlanKind::CarerSupport,
        outcomes: &p.contents.outcomes,
        needs: need_views(&p)
            .into_iter()
            .map(|n| NeedInPlan { label: outcome_plain(p.contents.kind, &n.key), how: n.how, services: n.by_services })
            .collect(),
        services: p
            .contents
            .lines
            .iter()
            .zip(services)
            .map(|(l, v)| ServiceInPlan { what: v.what, provider: v.provider, when: v.when, weekly: l.weekly_cost() })
            .collect(),
        cost: p.budget.total,
        person_pays: p.budget.person,
        council_pays: p.budget.council,
        direct_payment: p
            .contents
            .direct_payment
            .as_ref()
            .map(|d| format!("{} {}, paid to {}", d.amount, d.period.label(), d.recipient)),
        contingency: &p.contents.contingency,
        advice: &p.contents.advice,
        review_by: p.next_review.map(|(_, _, due)| due),
    };
    let letter = plan_letter(facts);
    LetterPage::build(
        state,
        viewer,
        header,
        letter,
        &WrittenRecord::Plan(pid.clone()),
        LetterPlace {
            back_href: format!("/plans/{pid}"),
            back_text: "Back to the plan",
            about: "This letter is the person's copy of their plan (Care Act 2014 section 25(9)), as the plan stands today.",
            copies_action: format!("/plans/{pid}/copies"),
            copies_hint: "The person, and anyone they asked for (section 25(9) and (10))",
        },
        errors,
    )
    .await
}

/// Records who was given a copy of the plan, and how.
pub async fn copy_given(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    record: Record,
    Path(pid): Path<PlanId>,
    TypedForm(f): TypedForm<CopyGivenForm>,
) -> AppResult<Response> {
    let p = load_plan(&state, &pid).await?;
    match record_copy(&state, &viewer, &p.person_id, &WrittenRecord::Plan(pid.clone()), &f).await? {
        None => Ok(Redirect::to(&done::to(&format!("/plans/{pid}/letter"), Done::CopyRecorded)).into_response()),
        Some(errors) => {
            let page = page(&state, &viewer, &record, &pid, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
    }
}
