//! The languages a service works in, and whether it can arrange an interpreter.

use super::{Entry, Head, Saved, base, load, new_id, optional, save, token_now};
use crate::AppState;
use crate::chrome::{Chrome, render};
use crate::errors::AppResult;
use crate::forms::{Problems, TypedForm};
use crate::session::Viewer;
use askama::Template;
use axum::Extension;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use hearth_domain::directory::editing::{LANGUAGES, Part, join_languages, split_languages};
use hearth_store::ServiceId;
use serde::Deserialize;

/// The languages page as sent: languages ticked from the list, others typed, and interpreting.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct LanguagesForm {
    language: Vec<String>,
    other: String,
    interpretation: String,
    edit_token: String,
}

pub struct LanguageChoice {
    pub code: &'static str,
    pub name: &'static str,
    pub checked: bool,
}

#[derive(Template)]
#[template(path = "directory/directory_service_languages.html")]
struct LanguagesPage {
    chrome: Chrome,
    head: Head,
    languages: Vec<LanguageChoice>,
    other: String,
    interpretation: String,
    token: String,
    errors: Problems,
}

/// What the form holds: the codes ticked, other languages in words, and interpreters.
struct Typed {
    codes: Vec<String>,
    other: String,
    interpretation: String,
}

async fn page(
    state: &AppState,
    viewer: &Viewer,
    entry: &Entry,
    typed: Typed,
    token: String,
    errors: Problems,
) -> AppResult<Response> {
    let status = crate::forms::status(&errors);
    let page = LanguagesPage {
        chrome: Chrome::build(state, viewer, "/directory/services").await,
        head: entry.head(),
        languages: LANGUAGES
            .iter()
            .map(|(code, name)| LanguageChoice { code, name, checked: typed.codes.iter().any(|c| c == code) })
            .collect(),
        other: typed.other,
        interpretation: typed.interpretation,
        token,
        errors,
    };
    Ok((status, render(&page)?).into_response())
}

pub async fn form(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path(id): Path<ServiceId>,
) -> AppResult<Response> {
    let entry = load(&state, &viewer, &id).await?;
    let s = entry.service();
    let (codes, other) = split_languages(&s.languages);
    let typed = Typed {
        codes: codes.iter().map(|c| (*c).to_owned()).collect(),
        other: other.join(", "),
        interpretation: s.interpretation_services.clone().unwrap_or_default(),
    };
    page(&state, &viewer, &entry, typed, token_now(&entry, &Part::LANGUAGES), Problems::default()).await
}

pub async fn submit(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path(id): Path<ServiceId>,
    TypedForm(f): TypedForm<LanguagesForm>,
) -> AppResult<Response> {
    let entry = load(&state, &viewer, &id).await?;
    let mut edited = entry.service().clone();
    // Only codes from the list are taken from the checkboxes; anything else is typed as a name.
    let codes: Vec<String> = f.language.into_iter().filter(|c| LANGUAGES.iter().any(|(code, _)| code == c)).collect();
    edited.languages = join_languages(&codes, &f.other, &edited.languages, &edited.id, new_id);
    edited.interpretation_services = optional(&f.interpretation);
    match save(&state, &viewer, &entry, edited, base(Part::LANGUAGES, &f.edit_token)).await? {
        Saved::Done(r) => Ok(r),
        Saved::ChangedMeanwhile(message) => {
            let mut errors = Problems::default();
            errors.add(crate::edits::CHANGED, message);
            let typed = Typed { codes, other: f.other, interpretation: f.interpretation };
            page(&state, &viewer, &entry, typed, token_now(&entry, &Part::LANGUAGES), errors).await
        }
    }
}
