//! What an edit to a service changes, field by field: shown to the editor who approves it, and
//! published as HSDS `metadata` (one record per changed field) once approved.

use super::hsds::{Metadata, Service};
use serde_json::Value;
use std::collections::HashMap;

/// One field that an edit changes. `None` means the field is absent on that side.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldChange {
    /// Where, as a path such as `contacts[0].email`.
    pub field: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// Fields that record the editing itself rather than the service, so they never count as a change.
const BOOKKEEPING: [&str; 4] = ["metadata", "last_modified", "assured_date", "assurer_email"];

/// Every leaf of a JSON document as (path, text).
fn leaves(value: &Value, path: String, out: &mut Vec<(String, String)>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                if path.is_empty() && BOOKKEEPING.contains(&key.as_str()) {
                    continue;
                }
                let child_path = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
                leaves(child, child_path, out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                leaves(child, format!("{path}[{i}]"), out);
            }
        }
        Value::Null => {}
        Value::String(s) => out.push((path, s.clone())),
        other => out.push((path, other.to_string())),
    }
}

fn flatten(service: &Service) -> Vec<(String, String)> {
    let mut out = Vec::new();
    leaves(&serde_json::to_value(service).expect("services serialise"), String::new(), &mut out);
    out
}

/// The fields that differ between `before` (the approved version, if any) and `after`, changed
/// and added fields first, then removed ones, each in field order.
pub fn field_changes(before: Option<&Service>, after: &Service) -> Vec<FieldChange> {
    let old = before.map(flatten).unwrap_or_default();
    let new = flatten(after);
    let old_by_path: HashMap<&str, &str> = old.iter().map(|(p, v)| (p.as_str(), v.as_str())).collect();
    let new_by_path: HashMap<&str, &str> = new.iter().map(|(p, v)| (p.as_str(), v.as_str())).collect();
    let mut changes = Vec::new();
    for (path, value) in &new {
        match old_by_path.get(path.as_str()) {
            Some(was) if was == value => {}
            was => changes.push(FieldChange {
                field: path.clone(),
                before: was.map(|v| (*v).to_owned()),
                after: Some(value.clone()),
            }),
        }
    }
    for (path, value) in &old {
        if !new_by_path.contains_key(path.as_str()) {
            changes.push(FieldChange { field: path.clone(), before: Some(value.clone()), after: None });
        }
    }
    changes
}

/// Who made an approved change, and when, for its HSDS metadata.
#[derive(Clone, Debug)]
pub struct ChangeRecord<'a> {
    pub resource_id: &'a str,
    /// `create` or `update`, as HSDS names the actions.
    pub action: &'a str,
    /// When it was approved (an ISO 8601 date and time).
    pub date: &'a str,
    pub updated_by: &'a str,
}

/// HSDS `metadata` for each changed field (HSDS 3.0 metadata: one record per field changed,
/// with its previous and replacement values). `new_id` gives each record its UUID.
pub fn metadata(changes: &[FieldChange], record: &ChangeRecord, mut new_id: impl FnMut() -> String) -> Vec<Metadata> {
    changes
        .iter()
        .map(|c| Metadata {
            id: new_id(),
            resource_id: record.resource_id.to_owned(),
            resource_type: "service".to_owned(),
            last_action_date: record.date.to_owned(),
            last_action_type: record.action.to_owned(),
            field_name: c.field.clone(),
            previous_value: c.before.clone().unwrap_or_default(),
            replacement_value: c.after.clone().unwrap_or_default(),
            updated_by: record.updated_by.to_owned(),
        })
        .collect()
}

/// A published service keeps this many metadata records, newest last, so its document cannot
/// grow without end; the audit log keeps every change for ever.
pub const METADATA_KEPT: usize = 200;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::directory::hsds::Contact;

    fn service() -> Service {
        Service {
            id: "3a19ff88-4620-4d17-9830-ac1d859eb5d5".into(),
            name: "Carers' café".into(),
            status: "active".into(),
            description: Some("Tea and company".into()),
            ..Default::default()
        }
    }

    #[test]
    fn only_the_fields_that_differ_are_listed_with_both_values() {
        let before = service();
        let mut after = before.clone();
        after.description = Some("Tea, cake and company".into());
        after.email = Some("cafe@example.org".into());
        after.last_modified = Some("2026-11-01T10:00:00Z".into());
        let changes = field_changes(Some(&before), &after);
        assert_eq!(
            changes,
            vec![
                FieldChange {
                    field: "description".into(),
                    before: Some("Tea and company".into()),
                    after: Some("Tea, cake and company".into())
                },
                FieldChange { field: "email".into(), before: None, after: Some("cafe@example.org".into()) },
            ],
            "bookkeeping such as last_modified is not a change"
        );
        assert!(field_changes(Some(&before), &before).is_empty());
    }

    #[test]
    fn removed_and_nested_fields_are_named_by_their_path() {
        let mut before = service();
        before.contacts = vec![Contact { id: "c".into(), email: Some("old@example.org".into()), ..Default::default() }];
        let mut after = before.clone();
        after.contacts[0].email = Some("new@example.org".into());
        after.description = None;
        let changes = field_changes(Some(&before), &after);
        assert_eq!(changes[0].field, "contacts[0].email");
        assert_eq!(
            changes[1],
            FieldChange { field: "description".into(), before: Some("Tea and company".into()), after: None }
        );
    }

    #[test]
    fn a_new_service_lists_every_field_and_metadata_follows_hsds() {
        let changes = field_changes(None, &service());
        assert_eq!(changes.len(), 4);
        let mut n = 0;
        let record = ChangeRecord {
            resource_id: "3a19ff88-4620-4d17-9830-ac1d859eb5d5",
            action: "create",
            date: "2026-11-22T10:00:00Z",
            updated_by: "editor@wrenfield.example",
        };
        let meta = metadata(&changes, &record, || {
            n += 1;
            format!("id-{n}")
        });
        assert_eq!(meta.len(), 4);
        let name = meta.iter().find(|m| m.field_name == "name").unwrap();
        assert_eq!(name.previous_value, "");
        assert_eq!(name.replacement_value, "Carers' café");
        assert_eq!(meta[3].id, "id-4");
        assert!(meta.iter().all(|m| m.resource_type == "service" && m.last_action_type == "create"));
    }
}
