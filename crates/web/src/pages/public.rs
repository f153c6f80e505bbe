//! Pages for anyone: the start page, the accessibility statement, the cookies page and the
//! privacy notice.

use crate::AppState;
use crate::chrome::{Chrome, render};
use crate::errors::AppResult;
use crate::session::Viewer;
use askama::Template;
use axum::Extension;
use axum::extract::State;
use axum::response::Response;

#[derive(Template)]
#[template(path = "public/start.html")]
struct StartPage {
    chrome: Chrome,
}

pub async fn start(State(state): State<AppState>, Extension(viewer): Extension<Viewer>) -> AppResult<Response> {
    render(&StartPage { chrome: Chrome::build(&state, &viewer, "/").await })
}

#[derive(Template)]
#[template(path = "public/privacy.html")]
struct PrivacyPage {
    chrome: Chrome,
}

/// How the council uses what residents give on the public pages, and their rights.
pub async fn privacy(State(state): State<AppState>, Extension(viewer): Extension<Viewer>) -> AppResult<Response> {
    render(&PrivacyPage { chrome: Chrome::build(&state, &viewer, "/privacy").await })
}

#[derive(Template)]
#[template(path = "public/accessibility.html")]
struct AccessibilityPage {
    chrome: Chrome,
    contact_phone: Option<String>,
}

pub async fn accessibility(State(state): State<AppState>, Extension(viewer): Extension<Viewer>) -> AppResult<Response> {
    let chrome = Chrome::build(&state, &viewer, "/accessibility").await;
    let contact_phone = state.store.settings().setting("contact_phone").await?;
    render(&AccessibilityPage { chrome, contact_phone })
}

#[derive(Template)]
#[template(path = "public/cookies.html")]
struct CookiesPage {
    chrome: Chrome,
    session_cookie: &'static str,
    form_cookie: &'static str,
    shortlist_cookie: &'static str,
    estimate_cookie: &'static str,
    idle_minutes: i64,
}

pub async fn cookies(State(state): State<AppState>, Extension(viewer): Extension<Viewer>) -> AppResult<Response> {
    let chrome = Chrome::build(&state, &viewer, "/cookies").await;
    render(&CookiesPage {
        chrome,
        session_cookie: state.config.session_cookie(),
        form_cookie: state.config.form_cookie(),
        shortlist_cookie: state.config.shortlist_cookie(),
        estimate_cookie: state.config.estimate_cookie(),
        idle_minutes: state.config.session.idle_timeout.num_minutes(),
    })
}
