//! Every id a request names is checked here, in one place, before any handler runs.
//!
//! Each `{param}` of every route in `routes.rs` is declared by [`names`]: the kind of record it
//! names. The router refuses to start with an undeclared one. For each request, [`guard`] then:
//!
//! 1. refuses ids that cannot be ids (control characters, or too long) as not found;
//! 2. loads whose each record is, and refuses (not found) a record that does not exist, or that
//!    is not under the record before it in the path (`/people/A/notes/N` needs a note about A);
//! 3. decides whether the viewer may act on it: for people's records a legitimate relationship
//!    (`hearth_domain::people::access`), and for a change to a record shared by several people
//!    (a note about several, a relationship) one with each of them; for financial records, a
//!    grant when the person's record is restricted; at the front door, membership of a
//!    front-door team; for directory entries, the organisations a provider may update.
//!
//! What it decided goes into the request as [`Checked`], which handlers read through the
//! [`Record`] extractor. Ids that come in a form rather than the path (the record to merge, the
//! people a note is also about, a relationship's other person) are checked with [`may_open`].

use crate::AppState;
use crate::errors::{AppError, AppResult};
use crate::session::Viewer;
use axum::extract::{FromRequestParts, RawPathParams, Request};
use axum::http::Method;
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use hearth_domain::access::{Access, Permission};
use hearth_domain::people::access::{Basis, Decision, decide};
use hearth_store::records::RecordKind;
use hearth_store::{PersonId, ServiceId};
use std::sync::Arc;

/// What one `{param}` of a route names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Names {
    Record(RecordKind),
    /// A directory entry: any for directory editors, their organisations' for providers.
    Service,
    /// A place of a directory entry (a service at a location), under its entry.
    Place,
    /// Public things (a published service, an asset, a step of the estimate): their handlers
    /// answer not found for what does not exist, and there is nobody's record to protect.
    Public,
}

/// What the `{param}` in `path` names; `None` when nothing declares it (the router refuses to
/// start, and a test names it). The kind follows from the word before it in the path.
pub fn names(path: &str, param: &str) -> Option<Names> {
    use Names::{Place, Public, Record, Service};
    use RecordKind::*;
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let at = segments.iter().position(|s| *s == format!("{{{param}}}"))?;
    let area = segments[0];
    let before = segments.get(at.checked_sub(1)?)?;
    Some(match (area, *before) {
        ("find-support" | "api" | "assets" | "paying-for-care", _) => Public,
        ("people" | "governance", "people") => Record(Person),
        ("people", "notes") => Record(Note),
        ("people", "network") => Record(Relationship),
        ("people", "connections") => Record(Connection),
        ("people", "warnings") => Record(Warning),
        ("people", "representatives") => Record(Representative),
        ("people", "conversations") => Record(Conversation),
        ("people", "tasks") => Record(Task),
        ("people", "capacity") => Record(Capacity),
        ("assessments", "assessments") => Record(Assessment),
        ("plans", "plans") => Record(Plan),
        ("plans", "lines") => Record(ServiceLine),
        ("front-door", "contacts") => Record(Contact),
        ("finance", "requests") => Record(ChargingRequest),
        ("finance", "assessments") => Record(FinancialAssessment),
        ("finance", "versions") => Record(FinanceVersion),
        ("governance", "grants" | "break-glass") => Record(Grant),
        ("governance", "subject-access") => Record(SubjectAccess),
        ("directory", "services") => Service,
        ("directory", "places") => Place,
        ("directory", "organisations") => Record(Organisation),
        ("directory", "changes") => Record(Change),
        ("directory", "problems") => Record(Problem),
        ("admin", "users") => Record(User),
        ("admin", "teams") => Record(Team),
        ("admin", "members") => Record(Member),
        _ => return None,
    })
}

/// The `{param}`s of `path`, in order, with what each names; an error names an undeclared one.
pub fn declared(path: &str) -> Result<Vec<(String, Names)>, String> {
    path.split('/')
        .filter_map(|s| s.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
        .map(|param| match names(path, param) {
            Some(n) => Ok((param.to_owned(), n)),
            None => Err(format!("{path}: nothing declares what {{{param}}} names (records::names)")),
        })
        .collect()
}

/// Whether the kind is part of a person's record, opened on a legitimate relationship.
fn personal(kind: RecordKind) -> bool {
    use RecordKind::*;
    matches!(
        kind,
        Person
            | Note
            | Relationship
            | Connection
            | Warning
            | Representative
            | Conversation
            | Task
            | Assessment
            | Plan
            | ServiceLine
            | Capacity
    )
}

/// The people a request was allowed to act on, and on what basis (none where the viewer's role
/// is the basis: information governance, finance).
#[derive(Clone, Debug, Default)]
pub struct Checked {
    pub people: Vec<(PersonId, Option<Basis>)>,
}

/// The longest id Hearth makes or imports; anything longer cannot name a record.
const LONGEST_ID: usize = 200;

fn plausible_id(value: &str) -> bool {
    !value.is_empty() && value.len() <= LONGEST_ID && !value.chars().any(char::is_control)
}

/// The one check of every id in a request. `route` is the route's path and `ids` what
/// [`declared`] found in it.
pub async fn guard(
    route: &'static str,
    ids: Arc<Vec<(String, Names)>>,
    access: Access,
    state: AppState,
    req: Request,
    next: Next,
) -> Response {
    match check(route, &ids, access, &state, req).await {
        Ok(Ok(req)) => next.run(req).await,
        Ok(Err(response)) => response,
        Err(e) => e.into_response(),
    }
}

async fn check(
    route: &str,
    ids: &[(String, Names)],
    access: Access,
    state: &AppState,
    req: Request,
) -> AppResult<Result<Request, Response>> {
    let (mut parts, body) = req.into_parts();
    let params = RawPathParams::from_request_parts(&mut parts, state).await.map_err(|_| AppError::NotFound)?;
    let values: Vec<(String, String)> = params.iter().map(|(k, v)| (k.to_owned(), v.to_owned())).collect();
    if values.iter().any(|(_, v)| !plausible_id(v)) {
        return Err(AppError::NotFound);
    }
    // Public routes protect nobody's record; their handlers answer for what does not exist.
    let Access::Staff(permission) = access else { return Ok(Ok(Request::from_parts(parts, body))) };
    let viewer = parts.extensions.get::<Viewer>().cloned().ok_or(AppError::Forbidden)?;
    let writes = parts.method != Method::GET && parts.method != Method::HEAD;
    let path = parts.uri.path().to_owned();
    // Each record in the path must exist and sit under the one before it. Everyone whose record
    // any of them is part of is gathered, the path's own person first.
    let mut previous: Option<(Names, String)> = None;
    let mut last: Option<RecordKind> = None;
    let mut people: Vec<PersonId> = Vec::new();
    for (param, kind) in ids {
        let value = values.iter().find(|(k, _)| k == param).map(|(_, v)| v.as_str()).ok_or(AppError::NotFound)?;
        match kind {
            Names::Public => {}
            Names::Service => {
                crate::pages::directory::services::load(state, &viewer, &ServiceId::from(value)).await?;
            }
            Names::Place => {
                let Some((Names::Service, service)) = &previous else { return Err(AppError::NotFound) };
                let entry =
                    crate::pages::directory::services::load(state, &viewer, &ServiceId::from(service.as_str())).await?;
                if !entry.service().service_at_locations.iter().any(|p| p.id == value) {
                    return Err(AppError::NotFound);
                }
            }
            Names::Record(record) => {
                let parent = previous.as_ref().map(|(_, id)| id.as_str());
                let owner = state.store.owner_of(*record, value, parent).await?.ok_or(AppError::NotFound)?;
                if let Some((before, before_id)) = &previous {
                    let under = match before {
                        Names::Record(RecordKind::Person) => owner.people.iter().any(|p| p == before_id),
                        _ => owner.parent.as_deref() == Some(before_id.as_str()),
                    };
                    if !under {
                        return Err(AppError::NotFound);
                    }
                }
                if let Some(now_at) = &owner.merged_into {
                    // A merged record lives on as the one it became.
                    return Ok(Err(Redirect::to(&format!("/people/{now_at}")).into_response()));
                }
                for person in owner.people {
                    if !people.contains(&person) {
                        people.push(person);
                    }
                }
                last = Some(*record);
            }
        }
        previous = Some((*kind, value.to_owned()));
    }
    let Some(kind) = last else { return Ok(Ok(Request::from_parts(parts, body))) };
    let mut checked = Checked::default();
    match (kind, permission) {
        // Breaking the glass is how someone without a relationship gets one; information
        // governance is the lead's role.
        (RecordKind::Person, _) if route.ends_with("/break-glass") => {
            checked.people = people.into_iter().map(|p| (p, None)).collect();
        }
        (_, Permission::GovernInformation) => {
            checked.people = people.into_iter().map(|p| (p, None)).collect();
        }
        (k, Permission::WorkWithPeople | Permission::ManageTeamWork) if personal(k) => {
            // Reading needs a relationship with the person whose record it is; changing a record
            // shared with others needs one with each of them.
            let needed = if writes { people.len() } else { 1 };
            for (i, person) in people.iter().take(needed).enumerate() {
                match may_open(state, &viewer, person).await? {
                    Some(basis) => checked.people.push((person.clone(), Some(basis))),
                    None if i == 0 => {
                        refused(state, &viewer, person, &path).await?;
                        let back = (!writes).then_some(path.as_str());
                        let page = crate::pages::people::record::break_glass_page(state, &viewer, person, back).await?;
                        return Ok(Err(page));
                    }
                    None => {
                        refused(state, &viewer, person, &path).await?;
                        return Err(AppError::SharedRecord);
                    }
                }
            }
        }
        (RecordKind::Contact, Permission::WorkWithPeople) => {
            let user = viewer.user_id().ok_or(AppError::Forbidden)?;
            if !state.store.people().asker(user).await?.front_door {
                let entry = hearth_store::AuditEntry::new("access-denied")
                    .details(serde_json::json!({"path": path, "reason": "not in a front-door team"}));
                state.store.audit(&viewer.audit(state), entry).await?;
                return Err(AppError::Forbidden);
            }
            checked.people = people.into_iter().map(|p| (p, None)).collect();
        }
        (
            RecordKind::FinancialAssessment | RecordKind::FinanceVersion | RecordKind::ChargingRequest,
            Permission::AssessFinances,
        ) => {
            for person in people {
                if !finance_may_open(state, &viewer, &person).await? {
                    refused(state, &viewer, &person, &path).await?;
                    return Err(AppError::RestrictedRecord);
                }
                checked.people.push((person, None));
            }
        }
        // Teams, users, organisations, changes and problems: the route's permission covers
        // every one that exists.
        (
            RecordKind::User
            | RecordKind::Team
            | RecordKind::Member
            | RecordKind::Organisation
            | RecordKind::Change
            | RecordKind::Problem,
            _,
        ) => {}
        (other, permission) => {
            return Err(AppError::Internal(format!(
                "{route}: no rule for {other:?} under {permission:?} (records::check)"
            )));
        }
    }
    parts.extensions.insert(checked);
    Ok(Ok(Request::from_parts(parts, body)))
}

async fn refused(state: &AppState, viewer: &Viewer, person: &PersonId, path: &str) -> AppResult<()> {
    let facts = state.store.people().access_facts(person, state.clock.now()).await?;
    let entry = hearth_store::AuditEntry::new("person-access-refused")
        .record("person", person)
        .person(person)
        .details(serde_json::json!({"restricted": facts.restricted, "path": path}));
    state.store.audit(&viewer.audit(state), entry).await?;
    Ok(())
}

/// Whether the viewer may open this person's record now, and on what basis. For ids that come
/// in a form: the record to merge with, the people a note is also about, a relationship's other
/// person.
pub async fn may_open(state: &AppState, viewer: &Viewer, person: &PersonId) -> AppResult<Option<Basis>> {
    let user = viewer.user_id().ok_or(AppError::Forbidden)?;
    let now = state.clock.now();
    let facts = state.store.people().access_facts(person, now).await?;
    let asker = state.store.people().asker(user).await?;
    Ok(match decide(&asker, &facts, now) {
        Decision::Allowed(basis) => Some(basis),
        Decision::BreakGlassNeeded => None,
    })
}

/// [`may_open`] for an id that came in a form, auditing a refusal as the guard does. `path` is
/// the page the form was sent to.
pub async fn require(state: &AppState, viewer: &Viewer, person: &PersonId, path: &str) -> AppResult<bool> {
    let allowed = may_open(state, viewer, person).await?.is_some();
    if !allowed {
        refused(state, viewer, person, path).await?;
    }
    Ok(allowed)
}

/// Finance officers see the financial records of anyone, except where the person's record is
/// restricted: then only with access granted to them.
pub async fn finance_may_open(state: &AppState, viewer: &Viewer, person: &PersonId) -> AppResult<bool> {
    let user = viewer.user_id().ok_or(AppError::Forbidden)?;
    let now = state.clock.now();
    let facts = state.store.people().access_facts(person, now).await?;
    if !facts.restricted {
        return Ok(true);
    }
    let asker = state.store.people().asker(user).await?;
    Ok(matches!(decide(&asker, &facts, now), Decision::Allowed(Basis::Granted | Basis::BrokeGlass)))
}

/// The person whose record a request is about, as the guard allowed it.
#[derive(Clone, Debug)]
pub struct Record {
    pub id: PersonId,
    /// What allowed it (none where the viewer's role is the basis).
    pub basis: Option<Basis>,
}

impl<S: Send + Sync> FromRequestParts<S> for Record {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let checked = parts
            .extensions
            .get::<Checked>()
            .ok_or_else(|| AppError::Internal(format!("{}: no record was checked for this route", parts.uri.path())))?;
        let (id, basis) = checked
            .people
            .first()
            .cloned()
            .ok_or_else(|| AppError::Internal(format!("{}: the record checked has no person", parts.uri.path())))?;
        Ok(Record { id, basis })
    }
}

impl Record {
    /// Opens the record for a page: audits the view with its basis and builds the header every
    /// page of a record shows. `page` names the page in the audit log; `section` is the record's
    /// navigation item it belongs to.
    pub async fn open(
        &self,
        state: &AppState,
        viewer: &Viewer,
        page: &'static str,
        section: &str,
    ) -> AppResult<crate::pages::people::Opened> {
        let basis = self.basis.ok_or(AppError::Forbidden)?;
        crate::pages::people::open(state, viewer, &self.id, basis, page, section).await
    }
}
