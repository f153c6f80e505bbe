//! Loads the fictional demo council.

use crate::audit::{AuditContext, AuditEntry, append};
use crate::{NewUser, Result, Store, StoreError, UserId};
use chrono::Duration;
use hearth_domain::demo::{DEMO_COUNCIL_NAME, DemoStaff, demo_staff, scaled_staff};
use hearth_domain::email::EmailAddress;
use hearth_domain::password::NewPassword;

/// What a demo load did, for the console.
#[derive(Debug)]
pub struct DemoSummary {
    /// False when the demo council was already there.
    pub created: bool,
    /// The accounts people can sign in with, with their passwords.
    pub staff: Vec<DemoStaff>,
    pub extra_staff: usize,
    pub extra_audit_events: usize,
    pub extra_services: usize,
    pub extra_assessments: usize,
    /// People added (the demo's thousand on a first load, more with --scale).
    pub people: u32,
}

/// The demo council's front door: 01632 960xxx is Ofcom's range for drama, never a real person.
const DEMO_PHONE: &str = "01632 960 000";
/// The demo council's address for letters (made up, with a demo postcode).
const DEMO_COUNCIL_ADDRESS: [&str; 5] =
    ["Adult social care", "Wrenfield Town Hall", "1 Market Square", "Wrenfield", "QW1 1AA"];
const DEMO_SEED_KEY: &str = "demo_seed";
/// The most people `--scale` makes.
pub const MOST_DEMO_PEOPLE: u32 = 100_000;

/// True when this database holds the demo council. Production mode refuses to start on one.
pub async fn demo_loaded(store: &Store) -> Result<bool> {
    Ok(store.settings().setting(DEMO_SEED_KEY).await?.is_some())
}

impl Store {
    /// True when the database has no staff accounts at all: a first start.
    pub async fn is_empty(&self) -> Result<bool> {
        use sea_orm::{EntityTrait, PaginatorTrait};
        Ok(crate::entities::app_user::Entity::find().count(&self.db).await? == 0)
    }

    /// Loads the demo council from `seed`, and `scale` units of extra volume for benchmarks, the
    /// extra services spread across `areas` (each a council's postcodes; none: around Wrenfield).
    /// Loading again with the same seed adds only the extra volume.
    pub async fn load_demo(
        &self,
        ctx: &AuditContext,
        seed: u64,
        scale: u32,
        areas: &[Vec<hearth_domain::demo_directory::GridPlace>],
    ) -> Result<DemoSummary> {
        let staff = demo_staff(seed);
        let created = !demo_loaded(self).await?;
        if created {
            {
                let txn = self.write().await?;
                crate::settings::put(&txn, ctx, DEMO_SEED_KEY, &seed.to_string()).await?;
                crate::settings::put(&txn, ctx, "council_name", DEMO_COUNCIL_NAME).await?;
                // 01632 960xxx is Ofcom's range for drama: it never reaches a real person.
                crate::settings::put(&txn, ctx, "contact_phone", DEMO_PHONE).await?;
                crate::settings::put(&txn, ctx, "contact_hours", "Monday to Friday, 9am to 5pm").await?;
                crate::settings::put(&txn, ctx, "service_name", "Adult social care").await?;
                crate::settings::put(&txn, ctx, "safeguarding_phone", "01632 960 001").await?;
                crate::settings::put(&txn, ctx, "out_of_hours_phone", "01632 960 002").await?;
                crate::settings::put(&txn, ctx, "privacy_email", "dataprotection@council.example").await?;
                crate::settings::put(&txn, ctx, "council_address", &DEMO_COUNCIL_ADDRESS.join("\n")).await?;
                txn.commit().await?;
            }
            load_demo_directory(self, ctx).await?;
            load_demo_charging(self, ctx, seed).await?;
            for member in &staff {
                let hash = NewPassword::parse(&member.password).map(|p| p.hash()).ok();
                let new = NewUser {
                    email: EmailAddress::parse(&member.email)
                        .expect("demo email addresses are valid (tested in hearth_domain::demo)"),
                    name: member.name.clone(),
                    roles: member.roles.clone(),
                    password_hash: hash,
                    oidc_subject: None,
                    demo: true,
                };
                match self.accounts().create_user(ctx, new).await {
                    // The demo provider editor speaks for one made-up organisation.
                    Ok(user) if member.roles.contains(&hearth_domain::access::Role::ProviderEditor) => {
                        let org = hearth_domain::demo_directory::demo_provider_organisation();
                        self.directory().set_editor_organizations(ctx, &user.id, &[org], None).await?;
                    }
                    Ok(_) | Err(StoreError::EmailTaken) => {}
                    Err(e) => return Err(e),
                }
            }
        }
        let mut extra_staff = 0;
        let mut extra_audit_events = 0;
        if scale > 0 {
            let txn = self.write().await?;
            let mut ids = Vec::new();
            for member in scaled_staff(seed, scale) {
                let Ok(email) = EmailAddress::parse(&member.email) else {
                    continue;
                };
                let taken = {
                    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
                    let email_col = crate::entities::app_user::Column::Email;
                    crate::entities::app_user::Entity::find()
                        .filter(email_col.eq(email.as_str()))
                        .one(&txn)
                        .await?
                        .is_some()
                };
                if taken {
                    continue;
                }
                let id = UserId::generate();
                insert_scaled_user(&txn, ctx, &id, &member, email.as_str()).await?;
                ids.push(id);
                extra_staff += 1;
            }
            // A year of sign-ins and sign-outs, so the audit pages and verifier have real volume.
            let year_ago = ctx.now - Duration::days(365);
            for i in 0..(scale as usize * 1_000) {
                if ids.is_empty() {
                    break;
                }
                let id = &ids[i % ids.len()];
                let at = year_ago + Duration::minutes(i64::try_from(i).unwrap_or(0) * 5);
                let event_ctx = AuditContext {
                    actor: crate::Actor::User(id.clone()),
                    client_addr: Some("192.0.2.10".into()),
                    now: at,
                };
                let action = if i % 2 == 0 { "sign-in" } else { "sign-out" };
                append(&txn, &event_ctx, AuditEntry::new(action).record("user", id)).await?;
                extra_audit_events += 1;
            }
            txn.commit().await?;
        }
        // A thousand directory services a unit (the same ones each time: loading again updates them).
        let mut extra_services = 0;
        for batch in 0..scale {
            let services: Vec<_> =
                hearth_domain::demo_directory::scaled_services(seed, batch * 1_000, 1_000, areas).collect();
            self.directory().save_services(ctx, &services, |_| {}).await?;
            extra_services += services.len();
        }
        // Two thousand completed financial assessments a unit, for the uprating benchmark.
        let mut extra_assessments = 0;
        for batch in 0..scale {
            let rows = demo_assessment_rows(seed, 24 + batch as usize * 2_000, 2_000)?;
            self.charging().load_completed_assessments(ctx, &rows).await?;
            extra_assessments += rows.len();
        }
        // A thousand people a unit on top of the demo's thousand, up to a hundred thousand.
        let today = ctx.now.date_naive();
        let target = (hearth_domain::demo_people::DEMO_PEOPLE + scale.saturating_mul(1_000)).min(MOST_DEMO_PEOPLE);
        let people = self.load_demo_people(ctx, seed, target, today).await?;
        if scale > 0 {
            self.optimize().await?;
        }
        Ok(DemoSummary { created, staff, extra_staff, extra_audit_events, extra_services, extra_assessments, people })
    }
}

async fn insert_scaled_user(
    txn: &sea_orm::DatabaseTransaction,
    ctx: &AuditContext,
    id: &UserId,
    member: &DemoStaff,
    email: &str,
) -> Result<()> {
    use crate::entities::{app_user, user_role};
    use sea_orm::{ActiveModelTrait, Set};
    app_user::ActiveModel {
        id: Set(id.clone()),
        email: Set(email.to_owned()),
        name: Set(member.name.clone()),
        password_hash: Set(None),
        oidc_subject: Set(None),
        active: Set(true),
        failed_attempts: Set(0),
        locked_until: Set(None),
        last_sign_in_at: Set(None),
        demo: Set(true),
        created_at: Set(ctx.now),
        updated_at: Set(ctx.now),
    }
    .insert(txn)
    .await?;
    append(txn, ctx, AuditEntry::new("user-created").record("user", id)).await?;
    for role in &member.roles {
        user_role::ActiveModel {
            user_id: Set(id.clone()),
            role: Set(role.key().to_owned()),
            granted_at: Set(ctx.now),
            granted_by: Set(None),
        }
        .insert(txn)
        .await?;
        append(
            txn,
            ctx,
            AuditEntry::new("role-granted").record("user", id).details(serde_json::json!({"role": role.key()})),
        )
        .await?;
    }
    Ok(())
}

/// The demo directory: Wrenfield's made-up postcodes and services.
async fn load_demo_directory(store: &Store, ctx: &AuditContext) -> Result<()> {
    use crate::directory::postcodes::PostcodeRecord;
    use hearth_domain::demo_directory::{DEMO_POSTCODES, demo_services};
    use hearth_domain::directory::postcode::Postcode;
    let postcodes: Vec<PostcodeRecord> = DEMO_POSTCODES
        .iter()
        .filter_map(|p| {
            Some(PostcodeRecord {
                postcode: Postcode::parse(p.postcode).ok()?,
                easting: p.easting,
                northing: p.northing,
                lad_code: None,
                lsoa: None,
                terminated: false,
            })
        })
        .collect();
    store.directory().import_postcodes(&postcodes, |_| {}).await?;
    // What people type is often not what services call themselves.
    for (phrase, means) in [
        ("memory loss", "dementia"),
        ("forgetful", "dementia memory"),
        ("someone to talk to", "befriending listening"),
        ("lonely", "befriending social"),
        ("deaf", "bsl hearing"),
        ("money", "benefits"),
        ("falls", "steady balance"),
    ] {
        store.directory().set_synonym(ctx, phrase, means).await?;
    }
    // The LGA-style lists first, so the services can be filed under their terms.
    let taxonomies = hearth_domain::demo_directory::demo_taxonomies();
    for taxonomy in &taxonomies {
        store.directory().import_taxonomy(ctx, taxonomy).await?;
    }
    let mut services = demo_services();
    hearth_domain::demo_directory::file_under_lga_terms(&mut services, &taxonomies);
    // Checked at different times, so the editors' "review due" list has something in it.
    for (i, service) in services.iter_mut().enumerate() {
        let months_ago = [1, 2, 4, 13][i % 4];
        let checked = ctx.now.checked_sub_months(chrono::Months::new(months_ago)).unwrap_or(ctx.now);
        service.assured_date = Some(checked.format("%Y-%m-%d").to_string());
    }
    store.directory().save_services(ctx, &services, |_| {}).await
}

/// The day the demo's assessments were done: in 2025/26, so a year's uprating has work to do.
pub fn demo_assessment_date() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2025, 10, 6).expect("a real date")
}

/// Completed assessments of made-up people, worked out with the shipped figures and the demo
/// council's policy, each with its written record.
pub fn demo_assessment_rows(seed: u64, start: usize, count: usize) -> Result<Vec<crate::charging::LoadedAssessment>> {
    use hearth_domain::charging::{Outcome, assess, record::written_record};
    let on = demo_assessment_date();
    let book = hearth_domain::charging::figures::shipped();
    let figures = book.on(on).expect("the shipped figures cover the demo's date");
    let policy = hearth_domain::demo_charging::demo_policy();
    hearth_domain::demo_charging::demo_assessments(seed, start, count, on)
        .into_iter()
        .map(|(name, input)| {
            let a = assess(&input, figures, &policy)
                .map_err(|e| StoreError::Unreadable(format!("demo assessment: {e}")))?;
            let reference = crate::charging::new_reference();
            let mut record = written_record(DEMO_COUNCIL_NAME, &reference, &name, on, on, &a);
            // Signed by the team, as the demo's records were written before anyone signed in.
            record.head.from = "The financial assessment team".into();
            record.head.phone = DEMO_PHONE.into();
            record.head.council_address = DEMO_COUNCIL_ADDRESS.iter().map(|l| (*l).to_owned()).collect();
            let calculated = crate::charging::Calculated {
                input: serde_json::to_string(&input).expect("inputs serialise"),
                result: serde_json::to_string(&a).expect("results serialise"),
                weekly_charge: a.weekly_charge,
                outcome: if a.outcome == Outcome::FullCost { "full-cost".into() } else { "charge".into() },
                figures_year: a.figures_year.clone(),
                effective_from: on,
            };
            Ok(crate::charging::LoadedAssessment {
                person_name: name,
                reference,
                calculated,
                record: Some(serde_json::to_string(&record).expect("records serialise")),
            })
        })
        .collect()
}

/// The demo council's charging policy, two requests waiting and two dozen completed assessments.
async fn load_demo_charging(store: &Store, ctx: &AuditContext, seed: u64) -> Result<()> {
    store.charging().set_charging_policy(ctx, &hearth_domain::demo_charging::demo_policy(), None).await?;
    for (name, source, email, phone, message) in [
        (
            "Rhiannon Larkspur",
            "calculator",
            Some("rhiannon.larkspur@wrenfield.example"),
            None,
            Some("My mum has started needing help at home."),
        ),
        (
            "Kofi Underhill",
            "phone",
            None,
            Some("01632 960 412"),
            Some("Phoned the contact centre. Best time to call back: mornings."),
        ),
    ] {
        store
            .charging()
            .record_charging_request(
                ctx,
                &crate::charging::NewRequest {
                    source: source.into(),
                    name: name.into(),
                    email: email.map(str::to_owned),
                    phone: phone.map(str::to_owned),
                    preferred_contact: Some(if email.is_some() { "email" } else { "phone" }.into()),
                    message: message.map(str::to_owned),
                    answers: None,
                    estimate: None,
                },
            )
            .await?;
    }
    let rows = demo_assessment_rows(seed, 0, 24)?;
    store.charging().load_completed_assessments(ctx, &rows).await
}
