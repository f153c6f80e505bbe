//! The work around a person: allocation to a team and a worker, Three Conversations, and tasks;
//! and the lists built from them ("my work", a team's caseload).

use crate::audit::{AuditContext, AuditEntry, append};
use crate::entities::{allocation, app_user, conversation, task, team_member};
use crate::people::records::{ctx_user, load};
use crate::refused;
use crate::stored;
use crate::{ContactId, ConversationId, People, PersonId, Result, StoreError, TaskId, TeamId, UserId};
use chrono::{DateTime, NaiveDate, Utc};
use hearth_domain::people::codes::EventOutcome;
use hearth_domain::people::conversations::{ConversationKind, OpenConversation, may_agree_long_term_support};
use hearth_domain::people::tasks::NewTask;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Allocation {
    pub id: String,
    pub person_id: PersonId,
    pub team_id: TeamId,
    pub worker_id: Option<UserId>,
    pub started_at: DateTime<Utc>,
    pub ended_at: Option<DateTime<Utc>>,
    pub reason: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conversation {
    pub id: ConversationId,
    pub person_id: PersonId,
    pub kind: ConversationKind,
    pub started_on: NaiveDate,
    pub review_by: Option<NaiveDate>,
    pub what_matters: String,
    pub urgent_help: Option<String>,
    pub open: bool,
    pub outcome: Option<EventOutcome>,
    pub closed_on: Option<NaiveDate>,
    pub closing_note: Option<String>,
    pub worker_id: Option<UserId>,
    pub override_reason: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Task {
    pub id: TaskId,
    pub person_id: PersonId,
    pub title: String,
    pub owner_id: UserId,
    pub owner_name: String,
    pub team_id: Option<TeamId>,
    pub due_on: NaiveDate,
    pub open: bool,
    pub done_at: Option<DateTime<Utc>>,
}

fn allocation_from(a: allocation::Model) -> Allocation {
    Allocation {
        id: a.id,
        person_id: a.person_id,
        team_id: a.team_id,
        worker_id: a.worker_id,
        started_at: a.started_at,
        ended_at: a.ended_at,
        reason: a.reason,
    }
}

fn conversation_from(c: conversation::Model) -> Result<Conversation> {
    Ok(Conversation {
        kind: stored("conversation kind", &c.id, &c.kind, ConversationKind::from_key)?,
        open: c.status == "open",
        outcome: c.outcome.as_deref().and_then(EventOutcome::from_key),
        id: c.id,
        person_id: c.person_id,
        started_on: c.started_on,
        review_by: c.review_by,
        what_matters: c.what_matters,
        urgent_help: c.urgent_help,
        closed_on: c.closed_on,
        closing_note: c.closing_note,
        worker_id: c.worker_id,
        override_reason: c.override_reason,
    })
}

/// Allocates a person to a team (and a worker in it), ending any allocation to another team.
/// The worker must be in the team.
pub(crate) async fn allocate_in<C: ConnectionTrait>(
    conn: &C,
    ctx: &AuditContext,
    person_id: &PersonId,
    team_id: &TeamId,
    worker_id: Option<&UserId>,
    reason: Option<&str>,
    contact_id: Option<&ContactId>,
) -> Result<String> {
    load(conn, person_id).await?;
    crate::entities::team::Entity::find_by_id(team_id.to_owned()).one(conn).await?.ok_or(StoreError::NotFound)?;
    if let Some(w) = worker_id
        && team_member::Entity::find_by_id((team_id.to_owned(), w.to_owned())).one(conn).await?.is_none()
    {
        return Err(refused("team", "Choose someone in the team"));
    }
    for old in allocation::Entity::find()
        .filter(allocation::Column::PersonId.eq(person_id))
        .filter(allocation::Column::EndedAt.is_null())
        .all(conn)
        .await?
    {
        let mut old: allocation::ActiveModel = old.into();
        old.ended_at = Set(Some(ctx.now));
        old.update(conn).await?;
    }
    let id = uuid::Uuid::new_v4().to_string();
    allocation::ActiveModel {
        id: Set(id.clone()),
        person_id: Set(person_id.to_owned()),
        team_id: Set(team_id.to_owned()),
        worker_id: Set(worker_id.cloned()),
        started_at: Set(ctx.now),
        ended_at: Set(None),
        reason: Set(reason.map(str::to_owned).filter(|r| !r.trim().is_empty())),
        contact_id: Set(contact_id.cloned()),
        allocated_by: Set(ctx_user(ctx)),
    }
    .insert(conn)
    .await?;
    append(
        conn,
        ctx,
        AuditEntry::new("person-allocated")
            .record("allocation", &id)
            .person(person_id)
            .details(serde_json::json!({"team_id": team_id, "worker_id": worker_id})),
    )
    .await?;
    Ok(id)
}

/// The review day of an open crisis conversation, if there is one.
pub(crate) async fn open_crisis<C: ConnectionTrait>(conn: &C, person_id: &PersonId) -> Result<Option<NaiveDate>> {
    Ok(conversation::Entity::find()
        .filter(conversation::Column::PersonId.eq(person_id))
        .filter(conversation::Column::Kind.eq(ConversationKind::Crisis.key()))
        .filter(conversation::Column::Status.eq("open"))
        .one(conn)
        .await?
        .map(|c| c.review_by.unwrap_or(c.started_on)))
}

/// Opens a conversation. A Conversation 3 (long-term support) while a crisis is open needs a
/// team manager's reason, which is audited as an override.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn open_conversation_in<C: ConnectionTrait>(
    conn: &C,
    ctx: &AuditContext,
    person_id: &PersonId,
    new: &OpenConversation,
    worker_id: Option<&UserId>,
    crisis_review_days: i64,
    override_reason: Option<&str>,
    by_team_manager: bool,
    contact_id: Option<&ContactId>,
) -> Result<ConversationId> {
    let (kind, started_on) = new.accept(ctx.now.date_naive(), crisis_review_days)?;
    load(conn, person_id).await?;
    let mut overridden = false;
    if kind == ConversationKind::GoodLife {
        overridden = may_agree_long_term_support(open_crisis(conn, person_id).await?, override_reason, by_team_manager)
            .map_err(|e| refused("override_reason", e.to_string()))?;
    }
    if kind == ConversationKind::Crisis && open_crisis(conn, person_id).await?.is_some() {
        return Err(refused("kind", "A crisis conversation is already open for this person: add to that one"));
    }
    let id = ConversationId::generate();
    conversation::ActiveModel {
        id: Set(id.clone()),
        person_id: Set(person_id.to_owned()),
        kind: Set(kind.key().to_owned()),
        started_on: Set(started_on),
        review_by: Set(new.review_by.filter(|_| kind == ConversationKind::Crisis)),
        what_matters: Set(new.what_matters.trim().to_owned()),
        urgent_help: Set(new.urgent_help.clone().filter(|u| !u.trim().is_empty())),
        status: Set("open".to_owned()),
        outcome: Set(None),
        closed_on: Set(None),
        closing_note: Set(None),
        worker_id: Set(worker_id.cloned()),
        override_reason: Set(override_reason.filter(|_| overridden).map(str::to_owned)),
        override_by: Set(if overridden { ctx_user(ctx) } else { None }),
        contact_id: Set(contact_id.cloned()),
        created_by: Set(ctx_user(ctx)),
        created_at: Set(ctx.now),
    }
    .insert(conn)
    .await?;
    let mut entry = AuditEntry::new("conversation-opened")
        .record("conversation", &id)
        .person(person_id)
        .details(serde_json::json!({"kind": kind.key(), "urgent_help": new.urgent_help.is_some()}));
    if overridden {
        entry = AuditEntry::new("crisis-override")
            .record("conversation", &id)
            .person(person_id)
            .reason(override_reason.unwrap_or_default().trim())
            .details(serde_json::json!({"kind": kind.key()}));
    }
    append(conn, ctx, entry).await?;
    Ok(id)
}

impl People<'_> {
    pub async fn allocate(
        &self,
        ctx: &AuditContext,
        person_id: &PersonId,
        team_id: &TeamId,
        worker_id: Option<&UserId>,
        reason: Option<&str>,
    ) -> Result<String> {
        let txn = self.store.write().await?;
        let id = allocate_in(&txn, ctx, person_id, team_id, worker_id, reason, None).await?;
        txn.commit().await?;
        Ok(id)
    }

    /// Ends a person's current allocations (the work with them is finished). Audited.
    pub async fn end_allocation(&self, ctx: &AuditContext, person_id: &PersonId, reason: &str) -> Result<()> {
        let txn = self.store.write().await?;
        for a in allocation::Entity::find()
            .filter(allocation::Column::PersonId.eq(person_id))
            .filter(allocation::Column::EndedAt.is_null())
            .all(&txn)
            .await?
        {
            let id = a.id.clone();
            let mut a: allocation::ActiveModel = a.into();
            a.ended_at = Set(Some(ctx.now));
            a.update(&txn).await?;
            append(
                &txn,
                ctx,
                AuditEntry::new("allocation-ended").record("allocation", id).person(person_id).reason(reason),
            )
            .await?;
        }
        txn.commit().await?;
        Ok(())
    }

    /// A person's allocations, current first.
    pub async fn allocations(&self, person_id: &PersonId) -> Result<Vec<Allocation>> {
        let mut rows: Vec<Allocation> = allocation::Entity::find()
            .filter(allocation::Column::PersonId.eq(person_id))
            .order_by_desc(allocation::Column::StartedAt)
            .all(&self.store.db)
            .await?
            .into_iter()
            .map(allocation_from)
            .collect();
        rows.sort_by_key(|a| a.ended_at.is_some());
        Ok(rows)
    }

    /// A worker's current allocations, oldest first. (A team's are counted and listed by
    /// [`People::team_caseload`] and [`People::team_waiting`].)
    pub async fn current_allocations(&self, worker: &UserId) -> Result<Vec<Allocation>> {
        Ok(allocation::Entity::find()
            .filter(allocation::Column::EndedAt.is_null())
            .filter(allocation::Column::WorkerId.eq(worker))
            .order_by_asc(allocation::Column::StartedAt)
            .all(&self.store.db)
            .await?
            .into_iter()
            .map(allocation_from)
            .collect())
    }

    #[allow(clippy::too_many_arguments)]
    pub async fn open_conversation(
        &self,
        ctx: &AuditContext,
        person_id: &PersonId,
        new: &OpenConversation,
        worker_id: Option<&UserId>,
        crisis_review_days: i64,
        override_reason: Option<&str>,
        by_team_manager: bool,
    ) -> Result<ConversationId> {
        let txn = self.store.write().await?;
        let id = open_conversation_in(
            &txn,
            ctx,
            person_id,
            new,
            worker_id,
            crisis_review_days,
            override_reason,
            by_team_manager,
            None,
        )
        .await?;
        txn.commit().await?;
        Ok(id)
    }

    /// Closes a conversation with what happened next. Audited.
    pub async fn close_conversation(
        &self,
        ctx: &AuditContext,
        person_id: &PersonId,
        id: &ConversationId,
        outcome: EventOutcome,
        note: &str,
    ) -> Result<()> {
        let txn = self.store.write().await?;
        let c = conversation::Entity::find_by_id(id.to_owned()).one(&txn).await?.ok_or(StoreError::NotFound)?;
        if c.person_id != person_id {
            return Err(StoreError::NotFound);
        }
        if c.status != "open" {
            return Err(StoreError::AlreadyDecided);
        }
        let mut c: conversation::ActiveModel = c.into();
        c.status = Set("closed".to_owned());
        c.outcome = Set(Some(outcome.key().to_owned()));
        c.closed_on = Set(Some(ctx.now.date_naive()));
        c.closing_note = Set(Some(note.trim().to_owned()).filter(|n| !n.is_empty()));
        c.update(&txn).await?;
        append(
            &txn,
            ctx,
            AuditEntry::new("conversation-closed")
                .record("conversation", id)
                .person(person_id)
                .details(serde_json::json!({"outcome": outcome.key()})),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// A person's conversations, open ones first, newest first.
    pub async fn conversations(&self, person_id: &PersonId) -> Result<Vec<Conversation>> {
        let mut rows: Vec<Conversation> = conversation::Entity::find()
            .filter(conversation::Column::PersonId.eq(person_id))
            .order_by_desc(conversation::Column::StartedOn)
            .all(&self.store.db)
            .await?
            .into_iter()
            .map(conversation_from)
            .collect::<Result<_>>()?;
        rows.sort_by_key(|c| !c.open);
        Ok(rows)
    }

    /// Open conversations led by a worker, oldest first. (A team's reviews are read by
    /// [`People::team_reviews`].)
    pub async fn open_conversations(&self, worker: &UserId) -> Result<Vec<Conversation>> {
        conversation::Entity::find()
            .filter(conversation::Column::Status.eq("open"))
            .filter(conversation::Column::WorkerId.eq(worker))
            .order_by_asc(conversation::Column::StartedOn)
            .all(&self.store.db)
            .await?
            .into_iter()
            .map(conversation_from)
            .collect()
    }

    /// How many people are allocated to `team_id` now, by worker (`None`: waiting for a worker),
    /// counted by the database however large the team.
    pub async fn team_caseload(&self, team_id: &TeamId) -> Result<Vec<(Option<String>, i64)>> {
        use sea_orm::QuerySelect;
        Ok(allocation::Entity::find()
            .select_only()
            .column(allocation::Column::WorkerId)
            .column_as(allocation::Column::Id.count(), "people")
            .filter(allocation::Column::TeamId.eq(team_id))
            .filter(allocation::Column::EndedAt.is_null())
            .group_by(allocation::Column::WorkerId)
            .into_tuple::<(Option<String>, i64)>()
            .all(&self.store.db)
            .await?)
    }

    /// The people allocated to `team_id` with no worker yet, longest waiting first.
    pub async fn team_waiting(&self, team_id: &TeamId, limit: u64) -> Result<Vec<Allocation>> {
        use sea_orm::QuerySelect;
        Ok(allocation::Entity::find()
            .filter(allocation::Column::TeamId.eq(team_id))
            .filter(allocation::Column::EndedAt.is_null())
            .filter(allocation::Column::WorkerId.is_null())
            .order_by_asc(allocation::Column::StartedAt)
            .limit(limit)
            .all(&self.store.db)
            .await?
            .into_iter()
            .map(allocation_from)
            .collect())
    }

    /// Open conversations with a review date, for everyone allocated to `team_id` now: what a
    /// team's "due and late" list needs, read in one query however large the team.
    pub async fn team_reviews(&self, team_id: &TeamId) -> Result<Vec<Conversation>> {
        use sea_orm::sea_query::Query;
        let allocated = Query::select()
            .column(allocation::Column::PersonId)
            .from(allocation::Entity)
            .and_where(allocation::Column::TeamId.eq(team_id))
            .and_where(allocation::Column::EndedAt.is_null())
            .to_owned();
        conversation::Entity::find()
            .filter(conversation::Column::Status.eq("open"))
            .filter(conversation::Column::ReviewBy.is_not_null())
            .filter(conversation::Column::PersonId.in_subquery(allocated))
            .order_by_asc(conversation::Column::ReviewBy)
            .all(&self.store.db)
            .await?
            .into_iter()
            .map(conversation_from)
            .collect()
    }

    /// Adds a task, checked by the domain rules. Audited.
    pub async fn add_task(
        &self,
        ctx: &AuditContext,
        person_id: &PersonId,
        new: &NewTask,
        team_id: Option<&TeamId>,
    ) -> Result<TaskId> {
        let (owner, due_on) = new.accept(ctx.now.date_naive())?;
        let txn = self.store.write().await?;
        load(&txn, person_id).await?;
        app_user::Entity::find_by_id(owner.clone())
            .one(&txn)
            .await?
            .ok_or_else(|| refused("owner", "Choose who will do it"))?;
        let id = TaskId::generate();
        task::ActiveModel {
            id: Set(id.clone()),
            person_id: Set(person_id.to_owned()),
            title: Set(new.title.trim().to_owned()),
            owner_id: Set(owner.clone()),
            team_id: Set(team_id.cloned()),
            due_on: Set(due_on),
            status: Set("open".to_owned()),
            created_by: Set(ctx_user(ctx)),
            created_at: Set(ctx.now),
            done_at: Set(None),
            done_by: Set(None),
        }
        .insert(&txn)
        .await?;
        append(
            &txn,
            ctx,
            AuditEntry::new("task-added")
                .record("task", &id)
                .person(person_id)
                .details(serde_json::json!({"owner": owner})),
        )
        .await?;
        txn.commit().await?;
        Ok(id)
    }

    /// Marks a task done. Audited.
    pub async fn complete_task(&self, ctx: &AuditContext, id: &TaskId) -> Result<PersonId> {
        let txn = self.store.write().await?;
        let t = task::Entity::find_by_id(id.to_owned()).one(&txn).await?.ok_or(StoreError::NotFound)?;
        if t.status != "open" {
            return Err(StoreError::AlreadyDecided);
        }
        let person_id = t.person_id.clone();
        let mut t: task::ActiveModel = t.into();
        t.status = Set("done".to_owned());
        t.done_at = Set(Some(ctx.now));
        t.done_by = Set(ctx_user(ctx));
        t.update(&txn).await?;
        append(&txn, ctx, AuditEntry::new("task-done").record("task", id).person(&person_id)).await?;
        txn.commit().await?;
        Ok(person_id)
    }

    pub async fn task(&self, id: &TaskId) -> Result<Task> {
        let t = task::Entity::find_by_id(id.to_owned()).one(&self.store.db).await?.ok_or(StoreError::NotFound)?;
        Ok(self.with_owner_names(vec![t]).await?.remove(0))
    }

    async fn with_owner_names(&self, rows: Vec<task::Model>) -> Result<Vec<Task>> {
        // Each owner once: a team's tasks have a handful of owners among thousands of rows.
        let mut owners: Vec<UserId> = rows.iter().map(|t| t.owner_id.clone()).collect();
        owners.sort_unstable();
        owners.dedup();
        let names: std::collections::HashMap<UserId, String> = app_user::Entity::find()
            .filter(app_user::Column::Id.is_in(owners))
            .all(&self.store.db)
            .await?
            .into_iter()
            .map(|u| (u.id, u.name))
            .collect();
        Ok(rows
            .into_iter()
            .map(|t| Task {
                owner_name: names.get(&t.owner_id).cloned().unwrap_or_default(),
                open: t.status == "open",
                id: t.id,
                person_id: t.person_id,
                title: t.title,
                owner_id: t.owner_id,
                team_id: t.team_id,
                due_on: t.due_on,
                done_at: t.done_at,
            })
            .collect())
    }

    /// A person's tasks, open ones first by due day.
    pub async fn tasks_for(&self, person_id: &PersonId) -> Result<Vec<Task>> {
        let rows = task::Entity::find()
            .filter(task::Column::PersonId.eq(person_id))
            .order_by_asc(task::Column::DueOn)
            .all(&self.store.db)
            .await?;
        let mut tasks = self.with_owner_names(rows).await?;
        tasks.sort_by_key(|t| !t.open);
        Ok(tasks)
    }

    /// Open tasks owned by someone, or by any of several people (a team), by due day.
    pub async fn open_tasks(&self, owners: &[UserId]) -> Result<Vec<Task>> {
        let rows = task::Entity::find()
            .filter(task::Column::Status.eq("open"))
            .filter(task::Column::OwnerId.is_in(owners.to_vec()))
            .order_by_asc(task::Column::DueOn)
            .all(&self.store.db)
            .await?;
        self.with_owner_names(rows).await
    }

    /// The most overdue open tasks of these owners due on or before `by` (at most `limit`), with
    /// how many there are in all and how many are late on `today`: a team's list, counted by
    /// the database however many thousands there are.
    pub async fn open_tasks_due_counted(
        &self,
        owners: &[UserId],
        by: NaiveDate,
        today: NaiveDate,
        limit: u64,
    ) -> Result<(Vec<Task>, u64, u64)> {
        use sea_orm::{PaginatorTrait, QuerySelect};
        let due = || {
            task::Entity::find()
                .filter(task::Column::Status.eq("open"))
                .filter(task::Column::OwnerId.is_in(owners.to_vec()))
                .filter(task::Column::DueOn.lte(by))
        };
        let total = due().count(&self.store.db).await?;
        let late = due().filter(task::Column::DueOn.lt(today)).count(&self.store.db).await?;
        let rows = due().order_by_asc(task::Column::DueOn).limit(limit).all(&self.store.db).await?;
        Ok((self.with_owner_names(rows).await?, total, late))
    }
}
