//! "Ask for help": the public form (no account, no JavaScript needed) that puts a contact in the
//! front door's queue, the same form staff use on the phone.

use crate::AppState;
use crate::chrome::{Chrome, render};
use crate::errors::AppResult;
use crate::forms::Problems;
use crate::pages::front_door::{ContactFields, ContactLists, lists};
use crate::pages::people::today;
use crate::session::Viewer;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Form};
use hearth_domain::front_door::{Filler, Urgency};

#[derive(Template)]
#[template(path = "front_door/ask_for_help.html")]
struct AskPage {
    chrome: Chrome,
    f: ContactFields,
    l: ContactLists,
    staff: bool,
    errors: Problems,
}

#[derive(Template)]
#[template(path = "front_door/ask_for_help_sent.html")]
struct SentPage {
    chrome: Chrome,
    reference: String,
    today: bool,
}

/// Which way in the resident took: `?for=carer` is the carer's, asking for support for themselves.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct WayIn {
    #[serde(rename = "for")]
    asking_as: String,
    /// Answers carried from "Check if you could get help", so nobody asks twice.
    what: String,
}

pub async fn form(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Query(way_in): Query<WayIn>,
) -> AppResult<Response> {
    let mut f = if way_in.asking_as == "carer" {
        // A carer's assessment is about the carer: they ask for themselves.
        ContactFields { carer: "yes".into(), for_self: "yes".into(), ..Default::default() }
    } else {
        ContactFields::default()
    };
    if !way_in.what.trim().is_empty() {
        // The check is about the person themselves; what it found starts their story.
        f.for_self = "yes".into();
        f.what_is_happening = way_in.what.chars().take(2000).collect();
    }
    render(&AskPage {
        chrome: Chrome::build(&state, &viewer, "/ask-for-help").await,
        l: lists(&f),
        f,
        staff: false,
        errors: Problems::default(),
    })
}

pub async fn submit(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Form(f): Form<ContactFields>,
) -> AppResult<Response> {
    let mut errors = Problems::default();
    let form = f.read(Filler::Resident, today(&state), &mut errors);
    if errors.is_empty()
        && !state.store.accounts().take(crate::limits::ASK_FOR_HELP, &viewer.client_addr, state.clock.now()).await?
    {
        errors.add("what_is_happening", "We have had several requests from here today. Please phone us instead");
    }
    if errors.is_empty() {
        match state.store.front_door().record_contact(&viewer.audit(&state), &form, Filler::Resident, None).await {
            Ok(contact) => {
                let page = SentPage {
                    chrome: Chrome::build(&state, &viewer, "/ask-for-help").await,
                    reference: contact.reference,
                    today: contact.urgency == Urgency::Today,
                };
                return render(&page);
            }
            Err(e) => {
                errors.extend(crate::forms::refusal(e)?);
            }
        }
    }
    let page = AskPage {
        chrome: Chrome::build(&state, &viewer, "/ask-for-help").await,
        l: lists(&f),
        f,
        staff: false,
        errors,
    };
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
}
