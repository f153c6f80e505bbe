//! For finance officers: requests for a financial assessment (from the public calculator or
//! taken by phone), the assessments themselves (drafts saved as they go, completed with a
//! written record, every version kept), and the national figures in use.

pub mod check;
pub mod deferred;
pub mod form;
pub mod sections;

use crate::AppState;
use crate::chrome::{Chrome, render};
use crate::errors::{AppError, AppResult};
use crate::forms::{Fields, Problems, uk_time};
use crate::pages::charging::paying_for_care::{ResultSection, charge_summary as headline, result_sections};
use crate::pdf::{Document, PdfError, Print, TableRow};
use crate::session::Viewer;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use form::{AssessmentForm, MAX_ROWS, SPARE_ROWS, capital_key, housing_key, income_key};
use hearth_domain::charging::estimate::Answers;
use hearth_domain::charging::input::{AssessmentInput, CapitalKind, HousingKind, IncomeKind};
use hearth_domain::charging::money::Period;
use hearth_domain::charging::record::{WrittenRecord, written_record};
use hearth_domain::charging::{Assessment, Outcome, assess};
use hearth_store::charging::{AssessmentRow, Calculated, NewRequest};
use hearth_store::{ChargingRequestId, FinancialAssessmentId, StoreError};
use sections::{Section, SectionState};
use serde::Deserialize;

pub struct RequestRow {
    pub id: ChargingRequestId,
    pub reference: String,
    pub name: String,
    pub received: String,
    pub source: String,
    pub status: String,
    pub estimate: String,
}

pub struct AssessmentListRow {
    pub id: FinancialAssessmentId,
    pub reference: String,
    pub name: String,
    pub status: &'static str,
    pub charge: String,
    pub year: String,
    pub updated: String,
}

fn status_words(status: &str) -> &'static str {
    match status {
        "new" => "New",
        "in-progress" => "Being assessed",
        "closed" => "Closed",
        "draft" => "Draft",
        "complete" => "Complete",
        _ => "Unknown",
    }
}

fn source_words(source: &str) -> &'static str {
    match source {
        "calculator" => "Online, after the estimate",
        "phone" => "Phone call",
        "letter" => "Letter",
        "email" => "Email",
        "practitioner" => "From a practitioner",
        _ => "Other",
    }
}

fn charge_words(charge: Option<hearth_domain::charging::Pence>, outcome: Option<&str>) -> String {
    match (outcome, charge) {
        (Some("full-cost"), Some(c)) => format!("Full cost ({c} a week)"),
        (Some("full-cost"), None) => "Full cost".to_owned(),
        (_, Some(c)) => format!("{c} a week"),
        _ => "Not worked out yet".to_owned(),
    }
}

#[derive(Template)]
#[template(path = "charging/finance_home.html")]
struct HomePage {
    chrome: Chrome,
    requests: Vec<RequestRow>,
    assessments: Vec<AssessmentListRow>,
    total: u64,
    q: String,
    status: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct HomeQuery {
    q: String,
    status: String,
}

pub async fn home(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Query(query): Query<HomeQuery>,
) -> AppResult<Response> {
    let requests = state
        .store
        .charging()
        .charging_requests(true)
        .await?
        .into_iter()
        .map(|r| RequestRow {
            received: uk_time(r.received_at),
            source: source_words(&r.source).to_owned(),
            status: status_words(&r.status).to_owned(),
            estimate: r.estimate.map(|e| format!("{e} a week")).unwrap_or_default(),
            id: r.id,
            reference: r.reference,
            name: r.name,
        })
        .collect();
    let status = Some(query.status.as_str()).filter(|s| ["draft", "complete"].contains(s));
    let (rows, total) = state.store.charging().financial_assessments(Some(&query.q), status, 1, 50).await?;
    let assessments = rows
        .into_iter()
        .map(|a| AssessmentListRow {
            status: status_words(&a.status),
            charge: charge_words(a.weekly_charge, a.outcome.as_deref()),
            year: a.figures_year.unwrap_or_default(),
            updated: uk_time(a.updated_at),
            id: a.id,
            reference: a.reference,
            name: a.person_name,
        })
        .collect();
    render(&HomePage {
        chrome: Chrome::build(&state, &viewer, "/finance").await,
        requests,
        assessments,
        total,
        q: query.q,
        status: query.status,
    })
}

#[derive(Template)]
#[template(path = "charging/finance_request_new.html")]
struct RequestNewPage {
    chrome: Chrome,
    form: RequestForm,
    errors: Problems,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct RequestForm {
    name: String,
    email: String,
    phone: String,
    source: String,
    message: String,
}

pub async fn request_new_form(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
) -> AppResult<Response> {
    let form = RequestForm { source: "phone".into(), ..Default::default() };
    render(&RequestNewPage {
        chrome: Chrome::build(&state, &viewer, "/finance").await,
        form,
        errors: Problems::default(),
    })
}

/// A request taken by phone or letter: the same queue as the online ones.
pub async fn request_new_submit(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Form(form): Form<RequestForm>,
) -> AppResult<Response> {
    let mut errors = Problems::default();
    if form.name.trim().is_empty() {
        errors.add("name", "Enter the person's name");
    }
    if !["phone", "letter", "email", "practitioner"].contains(&form.source.as_str()) {
        errors.add("source", "Choose how the request came in");
    }
    if !form.email.trim().is_empty() && hearth_domain::email::EmailAddress::parse(form.email.trim()).is_err() {
        errors.add("email", "Enter an email address in the right form, like name@example.com");
    }
    if !errors.is_empty() {
        let status = crate::forms::status(&errors);
        let page = RequestNewPage { chrome: Chrome::build(&state, &viewer, "/finance").await, form, errors };
        return Ok((status, render(&page)?).into_response());
    }
    let optional = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
    let request = state
        .store
        .charging()
        .record_charging_request(
            &viewer.audit(&state),
            &NewRequest {
                source: form.source.clone(),
                name: form.name.trim().to_owned(),
                email: optional(&form.email),
                phone: optional(&form.phone),
                preferred_contact: None,
                message: optional(&form.message),
                answers: None,
                estimate: None,
            },
        )
        .await?;
    Ok(Redirect::to(&format!("/finance/requests/{}", request.id)).into_response())
}

#[derive(Template)]
#[template(path = "charging/finance_request.html")]
struct RequestPage {
    chrome: Chrome,
    r: hearth_store::charging::ChargingRequest,
    received: String,
    source: &'static str,
    status: &'static str,
    answers: Vec<crate::pages::charging::paying_for_care::AnswerRow>,
    errors: Problems,
}

pub async fn request_show(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path(id): Path<ChargingRequestId>,
) -> AppResult<Response> {
    request_page(&state, &viewer, &id, Problems::default()).await
}

async fn request_page(
    state: &AppState,
    viewer: &Viewer,
    id: &ChargingRequestId,
    errors: Problems,
) -> AppResult<Response> {
    let r = state.store.charging().view_charging_request(&viewer.audit(state), id).await?.ok_or(AppError::NotFound)?;
    let answers = match &r.answers {
        Some(json) => {
            let a: Answers = serde_json::from_str(json).unwrap_or_default();
            let policy = state.store.charging().charging_policies().await?.on(r.received_at.date_naive());
            crate::pages::charging::paying_for_care::answer_rows(&a, &policy)
        }
        None => Vec::new(),
    };
    let status = crate::forms::status(&errors);
    let page = RequestPage {
        chrome: Chrome::build(state, viewer, "/finance").await,
        received: uk_time(r.received_at),
        source: source_words(&r.source),
        status: status_words(&r.status),
        answers,
        r,
        errors,
    };
    Ok((status, render(&page)?).into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct CloseForm {
    reason: String,
}

pub async fn request_close(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path(id): Path<ChargingRequestId>,
    Form(form): Form<CloseForm>,
) -> AppResult<Response> {
    if form.reason.trim().is_empty() {
        let mut errors = Problems::default();
        errors.add("reason", "Say why the request is closed, for example: they chose to arrange their own care");
        return request_page(&state, &viewer, &id, errors).await;
    }
    match state
        .store
        .charging()
        .set_charging_request_status(&viewer.audit(&state), &id, "closed", Some(form.reason.trim()))
        .await
    {
        Err(StoreError::NotFound) => Err(AppError::NotFound),
        other => {
            other?;
            Ok(Redirect::to("/finance").into_response())
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct NewAssessmentForm {
    person_name: String,
    person_reference: String,
    request_id: String,
}

#[derive(Template)]
#[template(path = "charging/finance_assessment_new.html")]
struct NewAssessmentPage {
    chrome: Chrome,
    form: NewAssessmentForm,
    errors: Problems,
}

pub async fn assessment_new_form(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
) -> AppResult<Response> {
    render(&NewAssessmentPage {
        chrome: Chrome::build(&state, &viewer, "/finance").await,
        form: NewAssessmentForm::default(),
        errors: Problems::default(),
    })
}

fn today(state: &AppState) -> chrono::NaiveDate {
    state.clock.now().with_timezone(&chrono_tz::Europe::London).date_naive()
}

/// Starts an assessment, blank or from a request (taking the resident's calculator answers when
/// they sent them).
pub async fn assessment_new_submit(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Form(form): Form<NewAssessmentForm>,
) -> AppResult<Response> {
    let ctx = viewer.audit(&state);
    let request = match form.request_id.as_str() {
        "" => None,
        id => Some(
            state
                .store
                .charging()
                .view_charging_request(&ctx, &ChargingRequestId::from(id))
                .await?
                .ok_or(AppError::NotFound)?,
        ),
    };
    let name = request.as_ref().map(|r| r.name.clone()).unwrap_or_else(|| form.person_name.trim().to_owned());
    if name.is_empty() {
        let mut errors = Problems::default();
        errors.add("person_name", "Enter the person's name");
        let status = crate::forms::status(&errors);
        let page = NewAssessmentPage { chrome: Chrome::build(&state, &viewer, "/finance").await, form, errors };
        return Ok((status, render(&page)?).into_response());
    }
    let reference = form.person_reference.trim();
    // A record's reference makes the assessment part of that person's record: for a restricted
    // record, only with access granted.
    let person_id = match state.store.people().person_by_reference(&reference.to_ascii_uppercase()).await? {
        Some(person) if !crate::records::finance_may_open(&state, &viewer, &person).await? => {
            let mut errors = Problems::default();
            errors.add(
                "person_reference",
                "That record is restricted. Ask the information governance lead for access, or leave the reference empty",
            );
            let page = NewAssessmentPage { chrome: Chrome::build(&state, &viewer, "/finance").await, form, errors };
            return Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response());
        }
        found => found,
    };
    let mut draft = AssessmentForm::blank(&name, reference, today(&state));
    if let Some(answers) = request.as_ref().and_then(|r| r.answers.as_deref()) {
        let a: Answers = serde_json::from_str(answers).unwrap_or_default();
        let policy = state.store.charging().charging_policies().await?.on(today(&state));
        let input = hearth_domain::charging::estimate::to_input(&a, &policy, today(&state));
        draft = AssessmentForm::from_input(
            &input,
            &name,
            reference,
            "Started from the resident's answers to the online estimate: check each item with them.",
        );
    }
    let created = state
        .store
        .charging()
        .create_financial_assessment(
            &ctx,
            &name,
            Some(reference).filter(|r| !r.is_empty()),
            person_id.as_ref(),
            request.as_ref().map(|r| &r.id),
            &serde_json::to_string(&draft).expect("forms serialise"),
        )
        .await?;
    Ok(Redirect::to(&format!("/finance/assessments/{}/edit", created.id)).into_response())
}

pub struct VersionView {
    pub version: i32,
    pub status: &'static str,
    pub saved: String,
    pub reason: String,
    pub charge: String,
    pub year: String,
}

#[derive(Template)]
#[template(path = "charging/finance_assessment.html")]
struct AssessmentPage {
    chrome: Chrome,
    id: FinancialAssessmentId,
    reference: String,
    person: String,
    status: &'static str,
    complete: bool,
    headline: Option<String>,
    applies_from: String,
    year: String,
    sections: Vec<ResultSection>,
    unconfirmed: Vec<String>,
    versions: Vec<VersionView>,
    done: bool,
    viewing_version: Option<i32>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct DoneQuery {
    done: Option<String>,
    /// The section of the form to show on its own (the task list's links).
    section: Option<String>,
}

async fn assessment_page(
    state: &AppState,
    viewer: &Viewer,
    id: &FinancialAssessmentId,
    version: Option<i32>,
    done: bool,
) -> AppResult<Response> {
    let row =
        state.store.charging().view_financial_assessment(&viewer.audit(state), id).await?.ok_or(AppError::NotFound)?;
    let versions = state.store.charging().financial_assessment_versions(id).await?;
    let (result, year, applies) = match version {
        Some(n) => {
            let v = versions.iter().find(|v| v.version == n).ok_or(AppError::NotFound)?;
            (v.result.clone(), v.figures_year.clone(), v.effective_from)
        }
        None => (row.result.clone(), row.figures_year.clone(), row.effective_from),
    };
    let assessment: Option<Assessment> = result.as_deref().and_then(|r| serde_json::from_str(r).ok());
    let page = AssessmentPage {
        chrome: Chrome::build(state, viewer, "/finance").await,
        id: row.id.clone(),
        reference: row.reference.clone(),
        person: row.person_name.clone(),
        status: status_words(&row.status),
        complete: row.status == "complete" && version.is_none(),
        headline: assessment.as_ref().map(headline),
        applies_from: applies.map(|d| d.format("%-d %B %Y").to_string()).unwrap_or_default(),
        year: year.unwrap_or_default(),
        sections: assessment.as_ref().map(result_sections).unwrap_or_default(),
        unconfirmed: assessment.as_ref().map(|a| a.unconfirmed_figures.clone()).unwrap_or_default(),
        versions: versions
            .iter()
            .map(|v| VersionView {
                version: v.version,
                status: status_words(&v.status),
                saved: uk_time(v.saved_at),
                reason: v.reason.clone(),
                charge: charge_words(v.weekly_charge, None),
                year: v.figures_year.clone().unwrap_or_default(),
            })
            .collect(),
        done,
        viewing_version: version,
    };
    render(&page)
}

pub async fn assessment_show(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path(id): Path<FinancialAssessmentId>,
    Query(q): Query<DoneQuery>,
) -> AppResult<Response> {
    assessment_page(&state, &viewer, &id, None, q.done.is_some()).await
}

pub async fn version_show(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path((id, version)): Path<(FinancialAssessmentId, i32)>,
) -> AppResult<Response> {
    assessment_page(&state, &viewer, &id, Some(version), false).await
}

/// One choice of a select.
pub struct Opt {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

fn opts(list: &[(String, String)], current: &str) -> Vec<Opt> {
    list.iter().map(|(v, l)| Opt { value: v.clone(), label: l.clone(), selected: v == current }).collect()
}

fn period_opts(current: &str) -> Vec<Opt> {
    let current = if current.is_empty() { "weekly" } else { current };
    Period::ALL
        .iter()
        .map(|p| Opt { value: p.key().to_owned(), label: p.label().to_owned(), selected: p.key() == current })
        .collect()
}

fn capital_kinds() -> Vec<(String, String)> {
    std::iter::once((String::new(), "Choose".to_owned()))
        .chain(CapitalKind::ALL.iter().map(|k| (capital_key(*k).to_owned(), k.label().to_owned())))
        .collect()
}

fn income_kinds() -> Vec<(String, String)> {
    std::iter::once((String::new(), "Choose".to_owned()))
        .chain(IncomeKind::ALL.iter().map(|k| (income_key(*k), k.label().to_owned())))
        .collect()
}

fn housing_kinds() -> Vec<(String, String)> {
    std::iter::once((String::new(), "Choose".to_owned()))
        .chain(HousingKind::ALL.iter().map(|k| (housing_key(*k), k.label().to_owned())))
        .collect()
}

/// Who may still live in the home: the keys are `Occupant`'s names in the form (tested there).
pub(crate) fn occupants() -> Vec<(String, String)> {
    [
        ("", "No one who counts"),
        ("partner", "Their partner"),
        ("relative-over60", "A relative aged 60 or over"),
        ("incapacitated-relative", "A relative who is incapacitated"),
        ("child-under18", "Their child under 18"),
        ("former-partner-lone-parent", "A former partner who is a lone parent"),
    ]
    .iter()
    .map(|(v, l)| ((*v).to_owned(), (*l).to_owned()))
    .collect()
}

pub struct RowField {
    pub id: String,
    pub value: String,
    pub error: Option<String>,
}

pub struct CapitalView {
    pub n: usize,
    pub kind: Vec<Opt>,
    pub kind_id: String,
    pub kind_error: Option<String>,
    pub description: RowField,
    pub value: RowField,
    pub owners: RowField,
    pub sale_costs: bool,
    pub secured_debt: RowField,
    pub occupied: Vec<Opt>,
    pub moved_in_after: bool,
    pub discretionary: RowField,
    pub evidence: RowField,
    pub prefix: String,
}

pub struct IncomeView {
    pub n: usize,
    pub prefix: String,
    pub kind: Vec<Opt>,
    pub kind_error: Option<String>,
    pub description: RowField,
    pub amount: RowField,
    pub period: Vec<Opt>,
    pub joint: bool,
    pub rate: Vec<Opt>,
    pub half_to_spouse: bool,
    pub notional: bool,
    pub evidence: RowField,
}

pub struct HousingView {
    pub n: usize,
    pub prefix: String,
    pub kind: Vec<Opt>,
    pub kind_error: Option<String>,
    pub amount: RowField,
    pub period: Vec<Opt>,
    pub paid_by_benefits: RowField,
    pub shared: bool,
    pub evidence: RowField,
}

pub struct ExpenseView {
    pub n: usize,
    pub prefix: String,
    pub description: RowField,
    pub amount: RowField,
    pub period: Vec<Opt>,
    pub evidence: RowField,
}

fn field(errors: &Problems, id: String, value: &str) -> RowField {
    RowField { error: errors.get(&id).map(str::to_owned), id, value: value.to_owned() }
}

fn rows_with_spares<T: Default + Clone>(rows: &[T]) -> Vec<T> {
    let mut out = rows.to_vec();
    let n = (rows.len() + SPARE_ROWS).min(MAX_ROWS);
    out.resize(n, T::default());
    out
}

#[derive(Template)]
#[template(path = "charging/finance_assessment_edit.html")]
struct EditPage {
    chrome: Chrome,
    id: FinancialAssessmentId,
    reference: String,
    version: i32,
    f: AssessmentForm,
    errors: Problems,
    capital: Vec<CapitalView>,
    income: Vec<IncomeView>,
    housing: Vec<HousingView>,
    expenses: Vec<ExpenseView>,
    premium_opts: [Vec<Opt>; 3],
    headline: Option<String>,
    sections: Vec<ResultSection>,
    unconfirmed: Vec<String>,
    saved: bool,
    /// The one section shown, from the task list; empty for the whole form at once.
    section: String,
    section_title: String,
    was_complete: bool,
}

/// Which assessment an edit page is for.
struct Editing<'a> {
    id: &'a FinancialAssessmentId,
    reference: &'a str,
    /// The version the form was loaded from, sent back to detect someone else's save.
    version: i32,
    was_complete: bool,
}

fn edit_page(
    chrome: Chrome,
    which: Editing,
    f: AssessmentForm,
    errors: Problems,
    calculated: Option<&Assessment>,
    saved: Option<&str>,
    section: Option<Section>,
) -> AppResult<Response> {
    let Editing { id, reference, version, was_complete } = which;
    let capital = rows_with_spares(&f.capital)
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let p = format!("capital-{i}");
            CapitalView {
                n: i + 1,
                kind: opts(&capital_kinds(), &r.kind),
                kind_id: format!("{p}-kind"),
                kind_error: errors.get(&format!("{p}-kind")).map(str::to_owned),
                description: field(&errors, format!("{p}-description"), &r.description),
                value: field(&errors, format!("{p}-value"), &r.value),
                owners: field(&errors, format!("{p}-owners"), &r.owners),
                sale_costs: r.sale_costs,
                secured_debt: field(&errors, format!("{p}-secured_debt"), &r.secured_debt),
                occupied: opts(&occupants(), &r.occupied_by),
                moved_in_after: r.moved_in_after,
                discretionary: field(&errors, format!("{p}-discretionary"), &r.discretionary),
                evidence: field(&errors, format!("{p}-evidence"), &r.evidence),
                prefix: p,
            }
        })
        .collect();
    let rates: Vec<(String, String)> = [
        ("", "Not a disability benefit"),
        ("higher", "Higher (AA higher, DLA highest, PIP enhanced)"),
        ("lower", "Lower (AA lower, DLA middle, PIP standard)"),
        ("lowest", "DLA care lowest"),
    ]
    .iter()
    .map(|(v, l)| ((*v).to_owned(), (*l).to_owned()))
    .collect();
    let income = rows_with_spares(&f.income)
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let p = format!("income-{i}");
            IncomeView {
                n: i + 1,
                kind: opts(&income_kinds(), &r.kind),
                kind_error: errors.get(&format!("{p}-kind")).map(str::to_owned),
                description: field(&errors, format!("{p}-description"), &r.description),
                amount: field(&errors, format!("{p}-amount"), &r.amount),
                period: period_opts(&r.period),
                joint: r.joint,
                rate: opts(&rates, &r.rate),
                half_to_spouse: r.half_to_spouse,
                notional: r.notional,
                evidence: field(&errors, format!("{p}-evidence"), &r.evidence),
                prefix: p,
            }
        })
        .collect();
    let housing = rows_with_spares(&f.housing)
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let p = format!("housing-{i}");
            HousingView {
                n: i + 1,
                kind: opts(&housing_kinds(), &r.kind),
                kind_error: errors.get(&format!("{p}-kind")).map(str::to_owned),
                amount: field(&errors, format!("{p}-amount"), &r.amount),
                period: period_opts(&r.period),
                paid_by_benefits: field(&errors, format!("{p}-paid_by_benefits"), &r.paid_by_benefits),
                shared: r.shared,
                evidence: field(&errors, format!("{p}-evidence"), &r.evidence),
                prefix: p,
            }
        })
        .collect();
    let expenses = rows_with_spares(&f.expenses)
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let p = format!("expense-{i}");
            ExpenseView {
                n: i + 1,
                description: field(&errors, format!("{p}-description"), &r.description),
                amount: field(&errors, format!("{p}-amount"), &r.amount),
                period: period_opts(&r.period),
                evidence: field(&errors, format!("{p}-evidence"), &r.evidence),
                prefix: p,
            }
        })
        .collect();
    let tri: Vec<(String, String)> = [("auto", "Work it out from the benefits"), ("yes", "Yes"), ("no", "No")]
        .iter()
        .map(|(v, l)| ((*v).to_owned(), (*l).to_owned()))
        .collect();
    let premium_opts =
        [opts(&tri, &f.disability_premium), opts(&tri, &f.enhanced_disability_premium), opts(&tri, &f.carer_premium)];
    let status = crate::forms::status(&errors);
    let page = EditPage {
        chrome,
        id: id.to_owned(),
        reference: reference.to_owned(),
        version,
        capital,
        income,
        housing,
        expenses,
        premium_opts,
        headline: calculated.map(headline),
        sections: calculated.map(result_sections).unwrap_or_default(),
        unconfirmed: calculated.map(|a| a.unconfirmed_figures.clone()).unwrap_or_default(),
        f,
        errors,
        saved: saved.is_some(),
        section: section.map(Section::key).unwrap_or_default().to_owned(),
        section_title: section.map(Section::title).unwrap_or_default().to_owned(),
        was_complete,
    };
    Ok((status, render(&page)?).into_response())
}

/// The form as it stands: a completed assessment (perhaps uprated since) as it now is, else the
/// saved draft, else a new form.
pub(super) fn form_of(row: &AssessmentRow, today: chrono::NaiveDate) -> AssessmentForm {
    let reference = row.person_reference.as_deref().unwrap_or("");
    let draft: Option<AssessmentForm> =
        serde_json::from_str(&row.draft).ok().filter(|d: &AssessmentForm| !d.person_name.is_empty());
    let completed: Option<AssessmentInput> =
        row.input.as_deref().filter(|_| row.status == "complete").and_then(|i| serde_json::from_str(i).ok());
    match (completed, draft) {
        (Some(input), draft) => AssessmentForm::from_input(
            &input,
            &row.person_name,
            reference,
            draft.as_ref().map_or("", |d| d.notes.as_str()),
        ),
        (None, Some(draft)) => draft,
        (None, None) => AssessmentForm::blank(&row.person_name, reference, today),
    }
}

/// The task list, or with `?section=` one section of the form on its own page.
pub async fn assessment_edit_form(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path(id): Path<FinancialAssessmentId>,
    Query(q): Query<DoneQuery>,
) -> AppResult<Response> {
    let row = state
        .store
        .charging()
        .view_financial_assessment(&viewer.audit(&state), &id)
        .await?
        .ok_or(AppError::NotFound)?;
    let f = form_of(&row, today(&state));
    let chrome = Chrome::build(&state, &viewer, "/finance").await;
    let Some(section) = q.section.as_deref().and_then(Section::from_key) else {
        return check::task_list(chrome, &row, &f, today(&state), q.done.as_deref());
    };
    // The section's own problems, once it has been started: a new section opens clean.
    let blank = AssessmentForm::blank(&row.person_name, "", today(&state));
    let problems = f.to_input().err().unwrap_or_default();
    let errors = match section.state(&f, &blank, &problems) {
        SectionState::NeedsAttention => problems.only(|field| Section::of_problem(field) == section),
        _ => Problems::default(),
    };
    let which = Editing {
        id: &row.id,
        reference: &row.reference,
        version: row.version,
        was_complete: row.status == "complete",
    };
    // The saved draft's problems are shown, but this is a page asked for, not a form refused.
    let mut page = edit_page(chrome, which, f, errors, None, None, Some(section))?;
    *page.status_mut() = axum::http::StatusCode::OK;
    Ok(page)
}

/// Works the form out with the figures and policy for its date.
async fn calculate(state: &AppState, input: &AssessmentInput) -> AppResult<Result<(Assessment, Calculated), String>> {
    let book = state.store.charging().charging_figures().await?;
    let Some(figures) = book.on(input.date) else {
        return Ok(Err(format!("Hearth has no national figures for {}", input.date.format("%-d %B %Y"))));
    };
    let policy = state.store.charging().charging_policies().await?.on(input.date);
    match assess(input, figures, &policy) {
        Err(e) => Ok(Err(e.to_string())),
        Ok(a) => {
            let calculated = Calculated {
                input: serde_json::to_string(input).expect("inputs serialise"),
                result: serde_json::to_string(&a).expect("assessments serialise"),
                weekly_charge: a.weekly_charge,
                outcome: if a.outcome == Outcome::FullCost { "full-cost".into() } else { "charge".into() },
                figures_year: a.figures_year.clone(),
                effective_from: input.date,
            };
            Ok(Ok((a, calculated)))
        }
    }
}

pub async fn assessment_edit_submit(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path(id): Path<FinancialAssessmentId>,
    Form(fields): Form<Fields>,
) -> AppResult<Response> {
    let ctx = viewer.audit(&state);
    let row = state.store.charging().view_financial_assessment(&ctx, &id).await?.ok_or(AppError::NotFound)?;
    // A section's page sends only its own answers: the rest come from the saved draft.
    let only = Section::from_key(fields.get("section"));
    let f = match only {
        Some(section) => {
            let mut f = form_of(&row, today(&state));
            f.take_section(section, AssessmentForm::from_fields(&fields));
            f
        }
        None => AssessmentForm::from_fields(&fields),
    };
    let expected: i32 = fields.get("version").parse().unwrap_or(-1);
    let action = fields.get("action").to_owned();
    let draft = serde_json::to_string(&f).expect("forms serialise");
    let chrome = Chrome::build(&state, &viewer, "/finance").await;
    let was_complete = row.status == "complete";
    // Work it out if it adds up; a draft can be saved either way.
    let parsed = f.to_input();
    let worked = match &parsed {
        Ok(input) => Some(calculate(&state, input).await?),
        Err(_) => None,
    };
    let mut errors = match &parsed {
        Err(e) => e.clone(),
        Ok(_) => Problems::default(),
    };
    if let Some(Err(problem)) = &worked {
        errors.add("date", problem.clone());
    }
    let (assessment, calculated) = match worked {
        Some(Ok((a, c))) => (Some(a), Some(c)),
        _ => (None, None),
    };
    let what = "this financial assessment";
    let stale = |chrome, message: String| -> AppResult<Response> {
        let mut errors = Problems::default();
        errors.add(crate::edits::CHANGED, message);
        // Saving again from here saves over the version there is now, as the notice says.
        let which = Editing { id: &row.id, reference: &row.reference, version: row.version, was_complete };
        edit_page(chrome, which, f.clone(), errors, None, None, only)
    };
    match action.as_str() {
        "save" => {
            match state
                .store
                .charging()
                .save_financial_assessment(&ctx, &id, expected, &draft, calculated.as_ref())
                .await
            {
                Err(StoreError::Stale) => {
                    let message =
                        crate::edits::changed_meanwhile(&state, &viewer, "financial-assessment", &[id.as_str()], what)
                            .await?;
                    return stale(chrome, message);
                }
                other => other?,
            };
            // Back to the task list, which says what was saved.
            let back = match only {
                Some(s) => format!("/finance/assessments/{id}/edit?done={}", s.key()),
                None => format!("/finance/assessments/{id}/edit?done=1"),
            };
            Ok(Redirect::to(&back).into_response())
        }
        "complete" if errors.is_empty() => {
            let (a, c) = (assessment.expect("worked out"), calculated.expect("worked out"));
            match complete(&state, &viewer, &row, &f, expected, &a, &c).await? {
                Some(done) => Ok(done),
                None => {
                    let message =
                        crate::edits::changed_meanwhile(&state, &viewer, "financial-assessment", &[id.as_str()], what)
                            .await?;
                    stale(chrome, message)
                }
            }
        }
        _ => {
            let which = Editing { id: &row.id, reference: &row.reference, version: row.version, was_complete };
            edit_page(chrome, which, f, errors, assessment.as_ref(), None, only)
        }
    }
}

/// Completes the assessment as worked out and writes the record (signed, to whoever the person's
/// letters go to). None when someone else saved it after `expected`: nothing is written.
pub(super) async fn complete(
    state: &AppState,
    viewer: &Viewer,
    row: &AssessmentRow,
    f: &AssessmentForm,
    expected: i32,
    a: &Assessment,
    c: &Calculated,
) -> AppResult<Option<Response>> {
    let council = state.council_name().await.unwrap_or_else(|| "The council".to_owned());
    let mut record = written_record(&council, &row.reference, f.person_name.trim(), today(state), c.effective_from, a);
    crate::letters::sign(state, viewer, row.person_id.as_ref(), &mut record.head).await?;
    record.greet_addressee();
    let record = serde_json::to_string(&record).expect("records serialise");
    let draft = serde_json::to_string(f).expect("forms serialise");
    let ctx = viewer.audit(state);
    match state.store.charging().complete_financial_assessment(&ctx, &row.id, expected, &draft, c, &record).await {
        Err(StoreError::Stale) => Ok(None),
        other => {
            other?;
            Ok(Some(Redirect::to(&format!("/finance/assessments/{}/record?done=1", row.id)).into_response()))
        }
    }
}

#[derive(Template)]
#[template(path = "charging/finance_record.html")]
struct RecordPage {
    chrome: Chrome,
    id: FinancialAssessmentId,
    r: WrittenRecord,
    written_on: String,
    done: bool,
}

async fn record_of(state: &AppState, viewer: &Viewer, id: &FinancialAssessmentId) -> AppResult<WrittenRecord> {
    let row =
        state.store.charging().view_financial_assessment(&viewer.audit(state), id).await?.ok_or(AppError::NotFound)?;
    let record = row.record.as_deref().filter(|_| row.status == "complete").ok_or(AppError::NotFound)?;
    serde_json::from_str(record).map_err(|e| AppError::Internal(format!("a stored record could not be read: {e}")))
}

pub async fn record(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path(id): Path<FinancialAssessmentId>,
    Query(q): Query<DoneQuery>,
) -> AppResult<Response> {
    let r = record_of(&state, &viewer, &id).await?;
    let page = RecordPage {
        chrome: Chrome::build(&state, &viewer, "/finance").await,
        id,
        written_on: r.written_on.format("%-d %B %Y").to_string(),
        r,
        done: q.done.is_some(),
    };
    render(&page)
}

/// The written record as a tagged PDF, to print or post; `?print=large` for large print.
pub async fn record_pdf(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path(id): Path<FinancialAssessmentId>,
    Query(q): Query<crate::letters::PrintQuery>,
) -> AppResult<Response> {
    let r = record_of(&state, &viewer, &id).await?;
    let print = q.print();
    let bytes = record_to_pdf(&r, print)?;
    Ok(crate::letters::pdf_response(bytes, &format!("financial-assessment-{}", r.reference), print))
}

pub fn record_to_pdf(r: &WrittenRecord, print: Print) -> Result<Vec<u8>, PdfError> {
    let mut doc =
        Document::new(&format!("{}: {}", r.title, r.person), &format!("Our reference: {}", r.reference), print);
    crate::letters::head_to_pdf(&mut doc, &r.head, &r.council, &r.reference);
    if r.head.date.is_none() {
        doc.paragraph(&format!("Date: {}", r.written_on.format("%-d %B %Y")));
    }
    doc.heading(&r.title, 1);
    doc.strong_paragraph(&r.summary);
    for p in &r.introduction {
        doc.paragraph(p);
    }
    for s in &r.sections {
        doc.heading(&s.heading, 2);
        let rows: Vec<TableRow> = s
            .rows
            .iter()
            .map(|row| TableRow {
                // Only what changes the sum is said: left out, or taken off.
                label: match row.effect.as_str() {
                    "not counted" => format!("{} (we leave this out)", row.label),
                    "taken off" => format!("{} (we take this off)", row.label),
                    _ => row.label.clone(),
                },
                note: row.working.clone(),
                amount: row.amount.clone(),
                strong: row.effect == "total" || row.effect == "you pay",
            })
            .collect();
        doc.table(("What", "Amount"), &rows);
    }
    doc.heading("What happens next", 2);
    doc.list(&r.next_steps, false);
    doc.note(&format!("Worked out with the national figures for {}.", r.figures_year));
    crate::letters::sign_off_to_pdf(&mut doc, &r.head);
    doc.heading("The law behind this letter", 2);
    doc.list(&r.law(), true);
    doc.finish()
}

pub struct FigureRow {
    pub name: &'static str,
    pub amount: String,
    pub confidence: &'static str,
    pub confirmed: bool,
    pub source: String,
}

pub struct YearView {
    pub year: String,
    pub valid_from: String,
    pub source: String,
    pub origin: String,
    pub in_use: bool,
    pub figures: Vec<FigureRow>,
}

pub struct RateView {
    pub from: String,
    pub percent: String,
    pub confidence: &'static str,
    pub source: String,
}

#[derive(Template)]
#[template(path = "charging/finance_figures.html")]
struct FiguresPage {
    chrome: Chrome,
    years: Vec<YearView>,
    rates: Vec<RateView>,
    policy: Vec<(String, String)>,
    policy_from: String,
}

pub async fn figures(State(state): State<AppState>, Extension(viewer): Extension<Viewer>) -> AppResult<Response> {
    let book = state.store.charging().charging_figures().await?;
    let origins = state.store.charging().charging_reference_rows().await?;
    let today = today(&state);
    let in_use = book.on(today).map(|y| y.year.clone());
    let years = book
        .years()
        .iter()
        .rev()
        .map(|y| YearView {
            in_use: Some(&y.year) == in_use.as_ref(),
            origin: origins
                .iter()
                .find(|o| o.key == format!("national:{}", y.year))
                .map_or("Hearth's own file", |o| {
                    if o.origin == "imported" { "Imported by the council" } else { "Hearth's own file" }
                })
                .to_owned(),
            year: y.year.clone(),
            valid_from: y.valid_from.format("%-d %B %Y").to_string(),
            source: y.source.clone(),
            figures: y
                .all()
                .into_iter()
                .map(|(name, f)| FigureRow {
                    name,
                    amount: f.amount.to_string(),
                    confidence: f.confidence.label(),
                    confirmed: f.confidence.confirmed(),
                    source: f.source.clone(),
                })
                .chain(y.rises().into_iter().map(|(name, r)| FigureRow {
                    name,
                    amount: format!("{}%", r.percent),
                    confidence: r.confidence.label(),
                    confirmed: r.confidence.confirmed(),
                    source: r.source.clone(),
                }))
                .collect(),
        })
        .collect();
    let rates = state
        .store
        .charging()
        .interest_rates()
        .await?
        .rates
        .iter()
        .rev()
        .map(|r| RateView {
            from: r.from.format("%-d %B %Y").to_string(),
            percent: format!("{}%", r.percent),
            confidence: r.confidence.label(),
            source: r.source.clone(),
        })
        .collect();
    let policy = state.store.charging().charging_policies().await?.on(today);
    let page = FiguresPage {
        chrome: Chrome::build(&state, &viewer, "/finance").await,
        years,
        rates,
        policy_from: policy.effective_from.format("%-d %B %Y").to_string(),
        policy: crate::pages::admin::charging::policy_summary(&policy),
    };
    render(&page)
}
