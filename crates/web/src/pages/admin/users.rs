//! Administrators manage staff accounts and their roles. Every change is audited by the store.

use crate::AppState;
use crate::chrome::{Chrome, render};
use crate::errors::{AppError, AppResult};
use crate::forms::{Problems, TypedForm, uk_time};
use crate::session::Viewer;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use hearth_domain::access::{Permission, Role};
use hearth_domain::email::EmailAddress;
use hearth_domain::password::NewPassword;
use hearth_store::{NewUser, OrganizationId, StoreError, User, UserId};
use serde::Deserialize;

/// A user as the pages show them.
pub struct UserRow {
    pub id: String,
    pub name: String,
    pub email: String,
    pub roles: String,
    pub status: &'static str,
    pub status_class: &'static str,
    pub last_sign_in: String,
}

fn row(user: &User, now: chrono::DateTime<chrono::Utc>) -> UserRow {
    let (status, status_class) = if !user.active {
        ("Deactivated", "govuk-tag--grey")
    } else if user.lock().is_locked(now) {
        ("Locked", "govuk-tag--red")
    } else {
        ("Active", "govuk-tag--green")
    };
    UserRow {
        id: user.id.to_string(),
        name: user.name.clone(),
        email: user.email.clone(),
        roles: if user.roles.is_empty() {
            "No roles".to_owned()
        } else {
            user.roles.iter().map(|r| r.label()).collect::<Vec<_>>().join(", ")
        },
        status,
        status_class,
        last_sign_in: user.last_sign_in_at.map(uk_time).unwrap_or_else(|| "Never".to_owned()),
    }
}

#[derive(Template)]
#[template(path = "admin/admin_users.html")]
struct UsersPage {
    chrome: Chrome,
    users: Vec<UserRow>,
}

pub async fn list(State(state): State<AppState>, Extension(viewer): Extension<Viewer>) -> AppResult<Response> {
    let chrome = Chrome::build(&state, &viewer, "/admin/users").await;
    let now = state.clock.now();
    let users = state.store.accounts().users().await?.iter().map(|u| row(u, now)).collect();
    render(&UsersPage { chrome, users })
}

pub struct RoleChoice {
    pub key: &'static str,
    pub label: &'static str,
    pub description: &'static str,
    pub checked: bool,
}

fn role_choices(selected: &[Role]) -> Vec<RoleChoice> {
    Role::ALL
        .into_iter()
        .map(|r| RoleChoice {
            key: r.key(),
            label: r.label(),
            description: r.description(),
            checked: selected.contains(&r),
        })
        .collect()
}

#[derive(Template)]
#[template(path = "admin/admin_user_new.html")]
struct NewUserPage {
    chrome: Chrome,
    errors: Problems,
    name: String,
    email: String,
    roles: Vec<RoleChoice>,
    sso: bool,
}

pub async fn new_form(State(state): State<AppState>, Extension(viewer): Extension<Viewer>) -> AppResult<Response> {
    let chrome = Chrome::build(&state, &viewer, "/admin/users/new").await;
    render(&NewUserPage {
        chrome,
        errors: Problems::default(),
        name: String::new(),
        email: String::new(),
        roles: role_choices(&[]),
        sso: state.config.oidc.is_some(),
    })
}

/// A new staff account as the form sends it.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct NewUserForm {
    #[serde(deserialize_with = "crate::forms::trimmed")]
    name: String,
    email: String,
    password: String,
    roles: Vec<String>,
}

/// An account's roles as the form sends them, with what the page started from.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct RolesForm {
    roles: Vec<String>,
    edit_token: String,
}

/// The organisations a provider editor updates, as the form sends them.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct OrganisationsForm {
    organisations: Vec<OrganizationId>,
    edit_token: String,
}

/// The roles ticked; a value that names no role is dropped (the page only offers real ones).
fn roles_from(ticked: &[String]) -> Vec<Role> {
    ticked.iter().filter_map(|r| r.parse().ok()).collect()
}

pub async fn create(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    TypedForm(f): TypedForm<NewUserForm>,
) -> AppResult<Response> {
    let NewUserForm { name, email: email_typed, password, roles } = f;
    let roles = roles_from(&roles);
    let sso = state.config.oidc.is_some();

    let mut errors = Problems::default();
    if name.is_empty() {
        errors.add("name", "Enter their full name");
    } else if name.chars().count() > 200 {
        errors.add("name", "Name must be 200 characters or fewer");
    }
    let email = EmailAddress::parse(&email_typed).map_err(|e| errors.add("email", e.to_string())).ok();
    let password_hash = if password.is_empty() && sso {
        None
    } else {
        match NewPassword::parse(&password) {
            Ok(p) => Some(
                tokio::task::spawn_blocking(move || p.hash()).await.map_err(|e| AppError::Internal(e.to_string()))?,
            ),
            Err(e) => {
                errors.add("password", e.to_string());
                None
            }
        }
    };
    if let (true, Some(email)) = (errors.is_empty(), email) {
        let new =
            NewUser { email, name: name.clone(), roles: roles.clone(), password_hash, oidc_subject: None, demo: false };
        match state.store.accounts().create_user(&viewer.audit(&state), new).await {
            Ok(user) => return Ok(Redirect::to(&format!("/admin/users/{}?created=1", user.id)).into_response()),
            Err(StoreError::EmailTaken) => {
                errors.add("email", "There is already a staff account with this email address")
            }
            Err(e) => return Err(e.into()),
        }
    }
    let chrome = Chrome::build(&state, &viewer, "/admin/users/new").await;
    let page = NewUserPage { chrome, errors, name, email: email_typed, roles: role_choices(&roles), sso };
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
}

#[derive(Template)]
#[template(path = "admin/admin_user.html")]
struct UserPage {
    chrome: Chrome,
    user: UserRow,
    active: bool,
    locked: bool,
    is_me: bool,
    created: bool,
    saved: bool,
    sign_in_methods: String,
    sessions: u64,
    roles: Vec<RoleChoice>,
    /// For provider editors: every organisation, ticked where they may update its entries.
    organisations: Vec<OrganisationChoice>,
    provider_editor: bool,
    /// What the roles and organisations forms start from (`crate::edits`).
    roles_token: String,
    organisations_token: String,
    errors: Problems,
}

pub struct OrganisationChoice {
    pub id: String,
    pub name: String,
    pub checked: bool,
}

#[derive(Deserialize)]
pub struct UserQuery {
    created: Option<String>,
    saved: Option<String>,
}

async fn user_page(
    state: &AppState,
    viewer: &Viewer,
    id: &UserId,
    flags: (bool, bool),
    errors: Problems,
) -> AppResult<Response> {
    let user = state.store.accounts().user(id).await?.ok_or(AppError::NotFound)?;
    let chrome = Chrome::build(state, viewer, "/admin/users/").await;
    let now = state.clock.now();
    let mut methods = Vec::new();
    if user.has_password {
        methods.push("Password");
    }
    if user.single_sign_on {
        methods.push("Council single sign-on");
    }
    if methods.is_empty() {
        methods.push(if state.config.oidc.is_some() { "Council single sign-on (not used yet)" } else { "None set" });
    }
    let linked = state.store.directory().editor_organizations(&user.id).await?;
    let status = crate::forms::status(&errors);
    let page = UserPage {
        chrome,
        user: row(&user, now),
        active: user.active,
        locked: user.lock().is_locked(now),
        is_me: viewer.user_id() == Some(&user.id),
        created: flags.0,
        saved: flags.1,
        sign_in_methods: methods.join(", "),
        sessions: state.store.accounts().session_count(&user.id).await?,
        roles: role_choices(&user.roles),
        provider_editor: user.roles.contains(&Role::ProviderEditor),
        organisations: state
            .store
            .directory()
            .organizations()
            .await?
            .into_iter()
            .filter(|_| user.roles.contains(&Role::ProviderEditor))
            .map(|(id, name)| OrganisationChoice { checked: linked.contains(&id), id: id.into(), name })
            .collect(),
        roles_token: hearth_store::roles_token(&user.roles).to_string(),
        organisations_token: hearth_store::directory::organisations::organizations_token(&linked).to_string(),
        errors,
    };
    Ok((status, render(&page)?).into_response())
}

/// Which organisations' directory entries a provider editor may update.
pub async fn update_organisations(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path(id): Path<UserId>,
    TypedForm(f): TypedForm<OrganisationsForm>,
) -> AppResult<Response> {
    state.store.accounts().user(&id).await?.ok_or(AppError::NotFound)?;
    let known: Vec<OrganizationId> =
        state.store.directory().organizations().await?.into_iter().map(|(id, _)| id).collect();
    let chosen: Vec<OrganizationId> = f.organisations.into_iter().filter(|o| known.contains(o)).collect();
    let expected = crate::edits::sent(&f.edit_token);
    match state.store.directory().set_editor_organizations(&viewer.audit(&state), &id, &chosen, Some(&expected)).await {
        Ok(()) => Ok(Redirect::to(&format!("/admin/users/{id}?saved=1")).into_response()),
        Err(hearth_store::StoreError::Stale) => changed(&state, &viewer, &id, "the organisations they update").await,
        Err(e) => Err(e.into()),
    }
}

pub async fn show(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path(id): Path<UserId>,
    Query(q): Query<UserQuery>,
) -> AppResult<Response> {
    user_page(&state, &viewer, &id, (q.created.is_some(), q.saved.is_some()), Problems::default()).await
}

pub async fn update_roles(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path(id): Path<UserId>,
    TypedForm(f): TypedForm<RolesForm>,
) -> AppResult<Response> {
    let roles = roles_from(&f.roles);
    // Administrators cannot remove their own administration rights, so there is always someone
    // left who can manage accounts.
    if viewer.user_id() == Some(&id) && !roles.iter().any(|r| r.permissions().contains(&Permission::ManageUsers)) {
        let mut errors = Problems::default();
        errors.add("roles", "You cannot remove your own administrator role. Ask another administrator to do it");
        return user_page(&state, &viewer, &id, (false, false), errors).await;
    }
    let expected = crate::edits::sent(&f.edit_token);
    match state.store.accounts().set_roles(&viewer.audit(&state), &id, &roles, Some(&expected)).await {
        Ok(_) => Ok(Redirect::to(&format!("/admin/users/{id}?saved=1")).into_response()),
        Err(hearth_store::StoreError::Stale) => changed(&state, &viewer, &id, "their roles").await,
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub struct ActiveForm {
    active: String,
}

/// The account's page again, saying someone else changed `what` meanwhile (the page shows
/// what is there now: ticking again is deliberate).
async fn changed(state: &AppState, viewer: &Viewer, id: &UserId, what: &str) -> AppResult<Response> {
    let mut errors = Problems::default();
    errors.add(
        crate::edits::CHANGED,
        crate::edits::changed_meanwhile_shown_now(state, viewer, "user", &[id.as_str()], what).await?,
    );
    user_page(state, viewer, id, (false, false), errors).await
}

pub async fn update_active(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path(id): Path<UserId>,
    Form(form): Form<ActiveForm>,
) -> AppResult<Response> {
    let active = form.active == "yes";
    if viewer.user_id() == Some(&id) && !active {
        let mut errors = Problems::default();
        errors.add("deactivate", "You cannot deactivate your own account");
        return user_page(&state, &viewer, &id, (false, false), errors).await;
    }
    state.store.accounts().set_active(&viewer.audit(&state), &id, active).await?;
    Ok(Redirect::to(&format!("/admin/users/{id}?saved=1")).into_response())
}

pub async fn unlock(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path(id): Path<UserId>,
) -> AppResult<Response> {
    state.store.accounts().unlock_user(&viewer.audit(&state), &id).await?;
    Ok(Redirect::to(&format!("/admin/users/{id}?saved=1")).into_response())
}

#[derive(Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    password: String,
}

/// Sets a new password, for someone who has forgotten theirs. Their sessions end.
pub async fn set_password(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path(id): Path<UserId>,
    Form(form): Form<PasswordForm>,
) -> AppResult<Response> {
    let password = match NewPassword::parse(&form.password) {
        Ok(p) => p,
        Err(e) => {
            let mut errors = Problems::default();
            errors.add("password", e.to_string());
            return user_page(&state, &viewer, &id, (false, false), errors).await;
        }
    };
    let hash =
        tokio::task::spawn_blocking(move || password.hash()).await.map_err(|e| AppError::Internal(e.to_string()))?;
    state.store.accounts().set_password(&viewer.audit(&state), &id, hash).await?;
    Ok(Redirect::to(&format!("/admin/users/{id}?saved=1")).into_response())
}

pub struct RoleRow {
    pub label: &'static str,
    pub description: &'static str,
    pub permissions: Vec<&'static str>,
}

#[derive(Template)]
#[template(path = "admin/admin_roles.html")]
struct RolesPage {
    chrome: Chrome,
    roles: Vec<RoleRow>,
}

pub async fn roles(State(state): State<AppState>, Extension(viewer): Extension<Viewer>) -> AppResult<Response> {
    let chrome = Chrome::build(&state, &viewer, "/admin/roles").await;
    let roles = Role::ALL
        .into_iter()
        .map(|r| RoleRow {
            label: r.label(),
            description: r.description(),
            permissions: r.permissions().iter().map(|p| p.label()).collect(),
        })
        .collect();
    render(&RolesPage { chrome, roles })
}
