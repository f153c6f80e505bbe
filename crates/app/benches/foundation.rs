//! Benchmarks for the foundation, with their workloads. Not a test: run them with
//! `cargo bench -p hearth --bench foundation` (SQLite) or with `TEST_DATABASE_URL=postgres://...`
//! set (PostgreSQL), and read the figures it prints.
//!
//! Workloads:
//! - audit append: 2,000 events, one transaction each, as sign-ins and record views write them;
//! - audit verify: the whole chain after `demo --scale 10` (about 10,000 more events);
//! - session lookup: 5,000 requests' worth of cookie-to-person lookups;
//! - pages: 2,000 in-process requests each for the public start page and the signed-in staff
//!   home (full middleware: session, form protection, headers, templates);
//! - password check: one argon2id verification (OWASP parameters).

use axum::body::Body;
use axum::http::Request;
use hearth_domain::access::Role;
use hearth_domain::sign_in::SessionPolicy;
use hearth_store::testing::TestDatabase;
use hearth_store::{AuditContext, AuditEntry};
use std::time::{Duration, Instant};
use tower::ServiceExt;

fn report(name: &str, count: usize, took: Duration) {
    let per_second = count as f64 / took.as_secs_f64();
    let each = took.as_secs_f64() * 1e6 / count as f64;
    println!(
        "{name:<44} {count:>7} in {:>8.1} ms  {per_second:>10.0}/s  {each:>9.1} µs each",
        took.as_secs_f64() * 1e3
    );
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1e6
}

#[tokio::main]
async fn main() {
    let db = TestDatabase::new().await;
    println!("engine: {}", db.engine().name());
    let store = db.store.clone();
    let ctx = || AuditContext::system(chrono::Utc::now());

    let start = Instant::now();
    let summary = store.load_demo(&ctx(), 2026, 10, &[]).await.unwrap();
    report(
        "demo --scale 10 (500 staff, 10,000 events)",
        summary.extra_staff + summary.extra_audit_events,
        start.elapsed(),
    );

    let start = Instant::now();
    for i in 0..2_000 {
        store.audit(&ctx(), AuditEntry::new("bench-event").record("bench", i.to_string())).await.unwrap();
    }
    report("audit append (one transaction each)", 2_000, start.elapsed());

    let start = Instant::now();
    let checked = store.verify_audit().await.unwrap();
    report("audit verify (whole chain)", checked as usize, start.elapsed());

    let email = hearth_domain::email::EmailAddress::parse("practitioner@wrenfield.example").unwrap();
    let user = store.accounts().user_for_sign_in(&email).await.unwrap().unwrap().user;
    let policy = SessionPolicy::default();
    let session = store.accounts().start_session(&ctx(), &user.id, "password", &policy).await.unwrap();
    let start = Instant::now();
    for _ in 0..5_000 {
        store.accounts().session(&session.token, chrono::Utc::now(), &policy).await.unwrap().unwrap();
    }
    report("session lookup", 5_000, start.elapsed());

    let hash = store.accounts().user_for_sign_in(&email).await.unwrap().unwrap().password_hash.unwrap();
    let password = summary.staff.iter().find(|s| s.roles == vec![Role::Practitioner]).unwrap().password.clone();
    let start = Instant::now();
    for _ in 0..20 {
        assert!(hearth_domain::password::verify(&password, &hash));
    }
    report("argon2id password check", 20, start.elapsed());

    let state = hearth_web::AppState::new(store.clone(), hearth_web::WebConfig::default());
    let router = hearth_web::app(state);
    let cookie = format!("hearth_session={}", session.token);
    for (name, path, cookie) in
        [("GET / (public start page)", "/", ""), ("GET /staff (signed in)", "/staff", cookie.as_str())]
    {
        let mut times = Vec::with_capacity(2_000);
        let start = Instant::now();
        for _ in 0..2_000 {
            let request =
                Request::get(path).header("host", "bench.test").header("cookie", cookie).body(Body::empty()).unwrap();
            let t = Instant::now();
            let response = router.clone().oneshot(request).await.unwrap();
            assert_eq!(response.status(), 200);
            let _ = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
            times.push(t.elapsed());
        }
        let took = start.elapsed();
        times.sort();
        report(name, 2_000, took);
        println!(
            "{:<44} p50 {:.0} µs, p95 {:.0} µs, p99 {:.0} µs",
            "",
            percentile(&times, 0.5),
            percentile(&times, 0.95),
            percentile(&times, 0.99)
        );
    }
    db.cleanup().await;
}
