//! Page handlers, one module per area.

pub mod admin_audit;
pub mod admin_users;
pub mod directory_editing;
pub mod directory_organisations;
pub mod directory_services;
pub mod find_support;
pub mod health;
pub mod public;
pub mod sign_in;
pub mod staff;
