//! The languages a service works in, and whether it can arrange an interpreter.

use super::{Entry, Head, load, new_id, optional, save};
use crate::AppState;
use crate::chrome::{Chrome, render};
use crate::errors::AppResult;
use crate::forms::{Fields, FormErrors};
use crate::session::Viewer;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::{Extension, Form};
use hearth_domain::directory::editing::{LANGUAGES, join_languages, split_languages};

pub struct LanguageChoice {
    pub code: &'static str,
    pub name: &'static str,
    pub checked: bool,
}

#[derive(Template)]
#[template(path = "directory_service_languages.html")]
struct LanguagesPage {
    chrome: Chrome,
    head: Head,
    languages: Vec<LanguageChoice>,
    other: String,
    interpretation: String,
    errors: FormErrors,
}

async fn page(state: &AppState, viewer: &Viewer, entry: &Entry) -> AppResult<Response> {
    let s = entry.service();
    let (codes, other) = split_languages(&s.languages);
    let page = LanguagesPage {
        chrome: Chrome::build(state, viewer, "/directory/services").await,
        head: entry.head(),
        languages: LANGUAGES
            .iter()
            .map(|(code, name)| LanguageChoice { code, name, checked: codes.contains(code) })
            .collect(),
        other: other.join(", "),
        interpretation: s.interpretation_services.clone().unwrap_or_default(),
        errors: FormErrors::default(),
    };
    render(&page)
}

pub async fn form(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let entry = load(&state, &viewer, &id).await?;
    page(&state, &viewer, &entry).await
}

pub async fn submit(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path(id): Path<String>,
    Form(fields): Form<Fields>,
) -> AppResult<Response> {
    let entry = load(&state, &viewer, &id).await?;
    let mut edited = entry.service().clone();
    // Only codes from the list are taken from the checkboxes; anything else is typed as a name.
    let codes: Vec<String> =
        fields.all("language").into_iter().filter(|c| LANGUAGES.iter().any(|(code, _)| code == c)).collect();
    edited.languages = join_languages(&codes, fields.get("other"), &edited.languages, &edited.id, new_id);
    edited.interpretation_services = optional(fields.get("interpretation"));
    save(&state, &viewer, &entry, edited).await
}
