//! The directory: finding support (public), and editing, reviewing and publishing services and
//! organisations (editors and providers).

pub mod editing;
pub mod find_support;
pub mod organisations;
pub mod services;
