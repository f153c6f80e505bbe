//! Opening times: a week of sessions (up to two a day), times in words, and any other schedules
//! an import brought, for the whole service or for one of its places.

use super::{Entry, Head, Saved, base, load, new_id, place, save, token_now};
use crate::AppState;
use crate::chrome::{Chrome, render};
use crate::errors::AppResult;
use crate::forms::Problems;
use crate::session::Viewer;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Form};
use hearth_domain::directory::editing::Part;
use hearth_domain::directory::hsds::Schedule;
use hearth_domain::directory::times::{
    DAY_NAMES, SESSIONS_PER_DAY, Session, SessionProblem, SplitSchedules, Week, check_day, clock, join_schedules,
    parse_session, split_schedules,
};
use hearth_store::ServiceId;

/// Each day's fields: `[session][opens, closes]`.
const FIELDS: [[[&str; 2]; SESSIONS_PER_DAY]; 7] = [
    [["mo-opens-1", "mo-closes-1"], ["mo-opens-2", "mo-closes-2"]],
    [["tu-opens-1", "tu-closes-1"], ["tu-opens-2", "tu-closes-2"]],
    [["we-opens-1", "we-closes-1"], ["we-opens-2", "we-closes-2"]],
    [["th-opens-1", "th-closes-1"], ["th-opens-2", "th-closes-2"]],
    [["fr-opens-1", "fr-closes-1"], ["fr-opens-2", "fr-closes-2"]],
    [["sa-opens-1", "sa-closes-1"], ["sa-opens-2", "sa-closes-2"]],
    [["su-opens-1", "su-closes-1"], ["su-opens-2", "su-closes-2"]],
];

/// Which schedules the page edits.
#[derive(Clone, Debug)]
enum Target {
    Service,
    Place(String),
}

impl Target {
    fn schedules<'a>(&self, entry: &'a Entry) -> AppResult<&'a [Schedule]> {
        Ok(match self {
            Target::Service => &entry.service().schedules,
            Target::Place(id) => &place(entry.service(), id)?.schedules,
        })
    }

    /// The part of the entry the page edits: a place's times belong to the place.
    fn part(&self) -> Part {
        match self {
            Target::Service => Part::TIMES,
            Target::Place(id) => Part::Place(id.clone()),
        }
    }

    fn action(&self, service_id: &ServiceId) -> String {
        match self {
            Target::Service => format!("/directory/services/{service_id}/times"),
            Target::Place(id) => format!("/directory/services/{service_id}/places/{id}/times"),
        }
    }
}

pub struct Cell {
    pub id: &'static str,
    pub label: &'static str,
    pub value: String,
    pub error: Option<String>,
}

pub struct DayRow {
    pub name: &'static str,
    pub cells: Vec<Cell>,
}

pub struct OtherSchedule {
    pub id: String,
    pub words: String,
    pub kept: bool,
}

#[derive(Template)]
#[template(path = "directory/directory_service_times.html")]
struct TimesPage {
    chrome: Chrome,
    head: Head,
    place_name: Option<String>,
    action: String,
    days: Vec<DayRow>,
    in_words: String,
    others: Vec<OtherSchedule>,
    token: String,
    errors: Problems,
}

fn other_in_words(s: &Schedule) -> String {
    s.description.clone().unwrap_or_else(|| {
        [s.freq.as_deref(), s.byday.as_deref(), s.bymonthday.as_deref(), s.opens_at.as_deref(), s.closes_at.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ")
    })
}

const LABELS: [&str; 4] = ["Opens", "Closes", "Then opens", "Then closes"];

/// What the form holds, typed: `values[day][cell]` in the order of [`FIELDS`], flattened.
struct Typed {
    values: [[String; 4]; 7],
    in_words: String,
    keep: Vec<String>,
}

impl Typed {
    fn from_split(split: &SplitSchedules) -> Typed {
        let mut values: [[String; 4]; 7] = Default::default();
        for (day, sessions) in split.week.days.iter().enumerate() {
            for (k, s) in sessions.iter().enumerate() {
                values[day][k * 2] = clock(s.opens);
                values[day][k * 2 + 1] = clock(s.closes);
            }
        }
        Typed { values, in_words: split.in_words.join("\n"), keep: split.others.iter().map(|s| s.id.clone()).collect() }
    }

    fn from_form(pairs: &[(String, String)]) -> Typed {
        let mut values: [[String; 4]; 7] = Default::default();
        let mut in_words = String::new();
        let mut keep = Vec::new();
        for (key, value) in pairs {
            if key == "in_words" {
                in_words = value.clone();
            } else if key == "keep" {
                keep.push(value.clone());
            }
            for (day, sessions) in FIELDS.iter().enumerate() {
                for (k, pair) in sessions.iter().enumerate() {
                    for (j, field) in pair.iter().enumerate() {
                        if key == field {
                            values[day][k * 2 + j] = value.clone();
                        }
                    }
                }
            }
        }
        Typed { values, in_words, keep }
    }

    /// The week, or what is wrong with each field.
    fn week(&self) -> Result<Week, Problems> {
        let mut errors = Problems::default();
        let mut week = Week::default();
        for (day, name) in DAY_NAMES.iter().enumerate() {
            for (k, [opens_field, closes_field]) in FIELDS[day].into_iter().enumerate() {
                let (opens, closes) = (&self.values[day][k * 2], &self.values[day][k * 2 + 1]);
                match parse_session(opens, closes) {
                    Ok(Some(session)) => week.days[day].push(session),
                    Ok(None) => {}
                    Err(problem) => {
                        let (field, message) = match problem {
                            SessionProblem::OpensMissing => (opens_field, format!("{name}: enter the time it opens")),
                            SessionProblem::ClosesMissing => {
                                (closes_field, format!("{name}: enter the time it closes"))
                            }
                            SessionProblem::OpensNotATime => {
                                (opens_field, format!("{name}: enter the opening time as a time, like 9am or 13:30"))
                            }
                            SessionProblem::ClosesNotATime => {
                                (closes_field, format!("{name}: enter the closing time as a time, like 5pm or 17:00"))
                            }
                            SessionProblem::ClosesBeforeOpens => {
                                (closes_field, format!("{name}: the closing time must be after the opening time"))
                            }
                            SessionProblem::OverlapsEarlier => {
                                (opens_field, format!("{name}: the second time must start after the first one ends"))
                            }
                        };
                        errors.add(field, message);
                    }
                }
            }
            let mut sorted: Vec<Session> = week.days[day].clone();
            sorted.sort();
            if check_day(&sorted).is_err() {
                errors.add(FIELDS[day][1][0], format!("{name}: the second time must start after the first one ends"));
            }
            week.days[day] = sorted;
        }
        if errors.is_empty() { Ok(week) } else { Err(errors) }
    }
}

async fn page(
    state: &AppState,
    viewer: &Viewer,
    entry: &Entry,
    target: &Target,
    typed: Typed,
    token: String,
    errors: Problems,
) -> AppResult<Response> {
    let split = split_schedules(target.schedules(entry)?);
    let days = DAY_NAMES
        .iter()
        .enumerate()
        .map(|(day, name)| DayRow {
            name,
            cells: (0..4)
                .map(|cell| {
                    let id = FIELDS[day][cell / 2][cell % 2];
                    Cell {
                        id,
                        label: LABELS[cell],
                        value: typed.values[day][cell].clone(),
                        error: errors.get(id).map(str::to_owned),
                    }
                })
                .collect(),
        })
        .collect();
    let place_name = match target {
        Target::Service => None,
        Target::Place(id) => Some(
            place(entry.service(), id)?
                .location
                .as_ref()
                .and_then(|l| l.name.clone())
                .unwrap_or_else(|| "this place".to_owned()),
        ),
    };
    let status = crate::forms::status(&errors);
    let page = TimesPage {
        chrome: Chrome::build(state, viewer, "/directory/services").await,
        head: entry.head(),
        place_name,
        action: target.action(entry.id()),
        days,
        in_words: typed.in_words,
        others: split
            .others
            .iter()
            .map(|s| OtherSchedule { id: s.id.clone(), words: other_in_words(s), kept: typed.keep.contains(&s.id) })
            .collect(),
        token,
        errors,
    };
    Ok((status, render(&page)?).into_response())
}

async fn show(state: AppState, viewer: Viewer, id: ServiceId, target: Target) -> AppResult<Response> {
    let entry = load(&state, &viewer, &id).await?;
    let typed = Typed::from_split(&split_schedules(target.schedules(&entry)?));
    let token = token_now(&entry, &target.part());
    page(&state, &viewer, &entry, &target, typed, token, Problems::default()).await
}

async fn submit(
    state: AppState,
    viewer: Viewer,
    id: ServiceId,
    target: Target,
    pairs: Vec<(String, String)>,
) -> AppResult<Response> {
    let entry = load(&state, &viewer, &id).await?;
    let typed = Typed::from_form(&pairs);
    let token = pairs.iter().find(|(k, _)| k == "edit_token").map(|(_, v)| v.clone()).unwrap_or_default();
    let week = match typed.week() {
        Ok(week) => week,
        Err(errors) => return page(&state, &viewer, &entry, &target, typed, token, errors).await,
    };
    let split = split_schedules(target.schedules(&entry)?);
    let others: Vec<Schedule> = split.others.into_iter().filter(|s| typed.keep.contains(&s.id)).collect();
    let in_words: Vec<String> = typed.in_words.lines().map(str::to_owned).collect();
    let schedules = join_schedules(&week, &in_words, others, &split.ids, new_id);
    let mut edited = entry.service().clone();
    match &target {
        Target::Service => {
            edited.schedules = schedules
                .into_iter()
                .map(|mut s| {
                    s.service_id = Some(edited.id.clone());
                    s
                })
                .collect();
        }
        Target::Place(place_id) => {
            let place = edited.service_at_locations.iter_mut().find(|p| p.id == *place_id).expect("found above");
            place.schedules = schedules
                .into_iter()
                .map(|mut s| {
                    s.service_at_location_id = Some(place.id.clone());
                    s
                })
                .collect();
        }
    }
    match save(&state, &viewer, &entry, edited, base(target.part(), &token)).await? {
        Saved::Done(r) => Ok(r),
        Saved::ChangedMeanwhile(message) => {
            let mut errors = Problems::default();
            errors.add(crate::edits::CHANGED, message);
            let now = token_now(&entry, &target.part());
            page(&state, &viewer, &entry, &target, Typed::from_form(&pairs), now, errors).await
        }
    }
}

pub async fn service_form(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path(id): Path<ServiceId>,
) -> AppResult<Response> {
    show(state, viewer, id, Target::Service).await
}

pub async fn service_submit(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path(id): Path<ServiceId>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    submit(state, viewer, id, Target::Service, pairs).await
}

pub async fn place_form(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path((id, place_id)): Path<(ServiceId, String)>,
) -> AppResult<Response> {
    show(state, viewer, id, Target::Place(place_id)).await
}

pub async fn place_submit(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path((id, place_id)): Path<(ServiceId, String)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    submit(state, viewer, id, Target::Place(place_id), pairs).await
}
