//! The layers every request passes through: who is asking, cross-site protection, access
//! control, security headers and error pages.

use crate::AppState;
use crate::chrome::Chrome;
use crate::errors::{AppError, ErrorPage};
use crate::session::{Viewer, anonymous_form_token, append_cookie, cookie, set_cookie, tokens_match};
use askama::Template;
use axum::body::{Body, to_bytes};
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use hearth_domain::access::Access;
use hearth_store::SignedOutBecause;
use std::net::SocketAddr;

/// The client's address: the connection's peer, or the last `X-Forwarded-For` hop when Hearth
/// runs behind a proxy that is trusted to set it.
fn client_addr(state: &AppState, req: &Request) -> String {
    if state.config.trust_forwarded_for
        && let Some(forwarded) = req.headers().get("x-forwarded-for").and_then(|v| v.to_str().ok())
        && let Some(last) = forwarded.rsplit(',').next().map(str::trim).filter(|s| !s.is_empty())
    {
        return last.to_owned();
    }
    req.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip().to_string()).unwrap_or_else(|| "unknown".into())
}

/// Works out who is asking and puts a [`Viewer`] in the request.
pub async fn load_viewer(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    // While the database is out of reach, say so at once rather than wait for it on every
    // request (the health check still asks it, for load balancers).
    if state.database_down() && req.uri().path() != "/health" {
        return AppError::Unavailable.into_response();
    }
    let config = &state.config;
    let client_addr = client_addr(&state, &req);
    let now = state.clock.now();
    let mut user = None;
    let mut session_token = None;
    let mut signed_out_because = None;
    let mut timed_out_user = None;
    if let Some(token) = cookie(req.headers(), config.session_cookie()) {
        match state.store.accounts().session_or_owner(&token, now, &config.session).await {
            Ok(Ok(found)) => {
                user = Some(found);
                session_token = Some(token);
            }
            Ok(Err((why, owner))) => {
                signed_out_because = Some(why);
                timed_out_user = owner;
            }
            Err(e) => return AppError::from(e).into_response(),
        }
    }
    let existing_form_cookie = cookie(req.headers(), config.form_cookie());
    let new_form_cookie = match (&user, &existing_form_cookie) {
        (None, None) => Some(hearth_store::random_token()),
        _ => None,
    };
    let form_token = match (&user, existing_form_cookie.as_ref().or(new_form_cookie.as_ref())) {
        (Some(u), _) => u.form_token.clone(),
        (None, Some(c)) => anonymous_form_token(&config.secret_key, c),
        (None, None) => unreachable!("a form cookie was made above"),
    };
    let signed_in = user.is_some();
    let done = if user.is_some() { crate::done::from_query(req.uri().query()) } else { None };
    let viewer = Viewer { user, session_token, form_token, signed_out_because, client_addr, timed_out_user, done };
    req.extensions_mut().insert(viewer.clone());
    let mut response = next.run(req).await;
    // The error-page layer sits outside this one, so that it can render our own failures too.
    response.extensions_mut().insert(viewer);
    let headers = response.headers_mut();
    // A dead session cookie is cleared, unless the handler has just set a new one.
    if signed_out_because.is_some() && !headers.contains_key(header::SET_COOKIE) {
        append_cookie(headers, &set_cookie(config.session_cookie(), "", config.production, "Lax", Some(0)));
    }
    if let Some(value) = new_form_cookie {
        append_cookie(headers, &set_cookie(config.form_cookie(), &value, config.production, "Strict", None));
    }
    if signed_in {
        // Signed-in pages hold personal information: never keep them in any cache.
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// The origin this request should have come from.
pub(crate) fn expected_origin(state: &AppState, headers: &HeaderMap) -> Option<String> {
    if let Some(url) = &state.config.public_url {
        return Some(url.origin().ascii_serialization());
    }
    let host = headers.get(header::HOST)?.to_str().ok()?;
    let scheme = if state.config.production { "https" } else { "http" };
    Some(format!("{scheme}://{host}"))
}

/// Largest form Hearth accepts. Forms are small; files will have their own route and limit.
const MAX_FORM_BYTES: usize = 1024 * 1024;

/// Refuses any state-changing request that comes from another site, or whose form does not carry
/// this visitor's form token (ASVS 5.0 3.5.1).
pub async fn protect_forms(State(state): State<AppState>, req: Request, next: Next) -> Response {
    // The JSON interfaces take no cookies and change nothing, so there is no form to forge.
    if is_safe(req.method()) || req.uri().path().starts_with("/api/") {
        return next.run(req).await;
    }
    let headers = req.headers();
    let expected = expected_origin(&state, headers);
    match headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        Some(origin) if Some(origin) != expected.as_deref() => return AppError::CrossSite.into_response(),
        Some(_) => {}
        None => {
            // Older browsers send no Origin on some requests; Fetch Metadata says the same thing.
            let site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
            if site.is_some_and(|s| s != "same-origin" && s != "none") {
                return AppError::CrossSite.into_response();
            }
        }
    }
    let Some(viewer) = req.extensions().get::<Viewer>().cloned() else {
        return AppError::Internal("form protection ran before the viewer was known".into()).into_response();
    };
    let is_form = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return AppError::CrossSite.into_response();
    }
    let (parts, body) = req.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_FORM_BYTES).await else {
        return (StatusCode::PAYLOAD_TOO_LARGE, "form too large").into_response();
    };
    let sent = url::form_urlencoded::parse(&bytes).find(|(k, _)| k == "_csrf").map(|(_, v)| v.into_owned());
    if !sent.is_some_and(|t| tokens_match(&t, &viewer.form_token)) {
        // A form sent by someone whose session has just timed out is kept for them, so that
        // signing in again loses nothing they typed (the form is resent only by them, after
        // they check it).
        if let Some(user) = &viewer.timed_out_user
            && !parts.uri.path().starts_with("/sign-")
        {
            return crate::pages::drafts::hold(&state, user, parts.uri.path(), &bytes).await;
        }
        return AppError::CrossSite.into_response();
    }
    next.run(Request::from_parts(parts, Body::from(bytes))).await
}

/// Lets the request through only if the viewer has the access the route needs. Someone not
/// signed in is sent to sign in first; someone signed in without permission is refused.
pub async fn enforce(access: Access, state: AppState, req: Request, next: Next) -> Response {
    let Access::Staff(permission) = access else { return next.run(req).await };
    let Some(viewer) = req.extensions().get::<Viewer>().cloned() else {
        return AppError::Internal("access check ran before the viewer was known".into()).into_response();
    };
    if viewer.user.is_none() {
        let return_to = req.uri().path_and_query().map(|p| p.as_str()).unwrap_or("/staff");
        let mut target = url::form_urlencoded::Serializer::new(String::new());
        target.append_pair("return_to", if is_safe(req.method()) { return_to } else { "/staff" });
        if matches!(viewer.signed_out_because, Some(SignedOutBecause::Idle | SignedOutBecause::TooLong)) {
            target.append_pair("timeout", "1");
        }
        return Redirect::to(&format!("/sign-in?{}", target.finish())).into_response();
    }
    if !viewer.can(permission) {
        let entry = hearth_store::AuditEntry::new("access-denied")
            .details(serde_json::json!({"path": req.uri().path(), "method": req.method().as_str()}));
        if let Err(e) = state.store.audit(&viewer.audit(&state), entry).await {
            return AppError::from(e).into_response();
        }
        return AppError::Forbidden.into_response();
    }
    next.run(req).await
}

/// Headers for every response (ASVS 5.0 chapter 3). The policy allows no inline script or style.
pub async fn security_headers(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let mut response = next.run(req).await;
    let h = response.headers_mut();
    let set = |h: &mut HeaderMap, name: &'static str, value: &'static str| {
        h.entry(name).or_insert(HeaderValue::from_static(value));
    };
    set(
        h,
        "content-security-policy",
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; \
         connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    );
    set(h, "x-content-type-options", "nosniff");
    set(h, "referrer-policy", "same-origin");
    set(
        h,
        "permissions-policy",
        "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=(), browsing-topics=()",
    );
    set(h, "x-frame-options", "DENY");
    set(h, "cross-origin-opener-policy", "same-origin");
    set(h, "cross-origin-resource-policy", "same-origin");
    if state.config.production {
        set(h, "strict-transport-security", "max-age=63072000; includeSubDomains");
    }
    if !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    }
    response
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPageTemplate {
    chrome: Chrome,
    title: &'static str,
    advice: &'static [&'static str],
    /// What was refused, when the error is a refusal.
    problems: hearth_domain::Problems,
    operation_id: String,
}

/// Turns error responses into full pages, with an operation id that matches the logs.
pub async fn error_pages(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let operation_id = req.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("unknown").to_owned();
    let path = req.uri().path().to_owned();
    let response = next.run(req).await;
    let viewer = response.extensions().get::<Viewer>().cloned();
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    if status == StatusCode::SERVICE_UNAVAILABLE {
        state.database_unreachable();
    }
    let marked = response.extensions().get::<ErrorPage>().copied();
    let problems = response.extensions().get::<hearth_domain::Problems>().cloned().unwrap_or_default();
    let content_type = response.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let page = match marked {
        Some(page) => page,
        None if content_type.starts_with("text/html") || content_type.starts_with("application/json") => {
            return response;
        }
        None => ErrorPage::for_status(status),
    };
    let viewer = viewer.unwrap_or_else(|| Viewer {
        user: None,
        session_token: None,
        form_token: String::new(),
        signed_out_because: None,
        client_addr: String::new(),
        timed_out_user: None,
        done: None,
    });
    let chrome = Chrome::build(&state, &viewer, &path).await;
    let template = ErrorPageTemplate { chrome, title: page.title(), advice: page.advice(), problems, operation_id };
    let Ok(html) = template.render() else {
        return (status, "Sorry, there is a problem with the service.").into_response();
    };
    let mut rendered = (status, axum::response::Html(html)).into_response();
    for (name, value) in response.headers() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            rendered.headers_mut().append(name.clone(), value.clone());
        }
    }
    rendered
}
