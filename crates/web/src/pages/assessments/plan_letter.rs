//! The person's copy of their plan (Care Act 2014 section 25(9)): a letter to print or send, and
//! the copies given.

use super::letter::{CopyGivenForm, LetterPage, LetterPlace, record_copy};
use super::plans::{line_views, load_plan, need_views, outcome_plain};
use crate::AppState;
use crate::chrome::render;
use crate::done::{self, Done};
use crate::errors::AppResult;
use crate::forms::{Problems, TypedForm};
use crate::letters::{PrintQuery, file_part, letter_to_pdf, pdf_response};
use crate::records::Record;
use crate::session::Viewer;
use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use hearth_domain::assessments::letters::Letter;
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

/// The plan letter as a tagged PDF to print or send; `?print=large` for large print.
pub async fn letter_pdf(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    record: Record,
    Path(pid): Path<PlanId>,
    Query(q): Query<PrintQuery>,
) -> AppResult<Response> {
    let header = record.open(&state, &viewer, "plan-letter-pdf", "/care").await?.header;
    let letter = plan_letter_of(&state, &viewer, &header.name, &pid).await?;
    let print = q.print();
    let bytes = letter_to_pdf(&letter, print)?;
    Ok(pdf_response(bytes, &format!("care-plan-{}", file_part(&letter.head.reference, &pid.to_string())), print))
}

async fn page(
    state: &AppState,
    viewer: &Viewer,
    record: &Record,
    pid: &PlanId,
    errors: Problems,
) -> AppResult<LetterPage> {
    let header = record.open(state, viewer, "plan-letter", "/care").await?.header;
    let letter = plan_letter_of(state, viewer, &header.name, pid).await?;
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
            pdf_href: format!("/plans/{pid}/letter.pdf"),
        },
        errors,
    )
    .await
}

/// The plan as it stands today, written as a letter to the person (or whoever acts for them).
async fn plan_letter_of(state: &AppState, viewer: &Viewer, name: &str, pid: &PlanId) -> AppResult<Letter> {
    let p = load_plan(state, pid).await?;
    let mut head = LetterHead {
        to: name.to_owned(),
        date: Some(crate::pages::people::today(state)),
        reference: p.reference.clone(),
        council: state.council_name().await.unwrap_or_else(|| "Adult social care".to_owned()),
        ..Default::default()
    };
    crate::letters::sign(state, viewer, Some(&p.person_id), &mut head).await?;
    let services = line_views(&p);
    let facts = PlanFacts {
        head,
        name,
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
    Ok(plan_letter(facts))
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
