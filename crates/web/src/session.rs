//! Who is asking: the signed-in member of staff (if any) and the form token their pages carry.

use crate::AppState;
use axum::http::{HeaderMap, header};
use hearth_domain::access::{Permission, roles_grant};
use hearth_store::{SessionUser, SignedOutBecause, UserId};
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// The person behind a request, put in the request's extensions by the session middleware.
#[derive(Clone, Debug)]
pub struct Viewer {
    pub user: Option<SessionUser>,
    /// The session cookie's value, when it named a live session.
    pub session_token: Option<String>,
    /// The token every form on the page must send back (checked on every state-changing request).
    pub form_token: String,
    /// Set when a session cookie came in but no longer signs anyone in.
    pub signed_out_because: Option<SignedOutBecause>,
    /// The client's address, for audit and rate limiting.
    pub client_addr: String,
    /// Whose session this was, when it has just timed out (so a form they sent is kept).
    pub timed_out_user: Option<UserId>,
    /// The action just finished, for the page to say so (`crate::done`; staff only).
    pub done: Option<crate::done::Done>,
}

impl Viewer {
    pub fn can(&self, permission: Permission) -> bool {
        self.user.as_ref().is_some_and(|u| u.user.active && roles_grant(&u.user.roles, permission))
    }

    pub fn user_id(&self) -> Option<&UserId> {
        self.user.as_ref().map(|u| &u.user.id)
    }

    /// The audit context for actions this person takes now.
    pub fn audit(&self, state: &AppState) -> hearth_store::AuditContext {
        hearth_store::AuditContext {
            actor: match self.user_id() {
                Some(id) => hearth_store::Actor::User(id.clone()),
                None => hearth_store::Actor::Anonymous,
            },
            client_addr: Some(self.client_addr.clone()),
            now: state.clock.now(),
        }
    }
}

/// The value of one cookie from the request.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_owned())
        .filter(|v| !v.is_empty() && v.len() <= 128 && v.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// A `Set-Cookie` value. Production cookies are `Secure` (their `__Host-` names demand it).
/// Adds a `Set-Cookie` header made by [`set_cookie`].
pub fn append_cookie(headers: &mut axum::http::HeaderMap, value: &str) {
    if let Ok(v) = axum::http::HeaderValue::from_str(value) {
        headers.append(axum::http::header::SET_COOKIE, v);
    }
}

pub fn set_cookie(name: &str, value: &str, production: bool, same_site: &str, max_age: Option<i64>) -> String {
    let mut cookie = format!("{name}={value}; Path=/; HttpOnly; SameSite={same_site}");
    if production {
        cookie.push_str("; Secure");
    }
    if let Some(age) = max_age {
        cookie.push_str(&format!("; Max-Age={age}"));
    }
    cookie
}

/// The form token for a visitor who is not signed in: a keyed hash of their form cookie, so that
/// nobody without the server's secret can make a matching pair.
pub fn anonymous_form_token(secret: &str, form_cookie: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes any key length");
    mac.update(b"hearth-form-token:");
    mac.update(form_cookie.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// A keyed digest of something a person gave (an email address), to count it by without
/// keeping it: nobody without the server's secret can tell what it was.
pub fn keyed_digest(secret: &str, purpose: &str, value: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes any key length");
    mac.update(purpose.as_bytes());
    mac.update(b":");
    mac.update(value.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// Compares two tokens in constant time.
pub fn tokens_match(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_one_cookie_among_many() {
        let mut headers = HeaderMap::new();
        headers.insert(header::COOKIE, "a=1; hearth_session=abc123; b=2".parse().unwrap());
        assert_eq!(cookie(&headers, "hearth_session").as_deref(), Some("abc123"));
        assert_eq!(cookie(&headers, "missing"), None);
        headers.insert(header::COOKIE, "hearth_session=bad value;".parse().unwrap());
        assert_eq!(cookie(&headers, "hearth_session"), None);
    }

    #[test]
    fn anonymous_tokens_depend_on_the_secret() {
        let a = anonymous_form_token("one secret", "cookie");
        assert_eq!(a, anonymous_form_token("one secret", "cookie"));
        assert_ne!(a, anonymous_form_token("another secret", "cookie"));
        assert!(tokens_match(&a, &a.clone()));
        assert!(!tokens_match(&a, "short"));
    }
}
