//! The work with a person: who works with them, Three Conversations (with the crisis rule on
//! long-term support), tasks, and for team managers allocating and merging duplicate records.

use super::record::staff_names;
use super::{Choice, Opened, RecordHeader, long_date, today};
use crate::AppState;
use crate::allocation::{allocation_options, team_and_worker};
use crate::chrome::{Chrome, render};
use crate::errors::{AppError, AppResult};
use crate::forms::{Problems, parse_uk_date};
use crate::records::Record;
use crate::session::Viewer;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use hearth_domain::access::Permission;
use hearth_domain::people::codes::EventOutcome;
use hearth_domain::people::conversations::{ConversationKind, OpenConversation};
use hearth_domain::people::tasks::{Due, NewTask};
use hearth_store::{ConversationId, PersonId, TaskId, TeamId, UserId};
use serde::Deserialize;

pub struct ConversationView {
    pub id: ConversationId,
    pub label: String,
    pub started: String,
    pub review_by: Option<String>,
    pub review_late: bool,
    pub what_matters: String,
    pub urgent_help: String,
    pub worker: String,
    pub open: bool,
    pub outcome: String,
    pub override_reason: String,
}

pub struct TaskView {
    pub id: TaskId,
    pub title: String,
    pub owner: String,
    pub due: String,
    pub late: bool,
    pub open: bool,
}

#[derive(Template)]
#[template(path = "people/person_work.html")]
struct WorkPage {
    chrome: Chrome,
    header: RecordHeader,
    allocation: String,
    history: Vec<String>,
    conversations: Vec<ConversationView>,
    tasks: Vec<TaskView>,
    outcomes: Vec<Choice>,
    manages: bool,
}

pub async fn show(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    record: Record,
    Path(id): Path<PersonId>,
) -> AppResult<Response> {
    let Opened { header, .. } = record.open(&state, &viewer, "work", "/work").await?;
    let today = today(&state);
    let names = staff_names(&state).await?;
    let settings = super::practice_settings(&state).await?;
    let teams: std::collections::HashMap<TeamId, String> =
        state.store.people().teams().await?.into_iter().map(|t| (t.id, t.name)).collect();
    let allocations = state.store.people().allocations(&id).await?;
    let describe = |a: &hearth_store::people::work::Allocation| {
        let team = teams.get(&a.team_id).cloned().unwrap_or_default();
        match a.worker_id.as_ref().and_then(|w| names.get(w.as_str())) {
            Some(w) => format!("{w}, {team}"),
            None => format!("{team}, no worker yet"),
        }
    };
    let allocation = allocations.iter().find(|a| a.ended_at.is_none()).map_or("Not allocated".to_owned(), describe);
    let history = allocations
        .iter()
        .filter(|a| a.ended_at.is_some())
        .map(|a| {
            format!(
                "{}: {} to {}",
                describe(a),
                long_date(a.started_at.date_naive()),
                long_date(a.ended_at.expect("ended").date_naive())
            )
        })
        .collect();
    let conversations = state
        .store
        .people()
        .conversations(&id)
        .await?
        .into_iter()
        .map(|c| ConversationView {
            label: settings.labels.of(c.kind).to_owned(),
            started: long_date(c.started_on),
            review_by: c.review_by.map(long_date),
            review_late: c.open && c.review_by.is_some_and(|r| r < today),
            what_matters: c.what_matters,
            urgent_help: c.urgent_help.unwrap_or_default(),
            worker: c.worker_id.and_then(|w| names.get(w.as_str()).cloned()).unwrap_or_default(),
            open: c.open,
            outcome: match (c.outcome, c.closed_on) {
                (Some(o), Some(d)) => format!("Closed {}: {}", long_date(d), o.plain()),
                _ => String::new(),
            },
            override_reason: c.override_reason.unwrap_or_default(),
            id: c.id,
        })
        .collect();
    let tasks = state
        .store
        .people()
        .tasks_for(&id)
        .await?
        .into_iter()
        .map(|t| {
            let due = Due::of(Some(t.due_on), today);
            TaskView {
                due: if t.open { format!("{} ({})", long_date(t.due_on), due.words()) } else { "Done".to_owned() },
                late: t.open && due.is_late(),
                id: t.id,
                title: t.title,
                owner: t.owner_name,
                open: t.open,
            }
        })
        .collect();
    let outcomes = EventOutcome::ALL
        .iter()
        .map(|o| Choice { value: o.key().to_owned(), label: o.plain().to_owned(), selected: false })
        .collect();
    render(&WorkPage {
        chrome: Chrome::build(&state, &viewer, "/people").await,
        header,
        allocation,
        history,
        conversations,
        tasks,
        outcomes,
        manages: viewer.can(Permission::ManageTeamWork),
    })
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct ConversationForm {
    pub kind: String,
    pub started_on: String,
    pub what_matters: String,
    pub review_by: String,
    pub urgent_help: String,
    pub override_reason: String,
}

#[derive(Template)]
#[template(path = "people/person_conversation_new.html")]
struct ConversationPage {
    chrome: Chrome,
    header: RecordHeader,
    f: ConversationForm,
    kinds: Vec<(String, String)>,
    review_hint: String,
    crisis_open: Option<String>,
    manages: bool,
    errors: Problems,
}

async fn conversation_page(
    state: &AppState,
    viewer: &Viewer,
    header: RecordHeader,
    f: ConversationForm,
    errors: Problems,
) -> AppResult<ConversationPage> {
    let settings = super::practice_settings(state).await?;
    let crisis_open = state
        .store
        .people()
        .conversations(&header.id)
        .await?
        .into_iter()
        .find(|c| c.open && c.kind == ConversationKind::Crisis)
        .map(|c| c.review_by.map(long_date).unwrap_or_default());
    Ok(ConversationPage {
        chrome: Chrome::build(state, viewer, "/people").await,
        kinds: ConversationKind::ALL.iter().map(|k| (k.key().to_owned(), settings.labels.of(*k).to_owned())).collect(),
        review_hint: format!("Crisis work is looked at again within {} weeks", settings.crisis_review_days / 7),
        crisis_open,
        manages: viewer.can(Permission::ManageTeamWork),
        header,
        f,
        errors,
    })
}

pub async fn conversation_form(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    record: Record,
) -> AppResult<Response> {
    let Opened { header, .. } = record.open(&state, &viewer, "work", "/work").await?;
    let f = ConversationForm { started_on: today(&state).format("%d/%m/%Y").to_string(), ..Default::default() };
    render(&conversation_page(&state, &viewer, header, f, Problems::default()).await?)
}

pub async fn conversation_submit(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    record: Record,
    Path(id): Path<PersonId>,
    Form(f): Form<ConversationForm>,
) -> AppResult<Response> {
    let settings = super::practice_settings(&state).await?;
    let mut errors = Problems::default();
    let mut date = |field: &'static str, s: &str| {
        let parsed = parse_uk_date(s);
        if parsed.is_none() && !s.trim().is_empty() {
            errors.add(field, "Enter a date like 01/12/2026");
        }
        parsed
    };
    let new = OpenConversation {
        kind: ConversationKind::from_key(&f.kind),
        started_on: date("started_on", &f.started_on),
        what_matters: f.what_matters.clone(),
        review_by: date("review_by", &f.review_by),
        urgent_help: Some(f.urgent_help.trim().to_owned()).filter(|u| !u.is_empty()),
    };
    errors.extend(new.check(today(&state), settings.crisis_review_days));
    if errors.is_empty() {
        let reason = Some(f.override_reason.as_str()).filter(|r| !r.trim().is_empty());
        match state
            .store
            .people()
            .open_conversation(
                &viewer.audit(&state),
                &id,
                &new,
                viewer.user_id(),
                settings.crisis_review_days,
                reason,
                viewer.can(Permission::ManageTeamWork),
            )
            .await
        {
            Ok(_) => return Ok(Redirect::to(&format!("/people/{id}/work")).into_response()),
            Err(e) => {
                // The crisis rule, in the council's own names for the conversations.
                let crisis = settings.labels.of(ConversationKind::Crisis);
                errors.extend(crate::forms::refusal(e)?.reworded(|m| m.replace("a crisis conversation", crisis)));
            }
        }
    }
    let Opened { header, .. } = record.open(&state, &viewer, "work", "/work").await?;
    let page = conversation_page(&state, &viewer, header, f, errors).await?;
    Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct CloseForm {
    pub outcome: String,
    pub note: String,
}

pub async fn conversation_close(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path((id, conversation)): Path<(PersonId, ConversationId)>,
    Form(f): Form<CloseForm>,
) -> AppResult<Response> {
    let outcome = EventOutcome::from_key(&f.outcome).ok_or(AppError::NotFound)?;
    match state.store.people().close_conversation(&viewer.audit(&state), &id, &conversation, outcome, &f.note).await {
        Ok(()) | Err(hearth_store::StoreError::AlreadyDecided) => {}
        Err(e) => return Err(e.into()),
    }
    Ok(Redirect::to(&format!("/people/{id}/work")).into_response())
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct TaskForm {
    pub title: String,
    pub due_on: String,
    pub owner: String,
}

#[derive(Template)]
#[template(path = "people/person_task_new.html")]
struct TaskPage {
    chrome: Chrome,
    header: RecordHeader,
    f: TaskForm,
    owners: Vec<Choice>,
    errors: Problems,
}

/// Who a task can be given to: the viewer, and everyone in their teams.
async fn owners(state: &AppState, viewer: &Viewer, chosen: &str) -> AppResult<Vec<Choice>> {
    let me = viewer.user_id().ok_or(AppError::Forbidden)?.clone();
    let mut people: Vec<(UserId, String)> = vec![(me.clone(), "Me".to_owned())];
    for team in state.store.people().teams_of(&me).await? {
        for m in state.store.people().team_members(&team.id).await? {
            if !people.iter().any(|(id, _)| *id == m.user_id) {
                people.push((m.user_id, format!("{} ({})", m.name, team.name)));
            }
        }
    }
    let chosen = if chosen.is_empty() { me.as_str() } else { chosen };
    Ok(people
        .into_iter()
        .map(|(value, label)| Choice { selected: value == chosen, value: value.to_string(), label })
        .collect())
}

pub async fn task_form(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    record: Record,
) -> AppResult<Response> {
    let Opened { header, .. } = record.open(&state, &viewer, "work", "/work").await?;
    let owners = owners(&state, &viewer, "").await?;
    render(&TaskPage {
        chrome: Chrome::build(&state, &viewer, "/people").await,
        header,
        f: TaskForm::default(),
        owners,
        errors: Problems::default(),
    })
}

pub async fn task_submit(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    record: Record,
    Path(id): Path<PersonId>,
    Form(f): Form<TaskForm>,
) -> AppResult<Response> {
    let allowed = owners(&state, &viewer, &f.owner).await?;
    let mut errors = Problems::default();
    let due_on = parse_uk_date(&f.due_on);
    if due_on.is_none() && !f.due_on.trim().is_empty() {
        errors.add("due_on", "Enter a date like 08/12/2026");
    }
    let new = NewTask {
        title: f.title.clone(),
        due_on,
        owner: allowed.iter().find(|o| o.value == f.owner).map(|o| UserId::from(o.value.as_str())),
    };
    errors.extend(new.check(today(&state)));
    if errors.is_empty() {
        state.store.people().add_task(&viewer.audit(&state), &id, &new, None).await?;
        return Ok(Redirect::to(&format!("/people/{id}/work")).into_response());
    }
    let Opened { header, .. } = record.open(&state, &viewer, "work", "/work").await?;
    let page = TaskPage { chrome: Chrome::build(&state, &viewer, "/people").await, header, f, owners: allowed, errors };
    Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
}

pub async fn task_done(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path((id, task)): Path<(PersonId, TaskId)>,
) -> AppResult<Response> {
    if state.store.people().task(&task).await?.person_id != id {
        return Err(AppError::NotFound);
    }
    match state.store.people().complete_task(&viewer.audit(&state), &task).await {
        Ok(_) | Err(hearth_store::StoreError::AlreadyDecided) => {}
        Err(e) => return Err(e.into()),
    }
    Ok(Redirect::to(&format!("/people/{id}/work")).into_response())
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct AllocateForm {
    /// "team-id" or "team-id/worker-id".
    pub team: String,
    pub reason: String,
    /// "team" when allocated from the team's waiting list, to go back there.
    pub back: String,
}

#[derive(Template)]
#[template(path = "people/person_allocate.html")]
struct AllocatePage {
    chrome: Chrome,
    header: RecordHeader,
    options: Vec<Choice>,
    reason: String,
    errors: Problems,
}

pub async fn allocate_form(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    record: Record,
) -> AppResult<Response> {
    let Opened { header, .. } = record.open(&state, &viewer, "allocate", "/work").await?;
    let options = allocation_options(&state, "").await?;
    render(&AllocatePage {
        chrome: Chrome::build(&state, &viewer, "/people").await,
        header,
        options,
        reason: String::new(),
        errors: Problems::default(),
    })
}

pub async fn allocate_submit(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    record: Record,
    Path(id): Path<PersonId>,
    Form(f): Form<AllocateForm>,
) -> AppResult<Response> {
    let mut errors = Problems::default();
    if let Some((team, worker)) = team_and_worker(&f.team) {
        match state.store.people().allocate(&viewer.audit(&state), &id, &team, worker.as_ref(), Some(&f.reason)).await {
            Ok(_) if f.back == "team" => {
                return Ok(Redirect::to(&crate::done::to("/team", crate::done::Done::Allocated)).into_response());
            }
            Ok(_) => return Ok(Redirect::to(&format!("/people/{id}/work")).into_response()),
            Err(hearth_store::StoreError::NotFound) => errors.add("team", "Choose a team from the list"),
            Err(e) => {
                errors.extend(crate::forms::refusal(e)?);
            }
        }
    } else {
        errors.add("team", "Choose the team or worker");
    }
    let Opened { header, .. } = record.open(&state, &viewer, "allocate", "/work").await?;
    let options = allocation_options(&state, &f.team).await?;
    let page = AllocatePage {
        chrome: Chrome::build(&state, &viewer, "/people").await,
        header,
        options,
        reason: f.reason,
        errors,
    };
    Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct MergeForm {
    pub other: String,
    pub reason: String,
    pub confirm: String,
}

#[derive(Template)]
#[template(path = "people/person_merge.html")]
struct MergePage {
    chrome: Chrome,
    header: RecordHeader,
    f: MergeForm,
    other_name: Option<String>,
    errors: Problems,
}

pub async fn merge_form(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    record: Record,
) -> AppResult<Response> {
    let Opened { header, .. } = record.open(&state, &viewer, "merge", "/work").await?;
    render(&MergePage {
        chrome: Chrome::build(&state, &viewer, "/people").await,
        header,
        f: MergeForm::default(),
        other_name: None,
        errors: Problems::default(),
    })
}

/// Merging takes two steps: the other record's reference and why, then a look at whose it is
/// before confirming.
pub async fn merge_submit(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    record: Record,
    Path(id): Path<PersonId>,
    Form(f): Form<MergeForm>,
) -> AppResult<Response> {
    let mut errors = Problems::default();
    let mut other_name = None;
    match state.store.people().person_by_reference(&f.other.trim().to_ascii_uppercase()).await? {
        None => errors.add("other", "No record has that reference"),
        Some(other) if other == id => errors.add("other", "That is this record: give the other one's reference"),
        // Merging moves the other record's whole history into this one, so it needs the right
        // to open both (a grant, for a restricted record).
        Some(other) if !crate::records::require(&state, &viewer, &other, &format!("/people/{id}/merge")).await? => {
            errors.add(
                "other",
                "You do not work with the person that reference belongs to, so you cannot merge their record. \
             Ask their team, or the information governance lead for a restricted record",
            )
        }
        Some(other) => {
            if f.reason.trim().is_empty() {
                errors.add("reason", "Say how you know these are the same person");
            } else if f.confirm == "yes" {
                match state.store.people().merge_people(&viewer.audit(&state), &id, &other, &f.reason).await {
                    Ok(()) => return Ok(Redirect::to(&format!("/people/{id}")).into_response()),
                    Err(e) => {
                        errors.extend(crate::forms::refusal(e)?);
                    }
                }
            } else {
                let (name, reference, ..) = state.store.people().person_heading(&other).await?;
                other_name = Some(format!("{name} ({reference})"));
            }
        }
    }
    let Opened { header, .. } = record.open(&state, &viewer, "merge", "/work").await?;
    let status = crate::forms::status(&errors);
    Ok((
        status,
        render(&MergePage { chrome: Chrome::build(&state, &viewer, "/people").await, header, f, other_name, errors })?,
    )
        .into_response())
}
