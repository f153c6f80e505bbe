//! Finding people by name (forgiving spelling), date of birth, NHS number or postcode, and
//! warning of likely duplicates before a new record is made.
//!
//! The database narrows the field through indexed columns (the name's key and its NYSIIS sound,
//! the date of birth, the postcode); Hearth then scores every candidate with
//! `hearth_domain::people::matching` and keeps the likely ones.

use crate::entities::person;
use crate::{People, PersonId, Result};
use chrono::NaiveDate;
use hearth_domain::people::matching::{Identity, compare};
use hearth_domain::people::names::{NameLikeness, likeness, normalise, nysiis, other_forms};
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
    pub id: PersonId,
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

/// The word after every word that starts with `prefix` (a-z only): "netu" for "nett", "ac" for
/// "abz"; none for "zz". A range on the key reads the index on both engines, which LIKE does not
/// (SQLite's LIKE ignores case, so it cannot use a plain index).
fn prefix_end(prefix: &str) -> Option<String> {
    let mut bytes = prefix.trim_end_matches('z').as_bytes().to_vec();
    let last = bytes.pop()?;
    bytes.push(last + 1);
    String::from_utf8(bytes).ok()
}

fn starts_with(column: person::Column, prefix: &str) -> Condition {
    let mut c = Condition::all()
        .add(column.gte(prefix.to_owned()))
        .add(column.like(LikeExpr::new(format!("{}%", escape_like(prefix))).escape('\\')));
    if let Some(end) = prefix_end(prefix) {
        c = c.add(column.lt(end));
    }
    c
}

/// One typed word against a record's names: the start of the family or first name, how either
/// sounds, or another form of the first name ("Peggy" for Margaret).
fn word_condition(part: &str) -> Condition {
    let sound = nysiis(part);
    let mut any = Condition::any()
        .add(starts_with(person::Column::FamilyKey, part))
        .add(person::Column::FamilySound.eq(sound.clone()))
        .add(starts_with(person::Column::GivenKey, part))
        .add(person::Column::GivenSound.eq(sound));
    let forms = other_forms(part);
    if !forms.is_empty() {
        any = any.add(person::Column::GivenKey.is_in(forms));
    }
    any
}

fn words(name: &str) -> Vec<String> {
    normalise(name).split(' ').filter(|p| !p.is_empty()).map(str::to_owned).collect()
}

/// Records whose names match every word typed: what a search means nearly always, and narrow
/// enough to read through an index even for the commonest names.
fn every_word(name: &str) -> Condition {
    words(name).iter().fold(Condition::all(), |all, part| all.add(word_condition(part)))
}

/// Records whose names match any word typed: the forgiving search, for when a slip in one word
/// (a typo the sound does not catch) leaves nobody matching every word.
fn any_word(name: &str) -> Condition {
    words(name).iter().fold(Condition::any(), |any, part| any.add(word_condition(part)))
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

impl People<'_> {
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
            .all(&self.store.db)
            .await?)
    }

    /// People matching a search, best first (at most `limit`). Not audited here: the page that
    /// shows them audits the search.
    pub async fn search_people(&self, query: &PersonQuery, limit: usize) -> Result<Vec<PersonHit>> {
        if query.is_empty() {
            return Ok(Vec::new());
        }
        let name = query.name.as_deref().filter(|n| !normalise(n).is_empty());
        let condition = |name_condition: fn(&str) -> Condition| {
            if let Some(nhs) = &query.nhs_number {
                Condition::all().add(person::Column::NhsNumber.eq(nhs.clone()))
            } else if let Some(name) = name {
                name_condition(name)
            } else {
                let mut any = Condition::any();
                if let Some(dob) = query.date_of_birth {
                    any = any.add(person::Column::DateOfBirth.eq(dob));
                }
                if let Some(pc) = &query.postcode {
                    any = any.add(person::Column::Postcode.eq(squash(pc)));
                }
                any
            }
        };
        let mut hits = self.scored(query, condition(every_word)).await?;
        if hits.is_empty() && name.is_some_and(|n| words(n).len() > 1) && query.nhs_number.is_none() {
            hits = self.scored(query, condition(any_word)).await?;
        }
        hits.sort_by(|a, b| {
            b.score
                .cmp(&a.score)
                .then_with(|| a.person.family_name.cmp(&b.person.family_name))
                .then_with(|| a.person.given_name.cmp(&b.person.given_name))
        });
        hits.truncate(limit);
        Ok(hits)
    }

    async fn scored(&self, query: &PersonQuery, condition: Condition) -> Result<Vec<PersonHit>> {
        Ok(self
            .candidates(condition)
            .await?
            .into_iter()
            .filter_map(|p| search_score(query, &p).map(|(score, reasons)| PersonHit { person: p, score, reasons }))
            .collect())
    }

    /// Records that are likely to be the person about to be created, most likely first.
    pub async fn likely_duplicates(&self, new: &Identity<'_>) -> Result<Vec<PersonHit>> {
        let mut any = Condition::any().add(any_word(new.family_name));
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
    pub async fn people_summaries(&self, ids: &[PersonId]) -> Result<Vec<PersonSummary>> {
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

#[cfg(test)]
mod tests {
    use super::prefix_end;

    #[test]
    fn a_prefix_range_ends_at_the_next_word() {
        assert_eq!(prefix_end("nett").as_deref(), Some("netu"));
        assert_eq!(prefix_end("abz").as_deref(), Some("ac"));
        assert_eq!(prefix_end("a").as_deref(), Some("b"));
        assert_eq!(prefix_end("zz"), None);
    }
}
