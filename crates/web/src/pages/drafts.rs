//! Never losing what was typed. Pages with long forms save drafts as they go: where JavaScript
//! runs, the form is posted here every few seconds while it changes (without it, forms have a
//! "save as draft" button and keep what was typed when they show errors). A form sent just after
//! a session timed out is held, and given back to its author after they sign in again, to check
//! and send.

use crate::AppState;
use crate::chrome::{Chrome, render};
use crate::errors::{AppError, AppResult};
use crate::forms::Fields;
use crate::session::{Viewer, cookie, set_cookie};
use askama::Template;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use hearth_store::UserId;

/// The forms that save drafts, by the start of their key. Anything else is refused.
const DRAFT_FORMS: [&str; 3] = ["note:", "story:", "contact:new"];

/// The most a draft keeps (a long note and its fields).
const LARGEST_DRAFT: usize = 64 * 1024;

/// Saves a draft of the form the page posted. Answers 204: nothing to show.
pub async fn save(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Form(fields): Form<Fields>,
) -> AppResult<Response> {
    let me = viewer.user_id().ok_or(AppError::Forbidden)?.clone();
    let key = fields.get("_draft_key").to_owned();
    if key.len() > 80 || !DRAFT_FORMS.iter().any(|p| key.starts_with(p)) {
        return Ok(StatusCode::BAD_REQUEST.into_response());
    }
    let kept: Vec<(String, String)> =
        fields.0.into_iter().filter(|(k, _)| !matches!(k.as_str(), "_csrf" | "_draft_key" | "action")).collect();
    if kept.iter().map(|(k, v)| k.len() + v.len()).sum::<usize>() > LARGEST_DRAFT {
        return Ok(StatusCode::PAYLOAD_TOO_LARGE.into_response());
    }
    state.store.people().save_draft(&me, &key, &kept, state.clock.now()).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// Holds a form sent after its author's session ended, and sends them to sign in.
pub async fn hold(state: &AppState, user_id: &UserId, path: &str, body: &[u8]) -> Response {
    let kept: String = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(url::form_urlencoded::parse(body).filter(|(k, _)| k != "_csrf"))
        .finish();
    let token = hearth_store::random_token();
    if let Err(e) = state.store.people().hold_submission(&token, Some(user_id), path, &kept, state.clock.now()).await {
        return AppError::from(e).into_response();
    }
    let mut response = Redirect::to("/sign-in?timeout=1&held=1&return_to=%2Fheld").into_response();
    let max_age = hearth_store::people::drafts::HOLD_FOR_HOURS * 3600;
    crate::session::append_cookie(
        response.headers_mut(),
        &set_cookie(state.config.held_cookie(), &token, state.config.production, "Lax", Some(max_age)),
    );
    response
}

#[derive(Template)]
#[template(path = "sign_in/held.html")]
struct HeldPage {
    chrome: Chrome,
    path: String,
    fields: Vec<(String, String)>,
    shown: Vec<(String, String)>,
}

/// Gives back a held form: what was typed, to check and send again.
pub async fn give_back(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    headers: HeaderMap,
) -> AppResult<Response> {
    let me = viewer.user_id().ok_or(AppError::Forbidden)?.clone();
    let held = match cookie(&headers, state.config.held_cookie()) {
        Some(token) => state.store.people().take_held_submission(&token, &me, state.clock.now()).await?,
        None => None,
    };
    let (path, fields) = match held {
        Some((path, body)) => (path, url::form_urlencoded::parse(body.as_bytes()).into_owned().collect::<Vec<_>>()),
        None => (String::new(), Vec::new()),
    };
    let shown = fields
        .iter()
        .filter(|(k, v)| !v.trim().is_empty() && !matches!(k.as_str(), "version" | "action"))
        .map(|(k, v)| (k.replace('_', " "), v.clone()))
        .collect();
    let mut response =
        render(&HeldPage { chrome: Chrome::build(&state, &viewer, "/held").await, path, fields, shown })?;
    response.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(state.config.held_cookie(), "", state.config.production, "Lax", Some(0))
            .parse()
            .expect("a cookie header"),
    );
    Ok(response)
}
