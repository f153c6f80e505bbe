//! "Find support": the public directory (Care Act 2014 s4, information and advice). No account,
//! no JavaScript needed.

use crate::AppState;
use crate::chrome::{Chrome, render};
use crate::errors::{AppError, AppResult};
use crate::forms::Problems;
use crate::session::Viewer;
use askama::Template;
use axum::Extension;
use axum::extract::{Path, Query, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use hearth_domain::directory::hsds::Service;
use hearth_domain::directory::index::{AccessFeature, weekly_openings};
use hearth_domain::directory::postcode::PostcodeQuery;
use hearth_domain::directory::times::from_today;
use hearth_store::directory::search::ServiceFilter;
use hearth_store::{ServiceId, TaxonomyTermId};

const PER_PAGE: u64 = 20;
const METRES_PER_MILE: f64 = 1_609.344;
const DISTANCES: [u32; 5] = [1, 3, 5, 10, 25];
const DAYS: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

pub use hearth_domain::directory::times::clock;

/// The day of the week (0 is Monday) and minute of the day in the UK now.
pub fn uk_now(state: &AppState) -> (u8, u16) {
    use chrono::{Datelike, Timelike};
    let local = state.clock.now().with_timezone(&chrono_tz::Europe::London);
    (local.weekday().num_days_from_monday() as u8, u16::try_from(local.hour() * 60 + local.minute()).unwrap_or(0))
}

fn all_openings(
    schedules: &[hearth_domain::directory::hsds::Schedule],
) -> Vec<hearth_domain::directory::index::WeeklyOpening> {
    let mut openings: Vec<_> = schedules.iter().flat_map(weekly_openings).collect();
    openings.sort_by_key(|o| (o.day, o.opens, o.closes));
    openings.dedup();
    openings
}

/// When something is open, in words, today first: "Tuesdays, 10am to midday". Times that are
/// not every week follow, as written.
pub fn times_from_today(schedules: &[hearth_domain::directory::hsds::Schedule], today: u8) -> Vec<String> {
    let mut lines: Vec<String> = from_today(&all_openings(schedules), today)
        .into_iter()
        .map(|o| format!("{}s, {} to {}", DAYS[usize::from(o.day)], clock(o.opens), clock(o.closes)))
        .collect();
    lines.extend(schedules.iter().filter(|s| weekly_openings(s).is_empty()).filter_map(|s| s.description.clone()));
    lines
}

/// Every schedule of a service: its own and its places'.
fn every_schedule(service: &Service) -> Vec<hearth_domain::directory::hsds::Schedule> {
    service
        .schedules
        .iter()
        .chain(service.service_at_locations.iter().flat_map(|s| s.schedules.iter()))
        .cloned()
        .collect()
}

/// When a service is open, in words, from today.
pub fn opening_lines(service: &Service, today: u8) -> Vec<String> {
    times_from_today(&every_schedule(service), today)
}

/// What a service costs, in words: the first cost option, or the provider's own words.
pub fn cost_in_words(service: &Service) -> String {
    let words = service.fees_description.clone().or_else(|| service.fees.clone());
    match service.cost_options.first().and_then(|c| c.amount.map(|a| (a, c))) {
        Some((amount, option)) if amount > 0.0 => {
            let per = match (option.amount_description.as_deref(), option.option.as_deref()) {
                (Some(p), _) => {
                    let p = p.trim();
                    if p.starts_with("a ") || p.starts_with("an ") || p.starts_with("per ") {
                        p.to_owned()
                    } else {
                        format!("a {p}")
                    }
                }
                (None, Some(o)) => o.trim().to_lowercase(),
                (None, None) => "each time".to_owned(),
            };
            format!("£{amount:.2} {per}")
        }
        Some(_) => "Free".to_owned(),
        None => words.unwrap_or_else(|| "Ask about the cost".to_owned()),
    }
}

fn who_for(service: &Service) -> String {
    match (service.minimum_age, service.maximum_age) {
        (Some(min), Some(max)) => format!("People aged {min} to {max}"),
        (Some(min), None) => format!("People aged {min} and over"),
        (None, Some(max)) => format!("People aged up to {max}"),
        (None, None) => "Anyone".to_owned(),
    }
}

pub struct Choice {
    pub value: String,
    pub label: String,
    pub checked: bool,
}

pub struct ResultRow {
    pub id: ServiceId,
    pub shortlisted: bool,
    pub name: String,
    pub organisation: String,
    pub summary: String,
    pub distance: Option<String>,
    pub when: Vec<String>,
    pub cost: String,
    /// Just added to or taken off the shortlist: said beside it.
    pub just_changed: bool,
}

/// The most services a shortlist keeps (a cookie has room for about a hundred ids).
pub const SHORTLIST_MAX: usize = 30;

/// The shortlist: service ids kept in a cookie, so it needs no account and no JavaScript.
pub fn shortlist(headers: &axum::http::HeaderMap, cookie_name: &str) -> Vec<ServiceId> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .filter(|(k, _)| *k == cookie_name)
        .flat_map(|(_, v)| v.split('.').map(str::to_owned).collect::<Vec<_>>())
        .filter(|id| uuid::Uuid::try_parse(id).is_ok())
        .take(SHORTLIST_MAX)
        .map(ServiceId::from)
        .collect()
}

pub struct PageLink {
    pub number: u64,
    pub href: String,
    pub current: bool,
}

#[derive(Template)]
#[template(path = "directory/find_support.html")]
struct SearchPage {
    chrome: Chrome,
    this_page: String,
    /// This search, for the services' pages to come back to (`?from=`).
    from: String,
    shortlist_count: usize,
    errors: Problems,
    q: String,
    postcode: String,
    distances: Vec<Choice>,
    categories: Vec<Choice>,
    access: Vec<Choice>,
    days: Vec<Choice>,
    /// How many filters the search has on, said beside the Filter heading (and on its button on
    /// a phone).
    filters_chosen: usize,
    /// The search box's hints, shown until the first search so the results come sooner on a
    /// phone.
    hints: (&'static str, &'static str),
    /// The same words and postcode with no filters.
    clear_filters: String,
    age: String,
    free: bool,
    searched: bool,
    status_line: String,
    results: Vec<ResultRow>,
    pages: Vec<PageLink>,
    previous: Option<String>,
    next: Option<String>,
}

#[derive(Default)]
struct Params {
    q: String,
    postcode: String,
    distance: u32,
    categories: Vec<TaxonomyTermId>,
    access: Vec<String>,
    age: String,
    free: bool,
    day: String,
    page: u64,
    /// The service just added to or taken off the shortlist, to say so beside it.
    changed: Option<ServiceId>,
}

impl Params {
    fn parse(raw: Option<&str>) -> Params {
        let mut p = Params { distance: 5, page: 1, ..Default::default() };
        for (k, v) in url::form_urlencoded::parse(raw.unwrap_or_default().as_bytes()) {
            let v = v.trim().to_owned();
            match k.as_ref() {
                "q" => p.q = v.chars().take(200).collect(),
                "postcode" => p.postcode = v.chars().take(20).collect(),
                "distance" => p.distance = v.parse().ok().filter(|d| DISTANCES.contains(d)).unwrap_or(5),
                "category" if !v.is_empty() => p.categories.push(v.into()),
                "access" if AccessFeature::from_key(&v).is_some() => p.access.push(v),
                "age" => p.age = v.chars().take(10).collect(),
                "free" => p.free = v == "yes",
                "day" => p.day = v,
                "page" => p.page = v.parse().ok().filter(|n| *n >= 1 && *n <= 10_000).unwrap_or(1),
                "changed" if !v.is_empty() => p.changed = Some(v.into()),
                _ => {}
            }
        }
        p
    }

    /// How many filters are on: each type, access need, the age, the day and "free only".
    fn filters_chosen(&self) -> usize {
        self.categories.len()
            + self.access.len()
            + usize::from(!self.age.is_empty())
            + usize::from(!self.day.is_empty())
            + usize::from(self.free)
    }

    /// This search with its words and postcode but no filters.
    fn without_filters(&self) -> Params {
        Params {
            q: self.q.clone(),
            postcode: self.postcode.clone(),
            distance: self.distance,
            page: 1,
            ..Default::default()
        }
    }

    fn query_string(&self, page: u64) -> String {
        let mut s = url::form_urlencoded::Serializer::new(String::new());
        for (k, v) in [("q", &self.q), ("postcode", &self.postcode), ("age", &self.age), ("day", &self.day)] {
            if !v.is_empty() {
                s.append_pair(k, v);
            }
        }
        if !self.postcode.is_empty() {
            s.append_pair("distance", &self.distance.to_string());
        }
        for c in &self.categories {
            s.append_pair("category", c.as_str());
        }
        for a in &self.access {
            s.append_pair("access", a);
        }
        if self.free {
            s.append_pair("free", "yes");
        }
        s.append_pair("page", &page.to_string());
        s.finish()
    }
}

/// The search the page's fields ask for, or what is wrong with them; and the postcode searched
/// near, when one was found.
async fn filter_from(state: &AppState, p: &Params) -> AppResult<(ServiceFilter, Option<String>, Problems)> {
    let mut errors = Problems::default();
    let mut filter = ServiceFilter { public_only: true, ..Default::default() };
    filter.words = Some(p.q.clone()).filter(|q| !q.is_empty());
    // A category includes the narrower terms below it, as the API's taxonomy_term_id does.
    for category in &p.categories {
        for term in state.store.directory().term_and_descendants(category).await? {
            if !filter.term_ids.contains(&term) {
                filter.term_ids.push(term);
            }
        }
    }
    filter.free_only = p.free;
    filter.access = p.access.iter().filter_map(|a| AccessFeature::from_key(a)).collect();
    match p.day.as_str() {
        "now" => filter.open_at = Some(uk_now(state)),
        "weekend" => filter.any_of_days = vec![5, 6],
        day => filter.day = DAYS.iter().position(|d| d.eq_ignore_ascii_case(day)).map(|d| d as u8),
    }
    let mut place = None;
    if !p.postcode.is_empty() {
        match PostcodeQuery::parse(&p.postcode) {
            Err(_) => errors.add("postcode", "Enter a real postcode, like QW1 1AA"),
            Ok(query) => match state.store.directory().locate_postcode(&query).await? {
                None => errors.add(
                    "postcode",
                    format!(
                        "We do not know the postcode {query}. Check it, or try the first half, like {}",
                        query.outward()
                    ),
                ),
                Some(found) => {
                    filter.near = Some((found.point, f64::from(p.distance) * METRES_PER_MILE));
                    place = Some(query.to_string());
                }
            },
        }
    }
    if !p.age.is_empty() {
        match p.age.parse::<u32>() {
            Ok(age) if age <= 120 => filter.suitable_for_age = Some(f64::from(age)),
            _ => errors.add("age", "Enter an age in years, like 72"),
        }
    }
    Ok((filter, place, errors))
}

/// One service found, as the results list shows it.
fn result_row(found: hearth_store::directory::search::Found, shortlist: &[ServiceId], today: u8) -> ResultRow {
    let s = found.service;
    let summary = s.description.clone().unwrap_or_default();
    let summary = if summary.chars().count() > 200 {
        format!("{}…", summary.chars().take(200).collect::<String>().trim_end())
    } else {
        summary
    };
    ResultRow {
        shortlisted: shortlist.contains(&s.id),
        distance: found.distance_m.map(|d| {
            let miles = d / METRES_PER_MILE;
            if miles < 0.1 { "Less than 0.1 miles away".to_owned() } else { format!("{miles:.1} miles away") }
        }),
        when: opening_lines(&s, today),
        cost: cost_in_words(&s),
        organisation: s.organization.as_ref().map(|o| o.name.clone()).unwrap_or_default(),
        id: s.id,
        name: s.name,
        summary,
        just_changed: false,
    }
}

/// "Showing 1 to 10 of 23 results for …", or what to try when nothing was found.
fn status_line(p: &Params, place: Option<&str>, total: u64) -> String {
    let what = if p.q.is_empty() { String::new() } else { format!(" for \u{201c}{}\u{201d}", p.q) };
    let near = place.map(|pc| format!(" within {} miles of {pc}", p.distance)).unwrap_or_default();
    if total == 0 {
        return format!("No results{what}{near}. Try fewer words or filters, or a bigger distance.");
    }
    let first = (p.page - 1) * PER_PAGE + 1;
    let last = (p.page * PER_PAGE).min(total);
    format!("Showing {first} to {last} of {total} {}{what}{near}", if total == 1 { "result" } else { "results" })
}

/// `from=<this search>`, for a link to a service page, so its back link returns to this search
/// and page rather than a blank one.
fn from_search(p: &Params) -> String {
    url::form_urlencoded::Serializer::new(String::new()).append_pair("from", &p.query_string(p.page)).finish()
}

/// Where a service page's back link goes: the search it came from, read again as a search (so
/// nothing but a search can be put in the link), or a new search.
fn back_to_search(from: Option<&str>) -> String {
    match from.filter(|f| !f.is_empty()).map(|f| Params::parse(Some(f))) {
        Some(search) => format!("/find-support?{}", search.query_string(search.page)),
        None => "/find-support".to_owned(),
    }
}

/// The filters' choices, ticked as the search asked.
fn distance_choices(p: &Params) -> Vec<Choice> {
    DISTANCES
        .iter()
        .map(|d| Choice {
            value: d.to_string(),
            label: format!("{d} {}", if *d == 1 { "mile" } else { "miles" }),
            checked: *d == p.distance,
        })
        .collect()
}

fn access_choices(p: &Params) -> Vec<Choice> {
    AccessFeature::ALL
        .into_iter()
        .map(|f| Choice {
            value: f.key().to_owned(),
            label: f.label().to_owned(),
            checked: p.access.iter().any(|a| a == f.key()),
        })
        .collect()
}

fn day_choices(p: &Params) -> Vec<Choice> {
    [("now", "Open now"), ("weekend", "At the weekend")]
        .into_iter()
        .chain(DAYS.iter().map(|d| (*d, *d)))
        .map(|(value, label)| Choice {
            value: value.to_owned(),
            label: label.to_owned(),
            checked: value.eq_ignore_ascii_case(&p.day),
        })
        .collect()
}

pub async fn search(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    headers: axum::http::HeaderMap,
    RawQuery(raw): RawQuery,
) -> AppResult<Response> {
    let p = Params::parse(raw.as_deref());
    let saved = shortlist(&headers, state.config.shortlist_cookie());
    let searched = raw.as_deref().is_some_and(|r| !r.is_empty());
    let (filter, place, errors) = filter_from(&state, &p).await?;
    let (results, total): (Vec<ResultRow>, u64) = if errors.is_empty() && searched {
        let (today, _) = uk_now(&state);
        let found = state.store.directory().search_services(&filter, p.page, PER_PAGE).await?;
        let mut rows: Vec<ResultRow> = found.found.into_iter().map(|f| result_row(f, &saved, today)).collect();
        for row in rows.iter_mut().filter(|r| p.changed.as_ref() == Some(&r.id)) {
            row.just_changed = true;
        }
        (rows, found.total)
    } else {
        (Vec::new(), 0)
    };
    let status_line =
        if searched && errors.is_empty() { status_line(&p, place.as_deref(), total) } else { String::new() };
    let last_page = total.div_ceil(PER_PAGE).max(1);
    let href = |n: u64| format!("/find-support?{}", p.query_string(n));
    let pages = if total > PER_PAGE {
        (p.page.saturating_sub(2).max(1)..=(p.page + 2).min(last_page))
            .map(|n| PageLink { number: n, href: href(n), current: n == p.page })
            .collect()
    } else {
        Vec::new()
    };
    let categories = state
        .store
        .directory()
        .terms_in_use()
        .await?
        .into_iter()
        .map(|(id, name)| Choice { checked: p.categories.contains(&id), value: id.into(), label: name })
        .collect();
    let page = SearchPage {
        chrome: Chrome::build(&state, &viewer, "/find-support").await,
        this_page: format!("/find-support?{}", p.query_string(p.page)),
        from: from_search(&p),
        shortlist_count: saved.len(),
        distances: distance_choices(&p),
        categories,
        access: access_choices(&p),
        days: day_choices(&p),
        filters_chosen: p.filters_chosen(),
        hints: if searched {
            ("", "")
        } else {
            ("For example, carers, lunch club or memory", "Leave it empty to look everywhere")
        },
        clear_filters: format!("/find-support?{}", p.without_filters().query_string(1)),
        previous: (p.page > 1 && !results.is_empty()).then(|| href(p.page - 1)),
        next: (p.page < last_page && !results.is_empty()).then(|| href(p.page + 1)),
        errors,
        q: p.q.clone(),
        postcode: p.postcode.clone(),
        age: p.age.clone(),
        free: p.free,
        searched,
        status_line,
        results,
        pages,
    };
    let code = crate::forms::status(&page.errors);
    Ok((code, render(&page)?).into_response())
}

#[derive(Template)]
#[template(path = "directory/find_support_service.html")]
struct ServicePage {
    chrome: Chrome,
    id: ServiceId,
    shortlisted: bool,
    /// The search this page was opened from, to go back to.
    back: String,
    /// `from=<that search>`, kept when the shortlist button brings the page back.
    from: String,
    just_changed: bool,
    name: String,
    organisation: String,
    description: String,
    closed_for_now: bool,
    alert: Option<String>,
    who_for: String,
    eligibility: Option<String>,
    today: Option<String>,
    when: Vec<String>,
    cost: String,
    cost_more: Option<String>,
    how_to: Option<String>,
    languages: Vec<String>,
    interpretation: Option<String>,
    areas: Vec<String>,
    places: Vec<Place>,
    phones: Vec<(String, String)>,
    email: Option<String>,
    website: Option<String>,
    contact: Option<String>,
    last_checked: Option<String>,
    categories: Vec<String>,
}

pub struct Place {
    pub name: String,
    pub address: Vec<String>,
    pub transport: Option<String>,
    pub accessibility: Vec<String>,
    pub times: Vec<String>,
    /// Directions to it on OpenStreetMap, when the place has a point on the map.
    pub directions: Option<String>,
}

/// What a service page's address may carry: the search it came from, and whether the shortlist
/// button was just pressed.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct ServiceQuery {
    from: Option<String>,
    changed: Option<String>,
}

/// Directions to a point, on OpenStreetMap (open data, no account or tracking needed).
fn directions_to(latitude: f64, longitude: f64) -> String {
    format!("https://www.openstreetmap.org/directions?route=%3B{latitude:.5}%2C{longitude:.5}")
}

pub async fn service(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    headers: axum::http::HeaderMap,
    Path(id): Path<ServiceId>,
    Query(asked): Query<ServiceQuery>,
) -> AppResult<Response> {
    if uuid::Uuid::try_parse(id.as_str()).is_err() {
        return Err(AppError::NotFound);
    }
    // Services closed for now keep their page (people have it bookmarked), with a notice; the
    // search only finds running ones.
    let s = state
        .store
        .directory()
        .service(&id)
        .await?
        .filter(|s| s.status == "active" || s.status == "temporarily closed")
        .ok_or(AppError::NotFound)?;
    let (day, minute) = uk_now(&state);
    let places = s
        .service_at_locations
        .iter()
        .filter_map(|sal| sal.location.as_ref().map(|l| (sal, l)))
        .map(|(sal, l)| Place {
            name: l.name.clone().unwrap_or_default(),
            address: crate::pages::directory::services::address_lines(l),
            transport: l.transportation.clone(),
            accessibility: l.accessibility.iter().filter_map(|a| a.description.clone()).collect(),
            times: times_from_today(&sal.schedules, day),
            directions: l.latitude.zip(l.longitude).map(|(lat, lon)| directions_to(lat, lon)),
        })
        .collect();
    let phones = s
        .phones
        .iter()
        .chain(s.contacts.iter().flat_map(|c| c.phones.iter()))
        .map(|p| (p.number.clone(), crate::chrome::tel(&p.number)))
        .collect();
    let last_checked = s
        .assured_date
        .as_deref()
        .and_then(|d| chrono::NaiveDate::parse_from_str(d.get(..10)?, "%Y-%m-%d").ok())
        .map(|d| d.format("%-d %B %Y").to_string());
    let closed_for_now = s.status == "temporarily closed";
    let today = if closed_for_now {
        None
    } else {
        hearth_domain::directory::times::today(&all_openings(&every_schedule(&s)), day, minute).map(|t| t.words())
    };
    let (codes, other_languages) = hearth_domain::directory::editing::split_languages(&s.languages);
    let languages = codes
        .iter()
        .filter_map(|c| hearth_domain::directory::editing::LANGUAGES.iter().find(|(code, _)| code == c))
        .map(|(_, name)| (*name).to_owned())
        .chain(other_languages)
        .collect();
    let contact = s.contacts.first().and_then(|c| {
        let who = [c.name.clone(), c.title.clone()].into_iter().flatten().collect::<Vec<_>>().join(", ");
        Some(who).filter(|w| !w.is_empty())
    });
    let email = s.email.clone().or_else(|| s.contacts.iter().find_map(|c| c.email.clone()));
    let page = ServicePage {
        chrome: Chrome::build(&state, &viewer, "/find-support").await,
        shortlisted: shortlist(&headers, state.config.shortlist_cookie()).contains(&s.id),
        back: back_to_search(asked.from.as_deref()),
        from: url::form_urlencoded::Serializer::new(String::new())
            .append_pair("from", asked.from.as_deref().unwrap_or_default())
            .finish(),
        just_changed: asked.changed.is_some(),
        id: s.id.clone(),
        organisation: s.organization.as_ref().map(|o| o.name.clone()).unwrap_or_default(),
        description: s.description.clone().unwrap_or_default(),
        closed_for_now,
        alert: s.alert.clone(),
        who_for: who_for(&s),
        eligibility: s.eligibility_description.clone(),
        today,
        when: opening_lines(&s, day),
        cost: cost_in_words(&s),
        cost_more: s.fees_description.clone().filter(|f| *f != cost_in_words(&s)),
        how_to: s.application_process.clone(),
        languages,
        interpretation: s.interpretation_services.clone(),
        areas: s.service_areas.iter().filter_map(|a| a.name.clone().or_else(|| a.service_area.clone())).collect(),
        places,
        phones,
        email,
        // Only a link that is safe to follow is shown as one (imports are checked too).
        website: s.url.clone().filter(|u| hearth_domain::directory::hsds::safe_link(u)),
        contact,
        last_checked,
        categories: s.attributes.iter().filter_map(|a| a.taxonomy_term.as_ref().map(|t| t.name.clone())).collect(),
        name: s.name,
    };
    render(&page)
}

#[derive(serde::Deserialize)]
pub struct ShortlistForm {
    service: ServiceId,
    action: String,
    back: Option<String>,
}

/// Adds a service to the shortlist or takes it off, then goes back to where the person was.
pub async fn change_shortlist(
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
    axum::Form(form): axum::Form<ShortlistForm>,
) -> AppResult<Response> {
    let name = state.config.shortlist_cookie();
    let mut saved = shortlist(&headers, name);
    if uuid::Uuid::try_parse(form.service.as_str()).is_err() {
        return Err(AppError::NotFound);
    }
    saved.retain(|id| *id != form.service);
    if form.action == "add" {
        if state.store.directory().service(&form.service).await?.is_none_or(|s| s.status != "active") {
            return Err(AppError::NotFound);
        }
        saved.insert(0, form.service.clone());
        saved.truncate(SHORTLIST_MAX);
    }
    // Back where the button was, saying what happened beside it; anywhere else, the shortlist.
    let back = match form.back.filter(|b| b.starts_with("/find-support") && !b.contains(['\r', '\n', '#'])) {
        Some(back) => {
            let joiner = if back.contains('?') { '&' } else { '?' };
            let anchor = if back.starts_with("/find-support/services/") {
                "shortlist".to_owned()
            } else {
                format!("result-{}", form.service)
            };
            format!("{back}{joiner}changed={}#{anchor}", form.service)
        }
        None => "/find-support/shortlist".into(),
    };
    let mut response = axum::response::Redirect::to(&back).into_response();
    // Kept for 30 days, so a list made today is still there when someone comes back to it.
    let cookie = crate::session::set_cookie(
        name,
        &saved.iter().map(ServiceId::as_str).collect::<Vec<_>>().join("."),
        state.config.production,
        "Lax",
        Some(if saved.is_empty() { 0 } else { 30 * 24 * 3600 }),
    );
    crate::session::append_cookie(response.headers_mut(), &cookie);
    Ok(response)
}

pub struct ShortlistItem {
    pub id: ServiceId,
    pub name: String,
    pub organisation: String,
    pub when: Vec<String>,
    pub cost: String,
    pub address: Vec<String>,
    pub phones: Vec<String>,
    pub email: Option<String>,
}

#[derive(Template)]
#[template(path = "directory/find_support_shortlist.html")]
struct ShortlistPage {
    chrome: Chrome,
    items: Vec<ShortlistItem>,
    /// Whether Hearth can send email, so the "email me this list" form is offered.
    email_on: bool,
    email: String,
    errors: Problems,
    sent_to: Option<String>,
}

/// The services on the shortlist that are still listed, in the order they were added.
async fn shortlist_items(state: &AppState, headers: &axum::http::HeaderMap) -> AppResult<Vec<ShortlistItem>> {
    let mut items = Vec::new();
    let (today, _) = uk_now(state);
    for id in shortlist(headers, state.config.shortlist_cookie()) {
        let Some(s) = state.store.directory().service(&id).await?.filter(|s| s.status == "active") else { continue };
        let address = s
            .service_at_locations
            .iter()
            .filter_map(|sal| sal.location.as_ref())
            .flat_map(|l| l.addresses.first())
            .next()
            .map(|a| vec![a.address_1.clone(), a.city.clone(), a.postal_code.clone()])
            .unwrap_or_default();
        items.push(ShortlistItem {
            when: opening_lines(&s, today),
            cost: cost_in_words(&s),
            organisation: s.organization.as_ref().map(|o| o.name.clone()).unwrap_or_default(),
            phones: s
                .contacts
                .iter()
                .flat_map(|c| c.phones.iter())
                .chain(s.phones.iter())
                .map(|p| p.number.clone())
                .collect(),
            email: s.email.clone(),
            address,
            id: s.id,
            name: s.name,
        });
    }
    Ok(items)
}

async fn shortlist_page(
    state: &AppState,
    viewer: &Viewer,
    headers: &axum::http::HeaderMap,
    email: String,
    errors: Problems,
    sent_to: Option<String>,
) -> AppResult<Response> {
    let status = crate::forms::status(&errors);
    let page = ShortlistPage {
        chrome: Chrome::build(state, viewer, "/find-support/shortlist").await,
        items: shortlist_items(state, headers).await?,
        email_on: state.mailer.is_configured(),
        email,
        errors,
        sent_to,
    };
    Ok((status, render(&page)?).into_response())
}

/// The shortlist, laid out to print on one clean page.
pub async fn show_shortlist(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    headers: axum::http::HeaderMap,
) -> AppResult<Response> {
    shortlist_page(&state, &viewer, &headers, String::new(), Problems::default(), None).await
}

/// The shortlist as a plain-text email.
fn shortlist_text(items: &[ShortlistItem], council: &str, base: &str) -> String {
    let mut out = format!("Here is the shortlist you made on {council}'s Find support pages.\n\n");
    for item in items {
        out.push_str(&format!("{}\n", item.name));
        if !item.organisation.is_empty() {
            out.push_str(&format!("Run by {}\n", item.organisation));
        }
        for when in &item.when {
            out.push_str(&format!("When: {when}\n"));
        }
        if !item.address.is_empty() {
            out.push_str(&format!("Where: {}\n", item.address.join(", ")));
        }
        if !item.phones.is_empty() {
            out.push_str(&format!("Telephone: {}\n", item.phones.join(", ")));
        }
        if let Some(email) = &item.email {
            out.push_str(&format!("Email: {email}\n"));
        }
        out.push_str(&format!("Cost: {}\n", item.cost));
        out.push_str(&format!("More details: {base}/find-support/services/{}\n\n", item.id));
    }
    out.push_str("Details can change, so check with the service before you go.\n\nYou were sent this because someone asked for it on our website. We have not kept your email address.\n");
    out
}

#[derive(serde::Deserialize)]
pub struct EmailForm {
    #[serde(default)]
    email: String,
}

/// Sends the shortlist to the address given. The address is used once and not kept (the audit
/// log records that a shortlist was sent, not where).
pub async fn email_shortlist(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    headers: axum::http::HeaderMap,
    axum::Form(form): axum::Form<EmailForm>,
) -> AppResult<Response> {
    let mut errors = Problems::default();
    let items = shortlist_items(&state, &headers).await?;
    let address = hearth_domain::email::EmailAddress::parse(&form.email);
    if items.is_empty() {
        errors.add(Problems::FORM, "Your shortlist is empty. Add a service to it first");
    } else if !state.mailer.is_configured() {
        errors.add("email", "Sorry, we cannot send email at the moment. Print the list or write it down instead");
    } else if form.email.trim().is_empty() {
        errors.add("email", "Enter your email address");
    } else if address.is_err() {
        errors.add("email", "Enter an email address in the right form, like name@example.com");
    } else {
        // Counted for the recipient and the sender alike, before sending: a list that then
        // fails to send still counts, so retrying cannot flood anyone.
        let now = state.clock.now();
        // The address is counted by a keyed digest, never kept.
        let to =
            crate::session::keyed_digest(&state.config.secret_key, "shortlist-to", &form.email.trim().to_lowercase());
        let from_here = state.store.accounts().take(crate::limits::SHORTLIST_FROM, &viewer.client_addr, now).await?;
        if !from_here || !state.store.accounts().take(crate::limits::SHORTLIST_TO, &to, now).await? {
            errors.add("email", "Several lists have been sent today. Try again tomorrow, or print the list instead");
        }
    }
    if !errors.is_empty() {
        return shortlist_page(&state, &viewer, &headers, form.email, errors, None).await;
    }
    let chrome = Chrome::build(&state, &viewer, "/find-support/shortlist").await;
    let base = state.public_base();
    let to = form.email.trim().to_owned();
    let body = shortlist_text(&items, &chrome.council_name, &base);
    let subject = format!("Your shortlist from {}", chrome.council_name);
    if let Err(e) = state.mailer.send(&to, &subject, body).await {
        tracing::warn!(error = %e, "a shortlist email could not be sent");
        let mut errors = Problems::default();
        errors.add("email", "Sorry, we could not send the email just now. Try again later, or print the list instead");
        return shortlist_page(&state, &viewer, &headers, form.email, errors, None).await;
    }
    state
        .store
        .audit(
            &viewer.audit(&state),
            hearth_store::AuditEntry::new("shortlist-emailed").details(serde_json::json!({"services": items.len()})),
        )
        .await?;
    shortlist_page(&state, &viewer, &headers, String::new(), Problems::default(), Some(to)).await
}

#[derive(Template)]
#[template(path = "directory/find_support_report.html")]
struct ReportPage {
    chrome: Chrome,
    id: ServiceId,
    name: String,
    errors: Problems,
    problem: String,
    reply_to: String,
    sent: bool,
}

async fn published(state: &AppState, id: &ServiceId) -> AppResult<Service> {
    if uuid::Uuid::try_parse(id.as_str()).is_err() {
        return Err(AppError::NotFound);
    }
    state.store.directory().service(id).await?.filter(|s| s.status == "active").ok_or(AppError::NotFound)
}

/// "Report a problem with this page": a short form, no account needed.
pub async fn report_form(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path(id): Path<ServiceId>,
) -> AppResult<Response> {
    let s = published(&state, &id).await?;
    let chrome = Chrome::build(&state, &viewer, "/find-support").await;
    render(&ReportPage {
        chrome,
        id: s.id,
        name: s.name,
        errors: Problems::default(),
        problem: String::new(),
        reply_to: String::new(),
        sent: false,
    })
}

#[derive(serde::Deserialize)]
pub struct ReportForm {
    #[serde(default)]
    problem: String,
    #[serde(default)]
    reply_to: String,
}

pub async fn report_submit(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path(id): Path<ServiceId>,
    axum::Form(form): axum::Form<ReportForm>,
) -> AppResult<Response> {
    let s = published(&state, &id).await?;
    let mut errors = Problems::default();
    let problem = form.problem.trim();
    if problem.is_empty() {
        errors.add("problem", "Tell us what is wrong or out of date");
    } else if problem.chars().count() > 2000 {
        errors.add("problem", "What is wrong must be 2,000 characters or fewer");
    }
    if form.reply_to.trim().chars().count() > 200 {
        errors.add("reply_to", "Your email address or phone number must be 200 characters or fewer");
    }
    if errors.is_empty()
        && !state.store.accounts().take(crate::limits::REPORT_A_PROBLEM, &viewer.client_addr, state.clock.now()).await?
    {
        errors.add("problem", "We have had several reports from here today. Thank you: please try again tomorrow");
    }
    let sent = errors.is_empty();
    if sent {
        let reply_to = Some(form.reply_to.as_str()).filter(|r| !r.trim().is_empty());
        state.store.directory().report_problem(&viewer.audit(&state), &s.id, problem, reply_to).await?;
    }
    let chrome = Chrome::build(&state, &viewer, "/find-support").await;
    let status = if sent { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let page =
        ReportPage { chrome, id: s.id, name: s.name, errors, problem: form.problem, reply_to: form.reply_to, sent };
    Ok((status, render(&page)?).into_response())
}
