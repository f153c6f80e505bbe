//! `GET /health`: for load balancers and monitoring.

use crate::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Serialize;
use std::time::Duration;

#[derive(Serialize)]
pub struct Health {
    status: &'static str,
    version: &'static str,
    database: &'static str,
}

/// 200 when the database answers within two seconds, 503 when it does not.
pub async fn health(State(state): State<AppState>) -> (StatusCode, Json<Health>) {
    let reachable = matches!(tokio::time::timeout(Duration::from_secs(2), state.store.ping()).await, Ok(Ok(())));
    let (code, status) =
        if reachable { (StatusCode::OK, "ok") } else { (StatusCode::SERVICE_UNAVAILABLE, "unavailable") };
    (code, Json(Health { status, version: env!("CARGO_PKG_VERSION"), database: state.store.engine().name() }))
}
