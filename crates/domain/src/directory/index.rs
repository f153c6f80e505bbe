//! What the database indexes about a service so that searches and filters are fast: derived
//! from the HSDS document every time it is saved, never edited by hand.

use super::hsds::{Schedule, Service};
use super::postcode::Postcode;
use crate::ids::{OrganizationId, ServiceAtLocationId, TaxonomyTermId};

/// One place a service is delivered, with a position.
#[derive(Clone, Debug, PartialEq)]
pub struct IndexedLocation {
    pub service_at_location_id: ServiceAtLocationId,
    pub location_id: String,
    pub latitude: f64,
    pub longitude: f64,
    pub postcode: Option<String>,
}

/// Accessibility features people filter on. Read from the free text of each location's
/// accessibility entries, since HSDS has no fixed list (Open Referral UK has not agreed one).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AccessFeature {
    StepFree,
    HearingLoop,
    BritishSignLanguage,
    AccessibleToilet,
    AccessibleParking,
}

impl AccessFeature {
    pub const ALL: [AccessFeature; 5] = [
        AccessFeature::StepFree,
        AccessFeature::HearingLoop,
        AccessFeature::BritishSignLanguage,
        AccessFeature::AccessibleToilet,
        AccessFeature::AccessibleParking,
    ];

    pub fn key(self) -> &'static str {
        match self {
            AccessFeature::StepFree => "step-free",
            AccessFeature::HearingLoop => "hearing-loop",
            AccessFeature::BritishSignLanguage => "bsl",
            AccessFeature::AccessibleToilet => "accessible-toilet",
            AccessFeature::AccessibleParking => "accessible-parking",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            AccessFeature::StepFree => "Step-free access",
            AccessFeature::HearingLoop => "Hearing loop",
            AccessFeature::BritishSignLanguage => "British Sign Language (BSL)",
            AccessFeature::AccessibleToilet => "Accessible toilet",
            AccessFeature::AccessibleParking => "Accessible parking",
        }
    }

    pub fn from_key(key: &str) -> Option<AccessFeature> {
        AccessFeature::ALL.into_iter().find(|f| f.key() == key)
    }

    fn phrases(self) -> &'static [&'static str] {
        match self {
            AccessFeature::StepFree => &["step-free", "step free", "level access", "wheelchair access", "ramp"],
            AccessFeature::HearingLoop => &["hearing loop", "induction loop", "loop system"],
            AccessFeature::BritishSignLanguage => &["bsl", "british sign language"],
            AccessFeature::AccessibleToilet => &["accessible toilet", "disabled toilet", "changing places"],
            AccessFeature::AccessibleParking => &["accessible parking", "disabled parking", "blue badge"],
        }
    }

    /// The features a piece of text describes.
    pub fn found_in(text: &str) -> Vec<AccessFeature> {
        let text = text.to_lowercase();
        AccessFeature::ALL.into_iter().filter(|f| f.phrases().iter().any(|p| text.contains(p))).collect()
    }
}

/// One weekly opening: day 0 is Monday; minutes from midnight, Europe/London time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WeeklyOpening {
    pub day: u8,
    pub opens: u16,
    pub closes: u16,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ServiceIndex {
    pub name: String,
    pub description: String,
    pub organization_id: Option<OrganizationId>,
    pub status: String,
    pub minimum_age: Option<f64>,
    pub maximum_age: Option<f64>,
    pub free: bool,
    pub locations: Vec<IndexedLocation>,
    pub openings: Vec<WeeklyOpening>,
    pub term_ids: Vec<TaxonomyTermId>,
    /// The areas the service covers, as ONS area codes (such as E06000016 for Leicester) found
    /// in its service areas' URI, extent or name. Empty: no stated area, so no restriction.
    pub area_codes: Vec<String>,
    /// Names of the terms, so that searching "dementia" finds services filed under it.
    pub term_names: Vec<String>,
    pub access: Vec<AccessFeature>,
}

/// "10:00", "10:00:00" or "1000" as minutes after midnight.
pub fn parse_time(s: &str) -> Option<u16> {
    let digits: String = s.chars().filter(|c| c.is_ascii_digit()).collect();
    if digits.len() < 4 {
        return None;
    }
    let h: u16 = digits[0..2].parse().ok()?;
    let m: u16 = digits[2..4].parse().ok()?;
    (h <= 24 && m < 60 && h * 60 + m <= 24 * 60).then_some(h * 60 + m)
}

fn day_number(code: &str) -> Option<u8> {
    ["MO", "TU", "WE", "TH", "FR", "SA", "SU"].iter().position(|d| code.trim().eq_ignore_ascii_case(d)).map(|d| d as u8)
}

/// Weekly openings from an iCalendar-style schedule. Other patterns (monthly, one-off) are
/// shown as written but do not take part in "open now".
pub fn weekly_openings(schedule: &Schedule) -> Vec<WeeklyOpening> {
    let weekly = schedule.freq.as_deref().is_some_and(|f| f.eq_ignore_ascii_case("WEEKLY"));
    let every_week = schedule.interval.is_none_or(|i| i == 1.0);
    let (Some(opens), Some(closes)) =
        (schedule.opens_at.as_deref().and_then(parse_time), schedule.closes_at.as_deref().and_then(parse_time))
    else {
        return Vec::new();
    };
    if !weekly || !every_week || closes <= opens {
        return Vec::new();
    }
    schedule
        .byday
        .as_deref()
        .unwrap_or_default()
        .split(',')
        .filter_map(day_number)
        .map(|day| WeeklyOpening { day, opens, closes })
        .collect()
}

impl ServiceIndex {
    pub fn of(service: &Service) -> ServiceIndex {
        let locations = service
            .service_at_locations
            .iter()
            .filter_map(|sal| {
                let loc = sal.location.as_ref()?;
                Some(IndexedLocation {
                    service_at_location_id: sal.id.clone(),
                    location_id: loc.id.clone(),
                    latitude: loc.latitude?,
                    longitude: loc.longitude?,
                    postcode: loc
                        .addresses
                        .iter()
                        .find_map(|a| Postcode::parse(&a.postal_code).ok())
                        .map(|p| p.to_string()),
                })
            })
            .collect();
        let mut openings: Vec<WeeklyOpening> = service
            .schedules
            .iter()
            .chain(service.service_at_locations.iter().flat_map(|s| s.schedules.iter()))
            .flat_map(weekly_openings)
            .collect();
        openings.sort_by_key(|o| (o.day, o.opens, o.closes));
        openings.dedup();
        let mentions_free = [&service.fees, &service.fees_description]
            .iter()
            .any(|f| f.as_deref().is_some_and(|t| t.to_lowercase().contains("free")));
        let any_charge = service.cost_options.iter().any(|c| c.amount.is_some_and(|a| a > 0.0));
        let zero_cost = service.cost_options.iter().any(|c| c.amount == Some(0.0));
        let mut term_ids = Vec::new();
        let mut term_names = Vec::new();
        for a in &service.attributes {
            if let Some(id) = a.taxonomy_term_id.clone().or_else(|| a.taxonomy_term.as_ref().map(|t| t.id.clone())) {
                term_ids.push(id);
            }
            if let Some(t) = &a.taxonomy_term {
                term_names.push(t.name.clone());
            }
        }
        term_ids.sort();
        term_ids.dedup();
        let mut access: Vec<AccessFeature> = service
            .service_at_locations
            .iter()
            .filter_map(|s| s.location.as_ref())
            .flat_map(|l| l.accessibility.iter())
            .flat_map(|a| [a.description.as_deref(), a.details.as_deref(), a.accessibility.as_deref()])
            .flatten()
            .flat_map(AccessFeature::found_in)
            .collect();
        access.sort();
        access.dedup();
        ServiceIndex {
            name: service.name.clone(),
            description: service.description.clone().unwrap_or_default(),
            organization_id: service
                .organization_id
                .clone()
                .or_else(|| service.organization.as_ref().map(|o| o.id.clone())),
            status: service.status.clone(),
            minimum_age: service.minimum_age,
            maximum_age: service.maximum_age,
            free: (mentions_free || zero_cost) && !any_charge,
            locations,
            openings,
            term_ids,
            term_names,
            access,
            area_codes: area_codes(service),
        }
    }
}

/// ONS area codes (a letter E, W, S or N and eight digits) in a service's service areas.
pub fn area_codes(service: &Service) -> Vec<String> {
    let mut codes = Vec::new();
    for area in &service.service_areas {
        for text in [&area.uri, &area.extent, &area.name, &area.service_area].into_iter().flatten() {
            let chars: Vec<char> = text.chars().collect();
            for (i, c) in chars.iter().enumerate() {
                let starts_word = i == 0 || !chars[i - 1].is_ascii_alphanumeric();
                let digits = chars.get(i + 1..i + 9).is_some_and(|d| d.iter().all(char::is_ascii_digit));
                let ends_word = chars.get(i + 9).is_none_or(|c| !c.is_ascii_alphanumeric());
                if "EWSN".contains(*c) && starts_word && digits && ends_word {
                    codes.push(chars[i..i + 9].iter().collect::<String>());
                }
            }
        }
    }
    codes.sort();
    codes.dedup();
    codes
}

#[cfg(test)]
mod area_tests {
    use super::*;
    use crate::directory::hsds::ServiceArea;

    #[test]
    fn service_areas_name_the_ons_areas_they_cover() {
        let service = Service {
            service_areas: vec![
                ServiceArea {
                    id: "a".into(),
                    uri: Some("http://statistics.data.gov.uk/id/statistical-geography/E06000016".into()),
                    ..Default::default()
                },
                ServiceArea {
                    id: "b".into(),
                    name: Some("Kirklees (E08000034) and nearby".into()),
                    ..Default::default()
                },
                ServiceArea { id: "c".into(), extent: Some("XE060000161 is not a code".into()), ..Default::default() },
            ],
            ..Default::default()
        };
        assert_eq!(area_codes(&service), ["E06000016", "E08000034"]);
        assert!(area_codes(&Service::default()).is_empty());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::directory::hsds::{Address, Attribute, CostOption, Location, ServiceAtLocation, TaxonomyTerm};

    fn schedule(byday: &str, opens: &str, closes: &str) -> Schedule {
        Schedule {
            id: "48102e86-bb50-41c4-8f1e-e269368c41d1".into(),
            freq: Some("WEEKLY".into()),
            byday: Some(byday.into()),
            opens_at: Some(opens.into()),
            closes_at: Some(closes.into()),
            ..Default::default()
        }
    }

    #[test]
    fn accessibility_features_are_read_from_plain_words() {
        assert_eq!(
            AccessFeature::found_in("Level access from the car park; Blue Badge spaces"),
            [AccessFeature::StepFree, AccessFeature::AccessibleParking]
        );
        assert_eq!(AccessFeature::found_in("BSL interpreter on request"), [AccessFeature::BritishSignLanguage]);
        assert!(AccessFeature::found_in("Up two flights of stairs").is_empty());
        for f in AccessFeature::ALL {
            assert_eq!(AccessFeature::from_key(f.key()), Some(f));
        }
    }

    #[test]
    fn times_parse() {
        assert_eq!(parse_time("10:00"), Some(600));
        assert_eq!(parse_time("17:30:00"), Some(1050));
        assert_eq!(parse_time("0930"), Some(570));
        assert_eq!(parse_time("25:00"), None);
        assert_eq!(parse_time("ten"), None);
    }

    #[test]
    fn weekly_schedules_become_openings() {
        let s = schedule("MO,WE, FR", "09:30", "16:00");
        assert_eq!(
            weekly_openings(&s),
            vec![
                WeeklyOpening { day: 0, opens: 570, closes: 960 },
                WeeklyOpening { day: 2, opens: 570, closes: 960 },
                WeeklyOpening { day: 4, opens: 570, closes: 960 }
            ]
        );
        let mut fortnightly = s.clone();
        fortnightly.interval = Some(2.0);
        assert!(weekly_openings(&fortnightly).is_empty(), "not every week, so never 'open now'");
        assert!(weekly_openings(&schedule("MO", "16:00", "09:00")).is_empty());
    }

    #[test]
    fn a_service_is_indexed_from_its_document() {
        let service = Service {
            id: "ac148810-d857-441c-9679-408f346de14b".into(),
            name: "Memory café".into(),
            status: "active".into(),
            fees: Some("Free. Donations welcome.".into()),
            schedules: vec![schedule("TU", "10:00", "12:00")],
            service_at_locations: vec![ServiceAtLocation {
                id: "e94c9f38-1e8f-4564-91d4-d53501ab1765".into(),
                location: Some(Location {
                    id: "3a19ff88-4620-4d17-9830-ac1d859eb5d5".into(),
                    location_type: "physical".into(),
                    latitude: Some(52.63),
                    longitude: Some(-1.13),
                    addresses: vec![Address { postal_code: "le1 5fq".into(), ..Default::default() }],
                    ..Default::default()
                }),
                ..Default::default()
            }],
            attributes: vec![Attribute {
                id: "ae58cc39-8b70-4ab1-8aea-786882e5ac8e".into(),
                taxonomy_term: Some(TaxonomyTerm { id: "t-1".into(), name: "Dementia".into(), ..Default::default() }),
                ..Default::default()
            }],
            ..Default::default()
        };
        let index = ServiceIndex::of(&service);
        assert!(index.free);
        assert_eq!(index.locations[0].postcode.as_deref(), Some("LE1 5FQ"));
        assert_eq!(index.openings, vec![WeeklyOpening { day: 1, opens: 600, closes: 720 }]);
        assert_eq!(index.term_ids, vec!["t-1"]);
        assert_eq!(index.term_names, vec!["Dementia"]);

        let mut charged = service.clone();
        charged.cost_options.push(CostOption { id: "c".into(), amount: Some(3.5), ..Default::default() });
        assert!(!ServiceIndex::of(&charged).free, "a charge outweighs the word free");
    }
}
