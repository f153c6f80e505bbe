//! Deny by default: every route in the route table, walked by someone not signed in and by
//! every role, gets the answer its declared access says.

use crate::fake_idp::FakeIdp;
use crate::helpers::{Browser, TestApp};
use axum::http::{Method, StatusCode};
use hearth_domain::access::{Access, Role, roles_grant};
use hearth_store::PersonId;
use hearth_web::routes::specs;

/// What an allowed request answers, where that is not simply 200.
fn allowed_answer(path: &str, method: &Method, signed_in: bool) -> Option<StatusCode> {
    match (method.as_str(), path) {
        ("GET", "/sign-in") if signed_in => Some(StatusCode::SEE_OTHER),
        // Off to the identity provider.
        ("GET", "/sign-in/sso") => Some(StatusCode::SEE_OTHER),
        // No code and no state: a problem page, not a sign-in.
        ("GET", "/sign-in/sso/callback") => Some(StatusCode::BAD_REQUEST),
        // With no answers yet, the estimate's last pages send people to the first question, and
        // a link with no answers in it back to the start.
        ("GET", "/paying-for-care/check" | "/paying-for-care/result" | "/paying-for-care/resume") => {
            Some(StatusCode::SEE_OTHER)
        }
        ("GET", _) => Some(StatusCode::OK),
        // Posts answer in several ways (redirect, form errors); what matters is that they are
        // neither refused nor sent to sign in.
        _ => None,
    }
}

/// Care Act records of Jack's for the routes that need them: an assessment in progress, a plan
/// from another (issued) one, and a finding that he lacks capacity for one decision.
pub(crate) async fn care_records(app: &TestApp, jack: &PersonId) -> (String, String, String, String) {
    use hearth_domain::assessments::codes::AssessmentMethod;
    use hearth_domain::assessments::eligibility::Finding;
    use hearth_domain::assessments::outcomes::{AdultOutcome, Way};
    use hearth_store::assessments::{Approver, AssessmentKind, AssessmentUpdate, Findings, NewAssessment};
    let store = &app.db.store;
    let worker = hearth_store::AuditContext {
        actor: hearth_store::Actor::User(app.user_id(Role::Practitioner).await),
        client_addr: None,
        now: chrono::Utc::now(),
    };
    let manager = hearth_store::AuditContext {
        actor: hearth_store::Actor::User(app.user_id(Role::TeamManager).await),
        ..worker.clone()
    };
    let new = NewAssessment {
        kind: AssessmentKind::Needs,
        cared_for_id: None,
        cared_for_name: None,
        method: AssessmentMethod::FaceToFace,
        started_on: worker.now.date_naive(),
        contact_id: None,
    };
    let issued = store.assessments().start_assessment(&worker, jack, &new).await.unwrap();
    let Findings::Adult(mut f) = store.assessments().assessment(&issued).await.unwrap().findings else {
        unreachable!()
    };
    f.impairment = Some(true);
    f.significant_impact = Some(true);
    f.outcomes = AdultOutcome::ALL
        .iter()
        .map(|o| {
            if matches!(o, AdultOutcome::Nutrition | AdultOutcome::Clothed) {
                Finding::unable(*o, &[Way::WithoutHelp], "")
            } else {
                Finding::achieved(*o)
            }
        })
        .collect();
    store
        .assessments()
        .save_assessment(
            &worker,
            &issued,
            &AssessmentUpdate { findings: Some(Findings::Adult(f)), ..Default::default() },
            None,
        )
        .await
        .unwrap();
    store.assessments().submit_assessment(&worker, &issued, None).await.unwrap();
    store
        .assessments()
        .approve_assessment(
            &manager,
            &issued,
            &Approver { is_manager: true, council: "Demo", phone: "0", council_address: &[] },
        )
        .await
        .unwrap();
    let plan = store.assessments().start_plan(&worker, &issued, None).await.unwrap();
    let in_progress = store.assessments().start_assessment(&worker, jack, &new).await.unwrap();
    let lacks = hearth_domain::assessments::safeguards::CapacityFindings {
        decision: "Moving to a care home".into(),
        impairment: "Dementia".into(),
        can_understand: Some(false),
        can_retain: Some(true),
        can_use_or_weigh: Some(true),
        can_communicate: Some(true),
        steps_taken: "Visited twice".into(),
        evidence: String::new(),
    };
    let (capacity, _) =
        store.assessments().record_capacity(&worker, jack, &lacks, worker.now.date_naive()).await.unwrap();
    (in_progress.to_string(), issued.to_string(), plan.to_string(), capacity.to_string())
}

#[tokio::test]
async fn every_route_answers_every_role_as_declared() {
    let idp = FakeIdp::start().await;
    let app = TestApp::with_config(idp.web_config()).await;
    let target_user = app.user_id(Role::Practitioner).await;
    let target_user_text = target_user.to_string();
    // A published service of the demo provider's organisation (so the provider editor may update
    // it), and a change to it waiting for approval.
    let ours = hearth_domain::demo_directory::demo_provider_organisation();
    let all = app.db.store.directory().services(1, 100, false).await.unwrap().services;
    let service = all.into_iter().find(|s| s.organization_id.as_ref() == Some(&ours)).unwrap();
    let ctx = hearth_store::AuditContext::system(chrono::Utc::now());
    let change = app.db.store.directory().propose_change(&ctx, &service, &target_user, None).await.unwrap();
    let sal = service.service_at_locations[0].id.clone();
    let organisation = service.organization_id.clone().unwrap();
    let (taxonomies, _) = app.db.store.directory().taxonomies(None, 1, 1).await.unwrap();
    let taxonomy = taxonomies[0].id.clone();
    let term = app.db.store.directory().terms_of_taxonomy(&taxonomy).await.unwrap().remove(0);
    let request = app.db.store.charging().charging_requests(true).await.unwrap().remove(0).id.to_string();
    let (assessments, _) = app.db.store.charging().financial_assessments(None, Some("complete"), 1, 1).await.unwrap();
    let assessment = assessments[0].id.to_string();
    // Jack is allocated to the demo practitioner's team; Ada's call waits at the front door.
    let store = &app.db.store;
    let jack = store.people().person_by_reference(hearth_domain::demo_people::JACK_REFERENCE).await.unwrap().unwrap();
    let note = store
        .people()
        .notes_for(&jack, false, 1, 1)
        .await
        .unwrap()
        .0
        .first()
        .map_or("none".to_owned(), |n| n.id.to_string());
    let contact = store.front_door().contacts(true, 0).await.unwrap().remove(0).id.to_string();
    let team = store.people().teams().await.unwrap().remove(1).id.to_string();
    // An assessment of Jack's, a plan from an issued one, and a capacity assessment.
    let (care_assessment, issued, plan, capacity) = care_records(&app, &jack).await;
    let representative = hearth_store::people::network::NewRepresentative {
        name: "Martin Nettleton".into(),
        authority: Some(hearth_domain::people::network::Authority::Informal),
        ..Default::default()
    };
    let representative = store.people().add_representative(&ctx, &jack, &representative).await.unwrap().to_string();
    let mut checked = 0;
    let jack_text = jack.to_string();
    for spec in specs() {
        let id = if spec.path.starts_with("/people/") || spec.path.starts_with("/governance/people/") {
            &jack_text
        } else if spec.path.starts_with("/front-door/contacts/{id}") {
            &contact
        } else if spec.path.starts_with("/admin/teams/") {
            &team
        } else if spec.path.contains("/finance/requests/") {
            &request
        } else if spec.path.contains("/finance/assessments/") {
            &assessment
        } else if spec.path.contains("/directory/organisations/") {
            organisation.as_str()
        } else if spec.path.contains("/services/") {
            service.id.as_str()
        } else if spec.path.contains("/changes/") {
            change.as_str()
        } else if spec.path.contains("/service_at_locations/") {
            sal.as_str()
        } else if spec.path.contains("/taxonomies/") {
            taxonomy.as_str()
        } else if spec.path.contains("/taxonomy_terms/") {
            term.as_str()
        } else if spec.path.contains("/organizations/") {
            organisation.as_str()
        } else {
            &target_user_text
        };
        let path = spec
            .path
            .replace("{id}", id)
            .replace("{aid}", if spec.path.contains("/letter") { &issued } else { &care_assessment })
            .replace("{pid}", &plan)
            .replace("{lid}", "none")
            .replace("/capacity/{cid}", &format!("/capacity/{capacity}"))
            .replace("{place}", sal.as_str())
            .replace("{name}", "hearth.css")
            .replace("{step}", "where")
            .replace("{version}", "1")
            .replace("{nid}", &note)
            // Ids that match nothing: these posts must not end the demo's allocations or
            // take the practitioner out of their team half way through the walk.
            .replace("{uid}", "nobody")
            .replace("{rid}", "none")
            .replace("{cid}", "none")
            .replace("{wid}", "none")
            .replace("{repid}", &representative)
            .replace("{tid}", "none")
            .replace("{gid}", "none")
            .replace("{sid}", "none");
        let mut viewers: Vec<Option<Role>> = vec![None];
        viewers.extend(Role::ALL.into_iter().map(Some));
        for role in viewers {
            let mut browser = match role {
                Some(role) => app.browser_as(role).await,
                None => {
                    let mut b = app.browser();
                    b.get("/sign-in").await;
                    b
                }
            };
            let page = match spec.method {
                Method::GET => browser.get(&path).await,
                _ => browser.post(&path, &[]).await,
            };
            let who = role.map(|r| r.key()).unwrap_or("not signed in");
            let context = format!("{} {} as {who}", spec.method, path);
            match (spec.access, role) {
                (Access::Staff(_), None) => {
                    assert_eq!(page.status, StatusCode::SEE_OTHER, "{context}");
                    assert!(page.location().starts_with("/sign-in?return_to="), "{context}: {}", page.location());
                }
                (Access::Staff(permission), Some(role)) if !roles_grant(&[role], permission) => {
                    assert_eq!(page.status, StatusCode::FORBIDDEN, "{context}");
                    page.assert_contains("You do not have permission to see this page");
                }
                // Without a relationship with Jack, his record is refused and the safeguarding
                // manager is offered breaking the glass (the rules for that are in people.rs).
                (_, Some(Role::SafeguardingAdultsManager))
                    if (spec.path.starts_with("/people/{id}")
                        || spec.path.starts_with("/assessments/")
                        || spec.path.starts_with("/plans/"))
                        && spec.path != "/people/{id}/break-glass" =>
                {
                    if path.contains("/none") {
                        // An id that names nothing is not found, whoever asks.
                        assert_eq!(page.status, StatusCode::NOT_FOUND, "{context}");
                    } else {
                        assert_eq!(page.status, StatusCode::FORBIDDEN, "{context}");
                        page.assert_contains("You do not work with this person");
                    }
                }
                _ => match allowed_answer(spec.path, &spec.method, role.is_some()) {
                    Some(expected) => assert_eq!(page.status, expected, "{context}: {}", page.body),
                    None => {
                        assert_ne!(page.status, StatusCode::FORBIDDEN, "{context}: {}", page.body);
                        assert!(!page.location().starts_with("/sign-in"), "{context}");
                    }
                },
            }
            checked += 1;
        }
    }
    assert_eq!(checked, specs().len() * (Role::ALL.len() + 1));
    assert!(app.audit_count("access-denied").await > 0, "refusals are audited");
    app.cleanup().await;
}

#[tokio::test]
async fn unknown_pages_are_not_found_with_an_operation_number() {
    let app = TestApp::spawn().await;
    let page = app.browser().get("/no/such/page").await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    page.assert_contains("Page not found");
    page.assert_contains(page.header("x-request-id"));
    app.cleanup().await;
}

#[tokio::test]
async fn a_practitioner_is_refused_administration_and_it_is_recorded() {
    let app = TestApp::spawn().await;
    let mut practitioner: Browser = app.browser_as(Role::Practitioner).await;
    let page = practitioner.get("/admin/audit").await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    page.assert_contains("Operation number");
    assert!(!page.body.contains("not allowed"), "no internals on error pages");
    assert_eq!(app.audit_count("access-denied").await, 1);
    // The staff home shows no administration links to them.
    let home = practitioner.get("/staff").await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(!home.body.contains("/admin/users"));
    app.cleanup().await;
}
