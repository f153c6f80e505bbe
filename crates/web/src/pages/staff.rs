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
#[template(path = "staff_home.html")]
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
    })
}
