//! Open Referral UK 3.0 (`HSDS-UK-3.0`) under `/api/oruk/v3`.
//!
//! Open and anonymous, with `Access-Control-Allow-Origin: *`. Errors are JSON: 400 for a bad
//! parameter, 404 for an unknown id. Filters combine with AND. Choices the specification leaves
//! open are documented on each parameter below.

use crate::AppState;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, NaiveDate, Utc};
use hearth_domain::directory::hsds::Service;
use hearth_domain::directory::index::parse_time;
use hearth_domain::directory::postcode::PostcodeQuery;
use hearth_store::directory::search::ServiceFilter;
use hearth_store::{OrganizationId, ServiceAtLocationId, ServiceId, TaxonomyId, TaxonomyTermId};
use serde::Serialize;
use std::collections::HashMap;

pub const DEFAULT_PER_PAGE: u64 = 50;
pub const MAX_PER_PAGE: u64 = 500;

/// An API error, always JSON.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    message: String,
}

impl ApiError {
    fn bad(message: impl Into<String>) -> Self {
        Self { status: StatusCode::BAD_REQUEST, message: message.into() }
    }

    fn not_found(message: impl Into<String>) -> Self {
        Self { status: StatusCode::NOT_FOUND, message: message.into() }
    }
}

impl From<hearth_store::StoreError> for ApiError {
    fn from(e: hearth_store::StoreError) -> Self {
        tracing::error!(error = %e, "api request failed");
        let status =
            if e.is_unavailable() { StatusCode::SERVICE_UNAVAILABLE } else { StatusCode::INTERNAL_SERVER_ERROR };
        Self { status, message: "The directory could not be read. Try again later.".into() }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({"status": self.status.as_u16(), "error": self.status.canonical_reason().unwrap_or("Error"), "message": self.message});
        open(self.status, Json(body).into_response())
    }
}

/// Open data: anyone's web page may read it.
fn open(status: StatusCode, mut response: Response) -> Response {
    *response.status_mut() = status;
    response.headers_mut().insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    response
}

fn json(value: impl Serialize) -> Response {
    open(StatusCode::OK, Json(value).into_response())
}

#[derive(Serialize)]
struct Meta {
    version: &'static str,
    profile: &'static str,
    openapi_url: &'static str,
}

pub async fn meta() -> Response {
    json(Meta {
        version: "HSDS-UK-3.0",
        profile: "https://openreferraluk.org/",
        openapi_url: "https://openreferraluk.org/specifications/3.0/openapi.json",
    })
}

#[derive(Serialize)]
struct Page<T> {
    total_items: u64,
    total_pages: u64,
    page_number: u64,
    size: u64,
    first_page: bool,
    last_page: bool,
    empty: bool,
    contents: Vec<T>,
}

fn page<T>(contents: Vec<T>, total_items: u64, page_number: u64, per_page: u64) -> Page<T> {
    let total_pages = total_items.div_ceil(per_page);
    Page {
        total_items,
        total_pages,
        page_number,
        size: contents.len() as u64,
        first_page: page_number == 1,
        last_page: page_number >= total_pages,
        empty: contents.is_empty(),
        contents,
    }
}

/// A list item: the service's one-to-one fields (and its organisation's), as the spec's list
/// schema has them. The full service is at `/services/{id}`.
fn one_to_one(mut s: Service) -> Service {
    s.schedules.clear();
    s.service_areas.clear();
    s.service_at_locations.clear();
    s.languages.clear();
    s.funding.clear();
    s.cost_options.clear();
    s.contacts.clear();
    s.phones.clear();
    s.attributes.clear();
    s.metadata.clear();
    if let Some(org) = s.organization.as_mut() {
        org.organization_identifiers.clear();
        org.attributes.clear();
    }
    s
}

fn whole_number(params: &HashMap<String, String>, name: &str, default: u64, max: u64) -> Result<u64, ApiError> {
    match params.get(name).map(|v| v.trim()) {
        None | Some("") => Ok(default),
        Some(v) => match v.parse::<u64>() {
            Ok(n) if (1..=max).contains(&n) => Ok(n),
            _ => Err(ApiError::bad(format!("{name} must be a whole number from 1 to {max}"))),
        },
    }
}

/// `page` (from 1) and `per_page` (up to [`MAX_PER_PAGE`]).
fn paging(params: &HashMap<String, String>) -> Result<(u64, u64), ApiError> {
    Ok((whole_number(params, "page", 1, 1_000_000)?, whole_number(params, "per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE)?))
}

fn number(params: &HashMap<String, String>, name: &str) -> Result<Option<f64>, ApiError> {
    match params.get(name).map(|v| v.trim()).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => match v.parse::<f64>() {
            Ok(n) if n.is_finite() && n >= 0.0 => Ok(Some(n)),
            _ => Err(ApiError::bad(format!("{name} must be a number of 0 or more"))),
        },
    }
}

fn text(params: &HashMap<String, String>, name: &str) -> Option<String> {
    params.get(name).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

fn day(value: &str) -> Option<u8> {
    let v = value.trim().to_ascii_lowercase();
    let days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    days.iter().position(|d| *d == v || d[..2] == v || d[..3] == v).map(|d| d as u8)
}

fn datetime(value: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(value.trim()).map(|d| d.with_timezone(&Utc)).ok().or_else(|| {
        NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d")
            .ok()
            .map(|d| d.and_hms_opt(0, 0, 0).expect("midnight").and_utc())
    })
}

/// The filter from the query string, or the first bad parameter.
///
/// - `taxonomy_term_id` matches services filed under that term or any term below it (descendant
///   matching, so a broad LGA term finds the narrower ones); `taxonomy_id` matches services filed
///   under any term of that taxonomy. Both together must both hold.
/// - `day` takes MO..SU or the day's name; `start_time` and `end_time` take HH:MM and match weekly
///   openings that start at or after, and end at or before, those times.
/// - `postcode` with `proximity` (metres) finds services with a place that near, nearest first.
///   `postcode` alone finds services that *cover* it: a service area naming the postcode's local
///   authority (an ONS code such as E06000016), or no service area at all (no stated area means
///   no restriction). A postcode whose authority is not known matches only services with no area.
///   An unknown postcode is a 400, never an unfiltered list.
/// - `organization_id` (HSDS) keeps to one organisation's services.
async fn filter(state: &AppState, params: &HashMap<String, String>) -> Result<ServiceFilter, ApiError> {
    let mut f = ServiceFilter { public_only: true, ..Default::default() };
    f.words = text(params, "search");
    f.organization_id = text(params, "organization_id").map(OrganizationId::from);
    if let Some(term) = text(params, "taxonomy_term_id") {
        f.term_ids = state.store.directory().term_and_descendants(&term.into()).await?;
    }
    if let Some(taxonomy) = text(params, "taxonomy_id") {
        f.any_term_of = Some(state.store.directory().terms_of_taxonomy(&taxonomy.into()).await?);
    }
    f.minimum_age_at_least = number(params, "minimum_age")?;
    f.maximum_age_at_most = number(params, "maximum_age")?;
    if let Some(d) = text(params, "day") {
        f.day = Some(day(&d).ok_or_else(|| ApiError::bad("day must be a day of the week, such as MO or Monday"))?);
    }
    for (name, slot) in [("start_time", &mut f.opens_from), ("end_time", &mut f.closes_by)] {
        if let Some(t) = text(params, name) {
            *slot = Some(
                parse_time(&t)
                    .filter(|_| t.len() >= 5 && t.as_bytes()[2] == b':')
                    .ok_or_else(|| ApiError::bad(format!("{name} must be a time, such as 09:30")))?,
            );
        }
    }
    if let Some(m) = text(params, "modified_after") {
        f.modified_after =
            Some(datetime(&m).ok_or_else(|| {
                ApiError::bad("modified_after must be a date and time, such as 2026-11-01T00:00:00Z")
            })?);
    }
    let proximity = number(params, "proximity")?;
    match text(params, "postcode") {
        None if proximity.is_some() => return Err(ApiError::bad("proximity needs a postcode")),
        None => {}
        Some(p) => {
            let query = PostcodeQuery::parse(&p).map_err(|_| ApiError::bad("postcode is not a postcode"))?;
            let located = state
                .store
                .directory()
                .locate_postcode(&query)
                .await?
                .ok_or_else(|| ApiError::bad("postcode not recognised"))?;
            match proximity {
                Some(metres) => f.near = Some((located.point, metres.min(200_000.0))),
                None => f.covers_area = Some(located.area_code),
            }
        }
    }
    Ok(f)
}

pub async fn services(
    State(state): State<AppState>,
    Query(params): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let (page_number, per_page) = paging(&params)?;
    let filter = filter(&state, &params).await?;
    let found = state.store.directory().search_services(&filter, page_number, per_page).await?;
    let contents = found.found.into_iter().map(|f| one_to_one(f.service)).collect();
    Ok(json(page(contents, found.total, page_number, per_page)))
}

fn is_uuid(s: &str) -> bool {
    uuid::Uuid::try_parse(s).is_ok()
}

fn uuid_path(id: &str) -> Result<(), ApiError> {
    if is_uuid(id) { Ok(()) } else { Err(ApiError::bad("id must be a UUID")) }
}

pub async fn service(State(state): State<AppState>, Path(id): Path<ServiceId>) -> Result<Response, ApiError> {
    uuid_path(id.as_str())?;
    match state.store.directory().service(&id).await? {
        Some(s) if s.status == "active" => Ok(json(s)),
        _ => Err(ApiError::not_found("There is no service with this id")),
    }
}

/// A service-at-location as ORUK publishes it: the place in full, and its service's one-to-one
/// fields (`with_service_in_full` gives the whole service, for `/service_at_locations/{id}`).
fn service_at_location(service: Service, sal_id: &str, with_service_in_full: bool) -> Option<serde_json::Value> {
    let sal = service.service_at_locations.iter().find(|s| s.id == sal_id)?.clone();
    let mut value = serde_json::to_value(&sal).ok()?;
    let object = value.as_object_mut()?;
    object.insert("service_id".into(), service.id.as_str().into());
    if let Some(location) = &sal.location {
        object.insert("location_id".into(), location.id.clone().into());
    }
    let mut service = if with_service_in_full { service } else { one_to_one(service) };
    service.service_at_locations.clear();
    object.insert("service".into(), serde_json::to_value(service).ok()?);
    Some(value)
}

/// Places where services are delivered. The same filters as `/services`, and with `postcode`
/// and `proximity` nearest first. Only places with a map position are listed (a service's
/// virtual or unplaced locations are in its `/services/{id}`).
pub async fn service_at_locations(
    State(state): State<AppState>,
    Query(params): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let (page_number, per_page) = paging(&params)?;
    let filter = filter(&state, &params).await?;
    let (found, total) = state.store.directory().search_places(&filter, page_number, per_page).await?;
    let contents =
        found.into_iter().filter_map(|f| service_at_location(f.service, &f.service_at_location_id, false)).collect();
    Ok(json(page::<serde_json::Value>(contents, total, page_number, per_page)))
}

pub async fn service_at_location_by_id(
    State(state): State<AppState>,
    Path(id): Path<ServiceAtLocationId>,
) -> Result<Response, ApiError> {
    uuid_path(id.as_str())?;
    match state.store.directory().service_of_place(&id).await? {
        Some(s) if s.status == "active" => service_at_location(s, id.as_str(), true)
            .map(json)
            .ok_or_else(|| ApiError::not_found("There is no service at location with this id")),
        _ => Err(ApiError::not_found("There is no service at location with this id")),
    }
}

pub async fn taxonomies(
    State(state): State<AppState>,
    Query(params): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let (page_number, per_page) = paging(&params)?;
    let (found, total) =
        state.store.directory().taxonomies(text(&params, "search").as_deref(), page_number, per_page).await?;
    Ok(json(page(found, total, page_number, per_page)))
}

pub async fn taxonomy(State(state): State<AppState>, Path(id): Path<TaxonomyId>) -> Result<Response, ApiError> {
    uuid_path(id.as_str())?;
    state
        .store
        .directory()
        .taxonomy(&id)
        .await?
        .map(json)
        .ok_or_else(|| ApiError::not_found("There is no taxonomy with this id"))
}

/// Terms, with the HSDS filters `taxonomy_id`, `parent_id` and `top_only`, and `search`.
pub async fn taxonomy_terms(
    State(state): State<AppState>,
    Query(params): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let (page_number, per_page) = paging(&params)?;
    let top_only = match text(&params, "top_only").as_deref() {
        None | Some("false") => false,
        Some("true") => true,
        Some(_) => return Err(ApiError::bad("top_only must be true or false")),
    };
    let filter = hearth_store::directory::taxonomies::TermFilter {
        taxonomy_id: text(&params, "taxonomy_id"),
        parent_id: text(&params, "parent_id"),
        top_only,
        search: text(&params, "search"),
    };
    let (found, total) = state.store.directory().taxonomy_terms(&filter, page_number, per_page).await?;
    Ok(json(page(found, total, page_number, per_page)))
}

pub async fn taxonomy_term(
    State(state): State<AppState>,
    Path(id): Path<TaxonomyTermId>,
) -> Result<Response, ApiError> {
    uuid_path(id.as_str())?;
    state
        .store
        .directory()
        .taxonomy_term(&id)
        .await?
        .map(json)
        .ok_or_else(|| ApiError::not_found("There is no taxonomy term with this id"))
}

/// HSDS organisations, by name; `search` looks in the name.
pub async fn organizations(
    State(state): State<AppState>,
    Query(params): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let (page_number, per_page) = paging(&params)?;
    let (found, total) =
        state.store.directory().organization_page(text(&params, "search").as_deref(), page_number, per_page).await?;
    let contents = found
        .into_iter()
        .map(|mut o| {
            o.organization_identifiers.clear();
            o.attributes.clear();
            o
        })
        .collect();
    Ok(json(page(contents, total, page_number, per_page)))
}

/// One organisation in full, with its published services' one-to-one fields.
pub async fn organization(State(state): State<AppState>, Path(id): Path<OrganizationId>) -> Result<Response, ApiError> {
    uuid_path(id.as_str())?;
    let organization = state
        .store
        .directory()
        .organization(&id)
        .await?
        .ok_or_else(|| ApiError::not_found("There is no organization with this id"))?;
    let filter = ServiceFilter { organization_id: Some(id), public_only: true, ..Default::default() };
    let services: Vec<Service> = state
        .store
        .directory()
        .search_services(&filter, 1, MAX_PER_PAGE)
        .await?
        .found
        .into_iter()
        .map(|f| one_to_one(f.service))
        .collect();
    let mut value = serde_json::to_value(organization).expect("organisations serialise");
    if !services.is_empty()
        && let Some(object) = value.as_object_mut()
    {
        object.insert("services".into(), serde_json::to_value(services).unwrap_or_default());
    }
    Ok(json(value))
}

/// Unknown paths under the API answer in JSON too.
pub async fn not_found() -> Response {
    ApiError::not_found("There is nothing at this address in the Open Referral UK API").into_response()
}
