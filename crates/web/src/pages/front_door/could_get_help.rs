//! "Check if you could get help": one question a page, the answers carried in the page's own
//! address (nothing is stored, no account, no JavaScript), worked out by the eligibility rules
//! the practitioners use (`hearth_domain::assessments::self_check`), and then "Ask for help"
//! with the answers carried over.

use crate::AppState;
use crate::chrome::{Chrome, render};
use crate::errors::AppResult;
use crate::forms::Problems;
use crate::session::Viewer;
use askama::Template;
use axum::Extension;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use hearth_domain::assessments::outcomes::Way;
use hearth_domain::assessments::self_check::{Answers, Question, Who, outcome_questions};

pub const PATH: &str = "/check-if-you-could-get-help";

/// One answer choice on a question page.
pub struct Choice {
    pub value: &'static str,
    pub label: String,
    pub hint: &'static str,
    pub checked: bool,
}

#[derive(Template)]
#[template(path = "front_door/could_get_help.html")]
struct CheckPage {
    chrome: Chrome,
    errors: Problems,
    /// The answers so far, as hidden fields for the next page.
    carried: Vec<(String, String)>,
    back: Option<String>,
    /// The question on this page, if any.
    step: String,
    number: usize,
    of: usize,
    heading: String,
    hint: String,
    /// "radios" or "checkboxes".
    kind: &'static str,
    choices: Vec<Choice>,
    result: Option<Guide>,
}

/// The answer, once every question is answered.
pub struct Guide {
    pub likely: bool,
    pub carer: bool,
    pub reasons: Vec<String>,
    /// What they said they cannot manage, in their words ("keeping yourself clean").
    pub hard: Vec<String>,
    /// The answers in words, carried into "Ask for help".
    pub for_request: String,
}

/// The answers in the address, and the question the page was answering (if it was sent).
fn read(raw: Option<&str>) -> (Answers, Option<String>) {
    let mut a = Answers::default();
    let mut step = None;
    let pairs: Vec<(String, String)> =
        url::form_urlencoded::parse(raw.unwrap_or_default().as_bytes()).into_owned().take(200).collect();
    let yes_no = |v: &str| match v {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    };
    for (k, v) in &pairs {
        match k.as_str() {
            "who" => {
                a.who = match v.as_str() {
                    "me" => Some(Who::Me),
                    "carer" => Some(Who::Carer),
                    _ => None,
                }
            }
            "condition" => a.condition = yes_no(v),
            "health" => a.health = yes_no(v),
            "impact" => a.impact = yes_no(v),
            "step" => step = Some(v.clone()),
            _ => {}
        }
    }
    if let Some(who) = a.who {
        for o in outcome_questions(who) {
            let sent: Vec<&str> =
                pairs.iter().filter(|(k, _)| *k == format!("o-{}", o.key)).map(|(_, v)| v.as_str()).collect();
            if sent.is_empty() {
                continue;
            }
            let ways: Vec<Way> = o.ways.iter().copied().filter(|w| sent.contains(&w.key())).collect();
            // "I manage this", or ways: an answer. Anything else sent is not.
            if sent.contains(&"none") || !ways.is_empty() {
                a.outcomes.push((o.key, if sent.contains(&"none") { Vec::new() } else { ways }));
            }
        }
    }
    (a, step)
}

/// The answers to `questions`, as address pairs.
fn pairs_for(a: &Answers, questions: &[Question]) -> Vec<(String, String)> {
    let yes_no = |b: bool| if b { "yes" } else { "no" }.to_owned();
    let mut out = Vec::new();
    for q in questions {
        match q {
            Question::Who => {
                if let Some(who) = a.who {
                    out.push(("who".into(), if who == Who::Me { "me" } else { "carer" }.into()));
                }
            }
            Question::Condition => out.extend(a.condition.map(|b| ("condition".into(), yes_no(b)))),
            Question::Health => out.extend(a.health.map(|b| ("health".into(), yes_no(b)))),
            Question::Impact => out.extend(a.impact.map(|b| ("impact".into(), yes_no(b)))),
            Question::Outcome(key) => {
                if let Some((_, ways)) = a.outcomes.iter().find(|(k, _)| k == key) {
                    if ways.is_empty() {
                        out.push((q.key(), "none".into()));
                    }
                    out.extend(ways.iter().map(|w| (q.key(), w.key().to_owned())));
                }
            }
        }
    }
    out
}

fn href(pairs: &[(String, String)]) -> String {
    let query = url::form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs).finish();
    if query.is_empty() { PATH.to_owned() } else { format!("{PATH}?{query}") }
}

fn yes_no_choices(current: Option<bool>) -> Vec<Choice> {
    vec![
        Choice { value: "yes", label: "Yes".into(), hint: "", checked: current == Some(true) },
        Choice { value: "no", label: "No".into(), hint: "", checked: current == Some(false) },
    ]
}

/// The way of being unable, as the person would say it of themselves.
fn way_words(w: Way) -> &'static str {
    match w {
        Way::WithoutHelp => "I cannot do this without help, or without being reminded",
        Way::PainDistressAnxiety => "I can do it, but it causes me a lot of pain, distress or worry",
        Way::Endangers => "I can do it, but it puts me or other people at risk",
        Way::TakesLonger => "I can do it, but it takes me much longer than it should",
    }
}

pub async fn check(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    RawQuery(raw): RawQuery,
) -> AppResult<Response> {
    let (a, step) = read(raw.as_deref());
    let next = a.next();
    let questions = a.questions();
    let mut errors = Problems::default();
    // The page was sent without its answer: ask again, saying so.
    if let (Some(q), Some(step)) = (next, &step)
        && *step == q.key()
    {
        let message = match q {
            Question::Who => "Choose who the check is for",
            Question::Outcome(_) => "Choose what is true for you, or \u{201c}No, I manage this\u{201d}",
            _ => "Choose yes or no",
        };
        errors.add(q.key(), message);
    }
    let carer = a.who == Some(Who::Carer);
    let mut page = CheckPage {
        chrome: Chrome::build(&state, &viewer, PATH).await,
        errors,
        carried: Vec::new(),
        back: None,
        step: String::new(),
        number: 0,
        of: questions.len(),
        heading: String::new(),
        hint: String::new(),
        kind: "radios",
        choices: Vec::new(),
        result: None,
    };
    match next {
        Some(q) => {
            let at = questions.iter().position(|x| *x == q).unwrap_or(0);
            page.carried = pairs_for(&a, &questions[..at]);
            page.back = (at > 0).then(|| href(&pairs_for(&a, &questions[..at - 1])));
            page.step = q.key();
            page.number = at + 1;
            match q {
                Question::Who => {
                    page.heading = "Who is the check for?".into();
                    page.hint = "If you are checking for someone else, answer as they would.".into();
                    page.choices = vec![
                        Choice {
                            value: "me",
                            label: "Me: I need care or support".into(),
                            hint: "For example, help to wash, dress, eat, or get out",
                            checked: false,
                        },
                        Choice {
                            value: "carer",
                            label: "Me, as a carer: I look after an adult".into(),
                            hint: "Help for you, so you can go on caring and have a life of your own",
                            checked: false,
                        },
                    ];
                }
                Question::Condition if carer => {
                    page.heading = "Do you look after an adult who needs your help?".into();
                    page.hint = "Because of their illness, disability, age or health. Not as a paid job.".into();
                    page.choices = yes_no_choices(a.condition);
                }
                Question::Condition => {
                    page.heading = "Do you need help because of an illness, a disability or a health condition?".into();
                    page.hint = "It can be of the body or the mind, like a stroke, dementia, or depression.".into();
                    page.choices = yes_no_choices(a.condition);
                }
                Question::Health => {
                    page.heading = "Is caring harming your health, or likely to?".into();
                    page.hint = "Your body or your mind: for example, back pain, no sleep, or feeling low.".into();
                    page.choices = yes_no_choices(a.health);
                }
                Question::Outcome(key) => {
                    let who = if carer { Who::Carer } else { Who::Me };
                    let o = outcome_questions(who).into_iter().find(|o| o.key == key).expect("asked");
                    page.heading = format!("Can you manage {}?", o.plain);
                    page.hint = "Choose all that are true for you.".into();
                    page.kind = "checkboxes";
                    page.choices = o
                        .ways
                        .iter()
                        .map(|w| Choice { value: w.key(), label: way_words(*w).into(), hint: "", checked: false })
                        .collect();
                }
                Question::Impact => {
                    page.heading = if carer {
                        "Does caring have a big effect on your life?".into()
                    } else {
                        "Does this have a big effect on your life?".into()
                    };
                    page.hint = "For example, on your health, your safety, your family and friends, or doing the things that matter to you.".into();
                    page.choices = yes_no_choices(a.impact);
                }
            }
        }
        None => {
            let d = a.determination().expect("every question answered");
            page.back = questions.len().checked_sub(1).map(|n| href(&pairs_for(&a, &questions[..n])));
            page.result = Some(Guide {
                likely: d.eligible,
                carer,
                reasons: d.reasons.iter().map(|r| r.text.clone()).collect(),
                hard: d.unable.iter().map(|u| u.plain.clone()).collect(),
                for_request: a.for_request(),
            });
        }
    }
    let status = if page.errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok((status, render(&page)?).into_response())
}
