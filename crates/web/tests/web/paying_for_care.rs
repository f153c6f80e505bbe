//! Paying for care: the public estimate, question by question, without JavaScript; asking for a
//! financial assessment; the officer's assessment to its written record; the JSON interface and
//! its OpenAPI document; and the administrators' charging policy.

use crate::helpers::{Browser, Page, TestApp, words_between};
use crate::pages::assert_well_formed;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use hearth_domain::access::Role;
use hearth_domain::assessments::letters::reading_age;
use hearth_web::WebConfig;

async fn answer(b: &mut Browser, step: &str, fields: &[(&str, &str)]) -> Page {
    b.get(&format!("/paying-for-care/{step}")).await;
    let page = b.post(&format!("/paying-for-care/{step}"), fields).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{step}: {}", page.body);
    page
}

/// A pensioner at home: State Pension £230.25, a work pension of £400 a month, savings of
/// £18,000 and Council Tax of £1,800 a year.
async fn answer_everything(b: &mut Browser) {
    answer(b, "where", &[("setting", "home")]).await;
    answer(b, "age", &[("age", "pension-age")]).await;
    answer(b, "partner", &[("partner", "no")]).await;
    answer(b, "children", &[("has_children", "no")]).await;
    answer(b, "savings", &[("savings", "18,000")]).await;
    answer(b, "benefits", &[("benefits", "none")]).await;
    answer(
        b,
        "pensions",
        &[
            ("state_pension", "230.25"),
            ("state_pension_period", "weekly"),
            ("other_pensions", "400"),
            ("other_pensions_period", "monthly"),
        ],
    )
    .await;
    answer(b, "other-income", &[]).await;
    answer(b, "housing", &[("council_tax", "1,800"), ("council_tax_period", "yearly")]).await;
    let last = answer(b, "cost", &[]).await;
    assert_eq!(last.location(), "/paying-for-care/check");
}

#[tokio::test]
async fn a_resident_answers_one_question_a_page_and_gets_an_estimate_that_matches_the_interface() {
    let app = TestApp::spawn().await;
    let mut b = app.browser();
    let start = b.get("/paying-for-care").await;
    assert_well_formed("start", &start.body);
    start.assert_contains("Start now");
    let first = b.get("/paying-for-care/where").await;
    assert_well_formed("where", &first.body);
    first.assert_contains(r#"<a href="/paying-for-care" class="govuk-back-link">Back</a>"#);

    // A question left unanswered is explained, linked to its field.
    let refused = b.post("/paying-for-care/where", &[]).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_well_formed("where with errors", &refused.body);
    refused.assert_contains("<title>Error: ");
    refused.assert_contains(r##"<a href="#setting">Select where you will get care and support</a>"##);
    let to_age = answer(&mut b, "where", &[("setting", "home")]).await;
    assert_eq!(to_age.location(), "/paying-for-care/age");
    b.get("/paying-for-care/age").await.assert_contains(r#"href="/paying-for-care/where" class="govuk-back-link""#);
    // A bad amount is kept and explained.
    answer(&mut b, "age", &[("age", "pension-age")]).await;
    answer(&mut b, "partner", &[("partner", "no")]).await;
    answer(&mut b, "children", &[("has_children", "no")]).await;
    b.get("/paying-for-care/savings").await;
    let bad = b.post("/paying-for-care/savings", &[("savings", "lots")]).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    bad.assert_contains("Enter an amount in pounds, like 2,500 or 12.50");
    bad.assert_contains(r#"value="lots""#);
    // The estimate is not shown until everything is answered.
    assert_eq!(b.get("/paying-for-care/result").await.location(), "/paying-for-care/savings");

    answer_everything(&mut b).await;
    let check = b.get("/paying-for-care/check").await;
    assert_well_formed("check", &check.body);
    check.assert_contains("Check your answers");
    check.assert_contains("£18,000.00");
    check.assert_contains("Council Tax: £1,800.00 a year");
    // Changing an answer comes back to the check page.
    b.get("/paying-for-care/savings?change=1").await;
    let changed = b.post("/paying-for-care/savings?change=1", &[("savings", "20000")]).await;
    assert_eq!(changed.location(), "/paying-for-care/check");

    let result = b.get("/paying-for-care/result").await;
    assert_eq!(result.status, StatusCode::OK);
    assert_well_formed("result", &result.body);
    result.assert_contains("This is an estimate, not a bill");
    result.assert_contains("Ask for a financial assessment");
    result.assert_contains("Charging Regulations 2014, regulation 25 (tariff income from capital)");
    // The same answers through the JSON interface give the same charge.
    let today = app.state.clock.now().with_timezone(&chrono_tz::Europe::London).date_naive();
    let body = serde_json::json!({
        "date": today,
        "person": {"age_band": "pension-age"},
        "care": {"setting": "at-home", "council_arranges": true},
        "capital": [{"kind": "savings", "value": "20000.00"}],
        "income": [
            {"kind": "state-pension", "amount": "230.25"},
            {"kind": "occupational-pension", "amount": "400.00", "period": "monthly"}
        ],
        "housing": [{"kind": "council-tax", "amount": "1800.00", "period": "yearly"}]
    });
    let api = post_json(&app, "/api/v1/charging/calculate", &body.to_string()).await;
    assert_eq!(api.status, StatusCode::OK, "{}", api.body);
    let json: serde_json::Value = serde_json::from_str(&api.body).unwrap();
    let charge = json["weekly_charge"].as_str().unwrap();
    result.assert_contains(&format!("You could pay up to £{charge} a week"));

    // Nothing was stored: no request, and no answers anywhere but the visitor's cookie.
    assert!(
        app.db
            .store
            .charging()
            .charging_requests(true)
            .await
            .unwrap()
            .iter()
            .all(|r| r.source != "calculator" || r.answers.is_none())
    );
    let before = app.db.store.charging().charging_requests(true).await.unwrap().len();
    // Starting again forgets the answers.
    b.get("/paying-for-care/check").await;
    let cleared = b.post("/paying-for-care/clear", &[]).await;
    assert_eq!(cleared.location(), "/paying-for-care");
    assert_eq!(b.get("/paying-for-care/check").await.location(), "/paying-for-care/where");
    assert_eq!(app.db.store.charging().charging_requests(true).await.unwrap().len(), before);
    app.cleanup().await;
}

/// Issue 16: the answer comes first in plain words, the workings and the law behind "How we
/// worked this out"; it can be emailed, with a link that brings the answers back.
#[tokio::test]
async fn the_estimate_answers_in_plain_words_and_can_be_emailed_and_picked_up_again() {
    let smtp = crate::smtp::SmtpReceiver::start().await;
    let app = TestApp::with_config(WebConfig { smtp_url: Some(smtp.url.clone()), ..Default::default() }).await;
    let mut b = app.browser();
    answer_everything(&mut b).await;
    let result = b.get("/paying-for-care/result").await;
    assert_well_formed("result", &result.body);
    let body = &result.body;
    let reason = body.find("We count £").expect("the main reason, in plain words");
    let workings = body.find("How we worked this out").unwrap();
    let law = body.find("The law behind this estimate").unwrap();
    let first_rule = body.find("Charging Regulations 2014").unwrap();
    assert!(reason < workings && workings < law && law < first_rule, "answer, then workings, then the law");
    // £18,000 of savings is an amount held, not a week's worth; no bracketed labels.
    result.assert_contains(r#"govuk-table__header--numeric">Amount</th>"#);
    for label in ["(Counted)", "(Taken off)", "(Not counted)"] {
        assert!(!body.contains(label), "{label} in the result");
    }
    // Read first, the answer is plain (reading age, Flesch-Kincaid grade plus 5, 9 or under);
    // the workings are for checking, at 11 or under.
    let answer = crate::helpers::words_between(body, "govuk-panel__title", "How we worked this out");
    let answer_age = reading_age(&answer);
    let workings = crate::helpers::words_between(body, "How we worked this out", "The law behind this estimate");
    let workings_age = reading_age(&workings);
    println!("estimate: the answer's reading age {answer_age:.1}, the workings' {workings_age:.1}");
    assert!(answer_age <= 9.0, "{answer_age:.1}: {answer}");
    assert!(workings_age <= 11.0, "{workings_age:.1}: {workings}");
    // Each rule is listed once, however many lines it explains.
    assert_eq!(body.matches("regulation 25 (tariff income from capital)").count(), 1);

    let bad = b.post("/paying-for-care/result/email", &[("email", "not-an-address")]).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_well_formed("estimate email error", &bad.body);
    bad.assert_contains(r##"<a href="#email">Enter an email address in the right form"##);
    bad.assert_contains(r#"value="not-an-address""#);
    assert!(smtp.received().is_empty());

    let sent = b.post("/paying-for-care/result/email", &[("email", "resident@example.com")]).await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    sent.assert_contains("We have emailed this estimate to resident@example.com");
    let messages = smtp.received();
    assert_eq!(messages.len(), 1);
    let text = messages[0].text();
    assert!(text.contains("You could pay up to £") && text.contains("This is an estimate, not a bill"), "{text}");
    assert!(text.contains("We count £"), "the reason travels with the amount: {text}");
    let link = text.split_whitespace().find(|w| w.contains("/paying-for-care/resume?answers=")).expect("a link back");
    let path = &link[link.find("/paying-for-care/").unwrap()..];
    assert!(path.len() < 1_000, "a link short enough to copy: {} characters", path.len());

    // On another device (no cookie), the link brings the answers back to "Check your answers".
    let mut elsewhere = app.browser();
    assert_eq!(elsewhere.get("/paying-for-care/check").await.location(), "/paying-for-care/where");
    let back = elsewhere.get(path).await;
    assert_eq!(back.location(), "/paying-for-care/check");
    let check = elsewhere.get("/paying-for-care/check").await;
    check.assert_contains("£18,000.00");
    let again = elsewhere.get("/paying-for-care/result").await;
    assert_eq!(
        again.body.split("govuk-panel__title\">").nth(1).map(|s| s.split('<').next()),
        result.body.split("govuk-panel__title\">").nth(1).map(|s| s.split('<').next()),
        "the same estimate"
    );
    // A damaged link starts afresh and says why, rather than guess.
    let mut third = app.browser();
    let broken = third.get(&path[..path.len() - 12]).await;
    assert_eq!(broken.location(), "/paying-for-care?resume=failed");
    third.get("/paying-for-care?resume=failed").await.assert_contains("We could not read the answers in that link");
    assert_eq!(third.get("/paying-for-care/check").await.location(), "/paying-for-care/where");
    app.cleanup().await;
}

#[tokio::test]
async fn a_pensioner_living_alone_says_no_to_children_rather_than_typing_0() {
    let app = TestApp::spawn().await;
    let mut b = app.browser();
    answer(&mut b, "where", &[("setting", "home")]).await;
    answer(&mut b, "age", &[("age", "pension-age")]).await;
    answer(&mut b, "partner", &[("partner", "no")]).await;
    let page = b.get("/paying-for-care/children").await;
    assert_well_formed("children", &page.body);
    assert_eq!(page.body.matches("<h1").count(), 1, "one heading");
    let none = b.post("/paying-for-care/children", &[]).await;
    assert_eq!(none.status, StatusCode::UNPROCESSABLE_ENTITY);
    none.assert_contains("Select yes if children who depend on you live with you");
    let how_many = b.post("/paying-for-care/children", &[("has_children", "yes"), ("children", "0")]).await;
    how_many.assert_contains("Enter how many children, like 1 or 2");
    assert_eq!(answer(&mut b, "children", &[("has_children", "no")]).await.location(), "/paying-for-care/savings");
    for step in ["savings", "benefits"] {
        let page = b.get(&format!("/paying-for-care/{step}")).await;
        assert_eq!(page.body.matches("<h1").count(), 1, "{step}: one heading");
    }
    // The savings question is asked once: its box names what to enter.
    let savings = b.get("/paying-for-care/savings").await;
    assert_eq!(
        savings.body.matches("How much do you have in savings and investments?").count(),
        2,
        "the title and the heading"
    );
    app.cleanup().await;
}

#[tokio::test]
async fn care_home_questions_follow_from_the_answers() {
    let app = TestApp::spawn().await;
    let mut b = app.browser();
    assert_eq!(answer(&mut b, "where", &[("setting", "care-home")]).await.location(), "/paying-for-care/stay");
    assert_eq!(answer(&mut b, "stay", &[("stay", "permanent")]).await.location(), "/paying-for-care/age");
    answer(&mut b, "age", &[("age", "pension-age")]).await;
    assert_eq!(
        answer(&mut b, "partner", &[("partner", "no")]).await.location(),
        "/paying-for-care/savings",
        "no children question in a care home"
    );
    assert_eq!(answer(&mut b, "savings", &[("savings", "5000")]).await.location(), "/paying-for-care/home");
    b.get("/paying-for-care/home").await;
    let missing = b.post("/paying-for-care/home", &[("owns_home", "yes")]).await;
    missing.assert_contains("Enter an amount, or 0 if none");
    missing.assert_contains("Select who will still live in your home");
    answer(&mut b, "home", &[("owns_home", "yes"), ("home_value", "200000"), ("home_occupant", "no-one")]).await;
    answer(&mut b, "benefits", &[("benefits", "aa")]).await;
    answer(&mut b, "benefit-amounts", &[("aa_amount", "110.40"), ("aa_period", "weekly"), ("aa_higher", "yes")]).await;
    answer(&mut b, "pensions", &[("state_pension", "230.25")]).await;
    // No housing or disability-cost questions in a care home.
    assert_eq!(answer(&mut b, "other-income", &[]).await.location(), "/paying-for-care/cost");
    answer(&mut b, "cost", &[("care_cost", "850")]).await;
    let result = b.get("/paying-for-care/result").await;
    result.assert_contains("Personal Expenses Allowance");
    result.assert_contains("not counted for the first 12 weeks");
    result.assert_contains("deferred payment");
    app.cleanup().await;
}

#[tokio::test]
async fn asking_for_an_assessment_sends_the_answers_only_if_chosen() {
    let app = TestApp::spawn().await;
    let mut b = app.browser();
    answer_everything(&mut b).await;
    let form = b.get("/paying-for-care/ask").await;
    assert_well_formed("ask", &form.body);
    form.assert_contains("Send my answers from the estimate too");
    let empty = b.post("/paying-for-care/ask", &[]).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    empty.assert_contains("Enter your name");
    empty.assert_contains("Enter an email address or a phone number");
    let sent = b
        .post(
            "/paying-for-care/ask",
            &[("name", "Ada Example"), ("phone", "01632 960 321"), ("contact", "phone"), ("send_answers", "yes")],
        )
        .await;
    assert_eq!(sent.status, StatusCode::OK);
    assert_well_formed("asked", &sent.body);
    sent.assert_contains("Request sent");
    let requests = app.db.store.charging().charging_requests(true).await.unwrap();
    let mine = requests.iter().find(|r| r.name == "Ada Example").unwrap();
    sent.assert_contains(&mine.reference);
    assert!(mine.answers.as_deref().unwrap().contains("\"savings\":\"18,000\""));
    assert!(mine.estimate.is_some());
    // Without the tick, no answers are kept.
    b.post("/paying-for-care/ask", &[("name", "Bo Example"), ("email", "bo@example.org")]).await;
    let requests = app.db.store.charging().charging_requests(true).await.unwrap();
    let bo = requests.iter().find(|r| r.name == "Bo Example").unwrap();
    assert!(bo.answers.is_none() && bo.estimate.is_none());
    // Five a day from one address.
    for n in 0..3 {
        b.post("/paying-for-care/ask", &[("name", &format!("Person {n}")), ("email", "p@example.org")]).await;
    }
    let too_many = b.post("/paying-for-care/ask", &[("name", "One more"), ("email", "p@example.org")]).await;
    too_many.assert_contains("several requests from here today");
    app.cleanup().await;
}

async fn send(b: &mut Browser, fields: Vec<(String, String)>, path: &str) -> Page {
    let refs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    b.post(path, &refs).await
}

async fn post_json(app: &TestApp, path: &str, body: &str) -> Page {
    let request = Request::post(path)
        .header(header::HOST, crate::helpers::HOST)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_owned()))
        .unwrap();
    app.browser().send(request).await
}

#[tokio::test]
async fn the_json_interface_names_bad_fields_limits_callers_and_documents_itself() {
    let config = WebConfig { api_rate_limit: 5, ..Default::default() };
    let app = TestApp::with_config(config).await;
    let example = hearth_web::api::charging::example_request();
    let ok = post_json(&app, "/api/v1/charging/calculate", &example.to_string()).await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    let result: serde_json::Value = serde_json::from_str(&ok.body).unwrap();
    assert_eq!(result["figures_year"], "2026/27");
    assert!(result["lines"].as_array().unwrap().iter().all(|l| l["source"].as_str().is_some_and(|s| !s.is_empty())));

    let mut typo = example.clone();
    typo["capital"][0]["value"] = serde_json::json!("18000.005");
    let bad = post_json(&app, "/api/v1/charging/calculate", &typo.to_string()).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    let problem: serde_json::Value = serde_json::from_str(&bad.body).unwrap();
    assert_eq!(problem["field"], "capital[0].value");
    let mut early = example.clone();
    early["date"] = serde_json::json!("2015-01-01");
    let no_figures = post_json(&app, "/api/v1/charging/calculate", &early.to_string()).await;
    assert_eq!(no_figures.status, StatusCode::UNPROCESSABLE_ENTITY);
    let not_json = post_json(&app, "/api/v1/charging/calculate", "not json").await;
    assert_eq!(not_json.status, StatusCode::BAD_REQUEST);
    // A body of any size gets the documented JSON answer, not a web page.
    let huge = post_json(&app, "/api/v1/charging/calculate", &"x".repeat(3 * 1024 * 1024)).await;
    assert_eq!(huge.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(huge.header("content-type").starts_with("application/json"), "{}", huge.header("content-type"));
    let problem: serde_json::Value = serde_json::from_str(&huge.body).unwrap();
    assert_eq!(problem["error"], "The request is too large");
    // The sixth call in a minute is refused.
    let limited = post_json(&app, "/api/v1/charging/calculate", &example.to_string()).await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(!limited.header("retry-after").is_empty());

    // The document's schemas describe the very example it shows, request and response.
    let doc = app.browser().get("/api/v1/openapi.json").await;
    assert_eq!(doc.status, StatusCode::OK);
    let doc: serde_json::Value = serde_json::from_str(&doc.body).unwrap();
    assert_eq!(doc["openapi"], "3.0.3");
    let post = &doc["paths"]["/api/v1/charging/calculate"]["post"];
    let validate = |schema_ref: &serde_json::Value, instance: &serde_json::Value| {
        let root = serde_json::json!({"$ref": schema_ref["$ref"], "components": doc["components"]});
        let validator = jsonschema::validator_for(&root).unwrap();
        let errors: Vec<String> =
            validator.iter_errors(instance).map(|e| format!("{e} at {}", e.instance_path())).collect();
        assert!(errors.is_empty(), "{errors:?}");
    };
    validate(
        &post["requestBody"]["content"]["application/json"]["schema"],
        &post["requestBody"]["content"]["application/json"]["example"],
    );
    let ok_doc = &post["responses"]["200"]["content"]["application/json"];
    validate(&ok_doc["schema"], &ok_doc["example"]);
    assert_eq!(ok_doc["example"], result, "the documented answer is the real one");
    app.cleanup().await;
}

#[tokio::test]
async fn a_finance_officer_takes_a_request_through_to_the_written_record() {
    let app = TestApp::spawn().await;
    // A resident asks, sending their answers.
    let mut resident = app.browser();
    answer_everything(&mut resident).await;
    resident.get("/paying-for-care/ask").await;
    resident
        .post("/paying-for-care/ask", &[("name", "Ada Example"), ("email", "ada@example.org"), ("send_answers", "yes")])
        .await;

    let mut officer = app.browser_as(Role::FinanceOfficer).await;
    let home = officer.get("/finance").await;
    assert_well_formed("/finance", &home.body);
    home.assert_contains("Ada Example");
    let request = app
        .db
        .store
        .charging()
        .charging_requests(true)
        .await
        .unwrap()
        .into_iter()
        .find(|r| r.name == "Ada Example")
        .unwrap();
    let page = officer.get(&format!("/finance/requests/{}", request.id)).await;
    assert_well_formed("request", &page.body);
    page.assert_contains("Their answers to the estimate");
    assert_eq!(app.audit_count("charging-request-viewed").await, 1);

    // Starting from the request takes the answers into the form.
    let started = officer.post("/finance/assessments/new", &[("request_id", request.id.as_str())]).await;
    assert_eq!(started.status, StatusCode::SEE_OTHER);
    let edit_path = started.location().to_owned();
    let id = edit_path.trim_start_matches("/finance/assessments/").trim_end_matches("/edit").to_owned();
    // The form is a task list: the estimate's answers have started some sections.
    let tasks = officer.get(&edit_path).await;
    assert_well_formed("task list", &tasks.body);
    for (section, state) in [("capital", "Completed"), ("expenses", "None recorded")] {
        let row = words_between(&tasks.body, &format!("?section={section}\""), "</li>");
        assert!(row.contains(state), "{section}: {row}");
    }
    let form = officer.get(&format!("{edit_path}?section=capital")).await;
    assert_well_formed("edit", &form.body);
    form.assert_contains(r#"value="18000.00""#);
    form.assert_contains(r#"<input type="hidden" name="section" value="capital">"#);
    assert!(!form.body.contains(r#"id="income-0-amount""#), "one section a page");
    officer.get(&format!("{edit_path}?section=other")).await.assert_contains("enter the date of birth");
    let version = |page: &Page| -> String {
        let marker = r#"name="version" value=""#;
        let start = page.body.find(marker).unwrap() + marker.len();
        page.body[start..].split('"').next().unwrap().to_owned()
    };
    let v = version(&form);

    // Without a date of birth it cannot be completed; the draft is saved as typed.
    let fields: Vec<(String, String)> = vec![
        ("version".into(), v.clone()),
        ("person_name".into(), "Ada Example".into()),
        ("date".into(), "01/06/2026".into()),
        ("partner".into(), "no".into()),
        ("setting".into(), "home".into()),
        ("weekly_cost".into(), "180".into()),
        ("council_arranges".into(), "yes".into()),
        ("disability_premium".into(), "auto".into()),
        ("enhanced_disability_premium".into(), "auto".into()),
        ("carer_premium".into(), "auto".into()),
        ("light_touch".into(), "none".into()),
        ("capital-0-kind".into(), "savings".into()),
        ("capital-0-value".into(), "18,000".into()),
        ("capital-0-evidence".into(), "Statement dated 1 May 2026".into()),
        ("income-0-kind".into(), "state-pension".into()),
        ("income-0-amount".into(), "241.30".into()),
        ("income-0-period".into(), "weekly".into()),
        ("income-0-evidence".into(), "DWP letter".into()),
        ("income-1-kind".into(), "occupational-pension".into()),
        ("income-1-amount".into(), "four hundred".into()),
        ("income-1-period".into(), "monthly".into()),
    ];
    let refs = |f: &[(String, String)], action: &str| -> Vec<(String, String)> {
        let mut out = f.to_vec();
        out.push(("action".into(), action.into()));
        out
    };
    let refused = send(&mut officer, refs(&fields, "complete"), &edit_path).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_well_formed("edit errors", &refused.body);
    refused.assert_contains("Enter the person&#39;s date of birth");
    refused.assert_contains("Enter an amount in pounds and pence");
    refused.assert_contains(r#"value="four hundred""#);
    let saved = send(&mut officer, refs(&fields, "save"), &edit_path).await;
    assert_eq!(saved.location(), format!("{edit_path}?done=1"));
    let kept = officer.get(saved.location()).await;
    kept.assert_contains("Draft saved");
    // What stops it adding up is flagged on its section.
    let income_row = words_between(&kept.body, "?section=income\"", "</li>");
    assert!(income_row.contains("Needs attention"), "{income_row}");
    officer.get(&format!("{edit_path}?section=income")).await.assert_contains(r#"value="four hundred""#);

    // Check your answers says what stops it, each linked to its section and answer.
    let check = officer.get(&format!("/finance/assessments/{id}/check")).await;
    assert_well_formed("check", &check.body);
    check.assert_contains(&format!(r#"href="/finance/assessments/{id}/edit?section=person#date_of_birth""#));
    check.assert_contains(&format!(r#"href="/finance/assessments/{id}/edit?section=income#income-1-amount""#));
    assert!(!check.body.contains("Complete and write the record"));

    // A section saved on its own keeps the others, and the task list says what was saved.
    let person_page = officer.get(&format!("{edit_path}?section=person")).await;
    assert_eq!(person_page.status, StatusCode::OK);
    person_page.assert_contains(r#"class="govuk-input govuk-input--width-10" id="date""#);
    person_page.assert_contains("Enter the person&#39;s date of birth");
    person_page.assert_contains(r#"class="govuk-input govuk-input--width-3" id="children""#);
    let person: Vec<(String, String)> = vec![
        ("version".into(), version(&person_page)),
        ("section".into(), "person".into()),
        ("action".into(), "save".into()),
        ("person_name".into(), "Ada Example".into()),
        ("date".into(), "01/06/2026".into()),
        ("date_of_birth".into(), "01/02/1950".into()),
        ("partner".into(), "no".into()),
        ("disability_premium".into(), "auto".into()),
        ("enhanced_disability_premium".into(), "auto".into()),
        ("carer_premium".into(), "auto".into()),
    ];
    let section = send(&mut officer, person, &edit_path).await;
    assert_eq!(section.location(), format!("{edit_path}?done=person"));
    officer.get(section.location()).await.assert_contains("The person saved");
    let income_page = officer.get(&format!("{edit_path}?section=income")).await;
    income_page.assert_contains(r#"value="four hundred""#);
    income_page.assert_contains(r#"<div class="govuk-input__prefix" aria-hidden="true">£</div>"#);
    let mut income: Vec<(String, String)> = fields.iter().filter(|(k, _)| k.starts_with("income-")).cloned().collect();
    income.iter_mut().find(|(k, _)| k == "income-1-amount").unwrap().1 = "400".into();
    income.extend([
        ("version".to_owned(), version(&income_page)),
        ("section".to_owned(), "income".to_owned()),
        ("action".to_owned(), "save".to_owned()),
    ]);
    send(&mut officer, income, &edit_path).await;
    // The capital saved earlier is as it was typed.
    officer.get(&format!("{edit_path}?section=capital")).await.assert_contains(r#"value="18,000""#);

    // Checked, then completed; a save by someone else in between is caught.
    let check = officer.get(&format!("/finance/assessments/{id}/check")).await;
    assert_well_formed("check", &check.body);
    check.assert_contains("Charge from 1 June 2026: £");
    check.assert_contains("Tariff income from capital");
    let stale = officer.post(&format!("/finance/assessments/{id}/complete"), &[("version", "0")]).await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    stale.assert_contains("changed");
    let checked = officer.get(&format!("/finance/assessments/{id}/check")).await;
    let done = officer.post(&format!("/finance/assessments/{id}/complete"), &[("version", &version(&checked))]).await;
    assert_eq!(done.location(), format!("/finance/assessments/{id}/record?done=1"));
    let record = officer.get(done.location()).await;
    assert_well_formed("record", &record.body);
    record.assert_contains("Your financial assessment");
    record.assert_contains("Dear Ada Example,");
    record.assert_contains("From 1 June 2026 you will pay £");
    record.assert_contains("Ombudsman");
    // A letter that can be posted: the officer signs it, with the council's address to write
    // back to; the rules are gathered at the end, once each, not under every line.
    let letter = &record.body[record.body.find("<article class=\"hearth-letter\"").unwrap()..];
    let letter = &letter[..letter.find("</article>").unwrap()];
    for part in ["Our reference", "Wrenfield Town Hall", "Yours sincerely,", "The law behind this letter"] {
        assert!(letter.contains(part), "{part} in the record");
    }
    let law = &letter[letter.find("The law behind this letter").unwrap()..];
    assert_eq!(letter.matches("regulation 25").count(), law.matches("regulation 25").count(), "rules only at the end");
    assert_eq!(law.matches("regulation 25 (tariff income from capital)").count(), 1);
    // The same letter as a tagged PDF, in standard and large print, its figures in a table.
    let pdf = officer.get(&format!("/finance/assessments/{id}/record.pdf")).await;
    crate::helpers::assert_accessible_pdf(
        &pdf,
        &["Our reference", "Wrenfield Town Hall", "Yours sincerely,", "The law behind this letter"],
    );
    if let Some(reading) = crate::helpers::read_pdf(&pdf.bytes) {
        for tag in ["Table", "TH", "TD"] {
            assert!(reading.structure.lines().any(|l| l.trim_start().starts_with(tag)), "no {tag}");
        }
    }
    let large = officer.get(&format!("/finance/assessments/{id}/record.pdf?print=large")).await;
    crate::helpers::assert_accessible_pdf(&large, &["Our reference"]);
    assert!(large.header("content-disposition").contains("large-print"));
    assert!(large.bytes.len() != pdf.bytes.len());
    // The record's charge is the interface's charge for the same input.
    let row = app
        .db
        .store
        .charging()
        .view_financial_assessment(
            &hearth_store::AuditContext::system(chrono::Utc::now()),
            &hearth_store::FinancialAssessmentId::from(id.as_str()),
        )
        .await
        .unwrap()
        .unwrap();
    let api = post_json(&app, "/api/v1/charging/calculate", row.input.as_deref().unwrap()).await;
    let api: serde_json::Value = serde_json::from_str(&api.body).unwrap();
    assert_eq!(api["weekly_charge"].as_str(), row.weekly_charge.map(|c| c.plain()).as_deref());
    record.assert_contains(&format!("you will pay £{}", api["weekly_charge"].as_str().unwrap()));
    assert!(
        app.db.store.charging().charging_requests(true).await.unwrap().iter().all(|r| r.id != request.id),
        "the request is closed"
    );

    // The history keeps every version; an old form cannot overwrite a newer save.
    let view = officer.get(&format!("/finance/assessments/{id}")).await;
    assert_well_formed("assessment", &view.body);
    view.assert_contains("Version 3");
    view.assert_contains("completed (Complete)");
    let stale = send(&mut officer, refs(&fields, "save"), &edit_path).await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    stale.assert_contains("You saved a change to this financial assessment");
    assert!(app.audit_count("financial-assessment-viewed").await >= 5, "every opening is audited");
    assert_eq!(app.audit_count("financial-assessment-completed").await, 1);

    // The figures page shows each year with its sources and how sure each figure is.
    let figures = officer.get("/finance/figures").await;
    assert_well_formed("figures", &figures.body);
    figures.assert_contains("2026/27 (in use today)");
    figures.assert_contains("Worked out, not yet confirmed: check");
    figures.assert_contains("Rise from the year before: State Pension");
    figures.assert_contains("4.8%");
    // Practitioners may not see any of it.
    let mut practitioner = app.browser_as(Role::Practitioner).await;
    assert_eq!(practitioner.get(&format!("/finance/assessments/{id}")).await.status, StatusCode::FORBIDDEN);
    app.cleanup().await;
}

#[tokio::test]
async fn an_administrator_sets_the_charging_policy_from_a_date() {
    let app = TestApp::spawn().await;
    let mut admin = app.browser_as(Role::Administrator).await;
    let page = admin.get("/admin/charging-policy").await;
    assert_well_formed("policy", &page.body);
    page.assert_contains("(in force today)");
    let form = [
        ("effective_from", "06/04/2027"),
        ("percentage", "90"),
        ("weekly_maximum", "800"),
        ("minimum_charge", "1.25"),
        ("dre", "standard"),
        ("standard_dre", "10.85"),
        ("night_care", "count"),
        ("couple_share", "50"),
        ("mig_uplift", "5.00"),
        ("short_stays", "yes"),
        ("short_stay_weeks", "8"),
        ("dpa_below", "0"),
        ("dpa_compounding", "daily"),
        ("dpa_setup_fee", "500"),
        ("dpa_annual_fee", "100"),
        ("dpa_warn", "70"),
        ("contents_insurance", "yes"),
        ("household_bills", "12.50"),
        ("dre_without_benefit", "yes"),
        ("own_mig_under", "150.00"),
        ("own_mig_pension", "260.00"),
        ("own_mig_couple", "75"),
    ];
    let mut bad = form.to_vec();
    bad.retain(|(k, _)| *k != "percentage" && *k != "short_stay_weeks" && *k != "own_mig_couple");
    bad.push(("percentage", "120"));
    bad.push(("short_stay_weeks", "12"));
    bad.push(("own_mig_couple", "150"));
    let refused = admin.post("/admin/charging-policy", &bad).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    refused.assert_contains("Enter a percentage from 0 to 100");
    refused.assert_contains("from 1 to 8 (regulation 8)");
    refused.assert_contains(r##"<a href="#own_mig_couple">Enter a percentage from 0 to 100"##);
    let saved = admin.post("/admin/charging-policy", &form).await;
    assert_eq!(saved.location(), "/admin/charging-policy?saved=1");
    let policies = app.db.store.charging().charging_policies().await.unwrap();
    let from = chrono::NaiveDate::from_ymd_opt(2027, 4, 6).unwrap();
    assert_eq!(policies.on(from).percentage_charged_basis_points, 9_000);
    // The local choices some councils publish (issue 16).
    let set = policies.on(from);
    assert!(set.contents_insurance_counts && set.dre_without_disability_benefit);
    assert_eq!(set.household_bills_allowance, hearth_domain::charging::Pence(1_250));
    assert_eq!(set.own_minimum_income_guarantee.unwrap().pension_age, hearth_domain::charging::Pence(26_000));
    assert_ne!(
        policies.on(from.pred_opt().unwrap()).percentage_charged_basis_points,
        9_000,
        "nothing changes before its date"
    );
    assert_eq!(app.audit_count("charging-policy-set").await, 2, "the demo's and this one");
    // Finance officers see the policy but cannot change it.
    let mut officer = app.browser_as(Role::FinanceOfficer).await;
    assert_eq!(officer.get("/admin/charging-policy").await.status, StatusCode::FORBIDDEN);
    app.cleanup().await;
}

#[tokio::test]
async fn a_finance_officer_works_out_a_deferred_payment_agreement() {
    let app = TestApp::spawn().await;
    let mut officer = app.browser_as(Role::FinanceOfficer).await;
    let form = officer.get("/finance/deferred-payments").await;
    assert_well_formed("deferred", &form.body);
    let bad = officer
        .post("/finance/deferred-payments", &[("start", "31/02/2026"), ("property_value", "lots"), ("years", "50")])
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    bad.assert_contains("Enter the day the agreement would start");
    bad.assert_contains("Enter an amount in pounds and pence, like 165,000");
    bad.assert_contains("from 1 to 30");
    let worked = officer
        .post(
            "/finance/deferred-payments",
            &[
                ("start", "01/01/2024"),
                ("property_value", "165,000"),
                ("weekly_fee", "900"),
                ("weekly_income", "300"),
                ("years", "20"),
            ],
        )
        .await;
    assert_eq!(worked.status, StatusCode::OK, "{}", worked.body);
    assert_well_formed("deferred worked out", &worked.body);
    // £165,000 less 10% less £14,250: £134,250; income £300 less the £144 allowance: £156 paid,
    // £744 deferred a week.
    worked.assert_contains("£134,250.00");
    worked.assert_contains("£156.00");
    worked.assert_contains("£744.00");
    worked.assert_contains("4.65% a year at the start");
    worked.assert_contains("Deferring must stop");
    worked.assert_contains("the last known rate is assumed to carry on");
    let mut practitioner = app.browser_as(Role::Practitioner).await;
    assert_eq!(practitioner.get("/finance/deferred-payments").await.status, StatusCode::FORBIDDEN);
    app.cleanup().await;
}
