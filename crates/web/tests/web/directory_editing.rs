//! Keeping the directory true: providers' edits wait for approval, editors decide, and providers
//! of services due a review are reminded by email (through a real SMTP conversation).

use crate::helpers::TestApp;
use crate::smtp::SmtpReceiver;
use chrono::Duration;
use hearth_web::WebConfig;
use hearth_web::jobs::{run_due_jobs, schedule_housekeeping};

async fn run_jobs(app: &TestApp) {
    schedule_housekeeping(&app.state).await.unwrap();
    run_due_jobs(&app.state, "node-a").await.unwrap();
}

#[tokio::test]
async fn providers_of_services_due_a_review_are_emailed_at_most_once_per_interval() {
    let smtp = SmtpReceiver::start().await;
    let config = WebConfig {
        smtp_url: Some(smtp.url.clone()),
        mail_from: "Wrenfield directory <directory@wrenfield.example>".into(),
        public_url: Some("https://care.wrenfield.example".parse().unwrap()),
        ..Default::default()
    };
    let app = TestApp::with_config(config).await;
    let now = app.state.clock.now();
    let due: Vec<_> = app
        .db
        .store
        .directory()
        .services_due_review(now, 100)
        .await
        .unwrap()
        .into_iter()
        .filter(|d| d.reminder_to.is_some())
        .collect();
    assert!(due.len() >= 2, "the demo council has services due a review");

    run_jobs(&app).await;
    let sent = smtp.received();
    assert_eq!(sent.len(), due.len());
    for service in &due {
        let message = sent.iter().find(|m| m.to == [service.reminder_to.clone().unwrap()]).expect("one each");
        assert!(message.subject().contains("Please check your entry"), "{}", message.subject());
        let text = message.text();
        assert!(text.contains(&format!("https://care.wrenfield.example/find-support/services/{}", service.id)));
        assert!(text.contains(&format!("\"{}\" is listed", service.name)), "{text}");
        assert!(text.contains(r#"From: "Wrenfield directory" <directory@wrenfield.example>"#), "{text}");
    }
    assert_eq!(app.audit_count("directory-review-reminder-sent").await, due.len() as u64);

    // Tomorrow's run sends nothing new: the interval (30 days by default) has not passed.
    app.state.clock.advance(Duration::days(1));
    run_jobs(&app).await;
    assert_eq!(smtp.received().len(), due.len());

    // A month on, they are reminded again.
    app.state.clock.advance(Duration::days(30));
    run_jobs(&app).await;
    assert!(smtp.received().len() >= 2 * due.len());
    app.cleanup().await;
}

#[tokio::test]
async fn without_email_set_up_no_reminder_is_recorded_as_sent() {
    let app = TestApp::spawn().await;
    let now = app.state.clock.now();
    let before = app.db.store.directory().reminders_due(now, 100).await.unwrap().len();
    assert!(before > 0);
    run_jobs(&app).await;
    assert_eq!(app.db.store.directory().reminders_due(now, 100).await.unwrap().len(), before);
    assert_eq!(app.audit_count("directory-review-reminder-sent").await, 0);
    app.cleanup().await;
}

mod workflow {
    use crate::helpers::TestApp;
    use crate::pages::assert_well_formed;
    use axum::http::StatusCode;
    use hearth_domain::access::Role;
    use hearth_domain::demo_directory::demo_provider_organisation;
    use hearth_domain::directory::hsds::Service;

    /// One of the demo provider's services and one of someone else's.
    async fn services(app: &TestApp) -> (Service, Service) {
        let all = app.db.store.directory().services(1, 100, false).await.unwrap().services;
        let ours = demo_provider_organisation();
        let mine = all.iter().find(|s| s.organization_id.as_ref() == Some(&ours)).unwrap().clone();
        let theirs = all.iter().find(|s| s.organization_id.as_ref() != Some(&ours)).unwrap().clone();
        (mine, theirs)
    }

    fn fields(s: &Service, description: &str) -> Vec<(&'static str, String)> {
        vec![
            ("name", s.name.clone()),
            ("description", description.to_owned()),
            ("status", "active".into()),
            ("email", s.email.clone().unwrap_or_default()),
            ("phone", "01632 960 123".into()),
            ("cost", "free".into()),
            ("fees_description", "Free".into()),
        ]
    }

    fn as_refs<'a>(fields: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
        fields.iter().map(|(k, v)| (*k, v.as_str())).collect()
    }

    #[tokio::test]
    async fn a_providers_edit_waits_for_an_editor_then_appears_with_its_metadata() {
        let app = TestApp::spawn().await;
        let (mine, theirs) = services(&app).await;
        let mut provider = app.browser_as(Role::ProviderEditor).await;

        let list = provider.get("/directory/services").await;
        assert_eq!(list.status, StatusCode::OK);
        assert_well_formed("/directory/services", &list.body);
        list.assert_contains(&mine.name.replace('\'', "&#39;"));
        assert!(!list.body.contains(&theirs.name.replace('\'', "&#39;")), "only their own organisation's entries");
        assert_eq!(
            provider.get(&format!("/directory/services/{}/edit", theirs.id)).await.status,
            StatusCode::FORBIDDEN
        );
        let form = provider.get(&format!("/directory/services/{}/edit", mine.id)).await;
        assert_eq!(form.status, StatusCode::OK);
        assert_well_formed("edit", &form.body);
        form.assert_contains("Send for approval");

        let sent = provider
            .post(
                &format!("/directory/services/{}/edit", mine.id),
                &as_refs(&fields(&mine, "Now with a knitting circle.")),
            )
            .await;
        assert_eq!(
            (sent.status, sent.location()),
            (StatusCode::SEE_OTHER, format!("/directory/services/{}?sent=1", mine.id).as_str())
        );
        let mut public = app.browser();
        let page = public.get(&format!("/find-support/services/{}", mine.id)).await;
        assert!(!page.body.contains("knitting circle"), "the public sees the approved version until approval");
        public.get("/find-support?q=knitting").await.assert_contains("No results");
        provider.get("/directory/services").await.assert_contains("Waiting for approval");

        // An editor sees the change field by field and approves it.
        let mut editor = app.browser_as(Role::DirectoryEditor).await;
        let queue = editor.get("/directory").await;
        queue.assert_contains("Changes waiting for approval (1)");
        let change = app.db.store.directory().pending_changes().await.unwrap().remove(0);
        let diff = editor.get(&format!("/directory/changes/{}", change.id)).await;
        assert_well_formed("diff", &diff.body);
        diff.assert_contains("<code>description</code>");
        diff.assert_contains("Now with a knitting circle.");
        diff.assert_contains(&mine.description.clone().unwrap().replace('\'', "&#39;"));
        let approved = editor.post(&format!("/directory/changes/{}/approve", change.id), &[]).await;
        assert_eq!(approved.location(), "/directory?done=1");
        public.get(&format!("/find-support/services/{}", mine.id)).await.assert_contains("Now with a knitting circle.");
        let api = public.get(&format!("/api/oruk/v3/services/{}", mine.id)).await;
        let json: serde_json::Value = serde_json::from_str(&api.body).unwrap();
        let editor_email = app.demo(Role::DirectoryEditor).email.clone();
        assert_eq!(json["assurer_email"], editor_email.as_str());
        assert_eq!(json["assured_date"], app.state.clock.now().format("%Y-%m-%d").to_string());
        let meta = json["metadata"].as_array().unwrap();
        assert!(meta.iter().any(|m| m["field_name"] == "description"
            && m["replacement_value"] == "Now with a knitting circle."
            && m["updated_by"] == editor_email.as_str()));
        assert_eq!(app.audit_count("directory-change-approved").await, 1);
        app.cleanup().await;
    }

    #[tokio::test]
    async fn a_rejected_edit_needs_a_reason_which_the_provider_then_sees() {
        let app = TestApp::spawn().await;
        let (mine, _) = services(&app).await;
        let mut provider = app.browser_as(Role::ProviderEditor).await;
        provider.get(&format!("/directory/services/{}/edit", mine.id)).await;
        provider.post(&format!("/directory/services/{}/edit", mine.id), &as_refs(&fields(&mine, "Cheaper!"))).await;
        let change = app.db.store.directory().pending_changes().await.unwrap().remove(0);

        let mut editor = app.browser_as(Role::DirectoryEditor).await;
        editor.get(&format!("/directory/changes/{}", change.id)).await;
        let empty = editor.post(&format!("/directory/changes/{}/reject", change.id), &[("reason", " ")]).await;
        assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
        empty.assert_contains("Say why the change is not approved");
        let rejected = editor
            .post(
                &format!("/directory/changes/{}/reject", change.id),
                &[("reason", "Please describe what happens there.")],
            )
            .await;
        assert_eq!(rejected.location(), "/directory?done=1");
        let mine_now = provider.get("/directory/services").await;
        mine_now.assert_contains("Not approved");
        mine_now.assert_contains("Please describe what happens there.");
        assert!(
            !app.db
                .store
                .directory()
                .service(&mine.id)
                .await
                .unwrap()
                .unwrap()
                .description
                .unwrap()
                .contains("Cheaper")
        );
        app.cleanup().await;
    }

    #[tokio::test]
    async fn an_editors_edit_is_published_at_once_and_bad_input_is_explained_and_kept() {
        let app = TestApp::spawn().await;
        let (_, theirs) = services(&app).await;
        let mut editor = app.browser_as(Role::DirectoryEditor).await;
        let path = format!("/directory/services/{}/edit", theirs.id);
        editor.get(&path).await.assert_contains("Save and publish");

        let mut bad = fields(&theirs, "A kept description");
        for (key, value) in [("email", "not an email"), ("cost", "charge")] {
            bad.iter_mut().find(|(k, _)| *k == key).unwrap().1 = value.to_owned();
        }
        bad.extend([
            ("minimum_age", "70".to_owned()),
            ("maximum_age", "12".to_owned()),
            ("cost_amount", "two pounds".to_owned()),
            ("contact_email", "nobody".to_owned()),
        ]);
        let refused = editor.post(&path, &as_refs(&bad)).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_well_formed("errors", &refused.body);
        refused.assert_contains("There is a problem");
        refused.assert_contains("Enter an email address in the right form");
        refused.assert_contains("Enter the charge in pounds and pence");
        refused.assert_contains("Enter the contact&#39;s email address in the right form");
        refused.assert_contains("The oldest age must be the same as or more than the youngest age");
        refused.assert_contains("A kept description");
        assert_eq!(app.db.store.directory().service(&theirs.id).await.unwrap().unwrap(), theirs, "nothing saved");

        let saved = editor.post(&path, &as_refs(&fields(&theirs, "Updated by the council."))).await;
        assert_eq!(saved.location(), format!("/directory/services/{}?saved=1", theirs.id));
        let now = app.db.store.directory().service(&theirs.id).await.unwrap().unwrap();
        assert_eq!(now.description.as_deref(), Some("Updated by the council."));
        assert_eq!(now.assurer_email.as_deref(), Some(app.demo(Role::DirectoryEditor).email.as_str()));
        assert_eq!(now.phones[0].number, "01632 960 123");
        app.cleanup().await;
    }

    #[tokio::test]
    async fn editors_see_entries_due_a_check_change_the_periods_and_export_every_entry() {
        let app = TestApp::spawn().await;
        let mut editor = app.browser_as(Role::DirectoryEditor).await;
        let home = editor.get("/directory").await;
        assert_well_formed("/directory", &home.body);
        home.assert_contains("<title>Directory - Hearth");
        home.assert_contains("Entries due a check");
        home.assert_contains("Long overdue");
        home.assert_contains("Email is not set up");

        let due = app.db.store.directory().services_due_review(app.state.clock.now(), 100).await.unwrap();
        let checked = editor.post(&format!("/directory/services/{}/checked", due[0].id), &[]).await;
        assert_eq!(checked.location(), "/directory?done=1");
        let after = app.db.store.directory().services_due_review(app.state.clock.now(), 100).await.unwrap();
        assert_eq!(after.len(), due.len() - 1);

        let bad = editor
            .post(
                "/directory/review-periods",
                &[("due_after_months", "0"), ("flag_after_months", "12"), ("remind_every_days", "30")],
            )
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        bad.assert_contains("Enter the months before a review is due");
        editor
            .post(
                "/directory/review-periods",
                &[("due_after_months", "6"), ("flag_after_months", "18"), ("remind_every_days", "14")],
            )
            .await;
        assert_eq!(app.db.store.directory().review_policy().await.unwrap().due_after_months, 6);

        let csv = editor.get("/directory/export.csv").await;
        assert_eq!(csv.status, StatusCode::OK);
        assert!(csv.header("content-type").starts_with("text/csv"));
        assert!(csv.body.starts_with("id,name,organisation,status,email,phone"));
        assert_eq!(csv.body.lines().count(), 1 + app.db.store.directory().service_count().await.unwrap() as usize);
        assert_eq!(app.audit_count("directory-exported").await, 1);

        // Provider editors cannot reach the editors' queue or the export.
        let mut provider = app.browser_as(Role::ProviderEditor).await;
        assert_eq!(provider.get("/directory").await.status, StatusCode::FORBIDDEN);
        assert_eq!(provider.get("/directory/export.csv").await.status, StatusCode::FORBIDDEN);
        app.cleanup().await;
    }
}
