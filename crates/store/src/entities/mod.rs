//! Table definitions. Repositories in the modules above use them; nothing outside `store` does.

pub mod app_user;
pub mod audit_event;
pub mod directory_access;
pub mod directory_change;
pub mod directory_document;
pub mod directory_editor_organization;
pub mod directory_location;
pub mod directory_opening;
pub mod directory_organization;
pub mod directory_problem;
pub mod directory_service;
pub mod directory_service_area;
pub mod directory_service_term;
pub mod directory_synonym;
pub mod directory_vocabulary;
pub mod job;
pub mod login_attempt;
pub mod oidc_login;
pub mod postcode;
pub mod session;
pub mod setting;
pub mod taxonomy;
pub mod taxonomy_term;
pub mod user_role;
