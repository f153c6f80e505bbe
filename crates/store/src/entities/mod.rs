//! Table definitions. Repositories in the modules above use them; nothing outside `store` does.

pub mod app_user;
pub mod audit_event;
pub mod job;
pub mod login_attempt;
pub mod oidc_login;
pub mod postcode;
pub mod session;
pub mod setting;
pub mod user_role;
