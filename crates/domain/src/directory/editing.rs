//! The rules behind the directory's editing pages: how accessibility entries, languages and
//! service areas are read into the forms and written back, and which part of an entry a changed
//! field belongs to. Written back so that an edit changes as few HSDS fields as it can.

use super::hsds::{Accessibility, Language};
use super::index::AccessFeature;
use crate::ids::ServiceId;

/// Accessibility entries split into the features a checkbox stands for (entries that say just
/// the feature's label) and everything else, a line each.
pub fn split_access(entries: &[Accessibility]) -> (Vec<AccessFeature>, Vec<String>) {
    let mut features = Vec::new();
    let mut other = Vec::new();
    for entry in entries {
        let text = entry.description.as_deref().or(entry.accessibility.as_deref()).unwrap_or_default().trim();
        if text.is_empty() {
            continue;
        }
        match AccessFeature::ALL.into_iter().find(|f| f.label().eq_ignore_ascii_case(text)) {
            Some(f) => features.push(f),
            None => other.push(text.to_owned()),
        }
    }
    (features, other)
}

/// Accessibility entries from the form: one per feature ticked, then one per line of other
/// information. Entries that say the same as before keep their ids.
pub fn join_access(
    features: &[AccessFeature],
    other_lines: &str,
    before: &[Accessibility],
    mut new_id: impl FnMut() -> String,
) -> Vec<Accessibility> {
    let texts = AccessFeature::ALL
        .into_iter()
        .filter(|f| features.contains(f))
        .map(|f| f.label().to_owned())
        .chain(other_lines.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned));
    let mut unused: Vec<&Accessibility> = before.iter().collect();
    texts
        .map(|text| {
            let kept = unused.iter().position(|a| a.description.as_deref() == Some(text.as_str()));
            match kept {
                Some(i) => unused.remove(i).clone(),
                None => Accessibility { id: new_id(), description: Some(text), ..Default::default() },
            }
        })
        .collect()
}

/// Languages councils are most often asked for, with their ISO 639 codes (639-1 where there is
/// one; 639-3 for British Sign Language, Cantonese and Mandarin). Others can be typed in.
pub const LANGUAGES: &[(&str, &str)] = &[
    ("en", "English"),
    ("bfi", "British Sign Language"),
    ("ar", "Arabic"),
    ("bn", "Bengali"),
    ("yue", "Cantonese"),
    ("fa", "Farsi (Persian)"),
    ("fr", "French"),
    ("gu", "Gujarati"),
    ("hi", "Hindi"),
    ("ku", "Kurdish"),
    ("lt", "Lithuanian"),
    ("cmn", "Mandarin"),
    ("pa", "Punjabi"),
    ("pl", "Polish"),
    ("pt", "Portuguese"),
    ("ro", "Romanian"),
    ("ru", "Russian"),
    ("so", "Somali"),
    ("es", "Spanish"),
    ("ta", "Tamil"),
    ("ti", "Tigrinya"),
    ("tr", "Turkish"),
    ("uk", "Ukrainian"),
    ("ur", "Urdu"),
];

fn known_language(language: &Language) -> Option<&'static str> {
    let by_code =
        language.code.as_deref().and_then(|c| LANGUAGES.iter().find(|(code, _)| code.eq_ignore_ascii_case(c)));
    let by_name = || {
        language.name.as_deref().and_then(|n| LANGUAGES.iter().find(|(_, name)| name.eq_ignore_ascii_case(n.trim())))
    };
    by_code.or_else(by_name).map(|(code, _)| *code)
}

/// A service's languages split into the codes of the listed ones and the names of the others.
pub fn split_languages(languages: &[Language]) -> (Vec<&'static str>, Vec<String>) {
    let mut codes = Vec::new();
    let mut other = Vec::new();
    for language in languages {
        match known_language(language) {
            Some(code) => codes.push(code),
            None => {
                if let Some(name) =
                    language.name.as_deref().or(language.code.as_deref()).filter(|n| !n.trim().is_empty())
                {
                    other.push(name.trim().to_owned());
                }
            }
        }
    }
    (codes, other)
}

/// Languages from the form: the ticked ones (with their codes), then the others typed, separated
/// by commas. Languages already recorded keep their ids and notes.
pub fn join_languages(
    codes: &[String],
    others: &str,
    before: &[Language],
    service_id: &ServiceId,
    mut new_id: impl FnMut() -> String,
) -> Vec<Language> {
    let mut out = Vec::new();
    for (code, name) in LANGUAGES.iter().filter(|(code, _)| codes.iter().any(|c| c == code)) {
        let kept = before.iter().find(|l| known_language(l) == Some(code));
        out.push(kept.cloned().unwrap_or_else(|| Language {
            id: new_id(),
            service_id: Some(service_id.clone()),
            name: Some((*name).to_owned()),
            code: Some((*code).to_owned()),
            ..Default::default()
        }));
    }
    for name in others.split([',', '\n']).map(str::trim).filter(|n| !n.is_empty()) {
        if out.iter().any(|l: &Language| l.name.as_deref().is_some_and(|n| n.eq_ignore_ascii_case(name))) {
            continue;
        }
        let kept = before.iter().find(|l| {
            known_language(l).is_none() && l.name.as_deref().is_some_and(|n| n.trim().eq_ignore_ascii_case(name))
        });
        out.push(kept.cloned().unwrap_or_else(|| Language {
            id: new_id(),
            service_id: Some(service_id.clone()),
            name: Some(name.to_owned()),
            ..Default::default()
        }));
    }
    out
}

/// An ONS area code as typed (a letter E, W, S or N and eight digits, such as E06000016),
/// upper-cased; `None` if it is not one.
pub fn ons_area_code(text: &str) -> Option<String> {
    let t = text.trim().to_uppercase();
    let mut chars = t.chars();
    let first = chars.next()?;
    ("EWSN".contains(first) && t.len() == 9 && chars.all(|c| c.is_ascii_digit())).then_some(t)
}

/// The part of an entry a changed field belongs to, as the editing pages name them, so a
/// provider can see "Opening times, Places" rather than field paths.
pub fn section_of(field: &str) -> &'static str {
    let top = field.split(['.', '[']).next().unwrap_or_default();
    match top {
        "name" | "description" | "status" | "alert" | "organization_id" | "organization" => "About the service",
        "email" | "url" | "phones" | "contacts" | "application_process" => "Getting in touch",
        "eligibility_description" | "minimum_age" | "maximum_age" | "fees_description" | "fees" | "cost_options" => {
            "Who it is for and what it costs"
        }
        "schedules" => "Opening times",
        "service_at_locations" => "Places",
        "languages" | "interpretation_services" => "Languages",
        "service_areas" => "Areas covered",
        "attributes" => "Categories",
        _ => "Other details",
    }
}

/// The sections of an entry in the order the editing pages show them.
pub const SECTIONS: [&str; 9] = [
    "About the service",
    "Getting in touch",
    "Who it is for and what it costs",
    "Opening times",
    "Places",
    "Languages",
    "Areas covered",
    "Categories",
    "Other details",
];

/// The part of an entry one editing page changes, for telling whether someone else changed it
/// while the page was open (`crate::edits`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Part {
    /// Whole sections (the details page edits the first three).
    Sections(&'static [&'static str]),
    /// One place, with its own opening times, by its service-at-location id.
    Place(String),
}

impl Part {
    /// The details page: about the service, getting in touch, who it is for and the cost.
    pub const DETAILS: Part =
        Part::Sections(&["About the service", "Getting in touch", "Who it is for and what it costs"]);
    pub const TIMES: Part = Part::Sections(&["Opening times"]);
    pub const LANGUAGES: Part = Part::Sections(&["Languages"]);
    pub const AREAS: Part = Part::Sections(&["Areas covered"]);
    pub const CATEGORIES: Part = Part::Sections(&["Categories"]);

    /// What the part is, in words: "the opening times".
    pub fn words(&self) -> String {
        match self {
            Part::Sections(sections) => sections.iter().map(|s| s.to_lowercase()).collect::<Vec<_>>().join(", "),
            Part::Place(_) => "this place".to_owned(),
        }
    }
}

/// The token of one part of an entry as it is now.
pub fn part_token(service: &super::hsds::Service, part: &Part) -> crate::edits::EditToken {
    let document = serde_json::to_value(service).unwrap_or_default();
    let empty = serde_json::Map::new();
    let fields = document.as_object().unwrap_or(&empty);
    match part {
        Part::Sections(sections) => {
            let covered: serde_json::Map<String, serde_json::Value> = fields
                .iter()
                .filter(|(k, _)| sections.contains(&section_of(k)))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            crate::edits::EditToken::of(&covered)
        }
        Part::Place(id) => {
            let place = service.service_at_locations.iter().find(|p| p.id == *id);
            crate::edits::EditToken::of(&place)
        }
    }
}

/// The sections a list of changed fields touches, each once, in the pages' order.
pub fn sections_changed<'a>(fields: impl IntoIterator<Item = &'a str>) -> Vec<&'static str> {
    let touched: Vec<&'static str> = fields.into_iter().map(section_of).collect();
    SECTIONS.into_iter().filter(|s| touched.contains(s)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str, text: &str) -> Accessibility {
        Accessibility { id: id.into(), description: Some(text.into()), ..Default::default() }
    }

    #[test]
    fn a_part_token_changes_with_its_part_and_not_with_the_rest_of_the_entry() {
        use crate::directory::hsds::{Schedule, Service};
        let service: Service = Service { id: "s".into(), name: "Carers' café".into(), ..Default::default() };
        let times = part_token(&service, &Part::TIMES);
        let details = part_token(&service, &Part::DETAILS);
        let mut renamed = service.clone();
        renamed.name = "Carers' cafe".into();
        assert_eq!(part_token(&renamed, &Part::TIMES), times, "a new name is not a change to the times");
        assert_ne!(part_token(&renamed, &Part::DETAILS), details);
        let mut opened = service.clone();
        opened.schedules.push(Schedule { id: "t".into(), ..Default::default() });
        assert_ne!(part_token(&opened, &Part::TIMES), times);
        assert_eq!(part_token(&opened, &Part::DETAILS), details);
    }

    #[test]
    fn accessibility_is_read_as_ticks_and_words_and_written_back_keeping_ids() {
        let before =
            [entry("a", "Step-free access"), entry("b", "Level access from the car park"), entry("c", "Hearing loop")];
        let (features, other) = split_access(&before);
        assert_eq!(features, [AccessFeature::StepFree, AccessFeature::HearingLoop]);
        assert_eq!(other, ["Level access from the car park"]);

        let mut n = 0;
        let after = join_access(
            &[AccessFeature::StepFree, AccessFeature::AccessibleToilet],
            "Level access from the car park\n\n  Large print menus ",
            &before,
            || {
                n += 1;
                format!("new-{n}")
            },
        );
        let texts: Vec<_> = after.iter().map(|a| (a.id.as_str(), a.description.as_deref().unwrap())).collect();
        assert_eq!(
            texts,
            [
                ("a", "Step-free access"),
                ("new-1", "Accessible toilet"),
                ("b", "Level access from the car park"),
                ("new-2", "Large print menus"),
            ]
        );
    }

    #[test]
    fn languages_are_read_by_code_or_name_and_written_back() {
        let before = [
            Language { id: "1".into(), code: Some("pl".into()), name: Some("Polish".into()), ..Default::default() },
            Language { id: "2".into(), name: Some("british sign language".into()), ..Default::default() },
            Language { id: "3".into(), name: Some("Yoruba".into()), ..Default::default() },
        ];
        let (codes, other) = split_languages(&before);
        assert_eq!(codes, ["pl", "bfi"]);
        assert_eq!(other, ["Yoruba"]);

        let after =
            join_languages(&["bfi".into(), "ur".into()], "Yoruba, Twi,  ", &before, &"svc".into(), || "new".into());
        let got: Vec<_> =
            after.iter().map(|l| (l.id.as_str(), l.name.as_deref().unwrap(), l.code.as_deref())).collect();
        assert_eq!(
            got,
            [
                ("2", "british sign language", None),
                ("new", "Urdu", Some("ur")),
                ("3", "Yoruba", None),
                ("new", "Twi", None),
            ]
        );
    }

    #[test]
    fn ons_codes_are_recognised() {
        assert_eq!(ons_area_code(" e06000016 ").as_deref(), Some("E06000016"));
        assert_eq!(ons_area_code("W06000015").as_deref(), Some("W06000015"));
        for bad in ["", "E0600001", "E060000161", "X06000016", "E0600001A", "Leicester"] {
            assert_eq!(ons_area_code(bad), None, "{bad}");
        }
    }

    #[test]
    fn changed_fields_are_named_by_the_section_they_belong_to() {
        assert_eq!(section_of("schedules[0].byday"), "Opening times");
        assert_eq!(section_of("service_at_locations[1].location.accessibility[0].description"), "Places");
        assert_eq!(section_of("phones[0].number"), "Getting in touch");
        assert_eq!(section_of("attributes[2].taxonomy_term_id"), "Categories");
        assert_eq!(
            sections_changed(["service_areas[0].name", "description", "schedules[0].id", "name"]),
            ["About the service", "Opening times", "Areas covered"]
        );
    }
}
