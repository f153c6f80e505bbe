//! "My work" for a practitioner and the team view for a manager: the people they work with,
//! conversations with their review dates, and tasks, sorted by what is due and what is late.

use crate::AppState;
use crate::chrome::{Chrome, render};
use crate::errors::{AppError, AppResult};
use crate::pages::people::{long_date, practice_settings, today};
use crate::session::Viewer;
use askama::Template;
use axum::Extension;
use axum::extract::State;
use axum::response::Response;
use hearth_domain::people::tasks::{Due, Waiting};
use hearth_store::{PersonId, UserId};
use std::collections::HashMap;

pub struct PersonLine {
    pub id: String,
    pub name: String,
    pub since: String,
}

pub struct DueLine {
    pub person_id: PersonId,
    pub person: String,
    pub what: String,
    pub who: String,
    pub due: String,
    pub late: bool,
    pub sort: Due,
}

async fn names_of(state: &AppState, mut ids: Vec<PersonId>) -> AppResult<HashMap<PersonId, String>> {
    ids.sort_unstable();
    ids.dedup();
    Ok(state
        .store
        .people()
        .people_summaries(&ids)
        .await?
        .into_iter()
        .map(|p| (p.id.clone(), p.display_name()))
        .collect())
}

#[derive(Template)]
#[template(path = "people/my_work.html")]
struct MyWorkPage {
    chrome: Chrome,
    people: Vec<PersonLine>,
    due: Vec<DueLine>,
    late: usize,
    front_door: bool,
    waiting: u64,
}

/// What a worker has on: the people allocated to them, their open conversations and tasks, and
/// the reviews due for their caseload. "My work" lists it; the staff home counts it.
pub(crate) struct MyWork {
    allocations: Vec<hearth_store::people::work::Allocation>,
    conversations: Vec<hearth_store::people::work::Conversation>,
    tasks: Vec<hearth_store::people::work::Task>,
    reviews: Vec<hearth_store::assessments::plans::ReviewDue>,
    settings: crate::pages::people::PracticeSettings,
    today: chrono::NaiveDate,
}

impl MyWork {
    pub(crate) async fn read(state: &AppState, me: &UserId) -> AppResult<MyWork> {
        let settings = practice_settings(state).await?;
        let allocations = state.store.people().current_allocations(me).await?;
        let conversations = state.store.people().open_conversations(me).await?;
        let tasks = state.store.people().open_tasks(std::slice::from_ref(me)).await?;
        let caseload: Vec<PersonId> = allocations.iter().map(|a| a.person_id.clone()).collect();
        let today = today(state);
        let by = today + chrono::Days::new(u64::from(settings.reviews.due_soon_days));
        let reviews = state.store.assessments().reviews_due(&caseload, by).await?;
        Ok(MyWork { allocations, conversations, tasks, reviews, settings, today })
    }

    /// Everything due, with its date and whether it is late, soonest first.
    pub(crate) fn due(&self, name: &dyn Fn(&PersonId) -> String) -> Vec<DueLine> {
        let mut due = due_lines(&self.settings, self.today, &self.conversations, &self.tasks, name);
        due.extend(review_lines(&self.reviews, self.today, name));
        due.sort_by_key(|d| d.sort);
        due
    }

    pub(crate) fn caseload(&self) -> usize {
        self.allocations.len()
    }

    /// Reviews of plans due soon or late, for the people allocated to this worker.
    pub(crate) fn reviews_due(&self) -> usize {
        self.reviews.len()
    }
}

pub async fn mine(State(state): State<AppState>, Extension(viewer): Extension<Viewer>) -> AppResult<Response> {
    let me = viewer.user_id().ok_or(AppError::Forbidden)?.clone();
    let work = MyWork::read(&state, &me).await?;
    let mut ids: Vec<PersonId> = work.allocations.iter().map(|a| a.person_id.clone()).collect();
    ids.extend(work.conversations.iter().map(|c| c.person_id.clone()));
    ids.extend(work.tasks.iter().map(|t| t.person_id.clone()));
    ids.extend(work.reviews.iter().map(|r| r.person_id.clone()));
    let names = names_of(&state, ids).await?;
    let name = |id: &PersonId| names.get(id).cloned().unwrap_or_else(|| "Someone".into());
    let mut people: Vec<PersonLine> = work
        .allocations
        .iter()
        .map(|a| PersonLine {
            id: a.person_id.to_string(),
            name: name(&a.person_id),
            since: long_date(a.started_at.date_naive()),
        })
        .collect();
    people.sort_by(|a, b| a.name.cmp(&b.name));
    let due = work.due(&name);
    let asker = state.store.people().asker(&me).await?;
    render(&MyWorkPage {
        chrome: Chrome::build(&state, &viewer, "/my-work").await,
        late: due.iter().filter(|d| d.late).count(),
        people,
        due,
        front_door: asker.front_door,
        waiting: if asker.front_door { state.store.front_door().new_contact_count().await? } else { 0 },
    })
}

fn due_lines(
    settings: &crate::pages::people::PracticeSettings,
    today: chrono::NaiveDate,
    conversations: &[hearth_store::people::work::Conversation],
    tasks: &[hearth_store::people::work::Task],
    name: &dyn Fn(&PersonId) -> String,
) -> Vec<DueLine> {
    let mut out: Vec<DueLine> = conversations
        .iter()
        .filter(|c| c.review_by.is_some())
        .map(|c| {
            let d = Due::of(c.review_by, today);
            DueLine {
                person_id: c.person_id.clone(),
                person: name(&c.person_id),
                what: format!("Review: {}", settings.labels.of(c.kind)),
                who: String::new(),
                due: format!("{} ({})", c.review_by.map(long_date).unwrap_or_default(), d.words()),
                late: d.is_late(),
                sort: d,
            }
        })
        .collect();
    out.extend(tasks.iter().map(|t| {
        let d = Due::of(Some(t.due_on), today);
        DueLine {
            person_id: t.person_id.clone(),
            person: name(&t.person_id),
            what: t.title.clone(),
            who: t.owner_name.clone(),
            due: format!("{} ({})", long_date(t.due_on), d.words()),
            late: d.is_late(),
            sort: d,
        }
    }));
    out
}

/// Plan reviews due (Care Act 2014 s27), as lines of "what is due".
fn review_lines(
    reviews: &[hearth_store::assessments::plans::ReviewDue],
    today: chrono::NaiveDate,
    name: &dyn Fn(&PersonId) -> String,
) -> Vec<DueLine> {
    reviews
        .iter()
        .map(|r| {
            // A review is due from the day its window opens, even if its last day is further off.
            let d = match Due::of(Some(r.due), today) {
                Due::Later(days) if today >= r.opens => Due::Soon(days),
                d => d,
            };
            DueLine {
                person_id: r.person_id.clone(),
                person: name(&r.person_id),
                what: r.what.clone(),
                who: String::new(),
                due: format!("{} ({})", long_date(r.due), d.words()),
                late: d.is_late(),
                sort: d,
            }
        })
        .collect()
}

/// The most lines a team's lists show; the rest are counted. A manager works from the oldest
/// and the latest first, and a list of thousands helps nobody.
const TEAM_LIST_LINES: usize = 50;

pub struct TeamView {
    pub id: String,
    pub name: String,
    pub caseload: Vec<(String, usize)>,
    pub unallocated: Vec<WaitingLine>,
    pub unallocated_total: usize,
    /// How many of those waiting have waited longer than the council's limit.
    pub waited_too_long: usize,
    pub people: usize,
    /// The team's workers, to allocate to from the list: the value the allocation form takes
    /// ("team-id/worker-id") and the name.
    pub workers: Vec<(String, String)>,
}

/// Someone waiting for a worker, longest first.
pub struct WaitingLine {
    pub id: String,
    pub name: String,
    pub since: String,
    pub waited: String,
    pub too_long: bool,
}

#[derive(Template)]
#[template(path = "people/team_work.html")]
struct TeamPage {
    chrome: Chrome,
    teams: Vec<TeamView>,
    /// What is due or late across all the manager's teams, each item once.
    due: Vec<DueLine>,
    due_total: usize,
    late: usize,
    lines: usize,
    wait_days: i64,
}

/// A team manager's view of their teams: for each, the caseload by worker and the people
/// allocated to the team with no worker yet (longest waiting first, flagged past the council's
/// limit, allocated from the list); then what is due or late across all of them, each item once
/// however many of the manager's teams its worker is in (latest first).
pub async fn team(State(state): State<AppState>, Extension(viewer): Extension<Viewer>) -> AppResult<Response> {
    let me = viewer.user_id().ok_or(AppError::Forbidden)?.clone();
    let today = today(&state);
    let settings = practice_settings(&state).await?;
    let mut teams = Vec::new();
    let mut owners: Vec<UserId> = Vec::new();
    let mut due = Vec::new();
    let mut waiting_by_team = Vec::new();
    for t in state.store.people().teams_of(&me).await? {
        let members = state.store.people().team_members(&t.id).await?;
        let counts = state.store.people().team_caseload(&t.id).await?;
        let count_of =
            |worker: Option<&str>| counts.iter().find(|(w, _)| w.as_deref() == worker).map_or(0, |(_, n)| *n as usize);
        let caseload = members.iter().map(|m| (m.name.clone(), count_of(Some(m.user_id.as_str())))).collect();
        let people = counts.iter().map(|(_, n)| *n as usize).sum();
        let unallocated_total = count_of(None);
        waiting_by_team.push(state.store.people().team_waiting(&t.id, TEAM_LIST_LINES as u64).await?);
        let conversations = state.store.people().team_reviews(&t.id).await?;
        let reviews = state.store.assessments().team_reviews_due(&t.id, today + chrono::Days::new(7)).await?;
        due.extend(due_lines(&settings, today, &conversations, &[], &|_| String::new()));
        due.extend(review_lines(&reviews, today, &|_| String::new()));
        for m in &members {
            if !owners.contains(&m.user_id) {
                owners.push(m.user_id.clone());
            }
        }
        let workers = members.iter().map(|m| (format!("{}/{}", t.id, m.user_id), m.name.clone())).collect();
        teams.push(TeamView {
            id: t.id.to_string(),
            name: t.name,
            caseload,
            unallocated: Vec::new(),
            unallocated_total,
            waited_too_long: 0,
            people,
            workers,
        });
    }
    // A person allocated to one team is listed once; the same review read through two teams is not.
    due.retain(|d| matches!(d.sort, Due::Late(_) | Due::Today | Due::Soon(_)));
    let mut seen = std::collections::HashSet::new();
    due.retain(|d| seen.insert((d.person_id.clone(), d.what.clone(), d.due.clone())));
    // Tasks belong to workers, and a worker may be in several of the manager's teams: read once
    // for everyone (hearth_domain::people::tasks::Due), counted in the database.
    let (tasks, tasks_total, tasks_late) = state
        .store
        .people()
        .open_tasks_due_counted(&owners, today + chrono::Days::new(7), today, TEAM_LIST_LINES as u64)
        .await?;
    let due_total = due.len() + tasks_total as usize;
    let late = due.iter().filter(|d| d.late).count() + tasks_late as usize;
    due.extend(due_lines(&settings, today, &[], &tasks, &|_| String::new()));
    // The most overdue first, then today's, then the week's.
    due.sort_by_key(|d| match d.sort {
        Due::Late(days) => (0, -days),
        Due::Today => (1, 0),
        Due::Soon(days) | Due::Later(days) => (2, days),
        Due::NoDate => (3, 0),
    });
    due.truncate(TEAM_LIST_LINES);
    // Names only for the lines shown.
    let mut shown: Vec<PersonId> = waiting_by_team.iter().flatten().map(|a| a.person_id.clone()).collect();
    shown.extend(due.iter().map(|d| d.person_id.clone()));
    let names = names_of(&state, shown).await?;
    let name = |id: &PersonId| names.get(id).cloned().unwrap_or_else(|| "Someone".into());
    for d in &mut due {
        d.person = name(&d.person_id);
    }
    for (team, waiting) in teams.iter_mut().zip(waiting_by_team) {
        team.unallocated = waiting
            .iter()
            .map(|a| {
                let since = a.started_at.date_naive();
                let waited = Waiting::since(since, today, settings.allocation_wait_days);
                WaitingLine {
                    id: a.person_id.to_string(),
                    name: name(&a.person_id),
                    since: long_date(since),
                    waited: waited.words(),
                    too_long: waited.too_long,
                }
            })
            .collect();
        team.waited_too_long = team.unallocated.iter().filter(|w| w.too_long).count();
    }
    render(&TeamPage {
        chrome: Chrome::build(&state, &viewer, "/team").await,
        teams,
        due,
        due_total,
        late,
        lines: TEAM_LIST_LINES,
        wait_days: settings.allocation_wait_days,
    })
}
