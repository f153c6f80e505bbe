//! For directory editors: the organisations that run the directory's services. A change to an
//! organisation is published with every one of its services.

use crate::AppState;
use crate::chrome::{Chrome, render};
use crate::errors::{AppError, AppResult};
use crate::forms::Problems;
use crate::pages::directory::services::optional;
use crate::session::Viewer;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use hearth_domain::directory::hsds::Organization;
use hearth_domain::edits::EditToken;
use hearth_domain::email::EmailAddress;
use hearth_store::OrganizationId;
use serde::Deserialize;

pub struct OrganisationRow {
    pub id: String,
    pub name: String,
    pub services: u64,
}

#[derive(Template)]
#[template(path = "directory/directory_organisations.html")]
struct ListPage {
    chrome: Chrome,
    organisations: Vec<OrganisationRow>,
}

pub async fn list(State(state): State<AppState>, Extension(viewer): Extension<Viewer>) -> AppResult<Response> {
    let organisations = state
        .store
        .directory()
        .organizations_with_counts()
        .await?
        .into_iter()
        .map(|(o, services)| OrganisationRow { id: o.id.into(), name: o.name, services })
        .collect();
    render(&ListPage { chrome: Chrome::build(&state, &viewer, "/directory").await, organisations })
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct OrganisationForm {
    /// What the page started from (`crate::edits`); empty when adding.
    #[serde(default)]
    edit_token: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    website: String,
}

#[derive(Template)]
#[template(path = "directory/directory_organisation_edit.html")]
struct EditPage {
    chrome: Chrome,
    /// `None` when adding.
    id: Option<String>,
    form: OrganisationForm,
    errors: Problems,
}

async fn edit_page(
    state: &AppState,
    viewer: &Viewer,
    id: Option<String>,
    form: OrganisationForm,
    errors: Problems,
) -> AppResult<Response> {
    let status = crate::forms::status(&errors);
    let page = EditPage { chrome: Chrome::build(state, viewer, "/directory").await, id, form, errors };
    Ok((status, render(&page)?).into_response())
}

fn apply(form: &OrganisationForm, org: &mut Organization) -> Problems {
    let mut errors = Problems::default();
    if form.name.trim().is_empty() {
        errors.add("name", "Enter the organisation's name");
    } else if form.name.chars().count() > 200 {
        errors.add("name", "The name must be 200 characters or fewer");
    }
    if form.description.trim().is_empty() {
        errors.add("description", "Say what the organisation does, in a sentence or two");
    }
    org.name = form.name.trim().to_owned();
    org.description = form.description.trim().to_owned();
    org.email = optional(&form.email);
    if org.email.as_deref().is_some_and(|e| EmailAddress::parse(e).is_err()) {
        errors.add("email", "Enter an email address in the right form, like name@example.org");
    }
    org.website = optional(&form.website);
    if org
        .website
        .as_deref()
        .is_some_and(|w| !(w.starts_with("https://") || w.starts_with("http://")) || w.contains(' '))
    {
        errors.add("website", "Enter the website's full address, starting with https://");
    }
    errors
}

pub async fn new_form(State(state): State<AppState>, Extension(viewer): Extension<Viewer>) -> AppResult<Response> {
    edit_page(&state, &viewer, None, OrganisationForm::default(), Problems::default()).await
}

pub async fn new_submit(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Form(form): Form<OrganisationForm>,
) -> AppResult<Response> {
    let mut org = Organization { id: uuid::Uuid::new_v4().to_string().into(), ..Default::default() };
    let errors = apply(&form, &mut org);
    if !errors.is_empty() {
        return edit_page(&state, &viewer, None, form, errors).await;
    }
    state.store.directory().save_organization(&viewer.audit(&state), &org, None).await?;
    Ok(Redirect::to("/directory/organisations?saved=1").into_response())
}

pub async fn edit_form(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path(id): Path<OrganizationId>,
) -> AppResult<Response> {
    let org = state.store.directory().organization(&id).await?.ok_or(AppError::NotFound)?;
    let form = OrganisationForm {
        edit_token: EditToken::of(&org).to_string(),
        name: org.name,
        description: org.description,
        email: org.email.unwrap_or_default(),
        website: org.website.unwrap_or_default(),
    };
    edit_page(&state, &viewer, Some(id.into()), form, Problems::default()).await
}

pub async fn edit_submit(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path(id): Path<OrganizationId>,
    Form(form): Form<OrganisationForm>,
) -> AppResult<Response> {
    let mut org = state.store.directory().organization(&id).await?.ok_or(AppError::NotFound)?;
    let now = EditToken::of(&org).to_string();
    let mut errors = apply(&form, &mut org);
    if !errors.is_empty() {
        return edit_page(&state, &viewer, Some(id.into()), form, errors).await;
    }
    let expected = crate::edits::sent(&form.edit_token);
    match state.store.directory().save_organization(&viewer.audit(&state), &org, Some(&expected)).await {
        Ok(()) => Ok(Redirect::to("/directory/organisations?saved=1").into_response()),
        Err(hearth_store::StoreError::Stale) => {
            let message = crate::edits::changed_meanwhile(
                &state,
                &viewer,
                "directory-organisation",
                &[id.as_str()],
                "this organisation",
            )
            .await?;
            errors.add(crate::edits::CHANGED, message);
            edit_page(&state, &viewer, Some(id.into()), OrganisationForm { edit_token: now, ..form }, errors).await
        }
        Err(e) => Err(e.into()),
    }
}
