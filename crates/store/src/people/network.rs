//! The people around someone, the groups and services they are part of, those with authority to
//! act for them, and warnings about risks to staff. Every change is audited against the person.

use crate::audit::{AuditContext, AuditEntry, append};
use crate::entities::{person_connection, person_relationship, person_representative, person_warning};
use crate::people::records::{ctx_user, load};
use crate::refused;
use crate::stored;
use crate::{ConnectionId, People, PersonId, RelationId, RepresentativeId, Result, ServiceId, StoreError, WarningId};
use chrono::{DateTime, NaiveDate, Utc};
use hearth_domain::Problems;
use hearth_domain::edits::EditToken;
use hearth_domain::letters::Addressee;
use hearth_domain::people::network::{ActingFor, Authority, RelationshipKind, authority_confirmed, letters_go_to};
use hearth_domain::people::record::Address;
use hearth_domain::people::warnings::{NewWarning, WarningKind};
use sea_orm::{ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};

/// Someone in a person's network, as seen from that person's record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Relation {
    pub id: RelationId,
    /// What they are to the person whose record is open ("Son or daughter").
    pub kind: RelationshipKind,
    pub name: String,
    /// Their own record, if they have one.
    pub person_id: Option<PersonId>,
    pub phone: Option<String>,
    pub notes: Option<String>,
    pub main_carer: bool,
    pub lives_with: bool,
    pub next_of_kin: bool,
    /// Recorded on the other person's record (shown here the other way round).
    pub from_other_record: bool,
    /// When it ended (only a history asks for ended ones).
    pub ended_on: Option<NaiveDate>,
    /// The family's own word ("wife"), when given; only on the record it was written on.
    pub called: Option<String>,
}

impl Relation {
    /// What they are to the person, in the plainest words there are: the family's own word when
    /// they gave one ("Wife"), otherwise the kind ("Husband, wife or civil partner").
    pub fn relationship(&self) -> String {
        match &self.called {
            Some(word) => capitalise(word),
            None => self.kind.label().to_owned(),
        }
    }
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NewRelation {
    pub kind: Option<RelationshipKind>,
    /// Their own word for it, if they use one the kind does not say ("wife", "stepson").
    pub called: Option<String>,
    pub name: String,
    pub other_person_id: Option<PersonId>,
    pub phone: Option<String>,
    pub notes: Option<String>,
    pub main_carer: bool,
    pub lives_with: bool,
    pub next_of_kin: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Connection {
    pub id: ConnectionId,
    pub name: String,
    pub service_id: Option<ServiceId>,
    pub what_for: Option<String>,
    pub ended_on: Option<NaiveDate>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Representative {
    pub id: RepresentativeId,
    pub name: String,
    pub authority: Authority,
    pub phone: Option<String>,
    pub document_seen_on: Option<NaiveDate>,
    pub document_seen_by: Option<String>,
    pub document_reference: Option<String>,
    pub to_date: Option<NaiveDate>,
    /// Whether Hearth may rely on it (a document-based authority once the document is seen).
    pub confirmed: bool,
    /// Where to post their letters, when recorded.
    pub address: Option<Address>,
    /// The person asked for their letters to go to this representative.
    pub letters_to_them: bool,
}

impl Representative {
    /// What the edit form starts from: everything it shows.
    pub fn edit_token(&self) -> EditToken {
        let address = self.address.as_ref().map(|a| (&a.line_1, &a.line_2, &a.town, &a.postcode));
        EditToken::of(&(
            &self.name,
            self.authority.key(),
            &self.phone,
            self.document_seen_on,
            &self.document_reference,
            address,
            self.letters_to_them,
            self.to_date,
        ))
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NewRepresentative {
    pub name: String,
    pub authority: Option<Authority>,
    pub phone: Option<String>,
    pub document_seen_on: Option<NaiveDate>,
    pub document_reference: Option<String>,
    pub address: Option<Address>,
    pub letters_to_them: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    pub id: WarningId,
    pub kind: WarningKind,
    pub details: String,
    pub starts_on: NaiveDate,
    pub review_by: NaiveDate,
    pub ended_on: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
}

impl People<'_> {
    /// The people around someone: those recorded on their record, and those who recorded them
    /// from their own (shown the other way round: Ruth's record says Ada is her parent, so Ada's
    /// shows Ruth as her child).
    pub async fn relations(&self, person_id: &PersonId) -> Result<Vec<Relation>> {
        self.relations_with(person_id, false).await
    }

    /// Every relationship the person has had, ended ones too (for subject access).
    pub async fn relation_history(&self, person_id: &PersonId) -> Result<Vec<Relation>> {
        self.relations_with(person_id, true).await
    }

    async fn relations_with(&self, person_id: &PersonId, ended_too: bool) -> Result<Vec<Relation>> {
        let mut query = person_relationship::Entity::find().filter(
            Condition::any()
                .add(person_relationship::Column::PersonId.eq(person_id))
                .add(person_relationship::Column::OtherPersonId.eq(person_id)),
        );
        if !ended_too {
            query = query.filter(person_relationship::Column::EndedOn.is_null());
        }
        let rows = query.order_by_asc(person_relationship::Column::CreatedAt).all(&self.store.db).await?;
        let mut out = Vec::new();
        for r in rows {
            let kind = stored("relationship kind", &r.id, &r.kind, RelationshipKind::from_key)?;
            if r.person_id == person_id {
                out.push(Relation {
                    id: r.id,
                    kind,
                    name: r.name,
                    person_id: r.other_person_id,
                    phone: r.phone,
                    notes: r.notes,
                    main_carer: r.main_carer,
                    lives_with: r.lives_with,
                    next_of_kin: r.next_of_kin,
                    from_other_record: false,
                    ended_on: r.ended_on,
                    called: r.called,
                });
            } else {
                let (name, ..) = self.person_heading(&r.person_id).await?;
                out.push(Relation {
                    id: r.id,
                    kind: kind.inverse(),
                    name,
                    person_id: Some(r.person_id),
                    phone: None,
                    notes: None,
                    main_carer: false,
                    lives_with: r.lives_with,
                    next_of_kin: false,
                    from_other_record: true,
                    ended_on: r.ended_on,
                    // Their word was for the other direction ("wife" is not what she calls him).
                    called: None,
                });
            }
        }
        Ok(out)
    }

    /// Adds someone to a person's network. Audited.
    pub async fn add_relation(
        &self,
        ctx: &AuditContext,
        person_id: &PersonId,
        new: &NewRelation,
    ) -> Result<RelationId> {
        let kind = new.kind.ok_or_else(|| refused("kind", "Choose how they are related"))?;
        let called = new.called.as_deref().map(str::trim).filter(|w| !w.is_empty());
        if called.is_some_and(|w| w.chars().count() > 40) {
            return Err(refused("called", "Their word for it must be 40 letters or fewer, like wife or stepson"));
        }
        let txn = self.store.write().await?;
        load(&txn, person_id).await?;
        let name = match &new.other_person_id {
            Some(other) if other == person_id => {
                return Err(refused("name", "Someone cannot be related to themselves"));
            }
            Some(other) => load(&txn, other).await?.display_name(),
            None if new.name.trim().is_empty() => return Err(refused("name", "Enter their name")),
            None => new.name.trim().to_owned(),
        };
        let id = RelationId::generate();
        person_relationship::ActiveModel {
            id: Set(id.clone()),
            person_id: Set(person_id.to_owned()),
            kind: Set(kind.key().to_owned()),
            other_person_id: Set(new.other_person_id.clone()),
            name: Set(name),
            phone: Set(new.phone.clone()),
            notes: Set(new.notes.clone()),
            main_carer: Set(new.main_carer),
            lives_with: Set(new.lives_with),
            next_of_kin: Set(new.next_of_kin),
            created_at: Set(ctx.now),
            ended_on: Set(None),
            called: Set(called.map(str::to_lowercase)),
        }
        .insert(&txn)
        .await?;
        let mut entry = AuditEntry::new("relationship-added")
            .record("relationship", &id)
            .person(person_id)
            .details(serde_json::json!({"kind": kind.key(), "other_person_id": new.other_person_id}));
        if new.other_person_id.is_none() {
            entry = entry.details(serde_json::json!({"kind": kind.key()}));
        }
        let mut entries = vec![entry.clone()];
        // A linked record shows the relationship too, so its history does.
        if let Some(other) = &new.other_person_id {
            entries.push(entry.person(other));
        }
        crate::audit::append_many(&txn, ctx, entries).await?;
        txn.commit().await?;
        Ok(id)
    }

    /// Ends a relationship (it stays in the history). Audited on both records it shows on.
    pub async fn end_relation(&self, ctx: &AuditContext, person_id: &PersonId, id: &RelationId) -> Result<()> {
        let txn = self.store.write().await?;
        let r = person_relationship::Entity::find_by_id(id.to_owned()).one(&txn).await?.ok_or(StoreError::NotFound)?;
        if r.person_id != person_id && r.other_person_id.as_ref() != Some(person_id) {
            return Err(StoreError::NotFound);
        }
        let people: Vec<PersonId> =
            [Some(r.person_id.clone()), r.other_person_id.clone()].into_iter().flatten().collect();
        let mut r: person_relationship::ActiveModel = r.into();
        r.ended_on = Set(Some(ctx.now.date_naive()));
        r.update(&txn).await?;
        let entries =
            people.iter().map(|p| AuditEntry::new("relationship-ended").record("relationship", id).person(p)).collect();
        crate::audit::append_many(&txn, ctx, entries).await?;
        txn.commit().await?;
        Ok(())
    }

    pub async fn connections(&self, person_id: &PersonId) -> Result<Vec<Connection>> {
        self.connections_with(person_id, false).await
    }

    /// Every group and service the person has been part of, ended ones too (for subject access).
    pub async fn connection_history(&self, person_id: &PersonId) -> Result<Vec<Connection>> {
        self.connections_with(person_id, true).await
    }

    async fn connections_with(&self, person_id: &PersonId, ended_too: bool) -> Result<Vec<Connection>> {
        let mut query = person_connection::Entity::find().filter(person_connection::Column::PersonId.eq(person_id));
        if !ended_too {
            query = query.filter(person_connection::Column::EndedOn.is_null());
        }
        Ok(query
            .order_by_asc(person_connection::Column::CreatedAt)
            .all(&self.store.db)
            .await?
            .into_iter()
            .map(|c| Connection {
                id: c.id,
                name: c.name,
                service_id: c.service_id,
                what_for: c.what_for,
                ended_on: c.ended_on,
            })
            .collect())
    }

    /// A group, place or service the person is part of; a directory entry when `service_id` is
    /// given (its name is taken from the directory). Audited.
    pub async fn add_connection(
        &self,
        ctx: &AuditContext,
        person_id: &PersonId,
        name: &str,
        service_id: Option<&ServiceId>,
        what_for: Option<&str>,
    ) -> Result<ConnectionId> {
        let name = match service_id {
            Some(id) => self.store.directory().service(id).await?.ok_or(StoreError::NotFound)?.name,
            None if name.trim().is_empty() => {
                return Err(refused("name", "Enter the name of the group, place or service"));
            }
            None => name.trim().to_owned(),
        };
        let txn = self.store.write().await?;
        load(&txn, person_id).await?;
        let id = ConnectionId::generate();
        person_connection::ActiveModel {
            id: Set(id.clone()),
            person_id: Set(person_id.to_owned()),
            name: Set(name),
            service_id: Set(service_id.cloned()),
            what_for: Set(what_for.map(str::to_owned).filter(|w| !w.trim().is_empty())),
            created_at: Set(ctx.now),
            ended_on: Set(None),
        }
        .insert(&txn)
        .await?;
        append(
            &txn,
            ctx,
            AuditEntry::new("connection-added")
                .record("connection", &id)
                .person(person_id)
                .details(serde_json::json!({"service_id": service_id})),
        )
        .await?;
        txn.commit().await?;
        Ok(id)
    }

    pub async fn end_connection(&self, ctx: &AuditContext, person_id: &PersonId, id: &ConnectionId) -> Result<()> {
        let txn = self.store.write().await?;
        let c = person_connection::Entity::find_by_id(id.to_owned()).one(&txn).await?.ok_or(StoreError::NotFound)?;
        if c.person_id != person_id {
            return Err(StoreError::NotFound);
        }
        let mut c: person_connection::ActiveModel = c.into();
        c.ended_on = Set(Some(ctx.now.date_naive()));
        c.update(&txn).await?;
        append(&txn, ctx, AuditEntry::new("connection-ended").record("connection", id).person(person_id)).await?;
        txn.commit().await?;
        Ok(())
    }

    /// Who a letter about the person goes to today, and where (`letters_go_to`).
    pub async fn addressee(&self, person_id: &PersonId, today: NaiveDate) -> Result<Addressee> {
        addressee(&self.store.db, person_id, today).await
    }

    pub async fn representatives(&self, person_id: &PersonId, today: NaiveDate) -> Result<Vec<Representative>> {
        self.representatives_in(&self.store.db, person_id, today).await
    }

    async fn representatives_in(
        &self,
        conn: &impl ConnectionTrait,
        person_id: &PersonId,
        today: NaiveDate,
    ) -> Result<Vec<Representative>> {
        Ok(person_representative::Entity::find()
            .filter(person_representative::Column::PersonId.eq(person_id))
            .order_by_asc(person_representative::Column::CreatedAt)
            .all(conn)
            .await?
            .into_iter()
            .filter_map(|r| {
                let authority = Authority::from_key(&r.authority)?;
                let ended = r.to_date.is_some_and(|d| d < today);
                Some(Representative {
                    confirmed: authority_confirmed(authority, r.document_seen_on.is_some(), ended),
                    id: r.id,
                    name: r.name,
                    authority,
                    phone: r.phone,
                    document_seen_on: r.document_seen_on,
                    document_seen_by: r.document_seen_by,
                    document_reference: r.document_reference,
                    to_date: r.to_date,
                    address: r.address_line_1.map(|line_1| Address {
                        line_1,
                        line_2: r.address_line_2,
                        town: r.address_town,
                        postcode: r.address_postcode,
                        ..Address::default()
                    }),
                    letters_to_them: r.letters_to_them,
                })
            })
            .collect())
    }

    /// Someone with authority to act for the person; the document, if seen, is recorded as seen
    /// by whoever records it. Audited.
    pub async fn add_representative(
        &self,
        ctx: &AuditContext,
        person_id: &PersonId,
        new: &NewRepresentative,
    ) -> Result<RepresentativeId> {
        let problems = check_representative(new, ctx.now.date_naive());
        let (Some(authority), true) = (new.authority, problems.is_empty()) else {
            return Err(problems.into());
        };
        let txn = self.store.write().await?;
        load(&txn, person_id).await?;
        let id = RepresentativeId::generate();
        person_representative::ActiveModel {
            id: Set(id.clone()),
            person_id: Set(person_id.to_owned()),
            name: Set(new.name.trim().to_owned()),
            authority: Set(authority.key().to_owned()),
            phone: Set(new.phone.clone()),
            document_seen_on: Set(new.document_seen_on),
            document_seen_by: Set(new.document_seen_on.and(ctx_user(ctx))),
            document_reference: Set(new.document_reference.clone()),
            from_date: Set(None),
            to_date: Set(None),
            created_at: Set(ctx.now),
            address_line_1: Set(new.address.as_ref().map(|a| a.line_1.trim().to_owned())),
            address_line_2: Set(new.address.as_ref().and_then(|a| a.line_2.clone())),
            address_town: Set(new.address.as_ref().and_then(|a| a.town.clone())),
            address_postcode: Set(new.address.as_ref().and_then(|a| a.postcode.clone())),
            letters_to_them: Set(new.letters_to_them),
        }
        .insert(&txn)
        .await?;
        append(
            &txn,
            ctx,
            AuditEntry::new("representative-added").record("representative", &id).person(person_id).details(
                serde_json::json!({
                    "authority": authority.key(),
                    "document_seen": new.document_seen_on.is_some(),
                    "letters_to_them": new.letters_to_them,
                }),
            ),
        )
        .await?;
        txn.commit().await?;
        Ok(id)
    }

    /// Changes what is recorded about someone who acts for the person: refused as `Stale` when
    /// it changed after the form showed it. A document newly marked as seen is recorded as seen
    /// today by whoever records it; one seen before keeps who saw it and when. Audited.
    pub async fn change_representative(
        &self,
        ctx: &AuditContext,
        person_id: &PersonId,
        id: &RepresentativeId,
        changed: &NewRepresentative,
        expected: &EditToken,
    ) -> Result<()> {
        let problems = check_representative(changed, ctx.now.date_naive());
        let (Some(authority), true) = (changed.authority, problems.is_empty()) else {
            return Err(problems.into());
        };
        let txn = self.store.write().await?;
        let row =
            person_representative::Entity::find_by_id(id.to_owned()).one(&txn).await?.ok_or(StoreError::NotFound)?;
        if row.person_id != person_id {
            return Err(StoreError::NotFound);
        }
        let today = ctx.now.date_naive();
        let now = self
            .representatives_in(&txn, person_id, today)
            .await?
            .into_iter()
            .find(|r| r.id == *id)
            .ok_or(StoreError::NotFound)?;
        if *expected != now.edit_token() {
            return Err(StoreError::Stale);
        }
        let (seen_on, seen_by) = match (changed.document_seen_on, row.document_seen_on) {
            (Some(_), Some(before)) => (Some(before), row.document_seen_by.clone()),
            (Some(on), None) => (Some(on), ctx_user(ctx)),
            (None, _) => (None, None),
        };
        let mut r: person_representative::ActiveModel = row.into();
        r.name = Set(changed.name.trim().to_owned());
        r.authority = Set(authority.key().to_owned());
        r.phone = Set(changed.phone.clone());
        r.document_seen_on = Set(seen_on);
        r.document_seen_by = Set(seen_by);
        r.document_reference = Set(changed.document_reference.clone());
        r.address_line_1 = Set(changed.address.as_ref().map(|a| a.line_1.trim().to_owned()));
        r.address_line_2 = Set(changed.address.as_ref().and_then(|a| a.line_2.clone()));
        r.address_town = Set(changed.address.as_ref().and_then(|a| a.town.clone()));
        r.address_postcode = Set(changed.address.as_ref().and_then(|a| a.postcode.clone()));
        r.letters_to_them = Set(changed.letters_to_them);
        r.update(&txn).await?;
        append(
            &txn,
            ctx,
            AuditEntry::new("representative-changed").record("representative", id).person(person_id).details(
                serde_json::json!({
                    "authority": authority.key(),
                    "document_seen": seen_on.is_some(),
                    "letters_to_them": changed.letters_to_them,
                }),
            ),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// Warnings, active ones first.
    pub async fn warnings(&self, person_id: &PersonId) -> Result<Vec<Warning>> {
        let mut rows: Vec<Warning> = person_warning::Entity::find()
            .filter(person_warning::Column::PersonId.eq(person_id))
            .all(&self.store.db)
            .await?
            .into_iter()
            .map(|w| {
                Ok(Warning {
                    kind: stored("warning kind", &w.id, &w.kind, WarningKind::from_key)?,
                    id: w.id,
                    details: w.details,
                    starts_on: w.starts_on,
                    review_by: w.review_by,
                    ended_on: w.ended_on,
                    created_at: w.created_at,
                })
            })
            .collect::<Result<_>>()?;
        rows.sort_by_key(|w| (w.ended_on.is_some(), std::cmp::Reverse(w.starts_on)));
        Ok(rows)
    }

    /// Adds a warning, checked by the domain rules. Audited.
    pub async fn add_warning(&self, ctx: &AuditContext, person_id: &PersonId, new: &NewWarning) -> Result<WarningId> {
        let (kind, starts_on, review_by) = new.accept()?;
        let txn = self.store.write().await?;
        load(&txn, person_id).await?;
        let id = WarningId::generate();
        person_warning::ActiveModel {
            id: Set(id.clone()),
            person_id: Set(person_id.to_owned()),
            kind: Set(kind.key().to_owned()),
            details: Set(new.details.trim().to_owned()),
            starts_on: Set(starts_on),
            review_by: Set(review_by),
            ended_on: Set(None),
            ended_reason: Set(None),
            created_by: Set(ctx_user(ctx)),
            created_at: Set(ctx.now),
        }
        .insert(&txn)
        .await?;
        append(
            &txn,
            ctx,
            AuditEntry::new("warning-added")
                .record("warning", &id)
                .person(person_id)
                .details(serde_json::json!({"kind": kind.key()})),
        )
        .await?;
        txn.commit().await?;
        Ok(id)
    }

    /// Ends a warning, with why. Audited.
    pub async fn end_warning(
        &self,
        ctx: &AuditContext,
        person_id: &PersonId,
        id: &WarningId,
        reason: &str,
    ) -> Result<()> {
        if reason.trim().is_empty() {
            return Err(refused("reason", "Say why the warning no longer applies"));
        }
        let txn = self.store.write().await?;
        let w = person_warning::Entity::find_by_id(id.to_owned()).one(&txn).await?.ok_or(StoreError::NotFound)?;
        if w.person_id != person_id {
            return Err(StoreError::NotFound);
        }
        let mut w: person_warning::ActiveModel = w.into();
        w.ended_on = Set(Some(ctx.now.date_naive()));
        w.ended_reason = Set(Some(reason.trim().to_owned()));
        w.update(&txn).await?;
        append(
            &txn,
            ctx,
            AuditEntry::new("warning-ended").record("warning", id).person(person_id).reason(reason.trim()),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }
}

/// Who a letter about the person goes to, read on `conn` (so an approval can write the letter in
/// its own transaction): someone who acts for them, when the person asked for that and the
/// authority can be relied on, or the person at their current address.
pub(crate) async fn addressee<C: sea_orm::ConnectionTrait>(
    conn: &C,
    person_id: &PersonId,
    today: NaiveDate,
) -> Result<Addressee> {
    let person = load(conn, person_id).await?;
    let home = crate::entities::person_address::Entity::find()
        .filter(crate::entities::person_address::Column::PersonId.eq(person_id))
        .filter(crate::entities::person_address::Column::ToDate.is_null())
        .order_by_desc(crate::entities::person_address::Column::FromDate)
        .one(conn)
        .await?
        .map(|r| crate::people::records::address_from(r).lines())
        .unwrap_or_default();
    let acting = person_representative::Entity::find()
        .filter(person_representative::Column::PersonId.eq(person_id))
        .filter(person_representative::Column::LettersToThem.eq(true))
        .order_by_asc(person_representative::Column::CreatedAt)
        .all(conn)
        .await?;
    let acting: Vec<(Authority, &person_representative::Model, Vec<String>)> = acting
        .iter()
        .filter_map(|r| {
            let address = Address {
                line_1: r.address_line_1.clone()?,
                line_2: r.address_line_2.clone(),
                town: r.address_town.clone(),
                postcode: r.address_postcode.clone(),
                ..Address::default()
            };
            Some((Authority::from_key(&r.authority)?, r, address.lines()))
        })
        .collect();
    let acting: Vec<ActingFor<'_>> = acting
        .iter()
        .map(|(authority, r, address)| ActingFor {
            name: &r.name,
            confirmed: authority_confirmed(
                *authority,
                r.document_seen_on.is_some(),
                r.to_date.is_some_and(|d| d < today),
            ),
            letters_to_them: r.letters_to_them,
            address: address.clone(),
        })
        .collect();
    Ok(letters_go_to(&person.display_name(), home, &acting))
}

/// What a representative needs before it is recorded: an authority, a name, a document seen on
/// a day not in the future, and an address when letters are to go to them.
fn check_representative(new: &NewRepresentative, today: NaiveDate) -> Problems {
    let mut problems = Problems::default();
    problems.check(new.authority.is_none(), "authority", "Choose what authority they have");
    problems.check(new.name.trim().is_empty(), "name", "Enter their name");
    problems.check(
        new.document_seen_on.is_some_and(|d| d > today),
        "document_seen_on",
        "The day the document was seen must be today or in the past",
    );
    match &new.address {
        Some(address) => problems.extend(address.check()),
        None => problems.check(new.letters_to_them, "line_1", "Enter their address, so that letters can go to them"),
    }
    problems
}
