//! The places a service is delivered: address, how to get there and accessibility. A new
//! postcode moves the place on the map (from the postcode table, never an online geocoder).

use super::{Entry, Head, Saved, base, load, new_id, optional, place, save, token_now};
use crate::AppState;
use crate::chrome::{Chrome, render};
use crate::errors::{AppError, AppResult};
use crate::forms::{Problems, TypedForm};
use crate::session::Viewer;
use askama::Template;
use axum::Extension;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use hearth_domain::directory::editing::{Part, join_access, split_access};
use hearth_domain::directory::hsds::{Address, Location, ServiceAtLocation};
use hearth_domain::directory::index::AccessFeature;
use hearth_domain::directory::postcode::{Postcode, PostcodeQuery};
use hearth_store::ServiceId;

/// The form, as typed.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct PlaceForm {
    place_name: String,
    address_1: String,
    address_2: String,
    city: String,
    postcode: String,
    transportation: String,
    /// The access features ticked.
    access: Vec<String>,
    access_other: String,
    /// What an edit started from (`crate::edits`); empty for a new place.
    edit_token: String,
}

impl PlaceForm {
    fn from_place(sal: &ServiceAtLocation) -> PlaceForm {
        let location = sal.location.clone().unwrap_or_default();
        let address = location.addresses.first().cloned().unwrap_or_default();
        let (features, other) = split_access(&location.accessibility);
        PlaceForm {
            place_name: location.name.clone().unwrap_or_default(),
            address_1: address.address_1,
            address_2: address.address_2.unwrap_or_default(),
            city: address.city,
            postcode: address.postal_code,
            transportation: location.transportation.unwrap_or_default(),
            access: features.iter().map(|f| f.key().to_owned()).collect(),
            access_other: other.join("\n"),
            edit_token: String::new(),
        }
    }
}

pub struct FeatureChoice {
    pub key: &'static str,
    pub label: &'static str,
    pub checked: bool,
}

#[derive(Template)]
#[template(path = "directory/directory_service_place.html")]
struct PlacePage {
    chrome: Chrome,
    head: Head,
    /// `None` for a new place.
    place_id: Option<String>,
    form: PlaceForm,
    features: Vec<FeatureChoice>,
    /// What the page started from (empty for a new place: there is nothing to change meanwhile).
    token: String,
    errors: Problems,
}

async fn page(
    state: &AppState,
    viewer: &Viewer,
    entry: &Entry,
    place_id: Option<String>,
    form: PlaceForm,
    token: String,
    errors: Problems,
) -> AppResult<Response> {
    let status = crate::forms::status(&errors);
    let page = PlacePage {
        chrome: Chrome::build(state, viewer, "/directory/services").await,
        head: entry.head(),
        place_id,
        features: AccessFeature::ALL
            .into_iter()
            .map(|f| FeatureChoice {
                key: f.key(),
                label: f.label(),
                checked: form.access.iter().any(|a| a == f.key()),
            })
            .collect(),
        form,
        token,
        errors,
    };
    Ok((status, render(&page)?).into_response())
}

/// Comes back to a page whose place someone else changed meanwhile.
async fn changed_meanwhile(
    state: &AppState,
    viewer: &Viewer,
    entry: &Entry,
    place_id: String,
    form: PlaceForm,
    message: String,
) -> AppResult<Response> {
    let mut errors = Problems::default();
    errors.add(crate::edits::CHANGED, message);
    let token = token_now(entry, &Part::Place(place_id.clone()));
    page(state, viewer, entry, Some(place_id), form, token, errors).await
}

/// Applies the form to a place (new or existing), or says what is wrong.
async fn apply(
    state: &AppState,
    form: &PlaceForm,
    before: &ServiceAtLocation,
) -> AppResult<Result<ServiceAtLocation, Problems>> {
    let mut errors = Problems::default();
    let mut sal = before.clone();
    let mut location = sal.location.clone().unwrap_or_else(|| Location {
        id: new_id(),
        location_type: "physical".into(),
        ..Default::default()
    });
    let physical = location.location_type == "physical";
    location.name = optional(&form.place_name);
    location.transportation = optional(&form.transportation);

    let typed = optional(&form.postcode);
    let was = location.addresses.first().map(|a| a.postal_code.clone());
    let postcode = match &typed {
        None if physical => {
            errors.add("postcode", "Enter the postcode, so people can find it on a map and search near them");
            None
        }
        None => None,
        Some(text) => match Postcode::parse(text) {
            Err(_) => {
                errors.add("postcode", "Enter a full postcode, like QW1 1AA");
                None
            }
            Ok(parsed) => Some(parsed),
        },
    };
    if let Some(parsed) = &postcode {
        let unchanged = was.as_deref().and_then(|b| Postcode::parse(b).ok()).as_ref() == Some(parsed)
            && location.latitude.is_some();
        if !unchanged {
            match state.store.directory().locate_postcode(&PostcodeQuery::Full(parsed.clone())).await? {
                Some(found) => {
                    location.latitude = Some((found.point.latitude * 1e6).round() / 1e6);
                    location.longitude = Some((found.point.longitude * 1e6).round() / 1e6);
                }
                None => errors.add(
                    "postcode",
                    "We do not know this postcode. Check it, or ask an administrator to load the latest postcode file",
                ),
            }
        }
    }
    if form.address_1.trim().is_empty() && (physical || typed.is_some()) {
        errors.add("address_1", "Enter the building and street");
    }
    if form.city.trim().is_empty() && (physical || typed.is_some()) {
        errors.add("city", "Enter the town or city");
    }
    if !form.address_1.trim().is_empty() || typed.is_some() {
        if location.addresses.is_empty() {
            location.addresses.push(Address {
                id: new_id(),
                location_id: Some(location.id.clone()),
                country: "GB".into(),
                address_type: "physical".into(),
                ..Default::default()
            });
        }
        let address = &mut location.addresses[0];
        address.address_1 = form.address_1.trim().to_owned();
        address.address_2 = optional(&form.address_2);
        address.city = form.city.trim().to_owned();
        address.postal_code = postcode.map(|p| p.as_str().to_owned()).unwrap_or_default();
    } else if !location.addresses.is_empty() {
        location.addresses.remove(0);
    }
    let features: Vec<AccessFeature> = form.access.iter().filter_map(|k| AccessFeature::from_key(k)).collect();
    location.accessibility = join_access(&features, &form.access_other, &location.accessibility, new_id)
        .into_iter()
        .map(|mut a| {
            a.location_id = Some(location.id.clone());
            a
        })
        .collect();
    sal.location_id = Some(location.id.clone());
    sal.location = Some(location);
    Ok(if errors.is_empty() { Ok(sal) } else { Err(errors) })
}

pub async fn new_form(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path(id): Path<ServiceId>,
) -> AppResult<Response> {
    let entry = load(&state, &viewer, &id).await?;
    page(&state, &viewer, &entry, None, PlaceForm::default(), String::new(), Problems::default()).await
}

pub async fn new_submit(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path(id): Path<ServiceId>,
    TypedForm(form): TypedForm<PlaceForm>,
) -> AppResult<Response> {
    let entry = load(&state, &viewer, &id).await?;
    let blank = ServiceAtLocation { id: new_id().into(), service_id: Some(entry.id().clone()), ..Default::default() };
    match apply(&state, &form, &blank).await? {
        Ok(sal) => {
            let mut edited = entry.service().clone();
            edited.service_at_locations.push(sal);
            match save(&state, &viewer, &entry, edited, None).await? {
                Saved::Done(r) => Ok(r),
                Saved::ChangedMeanwhile(_) => Err(AppError::Internal("a new place cannot be stale".into())),
            }
        }
        Err(errors) => page(&state, &viewer, &entry, None, form, String::new(), errors).await,
    }
}

pub async fn edit_form(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path((id, place_id)): Path<(ServiceId, String)>,
) -> AppResult<Response> {
    let entry = load(&state, &viewer, &id).await?;
    let form = PlaceForm::from_place(place(entry.service(), &place_id)?);
    let token = token_now(&entry, &Part::Place(place_id.clone()));
    page(&state, &viewer, &entry, Some(place_id), form, token, Problems::default()).await
}

pub async fn edit_submit(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path((id, place_id)): Path<(ServiceId, String)>,
    TypedForm(form): TypedForm<PlaceForm>,
) -> AppResult<Response> {
    let entry = load(&state, &viewer, &id).await?;
    let before = place(entry.service(), &place_id)?.clone();
    let token = form.edit_token.clone();
    match apply(&state, &form, &before).await? {
        Ok(sal) => {
            let mut edited = entry.service().clone();
            if let Some(slot) = edited.service_at_locations.iter_mut().find(|p| p.id == place_id) {
                *slot = sal;
            }
            match save(&state, &viewer, &entry, edited, base(Part::Place(place_id.clone()), &token)).await? {
                Saved::Done(r) => Ok(r),
                Saved::ChangedMeanwhile(message) => {
                    changed_meanwhile(&state, &viewer, &entry, place_id, form, message).await
                }
            }
        }
        Err(errors) => page(&state, &viewer, &entry, Some(place_id), form, token, errors).await,
    }
}

/// Takes a place off the entry (its times go with it).
pub async fn remove(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path((id, place_id)): Path<(ServiceId, String)>,
) -> AppResult<Response> {
    let entry = load(&state, &viewer, &id).await?;
    let mut edited = entry.service().clone();
    let before = edited.service_at_locations.len();
    edited.service_at_locations.retain(|p| p.id != place_id);
    if edited.service_at_locations.len() == before {
        return Err(AppError::NotFound);
    }
    // Taking a place away is the same whatever it says now: there is nothing to overwrite.
    match save(&state, &viewer, &entry, edited, None).await? {
        Saved::Done(r) => Ok(r),
        Saved::ChangedMeanwhile(_) => Err(AppError::Internal("a removal cannot be stale".into())),
    }
}
