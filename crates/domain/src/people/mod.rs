//! People: the person record built on what matters to them, their strengths and the people
//! around them; finding people without making twins; Three Conversations; case notes and tasks;
//! warnings for staff; who may see a record (a legitimate relationship, or breaking the glass);
//! and subject access. Pure rules: the store keeps them, the web shows them.

pub mod access;
pub mod codes;
pub mod conversations;
pub mod matching;
pub mod names;
pub mod network;
pub mod nhs_number;
pub mod notes;
pub mod record;
pub mod subject_access;
pub mod tasks;
pub mod warnings;
