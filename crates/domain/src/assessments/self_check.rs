//! "Check if you could get help": a resident or carer answers, one question at a time, the
//! questions the eligibility rules ask, and the same rules the practitioners use
//! ([`determine_adult`], [`determine_carer`]; the Care and Support (Eligibility Criteria)
//! Regulations 2015, regulations 2 and 3) say whether the council is likely to have to help.
//! It is a guide, not a decision: only an assessment (Care Act 2014 sections 9 and 10) decides.

use super::eligibility::{AdultFindings, CarerFindings, Determination, Finding, determine_adult, determine_carer};
use super::outcomes::{AdultOutcome, CarerOutcome, Way};

/// Who the check is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Who {
    /// Someone who needs care and support themselves (regulation 2).
    Me,
    /// A carer of another adult, about their own needs (regulation 3).
    Carer,
}

/// One question of the check, in the order they are asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Question {
    Who,
    /// Regulation 2(1)(a), or for a carer 3(1)(a).
    Condition,
    /// Regulation 3(2)(a): a carer's health.
    Health,
    /// The outcome with this key (regulation 2(2) or 3(2)(b)).
    Outcome(&'static str),
    /// Regulation 2(1)(c), or for a carer 3(1)(c).
    Impact,
}

impl Question {
    /// The key its answer is sent under.
    pub fn key(self) -> String {
        match self {
            Question::Who => "who".into(),
            Question::Condition => "condition".into(),
            Question::Health => "health".into(),
            Question::Outcome(o) => format!("o-{o}"),
            Question::Impact => "impact".into(),
        }
    }
}

/// The answers so far. An outcome answered with no ways means "I manage this".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Answers {
    pub who: Option<Who>,
    pub condition: Option<bool>,
    pub health: Option<bool>,
    pub outcomes: Vec<(&'static str, Vec<Way>)>,
    pub impact: Option<bool>,
}

/// An outcome as the check asks about it.
pub struct OutcomeQuestion {
    pub key: &'static str,
    /// "keeping yourself clean".
    pub plain: &'static str,
    /// The ways of being unable the rules count for this kind of check.
    pub ways: &'static [Way],
}

/// The outcomes asked about, in the regulation's order.
pub fn outcome_questions(who: Who) -> Vec<OutcomeQuestion> {
    match who {
        Who::Me => AdultOutcome::ALL
            .iter()
            .map(|o| OutcomeQuestion { key: o.key(), plain: o.plain(), ways: Way::ALL })
            .collect(),
        Who::Carer => CarerOutcome::ALL
            .iter()
            .map(|o| OutcomeQuestion { key: o.key(), plain: o.plain(), ways: Way::FOR_CARERS })
            .collect(),
    }
}

impl Answers {
    /// Every question this check asks, in order.
    pub fn questions(&self) -> Vec<Question> {
        let mut out = vec![Question::Who];
        let Some(who) = self.who else { return out };
        out.push(Question::Condition);
        if who == Who::Carer {
            out.push(Question::Health);
        }
        out.extend(outcome_questions(who).into_iter().map(|o| Question::Outcome(o.key)));
        out.push(Question::Impact);
        out
    }

    pub fn answered(&self, q: Question) -> bool {
        match q {
            Question::Who => self.who.is_some(),
            Question::Condition => self.condition.is_some(),
            Question::Health => self.health.is_some(),
            Question::Outcome(key) => self.outcomes.iter().any(|(k, _)| *k == key),
            Question::Impact => self.impact.is_some(),
        }
    }

    /// The first question not yet answered, or none when the check is done.
    pub fn next(&self) -> Option<Question> {
        self.questions().into_iter().find(|q| !self.answered(*q))
    }

    /// What the rules say about these answers, once every question is answered.
    pub fn determination(&self) -> Option<Determination> {
        if self.next().is_some() {
            return None;
        }
        let ways =
            |key: &str| self.outcomes.iter().find(|(k, _)| *k == key).map(|(_, w)| w.clone()).unwrap_or_default();
        Some(match self.who? {
            Who::Me => determine_adult(&AdultFindings {
                impairment: self.condition,
                outcomes: AdultOutcome::ALL
                    .iter()
                    .map(|o| Finding { outcome: *o, ways: ways(o.key()), evidence: String::new() })
                    .collect(),
                significant_impact: self.impact,
                ..AdultFindings::default()
            }),
            Who::Carer => determine_carer(&CarerFindings {
                necessary_care: self.condition,
                health_deteriorating: self.health,
                outcomes: CarerOutcome::ALL
                    .iter()
                    .map(|o| Finding { outcome: *o, ways: ways(o.key()), evidence: String::new() })
                    .collect(),
                significant_impact: self.impact,
                ..CarerFindings::default()
            }),
        })
    }

    /// The answers in words a worker reads, to go with a request for help so that nobody asks
    /// the same questions twice.
    pub fn for_request(&self) -> String {
        let Some(d) = self.determination() else { return String::new() };
        let mut lines = vec![format!(
            "I used the check on your website. It said the council is {} to have to help (a guide, not a decision).",
            if d.eligible { "likely" } else { "unlikely" }
        )];
        for u in &d.unable {
            let ways: Vec<&str> = u.ways.iter().map(|w| w.label()).collect();
            lines.push(format!("{}: {}.", u.label, ways.join("; ")));
        }
        if self.who == Some(Who::Carer) && self.health == Some(true) {
            lines.push("Caring is harming my health, or is likely to.".into());
        }
        if self.impact == Some(true) {
            lines.push("This has a big effect on my life.".into());
        }
        lines.join("\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_manage(who: Who) -> Vec<(&'static str, Vec<Way>)> {
        outcome_questions(who).into_iter().map(|o| (o.key, Vec::new())).collect()
    }

    #[test]
    fn the_questions_come_one_at_a_time_in_the_regulations_order() {
        let mut a = Answers::default();
        assert_eq!(a.next(), Some(Question::Who));
        a.who = Some(Who::Me);
        assert_eq!(a.next(), Some(Question::Condition));
        a.condition = Some(true);
        assert_eq!(a.next(), Some(Question::Outcome("nutrition")));
        assert_eq!(a.questions().len(), 1 + 1 + 10 + 1, "ten outcomes for a person (regulation 2(2))");
        a.who = Some(Who::Carer);
        assert_eq!(a.next(), Some(Question::Health));
        assert_eq!(a.questions().len(), 1 + 2 + 8 + 1, "eight outcomes for a carer (regulation 3(2)(b))");
        assert!(a.determination().is_none(), "no answer until every question is answered");
    }

    #[test]
    fn regulation_2_two_outcomes_and_a_big_effect_are_likely_one_is_not() {
        let mut a = Answers {
            who: Some(Who::Me),
            condition: Some(true),
            outcomes: all_manage(Who::Me),
            impact: Some(true),
            ..Answers::default()
        };
        a.outcomes[0].1 = vec![Way::WithoutHelp];
        let one = a.determination().unwrap();
        assert!(!one.eligible, "one outcome is not enough (regulation 2(1)(b))");
        a.outcomes[1].1 = vec![Way::PainDistressAnxiety];
        let two = a.determination().unwrap();
        assert!(two.eligible);
        let request = a.for_request();
        assert!(request.contains("likely to have to help"), "{request}");
        assert!(request.contains("Managing and maintaining nutrition: Cannot do it without help"), "{request}");
        a.condition = Some(false);
        assert!(!a.determination().unwrap().eligible, "the needs must come from a condition (2(1)(a))");
    }

    #[test]
    fn regulation_3_a_carer_whose_health_is_harmed_is_likely_with_a_big_effect() {
        let a = Answers {
            who: Some(Who::Carer),
            condition: Some(true),
            health: Some(true),
            outcomes: all_manage(Who::Carer),
            impact: Some(true),
        };
        assert!(a.determination().unwrap().eligible, "health alone is enough for a carer (3(2)(a))");
        let no_effect = Answers { impact: Some(false), ..a };
        assert!(!no_effect.determination().unwrap().eligible);
    }
}
