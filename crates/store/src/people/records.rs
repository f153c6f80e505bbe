//! Person records: made once, found again, changed with every change audited. Opening a record
//! is audited with the basis that allowed it ([`super::access`]); the searchable facts sit in
//! columns (with their phonetic keys) and everything else in the record's details.

use crate::audit::{AuditContext, AuditEntry, append};
use crate::charging::requests::reference;
use crate::entities::{person, person_address};
use crate::refused;
use crate::{People, PersonId, Result, StoreError, UserId};
use chrono::{DateTime, NaiveDate, Utc};
use hearth_domain::edits::EditToken;
use hearth_domain::people::names::{normalise, nysiis};
use hearth_domain::people::record::{Address, PersonDetails};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};

/// A whole person record, as the record's pages show it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersonRecord {
    pub id: PersonId,
    pub reference: String,
    pub details: PersonDetails,
    pub what_matters: Option<String>,
    pub strengths: Option<String>,
    pub restricted: bool,
    pub restricted_reason: Option<String>,
    /// Set when this record was merged into another: that one is the record now.
    pub merged_into: Option<PersonId>,
    /// Goes up with every change to the details, so a save from an old page is refused.
    pub version: i32,
    pub postcode: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl PersonRecord {
    pub fn display_name(&self) -> String {
        self.details.display_name()
    }

    /// The token of what matters to them and their strengths, as the story form shows them.
    pub fn story_token(&self) -> EditToken {
        EditToken::of(&(&self.what_matters, &self.strengths))
    }
}

/// One address row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AddressRow {
    pub id: String,
    pub address: Address,
}

pub(crate) fn address_from(a: person_address::Model) -> Address {
    Address {
        line_1: a.line_1,
        line_2: a.line_2,
        town: a.town,
        postcode: a.postcode,
        uprn: a.uprn,
        from: a.from_date,
        to: a.to_date,
    }
}

pub(crate) fn record_from_row(r: person::Model) -> Result<PersonRecord> {
    let details: PersonDetails = serde_json::from_str(&r.details)
        .map_err(|e| StoreError::Unreadable(format!("person {} details could not be read: {e}", r.reference)))?;
    Ok(PersonRecord {
        id: r.id,
        reference: r.reference,
        details,
        what_matters: r.what_matters,
        strengths: r.strengths,
        restricted: r.restricted,
        restricted_reason: r.restricted_reason,
        merged_into: r.merged_into,
        version: r.version,
        postcode: r.postcode,
        created_at: r.created_at,
        updated_at: r.updated_at,
    })
}

/// The search keys of a name: every part normalised and its sound, the first part's kept in
/// columns (the rest are found by the name's whole key).
pub(crate) fn keys(name: &str) -> (String, String) {
    let key = normalise(name);
    let sound = nysiis(&key.replace(' ', ""));
    (key, sound)
}

pub(crate) fn squash_postcode(postcode: &str) -> String {
    postcode.split_whitespace().collect::<Vec<_>>().join(" ").to_ascii_uppercase()
}

/// Refuses details that cannot be true (the web checks first and shows the problems; this is
/// the last line, so a bad record never reaches the table from anywhere).
fn refuse_problems(details: &PersonDetails, today: NaiveDate) -> Result<()> {
    Ok(details.check(today).into_result()?)
}

fn normalised(mut details: PersonDetails) -> PersonDetails {
    details.given_name = details.given_name.trim().to_owned();
    details.family_name = details.family_name.trim().to_owned();
    if let Some(n) = details.nhs() {
        details.nhs_number = Some(n.digits().to_owned());
    }
    details
}

fn columns(row: &mut person::ActiveModel, details: &PersonDetails) {
    let (family_key, family_sound) = keys(&details.family_name);
    let (given_key, given_sound) = keys(&details.given_name);
    row.given_name = Set(details.given_name.clone());
    row.family_name = Set(details.family_name.clone());
    row.other_names = Set(details.other_names.clone());
    row.preferred_name = Set(details.preferred_name.clone());
    row.date_of_birth = Set(details.date_of_birth);
    row.date_of_death = Set(details.date_of_death);
    row.nhs_number = Set(details.nhs_number.clone());
    row.family_key = Set(family_key);
    row.family_sound = Set(family_sound);
    row.given_key = Set(given_key);
    row.given_sound = Set(given_sound);
    row.details = Set(serde_json::to_string(details).expect("details serialise"));
}

pub(crate) async fn load<C: ConnectionTrait>(conn: &C, id: &PersonId) -> Result<PersonRecord> {
    let row = person::Entity::find_by_id(id.to_owned()).one(conn).await?.ok_or(StoreError::NotFound)?;
    record_from_row(row)
}

/// Keeps the record's postcode column the current address's (the one with no end, newest first).
pub(crate) async fn refresh_postcode<C: ConnectionTrait>(conn: &C, person_id: &PersonId) -> Result<()> {
    let current = person_address::Entity::find()
        .filter(person_address::Column::PersonId.eq(person_id))
        .filter(person_address::Column::ToDate.is_null())
        .order_by_desc(person_address::Column::FromDate)
        .order_by_desc(person_address::Column::CreatedAt)
        .one(conn)
        .await?;
    let row = person::Entity::find_by_id(person_id.to_owned()).one(conn).await?.ok_or(StoreError::NotFound)?;
    let mut row: person::ActiveModel = row.into();
    row.postcode = Set(current.and_then(|a| a.postcode).map(|p| squash_postcode(&p)));
    row.update(conn).await?;
    Ok(())
}

pub(crate) async fn insert_address<C: ConnectionTrait>(
    conn: &C,
    now: DateTime<Utc>,
    person_id: &PersonId,
    address: &Address,
) -> Result<String> {
    let id = uuid::Uuid::new_v4().to_string();
    person_address::ActiveModel {
        id: Set(id.clone()),
        person_id: Set(person_id.to_owned()),
        line_1: Set(address.line_1.trim().to_owned()),
        line_2: Set(address.line_2.clone()),
        town: Set(address.town.clone()),
        postcode: Set(address.postcode.as_deref().map(squash_postcode)),
        uprn: Set(address.uprn.clone()),
        from_date: Set(address.from),
        to_date: Set(address.to),
        created_at: Set(now),
    }
    .insert(conn)
    .await?;
    Ok(id)
}

impl People<'_> {
    /// Makes a person record, with their address if known. Audited as a change to the record.
    pub async fn create_person(
        &self,
        ctx: &AuditContext,
        details: PersonDetails,
        address: Option<&Address>,
    ) -> Result<PersonRecord> {
        let details = normalised(details);
        let mut problems = details.check(ctx.now.date_naive());
        if let Some(a) = address {
            problems.extend(a.check());
        }
        problems.into_result()?;
        let txn = self.store.write().await?;
        let id = PersonId::generate();
        let mut row = person::ActiveModel {
            id: Set(id.clone()),
            reference: Set(reference("P")),
            postcode: Set(None),
            what_matters: Set(None),
            strengths: Set(None),
            restricted: Set(false),
            restricted_reason: Set(None),
            merged_into: Set(None),
            version: Set(1),
            created_by: Set(ctx_user(ctx)),
            created_at: Set(ctx.now),
            updated_by: Set(ctx_user(ctx)),
            updated_at: Set(ctx.now),
            ..Default::default()
        };
        columns(&mut row, &details);
        row.insert(&txn).await?;
        if let Some(a) = address {
            insert_address(&txn, ctx.now, &id, a).await?;
            refresh_postcode(&txn, &id).await?;
        }
        append(&txn, ctx, AuditEntry::new("person-created").record("person", &id).person(&id)).await?;
        let record = load(&txn, &id).await?;
        txn.commit().await?;
        Ok(record)
    }

    /// Opens a record for someone allowed to see it, auditing the view with `basis` (what
    /// allowed it) and `page` (which part of the record). A merged record opens as the record it
    /// became, so the caller should go there.
    pub async fn open_person(
        &self,
        ctx: &AuditContext,
        id: &PersonId,
        basis: &str,
        page: &str,
    ) -> Result<PersonRecord> {
        let txn = self.store.write().await?;
        let record = load(&txn, id).await?;
        append(
            &txn,
            ctx,
            AuditEntry::new("person-viewed")
                .record("person", id)
                .person(id)
                .basis(basis)
                .details(serde_json::json!({"page": page})),
        )
        .await?;
        txn.commit().await?;
        Ok(record)
    }

    /// A record's name and reference, for pages that say whose record it is without showing it
    /// (the break-glass question) and for lists. Not audited: it shows nothing beyond a search.
    pub async fn person_heading(&self, id: &PersonId) -> Result<(String, String, bool, Option<PersonId>)> {
        let r = load(&self.store.db, id).await?;
        Ok((r.display_name(), r.reference, r.restricted, r.merged_into))
    }

    /// The names of these people, by id, in one query (for lists that name many people).
    pub async fn person_names(&self, ids: &[PersonId]) -> Result<std::collections::HashMap<PersonId, String>> {
        let mut names = std::collections::HashMap::new();
        for chunk in ids.chunks(500) {
            for row in
                person::Entity::find().filter(person::Column::Id.is_in(chunk.to_vec())).all(&self.store.db).await?
            {
                let record = record_from_row(row)?;
                names.insert(record.id.clone(), record.display_name());
            }
        }
        Ok(names)
    }

    /// The record with a reference (P-XXXX-XXXX), if any: its id.
    pub async fn person_by_reference(&self, reference: &str) -> Result<Option<PersonId>> {
        Ok(person::Entity::find()
            .filter(person::Column::Reference.eq(reference.trim()))
            .one(&self.store.db)
            .await?
            .map(|p| p.merged_into.unwrap_or(p.id)))
    }

    /// Changes the details. Refused if the record changed since `version` was read.
    pub async fn update_person_details(
        &self,
        ctx: &AuditContext,
        id: &PersonId,
        version: i32,
        details: PersonDetails,
    ) -> Result<PersonRecord> {
        let details = normalised(details);
        refuse_problems(&details, ctx.now.date_naive())?;
        let txn = self.store.write().await?;
        let before = load(&txn, id).await?;
        if before.version != version {
            return Err(StoreError::Stale);
        }
        let row = person::Entity::find_by_id(id.to_owned()).one(&txn).await?.ok_or(StoreError::NotFound)?;
        let mut row: person::ActiveModel = row.into();
        columns(&mut row, &details);
        row.version = Set(version + 1);
        row.updated_at = Set(ctx.now);
        row.updated_by = Set(ctx_user(ctx));
        row.update(&txn).await?;
        append(
            &txn,
            ctx,
            AuditEntry::new("person-details-changed")
                .record("person", id)
                .person(id)
                .details(serde_json::json!({"changed": changed_fields(&before.details, &details)})),
        )
        .await?;
        let record = load(&txn, id).await?;
        txn.commit().await?;
        Ok(record)
    }

    /// What matters to the person, in their words, and what they can do. Audited with the words
    /// before and after, so nothing they said is lost.
    pub async fn set_person_story(
        &self,
        ctx: &AuditContext,
        id: &PersonId,
        what_matters: Option<String>,
        strengths: Option<String>,
        expected: Option<&EditToken>,
    ) -> Result<()> {
        let txn = self.store.write().await?;
        let before = load(&txn, id).await?;
        if expected.is_some_and(|e| *e != before.story_token()) {
            return Err(StoreError::Stale);
        }
        let row = person::Entity::find_by_id(id.to_owned()).one(&txn).await?.ok_or(StoreError::NotFound)?;
        let mut row: person::ActiveModel = row.into();
        row.what_matters = Set(what_matters.clone());
        row.strengths = Set(strengths.clone());
        row.updated_at = Set(ctx.now);
        row.updated_by = Set(ctx_user(ctx));
        row.update(&txn).await?;
        append(
            &txn,
            ctx,
            AuditEntry::new("person-story-changed").record("person", id).person(id).details(serde_json::json!({
                "what_matters": {"before": before.what_matters, "after": what_matters},
                "strengths": {"before": before.strengths, "after": strengths},
            })),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// Marks a record restricted (or not), with the reason. Audited.
    pub async fn set_person_restricted(
        &self,
        ctx: &AuditContext,
        id: &PersonId,
        restricted: bool,
        reason: Option<&str>,
    ) -> Result<()> {
        if restricted && reason.is_none_or(|r| r.trim().is_empty()) {
            return Err(refused("reason", "Say why the record is restricted"));
        }
        let txn = self.store.write().await?;
        let row = person::Entity::find_by_id(id.to_owned()).one(&txn).await?.ok_or(StoreError::NotFound)?;
        let mut row: person::ActiveModel = row.into();
        row.restricted = Set(restricted);
        row.restricted_reason = Set(reason.map(|r| r.trim().to_owned()).filter(|_| restricted));
        row.update(&txn).await?;
        let mut entry = AuditEntry::new(if restricted { "person-restricted" } else { "person-unrestricted" })
            .record("person", id)
            .person(id);
        if let Some(r) = reason {
            entry = entry.reason(r);
        }
        append(&txn, ctx, entry).await?;
        txn.commit().await?;
        Ok(())
    }

    /// A person's addresses, current first.
    pub async fn person_addresses(&self, person_id: &PersonId) -> Result<Vec<AddressRow>> {
        let mut rows: Vec<AddressRow> = person_address::Entity::find()
            .filter(person_address::Column::PersonId.eq(person_id))
            .all(&self.store.db)
            .await?
            .into_iter()
            .map(|a| AddressRow { id: a.id.clone(), address: address_from(a) })
            .collect();
        rows.sort_by(|a, b| (a.address.to.is_some(), b.address.from).cmp(&(b.address.to.is_some(), a.address.from)));
        Ok(rows)
    }

    /// Records a move: the new address, and the day they left the one before (which stays, in
    /// the history). Audited.
    pub async fn add_person_address(&self, ctx: &AuditContext, person_id: &PersonId, address: &Address) -> Result<()> {
        address.check().into_result()?;
        let txn = self.store.write().await?;
        load(&txn, person_id).await?;
        if address.to.is_none() {
            // The address they lived at until now ends the day before this one begins.
            let left = address.from.and_then(|d| d.pred_opt()).unwrap_or(ctx.now.date_naive());
            for old in person_address::Entity::find()
                .filter(person_address::Column::PersonId.eq(person_id))
                .filter(person_address::Column::ToDate.is_null())
                .all(&txn)
                .await?
            {
                let mut old: person_address::ActiveModel = old.into();
                old.to_date = Set(Some(left));
                old.update(&txn).await?;
            }
        }
        let id = insert_address(&txn, ctx.now, person_id, address).await?;
        refresh_postcode(&txn, person_id).await?;
        append(&txn, ctx, AuditEntry::new("person-address-added").record("person-address", &id).person(person_id))
            .await?;
        txn.commit().await?;
        Ok(())
    }
}

pub(crate) fn ctx_user(ctx: &AuditContext) -> Option<String> {
    acting_user(ctx).map(String::from)
}

/// The member of staff acting, where one is.
pub(crate) fn acting_user(ctx: &AuditContext) -> Option<UserId> {
    match &ctx.actor {
        crate::Actor::User(id) => Some(id.clone()),
        _ => None,
    }
}

/// The names of the details that differ, for the audit log.
fn changed_fields(before: &PersonDetails, after: &PersonDetails) -> Vec<String> {
    let a = serde_json::to_value(before).unwrap_or_default();
    let b = serde_json::to_value(after).unwrap_or_default();
    let (Some(a), Some(b)) = (a.as_object(), b.as_object()) else { return Vec::new() };
    let mut fields: Vec<String> = a.keys().chain(b.keys()).filter(|k| a.get(*k) != b.get(*k)).cloned().collect();
    fields.sort();
    fields.dedup();
    fields
}
