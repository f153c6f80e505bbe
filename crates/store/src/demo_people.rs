//! Loads the demo council's people in bulk: teams, records, networks, contacts, notes,
//! allocations, conversations and tasks, many rows a statement. Loading is recorded as one
//! audit event per batch (these records were made by the loader, not viewed or changed by
//! anyone), so the audit log stays an honest account.

use crate::audit::{AuditContext, AuditEntry, append};
use crate::entities::{
    allocation, case_note, case_note_person, case_note_version, contact, conversation, person, person_address,
    person_connection, person_relationship, person_warning, task,
};
use crate::people::records::{keys, squash_postcode};
use crate::{
    ConnectionId, ContactId, ConversationId, NoteId, PersonId, RelationId, Result, Store, TaskId, TeamId, UserId,
    WarningId,
};
use chrono::{Days, NaiveDate, Utc};
use hearth_domain::access::Role;
use hearth_domain::demo_people::{DEMO_TEAMS, DemoPerson, demo_person};
use hearth_domain::front_door::ContactStatus;
use sea_orm::{ActiveValue::Set, EntityTrait};

const LOADED_KEY: &str = "demo_people_loaded";
/// People a batch: each batch is one transaction.
const BATCH: u32 = 500;

/// The demo's teams by number, made if missing, with the demo practitioner and team manager in
/// the front door and the North locality team, and extra practitioners spread across teams.
async fn demo_teams(store: &Store, ctx: &AuditContext) -> Result<Vec<(TeamId, Option<UserId>)>> {
    let existing = store.people().teams().await?;
    let mut ids = Vec::new();
    for (name, front_door) in DEMO_TEAMS {
        let id = match existing.iter().find(|t| t.name == *name) {
            Some(t) => t.id.clone(),
            None => store.people().create_team(ctx, name, *front_door).await?.id,
        };
        ids.push(id);
    }
    let users = store.accounts().users().await?;
    let signs_in =
        |role: Role| users.iter().find(|u| u.demo && u.roles == vec![role] && u.email.starts_with(role.key()));
    let mut first_workers: Vec<Option<UserId>> = vec![None; ids.len()];
    // Safeguarding concerns come in through the front door, so the safeguarding manager is in it.
    for (role, in_teams) in
        [(Role::Practitioner, &[0, 1][..]), (Role::TeamManager, &[0, 1]), (Role::SafeguardingAdultsManager, &[0])]
    {
        if let Some(u) = signs_in(role) {
            for &t in in_teams {
                store.people().add_team_member(ctx, &ids[t], &u.id).await?;
            }
            if role == Role::Practitioner {
                first_workers[1] = Some(u.id.clone());
            }
        }
    }
    // Scaled staff (no password): practitioners join the locality and specialist teams in turn.
    let signing_in = signs_in(Role::Practitioner).map(|u| &u.id);
    let extra: Vec<_> =
        users.iter().filter(|u| u.demo && u.roles == vec![Role::Practitioner] && Some(&u.id) != signing_in).collect();
    for (i, u) in extra.iter().enumerate() {
        let t = 1 + i % (ids.len() - 1);
        store.people().add_team_member(ctx, &ids[t], &u.id).await?;
        if first_workers[t].is_none() {
            first_workers[t] = Some(u.id.clone());
        }
    }
    Ok(ids.into_iter().zip(first_workers).collect())
}

impl Store {
    /// Makes the demo's people up to `target` in all (numbers already loaded are not made again),
    /// as of `today`. Returns how many were added.
    pub async fn load_demo_people(&self, ctx: &AuditContext, seed: u64, target: u32, today: NaiveDate) -> Result<u32> {
        let teams = demo_teams(self, ctx).await?;
        let loaded: u32 = self.settings().setting(LOADED_KEY).await?.and_then(|v| v.parse().ok()).unwrap_or(0);
        let services = hearth_domain::demo_directory::demo_services();
        let mut from = loaded;
        while from < target {
            let to = (from + BATCH).min(target);
            let people: Vec<DemoPerson> = (from..to).map(|n| demo_person(seed, n, today)).collect();
            let txn = self.write().await?;
            let mut rows = Rows::default();
            for p in &people {
                rows.add(p, &teams, &services, ctx, today);
            }
            rows.insert(&txn).await?;
            crate::settings::put(&txn, ctx, LOADED_KEY, &to.to_string()).await?;
            append(
                &txn,
                ctx,
                AuditEntry::new("demo-people-loaded").details(serde_json::json!({"from": from, "to": to})),
            )
            .await?;
            txn.commit().await?;
            from = to;
        }
        Ok(target.saturating_sub(loaded))
    }
}

#[derive(Default)]
struct Rows {
    people: Vec<person::ActiveModel>,
    addresses: Vec<person_address::ActiveModel>,
    relations: Vec<person_relationship::ActiveModel>,
    connections: Vec<person_connection::ActiveModel>,
    warnings: Vec<person_warning::ActiveModel>,
    contacts: Vec<contact::ActiveModel>,
    notes: Vec<case_note::ActiveModel>,
    note_people: Vec<case_note_person::ActiveModel>,
    note_versions: Vec<case_note_version::ActiveModel>,
    allocations: Vec<allocation::ActiveModel>,
    conversations: Vec<conversation::ActiveModel>,
    tasks: Vec<task::ActiveModel>,
}

fn id() -> String {
    uuid::Uuid::new_v4().to_string()
}

fn person_id() -> PersonId {
    PersonId::generate()
}

fn midday(day: NaiveDate) -> chrono::DateTime<Utc> {
    day.and_hms_opt(12, 0, 0).expect("midday").and_utc()
}

impl Rows {
    fn add(
        &mut self,
        p: &DemoPerson,
        teams: &[(TeamId, Option<UserId>)],
        services: &[hearth_domain::directory::hsds::Service],
        ctx: &AuditContext,
        today: NaiveDate,
    ) {
        let person_id = person_id();
        let d = &p.details;
        let (family_key, family_sound) = keys(&d.family_name);
        let (given_key, given_sound) = keys(&d.given_name);
        let created = p.contacts.first().map_or(ctx.now, |c| c.received_at);
        self.people.push(person::ActiveModel {
            id: Set(person_id.clone()),
            reference: Set(p.reference.map_or_else(|| crate::charging::requests::reference("P"), str::to_owned)),
            given_name: Set(d.given_name.clone()),
            family_name: Set(d.family_name.clone()),
            other_names: Set(None),
            preferred_name: Set(None),
            date_of_birth: Set(d.date_of_birth),
            date_of_death: Set(d.date_of_death),
            nhs_number: Set(d.nhs_number.clone()),
            postcode: Set(p.address.postcode.as_deref().map(squash_postcode)),
            family_key: Set(family_key),
            family_sound: Set(family_sound),
            given_key: Set(given_key),
            given_sound: Set(given_sound),
            details: Set(serde_json::to_string(d).expect("details serialise")),
            what_matters: Set(p.what_matters.clone()),
            strengths: Set(p.strengths.clone()),
            restricted: Set(p.restricted),
            restricted_reason: Set(p.restricted.then(|| "Works for the council".to_owned())),
            merged_into: Set(None),
            version: Set(1),
            created_by: Set(None),
            created_at: Set(created),
            updated_by: Set(None),
            updated_at: Set(created),
        });
        let address = |a: &hearth_domain::people::record::Address, from: Option<NaiveDate>, to: Option<NaiveDate>| {
            person_address::ActiveModel {
                id: Set(id()),
                person_id: Set(person_id.clone()),
                line_1: Set(a.line_1.clone()),
                line_2: Set(a.line_2.clone()),
                town: Set(a.town.clone()),
                postcode: Set(a.postcode.clone()),
                uprn: Set(a.uprn.clone()),
                from_date: Set(from),
                to_date: Set(to),
                created_at: Set(created),
            }
        };
        match &p.previous_address {
            Some((before, moved)) => {
                self.addresses.push(address(before, None, Some(*moved)));
                self.addresses.push(address(&p.address, Some(*moved), None));
            }
            None => self.addresses.push(address(&p.address, None, None)),
        }
        for r in &p.relations {
            self.relations.push(person_relationship::ActiveModel {
                id: Set(RelationId::generate()),
                person_id: Set(person_id.clone()),
                kind: Set(r.kind.key().to_owned()),
                other_person_id: Set(None),
                name: Set(r.name.clone()),
                phone: Set(r.phone.clone()),
                notes: Set(None),
                main_carer: Set(r.main_carer),
                lives_with: Set(r.lives_with),
                next_of_kin: Set(r.next_of_kin),
                created_at: Set(created),
                ended_on: Set(None),
                called: Set(r.called.clone()),
            });
        }
        for (number, what_for) in &p.connections {
            let Some(service) = services.get(number % services.len().max(1)) else { continue };
            self.connections.push(person_connection::ActiveModel {
                id: Set(ConnectionId::generate()),
                person_id: Set(person_id.clone()),
                name: Set(service.name.clone()),
                service_id: Set(Some(service.id.clone())),
                what_for: Set(Some(what_for.clone())),
                created_at: Set(created),
                ended_on: Set(None),
            });
        }
        if let Some((kind, details)) = &p.warning {
            self.warnings.push(person_warning::ActiveModel {
                id: Set(WarningId::generate()),
                person_id: Set(person_id.clone()),
                kind: Set(kind.key().to_owned()),
                details: Set(details.clone()),
                starts_on: Set(today - Days::new(30)),
                review_by: Set(today + Days::new(335)),
                ended_on: Set(None),
                ended_reason: Set(None),
                created_by: Set(None),
                created_at: Set(created),
            });
        }
        // The team's first practitioner, when the allocation is to them.
        let worker = p.allocation.filter(|a| a.to_first_worker).and_then(|a| teams[a.team].1.clone());
        let last = p.contacts.len().saturating_sub(1);
        let mut allocated_contact = None;
        for (i, c) in p.contacts.iter().enumerate() {
            let contact_id = ContactId::generate();
            let current = i == last && p.allocation.is_some();
            let status = match (c.outcome, current) {
                (None, _) => ContactStatus::New,
                (_, true) => ContactStatus::Allocated,
                _ => ContactStatus::Closed,
            };
            let team_id = c.team.map(|t| teams[t].0.clone());
            let worker_id = if current { worker.clone() } else { None };
            if current {
                allocated_contact = Some(contact_id.clone());
            }
            let triaged = c.outcome.map(|_| c.received_at + chrono::Duration::hours(3));
            self.contacts.push(contact::ActiveModel {
                id: Set(contact_id),
                reference: Set(crate::charging::requests::reference("C")),
                // A new contact is not linked yet: the front door matches it to the record.
                person_id: Set(c.outcome.map(|_| person_id.clone())),
                received_at: Set(c.received_at),
                method: Set(c.method.key().to_owned()),
                requester_type: Set(c.form.requester_type.map(|r| r.key().to_owned())),
                urgency: Set(c.urgency.key().to_owned()),
                status: Set(status.key().to_owned()),
                display_name: Set(c.form.display_name()),
                form: Set(serde_json::to_string(&c.form).expect("forms serialise")),
                outcome: Set(c.outcome.map(|o| o.key().to_owned())),
                information_given: Set(c.outcome.map(|_| "Talked through the support in the directory.".to_owned())),
                services_offered: Set(None),
                team_id: Set(team_id),
                worker_id: Set(worker_id),
                safeguarding_concern: Set(false),
                recorded_by: Set(None),
                triaged_by: Set(None),
                triaged_at: Set(triaged),
                closed_at: Set(if status == ContactStatus::Closed { triaged } else { None }),
            });
        }
        for n in &p.notes {
            let note_id = NoteId::generate();
            self.notes.push(case_note::ActiveModel {
                id: Set(note_id.clone()),
                kind: Set(n.kind.key().to_owned()),
                happened_at: Set(n.happened_at),
                significant: Set(n.significant),
                body: Set(n.body.clone()),
                version: Set(1),
                status: Set("current".to_owned()),
                error_reason: Set(None),
                author_id: Set(None),
                created_at: Set(n.happened_at),
                updated_at: Set(n.happened_at),
            });
            self.note_versions.push(case_note_version::ActiveModel {
                note_id: Set(note_id.clone()),
                version: Set(1),
                body: Set(n.body.clone()),
                reason: Set(None),
                saved_by: Set(None),
                saved_at: Set(n.happened_at),
            });
            self.note_people.push(case_note_person::ActiveModel {
                note_id: Set(note_id),
                person_id: Set(person_id.clone()),
                happened_at: Set(n.happened_at),
                significant: Set(n.significant),
            });
        }
        if let Some(a) = p.allocation {
            let (team_id, first_worker) = &teams[a.team];
            self.allocations.push(allocation::ActiveModel {
                id: Set(id()),
                person_id: Set(person_id.clone()),
                team_id: Set(team_id.clone()),
                worker_id: Set(worker.clone()),
                started_at: Set(midday(a.since)),
                ended_at: Set(None),
                reason: Set(Some("From the front door".to_owned())),
                contact_id: Set(allocated_contact.clone()),
                allocated_by: Set(None),
            });
            for c in &p.conversations {
                self.conversations.push(conversation::ActiveModel {
                    id: Set(ConversationId::generate()),
                    person_id: Set(person_id.clone()),
                    kind: Set(c.kind.key().to_owned()),
                    started_on: Set(c.started_on),
                    review_by: Set(c.review_by),
                    what_matters: Set(c.what_matters.clone()),
                    urgent_help: Set(c.urgent_help.clone()),
                    status: Set(if c.closed_on.is_some() { "closed" } else { "open" }.to_owned()),
                    outcome: Set(None),
                    closed_on: Set(c.closed_on),
                    closing_note: Set(None),
                    worker_id: Set(worker.clone()),
                    override_reason: Set(None),
                    override_by: Set(None),
                    contact_id: Set(allocated_contact.clone()),
                    created_by: Set(None),
                    created_at: Set(midday(c.started_on)),
                });
            }
            if let (Some((title, due)), Some(owner)) = (&p.task, worker.as_ref().or(first_worker.as_ref())) {
                self.tasks.push(task::ActiveModel {
                    id: Set(TaskId::generate()),
                    person_id: Set(person_id.clone()),
                    title: Set(title.clone()),
                    owner_id: Set(owner.clone()),
                    team_id: Set(Some(team_id.clone())),
                    due_on: Set(*due),
                    status: Set("open".to_owned()),
                    created_by: Set(None),
                    created_at: Set(midday(a.since)),
                    done_at: Set(None),
                    done_by: Set(None),
                });
            }
        }
    }

    async fn insert(self, txn: &sea_orm::DatabaseTransaction) -> Result<()> {
        // Chunks keep each statement under SQLite's limit on bound values.
        macro_rules! insert {
            ($entity:ident, $rows:expr, $chunk:expr) => {
                for chunk in $rows.chunks($chunk) {
                    $entity::Entity::insert_many(chunk.to_vec()).exec_without_returning(txn).await?;
                }
            };
        }
        insert!(person, self.people, 200);
        insert!(person_address, self.addresses, 500);
        insert!(person_relationship, self.relations, 500);
        insert!(person_connection, self.connections, 500);
        insert!(person_warning, self.warnings, 500);
        insert!(contact, self.contacts, 200);
        insert!(case_note, self.notes, 500);
        insert!(case_note_version, self.note_versions, 1000);
        insert!(case_note_person, self.note_people, 1000);
        insert!(allocation, self.allocations, 500);
        insert!(conversation, self.conversations, 300);
        insert!(task, self.tasks, 500);
        Ok(())
    }
}
