//! Directory search under load. Run with `cargo bench -p hearth --bench directory`, on SQLite by
//! default or PostgreSQL with `TEST_DATABASE_URL` set.
//!
//! Workload: `demo --scale N` services (N thousand; `HEARTH_BENCH_SCALE`, default 10) spread
//! across the four council areas of `../shared/data/postcodes/` (Leicester, Leicestershire,
//! Portsmouth, Kirklees; searches centre on LE1 5FQ), or around the made-up demo postcodes
//! (centre QW1 1AA) when that data is absent. Sixteen concurrent clients each make 100 requests of each kind,
//! through the whole application in-process (middleware, templates, JSON), and then the same
//! searches straight against the store, so Hearth's own overhead shows.

use axum::body::Body;
use axum::http::Request;
use hearth_domain::directory::postcode::PostcodeQuery;
use hearth_store::AuditContext;
use hearth_store::directory::search::ServiceFilter;
use hearth_store::testing::TestDatabase;
use std::time::{Duration, Instant};
use tower::ServiceExt;

const CLIENTS: usize = 16;
const EACH: usize = 100;

fn report(name: &str, mut times: Vec<Duration>, wall: Duration) {
    times.sort();
    let pct = |p: f64| times[((times.len() - 1) as f64 * p).round() as usize].as_secs_f64() * 1e3;
    println!(
        "{name:<58} p50 {:>7.2} ms  p99 {:>7.2} ms  {:>7.0} req/s",
        pct(0.5),
        pct(0.99),
        times.len() as f64 / wall.as_secs_f64()
    );
}

/// Runs `CLIENTS` concurrent clients, each calling `request` `EACH` times, and reports latencies.
async fn load<F, Fut>(name: &str, request: F)
where
    F: Fn() -> Fut + Clone + Send + 'static,
    Fut: std::future::Future<Output = ()> + Send,
{
    let wall = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..CLIENTS {
        let request = request.clone();
        tasks.push(tokio::spawn(async move {
            let mut times = Vec::with_capacity(EACH);
            for _ in 0..EACH {
                let t = Instant::now();
                request().await;
                times.push(t.elapsed());
            }
            times
        }));
    }
    let mut times = Vec::new();
    for t in tasks {
        times.extend(t.await.unwrap());
    }
    report(name, times, wall.elapsed());
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let scale: u32 = std::env::var("HEARTH_BENCH_SCALE").ok().and_then(|s| s.parse().ok()).unwrap_or(10);
    let db = TestDatabase::new().await;
    let started = Instant::now();
    let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/postcodes");
    let mut areas = Vec::new();
    let centre = if shared.is_dir() {
        for name in [
            "leicester-E06000016.csv",
            "leicestershire-districts.csv",
            "portsmouth-E06000044.csv",
            "kirklees-E08000034.csv",
        ] {
            let file = hearth::import::postcodes::read_path(&shared.join(name)).unwrap();
            db.store.import_postcodes(&file.records, |_| {}).await.unwrap();
            areas.push(hearth::import::postcodes::live_places(&file.records));
        }
        "LE1 5FQ"
    } else {
        "QW1 1AA"
    };
    db.store.load_demo(&AuditContext::system(chrono::Utc::now()), 2026, scale, &areas).await.unwrap();
    println!(
        "engine: {}; {} services in {} areas loaded in {:.1} s; searches centre on {centre}",
        db.engine().name(),
        db.store.service_count().await.unwrap(),
        areas.len().max(1),
        started.elapsed().as_secs_f64()
    );
    let postcode = centre.replace(' ', "+");
    let carers = db.store.terms_in_use().await.unwrap().into_iter().find(|(_, n)| n == "Carers").unwrap().0;

    let router = hearth_web::app(hearth_web::AppState::new(db.store.clone(), hearth_web::WebConfig::default()));
    let pages = [
        ("API: search=carers", "/api/oruk/v3/services?search=carers".to_owned()),
        (
            "API: search=carers, postcode + 3 km",
            format!("/api/oruk/v3/services?search=carers&postcode={postcode}&proximity=3000"),
        ),
        ("page: carers", "/find-support?q=carers".to_owned()),
        ("page: carers near the centre (1 mile)", format!("/find-support?q=carers&postcode={postcode}&distance=1")),
        (
            "page: carers near the centre (1 mile) + category",
            format!("/find-support?q=carers&postcode={postcode}&distance=1&category={carers}"),
        ),
    ];
    for (name, path) in pages {
        let router = router.clone();
        load(name, move || {
            let (router, path) = (router.clone(), path.clone());
            async move {
                let response = router
                    .oneshot(Request::get(&path).header("host", "bench.test").body(Body::empty()).unwrap())
                    .await
                    .unwrap();
                assert_eq!(response.status(), 200, "{path}");
                let _ = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
            }
        })
        .await;
    }

    let near = db.store.locate_postcode(&PostcodeQuery::parse(centre).unwrap()).await.unwrap().unwrap().point;
    let filters = [
        ("store only: carers", ServiceFilter { words: Some("carers".into()), public_only: true, ..Default::default() }),
        (
            "store only: carers near (1 mile)",
            ServiceFilter {
                words: Some("carers".into()),
                near: Some((near, 1_609.0)),
                public_only: true,
                ..Default::default()
            },
        ),
        (
            "store only: carers near + category",
            ServiceFilter {
                words: Some("carers".into()),
                near: Some((near, 1_609.0)),
                term_ids: vec![carers.clone()],
                public_only: true,
                ..Default::default()
            },
        ),
    ];
    for (name, filter) in filters {
        let store = db.store.clone();
        load(name, move || {
            let (store, filter) = (store.clone(), filter.clone());
            async move {
                store.search_services(&filter, 1, 20).await.unwrap();
            }
        })
        .await;
    }
    db.cleanup().await;
}
