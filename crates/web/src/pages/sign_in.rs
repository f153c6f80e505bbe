//! Signing in with an email address and password, and signing out.
//!
//! ASVS 5.0 chapter 6: argon2id, the same work for unknown accounts, lockout after repeated
//! failures (kept in the database, so it holds on every node), throttling per client address, and
//! a new session id at every sign-in.

use crate::AppState;
use crate::chrome::{Chrome, render};
use crate::errors::{AppError, AppResult};
use crate::forms::{Problems, safe_return_path};
use crate::session::append_cookie;
use crate::session::{Viewer, set_cookie};
use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use hearth_domain::email::EmailAddress;
use hearth_domain::password;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "sign_in/sign_in.html")]
struct SignInPage {
    chrome: Chrome,
    errors: Problems,
    email: String,
    return_to: String,
    timed_out: bool,
    sso_label: Option<String>,
    idle_minutes: i64,
}

#[derive(Deserialize)]
pub struct SignInQuery {
    return_to: Option<String>,
    timeout: Option<String>,
}

async fn page(
    state: &AppState,
    viewer: &Viewer,
    errors: Problems,
    email: String,
    return_to: String,
    timed_out: bool,
) -> AppResult<Response> {
    let chrome = Chrome::build(state, viewer, "/sign-in").await;
    let status = crate::forms::status(&errors);
    let page = SignInPage {
        chrome,
        errors,
        email,
        return_to,
        timed_out,
        sso_label: state.config.oidc.as_ref().map(|o| o.label.clone()),
        idle_minutes: state.config.session.idle_timeout.num_minutes(),
    };
    Ok((status, render(&page)?).into_response())
}

pub async fn form(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Query(query): Query<SignInQuery>,
) -> AppResult<Response> {
    if viewer.user.is_some() {
        return Ok(Redirect::to(&safe_return_path(query.return_to.as_deref())).into_response());
    }
    let return_to = safe_return_path(query.return_to.as_deref());
    page(&state, &viewer, Problems::default(), String::new(), return_to, query.timeout.is_some()).await
}

#[derive(Deserialize)]
pub struct SignInForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    return_to: Option<String>,
}

const WRONG_DETAILS: &str = "Enter a correct email address and password";

pub async fn submit(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Form(form): Form<SignInForm>,
) -> AppResult<Response> {
    let config = &state.config;
    let ctx = viewer.audit(&state);
    let return_to = safe_return_path(form.return_to.as_deref());
    let typed_email = form.email.trim().to_owned();

    let mut errors = Problems::default();
    let email = match EmailAddress::parse(&form.email) {
        Ok(email) => Some(email),
        Err(e) => {
            errors.add(
                "email",
                if form.email.trim().is_empty() { "Enter your email address".to_owned() } else { e.to_string() },
            );
            None
        }
    };
    if form.password.is_empty() {
        errors.add("password", "Enter your password");
    }
    let Some(email) = email.filter(|_| errors.is_empty()) else {
        return page(&state, &viewer, errors, typed_email, return_to, false).await;
    };

    let since = ctx.now - config.lockout.address_window;
    if state.store.accounts().sign_ins_from(&viewer.client_addr, since).await?
        >= u64::from(config.lockout.max_attempts_per_address)
    {
        return Err(AppError::TooManyRequests);
    }

    let account = state.store.accounts().user_for_sign_in(&email).await?;
    let password_hash = account.as_ref().filter(|a| a.user.active).and_then(|a| a.password_hash.clone());
    let typed = form.password;
    // Argon2 is slow on purpose; keep it off the threads that serve other requests.
    let matched = tokio::task::spawn_blocking(move || match password_hash {
        Some(hash) => password::verify(&typed, &hash),
        None => {
            password::verify_against_dummy(&typed);
            false
        }
    })
    .await
    .map_err(|e| AppError::Internal(e.to_string()))?;

    let locked = match &account {
        Some(a) => a.user.lock().is_locked(ctx.now),
        None => {
            let window = ctx.now - config.lockout.lock_for;
            state.store.accounts().failed_sign_ins_for(&email, window).await? >= u64::from(config.lockout.max_failures)
        }
    };
    let locked_message = format!(
        "Your account is locked because the password was entered wrongly too many times. Try again in {} minutes, or ask your system administrator to unlock it",
        config.lockout.lock_for.num_minutes()
    );
    if locked {
        state
            .store
            .accounts()
            .record_failed_sign_in(
                &ctx,
                email.as_str(),
                account.as_ref().map(|a| &a.user.id),
                "locked",
                &config.lockout,
            )
            .await?;
        errors.add("email", locked_message);
        return page(&state, &viewer, errors, typed_email, return_to, false).await;
    }
    let account = match account {
        Some(a) if matched => a,
        other => {
            let why = match &other {
                None => "unknown-email",
                Some(a) if !a.user.active => "account-inactive",
                Some(a) if a.password_hash.is_none() => "no-password",
                Some(_) => "wrong-password",
            };
            let user_id = other.as_ref().map(|a| &a.user.id);
            let locked_now = state
                .store
                .accounts()
                .record_failed_sign_in(&ctx, email.as_str(), user_id, why, &config.lockout)
                .await?;
            errors.add("email", if locked_now { locked_message } else { WRONG_DETAILS.to_owned() });
            return page(&state, &viewer, errors, typed_email, return_to, false).await;
        }
    };

    // A fresh session id at every sign-in; any session the browser had is ended first.
    if let Some(old) = &viewer.session_token {
        state.store.accounts().end_session(&ctx, old).await?;
    }
    let session = state.store.accounts().start_session(&ctx, &account.user.id, "password", &config.session).await?;
    let mut response = Redirect::to(&return_to).into_response();
    append_cookie(
        response.headers_mut(),
        &set_cookie(config.session_cookie(), &session.token, config.production, "Lax", None),
    );
    Ok(response)
}

pub async fn sign_out(State(state): State<AppState>, Extension(viewer): Extension<Viewer>) -> AppResult<Response> {
    if let Some(token) = &viewer.session_token {
        state.store.accounts().end_session(&viewer.audit(&state), token).await?;
    }
    let config = &state.config;
    let mut response = Redirect::to("/signed-out").into_response();
    append_cookie(response.headers_mut(), &set_cookie(config.session_cookie(), "", config.production, "Lax", Some(0)));
    Ok(response)
}

#[derive(Template)]
#[template(path = "sign_in/signed_out.html")]
struct SignedOutPage {
    chrome: Chrome,
}

pub async fn signed_out(State(state): State<AppState>, Extension(viewer): Extension<Viewer>) -> AppResult<Response> {
    let chrome = Chrome::build(&state, &viewer, "/signed-out").await;
    render(&SignedOutPage { chrome })
}
