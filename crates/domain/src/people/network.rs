//! The people and things around a person: family, friends and neighbours as typed
//! relationships (each with its inverse, so a daughter's record shows her mother), who cares for
//! them and who lives with them; the groups and services they are part of; and those with legal
//! authority to speak for them, with the document seen.

use super::codes::code_list;

code_list! {
    /// How someone is related to the person whose record this is ("Ruth is Ada's daughter").
    RelationshipKind {
        Spouse => ("spouse", "Husband, wife or civil partner"),
        Partner => ("partner", "Partner"),
        Parent => ("parent", "Parent"),
        Child => ("child", "Son or daughter"),
        Sibling => ("sibling", "Brother or sister"),
        Grandparent => ("grandparent", "Grandparent"),
        Grandchild => ("grandchild", "Grandchild"),
        OtherRelative => ("relative", "Other relative"),
        Friend => ("friend", "Friend"),
        Neighbour => ("neighbour", "Neighbour"),
        FaithOrCommunity => ("community", "Someone from their faith group or community"),
        Other => ("other", "Someone else who matters to them"),
    }
}

impl RelationshipKind {
    /// The same relationship seen from the other side.
    pub fn inverse(self) -> RelationshipKind {
        match self {
            RelationshipKind::Parent => RelationshipKind::Child,
            RelationshipKind::Child => RelationshipKind::Parent,
            RelationshipKind::Grandparent => RelationshipKind::Grandchild,
            RelationshipKind::Grandchild => RelationshipKind::Grandparent,
            other => other,
        }
    }

    /// Which ring of the network picture the relationship sits in: family, friends and
    /// neighbours, community.
    pub fn circle(self) -> Circle {
        match self {
            RelationshipKind::Spouse
            | RelationshipKind::Partner
            | RelationshipKind::Parent
            | RelationshipKind::Child
            | RelationshipKind::Sibling
            | RelationshipKind::Grandparent
            | RelationshipKind::Grandchild
            | RelationshipKind::OtherRelative => Circle::Family,
            RelationshipKind::Friend | RelationshipKind::Neighbour | RelationshipKind::Other => {
                Circle::FriendsAndNeighbours
            }
            RelationshipKind::FaithOrCommunity => Circle::Community,
        }
    }
}

/// The rings of the network picture, from the closest.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Circle {
    Family,
    FriendsAndNeighbours,
    Community,
}

impl Circle {
    pub fn label(self) -> &'static str {
        match self {
            Circle::Family => "Family",
            Circle::FriendsAndNeighbours => "Friends and neighbours",
            Circle::Community => "Groups and services",
        }
    }
}

code_list! {
    /// Legal authority to act for the person.
    Authority {
        LpaHealthAndWelfare => ("lpa-health-welfare", "Lasting power of attorney for health and welfare"),
        LpaPropertyAndFinancial => ("lpa-property-financial", "Lasting power of attorney for property and financial affairs"),
        EnduringPowerOfAttorney => ("epa", "Enduring power of attorney (made before October 2007)"),
        DeputyHealthAndWelfare => ("deputy-health-welfare", "Deputy for personal welfare (Court of Protection)"),
        DeputyPropertyAndAffairs => ("deputy-property-affairs", "Deputy for property and affairs (Court of Protection)"),
        Appointee => ("appointee", "Appointee for benefits (Department for Work and Pensions)"),
        Informal => ("informal", "Speaks for them informally, with their agreement"),
    }
}

impl Authority {
    /// Whether the authority rests on a document staff must see before relying on it (a
    /// registered power, a court order, the DWP's appointment letter).
    pub fn needs_document(self) -> bool {
        self != Authority::Informal
    }

    /// The law it comes from, for the record.
    pub fn source(self) -> &'static str {
        match self {
            Authority::LpaHealthAndWelfare | Authority::LpaPropertyAndFinancial => {
                "Mental Capacity Act 2005, sections 9 to 14"
            }
            Authority::EnduringPowerOfAttorney => "Mental Capacity Act 2005, Schedule 4",
            Authority::DeputyHealthAndWelfare | Authority::DeputyPropertyAndAffairs => {
                "Mental Capacity Act 2005, sections 16 to 20"
            }
            Authority::Appointee => "Social Security (Claims and Payments) Regulations 1987, regulation 33",
            Authority::Informal => "The person's own agreement",
        }
    }
}

/// Whether Hearth may rely on a representative's authority: a document-based authority only once
/// someone has recorded seeing the document, and never after it ended.
pub fn authority_confirmed(authority: Authority, document_seen: bool, ended: bool) -> bool {
    !ended && (document_seen || !authority.needs_document())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relationships_read_both_ways() {
        assert_eq!(RelationshipKind::Parent.inverse(), RelationshipKind::Child);
        assert_eq!(RelationshipKind::Grandchild.inverse(), RelationshipKind::Grandparent);
        assert_eq!(RelationshipKind::Neighbour.inverse(), RelationshipKind::Neighbour);
        for k in RelationshipKind::ALL {
            assert_eq!(k.inverse().inverse(), *k);
        }
        assert_eq!(RelationshipKind::Child.circle(), Circle::Family);
        assert_eq!(RelationshipKind::Neighbour.circle(), Circle::FriendsAndNeighbours);
    }

    #[test]
    fn a_power_of_attorney_counts_only_once_the_document_is_seen() {
        assert!(!authority_confirmed(Authority::LpaHealthAndWelfare, false, false));
        assert!(authority_confirmed(Authority::LpaHealthAndWelfare, true, false));
        assert!(!authority_confirmed(Authority::DeputyPropertyAndAffairs, true, true));
        assert!(authority_confirmed(Authority::Informal, false, false));
        assert!(Authority::DeputyHealthAndWelfare.source().contains("sections 16 to 20"));
    }
}
