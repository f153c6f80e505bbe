//! Finding someone, and making a record for someone new without making a twin.

use super::long_date;
use crate::AppState;
use crate::chrome::{Chrome, render};
use crate::errors::AppResult;
use crate::forms::{Problems, parse_uk_date};
use crate::session::Viewer;
use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use hearth_domain::people::matching::Identity;
use hearth_domain::people::nhs_number::NhsNumber;
use hearth_domain::people::record::{Address, PersonDetails};
use hearth_store::people::search::{PersonHit, PersonQuery};
use serde::Deserialize;

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct SearchForm {
    pub name: String,
    pub date_of_birth: String,
    pub nhs_number: String,
    pub postcode: String,
}

pub struct HitView {
    pub id: String,
    pub name: String,
    pub reference: String,
    pub born: String,
    pub postcode: String,
    pub restricted: bool,
    pub died: bool,
    pub why: String,
}

/// People found, as lists show them. A restricted record the viewer may not open shows only
/// that one matched: not whose it is, nor its reference (that it exists, and whose, is what the
/// restriction keeps).
pub async fn hit_views(state: &AppState, viewer: &Viewer, hits: Vec<PersonHit>) -> AppResult<Vec<HitView>> {
    let mut out = Vec::with_capacity(hits.len());
    // Last, so that where it falls among the names does not hint at whose it is.
    let mut restricted = Vec::new();
    for h in hits {
        if h.person.restricted && crate::records::may_open(state, viewer, &h.person.id).await?.is_none() {
            restricted.push(HitView {
                id: String::new(),
                name: "A restricted record".into(),
                reference: String::new(),
                born: String::new(),
                postcode: String::new(),
                restricted: true,
                died: false,
                why: h.reasons.join(", "),
            });
            continue;
        }
        out.push(hit_view(h));
    }
    out.append(&mut restricted);
    Ok(out)
}

/// A person found, in full: for the information governance lead, whose role is to see them.
pub fn hit_view(h: PersonHit) -> HitView {
    HitView {
        name: h.person.display_name(),
        born: h.person.date_of_birth.map(long_date).unwrap_or_else(|| "Not known".into()),
        postcode: h.person.postcode.clone().unwrap_or_default(),
        restricted: h.person.restricted,
        died: h.person.date_of_death.is_some(),
        why: h.reasons.join(", "),
        id: h.person.id.to_string(),
        reference: h.person.reference,
    }
}

#[derive(Template)]
#[template(path = "people/people_search.html")]
struct SearchPage {
    chrome: Chrome,
    f: SearchForm,
    errors: Problems,
    searched: bool,
    hits: Vec<HitView>,
    new_link: String,
}

/// Reads the search form; problems go to `errors`.
fn query(f: &SearchForm, errors: &mut Problems) -> PersonQuery {
    let text = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
    let date_of_birth = text(&f.date_of_birth).and_then(|d| {
        let parsed = parse_uk_date(&d);
        if parsed.is_none() {
            errors.add("date_of_birth", "Enter a date of birth like 14/03/1941");
        }
        parsed
    });
    let nhs_number = text(&f.nhs_number).and_then(|n| match NhsNumber::parse(&n) {
        Ok(n) => Some(n.digits().to_owned()),
        Err(e) => {
            errors.add("nhs_number", e.to_string());
            None
        }
    });
    let postcode = text(&f.postcode).and_then(|p| match hearth_domain::directory::postcode::Postcode::parse(&p) {
        Ok(p) => Some(p.as_str().to_owned()),
        Err(_) => {
            errors.add("postcode", "Enter a full postcode, like QW1 1AA");
            None
        }
    });
    PersonQuery { name: text(&f.name), date_of_birth, nhs_number, postcode }
}

pub async fn search(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Query(f): Query<SearchForm>,
) -> AppResult<Response> {
    let mut errors = Problems::default();
    let q = query(&f, &mut errors);
    let searched = !q.is_empty() && errors.is_empty();
    let hits = if searched {
        let hits = state.store.people().search_people(&q, 50).await?;
        // Searches are audited: who looked for whom is part of the record of access.
        let entry = hearth_store::AuditEntry::new("people-searched").details(serde_json::json!({
            "name": q.name, "date_of_birth": q.date_of_birth, "nhs_number": q.nhs_number.is_some(),
            "postcode": q.postcode, "results": hits.len(),
        }));
        state.store.audit(&viewer.audit(&state), entry).await?;
        hit_views(&state, &viewer, hits).await?
    } else {
        Vec::new()
    };
    // Built before the next await: the serializer is not Send.
    let new_link = {
        let (given, family) = f.name.trim().rsplit_once(' ').unwrap_or(("", f.name.trim()));
        url::form_urlencoded::Serializer::new(String::new())
            .append_pair("given_name", given)
            .append_pair("family_name", family)
            .append_pair("date_of_birth", &f.date_of_birth)
            .finish()
    };
    let status = crate::forms::status(&errors);
    let page = SearchPage {
        chrome: Chrome::build(&state, &viewer, "/people").await,
        f,
        errors,
        searched,
        hits,
        new_link: format!("/people/new?{new_link}"),
    };
    Ok((status, render(&page)?).into_response())
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct NewPersonForm {
    pub given_name: String,
    pub family_name: String,
    pub date_of_birth: String,
    pub nhs_number: String,
    pub line_1: String,
    pub line_2: String,
    pub town: String,
    pub postcode: String,
    pub phone: String,
    /// "yes" once they have seen the likely duplicates and say this is someone else.
    pub confirm_new: String,
}

#[derive(Template)]
#[template(path = "people/people_new.html")]
struct NewPage {
    chrome: Chrome,
    f: NewPersonForm,
    errors: Problems,
    twins: Vec<HitView>,
}

pub async fn new_form(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Query(f): Query<NewPersonForm>,
) -> AppResult<Response> {
    render(&NewPage {
        chrome: Chrome::build(&state, &viewer, "/people").await,
        f,
        errors: Problems::default(),
        twins: Vec::new(),
    })
}

/// The typed details of a new person, with any problems.
pub fn read_new(
    f: &NewPersonForm,
    today: chrono::NaiveDate,
    errors: &mut Problems,
) -> (PersonDetails, Option<Address>) {
    let text = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
    let date_of_birth = text(&f.date_of_birth).and_then(|d| {
        let parsed = parse_uk_date(&d);
        if parsed.is_none() {
            errors.add("date_of_birth", "Enter a date of birth like 14/03/1941, or leave it empty if not known");
        }
        parsed
    });
    let details = PersonDetails {
        given_name: f.given_name.trim().to_owned(),
        family_name: f.family_name.trim().to_owned(),
        date_of_birth,
        nhs_number: text(&f.nhs_number),
        phone: text(&f.phone),
        ..Default::default()
    };
    errors.extend(details.check(today));
    let address = text(&f.line_1).map(|line_1| Address {
        line_1,
        line_2: text(&f.line_2),
        town: text(&f.town),
        postcode: text(&f.postcode),
        ..Default::default()
    });
    if address.is_none() && (text(&f.postcode).is_some() || text(&f.town).is_some()) {
        errors.add("line_1", "Enter the first line of the address, or leave the address empty");
    }
    if let Some(a) = &address {
        errors.extend(a.check());
    }
    (details, address)
}

pub async fn new_submit(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Form(f): Form<NewPersonForm>,
) -> AppResult<Response> {
    let mut errors = Problems::default();
    let (details, address) = read_new(&f, super::today(&state), &mut errors);
    let mut twins = Vec::new();
    if errors.is_empty() && f.confirm_new != "yes" {
        let nhs = details.nhs();
        let postcode = address.as_ref().and_then(|a| a.postcode.clone());
        let identity = Identity {
            given_name: &details.given_name,
            family_name: &details.family_name,
            other_names: None,
            date_of_birth: details.date_of_birth,
            nhs_number: nhs.as_ref().map(|n| n.digits()),
            postcode: postcode.as_deref(),
        };
        twins = hit_views(&state, &viewer, state.store.people().likely_duplicates(&identity).await?).await?;
    }
    if !errors.is_empty() || !twins.is_empty() {
        let status = if errors.is_empty() { axum::http::StatusCode::OK } else { crate::forms::status(&errors) };
        let page = NewPage { chrome: Chrome::build(&state, &viewer, "/people").await, f, errors, twins };
        return Ok((status, render(&page)?).into_response());
    }
    let ctx = viewer.audit(&state);
    let record = state.store.people().create_person(&ctx, details, address.as_ref()).await?;
    // Whoever made the record may open it for a week, until the person is allocated.
    if let Some(me) = viewer.user_id() {
        let until = ctx.now + chrono::Duration::days(7);
        state
            .store
            .people()
            .grant_access(&ctx, &record.id, me, "Made this record, until it is allocated", Some(until))
            .await?;
    }
    Ok(Redirect::to(&format!("/people/{}", record.id)).into_response())
}
