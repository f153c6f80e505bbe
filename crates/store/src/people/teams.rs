//! Teams, and who is in them. Allocation is to a team (and a worker in it); a front-door team
//! triages contacts; a team manager sees their teams' work.

use crate::audit::{AuditContext, AuditEntry, append};
use crate::entities::{app_user, team, team_member};
use crate::{People, Result, StoreError, TeamId, UserId};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Team {
    pub id: TeamId,
    pub name: String,
    pub front_door: bool,
    pub active: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Member {
    pub user_id: UserId,
    pub name: String,
    pub email: String,
}

fn from_row(r: team::Model) -> Team {
    Team { id: r.id, name: r.name, front_door: r.front_door, active: r.active }
}

impl People<'_> {
    /// Makes a team. Names are unique (ignoring case), so nobody allocates to the wrong one.
    pub async fn create_team(&self, ctx: &AuditContext, name: &str, front_door: bool) -> Result<Team> {
        let name = name.trim();
        if name.is_empty() {
            return Err(crate::refused("name", "Enter the team's name"));
        }
        let txn = self.store.write().await?;
        let taken = team::Entity::find().all(&txn).await?.iter().any(|t| t.name.eq_ignore_ascii_case(name));
        if taken {
            return Err(crate::refused("name", format!("There is already a team called {name}")));
        }
        let row = team::ActiveModel {
            id: Set(TeamId::generate()),
            name: Set(name.to_owned()),
            front_door: Set(front_door),
            active: Set(true),
            created_at: Set(ctx.now),
        }
        .insert(&txn)
        .await?;
        append(
            &txn,
            ctx,
            AuditEntry::new("team-created")
                .record("team", &row.id)
                .details(serde_json::json!({"name": name, "front_door": front_door})),
        )
        .await?;
        txn.commit().await?;
        Ok(from_row(row))
    }

    /// Every team, by name.
    pub async fn teams(&self) -> Result<Vec<Team>> {
        Ok(team::Entity::find()
            .order_by_asc(team::Column::Name)
            .all(&self.store.db)
            .await?
            .into_iter()
            .map(from_row)
            .collect())
    }

    pub async fn team(&self, id: &TeamId) -> Result<Option<Team>> {
        Ok(team::Entity::find_by_id(id.to_owned()).one(&self.store.db).await?.map(from_row))
    }

    /// The teams someone belongs to.
    pub async fn teams_of(&self, user_id: &UserId) -> Result<Vec<Team>> {
        let ids: Vec<TeamId> = team_member::Entity::find()
            .filter(team_member::Column::UserId.eq(user_id))
            .all(&self.store.db)
            .await?
            .into_iter()
            .map(|m| m.team_id)
            .collect();
        Ok(self.teams().await?.into_iter().filter(|t| ids.contains(&t.id)).collect())
    }

    /// A team's members, by name.
    pub async fn team_members(&self, team_id: &TeamId) -> Result<Vec<Member>> {
        let ids: Vec<UserId> = team_member::Entity::find()
            .filter(team_member::Column::TeamId.eq(team_id))
            .all(&self.store.db)
            .await?
            .into_iter()
            .map(|m| m.user_id)
            .collect();
        let mut members: Vec<Member> = app_user::Entity::find()
            .filter(app_user::Column::Id.is_in(ids))
            .all(&self.store.db)
            .await?
            .into_iter()
            .map(|u| Member { user_id: u.id, name: u.name, email: u.email })
            .collect();
        members.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(members)
    }

    /// Every team's members, by team and then name, in two queries whatever the number of
    /// teams: for the choice of a team or worker that allocation and triage offer.
    pub async fn members_by_team(&self) -> Result<Vec<(TeamId, Member)>> {
        let links = team_member::Entity::find().all(&self.store.db).await?;
        let ids: Vec<UserId> = links.iter().map(|m| m.user_id.clone()).collect();
        let users: std::collections::HashMap<UserId, app_user::Model> = app_user::Entity::find()
            .filter(app_user::Column::Id.is_in(ids))
            .all(&self.store.db)
            .await?
            .into_iter()
            .map(|u| (u.id.clone(), u))
            .collect();
        let mut out: Vec<(TeamId, Member)> = links
            .into_iter()
            .filter_map(|link| {
                let u = users.get(&link.user_id)?;
                Some((link.team_id, Member { user_id: u.id.clone(), name: u.name.clone(), email: u.email.clone() }))
            })
            .collect();
        out.sort_by(|(team_a, a), (team_b, b)| team_a.cmp(team_b).then_with(|| a.name.cmp(&b.name)));
        Ok(out)
    }

    /// Adds someone to a team (nothing happens if they are in it already). Audited.
    pub async fn add_team_member(&self, ctx: &AuditContext, team_id: &TeamId, user_id: &UserId) -> Result<()> {
        let txn = self.store.write().await?;
        team::Entity::find_by_id(team_id.to_owned()).one(&txn).await?.ok_or(StoreError::NotFound)?;
        app_user::Entity::find_by_id(user_id.to_owned()).one(&txn).await?.ok_or(StoreError::NotFound)?;
        let already = team_member::Entity::find_by_id((team_id.to_owned(), user_id.to_owned())).one(&txn).await?;
        if already.is_none() {
            team_member::ActiveModel {
                team_id: Set(team_id.to_owned()),
                user_id: Set(user_id.to_owned()),
                joined_at: Set(ctx.now),
            }
            .insert(&txn)
            .await?;
            append(
                &txn,
                ctx,
                AuditEntry::new("team-member-added")
                    .record("team", team_id)
                    .details(serde_json::json!({"user_id": user_id})),
            )
            .await?;
        }
        txn.commit().await?;
        Ok(())
    }

    /// Takes someone out of a team. Audited.
    pub async fn remove_team_member(&self, ctx: &AuditContext, team_id: &TeamId, user_id: &UserId) -> Result<()> {
        let txn = self.store.write().await?;
        let removed = team_member::Entity::delete_by_id((team_id.to_owned(), user_id.to_owned())).exec(&txn).await?;
        if removed.rows_affected > 0 {
            append(
                &txn,
                ctx,
                AuditEntry::new("team-member-removed")
                    .record("team", team_id)
                    .details(serde_json::json!({"user_id": user_id})),
            )
            .await?;
        }
        txn.commit().await?;
        Ok(())
    }
}
