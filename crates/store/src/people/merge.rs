//! Merging two records that turn out to be one person: everything about the second moves to the
//! first, the first keeps its details and takes any the second knew that it did not, and the
//! second is kept, marked as merged, so links and the audit trail still lead somewhere.

use crate::audit::{AuditContext, AuditEntry, append_many};
use crate::entities::{person, person_relationship};
use crate::people::records::{ctx_user, load};
use crate::refused;
use crate::{People, PersonId, Result, StoreError};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

impl People<'_> {
    /// Merges `remove` into `keep`. Refused when the two have different NHS numbers or dates of
    /// birth (they are different people), or either is already merged. Audited on both records.
    pub async fn merge_people(
        &self,
        ctx: &AuditContext,
        keep: &PersonId,
        remove: &PersonId,
        reason: &str,
    ) -> Result<()> {
        let mut problems = hearth_domain::Problems::default();
        problems.check(keep == remove, "other", "Choose a different record to merge");
        problems.check(reason.trim().is_empty(), "reason", "Say how you know these are the same person");
        problems.into_result()?;
        let txn = self.store.write().await?;
        let kept = load(&txn, keep).await?;
        let gone = load(&txn, remove).await?;
        if kept.merged_into.is_some() || gone.merged_into.is_some() {
            return Err(refused("other", "One of these records has already been merged"));
        }
        let differ = |a: &Option<String>, b: &Option<String>| a.is_some() && b.is_some() && a != b;
        if differ(&kept.details.nhs_number, &gone.details.nhs_number) {
            return Err(refused("other", "These records have different NHS numbers, so they are different people"));
        }
        if kept.details.date_of_birth.is_some()
            && gone.details.date_of_birth.is_some()
            && kept.details.date_of_birth != gone.details.date_of_birth
        {
            return Err(refused(
                "other",
                "These records have different dates of birth: correct the wrong one first if they are the same person",
            ));
        }
        // The kept record takes what only the other knew.
        let mut details = kept.details.clone();
        let both = serde_json::to_value(&details).unwrap_or_default();
        let theirs = serde_json::to_value(&gone.details).unwrap_or_default();
        if let (Some(mine), Some(theirs)) = (both.as_object(), theirs.as_object()) {
            let mut merged = mine.clone();
            for (k, v) in theirs {
                if merged.get(k).is_none_or(|m| m.is_null() || m == &serde_json::Value::Bool(false)) && !v.is_null() {
                    merged.insert(k.clone(), v.clone());
                }
            }
            if let Ok(d) = serde_json::from_value(serde_json::Value::Object(merged)) {
                details = d;
            }
        }
        // Everything that belongs to, or mentions, the record going moves to the one kept: the
        // list is `PersonTable`, so a new table is merged as soon as it is declared there.
        let mut moved = serde_json::Map::new();
        for (table, n) in crate::people::belongs::repoint(&txn, remove, keep).await? {
            if n > 0 {
                moved.insert(table.table().to_owned(), n.into());
            }
        }
        // Relationships between the two are now with themselves: end them.
        for r in person_relationship::Entity::find()
            .filter(person_relationship::Column::PersonId.eq(keep))
            .filter(person_relationship::Column::OtherPersonId.eq(keep))
            .all(&txn)
            .await?
        {
            let mut r: person_relationship::ActiveModel = r.into();
            r.ended_on = Set(Some(ctx.now.date_naive()));
            r.update(&txn).await?;
        }
        let row = person::Entity::find_by_id(keep.to_owned()).one(&txn).await?.ok_or(StoreError::NotFound)?;
        let restricted = row.restricted || gone.restricted;
        let mut row: person::ActiveModel = row.into();
        row.details = Set(serde_json::to_string(&details).expect("details serialise"));
        row.nhs_number = Set(details.nhs_number.clone());
        row.date_of_birth = Set(details.date_of_birth);
        row.restricted = Set(restricted);
        row.what_matters = Set(kept.what_matters.clone().or(gone.what_matters.clone()));
        row.strengths = Set(kept.strengths.clone().or(gone.strengths.clone()));
        row.version = Set(kept.version + 1);
        row.updated_at = Set(ctx.now);
        row.updated_by = Set(ctx_user(ctx));
        row.update(&txn).await?;
        let old = person::Entity::find_by_id(remove.to_owned()).one(&txn).await?.ok_or(StoreError::NotFound)?;
        let mut old: person::ActiveModel = old.into();
        old.merged_into = Set(Some(keep.to_owned()));
        old.updated_at = Set(ctx.now);
        old.update(&txn).await?;
        crate::people::records::refresh_postcode(&txn, keep).await?;
        let details = serde_json::json!({"kept": keep, "merged": remove, "moved": moved});
        append_many(
            &txn,
            ctx,
            vec![
                AuditEntry::new("person-merged")
                    .record("person", keep)
                    .person(keep)
                    .reason(reason.trim())
                    .details(details.clone()),
                AuditEntry::new("person-merged")
                    .record("person", remove)
                    .person(remove)
                    .reason(reason.trim())
                    .details(details),
            ],
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// The record and every record merged into it, for "who looked at this person".
    pub async fn record_and_merged(&self, id: &PersonId) -> Result<Vec<PersonId>> {
        let mut ids = vec![id.to_owned()];
        let mut i = 0;
        while i < ids.len() {
            let more: Vec<PersonId> = person::Entity::find()
                .filter(person::Column::MergedInto.eq(ids[i].clone()))
                .all(&self.store.db)
                .await?
                .into_iter()
                .map(|p| p.id)
                .collect();
            ids.extend(more);
            i += 1;
        }
        Ok(ids)
    }
}
