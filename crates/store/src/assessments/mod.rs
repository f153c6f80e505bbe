//! Care Act assessments and what follows: needs and carers' assessments with their sign-off and
//! eligibility determinations (this file), plans with personal budgets and reviews
//! ([`plans`]), capacity assessments and transitions ([`capacity`]), and the Client Level Data
//! events all of them make ([`events`]). The rules are `hearth_domain::assessments`; this
//! module keeps their results, refuses what the rules refuse, and audits every change against
//! the person.

pub mod capacity;
pub mod events;
pub mod plans;

use crate::audit::{AuditContext, AuditEntry, append};
use crate::charging::requests::reference;
use crate::entities::{assessment, eligibility_determination, record_copy};
use crate::people::records::{acting_user, ctx_user, load};
use crate::refused;
use crate::stored;
use crate::{AssessmentId, Assessments, ContactId, DeterminationId, PersonId, PlanId, Result, StoreError, UserId};
use chrono::{DateTime, NaiveDate, Utc};
use hearth_domain::Problems;
use hearth_domain::assessments::approval::{may_approve, may_return};
use hearth_domain::assessments::codes::{AssessmentMethod, AssessmentType};
use hearth_domain::assessments::eligibility::{
    AdultFindings, CarerFindings, Determination, determine_adult, determine_carer, may_issue,
};
use hearth_domain::assessments::letters::{Letter, LetterFacts, determination_letter, reading_age};
use hearth_domain::assessments::safeguards::{
    Advocacy, AppropriatePerson, Difficulty, Refusal, advocate_required, may_submit, refusal,
};
use hearth_domain::edits::EditToken;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use serde::{Deserialize, Serialize};

/// Which assessment: of an adult's needs (s9) or of a carer's (s10).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AssessmentKind {
    Needs,
    Carer,
}

impl AssessmentKind {
    pub fn key(self) -> &'static str {
        match self {
            AssessmentKind::Needs => "needs",
            AssessmentKind::Carer => "carer",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        match key {
            "needs" => Some(AssessmentKind::Needs),
            "carer" => Some(AssessmentKind::Carer),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            AssessmentKind::Needs => "Needs assessment",
            AssessmentKind::Carer => "Carer's assessment",
        }
    }
}

pub use hearth_domain::assessments::lifecycle::AssessmentStatus;

/// What was found, by the regulation that applies.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "regime", rename_all = "kebab-case")]
pub enum Findings {
    Adult(AdultFindings),
    Carer(CarerFindings),
}

impl Findings {
    pub fn determine(&self) -> Determination {
        match self {
            Findings::Adult(f) => determine_adult(f),
            Findings::Carer(f) => determine_carer(f),
        }
    }

    pub fn check(&self, today: NaiveDate) -> Problems {
        match self {
            Findings::Adult(f) => f.check(today),
            Findings::Carer(f) => f.check(today),
        }
    }
}

/// Advocacy for this assessment (s67): the difficulty, who could support the person, and
/// where it stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdvocacyRecord {
    pub difficulty: Difficulty,
    pub supporter: Option<AppropriatePerson>,
    pub status: Advocacy,
}

impl Default for AdvocacyRecord {
    fn default() -> Self {
        AdvocacyRecord { difficulty: Difficulty::default(), supporter: None, status: Advocacy::NotNeeded }
    }
}

impl AdvocacyRecord {
    pub fn required(&self) -> bool {
        advocate_required(self.difficulty, self.supporter.as_ref())
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assessment {
    pub id: AssessmentId,
    pub reference: String,
    pub person_id: PersonId,
    pub kind: AssessmentKind,
    pub cared_for_id: Option<PersonId>,
    pub cared_for_name: Option<String>,
    pub assessment_type: AssessmentType,
    pub method: AssessmentMethod,
    pub status: AssessmentStatus,
    pub started_on: NaiveDate,
    pub contact_id: Option<ContactId>,
    pub findings: Findings,
    /// The person's own view and what matters to them, in their words (s9(4)(b)).
    pub persons_view: String,
    /// What they can do, and who and what around them helps (s9(6)).
    pub strengths: String,
    /// The impact on their wellbeing (s1(2), s9(4)(a)).
    pub wellbeing: String,
    /// Carers: able and willing to carry on caring (s10(5)(a), (b)).
    pub carer_able_willing: Option<String>,
    /// Carers: work, education, training and recreation (s10(6)).
    pub carer_work_learning: Option<String>,
    /// Information and advice given: required when no needs are eligible (s13(5)).
    pub advice: String,
    pub refused: bool,
    pub refusal: Option<Refusal>,
    pub refusal_note: Option<String>,
    pub advocacy: AdvocacyRecord,
    pub worker_id: Option<UserId>,
    pub submitted_by: Option<String>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub decided_by: Option<String>,
    pub decided_at: Option<DateTime<Utc>>,
    pub return_comment: Option<String>,
    pub completed_on: Option<NaiveDate>,
    pub supersedes_id: Option<AssessmentId>,
    pub created_at: DateTime<Utc>,
}

impl Assessment {
    /// The token of what the assessment form shows and saves (`hearth_domain::edits`).
    pub fn edit_token(&self) -> EditToken {
        EditToken::of(&(
            self.status.label(),
            self.method.key(),
            &self.findings,
            &self.persons_view,
            &self.strengths,
            &self.wellbeing,
            &self.carer_able_willing,
            &self.carer_work_learning,
            &self.advice,
            &self.advocacy,
        ))
    }

    /// The eligibility these findings give now (before it is issued).
    pub fn provisional(&self) -> Determination {
        self.findings.determine()
    }
}

/// What the assessment form saves. `None` leaves a part as it is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AssessmentUpdate {
    pub method: Option<AssessmentMethod>,
    pub findings: Option<Findings>,
    pub persons_view: Option<String>,
    pub strengths: Option<String>,
    pub wellbeing: Option<String>,
    pub carer_able_willing: Option<String>,
    pub carer_work_learning: Option<String>,
    pub advice: Option<String>,
    pub advocacy: Option<AdvocacyRecord>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewAssessment {
    pub kind: AssessmentKind,
    /// For a carer's assessment: the person they care for, by record or by name.
    pub cared_for_id: Option<PersonId>,
    pub cared_for_name: Option<String>,
    pub method: AssessmentMethod,
    pub started_on: NaiveDate,
    pub contact_id: Option<ContactId>,
}

/// An issued determination, never changed.
#[derive(Clone, Debug, PartialEq)]
pub struct IssuedDetermination {
    pub id: DeterminationId,
    pub assessment_id: AssessmentId,
    pub person_id: PersonId,
    pub determination: Determination,
    pub advice: String,
    pub letter: Letter,
    pub reading_age: f64,
    pub issued_by: Option<String>,
    pub issued_at: DateTime<Utc>,
    pub superseded_by: Option<DeterminationId>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Copy {
    pub given_to: String,
    pub how: String,
    pub given_on: NaiveDate,
}

/// Who is approving, and the words for the letter.
pub struct Approver<'a> {
    pub is_manager: bool,
    pub council: &'a str,
    pub phone: &'a str,
    /// The council's address for letters, a line each.
    pub council_address: &'a [String],
}

fn assessment_from(r: assessment::Model) -> Result<Assessment> {
    let broken = |what: &str| StoreError::Unreadable(format!("assessment {}: {what} could not be read", r.reference));
    let findings: Findings = serde_json::from_str(&r.findings).map_err(|_| broken("findings"))?;
    let advocacy: AdvocacyRecord = serde_json::from_str(&r.advocacy).map_err(|_| broken("advocacy"))?;
    Ok(Assessment {
        kind: AssessmentKind::from_key(&r.kind).ok_or_else(|| broken("kind"))?,
        assessment_type: stored("assessment type", &r.id, &r.assessment_type, AssessmentType::from_key)?,
        method: stored("assessment method", &r.id, &r.method, AssessmentMethod::from_key)?,
        status: AssessmentStatus::from_key(&r.status)
            .ok_or_else(|| StoreError::Unreadable(format!("assessment {}: stage {:?}", r.id, r.status)))?,
        refusal: r.refusal_outcome.as_deref().and_then(Refusal::from_key),
        id: r.id,
        reference: r.reference,
        person_id: r.person_id,
        cared_for_id: r.cared_for_id,
        cared_for_name: r.cared_for_name,
        started_on: r.started_on,
        contact_id: r.contact_id,
        findings,
        persons_view: r.persons_view,
        strengths: r.strengths,
        wellbeing: r.wellbeing,
        advice: r.advice,
        carer_able_willing: r.carer_able_willing,
        carer_work_learning: r.carer_work_learning,
        refused: r.refused,
        refusal_note: r.refusal_note,
        advocacy,
        worker_id: r.worker_id,
        submitted_by: r.submitted_by,
        submitted_at: r.submitted_at,
        decided_by: r.decided_by,
        decided_at: r.decided_at,
        return_comment: r.return_comment,
        completed_on: r.completed_on,
        supersedes_id: r.supersedes_id,
        created_at: r.created_at,
    })
}

fn determination_from(r: eligibility_determination::Model) -> Result<IssuedDetermination> {
    let broken = || StoreError::Unreadable(format!("determination {} could not be read", r.id));
    Ok(IssuedDetermination {
        determination: serde_json::from_str(&r.determination).map_err(|_| broken())?,
        letter: serde_json::from_str(&r.letter).map_err(|_| broken())?,
        reading_age: r.reading_age as f64 / 10.0,
        id: r.id,
        assessment_id: r.assessment_id,
        person_id: r.person_id,
        advice: r.advice,
        issued_by: r.issued_by,
        issued_at: r.issued_at,
        superseded_by: r.superseded_by,
    })
}

async fn load_assessment<C: ConnectionTrait>(conn: &C, id: &AssessmentId) -> Result<(assessment::Model, Assessment)> {
    let row = assessment::Entity::find_by_id(id.to_owned()).one(conn).await?.ok_or(StoreError::NotFound)?;
    let a = assessment_from(row.clone())?;
    Ok((row, a))
}

fn blank_findings(kind: AssessmentKind) -> Findings {
    use hearth_domain::assessments::eligibility::Finding;
    use hearth_domain::assessments::outcomes::{AdultOutcome, CarerOutcome};
    // Every outcome starts as "can achieve it", so the practitioner marks only what is hard.
    match kind {
        AssessmentKind::Needs => Findings::Adult(AdultFindings {
            outcomes: AdultOutcome::ALL.iter().map(|o| Finding::achieved(*o)).collect(),
            ..AdultFindings::default()
        }),
        AssessmentKind::Carer => Findings::Carer(CarerFindings {
            outcomes: CarerOutcome::ALL.iter().map(|o| Finding::achieved(*o)).collect(),
            ..CarerFindings::default()
        }),
    }
}

/// A written record the person is given a copy of: the determination (Care Act 2014 s13(2))
/// or the plan (s25(9)). Copies of each are kept against the record they copy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WrittenRecord {
    Determination(DeterminationId),
    Plan(PlanId),
}

impl WrittenRecord {
    /// The kind as `record_copy.record_kind` holds it.
    fn kind(&self) -> &'static str {
        match self {
            WrittenRecord::Determination(_) => "determination",
            WrittenRecord::Plan(_) => "plan",
        }
    }

    fn id(&self) -> &str {
        match self {
            WrittenRecord::Determination(id) => id.as_str(),
            WrittenRecord::Plan(id) => id.as_str(),
        }
    }

    /// The table the audit trail names.
    fn table(&self) -> &'static str {
        match self {
            WrittenRecord::Determination(_) => "eligibility_determination",
            WrittenRecord::Plan(_) => "care_plan",
        }
    }
}

impl Assessments<'_> {
    /// Starts an assessment. What Hearth already knows is filled in: the person's own words on
    /// what matters from their latest conversation, and what they can do and who is around
    /// them from their record. Audited.
    pub async fn start_assessment(
        &self,
        ctx: &AuditContext,
        person_id: &PersonId,
        new: &NewAssessment,
    ) -> Result<AssessmentId> {
        if new.started_on > ctx.now.date_naive() {
            return Err(refused("started_on", "The assessment must start today or in the past"));
        }
        let around: Vec<String> = self
            .store
            .people()
            .relations(person_id)
            .await?
            .into_iter()
            .map(|r| {
                let mut s = format!("{} ({})", r.name, r.relationship().to_lowercase());
                if r.main_carer {
                    s.push_str(", main carer");
                }
                s
            })
            .collect();
        let txn = self.store.write().await?;
        let person = load(&txn, person_id).await?;
        let cared_for_name = match (&new.cared_for_id, new.kind) {
            (_, AssessmentKind::Needs) => None,
            (Some(id), AssessmentKind::Carer) if id == person_id => {
                return Err(refused("cared_for", "A carer cares for someone else"));
            }
            (Some(id), AssessmentKind::Carer) => Some(load(&txn, id).await?.display_name()),
            (None, AssessmentKind::Carer) => match new.cared_for_name.as_deref().map(str::trim) {
                Some(name) if !name.is_empty() => Some(name.to_owned()),
                _ => return Err(refused("cared_for", "Say who they care for")),
            },
        };
        // Filled in from what Hearth already knows, for the practitioner to check with the person.
        let latest_words = crate::entities::conversation::Entity::find()
            .filter(crate::entities::conversation::Column::PersonId.eq(person_id))
            .order_by_desc(crate::entities::conversation::Column::StartedOn)
            .one(&txn)
            .await?
            .map(|c| c.what_matters)
            .filter(|w| !w.trim().is_empty());
        let what_matters =
            person.what_matters.clone().filter(|w| !w.trim().is_empty()).or(latest_words).unwrap_or_default();
        let mut strengths = person.strengths.clone().unwrap_or_default();
        if !around.is_empty() {
            if !strengths.is_empty() {
                strengths.push_str("\n\n");
            }
            strengths.push_str(&format!("People around them: {}.", around.join("; ")));
        }
        let worker = crate::entities::allocation::Entity::find()
            .filter(crate::entities::allocation::Column::PersonId.eq(person_id))
            .filter(crate::entities::allocation::Column::EndedAt.is_null())
            .one(&txn)
            .await?;
        let kind = new.kind;
        // A reassessment: it supersedes the person's latest completed assessment of this kind.
        let earlier = assessment::Entity::find()
            .filter(assessment::Column::PersonId.eq(person_id))
            .filter(assessment::Column::Kind.eq(kind.key()))
            .filter(assessment::Column::Status.eq(AssessmentStatus::Completed.key()))
            .order_by_desc(assessment::Column::CompletedOn)
            .one(&txn)
            .await?;
        let id = AssessmentId::generate();
        assessment::ActiveModel {
            id: Set(id.clone()),
            reference: Set(reference("A")),
            person_id: Set(person_id.to_owned()),
            kind: Set(kind.key().to_owned()),
            cared_for_id: Set(new.cared_for_id.clone().filter(|_| kind == AssessmentKind::Carer)),
            cared_for_name: Set(cared_for_name),
            assessment_type: Set(match kind {
                AssessmentKind::Needs => AssessmentType::LongTerm,
                AssessmentKind::Carer => AssessmentType::Carer,
            }
            .key()
            .to_owned()),
            method: Set(new.method.key().to_owned()),
            status: Set(AssessmentStatus::InProgress.key().to_owned()),
            started_on: Set(new.started_on),
            contact_id: Set(new.contact_id.clone()),
            findings: Set(serde_json::to_string(&blank_findings(kind)).expect("serialises")),
            persons_view: Set(what_matters),
            strengths: Set(strengths),
            wellbeing: Set(String::new()),
            advice: Set(String::new()),
            carer_able_willing: Set(None),
            carer_work_learning: Set(None),
            refused: Set(false),
            refusal_outcome: Set(None),
            refusal_note: Set(None),
            advocacy: Set(serde_json::to_string(&AdvocacyRecord::default()).expect("serialises")),
            worker_id: Set(worker.as_ref().and_then(|w| w.worker_id.clone()).or_else(|| acting_user(ctx))),
            team_id: Set(worker.map(|w| w.team_id)),
            submitted_by: Set(None),
            submitted_at: Set(None),
            decided_by: Set(None),
            decided_at: Set(None),
            return_comment: Set(None),
            completed_on: Set(None),
            supersedes_id: Set(earlier.map(|e| e.id)),
            created_by: Set(ctx_user(ctx)),
            created_at: Set(ctx.now),
            updated_at: Set(ctx.now),
        }
        .insert(&txn)
        .await?;
        append(
            &txn,
            ctx,
            AuditEntry::new("assessment-started")
                .record("assessment", &id)
                .person(person_id)
                .details(serde_json::json!({"kind": kind.key(), "method": new.method.key()})),
        )
        .await?;
        txn.commit().await?;
        Ok(id)
    }

    pub async fn assessment(&self, id: &AssessmentId) -> Result<Assessment> {
        Ok(load_assessment(&self.store.db, id).await?.1)
    }

    /// A person's assessments, the newest first.
    pub async fn assessments_for(&self, person_id: &PersonId) -> Result<Vec<Assessment>> {
        assessment::Entity::find()
            .filter(assessment::Column::PersonId.eq(person_id))
            .order_by_desc(assessment::Column::StartedOn)
            .order_by_desc(assessment::Column::CreatedAt)
            .all(&self.store.db)
            .await?
            .into_iter()
            .map(assessment_from)
            .collect()
    }

    /// Assessments waiting for a team manager's approval, the longest waiting first.
    pub async fn assessments_awaiting_approval(&self) -> Result<Vec<Assessment>> {
        assessment::Entity::find()
            .filter(assessment::Column::Status.eq(AssessmentStatus::Submitted.key()))
            .order_by_asc(assessment::Column::SubmittedAt)
            .all(&self.store.db)
            .await?
            .into_iter()
            .map(assessment_from)
            .collect()
    }

    /// Saves the parts given, while the assessment is still with the practitioner. Audited
    /// with the names of the parts changed.
    pub async fn save_assessment(
        &self,
        ctx: &AuditContext,
        id: &AssessmentId,
        update: &AssessmentUpdate,
        expected: Option<&EditToken>,
    ) -> Result<()> {
        let txn = self.store.write().await?;
        let (row, a) = load_assessment(&txn, id).await?;
        a.status.may_change()?;
        if expected.is_some_and(|e| *e != a.edit_token()) {
            return Err(StoreError::Stale);
        }
        let mut changed = Vec::new();
        let mut m: assessment::ActiveModel = row.into();
        if let Some(method) = update.method
            && method != a.method
        {
            m.method = Set(method.key().to_owned());
            changed.push("method");
        }
        if let Some(f) = &update.findings {
            let same_regime = matches!(
                (f, a.kind),
                (Findings::Adult(_), AssessmentKind::Needs) | (Findings::Carer(_), AssessmentKind::Carer)
            );
            if !same_regime {
                return Err(refused("findings", "These findings are for the other kind of assessment"));
            }
            if let Findings::Carer(c) = f {
                // Refused here as well as never offered by the form.
                c.ways_outside_regulations().into_result()?;
            }
            if *f != a.findings {
                m.findings = Set(serde_json::to_string(f).expect("serialises"));
                changed.push("findings");
            }
        }
        let text = |new: &Option<String>, old: &str| new.as_ref().map(|s| s.trim().to_owned()).filter(|s| s != old);
        if let Some(v) = text(&update.persons_view, &a.persons_view) {
            m.persons_view = Set(v);
            changed.push("persons_view");
        }
        if let Some(v) = text(&update.strengths, &a.strengths) {
            m.strengths = Set(v);
            changed.push("strengths");
        }
        if let Some(v) = text(&update.wellbeing, &a.wellbeing) {
            m.wellbeing = Set(v);
            changed.push("wellbeing");
        }
        if let Some(v) = text(&update.advice, &a.advice) {
            m.advice = Set(v);
            changed.push("advice");
        }
        if let Some(v) = text(&update.carer_able_willing, a.carer_able_willing.as_deref().unwrap_or("")) {
            m.carer_able_willing = Set(Some(v));
            changed.push("carer_able_willing");
        }
        if let Some(v) = text(&update.carer_work_learning, a.carer_work_learning.as_deref().unwrap_or("")) {
            m.carer_work_learning = Set(Some(v));
            changed.push("carer_work_learning");
        }
        if let Some(adv) = &update.advocacy
            && *adv != a.advocacy
        {
            if let Advocacy::ManagerException { .. } = adv.status
                && !matches!(a.advocacy.status, Advocacy::ManagerException { .. })
            {
                return Err(refused("advocacy", "Only a team manager can record going ahead without an advocate"));
            }
            m.advocacy = Set(serde_json::to_string(adv).expect("serialises"));
            changed.push("advocacy");
        }
        if changed.is_empty() {
            return Ok(());
        }
        m.updated_at = Set(ctx.now);
        m.update(&txn).await?;
        append(
            &txn,
            ctx,
            AuditEntry::new("assessment-updated")
                .record("assessment", id)
                .person(&a.person_id)
                .details(serde_json::json!({"changed": changed})),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// A team manager records why the work goes ahead without an advocate (s67). Audited.
    pub async fn advocacy_exception(
        &self,
        ctx: &AuditContext,
        id: &AssessmentId,
        is_manager: bool,
        reason: &str,
    ) -> Result<()> {
        if !is_manager {
            return Err(refused(Problems::FORM, "Only a team manager can record going ahead without an advocate"));
        }
        if reason.trim().is_empty() {
            return Err(refused("exception_reason", "Give the reason for going ahead without an advocate"));
        }
        let txn = self.store.write().await?;
        let (row, a) = load_assessment(&txn, id).await?;
        let mut advocacy = a.advocacy.clone();
        advocacy.status = Advocacy::ManagerException { reason: reason.trim().to_owned() };
        let mut m: assessment::ActiveModel = row.into();
        m.advocacy = Set(serde_json::to_string(&advocacy).expect("serialises"));
        m.updated_at = Set(ctx.now);
        m.update(&txn).await?;
        append(
            &txn,
            ctx,
            AuditEntry::new("advocacy-exception").record("assessment", id).person(&a.person_id).reason(reason.trim()),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// Records that the person refused the assessment (s11). The refusal stands, ending the
    /// assessment, unless the person may be experiencing or at risk of abuse or neglect, or
    /// lacks capacity to refuse and the assessment is in their best interests. Audited.
    pub async fn record_refusal(
        &self,
        ctx: &AuditContext,
        id: &AssessmentId,
        abuse_or_neglect: bool,
        lacks_capacity_best_interests: bool,
        note: &str,
    ) -> Result<Refusal> {
        let txn = self.store.write().await?;
        let (row, a) = load_assessment(&txn, id).await?;
        a.status.may_change()?;
        if note.trim().is_empty() {
            return Err(refused("refusal_note", "Say what the person said, and when"));
        }
        if lacks_capacity_best_interests && !abuse_or_neglect {
            let lacks = crate::entities::capacity_assessment::Entity::find()
                .filter(crate::entities::capacity_assessment::Column::PersonId.eq(&a.person_id))
                .filter(crate::entities::capacity_assessment::Column::Result.eq("lacks"))
                .one(&txn)
                .await?;
            if lacks.is_none() {
                return Err(refused(
                    "lacks_capacity",
                    "Record a capacity assessment for this decision first: a lack of capacity has to be assessed, not assumed (Mental Capacity Act 2005 s1(2))",
                ));
            }
        }
        let outcome = refusal(a.kind == AssessmentKind::Carer, lacks_capacity_best_interests, abuse_or_neglect);
        let mut m: assessment::ActiveModel = row.into();
        m.refused = Set(true);
        m.refusal_outcome =
            Set(Some(serde_json::to_value(outcome).expect("serialises").as_str().expect("a string").to_owned()));
        m.refusal_note = Set(Some(note.trim().to_owned()));
        let next = a.status.refuse(outcome)?;
        if next != a.status {
            m.status = Set(next.key().to_owned());
            m.completed_on = Set(Some(ctx.now.date_naive()));
        }
        m.updated_at = Set(ctx.now);
        m.update(&txn).await?;
        append(
            &txn,
            ctx,
            AuditEntry::new("assessment-refused")
                .record("assessment", id)
                .person(&a.person_id)
                .reason(note.trim())
                .details(serde_json::json!({"outcome": outcome, "law": outcome.citation()})),
        )
        .await?;
        txn.commit().await?;
        Ok(outcome)
    }

    /// Submits the assessment for a team manager's approval, once its findings are complete,
    /// any advocate needed is appointed (or a manager has said why not), and an ineligible
    /// result carries the information and advice s13(5) requires. Audited.
    pub async fn submit_assessment(
        &self,
        ctx: &AuditContext,
        id: &AssessmentId,
        expected: Option<&EditToken>,
    ) -> Result<()> {
        let txn = self.store.write().await?;
        let (row, a) = load_assessment(&txn, id).await?;
        // Sent from "check your answers": only what was checked is sent.
        if expected.is_some_and(|e| *e != a.edit_token()) {
            return Err(StoreError::Stale);
        }
        let next = a.status.submit()?;
        // Everything still missing is said at once, so it can all be put right in one go.
        let mut problems = a.findings.check(ctx.now.date_naive());
        // The result (and so whether advice is owed) is only known once the findings are whole.
        let findings_whole = problems.is_empty();
        problems.check(
            a.persons_view.trim().is_empty(),
            "persons_view",
            "Write the person's own view and what matters to them (Care Act 2014 s9(4)(b))",
        );
        problems.check(
            a.kind == AssessmentKind::Carer && a.carer_able_willing.as_deref().is_none_or(|s| s.trim().is_empty()),
            "carer_able_willing",
            "Say whether the carer is able and willing to carry on caring (s10(5))",
        );
        if let Err(e) = may_submit(a.advocacy.required(), &a.advocacy.status) {
            problems.add("advocacy", e.to_string());
        }
        if findings_whole && let Err(e) = may_issue(&a.provisional(), &a.advice) {
            problems.add("advice", e.to_string());
        }
        problems.into_result()?;
        let mut m: assessment::ActiveModel = row.into();
        m.status = Set(next.key().to_owned());
        m.submitted_by = Set(ctx_user(ctx));
        m.submitted_at = Set(Some(ctx.now));
        m.return_comment = Set(None);
        m.updated_at = Set(ctx.now);
        m.update(&txn).await?;
        append(&txn, ctx, AuditEntry::new("assessment-submitted").record("assessment", id).person(&a.person_id))
            .await?;
        txn.commit().await?;
        Ok(())
    }

    /// Sends a submitted assessment back with a comment. Audited.
    pub async fn return_assessment(
        &self,
        ctx: &AuditContext,
        id: &AssessmentId,
        is_manager: bool,
        comment: &str,
    ) -> Result<()> {
        let txn = self.store.write().await?;
        let (row, a) = load_assessment(&txn, id).await?;
        let next = a.status.send_back()?;
        let me = ctx_user(ctx).unwrap_or_default();
        may_return(a.submitted_by.as_deref().unwrap_or(""), &me, is_manager, comment).map_err(|e| e.problems())?;
        let mut m: assessment::ActiveModel = row.into();
        m.status = Set(next.key().to_owned());
        m.return_comment = Set(Some(comment.trim().to_owned()));
        m.decided_by = Set(Some(me));
        m.decided_at = Set(Some(ctx.now));
        m.updated_at = Set(ctx.now);
        m.update(&txn).await?;
        append(
            &txn,
            ctx,
            AuditEntry::new("assessment-returned").record("assessment", id).person(&a.person_id).reason(comment.trim()),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// Approves the assessment and issues its eligibility determination with the written
    /// record (s13(1), (2)): never by the person who submitted it. The determination is fixed
    /// from now on; the person's earlier determination of the same kind is superseded. Audited.
    pub async fn approve_assessment(
        &self,
        ctx: &AuditContext,
        id: &AssessmentId,
        approver: &Approver<'_>,
    ) -> Result<DeterminationId> {
        let txn = self.store.write().await?;
        let (row, a) = load_assessment(&txn, id).await?;
        let me = ctx_user(ctx).unwrap_or_default();
        may_approve(a.submitted_by.as_deref().unwrap_or(""), &me, approver.is_manager, a.status.waiting())
            .map_err(|e| e.problems())?;
        let next = a.status.approve()?;
        let determination = a.provisional();
        may_issue(&determination, &a.advice).map_err(|e| refused(Problems::FORM, e.to_string()))?;
        let person = load(&txn, &a.person_id).await?;
        let worker = match &a.worker_id {
            Some(w) => crate::entities::app_user::Entity::find_by_id(w.clone()).one(&txn).await?,
            None => None,
        };
        let worker_name = worker.as_ref().map_or_else(|| "Your worker".to_owned(), |u| u.name.clone());
        let worker_email = worker.as_ref().map(|u| u.email.clone()).unwrap_or_default();
        // The letter goes to where the person lives now, as the record has it today, or to
        // whoever acts for them, if the person asked for that.
        let addressee = crate::people::network::addressee(&txn, &a.person_id, ctx.now.date_naive()).await?;
        let letter = determination_letter(
            &determination,
            &LetterFacts {
                name: &person.display_name(),
                assessed_on: a.started_on,
                written_on: ctx.now.date_naive(),
                reference: &a.reference,
                addressee,
                council: approver.council,
                council_address: approver.council_address.to_vec(),
                worker: &worker_name,
                worker_email: &worker_email,
                phone: approver.phone,
                advice: &a.advice,
            },
        );
        let age = reading_age(&letter.text());
        let determination_id = DeterminationId::generate();
        eligibility_determination::ActiveModel {
            id: Set(determination_id.clone()),
            assessment_id: Set(id.to_owned()),
            person_id: Set(a.person_id.clone()),
            regime: Set(a.kind.key().to_owned()),
            eligible: Set(determination.eligible),
            eligible_outcomes: Set(determination.eligible_outcomes().join(",")),
            determination: Set(serde_json::to_string(&determination).expect("serialises")),
            advice: Set(a.advice.clone()),
            letter: Set(serde_json::to_string(&letter).expect("serialises")),
            reading_age: Set((age * 10.0).round() as i64),
            issued_by: Set(Some(me.clone())),
            issued_at: Set(ctx.now),
            superseded_by: Set(None),
        }
        .insert(&txn)
        .await?;
        // The earlier determination of the same kind stands in the history, marked as replaced.
        for earlier in eligibility_determination::Entity::find()
            .filter(eligibility_determination::Column::PersonId.eq(&a.person_id))
            .filter(eligibility_determination::Column::Regime.eq(a.kind.key()))
            .filter(eligibility_determination::Column::SupersededBy.is_null())
            .filter(eligibility_determination::Column::Id.ne(&determination_id))
            .all(&txn)
            .await?
        {
            let mut e: eligibility_determination::ActiveModel = earlier.into();
            e.superseded_by = Set(Some(determination_id.clone()));
            e.update(&txn).await?;
        }
        let mut m: assessment::ActiveModel = row.into();
        m.status = Set(next.key().to_owned());
        m.decided_by = Set(Some(me));
        m.decided_at = Set(Some(ctx.now));
        m.completed_on = Set(Some(ctx.now.date_naive()));
        m.updated_at = Set(ctx.now);
        m.update(&txn).await?;
        append(
            &txn,
            ctx,
            AuditEntry::new("eligibility-determined")
                .record("eligibility_determination", &determination_id)
                .person(&a.person_id)
                .details(serde_json::json!({
                    "assessment_id": id,
                    "eligible": determination.eligible,
                    "outcomes": determination.eligible_outcomes(),
                })),
        )
        .await?;
        txn.commit().await?;
        Ok(determination_id)
    }

    pub async fn determination_of(&self, assessment_id: &AssessmentId) -> Result<Option<IssuedDetermination>> {
        eligibility_determination::Entity::find()
            .filter(eligibility_determination::Column::AssessmentId.eq(assessment_id))
            .one(&self.store.db)
            .await?
            .map(determination_from)
            .transpose()
    }

    pub async fn determination(&self, id: &DeterminationId) -> Result<IssuedDetermination> {
        determination_from(
            eligibility_determination::Entity::find_by_id(id.to_owned())
                .one(&self.store.db)
                .await?
                .ok_or(StoreError::NotFound)?,
        )
    }

    /// Records that a copy of a written record was given (s12(3), s13(2), s25(9)). Audited as
    /// a disclosure.
    #[allow(clippy::too_many_arguments)]
    pub async fn record_copy_given(
        &self,
        ctx: &AuditContext,
        person_id: &PersonId,
        record: &WrittenRecord,
        given_to: &str,
        how: &str,
        given_on: NaiveDate,
    ) -> Result<()> {
        let mut problems = Problems::default();
        problems.check(given_to.trim().is_empty(), "given_to", "Enter who was given the copy");
        problems.check(how.trim().is_empty(), "how", "Say how it was given");
        problems.check(given_on > ctx.now.date_naive(), "given_on", "The day must be today or in the past");
        problems.into_result()?;
        let txn = self.store.write().await?;
        record_copy::ActiveModel {
            id: Set(uuid::Uuid::new_v4().to_string()),
            person_id: Set(person_id.to_owned()),
            record_kind: Set(record.kind().to_owned()),
            record_id: Set(record.id().to_owned()),
            given_to: Set(given_to.trim().to_owned()),
            how: Set(how.trim().to_owned()),
            given_on: Set(given_on),
            given_by: Set(ctx_user(ctx)),
            created_at: Set(ctx.now),
        }
        .insert(&txn)
        .await?;
        append(
            &txn,
            ctx,
            AuditEntry::new("record-copy-given")
                .record(record.table(), record.id())
                .person(person_id)
                .details(serde_json::json!({"given_to": given_to.trim(), "how": how.trim()})),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// Every determination issued for a person, newest first.
    pub async fn determinations_for(&self, person_id: &PersonId) -> Result<Vec<IssuedDetermination>> {
        eligibility_determination::Entity::find()
            .filter(eligibility_determination::Column::PersonId.eq(person_id))
            .order_by_desc(eligibility_determination::Column::IssuedAt)
            .all(&self.store.db)
            .await?
            .into_iter()
            .map(determination_from)
            .collect()
    }

    /// Every copy of a written record given about a person: (what it was a copy of, its id, the copy).
    pub async fn copies_given_about(&self, person_id: &PersonId) -> Result<Vec<(String, String, Copy)>> {
        Ok(record_copy::Entity::find()
            .filter(record_copy::Column::PersonId.eq(person_id))
            .order_by_asc(record_copy::Column::CreatedAt)
            .all(&self.store.db)
            .await?
            .into_iter()
            .map(|c| (c.record_kind, c.record_id, Copy { given_to: c.given_to, how: c.how, given_on: c.given_on }))
            .collect())
    }

    /// The copies given of one written record, oldest first.
    pub async fn copies_given(&self, record: &WrittenRecord) -> Result<Vec<Copy>> {
        Ok(record_copy::Entity::find()
            .filter(record_copy::Column::RecordKind.eq(record.kind()))
            .filter(record_copy::Column::RecordId.eq(record.id()))
            .order_by_asc(record_copy::Column::CreatedAt)
            .all(&self.store.db)
            .await?
            .into_iter()
            .map(|c| Copy { given_to: c.given_to, how: c.how, given_on: c.given_on })
            .collect())
    }
}
