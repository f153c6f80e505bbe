//! Case notes: written once for everyone they concern, kept as drafts while being written,
//! corrected by new versions with reasons, never deleted.

use super::record::staff_names;
use super::{Opened, RecordHeader, pairs};
use crate::AppState;
use crate::chrome::{Chrome, render};
use crate::errors::{AppError, AppResult};
use crate::forms::{Fields, Problems, parse_uk_date, uk_time};
use crate::records::Record;
use crate::session::Viewer;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use hearth_domain::people::notes::{NewNote, NoteKind};
use hearth_store::{NoteId, PersonId};
use serde::Deserialize;

pub struct NoteView {
    pub id: NoteId,
    pub kind: &'static str,
    pub when: String,
    pub author: String,
    pub body: String,
    pub significant: bool,
    pub corrected: bool,
    pub in_error: bool,
    pub error_reason: String,
    pub also_about: usize,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct NotesQuery {
    pub page: Option<u64>,
    pub significant: String,
}

#[derive(Template)]
#[template(path = "people/person_notes.html")]
struct NotesPage {
    chrome: Chrome,
    header: RecordHeader,
    notes: Vec<NoteView>,
    total: u64,
    page: u64,
    pages: u64,
    significant_only: bool,
}

const PER_PAGE: u64 = 25;

pub async fn list(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    record: Record,
    Path(id): Path<PersonId>,
    Query(q): Query<NotesQuery>,
) -> AppResult<Response> {
    let Opened { header, .. } = record.open(&state, &viewer, "notes", "/notes").await?;
    let significant_only = q.significant == "yes";
    let page = q.page.unwrap_or(1).max(1);
    let (notes, total) = state.store.people().notes_for(&id, significant_only, page, PER_PAGE).await?;
    let names = staff_names(&state).await?;
    let notes = notes
        .into_iter()
        .map(|n| NoteView {
            kind: n.kind.label(),
            when: uk_time(n.happened_at),
            author: n.author_id.as_ref().and_then(|a| names.get(a).cloned()).unwrap_or_else(|| "Hearth".into()),
            significant: n.significant,
            corrected: n.version > 1,
            in_error: n.entered_in_error,
            error_reason: n.error_reason.unwrap_or_default(),
            also_about: n.people.len().saturating_sub(1),
            body: n.body,
            id: n.id,
        })
        .collect();
    render(&NotesPage {
        chrome: Chrome::build(&state, &viewer, "/people").await,
        header,
        notes,
        total,
        page,
        pages: total.div_ceil(PER_PAGE).max(1),
        significant_only,
    })
}

pub struct OtherPerson {
    pub id: String,
    pub name: String,
    pub checked: bool,
}

#[derive(Template)]
#[template(path = "people/person_note_new.html")]
struct NewNotePage {
    chrome: Chrome,
    header: RecordHeader,
    kind: String,
    kinds: Vec<(&'static str, &'static str)>,
    happened_on: String,
    body: String,
    significant: bool,
    others: Vec<OtherPerson>,
    errors: Problems,
    restored: Option<String>,
    saved_draft: bool,
}

fn draft_key(id: &PersonId) -> String {
    format!("note:{id}")
}

/// The people in this person's network who have records the viewer works with, to record the
/// note against too (a note on someone's record needs a relationship with them).
async fn others(state: &AppState, viewer: &Viewer, id: &PersonId, chosen: &[PersonId]) -> AppResult<Vec<OtherPerson>> {
    let mut out = Vec::new();
    for r in super::network::visible_relations(state, viewer, id).await? {
        let Some(p) = r.person_id else { continue };
        if out.iter().any(|o: &OtherPerson| o.id == p) || crate::records::may_open(state, viewer, &p).await?.is_none() {
            continue;
        }
        out.push(OtherPerson { checked: chosen.contains(&p), id: p.to_string(), name: r.name });
    }
    Ok(out)
}

pub async fn new_form(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    record: Record,
    Path(id): Path<PersonId>,
) -> AppResult<Response> {
    let Opened { header, .. } = record.open(&state, &viewer, "notes", "/notes").await?;
    let me = viewer.user_id().ok_or(AppError::Forbidden)?.clone();
    let draft = state.store.people().draft(&me, &draft_key(&id)).await?;
    let fields = Fields(draft.as_ref().map(|d| d.fields.clone()).unwrap_or_default());
    let also: Vec<PersonId> = fields.all("also_about").into_iter().map(PersonId::from).collect();
    let page = NewNotePage {
        chrome: Chrome::build(&state, &viewer, "/people").await,
        kind: fields.get("kind").to_owned(),
        kinds: pairs::<NoteKind>(),
        happened_on: Some(fields.get("happened_on").to_owned())
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| super::today(&state).format("%d/%m/%Y").to_string()),
        body: fields.get("body").to_owned(),
        significant: fields.get("significant") == "yes",
        others: others(&state, &viewer, &id, &also).await?,
        errors: Problems::default(),
        restored: draft.map(|d| uk_time(d.saved_at)),
        saved_draft: false,
        header,
    };
    render(&page)
}

pub async fn new_submit(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    record: Record,
    Path(id): Path<PersonId>,
    Form(fields): Form<Fields>,
) -> AppResult<Response> {
    let me = viewer.user_id().ok_or(AppError::Forbidden)?.clone();
    let now = state.clock.now();
    let kept: Vec<(String, String)> = fields.0.iter().filter(|(k, _)| k != "_csrf" && k != "action").cloned().collect();
    let mut errors = Problems::default();
    let also: Vec<PersonId> = fields.all("also_about").into_iter().map(PersonId::from).collect();
    let saved_draft = fields.get("action") == "draft";
    if saved_draft {
        state.store.people().save_draft(&me, &draft_key(&id), &kept, now).await?;
    } else {
        let happened_at = match fields.get("happened_on").trim() {
            "" => None,
            d => match parse_uk_date(d) {
                // A note dated today keeps the time it was written; an earlier day, midday.
                Some(day) if day == super::today(&state) => Some(now),
                Some(day) => Some(day.and_hms_opt(12, 0, 0).expect("midday").and_utc()),
                None => {
                    errors.add("happened_on", "Enter the day it happened, like 01/12/2026");
                    None
                }
            },
        };
        let mut people = vec![id.clone()];
        // Only people in this person's network whose records the viewer works with.
        let allowed = others(&state, &viewer, &id, &[]).await?;
        for other in &also {
            if allowed.iter().any(|o| &o.id == other) {
                people.push(other.clone());
            } else if errors.get("also_about").is_none() {
                crate::records::require(&state, &viewer, other, &format!("/people/{id}/notes/new")).await?;
                errors.add(
                    "also_about",
                    "The note can only go on the records of people in their network you work with: untick anyone else",
                );
            }
        }
        let note = NewNote {
            kind: NoteKind::from_key(fields.get("kind")),
            happened_at,
            body: fields.get("body").to_owned(),
            significant: fields.get("significant") == "yes",
            people,
        };
        errors.extend(note.check(now));
        if errors.is_empty() {
            match state.store.people().add_note(&viewer.audit(&state), &note).await {
                Ok(_) => {
                    state.store.people().discard_draft(&me, &draft_key(&id)).await?;
                    return Ok(Redirect::to(&format!("/people/{id}/notes")).into_response());
                }
                Err(e) => {
                    errors.extend(crate::forms::refusal(e)?);
                }
            }
        }
        // Nothing typed is lost: the form comes back with it, and it is kept as a draft too.
        state.store.people().save_draft(&me, &draft_key(&id), &kept, now).await?;
    }
    let Opened { header, .. } = record.open(&state, &viewer, "notes", "/notes").await?;
    let status = crate::forms::status(&errors);
    let page = NewNotePage {
        chrome: Chrome::build(&state, &viewer, "/people").await,
        kind: fields.get("kind").to_owned(),
        kinds: pairs::<NoteKind>(),
        happened_on: fields.get("happened_on").to_owned(),
        body: fields.get("body").to_owned(),
        significant: fields.get("significant") == "yes",
        others: others(&state, &viewer, &id, &also).await?,
        errors,
        restored: None,
        saved_draft,
        header,
    };
    Ok((status, render(&page)?).into_response())
}

pub async fn discard_draft(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path(id): Path<PersonId>,
) -> AppResult<Response> {
    state.store.people().discard_draft(viewer.user_id().ok_or(AppError::Forbidden)?, &draft_key(&id)).await?;
    Ok(Redirect::to(&format!("/people/{id}/notes/new")).into_response())
}

pub struct VersionView {
    pub version: i32,
    pub body: String,
    pub reason: String,
    pub by: String,
    pub at: String,
}

#[derive(Template)]
#[template(path = "people/person_note.html")]
struct NotePage {
    chrome: Chrome,
    header: RecordHeader,
    note: NoteView,
    version: i32,
    people: Vec<(String, String)>,
    versions: Vec<VersionView>,
    body: String,
    reason: String,
    errors: Problems,
}

async fn note_page(
    state: &AppState,
    viewer: &Viewer,
    header: RecordHeader,
    note_id: &NoteId,
    body: Option<String>,
    reason: String,
    errors: Problems,
) -> AppResult<NotePage> {
    let n = state.store.people().note(note_id).await?;
    let names = staff_names(state).await?;
    // Who else the note is about, less the names of restricted records the viewer may not
    // open (that such a record exists, and whose, is what the restriction keeps).
    let mut people = Vec::new();
    for p in state.store.people().people_summaries(&n.people).await? {
        if p.restricted && crate::records::may_open(state, viewer, &p.id).await?.is_none() {
            people.push((String::new(), "someone whose record is restricted".to_owned()));
        } else {
            people.push((p.id.to_string(), p.display_name()));
        }
    }
    let versions = state
        .store
        .people()
        .note_versions(note_id)
        .await?
        .into_iter()
        .map(|v| VersionView {
            version: v.version,
            body: v.body,
            reason: v.reason.unwrap_or_default(),
            by: v.saved_by.and_then(|s| names.get(&s).cloned()).unwrap_or_default(),
            at: uk_time(v.saved_at),
        })
        .collect();
    Ok(NotePage {
        chrome: Chrome::build(state, viewer, "/people").await,
        header,
        version: n.version,
        body: body.unwrap_or_else(|| n.body.clone()),
        note: NoteView {
            kind: n.kind.label(),
            when: uk_time(n.happened_at),
            author: n.author_id.as_ref().and_then(|a| names.get(a).cloned()).unwrap_or_default(),
            significant: n.significant,
            corrected: n.version > 1,
            in_error: n.entered_in_error,
            error_reason: n.error_reason.unwrap_or_default(),
            also_about: n.people.len().saturating_sub(1),
            body: n.body,
            id: n.id,
        },
        people,
        versions,
        reason,
        errors,
    })
}

/// The note must be about the record it is opened from.
async fn belongs(state: &AppState, id: &PersonId, note_id: &NoteId) -> AppResult<()> {
    if state.store.people().note(note_id).await?.people.iter().any(|p| p == id) {
        Ok(())
    } else {
        Err(crate::AppError::NotFound)
    }
}

pub async fn show(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    record: Record,
    Path((id, note_id)): Path<(PersonId, NoteId)>,
) -> AppResult<Response> {
    let Opened { header, .. } = record.open(&state, &viewer, "note", "/notes").await?;
    belongs(&state, &id, &note_id).await?;
    render(&note_page(&state, &viewer, header, &note_id, None, String::new(), Problems::default()).await?)
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct CorrectForm {
    pub version: String,
    pub body: String,
    pub reason: String,
}

pub async fn correct(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    record: Record,
    Path((id, note_id)): Path<(PersonId, NoteId)>,
    Form(f): Form<CorrectForm>,
) -> AppResult<Response> {
    belongs(&state, &id, &note_id).await?;
    let version = f.version.parse().unwrap_or(0);
    let mut errors = Problems::default();
    match state.store.people().correct_note(&viewer.audit(&state), &note_id, version, &f.body, &f.reason).await {
        Ok(()) => return Ok(Redirect::to(&format!("/people/{id}/notes/{note_id}")).into_response()),
        Err(hearth_store::StoreError::Stale) => {
            let message =
                crate::edits::changed_meanwhile(&state, &viewer, "note", &[note_id.as_str()], "this note").await?;
            errors.add(crate::edits::CHANGED, message);
        }
        Err(e) => {
            errors.extend(crate::forms::refusal(e)?);
        }
    }
    let Opened { header, .. } = record.open(&state, &viewer, "note", "/notes").await?;
    let status = crate::forms::status(&errors);
    let page = note_page(&state, &viewer, header, &note_id, Some(f.body), f.reason, errors).await?;
    Ok((status, render(&page)?).into_response())
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct ErrorForm {
    pub error_reason: String,
}

pub async fn entered_in_error(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    record: Record,
    Path((id, note_id)): Path<(PersonId, NoteId)>,
    Form(f): Form<ErrorForm>,
) -> AppResult<Response> {
    belongs(&state, &id, &note_id).await?;
    let mut errors = Problems::default();
    match state.store.people().mark_note_in_error(&viewer.audit(&state), &note_id, &f.error_reason).await {
        Ok(()) => return Ok(Redirect::to(&format!("/people/{id}/notes/{note_id}")).into_response()),
        Err(e) => {
            errors.extend(crate::forms::refusal(e)?);
        }
    }
    let Opened { header, .. } = record.open(&state, &viewer, "note", "/notes").await?;
    let page = note_page(&state, &viewer, header, &note_id, None, String::new(), errors).await?;
    Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
}
