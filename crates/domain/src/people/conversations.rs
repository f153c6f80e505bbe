//! Three Conversations (Partners4Change): 1, listen and connect; 2, work intensively with people
//! in crisis; 3, build a good life (the long-term support). Councils name them their own way,
//! so the labels are settings while the kinds stay fixed.
//!
//! "We avoid planning long-term in a crisis" (Leicester, Our promise): while a Conversation 2 is
//! open, long-term support cannot be agreed for that person unless a team manager overrides it
//! with a reason. A crisis conversation has a date by which it is reviewed, and any urgent help
//! started before an assessment (Care Act 2014 s19(3)) is recorded with it.

use super::codes::code_list;
use crate::Problems;
use chrono::NaiveDate;

code_list! {
    ConversationKind {
        ListenAndConnect => ("1", "Listen and connect"),
        Crisis => ("2", "Work intensively with people in crisis"),
        GoodLife => ("3", "Build a good life"),
    }
}

impl ConversationKind {
    pub fn number(self) -> u8 {
        match self {
            ConversationKind::ListenAndConnect => 1,
            ConversationKind::Crisis => 2,
            ConversationKind::GoodLife => 3,
        }
    }

    /// The setting that renames this conversation.
    pub fn setting_key(self) -> &'static str {
        match self {
            ConversationKind::ListenAndConnect => "conversation_1_label",
            ConversationKind::Crisis => "conversation_2_label",
            ConversationKind::GoodLife => "conversation_3_label",
        }
    }

    /// What Hearth calls it unless the council says otherwise.
    pub fn default_label(self) -> String {
        format!("Conversation {}: {}", self.number(), self.label().to_lowercase())
    }
}

/// The council's names for the three conversations.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConversationLabels(pub [String; 3]);

impl Default for ConversationLabels {
    fn default() -> Self {
        ConversationLabels([
            ConversationKind::ListenAndConnect.default_label(),
            ConversationKind::Crisis.default_label(),
            ConversationKind::GoodLife.default_label(),
        ])
    }
}

impl ConversationLabels {
    pub fn of(&self, kind: ConversationKind) -> &str {
        &self.0[usize::from(kind.number() - 1)]
    }
}

/// How long a crisis conversation may run before its review, unless the council sets another.
pub const DEFAULT_CRISIS_REVIEW_DAYS: i64 = 42;

/// What opening a conversation records.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OpenConversation {
    pub kind: Option<ConversationKind>,
    pub started_on: Option<NaiveDate>,
    /// In the person's words.
    pub what_matters: String,
    /// For a Conversation 2: when it must be looked at again.
    pub review_by: Option<NaiveDate>,
    /// For a Conversation 2: help started now to meet urgent needs, before any assessment or
    /// eligibility decision (Care Act 2014 s19(3)), and for how long.
    pub urgent_help: Option<String>,
}

impl OpenConversation {
    /// Checks a new conversation against the rules, given the council's longest crisis period.
    /// Which conversation it is and the day it started, once it is complete, or every problem.
    pub fn accept(&self, today: NaiveDate, crisis_review_days: i64) -> Result<(ConversationKind, NaiveDate), Problems> {
        let problems = self.check(today, crisis_review_days);
        match (self.kind, self.started_on) {
            (Some(kind), Some(started_on)) if problems.is_empty() => Ok((kind, started_on)),
            _ => Err(problems),
        }
    }

    pub fn check(&self, today: NaiveDate, crisis_review_days: i64) -> Problems {
        let mut p = Problems::default();
        if self.kind.is_none() {
            p.add("kind", "Choose which conversation this is");
        }
        match self.started_on {
            None => p.add("started_on", "Enter the day the conversation started"),
            Some(d) if d > today => p.add("started_on", "The day it started must be today or in the past"),
            _ => {}
        }
        if self.kind == Some(ConversationKind::Crisis) {
            match (self.started_on, self.review_by) {
                (_, None) => p.add("review_by", "Enter the day this crisis work will be reviewed"),
                (Some(start), Some(review)) if review <= start => {
                    p.add("review_by", "The review must be after the day it started")
                }
                (Some(start), Some(review)) if (review - start).num_days() > crisis_review_days => p.add(
                    "review_by",
                    format!(
                        "Crisis work is reviewed within {} weeks: choose a day no later than {}",
                        crisis_review_days / 7,
                        (start + chrono::Duration::days(crisis_review_days)).format("%-d %B %Y")
                    ),
                ),
                _ => {}
            }
        }
        p
    }
}

/// Why long-term support cannot be agreed yet.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LongTermBlocked {
    #[error(
        "a crisis conversation is open until its review on {}: long-term support waits for it, unless a team manager agrees now with a reason",
        review_by.format("%-d %B %Y")
    )]
    CrisisOpen { review_by: NaiveDate },
    #[error("only a team manager can agree long-term support while a crisis conversation is open")]
    NotAManager,
    #[error("give the reason for agreeing long-term support during the crisis")]
    NoReason,
}

/// Whether long-term support (a Conversation 3, and in time a care and support plan) may be
/// agreed now. `open_crisis` is the review date of an open Conversation 2, if there is one.
/// Returns whether an override was used, which the caller must audit.
pub fn may_agree_long_term_support(
    open_crisis: Option<NaiveDate>,
    override_reason: Option<&str>,
    by_team_manager: bool,
) -> Result<bool, LongTermBlocked> {
    let Some(review_by) = open_crisis else { return Ok(false) };
    match override_reason.map(str::trim) {
        None => Err(LongTermBlocked::CrisisOpen { review_by }),
        Some("") => Err(LongTermBlocked::NoReason),
        Some(_) if !by_team_manager => Err(LongTermBlocked::NotAManager),
        Some(_) => Ok(true),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn the_council_names_the_conversations() {
        let labels = ConversationLabels::default();
        assert_eq!(labels.of(ConversationKind::Crisis), "Conversation 2: work intensively with people in crisis");
        let ours = ConversationLabels(["Talk".into(), "Crisis".into(), "Good life".into()]);
        assert_eq!(ours.of(ConversationKind::GoodLife), "Good life");
    }

    #[test]
    fn a_crisis_conversation_needs_a_review_date_within_the_councils_period() {
        let today = day(2026, 12, 1);
        let mut c = OpenConversation {
            kind: Some(ConversationKind::Crisis),
            started_on: Some(today),
            what_matters: "Staying at home with Jack".into(),
            review_by: None,
            urgent_help: Some("Two calls a day for 14 days".into()),
        };
        assert!(c.check(today, 42).get("review_by").is_some());
        c.review_by = Some(day(2026, 12, 15));
        assert!(c.check(today, 42).is_empty());
        c.review_by = Some(day(2027, 2, 1));
        assert_eq!(
            c.check(today, 42).get("review_by"),
            Some("Crisis work is reviewed within 6 weeks: choose a day no later than 12 January 2027")
        );
        // Other conversations need no review date.
        let listen = OpenConversation { kind: Some(ConversationKind::ListenAndConnect), review_by: None, ..c };
        assert!(listen.check(today, 42).is_empty());
    }

    #[test]
    fn long_term_support_waits_while_a_crisis_is_open_unless_a_manager_says_why() {
        // Scenario 11 of the notes: Jack's crisis conversation is open until 15 December.
        let review = day(2026, 12, 15);
        assert_eq!(may_agree_long_term_support(None, None, false), Ok(false));
        assert_eq!(
            may_agree_long_term_support(Some(review), None, false),
            Err(LongTermBlocked::CrisisOpen { review_by: review })
        );
        assert_eq!(
            may_agree_long_term_support(Some(review), Some("Wife will not return home"), false),
            Err(LongTermBlocked::NotAManager)
        );
        assert_eq!(may_agree_long_term_support(Some(review), Some("  "), true), Err(LongTermBlocked::NoReason));
        assert_eq!(may_agree_long_term_support(Some(review), Some("Wife will not return home"), true), Ok(true));
    }
}
