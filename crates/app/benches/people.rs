//! People records, measured through the real router (sessions, access decisions, the audit of
//! every view, templates). Run with `cargo bench -p hearth --bench people` (SQLite), or with
//! `TEST_DATABASE_URL=postgres://...` for PostgreSQL; `HEARTH_BENCH_PEOPLE` sets how many demo
//! people are loaded (default 100,000, as `hearth demo --scale 99` makes); `HEARTH_BENCH_KEEP=1`
//! keeps the loaded database afterwards, and `HEARTH_BENCH_DATABASE_URL` measures a kept one again.
//!
//! Workloads, one client at a time (a practitioner's own wait):
//! - search by name: 300 searches for demo people's full names, a third of them misspelt (a
//!   letter dropped), as `GET /people?name=...`;
//! - opening a record with ten years of history (60 to 120 notes, 6 to 13 contacts): the
//!   overview and then the notes page, for 150 such people in the practitioner's team;
//! - the team's caseload page, `GET /team`, for the demo team manager (the front door and a
//!   locality team: several thousand people allocated at 100,000).

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use hearth_domain::access::Role;
use hearth_domain::demo::DEFAULT_SEED;
use hearth_domain::demo_people::demo_person;
use hearth_store::people::search::PersonQuery;
use hearth_store::testing::TestDatabase;
use hearth_store::{Actor, AuditContext};
use std::time::{Duration, Instant};
use tower::ServiceExt;

struct Client {
    router: axum::Router,
    cookie: String,
}

impl Client {
    async fn get(&self, path: &str) -> (Duration, usize) {
        let request = Request::get(path)
            .header(header::HOST, "hearth.test")
            .header(header::COOKIE, &self.cookie)
            .body(Body::empty())
            .unwrap();
        let started = Instant::now();
        let response = self.router.clone().oneshot(request).await.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        let bytes = axum::body::to_bytes(response.into_body(), 16 << 20).await.unwrap();
        (started.elapsed(), bytes.len())
    }
}

fn report(name: &str, mut times: Vec<Duration>, bytes: usize) {
    times.sort();
    let pct = |p: f64| times[((times.len() - 1) as f64 * p).round() as usize].as_secs_f64() * 1e3;
    let mean = times.iter().sum::<Duration>().as_secs_f64() * 1e3 / times.len() as f64;
    println!(
        "{name:<52} {:>4} x  p50 {:>7.2} ms  p99 {:>7.2} ms  mean {:>7.2} ms  ({:.0} KB a page)",
        times.len(),
        pct(0.5),
        pct(0.99),
        mean,
        bytes as f64 / times.len() as f64 / 1024.0
    );
}

async fn client(
    store: &hearth_store::Store,
    state: &hearth_web::AppState,
    router: &axum::Router,
    role: Role,
) -> Client {
    let staff = hearth_domain::demo::demo_staff(DEFAULT_SEED);
    let email = staff.iter().find(|s| s.roles == vec![role]).unwrap().email.clone();
    let email = hearth_domain::email::EmailAddress::parse(&email).unwrap();
    let user = store.accounts().user_for_sign_in(&email).await.unwrap().unwrap().user.id;
    let ctx = AuditContext { actor: Actor::User(user.clone()), client_addr: None, now: chrono::Utc::now() };
    let session = store.accounts().start_session(&ctx, &user, "password", &state.config.session).await.unwrap();
    Client { router: router.clone(), cookie: format!("{}={}", state.config.session_cookie(), session.token) }
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let target: u32 = std::env::var("HEARTH_BENCH_PEOPLE").ok().and_then(|s| s.parse().ok()).unwrap_or(100_000);
    let ctx = AuditContext::system(chrono::Utc::now());
    let today = ctx.now.date_naive();
    // HEARTH_BENCH_DATABASE_URL: a database a kept run loaded already, measured without loading.
    let (db, store) = match std::env::var("HEARTH_BENCH_DATABASE_URL") {
        Ok(url) => {
            let url = hearth_store::DatabaseUrl::parse(&url).expect("HEARTH_BENCH_DATABASE_URL");
            (None, hearth_store::Store::open(&url).await.expect("open the kept database"))
        }
        Err(_) => {
            let db = TestDatabase::new().await;
            db.store.load_demo(&ctx, DEFAULT_SEED, 0, &[]).await.unwrap();
            let started = Instant::now();
            let added = db.store.load_demo_people(&ctx, DEFAULT_SEED, target, today).await.unwrap();
            db.store.optimize().await.unwrap();
            let took = started.elapsed();
            println!(
                "loaded {added} more demo people ({target} in all) in {:.1} s, {:.0} people/s",
                took.as_secs_f64(),
                f64::from(added) / took.as_secs_f64()
            );
            let store = db.store.clone();
            (Some(db), store)
        }
    };
    println!("engine: {}", store.engine().name());

    let state = hearth_web::AppState::new(store.clone(), hearth_web::WebConfig::default());
    let router = hearth_web::app(state.clone());
    let practitioner = client(&store, &state, &router, Role::Practitioner).await;
    let manager = client(&store, &state, &router, Role::TeamManager).await;

    // Search by name: people spread through the whole load.
    let mut times = Vec::new();
    let mut bytes = 0;
    for i in 0..300u32 {
        let n = (i.wrapping_mul(2_654_435_761) % target).max(3);
        let d = demo_person(DEFAULT_SEED, n, today).details;
        let mut family = d.family_name.clone();
        if i % 3 == 0 && family.len() > 4 {
            family.remove(2);
        }
        let query = url::form_urlencoded::Serializer::new(String::new())
            .append_pair("name", &format!("{} {family}", d.given_name))
            .finish();
        let (t, b) = practitioner.get(&format!("/people?{query}")).await;
        times.push(t);
        bytes += b;
    }
    report("search by name (GET /people?name=...)", times, bytes);

    // People with ten years of history in the practitioner's locality team (the demo's team 1).
    let mut long = Vec::new();
    let mut n = 3;
    while long.len() < 150 && n < target {
        let p = demo_person(DEFAULT_SEED, n, today);
        if p.notes.len() >= 60 && p.allocation.is_some_and(|a| a.team == 1) && !p.restricted {
            let query = PersonQuery {
                name: Some(format!("{} {}", p.details.given_name, p.details.family_name)),
                date_of_birth: p.details.date_of_birth,
                ..Default::default()
            };
            let hits = store.people().search_people(&query, 5).await.unwrap();
            if let Some(hit) = hits.into_iter().find(|h| h.person.family_name == p.details.family_name) {
                long.push(hit.person.id);
            }
        }
        n += 1;
    }
    assert!(!long.is_empty(), "people with long histories in the practitioner's team");
    let (mut overview, mut notes) = (Vec::new(), Vec::new());
    let (mut overview_bytes, mut notes_bytes) = (0, 0);
    for id in &long {
        let (t, b) = practitioner.get(&format!("/people/{id}")).await;
        overview.push(t);
        overview_bytes += b;
        let (t, b) = practitioner.get(&format!("/people/{id}/notes")).await;
        notes.push(t);
        notes_bytes += b;
    }
    report("open a ten-year record: overview (GET /people/{id})", overview, overview_bytes);
    report("open a ten-year record: notes (GET /people/{id}/notes)", notes, notes_bytes);

    let mut times = Vec::new();
    let mut bytes = 0;
    for _ in 0..50 {
        let (t, b) = manager.get("/team").await;
        times.push(t);
        bytes += b;
    }
    report("the team's caseload (GET /team)", times, bytes);
    // HEARTH_BENCH_KEEP=1 leaves the loaded database behind, to look at query plans or to
    // measure again with HEARTH_BENCH_DATABASE_URL.
    if let Some(db) = db {
        if std::env::var_os("HEARTH_BENCH_KEEP").is_some() {
            println!("kept the database at {}", db.url.redacted());
        } else {
            db.cleanup().await;
        }
    }
}
