//! An entry's details: what it is, who runs it, how to get in touch, who it is for and what it
//! costs. Also adding a new entry, which starts with its name, organisation and description.

use super::{Entry, Saved, Scope, base, load, new_id, optional, save, token_now};
use crate::AppState;
use crate::chrome::{Chrome, render};
use crate::errors::{AppError, AppResult};
use crate::forms::Problems;
use crate::session::Viewer;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use hearth_domain::directory::editing::{Part, part_token};
use hearth_domain::directory::hsds::{Contact, CostOption, Phone, Service};
use hearth_domain::email::EmailAddress;
use hearth_store::{OrganizationId, ServiceId};
use serde::Deserialize;

pub use crate::pages::directory::find_support::cost_in_words;

/// An organisation the viewer may file an entry under.
pub struct OrganisationChoice {
    pub id: String,
    pub name: String,
    pub selected: bool,
}

async fn organisation_choices(state: &AppState, scope: &Scope, selected: &str) -> AppResult<Vec<OrganisationChoice>> {
    let mut choices: Vec<OrganisationChoice> = state
        .store
        .directory()
        .organizations()
        .await?
        .into_iter()
        .filter(|(id, _)| scope.allows_organization(id))
        .map(|(id, name)| OrganisationChoice { selected: id == selected, id: id.into(), name })
        .collect();
    // With only one to choose from, it is chosen.
    if let [only] = choices.as_mut_slice() {
        only.selected = true;
    }
    Ok(choices)
}

/// The details form's fields, as typed.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct DetailsForm {
    /// What the page started from (`crate::edits`).
    #[serde(default)]
    edit_token: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    organization_id: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    alert: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    url: String,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    application_process: String,
    #[serde(default)]
    contact_name: String,
    #[serde(default)]
    contact_title: String,
    #[serde(default)]
    contact_email: String,
    #[serde(default)]
    contact_phone: String,
    #[serde(default)]
    eligibility_description: String,
    #[serde(default)]
    minimum_age: String,
    #[serde(default)]
    maximum_age: String,
    /// "free", "charge" or "unknown".
    #[serde(default)]
    cost: String,
    #[serde(default)]
    cost_amount: String,
    #[serde(default)]
    cost_per: String,
    #[serde(default)]
    fees_description: String,
}

fn age_text(age: Option<f64>) -> String {
    age.map(|a| format!("{a}")).unwrap_or_default()
}

impl DetailsForm {
    fn from_service(s: &Service) -> DetailsForm {
        let contact = s.contacts.first();
        let cost = s.cost_options.first();
        DetailsForm {
            edit_token: part_token(s, &Part::DETAILS).to_string(),
            name: s.name.clone(),
            organization_id: s.organization_id.clone().map(String::from).unwrap_or_default(),
            description: s.description.clone().unwrap_or_default(),
            status: s.status.clone(),
            alert: s.alert.clone().unwrap_or_default(),
            email: s.email.clone().unwrap_or_default(),
            url: s.url.clone().unwrap_or_default(),
            phone: s.phones.first().map(|p| p.number.clone()).unwrap_or_default(),
            application_process: s.application_process.clone().unwrap_or_default(),
            contact_name: contact.and_then(|c| c.name.clone()).unwrap_or_default(),
            contact_title: contact.and_then(|c| c.title.clone()).unwrap_or_default(),
            contact_email: contact.and_then(|c| c.email.clone()).unwrap_or_default(),
            contact_phone: contact.and_then(|c| c.phones.first()).map(|p| p.number.clone()).unwrap_or_default(),
            eligibility_description: s.eligibility_description.clone().unwrap_or_default(),
            minimum_age: age_text(s.minimum_age),
            maximum_age: age_text(s.maximum_age),
            cost: match cost.and_then(|c| c.amount) {
                Some(a) if a > 0.0 => "charge",
                Some(_) => "free",
                None => "unknown",
            }
            .to_owned(),
            cost_amount: cost
                .and_then(|c| c.amount)
                .filter(|a| *a > 0.0)
                .map(|a| format!("{a:.2}"))
                .unwrap_or_default(),
            cost_per: cost.and_then(|c| c.amount_description.clone()).unwrap_or_default(),
            fees_description: s.fees_description.clone().unwrap_or_default(),
        }
    }
}

fn parse_age(text: &str, field: &'static str, label: &str, errors: &mut Problems) -> Option<f64> {
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

fn valid_phone(number: &str) -> bool {
    number.chars().all(|c| c.is_ascii_digit() || " +()-".contains(c))
        && number.chars().filter(char::is_ascii_digit).count() >= 6
}

/// Pounds and pence as typed ("2.50", "£2.50", "2"), to a sensible limit.
fn parse_pounds(text: &str) -> Option<f64> {
    let t = text.trim().trim_start_matches('£').replace(',', "");
    let (pounds, pence) = t.split_once('.').unwrap_or((&t, "0"));
    if pounds.is_empty()
        || !pounds.chars().all(|c| c.is_ascii_digit())
        || pence.len() > 2
        || !pence.chars().all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let value: f64 = format!("{pounds}.{pence}").parse().ok()?;
    (value > 0.0 && value < 100_000.0).then_some(value)
}

/// The name, description and status, checked; shared by the new-entry form.
fn apply_about(form: &DetailsForm, s: &mut Service, errors: &mut Problems) {
    if form.name.trim().is_empty() {
        errors.add("name", "Enter the service's name");
    } else if form.name.chars().count() > 200 {
        errors.add("name", "The name must be 200 characters or fewer");
    }
    s.name = form.name.trim().to_owned();
    s.description = optional(&form.description);
}

/// Applies the form to `service`, or says what is wrong with each field.
fn apply(form: &DetailsForm, service: &Service, scope: &Scope) -> Result<Service, Problems> {
    let mut errors = Problems::default();
    let mut s = service.clone();
    apply_about(form, &mut s, &mut errors);
    let chosen = OrganizationId::from(form.organization_id.as_str());
    if !form.organization_id.is_empty() && s.organization_id.as_ref() != Some(&chosen) {
        if scope.allows_organization(&chosen) {
            s.organization_id = Some(chosen);
            // The publishing store fills in the organisation as the directory holds it.
            s.organization = None;
        } else {
            errors.add("organization_id", "Choose one of your organisations");
        }
    }
    match form.status.as_str() {
        "active" | "temporarily closed" | "inactive" => s.status = form.status.clone(),
        _ => errors.add("status", "Choose whether the service is running"),
    }
    s.alert = optional(&form.alert);
    s.email = optional(&form.email);
    if let Some(email) = &s.email
        && EmailAddress::parse(email).is_err()
    {
        errors.add("email", "Enter an email address in the right form, like name@example.org");
    }
    s.url = optional(&form.url);
    if let Some(url) = &s.url
        && !(url.to_ascii_lowercase().starts_with("http") && hearth_domain::directory::hsds::safe_link(url))
    {
        errors.add("url", "Enter the website's full address, starting with https://");
    }
    match optional(&form.phone) {
        Some(number) => {
            if !valid_phone(&number) {
                errors.add("phone", "Enter a phone number, like 01632 960 123");
            }
            match s.phones.first_mut() {
                Some(phone) => phone.number = number,
                None => s.phones.push(Phone { id: new_id(), number, ..Default::default() }),
            }
        }
        None => {
            if !s.phones.is_empty() {
                s.phones.remove(0);
            }
        }
    }
    s.application_process = optional(&form.application_process);

    // A named contact: the first of the entry's contacts.
    let (name, title, email, phone) = (
        optional(&form.contact_name),
        optional(&form.contact_title),
        optional(&form.contact_email),
        optional(&form.contact_phone),
    );
    if let Some(e) = &email
        && EmailAddress::parse(e).is_err()
    {
        errors.add("contact_email", "Enter the contact's email address in the right form, like name@example.org");
    }
    if let Some(p) = &phone
        && !valid_phone(p)
    {
        errors.add("contact_phone", "Enter the contact's phone number, like 01632 960 123");
    }
    if name.is_none() && title.is_none() && email.is_none() && phone.is_none() {
        if !s.contacts.is_empty() {
            s.contacts.remove(0);
        }
    } else {
        if name.is_none() && title.is_none() {
            errors.add("contact_name", "Enter the contact's name or job title, or leave the contact empty");
        }
        if s.contacts.is_empty() {
            s.contacts.insert(0, Contact { id: new_id(), service_id: Some(s.id.clone()), ..Default::default() });
        }
        let contact = &mut s.contacts[0];
        contact.name = name;
        contact.title = title;
        contact.email = email;
        match phone {
            Some(number) => match contact.phones.first_mut() {
                Some(p) => p.number = number,
                None => contact.phones.push(Phone { id: new_id(), number, ..Default::default() }),
            },
            None => {
                if !contact.phones.is_empty() {
                    contact.phones.remove(0);
                }
            }
        }
    }

    s.eligibility_description = optional(&form.eligibility_description);
    s.minimum_age = parse_age(&form.minimum_age, "minimum_age", "The youngest age", &mut errors);
    s.maximum_age = parse_age(&form.maximum_age, "maximum_age", "The oldest age", &mut errors);
    if let (Some(min), Some(max)) = (s.minimum_age, s.maximum_age)
        && min > max
    {
        errors.add("maximum_age", "The oldest age must be the same as or more than the youngest age");
    }

    // The cost: the first cost option (others, from an import, are kept as they are).
    let first = s.cost_options.first().cloned();
    let replacement = match form.cost.as_str() {
        "free" => Some(CostOption {
            amount: Some(0.0),
            currency: Some("GBP".into()),
            option: Some("Free".into()),
            amount_description: None,
            ..first.clone().unwrap_or_else(|| CostOption {
                id: new_id(),
                service_id: Some(s.id.clone()),
                ..Default::default()
            })
        }),
        "charge" => match parse_pounds(&form.cost_amount) {
            Some(amount) => Some(CostOption {
                amount: Some(amount),
                currency: Some("GBP".into()),
                option: None,
                amount_description: optional(&form.cost_per),
                ..first.clone().unwrap_or_else(|| CostOption {
                    id: new_id(),
                    service_id: Some(s.id.clone()),
                    ..Default::default()
                })
            }),
            None => {
                errors.add("cost_amount", "Enter the charge in pounds and pence, like 2.50");
                None
            }
        },
        "unknown" => None,
        _ => {
            errors.add("cost", "Choose whether there is a charge");
            None
        }
    };
    if !s.cost_options.is_empty() {
        s.cost_options.remove(0);
    }
    if let Some(option) = replacement {
        s.cost_options.insert(0, option);
    }
    s.fees_description = optional(&form.fees_description);

    for problem in s.problems() {
        errors.add("name", format!("The entry cannot be saved as it is: {} {}", problem.field, problem.problem));
    }
    if errors.is_empty() { Ok(s) } else { Err(errors) }
}

#[derive(Template)]
#[template(path = "directory/directory_service_edit.html")]
struct EditPage {
    chrome: Chrome,
    id: ServiceId,
    publishes: bool,
    form: DetailsForm,
    organisations: Vec<OrganisationChoice>,
    token: String,
    errors: Problems,
    pending: bool,
}

async fn edit_page(
    state: &AppState,
    viewer: &Viewer,
    entry: &Entry,
    form: DetailsForm,
    errors: Problems,
) -> AppResult<Response> {
    let status = crate::forms::status(&errors);
    let page = EditPage {
        chrome: Chrome::build(state, viewer, "/directory/services").await,
        id: entry.id().clone(),
        publishes: entry.scope.publishes(),
        organisations: organisation_choices(state, &entry.scope, &form.organization_id).await?,
        token: form.edit_token.clone(),
        form,
        errors,
        pending: entry.copy.pending.is_some(),
    };
    Ok((status, render(&page)?).into_response())
}

pub async fn edit_form(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path(id): Path<ServiceId>,
) -> AppResult<Response> {
    let entry = load(&state, &viewer, &id).await?;
    let form = DetailsForm::from_service(entry.service());
    edit_page(&state, &viewer, &entry, form, Problems::default()).await
}

pub async fn edit_submit(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path(id): Path<ServiceId>,
    Form(form): Form<DetailsForm>,
) -> AppResult<Response> {
    let entry = load(&state, &viewer, &id).await?;
    match apply(&form, entry.service(), &entry.scope) {
        Ok(edited) => match save(&state, &viewer, &entry, edited, base(Part::DETAILS, &form.edit_token)).await? {
            Saved::Done(r) => Ok(r),
            Saved::ChangedMeanwhile(message) => {
                let mut errors = Problems::default();
                errors.add(crate::edits::CHANGED, message);
                let form = DetailsForm { edit_token: token_now(&entry, &Part::DETAILS), ..form };
                edit_page(&state, &viewer, &entry, form, errors).await
            }
        },
        Err(errors) => edit_page(&state, &viewer, &entry, form, errors).await,
    }
}

#[derive(Template)]
#[template(path = "directory/directory_service_new.html")]
struct NewPage {
    chrome: Chrome,
    publishes: bool,
    form: DetailsForm,
    organisations: Vec<OrganisationChoice>,
    errors: Problems,
}

async fn new_page(
    state: &AppState,
    viewer: &Viewer,
    scope: &Scope,
    form: DetailsForm,
    errors: Problems,
) -> AppResult<Response> {
    let status = crate::forms::status(&errors);
    let page = NewPage {
        chrome: Chrome::build(state, viewer, "/directory/services").await,
        publishes: scope.publishes(),
        organisations: organisation_choices(state, scope, &form.organization_id).await?,
        form,
        errors,
    };
    Ok((status, render(&page)?).into_response())
}

pub async fn new_form(State(state): State<AppState>, Extension(viewer): Extension<Viewer>) -> AppResult<Response> {
    let scope = Scope::of(&state, &viewer).await?;
    new_page(&state, &viewer, &scope, DetailsForm::default(), Problems::default()).await
}

/// Adds an entry: published at once by a directory editor; from a provider, sent for approval
/// (the public sees nothing until it is approved). The other parts are filled in afterwards.
pub async fn new_submit(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Form(form): Form<DetailsForm>,
) -> AppResult<Response> {
    let scope = Scope::of(&state, &viewer).await?;
    let mut errors = Problems::default();
    let mut service = Service { id: ServiceId::generate(), status: "active".into(), ..Default::default() };
    apply_about(&form, &mut service, &mut errors);
    if service.description.is_none() {
        errors.add("description", "Say what the service is, in plain words");
    }
    let chosen = Some(form.organization_id.as_str()).filter(|id| !id.is_empty()).map(OrganizationId::from);
    let organisation = match chosen {
        Some(id) if scope.allows_organization(&id) => state.store.directory().organization(&id).await?,
        _ => None,
    };
    match organisation {
        Some(org) => {
            service.organization_id = Some(org.id.clone());
            service.organization = Some(org);
        }
        None => errors.add("organization_id", "Choose the organisation that runs it"),
    }
    if !errors.is_empty() {
        return new_page(&state, &viewer, &scope, form, errors).await;
    }
    let ctx = viewer.audit(&state);
    let user = viewer.user.as_ref().ok_or(AppError::Forbidden)?;
    if scope.publishes() {
        state.store.directory().publish_edit(&ctx, &service, &user.user.email, None).await?;
    } else {
        state.store.directory().propose_change(&ctx, &service, &user.user.id, None).await?;
    }
    Ok(Redirect::to(&format!("/directory/services/{}?added=1", service.id)).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charges_are_read_in_pounds_and_pence() {
        assert_eq!(parse_pounds("2.50"), Some(2.5));
        assert_eq!(parse_pounds("£3"), Some(3.0));
        assert_eq!(parse_pounds("1,200.5"), Some(1200.5));
        for bad in ["", "0", "-2", "2.505", "two", "£", "1e3", "100000"] {
            assert_eq!(parse_pounds(bad), None, "{bad}");
        }
    }
}
