//! The web suite: one binary, the real router, a real database per test.

mod access;
mod admin;
mod assessments;
mod directory_editing;
mod directory_entries;
mod edits;
mod fake_idp;
mod find_support;
mod fuzz;
mod helpers;
mod oruk;
mod pages;
mod paying_for_care;
mod people;
mod records;
mod security;
mod sign_in;
mod smtp;
mod sso;
