//! For directory editors: providers' changes waiting for approval, entries due a review, problem
//! reports from the public, the search synonyms, the review periods, and a CSV export.

use crate::AppState;
use crate::chrome::{Chrome, render};
use crate::errors::{AppError, AppResult};
use crate::forms::{Problems, uk_time};
use crate::session::Viewer;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use hearth_domain::directory::review::{ReviewPolicy, ReviewState};
use hearth_domain::directory::text::Synonym;
use hearth_store::{ProblemId, ProposalId, ServiceId};
use serde::Deserialize;

pub struct ProblemRow {
    pub id: ProblemId,
    pub service_id: ServiceId,
    pub service_name: String,
    pub reported: String,
    pub problem: String,
    pub reply_to: Option<String>,
}

pub struct PendingRow {
    pub id: ProposalId,
    pub service_name: String,
    pub proposed: String,
    pub fields: usize,
}

pub struct DueRow {
    pub id: ServiceId,
    pub name: String,
    pub checked: String,
    pub long_overdue: bool,
    pub reminded: String,
}

#[derive(Template)]
#[template(path = "directory/directory_editing.html")]
struct EditingPage {
    chrome: Chrome,
    pending: Vec<PendingRow>,
    due: Vec<DueRow>,
    long_overdue: usize,
    policy: ReviewPolicy,
    /// What the review periods form starts from (`crate::edits`).
    review_token: String,
    email_on: bool,
    problems: Vec<ProblemRow>,
    synonyms: Vec<Synonym>,
    errors: Problems,
    phrase: String,
    means: String,
    done: bool,
}

async fn page(
    state: &AppState,
    viewer: &Viewer,
    errors: Problems,
    phrase: String,
    means: String,
    done: bool,
) -> AppResult<Response> {
    let mut problems = Vec::new();
    for p in state.store.directory().open_problems().await? {
        let service_name = state
            .store
            .directory()
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
    let pending = state
        .store
        .directory()
        .pending_changes()
        .await?
        .into_iter()
        .map(|c| PendingRow {
            proposed: uk_time(c.proposed_at),
            fields: c.changes.len(),
            id: c.id,
            service_name: c.service_name,
        })
        .collect();
    let due: Vec<DueRow> = state
        .store
        .directory()
        .services_due_review(state.clock.now(), 200)
        .await?
        .into_iter()
        .map(|d| DueRow {
            checked: d.assured_at.map_or_else(|| "Never".to_owned(), |a| a.format("%-d %B %Y").to_string()),
            long_overdue: d.state == ReviewState::LongOverdue,
            reminded: match (&d.reminder_to, d.reminded_at) {
                (None, _) => "No email address to remind".to_owned(),
                (Some(_), Some(at)) => format!("Reminded {}", at.format("%-d %B %Y")),
                (Some(_), None) => "Not reminded yet".to_owned(),
            },
            id: d.id,
            name: d.name,
        })
        .collect();
    let status = crate::forms::status(&errors);
    let page = EditingPage {
        chrome: Chrome::build(state, viewer, "/directory").await,
        pending,
        long_overdue: due.iter().filter(|d| d.long_overdue).count(),
        due,
        policy: state.store.directory().review_policy().await?,
        review_token: state.store.directory().review_policy_token().await?.to_string(),
        email_on: state.mailer.is_configured(),
        problems,
        synonyms: state.store.directory().synonyms().await?,
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
    page(&state, &viewer, Problems::default(), String::new(), String::new(), q.done.is_some()).await
}

#[derive(Deserialize)]
pub struct ResolveForm {
    #[serde(default)]
    resolution: String,
}

pub async fn resolve(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path(id): Path<ProblemId>,
    Form(form): Form<ResolveForm>,
) -> AppResult<Response> {
    if form.resolution.trim().is_empty() {
        let mut errors = Problems::default();
        errors.add("problems", "Say what you did about the report, such as: corrected the opening times");
        return page(&state, &viewer, errors, String::new(), String::new(), false).await;
    }
    state
        .store
        .directory()
        .resolve_problem(&viewer.audit(&state), &id, &form.resolution)
        .await
        .map_err(AppError::from)?;
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
    let mut errors = Problems::default();
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
    state.store.directory().set_synonym(&viewer.audit(&state), &form.phrase, &form.means).await?;
    Ok(Redirect::to("/directory?done=1").into_response())
}

#[derive(Template)]
#[template(path = "directory/directory_change.html")]
struct ChangePage {
    chrome: Chrome,
    change: hearth_store::directory::editing::ProposedChange,
    proposed_by: String,
    proposed: String,
    errors: Problems,
    reason: String,
    /// The change adds a new entry: the public has no page for it yet.
    new_entry: bool,
}

async fn change_page(
    state: &AppState,
    viewer: &Viewer,
    id: &ProposalId,
    errors: Problems,
    reason: String,
) -> AppResult<Response> {
    let change = state.store.directory().proposed_change(id).await?.ok_or(AppError::NotFound)?;
    let proposed_by = match state.store.accounts().user(&change.proposed_by).await? {
        Some(user) => format!("{} ({})", user.name, user.email),
        None => "A former provider editor".to_owned(),
    };
    let status = crate::forms::status(&errors);
    let new_entry = state.store.directory().service(&change.service_id).await?.is_none();
    let page = ChangePage {
        chrome: Chrome::build(state, viewer, "/directory").await,
        new_entry,
        proposed: uk_time(change.proposed_at),
        change,
        proposed_by,
        errors,
        reason,
    };
    Ok((status, render(&page)?).into_response())
}

/// A provider's proposed change, field by field, with the approve and reject forms.
pub async fn change(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path(id): Path<ProposalId>,
) -> AppResult<Response> {
    change_page(&state, &viewer, &id, Problems::default(), String::new()).await
}

fn decided(result: hearth_store::Result<()>) -> AppResult<Response> {
    match result {
        Ok(()) => Ok(Redirect::to("/directory?done=1").into_response()),
        // Another editor got there first: their decision stands, and the queue shows it.
        Err(hearth_store::StoreError::AlreadyDecided) => Ok(Redirect::to("/directory").into_response()),
        Err(e) => Err(e.into()),
    }
}

pub async fn approve(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path(id): Path<ProposalId>,
) -> AppResult<Response> {
    let user = viewer.user.as_ref().ok_or(AppError::Forbidden)?;
    decided(state.store.directory().approve_change(&viewer.audit(&state), &id, &user.user.id, &user.user.email).await)
}

#[derive(Deserialize)]
pub struct RejectForm {
    #[serde(default)]
    reason: String,
}

pub async fn reject(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path(id): Path<ProposalId>,
    Form(form): Form<RejectForm>,
) -> AppResult<Response> {
    let mut errors = Problems::default();
    if form.reason.trim().is_empty() {
        errors.add("reason", "Say why the change is not approved. The provider will see this");
    } else if form.reason.chars().count() > 1_000 {
        errors.add("reason", "The reason must be 1,000 characters or fewer");
    }
    if !errors.is_empty() {
        return change_page(&state, &viewer, &id, errors, form.reason).await;
    }
    let user = viewer.user.as_ref().ok_or(AppError::Forbidden)?;
    decided(state.store.directory().reject_change(&viewer.audit(&state), &id, &user.user.id, &form.reason).await)
}

#[derive(Deserialize)]
pub struct ReviewForm {
    #[serde(default)]
    edit_token: String,
    #[serde(default)]
    due_after_months: String,
    #[serde(default)]
    flag_after_months: String,
    #[serde(default)]
    remind_every_days: String,
}

pub async fn set_review_policy(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Form(form): Form<ReviewForm>,
) -> AppResult<Response> {
    let mut errors = Problems::default();
    let mut number = |text: &str, field: &'static str, message: &str, max: u32| match text.trim().parse::<u32>() {
        Ok(n) if (1..=max).contains(&n) => n,
        _ => {
            errors.add(field, message);
            0
        }
    };
    let policy = ReviewPolicy {
        due_after_months: number(
            &form.due_after_months,
            "due_after_months",
            "Enter the months before a review is due, from 1 to 36",
            36,
        ),
        flag_after_months: number(
            &form.flag_after_months,
            "flag_after_months",
            "Enter the months before an entry is flagged, from 1 to 60",
            60,
        ),
        remind_every_days: number(
            &form.remind_every_days,
            "remind_every_days",
            "Enter the days between reminders, from 1 to 365",
            365,
        ),
    };
    if errors.is_empty() && policy.flag_after_months < policy.due_after_months {
        errors.add("flag_after_months", "Flag entries no sooner than they fall due for review");
    }
    if !errors.is_empty() {
        return page(&state, &viewer, errors, String::new(), String::new(), false).await;
    }
    let expected = crate::edits::sent(&form.edit_token);
    match state.store.directory().set_review_policy(&viewer.audit(&state), policy, Some(&expected)).await {
        Ok(()) => Ok(Redirect::to("/directory?done=1").into_response()),
        Err(hearth_store::StoreError::Stale) => {
            let keys = hearth_store::directory::review::REVIEW_POLICY_KEYS;
            let message =
                crate::edits::changed_meanwhile_shown_now(&state, &viewer, "setting", &keys, "the review periods")
                    .await?;
            errors.add(crate::edits::CHANGED, message);
            page(&state, &viewer, errors, String::new(), String::new(), false).await
        }
        Err(e) => Err(e.into()),
    }
}

/// Every entry, published or not, as a spreadsheet for editors. The export is audited.
pub async fn export(State(state): State<AppState>, Extension(viewer): Extension<Viewer>) -> AppResult<Response> {
    use crate::forms::csv_cell;
    state.store.audit(&viewer.audit(&state), hearth_store::AuditEntry::new("directory-exported")).await?;
    let mut out = csv::Writer::from_writer(Vec::new());
    let write_err = |e: csv::Error| AppError::Internal(e.to_string());
    out.write_record([
        "id",
        "name",
        "organisation",
        "status",
        "email",
        "phone",
        "website",
        "address",
        "postcode",
        "categories",
        "minimum_age",
        "maximum_age",
        "cost",
        "last_checked",
        "checked_by",
        "last_modified",
    ])
    .map_err(write_err)?;
    let mut page_number = 1;
    loop {
        let page = state.store.directory().services(page_number, 500, false).await?;
        for s in &page.services {
            let address =
                s.service_at_locations.first().and_then(|l| l.location.as_ref()).and_then(|l| l.addresses.first());
            let categories: Vec<&str> =
                s.attributes.iter().filter_map(|a| a.taxonomy_term.as_ref()).map(|t| t.name.as_str()).collect();
            let cells = [
                s.id.to_string(),
                s.name.clone(),
                s.organization.as_ref().map(|o| o.name.clone()).unwrap_or_default(),
                s.status.clone(),
                s.email.clone().unwrap_or_default(),
                s.phones.first().map(|p| p.number.clone()).unwrap_or_default(),
                s.url.clone().unwrap_or_default(),
                address.map(|a| format!("{}, {}", a.address_1, a.city)).unwrap_or_default(),
                address.map(|a| a.postal_code.clone()).unwrap_or_default(),
                categories.join("; "),
                s.minimum_age.map(|a| a.to_string()).unwrap_or_default(),
                s.maximum_age.map(|a| a.to_string()).unwrap_or_default(),
                s.fees_description.clone().or_else(|| s.fees.clone()).unwrap_or_default(),
                s.assured_date.clone().unwrap_or_default(),
                s.assurer_email.clone().unwrap_or_default(),
                s.last_modified.clone().unwrap_or_default(),
            ];
            out.write_record(cells.iter().map(|c| csv_cell(c))).map_err(write_err)?;
        }
        if page.services.len() < 500 {
            break;
        }
        page_number += 1;
    }
    let body = out.into_inner().map_err(|e| AppError::Internal(e.to_string()))?;
    Ok((
        [
            (axum::http::header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (axum::http::header::CONTENT_DISPOSITION, "attachment; filename=\"directory.csv\""),
        ],
        body,
    )
        .into_response())
}
