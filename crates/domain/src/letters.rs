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
}

impl LetterHead {
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
        out.push(format!("From: {}", self.from));
        out.push(format!("Phone: {}", self.phone));
        if !self.email.is_empty() {
            out.push(format!("Email: {}", self.email));
        }
        out
    }
}
