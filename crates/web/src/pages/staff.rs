//! The staff home page.

use crate::AppState;
use crate::chrome::{Chrome, render};
use crate::errors::AppResult;
use crate::session::Viewer;
use askama::Template;
use axum::Extension;
use axum::extract::State;
use axum::response::Response;
use hearth_domain::access::{Permission, Role};

#[derive(Template)]
#[template(path = "people/staff_home.html")]
struct StaffHome {
    chrome: Chrome,
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
