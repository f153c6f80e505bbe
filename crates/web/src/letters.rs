//! Signing a letter as it is issued: where it goes (the person's current address, or the address
//! of someone who acts for them when the person asked for that) and who it is
//! from (the officer issuing it, with the front door's number and their own email), with the
//! council's address to write back to. The eligibility letter is signed the same way in the
//! store, by the worker who did the assessment.

use crate::AppState;
use crate::errors::AppResult;
use crate::pdf::{Document, PdfError, Print};
use crate::session::Viewer;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use hearth_domain::assessments::letters::Letter;
use hearth_domain::letters::LetterHead;
use hearth_store::PersonId;

/// The council's address for letters, a line each (a council detail; empty when not set).
pub async fn council_address(state: &AppState) -> AppResult<Vec<String>> {
    Ok(state
        .store
        .settings()
        .setting("council_address")
        .await?
        .unwrap_or_default()
        .lines()
        .map(str::to_owned)
        .collect())
}

/// Fills in the head's address, sender and ways to reply. A record not linked to a person's
/// record has no address to give, and the page says so.
pub async fn sign(
    state: &AppState,
    viewer: &Viewer,
    person: Option<&PersonId>,
    head: &mut LetterHead,
) -> AppResult<()> {
    if let Some(person) = person {
        // To the person at home, or to whoever acts for them if the person asked for that.
        head.address_to(state.store.people().addressee(person, crate::pages::people::today(state)).await?);
    }
    if let Some(u) = &viewer.user {
        head.from = u.user.name.clone();
        head.email = u.user.email.to_string();
    }
    head.phone = crate::pages::people::practice_settings(state).await?.phone;
    head.council_address = council_address(state).await?;
    Ok(())
}

/// The letter's head in a PDF: the address, the council's, and the details to quote and reply to.
/// A letter written before heads were kept has only the council and the reference.
pub fn head_to_pdf(doc: &mut Document, head: &LetterHead, council: &str, reference: &str) {
    if head.date.is_none() {
        doc.letter_head(&[], &[council.to_owned()], &[("Our reference".to_owned(), reference.to_owned())]);
        return;
    }
    let mut address = vec![head.to.clone()];
    address.extend(head.address.iter().cloned());
    let mut council_lines = vec![head.council.clone()];
    council_lines.extend(head.council_address.iter().cloned());
    let mut details = Vec::new();
    if let Some(date) = head.date {
        details.push(("Date".to_owned(), date.format("%-d %B %Y").to_string()));
    }
    details.push(("Our reference".to_owned(), head.reference.clone()));
    for (label, value) in [("Contact", &head.from), ("Phone", &head.phone), ("Email", &head.email)] {
        if !value.is_empty() {
            details.push((label.to_owned(), value.clone()));
        }
    }
    if let Some(person) = &head.on_behalf_of {
        details.push(("About".to_owned(), person.clone()));
    }
    doc.letter_head(&address, &council_lines, &details);
}

/// "Yours sincerely," and who signs, when the letter has a head to sign.
pub fn sign_off_to_pdf(doc: &mut Document, head: &LetterHead) {
    if head.date.is_none() {
        return;
    }
    doc.gap(6.0);
    doc.paragraph("Yours sincerely,");
    if head.from.is_empty() {
        doc.paragraph(&head.council);
    } else {
        doc.paragraph(&format!("{}, for {}", head.from, head.council));
    }
}

/// An eligibility or plan letter as a tagged PDF, in standard or large print.
pub fn letter_to_pdf(letter: &Letter, print: Print) -> Result<Vec<u8>, PdfError> {
    let head = &letter.head;
    let mut doc = Document::new(&letter.title, &format!("Our reference: {}", head.reference), print);
    head_to_pdf(&mut doc, head, &head.council, &head.reference);
    doc.heading(&letter.title, 1);
    if let Some(note) = head.on_behalf_note() {
        doc.paragraph(&note);
    }
    doc.paragraph(&letter.greeting);
    for s in &letter.sections {
        doc.heading(&s.heading, 2);
        for line in &s.lines {
            doc.paragraph(line);
        }
    }
    for line in &letter.closing {
        doc.paragraph(line);
    }
    sign_off_to_pdf(&mut doc, head);
    if !letter.law.is_empty() {
        doc.heading("The law behind this letter", 2);
        doc.list(&letter.law, true);
    }
    doc.finish()
}

/// A PDF to open in the browser, under a name that says what it is; the large print copy says so
/// in its name.
pub fn pdf_response(bytes: Vec<u8>, name: &str, print: Print) -> Response {
    let name = if print == Print::Large { format!("{name}-large-print.pdf") } else { format!("{name}.pdf") };
    (
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (header::CONTENT_DISPOSITION, format!("inline; filename=\"{name}\"")),
        ],
        bytes,
    )
        .into_response()
}

/// `?print=large` on a letter's PDF address.
#[derive(Debug, Default, serde::Deserialize)]
pub struct PrintQuery {
    pub print: Option<String>,
}

impl PrintQuery {
    pub fn print(&self) -> Print {
        Print::from_query(self.print.as_deref())
    }
}

/// A reference made safe for a file name: letters, digits and dashes; `fallback` when none.
pub fn file_part(reference: &str, fallback: &str) -> String {
    let cleaned: String = reference.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
    if cleaned.is_empty() { fallback.to_owned() } else { cleaned }
}
