//! The areas a service covers. Searches by postcode (without a distance) find a service when its
//! areas name the postcode's local authority by ONS code; a service with no stated area is open
//! to anyone, wherever they live.

use super::{Entry, Head, Saved, base, load, new_id, optional, save, token_now};
use crate::AppState;
use crate::chrome::{Chrome, render};
use crate::errors::AppResult;
use crate::forms::{Fields, Problems};
use crate::session::Viewer;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Form};
use hearth_domain::directory::editing::Part;
use hearth_domain::directory::editing::ons_area_code;
use hearth_domain::directory::hsds::{Service, ServiceArea};
use hearth_domain::directory::index::area_codes;
use hearth_store::ServiceId;

const ROWS: usize = 12;
const NAMES: [&str; ROWS] = [
    "area-name-1",
    "area-name-2",
    "area-name-3",
    "area-name-4",
    "area-name-5",
    "area-name-6",
    "area-name-7",
    "area-name-8",
    "area-name-9",
    "area-name-10",
    "area-name-11",
    "area-name-12",
];
const CODES: [&str; ROWS] = [
    "area-code-1",
    "area-code-2",
    "area-code-3",
    "area-code-4",
    "area-code-5",
    "area-code-6",
    "area-code-7",
    "area-code-8",
    "area-code-9",
    "area-code-10",
    "area-code-11",
    "area-code-12",
];
/// Empty rows offered below the areas already there.
const SPARE: usize = 3;

/// The ONS code an area names, if any.
pub fn code_of(area: &ServiceArea) -> Option<String> {
    area_codes(&Service { service_areas: vec![area.clone()], ..Default::default() }).into_iter().next()
}

fn name_of(area: &ServiceArea) -> String {
    area.name.clone().or_else(|| area.service_area.clone()).unwrap_or_default()
}

/// Where ONS publishes an area, which is also how Hearth records the code.
fn area_uri(code: &str) -> String {
    format!("http://statistics.data.gov.uk/id/statistical-geography/{code}")
}

pub struct AreaRow {
    pub number: usize,
    pub name_id: &'static str,
    pub code_id: &'static str,
    pub name: String,
    pub code: String,
}

#[derive(Template)]
#[template(path = "directory/directory_service_areas.html")]
struct AreasPage {
    chrome: Chrome,
    head: Head,
    anywhere: bool,
    rows: Vec<AreaRow>,
    known_codes: Vec<String>,
    token: String,
    errors: Problems,
}

async fn page(
    state: &AppState,
    viewer: &Viewer,
    entry: &Entry,
    anywhere: bool,
    typed: Vec<(String, String)>,
    token: String,
    errors: Problems,
) -> AppResult<Response> {
    let last = typed.iter().rposition(|(n, c)| !n.is_empty() || !c.is_empty()).map_or(0, |i| i + 1);
    let rows = (0..(last + SPARE).min(ROWS))
        .map(|i| {
            let (name, code) = typed.get(i).cloned().unwrap_or_default();
            AreaRow { number: i + 1, name_id: NAMES[i], code_id: CODES[i], name, code }
        })
        .collect();
    let status = crate::forms::status(&errors);
    let page = AreasPage {
        chrome: Chrome::build(state, viewer, "/directory/services").await,
        head: entry.head(),
        anywhere,
        rows,
        known_codes: state.store.directory().postcode_area_codes().await?,
        token,
        errors,
    };
    Ok((status, render(&page)?).into_response())
}

pub async fn form(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path(id): Path<ServiceId>,
) -> AppResult<Response> {
    let entry = load(&state, &viewer, &id).await?;
    let areas = &entry.service().service_areas;
    let typed = areas.iter().map(|a| (name_of(a), code_of(a).unwrap_or_default())).collect();
    page(&state, &viewer, &entry, areas.is_empty(), typed, token_now(&entry, &Part::AREAS), Problems::default()).await
}

pub async fn submit(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path(id): Path<ServiceId>,
    Form(fields): Form<Fields>,
) -> AppResult<Response> {
    let entry = load(&state, &viewer, &id).await?;
    let anywhere = fields.get("covers") != "areas";
    let typed: Vec<(String, String)> =
        (0..ROWS).map(|i| (fields.get(NAMES[i]).trim().to_owned(), fields.get(CODES[i]).trim().to_owned())).collect();
    let mut errors = Problems::default();
    let mut areas = Vec::new();
    if !anywhere {
        let before = &entry.service().service_areas;
        let mut filled = typed.iter().enumerate().filter(|(_, (n, c))| !n.is_empty() || !c.is_empty()).peekable();
        if filled.peek().is_none() {
            errors.add(NAMES[0], "Enter at least one area, or choose that anyone can use it");
        }
        for (i, (name, code)) in filled {
            let parsed = if code.is_empty() { None } else { ons_area_code(code) };
            if !code.is_empty() && parsed.is_none() {
                errors.add(CODES[i], format!("Area {}: enter an ONS code like E06000016, or leave it empty", i + 1));
            }
            if name.is_empty() {
                errors.add(NAMES[i], format!("Area {}: enter the area's name", i + 1));
            }
            // An area left as it was keeps everything an import gave it (a boundary, say).
            let same = before.iter().find(|a| name_of(a) == *name && code_of(a) == parsed);
            areas.push(match same {
                Some(area) => area.clone(),
                None => ServiceArea {
                    id: before.get(areas.len()).map_or_else(new_id, |a| a.id.clone()),
                    service_id: Some(entry.id().clone()),
                    name: optional(name),
                    uri: parsed.as_deref().map(area_uri),
                    ..Default::default()
                },
            });
        }
    }
    let token = fields.get("edit_token").to_owned();
    if !errors.is_empty() {
        return page(&state, &viewer, &entry, anywhere, typed, token, errors).await;
    }
    let mut edited = entry.service().clone();
    edited.service_areas = areas;
    match save(&state, &viewer, &entry, edited, base(Part::AREAS, &token)).await? {
        Saved::Done(r) => Ok(r),
        Saved::ChangedMeanwhile(message) => {
            errors.add(crate::edits::CHANGED, message);
            page(&state, &viewer, &entry, anywhere, typed, token_now(&entry, &Part::AREAS), errors).await
        }
    }
}
