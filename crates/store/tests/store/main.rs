//! The storage story: one suite that runs on SQLite by default and on PostgreSQL when
//! `TEST_DATABASE_URL` is set (atuin's approach).

use chrono::{Duration, Utc};
use hearth_domain::access::Role;
use hearth_domain::email::EmailAddress;
use hearth_domain::password::NewPassword;
use hearth_domain::sign_in::{LockoutPolicy, SessionPolicy};
use hearth_store::testing::TestDatabase;
use hearth_store::{
    Actor, AuditContext, AuditFilter, Engine, JobOutcome, NewUser, ServiceId, SignedOutBecause, Store, StoreError,
};

fn ctx() -> AuditContext {
    AuditContext { actor: Actor::CommandLine, client_addr: Some("203.0.113.5".into()), now: Utc::now() }
}

async fn add_user(store: &Store, email: &str, roles: &[Role]) -> hearth_store::User {
    store
        .accounts()
        .create_user(
            &ctx(),
            NewUser {
                email: EmailAddress::parse(email).unwrap(),
                name: "Test Person".into(),
                roles: roles.to_vec(),
                password_hash: Some(NewPassword::parse("a long test password").unwrap().hash()),
                oidc_subject: None,
                demo: false,
            },
        )
        .await
        .unwrap()
}

/// Alters one audit row directly, as a database administrator could after removing the
/// append-only guard.
async fn tamper(db: &TestDatabase, seq: i64) {
    match db.engine() {
        Engine::Sqlite => db.execute_as_dba("DROP TRIGGER audit_event_no_update").await,
        Engine::Postgres => db.execute_as_dba("ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only").await,
    }
    db.execute_as_dba(&format!("UPDATE audit_event SET reason = 'edited' WHERE seq = {seq}")).await;
}

#[tokio::test]
async fn migrating_twice_changes_nothing() {
    let db = TestDatabase::new().await;
    db.store.migrate(&db.url).await.unwrap();
    db.store.ping().await.unwrap();
    assert!(db.store.is_empty().await.unwrap());
    db.cleanup().await;
}

#[tokio::test]
async fn accounts_roles_and_their_audit_trail() {
    let db = TestDatabase::new().await;
    let store = &db.store;
    let user = add_user(store, "Sam@Example.org", &[Role::Practitioner, Role::TeamManager]).await;
    assert_eq!(user.email, "sam@example.org");
    assert_eq!(user.roles, vec![Role::Practitioner, Role::TeamManager]);

    let again = store
        .accounts()
        .create_user(
            &ctx(),
            NewUser {
                email: EmailAddress::parse("sam@example.org").unwrap(),
                name: "Twin".into(),
                roles: vec![],
                password_hash: None,
                oidc_subject: None,
                demo: false,
            },
        )
        .await;
    assert!(matches!(again, Err(StoreError::EmailTaken)), "{again:?}");

    let changed = store.accounts().set_roles(&ctx(), &user.id, &[Role::Administrator], None).await.unwrap();
    assert_eq!(changed.roles, vec![Role::Administrator]);

    let filter = AuditFilter { record_id: Some(user.id.to_string()), ..Default::default() };
    let page = store.search_audit(&filter, 1, 50).await.unwrap();
    let actions: Vec<_> = page.rows.iter().rev().map(|r| r.action.as_str()).collect();
    assert_eq!(
        actions,
        ["user-created", "role-granted", "role-granted", "role-granted", "role-removed", "role-removed"]
    );
    assert!(
        page.rows.iter().all(|r| r.actor_kind == "command-line" && r.client_addr.as_deref() == Some("203.0.113.5"))
    );

    store.accounts().set_active(&ctx(), &user.id, false).await.unwrap();
    assert!(!store.accounts().user(&user.id).await.unwrap().unwrap().active);
    assert_eq!(store.verify_audit().await.unwrap(), page.total + 1);
    db.cleanup().await;
}

#[tokio::test]
async fn sessions_time_out_and_sign_out_forgets_them() {
    let db = TestDatabase::new().await;
    let store = &db.store;
    let policy = SessionPolicy::default();
    let user = add_user(store, "jo@example.org", &[Role::Practitioner]).await;
    let start = Utc::now();
    let at = |min: i64| AuditContext { now: start + Duration::minutes(min), ..ctx() };

    let first = store.accounts().start_session(&at(0), &user.id, "password", &policy).await.unwrap();
    let found = store.accounts().session(&first.token, start + Duration::minutes(29), &policy).await.unwrap().unwrap();
    assert_eq!(found.user.id, user.id);
    assert_eq!(found.form_token, first.form_token);
    // Activity at minute 29 keeps it alive until minute 59.
    assert!(store.accounts().session(&first.token, start + Duration::minutes(58), &policy).await.unwrap().is_ok());
    assert_eq!(
        store.accounts().session(&first.token, start + Duration::minutes(90), &policy).await.unwrap().unwrap_err(),
        SignedOutBecause::Idle
    );
    // Gone for good, not just refused.
    assert_eq!(
        store.accounts().session(&first.token, start, &policy).await.unwrap().unwrap_err(),
        SignedOutBecause::Unknown
    );

    let second = store.accounts().start_session(&at(0), &user.id, "password", &policy).await.unwrap();
    assert_ne!(second.token, first.token);
    let mut minute = 0;
    while minute < 12 * 60 - 20 {
        minute += 20;
        assert!(
            store.accounts().session(&second.token, start + Duration::minutes(minute), &policy).await.unwrap().is_ok()
        );
    }
    assert_eq!(
        store
            .accounts()
            .session(&second.token, start + Duration::minutes(12 * 60), &policy)
            .await
            .unwrap()
            .unwrap_err(),
        SignedOutBecause::TooLong
    );

    let third = store.accounts().start_session(&at(0), &user.id, "password", &policy).await.unwrap();
    store.accounts().end_session(&at(1), &third.token).await.unwrap();
    assert_eq!(
        store.accounts().session(&third.token, start, &policy).await.unwrap().unwrap_err(),
        SignedOutBecause::Unknown
    );

    // Changing someone's roles ends their sessions, so the change applies at once.
    let fourth = store.accounts().start_session(&at(0), &user.id, "password", &policy).await.unwrap();
    store.accounts().set_roles(&ctx(), &user.id, &[Role::FinanceOfficer], None).await.unwrap();
    assert!(store.accounts().session(&fourth.token, start, &policy).await.unwrap().is_err());
    db.cleanup().await;
}

#[tokio::test]
async fn five_failures_lock_an_account_and_it_is_recorded() {
    let db = TestDatabase::new().await;
    let store = &db.store;
    let policy = LockoutPolicy::default();
    let user = add_user(store, "lee@example.org", &[Role::Practitioner]).await;
    for attempt in 1..=5 {
        let locked = store
            .accounts()
            .record_failed_sign_in(&ctx(), &user.email, Some(&user.id), "wrong-password", &policy)
            .await
            .unwrap();
        assert_eq!(locked, attempt == 5, "attempt {attempt}");
    }
    let user = store.accounts().user(&user.id).await.unwrap().unwrap();
    assert!(user.lock().is_locked(Utc::now()));
    assert!(user.lock().is_locked(Utc::now() + Duration::minutes(14)));
    assert!(!user.lock().is_locked(Utc::now() + Duration::minutes(16)));

    let locked = store
        .search_audit(&AuditFilter { action: Some("account-locked".into()), ..Default::default() }, 1, 10)
        .await
        .unwrap();
    assert_eq!(locked.total, 1);
    let failed = store
        .search_audit(&AuditFilter { action: Some("sign-in-failed".into()), ..Default::default() }, 1, 10)
        .await
        .unwrap();
    assert_eq!(failed.total, 5);

    // Unknown addresses are counted too, so they can "lock" without revealing anything.
    let ghost = EmailAddress::parse("nobody@example.org").unwrap();
    store.accounts().record_failed_sign_in(&ctx(), ghost.as_str(), None, "unknown-email", &policy).await.unwrap();
    assert_eq!(store.accounts().failed_sign_ins_for(&ghost, Utc::now() - Duration::minutes(1)).await.unwrap(), 1);
    assert_eq!(store.accounts().sign_ins_from("203.0.113.5", Utc::now() - Duration::minutes(1)).await.unwrap(), 6);

    store.accounts().unlock_user(&ctx(), &user.id).await.unwrap();
    assert!(!store.accounts().user(&user.id).await.unwrap().unwrap().lock().is_locked(Utc::now()));
    db.cleanup().await;
}

#[tokio::test]
async fn the_audit_log_refuses_changes_and_verify_finds_tampering() {
    let db = TestDatabase::new().await;
    let store = &db.store;
    for i in 0..4 {
        add_user(store, &format!("p{i}@example.org"), &[Role::Practitioner]).await;
    }
    let total = store.verify_audit().await.unwrap();
    assert_eq!(total, 8);

    // The database itself refuses to alter or remove events.
    use sea_orm::ConnectionTrait;
    assert!(store.connection().execute_unprepared("UPDATE audit_event SET action = 'x' WHERE seq = 3").await.is_err());
    assert!(store.connection().execute_unprepared("DELETE FROM audit_event WHERE seq = 3").await.is_err());
    assert_eq!(store.verify_audit().await.unwrap(), 8);

    tamper(&db, 3).await;
    let err = store.verify_audit().await.unwrap_err();
    assert_eq!(
        err.to_string(),
        "the audit log is broken: audit event 3 has been altered (its contents no longer match its hash)"
    );
    db.cleanup().await;
}

#[tokio::test]
async fn removing_an_audit_row_is_found() {
    let db = TestDatabase::new().await;
    add_user(&db.store, "a@example.org", &[Role::Practitioner]).await;
    match db.engine() {
        Engine::Sqlite => db.execute_as_dba("DROP TRIGGER audit_event_no_delete").await,
        Engine::Postgres => db.execute_as_dba("ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only").await,
    }
    db.execute_as_dba("DELETE FROM audit_event WHERE seq = 1").await;
    let err = db.store.verify_audit().await.unwrap_err().to_string();
    assert!(err.contains("audit event 1 is missing"), "{err}");
    db.execute_as_dba("DELETE FROM audit_event").await;
    let err = db.store.verify_audit().await.unwrap_err().to_string();
    assert!(err.contains("the last 2 audit event(s)"), "{err}");
    db.cleanup().await;
}

#[tokio::test]
async fn concurrent_audit_appends_form_one_chain() {
    let db = TestDatabase::new().await;
    let mut tasks = Vec::new();
    for i in 0..8 {
        let store = db.store.clone();
        tasks.push(tokio::spawn(async move {
            for j in 0..5 {
                store
                    .audit(&ctx(), hearth_store::AuditEntry::new("test-event").record("test", format!("{i}-{j}")))
                    .await
                    .unwrap();
            }
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    assert_eq!(db.store.verify_audit().await.unwrap(), 40);
    db.cleanup().await;
}

#[tokio::test]
async fn each_job_runs_once_whichever_node_claims_it() {
    let db = TestDatabase::new().await;
    let now = Utc::now();
    for i in 0..30 {
        assert!(db.store.jobs().enqueue_job("test", serde_json::json!({"n": i}), now, None, now).await.unwrap());
    }
    // The same unique key is only ever queued once.
    assert!(
        db.store
            .jobs()
            .enqueue_job("nightly", serde_json::json!({}), now, Some("nightly:2026-11-22".into()), now)
            .await
            .unwrap()
    );
    assert!(
        !db.store
            .jobs()
            .enqueue_job("nightly", serde_json::json!({}), now, Some("nightly:2026-11-22".into()), now)
            .await
            .unwrap()
    );

    let mut nodes = Vec::new();
    for node in 0..4 {
        let store = db.store.clone();
        nodes.push(tokio::spawn(async move {
            let name = format!("node-{node}");
            let mut ran = Vec::new();
            while let Some(job) = store.jobs().claim_job(&name, Utc::now(), Duration::minutes(5)).await.unwrap() {
                ran.push(job.id);
                store.jobs().finish_job(&job, &name, JobOutcome::Done, Utc::now()).await.unwrap();
            }
            ran
        }));
    }
    let mut all = Vec::new();
    for n in nodes {
        all.extend(n.await.unwrap());
    }
    all.sort_unstable();
    let before = all.len();
    all.dedup();
    assert_eq!(before, 31, "every job ran");
    assert_eq!(all.len(), 31, "no job ran twice");
    assert_eq!(db.store.jobs().job_counts().await.unwrap(), vec![("done".to_owned(), 31)]);
    db.cleanup().await;
}

#[tokio::test]
async fn a_failed_job_is_retried_later_and_an_abandoned_one_is_reclaimed() {
    let db = TestDatabase::new().await;
    let now = Utc::now();
    db.store.jobs().enqueue_job("flaky", serde_json::json!({}), now, None, now).await.unwrap();
    let job = db.store.jobs().claim_job("a", now, Duration::minutes(5)).await.unwrap().unwrap();
    db.store.jobs().finish_job(&job, "a", JobOutcome::Failed("boom".into()), now).await.unwrap();
    assert!(db.store.jobs().claim_job("a", now, Duration::minutes(5)).await.unwrap().is_none(), "not yet due");
    let retried =
        db.store.jobs().claim_job("b", now + Duration::minutes(1), Duration::minutes(5)).await.unwrap().unwrap();
    assert_eq!(retried.attempts, 2);
    // Node b dies holding it; after the lease another node takes it over.
    let reclaimed =
        db.store.jobs().claim_job("c", now + Duration::minutes(7), Duration::minutes(5)).await.unwrap().unwrap();
    assert_eq!(reclaimed.id, job.id);
    db.store.jobs().finish_job(&retried, "b", JobOutcome::Done, now).await.unwrap();
    db.store.jobs().finish_job(&reclaimed, "c", JobOutcome::Done, now).await.unwrap();
    assert_eq!(db.store.jobs().job_counts().await.unwrap(), vec![("done".to_owned(), 1)]);
    db.cleanup().await;
}

#[tokio::test]
async fn the_demo_council_loads_once_and_deterministically() {
    let db = TestDatabase::new().await;
    let first = db.store.load_demo(&AuditContext::system(Utc::now()), 7, 0, &[]).await.unwrap();
    assert!(first.created);
    assert_eq!(first.staff.len(), Role::ALL.len());
    assert!(hearth_store::demo_loaded(&db.store).await.unwrap());
    let second = db.store.load_demo(&AuditContext::system(Utc::now()), 7, 1, &[]).await.unwrap();
    assert!(!second.created);
    assert_eq!(second.extra_staff, 50);
    assert_eq!(second.extra_audit_events, 1_000);
    assert_eq!(second.extra_services, 1_000);
    assert_eq!(db.store.directory().service_count().await.unwrap(), 1_012);
    assert_eq!(db.store.accounts().users().await.unwrap().len(), Role::ALL.len() + 50);
    assert_eq!(
        db.store.settings().setting("council_name").await.unwrap().as_deref(),
        Some("Wrenfield Borough Council (demo)")
    );
    assert!(db.store.directory().service_count().await.unwrap() >= 12, "the demo directory");
    assert_eq!(db.store.directory().postcode_count().await.unwrap(), 9);
    let admin = EmailAddress::parse("administrator@wrenfield.example").unwrap();
    let found = db.store.accounts().user_for_sign_in(&admin).await.unwrap().unwrap();
    assert!(hearth_domain::password::verify(
        &first.staff.iter().find(|s| s.email.starts_with("administrator@")).unwrap().password,
        found.password_hash.as_deref().unwrap()
    ));
    db.store.verify_audit().await.unwrap();
    db.cleanup().await;
}

/// PostgreSQL only: a server restart drops every connection. The pool checks connections before
/// use, so the next query reconnects instead of failing. (SQLite has no server to restart.)
#[tokio::test]
async fn postgres_connections_dropped_by_a_restart_are_replaced() {
    let db = TestDatabase::new().await;
    if db.engine() == Engine::Postgres {
        add_user(&db.store, "before@example.org", &[Role::Practitioner]).await;
        let admin = TestDatabase::new().await;
        let name = db.url.expose().rsplit('/').next().unwrap().to_owned();
        admin
            .execute_as_dba(&format!(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}' AND pid <> pg_backend_pid()"
            ))
            .await;
        db.store.ping().await.expect("reconnects after the connections were dropped");
        add_user(&db.store, "after@example.org", &[Role::Practitioner]).await;
        assert_eq!(db.store.accounts().users().await.unwrap().len(), 2);
        admin.cleanup().await;
    }
    db.cleanup().await;
}

mod postcodes {
    use super::*;
    use hearth_domain::directory::geo::distance_m;
    use hearth_domain::directory::postcode::{Postcode, PostcodeQuery};
    use hearth_store::directory::postcodes::PostcodeRecord;

    fn record(postcode: &str, easting: i32, northing: i32, terminated: bool) -> PostcodeRecord {
        PostcodeRecord {
            postcode: Postcode::parse(postcode).unwrap(),
            easting,
            northing,
            lad_code: Some("E06000016".into()),
            lsoa: None,
            terminated,
        }
    }

    #[tokio::test]
    async fn postcodes_and_outward_codes_are_found_and_unknown_ones_are_not() {
        let db = TestDatabase::new().await;
        let records = vec![
            record("LE1 1AA", 459_318, 304_176, false),
            record("LE1 1AB", 459_294, 304_253, false),
            // A terminated postcode far away must not pull the outward code's centre.
            record("LE1 9ZZ", 469_000, 314_000, true),
            record("PO1 2AB", 464_340, 100_350, false),
        ];
        let mut seen = Vec::new();
        assert_eq!(db.store.directory().import_postcodes(&records, |n| seen.push(n)).await.unwrap(), 4);
        assert_eq!(seen.last(), Some(&4));

        let full =
            db.store.directory().locate_postcode(&PostcodeQuery::parse("le11aa").unwrap()).await.unwrap().unwrap();
        assert!((full.point.latitude - 52.632_104_677).abs() < 1e-6, "{full:?}");
        let outward =
            db.store.directory().locate_postcode(&PostcodeQuery::parse("LE1").unwrap()).await.unwrap().unwrap();
        assert!(distance_m(full.point, outward.point) < 100.0, "the centre of LE1's live postcodes");
        assert!(
            db.store.directory().locate_postcode(&PostcodeQuery::parse("ZZ99 9ZZ").unwrap()).await.unwrap().is_none()
        );
        assert!(db.store.directory().locate_postcode(&PostcodeQuery::parse("ZZ9").unwrap()).await.unwrap().is_none());

        // Importing again updates in place.
        db.store.directory().import_postcodes(&[record("LE1 1AA", 464_340, 100_350, false)], |_| {}).await.unwrap();
        assert_eq!(db.store.directory().postcode_count().await.unwrap(), 4);
        let moved =
            db.store.directory().locate_postcode(&PostcodeQuery::parse("LE1 1AA").unwrap()).await.unwrap().unwrap();
        assert!(moved.point.latitude < 51.0, "{moved:?}");
        db.cleanup().await;
    }
}

pub mod directory {
    use super::*;
    use hearth_domain::directory::hsds::{Address, Location, Organization, Schedule, Service, ServiceAtLocation};

    pub fn service(id: &str, name: &str, locations: usize) -> Service {
        Service {
            id: id.into(),
            name: name.into(),
            status: "active".into(),
            description: Some("Somewhere to talk over a cup of tea.".into()),
            organization: Some(Organization {
                id: "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610".into(),
                name: "Wrenfield Carers Network".into(),
                description: "A charity run by carers.".into(),
                ..Default::default()
            }),
            schedules: vec![Schedule {
                id: "48102e86-bb50-41c4-8f1e-e269368c41d1".into(),
                freq: Some("WEEKLY".into()),
                byday: Some("TU,TH".into()),
                opens_at: Some("10:00".into()),
                closes_at: Some("12:00".into()),
                ..Default::default()
            }],
            service_at_locations: (0..locations)
                .map(|i| ServiceAtLocation {
                    id: format!("e94c9f38-1e8f-4564-91d4-d53501ab17{i:02}").into(),
                    location: Some(Location {
                        id: format!("3a19ff88-4620-4d17-9830-ac1d859eb5{i:02}"),
                        location_type: "physical".into(),
                        latitude: Some(52.63),
                        longitude: Some(-1.13),
                        addresses: vec![Address { postal_code: "LE1 5FQ".into(), ..Default::default() }],
                        ..Default::default()
                    }),
                    ..Default::default()
                })
                .collect(),
            ..Default::default()
        }
    }

    #[tokio::test]
    async fn services_are_saved_read_and_updated_in_place() {
        let db = TestDatabase::new().await;
        let id = "ac148810-d857-441c-9679-408f346de14b";
        let original = service(id, "Carers' café", 2);
        db.store.directory().save_service(&ctx(), &original).await.unwrap();
        let read = db.store.directory().service(&ServiceId::from(id)).await.unwrap().unwrap();
        assert_eq!(read.name, "Carers' café");
        assert_eq!(read.organization_id.as_ref().map(|id| id.as_str()), Some("d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610"));
        assert!(read.last_modified.is_some());
        assert_eq!(read.service_at_locations, original.service_at_locations);
        assert_eq!(db.store.directory().location_count().await.unwrap(), 2);

        db.store.directory().save_service(&ctx(), &service(id, "Carers' café and drop-in", 1)).await.unwrap();
        assert_eq!(db.store.directory().service_count().await.unwrap(), 1);
        assert_eq!(db.store.directory().location_count().await.unwrap(), 1, "index rows are rebuilt, not added to");
        assert_eq!(
            db.store.directory().service(&ServiceId::from(id)).await.unwrap().unwrap().name,
            "Carers' café and drop-in"
        );

        let mut closed = service("bc148810-d857-441c-9679-408f346de14b", "Closed group", 0);
        closed.status = "defunct".into();
        db.store.directory().save_service(&ctx(), &closed).await.unwrap();
        assert_eq!(db.store.directory().services(1, 10, false).await.unwrap().total, 2);
        let public = db.store.directory().services(1, 10, true).await.unwrap();
        assert_eq!(public.total, 1);
        assert_eq!(public.services[0].id, id);
        let audit = |action: &str| AuditFilter { action: Some(action.into()), ..Default::default() };
        assert_eq!(db.store.search_audit(&audit("directory-service-added"), 1, 5).await.unwrap().total, 2);
        assert_eq!(db.store.search_audit(&audit("directory-service-updated"), 1, 5).await.unwrap().total, 1);

        assert!(db.store.directory().delete_service(&ctx(), &ServiceId::from(id), "closed down").await.unwrap());
        assert!(!db.store.directory().delete_service(&ctx(), &ServiceId::from(id), "again").await.unwrap());
        assert!(db.store.directory().service(&ServiceId::from(id)).await.unwrap().is_none());
        assert_eq!(db.store.directory().location_count().await.unwrap(), 0, "its index rows go with it");
        db.cleanup().await;
    }

    #[tokio::test]
    async fn a_batch_is_saved_whole_or_not_at_all() {
        let db = TestDatabase::new().await;
        let good = service("ac148810-d857-441c-9679-408f346de14b", "One", 1);
        // Two services claiming the same service-at-location id cannot both be stored.
        let clash = service("bc148810-d857-441c-9679-408f346de14b", "Two", 1);
        assert!(db.store.directory().save_services(&ctx(), &[good.clone(), clash], |_| {}).await.is_err());
        assert_eq!(db.store.directory().service_count().await.unwrap(), 0);
        db.store.directory().save_services(&ctx(), &[good], |_| {}).await.unwrap();
        assert_eq!(db.store.directory().service_count().await.unwrap(), 1);
        db.cleanup().await;
    }
}

mod search {
    use super::directory::service;
    use super::*;
    use hearth_domain::directory::geo::LatLon;
    use hearth_domain::directory::hsds::{Attribute, CostOption, TaxonomyTerm};
    use hearth_store::directory::search::ServiceFilter;

    fn id(n: u8) -> String {
        format!("00000000-0000-4000-8000-0000000000{n:02}")
    }

    async fn fixture(db: &TestDatabase) {
        let mut cafe = service(&id(1), "Memory café", 1);
        cafe.fees = Some("Free".into());
        cafe.minimum_age = Some(60.0);
        cafe.attributes.push(Attribute {
            id: id(91),
            taxonomy_term: Some(TaxonomyTerm {
                id: "term-dementia".into(),
                name: "Dementia".into(),
                description: "".into(),
                ..Default::default()
            }),
            ..Default::default()
        });
        let mut young = service(&id(2), "Young carers' club", 0);
        young.minimum_age = Some(8.0);
        young.maximum_age = Some(17.0);
        young.schedules[0].byday = Some("SA".into());
        young.schedules[0].opens_at = Some("14:00".into());
        young.schedules[0].closes_at = Some("16:00".into());
        young.cost_options.push(CostOption { id: id(92), amount: Some(2.0), ..Default::default() });
        young.organization = None;
        let mut far = service(&id(3), "Seaside befriending", 1);
        far.service_at_locations[0].id = id(93).into();
        let place = far.service_at_locations[0].location.as_mut().unwrap();
        place.latitude = Some(50.80);
        place.longitude = Some(-1.09);
        place.id = id(94);
        let mut gone = service(&id(4), "Old memory group", 0);
        gone.status = "defunct".into();
        db.store.directory().save_services(&ctx(), &[cafe, young, far, gone], |_| {}).await.unwrap();
    }

    async fn names(db: &TestDatabase, filter: ServiceFilter) -> Vec<String> {
        let page =
            db.store.directory().search_services(&ServiceFilter { public_only: true, ..filter }, 1, 50).await.unwrap();
        assert_eq!(page.total as usize, page.found.len());
        page.found.into_iter().map(|f| f.service.name).collect()
    }

    #[tokio::test]
    async fn each_filter_narrows_and_they_combine_with_and() {
        let db = TestDatabase::new().await;
        fixture(&db).await;
        let all = names(&db, ServiceFilter::default()).await;
        assert_eq!(all, ["Memory café", "Seaside befriending", "Young carers' club"], "defunct services are hidden");
        assert_eq!(
            names(&db, ServiceFilter { words: Some("MEMORY".into()), ..Default::default() }).await,
            ["Memory café"]
        );
        assert_eq!(
            names(&db, ServiceFilter { words: Some("dementia".into()), ..Default::default() }).await,
            ["Memory café"],
            "category names count"
        );
        assert_eq!(
            names(&db, ServiceFilter { words: Some("cup tea".into()), ..Default::default() }).await.len(),
            3,
            "every word, anywhere"
        );
        assert!(
            names(&db, ServiceFilter { words: Some("100%".into()), ..Default::default() }).await.is_empty(),
            "wildcards are literal"
        );
        assert_eq!(
            names(&db, ServiceFilter { term_ids: vec!["term-dementia".into()], ..Default::default() }).await,
            ["Memory café"]
        );
        assert_eq!(names(&db, ServiceFilter { free_only: true, ..Default::default() }).await, ["Memory café"]);
        assert_eq!(
            names(&db, ServiceFilter { minimum_age_at_least: Some(18.0), ..Default::default() }).await,
            ["Memory café"]
        );
        assert_eq!(
            names(&db, ServiceFilter { maximum_age_at_most: Some(18.0), ..Default::default() }).await,
            ["Young carers' club"]
        );
        assert_eq!(
            names(&db, ServiceFilter { suitable_for_age: Some(12.0), ..Default::default() }).await,
            ["Seaside befriending", "Young carers' club"]
        );
        assert_eq!(names(&db, ServiceFilter { day: Some(5), ..Default::default() }).await, ["Young carers' club"]);
        assert_eq!(
            names(
                &db,
                ServiceFilter { day: Some(1), opens_from: Some(600), closes_by: Some(720), ..Default::default() }
            )
            .await
            .len(),
            2
        );
        assert_eq!(
            names(
                &db,
                ServiceFilter {
                    organization_id: Some("d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610".into()),
                    ..Default::default()
                }
            )
            .await,
            ["Memory café", "Seaside befriending"]
        );
        assert_eq!(
            names(
                &db,
                ServiceFilter {
                    words: Some("café".into()),
                    free_only: true,
                    suitable_for_age: Some(12.0),
                    ..Default::default()
                }
            )
            .await,
            Vec::<String>::new(),
            "all filters must hold"
        );
        db.cleanup().await;
    }

    #[tokio::test]
    async fn near_a_point_only_services_within_the_distance_nearest_first() {
        let db = TestDatabase::new().await;
        fixture(&db).await;
        let leicester = LatLon { latitude: 52.6321, longitude: -1.1250 };
        let page = db
            .store
            .directory()
            .search_services(
                &ServiceFilter { near: Some((leicester, 5_000.0)), public_only: true, ..Default::default() },
                1,
                10,
            )
            .await
            .unwrap();
        assert_eq!(page.total, 1);
        assert_eq!(page.found[0].service.name, "Memory café");
        let d = page.found[0].distance_m.unwrap();
        assert!((300.0..1_500.0).contains(&d), "{d}");
        let wide = db
            .store
            .directory()
            .search_services(
                &ServiceFilter { near: Some((leicester, 300_000.0)), public_only: true, ..Default::default() },
                1,
                10,
            )
            .await
            .unwrap();
        let order: Vec<_> = wide.found.iter().map(|f| f.service.name.as_str()).collect();
        assert_eq!(
            order,
            ["Memory café", "Seaside befriending"],
            "nearest first; services with no place are not 'near'"
        );
        let second_page = db
            .store
            .directory()
            .search_services(
                &ServiceFilter { near: Some((leicester, 300_000.0)), public_only: true, ..Default::default() },
                2,
                1,
            )
            .await
            .unwrap();
        assert_eq!(second_page.found[0].service.name, "Seaside befriending");
        assert_eq!(second_page.total, 2);
        db.cleanup().await;
    }
}

mod meaning {
    use super::*;
    use hearth_store::directory::search::ServiceFilter;

    async fn names(db: &TestDatabase, words: &str) -> Vec<String> {
        let filter = ServiceFilter { words: Some(words.into()), public_only: true, ..Default::default() };
        db.store
            .directory()
            .search_services(&filter, 1, 50)
            .await
            .unwrap()
            .found
            .into_iter()
            .map(|f| f.service.name)
            .collect()
    }

    #[tokio::test]
    async fn search_finds_what_people_mean() {
        let db = TestDatabase::new().await;
        db.store.load_demo(&AuditContext::system(Utc::now()), 2026, 0, &[]).await.unwrap();
        // Stemming: "walking" finds "Health walks".
        assert!(names(&db, "walking").await.contains(&"Health walks".to_owned()));
        // Synonyms: the demo council's list.
        assert!(names(&db, "memory loss").await.contains(&"Memory café".to_owned()));
        assert!(names(&db, "someone to talk to").await.contains(&"Befriending by phone".to_owned()));
        // Typing mistakes.
        assert!(names(&db, "demntia").await.contains(&"Memory café".to_owned()), "{:?}", names(&db, "demntia").await);
        assert!(names(&db, "befreinding").await.contains(&"Befriending by phone".to_owned()));
        // Names weigh more than descriptions: "lunch" puts the lunch club first.
        assert_eq!(names(&db, "lunch").await.first().map(String::as_str), Some("Over-60s lunch club"));
        // Accessibility features, all required.
        use hearth_domain::directory::index::AccessFeature;
        let access =
            |features: Vec<AccessFeature>| ServiceFilter { access: features, public_only: true, ..Default::default() };
        let bsl = db
            .store
            .directory()
            .search_services(&access(vec![AccessFeature::BritishSignLanguage]), 1, 50)
            .await
            .unwrap();
        let bsl: Vec<_> = bsl.found.iter().map(|f| f.service.name.as_str()).collect();
        assert_eq!(bsl, ["Benefits and money advice", "Deaf social evening"]);
        let both = db
            .store
            .directory()
            .search_services(&access(vec![AccessFeature::BritishSignLanguage, AccessFeature::AccessibleToilet]), 1, 50)
            .await
            .unwrap();
        assert_eq!(both.total, 1);
        // Nonsense finds nothing rather than everything.
        assert!(names(&db, "xylophone").await.is_empty());

        // Synonyms are the council's to change.
        assert!(names(&db, "knitting").await.is_empty());
        db.store.directory().set_synonym(&ctx(), "Knitting", "men's shed").await.unwrap();
        assert_eq!(names(&db, "knitting").await, ["Men's shed"]);
        db.store.directory().set_synonym(&ctx(), "knitting", "").await.unwrap();
        assert!(names(&db, "knitting").await.is_empty());
        db.cleanup().await;
    }
}

mod assessments;
mod editing;
mod people;

mod charging {
    //! Paying for care in the store: the policy by date, requests, assessments with every
    //! version kept, and a year's uprating written as new versions, audited in one chain.

    use super::{add_user, ctx};
    use hearth_domain::access::Role;
    use hearth_domain::charging::money::Pence;
    use hearth_domain::charging::policy::LocalPolicy;
    use hearth_store::charging::{Calculated, NewRequest, UprateWrite};
    use hearth_store::testing::TestDatabase;
    use hearth_store::{Actor, AuditContext, AuditFilter, StoreError};

    fn day(y: i32, m: u32, d: u32) -> chrono::NaiveDate {
        chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn calculated(charge: i64, year: &str) -> Calculated {
        Calculated {
            input: "{}".into(),
            result: "{}".into(),
            weekly_charge: Some(Pence(charge)),
            outcome: "charge".into(),
            figures_year: year.into(),
            effective_from: day(2025, 10, 6),
        }
    }

    async fn audit_count(db: &TestDatabase, action: &str) -> u64 {
        db.store
            .search_audit(&AuditFilter { action: Some(action.into()), ..Default::default() }, 1, 1)
            .await
            .unwrap()
            .total
    }

    #[tokio::test]
    async fn the_policy_in_force_is_chosen_by_date_and_every_change_is_audited() {
        let db = TestDatabase::new().await;
        assert_eq!(db.store.charging().charging_policies().await.unwrap().on(day(2026, 1, 1)), LocalPolicy::default());
        let first = LocalPolicy { effective_from: day(2025, 4, 6), minimum_charge: Pence(125), ..Default::default() };
        let later = LocalPolicy {
            effective_from: day(2026, 4, 6),
            percentage_charged_basis_points: 9_000,
            ..Default::default()
        };
        db.store.charging().set_charging_policy(&ctx(), &first, None).await.unwrap();
        db.store.charging().set_charging_policy(&ctx(), &later, None).await.unwrap();
        let history = db.store.charging().charging_policies().await.unwrap();
        assert_eq!(history.on(day(2025, 12, 1)), first);
        assert_eq!(history.on(day(2026, 5, 1)), later);
        // Setting the same day again replaces it; the old choice is kept in the audit log.
        let corrected = LocalPolicy { minimum_charge: Pence(200), ..first.clone() };
        db.store.charging().set_charging_policy(&ctx(), &corrected, None).await.unwrap();
        assert_eq!(db.store.charging().charging_policies().await.unwrap().all().len(), 2);
        assert_eq!(audit_count(&db, "charging-policy-set").await, 3);
        let bad = LocalPolicy { percentage_charged_basis_points: 12_000, ..first };
        assert!(matches!(
            db.store.charging().set_charging_policy(&ctx(), &bad, None).await,
            Err(StoreError::Refused(_))
        ));
        db.cleanup().await;
    }

    #[tokio::test]
    async fn figures_a_council_imports_replace_hearths_own_for_that_year() {
        let db = TestDatabase::new().await;
        let book = db.store.charging().charging_figures().await.unwrap();
        let shipped = hearth_domain::charging::figures::SHIPPED.len();
        assert_eq!(book.years().len(), shipped);
        let text = hearth_domain::charging::figures::SHIPPED
            .iter()
            .find(|t| t.contains("year = \"2026/27\""))
            .unwrap()
            .replace("amount = \"31.80\"", "amount = \"31.85\"");
        db.store.charging().import_charging_figures(&ctx(), &text).await.unwrap();
        let book = db.store.charging().charging_figures().await.unwrap();
        assert_eq!(book.years().len(), shipped, "replaced, not added");
        assert_eq!(book.year("2026/27").unwrap().personal_expenses_allowance.amount, Pence(3_185));
        assert_eq!(book.year("2025/26").unwrap().personal_expenses_allowance.amount, Pence(3_065));
        assert!(matches!(
            db.store.charging().import_charging_figures(&ctx(), "year = 1").await,
            Err(StoreError::Refused(_))
        ));
        assert_eq!(audit_count(&db, "charging-figures-imported").await, 1);
        db.cleanup().await;
    }

    #[tokio::test]
    async fn requests_are_queued_and_each_opening_is_audited() {
        let db = TestDatabase::new().await;
        let new = NewRequest {
            source: "calculator".into(),
            name: "Ada Example".into(),
            email: Some("ada@example.org".into()),
            ..Default::default()
        };
        let r = db.store.charging().record_charging_request(&ctx(), &new).await.unwrap();
        assert!(r.reference.starts_with("FA-") && r.reference.len() == 12, "{}", r.reference);
        assert_eq!(db.store.charging().charging_requests(true).await.unwrap().len(), 1);
        db.store.charging().view_charging_request(&ctx(), &r.id).await.unwrap().unwrap();
        assert_eq!(audit_count(&db, "charging-request-viewed").await, 1);
        db.store
            .charging()
            .set_charging_request_status(&ctx(), &r.id, "closed", Some("Arranging their own care"))
            .await
            .unwrap();
        assert!(db.store.charging().charging_requests(true).await.unwrap().is_empty());
        assert_eq!(
            db.store.charging().charging_requests(false).await.unwrap()[0].closed_reason.as_deref(),
            Some("Arranging their own care")
        );
        db.cleanup().await;
    }

    #[tokio::test]
    async fn assessments_keep_every_version_and_refuse_a_stale_save() {
        let db = TestDatabase::new().await;
        let officer = add_user(&db.store, "officer@example.org", &[Role::FinanceOfficer]).await;
        let me = AuditContext { actor: Actor::User(officer.id.clone()), ..ctx() };
        let request = db
            .store
            .charging()
            .record_charging_request(
                &me,
                &NewRequest { source: "phone".into(), name: "Ada".into(), ..Default::default() },
            )
            .await
            .unwrap();
        let a = db
            .store
            .charging()
            .create_financial_assessment(&me, "Ada Example", Some("ASC-1"), None, Some(&request.id), "{\"draft\":1}")
            .await
            .unwrap();
        assert_eq!((a.status.as_str(), a.version), ("draft", 1));
        assert_eq!(db.store.charging().charging_requests(true).await.unwrap()[0].status, "in-progress");
        let saved = db.store.charging().save_financial_assessment(&me, &a.id, 1, "{\"draft\":2}", None).await.unwrap();
        assert_eq!(saved.version, 2);
        // Someone saving from an old page is refused, not silently overwritten.
        assert!(matches!(
            db.store.charging().save_financial_assessment(&me, &a.id, 1, "{}", None).await,
            Err(StoreError::Stale)
        ));
        let done = db
            .store
            .charging()
            .complete_financial_assessment(
                &me,
                &a.id,
                2,
                "{\"draft\":3}",
                &calculated(2_784, "2025/26"),
                "{\"record\":1}",
            )
            .await
            .unwrap();
        assert_eq!((done.status.as_str(), done.version, done.weekly_charge), ("complete", 3, Some(Pence(2_784))));
        assert_eq!(done.completed_by.as_deref(), Some(officer.id.as_str()));
        assert!(db.store.charging().charging_requests(true).await.unwrap().is_empty(), "the request is closed");
        let reopened =
            db.store.charging().save_financial_assessment(&me, &a.id, 3, "{\"draft\":4}", None).await.unwrap();
        assert_eq!(reopened.status, "draft");
        let versions = db.store.charging().financial_assessment_versions(&a.id).await.unwrap();
        let reasons: Vec<_> = versions.iter().map(|v| (v.version, v.reason.as_str())).collect();
        assert_eq!(reasons, [(4, "reopened to change"), (3, "completed"), (2, "draft saved"), (1, "started")]);
        assert_eq!(versions[1].weekly_charge, Some(Pence(2_784)));
        let found = db.store.charging().financial_assessments(Some("ada"), None, 1, 10).await.unwrap();
        assert_eq!(found.1, 1);
        assert_eq!(
            db.store.charging().financial_assessments(Some("ASC-1"), Some("complete"), 1, 10).await.unwrap().1,
            0
        );
        db.store.charging().view_financial_assessment(&me, &a.id).await.unwrap().unwrap();
        assert_eq!(audit_count(&db, "financial-assessment-viewed").await, 1);
        db.cleanup().await;
    }

    #[tokio::test]
    async fn an_uprating_writes_new_versions_leaves_changed_ones_alone_and_keeps_the_audit_chain() {
        let db = TestDatabase::new().await;
        let rows: Vec<_> = (0..30)
            .map(|i| hearth_store::charging::LoadedAssessment {
                person_name: format!("Person {i}"),
                reference: hearth_store::charging::new_reference(),
                calculated: calculated(1_000 + i, "2025/26"),
                record: None,
            })
            .collect();
        db.store.charging().load_completed_assessments(&ctx(), &rows).await.unwrap();
        let candidates = db.store.charging().uprate_candidates(None, 100).await.unwrap();
        assert_eq!(candidates.len(), 30);
        // One is changed by an officer after the figures were worked out.
        let edited = &candidates[0];
        db.store.charging().save_financial_assessment(&ctx(), &edited.id, edited.version, "{}", None).await.unwrap();
        let writes: Vec<UprateWrite> = candidates
            .iter()
            .map(|c| UprateWrite {
                id: c.id.clone(),
                expected_version: c.version,
                draft: c.draft.clone(),
                calculated: Calculated {
                    figures_year: "2026/27".into(),
                    weekly_charge: c.weekly_charge.map(|p| p + Pence(100)),
                    ..calculated(0, "2026/27")
                },
                record: Some("{\"new\":true}".into()),
                previous_charge: c.weekly_charge,
            })
            .collect();
        let stale = db.store.charging().apply_uprating(&ctx(), "2026/27", &writes).await.unwrap();
        assert_eq!(stale, std::slice::from_ref(&edited.id));
        assert_eq!(audit_count(&db, "financial-assessment-uprated").await, 29);
        let after = db.store.charging().uprate_candidates(None, 100).await.unwrap();
        assert_eq!(after.len(), 29, "the reopened one is a draft now");
        assert!(after.iter().all(|c| c.version == 2 && c.figures_year.as_deref() == Some("2026/27")));
        let versions = db.store.charging().financial_assessment_versions(&after[0].id).await.unwrap();
        assert_eq!(versions[0].reason, "uprated to the 2026/27 figures");
        // Many events appended at once still form one unbroken chain.
        assert!(db.store.verify_audit().await.is_ok());
        db.cleanup().await;
    }
}

#[tokio::test]
async fn a_limit_holds_when_many_requests_come_at_once() {
    use hearth_store::rate_limits::Limit;
    let db = TestDatabase::new().await;
    let limit = Limit { bucket: "ask-for-help", uses: 10, window: chrono::Duration::days(1) };
    let now = Utc::now();
    // Thirty at once from one address: exactly ten go through.
    let tries: Vec<_> = (0..30)
        .map(|_| {
            let store = db.store.clone();
            tokio::spawn(async move { store.accounts().take(limit, "203.0.113.9", now).await.unwrap() })
        })
        .collect();
    let mut allowed = 0;
    for t in tries {
        allowed += usize::from(t.await.unwrap());
    }
    assert_eq!(allowed, 10);
    // Each key and each limit counts on its own, and a new window starts afresh.
    assert!(db.store.accounts().take(limit, "203.0.113.10", now).await.unwrap());
    let other = Limit { bucket: "report-a-problem", ..limit };
    assert!(db.store.accounts().take(other, "203.0.113.9", now).await.unwrap());
    assert!(!db.store.accounts().take(limit, "203.0.113.9", now + chrono::Duration::hours(23)).await.unwrap());
    assert!(db.store.accounts().take(limit, "203.0.113.9", now + chrono::Duration::hours(25)).await.unwrap());
    assert_eq!(db.store.accounts().purge_rate_limits(now + chrono::Duration::hours(24)).await.unwrap(), 2);
    db.cleanup().await;
}
