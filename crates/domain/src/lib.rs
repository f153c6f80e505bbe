//! Hearth's rules: pure types and functions with no input or output.
//!
//! Everything here can be tested without a database or a web server. The `store` crate keeps
//! these values; the `web` crate shows them.

pub mod access;
pub mod assessments;
pub mod audit;
pub mod charging;
pub mod demo;
pub mod demo_charging;
pub mod demo_directory;
pub mod demo_people;
pub mod directory;
pub mod edits;
pub mod email;
pub mod front_door;
pub mod ids;
pub mod letters;
pub mod password;
pub mod people;
pub mod problems;
pub mod safeguarding;
pub mod sign_in;

pub use problems::{AlreadyDecided, Problem, Problems};
