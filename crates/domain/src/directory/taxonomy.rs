//! Taxonomies: the Local Government Association's lists (services, needs, circumstances) read
//! from their published layouts, as HSDS taxonomies and terms.
//!
//! The JSON layout is LG Inform Plus's list format (`{"list": {"identifier", "label",
//! "description", "modified", "uri", "items": [{"identifier", "label", "uri", "parents": [...]}]}}`,
//! `../shared/reference/directory.md` d.1). The CSV layout has one row per term; its column names
//! are matched loosely (`Identifier`/`Code`/`ID`, `Label`/`Name`, `Description`, `URI`,
//! `Parent identifier`/`Parent`/`Parents`), because the exact headers of the standards.esd.org.uk
//! downloads could not be checked here (VERIFY).
//!
//! HSDS ids must be UUIDs, and LGA codes are not, so each taxonomy and term gets a UUID derived
//! from its URI: importing the same list again updates it in place. The code stays in `code`, the
//! URI in `term_uri`. HSDS allows one parent; where the LGA gives several, the first is kept.

use super::hsds::{FieldProblem, Taxonomy, TaxonomyTerm};
use serde::Deserialize;
use sha2::{Digest, Sha256};

/// A taxonomy and its terms, ready to store.
#[derive(Clone, Debug, PartialEq)]
pub struct TaxonomyImport {
    pub taxonomy: Taxonomy,
    pub terms: Vec<TaxonomyTerm>,
}

/// A stable UUID (version 8, name-based on SHA-256) for a URI, so re-imports keep their ids.
pub fn uuid_for(uri: &str) -> String {
    let digest = Sha256::digest(format!("hearth-taxonomy:{uri}").as_bytes());
    let mut b: [u8; 16] = digest[..16].try_into().expect("16 bytes");
    b[6] = (b[6] & 0x0f) | 0x80;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex = hex::encode(b);
    format!("{}-{}-{}-{}-{}", &hex[..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..])
}

#[derive(Deserialize)]
struct LgaFile {
    list: LgaList,
}

#[derive(Deserialize)]
struct LgaList {
    identifier: Option<String>,
    label: Option<String>,
    description: Option<String>,
    modified: Option<String>,
    uri: Option<String>,
    #[serde(default)]
    items: Vec<LgaItem>,
}

#[derive(Deserialize)]
struct LgaItem {
    identifier: Option<serde_json::Value>,
    label: Option<String>,
    description: Option<String>,
    uri: Option<String>,
    #[serde(default)]
    parents: Vec<LgaParent>,
}

#[derive(Deserialize)]
struct LgaParent {
    identifier: Option<serde_json::Value>,
}

/// One term as read, before ids are given.
struct RawTerm {
    /// Where it was in the file, for problems: `items[3]` or `line 4`.
    place: String,
    code: String,
    label: String,
    description: String,
    uri: Option<String>,
    parent: Option<String>,
}

impl RawTerm {
    /// A field of this term, named the way its layout names places.
    fn field(&self, name: &str) -> String {
        if self.place.starts_with("line") {
            format!("{}, {name}", self.place)
        } else {
            format!("{}.{name}", self.place)
        }
    }
}

fn code_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.trim().to_owned(),
        other => other.to_string(),
    }
}

/// The URI a term from `list_uri` has when the file gives none: the list's base plus the code
/// (`http://id.esd.org.uk/list/services` gives `http://id.esd.org.uk/service/298`).
fn term_uri(list_uri: &str, code: &str) -> String {
    match list_uri.rsplit_once("/list/") {
        Some((base, list)) => format!("{base}/{}/{code}", list.trim_end_matches('s')),
        None => format!("{}/{code}", list_uri.trim_end_matches('/')),
    }
}

fn build(
    name: String,
    description: String,
    uri: String,
    version: Option<String>,
    raw: Vec<RawTerm>,
    mut problems: Vec<FieldProblem>,
) -> Result<TaxonomyImport, Vec<FieldProblem>> {
    let taxonomy_id = uuid_for(&uri);
    let codes: std::collections::HashMap<&str, String> =
        raw.iter().map(|t| (t.code.as_str(), t.uri.clone().unwrap_or_else(|| term_uri(&uri, &t.code)))).collect();
    let mut seen = std::collections::HashSet::new();
    let mut terms = Vec::with_capacity(raw.len());
    for t in &raw {
        if !seen.insert(t.code.as_str()) {
            problems.push(FieldProblem { field: t.field("identifier"), problem: format!("{} appears twice", t.code) });
        }
        let parent_id = match &t.parent {
            Some(parent) => match codes.get(parent.as_str()) {
                Some(parent_uri) => Some(uuid_for(parent_uri)),
                None => {
                    problems.push(FieldProblem {
                        field: t.field("parents"),
                        problem: format!("names a parent, {parent}, that is not in the list"),
                    });
                    None
                }
            },
            None => None,
        };
        let own_uri = codes[t.code.as_str()].clone();
        terms.push(TaxonomyTerm {
            id: uuid_for(&own_uri).into(),
            name: t.label.clone(),
            description: if t.description.is_empty() { t.label.clone() } else { t.description.clone() },
            code: Some(t.code.clone()),
            parent_id: parent_id.map(Into::into),
            taxonomy: Some(name.clone()),
            taxonomy_id: Some(taxonomy_id.clone().into()),
            term_uri: Some(own_uri),
            ..Default::default()
        });
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let description = if description.is_empty() { name.clone() } else { description };
    Ok(TaxonomyImport {
        taxonomy: Taxonomy { id: taxonomy_id.into(), name, description, uri: Some(uri), version },
        terms,
    })
}

/// Reads an LGA list in its JSON layout.
pub fn from_lga_json(text: &str) -> Result<TaxonomyImport, Vec<FieldProblem>> {
    let file: LgaFile = serde_json::from_str(text).map_err(|e| {
        vec![FieldProblem { field: "list".into(), problem: format!("is not an LGA list in JSON: {e}") }]
    })?;
    let list = file.list;
    let mut problems = Vec::new();
    let mut raw = Vec::new();
    for (i, item) in list.items.into_iter().enumerate() {
        let code = item.identifier.as_ref().map(code_text).filter(|c| !c.is_empty() && c != "null");
        let label = item.label.map(|l| l.trim().to_owned()).filter(|l| !l.is_empty());
        match (code, label) {
            (Some(code), Some(label)) => raw.push(RawTerm {
                place: format!("items[{i}]"),
                code,
                label,
                description: item.description.unwrap_or_default().trim().to_owned(),
                uri: item.uri.filter(|u| !u.trim().is_empty()),
                parent: item.parents.first().and_then(|p| p.identifier.as_ref()).map(code_text),
            }),
            (None, _) => {
                problems.push(FieldProblem { field: format!("items[{i}].identifier"), problem: "is missing".into() })
            }
            (_, None) => {
                problems.push(FieldProblem { field: format!("items[{i}].label"), problem: "is missing".into() })
            }
        }
    }
    let name = list.label.unwrap_or_default().trim().to_owned();
    if name.is_empty() {
        problems.push(FieldProblem { field: "list.label".into(), problem: "is missing".into() });
    }
    let uri = list
        .uri
        .or_else(|| list.identifier.map(|id| format!("http://id.esd.org.uk/list/{id}")))
        .unwrap_or_else(|| format!("urn:hearth:taxonomy:{name}"));
    build(name, list.description.unwrap_or_default(), uri, list.modified, raw, problems)
}

/// Reads an LGA list in a CSV layout, one row per term. `name` and `uri` name the list, which a
/// CSV file does not carry.
pub fn from_lga_csv(text: &str, name: &str, uri: &str) -> Result<TaxonomyImport, Vec<FieldProblem>> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| vec![FieldProblem { field: "header".into(), problem: format!("cannot be read: {e}") }])?
        .clone();
    let find = |names: &[&str]| {
        headers.iter().position(|h| {
            let h = h.trim().trim_start_matches('\u{feff}').to_ascii_lowercase().replace(['_', ' '], "");
            names.contains(&h.as_str())
        })
    };
    let code_col = find(&["identifier", "code", "id"]);
    let label_col = find(&["label", "name", "title"]);
    let (Some(code_col), Some(label_col)) = (code_col, label_col) else {
        return Err(vec![FieldProblem {
            field: "header".into(),
            problem: "needs an Identifier (or Code) column and a Label (or Name) column".into(),
        }]);
    };
    let description_col = find(&["description"]);
    let uri_col = find(&["uri"]);
    let parent_col = find(&["parentidentifier", "parentid", "parent", "parents", "parentcode"]);
    let mut problems = Vec::new();
    let mut raw = Vec::new();
    for (i, row) in reader.records().enumerate() {
        let line = i + 2;
        let row = match row {
            Ok(row) => row,
            Err(e) => {
                problems.push(FieldProblem { field: format!("line {line}"), problem: e.to_string() });
                continue;
            }
        };
        let get = |col: Option<usize>| col.and_then(|c| row.get(c)).map(str::trim).unwrap_or_default().to_owned();
        let (code, label) = (get(Some(code_col)), get(Some(label_col)));
        if code.is_empty() {
            problems.push(FieldProblem { field: format!("line {line}, identifier"), problem: "is missing".into() });
            continue;
        }
        if label.is_empty() {
            problems.push(FieldProblem { field: format!("line {line}, label"), problem: "is missing".into() });
            continue;
        }
        let parent =
            get(parent_col).split([';', '|']).next().map(str::trim).filter(|p| !p.is_empty()).map(str::to_owned);
        raw.push(RawTerm {
            place: format!("line {line}"),
            code,
            label,
            description: get(description_col),
            uri: Some(get(uri_col)).filter(|u| !u.is_empty()),
            parent,
        });
    }
    build(name.trim().to_owned(), String::new(), uri.trim().to_owned(), None, raw, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    const JSON: &str = r#"{"list": {"identifier": "services", "label": "Services", "description": "LGA services (test subset)",
        "modified": "2026-01-01", "uri": "http://id.esd.org.uk/list/services", "items": [
        {"identifier": 900001, "label": "Support for carers", "uri": "http://id.esd.org.uk/service/900001", "parents": []},
        {"identifier": 298, "label": "Carers support groups", "uri": "http://id.esd.org.uk/service/298",
         "parents": [{"identifier": 900001, "label": "Support for carers"}]},
        {"identifier": "1755", "label": "Carers assessment", "parents": [{"identifier": "900001"}]}]}}"#;

    #[test]
    fn the_json_layout_becomes_a_taxonomy_with_a_hierarchy_and_stable_uuids() {
        let import = from_lga_json(JSON).unwrap();
        assert_eq!(import.taxonomy.name, "Services");
        assert_eq!(import.taxonomy.uri.as_deref(), Some("http://id.esd.org.uk/list/services"));
        assert_eq!(import.terms.len(), 3);
        let groups = &import.terms[1];
        assert_eq!(groups.code.as_deref(), Some("298"));
        assert_eq!(groups.term_uri.as_deref(), Some("http://id.esd.org.uk/service/298"));
        assert_eq!(groups.parent_id.as_ref(), Some(&import.terms[0].id));
        assert_eq!(groups.taxonomy_id.as_ref(), Some(&import.taxonomy.id));
        // A term without a URI gets one from the list's.
        assert_eq!(import.terms[2].term_uri.as_deref(), Some("http://id.esd.org.uk/service/1755"));
        assert_eq!(from_lga_json(JSON).unwrap(), import, "the same file gives the same ids");
        assert!(
            crate::directory::hsds::Service { id: groups.id.as_str().into(), ..Default::default() }
                .problems()
                .iter()
                .all(|p| p.field != "id")
        );
    }

    #[test]
    fn the_csv_layout_reads_the_same_list() {
        let csv = "Identifier,Label,Description,Parent identifier\n\
                   900001,Support for carers,,\n298,Carers support groups,Groups for carers,900001\n";
        let import = from_lga_csv(csv, "Services", "http://id.esd.org.uk/list/services").unwrap();
        let json = from_lga_json(JSON).unwrap();
        assert_eq!(import.taxonomy.id, json.taxonomy.id);
        assert_eq!(import.terms[1].id, json.terms[1].id);
        assert_eq!(import.terms[1].parent_id, json.terms[1].parent_id);
        assert_eq!(import.terms[1].description, "Groups for carers");
    }

    #[test]
    fn bad_lists_name_each_bad_record_and_field() {
        let bad = r#"{"list": {"label": "Needs", "items": [
            {"identifier": 1, "label": "Social inclusion"},
            {"label": "No code"},
            {"identifier": 3},
            {"identifier": 4, "label": "Orphan", "parents": [{"identifier": 99}]},
            {"identifier": 1, "label": "Twice"}]}}"#;
        let problems = from_lga_json(bad).unwrap_err();
        let fields: Vec<_> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["items[1].identifier", "items[2].label", "items[3].parents", "items[4].identifier"]);
        let csv = from_lga_csv("Code,Name\n,Nameless\n", "Needs", "http://id.esd.org.uk/list/needs").unwrap_err();
        assert_eq!(csv[0].field, "line 2, identifier");
        let orphan =
            from_lga_csv("Code,Name,Parent\n5,Five,77\n", "Needs", "http://id.esd.org.uk/list/needs").unwrap_err();
        assert_eq!(orphan[0].field, "line 2, parents");
        assert!(from_lga_csv("Foo,Bar\n1,2\n", "x", "y").is_err());
        assert!(from_lga_json("[1, 2]").is_err());
    }
}
