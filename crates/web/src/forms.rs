//! Forms: their problems in the shape the GOV.UK error summary needs (each message linked to its
//! field), and the small parsers and escapes every form shares.

pub use hearth_domain::Problems;

/// The status a form page answers with: 409 when someone else saved the same thing meanwhile
/// (`crate::edits`), 422 when it shows other problems, 200 when there are none.
pub fn status(problems: &Problems) -> axum::http::StatusCode {
    if problems.get(crate::edits::CHANGED).is_some() {
        axum::http::StatusCode::CONFLICT
    } else if problems.is_empty() {
        axum::http::StatusCode::OK
    } else {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    }
}

/// The one place a store error becomes what a form shows: a refusal's problems as they are
/// (their keys are the form's input names), a save over someone else's or a decision already
/// made as a problem with the whole form. Anything else is not the person's to fix and passes on.
pub fn refusal(err: hearth_store::StoreError) -> Result<Problems, crate::errors::AppError> {
    use hearth_store::StoreError;
    match err {
        StoreError::Refused(problems) => Ok(problems),
        StoreError::Stale => Ok(Problems::one(
            Problems::FORM,
            "Someone else changed this record while you had it open. Your changes are below: check them against the record and save again",
        )),
        StoreError::AlreadyDecided => {
            Ok(Problems::one(Problems::FORM, "This has already been done, perhaps by someone else: look again"))
        }
        other => Err(other.into()),
    }
}

/// Every page passes through here: a link in the error summary to an answer the page does not
/// ask becomes plain text. A page with several forms offers each only at its stage and to those
/// who may use it, so a stale tab or a hand-made request can be refused over an answer that is
/// not on the page; the message is still shown, about the whole request, and never links to
/// nothing.
pub fn unlink_unasked(html: String) -> String {
    const LIST: &str = "govuk-error-summary__list";
    let Some(list) = html.find(LIST) else { return html };
    let end = html[list..].find("</ul>").map_or(html.len(), |e| list + e);
    let mut out = String::with_capacity(html.len());
    out.push_str(&html[..list]);
    let mut rest = &html[list..end];
    while let Some(at) = rest.find("<a href=\"#") {
        let target_start = at + "<a href=\"#".len();
        let Some(target_len) = rest[target_start..].find('"') else { break };
        let target = &rest[target_start..target_start + target_len];
        let Some(close) = rest[at..].find("</a>").map(|c| at + c) else { break };
        if html.contains(&format!("id=\"{target}\"")) {
            out.push_str(&rest[..close + 4]);
        } else {
            let text_start = rest[at..close].find('>').map_or(close, |g| at + g + 1);
            out.push_str(&rest[..at]);
            out.push_str(&rest[text_start..close]);
        }
        rest = &rest[close + 4..];
    }
    out.push_str(rest);
    out.push_str(&html[end..]);
    out
}

/// Escapes a CSV cell that a spreadsheet would otherwise run as a formula.
pub fn csv_cell(value: &str) -> String {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{value}") } else { value.to_owned() }
}

/// Only paths on this site may be returned to after sign-in, so a link cannot send people
/// elsewhere: a path of printable characters that starts with one slash (browsers take `//`,
/// `/\\` and any tab or line break they remove as the start of another site's address).
/// Anything else goes to the staff home page.
pub fn safe_return_path(candidate: Option<&str>) -> String {
    match candidate {
        Some(p)
            if p.starts_with('/')
                && !p.starts_with("//")
                && !p.starts_with("/\\")
                && p.chars().all(|c| c.is_ascii_graphic())
                && !crate::input::encoded_control(p)
                && !p.to_ascii_lowercase().starts_with("/%2f")
                && !p.to_ascii_lowercase().starts_with("/%5c") =>
        {
            p.to_owned()
        }
        _ => "/staff".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_links_only_to_answers_on_the_page() {
        let page = r##"<ul class="govuk-list govuk-error-summary__list"><li><a href="#name">Enter a name</a></li><li><a href="#gone">Not here</a></li></ul><input id="name">"##;
        let shown = unlink_unasked(page.to_owned());
        assert!(shown.contains(r##"<a href="#name">Enter a name</a>"##), "{shown}");
        assert!(shown.contains("<li>Not here</li>"), "{shown}");
        assert!(shown.ends_with(r#"<input id="name">"#));
        let plain = "<p>No problems</p>".to_owned();
        assert_eq!(unlink_unasked(plain.clone()), plain);
    }

    #[test]
    fn return_paths_stay_on_this_site() {
        assert_eq!(safe_return_path(Some("/admin/users")), "/admin/users");
        assert_eq!(safe_return_path(Some("//evil.example")), "/staff");
        assert_eq!(safe_return_path(Some("/\\evil.example")), "/staff");
        assert_eq!(safe_return_path(Some("https://evil.example")), "/staff");
        assert_eq!(safe_return_path(None), "/staff");
        // Browsers drop tabs and line breaks from addresses, which would make these `//`.
        assert_eq!(safe_return_path(Some("/\t/evil.example")), "/staff");
        assert_eq!(safe_return_path(Some("/\n/evil.example")), "/staff");
        assert_eq!(safe_return_path(Some("/ /evil.example")), "/staff");
        assert_eq!(safe_return_path(Some("/%09/evil.example")), "/staff");
        assert_eq!(safe_return_path(Some("/%2F/evil.example")), "/staff");
        assert_eq!(safe_return_path(Some("/people?name=Ada%20Kilbride")), "/people?name=Ada%20Kilbride");
    }
}

/// A UTC time as people in England read it: "22 November 2026 at 2:05pm".
pub fn uk_time(at: chrono::DateTime<chrono::Utc>) -> String {
    let local = at.with_timezone(&chrono_tz::Europe::London);
    let hour = local.format("%-I:%M%P").to_string();
    format!("{} at {}", local.format("%-d %B %Y"), hour)
}

/// Parses a date typed as day/month/year ("22/11/2026", "22 11 2026" or "2026-11-22").
pub fn parse_uk_date(input: &str) -> Option<chrono::NaiveDate> {
    let s = input.trim();
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok().or_else(|| {
        let parts: Vec<&str> = s.split(['/', ' ', '-', '.']).filter(|p| !p.is_empty()).collect();
        match parts.as_slice() {
            [d, m, y] => chrono::NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?),
            _ => None,
        }
    })
}

#[cfg(test)]
mod time_tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn times_show_in_uk_local_time() {
        let winter = chrono::Utc.with_ymd_and_hms(2026, 11, 22, 14, 5, 0).unwrap();
        assert_eq!(uk_time(winter), "22 November 2026 at 2:05pm");
        let summer = chrono::Utc.with_ymd_and_hms(2026, 7, 1, 8, 30, 0).unwrap();
        assert_eq!(uk_time(summer), "1 July 2026 at 9:30am");
    }

    #[test]
    fn dates_parse_the_ways_people_type_them() {
        let d = chrono::NaiveDate::from_ymd_opt(2026, 11, 2).unwrap();
        for s in ["2/11/2026", "02/11/2026", "2 11 2026", "2026-11-02", " 2.11.2026 "] {
            assert_eq!(parse_uk_date(s), Some(d), "{s}");
        }
        assert_eq!(parse_uk_date("31/02/2026"), None);
        assert_eq!(parse_uk_date("tomorrow"), None);
    }
}

/// A form's fields as sent, for forms with repeated names (checkboxes) that serde's form decoder
/// cannot put in a `Vec`.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(transparent)]
pub struct Fields(pub Vec<(String, String)>);

impl Fields {
    /// The first value sent for `name`, or empty.
    pub fn get(&self, name: &str) -> &str {
        self.0.iter().find(|(k, _)| k == name).map_or("", |(_, v)| v.as_str())
    }

    /// Every value sent for `name`, in order.
    pub fn all(&self, name: &str) -> Vec<String> {
        self.0.iter().filter(|(k, _)| k == name).map(|(_, v)| v.clone()).collect()
    }
}

/// An amount of money in pounds and pence, not below zero. Left empty it is `None`, and a problem
/// (`if_missing`) when one is needed; anything else unreadable is a problem showing an example
/// (`like`) of what would do.
pub fn amount(
    field: impl Into<std::borrow::Cow<'static, str>>,
    text: &str,
    if_missing: Option<&str>,
    like: &str,
    errors: &mut Problems,
) -> Option<hearth_domain::charging::money::Pence> {
    use hearth_domain::charging::money::Pence;
    let text = text.trim();
    if text.is_empty() {
        if let Some(message) = if_missing {
            errors.add(field, message.to_owned());
        }
        return None;
    }
    match Pence::parse(text) {
        Ok(p) if p >= Pence::ZERO => Some(p),
        _ => {
            errors.add(field, format!("Enter an amount in pounds and pence, like {like}"));
            None
        }
    }
}

/// A checkbox sent as "yes" is ticked; any other value, or none (the field left out with
/// `#[serde(default)]`), is not. For `#[serde(deserialize_with = "crate::forms::ticked")]`.
pub fn ticked<'de, D: serde::Deserializer<'de>>(sent: D) -> Result<bool, D::Error> {
    let value: String = serde::Deserialize::deserialize(sent)?;
    Ok(value == "yes")
}

/// A text field with the spaces around it taken off, for fields whose emptiness matters.
/// For `#[serde(deserialize_with = "crate::forms::trimmed")]`.
pub fn trimmed<'de, D: serde::Deserializer<'de>>(sent: D) -> Result<String, D::Error> {
    let value: String = serde::Deserialize::deserialize(sent)?;
    Ok(value.trim().to_owned())
}

/// A form decoded into its own typed struct at the edge, as zero2prod's handlers take theirs.
/// Unlike axum's `Form`, names sent more than once (a group of checkboxes) decode into a `Vec`,
/// so a form with checkboxes needs no untyped [`Fields`] bag. Fields the struct does not name
/// (the form token) are ignored; a body that is not a form is refused with a message, not a 500.
pub struct TypedForm<T>(pub T);

impl<T, S> axum::extract::FromRequest<S> for TypedForm<T>
where
    T: serde::de::DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = crate::errors::AppError;

    async fn from_request(req: axum::extract::Request, state: &S) -> Result<Self, Self::Rejection> {
        let unreadable = || {
            crate::errors::AppError::Refused(Problems::one(Problems::FORM, "The form could not be read: send it again"))
        };
        let body = axum::body::Bytes::from_request(req, state).await.map_err(|_| unreadable())?;
        serde_html_form::from_bytes(&body).map(TypedForm).map_err(|_| unreadable())
    }
}

#[cfg(test)]
mod typed_form_tests {
    use super::*;
    use axum::extract::FromRequest;

    #[derive(serde::Deserialize, Debug, PartialEq)]
    struct Chosen {
        #[serde(default)]
        name: String,
        #[serde(default)]
        meets: Vec<String>,
        #[serde(default, deserialize_with = "ticked")]
        agreed: bool,
        #[serde(default, deserialize_with = "trimmed")]
        amount: String,
        #[serde(default)]
        review: Option<hearth_store::ReviewId>,
    }

    async fn decode(body: &'static str) -> Result<Chosen, crate::errors::AppError> {
        let req = axum::http::Request::post("/")
            .header("content-type", "application/x-www-form-urlencoded")
            .body(axum::body::Body::from(body))
            .unwrap();
        TypedForm::<Chosen>::from_request(req, &()).await.map(|TypedForm(c)| c)
    }

    #[tokio::test]
    async fn repeated_names_become_a_list_and_the_form_token_is_ignored() {
        let c = decode("_csrf=t0k3n&name=Ada+Lovelace&meets=washing&meets=meals&agreed=yes").await.unwrap();
        assert_eq!(
            c,
            Chosen {
                name: "Ada Lovelace".into(),
                meets: vec!["washing".into(), "meals".into()],
                agreed: true,
                amount: String::new(),
                review: None,
            }
        );
        let none = decode("name=Ada").await.unwrap();
        assert!(none.meets.is_empty(), "no box ticked is an empty list");
        assert!(!none.agreed, "a checkbox not sent is not ticked");
        assert!(!decode("agreed=no").await.unwrap().agreed);
        assert_eq!(decode("amount=+12.50+").await.unwrap().amount, "12.50", "spaces around it go");
        // A select whose first option is "none of these" sends an empty value: that is no id.
        assert_eq!(decode("review=").await.unwrap().review, None);
        assert_eq!(decode("review=r-1").await.unwrap().review, Some(hearth_store::ReviewId::from("r-1")));
    }

    #[tokio::test]
    async fn a_form_that_does_not_fit_its_struct_is_refused_with_a_message() {
        let refused = decode("name=one&name=two").await;
        assert!(matches!(refused, Err(crate::errors::AppError::Refused(p)) if !p.is_empty()));
    }
}
