//! Keeping the directory true: which organisations a provider editor speaks for, changes waiting
//! for approval (with the approved version they started from), and when each service was last
//! checked and its provider last reminded.

use super::index;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("directory_editor_organization")
                .col(string("user_id"))
                .col(string("organization_id"))
                .primary_key(Index::create().col("user_id").col("organization_id"))
                .foreign_key(
                    ForeignKey::create()
                        .from("directory_editor_organization", "user_id")
                        .to("app_user", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("directory_change")
                .col(string("id").primary_key())
                .col(string("service_id"))
                .col(string_null("organization_id"))
                .col(text_null("base_document"))
                .col(text("proposed_document"))
                .col(string("status"))
                .col(string("proposed_by"))
                .col(timestamp_with_time_zone("proposed_at"))
                .col(string_null("decided_by"))
                .col(timestamp_with_time_zone_null("decided_at"))
                .col(text_null("decision_reason"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("directory_change_status", "directory_change", &["status", "proposed_at"])).await?;
        m.create_index(index("directory_change_service", "directory_change", &["service_id"])).await?;
        m.alter_table(
            Table::alter()
                .table("directory_service")
                .add_column(timestamp_with_time_zone_null("assured_at"))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table("directory_service")
                .add_column(timestamp_with_time_zone_null("reminded_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("directory_service_assured", "directory_service", &["assured_at"])).await?;
        Ok(())
    }
}
