//! The front door: someone gets in touch (a call, an email, the "Ask for help" form, a hospital
//! or GP referral) and it is recorded once: who got in touch and about whom, why, how urgent it
//! is, whether the person knows and agrees (and the lawful reason when sharing without their
//! agreement), the information and advice given, and what happens next.
//!
//! The assessment duty starts when it appears someone may need care and support, whatever their
//! means (Care Act 2014 s9(1) and (3)); information and advice is for everyone (s4). The public
//! form and the staff form are one form, so a phone call and a web request arrive the same way.

use crate::AlreadyDecided;
use crate::Problems;
use crate::ids::{ServiceId, TeamId, UserId};
use crate::people::codes::{ContactPreference, EventOutcome, RequesterType, RouteOfAccess, code_list};
use crate::people::record::{Address, PersonDetails, plausible_phone};
use chrono::NaiveDate;

code_list! {
    ContactMethod {
        Phone => ("phone", "Phone call"),
        Email => ("email", "Email"),
        WebForm => ("web-form", "The council's website"),
        Letter => ("letter", "Letter"),
        InPerson => ("in-person", "In person"),
        HospitalReferral => ("hospital", "Referral from a hospital"),
        GpReferral => ("gp", "Referral from a GP"),
        Professional => ("professional", "Referral from another professional"),
    }
}

code_list! {
    Urgency {
        Today => ("today", "Today: they cannot stay safe or well without help"),
        Soon => ("soon", "In the next few days"),
        NotUrgent => ("not-urgent", "It is not urgent"),
    }
}

code_list! {
    Knows {
        Yes => ("yes", "Yes"),
        No => ("no", "No"),
        NotSure => ("not-sure", "Not sure"),
    }
}

code_list! {
    Consent {
        Agrees => ("agrees", "Yes, they agree"),
        Refuses => ("refuses", "No, they do not agree"),
        CannotDecide => ("cannot-decide", "They cannot decide this for themselves"),
        NotAsked => ("not-asked", "They have not been asked"),
    }
}

code_list! {
    /// Why information may be shared without the person's agreement.
    LawfulReason {
        VitalInterests => ("vital-interests", "To protect their life or someone else's (UK GDPR Article 9(2)(c), vital interests)"),
        Safeguarding => ("safeguarding", "To protect them from abuse or neglect (Data Protection Act 2018, Schedule 1 paragraph 18)"),
        BestInterests => ("best-interests", "In their best interests, as they cannot decide (Mental Capacity Act 2005, section 4)"),
        LegalDuty => ("legal-duty", "The council's duty to assess, or another legal duty (Care Act 2014 section 9)"),
    }
}

code_list! {
    ContactStatus {
        New => ("new", "New"),
        Allocated => ("allocated", "Allocated"),
        Closed => ("closed", "Closed"),
    }
}

/// What the form asks, as typed, from a resident or from staff taking a call.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct ContactForm {
    /// Whether whoever got in touch is asking for themselves.
    pub for_self: Option<bool>,
    /// They look after someone and ask for support as a carer: a carer's assessment, which the
    /// council must offer to any carer who appears to need support (Care Act 2014 s10(1)).
    pub carer: bool,
    pub given_name: String,
    pub family_name: String,
    pub date_of_birth: Option<NaiveDate>,
    pub address: String,
    pub postcode: String,
    pub phone: String,
    pub email: String,
    pub requester_name: String,
    pub requester_relationship: String,
    pub requester_phone: String,
    pub requester_email: String,
    pub what_is_happening: String,
    pub what_would_help: String,
    pub urgency: Option<Urgency>,
    pub person_knows: Option<Knows>,
    pub consent: Option<Consent>,
    pub contact_preference: Option<ContactPreference>,
    // Staff only.
    pub method: Option<ContactMethod>,
    pub requester_type: Option<RequesterType>,
    pub route_of_access: Option<RouteOfAccess>,
    pub lawful_reason: Option<LawfulReason>,
    pub lawful_reason_details: String,
    pub safeguarding_concern: bool,
}

/// Who is filling the form in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Filler {
    Resident,
    Staff,
}

/// A contact form as it is kept: checked, with what a resident is not asked filled in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReceivedContact {
    pub form: ContactForm,
    pub method: ContactMethod,
    pub urgency: Urgency,
}

impl ContactForm {
    /// The form as it is kept, or every problem with it. A resident's own request came by the
    /// web form, from themselves or someone who knows them, and carries no lawful reason (that
    /// is for staff to record).
    pub fn receive(&self, by: Filler, today: NaiveDate) -> Result<ReceivedContact, Problems> {
        let problems = self.check(by, today);
        let mut form = self.clone();
        if by == Filler::Resident {
            form.method = Some(ContactMethod::WebForm);
            form.requester_type = Some(if form.for_self == Some(true) {
                RequesterType::SelfReferral
            } else {
                RequesterType::FamilyFriendNeighbour
            });
            form.lawful_reason = None;
            form.lawful_reason_details.clear();
            form.route_of_access = None;
        }
        match (form.method, form.urgency) {
            (Some(method), Some(urgency)) if problems.is_empty() => Ok(ReceivedContact { form, method, urgency }),
            _ => Err(problems),
        }
    }

    /// Checks the form. Residents are asked less than staff, and never for the lawful reason.
    pub fn check(&self, by: Filler, today: NaiveDate) -> Problems {
        let mut p = Problems::default();
        let staff = by == Filler::Staff;
        let for_self = match (by, self.for_self) {
            (Filler::Resident, None) => {
                p.add("for_self", "Say whether you are asking for yourself or for someone else");
                true
            }
            (_, v) => v.unwrap_or(false),
        };
        if self.family_name.trim().is_empty() {
            p.add(
                "family_name",
                if for_self && !staff {
                    "Enter your last name"
                } else {
                    "Enter the last name of the person who needs help"
                },
            );
        }
        if let Some(dob) = self.date_of_birth
            && dob > today
        {
            p.add("date_of_birth", "Date of birth must be in the past");
        }
        if !self.postcode.trim().is_empty() && crate::directory::postcode::Postcode::parse(&self.postcode).is_err() {
            p.add("postcode", "Enter a real postcode, like QW1 1AA");
        }
        for (field, phone) in [("phone", &self.phone), ("requester_phone", &self.requester_phone)] {
            if !phone.trim().is_empty() && !plausible_phone(phone) {
                p.add(field, "Enter a phone number, like 01632 960 001 or 07700 900 982");
            }
        }
        for (field, email) in [("email", &self.email), ("requester_email", &self.requester_email)] {
            if !email.trim().is_empty() && crate::email::EmailAddress::parse(email).is_err() {
                p.add(field, "Enter an email address in the correct format, like name@example.com");
            }
        }
        let anonymous = self.requester_type == Some(RequesterType::Anonymous);
        if !for_self && !anonymous && self.requester_name.trim().is_empty() {
            p.add(
                "requester_name",
                if staff { "Enter the name of the person who got in touch" } else { "Enter your name" },
            );
        }
        let reachable = [&self.phone, &self.email, &self.address, &self.requester_phone, &self.requester_email]
            .iter()
            .any(|v| !v.trim().is_empty());
        if !reachable && !anonymous {
            p.add(
                if for_self { "phone" } else { "requester_phone" },
                "Give at least one way to get back in touch: a phone number, an email address or an address",
            );
        }
        if self.what_is_happening.trim().is_empty() {
            p.add(
                "what_is_happening",
                if staff { "Enter why they got in touch" } else { "Tell us what is happening, in your own words" },
            );
        }
        if self.what_is_happening.chars().count() > 5_000 {
            p.add("what_is_happening", "Keep this to 5,000 characters or fewer");
        }
        if self.urgency.is_none() {
            p.add("urgency", "Choose how soon help is needed");
        }
        if !for_self {
            if self.person_knows.is_none() {
                p.add("person_knows", "Say whether the person knows about this");
            }
            if staff && self.consent.is_none() {
                p.add("consent", "Say whether the person agrees to the council being contacted");
            }
        }
        if staff {
            if self.method.is_none() {
                p.add("method", "Choose how they got in touch");
            }
            if self.requester_type.is_none() {
                p.add("requester_type", "Choose who got in touch");
            }
            let agreed = for_self || self.consent == Some(Consent::Agrees);
            if !agreed && self.lawful_reason.is_none() {
                p.add(
                    "lawful_reason",
                    "The person has not agreed: choose the lawful reason for recording and sharing this",
                );
            }
            if self.lawful_reason.is_some() && self.lawful_reason_details.trim().is_empty() {
                p.add("lawful_reason_details", "Say briefly why the reason applies");
            }
        }
        p
    }
}

impl ContactForm {
    /// The person record this contact would make, so nothing typed on the call is typed again.
    pub fn person_details(&self) -> PersonDetails {
        let text = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
        PersonDetails {
            given_name: self.given_name.trim().to_owned(),
            family_name: self.family_name.trim().to_owned(),
            date_of_birth: self.date_of_birth,
            phone: text(&self.phone),
            email: text(&self.email),
            contact_preference: self.contact_preference,
            ..Default::default()
        }
    }

    /// The address as typed (lines split at commas or new lines), if one was given.
    pub fn address(&self) -> Option<Address> {
        let mut lines = self.address.split([',', '\n']).map(str::trim).filter(|l| !l.is_empty());
        let line_1 = lines.next()?.to_owned();
        let rest: Vec<&str> = lines.collect();
        let (line_2, town) = match rest.as_slice() {
            [] => (None, None),
            [town] => (None, Some(town.to_string())),
            [middle @ .., town] => (Some(middle.join(", ")), Some(town.to_string())),
        };
        let postcode = crate::directory::postcode::Postcode::parse(&self.postcode).ok().map(|p| p.as_str().to_owned());
        Some(Address { line_1, line_2, town, postcode, ..Default::default() })
    }

    /// The name for lists: the person's, however much of it was given.
    pub fn display_name(&self) -> String {
        format!("{} {}", self.given_name.trim(), self.family_name.trim()).trim().to_owned()
    }
}

/// What the front door decides about a contact.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Triage {
    pub urgency: Option<Urgency>,
    pub outcome: Option<EventOutcome>,
    /// Information and advice given (Care Act 2014 s4), in words.
    pub information_given: String,
    /// Directory services suggested, by id.
    pub services_offered: Vec<ServiceId>,
    pub team: Option<TeamId>,
    pub worker: Option<UserId>,
}

/// What triage decided, once it is complete: the contact closes with its outcome, or the
/// person is allocated to a team (and perhaps a worker) for that outcome.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TriageDecision {
    Close { outcome: EventOutcome },
    Allocate { outcome: EventOutcome, team: TeamId, worker: Option<UserId> },
}

impl ContactStatus {
    /// Triage decides a new contact once: the person is allocated to a team for the outcome
    /// (and a first conversation opened), or the contact closes with the information and advice
    /// given (Care Act 2014 s4). A contact already decided stays as it is.
    pub fn triage(self, decision: &TriageDecision) -> Result<ContactStatus, AlreadyDecided> {
        match (self, decision) {
            (ContactStatus::New, TriageDecision::Allocate { .. }) => Ok(ContactStatus::Allocated),
            (ContactStatus::New, TriageDecision::Close { .. }) => Ok(ContactStatus::Closed),
            (ContactStatus::Allocated | ContactStatus::Closed, _) => Err(AlreadyDecided),
        }
    }
}

impl TriageDecision {
    pub fn outcome(&self) -> EventOutcome {
        match self {
            TriageDecision::Close { outcome } | TriageDecision::Allocate { outcome, .. } => *outcome,
        }
    }
}

impl Triage {
    /// The decision the answers make, or every problem with them.
    pub fn decide(&self) -> Result<TriageDecision, Problems> {
        let mut p = Problems::default();
        let Some(outcome) = self.outcome else {
            return Err(Problems::one("outcome", "Choose what happens next"));
        };
        if outcome == EventOutcome::InformationAndAdvice
            && self.information_given.trim().is_empty()
            && self.services_offered.is_empty()
        {
            p.add("information_given", "Say what information and advice was given, or choose the services suggested");
        }
        let decision = match (outcome.closes(), &self.team) {
            (true, _) => Some(TriageDecision::Close { outcome }),
            (false, Some(team)) => {
                Some(TriageDecision::Allocate { outcome, team: team.clone(), worker: self.worker.clone() })
            }
            (false, None) => {
                p.add("team", "Choose the team that will work with the person");
                None
            }
        };
        match decision {
            Some(decision) if p.is_empty() => Ok(decision),
            _ => Err(p),
        }
    }

    pub fn check(&self) -> Problems {
        self.decide().err().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn triage_decides_a_new_contact_once() {
        let allocate =
            TriageDecision::Allocate { outcome: EventOutcome::Assessment, team: "north".into(), worker: None };
        let close = TriageDecision::Close { outcome: EventOutcome::InformationAndAdvice };
        assert_eq!(ContactStatus::New.triage(&allocate), Ok(ContactStatus::Allocated));
        assert_eq!(ContactStatus::New.triage(&close), Ok(ContactStatus::Closed));
        for decided in [ContactStatus::Allocated, ContactStatus::Closed] {
            assert_eq!(decided.triage(&allocate), Err(AlreadyDecided), "{decided:?} is not triaged again");
            assert_eq!(decided.triage(&close), Err(AlreadyDecided));
        }
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
    }

    fn daughter_calling() -> ContactForm {
        ContactForm {
            for_self: Some(false),
            given_name: "Jack".into(),
            family_name: "Nettleton".into(),
            requester_name: "Ruth Nettleton".into(),
            requester_relationship: "Daughter".into(),
            requester_phone: "07700 900 982".into(),
            what_is_happening: "Mum is in hospital and Dad cannot manage alone".into(),
            urgency: Some(Urgency::Today),
            person_knows: Some(Knows::Yes),
            consent: Some(Consent::Agrees),
            ..Default::default()
        }
    }

    #[test]
    fn a_resident_asking_for_someone_else_says_who_they_are_and_whether_the_person_knows() {
        assert!(daughter_calling().check(Filler::Resident, today()).is_empty());
        let mut f = daughter_calling();
        f.requester_name.clear();
        f.person_knows = None;
        f.requester_phone.clear();
        let p = f.check(Filler::Resident, today());
        assert_eq!(p.get("requester_name"), Some("Enter your name"));
        assert!(p.get("person_knows").is_some());
        assert!(p.get("requester_phone").unwrap().contains("at least one way"));
        // Residents are never asked for a lawful reason.
        assert!(p.get("lawful_reason").is_none());
    }

    #[test]
    fn staff_record_how_and_who_and_the_lawful_reason_without_agreement() {
        let mut f = daughter_calling();
        let p = f.check(Filler::Staff, today());
        assert!(p.get("method").is_some() && p.get("requester_type").is_some());
        f.method = Some(ContactMethod::Phone);
        f.requester_type = Some(RequesterType::FamilyFriendNeighbour);
        assert!(f.check(Filler::Staff, today()).is_empty());
        f.consent = Some(Consent::Refuses);
        assert!(f.check(Filler::Staff, today()).get("lawful_reason").is_some());
        f.lawful_reason = Some(LawfulReason::VitalInterests);
        assert!(f.check(Filler::Staff, today()).get("lawful_reason_details").is_some());
        f.lawful_reason_details = "He has had no food or heating for two days".into();
        assert!(f.check(Filler::Staff, today()).is_empty());
    }

    #[test]
    fn an_anonymous_caller_needs_no_name_or_way_back() {
        let f = ContactForm {
            for_self: Some(false),
            family_name: "Doe".into(),
            what_is_happening: "The man next door has not been seen for a week".into(),
            urgency: Some(Urgency::Today),
            person_knows: Some(Knows::NotSure),
            consent: Some(Consent::NotAsked),
            method: Some(ContactMethod::Phone),
            requester_type: Some(RequesterType::Anonymous),
            lawful_reason: Some(LawfulReason::VitalInterests),
            lawful_reason_details: "Not seen for a week".into(),
            ..Default::default()
        };
        assert!(f.check(Filler::Staff, today()).is_empty(), "{:?}", f.check(Filler::Staff, today()));
    }

    #[test]
    fn a_contact_becomes_a_record_without_retyping() {
        let mut f = daughter_calling();
        f.address = "4 Lantern Row, Little Wren, Wrenfield".into();
        f.postcode = "qw1 1aa".into();
        f.date_of_birth = NaiveDate::from_ymd_opt(1938, 5, 2);
        let details = f.person_details();
        assert_eq!((details.given_name.as_str(), details.family_name.as_str()), ("Jack", "Nettleton"));
        assert_eq!(details.date_of_birth, f.date_of_birth);
        let a = f.address().unwrap();
        assert_eq!(a.line_1, "4 Lantern Row");
        assert_eq!(a.line_2.as_deref(), Some("Little Wren"));
        assert_eq!(a.town.as_deref(), Some("Wrenfield"));
        assert_eq!(a.postcode.as_deref(), Some("QW1 1AA"));
        assert_eq!(f.display_name(), "Jack Nettleton");
    }

    #[test]
    fn triage_says_what_happens_next_and_who_will_do_it() {
        let mut t = Triage::default();
        assert!(t.check().get("outcome").is_some());
        t.outcome = Some(EventOutcome::InformationAndAdvice);
        assert!(t.check().get("information_given").is_some());
        t.services_offered = vec!["s1".into()];
        assert!(t.check().is_empty(), "a closing outcome needs no team");
        t.outcome = Some(EventOutcome::Assessment);
        assert!(t.check().get("team").is_some());
        t.team = Some("north".into());
        assert!(t.check().is_empty());
        // The decision carries what was decided, so nothing after it has to look again.
        assert_eq!(
            t.decide(),
            Ok(TriageDecision::Allocate { outcome: EventOutcome::Assessment, team: "north".into(), worker: None })
        );
        t.outcome = Some(EventOutcome::InformationAndAdvice);
        assert_eq!(t.decide(), Ok(TriageDecision::Close { outcome: EventOutcome::InformationAndAdvice }));
    }

    #[test]
    fn a_residents_request_is_kept_as_one_by_web_form_with_no_lawful_reason() {
        let mut f = daughter_calling();
        f.lawful_reason_details = "typed into a hand-made request".into();
        let kept = f.receive(Filler::Resident, today()).unwrap();
        assert_eq!(kept.method, ContactMethod::WebForm);
        assert_eq!(kept.form.requester_type, Some(RequesterType::FamilyFriendNeighbour));
        assert!(kept.form.lawful_reason.is_none() && kept.form.lawful_reason_details.is_empty());
        assert_eq!(Some(kept.urgency), f.urgency);
        // Incomplete: every problem, and nothing kept.
        f.urgency = None;
        f.family_name.clear();
        let problems = f.receive(Filler::Resident, today()).unwrap_err();
        assert!(problems.get("urgency").is_some() && problems.get("family_name").is_some(), "{problems}");
    }
}
