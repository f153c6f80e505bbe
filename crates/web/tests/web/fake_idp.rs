//! A small OpenID Connect identity provider that the test suite runs itself, on 127.0.0.1. It
//! checks what a real one checks (client secret, redirect address, PKCE, one-time codes) and
//! signs real RS256 ID tokens with a throwaway test key.

use axum::extract::{Form, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use base64::Engine;
use hearth_web::{OidcConfig, WebConfig};
use openidconnect::core::{
    CoreIdToken, CoreIdTokenClaims, CoreJsonWebKeySet, CoreJwsSigningAlgorithm, CoreRsaPrivateSigningKey,
};
use openidconnect::{
    Audience, EmptyAdditionalClaims, EndUserEmail, IssuerUrl, JsonWebKeyId, Nonce, PrivateSigningKey, StandardClaims,
    SubjectIdentifier,
};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

pub const CLIENT_ID: &str = "hearth-test";
pub const CLIENT_SECRET: &str = "fake-idp-client-secret-for-tests";
const KEY_PEM: &str = include_str!("fixtures/fake-idp-key.pem");

/// Who "signs in" at the provider next.
#[derive(Clone, Debug)]
pub struct FakeUser {
    pub subject: String,
    pub email: String,
}

#[derive(Default)]
struct Inner {
    user: Option<FakeUser>,
    codes: HashMap<String, Grant>,
    wrong_nonce: bool,
}

struct Grant {
    nonce: String,
    challenge: String,
    redirect_uri: String,
    user: FakeUser,
}

#[derive(Clone)]
pub struct FakeIdp {
    pub issuer: String,
    inner: Arc<Mutex<Inner>>,
}

impl FakeIdp {
    pub async fn start() -> FakeIdp {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let issuer = format!("http://{}", listener.local_addr().unwrap());
        let idp = FakeIdp { issuer, inner: Arc::default() };
        let app = Router::new()
            .route("/.well-known/openid-configuration", get(discovery))
            .route("/authorize", get(authorize))
            .route("/token", post(token))
            .route("/jwks", get(jwks))
            .with_state(idp.clone());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        idp
    }

    pub fn web_config(&self) -> WebConfig {
        WebConfig {
            oidc: Some(OidcConfig {
                issuer_url: self.issuer.clone(),
                client_id: CLIENT_ID.into(),
                client_secret: CLIENT_SECRET.into(),
                label: "your Wrenfield account".into(),
            }),
            ..WebConfig::default()
        }
    }

    pub fn sign_in_as(&self, subject: &str, email: &str) {
        self.inner.lock().unwrap().user = Some(FakeUser { subject: subject.into(), email: email.into() });
    }

    /// Makes the provider put the wrong nonce in its tokens, as a replayed token would have.
    pub fn send_wrong_nonce(&self) {
        self.inner.lock().unwrap().wrong_nonce = true;
    }
}

fn key() -> CoreRsaPrivateSigningKey {
    CoreRsaPrivateSigningKey::from_pem(KEY_PEM, Some(JsonWebKeyId::new("test-key".into()))).expect("test key")
}

async fn discovery(State(idp): State<FakeIdp>) -> Json<serde_json::Value> {
    let i = &idp.issuer;
    Json(serde_json::json!({
        "issuer": i,
        "authorization_endpoint": format!("{i}/authorize"),
        "token_endpoint": format!("{i}/token"),
        "jwks_uri": format!("{i}/jwks"),
        "response_types_supported": ["code"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "scopes_supported": ["openid", "email", "profile"],
        "token_endpoint_auth_methods_supported": ["client_secret_basic"],
        "code_challenge_methods_supported": ["S256"]
    }))
}

async fn jwks() -> Json<CoreJsonWebKeySet> {
    Json(CoreJsonWebKeySet::new(vec![key().as_verification_key()]))
}

async fn authorize(State(idp): State<FakeIdp>, Query(q): Query<HashMap<String, String>>) -> Response {
    let get = |k: &str| q.get(k).cloned().unwrap_or_default();
    if get("client_id") != CLIENT_ID || get("response_type") != "code" || get("code_challenge_method") != "S256" {
        return (StatusCode::BAD_REQUEST, "bad authorisation request").into_response();
    }
    if get("state").is_empty() || get("nonce").is_empty() || get("code_challenge").is_empty() {
        return (StatusCode::BAD_REQUEST, "state, nonce and PKCE are required").into_response();
    }
    let mut inner = idp.inner.lock().unwrap();
    let Some(user) = inner.user.clone() else { return (StatusCode::UNAUTHORIZED, "nobody signed in").into_response() };
    let code = uuid::Uuid::new_v4().simple().to_string();
    inner.codes.insert(
        code.clone(),
        Grant { nonce: get("nonce"), challenge: get("code_challenge"), redirect_uri: get("redirect_uri"), user },
    );
    let mut target = url::Url::parse(&get("redirect_uri")).unwrap();
    target.query_pairs_mut().append_pair("code", &code).append_pair("state", &get("state"));
    Redirect::to(target.as_str()).into_response()
}

async fn token(State(idp): State<FakeIdp>, headers: HeaderMap, Form(form): Form<HashMap<String, String>>) -> Response {
    let expected =
        format!("Basic {}", base64::engine::general_purpose::STANDARD.encode(format!("{CLIENT_ID}:{CLIENT_SECRET}")));
    if headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()) != Some(expected.as_str()) {
        return (StatusCode::UNAUTHORIZED, Json(serde_json::json!({"error": "invalid_client"}))).into_response();
    }
    let get = |k: &str| form.get(k).cloned().unwrap_or_default();
    let (grant, wrong_nonce) = {
        let mut inner = idp.inner.lock().unwrap();
        (inner.codes.remove(&get("code")), inner.wrong_nonce)
    };
    let Some(grant) = grant else {
        return (StatusCode::BAD_REQUEST, Json(serde_json::json!({"error": "invalid_grant"}))).into_response();
    };
    let challenge =
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(Sha256::digest(get("code_verifier").as_bytes()));
    if challenge != grant.challenge || get("redirect_uri") != grant.redirect_uri {
        return (StatusCode::BAD_REQUEST, Json(serde_json::json!({"error": "invalid_grant"}))).into_response();
    }
    let now = chrono::Utc::now();
    let nonce = if wrong_nonce { "not-the-nonce".to_owned() } else { grant.nonce };
    let claims = CoreIdTokenClaims::new(
        IssuerUrl::new(idp.issuer.clone()).unwrap(),
        vec![Audience::new(CLIENT_ID.into())],
        now + chrono::Duration::minutes(5),
        now,
        StandardClaims::new(SubjectIdentifier::new(grant.user.subject))
            .set_email(Some(EndUserEmail::new(grant.user.email)))
            .set_email_verified(Some(true)),
        EmptyAdditionalClaims {},
    )
    .set_nonce(Some(Nonce::new(nonce)));
    let id_token = CoreIdToken::new(claims, &key(), CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256, None, None).unwrap();
    Json(serde_json::json!({
        "access_token": uuid::Uuid::new_v4().to_string(),
        "token_type": "Bearer",
        "expires_in": 300,
        "id_token": id_token.to_string(),
    }))
    .into_response()
}
