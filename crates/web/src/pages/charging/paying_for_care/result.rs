//! The estimate's answer: a few plain lines first (what you would pay, the main reason, what
//! happens next), then the workings and the law behind "How we worked this out". The person can
//! print it, or email it to themselves with a link that brings their answers back.

use super::{COOKIE_MAX, answers_from_headers, complete, cookie_value, estimate, policy_today, set_answers};
use crate::AppState;
use crate::chrome::{Chrome, render};
use crate::errors::{AppError, AppResult};
use crate::forms::Problems;
use crate::session::Viewer;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use base64::Engine as _;
use hearth_domain::charging::estimate::Answers;
use hearth_domain::charging::money::Pence;
use hearth_domain::charging::plain::why;
use hearth_domain::charging::{Assessment, Effect, NationalFigures, Outcome, Section};
use hearth_domain::email::EmailAddress;
use serde::Deserialize;

/// One section of the workings, as a resident reads it.
pub struct Workings {
    pub heading: &'static str,
    /// What the amounts are: capital is an amount held, everything else is a week's worth.
    pub amount_heading: &'static str,
    pub rows: Vec<WorkingRow>,
}

pub struct WorkingRow {
    pub label: String,
    pub amount: String,
    /// What happened to it, in words ("We leave this out"), or nothing when it simply counts.
    pub treatment: &'static str,
    pub working: Option<String>,
    pub strong: bool,
}

/// Everything the result page and its email say, worked out once.
struct Answer {
    headline: String,
    why: Vec<String>,
    notes: Vec<String>,
    workings: Vec<Workings>,
    law: Vec<String>,
    unconfirmed: bool,
    figures_year: String,
}

pub fn headline(a: &Assessment) -> String {
    match (a.outcome, a.weekly_charge) {
        (Outcome::FullCost, Some(c)) => format!("You would pay the full cost of your care: {c} a week"),
        (Outcome::FullCost, None) => "You would pay the full cost of your care".to_owned(),
        (Outcome::Charge, Some(c)) if c == Pence::ZERO => {
            "You would probably not have to pay anything towards your care".to_owned()
        }
        (Outcome::Charge, Some(c)) => format!("You could pay up to {c} a week towards your care"),
        (Outcome::Charge, None) => "We could not work out an estimate".to_owned(),
    }
}

fn treatment(e: Effect) -> &'static str {
    match e {
        Effect::Disregarded => "We leave this out",
        Effect::Deducted => "We take this off",
        Effect::Counted | Effect::Total | Effect::Result | Effect::Note => "",
    }
}

/// The workings section by section, and the law behind them gathered once, in order of first use.
fn workings(a: &Assessment) -> (Vec<Workings>, Vec<String>) {
    let sections = [Section::Capital, Section::Income, Section::Allowances, Section::Charge]
        .into_iter()
        .map(|s| Workings {
            heading: s.heading(),
            amount_heading: if s == Section::Capital { "Amount" } else { "A week" },
            rows: a
                .lines
                .iter()
                .filter(|l| l.section == s)
                .map(|l| WorkingRow {
                    label: l.label.clone(),
                    amount: l.amount.map(|x| x.to_string()).unwrap_or_default(),
                    treatment: treatment(l.effect),
                    working: l.working.clone(),
                    strong: matches!(l.effect, Effect::Total | Effect::Result),
                })
                .collect::<Vec<_>>(),
        })
        .filter(|s| !s.rows.is_empty())
        .collect();
    let mut law: Vec<String> = Vec::new();
    for line in &a.lines {
        if !line.source.is_empty() && !law.contains(&line.source) {
            law.push(line.source.clone());
        }
    }
    (sections, law)
}

fn answer_of(a: &Assessment, figures: &NationalFigures) -> Answer {
    let mut notes = Vec::new();
    if let Some(ends) = a.property_disregard_ends {
        notes.push(format!("Your home is not counted for your first 12 weeks in the care home, until {}. After that it may count, unless someone who lived there before you moved still lives there. If it does, you may not have to sell it straight away: ask about a deferred payment agreement.", ends.format("%-d %B %Y")));
    }
    if a.home_counted {
        notes.push("As your home counts, you may not have to sell it straight away: you can ask about a deferred payment agreement, where the council pays now and is repaid later, usually when the home is sold.".to_owned());
    }
    let (workings, law) = workings(a);
    Answer {
        headline: headline(a),
        why: why(a, figures),
        notes,
        workings,
        law,
        unconfirmed: !a.unconfirmed_figures.is_empty(),
        figures_year: a.figures_year.clone(),
    }
}

#[derive(Template)]
#[template(path = "charging/paying_for_care_result.html")]
struct ResultPage {
    chrome: Chrome,
    answer: Answer,
    email: String,
    errors: Problems,
    /// The address the estimate was just sent to.
    sent_to: Option<String>,
}

/// The answers, checked complete, worked out: or where to go to finish them.
async fn worked_out(state: &AppState, headers: &HeaderMap) -> AppResult<Result<Answer, Response>> {
    let a = answers_from_headers(headers, state.config.estimate_cookie());
    let (policy, _) = policy_today(state).await?;
    if let Some(missing) = complete(&a, &policy) {
        use super::StepPages as _;
        return Ok(Err(Redirect::to(&missing.path()).into_response()));
    }
    match estimate(state, &a).await? {
        Ok((assessment, figures)) => Ok(Ok(answer_of(&assessment, &figures))),
        Err(problem) => Err(AppError::Internal(problem)),
    }
}

pub async fn result(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    headers: HeaderMap,
) -> AppResult<Response> {
    let answer = match worked_out(&state, &headers).await? {
        Ok(answer) => answer,
        Err(elsewhere) => return Ok(elsewhere),
    };
    render(&ResultPage {
        chrome: Chrome::build(&state, &viewer, "/paying-for-care").await,
        answer,
        email: String::new(),
        errors: Problems::default(),
        sent_to: None,
    })
}

#[derive(Deserialize)]
pub struct EmailForm {
    #[serde(default)]
    email: String,
}

/// The estimate as a plain-text email the person keeps, with a link that brings the answers back.
fn email_text(answer: &Answer, council: &str, resume_link: &str, phone: Option<&str>) -> String {
    let mut out = format!("Here is the estimate you worked out on {council}'s website.\n\n{}.\n", answer.headline);
    out.push_str("This is an estimate, not a bill.\n\n");
    for line in answer.why.iter().chain(&answer.notes) {
        out.push_str(&format!("{line}\n\n"));
    }
    out.push_str("What happens next\n\n");
    out.push_str("1. If you have not already, ask for an assessment of your care needs. It is free.\n");
    out.push_str("2. If you have care needs the council can meet, one of our officers will do a financial assessment with you. They will ask to see papers such as bank statements and award letters.\n");
    out.push_str("3. We write to you with what you will pay, and how we worked it out.\n\n");
    out.push_str(&format!(
        "To see your answers again, change them or ask for a financial assessment, open this link:\n{resume_link}\n\n"
    ));
    out.push_str("Anyone with this email can see your answers through the link, so keep it safe, as you would a bank statement.\n\n");
    if let Some(phone) = phone {
        out.push_str(&format!("If you would rather talk to someone, phone {phone}.\n\n"));
    }
    out.push_str(&format!(
        "We worked this out with the national figures for {} and the council's charging policy. You were sent this because someone asked for it on our website. We have not kept your email address or your answers.\n",
        answer.figures_year
    ));
    out
}

/// Sends the estimate to the address given. As with the shortlist, the address is used once and
/// not kept, and the sending is limited per address and per sender so nobody can be flooded.
pub async fn email(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    headers: HeaderMap,
    Form(form): Form<EmailForm>,
) -> AppResult<Response> {
    let answer = match worked_out(&state, &headers).await? {
        Ok(answer) => answer,
        Err(elsewhere) => return Ok(elsewhere),
    };
    let mut errors = Problems::default();
    let typed = form.email.trim().to_owned();
    if !state.mailer.is_configured() {
        errors
            .add("email", "Sorry, we cannot send email at the moment. Print the estimate or save it as a PDF instead");
    } else if typed.is_empty() {
        errors.add("email", "Enter your email address");
    } else if EmailAddress::parse(&typed).is_err() {
        errors.add("email", "Enter an email address in the right form, like name@example.com");
    } else {
        let now = state.clock.now();
        let to = crate::session::keyed_digest(&state.config.secret_key, "estimate-to", &typed.to_lowercase());
        let from_here = state.store.accounts().take(crate::limits::ESTIMATE_FROM, &viewer.client_addr, now).await?;
        if !from_here || !state.store.accounts().take(crate::limits::ESTIMATE_TO, &to, now).await? {
            errors.add(
                "email",
                "Several estimates have been sent today. Try again tomorrow, or print the estimate instead",
            );
        }
    }
    let chrome = Chrome::build(&state, &viewer, "/paying-for-care").await;
    if errors.is_empty() {
        let a = answers_from_headers(&headers, state.config.estimate_cookie());
        let link = format!("{}/paying-for-care/resume?answers={}", state.public_base(), cookie_value(&a));
        let phone = chrome.contact.phone.as_ref().map(|p| p.shown.as_str());
        let body = email_text(&answer, &chrome.council_name, &link, phone);
        let subject = format!("Your estimate of what you might pay for care, from {}", chrome.council_name);
        if let Err(e) = state.mailer.send(&typed, &subject, body).await {
            tracing::warn!(error = %e, "an estimate email could not be sent");
            errors.add(
                "email",
                "Sorry, we could not send the email just now. Try again later, or print the estimate instead",
            );
        }
    }
    if !errors.is_empty() {
        let page = ResultPage { chrome, answer, email: form.email, errors: errors.clone(), sent_to: None };
        return Ok((crate::forms::status(&errors), render(&page)?).into_response());
    }
    state.store.audit(&viewer.audit(&state), hearth_store::AuditEntry::new("estimate-emailed")).await?;
    render(&ResultPage { chrome, answer, email: String::new(), errors, sent_to: Some(typed) })
}

#[derive(Deserialize)]
pub struct ResumeQuery {
    #[serde(default)]
    answers: String,
}

/// Brings back the answers from an emailed link: they go back into the cookie, and the person
/// lands on "Check your answers" with nothing in the address bar. A link that is damaged or
/// too long starts afresh rather than guess.
pub async fn resume(State(state): State<AppState>, Query(q): Query<ResumeQuery>) -> AppResult<Response> {
    let decoded = (q.answers.len() <= COOKIE_MAX)
        .then(|| base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(&q.answers).ok())
        .flatten()
        .and_then(|bytes| serde_json::from_slice::<Answers>(&bytes).ok());
    match decoded {
        Some(a) if a != Answers::default() => {
            Ok(([(header::SET_COOKIE, set_answers(&state, &a))], Redirect::to("/paying-for-care/check"))
                .into_response())
        }
        _ => Ok(Redirect::to("/paying-for-care?resume=failed").into_response()),
    }
}
