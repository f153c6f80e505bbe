//! Money, exact to the penny: whole pence in an `i64`, never floating point.
//!
//! Amounts are written and read as pounds and pence ("£1,234.56", "1234.56", "12"). Converting a
//! monthly or yearly amount to a week can leave a fraction of a penny; the Charging Regulations
//! (reg 11, rounding of fractions) settle it in the person's favour, so income is rounded down
//! and allowances and costs are rounded up ([`Favour`]).

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Neg, Sub, SubAssign};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pence(pub i64);

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("enter an amount in pounds and pence, like 12.50")]
    NotAnAmount,
    #[error("the amount is too large")]
    TooLarge,
}

/// Which way a fraction of a penny goes (Charging Regulations reg 11: in the person's favour).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Favour {
    /// Income and capital: a fraction of a penny is dropped.
    Down,
    /// Allowances and costs: a fraction of a penny counts as a penny.
    Up,
}

/// The largest amount Hearth accepts: £10 billion, far beyond any estate, so sums cannot overflow.
const LIMIT: i64 = 1_000_000_000_000;

impl Pence {
    pub const ZERO: Pence = Pence(0);

    pub const fn pounds(pounds: i64) -> Pence {
        Pence(pounds * 100)
    }

    pub fn pence(self) -> i64 {
        self.0
    }

    pub fn is_zero(self) -> bool {
        self.0 == 0
    }

    /// Parses pounds and pence as people and files write them: "£1,234.56", "1234.5", "12",
    /// "-3.20". Never more than two decimal places: "1.234" is refused, not rounded.
    pub fn parse(text: &str) -> Result<Pence, MoneyError> {
        let t = text.trim();
        let (negative, t) = match t.strip_prefix('-') {
            Some(rest) => (true, rest.trim_start()),
            None => (false, t),
        };
        let t = t.strip_prefix('£').unwrap_or(t).trim();
        if t.is_empty() {
            return Err(MoneyError::NotAnAmount);
        }
        let (whole, fraction) = match t.split_once('.') {
            Some((w, f)) => (w, f),
            None => (t, ""),
        };
        // Commas only as thousands separators.
        let groups: Vec<&str> = whole.split(',').collect();
        let grouped_well = groups.len() == 1
            || (!groups[0].is_empty() && groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3));
        let digits: String = groups.concat();
        if !grouped_well
            || digits.is_empty()
            || !digits.chars().all(|c| c.is_ascii_digit())
            || fraction.len() > 2
            || !fraction.chars().all(|c| c.is_ascii_digit())
        {
            return Err(MoneyError::NotAnAmount);
        }
        if digits.len() > 12 {
            return Err(MoneyError::TooLarge);
        }
        let pounds: i64 = digits.parse().map_err(|_| MoneyError::NotAnAmount)?;
        let pence: i64 = match fraction.len() {
            0 => 0,
            1 => fraction.parse::<i64>().map_err(|_| MoneyError::NotAnAmount)? * 10,
            _ => fraction.parse().map_err(|_| MoneyError::NotAnAmount)?,
        };
        let total = pounds * 100 + pence;
        if total > LIMIT {
            return Err(MoneyError::TooLarge);
        }
        Ok(Pence(if negative { -total } else { total }))
    }

    /// "1234.56": pounds and pence without a sign or separators, as the API and files write them.
    pub fn plain(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        format!("{sign}{}.{:02}", self.0.abs() / 100, self.0.abs() % 100)
    }

    pub fn max(self, other: Pence) -> Pence {
        Pence(self.0.max(other.0))
    }

    pub fn min(self, other: Pence) -> Pence {
        Pence(self.0.min(other.0))
    }

    /// Never below zero.
    pub fn at_least_zero(self) -> Pence {
        self.max(Pence::ZERO)
    }

    /// `self × numerator ÷ denominator`, with any fraction of a penny going the person's way.
    pub fn ratio(self, numerator: i64, denominator: i64, favour: Favour) -> Pence {
        assert!(denominator > 0, "a ratio needs a positive denominator");
        let n = i128::from(self.0) * i128::from(numerator);
        let d = i128::from(denominator);
        let q = match favour {
            Favour::Down => n.div_euclid(d),
            Favour::Up => -(-n).div_euclid(d),
        };
        Pence(i64::try_from(q).expect("amounts stay far below i64"))
    }

    /// A percentage given in basis points (10,000 = 100%).
    pub fn percent(self, basis_points: u32, favour: Favour) -> Pence {
        self.ratio(i64::from(basis_points), 10_000, favour)
    }

    /// A share of something held by `owners` people in equal shares.
    pub fn share(self, owners: u8, favour: Favour) -> Pence {
        self.ratio(1, i64::from(owners.max(1)), favour)
    }
}

impl fmt::Display for Pence {
    /// "£1,234.56", or "-£3.20".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let pounds = (self.0.abs() / 100).to_string();
        let mut grouped = String::new();
        for (i, c) in pounds.chars().enumerate() {
            if i > 0 && (pounds.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(c);
        }
        write!(f, "{sign}£{grouped}.{:02}", self.0.abs() % 100)
    }
}

impl Add for Pence {
    type Output = Pence;
    fn add(self, rhs: Pence) -> Pence {
        Pence(self.0 + rhs.0)
    }
}

impl AddAssign for Pence {
    fn add_assign(&mut self, rhs: Pence) {
        self.0 += rhs.0;
    }
}

impl Sub for Pence {
    type Output = Pence;
    fn sub(self, rhs: Pence) -> Pence {
        Pence(self.0 - rhs.0)
    }
}

impl SubAssign for Pence {
    fn sub_assign(&mut self, rhs: Pence) {
        self.0 -= rhs.0;
    }
}

impl Neg for Pence {
    type Output = Pence;
    fn neg(self) -> Pence {
        Pence(-self.0)
    }
}

impl Sum for Pence {
    fn sum<I: Iterator<Item = Pence>>(iter: I) -> Pence {
        iter.fold(Pence::ZERO, Add::add)
    }
}

/// Written as a string of pounds and pence ("12.50"), so no reader turns it into a float.
impl Serialize for Pence {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.plain())
    }
}

impl<'de> Deserialize<'de> for Pence {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Pence, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Pence;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an amount of money as a string of pounds and pence, like \"12.50\"")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Pence, E> {
                Pence::parse(v).map_err(|e| E::custom(format!("{v:?}: {e}")))
            }
            // Whole numbers are whole pounds; numbers with a decimal point are refused, since a
            // floating-point reader may already have changed them.
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Pence, E> {
                i64::try_from(v)
                    .ok()
                    .filter(|p| *p <= LIMIT / 100)
                    .map(Pence::pounds)
                    .ok_or_else(|| E::custom(MoneyError::TooLarge))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Pence, E> {
                if v.abs() > LIMIT / 100 { Err(E::custom(MoneyError::TooLarge)) } else { Ok(Pence::pounds(v)) }
            }
            fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<Pence, E> {
                Err(E::custom("write amounts with pence as strings, like \"12.50\", so that nothing is rounded"))
            }
        }
        d.deserialize_any(Visitor)
    }
}

/// Money in the JSON interface: pounds and pence as a string, or whole pounds as a number.
impl schemars::JsonSchema for Pence {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Money".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "An amount in pounds and pence, written as a string so nothing is rounded: \"12.50\", \"£1,234.56\". A whole number is read as whole pounds.",
            "anyOf": [
                {"type": "string", "pattern": "^-?£?([0-9]{1,3}(,[0-9]{3})*|[0-9]+)(\\.[0-9]{1,2})?$", "example": "12.50"},
                {"type": "integer", "minimum": -10000000000_i64, "maximum": 10000000000_i64}
            ]
        })
    }
}

/// How often an amount is paid.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Period {
    #[default]
    Weekly,
    TwoWeekly,
    FourWeekly,
    Monthly,
    Quarterly,
    Yearly,
}

impl Period {
    pub const ALL: [Period; 6] =
        [Period::Weekly, Period::TwoWeekly, Period::FourWeekly, Period::Monthly, Period::Quarterly, Period::Yearly];

    /// Weeks in the period as a fraction (numerator, denominator): a month is 52/12 weeks.
    fn weeks(self) -> (i64, i64) {
        match self {
            Period::Weekly => (1, 1),
            Period::TwoWeekly => (2, 1),
            Period::FourWeekly => (4, 1),
            Period::Monthly => (52, 12),
            Period::Quarterly => (52, 4),
            Period::Yearly => (52, 1),
        }
    }

    /// An amount paid this often, as a weekly amount: monthly × 12 ÷ 52, four-weekly ÷ 4,
    /// yearly ÷ 52 (statutory guidance Annex C; the usual practice of councils).
    pub fn weekly(self, amount: Pence, favour: Favour) -> Pence {
        let (weeks, per) = self.weeks();
        amount.ratio(per, weeks, favour)
    }

    pub fn label(self) -> &'static str {
        match self {
            Period::Weekly => "a week",
            Period::TwoWeekly => "every 2 weeks",
            Period::FourWeekly => "every 4 weeks",
            Period::Monthly => "a month",
            Period::Quarterly => "every 3 months",
            Period::Yearly => "a year",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Period::Weekly => "weekly",
            Period::TwoWeekly => "two-weekly",
            Period::FourWeekly => "four-weekly",
            Period::Monthly => "monthly",
            Period::Quarterly => "quarterly",
            Period::Yearly => "yearly",
        }
    }

    pub fn from_key(key: &str) -> Option<Period> {
        Period::ALL.into_iter().find(|p| p.key() == key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_read_as_people_write_them_and_never_rounded() {
        assert_eq!(Pence::parse("£1,234.56"), Ok(Pence(123_456)));
        assert_eq!(Pence::parse("1234.5"), Ok(Pence(123_450)));
        assert_eq!(Pence::parse(" 12 "), Ok(Pence(1_200)));
        assert_eq!(Pence::parse("0.07"), Ok(Pence(7)));
        assert_eq!(Pence::parse("-3.20"), Ok(Pence(-320)));
        assert_eq!(Pence::parse("23,250"), Ok(Pence::pounds(23_250)));
        for bad in ["", "£", "1.234", "12,34", "1,2345", "abc", "1.2.3", "1e3", "£-3", ",123"] {
            assert_eq!(Pence::parse(bad), Err(MoneyError::NotAnAmount), "{bad}");
        }
        assert_eq!(Pence::parse("99999999999999"), Err(MoneyError::TooLarge));
    }

    #[test]
    fn amounts_are_written_in_pounds_with_thousands_separated() {
        assert_eq!(Pence(123_456).to_string(), "£1,234.56");
        assert_eq!(Pence(5).to_string(), "£0.05");
        assert_eq!(Pence(-320).to_string(), "-£3.20");
        assert_eq!(Pence::pounds(1_000_000).to_string(), "£1,000,000.00");
        assert_eq!(Pence(123_456).plain(), "1234.56");
    }

    #[test]
    fn weekly_amounts_follow_the_usual_conversions_with_fractions_in_the_persons_favour() {
        // £10 a month: 10 × 12 ÷ 52 = £2.3077 a week, so £2.30 as income and £2.31 as a cost.
        assert_eq!(Period::Monthly.weekly(Pence::pounds(10), Favour::Down), Pence(230));
        assert_eq!(Period::Monthly.weekly(Pence::pounds(10), Favour::Up), Pence(231));
        // £500 every four weeks: £125.00.
        assert_eq!(Period::FourWeekly.weekly(Pence::pounds(500), Favour::Down), Pence::pounds(125));
        // £5,200 a year: £100.00 a week.
        assert_eq!(Period::Yearly.weekly(Pence::pounds(5_200), Favour::Down), Pence::pounds(100));
        // £300 a quarter: 300 × 4 ÷ 52 = £23.0769.
        assert_eq!(Period::Quarterly.weekly(Pence::pounds(300), Favour::Down), Pence(2_307));
        assert_eq!(Period::TwoWeekly.weekly(Pence(2_001), Favour::Up), Pence(1_001));
    }

    #[test]
    fn shares_and_percentages_round_the_persons_way() {
        // £100.01 held by two people: £50.00 each as capital (the half penny is dropped).
        assert_eq!(Pence(10_001).share(2, Favour::Down), Pence(5_000));
        assert_eq!(Pence(10_001).share(3, Favour::Up), Pence(3_334));
        // 90% of £33.33 charged: £29.997, so £29.99.
        assert_eq!(Pence(3_333).percent(9_000, Favour::Down), Pence(2_999));
        assert_eq!(Pence(-101).ratio(1, 2, Favour::Down), Pence(-51));
    }

    #[test]
    fn json_takes_strings_and_whole_pounds_but_not_floats() {
        let p: Pence = serde_json::from_str("\"12.50\"").unwrap();
        assert_eq!(p, Pence(1_250));
        let whole: Pence = serde_json::from_str("12").unwrap();
        assert_eq!(whole, Pence(1_200));
        assert!(serde_json::from_str::<Pence>("12.5").unwrap_err().to_string().contains("as strings"));
        assert_eq!(serde_json::to_string(&Pence(1_250)).unwrap(), "\"12.50\"");
    }
}
