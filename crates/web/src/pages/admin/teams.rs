//! For administrators: teams and who is in them, and the council's practice settings (its names
//! for the three conversations, how long crisis work runs before review, and how long broken
//! glass lasts).

use crate::AppState;
use crate::chrome::{Chrome, render};
use crate::errors::AppResult;
use crate::forms::Problems;
use crate::pages::people::practice_settings;
use crate::session::Viewer;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use hearth_domain::people::conversations::ConversationKind;
use hearth_store::{TeamId, UserId};
use serde::Deserialize;

pub struct TeamRow {
    pub id: TeamId,
    pub name: String,
    pub front_door: bool,
    pub members: usize,
}

#[derive(Template)]
#[template(path = "admin/admin_teams.html")]
struct TeamsPage {
    chrome: Chrome,
    teams: Vec<TeamRow>,
    name: String,
    errors: Problems,
}

async fn teams_page(state: &AppState, viewer: &Viewer, name: String, errors: Problems) -> AppResult<TeamsPage> {
    let mut teams = Vec::new();
    for t in state.store.people().teams().await? {
        let members = state.store.people().team_members(&t.id).await?.len();
        teams.push(TeamRow { id: t.id, name: t.name, front_door: t.front_door, members });
    }
    Ok(TeamsPage { chrome: Chrome::build(state, viewer, "/admin/teams").await, teams, name, errors })
}

pub async fn list(State(state): State<AppState>, Extension(viewer): Extension<Viewer>) -> AppResult<Response> {
    render(&teams_page(&state, &viewer, String::new(), Problems::default()).await?)
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct NewTeamForm {
    pub name: String,
    pub front_door: String,
}

pub async fn create(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Form(f): Form<NewTeamForm>,
) -> AppResult<Response> {
    match state.store.people().create_team(&viewer.audit(&state), &f.name, f.front_door == "yes").await {
        Ok(t) => Ok(Redirect::to(&format!("/admin/teams/{}", t.id)).into_response()),
        Err(e) => {
            let page = teams_page(&state, &viewer, f.name, crate::forms::refusal(e)?).await?;
            Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
    }
}

#[derive(Template)]
#[template(path = "admin/admin_team.html")]
struct TeamPage {
    chrome: Chrome,
    id: TeamId,
    name: String,
    front_door: bool,
    members: Vec<(String, String, String)>,
    email: String,
    errors: Problems,
}

async fn team_page(
    state: &AppState,
    viewer: &Viewer,
    id: &TeamId,
    email: String,
    errors: Problems,
) -> AppResult<TeamPage> {
    let team = state.store.people().team(id).await?.ok_or(crate::AppError::NotFound)?;
    let members = state
        .store
        .people()
        .team_members(id)
        .await?
        .into_iter()
        .map(|m| (m.user_id.to_string(), m.name, m.email))
        .collect();
    Ok(TeamPage {
        chrome: Chrome::build(state, viewer, "/admin/teams").await,
        id: team.id,
        name: team.name,
        front_door: team.front_door,
        members,
        email,
        errors,
    })
}

pub async fn show(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path(id): Path<TeamId>,
) -> AppResult<Response> {
    render(&team_page(&state, &viewer, &id, String::new(), Problems::default()).await?)
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct MemberForm {
    pub email: String,
}

pub async fn add_member(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path(id): Path<TeamId>,
    Form(f): Form<MemberForm>,
) -> AppResult<Response> {
    let user = match hearth_domain::email::EmailAddress::parse(f.email.trim()) {
        Ok(email) => state.store.accounts().user_for_sign_in(&email).await?.map(|u| u.user.id),
        Err(_) => None,
    };
    let Some(user_id) = user else {
        let mut errors = Problems::default();
        errors.add("email", "No staff account has that email address");
        let page = team_page(&state, &viewer, &id, f.email, errors).await?;
        return Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response());
    };
    state.store.people().add_team_member(&viewer.audit(&state), &id, &user_id).await?;
    Ok(Redirect::to(&format!("/admin/teams/{id}")).into_response())
}

pub async fn remove_member(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path((id, user_id)): Path<(TeamId, UserId)>,
) -> AppResult<Response> {
    state.store.people().remove_team_member(&viewer.audit(&state), &id, &user_id).await?;
    Ok(Redirect::to(&format!("/admin/teams/{id}")).into_response())
}

/// The settings the practice page sets, in the order it sets them.
const PRACTICE_KEYS: [&str; 6] = [
    "conversation_1_label",
    "conversation_2_label",
    "conversation_3_label",
    "crisis_review_days",
    "break_glass_hours",
    "allocation_wait_days",
];

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct PracticeForm {
    /// What the page started from (`crate::edits`).
    pub edit_token: String,
    pub conversation_1_label: String,
    pub conversation_2_label: String,
    pub conversation_3_label: String,
    pub crisis_review_days: String,
    pub break_glass_hours: String,
    pub allocation_wait_days: String,
}

#[derive(Template)]
#[template(path = "admin/admin_practice.html")]
struct PracticePage {
    chrome: Chrome,
    f: PracticeForm,
    errors: Problems,
    saved: bool,
}

pub async fn practice(State(state): State<AppState>, Extension(viewer): Extension<Viewer>) -> AppResult<Response> {
    let s = practice_settings(&state).await?;
    let f = PracticeForm {
        edit_token: state.store.settings().settings_token(&PRACTICE_KEYS).await?.to_string(),
        conversation_1_label: s.labels.of(ConversationKind::ListenAndConnect).to_owned(),
        conversation_2_label: s.labels.of(ConversationKind::Crisis).to_owned(),
        conversation_3_label: s.labels.of(ConversationKind::GoodLife).to_owned(),
        crisis_review_days: s.crisis_review_days.to_string(),
        break_glass_hours: s.break_glass_hours.to_string(),
        allocation_wait_days: s.allocation_wait_days.to_string(),
    };
    render(&PracticePage {
        chrome: Chrome::build(&state, &viewer, "/admin/practice").await,
        f,
        errors: Problems::default(),
        saved: false,
    })
}

pub async fn practice_submit(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Form(f): Form<PracticeForm>,
) -> AppResult<Response> {
    let mut errors = Problems::default();
    for (field, value) in [
        ("conversation_1_label", &f.conversation_1_label),
        ("conversation_2_label", &f.conversation_2_label),
        ("conversation_3_label", &f.conversation_3_label),
    ] {
        if value.trim().is_empty() {
            errors.add(field, "Enter the name your council uses");
        }
    }
    let days = f.crisis_review_days.trim().parse::<i64>().ok().filter(|d| (1..=91).contains(d));
    if days.is_none() {
        errors.add("crisis_review_days", "Enter a number of days from 1 to 91");
    }
    let hours = f.break_glass_hours.trim().parse::<i64>().ok().filter(|h| (1..=72).contains(h));
    if hours.is_none() {
        errors.add("break_glass_hours", "Enter a number of hours from 1 to 72");
    }
    let wait = f.allocation_wait_days.trim().parse::<i64>().ok().filter(|d| (1..=365).contains(d));
    if wait.is_none() {
        errors.add("allocation_wait_days", "Enter a number of days from 1 to 365");
    }
    let mut f = f;
    if errors.is_empty() {
        let values = [
            f.conversation_1_label.trim().to_owned(),
            f.conversation_2_label.trim().to_owned(),
            f.conversation_3_label.trim().to_owned(),
            days.unwrap_or_default().to_string(),
            hours.unwrap_or_default().to_string(),
            wait.unwrap_or_default().to_string(),
        ];
        let pairs: Vec<(&str, String)> = PRACTICE_KEYS.into_iter().zip(values).collect();
        let expected = crate::edits::sent(&f.edit_token);
        match state.store.settings().set_settings(&viewer.audit(&state), &pairs, Some(&expected)).await {
            Ok(()) => {}
            Err(hearth_store::StoreError::Stale) => {
                let message = crate::edits::changed_meanwhile(
                    &state,
                    &viewer,
                    "setting",
                    &PRACTICE_KEYS,
                    "the practice settings",
                )
                .await?;
                errors.add(crate::edits::CHANGED, message);
            }
            Err(e) => return Err(e.into()),
        }
        f.edit_token = state.store.settings().settings_token(&PRACTICE_KEYS).await?.to_string();
    }
    let saved = errors.is_empty();
    let status = crate::forms::status(&errors);
    Ok((
        status,
        render(&PracticePage { chrome: Chrome::build(&state, &viewer, "/admin/practice").await, f, errors, saved })?,
    )
        .into_response())
}
