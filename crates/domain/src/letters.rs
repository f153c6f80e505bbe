//! What every letter Hearth writes has, whatever it is about: the head that lets it be posted.
//! The eligibility letter (`assessments::letters`) and the financial assessment's written record
//! (`charging::record`) carry one, filled in when they are issued.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What makes a written record a letter that can be posted: who it is to and where, the date,
/// the reference, and who it is from and how to reach them. Kept with the letter as issued, so a
/// copy printed later says what the first one said. Letters issued before it was kept have none.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LetterHead {
    pub to: String,
    /// The address the letter goes to, a line each; empty when none is recorded.
    pub address: Vec<String>,
    pub date: Option<NaiveDate>,
    pub reference: String,
    /// The named worker who signs it, and how to reach them.
    pub from: String,
    pub phone: String,
    pub email: String,
    pub council: String,
    pub council_address: Vec<String>,
    /// Set when the letter goes to someone who acts for the person, as the person asked: the
    /// person it is about.
    #[serde(default)]
    pub on_behalf_of: Option<String>,
}

/// Who a letter about a person goes to, and where: the person at their current address, or
/// someone who acts for them, when the person asked for their letters to go there.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Addressee {
    pub to: String,
    pub address: Vec<String>,
    pub on_behalf_of: Option<String>,
}

impl LetterHead {
    /// Addresses the letter: its envelope lines and who it is about.
    pub fn address_to(&mut self, addressee: Addressee) {
        self.to = addressee.to;
        self.address = addressee.address;
        self.on_behalf_of = addressee.on_behalf_of;
    }

    /// "Dear …," to whoever the letter goes to.
    pub fn greeting(&self) -> String {
        format!("Dear {},", self.to)
    }

    /// For a letter sent to someone who acts for the person: what it is and why it came to them,
    /// so that "you" in the letter reads right.
    pub fn on_behalf_note(&self) -> Option<String> {
        self.on_behalf_of.as_ref().map(|person| {
            format!(
                "This letter is about {person}. It comes to you because you act for them and they asked for their letters to go to you. Where it says \u{201c}you\u{201d}, it means {person}."
            )
        })
    }

    /// The head as plain lines, for a text or PDF copy: the address first, then the details.
    pub fn lines(&self) -> Vec<String> {
        let mut out = vec![self.to.clone()];
        out.extend(self.address.iter().cloned());
        out.push(String::new());
        out.push(self.council.clone());
        out.extend(self.council_address.iter().cloned());
        if let Some(date) = self.date {
            out.push(format!("Date: {}", date.format("%-d %B %Y")));
        }
        out.push(format!("Our reference: {}", self.reference));
        if let Some(person) = &self.on_behalf_of {
            out.push(format!("About: {person}"));
        }
        out.push(format!("From: {}", self.from));
        out.push(format!("Phone: {}", self.phone));
        if !self.email.is_empty() {
            out.push(format!("Email: {}", self.email));
        }
        if let Some(note) = self.on_behalf_note() {
            out.push(String::new());
            out.push(note);
        }
        out
    }
}
