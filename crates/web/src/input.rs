//! What comes in from outside is made safe at the edge, before any handler reads it.
//!
//! - Control characters (a NUL, a backspace, an escape) mean nothing in anything a person
//!   types, and some databases refuse them: they are taken out of query strings and forms (a
//!   text area keeps its line breaks and tabs). A path with one names nothing: not found.
//! - Every field has a longest length: a line of text at most [`LONGEST_LINE`] characters, a
//!   text area at most [`LONGEST_TEXT`]. A longer one is refused with a page that says which,
//!   and nothing is saved; the browser still holds what was typed. (Fields with a shorter
//!   natural limit, such as names, are checked where they are read, with the form's own
//!   errors.)

use crate::AppState;
use crate::chrome::{Chrome, render};
use crate::session::Viewer;
use askama::Template;
use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{StatusCode, Uri, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The longest a line of text may be: longer than any name, address line or web address.
pub const LONGEST_LINE: usize = 1_000;

/// The longest a text area may be: several pages of a note.
pub const LONGEST_TEXT: usize = 20_000;

/// The largest form body read at all (the same as the form protection's).
const MAX_FORM_BYTES: usize = 1024 * 1024;

/// The fields that are text areas (a test checks every text area on every page is here).
const TEXT_AREAS: &[&str] = &[
    "access_other",
    "address",
    "advice",
    "application_process",
    "body",
    "carer_able_willing",
    "carer_work_learning",
    "comment",
    "communication_needs",
    "council_address",
    "consultees",
    "contingency",
    "decision",
    "description",
    "details",
    "dp_summary",
    "eligibility_description",
    "evidence",
    "exception_reason",
    "fees_description",
    "fluctuation_description",
    "impact_note",
    "condition_note",
    "health_note",
    "impairment",
    "in_words",
    "information_given",
    "interpretation",
    "likely_needs",
    "message",
    "no_duty_reason",
    "notes",
    "options",
    "outcomes",
    "override_reason",
    "persons_view",
    "power_reason",
    "problem",
    "reason",
    "error_reason",
    "refusal_note",
    "significant_benefit",
    "steps_taken",
    "strengths",
    "summary",
    "transportation",
    "urgent_help",
    "wellbeing",
    "what_for",
    "what_is_happening",
    "what_matters",
    "what_would_help",
];

/// Text areas named after what they are about: an outcome's evidence, how a need is met.
const TEXT_AREA_PREFIXES: &[&str] = &["evidence-", "how-"];

/// Whether a field is a text area (and so keeps line breaks and may be long).
pub fn is_text_area(name: &str) -> bool {
    TEXT_AREAS.contains(&name) || TEXT_AREA_PREFIXES.iter().any(|p| name.starts_with(p))
}

/// Fields that carry saved answers rather than typing, with their own longest: the estimate's
/// answers in an emailed link hold as much as its cookie may.
const CARRIED_ANSWERS: &[(&str, usize)] = &[("answers", 4_000)];

/// The longest a field may be, in characters.
pub fn longest(name: &str) -> usize {
    if let Some((_, most)) = CARRIED_ANSWERS.iter().find(|(n, _)| *n == name) {
        return *most;
    }
    if is_text_area(name) { LONGEST_TEXT } else { LONGEST_LINE }
}

/// A value without control characters (a text area keeps line breaks and tabs).
pub fn clean(value: &str, multiline: bool) -> String {
    value.chars().filter(|c| !c.is_control() || (multiline && matches!(c, '\n' | '\r' | '\t'))).collect()
}

fn has_control(text: &str) -> bool {
    text.chars().any(char::is_control)
}

/// A field that was too long: its name and how many characters it had.
struct TooLong {
    name: String,
    length: usize,
    longest: usize,
}

/// Cleans a query string or form body: control characters out of names and values, and every
/// field too long named. Returns the cleaned text if anything changed.
fn clean_pairs(text: &[u8], too_long: &mut Vec<TooLong>) -> Option<String> {
    let mut changed = false;
    let mut out = url::form_urlencoded::Serializer::new(String::new());
    for (name, value) in url::form_urlencoded::parse(text) {
        let multiline = is_text_area(&name);
        let (clean_name, clean_value) = (clean(&name, false), clean(&value, multiline));
        changed |= clean_name != name || clean_value != value;
        let length = clean_value.chars().count();
        if length > longest(&clean_name) {
            too_long.push(TooLong { longest: longest(&clean_name), name: clean_name.clone(), length });
        }
        out.append_pair(&clean_name, &clean_value);
    }
    changed.then(|| out.finish())
}

/// Whether a path holds a control character, or one percent-encoded.
pub(crate) fn encoded_control(path: &str) -> bool {
    let bytes = path.as_bytes();
    bytes.windows(3).any(|w| {
        w[0] == b'%'
            && matches!((w[1], w[2].to_ascii_uppercase()), (b'0' | b'1', b'0'..=b'9' | b'A'..=b'F') | (b'7', b'F'))
    }) || has_control(path)
}

#[derive(Template)]
#[template(path = "public/too_long.html")]
struct TooLongPage {
    chrome: Chrome,
    fields: Vec<(String, String, String)>,
}

/// A count as people write it: 100,000.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

async fn too_long_page(state: &AppState, path: &str, viewer: Option<Viewer>, fields: Vec<TooLong>) -> Response {
    if path.starts_with("/api/") {
        let problems: Vec<_> = fields
            .iter()
            .map(|f| serde_json::json!({"field": f.name, "problem": format!("at most {} characters", f.longest)}))
            .collect();
        let body = serde_json::json!({"error": "A value is too long", "problems": problems});
        return (StatusCode::BAD_REQUEST, axum::Json(body)).into_response();
    }
    let Some(viewer) = viewer else { return StatusCode::UNPROCESSABLE_ENTITY.into_response() };
    let page = TooLongPage {
        chrome: Chrome::build(state, &viewer, path).await,
        fields: fields
            .into_iter()
            .map(|f| (f.name.replace(['_', '-'], " "), thousands(f.length), thousands(f.longest)))
            .collect(),
    };
    match render(&page) {
        Ok(html) => (StatusCode::UNPROCESSABLE_ENTITY, html).into_response(),
        Err(e) => e.into_response(),
    }
}

/// The edge: cleans the query string and any form before the rest of Hearth sees them.
pub async fn clean_input(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if encoded_control(req.uri().path()) {
        return crate::errors::AppError::NotFound.into_response();
    }
    let mut too_long = Vec::new();
    let (mut parts, body) = req.into_parts();
    if let Some(query) = parts.uri.query()
        && let Some(cleaned) = clean_pairs(query.as_bytes(), &mut too_long)
    {
        let path_and_query =
            if cleaned.is_empty() { parts.uri.path().to_owned() } else { format!("{}?{cleaned}", parts.uri.path()) };
        let mut uri = parts.uri.clone().into_parts();
        uri.path_and_query = path_and_query.parse().ok();
        if let Ok(uri) = Uri::from_parts(uri) {
            parts.uri = uri;
        }
    }
    let is_form = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    let body = if is_form && !parts.uri.path().starts_with("/api/") {
        let Ok(bytes) = to_bytes(body, MAX_FORM_BYTES).await else {
            return (StatusCode::PAYLOAD_TOO_LARGE, "form too large").into_response();
        };
        match clean_pairs(&bytes, &mut too_long) {
            Some(cleaned) => {
                parts.headers.remove(header::CONTENT_LENGTH);
                Body::from(cleaned)
            }
            None => Body::from(bytes),
        }
    } else {
        body
    };
    if !too_long.is_empty() {
        let viewer = parts.extensions.get::<Viewer>().cloned();
        return too_long_page(&state, parts.uri.path(), viewer, too_long).await;
    }
    next.run(Request::from_parts(parts, body)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_go_and_line_breaks_stay_only_in_text_areas() {
        assert_eq!(clean("Ada\u{0}\u{8}Kil\u{1b}bride", false), "AdaKilbride");
        assert_eq!(clean("one\r\ntwo\tthree\u{0}", true), "one\r\ntwo\tthree");
        assert_eq!(clean("one\ntwo", false), "onetwo");
        assert_eq!(clean("Zoë’s café, 12–2pm", false), "Zoë’s café, 12–2pm");
    }

    #[test]
    fn forms_and_queries_are_cleaned_and_long_fields_named() {
        let mut too_long = Vec::new();
        let cleaned = clean_pairs(b"name=Ada%00&body=line%0Aline&q=fine", &mut too_long);
        assert_eq!(cleaned.as_deref(), Some("name=Ada&body=line%0Aline&q=fine"));
        assert!(clean_pairs(b"q=fine&body=a+b", &mut too_long).is_none(), "nothing to change");
        let long = format!("preferred_name={}&body={}", "x".repeat(LONGEST_LINE + 1), "y".repeat(LONGEST_LINE + 1));
        clean_pairs(long.as_bytes(), &mut too_long);
        let names: Vec<&str> = too_long.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["preferred_name"], "a text area may be longer than a line");
    }

    #[test]
    fn counts_read_as_people_write_them() {
        assert_eq!(thousands(100_000), "100,000");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(999), "999");
    }

    #[test]
    fn a_path_with_a_control_character_names_nothing() {
        assert!(encoded_control("/people/%00"));
        assert!(encoded_control("/find-support/services/abc%1b"));
        assert!(encoded_control("/x/%7f"));
        assert!(!encoded_control("/people/6a1d-%20x"));
        assert!(!encoded_control("/find-support/services/7d0b5b3c-3e6a-4f0e-9f1a-2d2e8f1a0b11"));
    }
}
