//! The staff home page.

use crate::AppState;
use crate::chrome::{Chrome, render};
use crate::errors::AppResult;
use crate::pages::my_work::MyWork;
use crate::session::Viewer;
use askama::Template;
use axum::Extension;
use axum::extract::State;
use axum::response::Response;
use hearth_domain::access::{Permission, Role};
use hearth_domain::people::tasks::Due;

/// A number that matters at a glance, linking to its list.
pub struct Count {
    pub number: usize,
    pub label: String,
    pub href: &'static str,
    /// Late or waiting: shown in red when there are any.
    pub urgent: bool,
}

fn count(number: usize, one: &str, many: &str, href: &'static str, urgent: bool) -> Count {
    Count { number, label: if number == 1 { one } else { many }.to_owned(), href, urgent: urgent && number > 0 }
}

/// The counts for this user's roles, in the order they work through them.
async fn counts(state: &AppState, viewer: &Viewer) -> AppResult<Vec<Count>> {
    let mut out = Vec::new();
    let Some(me) = viewer.user_id().cloned() else { return Ok(out) };
    if viewer.can(Permission::WorkWithPeople) {
        let work = MyWork::read(state, &me).await?;
        let due = work.due(&|_| String::new());
        let late = due.iter().filter(|d| d.late).count();
        let this_week = due.iter().filter(|d| matches!(d.sort, Due::Today | Due::Soon(_))).count();
        out.push(count(late, "task or review overdue", "tasks and reviews overdue", "/my-work", true));
        out.push(count(this_week, "due in the next week", "due in the next week", "/my-work", false));
        out.push(count(work.reviews_due(), "plan review due soon", "plan reviews due soon", "/my-work", false));
        out.push(count(work.caseload(), "person allocated to you", "people allocated to you", "/my-work", false));
        if state.store.people().asker(&me).await?.front_door {
            let new = state.store.front_door().new_contact_count().await? as usize;
            out.push(count(
                new,
                "new contact at the front door",
                "new contacts at the front door",
                "/front-door",
                true,
            ));
        }
    }
    if viewer.can(Permission::ManageTeamWork) {
        let assessments = state.store.assessments().assessments_awaiting_approval().await?;
        let plans = state.store.assessments().plans_awaiting_approval().await?;
        // Only what this manager may decide: their own submissions need someone else.
        let mine = |by: &Option<String>| by.as_deref() == Some(me.as_str());
        let waiting = assessments.iter().filter(|a| !mine(&a.submitted_by)).count()
            + plans.iter().filter(|p| !mine(&p.submitted_by)).count();
        out.push(count(waiting, "waiting for your approval", "waiting for your approval", "/approvals", true));
        let mut unallocated = 0;
        for team in state.store.people().teams_of(&me).await? {
            let counts = state.store.people().team_caseload(&team.id).await?;
            unallocated += counts.iter().filter(|(w, _)| w.is_none()).map(|(_, n)| *n as usize).sum::<usize>();
        }
        out.push(count(unallocated, "person waiting for a worker", "people waiting for a worker", "/team", true));
    }
    Ok(out)
}

#[derive(Template)]
#[template(path = "people/staff_home.html")]
struct StaffHome {
    chrome: Chrome,
    counts: Vec<Count>,
    name: String,
    roles: Vec<Role>,
    can_manage_users: bool,
    can_read_audit: bool,
    can_edit_directory: bool,
    can_update_services: bool,
    can_assess_finances: bool,
    can_set_charging_policy: bool,
    can_work_with_people: bool,
    can_manage_team_work: bool,
    can_govern_information: bool,
    can_manage_teams: bool,
    can_set_council_details: bool,
}

pub async fn home(State(state): State<AppState>, Extension(viewer): Extension<Viewer>) -> AppResult<Response> {
    let chrome = Chrome::build(&state, &viewer, "/staff").await;
    let me = viewer.user.as_ref().map(|u| u.user.clone()).ok_or(crate::AppError::Forbidden)?;
    render(&StaffHome {
        chrome,
        counts: counts(&state, &viewer).await?,
        name: me.name,
        roles: me.roles,
        can_manage_users: viewer.can(Permission::ManageUsers),
        can_read_audit: viewer.can(Permission::ReadAuditLog),
        can_edit_directory: viewer.can(Permission::EditDirectory),
        can_update_services: viewer.can(Permission::UpdateServices),
        can_assess_finances: viewer.can(Permission::AssessFinances),
        can_set_charging_policy: viewer.can(Permission::SetChargingPolicy),
        can_work_with_people: viewer.can(Permission::WorkWithPeople),
        can_manage_team_work: viewer.can(Permission::ManageTeamWork),
        can_govern_information: viewer.can(Permission::GovernInformation),
        can_manage_teams: viewer.can(Permission::ManageTeams),
        can_set_council_details: viewer.can(Permission::SetCouncilDetails),
    })
}
