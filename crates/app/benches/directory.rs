//! Directory search under load. Run with `cargo bench -p hearth --bench directory`, on SQLite by
//! default or PostgreSQL with `TEST_DATABASE_URL` set.
//!
//! Workload: `demo --scale N` services (N thousand; `HEARTH_BENCH_SCALE`, default 10) spread
//! across the four council areas of `../shared/data/postcodes/` (Leicester, Leicestershire,
//! Portsmouth, Kirklees; searches centre on LE1 5FQ), or around the made-up demo postcodes
//! (centre QW1 1AA) when that data is absent. Sixteen concurrent clients each make 100 requests of each kind,
//! through the whole application in-process (middleware, templates, JSON), with the search cache
//! off (every request searches the database) and on (repeated searches, as popular ones are);
//! then the same searches straight against the store, and the store's SQL run by hand, so
//! Hearth's own overhead over the raw queries shows.

use axum::body::Body;
use axum::http::Request;
use hearth_domain::directory::geo::LatLon;
use hearth_domain::directory::postcode::PostcodeQuery;
use hearth_store::AuditContext;
use hearth_store::Engine;
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
            db.store.directory().import_postcodes(&file.records, |_| {}).await.unwrap();
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
        db.store.directory().service_count().await.unwrap(),
        areas.len().max(1),
        started.elapsed().as_secs_f64()
    );
    let postcode = centre.replace(' ', "+");
    let carers = db.store.directory().terms_in_use().await.unwrap().into_iter().find(|(_, n)| n == "Carers").unwrap().0;

    let cached = hearth_web::app(hearth_web::AppState::new(db.store.clone(), hearth_web::WebConfig::default()));
    let uncached = hearth_web::app(hearth_web::AppState::new(
        db.store.clone().without_search_cache(),
        hearth_web::WebConfig::default(),
    ));
    let kinds = [
        ("words", "carers".to_owned(), None, None),
        ("words + postcode + distance", "carers".to_owned(), Some(postcode.clone()), None),
        ("words + postcode + distance + category", "carers".to_owned(), Some(postcode.clone()), Some(carers.clone())),
    ];
    // HEARTH_BENCH_ONLY=store skips the runs through the application; =page runs only the pages.
    let only = std::env::var("HEARTH_BENCH_ONLY").unwrap_or_default();
    let app_runs = only != "store";
    for (kind, words, near, category) in kinds.iter().filter(|_| app_runs) {
        let api = format!(
            "/api/oruk/v3/services?search={words}{}{}",
            near.as_ref().map(|p| format!("&postcode={p}&proximity=1609")).unwrap_or_default(),
            category.as_ref().map(|c| format!("&taxonomy_term_id={c}")).unwrap_or_default()
        );
        let page = format!(
            "/find-support?q={words}{}{}",
            near.as_ref().map(|p| format!("&postcode={p}&distance=1")).unwrap_or_default(),
            category.as_ref().map(|c| format!("&category={c}")).unwrap_or_default()
        );
        for (surface, path) in
            [("API", api), ("page", page)].into_iter().filter(|(s, _)| only != "page" || *s == "page")
        {
            for (cache, router) in [("uncached", uncached.clone()), ("cached", cached.clone())] {
                let name = format!("{surface} {cache}: {kind}");
                let path = path.clone();
                load(&name, move || {
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
        }
    }

    let near =
        db.store.directory().locate_postcode(&PostcodeQuery::parse(centre).unwrap()).await.unwrap().unwrap().point;
    let filters = [
        ("words", ServiceFilter { words: Some("carers".into()), public_only: true, ..Default::default() }),
        (
            "words + postcode + distance",
            ServiceFilter {
                words: Some("carers".into()),
                near: Some((near, 1_609.0)),
                public_only: true,
                ..Default::default()
            },
        ),
        (
            "words + postcode + distance + category",
            ServiceFilter {
                words: Some("carers".into()),
                near: Some((near, 1_609.0)),
                term_ids: vec![carers.clone()],
                public_only: true,
                ..Default::default()
            },
        ),
    ];
    if only == "page" {
        db.cleanup().await;
        return;
    }
    for (name, filter) in &filters {
        let total = db.store.directory().search_uncached(filter, 1, 20).await.unwrap().total;
        println!("  ({name}: {total} matching services)");
    }
    for (name, filter) in filters {
        let store = db.store.clone();
        load(&format!("store, uncached: {name}"), move || {
            let (store, filter) = (store.clone(), filter.clone());
            async move {
                store.directory().search_uncached(&filter, 1, 20).await.unwrap();
            }
        })
        .await;
    }
    for (name, statements) in raw_queries(db.engine(), near, carers.as_str()) {
        let store = db.store.clone();
        load(&format!("raw SQL: {name}"), move || {
            let (store, statements) = (store.clone(), statements.clone());
            async move {
                use sea_orm::ConnectionTrait;
                for statement in statements {
                    store.connection().query_all_raw(statement).await.unwrap();
                }
            }
        })
        .await;
    }
    db.cleanup().await;
}

/// The statements Hearth's store runs for each search, written out by hand, to show what the
/// database alone costs: the count and the ranked page for words; the places in the box for a
/// postcode search (Hearth then works out exact distances and reads the page's documents).
fn raw_queries(engine: Engine, near: LatLon, term: &str) -> Vec<(&'static str, Vec<sea_orm::Statement>)> {
    use sea_orm::{DbBackend, Statement};
    let (low, high) = hearth_domain::directory::geo::bounding_box(near, 1_609.0);
    let (backend, count, ranked, places) = match engine {
        Engine::Sqlite => (
            DbBackend::Sqlite,
            "SELECT count(*) FROM directory_service_fts JOIN directory_service ON directory_service.rowid = directory_service_fts.rowid \
             WHERE directory_service_fts MATCH $1 AND directory_service.status = 'active'",
            "SELECT directory_service.id FROM directory_service_fts JOIN directory_service ON directory_service.rowid = directory_service_fts.rowid \
             WHERE directory_service_fts MATCH $1 AND directory_service.status = 'active' \
             ORDER BY directory_service_fts.rank, directory_service.name, directory_service.id LIMIT 20",
            "SELECT l.service_id, l.latitude, l.longitude FROM directory_location l JOIN directory_service s ON s.id = l.service_id \
             WHERE l.latitude BETWEEN $2 AND $3 AND l.longitude BETWEEN $4 AND $5 AND s.status = 'active' \
             AND s.rowid IN (SELECT rowid FROM directory_service_fts WHERE directory_service_fts MATCH $1)",
        ),
        Engine::Postgres => (
            DbBackend::Postgres,
            "SELECT count(*) FROM directory_service WHERE search_vector @@ to_tsquery('simple', $1) AND status = 'active'",
            "SELECT id FROM directory_service WHERE search_vector @@ to_tsquery('simple', $1) AND status = 'active' \
             ORDER BY ts_rank(search_vector, to_tsquery('simple', $1)) DESC, name, id LIMIT 20",
            "SELECT l.service_id, l.latitude, l.longitude FROM directory_location l JOIN directory_service s ON s.id = l.service_id \
             WHERE l.latitude BETWEEN $2 AND $3 AND l.longitude BETWEEN $4 AND $5 AND s.status = 'active' \
             AND s.search_vector @@ to_tsquery('simple', $1)",
        ),
    };
    let text = match engine {
        Engine::Sqlite => r#"("carer")"#,
        Engine::Postgres => "('carer')",
    };
    let sql =
        |s: &str| s.replace("$1", "?1").replace("$2", "?2").replace("$3", "?3").replace("$4", "?4").replace("$5", "?5");
    let stmt = |s: &str, values: Vec<sea_orm::Value>| match engine {
        Engine::Sqlite => Statement::from_sql_and_values(backend, sql(s), values),
        Engine::Postgres => Statement::from_sql_and_values(backend, s, values),
    };
    let place_values =
        || vec![text.into(), low.latitude.into(), high.latitude.into(), low.longitude.into(), high.longitude.into()];
    // The same grid cells the store reads (see `hearth_domain::directory::geo::cells_covering`).
    let cells = hearth_domain::directory::geo::cells_covering(low, high, 400).unwrap_or_default();
    let cell_list = cells.iter().map(i64::to_string).collect::<Vec<_>>().join(", ");
    let places = &format!("{places} AND l.cell IN ({cell_list})");
    let with_category = format!(
        "{} AND s.id IN (SELECT service_id FROM directory_service_term WHERE term_id = '{}')",
        places,
        term.replace('\'', "")
    );
    vec![
        ("words (count + ranked page)", vec![stmt(count, vec![text.into()]), stmt(ranked, vec![text.into()])]),
        ("words + postcode + distance (places in the box)", vec![stmt(places, place_values())]),
        ("words + postcode + distance + category", vec![stmt(&with_category, place_values())]),
    ]
}
