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
    let before = app.db.store.reminders_due(now, 100).await.unwrap().len();
    assert!(before > 0);
    run_jobs(&app).await;
    assert_eq!(app.db.store.reminders_due(now, 100).await.unwrap().len(), before);
    assert_eq!(app.audit_count("directory-review-reminder-sent").await, 0);
    app.cleanup().await;
}
