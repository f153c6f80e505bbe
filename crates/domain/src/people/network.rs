//! The people and things around a person: family, friends and neighbours as typed
//! relationships (each with its inverse, so a daughter's record shows her mother), who cares for
//! them and who lives with them; the groups and services they are part of; and those with legal
//! authority to speak for them, with the document seen.

use super::codes::code_list;
use crate::letters::Addressee;

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

/// What the letter rule needs to know of someone who acts for the person.
pub struct ActingFor<'a> {
    pub name: &'a str,
    pub confirmed: bool,
    /// The person asked for their letters to go to them.
    pub letters_to_them: bool,
    pub address: Vec<String>,
}

/// Where a letter about the person goes: to someone who acts for them when the person asked for
/// that, the authority can be relied on and there is an address to post it to; otherwise to the
/// person at their current address. This is the person's own choice, not a rule of law; a
/// document-based authority counts only once its document has been seen.
pub fn letters_go_to(person: &str, person_address: Vec<String>, acting: &[ActingFor<'_>]) -> Addressee {
    match acting.iter().find(|a| a.letters_to_them && a.confirmed && !a.address.is_empty()) {
        Some(a) => {
            Addressee { to: a.name.to_owned(), address: a.address.clone(), on_behalf_of: Some(person.to_owned()) }
        }
        None => Addressee { to: person.to_owned(), address: person_address, on_behalf_of: None },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_go_to_the_person_unless_they_asked_for_someone_who_can_be_relied_on() {
        let home = vec!["1 High Street".to_owned(), "QW1 1AA".to_owned()];
        let ruth = |confirmed, letters_to_them, address: &[&str]| ActingFor {
            name: "Ruth Ince",
            confirmed,
            letters_to_them,
            address: address.iter().map(|s| (*s).to_owned()).collect(),
        };
        let to = letters_go_to("Ada Ince", home.clone(), &[ruth(true, true, &["2 Low Road", "QW1 2BB"])]);
        assert_eq!(to.to, "Ruth Ince");
        assert_eq!(to.address, vec!["2 Low Road", "QW1 2BB"]);
        assert_eq!(to.on_behalf_of.as_deref(), Some("Ada Ince"));
        // Not asked for, not yet relied on (document unseen), or nowhere to post it: the person.
        for acting in [ruth(true, false, &["2 Low Road"]), ruth(false, true, &["2 Low Road"]), ruth(true, true, &[])] {
            let to = letters_go_to("Ada Ince", home.clone(), &[acting]);
            assert_eq!((to.to.as_str(), to.address.clone(), to.on_behalf_of), ("Ada Ince", home.clone(), None));
        }
    }

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
