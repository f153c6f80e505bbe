//! A person's record, for staff with a legitimate relationship with them: every page of it is
//! opened through [`open_record`], which decides access (`hearth_domain::people::access`),
//! audits the view with its basis, and builds the header every page shows (with any warnings
//! about risks to staff). Without a relationship, staff are offered breaking the glass.

pub mod network;
pub mod notes;
pub mod record;
pub mod search;
pub mod work;

use crate::AppState;
use crate::errors::AppResult;
use crate::session::Viewer;
use hearth_domain::people::access::{Basis, DEFAULT_BREAK_GLASS_HOURS};
use hearth_domain::people::codes::Code;
use hearth_domain::people::conversations::{ConversationKind, ConversationLabels, DEFAULT_CRISIS_REVIEW_DAYS};
use hearth_domain::people::nhs_number::NhsNumber;
use hearth_domain::people::record::age_on;
use hearth_domain::people::tasks::DEFAULT_ALLOCATION_WAIT_DAYS;
use hearth_store::PersonId;
use hearth_store::people::records::PersonRecord;

/// One option of a select or radio list.
#[derive(Clone, Debug)]
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// A code list as choices, with an empty first choice when `blank` names it.
pub fn choices<T: Code>(current: Option<T>, blank: Option<&str>) -> Vec<Choice> {
    let mut out: Vec<Choice> = blank
        .map(|b| Choice { value: String::new(), label: b.to_owned(), selected: current.is_none() })
        .into_iter()
        .collect();
    out.extend(T::all().iter().map(|c| Choice {
        value: c.key().to_owned(),
        label: c.label().to_owned(),
        selected: Some(*c) == current,
    }));
    out
}

/// A code list as (value, label) pairs for the radios macro.
pub fn pairs<T: Code>() -> Vec<(&'static str, &'static str)> {
    T::all().iter().map(|c| (c.key(), c.label())).collect()
}

/// A link in the record's own navigation.
#[derive(Clone, Debug)]
pub struct RecordLink {
    pub href: String,
    pub label: &'static str,
    pub current: bool,
}

pub struct WarningView {
    pub kind: &'static str,
    pub details: String,
    pub review_by: String,
    pub review_due: bool,
}

/// What every page of a record shows at the top.
pub struct RecordHeader {
    pub id: PersonId,
    pub name: String,
    pub reference: String,
    pub born: String,
    pub died: Option<String>,
    pub nhs_number: Option<String>,
    pub restricted: bool,
    pub basis: &'static str,
    pub broke_glass: bool,
    pub warnings: Vec<WarningView>,
    pub links: Vec<RecordLink>,
}

/// The record's sections, in the order of its navigation.
const SECTIONS: [(&str, &str); 7] = [
    ("", "Overview"),
    ("/details", "About them"),
    ("/network", "Network"),
    ("/work", "Conversations and tasks"),
    ("/care", "Assessments and plans"),
    ("/notes", "Notes"),
    ("/contacts", "Contacts"),
];

pub fn long_date(d: chrono::NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

/// A record opened for a page: the record, the basis, and the header.
pub struct Opened {
    pub record: PersonRecord,
    pub header: RecordHeader,
}

pub fn today(state: &AppState) -> chrono::NaiveDate {
    state.clock.now().with_timezone(&chrono_tz::Europe::London).date_naive()
}

/// Opens a record for a page the guard has allowed (`crate::records`), auditing the view with
/// its basis. `section` is the page's path after the record's, for the navigation.
pub async fn open(
    state: &AppState,
    viewer: &Viewer,
    id: &PersonId,
    basis: Basis,
    page: &'static str,
    section: &str,
) -> AppResult<Opened> {
    let record = state.store.people().open_person(&viewer.audit(state), id, basis.key(), page).await?;
    let header = header(state, &record, basis, section).await?;
    Ok(Opened { record, header })
}

async fn header(state: &AppState, record: &PersonRecord, basis: Basis, section: &str) -> AppResult<RecordHeader> {
    let today = today(state);
    let d = &record.details;
    let born = match d.date_of_birth {
        Some(b) => format!("{} (age {})", long_date(b), age_on(b, d.date_of_death.unwrap_or(today))),
        None => "Not known".to_owned(),
    };
    let warnings = state
        .store
        .people()
        .warnings(&record.id)
        .await?
        .into_iter()
        .filter(|w| w.ended_on.is_none() && w.starts_on <= today)
        .map(|w| WarningView {
            kind: w.kind.label(),
            details: w.details,
            review_by: long_date(w.review_by),
            review_due: w.review_by <= today,
        })
        .collect();
    Ok(RecordHeader {
        id: record.id.clone(),
        name: record.display_name(),
        reference: record.reference.clone(),
        born,
        died: d.date_of_death.map(long_date),
        nhs_number: d.nhs().map(|n: NhsNumber| n.to_string()),
        restricted: record.restricted,
        basis: basis.label(),
        broke_glass: basis == Basis::BrokeGlass,
        warnings,
        links: SECTIONS
            .iter()
            .map(|(path, label)| RecordLink {
                href: format!("/people/{}{path}", record.id),
                label,
                current: *path == section,
            })
            .collect(),
    })
}

/// Public directory services matching `words` (none when no words), for linking a connection
/// or the services offered at the front door.
pub async fn directory_matches(
    state: &AppState,
    words: &str,
) -> AppResult<Vec<hearth_domain::directory::hsds::Service>> {
    if words.trim().is_empty() {
        return Ok(Vec::new());
    }
    let filter = hearth_store::directory::search::ServiceFilter {
        words: Some(words.trim().to_owned()),
        public_only: true,
        ..Default::default()
    };
    Ok(state.store.directory().search_services(&filter, 1, 10).await?.found.into_iter().map(|s| s.service).collect())
}

/// The council's practice settings, with Hearth's defaults.
pub struct PracticeSettings {
    pub labels: ConversationLabels,
    pub crisis_review_days: i64,
    pub break_glass_hours: i64,
    /// People waiting longer than this for a worker are flagged on the team's page.
    pub allocation_wait_days: i64,
    /// Review timings (statutory guidance 13.32 unless the council reviews more often).
    pub reviews: hearth_domain::assessments::reviews::ReviewTimings,
    /// Plans with a weekly budget at or above this also go to a panel (none: no panel).
    pub panel_from: Option<hearth_domain::charging::money::Pence>,
    /// Days within which a review the person asks for is done.
    pub requested_review_days: u32,
    /// The number letters give for getting in touch.
    pub phone: String,
}

pub async fn practice_settings(state: &AppState) -> AppResult<PracticeSettings> {
    let mut labels = ConversationLabels::default();
    for kind in ConversationKind::ALL {
        if let Some(label) = state.store.settings().setting(kind.setting_key()).await?.filter(|l| !l.trim().is_empty())
        {
            labels.0[usize::from(kind.number() - 1)] = label;
        }
    }
    let number = |v: Option<String>, default: i64| v.and_then(|s| s.parse().ok()).filter(|n| *n > 0).unwrap_or(default);
    Ok(PracticeSettings {
        labels,
        crisis_review_days: number(
            state.store.settings().setting("crisis_review_days").await?,
            DEFAULT_CRISIS_REVIEW_DAYS,
        ),
        break_glass_hours: number(
            state.store.settings().setting("break_glass_hours").await?,
            DEFAULT_BREAK_GLASS_HOURS,
        ),
        allocation_wait_days: number(
            state.store.settings().setting("allocation_wait_days").await?,
            DEFAULT_ALLOCATION_WAIT_DAYS,
        ),
        reviews: {
            let default = hearth_domain::assessments::reviews::ReviewTimings::default();
            let t = hearth_domain::assessments::reviews::ReviewTimings {
                first_from_weeks: number(
                    state.store.settings().setting("review_first_from_weeks").await?,
                    default.first_from_weeks.into(),
                ) as u32,
                first_by_weeks: number(
                    state.store.settings().setting("review_first_by_weeks").await?,
                    default.first_by_weeks.into(),
                ) as u32,
                then_every_months: number(
                    state.store.settings().setting("review_every_months").await?,
                    default.then_every_months.into(),
                ) as u32,
                due_soon_days: default.due_soon_days,
            };
            // A setting that breaks the guidance's limits falls back to the guidance.
            if t.check().is_ok() { t } else { default }
        },
        panel_from: state
            .store
            .settings()
            .setting("panel_from_weekly")
            .await?
            .and_then(|s| hearth_domain::charging::money::Pence::parse(&s).ok())
            .filter(|p| p.pence() > 0),
        requested_review_days: number(state.store.settings().setting("requested_review_days").await?, 28) as u32,
        // The front door's number from the council's details; an older "council_phone" setting
        // still counts until it is set there.
        phone: match state.store.settings().setting("contact_phone").await?.filter(|p| !p.trim().is_empty()) {
            Some(phone) => phone,
            None => state
                .store
                .settings()
                .setting("council_phone")
                .await?
                .unwrap_or_else(|| "the number on our website".to_owned()),
        },
    })
}
