//! Reads Open Referral UK 3.0 / HSDS 3.0 feeds: a JSON list of full services, or a page of them
//! (`{"contents": [...]}`), as `GET /services/{id}` would give each one.

use hearth_domain::directory::hsds::Service;

/// What is wrong with one record.
#[derive(Debug, PartialEq, Eq)]
pub struct RecordProblem {
    /// Position in the feed, from 1.
    pub record: usize,
    pub id: Option<String>,
    pub field: String,
    pub problem: String,
}

pub fn read(text: &str) -> Result<(Vec<Service>, Vec<RecordProblem>), String> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| format!("the file is not JSON: {e}"))?;
    let items = match value {
        serde_json::Value::Array(items) => items,
        serde_json::Value::Object(mut page) => match page.remove("contents") {
            Some(serde_json::Value::Array(items)) => items,
            _ => return Err("expected a list of services, or a page with a \"contents\" list".into()),
        },
        _ => return Err("expected a list of services, or a page with a \"contents\" list".into()),
    };
    let mut services = Vec::new();
    let mut problems = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (i, item) in items.into_iter().enumerate() {
        let record = i + 1;
        let id = item.get("id").and_then(|v| v.as_str()).map(str::to_owned);
        match serde_path_to_error::deserialize::<_, Service>(item) {
            Err(e) => {
                problems.push(RecordProblem { record, id, field: e.path().to_string(), problem: e.inner().to_string() })
            }
            Ok(service) => {
                let found = service.problems();
                if !seen.insert(service.id.clone()) {
                    problems.push(RecordProblem {
                        record,
                        id: id.clone(),
                        field: "id".into(),
                        problem: "appears twice in this file".into(),
                    });
                }
                if found.is_empty() {
                    services.push(service);
                } else {
                    problems.extend(found.into_iter().map(|p| RecordProblem {
                        record,
                        id: id.clone(),
                        field: p.field,
                        problem: p.problem,
                    }));
                }
            }
        }
    }
    Ok((services, problems))
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"{"id": "ac148810-d857-441c-9679-408f346de14b", "name": "Lunch club", "status": "active"}"#;

    #[test]
    fn reads_lists_and_pages() {
        assert_eq!(read(&format!("[{GOOD}]")).unwrap().0.len(), 1);
        assert_eq!(read(&format!("{{\"total_items\": 1, \"contents\": [{GOOD}]}}")).unwrap().0.len(), 1);
        assert!(read("{}").is_err());
        assert!(read("not json").unwrap_err().starts_with("the file is not JSON"));
    }

    #[test]
    fn names_each_bad_record_and_field() {
        let feed = format!(
            r#"[{GOOD},
            {{"id": "bc148810-d857-441c-9679-408f346de14b", "name": "No status"}},
            {{"id": "cc148810-d857-441c-9679-408f346de14b", "name": "Bad place", "status": "active",
              "service_at_locations": [{{"id": "dc148810-d857-441c-9679-408f346de14b", "location": {{"id": "ec148810-d857-441c-9679-408f346de14b", "location_type": "physical", "latitude": "north"}}}}]}},
            {GOOD}]"#
        );
        let (good, problems) = read(&feed).unwrap();
        assert_eq!(good.len(), 2, "the sound records are read");
        let summary: Vec<(usize, &str)> = problems.iter().map(|p| (p.record, p.field.as_str())).collect();
        assert_eq!(summary, [(2, "."), (3, "service_at_locations[0].location.latitude"), (4, "id")]);
        assert!(problems[0].problem.contains("missing field `status`"), "{}", problems[0].problem);
    }
}
