//! The facts behind "may this member of staff open this record?" (the rule itself is
//! `hearth_domain::people::access::decide`), breaking the glass, grants to restricted records,
//! the information governance lead's reviews, and who has looked at a record.

use crate::audit::{AuditContext, AuditEntry, AuditRow, append};
use crate::entities::{access_grant, allocation, app_user, audit_event, person, task, team, team_member};
use crate::refused;
use crate::{GrantId, People, PersonId, Result, StoreError, TeamId, UserId};
use chrono::{DateTime, Duration, Utc};
use hearth_domain::people::access::{Asker, Grant, RecordFacts, check_break_glass_reason};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};

/// A grant, for the governance pages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GrantRow {
    pub id: GrantId,
    pub person_id: PersonId,
    pub user_id: UserId,
    pub user_name: String,
    pub break_glass: bool,
    pub reason: String,
    pub granted_at: DateTime<Utc>,
    pub until: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub reviewed_at: Option<DateTime<Utc>>,
    pub review_outcome: Option<String>,
    pub review_note: Option<String>,
}

impl People<'_> {
    /// What is known about a member of staff for access decisions: their teams, and whether any
    /// is a front-door team.
    pub async fn asker(&self, user_id: &UserId) -> Result<Asker> {
        let teams: Vec<TeamId> = team_member::Entity::find()
            .filter(team_member::Column::UserId.eq(user_id))
            .select_only()
            .column(team_member::Column::TeamId)
            .into_tuple()
            .all(&self.store.db)
            .await?;
        let front_door = !teams.is_empty()
            && team::Entity::find()
                .filter(team::Column::Id.is_in(teams.clone()))
                .filter(team::Column::FrontDoor.eq(true))
                .one(&self.store.db)
                .await?
                .is_some();
        Ok(Asker { user_id: user_id.to_owned(), teams, front_door })
    }

    /// The facts about a record that decide who may open it, as they are now.
    pub async fn access_facts(&self, person_id: &PersonId, now: DateTime<Utc>) -> Result<RecordFacts> {
        let p =
            person::Entity::find_by_id(person_id.to_owned()).one(&self.store.db).await?.ok_or(StoreError::NotFound)?;
        let allocations = allocation::Entity::find()
            .filter(allocation::Column::PersonId.eq(person_id))
            .filter(allocation::Column::EndedAt.is_null())
            .all(&self.store.db)
            .await?;
        let task_owners: Vec<UserId> = task::Entity::find()
            .filter(task::Column::PersonId.eq(person_id))
            .filter(task::Column::Status.eq("open"))
            .select_only()
            .column(task::Column::OwnerId)
            .into_tuple()
            .all(&self.store.db)
            .await?;
        let grants = access_grant::Entity::find()
            .filter(access_grant::Column::PersonId.eq(person_id))
            .filter(access_grant::Column::RevokedAt.is_null())
            .all(&self.store.db)
            .await?
            .into_iter()
            .filter(|g| g.until.is_none_or(|u| u > now))
            .map(|g| Grant { user_id: g.user_id, break_glass: g.break_glass, until: g.until })
            .collect();
        Ok(RecordFacts {
            restricted: p.restricted,
            allocated_workers: allocations.iter().filter_map(|a| a.worker_id.clone()).collect(),
            allocated_teams: allocations.iter().map(|a| a.team_id.clone()).collect(),
            task_owners,
            grants,
        })
    }

    /// Breaks the glass: access to one record for `hours`, with the reason, audited and put in
    /// the information governance lead's list to review.
    pub async fn break_glass(
        &self,
        ctx: &AuditContext,
        person_id: &PersonId,
        reason: &str,
        hours: i64,
    ) -> Result<GrantId> {
        check_break_glass_reason(reason).map_err(|m| refused("reason", m))?;
        let crate::Actor::User(user_id) = &ctx.actor else {
            return Err(refused(hearth_domain::Problems::FORM, "Only a signed-in member of staff can break the glass"));
        };
        let txn = self.store.write().await?;
        person::Entity::find_by_id(person_id.to_owned()).one(&txn).await?.ok_or(StoreError::NotFound)?;
        let id = GrantId::generate();
        let until = ctx.now + Duration::hours(hours);
        access_grant::ActiveModel {
            id: Set(id.clone()),
            person_id: Set(person_id.to_owned()),
            user_id: Set(user_id.clone()),
            break_glass: Set(true),
            reason: Set(reason.trim().to_owned()),
            granted_by: Set(Some(user_id.to_string())),
            granted_at: Set(ctx.now),
            until: Set(Some(until)),
            revoked_at: Set(None),
            reviewed_by: Set(None),
            reviewed_at: Set(None),
            review_outcome: Set(None),
            review_note: Set(None),
        }
        .insert(&txn)
        .await?;
        append(
            &txn,
            ctx,
            AuditEntry::new("break-glass")
                .record("access-grant", &id)
                .person(person_id)
                .basis("break-glass")
                .reason(reason.trim())
                .details(serde_json::json!({"until": until.to_rfc3339(), "hours": hours})),
        )
        .await?;
        txn.commit().await?;
        Ok(id)
    }

    /// Grants one member of staff access to a record (restricted or not), until a day or open
    /// ended. Audited.
    pub async fn grant_access(
        &self,
        ctx: &AuditContext,
        person_id: &PersonId,
        user_id: &UserId,
        reason: &str,
        until: Option<DateTime<Utc>>,
    ) -> Result<GrantId> {
        if reason.trim().is_empty() {
            return Err(refused("grant_reason", "Say why they need access"));
        }
        let txn = self.store.write().await?;
        person::Entity::find_by_id(person_id.to_owned()).one(&txn).await?.ok_or(StoreError::NotFound)?;
        app_user::Entity::find_by_id(user_id.to_owned()).one(&txn).await?.ok_or(StoreError::NotFound)?;
        let id = GrantId::generate();
        access_grant::ActiveModel {
            id: Set(id.clone()),
            person_id: Set(person_id.to_owned()),
            user_id: Set(user_id.to_owned()),
            break_glass: Set(false),
            reason: Set(reason.trim().to_owned()),
            granted_by: Set(crate::people::records::ctx_user(ctx)),
            granted_at: Set(ctx.now),
            until: Set(until),
            revoked_at: Set(None),
            reviewed_by: Set(None),
            reviewed_at: Set(None),
            review_outcome: Set(None),
            review_note: Set(None),
        }
        .insert(&txn)
        .await?;
        append(
            &txn,
            ctx,
            AuditEntry::new("access-granted")
                .record("access-grant", &id)
                .person(person_id)
                .reason(reason.trim())
                .details(serde_json::json!({"user_id": user_id, "until": until.map(|u| u.to_rfc3339())})),
        )
        .await?;
        txn.commit().await?;
        Ok(id)
    }

    /// Ends a grant now. Audited.
    pub async fn revoke_access(&self, ctx: &AuditContext, grant_id: &GrantId) -> Result<()> {
        let txn = self.store.write().await?;
        let g = access_grant::Entity::find_by_id(grant_id.to_owned()).one(&txn).await?.ok_or(StoreError::NotFound)?;
        let person_id = g.person_id.clone();
        let mut g: access_grant::ActiveModel = g.into();
        g.revoked_at = Set(Some(ctx.now));
        g.update(&txn).await?;
        append(&txn, ctx, AuditEntry::new("access-revoked").record("access-grant", grant_id).person(person_id)).await?;
        txn.commit().await?;
        Ok(())
    }

    /// The information governance lead's review of one broken glass: appropriate or not, with a
    /// note. Audited.
    pub async fn review_break_glass(
        &self,
        ctx: &AuditContext,
        grant_id: &GrantId,
        appropriate: bool,
        note: &str,
    ) -> Result<()> {
        let txn = self.store.write().await?;
        let g = access_grant::Entity::find_by_id(grant_id.to_owned()).one(&txn).await?.ok_or(StoreError::NotFound)?;
        if !g.break_glass {
            return Err(refused(hearth_domain::Problems::FORM, "Only broken glass is reviewed"));
        }
        if g.reviewed_at.is_some() {
            return Err(StoreError::AlreadyDecided);
        }
        if !appropriate && note.trim().is_empty() {
            return Err(refused("note", "Say what was wrong and what happens next"));
        }
        let person_id = g.person_id.clone();
        let mut g: access_grant::ActiveModel = g.into();
        g.reviewed_by = Set(crate::people::records::ctx_user(ctx));
        g.reviewed_at = Set(Some(ctx.now));
        g.review_outcome = Set(Some(if appropriate { "appropriate" } else { "not-appropriate" }.to_owned()));
        g.review_note = Set(Some(note.trim().to_owned()).filter(|n| !n.is_empty()));
        if !appropriate {
            // Access found not appropriate ends at once.
            g.revoked_at = Set(Some(ctx.now));
        }
        g.update(&txn).await?;
        append(
            &txn,
            ctx,
            AuditEntry::new("break-glass-reviewed")
                .record("access-grant", grant_id)
                .person(person_id)
                .details(serde_json::json!({"appropriate": appropriate})),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// Grants: all of a record's, or broken glass still to review (oldest first).
    pub async fn grants(&self, person_id: Option<&PersonId>, unreviewed_break_glass: bool) -> Result<Vec<GrantRow>> {
        let mut q = access_grant::Entity::find();
        if let Some(p) = person_id {
            q = q.filter(access_grant::Column::PersonId.eq(p));
        }
        if unreviewed_break_glass {
            q = q.filter(access_grant::Column::BreakGlass.eq(true)).filter(access_grant::Column::ReviewedAt.is_null());
        }
        let rows = q.order_by_asc(access_grant::Column::GrantedAt).all(&self.store.db).await?;
        let users: Vec<UserId> = rows.iter().map(|g| g.user_id.clone()).collect();
        let names: std::collections::HashMap<UserId, String> = app_user::Entity::find()
            .filter(app_user::Column::Id.is_in(users))
            .all(&self.store.db)
            .await?
            .into_iter()
            .map(|u| (u.id, u.name))
            .collect();
        Ok(rows
            .into_iter()
            .map(|g| GrantRow {
                user_name: names.get(&g.user_id).cloned().unwrap_or_default(),
                id: g.id,
                person_id: g.person_id,
                user_id: g.user_id,
                break_glass: g.break_glass,
                reason: g.reason,
                granted_at: g.granted_at,
                until: g.until,
                revoked_at: g.revoked_at,
                reviewed_at: g.reviewed_at,
                review_outcome: g.review_outcome,
                review_note: g.review_note,
            })
            .collect())
    }

    /// Every audit event about a person (and any records merged into theirs), newest first: who
    /// looked, who changed what, and on what basis.
    pub async fn person_audit(&self, person_ids: &[PersonId]) -> Result<Vec<AuditRow>> {
        Ok(audit_event::Entity::find()
            .filter(audit_event::Column::PersonId.is_in(person_ids.to_vec()))
            .order_by_desc(audit_event::Column::Seq)
            .all(&self.store.db)
            .await?)
    }
}
