//! Static files, embedded in the binary: the compiled design system (built by `build.rs`) and
//! Hearth's own small files.

use axum::extract::Path;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use std::sync::OnceLock;

const CSS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/frontend/hearth.css"));
const GOVUK_JS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/frontend/govuk-frontend.min.js"));
const HEARTH_JS: &[u8] = include_bytes!("../assets/hearth.mjs");
const ICON: &[u8] = include_bytes!("../assets/hearth-icon.svg");

fn find(name: &str) -> Option<(&'static [u8], &'static str)> {
    Some(match name {
        "hearth.css" => (CSS, "text/css; charset=utf-8"),
        "govuk-frontend.min.js" => (GOVUK_JS, "text/javascript; charset=utf-8"),
        "hearth.mjs" => (HEARTH_JS, "text/javascript; charset=utf-8"),
        "hearth-icon.svg" => (ICON, "image/svg+xml"),
        _ => return None,
    })
}

/// A short fingerprint of the assets, added to their links so browsers can keep them for a long
/// time and still fetch new ones after an upgrade.
pub fn version() -> &'static str {
    static VERSION: OnceLock<String> = OnceLock::new();
    VERSION.get_or_init(|| {
        let mut hash = Sha256::new();
        for part in [CSS, GOVUK_JS, HEARTH_JS, ICON] {
            hash.update(part);
        }
        hex::encode(&hash.finalize()[..6])
    })
}

pub async fn asset(Path(name): Path<String>) -> Response {
    match find(&name) {
        Some((body, content_type)) => (
            [
                (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
                (header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=86400")),
            ],
            body,
        )
            .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}
