//! People and the front door: teams, person records and their networks, contacts, allocations,
//! Three Conversations, case notes, tasks, access grants and subject access requests, drafts and
//! forms held over a timed-out session. The audit log gains the person each event is about and
//! the basis of access, and the role list gains the information governance lead.

use super::index;
use sea_orm_migration::sea_orm::{ConnectionTrait, TransactionTrait};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Every role a staff account may hold, as stored (the database refuses anything else).
const ROLES: [&str; 9] = [
    "practitioner",
    "team-manager",
    "safeguarding-adults-manager",
    "finance-officer",
    "directory-editor",
    "provider-editor",
    "performance-analyst",
    "information-governance-lead",
    "administrator",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // The role check is part of the table, so the table is made again with the longer list,
        // in one transaction (one connection: SQLite's pool must not see it half-done).
        let create = Table::create()
            .table("user_role_new")
            .col(string("user_id"))
            .col(string("role"))
            .col(timestamp_with_time_zone("granted_at"))
            .col(string_null("granted_by"))
            .primary_key(Index::create().col("user_id").col("role"))
            .foreign_key(
                ForeignKey::create()
                    .from("user_role_new", "user_id")
                    .to("app_user", "id")
                    .on_delete(ForeignKeyAction::Cascade),
            )
            .check(Expr::col("role").is_in(ROLES))
            .to_owned();
        let db = m.get_connection();
        let txn = db.begin().await?;
        txn.execute(&create).await?;
        txn.execute_unprepared(
            "INSERT INTO user_role_new (user_id, role, granted_at, granted_by) SELECT user_id, role, granted_at, granted_by FROM user_role",
        )
        .await?;
        txn.execute_unprepared("DROP TABLE user_role").await?;
        txn.execute_unprepared("ALTER TABLE user_role_new RENAME TO user_role").await?;
        txn.commit().await?;

        // Which person an audit event is about, and on what basis their record was opened.
        for column in ["person_id", "basis"] {
            m.alter_table(Table::alter().table("audit_event").add_column(string_null(column)).to_owned()).await?;
        }
        m.create_index(index("audit_event_person", "audit_event", &["person_id", "seq"])).await?;

        // Teams staff belong to; front-door teams triage contacts.
        m.create_table(
            Table::create()
                .table("team")
                .col(string("id").primary_key())
                .col(string("name"))
                .col(boolean("front_door"))
                .col(boolean("active"))
                .col(timestamp_with_time_zone("created_at"))
                .to_owned(),
        )
        .await?;
        // Who is in which team.
        m.create_table(
            Table::create()
                .table("team_member")
                .col(string("team_id"))
                .col(string("user_id"))
                .col(timestamp_with_time_zone("joined_at"))
                .primary_key(Index::create().col("team_id").col("user_id"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("team_member_user", "team_member", &["user_id"])).await?;
        // People: the searchable facts in columns, the rest of their details as JSON.
        m.create_table(
            Table::create()
                .table("person")
                .col(string("id").primary_key())
                .col(string("reference"))
                .col(string("given_name"))
                .col(string("family_name"))
                .col(string_null("other_names"))
                .col(string_null("preferred_name"))
                .col(date_null("date_of_birth"))
                .col(date_null("date_of_death"))
                .col(string_null("nhs_number"))
                .col(string_null("postcode"))
                .col(string("family_key"))
                .col(string("family_sound"))
                .col(string("given_key"))
                .col(string("given_sound"))
                .col(text("details"))
                .col(text_null("what_matters"))
                .col(text_null("strengths"))
                .col(boolean("restricted"))
                .col(text_null("restricted_reason"))
                .col(string_null("merged_into"))
                .col(integer("version"))
                .col(string_null("created_by"))
                .col(timestamp_with_time_zone("created_at"))
                .col(string_null("updated_by"))
                .col(timestamp_with_time_zone("updated_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("person_family_key", "person", &["family_key"])).await?;
        m.create_index(index("person_family_sound", "person", &["family_sound"])).await?;
        m.create_index(index("person_given_sound", "person", &["given_sound"])).await?;
        m.create_index(index("person_birth", "person", &["date_of_birth"])).await?;
        m.create_index(index("person_nhs", "person", &["nhs_number"])).await?;
        m.create_index(index("person_postcode", "person", &["postcode"])).await?;
        m.create_index(Index::create().name("person_reference").table("person").col("reference").unique().to_owned())
            .await?;
        // Where people have lived, from and to.
        m.create_table(
            Table::create()
                .table("person_address")
                .col(string("id").primary_key())
                .col(string("person_id"))
                .col(string("line_1"))
                .col(string_null("line_2"))
                .col(string_null("town"))
                .col(string_null("postcode"))
                .col(string_null("uprn"))
                .col(date_null("from_date"))
                .col(date_null("to_date"))
                .col(timestamp_with_time_zone("created_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("person_address_person", "person_address", &["person_id"])).await?;
        // The people around someone: another record, or just a name.
        m.create_table(
            Table::create()
                .table("person_relationship")
                .col(string("id").primary_key())
                .col(string("person_id"))
                .col(string("kind"))
                .col(string_null("other_person_id"))
                .col(string("name"))
                .col(string_null("phone"))
                .col(text_null("notes"))
                .col(boolean("main_carer"))
                .col(boolean("lives_with"))
                .col(boolean("next_of_kin"))
                .col(timestamp_with_time_zone("created_at"))
                .col(date_null("ended_on"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("person_relationship_person", "person_relationship", &["person_id"])).await?;
        m.create_index(index("person_relationship_other", "person_relationship", &["other_person_id"])).await?;
        // Groups, places and services someone is part of (directory entries where known).
        m.create_table(
            Table::create()
                .table("person_connection")
                .col(string("id").primary_key())
                .col(string("person_id"))
                .col(string("name"))
                .col(string_null("service_id"))
                .col(text_null("what_for"))
                .col(timestamp_with_time_zone("created_at"))
                .col(date_null("ended_on"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("person_connection_person", "person_connection", &["person_id"])).await?;
        // Those with authority to act for someone, and the document seen.
        m.create_table(
            Table::create()
                .table("person_representative")
                .col(string("id").primary_key())
                .col(string("person_id"))
                .col(string("name"))
                .col(string("authority"))
                .col(string_null("phone"))
                .col(date_null("document_seen_on"))
                .col(string_null("document_seen_by"))
                .col(string_null("document_reference"))
                .col(date_null("from_date"))
                .col(date_null("to_date"))
                .col(timestamp_with_time_zone("created_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("person_representative_person", "person_representative", &["person_id"])).await?;
        // Warnings about risks to staff.
        m.create_table(
            Table::create()
                .table("person_warning")
                .col(string("id").primary_key())
                .col(string("person_id"))
                .col(string("kind"))
                .col(text("details"))
                .col(date("starts_on"))
                .col(date("review_by"))
                .col(date_null("ended_on"))
                .col(text_null("ended_reason"))
                .col(string_null("created_by"))
                .col(timestamp_with_time_zone("created_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("person_warning_person", "person_warning", &["person_id"])).await?;
        // The front door: each time someone gets in touch.
        m.create_table(
            Table::create()
                .table("contact")
                .col(string("id").primary_key())
                .col(string("reference"))
                .col(string_null("person_id"))
                .col(timestamp_with_time_zone("received_at"))
                .col(string("method"))
                .col(string_null("requester_type"))
                .col(string("urgency"))
                .col(string("status"))
                .col(string("display_name"))
                .col(text("form"))
                .col(string_null("outcome"))
                .col(text_null("information_given"))
                .col(text_null("services_offered"))
                .col(string_null("team_id"))
                .col(string_null("worker_id"))
                .col(boolean("safeguarding_concern"))
                .col(string_null("recorded_by"))
                .col(string_null("triaged_by"))
                .col(timestamp_with_time_zone_null("triaged_at"))
                .col(timestamp_with_time_zone_null("closed_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("contact_status", "contact", &["status", "received_at"])).await?;
        m.create_index(index("contact_person", "contact", &["person_id"])).await?;
        m.create_index(index("contact_team", "contact", &["team_id", "status"])).await?;
        m.create_index(Index::create().name("contact_reference").table("contact").col("reference").unique().to_owned())
            .await?;
        // Who works with a person: a team, and a worker in it.
        m.create_table(
            Table::create()
                .table("allocation")
                .col(string("id").primary_key())
                .col(string("person_id"))
                .col(string("team_id"))
                .col(string_null("worker_id"))
                .col(timestamp_with_time_zone("started_at"))
                .col(timestamp_with_time_zone_null("ended_at"))
                .col(text_null("reason"))
                .col(string_null("contact_id"))
                .col(string_null("allocated_by"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("allocation_person", "allocation", &["person_id", "ended_at"])).await?;
        m.create_index(index("allocation_team", "allocation", &["team_id", "ended_at"])).await?;
        m.create_index(index("allocation_worker", "allocation", &["worker_id", "ended_at"])).await?;
        // Three Conversations with a person.
        m.create_table(
            Table::create()
                .table("conversation")
                .col(string("id").primary_key())
                .col(string("person_id"))
                .col(string("kind"))
                .col(date("started_on"))
                .col(date_null("review_by"))
                .col(text("what_matters"))
                .col(text_null("urgent_help"))
                .col(string("status"))
                .col(string_null("outcome"))
                .col(date_null("closed_on"))
                .col(text_null("closing_note"))
                .col(string_null("worker_id"))
                .col(text_null("override_reason"))
                .col(string_null("override_by"))
                .col(string_null("contact_id"))
                .col(string_null("created_by"))
                .col(timestamp_with_time_zone("created_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("conversation_person", "conversation", &["person_id", "status"])).await?;
        m.create_index(index("conversation_worker", "conversation", &["worker_id", "status"])).await?;
        // Case notes; the people each is about are in case_note_person.
        m.create_table(
            Table::create()
                .table("case_note")
                .col(string("id").primary_key())
                .col(string("kind"))
                .col(timestamp_with_time_zone("happened_at"))
                .col(boolean("significant"))
                .col(text("body"))
                .col(integer("version"))
                .col(string("status"))
                .col(text_null("error_reason"))
                .col(string_null("author_id"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .to_owned(),
        )
        .await?;
        // Who each note is about.
        m.create_table(
            Table::create()
                .table("case_note_person")
                .col(string("note_id"))
                .col(string("person_id"))
                .col(timestamp_with_time_zone("happened_at"))
                .col(boolean("significant"))
                .primary_key(Index::create().col("note_id").col("person_id"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("case_note_person_person", "case_note_person", &["person_id", "happened_at"])).await?;
        // Every wording a note has had, with why it changed.
        m.create_table(
            Table::create()
                .table("case_note_version")
                .col(string("note_id"))
                .col(integer("version"))
                .col(text("body"))
                .col(text_null("reason"))
                .col(string_null("saved_by"))
                .col(timestamp_with_time_zone("saved_at"))
                .primary_key(Index::create().col("note_id").col("version"))
                .to_owned(),
        )
        .await?;
        // Things to do for people, with owners and due days.
        m.create_table(
            Table::create()
                .table("task")
                .col(string("id").primary_key())
                .col(string("person_id"))
                .col(string("title"))
                .col(string("owner_id"))
                .col(string_null("team_id"))
                .col(date("due_on"))
                .col(string("status"))
                .col(string_null("created_by"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("done_at"))
                .col(string_null("done_by"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("task_person", "task", &["person_id", "status"])).await?;
        m.create_index(index("task_owner", "task", &["owner_id", "status", "due_on"])).await?;
        m.create_index(index("task_team", "task", &["team_id", "status", "due_on"])).await?;
        // Time-limited access to one record: granted, or by breaking the glass.
        m.create_table(
            Table::create()
                .table("access_grant")
                .col(string("id").primary_key())
                .col(string("person_id"))
                .col(string("user_id"))
                .col(boolean("break_glass"))
                .col(text("reason"))
                .col(string_null("granted_by"))
                .col(timestamp_with_time_zone("granted_at"))
                .col(timestamp_with_time_zone_null("until"))
                .col(timestamp_with_time_zone_null("revoked_at"))
                .col(string_null("reviewed_by"))
                .col(timestamp_with_time_zone_null("reviewed_at"))
                .col(string_null("review_outcome"))
                .col(text_null("review_note"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("access_grant_person", "access_grant", &["person_id"])).await?;
        m.create_index(index("access_grant_user", "access_grant", &["user_id"])).await?;
        m.create_index(index("access_grant_review", "access_grant", &["break_glass", "reviewed_at"])).await?;
        // Subject access requests and their deadlines.
        m.create_table(
            Table::create()
                .table("subject_access_request")
                .col(string("id").primary_key())
                .col(string("reference"))
                .col(string("person_id"))
                .col(date("received_on"))
                .col(date_null("identity_confirmed_on"))
                .col(date("due_on"))
                .col(boolean("extended"))
                .col(text_null("extension_reason"))
                .col(string("status"))
                .col(date_null("completed_on"))
                .col(text_null("notes"))
                .col(string_null("created_by"))
                .col(timestamp_with_time_zone("created_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("sar_status", "subject_access_request", &["status", "due_on"])).await?;
        m.create_index(index("sar_person", "subject_access_request", &["person_id"])).await?;
        m.create_index(
            Index::create().name("sar_reference").table("subject_access_request").col("reference").unique().to_owned(),
        )
        .await?;
        // What someone has typed into a form and not yet saved, so nothing is lost.
        m.create_table(
            Table::create()
                .table("form_draft")
                .col(string("user_id"))
                .col(string("form_key"))
                .col(text("fields"))
                .col(timestamp_with_time_zone("saved_at"))
                .primary_key(Index::create().col("user_id").col("form_key"))
                .to_owned(),
        )
        .await?;
        // A form sent after its session ended, kept until its author signs in again.
        m.create_table(
            Table::create()
                .table("held_submission")
                .col(string("id_hash").primary_key())
                .col(string_null("user_id"))
                .col(string("path"))
                .col(text("body"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("expires_at"))
                .to_owned(),
        )
        .await?;
        Ok(())
    }
}
