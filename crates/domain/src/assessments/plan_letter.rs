//! The care and support plan as a letter the person keeps (Care Act 2014 section 25(9): the
//! council must give them a copy). It says, in their own words first, what matters to them,
//! then how each need is met, what it costs and who pays, what happens if something goes wrong,
//! and when it will be looked at again; the law is gathered at the end.

use super::letters::{Letter, LetterHead, Section};
use crate::charging::money::Pence;
use chrono::NaiveDate;

/// One need in the plan and how it is met.
pub struct NeedInPlan {
    pub label: String,
    /// Other ways it is met: the person, family, community, equipment.
    pub how: String,
    pub services: Vec<String>,
}

/// One service in the plan, in words.
pub struct ServiceInPlan {
    pub what: String,
    pub provider: String,
    pub when: String,
    pub weekly: Pence,
}

/// What the plan's letter says.
pub struct PlanFacts<'a> {
    pub head: LetterHead,
    pub name: &'a str,
    pub carer: bool,
    pub outcomes: &'a str,
    pub needs: Vec<NeedInPlan>,
    pub services: Vec<ServiceInPlan>,
    pub cost: Pence,
    pub person_pays: Pence,
    pub council_pays: Pence,
    /// "£350.00 every 4 weeks, paid to Jack Nettleton", when there is a direct payment.
    pub direct_payment: Option<String>,
    pub contingency: &'a str,
    pub advice: &'a str,
    pub review_by: Option<NaiveDate>,
}

fn long_date(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

fn lines_of(text: &str) -> Vec<String> {
    text.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect()
}

pub fn plan_letter(f: PlanFacts) -> Letter {
    let mut sections = Vec::new();
    if !f.outcomes.trim().is_empty() {
        sections.push(Section { heading: "What matters to you".into(), lines: lines_of(f.outcomes) });
    }
    sections.push(Section {
        heading: if f.carer {
            "Your needs as a carer, and how they will be met"
        } else {
            "Your needs, and how they will be met"
        }
        .into(),
        lines: f
            .needs
            .iter()
            .map(|n| {
                let mut line = format!("{}.", n.label);
                if !n.services.is_empty() {
                    line.push_str(&format!(" Met by: {}.", n.services.join("; ")));
                }
                if !n.how.trim().is_empty() {
                    line.push_str(&format!(" Also: {}.", n.how.trim().trim_end_matches('.')));
                }
                line
            })
            .collect(),
    });
    if !f.services.is_empty() {
        sections.push(Section {
            heading: "Your services".into(),
            lines: f
                .services
                .iter()
                .map(|s| format!("{}, from {}. {}. It costs {} a week.", s.what, s.provider, s.when, s.weekly))
                .collect(),
        });
    }
    let mut money = vec![format!("Meeting your needs costs {} a week. This is your personal budget.", f.cost)];
    money.push(if f.person_pays == Pence::ZERO {
        "You do not pay anything towards it. The council pays it all.".to_owned()
    } else {
        format!("You pay {} a week towards it. The council pays {} a week.", f.person_pays, f.council_pays)
    });
    sections.push(Section { heading: "What it costs, and who pays".into(), lines: money });
    if let Some(dp) = &f.direct_payment {
        sections.push(Section {
            heading: "Your direct payment".into(),
            lines: vec![
                format!("We pay {dp}."),
                "You use it to arrange your own support for the needs it is for. Please keep your receipts.".into(),
            ],
        });
    }
    if !f.contingency.trim().is_empty() {
        sections.push(Section { heading: "If something goes wrong".into(), lines: lines_of(f.contingency) });
    }
    if !f.advice.trim().is_empty() {
        sections.push(Section { heading: "Other things that could help".into(), lines: lines_of(f.advice) });
    }
    let mut next = Vec::new();
    if let Some(by) = f.review_by {
        next.push(format!("We will look at your plan again with you by {}.", long_date(by)));
    }
    next.push("If things change before then, tell us. We can look at it sooner.".into());
    sections.push(Section { heading: "When we will look at it again".into(), lines: next });
    sections.push(Section {
        heading: "If you do not agree".into(),
        lines: vec![
            format!("Please tell us. Call {} on {}, or write to us.", f.head.from, f.head.phone),
            "We will look at it again. You can also make a complaint.".into(),
        ],
    });
    let mut law = vec![
        "Care Act 2014, sections 24 and 25: the plan, what it must say, and that we agree it with you.".to_owned(),
        "Care Act 2014, section 25(9): we must give you a copy of your plan.".to_owned(),
        "Care Act 2014, section 26: your personal budget.".to_owned(),
        "Care Act 2014, section 27: looking at your plan again.".to_owned(),
    ];
    if f.direct_payment.is_some() {
        law.push(
            "Care Act 2014, sections 31 to 33, and the Care and Support (Direct Payments) Regulations 2014.".into(),
        );
    }
    Letter {
        title: if f.carer { "Your support plan as a carer".into() } else { "Your care and support plan".into() },
        greeting: f.head.greeting(),
        head: f.head,
        sections,
        closing: vec!["This is your copy of your plan. Please keep it.".into()],
        law,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessments::letters::reading_age;

    fn facts(direct_payment: bool, person_pays: i64) -> PlanFacts<'static> {
        PlanFacts {
            head: LetterHead {
                to: "Ada Kilbride".into(),
                address: vec!["4 Orchard Row".into(), "QW1 2AB".into()],
                date: NaiveDate::from_ymd_opt(2026, 12, 1),
                reference: "PLN-000042".into(),
                from: "Priya Shah".into(),
                phone: "01632 960 000".into(),
                ..Default::default()
            },
            name: "Ada Kilbride",
            carer: false,
            outcomes: "To stay at home with my cat.\nTo get to the lunch club on Fridays.",
            needs: vec![
                NeedInPlan {
                    label: "Getting and eating the food and drink you need".into(),
                    how: "Her neighbour shops on Saturdays".into(),
                    services: vec!["Home care (Wrenfield Home Care)".into()],
                },
                NeedInPlan { label: "Washing yourself".into(), how: String::new(), services: vec![] },
            ],
            services: vec![ServiceInPlan {
                what: "Home care: help with meals".into(),
                provider: "Wrenfield Home Care".into(),
                when: "From 1 December 2026".into(),
                weekly: Pence::pounds(120),
            }],
            cost: Pence::pounds(120),
            person_pays: Pence::pounds(person_pays),
            council_pays: Pence::pounds(120 - person_pays),
            direct_payment: direct_payment.then(|| "£350.00 every 4 weeks, paid to Ada Kilbride".to_owned()),
            contingency: "If the carer does not come, ring the agency.",
            advice: "Pendant alarm from the telecare team\nWrenfield lunch club",
            review_by: NaiveDate::from_ymd_opt(2027, 3, 1),
        }
    }

    #[test]
    fn section_25_the_plan_letter_says_what_matters_how_needs_are_met_and_who_pays() {
        let letter = plan_letter(facts(false, 30));
        let text = letter.text();
        for expected in [
            "Dear Ada Kilbride,",
            "To stay at home with my cat.",
            "Getting and eating the food and drink you need. Met by: Home care (Wrenfield Home Care). Also: Her neighbour shops on Saturdays.",
            "Meeting your needs costs £120.00 a week.",
            "You pay £30.00 a week towards it. The council pays £90.00 a week.",
            "by 1 March 2027",
            "Call Priya Shah on 01632 960 000",
        ] {
            assert!(text.contains(expected), "{expected} in:\n{text}");
        }
        assert!(!text.contains("Care Act"), "the law is gathered at the end, not in the text");
        assert!(letter.law.iter().any(|l| l.contains("section 25(9)")));
        assert!(!letter.law.iter().any(|l| l.contains("Direct Payments")));
        // Advice item by item, not run together.
        let help = letter.sections.iter().find(|s| s.heading == "Other things that could help").unwrap();
        assert_eq!(help.lines, ["Pendant alarm from the telecare team", "Wrenfield lunch club"]);
    }

    #[test]
    fn a_direct_payment_and_a_plan_paid_in_full_by_the_council_are_said_so() {
        let letter = plan_letter(facts(true, 0));
        let text = letter.text();
        assert!(text.contains("We pay £350.00 every 4 weeks, paid to Ada Kilbride."));
        assert!(text.contains("You do not pay anything towards it."));
        assert!(letter.law.iter().any(|l| l.contains("Direct Payments")));
    }

    #[test]
    fn the_plan_letter_reads_at_age_11_or_under() {
        let text = plan_letter(facts(true, 30)).text();
        let age = reading_age(&text);
        println!("plan letter: reading age {age:.1}");
        assert!(age <= 11.0, "reading age {age:.1}:\n{text}");
    }
}
