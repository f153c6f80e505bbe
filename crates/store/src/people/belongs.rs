//! What belongs to a person's record, declared once.
//!
//! Every table holding rows about a person is a [`PersonTable`], with the columns that name the
//! person. Merging moves every one of them, the subject access export gathers every one of them
//! (its `match` has no catch-all, so a new table will not compile until the export includes it),
//! and any future erasure or retention job walks the same list. A schema test fails when a
//! table gains a `person_id` column, or a foreign key to `person`, that is not declared here.

use crate::{Engine, People, PersonId, Result};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::{ConnectionTrait, FromQueryResult, Statement};

/// How a column names the person.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Link {
    /// The row is part of this person's record.
    Owner,
    /// The row is part of someone else's record and mentions this person (the other side of a
    /// relationship, the person a carer looks after).
    Mentions,
}

/// One column that holds a person's id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PersonColumn {
    pub column: &'static str,
    pub link: Link,
}

const OWNER: PersonColumn = PersonColumn { column: "person_id", link: Link::Owner };

/// The tables that belong to a person's record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PersonTable {
    Addresses,
    Relationships,
    Connections,
    Representatives,
    Warnings,
    Contacts,
    Allocations,
    Conversations,
    Notes,
    Tasks,
    AccessGrants,
    SubjectAccessRequests,
    Assessments,
    Determinations,
    CopiesGiven,
    Plans,
    ServiceLines,
    PlanReviews,
    CapacityAssessments,
    Transitions,
    FinancialAssessments,
    ChargingRequests,
}

impl PersonTable {
    pub const ALL: [PersonTable; 22] = [
        PersonTable::Addresses,
        PersonTable::Relationships,
        PersonTable::Connections,
        PersonTable::Representatives,
        PersonTable::Warnings,
        PersonTable::Contacts,
        PersonTable::Allocations,
        PersonTable::Conversations,
        PersonTable::Notes,
        PersonTable::Tasks,
        PersonTable::AccessGrants,
        PersonTable::SubjectAccessRequests,
        PersonTable::Assessments,
        PersonTable::Determinations,
        PersonTable::CopiesGiven,
        PersonTable::Plans,
        PersonTable::ServiceLines,
        PersonTable::PlanReviews,
        PersonTable::CapacityAssessments,
        PersonTable::Transitions,
        PersonTable::FinancialAssessments,
        PersonTable::ChargingRequests,
    ];

    /// The table's name in the database.
    pub fn table(self) -> &'static str {
        match self {
            PersonTable::Addresses => "person_address",
            PersonTable::Relationships => "person_relationship",
            PersonTable::Connections => "person_connection",
            PersonTable::Representatives => "person_representative",
            PersonTable::Warnings => "person_warning",
            PersonTable::Contacts => "contact",
            PersonTable::Allocations => "allocation",
            PersonTable::Conversations => "conversation",
            PersonTable::Notes => "case_note_person",
            PersonTable::Tasks => "task",
            PersonTable::AccessGrants => "access_grant",
            PersonTable::SubjectAccessRequests => "subject_access_request",
            PersonTable::Assessments => "assessment",
            PersonTable::Determinations => "eligibility_determination",
            PersonTable::CopiesGiven => "record_copy",
            PersonTable::Plans => "care_plan",
            PersonTable::ServiceLines => "service_line",
            PersonTable::PlanReviews => "plan_review",
            PersonTable::CapacityAssessments => "capacity_assessment",
            PersonTable::Transitions => "transition",
            PersonTable::FinancialAssessments => "financial_assessment",
            PersonTable::ChargingRequests => "charging_request",
        }
    }

    /// What the table holds, in words (for the merge's audit event and the export).
    pub fn title(self) -> &'static str {
        match self {
            PersonTable::Addresses => "Addresses",
            PersonTable::Relationships => "People around them",
            PersonTable::Connections => "Groups and services",
            PersonTable::Representatives => "Who can act for them",
            PersonTable::Warnings => "Warnings for staff",
            PersonTable::Contacts => "Contacts",
            PersonTable::Allocations => "Teams and workers",
            PersonTable::Conversations => "Conversations",
            PersonTable::Notes => "Notes",
            PersonTable::Tasks => "Tasks",
            PersonTable::AccessGrants => "Access given to staff",
            PersonTable::SubjectAccessRequests => "Subject access requests",
            PersonTable::Assessments => "Assessments",
            PersonTable::Determinations => "Eligibility decisions and letters",
            PersonTable::CopiesGiven => "Copies given",
            PersonTable::Plans => "Care and support plans",
            PersonTable::ServiceLines => "Services in plans",
            PersonTable::PlanReviews => "Reviews of plans",
            PersonTable::CapacityAssessments => "Mental capacity and best interests",
            PersonTable::Transitions => "Moving from children's services",
            PersonTable::FinancialAssessments => "Financial assessments",
            PersonTable::ChargingRequests => "Requests for a financial assessment",
        }
    }

    /// The columns that hold a person's id. The first is always the owner.
    pub fn columns(self) -> &'static [PersonColumn] {
        match self {
            PersonTable::Relationships => &[OWNER, PersonColumn { column: "other_person_id", link: Link::Mentions }],
            PersonTable::Assessments => &[OWNER, PersonColumn { column: "cared_for_id", link: Link::Mentions }],
            _ => &[OWNER],
        }
    }

    /// Whether two rows may not both name the same person (the table's key includes the
    /// person): merging then keeps one. Only notes: a note about both records stays once.
    pub(crate) fn keyed_by_person(self) -> Option<&'static str> {
        match self {
            PersonTable::Notes => Some("note_id"),
            _ => None,
        }
    }
}

/// Columns that hold a person's id but are not part of their record, and why.
pub const NOT_PART_OF_THE_RECORD: &[(&str, &str, &str)] = &[(
    "audit_event",
    "person_id",
    "the audit log is evidence of who did what, kept whole and hash-chained; it has no foreign key so \
     that it outlives any record, and the subject access export gives it as the access log",
)];

/// A column of the live schema that names a person: by its name, or by a foreign key.
#[derive(Clone, Debug, PartialEq, Eq, FromQueryResult)]
pub struct SchemaPersonColumn {
    pub table_name: String,
    pub column_name: String,
    /// Whether a foreign key makes the database keep it pointing at a person.
    pub has_key: bool,
}

impl People<'_> {
    /// Every column in the live schema called `person_id` (or ending so), or with a foreign key
    /// to `person`, for the test that keeps [`PersonTable`] complete.
    pub async fn person_columns_in_schema(&self) -> Result<Vec<SchemaPersonColumn>> {
        let sql = match self.store.engine {
            Engine::Sqlite => {
                "SELECT m.name AS table_name, c.name AS column_name, \
                   EXISTS (SELECT 1 FROM pragma_foreign_key_list(m.name) f \
                           WHERE f.\"from\" = c.name AND f.\"table\" = 'person') AS has_key \
                 FROM sqlite_master m JOIN pragma_table_info(m.name) c \
                 WHERE m.type = 'table' AND m.name <> 'person' AND (c.name LIKE '%person_id' \
                   OR EXISTS (SELECT 1 FROM pragma_foreign_key_list(m.name) f \
                              WHERE f.\"from\" = c.name AND f.\"table\" = 'person')) \
                 ORDER BY 1, 2"
            }
            Engine::Postgres => {
                "SELECT c.relname::text AS table_name, a.attname::text AS column_name, \
                   EXISTS (SELECT 1 FROM pg_constraint k WHERE k.contype = 'f' AND k.conrelid = c.oid \
                           AND a.attnum = ANY (k.conkey) AND k.confrelid = 'person'::regclass) AS has_key \
                 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
                   JOIN pg_attribute a ON a.attrelid = c.oid \
                 WHERE c.relkind = 'r' AND n.nspname = current_schema() AND a.attnum > 0 \
                   AND NOT a.attisdropped AND c.relname <> 'person' \
                   AND (a.attname LIKE '%person_id' OR EXISTS (SELECT 1 FROM pg_constraint k \
                        WHERE k.contype = 'f' AND k.conrelid = c.oid AND a.attnum = ANY (k.conkey) \
                          AND k.confrelid = 'person'::regclass)) \
                 ORDER BY 1, 2"
            }
        };
        let backend = self.store.db.get_database_backend();
        Ok(SchemaPersonColumn::find_by_statement(Statement::from_string(backend, sql)).all(&self.store.db).await?)
    }

    /// How many rows of `table` name any of `people` in its owner column.
    pub async fn count_person_rows(&self, table: PersonTable, people: &[PersonId]) -> Result<u64> {
        let mut query = Query::select();
        query
            .expr_as(Expr::col(Alias::new(table.columns()[0].column)).count(), Alias::new("n"))
            .from(Alias::new(table.table()))
            .and_where(Expr::col(Alias::new(table.columns()[0].column)).is_in(people.iter().cloned()));
        let row = self.store.db.query_one(&query).await?;
        let n: i64 = row.map(|r| r.try_get::<i64>("", "n")).transpose()?.unwrap_or(0);
        Ok(u64::try_from(n).unwrap_or(0))
    }
}

/// Moves every row naming `from` to name `to` instead, table by table, in the caller's
/// transaction. Returns how many rows of each table moved.
pub(crate) async fn repoint<C: ConnectionTrait>(
    conn: &C,
    from: &PersonId,
    to: &PersonId,
) -> Result<Vec<(PersonTable, u64)>> {
    let mut moved = Vec::new();
    for table in PersonTable::ALL {
        let mut count = 0;
        for column in table.columns() {
            if let (Some(key), Link::Owner) = (table.keyed_by_person(), column.link) {
                // Rows already naming `to` for the same key would collide: the one naming `from`
                // goes (the row itself stays, under `to`).
                let mut delete = Query::delete();
                delete
                    .from_table(Alias::new(table.table()))
                    .and_where(Expr::col(Alias::new(column.column)).eq(from))
                    .and_where(
                        Expr::col(Alias::new(key)).in_subquery(
                            Query::select()
                                .column(Alias::new(key))
                                .from(Alias::new(table.table()))
                                .and_where(Expr::col(Alias::new(column.column)).eq(to))
                                .to_owned(),
                        ),
                    );
                conn.execute(&delete).await?;
            }
            let mut update = Query::update();
            update
                .table(Alias::new(table.table()))
                .value(Alias::new(column.column), to)
                .and_where(Expr::col(Alias::new(column.column)).eq(from));
            count += conn.execute(&update).await?.rows_affected();
        }
        moved.push((table, count));
    }
    Ok(moved)
}
