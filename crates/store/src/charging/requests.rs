//! Requests for a financial assessment: from a resident at the end of the public calculator, or
//! taken by phone or letter. A resident's calculator answers are kept only if they chose to send
//! them. Requests hold personal details, so each one opened is audited.

use crate::audit::{AuditContext, AuditEntry, append};
use crate::entities::charging_request;
use crate::{Charging, ChargingRequestId, PersonId, Result, StoreError};
use hearth_domain::charging::money::Pence;
use rand::Rng;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};

#[derive(Clone, Debug, Default)]
pub struct NewRequest {
    /// `calculator`, `phone`, `letter`, `email` or `practitioner`.
    pub source: String,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub preferred_contact: Option<String>,
    pub message: Option<String>,
    /// The calculator's answers, as JSON, if the resident chose to send them.
    pub answers: Option<String>,
    pub estimate: Option<Pence>,
}

#[derive(Clone, Debug)]
pub struct ChargingRequest {
    pub id: ChargingRequestId,
    pub reference: String,
    pub received_at: chrono::DateTime<chrono::Utc>,
    pub source: String,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub preferred_contact: Option<String>,
    pub message: Option<String>,
    pub answers: Option<String>,
    pub estimate: Option<Pence>,
    pub status: String,
    pub closed_reason: Option<String>,
}

fn from_row(r: charging_request::Model) -> ChargingRequest {
    ChargingRequest {
        id: r.id,
        reference: r.reference,
        received_at: r.received_at,
        source: r.source,
        name: r.name,
        email: r.email,
        phone: r.phone,
        preferred_contact: r.preferred_contact,
        message: r.message,
        answers: r.answers,
        estimate: r.estimate_pence.map(Pence),
        status: r.status,
        closed_reason: r.closed_reason,
    }
}

/// A reference people can read out on the phone: no letters that look like numbers.
pub(crate) fn reference(prefix: &str) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::thread_rng();
    let code: String = (0..8).map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char).collect();
    format!("{prefix}-{}-{}", &code[..4], &code[4..])
}

impl Charging<'_> {
    /// Records a request. Audited (without the details, which stay in the request).
    pub async fn record_charging_request(&self, ctx: &AuditContext, new: &NewRequest) -> Result<ChargingRequest> {
        let txn = self.store.write().await?;
        let row = charging_request::ActiveModel {
            id: Set(ChargingRequestId::generate()),
            reference: Set(reference("FA")),
            received_at: Set(ctx.now),
            source: Set(new.source.clone()),
            name: Set(new.name.trim().to_owned()),
            email: Set(new.email.clone()),
            phone: Set(new.phone.clone()),
            preferred_contact: Set(new.preferred_contact.clone()),
            message: Set(new.message.clone()),
            answers: Set(new.answers.clone()),
            estimate_pence: Set(new.estimate.map(Pence::pence)),
            status: Set("new".to_owned()),
            assigned_to: Set(None),
            person_id: Set(None),
            closed_reason: Set(None),
        }
        .insert(&txn)
        .await?;
        append(
            &txn,
            ctx,
            AuditEntry::new("charging-request-received")
                .record("charging-request", &row.id)
                .details(serde_json::json!({"source": new.source, "answers_sent": new.answers.is_some()})),
        )
        .await?;
        txn.commit().await?;
        Ok(from_row(row))
    }

    /// Open requests (new and in progress), oldest first; or closed ones, newest first.
    pub async fn charging_requests(&self, open: bool) -> Result<Vec<ChargingRequest>> {
        let query = charging_request::Entity::find();
        let rows = if open {
            query
                .filter(charging_request::Column::Status.ne("closed"))
                .order_by_asc(charging_request::Column::ReceivedAt)
                .all(&self.store.db)
                .await?
        } else {
            query
                .filter(charging_request::Column::Status.eq("closed"))
                .order_by_desc(charging_request::Column::ReceivedAt)
                .all(&self.store.db)
                .await?
        };
        Ok(rows.into_iter().map(from_row).collect())
    }

    /// The requests that are part of a person's record, newest first.
    pub async fn charging_requests_of(&self, person_id: &PersonId) -> Result<Vec<ChargingRequest>> {
        Ok(charging_request::Entity::find()
            .filter(charging_request::Column::PersonId.eq(person_id))
            .order_by_desc(charging_request::Column::ReceivedAt)
            .all(&self.store.db)
            .await?
            .into_iter()
            .map(from_row)
            .collect())
    }

    /// One request, with the view audited.
    pub async fn view_charging_request(
        &self,
        ctx: &AuditContext,
        id: &ChargingRequestId,
    ) -> Result<Option<ChargingRequest>> {
        let txn = self.store.write().await?;
        let Some(row) = charging_request::Entity::find_by_id(id.to_owned()).one(&txn).await? else { return Ok(None) };
        let mut entry = AuditEntry::new("charging-request-viewed").record("charging-request", id);
        if let Some(person) = &row.person_id {
            entry = entry.person(person);
        }
        append(&txn, ctx, entry).await?;
        txn.commit().await?;
        Ok(Some(from_row(row)))
    }

    /// Marks a request as being worked on, or closes it with a reason. Audited.
    pub async fn set_charging_request_status(
        &self,
        ctx: &AuditContext,
        id: &ChargingRequestId,
        status: &str,
        reason: Option<&str>,
    ) -> Result<()> {
        if !matches!(status, "new" | "in-progress" | "closed") {
            return Err(crate::refused("status", "Choose new, in progress or closed"));
        }
        let txn = self.store.write().await?;
        let row = charging_request::Entity::find_by_id(id.to_owned()).one(&txn).await?.ok_or(StoreError::NotFound)?;
        let mut row: charging_request::ActiveModel = row.into();
        row.status = Set(status.to_owned());
        row.closed_reason = Set(reason.map(str::to_owned));
        row.update(&txn).await?;
        let mut entry = AuditEntry::new("charging-request-status")
            .record("charging-request", id)
            .details(serde_json::json!({"status": status}));
        if let Some(r) = reason {
            entry = entry.reason(r);
        }
        append(&txn, ctx, entry).await?;
        txn.commit().await?;
        Ok(())
    }
}
