//! Page handlers, one module per area.

pub mod admin;
pub mod assessments;
pub mod charging;
pub mod directory;
pub mod drafts;
pub mod front_door;
pub mod governance;
pub mod health;
pub mod my_work;
pub mod people;
pub mod public;
pub mod sign_in;
pub mod staff;
