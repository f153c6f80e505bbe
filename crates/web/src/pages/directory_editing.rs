//! For directory editors: problem reports from the public, and the search synonyms.

use crate::AppState;
use crate::chrome::{Chrome, render};
use crate::errors::{AppError, AppResult};
use crate::forms::{FormErrors, uk_time};
use crate::session::Viewer;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use hearth_domain::directory::text::Synonym;
use serde::Deserialize;

pub struct ProblemRow {
    pub id: String,
    pub service_id: String,
    pub service_name: String,
    pub reported: String,
    pub problem: String,
    pub reply_to: Option<String>,
}

#[derive(Template)]
#[template(path = "directory_editing.html")]
struct EditingPage {
    chrome: Chrome,
    problems: Vec<ProblemRow>,
    synonyms: Vec<Synonym>,
    errors: FormErrors,
    phrase: String,
    means: String,
    done: bool,
}

async fn page(
    state: &AppState,
    viewer: &Viewer,
    errors: FormErrors,
    phrase: String,
    means: String,
    done: bool,
) -> AppResult<Response> {
    let mut problems = Vec::new();
    for p in state.store.open_problems().await? {
        let service_name = state
            .store
            .service(&p.service_id)
            .await?
            .map(|s| s.name)
            .unwrap_or_else(|| "A service no longer listed".into());
        problems.push(ProblemRow {
            reported: uk_time(p.reported_at),
            id: p.id,
            service_id: p.service_id,
            service_name,
            problem: p.problem,
            reply_to: p.reply_to,
        });
    }
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let page = EditingPage {
        chrome: Chrome::build(state, viewer, "/directory").await,
        problems,
        synonyms: state.store.synonyms().await?,
        errors,
        phrase,
        means,
        done,
    };
    Ok((status, render(&page)?).into_response())
}

#[derive(Deserialize)]
pub struct DoneQuery {
    done: Option<String>,
}

pub async fn home(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    axum::extract::Query(q): axum::extract::Query<DoneQuery>,
) -> AppResult<Response> {
    page(&state, &viewer, FormErrors::default(), String::new(), String::new(), q.done.is_some()).await
}

#[derive(Deserialize)]
pub struct ResolveForm {
    #[serde(default)]
    resolution: String,
}

pub async fn resolve(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path(id): Path<String>,
    Form(form): Form<ResolveForm>,
) -> AppResult<Response> {
    if form.resolution.trim().is_empty() {
        let mut errors = FormErrors::default();
        errors.add("problems", "Say what you did about the report, such as: corrected the opening times");
        return page(&state, &viewer, errors, String::new(), String::new(), false).await;
    }
    state.store.resolve_problem(&viewer.audit(&state), &id, &form.resolution).await.map_err(AppError::from)?;
    Ok(Redirect::to("/directory?done=1").into_response())
}

#[derive(Deserialize)]
pub struct SynonymForm {
    #[serde(default)]
    phrase: String,
    #[serde(default)]
    means: String,
}

pub async fn set_synonym(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Form(form): Form<SynonymForm>,
) -> AppResult<Response> {
    let mut errors = FormErrors::default();
    if form.phrase.trim().is_empty() {
        errors.add("phrase", "Enter what people type, like memory loss");
    } else if form.phrase.chars().count() > 100 {
        errors.add("phrase", "What people type must be 100 characters or fewer");
    }
    if form.means.chars().count() > 300 {
        errors.add("means", "The words to look for must be 300 characters or fewer");
    }
    if !errors.is_empty() {
        return page(&state, &viewer, errors, form.phrase, form.means, false).await;
    }
    state.store.set_synonym(&viewer.audit(&state), &form.phrase, &form.means).await?;
    Ok(Redirect::to("/directory?done=1").into_response())
}
