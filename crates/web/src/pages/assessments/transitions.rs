//! Moving from children's to adult services (Care Act 2014 s58 to s66): the transition
//! assessment and closing children's services.

use crate::AppState;
use crate::chrome::{Chrome, render};
use crate::errors::AppResult;
use crate::forms::{Problems, TypedForm};
use crate::pages::people::{Opened, RecordHeader, today};
use crate::records::Record;
use crate::session::Viewer;
use askama::Template;
use axum::Extension;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use hearth_domain::assessments::outcomes::AdultOutcome;
use hearth_store::PersonId;
use hearth_store::assessments::capacity::NewTransition;
use serde::Deserialize;

/// Starting a transition assessment (s58), as the form sends it.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct TransitionForm {
    /// "yes" when they have an education, health and care plan.
    ehc_plan: String,
    likely_needs: String,
    significant_benefit: String,
    /// The adult outcomes they are likely to need help with (checkboxes).
    indicative: Vec<String>,
    childrens_worker: String,
}

/// Closing children's services (s66).
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct CloseChildrensForm {
    no_duty_reason: String,
}

#[derive(Template)]
#[template(path = "assessments/person_transition_new.html")]
struct TransitionPage {
    chrome: Chrome,
    header: RecordHeader,
    f: TransitionForm,
    outcomes: Vec<(&'static str, &'static str, bool)>,
    errors: Problems,
}

fn outcome_boxes(f: &TransitionForm) -> Vec<(&'static str, &'static str, bool)> {
    AdultOutcome::ALL.iter().map(|o| (o.key(), o.label(), f.indicative.iter().any(|t| t == o.key()))).collect()
}

pub async fn transition_form(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    record: Record,
) -> AppResult<Response> {
    let Opened { header, .. } = record.open(&state, &viewer, "transition", "/care").await?;
    let f = TransitionForm::default();
    render(&TransitionPage {
        chrome: Chrome::build(&state, &viewer, "/people").await,
        header,
        outcomes: outcome_boxes(&f),
        f,
        errors: Problems::default(),
    })
}

pub async fn transition_submit(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    record: Record,
    Path(id): Path<PersonId>,
    TypedForm(f): TypedForm<TransitionForm>,
) -> AppResult<Response> {
    let new = NewTransition {
        ehc_plan: f.ehc_plan == "yes",
        likely_needs: f.likely_needs.clone(),
        significant_benefit: f.significant_benefit.clone(),
        indicative_outcomes: f.indicative.iter().filter_map(|k| AdultOutcome::from_key(k)).collect(),
        assessed_on: Some(today(&state)),
        childrens_worker: Some(f.childrens_worker.clone()),
    };
    let mut errors = Problems::default();
    match state.store.assessments().start_transition(&viewer.audit(&state), &id, &new).await {
        Ok(_) => return Ok(Redirect::to(&format!("/people/{id}/care#transition")).into_response()),
        Err(e) => {
            errors.extend(crate::forms::refusal(e)?);
        }
    }
    let Opened { header, .. } = record.open(&state, &viewer, "transition", "/care").await?;
    let page = TransitionPage {
        chrome: Chrome::build(&state, &viewer, "/people").await,
        header,
        outcomes: outcome_boxes(&f),
        f,
        errors,
    };
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
}

/// Closes children's services: refused while the adult decision is pending (s66), unless the
/// worker records that no duty was found.
pub async fn transition_close(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path(id): Path<PersonId>,
    TypedForm(f): TypedForm<CloseChildrensForm>,
) -> AppResult<Response> {
    let reason = Some(f.no_duty_reason.as_str()).filter(|r| !r.trim().is_empty());
    match state.store.assessments().close_childrens_services(&viewer.audit(&state), &id, reason).await {
        Ok(()) => Ok(Redirect::to(&format!("/people/{id}/care#transition")).into_response()),
        Err(e) => Ok(super::back_to_care(&id, &crate::forms::refusal(e)?, "#transition")),
    }
}
