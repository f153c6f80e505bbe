//! Care Act assessments in a person's record: the record's "Assessments and plans" section, the
//! assessment form (a task list of sections, one section a page, eligibility worked out as the
//! practitioner saves, and check your answers before sending: [`sections`]), refusal, advocacy, sign-off and the letter ([`assessment`]); plans, personal budgets
//! and reviews ([`plans`]); capacity and transition ([`capacity`]); and a team manager's
//! approvals. Every page opens the record through `open_record`, so every view is audited.

pub mod assessment;
pub mod capacity;
mod letter;
pub mod plan_letter;
pub mod plans;
pub mod reviews;
pub mod sections;
pub mod transitions;

use crate::AppState;
use crate::chrome::{Chrome, render};
use crate::errors::{AppError, AppResult};
use crate::pages::people::record::staff_names;
use crate::pages::people::{Choice, Opened, RecordHeader, choices, long_date, today};
use crate::records::Record;
use crate::session::Viewer;
use askama::Template;
use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use hearth_domain::access::Permission;
use hearth_domain::assessments::codes::AssessmentMethod;
use hearth_store::assessments::AssessmentStatus;
use hearth_store::{AssessmentId, CapacityId, PersonId};

pub struct AssessmentLine {
    pub href: String,
    pub title: String,
    pub started: String,
    pub status: String,
    pub result: String,
}

pub struct PlanLine {
    pub href: String,
    pub title: String,
    pub status: String,
    pub budget: String,
    pub next_review: String,
}

pub struct CapacityLine {
    pub decision: String,
    pub result: String,
    pub on: String,
    pub best_interests: String,
    pub id: CapacityId,
    pub can_decide: bool,
}

pub struct TransitionView {
    pub turns_18: String,
    pub likely_needs: String,
    pub indicative: Vec<String>,
    pub continues: bool,
    pub closed: Option<String>,
}

#[derive(Template)]
#[template(path = "people/person_care.html")]
struct CarePage {
    chrome: Chrome,
    header: RecordHeader,
    assessments: Vec<AssessmentLine>,
    plans: Vec<PlanLine>,
    capacity: Vec<CapacityLine>,
    transition: Option<TransitionView>,
    is_child: bool,
    methods: Vec<Choice>,
    kinds: Vec<(&'static str, &'static str)>,
    /// The problems with a form posted from this page, sent back with the way here.
    problems: Vec<String>,
    errors: crate::forms::Problems,
}

/// The record's "Assessments and plans" section.
pub async fn care(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    record: Record,
    Path(id): Path<PersonId>,
    Query(query): Query<std::collections::HashMap<String, String>>,
) -> AppResult<Response> {
    let Opened { header, record } = record.open(&state, &viewer, "care", "/care").await?;
    let today = today(&state);
    let mut assessments = Vec::new();
    let mut determinations: std::collections::HashMap<AssessmentId, _> = state
        .store
        .assessments()
        .determinations_for(&id)
        .await?
        .into_iter()
        .map(|d| (d.assessment_id.clone(), d))
        .collect();
    for a in state.store.assessments().assessments_for(&id).await? {
        let result = match determinations.remove(&a.id) {
            Some(d) if d.determination.eligible => "Eligible needs".to_owned(),
            Some(_) => "No eligible needs".to_owned(),
            None if a.status == AssessmentStatus::Refused => String::new(),
            None => "Not decided yet".to_owned(),
        };
        assessments.push(AssessmentLine {
            href: format!("/assessments/{}", a.id),
            title: match &a.cared_for_name {
                Some(n) => format!("{} (caring for {n})", a.kind.label()),
                None => a.kind.label().to_owned(),
            },
            started: long_date(a.started_on),
            status: a.status.label().to_owned(),
            result,
        });
    }
    let plans = state
        .store
        .assessments()
        .plans_for(&id)
        .await?
        .into_iter()
        .map(|p| PlanLine {
            href: format!("/plans/{}", p.id),
            title: format!("{} {} (version {})", p.contents.kind.label(), p.reference, p.version),
            status: p.status.label().to_owned(),
            budget: format!("{} a week", p.budget.total),
            next_review: p.next_review.map(|(_, _, due)| long_date(due)).unwrap_or_default(),
        })
        .collect();
    let capacity = state
        .store
        .assessments()
        .capacity_assessments(&id)
        .await?
        .into_iter()
        .map(|c| CapacityLine {
            can_decide: c.result == hearth_domain::assessments::safeguards::Capacity::Lacks
                && c.best_interests.is_none(),
            decision: c.findings.decision,
            result: c.result.plain().to_owned(),
            on: long_date(c.assessed_on),
            best_interests: c
                .best_interests
                .map(|b| format!("{} (decided {})", b.decision, long_date(b.decided_on)))
                .unwrap_or_default(),
            id: c.id,
        })
        .collect();
    let transition = state.store.assessments().transition_for(&id).await?.map(|t| TransitionView {
        turns_18: long_date(t.turns_18_on),
        likely_needs: t.likely_needs,
        indicative: t.indicative_outcomes.iter().map(|o| o.label().to_owned()).collect(),
        continues: t.childrens_services_closed_on.is_none()
            && hearth_domain::assessments::transition::childrens_services_continue(t.adult_decision),
        closed: t.childrens_services_closed_on.map(long_date),
    });
    let is_child =
        record.details.date_of_birth.is_some_and(|born| hearth_domain::assessments::transition::is_child(born, today));
    render(&CarePage {
        chrome: Chrome::build(&state, &viewer, "/people").await,
        header,
        assessments,
        plans,
        capacity,
        transition,
        is_child,
        methods: choices::<AssessmentMethod>(None, None),
        problems: query.get("problem").map(|p| p.lines().map(str::to_owned).collect()).unwrap_or_default(),
        errors: crate::forms::Problems::default(),
        kinds: vec![
            ("needs", "Needs assessment (Care Act 2014 section 9)"),
            ("carer", "Carer's assessment, for this person as a carer (section 10)"),
        ],
    })
}

/// Back to the record's "Assessments and plans" section with a refusal to show there (for the
/// small forms on that page, whose errors have no page of their own).
pub(crate) fn back_to_care(person_id: &PersonId, problems: &crate::forms::Problems, anchor: &str) -> Response {
    let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
    let problem: String = url::form_urlencoded::byte_serialize(messages.join("\n").as_bytes()).collect();
    axum::response::IntoResponse::into_response(axum::response::Redirect::to(&format!(
        "/people/{person_id}/care?problem={problem}{anchor}"
    )))
}

pub struct ApprovalLine {
    pub href: String,
    pub person: String,
    pub what: String,
    pub by: String,
    pub since: String,
}

#[derive(Template)]
#[template(path = "assessments/approvals.html")]
struct ApprovalsPage {
    chrome: Chrome,
    assessments: Vec<ApprovalLine>,
    plans: Vec<ApprovalLine>,
}

/// A team manager's queue: assessments and plans waiting for approval, the longest first.
/// Work the manager submitted is listed but marked, since someone else must approve it.
pub async fn approvals(State(state): State<AppState>, Extension(viewer): Extension<Viewer>) -> AppResult<Response> {
    if !viewer.can(Permission::ManageTeamWork) {
        return Err(AppError::Forbidden);
    }
    let names = staff_names(&state).await?;
    let me = viewer.user_id().ok_or(AppError::Forbidden)?.clone();
    let by = |id: &Option<String>| match id {
        Some(u) if *u == me => "You (someone else must approve it)".to_owned(),
        Some(u) => names.get(u).cloned().unwrap_or_default(),
        None => String::new(),
    };
    let waiting_assessments = state.store.assessments().assessments_awaiting_approval().await?;
    let waiting_plans = state.store.assessments().plans_awaiting_approval().await?;
    let people: Vec<PersonId> = waiting_assessments
        .iter()
        .map(|a| a.person_id.clone())
        .chain(waiting_plans.iter().map(|p| p.person_id.clone()))
        .collect();
    let mut names = state.store.people().person_names(&people).await?;
    let mut name_of = |id: &PersonId| names.remove(id).unwrap_or_default();
    let mut assessments = Vec::new();
    for a in waiting_assessments {
        let person = name_of(&a.person_id);
        assessments.push(ApprovalLine {
            href: format!("/assessments/{}", a.id),
            person,
            what: a.kind.label().to_owned(),
            by: by(&a.submitted_by),
            since: a.submitted_at.map(|t| long_date(t.date_naive())).unwrap_or_default(),
        });
    }
    let mut plans = Vec::new();
    for p in waiting_plans {
        let person = name_of(&p.person_id);
        plans.push(ApprovalLine {
            href: format!("/plans/{}", p.id),
            person,
            what: format!(
                "{}, {} a week{}",
                p.contents.kind.label(),
                p.budget.total,
                if p.panel_needed { " (panel)" } else { "" }
            ),
            by: by(&p.submitted_by),
            since: p.created_at.format("%-d %B %Y").to_string(),
        });
    }
    render(&ApprovalsPage { chrome: Chrome::build(&state, &viewer, "/approvals").await, assessments, plans })
}
