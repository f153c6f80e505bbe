//! The outcomes an assessment looks at, and the ways a person can be unable to achieve one.
//!
//! Source: the Care and Support (Eligibility Criteria) Regulations 2015 (SI 2015/313). Adults:
//! regulation 2(2)(a) to (j), ten outcomes, and regulation 2(3)(a) to (d), four ways of being
//! unable. Carers: regulation 3(2)(b)(i) to (viii), eight outcomes, and regulation 3(3)(a) to
//! (c), three ways (there is no "takes significantly longer" for carers). The carers' wording
//! follows SCIE's and councils' summaries of regulation 3 and is marked VERIFY in the research
//! notes (`../shared/reference/case-management.md` §a.4).

use crate::people::codes::code_list;

code_list! {
    /// The ten outcomes of regulation 2(2), in the regulation's order.
    AdultOutcome {
        Nutrition => ("nutrition", "Managing and maintaining nutrition"),
        PersonalHygiene => ("personal-hygiene", "Maintaining personal hygiene"),
        ToiletNeeds => ("toilet-needs", "Managing toilet needs"),
        Clothed => ("clothed", "Being appropriately clothed"),
        HomeSafely => ("home-safely", "Being able to make use of the home safely"),
        HabitableHome => ("habitable-home", "Maintaining a habitable home environment"),
        Relationships => ("relationships", "Developing and maintaining family or other personal relationships"),
        WorkAndLearning => ("work-learning", "Accessing and engaging in work, training, education or volunteering"),
        Community => ("community", "Making use of necessary facilities or services in the local community, including public transport and recreational facilities or services"),
        CaringForChild => ("caring-for-child", "Carrying out any caring responsibilities for a child"),
    }
}

impl AdultOutcome {
    /// The paragraph of regulation 2(2) that names it.
    pub fn regulation(self) -> &'static str {
        match self {
            AdultOutcome::Nutrition => "regulation 2(2)(a)",
            AdultOutcome::PersonalHygiene => "regulation 2(2)(b)",
            AdultOutcome::ToiletNeeds => "regulation 2(2)(c)",
            AdultOutcome::Clothed => "regulation 2(2)(d)",
            AdultOutcome::HomeSafely => "regulation 2(2)(e)",
            AdultOutcome::HabitableHome => "regulation 2(2)(f)",
            AdultOutcome::Relationships => "regulation 2(2)(g)",
            AdultOutcome::WorkAndLearning => "regulation 2(2)(h)",
            AdultOutcome::Community => "regulation 2(2)(i)",
            AdultOutcome::CaringForChild => "regulation 2(2)(j)",
        }
    }

    /// The outcome as the person's letter says it ("you find it hard to ...").
    pub fn plain(self) -> &'static str {
        match self {
            AdultOutcome::Nutrition => "getting and eating the food and drink you need",
            AdultOutcome::PersonalHygiene => "keeping yourself clean",
            AdultOutcome::ToiletNeeds => "using the toilet",
            AdultOutcome::Clothed => "getting dressed in the right clothes",
            AdultOutcome::HomeSafely => "moving around your home safely",
            AdultOutcome::HabitableHome => "keeping your home clean and safe to live in",
            AdultOutcome::Relationships => "keeping up with family and friends",
            AdultOutcome::WorkAndLearning => "going to work, training, school or volunteering",
            AdultOutcome::Community => "using local places, services and transport",
            AdultOutcome::CaringForChild => "caring for a child",
        }
    }
}

code_list! {
    /// The eight outcomes of regulation 3(2)(b) for carers (wording: VERIFY against the
    /// regulation's text before the first letter goes out).
    CarerOutcome {
        CaringForChild => ("caring-for-child", "Carrying out any caring responsibilities the carer has for a child"),
        CaringForOthers => ("caring-for-others", "Providing care to other persons for whom the carer provides care"),
        HabitableHome => ("habitable-home", "Maintaining a habitable home environment in the carer's home"),
        Nutrition => ("nutrition", "Managing and maintaining nutrition"),
        Relationships => ("relationships", "Developing and maintaining family or other personal relationships"),
        WorkAndLearning => ("work-learning", "Engaging in work, training, education or volunteering"),
        Community => ("community", "Making use of necessary facilities or services in the local community, including recreational facilities or services"),
        Recreation => ("recreation", "Engaging in recreational activities"),
    }
}

impl CarerOutcome {
    /// The sub-paragraph of regulation 3(2)(b) that names it.
    pub fn regulation(self) -> &'static str {
        match self {
            CarerOutcome::CaringForChild => "regulation 3(2)(b)(i)",
            CarerOutcome::CaringForOthers => "regulation 3(2)(b)(ii)",
            CarerOutcome::HabitableHome => "regulation 3(2)(b)(iii)",
            CarerOutcome::Nutrition => "regulation 3(2)(b)(iv)",
            CarerOutcome::Relationships => "regulation 3(2)(b)(v)",
            CarerOutcome::WorkAndLearning => "regulation 3(2)(b)(vi)",
            CarerOutcome::Community => "regulation 3(2)(b)(vii)",
            CarerOutcome::Recreation => "regulation 3(2)(b)(viii)",
        }
    }

    pub fn plain(self) -> &'static str {
        match self {
            CarerOutcome::CaringForChild => "caring for a child",
            CarerOutcome::CaringForOthers => "caring for other people you look after",
            CarerOutcome::HabitableHome => "keeping your home clean and safe to live in",
            CarerOutcome::Nutrition => "getting and eating the food and drink you need",
            CarerOutcome::Relationships => "keeping up with family and friends",
            CarerOutcome::WorkAndLearning => "going to work, training, school or volunteering",
            CarerOutcome::Community => "using local places and services",
            CarerOutcome::Recreation => "having time for things you enjoy",
        }
    }
}

code_list! {
    /// The ways an adult is "unable to achieve" an outcome, regulation 2(3). Needing prompting
    /// counts as needing assistance (Care and Support Statutory Guidance, chapter 6).
    Way {
        WithoutHelp => ("without-help", "Cannot do it without help (including prompting)"),
        PainDistressAnxiety => ("pain-distress-anxiety", "Can do it alone, but only with significant pain, distress or anxiety"),
        Endangers => ("endangers", "Can do it alone, but it puts their own or others' health or safety at risk"),
        TakesLonger => ("takes-longer", "Can do it alone, but it takes significantly longer than would normally be expected"),
    }
}

impl Way {
    /// The ways open to carers: regulation 3(3) has no "significantly longer".
    pub const FOR_CARERS: &'static [Way] = &[Way::WithoutHelp, Way::PainDistressAnxiety, Way::Endangers];

    pub fn adult_regulation(self) -> &'static str {
        match self {
            Way::WithoutHelp => "regulation 2(3)(a)",
            Way::PainDistressAnxiety => "regulation 2(3)(b)",
            Way::Endangers => "regulation 2(3)(c)",
            Way::TakesLonger => "regulation 2(3)(d)",
        }
    }

    /// `None` for [`Way::TakesLonger`], which does not count for carers.
    pub fn carer_regulation(self) -> Option<&'static str> {
        match self {
            Way::WithoutHelp => Some("regulation 3(3)(a)"),
            Way::PainDistressAnxiety => Some("regulation 3(3)(b)"),
            Way::Endangers => Some("regulation 3(3)(c)"),
            Way::TakesLonger => None,
        }
    }

    /// For the person's letter.
    pub fn plain(self) -> &'static str {
        match self {
            Way::WithoutHelp => "you cannot do this without help",
            Way::PainDistressAnxiety => "doing this on your own causes you a lot of pain, distress or worry",
            Way::Endangers => "doing this on your own puts you or other people at risk",
            Way::TakesLonger => "doing this on your own takes you much longer than it should",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_regulations_list_ten_adult_and_eight_carer_outcomes() {
        assert_eq!(AdultOutcome::ALL.len(), 10, "regulation 2(2)(a) to (j)");
        assert_eq!(CarerOutcome::ALL.len(), 8, "regulation 3(2)(b)(i) to (viii)");
        assert_eq!(AdultOutcome::Nutrition.regulation(), "regulation 2(2)(a)");
        assert_eq!(AdultOutcome::CaringForChild.regulation(), "regulation 2(2)(j)");
        assert_eq!(CarerOutcome::Recreation.regulation(), "regulation 3(2)(b)(viii)");
    }

    #[test]
    fn carers_have_no_significantly_longer_way() {
        // Regulation 3(3) has three limbs where regulation 2(3) has four.
        assert_eq!(Way::ALL.len(), 4);
        assert!(!Way::FOR_CARERS.contains(&Way::TakesLonger));
        assert_eq!(Way::TakesLonger.carer_regulation(), None);
        assert_eq!(Way::Endangers.carer_regulation(), Some("regulation 3(3)(c)"));
    }
}
