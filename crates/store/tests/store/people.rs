//! People and the front door, on both engines: records found again without twins, the network,
//! notes corrected by version, who may open a record and breaking the glass, the front door's
//! triage to an allocated Conversation 1, merging, and subject access.

use super::{add_user, ctx};
use chrono::{Duration, NaiveDate, Utc};
use hearth_domain::access::Role;
use hearth_domain::front_door::{Consent, ContactForm, ContactMethod, Filler, Knows, Triage, Urgency};
use hearth_domain::people::access::{Basis, Decision, decide};
use hearth_domain::people::codes::{EventOutcome, RequesterType};
use hearth_domain::people::conversations::{ConversationKind, OpenConversation};
use hearth_domain::people::matching::Identity;
use hearth_domain::people::network::{Authority, RelationshipKind};
use hearth_domain::people::notes::{NewNote, NoteKind};
use hearth_domain::people::record::{Address, PersonDetails};
use hearth_domain::people::tasks::NewTask;
use hearth_store::people::network::{NewRelation, NewRepresentative};
use hearth_store::people::search::PersonQuery;
use hearth_store::testing::TestDatabase;
use hearth_store::{Actor, AuditContext, AuditFilter, StoreError, UserId};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn person(given: &str, family: &str, born: NaiveDate) -> PersonDetails {
    PersonDetails {
        given_name: given.into(),
        family_name: family.into(),
        date_of_birth: Some(born),
        ..Default::default()
    }
}

fn as_user(id: &UserId) -> AuditContext {
    AuditContext { actor: Actor::User(id.clone()), client_addr: None, now: Utc::now() }
}

#[tokio::test]
async fn people_are_found_again_however_their_names_are_typed_and_twins_are_caught() {
    let db = TestDatabase::new().await;
    let address = Address { line_1: "4 Lantern Row".into(), postcode: Some("qw1 1aa".into()), ..Default::default() };
    let ada = db
        .store
        .people()
        .create_person(&ctx(), person("Margaret", "Kettlewell", day(1941, 3, 14)), Some(&address))
        .await
        .unwrap();
    db.store.people().create_person(&ctx(), person("Jack", "Nettleton", day(1938, 5, 2)), None).await.unwrap();
    db.store.people().create_person(&ctx(), person("Ruth", "Kettlewell", day(1968, 9, 2)), None).await.unwrap();
    assert_eq!(ada.postcode.as_deref(), Some("QW1 1AA"));

    let found = |name: &str| PersonQuery { name: Some(name.into()), ..Default::default() };
    for typed in [
        "kettlewell",
        "Peggy Kettlewell",
        "Margret Kettlewell",
        "kettle",
        "Margaret Ketelwell",
        "Mragaret Kettlewell",
        "marg kett",
    ] {
        let hits = db.store.people().search_people(&found(typed), 10).await.unwrap();
        assert!(hits.iter().any(|h| h.person.id == ada.id), "{typed} finds Margaret: {hits:?}");
    }
    // A date of birth puts the right Kettlewell first.
    let q =
        PersonQuery { name: Some("Kettlewell".into()), date_of_birth: Some(day(1941, 3, 14)), ..Default::default() };
    assert_eq!(db.store.people().search_people(&q, 10).await.unwrap()[0].person.id, ada.id);
    // Postcode alone.
    let q = PersonQuery { postcode: Some("QW1 1AA".into()), ..Default::default() };
    assert_eq!(db.store.people().search_people(&q, 10).await.unwrap().len(), 1);
    assert!(db.store.people().search_people(&found("Zebedee"), 10).await.unwrap().is_empty());

    // Creating Peggy Kettlewell born the same day warns of Margaret, and not of Ruth.
    let twins = db
        .store
        .people()
        .likely_duplicates(&Identity {
            given_name: "Peggy",
            family_name: "Kettlewell",
            date_of_birth: Some(day(1941, 3, 14)),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(twins.len(), 1);
    assert_eq!(twins[0].person.id, ada.id);
    assert!(twins[0].reasons.contains(&"the same date of birth"));

    // A record that cannot be true never reaches the table.
    let bad = PersonDetails { nhs_number: Some("943 476 5918".into()), ..person("A", "B", day(1950, 1, 1)) };
    assert!(
        matches!(db.store.people().create_person(&ctx(), bad, None).await, Err(StoreError::Refused(p)) if p.get("nhs_number").is_some())
    );
    db.cleanup().await;
}

#[tokio::test]
async fn the_network_notes_and_work_around_a_person() {
    let db = TestDatabase::new().await;
    let worker = add_user(&db.store, "worker@example.org", &[Role::Practitioner]).await;
    let me = as_user(&worker.id);
    let ada = db.store.people().create_person(&me, person("Ada", "Kettlewell", day(1941, 3, 14)), None).await.unwrap();
    let ruth = db.store.people().create_person(&me, person("Ruth", "Kettlewell", day(1968, 9, 2)), None).await.unwrap();

    // Ruth is Ada's daughter and main carer; on Ruth's record Ada shows as her parent.
    db.store
        .people()
        .add_relation(
            &me,
            &ada.id,
            &NewRelation {
                kind: Some(RelationshipKind::Child),
                other_person_id: Some(ruth.id.clone()),
                main_carer: true,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    db.store
        .people()
        .add_relation(
            &me,
            &ada.id,
            &NewRelation {
                kind: Some(RelationshipKind::Neighbour),
                name: "Sam next door".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let hers = db.store.people().relations(&ada.id).await.unwrap();
    assert_eq!(hers.len(), 2);
    assert!(hers[0].main_carer && hers[0].name == "Ruth Kettlewell");
    let ruths = db.store.people().relations(&ruth.id).await.unwrap();
    assert_eq!(ruths.len(), 1);
    assert_eq!(
        (ruths[0].kind, ruths[0].name.as_str(), ruths[0].from_other_record),
        (RelationshipKind::Parent, "Ada Kettlewell", true)
    );

    // A power of attorney counts once the document is seen.
    db.store
        .people()
        .add_representative(
            &me,
            &ada.id,
            &NewRepresentative {
                name: "Ruth Kettlewell".into(),
                authority: Some(Authority::LpaHealthAndWelfare),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    db.store
        .people()
        .add_representative(
            &me,
            &ada.id,
            &NewRepresentative {
                name: "Ruth Kettlewell".into(),
                authority: Some(Authority::LpaPropertyAndFinancial),
                document_seen_on: Some(Utc::now().date_naive()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let reps = db.store.people().representatives(&ada.id, Utc::now().date_naive()).await.unwrap();
    assert_eq!(reps.iter().map(|r| r.confirmed).collect::<Vec<_>>(), [false, true]);
    assert_eq!(reps[1].document_seen_by.as_deref(), Some(worker.id.as_str()));

    // One note about a family meeting, on both records; corrected, never silently changed.
    let note = db
        .store
        .people()
        .add_note(
            &me,
            &NewNote {
                kind: Some(NoteKind::Meeting),
                happened_at: Some(Utc::now()),
                body: "Family meeting: Ruth will visit on Tuesdays".into(),
                significant: true,
                people: vec![ada.id.clone(), ruth.id.clone()],
            },
        )
        .await
        .unwrap();
    assert_eq!(db.store.people().notes_for(&ruth.id, false, 1, 20).await.unwrap().1, 1);
    assert_eq!(db.store.people().notes_for(&ada.id, true, 1, 20).await.unwrap().1, 1, "significant");
    assert!(matches!(db.store.people().correct_note(&me, &note, 1, "Same?", "").await, Err(StoreError::Refused(_))));
    db.store
        .people()
        .correct_note(&me, &note, 1, "Family meeting: Ruth will visit on Wednesdays", "Ruth rang to correct the day")
        .await
        .unwrap();
    assert!(matches!(
        db.store.people().correct_note(&me, &note, 1, "Again", "Stale page").await,
        Err(StoreError::Stale)
    ));
    let versions = db.store.people().note_versions(&note).await.unwrap();
    assert_eq!(versions.len(), 2);
    assert!(versions[1].body.contains("Tuesdays"), "the first wording is kept");
    db.store.people().mark_note_in_error(&me, &note, "Written on the wrong record").await.unwrap();
    let n = db.store.people().note(&note).await.unwrap();
    assert!(n.entered_in_error && n.body.contains("Wednesdays"));

    // A crisis conversation holds back long-term support unless a manager says why.
    let crisis = OpenConversation {
        kind: Some(ConversationKind::Crisis),
        started_on: Some(Utc::now().date_naive()),
        what_matters: "Staying at home".into(),
        review_by: Some(Utc::now().date_naive() + Duration::days(14)),
        urgent_help: Some("Two calls a day for 14 days (s19(3))".into()),
    };
    db.store.people().open_conversation(&me, &ada.id, &crisis, Some(&worker.id), 42, None, false).await.unwrap();
    let good_life = OpenConversation {
        kind: Some(ConversationKind::GoodLife),
        review_by: None,
        urgent_help: None,
        ..crisis.clone()
    };
    let blocked = db.store.people().open_conversation(&me, &ada.id, &good_life, None, 42, None, false).await;
    assert!(
        matches!(blocked, Err(StoreError::Refused(p)) if p.get("override_reason").is_some_and(|m| m.contains("crisis")))
    );
    db.store
        .people()
        .open_conversation(&me, &ada.id, &good_life, None, 42, Some("Her husband will not come home"), true)
        .await
        .unwrap();
    let overrides = AuditFilter { action: Some("crisis-override".into()), ..Default::default() };
    assert_eq!(db.store.search_audit(&overrides, 1, 5).await.unwrap().total, 1);

    // A task gives its owner a legitimate relationship.
    let task = NewTask {
        title: "Ring Ruth about the key safe".into(),
        due_on: Some(Utc::now().date_naive()),
        owner: Some(worker.id.clone()),
    };
    let task_id = db.store.people().add_task(&me, &ruth.id, &task, None).await.unwrap();
    let asker = db.store.people().asker(&worker.id).await.unwrap();
    let facts = db.store.people().access_facts(&ruth.id, Utc::now()).await.unwrap();
    assert_eq!(decide(&asker, &facts, Utc::now()), Decision::Allowed(Basis::Task));
    db.store.people().complete_task(&me, &task_id).await.unwrap();
    let facts = db.store.people().access_facts(&ruth.id, Utc::now()).await.unwrap();
    assert_eq!(decide(&asker, &facts, Utc::now()), Decision::BreakGlassNeeded);
    db.store.verify_audit().await.unwrap();
    db.cleanup().await;
}

pub(crate) fn call_about_jack() -> ContactForm {
    ContactForm {
        for_self: Some(false),
        given_name: "Jack".into(),
        family_name: "Nettleton".into(),
        date_of_birth: Some(day(1938, 5, 2)),
        address: "9 Weaver Street, Wrenfield".into(),
        postcode: "QW1 2AB".into(),
        requester_name: "Ruth Nettleton".into(),
        requester_phone: "07700 900 982".into(),
        what_is_happening: "Mum is in hospital and Dad cannot manage alone".into(),
        urgency: Some(Urgency::Today),
        person_knows: Some(Knows::Yes),
        consent: Some(Consent::Agrees),
        method: Some(ContactMethod::Phone),
        requester_type: Some(RequesterType::FamilyFriendNeighbour),
        ..Default::default()
    }
}

#[tokio::test]
async fn a_call_is_triaged_to_an_allocated_first_conversation_and_access_follows_the_work() {
    let db = TestDatabase::new().await;
    let front = add_user(&db.store, "front@example.org", &[Role::Practitioner]).await;
    let worker = add_user(&db.store, "north@example.org", &[Role::Practitioner]).await;
    let stranger = add_user(&db.store, "south@example.org", &[Role::Practitioner]).await;
    let front_door = db.store.people().create_team(&ctx(), "Front door", true).await.unwrap();
    let north = db.store.people().create_team(&ctx(), "North locality", false).await.unwrap();
    let south = db.store.people().create_team(&ctx(), "South locality", false).await.unwrap();
    assert!(db.store.people().create_team(&ctx(), "north LOCALITY", false).await.is_err(), "names are unique");
    db.store.people().add_team_member(&ctx(), &front_door.id, &front.id).await.unwrap();
    db.store.people().add_team_member(&ctx(), &north.id, &worker.id).await.unwrap();
    db.store.people().add_team_member(&ctx(), &south.id, &stranger.id).await.unwrap();

    let me = as_user(&front.id);
    let contact = db.store.front_door().record_contact(&me, &call_about_jack(), Filler::Staff, None).await.unwrap();
    assert_eq!(db.store.front_door().new_contact_count().await.unwrap(), 1);
    // Allocation needs a person record: made from the contact, with nothing typed again.
    let triage = Triage {
        outcome: Some(EventOutcome::Assessment),
        team: Some(north.id.clone()),
        worker: Some(worker.id.clone()),
        ..Default::default()
    };
    assert!(
        matches!(db.store.front_door().triage_contact(&me, &contact.id, &triage, false).await, Err(StoreError::Refused(p)) if p.get("person").is_some())
    );
    let jack = db
        .store
        .people()
        .create_person(&me, contact.form.person_details(), contact.form.address().as_ref())
        .await
        .unwrap();
    assert_eq!(jack.postcode.as_deref(), Some("QW1 2AB"));
    db.store.front_door().link_contact(&me, &contact.id, &jack.id).await.unwrap();

    // An open contact opens the record to nobody: matching shows the front door only what
    // matching needs, and the record opens to the team it is allocated to.
    let now = Utc::now();
    let facts = db.store.people().access_facts(&jack.id, now).await.unwrap();
    assert_eq!(decide(&db.store.people().asker(&front.id).await.unwrap(), &facts, now), Decision::BreakGlassNeeded);
    assert_eq!(decide(&db.store.people().asker(&stranger.id).await.unwrap(), &facts, now), Decision::BreakGlassNeeded);

    // A worker outside the team cannot be allocated.
    let wrong = Triage { worker: Some(stranger.id.clone()), ..triage.clone() };
    assert!(db.store.front_door().triage_contact(&me, &contact.id, &wrong, false).await.is_err());
    let done = db.store.front_door().triage_contact(&me, &contact.id, &triage, false).await.unwrap();
    assert_eq!(done.status.key(), "allocated");
    assert!(matches!(
        db.store.front_door().triage_contact(&me, &contact.id, &triage, false).await,
        Err(StoreError::AlreadyDecided)
    ));
    let conversations = db.store.people().conversations(&jack.id).await.unwrap();
    assert_eq!(conversations.len(), 1);
    assert_eq!(
        (conversations[0].kind, conversations[0].worker_id.as_ref().map(UserId::as_str)),
        (ConversationKind::ListenAndConnect, Some(worker.id.as_str()))
    );
    assert_eq!(db.store.people().current_allocations(&worker.id).await.unwrap().len(), 1);

    let facts = db.store.people().access_facts(&jack.id, now).await.unwrap();
    assert_eq!(
        decide(&db.store.people().asker(&worker.id).await.unwrap(), &facts, now),
        Decision::Allowed(Basis::Allocated)
    );
    assert_eq!(decide(&db.store.people().asker(&front.id).await.unwrap(), &facts, now), Decision::BreakGlassNeeded);

    // Another call about Jack: the front door cannot move him from the North team's worker to
    // the South team (that is a team manager's decision); a manager can.
    let again = db.store.front_door().record_contact(&me, &call_about_jack(), Filler::Staff, None).await.unwrap();
    db.store.front_door().link_contact(&me, &again.id, &jack.id).await.unwrap();
    let to_south = Triage { team: Some(south.id.clone()), worker: None, ..triage.clone() };
    assert!(
        matches!(db.store.front_door().triage_contact(&me, &again.id, &to_south, false).await, Err(StoreError::Refused(p)) if p.get("team").is_some())
    );
    assert_eq!(
        db.store.people().current_allocations(&worker.id).await.unwrap().len(),
        1,
        "still with the North team's worker"
    );
    db.store.front_door().triage_contact(&me, &again.id, &to_south, true).await.unwrap();
    assert!(db.store.people().current_allocations(&worker.id).await.unwrap().is_empty());
    let facts = db.store.people().access_facts(&jack.id, now).await.unwrap();
    assert_eq!(
        decide(&db.store.people().asker(&stranger.id).await.unwrap(), &facts, now),
        Decision::Allowed(Basis::Team)
    );
    assert_eq!(decide(&db.store.people().asker(&worker.id).await.unwrap(), &facts, now), Decision::BreakGlassNeeded);

    // Restricted: even the allocated worker needs a grant; the stranger breaks the glass.
    let ig = add_user(&db.store, "ig@example.org", &[Role::InformationGovernanceLead]).await;
    db.store
        .people()
        .set_person_restricted(&as_user(&ig.id), &jack.id, true, Some("A member of staff's father"))
        .await
        .unwrap();
    let facts = db.store.people().access_facts(&jack.id, now).await.unwrap();
    assert_eq!(decide(&db.store.people().asker(&worker.id).await.unwrap(), &facts, now), Decision::BreakGlassNeeded);
    db.store.people().grant_access(&as_user(&ig.id), &jack.id, &worker.id, "Allocated worker", None).await.unwrap();
    assert!(
        db.store.people().break_glass(&as_user(&stranger.id), &jack.id, "because", 24).await.is_err(),
        "a real reason"
    );
    let grant = db
        .store
        .people()
        .break_glass(&as_user(&stranger.id), &jack.id, "Hospital rang at night about his care", 24)
        .await
        .unwrap();
    let facts = db.store.people().access_facts(&jack.id, now).await.unwrap();
    assert_eq!(
        decide(&db.store.people().asker(&worker.id).await.unwrap(), &facts, now),
        Decision::Allowed(Basis::Granted)
    );
    assert_eq!(
        decide(&db.store.people().asker(&stranger.id).await.unwrap(), &facts, now),
        Decision::Allowed(Basis::BrokeGlass)
    );
    let to_review = db.store.people().grants(None, true).await.unwrap();
    assert_eq!(to_review.len(), 1);
    assert!(
        db.store.people().review_break_glass(&as_user(&ig.id), &grant, false, "").await.is_err(),
        "say what was wrong"
    );
    db.store
        .people()
        .review_break_glass(&as_user(&ig.id), &grant, false, "Not their team: spoken to their manager")
        .await
        .unwrap();
    let facts = db.store.people().access_facts(&jack.id, now).await.unwrap();
    assert_eq!(
        decide(&db.store.people().asker(&stranger.id).await.unwrap(), &facts, now),
        Decision::BreakGlassNeeded,
        "revoked"
    );
    assert!(db.store.people().grants(None, true).await.unwrap().is_empty());

    // Every view is in the person's log with its basis.
    db.store.people().open_person(&as_user(&stranger.id), &jack.id, "break-glass", "overview").await.unwrap();
    let log = db.store.people().person_audit(std::slice::from_ref(&jack.id)).await.unwrap();
    let viewed = log.iter().find(|e| e.action == "person-viewed").unwrap();
    assert_eq!(
        (viewed.basis.as_deref(), viewed.actor_user_id.as_deref()),
        (Some("break-glass"), Some(stranger.id.as_str()))
    );
    assert!(log.iter().any(|e| e.action == "break-glass"));
    db.store.verify_audit().await.unwrap();
    db.cleanup().await;
}

#[tokio::test]
async fn twins_merge_into_one_record_and_subject_access_gathers_it_all() {
    let db = TestDatabase::new().await;
    let worker = add_user(&db.store, "worker@example.org", &[Role::Practitioner]).await;
    let me = as_user(&worker.id);
    let hilda =
        db.store.people().create_person(&me, person("Hilda", "Wainwright", day(1946, 1, 31)), None).await.unwrap();
    let mut twin_details = person("Hilda", "Wainright", day(1946, 1, 31));
    twin_details.nhs_number = Some("9434765919".into());
    let twin = db
        .store
        .people()
        .create_person(
            &me,
            twin_details,
            Some(&Address { line_1: "2 Mill Lane".into(), postcode: Some("QW1 3CD".into()), ..Default::default() }),
        )
        .await
        .unwrap();
    db.store
        .people()
        .add_note(
            &me,
            &NewNote {
                kind: Some(NoteKind::PhoneCall),
                happened_at: Some(Utc::now()),
                body: "Rang about her card".into(),
                significant: false,
                people: vec![twin.id.clone()],
            },
        )
        .await
        .unwrap();
    let other =
        db.store.people().create_person(&me, person("Harold", "Wainwright", day(1944, 2, 2)), None).await.unwrap();
    let mut other_nhs = person("Hilda", "Wainwright", day(1946, 1, 31));
    other_nhs.nhs_number = Some(hearth_domain::people::nhs_number::NhsNumber::for_testing(5).digits().to_owned());
    let different = db.store.people().create_person(&me, other_nhs, None).await.unwrap();
    assert!(
        db.store.people().merge_people(&me, &twin.id, &different.id, "Same name").await.is_err(),
        "different NHS numbers"
    );
    assert!(
        db.store.people().merge_people(&me, &hilda.id, &other.id, "Same surname").await.is_err(),
        "different birthdays"
    );

    db.store
        .people()
        .merge_people(&me, &hilda.id, &twin.id, "Same person: the second spelling was a typing slip")
        .await
        .unwrap();
    let (_, _, _, merged_into) = db.store.people().person_heading(&twin.id).await.unwrap();
    assert_eq!(merged_into.as_ref(), Some(&hilda.id));
    let kept = db.store.people().open_person(&me, &hilda.id, "allocated", "overview").await.unwrap();
    assert_eq!(kept.details.nhs_number.as_deref(), Some("9434765919"), "the kept record takes what only the twin knew");
    assert_eq!(kept.postcode.as_deref(), Some("QW1 3CD"));
    assert_eq!(db.store.people().notes_for(&hilda.id, false, 1, 20).await.unwrap().1, 1);
    let q = PersonQuery { name: Some("Wainright".into()), ..Default::default() };
    assert!(
        db.store.people().search_people(&q, 10).await.unwrap().iter().all(|h| h.person.id != twin.id),
        "merged records are not found"
    );

    // Scenario 16: a request received on 10 May 2025, identity confirmed the same day.
    let ig = add_user(&db.store, "ig@example.org", &[Role::InformationGovernanceLead]).await;
    let ig_ctx = AuditContext {
        actor: Actor::User(ig.id.clone()),
        client_addr: None,
        now: day(2025, 5, 20).and_hms_opt(10, 0, 0).unwrap().and_utc(),
    };
    let sar = db
        .store
        .people()
        .record_subject_access(&ig_ctx, &hilda.id, day(2025, 5, 10), Some(day(2025, 5, 10)), None)
        .await
        .unwrap();
    assert_eq!(sar.due_on, day(2025, 6, 10));
    assert_eq!(
        db.store.people().extend_subject_access(&ig_ctx, &sar.id, "Ten years of records").await.unwrap(),
        day(2025, 8, 11)
    );
    assert!(db.store.people().extend_subject_access(&ig_ctx, &sar.id, "Again").await.is_err());
    let export = db.store.people().subject_access_export(&as_user(&ig.id), &hilda.id).await.unwrap();
    assert_eq!(export.notes.len(), 1);
    assert!(export.access_log.iter().any(|e| e.action == "person-viewed"));
    assert!(
        export
            .access_log
            .iter()
            .any(|e| e.action == "person-merged" && e.person_id.as_deref() == Some(twin.id.as_str())),
        "the twin's history is included"
    );
    assert!(export.access_log.iter().any(|e| e.action == "subject-access-export"));
    db.store.people().complete_subject_access(&ig_ctx, &sar.id).await.unwrap();
    assert!(db.store.people().subject_access_requests(None).await.unwrap().is_empty());
    db.store.verify_audit().await.unwrap();
    db.cleanup().await;
}

#[tokio::test]
async fn drafts_and_held_forms_keep_what_was_typed() {
    let db = TestDatabase::new().await;
    let worker = add_user(&db.store, "worker@example.org", &[Role::Practitioner]).await;
    let now = Utc::now();
    let fields = vec![("body".to_owned(), "Visited; Ada was".to_owned())];
    db.store.people().save_draft(&worker.id, "note:p1", &fields, now).await.unwrap();
    db.store.people().save_draft(&worker.id, "note:p1", &fields, now).await.unwrap();
    assert_eq!(db.store.people().draft(&worker.id, "note:p1").await.unwrap().unwrap().fields, fields);
    db.store.people().discard_draft(&worker.id, "note:p1").await.unwrap();
    assert!(db.store.people().draft(&worker.id, "note:p1").await.unwrap().is_none());

    db.store
        .people()
        .hold_submission("token-1", Some(&worker.id), "/people/p1/notes", "body=Visited", now)
        .await
        .unwrap();
    assert!(
        db.store.people().take_held_submission("token-1", &UserId::from("someone-else"), now).await.unwrap().is_none()
    );
    assert_eq!(
        db.store.people().take_held_submission("token-1", &worker.id, now).await.unwrap(),
        Some(("/people/p1/notes".into(), "body=Visited".into()))
    );
    assert!(
        db.store.people().take_held_submission("token-1", &worker.id, now).await.unwrap().is_none(),
        "given back once"
    );
    db.store.people().hold_submission("token-2", None, "/x", "a=1", now).await.unwrap();
    assert_eq!(db.store.people().purge_held_submissions(now + Duration::hours(13)).await.unwrap(), 1);
    db.cleanup().await;
}

/// What is wrong with the declaration of what belongs to a person, against the live schema.
async fn undeclared_person_columns(store: &hearth_store::Store) -> Vec<String> {
    use hearth_store::people::belongs::{NOT_PART_OF_THE_RECORD, PersonTable};
    let declared: Vec<(&str, &str)> =
        PersonTable::ALL.iter().flat_map(|t| t.columns().iter().map(move |c| (t.table(), c.column))).collect();
    let found = store.people().person_columns_in_schema().await.unwrap();
    let mut problems = Vec::new();
    for c in &found {
        let here = (c.table_name.as_str(), c.column_name.as_str());
        let excused = NOT_PART_OF_THE_RECORD.iter().any(|(t, col, _)| (*t, *col) == here);
        if !declared.contains(&here) && !excused {
            problems.push(format!("{}.{} names a person but is not in PersonTable", c.table_name, c.column_name));
        }
    }
    for (table, column) in declared {
        match found.iter().find(|c| c.table_name == table && c.column_name == column) {
            None => problems.push(format!("{table}.{column} is declared but not in the database")),
            Some(c) if !c.has_key => problems.push(format!("{table}.{column} has no foreign key to person")),
            Some(_) => {}
        }
    }
    problems
}

#[tokio::test]
async fn every_table_that_names_a_person_is_declared_once_with_a_foreign_key() {
    let db = TestDatabase::new().await;
    assert_eq!(undeclared_person_columns(&db.store).await, Vec::<String>::new());
    // A new table with a person's id, not declared, is caught (so merge, subject access and
    // erasure cannot miss it).
    db.execute_as_dba("CREATE TABLE safeguarding_trial (id VARCHAR PRIMARY KEY, person_id VARCHAR)").await;
    assert_eq!(
        undeclared_person_columns(&db.store).await,
        vec!["safeguarding_trial.person_id names a person but is not in PersonTable".to_owned()]
    );
    // The database itself refuses a row that points at nobody.
    use sea_orm::ConnectionTrait;
    let orphan = db
        .store
        .connection()
        .execute_unprepared(
            "INSERT INTO person_warning (id, person_id, kind, details, starts_on, review_by, created_at) \
             VALUES ('w1', 'nobody', 'other', 'x', '2026-01-01', '2027-01-01', '2026-01-01T00:00:00Z')",
        )
        .await;
    assert!(orphan.is_err(), "a foreign key keeps every row pointing at a person");
    db.cleanup().await;
}
