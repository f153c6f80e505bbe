//! Finding people by name (forgiving spelling), date of birth, NHS number or postcode, and
//! warning of likely duplicates before a new record is made.
//!
//! The database narrows the field through indexed columns (the name's key and its NYSIIS sound,
//! the date of birth, the postcode); Hearth then scores every candidate with
//! `hearth_domain::people::matching` and keeps the likely ones.

use crate::entities::person;
use crate::{Result, Store};
use chrono::NaiveDate;
use hearth_domain::people::matching::{Identity, compare};
use hearth_domain::people::names::{NameLikeness, likeness, normalise, nysiis};
use sea_orm::sea_query::LikeExpr;
use sea_orm::{ColumnTrait, Condition, EntityTrait, FromQueryResult, QueryFilter, QuerySelect};

/// What someone searched with. Empty fields are left out.
#[derive(Clone, Debug, Default)]
pub struct PersonQuery {
    pub name: Option<String>,
    pub date_of_birth: Option<NaiveDate>,
    /// Ten digits.
    pub nhs_number: Option<String>,
    pub postcode: Option<String>,
}

impl PersonQuery {
    pub fn is_empty(&self) -> bool {
        self.name.as_deref().is_none_or(|n| normalise(n).is_empty())
            && self.date_of_birth.is_none()
            && self.nhs_number.is_none()
            && self.postcode.is_none()
    }
}

/// A person as search results and lists show them.
#[derive(Clone, Debug, PartialEq, Eq, FromQueryResult)]
pub struct PersonSummary {
    pub id: String,
    pub reference: String,
    pub given_name: String,
    pub family_name: String,
    pub other_names: Option<String>,
    pub preferred_name: Option<String>,
    pub date_of_birth: Option<NaiveDate>,
    pub date_of_death: Option<NaiveDate>,
    pub nhs_number: Option<String>,
    pub postcode: Option<String>,
    pub restricted: bool,
}

impl PersonSummary {
    pub fn display_name(&self) -> String {
        let given = self.preferred_name.as_deref().filter(|p| !p.trim().is_empty()).unwrap_or(&self.given_name);
        format!("{given} {}", self.family_name)
    }

    fn identity(&self) -> Identity<'_> {
        Identity {
            given_name: &self.given_name,
            family_name: &self.family_name,
            other_names: self.other_names.as_deref(),
            date_of_birth: self.date_of_birth,
            nhs_number: self.nhs_number.as_deref(),
            postcode: self.postcode.as_deref(),
        }
    }
}

/// One search result or possible duplicate, with why it came up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersonHit {
    pub person: PersonSummary,
    pub score: i32,
    pub reasons: Vec<&'static str>,
}

/// The most candidates one search reads (a very common name is narrowed by adding a date of
/// birth or postcode).
const MOST_CANDIDATES: u64 = 3_000;

fn escape_like(s: &str) -> String {
    s.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

fn name_condition(name: &str) -> Condition {
    let mut any = Condition::any();
    for part in normalise(name).split(' ').filter(|p| !p.is_empty()) {
        let sound = nysiis(part);
        any = any
            .add(person::Column::FamilyKey.like(LikeExpr::new(format!("{}%", escape_like(part))).escape('\\')))
            .add(person::Column::FamilySound.eq(sound.clone()))
            .add(person::Column::GivenKey.like(LikeExpr::new(format!("{}%", escape_like(part))).escape('\\')))
            .add(person::Column::GivenSound.eq(sound));
    }
    any
}

fn squash(postcode: &str) -> String {
    postcode.split_whitespace().collect::<Vec<_>>().join(" ").to_ascii_uppercase()
}

/// A search result's score: how well the name matches each word typed, then the other facts.
fn search_score(query: &PersonQuery, p: &PersonSummary) -> Option<(i32, Vec<&'static str>)> {
    let mut score = 0;
    let mut reasons = Vec::new();
    if let Some(nhs) = &query.nhs_number {
        if p.nhs_number.as_deref() != Some(nhs.as_str()) {
            return None;
        }
        score += 100;
        reasons.push("the NHS number");
    }
    if let Some(name) = query.name.as_deref().map(normalise).filter(|n| !n.is_empty()) {
        let all_names = format!(
            "{} {} {} {}",
            p.given_name,
            p.other_names.as_deref().unwrap_or(""),
            p.preferred_name.as_deref().unwrap_or(""),
            p.family_name
        );
        for part in name.split(' ') {
            let best = likeness(part, &all_names);
            // A typed word that begins a name counts as the name ("kettle" for Kettlewell).
            let prefix = normalise(&all_names).split(' ').any(|w| w.starts_with(part) && part.len() >= 3);
            score += match best {
                NameLikeness::Same => 30,
                _ if prefix => 25,
                NameLikeness::OtherForm => 20,
                NameLikeness::SoundsAlike | NameLikeness::Typo => 15,
                NameLikeness::Initial => 5,
                NameLikeness::Different => return None,
            };
        }
        reasons.push("the name");
    }
    if let Some(dob) = query.date_of_birth {
        if p.date_of_birth == Some(dob) {
            score += 30;
            reasons.push("the date of birth");
        } else if query.name.is_none() {
            return None;
        } else {
            score -= 20;
        }
    }
    if let Some(pc) = &query.postcode {
        if p.postcode.as_deref().is_some_and(|mine| squash(mine) == squash(pc)) {
            score += 10;
            reasons.push("the postcode");
        } else if query.name.is_none() && query.date_of_birth.is_none() {
            return None;
        }
    }
    Some((score, reasons))
}

impl Store {
    async fn candidates(&self, condition: Condition) -> Result<Vec<PersonSummary>> {
        Ok(person::Entity::find()
            .select_only()
            .columns([
                person::Column::Id,
                person::Column::Reference,
                person::Column::GivenName,
                person::Column::FamilyName,
                person::Column::OtherNames,
                person::Column::PreferredName,
                person::Column::DateOfBirth,
                person::Column::DateOfDeath,
                person::Column::NhsNumber,
                person::Column::Postcode,
                person::Column::Restricted,
            ])
            .filter(person::Column::MergedInto.is_null())
            .filter(condition)
            .limit(MOST_CANDIDATES)
            .into_model::<PersonSummary>()
            .all(&self.db)
            .await?)
    }

    /// People matching a search, best first (at most `limit`). Not audited here: the page that
    /// shows them audits the search.
    pub async fn search_people(&self, query: &PersonQuery, limit: usize) -> Result<Vec<PersonHit>> {
        if query.is_empty() {
            return Ok(Vec::new());
        }
        let condition = if let Some(nhs) = &query.nhs_number {
            Condition::all().add(person::Column::NhsNumber.eq(nhs.clone()))
        } else {
            let mut any = Condition::any();
            if let Some(name) = query.name.as_deref().filter(|n| !normalise(n).is_empty()) {
                any = any.add(name_condition(name));
            } else {
                if let Some(dob) = query.date_of_birth {
                    any = any.add(person::Column::DateOfBirth.eq(dob));
                }
                if let Some(pc) = &query.postcode {
                    any = any.add(person::Column::Postcode.eq(squash(pc)));
                }
            }
            any
        };
        let mut hits: Vec<PersonHit> = self
            .candidates(condition)
            .await?
            .into_iter()
            .filter_map(|p| search_score(query, &p).map(|(score, reasons)| PersonHit { person: p, score, reasons }))
            .collect();
        hits.sort_by(|a, b| {
            b.score
                .cmp(&a.score)
                .then_with(|| a.person.family_name.cmp(&b.person.family_name))
                .then_with(|| a.person.given_name.cmp(&b.person.given_name))
        });
        hits.truncate(limit);
        Ok(hits)
    }

    /// Records that are likely to be the person about to be created, most likely first.
    pub async fn likely_duplicates(&self, new: &Identity<'_>) -> Result<Vec<PersonHit>> {
        let mut any = Condition::any().add(name_condition(new.family_name));
        if let Some(dob) = new.date_of_birth {
            any = any.add(person::Column::DateOfBirth.eq(dob));
        }
        if let Some(nhs) = new.nhs_number {
            any = any.add(person::Column::NhsNumber.eq(nhs));
        }
        let mut hits: Vec<PersonHit> = self
            .candidates(any)
            .await?
            .into_iter()
            .filter_map(|p| {
                let l = compare(new, &p.identity());
                l.likely().then_some(PersonHit { person: p, score: l.score, reasons: l.reasons })
            })
            .collect();
        hits.sort_by_key(|h| std::cmp::Reverse(h.score));
        hits.truncate(10);
        Ok(hits)
    }

    /// Several people by id, for lists (allocations, a note's people). Merged records are left out.
    pub async fn people_summaries(&self, ids: &[String]) -> Result<Vec<PersonSummary>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut all = Vec::new();
        for chunk in ids.chunks(500) {
            all.extend(self.candidates(Condition::all().add(person::Column::Id.is_in(chunk.to_vec()))).await?);
        }
        Ok(all)
    }
}
