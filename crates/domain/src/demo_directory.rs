//! The demo council's directory: made-up groups and services in the made-up town of Wrenfield.
//!
//! Postcodes use the area letters "QW", which no real UK postcode uses (Q never starts one), so
//! the demo's postcodes cannot be confused with anyone's address. Telephone numbers come from
//! Ofcom's drama range (01632 960xxx) and email addresses from the reserved `.example` domain.

use crate::demo::DemoRng;
use crate::directory::hsds::{
    Accessibility, Address, Attribute, Contact, CostOption, Location, Organization, Phone, Schedule, Service,
    ServiceAtLocation, TaxonomyTerm,
};

/// A made-up postcode with its National Grid reference.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DemoPostcode {
    pub postcode: &'static str,
    pub easting: i32,
    pub northing: i32,
}

/// Wrenfield's postcodes, a few hundred metres to a few kilometres apart.
pub const DEMO_POSTCODES: &[DemoPostcode] = &[
    DemoPostcode { postcode: "QW1 1AA", easting: 462_000, northing: 310_000 },
    DemoPostcode { postcode: "QW1 1AB", easting: 462_150, northing: 310_080 },
    DemoPostcode { postcode: "QW1 2BD", easting: 461_700, northing: 309_600 },
    DemoPostcode { postcode: "QW2 3CE", easting: 463_400, northing: 311_200 },
    DemoPostcode { postcode: "QW2 4DF", easting: 463_900, northing: 311_900 },
    DemoPostcode { postcode: "QW3 5EG", easting: 459_800, northing: 308_100 },
    DemoPostcode { postcode: "QW3 6FH", easting: 459_200, northing: 307_400 },
    DemoPostcode { postcode: "QW4 7GJ", easting: 466_500, northing: 306_800 },
    DemoPostcode { postcode: "QW5 8HL", easting: 455_000, northing: 313_500 },
];

/// A stable UUID for the `n`th demo record of a kind, so the demo's links never change.
pub fn demo_uuid(kind: u16, n: u16) -> String {
    let mut rng = DemoRng::new(0x4845_4152_5448 ^ (u64::from(kind) << 16) ^ u64::from(n));
    let (a, b) = (rng.next_u64(), rng.next_u64());
    format!(
        "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
        (a >> 32) as u32,
        (a >> 16) as u16,
        (a & 0xfff) as u16,
        0x8000 | ((b >> 48) as u16 & 0x3fff),
        b & 0xffff_ffff_ffff
    )
}

/// The demo's categories, with their ids.
pub fn demo_terms() -> Vec<TaxonomyTerm> {
    [
        ("Carers", "Support for people who look after someone"),
        ("Dementia and memory", "Help for people living with dementia or memory loss, and their families"),
        ("Social activities", "Groups and clubs to meet people and enjoy yourself"),
        ("Physical activity", "Ways to stay active and keep steady on your feet"),
        ("Money and benefits", "Advice on benefits, debt and paying bills"),
        ("Mental health and wellbeing", "Someone to talk to, and support when life is hard"),
        ("Deaf and hard of hearing", "Services in British Sign Language and help with hearing loss"),
        ("Food", "Meals, lunch clubs and help with food"),
    ]
    .into_iter()
    .enumerate()
    .map(|(i, (name, description))| TaxonomyTerm {
        id: demo_uuid(1, i as u16).into(),
        name: name.into(),
        description: description.into(),
        taxonomy: Some("Wrenfield categories (demo)".into()),
        ..Default::default()
    })
    .collect()
}

struct Spec {
    name: &'static str,
    org: usize,
    description: &'static str,
    terms: &'static [usize],
    postcode: usize,
    place: &'static str,
    street: &'static str,
    days: &'static str,
    opens: &'static str,
    closes: &'static str,
    cost: Option<f64>,
    ages: (Option<f64>, Option<f64>),
    access: &'static [&'static str],
}

const ORGANISATIONS: &[(&str, &str)] = &[
    ("Wrenfield Carers Network", "A local charity run by and for unpaid carers."),
    ("Wrenfield Borough Council (demo)", "The council's adult social care and community services."),
    ("Friends of Wrenfield Library", "Volunteers who run groups at the town's libraries."),
    ("Wrenfield Deaf Community Association", "A Deaf-led group for Deaf and hard of hearing people."),
];

const SPECS: &[Spec] = &[
    Spec {
        name: "Carers' café",
        org: 0,
        description: "A relaxed morning for anyone who looks after a family member, friend or neighbour. Have a cup of tea, meet other carers and get advice on carers' assessments and breaks.",
        terms: &[0, 2],
        postcode: 0,
        place: "Wrenfield Community Centre",
        street: "12 Market Street",
        days: "TU",
        opens: "10:00",
        closes: "12:00",
        cost: Some(0.0),
        ages: (Some(18.0), None),
        access: &["Step-free access", "Accessible toilet", "Hearing loop"],
    },
    Spec {
        name: "Memory café",
        org: 0,
        description: "A friendly group each week for people with dementia or memory loss, and the people who care for them. Music, old songs, tea and a chat.",
        terms: &[1, 0, 2],
        postcode: 1,
        place: "St Aidan's Church Hall",
        street: "3 Chapel Lane",
        days: "TH",
        opens: "14:00",
        closes: "16:00",
        cost: Some(0.0),
        ages: (None, None),
        access: &["Step-free access", "Accessible toilet"],
    },
    Spec {
        name: "Befriending by phone",
        org: 0,
        description: "A volunteer calls you each week for a chat. For anyone who feels lonely or would like someone to talk to.",
        terms: &[5, 2],
        postcode: 0,
        place: "Wrenfield Carers Network office",
        street: "12 Market Street",
        days: "MO,WE,FR",
        opens: "09:00",
        closes: "17:00",
        cost: Some(0.0),
        ages: (Some(18.0), None),
        access: &[],
    },
    Spec {
        name: "Over-60s lunch club",
        org: 2,
        description: "A hot two-course lunch and good company every Wednesday. Transport can be arranged.",
        terms: &[7, 2],
        postcode: 2,
        place: "Wrenfield Library",
        street: "1 Library Square",
        days: "WE",
        opens: "12:00",
        closes: "14:00",
        cost: Some(4.5),
        ages: (Some(60.0), None),
        access: &["Step-free access", "Accessible toilet", "Hearing loop"],
    },
    Spec {
        name: "Steady Steps falls prevention class",
        org: 1,
        description: "Gentle exercise to build strength and balance and help prevent falls. Chairs available.",
        terms: &[3],
        postcode: 3,
        place: "Northfield Leisure Centre",
        street: "Northfield Road",
        days: "MO,TH",
        opens: "11:00",
        closes: "12:00",
        cost: Some(2.0),
        ages: (Some(50.0), None),
        access: &["Step-free access", "Accessible toilet", "Accessible parking"],
    },
    Spec {
        name: "Health walks",
        org: 1,
        description: "Free, short, led walks on flat paths around Wrenfield Park. Walk at your own pace.",
        terms: &[3, 2],
        postcode: 4,
        place: "Wrenfield Park gates",
        street: "Park Road",
        days: "SA",
        opens: "10:00",
        closes: "11:00",
        cost: Some(0.0),
        ages: (None, None),
        access: &[],
    },
    Spec {
        name: "Benefits and money advice",
        org: 1,
        description: "Free, confidential help to check you get the benefits you are entitled to, including Attendance Allowance and Carer's Allowance.",
        terms: &[4, 0],
        postcode: 0,
        place: "Wrenfield Community Centre",
        street: "12 Market Street",
        days: "MO,TU,WE,TH,FR",
        opens: "09:30",
        closes: "16:30",
        cost: Some(0.0),
        ages: (Some(18.0), None),
        access: &["Step-free access", "Accessible toilet", "BSL interpreter on request"],
    },
    Spec {
        name: "Young carers' club",
        org: 0,
        description: "Fun activities and a break for young people who help look after someone at home.",
        terms: &[0, 2],
        postcode: 5,
        place: "Southgate Youth Centre",
        street: "40 Southgate",
        days: "SA",
        opens: "13:00",
        closes: "16:00",
        cost: Some(0.0),
        ages: (Some(8.0), Some(17.0)),
        access: &["Step-free access"],
    },
    Spec {
        name: "Deaf social evening",
        org: 3,
        description: "A social evening every Friday for Deaf and hard of hearing people, in British Sign Language.",
        terms: &[6, 2],
        postcode: 6,
        place: "Wrenfield Deaf Centre",
        street: "7 Mill Street",
        days: "FR",
        opens: "18:00",
        closes: "21:00",
        cost: Some(0.0),
        ages: (Some(18.0), None),
        access: &["BSL", "Hearing loop", "Step-free access"],
    },
    Spec {
        name: "Hearing aid drop-in",
        org: 3,
        description: "Help with hearing aid batteries, tubing and cleaning. No appointment needed.",
        terms: &[6],
        postcode: 2,
        place: "Wrenfield Library",
        street: "1 Library Square",
        days: "TU",
        opens: "10:00",
        closes: "12:30",
        cost: Some(0.0),
        ages: (None, None),
        access: &["Hearing loop", "Step-free access", "Accessible toilet"],
    },
    Spec {
        name: "Men's shed",
        org: 2,
        description: "A workshop where men (and anyone else) make, mend and chat. Good for wellbeing.",
        terms: &[5, 2],
        postcode: 7,
        place: "Eastbrook Allotments",
        street: "Eastbrook Lane",
        days: "TU,TH",
        opens: "10:00",
        closes: "15:00",
        cost: Some(1.0),
        ages: (Some(18.0), None),
        access: &[],
    },
    Spec {
        name: "Talking therapies drop-in",
        org: 1,
        description: "Talk to a trained listener about low mood, worry or stress. Free and confidential.",
        terms: &[5],
        postcode: 8,
        place: "Westcote Health Centre",
        street: "2 Westcote Road",
        days: "WE",
        opens: "17:00",
        closes: "19:00",
        cost: Some(0.0),
        ages: (Some(16.0), None),
        access: &["Step-free access", "Accessible toilet"],
    },
];

/// The demo council's small LGA-style lists (see `crates/domain/demo/README.md`): services and
/// needs in the JSON layout, circumstances in the CSV layout.
pub fn demo_taxonomies() -> Vec<crate::directory::taxonomy::TaxonomyImport> {
    use crate::directory::taxonomy::{from_lga_csv, from_lga_json};
    vec![
        from_lga_json(include_str!("../demo/lga-services.json")).expect("the demo services list is valid"),
        from_lga_json(include_str!("../demo/lga-needs.json")).expect("the demo needs list is valid"),
        from_lga_csv(
            include_str!("../demo/lga-circumstances.csv"),
            "LGA circumstances (Wrenfield demo subset)",
            "http://id.esd.org.uk/list/circumstances",
        )
        .expect("the demo circumstances list is valid"),
    ]
}

/// Files demo services under LGA terms too: each service carrying `local` (a Wrenfield
/// category name) also gets the LGA term with `code`, as an attribute.
pub fn file_under_lga_terms(services: &mut [Service], taxonomies: &[crate::directory::taxonomy::TaxonomyImport]) {
    // Not the needs list's "Memory and dementia" (900201): the public categories would show it
    // beside the demo's own "Dementia and memory", two names for one thing.
    let links = [("Carers", "298"), ("Dementia and memory", "900105"), ("Food", "900104")];
    for (local, code) in links {
        let Some(term) = taxonomies.iter().flat_map(|t| t.terms.iter()).find(|t| t.code.as_deref() == Some(code))
        else {
            continue;
        };
        for service in services.iter_mut() {
            let carries = service.attributes.iter().any(|a| a.taxonomy_term.as_ref().is_some_and(|t| t.name == local));
            if carries && !service.attributes.iter().any(|a| a.taxonomy_term_id.as_ref() == Some(&term.id)) {
                service.attributes.push(Attribute {
                    id: crate::directory::taxonomy::uuid_for(&format!("{}/{}", service.id, term.id)),
                    link_type: Some("service_type".into()),
                    taxonomy_term_id: Some(term.id.clone()),
                    taxonomy_term: Some(term.clone()),
                    ..Default::default()
                });
            }
        }
    }
}

/// The organisation whose entries the demo provider editor may update.
pub fn demo_provider_organisation() -> crate::ids::OrganizationId {
    demo_uuid(2, 0).into()
}

/// The demo directory: organisations, services and where they are.
pub fn demo_services() -> Vec<Service> {
    let terms = demo_terms();
    let organisations: Vec<Organization> = ORGANISATIONS
        .iter()
        .enumerate()
        .map(|(i, (name, description))| Organization {
            id: demo_uuid(2, i as u16).into(),
            name: (*name).into(),
            description: (*description).into(),
            email: Some(format!("hello{i}@wrenfield.example")),
            ..Default::default()
        })
        .collect();
    SPECS
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let n = i as u16;
            let place = &DEMO_POSTCODES[s.postcode];
            let point = crate::directory::geo::grid_to_wgs84(f64::from(place.easting), f64::from(place.northing));
            Service {
                id: demo_uuid(3, n).into(),
                name: s.name.into(),
                status: "active".into(),
                description: Some(s.description.into()),
                email: Some(format!("service{i}@wrenfield.example")),
                minimum_age: s.ages.0,
                maximum_age: s.ages.1,
                fees: s.cost.map(|c| if c == 0.0 { "Free".into() } else { format!("£{c:.2} a session") }),
                assured_date: Some("2026-10-01".into()),
                organization: Some(organisations[s.org].clone()),
                schedules: vec![Schedule {
                    id: demo_uuid(4, n),
                    freq: Some("WEEKLY".into()),
                    interval: Some(1.0),
                    byday: Some(s.days.into()),
                    opens_at: Some(s.opens.into()),
                    closes_at: Some(s.closes.into()),
                    ..Default::default()
                }],
                service_at_locations: vec![ServiceAtLocation {
                    id: demo_uuid(5, n).into(),
                    location: Some(Location {
                        id: demo_uuid(6, n),
                        location_type: "physical".into(),
                        name: Some(s.place.into()),
                        latitude: Some((point.latitude * 1e6).round() / 1e6),
                        longitude: Some((point.longitude * 1e6).round() / 1e6),
                        addresses: vec![Address {
                            id: demo_uuid(7, n),
                            address_1: s.street.into(),
                            city: "Wrenfield".into(),
                            state_province: "Wrenfieldshire".into(),
                            postal_code: place.postcode.into(),
                            country: "GB".into(),
                            address_type: "physical".into(),
                            ..Default::default()
                        }],
                        accessibility: s
                            .access
                            .iter()
                            .enumerate()
                            .map(|(j, a)| Accessibility {
                                id: demo_uuid(8, n * 10 + j as u16),
                                description: Some((*a).into()),
                                ..Default::default()
                            })
                            .collect(),
                        ..Default::default()
                    }),
                    ..Default::default()
                }],
                cost_options: s
                    .cost
                    .map(|c| CostOption {
                        id: demo_uuid(9, n),
                        amount: Some(c),
                        currency: Some("GBP".into()),
                        option: Some("Each session".into()),
                        ..Default::default()
                    })
                    .into_iter()
                    .collect(),
                contacts: vec![Contact {
                    id: demo_uuid(10, n),
                    name: Some("Reception".into()),
                    phones: vec![Phone {
                        id: demo_uuid(11, n),
                        number: format!("01632 960 {:03}", 100 + i),
                        ..Default::default()
                    }],
                    ..Default::default()
                }],
                attributes: s
                    .terms
                    .iter()
                    .enumerate()
                    .map(|(j, t)| Attribute {
                        id: demo_uuid(12, n * 10 + j as u16),
                        taxonomy_term_id: Some(terms[*t].id.clone()),
                        taxonomy_term: Some(terms[*t].clone()),
                        ..Default::default()
                    })
                    .collect(),
                ..Default::default()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::directory::postcode::Postcode;

    #[test]
    fn demo_services_are_valid_and_stable() {
        let services = demo_services();
        assert_eq!(services.len(), 12);
        for s in &services {
            assert!(s.problems().is_empty(), "{}: {:?}", s.name, s.problems());
        }
        assert_eq!(demo_services(), services);
        let ids: std::collections::HashSet<_> = services.iter().map(|s| s.id.clone()).collect();
        assert_eq!(ids.len(), 12);
    }

    #[test]
    fn demo_taxonomies_parse_and_file_the_carers_services_under_lga_298() {
        let taxonomies = demo_taxonomies();
        assert_eq!(taxonomies.len(), 3);
        let mut services = demo_services();
        file_under_lga_terms(&mut services, &taxonomies);
        let carers_groups = services
            .iter()
            .filter(|s| {
                s.attributes.iter().any(|a| a.taxonomy_term.as_ref().and_then(|t| t.code.as_deref()) == Some("298"))
            })
            .count();
        assert!(carers_groups >= 2, "{carers_groups}");
        assert!(services.iter().all(|s| s.problems().is_empty()));
    }

    #[test]
    fn demo_postcodes_are_well_formed_but_can_never_be_real() {
        for p in DEMO_POSTCODES {
            let parsed = Postcode::parse(p.postcode).unwrap();
            assert!(parsed.as_str().starts_with('Q'), "no real postcode starts with Q");
        }
    }
}

const PLACES: &[&str] =
    &["Northfield", "Southgate", "Eastbrook", "Westcote", "Millbrook", "Ashby Green", "Kingsmead", "Riverside"];
const KINDS: &[(&str, &str, usize)] = &[
    ("carers' group", "A friendly group for people who look after someone.", 0),
    ("memory café", "Company and activities for people living with dementia and their carers.", 1),
    ("lunch club", "A hot meal and good company.", 7),
    ("walking group", "Short, gentle led walks.", 3),
    ("befriending service", "Someone to talk to, by phone or in person.", 5),
    ("advice drop-in", "Help with benefits, bills and forms.", 4),
    ("chair exercise class", "Gentle exercise to keep steady on your feet.", 3),
    ("coffee morning", "Meet neighbours over a hot drink.", 2),
    ("deaf club", "A social club in British Sign Language.", 6),
];

/// A postcode and its National Grid reference, for placing scaled demo services.
#[derive(Clone, Debug, PartialEq)]
pub struct GridPlace {
    pub postcode: String,
    pub easting: f64,
    pub northing: f64,
}

/// Extra services for `hearth demo --scale N` (a thousand a unit), for benchmarks. With no
/// `areas` they are spread up to about 4 km around Wrenfield's made-up postcodes; with areas
/// (each a council's postcodes) each service picks an area, then a postcode in it, and sits within
/// about 150 m of it. Deterministic, like the rest of the demo.
pub fn scaled_services(seed: u64, from: u32, count: u32, areas: &[Vec<GridPlace>]) -> impl Iterator<Item = Service> {
    let terms = demo_terms();
    let template = demo_services().remove(0);
    let areas: Vec<Vec<GridPlace>> = areas.iter().filter(|a| !a.is_empty()).cloned().collect();
    (from..from + count).map(move |n| {
        let mut rng = DemoRng::new(seed ^ 0xD1EC ^ (u64::from(n) << 20));
        let (kind, description, term) = KINDS[rng.below(KINDS.len())];
        let place = PLACES[rng.below(PLACES.len())];
        let (postcode, easting, northing) = if areas.is_empty() {
            let p = &DEMO_POSTCODES[rng.below(DEMO_POSTCODES.len())];
            let spread = |v: i32, r: usize| f64::from(v) + r as f64 - 4_000.0;
            (p.postcode.to_owned(), spread(p.easting, rng.below(8_000)), spread(p.northing, rng.below(8_000)))
        } else {
            let area = &areas[rng.below(areas.len())];
            let p = &area[rng.below(area.len())];
            (p.postcode.clone(), p.easting + rng.below(300) as f64 - 150.0, p.northing + rng.below(300) as f64 - 150.0)
        };
        let point = crate::directory::geo::grid_to_wgs84(easting, northing);
        let key = 1_000 + (n % 60_000) as u16;
        let mut s = template.clone();
        s.id = demo_uuid(20 + (n / 60_000) as u16, key).into();
        s.name = format!("{place} {kind}");
        s.description = Some(description.to_owned());
        s.organization = None;
        s.minimum_age = if rng.below(3) == 0 { Some(60.0) } else { None };
        s.fees = Some(if rng.below(2) == 0 { "Free".into() } else { "£2.00 a session".into() });
        s.cost_options.clear();
        let days = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];
        let sched = &mut s.schedules[0];
        sched.id = demo_uuid(30 + (n / 60_000) as u16, key);
        sched.byday = Some(days[rng.below(7)].into());
        let opens = 9 + rng.below(8);
        sched.opens_at = Some(format!("{opens:02}:00"));
        sched.closes_at = Some(format!("{:02}:00", opens + 2));
        let sal = &mut s.service_at_locations[0];
        sal.id = demo_uuid(40 + (n / 60_000) as u16, key).into();
        let loc = sal.location.as_mut().expect("the template has a location");
        loc.id = demo_uuid(50 + (n / 60_000) as u16, key);
        loc.name = Some(format!("{place} community centre"));
        loc.latitude = Some((point.latitude * 1e6).round() / 1e6);
        loc.longitude = Some((point.longitude * 1e6).round() / 1e6);
        loc.addresses[0].id = demo_uuid(60 + (n / 60_000) as u16, key);
        loc.addresses[0].postal_code = postcode;
        loc.accessibility.clear();
        s.contacts.clear();
        s.attributes = vec![Attribute {
            id: demo_uuid(70 + (n / 60_000) as u16, key),
            taxonomy_term_id: Some(terms[term].id.clone()),
            taxonomy_term: Some(terms[term].clone()),
            ..Default::default()
        }];
        s
    })
}

#[cfg(test)]
mod scaled_tests {
    use super::*;

    #[test]
    fn scaled_services_are_valid_distinct_and_repeatable() {
        let a: Vec<_> = scaled_services(1, 0, 300, &[]).collect();
        assert_eq!(a, scaled_services(1, 0, 300, &[]).collect::<Vec<_>>());
        let ids: std::collections::HashSet<_> = a.iter().map(|s| s.id.clone()).collect();
        assert_eq!(ids.len(), 300);
        let sal_ids: std::collections::HashSet<_> = a.iter().map(|s| s.service_at_locations[0].id.clone()).collect();
        assert_eq!(sal_ids.len(), 300);
        assert!(a.iter().all(|s| s.problems().is_empty()));
    }

    #[test]
    fn scaled_services_spread_across_every_area_given() {
        let area = |postcode: &str, easting: f64, northing: f64| {
            vec![GridPlace { postcode: postcode.into(), easting, northing }]
        };
        let areas = [area("ZZ1 1AA", 450_000.0, 300_000.0), area("ZZ9 9ZZ", 420_000.0, 100_000.0)];
        let services: Vec<_> = scaled_services(7, 0, 200, &areas).collect();
        for postcode in ["ZZ1 1AA", "ZZ9 9ZZ"] {
            let here: Vec<_> = services
                .iter()
                .filter(|s| s.service_at_locations[0].location.as_ref().unwrap().addresses[0].postal_code == postcode)
                .collect();
            assert!(here.len() > 50, "{postcode} got {} of 200", here.len());
        }
        assert!(services.iter().all(|s| s.problems().is_empty()));
    }
}
