//! Case notes, recorded once for everyone they concern, corrected by new versions with their
//! reasons, and marked "entered in error" rather than deleted.

use crate::audit::{AuditContext, AuditEntry};
use crate::entities::{case_note, case_note_person, case_note_version};
use crate::people::records::{ctx_user, load};
use crate::refused;
use crate::stored;
use crate::{NoteId, People, PersonId, Result, StoreError};
use chrono::{DateTime, Utc};
use hearth_domain::people::notes::{NewNote, NoteKind, check_correction, check_entered_in_error};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    pub id: NoteId,
    pub kind: NoteKind,
    pub happened_at: DateTime<Utc>,
    pub significant: bool,
    pub body: String,
    pub version: i32,
    pub entered_in_error: bool,
    pub error_reason: Option<String>,
    pub author_id: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Everyone the note is about.
    pub people: Vec<PersonId>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoteVersion {
    pub version: i32,
    pub body: String,
    pub reason: Option<String>,
    pub saved_by: Option<String>,
    pub saved_at: DateTime<Utc>,
}

async fn note_people<C: sea_orm::ConnectionTrait>(conn: &C, note_id: &NoteId) -> Result<Vec<PersonId>> {
    Ok(case_note_person::Entity::find()
        .filter(case_note_person::Column::NoteId.eq(note_id))
        .select_only()
        .column(case_note_person::Column::PersonId)
        .into_tuple()
        .all(conn)
        .await?)
}

/// The people each of these notes is about, by note id, in one query.
async fn notes_people<C: sea_orm::ConnectionTrait>(
    conn: &C,
    note_ids: &[NoteId],
) -> Result<std::collections::HashMap<NoteId, Vec<PersonId>>> {
    let pairs: Vec<(NoteId, PersonId)> = case_note_person::Entity::find()
        .filter(case_note_person::Column::NoteId.is_in(note_ids.to_vec()))
        .select_only()
        .column(case_note_person::Column::NoteId)
        .column(case_note_person::Column::PersonId)
        .into_tuple()
        .all(conn)
        .await?;
    let mut people: std::collections::HashMap<NoteId, Vec<PersonId>> = std::collections::HashMap::new();
    for (note, person) in pairs {
        people.entry(note).or_default().push(person);
    }
    Ok(people)
}

fn from_row(n: case_note::Model, people: Vec<PersonId>) -> Result<Note> {
    Ok(Note {
        kind: stored("note kind", &n.id, &n.kind, NoteKind::from_key)?,
        entered_in_error: n.status == "entered-in-error",
        id: n.id,
        happened_at: n.happened_at,
        significant: n.significant,
        body: n.body,
        version: n.version,
        error_reason: n.error_reason,
        author_id: n.author_id,
        created_at: n.created_at,
        updated_at: n.updated_at,
        people,
    })
}

impl People<'_> {
    /// Records a note about one or more people. One audit event per person, so each person's
    /// history shows it.
    pub async fn add_note(&self, ctx: &AuditContext, new: &NewNote) -> Result<NoteId> {
        let (kind, happened_at) = new.accept(ctx.now)?;
        let txn = self.store.write().await?;
        for p in &new.people {
            load(&txn, p).await?;
        }
        let id = NoteId::generate();
        case_note::ActiveModel {
            id: Set(id.clone()),
            kind: Set(kind.key().to_owned()),
            happened_at: Set(happened_at),
            significant: Set(new.significant),
            body: Set(new.body.trim().to_owned()),
            version: Set(1),
            status: Set("current".to_owned()),
            error_reason: Set(None),
            author_id: Set(ctx_user(ctx)),
            created_at: Set(ctx.now),
            updated_at: Set(ctx.now),
        }
        .insert(&txn)
        .await?;
        case_note_version::ActiveModel {
            note_id: Set(id.clone()),
            version: Set(1),
            body: Set(new.body.trim().to_owned()),
            reason: Set(None),
            saved_by: Set(ctx_user(ctx)),
            saved_at: Set(ctx.now),
        }
        .insert(&txn)
        .await?;
        let mut people = new.people.clone();
        people.dedup();
        for p in &people {
            case_note_person::ActiveModel {
                note_id: Set(id.clone()),
                person_id: Set(p.clone()),
                happened_at: Set(happened_at),
                significant: Set(new.significant),
            }
            .insert(&txn)
            .await?;
        }
        let entries = people
            .iter()
            .map(|p| {
                AuditEntry::new("note-added")
                    .record("note", &id)
                    .person(p)
                    .details(serde_json::json!({"people": people.len(), "significant": new.significant}))
            })
            .collect();
        crate::audit::append_many(&txn, ctx, entries).await?;
        txn.commit().await?;
        Ok(id)
    }

    /// A person's notes, newest first, a page at a time (from 1), and how many there are in all.
    /// `significant_only` keeps the significant ones (the chronology).
    pub async fn notes_for(
        &self,
        person_id: &PersonId,
        significant_only: bool,
        page: u64,
        per_page: u64,
    ) -> Result<(Vec<Note>, u64)> {
        let mut ids_q = case_note_person::Entity::find().filter(case_note_person::Column::PersonId.eq(person_id));
        if significant_only {
            ids_q = ids_q.filter(case_note_person::Column::Significant.eq(true));
        }
        let total = ids_q.clone().count(&self.store.db).await?;
        let ids: Vec<NoteId> = ids_q
            .order_by_desc(case_note_person::Column::HappenedAt)
            .offset(page.saturating_sub(1) * per_page)
            .limit(per_page)
            .select_only()
            .column(case_note_person::Column::NoteId)
            .into_tuple()
            .all(&self.store.db)
            .await?;
        let mut people = notes_people(&self.store.db, &ids).await?;
        let mut notes = Vec::new();
        for n in case_note::Entity::find().filter(case_note::Column::Id.is_in(ids)).all(&self.store.db).await? {
            let about = people.remove(&n.id).unwrap_or_default();
            notes.push(from_row(n, about)?);
        }
        notes.sort_by_key(|n| std::cmp::Reverse(n.happened_at));
        Ok((notes, total))
    }

    pub async fn note(&self, id: &NoteId) -> Result<Note> {
        let n = case_note::Entity::find_by_id(id.to_owned()).one(&self.store.db).await?.ok_or(StoreError::NotFound)?;
        let people = note_people(&self.store.db, id).await?;
        from_row(n, people)
    }

    pub async fn note_versions(&self, id: &NoteId) -> Result<Vec<NoteVersion>> {
        Ok(case_note_version::Entity::find()
            .filter(case_note_version::Column::NoteId.eq(id))
            .order_by_desc(case_note_version::Column::Version)
            .all(&self.store.db)
            .await?
            .into_iter()
            .map(|v| NoteVersion {
                version: v.version,
                body: v.body,
                reason: v.reason,
                saved_by: v.saved_by,
                saved_at: v.saved_at,
            })
            .collect())
    }

    /// Corrects a note: a new version with the reason; the old wording stays. Refused if the note
    /// changed since `version`.
    pub async fn correct_note(
        &self,
        ctx: &AuditContext,
        id: &NoteId,
        version: i32,
        body: &str,
        reason: &str,
    ) -> Result<()> {
        let txn = self.store.write().await?;
        let n = case_note::Entity::find_by_id(id.to_owned()).one(&txn).await?.ok_or(StoreError::NotFound)?;
        if n.version != version {
            return Err(StoreError::Stale);
        }
        if n.status == "entered-in-error" {
            return Err(refused("body", "This note was entered in error and cannot be changed"));
        }
        check_correction(body, reason, body.trim() == n.body).into_result()?;
        let people = note_people(&txn, id).await?;
        let mut row: case_note::ActiveModel = n.into();
        row.body = Set(body.trim().to_owned());
        row.version = Set(version + 1);
        row.updated_at = Set(ctx.now);
        row.update(&txn).await?;
        case_note_version::ActiveModel {
            note_id: Set(id.to_owned()),
            version: Set(version + 1),
            body: Set(body.trim().to_owned()),
            reason: Set(Some(reason.trim().to_owned())),
            saved_by: Set(ctx_user(ctx)),
            saved_at: Set(ctx.now),
        }
        .insert(&txn)
        .await?;
        let entries = people
            .iter()
            .map(|p| AuditEntry::new("note-corrected").record("note", id).person(p).reason(reason.trim()))
            .collect();
        crate::audit::append_many(&txn, ctx, entries).await?;
        txn.commit().await?;
        Ok(())
    }

    /// Marks a note as entered in error (it stays, struck through, with the reason).
    pub async fn mark_note_in_error(&self, ctx: &AuditContext, id: &NoteId, reason: &str) -> Result<()> {
        let txn = self.store.write().await?;
        let n = case_note::Entity::find_by_id(id.to_owned()).one(&txn).await?.ok_or(StoreError::NotFound)?;
        if n.status == "entered-in-error" {
            return Err(StoreError::AlreadyDecided);
        }
        check_entered_in_error(reason).into_result()?;
        let people = note_people(&txn, id).await?;
        let mut row: case_note::ActiveModel = n.into();
        row.status = Set("entered-in-error".to_owned());
        row.error_reason = Set(Some(reason.trim().to_owned()));
        row.updated_at = Set(ctx.now);
        row.update(&txn).await?;
        let entries = people
            .iter()
            .map(|p| AuditEntry::new("note-entered-in-error").record("note", id).person(p).reason(reason.trim()))
            .collect();
        crate::audit::append_many(&txn, ctx, entries).await?;
        txn.commit().await?;
        Ok(())
    }
}
