//! Care Act assessments and what follows them: needs and carers' assessments, eligibility
//! determinations (immutable once issued), copies given, plans with service lines and personal
//! budgets, reviews, capacity assessments and best interests, and transitions from children's
//! services. Findings and plan parts that are lists are kept as JSON text; every legal decision
//! (eligible or not, the outcomes, the budget) also has its own column.

use super::index;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // Needs assessments (s9) and carers' assessments (s10), their findings and sign-off.
        m.create_table(
            Table::create()
                .table("assessment")
                .col(string("id").primary_key())
                .col(string("reference"))
                .col(string("person_id"))
                .col(string("kind"))
                .col(string_null("cared_for_id"))
                .col(string_null("cared_for_name"))
                .col(string("assessment_type"))
                .col(string("method"))
                .col(string("status"))
                .col(date("started_on"))
                .col(string_null("contact_id"))
                .col(text("findings"))
                .col(text("persons_view"))
                .col(text("strengths"))
                .col(text("wellbeing"))
                .col(text("advice"))
                .col(text_null("carer_able_willing"))
                .col(text_null("carer_work_learning"))
                .col(boolean("refused"))
                .col(string_null("refusal_outcome"))
                .col(text_null("refusal_note"))
                .col(text("advocacy"))
                .col(string_null("worker_id"))
                .col(string_null("team_id"))
                .col(string_null("submitted_by"))
                .col(timestamp_with_time_zone_null("submitted_at"))
                .col(string_null("decided_by"))
                .col(timestamp_with_time_zone_null("decided_at"))
                .col(text_null("return_comment"))
                .col(date_null("completed_on"))
                .col(string_null("supersedes_id"))
                .col(string_null("created_by"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("assessment_person", "assessment", &["person_id", "status"])).await?;
        m.create_index(index("assessment_status", "assessment", &["status", "submitted_at"])).await?;
        m.create_index(index("assessment_worker", "assessment", &["worker_id", "status"])).await?;
        m.create_index(
            Index::create().name("assessment_reference").table("assessment").col("reference").unique().to_owned(),
        )
        .await?;
        // Eligibility determinations (s13): issued once and never changed; a reassessment makes a new one.
        m.create_table(
            Table::create()
                .table("eligibility_determination")
                .col(string("id").primary_key())
                .col(string("assessment_id"))
                .col(string("person_id"))
                .col(string("regime"))
                .col(boolean("eligible"))
                .col(text("eligible_outcomes"))
                .col(text("determination"))
                .col(text("advice"))
                .col(text("letter"))
                .col(big_integer("reading_age"))
                .col(string_null("issued_by"))
                .col(timestamp_with_time_zone("issued_at"))
                .col(string_null("superseded_by"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("determination_person", "eligibility_determination", &["person_id", "issued_at"])).await?;
        m.create_index(
            Index::create()
                .name("eligibility_determination_assessment_id")
                .table("eligibility_determination")
                .col("assessment_id")
                .unique()
                .to_owned(),
        )
        .await?;
        // Who was given a copy of a written record, plan or letter, and how (s12(3), s13(2), s25(9)).
        m.create_table(
            Table::create()
                .table("record_copy")
                .col(string("id").primary_key())
                .col(string("person_id"))
                .col(string("record_kind"))
                .col(string("record_id"))
                .col(string("given_to"))
                .col(string("how"))
                .col(date("given_on"))
                .col(string_null("given_by"))
                .col(timestamp_with_time_zone("created_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("record_copy_record", "record_copy", &["record_kind", "record_id"])).await?;
        // Care and support plans and carers' support plans (s25), versioned, with their personal budgets (s26).
        m.create_table(
            Table::create()
                .table("care_plan")
                .col(string("id").primary_key())
                .col(string("reference"))
                .col(string("person_id"))
                .col(string("kind"))
                .col(big_integer("version"))
                .col(string_null("supersedes_id"))
                .col(string("assessment_id"))
                .col(string_null("determination_id"))
                .col(string("basis"))
                .col(text_null("basis_reason"))
                .col(text("needs"))
                .col(text("eligible"))
                .col(text("needs_met"))
                .col(text("outcomes"))
                .col(text("advice"))
                .col(text("contingency"))
                .col(text_null("direct_payment"))
                .col(big_integer("contribution_pence"))
                .col(string("contribution_source"))
                .col(big_integer_null("approved_total_pence"))
                .col(string("status"))
                .col(string_null("submitted_by"))
                .col(timestamp_with_time_zone_null("submitted_at"))
                .col(string_null("approved_by"))
                .col(timestamp_with_time_zone_null("approved_at"))
                .col(boolean("panel_needed"))
                .col(string_null("panel_by"))
                .col(timestamp_with_time_zone_null("panel_at"))
                .col(text_null("return_comment"))
                .col(date_null("agreed_on"))
                .col(date_null("starts_on"))
                .col(date_null("ended_on"))
                .col(text_null("end_reason"))
                .col(text_null("crisis_override"))
                .col(string_null("next_review_kind"))
                .col(date_null("next_review_opens"))
                .col(date_null("next_review_due"))
                .col(date_null("dp_review_due"))
                .col(string_null("created_by"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("care_plan_person", "care_plan", &["person_id", "status"])).await?;
        m.create_index(index("care_plan_review", "care_plan", &["status", "next_review_due"])).await?;
        m.create_index(index("care_plan_status", "care_plan", &["status", "submitted_at"])).await?;
        m.create_index(index("care_plan_reference", "care_plan", &["reference", "version"])).await?;
        // The services in a plan, with the national codes and weekly costs.
        m.create_table(
            Table::create()
                .table("service_line")
                .col(string("id").primary_key())
                .col(string("plan_id"))
                .col(string("person_id"))
                .col(big_integer("position"))
                .col(string("service_type"))
                .col(string("component"))
                .col(string("delivery"))
                .col(string("provider"))
                .col(string_null("directory_service_id"))
                .col(date("starts_on"))
                .col(date_null("ends_on"))
                .col(big_integer("units_hundredths"))
                .col(big_integer("unit_cost_pence"))
                .col(text("meets"))
                .col(timestamp_with_time_zone("created_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("service_line_plan", "service_line", &["plan_id", "position"])).await?;
        m.create_index(index("service_line_person", "service_line", &["person_id", "starts_on"])).await?;
        // Reviews of plans (s27): planned ones and those asked for, with their decisions.
        m.create_table(
            Table::create()
                .table("plan_review")
                .col(string("id").primary_key())
                .col(string("plan_id"))
                .col(string("person_id"))
                .col(string("reason"))
                .col(date_null("requested_on"))
                .col(text_null("requested_by"))
                .col(date("due_on"))
                .col(date_null("completed_on"))
                .col(string_null("decision"))
                .col(text_null("summary"))
                .col(string_null("completed_by"))
                .col(string_null("new_plan_id"))
                .col(string_null("created_by"))
                .col(timestamp_with_time_zone("created_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("plan_review_plan", "plan_review", &["plan_id", "completed_on"])).await?;
        m.create_index(index("plan_review_open", "plan_review", &["completed_on", "due_on"])).await?;
        // Decision-specific mental capacity assessments (MCA 2005 ss2 and 3), and best interests (s4).
        m.create_table(
            Table::create()
                .table("capacity_assessment")
                .col(string("id").primary_key())
                .col(string("person_id"))
                .col(text("decision"))
                .col(text("findings"))
                .col(string("result"))
                .col(date("assessed_on"))
                .col(string_null("assessed_by"))
                .col(text_null("best_interests_decision"))
                .col(text_null("best_interests_options"))
                .col(text_null("best_interests_consultees"))
                .col(string_null("best_interests_by"))
                .col(date_null("best_interests_on"))
                .col(timestamp_with_time_zone("created_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("capacity_person", "capacity_assessment", &["person_id", "assessed_on"])).await?;
        // Young people moving from children's to adults' services (s58 to s66).
        m.create_table(
            Table::create()
                .table("transition")
                .col(string("id").primary_key())
                .col(string("person_id"))
                .col(boolean("ehc_plan"))
                .col(text("likely_needs"))
                .col(text("significant_benefit"))
                .col(text("indicative_outcomes"))
                .col(date_null("assessed_on"))
                .col(string("childrens_services"))
                .col(string_null("childrens_worker"))
                .col(string("adult_decision"))
                .col(date_null("closed_on"))
                .col(string_null("created_by"))
                .col(timestamp_with_time_zone("created_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("transition_person", "transition", &["person_id"])).await?;
        Ok(())
    }
}
