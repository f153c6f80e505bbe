//! Paying for care: the national figures and interest rates as loaded (from Hearth's shipped
//! files or a council's own), the council's charging policy by the day it applies from, requests
//! for a financial assessment, and assessments with every version kept.

use super::index;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("charging_reference")
                // "national:2024/25" or "interest".
                .col(string("key").primary_key())
                .col(text("document"))
                // "shipped" (Hearth's own files, refreshed on upgrade) or "imported" (the council's).
                .col(string("origin"))
                .col(timestamp_with_time_zone("updated_at"))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("charging_policy")
                .col(date("effective_from").primary_key())
                .col(text("document"))
                .col(string_null("set_by"))
                .col(timestamp_with_time_zone("set_at"))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("charging_request")
                .col(string("id").primary_key())
                .col(string("reference"))
                .col(timestamp_with_time_zone("received_at"))
                // "calculator", "phone", "letter", "email" or "practitioner".
                .col(string("source"))
                .col(string("name"))
                .col(string_null("email"))
                .col(string_null("phone"))
                .col(string_null("preferred_contact"))
                .col(text_null("message"))
                // What the resident typed into the calculator, only if they chose to send it.
                .col(text_null("answers"))
                .col(big_integer_null("estimate_pence"))
                // "new", "in-progress" or "closed".
                .col(string("status"))
                .col(string_null("assigned_to"))
                .col(string_null("person_id"))
                .col(text_null("closed_reason"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("charging_request_status", "charging_request", &["status", "received_at"])).await?;
        m.create_index(
            Index::create()
                .name("charging_request_reference")
                .table("charging_request")
                .col("reference")
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("financial_assessment")
                .col(string("id").primary_key())
                .col(string("reference"))
                .col(string_null("request_id"))
                .col(string_null("person_id"))
                .col(string("person_name"))
                .col(string_null("person_reference"))
                // "draft" or "complete".
                .col(string("status"))
                .col(integer("version"))
                // The form as typed (kept even when it does not yet add up).
                .col(text("draft"))
                // The assessment input and result, when they add up.
                .col(text_null("input"))
                .col(text_null("result"))
                .col(big_integer_null("weekly_charge_pence"))
                .col(string_null("outcome"))
                .col(string_null("figures_year"))
                .col(date_null("effective_from"))
                // The written record as sent to the person, at completion.
                .col(text_null("record"))
                .col(string("created_by"))
                .col(timestamp_with_time_zone("created_at"))
                .col(string_null("updated_by"))
                .col(timestamp_with_time_zone("updated_at"))
                .col(string_null("completed_by"))
                .col(timestamp_with_time_zone_null("completed_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("financial_assessment_status", "financial_assessment", &["status", "updated_at"])).await?;
        m.create_index(index("financial_assessment_person", "financial_assessment", &["person_name"])).await?;
        m.create_index(
            Index::create()
                .name("financial_assessment_reference")
                .table("financial_assessment")
                .col("reference")
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("financial_assessment_version")
                .col(string("assessment_id"))
                .col(integer("version"))
                .col(string("status"))
                .col(timestamp_with_time_zone("saved_at"))
                .col(string_null("saved_by"))
                .col(string("reason"))
                .col(text("draft"))
                .col(text_null("input"))
                .col(text_null("result"))
                .col(big_integer_null("weekly_charge_pence"))
                .col(string_null("figures_year"))
                .col(date_null("effective_from"))
                .primary_key(Index::create().col("assessment_id").col("version"))
                .foreign_key(
                    ForeignKey::create()
                        .from("financial_assessment_version", "assessment_id")
                        .to("financial_assessment", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        Ok(())
    }
}
