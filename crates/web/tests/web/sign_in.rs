//! Signing in and out with a password: sessions, timeouts, lockout and rate limiting.

use crate::helpers::TestApp;
use axum::http::StatusCode;
use hearth_domain::access::Role;
use hearth_domain::sign_in::LockoutPolicy;
use hearth_web::WebConfig;

#[tokio::test]
async fn signing_in_starts_a_new_session_and_signing_out_ends_it() {
    let app = TestApp::spawn().await;
    let who = app.demo(Role::TeamManager).clone();
    let mut browser = app.browser();
    let page = browser.sign_in(&who.email, &who.password).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(page.location(), "/staff");
    let cookie = page.header("set-cookie");
    assert!(
        cookie.starts_with("hearth_session=") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    let first_session = browser.cookies["hearth_session"].clone();

    let home = browser.get("/staff").await;
    assert_eq!(home.status, StatusCode::OK);
    home.assert_contains(&format!("Hello, {}", who.name));
    assert_eq!(home.header("cache-control"), "no-store");

    // Signing in again, even in the same browser, gives a different session id.
    let again = browser.sign_in(&who.email, &who.password).await;
    assert_eq!(again.status, StatusCode::SEE_OTHER);
    assert_ne!(browser.cookies["hearth_session"], first_session);

    let stolen = browser.cookies["hearth_session"].clone();
    browser.get("/staff").await;
    let out = browser.post("/sign-out", &[]).await;
    assert_eq!(out.location(), "/signed-out");
    // A copy of the cookie taken before signing out no longer works: the server forgot it.
    let mut thief = app.browser();
    thief.cookies.insert("hearth_session".into(), stolen);
    assert!(thief.get("/staff").await.location().starts_with("/sign-in"));
    assert_eq!(app.audit_count("sign-in").await, 2);
    assert_eq!(app.audit_count("sign-out").await, 2);
    app.cleanup().await;
}

#[tokio::test]
async fn wrong_details_get_a_clear_error_linked_to_the_field() {
    let app = TestApp::spawn().await;
    let mut browser = app.browser();
    let empty = browser.sign_in("", "").await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    empty.assert_contains("<title>Error: Sign in");
    empty.assert_contains("<a href=\"#email\">Enter your email address</a>");
    empty.assert_contains("<a href=\"#password\">Enter your password</a>");

    let wrong = browser.sign_in(&app.demo(Role::Practitioner).email, "not the password").await;
    wrong.assert_contains("Enter a correct email address and password");
    // What was typed is kept, except the password.
    wrong.assert_contains(&format!("value=\"{}\"", app.demo(Role::Practitioner).email));
    let unknown = browser.sign_in("nobody@wrenfield.example", "not the password").await;
    unknown.assert_contains("Enter a correct email address and password");
    app.cleanup().await;
}

#[tokio::test]
async fn six_wrong_passwords_lock_the_account_for_fifteen_minutes() {
    let app = TestApp::spawn().await;
    let who = app.demo(Role::FinanceOfficer).clone();
    let mut browser = app.browser();
    for attempt in 1..=5 {
        let page = browser.sign_in(&who.email, "wrong password here").await;
        let locked = page.body.contains("Your account is locked");
        assert_eq!(locked, attempt == 5, "attempt {attempt}");
    }
    // The sixth try, even with the right password, is refused.
    let sixth = browser.sign_in(&who.email, &who.password).await;
    assert_eq!(sixth.status, StatusCode::UNPROCESSABLE_ENTITY);
    sixth.assert_contains("Your account is locked");
    // It holds on another node too: the lock is in the database.
    let mut other = crate::helpers::Browser::new(app.second_node(WebConfig::default()));
    other.sign_in(&who.email, &who.password).await.assert_contains("Your account is locked");
    assert_eq!(app.audit_count("account-locked").await, 1);

    app.state.clock.advance(chrono::Duration::minutes(16));
    assert_eq!(browser.sign_in(&who.email, &who.password).await.status, StatusCode::SEE_OTHER);
    app.cleanup().await;
}

#[tokio::test]
async fn made_up_addresses_lock_the_same_way() {
    let app = TestApp::spawn().await;
    let mut browser = app.browser();
    for _ in 0..5 {
        browser.sign_in("ghost@wrenfield.example", "wrong password here").await;
    }
    browser.sign_in("ghost@wrenfield.example", "wrong password here").await.assert_contains("Your account is locked");
    app.cleanup().await;
}

#[tokio::test]
async fn one_address_can_only_try_so_often() {
    let config = WebConfig {
        lockout: LockoutPolicy { max_attempts_per_address: 3, ..Default::default() },
        ..Default::default()
    };
    let app = TestApp::with_config(config).await;
    let mut browser = app.browser();
    for i in 0..3 {
        browser.sign_in(&format!("person{i}@wrenfield.example"), "wrong password here").await;
    }
    let refused = browser.sign_in("another@wrenfield.example", "wrong password here").await;
    assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);
    refused.assert_contains("You have tried too many times");
    app.cleanup().await;
}

#[tokio::test]
async fn idle_and_long_sessions_end() {
    let app = TestApp::spawn().await;
    let mut browser = app.browser_as(Role::Practitioner).await;
    assert_eq!(browser.get("/staff").await.status, StatusCode::OK);
    app.state.clock.advance(chrono::Duration::minutes(31));
    let page = browser.get("/staff").await;
    assert_eq!(page.location(), "/sign-in?return_to=%2Fstaff&timeout=1");
    let sign_in = browser.get(page.location()).await;
    sign_in.assert_contains("You were signed out to keep people");

    let mut busy = app.browser_as(Role::Practitioner).await;
    for _ in 0..24 {
        app.state.clock.advance(chrono::Duration::minutes(29));
        assert_eq!(busy.get("/staff").await.status, StatusCode::OK);
    }
    app.state.clock.advance(chrono::Duration::minutes(29));
    assert!(busy.get("/staff").await.location().starts_with("/sign-in"), "12 hours is the most");
    app.cleanup().await;
}

#[tokio::test]
async fn two_nodes_serve_one_signed_in_person() {
    let app = TestApp::spawn().await;
    let who = app.demo(Role::Administrator).clone();
    let mut on_a = app.browser();
    assert_eq!(on_a.sign_in(&who.email, &who.password).await.status, StatusCode::SEE_OTHER);
    let mut on_b = crate::helpers::Browser::new(app.second_node(WebConfig::default()));
    on_b.cookies = on_a.cookies.clone();
    let page = on_b.get("/admin/users").await;
    assert_eq!(page.status, StatusCode::OK);
    // A form from node A's page is accepted by node B.
    on_b.form_token = on_a.get("/staff").await.body.lines().find_map(crate::helpers::form_token_in);
    assert_eq!(on_b.post("/sign-out", &[]).await.location(), "/signed-out");
    assert!(on_a.get("/staff").await.location().starts_with("/sign-in"));
    app.cleanup().await;
}

#[tokio::test]
async fn returning_after_sign_in_stays_on_this_site() {
    let app = TestApp::spawn().await;
    let who = app.demo(Role::Administrator).clone();
    let mut browser = app.browser();
    let first = browser.get("/admin/users").await;
    assert_eq!(first.location(), "/sign-in?return_to=%2Fadmin%2Fusers");
    browser.get(first.location()).await;
    let page = browser
        .post("/sign-in", &[("email", &who.email), ("password", &who.password), ("return_to", "/admin/users")])
        .await;
    assert_eq!(page.location(), "/admin/users");
    let mut other = app.browser();
    other.get("/sign-in").await;
    let page = other
        .post("/sign-in", &[("email", &who.email), ("password", &who.password), ("return_to", "//evil.example/")])
        .await;
    assert_eq!(page.location(), "/staff");
    // Browsers drop a tab or line break from an address, so these would lead off the site; a
    // control character once made the sign-in fail with a server error.
    for (sneaky, lands) in [
        ("/\t/evil.example", "/staff"),
        ("/%09/evil.example", "/staff"),
        ("/\n/evil.example", "/staff"),
        ("/\\evil.example", "/staff"),
        // A NUL is taken out at the edge: what is left is a path on this site.
        ("/\u{0}x", "/x"),
    ] {
        let mut other = app.browser();
        let query = url::form_urlencoded::Serializer::new(String::new()).append_pair("return_to", sneaky).finish();
        let form = other.get(&format!("/sign-in?{query}")).await;
        assert_eq!(form.status, axum::http::StatusCode::OK);
        let page =
            other.post("/sign-in", &[("email", &who.email), ("password", &who.password), ("return_to", sneaky)]).await;
        assert_eq!((page.status, page.location()), (axum::http::StatusCode::SEE_OTHER, lands), "{sneaky:?}");
    }
    app.cleanup().await;
}
