//! Directory entries edited part by part: details, opening times, places and accessibility,
//! languages, areas and categories; adding entries and organisations; and a provider's parts
//! adding up to one change that waits for approval.

use crate::helpers::{Browser, Page, TestApp};
use crate::pages::assert_well_formed;
use axum::http::StatusCode;
use hearth_domain::access::Role;
use hearth_domain::demo_directory::demo_provider_organisation;
use hearth_domain::directory::hsds::Service;
use hearth_store::ServiceId;

/// A demo service by name.
async fn demo_service(app: &TestApp, name: &str) -> Service {
    let all = app.db.store.directory().services(1, 100, false).await.unwrap().services;
    all.into_iter().find(|s| s.name == name).unwrap_or_else(|| panic!("no demo service {name}"))
}

async fn api(b: &mut Browser, path: &str) -> serde_json::Value {
    let page = b.get(path).await;
    assert_eq!(page.status, StatusCode::OK, "{path}: {}", page.body);
    serde_json::from_str(&page.body).unwrap()
}

fn assert_saved(page: &Page, id: &ServiceId) {
    assert_eq!(
        (page.status, page.location()),
        (StatusCode::SEE_OTHER, format!("/directory/services/{id}?saved=1").as_str()),
        "{}",
        page.body
    );
}

#[tokio::test]
async fn an_editor_changes_every_part_of_an_entry_and_the_public_sees_each_at_once() {
    let app = TestApp::spawn().await;
    let lunch = demo_service(&app, "Over-60s lunch club").await;
    let id = lunch.id.clone();
    let mut editor = app.browser_as(Role::DirectoryEditor).await;
    let mut public = app.browser();

    let summary = editor.get(&format!("/directory/services/{id}")).await;
    assert_eq!(summary.status, StatusCode::OK);
    assert_well_formed("summary", &summary.body);
    for part in ["About the service", "Opening times", "Places", "Languages", "Areas covered", "Categories"] {
        summary.assert_contains(part);
    }

    // Opening times: a weekday morning, a Monday afternoon, and a line in words.
    let times = editor.get(&format!("/directory/services/{id}/times")).await;
    assert_well_formed("times", &times.body);
    let mut typed: Vec<(String, &str)> = vec![("mo-opens-2".into(), "1:30pm"), ("mo-closes-2".into(), "17:00")];
    for day in ["mo", "tu", "we", "th", "fr"] {
        typed.push((format!("{day}-opens-1"), "9am"));
        typed.push((format!("{day}-closes-1"), "12:30"));
    }
    typed.push(("in_words".into(), "Closed on bank holidays"));
    let week: Vec<(&str, &str)> = typed.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    assert_saved(&editor.post(&format!("/directory/services/{id}/times"), &week).await, &id);
    let page = public.get(&format!("/find-support/services/{id}")).await;
    page.assert_contains("Mondays, 9am to 12:30pm");
    page.assert_contains("Mondays, 1:30pm to 5pm");
    page.assert_contains("Closed on bank holidays");
    let json = api(&mut public, &format!("/api/oruk/v3/services/{id}")).await;
    let schedules = json["schedules"].as_array().unwrap();
    assert!(
        schedules
            .iter()
            .any(|s| s["byday"] == "MO,TU,WE,TH,FR" && s["opens_at"] == "09:00" && s["closes_at"] == "12:30")
    );
    assert!(schedules.iter().any(|s| s["byday"] == "MO" && s["opens_at"] == "13:30"));
    // The day filters follow: no longer on a Saturday, now on a Wednesday.
    let wednesday = public.get("/find-support?q=lunch&day=Wednesday").await;
    wednesday.assert_contains("Over-60s lunch club");
    let saturday = public.get("/find-support?q=lunch&day=Saturday").await;
    assert!(!saturday.body.contains("Over-60s lunch club"));

    // A second place, with accessibility: found near its postcode and by the feature.
    let new_place = editor.get(&format!("/directory/services/{id}/places/new")).await;
    assert_well_formed("new place", &new_place.body);
    let added = editor
        .post(
            &format!("/directory/services/{id}/places/new"),
            &[
                ("place_name", "Eastgate Hall"),
                ("address_1", "4 Eastgate"),
                ("city", "Wrenfield"),
                ("postcode", "qw5 8hl"),
                ("transportation", "The 12 bus stops outside."),
                ("access", "step-free"),
                ("access", "bsl"),
                ("access_other", "Large print menus"),
            ],
        )
        .await;
    assert_saved(&added, &id);
    let saved = app.db.store.directory().service(&id).await.unwrap().unwrap();
    assert_eq!(saved.service_at_locations.len(), lunch.service_at_locations.len() + 1);
    let near = public.get("/find-support?q=lunch&postcode=QW5+8HL&distance=1").await;
    near.assert_contains("Over-60s lunch club");
    let signed = public.get("/find-support?q=lunch&access=bsl").await;
    signed.assert_contains("Over-60s lunch club");
    let page = public.get(&format!("/find-support/services/{id}")).await;
    page.assert_contains("Where: Eastgate Hall");
    page.assert_contains("The 12 bus stops outside.");
    page.assert_contains("Large print menus");

    // Languages: two from the list and one typed.
    let languages = editor.get(&format!("/directory/services/{id}/languages")).await;
    assert_well_formed("languages", &languages.body);
    assert_saved(
        &editor
            .post(
                &format!("/directory/services/{id}/languages"),
                &[
                    ("language", "bfi"),
                    ("language", "pl"),
                    ("language", "xx"),
                    ("other", "Yoruba"),
                    ("interpretation", "We can book an interpreter."),
                ],
            )
            .await,
        &id,
    );
    let json = api(&mut public, &format!("/api/oruk/v3/services/{id}")).await;
    let codes: Vec<_> =
        json["languages"].as_array().unwrap().iter().map(|l| l["code"].as_str().unwrap_or("")).collect();
    assert_eq!(codes, ["bfi", "pl", ""], "the unknown code is refused, the typed name kept");
    assert_eq!(json["languages"][2]["name"], "Yoruba");
    public.get(&format!("/find-support/services/{id}")).await.assert_contains("British Sign Language, Polish, Yoruba");

    // Areas: an ONS code makes it a service that covers that council.
    let areas = editor.get(&format!("/directory/services/{id}/areas")).await;
    assert_well_formed("areas", &areas.body);
    assert_saved(
        &editor
            .post(
                &format!("/directory/services/{id}/areas"),
                &[
                    ("covers", "areas"),
                    ("area-name-1", "Wrenfield"),
                    ("area-name-2", "Leicester"),
                    ("area-code-2", "e06000016"),
                ],
            )
            .await,
        &id,
    );
    let json = api(&mut public, &format!("/api/oruk/v3/services/{id}")).await;
    let areas = json["service_areas"].as_array().unwrap();
    assert_eq!(areas.len(), 2);
    assert_eq!(areas[1]["uri"], "http://statistics.data.gov.uk/id/statistical-geography/E06000016");
    // And back to anyone, wherever they live.
    editor.get(&format!("/directory/services/{id}/areas")).await;
    assert_saved(&editor.post(&format!("/directory/services/{id}/areas"), &[("covers", "anywhere")]).await, &id);
    assert!(app.db.store.directory().service(&id).await.unwrap().unwrap().service_areas.is_empty());

    // Categories: file it under a term of an imported LGA list as well.
    let groups = app.db.store.directory().term_groups(150).await.unwrap();
    let lga = groups.iter().find(|g| g.taxonomy.is_some()).unwrap();
    let term = &lga.terms[0];
    let categories = editor.get(&format!("/directory/services/{id}/categories")).await;
    assert_well_formed("categories", &categories.body);
    categories.assert_contains(&term.name);
    let mut chosen: Vec<(&str, &str)> =
        saved.attributes.iter().map(|a| ("term", a.taxonomy_term_id.as_ref().map(|id| id.as_str()).unwrap())).collect();
    chosen.push(("term", term.id.as_str()));
    chosen.push(("action", "save"));
    assert_saved(&editor.post(&format!("/directory/services/{id}/categories"), &chosen).await, &id);
    let found = api(&mut public, &format!("/api/oruk/v3/services?taxonomy_term_id={}", term.id)).await;
    assert!(found["contents"].as_array().unwrap().iter().any(|s| s["id"] == id.as_str()));

    // Every change is audited and published as HSDS metadata, assured by the editor.
    assert_eq!(app.audit_count("directory-service-edited").await, 6);
    let json = api(&mut public, &format!("/api/oruk/v3/services/{id}")).await;
    let fields: Vec<&str> =
        json["metadata"].as_array().unwrap().iter().map(|m| m["field_name"].as_str().unwrap()).collect();
    for prefix in ["schedules", "service_at_locations", "languages", "service_areas", "attributes"] {
        assert!(fields.iter().any(|f| f.starts_with(prefix)), "metadata for {prefix}: {fields:?}");
    }
    assert_eq!(json["assurer_email"], app.demo(Role::DirectoryEditor).email.as_str());

    // Saving a part unchanged saves nothing.
    let again = editor
        .post(
            &format!("/directory/services/{id}/languages"),
            &[
                ("language", "bfi"),
                ("language", "pl"),
                ("other", "Yoruba"),
                ("interpretation", "We can book an interpreter."),
            ],
        )
        .await;
    assert_eq!(again.location(), format!("/directory/services/{id}?unchanged=1"));
    assert_eq!(app.audit_count("directory-service-edited").await, 6);
    app.cleanup().await;
}

#[tokio::test]
async fn bad_times_places_and_areas_are_explained_and_nothing_is_saved() {
    let app = TestApp::spawn().await;
    let walks = demo_service(&app, "Health walks").await;
    let id = walks.id.clone();
    let mut editor = app.browser_as(Role::DirectoryEditor).await;
    editor.get(&format!("/directory/services/{id}/times")).await;
    let refused = editor
        .post(
            &format!("/directory/services/{id}/times"),
            &[
                ("mo-opens-1", "nine"),
                ("mo-closes-1", "5pm"),
                ("tu-opens-1", "5pm"),
                ("tu-closes-1", "9am"),
                ("we-opens-1", "9am"),
                ("th-opens-1", "9am"),
                ("th-closes-1", "1pm"),
                ("th-opens-2", "12:00"),
                ("th-closes-2", "3pm"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_well_formed("times errors", &refused.body);
    refused.assert_contains("<title>Error: ");
    refused.assert_contains("Monday: enter the opening time as a time, like 9am or 13:30");
    refused.assert_contains("Tuesday: the closing time must be after the opening time");
    refused.assert_contains("Wednesday: enter the time it closes");
    refused.assert_contains("Thursday: the second time must start after the first one ends");
    refused.assert_contains(r#"value="nine""#);
    let place = &walks.service_at_locations[0].id;
    let bad_place = editor
        .post(
            &format!("/directory/services/{id}/places/{place}"),
            &[("address_1", ""), ("city", "Wrenfield"), ("postcode", "QW9 9ZZ")],
        )
        .await;
    assert_eq!(bad_place.status, StatusCode::UNPROCESSABLE_ENTITY);
    bad_place.assert_contains("We do not know this postcode");
    bad_place.assert_contains("Enter the building and street");
    let no_postcode = editor
        .post(&format!("/directory/services/{id}/places/new"), &[("address_1", "1 High Street"), ("city", "Wrenfield")])
        .await;
    no_postcode.assert_contains("Enter the postcode");
    let bad_areas = editor
        .post(&format!("/directory/services/{id}/areas"), &[("covers", "areas"), ("area-code-1", "Leicester")])
        .await;
    assert_eq!(bad_areas.status, StatusCode::UNPROCESSABLE_ENTITY);
    bad_areas.assert_contains("Area 1: enter an ONS code like E06000016, or leave it empty");
    bad_areas.assert_contains("Area 1: enter the area&#39;s name");
    let none = editor.post(&format!("/directory/services/{id}/areas"), &[("covers", "areas")]).await;
    none.assert_contains("Enter at least one area");
    assert_eq!(app.db.store.directory().service(&id).await.unwrap().unwrap(), walks, "nothing saved");
    assert_eq!(app.audit_count("directory-service-edited").await, 0);

    // Someone else's place, or a made-up one, is not found.
    assert_eq!(editor.get(&format!("/directory/services/{id}/places/not-a-place")).await.status, StatusCode::NOT_FOUND);
    assert_eq!(editor.get("/directory/services/not-a-uuid").await.status, StatusCode::NOT_FOUND);
    app.cleanup().await;
}

#[tokio::test]
async fn a_providers_parts_add_up_to_one_change_which_they_can_withdraw() {
    let app = TestApp::spawn().await;
    let cafe = demo_service(&app, "Carers' café").await;
    assert_eq!(cafe.organization_id.as_ref().map(|id| id.as_str()), Some(demo_provider_organisation().as_str()));
    let id = cafe.id.clone();
    let mut provider = app.browser_as(Role::ProviderEditor).await;
    let summary = provider.get(&format!("/directory/services/{id}")).await;
    assert_well_formed("provider summary", &summary.body);
    summary.assert_contains("The directory team checks your changes");

    provider.get(&format!("/directory/services/{id}/times")).await;
    let sent = provider
        .post(&format!("/directory/services/{id}/times"), &[("tu-opens-1", "10am"), ("tu-closes-1", "1pm")])
        .await;
    assert_eq!(sent.location(), format!("/directory/services/{id}?sent=1"));
    provider.get(&format!("/directory/services/{id}/languages")).await;
    let sent =
        provider.post(&format!("/directory/services/{id}/languages"), &[("language", "ur"), ("other", "")]).await;
    assert_eq!(sent.location(), format!("/directory/services/{id}?sent=1"));
    let pending = app.db.store.directory().pending_changes().await.unwrap();
    assert_eq!(pending.len(), 1, "one change, built up part by part");
    let fields: Vec<_> = pending[0].changes.iter().map(|c| c.field.as_str()).collect();
    assert!(
        fields.iter().any(|f| f.starts_with("schedules")) && fields.iter().any(|f| f.starts_with("languages")),
        "{fields:?}"
    );

    // The provider sees their version; the public still sees the approved one.
    let mine = provider.get(&format!("/directory/services/{id}")).await;
    mine.assert_contains("Tuesdays, 10am to 1pm");
    mine.assert_contains("It changes: Opening times, Languages");
    let public = app.browser().get(&format!("/find-support/services/{id}")).await;
    public.assert_contains("Tuesdays, 10am to midday");
    assert!(!public.body.contains("Urdu"));

    // They withdraw it: nothing waits, and their page is the public version again.
    let withdrawn = provider.post(&format!("/directory/services/{id}/withdraw"), &[]).await;
    assert_eq!(withdrawn.location(), format!("/directory/services/{id}?withdrawn=1"));
    assert!(app.db.store.directory().pending_changes().await.unwrap().is_empty());
    provider.get(&format!("/directory/services/{id}")).await.assert_contains("Tuesdays, 10am to midday");
    provider.get("/directory/services").await.assert_contains("Withdrawn by you");
    assert_eq!(app.audit_count("directory-change-withdrawn").await, 1);

    // Other organisations' entries, and moving one's own entry elsewhere, are refused.
    let theirs = demo_service(&app, "Health walks").await;
    for path in ["", "/times", "/languages", "/areas", "/categories", "/places/new"] {
        let page = provider.get(&format!("/directory/services/{}{path}", theirs.id)).await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "{path}");
    }
    let refused = provider
        .post(&format!("/directory/services/{}/times", theirs.id), &[("mo-opens-1", "9am"), ("mo-closes-1", "5pm")])
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let moved = provider
        .post(
            &format!("/directory/services/{id}/edit"),
            &[
                ("name", "Carers' café"),
                ("status", "active"),
                ("cost", "free"),
                ("organization_id", theirs.organization_id.as_ref().map(|id| id.as_str()).unwrap()),
            ],
        )
        .await;
    assert_eq!(moved.status, StatusCode::UNPROCESSABLE_ENTITY);
    moved.assert_contains("Choose one of your organisations");
    // Editors never withdraw a provider's change; they decide on it in the queue.
    provider.get(&format!("/directory/services/{id}/times")).await;
    provider.post(&format!("/directory/services/{id}/times"), &[("tu-opens-1", "10am"), ("tu-closes-1", "2pm")]).await;
    let mut editor = app.browser_as(Role::DirectoryEditor).await;
    assert_eq!(editor.post(&format!("/directory/services/{id}/withdraw"), &[]).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.db.store.directory().pending_changes().await.unwrap().len(), 1);
    app.cleanup().await;
}

#[tokio::test]
async fn new_entries_are_published_by_editors_and_wait_for_approval_from_providers() {
    let app = TestApp::spawn().await;
    let mut editor = app.browser_as(Role::DirectoryEditor).await;
    let form = editor.get("/directory/services/new").await;
    assert_well_formed("new entry", &form.body);
    let empty = editor.post("/directory/services/new", &[("name", " ")]).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    empty.assert_contains("Enter the service&#39;s name");
    empty.assert_contains("Choose the organisation that runs it");
    empty.assert_contains("Say what the service is");

    let org = demo_service(&app, "Health walks").await.organization_id.unwrap();
    let added = editor
        .post(
            "/directory/services/new",
            &[
                ("name", "Knit and natter"),
                ("organization_id", org.as_str()),
                ("description", "Bring your knitting and have a chat."),
            ],
        )
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER);
    let id = added.location().trim_start_matches("/directory/services/").trim_end_matches("?added=1").to_owned();
    editor.get(added.location()).await.assert_contains("Entry added and published");
    let mut public = app.browser();
    public.get("/find-support?q=natter").await.assert_contains("Knit and natter");
    let json = api(&mut public, &format!("/api/oruk/v3/services/{id}")).await;
    assert_eq!(json["organization"]["id"], org.as_str());
    assert_eq!(json["metadata"][0]["last_action_type"], "create");

    // A provider's new entry is not public until an editor approves it.
    let mut provider = app.browser_as(Role::ProviderEditor).await;
    provider.get("/directory/services/new").await;
    let ours = demo_provider_organisation();
    let proposed = provider
        .post(
            "/directory/services/new",
            &[
                ("name", "Carers' ukulele band"),
                ("organization_id", ours.as_str()),
                ("description", "Play the ukulele together on Friday evenings."),
            ],
        )
        .await;
    let new_id = proposed.location().trim_start_matches("/directory/services/").trim_end_matches("?added=1").to_owned();
    let summary = provider.get(proposed.location()).await;
    summary.assert_contains("Entry sent for approval");
    summary.assert_contains("Not published yet");
    // They can go on filling it in before it is approved.
    provider.get(&format!("/directory/services/{new_id}/times")).await;
    let sent = provider
        .post(&format!("/directory/services/{new_id}/times"), &[("fr-opens-1", "6pm"), ("fr-closes-1", "8pm")])
        .await;
    assert_eq!(sent.location(), format!("/directory/services/{new_id}?sent=1"));
    public.get("/find-support?q=ukulele").await.assert_contains("No results");
    assert_eq!(public.get(&format!("/find-support/services/{new_id}")).await.status, StatusCode::NOT_FOUND);
    // Someone else's organisation cannot be chosen.
    let theirs = provider
        .post(
            "/directory/services/new",
            &[("name", "Not ours"), ("organization_id", org.as_str()), ("description", "x")],
        )
        .await;
    theirs.assert_contains("Choose the organisation that runs it");

    let change = app.db.store.directory().pending_changes().await.unwrap().remove(0);
    let diff = editor.get(&format!("/directory/changes/{}", change.id)).await;
    diff.assert_contains("This is a new entry");
    editor.post(&format!("/directory/changes/{}/approve", change.id), &[]).await;
    let page = public.get(&format!("/find-support/services/{new_id}")).await;
    page.assert_contains("Carers&#39; ukulele band");
    page.assert_contains("Fridays, 6pm to 8pm");
    app.cleanup().await;
}

#[tokio::test]
async fn an_editor_changes_an_organisation_and_its_services_publish_it() {
    let app = TestApp::spawn().await;
    let cafe = demo_service(&app, "Carers' café").await;
    let org = cafe.organization_id.clone().unwrap();
    let mut editor = app.browser_as(Role::DirectoryEditor).await;
    let list = editor.get("/directory/organisations").await;
    assert_well_formed("organisations", &list.body);
    list.assert_contains("Wrenfield Carers Network");
    let form = editor.get(&format!("/directory/organisations/{org}")).await;
    assert_well_formed("organisation", &form.body);
    let bad = editor
        .post(
            &format!("/directory/organisations/{org}"),
            &[("name", ""), ("description", ""), ("website", "example.org")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    bad.assert_contains("Enter the organisation&#39;s name");
    bad.assert_contains("Enter the website&#39;s full address");
    let saved = editor
        .post(
            &format!("/directory/organisations/{org}"),
            &[
                ("name", "Wrenfield Carers Together"),
                ("description", "Run by and for unpaid carers."),
                ("email", "hello@carers.example"),
            ],
        )
        .await;
    assert_eq!(saved.location(), "/directory/organisations?saved=1");
    let mut public = app.browser();
    public.get(&format!("/find-support/services/{}", cafe.id)).await.assert_contains("Wrenfield Carers Together");
    let json = api(&mut public, &format!("/api/oruk/v3/services/{}", cafe.id)).await;
    assert_eq!(json["organization"]["name"], "Wrenfield Carers Together");
    let json = api(&mut public, &format!("/api/oruk/v3/organizations/{org}")).await;
    assert_eq!(json["email"], "hello@carers.example");
    assert_eq!(app.audit_count("directory-organisation-edited").await, 1);

    // A provider's change made before the rename does not bring the old name back.
    let provider_id = app.user_id(Role::ProviderEditor).await;
    let ctx = hearth_store::AuditContext::system(chrono::Utc::now());
    let mut stale = cafe.clone();
    stale.description = Some("Tea and cake.".into());
    let change = app.db.store.directory().propose_change(&ctx, &stale, &provider_id, None).await.unwrap();
    app.db.store.directory().approve_change(&ctx, &change, &provider_id, "editor@wrenfield.example").await.unwrap();
    let now = app.db.store.directory().service(&cafe.id).await.unwrap().unwrap();
    assert_eq!(now.organization.unwrap().name, "Wrenfield Carers Together");

    // Adding one.
    editor.get("/directory/organisations/new").await;
    let added = editor
        .post(
            "/directory/organisations/new",
            &[("name", "Wrenfield Men's Shed Trust"), ("description", "Workshops for men to meet and make.")],
        )
        .await;
    assert_eq!(added.location(), "/directory/organisations?saved=1");
    editor.get("/directory/organisations").await.assert_contains("Wrenfield Men&#39;s Shed Trust");
    assert_eq!(app.audit_count("directory-organisation-added").await, 1);
    // Providers may not.
    let mut provider = app.browser_as(Role::ProviderEditor).await;
    assert_eq!(provider.get("/directory/organisations").await.status, StatusCode::FORBIDDEN);
    app.cleanup().await;
}

#[tokio::test]
async fn categories_are_found_by_words_keeping_what_is_ticked() {
    let app = TestApp::spawn().await;
    let walks = demo_service(&app, "Health walks").await;
    let id = walks.id.clone();
    let mut editor = app.browser_as(Role::DirectoryEditor).await;
    editor.get(&format!("/directory/services/{id}/categories")).await;
    let ticked = walks.attributes[0].taxonomy_term_id.clone().unwrap();
    let found = editor
        .post(
            &format!("/directory/services/{id}/categories"),
            &[("term", ticked.as_str()), ("q", "dementia"), ("action", "find")],
        )
        .await;
    assert_eq!(found.status, StatusCode::OK);
    assert_well_formed("found", &found.body);
    // Still ticked, and nothing saved by finding.
    found.assert_contains(&format!(r#"value="{ticked}" checked"#));
    assert_eq!(app.db.store.directory().service(&id).await.unwrap().unwrap(), walks);
    // Saving with nothing ticked files it under nothing.
    let saved = editor.post(&format!("/directory/services/{id}/categories"), &[("action", "save")]).await;
    assert_saved(&saved, &id);
    assert!(app.db.store.directory().service(&id).await.unwrap().unwrap().attributes.is_empty());
    // An id the directory does not hold is ignored, not stored.
    editor
        .post(
            &format!("/directory/services/{id}/categories"),
            &[("term", "0f0e0d0c-0b0a-4908-8706-050403020100"), ("action", "save")],
        )
        .await;
    assert!(app.db.store.directory().service(&id).await.unwrap().unwrap().attributes.is_empty());
    app.cleanup().await;
}

#[tokio::test]
async fn the_public_page_puts_todays_hours_first() {
    use chrono::{Datelike, TimeZone};
    let app = TestApp::spawn().await;
    let cafe = demo_service(&app, "Carers' café").await; // Tuesdays, 10am to midday
    // Move the clock to the coming Tuesday at 11am, UK time.
    let now = app.state.clock.now().with_timezone(&chrono_tz::Europe::London);
    let days_ahead = (7 + 1 - i64::from(now.weekday().num_days_from_monday())) % 7 + 7;
    let tuesday = (now.date_naive() + chrono::Duration::days(days_ahead)).and_hms_opt(11, 0, 0).unwrap();
    let at = chrono_tz::Europe::London.from_local_datetime(&tuesday).single().unwrap().to_utc();
    app.state.clock.advance(at - app.state.clock.now());
    let mut public = app.browser();
    let page = public.get(&format!("/find-support/services/{}", cafe.id)).await;
    page.assert_contains("Open now until midday");

    // That afternoon: next open a week on.
    app.state.clock.advance(chrono::Duration::hours(4));
    let page = public.get(&format!("/find-support/services/{}", cafe.id)).await;
    page.assert_contains("Closed for the rest of today. Open again next Tuesday, 10am to midday");
    app.cleanup().await;
}
