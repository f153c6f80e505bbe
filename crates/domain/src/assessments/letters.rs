//! The written record of an eligibility determination (Care Act 2014 s13(2)), for the person to
//! keep, and a readability measure for every letter Hearth writes.
//!
//! The letter says what was decided and why in short sentences, names the rule behind each
//! reason, and, when no needs are eligible, gives the information and advice s13(5) requires.

use super::eligibility::{Determination, Regime};
use crate::letters::Addressee;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    pub heading: String,
    pub lines: Vec<String>,
}

pub use crate::letters::LetterHead;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Letter {
    #[serde(default)]
    pub head: LetterHead,
    pub title: String,
    pub greeting: String,
    pub sections: Vec<Section>,
    pub closing: Vec<String>,
    /// The law behind the letter, gathered at its end rather than after each reason.
    #[serde(default)]
    pub law: Vec<String>,
}

impl Letter {
    /// The letter as plain text, for the readability check and for a text copy.
    pub fn text(&self) -> String {
        let mut out = vec![self.title.clone(), self.greeting.clone()];
        for s in &self.sections {
            out.push(s.heading.clone());
            out.extend(s.lines.iter().cloned());
        }
        out.extend(self.closing.iter().cloned());
        out.join("\n\n")
    }

    /// The law behind the letter, as plain text (measured apart: the body is what must be plain).
    pub fn law_text(&self) -> String {
        self.law.join("\n\n")
    }
}

/// What the letter needs besides the determination.
pub struct LetterFacts<'a> {
    pub name: &'a str,
    pub assessed_on: NaiveDate,
    /// The day the letter is written.
    pub written_on: NaiveDate,
    pub reference: &'a str,
    /// Who the letter goes to: the person at their current address, or someone who acts for
    /// them (`people::network::letters_go_to`).
    pub addressee: Addressee,
    pub council: &'a str,
    pub council_address: Vec<String>,
    pub worker: &'a str,
    pub worker_email: &'a str,
    pub phone: &'a str,
    /// s13(5) when not eligible; also given to eligible people when there is any.
    pub advice: &'a str,
}

fn long_date(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

fn sentence(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

pub fn determination_letter(d: &Determination, f: &LetterFacts) -> Letter {
    let carer = d.regime == Regime::Carer;
    let mut sections = Vec::new();
    let decided = match (carer, d.eligible) {
        (false, true) => "We decided that your needs meet the national rules. This means we must help you meet them.",
        (false, false) => {
            "We decided that your needs do not meet the national rules. This means we do not have to meet them."
        }
        (true, true) => {
            "We decided that your needs as a carer meet the national rules. This means we must help you meet them."
        }
        (true, false) => "We decided that your needs as a carer do not meet the national rules.",
    };
    sections.push(Section {
        heading: "What we decided".into(),
        lines: vec![
            format!(
                "On {} we talked with you about your life. This letter says what we found.",
                long_date(f.assessed_on)
            ),
            decided.into(),
        ],
    });
    sections.push(Section {
        heading: "Why we decided this".into(),
        lines: d.reasons.iter().map(|r| r.text.clone()).collect(),
    });
    if !d.unable.is_empty() {
        sections.push(Section {
            heading: "What you find hard".into(),
            lines: d
                .unable
                .iter()
                .map(|u| {
                    let ways: Vec<&str> = u.ways.iter().map(|w| w.plain()).collect();
                    format!("{}: {}.", sentence(&u.plain), ways.join(", and "))
                })
                .collect(),
        });
    }
    if let Some((from, to)) = d.period {
        sections.push(Section {
            heading: "Needs that change".into(),
            lines: vec![format!(
                "Your needs change from day to day. So we looked at how things were from {} to {}.",
                long_date(from),
                long_date(to)
            )],
        });
    }
    if !f.advice.trim().is_empty() {
        sections.push(Section {
            heading: "What could help".into(),
            lines: f.advice.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect(),
        });
    }
    let next = if d.eligible {
        vec![
            format!(
                "{} will work with you on a plan. It will say how your needs will be met and how much it costs.",
                f.worker
            ),
            "You can say who you want to help you make the plan.".into(),
        ]
    } else {
        vec!["If things change, please get in touch. We can look at your needs again.".into()]
    };
    sections.push(Section { heading: "What happens next".into(), lines: next });
    sections.push(Section {
        heading: "If you do not agree".into(),
        lines: vec![
            format!("Please tell us. Call {} on {}, or write to us.", f.worker, f.phone),
            "We will look at it again. You can also make a complaint.".into(),
        ],
    });
    // The law, each rule once, in the order the letter relies on it.
    const REGULATIONS: &str = "the Care and Support (Eligibility Criteria) Regulations 2015";
    let mut law = vec!["Care Act 2014, section 13: we must decide whether your needs meet the national rules, and tell you in writing.".to_owned()];
    let mut cite = |citation: &str| {
        let line = format!("{}, {REGULATIONS}.", sentence(citation));
        if !law.contains(&line) {
            law.push(line);
        }
    };
    for r in &d.reasons {
        cite(&r.citation);
    }
    for u in &d.unable {
        cite(&u.citation);
    }
    if d.period.is_some() {
        cite(if carer { "regulation 3(4)" } else { "regulation 2(4)" });
    }
    if !d.eligible {
        law.push("Care Act 2014, section 13(5): when your needs do not meet the rules, we must tell you what could help, and how to prevent or delay needs.".to_owned());
    }
    Letter {
        head: LetterHead {
            to: f.addressee.to.clone(),
            address: f.addressee.address.clone(),
            on_behalf_of: f.addressee.on_behalf_of.clone(),
            date: Some(f.written_on),
            reference: f.reference.to_owned(),
            from: f.worker.to_owned(),
            phone: f.phone.to_owned(),
            email: f.worker_email.to_owned(),
            council: f.council.to_owned(),
            council_address: f.council_address.clone(),
        },
        law,
        title: if carer {
            "Your carer's assessment: what we decided".into()
        } else {
            "Your assessment: what we decided".into()
        },
        greeting: format!("Dear {},", f.addressee.to),
        sections,
        closing: vec!["The law says we must give you this in writing. Please keep it.".into()],
    }
}

/// How easy a text is to read: the Flesch-Kincaid grade level, as a reading age (grade plus 5).
/// Words and sentences are counted plainly; syllables by vowel groups, a trailing silent "e"
/// dropped. Figures and rule numbers count as one-syllable words.
pub fn reading_age(text: &str) -> f64 {
    let mut words = 0usize;
    let mut syllables = 0usize;
    let mut sentences = 0usize;
    for token in text.split_whitespace() {
        let word: String = token.chars().filter(|c| c.is_alphabetic()).collect();
        if token.chars().any(|c| c.is_alphanumeric()) {
            words += 1;
            syllables += if word.is_empty() { 1 } else { syllables_in(&word.to_lowercase()) };
        }
        if token.ends_with(['.', '!', '?', ':']) || token.ends_with(".)") {
            sentences += 1;
        }
    }
    // Headings and lines without a full stop still end a sentence.
    sentences += text.split("\n\n").filter(|l| !l.trim_end().ends_with(['.', '!', '?', ':', ')', ','])).count();
    if words == 0 {
        return 0.0;
    }
    let sentences = sentences.max(1) as f64;
    let grade = 0.39 * (words as f64 / sentences) + 11.8 * (syllables as f64 / words as f64) - 15.59;
    grade + 5.0
}

fn syllables_in(word: &str) -> usize {
    let vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
    let mut count = 0;
    let mut previous = false;
    for c in word.chars() {
        let v = vowel(c);
        if v && !previous {
            count += 1;
        }
        previous = v;
    }
    if word.len() > 2 && word.ends_with('e') && !word.ends_with("le") && count > 1 {
        count -= 1;
    }
    count.max(1)
}

#[cfg(test)]
mod tests {
    use super::super::eligibility::*;
    use super::super::outcomes::*;
    use super::*;

    fn facts<'a>(advice: &'a str) -> LetterFacts<'a> {
        LetterFacts {
            name: "Ada Kilbride",
            assessed_on: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
            written_on: NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
            reference: "ASM-000123",
            addressee: Addressee {
                to: "Ada Kilbride".into(),
                address: vec!["4 Orchard Row".into(), "Hearthtown".into(), "QW1 2AB".into()],
                on_behalf_of: None,
            },
            council: "Hearthshire Council",
            council_address: vec!["County Hall".into(), "Hearthtown".into(), "QW1 1AA".into()],
            worker: "Priya Shah",
            worker_email: "priya.shah@hearthshire.example",
            phone: "0116 496 0000",
            advice,
        }
    }

    fn ada() -> Determination {
        determine_adult(&AdultFindings {
            impairment: Some(true),
            outcomes: AdultOutcome::ALL
                .iter()
                .map(|o| match o {
                    AdultOutcome::Nutrition => Finding::unable(*o, &[Way::PainDistressAnxiety], ""),
                    AdultOutcome::PersonalHygiene => Finding::unable(*o, &[Way::WithoutHelp], ""),
                    _ => Finding::achieved(*o),
                })
                .collect(),
            significant_impact: Some(true),
            ..AdultFindings::default()
        })
    }

    #[test]
    fn a_letter_the_person_asked_to_go_to_their_attorney_greets_the_attorney_and_says_who_it_is_about() {
        let mut f = facts("");
        f.addressee = Addressee {
            to: "Ruth Kilbride".into(),
            address: vec!["2 Low Road".into(), "QW1 2BB".into()],
            on_behalf_of: Some("Ada Kilbride".into()),
        };
        let letter = determination_letter(&ada(), &f);
        assert_eq!(letter.greeting, "Dear Ruth Kilbride,");
        assert_eq!(letter.head.address, vec!["2 Low Road", "QW1 2BB"]);
        let head = letter.head.lines().join("\n");
        assert!(head.starts_with("Ruth Kilbride\n2 Low Road"), "{head}");
        assert!(head.contains("About: Ada Kilbride"), "{head}");
        assert!(head.contains("it means Ada Kilbride"), "{head}");
    }

    #[test]
    fn section_13_2_the_letter_gives_the_decision_and_each_reason_with_the_law_gathered_at_the_end() {
        let letter = determination_letter(&ada(), &facts(""));
        let text = letter.text();
        assert!(text.contains("Dear Ada Kilbride,"));
        assert!(text.contains("your needs meet the national rules"));
        assert!(!text.contains("(The rule:") && !text.contains("regulation"), "reasons in plain sentences:\n{text}");
        let law = letter.law_text();
        for citation in [
            "Regulation 2(1)(a)",
            "Regulation 2(1)(b)",
            "Regulation 2(1)(c)",
            "Regulation 2(2)(a)",
            "Regulation 2(2)(b)",
        ] {
            assert_eq!(law.matches(citation).count(), 1, "{citation} once in:\n{law}");
        }
        assert!(law.contains("the Care and Support (Eligibility Criteria) Regulations 2015"));
        // A letter that can be posted: to whom and where, when, the reference, and who from.
        let head = &letter.head;
        assert_eq!(head.address, ["4 Orchard Row", "Hearthtown", "QW1 2AB"]);
        assert_eq!(head.date, NaiveDate::from_ymd_opt(2026, 11, 27));
        assert_eq!((head.reference.as_str(), head.from.as_str()), ("ASM-000123", "Priya Shah"));
        assert_eq!(head.email, "priya.shah@hearthshire.example");
        assert_eq!(head.council_address.len(), 3);
        assert!(text.contains(
            "Getting and eating the food and drink you need: doing this on your own causes you a lot of pain"
        ));
        assert!(text.contains("20 November 2026"));
        assert!(law.contains("Care Act 2014, section 13"));
    }

    #[test]
    fn section_13_5_a_not_eligible_letter_carries_the_advice() {
        let mut d = ada();
        d.eligible = false;
        let letter = determination_letter(
            &d,
            &facts("Hearthshire Carers Centre: 0116 496 0123\nA lunch club at St Mark's on Fridays"),
        );
        let help = letter.sections.iter().find(|s| s.heading == "What could help").unwrap();
        assert_eq!(help.lines.len(), 2);
        assert!(letter.text().contains("do not meet the national rules"));
    }

    #[test]
    fn letters_read_at_age_11_or_under() {
        let eligible = determination_letter(&ada(), &facts("")).text();
        let age = reading_age(&eligible);
        assert!(age <= 11.0, "reading age {age:.1}:\n{eligible}");
        let carer = determine_carer(&CarerFindings {
            necessary_care: Some(true),
            health_deteriorating: Some(true),
            outcomes: CarerOutcome::ALL
                .iter()
                .map(|o| {
                    if *o == CarerOutcome::WorkAndLearning {
                        Finding::unable(*o, &[Way::WithoutHelp], "")
                    } else {
                        Finding::achieved(*o)
                    }
                })
                .collect(),
            significant_impact: Some(false),
            ..CarerFindings::default()
        });
        let text = determination_letter(&carer, &facts("The carers' group meets on Mondays at the library.")).text();
        let age = reading_age(&text);
        assert!(age <= 11.0, "reading age {age:.1}:\n{text}");
    }

    #[test]
    fn the_reading_age_measure_tells_plain_from_dense() {
        let plain = "We will help you. Call us if you need to. We are here.";
        let dense = "Notwithstanding the aforementioned considerations, the determination regarding eligibility necessitates comprehensive documentation of individualised functional limitations.";
        assert!(reading_age(plain) < 6.0, "{}", reading_age(plain));
        assert!(reading_age(dense) > 16.0, "{}", reading_age(dense));
        assert_eq!(syllables_in("care"), 1);
        assert_eq!(syllables_in("assessment"), 3);
    }
}
