//! Administrators manage accounts and read the audit log, in pages.

use crate::helpers::TestApp;
use axum::http::StatusCode;
use hearth_domain::access::Role;

#[tokio::test]
async fn an_administrator_adds_an_account_and_changes_its_roles() {
    let app = TestApp::spawn().await;
    let mut admin = app.browser_as(Role::Administrator).await;
    admin.get("/admin/users/new").await;
    let bad = admin.post("/admin/users/new", &[("name", ""), ("email", "not an email"), ("password", "short")]).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    bad.assert_contains("<a href=\"#name\">Enter their full name</a>");
    bad.assert_contains("<a href=\"#email\">Enter an email address in the correct format");
    bad.assert_contains("<a href=\"#password\">Password must be 12 characters or more</a>");
    bad.assert_contains("value=\"not an email\"");

    let made = admin
        .post_raw(
            "/admin/users/new",
            format!(
                "_csrf={}&name=Rowan+Ashby&email=rowan.ashby%40wrenfield.example&roles=practitioner&roles=team-manager&password=a+fine+long+password",
                admin.form_token.clone().unwrap()
            ),
        )
        .await;
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
    let page = admin.get(made.location()).await;
    page.assert_contains("Account added");
    page.assert_contains("Rowan Ashby");
    let id = hearth_store::UserId::from(made.location().trim_start_matches("/admin/users/").split('?').next().unwrap());
    let user = app.db.store.accounts().user(&id).await.unwrap().unwrap();
    assert_eq!(user.roles, vec![Role::Practitioner, Role::TeamManager]);

    let taken = admin
        .post(
            "/admin/users/new",
            &[("name", "Twin"), ("email", "rowan.ashby@wrenfield.example"), ("password", "a fine long password")],
        )
        .await;
    taken.assert_contains("There is already a staff account with this email address");

    admin.get(&format!("/admin/users/{id}")).await;
    let saved = admin.post(&format!("/admin/users/{id}/roles"), &[("roles", "finance-officer")]).await;
    assert_eq!(saved.location(), format!("/admin/users/{id}?saved=1"));
    assert_eq!(app.db.store.accounts().user(&id).await.unwrap().unwrap().roles, vec![Role::FinanceOfficer]);
    assert_eq!(app.audit_count("role-removed").await, 2);

    // The new person can sign in with the password they were given.
    let mut rowan = app.browser();
    assert_eq!(
        rowan.sign_in("rowan.ashby@wrenfield.example", "a fine long password").await.status,
        StatusCode::SEE_OTHER
    );
    app.cleanup().await;
}

#[tokio::test]
async fn administrators_cannot_lock_themselves_out() {
    let app = TestApp::spawn().await;
    let me = app.user_id(Role::Administrator).await;
    let mut admin = app.browser_as(Role::Administrator).await;
    admin.get(&format!("/admin/users/{me}")).await;
    let page = admin.post(&format!("/admin/users/{me}/roles"), &[("roles", "practitioner")]).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("You cannot remove your own administrator role");
    let page = admin.post(&format!("/admin/users/{me}/active"), &[("active", "no")]).await;
    page.assert_contains("You cannot deactivate your own account");
    assert!(app.db.store.accounts().user(&me).await.unwrap().unwrap().active);
    app.cleanup().await;
}

#[tokio::test]
async fn a_locked_account_can_be_unlocked_by_an_administrator() {
    let app = TestApp::spawn().await;
    let who = app.demo(Role::Practitioner).clone();
    let mut browser = app.browser();
    for _ in 0..5 {
        browser.sign_in(&who.email, "wrong password here").await;
    }
    let id = app.user_id(Role::Practitioner).await;
    let mut admin = app.browser_as(Role::Administrator).await;
    let list = admin.get("/admin/users").await;
    list.assert_contains("Locked");
    admin.get(&format!("/admin/users/{id}")).await.assert_contains("Unlock account");
    assert_eq!(admin.post(&format!("/admin/users/{id}/unlock"), &[]).await.status, StatusCode::SEE_OTHER);
    assert_eq!(browser.sign_in(&who.email, &who.password).await.status, StatusCode::SEE_OTHER);
    app.cleanup().await;
}

#[tokio::test]
async fn the_audit_log_can_be_searched_and_exported() {
    let app = TestApp::spawn().await;
    let who = app.demo(Role::Practitioner).clone();
    app.browser().sign_in(&who.email, "wrong password here").await;
    let mut admin = app.browser_as(Role::Administrator).await;

    let all = admin.get("/admin/audit").await;
    assert_eq!(all.status, StatusCode::OK);
    all.assert_contains("Showing 1 to");
    let failed = admin.get("/admin/audit?action=sign-in-failed").await;
    failed.assert_contains("Showing 1 to 1 of 1 events");
    failed.assert_contains("wrong-password");
    let by_person = admin.get(&format!("/admin/audit?person={}", who.email)).await;
    by_person.assert_contains("No events match.");
    let bad_date = admin.get("/admin/audit?from=31%2F02%2F2026").await;
    assert_eq!(bad_date.status, StatusCode::UNPROCESSABLE_ENTITY);
    bad_date.assert_contains("<a href=\"#from\">Enter a real date, like 22/11/2026</a>");
    let today = app.state.clock.now().format("%d/%m/%Y").to_string();
    admin.get(&format!("/admin/audit?from={today}&to={today}")).await.assert_contains("Showing 1 to");

    let csv = admin.get("/admin/audit/export.csv?action=sign-in-failed").await;
    assert_eq!(csv.status, StatusCode::OK);
    assert_eq!(csv.header("content-type"), "text/csv; charset=utf-8");
    assert!(csv.header("content-disposition").starts_with("attachment; filename=\"hearth-audit-"));
    let lines: Vec<_> = csv.body.lines().collect();
    assert_eq!(
        lines[0],
        "seq,occurred_at_utc,actor_user_id,actor_kind,action,record_type,record_id,client_addr,reason,details,prev_hash,hash"
    );
    assert_eq!(lines.len(), 2);
    assert!(lines[1].contains(",anonymous,sign-in-failed,user,"));
    assert_eq!(app.audit_count("audit-exported").await, 1, "exports are audited");
    // A record id, or an address, that a spreadsheet would run as a formula is written as text.
    let sly = hearth_store::AuditContext {
        actor: hearth_store::Actor::Anonymous,
        client_addr: Some("@SUM(1+1)".into()),
        now: chrono::Utc::now(),
    };
    let entry =
        hearth_store::AuditEntry::new("spreadsheet-check").record("note", "=HYPERLINK(\"https://evil.example\")");
    app.db.store.audit(&sly, entry).await.unwrap();
    let csv = admin.get("/admin/audit/export.csv?action=spreadsheet-check").await;
    let row = csv.body.lines().nth(1).unwrap().to_owned();
    assert!(row.contains(",\"'=HYPERLINK(\"\"https://evil.example\"\")\","), "{row}");
    assert!(row.contains(",'@SUM(1+1),"), "{row}");
    app.db.store.verify_audit().await.unwrap();
    app.cleanup().await;
}

#[tokio::test]
async fn an_administrator_sets_a_new_password_and_the_old_one_stops_working() {
    let app = TestApp::spawn().await;
    let who = app.demo(Role::Practitioner).clone();
    let id = app.user_id(Role::Practitioner).await;
    let mut their_browser = app.browser_as(Role::Practitioner).await;
    let mut admin = app.browser_as(Role::Administrator).await;
    admin.get(&format!("/admin/users/{id}")).await;
    let short = admin.post(&format!("/admin/users/{id}/password"), &[("password", "short")]).await;
    assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
    short.assert_contains("<a href=\"#password\">Password must be 12 characters or more</a>");
    let done = admin.post(&format!("/admin/users/{id}/password"), &[("password", "a brand new password")]).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    assert!(their_browser.get("/staff").await.location().starts_with("/sign-in"), "their sessions ended");
    let mut browser = app.browser();
    browser.sign_in(&who.email, &who.password).await.assert_contains("Enter a correct email address and password");
    assert_eq!(browser.sign_in(&who.email, "a brand new password").await.status, StatusCode::SEE_OTHER);
    assert_eq!(app.audit_count("password-set").await, 1);
    app.cleanup().await;
}

#[tokio::test]
async fn the_council_sets_the_name_and_numbers_residents_see_and_the_public_pages_show_them() {
    let app = TestApp::spawn().await;
    let mut resident = app.browser();
    // The demo council's lines: 999 and the out-of-hours line sit together, as tel: links.
    let start = resident.get("/").await;
    start.assert_contains("href=\"tel:999\"");
    start.assert_contains("href=\"tel:01632960002\"");
    start.assert_contains("emergency duty team");
    start.assert_contains("href=\"/privacy\"");
    // Residents see the service's name, not the software's.
    assert!(!start.body.contains("govuk-service-navigation__link\">Hearth<"), "residents do not see 'Hearth'");
    let privacy = resident.get("/privacy").await;
    assert_eq!(privacy.status, StatusCode::OK);
    privacy.assert_contains("Article 6(1)(e)");
    privacy.assert_contains("mailto:dataprotection@council.example");
    resident.get("/ask-for-help").await.assert_contains("href=\"/privacy\"");

    let mut admin = app.browser_as(Role::Administrator).await;
    let form = admin.get("/admin/council").await;
    assert_eq!(form.status, StatusCode::OK);
    let token = crate::helpers::hidden_value(&form.body, "edit_token").expect("the form carries its edit token");
    // Three mistakes, three errors, each linked to its field; nothing is saved.
    let wrong = admin
        .post(
            "/admin/council",
            &[
                ("edit_token", token.as_str()),
                ("council_name", " "),
                ("out_of_hours_phone", "call us"),
                ("privacy_email", "not an address"),
            ],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    for field in ["council_name", "out_of_hours_phone", "privacy_email"] {
        wrong.assert_contains(&format!("href=\"#{field}\""));
    }
    assert!(resident.get("/").await.body.contains("tel:01632960002"), "nothing was saved");

    let saved = admin
        .post(
            "/admin/council",
            &[
                ("edit_token", token.as_str()),
                ("council_name", "Tamsworth Council (demo)"),
                ("service_name", "Care and support in Tamsworth"),
                ("contact_phone", "01632 960 000"),
                ("out_of_hours_phone", "01632 960 999"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    saved.assert_contains("The council's details are saved");
    let start = resident.get("/").await;
    start.assert_contains("Care and support in Tamsworth");
    start.assert_contains("href=\"tel:01632960999\"");
    // A number left empty is left out of the pages.
    assert!(!start.body.contains("tel:01632960001"), "the cleared safeguarding line is not shown");
    assert!(app.audit_count("setting-changed").await > 0);

    // Someone else's stale form does not overwrite it.
    let stale = admin.post("/admin/council", &[("edit_token", token.as_str()), ("council_name", "Old name")]).await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert!(!resident.get("/").await.body.contains("Old name"));
    app.cleanup().await;
}
