//! Two people editing the same thing never silently lose one another's work: for every
//! editable record, two people open the same page, both change it, and the second save is
//! refused with what they typed kept, who changed it and when; saving again from there goes.
//! Two people changing different parts of one directory entry both succeed.

use crate::helpers::{Browser, Page, TestApp, form_to};
use axum::http::StatusCode;
use hearth_domain::access::Role;
use hearth_domain::demo_people::JACK_REFERENCE;

/// What the two people type: the first's changes, then the second's.
type Changes<'a> = (&'a [(&'a str, &'a str)], &'a [(&'a str, &'a str)]);

/// Both open `page`; `a` changes `field` and saves; `b` changes it differently and saves. The
/// second save is refused and keeps what `b` typed; the refused page is returned after `b`
/// saves again from it (which goes).
async fn both_save(a: &mut Browser, b: &mut Browser, page: &str, action: &str, changes: Changes<'_>) -> Page {
    let (page_a, page_b) = (a.get(page).await, b.get(page).await);
    assert_eq!((page_a.status, page_b.status), (StatusCode::OK, StatusCode::OK), "{page}");
    let mut form = form_to(&page_a, action);
    for (k, v) in changes.0 {
        form.set(k, v);
    }
    // Saved: most pages go on elsewhere, a few (the settings pages) say so in place.
    let saved = |p: &Page| {
        p.status == StatusCode::SEE_OTHER || (p.status == StatusCode::OK && !p.body.contains("There is a problem"))
    };
    let first = a.post(action, &form.pairs()).await;
    assert!(saved(&first), "{action}, the first save: {}", first.body);
    let mut form = form_to(&page_b, action);
    for (k, v) in changes.1 {
        form.set(k, v);
    }
    let second = b.post(action, &form.pairs()).await;
    assert_eq!(second.status, StatusCode::CONFLICT, "{action}, the second save: {}", second.body);
    second.assert_contains("after this page was opened");
    second.assert_contains("Nothing you typed here has been saved yet");
    for (field, typed) in changes.1 {
        if *field != "action" {
            second.assert_contains(&typed.replace('\'', "&#39;"));
        }
    }
    // From the refused page, saving again is deliberate: it goes.
    let mut again = form_to(&second, action);
    for (k, v) in changes.1 {
        again.set(k, v);
    }
    let third = b.post(action, &again.pairs()).await;
    assert!(saved(&third), "{action}, saved again: {}", third.body);
    second
}

#[tokio::test]
async fn two_people_saving_the_same_record_never_overwrite_each_other_unawares() {
    let app = TestApp::spawn().await;
    let store = &app.db.store;
    let jack = store.people().person_by_reference(JACK_REFERENCE).await.unwrap().unwrap();
    let mut worker = app.browser_as(Role::Practitioner).await;
    let mut manager = app.browser_as(Role::TeamManager).await;
    let worker_name = app.demo(Role::Practitioner).name.clone();

    // Their details (kept by version), and what matters to them.
    let page = format!("/people/{jack}/details");
    let refused = both_save(
        &mut worker,
        &mut manager,
        &page,
        &page,
        (&[("preferred_name", "Jacky")], &[("preferred_name", "JJ")]),
    )
    .await;
    refused.assert_contains(&format!("{worker_name} changed their details"));
    let page = format!("/people/{jack}/story");
    let story = (&[("what_matters", "The football on Saturdays")][..], &[("what_matters", "Beryl coming home")][..]);
    both_save(&mut worker, &mut manager, &page, &page, story).await;
    let system = hearth_store::AuditContext::system(chrono::Utc::now());
    let record = store.people().open_person(&system, &jack, "granted", "test").await.unwrap();
    assert_eq!(record.what_matters.as_deref(), Some("Beryl coming home"), "the deliberate second save");

    // A note's correction.
    let note = store.people().notes_for(&jack, false, 1, 1).await.unwrap().0.remove(0).id;
    let page = format!("/people/{jack}/notes/{note}");
    let corrections = (
        &[("body", "Visited on Tuesday, not Monday"), ("reason", "Wrong day")][..],
        &[("body", "Visited with his son"), ("reason", "Who was there")][..],
    );
    both_save(&mut worker, &mut manager, &page, &format!("{page}/correct"), corrections).await;

    // A Care Act assessment, and a plan.
    let aid =
        worker.post(&format!("/people/{jack}/assessments"), &[("kind", "needs"), ("method", "face-to-face")]).await;
    let aid = aid.location().trim_start_matches("/assessments/").to_owned();
    // One section of it: the section's page sends only its own answers.
    let page = format!("/assessments/{aid}?section=view");
    let views = (&[("persons_view", "To stay at home")][..], &[("persons_view", "To see the football")][..]);
    both_save(&mut worker, &mut manager, &page, &format!("/assessments/{aid}"), views).await;
    let (_, _, plan, _) = crate::access::care_records(&app, &jack).await;
    let page = format!("/plans/{plan}");
    let outcomes = (&[("outcomes", "Meals every day")][..], &[("outcomes", "Out to the match")][..]);
    both_save(&mut worker, &mut manager, &page, &page, outcomes).await;
    // Saved, but not sent on (the advice is missing): the page that comes back is the plan as
    // it is now, so sending it again from there is not taken for someone else's change.
    let opened = worker.get(&page).await;
    let mut form = form_to(&opened, &page);
    form.set("advice", "").set("action", "submit");
    let refused = worker.post(&page, &form.pairs()).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.body);
    let mut again = form_to(&refused, &page);
    again.set("advice", "The lunch club on Tuesdays").set("action", "submit");
    let sent = worker.post(&page, &again.pairs()).await;
    assert_ne!(sent.status, StatusCode::CONFLICT, "{}", sent.body);
    assert!(!sent.body.contains("after this page was opened"));
    app.cleanup().await;
}

#[tokio::test]
async fn two_directory_editors_never_overwrite_each_other_and_different_parts_both_save() {
    let app = TestApp::spawn().await;
    let store = &app.db.store;
    let services = store.directory().services(1, 100, false).await.unwrap().services;
    let lunch = services.iter().find(|s| s.name == "Over-60s lunch club").unwrap().clone();
    let id = lunch.id.clone();
    let mut editor = app.browser_as(Role::DirectoryEditor).await;
    let colleague = app.colleague(Role::DirectoryEditor, "Dana Pryor").await;
    let mut other = app.browser_for(&colleague).await;

    let part = |p: &str| format!("/directory/services/{id}{p}");
    let refused = both_save(
        &mut editor,
        &mut other,
        &part("/edit"),
        &part("/edit"),
        (&[("description", "Lunch and a chat, Tuesdays.")], &[("description", "Lunch, cards and a chat.")]),
    )
    .await;
    refused
        .assert_contains("changed about the service, getting in touch, who it is for and what it costs of this entry");
    let times = (
        &[("tu-opens-1", "10am"), ("tu-closes-1", "midday")][..],
        &[("tu-opens-1", "11am"), ("tu-closes-1", "1pm")][..],
    );
    both_save(&mut editor, &mut other, &part("/times"), &part("/times"), times).await;
    let place = lunch.service_at_locations[0].id.clone();
    let names = (&[("place_name", "The church hall")][..], &[("place_name", "St Anne's hall")][..]);
    both_save(&mut editor, &mut other, &part(&format!("/places/{place}")), &part(&format!("/places/{place}")), names)
        .await;
    let languages = (&[("other", "Yoruba")][..], &[("other", "Tigrinya")][..]);
    both_save(&mut editor, &mut other, &part("/languages"), &part("/languages"), languages).await;
    let areas = (
        &[("covers", "areas"), ("area-name-1", "Wrenfield")][..],
        &[("covers", "areas"), ("area-name-1", "Elmbury")][..],
    );
    both_save(&mut editor, &mut other, &part("/areas"), &part("/areas"), areas).await;

    let groups = store.directory().term_groups(150).await.unwrap();
    let terms: Vec<hearth_store::TaxonomyTermId> =
        groups.iter().flat_map(|g| g.terms.iter().map(|t| t.id.clone())).take(2).collect();
    let ticks = (
        &[("term", terms[0].as_str()), ("action", "save")][..],
        &[("term", terms[1].as_str()), ("action", "save")][..],
    );
    both_save(&mut editor, &mut other, &part("/categories"), &part("/categories"), ticks).await;

    // Different parts at once: the opening times and the languages both stay.
    let (times, languages) = (editor.get(&part("/times")).await, other.get(&part("/languages")).await);
    let mut t = form_to(&times, &part("/times"));
    t.set("we-opens-1", "9am").set("we-closes-1", "5pm");
    assert_eq!(editor.post(&part("/times"), &t.pairs()).await.status, StatusCode::SEE_OTHER);
    let mut l = form_to(&languages, &part("/languages"));
    l.set("other", "Somali");
    assert_eq!(other.post(&part("/languages"), &l.pairs()).await.status, StatusCode::SEE_OTHER);
    let saved = store.directory().service(&id).await.unwrap().unwrap();
    assert!(saved.schedules.iter().any(|s| s.byday.as_deref().is_some_and(|d| d.contains("WE"))));
    assert!(saved.languages.iter().any(|l| l.name.as_deref() == Some("Somali")));

    // An organisation.
    let org = lunch.organization_id.clone().unwrap();
    let page = format!("/directory/organisations/{org}");
    let words = (&[("description", "Runs lunch clubs.")][..], &[("description", "Runs clubs for older people.")][..]);
    both_save(&mut editor, &mut other, &page, &page, words).await;
    app.cleanup().await;
}

#[tokio::test]
async fn two_finance_officers_never_overwrite_each_others_assessment() {
    let app = TestApp::spawn().await;
    let mut officer = app.browser_as(Role::FinanceOfficer).await;
    let colleague = app.colleague(Role::FinanceOfficer, "Priya Danes").await;
    let mut other = app.browser_for(&colleague).await;
    officer.get("/finance/assessments/new").await;
    let started = officer.post("/finance/assessments/new", &[("person_name", "Ada Example")]).await;
    let action = started.location().to_owned();
    // Each on the same section of the form, its own page.
    let page = format!("{action}?section=person");
    let names = (
        &[("person_name", "Ada Example-Jones"), ("action", "save")][..],
        &[("person_name", "Ada Jones"), ("action", "save")][..],
    );
    let refused = both_save(&mut officer, &mut other, &page, &action, names).await;
    refused.assert_contains("changed this financial assessment");
    // Completing from check your answers is caught the same way.
    let mine = officer.get(&page).await;
    let mut form = crate::helpers::form_to(&mine, &action);
    for (k, v) in [("date", "01/06/2026"), ("date_of_birth", "01/02/1950"), ("action", "save")] {
        form.set(k, v);
    }
    let saved = officer.post(&action, &form.pairs()).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let check = format!("{}/check", action.trim_end_matches("/edit"));
    let complete = format!("{}/complete", action.trim_end_matches("/edit"));
    let (seen_a, seen_b) = (officer.get(&check).await, other.get(&check).await);
    seen_a.assert_contains("Complete and write the record");
    let version = |p: &Page| crate::helpers::hidden_value(&p.body, "version").unwrap();
    let first = officer.post(&complete, &[("version", &version(&seen_a))]).await;
    assert_eq!(first.status, StatusCode::SEE_OTHER, "{}", first.body);
    let second = other.post(&complete, &[("version", &version(&seen_b))]).await;
    assert_eq!(second.status, StatusCode::CONFLICT);
    second.assert_contains("after this page was opened");
    app.cleanup().await;
}

#[tokio::test]
async fn two_administrators_never_overwrite_each_others_settings() {
    let app = TestApp::spawn().await;
    let mut admin = app.browser_as(Role::Administrator).await;
    let colleague = app.colleague(Role::Administrator, "Rowan Hale").await;
    let mut other = app.browser_for(&colleague).await;
    let admin_name = app.demo(Role::Administrator).name.clone();

    // An account's roles: ticks, so the page comes back showing them as they are now.
    let spare = app.colleague(Role::Practitioner, "Sam Spare").await;
    let page = format!("/admin/users/{spare}");
    let action = format!("{page}/roles");
    let (mine, theirs) = (admin.get(&page).await, other.get(&page).await);
    let mut form = form_to(&mine, &action);
    form.fields.retain(|(k, _)| k != "roles");
    form.fields.extend([("roles".into(), "practitioner".into()), ("roles".into(), "team-manager".into())]);
    assert_eq!(admin.post(&action, &form.pairs()).await.status, StatusCode::SEE_OTHER);
    let mut form = form_to(&theirs, &action);
    form.fields.retain(|(k, _)| k != "roles");
    form.fields.push(("roles".into(), "finance-officer".into()));
    let refused = other.post(&action, &form.pairs()).await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    refused.assert_contains(&format!("{admin_name} changed their roles"));
    refused.assert_contains("choose again, then save");
    let roles = app.db.store.accounts().user(&spare).await.unwrap().unwrap().roles;
    assert_eq!(roles, vec![Role::Practitioner, Role::TeamManager], "the first change stands");

    // The practice settings and the charging policy: what was typed comes back.
    let labels = (&[("conversation_1_label", "Listen and connect")][..], &[("conversation_1_label", "Talk first")][..]);
    both_save(&mut admin, &mut other, "/admin/practice", "/admin/practice", labels).await;
    let shares = (&[("percentage", "90")][..], &[("percentage", "80")][..]);
    both_save(&mut admin, &mut other, "/admin/charging-policy", "/admin/charging-policy", shares).await;
    app.cleanup().await;
}

#[tokio::test]
async fn two_directory_editors_never_overwrite_each_others_review_periods() {
    let app = TestApp::spawn().await;
    let mut editor = app.browser_as(Role::DirectoryEditor).await;
    let colleague = app.colleague(Role::DirectoryEditor, "Kit Marsh").await;
    let mut other = app.browser_for(&colleague).await;
    let (mine, theirs) = (editor.get("/directory").await, other.get("/directory").await);
    let mut form = form_to(&mine, "/directory/review-periods");
    form.set("due_after_months", "6");
    assert_eq!(editor.post("/directory/review-periods", &form.pairs()).await.status, StatusCode::SEE_OTHER);
    let mut form = form_to(&theirs, "/directory/review-periods");
    form.set("due_after_months", "4");
    let refused = other.post("/directory/review-periods", &form.pairs()).await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    refused.assert_contains("changed the review periods");
    assert_eq!(app.db.store.directory().review_policy().await.unwrap().due_after_months, 6);
    app.cleanup().await;
}
