//! Care Act assessments as a practitioner and a team manager would use them: Jack assessed,
//! found eligible with reasons, the letter, a plan with a personal budget built from the
//! assessment and approved by someone else, agreed past the crisis rule only with the
//! manager's reason, and its first review showing when due; a carer assessed and supported in
//! their own right; and the rules that stop work going ahead (advice, advocacy, capacity).

use crate::helpers::{Browser, Page, TestApp, form_questions};
use axum::http::StatusCode;
use hearth_domain::access::Role;
use hearth_domain::demo_people::JACK_REFERENCE;
use hearth_domain::people::record::PersonDetails;
use hearth_store::{AssessmentId, AuditContext, AuditFilter, PersonId};

async fn jack(app: &TestApp) -> PersonId {
    app.db.store.people().person_by_reference(JACK_REFERENCE).await.unwrap().expect("Jack is in the demo")
}

fn id_after<'a>(page: &'a Page, prefix: &str) -> &'a str {
    let location = page.location();
    assert!(
        location.starts_with(prefix),
        "expected a redirect to {prefix}..., got {} {location}:\n{}",
        page.status,
        page.body
    );
    location[prefix.len()..].split(['?', '#']).next().unwrap()
}

/// The reading age the letter page shows.
fn reading_age_shown(letter: &Page) -> f64 {
    let at = letter.body.find("Its reading age is ").expect("the reading age") + "Its reading age is ".len();
    letter.body[at..].split(' ').next().unwrap().parse().unwrap()
}

async fn assess_jack(app: &TestApp, worker: &mut Browser) -> String {
    let jack = jack(app).await;
    let started =
        worker.post(&format!("/people/{jack}/assessments"), &[("kind", "needs"), ("method", "face-to-face")]).await;
    assert_eq!(started.status, StatusCode::SEE_OTHER);
    id_after(&started, "/assessments/").to_owned()
}

const JACKS_FINDINGS: [(&str, &str); 8] = [
    ("method", "face-to-face"),
    ("persons_view", "Staying at home with Beryl when she is back, and seeing the football on Saturdays."),
    ("impairment", "yes"),
    ("condition_note", "Parkinson's disease"),
    ("way-nutrition", "without-help"),
    ("way-personal-hygiene", "pain-distress-anxiety"),
    ("significant_impact", "yes"),
    ("impact_note", "He has lost weight since Beryl went into hospital"),
];

#[tokio::test]
async fn a_practitioner_assesses_jack_and_a_plan_built_from_it_is_approved_by_someone_else() {
    let app = TestApp::spawn().await;
    let jack = jack(&app).await;
    let mut worker = app.browser_as(Role::Practitioner).await;
    let mut manager = app.browser_as(Role::TeamManager).await;

    let care = worker.get(&format!("/people/{jack}/care")).await;
    assert_eq!(care.status, StatusCode::OK);
    care.assert_contains("Assessments and plans");
    let aid = assess_jack(&app, &mut worker).await;

    // A task list of sections, each with its state; the first is filled in already from what
    // Hearth knows (their words, strengths, who is around).
    let tasks = worker.get(&format!("/assessments/{aid}")).await;
    assert_eq!(tasks.status, StatusCode::OK);
    tasks.assert_contains("govuk-task-list");
    assert!(!tasks.body.contains("name=\"persons_view\""), "the task list asks nothing itself");
    let state_of = |page: &crate::helpers::Page, section: &str| -> String {
        let row = &page.body[page.body.find(&format!("?section={section}\"")).unwrap()..];
        let row = &row[..row.find("</li>").unwrap()];
        ["Not yet started", "In progress", "Completed", "Nothing to record"]
            .into_iter()
            .find(|s| row.contains(s))
            .unwrap_or_default()
            .to_owned()
    };
    for (section, status) in [("view", "Completed"), ("conditions", "Not yet started"), ("outcomes", "Not yet started")]
    {
        assert_eq!(state_of(&tasks, section), status, "{section}");
    }
    let view = worker.get(&format!("/assessments/{aid}?section=view")).await;
    view.assert_contains("Staying at home with Beryl when she is back");
    view.assert_contains("People around them: Beryl Nettleton (wife)");
    assert!(!view.body.contains("name=\"significant_impact\""), "one section a page");
    let (asked, filled) = form_questions(&view, &format!("/assessments/{aid}"));
    println!("their view: {asked} questions, {filled} filled in by Hearth");
    assert!(filled >= 2, "{filled} filled in");

    // Each section is saved on its own, without clearing the others.
    let save = |section: &'static str, answers: Vec<(&'static str, &'static str)>| {
        let mut answers = answers;
        answers.extend([("section", section), ("action", "save")]);
        answers
    };
    worker.get(&format!("/assessments/{aid}?section=outcomes")).await;
    let saved = worker
        .post(
            &format!("/assessments/{aid}"),
            &save(
                "outcomes",
                vec![("way-nutrition", "without-help"), ("way-personal-hygiene", "pain-distress-anxiety")],
            ),
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let back = worker.get(saved.location()).await;
    back.assert_contains("The assessment is saved");
    assert_eq!(state_of(&back, "outcomes"), "Completed", "the task list shows the section saved");
    worker.get(&format!("/assessments/{aid}?section=conditions")).await;
    let saved = worker
        .post(&format!("/assessments/{aid}"), &save("conditions", vec![("condition_note", "Parkinson's disease")]))
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let stored = app.db.store.assessments().assessment(&AssessmentId::from(aid.as_str())).await.unwrap();
    assert_eq!(stored.findings.determine().unable.len(), 2, "the outcomes stayed when the conditions were saved");
    assert!(stored.persons_view.contains("Staying at home with Beryl"), "their view stayed too");

    // Check your answers, then send. Two answers are missing: the cause and the impact. Both are
    // said at once, each linked to the section and question that needs it.
    let check = worker.get(&format!("/assessments/{aid}/check")).await;
    check.assert_contains("Check your answers before sending");
    check.assert_contains(&format!("href=\"/assessments/{aid}?section=outcomes\">Change"));
    let refused = worker.post(&format!("/assessments/{aid}/send"), &[]).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let summary = &refused.body[refused.body.find("govuk-error-summary__list").unwrap()..];
    let summary = &summary[..summary.find("</ul>").unwrap()];
    for link in ["?section=conditions#impairment", "?section=wellbeing#significant_impact"] {
        assert!(summary.contains(&format!("href=\"/assessments/{aid}{link}\"")), "{link} in {summary}");
    }
    assert_eq!(summary.matches("<li>").count(), 2, "{summary}");
    // Sending from a check page opened before someone saved again is refused.
    worker.get(&format!("/assessments/{aid}/check")).await;
    let token = worker.edit_token.clone();
    worker.get(&format!("/assessments/{aid}?section=advice")).await;
    worker
        .post(&format!("/assessments/{aid}"), &save("advice", vec![("advice", "Wrenfield lunch club on Tuesdays")]))
        .await;
    worker.edit_token = token;
    let stale = worker.post(&format!("/assessments/{aid}/send"), &[]).await;
    assert_eq!(stale.status, StatusCode::UNPROCESSABLE_ENTITY);
    stale.assert_contains("changed-meanwhile");

    let mut complete = JACKS_FINDINGS.to_vec();
    complete.extend([
        ("strengths", "Cooks with his neighbour Ravi on Sundays"),
        ("wellbeing", "He is eating less and worries about managing alone"),
        ("advice", "Pendant alarm from the council's telecare team\nWrenfield lunch club on Tuesdays"),
        ("action", "save"),
    ]);
    // (The whole form in one go, as a full page would send it, saves every section.)
    worker.get(&format!("/assessments/{aid}?section=view")).await;
    let saved = worker.post(&format!("/assessments/{aid}"), &complete).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    worker.get(&format!("/assessments/{aid}/check")).await;
    let sent = worker.post(&format!("/assessments/{aid}/send"), &[]).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    // The page it lands on says what was done and what happens next.
    let waiting = worker.get(sent.location()).await;
    waiting.assert_contains("The assessment is sent for approval");
    waiting.assert_contains("A team manager will approve it or send it back");
    waiting.assert_contains("Waiting for approval");
    // Only once: the same page opened again says nothing.
    assert!(!worker.get(&format!("/assessments/{aid}")).await.body.contains("govuk-notification-banner--success"));
    waiting.assert_contains("Eligible: the council must meet these needs");
    // The practitioner cannot approve, and is not offered it.
    assert!(!waiting.body.contains("Your decision"));
    let own = worker.post(&format!("/assessments/{aid}/decision"), &[("decision", "approve")]).await;
    assert_eq!(own.status, StatusCode::UNPROCESSABLE_ENTITY);

    // The manager sees it waiting, with the evidence to decide on: the cause, the effect on his
    // wellbeing, his own words and strengths, and each piece of advice apart.
    let queue = manager.get("/approvals").await;
    queue.assert_contains("Jack Nettleton");
    let to_decide = manager.get(&format!("/assessments/{aid}")).await;
    to_decide.assert_contains("Your decision");
    let found = &to_decide.body[to_decide.body.find("What was found").unwrap()..];
    for evidence in [
        "An impairment or illness: Parkinson&#39;s disease",
        "A significant impact: He has lost weight since Beryl went into hospital",
        "He is eating less and worries about managing alone",
        "seeing the football on Saturdays",
        "Cooks with his neighbour Ravi on Sundays",
        "<li>Pendant alarm from the council&#39;s telecare team</li>",
        "<li>Wrenfield lunch club on Tuesdays</li>",
    ] {
        assert!(found.contains(evidence), "{evidence} shown to the approver");
    }
    let approved = manager.post(&format!("/assessments/{aid}/decision"), &[("decision", "approve")]).await;
    assert_eq!(approved.status, StatusCode::SEE_OTHER, "{}", approved.body);
    manager
        .get(approved.location())
        .await
        .assert_contains("The assessment is approved and the eligibility decision is made");
    let letter = worker.get(&format!("/assessments/{aid}/letter")).await;
    assert_eq!(letter.status, StatusCode::OK);
    letter.assert_contains("Dear Jack Nettleton,");
    letter.assert_contains("Regulation 2(1)(b)");
    // A letter that can be posted: his address, the date, our reference, his worker, our address.
    let article = &letter.body[letter.body.find("<article class=\"hearth-letter\"").unwrap()..];
    let article = &article[..article.find("</article>").unwrap()];
    for part in [
        "<address class=\"hearth-letter__to\">Jack Nettleton<br>",
        "Our reference",
        "Contact",
        "Wrenfield Town Hall",
        "Yours sincerely,",
        "The law behind this letter",
    ] {
        assert!(article.contains(part), "{part} in the letter");
    }
    assert!(!article.contains("(The rule:") && !article.contains("number on our website"));
    // The same letter as a tagged PDF, linked from its page, in standard and large print.
    letter.assert_contains(&format!("href=\"/assessments/{aid}/letter.pdf?print=large\""));
    let pdf = worker.get(&format!("/assessments/{aid}/letter.pdf")).await;
    crate::helpers::assert_accessible_pdf(
        &pdf,
        &["Dear Jack Nettleton,", "Our reference", "Yours sincerely,", "The law behind this letter"],
    );
    let large = worker.get(&format!("/assessments/{aid}/letter.pdf?print=large")).await;
    crate::helpers::assert_accessible_pdf(&large, &["Dear Jack Nettleton,"]);
    assert!(!article.contains("Copies given"), "the staff parts are outside the letter");
    letter.assert_contains("Getting and eating the food and drink you need");
    println!("Jack's letter: reading age {}", reading_age_shown(&letter));
    assert!(reading_age_shown(&letter) <= 11.0);
    let copy = worker
        .post(
            &format!("/assessments/{aid}/copies"),
            &[("given_to", "Jack Nettleton"), ("how", "Handed over at a visit"), ("given_on", "")],
        )
        .await;
    assert_eq!(copy.status, StatusCode::UNPROCESSABLE_ENTITY);
    let today = chrono::Utc::now().date_naive().format("%d/%m/%Y").to_string();
    let copy = worker
        .post(
            &format!("/assessments/{aid}/copies"),
            &[("given_to", "Jack Nettleton"), ("how", "Handed over at a visit"), ("given_on", &today)],
        )
        .await;
    assert_eq!(copy.status, StatusCode::SEE_OTHER);

    // The plan, from the assessment: nothing retyped.
    let started = worker.post(&format!("/assessments/{aid}/plan"), &[]).await;
    let pid = id_after(&started, "/plans/").to_owned();
    let plan = worker.get(&format!("/plans/{pid}")).await;
    plan.assert_contains("Staying at home with Beryl when she is back");
    plan.assert_contains("Eligible");
    let (plan_asked, plan_filled) = form_questions(&plan, &format!("/plans/{pid}"));
    let (line_asked, _) = form_questions(&plan, &format!("/plans/{pid}/lines"));
    println!("plan form: {plan_asked} questions, {plan_filled} filled in by Hearth; a service: {line_asked} questions");
    for line in [
        [
            ("service_type", "lt-community"),
            ("component", "home-support"),
            ("delivery", "commissioned"),
            ("provider", "Brightwell Home Care"),
            ("units", "14"),
            ("unit_cost", "25.00"),
            ("starts_on", "04/01/2027"),
            ("meets", "personal-hygiene"),
        ],
        [
            ("service_type", "lt-community"),
            ("component", "day-support"),
            ("delivery", "commissioned"),
            ("provider", "Riverside Day Centre"),
            ("units", "1"),
            ("unit_cost", "70.00"),
            ("starts_on", "04/01/2027"),
            ("meets", "nutrition"),
        ],
    ] {
        let added = worker.post(&format!("/plans/{pid}/lines"), &line).await;
        assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
    }
    let bad = worker
        .post(
            &format!("/plans/{pid}/lines"),
            &[
                ("service_type", "lt-residential"),
                ("component", "home-support"),
                ("provider", "X"),
                ("units", "1"),
                ("unit_cost", "1"),
                ("starts_on", "04/01/2027"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let plan = worker.get(&format!("/plans/{pid}")).await;
    plan.assert_contains("£420.00");
    let submitted = worker
        .post(
            &format!("/plans/{pid}"),
            &[
                ("outcomes", "Stay at home with Beryl"),
                ("advice", "The Saturday walking football group"),
                ("contingency", "Derek rings the agency"),
                ("action", "submit"),
            ],
        )
        .await;
    assert_eq!(submitted.status, StatusCode::SEE_OTHER, "{}", submitted.body);
    assert!(worker.get(submitted.location()).await.body.contains("The plan is sent for approval"));
    let approved = manager.post(&format!("/plans/{pid}/decision"), &[("decision", "approve")]).await;
    assert_eq!(approved.status, StatusCode::SEE_OTHER, "{}", approved.body);
    manager.get(approved.location()).await.assert_contains("The plan is approved");

    let approved_plan = worker.get(&format!("/plans/{pid}")).await;
    let (agree_asked, agree_filled) = form_questions(&approved_plan, &format!("/plans/{pid}/agree"));
    println!("agreeing: {agree_asked} questions, {agree_filled} filled in by Hearth");
    // Jack's crisis conversation is open: the practitioner cannot agree long-term support.
    let blocked =
        worker.post(&format!("/plans/{pid}/agree"), &[("agreed_on", &today), ("starts_on", "04/01/2027")]).await;
    assert_eq!(blocked.status, StatusCode::UNPROCESSABLE_ENTITY);
    blocked.assert_contains("Conversation 2: work intensively with people in crisis is open");
    let before = app.audit_count("crisis-override").await;
    let agreed = manager
        .post(
            &format!("/plans/{pid}/agree"),
            &[
                ("agreed_on", &today),
                ("starts_on", "04/01/2027"),
                ("override_reason", "Beryl will not be coming home; Jack and his son agree"),
            ],
        )
        .await;
    assert_eq!(agreed.status, StatusCode::SEE_OTHER, "{}", agreed.body);
    assert_eq!(app.audit_count("crisis-override").await, before + 1);
    let plan = worker.get(&format!("/plans/{pid}")).await;
    plan.assert_contains("In place");
    plan.assert_contains("between 15 February 2027 and 1 March 2027");

    // Jack's copy of his plan (s25(9)): a letter that can be posted, and the copies given.
    plan.assert_contains(&format!("href=\"/plans/{pid}/letter\""));
    let copy = worker.get(&format!("/plans/{pid}/letter")).await;
    assert_eq!(copy.status, StatusCode::OK);
    crate::pages::assert_well_formed("plan letter", &copy.body);
    let article = &copy.body[copy.body.find("<article class=\"hearth-letter\"").unwrap()..];
    let article = &article[..article.find("</article>").unwrap()];
    for part in [
        "<address class=\"hearth-letter__to\">Jack Nettleton<br>",
        "Your care and support plan",
        "Dear Jack Nettleton,",
        "What it costs, and who pays",
        "We will look at your plan again with you by 1 March 2027.",
        "Yours sincerely,",
        "section 25(9)",
    ] {
        assert!(article.contains(part), "{part} in the plan letter");
    }
    // Jack asks for his letters to go to his son, who speaks for him: the letter goes there,
    // greets the son and says who it is about. Asking for it without an address is refused.
    let no_address = worker
        .post(
            &format!("/people/{jack}/representatives/new"),
            &[
                ("name", "Martin Nettleton"),
                ("authority", "informal"),
                ("letters_to_them", "yes"),
                ("postcode", "nowhere"),
            ],
        )
        .await;
    assert_eq!(no_address.status, StatusCode::UNPROCESSABLE_ENTITY);
    no_address.assert_contains("Enter the first line of the address");
    no_address.assert_contains("Enter a real postcode, like QW1 1AA");
    let no_address = worker
        .post(
            &format!("/people/{jack}/representatives/new"),
            &[("name", "Martin Nettleton"), ("authority", "informal"), ("letters_to_them", "yes")],
        )
        .await;
    assert_eq!(no_address.status, StatusCode::UNPROCESSABLE_ENTITY);
    no_address.assert_contains("Enter their address, so that letters can go to them");
    let son = worker
        .post(
            &format!("/people/{jack}/representatives/new"),
            &[
                ("name", "Martin Nettleton"),
                ("authority", "informal"),
                ("line_1", "9 Mill Lane"),
                ("town", "Wrenfield"),
                ("postcode", "qw1 2bb"),
                ("letters_to_them", "yes"),
            ],
        )
        .await;
    assert_eq!(son.status, StatusCode::SEE_OTHER, "{}", son.body);
    worker
        .get(&format!("/people/{jack}/network"))
        .await
        .assert_contains("9 Mill Lane, Wrenfield, QW1 2BB<br>Letters about them go here, as they asked");
    let to_son = worker.get(&format!("/plans/{pid}/letter")).await;
    for part in [
        "<address class=\"hearth-letter__to\">Martin Nettleton<br>9 Mill Lane<br>Wrenfield<br>QW1 2BB</address>",
        "<dt>About</dt><dd>Jack Nettleton</dd>",
        "Dear Martin Nettleton,",
        "This letter is about Jack Nettleton.",
    ] {
        to_son.assert_contains(part);
    }
    let pdf = worker.get(&format!("/plans/{pid}/letter.pdf")).await;
    crate::helpers::assert_accessible_pdf(
        &pdf,
        &["Martin Nettleton", "9 Mill Lane", "Dear Martin Nettleton,", "About: Jack Nettleton"],
    );
    // The son moves: his address is changed in place (not added again), and the next letter
    // goes to the new one. A change made by someone else meanwhile is caught; a bad postcode is
    // refused with what was typed kept.
    let network = worker.get(&format!("/people/{jack}/network")).await;
    let change = network.body.split(&format!("href=\"/people/{jack}/representatives/")).nth(1).unwrap();
    let change = format!("/people/{jack}/representatives/{}", &change[..change.find('"').unwrap()]);
    let form = worker.get(&change).await;
    form.assert_contains("Change what is recorded about Martin Nettleton");
    form.assert_contains(r#"value="9 Mill Lane""#);
    let mut fields = crate::helpers::form_to(&form, &change);
    fields.set("postcode", "not a postcode");
    let bad_postcode = worker.post(&change, &fields.pairs()).await;
    assert_eq!(bad_postcode.status, StatusCode::UNPROCESSABLE_ENTITY);
    bad_postcode.assert_contains("Enter a real postcode, like QW1 1AA");
    bad_postcode.assert_contains(r#"value="not a postcode""#);
    let mut colleague = app.browser_as(Role::TeamManager).await;
    let theirs = colleague.get(&change).await;
    fields.set("line_1", "4 Weir Row");
    fields.set("postcode", "QW1 3CC");
    let moved = worker.post(&change, &fields.pairs()).await;
    assert_eq!(moved.status, StatusCode::SEE_OTHER, "{}", moved.body);
    let mut stale = crate::helpers::form_to(&theirs, &change);
    stale.set("phone", "01632 960 111");
    let refused = colleague.post(&change, &stale.pairs()).await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    refused.assert_contains("after this page was opened");
    worker.get(&format!("/plans/{pid}/letter")).await.assert_contains(
        "<address class=\"hearth-letter__to\">Martin Nettleton<br>4 Weir Row<br>Wrenfield<br>QW1 3CC</address>",
    );
    assert_eq!(app.audit_count("representative-changed").await, 1);
    let bad = worker
        .post(&format!("/plans/{pid}/copies"), &[("given_to", ""), ("how", "By post"), ("given_on", "soon")])
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    bad.assert_contains("Enter the day it was given");
    bad.assert_contains("Enter who was given a copy");
    let given = worker
        .post(
            &format!("/plans/{pid}/copies"),
            &[("given_to", "Jack Nettleton"), ("how", "By post"), ("given_on", &today)],
        )
        .await;
    assert_eq!(given.location(), format!("/plans/{pid}/letter?did=copy-recorded"));
    worker.get(given.location()).await.assert_contains("Jack Nettleton, by post on");

    // Reviews appear in my work and the team's work when due.
    app.state.clock.advance(chrono::Duration::days(
        ((chrono::NaiveDate::from_ymd_opt(2027, 2, 20).unwrap() - chrono::Utc::now().date_naive()).num_days()).max(0),
    ));
    // Weeks later: a new day's sign-in.
    let mut worker = app.browser_as(Role::Practitioner).await;
    let mut manager = app.browser_as(Role::TeamManager).await;
    let mine = worker.get("/my-work").await;
    mine.assert_contains("First review of the plan");
    let team = manager.get("/team").await;
    team.assert_contains("First review of the plan");

    // Jack asks for a review (s27(1)(b)); each form shows every mistake, then the review is done.
    let asked = worker.post(&format!("/plans/{pid}/reviews/request"), &[("requested_on", "someday")]).await;
    assert_eq!(asked.status, StatusCode::UNPROCESSABLE_ENTITY);
    asked.assert_contains("Enter the day they asked");
    let asked = worker
        .post(&format!("/plans/{pid}/reviews/request"), &[("requested_on", "19/02/2027"), ("requested_by", "Jack")])
        .await;
    assert_eq!(asked.status, StatusCode::SEE_OTHER, "{}", asked.body);
    let half = worker.post(&format!("/plans/{pid}/reviews/complete"), &[("summary", "Going well")]).await;
    assert_eq!(half.status, StatusCode::UNPROCESSABLE_ENTITY);
    half.assert_contains("Enter the day of the review");
    half.assert_contains("Choose what the review decided");
    let reviewed = worker
        .post(
            &format!("/plans/{pid}/reviews/complete"),
            &[
                // "The next planned review", as the page's select sends it.
                ("review_id", ""),
                ("completed_on", "20/02/2027"),
                ("review_decision", "no-change"),
                ("summary", "Going well"),
            ],
        )
        .await;
    assert_eq!(reviewed.status, StatusCode::SEE_OTHER, "{}", reviewed.body);
    assert!(worker.get(&format!("/plans/{pid}")).await.body.contains("Going well"));

    // Every page of it was a view of Jack's record, audited.
    let filter =
        AuditFilter { action: Some("person-viewed".into()), person_id: Some(jack.to_string()), ..Default::default() };
    let views = app.db.store.search_audit(&filter, 1, 1000).await.unwrap().rows;
    for page in ["care", "assessment", "letter", "plan"] {
        assert!(views.iter().any(|v| v.details.contains(&format!("\"{page}\""))), "no audited view of the {page} page");
    }
    app.cleanup().await;
}

#[tokio::test]
async fn a_carer_is_assessed_and_supported_in_their_own_right() {
    let app = TestApp::spawn().await;
    let practitioner = app.user_id(Role::Practitioner).await;
    let north =
        app.db.store.people().teams().await.unwrap().into_iter().find(|t| t.name == "North locality team").unwrap();
    let ctx = AuditContext::system(chrono::Utc::now());
    let details = PersonDetails {
        given_name: "Dev".into(),
        family_name: "Parmar".into(),
        date_of_birth: chrono::NaiveDate::from_ymd_opt(1968, 2, 9),
        ..Default::default()
    };
    let dev = app.db.store.people().create_person(&ctx, details, None).await.unwrap().id;
    app.db.store.people().allocate(&ctx, &dev, &north.id, Some(&practitioner), None).await.unwrap();
    let mut worker = app.browser_as(Role::Practitioner).await;
    let mut manager = app.browser_as(Role::TeamManager).await;

    let started = worker
        .post(
            &format!("/people/{dev}/assessments"),
            &[("kind", "carer"), ("cared_for_name", "Mira Parmar"), ("method", "face-to-face")],
        )
        .await;
    let aid = id_after(&started, "/assessments/").to_owned();
    let form = worker.get(&format!("/assessments/{aid}?section=outcomes")).await;
    form.assert_contains("The 8 outcomes for carers");
    // Regulation 3(3): no "significantly longer" for carers.
    assert!(!form.body.contains("value=\"takes-longer\""));
    let sent = worker
        .post(
            &format!("/assessments/{aid}"),
            &[
                ("method", "face-to-face"),
                ("persons_view", "I want to keep my job"),
                ("necessary_care", "yes"),
                ("health_deteriorating", "no"),
                ("way-work-learning", "without-help"),
                ("way-habitable-home", "takes-longer"),
                ("significant_impact", "yes"),
                ("carer_able_willing", "Willing, but not able to do nights"),
                ("action", "submit"),
            ],
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    let a = app.db.store.assessments().assessment(&AssessmentId::from(aid.as_str())).await.unwrap();
    let d = a.findings.determine();
    assert!(d.eligible, "one outcome is enough for a carer (regulation 3(1)(b))");
    assert_eq!(d.eligible_outcomes(), vec!["work-learning"], "taking longer was ignored");
    manager.post(&format!("/assessments/{aid}/decision"), &[("decision", "approve")]).await;
    let letter = worker.get(&format!("/assessments/{aid}/letter")).await;
    letter.assert_contains("Your carer&#39;s assessment: what we decided");
    println!("Dev's carer's letter: reading age {}", reading_age_shown(&letter));
    assert!(reading_age_shown(&letter) <= 11.0);
    let started = worker.post(&format!("/assessments/{aid}/plan"), &[]).await;
    let pid = id_after(&started, "/plans/").to_owned();
    let plan = worker.get(&format!("/plans/{pid}")).await;
    plan.assert_contains("Carer&#39;s support plan");
    plan.assert_contains("Unpaid carer support: Direct to unpaid carer");
    assert!(!plan.body.contains("Long term support: Community"), "carers' support types only");
    app.cleanup().await;
}

#[tokio::test]
async fn work_stops_where_the_law_says_until_it_is_put_right() {
    let app = TestApp::spawn().await;
    let jack = jack(&app).await;
    let mut worker = app.browser_as(Role::Practitioner).await;
    let mut manager = app.browser_as(Role::TeamManager).await;
    let aid = assess_jack(&app, &mut worker).await;

    // s13(5): with one outcome only, no eligible needs, and the advice is required.
    let one = [
        ("impairment", "yes"),
        ("persons_view", "Stay at home"),
        ("way-nutrition", "without-help"),
        ("significant_impact", "yes"),
        ("action", "submit"),
    ];
    worker.get(&format!("/assessments/{aid}?section=view")).await;
    let refused = worker.post(&format!("/assessments/{aid}"), &one).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    refused.assert_contains("s13(5)");

    // s67: substantial difficulty and only a paid carer: an advocate first.
    let mut with_difficulty = one.to_vec();
    with_difficulty.extend([
        ("advice", "The lunch club at St Mark's"),
        ("retaining", "yes"),
        ("supporter_name", "Amy Cole"),
        ("supporter_paid", "yes"),
    ]);
    let refused = worker.post(&format!("/assessments/{aid}"), &with_difficulty).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    refused.assert_contains("an independent advocate is needed");
    let exception = manager
        .post(
            &format!("/assessments/{aid}/decision"),
            &[("decision", "no-advocate"), ("exception_reason", "His son, unpaid, will support him")],
        )
        .await;
    assert_eq!(exception.status, StatusCode::SEE_OTHER, "{}", exception.body);
    // The practitioner's page is out of date now: sent again as it was, it says so and keeps
    // what was typed; from the page as it is now, it goes.
    let stale = worker.post(&format!("/assessments/{aid}"), &with_difficulty).await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    stale.assert_contains("changed this assessment");
    stale.assert_contains("The lunch club at St Mark");
    let sent = worker.post(&format!("/assessments/{aid}"), &with_difficulty).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    // Returned with a comment, it comes back to the practitioner.
    let no_comment =
        manager.post(&format!("/assessments/{aid}/decision"), &[("decision", "return"), ("comment", "")]).await;
    assert_eq!(no_comment.status, StatusCode::UNPROCESSABLE_ENTITY);
    manager
        .post(&format!("/assessments/{aid}/decision"), &[("decision", "return"), ("comment", "Add what Derek said")])
        .await;
    worker.get(&format!("/assessments/{aid}")).await.assert_contains("Returned by a team manager: Add what Derek said");

    // Capacity: one decision at a time, and best interests only after a lack of capacity.
    let vague = worker
        .post(&format!("/people/{jack}/capacity/new"), &[("decision", "capacity"), ("assessed_on", "01/12/2026")])
        .await;
    assert_eq!(vague.status, StatusCode::UNPROCESSABLE_ENTITY);
    vague.assert_contains("one decision at a time");
    let recorded = worker
        .post(
            &format!("/people/{jack}/capacity/new"),
            &[
                ("decision", "Moving to a care home"),
                ("assessed_on", "01/12/2026"),
                ("can_understand", "yes"),
                ("can_retain", "no"),
                ("can_use_or_weigh", "no"),
                ("can_communicate", "yes"),
                ("impairment", "Parkinson's disease dementia"),
                ("steps_taken", "Two visits, with his son"),
            ],
        )
        .await;
    assert_eq!(recorded.status, StatusCode::SEE_OTHER, "{}", recorded.body);
    let record = app.db.store.assessments().capacity_assessments(&jack).await.unwrap().remove(0);
    let bi = format!("/people/{jack}/capacity/{}/best-interests", record.id);
    let form = worker.get(&bi).await;
    form.assert_contains("For the decision: Moving to a care home");
    let missing = worker
        .post(
            &bi,
            &[
                ("options", "Home care four times a day"),
                ("decision", "Move to Elm House"),
                ("decided_on", "01/12/2026"),
            ],
        )
        .await;
    assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
    missing.assert_contains("href=\"#consultees\"");
    // Nothing filled in and a day that is not a day: four problems, each linking to its field.
    let empty = worker.post(&bi, &[("decided_on", "31/02/2026")]).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    for field in ["options", "consultees", "decision", "decided_on"] {
        empty.assert_contains(&format!("href=\"#{field}\""));
    }
    let decided = worker
        .post(
            &bi,
            &[
                ("options", "Home care four times a day"),
                ("consultees", "His son; his GP"),
                ("decision", "Move to Elm House"),
                ("decided_on", "01/12/2026"),
            ],
        )
        .await;
    assert_eq!(decided.status, StatusCode::SEE_OTHER, "{}", decided.body);

    // Transition is for under-18s: Jack is 88.
    let adult = worker
        .post(&format!("/people/{jack}/transition/new"), &[("likely_needs", "x"), ("significant_benefit", "y")])
        .await;
    assert_eq!(adult.status, StatusCode::UNPROCESSABLE_ENTITY);
    adult.assert_contains("assess them as an adult");
    app.cleanup().await;
}

/// Statements a page sends, asked twice so a first visit's one-off work (a session touch) does
/// not count.
async fn queries_for(browser: &mut Browser, count: &std::sync::atomic::AtomicUsize, path: &str) -> usize {
    assert_eq!(browser.get(path).await.status, StatusCode::OK);
    let before = count.load(std::sync::atomic::Ordering::Relaxed);
    assert_eq!(browser.get(path).await.status, StatusCode::OK);
    count.load(std::sync::atomic::Ordering::Relaxed) - before
}

#[tokio::test]
async fn pages_that_list_records_read_them_in_a_fixed_number_of_queries() {
    use hearth_domain::people::notes::{NewNote, NoteKind};
    let app = TestApp::spawn().await;
    let jack = jack(&app).await;
    let (mut worker, count) = app.counting_browser(Role::Practitioner).await;
    let care = format!("/people/{jack}/care");
    let notes = format!("/people/{jack}/notes");
    let care_before = queries_for(&mut worker, &count, &care).await;
    let notes_before = queries_for(&mut worker, &count, &notes).await;
    let (mut manager, manager_count) = app.counting_browser(Role::TeamManager).await;
    let allocate = format!("/people/{jack}/allocate");
    let allocate_before = queries_for(&mut manager, &manager_count, &allocate).await;

    // More of everything those pages list: assessments, a determination, a plan, a capacity
    // assessment, and notes about Jack and others.
    crate::access::care_records(&app, &jack).await;
    let ctx = AuditContext {
        actor: hearth_store::Actor::User(app.user_id(Role::Practitioner).await),
        client_addr: None,
        now: chrono::Utc::now(),
    };
    for i in 0..3 {
        let note = NewNote {
            kind: Some(NoteKind::Visit),
            happened_at: Some(ctx.now),
            body: format!("Visit {i}"),
            significant: false,
            people: vec![jack.clone()],
        };
        app.db.store.people().add_note(&ctx, &note).await.unwrap();
    }
    // Two more teams, each with a worker, for the allocation page's team-or-worker choice.
    for name in ["Hospital discharge", "Learning disability"] {
        let team = app.db.store.people().create_team(&ctx, name, false).await.unwrap();
        let worker_id = app.user_id(Role::Practitioner).await;
        app.db.store.people().add_team_member(&ctx, &team.id, &worker_id).await.unwrap();
    }

    assert_eq!(queries_for(&mut worker, &count, &care).await, care_before, "the care page, with more records");
    assert_eq!(queries_for(&mut worker, &count, &notes).await, notes_before, "the notes page, with more notes");
    assert_eq!(
        queries_for(&mut manager, &manager_count, &allocate).await,
        allocate_before,
        "the allocation page, with more teams"
    );
    assert!(care_before > 0, "the counter counts");
    app.cleanup().await;
}
