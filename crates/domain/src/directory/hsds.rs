//! The Open Referral data model: HSDS 3.0 objects as the UK profile (ORUK 3.0) uses them.
//!
//! These types are what Hearth imports, stores, edits and publishes. Optional fields are left
//! out of the JSON rather than written as `null` (ORUK asks for this); empty lists are left out
//! too. Fields outside HSDS 3.0 are not kept.

use serde::{Deserialize, Serialize};

use crate::ids::{OrganizationId, ServiceAtLocationId, ServiceId, TaxonomyId, TaxonomyTermId};

/// Skips `None` and empty lists when writing JSON.
macro_rules! hsds_struct {
    ($(#[$meta:meta])* pub struct $name:ident { $(required $req:ident : $rty:ty,)* $(optional $opt:ident : $oty:ty,)* $(list $list:ident : $lty:ty,)* }) => {
        $(#[$meta])*
        #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
        pub struct $name {
            $(pub $req: $rty,)*
            $(#[serde(default, skip_serializing_if = "Option::is_none")] pub $opt: Option<$oty>,)*
            $(#[serde(default, skip_serializing_if = "Vec::is_empty")] pub $list: Vec<$lty>,)*
        }
    };
}

hsds_struct! {
    /// What is provided: the centre of HSDS.
    pub struct Service {
        required id: ServiceId,
        required name: String,
        required status: String,
        optional organization_id: OrganizationId,
        optional description: String,
        optional url: String,
        optional email: String,
        optional interpretation_services: String,
        optional application_process: String,
        optional fees_description: String,
        optional fees: String,
        optional accreditations: String,
        optional eligibility_description: String,
        optional minimum_age: f64,
        optional maximum_age: f64,
        optional assured_date: String,
        optional assurer_email: String,
        optional alert: String,
        optional last_modified: String,
        optional organization: Organization,
        list schedules: Schedule,
        list service_areas: ServiceArea,
        list service_at_locations: ServiceAtLocation,
        list languages: Language,
        list funding: Funding,
        list cost_options: CostOption,
        list contacts: Contact,
        list phones: Phone,
        list attributes: Attribute,
        list metadata: Metadata,
    }
}

hsds_struct! {
    pub struct Organization {
        required id: OrganizationId,
        required name: String,
        required description: String,
        optional alternate_name: String,
        optional email: String,
        optional website: String,
        optional logo: String,
        optional uri: String,
        optional parent_organization_id: OrganizationId,
        list organization_identifiers: OrganizationIdentifier,
        list attributes: Attribute,
    }
}

hsds_struct! {
    pub struct OrganizationIdentifier {
        required id: String,
        required identifier_type: String,
        required identifier: String,
        optional identifier_scheme: String,
    }
}

hsds_struct! {
    pub struct ServiceAtLocation {
        required id: ServiceAtLocationId,
        optional service_id: ServiceId,
        optional location_id: String,
        optional description: String,
        optional location: Location,
        list schedules: Schedule,
    }
}

hsds_struct! {
    pub struct Location {
        required id: String,
        required location_type: String,
        optional name: String,
        optional description: String,
        optional transportation: String,
        optional latitude: f64,
        optional longitude: f64,
        optional external_identifier: String,
        optional external_identifier_type: String,
        list addresses: Address,
        list accessibility: Accessibility,
        list attributes: Attribute,
    }
}

hsds_struct! {
    pub struct Address {
        required id: String,
        required address_1: String,
        required city: String,
        required state_province: String,
        required postal_code: String,
        required country: String,
        required address_type: String,
        optional location_id: String,
        optional attention: String,
        optional address_2: String,
        optional region: String,
    }
}

hsds_struct! {
    /// When something is open or happens, as an iCalendar-style recurrence.
    pub struct Schedule {
        required id: String,
        optional service_id: ServiceId,
        optional service_at_location_id: ServiceAtLocationId,
        optional valid_from: String,
        optional valid_to: String,
        optional dtstart: String,
        optional until: String,
        optional wkst: String,
        optional freq: String,
        optional interval: f64,
        optional byday: String,
        optional byweekno: String,
        optional bymonthday: String,
        optional byyearday: String,
        optional description: String,
        optional opens_at: String,
        optional closes_at: String,
        optional schedule_link: String,
        optional attending_type: String,
        optional notes: String,
    }
}

hsds_struct! {
    pub struct ServiceArea {
        required id: String,
        optional service_id: ServiceId,
        optional name: String,
        optional description: String,
        optional extent: String,
        optional extent_type: String,
        optional uri: String,
        optional service_area: String,
    }
}

hsds_struct! {
    pub struct Language {
        required id: String,
        optional service_id: ServiceId,
        optional location_id: String,
        optional phone_id: String,
        optional name: String,
        optional code: String,
        optional note: String,
    }
}

hsds_struct! {
    pub struct Funding {
        required id: String,
        optional service_id: ServiceId,
        optional source: String,
    }
}

hsds_struct! {
    pub struct CostOption {
        required id: String,
        optional service_id: ServiceId,
        optional valid_from: String,
        optional valid_to: String,
        optional option: String,
        optional currency: String,
        optional amount: f64,
        optional amount_description: String,
    }
}

hsds_struct! {
    pub struct Contact {
        required id: String,
        optional service_id: ServiceId,
        optional name: String,
        optional title: String,
        optional department: String,
        optional email: String,
        list phones: Phone,
    }
}

hsds_struct! {
    pub struct Phone {
        required id: String,
        required number: String,
        optional contact_id: String,
        optional extension: f64,
        optional r#type: String,
        optional description: String,
        list languages: Language,
    }
}

hsds_struct! {
    pub struct Accessibility {
        required id: String,
        optional location_id: String,
        optional description: String,
        optional details: String,
        optional url: String,
        optional accessibility: String,
    }
}

hsds_struct! {
    /// Links something to a taxonomy term (a category, a need, an accessibility feature).
    pub struct Attribute {
        required id: String,
        optional link_id: String,
        optional link_type: String,
        optional link_entity: String,
        optional taxonomy_term_id: TaxonomyTermId,
        optional value: String,
        optional label: String,
        optional taxonomy_term: TaxonomyTerm,
    }
}

hsds_struct! {
    pub struct Taxonomy {
        required id: TaxonomyId,
        required name: String,
        required description: String,
        optional uri: String,
        optional version: String,
    }
}

hsds_struct! {
    pub struct TaxonomyTerm {
        required id: TaxonomyTermId,
        required name: String,
        required description: String,
        optional code: String,
        optional parent_id: TaxonomyTermId,
        optional taxonomy: String,
        optional taxonomy_id: TaxonomyId,
        optional language: String,
        optional term_uri: String,
        optional term: String,
        optional taxonomy_detail: Taxonomy,
    }
}

hsds_struct! {
    /// A record of a change, as HSDS publishes it.
    pub struct Metadata {
        required id: String,
        required resource_id: String,
        required resource_type: String,
        required last_action_date: String,
        required last_action_type: String,
        required field_name: String,
        required previous_value: String,
        required replacement_value: String,
        required updated_by: String,
    }
}

/// Something wrong with one field of one record, for import reports and editors.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldProblem {
    /// Where, as a path such as `service_at_locations[0].location.latitude`.
    pub field: String,
    pub problem: String,
}

fn is_uuid(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

const STATUSES: [&str; 4] = ["active", "inactive", "defunct", "temporarily closed"];
const LOCATION_TYPES: [&str; 3] = ["physical", "postal", "virtual"];

/// Whether a link is one people can safely follow: a web address, an email address or a phone
/// number (`https:`, `http:`, `mailto:` or `tel:`), with no spaces or control characters.
pub fn safe_link(link: &str) -> bool {
    let lower = link.to_ascii_lowercase();
    ["https://", "http://", "mailto:", "tel:"].iter().any(|s| lower.starts_with(s))
        && !link.chars().any(|c| c.is_control() || c.is_whitespace())
}

impl Service {
    /// Checks what the types cannot: identifiers are UUIDs, codes come from their lists, and
    /// numbers are sensible. Returns every problem, not just the first.
    pub fn problems(&self) -> Vec<FieldProblem> {
        let mut out = Vec::new();
        let mut bad = |field: String, problem: &str| out.push(FieldProblem { field, problem: problem.to_owned() });
        let mut id = |field: String, value: &str| {
            if !is_uuid(value) {
                bad(field, "must be a UUID, like 3a19ff88-4620-4d17-9830-ac1d859eb5d5");
            }
        };
        id("id".into(), self.id.as_str());
        if let Some(o) = &self.organization_id {
            id("organization_id".into(), o.as_str());
        }
        if let Some(o) = &self.organization {
            id("organization.id".into(), o.id.as_str());
        }
        for (i, s) in self.schedules.iter().enumerate() {
            id(format!("schedules[{i}].id"), &s.id);
        }
        for (i, sal) in self.service_at_locations.iter().enumerate() {
            id(format!("service_at_locations[{i}].id"), sal.id.as_str());
            if let Some(l) = &sal.location {
                id(format!("service_at_locations[{i}].location.id"), &l.id);
            }
        }
        for (i, c) in self.cost_options.iter().enumerate() {
            id(format!("cost_options[{i}].id"), &c.id);
        }
        for (i, c) in self.contacts.iter().enumerate() {
            id(format!("contacts[{i}].id"), &c.id);
        }
        for (i, a) in self.attributes.iter().enumerate() {
            id(format!("attributes[{i}].id"), &a.id);
        }
        let mut bad = |field: &str, problem: &str| {
            out.push(FieldProblem { field: field.to_owned(), problem: problem.to_owned() })
        };
        if self.name.trim().is_empty() {
            bad("name", "must not be empty");
        }
        // Links a browser will follow: a web address, an email or a phone number, nothing that
        // runs (a javascript: link would run in the page of whoever clicks it).
        let mut links: Vec<(String, &str)> = Vec::new();
        if let Some(u) = &self.url {
            links.push(("url".into(), u));
        }
        if let Some(o) = &self.organization {
            for (name, value) in [("website", &o.website), ("uri", &o.uri), ("logo", &o.logo)] {
                if let Some(v) = value {
                    links.push((format!("organization.{name}"), v));
                }
            }
        }
        for (i, sal) in self.service_at_locations.iter().enumerate() {
            for (j, a) in sal.location.iter().flat_map(|l| l.accessibility.iter()).enumerate() {
                if let Some(u) = &a.url {
                    links.push((format!("service_at_locations[{i}].location.accessibility[{j}].url"), u));
                }
            }
        }
        for (field, link) in links {
            if !safe_link(link) {
                out.push(FieldProblem {
                    field,
                    problem: "must be a web address (https:// or http://), mailto: or tel:".into(),
                });
            }
        }
        let mut bad = |field: &str, problem: &str| {
            out.push(FieldProblem { field: field.to_owned(), problem: problem.to_owned() })
        };
        if !STATUSES.contains(&self.status.as_str()) {
            bad("status", "must be one of: active, inactive, defunct, temporarily closed");
        }
        for (field, age) in [("minimum_age", self.minimum_age), ("maximum_age", self.maximum_age)] {
            if age.is_some_and(|a| !(0.0..=130.0).contains(&a)) {
                bad(field, "must be an age in years, from 0 to 130");
            }
        }
        if let (Some(min), Some(max)) = (self.minimum_age, self.maximum_age)
            && min > max
        {
            bad("maximum_age", "must not be less than minimum_age");
        }
        for (i, sal) in self.service_at_locations.iter().enumerate() {
            let Some(l) = &sal.location else { continue };
            if !LOCATION_TYPES.contains(&l.location_type.as_str()) {
                out.push(FieldProblem {
                    field: format!("service_at_locations[{i}].location.location_type"),
                    problem: "must be one of: physical, postal, virtual".into(),
                });
            }
            if l.latitude.is_some_and(|v| !(-90.0..=90.0).contains(&v)) {
                out.push(FieldProblem {
                    field: format!("service_at_locations[{i}].location.latitude"),
                    problem: "must be between -90 and 90".into(),
                });
            }
            if l.longitude.is_some_and(|v| !(-180.0..=180.0).contains(&v)) {
                out.push(FieldProblem {
                    field: format!("service_at_locations[{i}].location.longitude"),
                    problem: "must be between -180 and 180".into(),
                });
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn minimal() -> Service {
        Service {
            id: "ac148810-d857-441c-9679-408f346de14b".into(),
            name: "Carers' café".into(),
            status: "active".into(),
            ..Default::default()
        }
    }

    #[test]
    fn optional_fields_are_left_out_not_null() {
        let json = serde_json::to_value(minimal()).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"id": "ac148810-d857-441c-9679-408f346de14b", "name": "Carers' café", "status": "active"})
        );
    }

    #[test]
    fn a_sound_service_has_no_problems() {
        assert!(minimal().problems().is_empty());
    }

    #[test]
    fn links_are_web_addresses_email_or_phone_only() {
        for good in ["https://example.org/lunch", "http://example.org", "mailto:lunch@example.org", "tel:+441632960000"]
        {
            assert!(safe_link(good), "{good}");
        }
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "data:text/html,x",
            "//evil.example",
            "https://a b",
            "https://a\u{0}",
        ] {
            assert!(!safe_link(bad), "{bad}");
        }
        let mut s = minimal();
        s.url = Some("javascript:alert(document.cookie)".into());
        s.organization = Some(Organization { website: Some("vbscript:x".into()), ..Default::default() });
        let fields: Vec<String> = s.problems().into_iter().map(|p| p.field).collect();
        assert!(
            fields.contains(&"url".to_owned()) && fields.contains(&"organization.website".to_owned()),
            "{fields:?}"
        );
    }

    #[test]
    fn every_problem_is_named_by_its_field() {
        let mut s = minimal();
        s.id = "not-a-uuid".into();
        s.status = "open".into();
        s.minimum_age = Some(70.0);
        s.maximum_age = Some(18.0);
        s.service_at_locations.push(ServiceAtLocation {
            id: "e94c9f38-1e8f-4564-91d4-d53501ab1765".into(),
            location: Some(Location {
                id: "3a19ff88-4620-4d17-9830-ac1d859eb5d5".into(),
                location_type: "house".into(),
                latitude: Some(100.0),
                ..Default::default()
            }),
            ..Default::default()
        });
        let fields: Vec<_> = s.problems().into_iter().map(|p| p.field).collect();
        assert_eq!(
            fields,
            [
                "id",
                "status",
                "maximum_age",
                "service_at_locations[0].location.location_type",
                "service_at_locations[0].location.latitude"
            ]
        );
    }
}

#[cfg(test)]
mod upstream_examples {
    use super::*;

    /// Drops nulls and empty lists, which we leave out when writing.
    fn tidy(v: serde_json::Value) -> serde_json::Value {
        use serde_json::Value;
        match v {
            Value::Object(map) => Value::Object(
                map.into_iter()
                    .filter(|(_, v)| !v.is_null() && !matches!(v, Value::Array(a) if a.is_empty()))
                    .map(|(k, v)| (k, tidy(v)))
                    .collect(),
            ),
            Value::Array(a) => Value::Array(a.into_iter().map(tidy).collect()),
            // Whole numbers come back as floats from our f64 fields.
            Value::Number(n) => serde_json::json!(n.as_f64()),
            other => other,
        }
    }

    #[test]
    fn the_oruk_example_service_survives_a_round_trip() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/data/oruk/uk-profile/examples/service_full.json");
        let Ok(text) = std::fs::read_to_string(&path) else {
            eprintln!("skipping: {} is not here", path.display());
            return;
        };
        let original: serde_json::Value = serde_json::from_str(&text).unwrap();
        let service: Service = serde_json::from_value(original.clone()).unwrap();
        assert_eq!(tidy(serde_json::to_value(&service).unwrap()), tidy(original));
    }
}
