//! The front door's contacts: recorded once (from the "Ask for help" form or by staff taking a
//! call), matched to a person record, and triaged: closed with information and advice, or
//! allocated to a team and a worker with a Conversation 1 opened for them.

use crate::audit::{AuditContext, AuditEntry, append};
use crate::charging::requests::reference;
use crate::entities::{allocation, contact};
use crate::people::records::ctx_user;
use crate::people::work::{allocate_in, open_conversation_in};
use crate::refused;
use crate::stored;
use crate::{ContactId, FrontDoor, PersonId, Result, ServiceId, StoreError, TeamId, UserId};
use chrono::{DateTime, Utc};
use hearth_domain::front_door::{
    ContactForm, ContactMethod, ContactStatus, Filler, ReceivedContact, Triage, TriageDecision, Urgency,
};
use hearth_domain::people::codes::{EventOutcome, RequesterType};
use hearth_domain::people::conversations::{ConversationKind, OpenConversation};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Contact {
    pub id: ContactId,
    pub reference: String,
    pub person_id: Option<PersonId>,
    pub received_at: DateTime<Utc>,
    pub method: ContactMethod,
    pub requester_type: Option<RequesterType>,
    pub urgency: Urgency,
    pub status: ContactStatus,
    pub display_name: String,
    pub form: ContactForm,
    pub outcome: Option<EventOutcome>,
    pub information_given: Option<String>,
    pub services_offered: Vec<ServiceId>,
    pub team_id: Option<TeamId>,
    pub worker_id: Option<UserId>,
    pub safeguarding_concern: bool,
    pub recorded_by: Option<String>,
    pub triaged_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
}

fn from_row(c: contact::Model) -> Result<Contact> {
    let form: ContactForm = serde_json::from_str(&c.form)
        .map_err(|e| StoreError::Unreadable(format!("contact {} could not be read: {e}", c.reference)))?;
    Ok(Contact {
        method: stored("contact method", &c.id, &c.method, ContactMethod::from_key)?,
        requester_type: c.requester_type.as_deref().and_then(RequesterType::from_key),
        urgency: stored("contact urgency", &c.id, &c.urgency, Urgency::from_key)?,
        status: stored("contact stage", &c.id, &c.status, ContactStatus::from_key)?,
        outcome: c.outcome.as_deref().and_then(EventOutcome::from_key),
        services_offered: c.services_offered.as_deref().and_then(|s| serde_json::from_str(s).ok()).unwrap_or_default(),
        id: c.id,
        reference: c.reference,
        person_id: c.person_id,
        received_at: c.received_at,
        display_name: c.display_name,
        form,
        information_given: c.information_given,
        team_id: c.team_id,
        worker_id: c.worker_id,
        safeguarding_concern: c.safeguarding_concern,
        recorded_by: c.recorded_by,
        triaged_at: c.triaged_at,
        closed_at: c.closed_at,
    })
}

/// Urgent contacts first, then the oldest.
fn urgency_rank(u: Urgency) -> u8 {
    match u {
        Urgency::Today => 0,
        Urgency::Soon => 1,
        Urgency::NotUrgent => 2,
    }
}

impl FrontDoor<'_> {
    /// Records a contact, checked by the front-door rules for whoever filled it in. A resident's
    /// form arrives as a web form from the person or someone on their behalf. Audited.
    pub async fn record_contact(
        &self,
        ctx: &AuditContext,
        form: &ContactForm,
        by: Filler,
        person_id: Option<&PersonId>,
    ) -> Result<Contact> {
        let ReceivedContact { form, method, urgency } = form.receive(by, ctx.now.date_naive())?;
        let txn = self.store.write().await?;
        if let Some(p) = person_id {
            crate::people::records::load(&txn, p).await?;
        }
        let id = ContactId::generate();
        let row = contact::ActiveModel {
            id: Set(id.clone()),
            reference: Set(reference("C")),
            person_id: Set(person_id.cloned()),
            received_at: Set(ctx.now),
            method: Set(method.key().to_owned()),
            requester_type: Set(form.requester_type.map(|r| r.key().to_owned())),
            urgency: Set(urgency.key().to_owned()),
            status: Set(ContactStatus::New.key().to_owned()),
            display_name: Set(form.display_name()),
            form: Set(serde_json::to_string(&form).expect("forms serialise")),
            outcome: Set(None),
            information_given: Set(None),
            services_offered: Set(None),
            team_id: Set(None),
            worker_id: Set(None),
            safeguarding_concern: Set(form.safeguarding_concern),
            recorded_by: Set(ctx_user(ctx)),
            triaged_by: Set(None),
            triaged_at: Set(None),
            closed_at: Set(None),
        }
        .insert(&txn)
        .await?;
        let mut entry = AuditEntry::new("contact-recorded").record("contact", &id).details(serde_json::json!({
            "method": form.method.map(|m| m.key()),
            "urgency": form.urgency.map(|u| u.key()),
            "consent": form.consent.map(|c| c.key()),
            "lawful_reason": form.lawful_reason.map(|l| l.key()),
        }));
        if let Some(p) = person_id {
            entry = entry.person(p);
        }
        append(&txn, ctx, entry).await?;
        txn.commit().await?;
        from_row(row)
    }

    /// The front door's queue: open contacts, most urgent then oldest first; or the latest closed.
    pub async fn contacts(&self, open: bool, limit: u64) -> Result<Vec<Contact>> {
        let q = contact::Entity::find();
        let rows = if open {
            q.filter(contact::Column::Status.eq(ContactStatus::New.key()))
                .order_by_asc(contact::Column::ReceivedAt)
                .all(&self.store.db)
                .await?
        } else {
            use sea_orm::QuerySelect;
            q.filter(contact::Column::Status.ne(ContactStatus::New.key()))
                .order_by_desc(contact::Column::ReceivedAt)
                .limit(limit)
                .all(&self.store.db)
                .await?
        };
        let mut contacts = rows.into_iter().map(from_row).collect::<Result<Vec<_>>>()?;
        if open {
            contacts.sort_by_key(|c| (urgency_rank(c.urgency), c.received_at));
        }
        Ok(contacts)
    }

    /// How many contacts wait for triage.
    pub async fn new_contact_count(&self) -> Result<u64> {
        Ok(contact::Entity::find()
            .filter(contact::Column::Status.eq(ContactStatus::New.key()))
            .count(&self.store.db)
            .await?)
    }

    /// A person's contacts, newest first.
    pub async fn contacts_for(&self, person_id: &PersonId) -> Result<Vec<Contact>> {
        contact::Entity::find()
            .filter(contact::Column::PersonId.eq(person_id))
            .order_by_desc(contact::Column::ReceivedAt)
            .all(&self.store.db)
            .await?
            .into_iter()
            .map(from_row)
            .collect()
    }

    /// One contact, with the view audited (against the person, once matched).
    pub async fn view_contact(&self, ctx: &AuditContext, id: &ContactId) -> Result<Contact> {
        let txn = self.store.write().await?;
        let row = contact::Entity::find_by_id(id.to_owned()).one(&txn).await?.ok_or(StoreError::NotFound)?;
        let c = from_row(row)?;
        let mut entry = AuditEntry::new("contact-viewed").record("contact", id).basis("front-door");
        if let Some(p) = &c.person_id {
            entry = entry.person(p);
        }
        append(&txn, ctx, entry).await?;
        txn.commit().await?;
        Ok(c)
    }

    /// Says which person a contact is about. Audited.
    pub async fn link_contact(&self, ctx: &AuditContext, id: &ContactId, person_id: &PersonId) -> Result<()> {
        let txn = self.store.write().await?;
        crate::people::records::load(&txn, person_id).await?;
        let row = contact::Entity::find_by_id(id.to_owned()).one(&txn).await?.ok_or(StoreError::NotFound)?;
        let mut row: contact::ActiveModel = row.into();
        row.person_id = Set(Some(person_id.to_owned()));
        row.update(&txn).await?;
        append(&txn, ctx, AuditEntry::new("contact-matched").record("contact", id).person(person_id)).await?;
        txn.commit().await?;
        Ok(())
    }

    /// Decides what happens next. A closing outcome closes the contact with the information
    /// given; otherwise the person is allocated to the team (and worker) and a Conversation 1
    /// opened, in one transaction. Audited.
    ///
    /// Moving someone already allocated (ending their team's or worker's allocation) is a team
    /// manager's decision, as on the allocation page: without `may_reallocate` it is refused.
    pub async fn triage_contact(
        &self,
        ctx: &AuditContext,
        id: &ContactId,
        triage: &Triage,
        may_reallocate: bool,
    ) -> Result<Contact> {
        let decision = triage.decide()?;
        let outcome = decision.outcome();
        let txn = self.store.write().await?;
        let row = contact::Entity::find_by_id(id.to_owned()).one(&txn).await?.ok_or(StoreError::NotFound)?;
        let current = from_row(row.clone())?;
        let next = current.status.triage(&decision)?;
        let allocation = match (&decision, &current.person_id) {
            (TriageDecision::Close { .. }, _) => None,
            (TriageDecision::Allocate { team, worker, .. }, Some(person_id)) => Some((person_id.clone(), team, worker)),
            (TriageDecision::Allocate { .. }, None) => {
                return Err(refused("person", "Find the person's record, or make one, before allocating"));
            }
        };
        let mut r: contact::ActiveModel = row.into();
        r.outcome = Set(Some(outcome.key().to_owned()));
        if let Some(u) = triage.urgency {
            r.urgency = Set(u.key().to_owned());
        }
        r.information_given = Set(Some(triage.information_given.trim().to_owned()).filter(|s| !s.is_empty()));
        r.services_offered = Set(Some(serde_json::to_string(&triage.services_offered).expect("ids serialise")));
        r.triaged_by = Set(ctx_user(ctx));
        r.triaged_at = Set(Some(ctx.now));
        if let Some((person_id, team, worker)) = allocation {
            if !may_reallocate {
                let open = allocation::Entity::find()
                    .filter(allocation::Column::PersonId.eq(&person_id))
                    .filter(allocation::Column::EndedAt.is_null())
                    .all(&txn)
                    .await?;
                let moves = open
                    .iter()
                    .any(|a| a.team_id != *team || (a.worker_id.is_some() && a.worker_id.as_ref() != worker.as_ref()));
                if moves {
                    return Err(refused(
                        "team",
                        "They are already allocated to a team or worker, and only a team manager can move them. \
                         Close the contact with what you told them (their team can see it), or ask a manager",
                    ));
                }
            }
            allocate_in(&txn, ctx, &person_id, team, worker.as_ref(), Some("From the front door"), Some(id)).await?;
            let what_matters = [current.form.what_would_help.trim(), current.form.what_is_happening.trim()]
                .into_iter()
                .find(|s| !s.is_empty())
                .unwrap_or_default()
                .to_owned();
            let first = OpenConversation {
                kind: Some(ConversationKind::ListenAndConnect),
                started_on: Some(ctx.now.date_naive()),
                what_matters,
                review_by: None,
                urgent_help: None,
            };
            open_conversation_in(&txn, ctx, &person_id, &first, worker.as_ref(), 42, None, false, Some(id)).await?;
            r.team_id = Set(Some(team.clone()));
            r.worker_id = Set(worker.clone());
        } else {
            r.closed_at = Set(Some(ctx.now));
        }
        r.status = Set(next.key().to_owned());
        let row = r.update(&txn).await?;
        let mut entry = AuditEntry::new("contact-triaged").record("contact", id).details(serde_json::json!({
            "outcome": outcome.key(),
            "services_offered": triage.services_offered.len(),
            "team_id": triage.team,
            "worker_id": triage.worker,
        }));
        if let Some(p) = &current.person_id {
            entry = entry.person(p);
        }
        append(&txn, ctx, entry).await?;
        txn.commit().await?;
        from_row(row)
    }
}
