//! Form errors in the shape the GOV.UK error summary needs: each message linked to its field.

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    /// The id of the input the message is about (the summary links to it).
    pub field: std::borrow::Cow<'static, str>,
    pub message: String,
}

#[derive(Clone, Debug, Default)]
pub struct FormErrors(pub Vec<FieldError>);

impl FormErrors {
    pub fn add(&mut self, field: impl Into<std::borrow::Cow<'static, str>>, message: impl Into<String>) {
        self.0.push(FieldError { field: field.into(), message: message.into() });
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The message for one field, for the field's own error text.
    pub fn get(&self, field: &str) -> Option<&str> {
        self.0.iter().find(|e| e.field == field).map(|e| e.message.as_str())
    }

    pub fn iter(&self) -> std::slice::Iter<'_, FieldError> {
        self.0.iter()
    }

    /// The status a form page answers with: 409 when someone else saved the same thing
    /// meanwhile (`crate::edits`), 422 when it shows other errors.
    pub fn status(&self) -> axum::http::StatusCode {
        if self.get(crate::edits::CHANGED).is_some() {
            axum::http::StatusCode::CONFLICT
        } else if self.is_empty() {
            axum::http::StatusCode::OK
        } else {
            axum::http::StatusCode::UNPROCESSABLE_ENTITY
        }
    }
}

impl<'a> IntoIterator for &'a FormErrors {
    type Item = &'a FieldError;
    type IntoIter = std::slice::Iter<'a, FieldError>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
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
