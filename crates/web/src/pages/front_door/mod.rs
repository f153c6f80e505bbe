//! The front door: the queue of contacts, recording a call on the same form residents use, and
//! triage: finding (or making) the person's record, the information and advice given, and
//! either closing the contact or allocating the person with a Conversation 1 opened.

pub mod ask_for_help;
pub mod could_get_help;

use crate::AppState;
use crate::allocation::{allocation_options, team_and_worker};
use crate::chrome::{Chrome, render};
use crate::errors::{AppError, AppResult};
use crate::forms::{Problems, TypedForm, parse_uk_date, uk_time};
use crate::pages::people::search::{HitView, hit_views};
use crate::pages::people::{Choice, choices, long_date, pairs, today};
use crate::session::Viewer;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use hearth_domain::access::Permission;
use hearth_domain::front_door::{
    Consent, ContactForm, ContactMethod, ContactStatus, Filler, Knows, LawfulReason, Triage, Urgency,
};
use hearth_domain::people::codes::{ContactPreference, EventOutcome, RequesterType, RouteOfAccess};
use hearth_domain::people::matching::Identity;
use hearth_store::{ContactId, PersonId, ServiceId};
use serde::Deserialize;

/// The contact form as typed (strings), shared by residents and staff.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct ContactFields {
    pub for_self: String,
    /// "yes" when a carer asks for support for themselves (the carer's way in).
    pub carer: String,
    pub given_name: String,
    pub family_name: String,
    pub date_of_birth: String,
    pub address: String,
    pub postcode: String,
    pub phone: String,
    pub email: String,
    pub requester_name: String,
    pub requester_relationship: String,
    pub requester_phone: String,
    pub requester_email: String,
    pub what_is_happening: String,
    pub what_would_help: String,
    pub urgency: String,
    pub person_knows: String,
    pub consent: String,
    pub contact_preference: String,
    pub method: String,
    pub requester_type: String,
    pub route_of_access: String,
    pub lawful_reason: String,
    pub lawful_reason_details: String,
    pub safeguarding_concern: String,
}

impl ContactFields {
    /// The typed form, with problems for anything that could not be read.
    pub fn read(&self, by: Filler, today: chrono::NaiveDate, errors: &mut Problems) -> ContactForm {
        let date_of_birth = match self.date_of_birth.trim() {
            "" => None,
            d => {
                let parsed = parse_uk_date(d);
                if parsed.is_none() {
                    errors.add("date_of_birth", "Enter a date of birth like 14/03/1941, or leave it empty");
                }
                parsed
            }
        };
        let form = ContactForm {
            for_self: match self.for_self.as_str() {
                "yes" => Some(true),
                "no" => Some(false),
                _ => None,
            },
            carer: self.carer == "yes",
            given_name: self.given_name.trim().to_owned(),
            family_name: self.family_name.trim().to_owned(),
            date_of_birth,
            address: self.address.trim().to_owned(),
            postcode: self.postcode.trim().to_owned(),
            phone: self.phone.trim().to_owned(),
            email: self.email.trim().to_owned(),
            requester_name: self.requester_name.trim().to_owned(),
            requester_relationship: self.requester_relationship.trim().to_owned(),
            requester_phone: self.requester_phone.trim().to_owned(),
            requester_email: self.requester_email.trim().to_owned(),
            what_is_happening: self.what_is_happening.trim().to_owned(),
            what_would_help: self.what_would_help.trim().to_owned(),
            urgency: Urgency::from_key(&self.urgency),
            person_knows: Knows::from_key(&self.person_knows),
            consent: Consent::from_key(&self.consent),
            contact_preference: ContactPreference::from_key(&self.contact_preference),
            method: ContactMethod::from_key(&self.method),
            requester_type: RequesterType::from_key(&self.requester_type),
            route_of_access: RouteOfAccess::from_key(&self.route_of_access),
            lawful_reason: LawfulReason::from_key(&self.lawful_reason),
            lawful_reason_details: self.lawful_reason_details.trim().to_owned(),
            safeguarding_concern: self.safeguarding_concern == "yes",
        };
        errors.extend(form.check(by, today));
        form
    }
}

/// The lists the contact form offers.
pub struct ContactLists {
    pub urgency: Vec<(&'static str, &'static str)>,
    pub knows: Vec<(&'static str, &'static str)>,
    pub consent: Vec<(&'static str, &'static str)>,
    pub preference: Vec<(&'static str, &'static str)>,
    pub method: Vec<(&'static str, &'static str)>,
    pub requester: Vec<(&'static str, &'static str)>,
    pub route: Vec<Choice>,
    pub lawful: Vec<(&'static str, &'static str)>,
    pub for_self: Vec<(&'static str, &'static str)>,
}

pub fn lists(f: &ContactFields) -> ContactLists {
    ContactLists {
        urgency: pairs::<Urgency>(),
        knows: pairs::<Knows>(),
        consent: pairs::<Consent>(),
        preference: pairs::<ContactPreference>(),
        method: pairs::<ContactMethod>(),
        requester: pairs::<RequesterType>(),
        route: choices(RouteOfAccess::from_key(&f.route_of_access), Some("Not known yet")),
        lawful: pairs::<LawfulReason>(),
        for_self: vec![("yes", "For myself"), ("no", "For someone else")],
    }
}

/// Front-door work is for members of a front-door team, and team managers.
async fn front_door_member(state: &AppState, viewer: &Viewer) -> AppResult<()> {
    let me = viewer.user_id().ok_or(AppError::Forbidden)?;
    if viewer.can(Permission::ManageTeamWork) || state.store.people().asker(me).await?.front_door {
        return Ok(());
    }
    state
        .store
        .audit(
            &viewer.audit(state),
            hearth_store::AuditEntry::new("access-denied").details(serde_json::json!({"path": "/front-door"})),
        )
        .await?;
    Err(AppError::Forbidden)
}

pub struct QueueRow {
    pub id: ContactId,
    pub reference: String,
    pub name: String,
    pub received: String,
    pub method: &'static str,
    pub urgency: &'static str,
    pub urgent: bool,
    pub why: String,
    pub safeguarding: bool,
    pub status: &'static str,
    pub outcome: String,
}

fn queue_row(c: hearth_store::front_door::Contact) -> QueueRow {
    QueueRow {
        name: if c.display_name.is_empty() { "Name not given".into() } else { c.display_name.clone() },
        received: uk_time(c.received_at),
        method: c.method.label(),
        urgency: match c.urgency {
            Urgency::Today => "Today",
            Urgency::Soon => "In a few days",
            Urgency::NotUrgent => "Not urgent",
        },
        urgent: c.urgency == Urgency::Today,
        why: c.form.what_is_happening.chars().take(140).collect(),
        safeguarding: c.safeguarding_concern,
        status: c.status.label(),
        outcome: c.outcome.map(|o| o.plain().to_owned()).unwrap_or_default(),
        id: c.id,
        reference: c.reference,
    }
}

#[derive(Template)]
#[template(path = "front_door/front_door.html")]
struct QueuePage {
    chrome: Chrome,
    waiting: Vec<QueueRow>,
    recent: Vec<QueueRow>,
}

pub async fn queue(State(state): State<AppState>, Extension(viewer): Extension<Viewer>) -> AppResult<Response> {
    front_door_member(&state, &viewer).await?;
    let waiting = state.store.front_door().contacts(true, 0).await?.into_iter().map(queue_row).collect();
    let recent = state.store.front_door().contacts(false, 20).await?.into_iter().map(queue_row).collect();
    render(&QueuePage { chrome: Chrome::build(&state, &viewer, "/front-door").await, waiting, recent })
}

#[derive(Template)]
#[template(path = "front_door/front_door_new.html")]
struct NewContactPage {
    chrome: Chrome,
    f: ContactFields,
    l: ContactLists,
    staff: bool,
    errors: Problems,
}

pub async fn new_form(State(state): State<AppState>, Extension(viewer): Extension<Viewer>) -> AppResult<Response> {
    front_door_member(&state, &viewer).await?;
    let f = ContactFields { method: "phone".into(), for_self: "no".into(), ..Default::default() };
    render(&NewContactPage {
        chrome: Chrome::build(&state, &viewer, "/front-door").await,
        l: lists(&f),
        f,
        staff: true,
        errors: Problems::default(),
    })
}

pub async fn new_submit(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Form(f): Form<ContactFields>,
) -> AppResult<Response> {
    front_door_member(&state, &viewer).await?;
    let mut errors = Problems::default();
    let form = f.read(Filler::Staff, today(&state), &mut errors);
    if errors.is_empty() {
        match state.store.front_door().record_contact(&viewer.audit(&state), &form, Filler::Staff, None).await {
            Ok(c) => return Ok(Redirect::to(&format!("/front-door/contacts/{}", c.id)).into_response()),
            Err(e) => {
                errors.extend(crate::forms::refusal(e)?);
            }
        }
    }
    let page = NewContactPage {
        chrome: Chrome::build(&state, &viewer, "/front-door").await,
        l: lists(&f),
        f,
        staff: true,
        errors,
    };
    Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
}

pub struct ServiceOffer {
    pub id: ServiceId,
    pub name: String,
    pub checked: bool,
}

#[derive(Template)]
#[template(path = "front_door/front_door_contact.html")]
struct ContactPage {
    chrome: Chrome,
    contact: QueueRow,
    facts: Vec<(&'static str, String)>,
    person: Option<Matched>,
    twins: Vec<HitView>,
    open: bool,
    outcomes: Vec<Choice>,
    allocate: Vec<Choice>,
    urgency: Vec<(&'static str, &'static str)>,
    urgency_now: String,
    information_given: String,
    words: String,
    services: Vec<ServiceOffer>,
    searched: bool,
    errors: Problems,
}

/// The triage form as sent: `services` are the directory entries ticked, and `action` "find"
/// looks for more of them instead of deciding.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct TriageForm {
    outcome: String,
    /// "team-id" or "team-id/worker-id".
    team: String,
    urgency: String,
    information_given: String,
    words: String,
    services: Vec<ServiceId>,
    action: String,
}

impl TriageForm {
    /// Looking for directory entries to offer, rather than deciding.
    fn searched(&self) -> bool {
        self.action == "find"
    }
}

/// What the front door sees of the record a contact is matched to: what matching and triage
/// need (who they are, who works with them, warnings for staff), not the record itself, which
/// opens once they are allocated (`hearth_domain::people::access`).
pub struct Matched {
    pub id: String,
    pub name: String,
    pub reference: String,
    pub born: String,
    pub postcode: String,
    pub works_with: String,
    pub warnings: Vec<String>,
    /// Whether the viewer may open the record itself.
    pub opens: bool,
}

async fn matched(state: &AppState, viewer: &Viewer, id: &PersonId) -> AppResult<Matched> {
    let summary = state.store.people().people_summaries(&[id.to_owned()]).await?.pop().ok_or(AppError::NotFound)?;
    let opens = crate::records::may_open(state, viewer, id).await?.is_some();
    if summary.restricted && !opens {
        return Ok(Matched {
            id: id.to_string(),
            name: "A restricted record".into(),
            reference: String::new(),
            born: String::new(),
            postcode: String::new(),
            works_with: String::new(),
            warnings: Vec::new(),
            opens,
        });
    }
    let works_with = match state.store.people().allocations(id).await?.into_iter().find(|a| a.ended_at.is_none()) {
        Some(a) => {
            let team = state.store.people().team(&a.team_id).await?.map(|t| t.name).unwrap_or_default();
            let worker = match a.worker_id {
                Some(w) => state.store.accounts().users().await?.into_iter().find(|u| u.id == w).map(|u| u.name),
                None => None,
            };
            match worker {
                Some(w) => format!("{w}, {team}"),
                None => format!("{team} (no worker yet)"),
            }
        }
        None => "Nobody: they are not allocated".into(),
    };
    let today = today(state);
    let warnings = state
        .store
        .people()
        .warnings(id)
        .await?
        .into_iter()
        .filter(|w| w.ended_on.is_none() && w.starts_on <= today)
        .map(|w| format!("{}: {}", w.kind.label(), w.details))
        .collect();
    Ok(Matched {
        id: id.to_string(),
        name: summary.display_name(),
        reference: summary.reference,
        born: summary.date_of_birth.map(long_date).unwrap_or_else(|| "Not known".into()),
        postcode: summary.postcode.unwrap_or_default(),
        works_with,
        warnings,
        opens,
    })
}

/// Records that look like the person the contact is about.
async fn likely_matches(
    state: &AppState,
    contact: &hearth_store::front_door::Contact,
) -> AppResult<Vec<hearth_store::people::search::PersonHit>> {
    let f = &contact.form;
    let identity = Identity {
        given_name: &f.given_name,
        family_name: &f.family_name,
        other_names: None,
        date_of_birth: f.date_of_birth,
        nhs_number: None,
        postcode: Some(f.postcode.as_str()).filter(|p| !p.is_empty()),
    };
    Ok(state.store.people().likely_duplicates(&identity).await?)
}

async fn contact_page(
    state: &AppState,
    viewer: &Viewer,
    id: &ContactId,
    t: TriageForm,
    errors: Problems,
) -> AppResult<ContactPage> {
    let contact = state.store.front_door().view_contact(&viewer.audit(state), id).await?;
    let f = &contact.form;
    let mut facts = vec![
        (
            "About",
            format!(
                "{}{}",
                contact.display_name,
                f.date_of_birth.map(|d| format!(", born {}", long_date(d))).unwrap_or_default()
            ),
        ),
        (
            "Address",
            [f.address.as_str(), f.postcode.as_str()]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(", "),
        ),
        (
            "Phone or email",
            [f.phone.as_str(), f.email.as_str()]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(", "),
        ),
        ("What is happening", f.what_is_happening.clone()),
        ("What would help", f.what_would_help.clone()),
    ];
    if f.carer {
        facts.insert(
            1,
            (
                "Asking as a carer",
                "They look after someone and ask for a carer's assessment (Care Act 2014 section 10)".into(),
            ),
        );
    }
    if f.for_self != Some(true) {
        facts.push((
            "Who got in touch",
            format!(
                "{}{}{}",
                if f.requester_name.is_empty() { "Not given" } else { &f.requester_name },
                if f.requester_relationship.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", f.requester_relationship)
                },
                [f.requester_phone.as_str(), f.requester_email.as_str()]
                    .iter()
                    .filter(|s| !s.is_empty())
                    .map(|s| format!(", {s}"))
                    .collect::<String>()
            ),
        ));
        facts.push(("Does the person know?", f.person_knows.map_or("Not asked".into(), |k| k.label().to_owned())));
        facts.push(("Do they agree?", f.consent.map_or("Not asked".into(), |c| c.label().to_owned())));
        if let Some(l) = f.lawful_reason {
            facts.push(("Lawful reason without agreement", format!("{}. {}", l.label(), f.lawful_reason_details)));
        }
    }
    if let Some(p) = f.contact_preference {
        facts.push(("Would like to be contacted by", p.label().to_owned()));
    }
    facts.retain(|(_, v)| !v.trim().is_empty());
    let person = match &contact.person_id {
        Some(p) => Some(matched(state, viewer, p).await?),
        None => None,
    };
    let twins = if person.is_none() {
        hit_views(state, viewer, likely_matches(state, &contact).await?).await?
    } else {
        Vec::new()
    };
    let services = super::people::directory_matches(state, &t.words)
        .await?
        .into_iter()
        .map(|s| ServiceOffer { checked: t.services.contains(&s.id), id: s.id, name: s.name })
        .collect();
    let open = contact.status == ContactStatus::New;
    let outcome = EventOutcome::from_key(&t.outcome);
    let mut outcomes = vec![Choice { value: String::new(), label: "Choose".into(), selected: outcome.is_none() }];
    outcomes.extend(EventOutcome::ALL.iter().map(|o| Choice {
        value: o.key().into(),
        label: o.plain().into(),
        selected: Some(*o) == outcome,
    }));
    let searched = t.searched();
    Ok(ContactPage {
        chrome: Chrome::build(state, viewer, "/front-door").await,
        facts,
        person,
        twins,
        open,
        outcomes,
        allocate: allocation_options(state, &t.team).await?,
        urgency: pairs::<Urgency>(),
        urgency_now: if t.urgency.is_empty() { contact.urgency.key().to_owned() } else { t.urgency.clone() },
        information_given: t.information_given,
        words: t.words,
        services,
        searched,
        contact: queue_row(contact),
        errors,
    })
}

pub async fn show(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path(id): Path<ContactId>,
) -> AppResult<Response> {
    render(&contact_page(&state, &viewer, &id, TriageForm::default(), Problems::default()).await?)
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct MatchForm {
    pub person_id: Option<PersonId>,
}

pub async fn match_person(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path(id): Path<ContactId>,
    Form(f): Form<MatchForm>,
) -> AppResult<Response> {
    // A contact is matched to one of the records that look like the person it is about (a
    // restricted one only with access), or to a record the worker already works with.
    let ctx = viewer.audit(&state);
    let contact = state.store.front_door().view_contact(&ctx, &id).await?;
    let mut chosen = None;
    if let Some(person_id) = f.person_id {
        let looks_like = likely_matches(&state, &contact)
            .await?
            .into_iter()
            .any(|h| h.person.id == person_id && !h.person.restricted);
        if looks_like
            || crate::records::require(&state, &viewer, &person_id, &format!("/front-door/contacts/{id}/match")).await?
        {
            chosen = Some(person_id);
        }
    }
    let Some(person_id) = chosen else {
        let mut errors = Problems::default();
        errors.add("person", "Choose one of the records that look like them, or make a record from this contact");
        let page = contact_page(&state, &viewer, &id, TriageForm::default(), errors).await?;
        return Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response());
    };
    state.store.front_door().link_contact(&ctx, &id, &person_id).await?;
    Ok(Redirect::to(&format!("/front-door/contacts/{id}#triage")).into_response())
}

/// Makes a record from the contact: the name, date of birth, address and ways to reach them
/// come from it, so nothing is typed twice.
pub async fn new_person(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path(id): Path<ContactId>,
) -> AppResult<Response> {
    let ctx = viewer.audit(&state);
    let contact = state.store.front_door().view_contact(&ctx, &id).await?;
    if contact.person_id.is_some() {
        return Ok(Redirect::to(&format!("/front-door/contacts/{id}")).into_response());
    }
    let mut details = contact.form.person_details();
    if details.given_name.is_empty() {
        details.given_name = "(not given)".into();
    }
    let record = state.store.people().create_person(&ctx, details, contact.form.address().as_ref()).await?;
    state.store.front_door().link_contact(&ctx, &id, &record.id).await?;
    Ok(Redirect::to(&format!("/front-door/contacts/{id}#triage")).into_response())
}

pub async fn triage(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path(id): Path<ContactId>,
    TypedForm(t): TypedForm<TriageForm>,
) -> AppResult<Response> {
    let mut errors = Problems::default();
    if !t.searched() {
        let (team, worker) = team_and_worker(&t.team).map_or((None, None), |(team, worker)| (Some(team), worker));
        let triage = Triage {
            urgency: Urgency::from_key(&t.urgency),
            outcome: EventOutcome::from_key(&t.outcome),
            information_given: t.information_given.clone(),
            services_offered: t.services.clone(),
            team,
            worker,
        };
        errors.extend(triage.check());
        if errors.is_empty() {
            // Moving someone already allocated is for those who manage a team's work.
            let may_reallocate = viewer.can(Permission::ManageTeamWork);
            match state.store.front_door().triage_contact(&viewer.audit(&state), &id, &triage, may_reallocate).await {
                Ok(_) => return Ok(Redirect::to("/front-door").into_response()),
                Err(e) => {
                    errors.extend(crate::forms::refusal(e)?);
                }
            }
        }
    }
    let status = crate::forms::status(&errors);
    let page = contact_page(&state, &viewer, &id, t, errors).await?;
    Ok((status, render(&page)?).into_response())
}
