//! The network around a person, shown as a simple picture and as lists: the people around them,
//! the groups and services they are part of (directory entries where there is one), those with
//! authority to act for them, and warnings for staff.

use super::{Choice, Opened, RecordHeader, choices, long_date, pairs, today};
use crate::AppState;
use crate::chrome::{Chrome, render};
use crate::errors::{AppError, AppResult};
use crate::forms::{Problems, parse_uk_date};
use crate::records::Record;
use crate::session::Viewer;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use hearth_domain::edits::EditToken;
use hearth_domain::people::network::{Authority, Circle, RelationshipKind};
use hearth_domain::people::warnings::{NewWarning, WarningKind};
use hearth_store::people::network::{NewRelation, NewRepresentative, Representative};
use hearth_store::{ConnectionId, PersonId, RelationId, RepresentativeId, ServiceId, StoreError, WarningId};
use serde::Deserialize;

/// One name placed in the picture, with what they are to the person beneath it.
pub struct Node {
    pub x: i32,
    pub y: i32,
    pub text_x: i32,
    pub anchor: &'static str,
    pub label: String,
    pub relationship: String,
    pub class: &'static str,
}

pub struct Ring {
    pub r: i32,
    pub label: &'static str,
    pub label_y: i32,
}

/// Someone or something in the picture: which ring, their name, and what they are to the person
/// ("Wife", "Goes most weeks").
pub struct Member {
    pub circle: Circle,
    pub name: String,
    pub relationship: String,
}

const CX: i32 = 360;
const CY: i32 = 290;

fn short(name: &str) -> String {
    let n: String = name.chars().take(20).collect();
    if name.chars().count() > 20 { format!("{}…", n.trim_end()) } else { n }
}

/// Places each name evenly round its ring, labels outward so they do not cross the centre.
pub fn layout(members: &[Member]) -> (Vec<Ring>, Vec<Node>) {
    let radius = |c: Circle| match c {
        Circle::Family => 105,
        Circle::FriendsAndNeighbours => 180,
        Circle::Community => 255,
    };
    let rings = [Circle::Family, Circle::FriendsAndNeighbours, Circle::Community]
        .into_iter()
        .map(|c| Ring { r: radius(c), label: c.label(), label_y: CY - radius(c) + 20 })
        .collect();
    let mut nodes = Vec::new();
    for circle in [Circle::Family, Circle::FriendsAndNeighbours, Circle::Community] {
        let on: Vec<&Member> = members.iter().filter(|m| m.circle == circle).collect();
        let n = on.len().max(1) as f64;
        for (i, member) in on.into_iter().enumerate() {
            // Start a little off the top, where the ring's own label sits.
            let angle = -std::f64::consts::FRAC_PI_2 + 0.8 + (i as f64) * std::f64::consts::TAU / n;
            let r = f64::from(radius(circle));
            let (x, y) = (f64::from(CX) + r * angle.cos(), f64::from(CY) + r * angle.sin());
            let right = angle.cos() >= 0.0;
            nodes.push(Node {
                x: x.round() as i32,
                y: y.round() as i32,
                text_x: (x + if right { 12.0 } else { -12.0 }).round() as i32,
                anchor: if right { "start" } else { "end" },
                label: short(&member.name),
                relationship: short(&member.relationship),
                class: match circle {
                    Circle::Family => "family",
                    Circle::FriendsAndNeighbours => "friends",
                    Circle::Community => "community",
                },
            });
        }
    }
    (rings, nodes)
}

/// The picture in words, for a screen reader: each ring and who is on it, with what they are to
/// the person.
pub fn describe(person: &str, members: &[Member]) -> String {
    let mut out = format!("{person} in the middle.");
    for circle in [Circle::Family, Circle::FriendsAndNeighbours, Circle::Community] {
        let on: Vec<String> = members
            .iter()
            .filter(|m| m.circle == circle)
            .map(|m| {
                if m.relationship.is_empty() {
                    m.name.clone()
                } else {
                    format!("{} ({})", m.name, m.relationship.to_lowercase())
                }
            })
            .collect();
        let ring = circle.label();
        out.push(' ');
        out.push_str(&match on.as_slice() {
            [] => format!("{ring}: nobody recorded."),
            _ => format!("{ring}: {}.", on.join(", ")),
        });
    }
    out
}

pub struct RelationView {
    pub id: RelationId,
    pub name: String,
    pub kind: String,
    pub link: Option<String>,
    pub phone: String,
    pub notes: String,
    pub roles: String,
    pub from_other_record: bool,
}

pub struct ConnectionView {
    pub id: ConnectionId,
    pub name: String,
    pub link: Option<String>,
    pub what_for: String,
}

pub struct RepresentativeView {
    pub id: RepresentativeId,
    pub name: String,
    /// Their address, and whether the person's letters go there.
    pub address: String,
    pub letters_to_them: bool,
    pub authority: &'static str,
    pub source: &'static str,
    pub seen: String,
    pub confirmed: bool,
}

pub struct WarningRow {
    pub id: WarningId,
    pub kind: &'static str,
    pub details: String,
    pub dates: String,
    pub active: bool,
}

#[derive(Template)]
#[template(path = "people/person_network.html")]
struct NetworkPage {
    chrome: Chrome,
    header: RecordHeader,
    centre: String,
    /// The picture in words (`describe`).
    description: String,
    rings: Vec<Ring>,
    nodes: Vec<Node>,
    relations: Vec<RelationView>,
    connections: Vec<ConnectionView>,
    representatives: Vec<RepresentativeView>,
    warnings: Vec<WarningRow>,
}

/// The person's relationships, less those that come from a restricted record the viewer may not
/// open: that a restricted record exists, and whose it is, is itself what the restriction keeps.
pub async fn visible_relations(
    state: &AppState,
    viewer: &Viewer,
    id: &PersonId,
) -> AppResult<Vec<hearth_store::people::network::Relation>> {
    let mut out = Vec::new();
    for r in state.store.people().relations(id).await? {
        if r.from_other_record
            && let Some(other) = &r.person_id
            && state.store.people().person_heading(other).await?.2
            && crate::records::may_open(state, viewer, other).await?.is_none()
        {
            continue;
        }
        out.push(r);
    }
    Ok(out)
}

pub async fn show(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    record: Record,
    Path(id): Path<PersonId>,
) -> AppResult<Response> {
    let Opened { record, header, .. } = record.open(&state, &viewer, "network", "/network").await?;
    let today = today(&state);
    let relations = visible_relations(&state, &viewer, &id).await?;
    let connections = state.store.people().connections(&id).await?;
    let mut members: Vec<Member> = relations
        .iter()
        .map(|r| Member { circle: r.kind.circle(), name: r.name.clone(), relationship: r.relationship() })
        .collect();
    members.extend(connections.iter().map(|c| Member {
        circle: Circle::Community,
        name: c.name.clone(),
        relationship: c.what_for.clone().unwrap_or_default(),
    }));
    let (rings, nodes) = layout(&members);
    let description = describe(&record.display_name(), &members);
    let page = NetworkPage {
        chrome: Chrome::build(&state, &viewer, "/people").await,
        centre: short(&record.display_name()),
        description,
        rings,
        nodes,
        relations: relations
            .into_iter()
            .map(|r| {
                let mut roles = Vec::new();
                if r.main_carer {
                    roles.push("Their main carer");
                }
                if r.lives_with {
                    roles.push("Lives with them");
                }
                if r.next_of_kin {
                    roles.push("Next of kin");
                }
                RelationView {
                    kind: r.relationship(),
                    link: r.person_id.map(|p| format!("/people/{p}")),
                    id: r.id,
                    name: r.name,
                    phone: r.phone.unwrap_or_default(),
                    notes: r.notes.unwrap_or_default(),
                    roles: roles.join(". "),
                    from_other_record: r.from_other_record,
                }
            })
            .collect(),
        connections: connections
            .into_iter()
            .map(|c| ConnectionView {
                link: c.service_id.map(|s| format!("/find-support/services/{s}")),
                id: c.id,
                name: c.name,
                what_for: c.what_for.unwrap_or_default(),
            })
            .collect(),
        representatives: state
            .store
            .people()
            .representatives(&id, today)
            .await?
            .into_iter()
            .map(|r| RepresentativeView {
                id: r.id.clone(),
                address: r.address.as_ref().map(|a| a.one_line()).unwrap_or_default(),
                letters_to_them: r.letters_to_them,
                seen: match (r.document_seen_on, r.authority.needs_document()) {
                    (Some(d), _) => format!("Document seen {}", long_date(d)),
                    (None, true) => "Document not seen yet: do not rely on it until it is".to_owned(),
                    (None, false) => "No document needed".to_owned(),
                },
                name: r.name,
                authority: r.authority.label(),
                source: r.authority.source(),
                confirmed: r.confirmed,
            })
            .collect(),
        warnings: state
            .store
            .people()
            .warnings(&id)
            .await?
            .into_iter()
            .map(|w| WarningRow {
                active: w.ended_on.is_none(),
                dates: match w.ended_on {
                    Some(e) => format!("From {} to {}", long_date(w.starts_on), long_date(e)),
                    None => format!("From {}. Review by {}", long_date(w.starts_on), long_date(w.review_by)),
                },
                id: w.id,
                kind: w.kind.label(),
                details: w.details,
            })
            .collect(),
        header,
    };
    render(&page)
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct RelationForm {
    pub kind: String,
    /// Their own word for it ("wife", "stepson").
    pub called: String,
    pub name: String,
    /// Their record's reference (P-XXXX-XXXX), when they have one.
    pub reference: String,
    pub phone: String,
    pub notes: String,
    pub main_carer: String,
    pub lives_with: String,
    pub next_of_kin: String,
}

#[derive(Template)]
#[template(path = "people/person_relation_new.html")]
struct RelationPage {
    chrome: Chrome,
    header: RecordHeader,
    f: RelationForm,
    kinds: Vec<Choice>,
    errors: Problems,
}

pub async fn relation_form(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    record: Record,
) -> AppResult<Response> {
    let Opened { header, .. } = record.open(&state, &viewer, "network", "/network").await?;
    let page = RelationPage {
        chrome: Chrome::build(&state, &viewer, "/people").await,
        header,
        kinds: choices::<RelationshipKind>(None, Some("Choose")),
        f: RelationForm::default(),
        errors: Problems::default(),
    };
    render(&page)
}

pub async fn relation_submit(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    record: Record,
    Path(id): Path<PersonId>,
    Form(f): Form<RelationForm>,
) -> AppResult<Response> {
    let mut errors = Problems::default();
    let text = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
    let other = match text(&f.reference) {
        Some(reference) => match state.store.people().person_by_reference(&reference.to_ascii_uppercase()).await? {
            // Linking a record puts this relationship on it too, so it needs a relationship
            // with that person as well.
            Some(p) if !crate::records::require(&state, &viewer, &p, &format!("/people/{id}/network/new")).await? => {
                errors.add(
                    "reference",
                    "You do not work with the person that reference belongs to, so their record cannot be linked. \
                     Leave the reference empty to add them by name",
                );
                None
            }
            Some(p) => Some(p),
            None => {
                errors.add("reference", "No record has that reference: check it, or leave it empty");
                None
            }
        },
        None => None,
    };
    if other.is_none() && f.name.trim().is_empty() && errors.is_empty() {
        errors.add("name", "Enter their name");
    }
    if errors.is_empty() {
        let new = NewRelation {
            kind: RelationshipKind::from_key(&f.kind),
            called: text(&f.called),
            name: f.name.clone(),
            other_person_id: other,
            phone: text(&f.phone),
            notes: text(&f.notes),
            main_carer: f.main_carer == "yes",
            lives_with: f.lives_with == "yes",
            next_of_kin: f.next_of_kin == "yes",
        };
        match state.store.people().add_relation(&viewer.audit(&state), &id, &new).await {
            Ok(_) => return Ok(Redirect::to(&format!("/people/{id}/network")).into_response()),
            Err(e) => {
                errors.extend(crate::forms::refusal(e)?);
            }
        }
    }
    let Opened { header, .. } = record.open(&state, &viewer, "network", "/network").await?;
    let page = RelationPage {
        chrome: Chrome::build(&state, &viewer, "/people").await,
        header,
        kinds: choices(RelationshipKind::from_key(&f.kind), Some("Choose")),
        f,
        errors,
    };
    Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
}

pub async fn relation_end(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path((id, relation)): Path<(PersonId, RelationId)>,
) -> AppResult<Response> {
    state.store.people().end_relation(&viewer.audit(&state), &id, &relation).await?;
    Ok(Redirect::to(&format!("/people/{id}/network")).into_response())
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct ConnectionForm {
    pub action: String,
    pub words: String,
    pub service_id: String,
    pub name: String,
    pub what_for: String,
}

pub struct ServiceChoice {
    pub id: ServiceId,
    pub name: String,
    pub organisation: String,
    pub checked: bool,
}

#[derive(Template)]
#[template(path = "people/person_connection_new.html")]
struct ConnectionPage {
    chrome: Chrome,
    header: RecordHeader,
    f: ConnectionForm,
    found: Vec<ServiceChoice>,
    searched: bool,
    errors: Problems,
}

pub async fn connection_form(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    record: Record,
) -> AppResult<Response> {
    let Opened { header, .. } = record.open(&state, &viewer, "network", "/network").await?;
    render(&ConnectionPage {
        chrome: Chrome::build(&state, &viewer, "/people").await,
        header,
        f: ConnectionForm::default(),
        found: Vec::new(),
        searched: false,
        errors: Problems::default(),
    })
}

/// Adds a group, place or service; "Find" looks in the directory first (no JavaScript needed).
pub async fn connection_submit(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    record: Record,
    Path(id): Path<PersonId>,
    Form(f): Form<ConnectionForm>,
) -> AppResult<Response> {
    let mut errors = Problems::default();
    if f.action != "find" {
        let service = Some(f.service_id.trim()).filter(|s| !s.is_empty()).map(ServiceId::from);
        match state
            .store
            .people()
            .add_connection(&viewer.audit(&state), &id, &f.name, service.as_ref(), Some(&f.what_for))
            .await
        {
            Ok(_) => return Ok(Redirect::to(&format!("/people/{id}/network")).into_response()),
            Err(e) => {
                errors.extend(crate::forms::refusal(e)?);
            }
        }
    }
    let found = super::directory_matches(&state, &f.words)
        .await?
        .into_iter()
        .map(|s| ServiceChoice {
            checked: s.id == f.service_id,
            organisation: s.organization.as_ref().map(|o| o.name.clone()).unwrap_or_default(),
            id: s.id,
            name: s.name,
        })
        .collect();
    let Opened { header, .. } = record.open(&state, &viewer, "network", "/network").await?;
    let status = crate::forms::status(&errors);
    let page = ConnectionPage {
        chrome: Chrome::build(&state, &viewer, "/people").await,
        header,
        searched: f.action == "find",
        f,
        found,
        errors,
    };
    Ok((status, render(&page)?).into_response())
}

pub async fn connection_end(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path((id, connection)): Path<(PersonId, ConnectionId)>,
) -> AppResult<Response> {
    state.store.people().end_connection(&viewer.audit(&state), &id, &connection).await?;
    Ok(Redirect::to(&format!("/people/{id}/network")).into_response())
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct RepresentativeForm {
    pub name: String,
    pub authority: String,
    pub phone: String,
    pub line_1: String,
    pub line_2: String,
    pub town: String,
    pub postcode: String,
    /// "yes" when the person asked for their letters to go to them.
    pub letters_to_them: String,
    pub document_seen: String,
    pub document_reference: String,
    /// What an edit started from (`crate::edits`); empty when adding.
    pub edit_token: String,
}

#[derive(Template)]
#[template(path = "people/person_representative_new.html")]
struct RepresentativePage {
    chrome: Chrome,
    header: RecordHeader,
    f: RepresentativeForm,
    authorities: Vec<(&'static str, &'static str)>,
    errors: Problems,
    /// Changing one already recorded: where the form goes, and what it started from.
    editing: Option<Editing>,
}

struct Editing {
    action: String,
    edit_token: String,
    /// Who saw the document and when, kept as it was when it stays ticked.
    seen: String,
}

pub async fn representative_form(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    record: Record,
) -> AppResult<Response> {
    let Opened { header, .. } = record.open(&state, &viewer, "network", "/network").await?;
    render(&RepresentativePage {
        chrome: Chrome::build(&state, &viewer, "/people").await,
        header,
        f: RepresentativeForm::default(),
        authorities: pairs::<Authority>(),
        errors: Problems::default(),
        editing: None,
    })
}

pub async fn representative_submit(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    record: Record,
    Path(id): Path<PersonId>,
    Form(f): Form<RepresentativeForm>,
) -> AppResult<Response> {
    let new = f.to_new(today(&state));
    let mut errors = Problems::default();
    match state.store.people().add_representative(&viewer.audit(&state), &id, &new).await {
        Ok(_) => return Ok(Redirect::to(&format!("/people/{id}/network")).into_response()),
        Err(e) => {
            errors.extend(crate::forms::refusal(e)?);
        }
    }
    let Opened { header, .. } = record.open(&state, &viewer, "network", "/network").await?;
    let page = RepresentativePage {
        chrome: Chrome::build(&state, &viewer, "/people").await,
        header,
        f,
        authorities: pairs::<Authority>(),
        errors,
        editing: None,
    };
    Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
}

impl RepresentativeForm {
    /// The form as the store takes it; seeing the document is recorded as seen today.
    fn to_new(&self, today: chrono::NaiveDate) -> NewRepresentative {
        let text = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
        NewRepresentative {
            name: self.name.clone(),
            authority: Authority::from_key(&self.authority),
            phone: text(&self.phone),
            document_seen_on: (self.document_seen == "yes").then_some(today),
            document_reference: text(&self.document_reference),
            address: [&self.line_1, &self.line_2, &self.town, &self.postcode]
                .iter()
                .any(|s| !s.trim().is_empty())
                .then(|| hearth_domain::people::record::Address {
                    line_1: self.line_1.trim().to_owned(),
                    line_2: text(&self.line_2),
                    town: text(&self.town),
                    postcode: text(&self.postcode).map(|p| p.to_ascii_uppercase()),
                    ..Default::default()
                }),
            letters_to_them: self.letters_to_them == "yes",
        }
    }

    fn of(r: &Representative) -> RepresentativeForm {
        let a = r.address.clone().unwrap_or_default();
        let yes = |b: bool| if b { "yes" } else { "" }.to_owned();
        RepresentativeForm {
            name: r.name.clone(),
            authority: r.authority.key().to_owned(),
            phone: r.phone.clone().unwrap_or_default(),
            line_1: a.line_1,
            line_2: a.line_2.unwrap_or_default(),
            town: a.town.unwrap_or_default(),
            postcode: a.postcode.unwrap_or_default(),
            letters_to_them: yes(r.letters_to_them),
            document_seen: yes(r.document_seen_on.is_some()),
            document_reference: r.document_reference.clone().unwrap_or_default(),
            edit_token: String::new(),
        }
    }
}

async fn representative_of(state: &AppState, person: &PersonId, id: &RepresentativeId) -> AppResult<Representative> {
    state
        .store
        .people()
        .representatives(person, today(state))
        .await?
        .into_iter()
        .find(|r| r.id == *id)
        .ok_or(AppError::NotFound)
}

fn editing(person: &PersonId, r: &Representative) -> Editing {
    Editing {
        action: format!("/people/{person}/representatives/{}", r.id),
        edit_token: r.edit_token().to_string(),
        seen: r.document_seen_on.map(|d| format!("The document was seen {}.", long_date(d))).unwrap_or_default(),
    }
}

/// Changing someone who acts for the person: their address, their authority, whether the
/// person's letters go to them.
pub async fn representative_edit_form(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    record: Record,
    Path((id, rid)): Path<(PersonId, RepresentativeId)>,
) -> AppResult<Response> {
    let Opened { header, .. } = record.open(&state, &viewer, "network", "/network").await?;
    let r = representative_of(&state, &id, &rid).await?;
    render(&RepresentativePage {
        chrome: Chrome::build(&state, &viewer, "/people").await,
        header,
        f: RepresentativeForm::of(&r),
        authorities: pairs::<Authority>(),
        errors: Problems::default(),
        editing: Some(editing(&id, &r)),
    })
}

pub async fn representative_edit_submit(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    record: Record,
    Path((id, rid)): Path<(PersonId, RepresentativeId)>,
    Form(f): Form<RepresentativeForm>,
) -> AppResult<Response> {
    let expected = EditToken::from_form(&f.edit_token);
    let changed = f.to_new(today(&state));
    let mut errors = Problems::default();
    let mut status = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
    match state.store.people().change_representative(&viewer.audit(&state), &id, &rid, &changed, &expected).await {
        Ok(()) => return Ok(Redirect::to(&format!("/people/{id}/network")).into_response()),
        Err(StoreError::Stale) => {
            let message = crate::edits::changed_meanwhile(
                &state,
                &viewer,
                "representative",
                &[rid.as_str()],
                "what is recorded about them",
            )
            .await?;
            errors.add(crate::edits::CHANGED, message);
            status = axum::http::StatusCode::CONFLICT;
        }
        Err(e) => errors.extend(crate::forms::refusal(e)?),
    }
    let Opened { header, .. } = record.open(&state, &viewer, "network", "/network").await?;
    // Saving again from here saves over what is there now, as the notice says.
    let now = representative_of(&state, &id, &rid).await?;
    let page = RepresentativePage {
        chrome: Chrome::build(&state, &viewer, "/people").await,
        header,
        f,
        authorities: pairs::<Authority>(),
        errors,
        editing: Some(editing(&id, &now)),
    };
    Ok((status, render(&page)?).into_response())
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct WarningForm {
    pub kind: String,
    pub details: String,
    pub starts_on: String,
    pub review_by: String,
}

#[derive(Template)]
#[template(path = "people/person_warning_new.html")]
struct WarningPage {
    chrome: Chrome,
    header: RecordHeader,
    f: WarningForm,
    kinds: Vec<(&'static str, &'static str)>,
    errors: Problems,
}

pub async fn warning_form(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    record: Record,
) -> AppResult<Response> {
    let Opened { header, .. } = record.open(&state, &viewer, "network", "/network").await?;
    let start = today(&state);
    let f = WarningForm {
        starts_on: start.format("%d/%m/%Y").to_string(),
        review_by: (start + chrono::Months::new(6)).format("%d/%m/%Y").to_string(),
        ..Default::default()
    };
    render(&WarningPage {
        chrome: Chrome::build(&state, &viewer, "/people").await,
        header,
        f,
        kinds: pairs::<WarningKind>(),
        errors: Problems::default(),
    })
}

pub async fn warning_submit(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    record: Record,
    Path(id): Path<PersonId>,
    Form(f): Form<WarningForm>,
) -> AppResult<Response> {
    let mut errors = Problems::default();
    let mut date = |field: &'static str, s: &str| {
        let parsed = parse_uk_date(s);
        if parsed.is_none() && !s.trim().is_empty() {
            errors.add(field, "Enter a date like 01/12/2026");
        }
        parsed
    };
    let new = NewWarning {
        kind: WarningKind::from_key(&f.kind),
        details: f.details.clone(),
        starts_on: date("starts_on", &f.starts_on),
        review_by: date("review_by", &f.review_by),
    };
    errors.extend(new.check());
    if errors.is_empty() {
        state.store.people().add_warning(&viewer.audit(&state), &id, &new).await?;
        return Ok(Redirect::to(&format!("/people/{id}/network")).into_response());
    }
    let Opened { header, .. } = record.open(&state, &viewer, "network", "/network").await?;
    let page = WarningPage {
        chrome: Chrome::build(&state, &viewer, "/people").await,
        header,
        f,
        kinds: pairs::<WarningKind>(),
        errors,
    };
    Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct EndWarningForm {
    pub reason: String,
}

pub async fn warning_end(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path((id, warning)): Path<(PersonId, WarningId)>,
    Form(f): Form<EndWarningForm>,
) -> AppResult<Response> {
    let reason = if f.reason.trim().is_empty() { "Reviewed: no longer applies" } else { f.reason.trim() };
    state.store.people().end_warning(&viewer.audit(&state), &id, &warning, reason).await?;
    Ok(Redirect::to(&format!("/people/{id}/network")).into_response())
}
