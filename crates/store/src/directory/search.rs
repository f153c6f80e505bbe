//! Finding services: every filter the public pages and the Open Referral API offer, combined with
//! AND (the HSDS "cumulative" rule).
//!
//! Words are stemmed, widened by the council's synonyms and forgiven small typing mistakes
//! (`hearth_domain::directory::text`); each word (or synonym group) must match a word in the name,
//! categories or description, through each engine's full-text index (migration m0007). Results
//! rank names above descriptions, or nearest first when the search has a place.

use crate::entities::{
    directory_access, directory_location, directory_opening, directory_service, directory_service_area,
    directory_service_term, directory_synonym, directory_vocabulary,
};
use crate::{Directory, OrganizationId, Result, ServiceAtLocationId, ServiceId, TaxonomyTermId};
use chrono::{DateTime, Utc};
use hearth_domain::directory::geo::{LatLon, bounding_box, distance_m};
use hearth_domain::directory::hsds::Service;
use hearth_domain::directory::index::AccessFeature;
use hearth_domain::directory::text::{SearchQuery, Synonym, forgivable, fts5_query, tsquery};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, LikeExpr, Order, Query, SelectStatement};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::HashMap;

/// Recent public search results on this node, each kept with the directory generation it was
/// computed at. A change anywhere raises the generation (in the database, so every node sees it
/// on its next search), and older results are never served: the cache can make a search faster,
/// never staler. Bounded: when full it starts again.
#[derive(Debug, Default)]
pub struct SearchCache {
    entries: std::sync::Mutex<HashMap<String, (i64, SearchPage)>>,
    /// The public categories (every search page shows them), with their generation.
    categories: std::sync::Mutex<Option<(i64, Categories)>>,
}

/// Categories as (term id, name).
type Categories = Vec<(TaxonomyTermId, String)>;

const SEARCH_CACHE_ENTRIES: usize = 2_000;

impl SearchCache {
    pub(crate) fn categories(&self, generation: i64) -> Option<Categories> {
        let kept = self.categories.lock().unwrap_or_else(|e| e.into_inner());
        kept.as_ref().filter(|(g, _)| *g == generation).map(|(_, c)| c.clone())
    }

    pub(crate) fn keep_categories(&self, generation: i64, categories: &[(TaxonomyTermId, String)]) {
        *self.categories.lock().unwrap_or_else(|e| e.into_inner()) = Some((generation, categories.to_vec()));
    }

    fn get(&self, key: &str, generation: i64) -> Option<SearchPage> {
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries.get(key).filter(|(g, _)| *g == generation).map(|(_, page)| page.clone())
    }

    fn put(&self, key: String, generation: i64, page: &SearchPage) {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if entries.len() >= SEARCH_CACHE_ENTRIES {
            entries.clear();
        }
        entries.insert(key, (generation, page.clone()));
    }
}

/// Places inside the box: by their grid cells when the box covers few (an index lookup per
/// cell), always also by latitude and longitude (the cells overhang the box).
fn near_box(low: LatLon, high: LatLon) -> Condition {
    use directory_location::Column as L;
    let mut c = Condition::all()
        .add(Expr::col((directory_location::Entity, L::Latitude)).between(low.latitude, high.latitude))
        .add(Expr::col((directory_location::Entity, L::Longitude)).between(low.longitude, high.longitude));
    if let Some(cells) = hearth_domain::directory::geo::cells_covering(low, high, 400) {
        c = c.add(Expr::col((directory_location::Entity, L::Cell)).is_in(cells));
    }
    c
}

/// A search. Empty fields do not filter.
#[derive(Clone, Debug, Default)]
pub struct ServiceFilter {
    pub words: Option<String>,
    pub organization_id: Option<OrganizationId>,
    /// Services filed under any of these terms (the caller adds descendants where wanted).
    pub term_ids: Vec<TaxonomyTermId>,
    /// And, separately, under any of these (the Open Referral `taxonomy_id`: any term of a
    /// taxonomy). `Some(empty)` matches nothing.
    pub any_term_of: Option<Vec<TaxonomyTermId>>,
    /// ORUK: services whose minimum age is at least this.
    pub minimum_age_at_least: Option<f64>,
    /// ORUK: services whose maximum age is at most this.
    pub maximum_age_at_most: Option<f64>,
    /// The public pages: services open to someone of this age (no limit counts as open).
    pub suitable_for_age: Option<f64>,
    pub free_only: bool,
    pub modified_after: Option<DateTime<Utc>>,
    /// Open on this day (0 is Monday).
    pub day: Option<u8>,
    /// Opening at or after this time (minutes after midnight), on `day` if given.
    pub opens_from: Option<u16>,
    /// Closing at or before this time.
    pub closes_by: Option<u16>,
    /// Open on any of these days (0 is Monday), such as Saturday or Sunday for "at the weekend".
    pub any_of_days: Vec<u8>,
    /// Open at this moment: a day (0 is Monday) and minutes after midnight, in local time.
    pub open_at: Option<(u8, u16)>,
    /// Every one of these accessibility features.
    pub access: Vec<AccessFeature>,
    /// Within this many metres of this point, nearest first.
    pub near: Option<(LatLon, f64)>,
    /// Leave out services the public should not see.
    pub public_only: bool,
    /// Services that cover a place: those whose service areas include this ONS area code, and
    /// those that state no area at all (no area means no restriction). `Some(None)`: a place whose
    /// area is not known, so only services that state no area.
    pub covers_area: Option<Option<String>>,
}

/// A service found, with how far away it is when the search had a point.
#[derive(Clone, Debug)]
pub struct Found {
    pub service: Service,
    pub distance_m: Option<f64>,
}

#[derive(Clone, Debug)]
pub struct SearchPage {
    pub found: Vec<Found>,
    pub total: u64,
}

/// Services filed under any of `terms`.
fn filed_under(terms: &[TaxonomyTermId]) -> sea_orm::sea_query::SimpleExpr {
    directory_service::Column::Id.in_subquery(
        Query::select()
            .column(directory_service_term::Column::ServiceId)
            .from(directory_service_term::Entity)
            .and_where(directory_service_term::Column::TermId.is_in(terms.to_vec()))
            .to_owned(),
    )
}

impl ServiceFilter {
    /// Every filter but the words and the place, which each search path applies its own way.
    fn condition(&self) -> Condition {
        use directory_service::Column as S;
        let mut c = Condition::all();
        if self.public_only {
            c = c.add(S::Status.eq("active"));
        }
        if let Some(org) = &self.organization_id {
            c = c.add(S::OrganizationId.eq(org.clone()));
        }
        if !self.term_ids.is_empty() {
            c = c.add(filed_under(&self.term_ids));
        }
        if let Some(terms) = &self.any_term_of {
            c = c.add(filed_under(terms));
        }
        if let Some(area) = &self.covers_area {
            let with_areas = Query::select()
                .column(directory_service_area::Column::ServiceId)
                .from(directory_service_area::Entity)
                .to_owned();
            let mut covers = Condition::any().add(S::Id.not_in_subquery(with_areas));
            if let Some(code) = area {
                covers = covers.add(
                    S::Id.in_subquery(
                        Query::select()
                            .column(directory_service_area::Column::ServiceId)
                            .from(directory_service_area::Entity)
                            .and_where(directory_service_area::Column::AreaCode.eq(code.clone()))
                            .to_owned(),
                    ),
                );
            }
            c = c.add(covers);
        }
        if let Some(age) = self.minimum_age_at_least {
            c = c.add(S::MinimumAge.gte(age));
        }
        if let Some(age) = self.maximum_age_at_most {
            c = c.add(S::MaximumAge.lte(age));
        }
        if let Some(age) = self.suitable_for_age {
            c = c
                .add(Condition::any().add(S::MinimumAge.is_null()).add(S::MinimumAge.lte(age)))
                .add(Condition::any().add(S::MaximumAge.is_null()).add(S::MaximumAge.gte(age)));
        }
        if self.free_only {
            c = c.add(S::Free.eq(true));
        }
        if let Some(after) = self.modified_after {
            c = c.add(S::LastModified.gte(after));
        }
        if self.day.is_some() || self.opens_from.is_some() || self.closes_by.is_some() {
            let mut openings = Query::select();
            openings.column(directory_opening::Column::ServiceId).from(directory_opening::Entity);
            if let Some(day) = self.day {
                openings.and_where(directory_opening::Column::Day.eq(i16::from(day)));
            }
            if let Some(from) = self.opens_from {
                openings.and_where(directory_opening::Column::Opens.gte(i32::from(from)));
            }
            if let Some(by) = self.closes_by {
                openings.and_where(directory_opening::Column::Closes.lte(i32::from(by)));
            }
            c = c.add(S::Id.in_subquery(openings.to_owned()));
        }
        for feature in &self.access {
            c = c.add(
                S::Id.in_subquery(
                    Query::select()
                        .column(directory_access::Column::ServiceId)
                        .from(directory_access::Entity)
                        .and_where(directory_access::Column::Feature.eq(feature.key()))
                        .to_owned(),
                ),
            );
        }
        if !self.any_of_days.is_empty() {
            let days: Vec<i16> = self.any_of_days.iter().map(|d| i16::from(*d)).collect();
            c = c.add(
                S::Id.in_subquery(
                    Query::select()
                        .column(directory_opening::Column::ServiceId)
                        .from(directory_opening::Entity)
                        .and_where(directory_opening::Column::Day.is_in(days))
                        .to_owned(),
                ),
            );
        }
        if let Some((day, minute)) = self.open_at {
            c = c.add(
                S::Id.in_subquery(
                    Query::select()
                        .column(directory_opening::Column::ServiceId)
                        .from(directory_opening::Entity)
                        .and_where(directory_opening::Column::Day.eq(i16::from(day)))
                        .and_where(directory_opening::Column::Opens.lte(i32::from(minute)))
                        .and_where(directory_opening::Column::Closes.gt(i32::from(minute)))
                        .to_owned(),
                ),
            );
        }
        c
    }
}

impl Directory<'_> {
    /// Services matching `filter`, a page at a time (from 1). By name, or nearest first when
    /// the filter has a point.
    /// The council's synonyms, by phrase.
    pub async fn synonyms(&self) -> Result<Vec<Synonym>> {
        let rows = directory_synonym::Entity::find()
            .order_by_asc(directory_synonym::Column::Phrase)
            .all(&self.store.db)
            .await?;
        Ok(rows.into_iter().map(|r| Synonym { phrase: r.phrase, means: r.means }).collect())
    }

    /// Adds or changes a synonym (an empty `means` removes it). Audited.
    pub async fn set_synonym(&self, ctx: &crate::AuditContext, phrase: &str, means: &str) -> Result<()> {
        use sea_orm::Set;
        use sea_orm::sea_query::OnConflict;
        let phrase = phrase.trim().to_lowercase();
        let txn = self.store.write().await?;
        if means.trim().is_empty() {
            directory_synonym::Entity::delete_by_id(phrase.clone()).exec(&txn).await?;
        } else {
            directory_synonym::Entity::insert(directory_synonym::ActiveModel {
                phrase: Set(phrase.clone()),
                means: Set(means.trim().to_owned()),
                updated_at: Set(ctx.now),
            })
            .on_conflict(
                OnConflict::column(directory_synonym::Column::Phrase)
                    .update_columns([directory_synonym::Column::Means, directory_synonym::Column::UpdatedAt])
                    .to_owned(),
            )
            .exec_without_returning(&txn)
            .await?;
        }
        crate::audit::append(
            &txn,
            ctx,
            crate::AuditEntry::new("synonym-changed")
                .record("synonym", &phrase)
                .details(serde_json::json!({"means": means.trim()})),
        )
        .await?;
        crate::directory::directory_changed(&txn).await?;
        txn.commit().await?;
        Ok(())
    }

    /// The words of a search, with synonyms and forgiven typing mistakes.
    async fn prepare(&self, words: Option<&str>) -> Result<SearchQuery> {
        let Some(words) = words else { return Ok(SearchQuery::default()) };
        let synonyms = hearth_domain::directory::text::with_common_synonyms(self.synonyms().await?);
        let mut query = SearchQuery::parse(words, &synonyms);
        let singles: Vec<String> = query.groups.iter().filter(|g| g.len() == 1).map(|g| g[0].clone()).collect();
        for stem in singles {
            let exact = directory_vocabulary::Entity::find_by_id(stem.clone()).one(&self.store.db).await?.is_some();
            if exact {
                continue;
            }
            // Part of a word ("demen"): match words that start with it.
            let starts = stem.chars().count() >= 3
                && directory_vocabulary::Entity::find()
                    .filter(
                        directory_vocabulary::Column::Token
                            .like(LikeExpr::new(format!("{}%", crate::query::escape_like(&stem))).escape('\\')),
                    )
                    .one(&self.store.db)
                    .await?
                    .is_some();
            if starts {
                query.widen(&stem, &[format!("{stem}*")]);
                continue;
            }
            if stem.chars().count() < 4 {
                continue;
            }
            // Most mistakes keep the first letter; look only among words that start with it.
            let first: String = stem.chars().take(1).collect();
            let candidates: Vec<String> = directory_vocabulary::Entity::find()
                .filter(
                    directory_vocabulary::Column::Token
                        .like(LikeExpr::new(format!("{}%", crate::query::escape_like(&first))).escape('\\')),
                )
                .select_only()
                .column(directory_vocabulary::Column::Token)
                .into_tuple()
                .all(&self.store.db)
                .await?;
            let near: Vec<String> = candidates.into_iter().filter(|c| forgivable(&stem, c)).collect();
            query.widen(&stem, &near);
        }
        Ok(query)
    }

    /// Services matching `filter`, a page at a time (from 1). Public searches are answered from
    /// this node's cache while the directory has not changed since (see [`SearchCache`]).
    pub async fn search_services(&self, filter: &ServiceFilter, page: u64, per_page: u64) -> Result<SearchPage> {
        let Some(cache) = self.store.search_cache.as_ref().filter(|_| filter.public_only) else {
            return self.search_uncached(filter, page, per_page).await;
        };
        let key = format!("{filter:?}|{page}|{per_page}");
        let generation = self.directory_generation().await?;
        if let Some(hit) = cache.get(&key, generation) {
            return Ok(hit);
        }
        let found = self.search_uncached(filter, page, per_page).await?;
        cache.put(key, generation, &found);
        Ok(found)
    }

    /// The directory's generation: raised by every change that could alter a search's results.
    pub(crate) async fn directory_generation(&self) -> Result<i64> {
        use sea_orm::Statement;
        let backend = self.store.db.get_database_backend();
        let row = self
            .store
            .db
            .query_one_raw(Statement::from_string(backend, "SELECT generation FROM directory_generation WHERE id = 1"))
            .await?;
        Ok(row.map(|r| r.try_get_by_index::<i64>(0)).transpose()?.unwrap_or(0))
    }

    /// The same search, always asking the database.
    pub async fn search_uncached(&self, filter: &ServiceFilter, page: u64, per_page: u64) -> Result<SearchPage> {
        let prepared = self.prepare(filter.words.as_deref().filter(|w| !w.trim().is_empty())).await?;
        let offset = page.saturating_sub(1) * per_page;
        let condition = filter.condition();
        if let Some((centre, radius)) = filter.near {
            return self.search_near(&prepared, condition, centre, radius, offset, per_page).await;
        }
        if !prepared.is_empty() {
            return self.search_ranked(&prepared, condition, offset, per_page).await;
        }
        let query = directory_service::Entity::find().filter(condition);
        let total = sea_orm::PaginatorTrait::count(query.clone(), &self.store.db).await?;
        let ids: Vec<ServiceId> = query
            .select_only()
            .column(directory_service::Column::Id)
            .order_by_asc(directory_service::Column::Name)
            .order_by_asc(directory_service::Column::Id)
            .offset(offset)
            .limit(per_page)
            .into_tuple()
            .all(&self.store.db)
            .await?;
        let found =
            self.documents(&ids).await?.into_iter().map(|(_, service)| Found { service, distance_m: None }).collect();
        Ok(SearchPage { found, total })
    }

    /// The full-text match as a condition on `directory_service`, for searches that do not rank.
    fn text_condition(&self, query: &SearchQuery) -> Expr {
        match self.store.engine {
            crate::Engine::Sqlite => Expr::cust_with_values(
                "directory_service.rowid IN \
                 (SELECT rowid FROM directory_service_fts WHERE directory_service_fts MATCH ?)",
                [fts5_query(query)],
            ),
            crate::Engine::Postgres => {
                Expr::cust_with_values("directory_service.search_vector @@ to_tsquery('simple', $1)", [tsquery(query)])
            }
        }
    }

    /// Words without a place: the engine's full-text index finds and ranks (names above the rest,
    /// then by name), and only the page's documents are read.
    async fn search_ranked(
        &self,
        prepared: &SearchQuery,
        condition: Condition,
        offset: u64,
        per_page: u64,
    ) -> Result<SearchPage> {
        use directory_service::Column as S;
        let matching = |select: &mut SelectStatement| {
            match self.store.engine {
                crate::Engine::Sqlite => {
                    select.from(Alias::new("directory_service_fts")).inner_join(
                        directory_service::Entity,
                        Expr::cust("directory_service.rowid = directory_service_fts.rowid"),
                    );
                    select.and_where(Expr::cust_with_values("directory_service_fts MATCH ?", [fts5_query(prepared)]));
                }
                crate::Engine::Postgres => {
                    select.from(directory_service::Entity).and_where(self.text_condition(prepared));
                }
            }
            select.cond_where(condition.clone());
        };
        let mut count = Query::select();
        count.expr(Expr::cust("count(*)"));
        matching(&mut count);
        let total =
            self.store.db.query_one(&count).await?.map(|r| r.try_get_by_index::<i64>(0)).transpose()?.unwrap_or(0);
        let mut page = Query::select();
        page.column((directory_service::Entity, S::Id));
        matching(&mut page);
        match self.store.engine {
            crate::Engine::Sqlite => page.order_by_expr(Expr::cust("directory_service_fts.rank"), Order::Asc),
            crate::Engine::Postgres => page.order_by_expr(
                Expr::cust_with_values(
                    "ts_rank(directory_service.search_vector, to_tsquery('simple', $1))",
                    [tsquery(prepared)],
                ),
                Order::Desc,
            ),
        };
        page.order_by((directory_service::Entity, S::Name), Order::Asc)
            .order_by((directory_service::Entity, S::Id), Order::Asc)
            .limit(per_page)
            .offset(offset);
        let ids: Vec<ServiceId> = self
            .store
            .db
            .query_all(&page)
            .await?
            .into_iter()
            .map(|r| r.try_get_by_index::<ServiceId>(0))
            .collect::<std::result::Result<_, _>>()?;
        let found =
            self.documents(&ids).await?.into_iter().map(|(_, service)| Found { service, distance_m: None }).collect();
        Ok(SearchPage { found, total: u64::try_from(total).unwrap_or(0) })
    }

    /// A place (and perhaps words): one query finds every matching service's places in a box
    /// around the point, then the exact distance of each service's nearest place decides.
    async fn search_near(
        &self,
        prepared: &SearchQuery,
        mut condition: Condition,
        centre: LatLon,
        radius: f64,
        offset: u64,
        per_page: u64,
    ) -> Result<SearchPage> {
        use directory_location::Column as L;
        if !prepared.is_empty() {
            condition = condition.add(self.text_condition(prepared));
        }
        let (low, high) = bounding_box(centre, radius);
        let places = Query::select()
            .column((directory_location::Entity, L::ServiceId))
            .column((directory_location::Entity, L::Latitude))
            .column((directory_location::Entity, L::Longitude))
            .from(directory_location::Entity)
            .inner_join(
                directory_service::Entity,
                Expr::col((directory_service::Entity, directory_service::Column::Id))
                    .equals((directory_location::Entity, L::ServiceId)),
            )
            .cond_where(condition)
            .cond_where(near_box(low, high))
            .to_owned();
        let mut nearest: HashMap<ServiceId, f64> = HashMap::new();
        for row in self.store.db.query_all(&places).await? {
            let (id, latitude, longitude): (ServiceId, f64, f64) =
                (row.try_get_by_index(0)?, row.try_get_by_index(1)?, row.try_get_by_index(2)?);
            let d = distance_m(centre, LatLon { latitude, longitude });
            if d <= radius {
                let best = nearest.entry(id).or_insert(d);
                *best = best.min(d);
            }
        }
        let mut ranked: Vec<(ServiceId, f64)> = nearest.into_iter().collect();
        ranked.sort_by(|a, b| a.1.total_cmp(&b.1).then_with(|| a.0.cmp(&b.0)));
        let total = ranked.len() as u64;
        let page: Vec<(ServiceId, f64)> = ranked.into_iter().skip(offset as usize).take(per_page as usize).collect();
        let ids: Vec<ServiceId> = page.iter().map(|(id, _)| id.clone()).collect();
        let distances: HashMap<ServiceId, f64> = page.into_iter().collect();
        let found = self
            .documents(&ids)
            .await?
            .into_iter()
            .map(|(id, service)| Found { service, distance_m: distances.get(&id).copied() })
            .collect();
        Ok(SearchPage { found, total })
    }
}

/// A place a service is delivered (an HSDS service-at-location), found by a search.
#[derive(Clone, Debug)]
pub struct FoundPlace {
    pub service_at_location_id: String,
    pub service: Service,
    pub distance_m: Option<f64>,
}

impl Directory<'_> {
    /// The places (service-at-locations with a map position) of services matching `filter`,
    /// nearest first when the filter has a point, otherwise by service name. A page at a time.
    pub async fn search_places(
        &self,
        filter: &ServiceFilter,
        page: u64,
        per_page: u64,
    ) -> Result<(Vec<FoundPlace>, u64)> {
        use directory_location::Column as L;
        let prepared = self.prepare(filter.words.as_deref().filter(|w| !w.trim().is_empty())).await?;
        let mut condition = filter.condition();
        if !prepared.is_empty() {
            condition = condition.add(self.text_condition(&prepared));
        }
        let mut places = Query::select();
        places
            .column((directory_location::Entity, L::ServiceAtLocationId))
            .column((directory_location::Entity, L::ServiceId))
            .column((directory_location::Entity, L::Latitude))
            .column((directory_location::Entity, L::Longitude))
            .column((directory_service::Entity, directory_service::Column::Name))
            .from(directory_location::Entity)
            .inner_join(
                directory_service::Entity,
                Expr::col((directory_service::Entity, directory_service::Column::Id))
                    .equals((directory_location::Entity, L::ServiceId)),
            )
            .cond_where(condition);
        if let Some((centre, radius)) = filter.near {
            let (low, high) = bounding_box(centre, radius);
            places.cond_where(near_box(low, high));
        }
        let mut rows: Vec<(String, ServiceId, Option<f64>, String)> = Vec::new();
        for row in self.store.db.query_all(&places).await? {
            let (sal, service, latitude, longitude, name): (String, ServiceId, f64, f64, String) = (
                row.try_get_by_index(0)?,
                row.try_get_by_index(1)?,
                row.try_get_by_index(2)?,
                row.try_get_by_index(3)?,
                row.try_get_by_index(4)?,
            );
            match filter.near {
                Some((centre, radius)) => {
                    let d = distance_m(centre, LatLon { latitude, longitude });
                    if d <= radius {
                        rows.push((sal, service, Some(d), name));
                    }
                }
                None => rows.push((sal, service, None, name)),
            }
        }
        rows.sort_by(|a, b| {
            let by_distance = a.2.unwrap_or(0.0).total_cmp(&b.2.unwrap_or(0.0));
            by_distance.then_with(|| a.3.cmp(&b.3)).then_with(|| a.0.cmp(&b.0))
        });
        let total = rows.len() as u64;
        let offset = page.saturating_sub(1) * per_page;
        let page: Vec<_> = rows.into_iter().skip(offset as usize).take(per_page as usize).collect();
        let mut ids: Vec<ServiceId> = page.iter().map(|r| r.1.clone()).collect();
        ids.dedup();
        let docs: HashMap<ServiceId, Service> = self.documents(&ids).await?.into_iter().collect();
        let found = page
            .into_iter()
            .filter_map(|(sal, service, distance_m, _)| {
                docs.get(&service).map(|s| FoundPlace { service_at_location_id: sal, service: s.clone(), distance_m })
            })
            .collect();
        Ok((found, total))
    }

    /// The service a place belongs to, by the place's (service-at-location's) id.
    pub async fn service_of_place(&self, service_at_location_id: &ServiceAtLocationId) -> Result<Option<Service>> {
        let Some(place) =
            directory_location::Entity::find_by_id(service_at_location_id.to_owned()).one(&self.store.db).await?
        else {
            return Ok(None);
        };
        self.service(&place.service_id).await
    }

    /// Documents for these ids, in the same order (any removed meanwhile are left out).
    async fn documents(&self, ids: &[ServiceId]) -> Result<Vec<(ServiceId, Service)>> {
        super::services::documents(&self.store.db, ids).await
    }
}
