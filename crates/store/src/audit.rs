//! The append-only audit log.
//!
//! Every event is written in the same transaction as the change it records, through [`append`],
//! and chained to the one before by a hash (`hearth_domain::audit`).

use crate::entities::audit_event;
use crate::{Result, Store, StoreError, UserId};
use chrono::{DateTime, NaiveDate, Utc};
use hearth_domain::audit::{AuditFacts, ChainVerifier, StoredAuditEvent, audit_time, chain_hash};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Statement,
};

/// Who did something.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Actor {
    /// A signed-in member of staff, by user id.
    User(UserId),
    /// Someone not signed in (a failed sign-in, a resident's form).
    Anonymous,
    /// Hearth itself (a background job, the first-start demo load).
    System,
    /// An administrator at the server's command line.
    CommandLine,
}

impl Actor {
    fn kind(&self) -> &'static str {
        match self {
            Actor::User(_) => "user",
            Actor::Anonymous => "anonymous",
            Actor::System => "system",
            Actor::CommandLine => "command-line",
        }
    }

    fn user_id(&self) -> Option<String> {
        match self {
            Actor::User(id) => Some(id.to_string()),
            _ => None,
        }
    }
}

/// Who is acting, from where, and when: the same for every event of one request.
#[derive(Clone, Debug)]
pub struct AuditContext {
    pub actor: Actor,
    pub client_addr: Option<String>,
    pub now: DateTime<Utc>,
}

impl AuditContext {
    pub fn command_line() -> Self {
        Self { actor: Actor::CommandLine, client_addr: None, now: Utc::now() }
    }

    pub fn system(now: DateTime<Utc>) -> Self {
        Self { actor: Actor::System, client_addr: None, now }
    }
}

/// What happened, and to which record.
/// Who last changed a record, and when.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LastChange {
    pub user_id: Option<UserId>,
    pub name: Option<String>,
    pub at: DateTime<Utc>,
}

#[derive(Clone, Debug)]
pub struct AuditEntry {
    pub action: &'static str,
    pub record_type: Option<&'static str>,
    pub record_id: Option<String>,
    pub reason: Option<String>,
    pub details: serde_json::Value,
    pub person_id: Option<String>,
    pub basis: Option<String>,
}

impl AuditEntry {
    pub fn new(action: &'static str) -> Self {
        Self {
            action,
            record_type: None,
            record_id: None,
            reason: None,
            details: serde_json::json!({}),
            person_id: None,
            basis: None,
        }
    }

    /// The person whose record this concerns.
    pub fn person(mut self, id: impl Into<String>) -> Self {
        self.person_id = Some(id.into());
        self
    }

    /// What allowed a person's record to be opened.
    pub fn basis(mut self, basis: impl Into<String>) -> Self {
        self.basis = Some(basis.into());
        self
    }

    pub fn record(mut self, record_type: &'static str, id: impl Into<String>) -> Self {
        self.record_type = Some(record_type);
        self.record_id = Some(id.into());
        self
    }

    pub fn reason(mut self, reason: impl Into<String>) -> Self {
        self.reason = Some(reason.into());
        self
    }

    pub fn details(mut self, details: serde_json::Value) -> Self {
        self.details = details;
        self
    }
}

/// Appends one event. Call it inside the transaction that makes the change, so that the change
/// and its record stand or fall together.
pub(crate) async fn append<C: ConnectionTrait>(conn: &C, ctx: &AuditContext, entry: AuditEntry) -> Result<i64> {
    append_many(conn, ctx, vec![entry]).await
}

/// Appends events in order (a year's uprating appends thousands): one turn of the head row and
/// one insert per batch, each event chained to the one before. Returns the last event's number.
pub(crate) async fn append_many<C: ConnectionTrait>(
    conn: &C,
    ctx: &AuditContext,
    entries: Vec<AuditEntry>,
) -> Result<i64> {
    if entries.is_empty() {
        return Ok(0);
    }
    let backend = conn.get_database_backend();
    let n = entries.len() as i64;
    // Taking the numbers locks the head row until commit, so appends from any number of nodes
    // form one chain.
    let head = conn
        .query_one_raw(Statement::from_sql_and_values(
            backend,
            match backend {
                sea_orm::DbBackend::Postgres => "UPDATE audit_head SET seq = seq + $1 WHERE id = 1 RETURNING seq, hash",
                _ => "UPDATE audit_head SET seq = seq + ? WHERE id = 1 RETURNING seq, hash",
            },
            [n.into()],
        ))
        .await?
        .ok_or(StoreError::NotFound)?;
    let last: i64 = head.try_get("", "seq")?;
    let mut prev_hash: String = head.try_get("", "hash")?;
    let mut rows = Vec::with_capacity(entries.len());
    for (i, entry) in entries.into_iter().enumerate() {
        let facts = AuditFacts {
            seq: last - n + 1 + i as i64,
            occurred_at: audit_time(ctx.now),
            actor_user_id: ctx.actor.user_id(),
            actor_kind: ctx.actor.kind().to_owned(),
            action: entry.action.to_owned(),
            record_type: entry.record_type.map(str::to_owned),
            record_id: entry.record_id,
            client_addr: ctx.client_addr.clone(),
            reason: entry.reason,
            details: entry.details,
            person_id: entry.person_id,
            basis: entry.basis,
        };
        let hash = chain_hash(&prev_hash, &facts);
        rows.push(audit_event::ActiveModel {
            seq: sea_orm::Set(facts.seq),
            occurred_at: sea_orm::Set(facts.occurred_at),
            actor_user_id: sea_orm::Set(facts.actor_user_id),
            actor_kind: sea_orm::Set(facts.actor_kind),
            action: sea_orm::Set(facts.action),
            record_type: sea_orm::Set(facts.record_type),
            record_id: sea_orm::Set(facts.record_id),
            client_addr: sea_orm::Set(facts.client_addr),
            reason: sea_orm::Set(facts.reason),
            details: sea_orm::Set(facts.details.to_string()),
            prev_hash: sea_orm::Set(std::mem::replace(&mut prev_hash, hash.clone())),
            hash: sea_orm::Set(hash),
            person_id: sea_orm::Set(facts.person_id),
            basis: sea_orm::Set(facts.basis),
        });
    }
    for chunk in rows.chunks(500) {
        audit_event::Entity::insert_many(chunk.to_vec()).exec_without_returning(conn).await?;
    }
    conn.execute(
        &Query::update().table("audit_head").value("hash", prev_hash).and_where(Expr::col("id").eq(1)).to_owned(),
    )
    .await?;
    Ok(last)
}

/// Filters for the administrators' audit search. Empty fields match everything.
#[derive(Clone, Debug, Default)]
pub struct AuditFilter {
    pub action: Option<String>,
    pub actor_user_id: Option<String>,
    pub record_type: Option<String>,
    pub record_id: Option<String>,
    pub client_addr: Option<String>,
    /// Events about this person's record.
    pub person_id: Option<String>,
    /// From the start of this day (UTC), inclusive.
    pub from: Option<NaiveDate>,
    /// To the end of this day (UTC), inclusive.
    pub to: Option<NaiveDate>,
}

/// An event as the audit pages show it.
pub type AuditRow = audit_event::Model;

#[derive(Debug)]
pub struct AuditPage {
    pub rows: Vec<AuditRow>,
    pub total: u64,
}

impl AuditFilter {
    fn apply(&self, mut q: sea_orm::Select<audit_event::Entity>) -> sea_orm::Select<audit_event::Entity> {
        use audit_event::Column as C;
        if let Some(v) = &self.action {
            q = q.filter(C::Action.eq(v.clone()));
        }
        if let Some(v) = &self.actor_user_id {
            q = q.filter(C::ActorUserId.eq(v.clone()));
        }
        if let Some(v) = &self.record_type {
            q = q.filter(C::RecordType.eq(v.clone()));
        }
        if let Some(v) = &self.record_id {
            q = q.filter(C::RecordId.eq(v.clone()));
        }
        if let Some(v) = &self.client_addr {
            q = q.filter(C::ClientAddr.eq(v.clone()));
        }
        if let Some(v) = &self.person_id {
            q = q.filter(C::PersonId.eq(v.clone()));
        }
        if let Some(from) = self.from {
            q = q.filter(C::OccurredAt.gte(from.and_hms_opt(0, 0, 0).expect("midnight").and_utc()));
        }
        if let Some(to) = self.to.and_then(|d| d.succ_opt()) {
            q = q.filter(C::OccurredAt.lt(to.and_hms_opt(0, 0, 0).expect("midnight").and_utc()));
        }
        q
    }
}

impl Store {
    /// Appends one event on its own, for actions that change nothing else (such as an export).
    pub async fn audit(&self, ctx: &AuditContext, entry: AuditEntry) -> Result<i64> {
        let txn = self.write().await?;
        let seq = append(&txn, ctx, entry).await?;
        txn.commit().await?;
        Ok(seq)
    }

    /// Newest first, a page at a time (pages count from 1).
    pub async fn search_audit(&self, filter: &AuditFilter, page: u64, per_page: u64) -> Result<AuditPage> {
        let query = filter.apply(audit_event::Entity::find());
        let total = query.clone().count(&self.db).await?;
        let rows = query
            .order_by_desc(audit_event::Column::Seq)
            .offset(page.saturating_sub(1) * per_page)
            .limit(per_page)
            .all(&self.db)
            .await?;
        Ok(AuditPage { rows, total })
    }

    /// The last change to a record (not a view of it): who made it (their id and name) and
    /// when, for telling someone whose save was refused what happened meanwhile.
    /// Of several records (the settings a page sets, say), the last change to any.
    pub async fn last_change(&self, record_type: &str, record_ids: &[&str]) -> Result<Option<LastChange>> {
        let row = audit_event::Entity::find()
            .filter(audit_event::Column::RecordType.eq(record_type))
            .filter(audit_event::Column::RecordId.is_in(record_ids.iter().copied()))
            .filter(audit_event::Column::Action.not_like("%-viewed"))
            .order_by_desc(audit_event::Column::Seq)
            .one(&self.db)
            .await?;
        let Some(row) = row else { return Ok(None) };
        let name = match &row.actor_user_id {
            Some(id) => crate::entities::app_user::Entity::find_by_id(id.clone()).one(&self.db).await?.map(|u| u.name),
            None => None,
        };
        Ok(Some(LastChange { user_id: row.actor_user_id.map(UserId::from), name, at: row.occurred_at }))
    }

    /// Oldest first, after `after_seq`: for exporting a large log in batches.
    pub async fn audit_batch(&self, filter: &AuditFilter, after_seq: i64, limit: u64) -> Result<Vec<AuditRow>> {
        Ok(filter
            .apply(audit_event::Entity::find())
            .filter(audit_event::Column::Seq.gt(after_seq))
            .order_by_asc(audit_event::Column::Seq)
            .limit(limit)
            .all(&self.db)
            .await?)
    }

    /// The distinct actions in the log, for the search form's list.
    pub async fn audit_actions(&self) -> Result<Vec<String>> {
        let rows: Vec<String> = audit_event::Entity::find()
            .select_only()
            .column(audit_event::Column::Action)
            .distinct()
            .order_by_asc(audit_event::Column::Action)
            .into_tuple()
            .all(&self.db)
            .await?;
        Ok(rows)
    }

    /// Re-computes every hash in the chain. Returns the number of events checked, or the first
    /// place where the log was altered or cut.
    pub async fn verify_audit(&self) -> Result<u64> {
        const BATCH: u64 = 2_000;
        let mut verifier = ChainVerifier::default();
        let mut after = 0;
        loop {
            let rows = audit_event::Entity::find()
                .filter(audit_event::Column::Seq.gt(after))
                .order_by_asc(audit_event::Column::Seq)
                .limit(BATCH)
                .all(&self.db)
                .await?;
            let Some(last) = rows.last() else { break };
            after = last.seq;
            for row in rows {
                verifier.check(&stored(row))?;
            }
        }
        let head = self
            .db
            .query_one_raw(Statement::from_string(
                self.db.get_database_backend(),
                "SELECT seq, hash FROM audit_head WHERE id = 1",
            ))
            .await?
            .ok_or(StoreError::NotFound)?;
        let head_seq: i64 = head.try_get("", "seq")?;
        let head_hash: String = head.try_get("", "hash")?;
        Ok(verifier.finish(head_seq, &head_hash)?)
    }
}

fn stored(row: audit_event::Model) -> StoredAuditEvent {
    // A details column that is no longer JSON has been tampered with; hashing its raw text as a
    // JSON string keeps the mismatch visible instead of failing to read.
    let details = serde_json::from_str(&row.details).unwrap_or(serde_json::Value::String(row.details));
    StoredAuditEvent {
        facts: AuditFacts {
            seq: row.seq,
            occurred_at: row.occurred_at,
            actor_user_id: row.actor_user_id,
            actor_kind: row.actor_kind,
            action: row.action,
            record_type: row.record_type,
            record_id: row.record_id,
            client_addr: row.client_addr,
            reason: row.reason,
            details,
            person_id: row.person_id,
            basis: row.basis,
        },
        prev_hash: row.prev_hash,
        hash: row.hash,
    }
}
