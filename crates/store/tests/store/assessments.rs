//! Care Act assessments on both engines: an adult assessed, eligibility determined and issued
//! by someone else, a plan built from it with a personal budget, agreed past the crisis rule
//! only with a manager's reason, reviews due and done; a carer assessed in their own right;
//! advocacy, refusal, capacity and transition; and the Client Level Data events they make.

use super::add_user;
use chrono::{NaiveDate, TimeZone, Utc};
use hearth_domain::access::Role;
use hearth_domain::assessments::codes::{
    AssessmentMethod, DeliveryMechanism, ReviewDecision, ServiceComponent, ServiceType,
};
use hearth_domain::assessments::eligibility::{Finding, Fluctuation};
use hearth_domain::assessments::outcomes::{AdultOutcome, CarerOutcome, Way};
use hearth_domain::assessments::plans::{DirectPayment, ServiceLine};
use hearth_domain::assessments::reviews::ReviewTimings;
use hearth_domain::assessments::safeguards::{
    Advocacy, AppropriatePerson, Capacity, CapacityFindings, Difficulty, Refusal,
};
use hearth_domain::assessments::transition::AdultDecision;
use hearth_domain::charging::money::{Pence, Period};
use hearth_domain::people::conversations::{ConversationKind, OpenConversation};
use hearth_domain::people::record::PersonDetails;
use hearth_store::assessments::capacity::NewTransition;
use hearth_store::assessments::plans::{PlanStatus, PlanUpdate};
use hearth_store::assessments::{
    AdvocacyRecord, Approver, AssessmentKind, AssessmentStatus, AssessmentUpdate, Findings, NewAssessment,
    WrittenRecord,
};
use hearth_store::testing::TestDatabase;
use hearth_store::{Actor, AuditContext, AuditFilter, PersonId, Store, StoreError, TeamId, UserId};
use sea_orm::ConnectionTrait;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Everything happens on 1 December 2026, at noon.
fn at(user: &UserId) -> AuditContext {
    AuditContext {
        actor: Actor::User(user.clone()),
        client_addr: None,
        now: Utc.with_ymd_and_hms(2026, 12, 1, 12, 0, 0).unwrap(),
    }
}

/// Every problem refused, as "field: message; field: message".
fn invalid_field(e: StoreError) -> String {
    match e {
        StoreError::Refused(problems) => problems.to_string(),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

async fn person(store: &Store, given: &str, family: &str, born: NaiveDate) -> PersonId {
    let details = PersonDetails {
        given_name: given.into(),
        family_name: family.into(),
        date_of_birth: Some(born),
        ..Default::default()
    };
    store.people().create_person(&super::ctx(), details, None).await.unwrap().id
}

fn adult_findings(unable: &[(AdultOutcome, &[Way])]) -> Findings {
    let mut f = match Findings::Adult(Default::default()) {
        Findings::Adult(f) => f,
        _ => unreachable!(),
    };
    f.impairment = Some(true);
    f.impairment_note = "Osteoarthritis and mild vascular dementia".into();
    f.significant_impact = Some(true);
    f.outcomes = AdultOutcome::ALL
        .iter()
        .map(|o| match unable.iter().find(|(u, _)| u == o) {
            Some((_, ways)) => Finding::unable(*o, ways, "Seen at the visit"),
            None => Finding::achieved(*o),
        })
        .collect();
    Findings::Adult(f)
}

fn new_assessment(kind: AssessmentKind) -> NewAssessment {
    NewAssessment {
        kind,
        cared_for_id: None,
        cared_for_name: (kind == AssessmentKind::Carer).then(|| "Mira Patel".to_owned()),
        method: AssessmentMethod::FaceToFace,
        started_on: day(2026, 11, 20),
        contact_id: None,
    }
}

const COUNCIL: Approver<'static> =
    Approver { is_manager: true, council: "Hearthshire Council", phone: "0116 496 0000", council_address: &[] };

#[tokio::test]
async fn an_adult_is_assessed_found_eligible_and_given_a_plan_that_is_reviewed() {
    let db = TestDatabase::new().await;
    let store = &db.store;
    let worker = add_user(store, "worker@example.org", &[Role::Practitioner]).await.id;
    let manager = add_user(store, "manager@example.org", &[Role::TeamManager]).await.id;
    let ada = person(store, "Ada", "Kilbride", day(1942, 4, 2)).await;
    store
        .people()
        .set_person_story(
            &at(&worker),
            &ada,
            Some("Staying in my own home with my cat".into()),
            Some("Does her own crossword every day".into()),
            None,
        )
        .await
        .unwrap();

    // Started from what Hearth knows: her own words and her strengths are filled in.
    let id =
        store.assessments().start_assessment(&at(&worker), &ada, &new_assessment(AssessmentKind::Needs)).await.unwrap();
    let a = store.assessments().assessment(&id).await.unwrap();
    assert_eq!(a.persons_view, "Staying in my own home with my cat");
    assert!(a.strengths.starts_with("Does her own crossword"));
    assert_eq!(a.status, AssessmentStatus::InProgress);

    // Regulation 2(1): cooking only in pain and washing only with prompting, with an impairment
    // and a significant impact: eligible on two outcomes.
    let findings = adult_findings(&[
        (AdultOutcome::Nutrition, &[Way::PainDistressAnxiety]),
        (AdultOutcome::PersonalHygiene, &[Way::WithoutHelp]),
    ]);
    store
        .assessments()
        .save_assessment(
            &at(&worker),
            &id,
            &AssessmentUpdate {
                findings: Some(findings),
                wellbeing: Some("She has lost weight and worries at night".into()),
                ..Default::default()
            },
            None,
        )
        .await
        .unwrap();
    assert!(store.assessments().assessment(&id).await.unwrap().provisional().eligible);
    store.assessments().submit_assessment(&at(&worker), &id, None).await.unwrap();
    // Saved work cannot change once submitted, and nobody approves their own.
    let e = store
        .assessments()
        .save_assessment(
            &at(&worker),
            &id,
            &AssessmentUpdate { strengths: Some("x".into()), ..Default::default() },
            None,
        )
        .await
        .unwrap_err();
    assert!(invalid_field(e).starts_with("form:"));
    // A stage Hearth never writes (a hand edit) is an unreadable record, not an editable one.
    store
        .connection()
        .execute_unprepared(&format!("UPDATE assessment SET status = 'in progress' WHERE id = '{id}'"))
        .await
        .unwrap();
    assert!(
        matches!(store.assessments().assessment(&id).await, Err(StoreError::Unreadable(m)) if m.contains("in progress"))
    );
    store
        .connection()
        .execute_unprepared(&format!("UPDATE assessment SET status = 'submitted' WHERE id = '{id}'"))
        .await
        .unwrap();
    let e = store.assessments().approve_assessment(&at(&worker), &id, &COUNCIL).await.unwrap_err();
    assert!(invalid_field(e).contains("someone else"));
    let determination_id = store.assessments().approve_assessment(&at(&manager), &id, &COUNCIL).await.unwrap();
    let issued = store.assessments().determination(&determination_id).await.unwrap();
    assert!(issued.determination.eligible);
    assert_eq!(issued.determination.eligible_outcomes(), vec!["nutrition", "personal-hygiene"]);
    let letter = issued.letter.text();
    assert!(
        issued.letter.law_text().contains("Regulation 2(1)(b)") && letter.contains("Dear Ada Kilbride,"),
        "{letter}"
    );
    assert!(issued.reading_age <= 11.0, "reading age {}", issued.reading_age);
    assert_eq!(store.assessments().assessment(&id).await.unwrap().status, AssessmentStatus::Completed);
    store
        .assessments()
        .record_copy_given(
            &at(&worker),
            &ada,
            &WrittenRecord::Determination(determination_id.clone()),
            "Ada Kilbride",
            "By post",
            day(2026, 12, 1),
        )
        .await
        .unwrap();
    assert_eq!(
        store.assessments().copies_given(&WrittenRecord::Determination(determination_id.clone())).await.unwrap().len(),
        1
    );

    // The plan is built from the determination: no needs or outcomes retyped.
    let plan_id = store.assessments().start_plan(&at(&worker), &id, None).await.unwrap();
    let plan = store.assessments().plan(&plan_id).await.unwrap();
    assert_eq!(plan.contents.eligible, vec!["nutrition", "personal-hygiene"]);
    assert_eq!(plan.contents.outcomes, "Staying in my own home with my cat");
    let home_support = ServiceLine {
        service_type: ServiceType::LongTermCommunity,
        component: ServiceComponent::HomeSupport,
        delivery: DeliveryMechanism::DirectPayment,
        provider: "Brightwell Home Care".into(),
        starts_on: day(2027, 1, 4),
        ends_on: None,
        units_per_week_hundredths: 1400,
        unit_cost: Pence(2500),
        meets: vec!["personal-hygiene".into()],
    };
    let meals = ServiceLine {
        component: ServiceComponent::DaySupport,
        delivery: DeliveryMechanism::Commissioned,
        provider: "Riverside Day Centre".into(),
        units_per_week_hundredths: 100,
        unit_cost: Pence(7000),
        meets: vec!["nutrition".into()],
        ..home_support.clone()
    };
    store.assessments().add_service_line(&at(&worker), &plan_id, &home_support).await.unwrap();
    store.assessments().add_service_line(&at(&worker), &plan_id, &meals).await.unwrap();
    // s26: £350 + £70 a week; no financial assessment yet, so no contribution.
    let plan = store.assessments().plan(&plan_id).await.unwrap();
    assert_eq!((plan.budget.total, plan.budget.person, plan.budget.council), (Pence(42000), Pence(0), Pence(42000)));
    // s25(1)(f): advice on preventing needs is part of every plan.
    let e = store.assessments().submit_plan(&at(&worker), &plan_id).await.unwrap_err();
    assert!(invalid_field(e).contains("s25(1)(f)"));
    let advice = PlanUpdate { advice: Some("The falls class at the library on Tuesdays".into()), ..Default::default() };
    store.assessments().save_plan(&at(&worker), &plan_id, &advice, None).await.unwrap();
    // s25(2): a direct payment needs its details before the plan goes for approval.
    let e = store.assessments().submit_plan(&at(&worker), &plan_id).await.unwrap_err();
    let m = invalid_field(e);
    assert!(m.contains("s25(2)"), "{m}");
    let dp = DirectPayment {
        needs: vec!["personal-hygiene".into()],
        amount: Pence(35000),
        period: Period::Weekly,
        first_payment_on: Some(day(2027, 1, 4)),
        recipient: "Ada Kilbride".into(),
    };
    store
        .assessments()
        .save_plan(
            &at(&worker),
            &plan_id,
            &PlanUpdate {
                direct_payment: Some(Some(dp)),
                contingency: Some("Her niece rings the agency".into()),
                ..Default::default()
            },
            None,
        )
        .await
        .unwrap();
    store.assessments().submit_plan(&at(&worker), &plan_id).await.unwrap();
    assert!(store.assessments().approve_plan(&at(&worker), &plan_id, true, None).await.is_err(), "not by its author");
    // A panel from £400 a week (local policy): the manager, then someone else on the panel.
    assert_eq!(
        store.assessments().approve_plan(&at(&manager), &plan_id, true, Some(Pence(40000))).await.unwrap(),
        PlanStatus::Panel
    );
    assert!(store.assessments().approve_plan(&at(&manager), &plan_id, true, Some(Pence(40000))).await.is_err());
    let panel = add_user(store, "panel@example.org", &[Role::TeamManager]).await.id;
    assert_eq!(
        store.assessments().approve_plan(&at(&panel), &plan_id, true, Some(Pence(40000))).await.unwrap(),
        PlanStatus::Approved
    );

    // The crisis rule: with a Conversation 2 open, agreeing needs a manager's reason.
    let crisis = OpenConversation {
        kind: Some(ConversationKind::Crisis),
        started_on: Some(day(2026, 11, 28)),
        what_matters: "Her carer is in hospital".into(),
        review_by: Some(day(2026, 12, 12)),
        urgent_help: Some("Two calls a day".into()),
    };
    store.people().open_conversation(&at(&worker), &ada, &crisis, Some(&worker), 42, None, false).await.unwrap();
    let t = ReviewTimings::default();
    let e = store
        .assessments()
        .agree_plan(&at(&worker), &plan_id, day(2026, 12, 1), day(2027, 1, 4), None, false, t)
        .await
        .unwrap_err();
    assert!(invalid_field(e).contains("crisis"));
    let e = store
        .assessments()
        .agree_plan(&at(&worker), &plan_id, day(2026, 12, 1), day(2027, 1, 4), Some("Agreed with her"), false, t)
        .await
        .unwrap_err();
    assert!(invalid_field(e).contains("team manager"));
    store
        .assessments()
        .agree_plan(
            &at(&manager),
            &plan_id,
            day(2026, 12, 1),
            day(2027, 1, 4),
            Some("Her daughter has moved in for good"),
            true,
            t,
        )
        .await
        .unwrap();
    let overrides = AuditFilter { action: Some("crisis-override".into()), ..Default::default() };
    assert_eq!(store.search_audit(&overrides, 1, 5).await.unwrap().total, 1);

    // s27: the first review six to eight weeks after the start; DP Regs reg 7: six months.
    let plan = store.assessments().plan(&plan_id).await.unwrap();
    assert_eq!(plan.status, PlanStatus::Active);
    let (_, opens, due) = plan.next_review.unwrap();
    assert_eq!((opens, due), (day(2027, 2, 15), day(2027, 3, 1)));
    assert_eq!(plan.direct_payment_review_due, Some(day(2027, 7, 4)));
    // Regulation 7: a direct payment review sets the next within 12 months.
    let reviewed = AuditContext { now: Utc.with_ymd_and_hms(2027, 6, 20, 12, 0, 0).unwrap(), ..at(&worker) };
    assert!(
        store.assessments().complete_direct_payment_review(&reviewed, &plan_id, day(2027, 6, 20), " ").await.is_err()
    );
    store
        .assessments()
        .complete_direct_payment_review(&reviewed, &plan_id, day(2027, 6, 20), "Payments used as agreed")
        .await
        .unwrap();
    assert_eq!(store.assessments().plan(&plan_id).await.unwrap().direct_payment_review_due, Some(day(2028, 6, 20)));
    let people = vec![ada.clone()];
    assert!(store.assessments().reviews_due(&people, day(2027, 2, 1)).await.unwrap().is_empty());
    let due_now = store.assessments().reviews_due(&people, day(2027, 2, 20)).await.unwrap();
    assert_eq!(due_now.len(), 1);
    assert_eq!(due_now[0].due, day(2027, 3, 1));

    // Completing the first review sets the yearly one; a requested review leaves it alone.
    let later = AuditContext { now: Utc.with_ymd_and_hms(2027, 6, 1, 12, 0, 0).unwrap(), ..at(&worker) };
    store
        .assessments()
        .complete_review(
            &later,
            &plan_id,
            None,
            day(2027, 2, 26),
            ReviewDecision::NoChange,
            "All going well, she says",
            t,
        )
        .await
        .unwrap();
    assert_eq!(store.assessments().plan(&plan_id).await.unwrap().next_review.unwrap().2, day(2028, 2, 26));
    // Nobody named and a day still to come: both are refused together.
    let both = store.assessments().request_review(&later, &plan_id, day(2027, 7, 1), " ", 28).await.unwrap_err();
    let both = invalid_field(both);
    assert!(both.contains("requested_by") && both.contains("requested_on"), "{both}");
    let asked = store
        .assessments()
        .request_review(&later, &plan_id, day(2027, 6, 1), "Her daughter, by phone", 28)
        .await
        .unwrap();
    assert!(
        store
            .assessments()
            .reviews_due(&people, day(2027, 6, 29))
            .await
            .unwrap()
            .iter()
            .any(|r| r.what.contains("asked for"))
    );
    store
        .assessments()
        .complete_review(
            &later,
            &plan_id,
            Some(&asked),
            day(2027, 6, 1),
            ReviewDecision::NoChange,
            "Worried about the stairs; no change for now",
            t,
        )
        .await
        .unwrap();
    assert_eq!(
        store.assessments().plan(&plan_id).await.unwrap().next_review.unwrap().2,
        day(2028, 2, 26),
        "s27(1)(b) does not move it"
    );

    // A review that revises the plan makes a new draft version with the same services.
    let new_version = store
        .assessments()
        .complete_review(
            &later,
            &plan_id,
            None,
            day(2027, 6, 1),
            ReviewDecision::Increased,
            "Needs more help in the mornings",
            t,
        )
        .await
        .unwrap()
        .unwrap();
    let v2 = store.assessments().plan(&new_version).await.unwrap();
    assert_eq!((v2.version, v2.status, v2.contents.lines.len()), (2, PlanStatus::Draft, 2));

    // Reassessment makes a new determination and supersedes the old; the old one is unchanged.
    let again =
        store.assessments().start_assessment(&later, &ada, &new_assessment(AssessmentKind::Needs)).await.unwrap();
    assert_eq!(store.assessments().assessment(&again).await.unwrap().supersedes_id.as_ref(), Some(&id));

    // The Client Level Data events are on the record already.
    let events = store.assessments().client_events(day(2026, 10, 1), day(2027, 12, 31)).await.unwrap();
    let kinds: Vec<&str> = events.iter().map(|e| e.event_type).collect();
    assert!(kinds.contains(&"Assessment") && kinds.contains(&"Service") && kinds.contains(&"Review"), "{kinds:?}");
    let service = events.iter().find(|e| e.event_type == "Service").unwrap();
    assert_eq!(service.service_type, Some("Long term support: Community"));
    assert_eq!(service.service_component, Some("Home support or domiciliary care"));
    assert_eq!(service.delivery_mechanism, Some("Direct payment"));
    assert_eq!(service.planned_units_per_week.as_deref(), Some("14.00"));
    let first = store.assessments().assessment(&id).await.unwrap().reference;
    let assessment = events.iter().find(|e| e.event_type == "Assessment" && e.event_reference == first).unwrap();
    assert_eq!(
        (assessment.assessment_type, assessment.eligible_needs_identified),
        (Some("Long term assessment"), Some("Yes"))
    );
    db.cleanup().await;
}

#[tokio::test]
async fn a_carer_is_assessed_in_their_own_right_and_taking_longer_does_not_count() {
    let db = TestDatabase::new().await;
    let store = &db.store;
    let worker = add_user(store, "worker@example.org", &[Role::Practitioner]).await.id;
    let manager = add_user(store, "manager@example.org", &[Role::TeamManager]).await.id;
    let dev = person(store, "Dev", "Patel", day(1968, 2, 9)).await;
    let id =
        store.assessments().start_assessment(&at(&worker), &dev, &new_assessment(AssessmentKind::Carer)).await.unwrap();
    let a = store.assessments().assessment(&id).await.unwrap();
    assert_eq!(a.cared_for_name.as_deref(), Some("Mira Patel"));
    let Findings::Carer(mut f) = a.findings.clone() else { panic!("a carer's findings") };
    f.necessary_care = Some(true);
    f.health_deteriorating = Some(false);
    f.significant_impact = Some(true);
    // Regulation 3(3): "significantly longer" is refused for carers.
    f.outcomes = CarerOutcome::ALL
        .iter()
        .map(|o| {
            if *o == CarerOutcome::HabitableHome {
                Finding::unable(*o, &[Way::TakesLonger], "")
            } else {
                Finding::achieved(*o)
            }
        })
        .collect();
    let e = store
        .assessments()
        .save_assessment(
            &at(&worker),
            &id,
            &AssessmentUpdate { findings: Some(Findings::Carer(f.clone())), ..Default::default() },
            None,
        )
        .await
        .unwrap_err();
    assert!(invalid_field(e).contains("regulation 3(3)"));
    // One outcome is enough for a carer (regulation 3(1)(b)).
    f.outcomes = CarerOutcome::ALL
        .iter()
        .map(|o| {
            if *o == CarerOutcome::WorkAndLearning {
                Finding::unable(*o, &[Way::WithoutHelp], "He gave up his shifts")
            } else {
                Finding::achieved(*o)
            }
        })
        .collect();
    store
        .assessments()
        .save_assessment(
            &at(&worker),
            &id,
            &AssessmentUpdate {
                findings: Some(Findings::Carer(f)),
                persons_view: Some("I want to keep my job".into()),
                ..Default::default()
            },
            None,
        )
        .await
        .unwrap();
    // s10(5): able and willing to carry on caring.
    let e = store.assessments().submit_assessment(&at(&worker), &id, None).await.unwrap_err();
    assert!(invalid_field(e).contains("s10(5)"));
    store
        .assessments()
        .save_assessment(
            &at(&worker),
            &id,
            &AssessmentUpdate {
                carer_able_willing: Some("Willing, but not able to do nights".into()),
                ..Default::default()
            },
            None,
        )
        .await
        .unwrap();
    // Sent from a check of an older version: refused in the same transaction, nothing sent.
    let checked_before = hearth_domain::edits::EditToken::from_form("an-older-version");
    let stale = store.assessments().submit_assessment(&at(&worker), &id, Some(&checked_before)).await;
    assert!(matches!(stale, Err(StoreError::Stale)), "{stale:?}");
    let current = store.assessments().assessment(&id).await.unwrap().edit_token();
    store.assessments().submit_assessment(&at(&worker), &id, Some(&current)).await.unwrap();
    let determination = store.assessments().approve_assessment(&at(&manager), &id, &COUNCIL).await.unwrap();
    let issued = store.assessments().determination(&determination).await.unwrap();
    assert!(issued.determination.eligible);
    assert!(issued.letter.title.contains("carer"));
    // A carer's support plan takes carers' services only.
    let plan = store.assessments().start_plan(&at(&worker), &id, None).await.unwrap();
    let respite = ServiceLine {
        service_type: ServiceType::CarerDirect,
        component: ServiceComponent::CarerRespite,
        delivery: DeliveryMechanism::Commissioned,
        provider: "Hearthshire Carers Centre".into(),
        starts_on: day(2027, 1, 4),
        ends_on: None,
        units_per_week_hundredths: 300,
        unit_cost: Pence(2000),
        meets: vec!["work-learning".into()],
    };
    store.assessments().add_service_line(&at(&worker), &plan, &respite).await.unwrap();
    let home = ServiceLine {
        service_type: ServiceType::LongTermCommunity,
        component: ServiceComponent::HomeSupport,
        ..respite.clone()
    };
    assert!(
        invalid_field(store.assessments().add_service_line(&at(&worker), &plan, &home).await.unwrap_err())
            .contains("carer")
    );
    db.cleanup().await;
}

#[tokio::test]
async fn refusal_advocacy_advice_capacity_and_transition_rules_hold() {
    let db = TestDatabase::new().await;
    let store = &db.store;
    let worker = add_user(store, "worker@example.org", &[Role::Practitioner]).await.id;
    let manager = add_user(store, "manager@example.org", &[Role::TeamManager]).await.id;

    // s11: Frank refuses; a risk of abuse means the assessment goes ahead; Gwen's refusal stands.
    let frank = person(store, "Frank", "Tolley", day(1950, 1, 1)).await;
    let id = store
        .assessments()
        .start_assessment(&at(&worker), &frank, &new_assessment(AssessmentKind::Needs))
        .await
        .unwrap();
    assert_eq!(
        store
            .assessments()
            .record_refusal(&at(&worker), &id, true, false, "Said no at the door on 1 December")
            .await
            .unwrap(),
        Refusal::OverriddenAbuseOrNeglect
    );
    assert_eq!(store.assessments().assessment(&id).await.unwrap().status, AssessmentStatus::InProgress);
    let gwen = person(store, "Gwen", "Arkwright", day(1951, 1, 1)).await;
    let gid = store
        .assessments()
        .start_assessment(&at(&worker), &gwen, &new_assessment(AssessmentKind::Needs))
        .await
        .unwrap();
    assert_eq!(
        store.assessments().record_refusal(&at(&worker), &gid, false, false, "Does not want help").await.unwrap(),
        Refusal::Stands
    );
    assert_eq!(store.assessments().assessment(&gid).await.unwrap().status, AssessmentStatus::Refused);
    // Best interests needs a capacity assessment first.
    let e = store.assessments().record_refusal(&at(&worker), &id, false, true, "x").await.unwrap_err();
    assert!(invalid_field(e).contains("capacity"));

    // s67: Grace's brother is her paid carer, so she needs an advocate before submission.
    let grace = person(store, "Grace", "Lowe", day(1990, 5, 5)).await;
    let id = store
        .assessments()
        .start_assessment(&at(&worker), &grace, &new_assessment(AssessmentKind::Needs))
        .await
        .unwrap();
    let advocacy = AdvocacyRecord {
        difficulty: Difficulty { retaining: true, using_or_weighing: true, ..Default::default() },
        supporter: Some(AppropriatePerson {
            name: "Tom Lowe".into(),
            paid_or_professional: true,
            willing: true,
            person_agrees: true,
        }),
        status: Advocacy::Waiting,
    };
    let findings = adult_findings(&[
        (AdultOutcome::Community, &[Way::WithoutHelp]),
        (AdultOutcome::WorkAndLearning, &[Way::WithoutHelp]),
    ]);
    store
        .assessments()
        .save_assessment(
            &at(&worker),
            &id,
            &AssessmentUpdate {
                findings: Some(findings),
                persons_view: Some("I want a job at the garden centre".into()),
                advocacy: Some(advocacy.clone()),
                ..Default::default()
            },
            None,
        )
        .await
        .unwrap();
    assert!(store.assessments().assessment(&id).await.unwrap().advocacy.required());
    assert!(
        invalid_field(store.assessments().submit_assessment(&at(&worker), &id, None).await.unwrap_err())
            .contains("advocate")
    );
    // Only a manager can record going ahead without one.
    let exception = AdvocacyRecord { status: Advocacy::ManagerException { reason: "x".into() }, ..advocacy.clone() };
    assert!(
        store
            .assessments()
            .save_assessment(
                &at(&worker),
                &id,
                &AssessmentUpdate { advocacy: Some(exception), ..Default::default() },
                None
            )
            .await
            .is_err()
    );
    assert!(
        store.assessments().advocacy_exception(&at(&worker), &id, false, "Her aunt will support her").await.is_err()
    );
    store
        .assessments()
        .advocacy_exception(&at(&manager), &id, true, "Her aunt, unpaid, will support her")
        .await
        .unwrap();
    store.assessments().submit_assessment(&at(&worker), &id, None).await.unwrap();
    // Returned with a comment, it can be changed again.
    assert!(store.assessments().return_assessment(&at(&manager), &id, true, " ").await.is_err());
    store.assessments().return_assessment(&at(&manager), &id, true, "Add what her aunt said").await.unwrap();
    assert_eq!(store.assessments().assessment(&id).await.unwrap().status, AssessmentStatus::Returned);

    // s13(5): Ben is not eligible (one outcome); no advice, no submission; no plan under the duty.
    let ben = person(store, "Ben", "Okafor", day(1981, 7, 7)).await;
    let id =
        store.assessments().start_assessment(&at(&worker), &ben, &new_assessment(AssessmentKind::Needs)).await.unwrap();
    store
        .assessments()
        .save_assessment(
            &at(&worker),
            &id,
            &AssessmentUpdate {
                findings: Some(adult_findings(&[(AdultOutcome::HabitableHome, &[Way::WithoutHelp])])),
                persons_view: Some("Get my flat straight".into()),
                ..Default::default()
            },
            None,
        )
        .await
        .unwrap();
    assert!(
        invalid_field(store.assessments().submit_assessment(&at(&worker), &id, None).await.unwrap_err())
            .contains("s13(5)")
    );
    store
        .assessments()
        .save_assessment(
            &at(&worker),
            &id,
            &AssessmentUpdate {
                advice: Some("The tenancy support service at Brook House, 0116 496 0456".into()),
                ..Default::default()
            },
            None,
        )
        .await
        .unwrap();
    store.assessments().submit_assessment(&at(&worker), &id, None).await.unwrap();
    let d = store.assessments().approve_assessment(&at(&manager), &id, &COUNCIL).await.unwrap();
    let issued = store.assessments().determination(&d).await.unwrap();
    assert!(!issued.determination.eligible);
    assert!(issued.letter.text().contains("Brook House"));
    assert!(
        invalid_field(store.assessments().start_plan(&at(&worker), &id, None).await.unwrap_err()).contains("s19(1)")
    );
    store
        .assessments()
        .start_plan(&at(&worker), &id, Some("Two weeks of help prevents his tenancy failing"))
        .await
        .unwrap();

    // Regulation 2(4): fluctuating needs need the period and a description before submission.
    let eve = person(store, "Eve", "Rowntree", day(1979, 3, 3)).await;
    let id =
        store.assessments().start_assessment(&at(&worker), &eve, &new_assessment(AssessmentKind::Needs)).await.unwrap();
    let Findings::Adult(mut f) = adult_findings(&[
        (AdultOutcome::Nutrition, &[Way::WithoutHelp]),
        (AdultOutcome::HomeSafely, &[Way::Endangers]),
    ]) else {
        unreachable!()
    };
    f.fluctuation = Some(Fluctuation::default());
    store
        .assessments()
        .save_assessment(
            &at(&worker),
            &id,
            &AssessmentUpdate {
                findings: Some(Findings::Adult(f.clone())),
                persons_view: Some("Keep working".into()),
                ..Default::default()
            },
            None,
        )
        .await
        .unwrap();
    assert!(
        invalid_field(store.assessments().submit_assessment(&at(&worker), &id, None).await.unwrap_err())
            .starts_with("fluctuation")
    );

    // MCA: decision-specific, and best interests only after a lack of capacity for it.
    let leo = person(store, "Leo", "Sandford", day(1936, 8, 8)).await;
    let vague = CapacityFindings { decision: "capacity".into(), ..Default::default() };
    let refused = invalid_field(
        store.assessments().record_capacity(&at(&worker), &leo, &vague, day(2030, 12, 1)).await.unwrap_err(),
    );
    // The vague decision, the four unanswered tests and the day to come, all at once.
    assert!(refused.starts_with("decision"), "{refused}");
    assert!(refused.contains("can_communicate") && refused.contains("assessed_on"), "{refused}");
    let move_home = CapacityFindings {
        decision: "Moving to a care home".into(),
        impairment: "Vascular dementia".into(),
        can_understand: Some(true),
        can_retain: Some(true),
        can_use_or_weigh: Some(false),
        can_communicate: Some(true),
        steps_taken: "Two visits at his best time of day".into(),
        evidence: String::new(),
    };
    let (cid, result) =
        store.assessments().record_capacity(&at(&worker), &leo, &move_home, day(2026, 12, 1)).await.unwrap();
    assert_eq!(result, Capacity::Lacks);
    let finances =
        CapacityFindings { decision: "Managing his money".into(), can_use_or_weigh: Some(true), ..move_home.clone() };
    let (fid, result) =
        store.assessments().record_capacity(&at(&worker), &leo, &finances, day(2026, 12, 1)).await.unwrap();
    assert_eq!(result, Capacity::Has);
    assert!(
        store
            .assessments()
            .record_best_interests(&at(&worker), &fid, "Appointee", "Bank help", "His son", day(2026, 12, 1))
            .await
            .is_err()
    );
    assert!(
        store
            .assessments()
            .record_best_interests(
                &at(&worker),
                &cid,
                "Move to Elm House",
                "Four calls a day at home",
                "",
                day(2026, 12, 1)
            )
            .await
            .is_err()
    );
    store
        .assessments()
        .record_best_interests(
            &at(&worker),
            &cid,
            "Move to Elm House",
            "Four calls a day at home",
            "His son; his GP",
            day(2026, 12, 1),
        )
        .await
        .unwrap();

    // s58 and s66: Kai turns 18 on 1 February 2027; children's services stay until the adult decision.
    let kai = person(store, "Kai", "Brennan", day(2009, 2, 1)).await;
    let new = NewTransition {
        ehc_plan: true,
        likely_needs: "Support to live independently".into(),
        significant_benefit: "College place from September".into(),
        indicative_outcomes: vec![AdultOutcome::WorkAndLearning],
        ..Default::default()
    };
    store.assessments().start_transition(&at(&worker), &kai, &new).await.unwrap();
    let t = store.assessments().transition_for(&kai).await.unwrap().unwrap();
    assert_eq!((t.turns_18_on, t.adult_decision), (day(2027, 2, 1), AdultDecision::Pending));
    assert!(
        invalid_field(store.assessments().close_childrens_services(&at(&worker), &kai, None).await.unwrap_err())
            .contains("s66")
    );
    store
        .assessments()
        .close_childrens_services(&at(&worker), &kai, Some("No needs for care and support found"))
        .await
        .unwrap();
    assert_eq!(store.assessments().transition_for(&kai).await.unwrap().unwrap().adult_decision, AdultDecision::NoDuty);
    // Both answers s58(1) needs are asked for at once.
    let blank = NewTransition::default();
    match store.assessments().start_transition(&at(&worker), &kai, &blank).await.unwrap_err() {
        StoreError::Refused(p) => {
            assert!(p.get("likely_needs").is_some() && p.get("significant_benefit").is_some(), "{p:?}");
        }
        other => panic!("refused, not {other:?}"),
    }
    // An adult is not a child: no s58 transition for Ben.
    assert!(store.assessments().start_transition(&at(&worker), &ben, &new).await.is_err());
    db.cleanup().await;
}

/// Gives `person` at least one row of every kind `PersonTable` declares, through the store's own
/// operations, as a year of work would.
async fn every_kind_of_record(store: &Store, worker: &UserId, manager: &UserId, person: &PersonId, team: &TeamId) {
    use hearth_domain::front_door::Filler;
    use hearth_domain::people::network::{Authority, RelationshipKind};
    use hearth_domain::people::notes::{NewNote, NoteKind};
    use hearth_domain::people::record::Address;
    use hearth_domain::people::tasks::NewTask;
    use hearth_domain::people::warnings::{NewWarning, WarningKind};
    use hearth_store::charging::NewRequest;
    use hearth_store::people::network::{NewRelation, NewRepresentative};
    let w = at(worker);
    let address = Address { line_1: "9 Weir Row".into(), postcode: Some("QW1 4EF".into()), ..Default::default() };
    store.people().add_person_address(&w, person, &address).await.unwrap();
    let mum = NewRelation {
        kind: Some(RelationshipKind::Parent),
        name: "Sal Ferris".into(),
        main_carer: true,
        ..Default::default()
    };
    store.people().add_relation(&w, person, &mum).await.unwrap();
    store.people().add_connection(&w, person, "Wrenfield Youth Club", None, Some("Thursday evenings")).await.unwrap();
    let rep = NewRepresentative {
        name: "Sal Ferris".into(),
        authority: Some(Authority::Appointee),
        document_seen_on: Some(day(2026, 11, 2)),
        ..Default::default()
    };
    store.people().add_representative(&w, person, &rep).await.unwrap();
    let warning = NewWarning {
        kind: Some(WarningKind::Other),
        details: "A large dog at home: ring ahead".into(),
        starts_on: Some(day(2026, 11, 1)),
        review_by: Some(day(2027, 5, 1)),
    };
    store.people().add_warning(&w, person, &warning).await.unwrap();
    let contact =
        store.front_door().record_contact(&w, &super::people::call_about_jack(), Filler::Staff, None).await.unwrap();
    store.front_door().link_contact(&w, &contact.id, person).await.unwrap();
    store.people().allocate(&w, person, team, Some(worker), Some("New referral")).await.unwrap();
    let first = OpenConversation {
        kind: Some(ConversationKind::ListenAndConnect),
        started_on: Some(day(2026, 11, 3)),
        what_matters: "Going to college".into(),
        review_by: None,
        urgent_help: None,
    };
    store.people().open_conversation(&w, person, &first, Some(worker), 42, None, false).await.unwrap();
    let note = NewNote {
        kind: Some(NoteKind::Visit),
        happened_at: Some(at(worker).now),
        body: "Met at home with his mum".into(),
        significant: true,
        people: vec![person.to_owned()],
    };
    store.people().add_note(&w, &note).await.unwrap();
    let task =
        NewTask { title: "Ring the college".into(), due_on: Some(day(2026, 12, 8)), owner: Some(worker.clone()) };
    store.people().add_task(&w, person, &task, Some(team)).await.unwrap();
    store.people().grant_access(&at(manager), person, manager, "Covering the team", None).await.unwrap();
    store.people().record_subject_access(&w, person, day(2026, 11, 30), Some(day(2026, 11, 30)), None).await.unwrap();
    // An assessment issued with its letter and a copy given; a plan with a service, agreed and
    // then reviewed at his mother's request.
    let id = store.assessments().start_assessment(&w, person, &new_assessment(AssessmentKind::Needs)).await.unwrap();
    let findings =
        adult_findings(&[(AdultOutcome::Nutrition, &[Way::WithoutHelp]), (AdultOutcome::Clothed, &[Way::WithoutHelp])]);
    store
        .assessments()
        .save_assessment(&w, &id, &AssessmentUpdate { findings: Some(findings), ..Default::default() }, None)
        .await
        .unwrap();
    store.assessments().submit_assessment(&w, &id, None).await.unwrap();
    let determination = store.assessments().approve_assessment(&at(manager), &id, &COUNCIL).await.unwrap();
    store
        .assessments()
        .record_copy_given(
            &w,
            person,
            &WrittenRecord::Determination(determination.clone()),
            "Sal Ferris",
            "By hand",
            day(2026, 12, 1),
        )
        .await
        .unwrap();
    let plan = store.assessments().start_plan(&w, &id, None).await.unwrap();
    let line = ServiceLine {
        service_type: ServiceType::LongTermCommunity,
        component: ServiceComponent::HomeSupport,
        delivery: DeliveryMechanism::Commissioned,
        provider: "Brightwell Home Care".into(),
        starts_on: day(2027, 1, 4),
        ends_on: None,
        units_per_week_hundredths: 700,
        unit_cost: Pence(2500),
        meets: vec!["nutrition".into(), "clothed".into()],
    };
    store.assessments().add_service_line(&w, &plan, &line).await.unwrap();
    let words = PlanUpdate {
        advice: Some("The cookery course at the college".into()),
        contingency: Some("His mum rings the agency".into()),
        ..Default::default()
    };
    store.assessments().save_plan(&w, &plan, &words, None).await.unwrap();
    store.assessments().submit_plan(&w, &plan).await.unwrap();
    store.assessments().approve_plan(&at(manager), &plan, true, None).await.unwrap();
    let timings = ReviewTimings::default();
    store.assessments().agree_plan(&w, &plan, day(2026, 12, 1), day(2027, 1, 4), None, false, timings).await.unwrap();
    store.assessments().request_review(&w, &plan, day(2026, 12, 1), "His mother, by phone", 28).await.unwrap();
    let lacks = CapacityFindings {
        decision: "Managing his money".into(),
        impairment: "Learning disability".into(),
        can_understand: Some(false),
        can_retain: Some(true),
        can_use_or_weigh: Some(true),
        can_communicate: Some(true),
        steps_taken: "Easy-read guide, and his mum there".into(),
        evidence: String::new(),
    };
    let (capacity, _) = store.assessments().record_capacity(&w, person, &lacks, day(2026, 12, 1)).await.unwrap();
    store
        .assessments()
        .record_best_interests(&w, &capacity, "An appointee", "Bank help", "His mother", day(2026, 12, 1))
        .await
        .unwrap();
    let transition = NewTransition {
        ehc_plan: true,
        likely_needs: "Support to live more independently".into(),
        significant_benefit: "College place from September".into(),
        indicative_outcomes: vec![AdultOutcome::WorkAndLearning],
        ..Default::default()
    };
    store.assessments().start_transition(&w, person, &transition).await.unwrap();
    // His mother asked for a financial assessment; it was started from her request, with his
    // record's reference.
    let request = store
        .charging()
        .record_charging_request(
            &w,
            &NewRequest { source: "phone".into(), name: "Sal Ferris".into(), ..Default::default() },
        )
        .await
        .unwrap();
    let reference = store.people().person_heading(person).await.unwrap().1;
    store
        .charging()
        .create_financial_assessment(&w, "Theo Ferris", Some(&reference), Some(person), Some(&request.id), "{}")
        .await
        .unwrap();
}

#[tokio::test]
async fn a_merged_record_keeps_every_kind_of_record_and_subject_access_shows_each_exactly_once() {
    use hearth_store::people::belongs::PersonTable;
    let db = TestDatabase::new().await;
    let store = &db.store;
    let worker = add_user(store, "worker@example.org", &[Role::Practitioner]).await.id;
    let manager = add_user(store, "manager@example.org", &[Role::TeamManager]).await.id;
    let team = store.people().create_team(&super::ctx(), "Transitions team", false).await.unwrap().id;
    store.people().add_team_member(&super::ctx(), &team, &worker).await.unwrap();
    // The same 17-year-old, recorded twice, each record with a history of its own.
    let kept = person(store, "Theo", "Ferris", day(2009, 6, 1)).await;
    let twin = person(store, "Theodore", "Ferris", day(2009, 6, 1)).await;
    every_kind_of_record(store, &worker, &manager, &twin, &team).await;
    every_kind_of_record(store, &worker, &manager, &kept, &team).await;
    let count = |table, id: &PersonId| {
        let ids = vec![id.to_owned()];
        async move { store.people().count_person_rows(table, &ids).await.unwrap() }
    };
    let mut before = Vec::new();
    for table in PersonTable::ALL {
        let (k, t) = (count(table, &kept).await, count(table, &twin).await);
        assert!(t > 0, "the twin has no {} (give every kind of record a row here)", table.title());
        before.push((table, k + t));
    }

    store
        .people()
        .merge_people(&at(&manager), &kept, &twin, "Same date of birth and mother; a nickname")
        .await
        .unwrap();
    let ig = add_user(store, "ig@example.org", &[Role::InformationGovernanceLead]).await.id;
    let export = store.people().subject_access_export(&at(&ig), &kept).await.unwrap();
    for (table, total) in before {
        // Nothing left behind on the merged record, nothing lost, nothing twice.
        assert_eq!(count(table, &twin).await, 0, "{} left on the merged record", table.title());
        assert_eq!(count(table, &kept).await, total, "{} on the kept record", table.title());
        assert_eq!(export.count(table), total as usize, "{} in the subject access export", table.title());
    }
    // The determinations and plans came across with their letters and services whole.
    assert!(export.determinations.iter().all(|d| d.letter.text().contains("Dear Theo")));
    assert!(export.plans.iter().all(|p| p.contents.lines.len() == 1));
    store.verify_audit().await.unwrap();
    db.cleanup().await;
}
