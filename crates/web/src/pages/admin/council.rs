//! The council's details that residents see: its name, the service's name, and how to reach it
//! (the front door's number and hours, the safeguarding and out-of-hours lines, and the privacy
//! contact). Each is a setting; until one is set, the public pages leave it out.

use crate::AppState;
use crate::chrome::{Chrome, render};
use crate::errors::AppResult;
use crate::forms::{Problems, TypedForm};
use crate::session::Viewer;
use askama::Template;
use axum::Extension;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use hearth_domain::email::EmailAddress;
use hearth_domain::people::record::plausible_phone;
use serde::Deserialize;

/// The settings this page sets, in the order the form asks.
const COUNCIL_KEYS: [&str; 8] = [
    "council_name",
    "service_name",
    "contact_phone",
    "contact_hours",
    "safeguarding_phone",
    "out_of_hours_phone",
    "privacy_email",
    "council_address",
];

/// The council's details as the form sends them (field names are the settings' keys).
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct CouncilForm {
    edit_token: String,
    #[serde(deserialize_with = "crate::forms::trimmed")]
    council_name: String,
    #[serde(deserialize_with = "crate::forms::trimmed")]
    service_name: String,
    #[serde(deserialize_with = "crate::forms::trimmed")]
    contact_phone: String,
    #[serde(deserialize_with = "crate::forms::trimmed")]
    contact_hours: String,
    #[serde(deserialize_with = "crate::forms::trimmed")]
    safeguarding_phone: String,
    #[serde(deserialize_with = "crate::forms::trimmed")]
    out_of_hours_phone: String,
    #[serde(deserialize_with = "crate::forms::trimmed")]
    privacy_email: String,
    /// The address letters give for writing back, a line each.
    #[serde(deserialize_with = "crate::forms::trimmed")]
    council_address: String,
}

impl CouncilForm {
    fn values(&self) -> [String; 8] {
        [
            self.council_name.clone(),
            self.service_name.clone(),
            self.contact_phone.clone(),
            self.contact_hours.clone(),
            self.safeguarding_phone.clone(),
            self.out_of_hours_phone.clone(),
            self.privacy_email.clone(),
            self.council_address.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n"),
        ]
    }

    /// Every problem at once: a name is needed; a number or email address, when given, must be
    /// one people can use.
    fn problems(&self) -> Problems {
        let mut p = Problems::default();
        p.check(self.council_name.is_empty(), "council_name", "Enter the council's name");
        p.check(
            self.council_name.chars().count() > 120,
            "council_name",
            "The council's name must be 120 characters or fewer",
        );
        p.check(
            self.service_name.chars().count() > 80,
            "service_name",
            "The service's name must be 80 characters or fewer",
        );
        for (field, number, what) in [
            ("contact_phone", &self.contact_phone, "the front door's number"),
            ("safeguarding_phone", &self.safeguarding_phone, "the number for worries about abuse or neglect"),
            ("out_of_hours_phone", &self.out_of_hours_phone, "the out-of-hours number"),
        ] {
            p.check(
                !number.is_empty() && !plausible_phone(number),
                field,
                format!("Enter {what} as a UK phone number, like 01632 960 123, or leave it empty"),
            );
        }
        p.check(
            self.council_address.lines().filter(|l| !l.trim().is_empty()).count() > 8,
            "council_address",
            "Enter the address in 8 lines or fewer",
        );
        p.check(
            !self.privacy_email.is_empty() && EmailAddress::parse(&self.privacy_email).is_err(),
            "privacy_email",
            "Enter an email address like dataprotection@council.gov.uk, or leave it empty",
        );
        p
    }
}

#[derive(Template)]
#[template(path = "admin/admin_council.html")]
struct CouncilPage {
    chrome: Chrome,
    f: CouncilForm,
    errors: Problems,
    saved: bool,
}

async fn as_set(state: &AppState) -> AppResult<CouncilForm> {
    let set = state.store.settings().settings_of(&COUNCIL_KEYS).await?;
    let value = |key: &str| set.get(key).cloned().unwrap_or_default();
    Ok(CouncilForm {
        edit_token: state.store.settings().settings_token(&COUNCIL_KEYS).await?.to_string(),
        council_name: value("council_name"),
        service_name: value("service_name"),
        contact_phone: value("contact_phone"),
        contact_hours: value("contact_hours"),
        safeguarding_phone: value("safeguarding_phone"),
        out_of_hours_phone: value("out_of_hours_phone"),
        privacy_email: value("privacy_email"),
        council_address: value("council_address"),
    })
}

pub async fn form(State(state): State<AppState>, Extension(viewer): Extension<Viewer>) -> AppResult<Response> {
    let f = as_set(&state).await?;
    let chrome = Chrome::build(&state, &viewer, "/admin/council").await;
    render(&CouncilPage { chrome, f, errors: Problems::default(), saved: false })
}

pub async fn submit(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    TypedForm(mut f): TypedForm<CouncilForm>,
) -> AppResult<Response> {
    let mut errors = f.problems();
    if errors.is_empty() {
        let pairs: Vec<(&str, String)> = COUNCIL_KEYS.into_iter().zip(f.values()).collect();
        let expected = crate::edits::sent(&f.edit_token);
        match state.store.settings().set_settings(&viewer.audit(&state), &pairs, Some(&expected)).await {
            Ok(()) => f = as_set(&state).await?,
            Err(hearth_store::StoreError::Stale) => {
                let message =
                    crate::edits::changed_meanwhile(&state, &viewer, "setting", &COUNCIL_KEYS, "the council's details")
                        .await?;
                errors.add(crate::edits::CHANGED, message);
                f.edit_token = state.store.settings().settings_token(&COUNCIL_KEYS).await?.to_string();
            }
            Err(e) => return Err(e.into()),
        }
    }
    let saved = errors.is_empty();
    let status = crate::forms::status(&errors);
    // Built after saving, so the page shows the name just set.
    let chrome = Chrome::build(&state, &viewer, "/admin/council").await;
    Ok((status, render(&CouncilPage { chrome, f, errors, saved })?).into_response())
}
