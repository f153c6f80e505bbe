//! Paying for care, measured. Run with `cargo bench -p hearth --bench charging` (SQLite), or with
//! `TEST_DATABASE_URL=postgres://...` for PostgreSQL; `HEARTH_BENCH_ASSESSMENTS` sets how many
//! stored assessments the uprating works through (default 100,000).
//!
//! Workloads:
//! - the engine alone: 10,000 made-up people (the demo's mix: pensioners and working-age people,
//!   at home and in care homes, a few over the upper limit), each assessed in full with its lines;
//!   then the same with the JSON read and written, as the interface does;
//! - the interface: `POST /api/v1/charging/calculate` in-process, 16 concurrent clients x 100;
//! - a year's uprating: that many completed 2025/26 assessments loaded, then worked out again
//!   with the 2026/27 figures (the preview), then written as new versions with new written
//!   records and an audit event each.

use axum::body::Body;
use axum::http::Request;
use hearth_domain::charging::figures::shipped;
use hearth_domain::demo_charging::{demo_assessments, demo_policy};
use hearth_store::AuditContext;
use hearth_store::testing::TestDatabase;
use std::time::{Duration, Instant};
use tower::ServiceExt;

fn report(name: &str, count: usize, took: Duration) {
    println!(
        "{name:<58} {count:>7} in {:>9.1} ms  {:>10.0}/s  {:>9.1} µs each",
        took.as_secs_f64() * 1e3,
        count as f64 / took.as_secs_f64(),
        took.as_secs_f64() * 1e6 / count as f64
    );
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let on = chrono::NaiveDate::from_ymd_opt(2025, 10, 6).unwrap();
    let book = shipped();
    let figures = book.on(on).unwrap();
    let policy = demo_policy();
    let people = demo_assessments(7, 0, 10_000, on);

    let started = Instant::now();
    let mut lines = 0;
    for (_, input) in &people {
        lines += hearth_domain::charging::assess(input, figures, &policy).unwrap().lines.len();
    }
    report("engine: assessments worked out (one core)", people.len(), started.elapsed());
    println!("  ({:.1} lines each on average)", lines as f64 / people.len() as f64);
    let json: Vec<String> = people.iter().map(|(_, i)| serde_json::to_string(i).unwrap()).collect();
    let started = Instant::now();
    for text in &json {
        let input: hearth_domain::charging::AssessmentInput = serde_json::from_str(text).unwrap();
        let out = hearth_domain::charging::assess(&input, figures, &policy).unwrap();
        std::hint::black_box(serde_json::to_string(&out).unwrap());
    }
    report("engine with JSON read and written (one core)", json.len(), started.elapsed());

    let db = TestDatabase::new().await;
    println!("engine: {}", db.engine().name());
    let state = hearth_web::AppState::new(
        db.store.clone(),
        hearth_web::WebConfig { api_rate_limit: u32::MAX, ..Default::default() },
    );
    let router = hearth_web::app(state);
    let body = hearth_web::api::charging::example_request().to_string();
    let wall = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..16 {
        let router = router.clone();
        let body = body.clone();
        tasks.push(tokio::spawn(async move {
            let mut times = Vec::new();
            for _ in 0..100 {
                let request = Request::post("/api/v1/charging/calculate")
                    .header("host", "hearth.test")
                    .header("content-type", "application/json")
                    .body(Body::from(body.clone()))
                    .unwrap();
                let t = Instant::now();
                let response = router.clone().oneshot(request).await.unwrap();
                assert!(response.status().is_success());
                let _ = axum::body::to_bytes(response.into_body(), 1 << 20).await.unwrap();
                times.push(t.elapsed());
            }
            times
        }));
    }
    let mut times = Vec::new();
    for t in tasks {
        times.extend(t.await.unwrap());
    }
    times.sort();
    let pct = |p: f64| times[((times.len() - 1) as f64 * p).round() as usize].as_secs_f64() * 1e3;
    println!(
        "{:<58} p50 {:>6.2} ms  p99 {:>6.2} ms  {:>7.0} req/s",
        "POST /api/v1/charging/calculate, 16 clients",
        pct(0.5),
        pct(0.99),
        times.len() as f64 / wall.elapsed().as_secs_f64()
    );

    let count: usize = std::env::var("HEARTH_BENCH_ASSESSMENTS").ok().and_then(|s| s.parse().ok()).unwrap_or(100_000);
    let ctx = AuditContext::system(chrono::Utc::now());
    let started = Instant::now();
    let mut loaded = 0;
    while loaded < count {
        let n = (count - loaded).min(5_000);
        let rows = hearth_store::demo_assessment_rows(7, loaded, n).unwrap();
        db.store.charging().load_completed_assessments(&ctx, &rows).await.unwrap();
        loaded += n;
    }
    db.store.optimize().await.unwrap();
    report("load completed 2025/26 assessments (with records)", count, started.elapsed());
    let started = Instant::now();
    let plan = hearth::charging::plan(&db.store, "2026/27", |_, _| {}).await.unwrap();
    report("uprate to 2026/27: work out every assessment (preview)", plan.examined, started.elapsed());
    println!("  ({} charges change, {} stay the same)", plan.changes.len(), plan.unchanged);
    let started = Instant::now();
    let (written, stale) =
        hearth::charging::apply(&db.store, &ctx, &plan, "Wrenfield Borough Council (demo)", |_, _| {}).await.unwrap();
    report("uprate to 2026/27: write new versions, records, audit", written, started.elapsed());
    assert!(stale.is_empty());
    let started = Instant::now();
    let verified = db.store.verify_audit().await.unwrap();
    report("audit chain verified after the uprating", verified as usize, started.elapsed());
    db.cleanup().await;
}
