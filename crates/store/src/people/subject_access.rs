//! Subject access requests: the request with its deadline, and the person's whole record put
//! together for it, with the log of who looked and the entries about other people marked for
//! the officer to review before anything is sent.

use crate::assessments::capacity::{CapacityRecord, TransitionRecord};
use crate::assessments::plans::{Plan, Review};
use crate::assessments::{Assessment, Copy, IssuedDetermination};
use crate::audit::{AuditContext, AuditEntry, AuditRow, append};
use crate::charging::assessments::AssessmentRow;
use crate::charging::requests::ChargingRequest;
use crate::charging::requests::reference;
use crate::entities::subject_access_request;
use crate::front_door::Contact;
use crate::people::access::GrantRow;
use crate::people::belongs::PersonTable;
use crate::people::network::{Connection, Relation, Representative, Warning};
use crate::people::notes::Note;
use crate::people::records::{AddressRow, PersonRecord, ctx_user, load};
use crate::people::work::{Allocation, Conversation, Task};
use crate::refused;
use crate::{People, PersonId, Result, StoreError, SubjectAccessId};
use chrono::NaiveDate;
use hearth_domain::people::subject_access::{
    bank_holidays, calendar_months_after, request_dates, working_day_on_or_after,
};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SubjectAccessRequest {
    pub id: SubjectAccessId,
    pub reference: String,
    pub person_id: PersonId,
    pub received_on: NaiveDate,
    pub identity_confirmed_on: Option<NaiveDate>,
    pub due_on: NaiveDate,
    pub extended: bool,
    pub extension_reason: Option<String>,
    pub open: bool,
    pub completed_on: Option<NaiveDate>,
    pub notes: Option<String>,
}

fn from_row(r: subject_access_request::Model) -> SubjectAccessRequest {
    SubjectAccessRequest {
        open: r.status == "open",
        id: r.id,
        reference: r.reference,
        person_id: r.person_id,
        received_on: r.received_on,
        identity_confirmed_on: r.identity_confirmed_on,
        due_on: r.due_on,
        extended: r.extended,
        extension_reason: r.extension_reason,
        completed_on: r.completed_on,
        notes: r.notes,
    }
}

/// Everything Hearth holds about a person, for a subject access request: one part for every
/// table `PersonTable` declares ([`SubjectAccessExport::count`] has no catch-all, so a new
/// table does not compile until it is here).
#[derive(Clone, Debug)]
pub struct SubjectAccessExport {
    pub record: PersonRecord,
    pub addresses: Vec<AddressRow>,
    /// Relationships, ended ones too: those on this record, and those on others' records that
    /// name this person (`from_other_record`).
    pub relations: Vec<Relation>,
    pub connections: Vec<Connection>,
    pub representatives: Vec<Representative>,
    pub warnings: Vec<Warning>,
    pub contacts: Vec<Contact>,
    pub allocations: Vec<Allocation>,
    pub conversations: Vec<Conversation>,
    pub tasks: Vec<Task>,
    /// Every note, with whether it is also about someone else (to review before sending).
    pub notes: Vec<(Note, bool)>,
    /// Staff given access to the record, and the glass broken on it.
    pub access_grants: Vec<GrantRow>,
    pub subject_access_requests: Vec<SubjectAccessRequest>,
    /// Care Act assessments, the person's own (and carers' assessments that name them as the
    /// person cared for, which are the carer's and so not here).
    pub assessments: Vec<Assessment>,
    /// Eligibility decisions, each with its letter.
    pub determinations: Vec<IssuedDetermination>,
    /// Copies of written records given: what it was a copy of, its id, and the copy.
    pub copies: Vec<(String, String, Copy)>,
    /// Plans, each with its services.
    pub plans: Vec<Plan>,
    pub reviews: Vec<Review>,
    pub capacity: Vec<CapacityRecord>,
    pub transitions: Vec<TransitionRecord>,
    pub financial_assessments: Vec<AssessmentRow>,
    pub charging_requests: Vec<ChargingRequest>,
    /// Who looked at or changed the record, and on what basis.
    pub access_log: Vec<AuditRow>,
}

impl SubjectAccessExport {
    /// Entries that mention other people and must be reviewed (and redacted where needed)
    /// before the copy is sent (Data Protection Act 2018, Schedule 2 Part 3).
    pub fn for_review(&self) -> usize {
        self.notes.iter().filter(|(_, others)| *others).count()
            + self.relations.len()
            + self.contacts.iter().filter(|c| c.form.for_self != Some(true)).count()
    }

    /// How many rows of `table` that belong to the person the export holds.
    pub fn count(&self, table: PersonTable) -> usize {
        match table {
            PersonTable::Addresses => self.addresses.len(),
            PersonTable::Relationships => self.relations.iter().filter(|r| !r.from_other_record).count(),
            PersonTable::Connections => self.connections.len(),
            PersonTable::Representatives => self.representatives.len(),
            PersonTable::Warnings => self.warnings.len(),
            PersonTable::Contacts => self.contacts.len(),
            PersonTable::Allocations => self.allocations.len(),
            PersonTable::Conversations => self.conversations.len(),
            PersonTable::Notes => self.notes.len(),
            PersonTable::Tasks => self.tasks.len(),
            PersonTable::AccessGrants => self.access_grants.len(),
            PersonTable::SubjectAccessRequests => self.subject_access_requests.len(),
            PersonTable::Assessments => self.assessments.len(),
            PersonTable::Determinations => self.determinations.len(),
            PersonTable::CopiesGiven => self.copies.len(),
            PersonTable::Plans => self.plans.len(),
            PersonTable::ServiceLines => self.plans.iter().map(|p| p.contents.lines.len()).sum(),
            PersonTable::PlanReviews => self.reviews.len(),
            PersonTable::CapacityAssessments => self.capacity.len(),
            PersonTable::Transitions => self.transitions.len(),
            PersonTable::FinancialAssessments => self.financial_assessments.len(),
            PersonTable::ChargingRequests => self.charging_requests.len(),
        }
    }
}

impl People<'_> {
    /// Records a request, with its deadline worked out. Audited.
    pub async fn record_subject_access(
        &self,
        ctx: &AuditContext,
        person_id: &PersonId,
        received_on: NaiveDate,
        identity_confirmed_on: Option<NaiveDate>,
        notes: Option<&str>,
    ) -> Result<SubjectAccessRequest> {
        let today = ctx.now.date_naive();
        let mut problems = hearth_domain::Problems::default();
        problems.check(received_on > today, "received_on", "The day it was received must be today or in the past");
        problems.check(
            identity_confirmed_on.is_some_and(|d| d < received_on || d > today),
            "identity_confirmed_on",
            "The day identity was confirmed must be between the request and today",
        );
        problems.into_result()?;
        let dates = request_dates(received_on, identity_confirmed_on, &bank_holidays());
        let txn = self.store.write().await?;
        load(&txn, person_id).await?;
        let id = SubjectAccessId::generate();
        let row = subject_access_request::ActiveModel {
            id: Set(id.clone()),
            reference: Set(reference("SAR")),
            person_id: Set(person_id.to_owned()),
            received_on: Set(received_on),
            identity_confirmed_on: Set(identity_confirmed_on),
            due_on: Set(dates.due),
            extended: Set(false),
            extension_reason: Set(None),
            status: Set("open".to_owned()),
            completed_on: Set(None),
            notes: Set(notes.map(str::to_owned).filter(|n| !n.trim().is_empty())),
            created_by: Set(ctx_user(ctx)),
            created_at: Set(ctx.now),
        }
        .insert(&txn)
        .await?;
        append(
            &txn,
            ctx,
            AuditEntry::new("subject-access-received")
                .record("subject-access-request", &id)
                .person(person_id)
                .details(serde_json::json!({"due_on": dates.due})),
        )
        .await?;
        txn.commit().await?;
        Ok(from_row(row))
    }

    /// Open requests by deadline, or every request for one person.
    pub async fn subject_access_requests(&self, person_id: Option<&PersonId>) -> Result<Vec<SubjectAccessRequest>> {
        let mut q = subject_access_request::Entity::find();
        q = match person_id {
            Some(p) => q.filter(subject_access_request::Column::PersonId.eq(p)),
            None => q.filter(subject_access_request::Column::Status.eq("open")),
        };
        Ok(q.order_by_asc(subject_access_request::Column::DueOn)
            .all(&self.store.db)
            .await?
            .into_iter()
            .map(from_row)
            .collect())
    }

    pub async fn subject_access_request(&self, id: &SubjectAccessId) -> Result<SubjectAccessRequest> {
        subject_access_request::Entity::find_by_id(id.to_owned())
            .one(&self.store.db)
            .await?
            .map(from_row)
            .ok_or(StoreError::NotFound)
    }

    /// Extends the deadline by two further months (UK GDPR Article 12(3)), with the reason the
    /// person must be told. Only once, and only while the first month is still running.
    pub async fn extend_subject_access(
        &self,
        ctx: &AuditContext,
        id: &SubjectAccessId,
        reason: &str,
    ) -> Result<NaiveDate> {
        if reason.trim().is_empty() {
            return Err(refused("extend_reason", "Say why the request is complex or one of many"));
        }
        let txn = self.store.write().await?;
        let r =
            subject_access_request::Entity::find_by_id(id.to_owned()).one(&txn).await?.ok_or(StoreError::NotFound)?;
        if r.extended || r.status != "open" {
            return Err(StoreError::AlreadyDecided);
        }
        if ctx.now.date_naive() > r.due_on {
            return Err(refused("extend_reason", "The first month has passed: it is too late to extend"));
        }
        let from = r.identity_confirmed_on.map_or(r.received_on, |d| d.max(r.received_on));
        let new_due = working_day_on_or_after(calendar_months_after(from, 3), &bank_holidays());
        let person_id = r.person_id.clone();
        let mut r: subject_access_request::ActiveModel = r.into();
        r.extended = Set(true);
        r.extension_reason = Set(Some(reason.trim().to_owned()));
        r.due_on = Set(new_due);
        r.update(&txn).await?;
        append(
            &txn,
            ctx,
            AuditEntry::new("subject-access-extended")
                .record("subject-access-request", id)
                .person(person_id)
                .reason(reason.trim())
                .details(serde_json::json!({"due_on": new_due})),
        )
        .await?;
        txn.commit().await?;
        Ok(new_due)
    }

    /// Marks a request answered. Audited.
    pub async fn complete_subject_access(&self, ctx: &AuditContext, id: &SubjectAccessId) -> Result<()> {
        let txn = self.store.write().await?;
        let r =
            subject_access_request::Entity::find_by_id(id.to_owned()).one(&txn).await?.ok_or(StoreError::NotFound)?;
        if r.status != "open" {
            return Err(StoreError::AlreadyDecided);
        }
        let person_id = r.person_id.clone();
        let mut r: subject_access_request::ActiveModel = r.into();
        r.status = Set("sent".to_owned());
        r.completed_on = Set(Some(ctx.now.date_naive()));
        r.update(&txn).await?;
        append(
            &txn,
            ctx,
            AuditEntry::new("subject-access-sent").record("subject-access-request", id).person(person_id),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// Puts together everything about a person (and records merged into theirs). The export is
    /// itself audited, so the access log shows it too.
    pub async fn subject_access_export(&self, ctx: &AuditContext, person_id: &PersonId) -> Result<SubjectAccessExport> {
        let record = load(&self.store.db, person_id).await?;
        let ids = self.record_and_merged(person_id).await?;
        self.store
            .audit(
                ctx,
                AuditEntry::new("subject-access-export")
                    .record("person", person_id)
                    .person(person_id)
                    .basis("subject-access"),
            )
            .await?;
        let (notes, _) = self.notes_for(person_id, false, 1, 1_000_000).await?;
        let today = ctx.now.date_naive();
        Ok(SubjectAccessExport {
            addresses: self.person_addresses(person_id).await?,
            relations: self.relation_history(person_id).await?,
            connections: self.connection_history(person_id).await?,
            representatives: self.representatives(person_id, today).await?,
            warnings: self.warnings(person_id).await?,
            contacts: self.store.front_door().contacts_for(person_id).await?,
            allocations: self.allocations(person_id).await?,
            conversations: self.conversations(person_id).await?,
            tasks: self.tasks_for(person_id).await?,
            notes: notes
                .into_iter()
                .map(|n| {
                    let others = n.people.iter().any(|p| p != person_id);
                    (n, others)
                })
                .collect(),
            access_grants: self.grants(Some(person_id), false).await?,
            subject_access_requests: self.subject_access_requests(Some(person_id)).await?,
            assessments: self.store.assessments().assessments_for(person_id).await?,
            determinations: self.store.assessments().determinations_for(person_id).await?,
            copies: self.store.assessments().copies_given_about(person_id).await?,
            plans: self.store.assessments().plans_for(person_id).await?,
            reviews: self.store.assessments().reviews_for(person_id).await?,
            capacity: self.store.assessments().capacity_assessments(person_id).await?,
            transitions: self.store.assessments().transition_history(person_id).await?,
            financial_assessments: self.store.charging().financial_assessments_of(person_id).await?,
            charging_requests: self.store.charging().charging_requests_of(person_id).await?,
            access_log: self.person_audit(&ids).await?,
            record,
        })
    }
}
