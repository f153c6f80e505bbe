//! Staff accounts and roles, sessions, sign-in attempts, the audit log, jobs and settings.

use super::index;
use sea_orm::DbBackend;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn table(name: &'static str) -> TableCreateStatement {
    Table::create().table(name).to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // Ids are UUIDs kept as text so they read the same on both engines.
        m.create_table(
            table("app_user")
                .col(string("id").primary_key())
                .col(string_uniq("email"))
                .col(string("name"))
                .col(text_null("password_hash"))
                .col(string_null("oidc_subject").unique_key())
                .col(boolean("active"))
                .col(integer("failed_attempts"))
                .col(timestamp_with_time_zone_null("locked_until"))
                .col(timestamp_with_time_zone_null("last_sign_in_at"))
                .col(boolean("demo"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .to_owned(),
        )
        .await?;

        m.create_table(
            table("user_role")
                .col(string("user_id"))
                .col(string("role"))
                .col(timestamp_with_time_zone("granted_at"))
                .col(string_null("granted_by"))
                .primary_key(Index::create().col("user_id").col("role"))
                .foreign_key(
                    ForeignKey::create()
                        .from("user_role", "user_id")
                        .to("app_user", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .check(Expr::col("role").is_in([
                    "practitioner",
                    "team-manager",
                    "safeguarding-adults-manager",
                    "finance-officer",
                    "directory-editor",
                    "provider-editor",
                    "performance-analyst",
                    "administrator",
                ]))
                .to_owned(),
        )
        .await?;

        // We keep only a hash of the session id, so a copy of the database cannot be used to
        // take over anyone's session.
        m.create_table(
            table("session")
                .col(string("id_hash").primary_key())
                .col(string("user_id"))
                .col(string("form_token"))
                .col(string("auth_method"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("last_seen_at"))
                .col(timestamp_with_time_zone("expires_at"))
                .foreign_key(
                    ForeignKey::create()
                        .from("session", "user_id")
                        .to("app_user", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(index("session_expires_at", "session", &["expires_at"])).await?;
        m.create_index(index("session_user_id", "session", &["user_id"])).await?;

        m.create_table(
            table("login_attempt")
                .col(big_pk_auto("id"))
                .col(string("email"))
                .col(string("client_addr"))
                .col(boolean("succeeded"))
                .col(timestamp_with_time_zone("attempted_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("login_attempt_addr", "login_attempt", &["client_addr", "attempted_at"])).await?;
        m.create_index(index("login_attempt_email", "login_attempt", &["email", "attempted_at"])).await?;

        // The audit log. `seq` comes from `audit_head`, which is locked for each append so that
        // the chain has no gaps and no forks, whichever node writes.
        m.create_table(
            table("audit_event")
                .col(big_integer("seq").primary_key())
                .col(timestamp_with_time_zone("occurred_at"))
                .col(string_null("actor_user_id"))
                .col(string("actor_kind"))
                .col(string("action"))
                .col(string_null("record_type"))
                .col(string_null("record_id"))
                .col(string_null("client_addr"))
                .col(text_null("reason"))
                .col(text("details"))
                .col(string("prev_hash"))
                .col(string("hash"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("audit_event_occurred_at", "audit_event", &["occurred_at"])).await?;
        m.create_index(index("audit_event_actor", "audit_event", &["actor_user_id", "occurred_at"])).await?;
        m.create_index(index("audit_event_record", "audit_event", &["record_type", "record_id"])).await?;
        m.create_index(index("audit_event_action", "audit_event", &["action", "occurred_at"])).await?;

        m.create_table(
            table("audit_head").col(integer("id").primary_key()).col(big_integer("seq")).col(string("hash")).to_owned(),
        )
        .await?;
        m.exec_stmt(
            Query::insert()
                .into_table("audit_head")
                .columns(["id", "seq", "hash"])
                .values_panic([1.into(), 0i64.into(), hearth_domain::audit::GENESIS_HASH.into()])
                .to_owned(),
        )
        .await?;

        m.create_table(
            table("job")
                .col(big_pk_auto("id"))
                .col(string("kind"))
                .col(text("payload"))
                .col(string_null("unique_key").unique_key())
                .col(string("status"))
                .col(timestamp_with_time_zone("run_at"))
                .col(integer("attempts"))
                .col(integer("max_attempts"))
                .col(string_null("locked_by"))
                .col(timestamp_with_time_zone_null("locked_until"))
                .col(text_null("last_error"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("finished_at"))
                .check(Expr::col("status").is_in(["queued", "running", "done", "failed"]))
                .to_owned(),
        )
        .await?;
        m.create_index(index("job_ready", "job", &["status", "run_at"])).await?;

        m.create_table(
            table("oidc_login")
                .col(string("state").primary_key())
                .col(string("nonce"))
                .col(string("pkce_verifier"))
                .col(string("return_to"))
                .col(timestamp_with_time_zone("created_at"))
                .to_owned(),
        )
        .await?;

        m.create_table(
            table("setting")
                .col(string("key").primary_key())
                .col(text("value"))
                .col(timestamp_with_time_zone("updated_at"))
                .to_owned(),
        )
        .await?;

        // Append-only: the database itself refuses to change or remove audit events. Someone
        // with enough power to drop these triggers is caught by `hearth audit verify` instead.
        let conn = m.get_connection();
        match m.get_database_backend() {
            DbBackend::Sqlite => {
                for (name, event) in [("audit_event_no_update", "UPDATE"), ("audit_event_no_delete", "DELETE")] {
                    conn.execute_unprepared(&format!(
                        "CREATE TRIGGER {name} BEFORE {event} ON audit_event \
                         BEGIN SELECT RAISE(ABORT, 'audit events cannot be changed or removed'); END"
                    ))
                    .await?;
                }
            }
            DbBackend::Postgres => {
                conn.execute_unprepared(
                    "CREATE FUNCTION hearth_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ \
                     BEGIN RAISE EXCEPTION 'audit events cannot be changed or removed'; END $$",
                )
                .await?;
                conn.execute_unprepared(
                    "CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event \
                     FOR EACH ROW EXECUTE FUNCTION hearth_audit_append_only()",
                )
                .await?;
                conn.execute_unprepared(
                    "CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event \
                     FOR EACH STATEMENT EXECUTE FUNCTION hearth_audit_append_only()",
                )
                .await?;
            }
            other => {
                return Err(DbErr::Migration(format!("Hearth does not support {other:?}")));
            }
        }
        Ok(())
    }
}
