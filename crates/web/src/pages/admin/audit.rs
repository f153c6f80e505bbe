//! Administrators search, read and export the audit log.

use crate::AppState;
use crate::chrome::{Chrome, render};
use crate::errors::{AppError, AppResult};
use crate::forms::csv_cell;
use crate::forms::{Problems, parse_uk_date, uk_time};
use crate::session::Viewer;
use askama::Template;
use axum::Extension;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use hearth_domain::email::EmailAddress;
use hearth_store::{AuditEntry, AuditFilter, AuditRow};
use serde::Deserialize;
use std::collections::HashMap;

const PER_PAGE: u64 = 50;

/// What an action means, in words.
pub fn describe_action(action: &str) -> String {
    let known = match action {
        "sign-in" => "Signed in",
        "sign-in-failed" => "Sign-in failed",
        "sign-out" => "Signed out",
        "session-ended" => "Signed out automatically",
        "account-locked" => "Account locked",
        "user-created" => "Staff account added",
        "user-deactivated" => "Staff account deactivated",
        "user-reactivated" => "Staff account reactivated",
        "user-unlocked" => "Staff account unlocked",
        "role-granted" => "Role given",
        "role-removed" => "Role taken away",
        "password-set" => "Password set",
        "single-sign-on-linked" => "Council sign-in linked",
        "setting-changed" => "Setting changed",
        "access-denied" => "Refused a page",
        "audit-exported" => "Audit log exported",
        other => return other.replace('-', " "),
    };
    known.to_owned()
}

#[derive(Deserialize, Default, Clone)]
pub struct AuditQuery {
    #[serde(default)]
    action: String,
    #[serde(default)]
    person: String,
    #[serde(default)]
    record_id: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    page: Option<u64>,
}

impl AuditQuery {
    /// The filter, or the form's errors.
    async fn filter(&self, state: &AppState) -> AppResult<Result<AuditFilter, Problems>> {
        let mut errors = Problems::default();
        let mut filter = AuditFilter::default();
        let non_empty = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
        filter.action = non_empty(&self.action);
        filter.record_id = non_empty(&self.record_id);
        if let Some(person) = non_empty(&self.person) {
            match EmailAddress::parse(&person) {
                Ok(email) => match state.store.accounts().user_for_sign_in(&email).await? {
                    Some(found) => filter.actor_user_id = Some(found.user.id.to_string()),
                    None => errors.add("person", "There is no staff account with this email address"),
                },
                Err(e) => errors.add("person", e.to_string()),
            }
        }
        for (field, typed, slot) in [("from", &self.from, &mut filter.from), ("to", &self.to, &mut filter.to)] {
            if let Some(text) = non_empty(typed) {
                match parse_uk_date(&text) {
                    Some(date) => *slot = Some(date),
                    None => errors.add(field, "Enter a real date, like 22/11/2026"),
                }
            }
        }
        if let (Some(from), Some(to)) = (filter.from, filter.to)
            && from > to
        {
            errors.add("to", "The end date must be the same as or after the start date");
        }
        Ok(if errors.is_empty() { Ok(filter) } else { Err(errors) })
    }

    fn query_string(&self, page: Option<u64>) -> String {
        let mut s = url::form_urlencoded::Serializer::new(String::new());
        for (k, v) in [
            ("action", &self.action),
            ("person", &self.person),
            ("record_id", &self.record_id),
            ("from", &self.from),
            ("to", &self.to),
        ] {
            if !v.trim().is_empty() {
                s.append_pair(k, v.trim());
            }
        }
        if let Some(p) = page {
            s.append_pair("page", &p.to_string());
        }
        s.finish()
    }
}

pub struct EventRow {
    pub seq: i64,
    pub when: String,
    pub who: String,
    pub what: String,
    pub record: String,
    pub from: String,
    pub details: String,
}

pub struct ActionOption {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

pub struct PageLink {
    pub number: u64,
    pub href: String,
    pub current: bool,
}

#[derive(Template)]
#[template(path = "admin/admin_audit.html")]
struct AuditPage {
    chrome: Chrome,
    errors: Problems,
    query: AuditQuery,
    actions: Vec<ActionOption>,
    events: Vec<EventRow>,
    total: u64,
    first: u64,
    last: u64,
    pages: Vec<PageLink>,
    previous: Option<String>,
    next: Option<String>,
    export_href: String,
}

fn who(row: &AuditRow, names: &HashMap<String, String>) -> String {
    match (&row.actor_user_id, row.actor_kind.as_str()) {
        (Some(id), _) => names.get(id).cloned().unwrap_or_else(|| format!("Account {id}")),
        (None, "anonymous") => "Someone not signed in".to_owned(),
        (None, "command-line") => "Administrator at the server".to_owned(),
        _ => "Hearth".to_owned(),
    }
}

fn details_text(row: &AuditRow) -> String {
    let mut parts = Vec::new();
    if let Ok(serde_json::Value::Object(map)) = serde_json::from_str::<serde_json::Value>(&row.details) {
        for (k, v) in map {
            let value = match v {
                serde_json::Value::String(s) => s,
                other => other.to_string(),
            };
            parts.push(format!("{}: {value}", k.replace('_', " ")));
        }
    }
    if let Some(reason) = &row.reason {
        parts.push(format!("reason: {reason}"));
    }
    parts.join("; ")
}

pub async fn search(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Query(query): Query<AuditQuery>,
) -> AppResult<Response> {
    let chrome = Chrome::build(&state, &viewer, "/admin/audit").await;
    let page = query.page.unwrap_or(1).max(1);
    let (errors, found) = match query.filter(&state).await? {
        Ok(filter) => (Problems::default(), Some(state.store.search_audit(&filter, page, PER_PAGE).await?)),
        Err(errors) => (errors, None),
    };
    let names: HashMap<String, String> =
        state.store.accounts().users().await?.into_iter().map(|u| (u.id.to_string(), u.name)).collect();
    let (events, total) = match found {
        Some(found) => (
            found
                .rows
                .iter()
                .map(|r| EventRow {
                    seq: r.seq,
                    when: uk_time(r.occurred_at),
                    who: who(r, &names),
                    what: describe_action(&r.action),
                    record: match (&r.record_type, &r.record_id) {
                        (Some(t), Some(id)) if t == "user" => {
                            names.get(id).map(|n| format!("Staff account: {n}")).unwrap_or_else(|| format!("{t} {id}"))
                        }
                        (Some(t), Some(id)) => format!("{t} {id}"),
                        _ => String::new(),
                    },
                    from: r.client_addr.clone().unwrap_or_default(),
                    details: details_text(r),
                })
                .collect(),
            found.total,
        ),
        None => (Vec::new(), 0),
    };
    let last_page = total.div_ceil(PER_PAGE).max(1);
    let first = if total == 0 { 0 } else { (page - 1) * PER_PAGE + 1 };
    let last = (page * PER_PAGE).min(total);
    let href = |p: u64| format!("/admin/audit?{}", query.query_string(Some(p)));
    let window = page.saturating_sub(2).max(1)..=(page + 2).min(last_page);
    let pages = window.map(|n| PageLink { number: n, href: href(n), current: n == page }).collect();
    let actions = state
        .store
        .audit_actions()
        .await?
        .into_iter()
        .map(|a| ActionOption { label: describe_action(&a), selected: a == query.action, value: a })
        .collect();
    let status = crate::forms::status(&errors);
    let template = AuditPage {
        chrome,
        errors,
        actions,
        events,
        total,
        first,
        last,
        previous: (page > 1).then(|| href(page - 1)),
        next: (page < last_page).then(|| href(page + 1)),
        pages,
        export_href: format!("/admin/audit/export.csv?{}", query.query_string(None)),
        query,
    };
    Ok((status, render(&template)?).into_response())
}

/// The matching events as CSV, oldest first. The export itself is audited.
pub async fn export(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Query(query): Query<AuditQuery>,
) -> AppResult<Response> {
    let filter = match query.filter(&state).await? {
        Ok(filter) => filter,
        Err(_) => return Err(AppError::NotFound),
    };
    state
        .store
        .audit(
            &viewer.audit(&state),
            AuditEntry::new("audit-exported").details(serde_json::json!({"filter": query.query_string(None)})),
        )
        .await?;
    let mut out = csv::Writer::from_writer(Vec::new());
    let write_err = |e: csv::Error| AppError::Internal(e.to_string());
    out.write_record([
        "seq",
        "occurred_at_utc",
        "actor_user_id",
        "actor_kind",
        "action",
        "record_type",
        "record_id",
        "client_addr",
        "reason",
        "details",
        "prev_hash",
        "hash",
    ])
    .map_err(write_err)?;
    let mut after = 0;
    loop {
        let batch = state.store.audit_batch(&filter, after, 1_000).await?;
        let Some(last) = batch.last() else { break };
        after = last.seq;
        for r in &batch {
            // Every cell, as the directory export does: anything a person could have typed or
            // chosen (a record id from a URL, a client address from a header) is text, never a
            // formula a spreadsheet would run.
            let cells = [
                r.seq.to_string(),
                r.occurred_at.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string(),
                r.actor_user_id.clone().unwrap_or_default(),
                r.actor_kind.clone(),
                r.action.clone(),
                r.record_type.clone().unwrap_or_default(),
                r.record_id.clone().unwrap_or_default(),
                r.client_addr.clone().unwrap_or_default(),
                r.reason.clone().unwrap_or_default(),
                r.details.clone(),
                r.prev_hash.clone(),
                r.hash.clone(),
            ];
            out.write_record(cells.iter().map(|c| csv_cell(c))).map_err(write_err)?;
        }
    }
    let body = out.into_inner().map_err(|e| AppError::Internal(e.to_string()))?;
    let filename = format!("attachment; filename=\"hearth-audit-{}.csv\"", state.clock.now().format("%Y-%m-%d"));
    Ok((
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8")),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_str(&filename).map_err(|e| AppError::Internal(e.to_string()))?,
            ),
        ],
        body,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_defused_in_csv() {
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(csv_cell("plain"), "plain");
    }

    #[test]
    fn actions_read_as_words() {
        assert_eq!(describe_action("sign-in-failed"), "Sign-in failed");
        assert_eq!(describe_action("something-new"), "something new");
    }
}
