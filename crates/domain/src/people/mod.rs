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

/// What is wrong with something entered, field by field, in plain words for the error summary.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Problems(pub Vec<(&'static str, String)>);

impl Problems {
    pub fn add(&mut self, field: &'static str, message: impl Into<String>) {
        // One message per field: the first problem is the one to fix first.
        if self.get(field).is_none() {
            self.0.push((field, message.into()));
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn get(&self, field: &str) -> Option<&str> {
        self.0.iter().find(|(f, _)| *f == field).map(|(_, m)| m.as_str())
    }

    pub fn extend(&mut self, other: Problems) {
        for (field, message) in other.0 {
            self.add(field, message);
        }
    }
}
