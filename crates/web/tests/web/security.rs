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
    assert!(app.db.store.accounts().user(&user).await.unwrap().unwrap().active);
    // With the token and from our own origin it works.
    admin.origin = Some(crate::helpers::ORIGIN.into());
    assert_eq!(
        admin.post(&format!("/admin/users/{user}/active"), &[("active", "no")]).await.status,
        StatusCode::SEE_OTHER
    );
    assert!(!app.db.store.accounts().user(&user).await.unwrap().unwrap().active);
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
        secret_key: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08".into(),
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

#[tokio::test]
async fn public_forms_hold_their_limits_when_many_are_sent_at_once() {
    let app = TestApp::spawn().await;
    let before = app.db.store.front_door().new_contact_count().await.unwrap();
    // Twenty requests for help from one address, all sent at the same moment (interleaved on
    // one thread: each waits on the database while the others run).
    let mut browsers = Vec::new();
    for _ in 0..20 {
        let mut browser = app.browser();
        browser.get("/ask-for-help").await;
        browsers.push(browser);
    }
    let local = tokio::task::LocalSet::new();
    let accepted = local
        .run_until(async move {
            let sending: Vec<_> = browsers
                .into_iter()
                .enumerate()
                .map(|(i, mut browser)| {
                    tokio::task::spawn_local(async move {
                        let name = format!("Iris{i}");
                        let fields = [
                            ("for_self", "yes"),
                            ("given_name", name.as_str()),
                            ("family_name", "Penhallow"),
                            ("phone", "07700 900 318"),
                            ("what_is_happening", "I care for my husband and I am not sleeping."),
                            ("urgency", "not-urgent"),
                        ];
                        browser.post("/ask-for-help", &fields).await.status
                    })
                })
                .collect();
            let mut accepted = 0;
            for s in sending {
                if s.await.unwrap() == axum::http::StatusCode::OK {
                    accepted += 1;
                }
            }
            accepted
        })
        .await;
    assert_eq!(accepted, 10, "the limit is ten a day from one address");
    assert_eq!(app.db.store.front_door().new_contact_count().await.unwrap() - before, 10);
    // Reports of a problem have a limit too.
    let service = app.db.store.directory().services(1, 1, false).await.unwrap().services.remove(0);
    let mut reporter = app.browser();
    let path = format!("/find-support/services/{}/report", service.id);
    reporter.get(&path).await;
    let mut answers = Vec::new();
    for _ in 0..21 {
        answers.push(reporter.post(&path, &[("problem", "The phone number is wrong")]).await.status);
    }
    assert_eq!(answers.iter().filter(|s| **s == axum::http::StatusCode::OK).count(), 20);
    app.cleanup().await;
}

/// A TCP relay to the database that can be cut, as a failed network or database would be.
struct Relay {
    address: std::net::SocketAddr,
    tasks: std::sync::Arc<std::sync::Mutex<Vec<tokio::task::JoinHandle<()>>>>,
}

impl Relay {
    async fn to(target: String) -> Relay {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        let tasks: std::sync::Arc<std::sync::Mutex<Vec<tokio::task::JoinHandle<()>>>> = Default::default();
        let kept = tasks.clone();
        let accepting = tokio::spawn(async move {
            while let Ok((mut inbound, _)) = listener.accept().await {
                let target = target.clone();
                let task = tokio::spawn(async move {
                    if let Ok(mut outbound) = tokio::net::TcpStream::connect(target).await {
                        let _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound).await;
                    }
                });
                kept.lock().unwrap().push(task);
            }
        });
        tasks.lock().unwrap().push(accepting);
        Relay { address, tasks }
    }

    /// Cuts every connection and refuses new ones.
    fn cut(&self) {
        for task in self.tasks.lock().unwrap().drain(..) {
            task.abort();
        }
    }
}

#[tokio::test]
async fn with_the_database_out_of_reach_pages_say_so_within_a_second() {
    let app = TestApp::spawn().await;
    if app.db.engine() != hearth_store::Engine::Postgres {
        // SQLite is a file beside Hearth: it cannot be out of reach while Hearth runs.
        app.cleanup().await;
        return;
    }
    let url = url::Url::parse(app.db.url.expose()).unwrap();
    let target = format!("{}:{}", url.host_str().unwrap(), url.port().unwrap_or(5432));
    let relay = Relay::to(target).await;
    let mut through = url.clone();
    through.set_host(Some("127.0.0.1")).unwrap();
    through.set_port(Some(relay.address.port())).unwrap();
    let store =
        hearth_store::Store::connect(&hearth_store::DatabaseUrl::parse(through.as_str()).unwrap()).await.unwrap();
    let state = hearth_web::AppState::new(store, WebConfig::default());
    let mut browser = crate::helpers::Browser::new(hearth_web::app(state));
    assert_eq!(browser.get("/find-support?q=carers").await.status, StatusCode::OK);

    relay.cut();
    for path in ["/find-support?q=carers", "/", "/paying-for-care", "/find-support?q=lunch", "/sign-in"] {
        let started = std::time::Instant::now();
        let page = browser.get(path).await;
        let took = started.elapsed();
        assert_eq!(page.status, StatusCode::SERVICE_UNAVAILABLE, "{path}");
        page.assert_contains("Sorry, the service is unavailable");
        println!("{path}: {} in {took:?}", page.status);
        assert!(took < std::time::Duration::from_secs(1), "{path} took {took:?}");
    }
    app.cleanup().await;
}
