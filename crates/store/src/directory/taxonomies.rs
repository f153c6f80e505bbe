//! Taxonomies and their terms: imported lists (such as the LGA's) and the terms services carry.

use crate::audit::{AuditContext, AuditEntry, append};
use crate::entities::{taxonomy, taxonomy_term};
use crate::query::contains;
use crate::{Directory, Result, TaxonomyId, TaxonomyTermId};
use hearth_domain::directory::hsds::{Taxonomy, TaxonomyTerm};
use hearth_domain::directory::taxonomy::TaxonomyImport;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, Condition, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set};

/// Which terms to list.
#[derive(Clone, Debug, Default)]
pub struct TermFilter {
    pub taxonomy_id: Option<String>,
    pub parent_id: Option<String>,
    /// Only terms without a parent.
    pub top_only: bool,
    /// Words in the name or description.
    pub search: Option<String>,
}

fn to_taxonomy(row: taxonomy::Model) -> Taxonomy {
    Taxonomy { id: row.id, name: row.name, description: row.description, uri: row.uri, version: row.version }
}

fn to_term(row: taxonomy_term::Model) -> TaxonomyTerm {
    TaxonomyTerm {
        id: row.id,
        name: row.name,
        description: row.description,
        code: row.code,
        parent_id: row.parent_id,
        taxonomy_id: row.taxonomy_id,
        term_uri: row.term_uri,
        ..Default::default()
    }
}

impl Directory<'_> {
    /// Saves a taxonomy and its terms, all or nothing; terms already here (by id) are updated.
    pub async fn import_taxonomy(&self, ctx: &AuditContext, import: &TaxonomyImport) -> Result<usize> {
        let txn = self.store.write().await?;
        let t = &import.taxonomy;
        taxonomy::Entity::insert(taxonomy::ActiveModel {
            id: Set(t.id.clone()),
            name: Set(t.name.clone()),
            description: Set(t.description.clone()),
            uri: Set(t.uri.clone()),
            version: Set(t.version.clone()),
        })
        .on_conflict(
            OnConflict::column(taxonomy::Column::Id)
                .update_columns([
                    taxonomy::Column::Name,
                    taxonomy::Column::Description,
                    taxonomy::Column::Uri,
                    taxonomy::Column::Version,
                ])
                .to_owned(),
        )
        .exec_without_returning(&txn)
        .await?;
        for chunk in import.terms.chunks(200) {
            taxonomy_term::Entity::insert_many(chunk.iter().map(|term| taxonomy_term::ActiveModel {
                id: Set(term.id.clone()),
                taxonomy_id: Set(Some(t.id.clone())),
                parent_id: Set(term.parent_id.clone()),
                code: Set(term.code.clone()),
                name: Set(term.name.clone()),
                description: Set(term.description.clone()),
                term_uri: Set(term.term_uri.clone()),
            }))
            .on_conflict(
                OnConflict::column(taxonomy_term::Column::Id)
                    .update_columns([
                        taxonomy_term::Column::TaxonomyId,
                        taxonomy_term::Column::ParentId,
                        taxonomy_term::Column::Code,
                        taxonomy_term::Column::Name,
                        taxonomy_term::Column::Description,
                        taxonomy_term::Column::TermUri,
                    ])
                    .to_owned(),
            )
            .exec_without_returning(&txn)
            .await?;
        }
        append(
            &txn,
            ctx,
            AuditEntry::new("taxonomy-imported")
                .record("taxonomy", &t.id)
                .details(serde_json::json!({"name": t.name, "terms": import.terms.len()})),
        )
        .await?;
        crate::directory::directory_changed(&txn).await?;
        txn.commit().await?;
        Ok(import.terms.len())
    }

    /// Taxonomies by name, a page at a time, with the total.
    pub async fn taxonomies(&self, search: Option<&str>, page: u64, per_page: u64) -> Result<(Vec<Taxonomy>, u64)> {
        let mut query = taxonomy::Entity::find();
        if let Some(words) = search.filter(|w| !w.trim().is_empty()) {
            query = query.filter(
                Condition::any()
                    .add(contains(taxonomy::Column::Name, words))
                    .add(contains(taxonomy::Column::Description, words)),
            );
        }
        let total = query.clone().count(&self.store.db).await?;
        let rows = query
            .order_by_asc(taxonomy::Column::Name)
            .order_by_asc(taxonomy::Column::Id)
            .offset(page.saturating_sub(1) * per_page)
            .limit(per_page)
            .all(&self.store.db)
            .await?;
        Ok((rows.into_iter().map(to_taxonomy).collect(), total))
    }

    pub async fn taxonomy(&self, id: &TaxonomyId) -> Result<Option<Taxonomy>> {
        Ok(taxonomy::Entity::find_by_id(id.to_owned()).one(&self.store.db).await?.map(to_taxonomy))
    }

    /// Terms by name, a page at a time, with the total.
    pub async fn taxonomy_terms(
        &self,
        filter: &TermFilter,
        page: u64,
        per_page: u64,
    ) -> Result<(Vec<TaxonomyTerm>, u64)> {
        let mut query = taxonomy_term::Entity::find();
        if let Some(id) = &filter.taxonomy_id {
            query = query.filter(taxonomy_term::Column::TaxonomyId.eq(id.clone()));
        }
        if let Some(id) = &filter.parent_id {
            query = query.filter(taxonomy_term::Column::ParentId.eq(id.clone()));
        }
        if filter.top_only {
            query = query.filter(taxonomy_term::Column::ParentId.is_null());
        }
        if let Some(words) = filter.search.as_deref().filter(|w| !w.trim().is_empty()) {
            query = query.filter(
                Condition::any()
                    .add(contains(taxonomy_term::Column::Name, words))
                    .add(contains(taxonomy_term::Column::Description, words)),
            );
        }
        let total = query.clone().count(&self.store.db).await?;
        let rows = query
            .order_by_asc(taxonomy_term::Column::Name)
            .order_by_asc(taxonomy_term::Column::Id)
            .offset(page.saturating_sub(1) * per_page)
            .limit(per_page)
            .all(&self.store.db)
            .await?;
        Ok((rows.into_iter().map(to_term).collect(), total))
    }

    pub async fn taxonomy_term(&self, id: &TaxonomyTermId) -> Result<Option<TaxonomyTerm>> {
        Ok(taxonomy_term::Entity::find_by_id(id.to_owned()).one(&self.store.db).await?.map(to_term))
    }

    /// A term and every term below it, for searches that include narrower terms.
    pub async fn term_and_descendants(&self, id: &TaxonomyTermId) -> Result<Vec<TaxonomyTermId>> {
        let mut all = vec![id.to_owned()];
        let mut frontier = vec![id.to_owned()];
        // Bounded, so a cycle in imported data cannot loop for ever.
        for _ in 0..20 {
            if frontier.is_empty() {
                break;
            }
            let children: Vec<TaxonomyTermId> = taxonomy_term::Entity::find()
                .filter(taxonomy_term::Column::ParentId.is_in(frontier.clone()))
                .select_only()
                .column(taxonomy_term::Column::Id)
                .into_tuple()
                .all(&self.store.db)
                .await?;
            frontier = children.into_iter().filter(|c| !all.contains(c)).collect();
            all.extend(frontier.iter().cloned());
        }
        Ok(all)
    }

    /// Every term of a taxonomy.
    pub async fn terms_of_taxonomy(&self, taxonomy_id: &TaxonomyId) -> Result<Vec<TaxonomyTermId>> {
        Ok(taxonomy_term::Entity::find()
            .filter(taxonomy_term::Column::TaxonomyId.eq(taxonomy_id))
            .select_only()
            .column(taxonomy_term::Column::Id)
            .into_tuple()
            .all(&self.store.db)
            .await?)
    }
}

/// A taxonomy's terms for the editing pages: all of them when the list is short enough to show.
#[derive(Clone, Debug)]
pub struct TermGroup {
    /// `None` for terms that came with services and belong to no imported taxonomy.
    pub taxonomy: Option<Taxonomy>,
    pub total: u64,
    /// Empty when there are more than the page can show (then editors find terms by words).
    pub terms: Vec<TaxonomyTerm>,
}

impl Directory<'_> {
    /// Every taxonomy with its terms (up to `max_terms` each, or none if it has more), and the
    /// terms of no taxonomy last.
    pub async fn term_groups(&self, max_terms: u64) -> Result<Vec<TermGroup>> {
        let mut groups = Vec::new();
        let mut taxonomies: Vec<Option<Taxonomy>> = taxonomy::Entity::find()
            .order_by_asc(taxonomy::Column::Name)
            .all(&self.store.db)
            .await?
            .into_iter()
            .map(to_taxonomy)
            .map(Some)
            .collect();
        taxonomies.push(None);
        for t in taxonomies {
            let query = match &t {
                Some(t) => taxonomy_term::Entity::find().filter(taxonomy_term::Column::TaxonomyId.eq(t.id.clone())),
                None => taxonomy_term::Entity::find().filter(taxonomy_term::Column::TaxonomyId.is_null()),
            };
            let total = query.clone().count(&self.store.db).await?;
            if total == 0 {
                continue;
            }
            let terms = if total <= max_terms {
                query
                    .order_by_asc(taxonomy_term::Column::Name)
                    .all(&self.store.db)
                    .await?
                    .into_iter()
                    .map(to_term)
                    .collect()
            } else {
                Vec::new()
            };
            groups.push(TermGroup { taxonomy: t, total, terms });
        }
        Ok(groups)
    }

    /// The terms with these ids, in the order given (unknown ids left out).
    pub async fn terms_by_ids(&self, ids: &[TaxonomyTermId]) -> Result<Vec<TaxonomyTerm>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let rows = taxonomy_term::Entity::find()
            .filter(taxonomy_term::Column::Id.is_in(ids.to_vec()))
            .all(&self.store.db)
            .await?;
        let mut terms: Vec<TaxonomyTerm> = rows.into_iter().map(to_term).collect();
        terms.sort_by_key(|t| ids.iter().position(|i| *i == t.id));
        Ok(terms)
    }
}
