//! Page handlers, one module per area.

pub mod admin_audit;
pub mod admin_charging;
pub mod admin_teams;
pub mod admin_users;
pub mod ask_for_help;
pub mod assessments;
pub mod directory_editing;
pub mod directory_organisations;
pub mod directory_services;
pub mod drafts;
pub mod finance;
pub mod find_support;
pub mod front_door;
pub mod governance;
pub mod health;
pub mod my_work;
pub mod paying_for_care;
pub mod people;
pub mod public;
pub mod sign_in;
pub mod staff;
