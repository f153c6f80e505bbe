//! Pages for anyone: the start page, the accessibility statement and the cookies page.

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
    contact_phone: Option<String>,
    contact_hours: Option<String>,
}

pub async fn start(State(state): State<AppState>, Extension(viewer): Extension<Viewer>) -> AppResult<Response> {
    let chrome = Chrome::build(&state, &viewer, "/").await;
    let contact_phone = state.store.settings().setting("contact_phone").await?;
    let contact_hours = state.store.settings().setting("contact_hours").await?;
    render(&StartPage { chrome, contact_phone, contact_hours })
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
