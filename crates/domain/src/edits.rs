//! Two people editing the same thing: every edit form carries a token of what it showed, and a
//! save is refused when what it would change is no longer what the form showed (someone else
//! saved it meanwhile). Nothing typed is lost: the form comes back with it and says so.
//!
//! A token is a digest of the part of the record the form edits, not a version of the whole
//! record, so that two people changing different parts (the opening times and the phone
//! number of one directory entry) both succeed.

use serde::Serialize;
use sha2::{Digest, Sha256};

/// What an edit form started from.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct EditToken(String);

impl EditToken {
    /// The token of a value as it is now.
    pub fn of<T: Serialize + ?Sized>(value: &T) -> EditToken {
        let bytes = serde_json::to_vec(value).unwrap_or_default();
        EditToken(hex::encode(&Sha256::digest(bytes)[..16]))
    }

    /// A token as a form sent it back (anything else never matches).
    pub fn from_form(text: &str) -> EditToken {
        EditToken(text.trim().to_owned())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether the value is still what the form showed.
    pub fn still<T: Serialize + ?Sized>(&self, value: &T) -> bool {
        *self == EditToken::of(value)
    }
}

impl std::fmt::Display for EditToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_changes_when_what_it_covers_changes_and_only_then() {
        let shown = ("Staying at home", "Does the crossword");
        let token = EditToken::of(&shown);
        assert!(token.still(&("Staying at home", "Does the crossword")));
        assert!(!token.still(&("Staying at home with the cat", "Does the crossword")));
        // What a form sends back is compared as text; anything made up never matches.
        assert_eq!(EditToken::from_form(&format!(" {token} ")), token);
        assert!(!EditToken::from_form("").still(&shown));
        assert_eq!(token.as_str().len(), 32);
    }
}
