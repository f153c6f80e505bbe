//! Updating directory entries, a part at a time: the details, opening times, places (with their
//! accessibility), languages, the areas covered and the categories.
//!
//! Directory editors change any entry and their edits are published at once. Provider editors
//! change only their own organisations' entries; each part they save adds to one proposed change,
//! which waits for a directory editor to approve (`directory_editing`) while the public keeps
//! seeing the last approved version.

pub mod areas;
pub mod categories;
pub mod details;
pub mod languages;
pub mod places;
pub mod times;

use crate::AppState;
use crate::chrome::{Chrome, render};
use crate::errors::{AppError, AppResult};
use crate::forms::uk_time;
use crate::session::Viewer;
use askama::Template;
use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use hearth_domain::access::Permission;
use hearth_domain::directory::changes::field_changes;
use hearth_domain::directory::editing::{Part, part_token};
use hearth_domain::directory::editing::{sections_changed, split_access, split_languages};
use hearth_domain::directory::hsds::{Service, ServiceAtLocation};
use hearth_domain::directory::index::weekly_openings;
use hearth_domain::directory::times::{DAY_NAMES, clock};
use hearth_store::directory::editing::{EditBase, WorkingCopy};
use hearth_store::directory::search::ServiceFilter;
use hearth_store::{OrganizationId, ProposalId, ServiceId};
use serde::Deserialize;

/// Which services the viewer may update.
pub(crate) enum Scope {
    All,
    Organizations(Vec<OrganizationId>),
}

impl Scope {
    pub(crate) async fn of(state: &AppState, viewer: &Viewer) -> AppResult<Scope> {
        if viewer.can(Permission::EditDirectory) {
            return Ok(Scope::All);
        }
        let id = viewer.user_id().ok_or(AppError::Forbidden)?;
        Ok(Scope::Organizations(state.store.directory().editor_organizations(id).await?))
    }

    fn allows(&self, service: &Service) -> bool {
        match self {
            Scope::All => true,
            Scope::Organizations(orgs) => service.organization_id.as_ref().is_some_and(|o| orgs.contains(o)),
        }
    }

    pub(crate) fn allows_organization(&self, id: &OrganizationId) -> bool {
        match self {
            Scope::All => true,
            Scope::Organizations(orgs) => orgs.contains(id),
        }
    }

    pub(crate) fn publishes(&self) -> bool {
        matches!(self, Scope::All)
    }
}

/// An entry being edited: who may do what to it, and the version their edit starts from.
pub(crate) struct Entry {
    pub scope: Scope,
    pub copy: WorkingCopy,
}

/// What every page about one part of an entry shows of the entry.
pub struct Head {
    pub id: ServiceId,
    pub name: String,
    /// Saving publishes at once (a directory editor) rather than sending for approval.
    pub publishes: bool,
}

impl Entry {
    pub fn head(&self) -> Head {
        Head { id: self.id().to_owned(), name: self.service().name.clone(), publishes: self.scope.publishes() }
    }

    /// What the edit starts from: for a directory editor the published version (their edits are
    /// published); for a provider their pending change if they have one, so parts add up.
    pub fn service(&self) -> &Service {
        if self.scope.publishes() {
            self.copy.published.as_ref().unwrap_or(&self.copy.service)
        } else {
            &self.copy.service
        }
    }

    pub fn id(&self) -> &ServiceId {
        &self.copy.service.id
    }
}

/// Loads an entry the viewer may update, or refuses.
pub(crate) async fn load(state: &AppState, viewer: &Viewer, id: &ServiceId) -> AppResult<Entry> {
    if uuid::Uuid::try_parse(id.as_str()).is_err() {
        return Err(AppError::NotFound);
    }
    let scope = Scope::of(state, viewer).await?;
    let copy = state.store.directory().working_copy(id).await?.ok_or(AppError::NotFound)?;
    // Directory editors work on published entries; a provider's new entry reaches them as a
    // change to approve.
    if scope.publishes() && copy.published.is_none() {
        return Err(AppError::NotFound);
    }
    let allowed = scope.allows(&copy.service) && copy.published.as_ref().is_none_or(|p| scope.allows(p));
    if !allowed {
        return Err(AppError::Forbidden);
    }
    Ok(Entry { scope, copy })
}

/// What saving an edit came to.
pub(crate) enum Saved {
    /// Saved (or sent for approval), and where to go next.
    Done(Response),
    /// Someone changed the same part meanwhile: the page should come back with what was typed
    /// and this message (`crate::edits`).
    ChangedMeanwhile(String),
}

/// The token of the part of the entry a page edits, as the entry is now.
pub(crate) fn token_now(entry: &Entry, part: &Part) -> String {
    part_token(entry.service(), part).to_string()
}

/// Saves an edited entry: published at once for a directory editor, sent for approval for a
/// provider. An edit that changes nothing saves nothing. `base` is the part the page edits and
/// its token when the page was shown; a save is refused if someone changed that part meanwhile.
pub(crate) async fn save(
    state: &AppState,
    viewer: &Viewer,
    entry: &Entry,
    mut edited: Service,
    base: Option<EditBase>,
) -> AppResult<Saved> {
    let id = edited.id.clone();
    // The organisation travels with the entry as the directory holds it.
    if let Some(org_id) = edited.organization_id.clone()
        && edited.organization.as_ref().is_none_or(|o| o.id != org_id)
    {
        edited.organization = state.store.directory().organization(&org_id).await?;
    }
    // Saving what is there already overwrites nobody.
    if field_changes(Some(entry.service()), &edited).is_empty() {
        return Ok(Saved::Done(Redirect::to(&format!("/directory/services/{id}?unchanged=1")).into_response()));
    }
    if let Some(b) = &base
        && b.token != part_token(entry.service(), &b.part)
    {
        return changed(state, viewer, &id, &b.part).await;
    }
    let ctx = viewer.audit(state);
    let user = viewer.user.as_ref().ok_or(AppError::Forbidden)?;
    let result = if entry.scope.publishes() {
        state.store.directory().publish_edit(&ctx, &edited, &user.user.email, base.as_ref()).await.map(|_| "saved")
    } else {
        state.store.directory().propose_change(&ctx, &edited, &user.user.id, base.as_ref()).await.map(|_| "sent")
    };
    match result {
        Ok(done) => Ok(Saved::Done(Redirect::to(&format!("/directory/services/{id}?{done}=1")).into_response())),
        Err(hearth_store::StoreError::Stale) => match &base {
            Some(b) => changed(state, viewer, &id, &b.part).await,
            None => Err(AppError::Internal("a save without a base was refused as stale".into())),
        },
        Err(e) => Err(e.into()),
    }
}

async fn changed(state: &AppState, viewer: &Viewer, id: &ServiceId, part: &Part) -> AppResult<Saved> {
    let what = format!("{} of this entry", part.words());
    Ok(Saved::ChangedMeanwhile(
        crate::edits::changed_meanwhile(state, viewer, "directory-service", &[id.as_str()], &what).await?,
    ))
}

/// The base a page's form sent back.
pub(crate) fn base(part: Part, token: &str) -> Option<EditBase> {
    Some(EditBase { part, token: crate::edits::sent(token) })
}

pub(crate) fn optional(text: &str) -> Option<String> {
    Some(text.trim().to_owned()).filter(|t| !t.is_empty())
}

pub(crate) fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

pub(crate) fn checked_label(service: &Service) -> String {
    service
        .assured_date
        .as_deref()
        .and_then(|d| chrono::NaiveDate::parse_from_str(d.get(..10)?, "%Y-%m-%d").ok())
        .map_or_else(|| "Never checked".to_owned(), |d| format!("Checked {}", d.format("%-d %B %Y")))
}

/// A place of a service, by its service-at-location id.
pub(crate) fn place<'a>(service: &'a Service, place_id: &str) -> AppResult<&'a ServiceAtLocation> {
    service.service_at_locations.iter().find(|p| p.id == place_id).ok_or(AppError::NotFound)
}

pub struct ServiceRow {
    pub id: ServiceId,
    pub name: String,
    pub status: String,
    pub checked: String,
}

pub struct ChangeRow {
    pub service_id: ServiceId,
    pub service_name: String,
    pub proposed: String,
    pub status: &'static str,
    pub pending: bool,
    pub reason: Option<String>,
    pub fields: usize,
}

/// An entry's status in plain words.
pub(crate) fn running_label(status: &str) -> &'static str {
    match status {
        "active" => "Running",
        "temporarily closed" => "Closed for now",
        _ => "Stopped (hidden from the public)",
    }
}

#[derive(Template)]
#[template(path = "directory/directory_services.html")]
struct ListPage {
    chrome: Chrome,
    editor: bool,
    q: String,
    services: Vec<ServiceRow>,
    total: u64,
    changes: Vec<ChangeRow>,
    has_organizations: bool,
}

#[derive(Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    q: String,
}

pub async fn list(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Query(query): Query<ListQuery>,
) -> AppResult<Response> {
    let scope = Scope::of(&state, &viewer).await?;
    let mut services = Vec::new();
    let mut total = 0;
    let words = Some(query.q.trim().to_owned()).filter(|w| !w.is_empty());
    let organizations: Vec<Option<OrganizationId>> = match &scope {
        Scope::All => vec![None],
        Scope::Organizations(orgs) => orgs.iter().cloned().map(Some).collect(),
    };
    for organization_id in organizations {
        let filter = ServiceFilter { words: words.clone(), organization_id, ..Default::default() };
        let page = state.store.directory().search_services(&filter, 1, 100).await?;
        total += page.total;
        services.extend(page.found.into_iter().map(|f| ServiceRow {
            checked: checked_label(&f.service),
            id: f.service.id,
            name: f.service.name,
            status: running_label(&f.service.status).to_owned(),
        }));
    }
    let changes = match viewer.user_id() {
        Some(id) => state
            .store
            .directory()
            .changes_proposed_by(id)
            .await?
            .into_iter()
            .map(|c| ChangeRow {
                proposed: uk_time(c.proposed_at),
                status: c.status.label(),
                pending: c.status.waiting(),
                reason: c.decision_reason,
                fields: c.changes.len(),
                service_id: c.service_id,
                service_name: c.service_name,
            })
            .collect(),
        None => Vec::new(),
    };
    let page = ListPage {
        chrome: Chrome::build(&state, &viewer, "/directory/services").await,
        editor: scope.publishes(),
        has_organizations: !matches!(&scope, Scope::Organizations(o) if o.is_empty()),
        q: query.q,
        services,
        total,
        changes,
    };
    render(&page)
}

/// One place, as the summary shows it.
pub struct PlaceSummary {
    pub id: String,
    pub name: String,
    pub address: Vec<String>,
    pub transport: Option<String>,
    pub access: Vec<String>,
    pub times: Vec<String>,
}

/// One area covered.
pub struct AreaSummary {
    pub name: String,
    pub code: Option<String>,
}

#[derive(Template)]
#[template(path = "directory/directory_service.html")]
struct SummaryPage {
    chrome: Chrome,
    s: Service,
    organisation: String,
    publishes: bool,
    checked: String,
    published: bool,
    public_visible: bool,
    /// For a provider: the parts their waiting change touches. For an editor: a provider's
    /// change waiting, to look at first.
    pending_sections: Vec<&'static str>,
    pending_id: Option<ProposalId>,
    banner: Option<&'static str>,
    /// The banner is about a change sent for approval.
    banner_sent: bool,
    /// Nothing changed: not a success.
    banner_unchanged: bool,
    times: Vec<String>,
    places: Vec<PlaceSummary>,
    phones: Vec<String>,
    contact: Option<String>,
    cost: String,
    languages: Vec<String>,
    areas: Vec<AreaSummary>,
    categories: Vec<String>,
}

/// A list of schedules in words, for the summaries.
pub(crate) fn times_in_words(schedules: &[hearth_domain::directory::hsds::Schedule]) -> Vec<String> {
    let mut lines = Vec::new();
    for schedule in schedules {
        let openings = weekly_openings(schedule);
        if openings.is_empty() {
            lines.extend(schedule.description.clone());
            continue;
        }
        for o in openings {
            lines.push(format!("{}s, {} to {}", DAY_NAMES[usize::from(o.day)], clock(o.opens), clock(o.closes)));
        }
    }
    lines
}

pub(crate) fn address_lines(location: &hearth_domain::directory::hsds::Location) -> Vec<String> {
    location
        .addresses
        .first()
        .map(|a| {
            [Some(a.address_1.clone()), a.address_2.clone(), Some(a.city.clone()), Some(a.postal_code.clone())]
                .into_iter()
                .flatten()
                .filter(|x| !x.trim().is_empty())
                .collect()
        })
        .unwrap_or_default()
}

#[derive(Deserialize)]
pub struct SummaryQuery {
    saved: Option<String>,
    sent: Option<String>,
    unchanged: Option<String>,
    withdrawn: Option<String>,
    added: Option<String>,
}

/// An entry, part by part, with a link to change each part.
pub async fn show(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path(id): Path<ServiceId>,
    Query(query): Query<SummaryQuery>,
) -> AppResult<Response> {
    let entry = load(&state, &viewer, &id).await?;
    let s = entry.service().clone();
    let pending_sections = match &entry.copy.pending {
        Some(_) if !entry.scope.publishes() => sections_changed(entry.copy.changes().iter().map(|c| c.field.as_str())),
        Some(p) => sections_changed(p.changes.iter().map(|c| c.field.as_str())),
        None => Vec::new(),
    };
    let banner = if query.added.is_some() {
        Some(if entry.scope.publishes() { "Entry added and published" } else { "Entry sent for approval" })
    } else if query.saved.is_some() {
        Some("Saved and published")
    } else if query.sent.is_some() {
        Some("Sent for approval")
    } else if query.withdrawn.is_some() {
        Some("Your change has been withdrawn")
    } else if query.unchanged.is_some() {
        Some("Nothing was changed")
    } else {
        None
    };
    let places = s
        .service_at_locations
        .iter()
        .map(|sal| {
            let location = sal.location.clone().unwrap_or_default();
            let (features, other) = split_access(&location.accessibility);
            PlaceSummary {
                id: sal.id.clone().into(),
                name: location.name.clone().unwrap_or_else(|| "A place".to_owned()),
                address: address_lines(&location),
                transport: location.transportation.clone(),
                access: features.iter().map(|f| f.label().to_owned()).chain(other).collect(),
                times: times_in_words(&sal.schedules),
            }
        })
        .collect();
    let (codes, other_languages) = split_languages(&s.languages);
    let languages = codes
        .iter()
        .filter_map(|c| hearth_domain::directory::editing::LANGUAGES.iter().find(|(code, _)| code == c))
        .map(|(_, name)| (*name).to_owned())
        .chain(other_languages)
        .collect();
    let areas = s
        .service_areas
        .iter()
        .map(|a| AreaSummary {
            name: a.name.clone().or_else(|| a.service_area.clone()).unwrap_or_else(|| "An area".to_owned()),
            code: areas::code_of(a),
        })
        .collect();
    let contact = s.contacts.first().map(|c| {
        [c.name.clone(), c.title.clone(), c.email.clone(), c.phones.first().map(|p| p.number.clone())]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", ")
    });
    let page = SummaryPage {
        chrome: Chrome::build(&state, &viewer, "/directory/services").await,
        organisation: s.organization.as_ref().map(|o| o.name.clone()).unwrap_or_default(),
        publishes: entry.scope.publishes(),
        checked: checked_label(entry.copy.published.as_ref().unwrap_or(&s)),
        published: entry.copy.published.is_some(),
        public_visible: entry.copy.published.as_ref().is_some_and(|p| p.status == "active"),
        pending_sections,
        pending_id: entry.copy.pending.as_ref().map(|p| p.id.clone()),
        banner_sent: query.sent.is_some() || (query.added.is_some() && !entry.scope.publishes()),
        banner_unchanged: query.unchanged.is_some(),
        banner,
        times: times_in_words(&s.schedules),
        places,
        phones: s.phones.iter().map(|p| p.number.clone()).collect(),
        contact,
        cost: details::cost_in_words(&s),
        languages,
        areas,
        categories: s.attributes.iter().filter_map(|a| a.taxonomy_term.as_ref().map(|t| t.name.clone())).collect(),
        s,
    };
    render(&page)
}

/// A provider takes back the change they are building, and the entry goes back to what the
/// public sees.
pub async fn withdraw(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path(id): Path<ServiceId>,
) -> AppResult<Response> {
    let entry = load(&state, &viewer, &id).await?;
    // Editors have nothing to withdraw: they decide on providers' changes in the queue.
    let pending = entry.copy.pending.as_ref().filter(|_| !entry.scope.publishes()).ok_or(AppError::NotFound)?;
    state.store.directory().withdraw_change(&viewer.audit(&state), &pending.id).await?;
    if entry.copy.published.is_some() {
        Ok(Redirect::to(&format!("/directory/services/{id}?withdrawn=1")).into_response())
    } else {
        Ok(Redirect::to("/directory/services").into_response())
    }
}

/// A directory editor confirms an entry is still right, which resets its review date.
pub async fn mark_checked(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path(id): Path<ServiceId>,
) -> AppResult<Response> {
    let user = viewer.user.as_ref().ok_or(AppError::Forbidden)?;
    state.store.directory().mark_checked(&viewer.audit(&state), &id, &user.user.email).await?;
    Ok(Redirect::to("/directory?done=1").into_response())
}
