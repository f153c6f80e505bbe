//! Case notes: what happened, recorded once even when it concerns several people (a family
//! meeting), marked significant or not. A note is never silently changed or deleted: a
//! correction is a new version with its reason, and a note written on the wrong record is marked
//! "entered in error" with a reason and stays, struck through, for the audit trail.

use super::codes::code_list;
use crate::Problems;
use chrono::{DateTime, Utc};

code_list! {
    NoteKind {
        Note => ("note", "Case note"),
        PhoneCall => ("phone-call", "Phone call"),
        Visit => ("visit", "Visit"),
        Meeting => ("meeting", "Meeting"),
        Correspondence => ("correspondence", "Letter or email"),
        Observation => ("observation", "Something seen or heard"),
    }
}

/// The longest note Hearth keeps in one piece (about 10 pages).
pub const LONGEST_NOTE: usize = 30_000;

/// A note as entered.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NewNote {
    pub kind: Option<NoteKind>,
    pub happened_at: Option<DateTime<Utc>>,
    pub body: String,
    pub significant: bool,
    /// Everyone the note is about: the record it was written from first.
    pub people: Vec<crate::ids::PersonId>,
}

impl NewNote {
    /// The note's kind and when it happened, once it is complete, or every problem with it.
    pub fn accept(&self, now: DateTime<Utc>) -> Result<(NoteKind, DateTime<Utc>), Problems> {
        let problems = self.check(now);
        match (self.kind, self.happened_at) {
            (Some(kind), Some(happened_at)) if problems.is_empty() => Ok((kind, happened_at)),
            _ => Err(problems),
        }
    }

    pub fn check(&self, now: DateTime<Utc>) -> Problems {
        let mut p = Problems::default();
        if self.kind.is_none() {
            p.add("kind", "Choose what kind of note this is");
        }
        match self.happened_at {
            None => p.add("happened_on", "Enter the day it happened"),
            Some(at) if at > now + chrono::Duration::minutes(5) => {
                p.add("happened_on", "The day it happened must be today or in the past")
            }
            _ => {}
        }
        check_body(&mut p, &self.body);
        if self.people.is_empty() {
            p.add("people", "A note must be about at least one person");
        }
        p
    }
}

fn check_body(p: &mut Problems, body: &str) {
    if body.trim().is_empty() {
        p.add("body", "Enter the note");
    } else if body.chars().count() > LONGEST_NOTE {
        p.add("body", format!("A note must be {LONGEST_NOTE} characters or fewer: split it into two"));
    }
}

/// Checks a correction: the new wording and why.
pub fn check_correction(body: &str, reason: &str, unchanged: bool) -> Problems {
    let mut p = Problems::default();
    check_body(&mut p, body);
    if unchanged {
        p.add("body", "Change the note, or go back without correcting it");
    }
    if reason.trim().is_empty() {
        p.add("reason", "Say why the note is being corrected");
    }
    p
}

/// Checks marking a note as entered in error.
pub fn check_entered_in_error(reason: &str) -> Problems {
    let mut p = Problems::default();
    if reason.trim().is_empty() {
        p.add(
            "error_reason",
            "Say why the note was entered in error, for example that it was written on the wrong record",
        );
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_note_needs_a_kind_a_day_words_and_someone_it_is_about() {
        let now = Utc::now();
        let blank = NewNote::default();
        let p = blank.check(now);
        for field in ["kind", "happened_on", "body", "people"] {
            assert!(p.get(field).is_some(), "{field}");
        }
        let future = NewNote {
            kind: Some(NoteKind::Visit),
            happened_at: Some(now + chrono::Duration::days(1)),
            body: "Visited".into(),
            significant: false,
            people: vec!["p1".into()],
        };
        assert!(future.check(now).get("happened_on").is_some());
        let good = NewNote { happened_at: Some(now), ..future };
        assert!(good.check(now).is_empty());
        let long = NewNote { body: "x".repeat(LONGEST_NOTE + 1), ..good };
        assert!(long.check(now).get("body").unwrap().contains("split it"));
    }

    #[test]
    fn corrections_and_errors_need_reasons() {
        assert!(check_correction("New words", "", false).get("reason").is_some());
        assert!(check_correction("Same", "Typo", true).get("body").is_some());
        assert!(check_correction("Fixed the date", "The visit was on Tuesday", false).is_empty());
        assert!(check_entered_in_error(" ").get("error_reason").is_some());
    }
}
