//! Updating directory entries. Directory editors change any service and their edits are published
//! at once; provider editors change only their own organisations' services, and their edits wait
//! for a directory editor to approve (`directory_changes`), the public meanwhile seeing the last
//! approved version.

use crate::AppState;
use crate::chrome::{Chrome, render};
use crate::errors::{AppError, AppResult};
use crate::forms::{FormErrors, uk_time};
use crate::session::Viewer;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use hearth_domain::access::Permission;
use hearth_domain::directory::hsds::{Address, Location, Phone, Service, ServiceAtLocation};
use hearth_domain::directory::postcode::{Postcode, PostcodeQuery};
use hearth_domain::email::EmailAddress;
use hearth_store::directory::search::ServiceFilter;
use serde::Deserialize;

/// Which services the viewer may update.
enum Scope {
    All,
    Organizations(Vec<String>),
}

impl Scope {
    async fn of(state: &AppState, viewer: &Viewer) -> AppResult<Scope> {
        if viewer.can(Permission::EditDirectory) {
            return Ok(Scope::All);
        }
        let id = viewer.user_id().ok_or(AppError::Forbidden)?;
        Ok(Scope::Organizations(state.store.editor_organizations(id).await?))
    }

    fn allows(&self, service: &Service) -> bool {
        match self {
            Scope::All => true,
            Scope::Organizations(orgs) => service.organization_id.as_ref().is_some_and(|o| orgs.contains(o)),
        }
    }

    fn publishes(&self) -> bool {
        matches!(self, Scope::All)
    }
}

pub struct ServiceRow {
    pub id: String,
    pub name: String,
    pub status: String,
    pub checked: String,
}

pub struct ChangeRow {
    pub service_name: String,
    pub proposed: String,
    pub status: &'static str,
    pub reason: Option<String>,
    pub fields: usize,
}

fn status_label(status: &str) -> &'static str {
    match status {
        "pending" => "Waiting for approval",
        "approved" => "Approved and published",
        "rejected" => "Not approved",
        "superseded" => "Replaced by a later change",
        _ => "Unknown",
    }
}

fn checked_label(service: &Service) -> String {
    service
        .assured_date
        .as_deref()
        .and_then(|d| chrono::NaiveDate::parse_from_str(d.get(..10)?, "%Y-%m-%d").ok())
        .map_or_else(|| "Never checked".to_owned(), |d| format!("Checked {}", d.format("%-d %B %Y")))
}

#[derive(Template)]
#[template(path = "directory_services.html")]
struct ListPage {
    chrome: Chrome,
    editor: bool,
    q: String,
    services: Vec<ServiceRow>,
    total: u64,
    changes: Vec<ChangeRow>,
    sent: bool,
    has_organizations: bool,
}

#[derive(Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    q: String,
    sent: Option<String>,
}

pub async fn list(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Query(query): Query<ListQuery>,
) -> AppResult<Response> {
    let scope = Scope::of(&state, &viewer).await?;
    let mut services = Vec::new();
    let mut total = 0;
    let words = Some(query.q.trim().to_owned()).filter(|w| !w.is_empty());
    let organizations: Vec<Option<String>> = match &scope {
        Scope::All => vec![None],
        Scope::Organizations(orgs) => orgs.iter().cloned().map(Some).collect(),
    };
    for organization_id in organizations {
        let filter = ServiceFilter { words: words.clone(), organization_id, ..Default::default() };
        let page = state.store.search_services(&filter, 1, 100).await?;
        total += page.total;
        services.extend(page.found.into_iter().map(|f| ServiceRow {
            checked: checked_label(&f.service),
            id: f.service.id,
            name: f.service.name,
            status: f.service.status,
        }));
    }
    let changes = match viewer.user_id() {
        Some(id) => state
            .store
            .changes_proposed_by(id)
            .await?
            .into_iter()
            .map(|c| ChangeRow {
                proposed: uk_time(c.proposed_at),
                status: status_label(&c.status),
                reason: c.decision_reason,
                fields: c.changes.len(),
                service_name: c.service_name,
            })
            .collect(),
        None => Vec::new(),
    };
    let page = ListPage {
        chrome: Chrome::build(&state, &viewer, "/directory/services").await,
        editor: scope.publishes(),
        has_organizations: !matches!(&scope, Scope::Organizations(o) if o.is_empty()),
        q: query.q,
        services,
        total,
        changes,
        sent: query.sent.is_some(),
    };
    render(&page)
}

/// The edit form's fields, as typed.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct ServiceForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    url: String,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    fees_description: String,
    #[serde(default)]
    eligibility_description: String,
    #[serde(default)]
    minimum_age: String,
    #[serde(default)]
    maximum_age: String,
    #[serde(default)]
    application_process: String,
    #[serde(default)]
    alert: String,
    #[serde(default)]
    address_1: String,
    #[serde(default)]
    city: String,
    #[serde(default)]
    postcode: String,
}

fn age_text(age: Option<f64>) -> String {
    age.map(|a| format!("{a}")).unwrap_or_default()
}

fn first_address(service: &Service) -> Option<&Address> {
    service.service_at_locations.first()?.location.as_ref()?.addresses.first()
}

impl ServiceForm {
    fn from_service(s: &Service) -> ServiceForm {
        let address = first_address(s);
        ServiceForm {
            name: s.name.clone(),
            description: s.description.clone().unwrap_or_default(),
            status: s.status.clone(),
            email: s.email.clone().unwrap_or_default(),
            url: s.url.clone().unwrap_or_default(),
            phone: s.phones.first().map(|p| p.number.clone()).unwrap_or_default(),
            fees_description: s.fees_description.clone().unwrap_or_default(),
            eligibility_description: s.eligibility_description.clone().unwrap_or_default(),
            minimum_age: age_text(s.minimum_age),
            maximum_age: age_text(s.maximum_age),
            application_process: s.application_process.clone().unwrap_or_default(),
            alert: s.alert.clone().unwrap_or_default(),
            address_1: address.map(|a| a.address_1.clone()).unwrap_or_default(),
            city: address.map(|a| a.city.clone()).unwrap_or_default(),
            postcode: address.map(|a| a.postal_code.clone()).unwrap_or_default(),
        }
    }
}

fn optional(text: &str) -> Option<String> {
    Some(text.trim().to_owned()).filter(|t| !t.is_empty())
}

fn parse_age(text: &str, field: &'static str, label: &str, errors: &mut FormErrors) -> Option<f64> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    match text.parse::<u8>() {
        Ok(age) if age <= 120 => Some(f64::from(age)),
        _ => {
            errors.add(field, format!("{label} must be a whole number of years, from 0 to 120"));
            None
        }
    }
}

/// Applies the form to `service`, or says what is wrong with each field.
async fn apply(state: &AppState, form: &ServiceForm, service: &Service) -> AppResult<Result<Service, FormErrors>> {
    let mut errors = FormErrors::default();
    let mut s = service.clone();
    if form.name.trim().is_empty() {
        errors.add("name", "Enter the service's name");
    } else if form.name.chars().count() > 200 {
        errors.add("name", "The name must be 200 characters or fewer");
    }
    s.name = form.name.trim().to_owned();
    s.description = optional(&form.description);
    match form.status.as_str() {
        "active" | "temporarily closed" | "inactive" => s.status = form.status.clone(),
        _ => errors.add("status", "Choose whether the service is running"),
    }
    s.email = optional(&form.email);
    if let Some(email) = &s.email
        && EmailAddress::parse(email).is_err()
    {
        errors.add("email", "Enter an email address in the right form, like name@example.org");
    }
    s.url = optional(&form.url);
    if let Some(url) = &s.url
        && !(url.starts_with("https://") || url.starts_with("http://"))
    {
        errors.add("url", "Enter the website's full address, starting with https://");
    }
    match optional(&form.phone) {
        Some(number) => {
            if !number.chars().all(|c| c.is_ascii_digit() || " +()-".contains(c)) || number.len() < 6 {
                errors.add("phone", "Enter a phone number, like 01632 960 123");
            }
            match s.phones.first_mut() {
                Some(phone) => phone.number = number,
                None => s.phones.push(Phone { id: uuid::Uuid::new_v4().to_string(), number, ..Default::default() }),
            }
        }
        None => {
            if !s.phones.is_empty() {
                s.phones.remove(0);
            }
        }
    }
    s.fees_description = optional(&form.fees_description);
    s.eligibility_description = optional(&form.eligibility_description);
    s.minimum_age = parse_age(&form.minimum_age, "minimum_age", "The youngest age", &mut errors);
    s.maximum_age = parse_age(&form.maximum_age, "maximum_age", "The oldest age", &mut errors);
    if let (Some(min), Some(max)) = (s.minimum_age, s.maximum_age)
        && min > max
    {
        errors.add("maximum_age", "The oldest age must be the same as or more than the youngest age");
    }
    s.application_process = optional(&form.application_process);
    s.alert = optional(&form.alert);

    // Where it is: the first place's address; a new postcode moves the place on the map.
    let postcode = optional(&form.postcode);
    let before = first_address(service).map(|a| a.postal_code.clone());
    if let Some(typed) = &postcode {
        match Postcode::parse(typed) {
            Err(_) => errors.add("postcode", "Enter a full postcode, like QW1 1AA"),
            Ok(parsed) => {
                let point = if before.as_deref().and_then(|b| Postcode::parse(b).ok()).as_ref() == Some(&parsed) {
                    None
                } else {
                    match state.store.locate_postcode(&PostcodeQuery::Full(parsed.clone())).await? {
                        Some(found) => Some(found.point),
                        None => {
                            errors.add("postcode", "We do not know this postcode. Check it, or ask an administrator to load the latest postcode file");
                            None
                        }
                    }
                };
                if form.address_1.trim().is_empty() {
                    errors.add("address_1", "Enter the first line of the address");
                }
                if s.service_at_locations.is_empty() {
                    s.service_at_locations
                        .push(ServiceAtLocation { id: uuid::Uuid::new_v4().to_string(), ..Default::default() });
                }
                let sal = &mut s.service_at_locations[0];
                let location = sal.location.get_or_insert_with(|| Location {
                    id: uuid::Uuid::new_v4().to_string(),
                    location_type: "physical".into(),
                    ..Default::default()
                });
                if let Some(point) = point {
                    location.latitude = Some((point.latitude * 1e6).round() / 1e6);
                    location.longitude = Some((point.longitude * 1e6).round() / 1e6);
                }
                if location.addresses.is_empty() {
                    location.addresses.push(Address {
                        id: uuid::Uuid::new_v4().to_string(),
                        country: "GB".into(),
                        address_type: "physical".into(),
                        ..Default::default()
                    });
                }
                let address = &mut location.addresses[0];
                address.address_1 = form.address_1.trim().to_owned();
                address.city = form.city.trim().to_owned();
                address.postal_code = parsed.as_str().to_owned();
            }
        }
    }
    for problem in s.problems() {
        errors.add("name", format!("The entry cannot be saved as it is: {} {}", problem.field, problem.problem));
    }
    Ok(if errors.is_empty() { Ok(s) } else { Err(errors) })
}

#[derive(Template)]
#[template(path = "directory_service_edit.html")]
struct EditPage {
    chrome: Chrome,
    id: String,
    publishes: bool,
    form: ServiceForm,
    errors: FormErrors,
    pending: bool,
    checked: String,
}

async fn editable(state: &AppState, viewer: &Viewer, id: &str) -> AppResult<(Scope, Service)> {
    let scope = Scope::of(state, viewer).await?;
    let service = state.store.service(id).await?.ok_or(AppError::NotFound)?;
    if !scope.allows(&service) {
        return Err(AppError::Forbidden);
    }
    Ok((scope, service))
}

async fn edit_page(
    state: &AppState,
    viewer: &Viewer,
    scope: &Scope,
    service: &Service,
    form: ServiceForm,
    errors: FormErrors,
) -> AppResult<Response> {
    let pending = state.store.pending_changes().await?.iter().any(|c| c.service_id == service.id);
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let page = EditPage {
        chrome: Chrome::build(state, viewer, "/directory/services").await,
        id: service.id.clone(),
        publishes: scope.publishes(),
        form,
        errors,
        pending,
        checked: checked_label(service),
    };
    Ok((status, render(&page)?).into_response())
}

pub async fn edit_form(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let (scope, service) = editable(&state, &viewer, &id).await?;
    edit_page(&state, &viewer, &scope, &service, ServiceForm::from_service(&service), FormErrors::default()).await
}

pub async fn edit_submit(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path(id): Path<String>,
    Form(form): Form<ServiceForm>,
) -> AppResult<Response> {
    let (scope, service) = editable(&state, &viewer, &id).await?;
    let edited = match apply(&state, &form, &service).await? {
        Ok(edited) => edited,
        Err(errors) => return edit_page(&state, &viewer, &scope, &service, form, errors).await,
    };
    let ctx = viewer.audit(&state);
    let user = viewer.user.as_ref().ok_or(AppError::Forbidden)?;
    if scope.publishes() {
        state.store.publish_edit(&ctx, &edited, &user.user.email).await?;
        Ok(Redirect::to(&format!("/find-support/services/{id}")).into_response())
    } else {
        state.store.propose_change(&ctx, &edited, &user.user.id).await?;
        Ok(Redirect::to("/directory/services?sent=1").into_response())
    }
}

/// A directory editor confirms an entry is still right, which resets its review date.
pub async fn mark_checked(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let user = viewer.user.as_ref().ok_or(AppError::Forbidden)?;
    state.store.mark_checked(&viewer.audit(&state), &id, &user.user.email).await?;
    Ok(Redirect::to("/directory?done=1").into_response())
}
