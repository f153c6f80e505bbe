//! The record's overview, the person's details, what matters to them, their addresses and
//! contacts, and breaking the glass.

use super::{Choice, Opened, RecordHeader, choices, long_date, pairs, today};
use crate::AppState;
use crate::chrome::{Chrome, render};
use crate::errors::{AppError, AppResult};
use crate::forms::{Problems, parse_uk_date, uk_time};
use crate::records::Record;
use crate::session::Viewer;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use hearth_domain::directory::editing::LANGUAGES;
use hearth_domain::people::codes::*;
use hearth_domain::people::record::{Address, PersonDetails};
use hearth_domain::people::tasks::Due;
use hearth_store::{ContactId, PersonId};
use serde::Deserialize;

/// Someone's name, from a list of staff.
pub async fn staff_names(state: &AppState) -> AppResult<std::collections::HashMap<String, String>> {
    Ok(state.store.accounts().users().await?.into_iter().map(|u| (u.id.to_string(), u.name)).collect())
}

pub struct ItemView {
    pub title: String,
    pub detail: String,
    pub href: String,
    pub late: bool,
}

#[derive(Template)]
#[template(path = "people/person_overview.html")]
struct OverviewPage {
    chrome: Chrome,
    header: RecordHeader,
    what_matters: String,
    strengths: String,
    facts: Vec<(&'static str, String)>,
    people: Vec<String>,
    allocation: String,
    conversations: Vec<ItemView>,
    tasks: Vec<ItemView>,
    notes: Vec<ItemView>,
}

pub async fn overview(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    record: Record,
    Path(id): Path<PersonId>,
) -> AppResult<Response> {
    let Opened { record, header, .. } = record.open(&state, &viewer, "overview", "").await?;
    let d = &record.details;
    let today = today(&state);
    let names = staff_names(&state).await?;
    let settings = super::practice_settings(&state).await?;
    let address = state.store.people().person_addresses(&id).await?.into_iter().find(|a| a.address.to.is_none());
    let language = d
        .first_language
        .as_deref()
        .map(|code| LANGUAGES.iter().find(|(c, _)| *c == code).map_or(code.to_owned(), |(_, n)| (*n).to_owned()));
    let mut facts = vec![
        ("Address", address.map(|a| a.address.one_line()).unwrap_or_else(|| "Not known".into())),
        ("Phone", d.phone.clone().unwrap_or_else(|| "Not known".into())),
        ("Likes to be contacted by", d.contact_preference.map_or("Not recorded".into(), |c| c.label().to_owned())),
    ];
    if let Some(l) = language {
        facts.push(("First language", if d.interpreter_needed { format!("{l} (needs an interpreter)") } else { l }));
    }
    if let Some(c) = d.communication_needs.clone().filter(|c| !c.trim().is_empty()) {
        facts.push(("Communication", c));
    }
    let mut people: Vec<String> = super::network::visible_relations(&state, &viewer, &id)
        .await?
        .into_iter()
        .filter(|r| r.main_carer || r.lives_with || r.next_of_kin)
        .map(|r| {
            let mut roles = Vec::new();
            if r.main_carer {
                roles.push("main carer");
            }
            if r.lives_with {
                roles.push("lives with them");
            }
            if r.next_of_kin {
                roles.push("next of kin");
            }
            format!("{} ({}): {}", r.name, r.relationship().to_lowercase(), roles.join(", "))
        })
        .collect();
    people.extend(
        state.store.people().representatives(&id, today).await?.into_iter().filter(|r| r.to_date.is_none()).map(|r| {
            format!("{}: {}{}", r.name, r.authority.label(), if r.confirmed { "" } else { " (document not yet seen)" })
        }),
    );
    let allocation = match state.store.people().allocations(&id).await?.into_iter().find(|a| a.ended_at.is_none()) {
        Some(a) => {
            let team = state.store.people().team(&a.team_id).await?.map(|t| t.name).unwrap_or_default();
            match a.worker_id.and_then(|w| names.get(w.as_str()).cloned()) {
                Some(worker) => format!("{worker}, {team}"),
                None => format!("{team} (no worker yet)"),
            }
        }
        None => "Not allocated".to_owned(),
    };
    let conversations = state
        .store
        .people()
        .conversations(&id)
        .await?
        .into_iter()
        .filter(|c| c.open)
        .map(|c| ItemView {
            title: settings.labels.of(c.kind).to_owned(),
            detail: match c.review_by {
                Some(r) => format!("Started {}. Review by {}", long_date(c.started_on), long_date(r)),
                None => format!("Started {}", long_date(c.started_on)),
            },
            late: c.review_by.is_some_and(|r| r < today),
            href: format!("/people/{id}/work"),
        })
        .collect();
    let tasks = state
        .store
        .people()
        .tasks_for(&id)
        .await?
        .into_iter()
        .filter(|t| t.open)
        .map(|t| {
            let due = Due::of(Some(t.due_on), today);
            ItemView {
                title: t.title,
                detail: format!("{}: {}", t.owner_name, due.words()),
                late: due.is_late(),
                href: format!("/people/{id}/work"),
            }
        })
        .collect();
    let notes = state
        .store
        .people()
        .notes_for(&id, true, 1, 3)
        .await?
        .0
        .into_iter()
        .map(|n| ItemView {
            title: n.kind.label().to_owned(),
            detail: format!("{}: {}", uk_time(n.happened_at), n.body.chars().take(160).collect::<String>()),
            href: format!("/people/{id}/notes/{}", n.id),
            late: false,
        })
        .collect();
    render(&OverviewPage {
        chrome: Chrome::build(&state, &viewer, "/people").await,
        header,
        what_matters: record.what_matters.clone().unwrap_or_default(),
        strengths: record.strengths.clone().unwrap_or_default(),
        facts,
        people,
        allocation,
        conversations,
        tasks,
        notes,
    })
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct DetailsForm {
    pub version: String,
    pub given_name: String,
    pub family_name: String,
    pub other_names: String,
    pub preferred_name: String,
    pub date_of_birth: String,
    pub date_of_death: String,
    pub nhs_number: String,
    pub gender: String,
    pub gender_own_words: String,
    pub pronouns: String,
    pub ethnicity: String,
    pub first_language: String,
    pub interpreter_needed: String,
    pub communication_needs: String,
    pub contact_preference: String,
    pub phone: String,
    pub email: String,
    pub gp_practice: String,
    pub gp_practice_code: String,
    pub primary_support_reason: String,
    pub accommodation_status: String,
    pub employment_status: String,
    pub visual_impairment: String,
    pub hearing_impairment: String,
    pub autism: String,
    pub dementia: String,
}

fn date_text(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.format("%d/%m/%Y").to_string()).unwrap_or_default()
}

impl DetailsForm {
    fn from_record(version: i32, d: &PersonDetails) -> DetailsForm {
        let key = |k: Option<&'static str>| k.unwrap_or_default().to_owned();
        DetailsForm {
            version: version.to_string(),
            given_name: d.given_name.clone(),
            family_name: d.family_name.clone(),
            other_names: d.other_names.clone().unwrap_or_default(),
            preferred_name: d.preferred_name.clone().unwrap_or_default(),
            date_of_birth: date_text(d.date_of_birth),
            date_of_death: date_text(d.date_of_death),
            nhs_number: d.nhs().map(|n| n.to_string()).unwrap_or_default(),
            gender: key(d.gender.map(Gender::key)),
            gender_own_words: d.gender_own_words.clone().unwrap_or_default(),
            pronouns: d.pronouns.clone().unwrap_or_default(),
            ethnicity: key(d.ethnicity.map(Ethnicity::key)),
            first_language: d.first_language.clone().unwrap_or_default(),
            interpreter_needed: if d.interpreter_needed { "yes".into() } else { String::new() },
            communication_needs: d.communication_needs.clone().unwrap_or_default(),
            contact_preference: key(d.contact_preference.map(ContactPreference::key)),
            phone: d.phone.clone().unwrap_or_default(),
            email: d.email.clone().unwrap_or_default(),
            gp_practice: d.gp_practice.clone().unwrap_or_default(),
            gp_practice_code: d.gp_practice_code.clone().unwrap_or_default(),
            primary_support_reason: key(d.primary_support_reason.map(PrimarySupportReason::key)),
            accommodation_status: key(d.accommodation_status.map(AccommodationStatus::key)),
            employment_status: key(d.employment_status.map(EmploymentStatus::key)),
            visual_impairment: key(d.visual_impairment.map(VisualImpairment::key)),
            hearing_impairment: key(d.hearing_impairment.map(HearingImpairment::key)),
            autism: key(d.autism.map(YesNoUnknown::key)),
            dementia: key(d.dementia.map(YesNoUnknown::key)),
        }
    }

    fn read(&self, today: chrono::NaiveDate, errors: &mut Problems) -> PersonDetails {
        let text = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
        let mut date = |field: &'static str, s: &str| {
            text(s).and_then(|d| {
                let parsed = parse_uk_date(&d);
                if parsed.is_none() {
                    errors.add(field, "Enter a date like 14/03/1941");
                }
                parsed
            })
        };
        let date_of_birth = date("date_of_birth", &self.date_of_birth);
        let date_of_death = date("date_of_death", &self.date_of_death);
        let details = PersonDetails {
            given_name: self.given_name.trim().to_owned(),
            family_name: self.family_name.trim().to_owned(),
            other_names: text(&self.other_names),
            preferred_name: text(&self.preferred_name),
            date_of_birth,
            date_of_death,
            nhs_number: text(&self.nhs_number),
            gender: Gender::from_key(&self.gender),
            gender_own_words: text(&self.gender_own_words),
            pronouns: text(&self.pronouns),
            ethnicity: Ethnicity::from_key(&self.ethnicity),
            first_language: text(&self.first_language),
            interpreter_needed: self.interpreter_needed == "yes",
            communication_needs: text(&self.communication_needs),
            contact_preference: ContactPreference::from_key(&self.contact_preference),
            phone: text(&self.phone),
            email: text(&self.email),
            gp_practice: text(&self.gp_practice),
            gp_practice_code: text(&self.gp_practice_code).map(|c| c.to_ascii_uppercase()),
            primary_support_reason: PrimarySupportReason::from_key(&self.primary_support_reason),
            accommodation_status: AccommodationStatus::from_key(&self.accommodation_status),
            employment_status: EmploymentStatus::from_key(&self.employment_status),
            visual_impairment: VisualImpairment::from_key(&self.visual_impairment),
            hearing_impairment: HearingImpairment::from_key(&self.hearing_impairment),
            autism: YesNoUnknown::from_key(&self.autism),
            dementia: YesNoUnknown::from_key(&self.dementia),
        };
        errors.extend(details.check(today));
        details
    }
}

#[derive(Template)]
#[template(path = "people/person_details.html")]
struct DetailsPage {
    chrome: Chrome,
    header: RecordHeader,
    f: DetailsForm,
    errors: Problems,
    ethnicity: Vec<Choice>,
    languages: Vec<Choice>,
    support_reason: Vec<Choice>,
    accommodation: Vec<Choice>,
    employment: Vec<Choice>,
    visual: Vec<Choice>,
    hearing: Vec<Choice>,
    genders: Vec<(&'static str, &'static str)>,
    contact: Vec<(&'static str, &'static str)>,
    yes_no: Vec<(&'static str, &'static str)>,
    addresses: Vec<(String, String)>,
}

fn details_page(
    chrome: Chrome,
    header: RecordHeader,
    f: DetailsForm,
    errors: Problems,
    addresses: Vec<(String, String)>,
) -> DetailsPage {
    let mut languages =
        vec![Choice { value: String::new(), label: "Not recorded".into(), selected: f.first_language.is_empty() }];
    languages.extend(LANGUAGES.iter().map(|(code, name)| Choice {
        value: (*code).to_owned(),
        label: (*name).to_owned(),
        selected: f.first_language == *code,
    }));
    DetailsPage {
        ethnicity: choices(Ethnicity::from_key(&f.ethnicity), Some("Not recorded")),
        support_reason: choices(PrimarySupportReason::from_key(&f.primary_support_reason), Some("Not recorded")),
        accommodation: choices(AccommodationStatus::from_key(&f.accommodation_status), Some("Not recorded")),
        employment: choices(EmploymentStatus::from_key(&f.employment_status), Some("Not recorded")),
        visual: choices(VisualImpairment::from_key(&f.visual_impairment), Some("Not recorded")),
        hearing: choices(HearingImpairment::from_key(&f.hearing_impairment), Some("Not recorded")),
        genders: pairs::<Gender>(),
        contact: pairs::<ContactPreference>(),
        yes_no: pairs::<YesNoUnknown>(),
        languages,
        chrome,
        header,
        f,
        errors,
        addresses,
    }
}

async fn address_lines(state: &AppState, id: &PersonId) -> AppResult<Vec<(String, String)>> {
    Ok(state
        .store
        .people()
        .person_addresses(id)
        .await?
        .into_iter()
        .map(|a| {
            let when = match (a.address.from, a.address.to) {
                (Some(f), Some(t)) => format!("{} to {}", long_date(f), long_date(t)),
                (Some(f), None) => format!("Since {}", long_date(f)),
                (None, Some(t)) => format!("Until {}", long_date(t)),
                (None, None) => "Now".to_owned(),
            };
            let uprn = a.address.uprn.as_ref().map(|u| format!(" (UPRN {u})")).unwrap_or_default();
            (format!("{}{uprn}", a.address.one_line()), when)
        })
        .collect())
}

pub async fn details_form(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    record: Record,
    Path(id): Path<PersonId>,
) -> AppResult<Response> {
    let Opened { record, header, .. } = record.open(&state, &viewer, "details", "/details").await?;
    let f = DetailsForm::from_record(record.version, &record.details);
    let addresses = address_lines(&state, &id).await?;
    render(&details_page(Chrome::build(&state, &viewer, "/people").await, header, f, Problems::default(), addresses))
}

pub async fn details_submit(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    record: Record,
    Path(id): Path<PersonId>,
    Form(f): Form<DetailsForm>,
) -> AppResult<Response> {
    let mut errors = Problems::default();
    let details = f.read(today(&state), &mut errors);
    let version: i32 = f.version.parse().unwrap_or(0);
    if errors.is_empty() {
        match state.store.people().update_person_details(&viewer.audit(&state), &id, version, details).await {
            Ok(_) => return Ok(Redirect::to(&format!("/people/{id}")).into_response()),
            Err(hearth_store::StoreError::Stale) => {
                let message =
                    crate::edits::changed_meanwhile(&state, &viewer, "person", &[id.as_str()], "their details").await?;
                errors.add(crate::edits::CHANGED, message);
            }
            Err(e) => {
                errors.extend(crate::forms::refusal(e)?);
            }
        }
    }
    let Opened { header, record: now, .. } = record.open(&state, &viewer, "details", "/details").await?;
    // Saving again from here saves over what is there now, as the notice says.
    let f = if errors.get(crate::edits::CHANGED).is_some() {
        DetailsForm { version: now.version.to_string(), ..f }
    } else {
        f
    };
    let addresses = address_lines(&state, &id).await?;
    let status = crate::forms::status(&errors);
    let page = details_page(Chrome::build(&state, &viewer, "/people").await, header, f, errors, addresses);
    Ok((status, render(&page)?).into_response())
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct StoryForm {
    /// What the page started from (`crate::edits`).
    pub edit_token: String,
    pub what_matters: String,
    pub strengths: String,
}

#[derive(Template)]
#[template(path = "people/person_story.html")]
struct StoryPage {
    chrome: Chrome,
    header: RecordHeader,
    f: StoryForm,
    errors: Problems,
}

pub async fn story_form(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    record: Record,
) -> AppResult<Response> {
    let Opened { record, header, .. } = record.open(&state, &viewer, "story", "").await?;
    let f = StoryForm {
        edit_token: record.story_token().to_string(),
        what_matters: record.what_matters.unwrap_or_default(),
        strengths: record.strengths.unwrap_or_default(),
    };
    render(&StoryPage {
        chrome: Chrome::build(&state, &viewer, "/people").await,
        header,
        f,
        errors: Problems::default(),
    })
}

pub async fn story_submit(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    record: Record,
    Path(id): Path<PersonId>,
    Form(f): Form<StoryForm>,
) -> AppResult<Response> {
    let text = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
    let expected = crate::edits::sent(&f.edit_token);
    let saved = state
        .store
        .people()
        .set_person_story(&viewer.audit(&state), &id, text(&f.what_matters), text(&f.strengths), Some(&expected))
        .await;
    match saved {
        Ok(()) => {
            state
                .store
                .people()
                .discard_draft(viewer.user_id().ok_or(AppError::Forbidden)?, &format!("story:{id}"))
                .await?;
            Ok(Redirect::to(&format!("/people/{id}")).into_response())
        }
        Err(hearth_store::StoreError::Stale) => {
            let mut errors = Problems::default();
            let message = crate::edits::changed_meanwhile(
                &state,
                &viewer,
                "person",
                &[id.as_str()],
                "what matters to them or their strengths",
            )
            .await?;
            errors.add(crate::edits::CHANGED, message);
            let Opened { record, header, .. } = record.open(&state, &viewer, "story", "").await?;
            let f = StoryForm { edit_token: record.story_token().to_string(), ..f };
            let page = StoryPage { chrome: Chrome::build(&state, &viewer, "/people").await, header, f, errors };
            Ok((axum::http::StatusCode::CONFLICT, render(&page)?).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct AddressForm {
    pub line_1: String,
    pub line_2: String,
    pub town: String,
    pub postcode: String,
    pub uprn: String,
    pub from: String,
}

#[derive(Template)]
#[template(path = "people/person_address.html")]
struct AddressPage {
    chrome: Chrome,
    header: RecordHeader,
    f: AddressForm,
    errors: Problems,
}

pub async fn address_form(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    record: Record,
) -> AppResult<Response> {
    let Opened { header, .. } = record.open(&state, &viewer, "address", "/details").await?;
    render(&AddressPage {
        chrome: Chrome::build(&state, &viewer, "/people").await,
        header,
        f: AddressForm::default(),
        errors: Problems::default(),
    })
}

pub async fn address_submit(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    record: Record,
    Path(id): Path<PersonId>,
    Form(f): Form<AddressForm>,
) -> AppResult<Response> {
    let text = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
    let mut errors = Problems::default();
    let from = text(&f.from).and_then(|d| {
        let parsed = parse_uk_date(&d);
        if parsed.is_none() {
            errors.add("from", "Enter the day they moved in, like 01/04/2026");
        }
        parsed
    });
    let address = Address {
        line_1: f.line_1.trim().to_owned(),
        line_2: text(&f.line_2),
        town: text(&f.town),
        postcode: text(&f.postcode),
        uprn: text(&f.uprn),
        from,
        to: None,
    };
    errors.extend(address.check());
    if errors.is_empty() {
        state.store.people().add_person_address(&viewer.audit(&state), &id, &address).await?;
        return Ok(Redirect::to(&format!("/people/{id}/details")).into_response());
    }
    let Opened { header, .. } = record.open(&state, &viewer, "address", "/details").await?;
    let status = crate::forms::status(&errors);
    Ok((status, render(&AddressPage { chrome: Chrome::build(&state, &viewer, "/people").await, header, f, errors })?)
        .into_response())
}

pub struct ContactView {
    pub id: ContactId,
    pub reference: String,
    pub received: String,
    pub method: &'static str,
    pub why: String,
    pub outcome: String,
    pub status: &'static str,
}

#[derive(Template)]
#[template(path = "people/person_contacts.html")]
struct ContactsPage {
    chrome: Chrome,
    header: RecordHeader,
    contacts: Vec<ContactView>,
}

pub async fn contacts(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    record: Record,
    Path(id): Path<PersonId>,
) -> AppResult<Response> {
    let Opened { header, .. } = record.open(&state, &viewer, "contacts", "/contacts").await?;
    let contacts = state
        .store
        .front_door()
        .contacts_for(&id)
        .await?
        .into_iter()
        .map(|c| ContactView {
            received: uk_time(c.received_at),
            method: c.method.label(),
            why: c.form.what_is_happening.clone(),
            outcome: c.outcome.map(|o| o.plain().to_owned()).unwrap_or_else(|| "Waiting for the front door".into()),
            status: c.status.label(),
            id: c.id,
            reference: c.reference,
        })
        .collect();
    render(&ContactsPage { chrome: Chrome::build(&state, &viewer, "/people").await, header, contacts })
}

#[derive(Template)]
#[template(path = "people/person_break_glass.html")]
struct BreakGlassPage {
    chrome: Chrome,
    id: String,
    /// The record's reference, unless it is restricted (a restricted record's reference is
    /// not shown to anyone without access).
    reference: Option<String>,
    restricted: bool,
    hours: i64,
    reason: String,
    /// The page to open once the glass is broken.
    return_to: String,
    errors: Problems,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct BreakGlassForm {
    pub reason: String,
    pub return_to: String,
}

/// The page a request for a record without a relationship gets (with status 403): what breaking
/// the glass means, and the form to do it. `back` is the page asked for, opened afterwards.
pub async fn break_glass_page(
    state: &AppState,
    viewer: &Viewer,
    id: &PersonId,
    back: Option<&str>,
) -> AppResult<Response> {
    let page = break_glass(state, viewer, id, back.unwrap_or_default(), String::new(), Problems::default()).await?;
    Ok((axum::http::StatusCode::FORBIDDEN, render(&page)?).into_response())
}

async fn break_glass(
    state: &AppState,
    viewer: &Viewer,
    id: &PersonId,
    return_to: &str,
    reason: String,
    errors: Problems,
) -> AppResult<BreakGlassPage> {
    let (_, reference, restricted, _) = state.store.people().person_heading(id).await?;
    Ok(BreakGlassPage {
        chrome: Chrome::build(state, viewer, "/people").await,
        id: id.to_string(),
        reference: (!restricted).then_some(reference),
        restricted,
        hours: super::practice_settings(state).await?.break_glass_hours,
        reason,
        return_to: after_breaking_glass(id, return_to),
        errors,
    })
}

/// Where breaking the glass leads: the page of this record that was asked for, or its overview.
fn after_breaking_glass(id: &PersonId, asked_for: &str) -> String {
    let record = format!("/people/{id}");
    let of_this_record = asked_for.strip_prefix(&record).is_some_and(|rest| rest.starts_with('/'));
    if of_this_record && asked_for.chars().all(|c| c.is_ascii_graphic()) { asked_for.to_owned() } else { record }
}

pub async fn break_glass_form(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path(id): Path<PersonId>,
) -> AppResult<Response> {
    render(&break_glass(&state, &viewer, &id, "", String::new(), Problems::default()).await?)
}

pub async fn break_glass_submit(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path(id): Path<PersonId>,
    Form(f): Form<BreakGlassForm>,
) -> AppResult<Response> {
    if viewer.user_id().is_none() {
        return Err(AppError::Forbidden);
    }
    let hours = super::practice_settings(&state).await?.break_glass_hours;
    match state.store.people().break_glass(&viewer.audit(&state), &id, &f.reason, hours).await {
        Ok(_) => Ok(Redirect::to(&after_breaking_glass(&id, &f.return_to)).into_response()),
        Err(e) => {
            let page = break_glass(&state, &viewer, &id, &f.return_to, f.reason, crate::forms::refusal(e)?).await?;
            Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
    }
}
