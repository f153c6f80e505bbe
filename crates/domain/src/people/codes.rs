//! The code lists a person record and a contact use. Where the national Client Level Data (CLD)
//! return defines a list, the labels here are its Release 2 values, exactly as the return
//! spells them (case matters to its validator), so the return is read off the record. Each list
//! has a short key for storage and forms.
//!
//! Sources: NHS England / DHSC CLD specification Release 2 as used in DHSC's published code
//! (`../shared/reference/reporting.md` §a.4). The request route of access is the Release 1 list
//! (the Release 2 list was not confirmed: VERIFY before the first return).

/// What every code list offers, so forms can list any of them.
pub trait Code: Copy + PartialEq + 'static {
    fn all() -> &'static [Self];
    fn key(self) -> &'static str;
    fn label(self) -> &'static str;
    fn from_key(key: &str) -> Option<Self> {
        Self::all().iter().copied().find(|c| c.key() == key)
    }
}

/// A code list: an enum with a storage key and a label for each value.
macro_rules! code_list {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => ($key:literal, $label:literal)),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The short name kept in the database and sent by forms.
            pub fn key(self) -> &'static str {
                match self { $($name::$variant => $key),+ }
            }

            /// The words people read (for CLD lists, the return's own value).
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            pub fn from_key(key: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|c| c.key() == key)
            }
        }

        impl $crate::people::codes::Code for $name {
            fn all() -> &'static [Self] {
                Self::ALL
            }
            fn key(self) -> &'static str {
                $name::key(self)
            }
            fn label(self) -> &'static str {
                $name::label(self)
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.key())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let key = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(d)?;
                $name::from_key(&key).ok_or_else(|| serde::de::Error::custom(format!("{key:?} is not a {}", stringify!($name))))
            }
        }
    };
}
pub(crate) use code_list;

code_list! {
    /// CLD Ethnicity (21 values).
    Ethnicity {
        WhiteBritish => ("white-british", "White: English, Welsh, Scottish, Northern Irish or British"),
        WhiteIrish => ("white-irish", "White: Irish"),
        WhiteGypsyTraveller => ("white-gypsy-traveller", "White: Gypsy or Irish Traveller"),
        WhiteRoma => ("white-roma", "White: Roma"),
        WhiteOther => ("white-other", "White: Any other White background"),
        MixedWhiteBlackCaribbean => ("mixed-white-black-caribbean", "Mixed or multiple ethnic groups: White and Black Caribbean"),
        MixedWhiteBlackAfrican => ("mixed-white-black-african", "Mixed or multiple ethnic groups: White and Black African"),
        MixedWhiteAsian => ("mixed-white-asian", "Mixed or multiple ethnic groups: White and Asian"),
        MixedOther => ("mixed-other", "Mixed or multiple ethnic groups: Any other Mixed or multiple ethnic background"),
        AsianIndian => ("asian-indian", "Asian or Asian British: Indian"),
        AsianPakistani => ("asian-pakistani", "Asian or Asian British: Pakistani"),
        AsianBangladeshi => ("asian-bangladeshi", "Asian or Asian British: Bangladeshi"),
        AsianChinese => ("asian-chinese", "Asian or Asian British: Chinese"),
        AsianOther => ("asian-other", "Asian or Asian British: Any other Asian background"),
        BlackAfrican => ("black-african", "Black, Black British, Caribbean or African: African"),
        BlackCaribbean => ("black-caribbean", "Black, Black British, Caribbean or African: Caribbean"),
        BlackOther => ("black-other", "Black, Black British, Caribbean or African: Any other Black, Black British or Caribbean background"),
        Arab => ("arab", "Other ethnic group: Arab"),
        OtherEthnicGroup => ("other", "Other ethnic group: Any other ethnic group"),
        Refused => ("refused", "No data: Refused"),
        NotKnown => ("not-known", "No data: Undeclared or not known"),
    }
}

code_list! {
    /// How the person describes their gender. CLD's Gender list has Male, Female and Unknown
    /// (other values unconfirmed), so [`Gender::cld`] maps the rest to Unknown.
    Gender {
        Female => ("female", "Female"),
        Male => ("male", "Male"),
        InAnotherWay => ("another-way", "In another way"),
        NotKnown => ("not-known", "Not known"),
        PreferNotToSay => ("prefer-not-to-say", "Prefers not to say"),
    }
}

impl Gender {
    /// The value for the CLD return.
    pub fn cld(self) -> &'static str {
        match self {
            Gender::Female => "Female",
            Gender::Male => "Male",
            _ => "Unknown",
        }
    }
}

code_list! {
    /// CLD Primary Support Reason (Release 2, 13 values).
    PrimarySupportReason {
        AccessAndMobility => ("access-mobility", "Physical support: Access and mobility only"),
        PersonalCare => ("personal-care", "Physical support: Personal care support"),
        Visual => ("visual", "Sensory support: Support for visual impairment"),
        Hearing => ("hearing", "Sensory support: Support for hearing impairment"),
        DualSensory => ("dual-sensory", "Sensory support: Support for dual impairment"),
        MemoryAndCognition => ("memory-cognition", "Support with memory and cognition"),
        LearningDisability => ("learning-disability", "Learning disability support"),
        MentalHealth => ("mental-health", "Mental health support"),
        SubstanceMisuse => ("substance-misuse", "Social support: Substance misuse support"),
        AsylumSeeker => ("asylum-seeker", "Social support: Asylum seeker support"),
        SocialIsolation => ("social-isolation", "Social support: Support for social isolation or other reason"),
        UnpaidCarer => ("unpaid-carer", "Social support: Support to unpaid carer"),
        Unknown => ("unknown", "Unknown"),
    }
}

code_list! {
    /// CLD Accommodation Status (Release 2, 20 values).
    AccommodationStatus {
        OwnerOccupier => ("owner-occupier", "Owner occupier or shared ownership scheme"),
        SocialTenant => ("social-tenant", "Tenant: Local authority or other social housing provider"),
        PrivateTenant => ("private-tenant", "Tenant: Private landlord"),
        WithFamily => ("with-family", "Settled mainstream housing with family or friends"),
        Supported => ("supported", "Supported accommodation, supported lodgings or supported group home"),
        SharedLives => ("shared-lives", "Shared Lives scheme"),
        ApprovedPremises => ("approved-premises", "Approved premises for offenders released from prison or under probation supervision"),
        Sheltered => ("sheltered", "Sheltered housing, extra care housing or other sheltered housing"),
        MobileTraveller => ("mobile", "Mobile accommodation for Gypsy, Roma and Traveller communities"),
        RoughSleeper => ("rough-sleeper", "Rough sleeper or squatting"),
        Hostel => ("hostel", "Night shelter, emergency hostel or direct access hostel"),
        Refuge => ("refuge", "Refuge"),
        Temporary => ("temporary-council", "Placed in temporary accommodation by the council (inc. homelessness resettlement)"),
        ShortTermGuest => ("short-term-guest", "Staying with family or friends as a short term guest"),
        Hospital => ("hospital", "Acute hospital or long term healthcare residential facility"),
        CareHome => ("care-home", "Registered care home"),
        NursingHome => ("nursing-home", "Registered nursing home"),
        Prison => ("prison", "Prison, young offenders institution or detention centre"),
        OtherTemporary => ("other-temporary", "Other temporary accommodation"),
        Unknown => ("unknown", "Unknown"),
    }
}

code_list! {
    /// CLD Employment Status (7 values).
    EmploymentStatus {
        PaidUnder16 => ("paid-under-16", "Paid: Less than 16 hours a week"),
        Paid16OrMore => ("paid-16-or-more", "Paid: 16 or more hours a week"),
        PaidHoursUnknown => ("paid-hours-unknown", "Paid: Hours per week unknown"),
        SeekingWork => ("seeking-work", "Not in paid employment: Seeking work"),
        NotSeekingOrRetired => ("not-seeking", "Not in paid employment: Not actively seeking work or retired"),
        Voluntary => ("voluntary", "Not in paid employment: Voluntary work only"),
        Unknown => ("unknown", "Unknown"),
    }
}

code_list! {
    /// CLD Visual Impairment.
    VisualImpairment {
        Blind => ("blind", "Blind/severely sight impaired"),
        Partial => ("partial", "Partial sight/sight impaired"),
        None => ("none", "No visual impairment"),
        SeverityUnknown => ("severity-unknown", "Visual impairment - severity unknown"),
        Unknown => ("unknown", "Unknown"),
    }
}

code_list! {
    /// CLD Hearing Impairment.
    HearingImpairment {
        DeafWithSpeech => ("deaf-with-speech", "Deaf with speech"),
        DeafWithoutSpeech => ("deaf-without-speech", "Deaf without speech"),
        HardOfHearing => ("hard-of-hearing", "Hard of hearing"),
        None => ("none", "No hearing impairment"),
        SeverityUnknown => ("severity-unknown", "Hearing impairment: Severity unknown"),
        Unknown => ("unknown", "Unknown"),
    }
}

code_list! {
    /// Yes, no or not known, for CLD's flags (autism, dementia).
    YesNoUnknown {
        Yes => ("yes", "Yes"),
        No => ("no", "No"),
        Unknown => ("unknown", "Not known"),
    }
}

code_list! {
    /// How the person would like to be contacted.
    ContactPreference {
        Phone => ("phone", "Phone call"),
        Text => ("text", "Text message"),
        Email => ("email", "Email"),
        Letter => ("letter", "Letter"),
        Visit => ("visit", "In person"),
        ThroughSomeone => ("through-someone", "Through someone they choose"),
    }
}

code_list! {
    /// CLD Client Type.
    ClientType {
        ServiceUser => ("service-user", "Service user"),
        UnpaidCarer => ("unpaid-carer", "Unpaid carer"),
        CarerByAssociation => ("carer-by-association", "Unpaid carer known by association"),
    }
}

code_list! {
    /// CLD Request: Route of Access. Release 1 values (the Release 2 list is unconfirmed: VERIFY).
    RouteOfAccess {
        Transition => ("transition", "Planned Entry (Transition)"),
        HospitalDischarge => ("hospital-discharge", "Discharge from Hospital"),
        HospitalDiversion => ("hospital-diversion", "Diversion from Hospital Services"),
        DepletedFunds => ("depleted-funds", "Self-funder with depleted funds"),
        DepletedFundsAfterDisregard => ("depleted-funds-after-disregard", "Self-funder with depleted funds (previously 12-week disregard or deferred payment)"),
        Community => ("community", "Community/Other route"),
    }
}

code_list! {
    /// Who got in touch (the Interweave requester types, derived from CLD).
    RequesterType {
        SelfReferral => ("self", "The person themselves"),
        FamilyFriendNeighbour => ("family-friend-neighbour", "Family, a friend or a neighbour"),
        Advocate => ("advocate", "An advocate"),
        Anonymous => ("anonymous", "Someone who would not give their name"),
        PrimaryHealth => ("primary-health", "GP or community health (primary care)"),
        SecondaryHealth => ("secondary-health", "Hospital (secondary health)"),
        Housing => ("housing", "Council housing or a housing association"),
        Legal => ("legal", "Police, court or probation"),
        Internal => ("internal", "Another council team"),
        Portal => ("portal", "The council's website"),
        TrustedAssessor => ("trusted-assessor", "A trusted assessor"),
        IntermediateCare => ("intermediate-care", "Intermediate care"),
        Provider => ("provider", "A care provider"),
        Other => ("other", "Someone else"),
    }
}

code_list! {
    /// CLD Event Outcome (Release 2), in DHSC's hierarchy order (the Release 1 only value left out).
    EventOutcome {
        Reablement => ("reablement", "Progress to reablement/ST-Max"),
        Assessment => ("assessment", "Progress to assessment, review or reassessment"),
        SupportPlanning => ("support-planning", "Progress to support planning or services"),
        Continuation => ("continuation", "Continuation of support or services"),
        AdmittedToHospital => ("admitted-to-hospital", "Admitted to hospital"),
        MovedAuthority => ("nfa-moved", "NFA: Responsibility moved to another local authority"),
        NhsServices => ("nfa-nhs", "NFA: Referral to NHS services or NHS funded social care"),
        SelfFunded => ("nfa-self-funded", "NFA: Self-funded client or under 12wk disregard"),
        InformationAndAdvice => ("nfa-information", "NFA: Information and advice or signposting"),
        OtherCouncilService => ("nfa-other-service", "NFA: Referral to other service within the local authority"),
        SupportDeclined => ("nfa-declined", "NFA: Support declined"),
        Deceased => ("nfa-deceased", "NFA: Deceased"),
        EndedAsPlanned => ("nfa-ended-as-planned", "NFA: Support ended as planned"),
        EndedOther => ("nfa-ended-other", "NFA: Support ended for other reason"),
        NoServicesOther => ("nfa-no-services", "NFA: No services offered for other reason"),
        Other => ("nfa-other", "NFA: Other"),
    }
}

impl EventOutcome {
    /// The outcome in plain words for staff pages (the CLD value stays the stored meaning).
    pub fn plain(self) -> &'static str {
        match self {
            EventOutcome::Reablement => "Short-term help to regain independence (reablement)",
            EventOutcome::Assessment => "Go on to an assessment or review",
            EventOutcome::SupportPlanning => "Go on to planning support or services",
            EventOutcome::Continuation => "Support carries on",
            EventOutcome::AdmittedToHospital => "Admitted to hospital",
            EventOutcome::MovedAuthority => "No further action: another council is responsible",
            EventOutcome::NhsServices => "No further action: passed to NHS services",
            EventOutcome::SelfFunded => "No further action: arranging and paying for their own care",
            EventOutcome::InformationAndAdvice => "No further action: information and advice given",
            EventOutcome::OtherCouncilService => "No further action: passed to another council service",
            EventOutcome::SupportDeclined => "No further action: support declined",
            EventOutcome::Deceased => "No further action: the person has died",
            EventOutcome::EndedAsPlanned => "No further action: support ended as planned",
            EventOutcome::EndedOther => "No further action: support ended for another reason",
            EventOutcome::NoServicesOther => "No further action: no services offered for another reason",
            EventOutcome::Other => "No further action: other reason",
        }
    }

    /// "No further action" outcomes close the contact.
    pub fn closes(self) -> bool {
        self.key().starts_with("nfa-")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_have_the_return_sizes_and_unique_keys() {
        assert_eq!(Ethnicity::ALL.len(), 21);
        assert_eq!(PrimarySupportReason::ALL.len(), 13);
        assert_eq!(AccommodationStatus::ALL.len(), 20);
        assert_eq!(EmploymentStatus::ALL.len(), 7);
        assert_eq!(EventOutcome::ALL.len(), 16);
        fn unique<T: Copy>(all: &[T], key: fn(T) -> &'static str) {
            let mut keys: Vec<&str> = all.iter().map(|c| key(*c)).collect();
            keys.sort_unstable();
            let n = keys.len();
            keys.dedup();
            assert_eq!(keys.len(), n);
        }
        unique(Ethnicity::ALL, Ethnicity::key);
        unique(AccommodationStatus::ALL, AccommodationStatus::key);
        unique(EventOutcome::ALL, EventOutcome::key);
        unique(RequesterType::ALL, RequesterType::key);
    }

    #[test]
    fn keys_round_trip_and_serialise_as_keys() {
        for e in Ethnicity::ALL {
            assert_eq!(Ethnicity::from_key(e.key()), Some(*e));
        }
        assert_eq!(serde_json::to_string(&Gender::InAnotherWay).unwrap(), "\"another-way\"");
        assert_eq!(serde_json::from_str::<Gender>("\"female\"").unwrap(), Gender::Female);
        assert!(serde_json::from_str::<Gender>("\"f\"").is_err());
    }

    #[test]
    fn the_return_gets_its_own_values() {
        assert_eq!(Gender::InAnotherWay.cld(), "Unknown");
        assert_eq!(Gender::Female.cld(), "Female");
        assert_eq!(EventOutcome::InformationAndAdvice.label(), "NFA: Information and advice or signposting");
        assert!(EventOutcome::InformationAndAdvice.closes());
        assert!(!EventOutcome::Assessment.closes());
    }
}
