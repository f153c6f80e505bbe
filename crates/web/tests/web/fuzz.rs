//! No input breaks a page: every page is opened (by someone who may), every form on it is sent
//! back with hostile values in each field in turn (a NUL and other control characters, a very
//! long value, markup, SQL, numbers out of range, impossible dates, right-to-left text), every
//! query parameter of the open data interface gets the same, and every post route gets them all
//! at once. Nothing may answer with a server error, on either engine.

use crate::helpers::{Browser, FormOnPage, TestApp, forms_on};
use axum::http::{Method, StatusCode};
use hearth_domain::access::{Access, Permission, Role};
use hearth_store::records::RecordKind;
use hearth_store::{AuditContext, PlanId};
use hearth_web::records::{Names, declared};
use hearth_web::routes::specs;
use std::collections::{HashMap, HashSet};

/// What a hostile person types.
fn hostile() -> Vec<String> {
    vec![
        "\u{0}".into(),
        "Ada\u{0}Kilbride\u{1b}[31m\u{8}".into(),
        "x".repeat(100_000),
        "'; DROP TABLE person; --".into(),
        "<script>alert(1)</script>".into(),
        "../../../../etc/passwd".into(),
        "-99999999999999999999".into(),
        "1e309".into(),
        "31/02/2026".into(),
        "\u{202e}\u{1F469}\u{1F3FD}\u{200D}\u{1F9B3}".into(),
        "   ".into(),
    ]
}

/// The ones tried in every field on its own (all of them are tried in every field at once).
fn per_field() -> Vec<String> {
    vec!["a\u{0}b".into(), "y".repeat(30_000), "-1e309".into()]
}

/// The role that uses a permission (with a relationship with Jack, where that matters).
fn role_for(permission: Permission) -> Role {
    match permission {
        Permission::UseStaffPages | Permission::WorkWithPeople => Role::Practitioner,
        Permission::ManageTeamWork => Role::TeamManager,
        Permission::GovernInformation => Role::InformationGovernanceLead,
        Permission::AssessFinances => Role::FinanceOfficer,
        Permission::EditDirectory | Permission::UpdateServices => Role::DirectoryEditor,
        Permission::ManageUsers
        | Permission::ManageTeams
        | Permission::ReadAuditLog
        | Permission::SetChargingPolicy
        | Permission::SetCouncilDetails => Role::Administrator,
    }
}

/// Records of each kind that the role using a route may open: Jack's, and the council's.
async fn records(app: &TestApp) -> HashMap<Names, String> {
    use hearth_domain::people::warnings::{NewWarning, WarningKind};
    let store = &app.db.store;
    let system = AuditContext::system(chrono::Utc::now());
    let worker =
        AuditContext { actor: hearth_store::Actor::User(app.user_id(Role::Practitioner).await), ..system.clone() };
    let jack = store.people().person_by_reference(hearth_domain::demo_people::JACK_REFERENCE).await.unwrap().unwrap();
    let (assessment, _, plan, capacity) = crate::access::care_records(app, &jack).await;
    let mut ids: HashMap<Names, String> = HashMap::new();
    let mut set = |kind: RecordKind, id: String| {
        ids.insert(Names::Record(kind), id);
    };
    set(RecordKind::Person, jack.to_string());
    set(RecordKind::Note, store.people().notes_for(&jack, false, 1, 1).await.unwrap().0.remove(0).id.to_string());
    set(RecordKind::Relationship, store.people().relations(&jack).await.unwrap().remove(0).id.to_string());
    set(
        RecordKind::Connection,
        store.people().add_connection(&worker, &jack, "Bowls club", None, None).await.unwrap().to_string(),
    );
    let warning = NewWarning {
        kind: Some(WarningKind::Other),
        details: "Ring first".into(),
        starts_on: Some(system.now.date_naive()),
        review_by: Some(system.now.date_naive() + chrono::Days::new(30)),
    };
    set(RecordKind::Warning, store.people().add_warning(&worker, &jack, &warning).await.unwrap().to_string());
    set(RecordKind::Conversation, store.people().conversations(&jack).await.unwrap().remove(0).id.to_string());
    set(RecordKind::Task, store.people().tasks_for(&jack).await.unwrap().remove(0).id.to_string());
    set(RecordKind::Assessment, assessment);
    set(RecordKind::Plan, plan.clone());
    set(RecordKind::Capacity, capacity);
    set(RecordKind::Contact, store.front_door().contacts(true, 0).await.unwrap().remove(0).id.to_string());
    let (finance, _) = store.charging().financial_assessments(None, Some("complete"), 1, 1).await.unwrap();
    set(RecordKind::FinancialAssessment, finance[0].id.to_string());
    set(RecordKind::FinanceVersion, "1".into());
    set(RecordKind::ChargingRequest, store.charging().charging_requests(true).await.unwrap().remove(0).id.to_string());
    let lead = AuditContext {
        actor: hearth_store::Actor::User(app.user_id(Role::InformationGovernanceLead).await),
        ..system.clone()
    };
    let grant = store
        .people()
        .grant_access(&lead, &jack, &app.user_id(Role::FinanceOfficer).await, "Fuzz", None)
        .await
        .unwrap();
    set(RecordKind::Grant, grant.to_string());
    let today = system.now.date_naive();
    set(
        RecordKind::SubjectAccess,
        store.people().record_subject_access(&lead, &jack, today, Some(today), None).await.unwrap().id.to_string(),
    );
    let ours = hearth_domain::demo_directory::demo_provider_organisation();
    let services = store.directory().services(1, 100, false).await.unwrap().services;
    let own = services.into_iter().find(|s| s.organization_id.as_ref() == Some(&ours)).unwrap();
    let provider = app.user_id(Role::ProviderEditor).await;
    set(
        RecordKind::Change,
        store.directory().propose_change(&system, &own, &provider, None).await.unwrap().to_string(),
    );
    set(
        RecordKind::Problem,
        store.directory().report_problem(&system, &own.id, "Wrong phone number", None).await.unwrap().to_string(),
    );
    set(RecordKind::Organisation, ours.into());
    ids.insert(Names::Place, own.service_at_locations[0].id.clone().into());
    ids.insert(Names::Service, own.id.to_string());
    // Administration works on someone nobody else needs, so the walk cannot lock anyone out.
    let spare = app.colleague(Role::Practitioner, "Spare Fuzzer").await;
    let north = store.people().teams().await.unwrap().into_iter().find(|t| t.name == "North locality team").unwrap().id;
    ids.insert(Names::Record(RecordKind::User), spare.to_string());
    ids.insert(Names::Record(RecordKind::Member), spare.to_string());
    ids.insert(Names::Record(RecordKind::Team), north.to_string());
    // A line on the plan, for its remove route.
    let line = hearth_domain::assessments::plans::ServiceLine {
        service_type: hearth_domain::assessments::codes::ServiceType::LongTermCommunity,
        component: hearth_domain::assessments::codes::ServiceComponent::HomeSupport,
        delivery: hearth_domain::assessments::codes::DeliveryMechanism::Commissioned,
        provider: "Brightwell".into(),
        starts_on: today,
        ends_on: None,
        units_per_week_hundredths: 100,
        unit_cost: hearth_domain::charging::money::Pence(1000),
        meets: vec!["nutrition".into()],
    };
    if let Ok(line) = store.assessments().add_service_line(&worker, &PlanId::from(plan.as_str()), &line).await {
        ids.insert(Names::Record(RecordKind::ServiceLine), line.to_string());
    }
    ids
}

fn path_with(route: &str, ids: &HashMap<Names, String>) -> String {
    let mut path = route.to_owned();
    for (param, names) in declared(route).unwrap() {
        let value = match names {
            Names::Public => match route {
                r if r.starts_with("/assets/") => "hearth.css".to_owned(),
                r if r.starts_with("/paying-for-care/") => "where".to_owned(),
                _ => ids.get(&Names::Service).cloned().unwrap_or_default(),
            },
            n => ids.get(&n).cloned().unwrap_or_else(|| "none".into()),
        };
        path = path.replace(&format!("{{{param}}}"), &value);
    }
    path
}

/// The open data interface's query parameters.
const API_PARAMETERS: [&str; 16] = [
    "page",
    "per_page",
    "search",
    "taxonomy_term_id",
    "taxonomy_id",
    "organization_id",
    "minimum_age",
    "maximum_age",
    "day",
    "start_time",
    "end_time",
    "modified_after",
    "postcode",
    "proximity",
    "parent_id",
    "top_only",
];

struct Tally {
    requests: usize,
    fields: HashSet<(String, String)>,
    server_errors: Vec<String>,
}

impl Tally {
    fn answer(&mut self, status: StatusCode, what: impl FnOnce() -> String) {
        self.requests += 1;
        if status.is_server_error() {
            self.server_errors.push(format!("{status}: {}", what()));
        }
    }
}

async fn send(browser: &mut Browser, form: &FormOnPage, fields: &[(String, String)], get: bool) -> StatusCode {
    let pairs: Vec<(&str, &str)> =
        fields.iter().filter(|(k, _)| k != "_csrf").map(|(k, v)| (k.as_str(), v.as_str())).collect();
    if get {
        let mut query = url::form_urlencoded::Serializer::new(String::new());
        // An address has a limit of its own (64 kB here, less in most browsers).
        for (k, v) in &pairs {
            query.append_pair(k, &v.chars().take(2_000).collect::<String>());
        }
        let (path, _) = form.action.split_once('?').unwrap_or((&form.action, ""));
        browser.get(&format!("{path}?{}", query.finish())).await.status
    } else {
        browser.post(&form.action, &pairs).await.status
    }
}

#[tokio::test]
async fn hostile_values_in_every_field_and_parameter_never_break_a_page() {
    let app = TestApp::spawn().await;
    let ids = records(&app).await;
    let mut browsers: HashMap<Option<Role>, Browser> = HashMap::new();
    browsers.insert(None, app.browser());
    for role in Role::ALL {
        browsers.insert(Some(role), app.browser_as(role).await);
    }
    let mut tally = Tally { requests: 0, fields: HashSet::new(), server_errors: Vec::new() };
    let mut forms_seen: HashSet<(Option<Role>, String)> = HashSet::new();
    let mut pages = 0;
    for spec in specs() {
        let who = match spec.access {
            Access::Public | Access::Anyone => None,
            Access::Staff(p) => Some(role_for(p)),
        };
        let path = path_with(spec.path, &ids);
        // Signing out would end the walk for that role.
        if path == "/sign-out" {
            continue;
        }
        let browser = browsers.get_mut(&who).unwrap();
        if spec.method == Method::GET {
            let page = browser.get(&path).await;
            pages += 1;
            tally.answer(page.status, || format!("GET {path}"));
            if path.starts_with("/api/") {
                for value in hostile() {
                    let value: String = value.chars().take(2_000).collect();
                    let query: String = url::form_urlencoded::Serializer::new(String::new())
                        .extend_pairs(API_PARAMETERS.iter().map(|p| (*p, value.as_str())))
                        .finish();
                    let status = browser.get(&format!("{path}?{query}")).await.status;
                    tally.answer(status, || {
                        format!("GET {path} with every parameter {:?}", &value[..value.len().min(20)])
                    });
                    for p in API_PARAMETERS {
                        tally.fields.insert((path.clone(), p.to_owned()));
                    }
                }
                continue;
            }
            for form in forms_on(&page) {
                if form.action.is_empty()
                    || form.action == "/sign-out"
                    || !forms_seen.insert((who, form.action.clone()))
                {
                    continue;
                }
                let get = form_is_get(&page.body, &form.action);
                // Every text area may be as long as a text area: the edge knows its name.
                for (name, text_area) in &form.inputs {
                    assert!(
                        !text_area || hearth_web::input::is_text_area(name),
                        "{name} on {path} is a text area: add it to input::TEXT_AREAS"
                    );
                }
                let names: Vec<String> = {
                    let mut n: Vec<String> = form.fields.iter().map(|(k, _)| k.clone()).collect();
                    n.extend(form.inputs.iter().map(|(k, _)| k.clone()));
                    n.retain(|k| k != "_csrf");
                    n.sort();
                    n.dedup();
                    n
                };
                // Every field hostile at once, with each value.
                for value in hostile() {
                    let form = fresh(browser, &path, &form).await;
                    let fields: Vec<(String, String)> = names.iter().map(|k| (k.clone(), value.clone())).collect();
                    let status = send(browser, &form, &fields, get).await;
                    tally.answer(status, || format!("{} every field {:?}", form.action, &value[..value.len().min(20)]));
                }
                // Each field on its own, the rest as the page gave them.
                for name in &names {
                    tally.fields.insert((form.action.clone(), name.clone()));
                    for value in per_field() {
                        let mut form = fresh(browser, &path, &form).await;
                        form.set(name, &value);
                        let status = send(browser, &form, &form.fields, get).await;
                        tally.answer(status, || {
                            format!("{} field {name} = {:?}", form.action, &value[..value.len().min(20)])
                        });
                    }
                }
            }
        } else {
            // Posts reached by no form above still get every hostile value.
            for value in hostile() {
                let stuffed: Vec<(&str, &str)> = [
                    "body",
                    "reason",
                    "name",
                    "decision",
                    "person_id",
                    "other",
                    "team",
                    "return_to",
                    "version",
                    "edit_token",
                ]
                .iter()
                .map(|k| (*k, value.as_str()))
                .collect();
                let status = browser.post(&path, &stuffed).await.status;
                tally.answer(status, || format!("POST {path} stuffed with {:?}", &value[..value.len().min(20)]));
            }
        }
    }
    // Ids that cannot be ids, in every route that takes one.
    for spec in specs() {
        if declared(spec.path).unwrap().is_empty() || spec.method != Method::GET {
            continue;
        }
        let who = match spec.access {
            Access::Public | Access::Anyone => None,
            Access::Staff(p) => Some(role_for(p)),
        };
        let mut path = spec.path.to_owned();
        for (param, _) in declared(spec.path).unwrap() {
            path = path.replace(&format!("{{{param}}}"), "a%00b%1B");
        }
        let status = browsers.get_mut(&who).unwrap().get(&path).await.status;
        tally.answer(status, || format!("GET {path}"));
        assert!(status.is_client_error(), "GET {path}: {status}");
    }
    // A form body that is not even text.
    let mut public = app.browser();
    public.get("/ask-for-help").await;
    let token = public.form_token.clone().unwrap();
    let status =
        public.post_raw("/ask-for-help", format!("_csrf={token}&given_name=%FF%FE%00&family_name=%C3")).await.status;
    tally.answer(status, || "POST /ask-for-help with bytes that are not UTF-8".into());
    println!(
        "fuzzed {pages} pages and {} fields with {} requests: {} server errors",
        tally.fields.len(),
        tally.requests,
        tally.server_errors.len()
    );
    assert!(tally.server_errors.is_empty(), "{:#?}", tally.server_errors);
    assert!(tally.fields.len() > 500, "only {} fields reached", tally.fields.len());
    app.cleanup().await;
}

/// The form as the page gives it now (its tokens change with every save), or as first seen
/// (a form without a token or version is the same each time).
async fn fresh(browser: &mut Browser, path: &str, form: &FormOnPage) -> FormOnPage {
    if !form.fields.iter().any(|(k, _)| k == "edit_token" || k == "version") {
        return form.clone();
    }
    let page = browser.get(path).await;
    forms_on(&page).into_iter().find(|f| f.action == form.action).unwrap_or_else(|| form.clone())
}

/// Whether the form posting to `action` on the page is a GET form.
fn form_is_get(html: &str, action: &str) -> bool {
    let Some(at) = html.find(&format!("action=\"{action}\"")) else { return false };
    let open_start = html[..at].rfind("<form").unwrap_or(0);
    let open = &html[open_start..at + action.len() + 10];
    !open.contains("method=\"post\"")
}

#[tokio::test]
async fn control_characters_are_removed_and_overlong_answers_refused_at_the_edge() {
    let app = TestApp::spawn().await;
    let jack =
        app.db.store.people().person_by_reference(hearth_domain::demo_people::JACK_REFERENCE).await.unwrap().unwrap();
    let mut worker = app.browser_as(Role::Practitioner).await;
    let details = format!("/people/{jack}/details");
    let page = worker.get(&details).await;
    let form = crate::helpers::form_to(&page, &details);
    let send = |value: String| {
        let mut f = form.clone();
        f.set("preferred_name", &value);
        f
    };
    let system = AuditContext::system(chrono::Utc::now());
    let preferred = || async {
        let record = app.db.store.people().open_person(&system, &jack, "granted", "test").await.unwrap();
        record.details.preferred_name
    };
    // A hundred thousand characters: refused at the edge, naming the box; nothing saved.
    let huge = send("x".repeat(100_000));
    let refused = worker.post(&details, &huge.pairs()).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    refused.assert_contains("Some of what you typed is too long");
    refused.assert_contains(
        "The box called &ldquo;preferred name&rdquo; has 100,000 characters. It can have up to 1,000.",
    );
    assert_eq!(preferred().await, None);
    // Longer than a name can be: the form's own error.
    worker.get(&details).await;
    let long = worker.post(&details, &send("y".repeat(101)).pairs()).await;
    assert_eq!(long.status, StatusCode::UNPROCESSABLE_ENTITY);
    long.assert_contains("Names must be 100 characters or fewer");
    // Control characters are taken out, and the rest is kept.
    worker.get(&details).await;
    let saved = worker.post(&details, &send("Ja\u{0}ck\u{1b}".into()).pairs()).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert_eq!(preferred().await.as_deref(), Some("Jack"));
    // Searches and the open data interface take a NUL without falling over.
    let mut public = app.browser();
    assert_eq!(public.get("/find-support?q=car%00ers").await.status, StatusCode::OK);
    let api = public.get("/api/oruk/v3/services?search=car%00ers&postcode=QW1%001AA").await;
    assert!(api.status == StatusCode::OK || api.status == StatusCode::BAD_REQUEST, "{}", api.status);
    assert!(api.header("content-type").starts_with("application/json"));
    // An id with one names nothing.
    assert_eq!(worker.get("/people/%00").await.status, StatusCode::NOT_FOUND);
    app.cleanup().await;
}
