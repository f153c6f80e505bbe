//! Cross-site request protection and the security headers.

use crate::helpers::TestApp;
use axum::http::StatusCode;
use hearth_domain::access::Role;
use hearth_web::WebConfig;

#[tokio::test]
async fn a_cross_origin_post_is_refused() {
    let app = TestApp::spawn().await;
    let mut admin = app.browser_as(Role::Administrator).await;
    admin.get("/admin/users/new").await;
    admin.origin = Some("http://evil.example".into());
    let page = admin.post("/admin/users/new", &[("name", "Mallory"), ("email", "mallory@evil.example")]).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    page.assert_contains("Your form could not be sent");
    assert_eq!(app.audit_count("user-created").await, Role::ALL.len() as u64, "nothing was created");
    app.cleanup().await;
}

#[tokio::test]
async fn a_post_without_the_form_token_is_refused() {
    let app = TestApp::spawn().await;
    let mut admin = app.browser_as(Role::Administrator).await;
    admin.get("/admin/users/new").await;
    let user = app.user_id(Role::Practitioner).await;
    let missing = admin.post_raw(&format!("/admin/users/{user}/active"), "active=no".into()).await;
    assert_eq!(missing.status, StatusCode::FORBIDDEN);
    let wrong = admin.post_raw(&format!("/admin/users/{user}/active"), "active=no&_csrf=0000".into()).await;
    assert_eq!(wrong.status, StatusCode::FORBIDDEN);
    // No Origin, but the browser says the request came from another site.
    admin.origin = None;
    let request = axum::http::Request::post(format!("/admin/users/{user}/active"))
        .header("host", crate::helpers::HOST)
        .header("sec-fetch-site", "cross-site")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("cookie", format!("hearth_session={}", admin.cookies["hearth_session"]))
        .body(axum::body::Body::from(format!("active=no&_csrf={}", admin.form_token.clone().unwrap())))
        .unwrap();
    assert_eq!(admin.send(request).await.status, StatusCode::FORBIDDEN);
    assert!(app.db.store.user(&user).await.unwrap().unwrap().active);
    // With the token and from our own origin it works.
    admin.origin = Some(crate::helpers::ORIGIN.into());
    assert_eq!(
        admin.post(&format!("/admin/users/{user}/active"), &[("active", "no")]).await.status,
        StatusCode::SEE_OTHER
    );
    assert!(!app.db.store.user(&user).await.unwrap().unwrap().active);
    app.cleanup().await;
}

#[tokio::test]
async fn the_sign_in_form_is_protected_before_anyone_signs_in() {
    let app = TestApp::spawn().await;
    let who = app.demo(Role::Practitioner).clone();
    let mut browser = app.browser();
    browser.get("/sign-in").await;
    // A token from another visitor's cookie does not fit this visitor's cookie.
    let mut other = app.browser();
    other.get("/sign-in").await;
    browser.form_token = other.form_token.clone();
    let page = browser.post("/sign-in", &[("email", &who.email), ("password", &who.password)]).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    app.cleanup().await;
}

#[tokio::test]
async fn every_page_carries_the_security_headers() {
    let app = TestApp::spawn().await;
    let mut browser = app.browser();
    for path in ["/", "/sign-in", "/no-such-page", "/health"] {
        let page = browser.get(path).await;
        let csp = page.header("content-security-policy");
        assert!(csp.contains("script-src 'self'") && csp.contains("style-src 'self'"), "{path}: {csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{path}");
        assert!(!csp.contains("unsafe-inline"), "{path}");
        assert_eq!(page.header("x-content-type-options"), "nosniff", "{path}");
        assert_eq!(page.header("referrer-policy"), "same-origin", "{path}");
        assert!(page.header("permissions-policy").contains("camera=()"), "{path}");
        assert!(!page.header("x-request-id").is_empty(), "{path}");
        assert_eq!(page.header("strict-transport-security"), "", "no HSTS outside production");
    }
    // No inline script or style anywhere, so the policy can forbid them.
    let home = browser.get("/").await;
    assert!(!home.body.contains("<script>") && !home.body.contains("style=\""));
    app.cleanup().await;
}

#[tokio::test]
async fn production_uses_host_cookies_and_hsts() {
    let config = WebConfig {
        production: true,
        secret_key: "a".repeat(64),
        public_url: Some("https://hearth.test".parse().unwrap()),
        ..WebConfig::default()
    };
    config.check().unwrap();
    let app = TestApp::with_config(config).await;
    let mut browser = app.browser();
    browser.origin = Some("https://hearth.test".into());
    let page = browser.get("/sign-in").await;
    assert_eq!(page.header("strict-transport-security"), "max-age=63072000; includeSubDomains");
    assert!(page.header("set-cookie").starts_with("__Host-hearth_form="));
    assert!(page.header("set-cookie").contains("; Secure"));
    let who = app.demo(Role::Practitioner).clone();
    let signed_in = browser.post("/sign-in", &[("email", &who.email), ("password", &who.password)]).await;
    assert_eq!(signed_in.status, StatusCode::SEE_OTHER, "{}", signed_in.body);
    let cookie = signed_in.header("set-cookie");
    assert!(
        cookie.starts_with("__Host-hearth_session=") && cookie.contains("; Secure") && cookie.contains("Path=/"),
        "{cookie}"
    );
    // The public address, not the Host header, decides what counts as our origin.
    browser.origin = Some("http://hearth.test".into());
    assert_eq!(browser.post("/sign-out", &[]).await.status, StatusCode::FORBIDDEN);
    app.cleanup().await;
}
