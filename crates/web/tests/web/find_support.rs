//! The public directory pages, on the demo council's directory.

use crate::helpers::TestApp;
use crate::pages::assert_well_formed;
use axum::http::StatusCode;
use hearth_store::ServiceId;

#[tokio::test]
async fn searching_by_words_postcode_and_filters() {
    let app = TestApp::spawn().await;
    let mut b = app.browser();
    let empty = b.get("/find-support").await;
    assert_eq!(empty.status, StatusCode::OK);
    assert_well_formed("/find-support", &empty.body);
    empty.assert_contains("Dementia and memory");

    let carers = b.get("/find-support?q=carers").await;
    assert_well_formed("words", &carers.body);
    carers.assert_contains("role=\"status\">Showing 1 to 4 of 4 results for \u{201c}carers\u{201d}");
    carers.assert_contains("Carers&#39; café");

    let near = b.get("/find-support?postcode=qw11aa&distance=1").await;
    near.assert_contains("within 1 miles of QW1 1AA");
    near.assert_contains("miles away");
    assert!(!near.body.contains("Talking therapies"), "QW5 is further than a mile");
    let first = near.body.find("Carers&#39; café").unwrap();
    let library = near.body.find("Over-60s lunch club").unwrap();
    assert!(first < library, "nearest first");

    let young = b.get("/find-support?age=12").await;
    young.assert_contains("Young carers");
    assert!(!young.body.contains("Over-60s lunch club"));
    let weekend = b.get("/find-support?day=weekend").await;
    weekend.assert_contains("Showing 1 to 2 of 2 results");
    let saturday_free = b.get("/find-support?day=Saturday&free=yes").await;
    saturday_free.assert_contains("Showing 1 to 2 of 2 results");
    let terms = app.db.store.directory().terms_in_use().await.unwrap();
    let deaf = terms.iter().find(|(_, name)| name == "Deaf and hard of hearing").unwrap();
    let by_category = b.get(&format!("/find-support?category={}", deaf.0)).await;
    by_category.assert_contains("Showing 1 to 2 of 2 results");
    let access = b.get("/find-support?access=bsl&access=hearing-loop").await;
    access.assert_contains("Showing 1 to 1 of 1 result");
    access.assert_contains("Deaf social evening");
    let meaning = b.get("/find-support?q=memory+loss").await;
    meaning.assert_contains("Memory café");
    let typo = b.get("/find-support?q=befreinding").await;
    typo.assert_contains("Befriending by phone");
    let combined = b.get(&format!("/find-support?q=social&postcode=QW3&distance=3&category={}", deaf.0)).await;
    combined.assert_contains("Showing 1 to 1 of 1 result for \u{201c}social\u{201d} within 3 miles of QW3");
    app.cleanup().await;
}

#[tokio::test]
async fn bad_input_gets_a_clear_error_and_never_unfiltered_results() {
    let app = TestApp::spawn().await;
    let mut b = app.browser();
    let unknown = b.get("/find-support?q=carers&postcode=QW9+9ZZ").await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    unknown.assert_contains("<a href=\"#postcode\">We do not know the postcode QW9 9ZZ");
    assert!(!unknown.body.contains("Carers&#39; café"), "no results rather than unfiltered ones");
    assert_well_formed("unknown postcode", &unknown.body);
    let nonsense = b.get("/find-support?postcode=hello").await;
    nonsense.assert_contains("<a href=\"#postcode\">Enter a real postcode, like QW1 1AA</a>");
    let age = b.get("/find-support?age=old").await;
    age.assert_contains("<a href=\"#age\">Enter an age in years, like 72</a>");
    assert_eq!(b.get("/find-support?q=carers&page=banana").await.status, StatusCode::OK);
    let beyond = b.get("/find-support?q=carers&page=99").await;
    assert_eq!(beyond.status, StatusCode::OK);
    app.cleanup().await;
}

#[tokio::test]
async fn a_service_page_has_what_people_need_to_go_or_get_in_touch() {
    let app = TestApp::spawn().await;
    let mut b = app.browser();
    let results = b.get("/find-support?q=memory+caf").await;
    let href = results.body.split("href=\"/find-support/services/").nth(1).unwrap().split('"').next().unwrap();
    let href = crate::helpers::unescape(href);
    let (link, from) = href.split_once('?').expect("a result links with the search it came from");
    let link = link.to_owned();
    let page = b.get(&format!("/find-support/services/{href}")).await;
    assert_eq!(page.status, StatusCode::OK);
    // Back goes to the same search, not a blank one; the way there is one click away.
    assert!(from.starts_with("from="), "{from}");
    page.assert_contains("class=\"govuk-back-link\"");
    page.assert_contains("href=\"/find-support?q=memory+caf");
    page.assert_contains("https://www.openstreetmap.org/directions?route=%3B");
    assert_well_formed("service page", &page.body);
    let assured =
        app.db.store.directory().service(&ServiceId::from(link.as_str())).await.unwrap().unwrap().assured_date.unwrap();
    let assured = chrono::NaiveDate::parse_from_str(&assured, "%Y-%m-%d").unwrap();
    page.assert_contains(&format!("last checked on {}", assured.format("%-d %B %Y")));
    for text in [
        "Memory café",
        "Thursdays, 2pm to 4pm",
        "Free",
        "3 Chapel Lane",
        "QW1 1AB",
        "Step-free access",
        "tel:01632960101",
    ] {
        page.assert_contains(text);
    }
    assert_eq!(
        b.get("/find-support/services/7f000000-0000-4000-8000-000000000000").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(b.get("/find-support/services/not-an-id").await.status, StatusCode::NOT_FOUND);

    // Adding a result to the shortlist comes back to the same place in the same search, and
    // says so beside it.
    let this_page = crate::helpers::unescape(
        &crate::helpers::hidden_value(&results.body, "back").expect("the shortlist button says where it is"),
    );
    let token = crate::helpers::form_token_in(&results.body).unwrap();
    let added = b
        .post(
            "/find-support/shortlist",
            &[("_csrf", token.as_str()), ("service", link.as_str()), ("action", "add"), ("back", this_page.as_str())],
        )
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER);
    assert!(added.location().starts_with("/find-support?q=memory+caf"), "{}", added.location());
    assert!(added.location().ends_with(&format!("#result-{link}")), "{}", added.location());
    let back = b.get(added.location()).await;
    back.assert_contains("Added to <a class=\"govuk-link\" href=\"/find-support/shortlist\">your shortlist (1)</a>");
    // A back address that leaves the search is not followed.
    let elsewhere = b
        .post(
            "/find-support/shortlist",
            &[
                ("_csrf", token.as_str()),
                ("service", link.as_str()),
                ("action", "remove"),
                ("back", "https://example.com/"),
            ],
        )
        .await;
    assert!(elsewhere.location().starts_with("/find-support/shortlist"), "{}", elsewhere.location());
    app.cleanup().await;
}

#[tokio::test]
async fn open_now_uses_the_time_in_england() {
    use chrono::{Datelike, Timelike};
    let app = TestApp::spawn().await;
    // Move the clock to the next Tuesday at 10:30 UK time, when the carers' café is open.
    let now = app.state.clock.now().with_timezone(&chrono_tz::Europe::London);
    let days_ahead = (7 + 1 - i64::from(now.weekday().num_days_from_monday())) % 7;
    let minutes_now = i64::from(now.hour() * 60 + now.minute());
    let shift = chrono::Duration::days(days_ahead) + chrono::Duration::minutes(10 * 60 + 30 - minutes_now);
    app.state.clock.advance(shift);
    let mut b = app.browser();
    let open = b.get("/find-support?day=now").await;
    open.assert_contains("Carers&#39; café");
    assert!(!open.body.contains("Over-60s lunch club"), "that is on Wednesdays");
    app.cleanup().await;
}

#[tokio::test]
async fn a_shortlist_without_an_account_or_javascript() {
    let app = TestApp::spawn().await;
    let mut b = app.browser();
    let empty = b.get("/find-support/shortlist").await;
    empty.assert_contains("Your shortlist is empty");
    assert_well_formed("empty shortlist", &empty.body);

    let results = b.get("/find-support?q=memory").await;
    let id = results.body.split("name=\"service\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_owned();
    let added = b
        .post("/find-support/shortlist", &[("service", &id), ("action", "add"), ("back", "/find-support?q=memory")])
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
    assert_eq!(added.location(), format!("/find-support?q=memory&changed={id}#result-{id}"));
    assert!(added.header("set-cookie").starts_with("hearth_shortlist="));
    let again = b.get("/find-support?q=memory").await;
    again.assert_contains("Your shortlist (1)");
    again.assert_contains("Remove<span class=\"govuk-visually-hidden\"> Memory café</span> from shortlist");

    let list = b.get("/find-support/shortlist").await;
    assert_well_formed("shortlist", &list.body);
    for text in ["Memory café", "Thursdays, 2pm to 4pm", "3 Chapel Lane, Wrenfield, QW1 1AB", "01632 960 101"] {
        list.assert_contains(text);
    }
    // Somewhere outside the directory is not a place to go back to.
    let outside = b
        .post("/find-support/shortlist", &[("service", &id), ("action", "remove"), ("back", "https://evil.example/")])
        .await;
    assert_eq!(outside.location(), "/find-support/shortlist");
    b.get("/find-support/shortlist").await.assert_contains("Your shortlist is empty");
    assert!(!b.cookies.contains_key("hearth_shortlist"), "an empty shortlist leaves no cookie");

    let unknown = b
        .post("/find-support/shortlist", &[("service", "7f000000-0000-4000-8000-000000000000"), ("action", "add")])
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    app.cleanup().await;
}

#[tokio::test]
async fn a_reported_problem_reaches_the_editors_queue() {
    use hearth_domain::access::Role;
    let app = TestApp::spawn().await;
    let mut resident = app.browser();
    let results = resident.get("/find-support?q=lunch+club").await;
    let id = results.body.split("name=\"service\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_owned();
    let service = resident.get(&format!("/find-support/services/{id}")).await;
    service.assert_contains("Report a problem with this page");
    let form = resident.get(&format!("/find-support/services/{id}/report")).await;
    assert_well_formed("report form", &form.body);
    let empty = resident.post(&format!("/find-support/services/{id}/report"), &[("problem", "  ")]).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    empty.assert_contains("<a href=\"#problem\">Tell us what is wrong or out of date</a>");
    let sent = resident
        .post(
            &format!("/find-support/services/{id}/report"),
            &[("problem", "It moved to Thursdays"), ("reply_to", "01632 960 999")],
        )
        .await;
    assert_eq!(sent.status, StatusCode::OK);
    sent.assert_contains("Thank you for telling us");
    assert_well_formed("report sent", &sent.body);

    let mut editor = app.browser_as(Role::DirectoryEditor).await;
    let queue = editor.get("/directory").await;
    assert_eq!(queue.status, StatusCode::OK);
    assert_well_formed("/directory", &queue.body);
    queue.assert_contains("Problems reported by the public (1)");
    queue.assert_contains("It moved to Thursdays");
    queue.assert_contains("Wants a reply: 01632 960 999");
    let report = app.db.store.directory().open_problems().await.unwrap().remove(0);
    let unexplained = editor.post(&format!("/directory/problems/{}/resolve", report.id), &[("resolution", "")]).await;
    assert_eq!(unexplained.status, StatusCode::UNPROCESSABLE_ENTITY);
    editor.get("/directory").await;
    let done = editor
        .post(&format!("/directory/problems/{}/resolve", report.id), &[("resolution", "Corrected the day")])
        .await;
    assert_eq!(done.location(), "/directory?done=1");
    editor.get("/directory").await.assert_contains("Problems reported by the public (0)");
    assert_eq!(app.audit_count("directory-problem-reported").await, 1);
    assert_eq!(app.audit_count("directory-problem-resolved").await, 1);

    // Only directory editors see the queue.
    assert_eq!(app.browser_as(Role::Practitioner).await.get("/directory").await.status, StatusCode::FORBIDDEN);
    app.cleanup().await;
}

#[tokio::test]
async fn directory_editors_change_the_synonyms_in_a_page() {
    use hearth_domain::access::Role;
    let app = TestApp::spawn().await;
    let mut editor = app.browser_as(Role::DirectoryEditor).await;
    editor.get("/directory").await.assert_contains("memory loss");
    let bad = editor.post("/directory/synonyms", &[("phrase", ""), ("means", "x")]).await;
    bad.assert_contains("<a href=\"#phrase\">Enter what people type, like memory loss</a>");
    assert_eq!(
        editor.post("/directory/synonyms", &[("phrase", "cuppa"), ("means", "café")]).await.status,
        StatusCode::SEE_OTHER
    );
    app.browser().get("/find-support?q=cuppa").await.assert_contains("Carers&#39; café");
    assert_eq!(app.audit_count("synonym-changed").await, 8, "seven from the demo, one here");
    app.cleanup().await;
}

#[tokio::test]
async fn a_shortlist_can_be_sent_by_email_and_the_address_is_not_kept() {
    let smtp = crate::smtp::SmtpReceiver::start().await;
    let config = hearth_web::WebConfig { smtp_url: Some(smtp.url.clone()), ..Default::default() };
    let app = TestApp::with_config(config).await;
    let mut b = app.browser();
    let empty = b.get("/find-support/shortlist").await;
    assert!(!empty.body.contains("Send this list by email"), "nothing to send yet");
    let results = b.get("/find-support?q=memory").await;
    let id = results.body.split("name=\"service\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_owned();
    b.post("/find-support/shortlist", &[("service", &id), ("action", "add"), ("back", "/find-support/shortlist")])
        .await;
    let list = b.get("/find-support/shortlist").await;
    list.assert_contains("Send this list by email");

    let bad = b.post("/find-support/shortlist/email", &[("email", "not-an-address")]).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_well_formed("shortlist email error", &bad.body);
    bad.assert_contains("<a href=\"#email\">Enter an email address in the right form");
    bad.assert_contains("value=\"not-an-address\"");
    assert!(smtp.received().is_empty());

    let sent = b.post("/find-support/shortlist/email", &[("email", "resident@example.com")]).await;
    assert_eq!(sent.status, StatusCode::OK);
    sent.assert_contains("We have sent your shortlist to resident@example.com");
    let messages = smtp.received();
    assert_eq!(messages.len(), 1);
    assert_eq!(messages[0].to, ["resident@example.com"]);
    let text = messages[0].text();
    for expected in ["Memory café", "When: Thursdays, 2pm to 4pm", "Where: 3 Chapel Lane, Wrenfield, QW1 1AB"] {
        assert!(text.contains(expected), "{expected} in {text}");
    }
    let audit = app
        .db
        .store
        .search_audit(
            &hearth_store::AuditFilter { action: Some("shortlist-emailed".into()), ..Default::default() },
            1,
            10,
        )
        .await
        .unwrap();
    assert_eq!(audit.total, 1);
    assert!(!audit.rows[0].details.contains("resident@example.com"), "the address is not kept");

    // The form cannot be used to send email without end.
    for _ in 0..4 {
        b.post("/find-support/shortlist/email", &[("email", "resident@example.com")]).await;
    }
    let limited = b.post("/find-support/shortlist/email", &[("email", "RESIDENT@example.com")]).await;
    assert_eq!(limited.status, StatusCode::UNPROCESSABLE_ENTITY);
    limited.assert_contains("Several lists have been sent today");
    assert_eq!(smtp.received().len(), 5);
    // Another sender is stopped too: the limit is for the recipient.
    let mut elsewhere = app.browser();
    elsewhere.get("/find-support?q=memory").await;
    elsewhere
        .post("/find-support/shortlist", &[("service", &id), ("action", "add"), ("back", "/find-support/shortlist")])
        .await;
    elsewhere.get("/find-support/shortlist").await;
    let again = elsewhere.post("/find-support/shortlist/email", &[("email", "resident@example.com")]).await;
    again.assert_contains("Several lists have been sent today");
    assert_eq!(smtp.received().len(), 5);
    // What the limit counts by is not the address.
    let keys = app.db.texts_in("rate_limit", "key").await;
    assert!(!keys.is_empty() && keys.iter().all(|k| !k.contains("resident")), "{keys:?}");
    app.cleanup().await;
}
