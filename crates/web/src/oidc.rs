//! Council single sign-on with OpenID Connect: the authorisation code flow with PKCE, with the
//! `state` and `nonce` checked and the ID token's signature, issuer, audience and expiry verified
//! by the `openidconnect` crate. Pending logins are kept in the database, so the identity
//! provider can send people back to any node.
//!
//! Hearth never creates accounts from single sign-on: an administrator adds the account (and its
//! roles) first, and the first sign-in links it by verified email address.

use crate::AppState;
use crate::chrome::{Chrome, render};
use crate::errors::{AppError, AppResult};
use crate::forms::safe_return_path;
use crate::middleware::expected_origin;
use crate::session::append_cookie;
use crate::session::{Viewer, set_cookie};
use askama::Template;
use axum::Extension;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use hearth_domain::email::EmailAddress;
use hearth_store::{AuditEntry, PendingOidcLogin};
use openidconnect::core::{CoreAuthenticationFlow, CoreClient, CoreProviderMetadata};
use openidconnect::{
    AuthorizationCode, ClientId, ClientSecret, CsrfToken, EndpointMaybeSet, EndpointNotSet, EndpointSet, IssuerUrl,
    Nonce, OAuth2TokenResponse, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope, TokenResponse,
};
use serde::Deserialize;

type Client =
    CoreClient<EndpointSet, EndpointNotSet, EndpointNotSet, EndpointNotSet, EndpointMaybeSet, EndpointMaybeSet>;

/// Discovers the provider's settings and keys. Done per sign-in (rare) so that key rotation at
/// the provider needs nothing from us.
async fn client(state: &AppState, headers: &HeaderMap) -> Result<Client, String> {
    let config = state.config.oidc.as_ref().ok_or("single sign-on is not configured")?;
    let issuer = IssuerUrl::new(config.issuer_url.clone()).map_err(|e| format!("issuer url: {e}"))?;
    let metadata =
        CoreProviderMetadata::discover_async(issuer, &state.http).await.map_err(|e| format!("discovery: {e}"))?;
    let origin = expected_origin(state, headers).ok_or("no Host header")?;
    let redirect =
        RedirectUrl::new(format!("{origin}/sign-in/sso/callback")).map_err(|e| format!("redirect url: {e}"))?;
    Ok(CoreClient::from_provider_metadata(
        metadata,
        ClientId::new(config.client_id.clone()),
        Some(ClientSecret::new(config.client_secret.clone())),
    )
    .set_redirect_uri(redirect))
}

#[derive(Template)]
#[template(path = "sign_in/sso_problem.html")]
struct ProblemPage {
    chrome: Chrome,
    message: String,
}

async fn problem(
    state: &AppState,
    viewer: &Viewer,
    status: StatusCode,
    message: impl Into<String>,
) -> AppResult<Response> {
    let chrome = Chrome::build(state, viewer, "/sign-in/sso").await;
    Ok((status, render(&ProblemPage { chrome, message: message.into() })?).into_response())
}

#[derive(Deserialize)]
pub struct StartQuery {
    return_to: Option<String>,
}

pub async fn start(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    headers: HeaderMap,
    Query(query): Query<StartQuery>,
) -> AppResult<Response> {
    if state.config.oidc.is_none() {
        return Err(AppError::NotFound);
    }
    let client = match client(&state, &headers).await {
        Ok(c) => c,
        Err(e) => {
            tracing::warn!(error = %e, "single sign-on provider unavailable");
            return problem(&state, &viewer, StatusCode::BAD_GATEWAY, "The council's sign-in service is not answering. Try again in a few minutes, or sign in with a password if you have one.").await;
        }
    };
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let (url, csrf_state, nonce) = client
        .authorize_url(CoreAuthenticationFlow::AuthorizationCode, CsrfToken::new_random, Nonce::new_random)
        .add_scope(Scope::new("email".into()))
        .add_scope(Scope::new("profile".into()))
        .set_pkce_challenge(challenge)
        .url();
    let pending = PendingOidcLogin {
        state: csrf_state.secret().clone(),
        nonce: nonce.secret().clone(),
        pkce_verifier: verifier.secret().clone(),
        return_to: safe_return_path(query.return_to.as_deref()),
    };
    state.store.accounts().save_oidc_login(&pending, state.clock.now()).await?;
    Ok(Redirect::to(url.as_str()).into_response())
}

#[derive(Deserialize)]
pub struct CallbackQuery {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
}

pub async fn callback(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    headers: HeaderMap,
    Query(query): Query<CallbackQuery>,
) -> AppResult<Response> {
    if state.config.oidc.is_none() {
        return Err(AppError::NotFound);
    }
    let ctx = viewer.audit(&state);
    let failed = |why: String| {
        AuditEntry::new("sign-in-failed").details(serde_json::json!({"method": "single-sign-on", "why": why}))
    };
    let pending = match &query.state {
        Some(s) => state.store.accounts().take_oidc_login(s, ctx.now).await?,
        None => None,
    };
    let (Some(pending), Some(code), None) = (pending, query.code.clone(), query.error.clone()) else {
        let why = query.error.clone().unwrap_or_else(|| "unknown-or-reused-state".into());
        state.store.audit(&ctx, failed(why)).await?;
        return problem(&state, &viewer, StatusCode::BAD_REQUEST, "Your sign-in took too long, was cancelled, or was already used. Go back to the sign-in page and try again.").await;
    };
    let client = match client(&state, &headers).await {
        Ok(c) => c,
        Err(e) => {
            tracing::warn!(error = %e, "single sign-on provider unavailable");
            return problem(
                &state,
                &viewer,
                StatusCode::BAD_GATEWAY,
                "The council's sign-in service is not answering. Try again in a few minutes.",
            )
            .await;
        }
    };
    let verified = async {
        let exchange =
            client.exchange_code(AuthorizationCode::new(code)).map_err(|e| format!("token endpoint: {e}"))?;
        let tokens = exchange
            .set_pkce_verifier(PkceCodeVerifier::new(pending.pkce_verifier.clone()))
            .request_async(&state.http)
            .await
            .map_err(|e| format!("token exchange: {e}"))?;
        let _ = tokens.access_token();
        let id_token = tokens.id_token().ok_or("no id token")?;
        let claims = id_token
            .claims(&client.id_token_verifier(), &Nonce::new(pending.nonce.clone()))
            .map_err(|e| format!("id token: {e}"))?;
        let email = claims.email().filter(|_| claims.email_verified() != Some(false)).map(|e| e.as_str().to_owned());
        Ok::<_, String>((claims.subject().as_str().to_owned(), email))
    }
    .await;
    let (subject, email) = match verified {
        Ok(found) => found,
        Err(why) => {
            tracing::warn!(error = %why, "single sign-on response refused");
            state.store.audit(&ctx, failed(why)).await?;
            return problem(
                &state,
                &viewer,
                StatusCode::BAD_REQUEST,
                "We could not confirm who you are with the council's sign-in service. Try again.",
            )
            .await;
        }
    };

    let mut user = state.store.accounts().user_by_oidc_subject(&subject).await?;
    if user.is_none()
        && let Some(email) = email.as_deref().and_then(|e| EmailAddress::parse(e).ok())
        && let Some(found) = state.store.accounts().user_for_sign_in(&email).await?
        && !found.user.single_sign_on
    {
        state.store.accounts().link_oidc_subject(&ctx, &found.user.id, &subject).await?;
        user = Some(found.user);
    }
    let Some(user) = user.filter(|u| u.active) else {
        state
            .store
            .audit(
                &ctx,
                failed("no-active-account".into()).details(
                    serde_json::json!({"method": "single-sign-on", "why": "no-active-account", "email": email}),
                ),
            )
            .await?;
        return problem(&state, &viewer, StatusCode::FORBIDDEN, "You signed in with the council, but you do not have a Hearth account. Ask your system administrator to add one.").await;
    };
    if let Some(old) = &viewer.session_token {
        state.store.accounts().end_session(&ctx, old).await?;
    }
    let config = &state.config;
    let session = state.store.accounts().start_session(&ctx, &user.id, "single-sign-on", &config.session).await?;
    let mut response = Redirect::to(&pending.return_to).into_response();
    append_cookie(
        response.headers_mut(),
        &set_cookie(config.session_cookie(), &session.token, config.production, "Lax", None),
    );
    Ok(response)
}
