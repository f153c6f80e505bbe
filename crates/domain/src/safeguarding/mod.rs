//! Safeguarding adults (Care Act 2014 ss42 to 47; care and support statutory guidance chapter 14):
//! concerns, the section 42(1) decision, enquiries that Make Safeguarding Personal, and the
//! Safeguarding Adults Collection (SAC) counted from those records.
//!
//! The lists are the SAC's own (NHS England, SAC 2025-26 guidance, "SG2: Case details"), so the
//! national return is a by-product of the records, never re-keyed.

pub mod decision;
pub mod enquiry;
pub mod sac;

use serde::{Deserialize, Serialize};

/// Declares a closed list kept in the database by key, with its plain label.
macro_rules! listed {
    ($(#[$doc:meta])* $name:ident { $($variant:ident => $key:literal, $label:literal;)+ }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "kebab-case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The name kept in the database and sent by forms.
            pub fn key(self) -> &'static str {
                match self { $($name::$variant => $key),+ }
            }

            pub fn from_key(key: &str) -> Option<$name> {
                $name::ALL.iter().copied().find(|v| v.key() == key)
            }

            /// Its place in `ALL`: its row or column in the SAC's tables.
            pub fn index(self) -> usize {
                $name::ALL.iter().position(|v| *v == self).expect("every value is listed")
            }

            /// The words a page shows, as the SAC names it.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }
        }
    };
}

listed! {
    /// The SAC's 11 types of risk: the ten types of abuse and neglect in the statutory guidance
    /// (14.17), with sexual exploitation counted apart.
    RiskType {
        Physical => "physical", "Physical abuse";
        Sexual => "sexual", "Sexual abuse";
        Psychological => "psychological", "Psychological abuse";
        Financial => "financial", "Financial or material abuse";
        Discriminatory => "discriminatory", "Discriminatory abuse";
        Organisational => "organisational", "Organisational abuse";
        Neglect => "neglect", "Neglect and acts of omission";
        Domestic => "domestic", "Domestic abuse";
        SexualExploitation => "sexual-exploitation", "Sexual exploitation";
        ModernSlavery => "modern-slavery", "Modern slavery";
        SelfNeglect => "self-neglect", "Self-neglect";
    }
}

listed! {
    /// Where the risk was (SAC location of risk).
    Location {
        OwnHome => "own-home", "Their own home";
        Community => "community", "In the community (not a community service)";
        CommunityService => "community-service", "In a community service";
        CareHomeNursing => "care-home-nursing", "Care home with nursing";
        CareHomeResidential => "care-home-residential", "Care home without nursing";
        HospitalAcute => "hospital-acute", "Hospital (acute)";
        HospitalMentalHealth => "hospital-mental-health", "Hospital (mental health)";
        HospitalCommunity => "hospital-community", "Hospital (community)";
        Other => "other", "Somewhere else";
    }
}

listed! {
    /// Who the risk came from (SAC source of risk). A service provider is anyone paid,
    /// contracted or commissioned to provide social care, however funded; council, NHS and GP
    /// staff assessing or managing care count as "other".
    Source {
        ServiceProvider => "service-provider", "A service provider";
        KnownToThem => "known", "Someone they know";
        UnknownToThem => "unknown", "Someone they do not know";
    }
}

listed! {
    /// SG2c: what the enquiry found about the risk, and whether action was taken.
    ActionAndResult {
        IdentifiedActionTaken => "identified-action", "Risk identified and action taken";
        IdentifiedNoAction => "identified-no-action", "Risk identified and no action taken";
        InconclusiveActionTaken => "inconclusive-action", "Risk assessment inconclusive and action taken";
        InconclusiveNoAction => "inconclusive-no-action", "Risk assessment inconclusive and no action taken";
        NoneActionTaken => "none-action", "No risk identified and action taken";
        NoneNoAction => "none-no-action", "No risk identified and no action taken";
        CeasedAtRequest => "ceased-at-request", "Enquiry ceased at the adult's request and no action taken";
    }
}

listed! {
    /// SG2e: at the end, for a risk identified and acted on.
    RiskOutcome {
        Remained => "remained", "Risk remained";
        Reduced => "reduced", "Risk reduced";
        Removed => "removed", "Risk removed";
    }
}

listed! {
    /// SG3a: did the adult lack capacity to make decisions about the risk?
    LackedCapacity {
        Yes => "yes", "Yes, they lacked capacity";
        No => "no", "No";
        DontKnow => "dont-know", "Not known";
        NotRecorded => "not-recorded", "Not recorded";
    }
}

listed! {
    /// SG4a, Making Safeguarding Personal: were they asked what they wanted to happen?
    Asked {
        YesExpressed => "yes-expressed", "Yes, and they said what they wanted";
        YesNoneExpressed => "yes-none-expressed", "Yes, but they did not say";
        No => "no", "No";
        DontKnow => "dont-know", "Not known";
        NotRecorded => "not-recorded", "Not recorded";
    }
}

listed! {
    /// SG4a: how far what they wanted was achieved.
    Achieved {
        Fully => "fully", "Fully achieved";
        Partly => "partly", "Partly achieved";
        Not => "not", "Not achieved";
    }
}

/// One risk an enquiry looked into: what kind, where, and from whom.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Risk {
    pub kind: RiskType,
    pub location: Location,
    pub source: Source,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lists_are_the_sacs_and_round_trip_by_key() {
        assert_eq!(RiskType::ALL.len(), 11, "SAC SG2a: 11 types of risk");
        assert_eq!(Location::ALL.len(), 9, "SAC SG2b: 9 locations");
        assert_eq!(Source::ALL.len(), 3, "SAC SG2a: 3 sources");
        assert_eq!(ActionAndResult::ALL.len(), 7, "SAC SG2c: 7 results");
        for t in RiskType::ALL {
            assert_eq!(RiskType::from_key(t.key()), Some(*t));
        }
        for l in Location::ALL {
            assert_eq!(Location::from_key(l.key()), Some(*l));
        }
        assert_eq!(Source::from_key("nobody"), None);
    }
}
