//! The directory's storage: postcodes, services and organisations, search, editing and review.

pub mod editing;
pub mod postcodes;
pub mod problems;
pub mod review;
pub mod search;
pub mod services;
pub mod taxonomies;
