//! Whose a record is: for the web layer's one check of every id a request names. Given the kind
//! of record and its id, the people whose record it is part of and the record it sits under (a
//! plan's service line under its plan, a note under the people it is about), or nothing when no
//! such record exists.

use crate::{PersonId, Result, Store};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::{ConnectionTrait, QueryResult};

/// The kinds of record an id in a request can name (besides the directory's, which the web
/// layer's editing scope decides).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RecordKind {
    Person,
    Note,
    Relationship,
    Connection,
    Warning,
    /// Someone who acts for the person (`person_representative`).
    Representative,
    Conversation,
    Task,
    Assessment,
    Plan,
    ServiceLine,
    Capacity,
    Contact,
    FinancialAssessment,
    /// A saved version of a financial assessment, by number under its assessment.
    FinanceVersion,
    ChargingRequest,
    Grant,
    SubjectAccess,
    User,
    Team,
    /// A member of a team, by user id under the team.
    Member,
    Organisation,
    Change,
    Problem,
}

/// Whose a record is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Owner {
    /// The people whose record this is part of: the owner first, then anyone else it is about
    /// (the others a note is about, the other person in a relationship).
    pub people: Vec<PersonId>,
    /// The record it sits under, where it has one (a service line's plan, a change's service).
    pub parent: Option<String>,
    /// For a person merged into another: the record they became.
    pub merged_into: Option<PersonId>,
}

fn text(row: &QueryResult, column: &str) -> Result<Option<String>> {
    Ok(row.try_get::<Option<String>>("", column)?)
}

fn person(row: &QueryResult, column: &str) -> Result<Option<PersonId>> {
    Ok(row.try_get::<Option<PersonId>>("", column)?)
}

impl Store {
    /// One row's columns by id, or none.
    async fn columns_of(&self, table: &str, key: &[(&str, &str)], columns: &[&str]) -> Result<Option<QueryResult>> {
        let mut query = Query::select();
        query.from(Alias::new(table));
        for c in columns {
            query.expr_as(Expr::col(Alias::new(*c)), Alias::new(*c));
        }
        for (column, value) in key {
            query.and_where(Expr::col(Alias::new(*column)).eq(*value));
        }
        Ok(self.db.query_one(&query).await?)
    }

    /// Whose the record `id` of `kind` is (`parent` is the id it sits under in the request, for
    /// kinds numbered within another record). `None` when there is no such record.
    pub async fn owner_of(&self, kind: RecordKind, id: &str, parent: Option<&str>) -> Result<Option<Owner>> {
        use RecordKind::*;
        // Owned by one person, through `person_id`; optionally under a parent column.
        let simple = |table: &'static str, parent_column: Option<&'static str>| (table, parent_column);
        let (table, parent_column) = match kind {
            Person => {
                let Some(row) = self.columns_of("person", &[("id", id)], &["merged_into"]).await? else {
                    return Ok(None);
                };
                return Ok(Some(Owner {
                    people: vec![PersonId::from(id)],
                    parent: None,
                    merged_into: person(&row, "merged_into")?,
                }));
            }
            Note => {
                let mut query = Query::select();
                query
                    .expr_as(Expr::col(Alias::new("person_id")), Alias::new("person_id"))
                    .from(Alias::new("case_note_person"))
                    .and_where(Expr::col(Alias::new("note_id")).eq(id));
                let mut people = Vec::new();
                for row in self.db.query_all(&query).await? {
                    people.extend(person(&row, "person_id")?);
                }
                return Ok((!people.is_empty()).then_some(Owner { people, ..Default::default() }));
            }
            Relationship => {
                let Some(row) =
                    self.columns_of("person_relationship", &[("id", id)], &["person_id", "other_person_id"]).await?
                else {
                    return Ok(None);
                };
                let people =
                    [person(&row, "person_id")?, person(&row, "other_person_id")?].into_iter().flatten().collect();
                return Ok(Some(Owner { people, ..Default::default() }));
            }
            FinanceVersion => {
                let (Some(assessment), Ok(number)) = (parent, id.parse::<i32>()) else { return Ok(None) };
                let mut query = Query::select();
                query
                    .expr_as(Expr::col(Alias::new("assessment_id")), Alias::new("assessment_id"))
                    .from(Alias::new("financial_assessment_version"))
                    .and_where(Expr::col(Alias::new("assessment_id")).eq(assessment))
                    .and_where(Expr::col(Alias::new("version")).eq(number));
                if self.db.query_one(&query).await?.is_none() {
                    return Ok(None);
                }
                return Ok(Some(Owner { parent: Some(assessment.to_owned()), ..Default::default() }));
            }
            Member => {
                let Some(team) = parent else { return Ok(None) };
                let found = self.columns_of("team_member", &[("team_id", team), ("user_id", id)], &["team_id"]).await?;
                return Ok(found.map(|_| Owner { parent: Some(team.to_owned()), ..Default::default() }));
            }
            User | Team | Organisation => {
                let table = match kind {
                    User => "app_user",
                    Team => "team",
                    _ => "directory_organization",
                };
                return Ok(self.columns_of(table, &[("id", id)], &["id"]).await?.map(|_| Owner::default()));
            }
            Change | Problem => {
                let table = if kind == Change { "directory_change" } else { "directory_problem" };
                let Some(row) = self.columns_of(table, &[("id", id)], &["service_id"]).await? else {
                    return Ok(None);
                };
                return Ok(Some(Owner { parent: text(&row, "service_id")?, ..Default::default() }));
            }
            Connection => simple("person_connection", None),
            Warning => simple("person_warning", None),
            Representative => simple("person_representative", None),
            Conversation => simple("conversation", None),
            Task => simple("task", None),
            Assessment => simple("assessment", None),
            Plan => simple("care_plan", None),
            ServiceLine => simple("service_line", Some("plan_id")),
            Capacity => simple("capacity_assessment", None),
            Contact => simple("contact", None),
            FinancialAssessment => simple("financial_assessment", None),
            ChargingRequest => simple("charging_request", None),
            Grant => simple("access_grant", None),
            SubjectAccess => simple("subject_access_request", None),
        };
        let mut columns = vec!["person_id"];
        columns.extend(parent_column);
        let Some(row) = self.columns_of(table, &[("id", id)], &columns).await? else { return Ok(None) };
        Ok(Some(Owner {
            people: person(&row, "person_id")?.into_iter().collect(),
            parent: match parent_column {
                Some(c) => text(&row, c)?,
                None => None,
            },
            merged_into: None,
        }))
    }
}
