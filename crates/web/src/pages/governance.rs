//! For the information governance lead: broken glass to review, restricted records and access
//! granted to them, who has looked at a record, and subject access requests with the person's
//! whole record put together for them.

use crate::AppState;
use crate::chrome::{Chrome, render};
use crate::errors::{AppError, AppResult};
use crate::forms::{Problems, parse_uk_date, uk_time};
use crate::pages::people::search::{HitView, hit_view};
use crate::pages::people::{long_date, today};
use crate::session::Viewer;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use hearth_store::people::search::PersonQuery;
use hearth_store::{GrantId, PersonId, SubjectAccessId, UserId};
use serde::Deserialize;
use std::collections::HashMap;

pub struct GlassRow {
    pub id: GrantId,
    pub person_id: String,
    pub person: String,
    pub who: String,
    pub when: String,
    pub reason: String,
    pub viewed: usize,
}

pub struct SarRow {
    pub id: SubjectAccessId,
    pub reference: String,
    pub person_id: String,
    pub person: String,
    pub received: String,
    pub due: String,
    pub late: bool,
    pub extended: bool,
    pub open: bool,
}

/// Finding a record: by its reference, or by name and date of birth.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct FindForm {
    pub reference: String,
    pub name: String,
    pub date_of_birth: String,
}

#[derive(Template)]
#[template(path = "governance/governance.html")]
struct HomePage {
    chrome: Chrome,
    glass: Vec<GlassRow>,
    requests: Vec<SarRow>,
    f: FindForm,
    hits: Vec<HitView>,
    searched: bool,
    errors: Problems,
}

async fn person_name(state: &AppState, id: &PersonId) -> AppResult<String> {
    Ok(state.store.people().person_heading(id).await.map(|h| format!("{} ({})", h.0, h.1)).unwrap_or_default())
}

fn sar_row(
    s: hearth_store::people::subject_access::SubjectAccessRequest,
    person: String,
    today: chrono::NaiveDate,
) -> SarRow {
    SarRow {
        late: s.open && s.due_on < today,
        received: long_date(s.received_on),
        due: long_date(s.due_on),
        extended: s.extended,
        open: s.open,
        id: s.id,
        reference: s.reference,
        person_id: s.person_id.to_string(),
        person,
    }
}

pub async fn home(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Query(f): Query<FindForm>,
) -> AppResult<Response> {
    let names: HashMap<String, String> =
        state.store.accounts().users().await?.into_iter().map(|u| (u.id.to_string(), u.name)).collect();
    let mut glass = Vec::new();
    for g in state.store.people().grants(None, true).await? {
        let viewed = state
            .store
            .people()
            .person_audit(std::slice::from_ref(&g.person_id))
            .await?
            .iter()
            .filter(|e| {
                e.action == "person-viewed"
                    && e.actor_user_id.as_deref() == Some(g.user_id.as_str())
                    && e.basis.as_deref() == Some("break-glass")
            })
            .count();
        glass.push(GlassRow {
            person: person_name(&state, &g.person_id).await?,
            who: names.get(g.user_id.as_str()).cloned().unwrap_or_default(),
            when: uk_time(g.granted_at),
            reason: g.reason,
            viewed,
            id: g.id,
            person_id: g.person_id.to_string(),
        });
    }
    let today = today(&state);
    let mut requests = Vec::new();
    for s in state.store.people().subject_access_requests(None).await? {
        let person = person_name(&state, &s.person_id).await?;
        requests.push(sar_row(s, person, today));
    }
    let mut errors = Problems::default();
    let q = PersonQuery {
        name: Some(f.name.trim().to_owned()).filter(|n| !n.is_empty()),
        date_of_birth: match f.date_of_birth.trim() {
            "" => None,
            d => parse_uk_date(d).or_else(|| {
                errors.add("date_of_birth", "Enter a date of birth like 14/03/1941");
                None
            }),
        },
        ..Default::default()
    };
    let reference = f.reference.trim().to_ascii_uppercase();
    let mut hits = Vec::new();
    if !reference.is_empty() {
        if let Some(id) = state.store.people().person_by_reference(&reference).await? {
            return Ok(Redirect::to(&format!("/governance/people/{id}")).into_response());
        }
        errors.add("reference", "No record has that reference");
    } else if !q.is_empty() && errors.is_empty() {
        hits = state.store.people().search_people(&q, 30).await?.into_iter().map(hit_view).collect();
        state
            .store
            .audit(
                &viewer.audit(&state),
                hearth_store::AuditEntry::new("people-searched")
                    .details(serde_json::json!({"name": q.name, "by": "governance"})),
            )
            .await?;
    }
    let searched = !q.is_empty() || !reference.is_empty();
    let status = crate::forms::status(&errors);
    let page = HomePage {
        chrome: Chrome::build(&state, &viewer, "/governance").await,
        glass,
        requests,
        f,
        hits,
        searched,
        errors,
    };
    Ok((status, render(&page)?).into_response())
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct ReviewForm {
    pub appropriate: String,
    pub note: String,
}

pub async fn review(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path(grant): Path<GrantId>,
    Form(f): Form<ReviewForm>,
) -> AppResult<Response> {
    let appropriate = match f.appropriate.as_str() {
        "yes" => true,
        "no" => false,
        _ => return Ok(Redirect::to("/governance").into_response()),
    };
    match state.store.people().review_break_glass(&viewer.audit(&state), &grant, appropriate, &f.note).await {
        Ok(()) | Err(hearth_store::StoreError::AlreadyDecided) => Ok(Redirect::to("/governance").into_response()),
        Err(hearth_store::StoreError::Refused(_)) => Ok(Redirect::to("/governance?review=note-needed").into_response()),
        Err(e) => Err(e.into()),
    }
}

pub struct LogRow {
    pub when: String,
    pub who: String,
    pub what: String,
    pub basis: String,
    pub reason: String,
}

pub struct GrantView {
    pub id: GrantId,
    pub who: String,
    pub kind: &'static str,
    pub reason: String,
    pub until: String,
    pub live: bool,
}

#[derive(Template)]
#[template(path = "governance/governance_person.html")]
struct PersonPage {
    chrome: Chrome,
    id: String,
    name: String,
    reference: String,
    restricted: bool,
    restricted_reason: String,
    grants: Vec<GrantView>,
    log: Vec<LogRow>,
    requests: Vec<SarRow>,
    errors: Problems,
    staff: Vec<(String, String)>,
}

/// The audit log's actions in plain words.
pub fn action_words(action: &str) -> String {
    match action {
        "person-viewed" => "Opened the record".into(),
        "person-created" => "Made the record".into(),
        "person-details-changed" => "Changed their details".into(),
        "person-story-changed" => "Changed what matters to them".into(),
        "person-access-refused" => "Tried to open the record, without a reason to".into(),
        "break-glass" => "Broke the glass".into(),
        "break-glass-reviewed" => "Reviewed broken glass".into(),
        "access-granted" => "Gave someone access".into(),
        "access-revoked" => "Ended someone's access".into(),
        "note-added" => "Wrote a note".into(),
        "note-corrected" => "Corrected a note".into(),
        "note-entered-in-error" => "Marked a note as entered in error".into(),
        "contact-recorded" => "Recorded a contact".into(),
        "contact-viewed" => "Looked at a contact".into(),
        "contact-matched" => "Matched a contact to the record".into(),
        "contact-triaged" => "Decided what happens after a contact".into(),
        "person-allocated" => "Allocated them".into(),
        "conversation-opened" => "Started a conversation".into(),
        "conversation-closed" => "Closed a conversation".into(),
        "crisis-override" => "Agreed long-term support during a crisis".into(),
        "subject-access-export" => "Put the whole record together for subject access".into(),
        other => other.replace('-', " "),
    }
}

async fn person_page(state: &AppState, viewer: &Viewer, id: &PersonId, errors: Problems) -> AppResult<PersonPage> {
    let (name, reference, restricted, _) = state.store.people().person_heading(id).await?;
    let restricted_reason = state
        .store
        .people()
        .open_person(&viewer.audit(state), id, "governance", "governance")
        .await?
        .restricted_reason
        .unwrap_or_default();
    let users = state.store.accounts().users().await?;
    let names: HashMap<String, String> = users.iter().map(|u| (u.id.to_string(), u.name.clone())).collect();
    let now = state.clock.now();
    let grants = state
        .store
        .people()
        .grants(Some(id), false)
        .await?
        .into_iter()
        .rev()
        .map(|g| GrantView {
            live: g.revoked_at.is_none() && g.until.is_none_or(|u| u > now),
            who: g.user_name,
            kind: if g.break_glass { "Broke the glass" } else { "Granted" },
            until: g.until.map(uk_time).unwrap_or_else(|| "Until ended".into()),
            reason: g.reason,
            id: g.id,
        })
        .collect();
    let ids = state.store.people().record_and_merged(id).await?;
    let log = state
        .store
        .people()
        .person_audit(&ids)
        .await?
        .into_iter()
        .map(|e| LogRow {
            when: uk_time(e.occurred_at),
            who: e.actor_user_id.as_ref().and_then(|u| names.get(u).cloned()).unwrap_or_else(|| e.actor_kind.clone()),
            what: action_words(&e.action),
            basis: e
                .basis
                .as_deref()
                .and_then(hearth_domain::people::access::Basis::from_key)
                .map(|b| b.label().to_owned())
                .unwrap_or_else(|| e.basis.clone().unwrap_or_default()),
            reason: e.reason.unwrap_or_default(),
        })
        .collect();
    let today = today(state);
    let requests = state
        .store
        .people()
        .subject_access_requests(Some(id))
        .await?
        .into_iter()
        .map(|s| sar_row(s, name.clone(), today))
        .collect();
    Ok(PersonPage {
        chrome: Chrome::build(state, viewer, "/governance").await,
        id: id.to_string(),
        name,
        reference,
        restricted,
        restricted_reason,
        grants,
        log,
        requests,
        errors,
        staff: users
            .into_iter()
            .filter(|u| u.active)
            .map(|u| (u.id.to_string(), format!("{} ({})", u.name, u.email)))
            .collect(),
    })
}

pub async fn person(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path(id): Path<PersonId>,
) -> AppResult<Response> {
    render(&person_page(&state, &viewer, &id, Problems::default()).await?)
}

async fn again(state: &AppState, viewer: &Viewer, id: &PersonId, errors: Problems) -> AppResult<Response> {
    let page = person_page(state, viewer, id, errors).await?;
    Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct RestrictForm {
    pub restricted: String,
    pub reason: String,
}

pub async fn restrict(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path(id): Path<PersonId>,
    Form(f): Form<RestrictForm>,
) -> AppResult<Response> {
    let on = f.restricted == "yes";
    match state
        .store
        .people()
        .set_person_restricted(
            &viewer.audit(&state),
            &id,
            on,
            Some(&f.reason).filter(|r| !r.trim().is_empty()).map(|r| r.as_str()),
        )
        .await
    {
        Ok(()) => Ok(Redirect::to(&format!("/governance/people/{id}")).into_response()),
        Err(e) => again(&state, &viewer, &id, crate::forms::refusal(e)?).await,
    }
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct GrantForm {
    pub user_id: String,
    pub grant_reason: String,
    pub until: String,
}

pub async fn grant(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path(id): Path<PersonId>,
    Form(f): Form<GrantForm>,
) -> AppResult<Response> {
    let mut problems = Problems::default();
    let until = match f.until.trim() {
        "" => None,
        d => {
            let day = parse_uk_date(d);
            problems.check(day.is_none(), "until", "Enter a date like 31/12/2026");
            day.map(|day| day.and_hms_opt(23, 59, 59).expect("a time").and_utc())
        }
    };
    problems.check(f.user_id.is_empty(), "user_id", "Choose who needs access");
    problems.check(f.grant_reason.trim().is_empty(), "grant_reason", "Say why they need access");
    if !problems.is_empty() {
        return again(&state, &viewer, &id, problems).await;
    }
    match state
        .store
        .people()
        .grant_access(&viewer.audit(&state), &id, &UserId::from(f.user_id.as_str()), &f.grant_reason, until)
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/governance/people/{id}")).into_response()),
        Err(e) => again(&state, &viewer, &id, crate::forms::refusal(e)?).await,
    }
}

pub async fn revoke(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path((id, grant)): Path<(PersonId, GrantId)>,
) -> AppResult<Response> {
    state.store.people().revoke_access(&viewer.audit(&state), &grant).await?;
    Ok(Redirect::to(&format!("/governance/people/{id}")).into_response())
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct SarForm {
    pub received_on: String,
    pub identity_confirmed_on: String,
    pub notes: String,
}

pub async fn sar_new(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path(id): Path<PersonId>,
    Form(f): Form<SarForm>,
) -> AppResult<Response> {
    let mut problems = Problems::default();
    let received = parse_uk_date(&f.received_on);
    problems.check(received.is_none(), "received_on", "Enter the day the request came in, like 10/05/2026");
    let confirmed = match f.identity_confirmed_on.trim() {
        "" => None,
        d => {
            let day = parse_uk_date(d);
            problems.check(day.is_none(), "identity_confirmed_on", "Enter a date like 12/05/2026");
            day
        }
    };
    let Some(received) = received.filter(|_| problems.is_empty()) else {
        return again(&state, &viewer, &id, problems).await;
    };
    match state
        .store
        .people()
        .record_subject_access(&viewer.audit(&state), &id, received, confirmed, Some(&f.notes))
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/governance/people/{id}")).into_response()),
        Err(e) => again(&state, &viewer, &id, crate::forms::refusal(e)?).await,
    }
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct ExtendForm {
    pub extend_reason: String,
}

pub async fn sar_extend(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path(sar): Path<SubjectAccessId>,
    Form(f): Form<ExtendForm>,
) -> AppResult<Response> {
    let request = state.store.people().subject_access_request(&sar).await?;
    match state.store.people().extend_subject_access(&viewer.audit(&state), &sar, &f.extend_reason).await {
        Ok(_) => Ok(Redirect::to(&format!("/governance/people/{}", request.person_id)).into_response()),
        Err(e) => again(&state, &viewer, &request.person_id, crate::forms::refusal(e)?).await,
    }
}

pub async fn sar_complete(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path(sar): Path<SubjectAccessId>,
) -> AppResult<Response> {
    let request = state.store.people().subject_access_request(&sar).await?;
    match state.store.people().complete_subject_access(&viewer.audit(&state), &sar).await {
        Ok(()) | Err(hearth_store::StoreError::AlreadyDecided) => {}
        Err(e) => return Err(e.into()),
    }
    Ok(Redirect::to(&format!("/governance/people/{}", request.person_id)).into_response())
}

pub struct ExportNote {
    pub when: String,
    pub kind: &'static str,
    pub body: String,
    pub in_error: bool,
    pub others: bool,
}

#[derive(Template)]
#[template(path = "governance/governance_export.html")]
struct ExportPage {
    chrome: Chrome,
    name: String,
    reference: String,
    made: String,
    details: Vec<(&'static str, String)>,
    what_matters: String,
    strengths: String,
    addresses: Vec<String>,
    relations: Vec<String>,
    connections: Vec<String>,
    representatives: Vec<String>,
    warnings: Vec<String>,
    contacts: Vec<(String, String, bool)>,
    conversations: Vec<String>,
    tasks: Vec<String>,
    notes: Vec<ExportNote>,
    /// The rest of the record, a part for each kind (assessments, plans, finance, access).
    sections: Vec<ExportSection>,
    log: Vec<LogRow>,
    for_review: usize,
}

/// One part of the record in the export: a heading, and an item for each thing in it.
pub struct ExportSection {
    pub id: &'static str,
    pub title: &'static str,
    pub items: Vec<ExportItem>,
}

pub struct ExportItem {
    pub heading: String,
    pub lines: Vec<String>,
}

fn item(heading: String, lines: impl IntoIterator<Item = String>) -> ExportItem {
    ExportItem { heading, lines: lines.into_iter().filter(|l| !l.trim().is_empty()).collect() }
}

/// The parts of the record besides the person's details, network, contacts, work and notes.
fn export_sections(x: &hearth_store::people::subject_access::SubjectAccessExport) -> Vec<ExportSection> {
    use hearth_store::people::belongs::PersonTable;
    let section = |table: PersonTable, id, items| ExportSection { id, title: table.title(), items };
    let yes_no = |b: bool| if b { "yes" } else { "no" };
    vec![
        section(
            PersonTable::Assessments,
            "assessments",
            x.assessments
                .iter()
                .map(|a| {
                    item(
                        format!(
                            "{} {}, started {}: {}",
                            a.kind.label(),
                            a.reference,
                            long_date(a.started_on),
                            a.status.label()
                        ),
                        [
                            format!("In their words: {}", a.persons_view),
                            format!("What they can do: {}", a.strengths),
                            format!("Their wellbeing: {}", a.wellbeing),
                            format!("Information and advice: {}", a.advice),
                        ],
                    )
                })
                .collect(),
        ),
        section(
            PersonTable::Determinations,
            "determinations",
            x.determinations
                .iter()
                .map(|d| {
                    let mut lines = vec![d.letter.greeting.clone()];
                    for s in &d.letter.sections {
                        lines.push(s.heading.clone());
                        lines.extend(s.lines.iter().cloned());
                    }
                    lines.extend(d.letter.closing.iter().cloned());
                    item(format!("{}, {}", d.letter.title, uk_time(d.issued_at)), lines)
                })
                .collect(),
        ),
        section(
            PersonTable::CopiesGiven,
            "copies",
            x.copies
                .iter()
                .map(|(kind, _, c)| {
                    let of = if kind == "plan" { "the plan" } else { "the eligibility letter" };
                    item(format!("A copy of {of} to {}, {}", c.given_to, long_date(c.given_on)), [c.how.clone()])
                })
                .collect(),
        ),
        section(
            PersonTable::Plans,
            "plans",
            x.plans
                .iter()
                .map(|p| {
                    let mut lines = vec![
                        format!("Personal budget: {} a week, of which they pay {}", p.budget.total, p.budget.person),
                        format!("What they want to achieve: {}", p.contents.outcomes),
                        format!("Information and advice: {}", p.contents.advice),
                        format!("If things go wrong: {}", p.contents.contingency),
                    ];
                    lines.extend(p.contents.lines.iter().map(|l| {
                        format!("Service: {} from {}, from {}", l.component.label(), l.provider, long_date(l.starts_on))
                    }));
                    item(
                        format!(
                            "{} {} (version {}): {}",
                            p.contents.kind.label(),
                            p.reference,
                            p.version,
                            p.status.label()
                        ),
                        lines,
                    )
                })
                .collect(),
        ),
        section(
            PersonTable::PlanReviews,
            "reviews",
            x.reviews
                .iter()
                .map(|r| {
                    item(
                        format!("{} review, due {}", r.reason.label(), long_date(r.due_on)),
                        [
                            r.requested_by.clone().map(|b| format!("Asked for by {b}")).unwrap_or_default(),
                            r.completed_on.map(|d| format!("Done {}", long_date(d))).unwrap_or_default(),
                            r.summary.clone().unwrap_or_default(),
                        ],
                    )
                })
                .collect(),
        ),
        section(
            PersonTable::CapacityAssessments,
            "capacity",
            x.capacity
                .iter()
                .map(|c| {
                    let result = match c.result {
                        hearth_domain::assessments::safeguards::Capacity::Has => "can make this decision",
                        hearth_domain::assessments::safeguards::Capacity::Lacks => "cannot make this decision now",
                    };
                    item(
                        format!("{}: {result} ({})", c.findings.decision, long_date(c.assessed_on)),
                        [
                            format!("Steps taken to help them decide: {}", c.findings.steps_taken),
                            c.best_interests
                                .as_ref()
                                .map(|b| {
                                    format!(
                                        "Decided in their best interests on {}: {}",
                                        long_date(b.decided_on),
                                        b.decision
                                    )
                                })
                                .unwrap_or_default(),
                        ],
                    )
                })
                .collect(),
        ),
        section(
            PersonTable::Transitions,
            "transition",
            x.transitions
                .iter()
                .map(|t| {
                    item(
                        format!(
                            "Assessed {}",
                            t.assessed_on.map(long_date).unwrap_or_else(|| "on a day not recorded".into())
                        ),
                        [
                            format!("Needs likely after 18: {}", t.likely_needs),
                            format!("Education, health and care plan: {}", yes_no(t.ehc_plan)),
                            t.closed_on
                                .map(|d| format!("Children's services ended {}", long_date(d)))
                                .unwrap_or_default(),
                        ],
                    )
                })
                .collect(),
        ),
        section(
            PersonTable::FinancialAssessments,
            "financial-assessments",
            x.financial_assessments
                .iter()
                .map(|f| {
                    item(
                        format!(
                            "{}, started {}: {}",
                            f.reference,
                            uk_time(f.created_at),
                            if f.status == "complete" { "complete" } else { "draft" }
                        ),
                        [
                            f.weekly_charge.map(|c| format!("Weekly charge: {c}")).unwrap_or_default(),
                            f.effective_from.map(|d| format!("From {}", long_date(d))).unwrap_or_default(),
                        ],
                    )
                })
                .collect(),
        ),
        section(
            PersonTable::ChargingRequests,
            "charging-requests",
            x.charging_requests
                .iter()
                .map(|r| {
                    item(
                        format!("{}, received {} ({})", r.reference, uk_time(r.received_at), r.status),
                        [format!("From {}", r.name), r.message.clone().unwrap_or_default()],
                    )
                })
                .collect(),
        ),
        section(
            PersonTable::AccessGrants,
            "access",
            x.access_grants
                .iter()
                .map(|g| {
                    let how = if g.break_glass { "broke the glass" } else { "was given access" };
                    item(format!("{} {how}, {}", g.user_name, uk_time(g.granted_at)), [g.reason.clone()])
                })
                .collect(),
        ),
        section(
            PersonTable::SubjectAccessRequests,
            "subject-access",
            x.subject_access_requests
                .iter()
                .map(|r| {
                    item(
                        format!("{}, received {}", r.reference, long_date(r.received_on)),
                        [format!("Due {}{}", long_date(r.due_on), if r.open { "" } else { ", answered" })],
                    )
                })
                .collect(),
        ),
    ]
}

/// The person's whole record for a subject access request, to print or save as a PDF from the
/// browser, with entries about other people marked for review before it is sent.
pub async fn export(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path(id): Path<PersonId>,
) -> AppResult<Response> {
    let x = state.store.people().subject_access_export(&viewer.audit(&state), &id).await?;
    if x.record.merged_into.is_some() {
        return Err(AppError::NotFound);
    }
    let names: HashMap<String, String> =
        state.store.accounts().users().await?.into_iter().map(|u| (u.id.to_string(), u.name)).collect();
    let d = &x.record.details;
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    let mut details = vec![
        ("Name", d.full_name()),
        ("Known as", opt(&d.preferred_name)),
        ("Date of birth", d.date_of_birth.map(long_date).unwrap_or_default()),
        ("NHS number", d.nhs().map(|n| n.to_string()).unwrap_or_default()),
        ("Gender", d.gender.map(|g| g.label().to_owned()).unwrap_or_default()),
        ("Ethnic group", d.ethnicity.map(|e| e.label().to_owned()).unwrap_or_default()),
        ("Phone", opt(&d.phone)),
        ("Email", opt(&d.email)),
        ("GP practice", opt(&d.gp_practice)),
        ("Communication", opt(&d.communication_needs)),
    ];
    details.retain(|(_, v)| !v.is_empty());
    let page = ExportPage {
        chrome: Chrome::build(&state, &viewer, "/governance").await,
        name: x.record.display_name(),
        reference: x.record.reference.clone(),
        made: uk_time(state.clock.now()),
        details,
        what_matters: opt(&x.record.what_matters),
        strengths: opt(&x.record.strengths),
        addresses: x.addresses.iter().map(|a| a.address.one_line()).collect(),
        relations: x
            .relations
            .iter()
            .map(|r| {
                let ended = r.ended_on.map(|d| format!(" (until {})", long_date(d))).unwrap_or_default();
                format!("{}: {}{ended}", r.name, r.kind.label())
            })
            .collect(),
        connections: x
            .connections
            .iter()
            .map(|c| {
                let ended = c.ended_on.map(|d| format!(" (until {})", long_date(d))).unwrap_or_default();
                format!("{}{ended}", c.name)
            })
            .collect(),
        representatives: x.representatives.iter().map(|r| format!("{}: {}", r.name, r.authority.label())).collect(),
        warnings: x
            .warnings
            .iter()
            .map(|w| format!("{}: {} (from {})", w.kind.label(), w.details, long_date(w.starts_on)))
            .collect(),
        contacts: x
            .contacts
            .iter()
            .map(|c| (uk_time(c.received_at), c.form.what_is_happening.clone(), c.form.for_self != Some(true)))
            .collect(),
        conversations: x
            .conversations
            .iter()
            .map(|c| format!("{} from {}: {}", c.kind.label(), long_date(c.started_on), c.what_matters))
            .collect(),
        tasks: x.tasks.iter().map(|t| format!("{} (due {})", t.title, long_date(t.due_on))).collect(),
        notes: x
            .notes
            .iter()
            .map(|(n, others)| ExportNote {
                when: uk_time(n.happened_at),
                kind: n.kind.label(),
                body: n.body.clone(),
                in_error: n.entered_in_error,
                others: *others,
            })
            .collect(),
        log: x
            .access_log
            .iter()
            .map(|e| LogRow {
                when: uk_time(e.occurred_at),
                who: e
                    .actor_user_id
                    .as_ref()
                    .and_then(|u| names.get(u).cloned())
                    .unwrap_or_else(|| e.actor_kind.clone()),
                what: action_words(&e.action),
                basis: e.basis.clone().unwrap_or_default(),
                reason: e.reason.clone().unwrap_or_default(),
            })
            .collect(),
        sections: export_sections(&x),
        for_review: x.for_review(),
    };
    render(&page)
}
