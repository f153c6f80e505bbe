//! Email addresses for staff accounts.

use std::fmt;

/// An email address, trimmed and lower-cased so that one person has one account.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct EmailAddress(String);

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EmailError {
    #[error("Enter an email address")]
    Empty,
    #[error("Enter an email address in the correct format, like name@example.org")]
    Format,
}

impl EmailAddress {
    pub fn parse(input: &str) -> Result<Self, EmailError> {
        let email = input.trim().to_lowercase();
        if email.is_empty() {
            return Err(EmailError::Empty);
        }
        let Some((local, domain)) = email.rsplit_once('@') else {
            return Err(EmailError::Format);
        };
        let plausible = !local.is_empty()
            && local.len() <= 64
            && email.len() <= 254
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !email.chars().any(|c| c.is_whitespace() || c.is_control())
            && !domain.contains('@');
        if plausible { Ok(Self(email)) } else { Err(EmailError::Format) }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_case_and_spaces() {
        assert_eq!(EmailAddress::parse("  Sam.Jones@Example.ORG ").unwrap().as_str(), "sam.jones@example.org");
    }

    #[test]
    fn rejects_what_cannot_be_an_address() {
        assert_eq!(EmailAddress::parse(""), Err(EmailError::Empty));
        for bad in ["sam", "sam@", "@example.org", "sam@example", "sam jones@example.org", "sam@.org"] {
            assert_eq!(EmailAddress::parse(bad), Err(EmailError::Format), "{bad}");
        }
    }
}
