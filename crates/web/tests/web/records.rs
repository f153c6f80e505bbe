//! Every id in a request is checked: every route that takes an id is walked, by every role that
//! may use it, with the ids of records that role may not open (another team's person, a
//! restricted record, another organisation's entry), with a child record under the wrong
//! parent, and with ids that name nothing. Each answer must be 403 or 404, and nothing in the
//! database may change. A new route, or a new kind of id, that skips the check fails here.

use crate::helpers::TestApp;
use axum::http::{Method, StatusCode};
use hearth_domain::access::{Access, Permission, Role, roles_grant};
use hearth_store::records::RecordKind;
use hearth_store::testing::changed;
use hearth_store::{Actor, AuditContext, PersonId, TeamId, UserId};
use hearth_web::records::{Names, declared};
use hearth_web::routes::specs;
use std::collections::HashMap;

/// One record of each kind, by what a route's id names.
#[derive(Clone, Debug, Default)]
struct RecordSet(HashMap<Names, String>);

impl RecordSet {
    fn get(&self, names: Names) -> Option<&str> {
        self.0.get(&names).map(String::as_str)
    }

    fn set(&mut self, kind: RecordKind, id: impl Into<String>) {
        self.0.insert(Names::Record(kind), id.into());
    }
}

fn at(user: &UserId) -> AuditContext {
    AuditContext { actor: Actor::User(user.clone()), client_addr: None, now: chrono::Utc::now() }
}

async fn staff(app: &TestApp, email: &str, role: Role) -> UserId {
    use hearth_domain::email::EmailAddress;
    let new = hearth_store::NewUser {
        email: EmailAddress::parse(email).unwrap(),
        name: format!("Walk {email}"),
        roles: vec![role],
        password_hash: None,
        oidc_subject: None,
        demo: false,
    };
    app.db.store.accounts().create_user(&AuditContext::system(chrono::Utc::now()), new).await.unwrap().id
}

/// A record of each kind on `person`'s record, made by a worker and manager of their team.
async fn records_of(app: &TestApp, person: &PersonId, team: &TeamId, worker: &UserId, manager: &UserId) -> RecordSet {
    use hearth_domain::assessments::codes::{AssessmentMethod, DeliveryMechanism, ServiceComponent, ServiceType};
    use hearth_domain::assessments::eligibility::Finding;
    use hearth_domain::assessments::outcomes::{AdultOutcome, Way};
    use hearth_domain::assessments::plans::ServiceLine;
    use hearth_domain::assessments::safeguards::CapacityFindings;
    use hearth_domain::charging::money::Pence;
    use hearth_domain::front_door::{ContactForm, Filler};
    use hearth_domain::people::conversations::{ConversationKind, OpenConversation};
    use hearth_domain::people::network::RelationshipKind;
    use hearth_domain::people::notes::{NewNote, NoteKind};
    use hearth_domain::people::tasks::NewTask;
    use hearth_domain::people::warnings::{NewWarning, WarningKind};
    use hearth_store::assessments::{Approver, AssessmentKind, AssessmentUpdate, Findings, NewAssessment};
    use hearth_store::charging::NewRequest;
    use hearth_store::people::network::NewRelation;
    let store = &app.db.store;
    let (w, m) = (at(worker), at(manager));
    let today = w.now.date_naive();
    let mut set = RecordSet::default();
    set.set(RecordKind::Person, person);
    store.people().allocate(&m, person, team, Some(worker), Some("Walk")).await.unwrap();
    let note = NewNote {
        kind: Some(NoteKind::Note),
        happened_at: Some(w.now),
        body: "Walk note".into(),
        significant: false,
        people: vec![person.to_owned()],
    };
    set.set(RecordKind::Note, store.people().add_note(&w, &note).await.unwrap());
    let relation =
        NewRelation { kind: Some(RelationshipKind::Friend), name: "Walk friend".into(), ..Default::default() };
    set.set(RecordKind::Relationship, store.people().add_relation(&w, person, &relation).await.unwrap());
    set.set(RecordKind::Connection, store.people().add_connection(&w, person, "Walk club", None, None).await.unwrap());
    let warning = NewWarning {
        kind: Some(WarningKind::Other),
        details: "Walk warning".into(),
        starts_on: Some(today),
        review_by: Some(today + chrono::Days::new(90)),
    };
    set.set(RecordKind::Warning, store.people().add_warning(&w, person, &warning).await.unwrap());
    let representative = hearth_store::people::network::NewRepresentative {
        name: "Walk representative".into(),
        authority: Some(hearth_domain::people::network::Authority::Informal),
        ..Default::default()
    };
    set.set(RecordKind::Representative, store.people().add_representative(&w, person, &representative).await.unwrap());
    let talk = OpenConversation {
        kind: Some(ConversationKind::ListenAndConnect),
        started_on: Some(today),
        what_matters: "Walk".into(),
        review_by: None,
        urgent_help: None,
    };
    set.set(
        RecordKind::Conversation,
        store.people().open_conversation(&w, person, &talk, Some(worker), 42, None, true).await.unwrap(),
    );
    let task = NewTask { title: "Walk task".into(), due_on: Some(today), owner: Some(worker.clone()) };
    set.set(RecordKind::Task, store.people().add_task(&w, person, &task, Some(team)).await.unwrap());
    let new = NewAssessment {
        kind: AssessmentKind::Needs,
        cared_for_id: None,
        cared_for_name: None,
        method: AssessmentMethod::FaceToFace,
        started_on: today,
        contact_id: None,
    };
    let issued = store.assessments().start_assessment(&w, person, &new).await.unwrap();
    let Findings::Adult(mut f) = store.assessments().assessment(&issued).await.unwrap().findings else {
        unreachable!()
    };
    f.impairment = Some(true);
    f.significant_impact = Some(true);
    f.outcomes = AdultOutcome::ALL
        .iter()
        .map(|o| match o {
            AdultOutcome::Nutrition | AdultOutcome::Clothed => Finding::unable(*o, &[Way::WithoutHelp], ""),
            _ => Finding::achieved(*o),
        })
        .collect();
    let update = AssessmentUpdate { findings: Some(Findings::Adult(f)), ..Default::default() };
    store.assessments().save_assessment(&w, &issued, &update, None).await.unwrap();
    store.assessments().submit_assessment(&w, &issued, None).await.unwrap();
    let approver = Approver { is_manager: true, council: "Walk", phone: "0", council_address: &[] };
    store.assessments().approve_assessment(&m, &issued, &approver).await.unwrap();
    let plan = store.assessments().start_plan(&w, &issued, None).await.unwrap();
    let line = ServiceLine {
        service_type: ServiceType::LongTermCommunity,
        component: ServiceComponent::HomeSupport,
        delivery: DeliveryMechanism::Commissioned,
        provider: "Walk care".into(),
        starts_on: today,
        ends_on: None,
        units_per_week_hundredths: 100,
        unit_cost: Pence(1000),
        meets: vec!["nutrition".into()],
    };
    set.set(RecordKind::ServiceLine, store.assessments().add_service_line(&w, &plan, &line).await.unwrap());
    set.set(RecordKind::Plan, plan);
    // The assessment routes are walked with one still in progress, as the letter needs an issued one.
    set.set(RecordKind::Assessment, store.assessments().start_assessment(&w, person, &new).await.unwrap());
    let lacks = CapacityFindings {
        decision: "Walk decision".into(),
        impairment: "Walk".into(),
        can_understand: Some(false),
        can_retain: Some(true),
        can_use_or_weigh: Some(true),
        can_communicate: Some(true),
        steps_taken: "Walk".into(),
        evidence: String::new(),
    };
    set.set(RecordKind::Capacity, store.assessments().record_capacity(&w, person, &lacks, today).await.unwrap().0);
    let form = ContactForm {
        for_self: Some(true),
        given_name: "Walk".into(),
        family_name: "Contact".into(),
        what_is_happening: "Walk".into(),
        phone: "01632 960 111".into(),
        urgency: Some(hearth_domain::front_door::Urgency::Soon),
        method: Some(hearth_domain::front_door::ContactMethod::Phone),
        requester_type: Some(hearth_domain::people::codes::RequesterType::SelfReferral),
        ..Default::default()
    };
    let contact = store.front_door().record_contact(&w, &form, Filler::Staff, None).await.unwrap();
    store.front_door().link_contact(&w, &contact.id, person).await.unwrap();
    set.set(RecordKind::Contact, contact.id);
    let request = NewRequest { source: "phone".into(), name: "Walk request".into(), ..Default::default() };
    let request = store.charging().record_charging_request(&w, &request).await.unwrap();
    let reference = store.people().person_heading(person).await.unwrap().1;
    let assessment = store
        .charging()
        .create_financial_assessment(&w, "Walk", Some(&reference), Some(person), Some(&request.id), "{}")
        .await
        .unwrap();
    set.set(RecordKind::FinancialAssessment, assessment.id);
    set.set(RecordKind::FinanceVersion, "1");
    set.set(RecordKind::ChargingRequest, request.id);
    let grant = store.people().grant_access(&m, person, manager, "Walk grant", None).await.unwrap();
    set.set(RecordKind::Grant, grant);
    let sar = store.people().record_subject_access(&m, person, today, Some(today), None).await.unwrap();
    set.set(RecordKind::SubjectAccess, sar.id);
    set
}

/// Whether `role`, on a route needing `permission`, may open every record of this kind (so
/// that no record of it is foreign to them).
fn opens_every(role: Role, names: Names, permission: Permission) -> bool {
    use RecordKind::*;
    match names {
        Names::Public => true,
        Names::Service | Names::Place => role != Role::ProviderEditor,
        Names::Record(Contact) => role != Role::TeamManager,
        Names::Record(FinancialAssessment | FinanceVersion | ChargingRequest) => false,
        Names::Record(_) => !matches!(permission, Permission::WorkWithPeople | Permission::ManageTeamWork),
    }
}

/// The stuffed form every post sends: the fields Hearth's forms use, with values that would
/// pass their checks, so that only the id check stands between a post and a change.
fn stuffed_form() -> Vec<(&'static str, &'static str)> {
    vec![
        ("body", "A change that must not happen"),
        ("kind", "note"),
        ("reason", "A reason long enough to pass any check on reasons"),
        ("decision", "approve"),
        ("outcome", "no-services"),
        ("title", "A task that must not be made"),
        ("due_on", "01/01/2030"),
        ("happened_on", "01/12/2026"),
        ("decided_on", "01/12/2026"),
        ("options", "Options"),
        ("consultees", "Someone"),
        ("what_matters", "Changed"),
        ("strengths", "Changed"),
        ("confirm", "yes"),
        ("action", "save"),
        ("summary", "A review that must not be recorded"),
        ("comment", "Comment"),
        ("given_to", "Someone"),
        ("how", "By hand"),
        ("given_on", "01/12/2026"),
        ("appropriate", "yes"),
        ("note", "A note"),
        ("name", "A name"),
        ("problem", "A problem"),
    ]
}

#[tokio::test]
async fn no_route_opens_or_changes_a_record_its_user_may_not_open() {
    let app = TestApp::spawn().await;
    let store = &app.db.store;
    let teams = store.people().teams().await.unwrap();
    let team = |name: &str| teams.iter().find(|t| t.name == name).unwrap().id.clone();
    let (north, south, front) = (team("North locality team"), team("South locality team"), team("Front door"));
    // The team manager works in the North team only, so the front door's contacts are not theirs.
    let manager = app.user_id(Role::TeamManager).await;
    store.people().remove_team_member(&AuditContext::system(chrono::Utc::now()), &front, &manager).await.unwrap();
    let south_worker = staff(&app, "south.worker@walk.example", Role::Practitioner).await;
    let south_manager = staff(&app, "south.manager@walk.example", Role::TeamManager).await;
    store.people().add_team_member(&AuditContext::system(chrono::Utc::now()), &south, &south_worker).await.unwrap();

    // Hilda's record is restricted; Orla's is another team's. Jack's is the North team's.
    let hilda = store.people().person_by_reference(hearth_domain::demo_people::HILDA_REFERENCE).await.unwrap().unwrap();
    let jack = store.people().person_by_reference(hearth_domain::demo_people::JACK_REFERENCE).await.unwrap().unwrap();
    let orla_details = hearth_domain::people::record::PersonDetails {
        given_name: "Orla".into(),
        family_name: "Quennell".into(),
        date_of_birth: chrono::NaiveDate::from_ymd_opt(1950, 3, 3),
        ..Default::default()
    };
    let orla = store.people().create_person(&at(&south_worker), orla_details, None).await.unwrap().id;
    let mut hilda_set = records_of(&app, &hilda, &south, &south_worker, &south_manager).await;
    let orla_set = records_of(&app, &orla, &south, &south_worker, &south_manager).await;
    let practitioner = app.user_id(Role::Practitioner).await;
    let mut jack_set = records_of(&app, &jack, &north, &practitioner, &manager).await;
    // The relationship on Hilda's record that names Jack: ending it from his side changes hers.
    let names_jack = hearth_store::people::network::NewRelation {
        kind: Some(hearth_domain::people::network::RelationshipKind::Neighbour),
        other_person_id: Some(jack.clone()),
        ..Default::default()
    };
    let shared = store.people().add_relation(&at(&south_worker), &hilda, &names_jack).await.unwrap();

    // The directory: another organisation's entry is foreign to the demo provider.
    let ours = hearth_domain::demo_directory::demo_provider_organisation();
    let services = store.directory().services(1, 100, false).await.unwrap().services;
    let own = services.iter().find(|s| s.organization_id.as_ref() == Some(&ours)).unwrap().clone();
    let theirs = services
        .iter()
        .find(|s| s.organization_id.as_ref() != Some(&ours) && !s.service_at_locations.is_empty())
        .unwrap()
        .clone();
    let system = AuditContext::system(chrono::Utc::now());
    let change =
        store.directory().propose_change(&system, &own, &app.user_id(Role::ProviderEditor).await, None).await.unwrap();
    let problem = store.directory().report_problem(&system, &own.id, "The phone number is wrong", None).await.unwrap();
    jack_set.0.insert(Names::Service, own.id.to_string());
    jack_set.0.insert(Names::Place, own.service_at_locations[0].id.clone().into());
    hilda_set.0.insert(Names::Service, theirs.id.to_string());
    hilda_set.0.insert(Names::Place, theirs.service_at_locations[0].id.clone().into());
    jack_set.set(RecordKind::Organisation, ours.clone());
    jack_set.set(RecordKind::Change, change);
    jack_set.set(RecordKind::Problem, problem);
    jack_set.set(RecordKind::Team, north.clone());
    jack_set.set(RecordKind::User, practitioner.clone());
    jack_set.set(RecordKind::Member, practitioner.clone());
    // Records that are nobody's business but a role's: what is "under the wrong parent" for them.
    hilda_set.set(RecordKind::Team, south.clone());
    hilda_set.set(RecordKind::Member, south_manager.clone());
    hilda_set.set(RecordKind::Organisation, theirs.organization_id.clone().unwrap());
    // Signed in first: signing in is a change of its own.
    let mut browsers = HashMap::new();
    for role in Role::ALL {
        browsers.insert(role, app.browser_as(role).await);
    }
    let watched = vec![hilda.clone(), orla.clone()];
    let whole_before = app.db.fingerprint().await;
    let people_before = app.db.fingerprint_of(&watched).await;

    let mut checked = 0;
    let mut routes = 0;
    for spec in specs() {
        let Access::Staff(permission) = spec.access else { continue };
        let ids = declared(spec.path).unwrap();
        if ids.is_empty() {
            continue;
        }
        routes += 1;
        let exists_only = spec.path.ends_with("/break-glass");
        for role in Role::ALL.into_iter().filter(|r| roles_grant(&[*r], permission)) {
            let browser = browsers.get_mut(&role).unwrap();
            // The cases: every id another's, the last under the wrong parent, and the last naming nothing.
            let mut cases: Vec<(&str, Vec<String>)> = Vec::new();
            let foreign_sets: Vec<&RecordSet> =
                if role == Role::FinanceOfficer { vec![&hilda_set] } else { vec![&hilda_set, &orla_set] };
            if !exists_only && ids.iter().any(|(_, n)| !opens_every(role, *n, permission)) {
                for set in &foreign_sets {
                    let values: Option<Vec<String>> = ids.iter().map(|(_, n)| set.get(*n).map(str::to_owned)).collect();
                    if let Some(values) = values {
                        cases.push(("another's record", values));
                    }
                }
            }
            if ids.len() > 1 {
                let mut values: Vec<String> =
                    ids.iter().map(|(_, n)| jack_set.get(*n).unwrap_or("none").to_owned()).collect();
                let (_, last) = ids.last().unwrap();
                // A version is a number within its assessment: no other assessment's to borrow.
                let numbered = *last == Names::Record(RecordKind::FinanceVersion);
                if let Some(other) = hilda_set.get(*last).filter(|_| !numbered) {
                    *values.last_mut().unwrap() = other.to_owned();
                    cases.push(("under the wrong parent", values));
                }
            }
            let mut values: Vec<String> =
                ids.iter().map(|(_, n)| jack_set.get(*n).unwrap_or("none").to_owned()).collect();
            *values.last_mut().unwrap() = if ids.last().unwrap().1 == Names::Record(RecordKind::FinanceVersion) {
                "999".into()
            } else {
                uuid::Uuid::new_v4().to_string()
            };
            cases.push(("naming nothing", values));
            if spec.path == "/people/{id}/network/{rid}/end" && role != Role::SafeguardingAdultsManager {
                cases.push(("shared with a restricted record", vec![jack.to_string(), shared.to_string()]));
            }
            for (case, values) in cases {
                let mut path = spec.path.to_owned();
                for ((param, _), value) in ids.iter().zip(&values) {
                    path = path.replace(&format!("{{{param}}}"), value);
                }
                let page = match spec.method {
                    Method::GET => browser.get(&path).await,
                    _ => browser.post(&path, &stuffed_form()).await,
                };
                let context = format!("{} {} ({case}) as {}", spec.method, spec.path, role.key());
                assert!(
                    page.status == StatusCode::FORBIDDEN || page.status == StatusCode::NOT_FOUND,
                    "{context}: {} {}",
                    page.status,
                    page.location()
                );
                if spec.method != Method::GET {
                    let now = app.db.fingerprint_of(&watched).await;
                    assert!(now == people_before, "{context} changed {:?}", changed(&people_before, &now));
                }
                checked += 1;
            }
        }
    }
    let whole_after = app.db.fingerprint().await;
    assert!(whole_after == whole_before, "the walk changed {:?}", changed(&whole_before, &whole_after));
    // Every route with an id was walked; report the size of the walk.
    assert!(routes > 100, "{routes} routes with ids");
    println!("walked {routes} routes with ids: {checked} requests, each refused, nothing changed");
    app.cleanup().await;
}

#[test]
fn every_id_in_every_route_says_what_it_names() {
    let undeclared: Vec<String> = specs().iter().filter_map(|s| declared(s.path).err()).collect();
    assert_eq!(undeclared, Vec::<String>::new());
    // A new route with a new kind of id is refused until it is declared (Hearth will not start).
    assert!(declared("/people/{id}/widgets/{wid}").is_err());
    assert_eq!(
        declared("/people/{id}/notes/{nid}").unwrap(),
        vec![("id".to_owned(), Names::Record(RecordKind::Person)), ("nid".to_owned(), Names::Record(RecordKind::Note))]
    );
}

/// The ways round the rules that were found, each tried again as the user who found it.
#[tokio::test]
async fn the_ways_round_the_access_rules_that_were_found_are_closed() {
    use hearth_domain::demo_people::{HILDA_REFERENCE, JACK_REFERENCE};
    let app = TestApp::spawn().await;
    let store = &app.db.store;
    let teams = store.people().teams().await.unwrap();
    let south = teams.iter().find(|t| t.name == "South locality team").unwrap().id.clone();
    let south_worker = staff(&app, "south.worker@walk.example", Role::Practitioner).await;
    store.people().add_team_member(&AuditContext::system(chrono::Utc::now()), &south, &south_worker).await.unwrap();
    let hilda = store.people().person_by_reference(HILDA_REFERENCE).await.unwrap().unwrap();
    let jack = store.people().person_by_reference(JACK_REFERENCE).await.unwrap().unwrap();
    let orla_details = hearth_domain::people::record::PersonDetails {
        given_name: "Orla".into(),
        family_name: "Quennell".into(),
        date_of_birth: chrono::NaiveDate::from_ymd_opt(1950, 3, 3),
        ..Default::default()
    };
    let orla = store.people().create_person(&at(&south_worker), orla_details, None).await.unwrap();
    store.people().allocate(&at(&south_worker), &orla.id, &south, Some(&south_worker), None).await.unwrap();
    let lacks = hearth_domain::assessments::safeguards::CapacityFindings {
        decision: "Where to live".into(),
        impairment: "Dementia".into(),
        can_understand: Some(false),
        can_retain: Some(true),
        can_use_or_weigh: Some(true),
        can_communicate: Some(true),
        steps_taken: "Visited twice".into(),
        evidence: String::new(),
    };
    let today = chrono::Utc::now().date_naive();
    let (hildas_capacity, _) =
        store.assessments().record_capacity(&at(&south_worker), &hilda, &lacks, today).await.unwrap();
    let watched = vec![hilda.clone()];
    let untouched = app.db.fingerprint_of(&watched).await;

    // Merge: a team manager makes a record and merges the restricted one, or another team's,
    // into it. Refused, and the attempt is in the restricted record's history.
    let mut manager = app.browser_as(Role::TeamManager).await;
    let made = manager
        .post("/people/new", &[("given_name", "Hilda"), ("family_name", "Whitlock"), ("confirm_new", "yes")])
        .await;
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
    let fresh = made.location().trim_start_matches("/people/").to_owned();
    let refused_before = app.audit_count("person-access-refused").await;
    for other in [HILDA_REFERENCE, orla.reference.as_str()] {
        let merge = manager
            .post(&format!("/people/{fresh}/merge"), &[("other", other), ("reason", "Same person"), ("confirm", "yes")])
            .await;
        assert_eq!(merge.status, StatusCode::UNPROCESSABLE_ENTITY, "{other}");
        merge.assert_contains("You do not work with the person that reference belongs to");
    }
    assert_eq!(app.audit_count("person-access-refused").await - refused_before, 2);
    assert!(manager.get(&format!("/people/{hilda}/notes")).await.status == StatusCode::FORBIDDEN);

    // A best-interests decision posted under Jack's record into Hilda's capacity assessment.
    let mut practitioner = app.browser_as(Role::Practitioner).await;
    let decision = practitioner
        .post(
            &format!("/people/{jack}/capacity/{hildas_capacity}/best-interests"),
            &[("decided_on", "01/12/2026"), ("decision", "Move"), ("options", "x"), ("consultees", "y")],
        )
        .await;
    assert_eq!(decision.status, StatusCode::NOT_FOUND);

    // Linking the restricted record into Jack's network by its reference, then a note "also
    // about" her.
    let linked = practitioner
        .post(
            &format!("/people/{jack}/network/new"),
            &[("kind", "neighbour"), ("reference", HILDA_REFERENCE), ("name", "")],
        )
        .await;
    assert_eq!(linked.status, StatusCode::UNPROCESSABLE_ENTITY);
    linked.assert_contains("You do not work with the person that reference belongs to");
    let note = practitioner
        .post(
            &format!("/people/{jack}/notes/new"),
            &[
                ("kind", "note"),
                ("body", "About them both"),
                ("happened_on", &today.format("%d/%m/%Y").to_string()),
                ("also_about", hilda.as_str()),
                ("action", "save"),
            ],
        )
        .await;
    assert_eq!(note.status, StatusCode::UNPROCESSABLE_ENTITY);
    note.assert_contains("untick anyone else");

    // The front door: a call typed with the restricted person's name finds "a restricted
    // record" and nothing of it; matching the contact to her, or to someone it does not look like,
    // is refused.
    let born = store.people().people_summaries(std::slice::from_ref(&hilda)).await.unwrap()[0].date_of_birth.unwrap();
    let born = born.format("%d/%m/%Y").to_string();
    let call = [
        ("for_self", "yes"),
        ("given_name", "Hilda"),
        ("family_name", "Whitlock"),
        ("date_of_birth", born.as_str()),
        ("phone", "01632 960 222"),
        ("what_is_happening", "Needs help at home"),
        ("urgency", "soon"),
        ("method", "phone"),
        ("requester_type", "self"),
    ];
    let recorded = practitioner.post("/front-door/contacts/new", &call).await;
    let contact = recorded.location().to_owned();
    let page = practitioner.get(&contact).await;
    page.assert_contains("A restricted record looks like them");
    assert!(!page.body.contains(HILDA_REFERENCE) && !page.body.contains(hilda.as_str()));
    for someone in [&hilda, &orla.id] {
        let matched = practitioner.post(&format!("{contact}/match"), &[("person_id", someone.as_str())]).await;
        assert_eq!(matched.status, StatusCode::UNPROCESSABLE_ENTITY);
        matched.assert_contains("Choose one of the records that look like them");
    }
    // A call about Orla matches her record, which shows the front door only what triage needs,
    // and does not open it; triage cannot take her from the South team.
    let about_orla = [
        ("for_self", "yes"),
        ("given_name", "Orla"),
        ("family_name", "Quennell"),
        ("date_of_birth", "03/03/1950"),
        ("phone", "01632 960 333"),
        ("what_is_happening", "Her daughter is worried"),
        ("urgency", "soon"),
        ("method", "phone"),
        ("requester_type", "self"),
    ];
    let contact = practitioner.post("/front-door/contacts/new", &about_orla).await.location().to_owned();
    let matched = practitioner.post(&format!("{contact}/match"), &[("person_id", orla.id.as_str())]).await;
    assert_eq!(matched.status, StatusCode::SEE_OTHER);
    let page = practitioner.get(&contact).await;
    page.assert_contains(&orla.reference);
    page.assert_contains("South locality team");
    page.assert_contains("Their record opens to their team once they are allocated");
    assert!(!page.body.contains(&format!("href=\"/people/{}\"", orla.id)));
    assert_eq!(practitioner.get(&format!("/people/{}", orla.id)).await.status, StatusCode::FORBIDDEN);
    let north = teams.iter().find(|t| t.name == "North locality team").unwrap().id.clone();
    let triage = practitioner
        .post(
            &format!("{contact}/triage"),
            &[("outcome", "assessment"), ("team", north.as_str()), ("urgency", "soon"), ("action", "decide")],
        )
        .await;
    assert_eq!(triage.status, StatusCode::UNPROCESSABLE_ENTITY);
    triage.assert_contains("only a team manager can move them");
    let still = store
        .people()
        .allocations(&orla.id)
        .await
        .unwrap()
        .into_iter()
        .filter(|a| a.ended_at.is_none())
        .collect::<Vec<_>>();
    assert_eq!(still.len(), 1);
    assert_eq!(
        (still[0].team_id.as_str(), still[0].worker_id.as_ref().map(UserId::as_str)),
        (south.as_str(), Some(south_worker.as_str()))
    );

    // Finding people shows a restricted record only as such.
    let found = practitioner.get("/people?name=Whitlock").await;
    found.assert_contains("A restricted record");
    assert!(!found.body.contains(HILDA_REFERENCE) && !found.body.contains(hilda.as_str()));

    let now = app.db.fingerprint_of(&watched).await;
    assert!(now == untouched, "changed {:?}", changed(&untouched, &now));
    app.cleanup().await;
}
