//! UK postcodes as people type them, normalised to the ONS form ("LE1 5FQ").

use std::fmt;

/// A full postcode in its standard form: upper case, one space before the inward code.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Postcode(String);

/// What someone typed in a postcode box: a full postcode, or just the outward code ("LE1").
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PostcodeQuery {
    Full(Postcode),
    Outward(String),
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PostcodeError {
    #[error("Enter a postcode")]
    Empty,
    #[error("Enter a real postcode, like LE1 5FQ")]
    Format,
}

/// Outward codes: an area of one or two letters, a district of one or two digits, and for
/// central London an optional final letter (EC1A, W1T). The inward code is a digit and two letters.
fn valid_outward(outward: &str) -> bool {
    let b = outward.as_bytes();
    let letters = b.iter().take_while(|c| c.is_ascii_uppercase()).count();
    if !(1..=2).contains(&letters) {
        return false;
    }
    let rest = &b[letters..];
    let digits = rest.iter().take_while(|c| c.is_ascii_digit()).count();
    match (digits, &rest[digits..]) {
        (1 | 2, []) => true,
        (1, [c]) => c.is_ascii_uppercase(),
        _ => false,
    }
}

fn valid_inward(inward: &str) -> bool {
    let b = inward.as_bytes();
    b.len() == 3 && b[0].is_ascii_digit() && b[1].is_ascii_uppercase() && b[2].is_ascii_uppercase()
}

impl Postcode {
    /// Parses a full postcode in any case, with or without spaces.
    pub fn parse(input: &str) -> Result<Postcode, PostcodeError> {
        match PostcodeQuery::parse(input)? {
            PostcodeQuery::Full(postcode) => Ok(postcode),
            PostcodeQuery::Outward(_) => Err(PostcodeError::Format),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The part before the space ("LE1" of "LE1 5FQ").
    pub fn outward(&self) -> &str {
        self.0.split(' ').next().unwrap_or(&self.0)
    }
}

impl PostcodeQuery {
    pub fn parse(input: &str) -> Result<PostcodeQuery, PostcodeError> {
        let compact: String = input.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_uppercase();
        if compact.is_empty() {
            return Err(PostcodeError::Empty);
        }
        if !compact.is_ascii() || compact.len() > 7 {
            return Err(PostcodeError::Format);
        }
        if valid_outward(&compact) {
            return Ok(PostcodeQuery::Outward(compact));
        }
        if compact.len() >= 5 {
            let (outward, inward) = compact.split_at(compact.len() - 3);
            if valid_outward(outward) && valid_inward(inward) {
                return Ok(PostcodeQuery::Full(Postcode(format!("{outward} {inward}"))));
            }
        }
        Err(PostcodeError::Format)
    }

    pub fn outward(&self) -> &str {
        match self {
            PostcodeQuery::Full(p) => p.outward(),
            PostcodeQuery::Outward(o) => o,
        }
    }
}

impl fmt::Display for Postcode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Display for PostcodeQuery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PostcodeQuery::Full(p) => p.fmt(f),
            PostcodeQuery::Outward(o) => f.write_str(o),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_postcodes_are_normalised() {
        for typed in ["le15fq", "LE1 5FQ", " le1  5fq ", "LE15FQ"] {
            assert_eq!(Postcode::parse(typed).unwrap().as_str(), "LE1 5FQ", "{typed}");
        }
        assert_eq!(Postcode::parse("po12ab").unwrap().as_str(), "PO1 2AB");
        assert_eq!(Postcode::parse("HD1 2QA").unwrap().outward(), "HD1");
        // Every shape in use: A9 9AA, A99 9AA, AA9 9AA, AA99 9AA, A9A 9AA, AA9A 9AA.
        for ok in ["M1 1AE", "B33 8TH", "CR2 6XH", "DN55 1PT", "W1A 0AX", "EC1A 1BB"] {
            assert_eq!(Postcode::parse(ok).unwrap().as_str(), ok);
        }
    }

    #[test]
    fn outward_codes_alone_are_recognised() {
        assert_eq!(PostcodeQuery::parse("le1").unwrap(), PostcodeQuery::Outward("LE1".into()));
        assert_eq!(PostcodeQuery::parse("EC1A").unwrap(), PostcodeQuery::Outward("EC1A".into()));
        assert!(Postcode::parse("LE1").is_err(), "a full postcode is needed here");
    }

    #[test]
    fn nonsense_is_refused() {
        assert_eq!(PostcodeQuery::parse("  "), Err(PostcodeError::Empty));
        for bad in ["LE", "12345", "LE1 5F", "LE1 5FQQ", "LE1 AFQ", "LEI 5FQ", "ÉE1 5FQ", "drop table"] {
            assert_eq!(PostcodeQuery::parse(bad), Err(PostcodeError::Format), "{bad}");
        }
    }
}
