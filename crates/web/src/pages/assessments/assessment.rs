//! One assessment: the form while it is with the practitioner (saved as they go; nothing typed
//! is lost when a rule stops submission), refusal, advocacy, a team manager's decision, the
//! letter and who was given it, and starting the plan.

use super::letter::{CopyGivenForm, LetterPage, LetterPlace, record_copy};
use super::sections::{ProblemLink, Section, TaskRow, merged, problem_links, task_list};
use crate::AppState;
use crate::chrome::{Chrome, render};
use crate::done::{self, Done};
use crate::errors::{AppError, AppResult};
use crate::forms::{Fields, Problems, TypedForm, parse_uk_date};
use crate::letters::{PrintQuery, file_part, letter_to_pdf, pdf_response};
use crate::pages::people::{Choice, Opened, RecordHeader, choices, long_date, practice_settings, today};
use crate::records::Record;
use crate::session::Viewer;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use hearth_domain::access::Permission;
use hearth_domain::assessments::approval::no_choice_made;
use hearth_domain::assessments::codes::AssessmentMethod;
use hearth_domain::assessments::eligibility::{AdultFindings, CarerFindings, Finding, Fluctuation};
use hearth_domain::assessments::outcomes::{AdultOutcome, CarerOutcome, Way};
use hearth_domain::assessments::safeguards::{Advocacy, AppropriatePerson, Difficulty};
use hearth_store::assessments::{
    AdvocacyRecord, Approver, Assessment, AssessmentKind, AssessmentUpdate, Findings, NewAssessment, WrittenRecord,
};
use hearth_store::{AssessmentId, PersonId, UserId};
use serde::Deserialize;

pub struct WayBox {
    pub id: String,
    pub key: &'static str,
    pub label: &'static str,
    pub checked: bool,
}

pub struct OutcomeRow {
    /// The checkboxes' name, and the evidence box's id.
    pub name: String,
    pub evidence_id: String,
    pub label: &'static str,
    pub regulation: &'static str,
    pub ways: Vec<WayBox>,
    pub evidence: String,
    pub unable: bool,
}

/// The assessment form's values, from the record or as typed.
#[derive(Default)]
pub struct AssessmentForm {
    /// What the page started from (`crate::edits`).
    pub edit_token: String,
    pub method: String,
    pub persons_view: String,
    pub strengths: String,
    pub wellbeing: String,
    pub advice: String,
    pub condition: String,
    pub condition_note: String,
    pub health: String,
    pub health_note: String,
    pub impact: String,
    pub impact_note: String,
    pub fluctuating: bool,
    pub fluctuation_from: String,
    pub fluctuation_to: String,
    pub fluctuation_description: String,
    pub rows: Vec<OutcomeRow>,
    pub carer_able_willing: String,
    pub carer_work_learning: String,
    pub understanding: bool,
    pub retaining: bool,
    pub weighing: bool,
    pub communicating: bool,
    pub supporter_name: String,
    pub supporter_paid: bool,
    pub supporter_willing: bool,
    pub supporter_agrees: bool,
    pub advocate: String,
}

fn yes_no(v: Option<bool>) -> String {
    match v {
        Some(true) => "yes".into(),
        Some(false) => "no".into(),
        None => String::new(),
    }
}

fn parse_yes_no(s: &str) -> Option<bool> {
    match s {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    }
}

fn date_text(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.format("%d/%m/%Y").to_string()).unwrap_or_default()
}

fn rows<O: Copy + PartialEq>(
    all: &[O],
    ways: &[Way],
    found: &dyn Fn(O) -> Option<(Vec<Way>, String)>,
    key: fn(O) -> &'static str,
    label: fn(O) -> &'static str,
    regulation: fn(O) -> &'static str,
) -> Vec<OutcomeRow> {
    all.iter()
        .map(|o| {
            let (checked, evidence) = found(*o).unwrap_or_default();
            OutcomeRow {
                name: format!("way-{}", key(*o)),
                evidence_id: format!("evidence-{}", key(*o)),
                label: label(*o),
                regulation: regulation(*o),
                ways: ways
                    .iter()
                    .map(|w| WayBox {
                        id: format!("way-{}-{}", key(*o), w.key()),
                        key: w.key(),
                        label: w.label(),
                        checked: checked.contains(w),
                    })
                    .collect(),
                unable: !checked.is_empty(),
                evidence,
            }
        })
        .collect()
}

impl AssessmentForm {
    /// Whether any outcome is recorded as one they cannot achieve.
    pub fn any_unable(&self) -> bool {
        self.rows.iter().any(|r| r.unable)
    }

    pub fn of(a: &Assessment) -> AssessmentForm {
        let mut f = AssessmentForm {
            edit_token: a.edit_token().to_string(),
            method: a.method.key().to_owned(),
            persons_view: a.persons_view.clone(),
            strengths: a.strengths.clone(),
            wellbeing: a.wellbeing.clone(),
            advice: a.advice.clone(),
            carer_able_willing: a.carer_able_willing.clone().unwrap_or_default(),
            carer_work_learning: a.carer_work_learning.clone().unwrap_or_default(),
            understanding: a.advocacy.difficulty.understanding,
            retaining: a.advocacy.difficulty.retaining,
            weighing: a.advocacy.difficulty.using_or_weighing,
            communicating: a.advocacy.difficulty.communicating,
            advocate: match &a.advocacy.status {
                Advocacy::Appointed { advocate } => advocate.clone(),
                _ => String::new(),
            },
            ..AssessmentForm::default()
        };
        if let Some(s) = &a.advocacy.supporter {
            f.supporter_name = s.name.clone();
            f.supporter_paid = s.paid_or_professional;
            f.supporter_willing = s.willing;
            f.supporter_agrees = s.person_agrees;
        }
        let fluctuation = match &a.findings {
            Findings::Adult(x) => {
                f.condition = yes_no(x.impairment);
                f.condition_note = x.impairment_note.clone();
                f.impact = yes_no(x.significant_impact);
                f.impact_note = x.impact_note.clone();
                let found = |o: AdultOutcome| {
                    x.outcomes.iter().find(|r| r.outcome == o).map(|r| (r.ways.clone(), r.evidence.clone()))
                };
                f.rows = rows(
                    AdultOutcome::ALL,
                    Way::ALL,
                    &found,
                    AdultOutcome::key,
                    AdultOutcome::label,
                    AdultOutcome::regulation,
                );
                x.fluctuation.clone()
            }
            Findings::Carer(x) => {
                f.condition = yes_no(x.necessary_care);
                f.condition_note = x.care_note.clone();
                f.health = yes_no(x.health_deteriorating);
                f.health_note = x.health_note.clone();
                f.impact = yes_no(x.significant_impact);
                f.impact_note = x.impact_note.clone();
                let found = |o: CarerOutcome| {
                    x.outcomes.iter().find(|r| r.outcome == o).map(|r| (r.ways.clone(), r.evidence.clone()))
                };
                f.rows = rows(
                    CarerOutcome::ALL,
                    Way::FOR_CARERS,
                    &found,
                    CarerOutcome::key,
                    CarerOutcome::label,
                    CarerOutcome::regulation,
                );
                x.fluctuation.clone()
            }
        };
        if let Some(fl) = fluctuation {
            f.fluctuating = true;
            f.fluctuation_from = date_text(fl.from);
            f.fluctuation_to = date_text(fl.to);
            f.fluctuation_description = fl.description;
        }
        f
    }

    /// The form as typed, and the update it makes (with any dates that could not be read).
    pub fn typed(
        kind: AssessmentKind,
        existing: &Assessment,
        fields: &Fields,
    ) -> (AssessmentForm, AssessmentUpdate, Problems) {
        let mut errors = Problems::default();
        let ticked = |name: &str| fields.get(name) == "yes";
        let mut date = |name: &'static str| {
            let s = fields.get(name);
            let d = parse_uk_date(s);
            if d.is_none() && !s.trim().is_empty() {
                errors.add(name, "Enter a date like 01/12/2026");
            }
            d
        };
        let fluctuating = ticked("fluctuating");
        let fluctuation = fluctuating.then(|| Fluctuation {
            from: date("fluctuation_from"),
            to: date("fluctuation_to"),
            description: fields.get("fluctuation_description").trim().to_owned(),
        });
        let ways_of = |key: &str, allowed: &[Way]| -> Vec<Way> {
            fields
                .all(&format!("way-{key}"))
                .iter()
                .filter_map(|w| Way::from_key(w))
                .filter(|w| allowed.contains(w))
                .collect()
        };
        let findings = match kind {
            AssessmentKind::Needs => Findings::Adult(AdultFindings {
                impairment: parse_yes_no(fields.get("impairment")),
                impairment_note: fields.get("condition_note").trim().to_owned(),
                outcomes: AdultOutcome::ALL
                    .iter()
                    .map(|o| Finding {
                        outcome: *o,
                        ways: ways_of(o.key(), Way::ALL),
                        evidence: fields.get(&format!("evidence-{}", o.key())).trim().to_owned(),
                    })
                    .collect(),
                significant_impact: parse_yes_no(fields.get("significant_impact")),
                impact_note: fields.get("impact_note").trim().to_owned(),
                fluctuation,
            }),
            AssessmentKind::Carer => Findings::Carer(CarerFindings {
                necessary_care: parse_yes_no(fields.get("necessary_care")),
                care_note: fields.get("condition_note").trim().to_owned(),
                health_deteriorating: parse_yes_no(fields.get("health_deteriorating")),
                health_note: fields.get("health_note").trim().to_owned(),
                outcomes: CarerOutcome::ALL
                    .iter()
                    .map(|o| Finding {
                        outcome: *o,
                        ways: ways_of(o.key(), Way::FOR_CARERS),
                        evidence: fields.get(&format!("evidence-{}", o.key())).trim().to_owned(),
                    })
                    .collect(),
                significant_impact: parse_yes_no(fields.get("significant_impact")),
                impact_note: fields.get("impact_note").trim().to_owned(),
                fluctuation,
            }),
        };
        let difficulty = Difficulty {
            understanding: ticked("understanding"),
            retaining: ticked("retaining"),
            using_or_weighing: ticked("weighing"),
            communicating: ticked("communicating"),
        };
        let supporter_name = fields.get("supporter_name").trim().to_owned();
        let supporter = (!supporter_name.is_empty()).then(|| AppropriatePerson {
            name: supporter_name.clone(),
            paid_or_professional: ticked("supporter_paid"),
            willing: ticked("supporter_willing"),
            person_agrees: ticked("supporter_agrees"),
        });
        let advocate = fields.get("advocate").trim().to_owned();
        let mut advocacy = AdvocacyRecord { difficulty, supporter, status: Advocacy::NotNeeded };
        advocacy.status = if !advocate.is_empty() {
            Advocacy::Appointed { advocate: advocate.clone() }
        } else if !advocacy.required() {
            Advocacy::NotNeeded
        } else if let Advocacy::ManagerException { .. } = existing.advocacy.status {
            existing.advocacy.status.clone()
        } else {
            Advocacy::Waiting
        };
        let update = AssessmentUpdate {
            method: AssessmentMethod::from_key(fields.get("method")),
            findings: Some(findings.clone()),
            persons_view: Some(fields.get("persons_view").to_owned()),
            strengths: Some(fields.get("strengths").to_owned()),
            wellbeing: Some(fields.get("wellbeing").to_owned()),
            carer_able_willing: (kind == AssessmentKind::Carer).then(|| fields.get("carer_able_willing").to_owned()),
            carer_work_learning: (kind == AssessmentKind::Carer).then(|| fields.get("carer_work_learning").to_owned()),
            advice: Some(fields.get("advice").to_owned()),
            advocacy: Some(advocacy.clone()),
        };
        // Shown back exactly as typed (dates too), so nothing is lost.
        let shown = Assessment { findings, advocacy, ..existing.clone() };
        let mut form = AssessmentForm::of(&shown);
        for (field, value) in [
            ("persons_view", &mut form.persons_view),
            ("strengths", &mut form.strengths),
            ("wellbeing", &mut form.wellbeing),
            ("advice", &mut form.advice),
            ("carer_able_willing", &mut form.carer_able_willing),
            ("carer_work_learning", &mut form.carer_work_learning),
            ("fluctuation_from", &mut form.fluctuation_from),
            ("fluctuation_to", &mut form.fluctuation_to),
        ] {
            *value = fields.get(field).to_owned();
        }
        form.method = fields.get("method").to_owned();
        form.fluctuating = fluctuating;
        form.edit_token = fields.get("edit_token").to_owned();
        (form, update, errors)
    }
}

pub struct ReasonView {
    pub met: bool,
    pub text: String,
    pub citation: String,
}

#[derive(Template)]
#[template(path = "assessments/assessment.html")]
struct AssessmentPage {
    chrome: Chrome,
    header: RecordHeader,
    a: Assessment,
    f: AssessmentForm,
    carer: bool,
    editable: bool,
    methods: Vec<Choice>,
    eligible: bool,
    reasons: Vec<ReasonView>,
    advocate_needed: bool,
    exception: String,
    refusal: String,
    manages: bool,
    own_work: bool,
    decided: Option<Decided>,
    yes_no: Vec<(&'static str, &'static str)>,
    decisions: Vec<(&'static str, &'static str)>,
    /// While it is with the practitioner: "tasks" (the task list), "section" (one section's
    /// form) or "check" (check your answers, then send).
    mode: &'static str,
    /// The section open, in "section" mode.
    section: String,
    section_title: &'static str,
    tasks: Vec<TaskRow>,
    /// On "check your answers", each problem linked to the section that needs it.
    check_problems: Vec<ProblemLink>,
    errors: Problems,
}

/// Which part of the assessment a page shows while it is with the practitioner.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Tasks,
    Section(Section),
    Check,
}

pub struct Decided {
    pub eligible: bool,
    pub issued: String,
    pub copies: Vec<String>,
    pub has_plan: Option<String>,
    pub superseded: bool,
}

async fn assessment_and_person(state: &AppState, id: &AssessmentId) -> AppResult<Assessment> {
    match state.store.assessments().assessment(id).await {
        Ok(a) => Ok(a),
        Err(hearth_store::StoreError::NotFound) => Err(AppError::NotFound),
        Err(e) => Err(e.into()),
    }
}

async fn page(
    state: &AppState,
    viewer: &Viewer,
    header: RecordHeader,
    a: Assessment,
    f: Option<AssessmentForm>,
    mode: Mode,
    errors: Problems,
) -> AppResult<AssessmentPage> {
    let provisional = a.provisional();
    let carer = a.kind == AssessmentKind::Carer;
    let determination = state.store.assessments().determination_of(&a.id).await?;
    let decided = match &determination {
        Some(d) => {
            let copies = state
                .store
                .assessments()
                .copies_given(&WrittenRecord::Determination(d.id.clone()))
                .await?
                .into_iter()
                .map(|c| format!("{}, {} on {}", c.given_to, c.how.to_lowercase(), long_date(c.given_on)))
                .collect();
            let has_plan = state
                .store
                .assessments()
                .plans_for(&a.person_id)
                .await?
                .into_iter()
                .find(|p| p.assessment_id == a.id)
                .map(|p| format!("/plans/{}", p.id));
            Some(Decided {
                eligible: d.determination.eligible,
                issued: long_date(d.issued_at.date_naive()),
                copies,
                has_plan,
                superseded: d.superseded_by.is_some(),
            })
        }
        None => None,
    };
    let shown = determination.map(|d| d.determination).unwrap_or(provisional);
    // The task list shows what is saved, not what a failed save typed.
    let saved = AssessmentForm::of(&a);
    let tasks = task_list(&saved, carer);
    let check_problems = problem_links(a.id.as_str(), &errors, &saved, carer);
    let (mode, section) = match mode {
        Mode::Tasks => ("tasks", None),
        Mode::Section(s) => ("section", Some(s)),
        Mode::Check => ("check", None),
    };
    Ok(AssessmentPage {
        chrome: Chrome::build(state, viewer, "/people").await,
        header,
        f: f.unwrap_or_else(|| AssessmentForm::of(&a)),
        carer,
        mode,
        section: section.map(|s| s.key().to_owned()).unwrap_or_default(),
        section_title: section.map(|s| s.title(carer)).unwrap_or_default(),
        tasks,
        check_problems,
        editable: a.status.editable(),
        methods: choices(Some(a.method), None),
        eligible: shown.eligible,
        reasons: shown
            .reasons
            .iter()
            .map(|r| ReasonView { met: r.met, text: r.about_them(), citation: r.citation.clone() })
            .collect(),
        advocate_needed: a.advocacy.required(),
        exception: match &a.advocacy.status {
            Advocacy::ManagerException { reason } => reason.clone(),
            _ => String::new(),
        },
        refusal: a.refusal.map(|r| format!("{} ({}).", r.plain(), r.citation())).unwrap_or_default(),
        manages: viewer.can(Permission::ManageTeamWork),
        own_work: a.submitted_by.as_deref() == viewer.user_id().map(UserId::as_str),
        decided,
        yes_no: vec![("yes", "Yes"), ("no", "No")],
        decisions: vec![
            ("approve", "Approve, and issue the eligibility decision"),
            ("return", "Return it with a comment"),
        ],
        a,
        errors,
    })
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SectionQuery {
    section: String,
}

/// The assessment: while it is with the practitioner, its task list, or one section's form when
/// `?section=` names one (an unknown section is the task list).
pub async fn show(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    record: Record,
    Path(aid): Path<AssessmentId>,
    Query(q): Query<SectionQuery>,
) -> AppResult<Response> {
    let a = assessment_and_person(&state, &aid).await?;
    let carer = a.kind == AssessmentKind::Carer;
    let mode = match Section::from_key(&q.section).filter(|s| s.applies(carer)) {
        Some(s) => Mode::Section(s),
        None => Mode::Tasks,
    };
    let Opened { header, .. } = record.open(&state, &viewer, "assessment", "/care").await?;
    render(&page(&state, &viewer, header, a, None, mode, Problems::default()).await?)
}

/// Check your answers: everything recorded, and the eligibility it gives, before sending.
pub async fn check(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    record: Record,
    Path(aid): Path<AssessmentId>,
) -> AppResult<Response> {
    let a = assessment_and_person(&state, &aid).await?;
    let Opened { header, .. } = record.open(&state, &viewer, "assessment", "/care").await?;
    render(&page(&state, &viewer, header, a, None, Mode::Check, Problems::default()).await?)
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SendForm {
    edit_token: String,
}

/// Sends the assessment for approval from "check your answers", as long as nothing changed
/// since the answers were checked.
pub async fn send(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    record: Record,
    Path(aid): Path<AssessmentId>,
    TypedForm(f): TypedForm<SendForm>,
) -> AppResult<Response> {
    let expected = crate::edits::sent(&f.edit_token);
    let errors = match state.store.assessments().submit_assessment(&viewer.audit(&state), &aid, Some(&expected)).await {
        Ok(()) => {
            return Ok(Redirect::to(&done::to(&format!("/assessments/{aid}"), Done::AssessmentSent)).into_response());
        }
        Err(hearth_store::StoreError::Stale) => {
            let mut errors = Problems::default();
            let message =
                crate::edits::changed_meanwhile(&state, &viewer, "assessment", &[aid.as_str()], "this assessment")
                    .await?;
            errors.add(crate::edits::CHANGED, message);
            errors
        }
        Err(e) => crate::forms::refusal(e)?,
    };
    back_with(&state, &viewer, &record, &aid, Mode::Check, errors).await
}

/// Starting an assessment as the record's section sends it.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct StartForm {
    kind: String,
    cared_for_name: String,
    method: String,
}

/// Starts an assessment from the record's section.
pub async fn start(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path(id): Path<PersonId>,
    TypedForm(f): TypedForm<StartForm>,
) -> AppResult<Response> {
    let new = NewAssessment {
        kind: AssessmentKind::from_key(&f.kind).unwrap_or(AssessmentKind::Needs),
        cared_for_id: None,
        cared_for_name: Some(f.cared_for_name),
        method: AssessmentMethod::from_key(&f.method).unwrap_or(AssessmentMethod::FaceToFace),
        started_on: today(&state),
        contact_id: None,
    };
    match state.store.assessments().start_assessment(&viewer.audit(&state), &id, &new).await {
        Ok(aid) => Ok(Redirect::to(&format!("/assessments/{aid}")).into_response()),
        Err(e) => Ok(super::back_to_care(&id, &crate::forms::refusal(e)?, "")),
    }
}

/// Saves the form; "submit" also sends it for approval. The save comes first, so a rule that
/// stops submission never loses what was typed.
pub async fn save(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    record: Record,
    Path(aid): Path<AssessmentId>,
    Form(fields): Form<Fields>,
) -> AppResult<Response> {
    let a = assessment_and_person(&state, &aid).await?;
    let carer = a.kind == AssessmentKind::Carer;
    // One section's page sends only its own fields: the rest come from what is saved.
    let section = Section::from_key(fields.get("section")).filter(|s| s.applies(carer));
    let fields = match section {
        Some(s) => merged(s, &AssessmentForm::of(&a), carer, &fields),
        None => fields,
    };
    let (mut form, update, mut errors) = AssessmentForm::typed(a.kind, &a, &fields);
    let ctx = viewer.audit(&state);
    if errors.is_empty() {
        let expected = crate::edits::sent(&form.edit_token);
        match state.store.assessments().save_assessment(&ctx, &aid, &update, Some(&expected)).await {
            Ok(()) if fields.get("action") == "submit" => {
                match state.store.assessments().submit_assessment(&ctx, &aid, None).await {
                    Ok(()) => {
                        return Ok(Redirect::to(&done::to(&format!("/assessments/{aid}"), Done::AssessmentSent))
                            .into_response());
                    }
                    Err(e) => {
                        errors.extend(crate::forms::refusal(e)?);
                    }
                }
            }
            Ok(()) => {
                return Ok(
                    Redirect::to(&done::to(&format!("/assessments/{aid}"), Done::AssessmentSaved)).into_response()
                );
            }
            Err(hearth_store::StoreError::Stale) => {
                let what = "this assessment";
                errors.add(
                    crate::edits::CHANGED,
                    crate::edits::changed_meanwhile(&state, &viewer, "assessment", &[aid.as_str()], what).await?,
                );
            }
            Err(e) => {
                errors.extend(crate::forms::refusal(e)?);
            }
        }
    }
    let a = state.store.assessments().assessment(&aid).await?;
    // Saving again from here saves over what is there now, as the notice says.
    form.edit_token = a.edit_token().to_string();
    let Opened { header, .. } = record.open(&state, &viewer, "assessment", "/care").await?;
    let status = crate::forms::status(&errors);
    // A whole form sent at once (no section) comes back as "check your answers", each problem
    // linked to its section.
    let mode = section.map_or(Mode::Check, Mode::Section);
    let page = page(&state, &viewer, header, a, Some(form), mode, errors).await?;
    Ok((status, render(&page)?).into_response())
}

async fn back_with(
    state: &AppState,
    viewer: &Viewer,
    record: &Record,
    aid: &AssessmentId,
    mode: Mode,
    errors: Problems,
) -> AppResult<Response> {
    let a = state.store.assessments().assessment(aid).await?;
    let Opened { header, .. } = record.open(state, viewer, "assessment", "/care").await?;
    let page = page(state, viewer, header, a, None, mode, errors).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
}

/// A refusal of assessment (s11) as the form sends it.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct RefusalForm {
    #[serde(deserialize_with = "crate::forms::ticked")]
    abuse_or_neglect: bool,
    #[serde(deserialize_with = "crate::forms::ticked")]
    lacks_capacity: bool,
    refusal_note: String,
}

/// Records a refusal (s11).
pub async fn refusal(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    record: Record,
    Path(aid): Path<AssessmentId>,
    TypedForm(f): TypedForm<RefusalForm>,
) -> AppResult<Response> {
    let result = state
        .store
        .assessments()
        .record_refusal(&viewer.audit(&state), &aid, f.abuse_or_neglect, f.lacks_capacity, &f.refusal_note)
        .await;
    match result {
        Ok(_) => Ok(Redirect::to(&done::to(&format!("/assessments/{aid}"), Done::RefusalRecorded)).into_response()),
        Err(e) => back_with(&state, &viewer, &record, &aid, Mode::Tasks, crate::forms::refusal(e)?).await,
    }
}

/// No choice made: if the viewer was offered one (the same rule as deciding), that is the
/// problem; otherwise why there was no choice to make.
async fn undecided(state: &AppState, viewer: &Viewer, aid: &AssessmentId, manages: bool) -> AppResult<Problems> {
    let a = state.store.assessments().assessment(aid).await?;
    let me = viewer.user_id().ok_or(AppError::Forbidden)?;
    Ok(no_choice_made(a.submitted_by.as_deref().unwrap_or(""), me.as_str(), manages, a.status.waiting()))
}

/// What a manager chose. Anything else sent (or nothing) is no choice.
#[derive(Deserialize, Default, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum ManagerChoice {
    Approve,
    Return,
    NoAdvocate,
    #[default]
    #[serde(other)]
    None,
}

/// A manager's decision as the form sends it.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct DecisionForm {
    decision: ManagerChoice,
    comment: String,
    exception_reason: String,
}

/// A team manager's decision: approve (issuing the determination) or return with a comment;
/// or, before submission, going ahead without an advocate.
pub async fn decision(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    record: Record,
    Path(aid): Path<AssessmentId>,
    TypedForm(f): TypedForm<DecisionForm>,
) -> AppResult<Response> {
    let manages = viewer.can(Permission::ManageTeamWork);
    let ctx = viewer.audit(&state);
    let settings = practice_settings(&state).await?;
    let council = state.council_name().await.unwrap_or_else(|| "Adult social care".to_owned());
    let council_address = crate::letters::council_address(&state).await?;
    let did = match f.decision {
        ManagerChoice::Approve => Done::AssessmentApproved,
        ManagerChoice::Return => Done::AssessmentReturned,
        ManagerChoice::NoAdvocate | ManagerChoice::None => Done::WithoutAdvocate,
    };
    let result = match f.decision {
        ManagerChoice::Approve => state
            .store
            .assessments()
            .approve_assessment(
                &ctx,
                &aid,
                &Approver {
                    is_manager: manages,
                    council: &council,
                    phone: &settings.phone,
                    council_address: &council_address,
                },
            )
            .await
            .map(|_| ()),
        ManagerChoice::Return => state.store.assessments().return_assessment(&ctx, &aid, manages, &f.comment).await,
        ManagerChoice::NoAdvocate => {
            state.store.assessments().advocacy_exception(&ctx, &aid, manages, &f.exception_reason).await
        }
        ManagerChoice::None => {
            return back_with(
                &state,
                &viewer,
                &record,
                &aid,
                Mode::Tasks,
                undecided(&state, &viewer, &aid, manages).await?,
            )
            .await;
        }
    };
    match result {
        Ok(()) => Ok(Redirect::to(&done::to(&format!("/assessments/{aid}"), did)).into_response()),
        Err(e) => back_with(&state, &viewer, &record, &aid, Mode::Tasks, crate::forms::refusal(e)?).await,
    }
}

/// The written record of the determination (s13(2)), to print or send.
pub async fn letter(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    record: Record,
    Path(aid): Path<AssessmentId>,
) -> AppResult<Response> {
    render(&determination_letter_page(&state, &viewer, &record, &aid, Problems::default()).await?)
}

/// The eligibility letter as a tagged PDF to print or send; `?print=large` for large print.
pub async fn letter_pdf(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    record: Record,
    Path(aid): Path<AssessmentId>,
    Query(q): Query<PrintQuery>,
) -> AppResult<Response> {
    let Some(d) = state.store.assessments().determination_of(&aid).await? else { return Err(AppError::NotFound) };
    record.open(&state, &viewer, "letter-pdf", "/care").await?;
    let print = q.print();
    let bytes = letter_to_pdf(&d.letter, print)?;
    Ok(pdf_response(
        bytes,
        &format!("eligibility-letter-{}", file_part(&d.letter.head.reference, &aid.to_string())),
        print,
    ))
}

async fn determination_letter_page(
    state: &AppState,
    viewer: &Viewer,
    record: &Record,
    aid: &AssessmentId,
    errors: Problems,
) -> AppResult<LetterPage> {
    let Some(d) = state.store.assessments().determination_of(aid).await? else { return Err(AppError::NotFound) };
    let header = record.open(state, viewer, "letter", "/care").await?.header;
    let which = WrittenRecord::Determination(d.id.clone());
    LetterPage::build(
        state,
        viewer,
        header,
        d.letter,
        &which,
        LetterPlace {
            back_href: format!("/assessments/{aid}"),
            back_text: "Back to the assessment",
            about: "This letter is the written record of the eligibility decision (Care Act 2014 section 13(2)).",
            copies_action: format!("/assessments/{aid}/copies"),
            copies_hint: "The person, and anyone they asked for (section 12(3))",
            pdf_href: format!("/assessments/{aid}/letter.pdf"),
        },
        errors,
    )
    .await
}

/// Records who was given the letter, and how.
pub async fn copy_given(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    record: Record,
    Path(aid): Path<AssessmentId>,
    TypedForm(f): TypedForm<CopyGivenForm>,
) -> AppResult<Response> {
    let a = assessment_and_person(&state, &aid).await?;
    let Some(d) = state.store.assessments().determination_of(&aid).await? else { return Err(AppError::NotFound) };
    let which = WrittenRecord::Determination(d.id.clone());
    let errors = match record_copy(&state, &viewer, &a.person_id, &which, &f).await? {
        None => {
            return Ok(
                Redirect::to(&done::to(&format!("/assessments/{aid}/letter"), Done::CopyRecorded)).into_response()
            );
        }
        Some(errors) => errors,
    };
    let page = determination_letter_page(&state, &viewer, &record, &aid, errors).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
}

/// Starting a plan as the form sends it: the reason, when meeting needs that are not eligible.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct StartPlanForm {
    #[serde(deserialize_with = "crate::forms::trimmed")]
    power_reason: String,
}

/// Starts the plan from this assessment's determination.
pub async fn start_plan(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    record: Record,
    Path(aid): Path<AssessmentId>,
    TypedForm(f): TypedForm<StartPlanForm>,
) -> AppResult<Response> {
    let reason = Some(f.power_reason.as_str()).filter(|r| !r.is_empty());
    match state.store.assessments().start_plan(&viewer.audit(&state), &aid, reason).await {
        Ok(pid) => Ok(Redirect::to(&format!("/plans/{pid}")).into_response()),
        Err(e) => back_with(&state, &viewer, &record, &aid, Mode::Tasks, crate::forms::refusal(e)?).await,
    }
}
