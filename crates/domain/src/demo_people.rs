//! The demo council's people: made-up residents with histories, generated from a seed and a
//! number so that any slice of a large demo can be made on its own (the benchmark loads 100,000
//! in batches).
//!
//! Everything here is invented. NHS numbers come from the 999 range, which is never issued;
//! phone numbers from Ofcom's drama range (01632 960xxx, 07700 900xxx); postcodes from the demo
//! council's made-up QW area.

use crate::demo::{DemoRng, FIRST_NAMES, LAST_NAMES};
use crate::demo_directory::DEMO_POSTCODES;
use crate::front_door::{Consent, ContactForm, ContactMethod, Knows, Urgency};
use crate::people::codes::{
    AccommodationStatus, ContactPreference, Ethnicity, EventOutcome, Gender, PrimarySupportReason, RequesterType,
    RouteOfAccess, YesNoUnknown,
};
use crate::people::conversations::ConversationKind;
use crate::people::network::RelationshipKind;
use crate::people::nhs_number::NhsNumber;
use crate::people::notes::NoteKind;
use crate::people::record::{Address, PersonDetails};
use crate::people::warnings::WarningKind;
use chrono::{DateTime, Days, Duration, NaiveDate, TimeZone, Utc};

/// The demo council's teams: the front door first.
pub const DEMO_TEAMS: &[(&str, bool)] = &[
    ("Front door", true),
    ("North locality team", false),
    ("South locality team", false),
    ("Hospital discharge team", false),
    ("Learning disability team", false),
];

/// The walk-through people's record references, so tests and guides can find them.
pub const JACK_REFERENCE: &str = "P-DEMO-JACK";
pub const HILDA_REFERENCE: &str = "P-DEMO-HLDA";
pub const ADA_REFERENCE: &str = "P-DEMO-ADAK";

/// The demo's usual number of people.
pub const DEMO_PEOPLE: u32 = 1_000;

/// Names common among older residents, on top of the demo staff's names.
const OLDER_GIVEN: &[&str] = &[
    "Ada",
    "Albert",
    "Alice",
    "Arthur",
    "Beryl",
    "Bernard",
    "Brenda",
    "Clifford",
    "Doreen",
    "Dennis",
    "Edith",
    "Ernest",
    "Florence",
    "Frank",
    "Gladys",
    "Harold",
    "Hilda",
    "Irene",
    "Jack",
    "Joan",
    "Kenneth",
    "Lilian",
    "Margaret",
    "Norman",
    "Olive",
    "Percy",
    "Rita",
    "Stanley",
    "Sylvia",
    "Walter",
    "Winifred",
    "Catherine",
    "Elizabeth",
    "William",
    "Robert",
    "Thomas",
    "Patricia",
    "Barbara",
    "Kathleen",
    "Michael",
    "Susan",
    "Graham",
];
const MORE_FAMILY: &[&str] = &[
    "Nettleton",
    "Kilbride",
    "Okafor",
    "Chaudhry",
    "Kowalski",
    "Mistry",
    "Adeyemi",
    "Begum",
    "Nakamura",
    "Fernandes",
    "O'Donnell",
    "McAllister",
    "Pritchard",
    "Stainforth",
    "Turnbull",
    "Wetherby",
    "Armitage",
];

fn given_name(rng: &mut DemoRng) -> &'static str {
    let names = if rng.below(3) == 0 { FIRST_NAMES } else { OLDER_GIVEN };
    rng.pick::<&'static str>(names)
}

fn family_name(rng: &mut DemoRng) -> &'static str {
    let names = if rng.below(3) == 0 { MORE_FAMILY } else { LAST_NAMES };
    rng.pick::<&'static str>(names)
}
const STREETS: &[&str] = &[
    "Alder Close",
    "Beacon Road",
    "Chapel Lane",
    "Dyer Street",
    "Elm Grove",
    "Foundry Walk",
    "Garden Row",
    "Hollin Crescent",
    "Kiln Lane",
    "Larch Avenue",
    "Mill Street",
    "Nursery Road",
    "Orchard Way",
    "Quarry Hill",
    "Ropewalk",
    "Station Road",
    "Tannery Court",
    "Weavers Yard",
];
const TOWNS: &[&str] = &["Wrenfield", "Wrenfield", "Wrenfield", "Hatherby", "Low Moss", "Kettleby"];
const PRACTICES: &[(&str, &str)] = &[
    ("Wrenfield Health Centre", "Q99001"),
    ("Mill Street Surgery", "Q99002"),
    ("Hatherby Medical Practice", "Q99003"),
    ("Low Moss Family Doctors", "Q99004"),
];
const WHAT_MATTERS: &[&str] = &[
    "Staying in my own home, near my garden.",
    "Seeing my grandchildren on Sundays.",
    "Getting to church on Sunday mornings.",
    "Keeping my dog, Biscuit. He keeps me going.",
    "Being able to get out to the shops on my own.",
    "Not being a burden on my daughter.",
    "Going to the memory café on Thursdays with my husband.",
    "Cooking for myself again.",
    "Getting back to work part time.",
    "Having my own place, with my friends nearby.",
];
const STRENGTHS: &[&str] = &[
    "Knows exactly what help she wants and says so. Good friends on the street.",
    "A keen gardener; manages his own medication with a dosette box.",
    "Sharp sense of humour. Uses a tablet to video-call family.",
    "Walks to the corner shop most days with a stick.",
    "Her neighbour pops in every morning; she does the crossword.",
    "Cooks simple meals. Likes routine and copes well with it.",
    "Volunteers at the food bank on Mondays.",
];
const REASONS: &[&str] = &[
    "Had a fall at home last week and is now nervous on the stairs.",
    "Finding it hard to manage washing and dressing since coming out of hospital.",
    "Daughter worried about her memory: leaving the cooker on, missing meals.",
    "Wife has been caring for him and is exhausted; asking what help there is.",
    "Struggling with stairs and the bath; wants to stay at home.",
    "Lonely since his wife died; not going out any more.",
    "GP asking for an assessment: weight loss and not coping.",
    "Hospital discharge: needs help at home for the first weeks.",
    "Carer asking for a break; looking after her son with a learning disability.",
    "Wants to know about day opportunities and getting out more.",
];
const NOTE_LINES: &[&str] = &[
    "Phoned to see how things are. Says the week has gone well and the carers arrive on time.",
    "Home visit. Kitchen tidy, food in the fridge. Talked about what a good day looks like.",
    "Spoke to daughter, who visits three times a week. She would like to know about carers' support.",
    "Occupational therapist's report received: grab rails fitted, shower seat delivered.",
    "Talked through the memory café and befriending; keen to try the café on Thursday.",
    "Review of how the support is working. Happy with it; wants to keep the same carers.",
    "Missed the morning call; the agency explained a staff shortage. Will check next week.",
    "Letter sent confirming what was agreed, in large print as asked.",
    "Met with family to plan around the son's shifts. Everyone agreed the plan.",
    "Said she feels more confident on the stairs since the new rail.",
];
const TASKS: &[&str] = &[
    "Phone to check the equipment arrived",
    "Send the carers' support leaflet to her daughter",
    "Look at how the first week of support went",
    "Ask the GP for the medication list",
    "Book a visit with an interpreter",
];

/// One person in the network, as recorded.
#[derive(Clone, Debug)]
pub struct DemoRelation {
    pub kind: RelationshipKind,
    /// The family's own word, when the demo gives one ("wife").
    pub called: Option<String>,
    pub name: String,
    pub phone: Option<String>,
    pub main_carer: bool,
    pub lives_with: bool,
    pub next_of_kin: bool,
}

#[derive(Clone, Debug)]
pub struct DemoContact {
    pub received_at: DateTime<Utc>,
    pub method: ContactMethod,
    pub urgency: Urgency,
    pub form: ContactForm,
    /// None: still waiting at the front door.
    pub outcome: Option<EventOutcome>,
    /// The team it went to, when it was allocated.
    pub team: Option<usize>,
}

#[derive(Clone, Debug)]
pub struct DemoNote {
    pub happened_at: DateTime<Utc>,
    pub kind: NoteKind,
    pub significant: bool,
    pub body: String,
}

#[derive(Clone, Debug)]
pub struct DemoConversation {
    pub kind: ConversationKind,
    pub started_on: NaiveDate,
    pub review_by: Option<NaiveDate>,
    pub what_matters: String,
    pub urgent_help: Option<String>,
    /// Some: closed on that day.
    pub closed_on: Option<NaiveDate>,
}

/// Who a person is allocated to now: a team, and whether the team's first practitioner (in the
/// demo, the practitioner who signs in) has them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DemoAllocation {
    pub team: usize,
    pub to_first_worker: bool,
    pub since: NaiveDate,
}

#[derive(Clone, Debug)]
pub struct DemoPerson {
    pub number: u32,
    /// A fixed reference for the walk-through people; others get a random one.
    pub reference: Option<&'static str>,
    pub details: PersonDetails,
    pub address: Address,
    /// The address before, and the day they moved.
    pub previous_address: Option<(Address, NaiveDate)>,
    pub what_matters: Option<String>,
    pub strengths: Option<String>,
    pub relations: Vec<DemoRelation>,
    /// Community connections: a demo directory service's number, and what they go for.
    pub connections: Vec<(usize, String)>,
    pub warning: Option<(WarningKind, String)>,
    pub contacts: Vec<DemoContact>,
    pub notes: Vec<DemoNote>,
    pub conversations: Vec<DemoConversation>,
    pub allocation: Option<DemoAllocation>,
    pub task: Option<(String, NaiveDate)>,
    /// A restricted record (someone who also works for the council).
    pub restricted: bool,
}

fn phone(rng: &mut DemoRng, mobile: bool) -> String {
    if mobile { format!("07700 900{:03}", rng.below(1000)) } else { format!("01632 960{:03}", rng.below(1000)) }
}

fn at(day: NaiveDate, rng: &mut DemoRng) -> DateTime<Utc> {
    let time = day.and_hms_opt(9 + rng.below(8) as u32, rng.below(60) as u32, 0).expect("a time in the day");
    Utc.from_utc_datetime(&time)
}

fn address(rng: &mut DemoRng) -> Address {
    Address {
        line_1: format!("{} {}", 1 + rng.below(120), rng.pick(STREETS)),
        line_2: None,
        town: Some((*rng.pick(TOWNS)).to_owned()),
        postcode: Some(rng.pick(DEMO_POSTCODES).postcode.to_owned()),
        uprn: Some(format!("9{:011}", rng.next_u64() % 100_000_000_000)),
        from: None,
        to: None,
    }
}

/// Person `number` of the demo (0-based), as of `today`. Numbers 0 to 2 are the scenarios the
/// demo walks through: Jack Nettleton in a crisis, Hilda Whitlock's restricted record and Ada
/// Kilbride waiting at the front door.
pub fn demo_person(seed: u64, number: u32, today: NaiveDate) -> DemoPerson {
    let mut rng = DemoRng::new(seed ^ 0x5E0_91E ^ (u64::from(number) << 20));
    let years_back = |rng: &mut DemoRng, days: usize| today - Days::new(rng.below(days.max(1)) as u64);
    let age = match rng.below(10) {
        0..=1 => 18 + rng.below(47),
        2..=4 => 65 + rng.below(15),
        _ => 80 + rng.below(20),
    } as i64;
    let born = today - Duration::days(age * 365 + rng.below(365) as i64);
    let female = rng.below(100) < 58;
    let given = given_name(&mut rng).to_owned();
    let family = family_name(&mut rng).to_owned();
    let interpreter = rng.below(25) == 0;
    let practice = *rng.pick(PRACTICES);
    let mobile = rng.below(3) == 0;
    let mut details = PersonDetails {
        given_name: given.clone(),
        family_name: family.clone(),
        date_of_birth: Some(born),
        nhs_number: (rng.below(10) < 8).then(|| NhsNumber::for_testing(number).digits().to_owned()),
        gender: Some(if female { Gender::Female } else { Gender::Male }),
        ethnicity: Some(*rng.pick(Ethnicity::ALL)),
        first_language: Some(if interpreter { (*rng.pick(&["pl", "pa", "gu", "ur"])).to_owned() } else { "en".into() }),
        interpreter_needed: interpreter,
        communication_needs: (rng.below(8) == 0).then(|| "Large print letters, and time to answer".to_owned()),
        contact_preference: Some(*rng.pick(&[ContactPreference::Phone, ContactPreference::Letter])),
        phone: Some(phone(&mut rng, mobile)),
        gp_practice: Some(practice.0.to_owned()),
        gp_practice_code: Some(practice.1.to_owned()),
        primary_support_reason: Some(*rng.pick(PrimarySupportReason::ALL)),
        accommodation_status: Some(*rng.pick(&[
            AccommodationStatus::OwnerOccupier,
            AccommodationStatus::OwnerOccupier,
            AccommodationStatus::SocialTenant,
            AccommodationStatus::PrivateTenant,
        ])),
        dementia: Some(if age > 80 && rng.below(3) == 0 { YesNoUnknown::Yes } else { YesNoUnknown::No }),
        ..Default::default()
    };
    if age > 92 && rng.below(6) == 0 {
        details.date_of_death = Some(years_back(&mut rng, 700));
    }
    let home = address(&mut rng);
    let previous_address = (rng.below(5) == 0).then(|| (address(&mut rng), years_back(&mut rng, 3000)));
    // Most people have a short history; one in ten have ten years of it.
    let long_history = rng.below(10) == 0;
    let span_days = if long_history { 3650 } else { 30 + rng.below(1500) };
    let contact_count = if long_history { 6 + rng.below(8) } else { 1 + rng.below(3) };
    let note_count = if long_history { 60 + rng.below(60) } else { rng.below(12) };
    let mut relations = Vec::new();
    let carer_name = format!("{} {family}", given_name(&mut rng));
    let carer_kind = *rng.pick(&[RelationshipKind::Child, RelationshipKind::Spouse, RelationshipKind::Child]);
    if rng.below(10) < 7 {
        relations.push(DemoRelation {
            kind: carer_kind,
            called: None,
            name: carer_name.clone(),
            phone: Some(phone(&mut rng, true)),
            main_carer: rng.below(2) == 0,
            lives_with: carer_kind == RelationshipKind::Spouse,
            next_of_kin: true,
        });
    }
    if rng.below(2) == 0 {
        relations.push(DemoRelation {
            called: None,
            kind: *rng.pick(&[
                RelationshipKind::Neighbour,
                RelationshipKind::Friend,
                RelationshipKind::FaithOrCommunity,
            ]),
            name: format!("{} {}", given_name(&mut rng), family_name(&mut rng)),
            phone: Some(phone(&mut rng, false)),
            main_carer: false,
            lives_with: false,
            next_of_kin: false,
        });
    }
    let connections = if rng.below(3) == 0 { vec![(rng.below(8), "Goes most weeks".to_owned())] } else { Vec::new() };
    let mut contacts = Vec::new();
    for i in 0..contact_count {
        // Spread across the history, the last one within the last few weeks (and never later
        // than yesterday, since the demo may be loaded early in the day).
        let back = span_days * (contact_count - 1 - i) / contact_count + 1 + rng.below(20);
        let day = today - Days::new(back as u64);
        let by_relative = rng.below(2) == 0;
        let method = *rng.pick(&[
            ContactMethod::Phone,
            ContactMethod::Phone,
            ContactMethod::WebForm,
            ContactMethod::HospitalReferral,
            ContactMethod::GpReferral,
            ContactMethod::Email,
        ]);
        let form = ContactForm {
            for_self: Some(!by_relative),
            given_name: given.clone(),
            family_name: family.clone(),
            date_of_birth: Some(born),
            address: home.line_1.clone(),
            postcode: home.postcode.clone().unwrap_or_default(),
            phone: details.phone.clone().unwrap_or_default(),
            requester_name: if by_relative { carer_name.clone() } else { String::new() },
            requester_relationship: if by_relative {
                carer_kind.inverse().label().to_lowercase()
            } else {
                String::new()
            },
            what_is_happening: (*rng.pick(REASONS)).to_owned(),
            urgency: Some(*rng.pick(&[Urgency::Soon, Urgency::NotUrgent, Urgency::Soon, Urgency::Today])),
            person_knows: Some(Knows::Yes),
            consent: Some(Consent::Agrees),
            method: Some(method),
            requester_type: Some(if by_relative {
                RequesterType::FamilyFriendNeighbour
            } else {
                RequesterType::SelfReferral
            }),
            route_of_access: Some(match method {
                ContactMethod::HospitalReferral => RouteOfAccess::HospitalDischarge,
                _ => RouteOfAccess::Community,
            }),
            ..Default::default()
        };
        contacts.push(DemoContact {
            received_at: at(day, &mut rng),
            method,
            urgency: form.urgency.unwrap_or(Urgency::Soon),
            form,
            outcome: Some(*rng.pick(&[
                EventOutcome::InformationAndAdvice,
                EventOutcome::Assessment,
                EventOutcome::SupportPlanning,
                EventOutcome::Reablement,
            ])),
            team: Some(1 + rng.below(DEMO_TEAMS.len() - 1)),
        });
    }
    let notes: Vec<DemoNote> = (0..note_count)
        .map(|i| {
            let day = today - Days::new((span_days * (note_count - i) / note_count.max(1)) as u64);
            DemoNote {
                happened_at: at(day, &mut rng),
                kind: *rng.pick(&[NoteKind::PhoneCall, NoteKind::Visit, NoteKind::Note, NoteKind::Correspondence]),
                significant: rng.below(6) == 0,
                body: (*rng.pick(NOTE_LINES)).to_owned(),
            }
        })
        .collect();
    // About one in five are allocated now; a third of those to the team's first practitioner.
    let allocation = (rng.below(5) == 0).then(|| DemoAllocation {
        team: 1 + rng.below(DEMO_TEAMS.len() - 1),
        to_first_worker: rng.below(3) == 0,
        since: today - Days::new(rng.below(200) as u64),
    });
    let mut conversations = Vec::new();
    let mut task = None;
    if let Some(a) = allocation {
        conversations.push(DemoConversation {
            kind: ConversationKind::ListenAndConnect,
            started_on: a.since,
            review_by: None,
            what_matters: (*rng.pick(WHAT_MATTERS)).to_owned(),
            urgent_help: None,
            closed_on: None,
        });
        if rng.below(2) == 0 {
            let due = today + Days::new(rng.below(21) as u64) - Days::new(7);
            task = Some(((*rng.pick(TASKS)).to_owned(), due));
        }
    }
    let warning = (rng.below(40) == 0).then(|| {
        (
            *rng.pick(&[WarningKind::Animals, WarningKind::LoneWorking, WarningKind::Hazards]),
            "Two large dogs: ask for them to be shut away before going in.".to_owned(),
        )
    });
    let mut person = DemoPerson {
        number,
        reference: None,
        what_matters: (rng.below(2) == 0).then(|| (*rng.pick(WHAT_MATTERS)).to_owned()),
        strengths: (rng.below(2) == 0).then(|| (*rng.pick(STRENGTHS)).to_owned()),
        details,
        address: home,
        previous_address,
        relations,
        connections,
        warning,
        contacts,
        notes,
        conversations,
        allocation,
        task,
        restricted: false,
    };
    scenario(&mut person, today);
    person
}

/// The people the demo's walk-through is about.
fn scenario(p: &mut DemoPerson, today: NaiveDate) {
    let set_name = |p: &mut DemoPerson, given: &str, family: &str, age: i64| {
        p.details.given_name = given.into();
        p.details.family_name = family.into();
        p.details.date_of_birth = Some(today - Duration::days(age * 365 + 100));
        p.details.date_of_death = None;
        for c in &mut p.contacts {
            c.form.given_name = given.into();
            c.form.family_name = family.into();
            c.form.date_of_birth = p.details.date_of_birth;
        }
    };
    match p.number {
        0 => {
            // Avoid planning long-term in a crisis: his wife, who cares for him, is in hospital.
            set_name(p, "Jack", "Nettleton", 88);
            p.reference = Some(JACK_REFERENCE);
            p.details.gender = Some(Gender::Male);
            p.what_matters =
                Some("Staying at home with Beryl when she is back, and seeing the football on Saturdays.".into());
            p.strengths = Some("Manages his own tablets. His neighbour Derek calls in every day.".into());
            p.relations = vec![
                DemoRelation {
                    kind: RelationshipKind::Spouse,
                    called: Some("wife".into()),
                    name: "Beryl Nettleton".into(),
                    phone: None,
                    main_carer: true,
                    lives_with: true,
                    next_of_kin: true,
                },
                DemoRelation {
                    kind: RelationshipKind::Neighbour,
                    called: None,
                    name: "Derek Oakes".into(),
                    phone: Some("01632 960 412".into()),
                    main_carer: false,
                    lives_with: false,
                    next_of_kin: false,
                },
            ];
            let since = today - Days::new(5);
            p.allocation = Some(DemoAllocation { team: 1, to_first_worker: true, since });
            p.conversations = vec![DemoConversation {
                kind: ConversationKind::Crisis,
                started_on: since,
                review_by: Some(since + Days::new(14)),
                what_matters: "Jack is safe at home while Beryl is in hospital.".into(),
                urgent_help: Some(
                    "Two calls a day for 14 days, started before an assessment (Care Act 2014 section 19(3)).".into(),
                ),
                closed_on: None,
            }];
            p.task = Some(("Phone Beryl's ward about when she is coming home".into(), today + Days::new(2)));
            let note = |days: u64, hour: u32, kind, significant, body: &str| DemoNote {
                happened_at: Utc
                    .from_utc_datetime(&(today - Days::new(days)).and_hms_opt(hour, 15, 0).expect("a time")),
                kind,
                significant,
                body: body.into(),
            };
            p.notes.push(note(5, 10, NoteKind::PhoneCall, true, "Derek phoned: Beryl was taken into hospital last night. Jack is at home alone and does not manage meals without her. Two calls a day started today."));
            p.notes.push(note(4, 14, NoteKind::Visit, false, "Visited Jack at home. He is managing with the calls and wants to stay put. Talked about what matters to him: Beryl, home, the football."));
            p.notes.push(note(
                1,
                11,
                NoteKind::PhoneCall,
                false,
                "Ward says Beryl may be home within the fortnight. Jack is pleased. Calls continue until the review.",
            ));
            p.warning = None;
        }
        1 => {
            // A member of staff who is also supported: her record is restricted.
            set_name(p, "Hilda", "Whitlock", 79);
            p.reference = Some(HILDA_REFERENCE);
            p.details.gender = Some(Gender::Female);
            p.details.dementia = Some(YesNoUnknown::Yes);
            p.restricted = true;
            p.allocation = Some(DemoAllocation { team: 2, to_first_worker: false, since: today - Days::new(40) });
            p.conversations = vec![DemoConversation {
                kind: ConversationKind::ListenAndConnect,
                started_on: today - Days::new(40),
                review_by: None,
                what_matters: "I want my son to stay in my life but not have my card.".into(),
                urgent_help: None,
                closed_on: None,
            }];
        }
        2 => {
            set_name(p, "Ada", "Kilbride", 84);
            p.reference = Some(ADA_REFERENCE);
            p.details.gender = Some(Gender::Female);
            p.allocation = None;
            p.conversations.clear();
            p.task = None;
            if let Some(last) = p.contacts.last_mut() {
                last.outcome = None;
                last.team = None;
                let yesterday = today - Days::new(1);
                last.received_at = Utc.from_utc_datetime(&yesterday.and_hms_opt(9, 40, 0).expect("a time"));
                last.form.what_is_happening =
                    "Her daughter says she can cook only in a lot of pain and needs reminding to wash.".into();
            }
        }
        _ => {}
    }
    // The last contact of anyone allocated now is what brought them in.
    if let (Some(a), Some(last)) = (p.allocation, p.contacts.last_mut()) {
        last.team = Some(a.team);
        last.received_at = last.received_at.min(Utc.from_utc_datetime(&a.since.and_hms_opt(9, 0, 0).expect("a time")));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
    }

    #[test]
    fn the_same_seed_and_number_make_the_same_person() {
        let a = demo_person(7, 42, today());
        let b = demo_person(7, 42, today());
        assert_eq!(a.details, b.details);
        assert_eq!(a.notes.len(), b.notes.len());
        assert_ne!(demo_person(7, 43, today()).details, a.details);
    }

    #[test]
    fn demo_people_pass_the_record_checks_and_are_plainly_made_up() {
        for n in 0..500 {
            let p = demo_person(crate::demo::DEFAULT_SEED, n, today());
            assert!(p.details.check(today()).is_empty(), "{n}: {:?}", p.details.check(today()));
            if let Some(nhs) = &p.details.nhs_number {
                assert!(nhs.starts_with("999"), "{nhs}");
                assert!(NhsNumber::parse(nhs).is_ok());
            }
            assert!(p.address.check().is_empty());
            assert!(
                p.details.phone.as_deref().is_some_and(|t| t.starts_with("01632 960") || t.starts_with("07700 900"))
            );
            for c in &p.contacts {
                assert!(c.received_at.date_naive() <= today());
                assert!(c.received_at.date_naive() >= today() - Days::new(3700));
            }
        }
    }

    #[test]
    fn about_one_in_ten_have_ten_years_of_history() {
        let people: Vec<_> = (0..1000).map(|n| demo_person(1, n, today())).collect();
        let long = people
            .iter()
            .filter(|p| p.notes.first().is_some_and(|n| n.happened_at.date_naive() < today() - Days::new(3000)))
            .count();
        assert!((60..=160).contains(&long), "{long}");
        let allocated = people.iter().filter(|p| p.allocation.is_some()).count();
        assert!((120..=300).contains(&allocated), "{allocated}");
    }

    #[test]
    fn the_walk_through_people_are_there() {
        let jack = demo_person(5, 0, today());
        assert_eq!(jack.details.given_name, "Jack");
        assert_eq!(jack.conversations[0].kind, ConversationKind::Crisis);
        assert!(jack.allocation.unwrap().to_first_worker);
        let hilda = demo_person(5, 1, today());
        assert!(hilda.restricted);
        assert_ne!(hilda.allocation.unwrap().team, jack.allocation.unwrap().team);
        let ada = demo_person(5, 2, today());
        assert!(ada.contacts.last().unwrap().outcome.is_none(), "Ada waits at the front door");
    }
}
