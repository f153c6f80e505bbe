//! Hearth's web front: every route (listed in [`routes`]), pages, sign-in, security and assets.

mod allocation;
pub mod api;
mod assets;
mod chrome;
mod config;
mod done;
mod edits;
mod errors;
mod forms;
pub mod input;
pub mod jobs;
mod letters;
mod limits;
pub mod mail;
mod middleware;
mod oidc;
mod pages;
mod pdf;
mod rate_limit;
pub mod records;
pub mod routes;
mod session;

pub use config::{ConfigError, DEVELOPMENT_SECRET, OidcConfig, WebConfig};
pub use errors::AppError;

use chrono::{DateTime, Utc};
use hearth_store::Store;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

/// The current time. Tests move it forward to try out timeouts and lockouts; in service it is
/// the system clock.
#[derive(Clone, Debug, Default)]
pub struct Clock {
    offset_seconds: Arc<AtomicI64>,
}

impl Clock {
    pub fn now(&self) -> DateTime<Utc> {
        Utc::now() + chrono::Duration::seconds(self.offset_seconds.load(Ordering::Relaxed))
    }

    /// Moves this clock (and every clone of it) forward.
    pub fn advance(&self, by: chrono::Duration) {
        self.offset_seconds.fetch_add(by.num_seconds(), Ordering::Relaxed);
    }
}

/// What every request handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub config: Arc<WebConfig>,
    pub clock: Clock,
    pub mailer: mail::Mailer,
    /// Calls to the charging calculation interface, per client address.
    pub api_limits: Arc<rate_limit::RateLimiter>,
    /// For talking to the council's identity provider.
    http: reqwest::Client,
    /// While the database is out of reach: until when to answer at once that the service is
    /// unavailable, rather than wait for it again on every request (unix milliseconds).
    database_down_until: Arc<AtomicI64>,
    /// The council's name as last read, for pages shown while the database is out of reach.
    council_name_seen: Arc<std::sync::RwLock<Option<String>>>,
}

impl AppState {
    pub fn new(store: Store, config: WebConfig) -> Self {
        let http = reqwest::Client::builder()
            // The OpenID Connect specification forbids following redirects on these calls.
            .redirect(reqwest::redirect::Policy::none())
            .timeout(std::time::Duration::from_secs(10))
            .build()
            .expect("a plain HTTP client builds");
        // `WebConfig::check` has already refused a bad mail setting; this fallback is for tests.
        let mailer = mail::Mailer::new(config.smtp_url.as_deref(), &config.mail_from)
            .unwrap_or_else(|_| mail::Mailer::new(None, "Hearth <hearth@localhost>").expect("a fixed address parses"));
        let api_limits =
            Arc::new(rate_limit::RateLimiter::new(config.api_rate_limit, std::time::Duration::from_secs(60)));
        Self {
            store,
            config: Arc::new(config),
            clock: Clock::default(),
            mailer,
            api_limits,
            http,
            database_down_until: Arc::default(),
            council_name_seen: Arc::default(),
        }
    }
}

impl AppState {
    /// The council's name: the configured one, else the one kept in the database (or, while
    /// the database is out of reach, the one last read).
    pub async fn council_name(&self) -> Option<String> {
        if let Some(name) = &self.config.council_name {
            return Some(name.clone());
        }
        let seen = || self.council_name_seen.read().ok().and_then(|n| n.clone());
        if self.database_down() {
            return seen();
        }
        match self.store.settings().setting("council_name").await {
            Ok(name) => {
                if let Ok(mut kept) = self.council_name_seen.write() {
                    kept.clone_from(&name);
                }
                name
            }
            Err(_) => seen(),
        }
    }

    /// How long to answer at once that the service is unavailable after the database was found
    /// out of reach, before trying it again.
    const DOWN_FOR: std::time::Duration = std::time::Duration::from_secs(2);

    /// Whether the database was found out of reach a moment ago.
    pub fn database_down(&self) -> bool {
        Utc::now().timestamp_millis() < self.database_down_until.load(Ordering::Relaxed)
    }

    /// Notes that the database is out of reach.
    pub fn database_unreachable(&self) {
        let until = Utc::now().timestamp_millis() + Self::DOWN_FOR.as_millis() as i64;
        self.database_down_until.store(until, Ordering::Relaxed);
    }

    /// The public address without a trailing slash, for links in emails (empty when not set).
    pub fn public_base(&self) -> String {
        self.config.public_url.as_ref().map(|u| u.as_str().trim_end_matches('/').to_owned()).unwrap_or_default()
    }
}

/// The whole application as one router, ready to serve or to call in tests.
pub fn app(state: AppState) -> axum::Router {
    routes::router(state)
}

/// Serves Hearth on `listener` until `shutdown` completes, with the background worker running
/// beside it.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let node = format!("{}-{}", std::process::id(), uuid::Uuid::new_v4().simple());
    let worker = tokio::spawn(jobs::worker(state.clone(), node));
    let service = app(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    let result = axum::serve(listener, service).with_graceful_shutdown(shutdown).await;
    worker.abort();
    result
}
