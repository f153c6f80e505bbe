//! The financial assessment's task list, "check your answers" (the charge worked out, each
//! section with a Change link), and completing it from there.

use super::form::AssessmentForm;
use super::sections::Section;
use super::{calculate, complete, form_of};
use crate::AppState;
use crate::chrome::{Chrome, render};
use crate::errors::{AppError, AppResult};
use crate::forms::{Fields, Problems};
use crate::pages::charging::paying_for_care::{ResultSection, charge_summary, result_sections};
use crate::pages::people::today;
use crate::session::Viewer;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Form};
use hearth_store::FinancialAssessmentId;
use hearth_store::charging::AssessmentRow;

pub struct TaskView {
    pub key: &'static str,
    pub title: &'static str,
    pub status: &'static str,
    pub to_do: bool,
    pub tag: &'static str,
}

/// Each section with its state, worked out from the form and what stops it adding up.
fn tasks(row: &AssessmentRow, f: &AssessmentForm, today: chrono::NaiveDate) -> Vec<TaskView> {
    let blank = AssessmentForm::blank(&row.person_name, "", today);
    let problems = f.to_input().err().unwrap_or_default();
    Section::ALL
        .into_iter()
        .map(|s| {
            let state = s.state(f, &blank, &problems);
            TaskView {
                key: s.key(),
                title: s.title(),
                status: state.label(),
                to_do: state.to_do(),
                tag: state.tag_class(),
            }
        })
        .collect()
}

#[derive(Template)]
#[template(path = "charging/finance_assessment_tasks.html")]
struct TaskListPage {
    chrome: Chrome,
    id: FinancialAssessmentId,
    reference: String,
    person: String,
    tasks: Vec<TaskView>,
    done: usize,
    /// What was just saved: a section's title, or "Draft" for the whole form.
    saved: Option<String>,
    was_complete: bool,
}

pub(super) fn task_list(
    chrome: Chrome,
    row: &AssessmentRow,
    f: &AssessmentForm,
    today: chrono::NaiveDate,
    saved: Option<&str>,
) -> AppResult<Response> {
    let tasks = tasks(row, f, today);
    let page = TaskListPage {
        chrome,
        id: row.id.clone(),
        reference: row.reference.clone(),
        person: f.person_name.clone(),
        done: tasks.iter().filter(|t| !t.to_do).count(),
        tasks,
        saved: saved.map(|s| Section::from_key(s).map_or("Draft".to_owned(), |s| s.title().to_owned())),
        was_complete: row.status == "complete",
    };
    render(&page)
}

pub struct ProblemLink {
    pub href: String,
    pub message: String,
}

#[derive(Template)]
#[template(path = "charging/finance_assessment_check.html")]
struct CheckPage {
    chrome: Chrome,
    id: FinancialAssessmentId,
    reference: String,
    person: String,
    version: i32,
    tasks: Vec<TaskView>,
    /// What stops it being completed, each linked to its section and answer.
    problems: Vec<ProblemLink>,
    headline: Option<String>,
    applies_from: String,
    sections: Vec<ResultSection>,
    unconfirmed: Vec<String>,
    errors: Problems,
}

/// Check your answers: the charge as it would be written, or what stops it being worked out.
pub async fn check(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path(id): Path<FinancialAssessmentId>,
) -> AppResult<Response> {
    check_page(&state, &viewer, &id, Problems::default()).await
}

async fn check_page(
    state: &AppState,
    viewer: &Viewer,
    id: &FinancialAssessmentId,
    errors: Problems,
) -> AppResult<Response> {
    let row =
        state.store.charging().view_financial_assessment(&viewer.audit(state), id).await?.ok_or(AppError::NotFound)?;
    let f = form_of(&row, today(state));
    let link = |field: &str| {
        let section = Section::of_problem(field);
        format!("/finance/assessments/{id}/edit?section={}#{field}", section.key())
    };
    let mut problems: Vec<ProblemLink> = Vec::new();
    let mut worked = None;
    match f.to_input() {
        Err(found) => {
            problems.extend(found.iter().map(|p| ProblemLink { href: link(&p.field), message: p.message.clone() }))
        }
        Ok(input) => match calculate(state, &input).await? {
            Err(message) => problems.push(ProblemLink { href: link("date"), message }),
            Ok((a, _)) => worked = Some((a, input.date)),
        },
    }
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::CONFLICT };
    let page = CheckPage {
        chrome: Chrome::build(state, viewer, "/finance").await,
        id: id.clone(),
        reference: row.reference.clone(),
        person: f.person_name.clone(),
        version: row.version,
        tasks: tasks(&row, &f, today(state)),
        problems,
        headline: worked.as_ref().map(|(a, _)| charge_summary(a)),
        applies_from: worked.as_ref().map(|(_, d)| d.format("%-d %B %Y").to_string()).unwrap_or_default(),
        sections: worked.as_ref().map(|(a, _)| result_sections(a)).unwrap_or_default(),
        unconfirmed: worked.as_ref().map(|(a, _)| a.unconfirmed_figures.clone()).unwrap_or_default(),
        errors,
    };
    Ok((status, render(&page)?).into_response())
}

/// Completes the assessment as checked: refused, back on the check page, if it no longer adds up
/// or (the store's version check) someone saved it after it was checked.
pub async fn complete_checked(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path(id): Path<FinancialAssessmentId>,
    Form(fields): Form<Fields>,
) -> AppResult<Response> {
    let row = state
        .store
        .charging()
        .view_financial_assessment(&viewer.audit(&state), &id)
        .await?
        .ok_or(AppError::NotFound)?;
    let expected: i32 = fields.get("version").parse().unwrap_or(-1);
    let f = form_of(&row, today(&state));
    let changed = || async {
        let message = crate::edits::changed_meanwhile(
            &state,
            &viewer,
            "financial-assessment",
            &[id.as_str()],
            "this financial assessment",
        )
        .await?;
        let mut errors = Problems::default();
        errors.add(crate::edits::CHANGED, message);
        check_page(&state, &viewer, &id, errors).await
    };
    let worked = match f.to_input() {
        Ok(input) => calculate(&state, &input).await?.ok(),
        Err(_) => None,
    };
    let Some((a, c)) = worked else {
        // The check page lists what stops it.
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, check_page(&state, &viewer, &id, Problems::default()).await?)
            .into_response());
    };
    match complete(&state, &viewer, &row, &f, expected, &a, &c).await? {
        Some(done) => Ok(done),
        None => changed().await,
    }
}
