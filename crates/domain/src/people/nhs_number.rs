//! NHS numbers: ten digits, the last a modulus 11 check digit (NHS Data Dictionary, "NHS
//! Number"). The record keeps the number so that statutory returns (Client Level Data) and
//! health partners can match people; Hearth checks the digit rather than trusting what was typed.

use std::fmt;

/// A valid NHS number, kept as its ten digits.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NhsNumber(String);

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum NhsNumberError {
    #[error("Enter an NHS number")]
    Empty,
    #[error("An NHS number is 10 numbers, like 943 476 5919")]
    Format,
    #[error("That is not a real NHS number: check each number and try again")]
    CheckDigit,
}

/// The check digit for the first nine digits: each multiplied by 10 down to 2, the sum's
/// remainder on division by 11 taken from 11. 11 becomes 0; 10 means no number can end here.
pub fn check_digit(first_nine: &[u8; 9]) -> Option<u8> {
    let sum: u32 = first_nine.iter().zip((2..=10).rev()).map(|(d, w)| u32::from(*d) * w).sum();
    match 11 - sum % 11 {
        11 => Some(0),
        10 => None,
        d => Some(d as u8),
    }
}

impl NhsNumber {
    /// Reads a number as people write it: "943 476 5919", "943-476-5919" or "9434765919".
    pub fn parse(input: &str) -> Result<NhsNumber, NhsNumberError> {
        let digits: String = input.chars().filter(|c| !c.is_whitespace() && *c != '-').collect();
        if digits.is_empty() {
            return Err(NhsNumberError::Empty);
        }
        if digits.len() != 10 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(NhsNumberError::Format);
        }
        let d: Vec<u8> = digits.bytes().map(|b| b - b'0').collect();
        let first: [u8; 9] = d[..9].try_into().expect("ten digits");
        if check_digit(&first) != Some(d[9]) {
            return Err(NhsNumberError::CheckDigit);
        }
        Ok(NhsNumber(digits))
    }

    /// The ten digits.
    pub fn digits(&self) -> &str {
        &self.0
    }

    /// A number for made-up people: the 999 range is for testing and is never issued
    /// (NHS Digital, "NHS number" test data), so demo numbers can never be anyone's.
    pub fn for_testing(n: u32) -> NhsNumber {
        // Try successive numbers until one has a check digit.
        let mut candidate = n % 1_000_000;
        loop {
            let first = format!("999{candidate:06}");
            let bytes: [u8; 9] = first.bytes().map(|b| b - b'0').collect::<Vec<_>>().try_into().expect("nine digits");
            if let Some(check) = check_digit(&bytes) {
                return NhsNumber(format!("{first}{check}"));
            }
            candidate = (candidate + 1) % 1_000_000;
        }
    }
}

impl fmt::Display for NhsNumber {
    /// Written in the 3-3-4 groups people read it in: "943 476 5919".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} {}", &self.0[..3], &self.0[3..6], &self.0[6..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_check_digit_is_modulus_11() {
        // 9,4,3,4,7,6,5,9,1 × 10..2 = 90+36+24+28+42+30+20+27+2 = 299; 299 mod 11 = 2; 11 − 2 = 9.
        assert_eq!(check_digit(&[9, 4, 3, 4, 7, 6, 5, 9, 1]), Some(9));
        let n = NhsNumber::parse("943 476 5919").unwrap();
        assert_eq!(n.digits(), "9434765919");
        assert_eq!(n.to_string(), "943 476 5919");
        assert_eq!(NhsNumber::parse("943-476-5919"), Ok(n));
    }

    #[test]
    fn wrong_digits_and_shapes_are_refused_with_plain_reasons() {
        assert_eq!(NhsNumber::parse("9434765918"), Err(NhsNumberError::CheckDigit));
        assert_eq!(NhsNumber::parse("943476591"), Err(NhsNumberError::Format));
        assert_eq!(NhsNumber::parse("94347659AB"), Err(NhsNumberError::Format));
        assert_eq!(NhsNumber::parse("  "), Err(NhsNumberError::Empty));
        // 0,0,0,0,0,0,0,0,6: 6 × 2 = 12, 12 mod 11 = 1, 11 − 1 = 10: no number can end here.
        assert_eq!(check_digit(&[0, 0, 0, 0, 0, 0, 0, 0, 6]), None);
        // 0,0,0,0,0,0,0,0,0: 11 − 0 = 11, which is written 0.
        assert_eq!(check_digit(&[0; 9]), Some(0));
    }

    #[test]
    fn made_up_numbers_are_valid_and_in_the_testing_range() {
        for n in [0, 1, 17, 999_999, 123_456] {
            let number = NhsNumber::for_testing(n);
            assert!(number.digits().starts_with("999"));
            assert_eq!(NhsNumber::parse(number.digits()), Ok(number));
        }
    }

    proptest::proptest! {
        /// Modulus 11 catches every single mistyped digit: change any one digit of a valid number
        /// and it no longer checks.
        #[test]
        fn one_wrong_digit_is_always_caught(first in proptest::array::uniform9(0u8..10), at in 0usize..10, to in 0u8..10) {
            let Some(check) = check_digit(&first) else { return Ok(()) };
            let mut digits: Vec<u8> = first.to_vec();
            digits.push(check);
            let text = |d: &[u8]| d.iter().map(|n| char::from(b'0' + n)).collect::<String>();
            proptest::prop_assert!(NhsNumber::parse(&text(&digits)).is_ok());
            if digits[at] != to {
                digits[at] = to;
                proptest::prop_assert!(NhsNumber::parse(&text(&digits)).is_err());
            }
        }
    }
}
