//! What is wrong with something a person asked for: every problem at once, each with the field
//! it is about and a plain message.
//!
//! The field key is the `name` (and `id`) of the form input the message is about, so the error
//! summary can link each message to its field without anyone renaming keys on the way. A rule
//! that is about the whole request rather than one answer uses [`Problems::FORM`].

use std::borrow::Cow;
use std::fmt;

/// One thing to put right.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The form input the message is about.
    pub field: Cow<'static, str>,
    pub message: String,
}

/// Every problem found, in the order the form asks its questions.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Problems(Vec<Problem>);

impl Problems {
    /// The key for a problem with the whole request, not one answer: the error summary links it
    /// to the top of the form.
    pub const FORM: &'static str = "form";

    /// Just this one problem.
    pub fn one(field: impl Into<Cow<'static, str>>, message: impl Into<String>) -> Problems {
        let mut problems = Problems::default();
        problems.add(field, message);
        problems
    }

    /// Adds a problem. One message per field: the first found is the one to fix first.
    pub fn add(&mut self, field: impl Into<Cow<'static, str>>, message: impl Into<String>) {
        let field = field.into();
        if self.get(&field).is_none() {
            self.0.push(Problem { field, message: message.into() });
        }
    }

    /// Adds a problem when `wrong` holds; for a run of independent checks.
    pub fn check(&mut self, wrong: bool, field: impl Into<Cow<'static, str>>, message: impl Into<String>) {
        if wrong {
            self.add(field, message);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The problems whose field `keep` accepts: those one part of a long form shows.
    pub fn only(self, keep: impl Fn(&str) -> bool) -> Problems {
        Problems(self.0.into_iter().filter(|p| keep(&p.field)).collect())
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The message for one field, for the field's own error text.
    pub fn get(&self, field: &str) -> Option<&str> {
        self.0.iter().find(|p| p.field == field).map(|p| p.message.as_str())
    }

    pub fn iter(&self) -> std::slice::Iter<'_, Problem> {
        self.0.iter()
    }

    pub fn extend(&mut self, other: Problems) {
        for Problem { field, message } in other.0 {
            self.add(field, message);
        }
    }

    /// The same problems with their messages reworded, for a council's own names for things.
    pub fn reworded(self, reword: impl Fn(&str) -> String) -> Problems {
        Problems(self.0.into_iter().map(|p| Problem { message: reword(&p.message), field: p.field }).collect())
    }

    /// `Ok` when nothing is wrong, so a rule can end `problems.into_result()`.
    pub fn into_result(self) -> Result<(), Problems> {
        if self.is_empty() { Ok(()) } else { Err(self) }
    }
}

impl<'a> IntoIterator for &'a Problems {
    type Item = &'a Problem;
    type IntoIter = std::slice::Iter<'a, Problem>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl IntoIterator for Problems {
    type Item = Problem;
    type IntoIter = std::vec::IntoIter<Problem>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (n, p) in self.0.iter().enumerate() {
            if n > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{}: {}", p.field, p.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for Problems {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_keeps_its_first_problem_and_all_fields_are_kept() {
        let mut p = Problems::default();
        p.add("name", "Enter a name");
        p.add("name", "A second message about the name");
        p.check(true, "email", "Enter an email address");
        p.check(false, "phone", "never added");
        assert_eq!(p.len(), 2);
        assert_eq!(p.get("name"), Some("Enter a name"));
        assert_eq!(p.get("phone"), None);
        assert_eq!(p.to_string(), "name: Enter a name; email: Enter an email address");
        assert!(p.clone().into_result().is_err());
        assert_eq!(Problems::default().into_result(), Ok(()));
    }
}

/// A move asked of a record that has already moved on (decided by someone else, or from another
/// tab): nothing changes, and the page says so. Distinct from [`Problems`] because no answer on
/// the form can put it right.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AlreadyDecided;
