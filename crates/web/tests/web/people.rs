//! People and the front door, as the people who use them would: a call recorded and allocated,
//! a record built on what matters and who is around, a note, the crisis rule, who may see what
//! (with breaking the glass and its review), the team's work, "Ask for help" without an account,
//! and work kept safe across drafts and timed-out sessions.

use crate::helpers::{Browser, TestApp, form_questions};
use axum::http::StatusCode;
use hearth_domain::access::Role;
use hearth_domain::demo_people::{HILDA_REFERENCE, JACK_REFERENCE};
use hearth_store::{AuditFilter, PersonId};

async fn person(app: &TestApp, reference: &str) -> PersonId {
    app.db.store.people().person_by_reference(reference).await.unwrap().expect("a walk-through person")
}

/// How many `person-viewed` events the record has, with this basis.
async fn views(app: &TestApp, person_id: &str, basis: &str) -> usize {
    let filter =
        AuditFilter { action: Some("person-viewed".into()), person_id: Some(person_id.into()), ..Default::default() };
    let events = app.db.store.search_audit(&filter, 1, 1000).await.unwrap().rows;
    events.iter().filter(|e| e.basis.as_deref() == Some(basis)).count()
}

#[tokio::test]
async fn a_front_door_worker_records_a_call_and_allocates_it_in_three_pages() {
    let app = TestApp::spawn().await;
    let practitioner = app.user_id(Role::Practitioner).await;
    let north =
        app.db.store.people().teams().await.unwrap().into_iter().find(|t| t.name == "North locality team").unwrap();
    let mut worker = app.browser_as(Role::Practitioner).await;

    // Page 1: the contact form, one form for the whole call.
    let form = worker.get("/front-door/contacts/new").await;
    assert_eq!(form.status, StatusCode::OK);
    let asked = form_questions(&form, "/front-door/contacts/new").0;
    assert!(asked <= 25, "the contact form asks {asked} questions");
    let typed = [
        ("for_self", "no"),
        ("given_name", "Maud"),
        ("family_name", "Quillfeather"),
        ("date_of_birth", "02/05/1938"),
        ("address", "4 Larch Row, Wrenfield"),
        ("postcode", "QW1 1AA"),
        ("phone", "01632 960 417"),
        ("requester_name", "Tom Quillfeather"),
        ("requester_relationship", "Grandson"),
        ("what_is_happening", "Maud fell last week and is struggling with the stairs and washing."),
        ("urgency", "soon"),
        ("person_knows", "yes"),
        ("consent", "agrees"),
        ("method", "phone"),
        ("requester_type", "family-friend-neighbour"),
    ];
    // A mistake first: what was typed comes back with the problem, nothing lost.
    let mut wrong = typed.to_vec();
    wrong[3] = ("date_of_birth", "31/02/1938");
    let refused = worker.post("/front-door/contacts/new", &wrong).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    refused.assert_contains("Enter a date of birth like 14/03/1941");
    refused.assert_contains("struggling with the stairs and washing");

    let recorded = worker.post("/front-door/contacts/new", &typed).await;
    assert_eq!(recorded.status, StatusCode::SEE_OTHER, "{}", recorded.body);
    let contact_path = recorded.location().to_owned();
    assert!(contact_path.starts_with("/front-door/contacts/"));

    // Page 2: the contact, with no likely match, so the record is made from what was typed.
    let contact = worker.get(&contact_path).await;
    assert_eq!(contact.status, StatusCode::OK);
    contact.assert_contains("Maud Quillfeather");
    let made = worker.post(&format!("{contact_path}/new-person"), &[]).await;
    assert_eq!(made.status, StatusCode::SEE_OTHER);

    // Page 3, the same page again: triage to a worker in a team.
    let contact = worker.get(&contact_path).await;
    let triage_fields = form_questions(&contact, &format!("{contact_path}/triage")).0;
    assert!(triage_fields <= 6, "triage asks {triage_fields} questions");
    let to = format!("{}/{}", north.id, practitioner);
    let allocated = worker
        .post(
            &format!("{contact_path}/triage"),
            &[
                ("outcome", "assessment"),
                ("team", &to),
                ("urgency", "soon"),
                ("information_given", "Told Tom about the falls service and the equipment pages."),
            ],
        )
        .await;
    assert_eq!(allocated.status, StatusCode::SEE_OTHER, "{}", allocated.body);
    assert_eq!(allocated.location(), "/front-door");

    // The record holds what the call said: nothing is typed twice.
    let query =
        hearth_store::people::search::PersonQuery { name: Some("Maud Quillfeather".into()), ..Default::default() };
    let hits = app.db.store.people().search_people(&query, 5).await.unwrap();
    let id = hits[0].person.id.clone();
    let record = worker.get(&format!("/people/{id}/details")).await;
    assert_eq!(record.status, StatusCode::OK);
    record.assert_contains("01632 960 417");
    record.assert_contains("2 May 1938");
    let work = worker.get(&format!("/people/{id}/work")).await;
    work.assert_contains("Conversation 1: listen and connect");
    work.assert_contains("North locality team");
    let mine = worker.get("/my-work").await;
    mine.assert_contains("Maud Quillfeather");
    println!(
        "phone call to an allocated Conversation 1: 2 pages (the contact form, then the contact page \
         twice), {} questions on the call ({} answered here), {} for triage",
        asked,
        typed.len(),
        triage_fields
    );
    app.cleanup().await;
}

#[tokio::test]
async fn a_practitioner_records_what_matters_who_is_around_and_a_note_and_every_view_is_audited() {
    let app = TestApp::spawn().await;
    let jack = person(&app, JACK_REFERENCE).await;
    let mut practitioner = app.browser_as(Role::Practitioner).await;
    let before = views(&app, jack.as_str(), "allocated").await;
    let today = uk_today(&app);

    let overview = practitioner.get(&format!("/people/{jack}")).await;
    assert_eq!(overview.status, StatusCode::OK);
    overview.assert_contains("Jack Nettleton");

    let story = practitioner.get(&format!("/people/{jack}/story")).await;
    assert_eq!(story.status, StatusCode::OK);
    let saved = practitioner
        .post(
            &format!("/people/{jack}/story"),
            &[
                ("what_matters", "Getting back to the allotment on Thursdays with Ray."),
                ("strengths", "Cooks for himself; knows everyone on the bus route."),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let overview = practitioner.get(&format!("/people/{jack}")).await;
    overview.assert_contains("Getting back to the allotment on Thursdays with Ray.");

    let relation = practitioner
        .post(
            &format!("/people/{jack}/network/new"),
            &[("kind", "neighbour"), ("name", "Ray Okonedo-Parr"), ("phone", "01632 960 555"), ("main_carer", "yes")],
        )
        .await;
    assert_eq!(relation.status, StatusCode::SEE_OTHER, "{}", relation.body);
    let too_long = practitioner
        .post(
            &format!("/people/{jack}/network/new"),
            &[("kind", "child"), ("called", &"s".repeat(41)), ("name", "Martin Nettleton")],
        )
        .await;
    assert_eq!(too_long.status, StatusCode::UNPROCESSABLE_ENTITY);
    too_long.assert_contains("Their word for it must be 40 letters or fewer");
    let son = practitioner
        .post(
            &format!("/people/{jack}/network/new"),
            &[("kind", "child"), ("called", "Stepson"), ("name", "Martin Nettleton")],
        )
        .await;
    assert_eq!(son.status, StatusCode::SEE_OTHER, "{}", son.body);
    let network = practitioner.get(&format!("/people/{jack}/network")).await;
    network.assert_contains("Ray Okonedo-Parr");
    network.assert_contains("<svg");
    // Relationships in plain words: the family's own word where given, in the list and the
    // picture, and the picture described in full for a screen reader.
    network.assert_contains("<dd class=\"govuk-summary-list__value\">Wife.");
    network.assert_contains("<dd class=\"govuk-summary-list__value\">Stepson");
    network.assert_contains("class=\"hearth-network__relationship\">Wife</text>");
    network.assert_contains(
        "Family: Beryl Nettleton (wife), Martin Nettleton (stepson). Friends and neighbours: Derek Oakes (neighbour), Ray Okonedo-Parr (neighbour).",
    );

    let note = practitioner
        .post(
            &format!("/people/{jack}/notes/new"),
            &[
                ("kind", "phone-call"),
                ("body", "Spoke to Jack: the carers' break starts on Monday."),
                ("significant", "yes"),
                ("happened_on", &today),
                ("action", "save"),
            ],
        )
        .await;
    assert_eq!(note.status, StatusCode::SEE_OTHER, "{}", note.body);
    let notes = practitioner.get(&format!("/people/{jack}/notes?significant=yes")).await;
    notes.assert_contains("the carers&#39; break starts on Monday");

    // Every page opened was a view with its basis: the overview twice, the story form, the
    // network, the refused relationship and the notes.
    assert_eq!(views(&app, jack.as_str(), "allocated").await - before, 6);
    app.cleanup().await;
}

#[tokio::test]
async fn another_teams_restricted_record_needs_the_glass_broken_and_the_lead_reviews_it() {
    let app = TestApp::spawn().await;
    let hilda = person(&app, HILDA_REFERENCE).await;
    let mut practitioner = app.browser_as(Role::Practitioner).await;

    let refused_before = app.audit_count("person-access-refused").await;
    for page in ["", "/details", "/notes", "/network"] {
        // Refused, with what breaking the glass means and the form to do it, and nothing of
        // the record: not her name, nor even its reference.
        let answer = practitioner.get(&format!("/people/{hilda}{page}")).await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "{page}");
        answer.assert_contains("You do not work with this person");
        answer.assert_contains(&format!("action=\"/people/{hilda}/break-glass\""));
        answer.assert_contains(&format!("name=\"return_to\" value=\"/people/{hilda}{page}\""));
        assert!(!answer.body.contains("Whitlock") && !answer.body.contains(HILDA_REFERENCE), "{page}");
    }
    assert_eq!(app.audit_count("person-access-refused").await - refused_before, 4);
    // A change is refused in the same way, and nothing is written.
    let notes_before = app.db.store.people().notes_for(&hilda, false, 1, 1).await.unwrap().1;
    let note =
        practitioner.post(&format!("/people/{hilda}/notes/new"), &[("body", "Not allowed"), ("kind", "note")]).await;
    assert_eq!(note.status, StatusCode::FORBIDDEN);
    assert_eq!(app.db.store.people().notes_for(&hilda, false, 1, 1).await.unwrap().1, notes_before);
    // Finance officers do not work with people's records at all.
    let mut finance = app.browser_as(Role::FinanceOfficer).await;
    assert_eq!(finance.get(&format!("/people/{hilda}")).await.status, StatusCode::FORBIDDEN);

    let form = practitioner.get(&format!("/people/{hilda}/break-glass")).await;
    assert_eq!(form.status, StatusCode::OK);
    form.assert_contains("restricted");
    let no_reason = practitioner.post(&format!("/people/{hilda}/break-glass"), &[("reason", " ")]).await;
    assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
    let broke = practitioner
        .post(
            &format!("/people/{hilda}/break-glass"),
            &[
                ("reason", "Hospital ward rang about a discharge tonight; her worker is off."),
                ("return_to", &format!("/people/{hilda}/network")),
            ],
        )
        .await;
    // On to the page that was asked for.
    assert_eq!(broke.status, StatusCode::SEE_OTHER);
    assert_eq!(broke.location(), format!("/people/{hilda}/network"));
    let record = practitioner.get(&format!("/people/{hilda}")).await;
    assert_eq!(record.status, StatusCode::OK);
    record.assert_contains("Hilda Whitlock");
    assert_eq!(views(&app, hilda.as_str(), "break-glass").await, 1);

    // The lead is told, reviews it, and sees who looked on what basis.
    let mut lead = app.browser_as(Role::InformationGovernanceLead).await;
    let governance = lead.get("/governance").await;
    governance.assert_contains("Hospital ward rang about a discharge tonight");
    let grant = app.db.store.people().grants(Some(&hilda), true).await.unwrap().remove(0);
    let reviewed = lead
        .post(
            &format!("/governance/break-glass/{}/review", grant.id),
            &[("appropriate", "yes"), ("note", "Checked with the ward.")],
        )
        .await;
    assert_eq!(reviewed.location(), "/governance");
    assert!(app.db.store.people().grants(Some(&hilda), true).await.unwrap().is_empty(), "nothing left to review");
    let log = lead.get(&format!("/governance/people/{hilda}")).await;
    log.assert_contains("Broke the glass");
    app.cleanup().await;
}

#[tokio::test]
async fn a_manager_sees_the_teams_work_and_a_practitioner_their_own() {
    let app = TestApp::spawn().await;
    let mut manager = app.browser_as(Role::TeamManager).await;
    let team = manager.get("/team").await;
    assert_eq!(team.status, StatusCode::OK);
    team.assert_contains("North locality");
    team.assert_contains("Caseload by worker");
    team.assert_contains("Jack Nettleton");
    // The totals are the database's counts, whatever the lists show.
    let north =
        app.db.store.people().teams().await.unwrap().into_iter().find(|t| t.name == "North locality team").unwrap();
    let counts = app.db.store.people().team_caseload(&north.id).await.unwrap();
    let people: i64 = counts.iter().map(|(_, n)| n).sum();
    let waiting = counts.iter().find(|(w, _)| w.is_none()).map_or(0, |(_, n)| *n);
    assert!(people > 0);
    team.assert_contains(&format!("North locality team: {people} people"));
    team.assert_contains(&format!("Waiting for a worker ({waiting})"));
    // The home page counts what matters, each linking to its list: the same numbers.
    let home = manager.get("/staff").await;
    let all_waiting: i64 = {
        let mut n = 0;
        for t in app.db.store.people().teams_of(&app.user_id(Role::TeamManager).await).await.unwrap() {
            n += app
                .db
                .store
                .people()
                .team_caseload(&t.id)
                .await
                .unwrap()
                .iter()
                .filter(|(w, _)| w.is_none())
                .map(|(_, n)| n)
                .sum::<i64>();
        }
        n
    };
    home.assert_contains(&format!(
        "<a class=\"govuk-link govuk-link--no-visited-state hearth-count__link\" href=\"/team\"><span class=\"hearth-count__number\">{all_waiting}</span> <span class=\"hearth-count__label\">people waiting for a worker</span>"
    ));
    home.assert_contains("waiting for your approval");
    let mut practitioner = app.browser_as(Role::Practitioner).await;
    let their_home = practitioner.get("/staff").await;
    let caseload =
        app.db.store.people().current_allocations(&app.user_id(Role::Practitioner).await).await.unwrap().len();
    their_home.assert_contains(&format!("<span class=\"hearth-count__number\">{caseload}</span> <span class=\"hearth-count__label\">people allocated to you</span>"));
    their_home.assert_contains("tasks and reviews overdue");
    assert_eq!(practitioner.get("/team").await.status, StatusCode::FORBIDDEN);

    // Issue 16: the practitioner is in two of the manager's teams; their task is listed once.
    let jack =
        app.db.store.people().person_by_reference(hearth_domain::demo_people::JACK_REFERENCE).await.unwrap().unwrap();
    let worker = app.user_id(Role::Practitioner).await;
    let now = chrono::Utc::now();
    let ctx = hearth_store::AuditContext::system(now);
    let task = hearth_domain::people::tasks::NewTask {
        title: "Ring Beryl about the discharge date".into(),
        due_on: Some(now.date_naive()),
        owner: Some(worker.clone()),
    };
    app.db.store.people().add_task(&ctx, &jack, &task, None).await.unwrap();
    // Jack has waited 60 days for a worker in the North team: flagged past the 28-day default.
    let long_ago = hearth_store::AuditContext::system(now - chrono::Duration::days(60));
    app.db.store.people().allocate(&long_ago, &jack, &north.id, None, None).await.unwrap();
    let team = manager.get("/team").await;
    assert_eq!(team.body.matches("Ring Beryl about the discharge date").count(), 1, "one task, listed once");
    let waiting_list = &team.body[team.body.find(&format!("id=\"waiting-{}\"", north.id)).unwrap()..];
    let jack_line = &waiting_list[waiting_list.find("Jack Nettleton").unwrap()..];
    let jack_line = &jack_line[..jack_line.find("</li>").unwrap()];
    assert!(jack_line.contains("waiting 2 months") && jack_line.contains("Over 28 days"), "{jack_line}");
    // Allocated from the list, with the banner, and off the list.
    let allocated = manager
        .post(&format!("/people/{jack}/allocate"), &[("team", &format!("{}/{worker}", north.id)), ("back", "team")])
        .await;
    assert_eq!(allocated.location(), "/team?did=allocated");
    let after = manager.get(allocated.location()).await;
    after.assert_contains("They are now in the worker&#39;s caseload");
    let still_waiting = &after.body[after.body.find(&format!("id=\"waiting-{}\"", north.id)).unwrap()..];
    let still_waiting = &still_waiting[..still_waiting.find("Caseload by worker").unwrap()];
    assert!(!still_waiting.contains("Jack Nettleton"), "Jack has a worker now");
    let mine = practitioner.get("/my-work").await;
    assert_eq!(mine.status, StatusCode::OK);
    mine.assert_contains("Jack Nettleton");
    app.cleanup().await;
}

#[tokio::test]
async fn a_manager_allocates_to_a_team_or_a_worker_and_a_missing_or_unknown_choice_is_refused() {
    let app = TestApp::spawn().await;
    let jack = person(&app, JACK_REFERENCE).await;
    let south = app.db.store.people().teams().await.unwrap().into_iter().find(|t| t.name.starts_with("South")).unwrap();
    let mut manager = app.browser_as(Role::TeamManager).await;
    let path = format!("/people/{jack}/allocate");
    let none = manager.post(&path, &[("team", ""), ("reason", "Moved house")]).await;
    assert_eq!(none.status, StatusCode::UNPROCESSABLE_ENTITY);
    none.assert_contains("Choose the team or worker");
    let unknown = manager.post(&path, &[("team", "no-such-team"), ("reason", "Moved house")]).await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    unknown.assert_contains("Choose a team from the list");
    let moved = manager.post(&path, &[("team", south.id.as_str()), ("reason", "Moved house")]).await;
    assert_eq!(moved.status, StatusCode::SEE_OTHER, "{}", moved.body);
    let allocations = app.db.store.people().allocations(&jack).await.unwrap();
    assert!(allocations.iter().any(|a| a.team_id == south.id && a.ended_at.is_none()), "{allocations:?}");
    app.cleanup().await;
}

#[tokio::test]
async fn the_front_door_is_for_its_team() {
    let app = TestApp::spawn().await;
    let practitioner = app.user_id(Role::Practitioner).await;
    let front_door = app.db.store.people().teams().await.unwrap().into_iter().find(|t| t.front_door).unwrap();
    let mut browser = app.browser_as(Role::Practitioner).await;
    assert_eq!(browser.get("/front-door").await.status, StatusCode::OK);

    let ctx = hearth_store::AuditContext::system(chrono::Utc::now());
    app.db.store.people().remove_team_member(&ctx, &front_door.id, &practitioner).await.unwrap();
    let denied = app.audit_count("access-denied").await;
    assert_eq!(browser.get("/front-door").await.status, StatusCode::FORBIDDEN);
    assert_eq!(browser.get("/front-door/contacts/new").await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.audit_count("access-denied").await - denied, 2);
    app.cleanup().await;
}

#[tokio::test]
async fn ask_for_help_needs_no_account_or_javascript_and_reaches_the_queue() {
    let app = TestApp::spawn().await;
    let mut resident = app.browser();
    let form = resident.get("/ask-for-help").await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("<form") && form.body.contains("method=\"post\""), "a plain form");
    // Residents are not asked for the things only staff record.
    assert!(!form.body.contains("name=\"lawful_reason\""));

    let missing = resident.post("/ask-for-help", &[("for_self", "yes"), ("given_name", "Iris")]).await;
    assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
    missing.assert_contains("There is a problem");
    missing.assert_contains("Enter your last name");
    missing.assert_contains("value=\"Iris\"");

    let sent = resident
        .post(
            "/ask-for-help",
            &[
                ("for_self", "yes"),
                ("given_name", "Iris"),
                ("family_name", "Penhallow"),
                ("phone", "07700 900 318"),
                ("what_is_happening", "I care for my husband and I am not sleeping."),
                ("urgency", "not-urgent"),
            ],
        )
        .await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    sent.assert_contains("C-");

    let mut worker = app.browser_as(Role::Practitioner).await;
    let queue = worker.get("/front-door").await;
    queue.assert_contains("Iris Penhallow");
    queue.assert_contains("The council&#39;s website");
    app.cleanup().await;
}

#[tokio::test]
async fn residents_find_ask_for_help_from_the_public_pages_and_carers_have_their_own_way_in() {
    let app = TestApp::spawn().await;
    let mut resident = app.browser();
    // The menu offers it on every public page; the start page and the estimate say it too.
    for page in ["/", "/find-support", "/paying-for-care"] {
        resident.get(page).await.assert_contains("href=\"/ask-for-help\"");
    }
    let start = resident.get("/").await;
    start.assert_contains("Tell us what is happening");
    start.assert_contains("href=\"/ask-for-help?for=carer\"");
    resident.get("/paying-for-care").await.assert_contains("href=\"/ask-for-help?for=carer\"");
    // A search that finds nothing says where to go next.
    let nothing = resident.get("/find-support?q=zqxjvw").await;
    nothing.assert_contains("No results");
    nothing.assert_contains("ask us for help");

    let carer_form = resident.get("/ask-for-help?for=carer").await;
    carer_form.assert_contains("<h1 class=\"govuk-heading-l\">Ask for help as a carer</h1>");
    carer_form.assert_contains("name=\"carer\" value=\"yes\"");
    let sent = resident
        .post(
            "/ask-for-help",
            &[
                ("carer", "yes"),
                ("for_self", "yes"),
                ("given_name", "Rosa"),
                ("family_name", "Trevelyan"),
                ("phone", "07700 900 412"),
                (
                    "what_is_happening",
                    "I look after my mother, who has dementia. I have not slept a night through in weeks.",
                ),
                ("urgency", "not-urgent"),
            ],
        )
        .await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    let contact = app.db.store.front_door().contacts(true, 100).await.unwrap();
    let rosa = contact.iter().find(|c| c.display_name == "Rosa Trevelyan").expect("Rosa's request is in the queue");
    let mut worker = app.browser_as(Role::Practitioner).await;
    let page = worker.get(&format!("/front-door/contacts/{}", rosa.id)).await;
    page.assert_contains("Asking as a carer");
    page.assert_contains("carer&#39;s assessment (Care Act 2014 section 10)");
    // Staff take requests through the front door, so their menu does not offer it.
    assert!(!worker.get("/staff").await.body.contains("govuk-service-navigation__link\" href=\"/ask-for-help\""));
    app.cleanup().await;
}

#[tokio::test]
async fn the_crisis_rule_holds_long_term_support_until_a_manager_overrides_with_a_reason() {
    let app = TestApp::spawn().await;
    let jack = person(&app, JACK_REFERENCE).await;
    let path = format!("/people/{jack}/conversations/new");
    let today = uk_today(&app);
    let good_life = [("kind", "3"), ("what_matters", "A settled week at home"), ("started_on", today.as_str())];

    let mut practitioner = app.browser_as(Role::Practitioner).await;
    let held = practitioner.post(&path, &good_life).await;
    assert_eq!(held.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", held.body);
    held.assert_contains("work intensively with people in crisis is open until its review on");

    let mut manager = app.browser_as(Role::TeamManager).await;
    let no_reason = manager.post(&path, &good_life).await;
    assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
    let overrides = app.audit_count("crisis-override").await;
    let mut with_reason = good_life.to_vec();
    with_reason.push(("override_reason", "Jack's support at home is settled; his crisis review is a formality."));
    let agreed = manager.post(&path, &with_reason).await;
    assert_eq!(agreed.status, StatusCode::SEE_OTHER, "{}", agreed.body);
    assert_eq!(app.audit_count("crisis-override").await, overrides + 1);
    app.cleanup().await;
}

#[tokio::test]
async fn drafts_save_as_people_type_and_a_timed_out_form_is_given_back() {
    let app = TestApp::spawn().await;
    let jack = person(&app, JACK_REFERENCE).await;
    let mut practitioner = app.browser_as(Role::Practitioner).await;
    practitioner.get(&format!("/people/{jack}/notes/new")).await;

    let key = format!("note:{jack}");
    let saved = practitioner.post("/drafts", &[("_draft_key", &key), ("body", "Half a note about the visit")]).await;
    assert_eq!(saved.status, StatusCode::NO_CONTENT);
    let refused = practitioner.post("/drafts", &[("_draft_key", "anything:else"), ("body", "x")]).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    let again = practitioner.get(&format!("/people/{jack}/notes/new")).await;
    again.assert_contains("Half a note about the visit");

    // The session ends while the note is being written; sending it keeps it.
    app.state.clock.advance(chrono::Duration::minutes(31));
    let sent = practitioner
        .post(&format!("/people/{jack}/notes/new"), &[("kind", "visit"), ("body", "The whole note, typed slowly.")])
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER);
    assert!(sent.location().starts_with("/sign-in?timeout=1&held=1"), "{}", sent.location());
    let staff = app.demo(Role::Practitioner);
    let (email, password) = (staff.email.clone(), staff.password.clone());
    signed_in(&mut practitioner, &email, &password).await;
    let held = practitioner.get("/held").await;
    assert_eq!(held.status, StatusCode::OK);
    held.assert_contains("The whole note, typed slowly.");
    held.assert_contains(&format!("action=\"/people/{jack}/notes/new\""));
    // Given back once only.
    let later = practitioner.get("/held").await;
    assert!(!later.body.contains("The whole note, typed slowly."));
    app.cleanup().await;
}

/// Today in the council's time zone, as the forms take dates.
fn uk_today(app: &TestApp) -> String {
    app.state.clock.now().with_timezone(&chrono_tz::Europe::London).format("%d/%m/%Y").to_string()
}

async fn signed_in(browser: &mut Browser, email: &str, password: &str) {
    let page = browser.sign_in(email, password).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
}

/// Answers one question page of the check: its carried answers, plus this page's.
async fn answer(resident: &mut Browser, page: &crate::helpers::Page, chosen: &[&str]) -> crate::helpers::Page {
    let step = crate::helpers::hidden_value(&page.body, "step").expect("a question page");
    let form = &page.body[page.body.find("action=\"/check-if-you-could-get-help\"").unwrap()..];
    let form = &form[..form.find("</form>").unwrap()];
    let mut pairs: Vec<(String, String)> = form
        .split("<input type=\"hidden\" name=\"")
        .skip(1)
        .map(|h| {
            let (name, rest) = h.split_once('"').unwrap();
            let value = rest.split("value=\"").nth(1).unwrap().split('"').next().unwrap();
            (name.to_owned(), crate::helpers::unescape(value))
        })
        .collect();
    pairs.extend(chosen.iter().map(|c| (step.clone(), (*c).to_owned())));
    let query = url::form_urlencoded::Serializer::new(String::new()).extend_pairs(&pairs).finish();
    resident.get(&format!("/check-if-you-could-get-help?{query}")).await
}

/// Issue 16: a resident checks, one question at a time and with the practitioners' rules,
/// whether the council is likely to have to help, and then asks for help without being asked
/// twice.
#[tokio::test]
async fn a_resident_checks_if_they_could_get_help_and_asks_with_their_answers() {
    let app = TestApp::spawn().await;
    let mut resident = app.browser();
    let start = resident.get("/").await;
    start.assert_contains("href=\"/check-if-you-could-get-help\"");
    let mut page = resident.get("/check-if-you-could-get-help").await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains("Question 1 of 1");
    // Sent with no answer: asked again, saying what to do.
    let empty = answer(&mut resident, &page, &[]).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    empty.assert_contains("Choose who the check is for");
    page = answer(&mut resident, &page, &["me"]).await;
    page.assert_contains("Question 2 of 13");
    page = answer(&mut resident, &page, &["yes"]).await;
    page.assert_contains("Can you manage getting and eating the food and drink you need?");
    let nothing = answer(&mut resident, &page, &[]).await;
    nothing.assert_contains("No, I manage this");
    assert_eq!(nothing.status, StatusCode::UNPROCESSABLE_ENTITY);
    page = answer(&mut resident, &page, &["without-help"]).await;
    page = answer(&mut resident, &page, &["pain-distress-anxiety", "endangers"]).await;
    let mut asked = 2;
    while page.body.contains("Can you manage") {
        page = answer(&mut resident, &page, &["none"]).await;
        asked += 1;
    }
    assert_eq!(asked, 10, "one page for each of the ten outcomes");
    page.assert_contains("Does this have a big effect on your life?");
    // Back goes to the last outcome, with the answers before it kept.
    assert!(page.body.contains("class=\"govuk-back-link\""));
    let result = answer(&mut resident, &page, &["yes"]).await;
    result.assert_contains("The council is likely to have to help");
    result.assert_contains("This is a guide, not a decision.");
    result.assert_contains("Your needs come from a physical or mental health condition or illness.");
    let reading = crate::helpers::words_between(&result.body, "id=\"main-content\"", "</main>");
    let age = hearth_domain::assessments::letters::reading_age(&reading);
    println!("check result: reading age {age:.1}");
    assert!(age <= 9.0, "reading age {age:.1}:\n{reading}");

    // Ask for help: the answers are already in "What is happening", for the person themselves.
    let what = crate::helpers::hidden_value(&result.body, "what").unwrap();
    let query = url::form_urlencoded::Serializer::new(String::new()).append_pair("what", &what).finish();
    let ask = resident.get(&format!("/ask-for-help?{query}")).await;
    ask.assert_contains("It said the council is likely to have to help");
    ask.assert_contains("Managing and maintaining nutrition: Cannot do it without help");
    ask.assert_contains("id=\"for_self-yes\" name=\"for_self\" type=\"radio\" value=\"yes\" checked");

    // With one outcome only, unlikely: local support is offered, and asking still is.
    let one = "who=me&condition=yes&o-nutrition=without-help&o-personal-hygiene=none&o-toilet-needs=none&o-clothed=none&o-home-safely=none&o-habitable-home=none&o-relationships=none&o-work-learning=none&o-community=none&o-caring-for-child=none&impact=yes";
    let unlikely = resident.get(&format!("/check-if-you-could-get-help?{one}")).await;
    unlikely.assert_contains("The council is unlikely to have to help, but there is other support");
    unlikely.assert_contains("href=\"/find-support\"");
    // Made-up answers in the address are not answers: the question is asked.
    let made_up = resident.get("/check-if-you-could-get-help?who=me&condition=perhaps").await;
    made_up.assert_contains("Do you need help because of an illness");
    app.cleanup().await;
}
