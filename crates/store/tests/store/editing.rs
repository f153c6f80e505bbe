//! Keeping the directory true: a provider's edit waits for an editor; approval publishes it with
//! HSDS metadata and the assured date; review-due lists and reminders follow the council's periods.

use super::directory::service;
use super::{add_user, ctx};
use chrono::{Duration, Months, Utc};
use hearth_domain::access::Role;
use hearth_domain::directory::review::{ReviewPolicy, ReviewState};
use hearth_store::directory::search::ServiceFilter;
use hearth_store::testing::TestDatabase;
use hearth_store::{AuditContext, AuditFilter, ServiceId, StoreError};

const ID: &str = "5b0c1a52-3c0e-4a43-8f0c-1f6a2b7d9e01";

async fn finds(db: &TestDatabase, words: &str) -> usize {
    let filter = ServiceFilter { words: Some(words.into()), public_only: true, ..Default::default() };
    db.store.directory().search_services(&filter, 1, 20).await.unwrap().total as usize
}

#[tokio::test]
async fn a_providers_edit_waits_for_approval_and_is_then_published_with_metadata() {
    let db = TestDatabase::new().await;
    let provider = add_user(&db.store, "provider@example.org", &[Role::ProviderEditor]).await;
    let editor = add_user(&db.store, "editor@example.org", &[Role::DirectoryEditor]).await;
    db.store.directory().save_service(&ctx(), &service(ID, "Carers' café", 1)).await.unwrap();

    let mut edited = db.store.directory().service(&ServiceId::from(ID)).await.unwrap().unwrap();
    edited.description = Some("Tea, cake and a knitting circle.".into());
    edited.email = Some("cafe@example.org".into());
    let change = db.store.directory().propose_change(&ctx(), &edited, &provider.id, None).await.unwrap();

    // The public still sees the approved version.
    let public = db.store.directory().service(&ServiceId::from(ID)).await.unwrap().unwrap();
    assert_eq!(public.description.as_deref(), Some("Somewhere to talk over a cup of tea."));
    assert_eq!(finds(&db, "knitting").await, 0);

    let pending = db.store.directory().pending_changes().await.unwrap();
    assert_eq!(pending.len(), 1);
    let fields: Vec<_> = pending[0].changes.iter().map(|c| c.field.as_str()).collect();
    assert_eq!(fields, ["description", "email"]);
    assert_eq!(pending[0].changes[0].before.as_deref(), Some("Somewhere to talk over a cup of tea."));

    db.store.directory().approve_change(&ctx(), &change, &editor.id, "editor@example.org").await.unwrap();
    let published = db.store.directory().service(&ServiceId::from(ID)).await.unwrap().unwrap();
    assert_eq!(published.description.as_deref(), Some("Tea, cake and a knitting circle."));
    assert_eq!(published.assurer_email.as_deref(), Some("editor@example.org"));
    assert_eq!(published.assured_date, Some(Utc::now().format("%Y-%m-%d").to_string()));
    let meta = published.metadata.iter().find(|m| m.field_name == "description").unwrap();
    assert_eq!(meta.previous_value, "Somewhere to talk over a cup of tea.");
    assert_eq!(meta.replacement_value, "Tea, cake and a knitting circle.");
    assert_eq!((meta.last_action_type.as_str(), meta.updated_by.as_str()), ("update", "editor@example.org"));
    assert_eq!(finds(&db, "knitting").await, 1, "the search index follows the approved version");
    assert!(db.store.directory().pending_changes().await.unwrap().is_empty());

    // Deciding twice is refused, and the decision is in the audit log.
    let again = db.store.directory().approve_change(&ctx(), &change, &editor.id, "editor@example.org").await;
    assert!(matches!(again, Err(StoreError::AlreadyDecided)));
    let audit = db
        .store
        .search_audit(&AuditFilter { action: Some("directory-change-approved".into()), ..Default::default() }, 1, 10)
        .await
        .unwrap();
    assert_eq!(audit.total, 1);
    db.cleanup().await;
}

#[tokio::test]
async fn a_rejected_edit_changes_nothing_and_the_provider_sees_why() {
    let db = TestDatabase::new().await;
    let provider = add_user(&db.store, "provider@example.org", &[Role::ProviderEditor]).await;
    let editor = add_user(&db.store, "editor@example.org", &[Role::DirectoryEditor]).await;
    db.store.directory().save_service(&ctx(), &service(ID, "Carers' café", 1)).await.unwrap();
    let mut edited = db.store.directory().service(&ServiceId::from(ID)).await.unwrap().unwrap();
    edited.name = "Carers café (free cake)".into();
    let first = db.store.directory().propose_change(&ctx(), &edited, &provider.id, None).await.unwrap();
    edited.name = "Carers' café and cake".into();
    let second = db.store.directory().propose_change(&ctx(), &edited, &provider.id, None).await.unwrap();
    let pending = db.store.directory().pending_changes().await.unwrap();
    assert_eq!(pending.len(), 1, "a newer proposal replaces the pending one");
    assert_eq!(pending[0].id, second);
    assert_eq!(db.store.directory().proposed_change(&first).await.unwrap().unwrap().status.key(), "superseded");

    db.store
        .directory()
        .reject_change(&ctx(), &second, &editor.id, "Please keep the name the charity uses.")
        .await
        .unwrap();
    assert_eq!(db.store.directory().service(&ServiceId::from(ID)).await.unwrap().unwrap().name, "Carers' café");
    let mine = db.store.directory().changes_proposed_by(&provider.id).await.unwrap();
    let rejected = mine.iter().find(|c| c.id == second).unwrap();
    assert_eq!(rejected.status.key(), "rejected");
    assert_eq!(rejected.decision_reason.as_deref(), Some("Please keep the name the charity uses."));
    db.cleanup().await;
}

#[tokio::test]
async fn an_editors_own_edit_is_published_at_once_and_providers_are_tied_to_organisations() {
    let db = TestDatabase::new().await;
    let provider = add_user(&db.store, "provider@example.org", &[Role::ProviderEditor]).await;
    db.store.directory().save_service(&ctx(), &service(ID, "Carers' café", 1)).await.unwrap();
    let mut edited = db.store.directory().service(&ServiceId::from(ID)).await.unwrap().unwrap();
    edited.fees_description = Some("Free".into());
    let changed = db.store.directory().publish_edit(&ctx(), &edited, "editor@example.org", None).await.unwrap();
    assert_eq!(changed, 1);
    let published = db.store.directory().service(&ServiceId::from(ID)).await.unwrap().unwrap();
    assert_eq!(published.fees_description.as_deref(), Some("Free"));
    assert_eq!(published.metadata.len(), 1);

    assert!(db.store.directory().editor_organizations(&provider.id).await.unwrap().is_empty());
    let org = published.organization_id.clone().unwrap();
    db.store
        .directory()
        .set_editor_organizations(&ctx(), &provider.id, std::slice::from_ref(&org), None)
        .await
        .unwrap();
    assert_eq!(db.store.directory().editor_organizations(&provider.id).await.unwrap(), [org]);
    db.cleanup().await;
}

#[tokio::test]
async fn services_fall_due_for_review_and_providers_are_reminded_once_per_interval() {
    let db = TestDatabase::new().await;
    let now = Utc::now();
    let checked =
        |months: u32| Some(now.checked_sub_months(Months::new(months)).unwrap().format("%Y-%m-%d").to_string());
    let ids = [
        "5b0c1a52-3c0e-4a43-8f0c-1f6a2b7d9e11",
        "5b0c1a52-3c0e-4a43-8f0c-1f6a2b7d9e12",
        "5b0c1a52-3c0e-4a43-8f0c-1f6a2b7d9e13",
        "5b0c1a52-3c0e-4a43-8f0c-1f6a2b7d9e14",
    ];
    for (id, name, months, email) in [
        (ids[0], "Fresh lunch club", 1, Some("lunch@example.org")),
        (ids[1], "Due walking group", 4, Some("walks@example.org")),
        (ids[2], "Old memory café", 13, Some("memory@example.org")),
        (ids[3], "Due quiet group", 5, None),
    ] {
        let mut s = service(id, name, 1);
        // Each its own place (the helper's place ids are fixed).
        s.service_at_locations[0].id = format!("a{}", &id[1..]).into();
        s.service_at_locations[0].location.as_mut().unwrap().id = format!("b{}", &id[1..]);
        s.assured_date = checked(months);
        s.email = email.map(str::to_owned);
        s.organization = None;
        db.store.directory().save_service(&ctx(), &s).await.unwrap();
    }
    let due = db.store.directory().services_due_review(now, 50).await.unwrap();
    let mut names: Vec<_> = due.iter().map(|d| (d.name.as_str(), d.state)).collect();
    names.sort();
    assert_eq!(
        names,
        [
            ("Due quiet group", ReviewState::Due),
            ("Due walking group", ReviewState::Due),
            ("Old memory café", ReviewState::LongOverdue)
        ]
    );

    let remind: Vec<_> = db.store.directory().reminders_due(now, 50).await.unwrap().into_iter().map(|d| d.id).collect();
    assert_eq!(remind.len(), 2, "the quiet group has no address to remind");
    for id in &remind {
        db.store.directory().mark_reminded(&AuditContext { now, ..ctx() }, id).await.unwrap();
    }
    assert!(db.store.directory().reminders_due(now + Duration::days(10), 50).await.unwrap().is_empty());
    assert_eq!(db.store.directory().reminders_due(now + Duration::days(31), 50).await.unwrap().len(), 2);

    // The council can change the periods: with six months, only the old café is due.
    let policy = ReviewPolicy { due_after_months: 6, flag_after_months: 12, remind_every_days: 7 };
    db.store.directory().set_review_policy(&ctx(), policy, None).await.unwrap();
    assert_eq!(db.store.directory().review_policy().await.unwrap(), policy);
    let due = db.store.directory().services_due_review(now, 50).await.unwrap();
    assert_eq!(due.iter().map(|d| d.name.as_str()).collect::<Vec<_>>(), ["Old memory café"]);
    db.cleanup().await;
}

#[tokio::test]
async fn cached_public_searches_never_outlive_a_change_to_the_directory() {
    let db = TestDatabase::new().await;
    db.store.directory().save_service(&ctx(), &service(ID, "Carers' café", 1)).await.unwrap();
    assert_eq!(finds(&db, "café").await, 1);
    assert_eq!(finds(&db, "café").await, 1, "asked again, now with a result kept");
    let mut renamed = db.store.directory().service(&ServiceId::from(ID)).await.unwrap().unwrap();
    renamed.name = "Carers' lunch".into();
    db.store.directory().save_service(&ctx(), &renamed).await.unwrap();
    assert_eq!(finds(&db, "café").await, 0);
    db.store.directory().set_synonym(&ctx(), "café", "lunch").await.unwrap();
    assert_eq!(finds(&db, "café").await, 1, "a new synonym is a change too");
    assert!(db.store.directory().delete_service(&ctx(), &ServiceId::from(ID), "closed").await.unwrap());
    assert_eq!(finds(&db, "café").await, 0);
    db.cleanup().await;
}

#[tokio::test]
async fn a_providers_parts_build_on_their_pending_change_until_they_withdraw_it() {
    let db = TestDatabase::new().await;
    let provider = add_user(&db.store, "provider@example.org", &[Role::ProviderEditor]).await;
    db.store.directory().save_service(&ctx(), &service(ID, "Carers' café", 1)).await.unwrap();
    let copy = db.store.directory().working_copy(&ServiceId::from(ID)).await.unwrap().unwrap();
    assert!(copy.pending.is_none());
    assert_eq!(Some(&copy.service), copy.published.as_ref());

    let mut edited = copy.service.clone();
    edited.description = Some("Tea and cake.".into());
    let first = db.store.directory().propose_change(&ctx(), &edited, &provider.id, None).await.unwrap();
    let copy = db.store.directory().working_copy(&ServiceId::from(ID)).await.unwrap().unwrap();
    assert_eq!(copy.pending.as_ref().map(|p| p.id.as_str()), Some(first.as_str()));
    assert_eq!(copy.service.description.as_deref(), Some("Tea and cake."), "the next part starts from the proposal");
    let mut more = copy.service.clone();
    more.email = Some("cafe@example.org".into());
    let second = db.store.directory().propose_change(&ctx(), &more, &provider.id, None).await.unwrap();
    let copy = db.store.directory().working_copy(&ServiceId::from(ID)).await.unwrap().unwrap();
    let fields: Vec<_> = copy.changes().into_iter().map(|c| c.field).collect();
    assert_eq!(fields, ["description", "email"], "both parts are in the one change");

    db.store.directory().withdraw_change(&ctx(), &second).await.unwrap();
    let copy = db.store.directory().working_copy(&ServiceId::from(ID)).await.unwrap().unwrap();
    assert!(copy.pending.is_none());
    assert_eq!(copy.service.description.as_deref(), Some("Somewhere to talk over a cup of tea."));
    assert!(matches!(db.store.directory().withdraw_change(&ctx(), &second).await, Err(StoreError::AlreadyDecided)));
    assert_eq!(db.store.directory().proposed_change(&second).await.unwrap().unwrap().status.key(), "withdrawn");

    // A new service proposed by a provider exists only as its proposal.
    let new_id = "5b0c1a52-3c0e-4a43-8f0c-1f6a2b7d9e99";
    let mut brand_new = service(new_id, "Knit and natter", 0);
    brand_new.organization = None;
    db.store.directory().propose_change(&ctx(), &brand_new, &provider.id, None).await.unwrap();
    let copy = db.store.directory().working_copy(&ServiceId::from(new_id)).await.unwrap().unwrap();
    assert!(copy.published.is_none());
    assert_eq!(copy.service.name, "Knit and natter");
    assert!(db.store.directory().service(&ServiceId::from(new_id)).await.unwrap().is_none());
    assert!(
        db.store
            .directory()
            .working_copy(&ServiceId::from("5b0c1a52-3c0e-4a43-8f0c-1f6a2b7d9e98"))
            .await
            .unwrap()
            .is_none()
    );
    db.cleanup().await;
}

#[tokio::test]
async fn an_organisation_is_saved_with_every_copy_its_services_publish() {
    let db = TestDatabase::new().await;
    let mut s = service(ID, "Carers' café", 1);
    let org_id = s.organization.as_ref().unwrap().id.clone();
    db.store.directory().save_service(&ctx(), &s).await.unwrap();
    s.id = "5b0c1a52-3c0e-4a43-8f0c-1f6a2b7d9e02".into();
    s.service_at_locations.clear();
    db.store.directory().save_service(&ctx(), &s).await.unwrap();

    let mut org = db.store.directory().organization(&org_id).await.unwrap().unwrap();
    org.name = "Wrenfield Carers Together".into();
    org.website = Some("https://carers.example".into());
    db.store.directory().save_organization(&ctx(), &org, None).await.unwrap();
    for id in [ID, s.id.as_str()] {
        let published = db.store.directory().service(&ServiceId::from(id)).await.unwrap().unwrap();
        assert_eq!(published.organization.unwrap().name, "Wrenfield Carers Together");
    }
    let counted = db.store.directory().organizations_with_counts().await.unwrap();
    assert_eq!(counted.len(), 1);
    assert_eq!((counted[0].0.name.as_str(), counted[0].1), ("Wrenfield Carers Together", 2));
    let audit = db
        .store
        .search_audit(
            &AuditFilter { action: Some("directory-organisation-edited".into()), ..Default::default() },
            1,
            10,
        )
        .await
        .unwrap();
    assert_eq!(audit.total, 1);
    let details: serde_json::Value = serde_json::from_str(&audit.rows[0].details).unwrap();
    assert_eq!(details["fields"], serde_json::json!(["name", "website"]));
    db.cleanup().await;
}
