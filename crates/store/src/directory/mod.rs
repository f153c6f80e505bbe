//! The directory's storage: postcodes so far; services, organisations and search follow.

pub mod postcodes;
pub mod problems;
pub mod search;
pub mod services;
