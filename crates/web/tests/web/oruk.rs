//! The Open Referral UK 3.0 API: shape, filters, errors, and the official JSON schemas.

use crate::helpers::TestApp;
use axum::http::StatusCode;
use hearth_domain::directory::hsds::{Address, Location, Organization, Schedule, Service, ServiceAtLocation};
use hearth_domain::directory::postcode::Postcode;
use hearth_store::AuditContext;
use hearth_store::directory::postcodes::PostcodeRecord;

pub fn id(n: u16) -> String {
    format!("00000000-0000-4000-8000-{n:012}")
}

pub fn service(n: u16, name: &str) -> Service {
    Service {
        id: id(n).into(),
        name: name.into(),
        status: "active".into(),
        description: Some(format!("{name}: a friendly group.")),
        organization: Some(Organization {
            id: id(90).into(),
            name: "Wrenfield Voluntary Action".into(),
            description: "Helps local groups.".into(),
            ..Default::default()
        }),
        schedules: vec![Schedule {
            id: id(n + 100),
            freq: Some("WEEKLY".into()),
            byday: Some("WE".into()),
            opens_at: Some("10:00".into()),
            closes_at: Some("12:00".into()),
            ..Default::default()
        }],
        service_at_locations: vec![ServiceAtLocation {
            id: id(n + 120).into(),
            location: Some(Location {
                id: id(n + 140),
                location_type: "physical".into(),
                latitude: Some(52.6321),
                longitude: Some(-1.1250),
                addresses: vec![Address {
                    id: id(n + 160),
                    address_1: "1 Market Street".into(),
                    city: "Wrenfield".into(),
                    state_province: "Wrenfieldshire".into(),
                    postal_code: "LE1 1AA".into(),
                    country: "GB".into(),
                    address_type: "physical".into(),
                    ..Default::default()
                }],
                ..Default::default()
            }),
            ..Default::default()
        }],
        ..Default::default()
    }
}

/// Replaces the demo directory with exactly these services.
async fn with_services(app: &TestApp, services: &[Service]) {
    let ctx = AuditContext::system(chrono::Utc::now());
    for demo in app.db.store.directory().services(1, 1_000, false).await.unwrap().services {
        assert!(
            app.db
                .store
                .directory()
                .delete_service(&ctx, &demo.id, "test starts from an empty directory")
                .await
                .unwrap()
        );
    }
    app.db.store.directory().save_services(&ctx, services, |_| {}).await.unwrap();
    let record = PostcodeRecord {
        postcode: Postcode::parse("LE1 1AA").unwrap(),
        easting: 459_318,
        northing: 304_176,
        lad_code: None,
        lsoa: None,
        terminated: false,
    };
    app.db.store.directory().import_postcodes(&[record], |_| {}).await.unwrap();
}

fn body(page: &crate::helpers::Page) -> serde_json::Value {
    assert_eq!(page.header("content-type"), "application/json", "{}", page.body);
    assert_eq!(page.header("access-control-allow-origin"), "*");
    serde_json::from_str(&page.body).unwrap()
}

fn no_nulls(v: &serde_json::Value) -> bool {
    match v {
        serde_json::Value::Null => false,
        serde_json::Value::Array(a) => a.iter().all(no_nulls),
        serde_json::Value::Object(o) => o.values().all(no_nulls),
        _ => true,
    }
}

#[tokio::test]
async fn the_api_describes_itself_and_pages_its_services() {
    let app = TestApp::spawn().await;
    let mut closed = service(3, "Closed club");
    closed.status = "defunct".into();
    with_services(&app, &[service(1, "Lunch club"), service(2, "Carers' café"), closed]).await;
    let mut browser = app.browser();
    let meta = body(&browser.get("/api/oruk/v3/").await);
    assert_eq!(meta["version"], "HSDS-UK-3.0");

    let first = body(&browser.get("/api/oruk/v3/services?per_page=1").await);
    assert_eq!(first["total_items"], 2, "the defunct service is not published");
    assert_eq!(first["total_pages"], 2);
    assert_eq!(first["page_number"], 1);
    assert_eq!(first["size"], 1);
    assert_eq!(first["first_page"], true);
    assert_eq!(first["last_page"], false);
    assert_eq!(first["contents"][0]["name"], "Carers' café");
    assert!(first["contents"][0].get("service_at_locations").is_none(), "list items carry one-to-one fields only");
    assert_eq!(first["contents"][0]["organization"]["name"], "Wrenfield Voluntary Action");
    let second = body(&browser.get("/api/oruk/v3/services?per_page=1&page=2").await);
    assert_eq!(second["contents"][0]["name"], "Lunch club");
    assert_eq!(second["last_page"], true);
    let beyond = body(&browser.get("/api/oruk/v3/services?page=9").await);
    assert_eq!(beyond["empty"], true);

    let full = body(&browser.get(&format!("/api/oruk/v3/services/{}", id(1))).await);
    assert_eq!(full["service_at_locations"][0]["location"]["addresses"][0]["postal_code"], "LE1 1AA");
    assert!(no_nulls(&full), "optional fields are left out, never null");
    assert!(full["last_modified"].as_str().is_some());
    app.cleanup().await;
}

#[tokio::test]
async fn filters_combine_with_and() {
    let app = TestApp::spawn().await;
    let mut young = service(2, "Young carers");
    young.minimum_age = Some(8.0);
    young.maximum_age = Some(17.0);
    young.schedules[0].byday = Some("SA".into());
    young.service_at_locations.clear();
    with_services(&app, &[service(1, "Lunch club"), young]).await;
    let mut b = app.browser();
    let names = |v: serde_json::Value| -> Vec<String> {
        v["contents"].as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap().to_owned()).collect()
    };
    assert_eq!(names(body(&b.get("/api/oruk/v3/services?search=lunch").await)), ["Lunch club"]);
    assert_eq!(names(body(&b.get("/api/oruk/v3/services?maximum_age=18").await)), ["Young carers"]);
    assert_eq!(names(body(&b.get("/api/oruk/v3/services?minimum_age=5").await)), ["Young carers"]);
    assert_eq!(names(body(&b.get("/api/oruk/v3/services?day=SA").await)), ["Young carers"]);
    assert_eq!(
        names(body(&b.get("/api/oruk/v3/services?day=wednesday&start_time=09:00&end_time=13:00").await)),
        ["Lunch club"]
    );
    assert!(names(body(&b.get("/api/oruk/v3/services?day=wednesday&start_time=11:00").await)).is_empty());
    assert!(names(body(&b.get("/api/oruk/v3/services?search=lunch&day=SA").await)).is_empty(), "AND, not OR");
    assert_eq!(names(body(&b.get(&format!("/api/oruk/v3/services?organization_id={}", id(90))).await)).len(), 2);
    assert_eq!(names(body(&b.get("/api/oruk/v3/services?postcode=le11aa&proximity=1000").await)), ["Lunch club"]);
    assert_eq!(names(body(&b.get("/api/oruk/v3/services?modified_after=2000-01-01").await)).len(), 2);
    assert!(names(body(&b.get("/api/oruk/v3/services?modified_after=2999-01-01T00:00:00Z").await)).is_empty());
    app.cleanup().await;
}

#[tokio::test]
async fn bad_requests_get_json_errors_never_a_500() {
    let app = TestApp::spawn().await;
    with_services(&app, &[service(1, "Lunch club")]).await;
    let mut b = app.browser();
    for (path, status) in [
        ("/api/oruk/v3/services?page=0", StatusCode::BAD_REQUEST),
        ("/api/oruk/v3/services?page=-1", StatusCode::BAD_REQUEST),
        ("/api/oruk/v3/services?page=two", StatusCode::BAD_REQUEST),
        ("/api/oruk/v3/services?per_page=100000", StatusCode::BAD_REQUEST),
        ("/api/oruk/v3/services?minimum_age=old", StatusCode::BAD_REQUEST),
        ("/api/oruk/v3/services?day=someday", StatusCode::BAD_REQUEST),
        ("/api/oruk/v3/services?start_time=25:00", StatusCode::BAD_REQUEST),
        ("/api/oruk/v3/services?modified_after=yesterday", StatusCode::BAD_REQUEST),
        ("/api/oruk/v3/services?postcode=ZZ99%209ZZ&proximity=1000", StatusCode::BAD_REQUEST),
        ("/api/oruk/v3/services?postcode=nonsense&proximity=1000", StatusCode::BAD_REQUEST),
        ("/api/oruk/v3/services?proximity=1000", StatusCode::BAD_REQUEST),
        ("/api/oruk/v3/services/not-a-uuid", StatusCode::BAD_REQUEST),
        ("/api/oruk/v3/services/7f000000-0000-4000-8000-000000000000", StatusCode::NOT_FOUND),
        ("/api/oruk/v3/nowhere", StatusCode::NOT_FOUND),
    ] {
        let page = b.get(path).await;
        assert_eq!(page.status, status, "{path}: {}", page.body);
        let error = body(&page);
        assert_eq!(error["status"], status.as_u16(), "{path}");
        assert!(error["message"].as_str().is_some_and(|m| !m.is_empty()), "{path}");
    }
    let unknown = body(&b.get("/api/oruk/v3/services?postcode=ZZ99%209ZZ&proximity=1000").await);
    assert_eq!(unknown["message"], "postcode not recognised");
    app.cleanup().await;
}

/// The responses validate against the official ORUK 3.0 JSON schemas, when shared/data is here.
#[tokio::test]
async fn responses_match_the_official_schemas() {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/oruk/uk-profile/schema/compiled");
    let (Ok(one), Ok(list)) =
        (std::fs::read_to_string(dir.join("service.json")), std::fs::read_to_string(dir.join("service_list.json")))
    else {
        eprintln!("skipping: the ORUK schemas are not at {}", dir.display());
        return;
    };
    let compile = |text: &str| {
        let schema: serde_json::Value = serde_json::from_str(text).unwrap();
        jsonschema::options().should_validate_formats(true).build(&schema).unwrap()
    };
    let (one, list) = (compile(&one), compile(&list));
    let app = TestApp::spawn().await;
    with_services(&app, &[service(1, "Lunch club"), service(2, "Carers' café")]).await;
    let mut b = app.browser();
    let full = body(&b.get(&format!("/api/oruk/v3/services/{}", id(1))).await);
    let errors: Vec<String> = one.iter_errors(&full).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // `service_list.json` is the schema of each list item; the page around them is the spec's `Page`.
    let page = body(&b.get("/api/oruk/v3/services").await);
    let items = page["contents"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    for item in items {
        let errors: Vec<String> = list.iter_errors(item).map(|e| format!("{} at {}", e, e.instance_path())).collect();
        assert!(errors.is_empty(), "{errors:#?}");
    }
    for (field, kind) in [
        ("total_items", "u64"),
        ("total_pages", "u64"),
        ("page_number", "u64"),
        ("size", "u64"),
        ("first_page", "bool"),
        ("last_page", "bool"),
        ("empty", "bool"),
    ] {
        let ok = if kind == "bool" { page[field].is_boolean() } else { page[field].is_u64() };
        assert!(ok, "{field} is a {kind}");
    }
    app.cleanup().await;
}

/// The other Open Referral endpoints: places, taxonomies and terms (with descendant matching),
/// and HSDS organisations, against the official schemas where shared/data has them.
#[tokio::test]
async fn places_taxonomies_terms_and_organisations() {
    let app = TestApp::spawn().await;
    let mut b = app.browser();
    let taxonomies = body(&b.get("/api/oruk/v3/taxonomies").await);
    assert_eq!(taxonomies["total_items"], 3, "the demo council's three LGA-style lists");
    let services_list = taxonomies["contents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["uri"] == "http://id.esd.org.uk/list/services")
        .unwrap()
        .clone();
    let one = body(&b.get(&format!("/api/oruk/v3/taxonomies/{}", services_list["id"].as_str().unwrap())).await);
    assert_eq!(one["name"], services_list["name"]);

    // The broad term "Support for carers" has "Carers support groups" (298) below it.
    let terms = body(
        &b.get(&format!("/api/oruk/v3/taxonomy_terms?taxonomy_id={}&per_page=50", one["id"].as_str().unwrap())).await,
    );
    assert_eq!(terms["total_items"], 7);
    let code = |c: &str| terms["contents"].as_array().unwrap().iter().find(|t| t["code"] == c).unwrap().clone();
    let (broad, groups) = (code("900101"), code("298"));
    assert_eq!(groups["parent_id"], broad["id"]);
    assert_eq!(groups["term_uri"], "http://id.esd.org.uk/service/298");
    let top = body(
        &b.get(&format!("/api/oruk/v3/taxonomy_terms?taxonomy_id={}&top_only=true", one["id"].as_str().unwrap())).await,
    );
    assert!(top["contents"].as_array().unwrap().iter().all(|t| t.get("parent_id").is_none()));
    let term = body(&b.get(&format!("/api/oruk/v3/taxonomy_terms/{}", groups["id"].as_str().unwrap())).await);
    assert_eq!(term["name"], "Carers support groups");

    let names = |v: serde_json::Value| -> Vec<String> {
        v["contents"].as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap().to_owned()).collect()
    };
    let exact = names(body(
        &b.get(&format!("/api/oruk/v3/services?taxonomy_term_id={}", groups["id"].as_str().unwrap())).await,
    ));
    let broader =
        names(body(&b.get(&format!("/api/oruk/v3/services?taxonomy_term_id={}", broad["id"].as_str().unwrap())).await));
    assert!(!exact.is_empty());
    assert_eq!(broader, exact, "services under a narrower term are found by the broader one");
    let by_taxonomy = names(body(
        &b.get(&format!("/api/oruk/v3/services?taxonomy_id={}&per_page=100", one["id"].as_str().unwrap())).await,
    ));
    assert!(by_taxonomy.len() > exact.len(), "any term of the taxonomy");
    let both = names(body(
        &b.get(&format!(
            "/api/oruk/v3/services?taxonomy_id={}&taxonomy_term_id={}&search=young",
            one["id"].as_str().unwrap(),
            groups["id"].as_str().unwrap()
        ))
        .await,
    ));
    assert!(both.iter().all(|n| n.to_lowercase().contains("young")) && both.len() < exact.len(), "AND: {both:?}");
    assert!(
        names(body(&b.get("/api/oruk/v3/services?taxonomy_id=7f000000-0000-4000-8000-000000000000").await)).is_empty()
    );

    // Places, nearest first with a postcode.
    let near = body(&b.get("/api/oruk/v3/service_at_locations?postcode=QW1%201AA&proximity=1500").await);
    let places = near["contents"].as_array().unwrap();
    assert!(!places.is_empty());
    assert!(places.iter().all(|p| p["service"]["name"].is_string() && p["location"]["id"] == p["location_id"]));
    let sal_id = places[0]["id"].as_str().unwrap();
    let place = body(&b.get(&format!("/api/oruk/v3/service_at_locations/{sal_id}")).await);
    assert_eq!(place["id"], sal_id);
    assert_eq!(
        b.get("/api/oruk/v3/service_at_locations/7f000000-0000-4000-8000-000000000000").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        b.get("/api/oruk/v3/service_at_locations?postcode=ZZ99%209ZZ&proximity=10").await.status,
        StatusCode::BAD_REQUEST
    );

    // Organisations, with their services.
    let orgs = body(&b.get("/api/oruk/v3/organizations").await);
    assert!(orgs["total_items"].as_u64().unwrap() >= 3);
    let org_id = orgs["contents"][0]["id"].as_str().unwrap().to_owned();
    let org = body(&b.get(&format!("/api/oruk/v3/organizations/{org_id}")).await);
    assert!(org["services"].as_array().is_some_and(|s| !s.is_empty()));
    for path in ["/api/oruk/v3/taxonomies/nope", "/api/oruk/v3/taxonomy_terms/nope", "/api/oruk/v3/organizations/nope"]
    {
        assert_eq!(b.get(path).await.status, StatusCode::BAD_REQUEST, "{path}");
    }
    assert_eq!(b.get("/api/oruk/v3/taxonomy_terms?top_only=maybe").await.status, StatusCode::BAD_REQUEST);

    // The official schemas, when shared/data is here.
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/oruk/uk-profile/schema/compiled");
    for (file, values) in [
        ("service_at_location_list.json", places.to_vec()),
        ("service_at_location.json", vec![place.clone()]),
        ("organization_list.json", orgs["contents"].as_array().unwrap().to_vec()),
        ("organization.json", vec![org.clone()]),
    ] {
        let Ok(text) = std::fs::read_to_string(dir.join(file)) else {
            eprintln!("skipping schema {file}: not here");
            continue;
        };
        let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
        let validator = jsonschema::options().should_validate_formats(true).build(&schema).unwrap();
        for value in &values {
            let errors: Vec<String> =
                validator.iter_errors(value).map(|e| format!("{e} at {}", e.instance_path())).collect();
            assert!(errors.is_empty(), "{file}: {errors:#?}");
        }
    }
    app.cleanup().await;
}

/// `postcode` without `proximity`: the services that cover it (scenario 6 of the directory notes).
#[tokio::test]
async fn a_postcode_alone_finds_the_services_that_cover_it() {
    use hearth_domain::directory::hsds::ServiceArea;
    let app = TestApp::spawn().await;
    let area = |n: u16, uri: &str| ServiceArea { id: id(n), uri: Some(uri.into()), ..Default::default() };
    let mut countywide = service(1, "Leicester carers' assessment");
    countywide.service_areas = vec![area(301, "http://statistics.data.gov.uk/id/statistical-geography/E06000016")];
    let mut kirklees = service(2, "Kirklees befriending");
    kirklees.service_areas = vec![area(302, "http://statistics.data.gov.uk/id/statistical-geography/E08000034")];
    let anywhere = service(3, "Phone friendship line");
    with_services(&app, &[countywide, kirklees, anywhere]).await;
    let record = |postcode: &str, lad: Option<&str>| PostcodeRecord {
        postcode: Postcode::parse(postcode).unwrap(),
        easting: 459_318,
        northing: 304_176,
        lad_code: lad.map(str::to_owned),
        lsoa: None,
        terminated: false,
    };
    let records = [record("LE1 5FQ", Some("E06000016")), record("HD1 1AB", Some("E08000034")), record("QW9 9AA", None)];
    app.db.store.directory().import_postcodes(&records, |_| {}).await.unwrap();
    async fn names(app: &TestApp, path: &str) -> Vec<String> {
        let v = body(&app.browser().get(path).await);
        let mut n: Vec<String> =
            v["contents"].as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap().to_owned()).collect();
        n.sort();
        n
    }
    assert_eq!(
        names(&app, "/api/oruk/v3/services?postcode=LE1%205FQ").await,
        ["Leicester carers' assessment", "Phone friendship line"]
    );
    assert_eq!(
        names(&app, "/api/oruk/v3/services?postcode=hd11ab").await,
        ["Kirklees befriending", "Phone friendship line"]
    );
    assert_eq!(
        names(&app, "/api/oruk/v3/services?postcode=QW9%209AA").await,
        ["Phone friendship line"],
        "area unknown: only services with no area"
    );
    let places = body(&app.browser().get("/api/oruk/v3/service_at_locations?postcode=LE1%205FQ").await);
    assert_eq!(places["total_items"], 2);
    assert_eq!(app.browser().get("/api/oruk/v3/services?postcode=ZZ99%209ZZ").await.status, StatusCode::BAD_REQUEST);
    app.cleanup().await;
}
