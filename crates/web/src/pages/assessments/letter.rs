//! The page of a letter Hearth writes for a person to keep (the eligibility decision, the plan):
//! the letter itself, which is all that prints, and for the worker the copies given and a form
//! to record another.

use crate::AppState;
use crate::chrome::Chrome;
use crate::errors::AppResult;
use crate::forms::{Problems, parse_uk_date};
use crate::pages::people::{RecordHeader, long_date, today};
use crate::session::Viewer;
use askama::Template;
use hearth_domain::assessments::letters::{Letter, reading_age};
use hearth_store::PersonId;
use hearth_store::assessments::WrittenRecord;
use serde::Deserialize;

/// Where a letter's page sits: back to what it records, and where copies are recorded.
pub struct LetterPlace {
    pub back_href: String,
    pub back_text: &'static str,
    /// What the letter is, for the worker: one sentence naming the law that asks for it.
    pub about: &'static str,
    pub copies_action: String,
    pub copies_hint: &'static str,
    /// The letter as a tagged PDF; large print adds `?print=large`.
    pub pdf_href: String,
}

#[derive(Template)]
#[template(path = "assessments/letter.html")]
pub struct LetterPage {
    chrome: Chrome,
    header: RecordHeader,
    letter: Letter,
    reading_age: String,
    back_href: String,
    back_text: &'static str,
    about: &'static str,
    copies_action: String,
    copies_hint: &'static str,
    pdf_href: String,
    copies: Vec<String>,
    given_on: String,
    errors: Problems,
}

impl LetterPage {
    pub async fn build(
        state: &AppState,
        viewer: &Viewer,
        header: RecordHeader,
        letter: Letter,
        which: &WrittenRecord,
        place: LetterPlace,
        errors: Problems,
    ) -> AppResult<LetterPage> {
        let copies = state
            .store
            .assessments()
            .copies_given(which)
            .await?
            .into_iter()
            .map(|c| format!("{}, {} on {}", c.given_to, c.how.to_lowercase(), long_date(c.given_on)))
            .collect();
        Ok(LetterPage {
            chrome: Chrome::build(state, viewer, "/people").await,
            header,
            reading_age: format!("{:.1}", reading_age(&letter.text())),
            letter,
            back_href: place.back_href,
            back_text: place.back_text,
            about: place.about,
            copies_action: place.copies_action,
            copies_hint: place.copies_hint,
            pdf_href: place.pdf_href,
            copies,
            given_on: today(state).format("%d/%m/%Y").to_string(),
            errors,
        })
    }
}

/// A copy of the letter given, as the form sends it.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct CopyGivenForm {
    given_to: String,
    how: String,
    given_on: String,
}

/// Records a copy given. Returns the problems to show, or none when it was recorded.
pub async fn record_copy(
    state: &AppState,
    viewer: &Viewer,
    person: &PersonId,
    which: &WrittenRecord,
    f: &CopyGivenForm,
) -> AppResult<Option<Problems>> {
    let mut errors = Problems::default();
    let Some(on) = parse_uk_date(&f.given_on) else {
        errors.add("given_on", "Enter the day it was given, like 01/12/2026");
        // The other answers are checked too, so every problem shows at once.
        if f.given_to.trim().is_empty() {
            errors.add("given_to", "Enter who was given a copy");
        }
        return Ok(Some(errors));
    };
    match state
        .store
        .assessments()
        .record_copy_given(&viewer.audit(state), person, which, &f.given_to, &f.how, on)
        .await
    {
        Ok(()) => Ok(None),
        Err(e) => {
            errors.extend(crate::forms::refusal(e)?);
            Ok(Some(errors))
        }
    }
}
