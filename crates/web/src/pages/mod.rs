//! Page handlers, one module per area.

pub mod admin_audit;
pub mod admin_charging;
pub mod admin_users;
pub mod directory_editing;
pub mod directory_organisations;
pub mod directory_services;
pub mod finance;
pub mod find_support;
pub mod health;
pub mod paying_for_care;
pub mod public;
pub mod sign_in;
pub mod staff;
