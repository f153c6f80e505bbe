//! The Safeguarding Adults Collection (SAC), counted from the records for a reporting year
//! (1 April to 31 March), following NHS England's SAC 2025-26 guidance ("SG1: Demographics",
//! "SG2: Case details", "Terminology"):
//! - SG1 counts individuals once each, by their age on the last day of the year (or at death),
//!   among concerns and enquiries *starting* in the year; SG1f counts the cases themselves.
//! - SG2 to SG4 count enquiries *concluded* in the year; SG2a, SG2b and SG2a_b1 count each
//!   distinct category once per enquiry (two sources of the same type count once).
//! - Enquiries are a subset of concerns: a concern that leads to one is counted in both.
//!
//! Published figures go through the national disclosure control (`publishable`).

use super::enquiry::{Conclusion, Kind};
use super::{Achieved, ActionAndResult, Asked, LackedCapacity, Location, RiskOutcome, RiskType, Source};
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeSet;

/// A reporting year, 1 April to 31 March, named by its first year ("2025-26" is 2025).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Year(pub i32);

impl Year {
    /// "2025-26", or "2025/26".
    pub fn parse(text: &str) -> Option<Year> {
        let (first, second) = text.trim().split_once(['-', '/'])?;
        let first: i32 = first.parse().ok()?;
        let second: i32 = second.parse().ok()?;
        (second == (first + 1) % 100 && (1000..10000).contains(&first)).then_some(Year(first))
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.0, 4, 1).expect("1 April exists")
    }

    pub fn last_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.0 + 1, 3, 31).expect("31 March exists")
    }

    pub fn contains(self, day: NaiveDate) -> bool {
        day >= self.first_day() && day <= self.last_day()
    }

    pub fn label(self) -> String {
        format!("{}-{:02}", self.0, (self.0 + 1) % 100)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
    NotKnown,
}

/// An adult a concern is about, as SG1 needs them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Adult {
    pub id: String,
    pub born: Option<NaiveDate>,
    pub died: Option<NaiveDate>,
    pub gender: Gender,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConcernFact {
    pub adult: String,
    pub received: NaiveDate,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnquiryFact {
    pub adult: String,
    pub kind: Kind,
    pub started: NaiveDate,
    pub concluded: Option<NaiveDate>,
    pub conclusion: Conclusion,
}

/// One table of the return: its code, title, row and column labels, and the counts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    pub code: &'static str,
    pub title: &'static str,
    pub rows: Vec<String>,
    pub columns: Vec<String>,
    pub counts: Vec<Vec<u64>>,
}

impl Table {
    fn new(code: &'static str, title: &'static str, rows: Vec<String>, columns: Vec<String>) -> Table {
        let counts = vec![vec![0; columns.len()]; rows.len()];
        Table { code, title, rows, columns, counts }
    }

    fn add(&mut self, row: usize, column: usize) {
        self.counts[row][column] += 1;
    }

    /// The count in a cell, by its labels; for tests and checks.
    pub fn count(&self, row: &str, column: &str) -> u64 {
        let r = self.rows.iter().position(|l| l == row).unwrap_or_else(|| panic!("{}: no row {row}", self.code));
        let c = self
            .columns
            .iter()
            .position(|l| l == column)
            .unwrap_or_else(|| panic!("{}: no column {column}", self.code));
        self.counts[r][c]
    }
}

pub const AGE_BANDS: [&str; 6] = ["18-64", "65-74", "75-84", "85-94", "95+", "Age unknown"];

fn age_band(adult: Option<&Adult>, year: Year) -> usize {
    let Some(a) = adult else { return 5 };
    let Some(born) = a.born else { return 5 };
    // On the last day of the year, or at death if earlier.
    let on = a.died.filter(|d| *d < year.last_day()).unwrap_or(year.last_day());
    let age = on.year() - born.year() - i32::from((on.month(), on.day()) < (born.month(), born.day()));
    match age {
        ..=64 => 0,
        65..=74 => 1,
        75..=84 => 2,
        85..=94 => 3,
        _ => 4,
    }
}

const POPULATIONS: [&str; 3] = ["Concerns", "Section 42 enquiries", "Other enquiries"];

/// The return for a year, table by table.
pub fn tables(year: Year, adults: &[Adult], concerns: &[ConcernFact], enquiries: &[EnquiryFact]) -> Vec<Table> {
    let adult = |id: &str| adults.iter().find(|a| a.id == id);
    let labels = |xs: &[&str]| xs.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();

    // SG1: individuals, once each per population, among cases starting in the year.
    let mut people: [BTreeSet<&str>; 3] = Default::default();
    for c in concerns.iter().filter(|c| year.contains(c.received)) {
        people[0].insert(&c.adult);
    }
    for e in enquiries.iter().filter(|e| year.contains(e.started)) {
        people[if e.kind == Kind::SectionFortyTwo { 1 } else { 2 }].insert(&e.adult);
    }
    let mut sg1a = Table::new("SG1a", "Individuals by age", labels(&AGE_BANDS), labels(&POPULATIONS));
    let genders = ["Male", "Female", "Not known"];
    let mut sg1b = Table::new("SG1b", "Individuals by gender", labels(&genders), labels(&POPULATIONS));
    for (column, ids) in people.iter().enumerate() {
        for id in ids {
            let a = adult(id);
            sg1a.add(age_band(a, year), column);
            let g = match a.map_or(Gender::NotKnown, |a| a.gender) {
                Gender::Male => 0,
                Gender::Female => 1,
                Gender::NotKnown => 2,
            };
            sg1b.add(g, column);
        }
    }
    let mut sg1f = Table::new("SG1f", "Cases starting in the year", labels(&["Total"]), labels(&POPULATIONS));
    sg1f.counts[0][0] = concerns.iter().filter(|c| year.contains(c.received)).count() as u64;
    for e in enquiries.iter().filter(|e| year.contains(e.started)) {
        sg1f.add(0, if e.kind == Kind::SectionFortyTwo { 1 } else { 2 });
    }

    // SG2 to SG4: section 42 enquiries concluded in the year.
    let concluded: Vec<&EnquiryFact> = enquiries
        .iter()
        .filter(|e| e.kind == Kind::SectionFortyTwo && e.concluded.is_some_and(|d| year.contains(d)))
        .collect();
    let types: Vec<String> = RiskType::ALL.iter().map(|t| t.label().to_owned()).collect();
    let sources: Vec<String> = Source::ALL.iter().map(|s| s.label().to_owned()).collect();
    let locations: Vec<String> = Location::ALL.iter().map(|l| l.label().to_owned()).collect();
    let mut sg2a =
        Table::new("SG2a", "Concluded section 42 enquiries by type and source of risk", types.clone(), sources.clone());
    let mut sg2b =
        Table::new("SG2b", "Concluded section 42 enquiries by location and source of risk", locations.clone(), sources);
    let mut sg2ab =
        Table::new("SG2a_b1", "Concluded section 42 enquiries by type and location of risk", types, locations);
    let results: Vec<String> = ActionAndResult::ALL.iter().map(|r| r.label().to_owned()).collect();
    let mut sg2c = Table::new(
        "SG2c",
        "Concluded section 42 enquiries by action taken and result",
        results,
        labels(&["Enquiries"]),
    );
    let outcomes: Vec<String> = RiskOutcome::ALL.iter().map(|r| r.label().to_owned()).collect();
    let mut sg2e = Table::new(
        "SG2e",
        "Risk outcome where a risk was identified and action taken",
        outcomes,
        labels(&["Enquiries"]),
    );
    let capacity: Vec<String> = LackedCapacity::ALL.iter().map(|c| c.label().to_owned()).collect();
    let mut sg3a = Table::new(
        "SG3a",
        "Concluded section 42 enquiries: did the adult lack capacity?",
        capacity,
        labels(&["Enquiries", "Of those, supported by an advocate, family or friend"]),
    );
    let asked: Vec<String> = Asked::ALL.iter().map(|a| a.label().to_owned()).collect();
    let mut achieved_columns = vec!["Enquiries".to_owned()];
    achieved_columns.extend(Achieved::ALL.iter().map(|a| a.label().to_owned()));
    let mut sg4a =
        Table::new("SG4a", "Making Safeguarding Personal: asked about desired outcomes", asked, achieved_columns);

    for e in &concluded {
        let c = &e.conclusion;
        let distinct = |f: &dyn Fn(&super::Risk) -> (usize, usize)| c.risks.iter().map(f).collect::<BTreeSet<_>>();
        for (t, s) in distinct(&|r| (r.kind.index(), r.source.index())) {
            sg2a.add(t, s);
        }
        for (l, s) in distinct(&|r| (r.location.index(), r.source.index())) {
            sg2b.add(l, s);
        }
        for (t, l) in distinct(&|r| (r.kind.index(), r.location.index())) {
            sg2ab.add(t, l);
        }
        if let Some(result) = c.result {
            sg2c.add(result.index(), 0);
            if let (ActionAndResult::IdentifiedActionTaken, Some(outcome)) = (result, c.risk_outcome) {
                sg2e.add(outcome.index(), 0);
            }
        }
        let cap = c.lacked_capacity.unwrap_or(LackedCapacity::NotRecorded);
        let row = cap.index();
        sg3a.add(row, 0);
        if cap == LackedCapacity::Yes && c.supported {
            sg3a.add(row, 1);
        }
        let asked = c.asked.unwrap_or(Asked::NotRecorded);
        let row = asked.index();
        sg4a.add(row, 0);
        if let (Asked::YesExpressed, Some(achieved)) = (asked, c.achieved) {
            sg4a.add(row, 1 + achieved.index());
        }
    }
    vec![sg1a, sg1b, sg1f, sg2a, sg2b, sg2ab, sg2c, sg2e, sg3a, sg4a]
}

/// The national disclosure control for published figures: counts under 5 become "[c]", the rest
/// are rounded to the nearest 5 (NHS England's SAC publication).
pub fn publishable(count: u64) -> String {
    if count < 5 { "[c]".to_owned() } else { (((count + 2) / 5) * 5).to_string() }
}

/// Measures for the safeguarding manager's page.
#[derive(Clone, Debug, PartialEq)]
pub struct Measures {
    pub concerns: u64,
    pub enquiries: u64,
    /// Enquiries as a share of concerns (the publication's conversion rate), in per cent.
    pub conversion: Option<f64>,
    /// Concerns about an adult who had another concern in the 12 months before.
    pub repeats: u64,
}

pub fn measures(year: Year, concerns: &[ConcernFact], enquiries: &[EnquiryFact]) -> Measures {
    let in_year: Vec<&ConcernFact> = concerns.iter().filter(|c| year.contains(c.received)).collect();
    let started = enquiries.iter().filter(|e| year.contains(e.started)).count() as u64;
    let repeats = in_year
        .iter()
        .filter(|c| {
            concerns.iter().any(|o| {
                o.adult == c.adult && o.received < c.received && o.received >= c.received - chrono::Months::new(12)
            })
        })
        .count() as u64;
    let total = in_year.len() as u64;
    Measures {
        concerns: total,
        enquiries: started,
        conversion: (total > 0).then(|| started as f64 * 100.0 / total as f64),
        repeats,
    }
}

#[cfg(test)]
mod tests {
    use super::super::Risk;
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn adult(id: &str, born: NaiveDate, died: Option<NaiveDate>, gender: Gender) -> Adult {
        Adult { id: id.to_owned(), born: Some(born), died, gender }
    }

    fn enquiry(adult: &str, started: NaiveDate, concluded: Option<NaiveDate>, risks: Vec<Risk>) -> EnquiryFact {
        EnquiryFact {
            adult: adult.to_owned(),
            kind: Kind::SectionFortyTwo,
            started,
            concluded,
            conclusion: Conclusion {
                risks,
                result: Some(ActionAndResult::IdentifiedActionTaken),
                risk_outcome: Some(RiskOutcome::Reduced),
                lacked_capacity: Some(LackedCapacity::Yes),
                supported: true,
                asked: Some(Asked::YesExpressed),
                wanted: "To stay at home".to_owned(),
                achieved: Some(Achieved::Fully),
                ..Conclusion::default()
            },
        }
    }

    fn table<'a>(tables: &'a [Table], code: &str) -> &'a Table {
        tables.iter().find(|t| t.code == code).unwrap()
    }

    /// Worked by hand for 2025-26:
    /// - Ada (born 1 June 1940, so 85 on 31 March 2026): two concerns and two s42 enquiries in
    ///   the year. She is one individual in SG1, and two cases in SG1f.
    /// - Bert (born 1 January 1950) died on 1 October 2025, aged 75: his age is taken at death,
    ///   so he is 75-84, not the 76 he would have been on 31 March.
    /// - Cath's enquiry started in March 2025 (last year) and concluded in May 2025: it is not
    ///   in SG1 or SG1f this year, but it is in SG2 to SG4 this year.
    /// - Ada's first enquiry found financial abuse by two people she knows: one count in SG2a.
    #[test]
    fn the_tables_follow_the_counting_rules_on_hand_worked_cases() {
        let year = Year(2025);
        let adults = vec![
            adult("ada", day(1940, 6, 1), None, Gender::Female),
            adult("bert", day(1950, 1, 1), Some(day(2025, 10, 1)), Gender::Male),
            adult("cath", day(1990, 5, 5), None, Gender::Female),
        ];
        let concerns = vec![
            ConcernFact { adult: "ada".into(), received: day(2025, 5, 1) },
            ConcernFact { adult: "ada".into(), received: day(2025, 11, 1) },
            ConcernFact { adult: "bert".into(), received: day(2025, 7, 1) },
            ConcernFact { adult: "cath".into(), received: day(2025, 3, 1) },
        ];
        let financial_known =
            Risk { kind: RiskType::Financial, location: Location::OwnHome, source: Source::KnownToThem };
        let neglect =
            Risk { kind: RiskType::Neglect, location: Location::CareHomeResidential, source: Source::ServiceProvider };
        let enquiries = vec![
            enquiry("ada", day(2025, 5, 5), Some(day(2025, 6, 30)), vec![financial_known, financial_known]),
            enquiry("ada", day(2025, 11, 5), None, vec![]),
            enquiry("bert", day(2025, 7, 3), Some(day(2025, 9, 1)), vec![neglect]),
            enquiry("cath", day(2025, 3, 3), Some(day(2025, 5, 20)), vec![neglect, financial_known]),
        ];
        let t = tables(year, &adults, &concerns, &enquiries);
        let sg1a = table(&t, "SG1a");
        assert_eq!(sg1a.count("85-94", "Section 42 enquiries"), 1, "Ada once, though two enquiries");
        assert_eq!(sg1a.count("75-84", "Section 42 enquiries"), 1, "Bert at death");
        assert_eq!(sg1a.count("18-64", "Section 42 enquiries"), 0, "Cath's started last year");
        assert_eq!(sg1a.count("85-94", "Concerns"), 1);
        assert_eq!(table(&t, "SG1b").count("Female", "Section 42 enquiries"), 1);
        let sg1f = table(&t, "SG1f");
        assert_eq!(sg1f.count("Total", "Concerns"), 3, "Cath's concern was last year");
        assert_eq!(sg1f.count("Total", "Section 42 enquiries"), 3, "Ada's two cases, Bert's");
        let sg2a = table(&t, "SG2a");
        assert_eq!(sg2a.count("Financial or material abuse", "Someone they know"), 2, "Ada's (once) and Cath's");
        assert_eq!(sg2a.count("Neglect and acts of omission", "A service provider"), 2, "Bert's and Cath's");
        assert_eq!(table(&t, "SG2b").count("Their own home", "Someone they know"), 2);
        assert_eq!(table(&t, "SG2a_b1").count("Neglect and acts of omission", "Care home without nursing"), 2);
        assert_eq!(table(&t, "SG2c").count("Risk identified and action taken", "Enquiries"), 3, "three concluded");
        assert_eq!(table(&t, "SG2e").count("Risk reduced", "Enquiries"), 3);
        let sg3a = table(&t, "SG3a");
        assert_eq!(sg3a.count("Yes, they lacked capacity", "Of those, supported by an advocate, family or friend"), 3);
        assert_eq!(table(&t, "SG4a").count("Yes, and they said what they wanted", "Fully achieved"), 3);
    }

    #[test]
    fn published_counts_are_suppressed_under_5_and_rounded_to_5() {
        assert_eq!(publishable(0), "[c]");
        assert_eq!(publishable(4), "[c]");
        assert_eq!(publishable(5), "5");
        assert_eq!(publishable(7), "5");
        assert_eq!(publishable(8), "10");
        assert_eq!(publishable(12), "10");
        assert_eq!(publishable(13), "15");
    }

    #[test]
    fn a_year_runs_from_1_april_to_31_march() {
        let y = Year::parse("2025-26").unwrap();
        assert_eq!(y, Year(2025));
        assert_eq!(Year::parse("2025/26"), Some(Year(2025)));
        assert_eq!(Year::parse("2025-27"), None);
        assert!(y.contains(day(2025, 4, 1)) && y.contains(day(2026, 3, 31)));
        assert!(!y.contains(day(2025, 3, 31)) && !y.contains(day(2026, 4, 1)));
        assert_eq!(Year(2099).label(), "2099-00");
    }

    #[test]
    fn the_managers_measures_count_repeats_within_12_months() {
        let concerns = vec![
            ConcernFact { adult: "ada".into(), received: day(2025, 1, 10) },
            ConcernFact { adult: "ada".into(), received: day(2025, 12, 1) },
            ConcernFact { adult: "bert".into(), received: day(2024, 1, 1) },
            ConcernFact { adult: "bert".into(), received: day(2025, 6, 1) },
        ];
        let m = measures(Year(2025), &concerns, &[enquiry("ada", day(2025, 12, 2), None, vec![])]);
        assert_eq!(m.concerns, 2);
        assert_eq!(m.repeats, 1, "Ada's within 12 months; Bert's 17 months apart");
        assert_eq!(m.conversion, Some(50.0));
    }
}
