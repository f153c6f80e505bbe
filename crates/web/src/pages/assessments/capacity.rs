//! Capacity assessments for one decision at a time (Mental Capacity Act 2005), and best interests.

use crate::AppState;
use crate::chrome::{Chrome, render};
use crate::errors::AppResult;
use crate::forms::{Problems, TypedForm, parse_uk_date};
use crate::pages::people::{Opened, RecordHeader, today};
use crate::records::Record;
use crate::session::Viewer;
use askama::Template;
use axum::Extension;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use hearth_domain::assessments::safeguards::{CapacityFindings, best_interests_answers};
use hearth_store::{CapacityId, PersonId};
use serde::Deserialize;

/// A capacity assessment as the form sends it: the four questions of s3(1) answered "yes" or
/// "no".
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct CapacityForm {
    decision: String,
    assessed_on: String,
    can_understand: String,
    can_retain: String,
    can_use_or_weigh: String,
    can_communicate: String,
    impairment: String,
    steps_taken: String,
    evidence: String,
}

/// A best-interests decision (s4) as the form sends it.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct BestInterestsForm {
    options: String,
    consultees: String,
    decision: String,
    decided_on: String,
}

#[derive(Template)]
#[template(path = "assessments/person_capacity_new.html")]
struct CapacityPage {
    chrome: Chrome,
    header: RecordHeader,
    f: CapacityForm,
    yes_no: Vec<(&'static str, &'static str)>,
    errors: Problems,
}

const YES_NO: [(&str, &str); 2] = [("yes", "Yes"), ("no", "No")];

pub async fn capacity_form(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    record: Record,
) -> AppResult<Response> {
    let Opened { header, .. } = record.open(&state, &viewer, "capacity", "/care").await?;
    let f = CapacityForm { assessed_on: today(&state).format("%d/%m/%Y").to_string(), ..Default::default() };
    render(&CapacityPage {
        chrome: Chrome::build(&state, &viewer, "/people").await,
        header,
        f,
        yes_no: YES_NO.to_vec(),
        errors: Problems::default(),
    })
}

fn answer(sent: &str) -> Option<bool> {
    match sent {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    }
}

pub async fn capacity_submit(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    record: Record,
    Path(id): Path<PersonId>,
    TypedForm(f): TypedForm<CapacityForm>,
) -> AppResult<Response> {
    let findings = CapacityFindings {
        decision: f.decision.clone(),
        impairment: f.impairment.clone(),
        can_understand: answer(&f.can_understand),
        can_retain: answer(&f.can_retain),
        can_use_or_weigh: answer(&f.can_use_or_weigh),
        can_communicate: answer(&f.can_communicate),
        steps_taken: f.steps_taken.clone(),
        evidence: f.evidence.clone(),
    };
    let mut errors = Problems::default();
    if let Err(problems) = findings.conclude() {
        errors.extend(problems);
    }
    let on = parse_uk_date(&f.assessed_on);
    if on.is_none() {
        errors.add("assessed_on", "Enter the day of the assessment, like 01/12/2026");
    }
    if let (true, Some(on)) = (errors.is_empty(), on) {
        match state.store.assessments().record_capacity(&viewer.audit(&state), &id, &findings, on).await {
            Ok(_) => return Ok(Redirect::to(&format!("/people/{id}/care#capacity")).into_response()),
            Err(e) => {
                errors.extend(crate::forms::refusal(e)?);
            }
        }
    }
    let Opened { header, .. } = record.open(&state, &viewer, "capacity", "/care").await?;
    let page = CapacityPage {
        chrome: Chrome::build(&state, &viewer, "/people").await,
        header,
        f,
        yes_no: YES_NO.to_vec(),
        errors,
    };
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
}

#[derive(Template)]
#[template(path = "assessments/person_best_interests.html")]
struct BestInterestsPage {
    chrome: Chrome,
    header: RecordHeader,
    cid: CapacityId,
    decision: String,
    f: BestInterestsForm,
    errors: Problems,
}

async fn best_interests_page(
    state: &AppState,
    viewer: &Viewer,
    person: &Record,
    cid: &CapacityId,
    f: BestInterestsForm,
    errors: Problems,
) -> AppResult<BestInterestsPage> {
    let id = &person.id;
    let header = person.open(state, viewer, "best-interests", "/care").await?.header;
    let record = state
        .store
        .assessments()
        .capacity_assessments(id)
        .await?
        .into_iter()
        .find(|c| c.id == cid)
        .ok_or(crate::errors::AppError::NotFound)?;
    Ok(BestInterestsPage {
        chrome: Chrome::build(state, viewer, "/people").await,
        header,
        cid: cid.clone(),
        decision: record.findings.decision,
        f,
        errors,
    })
}

pub async fn best_interests_form(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    record: Record,
    Path((_, cid)): Path<(PersonId, CapacityId)>,
) -> AppResult<Response> {
    let f = BestInterestsForm { decided_on: today(&state).format("%d/%m/%Y").to_string(), ..Default::default() };
    render(&best_interests_page(&state, &viewer, &record, &cid, f, Problems::default()).await?)
}

pub async fn best_interests_submit(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    record: Record,
    Path((id, cid)): Path<(PersonId, CapacityId)>,
    TypedForm(f): TypedForm<BestInterestsForm>,
) -> AppResult<Response> {
    let mut errors = Problems::default();
    match parse_uk_date(&f.decided_on) {
        None => {
            errors.extend(best_interests_answers(&f.consultees, &f.decision, &f.options));
            errors.add("decided_on", "Enter the day of the decision, like 01/12/2026");
        }
        Some(on) => match state
            .store
            .assessments()
            .record_best_interests(&viewer.audit(&state), &cid, &f.decision, &f.options, &f.consultees, on)
            .await
        {
            Ok(()) => return Ok(Redirect::to(&format!("/people/{id}/care#capacity")).into_response()),
            Err(e) => {
                errors.extend(crate::forms::refusal(e)?);
            }
        },
    }
    let page = best_interests_page(&state, &viewer, &record, &cid, f, errors).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
}
