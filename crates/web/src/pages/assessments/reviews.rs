//! A plan's reviews: one the person asks for (Care Act 2014 s27(1)(b)), completing a review
//! (planned or asked for) with its decision, and the direct payment review (Care and Support
//! (Direct Payments) Regulations 2014, reg 7).

use super::plans::back_with;
use crate::AppState;
use crate::errors::AppResult;
use crate::forms::{Problems, TypedForm, parse_uk_date};
use crate::pages::people::practice_settings;
use crate::records::Record;
use crate::session::Viewer;
use axum::Extension;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use hearth_domain::assessments::codes::ReviewDecision;
use hearth_store::{PlanId, ReviewId};
use serde::Deserialize;

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct RequestForm {
    requested_on: String,
    requested_by: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct CompleteForm {
    completed_on: String,
    review_decision: String,
    /// The review asked for, when completing that one rather than the next planned review.
    review_id: Option<ReviewId>,
    summary: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct DirectPaymentReviewForm {
    dp_reviewed_on: String,
    dp_summary: String,
}

/// Records a review the person asked for (s27(1)(b)).
pub async fn request_review(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    record: Record,
    Path(pid): Path<PlanId>,
    TypedForm(f): TypedForm<RequestForm>,
) -> AppResult<Response> {
    let mut errors = Problems::default();
    match parse_uk_date(&f.requested_on) {
        None => errors.add("requested_on", "Enter the day they asked, like 01/12/2026"),
        Some(on) => {
            let days = practice_settings(&state).await?.requested_review_days;
            match state.store.assessments().request_review(&viewer.audit(&state), &pid, on, &f.requested_by, days).await
            {
                Ok(_) => return Ok(Redirect::to(&format!("/plans/{pid}#reviews")).into_response()),
                Err(e) => errors = crate::forms::refusal(e)?,
            }
        }
    }
    back_with(&state, &viewer, &record, &pid, None, errors).await
}

/// Completes a review: the one asked for, or the next planned review.
pub async fn complete_review(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    record: Record,
    Path(pid): Path<PlanId>,
    TypedForm(f): TypedForm<CompleteForm>,
) -> AppResult<Response> {
    let mut errors = Problems::default();
    let on = parse_uk_date(&f.completed_on);
    if on.is_none() {
        errors.add("completed_on", "Enter the day of the review, like 01/12/2026");
    }
    let decision = ReviewDecision::from_key(&f.review_decision);
    if decision.is_none() {
        errors.add("review_decision", "Choose what the review decided");
    }
    if let (Some(on), Some(decision)) = (on, decision) {
        let timings = practice_settings(&state).await?.reviews;
        match state
            .store
            .assessments()
            .complete_review(&viewer.audit(&state), &pid, f.review_id.as_ref(), on, decision, &f.summary, timings)
            .await
        {
            Ok(Some(new_plan)) => return Ok(Redirect::to(&format!("/plans/{new_plan}")).into_response()),
            Ok(None) => return Ok(Redirect::to(&format!("/plans/{pid}#reviews")).into_response()),
            Err(e) => errors = crate::forms::refusal(e)?,
        }
    }
    back_with(&state, &viewer, &record, &pid, None, errors).await
}

/// Records a direct payment review (Direct Payments Regulations reg 7): the next is due within
/// 12 months.
pub async fn direct_payment_review(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    record: Record,
    Path(pid): Path<PlanId>,
    TypedForm(f): TypedForm<DirectPaymentReviewForm>,
) -> AppResult<Response> {
    let mut errors = Problems::default();
    match parse_uk_date(&f.dp_reviewed_on) {
        None => errors.add("dp_reviewed_on", "Enter the day of the review, like 01/12/2026"),
        Some(on) => {
            match state
                .store
                .assessments()
                .complete_direct_payment_review(&viewer.audit(&state), &pid, on, &f.dp_summary)
                .await
            {
                Ok(()) => return Ok(Redirect::to(&format!("/plans/{pid}#direct_payment_review")).into_response()),
                Err(e) => {
                    errors.extend(crate::forms::refusal(e)?);
                }
            }
        }
    }
    back_with(&state, &viewer, &record, &pid, None, errors).await
}
