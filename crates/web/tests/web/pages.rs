//! Page structure every page must have (the browser suite adds axe on top), health, and the
//! real server on a real port.

use crate::helpers::TestApp;
use axum::http::StatusCode;
use hearth_domain::access::Role;

/// The checks that need no browser: language, one main heading, a skip link, a title, and a label
/// for every input.
pub fn assert_well_formed(path: &str, html: &str) {
    assert!(html.starts_with("<!DOCTYPE html>"), "{path}");
    assert!(html.contains("<html lang=\"en-GB\""), "{path}: lang");
    assert_eq!(html.matches("<h1").count(), 1, "{path}: exactly one h1");
    assert!(html.contains("<a href=\"#main-content\" class=\"govuk-skip-link\""), "{path}: skip link");
    assert!(html.contains("id=\"main-content\""), "{path}: skip link target");
    let title = html.split("<title>").nth(1).and_then(|t| t.split("</title>").next()).unwrap_or("");
    assert!(title.len() > 10, "{path}: title {title:?}");
    for input in html.split("<input").skip(1) {
        let tag = input.split('>').next().unwrap();
        if tag.contains("type=\"hidden\"") {
            continue;
        }
        let id = tag
            .split("id=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .unwrap_or_else(|| panic!("{path}: input without id: {tag}"));
        assert!(html.contains(&format!("for=\"{id}\"")), "{path}: input {id} has no label");
    }
    assert!(!html.contains("GDS Transport") && !html.contains("govuk-crest"), "{path}: no GOV.UK branding");
}

#[tokio::test]
async fn every_page_is_well_formed_signed_out_and_signed_in() {
    let app = TestApp::spawn().await;
    let mut anonymous = app.browser();
    for path in ["/", "/accessibility", "/cookies", "/sign-in", "/signed-out", "/no-such-page"] {
        let page = anonymous.get(path).await;
        assert_well_formed(path, &page.body);
    }
    let errors = anonymous.sign_in("", "").await;
    assert_well_formed("/sign-in with errors", &errors.body);

    let user = app.user_id(Role::Practitioner).await;
    let mut admin = app.browser_as(Role::Administrator).await;
    for path in [
        "/staff".to_owned(),
        "/admin/users".into(),
        "/admin/users/new".into(),
        format!("/admin/users/{user}"),
        "/admin/roles".into(),
        "/admin/audit".into(),
    ] {
        let page = admin.get(&path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert_well_formed(&path, &page.body);
        page.assert_contains("Signed in as");
    }
    let mut practitioner = app.browser_as(Role::Practitioner).await;
    assert_well_formed("403", &practitioner.get("/admin/users").await.body);
    app.cleanup().await;
}

#[tokio::test]
async fn the_demo_council_is_labelled_as_made_up() {
    let app = TestApp::spawn().await;
    let page = app.browser().get("/").await;
    page.assert_contains("Wrenfield Borough Council (demo)");
    page.assert_contains("The council, its staff and everyone in it are made up.");
    app.cleanup().await;
}

#[tokio::test]
async fn assets_are_served_and_carry_no_branding() {
    let app = TestApp::spawn().await;
    let mut browser = app.browser();
    let css = browser.get("/assets/hearth.css").await;
    assert_eq!(css.status, StatusCode::OK);
    assert_eq!(css.header("content-type"), "text/css; charset=utf-8");
    assert!(css.body.contains(".govuk-button") && css.body.contains("arial"));
    assert!(!css.body.contains("GDS Transport") && !css.body.contains("@font-face"));
    assert_eq!(browser.get("/assets/govuk-frontend.min.js").await.status, StatusCode::OK);
    browser.get("/assets/hearth.mjs").await.assert_contains("initAll");
    assert_eq!(browser.get("/assets/../Cargo.toml").await.status, StatusCode::NOT_FOUND);
    app.cleanup().await;
}

#[tokio::test]
async fn health_reports_the_engine_and_the_database_state() {
    let app = TestApp::spawn().await;
    let page = app.browser().get("/health").await;
    assert_eq!(page.status, StatusCode::OK);
    let health: serde_json::Value = serde_json::from_str(&page.body).unwrap();
    assert_eq!(health["status"], "ok");
    assert_eq!(health["database"], app.db.engine().name());
    assert_eq!(health["version"], env!("CARGO_PKG_VERSION"));

    // With the database gone, health says so (and pages say so, without internals).
    app.db.store.clone().close().await.unwrap();
    let page = app.browser().get("/health").await;
    assert_eq!(page.status, StatusCode::SERVICE_UNAVAILABLE);
    let health: serde_json::Value = serde_json::from_str(&page.body).unwrap();
    assert_eq!(health["status"], "unavailable");
    let start = app.browser().get("/").await;
    assert_eq!(start.status, StatusCode::SERVICE_UNAVAILABLE);
    start.assert_contains("Sorry, the service is unavailable");
    app.cleanup().await;
}

#[tokio::test]
async fn the_real_server_answers_on_a_real_port() {
    let app = TestApp::spawn().await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(hearth_web::serve(listener, app.state.clone(), async {
        let _ = stopped.await;
    }));
    let health: serde_json::Value =
        reqwest::get(format!("http://{address}/health")).await.unwrap().json().await.unwrap();
    assert_eq!(health["status"], "ok");
    // The worker on this node picks up queued jobs.
    let now = app.state.clock.now();
    app.db
        .store
        .jobs()
        .enqueue_job(hearth_web::jobs::PURGE_EXPIRED, serde_json::json!({}), now, None, now)
        .await
        .unwrap();
    let mut done = false;
    for _ in 0..100 {
        if app.db.store.jobs().job_counts().await.unwrap().iter().all(|(status, _)| status == "done") {
            done = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(done, "the worker ran the jobs");
    stop.send(()).unwrap();
    server.await.unwrap().unwrap();
    app.cleanup().await;
}

/// Issue 16: the public pages people read first are written for a reading age of 9 or under
/// (Flesch-Kincaid grade plus 5), measured on the main text of each page.
#[tokio::test]
async fn the_public_pages_read_first_are_plain() {
    let app = TestApp::spawn().await;
    let mut b = app.browser();
    let results = b.get("/find-support?q=memory").await;
    let service = results
        .body
        .split("href=\"/find-support/services/")
        .nth(1)
        .unwrap()
        .split(['"', '?'])
        .next()
        .unwrap()
        .to_owned();
    let service = format!("/find-support/services/{service}");
    for path in ["/", "/find-support", "/find-support?q=memory", &service, "/paying-for-care", "/ask-for-help"] {
        let page = b.get(path).await;
        assert_eq!(page.status, axum::http::StatusCode::OK, "{path}");
        // The filters' labels are the council's own names for its categories and access needs
        // ("Mental health and wellbeing"), a list to pick from rather than words to read.
        let body = match (page.body.find("data-filter-panel"), page.body.find("id=\"results\"")) {
            (Some(from), Some(to)) => format!("{}{}", &page.body[..from], &page.body[to..]),
            _ => page.body.clone(),
        };
        let text = crate::helpers::words_between(&body, "id=\"main-content\"", "</main>");
        let age = hearth_domain::assessments::letters::reading_age(&text);
        println!("{path}: reading age {age:.1}");
        let most = 9.0;
        assert!(age <= most, "{path}: reading age {age:.1}:\n{text}");
    }
    app.cleanup().await;
}
