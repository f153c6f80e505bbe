//! Council single sign-on, against the fake identity provider.

use crate::fake_idp::FakeIdp;
use crate::helpers::{Browser, TestApp};
use axum::http::StatusCode;
use hearth_domain::access::Role;

/// Follows the whole round trip: Hearth -> provider -> Hearth's callback.
async fn sso_round_trip(browser: &mut Browser) -> (crate::helpers::Page, String) {
    let start = browser.get("/sign-in/sso?return_to=/admin/users").await;
    assert_eq!(start.status, StatusCode::SEE_OTHER);
    let authorize = url::Url::parse(start.location()).unwrap();
    let q: std::collections::HashMap<_, _> = authorize.query_pairs().into_owned().collect();
    assert_eq!(q["code_challenge_method"], "S256");
    assert!(!q["state"].is_empty() && !q["nonce"].is_empty());
    assert!(q["scope"].contains("openid"));
    // The provider is a real HTTP server; the browser follows its redirect back to us.
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let answer = client.get(authorize.as_str()).send().await.unwrap();
    assert_eq!(answer.status(), reqwest::StatusCode::SEE_OTHER, "{:?}", answer.text().await);
    let back = url::Url::parse(answer.headers()["location"].to_str().unwrap()).unwrap();
    assert_eq!(back.path(), "/sign-in/sso/callback");
    let callback = format!("{}?{}", back.path(), back.query().unwrap());
    (browser.get(&callback).await, callback)
}

#[tokio::test]
async fn a_council_account_signs_in_and_is_linked_by_email() {
    let idp = FakeIdp::start().await;
    let app = TestApp::with_config(idp.web_config()).await;
    let admin = app.demo(Role::Administrator).email.clone();
    idp.sign_in_as("council-subject-1", &admin);

    let mut browser = app.browser();
    let sign_in = browser.get("/sign-in").await;
    sign_in.assert_contains("Sign in with your Wrenfield account");
    let (done, callback) = sso_round_trip(&mut browser).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert_eq!(done.location(), "/admin/users");
    assert_eq!(browser.get("/admin/users").await.status, StatusCode::OK);
    assert_eq!(app.audit_count("single-sign-on-linked").await, 1);

    // The same callback cannot be used twice.
    let mut thief = app.browser();
    let replay = thief.get(&callback).await;
    assert_eq!(replay.status, StatusCode::BAD_REQUEST);
    assert!(thief.get("/staff").await.location().starts_with("/sign-in"));

    // Next time the subject alone finds the account, even if the email changed at the council.
    idp.sign_in_as("council-subject-1", "renamed@wrenfield.example");
    let mut again = app.browser();
    let (done, _) = sso_round_trip(&mut again).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    app.cleanup().await;
}

#[tokio::test]
async fn someone_without_a_hearth_account_is_turned_away() {
    let idp = FakeIdp::start().await;
    let app = TestApp::with_config(idp.web_config()).await;
    idp.sign_in_as("stranger", "stranger@wrenfield.example");
    let mut browser = app.browser();
    let (done, _) = sso_round_trip(&mut browser).await;
    assert_eq!(done.status, StatusCode::FORBIDDEN);
    done.assert_contains("you do not have a Hearth account");
    assert!(browser.get("/staff").await.location().starts_with("/sign-in"));
    assert_eq!(app.audit_count("sign-in-failed").await, 1);
    app.cleanup().await;
}

#[tokio::test]
async fn a_token_with_the_wrong_nonce_is_refused() {
    let idp = FakeIdp::start().await;
    let app = TestApp::with_config(idp.web_config()).await;
    idp.sign_in_as("council-subject-2", &app.demo(Role::Practitioner).email);
    idp.send_wrong_nonce();
    let mut browser = app.browser();
    let (done, _) = sso_round_trip(&mut browser).await;
    assert_eq!(done.status, StatusCode::BAD_REQUEST);
    done.assert_contains("We could not confirm who you are");
    assert!(browser.get("/staff").await.location().starts_with("/sign-in"));
    app.cleanup().await;
}

#[tokio::test]
async fn without_single_sign_on_configured_its_routes_do_not_exist() {
    let app = TestApp::spawn().await;
    let mut browser = app.browser();
    assert_eq!(browser.get("/sign-in/sso").await.status, StatusCode::NOT_FOUND);
    assert!(!browser.get("/sign-in").await.body.contains("Sign in with"));
    app.cleanup().await;
}
